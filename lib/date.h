/*
 * date - calendar dates and instants as people type them and as the
 * database stores them: ISO 8601 in, ISO 8601 out, relative words
 * (today, tomorrow, yesterday, +3d, -2w), the clinic's time zone for
 * local times, UTC in storage.
 */
#ifndef CLINIX_DATE_H
#define CLINIX_DATE_H

#include <time.h>

#define DATE_LEN	11	/* "2026-11-27" + NUL */
#define STAMP_LEN	32	/* "2026-11-27T09:30:00.000Z" + NUL, and slack */
#define DATE_TITLE_LEN	24	/* "Wednesday 2026-11-27" + NUL, and slack */

/* Set the zone local times are read and shown in; 0 or -1 if unknown. */
int	 date_set_zone(const char *);
int	 date_zone_valid(const char *);

int	 date_valid(int y, int m, int d);
/* A calendar day: "2026-11-27", "today", "+3d", ...  0 or -1. */
int	 date_parse_day(const char *, char out[DATE_LEN]);
/*
 * An instant: a day (its local midnight), "2026-11-27T09:30[:ss]" local,
 * or with "Z" / "+hh:mm".  A local time that does not exist (spring
 * forward) or is ambiguous (fall back) without an offset is refused.
 * 0, or -1 with *why set to a static reason.
 */
int	 date_parse_instant(const char *, time_t *, const char **why);
/* A day months and days after day (months first, clamped): 0 or -1. */
int	 date_add(const char *day, long days, long months, char out[DATE_LEN]);
/* The instant of minute (since midnight) on a local day; refusals as above. */
int	 date_at_minute(const char *day, int minute, time_t *, const char **why);
/* The local day of an instant, its weekday (1 = monday) and minute. */
void	 date_day_of(time_t, char day[DATE_LEN], int *weekday, int *minute);
void	 date_utc(time_t, char out[STAMP_LEN]);	/* 2026-11-27T14:30:00Z */
/*
 * 2026-11-27T09:30, local; with its offset (2026-11-01T01:30-04:00) when
 * that wall time happens twice, the day clocks go back.
 */
void	 date_local(time_t, char out[STAMP_LEN]);
void	 date_now_stamp(char out[STAMP_LEN]);	/* UTC with milliseconds */
/* A day as an agenda's title, "Friday 2026-11-27" (English): 0 or -1. */
int	 date_title(const char *day, char out[DATE_TITLE_LEN]);

#endif

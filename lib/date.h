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
/* Seconds east of UTC the clinic's zone is at t. */
long	 date_gmtoff(time_t);
/*
 * 2026-11-27T09:30, local; with its offset (2026-11-01T01:30-04:00) when
 * that wall time happens twice, the day clocks go back.
 */
void	 date_local(time_t, char out[STAMP_LEN]);
void	 date_now_stamp(char out[STAMP_LEN]);	/* UTC with milliseconds */
/* A day as an agenda's title, "Friday 2026-11-27" (English): 0 or -1. */
int	 date_title(const char *day, char out[DATE_TITLE_LEN]);

/* SQL fragments, for the statements that show stored instants. */
/*
 * The offset of c, "-04:00", when its wall time repeats (the same an hour
 * on or back: the one-hour change nearly every zone makes); else "".
 * date_local finds it in C for any change.
 */
#define DATE_SQL_REPEATED(c) \
	" CASE WHEN strftime('%H:%M', " c ", 'localtime') IN" \
	" (strftime('%H:%M', " c ", '+1 hour', 'localtime')," \
	" strftime('%H:%M', " c ", '-1 hour', 'localtime')) THEN" \
	" (SELECT printf('%s%02d:%02d', CASE WHEN o < 0 THEN '-' ELSE '+'" \
	" END, abs(o) / 60, abs(o) % 60) FROM (SELECT CAST(round((" \
	" julianday(" c ", 'localtime') - julianday(" c ")) * 1440)" \
	" AS INTEGER) AS o)) ELSE '' END"
/*
 * A stored UTC instant shown in the clinic's zone (TZ is set to it), as
 * date_local shows it: with its offset (-04:00) when the wall time
 * repeats, an hour on or back showing the same, the day clocks go back.
 */
#define DATE_SQL_LOCAL(c) \
	"(strftime('%Y-%m-%dT%H:%M', " c ", 'localtime') ||" \
	DATE_SQL_REPEATED(c) ")"

#endif

/*
 * hours - the schedule's small grammars as people type them: weekdays
 * ("mon-fri", "mon,wed,fri"), a day's working ranges ("08:00-12:00,
 * 13:00-17:00" or "off") and a visit's length ("40m", "1h30m").
 */
#ifndef CLINIX_HOURS_H
#define CLINIX_HOURS_H

struct buf;

#define HOURS_MAX_RANGES 24	/* working ranges in one day */
#define VISIT_MIN_LEN	5	/* minutes: the shortest visit */
#define VISIT_MAX_LEN	720	/* 12 hours: the longest */

struct hours_range {
	int	 start, end;	/* minutes since midnight, start < end */
};

/*
 * Days: bit d of *set for weekday d (1 = mon ... 7 = sun), any case.  A
 * range runs forward, so "fri-mon" is refused: 0 or -1.
 */
int	 hours_days(const char *, unsigned *set);
/*
 * Ranges into r[], sorted; "off" or "" is none.  How many, or -1 with
 * the reason ("hours: ...") added to why.  Touching ranges are fine,
 * overlapping ones are not.
 */
int	 hours_ranges(const char *, struct hours_range r[HOURS_MAX_RANGES],
	    struct buf *why);
/*
 * A visit length, "40m", "1h", "1h30m", "90m": hours before minutes,
 * each unit once and spelt out (a bare "90" is refused: minutes or
 * hours?), from VISIT_MIN_LEN to VISIT_MAX_LEN.  0, or -1 with *why a
 * static reason to follow "length 'S': ".
 */
int	 visit_length_parse(const char *, int *minutes, const char **why);

#endif

/*
 * tz.h - the clock set-up the date, span and ical unit tests share: the
 * UTC instant of a wall time worked by the C library (timegm(3)), not by
 * lib/date.c, and a way to put the process in a zone.
 *
 * Header-only and static, like tap.h: every test program is one file.
 */
#ifndef CLINIX_TZ_H
#define CLINIX_TZ_H

#include <stdlib.h>
#include <time.h>

/* The UTC instant of a wall time, by the C library, not by date.c. */
static inline time_t
utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
	    .tm_hour = h, .tm_min = mi, .tm_sec = s };

	return timegm(&tm);
}

/* Put the process in zone tz behind date.c's back, as a user's TZ would. */
static inline void
tz_set(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

#endif

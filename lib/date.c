/*
 * date - parsing and formatting of dates and instants.  Calendar arithmetic
 * is done on the civil date alone (days from 1970 by Howard Hinnant's
 * algorithm) so that "+1d" across a DST change is still one day.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "util.h"

/* A zone is a compiled tzfile: glibc quietly takes anything else as UTC. */
int
date_zone_valid(const char *tz)
{
	char	*path, magic[4];
	FILE	*f;
	int	 ok = 0;

	if (strcmp(tz, "UTC") == 0)
		return 1;
	if (*tz == '\0' || *tz == '/' || strstr(tz, "..") != NULL)
		return 0;
	path = xasprintf("/usr/share/zoneinfo/%s", tz);
	if ((f = fopen(path, "rb")) != NULL) {
		ok = fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
		fclose(f);
	}
	free(path);
	return ok;
}

/* Bumped when the zone changes: today()'s remembered day is stale. */
static unsigned	zone_gen;

int
date_set_zone(const char *tz)
{
	if (!date_zone_valid(tz))
		return -1;
	setenv("TZ", tz, 1);
	tzset();
	zone_gen++;
	return 0;
}

/*
 * n decimal digits of v at s, zero-padded.  An import formats a few dates
 * per row; snprintf was a tenth of its instructions.
 */
static char *
put_digits(char *s, int v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		s[i] = (char)('0' + v % 10);
	return s + n;
}

/* "YYYY-MM-DD" for a day date_valid takes (years 1 to 9999). */
static void
put_day(char out[DATE_LEN], int y, int m, int d)
{
	char *s = put_digits(out, y, 4);

	*s++ = '-';
	s = put_digits(s, m, 2);
	*s++ = '-';
	s = put_digits(s, d, 2);
	*s = '\0';
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Exactly n digits. */
static int
digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* "YYYY-MM-DD" at s, which must be a valid day; 0 or -1. */
static int
iso_day(const char *s, int *y, int *m, int *d)
{
	if (digits(s, 4, y) || s[4] != '-' || digits(s + 5, 2, m) ||
	    s[7] != '-' || digits(s + 8, 2, d))
		return -1;
	return date_valid(*y, *m, *d) ? 0 : -1;
}

/*
 * The local day, worked out again only when the second or the zone has
 * changed: an import checks every date against it.
 */
static void
today(int *y, int *m, int *d)
{
	static time_t	 last = -1;
	static unsigned	 gen;
	static struct tm tm;
	time_t		 now = time(NULL);

	if (now != last || gen != zone_gen) {
		localtime_r(&now, &tm);
		last = now;
		gen = zone_gen;
	}
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

/* Months later, the day clamped to the month's last (Jan 31 + 1m: Feb 28). */
static int
add_months(int *y, int *m, int *d, long months)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	long t = (long)*y * 12 + (*m - 1) + months;

	if (t < 12 || t >= 10000L * 12)	/* years 1 to 9999 */
		return -1;
	*y = (int)(t / 12);
	*m = (int)(t % 12) + 1;
	if (*d > mdays[*m - 1] + (*m == 2 && leap(*y)))
		*d = mdays[*m - 1] + (*m == 2 && leap(*y));
	return 0;
}

int
date_add(const char *day, long days, long months, char out[DATE_LEN])
{
	int y, m, d;

	if (iso_day(day, &y, &m, &d) != 0 || add_months(&y, &m, &d, months))
		return -1;
	civil_from_days(days_from_civil(y, m, d) + days, &y, &m, &d);
	if (y < 1 || y > 9999)
		return -1;
	put_day(out, y, m, d);
	return 0;
}

int
date_title(const char *day, char out[DATE_TITLE_LEN])
{
	static const char *const names[] = { "Thursday", "Friday",
	    "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday" };
	int	y, m, d;
	long	n;

	if (iso_day(day, &y, &m, &d) != 0)
		return -1;
	n = days_from_civil(y, m, d) % 7;	/* day 0, 1970-01-01, a Thursday */
	snprintf(out, DATE_TITLE_LEN, "%s %.10s", names[n < 0 ? n + 7 : n],
	    day);
	return 0;
}

int
date_parse_day(const char *s, char out[DATE_LEN])
{
	int	 y, m, d;
	long	 n, off = 0;
	char	*end;

	if (strlen(s) == 10 && iso_day(s, &y, &m, &d) == 0) {
		memcpy(out, s, DATE_LEN);	/* already as put_day writes it */
		return 0;
	}
	today(&y, &m, &d);
	if (strcmp(s, "today") == 0)
		goto done;
	if (strcmp(s, "tomorrow") == 0)
		off = 1;
	else if (strcmp(s, "yesterday") == 0)
		off = -1;
	else if ((*s == '+' || *s == '-') && isdigit((unsigned char)s[1])) {
		n = strtol(s + 1, &end, 10);
		if (n > 36600 || end[0] == '\0' || end[1] != '\0')
			return -1;
		if (*s == '-')
			n = -n;
		switch (*end) {
		case 'd': off = n; break;
		case 'w': off = 7 * n; break;
		case 'm': case 'y':
			if (add_months(&y, &m, &d, *end == 'm' ? n : 12 * n))
				return -1;
			break;
		default: return -1;
		}
	} else
		return -1;
	civil_from_days(days_from_civil(y, m, d) + off, &y, &m, &d);
	if (y < 1 || y > 9999)
		return -1;
done:
	put_day(out, y, m, d);
	return 0;
}

/* Local wall time to an instant, refusing gaps and overlaps. */
static int from_local(int, int, int, int, int, int, time_t *, const char **);

int
date_at_minute(const char *day, int minute, time_t *t, const char **why)
{
	int y, mo, d;

	if (iso_day(day, &y, &mo, &d) != 0 || minute < 0 || minute >= 1440) {
		*why = "not a date or time";
		return -1;
	}
	return from_local(y, mo, d, minute / 60, minute % 60, 0, t, why);
}

void
date_day_of(time_t t, char day[DATE_LEN], int *weekday, int *minute)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(day, DATE_LEN, "%Y-%m-%d", &tm);
	if (weekday)
		*weekday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
	if (minute)
		*minute = tm.tm_hour * 60 + tm.tm_min;
}

static int
from_local(int y, int mo, int d, int h, int mi, int s, time_t *t,
    const char **why)
{
	struct tm	tm = { 0 }, a, b;
	time_t		t0, t1;

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	a = tm;
	a.tm_isdst = 0;
	b = tm;
	b.tm_isdst = 1;
	t0 = mktime(&a);
	t1 = mktime(&b);
	/* which interpretations give back the same wall clock? */
	int ok0 = a.tm_isdst == 0 && a.tm_hour == h && a.tm_min == mi &&
	    a.tm_mday == d;
	int ok1 = b.tm_isdst > 0 && b.tm_hour == h && b.tm_min == mi &&
	    b.tm_mday == d;
	if (ok0 && ok1 && t0 != t1) {
		*why = "ambiguous local time (clocks go back): add an offset "
		    "such as -05:00";
		return -1;
	}
	if (!ok0 && !ok1) {
		*why = "local time does not exist (clocks go forward)";
		return -1;
	}
	*t = ok0 ? t0 : t1;
	return 0;
}

int
date_parse_instant(const char *s, time_t *t, const char **why)
{
	char	 day[DATE_LEN];
	int	 y, mo, d, h = 0, mi = 0, sec = 0, oh, om;
	size_t	 n = strlen(s);
	const char *p;

	*why = "not a date or time (use 2026-11-27 or 2026-11-27T09:30)";
	if (n < 10 || iso_day(s, &y, &mo, &d) != 0) {
		if (date_parse_day(s, day) != 0)
			return -1;
		iso_day(day, &y, &mo, &d);
		return from_local(y, mo, d, 0, 0, 0, t, why);
	}
	p = s + 10;
	if (*p == '\0')
		return from_local(y, mo, d, 0, 0, 0, t, why);
	if ((*p != 'T' && *p != ' ') || digits(p + 1, 2, &h) || p[3] != ':' ||
	    digits(p + 4, 2, &mi))
		return -1;
	p += 6;
	if (*p == ':') {
		if (digits(p + 1, 2, &sec))
			return -1;
		p += 3;
	}
	if (h > 23 || mi > 59 || sec > 59) {
		*why = "no such time of day";
		return -1;
	}
	if (*p == '\0')
		return from_local(y, mo, d, h, mi, sec, t, why);
	long base = days_from_civil(y, mo, d) * 86400L + h * 3600L + mi * 60L +
	    sec;
	if (strcmp(p, "Z") == 0) {
		*t = (time_t)base;
		return 0;
	}
	if ((*p == '+' || *p == '-') && digits(p + 1, 2, &oh) == 0 &&
	    p[3] == ':' && digits(p + 4, 2, &om) == 0 && p[6] == '\0' &&
	    oh <= 14 && om <= 59) {
		long off = oh * 3600L + om * 60L;
		*t = (time_t)(*p == '+' ? base - off : base + off);
		return 0;
	}
	return -1;
}

void
date_utc(time_t t, char out[STAMP_LEN])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, STAMP_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long
date_gmtoff(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_gmtoff;
}

/*
 * Does the wall clock at t show twice (clocks went back)?  It does when
 * another offset in use a day either side gives the same wall time at an
 * instant that really has that offset.
 */
static int
repeats(time_t t)
{
	long	off = date_gmtoff(t);
	long	cand[2] = { date_gmtoff(t - 86400), date_gmtoff(t + 86400) };

	for (int i = 0; i < 2; i++)
		if (cand[i] != off && date_gmtoff(t + off - cand[i]) == cand[i])
			return 1;
	return 0;
}

void
date_local(time_t t, char out[STAMP_LEN])
{
	struct tm	tm;
	long		off;
	size_t		n;

	localtime_r(&t, &tm);
	n = strftime(out, STAMP_LEN, "%Y-%m-%dT%H:%M", &tm);
	if (!repeats(t))
		return;
	/* the offset, as date_parse_instant reads it back: -04:00 */
	off = tm.tm_gmtoff;
	snprintf(out + n, STAMP_LEN - n, "%c%02ld:%02ld", off < 0 ? '-' : '+',
	    labs(off) / 3600, labs(off) % 3600 / 60);
}

/* Once per row of an import: the second is formatted once per second. */
void
date_now_stamp(char out[STAMP_LEN])
{
	static time_t	 last = -1;
	static char	 sec[STAMP_LEN];	/* "2026-11-27T09:30:00" */
	struct timespec	 ts;
	struct tm	 tm;
	char		*s;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec != last) {
		gmtime_r(&ts.tv_sec, &tm);
		put_day(sec, (tm.tm_year + 1900) % 10000, tm.tm_mon + 1,
		    tm.tm_mday);
		s = sec + DATE_LEN - 1;
		*s++ = 'T';
		s = put_digits(s, tm.tm_hour, 2);
		*s++ = ':';
		s = put_digits(s, tm.tm_min, 2);
		*s++ = ':';
		s = put_digits(s, tm.tm_sec % 100, 2);
		*s = '\0';
		last = ts.tv_sec;
	}
	s = out + strlen(strcpy(out, sec));
	*s++ = '.';
	s = put_digits(s, (int)(ts.tv_nsec / 1000000), 3);
	*s++ = 'Z';
	*s = '\0';
}

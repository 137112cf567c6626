/*
 * date - unit tests for lib/date.c: calendar validity, ISO and relative
 * days, local instants across the America/New_York DST changes, and the
 * formatters.
 *
 * Expected values come from outside the module: leap years from the
 * Gregorian rule; "today" and its relatives from time(3) + gmtime_r(3)
 * under TZ=UTC and timegm(3) normalisation; instants from timegm(3) of the
 * UTC wall time (New York is UTC-4 in summer, UTC-5 in winter; in 2026
 * clocks go forward on 8 March at 02:00 and back on 1 November at 02:00,
 * the US rule of the second Sunday in March and first Sunday in November).
 * 2026-07-01T13:30Z = 1782912600 was cross-checked with Python's
 * calendar.timegm and `TZ=America/New_York date -d @1782912600`.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "tap.h"
#include "tz.h"

/* "YYYY-MM-DD" of the UTC day of t moved by days (timegm normalises). */
static void
day_plus(time_t t, int days, char out[DATE_LEN])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	tm.tm_mday += days;
	tm.tm_hour = 12;	/* well away from any day boundary */
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, DATE_LEN, "%Y-%m-%d", &tm);
}

/* The same day of the month, months later, clamped to the month's end. */
static void
month_plus(time_t t, int months, char out[DATE_LEN])
{
	struct tm	tm, last;
	time_t		lt;
	int		d;

	gmtime_r(&t, &tm);
	d = tm.tm_mday;
	tm.tm_mday = 1;
	tm.tm_mon += months;
	tm.tm_hour = 12;
	t = timegm(&tm);		/* the first of the target month */
	gmtime_r(&t, &tm);
	last = tm;
	last.tm_mon++;
	last.tm_mday = 0;		/* day 0 of the next: the last day */
	lt = timegm(&last);
	gmtime_r(&lt, &last);
	tm.tm_mday = d > last.tm_mday ? last.tm_mday : d;
	strftime(out, DATE_LEN, "%Y-%m-%d", &tm);
}

/*
 * A relative day must match what we compute for the moment before or the
 * moment after the call: the run may straddle midnight.  plus moves a
 * day by n of its unit (day_plus or month_plus).
 */
static void
relative(const char *in, int n, void (*plus)(time_t, int, char *),
    const char *unit)
{
	char	got[DATE_LEN] = "", w0[DATE_LEN], w1[DATE_LEN];
	time_t	t0, t1;
	int	rc;

	t0 = time(NULL);
	rc = date_parse_day(in, got);
	t1 = time(NULL);
	plus(t0, n, w0);
	plus(t1, n, w1);
	if (strcmp(got, w1) == 0)
		strcpy(w0, w1);
	is_int(rc, 0, "date_parse_day(\"%s\") accepted", in);
	is_str(got, w0, "\"%s\" is today %+d %s", in, n, unit);
}

static void
day_bad(const char *in)
{
	char out[DATE_LEN];

	is_int(date_parse_day(in, out), -1, "date_parse_day rejects \"%s\"",
	    in);
}

/*
 * Run date_parse_day in a child: an out-of-bounds read that the sanitizer
 * catches then fails one check instead of ending the whole program.
 */
static void
day_bad_isolated(const char *in)
{
	pid_t	pid;
	int	st;

	fflush(stdout);
	if ((pid = fork()) == -1) {
		ok(0, "fork for \"%s\"", in);
		return;
	}
	if (pid == 0) {
		char out[DATE_LEN];

		_exit(date_parse_day(in, out) == -1 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "date_parse_day rejects \"%s\" cleanly (no crash, no "
	    "out-of-bounds read; run in a child)", in);
}

static void
instant(const char *in, time_t want, const char *what)
{
	const char	*why = NULL;
	time_t		 t = 0;
	int		 rc;

	rc = date_parse_instant(in, &t, &why);
	is_int(rc, 0, "date_parse_instant(\"%s\") accepted", in);
	if (rc != 0)
		diag("reason: %s", why ? why : "(none)");
	is_int(t, want, "\"%s\" is %s", in, what);
}

static void
instant_bad(const char *in, const char *reason, const char *what)
{
	const char	*why = NULL;
	time_t		 t = 0;

	is_int(date_parse_instant(in, &t, &why), -1,
	    "date_parse_instant rejects \"%s\" (%s)", in, what);
	ok(why != NULL && *why != '\0', "... and gives a reason");
	if (reason != NULL)
		ok(why != NULL && strstr(why, reason) != NULL,
		    "... which mentions \"%s\" (got \"%s\")", reason,
		    why ? why : "NULL");
}

static void
test_valid(void)
{
	ok(date_valid(2024, 2, 29), "2024-02-29 exists (divisible by 4)");
	ok(!date_valid(2026, 2, 29), "2026-02-29 does not");
	ok(!date_valid(2026, 2, 30), "2026-02-30 does not");
	ok(date_valid(2000, 2, 29), "2000-02-29 exists (divisible by 400)");
	ok(!date_valid(1900, 2, 29), "1900-02-29 does not (by 100, not 400)");
	ok(date_valid(2026, 12, 31), "2026-12-31 exists");
	ok(!date_valid(2026, 13, 1), "month 13 does not");
	ok(!date_valid(2026, 0, 1), "month 0 does not");
	ok(!date_valid(2026, 1, 0), "day 0 does not");
	ok(!date_valid(2026, 4, 31), "2026-04-31 does not");
	ok(date_valid(2026, 1, 31), "2026-01-31 exists");
	ok(!date_valid(0, 1, 1), "year 0 is out of range");
	ok(!date_valid(10000, 1, 1), "year 10000 is out of range");
}

static void
test_iso_days(void)
{
	char out[DATE_LEN];

	is_int(date_parse_day("2026-11-27", out), 0, "ISO day accepted");
	is_str(out, "2026-11-27", "... and given back as is");
	is_int(date_parse_day("2024-02-29", out), 0, "leap day accepted");
	is_str(out, "2024-02-29", "... and given back as is");
	day_bad("2026-02-30");
	day_bad("2026-02-29");
	day_bad("2026-2-3");
	day_bad("20261127");
	day_bad("2026-11-27x");
	day_bad("2026-11-27 ");
	day_bad(" 2026-11-27");
	day_bad("2026/11/27");
	day_bad("2026-13-01");
	day_bad("0000-01-01");
	day_bad("");
	day_bad("Today");
	day_bad("+3x");
	day_bad("+");
	day_bad("-");
	day_bad("3d");
	day_bad("+3");
	day_bad("+3dd");
	day_bad("+-3d");
	day_bad("+ 3d");
	day_bad("+36601d");
	day_bad("+99999999999999999999d");
}

static void
test_relative_days(void)
{
	static const struct {
		const char	*in;
		int		 n;	/* days, or months */
		int		 months;
	} rel[] = {
		{ "today", 0, 0 },
		{ "tomorrow", 1, 0 },
		{ "yesterday", -1, 0 },
		{ "+0d", 0, 0 },
		{ "+3d", 3, 0 },
		{ "-3d", -3, 0 },
		{ "+1d", 1, 0 },
		{ "-1d", -1, 0 },
		{ "-2w", -14, 0 },
		{ "+2w", 14, 0 },
		{ "+400d", 400, 0 },
		{ "+36600d", 36600, 0 },
		{ "+1m", 1, 1 },
		{ "-1m", -1, 1 },
		{ "+13m", 13, 1 },
		{ "+1y", 12, 1 },
		{ "-10y", -120, 1 },
	};
	char a[DATE_LEN], b[DATE_LEN];

	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		if (rel[i].months)
			relative(rel[i].in, rel[i].n, month_plus,
			    "months, clamped to month end");
		else
			relative(rel[i].in, rel[i].n, day_plus, "days");
	}

	/* relative words must agree with each other as well */
	if (date_parse_day("+1d", a) == 0 && date_parse_day("tomorrow", b) == 0)
		is_str(a, b, "\"+1d\" and \"tomorrow\" agree");
	else
		ok(0, "\"+1d\" and \"tomorrow\" agree");
}

/*
 * Years or months far enough back take date.c's month arithmetic below
 * year 0, where C's truncating % gives a negative month: the day table is
 * then read before its start, unless the month count lands on a multiple
 * of 12.  Of -30000m and -30001m one never does, whatever today is.
 */
static void
test_far_past(void)
{
	day_bad_isolated("-2027y");
	day_bad_isolated("-3000y");
	day_bad_isolated("-30000m");
	day_bad_isolated("-30001m");
	day_bad_isolated("-36600m");
	day_bad_isolated("+36600y");
}

static void
test_instants(void)
{
	const char	*why = NULL;
	time_t		 a = 0, b = 0;
	char		 s[STAMP_LEN];

	is_int(date_set_zone("America/New_York"), 0,
	    "date_set_zone(\"America/New_York\")");

	instant("2026-07-01T09:30", utc(2026, 7, 1, 13, 30, 0),
	    "13:30Z (EDT, UTC-4)");
	is_int(utc(2026, 7, 1, 13, 30, 0), 1782912600,
	    "the harness agrees: 2026-07-01T13:30Z is 1782912600");
	instant("2026-07-01T09:30:15", utc(2026, 7, 1, 13, 30, 15),
	    "13:30:15Z (seconds kept)");
	instant("2026-07-01 09:30", utc(2026, 7, 1, 13, 30, 0),
	    "13:30Z (a space for the T)");
	instant("2026-01-15T09:30", utc(2026, 1, 15, 14, 30, 0),
	    "14:30Z (EST, UTC-5)");
	instant("2026-11-27", utc(2026, 11, 27, 5, 0, 0),
	    "local midnight, 05:00Z");
	instant("2026-07-01", utc(2026, 7, 1, 4, 0, 0),
	    "local midnight, 04:00Z");

	/* spring forward: 02:00-02:59 on 8 March 2026 never happens */
	instant_bad("2026-03-08T02:30", "does not exist", "spring-forward gap");
	instant_bad("2026-03-08T02:00", "does not exist",
	    "first minute of the gap");
	instant("2026-03-08T01:59", utc(2026, 3, 8, 6, 59, 0),
	    "06:59Z (last EST minute)");
	instant("2026-03-08T03:00", utc(2026, 3, 8, 7, 0, 0),
	    "07:00Z (first EDT minute)");

	/* fall back: 01:00-01:59 on 1 November 2026 happens twice */
	instant_bad("2026-11-01T01:30", "ambiguous", "fall-back overlap");
	instant_bad("2026-11-01T01:00", "ambiguous", "start of the overlap");
	instant("2026-11-01T00:59", utc(2026, 11, 1, 4, 59, 0),
	    "04:59Z (before the overlap, EDT)");
	instant("2026-11-01T02:00", utc(2026, 11, 1, 7, 0, 0),
	    "07:00Z (after the overlap, EST)");
	instant("2026-11-01T01:30-05:00", utc(2026, 11, 1, 6, 30, 0),
	    "06:30Z (the EST 01:30)");
	instant("2026-11-01T01:30-04:00", utc(2026, 11, 1, 5, 30, 0),
	    "05:30Z (the EDT 01:30)");
	if (date_parse_instant("2026-11-01T01:30-05:00", &a, &why) == 0 &&
	    date_parse_instant("2026-11-01T01:30-04:00", &b, &why) == 0)
		is_int(a - b, 3600, "the two 01:30s are an hour apart");
	else
		ok(0, "the two 01:30s are an hour apart");

	/* explicit offsets ignore the zone */
	instant("2026-11-27T09:30Z", utc(2026, 11, 27, 9, 30, 0), "exact UTC");
	instant("2026-11-27T09:30:45Z", utc(2026, 11, 27, 9, 30, 45),
	    "exact UTC with seconds");
	instant("2026-11-27T09:30+05:30", utc(2026, 11, 27, 4, 0, 0),
	    "04:00Z (UTC+5:30)");
	instant("2026-11-27T09:30+00:00", utc(2026, 11, 27, 9, 30, 0),
	    "09:30Z (+00:00)");
	instant("2026-11-27T00:30+14:00", utc(2026, 11, 26, 10, 30, 0),
	    "the day before in UTC (+14:00)");

	instant_bad("2026-11-27T24:00", NULL, "hour 24");
	instant_bad("2026-11-27T09:60", NULL, "minute 60");
	instant_bad("2026-11-27T09:30:60", NULL, "second 60");
	instant_bad("2026-11-27T9:30", NULL, "one-digit hour");
	instant_bad("2026-11-27T09:3", NULL, "one-digit minute");
	instant_bad("2026-11-27T09", NULL, "no minutes");
	instant_bad("2026-11-27T", NULL, "a bare T");
	instant_bad("2026-11-27T09:30:", NULL, "a bare colon");
	instant_bad("2026-11-27T09:30+05", NULL, "offset without minutes");
	instant_bad("2026-11-27T09:30+0500", NULL, "offset without colon");
	instant_bad("2026-11-27T09:30+15:00", NULL, "offset beyond 14 hours");
	instant_bad("2026-11-27T09:30Zx", NULL, "junk after Z");
	instant_bad("2026-11-27T09:30z", NULL, "lower-case z");
	instant_bad("2026-02-30T09:30", NULL, "no such day");
	instant_bad("2026-11-27x", NULL, "junk after the day");
	instant_bad("soon", NULL, "a word");
	instant_bad("", NULL, "empty");

	/* the formatters */
	date_utc(1782912600, s);
	is_str(s, "2026-07-01T13:30:00Z", "date_utc(1782912600)");
	date_utc(0, s);
	is_str(s, "1970-01-01T00:00:00Z", "date_utc(0)");
	date_local(1782912600, s);
	is_str(s, "2026-07-01T09:30", "date_local in New York, summer");
	date_local(utc(2026, 1, 15, 14, 30, 0), s);
	is_str(s, "2026-01-15T09:30", "date_local in New York, winter");
	/* a wall time that happens twice carries its offset, and reads back */
	date_local(utc(2026, 11, 1, 5, 30, 0), s);
	is_str(s, "2026-11-01T01:30-04:00", "date_local, first 01:30 of 1 Nov");
	ok(date_parse_instant(s, &a, &why) == 0 &&
	    a == utc(2026, 11, 1, 5, 30, 0), "which reads back as itself");
	date_local(utc(2026, 11, 1, 6, 30, 0), s);
	is_str(s, "2026-11-01T01:30-05:00", "date_local, second 01:30 of 1 Nov");
	ok(date_parse_instant(s, &a, &why) == 0 &&
	    a == utc(2026, 11, 1, 6, 30, 0), "and so does the second");
	date_local(utc(2026, 11, 1, 5, 0, 0), s);
	is_str(s, "2026-11-01T01:00-04:00", "the first 01:00 of the hour");
	date_local(utc(2026, 11, 1, 4, 59, 0), s);
	is_str(s, "2026-11-01T00:59", "00:59 happens once: no offset");
	date_local(utc(2026, 11, 1, 7, 0, 0), s);
	is_str(s, "2026-11-01T02:00", "02:00 (winter) happens once");
	date_local(utc(2026, 3, 8, 7, 0, 0), s);
	is_str(s, "2026-03-08T03:00", "after the spring gap: no offset");

	/* a local time parsed and shown again is the same wall clock */
	if (date_parse_instant("2026-12-24T18:05", &a, &why) == 0) {
		date_local(a, s);
		is_str(s, "2026-12-24T18:05", "date_local(parse) round trip");
	} else
		ok(0, "date_local(parse) round trip");
}

static void
test_now_stamp(void)
{
	char		 s[STAMP_LEN], w[STAMP_LEN];
	struct tm	 tm = { 0 };
	time_t		 t0, t1, t;
	int		 shape = 1;
	const char	*pat = "dddd-dd-ddTdd:dd:dd.dddZ";

	t0 = time(NULL);
	date_now_stamp(s);
	t1 = time(NULL);
	for (size_t i = 0; pat[i] != '\0' || s[i] != '\0'; i++)
		if (pat[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != pat[i])
			shape = 0;
	ok(shape, "date_now_stamp looks like %s (got %s)", pat, s);
	if (strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) != NULL) {
		t = timegm(&tm);
		ok(t >= t0 && t <= t1, "date_now_stamp is now, in UTC");
	} else
		ok(0, "date_now_stamp is now, in UTC");
	date_utc(t0, w);
	ok(strncmp(s, w, 10) == 0 || t0 != t1, "... on today's UTC date");
}

static void
test_zones(void)
{
	ok(date_zone_valid("America/New_York"), "America/New_York is a zone");
	ok(date_zone_valid("Europe/Paris"), "Europe/Paris is a zone");
	ok(date_zone_valid("UTC"), "UTC is a zone");
	ok(!date_zone_valid("Mars/Olympus"), "Mars/Olympus is not");
	ok(!date_zone_valid("../etc/passwd"), "../etc/passwd is not");
	ok(!date_zone_valid("America/../../../etc/passwd"),
	    "a path climbing out is not");
	ok(!date_zone_valid("/etc/passwd"), "an absolute path is not");
	ok(!date_zone_valid(""), "the empty string is not");
	/* TZ=America makes glibc fall back to UTC without a word */
	ok(!date_zone_valid("America"), "a directory of zones is not a zone");
	is_int(date_set_zone("Mars/Olympus"), -1,
	    "date_set_zone refuses an unknown zone");
	ok(getenv("TZ") == NULL || strcmp(getenv("TZ"), "Mars/Olympus") != 0,
	    "... and leaves TZ alone");
}

static void
test_titles(void)
{
	char t[DATE_TITLE_LEN];

	/* weekdays from a printed calendar, not from this code */
	is_int(date_title("2026-11-27", t), 0, "a title for a day");
	is_str(t, "Friday 2026-11-27", "2026-11-27 is a Friday");
	date_title("1970-01-01", t);
	is_str(t, "Thursday 1970-01-01", "the epoch was a Thursday");
	date_title("1969-12-28", t);
	is_str(t, "Sunday 1969-12-28", "a day before it, a Sunday");
	date_title("2000-02-29", t);
	is_str(t, "Tuesday 2000-02-29", "a leap day, a Tuesday");
	date_title("0001-01-01", t);
	is_str(t, "Monday 0001-01-01", "the first day of all, a Monday");
	date_title("2024-03-31", t);
	is_str(t, "Sunday 2024-03-31", "a day clocks change in Europe");
	is_int(date_title("2026-02-30", t), -1, "no title for no day");
	is_int(date_title("today", t), -1, "nor for a relative word");
}

int
main(void)
{
	/* relative days are checked against UTC days */
	if (date_set_zone("UTC") != 0)
		tz_set("UTC");
	test_valid();
	test_iso_days();
	test_relative_days();
	test_far_past();
	test_instants();
	test_now_stamp();
	test_zones();
	test_titles();
	return done_testing();
}

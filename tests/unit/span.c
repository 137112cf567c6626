/*
 * span - unit tests for lib/span.c: the one --day / --from / --to of
 * every program, in America/New_York.
 *
 * Expected instants are worked from the zone's rules, not from span.c:
 * New York is UTC-5 in winter and UTC-4 in summer; in 2026 clocks go back
 * on 1 November at 02:00 (so that day is 25 hours, 04:00Z to 05:00Z the
 * next day) and forward on 8 March at 02:00 (a 23-hour day).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "span.h"
#include "tap.h"
#include "tz.h"

int
main(void)
{
	char		 why[SPAN_WHY], today[DATE_LEN];
	struct days	 d, e;
	time_t		 t;

	if (date_set_zone("America/New_York") != 0) {
		ok(0, "the zone America/New_York is installed");
		return done_testing();
	}

	/* one end: what span_bound gives for each, and what the instant is */
	const struct {
		const char	*opt, *v;
		int		 to;
		time_t		 want;
		const char	*what, *why;
	} ends[] = {
		{ "--from", "2026-11-27", 0, utc(2026, 11, 27, 5, 0, 0),
		    "a day", "--from a day: its midnight" },
		{ "--to", "2026-11-27", 1, utc(2026, 11, 28, 5, 0, 0),
		    "a --to day",
		    "--to a day: up to the next midnight, the whole day in" },
		{ "--to", "2026-11-27T09:30", 1, utc(2026, 11, 27, 14, 30, 1),
		    "a --to time", "--to a time: that instant in" },
		{ "--from", "2026-11-27T09:30", 0, utc(2026, 11, 27, 14, 30, 0),
		    "a --from time", "--from a time: that instant" },
		{ "--from", "2026-11-27T09:30Z", 0, utc(2026, 11, 27, 9, 30, 0),
		    "a time in UTC", "Z is UTC" },
		{ "--from", "2026-11-01", 0, utc(2026, 11, 1, 4, 0, 0),
		    "the fall-back day", "it starts in summer time" },
		{ "--to", "2026-11-01", 1, utc(2026, 11, 2, 5, 0, 0),
		    "and ends", "in winter time: 25 hours" },
		{ "--to", "2026-03-08", 1, utc(2026, 3, 9, 4, 0, 0),
		    "the spring-forward day", "ends after 23 hours" },
	};

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		is_int(span_bound(ends[i].opt, ends[i].v, ends[i].to, &t, why),
		    0, "%s", ends[i].what);
		is_int(t, ends[i].want, "%s", ends[i].why);
	}

	/* malformed: 64, said with the option */
	is_int(span_bound("--from", "2026-13-01", 0, &t, why), 64,
	    "no month 13: 64");
	is_str(why, "--from '2026-13-01': not a date or time (use 2026-11-27 "
	    "or 2026-11-27T09:30)", "said");
	is_int(span_bound("--to", "soon", 1, &t, why), 64, "a word: 64");
	is_int(span_bound("--to", "2026-11-01T01:30", 1, &t, why), 64,
	    "an ambiguous local time: 64");
	ok(strstr(why, "--to '2026-11-01T01:30': ambiguous") == why, "said: %s",
	    why);
	is_int(span_bound("--from", "2026-11-01T01:30-05:00", 0, &t, why), 0,
	    "an offset picks one");
	is_int(t, utc(2026, 11, 1, 6, 30, 0), "the second 01:30");
	is_int(span_bound("--to", "9999-12-31", 1, &t, why), 64,
	    "no day after the last");

	/* spans */
	is_int(days_parse(&d, "2026-11-01", NULL, NULL, NULL, NULL, why), 0,
	    "--day");
	is_str(d.first, "2026-11-01", "--day: first");
	is_str(d.last, "2026-11-01", "--day: last");
	is_str(d.lo, "2026-11-01T04:00:00Z", "--day: lo");
	is_str(d.hi, "2026-11-02T05:00:00Z", "--day: hi, the day's 25 hours");
	is_int(days_parse(&e, NULL, "2026-11-01", "2026-11-01", NULL, NULL,
	    why), 0, "--from D --to D");
	ok(strcmp(d.lo, e.lo) == 0 && strcmp(d.hi, e.hi) == 0 &&
	    d.lo_t == e.lo_t && d.hi_t == e.hi_t,
	    "--from D --to D is --day D: --to is inclusive");
	is_int(days_parse(&d, NULL, "2030-12-02T10:00", "2030-12-03T09:00",
	    NULL, NULL, why), 0, "times");
	is_str(d.first, "2030-12-02", "times: the first day touched");
	is_str(d.last, "2030-12-03", "times: the last day touched");
	is_str(d.lo, "2030-12-02T15:00:00Z", "times: lo");
	is_str(d.hi, "2030-12-03T14:00:01Z", "times: hi just after --to");
	is_int(days_parse(&d, NULL, "2030-12-02T10:00", "2030-12-02T10:00",
	    NULL, NULL, why), 0, "--to the instant of --from: that instant");
	is_int(d.hi_t - d.lo_t, 1, "one second");
	is_int(days_parse(&d, NULL, "2030-12-02T10:00", "2030-12-02T09:59",
	    NULL, NULL, why), 64, "--to a time before --from: 64");
	is_str(why, "--to 2030-12-02T09:59 is before --from 2030-12-02T10:00",
	    "said");
	is_int(days_parse(&d, NULL, "2030-12-03", "2030-12-02", NULL, NULL,
	    why), 64, "--to a day before --from: 64");
	is_int(days_parse(&d, "today", NULL, "today", NULL, NULL, why), 64,
	    "--day with --to: 64");
	is_int(days_parse(&d, "2030-12-02T10:00", NULL, NULL, NULL, NULL, why),
	    64, "--day is a day, not a time");
	is_int(days_parse(&d, NULL, NULL, NULL, NULL, NULL, why), 0,
	    "no bounds");
	ok(strcmp(d.lo, "0000") == 0 && strcmp(d.hi, "9999") == 0 &&
	    strcmp(d.first, "0001-01-01") == 0 &&
	    strcmp(d.last, "9998-12-31") == 0, "all time");
	is_int(days_parse(&d, NULL, NULL, "2030-12-02", NULL, NULL, why), 0,
	    "only --to");
	ok(strcmp(d.lo, "0000") == 0 && strcmp(d.hi,
	    "2030-12-03T05:00:00Z") == 0, "from all time up to the day's end");
	is_int(days_parse(&d, NULL, NULL, NULL, "today", "today", why), 0,
	    "defaults");
	date_parse_day("today", today);
	days_set(&e, today, today);
	ok(strcmp(d.lo, e.lo) == 0 && strcmp(d.hi, e.hi) == 0 &&
	    strcmp(d.first, today) == 0 && strcmp(d.last, today) == 0,
	    "the words as defaults: today, whole");

	/* a window ahead */
	is_int(days_ahead(&d, NULL, "2030-12-02", NULL, 7, why), 0, "ahead");
	is_str(d.last, "2030-12-08", "ahead: seven days, both ends in");
	is_str(d.hi, "2030-12-09T05:00:00Z", "ahead: hi");
	is_int(days_ahead(&d, NULL, "2030-12-02", "2030-12-02", 7, why), 0,
	    "ahead with --to");
	is_str(d.hi, "2030-12-03T05:00:00Z", "--to wins");
	is_int(days_ahead(&d, NULL, "nope", NULL, 7, why), 64,
	    "ahead: a bad --from is 64");
	return done_testing();
}

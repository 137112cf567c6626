/*
 * hours - the weekday, working-range and visit-length grammars that
 * `provider hours` and `provider visit-type add` (and sched's --length)
 * accept, and their exact refusals.
 */
#include <stdio.h>
#include <string.h>

#include "hours.h"
#include "tap.h"
#include "util.h"

/* hours_days(s) as the set of weekdays, "mon,tue", or "-" refused. */
static const char *
days(const char *s)
{
	static const char *const name[] = { "", "mon", "tue", "wed", "thu",
	    "fri", "sat", "sun" };
	static char	 out[64];
	unsigned	 set;

	if (hours_days(s, &set) != 0)
		return "-";
	out[0] = '\0';
	for (int d = 1; d <= 7; d++)
		if (set & (1u << d))
			snprintf(out + strlen(out), sizeof(out) - strlen(out),
			    "%s%s", out[0] ? "," : "", name[d]);
	return out;
}

/* hours_ranges(s) as "480-720 780-1020", or its reason. */
static const char *
ranges(const char *s)
{
	static char		 out[1024];
	struct hours_range	 r[HOURS_MAX_RANGES];
	struct buf		 why = { 0 };
	int			 n;

	out[0] = '\0';
	if ((n = hours_ranges(s, r, &why)) < 0)
		snprintf(out, sizeof(out), "%s", why.s);
	for (int i = 0; i < n; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out),
		    "%s%d-%d", i ? " " : "", r[i].start, r[i].end);
	buf_free(&why);
	return out;
}

/* visit_length_parse(s) as minutes, or its reason. */
static const char *
length(const char *s)
{
	static char	 out[64];
	const char	*why;
	int		 min = -1;

	if (visit_length_parse(s, &min, &why) != 0)
		return why;
	snprintf(out, sizeof(out), "%d", min);
	return out;
}

int
main(void)
{
	static const struct { const char *in, *want; } d[] = {
		{ "mon", "mon" },
		{ "MON", "mon" },
		{ "Sun", "sun" },
		{ "mon-fri", "mon,tue,wed,thu,fri" },
		{ "mon,wed,fri", "mon,wed,fri" },
		{ "sat-sun,wed", "wed,sat,sun" },
		{ "mon-mon", "mon" },
		{ "mon-sun", "mon,tue,wed,thu,fri,sat,sun" },
		{ "fri,fri", "fri" },
		{ "fri-mon", "-" },	/* ranges run forward */
		{ "", "-" },
		{ "monday", "-" },
		{ "mo", "-" },
		{ "mon,", "-" },
		{ ",mon", "-" },
		{ "mon-", "-" },
		{ "-fri", "-" },
		{ "mon-wed-fri", "-" },
		{ "mon fri", "-" },
	};
	static const struct { const char *in, *want; } r[] = {
		{ "08:00-12:00", "480-720" },
		{ "8:00-12:00", "480-720" },
		{ "13:00-17:00,08:00-12:00", "480-720 780-1020" },	/* sorted */
		{ "08:00-12:00,12:00-13:00", "480-720 720-780" },	/* touching */
		{ "00:00-24:00", "0-1440" },
		{ "off", "" },
		{ "OFF", "" },
		{ "", "" },
		{ "08:00-12:00,11:00-13:00",
		    "hours: 08:00-12:00 and 11:00-13:00 overlap" },
		{ "9:00-10:00,08:00-12:00",
		    "hours: 08:00-12:00 and 09:00-10:00 overlap" },
		{ "12:00-08:00", "hours: '12:00-08:00' ends before it starts" },
		{ "08:00-08:00", "hours: '08:00-08:00' ends before it starts" },
		{ "08:00-12:00,9-5",
		    "hours: '9-5' is not a range like 08:00-12:00" },
		{ "24:00-24:00",
		    "hours: '24:00-24:00' is not a range like 08:00-12:00" },
		{ "08:00-24:01",
		    "hours: '08:00-24:01' is not a range like 08:00-12:00" },
		{ "08:60-09:00",
		    "hours: '08:60-09:00' is not a range like 08:00-12:00" },
		{ "25:00-26:00",
		    "hours: '25:00-26:00' is not a range like 08:00-12:00" },
		{ "0800-1200",
		    "hours: '0800-1200' is not a range like 08:00-12:00" },
		{ "08:00", "hours: '08:00' is not a range like 08:00-12:00" },
		{ "08:00-12:00,", "hours: '' is not a range like 08:00-12:00" },
		{ "8:0-9:00", "hours: '8:0-9:00' is not a range like 08:00-12:00" },
		{ "+8:00-9:00",
		    "hours: '+8:00-9:00' is not a range like 08:00-12:00" },
	};
	static const struct { const char *in, *want; } l[] = {
		{ "40m", "40" },
		{ "1h", "60" },
		{ "1h30m", "90" },
		{ "90m", "90" },
		{ "5m", "5" },
		{ "12h", "720" },
		{ "0012h", "720" },
		{ "11h60m", "720" },
		{ "1h90m", "150" },
		{ "90", "not like 40m, 1h or 1h30m" },	/* minutes or hours? */
		{ "", "not like 40m, 1h or 1h30m" },
		{ "m", "not like 40m, 1h or 1h30m" },
		{ "30m1h", "not like 40m, 1h or 1h30m" },
		{ "1h1h", "not like 40m, 1h or 1h30m" },
		{ "20m20m", "not like 40m, 1h or 1h30m" },
		{ "1h 30m", "not like 40m, 1h or 1h30m" },
		{ "-5m", "not like 40m, 1h or 1h30m" },
		{ "20M", "not like 40m, 1h or 1h30m" },
		{ "20x", "not like 40m, 1h or 1h30m" },
		{ "12345m", "not like 40m, 1h or 1h30m" },
		{ "99999999999999999999m", "not like 40m, 1h or 1h30m" },
		{ "4m", "must be from 5m to 12h" },
		{ "0m", "must be from 5m to 12h" },
		{ "0h", "must be from 5m to 12h" },
		{ "12h1m", "must be from 5m to 12h" },
		{ "721m", "must be from 5m to 12h" },
		{ "9999m", "must be from 5m to 12h" },
	};
	struct hours_range	 many[HOURS_MAX_RANGES];
	struct buf		 s = { 0 }, why = { 0 };

	for (size_t i = 0; i < nitems(d); i++)
		is_str(days(d[i].in), d[i].want, "days '%s'", d[i].in);
	for (size_t i = 0; i < nitems(r); i++)
		is_str(ranges(r[i].in), r[i].want, "ranges '%s'", r[i].in);
	for (size_t i = 0; i < nitems(l); i++)
		is_str(length(l[i].in), l[i].want, "length '%s'", l[i].in);

	/* 24 one-minute ranges fit in a day; the 25th is refused */
	for (int i = 0; i < HOURS_MAX_RANGES; i++)
		buf_printf(&s, "%s%02d:00-%02d:01", i ? "," : "", i, i);
	is_int(hours_ranges(s.s, many, &why), HOURS_MAX_RANGES,
	    "%d ranges", HOURS_MAX_RANGES);
	buf_adds(&s, ",23:30-23:40");
	is_int(hours_ranges(s.s, many, &why), -1, "one range more");
	is_str(why.s, "hours: more than 24 ranges in a day", "says so");
	buf_free(&s);
	buf_free(&why);
	return done_testing();
}

/*
 * prvrun - the arguments provider hours and off take, as lib/prvrun.c
 * reads them before anything is opened: days and ranges into bits and
 * minutes, and a day-off span with its default end and its order.
 */
#include <stdio.h>
#include <sysexits.h>

#include "hours.h"
#include "prvrun.h"
#include "tap.h"

static void
check_hours_args(void)
{
	struct hours_range	 r[HOURS_MAX_RANGES];
	unsigned		 days = 0;
	int			 n = -1;

	is_int(prvrun_hours_args("mon-fri", "08:00-12:00,13:00-17:30", &days,
	    r, &n), 0, "mon-fri with two ranges");
	is_int(days, 0x3e, "mon-fri: bits 1 to 5");
	is_int(n, 2, "two ranges");
	is_int(r[0].start, 8 * 60, "the first starts at 08:00");
	is_int(r[1].end, 17 * 60 + 30, "the second ends at 17:30");
	is_int(prvrun_hours_args("sat,sun", "off", &days, r, &n), 0,
	    "a weekend off");
	is_int(days, (1u << 6) | (1u << 7), "sat and sun");
	is_int(n, 0, "off is no range");
	is_int(prvrun_hours_args("fri-mon", "09:00-17:00", &days, r, &n),
	    EX_DATAERR, "days that run backwards are 65");
	is_int(prvrun_hours_args("mon", "17:00-09:00", &days, r, &n),
	    EX_DATAERR, "a range that ends before it starts is 65");
}

static void
check_span(void)
{
	char from[DATE_LEN] = "", to[DATE_LEN] = "";

	is_int(prvrun_span("2026-12-24", NULL, from, to), 0, "one day");
	is_str(from, "2026-12-24", "its first day");
	is_str(to, "2026-12-24", "no --to: the same day");
	is_int(prvrun_span("2026-12-24", "2026-12-26", from, to), 0,
	    "three days");
	is_str(to, "2026-12-26", "--to as given");
	is_int(prvrun_span("2026-12-24", "2026-12-23", from, to), EX_DATAERR,
	    "an end before the start is 65");
	is_int(prvrun_span("2026-02-30", NULL, from, to), EX_DATAERR,
	    "no such day is 65");
	is_int(prvrun_span("2026-12-01", "nope", from, to), EX_DATAERR,
	    "a bad --to is 65");
}

int
main(void)
{
	check_hours_args();
	check_span();
	return done_testing();
}

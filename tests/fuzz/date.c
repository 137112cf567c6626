/*
 * date - lib/date.c on what people type for dates, instants and spans:
 * the input is "FROM\nTO", as `sched list --from FROM --to TO` (or
 * `audit list --since`) takes them.  Each is read as a day and as an
 * instant; two days that parse are walked as a span is (the day after
 * the last, a time of day on the first) and as a recurrence steps
 * (days and months after the first, from the input's first bytes).
 * The zone is one with DST, so the refusals of a skipped or repeated
 * local hour run too.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "fuzz.h"

int	LLVMFuzzerInitialize(int *, char ***);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (date_set_zone("America/New_York") != 0)
		errx(70, "no zone America/New_York (tzdata)");
	return 0;
}

/* A day date.c wrote is always YYYY-MM-DD. */
static void
check_day(const char *d)
{
	if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*from = fuzz_str(data, size), *to;
	char		 first[DATE_LEN], last[DATE_LEN], next[DATE_LEN];
	char		 stamp[STAMP_LEN];
	const char	*why;
	time_t		 t;
	int		 ok1, ok2;

	if ((to = strchr(from, '\n')) != NULL)
		*to++ = '\0';
	else
		to = from;
	if (date_parse_instant(from, &t, &why) == 0) {
		date_utc(t, stamp);
		date_local(t, stamp);
		date_day_of(t, first, NULL, NULL);
	}
	date_parse_instant(to, &t, &why);
	ok1 = date_parse_day(from, first) == 0;
	ok2 = date_parse_day(to, last) == 0;
	if (ok1)
		check_day(first);
	if (ok2)
		check_day(last);
	if (ok1 && ok2) {
		/* a recurrence: --count is at most a few hundred */
		long days = size > 0 ? (int8_t)data[0] * 14L : 0;
		long months = size > 1 ? (int8_t)data[1] : 0;

		if (date_add(last, 1, 0, next) == 0)
			check_day(next);
		if (date_add(first, days, months, next) == 0)
			check_day(next);
		date_at_minute(first, size > 2 ? data[2] * 6 : 0, &t, &why);
	}
	free(from);
	return 0;
}

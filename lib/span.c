/*
 * span - see span.h.  sched, remind log and audit list once each read
 * their own --from/--to, one inclusive, one not, one with times, one
 * without; this is the one reading, the richest of them.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "date.h"
#include "span.h"

#define ALL_FIRST	"0001-01-01"
#define ALL_LAST	"9998-12-31"

/*
 * The first instant of a local day.  Midnight falls in a DST gap in a
 * few zones (clocks go from 23:59 to 01:00): then the day starts at 01:00.
 */
static int
midnight(const char *day, time_t *t)
{
	const char *why;

	return date_at_minute(day, 0, t, &why) == 0 ||
	    date_at_minute(day, 60, t, &why) == 0 ? 0 : -1;
}

int
span_bound(const char *opt, const char *s, int upto, time_t *t,
    char why[SPAN_WHY])
{
	char		 day[DATE_LEN], next[DATE_LEN];
	const char	*w;

	if (date_parse_day(s, day) == 0) {
		/* a whole day: from its start, or up to the next one's */
		if (upto && date_add(day, 1, 0, next) == 0)
			memcpy(day, next, DATE_LEN);
		else if (upto) {
			snprintf(why, SPAN_WHY, "%s '%s': no day after it",
			    opt, s);
			return EX_USAGE;
		}
		if (midnight(day, t) == 0)
			return 0;
		w = "the day has no start in this zone";
	} else if (date_parse_instant(s, t, &w) == 0) {
		if (upto)
			++*t;	/* the instant itself is in */
		return 0;
	}
	snprintf(why, SPAN_WHY, "%s '%s': %s", opt, s, w);
	return EX_USAGE;
}

/* Fill the rest of d from lo_t, hi_t (either all time). */
static void
days_fill(struct days *d, int all_before, int all_after)
{
	if (all_before) {
		strcpy(d->first, ALL_FIRST);
		strcpy(d->lo, "0000");
		d->lo_t = LONG_MIN;
	} else {
		date_day_of(d->lo_t, d->first, NULL, NULL);
		date_utc(d->lo_t, d->lo);
	}
	if (all_after) {
		strcpy(d->last, ALL_LAST);
		strcpy(d->hi, "9999");
		d->hi_t = LONG_MAX;
	} else {
		date_day_of(d->hi_t - 1, d->last, NULL, NULL);
		date_utc(d->hi_t, d->hi);
	}
}

void
days_set(struct days *d, const char *first, const char *last)
{
	char next[DATE_LEN];
	int  all_before = strcmp(first, ALL_FIRST) == 0;
	int  all_after = strcmp(last, ALL_LAST) == 0;

	if (!all_before && midnight(first, &d->lo_t) != 0)
		d->lo_t = 0;
	if (!all_after && (date_add(last, 1, 0, next) != 0 ||
	    midnight(next, &d->hi_t) != 0))
		all_after = 1;
	days_fill(d, all_before, all_after);
	/* the days as given, even where a day has no midnight */
	snprintf(d->first, DATE_LEN, "%s", first);
	if (!all_after)
		snprintf(d->last, DATE_LEN, "%s", last);
}

int
days_parse(struct days *d, const char *day, const char *from,
    const char *to, const char *dflt_from, const char *dflt_to,
    char why[DAYS_WHY])
{
	char		 first[DATE_LEN];
	const char	*f = from ? from : dflt_from;
	const char	*t = to ? to : dflt_to;
	int		 rc;

	if (day && (from || to)) {
		snprintf(why, DAYS_WHY, "--day or --from/--to, not both");
		return EX_USAGE;
	}
	if (day) {
		if (date_parse_day(day, first) != 0) {
			snprintf(why, DAYS_WHY, "--day '%s': not a date (use "
			    "2026-11-27, today or +3d)", day);
			return EX_USAGE;
		}
		days_set(d, first, first);
		return 0;
	}
	if ((f && (rc = span_bound("--from", f, 0, &d->lo_t, why)) != 0) ||
	    (t && (rc = span_bound("--to", t, 1, &d->hi_t, why)) != 0))
		return rc;
	if (f && t && d->hi_t <= d->lo_t) {
		snprintf(why, DAYS_WHY, "--to %s is before --from %s", t, f);
		return EX_USAGE;
	}
	days_fill(d, f == NULL, t == NULL);
	return 0;
}

int
days_ahead(struct days *d, const char *day, const char *from,
    const char *to, int n, char why[DAYS_WHY])
{
	char	last[DATE_LEN], next[DATE_LEN];
	int	rc;

	if (day || to)
		return days_parse(d, day, from, to, "today", NULL, why);
	if ((rc = span_bound("--from", from ? from : "today", 0, &d->lo_t,
	    why)) != 0)
		return rc;
	date_day_of(d->lo_t, last, NULL, NULL);
	if (date_add(last, n - 1, 0, next) != 0 ||
	    date_add(next, 1, 0, last) != 0 || midnight(last, &d->hi_t) != 0) {
		days_fill(d, 0, 1);
		return 0;
	}
	days_fill(d, 0, 0);
	return 0;
}

/*
 * recur - see recur.h.
 */
#include <string.h>

#include "recur.h"
#include "util.h"

int
recur_parse(const char *s, enum recur *r)
{
	static const char *const names[] = { "", "daily", "weekly",
	    "biweekly", "monthly" };

	for (size_t i = 1; i < nitems(names); i++)
		if (strcmp(s, names[i]) == 0) {
			*r = (enum recur)i;
			return 0;
		}
	return -1;
}

int
recur_nth(enum recur r, time_t first, long long k, time_t *t,
    struct recur_at *at, const char **why)
{
	char	day0[DATE_LEN];
	long	days = r == RECUR_DAILY ? k : r == RECUR_WEEKLY ? 7 * k :
		    r == RECUR_BIWEEKLY ? 14 * k : 0;

	date_day_of(first, day0, NULL, &at->minute);
	if (k == 0) {
		memcpy(at->day, day0, DATE_LEN);
		*t = first;
		return 0;
	}
	if (date_add(day0, days, r == RECUR_MONTHLY ? k : 0, at->day) != 0) {
		*why = "past the calendar";
		return -1;
	}
	return date_at_minute(at->day, at->minute, t, why);
}

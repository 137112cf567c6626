/*
 * recur - the instances of a recurring booking: every day, week, two
 * weeks or month from the first, at the same local wall time (so a
 * weekly 09:00 stays 09:00 across a change of daylight saving time).
 */
#ifndef CLINIX_RECUR_H
#define CLINIX_RECUR_H

#include <time.h>

#include "date.h"

enum recur { RECUR_ONCE, RECUR_DAILY, RECUR_WEEKLY, RECUR_BIWEEKLY,
    RECUR_MONTHLY };

/* "daily", "weekly", "biweekly", "monthly": 0, or -1. */
int	 recur_parse(const char *, enum recur *);

struct recur_at {
	char	 day[DATE_LEN];		/* the instance's local day */
	int	 minute;		/* and minute, for messages */
};
/*
 * The start of instance k (0 the first, `first` itself) in *t: 0, or -1
 * with *why set (the wall time does not exist that day) and *at still
 * naming the day and minute.
 */
int	 recur_nth(enum recur, time_t first, long long k, time_t *t,
	    struct recur_at *at, const char **why);

#endif

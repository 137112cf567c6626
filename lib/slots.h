/*
 * slots - a provider's free time: the weekly hours, less days off and
 * the live appointments (the patient's own too, when one is to take the
 * slot), cut into visits of a length or left as whole gaps.  What
 * `sched free` and the waitlist offer, and so what `sched book` takes.
 */
#ifndef CLINIX_SLOTS_H
#define CLINIX_SLOTS_H

#include <stddef.h>
#include <time.h>

#include "date.h"
#include "db.h"

struct db;
struct query;

struct slot {
	long long	 provider;
	time_t		 start, end;
};

struct slots {
	struct slot	*v;
	size_t		 n, cap;
};

/*
 * Local days first..last, both included, and the stored (UTC) bounds
 * [lo, hi) they cover; 0001-01-01 and 9998-12-31 stand for all time.
 */
struct days {
	char		 first[DATE_LEN], last[DATE_LEN];
	char		 lo[STAMP_LEN], hi[STAMP_LEN];
};
void	 days_set(struct days *, const char *first, const char *last);
/*
 * The days of --day, or of --from/--to, each defaulting to dflt_from,
 * dflt_to (a day as typed: "today", "+3d") or to all time when NULL:
 * 0, or 64 or 65 with why.
 */
#define DAYS_WHY	128
int	 days_parse(struct days *, const char *day, const char *from,
	    const char *to, const char *dflt_from, const char *dflt_to,
	    char why[DAYS_WHY]);
/* The same, --from defaulting to today and --to to n days on from it. */
int	 days_ahead(struct days *, const char *day, const char *from,
	    const char *to, int n, char why[DAYS_WHY]);

/*
 * Append to out the open time of provider over the days, from not before
 * `from` (rounded up to 5 minutes): slots of `minutes`, or whole gaps when
 * 0, at most max of them.  patient, when not 0, must be free too.  0 or
 * a sysexits code.
 */
int	 slots_free(struct db *, long long provider, long long patient,
	    const struct days *, time_t from, int minutes, size_t max,
	    struct slots *out);
/*
 * The earliest first slot of the active providers (only the one when
 * `only` is not 0): out->n is 0 or 1 after.
 */
int	 slots_first(struct db *, long long only, long long patient,
	    const struct days *, time_t from, int minutes, struct slots *out);
/* The active providers' ids, in id order: 0 with *ids owned, or a code. */
int	 slots_providers(struct db *, long long **ids, size_t *n);
void	 slots_free_all(struct slots *);

extern const struct query slots_queries[];

#endif

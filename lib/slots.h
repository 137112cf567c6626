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
#include "span.h"

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

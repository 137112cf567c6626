/*
 * queries - see queries.h.  A module that keeps its own statements adds
 * its table here; lib/sql.c's are prepared by the same test separately
 * until they have all moved to their modules.
 */
#include <stddef.h>

#include "appt.h"
#include "queries.h"
#include "slots.h"
#include "waitlist.h"

const struct query *const query_tables[] = {
	appt_queries,
	slots_queries,
	waitlist_queries,
	NULL
};

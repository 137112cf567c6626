/*
 * queries - see queries.h.  A module that keeps its own statements adds
 * its table here; lib/sql.c's are prepared by the same test separately
 * until they have all moved to their modules.
 */
#include <stddef.h>

#include "queries.h"

extern const struct query provider_queries[];

const struct query *const query_tables[] = {
	provider_queries,
	NULL
};

/*
 * queries - see queries.h.  A module that keeps its own statements adds
 * its table here; lib/sql.c's are prepared by the same test separately
 * until they have all moved to their modules.
 */
#include <stddef.h>

#include "coverage.h"
#include "patient.h"
#include "queries.h"

const struct query *const query_tables[] = {
	patient_queries,
	coverage_queries,
	NULL
};

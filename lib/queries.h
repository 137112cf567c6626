/*
 * queries - the list of every module's statement table (struct query, see
 * db.h), for the unit test that prepares them all and for bench/, which
 * runs the programs' statements by name.  Programs never use it, so naming
 * a table here links nothing into them.
 */
#ifndef CLINIX_QUERIES_H
#define CLINIX_QUERIES_H

#include "db.h"

extern const struct query *const query_tables[];	/* NULL-terminated */

/* The statement called name ("patient.show"), NULL when none is. */
const struct query *query_named(const char *name);

#endif

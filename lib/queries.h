/*
 * queries - the list of every module's statement table (struct query, see
 * db.h), for the unit test that prepares them all.  Programs never use it,
 * so naming a table here links nothing into them.
 */
#ifndef CLINIX_QUERIES_H
#define CLINIX_QUERIES_H

#include "db.h"

extern const struct query *const query_tables[];	/* NULL-terminated */

#endif

/*
 * carc - claim adjustment reason codes, the words for a CAS reason
 * (X12's list, as in shared/data/carc.csv): loaded by `code import carc
 * FILE` into the carc table (014-claim.sql).
 */
#ifndef CLINIX_CARC_H
#define CLINIX_CARC_H

#include "db.h"

extern const struct query carc_queries[];

/*
 * Load the kind=reason rows (code, description) of the CSV at path,
 * whose header names its columns (kind,code,description,...): all of
 * them or none; a code loaded before gets its new description.  A bad
 * line is reported as "file:line: field: reason" and nothing is loaded.
 * *n gets the codes loaded.  0, 65, or 66/74 when it cannot be read.
 */
int	 carc_import(struct db *, const char *path, long *n);

#endif

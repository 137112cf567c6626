/*
 * cpt - CPT codes: their shape, which is all clinix can check (the AMA
 * licenses the descriptions), and the clinic's own licensed descriptions
 * in cpt_code, loaded by `code import cpt FILE` for `code show`.
 */
#ifndef CLINIX_CPT_H
#define CLINIX_CPT_H

#include "db.h"

#define CPT_LEN	5

extern const struct query cpt_queries[];

/* Is s (upper case) a CPT code: 4 digits and a digit, F, T or U? */
int	 cpt_shape(const char *s);

/*
 * Read and check the whole CSV (code, description; a first row whose
 * code is "code" is a header), then load it inside the caller's write
 * transaction, replacing the descriptions of codes it lists.  Every bad
 * line is reported as "file:line: field: reason" and nothing is loaded.
 * *n gets the rows loaded.  0, 65, or 66/74 when the file cannot be read.
 */
int	 cpt_import(struct db *, const char *path, long *n);

#endif

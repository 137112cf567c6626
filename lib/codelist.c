/*
 * codelist - see codelist.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "codelist.h"
#include "csvio.h"
#include "util.h"

#define REPORT_MAX	20	/* bad lines shown before a count */

struct row {
	char	 code[sizeof(((struct codelist_row *)0)->code)];
	char	*desc;		/* owned */
};

/* Read and check the whole file: 0 with *out (owned) and *n, or why not. */
static int
readall(const struct codelist *cl, const char *path, struct row **out,
    size_t *n)
{
	struct csvin		*in;
	struct csvrec		 c;
	struct codelist_row	 r;
	const char		*why, *field;
	size_t			 cap = 0, bad = 0, lines = 0;
	int			 rc, skip;

	if ((rc = csvin_open(&in, path)) != 0)
		return rc;
	while ((rc = csvin_next(in, &c)) == 1) {
		lines = c.line;
		if (c.line == 1 && cl->header != NULL &&
		    (rc = cl->header(cl->arg, &c, csvin_name(in))) != 0) {
			if (rc != 1)
				break;
			continue;
		}
		skip = 0;
		if ((why = cl->check(cl->arg, &c, &r, &field, &skip)) != NULL) {
			if (++bad <= REPORT_MAX)
				warnx("%s:%zu: %s: %s", csvin_name(in), c.line,
				    field, why);
			continue;
		}
		if (skip)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		memcpy((*out)[*n].code, r.code, sizeof(r.code));
		(*out)[(*n)++].desc = xstrdup(r.desc);	/* c's are borrowed */
	}
	if (rc == 0 && bad > REPORT_MAX)
		warnx("%s: %zu bad lines in all", csvin_name(in), bad);
	if (rc == 0 && bad > 0)
		rc = EX_DATAERR;
	if (rc == 0 && *n == 0 && lines > 0 && cl->none != NULL) {
		warnx("%s: %s", csvin_name(in), cl->none);
		rc = EX_DATAERR;
	}
	csvin_close(in);
	return rc;
}

int
codelist_import(struct db *db, const struct codelist *cl, const char *path,
    long *n)
{
	struct row	*rows = NULL;
	size_t		 nrows = 0;
	int		 rc;

	*n = 0;
	rc = readall(cl, path, &rows, &nrows);
	for (size_t i = 0; i < nrows; i++) {
		struct row	*r = &rows[i];
		sqlite3_stmt	*s;

		if (rc == 0) {
			s = db_query(db, cl->upsert);
			sqlite3_bind_text(s, 1, r->code, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, r->desc, -1, SQLITE_STATIC);
			rc = db_exec(db, s);
		}
		free(r->desc);
	}
	free(rows);
	if (rc == 0)
		*n = (long)nrows;
	return rc;
}

/*
 * carc - see carc.h.  The file is read whole before anything is written
 * (about a hundred codes), so a bad line leaves the table as it was.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "carc.h"
#include "csvio.h"
#include "util.h"

#define DESC_MAX	2000	/* bytes; the schema says so too */
#define REPORT_MAX	20	/* bad lines shown before a count */

enum { Q_UPSERT };

const struct query carc_queries[] = {
	[Q_UPSERT] = { "carc.upsert",
	    "INSERT INTO carc (code, description, imported_at)"
	    " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
	    " ON CONFLICT (code) DO UPDATE SET description ="
	    " excluded.description, imported_at = excluded.imported_at"
	    " WHERE description IS NOT excluded.description" },
	{ NULL, NULL }
};

struct row {
	char	 code[6];
	char	*desc;		/* owned */
};

/* The columns the header names: -1 for one it lacks. */
struct cols {
	int	 kind, code, desc;
};

static const char *
check(const struct csvrec *c, const struct cols *k, struct row *r,
    const char **field, int *skip)
{
	const char	*v;
	size_t		 len;

	*skip = 0;
	if (k->kind >= 0 && (size_t)k->kind < c->n &&
	    strcmp(c->f[k->kind], "reason") != 0) {
		*skip = 1;	/* the groups, and any other kind */
		return NULL;
	}
	*field = "code";
	if ((size_t)k->code >= c->n || *(v = c->f[k->code]) == '\0')
		return "missing";
	len = strlen(v);
	if (len > 5)
		return "longer than 5";
	for (size_t i = 0; i < len; i++)
		if (!((v[i] >= '0' && v[i] <= '9') ||
		    (v[i] >= 'A' && v[i] <= 'Z')))
			return "not a reason code (digits and capitals)";
	memcpy(r->code, v, len + 1);
	*field = "description";
	if ((size_t)k->desc >= c->n || *(v = c->f[k->desc]) == '\0')
		return "missing";
	if (strlen(v) > DESC_MAX)
		return "longer than 2000 bytes";
	if (!utf8_valid(v, strlen(v)))
		return "not UTF-8";
	r->desc = (char *)v;
	return NULL;
}

int
carc_import(struct db *db, const char *path, long *n)
{
	struct csvin	*in;
	struct csvrec	 c;
	struct cols	 k = { -1, -1, -1 };
	struct row	*rows = NULL, r;
	const char	*why, *field;
	size_t		 nrows = 0, cap = 0, bad = 0;
	int		 rc, skip;

	*n = 0;
	if ((rc = csvin_open(&in, path)) != 0)
		return rc;
	while ((rc = csvin_next(in, &c)) == 1) {
		if (c.line == 1) {
			for (size_t i = 0; i < c.n; i++)
				if (strcasecmp(c.f[i], "kind") == 0)
					k.kind = (int)i;
				else if (strcasecmp(c.f[i], "code") == 0)
					k.code = (int)i;
				else if (strcasecmp(c.f[i], "description") == 0)
					k.desc = (int)i;
			if (k.code < 0 || k.desc < 0) {
				warnx("%s:1: the header names no code and "
				    "description columns", csvin_name(in));
				rc = EX_DATAERR;
				break;
			}
			continue;
		}
		if ((why = check(&c, &k, &r, &field, &skip)) != NULL) {
			if (++bad <= REPORT_MAX)
				warnx("%s:%zu: %s: %s", csvin_name(in), c.line,
				    field, why);
			continue;
		}
		if (skip)
			continue;
		if (nrows == cap) {
			cap = cap ? cap * 2 : 128;
			rows = xrealloc(rows, cap * sizeof(*rows));
		}
		r.desc = xstrdup(r.desc);	/* c's fields are borrowed */
		rows[nrows++] = r;
	}
	if (rc == 0 && bad > REPORT_MAX)
		warnx("%s: %zu bad lines in all", csvin_name(in), bad);
	if (rc == 0 && bad > 0)
		rc = EX_DATAERR;
	if (rc == 0 && nrows == 0 && k.code >= 0) {
		warnx("%s: no reason codes in it", csvin_name(in));
		rc = EX_DATAERR;
	}
	csvin_close(in);
	for (size_t i = 0; i < nrows; i++) {
		if (rc == 0) {
			sqlite3_stmt *s = db_query(db, &carc_queries[Q_UPSERT]);

			sqlite3_bind_text(s, 1, rows[i].code, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, rows[i].desc, -1, SQLITE_STATIC);
			rc = db_exec(db, s);
		}
		free(rows[i].desc);
	}
	free(rows);
	if (rc == 0)
		*n = (long)nrows;
	return rc;
}

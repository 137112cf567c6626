/*
 * cpt - see cpt.h.  The file is read whole before anything is written,
 * so a bad line leaves the table as it was; a licensed CPT file holds
 * about 11,000 codes, so keeping it in memory costs little.
 */
#include <ctype.h>
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cpt.h"
#include "csvio.h"
#include "util.h"

#define DESC_MAX	2000	/* bytes; the schema says so too */
#define REPORT_MAX	20	/* bad lines shown before a count */

enum { Q_UPSERT };

const struct query cpt_queries[] = {
	[Q_UPSERT] = { "cpt.upsert",
	    "INSERT INTO cpt_code (code, description, imported_at)"
	    " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
	    " ON CONFLICT (code) DO UPDATE SET description = excluded.description,"
	    " imported_at = excluded.imported_at"
	    " WHERE description IS NOT excluded.description" },
	{ NULL, NULL }
};

int
cpt_shape(const char *s)
{
	for (int i = 0; i < CPT_LEN - 1; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return (isdigit((unsigned char)s[4]) || strchr("FTU", s[4]) != NULL)
	    && s[4] != '\0' && s[5] == '\0';
}

struct row {
	char	 code[CPT_LEN + 1];
	char	*desc;
};

/* One record's problem, or NULL with r filled in. */
static const char *
check(const struct csvrec *c, struct row *r, const char **field)
{
	const char	*why;
	size_t		 len;

	*field = "code";
	if (c->n < 1 || *c->f[0] == '\0')
		return "missing";
	len = strlen(c->f[0]);
	if (len != CPT_LEN)
		return "not a CPT code (4 digits and a digit, F, T or U)";
	for (size_t i = 0; i < len; i++)
		r->code[i] = (char)toupper((unsigned char)c->f[0][i]);
	r->code[len] = '\0';
	if (!cpt_shape(r->code))
		return "not a CPT code (4 digits and a digit, F, T or U)";
	*field = "description";
	if (c->n < 2)
		return "missing";
	if ((why = text_problem(c->f[1], DESC_MAX, TEXT_BYTES)) != NULL)
		return why;
	r->desc = c->f[1];
	return NULL;
}

int
cpt_import(struct db *db, const char *path, long *n)
{
	struct csvin	*in;
	struct csvrec	 c;
	struct row	*rows = NULL, r;
	const char	*why, *field;
	size_t		 nrows = 0, cap = 0, bad = 0;
	int		 rc;

	*n = 0;
	if ((rc = csvin_open(&in, path)) != 0)
		return rc;
	while ((rc = csvin_next(in, &c)) == 1) {
		if (c.line == 1 && c.n > 0 && strcasecmp(c.f[0], "code") == 0)
			continue;		/* the header row */
		if ((why = check(&c, &r, &field)) != NULL) {
			if (++bad <= REPORT_MAX)
				warnx("%s:%zu: %s: %s", csvin_name(in), c.line,
				    field, why);
			continue;
		}
		if (nrows == cap) {
			cap = cap ? cap * 2 : 256;
			rows = xrealloc(rows, cap * sizeof(*rows));
		}
		r.desc = xstrdup(r.desc);	/* c's fields are borrowed */
		rows[nrows++] = r;
	}
	if (rc == 0 && bad > REPORT_MAX)
		warnx("%s: %zu bad lines in all", csvin_name(in), bad);
	if (rc == 0 && bad > 0)
		rc = EX_DATAERR;
	csvin_close(in);
	for (size_t i = 0; i < nrows; i++) {
		if (rc == 0) {
			sqlite3_stmt *s = db_query(db, &cpt_queries[Q_UPSERT]);

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

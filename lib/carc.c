/*
 * carc - see carc.h.  codelist reads the file, this says what a good
 * line of it is.
 */
#include <err.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "carc.h"
#include "codelist.h"
#include "csvio.h"
#include "util.h"

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

/* The columns the header names: -1 for one it lacks. */
struct cols {
	int	 kind, code, desc;
};

static int
header(void *arg, const struct csvrec *c, const char *name)
{
	struct cols *k = arg;

	for (size_t i = 0; i < c->n; i++)
		if (strcasecmp(c->f[i], "kind") == 0)
			k->kind = (int)i;
		else if (strcasecmp(c->f[i], "code") == 0)
			k->code = (int)i;
		else if (strcasecmp(c->f[i], "description") == 0)
			k->desc = (int)i;
	if (k->code < 0 || k->desc < 0) {
		warnx("%s:1: the header names no code and description columns",
		    name);
		return EX_DATAERR;
	}
	return 1;
}

static const char *
check(void *arg, const struct csvrec *c, struct codelist_row *r,
    const char **field, int *skip)
{
	const struct cols	*k = arg;
	const char		*v;
	size_t			 len;

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
	if (strlen(v) > CODELIST_DESC_MAX)
		return "longer than 2000 bytes";
	if (!utf8_valid(v, strlen(v)))
		return "not UTF-8";
	r->desc = v;
	return NULL;
}

int
carc_import(struct db *db, const char *path, long *n)
{
	struct cols	 k = { -1, -1, -1 };
	struct codelist	 cl = { &carc_queries[Q_UPSERT], header, check,
			    "no reason codes in it", &k };

	return codelist_import(db, &cl, path, n);
}

/*
 * cpt - see cpt.h.  codelist reads the file, this says what a good line
 * of it is.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "codelist.h"
#include "cpt.h"
#include "csvio.h"
#include "util.h"

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

/* A first row whose code is "code" is a header. */
static int
header(void *arg, const struct csvrec *c, const char *name)
{
	(void)arg, (void)name;
	return c->n > 0 && strcasecmp(c->f[0], "code") == 0;
}

/* One record's problem, or NULL with r filled in. */
static const char *
check(void *arg, const struct csvrec *c, struct codelist_row *r,
    const char **field, int *skip)
{
	const char	*why;
	size_t		 len;

	(void)arg, (void)skip;
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
	why = text_problem(c->f[1], CODELIST_DESC_MAX, TEXT_BYTES);
	if (why != NULL)
		return why;
	r->desc = c->f[1];
	return NULL;
}

int
cpt_import(struct db *db, const char *path, long *n)
{
	static const struct codelist cl = { &cpt_queries[Q_UPSERT], header,
	    check, NULL, NULL };

	return codelist_import(db, &cl, path, n);
}

/*
 * catalog - drug, allergy group and CVX files in, catalog rows out, and
 * what a typed substance or vaccine code is.
 *
 * As in lib/codeset.c a whole file is read and checked before anything
 * is written, so a bad line leaves the tables as they were; these files
 * are small (hundreds of rows), so each field is simply its own string.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "catalog.h"
#include "csvio.h"
#include "db.h"
#include "util.h"

#define NCOL_MAX	8
#define REPORT_MAX	20		/* bad lines shown before a count */
#define STARTER_LABEL	"starter"
#define SUGGEST_MAX	5

enum { Q_GROUP_UPSERT, Q_GROUP_ACTIVE, Q_GROUP_RETIRE, Q_GROUP_COUNT,
    Q_GROUP_NAME, Q_DRUG_UPSERT, Q_DRUG_ACTIVE, Q_DRUG_RETIRE, Q_DRUG_COUNT,
    Q_DRUG_ID, Q_CROSS_CLEAR, Q_CROSS_ADD, Q_CVX_UPSERT, Q_CVX_ACTIVE,
    Q_CVX_RETIRE, Q_CVX_COUNT, Q_MATCH_RXCUI, Q_MATCH_DRUG, Q_MATCH_GROUP,
    Q_NAMES, Q_CVX };

/* A row is changed when a column differs or it was retired: version
 * stays the label of the import that last changed it, so a re-import
 * under another label changes nothing. */
const struct query catalog_queries[] = {
	[Q_GROUP_UPSERT] = { "catalog.group_upsert",
	    "INSERT INTO allergy_group (name, description, cross_note,"
	    " members, version) VALUES (:name, :description, :cross_note,"
	    " :members, :version)"
	    " ON CONFLICT (name) DO UPDATE SET"
	    " description = excluded.description,"
	    " cross_note = excluded.cross_note, members = excluded.members,"
	    " version = excluded.version, retired_in = NULL"
	    " WHERE description IS NOT excluded.description"
	    " OR cross_note IS NOT excluded.cross_note"
	    " OR members IS NOT excluded.members OR retired_in IS NOT NULL" },
	[Q_GROUP_ACTIVE] = { "catalog.group_active",
	    "SELECT name FROM allergy_group WHERE retired_in IS NULL" },
	[Q_GROUP_RETIRE] = { "catalog.group_retire",
	    "UPDATE allergy_group SET retired_in = ?2 WHERE name = ?1" },
	[Q_GROUP_COUNT] = { "catalog.group_count",
	    "SELECT count(*) FROM allergy_group" },
	[Q_GROUP_NAME] = { "catalog.group_name",	/* its own spelling */
	    "SELECT name FROM allergy_group WHERE name = ?1" },
	[Q_DRUG_UPSERT] = { "catalog.drug_upsert",
	    "INSERT INTO drug (ingredient, rxcui, drug_class, allergy_group,"
	    " cross_sensitive, products, schedule, brands, version)"
	    " VALUES (:ingredient, :rxcui, :drug_class, :allergy_group,"
	    " :cross_sensitive, :products, :schedule, :brands, :version)"
	    " ON CONFLICT (ingredient) DO UPDATE SET rxcui = excluded.rxcui,"
	    " drug_class = excluded.drug_class,"
	    " allergy_group = excluded.allergy_group,"
	    " cross_sensitive = excluded.cross_sensitive,"
	    " products = excluded.products, schedule = excluded.schedule,"
	    " brands = excluded.brands, version = excluded.version,"
	    " retired_in = NULL"
	    " WHERE rxcui IS NOT excluded.rxcui"
	    " OR drug_class IS NOT excluded.drug_class"
	    " OR allergy_group IS NOT excluded.allergy_group"
	    " OR cross_sensitive IS NOT excluded.cross_sensitive"
	    " OR products IS NOT excluded.products"
	    " OR schedule IS NOT excluded.schedule"
	    " OR brands IS NOT excluded.brands OR retired_in IS NOT NULL" },
	[Q_DRUG_ACTIVE] = { "catalog.drug_active",
	    "SELECT ingredient FROM drug WHERE retired_in IS NULL" },
	[Q_DRUG_RETIRE] = { "catalog.drug_retire",
	    "UPDATE drug SET retired_in = ?2 WHERE ingredient = ?1" },
	[Q_DRUG_COUNT] = { "catalog.drug_count", "SELECT count(*) FROM drug" },
	[Q_DRUG_ID] = { "catalog.drug_id",
	    "SELECT id FROM drug WHERE ingredient = ?1" },
	[Q_CROSS_CLEAR] = { "catalog.cross_clear",
	    "DELETE FROM drug_cross WHERE drug_id = ?1" },
	[Q_CROSS_ADD] = { "catalog.cross_add",
	    "INSERT INTO drug_cross (drug_id, allergy_group, level)"
	    " VALUES (?1, ?2, ?3)" },
	[Q_CVX_UPSERT] = { "catalog.cvx_upsert",
	    "INSERT INTO cvx (code, title, non_vaccine, version)"
	    " VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT (code) DO UPDATE SET title = excluded.title,"
	    " non_vaccine = excluded.non_vaccine, version = excluded.version,"
	    " retired_in = NULL"
	    " WHERE title IS NOT excluded.title"
	    " OR non_vaccine IS NOT excluded.non_vaccine"
	    " OR retired_in IS NOT NULL" },
	[Q_CVX_ACTIVE] = { "catalog.cvx_active",
	    "SELECT code FROM cvx WHERE retired_in IS NULL" },
	[Q_CVX_RETIRE] = { "catalog.cvx_retire",
	    "UPDATE cvx SET retired_in = ?2 WHERE code = ?1" },
	[Q_CVX_COUNT] = { "catalog.cvx_count", "SELECT count(*) FROM cvx" },
	[Q_MATCH_RXCUI] = { "catalog.match_rxcui",
	    "SELECT id, ingredient FROM drug WHERE rxcui = ?1"
	    " AND retired_in IS NULL" },
	[Q_MATCH_DRUG] = { "catalog.match_drug",
	    "SELECT id, ingredient FROM drug WHERE ingredient = ?1"
	    " AND retired_in IS NULL" },
	[Q_MATCH_GROUP] = { "catalog.match_group",
	    "SELECT NULL, name FROM allergy_group WHERE name = ?1"
	    " AND retired_in IS NULL" },
	[Q_NAMES] = { "catalog.names",
	    "SELECT ingredient FROM drug WHERE retired_in IS NULL"
	    " UNION ALL SELECT name FROM allergy_group"
	    " WHERE retired_in IS NULL" },
	/* a retired code still names a vaccine given years ago */
	[Q_CVX] = { "catalog.cvx",
	    "SELECT code, non_vaccine FROM cvx WHERE code = ?1" },
	{ NULL, NULL }
};

/* The columns of each kind's file, the key first. */
struct col {
	const char	*name;
	size_t		 max;		/* characters */
	int		 need;		/* the header must name it */
	int		 value;		/* and every row fill it */
};

enum { G_NAME, G_DESC, G_NOTE, G_MEMBERS };
enum { D_INGREDIENT, D_RXCUI, D_CLASS, D_GROUP, D_CROSS, D_PRODUCTS,
    D_SCHEDULE, D_BRANDS };
enum { V_CODE, V_TITLE, V_NON };

static const struct col group_cols[] = {
	{ "allergy_group", 80, 1, 1 }, { "description", 2000, 1, 1 },
	{ "cross_reactivity_note", 2000, 0, 0 },
	{ "members_examples", 2000, 0, 0 }, { NULL, 0, 0, 0 }
};
static const struct col drug_cols[] = {
	{ "ingredient", 120, 1, 1 }, { "rxcui", 10, 1, 0 },
	{ "drug_class", 200, 1, 1 }, { "allergy_group", 80, 1, 0 },
	{ "cross_sensitive_with", 2000, 0, 0 },
	{ "common_products", 2000, 0, 0 },
	{ "controlled_schedule", 3, 0, 0 }, { "brand_examples", 400, 0, 0 },
	{ NULL, 0, 0, 0 }
};
static const struct col cvx_cols[] = {
	{ "cvx_code", 3, 1, 1 }, { "short_description", 400, 1, 1 },
	{ "non_vaccine", 1, 1, 1 }, { NULL, 0, 0, 0 }
};

static const struct kind {
	const char		*name;
	const struct col	*cols;
	int			 upsert, active, retire, count;
} kinds[] = {
	[CAT_DRUGS] = { "drugs", drug_cols, Q_DRUG_UPSERT, Q_DRUG_ACTIVE,
	    Q_DRUG_RETIRE, Q_DRUG_COUNT },
	[CAT_GROUPS] = { "allergy-groups", group_cols, Q_GROUP_UPSERT,
	    Q_GROUP_ACTIVE, Q_GROUP_RETIRE, Q_GROUP_COUNT },
	[CAT_CVX] = { "cvx", cvx_cols, Q_CVX_UPSERT, Q_CVX_ACTIVE,
	    Q_CVX_RETIRE, Q_CVX_COUNT },
};

struct row {
	char	*f[NCOL_MAX];		/* NULL for an empty field */
	size_t	 line;
};

struct catalog {
	enum catkind	 kind;
	char		*name;		/* the file, for messages */
	struct row	*rows;
	size_t		 n, cap;
};

/* Reading or applying one file: how many bad lines so far. */
struct rd {
	const char	*name;
	size_t		 bad;
};

static const char *const levels[] = { "high", "moderate", "low",
    "very low", "label" };
static const char *const schedules[] = { "II", "III", "IV", "V" };

const char *
catalog_kind_name(enum catkind k)
{
	return kinds[k].name;
}

int
catalog_kind_parse(const char *s, enum catkind *k)
{
	for (size_t i = 0; i < nitems(kinds); i++)
		if (strcmp(s, kinds[i].name) == 0) {
			*k = (enum catkind)i;
			return 0;
		}
	return -1;
}

static void
bad(struct rd *rd, size_t line, const char *field, const char *why)
{
	if (rd->bad++ < REPORT_MAX)
		warnx("%s:%zu: %s: %s", rd->name, line, field, why);
}

static int
digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * The next item of a cross_sensitive_with list, "group (level)" items
 * separated by "; ": the group into g, its level into l.  1 and *p past
 * it, 0 at the end, or -1 with *why when the item is malformed.
 */
static int
cross_next(const char **p, char g[81], char l[16], const char **why)
{
	const char	*s = *p, *end, *open, *close;
	size_t		 n;

	while (*s == ' ' || *s == ';')
		s++;
	if (*s == '\0')
		return 0;
	end = strchr(s, ';');
	if (end == NULL)
		end = s + strlen(s);
	*p = end;
	while (end > s && end[-1] == ' ')
		end--;
	close = end - 1;
	for (open = close; open > s && *open != '('; open--)
		;
	if (*close != ')' || open <= s || open[-1] != ' ') {
		*why = "each item must be 'group (level)', items separated "
		    "by '; '";
		return -1;
	}
	n = (size_t)(open - 1 - s);
	if (n == 0 || n > 80 || (size_t)(close - open - 1) >= 16) {
		*why = "an allergy group of 1 to 80 characters, then "
		    "'(level)'";
		return -1;
	}
	memcpy(g, s, n);
	g[n] = '\0';
	n = (size_t)(close - open - 1);
	memcpy(l, open + 1, n);
	l[n] = '\0';
	if (!str_in(l, levels, nitems(levels))) {
		*why = "the level must be high, moderate, low, very low or "
		    "label";
		return -1;
	}
	return 1;
}

/* The checks of one field beyond its length, by kind and column. */
static const char *
bad_value(enum catkind k, int c, char *v)
{
	const char	*p = v, *why = NULL;
	char		 g[16][81], l[16];
	size_t		 ng = 0;
	int		 r;

	switch (k) {
	case CAT_DRUGS:
		if (c == D_RXCUI && (!digits(v) || *v == '0'))
			return "an RxCUI is digits, not starting with 0";
		if (c == D_SCHEDULE && !str_in(v, schedules, nitems(schedules)))
			return "must be II, III, IV or V";
		if (c != D_CROSS)
			return NULL;
		/* each group once: drug_cross's key is drug and group */
		while ((r = cross_next(&p, g[ng], l, &why)) == 1) {
			for (size_t i = 0; i < ng; i++)
				if (strcasecmp(g[i], g[ng]) == 0)
					return "names a group twice";
			if (++ng == nitems(g))
				return "names more than 16 groups";
		}
		return r == -1 ? why : NULL;
	case CAT_CVX:
		if (c == V_CODE && !digits(v))
			return "a CVX code is 1 to 3 digits";
		if (c == V_NON && strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			return "must be 0 or 1";
		return NULL;
	case CAT_GROUPS:
		return NULL;
	}
	return NULL;
}

static void
add_row(struct rd *rd, struct catalog *cat, size_t line, char *f[])
{
	const struct col	*cols = kinds[cat->kind].cols;
	struct row		*r;
	const char		*why;
	size_t			 was = rd->bad;

	for (int c = 0; cols[c].name; c++) {
		if (f[c] == NULL || *f[c] == '\0') {
			if (cols[c].value)
				bad(rd, line, cols[c].name, "is empty");
			continue;
		}
		if ((why = text_problem(f[c], cols[c].max, 0)) != NULL ||
		    (why = bad_value(cat->kind, c, f[c])) != NULL)
			bad(rd, line, cols[c].name, why);
	}
	if (rd->bad != was)
		return;
	if (cat->n == cat->cap) {
		cat->cap = cat->cap ? 2 * cat->cap : 256;
		cat->rows = xrealloc(cat->rows, cat->cap * sizeof(*cat->rows));
	}
	r = &cat->rows[cat->n++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	for (int c = 0; cols[c].name; c++)
		if (f[c] && *f[c])
			r->f[c] = xstrdup(f[c]);
	/* "3" and "03" are one code: the table keeps CDC's two digits */
	if (cat->kind == CAT_CVX && strlen(r->f[V_CODE]) == 1) {
		free(r->f[V_CODE]);
		r->f[V_CODE] = xasprintf("0%s", f[V_CODE]);
	}
}

/* Two rows with one key (any case): the later one is bad. */
static void
no_twice(struct rd *rd, struct catalog *cat, int c, const char *name)
{
	char msg[64];

	for (size_t i = 1; i < cat->n; i++)
		for (size_t j = 0; j < i; j++)
			if (cat->rows[i].f[c] && cat->rows[j].f[c] &&
			    strcasecmp(cat->rows[i].f[c],
			    cat->rows[j].f[c]) == 0) {
				snprintf(msg, sizeof(msg),
				    "appears twice (also line %zu)",
				    cat->rows[j].line);
				bad(rd, cat->rows[i].line, name, msg);
				break;
			}
}

int
catalog_read(struct catalog **out, enum catkind kind, const char *path)
{
	const struct col	*cols = kinds[kind].cols;
	struct catalog		*cat = xcalloc(1, sizeof(*cat));
	struct rd		 rd = { path, 0 };
	struct csvin		*in;
	struct csvrec		 r;
	int			 at[NCOL_MAX], rc, ncol = 0;

	*out = NULL;
	cat->kind = kind;
	if ((rc = csvin_open(&in, path)) != 0) {
		catalog_free(cat);
		return rc;
	}
	rd.name = csvin_name(in);
	if ((rc = csvin_next(in, &r)) != 1) {
		if (rc == 0) {
			warnx("%s: empty file", rd.name);
			rc = EX_DATAERR;
		}
		goto out;
	}
	for (; cols[ncol].name; ncol++) {
		at[ncol] = -1;
		for (size_t i = 0; i < r.n; i++)
			if (r.f[i] && strcmp(r.f[i], cols[ncol].name) == 0)
				at[ncol] = (int)i;
		if (at[ncol] < 0 && cols[ncol].need) {
			warnx("%s:%zu: the header must name the column %s "
			    "(a %s file)", rd.name, r.line, cols[ncol].name,
			    kinds[kind].name);
			rc = EX_DATAERR;
			goto out;
		}
	}
	while ((rc = csvin_next(in, &r)) == 1) {
		char *f[NCOL_MAX] = { 0 };

		for (int c = 0; c < ncol; c++)
			if (at[c] >= 0 && (size_t)at[c] < r.n)
				f[c] = r.f[at[c]];
		add_row(&rd, cat, r.line, f);
	}
	if (rc != 0)
		goto out;
	no_twice(&rd, cat, 0, cols[0].name);
	if (kind == CAT_DRUGS)
		no_twice(&rd, cat, D_RXCUI, "rxcui");
	if (rd.bad > REPORT_MAX)
		warnx("%s: %zu bad lines in all", rd.name, rd.bad);
	if (rd.bad == 0 && cat->n == 0)
		warnx("%s: no rows in the file", rd.name);
	if (rd.bad > 0 || cat->n == 0)
		rc = EX_DATAERR;
out:
	csvin_close(in);
	if (rc != 0) {
		catalog_free(cat);
		return rc;
	}
	cat->name = xstrdup(path);
	*out = cat;
	return 0;
}

void
catalog_free(struct catalog *cat)
{
	if (cat == NULL)
		return;
	for (size_t i = 0; i < cat->n; i++)
		for (int c = 0; c < NCOL_MAX; c++)
			free(cat->rows[i].f[c]);
	free(cat->rows);
	free(cat->name);
	free(cat);
}

static int
count(struct db *db, enum catkind k, long *n)
{
	sqlite3_stmt	*s = db_query(db, &catalog_queries[kinds[k].count]);
	long long	 v = 0;
	int		 rc = db_step_int(db, s, &v);

	*n = (long)v;
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? EX_SOFTWARE : rc;
}

/*
 * A drug's allergy group as the table spells it, into out: 0, 65 after a
 * file:line message when there is none, or a sysexits code.
 */
static int
group_name(struct db *db, struct rd *rd, size_t line, const char *field,
    const char *g, char out[81])
{
	sqlite3_stmt	*s = db_query(db, &catalog_queries[Q_GROUP_NAME]);
	char		 msg[160];
	int		 rc;

	sqlite3_bind_text(s, 1, g, -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		snprintf(out, 81, "%s", sqlite3_column_text(s, 0));
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	snprintf(msg, sizeof(msg), "no allergy group '%.80s' (import "
	    "allergy-groups first)", g);
	bad(rd, line, field, msg);
	return EX_DATAERR;
}

/* Rewrite a changed drug's drug_cross rows from its file text. */
static int
cross_rows(struct db *db, struct rd *rd, const struct row *r)
{
	sqlite3_stmt	*s = db_query(db, &catalog_queries[Q_DRUG_ID]);
	const char	*p = r->f[D_CROSS], *why;
	char		 g[81], canon[81], l[16];
	long long	 id;
	int		 rc;

	sqlite3_bind_text(s, 1, r->f[D_INGREDIENT], -1, SQLITE_STATIC);
	if ((rc = db_step_int(db, s, &id)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? EX_SOFTWARE : rc;
	s = db_query(db, &catalog_queries[Q_CROSS_CLEAR]);
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	while (p && (rc = cross_next(&p, g, l, &why)) == 1) {
		int grc = group_name(db, rd, r->line, "cross_sensitive_with",
		    g, canon);

		if (grc == EX_DATAERR)
			continue;	/* reported; look at the rest */
		if (grc != 0)
			return grc;
		s = db_query(db, &catalog_queries[Q_CROSS_ADD]);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, canon, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, l, -1, SQLITE_STATIC);
		if ((rc = db_exec(db, s)) != 0)
			return rc;
	}
	return 0;	/* the text was checked when read */
}

/* Upsert one row; *changed 1 when the table changed. */
static int
upsert(struct db *db, struct rd *rd, enum catkind k, const struct row *r,
    const char *label, int *changed)
{
	sqlite3_stmt	*s = db_query(db, &catalog_queries[kinds[k].upsert]);
	char		 g[81];
	int		 rc;

	*changed = 0;
	switch (k) {
	case CAT_GROUPS:
		db_bind_text(s, ":name", r->f[G_NAME]);
		db_bind_text(s, ":description", r->f[G_DESC]);
		db_bind_text(s, ":cross_note", r->f[G_NOTE]);
		db_bind_text(s, ":members", r->f[G_MEMBERS]);
		db_bind_text(s, ":version", label);
		break;
	case CAT_DRUGS:
		if (r->f[D_GROUP] && (rc = group_name(db, rd, r->line,
		    "allergy_group", r->f[D_GROUP], g)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
		db_bind_text(s, ":ingredient", r->f[D_INGREDIENT]);
		db_bind_text(s, ":rxcui", r->f[D_RXCUI]);
		db_bind_text(s, ":drug_class", r->f[D_CLASS]);
		db_bind_text(s, ":allergy_group", r->f[D_GROUP] ? g : NULL);
		db_bind_text(s, ":cross_sensitive", r->f[D_CROSS]);
		db_bind_text(s, ":products", r->f[D_PRODUCTS]);
		db_bind_text(s, ":schedule", r->f[D_SCHEDULE]);
		db_bind_text(s, ":brands", r->f[D_BRANDS]);
		db_bind_text(s, ":version", label);
		break;
	case CAT_CVX:
		sqlite3_bind_text(s, 1, r->f[V_CODE], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, r->f[V_TITLE], -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, *r->f[V_NON] == '1');
		sqlite3_bind_text(s, 4, label, -1, SQLITE_STATIC);
		break;
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT && k == CAT_DRUGS) {
		/* the one key the upsert does not take over */
		bad(rd, r->line, "rxcui", "is another ingredient's in the "
		    "catalog");
		return EX_DATAERR;
	}
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, "catalog import");
	*changed = sqlite3_changes(db_handle(db)) > 0;
	if (k == CAT_DRUGS && *changed)
		return cross_rows(db, rd, r);
	return 0;
}

/* What retire's callbacks are told. */
struct gone {
	const struct catalog	*cat;
	const char		*label;
};

static int
listed(void *arg, const char *key)
{
	const struct catalog *cat = ((struct gone *)arg)->cat;

	for (size_t i = 0; i < cat->n; i++)
		if (strcasecmp(cat->rows[i].f[0], key) == 0)
			return 1;
	return 0;
}

static void
bind_gone(void *arg, sqlite3_stmt *s, const char *key)
{
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ((struct gone *)arg)->label, -1,
	    SQLITE_STATIC);
}

/* Mark what the file no longer lists as retired in label. */
static int
retire(struct db *db, const struct catalog *cat, const char *label,
    long *n)
{
	struct gone	 g = { cat, label };

	return db_retire(db, db_query(db,
	    &catalog_queries[kinds[cat->kind].active]),
	    &catalog_queries[kinds[cat->kind].retire], listed, bind_gone, &g,
	    n);
}

int
catalog_apply(struct db *db, const struct catalog *cat, const char *label,
    struct catalog_stats *st)
{
	struct rd	 rd = { cat->name, 0 };
	long		 before, after, changed = 0;
	int		 rc, ch;

	memset(st, 0, sizeof(*st));
	if ((rc = count(db, cat->kind, &before)) != 0)
		return rc;
	for (size_t i = 0; i < cat->n; i++) {
		rc = upsert(db, &rd, cat->kind, &cat->rows[i], label, &ch);
		if (rc != 0 && rc != EX_DATAERR)
			return rc;
		changed += ch;
	}
	if (rd.bad > REPORT_MAX)
		warnx("%s: %zu bad lines in all", rd.name, rd.bad);
	if (rd.bad > 0)
		return EX_DATAERR;
	if ((rc = count(db, cat->kind, &after)) != 0 ||
	    (rc = retire(db, cat, label, &st->retired)) != 0)
		return rc;
	st->total = (long)cat->n;
	st->added = after - before;
	st->changed = changed - st->added;
	return 0;
}

/* groups first: drugs name them */
static const enum catkind starter[] = { CAT_GROUPS, CAT_DRUGS, CAT_CVX };

static int
load_starter(struct db *db, const char *dir, size_t i)
{
	struct catalog		*cat;
	struct catalog_stats	 st;
	char			*path;
	int			 rc;

	path = xasprintf("%s/%s.csv", dir, kinds[starter[i]].name);
	if ((rc = catalog_read(&cat, starter[i], path)) == 0) {
		rc = catalog_apply(db, cat, STARTER_LABEL, &st);
		catalog_free(cat);
	}
	if (rc == EX_DATAERR)
		rc = EX_SOFTWARE;	/* we shipped it broken */
	free(path);
	return rc;
}

int
catalog_load_starter(struct db *db)
{
	return db_load_starter(db, "catalog", "catalog", nitems(starter),
	    load_starter);
}

/* Step a match query bound to typed: 1 found, 0 not, or -(sysexits). */
static int
match_one(struct db *db, int q, const char *typed, struct catalog_hit *hit)
{
	sqlite3_stmt	*s = db_query(db, &catalog_queries[q]);
	int		 rc;

	sqlite3_bind_text(s, 1, typed, -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		hit->drug = sqlite3_column_int64(s, 0);
		snprintf(hit->name, sizeof(hit->name), "%s",
		    sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -rc;
}

int
catalog_match(struct db *db, const char *typed, struct catalog_hit *hit)
{
	int rc;

	memset(hit, 0, sizeof(*hit));
	if (digits(typed)) {
		if ((rc = match_one(db, Q_MATCH_RXCUI, typed, hit)) > 0)
			hit->kind = CATMATCH_DRUG;
		return rc < 0 ? -rc : 0;
	}
	if ((rc = match_one(db, Q_MATCH_DRUG, typed, hit)) > 0)
		hit->kind = CATMATCH_DRUG;
	else if (rc == 0 &&
	    (rc = match_one(db, Q_MATCH_GROUP, typed, hit)) > 0)
		hit->kind = CATMATCH_GROUP;
	return rc < 0 ? -rc : 0;
}

size_t
catalog_distance(const char *a, const char *b)
{
	size_t	 na = strlen(a), nb = strlen(b), *row, d;

	row = xcalloc(nb + 1, sizeof(*row));
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];	/* row[i-1][j-1] */

		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j], best;
			int same = tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 1]);

			best = diag + !same;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	d = row[nb];
	free(row);
	return d;
}

/* What ranks a candidate: prefixes first, then distance, then name. */
struct cand {
	size_t		 i, dist;
	int		 prefix;
	const char	*name;
};

static int
by_rank(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->prefix != b->prefix)
		return b->prefix - a->prefix;
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	return strcasecmp(a->name, b->name);
}

size_t
catalog_suggest(const char *typed, const char *const names[], size_t n,
    size_t out[], size_t max)
{
	struct cand	*c = xcalloc(n ? n : 1, sizeof(*c));
	size_t		 len = strlen(typed), limit, nc = 0;

	limit = len / 3;
	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	for (size_t i = 0; i < n; i++) {
		int	 prefix = len >= 3 &&
		    strncasecmp(names[i], typed, len) == 0;
		size_t	 d;

		/* a name too long or short to be within limit is no match */
		if (!prefix && (strlen(names[i]) > len + limit ||
		    strlen(names[i]) + limit < len))
			continue;
		d = catalog_distance(typed, names[i]);
		if (prefix || d <= limit)
			c[nc++] = (struct cand){ i, d, prefix, names[i] };
	}
	qsort(c, nc, sizeof(*c), by_rank);
	if (nc > max)
		nc = max;
	for (size_t k = 0; k < nc; k++)
		out[k] = c[k].i;
	free(c);
	return nc;
}

int
catalog_close(struct db *db, const char *typed, struct buf *out)
{
	sqlite3_stmt	*s = db_query(db, &catalog_queries[Q_NAMES]);
	char		**names = NULL;
	size_t		 n = 0, cap = 0, pick[SUGGEST_MAX], np;
	int		 rc;

	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 512;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		rc = 0;
		np = catalog_suggest(typed, (const char *const *)names, n,
		    pick, SUGGEST_MAX);
		for (size_t k = 0; k < np; k++)
			buf_printf(out, "%s%s", k ? ", " : "", names[pick[k]]);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
catalog_cvx(struct db *db, const char *typed, char code[4], int *non_vaccine)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (!digits(typed) || strlen(typed) > 3)
		return EX_USAGE;
	/* "3" is CDC's "03" */
	code[0] = '0';
	memcpy(code + (strlen(typed) == 1), typed, strlen(typed) + 1);
	s = db_query(db, &catalog_queries[Q_CVX]);
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*non_vaccine = sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : rc;
}

/*
 * codeset - code set files in, code table rows out.
 *
 * A whole file is read and checked before anything is written, so a bad
 * line leaves the table as it was.  The strings of all rows live in one
 * growing buffer (offsets, not pointers, since it moves): the full
 * ICD-10-CM set is 97,584 rows, and one allocation per field would be most
 * of the cost of reading it.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "codeset.h"
#include "csvio.h"
#include "date.h"
#include "db.h"
#include "util.h"

#define NONE		((size_t)-1)	/* no string: SQL NULL */
#define TITLE_MAX	400		/* bytes; the schema says so too */
#define LONG_MAX_LEN	8000
#define REPORT_MAX	20		/* bad lines shown before a count */
#define STARTER_LABEL	"starter"

enum { Q_UPSERT, Q_CURRENT, Q_RETIRE, Q_COUNT, Q_LOOKUP, Q_SHOW, Q_SEARCH,
    Q_FTS_REBUILD };

/* A code as people read it: E11.9, not the stored E119. */
#define DOTTED(c) \
	"CASE WHEN " c "system = 'icd10cm' AND length(" c "code) > 3" \
	" THEN substr(" c "code, 1, 3) || '.' || substr(" c "code, 4)" \
	" ELSE " c "code END AS code"

const struct query codeset_queries[] = {
	[Q_UPSERT] = { "code.upsert",	/* an unchanged row is left alone: no FTS work */
	    "INSERT INTO code (system, code, title, long_title, billable,"
	    " kind, version) VALUES (:system, :code, :title, :long_title,"
	    " :billable, :kind, :version)"
	    " ON CONFLICT (system, code) DO UPDATE SET title = excluded.title,"
	    " long_title = excluded.long_title, billable = excluded.billable,"
	    " kind = excluded.kind, version = excluded.version,"
	    " retired_in = NULL"
	    " WHERE title IS NOT excluded.title"
	    " OR long_title IS NOT excluded.long_title"
	    " OR billable IS NOT excluded.billable OR kind IS NOT excluded.kind"
	    " OR version IS NOT excluded.version OR retired_in IS NOT NULL" },
	[Q_CURRENT] = { "code.current",	/* in memcmp order, as sort() sorts */
	    "SELECT code FROM code WHERE system = :system"
	    " AND retired_in IS NULL ORDER BY code" },
	[Q_RETIRE] = { "code.retire",
	    "UPDATE code SET retired_in = :label WHERE system = :system"
	    " AND code = :code AND retired_in IS NULL" },
	[Q_COUNT] = { "code.count",
	    "SELECT count(*), count(retired_in) FROM code"
	    " WHERE system = :system" },
	[Q_LOOKUP] = { "code.lookup",	/* the best row first, when both systems have it */
	    "SELECT system, billable, retired_in, kind FROM code"
	    " WHERE code = :code AND (:system IS NULL OR system = :system)"
	    " ORDER BY retired_in IS NOT NULL, billable DESC, system" },
	[Q_SHOW] = { "code.show",
	    "SELECT " DOTTED("") ", system, title, long_title,"
	    " CASE billable WHEN 1 THEN 'yes' ELSE 'no' END AS billable, kind,"
	    " version, retired_in FROM code"
	    " WHERE code = :code AND (:system IS NULL OR system = :system)"
	    /* a clinic's licensed CPT descriptions (lib/cpt.c) */
	    " UNION ALL SELECT code, 'cpt', description, NULL, 'yes', NULL,"
	    " NULL, NULL FROM cpt_code WHERE code = :code AND :system IS NULL"
	    " ORDER BY system" },
	[Q_SEARCH] = { "code.search",	/* :query from codeset_fts_query */
	    "SELECT " DOTTED("c.") ", c.system, c.title,"
	    " CASE c.billable WHEN 1 THEN 'yes' ELSE 'no' END AS billable,"
	    " c.retired_in FROM code_fts JOIN code c"
	    " ON c.rowid = code_fts.rowid"
	    " WHERE code_fts MATCH :query"
	    " AND (:system IS NULL OR c.system = :system)"
	    " AND (:billable = 0 OR c.billable = 1)"
	    " AND (:retired = 1 OR c.retired_in IS NULL)"
	    " ORDER BY c.system, c.code LIMIT coalesce(:limit, -1)" },
	[Q_FTS_REBUILD] = { "code.fts_rebuild",	/* see share/schema/003-codes.sql */
	    "INSERT INTO code_fts (code_fts) VALUES ('rebuild')" },
	{ NULL, NULL }
};

/* Q_LOOKUP's columns */
enum { LOOKUP_SYSTEM, LOOKUP_BILLABLE, LOOKUP_RETIRED_IN, LOOKUP_KIND };
/* Q_COUNT's */
enum { COUNT_ALL, COUNT_RETIRED };

struct crow {
	size_t	 code, title, ltitle;	/* offsets into strs, or NONE */
	size_t	 line;
	int	 billable;
	int	 modifier;		/* HCPCS kind 'modifier' */
};

struct codeset {
	enum codesys	 sys;
	struct buf	 strs;
	struct crow	*rows;
	size_t		 n, cap;
};

/* Reading one file: where, and how many bad lines so far. */
struct rd {
	struct codeset	*cs;
	const char	*name;		/* for messages */
	size_t		 bad;
};

static const char *const sysnames[] = { "icd10cm", "hcpcs" };

const char *
codeset_sys_name(enum codesys sys)
{
	return sysnames[sys];
}

int
codeset_sys_parse(const char *s, enum codesys *sys)
{
	for (size_t i = 0; i < nitems(sysnames); i++)
		if (strcmp(s, sysnames[i]) == 0) {
			*sys = (enum codesys)i;
			return 0;
		}
	return -1;
}

int
codeset_norm(const char *in, char out[CODESET_CODE_MAX + 1])
{
	size_t n = 0, i;

	for (i = 0; in[i] != '\0'; i++) {
		unsigned char c = (unsigned char)in[i];

		/* ICD-10-CM's dot stands after the category, and only there */
		if (c == '.' && i == 3 && in[i + 1] != '\0')
			continue;
		if (!isascii(c) || !isalnum(c) || n == CODESET_CODE_MAX)
			return -1;
		out[n++] = (char)toupper(c);
	}
	out[n] = '\0';
	return n >= 2 ? 0 : -1;
}

void
codeset_dotted(enum codesys sys, const char *code,
    char out[CODESET_CODE_MAX + 2])
{
	if (sys == CODESYS_ICD10CM && strlen(code) > 3)
		snprintf(out, CODESET_CODE_MAX + 2, "%.3s.%.4s", code,
		    code + 3);
	else
		snprintf(out, CODESET_CODE_MAX + 2, "%s", code);
}

static int
all(const char *s, int (*is)(int))
{
	for (; *s; s++)
		if (!is((unsigned char)*s))
			return 0;
	return 1;
}

static int
upper_or_digit(int c)
{
	return isdigit(c) || isupper(c);
}

/* The shapes in standards.md section 4, on the stored (undotted) form. */
const char *
codeset_bad_code(enum codesys sys, const char *c, int modifier)
{
	size_t n = strlen(c);

	if (sys == CODESYS_ICD10CM) {
		if (n < 3 || n > 7 || !isupper((unsigned char)c[0]) ||
		    !isdigit((unsigned char)c[1]) ||
		    !all(c + 2, upper_or_digit))
			return "not an ICD-10-CM code (letter, digit, then "
			    "1 to 5 letters or digits)";
		return NULL;
	}
	if (modifier) {
		if (n != 2 || !all(c, upper_or_digit))
			return "not a HCPCS modifier (2 letters or digits)";
		return NULL;
	}
	if (n != 5 || c[0] < 'A' || c[0] > 'V' || !all(c + 1, isdigit))
		return "not a HCPCS Level II code (A-V and 4 digits)";
	return NULL;
}

/* Why a title is unacceptable, or NULL. */
static const char *
bad_text(const char *s, size_t max)
{
	return text_problem(s, max, TEXT_BYTES);
}

static void
bad(struct rd *rd, size_t line, const char *field, const char *why)
{
	if (rd->bad++ < REPORT_MAX)
		warnx("%s:%zu: %s: %s", rd->name, line, field, why);
}

static size_t
keep(struct codeset *cs, const char *s, size_t len)
{
	size_t at = cs->strs.len;

	buf_add(&cs->strs, s, len);
	buf_addc(&cs->strs, '\0');
	return at;
}

/*
 * Check one code set row and keep it.  The strings are as read, titles
 * already trimmed; ltitle and dotted may be NULL.
 */
static void
add_row(struct rd *rd, size_t line, const char *code, const char *dotted,
    const char *title, const char *ltitle, const char *billable,
    const char *kind)
{
	struct codeset	*cs = rd->cs;
	struct crow	*r;
	char		 c[CODESET_CODE_MAX + 1], d[CODESET_CODE_MAX + 2];
	const char	*why;
	int		 modifier = 0, b = 1;
	size_t		 was = rd->bad;

	if (cs->sys == CODESYS_HCPCS) {
		if (strcmp(kind, "modifier") == 0)
			modifier = 1;
		else if (strcmp(kind, "code") != 0)
			bad(rd, line, "kind", "must be 'code' or 'modifier'");
		b = !modifier;	/* a modifier is billed only on a code */
	}
	if (codeset_norm(code, c) == -1)
		bad(rd, line, "code", *code == '\0' ? "is empty" :
		    cs->sys == CODESYS_ICD10CM ? "not an ICD-10-CM code" :
		    "not a HCPCS code");
	else if ((why = codeset_bad_code(cs->sys, c, modifier)) != NULL)
		bad(rd, line, "code", why);
	else if (dotted != NULL && *dotted != '\0') {
		codeset_dotted(cs->sys, c, d);
		if (strcmp(dotted, d) != 0)
			bad(rd, line, "code_dotted", "does not match code");
	}
	if ((why = bad_text(title, TITLE_MAX)) != NULL)
		bad(rd, line, "title", why);
	if (ltitle && *ltitle && (why = bad_text(ltitle, LONG_MAX_LEN)))
		bad(rd, line, "long_title", why);
	if (billable != NULL) {
		if (strcmp(billable, "0") != 0 && strcmp(billable, "1") != 0)
			bad(rd, line, "billable", "must be 0 or 1");
		b = *billable == '1';
	}
	if (rd->bad != was)
		return;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? 2 * cs->cap : 1024;
		cs->rows = xrealloc(cs->rows, cs->cap * sizeof(*cs->rows));
	}
	r = &cs->rows[cs->n++];
	r->code = keep(cs, c, strlen(c));
	r->title = keep(cs, title, strlen(title));
	r->ltitle = ltitle && *ltitle ? keep(cs, ltitle, strlen(ltitle)) : NONE;
	r->line = line;
	r->billable = b;
	r->modifier = modifier;
}

/* CSV with a header row naming its columns, as in shared/data. */
static int
read_csv(struct rd *rd, const char *path)
{
	enum { C_CODE, C_DOTTED, C_SHORT, C_LONG, C_BILLABLE, C_KIND, C_MAX };
	static const char *const names[C_MAX] = { "code", "code_dotted",
	    "short_description", "long_description", "billable", "kind" };
	struct csvin	*in;
	struct csvrec	 r;
	int		 col[C_MAX], rc;
	int		 icd = rd->cs->sys == CODESYS_ICD10CM;

	if ((rc = csvin_open(&in, path)) != 0)
		return rc;
	if ((rc = csvin_next(in, &r)) != 1) {
		if (rc == 0) {
			warnx("%s: empty file", rd->name);
			rc = EX_DATAERR;
		}
		goto out;
	}
	for (int k = 0; k < C_MAX; k++) {
		col[k] = -1;
		for (size_t i = 0; i < r.n; i++)
			if (r.f[i] && strcmp(r.f[i], names[k]) == 0)
				col[k] = (int)i;
	}
	if (col[C_CODE] < 0 || col[C_SHORT] < 0 ||
	    (icd ? col[C_BILLABLE] : col[C_KIND]) < 0) {
		warnx("%s:%zu: the header must name the columns code, "
		    "short_description and %s", rd->name, r.line,
		    icd ? "billable (an ICD-10-CM file)" :
		    "kind (a HCPCS file)");
		rc = EX_DATAERR;
		goto out;
	}
	while ((rc = csvin_next(in, &r)) == 1) {
		const char *f[C_MAX];

		for (int k = 0; k < C_MAX; k++)
			f[k] = col[k] >= 0 && (size_t)col[k] < r.n &&
			    r.f[col[k]] ? r.f[col[k]] : "";
		add_row(rd, r.line, f[C_CODE], f[C_DOTTED], f[C_SHORT],
		    f[C_LONG], icd ? f[C_BILLABLE] : NULL, f[C_KIND]);
	}
out:
	csvin_close(in);
	return rc;
}

/* Drop trailing blanks in place; returns the string. */
static char *
rtrim(char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	s[len] = '\0';
	return s;
}

/*
 * The CDC order file (icd10cm-order-YYYY.txt), fixed width: order number
 * 0-4, code 6-12, billable flag 14, short title 16-75, long title 77-.
 */
static int
read_order(struct rd *rd, FILE *f)
{
	char	*line = NULL, code[8], *shrt, *lng;
	size_t	 cap = 0, lineno = 0;
	ssize_t	 n;
	int	 rc = 0;

	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (memchr(line, '\0', (size_t)n) != NULL ||
		    !utf8_valid(line, (size_t)n)) {
			bad(rd, lineno, "line", "not text (NUL byte or invalid "
			    "UTF-8)");
			continue;
		}
		if (n < 17 || line[5] != ' ' || line[13] != ' ' ||
		    line[15] != ' ' || (n > 76 && line[76] != ' ')) {
			bad(rd, lineno, "line", "not in the order file "
			    "layout (order 0-4, code 6-12, flag 14, titles "
			    "16- and 77-)");
			continue;
		}
		for (int i = 0; i < 5; i++)
			if (!isdigit((unsigned char)line[i])) {
				bad(rd, lineno, "order", "must be 5 digits");
				break;
			}
		memcpy(code, line + 6, 7);
		rtrim(code, 7);
		lng = n > 77 ? rtrim(line + 77, (size_t)n - 77) : NULL;
		shrt = rtrim(line + 16, n > 76 ? 60 : (size_t)n - 16);
		line[15] = '\0';
		add_row(rd, lineno, code, NULL, shrt, lng, line + 14, NULL);
	}
	if (ferror(f)) {
		warn("%s", rd->name);
		rc = EX_IOERR;
	}
	free(line);
	return rc;
}

static struct codeset *sort_cs;	/* qsort has no context argument */

static int
by_code(const void *a, const void *b)
{
	const struct crow *x = a, *y = b;
	int c = strcmp(sort_cs->strs.s + x->code, sort_cs->strs.s + y->code);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Sort by code (the order Q_CURRENT gives) and refuse duplicates. */
static void
sort_rows(struct rd *rd)
{
	struct codeset *cs = rd->cs;
	char msg[64];

	if (cs->n == 0)		/* rows is NULL, and qsort may not see it */
		return;
	sort_cs = cs;
	qsort(cs->rows, cs->n, sizeof(*cs->rows), by_code);
	sort_cs = NULL;
	for (size_t i = 1; i < cs->n; i++)
		if (strcmp(cs->strs.s + cs->rows[i].code,
		    cs->strs.s + cs->rows[i - 1].code) == 0) {
			snprintf(msg, sizeof(msg),
			    "appears twice (also line %zu)",
			    cs->rows[i - 1].line);
			bad(rd, cs->rows[i].line, "code", msg);
		}
}

int
codeset_read(struct codeset **out, enum codesys sys, const char *path)
{
	struct codeset	*cs = xcalloc(1, sizeof(*cs));
	struct rd	 rd = { cs, path, 0 };
	FILE		*f = NULL;
	int		 c, rc;

	*out = NULL;
	cs->sys = sys;
	/* a digit first is an order number; a CSV starts with its header */
	if (strcmp(path, "-") == 0) {
		rd.name = "stdin";	/* as csvio names it */
		f = stdin;
		if ((c = getc(f)) != EOF)
			ungetc(c, f);
	} else if ((f = fopen(path, "r")) == NULL) {
		warn("cannot read '%s'", path);
		codeset_free(cs);
		return EX_NOINPUT;
	} else
		c = getc(f);
	if (c != EOF && isdigit(c)) {
		if (sys != CODESYS_ICD10CM) {
			warnx("%s: an order file holds ICD-10-CM codes, not "
			    "HCPCS", rd.name);
			rc = EX_DATAERR;
		} else {
			if (f != stdin)
				rewind(f);
			rc = read_order(&rd, f);
		}
	} else {
		if (f != stdin)
			fclose(f);
		f = NULL;
		rc = read_csv(&rd, path);
	}
	if (f != NULL && f != stdin)
		fclose(f);
	if (rc == 0)
		sort_rows(&rd);
	if (rc == 0 && rd.bad > REPORT_MAX)
		warnx("%s: %zu bad lines in all", rd.name, rd.bad);
	if (rc == 0 && rd.bad == 0 && cs->n == 0)
		warnx("%s: no codes in the file", rd.name);
	if (rc == 0 && (rd.bad > 0 || cs->n == 0))
		rc = EX_DATAERR;
	if (rc != 0) {
		codeset_free(cs);
		return rc;
	}
	*out = cs;
	return 0;
}

size_t
codeset_count(const struct codeset *cs)
{
	return cs->n;
}

void
codeset_free(struct codeset *cs)
{
	if (cs == NULL)
		return;
	buf_free(&cs->strs);
	free(cs->rows);
	free(cs);
}

static int
count(struct db *db, enum codesys sys, long *all, long *retired)
{
	sqlite3_stmt	*s = db_query(db, &codeset_queries[Q_COUNT]);
	int		 rc;

	db_bind_text(s, ":system", sysnames[sys]);
	if ((rc = db_step(db, s)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? EX_SOFTWARE : rc;
	*all = sqlite3_column_int64(s, COUNT_ALL);
	*retired = sqlite3_column_int64(s, COUNT_RETIRED);
	sqlite3_reset(s);
	return 0;
}

static int
by_key(const void *key, const void *row)
{
	const struct crow *r = row;

	return strcmp(key, sort_cs->strs.s + r->code);
}

/* What retire's callbacks are told. */
struct gone {
	const struct codeset	*cs;
	const char		*label;
};

static int
listed(void *arg, const char *code)
{
	const struct codeset	*cs = ((struct gone *)arg)->cs;
	int			 found;

	sort_cs = (struct codeset *)cs;
	found = cs->n > 0 && bsearch(code, cs->rows, cs->n,
	    sizeof(*cs->rows), by_key) != NULL;
	sort_cs = NULL;
	return found;
}

static void
bind_gone(void *arg, sqlite3_stmt *s, const char *code)
{
	const struct gone *g = arg;

	db_bind_text(s, ":system", sysnames[g->cs->sys]);
	db_bind_text(s, ":code", code);
	db_bind_text(s, ":label", g->label);
}

/* Mark the current codes this set does not list as retired in label. */
static int
retire(struct db *db, const struct codeset *cs, const char *label,
    long *n)
{
	sqlite3_stmt	*s = db_query(db, &codeset_queries[Q_CURRENT]);
	struct gone	 g = { cs, label };

	db_bind_text(s, ":system", sysnames[cs->sys]);
	return db_retire(db, s, &codeset_queries[Q_RETIRE], listed, bind_gone,
	    &g, n);
}

int
codeset_apply(struct db *db, const struct codeset *cs, const char *label,
    int progress, struct codeset_stats *st)
{
	sqlite3_stmt	*s = db_query(db, &codeset_queries[Q_UPSERT]);
	long		 all0, ret0, all1, ret1, changed = 0;
	int		 rc;
	/*
	 * Bound by position, the positions looked up once, and without a
	 * copy (the rows outlive the statement's run): this is the one loop
	 * that runs 97,584 times an import.
	 */
	enum { SYS, CODE, TITLE, LTITLE, BILLABLE, KIND, VERSION, NPARAM };
	static const char *const names[NPARAM] = { ":system", ":code",
	    ":title", ":long_title", ":billable", ":kind", ":version" };
	int		 at[NPARAM];

	memset(st, 0, sizeof(*st));
	for (int k = 0; k < NPARAM; k++)
		if ((at[k] = sqlite3_bind_parameter_index(s, names[k])) == 0)
			return EX_SOFTWARE;	/* code.upsert's text: a bug */
	if ((rc = count(db, cs->sys, &all0, &ret0)) != 0)
		return rc;
	for (size_t i = 0; i < cs->n; i++) {
		const struct crow *r = &cs->rows[i];

		sqlite3_bind_text(s, at[SYS], sysnames[cs->sys], -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, at[CODE], cs->strs.s + r->code, -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, at[TITLE], cs->strs.s + r->title, -1,
		    SQLITE_STATIC);
		if (r->ltitle != NONE)
			sqlite3_bind_text(s, at[LTITLE], cs->strs.s + r->ltitle,
			    -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, at[LTITLE]);
		sqlite3_bind_int(s, at[BILLABLE], r->billable);
		if (cs->sys == CODESYS_HCPCS)
			sqlite3_bind_text(s, at[KIND], r->modifier ?
			    "modifier" : "code", -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, at[KIND]);
		sqlite3_bind_text(s, at[VERSION], label, -1, SQLITE_STATIC);
		if ((rc = db_exec(db, s)) != 0)
			return rc;
		changed += sqlite3_changes(db_handle(db));
		if (progress && (i % 4096 == 0 || i + 1 == cs->n))
			fprintf(stderr, "\r%s: %s: %zu of %zu",
			    program_invocation_short_name, sysnames[cs->sys],
			    i + 1, cs->n);
	}
	if (progress)
		fputs("\n", stderr);
	if ((rc = count(db, cs->sys, &all1, &ret1)) != 0 ||
	    (rc = retire(db, cs, label, &st->retired)) != 0)
		return rc;
	/* one pass over the table beats a savepoint-bound insert per row */
	if (changed > 0 &&
	    (rc = db_exec(db, db_query(db, &codeset_queries[Q_FTS_REBUILD])))
	    != 0)
		return rc;
	st->total = (long)cs->n;
	st->added = all1 - all0;
	st->back = ret0 - ret1;
	return 0;
}

/* "FY2025" or a year 1900-2099 standing alone among digits. */
char *
codeset_label_guess(const char *path)
{
	const char	*base = strrchr(path, '/');
	char		 day[DATE_LEN];
	size_t		 n;

	base = base ? base + 1 : path;
	n = strlen(base);
	for (size_t i = 0; i + 6 <= n; i++)
		if (strncasecmp(base + i, "fy", 2) == 0 &&
		    (strncmp(base + i + 2, "19", 2) == 0 ||
		    strncmp(base + i + 2, "20", 2) == 0) &&
		    isdigit((unsigned char)base[i + 4]) &&
		    isdigit((unsigned char)base[i + 5]) &&
		    !isdigit((unsigned char)base[i + 6]))
			return xasprintf("FY%.4s", base + i + 2);
	for (size_t i = 0; i + 4 <= n; i++) {
		if (i > 0 && isdigit((unsigned char)base[i - 1]))
			continue;
		if ((strncmp(base + i, "19", 2) == 0 ||
		    strncmp(base + i, "20", 2) == 0) &&
		    isdigit((unsigned char)base[i + 2]) &&
		    isdigit((unsigned char)base[i + 3]) &&
		    !isdigit((unsigned char)base[i + 4]))
			return xstrndup(base + i, 4);
	}
	if (date_parse_day("today", day) == -1)
		return xstrdup("unknown");
	return xstrdup(day);
}

const char *
codeset_bad_label(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > CODESET_LABEL_MAX)
		return "must be 1 to 40 characters";
	for (; *s; s++)
		if (!isascii((unsigned char)*s) || !isgraph((unsigned char)*s))
			return "may hold only printable ASCII, no blanks";
	return NULL;
}

static const struct {
	const char	*file;
	enum codesys	 sys;
} starter[] = {
	{ "icd10cm-starter.csv", CODESYS_ICD10CM },
	{ "hcpcs-starter.csv", CODESYS_HCPCS },
};

static int
load_starter(struct db *db, const char *dir, size_t i)
{
	struct codeset		*cs;
	struct codeset_stats	 st;
	char			*path;
	int			 rc;

	path = xasprintf("%s/%s", dir, starter[i].file);
	if ((rc = codeset_read(&cs, starter[i].sys, path)) == 0) {
		rc = codeset_apply(db, cs, STARTER_LABEL, 0, &st);
		codeset_free(cs);
	} else
		rc = EX_SOFTWARE;	/* we shipped it broken */
	free(path);
	return rc;
}

int
codeset_load_starter(struct db *db)
{
	return db_load_starter(db, "codes", "code sets", nitems(starter),
	    load_starter);
}

const char *
code_status_name(enum code_status st)
{
	switch (st) {
	case CODE_OK:		return "ok";
	case CODE_UNKNOWN:	return "unknown";
	case CODE_NOT_BILLABLE:	return "not billable";
	case CODE_RETIRED:	return "retired";
	}
	return "?";
}

int
codeset_lookup(struct db *db, int sys, const char *code,
    struct code_info *info)
{
	sqlite3_stmt	*s;
	const char	*t;
	int		 rc;

	memset(info, 0, sizeof(*info));
	info->status = CODE_UNKNOWN;
	if (codeset_norm(code, info->code) == -1)
		return 0;
	/* a dot says ICD-10-CM: E11.90 is no HCPCS E1190 */
	if (strchr(code, '.') != NULL) {
		if (sys == CODESYS_HCPCS)
			return 0;
		sys = CODESYS_ICD10CM;
	}
	s = db_query(db, &codeset_queries[Q_LOOKUP]);
	db_bind_text(s, ":code", info->code);
	db_bind_text(s, ":system", sys >= 0 ? sysnames[sys] : NULL);
	if ((rc = db_step(db, s)) == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return rc;
	codeset_sys_parse((const char *)sqlite3_column_text(s, LOOKUP_SYSTEM),
	    &info->sys);
	t = (const char *)sqlite3_column_text(s, LOOKUP_KIND);
	info->modifier = t && strcmp(t, "modifier") == 0;
	if ((t = (const char *)sqlite3_column_text(s, LOOKUP_RETIRED_IN))) {
		info->status = CODE_RETIRED;
		snprintf(info->retired_in, sizeof(info->retired_in), "%s", t);
	} else if (sqlite3_column_int(s, LOOKUP_BILLABLE) == 0)
		info->status = CODE_NOT_BILLABLE;
	else
		info->status = CODE_OK;
	sqlite3_reset(s);
	return 0;
}

/* Letters, digits and bytes of multibyte characters make words. */
static int
wordc(unsigned char c)
{
	return c >= 0x80 || isalnum(c);
}

char *
codeset_fts_query(const char *text)
{
	struct buf	 q = { 0 };
	char		 code[CODESET_CODE_MAX + 1], *t = xstrdup(text), *w;
	char		*save = NULL;

	for (w = strtok_r(t, " \t\r\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\r\n", &save)) {
		/* "E11.9" is one word, the code E119, not "E11" and "9" */
		if (strchr(w, '.') != NULL && codeset_norm(w, code) == 0 &&
		    codeset_bad_code(CODESYS_ICD10CM, code, 0) == NULL)
			strcpy(w, code);
		for (char *p = w; *p; ) {
			size_t len = 0;

			while (p[len] && wordc((unsigned char)p[len]))
				len++;
			if (len > 0) {
				if (q.len)
					buf_addc(&q, ' ');
				buf_addc(&q, '"');
				buf_add(&q, p, len);
				buf_adds(&q, "\"*");
				p += len;
			} else
				p++;
		}
	}
	free(t);
	return q.s;	/* NULL when no word was found */
}

int
codeset_show_key(int *sys, const char *code, char out[CODESET_CODE_MAX + 1])
{
	/* a dot says ICD-10-CM: E11.90 is no HCPCS E1190 */
	if (strchr(code, '.') != NULL) {
		if (*sys == CODESYS_HCPCS)
			return -1;
		*sys = CODESYS_ICD10CM;
	}
	return codeset_norm(code, out);
}

sqlite3_stmt *
codeset_show(struct db *db, int sys, const char *code)
{
	sqlite3_stmt *s = db_query(db, &codeset_queries[Q_SHOW]);

	db_bind_text(s, ":code", code);
	db_bind_text(s, ":system", sys >= 0 ? sysnames[sys] : NULL);
	return s;
}

sqlite3_stmt *
codeset_search(struct db *db, const char *query, int sys, int billable,
    int retired, long long limit)
{
	sqlite3_stmt *s = db_query(db, &codeset_queries[Q_SEARCH]);

	db_bind_text(s, ":query", query);
	db_bind_text(s, ":system", sys >= 0 ? sysnames[sys] : NULL);
	db_bind_int(s, ":billable", billable);
	db_bind_int(s, ":retired", retired);
	if (limit > 0)
		db_bind_int(s, ":limit", limit);
	return s;
}

/*
 * provider - the people who see patients (NPI, taxonomy, weekly hours,
 * days off), the visit types and the rooms and devices scheduling books,
 * and a check of the clinic's own billing identity
 *	provider add --name NAME --npi NPI --taxonomy CODE
 *	    [--credential CRED] [--login USER]
 *	provider list | show PROVIDER ...
 *	provider deactivate PROVIDER ... | activate PROVIDER ...
 *	provider edit PROVIDER [--name ...] [--npi ...] [--taxonomy ...] ...
 *	provider hours PROVIDER [DAYS RANGES]
 *	provider off PROVIDER [DATE [--to DATE] [--reason TEXT | --remove]]
 *	provider visit-type add NAME LENGTH | list | retire NAME | restore NAME
 *	provider resource add NAME --kind room|device | list | retire NAME |
 *	    restore NAME
 *	provider clinic
 * A PROVIDER is a prv- id or an NPI.  Changes are for admins and audited;
 * none of this is PHI, so every active user may read it, unaudited.
 */
#include <err.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "app.h"
#include "cfg.h"
#include "date.h"
#include "ident.h"
#include "provider.h"
#include "rec.h"
#include "util.h"

#define NAME_MAX_LEN	200	/* provider, visit type, resource; reasons */
#define CRED_MAX_LEN	50	/* "MD", "PA-C", "MD, PhD, FAAFP" */
#define MAX_RANGES	24	/* working ranges in one day */

/* Why s will not do as a name of at most max bytes, or NULL. */
static const char *
bad_text(const char *s, size_t max)
{
	return text_problem(s, max, TEXT_BYTES);
}

/* Why s is no NPI, or NULL; ident_npi says only yes or no. */
static const char *
bad_npi(const char *s)
{
	if (strlen(s) != 10 || strspn(s, "0123456789") != 10)
		return "must be 10 digits";
	if (*s != '1' && *s != '2')
		return "must start with 1 or 2";
	if (!ident_npi(s))
		return "wrong check digit";
	return NULL;
}

/* Say why a --name/--npi/... value is refused; 0 or 65. */
static int
check_fields(const char *name, const char *npi, const char *taxonomy,
    const char *cred)
{
	const char *why;

	if (name && (why = bad_text(name, NAME_MAX_LEN)) != NULL) {
		warnx("name: %s", why);
		return EX_DATAERR;
	}
	if (npi && (why = bad_npi(npi)) != NULL) {
		warnx("npi '%s': %s", npi, why);
		return EX_DATAERR;
	}
	if (taxonomy && !ident_taxonomy(taxonomy)) {
		warnx("taxonomy '%s': must be 3 digits, 6 digits or capital "
		    "letters, then X (e.g. 207Q00000X)", taxonomy);
		return EX_DATAERR;
	}
	/* an empty credential means none (edit: clear it) */
	if (cred && *cred && (why = bad_text(cred, CRED_MAX_LEN)) != NULL) {
		warnx("credential: %s", why);
		return EX_DATAERR;
	}
	return 0;
}

/*
 * A provider by prv- id or NPI: 0 with *id (and *active, if wanted) set,
 * or 65, said, if none.
 */
static int
find_state(struct app *app, const char *key, long long *id, int *active)
{
	int rc = prv_find(app->db, key, id, active);

	if (rc == EX_DATAERR)
		warnx(rec_is_id(key) && strncmp(key, "prv-", 4) != 0 ?
		    "not a provider id '%s'" : "no provider '%s'", key);
	return rc;
}

static int
find(struct app *app, const char *key, long long *id)
{
	return find_state(app, key, id, NULL);
}

/*
 * The first column of the row query q finds with v bound to parameter
 * arg: a row id, 0 when there is no row, or minus a sysexits code.
 */
static long long
lookup(struct app *app, enum sql_id q, int arg, const char *v)
{
	sqlite3_stmt	*s = db_stmt(app->db, q);
	long long	 id = 0;
	int		 rc;

	sqlite3_bind_text(s, arg, v, -1, SQLITE_STATIC);
	if ((rc = db_step(app->db, s)) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -rc;
	return id;
}

/*
 * The uniqueness rules, checked inside the write transaction so that the
 * message can name the provider in the way: the NPI is nobody else's, and
 * the login is a clinix user who is nobody else's provider.  self is the
 * provider being edited (0 when adding).  0, 65 (said) or a sysexits code.
 */
static int
check_unique(struct app *app, long long self, const char *npi,
    const char *login)
{
	long long	 other;

	if (npi) {
		if ((other = lookup(app, SQL_PROVIDER_FIND, 2, npi)) < 0)
			return (int)-other;
		if (other != 0 && other != self) {
			warnx("npi '%s' is already prv-%lld", npi, other);
			return EX_DATAERR;
		}
	}
	if (login && *login) {
		if ((other = lookup(app, SQL_USER_BY_LOGIN, 1, login)) < 0)
			return (int)-other;
		if (other == 0) {
			warnx("login: no clinix user '%s'", login);
			return EX_DATAERR;
		}
		if ((other = lookup(app, SQL_PROVIDER_BY_LOGIN, 1,
		    login)) < 0)
			return (int)-other;
		if (other != 0 && other != self) {
			warnx("login: user '%s' is already prv-%lld", login,
			    other);
			return EX_DATAERR;
		}
	}
	return 0;
}

/* Step a write; a constraint the checks above missed is still bad data. */
static int
write_step(struct app *app, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		warnx("%s: %s", what, sqlite3_errmsg(db_handle(app->db)));
		sqlite3_reset(s);
		return EX_DATAERR;
	}
	sqlite3_reset(s);
	return db_fail(app->db, rc, what);
}

/* Log the change to rec, commit, print rec: the tail of every write. */
static int
finish(struct app *app, const char *rec, const char *detail)
{
	int rc;

	if ((rc = app_log(app, 0, rec, detail)) != 0 ||
	    (rc = app_commit(app)) != 0) {
		app_rollback(app);
		return rc;
	}
	printf("%s\n", rec);
	return 0;
}

/* Open the database for a change: config, db, identity, CAP_SETUP. */
static int
open_setup(struct app *app)
{
	int rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_SETUP)))
		return rc;
	return app_begin(app);
}

static const struct option prv_opts[] = {
	{ "name",	required_argument, NULL, 'n' },
	{ "npi",	required_argument, NULL, 'N' },
	{ "taxonomy",	required_argument, NULL, 'T' },
	{ "credential",	required_argument, NULL, 'C' },
	{ "login",	required_argument, NULL, 'L' },
	{ NULL, 0, NULL, 0 }
};

struct fields {
	const char	*name, *npi, *taxonomy, *cred, *login;	/* argv */
};

/* Parse add's and edit's options; the positional arguments are left. */
static int
parse_fields(int *argc, char **argv[], struct fields *f)
{
	int ch;

	while ((ch = getopt_long(*argc, *argv, "n:", prv_opts, NULL)) != -1)
		switch (ch) {
		case 'n': f->name = optarg; break;
		case 'N': f->npi = optarg; break;
		case 'T': f->taxonomy = optarg; break;
		case 'C': f->cred = optarg; break;
		case 'L': f->login = optarg; break;
		default: return EX_USAGE;
		}
	*argc -= optind;
	*argv += optind;
	return 0;
}

static int
verb_add(int argc, char *argv[], struct app *app)
{
	struct fields	 f = { 0 };
	sqlite3_stmt	*s;
	long long	 id;
	char		 rec[32];
	int		 rc;

	if ((rc = parse_fields(&argc, &argv, &f)) != 0)
		return rc;
	if (argc != 0) {
		warnx("unexpected argument '%s'", argv[0]);
		return EX_USAGE;
	}
	if (f.name == NULL || f.npi == NULL || f.taxonomy == NULL) {
		warnx("give --%s", f.name == NULL ? "name" : f.npi == NULL ?
		    "npi" : "taxonomy");
		return EX_USAGE;
	}
	if ((rc = check_fields(f.name, f.npi, f.taxonomy, f.cred)) != 0)
		return rc;
	if ((rc = open_setup(app)) != 0)
		return rc;
	if ((rc = check_unique(app, 0, f.npi, f.login)) != 0)
		goto fail;
	s = db_stmt(app->db, SQL_PROVIDER_ADD);
	sqlite3_bind_text(s, 1, f.name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, f.npi, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, f.taxonomy, -1, SQLITE_STATIC);
	if (f.cred && *f.cred)
		sqlite3_bind_text(s, 4, f.cred, -1, SQLITE_STATIC);
	if (f.login && *f.login)
		sqlite3_bind_text(s, 5, f.login, -1, SQLITE_STATIC);
	if ((rc = write_step(app, s, "provider add")) != 0)
		goto fail;
	id = sqlite3_last_insert_rowid(db_handle(app->db));
	snprintf(rec, sizeof(rec), "prv-%lld", id);
	return finish(app, rec, f.npi);
fail:
	app_rollback(app);
	return rc;
}

static int
verb_edit(int argc, char *argv[], struct app *app)
{
	struct fields	 f = { 0 };
	struct buf	 what = { 0 };
	sqlite3_stmt	*s;
	long long	 id;
	char		 rec[32];
	int		 rc;

	if ((rc = parse_fields(&argc, &argv, &f)) != 0)
		return rc;
	if (argc != 1) {
		warnx("give one provider");
		return EX_USAGE;
	}
	if (!f.name && !f.npi && !f.taxonomy && !f.cred && !f.login) {
		warnx("nothing to change: give --name, --npi, --taxonomy, "
		    "--credential or --login");
		return EX_USAGE;
	}
	if ((rc = check_fields(f.name, f.npi, f.taxonomy, f.cred)) != 0)
		return rc;
	if ((rc = open_setup(app)) != 0)
		return rc;
	if ((rc = find(app, argv[0], &id)) != 0 ||
	    (rc = check_unique(app, id, f.npi, f.login)) != 0)
		goto fail;
	s = db_stmt(app->db, SQL_PROVIDER_EDIT);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, f.name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, f.npi, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, f.taxonomy, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, f.cred, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, f.login, -1, SQLITE_STATIC);
	if ((rc = write_step(app, s, "provider edit")) != 0)
		goto fail;
	/* the audit row says which fields changed, not to what */
	for (size_t i = 0; i < 5; i++) {
		const char *v[] = { f.name, f.npi, f.taxonomy, f.cred,
		    f.login };

		if (v[i] == NULL)
			continue;
		if (what.len)
			buf_addc(&what, ',');
		buf_adds(&what, prv_opts[i].name);
	}
	snprintf(rec, sizeof(rec), "prv-%lld", id);
	rc = finish(app, rec, what.s);
	buf_free(&what);
	return rc;
fail:
	app_rollback(app);
	return rc;
}

static int
list(struct app *app, int argc, char *argv[], enum sql_id q)
{
	long	n;
	int	rc;

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0)
		return rc;
	n = out_stmt(app->out, db_stmt(app->db, q), NULL, NULL);
	return n < 0 ? (int)-n : 0;
}

static int
verb_list(int argc, char *argv[], struct app *app)
{
	return list(app, argc, argv, SQL_PROVIDER_LIST);
}

static int
show_one(const char *key, void *arg)
{
	struct app	*app = arg;
	sqlite3_stmt	*s;
	long long	 id;
	int		 rc;

	if ((rc = find(app, key, &id)) != 0)
		return rc;
	s = db_stmt(app->db, SQL_PROVIDER_SHOW);
	sqlite3_bind_int64(s, 1, id);
	return out_stmt(app->out, s, NULL, NULL) < 0 ? EX_SOFTWARE : 0;
}

static int
verb_show(int argc, char *argv[], struct app *app)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	int rc;

	if (getopt_long(argc, argv, "", none, NULL) != -1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0)
		return rc;
	return rec_each(argc - optind, argv + optind, show_one, app);
}

/*
 * Set one provider active (activate) or not (deactivate).  One already
 * so is said and left alone, unaudited, and is no error: the provider
 * ends up as asked, so a rerun of the same list succeeds.
 */
static int
set_active(struct app *app, const char *key, int to)
{
	sqlite3_stmt	*s;
	long long	 id;
	char		 rec[32];
	int		 active, rc;

	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = find_state(app, key, &id, &active)) != 0)
		goto fail;
	if (active == to) {
		warnx("prv-%lld is already %s", id, to ? "active" :
		    "deactivated");
		app_rollback(app);
		return 0;
	}
	s = db_stmt(app->db, SQL_PROVIDER_SET_ACTIVE);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, to);
	if ((rc = write_step(app, s, to ? "provider activate" :
	    "provider deactivate")) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "prv-%lld", id);
	return finish(app, rec, NULL);
fail:
	app_rollback(app);
	return rc;
}

static int
deactivate_one(const char *key, void *arg)
{
	return set_active(arg, key, 0);
}

static int
activate_one(const char *key, void *arg)
{
	return set_active(arg, key, 1);
}

static int
each_provider(int argc, char *argv[], struct app *app,
    int (*fn)(const char *, void *))
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	int rc;

	if (getopt_long(argc, argv, "", none, NULL) != -1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_SETUP)))
		return rc;
	return rec_each(argc - optind, argv + optind, fn, app);
}

static int
verb_deactivate(int argc, char *argv[], struct app *app)
{
	return each_provider(argc, argv, app, deactivate_one);
}

static int
verb_activate(int argc, char *argv[], struct app *app)
{
	return each_provider(argc, argv, app, activate_one);
}

static const char *const wdays[] = { "mon", "tue", "wed", "thu", "fri",
    "sat", "sun" };

/* "mon" -> 1 ... "sun" -> 7, from the n bytes at s; 0 if no day. */
static int
weekday(const char *s, size_t n)
{
	for (int i = 0; i < 7; i++)
		if (n == 3 && strncasecmp(s, wdays[i], 3) == 0)
			return i + 1;
	return 0;
}

/*
 * "mon-fri", "mon,wed,fri", "sat-sun,wed": bit d of *set for weekday d
 * (1 = mon).  A range runs forward, so "fri-mon" is refused: 0 or -1.
 */
static int
parse_days(const char *s, unsigned *set)
{
	*set = 0;
	for (;;) {
		size_t	 n = strcspn(s, ",");
		const char *dash = memchr(s, '-', n);
		int	 a, b;

		if (dash) {
			a = weekday(s, (size_t)(dash - s));
			b = weekday(dash + 1, n - (size_t)(dash - s) - 1);
		} else
			a = b = weekday(s, n);
		if (a == 0 || b == 0 || b < a)
			return -1;
		for (int d = a; d <= b; d++)
			*set |= 1u << d;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

/* "8:00", "08:00", "24:00": minutes since midnight, or -1. */
static int
parse_hhmm(const char *s, size_t n)
{
	char	t[6];	/* "08:00" */
	int	h, m;

	if (n == 4) {	/* "8:00" */
		t[0] = '0';
		memcpy(t + 1, s, 4);
	} else if (n == 5)
		memcpy(t, s, 5);
	else
		return -1;
	t[5] = '\0';
	if (strspn(t, "0123456789") != 2 || t[2] != ':' ||
	    strspn(t + 3, "0123456789") != 2)
		return -1;
	h = 10 * (t[0] - '0') + (t[1] - '0');
	m = 10 * (t[3] - '0') + (t[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return 60 * h + m;
}

struct range {
	int	 start, end;	/* minutes since midnight */
};

static int
range_cmp(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/*
 * "08:00-12:00,13:00-17:00" into r[], sorted; "off" or "" is no ranges.
 * Returns how many, or -1 having said why.
 */
static int
parse_ranges(const char *s, struct range r[MAX_RANGES])
{
	int n = 0;

	if (*s == '\0' || strcasecmp(s, "off") == 0)
		return 0;
	for (;;) {
		size_t		 len = strcspn(s, ",");
		const char	*dash = memchr(s, '-', len);

		if (n == MAX_RANGES) {
			warnx("hours: more than %d ranges in a day",
			    MAX_RANGES);
			return -1;
		}
		if (dash == NULL ||
		    (r[n].start = parse_hhmm(s, (size_t)(dash - s))) < 0 ||
		    (r[n].end = parse_hhmm(dash + 1,
		    len - (size_t)(dash - s) - 1)) < 0 || r[n].start == 1440) {
			warnx("hours: '%.*s' is not a range like 08:00-12:00",
			    (int)len, s);
			return -1;
		}
		if (r[n].start >= r[n].end) {
			warnx("hours: '%.*s' ends before it starts", (int)len,
			    s);
			return -1;
		}
		n++;
		if (s[len] == '\0')
			break;
		s += len + 1;
	}
	qsort(r, (size_t)n, sizeof(*r), range_cmp);
	for (int i = 1; i < n; i++)
		if (r[i].start < r[i - 1].end) {	/* touching is fine */
			warnx("hours: %02d:%02d-%02d:%02d and "
			    "%02d:%02d-%02d:%02d overlap",
			    r[i - 1].start / 60, r[i - 1].start % 60,
			    r[i - 1].end / 60, r[i - 1].end % 60,
			    r[i].start / 60, r[i].start % 60,
			    r[i].end / 60, r[i].end % 60);
			return -1;
		}
	return n;
}

/* List one provider's rows of a per-provider listing. */
static int
list_of(struct app *app, const char *key, enum sql_id q)
{
	sqlite3_stmt	*s;
	long long	 id;
	long		 n;
	int		 rc;

	if ((rc = app_open(app)) != 0 || (rc = find(app, key, &id)))
		return rc;
	s = db_stmt(app->db, q);
	sqlite3_bind_int64(s, 1, id);
	n = out_stmt(app->out, s, NULL, NULL);
	return n < 0 ? (int)-n : 0;
}

static int
verb_hours(int argc, char *argv[], struct app *app)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	struct range	 r[MAX_RANGES];
	sqlite3_stmt	*s;
	unsigned	 days;
	long long	 id;
	char		 rec[32], *detail;
	int		 n, rc;

	if (getopt_long(argc, argv, "", none, NULL) != -1)
		return EX_USAGE;
	argc -= optind;
	argv += optind;
	if (argc == 1)
		return list_of(app, argv[0], SQL_PROVIDER_HOURS_LIST);
	if (argc != 3) {
		warnx(argc == 2 ? "give the hours, or 'off'" :
		    "give a provider, days and hours");
		return EX_USAGE;
	}
	if (parse_days(argv[1], &days) == -1) {
		warnx("days: '%s' is not like mon, mon-fri or mon,wed,fri",
		    argv[1]);
		return EX_DATAERR;
	}
	if ((n = parse_ranges(argv[2], r)) < 0)
		return EX_DATAERR;
	if ((rc = open_setup(app)) != 0)
		return rc;
	if ((rc = find(app, argv[0], &id)) != 0)
		goto fail;
	for (int d = 1; d <= 7; d++) {
		if (!(days & (1u << d)))
			continue;
		s = db_stmt(app->db, SQL_PROVIDER_HOURS_CLEAR);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int(s, 2, d);
		if ((rc = write_step(app, s, "provider hours")) != 0)
			goto fail;
		for (int i = 0; i < n; i++) {
			s = db_stmt(app->db, SQL_PROVIDER_HOURS_ADD);
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int(s, 2, d);
			sqlite3_bind_int(s, 3, r[i].start);
			sqlite3_bind_int(s, 4, r[i].end);
			if ((rc = write_step(app, s, "provider hours")) != 0)
				goto fail;
		}
	}
	snprintf(rec, sizeof(rec), "prv-%lld", id);
	detail = xasprintf("%s %s", argv[1], n ? argv[2] : "off");
	rc = finish(app, rec, detail);
	free(detail);
	return rc;
fail:
	app_rollback(app);
	return rc;
}

struct off {
	long long	 id;
	char		 from[DATE_LEN], to[DATE_LEN];
};

/* Set off-id's days to from..to, or delete it when from is NULL. */
static int
off_set(struct app *app, long long id, const char *from, const char *to)
{
	sqlite3_stmt *s;

	s = db_stmt(app->db, from ? SQL_PROVIDER_OFF_SET :
	    SQL_PROVIDER_OFF_DELETE);
	sqlite3_bind_int64(s, 1, id);
	if (from) {
		sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
	}
	return write_step(app, s, "provider off --remove");
}

/* Audit and print one changed day off: what was removed, what is left. */
static int
off_log(struct app *app, long long prv, long long off, const char *from,
    const char *to, const char *left)
{
	char	 rec[32], *detail;
	int	 rc;

	snprintf(rec, sizeof(rec), "off-%lld", off);
	detail = xasprintf("prv-%lld removed %s..%s, left %s", prv, from, to,
	    left);
	rc = app_log(app, 0, rec, detail);
	free(detail);
	return rc;
}

/*
 * Make every day of from..to a working day again for provider prv: a day
 * off inside the span goes, one that overlaps an end is cut short, one
 * that holds the span is cut in two (the new half keeps the reason).  Each
 * changed day off is audited and its id printed once all is committed.
 * None in the span is 1, said, nothing written.
 */
static int
off_remove(struct app *app, long long prv, const char *from, const char *to)
{
	struct off	*o = NULL;
	struct buf	 out = { 0 };
	sqlite3_stmt	*s;
	size_t		 n = 0, cap = 0;
	char		 before[DATE_LEN], after[DATE_LEN], *left;
	int		 rc;

	s = db_stmt(app->db, SQL_PROVIDER_OFF_IN);
	sqlite3_bind_int64(s, 1, prv);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
	/* read them all first: the changes below must not move the cursor */
	while ((rc = db_step(app->db, s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			o = xrealloc(o, cap * sizeof(*o));
		}
		o[n].id = sqlite3_column_int64(s, 0);
		snprintf(o[n].from, DATE_LEN, "%s", sqlite3_column_text(s, 1));
		snprintf(o[n].to, DATE_LEN, "%s", sqlite3_column_text(s, 2));
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		rc = db_fail(app->db, rc, "provider off --remove");
		goto done;
	}
	if (n == 0) {
		if (strcmp(from, to) == 0)
			warnx("prv-%lld has no day off on %s", prv, from);
		else
			warnx("prv-%lld has no day off from %s to %s", prv,
			    from, to);
		rc = 1;
		goto done;
	}
	if (date_add(from, -1, 0, before) == -1 ||
	    date_add(to, 1, 0, after) == -1) {
		warnx("date: %s..%s: cannot count days", from, to);
		rc = EX_DATAERR;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		int keep_head = strcmp(o[i].from, from) < 0;
		int keep_tail = strcmp(o[i].to, to) > 0;

		if (keep_head && keep_tail) {
			long long half;

			s = db_stmt(app->db, SQL_PROVIDER_OFF_SPLIT);
			sqlite3_bind_int64(s, 1, o[i].id);
			sqlite3_bind_text(s, 2, after, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 3, o[i].to, -1, SQLITE_STATIC);
			if ((rc = write_step(app, s,
			    "provider off --remove")) != 0 ||
			    (rc = off_set(app, o[i].id, o[i].from,
			    before)) != 0)
				goto done;
			half = sqlite3_last_insert_rowid(db_handle(app->db));
			left = xasprintf("%s..%s and off-%lld %s..%s",
			    o[i].from, before, half, after, o[i].to);
			rc = off_log(app, prv, o[i].id, from, to, left);
			free(left);
			if (rc != 0)
				goto done;
			buf_printf(&out, "off-%lld\noff-%lld\n", o[i].id, half);
			continue;
		}
		if (keep_head)
			rc = off_set(app, o[i].id, o[i].from, before);
		else if (keep_tail)
			rc = off_set(app, o[i].id, after, o[i].to);
		else
			rc = off_set(app, o[i].id, NULL, NULL);
		if (rc != 0)
			goto done;
		left = keep_head || keep_tail ? xasprintf("%s..%s",
		    keep_head ? o[i].from : after, keep_head ? before :
		    o[i].to) : xstrdup("none");
		rc = off_log(app, prv, o[i].id, from, to, left);
		free(left);
		if (rc != 0)
			goto done;
		buf_printf(&out, "off-%lld\n", o[i].id);
	}
	if ((rc = app_commit(app)) == 0) {
		fputs(out.s, stdout);
		free(o);
		buf_free(&out);
		return 0;
	}
done:
	app_rollback(app);
	free(o);
	buf_free(&out);
	return rc;
}

static int
verb_off(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "to",     required_argument, NULL, 't' },
		{ "reason", required_argument, NULL, 'r' },
		{ "remove", no_argument,       NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*to = NULL, *reason = NULL, *why, *bad;
	char		 from_day[DATE_LEN], to_day[DATE_LEN], rec[32], *detail;
	sqlite3_stmt	*s;
	long long	 id;
	int		 ch, rc, remove = 0;

	while ((ch = getopt_long(argc, argv, "t:r:", longopts, NULL)) != -1)
		switch (ch) {
		case 't': to = optarg; break;
		case 'r': reason = optarg; break;
		case 'x': remove = 1; break;
		default: return EX_USAGE;
		}
	argc -= optind;
	argv += optind;
	if (argc == 1 && to == NULL && reason == NULL && !remove)
		return list_of(app, argv[0], SQL_PROVIDER_OFF_LIST);
	if (argc != 2) {
		warnx(argc != 1 ? "give a provider and a day" : remove ?
		    "give the first day to remove" : "give the first day off");
		return EX_USAGE;
	}
	if (remove && reason) {
		warnx("--reason is for adding a day off, not --remove");
		return EX_USAGE;
	}
	if (reason && (why = bad_text(reason, NAME_MAX_LEN)) != NULL) {
		warnx("reason: %s", why);
		return EX_DATAERR;
	}
	/* after app_open: "today" and "+3d" are in the clinic's zone */
	if ((rc = open_setup(app)) != 0)
		return rc;
	if ((bad = argv[1], date_parse_day(bad, from_day) == -1) ||
	    (bad = to, to && date_parse_day(to, to_day) == -1)) {
		warnx("date: '%s' is not a day like 2026-12-24, today or +3d",
		    bad);
		rc = EX_DATAERR;
		goto fail;
	}
	if (to == NULL)
		memcpy(to_day, from_day, DATE_LEN);
	if (strcmp(to_day, from_day) < 0) {
		warnx("--to %s is before %s", to_day, from_day);
		rc = EX_DATAERR;
		goto fail;
	}
	if ((rc = find(app, argv[0], &id)) != 0)
		goto fail;
	if (remove)
		return off_remove(app, id, from_day, to_day);
	s = db_stmt(app->db, SQL_PROVIDER_OFF_ADD);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, from_day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, to_day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, reason, -1, SQLITE_STATIC);
	if ((rc = write_step(app, s, "provider off")) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "off-%lld",
	    sqlite3_last_insert_rowid(db_handle(app->db)));
	/* the reason may say more about a person than the audit needs */
	detail = xasprintf("prv-%lld %s..%s", id, from_day, to_day);
	rc = finish(app, rec, detail);
	free(detail);
	return rc;
fail:
	app_rollback(app);
	return rc;
}

/* "40m", "1h", "1h30m", "90m": minutes, or -1 when it is none of these. */
static int
parse_length(const char *s)
{
	int	 total = 0, n, digits, seen_h = 0, seen_m = 0;

	if (*s == '\0')
		return -1;
	while (*s) {
		for (n = digits = 0; *s >= '0' && *s <= '9'; s++, digits++)
			n = 10 * n + (*s - '0');
		if (digits == 0 || digits > 4)
			return -1;
		if (*s == 'h' && !seen_h && !seen_m) {
			seen_h = 1;
			total += 60 * n;
		} else if (*s == 'm' && !seen_m) {
			seen_m = 1;
			total += n;
		} else
			return -1;
		s++;
	}
	return total;
}

/* Insert a named row; a taken name is 65 with kind in the message. */
static int
add_named(struct app *app, sqlite3_stmt *s, const char *kind,
    const char *prefix, const char *name, const char *detail)
{
	char	rec[32];
	int	rc;

	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		sqlite3_reset(s);
		if ((rc & 0xff) == SQLITE_CONSTRAINT) {
			warnx("%s '%s' already exists", kind, name);
			rc = EX_DATAERR;
		} else
			rc = db_fail(app->db, rc, kind);
		app_rollback(app);
		return rc;
	}
	sqlite3_reset(s);
	snprintf(rec, sizeof(rec), "%s-%lld", prefix,
	    sqlite3_last_insert_rowid(db_handle(app->db)));
	return finish(app, rec, detail);
}

static int
verb_vt_add(int argc, char *argv[], struct app *app)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	sqlite3_stmt	*s;
	const char	*why;
	char		 detail[32];
	int		 min, rc;

	if (getopt_long(argc, argv, "", none, NULL) != -1)
		return EX_USAGE;
	argc -= optind;
	argv += optind;
	if (argc != 2) {
		warnx("give a name and a length");
		return EX_USAGE;
	}
	if ((why = bad_text(argv[0], NAME_MAX_LEN)) != NULL) {
		warnx("name: %s", why);
		return EX_DATAERR;
	}
	if ((min = parse_length(argv[1])) < 0) {
		warnx("length '%s': not like 40m, 1h or 1h30m", argv[1]);
		return EX_DATAERR;
	}
	if (min < 5 || min > 720) {
		warnx("length '%s': must be from 5m to 12h", argv[1]);
		return EX_DATAERR;
	}
	if ((rc = open_setup(app)) != 0)
		return rc;
	s = db_stmt(app->db, SQL_VISIT_TYPE_ADD);
	sqlite3_bind_text(s, 1, argv[0], -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, min);
	snprintf(detail, sizeof(detail), "%d min", min);
	return add_named(app, s, "visit type", "vt", argv[0], detail);
}

static int
verb_vt_list(int argc, char *argv[], struct app *app)
{
	return list(app, argc, argv, SQL_VISIT_TYPE_LIST);
}

static int
verb_res_add(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*kind = NULL, *why;
	sqlite3_stmt	*s;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "k:", longopts, NULL)) != -1)
		switch (ch) {
		case 'k': kind = optarg; break;
		default: return EX_USAGE;
		}
	argc -= optind;
	argv += optind;
	if (argc != 1 || kind == NULL) {
		warnx(argc != 1 ? "give one name" : "give a --kind");
		return EX_USAGE;
	}
	if (strcmp(kind, "room") != 0 && strcmp(kind, "device") != 0) {
		warnx("unknown kind '%s' (room, device)", kind);
		return EX_USAGE;
	}
	if ((why = bad_text(argv[0], NAME_MAX_LEN)) != NULL) {
		warnx("name: %s", why);
		return EX_DATAERR;
	}
	if ((rc = open_setup(app)) != 0)
		return rc;
	s = db_stmt(app->db, SQL_RESOURCE_ADD);
	sqlite3_bind_text(s, 1, argv[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	return add_named(app, s, "resource", "res", argv[0], kind);
}

static int
verb_res_list(int argc, char *argv[], struct app *app)
{
	return list(app, argc, argv, SQL_RESOURCE_LIST);
}

/*
 * Retire (to 0) or restore (to 1) the visit type or resource named, by
 * name or by its vt-/res- id.  Retired ones stay on the appointments that
 * have them, booked visits included; scheduling just stops offering them.
 * One already so is said and left alone, unaudited, with 0, as for
 * activate.
 */
static int
set_named_active(int argc, char *argv[], struct app *app, int vt, int to)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	const char	*kind = vt ? "visit type" : "resource";
	const char	*prefix = vt ? "vt" : "res";
	sqlite3_stmt	*s;
	long long	 id;
	char		 rec[32];
	int		 active = 0, rc;

	if (getopt_long(argc, argv, "", none, NULL) != -1)
		return EX_USAGE;
	argc -= optind;
	argv += optind;
	if (argc != 1) {
		warnx("give one name");
		return EX_USAGE;
	}
	if ((rc = open_setup(app)) != 0)
		return rc;
	rc = vt ? vtype_find(app->db, argv[0], &id, NULL, &active) :
	    resource_find(app->db, argv[0], &id, &active);
	if (rc == EX_DATAERR)
		warnx("no %s '%s' (see provider %s list)", kind, argv[0],
		    vt ? "visit-type" : "resource");
	if (rc != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "%s-%lld", prefix, id);
	if (active == to) {
		warnx("%s %s is %s", kind, rec, to ? "not retired" :
		    "already retired");
		app_rollback(app);
		return 0;
	}
	s = db_stmt(app->db, vt ? SQL_VISIT_TYPE_SET_ACTIVE :
	    SQL_RESOURCE_SET_ACTIVE);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, to);
	if ((rc = write_step(app, s, kind)) != 0)
		goto fail;
	return finish(app, rec, NULL);
fail:
	app_rollback(app);
	return rc;
}

static int
verb_vt_retire(int argc, char *argv[], struct app *app)
{
	return set_named_active(argc, argv, app, 1, 0);
}

static int
verb_vt_restore(int argc, char *argv[], struct app *app)
{
	return set_named_active(argc, argv, app, 1, 1);
}

static int
verb_res_retire(int argc, char *argv[], struct app *app)
{
	return set_named_active(argc, argv, app, 0, 0);
}

static int
verb_res_restore(int argc, char *argv[], struct app *app)
{
	return set_named_active(argc, argv, app, 0, 1);
}

/* Say what is wrong with clinic.KEY in the config at path. */
static void __attribute__((format(printf, 4, 5)))
bad_key(int *bad, const char *path, const char *key, const char *fmt, ...)
{
	va_list	ap;
	char	why[256];

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	warnx("%s: clinic.%s: %s", path, key, why);
	*bad = 1;
}

/* An unset or empty config value. */
static int
unset(const char *v)
{
	return v == NULL || *v == '\0';
}

/*
 * The clinic's billing identity, as claims will carry it: print it, then
 * say what is wrong with it.  78 (as for any bad config) when anything is.
 */
static int
verb_clinic(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "name", "npi", "tax_id",
	    "address1", "city", "state", "zip", "phone" };
	const struct cfg *c;
	char		 ein[IDENT_EIN_LEN], zip[IDENT_ZIP_LEN];
	const char	*why, *tax, *z;
	int		 bad = 0, rc;

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0)
		return rc;
	c = app->cfg;
	if (unset(c->clinic_name))
		bad_key(&bad, c->path, "name", "missing");
	if (unset(c->clinic_npi))
		bad_key(&bad, c->path, "npi", "missing: the group NPI claims "
		    "are billed under");
	else if ((why = bad_npi(c->clinic_npi)) != NULL)
		bad_key(&bad, c->path, "npi", "'%s': %s", c->clinic_npi, why);
	tax = c->clinic_tax_id;
	if (unset(tax))
		bad_key(&bad, c->path, "tax_id", "missing");
	else if (ident_ein(tax, ein))
		tax = ein;
	else
		bad_key(&bad, c->path, "tax_id", "'%s': must be 9 digits, as "
		    "123456789 or 12-3456789", tax);
	if (unset(c->clinic_address1))
		bad_key(&bad, c->path, "address1", "missing");
	if (unset(c->clinic_city))
		bad_key(&bad, c->path, "city", "missing");
	if (unset(c->clinic_state))
		bad_key(&bad, c->path, "state", "missing");
	z = c->clinic_zip;
	if (unset(z))
		bad_key(&bad, c->path, "zip", "missing");
	else if (ident_zip(z, zip))
		z = zip;
	else
		bad_key(&bad, c->path, "zip", "'%s': must be 5 or 9 digits, "
		    "as 12345 or 12345-6789", z);
	{
		const char *vals[] = { c->clinic_name, c->clinic_npi, tax,
		    c->clinic_address1, c->clinic_city, c->clinic_state, z,
		    c->clinic_phone };

		out_cols(app->out, nitems(cols), cols);
		out_text_row(app->out, vals);
	}
	return bad ? EX_CONFIG : 0;
}

static const struct verb verbs[] = {
	{ "add", verb_add, DB_RW, "--name NAME --npi NPI --taxonomy CODE "
	    "[--credential CRED] [--login USER]", "add a provider" },
	{ "list", verb_list, DB_RO, "", "list providers" },
	{ "show", verb_show, DB_RO, "PROVIDER ...", "one provider's record" },
	{ "edit", verb_edit, DB_RW, "PROVIDER [--name NAME] [--npi NPI] "
	    "[--taxonomy CODE] [--credential CRED] [--login USER]",
	    "change a provider" },
	{ "deactivate", verb_deactivate, DB_RW, "PROVIDER ...",
	    "stop offering a provider for new visits" },
	{ "activate", verb_activate, DB_RW, "PROVIDER ...",
	    "offer a deactivated provider for new visits again" },
	{ "hours", verb_hours, DB_RW, "PROVIDER [DAYS RANGES]",
	    "list, or set for some weekdays, a provider's weekly hours" },
	{ "off", verb_off, DB_RW,
	    "PROVIDER [DATE [--to DATE] [--reason TEXT | --remove]]",
	    "list, add or remove a provider's days off" },
	{ "visit-type add", verb_vt_add, DB_RW, "NAME LENGTH",
	    "add a visit type and its default length" },
	{ "visit-type list", verb_vt_list, DB_RO, "", "list visit types" },
	{ "visit-type retire", verb_vt_retire, DB_RW, "NAME",
	    "stop offering a visit type for new visits" },
	{ "visit-type restore", verb_vt_restore, DB_RW, "NAME",
	    "offer a retired visit type again" },
	{ "resource add", verb_res_add, DB_RW, "NAME --kind room|device",
	    "add a room or a device" },
	{ "resource list", verb_res_list, DB_RO, "", "list rooms and devices" },
	{ "resource retire", verb_res_retire, DB_RW, "NAME",
	    "stop offering a room or device for new visits" },
	{ "resource restore", verb_res_restore, DB_RW, "NAME",
	    "offer a retired room or device again" },
	{ "clinic", verb_clinic, NO_DB, "",
	    "print and check the clinic's billing identity" },
};

static const struct prog prog = { "provider",
    "providers, their hours, visit types, rooms and devices", verbs,
    nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

/*
 * patient - the patient register
 *	patient add [--FIELD VALUE ...] [--from FILE] [--force]
 *	patient edit PAT --FIELD VALUE ... | show PAT ... | history PAT
 *	patient list [filters] | search TEXT | export | import FILE.csv
 *	patient deactivate PAT | activate PAT | merge SURVIVOR DUPLICATE
 *	patient coverage add|list|end ... | payer add|list ...
 * A patient is named by pat- id or MRN.  Field names (mrn, first, dob,
 * phone, ...) are the same as flags, CSV headers, JSON keys and columns.
 * Every read of patient data is audited: one row per command, naming the
 * patients it touched (as id ranges for bulk reads).
 */
#include <ctype.h>
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "cfg.h"
#include "csvio.h"
#include "date.h"
#include "fold.h"
#include "patient.h"
#include "phone.h"
#include "rec.h"
#include "util.h"
#include "yrec.h"

#define SEARCH_LIMIT	50

/* A field given on the command line, applied once the config is read. */
struct given {
	int		 field;
	const char	*value;		/* borrowed from argv */
};

static const char *
country(struct app *app)
{
	return app->cfg->clinic_country ? app->cfg->clinic_country : "US";
}

/* getopt_long options: every field as --NAME VALUE, then extras. */
static struct option *
field_options(const struct option *extra, size_t nextra)
{
	struct option *o = xcalloc(PF_MAX + nextra + 1, sizeof(*o));

	for (int i = 0; i < PF_MAX; i++) {
		o[i].name = pat_field_name(i);
		o[i].has_arg = required_argument;
		o[i].val = 1000 + i;
	}
	memcpy(o + PF_MAX, extra, nextra * sizeof(*o));
	return o;
}

static int
apply(struct app *app, struct pat *p, const struct given *g, size_t n)
{
	const char *why;

	for (size_t i = 0; i < n; i++)
		if (pat_set(p, g[i].field, g[i].value, country(app), &why)) {
			warnx("%s: %s", pat_field_name(g[i].field), why);
			return EX_DATAERR;
		}
	return 0;
}

struct fromfile {
	struct app	*app;
	struct pat	*p;
	const char	*name;
};

static int
from_field(const char *key, const char *value, size_t line, void *arg)
{
	struct fromfile	*ff = arg;
	const char	*why;
	int		 f = pat_field_find(key);

	if (f < 0) {
		warnx("%s:%zu: unknown field '%s'", ff->name, line, key);
		return EX_DATAERR;
	}
	if (pat_set(ff->p, f, value, country(ff->app), &why) == -1) {
		warnx("%s:%zu: %s: %s", ff->name, line, key, why);
		return EX_DATAERR;
	}
	return 0;
}

static int
read_from(struct app *app, struct pat *p, const char *path)
{
	struct fromfile	 ff = { app, p, strcmp(path, "-") ? path : "stdin" };
	FILE		*f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	int		 rc;

	if (f == NULL) {
		warn("cannot read '%s'", path);
		return EX_NOINPUT;
	}
	rc = yrec_read(f, ff.name, from_field, &ff);
	if (f != stdin)
		fclose(f);
	return rc;
}

static int
check_record(const struct pat *p)
{
	const char	*why;
	int		 f;

	if (pat_check(p, &f, &why) == -1) {
		warnx("%s: %s", pat_field_name(f), why);
		return EX_DATAERR;
	}
	return 0;
}

/*
 * The duplicate guard of add and edit: a record that looks like another
 * is refused, or with --force marked confirmed not a duplicate, which
 * export writes and import honours.
 */
static int
guard(struct app *app, struct pat *p, int force)
{
	long long	 dup;
	int		 rc;

	if ((rc = pat_duplicate(app->db, p, -1, &dup)) != 0)
		return rc;
	if (dup == 0)
		return 0;
	if (force) {
		p->not_duplicate = 1;
		return 0;
	}
	warnx("looks like pat-%lld (same name and date of birth, or phone and "
	    "date of birth): use --force to add anyway", dup);
	return EX_DATAERR;
}

static int
verb_add(int argc, char *argv[], struct app *app)
{
	static const struct option extra[] = {
		{ "from", required_argument, NULL, 'F' },
		{ "force", no_argument, NULL, 'f' },
	};
	struct option	*longopts = field_options(extra, nitems(extra));
	struct given	*g = xcalloc((size_t)argc, sizeof(*g));
	struct pat	 p = { 0 };
	const char	*from = NULL;
	char		 rec[32];
	size_t		 ng = 0;
	long long	 id;
	int		 force = 0, ch, rc;

	while ((ch = getopt_long(argc, argv, "F:f", longopts, NULL)) != -1)
		if (ch >= 1000)
			g[ng++] = (struct given){ ch - 1000, optarg };
		else if (ch == 'F')
			from = optarg;
		else if (ch == 'f')
			force = 1;
		else {
			rc = EX_USAGE;
			goto out;
		}
	if (optind != argc) {
		warnx("unexpected argument '%s'", argv[optind]);
		rc = EX_USAGE;
		goto out;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0)
		goto out;
	if ((from && (rc = read_from(app, &p, from)) != 0) ||
	    (rc = apply(app, &p, g, ng)) != 0 || (rc = check_record(&p)) != 0)
		goto out;
	if ((rc = app_begin(app)) != 0)
		goto out;
	if ((rc = guard(app, &p, force)) != 0)
		goto fail;
	if ((rc = pat_insert(app->db, &p, &id)) == EX_DATAERR)
		warnx("mrn: '%s' belongs to another patient", p.v[PF_MRN]);
	if (rc != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "pat-%lld", id);
	if ((rc = app_log(app, id, rec, NULL)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("%s\n", rec);
	goto out;
fail:
	app_rollback(app);
out:
	pat_clear(&p);
	free(g);
	free(longopts);
	return rc;
}

static int
verb_edit(int argc, char *argv[], struct app *app)
{
	static const struct option extra[] = {
		{ "force", no_argument, NULL, 'f' },
	};
	struct option	*longopts = field_options(extra, nitems(extra));
	struct given	*g = xcalloc((size_t)argc, sizeof(*g));
	struct pat	 old = { 0 }, new = { 0 };
	char		 rec[32], detail[32];
	size_t		 ng = 0;
	long long	 id;
	int		 force = 0, ch, rc, changed;

	while ((ch = getopt_long(argc, argv, "f", longopts, NULL)) != -1)
		if (ch >= 1000)
			g[ng++] = (struct given){ ch - 1000, optarg };
		else if (ch == 'f')
			force = 1;
		else {
			rc = EX_USAGE;
			goto out;
		}
	if (argc - optind != 1 || ng == 0) {
		warnx(ng == 0 ? "name a field to change (--phone ...)" :
		    "name one patient");
		rc = EX_USAGE;
		goto out;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		goto out;
	if ((rc = pat_resolve(app->db, argv[optind], &id)) != 0 ||
	    (rc = pat_writable(app->db, id)) != 0 ||
	    (rc = pat_load(app->db, id, &old)) != 0 ||
	    (rc = pat_load(app->db, id, &new)) != 0 ||
	    (rc = apply(app, &new, g, ng)) != 0 ||
	    (rc = check_record(&new)) != 0 ||
	    (pat_identity_changed(&old, &new) &&
	    (rc = guard(app, &new, force)) != 0) ||
	    (rc = pat_update(app->db, &old, &new, app->who.login,
	    &changed)) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "pat-%lld", id);
	snprintf(detail, sizeof(detail), "%d fields", changed);
	if ((rc = app_log(app, id, rec, detail)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("%s\n", rec);
	goto out;
fail:
	app_rollback(app);
out:
	pat_clear(&old);
	pat_clear(&new);
	free(g);
	free(longopts);
	return rc;
}

/* The patients show names, gathered before anything is read. */
struct shown {
	struct app	*app;
	long long	*ids;
	size_t		 n, cap;
};

static int
resolve_one(const char *key, void *arg)
{
	struct shown	*sh = arg;
	long long	 id;
	int		 rc;

	if ((rc = pat_resolve(sh->app->db, key, &id)) != 0)
		return rc;
	if (sh->n == sh->cap) {
		sh->cap = sh->cap ? 2 * sh->cap : 16;
		sh->ids = xrealloc(sh->ids, sh->cap * sizeof(*sh->ids));
	}
	sh->ids[sh->n++] = id;
	return 0;
}

/*
 * One audit row for the command, written before anything reaches the
 * screen; then each record.  Unknown patients are reported (65) and the
 * rest still shown.
 */
static int
verb_show(int argc, char *argv[], struct app *app)
{
	struct shown	 sh = { app, NULL, 0, 0 };
	struct idlist	 ids = { 0 };
	sqlite3_stmt	*s;
	char		 rec[32];
	int		 rc, arc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	rc = rec_each(argc - 1, argv + 1, resolve_one, &sh);
	if (rc != 0 && rc != EX_DATAERR)
		goto out;
	if (sh.n > 0) {
		for (size_t i = 0; i < sh.n; i++)
			idlist_add(&ids, sh.ids[i]);
		snprintf(rec, sizeof(rec), "%zu patients", sh.n);
		if ((arc = app_audit(app, sh.n == 1 ? sh.ids[0] : 0,
		    sh.n == 1 ? NULL : rec, sh.n == 1 ? NULL :
		    idlist_str(&ids))) != 0) {
			rc = arc;
			goto out;
		}
	}
	for (size_t i = 0; i < sh.n; i++) {
		s = db_stmt(app->db, SQL_PATIENT_SHOW);
		sqlite3_bind_int64(s, 1, sh.ids[i]);
		if (out_stmt(app->out, s, NULL, NULL) < 0) {
			rc = EX_SOFTWARE;
			break;
		}
	}
out:
	idlist_free(&ids);
	free(sh.ids);
	return rc;
}

static int
verb_history(int argc, char *argv[], struct app *app)
{
	sqlite3_stmt	*s;
	long long	 id;
	int		 rc;

	if (argc != 2)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0 ||
	    (rc = pat_resolve(app->db, argv[1], &id)) != 0 ||
	    (rc = app_audit(app, id, NULL, NULL)) != 0)
		return rc;
	s = db_stmt(app->db, SQL_PAT_HISTORY);
	sqlite3_bind_int64(s, 1, id);
	return out_stmt(app->out, s, NULL, NULL) < 0 ? EX_SOFTWARE : 0;
}

/* Bind a folded prefix as the key range [lo, hi) at params i and i+1. */
static void
bind_prefix(sqlite3_stmt *s, int i, const char *key)
{
	char *hi = xasprintf("%s\xff", key);

	sqlite3_bind_text(s, i, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, i + 1, hi, -1, SQLITE_TRANSIENT);
	free(hi);
}

/* The day n years before today, for age filters. */
static void
years_ago(int n, char out[DATE_LEN])
{
	char spec[16];

	snprintf(spec, sizeof(spec), "-%dy", n);
	date_parse_day(spec, out);
}

static int
find_payer(struct app *app, const char *key, long long *id)
{
	sqlite3_stmt	*s = db_stmt(app->db, SQL_PAYER_FIND);
	long long	 n = 0;
	int		 rc;

	if (rec_id_parse(key, "pyr", &n) == 0)
		sqlite3_bind_int64(s, 1, n);
	else
		sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	*id = 0;
	if ((rc = db_step(app->db, s)) == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		warnx("no payer '%s' (add it with 'patient payer add')", key);
		return EX_DATAERR;
	}
	return rc == SQLITE_ROW ? 0 : rc;
}

/* "18-65" or "40": whole years, nothing else on the line. */
static int
parse_ages(const char *s, int *lo, int *hi)
{
	int n = -1;

	if (sscanf(s, "%3d-%3d%n", lo, hi, &n) == 2 && n == (int)strlen(s) &&
	    isdigit((unsigned char)*s) && strspn(s, "0123456789-") == strlen(s))
		;
	else if (strspn(s, "0123456789") == strlen(s) && *s &&
	    strlen(s) <= 3)
		*lo = *hi = atoi(s);
	else
		return -1;
	return *lo >= 0 && *hi >= *lo && *hi <= 150 ? 0 : -1;
}

static const char *const statuses[] = { "active", "inactive", "deceased",
    "merged", "all" };

static int
status_ok(const char *s)
{
	for (size_t i = 0; i < nitems(statuses); i++)
		if (strcmp(s, statuses[i]) == 0)
			return 1;
	warnx("unknown status '%s' (active, inactive, deceased, merged, all)",
	    s);
	return 0;
}

static int
verb_list(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "dob", required_argument, NULL, 'd' },
		{ "age", required_argument, NULL, 'a' },
		{ "sex", required_argument, NULL, 's' },
		{ "has-coverage", no_argument, NULL, 'c' },
		{ "payer", required_argument, NULL, 'p' },
		{ "status", required_argument, NULL, 'S' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*name = NULL, *dob = NULL, *sex = NULL, *payer = NULL;
	const char	*status = "active";
	char		 day[DATE_LEN], lo[DATE_LEN], hi[DATE_LEN], now[DATE_LEN];
	char		*key = NULL, sexbuf[2] = "";
	int		 amin = -1, amax = -1, covered = 0, ch, rc;
	long long	 limit = -1, pid;
	sqlite3_stmt	*s;

	while ((ch = getopt_long(argc, argv, "n:d:a:s:cp:S:l:", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'n': name = optarg; break;
		case 'd': dob = optarg; break;
		case 'a':
			if (parse_ages(optarg, &amin, &amax) == -1) {
				warnx("--age wants MIN-MAX years, like 18-65");
				return EX_USAGE;
			}
			break;
		case 's':
			if (strlen(optarg) != 1 || !strchr("FMXU",
			    toupper((unsigned char)*optarg))) {
				warnx("--sex: F, M, X or U");
				return EX_USAGE;
			}
			sexbuf[0] = (char)toupper((unsigned char)*optarg);
			sex = sexbuf;
			break;
		case 'c': covered = 1; break;
		case 'p': payer = optarg; break;
		case 'S':
			if (!status_ok(optarg))
				return EX_USAGE;
			status = optarg;
			break;
		case 'l':
			if ((rc = app_count("--limit", optarg, 0, &limit)))
				return rc;
			break;
		default: return EX_USAGE;
		}
	if (argc != optind)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0)
		return rc;
	if (dob && date_parse_day(dob, day) == -1) {
		warnx("--dob: not a date '%s'", dob);
		return EX_USAGE;
	}
	if ((rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	s = db_stmt(app->db, SQL_PAT_LIST);
	if (name) {
		key = fold_key(name);
		bind_prefix(s, 1, key);
	}
	if (dob)
		sqlite3_bind_text(s, 3, day, -1, SQLITE_STATIC);
	if (amin >= 0) {
		years_ago(amin, lo);
		years_ago(amax + 1, hi);
		sqlite3_bind_text(s, 4, lo, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, hi, -1, SQLITE_STATIC);
	}
	if (sex)
		sqlite3_bind_text(s, 6, sex, -1, SQLITE_STATIC);
	if (covered) {
		date_parse_day("today", now);
		sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
	}
	if (payer) {
		if ((rc = find_payer(app, payer, &pid)) != 0) {
			free(key);
			return rc;
		}
		sqlite3_bind_int64(s, 8, pid);
	}
	sqlite3_bind_text(s, 9, status, -1, SQLITE_STATIC);
	if (limit >= 0)
		sqlite3_bind_int64(s, 10, limit);
	rc = app_list_phi(app, s, 0, "patients", APP_PHI_ONE);
	free(key);
	return rc;
}

/*
 * patient search TEXT: a date finds by birth date, a phone number by
 * phone, anything else by name prefix (first or last, case and accents
 * ignored; two words match "first last" either way round); an MRN always.
 */
static int
verb_search(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	char		 day[DATE_LEN], phone[PHONE_LEN], *key = NULL, *sp;
	const char	*text, *why;
	long long	 limit = SEARCH_LIMIT;
	sqlite3_stmt	*s;
	int		 ch, rc, param;

	while ((ch = getopt_long(argc, argv, "l:", longopts, NULL)) != -1)
		switch (ch) {
		case 'l':
			if ((rc = app_count("--limit", optarg, 1, &limit)))
				return rc;
			break;
		default: return EX_USAGE;
		}
	if (argc - optind != 1 || *argv[optind] == '\0')
		return EX_USAGE;
	text = argv[optind];
	/*
	 * Names are matched by their folded keys, which keep only letters
	 * and digits: "%", "_" or "!!" fold to nothing, a prefix of every
	 * name, so they would list everyone.
	 */
	key = fold_key(text);
	if (strspn(key, " ") == strlen(key)) {
		warnx("search: '%s' has no letter or digit to search for",
		    text);
		free(key);
		return EX_USAGE;
	}
	free(key);
	key = NULL;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	if (strlen(text) == 10 && date_parse_day(text, day) == 0 &&
	    isdigit((unsigned char)*text)) {
		s = db_stmt(app->db, SQL_PAT_SEARCH_DOB);
		sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
		param = 2;
	} else if (strspn(text, "+0123456789 -().") == strlen(text) &&
	    phone_e164(text, country(app), phone, &why) == 0) {
		s = db_stmt(app->db, SQL_PAT_SEARCH_PHONE);
		sqlite3_bind_text(s, 1, phone, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
		param = 3;
	} else {
		key = fold_key(text);
		if ((sp = strchr(key, ' ')) != NULL) {
			*sp = '\0';
			s = db_stmt(app->db, SQL_PAT_SEARCH_NAME2);
			bind_prefix(s, 1, key);
			bind_prefix(s, 3, sp + 1);
			param = 5;
		} else {
			s = db_stmt(app->db, SQL_PAT_SEARCH_NAME);
			bind_prefix(s, 1, key);
			sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
			param = 4;
		}
	}
	sqlite3_bind_int64(s, param, limit);
	rc = app_list_phi(app, s, 0, "patients: search", APP_PHI_ONE);
	free(key);
	return rc;
}

static int
set_active(struct app *app, const char *who, int active)
{
	sqlite3_stmt	*s;
	char		 rec[32], now[STAMP_LEN];
	long long	 id;
	int		 rc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, who, &id)) != 0)
		goto fail;
	date_now_stamp(now);
	s = db_stmt(app->db, SQL_PAT_SET_ACTIVE);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, active);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	if ((rc = db_exec(app->db, s)) != 0)
		goto fail;
	if (sqlite3_changes(db_handle(app->db)) == 0) {
		warnx("pat-%lld was merged into another patient", id);
		rc = EX_DATAERR;
		goto fail;
	}
	snprintf(rec, sizeof(rec), "pat-%lld", id);
	if ((rc = app_log(app, id, rec, NULL)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("%s\n", rec);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

static int
verb_deactivate(int argc, char *argv[], struct app *app)
{
	if (argc != 2)
		return EX_USAGE;
	return set_active(app, argv[1], 0);
}

static int
verb_activate(int argc, char *argv[], struct app *app)
{
	if (argc != 2)
		return EX_USAGE;
	return set_active(app, argv[1], 1);
}

/*
 * Everything of the duplicate's moves to the survivor in one transaction;
 * the duplicate stays, marked merged-into, for the audit trail.  What
 * moves is lib/patient.c's list of the columns that refer to a patient.
 */
static int
verb_merge(int argc, char *argv[], struct app *app)
{
	sqlite3_stmt	*s;
	long long	 keep, dup;
	char		 rec[32], detail[64], now[STAMP_LEN];
	int		 rc;

	if (argc != 3)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[1], &keep)) != 0 ||
	    (rc = pat_resolve(app->db, argv[2], &dup)) != 0)
		goto fail;
	if (keep == dup) {
		warnx("cannot merge a patient into itself");
		rc = EX_DATAERR;
		goto fail;
	}
	if ((rc = pat_merge_move(app->db, keep, dup)) != 0)
		goto fail;
	date_now_stamp(now);
	s = db_stmt(app->db, SQL_PAT_MERGE);
	sqlite3_bind_int64(s, 1, dup);
	sqlite3_bind_int64(s, 2, keep);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		sqlite3_reset(s);
		if (rc == SQLITE_CONSTRAINT) {
			warnx("pat-%lld or pat-%lld is already merged", dup,
			    keep);
			rc = EX_DATAERR;
		} else
			rc = db_fail(app->db, rc, "merge");
		goto fail;
	}
	sqlite3_reset(s);
	snprintf(rec, sizeof(rec), "pat-%lld", dup);
	snprintf(detail, sizeof(detail), "merged pat-%lld into pat-%lld", dup,
	    keep);
	if ((rc = app_log(app, keep, rec, detail)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("pat-%lld\n", keep);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

static int
verb_export(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "status", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*status = "all";
	sqlite3_stmt	*s;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "S:", longopts, NULL)) != -1)
		switch (ch) {
		case 'S':
			if (!status_ok(optarg))
				return EX_USAGE;
			status = optarg;
			break;
		default: return EX_USAGE;
		}
	if (argc != optind)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	if (!app->fmt_given) {		/* a file for import: CSV by default */
		out_free(app->out);
		app->out = out_new(stdout, OUT_CSV, 0);
	}
	s = db_stmt(app->db, SQL_PAT_EXPORT);
	sqlite3_bind_text(s, 1, status, -1, SQLITE_STATIC);
	rc = app_list_phi(app, s, 0, "patients: export", APP_PHI_ONE);
	return rc == 1 ? 0 : rc;
}

static int
verb_payer_add(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "payer-id", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*pid = NULL, *name;
	sqlite3_stmt	*s;
	char		 rec[32];
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "p:", longopts, NULL)) != -1)
		switch (ch) {
		case 'p': pid = optarg; break;
		default: return EX_USAGE;
		}
	if (argc - optind != 1 || pid == NULL) {
		warnx("give the payer's name and --payer-id");
		return EX_USAGE;
	}
	name = argv[optind];
	if (!utf8_valid(name, strlen(name)) || strlen(name) > 60 || !*name ||
	    strpbrk(pid, "*~:^") || strlen(pid) < 2 || strlen(pid) > 80) {
		warnx("a payer name is 1 to 60 characters; a payer id 2 to 80, "
		    "without * ~ : ^ (X12 delimiters)");
		return EX_DATAERR;
	}
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_BILLING)) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	s = db_stmt(app->db, SQL_PAYER_ADD);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, pid, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		sqlite3_reset(s);
		if (rc == SQLITE_CONSTRAINT) {
			warnx("payer '%s' already exists", name);
			rc = EX_DATAERR;
		} else
			rc = db_fail(app->db, rc, "payer");
		goto fail;
	}
	sqlite3_reset(s);
	snprintf(rec, sizeof(rec), "pyr-%lld",
	    (long long)sqlite3_last_insert_rowid(db_handle(app->db)));
	if ((rc = app_log(app, 0, rec, pid)) != 0 || (rc = app_commit(app)))
		goto fail;
	printf("%s\n", rec);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

static int
verb_payer_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	return out_stmt(app->out, db_stmt(app->db, SQL_PAYER_LIST), NULL,
	    NULL) < 0 ? EX_SOFTWARE : 0;
}

static int
one_of(const char *v, const char *const set[], size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, set[i]) == 0)
			return 0;
	warnx("%s: unknown value '%s'", what, v);
	return EX_USAGE;
}

static int
text_arg(const char *v, size_t max, const char *what)
{
	if (!utf8_valid(v, strlen(v)) || utf8_chars(v) > max || !*v) {
		warnx("%s: 1 to %zu characters of valid UTF-8", what, max);
		return EX_DATAERR;
	}
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || strchr("*~:^", *p)) {
			warnx("%s: no control characters or * ~ : ^", what);
			return EX_DATAERR;
		}
	return 0;
}

static int
day_arg(const char *v, char out[DATE_LEN], const char *what)
{
	if (date_parse_day(v, out) == -1) {
		warnx("%s: not a date '%s'", what, v);
		return EX_USAGE;
	}
	return 0;
}

static int
verb_coverage_add(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "payer", required_argument, NULL, 'p' },
		{ "member-id", required_argument, NULL, 'm' },
		{ "group", required_argument, NULL, 'g' },
		{ "priority", required_argument, NULL, 'P' },
		{ "relationship", required_argument, NULL, 'r' },
		{ "subscriber-name", required_argument, NULL, 'n' },
		{ "subscriber-dob", required_argument, NULL, 'd' },
		{ "subscriber-sex", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const prios[] = { "primary", "secondary",
	    "tertiary" };
	static const char *const rels[] = { "self", "spouse", "child",
	    "other" };
	static const char *const sexes[] = { "F", "M", "U" };
	const char	*payer = NULL, *member = NULL, *group = NULL;
	const char	*prio = "primary", *rel = "self", *sname = NULL;
	const char	*sdob = NULL, *ssex = NULL, *from = NULL, *to = NULL;
	char		 fromd[DATE_LEN], tod[DATE_LEN], dobd[DATE_LEN];
	char		 rec[32], now[DATE_LEN];
	long long	 pat, pyr;
	sqlite3_stmt	*s;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "p:m:g:P:r:n:d:s:f:t:", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'p': payer = optarg; break;
		case 'm': member = optarg; break;
		case 'g': group = optarg; break;
		case 'P': prio = optarg; break;
		case 'r': rel = optarg; break;
		case 'n': sname = optarg; break;
		case 'd': sdob = optarg; break;
		case 's': ssex = optarg; break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		default: return EX_USAGE;
		}
	if (argc - optind != 1 || !payer || !member || !from) {
		warnx("give a patient, --payer, --member-id and --from");
		return EX_USAGE;
	}
	if ((rc = one_of(prio, prios, nitems(prios), "--priority")) ||
	    (rc = one_of(rel, rels, nitems(rels), "--relationship")) ||
	    (ssex && (rc = one_of(ssex, sexes, nitems(sexes),
	    "--subscriber-sex"))) ||
	    (rc = day_arg(from, fromd, "--from")) ||
	    (to && (rc = day_arg(to, tod, "--to"))) ||
	    (sdob && (rc = day_arg(sdob, dobd, "--subscriber-dob"))) ||
	    (rc = text_arg(member, 80, "--member-id")) ||
	    (group && (rc = text_arg(group, 50, "--group"))) ||
	    (sname && (rc = text_arg(sname, 200, "--subscriber-name"))))
		return rc;
	if (to && strcmp(tod, fromd) < 0) {
		warnx("--to is before --from");
		return EX_DATAERR;
	}
	if (strcmp(rel, "self") != 0 && (!sname || !sdob || !ssex)) {
		warnx("a subscriber other than the patient needs "
		    "--subscriber-name, --subscriber-dob and --subscriber-sex");
		return EX_USAGE;
	}
	date_parse_day("today", now);
	if (sdob && strcmp(dobd, now) > 0) {
		warnx("--subscriber-dob is in the future");
		return EX_DATAERR;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[optind], &pat)) != 0 ||
	    (rc = pat_writable(app->db, pat)) != 0 ||
	    (rc = find_payer(app, payer, &pyr)) != 0)
		goto fail;
	s = db_stmt(app->db, SQL_COV_ADD);
	sqlite3_bind_int64(s, 1, pat);
	sqlite3_bind_int64(s, 2, pyr);
	sqlite3_bind_text(s, 3, member, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, group, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, prio, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, rel, -1, SQLITE_STATIC);
	if (strcmp(rel, "self") != 0) {
		sqlite3_bind_text(s, 7, sname, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, dobd, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, ssex, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(s, 10, fromd, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 11, to ? tod : NULL, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		sqlite3_reset(s);
		if (rc == SQLITE_CONSTRAINT) {
			warnx("pat-%lld already has %s coverage in those dates: "
			    "end it first", pat, prio);
			rc = EX_DATAERR;
		} else
			rc = db_fail(app->db, rc, "coverage");
		goto fail;
	}
	sqlite3_reset(s);
	snprintf(rec, sizeof(rec), "cov-%lld",
	    (long long)sqlite3_last_insert_rowid(db_handle(app->db)));
	if ((rc = app_log(app, pat, rec, prio)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("%s\n", rec);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

static int
verb_coverage_list(int argc, char *argv[], struct app *app)
{
	sqlite3_stmt	*s;
	char		 now[DATE_LEN];
	long long	 pat;
	int		 rc;

	if (argc != 2)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0 ||
	    (rc = pat_resolve(app->db, argv[1], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, NULL)) != 0)
		return rc;
	date_parse_day("today", now);
	s = db_stmt(app->db, SQL_COV_LIST);
	sqlite3_bind_int64(s, 1, pat);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
	return out_stmt(app->out, s, NULL, NULL) < 0 ? EX_SOFTWARE : 0;
}

static int
verb_coverage_end(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "on", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	char		 day[DATE_LEN], rec[32];
	const char	*on = "today", *start;
	long long	 cov, pat;
	sqlite3_stmt	*s;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1)
		switch (ch) {
		case 'o': on = optarg; break;
		default: return EX_USAGE;
		}
	if (argc - optind != 1)
		return EX_USAGE;
	if (rec_id_parse(argv[optind], "cov", &cov) == -1) {
		warnx("not a coverage id '%s'", argv[optind]);
		return EX_DATAERR;
	}
	if ((rc = day_arg(on, day, "--on")) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	s = db_stmt(app->db, SQL_COV_PATIENT);
	sqlite3_bind_int64(s, 1, cov);
	if ((rc = db_step(app->db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc == SQLITE_DONE) {
			warnx("no coverage 'cov-%lld'", cov);
			rc = EX_DATAERR;
		}
		goto fail;
	}
	pat = sqlite3_column_int64(s, 0);
	start = (const char *)sqlite3_column_text(s, 1);
	rc = strcmp(day, start) < 0;
	sqlite3_reset(s);
	if (rc) {
		warnx("cov-%lld starts after %s", cov, day);
		rc = EX_DATAERR;
		goto fail;
	}
	s = db_stmt(app->db, SQL_COV_END);
	sqlite3_bind_int64(s, 1, cov);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	snprintf(rec, sizeof(rec), "cov-%lld", cov);
	if ((rc = db_exec(app->db, s)) != 0 ||
	    (rc = app_log(app, pat, rec, day)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("%s\n", rec);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

/* patient import: one run, one transaction, every row checked. */
struct import {
	struct app	*app;
	const char	*name;		/* the file, for messages */
	int		*col;		/* field of each column, -1 to skip */
	size_t		 ncol;
	int		 keep, update, force;
	int		 status_col;	/* export's status column, or -1 */
	int		 notdup_col;	/* export's not_duplicate, or -1 */
	long long	 last_before;	/* newest patient id before the run */
	long long	 added, updated, same, bad, rows;
	struct idlist	 ids;		/* added or changed */
};

static void
row_error(struct import *im, size_t line, const char *field, const char *why)
{
	warnx("%s:%zu: %s: %s", im->name, line, field, why);
	im->bad++;
}

/* Mark a patient inactive, as an exported "status" column says. */
static int
set_inactive(struct db *db, long long id)
{
	sqlite3_stmt	*s = db_stmt(db, SQL_PAT_SET_ACTIVE);
	char		 now[STAMP_LEN];

	date_now_stamp(now);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, 0);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	return db_exec(db, s);
}

/* The not_duplicate column: "yes" (as export writes it), or not set. */
static int
parse_notdup(const char *v, int *yes)
{
	if (v == NULL || !strcmp(v, "") || !strcmp(v, "no") ||
	    !strcmp(v, "false") || !strcmp(v, "0"))
		*yes = 0;
	else if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
		*yes = 1;
	else
		return -1;
	return 0;
}

/*
 * The duplicate guard for a row: one that looks like a patient already
 * here is refused unless --force, which marks it not a duplicate.  A
 * row marked not_duplicate (export wrote it) was confirmed in its own
 * clinic: it is not checked, and the patients the file added so marked
 * are passed over for the rows after, whichever of a pair carries the
 * mark.  *dup is the one it looks like when refused.
 */
static int
import_guard(struct import *im, struct pat *p, int notdup, long long *dup)
{
	int rc;

	*dup = 0;
	if (notdup) {
		p->not_duplicate = 1;
		return 0;
	}
	if ((rc = pat_duplicate(im->app->db, p, im->last_before, dup)) != 0)
		return rc;
	if (*dup && im->force) {
		p->not_duplicate = 1;
		*dup = 0;
	}
	return 0;
}

/*
 * One record whose fields are already in p (has[] marks the ones given;
 * status is the exported status column, or NULL; notdup its
 * not_duplicate).
 */
static int
import_one(struct import *im, struct pat *p, const int *has,
    const char *status, int notdup, size_t line)
{
	struct db	*db = im->app->db;
	struct pat	 old = { 0 }, new = { 0 };
	sqlite3_stmt	*s;
	const char	*why;
	long long	 id = 0, dup = 0;
	int		 f, rc = 0, changed;

	if (p->v[PF_MRN]) {
		s = db_stmt(db, SQL_PAT_BY_MRN);
		sqlite3_bind_text(s, 1, p->v[PF_MRN], -1, SQLITE_STATIC);
		if ((rc = db_step(db, s)) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rc;
		rc = 0;
	}
	if (id > im->last_before) {	/* added by an earlier line */
		row_error(im, line, "mrn", "appears twice in the file");
		return 0;
	}
	if (id != 0 && !im->update) {		/* idempotent by MRN */
		im->same++;
		return 0;
	}
	if (id != 0) {		/* --update: the given columns replace */
		if ((rc = pat_load(db, id, &old)) != 0 ||
		    (rc = pat_load(db, id, &new)) != 0)
			goto out;
		for (int i = 0; i < PF_MAX; i++)
			if (has[i]) {
				free(new.v[i]);
				new.v[i] = p->v[i] ? xstrdup(p->v[i]) : NULL;
			}
		if (pat_check(&new, &f, &why) == -1) {
			row_error(im, line, pat_field_name(f), why);
			goto out;
		}
		/* as edit: a change that makes it look like another */
		if ((notdup || pat_identity_changed(&old, &new)) &&
		    (rc = import_guard(im, &new, notdup, &dup)) != 0)
			goto out;
		if (dup) {
			char why2[160];

			snprintf(why2, sizeof(why2), "would look like pat-%lld "
			    "(same name and date of birth, or phone and date "
			    "of birth): --force to change anyway", dup);
			row_error(im, line, "mrn", why2);
			goto out;
		}
		if ((rc = pat_update(db, &old, &new, im->app->who.login,
		    &changed)) != 0)
			goto out;
		if (changed) {
			im->updated++;
			idlist_add(&im->ids, id);
		} else
			im->same++;
		goto out;
	}
	if (pat_check(p, &f, &why) == -1) {
		row_error(im, line, pat_field_name(f), why);
		return 0;
	}
	if ((rc = import_guard(im, p, notdup, &dup)) != 0)
		return rc;
	if (dup && p->v[PF_MRN] == NULL) {
		im->same++;		/* the same person, already here */
		return 0;
	}
	if (dup) {
		char why2[96];

		snprintf(why2, sizeof(why2), "looks like pat-%lld (same name "
		    "and date of birth): --force to add anyway", dup);
		row_error(im, line, "mrn", why2);
		return 0;
	}
	if ((rc = pat_insert(db, p, &id)) == EX_DATAERR) {
		row_error(im, line, "mrn", "appears twice in the file");
		return 0;
	}
	if (rc == 0 && status && strcmp(status, "inactive") == 0)
		rc = set_inactive(db, id);
	if (rc == 0) {
		im->added++;
		idlist_add(&im->ids, id);
	}
out:
	pat_clear(&old);
	pat_clear(&new);
	return rc;
}

static int
import_fields(struct import *im, char *const *v, size_t n, size_t line)
{
	struct pat	 p = { 0 };
	int		 has[PF_MAX] = { 0 }, rc;
	const char	*why, *status = NULL;
	int		 notdup = 0;

	if (n > im->ncol) {
		warnx("%s:%zu: %zu fields, but the header names %zu columns",
		    im->name, line, n, im->ncol);
		im->bad++;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		int		 f = im->col[i];
		const char	*val = v[i];

		if ((int)i == im->status_col)
			status = val;
		if ((int)i == im->notdup_col &&
		    parse_notdup(val, &notdup) == -1) {
			row_error(im, line, "not_duplicate", "yes or empty");
			pat_clear(&p);
			return 0;
		}
		if (f < 0)
			continue;
		/*
		 * export put a ' before a value a spreadsheet would run as
		 * a formula, and before one that began with ': take exactly
		 * that one off.
		 */
		if (val[0] == '\'' && val[1] != '\0' &&
		    strchr("'=+-@\t\r", val[1]) != NULL)
			val++;
		has[f] = 1;
		if (pat_set(&p, f, val, country(im->app), &why) == -1) {
			row_error(im, line, pat_field_name(f), why);
			pat_clear(&p);
			return 0;
		}
	}
	rc = import_one(im, &p, has, status, notdup, line);
	pat_clear(&p);
	return rc;
}

/* Columns named in a header (or JSON keys) to fields; --map wins. */
static int
column_field(const char *name, char *const *maps, size_t nmap)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < nmap; i++)
		if (strncmp(maps[i], name, n) == 0 && maps[i][n] == '=')
			return pat_field_find(maps[i] + n + 1);
	if (strcmp(name, "id") == 0 || strcmp(name, "status") == 0 ||
	    strcmp(name, "not_duplicate") == 0)
		return -2;		/* export's own columns: not fields */
	return pat_field_find(name);
}

struct jrow {
	struct import	*im;
	struct pat	 p;
	int		 has[PF_MAX];
	char		*status;	/* owned */
	int		 notdup;
	int		 rc;
	char *const	*maps;
	size_t		 nmap;
};

static int
json_field(const char *key, const char *value, size_t line, void *arg)
{
	struct jrow	*j = arg;
	const char	*why;
	int		 f = column_field(key, j->maps, j->nmap);

	if (strcmp(key, "status") == 0) {
		free(j->status);
		j->status = xstrdup(value);
	}
	if (strcmp(key, "not_duplicate") == 0 &&
	    parse_notdup(value, &j->notdup) == -1) {
		row_error(j->im, line, key, "yes or empty");
		return EX_DATAERR;
	}
	if (f == -2)
		return 0;
	if (f < 0) {
		row_error(j->im, line, key, "unknown field");
		return EX_DATAERR;
	}
	j->has[f] = 1;
	if (pat_set(&j->p, f, value, country(j->im->app), &why) == -1) {
		row_error(j->im, line, key, why);
		return EX_DATAERR;
	}
	return 0;
}

/* JSON lines, as `patient export -o json` writes them. */
static int
import_json(struct import *im, FILE *f, char *const *maps, size_t nmap)
{
	char	*line = NULL;
	size_t	 cap = 0, lineno = 0;
	ssize_t	 n;
	int	 rc = 0;

	while (rc == 0 && (n = getline(&line, &cap, f)) != -1) {
		struct jrow j = { .im = im, .maps = maps, .nmap = nmap };

		long long bad = im->bad;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';	/* errors then point at this line */
		if (strspn(line, " \t") == (size_t)n)
			continue;
		im->rows++;
		if (yrec_read_string(line, (size_t)n, im->name, lineno - 1,
		    json_field, &j) == 0)
			rc = import_one(im, &j.p, j.has, j.status, j.notdup,
			    lineno);
		else if (im->bad == bad)	/* a syntax error: not yet counted */
			im->bad++;
		pat_clear(&j.p);
		free(j.status);
	}
	free(line);
	return rc;
}

static int
import_csv(struct import *im, struct csvin *in, char *const *maps,
    size_t nmap)
{
	struct csvrec	 r;
	int		 got, rc = 0, tty = isatty(STDERR_FILENO);

	if ((got = csvin_next(in, &r)) != 1) {
		if (got == 0)
			warnx("%s: empty file", im->name);
		return got == 0 ? EX_DATAERR : got;
	}
	im->ncol = r.n;
	im->col = xcalloc(r.n, sizeof(int));
	for (size_t i = 0; i < r.n; i++) {
		if (strcmp(r.f[i], "status") == 0)
			im->status_col = (int)i;
		if (strcmp(r.f[i], "not_duplicate") == 0)
			im->notdup_col = (int)i;
		im->col[i] = column_field(r.f[i], maps, nmap);
		/* two columns for one thing: which would win is a guess */
		for (size_t j = 0; j < i; j++)
			if (strcmp(r.f[i], r.f[j]) == 0) {
				warnx("%s:%zu: column '%s' named twice",
				    im->name, r.line, r.f[i]);
				return EX_DATAERR;
			} else if (im->col[i] >= 0 && im->col[i] == im->col[j]) {
				warnx("%s:%zu: columns '%s' and '%s' are both "
				    "the field %s", im->name, r.line, r.f[j],
				    r.f[i], pat_field_name(im->col[i]));
				return EX_DATAERR;
			}
		if (im->col[i] == -1) {
			warnx("%s:%zu: unknown column '%s' (name a field, or "
			    "--map '%s=FIELD')", im->name, r.line, r.f[i],
			    r.f[i]);
			return EX_DATAERR;
		}
	}
	while (rc == 0 && (got = csvin_next(in, &r)) == 1) {
		im->rows++;
		rc = import_fields(im, r.f, r.n, r.line);
		if (tty && im->rows % 10000 == 0)
			fprintf(stderr, "\rpatient: import: %lld rows",
			    im->rows);
	}
	if (tty && im->rows >= 10000)
		fputc('\n', stderr);
	return rc ? rc : got;
}

static int
verb_import(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "map", required_argument, NULL, 'm' },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "update", no_argument, NULL, 'u' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct import	 im = { .app = app };
	char		**maps = xcalloc((size_t)argc, sizeof(char *));
	char		 rec[64];
	struct csvin	*in = NULL;
	size_t		 nmap = 0;
	int		 ch, rc, c;
	FILE		*f;

	while ((ch = getopt_long(argc, argv, "m:kuf", longopts, NULL)) != -1)
		switch (ch) {
		case 'm':
			if (strchr(optarg, '=') == NULL ||
			    pat_field_find(strchr(optarg, '=') + 1) < 0) {
				warnx("--map wants COLUMN=FIELD with a patient "
				    "field, not '%s'", optarg);
				free(maps);
				return EX_USAGE;
			}
			maps[nmap++] = optarg;
			break;
		case 'k': im.keep = 1; break;
		case 'u': im.update = 1; break;
		case 'f': im.force = 1; break;
		default:
			free(maps);
			return EX_USAGE;
		}
	if (argc - optind != 1) {
		free(maps);
		return EX_USAGE;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = csvin_open(&in, argv[optind])) != 0)
		goto out;
	im.name = csvin_name(in);
	im.status_col = -1;
	im.notdup_col = -1;
	db_cache_mb(app->db, 32);	/* one long transaction; RSS < 64 MB */
	if ((rc = app_begin(app)) != 0)
		goto out;
	{
		sqlite3_stmt *s = db_stmt(app->db, SQL_PAT_MAX_ID);

		if ((rc = db_step(app->db, s)) == SQLITE_ROW)
			im.last_before = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW) {
			app_rollback(app);
			goto out;
		}
		rc = 0;
	}
	/* a JSON-lines file starts with '{'; CSV never does */
	f = strcmp(argv[optind], "-") ? fopen(argv[optind], "r") : stdin;
	if (f && (c = getc(f)) != EOF) {
		ungetc(c, f);
		if (c == '{') {
			rc = import_json(&im, f, maps, nmap);
			goto done;
		}
	}
	if (f && f != stdin)
		fclose(f);
	f = NULL;
	rc = import_csv(&im, in, maps, nmap);
done:
	if (f && f != stdin)
		fclose(f);
	if (rc == 0 && im.bad > 0 && !im.keep)
		rc = EX_DATAERR;
	if (rc != 0) {
		app_rollback(app);
		if (rc == EX_DATAERR && im.bad > 0)
			warnx("%s: %lld bad %s: nothing imported", im.name,
			    im.bad, im.bad == 1 ? "row" : "rows");
		goto out;
	}
	snprintf(rec, sizeof(rec), "%lld added, %lld updated", im.added,
	    im.updated);
	if ((rc = app_log(app, 0, rec, idlist_str(&im.ids))) != 0 ||
	    (rc = app_commit(app)) != 0) {
		app_rollback(app);
		goto out;
	}
	idlist_print(&im.ids, "pat", stdout);
	if (isatty(STDERR_FILENO) || im.bad)
		warnx("%s: %lld rows: %lld added, %lld updated, %lld unchanged, "
		    "%lld bad", im.name, im.rows, im.added, im.updated, im.same,
		    im.bad);
	rc = im.bad ? EX_DATAERR : 0;
out:
	csvin_close(in);
	idlist_free(&im.ids);
	free(im.col);
	free(maps);
	return rc;
}

static const struct verb verbs[] = {
	{ "add", verb_add, DB_RW,
	    "[--FIELD VALUE ...] [--from FILE] [--force]",
	    "register a patient; prints the new pat- id" },
	{ "edit", verb_edit, DB_RW, "PAT --FIELD VALUE ... [--force]",
	    "change fields (history kept)" },
	{ "show", verb_show, DB_RO, "PAT ...", "patients' full records" },
	{ "history", verb_history, DB_RO, "PAT",
	    "who changed which field, when" },
	{ "list", verb_list, DB_RO,
	    "[--name TEXT] [--dob DATE] [--age MIN-MAX] [--sex SEX] "
	    "[--has-coverage] [--payer PAYER] [--status STATUS] [--limit N]",
	    "patients matching filters" },
	{ "search", verb_search, DB_RO, "[--limit N] TEXT",
	    "find by name prefix, MRN, phone or date of birth" },
	{ "deactivate", verb_deactivate, DB_RW, "PAT",
	    "mark a patient inactive" },
	{ "activate", verb_activate, DB_RW, "PAT", "mark a patient active" },
	{ "merge", verb_merge, DB_RW, "SURVIVOR DUPLICATE",
	    "move a duplicate's records to the survivor" },
	{ "import", verb_import, DB_RW,
	    "[--map COLUMN=FIELD ...] [--keep-going] [--update] [--force] FILE",
	    "add patients from CSV or JSON lines, all or nothing" },
	{ "export", verb_export, DB_RO, "[--status STATUS]",
	    "every patient, as CSV (or -o json) that import reads back" },
	{ "coverage add", verb_coverage_add, DB_RW,
	    "PAT --payer PAYER --member-id ID [--group GROUP] "
	    "[--priority primary|secondary|tertiary] "
	    "[--relationship self|spouse|child|other] [--subscriber-name NAME] "
	    "[--subscriber-dob DATE] [--subscriber-sex F|M|U] --from DATE "
	    "[--to DATE]", "add insurance coverage; prints the cov- id" },
	{ "coverage list", verb_coverage_list, DB_RO, "PAT",
	    "a patient's coverage" },
	{ "coverage end", verb_coverage_end, DB_RW, "COV [--on DATE]",
	    "end coverage (today unless --on)" },
	{ "payer add", verb_payer_add, DB_RW, "NAME --payer-id ID",
	    "add an insurance payer; prints the pyr- id" },
	{ "payer list", verb_payer_list, DB_RO, "", "list payers" },
};

static const struct prog prog = { "patient", "the patient register",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

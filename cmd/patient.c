/*
 * patient - the patient register
 *	patient add [--FIELD VALUE ...] [--from FILE] [--force]
 *	patient edit PAT --FIELD VALUE ... | show PAT ... | history PAT
 *	patient list [filters] | search TEXT | export | import FILE.csv
 *	patient deactivate PAT | activate PAT | merge SURVIVOR DUPLICATE
 *	patient coverage add|list|end ... | payer add|list ...
 * A patient is named by pat- id or MRN.  Field names (mrn, first, dob,
 * phone, ...) are the same as flags, CSV headers, JSON keys and columns;
 * a flag writes the field's '_' as '-' (--sms-consent), or as it is.
 * Every read of patient data is audited: one row per command, naming the
 * patients it touched (as id ranges for bulk reads).  The records, their
 * rules and their SQL are lib/patient.c's and lib/coverage.c's.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "cfg.h"
#include "coverage.h"
#include "date.h"
#include "patient.h"
#include "rec.h"
#include "util.h"

static const char *
country(struct app *app)
{
	return app->cfg->clinic_country ? app->cfg->clinic_country : "US";
}

/* The end of a write: its audit row, commit, and what it names on stdout. */
static int
finish(struct app *app, int rc, long long patient, const char *rec,
    const char *detail, const char *print)
{
	if (rc == 0 && (rc = app_log(app, patient, rec, detail)) == 0 &&
	    (rc = app_commit(app)) == 0) {
		printf("%s\n", print ? print : rec);
		return 0;
	}
	app_rollback(app);
	return rc;
}

/* What add and edit were given: fields in order, --from, --force. */
struct given {
	struct {
		int		 field;
		const char	*value;		/* borrowed from argv */
	}		*v;
	size_t		 n;
	const char	*from;
	int		 force;
};

/*
 * Every field as --NAME VALUE, '-' for '_' (--sms-consent) and as it is,
 * of one val: getopt_long takes a prefix of both as one option; then
 * --force, and --from when from.  0, or 64.
 */
static int
field_args(int argc, char *argv[], int from, struct given *g)
{
	struct option	*o = xcalloc(2 * PF_MAX + 3, sizeof(*o));
	size_t		 n = 0;
	int		 ch;

	for (int i = 0; i < PF_MAX; i++) {
		if (strchr(pat_field_name(i), '_') != NULL)
			o[n++] = (struct option){ pat_field_flag(i),
			    required_argument, NULL, 1000 + i };
		o[n++] = (struct option){ pat_field_name(i), required_argument,
		    NULL, 1000 + i };
	}
	o[n++] = (struct option){ "force", no_argument, NULL, 'f' };
	if (from)
		o[n++] = (struct option){ "from", required_argument, NULL,
		    'F' };
	g->v = xcalloc((size_t)argc, sizeof(*g->v));
	while ((ch = getopt_long(argc, argv, from ? "F:f" : "f", o,
	    NULL)) != -1)
		if (ch >= 1000) {
			g->v[g->n].field = ch - 1000;
			g->v[g->n++].value = optarg;
		} else if (ch == 'F')
			g->from = optarg;
		else if (ch == 'f')
			g->force = 1;
		else
			break;
	free(o);
	return ch == -1 ? 0 : EX_USAGE;
}

/* The given fields into p, then the whole record's rules. */
static int
apply(struct app *app, struct pat *p, const struct given *g)
{
	const char	*why;
	int		 f;

	for (size_t i = 0; i < g->n; i++)
		if (pat_set(p, g->v[i].field, g->v[i].value, country(app),
		    &why)) {
			warnx("%s: %s", pat_field_name(g->v[i].field), why);
			return EX_DATAERR;
		}
	if (pat_check(p, &f, &why) == -1) {
		warnx("%s: %s", pat_field_name(f), why);
		return EX_DATAERR;
	}
	return 0;
}

static int
verb_add(int argc, char *argv[], struct app *app)
{
	struct given	 g = { 0 };
	struct pat	 p = { 0 };
	char		 rec[32] = "";
	long long	 id = 0;
	int		 rc;

	if ((rc = field_args(argc, argv, 1, &g)) != 0)
		goto out;
	if (optind != argc) {
		warnx("unexpected argument '%s'", argv[optind]);
		rc = EX_USAGE;
		goto out;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (g.from && (rc = pat_read_file(&p, g.from, country(app))) != 0) ||
	    (rc = apply(app, &p, &g)) != 0 || (rc = app_begin(app)) != 0)
		goto out;
	if ((rc = pat_guard(app->db, &p, g.force)) == 0 &&
	    (rc = pat_insert(app->db, &p, &id)) == EX_DATAERR)
		warnx("mrn: '%s' belongs to another patient", p.v[PF_MRN]);
	snprintf(rec, sizeof(rec), "pat-%lld", id);
	rc = finish(app, rc, id, rec, NULL, NULL);
out:
	pat_clear(&p);
	free(g.v);
	return rc;
}

static int
verb_edit(int argc, char *argv[], struct app *app)
{
	struct given	 g = { 0 };
	struct pat	 old = { 0 }, new = { 0 };
	char		 rec[32], detail[32];
	long long	 id = 0;
	int		 rc, changed = 0;

	if ((rc = field_args(argc, argv, 0, &g)) != 0)
		goto out;
	if (argc - optind != 1 || g.n == 0) {
		warnx(g.n == 0 ? "name a field to change (--phone ...)" :
		    "name one patient");
		rc = EX_USAGE;
		goto out;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		goto out;
	if ((rc = pat_resolve(app->db, argv[optind], &id)) == 0 &&
	    (rc = pat_writable(app->db, id)) == 0 &&
	    (rc = pat_load(app->db, id, &old)) == 0 &&
	    (rc = pat_load(app->db, id, &new)) == 0 &&
	    (rc = apply(app, &new, &g)) == 0 &&
	    (!pat_identity_changed(&old, &new) ||
	    (rc = pat_guard(app->db, &new, g.force)) == 0))
		rc = pat_update(app->db, &old, &new, app->who.login, &changed);
	snprintf(rec, sizeof(rec), "pat-%lld", id);
	snprintf(detail, sizeof(detail), "%d fields", changed);
	rc = finish(app, rc, id, rec, detail, NULL);
out:
	pat_clear(&old);
	pat_clear(&new);
	free(g.v);
	return rc;
}

/*
 * One audit row for the command, written before anything reaches the
 * screen; then each record.  Unknown patients are reported (65) and the
 * rest still shown.
 */
static int
verb_show(int argc, char *argv[], struct app *app)
{
	struct idlist	 list = { 0 };
	long long	*ids = NULL;
	char		 rec[32];
	size_t		 n = 0;
	long		 r;
	int		 rc, arc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	rc = pat_resolve_all(app->db, argc - 1, argv + 1, &ids, &n);
	if (rc != 0 && rc != EX_DATAERR)
		goto out;
	if (n > 0) {
		for (size_t i = 0; i < n; i++)
			idlist_add(&list, ids[i]);
		snprintf(rec, sizeof(rec), "%zu patients", n);
		if ((arc = app_audit(app, n == 1 ? ids[0] : 0,
		    n == 1 ? NULL : rec, n == 1 ? NULL :
		    idlist_str(&list))) != 0) {
			rc = arc;
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++)
		if ((r = out_stmt(app->out, pat_show(app->db, ids[i]), NULL,
		    NULL)) < 0) {
			rc = (int)-r;
			break;
		}
out:
	idlist_free(&list);
	free(ids);
	return rc;
}

static int
verb_history(int argc, char *argv[], struct app *app)
{
	long long	 id;
	int		 rc;

	if (argc != 2)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0 ||
	    (rc = pat_resolve(app->db, argv[1], &id)) != 0 ||
	    (rc = app_audit(app, id, NULL, NULL)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, pat_history(app->db, id), NULL,
	    NULL));
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
	struct pat_filter f = { .amin = -1, .amax = -1, .status = "active",
	    .limit = -1 };
	const char	*dob = NULL, *payer = NULL;
	char		 day[DATE_LEN], sexbuf[2] = "";
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "n:d:a:s:cp:S:l:", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'n': f.name = optarg; break;
		case 'd': dob = optarg; break;
		case 'a':
			if (pat_parse_ages(optarg, &f.amin, &f.amax) == -1) {
				warnx("--age wants MIN-MAX years, like 18-65");
				return EX_USAGE;
			}
			break;
		case 's':
			if (pat_parse_sex(optarg, sexbuf) == -1) {
				warnx("--sex: F, M, X or U");
				return EX_USAGE;
			}
			f.sex = sexbuf;
			break;
		case 'c': f.covered = 1; break;
		case 'p': payer = optarg; break;
		case 'S':
			if (!pat_status_ok(optarg))
				return EX_USAGE;
			f.status = optarg;
			break;
		case 'l':
			if ((rc = app_count("--limit", optarg, 0, &f.limit)))
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
	f.dob = dob ? day : NULL;
	if ((rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0 ||
	    (payer && (rc = payer_find(app->db, payer, &f.payer)) != 0))
		return rc;
	return app_list_phi(app, pat_list(app->db, &f), 0, "patients",
	    APP_PHI_ONE);
}

/* patient search TEXT: see pat_search for what it matches. */
static int
verb_search(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	long long	 limit = 50;	/* the default patient(1) gives */
	int		 ch, rc;

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
	if ((rc = pat_search_check(argv[optind])) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	return app_list_phi(app, pat_search(app->db, argv[optind],
	    country(app), limit), 0, "patients: search", APP_PHI_ONE);
}

static int
set_active(struct app *app, const char *who, int active)
{
	char		 rec[32];
	long long	 id = 0;
	int		 rc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, who, &id)) == 0)
		rc = pat_set_active(app->db, id, active);
	snprintf(rec, sizeof(rec), "pat-%lld", id);
	return finish(app, rc, id, rec, NULL, NULL);
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
	long long	 keep = 0, dup = 0;
	char		 rec[32], detail[64], survivor[32];
	int		 rc;

	if (argc != 3)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[1], &keep)) == 0 &&
	    (rc = pat_resolve(app->db, argv[2], &dup)) == 0)
		rc = pat_merge(app->db, keep, dup);
	snprintf(rec, sizeof(rec), "pat-%lld", dup);
	snprintf(detail, sizeof(detail), "merged pat-%lld into pat-%lld", dup,
	    keep);
	snprintf(survivor, sizeof(survivor), "pat-%lld", keep);
	return finish(app, rc, keep, rec, detail, survivor);
}

static int
verb_export(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "status", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*status = "all";
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "S:", longopts, NULL)) != -1)
		switch (ch) {
		case 'S':
			if (!pat_status_ok(optarg))
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
	rc = app_list_phi(app, pat_export(app->db, status), 0,
	    "patients: export", APP_PHI_ONE);
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
	char		 rec[32];
	long long	 id = 0;
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
	if ((rc = payer_check(name, pid)) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_BILLING)) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = payer_add(app->db, name, pid, &id);
	snprintf(rec, sizeof(rec), "pyr-%lld", id);
	return finish(app, rc, 0, rec, pid, NULL);
}

static int
verb_payer_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, payer_list(app->db), NULL,
	    NULL));
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
	struct cov	 c = { 0 };
	char		 rec[32];
	long long	 pat = 0, pyr, id = 0;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "p:m:g:P:r:n:d:s:f:t:", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'p': c.payer = optarg; break;
		case 'm': c.member = optarg; break;
		case 'g': c.group = optarg; break;
		case 'P': c.priority = optarg; break;
		case 'r': c.relationship = optarg; break;
		case 'n': c.sub_name = optarg; break;
		case 'd': c.sub_dob = optarg; break;
		case 's': c.sub_sex = optarg; break;
		case 'f': c.from = optarg; break;
		case 't': c.to = optarg; break;
		default: return EX_USAGE;
		}
	if (argc - optind != 1 || !c.payer || !c.member || !c.from) {
		warnx("give a patient, --payer, --member-id and --from");
		return EX_USAGE;
	}
	if ((rc = cov_check(&c)) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[optind], &pat)) == 0 &&
	    (rc = pat_writable(app->db, pat)) == 0 &&
	    (rc = payer_find(app->db, c.payer, &pyr)) == 0)
		rc = cov_add(app->db, pat, pyr, &c, &id);
	snprintf(rec, sizeof(rec), "cov-%lld", id);
	return finish(app, rc, pat, rec, c.priority, NULL);
}

static int
verb_coverage_list(int argc, char *argv[], struct app *app)
{
	long long	 pat;
	int		 rc;

	if (argc != 2)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0 ||
	    (rc = pat_resolve(app->db, argv[1], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, NULL)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, cov_list(app->db, pat), NULL,
	    NULL));
}

static int
verb_coverage_end(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "on", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	char		 day[DATE_LEN], rec[32];
	const char	*on = "today";
	long long	 cov, pat = 0;
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
	if ((rc = cov_day_arg(on, day, "--on")) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	snprintf(rec, sizeof(rec), "cov-%lld", cov);
	rc = cov_end(app->db, cov, day, &pat);
	return finish(app, rc, pat, rec, day, NULL);
}

/* patient import: one run, one transaction, every row checked. */
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
	struct pat_import im = { 0 };
	char		 rec[64];
	int		 ch, rc = 0;

	while (rc == 0 &&
	    (ch = getopt_long(argc, argv, "m:kuf", longopts, NULL)) != -1)
		switch (ch) {
		case 'm': rc = pat_import_map(&im, optarg); break;
		case 'k': im.io.keep = 1; break;
		case 'u': im.update = 1; break;
		case 'f': im.force = 1; break;
		default: rc = EX_USAGE;
		}
	if (rc != 0 || argc - optind != 1) {
		rc = EX_USAGE;
		goto out;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = pat_import_open(&im, argv[optind])) != 0)
		goto out;
	im.country = country(app);
	im.login = app->who.login;
	db_cache_mb(app->db, 32);	/* one long transaction; RSS < 64 MB */
	if ((rc = app_begin(app)) != 0)
		goto out;
	if ((rc = pat_import_run(app->db, &im)) != 0) {
		app_rollback(app);
		if (rc == EX_DATAERR && im.io.bad > 0)
			warnx("%s: %lld bad %s: nothing imported", im.io.name,
			    im.io.bad, im.io.bad == 1 ? "row" : "rows");
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
	if (isatty(STDERR_FILENO) || im.io.bad)
		warnx("%s: %lld rows: %lld added, %lld updated, %lld unchanged, "
		    "%lld bad", im.io.name, im.io.rows, im.added, im.updated, im.same,
		    im.io.bad);
	rc = im.io.bad ? EX_DATAERR : 0;
out:
	pat_import_free(&im);
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

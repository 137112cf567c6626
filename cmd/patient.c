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
 * rules and their SQL are lib/patient.c's and lib/coverage.c's; add's,
 * edit's and import's transactions lib/patrun.c's.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "coverage.h"
#include "date.h"
#include "patient.h"
#include "patrun.h"
#include "rec.h"
#include "util.h"

/* Every field (pat_field_opt), [--from,] --force; by main; then OPT_END. */
static struct opt add_opts[PF_MAX + 3], edit_opts[PF_MAX + 2];

static void
field_opts(struct opt *o, int from)
{
	for (int i = 0; i < PF_MAX; i++)
		pat_field_opt(i, o++);
	if (from)
		*o++ = (struct opt){ "from", 'F', OPT_VALUE, "FILE",
		    "fields from a YAML file (- for stdin)", COMP_FILE, NULL };
	*o = (struct opt){ "force", 'f', OPT_FLAG, NULL,
	    "save it though it looks like another patient", COMP_NONE, NULL };
}

static void
read_given(struct app *app, struct pat_given *g)
{
	int k;

	g->v = xcalloc((size_t)app->noptv + 1, sizeof(*g->v));
	while ((k = app_opt(app)) > 0)
		if (k >= PAT_OPT_FIELD) {
			g->v[g->n].field = k - PAT_OPT_FIELD;
			g->v[g->n++].value = app->optarg;
		} else if (k == 'F')
			g->from = app->optarg;
		else if (k == 'f')
			g->force = 1;
}

static int
verb_add(int argc, char *argv[], struct app *app)
{
	struct pat_given g = { 0 };
	int		 rc;

	read_given(app, &g);
	if ((rc = app_none(argc, argv)) == 0)
		rc = patrun_add(app, &g);
	free(g.v);
	return rc;
}

static int
verb_edit(int argc, char *argv[], struct app *app)
{
	struct pat_given g = { 0 };
	int		 rc;

	read_given(app, &g);
	if (argc != 1 || g.n == 0) {
		warnx(g.n == 0 ? "name a field to change (--phone ...)" :
		    "name one patient");
		rc = EX_USAGE;
	} else
		rc = patrun_edit(app, argv[0], &g);
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
	rc = pat_resolve_all(app->db, argc, argv, &ids, &n);
	if (rc != 0 && rc != EX_DATAERR)
		goto out;
	for (size_t i = 0; i < n; i++)
		idlist_add(&list, ids[i]);
	snprintf(rec, sizeof(rec), "%zu patients", n);
	if (n > 0 && (arc = app_audit(app, n == 1 ? ids[0] : 0,
	    n == 1 ? NULL : rec, n == 1 ? NULL : idlist_str(&list))) != 0) {
		rc = arc;
		goto out;
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

	if (argc != 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0 ||
	    (rc = pat_resolve(app->db, argv[0], &id)) != 0 ||
	    (rc = app_audit(app, id, NULL, NULL)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, pat_history(app->db, id), NULL,
	    NULL));
}

#define STATUS_WORDS	"active inactive deceased merged all"

static const struct opt list_opts[] = {
	{ "name", 'n', OPT_VALUE, "TEXT", "first or last name begins with TEXT",
	    COMP_NONE, NULL },
	{ "dob", 'd', OPT_VALUE, "DATE", "born on DATE", COMP_DATE, NULL },
	{ "age", 'a', OPT_VALUE, "MIN-MAX", "aged MIN to MAX years (18-65, "
	    "or 40)", COMP_NONE, NULL },
	{ "sex", 's', OPT_VALUE, "SEX", "of that sex: F, M, X or U", COMP_WORDS,
	    "F M X U" },
	{ "has-coverage", 'c', OPT_FLAG, NULL, "with coverage today",
	    COMP_NONE, NULL },
	{ "payer", 'p', OPT_VALUE, "PAYER", "with coverage, at any time, from "
	    "that payer", COMP_NONE, NULL },
	{ "status", 'S', OPT_VALUE, "STATUS", "of that status (default active)",
	    COMP_WORDS, STATUS_WORDS },
	{ "limit", 'l', OPT_VALUE, "N", "at most N patients", COMP_NONE, NULL },
	OPT_END
};

static int
verb_list(int argc, char *argv[], struct app *app)
{
	struct pat_filter f = { .amin = -1, .amax = -1, .status = "active",
	    .limit = -1 };
	const char	*dob = NULL, *payer = NULL, *v;
	char		 day[DATE_LEN], sexbuf[2] = "";
	int		 ch, rc;

	while ((ch = app_opt(app)) > 0) {
		v = app->optarg;
		switch (ch) {
		case 'n': f.name = v; break;
		case 'd': dob = v; break;
		case 'a':
			if (pat_parse_ages(v, &f.amin, &f.amax) == -1) {
				warnx("--age wants MIN-MAX years, like 18-65");
				return EX_USAGE;
			}
			break;
		case 's':
			if (pat_parse_sex(v, sexbuf) == -1) {
				warnx("--sex: F, M, X or U");
				return EX_USAGE;
			}
			f.sex = sexbuf;
			break;
		case 'c': f.covered = 1; break;
		case 'p': payer = v; break;
		case 'S':
			if (!pat_status_ok(v))
				return EX_USAGE;
			f.status = v;
			break;
		case 'l':
			if ((rc = app_count("--limit", v, 0, &f.limit)))
				return rc;
			break;
		}
	}
	if ((rc = app_none(argc, argv)) != 0 || (rc = app_open(app)) != 0)
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

static const struct opt search_opts[] = {
	{ "limit", 'l', OPT_VALUE, "N", "at most N patients (default 50)",
	    COMP_NONE, NULL },
	OPT_END
};

/* patient search TEXT: see pat_search for what it matches. */
static int
verb_search(int argc, char *argv[], struct app *app)
{
	long long	 limit = 50;	/* the default patient(1) gives */
	int		 rc;

	while (app_opt(app) == 'l')
		if ((rc = app_count("--limit", app->optarg, 1, &limit)))
			return rc;
	if (argc != 1 || *argv[0] == '\0')
		return EX_USAGE;
	if ((rc = pat_search_check(argv[0])) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	return app_list_phi(app, pat_search(app->db, argv[0],
	    patrun_country(app), limit), 0, "patients: search", APP_PHI_ONE);
}

/* activate and deactivate: which, the verb's name says */
static int
verb_set_active(int argc, char *argv[], struct app *app)
{
	char		 rec[32];
	long long	 id = 0;
	int		 rc;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &id)) == 0)
		rc = pat_set_active(app->db, id,
		    strcmp(app->verb->name, "activate") == 0);
	snprintf(rec, sizeof(rec), "pat-%lld", id);
	return patrun_finish(app, rc, id, rec, NULL, NULL);
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

	if (argc != 2)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &keep)) == 0 &&
	    (rc = pat_resolve(app->db, argv[1], &dup)) == 0)
		rc = pat_merge(app->db, keep, dup);
	snprintf(rec, sizeof(rec), "pat-%lld", dup);
	snprintf(detail, sizeof(detail), "merged pat-%lld into pat-%lld", dup,
	    keep);
	snprintf(survivor, sizeof(survivor), "pat-%lld", keep);
	return patrun_finish(app, rc, keep, rec, detail, survivor);
}

static const struct opt export_opts[] = {
	{ "status", 'S', OPT_VALUE, "STATUS", "only these (default all)",
	    COMP_WORDS, STATUS_WORDS },
	OPT_END
};

static int
verb_export(int argc, char *argv[], struct app *app)
{
	const char	*status = "all";
	int		 rc;

	while (app_opt(app) == 'S')
		if (!pat_status_ok(status = app->optarg))
			return EX_USAGE;
	if ((rc = app_none(argc, argv)) != 0 || (rc = app_open(app)) != 0 ||
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

static const struct opt payer_add_opts[] = {
	{ "payer-id", 'p', OPT_VALUE, "ID", "the payer's id for claims",
	    COMP_NONE, NULL },
	{ "filing", 'f', OPT_VALUE, "CODE", "its claim filing indicator, "
	    "SBR09 (default CI, commercial)", COMP_WORDS,
	    "CI 12 HM BL MB MC ZZ 11 13 14 15 16 17 AM CH DS FI LM MA OF TV "
	    "VA WC" },
	OPT_END
};

static int
verb_payer_add(int argc, char *argv[], struct app *app)
{
	const char	*pid = NULL, *name, *filing = NULL;
	char		 rec[32];
	long long	 id = 0;
	int		 rc, k;

	while ((k = app_opt(app)) > 0)
		switch (k) {
		case 'p': pid = app->optarg; break;
		case 'f': filing = app->optarg; break;
		}
	if (argc != 1 || pid == NULL) {
		warnx("give the payer's name and --payer-id");
		return EX_USAGE;
	}
	name = argv[0];
	if ((rc = payer_check(name, pid)) != 0 ||
	    (filing && (rc = payer_filing_check(filing)) != 0))
		return rc;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_BILLING)) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = payer_add(app->db, name, pid, &id);
	if (rc == 0 && filing)
		rc = payer_set_filing(app->db, id, filing);
	snprintf(rec, sizeof(rec), "pyr-%lld", id);
	return patrun_finish(app, rc, 0, rec, pid, NULL);
}

static int
verb_payer_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_none(argc, argv)) != 0 || (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, payer_list(app->db), NULL,
	    NULL));
}

static const struct opt coverage_add_opts[] = {
	{ "payer", 'p', OPT_VALUE, "PAYER", "pyr- id, name or payer id",
	    COMP_NONE, NULL },
	{ "member-id", 'm', OPT_VALUE, "ID", "the member id on the card",
	    COMP_NONE, NULL },
	{ "group", 'g', OPT_VALUE, "GROUP", "the group number", COMP_NONE,
	    NULL },
	{ "priority", 'P', OPT_VALUE, "PRIORITY", "the order payers are billed "
	    "in (default primary)", COMP_WORDS, "primary secondary tertiary" },
	{ "relationship", 'r', OPT_VALUE, "REL", "how the patient is related "
	    "to the subscriber (default self)", COMP_WORDS,
	    "self spouse child other" },
	{ "subscriber-name", 'n', OPT_VALUE, "NAME", "the subscriber's name",
	    COMP_NONE, NULL },
	{ "subscriber-dob", 'd', OPT_VALUE, "DATE", "the subscriber's date of "
	    "birth", COMP_DATE, NULL },
	{ "subscriber-sex", 's', OPT_VALUE, "SEX", "the subscriber's sex: F, M "
	    "or U", COMP_WORDS, "F M U" },
	OPT_FROM('f', "the first day covered"),
	OPT_TO('t', "the last day covered"),
	OPT_END
};

static int
verb_coverage_add(int argc, char *argv[], struct app *app)
{
	struct cov	 c = { 0 };
	char		 rec[32];
	const char	*v;
	long long	 pat = 0, pyr, id = 0;
	int		 ch, rc;

	while ((ch = app_opt(app)) > 0) {
		v = app->optarg;
		switch (ch) {
		case 'p': c.payer = v; break;
		case 'm': c.member = v; break;
		case 'g': c.group = v; break;
		case 'P': c.priority = v; break;
		case 'r': c.relationship = v; break;
		case 'n': c.sub_name = v; break;
		case 'd': c.sub_dob = v; break;
		case 's': c.sub_sex = v; break;
		case 'f': c.from = v; break;
		case 't': c.to = v; break;
		}
	}
	if (argc != 1 || !c.payer || !c.member || !c.from) {
		warnx("give a patient, --payer, --member-id and --from");
		return EX_USAGE;
	}
	if ((rc = cov_check(&c)) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &pat)) == 0 &&
	    (rc = pat_writable(app->db, pat)) == 0 &&
	    (rc = payer_find(app->db, c.payer, &pyr)) == 0)
		rc = cov_add(app->db, pat, pyr, &c, &id);
	snprintf(rec, sizeof(rec), "cov-%lld", id);
	return patrun_finish(app, rc, pat, rec, c.priority, NULL);
}

static int
verb_coverage_list(int argc, char *argv[], struct app *app)
{
	long long	 pat;
	int		 rc;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0 ||
	    (rc = pat_resolve(app->db, argv[0], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, NULL)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, cov_list(app->db, pat), NULL,
	    NULL));
}

static const struct opt coverage_end_opts[] = {
	{ "on", 'o', OPT_VALUE, "DATE", "the last day covered (default today)",
	    COMP_DATE, NULL },
	OPT_END
};

static int
verb_coverage_end(int argc, char *argv[], struct app *app)
{
	char		 day[DATE_LEN], rec[32];
	const char	*on = "today";
	long long	 cov, pat = 0;
	int		 rc;

	while (app_opt(app) == 'o')
		on = app->optarg;
	if (argc != 1)
		return EX_USAGE;
	if (rec_id_parse(argv[0], "cov", &cov) == -1) {
		warnx("not a coverage id '%s'", argv[0]);
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
	return patrun_finish(app, rc, pat, rec, day, NULL);
}

static const struct opt import_opts[] = {
	{ "map", 'm', OPT_VALUE, "COLUMN=FIELD", "read the file's COLUMN as "
	    "FIELD", COMP_MAP, PAT_FIELD_WORDS },
	{ "keep-going", 'k', OPT_FLAG, NULL, "import the good rows when some "
	    "are bad", COMP_NONE, NULL },
	{ "update", 'u', OPT_FLAG, NULL, "change the patients whose MRN is "
	    "known", COMP_NONE, NULL },
	{ "force", 'f', OPT_FLAG, NULL, "add rows that look like another "
	    "patient", COMP_NONE, NULL },
	OPT_END
};

/*
 * patient import: one run, one transaction (patrun_import), every row
 * checked; the ids it wrote on stdout, the counts on stderr.
 */
static int
verb_import(int argc, char *argv[], struct app *app)
{
	struct pat_import im = { 0 };
	int		 ch, rc = 0;

	while (rc == 0 && (ch = app_opt(app)) > 0)
		switch (ch) {
		case 'm': rc = pat_import_map(&im, app->optarg); break;
		case 'k': im.io.keep = 1; break;
		case 'u': im.update = 1; break;
		case 'f': im.force = 1; break;
		}
	if (rc != 0 || argc != 1) {
		rc = EX_USAGE;
		goto out;
	}
	if ((rc = patrun_import(app, &im, argv[0])) != 0)
		goto out;
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

static const struct opt no_opts[] = { OPT_END };

static const struct verb verbs[] = {
	{ .name = "add", .fn = verb_add, .mode = DB_RW,
	    .usage = "[--FIELD VALUE ...] [--from FILE] [--force]",
	    .summary = "register a patient; prints the new pat- id",
	    .opts = add_opts },
	{ .name = "edit", .fn = verb_edit, .mode = DB_RW,
	    .usage = "PAT --FIELD VALUE ... [--force]",
	    .summary = "change fields (history kept)", .opts = edit_opts,
	    .operand = COMP_PATIENT },
	{ .name = "show", .fn = verb_show, .mode = DB_RO, .usage = "PAT ...",
	    .summary = "patients' full records", .opts = no_opts,
	    .operand = COMP_PATIENT },
	{ .name = "history", .fn = verb_history, .mode = DB_RO, .usage = "PAT",
	    .summary = "who changed which field, when", .opts = no_opts,
	    .operand = COMP_PATIENT },
	{ .name = "list", .fn = verb_list, .mode = DB_RO,
	    .usage = "[--name TEXT] [--dob DATE] [--age MIN-MAX] [--sex SEX] "
	    "[--has-coverage] [--payer PAYER] [--status STATUS] [--limit N]",
	    .summary = "patients matching filters", .opts = list_opts },
	{ .name = "search", .fn = verb_search, .mode = DB_RO,
	    .usage = "[--limit N] TEXT",
	    .summary = "find by name prefix, MRN, phone or date of birth",
	    .opts = search_opts },
	{ .name = "deactivate", .fn = verb_set_active, .mode = DB_RW,
	    .usage = "PAT", .summary = "mark a patient inactive",
	    .opts = no_opts, .operand = COMP_PATIENT },
	{ .name = "activate", .fn = verb_set_active, .mode = DB_RW,
	    .usage = "PAT", .summary = "mark a patient active",
	    .opts = no_opts, .operand = COMP_PATIENT },
	{ .name = "merge", .fn = verb_merge, .mode = DB_RW,
	    .usage = "SURVIVOR DUPLICATE",
	    .summary = "move a duplicate's records to the survivor",
	    .opts = no_opts, .operand = COMP_PATIENT },
	{ .name = "import", .fn = verb_import, .mode = DB_RW,
	    .usage = "[--map COLUMN=FIELD ...] [--keep-going] [--update] "
	    "[--force] FILE",
	    .summary = "add patients from CSV or JSON lines, all or nothing",
	    .opts = import_opts, .operand = COMP_FILE },
	{ .name = "export", .fn = verb_export, .mode = DB_RO,
	    .usage = "[--status STATUS]", .summary = "every patient, as CSV "
	    "(or -o json) that import reads back", .opts = export_opts },
	{ .name = "coverage add", .fn = verb_coverage_add, .mode = DB_RW,
	    .usage = "PAT --payer PAYER --member-id ID [--group GROUP] "
	    "[--priority primary|secondary|tertiary] "
	    "[--relationship self|spouse|child|other] "
	    "[--subscriber-name NAME] [--subscriber-dob DATE] "
	    "[--subscriber-sex F|M|U] --from DATE [--to DATE]",
	    .summary = "add insurance coverage; prints the cov- id",
	    .opts = coverage_add_opts, .operand = COMP_PATIENT },
	{ .name = "coverage list", .fn = verb_coverage_list, .mode = DB_RO,
	    .usage = "PAT", .summary = "a patient's coverage", .opts = no_opts,
	    .operand = COMP_PATIENT },
	{ .name = "coverage end", .fn = verb_coverage_end, .mode = DB_RW,
	    .usage = "COV [--on DATE]",
	    .summary = "end coverage (today unless --on)",
	    .opts = coverage_end_opts },
	{ .name = "payer add", .fn = verb_payer_add, .mode = DB_RW,
	    .usage = "NAME --payer-id ID [--filing CODE]",
	    .summary = "add an insurance payer; prints the pyr- id",
	    .opts = payer_add_opts },
	{ .name = "payer list", .fn = verb_payer_list, .mode = DB_RO,
	    .usage = "", .summary = "list payers", .opts = no_opts },
};

static const struct prog prog = { "patient", "the patient register",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	field_opts(add_opts, 1);
	field_opts(edit_opts, 0);
	return app_main(argc, argv, &prog);
}

/*
 * chart's problem list, encounter diagnoses and procedure lines: the
 * verbs over lib/problem.c, lib/diagnosis.c and lib/procedure.c.  Coding
 * is the provider's (CAP_CODING); nurses read.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "chart.h"
#include "codeset.h"
#include "date.h"
#include "diagnosis.h"
#include "patient.h"
#include "problem.h"
#include "procedure.h"
#include "rec.h"
#include "util.h"

/* A write to enc's diagnoses or procedures: open, check, begin. */
static int
enc_write(struct app *app, long long enc, long long *pat, int *ndx)
{
	int rc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_CODING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = dx_encounter(app->db, enc, 1, pat, ndx)) != 0)
		app_rollback(app);
	return rc;
}

/* A read of enc's diagnoses or procedures, audited before output. */
static int
enc_read(struct app *app, int argc, char *argv[], const char *what,
    db_rows *(*list)(struct db *, long long))
{
	long long	 enc, pat;
	int		 rc, ndx;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = chart_enc_arg(argv[0], &enc)) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_CLINICAL_READ)) != 0 ||
	    (rc = dx_encounter(app->db, enc, 0, &pat, &ndx)) != 0 ||
	    (rc = app_audit(app, pat, argv[0], what)) != 0)
		return rc;
	return chart_listed(out_stmt(app->out, list(app->db, enc), NULL, NULL));
}

/* --- problems ------------------------------------------------------------ */

static const struct opt problem_add_opts[] = {
	{ "onset", 'o', OPT_VALUE, "DATE", "when it began", COMP_DATE, NULL },
	{ "note", 'n', OPT_VALUE, "TEXT", "a note (one line, at most 1000 "
	    "bytes)", COMP_NONE, NULL },
	OPT_END
};

static int
verb_problem_add(int argc, char *argv[], struct app *app)
{
	char		 onset[DATE_LEN], code[CODESET_CODE_MAX + 1];
	char		 rec[32];
	const char	*on = NULL, *note = NULL, *why;
	long long	 pat = 0, id = 0;
	int		 ch, rc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'o': on = app->optarg; break;
		case 'n': note = app->optarg; break;
		}
	if (argc != 2)
		return EX_USAGE;
	if (note && (why = text_problem(note, PROBLEM_NOTE_MAX,
	    TEXT_BYTES)) != NULL) {
		warnx("--note: %s", why);
		return EX_DATAERR;
	}
	if ((rc = app_open(app)) != 0 ||
	    (on && (rc = chart_day_arg("--onset", on, onset)) != 0) ||
	    (rc = app_require(app, CAP_CODING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &pat)) == 0 &&
	    (rc = pat_writable(app->db, pat)) == 0 &&
	    (rc = problem_code(app->db, argv[1], code)) == 0)
		rc = problem_add(app->db, pat, code, on ? onset : NULL, note,
		    app->who.login, &id);
	snprintf(rec, sizeof(rec), "prb-%lld", id);
	return app_wrote(app, rc, pat, rec, code);
}

static const struct opt problem_list_opts[] = {
	{ "all", 'a', OPT_FLAG, NULL, "resolved problems too", COMP_NONE,
	    NULL },
	APP_OPT_BREAK_GLASS,
	OPT_END
};

static int
verb_problem_list(int argc, char *argv[], struct app *app)
{
	long long	 pat;
	int		 rc, all = 0;

	while (app_opt(app) == 'a')
		all = 1;
	if (argc != 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_CLINICAL_READ)) != 0 ||
	    (rc = pat_resolve(app->db, argv[0], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, "problems")) != 0)
		return rc;
	return chart_listed(out_stmt(app->out, problem_list(app->db, pat, all),
	    NULL, NULL));
}

static const struct opt problem_resolve_opts[] = {
	{ "on", 'o', OPT_VALUE, "DATE", "the day it resolved (default today)",
	    COMP_DATE, NULL },
	OPT_END
};

static int
verb_problem_resolve(int argc, char *argv[], struct app *app)
{
	char		 day[DATE_LEN], rec[32];
	const char	*on = "today";
	long long	 pat = 0, id = 0;
	int		 rc;

	while (app_opt(app) == 'o')
		on = app->optarg;
	if (argc != 2)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = chart_day_arg("--on", on, day)) != 0 ||
	    (rc = app_require(app, CAP_CODING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &pat)) == 0 &&
	    (rc = pat_writable(app->db, pat)) == 0)
		rc = problem_resolve(app->db, pat, argv[1], day, &id);
	snprintf(rec, sizeof(rec), "prb-%lld", id);
	return app_wrote(app, rc, pat, rec, day);
}

/* --- encounter diagnoses ------------------------------------------------- */

static const struct opt dx_add_opts[] = {
	{ "problem", 'p', OPT_FLAG, NULL, "put them on the problem list too",
	    COMP_NONE, NULL },
	OPT_END
};

static int
verb_dx_add(int argc, char *argv[], struct app *app)
{
	char		(*codes)[CODESET_CODE_MAX + 1] = NULL;
	char		*detail = NULL;
	long long	 enc, pat = 0;
	int		 rc, bad = 0, problem = 0, ndx = 0, n = argc - 1;

	while (app_opt(app) == 'p')
		problem = 1;
	if (argc < 2)
		return EX_USAGE;
	if ((rc = chart_enc_arg(argv[0], &enc)) != 0 ||
	    (rc = enc_write(app, enc, &pat, &ndx)) != 0)
		return rc;
	codes = xcalloc((size_t)n, sizeof(*codes));
	/* every code is checked, and all are told of, before any is added */
	for (int i = 0; i < n && rc == 0; i++)
		if ((rc = dx_code(app->db, argv[i + 1], codes[i])) == EX_DATAERR)
			bad = 1, rc = 0;
	if (rc == 0 && bad)
		rc = EX_DATAERR;
	if (rc == 0 && (rc = dx_add(app->db, enc, pat, ndx, n, codes, problem,
	    app->who.login)) == 0)
		detail = xasprintf("dx %d-%d%s", ndx + 1, ndx + n,
		    problem ? " with problems" : "");
	rc = app_wrote(app, rc, pat, argv[0], detail);
	free(detail);
	free(codes);
	return rc;
}

static int
verb_dx_list(int argc, char *argv[], struct app *app)
{
	return enc_read(app, argc, argv, "diagnoses", dx_list);
}

static int
verb_dx_remove(int argc, char *argv[], struct app *app)
{
	char		 detail[32];
	long long	 enc, pat = 0;
	int		 rc, ndx, pos = 0;

	if (argc != 2)
		return EX_USAGE;
	if ((rc = chart_enc_arg(argv[0], &enc)) != 0 ||
	    (rc = enc_write(app, enc, &pat, &ndx)) != 0)
		return rc;
	rc = dx_remove(app->db, enc, argv[1], &pos);
	snprintf(detail, sizeof(detail), "dx %d removed", pos);
	return app_wrote(app, rc, pat, argv[0], detail);
}

/* --- procedures ---------------------------------------------------------- */

static const struct opt proc_add_opts[] = {
	{ "mod", 'm', OPT_VALUE, "MOD[,MOD]", "up to 4 modifiers (25,59)",
	    COMP_NONE, NULL },
	{ "units", 'u', OPT_VALUE, "N", "units, 1 to 999 (default 1)",
	    COMP_NONE, NULL },
	{ "dx", 'd', OPT_VALUE, "N[,N]", "the diagnoses it treats, by "
	    "position (default 1)", COMP_NONE, NULL },
	OPT_END
};

static int
verb_proc_add(int argc, char *argv[], struct app *app)
{
	struct proc_line l = { 0 };
	const char	*why;
	char		 rec[32];
	long long	 enc, pat = 0, id = 0;
	int		 ch, rc = 0, ndx = 0;

	while (rc == 0 && (ch = app_opt(app)) > 0) {
		switch (ch) {
		case 'm': rc = proc_mods_parse(app->optarg, &l, &why); break;
		case 'u': rc = proc_units_parse(app->optarg, &l, &why); break;
		case 'd': rc = proc_ptrs_parse(app->optarg, &l, &why); break;
		}
		if (rc != 0)
			warnx("--%s %s: %s", app->optopt->name, app->optarg,
			    why);
	}
	if (rc != 0)
		return rc;
	if (argc != 2)
		return EX_USAGE;
	if ((rc = chart_enc_arg(argv[0], &enc)) != 0)
		return rc;
	if ((rc = proc_code_parse(argv[1], &l, &why)) != 0) {
		warnx("'%s': %s", argv[1], why);
		return rc;
	}
	if ((rc = enc_write(app, enc, &pat, &ndx)) != 0)
		return rc;
	rc = proc_add(app->db, enc, ndx, &l, app->who.login, &id);
	snprintf(rec, sizeof(rec), "prc-%lld", id);
	return app_wrote(app, rc, pat, rec, argv[0]);
}

static int
verb_proc_list(int argc, char *argv[], struct app *app)
{
	return enc_read(app, argc, argv, "procedures", proc_list);
}

static int
verb_proc_remove(int argc, char *argv[], struct app *app)
{
	long long	 enc, pat = 0, id;
	int		 rc, ndx;

	if (argc != 2)
		return EX_USAGE;
	if ((rc = chart_enc_arg(argv[0], &enc)) != 0)
		return rc;
	if (rec_id_parse(argv[1], "prc", &id) == -1) {
		warnx("not a procedure line id '%s'", argv[1]);
		return EX_DATAERR;
	}
	if ((rc = enc_write(app, enc, &pat, &ndx)) != 0)
		return rc;
	rc = proc_remove(app->db, enc, id);
	return app_wrote(app, rc, pat, argv[1], argv[0]);
}

const struct verb chart_dx_verbs[] = {
	{ .name = "problem add", .fn = verb_problem_add, .mode = DB_RW,
	    .usage = "PATIENT CODE [--onset DATE] [--note TEXT]",
	    .summary = "put an ICD-10-CM code on the problem list",
	    .opts = problem_add_opts, .operand = COMP_PATIENT },
	{ .name = "problem list", .fn = verb_problem_list, .mode = DB_RO,
	    .usage = "PATIENT [--all]", .summary = "list active problems",
	    .opts = problem_list_opts, .operand = COMP_PATIENT },
	{ .name = "problem resolve", .fn = verb_problem_resolve, .mode = DB_RW,
	    .usage = "PATIENT CODE|PRB [--on DATE]",
	    .summary = "mark a problem resolved",
	    .opts = problem_resolve_opts, .operand = COMP_PATIENT },
	{ .name = "dx add", .fn = verb_dx_add, .mode = DB_RW,
	    .usage = "ENC CODE ... [--problem]",
	    .summary = "add billable diagnoses to an encounter, in claim order",
	    .opts = dx_add_opts },
	{ .name = "dx list", .fn = verb_dx_list, .mode = DB_RO, .usage = "ENC",
	    .summary = "list an encounter's diagnoses by position",
	    .opts = chart_read_opts },
	{ .name = "dx remove", .fn = verb_dx_remove, .mode = DB_RW,
	    .usage = "ENC CODE", .summary = "remove a diagnosis from an unsigned encounter",
	    .opts = chart_no_opts },
	{ .name = "proc add", .fn = verb_proc_add, .mode = DB_RW,
	    .usage = "ENC CODE [--mod MOD[,MOD]] [--units N] [--dx N[,N]]",
	    .summary = "add a CPT or HCPCS procedure line to an encounter",
	    .opts = proc_add_opts },
	{ .name = "proc list", .fn = verb_proc_list, .mode = DB_RO,
	    .usage = "ENC", .summary = "list an encounter's procedure lines",
	    .opts = chart_read_opts },
	{ .name = "proc remove", .fn = verb_proc_remove, .mode = DB_RW,
	    .usage = "ENC PRC",
	    .summary = "remove a procedure line from an unsigned encounter",
	    .opts = chart_no_opts },
};
const size_t chart_dx_nverbs = nitems(chart_dx_verbs);

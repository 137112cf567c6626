/*
 * code - look up and import code sets (ICD-10-CM, HCPCS Level II)
 *	code search [--system SYSTEM] [--billable] [--all] [--limit N] TEXT ...
 *	code show [--system SYSTEM] [CODE ...]
 *	code check [--system SYSTEM] [CODE ...]
 *	code import [--label LABEL] icd10cm|hcpcs|cpt|drugs|allergy-groups|cvx|carc FILE
 * Codes are not PHI: any active user may read them, and reads leave no
 * audit row.  Importing is for admins and is audited.  CPT descriptions
 * are licensed: clinix ships none, and a clinic imports its own (code,
 * description) into a table of their own (lib/cpt.c).  Codes come from the
 * arguments, or else from the first field of each stdin line.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "catalog.h"
#include "codeset.h"
#include "carc.h"
#include "cpt.h"
#include "rec.h"
#include "util.h"

/* What show and check need for each code they are given. */
struct each {
	struct app	*app;
	int		 sys;		/* enum codesys, or -1 for both */
	long		 bad;		/* check: codes that failed */
};

/* --system: 0, or 64 after saying what is accepted. */
static int
system_opt(const char *s, int *sys)
{
	enum codesys c;

	if (codeset_sys_parse(s, &c) == -1) {
		warnx("unknown code system '%s' (icd10cm, hcpcs)", s);
		return EX_USAGE;
	}
	*sys = (int)c;
	return 0;
}

#define SYSTEM_OPT	{ "system", 's', OPT_VALUE, "SYSTEM", \
	"icd10cm or hcpcs; both when not given", COMP_WORDS, "icd10cm hcpcs" }

static const struct opt search_opts[] = {
	SYSTEM_OPT,
	{ "billable", 'b', OPT_FLAG, NULL, "billable codes only", COMP_NONE,
	    NULL },
	{ "all", 'a', OPT_FLAG, NULL, "retired codes too", COMP_NONE, NULL },
	{ "limit", 'n', OPT_VALUE, "N", "at most N codes", COMP_NONE, NULL },
	OPT_END
};

static const struct opt system_opts[] = { SYSTEM_OPT, OPT_END };

static int
verb_search(int argc, char *argv[], struct app *app)
{
	struct buf	 text = { 0 };
	char		*q = NULL;
	long long	 limit = -1;
	long		 n;
	int		 ch, rc, sys = -1, billable = 0, retired = 0;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 's':
			if ((rc = system_opt(app->optarg, &sys)) != 0)
				return rc;
			break;
		case 'b': billable = 1; break;
		case 'a': retired = 1; break;
		case 'n':
			if ((rc = app_count("--limit", app->optarg, 1, &limit)))
				return rc;
			break;
		}
	for (int i = 0; i < argc; i++) {
		buf_adds(&text, argv[i]);
		buf_addc(&text, ' ');
	}
	if (text.s == NULL || (q = codeset_fts_query(text.s)) == NULL) {
		warnx("give words or a code to search for");
		buf_free(&text);
		return EX_USAGE;
	}
	buf_free(&text);
	if ((rc = app_open(app)) != 0)
		goto out;
	n = out_stmt(app->out, codeset_search(app->db, q, sys, billable,
	    retired, limit), NULL, NULL);
	rc = n < 0 ? (int)-n : n == 0;	/* as grep: 1 when nothing matched */
out:
	free(q);
	return rc;
}

static int
show_one(const char *code, void *arg)
{
	struct each	*e = arg;
	char		 c[CODESET_CODE_MAX + 1];
	long		 n = 0;
	int		 sys = e->sys;

	if (codeset_show_key(&sys, code, c) == 0) {
		n = out_stmt(e->app->out, codeset_show(e->app->db, sys, c),
		    NULL, NULL);
		if (n < 0)
			return (int)-n;
	}
	if (n == 0) {
		warnx("no code '%s'", code);
		return EX_DATAERR;
	}
	return 0;
}

static int
check_one(const char *code, void *arg)
{
	struct each		*e = arg;
	struct code_info	 ci;
	char			 why[CODESET_LABEL_MAX + 16];
	const char		*row[2] = { code, why };
	int			 rc;

	if ((rc = codeset_lookup(e->app->db, e->sys, code, &ci)) != 0)
		return rc;
	if (ci.status == CODE_OK)
		return 0;
	if (ci.status == CODE_RETIRED)
		snprintf(why, sizeof(why), "retired in %s", ci.retired_in);
	else
		snprintf(why, sizeof(why), "%s", code_status_name(ci.status));
	out_text_row(e->app->out, row);
	e->bad++;
	return 0;
}

/* show and check: the same options, a different job per code. */
static int
each_code(int argc, char *argv[], struct app *app, int check)
{
	static const char *const cols[] = { "code", "reason" };
	struct each	 e = { app, -1, 0 };
	int		 rc;

	while (app_opt(app) == 's')
		if ((rc = system_opt(app->optarg, &e.sys)) != 0)
			return rc;
	if ((rc = app_open(app)) != 0)
		return rc;
	if (check)
		out_cols(app->out, nitems(cols), cols);
	rc = rec_each(argc, argv, check ? check_one :
	    show_one, &e);
	if (rc == 0 && e.bad > 0)
		rc = 1;			/* as grep: the answer is "no" */
	return rc;
}

static int
verb_show(int argc, char *argv[], struct app *app)
{
	return each_code(argc, argv, app, 0);
}

static int
verb_check(int argc, char *argv[], struct app *app)
{
	return each_code(argc, argv, app, 1);
}

static const struct opt import_opts[] = {
	{ "label", 'l', OPT_VALUE, "LABEL",
	    "the release's name (FY2025); guessed from FILE", COMP_NONE, NULL },
	OPT_END
};

#define SYSTEMS	"icd10cm, hcpcs, cpt, drugs, allergy-groups, cvx, carc"

/*
 * A set one lib function loads from a file, all of it or nothing (the
 * clinic's licensed CPT descriptions, X12's claim adjustment reasons).
 */
static int
import_set(struct app *app, const char *set, const char *file,
    int (*load)(struct db *, const char *, long *))
{
	char	 detail[64];
	long	 n = 0;
	int	 rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_SETUP)) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = load(app->db, file, &n)) == 0) {
		snprintf(detail, sizeof(detail), "%ld codes", n);
		if ((rc = app_log(app, 0, set, detail)) == 0 &&
		    (rc = app_commit(app)) == 0) {
			warnx("%s %s", set, detail);
			return 0;
		}
	}
	app_rollback(app);
	warnx("nothing imported");
	return rc;
}

/* code import drugs|allergy-groups|cvx: all of the file, or nothing. */
static int
import_catalog(struct app *app, enum catkind kind, const char *file,
    char *label)
{
	struct catalog		*cat = NULL;
	struct catalog_stats	 st;
	char			*detail = NULL;
	int			 rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_SETUP)))
		goto out;
	if (label == NULL)
		label = codeset_label_guess(file);
	if ((rc = catalog_read(&cat, kind, file)) != 0) {
		if (rc == EX_DATAERR)
			warnx("nothing imported");
		goto out;
	}
	if ((rc = app_begin(app)) != 0)
		goto out;
	if ((rc = catalog_apply(app->db, cat, label, &st)) != 0)
		goto fail;
	detail = xasprintf("%s: %ld rows, %ld new, %ld changed, %ld retired",
	    label, st.total, st.added, st.changed, st.retired);
	if ((rc = app_log(app, 0, catalog_kind_name(kind), detail)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	warnx("%s %s", catalog_kind_name(kind), detail);
	goto out;
fail:
	app_rollback(app);
	warnx("nothing imported");
out:
	catalog_free(cat);
	free(detail);
	free(label);
	return rc;
}

static int
verb_import(int argc, char *argv[], struct app *app)
{
	struct codeset		*cs = NULL;
	struct codeset_stats	 st;
	enum codesys		 sys;
	enum catkind		 kind;
	const char		*why, *file;
	char			*label = NULL, *detail = NULL;
	int			 rc;

	while (app_opt(app) == 'l') {
		if ((why = codeset_bad_label(app->optarg)) != NULL) {
			warnx("--label: %s", why);
			free(label);
			return EX_USAGE;
		}
		free(label);
		label = xstrdup(app->optarg);
	}
	if (argc == 2 && strcmp(argv[0], "cpt") == 0) {
		free(label);	/* a clinic's licence has no release name */
		return import_set(app, "cpt", argv[1], cpt_import);
	}
	if (argc == 2 && strcmp(argv[0], "carc") == 0) {
		free(label);	/* X12's list: no release name kept */
		return import_set(app, "carc", argv[1], carc_import);
	}
	if (argc == 2 && catalog_kind_parse(argv[0], &kind) == 0)
		return import_catalog(app, kind, argv[1], label);
	if (argc != 2 || codeset_sys_parse(argv[0], &sys) == -1) {
		if (argc == 2)
			warnx("unknown code system '%s' (" SYSTEMS ")",
			    argv[0]);
		else
			warnx("give a code system and a file");
		free(label);
		return EX_USAGE;
	}
	file = argv[1];
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_SETUP)))
		goto out;
	if (label == NULL)	/* after app_open: today is the clinic's */
		label = codeset_label_guess(file);
	if ((rc = codeset_read(&cs, sys, file)) != 0) {
		if (rc == EX_DATAERR)
			warnx("nothing imported");
		goto out;
	}
	if ((rc = app_begin(app)) != 0)
		goto out;
	if ((rc = codeset_apply(app->db, cs, label, isatty(STDERR_FILENO),
	    &st)) != 0)
		goto fail;
	detail = xasprintf("%s: %ld codes, %ld new, %ld retired, %ld restored",
	    label, st.total, st.added, st.retired, st.back);
	if ((rc = app_log(app, 0, codeset_sys_name(sys), detail)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	warnx("%s %s", codeset_sys_name(sys), detail);
	goto out;
fail:
	app_rollback(app);
	warnx("nothing imported");
out:
	codeset_free(cs);
	free(detail);
	free(label);
	return rc;
}

/* import's operands: the code system, then its file */
static const struct opt import_args[] = {
	{ "SYSTEM", 0, OPT_VALUE, NULL, NULL, COMP_WORDS,
	    "icd10cm hcpcs cpt drugs allergy-groups cvx carc" },
	{ "FILE", 0, OPT_VALUE, NULL, NULL, COMP_FILE, NULL },
	OPT_END
};

static const struct verb verbs[] = {
	{ .name = "search", .fn = verb_search, .mode = DB_RO,
	    .usage = "[--system SYSTEM] [--billable] [--all] [--limit N] TEXT "
	    "...", .summary = "find codes by words of their titles, or by the "
	    "start of a code", .opts = search_opts },
	{ .name = "show", .fn = verb_show, .mode = DB_RO,
	    .usage = "[--system SYSTEM] [CODE ...]",
	    .summary = "print codes with their titles and status",
	    .opts = system_opts },
	{ .name = "check", .fn = verb_check, .mode = DB_RO,
	    .usage = "[--system SYSTEM] [CODE ...]", .summary = "print the "
	    "codes that are unknown, not billable or retired",
	    .opts = system_opts },
	{ .name = "import", .fn = verb_import, .mode = DB_RW,
	    .usage = "[--label LABEL] icd10cm|hcpcs|cpt|drugs|allergy-groups|"
	    "cvx|carc FILE", .summary = "load a code set or catalog file, retiring "
	    "what it no longer lists",
	    .opts = import_opts, .operand = COMP_FILE, .args = import_args },
};

static const struct prog prog = { "code",
    "look up and import code sets (ICD-10-CM, HCPCS)", verbs,
    nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

/*
 * chart's allergies and immunizations: the verbs over lib/allergy.c and
 * lib/immunization.c.  Nurses and providers write them.
 */
#include <err.h>
#include <stdio.h>
#include <sysexits.h>

#include "allergy.h"
#include "app.h"
#include "chart.h"
#include "immunization.h"
#include "rec.h"
#include "util.h"

static const struct opt allergy_add_opts[] = {
	{ "reaction", 'r', OPT_VALUE, "TEXT", "what happened (hives, "
	    "anaphylaxis)", COMP_NONE, NULL },
	{ "severity", 's', OPT_VALUE, "LEVEL", "how bad it was",
	    COMP_WORDS, "mild moderate severe" },
	{ "type", 't', OPT_VALUE, "TYPE", "drug (the default), food or "
	    "environment", COMP_WORDS, "drug food environment" },
	{ "onset", 'o', OPT_VALUE, "DATE", "when it began", COMP_DATE, NULL },
	{ "free-text", 'F', OPT_FLAG, NULL, "take a drug the catalog does "
	    "not know as typed", COMP_NONE, NULL },
	OPT_END
};

static int
verb_allergy_add(int argc, char *argv[], struct app *app)
{
	struct allergy_new	 a = { 0 };
	long long		 pat = 0, id = 0, nkda = 0;
	int			 ch, rc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'r': a.reaction = app->optarg; break;
		case 's': a.severity = app->optarg; break;
		case 't': a.type = app->optarg; break;
		case 'o': a.onset = app->optarg; break;
		case 'F': a.free_text = 1; break;
		}
	if (argc != 2) {
		warnx("allergy add wants PATIENT and SUBSTANCE");
		return EX_USAGE;
	}
	a.substance = argv[1];
	if ((rc = app_config(app)) != 0 || (rc = allergy_check(&a)) != 0 ||
	    (rc = app_patient(app, CAP_CLINICAL_WRITE, argv[0], &pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = allergy_add(app->db, app->who.login, pat, &a, &id, &nkda);
	if (rc == 0 && nkda)
		warnx("alg-%lld (no known drug allergies) is inactive now",
		    nkda);
	return app_wrote_id(app, rc, pat, "alg", id, a.type);
}

static int
verb_allergy_none(int argc, char *argv[], struct app *app)
{
	long long	 pat = 0, id = 0;
	int		 rc;

	if (argc != 1) {
		warnx("allergy none wants one PATIENT");
		return EX_USAGE;
	}
	if ((rc = app_patient(app, CAP_CLINICAL_WRITE, argv[0], &pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = allergy_none(app->db, app->who.login, pat, &id);
	return app_wrote_id(app, rc, pat, "alg", id, "nkda");
}

static int
verb_allergy_list(int argc, char *argv[], struct app *app)
{
	long long	 pat;
	int		 rc;

	if (argc != 1) {
		warnx("allergy list wants one PATIENT");
		return EX_USAGE;
	}
	if ((rc = app_patient(app, CAP_CLINICAL_READ, argv[0], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, "allergies")) != 0)
		return rc;
	/* a patient's own list: "not recorded" is a row, and exit 0 */
	return app_listed(out_stmt(app->out, allergy_list(app->db, pat),
	    NULL, NULL));
}

static const struct opt allergy_inactivate_opts[] = {
	{ "reason", 'r', OPT_VALUE, "TEXT", "why: entered in error, "
	    "disproved by testing", COMP_NONE, NULL },
	OPT_END
};

static int
verb_allergy_inactivate(int argc, char *argv[], struct app *app)
{
	const char	*reason = NULL;
	long long	 pat = 0, id = 0;
	int		 rc;

	while (app_opt(app) == 'r')
		reason = app->optarg;
	if (argc != 2 || reason == NULL) {
		warnx("allergy inactivate wants PATIENT, ALG and --reason");
		return EX_USAGE;
	}
	if (rec_id_parse(argv[1], "alg", &id) == -1) {
		warnx("not an allergy id '%s'", argv[1]);
		return EX_DATAERR;
	}
	if ((rc = app_patient(app, CAP_CLINICAL_WRITE, argv[0], &pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = allergy_inactivate(app->db, app->who.login, pat, id, reason);
	return app_wrote_id(app, rc, pat, "alg", id, "inactivated");
}

static const struct opt immunization_add_opts[] = {
	{ "date", 'd', OPT_VALUE, "DATE", "the day it was given (default "
	    "today)", COMP_DATE, NULL },
	{ "lot", 'l', OPT_VALUE, "LOT", "the vial's lot number", COMP_NONE,
	    NULL },
	{ "site", 's', OPT_VALUE, "SITE", "where it went (left deltoid)",
	    COMP_NONE, NULL },
	{ "route", 'r', OPT_VALUE, "ROUTE", "how: an HL7 route code",
	    COMP_WORDS, "IM SC ID IV PO NS TD OTH" },
	OPT_END
};

static int
verb_immunization_add(int argc, char *argv[], struct app *app)
{
	struct imm_new	 m = { 0 };
	long long	 pat = 0, id = 0;
	int		 ch, rc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'd': m.date = app->optarg; break;
		case 'l': m.lot = app->optarg; break;
		case 's': m.site = app->optarg; break;
		case 'r': m.route = app->optarg; break;
		}
	if (argc != 2) {
		warnx("immunization add wants PATIENT and CVX");
		return EX_USAGE;
	}
	m.cvx = argv[1];
	if ((rc = app_config(app)) != 0 || (rc = imm_check(&m)) != 0 ||
	    (rc = app_patient(app, CAP_CLINICAL_WRITE, argv[0], &pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = imm_add(app->db, app->who.login, pat, &m, &id);
	return app_wrote_id(app, rc, pat, "imm", id, m.cvx);
}

static int
verb_immunization_list(int argc, char *argv[], struct app *app)
{
	long long	 pat;
	int		 rc;

	if (argc != 1) {
		warnx("immunization list wants one PATIENT");
		return EX_USAGE;
	}
	if ((rc = app_patient(app, CAP_CLINICAL_READ, argv[0], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, "immunizations")) != 0)
		return rc;
	return app_listed(out_stmt(app->out, imm_list(app->db, pat), NULL,
	    NULL));
}

const struct verb chart_allergy_verbs[] = {
	{ .name = "allergy add", .fn = verb_allergy_add, .mode = DB_RW,
	    .usage = "PATIENT SUBSTANCE [--reaction TEXT] [--severity LEVEL] [--type TYPE] [--onset DATE] [--free-text]",
	    .summary = "record an allergy", .opts = allergy_add_opts,
	    .operand = COMP_PATIENT },
	{ .name = "allergy none", .fn = verb_allergy_none, .mode = DB_RW,
	    .usage = "PATIENT", .summary = "record no known drug allergies",
	    .opts = chart_no_opts, .operand = COMP_PATIENT },
	{ .name = "allergy list", .fn = verb_allergy_list, .mode = DB_RO,
	    .usage = "PATIENT", .summary = "list a patient's allergies",
	    .opts = chart_read_opts, .operand = COMP_PATIENT },
	{ .name = "allergy inactivate", .fn = verb_allergy_inactivate,
	    .mode = DB_RW, .usage = "PATIENT ALG --reason TEXT",
	    .summary = "mark an allergy entered in error or disproved",
	    .opts = allergy_inactivate_opts, .operand = COMP_PATIENT },
	{ .name = "immunization add", .fn = verb_immunization_add,
	    .mode = DB_RW,
	    .usage = "PATIENT CVX [--date DATE] [--lot LOT] [--site SITE] [--route ROUTE]",
	    .summary = "record a vaccine given",
	    .opts = immunization_add_opts, .operand = COMP_PATIENT },
	{ .name = "immunization list", .fn = verb_immunization_list,
	    .mode = DB_RO, .usage = "PATIENT",
	    .summary = "list a patient's immunizations", .opts = chart_read_opts,
	    .operand = COMP_PATIENT },
};
const size_t chart_allergy_nverbs = nitems(chart_allergy_verbs);

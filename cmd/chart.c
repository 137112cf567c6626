/*
 * chart - the clinical record of a visit: encounters, signed notes from
 * templates, problems, diagnoses and procedures, allergies, vital signs
 * and immunizations.  For providers and nurses (only providers sign);
 * every read and write is audited, naming the patient.
 *
 * Being built (issue 12): each verb below that still says "not built"
 * exits 69 and writes nothing.
 */
#include <err.h>
#include <stdio.h>
#include <sysexits.h>

#include "allergy.h"
#include "app.h"
#include "immunization.h"
#include "patient.h"
#include "rec.h"
#include "util.h"

/* For a verb that takes operands only: app_main still parses for it. */
static const struct opt no_opts[] = { OPT_END };

static int
not_built(int argc, char *argv[], struct app *app)
{
	(void)argc;
	(void)argv;
	warnx("%s: not built yet", app->verb->name);
	return EX_UNAVAILABLE;
}

/*
 * The patient operand of a chart verb, after the role check (so frontdesk
 * gets 77 and its denied row before anything about the patient), for a
 * write also checked writable.
 */
static int
patient_arg(struct app *app, enum cap cap, const char *key, long long *pat)
{
	int rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, cap)) != 0 ||
	    (rc = pat_resolve(app->db, key, pat)) != 0)
		return rc;
	return cap == CAP_CLINICAL_WRITE ? pat_writable(app->db, *pat) : 0;
}

/* The end of a write: its audit row, commit, and the id it made. */
static int
finish(struct app *app, int rc, long long pat, const char *kind,
    long long id, const char *detail)
{
	char rec[32];

	snprintf(rec, sizeof(rec), "%s-%lld", kind, id);
	if (rc == 0 && (rc = app_log(app, pat, rec, detail)) == 0 &&
	    (rc = app_commit(app)) == 0) {
		printf("%s\n", rec);
		return 0;
	}
	app_rollback(app);
	return rc;
}

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
	    (rc = patient_arg(app, CAP_CLINICAL_WRITE, argv[0], &pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = allergy_add(app->db, app->who.login, pat, &a, &id, &nkda);
	if (rc == 0 && nkda)
		warnx("alg-%lld (no known drug allergies) is inactive now",
		    nkda);
	return finish(app, rc, pat, "alg", id, a.type);
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
	if ((rc = patient_arg(app, CAP_CLINICAL_WRITE, argv[0], &pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = allergy_none(app->db, app->who.login, pat, &id);
	return finish(app, rc, pat, "alg", id, "nkda");
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
	if ((rc = patient_arg(app, CAP_CLINICAL_READ, argv[0], &pat)) != 0 ||
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
	if ((rc = patient_arg(app, CAP_CLINICAL_WRITE, argv[0], &pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = allergy_inactivate(app->db, app->who.login, pat, id, reason);
	return finish(app, rc, pat, "alg", id, "inactivated");
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
	    (rc = patient_arg(app, CAP_CLINICAL_WRITE, argv[0], &pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = imm_add(app->db, app->who.login, pat, &m, &id);
	return finish(app, rc, pat, "imm", id, m.cvx);
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
	if ((rc = patient_arg(app, CAP_CLINICAL_READ, argv[0], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, "immunizations")) != 0)
		return rc;
	return app_listed(out_stmt(app->out, imm_list(app->db, pat), NULL,
	    NULL));
}

static const struct verb verbs[] = {
	/* encounters and notes: lib/encounter.c */
	{ .name = "open", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT [--appt APT] [--provider PRV] [--type TYPE] [--at TIME]",
	    .summary = "open an encounter, from a checked-in appointment or not" },
	{ .name = "note", .fn = not_built, .mode = DB_RW,
	    .usage = "ENC [--template NAME] [--file FILE|-]",
	    .summary = "write the encounter's note in $VISUAL or $EDITOR, or from a file" },
	{ .name = "sign", .fn = not_built, .mode = DB_RW, .usage = "ENC",
	    .summary = "sign an encounter: its note, diagnoses, procedures and vitals become final" },
	{ .name = "addendum", .fn = not_built, .mode = DB_RW,
	    .usage = "ENC [--file FILE|-]",
	    .summary = "add a signed addendum to a signed encounter" },
	{ .name = "show", .fn = not_built, .mode = DB_RO, .usage = "ENC|PATIENT",
	    .summary = "print an encounter with its addenda, or a patient's chart" },
	{ .name = "list", .fn = not_built, .mode = DB_RO,
	    .usage = "[PATIENT] [--provider PRV] [--unsigned] [--from DATE] [--to DATE]",
	    .summary = "list encounters" },
	{ .name = "history", .fn = not_built, .mode = DB_RO,
	    .usage = "PATIENT [--kind KIND] [--from DATE] [--to DATE]",
	    .summary = "a patient's clinical events in time order" },
	/* problems, diagnoses, procedures: lib/problem.c, lib/encounter.c */
	{ .name = "problem add", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT CODE [--onset DATE] [--note TEXT]",
	    .summary = "put an ICD-10-CM code on the problem list" },
	{ .name = "problem list", .fn = not_built, .mode = DB_RO,
	    .usage = "PATIENT [--all]", .summary = "list active problems" },
	{ .name = "problem resolve", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT CODE|PRB [--on DATE]",
	    .summary = "mark a problem resolved" },
	{ .name = "dx add", .fn = not_built, .mode = DB_RW,
	    .usage = "ENC CODE ... [--problem]",
	    .summary = "add billable diagnoses to an encounter, in claim order" },
	{ .name = "dx list", .fn = not_built, .mode = DB_RO, .usage = "ENC",
	    .summary = "list an encounter's diagnoses by position" },
	{ .name = "dx remove", .fn = not_built, .mode = DB_RW,
	    .usage = "ENC CODE", .summary = "remove a diagnosis from an unsigned encounter" },
	{ .name = "proc add", .fn = not_built, .mode = DB_RW,
	    .usage = "ENC CODE [--mod MOD[,MOD]] [--units N] [--dx N[,N]]",
	    .summary = "add a CPT or HCPCS procedure line to an encounter" },
	/* allergies and immunizations: lib/allergy.c, lib/immunization.c */
	{ .name = "allergy add", .fn = verb_allergy_add, .mode = DB_RW,
	    .usage = "PATIENT SUBSTANCE [--reaction TEXT] [--severity LEVEL] [--type TYPE] [--onset DATE] [--free-text]",
	    .summary = "record an allergy", .opts = allergy_add_opts,
	    .operand = COMP_PATIENT },
	{ .name = "allergy none", .fn = verb_allergy_none, .mode = DB_RW,
	    .usage = "PATIENT", .summary = "record no known drug allergies",
	    .opts = no_opts, .operand = COMP_PATIENT },
	{ .name = "allergy list", .fn = verb_allergy_list, .mode = DB_RO,
	    .usage = "PATIENT", .summary = "list a patient's allergies",
	    .opts = no_opts, .operand = COMP_PATIENT },
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
	    .summary = "list a patient's immunizations", .opts = no_opts,
	    .operand = COMP_PATIENT },
	/* vital signs: lib/vitals.c */
	{ .name = "vitals add", .fn = not_built, .mode = DB_RW,
	    .usage = "ENC [--bp S/D] [--hr N] [--rr N] [--temp T] [--spo2 N] [--weight W] [--height H] [--pain N] [--at TIME]",
	    .summary = "record vital signs, converted to SI with their LOINC codes" },
	{ .name = "vitals list", .fn = not_built, .mode = DB_RO,
	    .usage = "PATIENT [--loinc CODE]",
	    .summary = "list a patient's vital signs" },
};

static const struct prog prog = { "chart",
    "encounters, notes, problems, diagnoses, procedures, allergies, vitals",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

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
#include <sysexits.h>

#include "app.h"
#include "util.h"

static int
not_built(int argc, char *argv[], struct app *app)
{
	(void)argc;
	(void)argv;
	warnx("%s: not built yet", app->verb->name);
	return EX_UNAVAILABLE;
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
	{ .name = "allergy add", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT SUBSTANCE [--reaction TEXT] [--severity LEVEL] [--type TYPE] [--onset DATE] [--free-text]",
	    .summary = "record an allergy" },
	{ .name = "allergy none", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT", .summary = "record no known drug allergies" },
	{ .name = "allergy list", .fn = not_built, .mode = DB_RO,
	    .usage = "PATIENT", .summary = "list a patient's allergies" },
	{ .name = "allergy inactivate", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT ALG --reason TEXT",
	    .summary = "mark an allergy entered in error or disproved" },
	{ .name = "immunization add", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT CVX [--date DATE] [--lot LOT] [--site SITE] [--route ROUTE]",
	    .summary = "record a vaccine given" },
	{ .name = "immunization list", .fn = not_built, .mode = DB_RO,
	    .usage = "PATIENT", .summary = "list a patient's immunizations" },
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

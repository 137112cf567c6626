/*
 * chart - the clinical record of a visit: encounters, signed notes from
 * templates, problems, diagnoses and procedures, allergies, vital signs
 * and immunizations.  For providers and nurses (only providers sign);
 * every read and write is audited, naming the patient.
 *
 * The verbs live in parts, one an area (cmd/chart-*.c, see chart.h);
 * this file joins their tables.  Being built (issue 12): a verb that
 * still says "not built" exits 69 and writes nothing.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "chart.h"
#include "rec.h"
#include "util.h"

const struct opt chart_no_opts[] = { OPT_END };
const struct opt chart_read_opts[] = { APP_OPT_BREAK_GLASS, OPT_END };

int
chart_enc_arg(const char *s, long long *enc)
{
	if (rec_id_parse(s, "enc", enc) == -1) {
		warnx("not an encounter id '%s'", s);
		return EX_DATAERR;
	}
	return 0;
}

int
chart_day_arg(const char *opt, const char *v, char out[DATE_LEN])
{
	char today[DATE_LEN];

	if (date_parse_day(v, out) == -1) {
		warnx("%s: not a date '%s'", opt, v);
		return EX_USAGE;
	}
	date_parse_day("today", today);
	if (strcmp(out, today) > 0) {
		warnx("%s %s is in the future", opt, out);
		return EX_DATAERR;
	}
	return 0;
}

int
chart_listed(long n)
{
	return n < 0 ? (int)-n : n == 0;
}

static int
not_built(int argc, char *argv[], struct app *app)
{
	(void)argc;
	(void)argv;
	warnx("%s: not built yet", app->verb->name);
	return EX_UNAVAILABLE;
}

/* enc-N is the encounter part's (not built yet); else a patient's chart. */
static int
verb_show(int argc, char *argv[], struct app *app)
{
	if (argc != 1) {
		warnx("show wants one ENC or PATIENT");
		return EX_USAGE;
	}
	if (strncmp(argv[0], "enc-", 4) == 0)
		return not_built(argc, argv, app);
	return chart_show_patient(app, argv[0]);
}

static const struct verb enc_verbs[] = {
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
	{ .name = "show", .fn = verb_show, .mode = DB_RO, .usage = "ENC|PATIENT",
	    .summary = "print an encounter with its addenda, or a patient's chart",
	    .opts = chart_read_opts, .operand = COMP_PATIENT },
	{ .name = "list", .fn = not_built, .mode = DB_RO,
	    .usage = "[PATIENT] [--provider PRV] [--unsigned] [--from DATE] [--to DATE]",
	    .summary = "list encounters" },
};

static const size_t enc_nverbs = nitems(enc_verbs);

/* The parts' tables, in the order of chart -h. */
static const struct {
	const struct verb	*v;
	const size_t		*n;
} parts[] = {
	{ enc_verbs, &enc_nverbs },
	{ chart_view_verbs, &chart_view_nverbs },
	{ chart_dx_verbs, &chart_dx_nverbs },
	{ chart_allergy_verbs, &chart_allergy_nverbs },
	{ chart_vitals_verbs, &chart_vitals_nverbs },
};

int
main(int argc, char *argv[])
{
	static struct prog	 prog = { "chart", "encounters, notes, "
				    "problems, diagnoses, procedures, "
				    "allergies, vitals", NULL, 0 };
	struct verb		*all;
	size_t			 n = 0;

	for (size_t i = 0; i < nitems(parts); i++)
		n += *parts[i].n;
	all = xcalloc(n, sizeof(*all));
	n = 0;
	for (size_t i = 0; i < nitems(parts); i++) {
		memcpy(all + n, parts[i].v, *parts[i].n * sizeof(*all));
		n += *parts[i].n;
	}
	prog.verbs = all;
	prog.nverbs = n;
	return app_main(argc, argv, &prog);
}

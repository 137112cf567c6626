/*
 * chart - the clinical record of a visit: encounters, signed notes from
 * templates, problems, diagnoses and procedures, allergies, vital signs
 * and immunizations.  For providers and nurses (only providers sign);
 * every read and write is audited, naming the patient.
 *
 * The verbs live in parts, one an area (cmd/chart-*.c, see chart.h);
 * this file joins their tables.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "chart/chart.h"
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

/* The parts' tables, in the order of chart -h. */
static const struct app_part parts[] = {
	{ chart_enc_verbs, &chart_enc_nverbs },
	{ chart_view_verbs, &chart_view_nverbs },
	{ chart_dx_verbs, &chart_dx_nverbs },
	{ chart_allergy_verbs, &chart_allergy_nverbs },
	{ chart_vitals_verbs, &chart_vitals_nverbs },
};

int
main(int argc, char *argv[])
{
	static struct prog prog = { "chart", "encounters, notes, "
	    "problems, diagnoses, procedures, allergies, vitals", NULL, 0 };

	return app_main_parts(argc, argv, &prog, parts, nitems(parts));
}

/*
 * chart's vital signs: the verbs over lib/vitals.c, which reads what was
 * typed, converts it to SI and keeps the LOINC codes.  Nurses and
 * providers record them.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "app.h"
#include "chart.h"
#include "date.h"
#include "patient.h"
#include "util.h"
#include "vitals.h"

/* --- vital signs -------------------------------------------------------- */

/* Long-only options' keys: past any letter. */
enum { O_BP = 256, O_HR, O_RR, O_TEMP, O_SPO2, O_WEIGHT, O_HEIGHT, O_PAIN,
    O_LOINC };

/* In enum vit_field's order, after O_BP. */
static const struct opt vitals_add_opts[] = {
	{ "bp", O_BP, OPT_VALUE, "S/D", "blood pressure, mm[Hg] (120/80)",
	    COMP_NONE, NULL },
	{ "hr", O_HR, OPT_VALUE, "N", "heart rate, /min", COMP_NONE, NULL },
	{ "rr", O_RR, OPT_VALUE, "N", "respiratory rate, /min", COMP_NONE,
	    NULL },
	{ "temp", O_TEMP, OPT_VALUE, "T", "temperature with its unit "
	    "(98.6F, 37C)", COMP_NONE, NULL },
	{ "spo2", O_SPO2, OPT_VALUE, "N", "oxygen saturation, %", COMP_NONE,
	    NULL },
	{ "weight", O_WEIGHT, OPT_VALUE, "W", "weight with its unit (154lb, "
	    "70kg)", COMP_NONE, NULL },
	{ "height", O_HEIGHT, OPT_VALUE, "H", "height with its unit (5ft7in, "
	    "67in, 170cm, 1.70m)", COMP_NONE, NULL },
	{ "pain", O_PAIN, OPT_VALUE, "N", "pain score, 0 to 10", COMP_NONE,
	    NULL },
	{ "at", 'a', OPT_VALUE, "TIME", "when they were measured (default "
	    "now)", COMP_NONE, NULL },
	OPT_END
};

/* --at, or now: the UTC stamp the rows carry.  0, or 65 said. */
static int
measured_at(const char *s, char at[STAMP_LEN])
{
	const char	*why;
	time_t		 t = time(NULL), now = t;

	if (s && date_parse_instant(s, &t, &why) != 0) {
		warnx("--at '%s': %s", s, why);
		return EX_DATAERR;
	}
	/* a clock a little ahead of ours is no reason to refuse */
	if (t > now + 300) {
		warnx("--at '%s': in the future", s);
		return EX_DATAERR;
	}
	date_utc(t, at);
	return 0;
}

static int
verb_vitals_add(int argc, char *argv[], struct app *app)
{
	struct vit_set	 set = { 0 };
	struct idlist	 ids = { 0 };
	const char	*at_opt = NULL;
	char		 why[VIT_WHY], at[STAMP_LEN], rec[32], *detail;
	long long	 enc, patient;
	int		 k, rc, n = 0, is_signed;

	while ((k = app_opt(app)) > 0) {
		if (k == 'a') {
			at_opt = app->optarg;
			continue;
		}
		if ((rc = vit_parse(&set, k - O_BP, app->optarg, why)) != 0) {
			warnx("--%s '%s': %s", app->optopt->name, app->optarg,
			    why);
			return rc;
		}
		n++;
	}
	if (argc != 1) {
		warnx("give one encounter");
		return EX_USAGE;
	}
	if (n == 0) {
		warnx("nothing measured: give --bp, --hr, --rr, --temp, --spo2, "
		    "--weight, --height or --pain");
		return EX_USAGE;
	}
	if ((rc = chart_enc_arg(argv[0], &enc)) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_CLINICAL_WRITE)) != 0 ||
	    (rc = measured_at(at_opt, at)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = vit_encounter(app->db, enc, &patient, &is_signed)) != 0)
		goto fail;
	if (is_signed) {
		warnx("enc-%lld is signed: add an addendum", enc);
		rc = EX_DATAERR;
		goto fail;
	}
	if ((rc = vit_add(app->db, enc, &set, at, app->who.login,
	    &ids)) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "enc-%lld", enc);
	detail = xasprintf("vitals %s", idlist_str(&ids));
	rc = app_log(app, patient, rec, detail);
	free(detail);
	if (rc != 0 || (rc = app_commit(app)) != 0)
		goto fail;
	rc = idlist_print(&ids, "vit", stdout);
	idlist_free(&ids);
	return rc;
fail:
	app_rollback(app);
	idlist_free(&ids);
	return rc;
}

static const struct opt vitals_list_opts[] = {
	{ "loinc", O_LOINC, OPT_VALUE, "CODE", "only this kind (8480-6 "
	    "systolic BP, 29463-7 weight, ...)", COMP_WORDS,
	    "8480-6 8462-4 8867-4 9279-1 8310-5 59408-5 29463-7 8302-2 "
	    "39156-5 72514-3" },
	APP_OPT_BREAK_GLASS,
	OPT_END
};

static int
verb_vitals_list(int argc, char *argv[], struct app *app)
{
	const char	*loinc = NULL;
	long long	 patient;
	int		 k, rc;

	while ((k = app_opt(app)) > 0)
		if (k == O_LOINC)
			loinc = app->optarg;
	if (argc != 1) {
		warnx("give one patient");
		return EX_USAGE;
	}
	if (loinc && vit_kind_of(loinc) < 0) {
		/* a LOINC code, but not of a vital sign: 65, else 64 */
		size_t	d = strspn(loinc, "0123456789");
		int	shaped = d > 0 && loinc[d] == '-' &&
		    isdigit((unsigned char)loinc[d + 1]) && !loinc[d + 2];

		warnx("--loinc '%s': %s", loinc, shaped ?
		    "not the code of a vital sign" : "not a LOINC code");
		return shaped ? EX_DATAERR : EX_USAGE;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_CLINICAL_READ)) != 0 ||
	    (rc = pat_resolve(app->db, argv[0], &patient)) != 0)
		return rc;
	/* no row names another patient: col is the enc column, patient ours */
	return app_list_phi(app, vit_list(app->db, patient, loinc), 6,
	    "vitals", patient);
}

const struct verb chart_vitals_verbs[] = {
	{ .name = "vitals add", .fn = verb_vitals_add, .mode = DB_RW,
	    .usage = "ENC [--bp S/D] [--hr N] [--rr N] [--temp T] [--spo2 N] [--weight W] [--height H] [--pain N] [--at TIME]",
	    .summary = "record vital signs, converted to SI with their LOINC codes",
	    .opts = vitals_add_opts },
	{ .name = "vitals list", .fn = verb_vitals_list, .mode = DB_RO,
	    .usage = "PATIENT [--loinc CODE]",
	    .summary = "list a patient's vital signs",
	    .opts = vitals_list_opts, .operand = COMP_PATIENT },
};
const size_t chart_vitals_nverbs = nitems(chart_vitals_verbs);

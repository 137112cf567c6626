/*
 * pay's fee schedule and charges: the verbs over lib/fee.c and
 * lib/charge.c.  Billing's and admins' (fee list: whoever takes
 * payments).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "cfg.h"
#include "charge.h"
#include "date.h"
#include "fee.h"
#include "ledger.h"
#include "money.h"
#include "patient.h"
#include "pay.h"
#include "rec.h"
#include "util.h"

/* --- fees ---------------------------------------------------------------- */

static const struct opt fee_set_opts[] = {
	{ "payer", 'p', OPT_VALUE, "PAYER", "a payer's expected allowed "
	    "amount, not the clinic's fee", COMP_NONE, NULL },
	{ "from", 'f', OPT_VALUE, "DATE", "in force from this day (default "
	    "today)", COMP_DATE, NULL },
	OPT_END
};

static int
verb_fee_set(int argc, char *argv[], struct app *app)
{
	const char	*payer = NULL, *from = NULL;
	struct fee	 f;
	char		 detail[48];
	long long	 id = 0;
	int		 ch, rc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'p': payer = app->optarg; break;
		case 'f': from = app->optarg; break;
		}
	if (argc != 2)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = fee_check(app->db, argv[0], argv[1], payer, from, &f,
	    "")) == 0)
		rc = fee_set(app->db, &f, app->who.login, &id);
	snprintf(detail, sizeof(detail), "%s %s from %s", f.code, argv[1],
	    f.from);
	return app_wrote_id(app, rc, 0, "fee", id, detail);
}

static int
verb_fee_list(int argc, char *argv[], struct app *app)
{
	int rc;

	(void)argv;
	if (argc != 0)
		return EX_USAGE;
	/* fees are no PHI: listing is unaudited, as provider's lists are */
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_PAYMENT)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, fee_list(app->db), NULL, NULL));
}

static int
verb_fee_import(int argc, char *argv[], struct app *app)
{
	char		 detail[64];
	long long	 n = 0;
	int		 rc;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = fee_import(app->db, argv[0], app->who.login, &n);
	snprintf(detail, sizeof(detail), "%lld fees", n);
	if (rc != 0) {
		app_rollback(app);
		return rc;
	}
	if ((rc = app_log(app, 0, NULL, detail)) != 0 ||
	    (rc = app_commit(app)) != 0) {
		app_rollback(app);
		return rc;
	}
	fprintf(stderr, "pay: %lld fees set\n", n);
	return 0;
}

/* --- charges ------------------------------------------------------------- */

static const struct opt charge_opts[] = {
	{ "day", 'd', OPT_VALUE, "DATE", "every encounter that began on the "
	    "day", COMP_DATE, NULL },
	OPT_END
};

/* Charge one encounter in a transaction of its own. */
static int
charge_one(struct app *app, long long enc)
{
	char		 rec[32];
	long long	 txn = 0, pat = 0;
	int		 rc;

	if ((rc = app_begin(app)) != 0)
		return rc;
	rc = charge_encounter(app->db, enc, app->who.login, &txn, &pat);
	if (rc == 0 && txn == 0) {
		/* charged before: nothing to write, nothing printed */
		app_rollback(app);
		return 0;
	}
	snprintf(rec, sizeof(rec), "enc-%lld", enc);
	return app_wrote_id(app, rc, pat, "txn", txn, rec);
}

static int
verb_charge(int argc, char *argv[], struct app *app)
{
	char		 day[DATE_LEN];
	const char	*d = NULL;
	long long	*encs = NULL, enc;
	size_t		 n = 0;
	int		 rc, worst = 0;

	while (app_opt(app) == 'd')
		d = app->optarg;
	if ((d == NULL) == (argc == 0)) {
		warnx("charge: give encounters or --day, not both");
		return EX_USAGE;
	}
	if (d && (rc = pay_day_arg("--day", d, day)) != 0)
		return rc;
	for (int i = 0; i < argc; i++)
		if ((rc = pay_enc_arg("charge", argv[i], &enc)) != 0)
			return rc;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0)
		return rc;
	if (d && (rc = charge_day(app->db, day, &encs, &n)) != 0)
		return rc;
	for (int i = 0; i < argc; i++) {
		rec_id_parse(argv[i], "enc", &enc);
		if ((rc = charge_one(app, enc)) == EX_DATAERR)
			worst = rc;
		else if (rc != 0)
			return rc;
	}
	/* each encounter is a record: a bad one is told of, the rest go on */
	for (size_t i = 0; i < n; i++) {
		if ((rc = charge_one(app, encs[i])) == EX_DATAERR)
			worst = rc;
		else if (rc != 0)
			break;
	}
	free(encs);
	return rc != 0 && rc != EX_DATAERR ? rc : worst;
}

const struct verb pay_fee_verbs[] = {
	{ .name = "fee set", .fn = verb_fee_set, .mode = DB_RW,
	    .usage = "CODE AMOUNT [--payer PAYER] [--from DATE]",
	    .summary = "set the fee of a procedure code, or a payer's allowed "
	    "amount", .opts = fee_set_opts },
	{ .name = "fee list", .fn = verb_fee_list, .mode = DB_RO, .usage = "",
	    .summary = "list the fee schedule", .opts = pay_no_opts },
	{ .name = "fee import", .fn = verb_fee_import, .mode = DB_RW,
	    .usage = "FILE.csv",
	    .summary = "set fees from a CSV of code,amount,payer,from: all or "
	    "none", .opts = pay_no_opts, .operand = COMP_FILE },
	{ .name = "charge", .fn = verb_charge, .mode = DB_RW,
	    .usage = "ENC ... | --day DATE",
	    .summary = "charge the procedures of signed encounters, once each",
	    .opts = charge_opts },
};
const size_t pay_fee_nverbs = nitems(pay_fee_verbs);

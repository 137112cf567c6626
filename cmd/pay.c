/*
 * pay - the patient and payer ledger: fees, charges, payments, refunds,
 * adjustments, voids, and what they add up to
 *	pay fee set CODE AMOUNT [--payer PAYER] [--from DATE]
 *	pay fee list | fee import FILE.csv
 *	pay charge ENC ... | --day DATE
 *	pay post PATIENT AMOUNT --method cash|check|card [--check-no N]
 *	    [--card-brand BRAND --last4 NNNN --ref REF] [--apply ENC]
 *	    [--memo TEXT]
 *	pay card PATIENT AMOUNT [--apply ENC]
 *	pay refund PATIENT AMOUNT --method M --reason TEXT
 *	pay adjust PATIENT AMOUNT --reason writeoff|baddebt|courtesy|small-balance
 *	    [--apply ENC]
 *	pay void PAY|TXN --reason TEXT
 *	pay balance PATIENT | ledger PATIENT [--from DATE] [--to DATE]
 *	pay deposit [--day DATE] | trial-balance [--as-of DATE]
 *	pay statement PATIENT ... | --all-due [--min AMOUNT] [--as-of DATE]
 *	    [--format text|pdf] [-o FILE] [--email]
 *	pay export --format hledger|beancount [--from DATE] [--to DATE]
 * Every money event is a balanced transaction in lib/ledger.c, never
 * edited.  frontdesk takes payments and small adjustments; billing and
 * admin do everything (refunds, voids, adjustments over
 * pay.adjust_limit, charges, fees).  An amount that is not money is 64;
 * one that is, but 0, negative or above 1,000,000.00, is 65.
 *
 * The verbs live in parts (cmd/pay-*.c, see pay.h); this file has what
 * they share, the reading verbs, and joins their tables.
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
#include "pay/pay.h"
#include "rec.h"
#include "util.h"

const struct opt pay_no_opts[] = { OPT_END };

int
pay_day_arg(const char *opt, const char *v, char out[DATE_LEN])
{
	if (date_parse_day(v, out) == -1) {
		warnx("%s: not a date '%s'", opt, v);
		return EX_USAGE;
	}
	return 0;
}

int
pay_enc_arg(const char *opt, const char *s, long long *enc)
{
	if (rec_id_parse(s, "enc", enc) == -1) {
		warnx("%s: not an encounter id '%s'", opt, s);
		return EX_DATAERR;
	}
	return 0;
}

/* --- reading ------------------------------------------------------------- */

static int
verb_balance(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "patient", "owes", "pending",
	    "credit" };
	struct balance	 b;
	char		 o[MONEY_LEN], p[MONEY_LEN], c[MONEY_LEN], id[32];
	long long	 pat;
	int		 rc;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = app_patient(app, CAP_PAYMENT, argv[0], &pat)) != 0 ||
	    (rc = ledger_balance(app->db, pat, &b)) != 0 ||
	    (rc = app_audit(app, pat, NULL, "balance")) != 0)
		return rc;
	money_format(b.owes, o);
	money_format(b.pending, p);
	money_format(b.credit, c);
	snprintf(id, sizeof(id), "pat-%lld", pat);
	out_cols(app->out, 4, cols);
	out_text_row(app->out, (const char *[]){ id, o, p, c });
	return 0;
}

static const struct opt ledger_opts[] = {
	OPT_FROM('f', "from this day"),
	OPT_TO('t', "to this day"),
	OPT_END
};

static int
verb_ledger(int argc, char *argv[], struct app *app)
{
	char		 from[DATE_LEN], to[DATE_LEN];
	const char	*f = NULL, *t = NULL;
	long long	 pat;
	int		 ch, rc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'f': f = app->optarg; break;
		case 't': t = app->optarg; break;
		}
	if (argc != 1)
		return EX_USAGE;
	if ((f && (rc = pay_day_arg("--from", f, from)) != 0) ||
	    (t && (rc = pay_day_arg("--to", t, to)) != 0))
		return rc;
	if ((rc = app_patient(app, CAP_PAYMENT, argv[0], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, "ledger")) != 0)
		return rc;
	return app_listed(out_stmt(app->out, ledger_list(app->db, pat,
	    f ? from : NULL, t ? to : NULL), NULL, NULL));
}

static const struct opt deposit_opts[] = {
	OPT_DAY('d', "the day (default today)"),
	OPT_END
};

static int
verb_deposit(int argc, char *argv[], struct app *app)
{
	char		 day[DATE_LEN];
	const char	*d = "today";
	int		 rc;

	(void)argv;
	while (app_opt(app) == 'd')
		d = app->optarg;
	if (argc != 0)
		return EX_USAGE;
	if ((rc = pay_day_arg("--day", d, day)) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_PAYMENT)) != 0)
		return rc;
	return app_list_phi(app, ledger_deposit(app->db, day), 5, "payments",
	    0);
}

static const struct opt trial_opts[] = {
	{ "as-of", 'a', OPT_VALUE, "DATE", "as the day ended (default now)",
	    COMP_DATE, NULL },
	OPT_END
};

/*
 * The trial's total row, taken as it prints: one scan of the postings
 * where a second statement summing them was another.
 */
static void
total_row(db_rows *s, void *arg)
{
	const char *a = db_col(s, 0), *b = db_col(s, 3);

	if (strcmp(a, "total") == 0 && money_parse(b, arg) == -1)
		*(long long *)arg = -1;	/* no amount: not a sound ledger */
}

static int
verb_trial(int argc, char *argv[], struct app *app)
{
	char		 day[DATE_LEN], sum[MONEY_LEN];
	const char	*d = NULL;
	long long	 total = 0;
	long		 n;
	int		 rc;

	(void)argv;
	while (app_opt(app) == 'a')
		d = app->optarg;
	if (argc != 0)
		return EX_USAGE;
	if ((d && (rc = pay_day_arg("--as-of", d, day)) != 0) ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0)
		return rc;
	if ((n = out_stmt(app->out, ledger_trial(app->db, d ? day : NULL),
	    total_row, &total)) < 0)
		return app_listed(n);
	if (total != 0) {
		money_format(total, sum);
		warnx("THE LEDGER IS BROKEN: its postings sum to %s, not 0.00 "
		    "(db verify names the transaction)", sum);
		return EX_SOFTWARE;
	}
	return 0;
}

static const struct verb read_verbs[] = {
	{ .name = "balance", .fn = verb_balance, .mode = DB_RO,
	    .usage = "PATIENT",
	    .summary = "what a patient owes, what insurance owes, and credit",
	    .opts = pay_no_opts, .operand = COMP_PATIENT },
	{ .name = "ledger", .fn = verb_ledger, .mode = DB_RO,
	    .usage = "PATIENT [--from DATE] [--to DATE]",
	    .summary = "a patient's postings with the running balance",
	    .opts = ledger_opts, .operand = COMP_PATIENT },
	{ .name = "deposit", .fn = verb_deposit, .mode = DB_RO,
	    .usage = "[--day DATE]",
	    .summary = "the day's payments by method, and their totals",
	    .opts = deposit_opts },
	{ .name = "trial-balance", .fn = verb_trial, .mode = DB_RO,
	    .usage = "[--as-of DATE]",
	    .summary = "every account's balance; they sum to 0.00",
	    .opts = trial_opts },
};
static const size_t read_nverbs = nitems(read_verbs);

/* The parts' tables, in the order of pay -h. */
static const struct app_part parts[] = {
	{ pay_fee_verbs, &pay_fee_nverbs },
	{ pay_money_verbs, &pay_money_nverbs },
	{ read_verbs, &read_nverbs },
	{ pay_statement_verbs, &pay_statement_nverbs },
	{ pay_export_verbs, &pay_export_nverbs },
};

int
main(int argc, char *argv[])
{
	static struct prog prog = { "pay", "the patient and payer ledger: "
	    "fees, charges, payments, balances", NULL, 0 };

	return app_main_parts(argc, argv, &prog, parts, nitems(parts));
}

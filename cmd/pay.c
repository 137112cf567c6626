/*
 * pay - the patient and payer ledger: fees, charges, payments, refunds,
 * adjustments, voids, and what they add up to
 *	pay fee set CODE AMOUNT [--payer PAYER] [--from DATE]
 *	pay fee list | fee import FILE.csv
 *	pay charge ENC ... | --day DATE
 *	pay post PATIENT AMOUNT --method cash|check|card [--check-no N]
 *	    [--card-brand BRAND --last4 NNNN --ref REF] [--apply ENC]
 *	    [--memo TEXT]
 *	pay refund PATIENT AMOUNT --method M --reason TEXT
 *	pay adjust PATIENT AMOUNT --reason writeoff|baddebt|courtesy|small-balance
 *	    [--apply ENC]
 *	pay void PAY|TXN --reason TEXT
 *	pay balance PATIENT | ledger PATIENT [--from DATE] [--to DATE]
 *	pay deposit [--day DATE] | trial-balance [--as-of DATE]
 * Every money event is a balanced transaction in lib/ledger.c, never
 * edited.  frontdesk takes payments and small adjustments; billing and
 * admin do everything (refunds, voids, adjustments over
 * pay.adjust_limit, charges, fees).  An amount that is not money is 64;
 * one that is, but 0, negative or above 1,000,000.00, is 65.
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
#include "rec.h"
#include "util.h"

/* lib/util.c's, from helper cardno (lib/textcard.c until it lands). */
int	 text_card_number(const char *s);

#define TEXT_MAX	500	/* memo and reason, bytes (txn.memo's CHECK) */

static const struct opt no_opts[] = { OPT_END };

/* A free text pay would store: 0, or 65 saying why not. */
static int
text_ok(const char *what, const char *s, size_t max)
{
	int rc;

	if (s == NULL)
		return 0;
	if ((rc = text_value(what, s, max)) != 0)
		return rc;
	if (text_card_number(s)) {
		warnx("%s: looks like a card number; clinix never stores one",
		    what);
		return EX_DATAERR;
	}
	return 0;
}

/* A day option: 0, or 64 after saying it is none. */
static int
day_arg(const char *opt, const char *v, char out[DATE_LEN])
{
	if (date_parse_day(v, out) == -1) {
		warnx("%s: not a date '%s'", opt, v);
		return EX_USAGE;
	}
	return 0;
}

static int
enc_arg(const char *opt, const char *s, long long *enc)
{
	if (rec_id_parse(s, "enc", enc) == -1) {
		warnx("%s: not an encounter id '%s'", opt, s);
		return EX_DATAERR;
	}
	return 0;
}

/* A write's end: the id printed is kind-id (txn or pay). */
static int
wrote(struct app *app, int rc, long long pat, const char *kind,
    long long id, const char *detail)
{
	return app_wrote_id(app, rc, pat, kind, id, detail);
}

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
	return wrote(app, rc, 0, "fee", id, detail);
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
	return wrote(app, rc, pat, "txn", txn, rec);
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
	if (d && (rc = day_arg("--day", d, day)) != 0)
		return rc;
	for (int i = 0; i < argc; i++)
		if ((rc = enc_arg("charge", argv[i], &enc)) != 0)
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

/* --- payments ------------------------------------------------------------ */

enum { O_CHECK_NO = 256, O_BRAND, O_LAST4, O_REF, O_APPLY, O_MEMO };

static const struct opt post_opts[] = {
	{ "method", 'm', OPT_VALUE, "METHOD", "how it was paid",
	    COMP_WORDS, "cash check card" },
	{ "check-no", O_CHECK_NO, OPT_VALUE, "N", "the check's number",
	    COMP_NONE, NULL },
	{ "card-brand", O_BRAND, OPT_VALUE, "BRAND", "the card's brand",
	    COMP_WORDS, "visa mc amex discover" },
	{ "last4", O_LAST4, OPT_VALUE, "NNNN", "the card's last four digits",
	    COMP_NONE, NULL },
	{ "ref", O_REF, OPT_VALUE, "REF", "the card processor's reference",
	    COMP_NONE, NULL },
	{ "apply", O_APPLY, OPT_VALUE, "ENC", "apply to this visit (a copay "
	    "at checkout), not the oldest charges", COMP_NONE, NULL },
	{ "memo", O_MEMO, OPT_VALUE, "TEXT", "a note on the payment",
	    COMP_NONE, NULL },
	OPT_END
};

static const struct opt refund_opts[] = {
	{ "method", 'm', OPT_VALUE, "METHOD", "how the money goes back",
	    COMP_WORDS, "cash check card" },
	{ "check-no", O_CHECK_NO, OPT_VALUE, "N", "the check's number",
	    COMP_NONE, NULL },
	{ "ref", O_REF, OPT_VALUE, "REF", "the card processor's reference",
	    COMP_NONE, NULL },
	{ "reason", 'r', OPT_VALUE, "TEXT", "why (audited)", COMP_NONE,
	    NULL },
	OPT_END
};

/* Read post's and refund's options into p; 0, 64 or 65 after a message. */
static int
payment_opts(struct app *app, struct payment *p, const char **apply)
{
	static const char *const brands[] = { "visa", "mc", "amex",
	    "discover" };
	int ch, rc = 0, good;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'm': p->method = app->optarg; break;
		case O_CHECK_NO: p->check_no = app->optarg; break;
		case O_BRAND: p->brand = app->optarg; break;
		case O_LAST4: p->last4 = app->optarg; break;
		case O_REF: p->ref = app->optarg; break;
		case O_APPLY: *apply = app->optarg; break;
		case O_MEMO:
		case 'r': p->memo = app->optarg; break;
		}
	if (p->method == NULL) {
		warnx("--method is needed: cash, check or card");
		return EX_USAGE;
	}
	if (!streq(p->method, "cash") && !streq(p->method, "check") &&
	    !streq(p->method, "card")) {
		warnx("--method: not a method '%s' (cash, check or card)",
		    p->method);
		return EX_USAGE;
	}
	if (p->check_no && !streq(p->method, "check")) {
		warnx("--check-no goes with --method check");
		return EX_USAGE;
	}
	if ((p->brand || p->last4 || p->ref) && !streq(p->method, "card")) {
		warnx("--card-brand, --last4 and --ref go with --method card");
		return EX_USAGE;
	}
	if (p->brand) {
		good = 0;
		for (size_t i = 0; i < nitems(brands); i++)
			good |= streq(p->brand, brands[i]);
		if (!good) {
			warnx("--card-brand: not a brand '%s' (visa, mc, amex "
			    "or discover)", p->brand);
			return EX_USAGE;
		}
	}
	if (p->last4 && (strlen(p->last4) != 4 ||
	    strspn(p->last4, "0123456789") != 4)) {
		warnx("--last4: '%s' is not four digits", p->last4);
		return EX_DATAERR;
	}
	if ((rc = text_ok("--check-no", p->check_no, 30)) != 0 ||
	    (rc = text_ok("--ref", p->ref, 64)) != 0 ||
	    (rc = text_ok(app->verb->name[0] == 'p' ? "--memo" : "--reason",
	    p->memo, TEXT_MAX)) != 0)
		return rc;
	return 0;
}

static int
verb_post(int argc, char *argv[], struct app *app)
{
	struct payment	 p = { 0 };
	const char	*apply = NULL;
	long long	 pay = 0, txn = 0;
	int		 rc;

	if ((rc = payment_opts(app, &p, &apply)) != 0)
		return rc;
	if (argc != 2)
		return EX_USAGE;
	if (streq(p.method, "card") && (!p.brand || !p.last4 || !p.ref)) {
		warnx("--method card needs --card-brand, --last4 and --ref");
		return EX_USAGE;
	}
	if ((rc = ledger_amount(argv[1], "AMOUNT", &p.amount)) != 0 ||
	    (apply && (rc = enc_arg("--apply", apply, &p.apply)) != 0))
		return rc;
	if ((rc = app_patient(app, CAP_PAYMENT, argv[0], &p.patient)) != 0 ||
	    (rc = pat_writable(app->db, p.patient)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = payment_post(app->db, &p, app->who.login, &pay, &txn);
	return wrote(app, rc, p.patient, "pay", pay, argv[1]);
}

static int
verb_refund(int argc, char *argv[], struct app *app)
{
	struct payment	 p = { 0 };
	const char	*apply = NULL;
	long long	 pay = 0, txn = 0;
	int		 rc;

	if ((rc = payment_opts(app, &p, &apply)) != 0)
		return rc;
	if (argc != 2)
		return EX_USAGE;
	if (p.memo == NULL) {
		warnx("--reason is needed");
		return EX_USAGE;
	}
	if ((rc = ledger_amount(argv[1], "AMOUNT", &p.amount)) != 0)
		return rc;
	if ((rc = app_patient(app, CAP_BILLING, argv[0], &p.patient)) != 0 ||
	    (rc = pat_writable(app->db, p.patient)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = payment_refund(app->db, &p, app->who.login, &pay, &txn);
	return wrote(app, rc, p.patient, "pay", pay, argv[1]);
}

/* --- adjustments and voids ----------------------------------------------- */

static const struct opt adjust_opts[] = {
	{ "reason", 'r', OPT_VALUE, "REASON", "why", COMP_WORDS,
	    "writeoff baddebt courtesy small-balance" },
	{ "apply", O_APPLY, OPT_VALUE, "ENC", "adjust this visit's charges, "
	    "not the oldest", COMP_NONE, NULL },
	OPT_END
};

static int
verb_adjust(int argc, char *argv[], struct app *app)
{
	const char	*reason = NULL, *apply = NULL, *account;
	long long	 amount, enc = 0, pat = 0, txn = 0;
	int		 ch, rc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'r': reason = app->optarg; break;
		case O_APPLY: apply = app->optarg; break;
		}
	if (argc != 2)
		return EX_USAGE;
	if (reason == NULL) {
		warnx("--reason is needed: writeoff, baddebt, courtesy or "
		    "small-balance");
		return EX_USAGE;
	}
	if (streq(reason, "baddebt"))
		account = "baddebt";
	else if (streq(reason, "writeoff") || streq(reason, "courtesy") ||
	    streq(reason, "small-balance"))
		account = "writeoff";
	else {
		warnx("--reason: not a reason '%s' (writeoff, baddebt, courtesy "
		    "or small-balance)", reason);
		return EX_USAGE;
	}
	if ((rc = ledger_amount(argv[1], "AMOUNT", &amount)) != 0 ||
	    (apply && (rc = enc_arg("--apply", apply, &enc)) != 0) ||
	    (rc = app_open(app)) != 0)
		return rc;
	/* small ones at the desk; above the clinic's limit, billing's */
	if ((rc = app_patient(app, amount > app->cfg->adjust_limit_cents ?
	    CAP_BILLING : CAP_PAYMENT, argv[0], &pat)) != 0 ||
	    (rc = pat_writable(app->db, pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = ledger_adjust(app->db, pat, amount, account, enc, reason,
	    app->who.login, &txn);
	return wrote(app, rc, pat, "txn", txn, argv[1]);
}

static const struct opt void_opts[] = {
	{ "reason", 'r', OPT_VALUE, "TEXT", "why (audited)", COMP_NONE, NULL },
	OPT_END
};

static int
verb_void(int argc, char *argv[], struct app *app)
{
	const char	*reason = NULL;
	long long	 id, txn = 0, rev = 0, pat = 0;
	int		 rc, ispay;

	while (app_opt(app) == 'r')
		reason = app->optarg;
	if (argc != 1)
		return EX_USAGE;
	if (reason == NULL) {
		warnx("--reason is needed");
		return EX_USAGE;
	}
	if ((rc = text_ok("--reason", reason, TEXT_MAX)) != 0)
		return rc;
	ispay = rec_id_parse(argv[0], "pay", &id) == 0;
	if (!ispay && rec_id_parse(argv[0], "txn", &id) == -1) {
		warnx("not a payment or transaction id '%s'", argv[0]);
		return EX_DATAERR;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	txn = id;
	if ((!ispay || (rc = payment_txn(app->db, id, &txn)) == 0))
		rc = ledger_void(app->db, txn, reason, app->who.login, &rev,
		    &pat);
	return wrote(app, rc, pat, "txn", rev, argv[0]);
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
	{ "from", 'f', OPT_VALUE, "DATE", "from this day", COMP_DATE, NULL },
	{ "to", 't', OPT_VALUE, "DATE", "to this day", COMP_DATE, NULL },
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
	if ((f && (rc = day_arg("--from", f, from)) != 0) ||
	    (t && (rc = day_arg("--to", t, to)) != 0))
		return rc;
	if ((rc = app_patient(app, CAP_PAYMENT, argv[0], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, "ledger")) != 0)
		return rc;
	return app_listed(out_stmt(app->out, ledger_list(app->db, pat,
	    f ? from : NULL, t ? to : NULL), NULL, NULL));
}

static const struct opt deposit_opts[] = {
	{ "day", 'd', OPT_VALUE, "DATE", "the day (default today)", COMP_DATE,
	    NULL },
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
	if ((rc = day_arg("--day", d, day)) != 0 ||
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
	if ((d && (rc = day_arg("--as-of", d, day)) != 0) ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0 ||
	    (rc = ledger_total(app->db, d ? day : NULL, &total)) != 0)
		return rc;
	if ((n = out_stmt(app->out, ledger_trial(app->db, d ? day : NULL),
	    NULL, NULL)) < 0)
		return app_listed(n);
	if (total != 0) {
		money_format(total, sum);
		warnx("THE LEDGER IS BROKEN: its postings sum to %s, not 0.00 "
		    "(db verify names the transaction)", sum);
		return EX_SOFTWARE;
	}
	return 0;
}

static int
not_built(int argc, char *argv[], struct app *app)
{
	(void)argc;
	(void)argv;
	warnx("%s: not built yet", app->verb->name);
	return EX_UNAVAILABLE;
}

static const struct verb verbs[] = {
	{ .name = "fee set", .fn = verb_fee_set, .mode = DB_RW,
	    .usage = "CODE AMOUNT [--payer PAYER] [--from DATE]",
	    .summary = "set the fee of a procedure code, or a payer's allowed "
	    "amount", .opts = fee_set_opts },
	{ .name = "fee list", .fn = verb_fee_list, .mode = DB_RO, .usage = "",
	    .summary = "list the fee schedule", .opts = no_opts },
	{ .name = "fee import", .fn = verb_fee_import, .mode = DB_RW,
	    .usage = "FILE.csv",
	    .summary = "set fees from a CSV of code,amount,payer,from: all or "
	    "none", .opts = no_opts, .operand = COMP_FILE },
	{ .name = "charge", .fn = verb_charge, .mode = DB_RW,
	    .usage = "ENC ... | --day DATE",
	    .summary = "charge the procedures of signed encounters, once each",
	    .opts = charge_opts },
	{ .name = "post", .fn = verb_post, .mode = DB_RW,
	    .usage = "PATIENT AMOUNT --method cash|check|card [--check-no N] "
	    "[--card-brand BRAND --last4 NNNN --ref REF] [--apply ENC] "
	    "[--memo TEXT]",
	    .summary = "post a patient's payment", .opts = post_opts,
	    .operand = COMP_PATIENT },
	{ .name = "card", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT AMOUNT [--apply ENC]",
	    .summary = "take a card payment through pay.card_command" },
	{ .name = "refund", .fn = verb_refund, .mode = DB_RW,
	    .usage = "PATIENT AMOUNT --method cash|check|card [--check-no N] "
	    "[--ref REF] --reason TEXT",
	    .summary = "pay a patient back, from credit or what was paid",
	    .opts = refund_opts, .operand = COMP_PATIENT },
	{ .name = "adjust", .fn = verb_adjust, .mode = DB_RW,
	    .usage = "PATIENT AMOUNT --reason writeoff|baddebt|courtesy|"
	    "small-balance [--apply ENC]",
	    .summary = "adjust what a patient owes", .opts = adjust_opts,
	    .operand = COMP_PATIENT },
	{ .name = "void", .fn = verb_void, .mode = DB_RW,
	    .usage = "PAY|TXN --reason TEXT",
	    .summary = "reverse a payment or transaction exactly",
	    .opts = void_opts },
	{ .name = "balance", .fn = verb_balance, .mode = DB_RO,
	    .usage = "PATIENT",
	    .summary = "what a patient owes, what insurance owes, and credit",
	    .opts = no_opts, .operand = COMP_PATIENT },
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

int
main(int argc, char *argv[])
{
	static const struct prog prog = { "pay", "the patient and payer "
	    "ledger: fees, charges, payments, balances", verbs,
	    nitems(verbs) };

	return app_main(argc, argv, &prog);
}

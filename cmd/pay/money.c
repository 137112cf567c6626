/*
 * pay's money verbs: payments, refunds, adjustments and voids, each one
 * balanced transaction of lib/ledger.c; `pay card` charges through
 * lib/card.c first.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "card.h"
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

#define TEXT_MAX	500	/* memo and reason, bytes (txn.memo's CHECK) */

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
	/* text_value refuses a card number too (PCI DSS requirement 3) */
	if ((rc = text_value("--check-no", p->check_no, 30)) != 0 ||
	    (rc = text_value("--ref", p->ref, 64)) != 0 ||
	    (rc = text_value(app->verb->name[0] == 'p' ? "--memo" : "--reason",
	    p->memo, TEXT_MAX)) != 0)
		return rc;
	return 0;
}

/*
 * post and refund: the options, the amount, the patient (cap), then fn
 * in a transaction; prints pay-N.
 */
static int
payment_verb(int argc, char *argv[], struct app *app, enum cap cap,
    int (*fn)(struct db *, const struct payment *, const char *,
    long long *, long long *))
{
	struct payment	 p = { 0 };
	const char	*apply = NULL;
	long long	 pay = 0, txn = 0;
	int		 rc;

	if ((rc = payment_opts(app, &p, &apply)) != 0)
		return rc;
	if (argc != 2)
		return EX_USAGE;
	if (cap == CAP_PAYMENT && streq(p.method, "card") &&
	    (!p.brand || !p.last4 || !p.ref)) {
		warnx("--method card needs --card-brand, --last4 and --ref");
		return EX_USAGE;
	}
	if (cap == CAP_BILLING && p.memo == NULL) {
		warnx("--reason is needed");
		return EX_USAGE;
	}
	if ((rc = ledger_amount(argv[1], "AMOUNT", &p.amount)) != 0 ||
	    (apply && (rc = pay_enc_arg("--apply", apply, &p.apply)) != 0))
		return rc;
	if ((rc = app_patient(app, cap, argv[0], &p.patient)) != 0 ||
	    (rc = pat_writable(app->db, p.patient)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = fn(app->db, &p, app->who.login, &pay, &txn);
	return app_wrote_id(app, rc, p.patient, "pay", pay, argv[1]);
}

static int
verb_post(int argc, char *argv[], struct app *app)
{
	return payment_verb(argc, argv, app, CAP_PAYMENT, payment_post);
}

/* Refunds are billing's: money leaves the clinic. */
static int
verb_refund(int argc, char *argv[], struct app *app)
{
	return payment_verb(argc, argv, app, CAP_BILLING, payment_refund);
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
	    (apply && (rc = pay_enc_arg("--apply", apply, &enc)) != 0) ||
	    (rc = app_config(app)) != 0)	/* the limit, before the role */
		return rc;
	/* small ones at the desk; above the clinic's limit, billing's */
	if ((rc = app_patient(app, amount > app->cfg->adjust_limit_cents ?
	    CAP_BILLING : CAP_PAYMENT, argv[0], &pat)) != 0 ||
	    (rc = pat_writable(app->db, pat)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = ledger_adjust(app->db, pat, amount, account, enc, reason,
	    app->who.login, &txn);
	return app_wrote_id(app, rc, pat, "txn", txn, argv[1]);
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
	if ((rc = text_value("--reason", reason, TEXT_MAX)) != 0)
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
	return app_wrote_id(app, rc, pat, "txn", rev, argv[0]);
}

static const struct opt card_opts[] = {
	{ "apply", O_APPLY, OPT_VALUE, "ENC", "apply to this visit (a copay "
	    "at checkout), not the oldest charges", COMP_NONE, NULL },
	OPT_END
};

/*
 * pay card: the clinic's terminal charges the card (lib/card.c, no
 * database lock held while the patient keys a PIN), then the payment is
 * posted with what it answered.  Everything is checked before the card
 * is charged, so that a charge is not left without its posting.
 */
static int
verb_card(int argc, char *argv[], struct app *app)
{
	struct payment		 p = { .method = "card" };
	struct card_result	 r;
	const char		*apply = NULL;
	char			*desc;
	long long		 pay = 0, txn = 0;
	int			 rc;

	while (app_opt(app) == O_APPLY)
		apply = app->optarg;
	if (argc != 2)
		return EX_USAGE;
	if ((rc = ledger_amount(argv[1], "AMOUNT", &p.amount)) != 0 ||
	    (apply && (rc = pay_enc_arg("--apply", apply, &p.apply)) != 0))
		return rc;
	if ((rc = app_patient(app, CAP_PAYMENT, argv[0], &p.patient)) != 0 ||
	    (rc = pat_writable(app->db, p.patient)) != 0 ||
	    (p.apply && (rc = ledger_enc_of(app->db, p.patient, p.apply)) != 0))
		return rc;
	desc = xasprintf("payment pat-%lld", p.patient);
	rc = card_charge(app->cfg, p.amount, desc, &r);
	free(desc);
	if (rc != 0) {
		warnx("card: %s", r.msg);
		return rc;
	}
	p.brand = r.brand;
	p.last4 = r.last4;
	p.ref = r.ref;
	if ((rc = app_begin(app)) == 0)
		rc = payment_post(app->db, &p, app->who.login, &pay, &txn);
	if ((rc = app_wrote_id(app, rc, p.patient, "pay", pay, argv[1])) != 0)
		warnx("the card WAS charged (ref %s) but nothing was posted: "
		    "post it with pay post %s %s --method card --card-brand %s "
		    "--last4 %s --ref %s", r.ref, argv[0], argv[1], r.brand,
		    r.last4, r.ref);
	return rc;
}

const struct verb pay_money_verbs[] = {
	{ .name = "post", .fn = verb_post, .mode = DB_RW,
	    .usage = "PATIENT AMOUNT --method cash|check|card [--check-no N] "
	    "[--card-brand BRAND --last4 NNNN --ref REF] [--apply ENC] "
	    "[--memo TEXT]",
	    .summary = "post a patient's payment", .opts = post_opts,
	    .operand = COMP_PATIENT },
	{ .name = "card", .fn = verb_card, .mode = DB_RW,
	    .usage = "PATIENT AMOUNT [--apply ENC]",
	    .summary = "take a card payment through pay.card_command",
	    .opts = card_opts, .operand = COMP_PATIENT },
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
};
const size_t pay_money_nverbs = nitems(pay_money_verbs);

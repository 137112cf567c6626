/*
 * ledger - see ledger.h.  A patient's postings are read with those of
 * the patients merged into it: postings are never edited, so a merge
 * cannot move them (lib/patient.c keeps them on the duplicate), and the
 * survivor's account is the sum of both.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "date.h"
#include "ledger.h"
#include "money.h"
#include "util.h"

/* The patient ?1 and those merged into it. */
#define PATIENTS	"(SELECT ?1 UNION ALL SELECT id FROM patient" \
			" WHERE merged_into = ?1)"
/* Cents as "12.50", in SQL, without floating point. */
#define MONEY_SQL(c)	"printf('%s%d.%02d', CASE WHEN " c " < 0 THEN '-'" \
			" ELSE '' END, abs(" c ") / 100, abs(" c ") % 100)"
/* The accounts that make up what a patient's account stands at. */
#define PATIENT_ACCOUNTS "('ar.patient', 'ar.insurance', 'credit')"

enum { Q_TXN_ADD, Q_POSTING_ADD, Q_TXN_CLOSE, Q_BALANCE, Q_OPEN,
    Q_ENC_OF, Q_PAYMENT_ADD, Q_PAID, Q_TXN_GET, Q_TXN_POSTINGS, Q_PAY_TXN,
    Q_LIST, Q_DEPOSIT, Q_TRIAL, Q_COUNT, Q_UNSOUND };

const struct query ledger_queries[] = {
	[Q_TXN_ADD] = { "ledger.txn_add",
	    "INSERT INTO txn (at, kind, memo, who, reverses) VALUES"
	    " (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :kind, :memo, :who,"
	    " :reverses)" },
	[Q_POSTING_ADD] = { "ledger.posting_add",
	    "INSERT INTO posting (txn_id, account, amount, patient_id,"
	    " payer_id, provider_id, code, encounter_id, proc_id) VALUES"
	    " (:txn, :account, :amount, :patient, :payer, :provider, :code,"
	    " :encounter, :proc)" },
	[Q_TXN_CLOSE] = { "ledger.txn_close",
	    "UPDATE txn SET closed = 1 WHERE id = ?1" },
	[Q_BALANCE] = { "ledger.balance",	/* owes, pending, credit */
	    "SELECT coalesce(sum(CASE WHEN account = 'ar.patient' THEN amount"
	    " END), 0), coalesce(sum(CASE WHEN account = 'ar.insurance' THEN"
	    " amount END), 0), coalesce(-sum(CASE WHEN account = 'credit' THEN"
	    " amount END), 0) FROM posting WHERE patient_id IN " PATIENTS
	    " AND account IN " PATIENT_ACCOUNTS },
	[Q_OPEN] = { "ledger.open",
	    /* proc, encounter, payer, provider, code, open */
	    "SELECT p.proc_id, p.encounter_id, p.payer_id, max(p.provider_id),"
	    " max(p.code), sum(p.amount) FROM posting p"
	    " LEFT JOIN encounter e ON e.id = p.encounter_id"
	    " WHERE p.patient_id IN " PATIENTS " AND p.account = ?2"
	    " AND (?3 IS NULL OR p.encounter_id = ?3)"
	    " GROUP BY p.proc_id, p.encounter_id, p.payer_id"
	    " HAVING sum(p.amount) > 0 ORDER BY min(e.start_at), p.proc_id" },
	[Q_ENC_OF] = { "ledger.enc_of",
	    "SELECT 1 FROM encounter WHERE id = ?2 AND patient_id IN "
	    PATIENTS },
	[Q_PAYMENT_ADD] = { "ledger.payment_add",
	    "INSERT INTO payment (txn_id, patient_id, kind, method, amount,"
	    " check_no, card_brand, last4, ref) VALUES (:txn, :patient, :kind,"
	    " :method, :amount, :check_no, :brand, :last4, :ref)" },
	[Q_PAID] = { "ledger.paid",
	    /* what the patient's payments took off the receivable, net */
	    "SELECT coalesce(-sum(p.amount), 0) FROM posting p"
	    " JOIN txn t ON t.id = p.txn_id WHERE p.patient_id IN " PATIENTS
	    " AND p.account = 'ar.patient' AND (t.kind IN ('payment', 'refund')"
	    " OR (t.kind = 'void' AND (SELECT kind FROM txn WHERE id ="
	    " t.reverses) IN ('payment', 'refund')))" },
	[Q_TXN_GET] = { "ledger.txn_get",	/* kind, voided by */
	    "SELECT kind, (SELECT id FROM txn WHERE reverses = ?1) FROM txn"
	    " WHERE id = ?1" },
	[Q_TXN_POSTINGS] = { "ledger.txn_postings",
	    "SELECT account, amount, patient_id, payer_id, provider_id, code,"
	    " encounter_id, proc_id FROM posting WHERE txn_id = ?1 ORDER BY id" },
	[Q_PAY_TXN] = { "ledger.pay_txn",
	    "SELECT txn_id FROM payment WHERE id = ?1" },
	[Q_LIST] = { "ledger.list",
	    "SELECT txn, at, kind, account, enc, code, amount, balance, memo"
	    " FROM (SELECT 'txn-' || t.id AS txn, " DATE_SQL_LOCAL("t.at")
	    " AS at, t.kind, p.account, 'enc-' || p.encounter_id AS enc,"
	    " p.code, " MONEY_SQL("p.amount") " AS amount, "
	    MONEY_SQL("sum(p.amount) OVER (ORDER BY p.id)") " AS balance,"
	    " t.memo, date(t.at, 'localtime') AS day, p.id AS k"
	    " FROM posting p JOIN txn t ON t.id = p.txn_id"
	    " WHERE p.patient_id IN " PATIENTS " AND p.account IN "
	    PATIENT_ACCOUNTS ")"
	    " WHERE (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)"
	    " ORDER BY k" },
	[Q_DEPOSIT] = { "ledger.deposit",
	    "SELECT id, at, method, amount, kind, patient, check_no, brand,"
	    " last4, ref FROM (SELECT 0 AS g, p.id AS k, CASE WHEN t.kind ="
	    " 'void' THEN 'txn-' || t.id ELSE 'pay-' || m.id END AS id, "
	    DATE_SQL_LOCAL("t.at") " AS at, p.account AS method, "
	    MONEY_SQL("p.amount") " AS amount, t.kind, 'pat-' || m.patient_id"
	    " AS patient, m.check_no, m.card_brand AS brand, m.last4, m.ref"
	    " FROM posting p JOIN txn t ON t.id = p.txn_id"
	    " LEFT JOIN payment m ON m.txn_id = coalesce(t.reverses, t.id)"
	    " WHERE p.account IN ('cash', 'check', 'card') AND t.at >= ?1"
	    " AND t.at < ?2"
	    " UNION ALL SELECT 1, a.position, 'total', NULL, a.code, "
	    MONEY_SQL("coalesce(sum(p.amount), 0)") ", NULL, NULL, NULL, NULL,"
	    " NULL, NULL FROM account a LEFT JOIN (SELECT p.account, p.amount"
	    " FROM posting p JOIN txn t ON t.id = p.txn_id WHERE t.at >= ?1"
	    " AND t.at < ?2) p ON p.account = a.code"
	    " WHERE a.code IN ('cash', 'check', 'card') GROUP BY a.code)"
	    " ORDER BY g, k" },
	/* every account, then the total: 0.00 in a sound ledger */
	[Q_TRIAL] = { "ledger.trial",
	    "WITH b AS (SELECT account, sum(amount) AS total FROM posting"
	    " WHERE ?1 IS NULL OR txn_id IN (SELECT id FROM txn WHERE at < ?1)"
	    " GROUP BY account)"
	    " SELECT account, name, type, balance FROM ("
	    "SELECT a.position AS k, a.code AS account, a.name, a.type, "
	    MONEY_SQL("coalesce(b.total, 0)") " AS balance FROM account a"
	    " LEFT JOIN b ON b.account = a.code"
	    " UNION ALL SELECT 1e9, 'total', 'all accounts', NULL, "
	    MONEY_SQL("coalesce((SELECT sum(total) FROM b), 0)") ")"
	    " ORDER BY k" },
	[Q_COUNT] = { "ledger.count", "SELECT count(*) FROM txn" },
	[Q_UNSOUND] = { "ledger.unsound",	/* id, closed, n, sum */
	    "SELECT id, closed, n, s FROM (SELECT t.id, t.closed,"
	    " (SELECT count(*) FROM posting WHERE txn_id = t.id) AS n,"
	    " (SELECT coalesce(sum(amount), 0) FROM posting WHERE txn_id ="
	    " t.id) AS s FROM txn t) WHERE closed = 0 OR n < 2 OR s <> 0"
	    " ORDER BY id LIMIT 1" },
	{ NULL, NULL }
};

int
ledger_amount(const char *s, const char *what, long long *cents)
{
	if (money_parse(s, cents) == -1) {
		warnx("%s: not an amount of money '%s' (write 12.50)", what, s);
		return EX_USAGE;
	}
	if (*cents <= 0 || *cents > LEDGER_MAX) {
		warnx("%s: %s is out of range: more than 0.00, at most "
		    "1000000.00", what, s);
		return EX_DATAERR;
	}
	return 0;
}

void
postings_add(struct postings *ps, const struct posting *p)
{
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 8;
		ps->p = xrealloc(ps->p, ps->cap * sizeof(*ps->p));
	}
	ps->p[ps->n] = *p;
	ps->p[ps->n].codebuf[0] = '\0';
	if (p->code)
		snprintf(ps->p[ps->n].codebuf, sizeof(p->codebuf), "%s",
		    p->code);
	ps->p[ps->n++].code = NULL;	/* the copy is what counts */
}

void
postings_free(struct postings *ps)
{
	free(ps->p);
	ps->p = NULL;
	ps->n = ps->cap = 0;
}

int
ledger_post(struct db *db, const char *kind, const char *memo,
    const char *who, long long reverses, const struct postings *ps,
    long long *txn)
{
	sqlite3_stmt	*s = db_query(db, &ledger_queries[Q_TXN_ADD]);
	int		 rc;

	db_bind_text(s, ":kind", kind);
	db_bind_text(s, ":memo", memo);
	db_bind_text(s, ":who", who);
	db_bind_id(s, ":reverses", reverses);
	if ((rc = db_insert(db, s, txn)) != 0)
		return rc;
	for (size_t i = 0; i < ps->n; i++) {
		const struct posting *p = &ps->p[i];

		s = db_query(db, &ledger_queries[Q_POSTING_ADD]);
		db_bind_int(s, ":txn", *txn);
		db_bind_text(s, ":account", p->account);
		db_bind_int(s, ":amount", p->amount);
		db_bind_id(s, ":patient", p->patient);
		db_bind_id(s, ":payer", p->payer);
		db_bind_id(s, ":provider", p->provider);
		db_bind_text(s, ":code", p->codebuf[0] ? p->codebuf : NULL);
		db_bind_id(s, ":encounter", p->encounter);
		db_bind_id(s, ":proc", p->proc);
		if ((rc = db_exec(db, s)) != 0)
			return rc;
	}
	s = db_query_id(db, &ledger_queries[Q_TXN_CLOSE], *txn);
	if (sqlite3_step(s) != SQLITE_DONE) {
		/* our postings do not balance: a bug, whatever the input */
		warnx("txn-%lld: %s", *txn, sqlite3_errmsg(db_handle(db)));
		sqlite3_reset(s);
		return EX_SOFTWARE;
	}
	sqlite3_reset(s);
	return 0;
}

int
ledger_balance(struct db *db, long long pat, struct balance *b)
{
	sqlite3_stmt	*s = db_query_id(db, &ledger_queries[Q_BALANCE], pat);
	int		 rc = db_step(db, s);

	if (rc == SQLITE_ROW) {
		b->owes = sqlite3_column_int64(s, 0);
		b->pending = sqlite3_column_int64(s, 1);
		b->credit = sqlite3_column_int64(s, 2);
		rc = 0;
	}
	sqlite3_reset(s);
	return rc;
}

static void
fill_open(sqlite3_stmt *s, void *elem)
{
	struct open_line	*l = elem;
	const char		*code;

	l->proc = sqlite3_column_int64(s, 0);
	l->encounter = sqlite3_column_int64(s, 1);
	l->payer = sqlite3_column_int64(s, 2);
	l->provider = sqlite3_column_int64(s, 3);
	if ((code = (const char *)sqlite3_column_text(s, 4)) != NULL)
		snprintf(l->code, sizeof(l->code), "%s", code);
	l->open = sqlite3_column_int64(s, 5);
}

int
ledger_open(struct db *db, const char *account, long long pat,
    long long enc, struct open_line **out, size_t *n)
{
	sqlite3_stmt	*s = db_query(db, &ledger_queries[Q_OPEN]);
	int		 rc;

	sqlite3_bind_int64(s, 1, pat);
	sqlite3_bind_text(s, 2, account, -1, SQLITE_STATIC);
	if (enc)
		sqlite3_bind_int64(s, 3, enc);
	*out = db_collect(db, s, sizeof(**out), n, fill_open, &rc);
	if (rc != 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

long long
ledger_apply(struct postings *ps, const char *account, long long pat,
    const struct open_line *l, size_t n, long long amount)
{
	long long applied = 0;

	for (size_t i = 0; i < n && applied < amount; i++) {
		long long take = l[i].open < amount - applied ? l[i].open :
		    amount - applied;

		postings_add(ps, &(struct posting){ .account = account,
		    .amount = -take, .patient = pat, .payer = l[i].payer,
		    .provider = l[i].provider, .encounter = l[i].encounter,
		    .proc = l[i].proc, .code = l[i].code[0] ? l[i].code : NULL });
		applied += take;
	}
	return applied;
}

int
ledger_enc_of(struct db *db, long long pat, long long enc)
{
	sqlite3_stmt	*s = db_query_id(db, &ledger_queries[Q_ENC_OF], pat);
	int		 rc;

	sqlite3_bind_int64(s, 2, enc);
	rc = db_step(db, s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE) {
		warnx("--apply: enc-%lld is not an encounter of pat-%lld", enc,
		    pat);
		return EX_DATAERR;
	}
	return rc;
}

/* Apply amount to the open lines of account; what is left in *left. */
static int
apply_to(struct db *db, struct postings *ps, const char *account,
    long long pat, long long enc, long long *left)
{
	struct open_line	*l;
	size_t			 n;
	int			 rc;

	if ((rc = ledger_open(db, account, pat, enc, &l, &n)) != 0)
		return rc;
	*left -= ledger_apply(ps, account, pat, l, n, *left);
	free(l);
	return 0;
}

static int
payment_row(struct db *db, const struct payment *p, const char *kind,
    long long txn, long long *pay)
{
	sqlite3_stmt	*s = db_query(db, &ledger_queries[Q_PAYMENT_ADD]);

	db_bind_int(s, ":txn", txn);
	db_bind_int(s, ":patient", p->patient);
	db_bind_text(s, ":kind", kind);
	db_bind_text(s, ":method", p->method);
	db_bind_int(s, ":amount", p->amount);
	db_bind_text(s, ":check_no", p->check_no);
	db_bind_text(s, ":brand", p->brand);
	db_bind_text(s, ":last4", p->last4);
	db_bind_text(s, ":ref", p->ref);
	return db_insert(db, s, pay);
}

int
payment_post(struct db *db, const struct payment *p, const char *who,
    long long *pay, long long *txn)
{
	struct postings	 ps = { 0 };
	long long	 left = p->amount;
	int		 rc;

	if (p->apply && (rc = ledger_enc_of(db, p->patient, p->apply)) != 0)
		return rc;
	postings_add(&ps, &(struct posting){ .account = p->method,
	    .amount = p->amount, .patient = p->patient,
	    .encounter = p->apply });
	rc = apply_to(db, &ps, "ar.patient", p->patient, p->apply, &left);
	/* a copay at checkout: the patient's share of what insurance owes */
	if (rc == 0 && p->apply && left > 0)
		rc = apply_to(db, &ps, "ar.insurance", p->patient, p->apply,
		    &left);
	if (rc == 0 && left > 0)
		postings_add(&ps, &(struct posting){ .account = "credit",
		    .amount = -left, .patient = p->patient });
	if (rc == 0 && (rc = ledger_post(db, "payment", p->memo, who, 0, &ps,
	    txn)) == 0)
		rc = payment_row(db, p, "payment", *txn, pay);
	postings_free(&ps);
	return rc;
}

int
payment_refund(struct db *db, const struct payment *p, const char *who,
    long long *pay, long long *txn)
{
	struct postings	 ps = { 0 };
	struct balance	 b;
	sqlite3_stmt	*s;
	long long	 paid = 0, fromcredit;
	char		 a[MONEY_LEN], c[MONEY_LEN], d[MONEY_LEN];
	int		 rc;

	if ((rc = ledger_balance(db, p->patient, &b)) != 0)
		return rc;
	s = db_query_id(db, &ledger_queries[Q_PAID], p->patient);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		paid = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc;
	if (b.credit < 0)
		b.credit = 0;
	if (paid < 0)
		paid = 0;
	if (p->amount > b.credit + paid) {
		money_format(p->amount, a);
		money_format(b.credit, c);
		money_format(paid, d);
		warnx("a refund of %s is more than pat-%lld's credit (%s) and "
		    "payments (%s)", a, p->patient, c, d);
		return EX_DATAERR;
	}
	fromcredit = p->amount < b.credit ? p->amount : b.credit;
	if (fromcredit)
		postings_add(&ps, &(struct posting){ .account = "credit",
		    .amount = fromcredit, .patient = p->patient });
	/* reversing a payment: what it paid is owed again */
	if (p->amount > fromcredit)
		postings_add(&ps, &(struct posting){ .account = "ar.patient",
		    .amount = p->amount - fromcredit, .patient = p->patient });
	postings_add(&ps, &(struct posting){ .account = p->method,
	    .amount = -p->amount, .patient = p->patient });
	if ((rc = ledger_post(db, "refund", p->memo, who, 0, &ps, txn)) == 0)
		rc = payment_row(db, p, "refund", *txn, pay);
	postings_free(&ps);
	return rc;
}

int
ledger_adjust(struct db *db, long long pat, long long amount,
    const char *account, long long apply, const char *memo,
    const char *who, long long *txn)
{
	struct postings	 ps = { 0 };
	long long	 left = amount;
	char		 a[MONEY_LEN], o[MONEY_LEN];
	int		 rc;

	if (apply && (rc = ledger_enc_of(db, pat, apply)) != 0)
		return rc;
	postings_add(&ps, &(struct posting){ .account = account,
	    .amount = amount, .patient = pat, .encounter = apply });
	if ((rc = apply_to(db, &ps, "ar.patient", pat, apply, &left)) != 0)
		goto out;
	if (left > 0) {
		money_format(amount, a);
		money_format(amount - left, o);
		if (apply)
			warnx("an adjustment of %s is more than pat-%lld owes "
			    "on enc-%lld (%s)", a, pat, apply, o);
		else
			warnx("an adjustment of %s is more than pat-%lld owes "
			    "(%s)", a, pat, o);
		rc = EX_DATAERR;
		goto out;
	}
	rc = ledger_post(db, "adjust", memo, who, 0, &ps, txn);
out:
	postings_free(&ps);
	return rc;
}

/*
 * A void takes back the credit its transaction gave: refused when that
 * credit is gone (refunded or spent), as the patient's credit would go
 * below zero.  SQLITE_DONE to go on, or a sysexits code.
 */
static int
void_credit_check(struct db *db, long long txn, const struct postings *ps,
    long long pat)
{
	struct balance	 b = { 0 };
	char		 have[MONEY_LEN], take[MONEY_LEN];
	long long	 back = 0;
	int		 rc;

	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->p[i].account, "credit") == 0 &&
		    ps->p[i].patient == pat)
			back += ps->p[i].amount;	/* a debit: credit taken */
	if (back <= 0 || pat == 0)
		return SQLITE_DONE;
	if ((rc = ledger_balance(db, pat, &b)) != 0)
		return rc;
	if (b.credit >= back)
		return SQLITE_DONE;
	money_format(b.credit, have);
	money_format(back, take);
	warnx("txn-%lld gave pat-%lld %s of credit, of which %s is left "
	    "(refunded or applied since): void that first", txn, pat, take,
	    have);
	return EX_DATAERR;
}

int
ledger_void(struct db *db, long long txn, const char *reason,
    const char *who, long long *rev, long long *pat)
{
	struct postings	 ps = { 0 };
	sqlite3_stmt	*s = db_query_id(db, &ledger_queries[Q_TXN_GET], txn);
	long long	 by = 0;
	int		 rc, isvoid = 0;

	*pat = 0;
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		isvoid = strcmp((const char *)sqlite3_column_text(s, 0),
		    "void") == 0;
		by = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if ((rc = db_found(rc, "no transaction 'txn-%lld'", txn)) != 0)
		return rc;
	if (isvoid) {
		warnx("txn-%lld is a void: it cannot be voided", txn);
		return EX_DATAERR;
	}
	if (by) {
		warnx("txn-%lld was voided already, by txn-%lld", txn, by);
		return EX_DATAERR;
	}
	s = db_query_id(db, &ledger_queries[Q_TXN_POSTINGS], txn);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		postings_add(&ps, &(struct posting){
		    .account = xstrdup((const char *)sqlite3_column_text(s, 0)),
		    .amount = -sqlite3_column_int64(s, 1),
		    .patient = sqlite3_column_int64(s, 2),
		    .payer = sqlite3_column_int64(s, 3),
		    .provider = sqlite3_column_int64(s, 4),
		    .code = (const char *)sqlite3_column_text(s, 5),
		    .encounter = sqlite3_column_int64(s, 6),
		    .proc = sqlite3_column_int64(s, 7) });
		if (*pat == 0)
			*pat = ps.p[ps.n - 1].patient;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		rc = void_credit_check(db, txn, &ps, *pat);
	if (rc == SQLITE_DONE)
		rc = ledger_post(db, "void", reason, who, txn, &ps, rev);
	for (size_t i = 0; i < ps.n; i++)
		free((char *)ps.p[i].account);
	postings_free(&ps);
	return rc;
}

int
payment_txn(struct db *db, long long pay, long long *txn)
{
	sqlite3_stmt	*s = db_query_id(db, &ledger_queries[Q_PAY_TXN], pay);
	int		 rc = db_step(db, s);

	if (rc == SQLITE_ROW)
		*txn = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return db_found(rc, "no payment 'pay-%lld'", pay);
}

sqlite3_stmt *
ledger_list(struct db *db, long long pat, const char *from, const char *to)
{
	sqlite3_stmt *s = db_query_id(db, &ledger_queries[Q_LIST], pat);

	if (from)
		sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
	if (to)
		sqlite3_bind_text(s, 3, to, -1, SQLITE_TRANSIENT);
	return s;
}

int
ledger_day_start(const char *day, long days, char out[STAMP_LEN])
{
	char		 d[DATE_LEN];
	const char	*why;
	time_t		 t;

	if (date_add(day, days, 0, d) == -1 ||
	    date_at_minute(d, 0, &t, &why) == -1)
		return -1;
	date_utc(t, out);
	return 0;
}

sqlite3_stmt *
ledger_deposit(struct db *db, const char *day)
{
	sqlite3_stmt	*s = db_query(db, &ledger_queries[Q_DEPOSIT]);
	char		 a[STAMP_LEN], b[STAMP_LEN];

	if (ledger_day_start(day, 0, a) == 0 &&
	    ledger_day_start(day, 1, b) == 0) {
		sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
	}
	return s;
}

/* Bind ?1 to the instant after day asof ends (NULL for now). */
static void
bind_asof(sqlite3_stmt *s, const char *asof)
{
	char end[STAMP_LEN];

	if (asof && ledger_day_start(asof, 1, end) == 0)
		sqlite3_bind_text(s, 1, end, -1, SQLITE_TRANSIENT);
}

sqlite3_stmt *
ledger_trial(struct db *db, const char *asof)
{
	sqlite3_stmt *s = db_query(db, &ledger_queries[Q_TRIAL]);

	bind_asof(s, asof);
	return s;
}

int
ledger_verify(struct db *db, long long *ntxn, long long *bad,
    const char **why)
{
	sqlite3_stmt	*s = db_query(db, &ledger_queries[Q_COUNT]);
	int		 rc;

	*bad = 0;
	*why = NULL;
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*ntxn = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc;
	s = db_query(db, &ledger_queries[Q_UNSOUND]);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		*bad = sqlite3_column_int64(s, 0);
		*why = sqlite3_column_int(s, 1) == 0 ? "never closed" :
		    sqlite3_column_int64(s, 2) < 2 ? "fewer than two postings" :
		    "postings do not sum to 0";
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

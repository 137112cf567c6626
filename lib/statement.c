/*
 * statement - see statement.h.  A visit's figures come from the postings
 * to the receivables by the kind of transaction that made them (a void
 * counting as the kind it reverses): charges, insurance remittances,
 * adjustments, the patient's payments.  A remittance's contractual and
 * provider-level postings on the visit are adjustments, not money paid,
 * so insurance paid is what the remittance took off the receivables less
 * them.  What is left on the receivables is what is owed.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cfg.h"
#include "money.h"
#include "spawn.h"
#include "statement.h"

/* The patient ?1 and those merged into it. */
#define PATIENTS	"(SELECT ?1 UNION ALL SELECT id FROM patient" \
			" WHERE merged_into = ?1)"
/* Made by the end of local day ?2 (TZ is the clinic's zone). */
#define ASOF(t)		"date(" t ".at, 'localtime') <= ?2"
#define AR		"x.acct IN ('ar.patient', 'ar.insurance')"

enum { Q_HEAD, Q_VISITS, Q_CREDIT, Q_DUE, Q_CLAIM, Q_UNCLAIM };

const struct query statement_queries[] = {
	[Q_HEAD] = { "statement.head",
	    /* mrn, first, last, address1, address2, city, state, zip, email,
	     * email_consent */
	    "SELECT mrn, first, last, address1, address2, city, state, zip,"
	    " email, email_consent FROM patient WHERE id = ?1" },
	[Q_VISITS] = { "statement.visits",
	    /* enc, day, days, provider, codes, charges, insurance, adjust,
	     * paid, owes, pending */
	    "SELECT x.enc, coalesce(date(e.start_at, 'localtime'), max(x.day))"
	    " AS d, CAST(julianday(?2) - julianday(coalesce(date(e.start_at,"
	    " 'localtime'), max(x.day))) AS INTEGER), pr.name,"
	    " (SELECT group_concat(code, ' ') FROM (SELECT code FROM"
	    " encounter_proc WHERE encounter_id = x.enc ORDER BY id)),"
	    " sum(CASE WHEN " AR " AND x.k = 'charge' THEN x.amount ELSE 0"
	    " END), -sum(CASE WHEN x.k = 'remit' THEN x.amount ELSE 0 END),"
	    " -sum(CASE WHEN " AR " AND x.k = 'adjust' THEN x.amount"
	    " WHEN NOT " AR " AND x.k = 'remit' THEN -x.amount ELSE 0 END),"
	    " -sum(CASE WHEN " AR " AND x.k IN ('payment', 'refund') THEN"
	    " x.amount ELSE 0 END),"
	    " sum(CASE WHEN x.acct = 'ar.patient' THEN x.amount ELSE 0 END),"
	    " sum(CASE WHEN x.acct = 'ar.insurance' THEN x.amount ELSE 0 END)"
	    " FROM (SELECT p.encounter_id AS enc, p.account AS acct, p.amount,"
	    " coalesce(r.kind, t.kind) AS k, date(t.at, 'localtime') AS day"
	    " FROM posting p JOIN txn t ON t.id = p.txn_id"
	    " LEFT JOIN txn r ON r.id = t.reverses"
	    " WHERE p.patient_id IN " PATIENTS " AND p.account IN"
	    " ('ar.patient', 'ar.insurance', 'contractual', 'plb')"
	    " AND " ASOF("t") ") x"
	    " LEFT JOIN encounter e ON e.id = x.enc"
	    " LEFT JOIN provider pr ON pr.id = e.provider_id"
	    " GROUP BY x.enc"
	    " HAVING sum(CASE WHEN " AR " THEN x.amount ELSE 0 END) <> 0"
	    " OR max(x.day) > date(?2, '-90 days')"
	    " ORDER BY x.enc IS NULL, d, x.enc" },
	[Q_CREDIT] = { "statement.credit",
	    "SELECT coalesce(-sum(p.amount), 0) FROM posting p"
	    " JOIN txn t ON t.id = p.txn_id WHERE p.patient_id IN " PATIENTS
	    " AND p.account = 'credit' AND " ASOF("t") },
	[Q_DUE] = { "statement.due",
	    "SELECT pid FROM (SELECT coalesce(pa.merged_into, pa.id) AS pid,"
	    " sum(p.amount) AS s FROM posting p JOIN txn t ON t.id = p.txn_id"
	    " JOIN patient pa ON pa.id = p.patient_id"
	    " WHERE p.account IN ('ar.patient', 'credit')"
	    " AND date(t.at, 'localtime') <= ?1 GROUP BY pid)"
	    " WHERE s >= ?2 ORDER BY pid" },
	[Q_CLAIM] = { "statement.claim",
	    "INSERT INTO statement_sent (patient_id, as_of, sent_at, sent_by,"
	    " address, message_id) VALUES (:patient, :asof,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :who, :address, :mid)"
	    " ON CONFLICT DO NOTHING" },
	[Q_UNCLAIM] = { "statement.unclaim",
	    "DELETE FROM statement_sent WHERE patient_id = ?1 AND as_of = ?2" },
	{ NULL, NULL }
};

/* Column i as an owned string, NULL when NULL or empty. */
static char *
col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t && *t ? xstrdup(t) : NULL;
}

static int
load_head(struct db *db, struct statement *st)
{
	sqlite3_stmt	*s = db_query_id(db, &statement_queries[Q_HEAD],
	    st->patient);
	struct buf	 city = { 0 };
	const char	*c, *state, *zip;
	int		 rc = db_step(db, s);

	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? EX_SOFTWARE : rc;
	}
	st->mrn = col(s, 0);
	st->name = xasprintf("%s %s", sqlite3_column_text(s, 1),
	    sqlite3_column_text(s, 2));
	st->addr[0] = col(s, 3);
	st->addr[1] = col(s, 4);
	c = (const char *)sqlite3_column_text(s, 5);
	state = (const char *)sqlite3_column_text(s, 6);
	zip = (const char *)sqlite3_column_text(s, 7);
	/* "Springfield, IL 62701", with what there is of it */
	if (c && *c)
		buf_adds(&city, c);
	if (state && *state)
		buf_printf(&city, "%s%s", city.len ? ", " : "", state);
	if (zip && *zip)
		buf_printf(&city, "%s%s", city.len ? " " : "", zip);
	st->addr[2] = city.s;
	st->email = col(s, 8);
	st->consent = sqlite3_column_type(s, 9) != SQLITE_NULL;
	sqlite3_reset(s);
	return 0;
}

static void
fill_visit(sqlite3_stmt *s, void *elem)
{
	struct stmt_visit *v = elem;

	v->enc = sqlite3_column_int64(s, 0);
	snprintf(v->day, sizeof(v->day), "%s",
	    (const char *)sqlite3_column_text(s, 1));
	v->days = sqlite3_column_int(s, 2);
	v->provider = col(s, 3);
	v->codes = col(s, 4);
	v->charges = sqlite3_column_int64(s, 5);
	v->insurance = sqlite3_column_int64(s, 6);
	v->adjust = sqlite3_column_int64(s, 7);
	v->paid = sqlite3_column_int64(s, 8);
	v->owes = sqlite3_column_int64(s, 9);
	v->pending = sqlite3_column_int64(s, 10);
}

static int
load_visits(struct db *db, struct statement *st)
{
	sqlite3_stmt	*s = db_query_id(db, &statement_queries[Q_VISITS],
	    st->patient);
	int		 rc;

	sqlite3_bind_text(s, 2, st->asof, -1, SQLITE_TRANSIENT);
	st->v = db_collect(db, s, sizeof(*st->v), &st->n, fill_visit, &rc);
	return rc;
}

int
statement_load(struct db *db, long long pat, const char *asof,
    struct statement *st)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(st, 0, sizeof(*st));
	st->patient = pat;
	snprintf(st->asof, sizeof(st->asof), "%s", asof);
	if ((rc = load_head(db, st)) != 0 || (rc = load_visits(db, st)) != 0)
		return rc;
	s = db_query_id(db, &statement_queries[Q_CREDIT], pat);
	sqlite3_bind_text(s, 2, asof, -1, SQLITE_TRANSIENT);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		st->credit = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc;
	for (size_t i = 0; i < st->n; i++) {
		const struct stmt_visit *v = &st->v[i];
		int b = v->days <= 30 ? 0 : v->days <= 60 ? 1 :
		    v->days <= 90 ? 2 : 3;

		st->owes += v->owes;
		st->pending += v->pending;
		/* aged by date of service: only what the patient still owes */
		if (v->owes > 0)
			st->aging[b] += v->owes;
	}
	st->due = st->owes - st->credit;
	return 0;
}

void
statement_free(struct statement *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < st->n; i++) {
		free(st->v[i].provider);
		free(st->v[i].codes);
	}
	free(st->v);
	free(st->mrn);
	free(st->name);
	for (size_t i = 0; i < nitems(st->addr); i++)
		free(st->addr[i]);
	free(st->email);
	memset(st, 0, sizeof(*st));
}

/* --- layout ------------------------------------------------------------- */

#define RULE	"------------------------------------------------------------" \
		"------------------------------\n"
/* date, visit, codes, five amounts; then the provider (row()) */
#define ROW	"%-10s  %-8s  %-12s %10s %10s %10s %10s %10s"

/* The provider last, as it may be UTF-8 that printf's widths would miscount. */
static void
row_end(struct buf *b, const char *provider)
{
	buf_printf(b, "%s%s\n", *provider ? "  " : "", provider);
}

static void
line(struct buf *b, const char *s)
{
	if (s && *s)
		buf_printf(b, "%s\n", s);
}

/* "label    amount", the amount right-aligned. */
static void
figure(struct buf *b, const char *label, long long cents)
{
	char m[MONEY_LEN];

	money_format(cents, m);
	buf_printf(b, "%-30s %12s\n", label, m);
}

void
statement_text(const struct cfg *c, const struct statement *st,
    struct buf *b)
{
	static const char *const ages[STMT_AGES] = { "0-30 days",
	    "31-60 days", "61-90 days", "over 90 days" };
	char		 m[5][MONEY_LEN], enc[32];
	long long	 t[4] = { 0 };

	line(b, c->clinic_name);
	line(b, c->clinic_address1);
	line(b, c->clinic_address2);
	if (c->clinic_city || c->clinic_state || c->clinic_zip)
		buf_printf(b, "%s%s%s%s%s\n", c->clinic_city ? c->clinic_city :
		    "", c->clinic_city && c->clinic_state ? ", " : "",
		    c->clinic_state ? c->clinic_state : "",
		    c->clinic_zip ? " " : "",
		    c->clinic_zip ? c->clinic_zip : "");
	if (c->clinic_phone)
		buf_printf(b, "Phone: %s\n", c->clinic_phone);
	buf_printf(b, "\nPATIENT STATEMENT\n");
	buf_printf(b, "Statement date: %s\n", st->asof);
	buf_printf(b, "Account: pat-%lld   MRN: %s\n\n", st->patient,
	    st->mrn ? st->mrn : "");
	line(b, st->name);
	for (size_t i = 0; i < nitems(st->addr); i++)
		line(b, st->addr[i]);
	buf_adds(b, "\n");
	buf_printf(b, ROW, "Date", "Visit", "Codes", "Charges", "Insurance",
	    "Adjusted", "You paid", "Balance");
	row_end(b, "Provider");
	buf_adds(b, RULE);
	for (size_t i = 0; i < st->n; i++) {
		const struct stmt_visit *v = &st->v[i];

		money_format(v->charges, m[0]);
		money_format(v->insurance, m[1]);
		money_format(v->adjust, m[2]);
		money_format(v->paid, m[3]);
		money_format(v->owes + v->pending, m[4]);
		if (v->enc)
			snprintf(enc, sizeof(enc), "enc-%lld", v->enc);
		else
			snprintf(enc, sizeof(enc), "-");
		buf_printf(b, ROW, v->day, enc, v->codes ? v->codes : "-",
		    m[0], m[1], m[2], m[3], m[4]);
		row_end(b, v->enc ? (v->provider ? v->provider : "") :
		    "(not on a visit)");
		t[0] += v->charges;
		t[1] += v->insurance;
		t[2] += v->adjust;
		t[3] += v->paid;
	}
	if (st->n == 0)
		buf_adds(b, "No visits with a balance or recent activity.\n");
	buf_adds(b, RULE);
	for (int i = 0; i < 4; i++)
		money_format(t[i], m[i]);
	money_format(st->owes + st->pending, m[4]);
	buf_printf(b, ROW, "Total", "", "", m[0], m[1], m[2], m[3], m[4]);
	row_end(b, "");
	buf_adds(b, "\n");
	figure(b, "Insurance pending:", st->pending);
	if (st->credit)
		figure(b, "Credit on account:", st->credit);
	figure(b, "BALANCE DUE:", st->due);
	buf_adds(b, "\nWhat you owe by date of service:\n");
	for (int i = 0; i < STMT_AGES; i++)
		buf_printf(b, "%14s", ages[i]);
	buf_adds(b, "\n");
	for (int i = 0; i < STMT_AGES; i++) {
		money_format(st->aging[i], m[0]);
		buf_printf(b, "%14s", m[0]);
	}
	buf_adds(b, "\n");
	if (c->pay_statement_note)
		buf_printf(b, "\nHow to pay: %s\n", c->pay_statement_note);
}

/* --- PDF ---------------------------------------------------------------- */

/* groff's output is this at most: some hundred pages of statements. */
#define PDF_MAX		(64u * 1024 * 1024)
#define GROFF_SECONDS	120

/*
 * The text as troff, no-fill in Courier: each line kept as it is (a
 * backslash written \e, a leading . or ' made ordinary with \&), a form
 * feed a new page.  -k has preconv read the UTF-8.
 */
static void
troff_source(const struct buf *text, struct buf *src)
{
	const char *p = text->s ? text->s : "", *end = p + text->len;

	buf_adds(src, ".pl 11i\n.po 0.5i\n.ll 7.5i\n.ps 9\n.vs 11p\n"
	    ".ft CR\n.nf\n");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n > 0 && *p == '\f') {
			buf_adds(src, ".bp\n");
			p++;
			n--;
		}
		if (n > 0 && (*p == '.' || *p == '\''))
			buf_adds(src, "\\&");
		for (size_t i = 0; i < n; i++)
			if (p[i] == '\\')
				buf_adds(src, "\\e");
			else
				buf_addc(src, p[i]);
		buf_addc(src, '\n');
		p += n + 1;
	}
}

int
statement_pdf(const struct buf *text, struct buf *pdf)
{
	static char *const argv[] = { "groff", "-k", "-Tpdf", NULL };
	struct spawn_result	 r;
	struct buf		 src = { 0 };
	char			 why[256];
	int			 rc = 0;

	troff_source(text, &src);
	if (spawn_run(argv, src.s, src.len, GROFF_SECONDS, PDF_MAX, 0, &r,
	    why, sizeof(why)) != 0) {
		warnx("groff: %s (Debian's groff package makes PDF)", why);
		rc = EX_UNAVAILABLE;
	} else if (r.code != 0 || r.sig || r.timed_out || r.truncated ||
	    r.out.len == 0) {
		warnx("groff -Tpdf failed%s: %.*s", r.truncated ? " (too much "
		    "output)" : "", (int)(r.err.len > 200 ? 200 : r.err.len),
		    r.err.s ? r.err.s : "");
		rc = r.code == 0 && !r.sig ? EX_SOFTWARE : EX_UNAVAILABLE;
	} else {
		*pdf = r.out;
		r.out = (struct buf){ 0 };
	}
	spawn_result_free(&r);
	buf_free(&src);
	return rc;
}

/* --- who gets one, and who was emailed one ------------------------------ */

int
statement_due(struct db *db, const char *asof, long long min,
    long long **ids, size_t *n)
{
	sqlite3_stmt	*s = db_query(db, &statement_queries[Q_DUE]);
	int		 rc;

	sqlite3_bind_text(s, 1, asof, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, min);
	if ((rc = db_ids(db, s, ids, n)) != 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

int
statement_claim(struct db *db, long long pat, const char *asof,
    const char *who, const char *addr, const char *mid)
{
	sqlite3_stmt	*s = db_query(db, &statement_queries[Q_CLAIM]);
	int		 rc;

	db_bind_int(s, ":patient", pat);
	db_bind_text(s, ":asof", asof);
	db_bind_text(s, ":who", who);
	db_bind_text(s, ":address", addr);
	db_bind_text(s, ":mid", mid);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	return sqlite3_changes(db_handle(db)) == 1 ? 0 : 1;
}

int
statement_unclaim(struct db *db, long long pat, const char *asof)
{
	sqlite3_stmt *s = db_query_id(db, &statement_queries[Q_UNCLAIM], pat);

	sqlite3_bind_text(s, 2, asof, -1, SQLITE_TRANSIENT);
	return db_exec(db, s);
}

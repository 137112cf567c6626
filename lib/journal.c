/*
 * journal - see journal.h.  Account names: each account of the chart
 * (share/schema/012-ledger.sql) has a name under the root of its type
 * (Assets, Liabilities, Income, Expenses), and the accounts kept per
 * patient, payer or provider and code one per each of them:
 * Assets:Receivable:Patients:pat-12, Income:Services:prv-3:99213.  An
 * account a clinic added gets its code, each dotted part capitalised
 * (ar.lab -> Assets:Ar:Lab).  Beancount wants every part of a name to
 * begin with a capital or a digit, so there the ids are Pat-12, Pyr-3
 * and Prv-3: the same ids, the letter raised.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "journal.h"
#include "ledger.h"
#include "money.h"
#include "util.h"

/*
 * The transactions written: closed by :upto (the last closed when the
 * export began) and in the UTC bounds of the local days.  The ORDER BY
 * follows txn_at and posting_txn, so SQLite steps through the indexes
 * and never sorts: constant memory.
 */
#define WHERE_TXN " t.closed = 1 AND t.id <= :upto AND t.at >= :lo" \
			" AND t.at < :hi"
/* What the account is kept per: patient, payer, provider; and code. */
#define PER_KEYS	"CASE a.per WHEN 'patient' THEN p.patient_id" \
			" WHEN 'payer' THEN p.payer_id WHEN 'revenue' THEN" \
			" p.provider_id END AS k1, CASE a.per WHEN 'revenue'" \
			" THEN p.code END AS k2"

enum { Q_LAST, Q_OPENS, Q_ROWS };

const struct query journal_queries[] = {
	[Q_LAST] = { "journal.last",
	    "SELECT coalesce(max(id), 0) FROM txn WHERE closed = 1" },
	[Q_OPENS] = { "journal.opens",
	    /* account, type, per, k1, k2, first day used */
	    "SELECT p.account, a.type, a.per, " PER_KEYS ","
	    " min(date(t.at, 'localtime')) FROM posting p"
	    " JOIN txn t ON t.id = p.txn_id JOIN account a ON a.code ="
	    " p.account WHERE" WHERE_TXN " GROUP BY p.account, k1, k2"
	    " ORDER BY min(a.position), k1, k2" },
	[Q_ROWS] = { "journal.rows",
	    /* txn, day, kind, memo, reverses; account, type, per, k1, k2,
	     * amount */
	    "SELECT t.id, date(t.at, 'localtime'), t.kind, t.memo,"
	    " t.reverses, p.account, a.type, a.per, " PER_KEYS ", p.amount"
	    " FROM txn t JOIN posting p ON p.txn_id = t.id"
	    " JOIN account a ON a.code = p.account WHERE" WHERE_TXN
	    " ORDER BY t.at, t.id, p.id" },
	{ NULL, NULL }
};

/* The accounts of the chart clinix makes, by code. */
static const struct {
	const char	*code, *name;
} names[] = {
	{ "ar.patient",		"Assets:Receivable:Patients" },
	{ "ar.insurance",	"Assets:Receivable:Insurance" },
	{ "cash",		"Assets:Cash" },
	{ "check",		"Assets:Checks" },
	{ "card",		"Assets:CardClearing" },
	{ "credit",		"Liabilities:PatientCredit" },
	{ "refunds",		"Liabilities:Refunds" },
	{ "revenue",		"Income:Services" },
	{ "contractual",	"Expenses:ContractualAdjustment" },
	{ "writeoff",		"Expenses:WriteOff" },
	{ "baddebt",		"Expenses:BadDebt" },
	{ "plb",		"Expenses:ProviderLevelAdjustment" },
};

struct w {
	FILE			*f;
	enum journal_format	 fmt;
	const char		*cur;
};

int
journal_format(const char *name, enum journal_format *f)
{
	if (strcmp(name, "hledger") == 0)
		*f = JOURNAL_HLEDGER;
	else if (strcmp(name, "beancount") == 0)
		*f = JOURNAL_BEANCOUNT;
	else
		return -1;
	return 0;
}

static const char *
col(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);

	return v ? v : "";
}

/* An id part: pat-12, or beancount's Pat-12. */
static void
put_id(struct w *w, const char *kind, long long id)
{
	fprintf(w->f, ":%c%s-%lld", w->fmt == JOURNAL_BEANCOUNT ?
	    toupper((unsigned char)kind[0]) : kind[0], kind + 1, id);
}

/* The name of the account of columns i.. (account, type, per, k1, k2). */
static void
put_account(struct w *w, sqlite3_stmt *s, int i)
{
	static const struct { const char *type, *root; } roots[] = {
	    { "asset", "Assets" }, { "liability", "Liabilities" },
	    { "income", "Income" }, { "expense", "Expenses" } };
	const char	*code = col(s, i), *type = col(s, i + 1);
	const char	*per = col(s, i + 2), *k2 = col(s, i + 4);
	long long	 k1 = sqlite3_column_int64(s, i + 3);
	size_t		 j;

	for (j = 0; j < nitems(names); j++)
		if (strcmp(names[j].code, code) == 0)
			break;
	if (j < nitems(names))
		fputs(names[j].name, w->f);
	else {
		/* a clinic's own account: its code, parts capitalised */
		for (j = 0; j < nitems(roots); j++)
			if (strcmp(roots[j].type, type) == 0)
				fputs(roots[j].root, w->f);
		for (const char *p = code; *p; ) {
			size_t n;

			p += strspn(p, ".-");	/* a part begins with a letter */
			if ((n = strcspn(p, ".")) == 0)
				continue;
			fprintf(w->f, ":%c%.*s", toupper((unsigned char)*p),
			    (int)n - 1, p + 1);
			p += n;
		}
	}
	if (strcmp(per, "patient") == 0)
		put_id(w, "pat", k1);
	else if (strcmp(per, "payer") == 0)
		put_id(w, "pyr", k1);
	else if (strcmp(per, "revenue") == 0) {
		put_id(w, "prv", k1);
		fputc(':', w->f);
		for (const char *p = k2; *p; p++)
			fputc(toupper((unsigned char)*p), w->f);
	}
}

/*
 * Free text on one line: controls become spaces (a newline would end the
 * entry), and in beancount's quotes a quote or backslash is escaped.
 */
static void
put_text(struct w *w, const char *t)
{
	for (; *t; t++) {
		unsigned char c = (unsigned char)*t;

		if (c < 0x20 || c == 0x7f)
			c = ' ';
		else if (w->fmt == JOURNAL_BEANCOUNT && (c == '"' || c == '\\'))
			fputc('\\', w->f);
		fputc(c, w->f);
	}
}

static void
bind_common(sqlite3_stmt *s, long long upto, const char *lo, const char *hi)
{
	db_bind_int(s, ":upto", upto);
	db_bind_text(s, ":lo", lo);
	db_bind_text(s, ":hi", hi);
}

/* beancount: every account opened, on the first day it is used. */
static int
opens(struct db *db, struct w *w, long long upto, const char *lo,
    const char *hi)
{
	sqlite3_stmt	*s = db_query(db, &journal_queries[Q_OPENS]);
	int		 rc;

	bind_common(s, upto, lo, hi);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		fprintf(w->f, "%s open ", col(s, 5));
		put_account(w, s, 0);
		fprintf(w->f, " %s\n", w->cur);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* The head of transaction txn (columns 0..4 of journal.rows). */
static void
head(struct w *w, sqlite3_stmt *s, long long txn)
{
	const char	*memo = (const char *)sqlite3_column_text(s, 3);
	long long	 rev = sqlite3_column_int64(s, 4);

	if (w->fmt == JOURNAL_HLEDGER) {
		fprintf(w->f, "\n%s * (txn-%lld) %s\n", col(s, 1), txn,
		    col(s, 2));
		if (rev)
			fprintf(w->f, "    ; reverses: txn-%lld\n", rev);
		if (memo) {
			fputs("    ; ", w->f);
			put_text(w, memo);
			fputc('\n', w->f);
		}
		return;
	}
	fprintf(w->f, "\n%s * \"txn-%lld %s\"\n", col(s, 1), txn, col(s, 2));
	if (rev)
		fprintf(w->f, "  reverses: \"txn-%lld\"\n", rev);
	if (memo) {
		fputs("  memo: \"", w->f);
		put_text(w, memo);
		fputs("\"\n", w->f);
	}
}

int
journal_write(struct db *db, FILE *f, enum journal_format fmt,
    const char *from, const char *to, const char *currency,
    long long *ntxn)
{
	struct w	 w = { f, fmt, currency };
	sqlite3_stmt	*s = db_query(db, &journal_queries[Q_LAST]);
	char		 lo[STAMP_LEN] = "", hi[STAMP_LEN] = "9999";
	char		 amt[MONEY_LEN];
	long long	 upto = 0, last = 0;
	int		 rc;

	*ntxn = 0;
	if ((from && ledger_day_start(from, 0, lo) == -1) ||
	    (to && ledger_day_start(to, 1, hi) == -1)) {
		warnx("cannot tell when the days %s to %s begin", from ? from :
		    "", to ? to : "");
		return EX_DATAERR;
	}
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		upto = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc;
	fprintf(f, "; clinix pay export, %s\n", fmt == JOURNAL_HLEDGER ?
	    "hledger journal" : "beancount");
	if (fmt == JOURNAL_BEANCOUNT) {
		fprintf(f, "option \"operating_currency\" \"%s\"\n\n", currency);
		if ((rc = opens(db, &w, upto, lo, hi)) != 0)
			return rc;
	}
	s = db_query(db, &journal_queries[Q_ROWS]);
	bind_common(s, upto, lo, hi);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		long long txn = sqlite3_column_int64(s, 0);

		if (txn != last) {
			head(&w, s, txn);
			last = txn;
			++*ntxn;
		}
		fputs(fmt == JOURNAL_HLEDGER ? "    " : "  ", f);
		put_account(&w, s, 5);
		money_format(sqlite3_column_int64(s, 10), amt);
		fprintf(f, "  %s %s\n", amt, currency);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	if (fflush(f) == EOF || ferror(f)) {
		warn("writing the journal");
		return EX_IOERR;
	}
	return 0;
}

/*
 * ledger - unit tests for lib/ledger.c against a migrated database: how
 * an amount is read (64 for what is no money, 65 for money out of
 * range), that ledger_post refuses postings that do not balance and
 * leaves nothing, and that applying a payment walks the open lines in
 * order.  Expected sums are worked out by hand beside each case.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "ledger.h"
#include "tap.h"
#include "tempdb.h"

static void
amounts(void)
{
	static const struct {
		const char	*in;
		int		 rc;
		long long	 cents;
	} cases[] = {
		{ "150", 0, 15000 }, { "150.5", 0, 15050 },
		{ "0.01", 0, 1 }, { "1000000.00", 0, 100000000 },
		{ "0", EX_DATAERR, 0 }, { "0.00", EX_DATAERR, 0 },
		{ "-5.00", EX_DATAERR, 0 }, { "1000000.01", EX_DATAERR, 0 },
		{ "12.345", EX_USAGE, 0 }, { "1e3", EX_USAGE, 0 },
		{ "ten", EX_USAGE, 0 }, { "", EX_USAGE, 0 },
		{ "1,000.00", EX_USAGE, 0 }, { ".50", EX_USAGE, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long c = 0;

		is_int(ledger_amount(cases[i].in, "AMOUNT", &c), cases[i].rc,
		    "amount '%s'", cases[i].in);
		if (cases[i].rc == 0)
			is_int(c, cases[i].cents, "amount '%s': cents",
			    cases[i].in);
	}
}

static long long
count(struct db *db, const char *sql)
{
	sqlite3_stmt	*s;
	long long	 n = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void
posting(struct db *db)
{
	struct postings	 ps = { 0 };
	long long	 txn = 0;

	/* 10.00 cash against 9.99 credit: 0.01 off */
	postings_add(&ps, &(struct posting){ .account = "cash",
	    .amount = 1000 });
	postings_add(&ps, &(struct posting){ .account = "writeoff",
	    .amount = -999 });
	db_begin(db);
	is_int(ledger_post(db, "adjust", NULL, "unit", 0, &ps, &txn),
	    EX_SOFTWARE, "unbalanced postings are a bug, refused");
	db_rollback(db);
	is_int(count(db, "SELECT count(*) FROM txn"), 0, "and nothing stays");
	ps.p[1].amount = -1000;
	db_begin(db);
	is_int(ledger_post(db, "adjust", "ok", "unit", 0, &ps, &txn), 0,
	    "balanced postings close");
	db_commit(db);
	is_int(count(db, "SELECT closed FROM txn WHERE id = 1"), 1, "closed");
	is_int(txn, 1, "txn-1");
	postings_free(&ps);
}

static void
apply(void)
{
	struct open_line l[3] = {
		{ .proc = 1, .open = 5000 }, { .proc = 2, .open = 2500 },
		{ .proc = 3, .open = 1000 },
	};
	struct postings	 ps = { 0 };

	/* 60.00 over 50.00, 25.00, 10.00: all of the first, 10.00 of the next */
	is_int(ledger_apply(&ps, "ar.patient", 7, l, 3, 6000), 6000,
	    "60.00 applied");
	is_int((long long)ps.n, 2, "to two lines");
	is_int(ps.p[0].amount, -5000, "the first in full");
	is_int(ps.p[1].amount, -1000, "10.00 of the second");
	is_int(ps.p[1].proc, 2, "naming its line");
	postings_free(&ps);
	/* 100.00 over 85.00 owed: 85.00 applied, the rest is the caller's */
	is_int(ledger_apply(&ps, "ar.patient", 7, l, 3, 10000), 8500,
	    "no more than is open");
	postings_free(&ps);
}

int
main(void)
{
	struct tempdb	 t;
	struct db	*db;

	amounts();
	apply();
	if (tempdb_use(&t, &db) == 0)
		posting(db);
	tempdb_close(&t);
	return done_testing();
}

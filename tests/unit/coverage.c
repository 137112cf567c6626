/*
 * coverage - lib/coverage.c: what a payer and a coverage may hold, adding
 * and finding payers, adding, listing and ending coverage, on a migrated
 * database in a temporary directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "coverage.h"
#include "date.h"
#include "db.h"
#include "patient.h"
#include "tap.h"
#include "tempdb.h"
#include "util.h"

static struct db	*db;

#define first(s, col)	tempdb_first(db, (s), (col))

static int
rows(sqlite3_stmt *s)
{
	int n = 0;

	while (db_step(db, s) == SQLITE_ROW)
		n++;
	sqlite3_reset(s);
	return n;
}

static void
check_rules(void)
{
	/* records cov_check refuses, and with what */
	static const struct {
		struct cov	 in;
		int		 want;
		const char	*what;
	} bad[] = {
		{ { .member = "M-1", .from = "2026-01-01", .priority = "fourth" },
		  EX_USAGE, "an unknown priority is usage" },
		{ { .member = "M-1", .from = "not a day" },
		  EX_USAGE, "a bad --from is usage" },
		{ { .member = "M-1", .from = "2026-02-01", .to = "2026-01-31" },
		  EX_DATAERR, "--to before --from is bad data" },
		{ { .member = "M~1", .from = "2026-01-01" },
		  EX_DATAERR, "an X12 delimiter in a member id" },
		{ { .member = "", .from = "2026-01-01" },
		  EX_DATAERR, "an empty member id" },
		{ { .member = "M1", .from = "2026-01-01", .group = "G\tX" },
		  EX_DATAERR, "a control character in a group" },
		{ { .member = "M1", .from = "2026-01-01", .relationship = "child",
		    .sub_name = "Bo Lee" },
		  EX_USAGE, "another subscriber needs name, birth date and sex" },
		{ { .member = "M1", .from = "2026-01-01", .relationship = "child",
		    .sub_name = "Bo Lee", .sub_dob = "2999-01-01", .sub_sex = "M" },
		  EX_DATAERR, "a subscriber born in the future" },
		{ { .member = "M1", .from = "2026-01-01", .relationship = "child",
		    .sub_name = "Bo Lee", .sub_dob = "2010-05-06", .sub_sex = "X" },
		  EX_USAGE, "subscriber sex is F, M or U" },
	};
	struct cov	 c;

	c = (struct cov){ .payer = "Acme", .member = "M-1", .from = "2026-01-01" };
	is_int(cov_check(&c), 0, "payer, member and from are enough");
	is_str(c.priority, "primary", "priority defaults to primary");
	is_str(c.relationship, "self", "relationship defaults to self");
	is_str(c.fromd, "2026-01-01", "from is an ISO day");

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		c = bad[i].in;
		is_int(cov_check(&c), bad[i].want, "%s", bad[i].what);
	}

	is_int(payer_check("Acme Health", "60054"), 0, "a payer");
	is_int(payer_check("", "60054"), EX_DATAERR, "a payer needs a name");
	is_int(payer_check("Acme", "6"), EX_DATAERR, "an id of one character");
	is_int(payer_check("Acme", "60:54"), EX_DATAERR,
	    "an X12 delimiter in a payer id");
}

static void
check_payers(void)
{
	long long	 a = 0, b = 0, id;

	is_int(payer_add(db, "Acme Health", "60054", &a), 0, "add a payer");
	ok(a > 0, "it has an id");
	is_int(payer_add(db, "Blue", "BX001", &b), 0, "add another");
	is_int(payer_add(db, "Acme Health", "99999", &id), EX_DATAERR,
	    "a taken name is bad data");
	is_int(payer_find(db, "Acme Health", &id), 0, "found by name");
	is_int(id, a, "the right one");
	is_int(payer_find(db, "BX001", &id), 0, "found by X12 id");
	is_int(id, b, "the right one");
	is_int(payer_find(db, "pyr-1", &id), 0, "found by pyr- id");
	is_int(id, a, "the right one");
	is_int(payer_find(db, "Nobody", &id), EX_DATAERR, "no such payer");
	is_int(rows(payer_list(db)), 2, "payer list has both");
	is_str(first(payer_list(db), 0), "pyr-1", "listed by id, typed");
}

static void
check_coverage(void)
{
	struct cov	 c = { .member = "M-1", .from = "2020-01-01" };
	struct pat	 p = { 0 };
	const char	*why;
	long long	 pat, cov, other, owner = 0;

	pat_set(&p, PF_FIRST, "Ana", "US", &why);
	pat_set(&p, PF_LAST, "Lee", "US", &why);
	pat_set(&p, PF_DOB, "1980-02-29", "US", &why);
	if (!is_int(pat_insert(db, &p, &pat), 0, "a patient to cover"))
		return;
	pat_clear(&p);
	cov_check(&c);
	is_int(cov_add(db, pat, 1, &c, &cov), 0, "add primary coverage");
	is_int(cov_add(db, pat, 2, &c, &other), EX_DATAERR,
	    "a second primary on the same dates is refused");
	c.priority = "secondary";
	is_int(cov_add(db, pat, 2, &c, &other), 0, "a secondary is not");
	is_int(rows(cov_list(db, pat)), 2, "coverage list has both");
	is_str(first(cov_list(db, pat), 13), "active", "current coverage");

	is_int(cov_end(db, cov, "2019-12-31", &owner), EX_DATAERR,
	    "no end before the start");
	is_int(cov_end(db, 999, "2021-01-01", &owner), EX_DATAERR,
	    "no such coverage");
	is_int(cov_end(db, cov, "2021-01-01", &owner), 0, "end it");
	is_int(owner, pat, "the patient it belonged to");
	is_str(first(cov_list(db, pat), 13), "ended", "it shows ended");
	is_str(first(cov_list(db, pat), 12), "2021-01-01", "on that day");
}

int
main(void)
{
	struct tempdb t;

	check_rules();
	if (tempdb_use(&t, &db) == 0) {
		check_payers();
		check_coverage();
	}
	tempdb_close(&t);
	return done_testing();
}

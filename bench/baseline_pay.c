/*
 * baseline_pay - the floor under `pay balance PATIENT`, and the SQL of
 * `pay trial-balance` for the sqlite3 shell (see baseline.h).
 *
 *	CLINIX_DB=PATH baseline_pay [-a LOGIN] balance MRN
 *	baseline_pay trial-sql
 *
 * balance, as cmd/pay.c verb_balance runs it: the patient by MRN
 * (patient.resolve), ledger.balance, the audit row; the one row printed
 * as pay prints it (TSV, amounts as 12.34).  trial-sql prints
 * ledger.trial with no --as-of (every ?1 NULL), one statement ending in ';'.
 */
#include "baseline.h"

static void
money(long long c)
{
	printf("%s%lld.%02lld", c < 0 ? "-" : "", llabs(c) / 100,
	    llabs(c) % 100);
}

int
main(int argc, char *argv[])
{
	const char	*login = NULL;
	sqlite3_stmt	*s;
	long long	 id, b[3];

	(void)tsv_row;	/* pay prints money, not the raw columns */
	bl_prog = "baseline_pay";
	if (argc == 2 && strcmp(argv[1], "trial-sql") == 0) {
		const struct query *q = query_named("ledger.trial");
		const char *p, *at;

		if (q == NULL)
			fail("ledger.trial");
		for (p = q->sql; (at = strstr(p, "?1")) != NULL; p = at + 2)
			printf("%.*sNULL", (int)(at - p), p);
		printf("%s;\n", p);
		return 0;
	}
	if (bl_login_opt(argc, argv, &login) == -1 || argc - optind != 2 ||
	    strcmp(argv[optind], "balance") != 0) {
		fprintf(stderr, "usage: CLINIX_DB=PATH baseline_pay "
		    "[-a LOGIN] balance MRN | baseline_pay trial-sql\n");
		return EX_USAGE;
	}
	bl_open();
	if (login != NULL)
		bl_lookups(login);
	id = bl_patient(argv[optind + 1]);
	s = prep("ledger.balance");
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW)
		fail("ledger.balance");
	for (int i = 0; i < 3; i++)
		b[i] = sqlite3_column_int64(s, i);
	sqlite3_finalize(s);
	bl_audit(login ? login : "bench", "pay.balance", id, NULL, "balance");
	printf("pat-%lld", id);
	for (int i = 0; i < 3; i++) {
		putchar('\t');
		money(b[i]);
	}
	putchar('\n');
	return bl_close();
}

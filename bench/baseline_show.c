/*
 * baseline_show - the floor for `patient show MRN`: the same SQLite work
 * for one patient and nothing else (see bench/baseline.h).
 *
 *	CLINIX_DB=PATH baseline_show [-a LOGIN] MRN
 *
 * In the order cmd/patient.c show_one runs it: patient.resolve by MRN, the
 * audit row (the read is on the record before anything reaches the
 * screen), then patient.show by row id, printed as `patient show`
 * prints TSV.
 *
 * -a LOGIN also runs the two look-ups the programs make first (the audit
 * chain id from meta, the user by login), so bench/run can tell the cost
 * of those statements from the cost of everything else.
 */
#include "baseline.h"

int
main(int argc, char *argv[])
{
	sqlite3_stmt	*s;
	const char	*login = NULL;
	long long	 id;
	int		 c, rc;

	bl_prog = "baseline_show";
	while ((c = getopt(argc, argv, "a:")) != -1)
		switch (c) {
		case 'a':
			login = optarg;
			break;
		default:
			goto usage;
		}
	if (argc - optind != 1) {
usage:
		fprintf(stderr, "usage: CLINIX_DB=PATH baseline_show "
		    "[-a LOGIN] MRN\n");
		return EX_USAGE;
	}
	bl_open();
	if (login != NULL)
		bl_lookups(login);

	/* lib/patient.c pat_resolve: an MRN is ?2 */
	s = prep("patient.resolve");
	sqlite3_bind_text(s, 2, argv[optind], -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			fail("SELECT patient");
		fprintf(stderr, "baseline_show: no patient '%s'\n",
		    argv[optind]);
		return EX_DATAERR;
	}
	id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);

	bl_audit(login ? login : "bench", "patient.show", id, NULL, NULL);

	s = prep("patient.show");
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		tsv_row(s);
	if (rc != SQLITE_DONE)
		fail("SELECT patient");
	sqlite3_finalize(s);
	return bl_close();
}

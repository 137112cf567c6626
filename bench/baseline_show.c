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
	int		 rc;

	bl_prog = "baseline_show";
	if (bl_login_opt(argc, argv, &login) == -1 || argc - optind != 1) {
		fprintf(stderr, "usage: CLINIX_DB=PATH baseline_show "
		    "[-a LOGIN] MRN\n");
		return EX_USAGE;
	}
	bl_open();
	if (login != NULL)
		bl_lookups(login);
	id = bl_patient(argv[optind]);	/* lib/patient.c pat_resolve */

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

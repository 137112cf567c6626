/*
 * baseline_chart - the floor under `chart show PATIENT` and `chart history
 * PATIENT`: the same SQLite calls and nothing else (see baseline.h).
 *
 *	CLINIX_DB=PATH baseline_chart [-a LOGIN] show|history MRN
 *
 * As cmd/chart/view.c runs them: the patient by MRN (patient.resolve),
 * the audit row naming them, then for show the summary's statements in
 * its order -- chartview.patient, problem.list (active), allergy.lines,
 * vitals.latest, chartview.last, chartview.open -- and for history
 * chartview.history over all time, every kind.  Rows print as TSV (chart
 * history prints the same; chart show lays its rows out for a person,
 * which costs about as much).
 */
#include "baseline.h"

/* Every row of the statement name with patient bound to ?1 / :patient. */
static void
rows(const char *name, long long patient, void (*bind)(sqlite3_stmt *))
{
	sqlite3_stmt	*s = prep(name);
	int		 rc;

	sqlite3_bind_int64(s, 1, patient);
	if (bind)
		bind(s);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		tsv_row(s);
	if (rc != SQLITE_DONE)
		fail(name);
	sqlite3_finalize(s);
}

/* problem_list(db, pat, 0): active ones only */
static void
active(sqlite3_stmt *s)
{
	sqlite3_bind_int(s, 2, 0);
}

/* chartview_history's span when none is given (lib/span.c: all time) */
static void
all_time(sqlite3_stmt *s)
{
	db_bind_text(s, ":lo", "0000");
	db_bind_text(s, ":hi", "9999");
	db_bind_text(s, ":first", "0001-01-01");
	db_bind_text(s, ":last", "9998-12-31");
}

int
main(int argc, char *argv[])
{
	const char	*login = NULL, *verb;
	long long	 id;

	bl_prog = "baseline_chart";
	if (bl_login_opt(argc, argv, &login) == -1 || argc - optind != 2 ||
	    (strcmp(argv[optind], "show") != 0 &&
	    strcmp(argv[optind], "history") != 0)) {
		fprintf(stderr, "usage: CLINIX_DB=PATH baseline_chart "
		    "[-a LOGIN] show|history MRN\n");
		return EX_USAGE;
	}
	verb = argv[optind];
	bl_open();
	if (login != NULL)
		bl_lookups(login);
	id = bl_patient(argv[optind + 1]);

	if (strcmp(verb, "show") == 0) {
		bl_audit(login ? login : "bench", "chart.show", id, NULL,
		    "chart");
		rows("chartview.patient", id, NULL);
		rows("problem.list", id, active);
		rows("allergy.lines", id, NULL);
		rows("vitals.latest", id, NULL);
		rows("chartview.last", id, NULL);
		rows("chartview.open", id, NULL);
	} else {
		bl_audit(login ? login : "bench", "chart.history", id, NULL,
		    "history");
		rows("chartview.history", id, all_time);
	}
	return bl_close();
}

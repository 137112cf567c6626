/*
 * baseline_list - the floor for `sched list --day DAY --provider P`: the
 * same SQLite work and nothing else (see bench/baseline.h).
 *
 *	CLINIX_DB=PATH baseline_list [-a LOGIN] [-z ZONE] DAY PROVIDER
 *
 * As cmd/sched.c verb_list and list_audited run it: the provider found by
 * provider.find (a prv- id at :id, anything else as an NPI at :key); then
 * appt.list_provider with :lo and :hi the stored (UTC) bounds of the
 * local day DAY, from its midnight to the next, and :provider; the
 * rows printed as TSV while the pat- ids of column 3 are gathered as
 * ranges; then one audit row "N appointments" with the ranges as detail
 * (no patient id, whatever N).
 *
 * -z ZONE is the clinic's time zone, set as lib/date.c date_set_zone sets
 * it (TZ, tzset): it places the day and SQLite's 'localtime' shows the
 * times in it.  DAY is YYYY-MM-DD, no "today" or "+3d"; a midnight in a
 * DST gap (no zone bench/run uses) is not looked after.
 */
#include "baseline.h"

/* Local midnight of y-m-(d + days), as stored: "2026-11-27T05:00:00Z". */
static int
midnight(int y, int m, int d, int days, char out[32])
{
	struct tm	tm = { 0 };
	time_t		t;

	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + days;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

int
main(int argc, char *argv[])
{
	sqlite3_stmt	*s;
	struct ids	 ids = { 0 };
	const char	*login = NULL, *prv;
	char		 lo[32], hi[32], rec[48];
	long long	 id = 0;
	long		 n = 0;
	int		 c, rc, y, m, d;

	bl_prog = "baseline_list";
	while ((c = getopt(argc, argv, "a:z:")) != -1)
		switch (c) {
		case 'a':
			login = optarg;
			break;
		case 'z':
			setenv("TZ", optarg, 1);
			break;
		default:
			goto usage;
		}
	if (argc - optind != 2 || sscanf(argv[optind], "%4d-%2d-%2d", &y, &m,
	    &d) != 3) {
usage:
		fprintf(stderr, "usage: CLINIX_DB=PATH baseline_list "
		    "[-a LOGIN] [-z ZONE] YYYY-MM-DD PROVIDER\n");
		return EX_USAGE;
	}
	tzset();
	prv = argv[optind + 1];
	if (midnight(y, m, d, 0, lo) != 0 || midnight(y, m, d, 1, hi) != 0) {
		fprintf(stderr, "baseline_list: %s: no such day\n",
		    argv[optind]);
		return EX_USAGE;
	}

	bl_open();
	if (login != NULL)
		bl_lookups(login);

	id = bl_provider(prv);
	s = prep("appt.list_provider");
	db_bind_text(s, ":lo", lo);
	db_bind_text(s, ":hi", hi);
	db_bind_int(s, ":provider", id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		/* cmd/sched.c saw: the id from the "pat-N" column */
		const char *v = (const char *)sqlite3_column_text(s, 3);

		if (v != NULL && strncmp(v, "pat-", 4) == 0)
			ids_add(&ids, strtoll(v + 4, NULL, 10));
		tsv_row(s);
		n++;
	}
	if (rc != SQLITE_DONE)
		fail("SELECT appointment");
	sqlite3_finalize(s);

	/* cmd/sched.c list_audited */
	snprintf(rec, sizeof(rec), "%ld appointments", n);
	ids_flush(&ids);
	bl_audit(login ? login : "bench", "sched.list", 0, rec,
	    ids.s ? ids.s : "");
	free(ids.s);
	rc = bl_close();
	return rc ? rc : n == 0 ? 1 : 0;
}

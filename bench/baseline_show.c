/*
 * baseline_show - the floor for `patient show MRN`: the same SQLite work
 * for one patient and nothing else.
 *
 *	CLINIX_DB=PATH baseline_show [-a LOGIN] MRN
 *
 * The database comes from $CLINIX_DB, as bench/run gives it to the programs.
 * Open read-write with the programs' flags and pragmas, check the schema
 * version, SELECT the record with the text of SQL_PATIENT_SHOW, print it as
 * `patient show` prints TSV, then append the audit row in a BEGIN IMMEDIATE
 * transaction the way lib/audit.c does.  What it leaves out is what the
 * startup bench is asking about: no config file, no YAML, no key file, no
 * HMAC (the mac is a fixed 64-hex string), no passwd lookup, no clinic zone,
 * no audit tail file.  It is linked against the same static libsqlite3.a,
 * so the difference between the two is the programs' own overhead.
 *
 * -a LOGIN also runs the two look-ups the programs make before the SELECT
 * (the audit chain id from meta, the user by login), so `bench/run` can
 * tell the cost of those statements from the cost of everything else.
 *
 * Its audit rows break the HMAC chain of the bench clinic, which is thrown
 * away after every run; never point it at a real database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

/* Copied from lib/sql.c; keep in step with it or the comparison lies. */
static const char patient_show[] =
	"SELECT 'pat-' || id AS id, mrn, first, middle, last, preferred, dob,"
	" sex, gender, phone, phone2, email, address1, address2, city, state,"
	" zip, country, language, channel, sms_consent, email_consent,"
	" emergency_name, emergency_phone, deceased, note,"
	" CASE WHEN merged_into IS NOT NULL THEN 'merged'"
	" WHEN deceased IS NOT NULL THEN 'deceased'"
	" WHEN active = 1 THEN 'active' ELSE 'inactive' END AS status"
	" FROM patient WHERE id = ?1 OR mrn = ?2";
static const char audit_last[] =
	"SELECT id, mac, (SELECT count(*) FROM audit) FROM audit"
	" ORDER BY id DESC LIMIT 1";
static const char audit_add[] =
	"INSERT INTO audit (id, at, login, action, outcome, patient_id,"
	" record, detail, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char meta_get[] =
	"SELECT value FROM meta WHERE key = ?1";
static const char user_by_login[] =
	"SELECT id, role, active FROM user WHERE login = ?1";

static const char dummy_mac[] =
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static sqlite3 *db;

static _Noreturn void
fail(const char *what)
{
	fprintf(stderr, "baseline_show: %s: %s\n", what, sqlite3_errmsg(db));
	exit(EX_SOFTWARE);
}

/*
 * The programs keep every statement prepared with SQLITE_PREPARE_PERSISTENT
 * (lib/db.c db_stmt); do the same so the prepare cost is comparable.
 */
static sqlite3_stmt *
prep(const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    NULL) != SQLITE_OK)
		fail(sql);
	return s;
}

static void
exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail(sql);
}

/* lib/out.c's TSV field: backslash escapes, NULL as an empty field. */
static void
tsv_field(const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '\\': fputs("\\\\", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default: putchar(*s);
		}
}

/* Look-ups `patient show` makes before the SELECT (lib/audit.c, auth.c). */
static void
lookups(const char *login)
{
	sqlite3_stmt *s = prep(meta_get);

	sqlite3_bind_text(s, 1, "audit_chain", -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		fail("audit_chain");
	sqlite3_finalize(s);
	s = prep(user_by_login);
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		fail(login);
	sqlite3_finalize(s);
}

int
main(int argc, char *argv[])
{
	sqlite3_stmt	*s;
	const char	*login = NULL, *path = getenv("CLINIX_DB");
	char		 at[96];	/* ints the compiler cannot bound */
	struct timespec	 ts;
	struct tm	 tm;
	long long	 patient, id = 1;
	int		 c, rc, n, on = 1;

	while ((c = getopt(argc, argv, "a:")) != -1)
		switch (c) {
		case 'a':
			login = optarg;
			break;
		default:
			goto usage;
		}
	if (argc - optind != 1 || path == NULL || *path == '\0') {
usage:
		fprintf(stderr, "usage: CLINIX_DB=PATH baseline_show "
		    "[-a LOGIN] MRN\n");
		return EX_USAGE;
	}

	/* lib/db.c db_open and pragmas() */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		fail(path);
	/* the same connection settings as lib/db.c's pragmas() */
	sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_busy_timeout(db, 5000);
	exec("PRAGMA foreign_keys=ON");
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK || sqlite3_step(s) != SQLITE_ROW ||
	    sqlite3_column_int(s, 0) < 1)
		fail("PRAGMA user_version");
	sqlite3_finalize(s);
	if (login != NULL)
		lookups(login);

	/* the record, by MRN (?2), printed as TSV */
	s = prep(patient_show);
	sqlite3_bind_text(s, 2, argv[optind], -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			fail("SELECT patient");
		fprintf(stderr, "baseline_show: no patient '%s'\n",
		    argv[optind]);
		return EX_DATAERR;
	}
	n = sqlite3_column_count(s);
	for (int i = 0; i < n; i++) {
		const char *v = (const char *)sqlite3_column_text(s, i);

		if (i)
			putchar('\t');
		if (v != NULL)
			tsv_field(v);
	}
	putchar('\n');
	patient = strtoll((const char *)sqlite3_column_text(s, 0) + 4, NULL,
	    10);
	sqlite3_finalize(s);

	/* the audit row: lib/audit.c audit_add, minus the HMAC */
	exec("BEGIN IMMEDIATE");
	s = prep(audit_last);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0) + 1;
	else if (rc != SQLITE_DONE)
		fail("SELECT audit");
	sqlite3_finalize(s);
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	/*
	 * As lib/date.c date_now_stamp.  glibc's gmtime_r loads /etc/localtime
	 * on first use; the programs load the clinic's zone instead, so both
	 * read one zone file.
	 */
	snprintf(at, sizeof(at), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(ts.tv_nsec / 1000000));
	s = prep(audit_add);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, login ? login : "bench", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, "patient.show", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, "ok", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, patient);
	sqlite3_bind_text(s, 9, dummy_mac, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		fail("INSERT audit");
	sqlite3_finalize(s);
	exec("COMMIT");

	if (fflush(stdout) != 0) {
		perror("baseline_show: stdout");
		return EX_IOERR;
	}
	sqlite3_close(db);
	return 0;
}

/*
 * baseline.h - what bench/baseline_*.c share: the floor under a clinix
 * command, meaning the same SQLite calls and nothing else.
 *
 * The SQL is the programs' own: the baselines link lib/libclinix.a and
 * take each statement from its module's table by name (query_named, e.g.
 * "patient.show"), binding it with lib/db.c's db_bind_text/db_bind_int as
 * the programs do, so they cannot fall out of step with it.  Connection
 * settings are lib/db.c's, statements are prepared
 * SQLITE_PREPARE_PERSISTENT as db_query does, and the audit row is written
 * as lib/audit.c writes it, in its own BEGIN IMMEDIATE transaction, minus
 * the HMAC: its mac is a fixed 64-hex string.
 * What a baseline leaves out is what the benches ask about: no config file,
 * no YAML, no key file, no HMAC, no passwd lookup, no clinic zone, no
 * audit tail file, no locale.
 *
 * Its audit rows break the HMAC chain of the bench clinic, which is thrown
 * away after every run; never point a baseline at a real database.
 */
#ifndef BENCH_BASELINE_H
#define BENCH_BASELINE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"		/* db_bind_text, db_bind_int */
#include "queries.h"	/* query_named: the modules' statements */

static const char dummy_mac[] =
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static sqlite3		*db;
static const char	*bl_prog = "baseline";

static _Noreturn void
fail(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", bl_prog, what, sqlite3_errmsg(db));
	exit(EX_SOFTWARE);
}

/* As lib/db.c db_query: the module's statement, prepared persistent. */
static sqlite3_stmt *
prep(const char *name)
{
	const struct query	*q = query_named(name);
	sqlite3_stmt		*s;

	if (q == NULL) {
		fprintf(stderr, "%s: no statement %s in lib/: update bench/\n",
		    bl_prog, name);
		exit(EX_SOFTWARE);
	}
	if (sqlite3_prepare_v3(db, q->sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
	    NULL) != SQLITE_OK)
		fail(name);
	return s;
}

static void
exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail(sql);
}

/* lib/db.c db_open and pragmas(), on $CLINIX_DB. */
static void
bl_open(void)
{
	const char	*path = getenv("CLINIX_DB");
	sqlite3_stmt	*s;
	int		 on = 1;

	if (path == NULL || *path == '\0') {
		fprintf(stderr, "%s: set CLINIX_DB\n", bl_prog);
		exit(EX_USAGE);
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		fail(path);
	sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
	sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_busy_timeout(db, 5000);
	exec("PRAGMA journal_size_limit=4194304");
	exec("PRAGMA foreign_keys=ON");
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) !=
	    SQLITE_OK || sqlite3_step(s) != SQLITE_ROW ||
	    sqlite3_column_int(s, 0) < 1)
		fail("PRAGMA user_version");
	sqlite3_finalize(s);
}

/* The look-ups the programs make before their query (audit.c, user.c). */
static void
bl_lookups(const char *login)
{
	sqlite3_stmt *s = prep("audit.chain_get");

	if (sqlite3_step(s) != SQLITE_ROW)
		fail("audit_chain");
	sqlite3_finalize(s);
	s = prep("user.by_login");
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		fail(login);
	sqlite3_finalize(s);
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

static void
tsv_row(sqlite3_stmt *s)
{
	int n = sqlite3_column_count(s);

	for (int i = 0; i < n; i++) {
		const char *v = (const char *)sqlite3_column_text(s, i);

		if (i)
			putchar('\t');
		if (v != NULL)
			tsv_field(v);
	}
	putchar('\n');
}

/* -a LOGIN, a baseline's only option when it has no others: 0 or -1. */
static inline int
bl_login_opt(int argc, char *argv[], const char **login)
{
	int c;

	while ((c = getopt(argc, argv, "a:")) != -1) {
		if (c != 'a')
			return -1;
		*login = optarg;
	}
	return 0;
}

/* lib/patient.c pat_resolve by MRN (its ?2): the row id; 65 if none. */
static inline long long
bl_patient(const char *mrn)
{
	sqlite3_stmt	*s = prep("patient.resolve");
	long long	 id;
	int		 rc;

	sqlite3_bind_text(s, 2, mrn, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			fail("SELECT patient");
		fprintf(stderr, "%s: no patient '%s'\n", bl_prog, mrn);
		exit(EX_DATAERR);
	}
	id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

/*
 * lib/audit.c audit_add inside app.c's audit_alone: BEGIN IMMEDIATE, the
 * last row, the new one, COMMIT.  patient 0 and NULL strings are NULL.
 */
static void
bl_audit(const char *login, const char *action, long long patient,
    const char *record, const char *detail)
{
	sqlite3_stmt	*s;
	char		 at[96];	/* ints the compiler cannot bound */
	struct timespec	 ts;
	struct tm	 tm;
	long long	 id = 1;
	int		 rc;

	exec("BEGIN IMMEDIATE");
	s = prep("audit.last");
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0) + 1;
	else if (rc != SQLITE_DONE)
		fail("SELECT audit");
	sqlite3_finalize(s);
	/*
	 * As lib/date.c date_now_stamp.  glibc's gmtime_r loads /etc/localtime
	 * on first use; the programs load the clinic's zone instead, so both
	 * read one zone file.
	 */
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(at, sizeof(at), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(ts.tv_nsec / 1000000));
	s = prep("audit.add");
	db_bind_int(s, ":id", id);
	db_bind_text(s, ":at", at);
	db_bind_text(s, ":login", login);
	db_bind_text(s, ":action", action);
	db_bind_text(s, ":outcome", "ok");
	if (patient != 0)
		db_bind_int(s, ":patient", patient);
	db_bind_text(s, ":record", record);
	db_bind_text(s, ":detail", detail);
	db_bind_text(s, ":mac", dummy_mac);
	db_bind_int(s, ":break_glass", 0);	/* 009: NOT NULL, no default bound */
	if (sqlite3_step(s) != SQLITE_DONE)
		fail("INSERT audit");
	sqlite3_finalize(s);
	exec("COMMIT");
}

/*
 * lib/rec.c's idlist, for an audit row's detail: ascending runs of row ids
 * as "lo-hi", joined by commas.
 */
struct ids {
	char		*s;
	size_t		 len, cap;
	long long	 lo, hi;
	long		 n;
};

static inline void
ids_put(struct ids *l, const char *txt)
{
	size_t n = strlen(txt);

	if (l->len + n + 2 > l->cap) {
		l->cap = 2 * (l->len + n + 2);
		if ((l->s = realloc(l->s, l->cap)) == NULL) {
			perror(bl_prog);
			exit(EX_OSERR);
		}
	}
	if (l->len)
		l->s[l->len++] = ',';
	memcpy(l->s + l->len, txt, n + 1);
	l->len += n;
}

static inline void
ids_flush(struct ids *l)
{
	char txt[48];

	if (l->hi == 0)
		return;
	if (l->lo == l->hi)
		snprintf(txt, sizeof(txt), "%lld", l->lo);
	else
		snprintf(txt, sizeof(txt), "%lld-%lld", l->lo, l->hi);
	ids_put(l, txt);
	l->hi = 0;
}

static inline void
ids_add(struct ids *l, long long id)
{
	l->n++;
	if (l->hi != 0 && id == l->hi + 1) {
		l->hi = id;
		return;
	}
	ids_flush(l);
	l->lo = l->hi = id;
}

/*
 * lib/provider.c prv_find: a prv- id as :id, anything else as an NPI at
 * :key.  The row id; exits 65 when there is none.
 */
static inline long long
bl_provider(const char *prv)
{
	sqlite3_stmt	*s = prep("provider.find");
	char		*end;
	long long	 id;
	int		 rc;

	if (strncmp(prv, "prv-", 4) == 0 &&
	    (id = strtoll(prv + 4, &end, 10)) > 0 && *end == '\0')
		db_bind_int(s, ":id", id);
	else
		db_bind_text(s, ":key", prv);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			fail("SELECT provider");
		fprintf(stderr, "%s: no provider '%s'\n", bl_prog, prv);
		exit(EX_DATAERR);
	}
	id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

static int
bl_close(void)
{
	if (fflush(stdout) != 0) {
		fprintf(stderr, "%s: stdout: write error\n", bl_prog);
		return EX_IOERR;
	}
	/* lib/db.c db_close: a program that wrote checkpoints what it wrote */
	if (sqlite3_total_changes(db) > 0)
		sqlite3_wal_checkpoint_v2(db, "main",
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	sqlite3_close(db);
	return 0;
}

#endif

/*
 * schedfix.h - a migrated clinic database in a temp dir for the unit
 * tests of the calendar (slots, appt): providers with hours, patients,
 * rooms, appointments written by plain SQL, all in UTC so that a local
 * time is the stored one.  Header-only, as tap.h.
 */
#ifndef CLINIX_SCHEDFIX_H
#define CLINIX_SCHEDFIX_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "date.h"
#include "db.h"
#include "tap.h"
#include "util.h"

static char	 fix_dir[] = "/tmp/schedfix.XXXXXX";
static char	*fix_path;

/* Run SQL the test means to succeed; report it when it does not. */
static inline int
fix_sql(struct db *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, &err) == SQLITE_OK)
		return 0;
	ok(0, "fixture SQL: %s: %s", sql, err);
	sqlite3_free(err);
	return -1;
}

/*
 * Providers prv-1 and prv-2 working Mondays 09:00-12:00 and 13:00-17:00,
 * prv-3 deactivated; patients pat-1 to pat-3; room 1.
 */
static inline struct db *
fix_open(void)
{
	struct db	*db;
	int		 from, to;

	if (date_set_zone("UTC") != 0 || mkdtemp(fix_dir) == NULL)
		return NULL;
	fix_path = xasprintf("%s/sched.db", fix_dir);
	if (db_create(&db, fix_path, 1000) != 0 ||
	    db_migrate(db, &from, &to) != 0) {
		ok(0, "a migrated database in %s", fix_dir);
		return NULL;
	}
	if (fix_sql(db,
	    "INSERT INTO provider (name, npi, taxonomy, active, created_at)"
	    " VALUES ('Ada', '1234567802', '207Q00000X', 1, 'x'),"
	    " ('Bo', '1234567810', '207Q00000X', 1, 'x'),"
	    " ('Cy', '1234567828', '207Q00000X', 0, 'x');"
	    "INSERT INTO provider_hours VALUES (1, 1, 540, 720),"
	    " (1, 1, 780, 1020), (2, 1, 540, 720), (2, 1, 780, 1020),"
	    " (3, 1, 0, 1440);"
	    "INSERT INTO patient (mrn, first, last, dob, created_at,"
	    " updated_at) VALUES ('M1', 'Ann', 'Ames', '1980-01-01', 'x', 'x'),"
	    " ('M2', 'Ben', 'Best', '1980-01-01', 'x', 'x'),"
	    " ('M3', 'Cat', 'Cole', '1980-01-01', 'x', 'x');"
	    "INSERT INTO resource (name, kind, created_at)"
	    " VALUES ('Room 1', 'room', 'x');") != 0)
		return NULL;
	return db;
}

/* An appointment written as the triggers see it: [start, end) in UTC. */
static inline int
fix_apt(struct db *db, long long patient, long long provider,
    const char *start, const char *end, const char *status)
{
	char *sql = xasprintf("INSERT INTO appointment (patient_id,"
	    " provider_id, start_at, end_at, status, created_at, created_by,"
	    " updated_at) VALUES (%lld, %lld, '%s', '%s', '%s', 'x', 'test',"
	    " 'x')", patient, provider, start, end, status);
	int rc = fix_sql(db, sql);

	free(sql);
	return rc;
}

/* An instant from "2030-12-02T09:00:00Z". */
static inline time_t
fix_at(const char *s)
{
	const char	*why;
	time_t		 t = 0;

	if (date_parse_instant(s, &t, &why) != 0)
		ok(0, "fixture time %s: %s", s, why);
	return t;
}

static inline void
fix_close(struct db *db)
{
	char *w, *m;

	if (db)
		db_close(db);
	w = xasprintf("%s-wal", fix_path);
	m = xasprintf("%s-shm", fix_path);
	unlink(fix_path);
	unlink(w);
	unlink(m);
	rmdir(fix_dir);
	free(w);
	free(m);
	free(fix_path);
}

#endif

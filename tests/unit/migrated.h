/*
 * migrated.h - an in-memory database with every migration this build
 * carries applied (db_migrations, compiled from share/schema), for the
 * unit tests that check our SQL against our schema.  Header-only, as
 * tap.h.
 */
#ifndef CLINIX_MIGRATED_H
#define CLINIX_MIGRATED_H

#include <sqlite3.h>

#include "db.h"
#include "tap.h"

/* The database, or NULL after a failed check saying why. */
static inline sqlite3 *
migrated_db(void)
{
	sqlite3	*h;
	char	*err = NULL;
	int	 good = 1;

	if (sqlite3_open(":memory:", &h) != SQLITE_OK) {
		ok(0, "open an in-memory database: %s", sqlite3_errmsg(h));
		sqlite3_close(h);
		return NULL;
	}
	/* as the programs run them: a bad REFERENCES shows */
	sqlite3_exec(h, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	for (int i = 0; i < db_nmigrations && good; i++) {
		const struct db_migration *m = &db_migrations[i];

		if (m->n != i + 1) {
			ok(0, "migration %d is numbered %d (%s)", i + 1, m->n,
			    m->name);
			good = 0;
		} else if (sqlite3_exec(h, m->sql, NULL, NULL, &err) !=
		    SQLITE_OK) {
			ok(0, "migration %s applies: %s", m->name, err);
			sqlite3_free(err);
			good = 0;
		}
	}
	if (!good) {
		sqlite3_close(h);
		return NULL;
	}
	ok(1, "the %d compiled migrations apply to an empty database",
	    db_nmigrations);
	return h;
}

#endif

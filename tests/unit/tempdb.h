/*
 * tempdb.h - a migrated clinix database in a temporary directory, opened
 * through lib/db as the programs open theirs, for unit tests of modules
 * that take a struct db.  Header-only, as tap.h.
 */
#ifndef CLINIX_TEMPDB_H
#define CLINIX_TEMPDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db.h"
#include "tap.h"
#include "util.h"

struct tempdb {
	char		 dir[32];
	char		*path;
	struct db	*db;
};

/* 0, or -1 after a failed check saying why. */
static inline int
tempdb_open(struct tempdb *t)
{
	int from, to;

	snprintf(t->dir, sizeof(t->dir), "/tmp/clinix-unit.XXXXXX");
	t->db = NULL;
	t->path = NULL;
	if (mkdtemp(t->dir) == NULL) {
		ok(0, "make a temporary directory");
		return -1;
	}
	t->path = xasprintf("%s/clinix.db", t->dir);
	if (!is_int(db_create(&t->db, t->path, 1000), 0, "a new database") ||
	    !is_int(db_migrate(t->db, &from, &to), 0, "migrated to %d",
	    db_known_version()))
		return -1;
	return 0;
}

/* tempdb_open, with *db set to its database (NULL on failure) too. */
static inline int
tempdb_use(struct tempdb *t, struct db **db)
{
	int rc = tempdb_open(t);

	*db = t->db;
	return rc;
}

/* The value of column col in s's first row, "" for NULL or none.  Static. */
static inline const char *
tempdb_first(struct db *db, sqlite3_stmt *s, int col)
{
	static char	 buf[256];
	const char	*v;

	buf[0] = '\0';
	if (db_step(db, s) == SQLITE_ROW &&
	    (v = (const char *)sqlite3_column_text(s, col)) != NULL)
		snprintf(buf, sizeof(buf), "%s", v);
	sqlite3_reset(s);
	return buf;
}

/* Column 0 of every row of s, comma-separated; s is reset.  Static. */
static inline const char *
tempdb_col0(sqlite3_stmt *s)
{
	static char	buf[256];
	size_t		n = 0;

	buf[0] = '\0';
	while (sqlite3_step(s) == SQLITE_ROW)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    n ? "," : "", sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return buf;
}

static inline void
tempdb_close(struct tempdb *t)
{
	db_close(t->db);
	if (t->path != NULL)
		db_unlink(t->path);
	free(t->path);
	rmdir(t->dir);
}

#endif

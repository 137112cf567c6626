/*
 * dbrows - the shared row helpers of lib/db.c (db_collect, db_first_int,
 * db_found, db_bind_id, db_bind_key, db_write, db_retire) and the code
 * list reader of lib/codelist.c, against a table of their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "codelist.h"
#include "csvio.h"
#include "db.h"
#include "tap.h"
#include "tempdb.h"
#include "util.h"

static const struct query q[] = {
	{ "test.rows", "SELECT id, name FROM t WHERE id > ?1 ORDER BY id" },
	{ "test.one", "SELECT id FROM t WHERE name = ?1" },
	{ "test.add", "INSERT INTO t (name) VALUES (:name)" },
	{ "test.key", "SELECT name FROM t WHERE id = :id OR name = :key" },
	{ "test.isnull", "SELECT :v IS NULL" },
	{ "test.names", "SELECT name FROM t WHERE gone IS NULL ORDER BY id" },
	{ "test.gone", "UPDATE t SET gone = ?2 WHERE name = ?1" },
	{ "test.upsert", "INSERT INTO c (code, description) VALUES (?1, ?2)"
	    " ON CONFLICT (code) DO UPDATE SET description ="
	    " excluded.description" },
	{ NULL, NULL }
};
enum { ROWS, ONE, ADD, KEY, ISNULL, NAMES, GONE, UPSERT };

struct row {
	long long	 id;
	char		 name[16];
};

static void
fill(sqlite3_stmt *s, void *elem)
{
	struct row *r = elem;

	r->id = sqlite3_column_int64(s, 0);
	snprintf(r->name, sizeof(r->name), "%s", db_col(s, 1));
}

static int
kept(void *arg, const char *name)
{
	return strcmp(name, arg) == 0;
}

static void
bind_gone(void *arg, sqlite3_stmt *s, const char *name)
{
	(void)arg;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, "v2", -1, SQLITE_STATIC);
}

/* A code is two capitals; line 1 is a header when it says "code". */
static int
header(void *arg, const struct csvrec *c, const char *name)
{
	(void)arg, (void)name;
	return c->n > 0 && strcmp(c->f[0], "code") == 0;
}

static const char *
check(void *arg, const struct csvrec *c, struct codelist_row *r,
    const char **field, int *skip)
{
	(void)arg;
	*field = "code";
	if (c->n < 2 || strlen(c->f[0]) != 2)
		return "not two letters";
	if (strcmp(c->f[0], "ZZ") == 0) {
		*skip = 1;
		return NULL;
	}
	memcpy(r->code, c->f[0], 3);
	r->desc = c->f[1];
	return NULL;
}

static void
file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

int
main(void)
{
	struct codelist	 cl = { &q[UPSERT], header, check, "no codes", NULL };
	struct db	*db;
	struct row	*r;
	sqlite3_stmt	*s;
	char		 dir[] = "/tmp/dbrows.XXXXXX", *path, *csv;
	long long	 n, id = 0;
	size_t		 nr;
	long		 nl;
	int		 rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/r.db", dir);
	csv = xasprintf("%s/c.csv", dir);
	if (!is_int(db_create(&db, path, 1000), 0, "a new database") ||
	    !is_int(sqlite3_exec(db_handle(db), "CREATE TABLE t (id INTEGER"
	    " PRIMARY KEY, name TEXT UNIQUE, gone TEXT);"
	    "CREATE TABLE c (code TEXT PRIMARY KEY, description TEXT);",
	    NULL, NULL, NULL), SQLITE_OK, "the test tables"))
		return done_testing();

	s = db_query(db, &q[ADD]);
	db_bind_text(s, ":name", "ann");
	is_int(db_write(db, s, "add", &id), 0, "db_write adds a row");
	is_int(id, 1, "and gives its id");
	s = db_query(db, &q[ADD]);
	db_bind_text(s, ":name", "ann");
	id = 0;
	is_int(db_write(db, s, "add", &id), -1, "a taken name is -1");
	ok(id == 0, "with no id");
	ok(strstr(sqlite3_errmsg(db_handle(db)), "UNIQUE") != NULL,
	    "and sqlite3_errmsg says why");
	for (const char *const *v = (const char *const[]){ "bob", "cy", NULL };
	    *v; v++) {
		s = db_query(db, &q[ADD]);
		db_bind_text(s, ":name", *v);
		db_write(db, s, "add", NULL);
	}

	s = db_query(db, &q[ROWS]);
	sqlite3_bind_int64(s, 1, 1);
	r = db_collect(db, s, sizeof(*r), &nr, fill, &rc);
	ok(rc == 0 && nr == 2 && r[0].id == 2 && strcmp(r[1].name, "cy") == 0,
	    "db_collect: every row, in order, through fill");
	free(r);
	s = db_query(db, &q[ROWS]);
	sqlite3_bind_int64(s, 1, 9);
	r = db_collect(db, s, sizeof(*r), &nr, fill, &rc);
	ok(rc == 0 && nr == 0 && r == NULL, "no rows: NULL and 0");

	s = db_query(db, &q[ONE]);
	sqlite3_bind_text(s, 1, "bob", -1, SQLITE_STATIC);
	ok(db_first_int(db, s, &n) == 0 && n == 2, "db_first_int: a row");
	s = db_query(db, &q[ONE]);
	sqlite3_bind_text(s, 1, "dan", -1, SQLITE_STATIC);
	n = 7;
	ok(db_first_int(db, s, &n) == 0 && n == 0, "none: 0, and *n 0");

	is_int(db_found(SQLITE_ROW, "no thing %d", 1), 0, "db_found: a row");
	is_int(db_found(SQLITE_DONE, "no thing %d", 2), EX_DATAERR,
	    "none: 65 (said)");
	is_int(db_found(EX_TEMPFAIL, "no thing %d", 3), EX_TEMPFAIL,
	    "a step's code: passed on");

	s = db_query(db, &q[ISNULL]);
	db_bind_id(s, ":v", 0);
	ok(db_step(db, s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1,
	    "db_bind_id: 0 is NULL");
	s = db_query(db, &q[ISNULL]);
	db_bind_id(s, ":v", 5);
	ok(db_step(db, s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 0,
	    "an id is itself");
	sqlite3_reset(s);

	s = db_query(db, &q[KEY]);
	is_int(db_bind_key(s, "tst", "tst-3", ":id", ":key"), 0,
	    "db_bind_key: an id of the kind");
	is_str(tempdb_first(db, s, 0), "cy", "binds its number");
	s = db_query(db, &q[KEY]);
	is_int(db_bind_key(s, "tst", "bob", ":id", ":key"), -1, "a name");
	is_str(tempdb_first(db, s, 0), "bob", "binds the key");
	s = db_query(db, &q[KEY]);
	is_int(db_bind_key(s, "tst", "pat-3", ":id", ":key"), -1,
	    "another kind's id is a key");

	is_int(db_retire(db, db_query(db, &q[NAMES]), &q[GONE], kept,
	    bind_gone, "bob", &nl), 0, "db_retire");
	is_int(nl, 2, "retires the two not kept");
	is_str(tempdb_col0(db_query(db, &q[NAMES])), "bob",
	    "and keeps the one listed");

	file(csv, "code,description\nAB,first\nZZ,skipped\nCD,second\n");
	ok(codelist_import(db, &cl, csv, &nl) == 0 && nl == 2,
	    "codelist: a header, two codes and one skipped");
	file(csv, "AB,again\nx,bad\nEF,third\n");
	ok(codelist_import(db, &cl, csv, &nl) == EX_DATAERR && nl == 0,
	    "a bad line is 65");
	{
		static const struct query desc = { "test.desc",
		    "SELECT group_concat(code || '=' || description) FROM"
		    " (SELECT * FROM c ORDER BY code)" };

		is_str(tempdb_first(db, db_query(db, &desc), 0),
		    "AB=first,CD=second", "and loads nothing");
	}
	file(csv, "code,description\nZZ,skipped\n");
	is_int(codelist_import(db, &cl, csv, &nl), EX_DATAERR,
	    "nothing to load is 65 when the list says so");
	file(csv, "");
	ok(codelist_import(db, &cl, csv, &nl) == 0 && nl == 0,
	    "an empty file loads nothing, quietly");

	db_close(db);
	db_unlink(path);
	unlink(csv);
	rmdir(dir);
	free(path);
	free(csv);
	return done_testing();
}

/*
 * dbquery - db_query keeps one prepared statement per query table entry,
 * however many a program uses, and binds named parameters; db_query_id
 * binds a statement's one id, by number or by name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db.h"
#include "tap.h"
#include "util.h"

#define NQ 300	/* past several growths of the cache */

int
main(void)
{
	static struct query	 q[NQ + 1];
	sqlite3_stmt		*first[NQ];
	struct db		*db;
	char			 dir[] = "/tmp/dbquery.XXXXXX", *path;
	int			 same = 1, right = 1;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/q.db", dir);
	if (!is_int(db_create(&db, path, 1000), 0, "a new database"))
		return done_testing();
	for (int i = 0; i < NQ; i++) {
		q[i].name = xasprintf("test.q%d", i);
		q[i].sql = xasprintf("SELECT %d + :n", i);
	}
	for (int i = 0; i < NQ; i++)
		first[i] = db_query(db, &q[i]);
	for (int i = 0; i < NQ; i++) {
		sqlite3_stmt *s = db_query(db, &q[i]);

		same &= s == first[i];
		db_bind_int(s, ":n", 1000);
		right &= db_step(db, s) == SQLITE_ROW &&
		    sqlite3_column_int(s, 0) == i + 1000;
	}
	ok(same, "each of %d queries is prepared once", NQ);
	ok(right, "each statement is its own and binds :n");
	{
		sqlite3_stmt *s = db_query(db, &q[7]);

		ok(sqlite3_bind_parameter_count(s) == 1 &&
		    sqlite3_stmt_busy(s) == 0, "handed back reset");
		db_bind_text(s, ":n", NULL);
		is_int(db_step(db, s), SQLITE_ROW, "NULL binds");
		ok(sqlite3_column_type(s, 0) == SQLITE_NULL, "7 + NULL is NULL");
	}
	{
		static const struct query byname = { "test.by_name",
		    "SELECT :id * 2 + :id" }, bynum = { "test.by_number",
		    "SELECT ?1 - 1" };
		sqlite3_stmt *s = db_query_id(db, &byname, 14);

		ok(db_step(db, s) == SQLITE_ROW &&
		    sqlite3_column_int64(s, 0) == 42, "db_query_id binds :id "
		    "everywhere it appears");
		s = db_query_id(db, &bynum, 5000000000LL);
		ok(db_step(db, s) == SQLITE_ROW &&
		    sqlite3_column_int64(s, 0) == 4999999999LL,
		    "and ?1, as a 64-bit id");
		s = db_query_id(db, &byname, 1);
		ok(db_step(db, s) == SQLITE_ROW &&
		    sqlite3_column_int64(s, 0) == 3,
		    "the cached statement comes back reset and rebound");
	}
	db_close(db);
	unlink(path);
	{
		char *w = xasprintf("%s-wal", path), *m = xasprintf("%s-shm", path);

		unlink(w);
		unlink(m);
		free(w);
		free(m);
	}
	rmdir(dir);
	free(path);
	for (int i = 0; i < NQ; i++) {
		free((char *)q[i].name);
		free((char *)q[i].sql);
	}
	return done_testing();
}

/*
 * outbusy - a listing whose step meets a locked database exits 75 (busy,
 * try again), not 70 (a bug): out_stmt hands back the sqlite code as a
 * sysexits one.  Two connections to one file: the second's statement is
 * prepared first (preparing reads the schema, and would be busy itself),
 * then the first takes an exclusive lock and keeps it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>
#include <sysexits.h>

#include "app.h"
#include "out.h"
#include "tap.h"

int
main(void)
{
	char		 path[] = "/tmp/clinix-outbusy-XXXXXX";
	sqlite3		*a, *b;
	sqlite3_stmt	*s;
	struct out	*o;
	FILE		*devnull = fopen("/dev/null", "w");
	int		 fd = mkstemp(path);
	long		 n;

	ok(fd >= 0 && devnull != NULL, "a temporary database");
	close(fd);
	ok(sqlite3_open(path, &a) == SQLITE_OK && sqlite3_exec(a,
	    "CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);", NULL, NULL,
	    NULL) == SQLITE_OK, "a table of two rows");
	ok(sqlite3_open(path, &b) == SQLITE_OK && sqlite3_prepare_v2(b,
	    "SELECT x FROM t", -1, &s, NULL) == SQLITE_OK, "a listing");
	o = out_new(devnull, OUT_TSV, 0);
	is_int(out_stmt(o, s, NULL, NULL), 2, "unlocked: both rows");
	ok(sqlite3_exec(a, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK,
	    "another connection holds the lock");
	n = out_stmt(o, s, NULL, NULL);
	is_int(n, -EX_TEMPFAIL, "locked: minus 75");
	is_int(app_listed(n), EX_TEMPFAIL, "the listing exits 75");
	is_int(app_listed(2), 0, "rows listed exit 0");
	sqlite3_exec(a, "COMMIT", NULL, NULL, NULL);
	is_int(out_stmt(o, s, NULL, NULL), 2, "unlocked again: both rows");
	out_free(o);
	sqlite3_finalize(s);
	sqlite3_close(b);
	sqlite3_close(a);
	fclose(devnull);
	unlink(path);
	return done_testing();
}

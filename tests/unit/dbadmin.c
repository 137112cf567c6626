/*
 * dbadmin - lib/db's helpers for db's own verbs: the integrity and
 * foreign key checks, an online backup into a new file, the checks a
 * file must pass before restore takes it, and the restore itself.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "tempdb.h"

static struct tempdb t;

static int
exec(const char *sql)
{
	return sqlite3_exec(db_handle(t.db), sql, NULL, NULL, NULL);
}

static long long
count_meta(void)
{
	sqlite3_stmt	*s;
	long long	 n = -1;

	if (sqlite3_prepare_v2(db_handle(t.db), "SELECT count(*) FROM meta"
	    " WHERE key = 'dbadmin'", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

int
main(void)
{
	char	*r, *bak = NULL, *junk = NULL;
	FILE	*f;

	if (tempdb_open(&t) != 0)
		goto out;
	bak = xasprintf("%s/backup.db", t.dir);
	junk = xasprintf("%s/junk.db", t.dir);

	is_str(r = db_check(t.db, DB_CHECK_INTEGRITY), "ok", "integrity ok");
	free(r);
	is_str(r = db_check(t.db, DB_CHECK_FOREIGN_KEYS), "ok", "keys ok");
	free(r);

	is_int(exec("INSERT INTO meta (key, value) VALUES ('dbadmin', 'x')"),
	    SQLITE_OK, "a row to back up");
	is_int(db_backup(t.db, bak), 0, "backup");
	is_int(db_restorable(bak, "backup.db"), 0, "the backup is restorable");

	f = fopen(junk, "w");
	fputs("not a database, only some text that is long enough\n", f);
	fclose(f);
	is_int(db_restorable(junk, "junk.db"), EX_DATAERR,
	    "a text file is not: 65");
	unlink(junk);

	is_int(exec("DELETE FROM meta WHERE key = 'dbadmin'"), SQLITE_OK,
	    "the row goes");
	is_int(count_meta(), 0, "gone");
	is_int(db_restore(t.db, bak), 0, "restore the backup");
	is_int(count_meta(), 1, "the row is back");

	/* a row pointing nowhere, written with the keys off */
	exec("PRAGMA foreign_keys=OFF");
	exec("INSERT INTO patient_history (patient_id, at, login, field)"
	    " VALUES (999, '2026-01-01', 'x', 'x')");
	exec("PRAGMA foreign_keys=ON");
	r = db_check(t.db, DB_CHECK_FOREIGN_KEYS);
	ok(strstr(r, "of patient_history has no parent") != NULL,
	    "a row with no parent: %s", r);
	free(r);
out:
	if (bak != NULL)
		db_unlink(bak);
	free(bak);
	free(junk);
	tempdb_close(&t);
	return done_testing();
}

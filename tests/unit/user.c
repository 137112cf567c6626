/*
 * user - lib/user against a migrated database: adding, finding by login
 * and usr- id, a taken login, role and active changes, and the last
 * active admin, who can be neither demoted nor disabled; and lib/db.c's
 * meta counters, which have no unit of their own.
 */
#include <sysexits.h>

#include "tempdb.h"
#include "user.h"

int
main(void)
{
	struct tempdb	 t;
	struct user	 u;
	long long	 admin, nurse, id;

	if (tempdb_open(&t) != 0) {
		tempdb_close(&t);
		return done_testing();
	}
	ok(user_bad_login("ann") == NULL, "ann is a login");
	ok(user_bad_login("") != NULL, "an empty login is not");
	ok(user_bad_login("Ann") != NULL, "nor one with upper case");
	ok(user_bad_login("9lives") != NULL, "nor one starting with a digit");
	ok(user_bad_login("a23456789012345678901234567890123") != NULL,
	    "nor 33 characters");
	ok(user_bad_name(NULL) == NULL, "no name is fine");

	is_int(user_add(t.db, "root", "admin", "Root", &admin), 0, "add admin");
	is_int(user_add(t.db, "nina", "nurse", NULL, &nurse), 0, "add nurse");
	ok(nurse == admin + 1, "ids follow");
	is_int(user_add(t.db, "nina", "billing", NULL, &id), EX_DATAERR,
	    "a taken login is 65");

	is_int(user_find(t.db, "nina", &u), 0, "find by login");
	ok(u.id == nurse && u.active == 1, "the nurse, active");
	is_str(u.role, "nurse", "her role");
	{
		char rec[32];

		snprintf(rec, sizeof(rec), "usr-%lld", admin);
		is_int(user_find(t.db, rec, &u), 0, "find by usr- id");
		is_str(u.login, "root", "the admin");
	}
	is_int(user_find(t.db, "nobody", &u), EX_DATAERR, "no such user: 65");
	is_int(user_by_login(t.db, "nina", &u), 0, "by login only");
	ok(u.id == nurse && u.active == 1 && strcmp(u.role, "nurse") == 0 &&
	    strcmp(u.login, "nina") == 0, "the nurse, active, her role");
	is_int(user_by_login(t.db, "nobody", &u), EX_DATAERR,
	    "no such login: 65");
	{
		char rec[32];

		snprintf(rec, sizeof(rec), "usr-%lld", nurse);
		is_int(user_by_login(t.db, rec, &u), EX_DATAERR,
		    "a usr- id is not a login");
	}
	{
		long long n = 7;

		is_int(db_meta_get(t.db, "no_such_key", &n), 0,
		    "a meta key not there");
		is_int(n, 7, "leaves the value alone");
		is_int(db_meta_set(t.db, "test_next", 42), 0, "set one");
		is_int(db_meta_get(t.db, "test_next", &n), 0, "read it");
		is_int(n, 42, "as set");
		is_int(db_meta_set(t.db, "test_next", 43), 0, "set again");
		db_meta_get(t.db, "test_next", &n);
		is_int(n, 43, "replaced");
	}

	is_int(user_find(t.db, "nina", &u), 0, "the nurse again");
	is_int(user_set_role(t.db, &u, "billing"), 0, "set her role");
	is_int(user_set_active(t.db, &u, 0), 0, "disable her");
	is_int(user_find(t.db, "nina", &u), 0, "and read her back");
	ok(u.active == 0 && strcmp(u.role, "billing") == 0,
	    "billing, disabled");

	is_int(user_find(t.db, "root", &u), 0, "the only admin");
	is_int(user_set_active(t.db, &u, 0), EX_DATAERR,
	    "the last active admin cannot be disabled");
	is_int(user_set_role(t.db, &u, "nurse"), EX_DATAERR,
	    "nor demoted");
	is_int(user_add(t.db, "boss", "admin", NULL, &id), 0,
	    "a second admin");
	is_int(user_set_role(t.db, &u, "nurse"), 0, "then the first may go");
	{
		long n = 0;
		sqlite3_stmt *s = user_list(t.db);

		while (sqlite3_step(s) == SQLITE_ROW)
			n++;
		sqlite3_reset(s);
		is_int(n, 3, "user_list lists all three");
	}
	tempdb_close(&t);
	return done_testing();
}

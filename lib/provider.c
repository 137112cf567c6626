/*
 * provider - finding a provider, a visit type or a resource from what
 * people type.
 */
#include <string.h>
#include <sysexits.h>

#include "db.h"
#include "provider.h"
#include "rec.h"

/*
 * Run q with ?1 the row id of a kind- id or ?2 the key as typed; the
 * first columns are id, then (n > 2) one more integer, then active.
 */
static int
find(struct db *db, enum sql_id q, const char *kind, const char *key,
    long long *id, int *extra, int *active)
{
	sqlite3_stmt	*s;
	long long	 n = 0;
	int		 rc;

	if (rec_id_parse(key, kind, &n) != 0 && rec_is_id(key))
		return EX_DATAERR;	/* pat-3 where a prv- was wanted */
	s = db_stmt(db, q);
	if (n > 0)
		sqlite3_bind_int64(s, 1, n);
	else
		sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		int c = 0;

		*id = sqlite3_column_int64(s, c++);
		if (extra)
			*extra = sqlite3_column_int(s, c++);
		if (active)
			*active = sqlite3_column_int(s, c);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return EX_DATAERR;
	return rc == SQLITE_ROW ? 0 : rc;
}

int
prv_find(struct db *db, const char *key, long long *id, int *active)
{
	return find(db, SQL_PROVIDER_FIND, "prv", key, id, NULL, active);
}

int
vtype_find(struct db *db, const char *key, long long *id, int *minutes,
    int *active)
{
	int m;

	return find(db, SQL_VISIT_TYPE_FIND, "vt", key, id,
	    minutes ? minutes : &m, active);
}

int
resource_find(struct db *db, const char *key, long long *id, int *active)
{
	return find(db, SQL_RESOURCE_FIND, "res", key, id, NULL, active);
}

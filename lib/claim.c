/*
 * claim - see claim.h.
 */
#include <err.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "claim.h"
#include "rec.h"

enum { Q_STATUS, Q_EVENT, Q_HISTORY };

const struct query claim_queries[] = {
	[Q_STATUS] = { "claim.status",
	    "UPDATE claim SET status = ?2 WHERE id = ?1" },
	[Q_EVENT] = { "claim.event",
	    "INSERT INTO claim_event (claim_id, at, who, status, note)"
	    " VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, ?3, ?4)" },
	[Q_HISTORY] = { "claim.history",
	    "SELECT e.at, e.who, e.status, e.note FROM claim_event e"
	    " WHERE e.claim_id = ?1 ORDER BY e.id" },
	{ NULL, NULL }
};

int
claim_arg(const char *s, long long *claim)
{
	char lower[24];
	size_t i;

	/* CLM01 is "clm-N"; a payer may echo it in capitals */
	for (i = 0; s[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' :
		    s[i];
	lower[i] = '\0';
	if (s[i] != '\0' || rec_id_parse(lower, "clm", claim) == -1) {
		warnx("not a claim id '%s'", s);
		return EX_DATAERR;
	}
	return 0;
}

int
claim_status_set(struct db *db, long long claim, const char *status,
    const char *who, const char *note)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_query_id(db, &claim_queries[Q_STATUS], claim);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	if ((rc = db_exec(db, st)) != 0)
		return rc;
	if (sqlite3_changes(db_handle(db)) == 0) {
		warnx("no claim clm-%lld", claim);
		return EX_DATAERR;
	}
	st = db_query_id(db, &claim_queries[Q_EVENT], claim);
	sqlite3_bind_text(st, 2, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	if (note != NULL)
		sqlite3_bind_text(st, 4, note, -1, SQLITE_TRANSIENT);
	return db_exec(db, st);
}

sqlite3_stmt *
claim_history(struct db *db, long long claim)
{
	return db_query_id(db, &claim_queries[Q_HISTORY], claim);
}

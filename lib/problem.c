/*
 * problem - see problem.h.  The code is checked against the code table
 * (problem has no foreign key to it: its key is system and code).  A
 * header code such as E11 may stand on a problem list, where a claim's
 * diagnosis may not.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "problem.h"
#include "rec.h"

enum { Q_ADD, Q_ACTIVE, Q_LIST, Q_GET, Q_RESOLVE };

const struct query problem_queries[] = {
	[Q_ADD] = { "problem.add",
	    "INSERT INTO problem (patient_id, code, onset, note, created_at,"
	    " created_by) VALUES (:patient, :code, :onset, :note,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :login)" },
	[Q_ACTIVE] = { "problem.active",
	    "SELECT id FROM problem WHERE patient_id = ?1 AND code = ?2"
	    " AND resolved_on IS NULL" },
	[Q_LIST] = { "problem.list",
	    "SELECT 'prb-' || p.id AS id, " CODESET_ICD_DOTTED("p.code")
	    " AS code, c.title, p.onset, p.resolved_on AS resolved, p.note"
	    " FROM problem p LEFT JOIN code c ON c.system = 'icd10cm'"
	    " AND c.code = p.code"
	    " WHERE p.patient_id = ?1 AND (?2 OR p.resolved_on IS NULL)"
	    " ORDER BY p.resolved_on IS NOT NULL, p.id" },
	[Q_GET] = { "problem.get",
	    "SELECT patient_id, onset, resolved_on FROM problem WHERE id = ?1" },
	[Q_RESOLVE] = { "problem.resolve",
	    "UPDATE problem SET resolved_on = ?2 WHERE id = ?1"
	    " AND resolved_on IS NULL" },
	{ NULL, NULL }
};

int
problem_code(struct db *db, const char *typed, char out[CODESET_CODE_MAX + 1])
{
	struct code_info	 ci;
	int			 rc;

	if ((rc = codeset_lookup(db, CODESYS_ICD10CM, typed, &ci)) != 0)
		return rc;
	switch (ci.status) {
	case CODE_UNKNOWN:
		warnx("unknown ICD-10-CM code '%s'", typed);
		return EX_DATAERR;
	case CODE_RETIRED:
		warnx("ICD-10-CM code '%s' was retired in %s", typed,
		    ci.retired_in);
		return EX_DATAERR;
	default:
		memcpy(out, ci.code, sizeof(ci.code));
		return 0;
	}
}

int
problem_active(struct db *db, long long pat, const char *code, long long *id)
{
	sqlite3_stmt	*s = db_query(db, &problem_queries[Q_ACTIVE]);

	sqlite3_bind_int64(s, 1, pat);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
	return db_first_int(db, s, id);
}

int
problem_add(struct db *db, long long pat, const char *code,
    const char *onset, const char *note, const char *login, long long *id)
{
	sqlite3_stmt	*s;
	char		 dotted[CODESET_CODE_MAX + 2];
	long long	 old;
	int		 rc;

	if ((rc = problem_active(db, pat, code, &old)) != 0)
		return rc;
	if (old != 0) {
		codeset_dotted(CODESYS_ICD10CM, code, dotted);
		warnx("%s is already on pat-%lld's problem list as prb-%lld",
		    dotted, pat, old);
		return EX_DATAERR;
	}
	s = db_query(db, &problem_queries[Q_ADD]);
	db_bind_int(s, ":patient", pat);
	db_bind_text(s, ":code", code);
	db_bind_text(s, ":onset", onset);
	db_bind_text(s, ":note", note);
	db_bind_text(s, ":login", login);
	return db_insert(db, s, id);
}

sqlite3_stmt *
problem_list(struct db *db, long long pat, int all)
{
	sqlite3_stmt *s = db_query(db, &problem_queries[Q_LIST]);

	sqlite3_bind_int64(s, 1, pat);
	sqlite3_bind_int(s, 2, all != 0);
	return s;
}

int
problem_resolve(struct db *db, long long pat, const char *key,
    const char *day, long long *id)
{
	sqlite3_stmt	*s;
	char		 code[CODESET_CODE_MAX + 1], onset[DATE_LEN] = "";
	char		 resolved[DATE_LEN] = "";
	long long	 owner = 0;
	int		 rc;

	if (rec_is_id(key)) {
		if (rec_id_parse(key, "prb", id) == -1) {
			warnx("not a problem id '%s'", key);
			return EX_DATAERR;
		}
	} else {
		if ((rc = problem_code(db, key, code)) != 0 ||
		    (rc = problem_active(db, pat, code, id)) != 0)
			return rc;
		if (*id == 0) {
			warnx("'%s' is not on pat-%lld's active problem list",
			    key, pat);
			return EX_DATAERR;
		}
	}
	s = db_query_id(db, &problem_queries[Q_GET], *id);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		owner = sqlite3_column_int64(s, 0);
		if (sqlite3_column_text(s, 1))
			snprintf(onset, sizeof(onset), "%s",
			    (const char *)sqlite3_column_text(s, 1));
		if (sqlite3_column_text(s, 2))
			snprintf(resolved, sizeof(resolved), "%s",
			    (const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (owner != pat) {	/* another patient's is none of this one's */
		warnx("pat-%lld has no problem 'prb-%lld'", pat, *id);
		return EX_DATAERR;
	}
	if (*resolved) {
		warnx("prb-%lld was resolved on %s", *id, resolved);
		return EX_DATAERR;
	}
	if (*onset && strcmp(day, onset) < 0) {
		warnx("--on %s is before prb-%lld's onset %s", day, *id, onset);
		return EX_DATAERR;
	}
	s = db_query(db, &problem_queries[Q_RESOLVE]);
	sqlite3_bind_int64(s, 1, *id);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	return db_exec(db, s);
}

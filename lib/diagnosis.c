/*
 * diagnosis - see diagnosis.h.  The signed-is-final triggers of
 * share/schema/009-chart.sql would refuse a change to a signed encounter
 * anyway; dx_encounter says it first in words a user can act on.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "diagnosis.h"
#include "encounter.h"
#include "problem.h"
#include "procedure.h"
#include "util.h"

enum { Q_ENCOUNTER, Q_CHILDREN, Q_POSITION, Q_ADD, Q_LIST, Q_DELETE,
    Q_MOVE };

const struct query diagnosis_queries[] = {
	[Q_ENCOUNTER] = { "diagnosis.encounter",
	    "SELECT patient_id, signed_at IS NOT NULL, (SELECT count(*)"
	    " FROM encounter_dx WHERE encounter_id = e.id)"
	    " FROM encounter e WHERE id = ?1" },
	/* the key's range holds the codes starting with ?1: '[' > 'Z' */
	[Q_CHILDREN] = { "diagnosis.children",
	    "SELECT code FROM code WHERE system = 'icd10cm'"
	    " AND code > ?1 AND code < ?1 || '[' AND billable = 1"
	    " AND retired_in IS NULL ORDER BY length(code), code LIMIT ?2" },
	[Q_POSITION] = { "diagnosis.position",
	    "SELECT position FROM encounter_dx WHERE encounter_id = ?1"
	    " AND code = ?2" },
	[Q_ADD] = { "diagnosis.add",
	    "INSERT INTO encounter_dx (encounter_id, position, code,"
	    " problem_id) VALUES (?1, ?2, ?3, nullif(?4, 0))" },
	[Q_LIST] = { "diagnosis.list",
	    "SELECT d.position, " CODESET_ICD_DOTTED("d.code") " AS code,"
	    " c.title, 'prb-' || d.problem_id AS problem FROM encounter_dx d"
	    " LEFT JOIN code c ON c.system = 'icd10cm' AND c.code = d.code"
	    " WHERE d.encounter_id = ?1 ORDER BY d.position" },
	[Q_DELETE] = { "diagnosis.delete",
	    "DELETE FROM encounter_dx WHERE encounter_id = ?1"
	    " AND position = ?2" },
	[Q_MOVE] = { "diagnosis.move",
	    "UPDATE encounter_dx SET position = ?2 - 1 WHERE encounter_id = ?1"
	    " AND position = ?2" },
	{ NULL, NULL }
};

int
dx_encounter(struct db *db, long long enc, int write, long long *patient,
    int *ndx)
{
	sqlite3_stmt	*s = db_query_id(db, &diagnosis_queries[Q_ENCOUNTER],
			    enc);
	int		 rc, signed_ = 0;

	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		*patient = sqlite3_column_int64(s, 0);
		signed_ = sqlite3_column_int(s, 1);
		*ndx = sqlite3_column_int(s, 2);
	}
	sqlite3_reset(s);
	if ((rc = enc_found(rc, enc)) != 0)
		return rc;
	if (write && signed_) {
		warnx("enc-%lld is signed: add an addendum", enc);
		return EX_DATAERR;
	}
	return 0;
}

/* "E11.8, E11.9, E11.22, ...": billable codes under a header. */
static int
children(struct db *db, const char *code, struct buf *b)
{
	sqlite3_stmt	*s = db_query(db, &diagnosis_queries[Q_CHILDREN]);
	char		 dotted[CODESET_CODE_MAX + 2];
	int		 rc, n = 0;

	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, DX_HINTS + 1);	/* one more says "..." */
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		if (++n > DX_HINTS) {
			buf_adds(b, ", ...");
			break;
		}
		codeset_dotted(CODESYS_ICD10CM,
		    (const char *)sqlite3_column_text(s, 0), dotted);
		buf_printf(b, "%s%s", n > 1 ? ", " : "", dotted);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

int
dx_code(struct db *db, const char *typed, char out[CODESET_CODE_MAX + 1])
{
	struct code_info	 ci;
	struct buf		 b = { 0 };
	int			 rc;

	if ((rc = codeset_lookup(db, CODESYS_ICD10CM, typed, &ci)) != 0)
		return rc;
	if (ci.status == CODE_OK) {
		memcpy(out, ci.code, sizeof(ci.code));
		return 0;
	}
	if (ci.status == CODE_RETIRED) {
		warnx("ICD-10-CM code '%s' was retired in %s", typed,
		    ci.retired_in);
		return EX_DATAERR;
	}
	/*
	 * A header code the table lacks (the starter set has none) is
	 * known by its billable codes all the same.
	 */
	if (ci.code[0] != '\0' && (rc = children(db, ci.code, &b)) != 0)
		return rc;
	if (b.s != NULL)
		warnx("'%s' is a header code, not billable: use one of %s",
		    typed, b.s);
	else if (ci.status == CODE_NOT_BILLABLE)
		warnx("'%s' is not billable", typed);
	else
		warnx("unknown ICD-10-CM code '%s'", typed);
	buf_free(&b);
	return EX_DATAERR;
}

/* The position of code on enc, 0 when it has none. */
static int
position(struct db *db, long long enc, const char *code, int *pos)
{
	sqlite3_stmt	*s = db_query(db, &diagnosis_queries[Q_POSITION]);
	long long	 n;
	int		 rc;

	sqlite3_bind_int64(s, 1, enc);
	sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
	rc = db_first_int(db, s, &n);
	*pos = (int)n;
	return rc;
}

int
dx_add(struct db *db, long long enc, long long pat, int ndx, int n,
    char codes[][CODESET_CODE_MAX + 1], int problem, const char *login)
{
	sqlite3_stmt	*s;
	char		 dotted[CODESET_CODE_MAX + 2];
	long long	 prb;
	int		 rc, pos;

	if (ndx + n > DX_MAX) {
		warnx("enc-%lld would have %d diagnoses: at most %d", enc,
		    ndx + n, DX_MAX);
		return EX_DATAERR;
	}
	for (int i = 0; i < n; i++) {
		if ((rc = position(db, enc, codes[i], &pos)) != 0)
			return rc;
		if (pos != 0) {
			codeset_dotted(CODESYS_ICD10CM, codes[i], dotted);
			warnx("%s is already diagnosis %d of enc-%lld", dotted,
			    pos, enc);
			return EX_DATAERR;
		}
		if ((rc = problem_active(db, pat, codes[i], &prb)) != 0 ||
		    (prb == 0 && problem && (rc = problem_add(db, pat,
		    codes[i], NULL, NULL, login, &prb)) != 0))
			return rc;
		s = db_query(db, &diagnosis_queries[Q_ADD]);
		sqlite3_bind_int64(s, 1, enc);
		sqlite3_bind_int(s, 2, ndx + i + 1);
		sqlite3_bind_text(s, 3, codes[i], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 4, prb);
		if ((rc = db_exec(db, s)) != 0)
			return rc;
	}
	return 0;
}

sqlite3_stmt *
dx_list(struct db *db, long long enc)
{
	return db_query_id(db, &diagnosis_queries[Q_LIST], enc);
}

int
dx_remove(struct db *db, long long enc, const char *typed, int *pos)
{
	sqlite3_stmt	*s;
	char		 code[CODESET_CODE_MAX + 1];
	int		 rc;

	*pos = 0;
	if (codeset_norm(typed, code) == 0 &&
	    (rc = position(db, enc, code, pos)) != 0)
		return rc;
	if (*pos == 0) {
		warnx("enc-%lld has no diagnosis '%s'", enc, typed);
		return EX_DATAERR;
	}
	if ((rc = proc_dx_removed(db, enc, *pos)) != 0)
		return rc;
	s = db_query(db, &diagnosis_queries[Q_DELETE]);
	sqlite3_bind_int64(s, 1, enc);
	sqlite3_bind_int(s, 2, *pos);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	/* one at a time, upwards: the key (encounter, position) is unique */
	for (int p = *pos + 1; p <= DX_MAX && rc == 0; p++) {
		s = db_query(db, &diagnosis_queries[Q_MOVE]);
		sqlite3_bind_int64(s, 1, enc);
		sqlite3_bind_int(s, 2, p);
		rc = db_exec(db, s);
	}
	return rc;
}

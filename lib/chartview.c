/*
 * chartview - see chartview.h.  The history is one UNION ALL over the
 * tables each area owns, so that one statement (and one sort) gives the
 * order: every arm reaches the patient's rows by an index that starts
 * with the patient (encounter_patient, allergy_patient,
 * immunization_patient) and the encounter's rows by theirs; an arm whose
 * kind was not asked for is a constant false that SQLite tests once.
 */
#include <string.h>

#include "chartview.h"
#include "codeset.h"
#include "date.h"
#include "span.h"
#include "vitals.h"

enum { Q_PATIENT, Q_LAST, Q_OPEN, Q_HISTORY };

/* Whole years since dob on today's date in the clinic's zone (TZ). */
#define AGE_SQL(dob) \
	"(CAST(strftime('%Y', 'now', 'localtime') AS INTEGER)" \
	" - CAST(substr(" dob ", 1, 4) AS INTEGER)" \
	" - (strftime('%m-%d', 'now', 'localtime') < substr(" dob ", 6, 5)))"

/* A note's first line, at most 80 characters, for a listing. */
#define FIRST_LINE(c) \
	"substr(CASE WHEN instr(" c ", char(10)) > 0 THEN substr(" c ", 1," \
	" instr(" c ", char(10)) - 1) ELSE " c " END, 1, 80)"

#define ENCOUNTERS \
	"SELECT 'enc-' || e.id AS id, " DATE_SQL_LOCAL("e.start_at") \
	" AS start, e.type, p.name AS provider, e.reason," \
	" CASE WHEN e.signed_at IS NULL THEN 'open' ELSE 'signed' END" \
	" AS status FROM encounter e JOIN provider p ON p.id = e.provider_id" \
	" WHERE e.patient_id = ?1"

/* An arm's test of kind and of the span of stamps t. */
#define WANT(kind, t) \
	" AND (:kind IS NULL OR :kind = '" kind "')" \
	" AND " t " >= :lo AND " t " < :hi"

const struct query chartview_queries[] = {
	[Q_PATIENT] = { "chartview.patient",
	    "SELECT 'pat-' || id AS id, first || ' ' || last AS name, mrn, dob,"
	    " " AGE_SQL("dob") " AS age, sex FROM patient WHERE id = ?1" },
	[Q_LAST] = { "chartview.last", ENCOUNTERS
	    " ORDER BY e.start_at DESC, e.id DESC LIMIT 5" },
	[Q_OPEN] = { "chartview.open", ENCOUNTERS
	    " AND e.signed_at IS NULL ORDER BY e.start_at, e.id" },
	/*
	 * t is the UTC stamp (or, for an immunization, the local day, which
	 * sorts before that day's stamps); n the row id for a stable order.
	 */
	[Q_HISTORY] = { "chartview.history",
	    "SELECT id, CASE WHEN length(t) = 10 THEN t"
	    " ELSE " DATE_SQL_LOCAL("t") " END AS at, kind, code, what, enc"
	    " FROM ("
	    "SELECT 'enc-' || e.id AS id, n.written_at AS t, 'note' AS kind,"
	    " CASE WHEN e.signed_at IS NULL THEN 'draft' ELSE 'signed' END"
	    " AS code, " FIRST_LINE("n.body") " AS what,"
	    " 'enc-' || e.id AS enc, e.id AS n"
	    " FROM encounter e JOIN encounter_note n ON n.encounter_id = e.id"
	    " WHERE e.patient_id = :patient" WANT("note", "n.written_at")
	    " UNION ALL "
	    "SELECT 'enc-' || e.id, a.signed_at, 'note', 'addendum',"
	    " " FIRST_LINE("a.body") ", 'enc-' || e.id, a.id"
	    " FROM encounter e JOIN addendum a ON a.encounter_id = e.id"
	    " WHERE e.patient_id = :patient" WANT("note", "a.signed_at")
	    " UNION ALL "
	    "SELECT 'enc-' || e.id, e.start_at, 'dx',"
	    " " CODESET_ICD_DOTTED("d.code") ", c.title, 'enc-' || e.id,"
	    " d.position"
	    " FROM encounter e JOIN encounter_dx d ON d.encounter_id = e.id"
	    " LEFT JOIN code c ON c.system = 'icd10cm' AND c.code = d.code"
	    " WHERE e.patient_id = :patient" WANT("dx", "e.start_at")
	    " UNION ALL "
	    "SELECT 'prc-' || p.id, e.start_at, 'proc', p.code,"
	    " coalesce(x.description, h.title), 'enc-' || e.id, p.id"
	    " FROM encounter e JOIN encounter_proc p ON p.encounter_id = e.id"
	    " LEFT JOIN cpt_code x ON p.system = 'cpt' AND x.code = p.code"
	    " LEFT JOIN code h ON p.system = 'hcpcs' AND h.system = 'hcpcs'"
	    " AND h.code = p.code"
	    " WHERE e.patient_id = :patient" WANT("proc", "e.start_at")
	    " UNION ALL "
	    "SELECT 'vit-' || v.id, v.at, 'vitals', v.loinc,"
	    " k.name || ' ' || " VIT_SQL_SHOWN " || ' ' || v.unit,"
	    " 'enc-' || e.id, v.id"
	    " FROM encounter e JOIN vitals v ON v.encounter_id = e.id"
	    " JOIN vital_sign k ON k.loinc = v.loinc"
	    " WHERE e.patient_id = :patient" WANT("vitals", "v.at")
	    " UNION ALL "
	    "SELECT 'alg-' || a.id, a.created_at, 'allergy', a.type,"
	    " a.substance || coalesce(': ' || a.reaction, '')"
	    " || coalesce(' (' || a.severity || ')', ''), NULL, a.id"
	    " FROM allergy a"
	    " WHERE a.patient_id = :patient" WANT("allergy", "a.created_at")
	    " UNION ALL "
	    "SELECT 'alg-' || a.id, a.inactive_at, 'allergy', 'inactive',"
	    " a.substance || ': ' || a.inactive_reason, NULL, a.id"
	    " FROM allergy a WHERE a.patient_id = :patient"
	    " AND a.inactive_at IS NOT NULL" WANT("allergy", "a.inactive_at")
	    " UNION ALL "
	    "SELECT 'imm-' || i.id, i.given_on, 'immunization', i.cvx,"
	    " c.title, NULL, i.id"
	    " FROM immunization i LEFT JOIN cvx c ON c.code = i.cvx"
	    " WHERE i.patient_id = :patient"
	    " AND (:kind IS NULL OR :kind = 'immunization')"
	    " AND i.given_on BETWEEN :first AND :last"
	    ") ORDER BY t, kind, n" },
	{ NULL, NULL }
};

sqlite3_stmt *
chartview_patient(struct db *db, long long patient)
{
	return db_query_id(db, &chartview_queries[Q_PATIENT], patient);
}

sqlite3_stmt *
chartview_encounters(struct db *db, long long patient, int open)
{
	return db_query_id(db, &chartview_queries[open ? Q_OPEN : Q_LAST],
	    patient);
}

const char *const chartview_kinds[] = {
	"note", "dx", "proc", "vitals", "allergy", "immunization", "lab", NULL
};

int
chartview_kind(const char *s)
{
	for (size_t i = 0; chartview_kinds[i]; i++)
		if (strcmp(s, chartview_kinds[i]) == 0)
			return 1;
	return 0;
}

sqlite3_stmt *
chartview_history(struct db *db, long long patient, const char *kind,
    const struct days *span)
{
	sqlite3_stmt	*s = db_query_id(db, &chartview_queries[Q_HISTORY],
			    patient);
	struct days	 all;

	if (span == NULL) {
		days_set(&all, "0001-01-01", "9998-12-31");	/* all time */
		span = &all;
	}
	db_bind_text(s, ":kind", kind);
	db_bind_text(s, ":lo", span->lo);
	db_bind_text(s, ":hi", span->hi);
	db_bind_text(s, ":first", span->first);
	db_bind_text(s, ":last", span->last);
	return s;
}

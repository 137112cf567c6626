/*
 * allergy - see allergy.h.  Drug allergies point at the catalog so that
 * rx can follow groups and cross-sensitivities; everything else is the
 * text that was given.  Rows are never deleted (010-catalog.sql).
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "allergy.h"
#include "catalog.h"
#include "date.h"
#include "db.h"
#include "util.h"

#define NKDA_TEXT	"no known drug allergies"

enum { Q_DUP, Q_INSERT, Q_NKDA, Q_DRUG, Q_INACTIVATE, Q_GET, Q_LIST,
    Q_LINES, Q_CONFLICTS };

const struct query allergy_queries[] = {
	[Q_DUP] = { "allergy.dup",
	    "SELECT id FROM allergy WHERE patient_id = ?1"
	    " AND substance = ?2 COLLATE NOCASE AND inactive_at IS NULL" },
	[Q_INSERT] = { "allergy.insert",
	    "INSERT INTO allergy (patient_id, type, substance, drug_id,"
	    " allergy_group, reaction, severity, onset, created_at,"
	    " created_by) VALUES (:patient, :type, :substance, :drug,"
	    " :group, :reaction, :severity, :onset, :now, :login)" },
	[Q_NKDA] = { "allergy.nkda",
	    "SELECT id FROM allergy WHERE patient_id = ?1 AND type = 'nkda'"
	    " AND inactive_at IS NULL" },
	[Q_DRUG] = { "allergy.drug_active",
	    "SELECT id FROM allergy WHERE patient_id = ?1 AND type = 'drug'"
	    " AND inactive_at IS NULL ORDER BY id LIMIT 1" },
	[Q_INACTIVATE] = { "allergy.inactivate",
	    "UPDATE allergy SET inactive_at = ?2, inactive_by = ?3,"
	    " inactive_reason = ?4 WHERE id = ?1 AND inactive_at IS NULL" },
	[Q_GET] = { "allergy.get",
	    "SELECT patient_id, inactive_at IS NOT NULL FROM allergy"
	    " WHERE id = ?1" },
	/* "not recorded" is a row of its own: nobody ever asked */
	[Q_LIST] = { "allergy.list",
	    "SELECT id, type, substance, match, rxcui, reaction, severity,"
	    " onset, status, recorded, reason FROM ("
	    " SELECT a.id AS n, 'alg-' || a.id AS id, a.type,"
	    " CASE a.type WHEN 'nkda' THEN '" NKDA_TEXT "'"
	    " ELSE a.substance END AS substance,"
	    " CASE WHEN a.drug_id IS NOT NULL THEN 'ingredient'"
	    " WHEN a.allergy_group IS NOT NULL THEN 'group'"
	    " WHEN a.type = 'drug' THEN 'free text' END AS match,"
	    " d.rxcui, a.reaction, a.severity, a.onset,"
	    " CASE WHEN a.inactive_at IS NULL THEN 'active'"
	    " ELSE 'inactive' END AS status, a.created_at AS recorded,"
	    " a.inactive_reason AS reason"
	    " FROM allergy a LEFT JOIN drug d ON d.id = a.drug_id"
	    " WHERE a.patient_id = ?1"
	    " UNION ALL SELECT 0, NULL, NULL, 'not recorded', NULL, NULL,"
	    " NULL, NULL, NULL, 'not recorded', NULL, NULL"
	    " WHERE NOT EXISTS (SELECT 1 FROM allergy WHERE patient_id = ?1))"
	    " ORDER BY n" },
	[Q_LINES] = { "allergy.lines",
	    "SELECT type, substance, reaction, severity FROM allergy"
	    " WHERE patient_id = ?1 AND inactive_at IS NULL ORDER BY id" },
	/*
	 * The same ingredient (by the catalog, or by the name given as free
	 * text); the drug's own group, recorded as a group or through an
	 * ingredient of it; a group the drug is cross-sensitive with.
	 */
	[Q_CONFLICTS] = { "allergy.conflicts",
	    "SELECT 'alg-' || a.id AS id, a.substance,"
	    " 'ingredient' AS match, d.allergy_group, NULL AS level"
	    " FROM allergy a JOIN drug d ON d.id = :drug"
	    " WHERE a.patient_id = :patient AND a.inactive_at IS NULL"
	    " AND a.type = 'drug' AND (a.drug_id = d.id"
	    " OR (a.drug_id IS NULL AND a.allergy_group IS NULL"
	    " AND a.substance = d.ingredient COLLATE NOCASE))"
	    " UNION ALL"
	    " SELECT 'alg-' || a.id, a.substance, 'group', d.allergy_group,"
	    " NULL FROM allergy a JOIN drug d ON d.id = :drug"
	    " LEFT JOIN drug ad ON ad.id = a.drug_id"
	    " WHERE a.patient_id = :patient AND a.inactive_at IS NULL"
	    " AND a.drug_id IS NOT d.id"
	    " AND coalesce(a.allergy_group, ad.allergy_group)"
	    " = d.allergy_group"
	    " UNION ALL"
	    " SELECT 'alg-' || a.id, a.substance, 'cross-sensitive',"
	    " x.allergy_group, x.level FROM allergy a"
	    " JOIN drug_cross x ON x.drug_id = :drug"
	    " LEFT JOIN drug ad ON ad.id = a.drug_id"
	    " WHERE a.patient_id = :patient AND a.inactive_at IS NULL"
	    " AND coalesce(a.allergy_group, ad.allergy_group)"
	    " = x.allergy_group" },
	{ NULL, NULL }
};

static int
one_of(const char *v, const char *opt, const char *const set[], size_t n)
{
	if (str_in(v, set, n))
		return 0;
	warnx("%s: not one of the words it takes '%s'", opt, v);
	return EX_USAGE;
}

int
allergy_check(struct allergy_new *a)
{
	static const char *const types[] = { "drug", "food", "environment" };
	static const char *const sev[] = { "mild", "moderate", "severe" };
	char	 today[DATE_LEN];
	int	 rc;

	if (a->type == NULL)
		a->type = "drug";
	if ((rc = one_of(a->type, "--type", types, nitems(types))) ||
	    (a->severity && (rc = one_of(a->severity, "--severity", sev,
	    nitems(sev)))))
		return rc;
	a->onset_day[0] = '\0';
	if (a->onset && date_parse_day(a->onset, a->onset_day) == -1) {
		warnx("--onset: not a date '%s'", a->onset);
		return EX_USAGE;
	}
	if ((rc = text_value("substance", a->substance, 200)) ||
	    (rc = text_value("--reaction", a->reaction, 500)))
		return rc;
	if (a->onset && date_parse_day("today", today) == 0 &&
	    strcmp(a->onset_day, today) > 0) {
		warnx("--onset: %s is in the future", a->onset_day);
		return EX_DATAERR;
	}
	return 0;
}

/* The first column of a one-row query on ?1 (and ?2): *id, 0 for none. */
static int
first_id(struct db *db, int q, long long patient, const char *text,
    long long *id)
{
	sqlite3_stmt	*s = db_query(db, &allergy_queries[q]);

	sqlite3_bind_int64(s, 1, patient);
	if (text)
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
	return db_first_int(db, s, id);
}

static void
now_utc(char out[STAMP_LEN])
{
	date_utc(time(NULL), out);
}

static int
inactivate(struct db *db, const char *login, long long id,
    const char *reason)
{
	sqlite3_stmt	*s = db_query(db, &allergy_queries[Q_INACTIVATE]);
	char		 now[STAMP_LEN];

	now_utc(now);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, reason, -1, SQLITE_TRANSIENT);
	return db_exec(db, s);
}

/* Insert a checked entry: *id the row. */
static int
insert(struct db *db, const char *login, long long patient,
    const char *type, const char *substance, long long drug,
    const char *group, const struct allergy_new *a, long long *id)
{
	sqlite3_stmt	*s = db_query(db, &allergy_queries[Q_INSERT]);
	char		 now[STAMP_LEN];

	now_utc(now);
	db_bind_int(s, ":patient", patient);
	db_bind_text(s, ":type", type);
	db_bind_text(s, ":substance", substance);
	if (drug)
		db_bind_int(s, ":drug", drug);
	db_bind_text(s, ":group", group);
	db_bind_text(s, ":reaction", a ? a->reaction : NULL);
	db_bind_text(s, ":severity", a ? a->severity : NULL);
	db_bind_text(s, ":onset", a && a->onset ? a->onset_day : NULL);
	db_bind_text(s, ":now", now);
	db_bind_text(s, ":login", login);
	return db_insert(db, s, id);
}

/* 0, or 65 naming the active entry the substance already has. */
static int
not_twice(struct db *db, long long patient, const char *substance)
{
	long long	 dup;
	int		 rc;

	if ((rc = first_id(db, Q_DUP, patient, substance, &dup)) != 0)
		return rc;
	if (dup != 0) {
		warnx("pat-%lld has this allergy already: alg-%lld", patient,
		    dup);
		return EX_DATAERR;
	}
	return 0;
}

int
allergy_add(struct db *db, const char *login, long long patient,
    const struct allergy_new *a, long long *id, long long *nkda)
{
	struct catalog_hit	 hit = { CATMATCH_NONE, 0, "" };
	struct buf		 close = { 0 };
	const char		*substance = a->substance;
	int			 drug = strcmp(a->type, "drug") == 0, rc;
	char			 reason[64];

	*id = *nkda = 0;
	/* a known drug is linked even under --free-text: rx can use it */
	if (drug && (rc = catalog_match(db, a->substance, &hit)) != 0)
		return rc;
	if (hit.kind != CATMATCH_NONE)
		substance = hit.name;
	else if (drug && !a->free_text) {
		if ((rc = catalog_close(db, a->substance, &close)) != 0)
			return rc;
		if (close.s != NULL)
			warnx("unknown drug '%s': did you mean %s? "
			    "(--free-text takes it as typed)", a->substance,
			    close.s);
		else
			warnx("unknown drug '%s': no ingredient or allergy "
			    "group like it in the catalog (--free-text "
			    "takes it as typed)", a->substance);
		buf_free(&close);
		return EX_DATAERR;
	}
	if ((rc = not_twice(db, patient, substance)) != 0 ||
	    (rc = insert(db, login, patient, a->type, substance,
	    hit.kind == CATMATCH_DRUG ? hit.drug : 0,
	    hit.kind == CATMATCH_GROUP ? hit.name : NULL, a, id)) != 0)
		return rc;
	if (!drug)
		return 0;
	/* a drug allergy makes "no known drug allergies" untrue */
	if ((rc = first_id(db, Q_NKDA, patient, NULL, nkda)) != 0 ||
	    *nkda == 0)
		return rc;
	snprintf(reason, sizeof(reason), "superseded by alg-%lld", *id);
	return inactivate(db, login, *nkda, reason);
}

int
allergy_none(struct db *db, const char *login, long long patient,
    long long *id)
{
	long long	 alg;
	int		 rc;

	*id = 0;
	if ((rc = first_id(db, Q_DRUG, patient, NULL, &alg)) != 0)
		return rc;
	if (alg != 0) {
		warnx("pat-%lld has an active drug allergy, alg-%lld: "
		    "inactivate it first if it was wrong", patient, alg);
		return EX_DATAERR;
	}
	if ((rc = first_id(db, Q_NKDA, patient, NULL, &alg)) != 0)
		return rc;
	if (alg != 0) {
		warnx("pat-%lld has no known drug allergies already: "
		    "alg-%lld", patient, alg);
		return EX_DATAERR;
	}
	return insert(db, login, patient, "nkda", "NKDA", 0, NULL, NULL, id);
}

int
allergy_inactivate(struct db *db, const char *login, long long patient,
    long long id, const char *reason)
{
	sqlite3_stmt	*s = db_query(db, &allergy_queries[Q_GET]);
	long long	 owner = 0;
	int		 rc, gone = 0;

	if ((rc = text_value("--reason", reason, 500)) != 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		owner = sqlite3_column_int64(s, 0);
		gone = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (owner != patient) {
		warnx("no allergy alg-%lld of pat-%lld", id, patient);
		return EX_DATAERR;
	}
	if (gone) {
		warnx("alg-%lld is inactive already", id);
		return EX_DATAERR;
	}
	return inactivate(db, login, id, reason);
}

sqlite3_stmt *
allergy_list(struct db *db, long long patient)
{
	return db_query_id(db, &allergy_queries[Q_LIST], patient);
}

int
allergy_lines(struct db *db, long long patient, struct buf *out)
{
	sqlite3_stmt	*s = db_query(db, &allergy_queries[Q_LINES]);
	size_t		 n = 0;
	int		 rc;

	sqlite3_bind_int64(s, 1, patient);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(s, 0);
		const char *what = (const char *)sqlite3_column_text(s, 1);
		const char *reaction = (const char *)sqlite3_column_text(s, 2);
		const char *sev = (const char *)sqlite3_column_text(s, 3);

		n++;
		if (strcmp(type, "nkda") == 0) {
			buf_adds(out, NKDA_TEXT "\n");
			continue;
		}
		buf_adds(out, what);
		if (strcmp(type, "drug") != 0)
			buf_printf(out, " (%s)", type);
		if (reaction)
			buf_printf(out, ": %s", reaction);
		if (sev)
			buf_printf(out, " (%s)", sev);
		buf_addc(out, '\n');
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	if (n == 0)
		buf_adds(out, "not recorded\n");
	return 0;
}

sqlite3_stmt *
allergy_conflicts(struct db *db, long long patient, long long drug)
{
	sqlite3_stmt *s = db_query(db, &allergy_queries[Q_CONFLICTS]);

	db_bind_int(s, ":patient", patient);
	db_bind_int(s, ":drug", drug);
	return s;
}

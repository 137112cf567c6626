/*
 * patient - field rules and the SQL around patient rows: one record's
 * checks, insert and update with history, the duplicate guard, listing
 * and search, activation, merge, and import.  The field table is the
 * single source of the names a user types, so `patient add --first`, a
 * CSV header "first", the JSON key and the column agree.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "db.h"
#include "fold.h"
#include "import.h"
#include "patient.h"
#include "phone.h"
#include "rec.h"
#include "util.h"
#include "yrec.h"

/* A listing's status column, from the row's state. */
#define STATUS \
	"CASE WHEN merged_into IS NOT NULL THEN 'merged' WHEN" \
	" deceased IS NOT NULL THEN 'deceased' WHEN active = 1 THEN" \
	" 'active' ELSE 'inactive' END"
/* The columns of list and search: who, and enough to tell them apart. */
#define BRIEF \
	"SELECT 'pat-' || patient.id AS id, mrn, last, first, dob, sex," \
	" phone, " STATUS " AS status FROM patient"

enum { Q_LOAD, Q_DUPLICATE, Q_INSERT, Q_UPDATE, Q_HISTORY_ADD, Q_HISTORY,
    Q_LIST, Q_SEARCH_NAME2, Q_SEARCH_DOB, Q_SEARCH_PHONE, Q_SET_ACTIVE,
    Q_MERGE, Q_MOVE_COVERAGE, Q_MOVE_APPOINTMENTS, Q_MOVE_WAITLIST,
    Q_MOVE_REMINDERS, Q_MOVE_OPTOUTS, Q_MOVE_ENCOUNTERS, Q_MOVE_PROBLEMS,
    Q_MOVE_ALLERGIES, Q_MOVE_IMMUNIZATIONS, Q_MOVE_CLAIMS,
    Q_EXPORT, Q_BY_MRN, Q_MAX_ID, Q_BULK_INDEXES, Q_CACHE_SIZE,
    Q_RESOLVE, Q_SHOW, Q_SEARCH_NAME, Q_STATE };

const struct query patient_queries[] = {
	[Q_LOAD] = { "patient.load",	/* the fields in enum pat_field order */
	    "SELECT mrn, first, middle, last, preferred, dob, sex, gender,"
	    " phone, phone2, email, address1, address2, city, state, zip,"
	    " country, language, channel, sms_consent, email_consent,"
	    " emergency_name, emergency_phone, deceased, note, not_duplicate"
	    " FROM patient WHERE id = ?1" },
	/*
	 * Same DOB, and same folded name or same phone.  :since: a patient
	 * confirmed not a duplicate whose id is above it is not one.
	 */
	/*
	 * Once per row of an import: each branch a look-up of its own index
	 * (patient_dob_name's whole key, patient_phone), merged in id order.
	 * Written as one OR, the planner took the DOB alone and read every
	 * patient born that day.
	 */
	[Q_DUPLICATE] = { "patient.duplicate",
	    "SELECT id FROM (SELECT id, merged_into, not_duplicate FROM patient"
	    " WHERE dob = :dob AND last_key = :last_key"
	    " AND first_key = :first_key"
	    " UNION ALL SELECT id, merged_into, not_duplicate FROM patient"
	    " WHERE phone = :phone AND dob = :dob)"
	    " WHERE merged_into IS NULL AND id <> coalesce(:self, 0)"
	    " AND NOT (not_duplicate = 1 AND :since IS NOT NULL"
	    " AND id > :since)"
	    " ORDER BY id LIMIT 1" },
	/* each field as :NAME (bind_fields), the keys, the time */
	[Q_INSERT] = { "patient.insert",
	    "INSERT INTO patient (mrn, first, middle, last, preferred, dob,"
	    " sex, gender, phone, phone2, email, address1, address2, city,"
	    " state, zip, country, language, channel, sms_consent,"
	    " email_consent, emergency_name, emergency_phone, deceased, note,"
	    " last_key, first_key, created_at, updated_at, not_duplicate)"
	    " VALUES (:mrn, :first, :middle, :last, :preferred, :dob, :sex,"
	    " :gender, :phone, :phone2, :email, :address1, :address2, :city,"
	    " :state, :zip, :country, :language, coalesce(:channel, 'none'),"
	    " :sms_consent, :email_consent, :emergency_name,"
	    " :emergency_phone, :deceased, :note, :last_key, :first_key,"
	    " :now, :now, :not_duplicate)" },
	[Q_UPDATE] = { "patient.update",
	    "UPDATE patient SET mrn = :mrn, first = :first, middle = :middle,"
	    " last = :last, preferred = :preferred, dob = :dob, sex = :sex,"
	    " gender = :gender, phone = :phone, phone2 = :phone2,"
	    " email = :email, address1 = :address1, address2 = :address2,"
	    " city = :city, state = :state, zip = :zip, country = :country,"
	    " language = :language, channel = coalesce(:channel, 'none'),"
	    " sms_consent = :sms_consent, email_consent = :email_consent,"
	    " emergency_name = :emergency_name,"
	    " emergency_phone = :emergency_phone, deceased = :deceased,"
	    " note = :note, last_key = :last_key, first_key = :first_key,"
	    " updated_at = :now, not_duplicate = :not_duplicate"
	    " WHERE id = :id" },
	[Q_HISTORY_ADD] = { "patient.history_add",
	    "INSERT INTO patient_history (patient_id, at, login, field, old,"
	    " new) VALUES (:patient, :at, :login, :field, :old, :new)" },
	[Q_HISTORY] = { "patient.history",
	    "SELECT 'chg-' || patient_history.id AS id, at, login, field,"
	    " old, new FROM patient_history WHERE patient_id = ?1 ORDER BY"
	    " patient_history.id" },
	/* every filter NULL when not given; :status 'all' for any */
	[Q_LIST] = { "patient.list",
	    BRIEF " WHERE (:name_lo IS NULL"
	    " OR (last_key >= :name_lo AND last_key < :name_hi)"
	    " OR (first_key >= :name_lo AND first_key < :name_hi))"
	    " AND (:dob IS NULL OR dob = :dob)"
	    " AND (:born_by IS NULL OR dob <= :born_by)"
	    " AND (:born_after IS NULL OR dob > :born_after)"
	    " AND (:sex IS NULL OR sex = :sex)"
	    " AND (:covered_on IS NULL OR EXISTS (SELECT 1 FROM coverage c"
	    " WHERE c.patient_id = patient.id AND c.start_date <= :covered_on"
	    " AND (c.end_date IS NULL OR c.end_date >= :covered_on)))"
	    " AND (:payer IS NULL OR EXISTS (SELECT 1 FROM coverage c"
	    " WHERE c.patient_id = patient.id AND c.payer_id = :payer))"
	    " AND (:status = 'all' OR :status = " STATUS ")"
	    " ORDER BY last_key, first_key, patient.id"
	    " LIMIT coalesce(:limit, -1)" },
	/* two words, either order: "first last" or "last first" */
	[Q_SEARCH_NAME2] = { "patient.search_name2",
	    BRIEF " WHERE merged_into IS NULL AND ((last_key >= :lo1"
	    " AND last_key < :hi1 AND first_key >= :lo2 AND first_key < :hi2)"
	    " OR (last_key >= :lo2 AND last_key < :hi2 AND first_key >= :lo1"
	    " AND first_key < :hi1)) ORDER BY last_key, first_key, patient.id"
	    " LIMIT :limit" },
	[Q_SEARCH_DOB] = { "patient.search_dob",
	    BRIEF " WHERE merged_into IS NULL AND (dob = ?1 OR mrn = ?1)"
	    " ORDER BY last_key, first_key, patient.id LIMIT ?2" },
	/* ?1 an E.164 number, ?2 the digits as typed (an MRN) */
	[Q_SEARCH_PHONE] = { "patient.search_phone",
	    BRIEF " WHERE merged_into IS NULL"
	    " AND (phone = ?1 OR phone2 = ?1 OR mrn = ?2)"
	    " ORDER BY last_key, first_key, patient.id LIMIT ?3" },
	[Q_SET_ACTIVE] = { "patient.set_active",
	    "UPDATE patient SET active = ?2, updated_at = ?3 WHERE id = ?1"
	    " AND merged_into IS NULL" },
	[Q_MERGE] = { "patient.merge",	/* ?1 the duplicate, ?2 the survivor */
	    "UPDATE patient SET merged_into = ?2, active = 0, updated_at = ?3"
	    " WHERE id = ?1" },
	/* merge: every record of ?2 becomes ?1's */
	[Q_MOVE_COVERAGE] = { "patient.move_coverage",
	    "UPDATE coverage SET patient_id = ?1 WHERE patient_id = ?2" },
	[Q_MOVE_APPOINTMENTS] = { "patient.move_appointments",
	    "UPDATE appointment SET patient_id = ?1 WHERE patient_id = ?2" },
	[Q_MOVE_WAITLIST] = { "patient.move_waitlist",
	    "UPDATE waitlist SET patient_id = ?1 WHERE patient_id = ?2" },
	[Q_MOVE_ENCOUNTERS] = { "patient.move_encounters",
	    "UPDATE encounter SET patient_id = ?1 WHERE patient_id = ?2" },
	[Q_MOVE_PROBLEMS] = { "patient.move_problems",
	    "UPDATE problem SET patient_id = ?1 WHERE patient_id = ?2" },
	[Q_MOVE_ALLERGIES] = { "patient.move_allergies",
	    "UPDATE allergy SET patient_id = ?1 WHERE patient_id = ?2" },
	[Q_MOVE_IMMUNIZATIONS] = { "patient.move_immunizations",
	    "UPDATE immunization SET patient_id = ?1 WHERE patient_id = ?2" },
	[Q_MOVE_CLAIMS] = { "patient.move_claims",
	    "UPDATE claim SET patient_id = ?1 WHERE patient_id = ?2" },
	[Q_MOVE_REMINDERS] = { "patient.move_reminders",
	    "UPDATE reminder SET patient_id = ?1 WHERE patient_id = ?2" },
	/* both opted out: the survivor's row stays */
	[Q_MOVE_OPTOUTS] = { "patient.move_optouts",
	    "UPDATE OR IGNORE remind_optout SET patient_id = ?1"
	    " WHERE patient_id = ?2" },
	/* the field names as columns, so import reads it back */
	[Q_EXPORT] = { "patient.export",
	    "SELECT 'pat-' || patient.id AS id, mrn, first, middle, last,"
	    " preferred, dob, sex, gender, phone, phone2, email, address1,"
	    " address2, city, state, zip, country, language, channel,"
	    " sms_consent, email_consent, emergency_name, emergency_phone,"
	    " deceased, note, status, CASE WHEN not_duplicate = 1 THEN 'yes'"
	    " END AS not_duplicate FROM (SELECT *, " STATUS " AS status"
	    " FROM patient) AS patient"
	    " WHERE merged_into IS NULL AND (?1 = 'all' OR ?1 = status)"
	    " ORDER BY patient.id" },
	[Q_BY_MRN] = { "patient.by_mrn",
	    "SELECT id FROM patient WHERE mrn = ?1" },
	[Q_MAX_ID] = { "patient.max_id",
	    "SELECT coalesce(max(id), 0) FROM patient" },
	/*
	 * The indexes a bulk import drops and makes again (see bulk_begin):
	 * the ones made by CREATE INDEX (origin 'c') that enforce nothing,
	 * but not the two the duplicate guard (Q_DUPLICATE) searches, which
	 * must find the rows of the same file.  sql is their exact text.
	 */
	[Q_BULK_INDEXES] = { "patient.bulk_indexes",
	    "SELECT s.name, s.sql FROM pragma_index_list('patient') AS l"
	    " JOIN sqlite_schema AS s ON s.type = 'index' AND s.name = l.name"
	    " WHERE l.origin = 'c' AND l.\"unique\" = 0 AND l.partial = 0"
	    " AND s.name NOT IN ('patient_dob_name', 'patient_phone')"
	    " ORDER BY s.name" },
	[Q_CACHE_SIZE] = { "patient.cache_size", "PRAGMA cache_size" },
	/*
	 * bench/baseline_show.c and baseline_search.c run these three by
	 * name (query_named), so a change here is timed there too.
	 */
	[Q_RESOLVE] = { "patient.resolve",	/* ?1 a pat- row id, ?2 an MRN */
	    "SELECT id FROM patient WHERE id = ?1 OR mrn = ?2" },
	[Q_SHOW] = { "patient.show",		/* ?1 a pat- row id, ?2 an MRN */
	    "SELECT 'pat-' || id AS id, mrn, first, middle, last, preferred,"
	    " dob, sex, gender, phone, phone2, email, address1, address2,"
	    " city, state, zip, country, language, channel, sms_consent,"
	    " email_consent, emergency_name, emergency_phone, deceased, note,"
	    " " STATUS " AS status FROM patient WHERE id = ?1 OR mrn = ?2" },
	/*
	 * One word: [:lo, :hi) a key range on the last or first name, :text
	 * as typed (an MRN).  Each branch walks its own index in order and
	 * stops at the limit.
	 */
	[Q_SEARCH_NAME] = { "patient.search_name",
	    "SELECT 'pat-' || id AS id, mrn, last, first, dob, sex, phone,"
	    " " STATUS " AS status"
	    " FROM (SELECT * FROM (SELECT * FROM patient"
	    " WHERE last_key >= :lo AND last_key < :hi AND merged_into IS NULL"
	    " ORDER BY last_key, first_key LIMIT :limit)"
	    " UNION SELECT * FROM (SELECT * FROM patient"
	    " WHERE first_key >= :lo AND first_key < :hi"
	    " AND merged_into IS NULL ORDER BY first_key LIMIT :limit)"
	    " UNION SELECT * FROM patient WHERE mrn = :text"
	    " AND merged_into IS NULL)"
	    " AS p ORDER BY last_key, first_key, p.id LIMIT :limit" },
	[Q_STATE] = { "patient.state",
	    "SELECT merged_into, active, deceased FROM patient WHERE id = ?1" },
	{ NULL, NULL }
};

enum kind { K_NAME, K_TEXT, K_DATE, K_SEX, K_PHONE, K_EMAIL, K_COUNTRY,
    K_CHANNEL, K_CONSENT, K_MRN, K_NOTE };

static const struct {
	const char	*name;
	enum kind	 kind;
	size_t		 max;		/* characters */
} fields[PF_MAX] = {
	[PF_MRN]		= { "mrn",		K_MRN, 32 },
	[PF_FIRST]		= { "first",		K_NAME, PAT_NAME_MAX },
	[PF_MIDDLE]		= { "middle",		K_NAME, PAT_NAME_MAX },
	[PF_LAST]		= { "last",		K_NAME, PAT_NAME_MAX },
	[PF_PREFERRED]		= { "preferred",	K_NAME, PAT_NAME_MAX },
	[PF_DOB]		= { "dob",		K_DATE, 10 },
	[PF_SEX]		= { "sex",		K_SEX, 16 },
	[PF_GENDER]		= { "gender",		K_TEXT, 100 },
	[PF_PHONE]		= { "phone",		K_PHONE, 32 },
	[PF_PHONE2]		= { "phone2",		K_PHONE, 32 },
	[PF_EMAIL]		= { "email",		K_EMAIL, 254 },
	[PF_ADDRESS1]		= { "address1",		K_TEXT, 200 },
	[PF_ADDRESS2]		= { "address2",		K_TEXT, 200 },
	[PF_CITY]		= { "city",		K_TEXT, 100 },
	[PF_STATE]		= { "state",		K_TEXT, 50 },
	[PF_ZIP]		= { "zip",		K_TEXT, 20 },
	[PF_COUNTRY]		= { "country",		K_COUNTRY, 2 },
	[PF_LANGUAGE]		= { "language",		K_TEXT, 35 },
	[PF_CHANNEL]		= { "channel",		K_CHANNEL, 16 },
	[PF_SMS_CONSENT]	= { "sms_consent",	K_CONSENT, 10 },
	[PF_EMAIL_CONSENT]	= { "email_consent",	K_CONSENT, 10 },
	[PF_EMERGENCY_NAME]	= { "emergency_name",	K_TEXT, 200 },
	[PF_EMERGENCY_PHONE]	= { "emergency_phone",	K_PHONE, 32 },
	[PF_DECEASED]		= { "deceased",		K_DATE, 10 },
	[PF_NOTE]		= { "note",		K_NOTE, 10000 },
};

const char *
pat_field_name(int f)
{
	return f >= 0 && f < PF_MAX ? fields[f].name : "?";
}

int
pat_field_find(const char *name)
{
	for (int i = 0; i < PF_MAX; i++)
		if (strcmp(fields[i].name, name) == 0)
			return i;
	return -1;
}

const char *
pat_field_flag(int f)
{
	static char	 flags[PF_MAX][24];
	char		*p;

	if (f < 0 || f >= PF_MAX)
		return "?";
	if (flags[f][0] == '\0') {
		snprintf(flags[f], sizeof(flags[f]), "%s", fields[f].name);
		for (p = flags[f]; (p = strchr(p, '_')) != NULL; p++)
			*p = '-';
	}
	return flags[f];
}

/* add's and edit's -h: a line each, the rules are patient(1)'s */
static const char *const field_help[PF_MAX] = {
	[PF_MRN] = "medical record number (made when not given)",
	[PF_FIRST] = "legal first name",
	[PF_MIDDLE] = "middle name",
	[PF_LAST] = "legal last name",
	[PF_PREFERRED] = "the name the patient goes by",
	[PF_DOB] = "date of birth",
	[PF_SEX] = "administrative sex: F, M, X or U",
	[PF_GENDER] = "gender identity as the patient states it",
	[PF_PHONE] = "telephone number",
	[PF_PHONE2] = "a second telephone number",
	[PF_EMAIL] = "email address",
	[PF_ADDRESS1] = "street address",
	[PF_ADDRESS2] = "street address, second line",
	[PF_CITY] = "city",
	[PF_STATE] = "state or region",
	[PF_ZIP] = "postal code",
	[PF_COUNTRY] = "two-letter country code (US)",
	[PF_LANGUAGE] = "preferred language",
	[PF_CHANNEL] = "how reminders go: sms, email or none",
	[PF_SMS_CONSENT] = "consent to SMS: yes, no, or the day given",
	[PF_EMAIL_CONSENT] = "consent to email: yes, no, or the day given",
	[PF_EMERGENCY_NAME] = "emergency contact's name",
	[PF_EMERGENCY_PHONE] = "emergency contact's phone number",
	[PF_DECEASED] = "date of death",
	[PF_NOTE] = "free text, kept exactly as given",
};

void
pat_field_opt(int f, struct opt *o)
{
	static const char *const meta[] = {
		[K_NAME] = "NAME", [K_TEXT] = "TEXT", [K_DATE] = "DATE",
		[K_SEX] = "SEX", [K_PHONE] = "PHONE", [K_EMAIL] = "EMAIL",
		[K_COUNTRY] = "CC", [K_CHANNEL] = "CHANNEL",
		[K_CONSENT] = "CONSENT", [K_MRN] = "MRN", [K_NOTE] = "TEXT",
	};
	enum kind k = fields[f].kind;

	*o = (struct opt){ pat_field_flag(f), PAT_OPT_FIELD + f, OPT_VALUE,
	    meta[k], field_help[f], COMP_NONE, NULL };
	if (k == K_DATE)
		o->comp = COMP_DATE;
	else if (k == K_SEX || k == K_CHANNEL || k == K_CONSENT) {
		o->comp = COMP_WORDS;
		o->words = k == K_SEX ? "F M X U" : k == K_CHANNEL ?
		    "sms email none" : "yes no";
	}
}

static void
today(char out[DATE_LEN])
{
	date_parse_day("today", out);
}

static const char *
check_date(const char *v, char out[DATE_LEN])
{
	char now[DATE_LEN];

	if (date_parse_day(v, out) == -1)
		return "not a date (YYYY-MM-DD)";
	today(now);
	if (strcmp(out, now) > 0)
		return "in the future";
	if (strcmp(out, "1900-01-01") < 0)
		return "before 1900";
	return NULL;
}

static char *
trimmed(const char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

int
pat_set(struct pat *p, int f, const char *value, const char *country,
    const char **why)
{
	char	*v = fields[f].kind == K_NOTE ? xstrdup(value) : trimmed(value);
	char	 buf[PHONE_LEN > DATE_LEN ? PHONE_LEN : DATE_LEN];
	char	*norm = NULL;

	*why = NULL;
	if (*v == '\0' && f == PF_CHANNEL) {	/* the column's default */
		free(v);
		v = xstrdup("none");
	}
	if (*v == '\0') {		/* clears the field */
		free(v);
		free(p->v[f]);
		p->v[f] = NULL;
		return 0;
	}
	if ((*why = text_problem(v, fields[f].max,
	    fields[f].kind == K_NOTE ? TEXT_LINES : 0)))
		goto bad;
	switch (fields[f].kind) {
	case K_NAME:
	case K_TEXT:
	case K_NOTE:
		break;
	case K_MRN:
		for (const char *s = v; *s; s++)
			if (!isalnum((unsigned char)*s) && *s != '-') {
				*why = "may hold only letters, digits and '-'";
				goto bad;
			}
		break;
	case K_DATE:
		if ((*why = check_date(v, buf)))
			goto bad;
		norm = xstrdup(buf);
		break;
	case K_SEX:
		if (strlen(v) != 1 || strchr("FMXU", toupper((unsigned char)*v))
		    == NULL) {
			*why = "F, M, X or U";
			goto bad;
		}
		*v = (char)toupper((unsigned char)*v);
		break;
	case K_PHONE:
		if (phone_e164(v, country, buf, why) == -1)
			goto bad;
		norm = xstrdup(buf);
		break;
	case K_EMAIL: {
		const char *at = strchr(v, '@');

		if (at == NULL || at == v || strchr(at + 1, '@') ||
		    strchr(at + 1, '.') == NULL || strpbrk(v, " <>,;\"") ||
		    at[strlen(at) - 1] == '.') {
			*why = "not an email address (name@example.org)";
			goto bad;
		}
		break;
	}
	case K_COUNTRY:
		if (strlen(v) != 2 || !isalpha((unsigned char)v[0]) ||
		    !isalpha((unsigned char)v[1])) {
			*why = "a two-letter country code (US)";
			goto bad;
		}
		v[0] = (char)toupper((unsigned char)v[0]);
		v[1] = (char)toupper((unsigned char)v[1]);
		break;
	case K_CHANNEL:
		if (strcmp(v, "sms") && strcmp(v, "email") && strcmp(v, "none")) {
			*why = "sms, email or none";
			goto bad;
		}
		break;
	case K_CONSENT:
		if (!strcmp(v, "yes") || !strcmp(v, "y") || !strcmp(v, "true") ||
		    !strcmp(v, "1")) {
			today(buf);
			norm = xstrdup(buf);
		} else if (!strcmp(v, "no") || !strcmp(v, "n") ||
		    !strcmp(v, "false") || !strcmp(v, "0")) {
			free(v);
			free(p->v[f]);
			p->v[f] = NULL;
			return 0;
		} else if ((*why = check_date(v, buf)) != NULL) {
			*why = "yes, no, or the date consent was given";
			goto bad;
		} else
			norm = xstrdup(buf);
		break;
	}
	free(p->v[f]);
	if (norm) {
		free(v);
		v = norm;
	}
	p->v[f] = v;
	return 0;
bad:
	free(v);
	free(norm);
	return -1;
}

int
pat_check(const struct pat *p, int *field, const char **why)
{
	static const int required[] = { PF_FIRST, PF_LAST, PF_DOB };

	for (size_t i = 0; i < nitems(required); i++)
		if (p->v[required[i]] == NULL) {
			*field = required[i];
			*why = "required";
			return -1;
		}
	if (p->v[PF_DECEASED] && strcmp(p->v[PF_DECEASED], p->v[PF_DOB]) < 0) {
		*field = PF_DECEASED;
		*why = "before the date of birth";
		return -1;
	}
	return 0;
}

void
pat_clear(struct pat *p)
{
	for (int i = 0; i < PF_MAX; i++)
		free(p->v[i]);
	memset(p, 0, sizeof(*p));
}

int
pat_find(struct db *db, const char *key, long long *id)
{
	sqlite3_stmt	*s;
	long long	 n = 0;
	int		 rc;

	*id = 0;
	if (rec_id_parse(key, "pat", &n) == -1 && rec_is_id(key))
		return EX_DATAERR;
	s = db_query(db, &patient_queries[Q_RESOLVE]);
	if (n)
		sqlite3_bind_int64(s, 1, n);
	else
		sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	if ((rc = db_step_int(db, s, id)) == SQLITE_DONE)
		return EX_DATAERR;
	return rc == SQLITE_ROW ? 0 : rc;
}

int
pat_resolve(struct db *db, const char *key, long long *id)
{
	int rc = pat_find(db, key, id);

	if (rc == EX_DATAERR)
		warnx(rec_is_id(key) && strncmp(key, "pat-", 4) != 0 ?
		    "not a patient id '%s'" : "no patient '%s'", key);
	return rc;
}

struct resolved {
	struct db	*db;
	long long	*ids;
	size_t		 n, cap;
};

static int
resolve_one(const char *key, void *arg)
{
	struct resolved	*r = arg;
	long long	 id;
	int		 rc;

	if ((rc = pat_resolve(r->db, key, &id)) != 0)
		return rc;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->ids = xrealloc(r->ids, r->cap * sizeof(*r->ids));
	}
	r->ids[r->n++] = id;
	return 0;
}

int
pat_resolve_all(struct db *db, int argc, char *argv[], long long **ids,
    size_t *n)
{
	struct resolved	 r = { db, NULL, 0, 0 };
	int		 rc = rec_each(argc, argv, resolve_one, &r);

	*ids = r.ids;
	*n = r.n;
	return rc;
}

int
pat_state(struct db *db, long long id, struct pat_state *st)
{
	sqlite3_stmt	*s = db_query(db, &patient_queries[Q_STATE]);
	int		 rc;

	memset(st, 0, sizeof(*st));
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		st->merged_into = sqlite3_column_int64(s, 0);
		st->active = sqlite3_column_int(s, 1);
		if ((st->dead = sqlite3_column_type(s, 2) != SQLITE_NULL))
			snprintf(st->deceased, sizeof(st->deceased), "%s",
			    (const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return EX_DATAERR;
	return rc == SQLITE_ROW ? 0 : rc;
}

int
pat_writable(struct db *db, long long id)
{
	struct pat_state	st;
	int			rc;

	/* a row that is not there is the caller's to report, if at all */
	if ((rc = pat_state(db, id, &st)) != 0 && rc != EX_DATAERR)
		return rc;
	if (st.merged_into) {
		warnx("pat-%lld was merged into pat-%lld: use that record", id,
		    st.merged_into);
		return EX_DATAERR;
	}
	return 0;
}

int
pat_load(struct db *db, long long id, struct pat *p)
{
	sqlite3_stmt	*s = db_query(db, &patient_queries[Q_LOAD]);
	int		 rc;

	memset(p, 0, sizeof(*p));
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		p->id = id;
		for (int i = 0; i < PF_MAX; i++) {
			const char *v = (const char *)sqlite3_column_text(s, i);

			p->v[i] = v ? xstrdup(v) : NULL;
		}
		p->not_duplicate = sqlite3_column_int(s, PF_MAX);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		warnx("no patient 'pat-%lld'", id);
		return EX_DATAERR;
	}
	return rc == SQLITE_ROW ? 0 : rc;
}

/* What a YAML --from file says, field by field. */
struct fromfile {
	struct pat	*p;
	const char	*name, *country;
};

static int
from_field(const char *key, const char *value, size_t line, void *arg)
{
	struct fromfile	*ff = arg;
	const char	*why;
	int		 f = pat_field_find(key);

	if (f < 0) {
		warnx("%s:%zu: unknown field '%s'", ff->name, line, key);
		return EX_DATAERR;
	}
	if (pat_set(ff->p, f, value, ff->country, &why) == -1) {
		warnx("%s:%zu: %s: %s", ff->name, line, key, why);
		return EX_DATAERR;
	}
	return 0;
}

int
pat_read_file(struct pat *p, const char *path, const char *country)
{
	struct fromfile	 ff = { p, strcmp(path, "-") ? path : "stdin",
	    country };
	FILE		*f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	int		 rc;

	if (f == NULL) {
		warn("cannot read '%s'", path);
		return EX_NOINPUT;
	}
	rc = yrec_read(f, ff.name, from_field, &ff);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* A parameter's index, looked up once by a caller that binds it per row. */
static int
param(sqlite3_stmt *s, const char *name)
{
	int i = sqlite3_bind_parameter_index(s, name);

	if (i == 0)	/* a name the statement lacks: a bug */
		errx(EX_SOFTWARE, "internal error: no parameter %s in %s",
		    name, sqlite3_sql(s));
	return i;
}

/*
 * The search key of a last (slot 0) or first name (slot 1), kept until
 * the next call for that slot: the duplicate guard and the insert of an
 * import row both want the row's keys, which are folded once.
 */
static const char *
name_key(int slot, const char *name)
{
	static char	*in[2], *key[2];

	if (in[slot] == NULL || strcmp(in[slot], name) != 0) {
		free(in[slot]);
		free(key[slot]);
		in[slot] = xstrdup(name);
		key[slot] = fold_key(name);
	}
	return key[slot];
}

int
pat_duplicate(struct db *db, const struct pat *p, long long since,
    long long *id)
{
	sqlite3_stmt	*s = db_query(db, &patient_queries[Q_DUPLICATE]);
	const char	*lk = name_key(0, p->v[PF_LAST]);
	const char	*fk = name_key(1, p->v[PF_FIRST]);
	static int	 dob, last, first, phone, self, after;
	int		 rc;

	if (dob == 0) {
		dob = param(s, ":dob");
		last = param(s, ":last_key");
		first = param(s, ":first_key");
		phone = param(s, ":phone");
		self = param(s, ":self");
		after = param(s, ":since");
	}
	*id = 0;
	sqlite3_bind_text(s, dob, p->v[PF_DOB], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, last, lk, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, first, fk, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, phone, p->v[PF_PHONE], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, self, p->id);
	if (since >= 0)
		sqlite3_bind_int64(s, after, since);
	rc = db_step_int(db, s, id);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

int
pat_guard(struct db *db, struct pat *p, int force)
{
	long long	 dup;
	int		 rc;

	if ((rc = pat_duplicate(db, p, -1, &dup)) != 0)
		return rc;
	if (dup == 0)
		return 0;
	if (force) {
		p->not_duplicate = 1;
		return 0;
	}
	warnx("looks like pat-%lld (same name and date of birth, or phone and "
	    "date of birth): use --force to add anyway", dup);
	return EX_DATAERR;
}

/* Did the last statement break a UNIQUE constraint (a taken MRN)? */
static int
unique_failed(struct db *db)
{
	return sqlite3_extended_errcode(db_handle(db)) ==
	    SQLITE_CONSTRAINT_UNIQUE;
}

/*
 * The parameters of insert and update that bind_fields sets: each field
 * as :NAME, the search keys, :now and :not_duplicate.  Their indexes are
 * looked up once per statement text, as an import binds them per row.
 */
enum { BP_LAST_KEY = PF_MAX, BP_FIRST_KEY, BP_NOW, BP_NOT_DUPLICATE,
    BP_MAX };
struct params {
	int	 ready;
	int	 i[BP_MAX];
};

/* Bind p into s; now must live until s is stepped. */
static void
bind_fields(sqlite3_stmt *s, struct params *pp, const struct pat *p,
    const char *now)
{
	char	 name[32];

	if (!pp->ready) {
		for (int i = 0; i < PF_MAX; i++) {
			snprintf(name, sizeof(name), ":%s", fields[i].name);
			pp->i[i] = param(s, name);
		}
		pp->i[BP_LAST_KEY] = param(s, ":last_key");
		pp->i[BP_FIRST_KEY] = param(s, ":first_key");
		pp->i[BP_NOW] = param(s, ":now");
		pp->i[BP_NOT_DUPLICATE] = param(s, ":not_duplicate");
		pp->ready = 1;
	}
	for (int i = 0; i < PF_MAX; i++)
		sqlite3_bind_text(s, pp->i[i], p->v[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, pp->i[BP_LAST_KEY], name_key(0, p->v[PF_LAST]),
	    -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, pp->i[BP_FIRST_KEY], name_key(1, p->v[PF_FIRST]),
	    -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, pp->i[BP_NOW], now, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, pp->i[BP_NOT_DUPLICATE], p->not_duplicate != 0);
}

/* The next free generated MRN: "M" and seven digits, from a counter. */
static int
new_mrn(struct db *db, struct pat *p)
{
	sqlite3_stmt	*s;
	long long	 n = 1;
	char		 mrn[32];
	int		 rc, taken;

	if ((rc = db_meta_get(db, "mrn_next", &n)) != 0)
		return rc;
	do {
		snprintf(mrn, sizeof(mrn), "M%07lld", n++);
		s = db_query(db, &patient_queries[Q_RESOLVE]);
		sqlite3_bind_text(s, 2, mrn, -1, SQLITE_STATIC);
		taken = (rc = db_step(db, s)) == SQLITE_ROW;
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rc;
	} while (taken);
	if ((rc = db_meta_set(db, "mrn_next", n)) != 0)
		return rc;
	p->v[PF_MRN] = xstrdup(mrn);
	return 0;
}

int
pat_insert(struct db *db, struct pat *p, long long *id)
{
	static struct params pp;
	sqlite3_stmt	*s;
	char		 now[STAMP_LEN];
	int		 rc;

	if (p->v[PF_MRN] == NULL && (rc = new_mrn(db, p)) != 0)
		return rc;
	s = db_query(db, &patient_queries[Q_INSERT]);
	date_now_stamp(now);
	bind_fields(s, &pp, p, now);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && unique_failed(db)) {
		sqlite3_reset(s);
		return EX_DATAERR;	/* the MRN: the caller says where */
	}
	if (rc != SQLITE_DONE)
		rc = db_fail(db, rc, "patient");
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	*id = p->id = sqlite3_last_insert_rowid(db_handle(db));
	return 0;
}

static int
history_add(struct db *db, long long id, const char *now, const char *login,
    const char *field, const char *old, const char *new)
{
	sqlite3_stmt *s = db_query(db, &patient_queries[Q_HISTORY_ADD]);

	db_bind_int(s, ":patient", id);
	db_bind_text(s, ":at", now);
	db_bind_text(s, ":login", login);
	db_bind_text(s, ":field", field);
	db_bind_text(s, ":old", old);
	db_bind_text(s, ":new", new);
	return db_exec(db, s);
}

int
pat_update(struct db *db, const struct pat *old, const struct pat *new,
    const char *login, int *changed)
{
	static struct params pp;
	sqlite3_stmt	*s;
	char		 now[STAMP_LEN];
	int		 rc;

	*changed = 0;
	date_now_stamp(now);
	for (int i = 0; i < PF_MAX; i++) {
		if ((old->v[i] == NULL && new->v[i] == NULL) ||
		    (old->v[i] && new->v[i] && !strcmp(old->v[i], new->v[i])))
			continue;
		if ((rc = history_add(db, old->id, now, login, fields[i].name,
		    old->v[i], new->v[i])) != 0)
			return rc;
		(*changed)++;
	}
	if ((old->not_duplicate != 0) != (new->not_duplicate != 0)) {
		if ((rc = history_add(db, old->id, now, login, "not_duplicate",
		    old->not_duplicate ? "yes" : NULL,
		    new->not_duplicate ? "yes" : NULL)) != 0)
			return rc;
		(*changed)++;
	}
	if (*changed == 0)
		return 0;
	s = db_query(db, &patient_queries[Q_UPDATE]);
	bind_fields(s, &pp, new, now);
	db_bind_int(s, ":id", old->id);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && unique_failed(db)) {
		warnx("mrn: '%s' belongs to another patient", new->v[PF_MRN]);
		rc = EX_DATAERR;
	} else
		rc = rc == SQLITE_DONE ? 0 : db_fail(db, rc, "patient");
	sqlite3_reset(s);
	return rc;
}

int
pat_identity_changed(const struct pat *a, const struct pat *b)
{
	static const int ident[] = { PF_FIRST, PF_LAST, PF_DOB, PF_PHONE };

	for (size_t i = 0; i < nitems(ident); i++) {
		const char *x = a->v[ident[i]], *y = b->v[ident[i]];

		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
			return 1;
	}
	return 0;
}

sqlite3_stmt *
pat_show(struct db *db, long long id)
{
	return db_query_id(db, &patient_queries[Q_SHOW], id);
}

sqlite3_stmt *
pat_history(struct db *db, long long id)
{
	return db_query_id(db, &patient_queries[Q_HISTORY], id);
}

sqlite3_stmt *
pat_export(struct db *db, const char *status)
{
	sqlite3_stmt *s = db_query(db, &patient_queries[Q_EXPORT]);

	sqlite3_bind_text(s, 1, status, -1, SQLITE_TRANSIENT);
	return s;
}

static const char *const statuses[] = { "active", "inactive", "deceased",
    "merged", "all" };

int
pat_status_ok(const char *s)
{
	for (size_t i = 0; i < nitems(statuses); i++)
		if (strcmp(s, statuses[i]) == 0)
			return 1;
	warnx("unknown status '%s' (active, inactive, deceased, merged, all)",
	    s);
	return 0;
}

int
pat_parse_ages(const char *s, int *lo, int *hi)
{
	int n = -1;

	if (sscanf(s, "%3d-%3d%n", lo, hi, &n) == 2 && n == (int)strlen(s) &&
	    isdigit((unsigned char)*s) && strspn(s, "0123456789-") == strlen(s))
		;
	else if (strspn(s, "0123456789") == strlen(s) && *s &&
	    strlen(s) <= 3)
		*lo = *hi = atoi(s);
	else
		return -1;
	return *lo >= 0 && *hi >= *lo && *hi <= 150 ? 0 : -1;
}

int
pat_parse_sex(const char *s, char out[2])
{
	if (strlen(s) != 1 || strchr("FMXU", toupper((unsigned char)*s)) ==
	    NULL)
		return -1;
	out[0] = (char)toupper((unsigned char)*s);
	out[1] = '\0';
	return 0;
}

/* A folded prefix as the key range [lo, hi) in the named parameters. */
static void
bind_prefix(sqlite3_stmt *s, const char *lo, const char *hi,
    const char *key)
{
	char *end = xasprintf("%s\xff", key);

	db_bind_text(s, lo, key);
	db_bind_text(s, hi, end);
	free(end);
}

/* The day n years before today, for age filters. */
static void
years_ago(int n, char out[DATE_LEN])
{
	char spec[16];

	snprintf(spec, sizeof(spec), "-%dy", n);
	date_parse_day(spec, out);
}

sqlite3_stmt *
pat_list(struct db *db, const struct pat_filter *f)
{
	sqlite3_stmt	*s = db_query(db, &patient_queries[Q_LIST]);
	char		 day[DATE_LEN], *key;

	if (f->name) {
		bind_prefix(s, ":name_lo", ":name_hi", key = fold_key(f->name));
		free(key);
	}
	if (f->dob)
		db_bind_text(s, ":dob", f->dob);
	if (f->amin >= 0) {	/* born after amax + 1 years ago, by amin */
		years_ago(f->amin, day);
		db_bind_text(s, ":born_by", day);
		years_ago(f->amax + 1, day);
		db_bind_text(s, ":born_after", day);
	}
	if (f->sex)
		db_bind_text(s, ":sex", f->sex);
	if (f->covered) {
		date_parse_day("today", day);
		db_bind_text(s, ":covered_on", day);
	}
	if (f->payer)
		db_bind_int(s, ":payer", f->payer);
	db_bind_text(s, ":status", f->status);
	if (f->limit >= 0)
		db_bind_int(s, ":limit", f->limit);
	return s;
}

int
pat_search_check(const char *text)
{
	/*
	 * Names are matched by their folded keys, which keep only letters
	 * and digits: "%", "_" or "!!" fold to nothing, a prefix of every
	 * name, so they would list everyone.
	 */
	char	*key = fold_key(text);
	int	 none = strspn(key, " ") == strlen(key);

	free(key);
	if (none) {
		warnx("search: '%s' has no letter or digit to search for",
		    text);
		return EX_USAGE;
	}
	return 0;
}

sqlite3_stmt *
pat_search(struct db *db, const char *text, const char *country,
    long long limit)
{
	sqlite3_stmt	*s;
	char		 day[DATE_LEN], phone[PHONE_LEN], *key, *sp;
	const char	*why;

	if (strlen(text) == 10 && date_parse_day(text, day) == 0 &&
	    isdigit((unsigned char)*text)) {
		s = db_query(db, &patient_queries[Q_SEARCH_DOB]);
		sqlite3_bind_text(s, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, limit);
		return s;
	}
	if (strspn(text, "+0123456789 -().") == strlen(text) &&
	    phone_e164(text, country, phone, &why) == 0) {
		s = db_query(db, &patient_queries[Q_SEARCH_PHONE]);
		sqlite3_bind_text(s, 1, phone, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 3, limit);
		return s;
	}
	key = fold_key(text);
	if ((sp = strchr(key, ' ')) != NULL) {
		*sp = '\0';
		s = db_query(db, &patient_queries[Q_SEARCH_NAME2]);
		bind_prefix(s, ":lo1", ":hi1", key);
		bind_prefix(s, ":lo2", ":hi2", sp + 1);
		db_bind_int(s, ":limit", limit);
	} else {
		char *hi = xasprintf("%s\xff", key);

		s = db_query(db, &patient_queries[Q_SEARCH_NAME]);
		db_bind_text(s, ":lo", key);
		db_bind_text(s, ":hi", hi);
		db_bind_text(s, ":text", text);
		db_bind_int(s, ":limit", limit);
		free(hi);
	}
	free(key);
	return s;
}

int
pat_set_active(struct db *db, long long id, int active)
{
	sqlite3_stmt	*s = db_query(db, &patient_queries[Q_SET_ACTIVE]);
	char		 now[STAMP_LEN];
	int		 rc;

	date_now_stamp(now);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, active);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	if (sqlite3_changes(db_handle(db)) == 0) {
		warnx("pat-%lld was merged into another patient", id);
		return EX_DATAERR;
	}
	return 0;
}

/*
 * Every column that refers to a patient, and what a merge does with it.
 * tests/unit/mergefk compares this list with the foreign keys the
 * migrations declare, both ways, so a new table that points at patient
 * cannot be forgotten here: it fails the test until it is listed, moved
 * or kept on purpose.  MOVE runs its statement with ?1 the survivor and
 * ?2 the duplicate, in this order.
 */
static const struct pat_merge_ref merge_refs[] = {
	{ "patient", "merged_into", PAT_MERGE_KEEP, NULL, NULL,
	    "an earlier merge into the duplicate stays as it was recorded "
	    "(and the trigger patient_merge_once forbids changing it)" },
	{ "patient_history", "patient_id", PAT_MERGE_KEEP, NULL, NULL,
	    "the edits describe the duplicate's own record" },
	{ "coverage", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_COVERAGE],
	    "both have coverage of one priority on the same dates: end one "
	    "('patient coverage end')", NULL },
	{ "appointment", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_APPOINTMENTS], "are both booked at "
	    "overlapping times: cancel one ('sched cancel')", NULL },
	{ "waitlist", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_WAITLIST], NULL, NULL },
	{ "reminder", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_REMINDERS], NULL, NULL },
	{ "remind_optout", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_OPTOUTS], NULL, NULL },
	{ "encounter", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_ENCOUNTERS], NULL, NULL },
	{ "problem", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_PROBLEMS], "both have the same active "
	    "problem: resolve one ('chart problem resolve')", NULL },
	{ "allergy", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_ALLERGIES], "both have an active entry "
	    "for one substance (or both NKDA): inactivate one ('chart "
	    "allergy inactivate')", NULL },
	{ "immunization", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_IMMUNIZATIONS], NULL, NULL },
	/* a claim follows its encounter, which moves above */
	{ "claim", "patient_id", PAT_MERGE_MOVE,
	    &patient_queries[Q_MOVE_CLAIMS], NULL, NULL },
	{ "posting", "patient_id", PAT_MERGE_KEEP, NULL, NULL,
	    "the ledger is never edited: lib/ledger.c reads a patient's "
	    "postings with those of the patients merged into it" },
	{ "payment", "patient_id", PAT_MERGE_KEEP, NULL, NULL,
	    "a payment is ledger, never edited: read with the survivor's as "
	    "its postings are" },
	{ "statement_sent", "patient_id", PAT_MERGE_KEEP, NULL, NULL,
	    "a record of what was emailed to the duplicate's address on "
	    "that day; the survivor's own statements are not the same" },
};

const struct pat_merge_ref *
pat_merge_refs(size_t *n)
{
	*n = nitems(merge_refs);
	return merge_refs;
}

int
pat_merge_move(struct db *db, long long keep, long long dup)
{
	for (size_t i = 0; i < nitems(merge_refs); i++) {
		const struct pat_merge_ref *r = &merge_refs[i];
		sqlite3_stmt	*s;
		int		 rc;

		if (r->action != PAT_MERGE_MOVE)
			continue;
		s = db_query(db, r->q);
		sqlite3_bind_int64(s, 1, keep);
		sqlite3_bind_int64(s, 2, dup);
		if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
			sqlite3_reset(s);
			if (rc == SQLITE_CONSTRAINT && r->clash) {
				warnx("pat-%lld and pat-%lld %s, and merge again",
				    keep, dup, r->clash);
				return EX_DATAERR;
			}
			return db_fail(db, rc, "merge");
		}
		sqlite3_reset(s);
	}
	return 0;
}

int
pat_merge(struct db *db, long long keep, long long dup)
{
	sqlite3_stmt	*s;
	char		 now[STAMP_LEN];
	int		 rc;

	if (keep == dup) {
		warnx("cannot merge a patient into itself");
		return EX_DATAERR;
	}
	/*
	 * The duplicate points at the survivor before its records move:
	 * a signed encounter may change its patient only to the one its
	 * patient was merged into (schema 009).
	 */
	date_now_stamp(now);
	s = db_query(db, &patient_queries[Q_MERGE]);
	sqlite3_bind_int64(s, 1, dup);
	sqlite3_bind_int64(s, 2, keep);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		sqlite3_reset(s);
		if (rc == SQLITE_CONSTRAINT) {
			warnx("pat-%lld or pat-%lld is already merged", dup,
			    keep);
			return EX_DATAERR;
		}
		return db_fail(db, rc, "merge");
	}
	sqlite3_reset(s);
	return pat_merge_move(db, keep, dup);
}

/*
 * patient import: the caller's one transaction, every row checked and
 * counted; the first bad row makes the run fail unless --keep-going.
 */
/* Mark a patient inactive, as an exported "status" column says. */
static int
set_inactive(struct db *db, long long id)
{
	sqlite3_stmt	*s = db_query(db, &patient_queries[Q_SET_ACTIVE]);
	char		 now[STAMP_LEN];

	date_now_stamp(now);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, 0);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	return db_exec(db, s);
}

/* The not_duplicate column: "yes" (as export writes it), or not set. */
static int
parse_notdup(const char *v, int *yes)
{
	if (v == NULL || !strcmp(v, "") || !strcmp(v, "no") ||
	    !strcmp(v, "false") || !strcmp(v, "0"))
		*yes = 0;
	else if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
		*yes = 1;
	else
		return -1;
	return 0;
}

/*
 * The duplicate guard for a row: one that looks like a patient already
 * here is refused unless --force, which marks it not a duplicate.  A
 * row marked not_duplicate (export wrote it) was confirmed in its own
 * clinic: it is not checked, and the patients the file added so marked
 * are passed over for the rows after, whichever of a pair carries the
 * mark.  *dup is the one it looks like when refused.
 */
static int
import_guard(struct pat_import *im, struct pat *p, int notdup, long long *dup)
{
	int rc;

	*dup = 0;
	if (notdup) {
		p->not_duplicate = 1;
		return 0;
	}
	if ((rc = pat_duplicate(im->db, p, im->last_before, dup)) != 0)
		return rc;
	if (*dup && im->force) {
		p->not_duplicate = 1;
		*dup = 0;
	}
	return 0;
}

/*
 * Bulk load (issue 11).  Once an import has added more patients than the
 * clinic had before it (and BULK_MIN at least), it drops the indexes it
 * does not search itself (Q_BULK_INDEXES) and makes them again at its
 * end, before the caller's COMMIT: one sorted build of an index costs
 * much less than inserting into it a row at a time.  It is all the one
 * transaction: readers keep the old snapshot, indexes and all, and the
 * ROLLBACK of a failed import brings them back with everything else.
 * The statements are the schema's own text, so they are run as they
 * are, not from a query table; a failure fails the import.
 */
#define BULK_MIN 1000

static int
bulk_begin(struct pat_import *im)
{
	sqlite3_stmt	*s = db_query(im->db, &patient_queries[Q_BULK_INDEXES]);
	sqlite3		*h = db_handle(im->db);
	int		 rc;

	im->bulk_tried = 1;
	while ((rc = db_step(im->db, s)) == SQLITE_ROW) {
		im->bulk = xrealloc(im->bulk, (im->nbulk + 1) *
		    sizeof(*im->bulk));
		im->bulk[im->nbulk++] = (struct pat_index){
		    xstrdup((const char *)sqlite3_column_text(s, 0)),
		    xstrdup((const char *)sqlite3_column_text(s, 1)) };
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	for (size_t i = 0; i < im->nbulk; i++) {
		char *drop = sqlite3_mprintf("DROP INDEX \"%w\"",
		    im->bulk[i].name);

		rc = sqlite3_exec(h, drop, NULL, NULL, NULL);
		sqlite3_free(drop);
		if (rc != SQLITE_OK)
			return db_fail(im->db, rc, im->bulk[i].name);
	}
	return 0;
}

/*
 * The dropped indexes, made again from all the rows.  Their sort spills
 * to temporary files rather than to memory (the import's temp_store, for
 * its statement journals: lib/db.c db_cache_mb), and sorts and reads in
 * a page cache of 2 MB: a million rows would otherwise hold one whole
 * index in memory, twice the program's RSS.  SQLite takes the switch
 * inside a transaction while no temporary table exists (none does).
 */
static int
bulk_end(struct pat_import *im)
{
	sqlite3		*h = db_handle(im->db);
	char		 restore[80];
	long long	 cache = -2000;	/* SQLite's default; the pragma answers */
	int		 rc;

	if (im->nbulk == 0)
		return 0;
	rc = db_step_int(im->db, db_query(im->db,
	    &patient_queries[Q_CACHE_SIZE]), &cache);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	snprintf(restore, sizeof(restore), "PRAGMA temp_store=MEMORY;"
	    " PRAGMA cache_size=%lld", cache);
	rc = sqlite3_exec(h, "PRAGMA temp_store=FILE; PRAGMA cache_size=-2048",
	    NULL, NULL, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < im->nbulk; i++)
		if ((rc = sqlite3_exec(h, im->bulk[i].sql, NULL, NULL,
		    NULL)) != SQLITE_OK)
			return db_fail(im->db, rc, im->bulk[i].name);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, restore, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_fail(im->db, rc, "temp_store");
}

/* A row just inserted as id: counted, and marked as its status says. */
static int
import_added(struct pat_import *im, long long id, const char *status)
{
	int rc = 0;

	if (status && strcmp(status, "inactive") == 0)
		rc = set_inactive(im->db, id);
	if (rc == 0) {
		im->added++;
		idlist_add(&im->ids, id);
	}
	return rc;
}

/*
 * One record whose fields are already in p (has[] marks the ones given;
 * status is the exported status column, or NULL; notdup its
 * not_duplicate).
 */
static int
import_one(struct pat_import *im, struct pat *p, const int *has,
    const char *status, int notdup, size_t line)
{
	struct db	*db = im->db;
	struct pat	 old = { 0 }, new = { 0 };
	sqlite3_stmt	*s;
	const char	*why;
	long long	 id = 0, dup = 0;
	int		 f, rc = 0, changed;

	if (!im->bulk_tried && im->added >= BULK_MIN &&
	    im->added > im->last_before && (rc = bulk_begin(im)) != 0)
		return rc;
	/*
	 * Most rows of an import are new patients with an MRN: inserted
	 * straight away, with no look-up of the MRN first (one statement and
	 * one index search a row).  The MRN's UNIQUE constraint says when it
	 * is taken; then, and for a row that is refused or looks like
	 * someone, the whole way below decides, as if this had not run.
	 */
	if (p->v[PF_MRN] && !im->update && pat_check(p, &f, &why) == 0) {
		if ((rc = import_guard(im, p, notdup, &dup)) != 0)
			return rc;
		if (dup == 0) {
			if ((rc = pat_insert(db, p, &id)) == 0)
				return import_added(im, id, status);
			if (rc != EX_DATAERR)
				return rc;
			rc = 0;
			id = 0;
		}
		dup = 0;
	}
	if (p->v[PF_MRN]) {
		s = db_query(db, &patient_queries[Q_BY_MRN]);
		sqlite3_bind_text(s, 1, p->v[PF_MRN], -1, SQLITE_STATIC);
		rc = db_step_int(db, s, &id);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rc;
		rc = 0;
	}
	if (id > im->last_before) {	/* added by an earlier line */
		import_bad(&im->io, line, "mrn", "appears twice in the file");
		return 0;
	}
	if (id != 0 && !im->update) {		/* idempotent by MRN */
		im->same++;
		return 0;
	}
	if (id != 0) {		/* --update: the given columns replace */
		if ((rc = pat_load(db, id, &old)) != 0 ||
		    (rc = pat_load(db, id, &new)) != 0)
			goto out;
		for (int i = 0; i < PF_MAX; i++)
			if (has[i]) {
				free(new.v[i]);
				new.v[i] = p->v[i] ? xstrdup(p->v[i]) : NULL;
			}
		if (pat_check(&new, &f, &why) == -1) {
			import_bad(&im->io, line, pat_field_name(f), why);
			goto out;
		}
		/* as edit: a change that makes it look like another */
		if ((notdup || pat_identity_changed(&old, &new)) &&
		    (rc = import_guard(im, &new, notdup, &dup)) != 0)
			goto out;
		if (dup) {
			char why2[160];

			snprintf(why2, sizeof(why2), "would look like pat-%lld "
			    "(same name and date of birth, or phone and date "
			    "of birth): --force to change anyway", dup);
			import_bad(&im->io, line, "mrn", why2);
			goto out;
		}
		if ((rc = pat_update(db, &old, &new, im->login,
		    &changed)) != 0)
			goto out;
		if (changed) {
			im->updated++;
			idlist_add(&im->ids, id);
		} else
			im->same++;
		goto out;
	}
	if (pat_check(p, &f, &why) == -1) {
		import_bad(&im->io, line, pat_field_name(f), why);
		return 0;
	}
	if ((rc = import_guard(im, p, notdup, &dup)) != 0)
		return rc;
	if (dup && p->v[PF_MRN] == NULL) {
		im->same++;		/* the same person, already here */
		return 0;
	}
	if (dup) {
		char why2[96];

		snprintf(why2, sizeof(why2), "looks like pat-%lld (same name "
		    "and date of birth): --force to add anyway", dup);
		import_bad(&im->io, line, "mrn", why2);
		return 0;
	}
	if ((rc = pat_insert(db, p, &id)) == EX_DATAERR) {
		import_bad(&im->io, line, "mrn", "appears twice in the file");
		return 0;
	}
	if (rc == 0)
		rc = import_added(im, id, status);
out:
	pat_clear(&old);
	pat_clear(&new);
	return rc;
}

static int
import_fields(struct pat_import *im, char *const *v, size_t n, size_t line)
{
	struct pat	 p = { 0 };
	int		 has[PF_MAX] = { 0 }, rc;
	const char	*why, *status = NULL;
	int		 notdup = 0;

	if (n > im->ncol) {
		warnx("%s:%zu: %zu fields, but the header names %zu columns",
		    im->io.name, line, n, im->ncol);
		im->io.bad++;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		int		 f = im->col[i];
		const char	*val = v[i];

		if ((int)i == im->status_col)
			status = val;
		if ((int)i == im->notdup_col &&
		    parse_notdup(val, &notdup) == -1) {
			import_bad(&im->io, line, "not_duplicate", "yes or empty");
			pat_clear(&p);
			return 0;
		}
		if (f < 0)
			continue;
		/*
		 * export put a ' before a value a spreadsheet would run as
		 * a formula, and before one that began with ': take exactly
		 * that one off.
		 */
		if (val[0] == '\'' && val[1] != '\0' &&
		    strchr("'=+-@\t\r", val[1]) != NULL)
			val++;
		has[f] = 1;
		if (pat_set(&p, f, val, im->country, &why) == -1) {
			import_bad(&im->io, line, pat_field_name(f), why);
			pat_clear(&p);
			return 0;
		}
	}
	rc = import_one(im, &p, has, status, notdup, line);
	pat_clear(&p);
	return rc;
}

/* Columns named in a header (or JSON keys) to fields; --map wins. */
static int
column_field(const char *name, const struct pat_import *im)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < im->nmap; i++)
		if (strncmp(im->maps[i], name, n) == 0 && im->maps[i][n] == '=')
			return pat_field_find(im->maps[i] + n + 1);
	if (strcmp(name, "id") == 0 || strcmp(name, "status") == 0 ||
	    strcmp(name, "not_duplicate") == 0)
		return -2;		/* export's own columns: not fields */
	return pat_field_find(name);
}

/* The import frame's arg: the run, and the JSON line being read. */
struct jrow {
	struct pat_import	*im;
	struct pat	 p;
	int		 has[PF_MAX];
	char		*status;	/* owned */
	int		 notdup;
};

static int
json_field(const char *key, const char *value, size_t line, void *arg)
{
	struct jrow	*j = arg;
	const char	*why;
	int		 f = column_field(key, j->im);

	if (strcmp(key, "status") == 0) {
		free(j->status);
		j->status = xstrdup(value);
	}
	if (strcmp(key, "not_duplicate") == 0 &&
	    parse_notdup(value, &j->notdup) == -1) {
		import_bad(&j->im->io, line, key, "yes or empty");
		return EX_DATAERR;
	}
	if (f == -2)
		return 0;
	if (f < 0) {
		import_bad(&j->im->io, line, key, "unknown field");
		return EX_DATAERR;
	}
	j->has[f] = 1;
	if (pat_set(&j->p, f, value, j->im->country, &why) == -1) {
		import_bad(&j->im->io, line, key, why);
		return EX_DATAERR;
	}
	return 0;
}

/* A JSON line's record, read field by field, then imported whole. */
static int
json_end(struct importer *io, int ok, size_t line, void *arg)
{
	struct jrow	*j = arg;
	int		 rc = 0;

	(void)io;
	if (ok)
		rc = import_one(j->im, &j->p, j->has, j->status, j->notdup,
		    line);
	pat_clear(&j->p);
	free(j->status);
	*j = (struct jrow){ .im = j->im };
	return rc;
}

/* The CSV header: each column a field, export's own, or an error. */
static int
csv_header(struct importer *io, char *const *f, size_t n, size_t line,
    void *arg)
{
	struct pat_import *im = ((struct jrow *)arg)->im;

	im->ncol = n;
	im->col = xcalloc(n, sizeof(int));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(f[i], "status") == 0)
			im->status_col = (int)i;
		if (strcmp(f[i], "not_duplicate") == 0)
			im->notdup_col = (int)i;
		im->col[i] = column_field(f[i], im);
		/* two columns for one thing: which would win is a guess */
		for (size_t j = 0; j < i; j++)
			if (strcmp(f[i], f[j]) == 0) {
				warnx("%s:%zu: column '%s' named twice",
				    io->name, line, f[i]);
				return EX_DATAERR;
			} else if (im->col[i] >= 0 && im->col[i] == im->col[j]) {
				warnx("%s:%zu: columns '%s' and '%s' are both "
				    "the field %s", io->name, line, f[j], f[i],
				    pat_field_name(im->col[i]));
				return EX_DATAERR;
			}
		if (im->col[i] == -1) {
			warnx("%s:%zu: unknown column '%s' (name a field, or "
			    "--map '%s=FIELD')", io->name, line, f[i], f[i]);
			return EX_DATAERR;
		}
	}
	return 0;
}

static int
csv_row(struct importer *io, char *const *v, size_t n, size_t line,
    void *arg)
{
	(void)io;
	return import_fields(((struct jrow *)arg)->im, v, n, line);
}

int
pat_import_map(struct pat_import *im, const char *map)
{
	const char *eq = strchr(map, '=');

	if (eq == NULL || pat_field_find(eq + 1) < 0) {
		warnx("--map wants COLUMN=FIELD with a patient field, not '%s'",
		    map);
		return EX_USAGE;
	}
	im->maps = xrealloc(im->maps, (im->nmap + 1) * sizeof(*im->maps));
	im->maps[im->nmap++] = map;
	return 0;
}

int
pat_import_open(struct pat_import *im, const char *path)
{
	im->status_col = -1;
	im->notdup_col = -1;
	return import_open(&im->io, path);
}

int
pat_import_run(struct db *db, struct pat_import *im)
{
	static const struct import_ops ops = { csv_header, csv_row,
	    json_field, json_end };
	sqlite3_stmt	*s = db_query(db, &patient_queries[Q_MAX_ID]);
	struct jrow	 j = { .im = im };
	int		 rc;

	im->db = db;
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		im->last_before = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc;
	if ((rc = import_run(&im->io, &ops, &j)) == 0)
		rc = bulk_end(im);
	return rc;
}

void
pat_import_free(struct pat_import *im)
{
	import_close(&im->io);
	idlist_free(&im->ids);
	for (size_t i = 0; i < im->nbulk; i++) {
		free(im->bulk[i].name);
		free(im->bulk[i].sql);
	}
	free(im->bulk);
	im->bulk = NULL;
	im->nbulk = 0;
	free(im->col);
	free(im->maps);
	im->col = NULL;
	im->maps = NULL;
}

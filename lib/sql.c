/*
 * sql - the text of every query, indexed by enum sql_id.  Listing queries
 * produce the typed id ('usr-' || id) as their first column, so lib/out can
 * print any statement without knowing what it is.
 */
#include "sql.h"

/* Time stamps written by SQL: UTC, as date_utc writes them. */
#define NOW	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* A stored UTC instant shown in the clinic's zone (TZ is set to it). */
#define LOCAL(c) "strftime('%Y-%m-%dT%H:%M', " c ", 'localtime')"
/* Appointments meeting [?2, ?3) that hold their slot, other than ?4. */
#define APT_OVERLAP \
	" AND start_at > strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '-720 minutes')" \
	" AND start_at < ?3 AND end_at > ?2" \
	" AND status IN ('booked', 'checkedin', 'checkedout')" \
	" AND id IS NOT ?4 ORDER BY start_at LIMIT 1"
#define APT_LIST \
	"SELECT 'apt-' || a.id AS id, " LOCAL("a.start_at") " AS start," \
	" " LOCAL("a.end_at") " AS \"end\"," \
	" 'pat-' || a.patient_id AS patient," \
	" p.last || ', ' || p.first AS name," \
	" 'prv-' || a.provider_id AS provider, t.name AS type," \
	" r.name AS resource, a.status" \
	" FROM appointment a JOIN patient p ON p.id = a.patient_id" \
	" LEFT JOIN visit_type t ON t.id = a.visit_type_id" \
	" LEFT JOIN resource r ON r.id = a.resource_id"
#define APT_FILTER \
	" AND (?3 IS NULL OR a.provider_id = ?3)" \
	" AND (?4 IS NULL OR a.patient_id = ?4)" \
	" AND (?5 IS NULL OR a.status = ?5)" \
	" AND (?6 IS NULL OR a.resource_id = ?6)"

/* A visit to remind of: the patient's contacts and choices, the visit. */
#define REM_VISIT \
	"SELECT a.id, a.patient_id, a.start_at," \
	" coalesce(p.preferred, p.first), p.email, p.phone, p.channel," \
	" p.sms_consent, p.email_consent, p.language," \
	" (SELECT group_concat(o.channel) FROM remind_optout o" \
	" WHERE o.patient_id = a.patient_id)," \
	" v.name || coalesce(', ' || v.credential, ''), r.name, t.name," \
	" a.status FROM appointment a JOIN patient p ON p.id = a.patient_id" \
	" JOIN provider v ON v.id = a.provider_id" \
	" LEFT JOIN resource r ON r.id = a.resource_id" \
	" LEFT JOIN visit_type t ON t.id = a.visit_type_id"

const char *const sql_text[SQL_MAX] = {
[SQL_META_GET] =
	"SELECT value FROM meta WHERE key = ?1",
[SQL_META_SET] =
	"INSERT INTO meta (key, value) VALUES (?1, ?2)"
	" ON CONFLICT (key) DO UPDATE SET value = excluded.value",

[SQL_USER_BY_LOGIN] =
	"SELECT id, role, active FROM user WHERE login = ?1",
[SQL_USER_ADD] =
	"INSERT INTO user (login, name, role, created_at)"
	" VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",

[SQL_PATIENT_SHOW] =	/* ?1 a row id from a pat- id, ?2 an MRN */
	"SELECT 'pat-' || id AS id, mrn, first, middle, last, preferred, dob,"
	" sex, gender, phone, phone2, email, address1, address2, city, state,"
	" zip, country, language, channel, sms_consent, email_consent,"
	" emergency_name, emergency_phone, deceased, note,"
	" CASE WHEN merged_into IS NOT NULL THEN 'merged'"
	" WHEN deceased IS NOT NULL THEN 'deceased'"
	" WHEN active = 1 THEN 'active' ELSE 'inactive' END AS status"
	" FROM patient WHERE id = ?1 OR mrn = ?2",
/* -- patient (002): lib/patient.c, cmd/patient.c -- */
[SQL_PAT_RESOLVE] =	/* ?1 a row id from a pat- id, ?2 an MRN */
	"SELECT id FROM patient WHERE id = ?1 OR mrn = ?2",
[SQL_PAT_SEARCH_NAME] =	/* one word: ?1/?2 key range on last or first name, ?3 an MRN */
	/* each branch walks its own index in order and stops at the limit */
	"SELECT 'pat-' || id AS id, mrn, last, first, dob, sex, phone,"
	" CASE WHEN merged_into IS NOT NULL THEN 'merged'"
	" WHEN deceased IS NOT NULL THEN 'deceased'"
	" WHEN active = 1 THEN 'active' ELSE 'inactive' END AS status"
	" FROM (SELECT * FROM (SELECT * FROM patient"
	" WHERE last_key >= ?1 AND last_key < ?2 AND merged_into IS NULL"
	" ORDER BY last_key, first_key LIMIT ?4)"
	" UNION SELECT * FROM (SELECT * FROM patient"
	" WHERE first_key >= ?1 AND first_key < ?2 AND merged_into IS NULL"
	" ORDER BY first_key LIMIT ?4)"
	" UNION SELECT * FROM patient WHERE mrn = ?3 AND merged_into IS NULL)"
	" AS p ORDER BY last_key, first_key, p.id LIMIT ?4",
[SQL_PAT_STATE] =
	"SELECT merged_into, active, deceased FROM patient WHERE id = ?1",
/* -- schedule (005): for bench/; lib/appt.c and lib/slots.c have their own -- */
[SQL_APT_HOURS_ALL] =
	"SELECT weekday, start_min, end_min FROM provider_hours"
	" WHERE provider_id = ?1 ORDER BY weekday, start_min",
[SQL_APT_OFF_RANGE] =	/* days off of ?1 touching the days ?2 to ?3 */
	"SELECT from_date, to_date FROM provider_off"
	" WHERE provider_id = ?1 AND from_date <= ?3 AND to_date >= ?2"
	" ORDER BY from_date",
[SQL_APT_BUSY] =	/* the live appointments of ?1 meeting [?2, ?3) */
	"SELECT start_at, end_at FROM appointment WHERE provider_id = ?1"
	" AND start_at > strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '-720 minutes')"
	" AND start_at < ?3 AND end_at > ?2"
	" AND status IN ('booked', 'checkedin', 'checkedout')"
	" ORDER BY start_at",
[SQL_APT_LIST_PROVIDER] =
	APT_LIST " WHERE a.provider_id = ?3 AND a.start_at >= ?1"
	" AND a.start_at < ?2" APT_FILTER " ORDER BY a.start_at, a.id",
/* -- remind (006): lib/remind.c keeps its own -- */
/*
 * Booked visits starting in (?1, ?2], after the cursor (?3 start, ?4 id),
 * of patients who may still be told anything: what remind.visits and
 * remind.apt (lib/remind.c) read together, for bench/remind_sql.c.
 */
[SQL_REM_DUE] =
	REM_VISIT " WHERE a.status = 'booked' AND a.start_at > ?1"
	" AND a.start_at <= ?2 AND (a.start_at > ?3 OR (a.start_at = ?3"
	" AND a.id > ?4)) AND p.active = 1 AND p.deceased IS NULL"
	" AND p.merged_into IS NULL ORDER BY a.start_at, a.id",
};
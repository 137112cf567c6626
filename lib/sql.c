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
[SQL_PAT_LOAD] =
	"SELECT mrn, first, middle, last, preferred, dob, sex, gender,"
	" phone, phone2, email, address1, address2, city, state, zip,"
	" country, language, channel, sms_consent, email_consent,"
	" emergency_name, emergency_phone, deceased, note, not_duplicate"
	" FROM patient WHERE id = ?1",
[SQL_PAT_DUPLICATE] =	/* same DOB, and same folded name or same phone; ?6: a patient confirmed not a duplicate whose id is above it is not one */
	"SELECT id FROM patient WHERE merged_into IS NULL"
	" AND id <> coalesce(?5, 0) AND ((last_key = ?2 AND first_key = ?3"
	" AND dob = ?1) OR (phone = ?4 AND dob = ?1))"
	" AND NOT (not_duplicate = 1 AND ?6 IS NOT NULL AND id > ?6)"
	" ORDER BY id LIMIT 1",
[SQL_PAT_INSERT] =	/* the fields in enum pat_field order, keys, time, not_duplicate */
	"INSERT INTO patient (mrn, first, middle, last, preferred, dob,"
	" sex, gender, phone, phone2, email, address1, address2, city,"
	" state, zip, country, language, channel, sms_consent,"
	" email_consent, emergency_name, emergency_phone, deceased, note,"
	" last_key, first_key, created_at, updated_at, not_duplicate)"
	" VALUES (?1, ?2,"
	" ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
	" ?17, ?18, coalesce(?19, 'none'), ?20, ?21, ?22, ?23, ?24, ?25,"
	" ?26, ?27, ?28, ?28, ?29)",
[SQL_PAT_UPDATE] =
	"UPDATE patient SET mrn = ?1, first = ?2, middle = ?3, last = ?4,"
	" preferred = ?5, dob = ?6, sex = ?7, gender = ?8, phone = ?9,"
	" phone2 = ?10, email = ?11, address1 = ?12, address2 = ?13, city"
	" = ?14, state = ?15, zip = ?16, country = ?17, language = ?18,"
	" channel = coalesce(?19, 'none'), sms_consent = ?20,"
	" email_consent = ?21, emergency_name = ?22, emergency_phone ="
	" ?23, deceased = ?24, note = ?25, last_key = ?26, first_key ="
	" ?27, updated_at = ?28, not_duplicate = ?30 WHERE id = ?29",
[SQL_PAT_HISTORY_ADD] =
	"INSERT INTO patient_history (patient_id, at, login, field, old,"
	" new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
[SQL_PAT_HISTORY] =
	"SELECT 'chg-' || patient_history.id AS id, at, login, field,"
	" old, new FROM patient_history WHERE patient_id = ?1 ORDER BY"
	" patient_history.id",
[SQL_PAT_LIST] =	/* ?1/?2 name key range, ?3 dob, ?4/?5 dob bounds from ages, ?6 sex, ?7 covered on that day, ?8 payer row id, ?9 status or 'all', ?10 limit */
	"SELECT 'pat-' || patient.id AS id, mrn, last, first, dob, sex,"
	" phone, CASE WHEN merged_into IS NOT NULL THEN 'merged' WHEN"
	" deceased IS NOT NULL THEN 'deceased' WHEN active = 1 THEN"
	" 'active' ELSE 'inactive' END AS status FROM patient WHERE (?1"
	" IS NULL OR (last_key >= ?1 AND last_key < ?2) OR (first_key >="
	" ?1 AND first_key < ?2)) AND (?3 IS NULL OR dob = ?3) AND (?4 IS"
	" NULL OR dob <= ?4) AND (?5 IS NULL OR dob > ?5) AND (?6 IS NULL"
	" OR sex = ?6) AND (?7 IS NULL OR EXISTS (SELECT 1 FROM coverage"
	" c WHERE c.patient_id = patient.id AND c.start_date <= ?7 AND"
	" (c.end_date IS NULL OR c.end_date >= ?7))) AND (?8 IS NULL OR"
	" EXISTS (SELECT 1 FROM coverage c WHERE c.patient_id ="
	" patient.id AND c.payer_id = ?8)) AND (?9 = 'all' OR ?9 = CASE"
	" WHEN merged_into IS NOT NULL THEN 'merged' WHEN deceased IS NOT"
	" NULL THEN 'deceased' WHEN active = 1 THEN 'active' ELSE"
	" 'inactive' END) ORDER BY last_key, first_key, patient.id LIMIT"
	" coalesce(?10, -1)",
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
[SQL_PAT_SEARCH_NAME2] =	/* two words, either order: ?1/?2 and ?3/?4 key ranges */
	"SELECT 'pat-' || patient.id AS id, mrn, last, first, dob, sex,"
	" phone, CASE WHEN merged_into IS NOT NULL THEN 'merged' WHEN"
	" deceased IS NOT NULL THEN 'deceased' WHEN active = 1 THEN"
	" 'active' ELSE 'inactive' END AS status FROM patient WHERE"
	" merged_into IS NULL AND ((last_key >= ?1 AND last_key < ?2 AND"
	" first_key >= ?3 AND first_key < ?4) OR (last_key >= ?3 AND"
	" last_key < ?4 AND first_key >= ?1 AND first_key < ?2)) ORDER BY"
	" last_key, first_key, patient.id LIMIT ?5",
[SQL_PAT_SEARCH_DOB] =
	"SELECT 'pat-' || patient.id AS id, mrn, last, first, dob, sex,"
	" phone, CASE WHEN merged_into IS NOT NULL THEN 'merged' WHEN"
	" deceased IS NOT NULL THEN 'deceased' WHEN active = 1 THEN"
	" 'active' ELSE 'inactive' END AS status FROM patient WHERE"
	" merged_into IS NULL AND (dob = ?1 OR mrn = ?1) ORDER BY"
	" last_key, first_key, patient.id LIMIT ?2",
[SQL_PAT_SEARCH_PHONE] =	/* ?1 an E.164 number, ?2 the digits as typed (an MRN) */
	"SELECT 'pat-' || patient.id AS id, mrn, last, first, dob, sex,"
	" phone, CASE WHEN merged_into IS NOT NULL THEN 'merged' WHEN"
	" deceased IS NOT NULL THEN 'deceased' WHEN active = 1 THEN"
	" 'active' ELSE 'inactive' END AS status FROM patient WHERE"
	" merged_into IS NULL AND (phone = ?1 OR phone2 = ?1 OR mrn = ?2)"
	" ORDER BY last_key, first_key, patient.id LIMIT ?3",
[SQL_PAT_SET_ACTIVE] =
	"UPDATE patient SET active = ?2, updated_at = ?3 WHERE id = ?1"
	" AND merged_into IS NULL",
[SQL_PAT_MERGE] =	/* ?1 the duplicate, ?2 the survivor */
	"UPDATE patient SET merged_into = ?2, active = 0, updated_at = ?3"
	" WHERE id = ?1",
[SQL_PAT_STATE] =
	"SELECT merged_into, active, deceased FROM patient WHERE id = ?1",
[SQL_PAT_MOVE_COVERAGE] =	/* every record of ?2 becomes ?1's (merge) */
	"UPDATE coverage SET patient_id = ?1 WHERE patient_id = ?2",
[SQL_PAT_MOVE_APPOINTMENTS] =
	"UPDATE appointment SET patient_id = ?1 WHERE patient_id = ?2",
[SQL_PAT_MOVE_WAITLIST] =
	"UPDATE waitlist SET patient_id = ?1 WHERE patient_id = ?2",
[SQL_PAT_MOVE_REMINDERS] =
	"UPDATE reminder SET patient_id = ?1 WHERE patient_id = ?2",
[SQL_PAT_MOVE_OPTOUTS] =	/* both opted out: the survivor's row stays */
	"UPDATE OR IGNORE remind_optout SET patient_id = ?1"
	" WHERE patient_id = ?2",
[SQL_PAT_EXPORT] =	/* the field names as columns, so import reads it back */
	"SELECT 'pat-' || patient.id AS id, mrn, first, middle, last,"
	" preferred, dob, sex, gender, phone, phone2, email, address1,"
	" address2, city, state, zip, country, language, channel,"
	" sms_consent, email_consent, emergency_name, emergency_phone,"
	" deceased, note, status, CASE WHEN not_duplicate = 1 THEN 'yes'"
	" END AS not_duplicate FROM (SELECT *, CASE"
	" WHEN merged_into IS NOT NULL THEN 'merged'"
	" WHEN deceased IS NOT NULL THEN 'deceased'"
	" WHEN active = 1 THEN 'active' ELSE 'inactive' END AS status"
	" FROM patient) AS patient"
	" WHERE merged_into IS NULL AND (?1 = 'all' OR ?1 = status)"
	" ORDER BY patient.id",
[SQL_PAT_BY_MRN] =
	"SELECT id FROM patient WHERE mrn = ?1",
[SQL_PAT_MAX_ID] =
	"SELECT coalesce(max(id), 0) FROM patient",
[SQL_PAYER_ADD] =
	"INSERT INTO payer (name, payer_id, created_at) VALUES (?1, ?2,"
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
[SQL_PAYER_LIST] =
	"SELECT 'pyr-' || payer.id AS id, name, payer_id, CASE active"
	" WHEN 1 THEN 'yes' ELSE 'no' END AS active FROM payer ORDER BY"
	" payer.id",
[SQL_PAYER_FIND] =	/* ?1 a row id from a pyr- id, ?2 a name or X12 payer id */
	"SELECT id FROM payer WHERE id = ?1 OR name = ?2 OR payer_id = ?2"
	" ORDER BY id LIMIT 1",
[SQL_COV_ADD] =
	"INSERT INTO coverage (patient_id, payer_id, member_id, group_no,"
	" priority, relationship, subscriber_name, subscriber_dob,"
	" subscriber_sex, start_date, end_date, created_at) VALUES (?1,"
	" ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
[SQL_COV_LIST] =	/* ?1 patient, ?2 today */
	"SELECT 'cov-' || c.id AS id, 'pat-' || c.patient_id AS patient,"
	" p.name AS payer, p.payer_id, c.member_id, c.group_no,"
	" c.priority, c.relationship, c.subscriber_name,"
	" c.subscriber_dob, c.subscriber_sex, c.start_date AS \"from\","
	" c.end_date AS \"to\", CASE WHEN c.end_date IS NOT NULL AND"
	" c.end_date < ?2 THEN 'ended' WHEN c.start_date > ?2 THEN"
	" 'future' ELSE 'active' END AS status FROM coverage c JOIN payer"
	" p ON p.id = c.payer_id WHERE c.patient_id = ?1 ORDER BY"
	" c.start_date, c.id",
[SQL_COV_PATIENT] =
	"SELECT patient_id, start_date, end_date FROM coverage WHERE id ="
	" ?1",
[SQL_COV_END] =
	"UPDATE coverage SET end_date = ?2 WHERE id = ?1",
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
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
/* whole-database checks; also run on connections db_stmt does not own */
[SQL_USER_VERSION] =
	"PRAGMA user_version",
[SQL_INTEGRITY_CHECK] =
	"PRAGMA integrity_check",
[SQL_FOREIGN_KEY_CHECK] =	/* rows: table, rowid, parent, fkid */
	"PRAGMA foreign_key_check",
[SQL_IS_CLINIX] =		/* prepares only on a clinix database */
	"SELECT 1 FROM audit, user LIMIT 1",

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
[SQL_USER_LIST] =
	"SELECT 'usr-' || id AS id, login, name, role,"
	" CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active, created_at"
	" FROM user ORDER BY user.id",
[SQL_USER_SET_ROLE] =
	"UPDATE user SET role = ?2 WHERE id = ?1",
[SQL_USER_SET_ACTIVE] =
	"UPDATE user SET active = ?2 WHERE id = ?1",
[SQL_USER_FIND] =	/* ?1 a login, ?2 a row id from a usr- id */
	"SELECT id, login, role, active FROM user"
	" WHERE login = ?1 OR id = ?2",

[SQL_AUDIT_LAST] =
	"SELECT id, mac, (SELECT count(*) FROM audit) FROM audit"
	" ORDER BY id DESC LIMIT 1",
[SQL_AUDIT_ADD] =
	"INSERT INTO audit (id, at, login, action, outcome, patient_id,"
	" record, detail, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
[SQL_AUDIT_ALL] =
	"SELECT id, at, login, action, outcome, patient_id, record, detail,"
	" mac FROM audit ORDER BY id",
[SQL_AUDIT_MAC] =
	"SELECT mac FROM audit WHERE id = ?1",
[SQL_AUDIT_LIST] =
	"SELECT 'aud-' || id AS id, at, login, action, outcome,"
	" CASE WHEN patient_id IS NOT NULL THEN 'pat-' || patient_id END"
	" AS patient, record, detail FROM audit"
	" WHERE (?1 IS NULL OR patient_id = ?1)"
	" AND (?2 IS NULL OR login = ?2)"
	" AND (?3 IS NULL OR action = ?3 OR action LIKE ?3 || '.%')"
	" AND (?4 IS NULL OR at >= ?4)"
	" AND (?5 IS NULL OR at < ?5)"
	" AND (?6 IS NULL OR outcome = ?6)"
	" ORDER BY audit.id DESC LIMIT coalesce(?7, -1)",

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
	/*
	 * Once per row of an import: each branch a look-up of its own index
	 * (patient_dob_name's whole key, patient_phone), merged in id order.
	 * Written as one OR, the planner took the DOB alone and read every
	 * patient born that day.
	 */
	"SELECT id FROM (SELECT id, merged_into, not_duplicate FROM patient"
	" WHERE dob = ?1 AND last_key = ?2 AND first_key = ?3"
	" UNION ALL SELECT id, merged_into, not_duplicate FROM patient"
	" WHERE phone = ?4 AND dob = ?1)"
	" WHERE merged_into IS NULL AND id <> coalesce(?5, 0)"
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
/* -- code (003): lib/codeset.c, cmd/code.c -- */
[SQL_CODE_UPSERT] =	/* an unchanged row is left alone: no FTS work */
	"INSERT INTO code (system, code, title, long_title, billable, kind,"
	" version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	" ON CONFLICT (system, code) DO UPDATE SET title = excluded.title,"
	" long_title = excluded.long_title, billable = excluded.billable,"
	" kind = excluded.kind, version = excluded.version, retired_in = NULL"
	" WHERE title IS NOT excluded.title"
	" OR long_title IS NOT excluded.long_title"
	" OR billable IS NOT excluded.billable OR kind IS NOT excluded.kind"
	" OR version IS NOT excluded.version OR retired_in IS NOT NULL",
[SQL_CODE_CURRENT] =	/* in memcmp order, as lib/codeset.c sorts */
	"SELECT code FROM code WHERE system = ?1 AND retired_in IS NULL"
	" ORDER BY code",
[SQL_CODE_RETIRE] =
	"UPDATE code SET retired_in = ?3 WHERE system = ?1 AND code = ?2"
	" AND retired_in IS NULL",
[SQL_CODE_COUNT] =
	"SELECT count(*), count(retired_in) FROM code WHERE system = ?1",
[SQL_CODE_LOOKUP] =	/* the best row first, when both systems have it */
	"SELECT system, billable, retired_in, kind FROM code"
	" WHERE code = ?1 AND (?2 IS NULL OR system = ?2)"
	" ORDER BY retired_in IS NOT NULL, billable DESC, system",
[SQL_CODE_SHOW] =
	"SELECT CASE WHEN system = 'icd10cm' AND length(code) > 3"
	" THEN substr(code, 1, 3) || '.' || substr(code, 4) ELSE code END"
	" AS code, system, title, long_title,"
	" CASE billable WHEN 1 THEN 'yes' ELSE 'no' END AS billable, kind,"
	" version, retired_in FROM code"
	" WHERE code = ?1 AND (?2 IS NULL OR system = ?2) ORDER BY system",
[SQL_CODE_SEARCH] =	/* ?1 an FTS5 query of quoted words */
	"SELECT CASE WHEN c.system = 'icd10cm' AND length(c.code) > 3"
	" THEN substr(c.code, 1, 3) || '.' || substr(c.code, 4) ELSE c.code"
	" END AS code, c.system, c.title,"
	" CASE c.billable WHEN 1 THEN 'yes' ELSE 'no' END AS billable,"
	" c.retired_in FROM code_fts JOIN code c ON c.rowid = code_fts.rowid"
	" WHERE code_fts MATCH ?1 AND (?2 IS NULL OR c.system = ?2)"
	" AND (?3 = 0 OR c.billable = 1) AND (?4 = 1 OR c.retired_in IS NULL)"
	" ORDER BY c.system, c.code LIMIT coalesce(?5, -1)",
[SQL_CODE_FTS_REBUILD] =	/* see share/schema/003-codes.sql */
	"INSERT INTO code_fts (code_fts) VALUES ('rebuild')",
/* -- provider (004): cmd/provider.c -- */
[SQL_PROVIDER_ADD] =
	"INSERT INTO provider (name, npi, taxonomy, credential, login,"
	" created_at) VALUES (?1, ?2, ?3, ?4, ?5,"
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
[SQL_PROVIDER_LIST] =
	"SELECT 'prv-' || id AS id, npi, name, credential, taxonomy, login,"
	" CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active, created_at"
	" FROM provider ORDER BY provider.id",
[SQL_PROVIDER_SHOW] =	/* the columns of SQL_PROVIDER_LIST */
	"SELECT 'prv-' || id AS id, npi, name, credential, taxonomy, login,"
	" CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active, created_at"
	" FROM provider WHERE provider.id = ?1",
[SQL_PROVIDER_FIND] =	/* ?1 a row id from a prv- id, ?2 an NPI */
	"SELECT id, active FROM provider WHERE id = ?1 OR npi = ?2",
[SQL_PROVIDER_BY_LOGIN] =
	"SELECT id FROM provider WHERE login = ?1",
[SQL_PROVIDER_EDIT] =	/* NULL keeps a field; '' clears credential, login */
	"UPDATE provider SET name = coalesce(?2, name),"
	" npi = coalesce(?3, npi), taxonomy = coalesce(?4, taxonomy),"
	" credential = CASE WHEN ?5 IS NULL THEN credential"
	" ELSE nullif(?5, '') END,"
	" login = CASE WHEN ?6 IS NULL THEN login ELSE nullif(?6, '') END"
	" WHERE id = ?1",
[SQL_PROVIDER_SET_ACTIVE] =
	"UPDATE provider SET active = ?2 WHERE id = ?1",
[SQL_PROVIDER_HOURS_CLEAR] =
	"DELETE FROM provider_hours WHERE provider_id = ?1 AND weekday = ?2",
[SQL_PROVIDER_HOURS_ADD] =
	"INSERT INTO provider_hours (provider_id, weekday, start_min, end_min)"
	" VALUES (?1, ?2, ?3, ?4)",
[SQL_PROVIDER_HOURS_LIST] =
	"SELECT 'prv-' || provider_id AS id,"
	" substr('montuewedthufrisatsun', 3 * weekday - 2, 3) AS day,"
	" printf('%02d:%02d', start_min / 60, start_min % 60) AS start,"
	" printf('%02d:%02d', end_min / 60, end_min % 60) AS \"end\""
	" FROM provider_hours WHERE provider_id = ?1"
	" ORDER BY provider_hours.weekday, provider_hours.start_min",
[SQL_PROVIDER_OFF_ADD] =
	"INSERT INTO provider_off (provider_id, from_date, to_date, reason,"
	" created_at) VALUES (?1, ?2, ?3, ?4,"
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
[SQL_PROVIDER_OFF_LIST] =
	"SELECT 'off-' || id AS id, 'prv-' || provider_id AS provider,"
	" from_date, to_date, reason FROM provider_off"
	" WHERE provider_id = ?1"
	" ORDER BY provider_off.from_date, provider_off.id",
[SQL_VISIT_TYPE_ADD] =
	"INSERT INTO visit_type (name, minutes, created_at) VALUES (?1, ?2,"
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
[SQL_VISIT_TYPE_LIST] =
	"SELECT 'vt-' || id AS id, name, minutes,"
	" CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active"
	" FROM visit_type ORDER BY visit_type.id",
[SQL_RESOURCE_ADD] =
	"INSERT INTO resource (name, kind, created_at) VALUES (?1, ?2,"
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
[SQL_RESOURCE_LIST] =
	"SELECT 'res-' || id AS id, name, kind,"
	" CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active"
	" FROM resource ORDER BY resource.id",
[SQL_VISIT_TYPE_FIND] =	/* ?1 a row id from a vt- id, ?2 a name */
	"SELECT id, minutes, active FROM visit_type WHERE id = ?1 OR name = ?2",
[SQL_RESOURCE_FIND] =	/* ?1 a row id from a res- id, ?2 a name */
	"SELECT id, active FROM resource WHERE id = ?1 OR name = ?2",
[SQL_VISIT_TYPE_SET_ACTIVE] =	/* retire (0) or restore (1) */
	"UPDATE visit_type SET active = ?2 WHERE id = ?1",
[SQL_RESOURCE_SET_ACTIVE] =
	"UPDATE resource SET active = ?2 WHERE id = ?1",
[SQL_PROVIDER_OFF_IN] =	/* provider ?1's days off that touch [?2, ?3] */
	"SELECT id, from_date, to_date FROM provider_off"
	" WHERE provider_id = ?1 AND from_date <= ?3 AND to_date >= ?2"
	" ORDER BY provider_off.from_date, provider_off.id",
[SQL_PROVIDER_OFF_DELETE] =
	"DELETE FROM provider_off WHERE id = ?1",
[SQL_PROVIDER_OFF_SET] =
	"UPDATE provider_off SET from_date = ?2, to_date = ?3 WHERE id = ?1",
[SQL_PROVIDER_OFF_SPLIT] =	/* the days of off-?1 after a removed span */
	"INSERT INTO provider_off (provider_id, from_date, to_date, reason,"
	" created_at) SELECT provider_id, ?2, ?3, reason,"
	" strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM provider_off WHERE id = ?1",
/* -- schedule (005): lib/appt.c, cmd/sched.c -- */
[SQL_APT_INSERT] =
	"INSERT INTO appointment (patient_id, provider_id, resource_id,"
	" visit_type_id, start_at, end_at, overbook, forced, series_id, note,"
	" status, booked_as, created_at, created_by, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	" coalesce(?11, 'booked'), nullif(iif(?7, 'overbook', '')"
	" || iif(?7 AND ?8, ', ', '') || iif(?8, 'forced', ''), ''),"
	" " NOW ", ?12, " NOW ")",
[SQL_APT_SET_SERIES] =
	"UPDATE appointment SET series_id = ?2 WHERE id = ?1",
/*
 * The live appointment in the way of [?2, ?3) for a provider (patient,
 * resource) ?1, other than ?4: the same test as the schema's triggers.
 */
[SQL_APT_CONFLICT_PROVIDER] =
	"SELECT id, " LOCAL("start_at") ", " LOCAL("end_at") " FROM appointment"
	" WHERE provider_id = ?1" APT_OVERLAP,
[SQL_APT_CONFLICT_PATIENT] =
	"SELECT id, " LOCAL("start_at") ", " LOCAL("end_at") " FROM appointment"
	" WHERE patient_id = ?1" APT_OVERLAP,
[SQL_APT_CONFLICT_RESOURCE] =
	"SELECT id, " LOCAL("start_at") ", " LOCAL("end_at") " FROM appointment"
	" WHERE resource_id = ?1" APT_OVERLAP,
[SQL_APT_HOURS_DAY] =	/* ?2 weekday, 1 = monday */
	"SELECT start_min, end_min FROM provider_hours"
	" WHERE provider_id = ?1 AND weekday = ?2 ORDER BY start_min",
[SQL_APT_HOURS_ALL] =
	"SELECT weekday, start_min, end_min FROM provider_hours"
	" WHERE provider_id = ?1 ORDER BY weekday, start_min",
[SQL_APT_OFF_ON] =	/* a day off of ?1 covering the local day ?2 */
	"SELECT from_date, to_date, reason FROM provider_off"
	" WHERE provider_id = ?1 AND from_date <= ?2 AND to_date >= ?2"
	" ORDER BY from_date LIMIT 1",
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
[SQL_APT_BUSY_PATIENT] =	/* the same for patient ?1 */
	"SELECT start_at, end_at FROM appointment WHERE patient_id = ?1"
	" AND start_at > strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '-720 minutes')"
	" AND start_at < ?3 AND end_at > ?2"
	" AND status IN ('booked', 'checkedin', 'checkedout')"
	" ORDER BY start_at",
[SQL_APT_LOAD] =
	"SELECT patient_id, provider_id, resource_id, visit_type_id,"
	" start_at, end_at, status, overbook, series_id FROM appointment"
	" WHERE id = ?1",
[SQL_APT_MOVE] =
	"UPDATE appointment SET provider_id = ?2, resource_id = ?3,"
	" start_at = ?4, end_at = ?5, overbook = ?6, forced = ?7,"
	" seq = seq + 1, updated_at = " NOW " WHERE id = ?1",
[SQL_APT_SET_STATUS] =
	"UPDATE appointment SET status = ?2,"
	" checkin_at = CASE ?2 WHEN 'checkedin' THEN " NOW
	" ELSE checkin_at END,"
	" checkout_at = CASE ?2 WHEN 'checkedout' THEN " NOW
	" ELSE checkout_at END,"
	" seq = seq + 1, updated_at = " NOW " WHERE id = ?1",
[SQL_APT_EVENT_ADD] =
	"INSERT INTO appointment_event (appointment_id, at, login, event,"
	" old_start, old_end, detail) VALUES (?1, " NOW ", ?2, ?3, ?4, ?5,"
	" ?6)",
[SQL_APT_HISTORY] =	/* the booking, then every event, local times */
	"SELECT 'apt-' || id AS id, created_at AS at, created_by AS login,"
	" 'booked' AS event, NULL AS old_start, NULL AS old_end,"
	" booked_as AS detail"
	" FROM appointment WHERE id = ?1"
	" UNION ALL SELECT 'apt-' || appointment_id, at, login, event,"
	" " LOCAL("old_start") ", " LOCAL("old_end") ", detail"
	" FROM appointment_event WHERE appointment_id = ?1",
[SQL_APT_SHOW] =
	"SELECT 'apt-' || a.id AS id, " LOCAL("a.start_at") " AS start,"
	" " LOCAL("a.end_at") " AS \"end\","
	" CAST(round((julianday(a.end_at) - julianday(a.start_at)) * 1440)"
	" AS INTEGER) AS minutes,"
	" 'pat-' || a.patient_id AS patient, p.mrn,"
	" p.last || ', ' || p.first AS name,"
	" 'prv-' || a.provider_id AS provider, v.name AS provider_name,"
	" t.name AS type, r.name AS resource, a.status,"
	" CASE WHEN a.overbook = 1 THEN 'yes' ELSE 'no' END AS overbook,"
	" CASE WHEN a.forced = 1 THEN 'yes' ELSE 'no' END AS forced,"
	" CASE WHEN a.series_id IS NOT NULL THEN 'apt-' || a.series_id END"
	" AS series, " LOCAL("a.checkin_at") " AS checkin,"
	" " LOCAL("a.checkout_at") " AS checkout, a.note,"
	" a.created_at, a.created_by"
	" FROM appointment a JOIN patient p ON p.id = a.patient_id"
	" JOIN provider v ON v.id = a.provider_id"
	" LEFT JOIN visit_type t ON t.id = a.visit_type_id"
	" LEFT JOIN resource r ON r.id = a.resource_id WHERE a.id = ?1",
/*
 * Listings: [?1, ?2) by start; ?3 provider, ?4 patient, ?5 status,
 * ?6 resource, each NULL for any.  One statement per index to walk.
 */
[SQL_APT_LIST] =
	APT_LIST " WHERE a.start_at >= ?1 AND a.start_at < ?2" APT_FILTER
	" ORDER BY a.start_at, a.id",
[SQL_APT_LIST_PROVIDER] =
	APT_LIST " WHERE a.provider_id = ?3 AND a.start_at >= ?1"
	" AND a.start_at < ?2" APT_FILTER " ORDER BY a.start_at, a.id",
[SQL_APT_LIST_PATIENT] =
	APT_LIST " WHERE a.patient_id = ?4 AND a.start_at >= ?1"
	" AND a.start_at < ?2" APT_FILTER " ORDER BY a.start_at, a.id",
[SQL_APT_DAY] =		/* [?1, ?2), ?3 provider or NULL; by provider */
	"SELECT a.id, a.provider_id, v.name, v.credential,"
	" strftime('%H:%M', a.start_at, 'localtime'),"
	" strftime('%H:%M', a.end_at, 'localtime'),"
	" p.last || ', ' || p.first, p.mrn, t.name, r.name, a.status,"
	" a.overbook, a.note, a.patient_id"
	" FROM appointment a JOIN patient p ON p.id = a.patient_id"
	" JOIN provider v ON v.id = a.provider_id"
	" LEFT JOIN visit_type t ON t.id = a.visit_type_id"
	" LEFT JOIN resource r ON r.id = a.resource_id"
	" WHERE a.start_at >= ?1 AND a.start_at < ?2"
	" AND (?3 IS NULL OR a.provider_id = ?3)"
	" AND a.status <> 'cancelled'"
	" ORDER BY v.name, a.provider_id, a.start_at, a.id",
[SQL_APT_ICS] =		/* ?1 provider, [?2, ?3): cancelled ones too */
	"SELECT a.id, a.start_at, a.end_at, a.status, a.seq, a.updated_at,"
	" substr(p.first, 1, 1) || substr(p.last, 1, 1), t.name, r.name,"
	" v.name FROM appointment a JOIN patient p ON p.id = a.patient_id"
	" JOIN provider v ON v.id = a.provider_id"
	" LEFT JOIN visit_type t ON t.id = a.visit_type_id"
	" LEFT JOIN resource r ON r.id = a.resource_id"
	" WHERE a.provider_id = ?1 AND a.start_at >= ?2 AND a.start_at < ?3"
	" ORDER BY a.start_at, a.id",
[SQL_APT_NOSHOW_EVENTS] =	/* booked, ended by ?1, never checked in */
	"INSERT INTO appointment_event (appointment_id, at, login, event,"
	" detail) SELECT id, " NOW ", ?2, 'noshow', 'auto'"
	" FROM appointment WHERE status = 'booked' AND start_at < ?1"
	" AND end_at <= ?1",
[SQL_APT_NOSHOW] =
	"UPDATE appointment SET status = 'noshow', seq = seq + 1,"
	" updated_at = " NOW " WHERE status = 'booked' AND start_at < ?1"
	" AND end_at <= ?1 RETURNING id, patient_id",
[SQL_APT_COVERAGE] =	/* ?1 patient, ?2 day: covered?, last ended */
	"SELECT EXISTS (SELECT 1 FROM coverage WHERE patient_id = ?1"
	" AND start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2)),"
	" (SELECT max(end_date) FROM coverage WHERE patient_id = ?1"
	" AND end_date < ?2)",
[SQL_APT_PROVIDERS] =
	"SELECT id FROM provider WHERE active = 1 ORDER BY id",
[SQL_WAIT_ADD] =
	"INSERT INTO waitlist (patient_id, provider_id, visit_type_id,"
	" minutes, before_date, note, created_at, created_by)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, " NOW ", ?7)",
[SQL_WAIT_LIST] =
	"SELECT 'wl-' || w.id AS id, 'pat-' || w.patient_id AS patient,"
	" p.last || ', ' || p.first AS name,"
	" CASE WHEN w.provider_id IS NOT NULL THEN 'prv-' || w.provider_id"
	" END AS provider, t.name AS type, w.minutes, w.before_date AS before,"
	" w.note, substr(w.created_at, 1, 10) AS added"
	" FROM waitlist w JOIN patient p ON p.id = w.patient_id"
	" LEFT JOIN visit_type t ON t.id = w.visit_type_id"
	" WHERE w.active = 1 ORDER BY w.id",
[SQL_WAIT_REMOVE] =
	"UPDATE waitlist SET active = 0 WHERE id = ?1 AND active = 1"
	" RETURNING patient_id",
[SQL_WAIT_OPEN] =	/* still waiting, the deadline not passed by ?1 */
	"SELECT w.id, w.patient_id, w.provider_id, w.minutes, w.before_date,"
	" p.last || ', ' || p.first, t.name"
	" FROM waitlist w JOIN patient p ON p.id = w.patient_id"
	" LEFT JOIN visit_type t ON t.id = w.visit_type_id"
	" WHERE w.active = 1 AND (w.before_date IS NULL OR w.before_date >= ?1)"
	" AND p.active = 1 AND p.deceased IS NULL AND p.merged_into IS NULL"
	" ORDER BY w.id",
/* -- remind (006): cmd/remind.c -- */
/*
 * Booked visits starting in (?1, ?2], after the cursor (?3 start, ?4 id),
 * of patients who may still be told anything.
 */
[SQL_REM_DUE] =
	REM_VISIT " WHERE a.status = 'booked' AND a.start_at > ?1"
	" AND a.start_at <= ?2 AND (a.start_at > ?3 OR (a.start_at = ?3"
	" AND a.id > ?4)) AND p.active = 1 AND p.deceased IS NULL"
	" AND p.merged_into IS NULL ORDER BY a.start_at, a.id",
[SQL_REM_VISITS] =	/* SQL_REM_DUE's visits alone: no patient read */
	"SELECT a.id, a.start_at, t.name FROM appointment a"
	" LEFT JOIN visit_type t ON t.id = a.visit_type_id"
	" WHERE a.status = 'booked' AND a.start_at > ?1 AND a.start_at <= ?2"
	" AND (a.start_at > ?3 OR (a.start_at = ?3 AND a.id > ?4))"
	" ORDER BY a.start_at, a.id",
[SQL_REM_APT] =		/* one visit, whatever its state: checked again */
	REM_VISIT " WHERE a.id = ?1 AND p.active = 1 AND p.deceased IS NULL"
	" AND p.merged_into IS NULL",
[SQL_REM_PATIENT] =	/* the same columns for a message about no visit */
	"SELECT NULL, p.id, NULL, coalesce(p.preferred, p.first), p.email,"
	" p.phone, p.channel, p.sms_consent, p.email_consent, p.language,"
	" (SELECT group_concat(o.channel) FROM remind_optout o"
	" WHERE o.patient_id = p.id), NULL, NULL, NULL, NULL"
	" FROM patient p WHERE p.id = ?1 AND p.active = 1"
	" AND p.deceased IS NULL AND p.merged_into IS NULL",
[SQL_REM_STATUS] =
	"SELECT status FROM reminder WHERE key = ?1",
[SQL_REM_CLAIM] =	/* nothing when the key is taken: then it is not ours */
	"INSERT INTO reminder (key, patient_id, appointment_id, rule, channel,"
	" address, status, attempts, lease_until, run, created_at, updated_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'claimed', 1, ?7, ?8, " NOW ", "
	NOW ") ON CONFLICT (key) DO NOTHING",
/*
 * Leases run out by ?1 and retries due by ?1, taken for run ?3 until ?2;
 * ?5, ?6: whether email, SMS can go now (a command, not quiet hours).
 */
[SQL_REM_RECLAIM] =
	"UPDATE reminder SET status = 'claimed', attempts = attempts + 1,"
	" lease_until = ?2, run = ?3, updated_at = " NOW
	" WHERE id IN (SELECT id FROM reminder"
	" WHERE ((status = 'claimed' AND lease_until < ?1)"
	" OR (status = 'retry' AND next_at <= ?1))"
	" AND ((channel = 'email' AND ?5) OR (channel = 'sms' AND ?6))"
	" ORDER BY id LIMIT ?4)"
	" RETURNING id, key, patient_id, appointment_id, rule, channel,"
	" attempts",
[SQL_REM_DONE] =	/* ?2 sent, retry, failed or dropped */
	"UPDATE reminder SET status = ?2, error = ?3, message_id = ?4,"
	" next_at = ?5, lease_until = NULL,"
	" sent_at = CASE ?2 WHEN 'sent' THEN " NOW " END,"
	" updated_at = " NOW " WHERE id = ?1",
[SQL_REM_RENEW] =	/* run ?1 is still at it: its claims hold to ?2 */
	"UPDATE reminder SET lease_until = ?2 WHERE status = 'claimed'"
	" AND run = ?1",
[SQL_REM_OPTOUT_ADD] =
	"INSERT OR IGNORE INTO remind_optout (patient_id, channel, at, login)"
	" VALUES (?1, ?2, " NOW ", ?3)",
[SQL_REM_OPTOUT_DEL] =
	"DELETE FROM remind_optout WHERE patient_id = ?1 AND channel = ?2",
[SQL_REM_LOG] =		/* [?1, ?2) created; ?3 patient, ?4 status or NULL */
	"SELECT 'rem-' || r.id AS id, " LOCAL("r.created_at") " AS at,"
	" 'pat-' || r.patient_id AS patient,"
	" CASE WHEN r.appointment_id IS NOT NULL"
	" THEN 'apt-' || r.appointment_id END AS appointment,"
	" r.rule, r.channel, r.address, r.status, r.attempts,"
	" " LOCAL("r.sent_at") " AS sent, r.error, r.key"
	" FROM reminder r WHERE r.created_at >= ?1 AND r.created_at < ?2"
	" AND (?3 IS NULL OR r.patient_id = ?3)"
	" AND (?4 IS NULL OR r.status = ?4) ORDER BY r.id",
};
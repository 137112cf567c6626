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
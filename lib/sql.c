/*
 * sql - the text of every query, indexed by enum sql_id.  Listing queries
 * produce the typed id ('usr-' || id) as their first column, so lib/out can
 * print any statement without knowing what it is.
 */
#include "sql.h"

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
/* -- code (003): lib/codeset.c, cmd/code.c -- */
/* -- provider (004): cmd/provider.c -- */
};

/*
 * sql - every DML statement the programs run, by name.  DDL lives in
 * share/schema; nothing else in the project holds SQL text.
 */
#ifndef CLINIX_SQL_H
#define CLINIX_SQL_H

enum sql_id {
	SQL_META_GET,
	SQL_META_SET,
	SQL_USER_BY_LOGIN,
	SQL_USER_ADD,
	SQL_USER_LIST,
	SQL_USER_SET_ROLE,
	SQL_USER_SET_ACTIVE,
	SQL_USER_FIND,
	SQL_AUDIT_LAST,
	SQL_AUDIT_ADD,
	SQL_AUDIT_ALL,
	SQL_AUDIT_MAC,
	SQL_AUDIT_LIST,
	SQL_PATIENT_SHOW,
	/* -- patient (002): lib/patient.c, cmd/patient.c -- */
	/* -- code (003): lib/codeset.c, cmd/code.c -- */
	/* -- provider (004): cmd/provider.c -- */
	SQL_MAX
};

/* SQL_USER_BY_LOGIN */
enum { USER_ID, USER_ROLE, USER_ACTIVE };
/* SQL_AUDIT_LAST */
enum { AUDIT_LAST_ID, AUDIT_LAST_MAC, AUDIT_LAST_COUNT };
/* SQL_AUDIT_ALL: the fields the MAC covers, in order, then the MAC */
enum { AUDIT_ID, AUDIT_AT, AUDIT_LOGIN, AUDIT_ACTION, AUDIT_OUTCOME,
    AUDIT_PATIENT, AUDIT_RECORD, AUDIT_DETAIL, AUDIT_MAC, AUDIT_NFIELDS };

extern const char *const sql_text[SQL_MAX];

#endif

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
	SQL_PATIENT_SHOW,
	/* -- patient (002): lib/patient.c, cmd/patient.c -- */
	SQL_PAT_RESOLVE,
	SQL_PAT_SEARCH_NAME,
	SQL_PAT_STATE,
	/* -- schedule (005): bench/ reads these; the programs use lib/appt.c
	 * and lib/slots.c's own, the same statements -- */
	SQL_APT_HOURS_ALL,
	SQL_APT_OFF_RANGE,
	SQL_APT_BUSY,
	SQL_APT_LIST_PROVIDER,
	/* -- remind (006): lib/remind.c's own; this one for bench/ -- */
	SQL_REM_DUE,
	SQL_MAX
};

/* SQL_USER_BY_LOGIN */
enum { USER_ID, USER_ROLE, USER_ACTIVE };

extern const char *const sql_text[SQL_MAX];

#endif

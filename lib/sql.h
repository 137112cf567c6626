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
	SQL_PAT_LOAD,
	SQL_PAT_DUPLICATE,
	SQL_PAT_INSERT,
	SQL_PAT_UPDATE,
	SQL_PAT_HISTORY_ADD,
	SQL_PAT_HISTORY,
	SQL_PAT_LIST,
	SQL_PAT_SEARCH_NAME,
	SQL_PAT_SEARCH_NAME2,
	SQL_PAT_SEARCH_DOB,
	SQL_PAT_SEARCH_PHONE,
	SQL_PAT_SET_ACTIVE,
	SQL_PAT_MERGE,
	SQL_PAT_STATE,
	SQL_PAT_MOVE_COVERAGE,
	SQL_PAT_MOVE_APPOINTMENTS,
	SQL_PAT_MOVE_WAITLIST,
	SQL_PAT_MOVE_REMINDERS,
	SQL_PAT_MOVE_OPTOUTS,
	SQL_PAT_EXPORT,
	SQL_PAT_BY_MRN,
	SQL_PAT_MAX_ID,
	SQL_PAYER_ADD,
	SQL_PAYER_LIST,
	SQL_PAYER_FIND,
	SQL_COV_ADD,
	SQL_COV_LIST,
	SQL_COV_PATIENT,
	SQL_COV_END,
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

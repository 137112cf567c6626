/*
 * problem - a patient's problem list: ICD-10-CM codes they live with,
 * active until resolved, a code at most once among the active ones.
 * Owns the problem table's statements; diagnosis links to its entries.
 */
#ifndef CLINIX_PROBLEM_H
#define CLINIX_PROBLEM_H

#include "codeset.h"
#include "date.h"
#include "db.h"

#define PROBLEM_NOTE_MAX	1000	/* bytes, as the schema says */

extern const struct query problem_queries[];

/*
 * A code as typed ("e11.9", "E119") that may go on a problem list: a
 * current ICD-10-CM code, billable or a header.  0 with its stored form
 * in out, 65 after saying why not, or a sysexits code.
 */
int	 problem_code(struct db *, const char *typed,
	    char out[CODESET_CODE_MAX + 1]);
/* The patient's active entry for a stored code: 0 with *id (0 for none). */
int	 problem_active(struct db *, long long patient, const char *code,
	    long long *id);
/*
 * Add a checked code (onset, note NULL when not given) as login: 0 with
 * *id, or 65 naming the active entry that already has it.
 */
int	 problem_add(struct db *, long long patient, const char *code,
	    const char *onset, const char *note, const char *login,
	    long long *id);
/* id, code (dotted), title, onset, resolved, note; active ones or all. */
sqlite3_stmt *problem_list(struct db *, long long patient, int all);
/*
 * Resolve the patient's active problem key (prb-N, or a code as typed)
 * on day: 0 with *id, or 65 saying why not (none such, resolved, day
 * before its onset).
 */
int	 problem_resolve(struct db *, long long patient, const char *key,
	    const char *day, long long *id);

#endif

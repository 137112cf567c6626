/*
 * diagnosis - an encounter's diagnoses in claim order (positions 1 to
 * 12, the pointers its procedure lines name): billable ICD-10-CM codes
 * only, linked to the patient's problem list when the code is on it.
 * Owns encounter_dx's statements, and the look at an encounter that
 * diagnoses and procedures share (whose it is, whether it is signed).
 */
#ifndef CLINIX_DIAGNOSIS_H
#define CLINIX_DIAGNOSIS_H

#include "codeset.h"
#include "db.h"

#define DX_MAX		12	/* a claim's diagnoses */
#define DX_HINTS	4	/* billable codes named for a header code */

extern const struct query diagnosis_queries[];

/*
 * Encounter enc: 0 with its patient and how many diagnoses it has; 65
 * when there is none, or (write) when it is signed, saying so.
 */
int	 dx_encounter(struct db *, long long enc, int write,
	    long long *patient, int *ndx);
/*
 * A code as typed that may be an encounter's diagnosis: 0 with its
 * stored form, or 65 after saying why not (unknown, retired, or a header
 * code, naming a few of its billable codes).
 */
int	 dx_code(struct db *, const char *typed,
	    char out[CODESET_CODE_MAX + 1]);
/*
 * Add n checked codes after enc's ndx diagnoses, in order, each linked
 * to the patient's active problem with its code; with problem, a code
 * not on the list is put there too (as login).  All or nothing is the
 * caller's transaction: 0, or 65 (more than 12, a code given twice).
 */
int	 dx_add(struct db *, long long enc, long long patient, int ndx,
	    int n, char codes[][CODESET_CODE_MAX + 1], int problem,
	    const char *login);
/* position, code (dotted), title, problem. */
sqlite3_stmt *dx_list(struct db *, long long enc);
/*
 * Remove the code (as typed) from enc and move those after it up; the
 * pointers of procedure lines follow (procedure.h).  0 with its old
 * position, or 65 saying why not.
 */
int	 dx_remove(struct db *, long long enc, const char *typed, int *pos);

#endif

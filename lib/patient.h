/*
 * patient - the patient record: its fields (one set of names for flags,
 * CSV headers, JSON keys and columns), checking and normalising values,
 * insert, update with history, the duplicate guard, MRNs, and finding a
 * patient by pat- id or MRN.
 */
#ifndef CLINIX_PATIENT_H
#define CLINIX_PATIENT_H

#include <stddef.h>

#include "sql.h"

struct db;

/* In the order of the patient table's columns and SQL_PAT_INSERT. */
enum pat_field {
	PF_MRN, PF_FIRST, PF_MIDDLE, PF_LAST, PF_PREFERRED, PF_DOB, PF_SEX,
	PF_GENDER, PF_PHONE, PF_PHONE2, PF_EMAIL, PF_ADDRESS1, PF_ADDRESS2,
	PF_CITY, PF_STATE, PF_ZIP, PF_COUNTRY, PF_LANGUAGE, PF_CHANNEL,
	PF_SMS_CONSENT, PF_EMAIL_CONSENT, PF_EMERGENCY_NAME,
	PF_EMERGENCY_PHONE, PF_DECEASED, PF_NOTE, PF_MAX
};

#define PAT_NAME_MAX	100	/* characters in a name field */

struct pat {
	long long	 id;
	char		*v[PF_MAX];	/* owned; NULL when empty */
	int		 not_duplicate;	/* confirmed, by --force, not a
					   duplicate of one it looks like */
};

const char *pat_field_name(int);
int	 pat_field_find(const char *);		/* index or -1 */
/*
 * Check and normalise one value into p (phones to E.164 in country, dates
 * to ISO, consent "yes" to today's date); "" clears the field.
 * 0, or -1 with *why set to a static reason.
 */
int	 pat_set(struct pat *, int field, const char *value,
	    const char *country, const char **why);
/* Whole-record rules (names and DOB present, death after birth). */
int	 pat_check(const struct pat *, int *field, const char **why);
void	 pat_clear(struct pat *);

/* pat-N or an MRN to a row id: 0, or 65 (pat_find says nothing). */
int	 pat_find(struct db *, const char *key, long long *id);
int	 pat_resolve(struct db *, const char *key, long long *id);
int	 pat_load(struct db *, long long id, struct pat *);
/* 0, or 65 when the patient was merged into another (write there). */
int	 pat_writable(struct db *, long long id);
/* Do two records differ in what the duplicate guard compares? */
int	 pat_identity_changed(const struct pat *, const struct pat *);
/*
 * An existing patient with the same name and DOB, or phone and DOB.
 * since: -1, or patients above that id that are marked not_duplicate are
 * passed over (an import: what the file itself confirmed).
 */
int	 pat_duplicate(struct db *, const struct pat *, long long since,
	    long long *id);
/* Insert (making an MRN when none is given): 0, or 65 for a taken MRN. */
int	 pat_insert(struct db *, struct pat *, long long *id);
/* Write new over old, one history row per changed field. */
int	 pat_update(struct db *, const struct pat *old, const struct pat *new,
	    const char *login, int *changed);


/* A column referring to a patient, and what merging two patients does. */
enum pat_merge_action {
	PAT_MERGE_MOVE,		/* the duplicate's rows become the survivor's */
	PAT_MERGE_KEEP,		/* they stay with the duplicate, for a reason */
};
struct pat_merge_ref {
	const char		*table, *column;
	enum pat_merge_action	 action;
	enum sql_id		 q;	/* MOVE: ?1 the survivor, ?2 the dup */
	const char		*clash;	/* MOVE: what a refused move means */
	const char		*why;	/* KEEP: why it stays */
};
const struct pat_merge_ref *pat_merge_refs(size_t *n);
/* Run every MOVE: 0, or 65 (saying which clash) or sysexits. */
int	 pat_merge_move(struct db *, long long keep, long long dup);

#endif

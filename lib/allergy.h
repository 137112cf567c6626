/*
 * allergy - a patient's allergies: drug allergies matched to the catalog
 * (an ingredient or an allergy group) or kept as free text, food and
 * environment allergies, the explicit "no known drug allergies", and
 * inactivating an entry with a reason.  Also what rx and the note
 * template ask of them: the active ones as text, and which active
 * allergies a drug touches.
 */
#ifndef CLINIX_ALLERGY_H
#define CLINIX_ALLERGY_H

#include <sqlite3.h>

struct db;
struct buf;

struct allergy_new {
	const char	*substance;	/* as typed: a name, RxCUI or group */
	const char	*type;		/* drug (default), food, environment */
	const char	*reaction;	/* or NULL */
	const char	*severity;	/* mild, moderate, severe, or NULL */
	const char	*onset;		/* a day as typed, or NULL */
	int		 free_text;	/* an unknown drug is taken as typed */
	char		 onset_day[11];	/* allergy_check fills it */
};

/* The options' values: 0, 64 (unreadable), or 65 (onset in the future). */
int	 allergy_check(struct allergy_new *);

/*
 * Record an allergy of patient inside the caller's transaction, as login:
 * *id the new row, *nkda the NKDA entry it superseded (0 for none).
 * 65 after a message for an unknown drug (naming the close matches) or
 * an active entry for the same substance.
 */
int	 allergy_add(struct db *, const char *login, long long patient,
	    const struct allergy_new *, long long *id, long long *nkda);
/* Record "no known drug allergies": 65 while a drug allergy is active. */
int	 allergy_none(struct db *, const char *login, long long patient,
	    long long *id);
/* Mark alg-id of patient inactive: 65 when not the patient's or not active. */
int	 allergy_inactivate(struct db *, const char *login, long long patient,
	    long long id, const char *reason);

/*
 * Every allergy entry of a patient for out_stmt: id, type, substance,
 * match, rxcui, reaction, severity, onset, status, recorded, reason.  A
 * patient of whom nothing was ever recorded gets one row, substance and
 * status "not recorded".
 */
sqlite3_stmt *allergy_list(struct db *, long long patient);

/*
 * The active allergies as text lines for a note or a chart summary,
 * "amoxicillin: hives (severe)", "no known drug allergies", or "not
 * recorded", each ending in a newline.  0 or a sysexits code.
 */
int	 allergy_lines(struct db *, long long patient, struct buf *);

/*
 * What rx asks before prescribing drug (drug.id): the patient's active
 * allergies it touches, for out_stmt or stepping: id (alg-N), substance,
 * match ("ingredient", "group", "cross-sensitive"), allergy_group, level
 * (the cross-sensitivity level, or NULL).  No rows: nothing known.
 */
sqlite3_stmt *allergy_conflicts(struct db *, long long patient,
	    long long drug);

#endif

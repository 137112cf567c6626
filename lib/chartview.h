/*
 * chartview - reading a patient's chart as a whole: the summary that
 * `chart show PATIENT` prints (who they are, their last and their open
 * encounters; problems, allergies and vitals come from their own
 * modules) and the history of every clinical event in time order.  Owns
 * those statements only: it reads the tables of encounter, problem,
 * diagnosis, procedure, vitals, allergy and immunization, writes none.
 */
#ifndef CLINIX_CHARTVIEW_H
#define CLINIX_CHARTVIEW_H

#include "db.h"

struct days;

extern const struct query chartview_queries[];

/* How many encounters the summary shows. */
#define CHARTVIEW_LAST	5

/* id, name, mrn, dob, age (years, today in the clinic's zone), sex. */
sqlite3_stmt *chartview_patient(struct db *, long long patient);
/*
 * The last CHARTVIEW_LAST encounters, newest first, or (open) every one
 * not yet signed, oldest first: id, start (local), type, provider,
 * reason, status (open or signed).
 */
sqlite3_stmt *chartview_encounters(struct db *, long long patient, int open);

/* What `chart history --kind` takes; lab has no table yet: nothing. */
extern const char *const chartview_kinds[];	/* NULL-terminated */
/* Is s one of them? */
int	 chartview_kind(const char *s);

/*
 * The patient's events in span (NULL: all time), of kind (NULL: all),
 * in time order: id, at (local; a day for an immunization), kind, code,
 * what, enc.  A note is its first line; an allergy is listed when
 * recorded and again when inactivated.
 */
sqlite3_stmt *chartview_history(struct db *, long long patient,
	    const char *kind, const struct days *span);

#endif

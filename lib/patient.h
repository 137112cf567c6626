/*
 * patient - the patient record: its fields (one set of names for flags,
 * CSV headers, JSON keys and columns), checking and normalising values,
 * insert, update with history, the duplicate guard, MRNs, finding a
 * patient by pat- id or MRN, listing and search, activation, merge and
 * import.  Owns the patient and patient history statements.
 */
#ifndef CLINIX_PATIENT_H
#define CLINIX_PATIENT_H

#include <stddef.h>

#include "db.h"
#include "import.h"
#include "opt.h"
#include "rec.h"

extern const struct query patient_queries[];

/* In the order of the patient table's columns and patient.insert. */
enum pat_field {
	PF_MRN, PF_FIRST, PF_MIDDLE, PF_LAST, PF_PREFERRED, PF_DOB, PF_SEX,
	PF_GENDER, PF_PHONE, PF_PHONE2, PF_EMAIL, PF_ADDRESS1, PF_ADDRESS2,
	PF_CITY, PF_STATE, PF_ZIP, PF_COUNTRY, PF_LANGUAGE, PF_CHANNEL,
	PF_SMS_CONSENT, PF_EMAIL_CONSENT, PF_EMERGENCY_NAME,
	PF_EMERGENCY_PHONE, PF_DECEASED, PF_NOTE, PF_MAX
};

/* The field names in that order, for completion's word lists. */
#define PAT_FIELD_WORDS	"mrn first middle last preferred dob sex gender " \
	"phone phone2 email address1 address2 city state zip country " \
	"language channel sms_consent email_consent emergency_name " \
	"emergency_phone deceased note"

#define PAT_NAME_MAX	100	/* characters in a name field */

struct pat {
	long long	 id;
	char		*v[PF_MAX];	/* owned; NULL when empty */
	int		 not_duplicate;	/* confirmed, by --force, not a
					   duplicate of one it looks like */
};

const char *pat_field_name(int);
int	 pat_field_find(const char *);		/* index or -1 */
/* The field as an option, '-' for its '_' ("sms-consent"). */
const char *pat_field_flag(int);
/*
 * The field as an option of add and edit, key PAT_OPT_FIELD + field: its
 * flag, value name, one line of help and what completes its value.
 */
#define PAT_OPT_FIELD	2000
void	 pat_field_opt(int field, struct opt *);
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
/*
 * Every patient the operands name (rec_each: "-" reads them from stdin):
 * *ids (owned) in order.  0, or 65 after saying which were not found
 * (the others are in *ids), or sysexits.
 */
int	 pat_resolve_all(struct db *, int argc, char *argv[], long long **ids,
	    size_t *n);
int	 pat_load(struct db *, long long id, struct pat *);
/* 0, or 65 when the patient was merged into another (write there). */
int	 pat_writable(struct db *, long long id);
/* Whether a record can take anything new: merged, active, deceased. */
struct pat_state {
	long long	 merged_into;	/* 0 when not merged */
	int		 active;
	int		 dead;		/* deceased is set */
	char		 deceased[32];	/* its date */
};
/* 0, or 65 (no message) when there is no row id; else a sysexits code. */
int	 pat_state(struct db *, long long id, struct pat_state *);
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
	const struct query	*q;	/* MOVE: ?1 the survivor, ?2 the dup */
	const char		*clash;	/* MOVE: what a refused move means */
	const char		*why;	/* KEEP: why it stays */
};
const struct pat_merge_ref *pat_merge_refs(size_t *n);
/* Run every MOVE: 0, or 65 (saying which clash) or sysexits. */
int	 pat_merge_move(struct db *, long long keep, long long dup);
/*
 * Move everything of dup to keep and mark dup merged into it (in the
 * caller's transaction): 0, or 65 saying why not, or sysexits.
 */
int	 pat_merge(struct db *, long long keep, long long dup);

/* 0, or 65 when the patient was merged (saying so). */
int	 pat_set_active(struct db *, long long id, int active);

/*
 * Listings, bound and ready for out_stmt or app_list_phi; first column
 * the pat- id.
 */
sqlite3_stmt *pat_show(struct db *, long long id);	/* every field */
sqlite3_stmt *pat_history(struct db *, long long id);
sqlite3_stmt *pat_export(struct db *, const char *status);
struct pat_filter {
	const char	*name;		/* a name prefix as typed, or NULL */
	const char	*dob;		/* an ISO day, or NULL */
	int		 amin, amax;	/* ages in years, or -1 */
	const char	*sex;		/* F, M, X, U, or NULL */
	int		 covered;	/* with coverage today */
	long long	 payer;		/* with coverage by that payer, or 0 */
	const char	*status;	/* active, ..., or all */
	long long	 limit;		/* or -1 */
};
sqlite3_stmt *pat_list(struct db *, const struct pat_filter *);
/*
 * A date finds by birth date, a phone number by phone, anything else by
 * name prefix (first or last, case and accents ignored; two words match
 * "first last" either way round); an MRN always.  pat_search_check
 * refuses (64, saying so) a text with nothing to match a name by.
 */
int	 pat_search_check(const char *text);
sqlite3_stmt *pat_search(struct db *, const char *text, const char *country,
	    long long limit);
/* Is s a status list and export take?  Says the choices when not. */
int	 pat_status_ok(const char *s);
/* A sex filter, F, M, X or U in either case, upper-cased: 0 or -1. */
int	 pat_parse_sex(const char *, char out[2]);
/* "18-65" or "40": whole years, at most 150: 0 or -1. */
int	 pat_parse_ages(const char *, int *lo, int *hi);

/* The fields a YAML file (add --from) gives: 0, or 65/66 saying why. */
int	 pat_read_file(struct pat *, const char *path, const char *country);
/*
 * The duplicate guard of add and edit: a record that looks like another
 * is refused (65, saying so), or with force marked confirmed not a
 * duplicate, which export writes and import honours.
 */
int	 pat_guard(struct db *, struct pat *, int force);

/*
 * patient import of CSV (a header naming fields) or JSON lines, as export
 * writes them, into the caller's transaction.  Rows are matched by MRN:
 * one already here is left alone, or with update its given columns
 * replace; bad rows are reported and counted, and make the run 65 unless
 * io.keep.  The file is read by lib/import.c's frame.  The caller sets
 * the options, pat_import_open the file, and pat_import_free releases it.
 */
struct pat_import {
	const char	*country;	/* for national phone numbers */
	const char	*login;		/* who, for the history */
	int		 update, force;
	const char	**maps;		/* "COLUMN=FIELD", by pat_import_map */
	size_t		 nmap;

	struct importer	 io;		/* io.keep; the file, rows and bad */
	long long	 added, updated, same;
	struct idlist	 ids;		/* added or changed */

	/* the run's own */
	struct db	*db;
	int		*col;		/* field of each column, -1 to skip */
	size_t		 ncol;
	int		 status_col;	/* export's status column, or -1 */
	int		 notdup_col;	/* export's not_duplicate, or -1 */
	long long	 last_before;	/* newest patient id before the run */
	struct pat_index { char *name, *sql; } *bulk; /* dropped, to make again */
	size_t		 nbulk;
	int		 bulk_tried;	/* once a run */
};
/* --map COLUMN=FIELD (borrowed): 0, or 64 saying why not. */
int	 pat_import_map(struct pat_import *, const char *map);
int	 pat_import_open(struct pat_import *, const char *path);
int	 pat_import_run(struct db *, struct pat_import *);
void	 pat_import_free(struct pat_import *);

#endif

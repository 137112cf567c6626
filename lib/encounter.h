/*
 * encounter - a visit as charted: opening one (from a checked-in
 * appointment or not), its draft note, signing it (the SHA-256 of its
 * canonical content, enc_canon), addenda signed as they are written,
 * listing and showing encounters, and re-checking every signed hash for
 * `db verify`.  Owns the encounter, encounter_note and addendum
 * statements; diagnoses, procedures and vitals are other modules' to
 * write, and only read here for the signed content.
 */
#ifndef CLINIX_ENCOUNTER_H
#define CLINIX_ENCOUNTER_H

#include <stddef.h>

#include "date.h"
#include "db.h"

struct buf;

extern const struct query encounter_queries[];

#define ENC_NOTE_MAX	1000000		/* bytes in a note or an addendum */
#define ENC_REASON_MAX	1000

/* An encounter as stored; strings owned. */
struct enc {
	long long	 id, patient, provider, appointment;	/* 0: none */
	char		*type, *start_at, *reason;
	char		*signed_at, *signed_by, *sign_hash;	/* NULL: unsigned */
	char		*provider_login;	/* the provider's user, or NULL */
};
void	 enc_clear(struct enc *);

/*
 * What the first step (rc) of a query for encounter enc found, its
 * statement reset: 0 for a row, 65 after "no encounter 'enc-N'" for
 * none, else rc, the step's code.
 */
int	 enc_found(int rc, long long enc);
/*
 * "enc-N" to the stored encounter: 0; 65 after saying it is no encounter
 * id or there is none such; another sysexits code.
 */
int	 enc_get(struct db *, const char *key, struct enc *);
/* The same, when it must still be unsigned (65: "enc-N is signed").
 * On any refusal e holds nothing to free. */
int	 enc_get_open(struct db *, const char *key, struct enc *);

/* What chart open was told, the appointment's parts filled in. */
struct enc_new {
	long long	 patient, provider, appointment;	/* 0: none */
	const char	*type;			/* office, telehealth, ... */
	char		 start_at[STAMP_LEN];
	char		*reason;		/* owned, or NULL */
	const char	*prior_auth;		/* REF*G1, or NULL */
};
int	 enc_type_valid(const char *);
/*
 * Take patient, provider, start and reason from appointment n->appointment
 * (checked in or out, and not charted yet: 65 said otherwise).  patient,
 * when not 0, must be the appointment's (65).
 */
int	 enc_from_appt(struct db *, struct enc_new *, long long patient);
/* The active provider whose user is login: 0, or 65 (nothing said). */
int	 enc_provider_of(struct db *, const char *login, long long *id);
int	 enc_open(struct db *, const struct enc_new *, const char *login,
	    long long *id);
/*
 * The payer's prior authorisation for a visit (REF*G1 on its claim):
 * billing information outside the signed content, so it may be given
 * after signing (015).  enc_prior_auth_check: why a value will not do
 * (1 to 50 bytes of one line without the X12 delimiters * : ^ ~), or
 * NULL.  enc_prior_auth_set: set it (NULL clears it) on encounter id,
 * 0 with its patient, or 65 when there is no such encounter.
 */
#define ENC_PRIOR_AUTH_MAX	50
const char *enc_prior_auth_check(const char *);
int	 enc_prior_auth_set(struct db *, long long id, const char *auth,
	    long long *patient);

/* The draft note: *body owned, NULL when there is none (still 0). */
int	 enc_note_get(struct db *, long long id, char **body);
int	 enc_note_put(struct db *, long long id, const char *tmpl,
	    const char *body, const char *login);

/*
 * The canonical signed content of encounter e, which sign_hash is the
 * SHA-256 of (lower-case hex).  Lines end in "\n"; fields are separated
 * by one tab and escaped as TSV output escapes them (\\ \t \n \r), so a
 * note's own lines and tabs cannot pass for the next field:
 *	clinix-encounter-v1
 *	encounter <id> <provider_id> <type> <start_at> <signed_at> <signed_by>
 *	note <body>
 *	dx <position> <code>			one a diagnosis, by position
 *	proc <system> <code> <mods> <units> <dx>  one a line, by row id
 *	vitals <loinc> <value> <unit> <at>	one an observation, by row id
 * (shown with blanks, each a tab).  mods is "" when there are none; a
 * value is printed with "%.17g", which reads back to the same double.
 * The patient is left out: a merge moves a signed encounter to the
 * surviving record.  Appended to out: 0, or 65 when there is no note.
 */
int	 enc_canon(struct db *, const struct enc *, struct buf *out);
/* An addendum's: "clinix-addendum-v1\n<enc id>\t<signed_at>\t<signed_by>\n<body>\n". */
void	 enc_addendum_canon(long long enc, const char *signed_at,
	    const char *signed_by, const char *body, struct buf *out);
void	 enc_sha256_hex(const struct buf *, char hex[65]);

/*
 * Sign e (unsigned; the caller checked who may) as login now: its hash
 * over what it holds at this moment, in the caller's transaction.  65
 * when it has no note.
 */
int	 enc_sign(struct db *, struct enc *, const char *login);
int	 enc_addendum_add(struct db *, long long enc, const char *body,
	    const char *login, long long *id);

/* The listing, for app_list_phi (patient in column 1). */
struct enc_filter {
	long long	 patient, provider;	/* 0 for any */
	int		 unsigned_only;
	const char	*lo, *hi;		/* stored bounds [lo, hi) */
};
sqlite3_stmt *enc_list_stmt(struct db *, const struct enc_filter *);
/* chart show's parts, bound to encounter id (for out_stmt or stepping). */
enum enc_part { ENC_HEAD, ENC_DX, ENC_PROC, ENC_VITALS, ENC_ADDENDA };
sqlite3_stmt *enc_part_stmt(struct db *, enum enc_part, long long id);

/*
 * Re-compute every signed encounter's and addendum's hash; bad(what,
 * arg) for each that differs ("enc-5: ..."), then *n the encounters and
 * *na the addenda checked.  0, or a sysexits code.
 */
int	 enc_verify(struct db *, void (*bad)(const char *, void *), void *arg,
	    long long *n, long long *na);

#endif

/*
 * provider - the people who see patients, their weekly hours and days
 * off, and the visit types and resources (rooms, devices) scheduling
 * books: checking what people type for them, finding them by what people
 * type (prv-3, vt-2, res-1, an NPI, a name), and every read and write of
 * their tables (owning those statements: provider_queries); and a check
 * of the clinic's own billing identity.
 *
 * The writes run inside the caller's transaction and leave the audit row
 * to it.  They say what is wrong (warnx, as db_fail does) and return 0,
 * 65 for bad data, or another sysexits code.
 */
#ifndef CLINIX_PROVIDER_H
#define CLINIX_PROVIDER_H

#include <stddef.h>

#include "date.h"
#include "ident.h"

struct cfg;
struct db;
struct hours_range;
struct sqlite3_stmt;

#define PRV_NAME_MAX	200	/* provider, visit type, resource; reasons */
#define PRV_CRED_MAX	50	/* "MD", "PA-C", "MD, PhD, FAAFP" */

/* add's and edit's fields; NULL: not given (edit keeps it). */
struct prv_fields {
	const char	*name, *npi, *taxonomy, *cred, *login;
};

/* Why s will not do as a name or reason, or NULL.  Static. */
const char *prv_bad_name(const char *);
/* Why s is no NPI (10 digits, 1 or 2 first, Luhn over 80840), or NULL. */
const char *prv_bad_npi(const char *);
/* The fields given are well formed: 0, or 65, said. */
int	 prv_check(const struct prv_fields *);

/*
 * Each returns 0 with the row id (and whether it is active) set, 65
 * when nothing matches or the key is an id of another kind (the caller
 * says so, the way its context needs), or another sysexits code.
 */
int	 prv_find(struct db *, const char *key, long long *id, int *active);
int	 vtype_find(struct db *, const char *key, long long *id, int *minutes,
	    int *active);
int	 resource_find(struct db *, const char *key, long long *id,
	    int *active);

/*
 * Add or edit a provider (self, for edit), after checking inside the
 * transaction that the NPI is nobody else's and the login is a clinix
 * user who is nobody else's provider.  An empty cred or login clears it.
 */
int	 prv_add(struct db *, const struct prv_fields *, long long *id);
int	 prv_edit(struct db *, long long self, const struct prv_fields *);
int	 prv_set_active(struct db *, long long id, int active);

/*
 * Set the working ranges of every weekday in days (bit 1 = mon, as
 * hours_days) to r[0..n-1], replacing what the day had; n 0 is a day off.
 */
int	 prv_hours_set(struct db *, long long id, unsigned days,
	    const struct hours_range *r, int n);

int	 prv_off_add(struct db *, long long prv, const char *from,
	    const char *to, const char *reason, long long *id);
/* One day off that prv_off_remove changed. */
struct prv_off_change {
	long long	 id;		/* off-id, changed or deleted */
	long long	 half;		/* the new off-id when cut in two, or 0 */
	char		 left[96];	/* what is left: "none", "A..B",
					   "A..B and off-N C..D" */
};
/*
 * Make every day of from..to a working day again: a day off inside the
 * span goes, one over an end is cut short, one holding the span is cut in
 * two (the new half keeps the reason).  *out (owned, *n of them) says
 * what changed; none in the span is 1, said, nothing written.
 */
int	 prv_off_remove(struct db *, long long prv, const char *from,
	    const char *to, struct prv_off_change **out, size_t *n);

/* A name taken (in any case) is 65, said. */
int	 vtype_add(struct db *, const char *name, int minutes, long long *id);
int	 resource_add(struct db *, const char *name, const char *kind,
	    long long *id);
/* Retire (0) or restore (1). */
int	 vtype_set_active(struct db *, long long id, int active);
int	 resource_set_active(struct db *, long long id, int active);

/*
 * The clinic's own billing identity, as claims will carry it: the
 * config's clinic.name, npi, tax_id, address1, city, state, zip, phone.
 */
#define PRV_CLINIC_NCOLS 8
extern const char *const prv_clinic_cols[PRV_CLINIC_NCOLS];
struct prv_clinic {
	const char	*v[PRV_CLINIC_NCOLS];	/* borrowed; NULL unset */
	char		 ein[IDENT_EIN_LEN], zip[IDENT_ZIP_LEN];
};
/* Fill c, tax id and ZIP normalised: 0, or 78 having said what is wrong. */
int	 prv_clinic(const struct cfg *, struct prv_clinic *c);

/* The listings, ready for out_stmt: reset, bound. */
struct sqlite3_stmt *prv_list(struct db *);
struct sqlite3_stmt *prv_show(struct db *, long long id);
struct sqlite3_stmt *prv_hours_list(struct db *, long long id);
struct sqlite3_stmt *prv_off_list(struct db *, long long id);
struct sqlite3_stmt *vtype_list(struct db *);
struct sqlite3_stmt *resource_list(struct db *);

#endif

/*
 * claim - insurance claims made from signed encounters: creating them
 * (the primary coverage on the day of service, the encounter's diagnoses
 * and procedure lines, the ledger's charges), the scrubber, the status
 * lifecycle with its history, and the listings.  Owns the claim,
 * claim_dx, claim_line and claim_event statements
 * (share/schema/014-claim.sql).  What goes out in an 837P is
 * claim837.c's; what comes back, ack.c's and remit.c's; corrections,
 * voids and secondary claims, rebill.c's.
 */
#ifndef CLINIX_CLAIM_H
#define CLINIX_CLAIM_H

#include "db.h"

struct cfg;

extern const struct query claim_queries[];

/* The statuses, in the order of the lifecycle. */
#define CLAIM_STATUSES "draft", "ready", "submitted", "accepted", \
	"rejected", "paid", "partial", "denied", "closed"

/* clm-N (or the bare CLM01 a payer echoes, any case): 0, or 65 saying so. */
int	 claim_arg(const char *, long long *claim);

/*
 * Move claim to status, with a history row saying who and why (note may
 * be NULL), in the caller's transaction: 0, or 65 when there is no such
 * claim.  The lifecycle's rules are the callers'.
 */
int	 claim_status_set(struct db *, long long claim, const char *status,
	    const char *who, const char *note);

/*
 * The scrubber (claim validate; create and export run it too): one
 * complaint per broken rule, field naming where ("billing.npi",
 * "line 2.units", "dx 3", "subscriber.dob") and reason why.
 */
struct claim_err {
	long long	 claim;
	char		 field[32];
	char		 reason[160];
};
/*
 * Check claim against every rule of issue 14's scrubber, appending each
 * complaint to *errs (grown with xrealloc; *n counts them); then, in the
 * caller's transaction, a draft that passes becomes ready and a ready
 * claim that fails goes back to draft (with a history row naming the
 * first complaint).  0 whether or not it passed (*n says), 65 when
 * there is no such claim, else a sysexits code from the database.
 */
int	 claim_validate(struct db *, const struct cfg *, long long claim,
	    struct claim_err **errs, size_t *n);

/* claim history clm-N: every change, oldest first, ready to step. */
sqlite3_stmt *claim_history(struct db *, long long claim);

#endif

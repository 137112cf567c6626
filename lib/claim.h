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

/* claim history clm-N: every change, oldest first, ready to step. */
sqlite3_stmt *claim_history(struct db *, long long claim);

#endif

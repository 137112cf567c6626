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

#include <stddef.h>

#include "db.h"

struct cfg;

extern const struct query claim_queries[];

/* The statuses, in the order of the lifecycle. */
#define CLAIM_STATUSES "draft", "ready", "submitted", "accepted", \
	"rejected", "paid", "partial", "denied", "closed"
#define CLAIM_STATUS_WORDS "draft ready submitted accepted rejected paid " \
	"partial denied closed"

#define CLAIM_MAX_LINES	50
#define CLAIM_MAX_DX	12

/* clm-N (or the bare CLM01 a payer echoes, any case): 0, or 65 saying so. */
int	 claim_arg(const char *, long long *claim);

/*
 * Move claim to status, with a history row saying who and why (note may
 * be NULL), in the caller's transaction: 0, or 65 when there is no such
 * claim.  The lifecycle's rules are the callers'.
 */
int	 claim_status_set(struct db *, long long claim, const char *status,
	    const char *who, const char *note);

/* What claim_create did with an encounter. */
enum claim_made {
	CLAIM_NEW,		/* *claim made, draft */
	CLAIM_EXISTED,		/* *claim is its original claim; nothing written */
	CLAIM_SELF_PAY,		/* no primary coverage that day: no claim (said) */
};
/*
 * claim create enc-N, in the caller's transaction: the encounter must be
 * signed (65, said, nothing written); its lines are charged through
 * charge_encounter if they were not; one claim for the primary coverage
 * on the day of service, draft (run claim_validate after).  *patient is
 * the encounter's.  0 with *made, or 65 / a sysexits code, said.
 */
int	 claim_create(struct db *, const struct cfg *, long long enc,
	    const char *who, long long *claim, long long *patient,
	    enum claim_made *made);
/*
 * claim create --secondary clm-N: the secondary claim of a primary whose
 * 835 left patient responsibility (PR), for the secondary coverage on
 * the day of service: the same lines and diagnoses, payer_order S.  65
 * (said) when there is no 835 for it, no PR left, or no secondary
 * coverage.  *made CLAIM_EXISTED when it was made before.
 */
int	 claim_secondary(struct db *, long long primary, const char *who,
	    long long *claim, long long *patient, enum claim_made *made);
/*
 * The encounters that began in [lo, hi) (stored UTC stamps; hi NULL for
 * no end), oldest first: ids in *encs (owned), and in *sgnd (owned)
 * whether each is signed.  0 or a sysexits code.
 */
int	 claim_encounters(struct db *, const char *lo, const char *hi,
	    long long **encs, int **sgnd, size_t *n);

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
 * caller's transaction, a draft (or a rejected claim, corrected) that
 * passes becomes ready and a ready claim that fails goes back to draft
 * (with a history row naming the first complaint); other statuses stay.
 * 0 whether or not it passed (*n says), 65 when there is no such claim,
 * else a sysexits code from the database.
 * The history rows name "scrubber"; claim_validate_by names who.
 */
int	 claim_validate(struct db *, const struct cfg *, long long claim,
	    struct claim_err **errs, size_t *n);
int	 claim_validate_by(struct db *, const struct cfg *, long long claim,
	    const char *who, struct claim_err **errs, size_t *n);
/* Every draft and ready claim, for claim validate with no operands. */
int	 claim_unsent(struct db *, long long **ids, size_t *n);

/* claim list's filter: NULL / 0 for any. */
struct claim_filter {
	const char	*status;
	long long	 payer, provider;
	const char	*from, *to;	/* service days, both included */
};
/*
 * The listing, for app_list_phi (patient in column 2): id, day,
 * patient, name, payer, status, total, reason (a denial's CARC).
 */
sqlite3_stmt *claim_list(struct db *, const struct claim_filter *);
/* The claim's patient and rendering provider: 0, or 65 for none such. */
int	 claim_owner(struct db *, long long claim, long long *patient,
	    long long *provider);
/* The claim's status now: 0, or 65 for none such. */
int	 claim_status_of(struct db *, long long claim, char status[16]);
/* claim show's parts, bound to the claim. */
enum claim_part { CLAIM_HEAD, CLAIM_DX, CLAIM_LINES, CLAIM_HISTORY,
	CLAIM_ACKS, CLAIM_REMITS, CLAIM_REMIT_LINES, CLAIM_ADJS };
sqlite3_stmt *claim_part(struct db *, enum claim_part, long long claim);
/* The name of a part's column i, for show's "name: value" lines. */
const char *claim_col_name(sqlite3_stmt *, int i);

/*
 * Every ready claim of payer (0: any) submitted in batch, each with its
 * history row naming who, once batch_claim lists them: claim_status_set
 * for a whole export.  *n is how many went.
 */
int	 claim_submit(struct db *, long long payer, long batch,
	    const char *who, long *n);

/* claim history clm-N: every change, oldest first, ready to step. */
sqlite3_stmt *claim_history(struct db *, long long claim);

#endif

/*
 * rebill - the claims made from another claim once the payer has
 * adjudicated it: a replacement (CLM05-3 frequency 7, `claim resubmit`),
 * sent after a denial or an underpayment has been put right, and a void
 * (frequency 8, `claim void`), which takes the claim back.  Both copy
 * the original's lines and diagnoses, name it in claim.replaces (the
 * 837 writer sends its payer_claim_no as REF*F8) and close it.  A
 * claim the clearinghouse or payer rejected was never adjudicated: it is
 * corrected and sent again as the original it is (frequency 1), not
 * replaced.  Owns the statements that copy a claim.
 */
#ifndef CLINIX_REBILL_H
#define CLINIX_REBILL_H

#include "claim.h"
#include "db.h"

struct cfg;

extern const struct query rebill_queries[];

#define REBILL_REPLACE	7
#define REBILL_VOID	8

/*
 * Make the replacement or void (frequency REBILL_REPLACE or REBILL_VOID)
 * of claim orig in the caller's transaction: refused (65, said) unless
 * orig was taken into adjudication (accepted, paid, partial or denied)
 * and has the payer's claim number (CLP07 of an 835, REF*1K of a
 * 277CA); the new claim (*made, its patient *pat) is scrubbed with
 * claim_validate_by and must pass (else 65, its complaints in *errs / *n
 * for the caller to print, who rolls back); then orig goes closed
 * ("replaced by clm-M", "voided by clm-M").  0, 65, or a sysexits code
 * from the database.
 */
int	 rebill_make(struct db *, const struct cfg *, long long orig,
	    int frequency, const char *who, long long *made, long long *pat,
	    struct claim_err **errs, size_t *n);

#endif

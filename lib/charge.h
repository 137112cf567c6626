/*
 * charge - turning a signed encounter's procedure lines into ledger
 * charges, once per line ever: the fee in force on the date of service
 * times units, owed by the primary payer when the patient has coverage
 * that day, else by the patient.  pay charge calls it, and claim create
 * will, so whichever runs first charges and the other finds it done.
 * Owns the charge statements.
 */
#ifndef CLINIX_CHARGE_H
#define CLINIX_CHARGE_H

#include "date.h"
#include "db.h"

extern const struct query charge_queries[];

/*
 * Charge enc's lines not charged yet, in the caller's transaction, as
 * one transaction: 0 with *txn (0 when there was nothing left to charge)
 * and *patient; 65 naming the encounter when it is unknown or unsigned
 * and each line that has no fee.
 */
int	 charge_encounter(struct db *, long long enc, const char *who,
	    long long *txn, long long *patient);
/* The encounters that began on local day, for pay charge --day. */
int	 charge_day(struct db *, const char *day, long long **encs, size_t *n);

#endif

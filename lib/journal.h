/*
 * journal - the ledger as a plain-text accounting journal (pay export):
 * hledger's or beancount's syntax, one entry per transaction, the chart
 * of accounts mapped to their account names.  Owns the statements that
 * read the ledger for it.
 *
 * It streams: one pass over the postings, in transaction order, holding
 * one row at a time, so a journal of millions of transactions takes no
 * more memory than one of ten.
 */
#ifndef CLINIX_JOURNAL_H
#define CLINIX_JOURNAL_H

#include <stdio.h>

#include "db.h"

extern const struct query journal_queries[];

enum journal_format { JOURNAL_HLEDGER, JOURNAL_BEANCOUNT };

/* "hledger" or "beancount": 0 with *f, or -1. */
int	 journal_format(const char *name, enum journal_format *f);

/*
 * Write the transactions of the local days from..to (either NULL: no
 * bound) to f, amounts in currency (ISO 4217).  Only transactions closed
 * when it starts, so a write beside it cannot leave an account unopened.
 * 0 with *ntxn, a sysexits code (74 for a failed write) after saying why.
 */
int	 journal_write(struct db *, FILE *, enum journal_format,
	    const char *from, const char *to, const char *currency,
	    long long *ntxn);

#endif

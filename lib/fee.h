/*
 * fee - the fee schedule: the clinic's standard fee for a procedure code
 * (what pay charge posts) and payers' expected allowed amounts, each in
 * force from a day on.  Setting, importing (all or nothing), listing and
 * finding the fee in force on a day.  Owns the fee statements.
 */
#ifndef CLINIX_FEE_H
#define CLINIX_FEE_H

#include "date.h"
#include "db.h"

extern const struct query fee_queries[];

/*
 * A fee as given: its values checked (code a CPT or HCPCS code, amount
 * more than 0 and at most 1,000,000.00, from a day) into code, cents,
 * day.  payer is a name, pyr-N or X12 id, or NULL.  0, 64 for a value
 * that cannot be read, 65 for one out of bounds, each said with what
 * (the option's name, or "file:line: field").
 */
struct fee {
	char		 code[6];
	long long	 cents;
	long long	 payer;		/* 0: the clinic's standard fee */
	char		 from[DATE_LEN];
};
int	 fee_check(struct db *, const char *code, const char *amount,
	    const char *payer, const char *from, struct fee *, const char *what);
/* Set it (replacing the row of the same code, payer and day): *id. */
int	 fee_set(struct db *, const struct fee *, const char *who,
	    long long *id);
/* FILE.csv of code,amount,payer,from (a header row first): all or none. */
int	 fee_import(struct db *, const char *path, const char *who,
	    long long *n);
sqlite3_stmt *fee_list(struct db *);	/* ready to step */
/* The standard fee of code on day: 0 with *cents, 1 when none is. */
int	 fee_in_force(struct db *, const char *code, const char *day,
	    long long *cents);

#endif

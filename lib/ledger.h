/*
 * ledger - the one double-entry ledger of every money event: transactions
 * (txn-N) of postings that sum to zero, never edited and corrected by
 * reversal; a patient's balances and open charges; the patient payments
 * and refunds (pay-N), adjustments and voids that pay makes; the trial
 * balance, the day's deposit and db verify's check.  Owns the txn,
 * posting and payment statements (share/schema/012-ledger.sql).
 *
 * Amounts are integer cents, a debit positive and a credit negative.
 * Every function that writes runs inside the caller's transaction
 * (app_begin) and returns 0 or a sysexits code after saying why.
 */
#ifndef CLINIX_LEDGER_H
#define CLINIX_LEDGER_H

#include <stddef.h>

#include "date.h"
#include "db.h"

extern const struct query ledger_queries[];

/* The largest amount pay takes: 1,000,000.00. */
#define LEDGER_MAX	100000000LL

/*
 * An amount as typed (what names it in messages, "AMOUNT", "--min"):
 * 64 when it is no amount of money ("1e3", "12.345", "ten"), 65 when it
 * is one but not more than 0.00 or above 1,000,000.00; else 0 with cents.
 */
int	 ledger_amount(const char *s, const char *what, long long *cents);

/* One posting to be made; 0 (or NULL) for what it does not concern. */
struct posting {
	const char	*account;	/* "ar.patient", "cash", ... */
	long long	 amount;
	long long	 patient, payer, provider, encounter, proc;
	const char	*code;		/* the procedure's, for revenue; borrowed */
	char		 codebuf[6];	/* postings_add's copy of code */
};

/*
 * Postings being gathered for one transaction.  postings_add copies the
 * code, so what it pointed at may go before ledger_post.
 */
struct postings {
	struct posting	*p;		/* owned */
	size_t		 n, cap;
};
void	 postings_add(struct postings *, const struct posting *);
void	 postings_free(struct postings *);

/*
 * Write transaction kind with its postings and close it (the schema
 * refuses to close one that does not balance: a bug here, 70).  memo may
 * be NULL; reverses is 0 unless kind is "void".  0 with *txn.
 */
int	 ledger_post(struct db *, const char *kind, const char *memo,
	    const char *who, long long reverses, const struct postings *,
	    long long *txn);

/* What a patient's account holds (patients merged into it too). */
struct balance {
	long long	 owes;		/* patient receivable */
	long long	 pending;	/* insurance receivable */
	long long	 credit;	/* overpayment held */
};
int	 ledger_balance(struct db *, long long patient, struct balance *);

/* A charge still open on account, oldest service first. */
struct open_line {
	long long	 proc, encounter, payer, provider;
	char		 code[6];
	long long	 open;		/* > 0 */
};
/* The patient's open lines on account, of encounter enc only unless 0. */
int	 ledger_open(struct db *, const char *account, long long patient,
	    long long enc, struct open_line **out, size_t *n);

/*
 * Credit up to amount against the open lines on account, in order: the
 * postings go on ps (each naming patient and its line).  Returns what was
 * applied.
 */
long long ledger_apply(struct postings *, const char *account,
	    long long patient, const struct open_line *, size_t n,
	    long long amount);

/* A patient payment or refund as given to pay post / pay refund. */
struct payment {
	long long	 patient;
	long long	 amount;
	const char	*method;		/* cash, check, card */
	const char	*check_no, *brand, *last4, *ref;	/* or NULL */
	long long	 apply;			/* enc-N, or 0 */
	const char	*memo;			/* memo, or a refund's reason */
};
/*
 * pay post: apply to the oldest open patient charges (or to enc apply's:
 * first what the patient owes on it, then its insurance share, as a copay
 * taken at checkout is), the rest to patient credit.  0 with *pay and
 * *txn; 65 when apply is not the patient's encounter.
 */
int	 payment_post(struct db *, const struct payment *, const char *who,
	    long long *pay, long long *txn);
/*
 * pay refund: from the patient's credit first, then reversing what the
 * patient paid (reopening it); 65 when amount is more than both.
 */
int	 payment_refund(struct db *, const struct payment *, const char *who,
	    long long *pay, long long *txn);
/* pay adjust: account writeoff or baddebt, against open patient charges. */
int	 ledger_adjust(struct db *, long long patient, long long amount,
	    const char *account, long long apply, const char *memo,
	    const char *who, long long *txn);
/*
 * pay void: a transaction reversing txn exactly (each posting negated);
 * 65 when it is a void itself or was voided.  *patient is the patient it
 * concerned (0 when none), for the audit row.
 */
int	 ledger_void(struct db *, long long txn, const char *reason,
	    const char *who, long long *rev, long long *patient);
/* enc is pat's (or a merged patient's): 0, or 65 saying it is not. */
int	 ledger_enc_of(struct db *, long long patient, long long enc);
/* The transaction of pay-N: 0, or 65 when there is none. */
int	 payment_txn(struct db *, long long pay, long long *txn);

/*
 * The listings, ready to step.  ledger_list: every posting of the
 * patient's receivable, insurance and credit accounts, with the running
 * balance; from and to are days or NULL.
 */
sqlite3_stmt *ledger_list(struct db *, long long patient, const char *from,
	    const char *to);
/*
 * The UTC instant ("...Z") the local day days after day begins at, into
 * out: the bounds of a range of local days.  -1 when it cannot be told.
 */
int	 ledger_day_start(const char *day, long days, char out[STAMP_LEN]);
/* pay deposit: the day's payments and refunds by method, then totals. */
sqlite3_stmt *ledger_deposit(struct db *, const char *day);
/*
 * pay trial-balance: every account's balance as of a day (NULL: now);
 * they sum to 0 when the ledger is sound.
 */
sqlite3_stmt *ledger_trial(struct db *, const char *asof);

/*
 * db verify: every transaction closed and balanced.  *ntxn is how many
 * there are, *bad the first that is not (0 when none), *why what is wrong
 * with it (static).
 */
int	 ledger_verify(struct db *, long long *ntxn, long long *bad,
	    const char **why);

#endif

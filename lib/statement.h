/*
 * statement - a patient's statement as of a day (pay statement): what
 * each visit was charged and what insurance, adjustments and the patient
 * took off it, what is still owed, its aging by date of service, laid
 * out as plain text for lpr or, through groff, as PDF; which patients owe
 * enough to get one; and the once-per-date record of statements sent by
 * email (share/schema/013-statement.sql).  Reads the ledger's postings
 * (lib/ledger.c owns them) with its own statements.
 */
#ifndef CLINIX_STATEMENT_H
#define CLINIX_STATEMENT_H

#include <stddef.h>

#include "date.h"
#include "db.h"
#include "util.h"

struct cfg;

extern const struct query statement_queries[];

/* One visit, or (enc 0) what is on the account but on no visit. */
struct stmt_visit {
	long long	 enc;
	char		 day[DATE_LEN];	/* date of service (or last posting) */
	long		 days;		/* from day to the statement date */
	char		*provider;	/* owned; NULL for enc 0 */
	char		*codes;		/* owned; "99213 36415" */
	long long	 charges, insurance, adjust, paid;
	long long	 owes;		/* patient receivable still open */
	long long	 pending;	/* insurance receivable still open */
};

/* Aging buckets of what the patient owes: 0-30, 31-60, 61-90, 90+ days. */
#define STMT_AGES	4

struct statement {
	long long	 patient;
	char		 asof[DATE_LEN];
	char		*mrn, *name;		/* owned */
	char		*addr[3];		/* owned, NULL when empty */
	char		*email;			/* owned, NULL when none */
	int		 consent;		/* email consent given */
	struct stmt_visit *v;			/* owned */
	size_t		 n;
	long long	 owes, pending, credit;	/* totals as of asof */
	long long	 due;			/* owes less credit */
	long long	 aging[STMT_AGES];
};

/*
 * The statement of patient pat (with those merged into it) as of day
 * asof: postings made up to the end of that local day.  Visits listed are
 * those still open and those with postings in the 90 days before asof.
 * 0, or the code of a failed read.
 */
int	 statement_load(struct db *, long long pat, const char *asof,
	    struct statement *);
void	 statement_free(struct statement *);

/* Append the plain-text statement (UTF-8, \n line ends) to b. */
void	 statement_text(const struct cfg *, const struct statement *,
	    struct buf *b);
/*
 * The text of one or more statements (a form feed between them) as PDF,
 * one statement per page or more, through groff -Tpdf in a monospaced
 * font; 0 with *pdf, or 69/70 after saying why.
 */
int	 statement_pdf(const struct buf *text, struct buf *pdf);

/*
 * The patients (not merged into another) whose balance due as of asof
 * (patient receivable less credit) is at least min cents; owned array.
 */
int	 statement_due(struct db *, const char *asof, long long min,
	    long long **ids, size_t *n);

/*
 * Record that pat's statement of asof goes to addr with Message-ID mid:
 * 0 when it is recorded now, 1 when one was sent already (nothing
 * changed), else a code.  Inside the caller's transaction.
 */
int	 statement_claim(struct db *, long long pat, const char *asof,
	    const char *who, const char *addr, const char *mid);
/* sendmail failed: the record goes, so that a later run sends it. */
int	 statement_unclaim(struct db *, long long pat, const char *asof);

#endif

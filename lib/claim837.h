/*
 * claim837 - the X12 837P 005010X222A1 interchanges `claim export`
 * sends (standards.md §1, issue 14 "Exporting"): the ready claims of a
 * payer, or of all payers when claim.receiver names a clearinghouse, one
 * interchange each; the control numbers taken from x12_counter; the
 * bytes kept in batch (so `claim export --batch N` sends them again,
 * identical) with the claims it carried moved to submitted, all in one
 * transaction.  Owns the statements that read claims for the 837P and
 * write batch and batch_claim.
 *
 * Memory stays the same whatever the number of claims: one statement
 * steps over them, the bytes go to a temporary file a few kilobytes at a
 * time, and from there into batch.body through SQLite's incremental
 * blob I/O.
 */
#ifndef CLINIX_CLAIM837_H
#define CLINIX_CLAIM837_H

#include <stdio.h>

#include "db.h"
#include "ident.h"

struct app;
struct cfg;

extern const struct query claim837_queries[];

/* What every interchange of a run shares: who sends, when. */
struct c837_env {
	const struct cfg *cfg;
	/* the billing provider (prv_clinic's, checked) */
	const char	*name, *npi, *address1, *address2, *city, *state;
	char		 ein[IDENT_EIN_LEN], zip[IDENT_ZIP_LEN];
	char		 phone[11];		/* 10 digits, PER04 */
	char		 submitter[16];		/* ISA06, GS02, NM1*41 */
	char		 usage;			/* ISA15 */
	/* local day and time of the run: ISA09, ISA10, GS04, GS05 */
	char		 ccyymmdd[9], hhmm[5];
	int		 newline;		/* "\n" after each "~" */
};
/*
 * Fill env from the config and the clock: 0, or 78 having said which
 * clinic or claim key will not do for an 837P.
 */
int	 claim837_env(const struct cfg *, int newline, struct c837_env *);

/* One interchange to write: whose claims, to whom, with what number. */
struct c837_group {
	long long	 payer;		/* payer.id; 0 all (a clearinghouse) */
	char		 receiver[16];	/* ISA08, GS03, NM1*40 NM109 */
	char		 receiver_name[61];	/* NM1*40 NM103 */
	long		 control;	/* ISA13, GS06, ST02, BHT03 */
};

/*
 * The interchanges the ready claims make (only payer's, when payer is
 * not 0): *groups (owned, *n of them) in payer order, their control
 * numbers 0 still; none is *n 0.  0, 65 when a receiver id will not fit
 * ISA08, or a database code.
 */
int	 claim837_groups(struct db *, const struct c837_env *,
	    long long payer, struct c837_group **groups, size_t *n);
/*
 * Write group g's interchange to out (its ready claims, in id order),
 * with the SHA-256 of the bytes in hex: 0 with *nclaims and *len, 65
 * when a secondary claim's primary has no 835 to pass on (said), 74 on
 * a write error, or a database code.  Reads only.
 */
int	 claim837_write(struct db *, const struct c837_env *,
	    const struct c837_group *g, FILE *out, long *nclaims,
	    long long *len, char sha256[65]);

/* `claim export`'s options. */
struct c837_args {
	const char	*payer;		/* --payer: pyr-N, name or X12 id */
	const char	*file;		/* -o: a file, or a directory */
	long long	 batch;		/* --batch N: send batch N again */
	int		 newline;	/* --newline */
};
/*
 * claim export: the ready claims' interchanges, to stdout, to the file
 * or as DIR/<batch>.837 (created 0600), each audited as a disclosure
 * ("batch-N") before its bytes leave, "batch N: K claims to RECEIVER" on
 * stderr for each.  0; 1 when no claim is ready (nothing written, no
 * number taken); 64 for several interchanges and no directory to put
 * them in; 65, 73, 74, 75, 77 (a role without CAP_BILLING), 78.  With
 * args->batch, batch N's stored bytes again, identical, no new number.
 */
int	 claim837_export(struct app *, const struct c837_args *);

#endif

/*
 * remit - the X12 835 remittance advice (standards.md §2): reading it
 * into memory and checking it balances (remit_parse, which never touches
 * the database, so the fuzz harness calls it alone), matching its claims
 * and lines to ours, and posting it to the ledger exactly once (a
 * payment is known by TRN02 + TRN03).  Owns the remit, remit_claim,
 * remit_line, remit_adj and remit_plb statements (014-claim.sql).
 */
#ifndef CLINIX_REMIT_H
#define CLINIX_REMIT_H

#include <stddef.h>

#include "db.h"
#include "rec.h"

extern const struct query remit_queries[];

#define REMIT_WHY	256

/* A CAS triplet, exactly as sent. */
struct remit_adj {
	char		 grp[3];		/* CO PR OA PI CR */
	char		 reason[6];		/* the CARC */
	long long	 amount;
	long		 qty;
	int		 has_qty;
};

/* An SVC (2110) with what follows it. */
struct remit_svc {
	char		 proc[64];		/* SVC01 as sent: HC:99213:25 */
	char		 code[6];		/* its procedure code */
	char		 mods[12];		/* its modifiers, "25,59" */
	long long	 charge, paid;		/* SVC02, SVC03 */
	long		 units;			/* SVC05 */
	int		 has_units;
	char		 day[11];		/* DTM*472, YYYY-MM-DD, or "" */
	long long	 ref6r;			/* REF*6R as a number, or 0 */
	long long	 allowed;		/* AMT*B6 */
	int		 has_allowed;
	size_t		 adj0, nadj;		/* its CAS in remit_file.adj */
	char		 remarks[64];		/* LQ*HE RARCs, "N130,M15" */
	/* remit_match's */
	long long	 line_id, proc_id;	/* our claim_line, its proc */
};

/* A CLP (2100). */
struct remit_clp {
	char		 clp01[40];
	char		 status[4];		/* CLP02 */
	long long	 charge, paid;		/* CLP03, CLP04 */
	long long	 resp;			/* CLP05 */
	int		 has_resp;
	char		 payer_claim_no[51];	/* CLP07, or "" */
	size_t		 adj0, nadj;		/* claim-level CAS */
	char		 remarks[64];		/* MOA03-07 RARCs, "MA01,N130" */
	size_t		 svc0, nsvc;		/* its SVCs in remit_file.svc */
	/* remit_match's: 0 when CLP01 is none of ours */
	long long	 claim, patient, payer, encounter;
};

/* A PLB adjustment (one reason:ref + amount pair). */
struct remit_plb {
	char		 provider[51];		/* PLB01 */
	char		 reason[3];		/* PLB03-1: L6, WO, FB... */
	char		 ref[51];		/* PLB03-2 */
	long long	 amount;		/* positive reduces the payment */
};

/* One ST*835 set: one payment. */
struct remit_set {
	char		 st02[10];
	char		 method[4];		/* BPR04: ACH, CHK, NON... */
	long long	 paid;			/* BPR02 */
	char		 paid_on[11];		/* BPR16, YYYY-MM-DD, or "" */
	char		 trace[51];		/* TRN02 */
	char		 payer_tin[11];		/* TRN03 */
	char		 payer_name[61];	/* N1*PR N102 */
	char		 payer_ref[81];		/* REF*2U, else N1*PR N104 */
	size_t		 clp0, nclp;
	size_t		 plb0, nplb;
	/* remit_match's */
	long long	 payer;			/* pyr-N the money is from */
	long long	 era;			/* era-N when posted before */
};

struct remit_file {
	struct remit_set	*set;	/* owned, all of them */
	struct remit_clp	*clp;
	struct remit_svc	*svc;
	struct remit_adj	*adj;
	struct remit_plb	*plb;
	size_t			 nset, nclp, nsvc, nadj, nplb;
	size_t			 capset, capclp, capsvc, capadj, capplb;
	char			 sha256[65];	/* of the file's bytes */
};

/*
 * Read len bytes of an 835 interchange into f and check that every set
 * balances: 0, or 65 with why saying what is first wrong (a broken
 * envelope, a missing segment, "clm-3 line 2: SVC02 100.00 - CAS 20.00 =
 * 80.00, SVC03 says 70.00").  f is remit_free's either way.
 */
int	 remit_parse(const char *data, size_t len, struct remit_file *f,
	    char why[REMIT_WHY]);
void	 remit_free(struct remit_file *);

/* The largest 835 read: a year of a big group's payments is far less. */
#define REMIT_MAX_FILE	(512u << 20)
/*
 * The file at path ("-": stdin), read and parsed: 0, 66 when it cannot
 * be opened, 74 when reading fails, 65 after saying why.
 */
int	 remit_read(const char *path, struct remit_file *f);

/*
 * Match f's payments, claims and lines to ours: each set's payer (from
 * REF*2U / N1*PR N104, else its claims'), whether it was posted before
 * (set->era), each CLP01 to a claim and each SVC to a claim line (REF*6R,
 * else code and modifiers, and the day when given).  A CLP01 that is
 * none of ours is 65 naming it, unless keep_going (then it is left
 * clp->claim 0 and *unmatched counts it).  name is the file's, for
 * messages.
 */
int	 remit_match(struct db *, struct remit_file *, const char *name,
	    int keep_going, long *unmatched);

/* What remit_post did with one payment, for its caller to print. */
struct remit_done {
	long long	 era;		/* era-N */
	int		 before;	/* posted before: nothing done now */
	const char	*trace;		/* borrowed from the file */
	long		 nclaims;	/* CLPs matched and posted */
	long long	 paid;		/* BPR02 */
	long long	 txn;		/* its ledger transaction, 0 if none */
	const struct remit_set *set;	/* borrowed */
	struct idlist	*patients;	/* the patients it concerned; borrowed */
};

/*
 * Post every payment of f not posted before, in the caller's
 * transaction: its remit rows, one ledger transaction (kind remit) and
 * each claim's new status.  done(arg, d) is called once a payment,
 * posted now or before, so the caller prints and audits it; its
 * non-zero return stops the run.  0 or a sysexits code.
 */
int	 remit_post(struct db *, struct remit_file *, const char *who,
	    int (*done)(void *, const struct remit_done *), void *arg);

/* claim unmatched: the parked CLPs, ready to step. */
sqlite3_stmt *remit_unmatched(struct db *);

#endif

/*
 * coverage - insurance payers and the coverage a patient has with them:
 * checking what a user gives, adding, finding, listing and ending.  Owns
 * the payer and coverage statements; claims and payments read the same.
 */
#ifndef CLINIX_COVERAGE_H
#define CLINIX_COVERAGE_H

#include "date.h"
#include "db.h"

extern const struct query coverage_queries[];

/* pyr-N, a payer's name or its X12 payer id: 0, or 65 saying so. */
int	 payer_find(struct db *, const char *key, long long *id);
/* A payer's name and X12 id as given: 0, or 65 saying why not. */
int	 payer_check(const char *name, const char *payer_id);
/* 0 with *id, or 65 when the name is taken (saying so). */
int	 payer_add(struct db *, const char *name, const char *payer_id,
	    long long *id);
sqlite3_stmt *payer_list(struct db *);	/* ready to step */
/*
 * A payer's claim filing indicator (SBR09, 014's payer.filing; CI
 * unless told): one of X12's codes, CI commercial, 12 PPO, HM HMO, BL
 * Blue Cross, MB Medicare Part B, MC Medicaid, ZZ unknown...  0, or 65
 * saying so.  payer_set_filing sets payer's, in the caller's transaction.
 */
int	 payer_filing_check(const char *code);
int	 payer_set_filing(struct db *, long long payer, const char *code);

/* One coverage as given; cov_check fills the normalised days. */
struct cov {
	const char	*payer, *member, *group;
	const char	*priority, *relationship;	/* defaulted by cov_check */
	const char	*sub_name, *sub_dob, *sub_sex;	/* other subscriber */
	const char	*from, *to;
	char		 fromd[DATE_LEN], tod[DATE_LEN], dobd[DATE_LEN];
};
/* The values' rules: 0, or 64/65 after saying which broke. */
int	 cov_check(struct cov *);
/* A day option's value (what, "--on") to ISO: 0, or 64 saying so. */
int	 cov_day_arg(const char *v, char out[DATE_LEN], const char *what);
/* Add a checked coverage: 0, or 65 when it overlaps one of its priority. */
int	 cov_add(struct db *, long long patient, long long payer,
	    const struct cov *, long long *id);
/* The patient's coverage, with its status on today's date. */
sqlite3_stmt *cov_list(struct db *, long long patient);
/* End cov-N on day (ISO): 0 with its patient, or 65 saying why not. */
int	 cov_end(struct db *, long long cov, const char *day,
	    long long *patient);
/* The primary payer of pat's coverage on day (ISO), *payer 0 if none. */
int	 cov_primary(struct db *, long long pat, const char *day,
	    long long *payer);

#endif

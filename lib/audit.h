/*
 * audit - the append-only audit trail: adding rows chained by HMAC-SHA256,
 * the tail file that remembers the newest row outside the database,
 * verifying the whole chain, and listing rows by who, what and when.
 */
#ifndef CLINIX_AUDIT_H
#define CLINIX_AUDIT_H

#include <sqlite3.h>
#include <stdint.h>

#include "date.h"
#include "seal.h"

struct db;
struct audit;

struct audit_row {
	const char	*login;
	const char	*action;	/* "user.add", "patient.show", ... */
	int		 denied;	/* outcome: 1 for a refused action */
	long long	 patient;	/* 0: none */
	const char	*record;	/* typed id, or "12 patients" */
	const char	*detail;
	int		 break_glass;	/* read under emergency access */
};

/* Load the key (77 if its mode lets others read it) and the chain id. */
int	 audit_open(struct audit **out, const char *keyfile, struct db *);
void	 audit_free(struct audit *);

/* A new chain for a new database: its id goes in meta, its tail file. */
int	 audit_init(struct audit *, struct db *);

/* Append one row; call inside a write transaction. */
int	 audit_add(struct audit *, struct db *, const struct audit_row *);
/* After COMMIT: move the tail file forward to the newest row written. */
int	 audit_sync_tail(struct audit *, struct db *);
/* After a restore or `audit anchor`: the tail to the database's end. */
int	 audit_reset_tail(struct audit *, struct db *);

struct audit_check {
	long long	 rows;		/* rows checked */
	long long	 bad;		/* first bad row id, 0 when all good */
	const char	*why;		/* reason when bad: static or msg */
	char		 msg[128];
};
/* 0 (and *chk filled) when the check ran, even if it found a break. */
int	 audit_verify(struct audit *, struct db *, struct audit_check *);

/* Which rows audit_list gives, newest first. */
struct audit_filter {
	long long	 patient;		/* 0: any */
	const char	*login;			/* NULL: any */
	const char	*action;		/* "patient" takes patient.* */
	char		 from[STAMP_LEN];	/* from audit_bound; "": open */
	char		 to[STAMP_LEN];		/* up to it, not including */
	int		 denied;		/* only refusals */
	int		 break_glass;		/* only emergency access reads */
	long long	 limit;			/* -1: all */
};
/*
 * A --from (upto 0) or --to (upto 1) as typed, a day or a time in the
 * clinic's zone (set it first), as the bound audit_filter holds: up to a
 * day includes all of that day, up to a time its whole second.  0, or 64
 * after saying why.
 */
int	 audit_bound(const char *, int upto, char out[STAMP_LEN]);
/* The rows for out_stmt: id, at, login, action, outcome, patient, ... */
sqlite3_stmt *audit_list(struct db *, const struct audit_filter *);

#endif

/*
 * audit - the append-only audit trail: adding rows chained by HMAC-SHA256,
 * the tail file that remembers the newest row outside the database, and
 * verifying the whole chain.
 */
#ifndef CLINIX_AUDIT_H
#define CLINIX_AUDIT_H

#include <stdint.h>

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

#endif

/*
 * immunization - the vaccines a patient was given, by CVX code, with the
 * day, lot, site and route.
 */
#ifndef CLINIX_IMMUNIZATION_H
#define CLINIX_IMMUNIZATION_H

#include <sqlite3.h>

struct db;

struct imm_new {
	const char	*cvx;		/* as typed */
	const char	*date;		/* a day as typed; NULL for today */
	const char	*lot, *site, *route;	/* or NULL */
	char		 day[11];	/* imm_check fills these */
	char		 route_code[4];
};

/* The options' values: 0, 64 (unreadable day or route), 65 (a day to come, text too long). */
int	 imm_check(struct imm_new *);
/*
 * Record it for patient inside the caller's transaction: *id the new row.
 * 65 after a message when the CVX code is unknown or not a vaccine.
 */
int	 imm_add(struct db *, const char *login, long long patient,
	    struct imm_new *, long long *id);
/* For out_stmt: id, date, cvx, vaccine, lot, site, route, recorded_by. */
sqlite3_stmt *imm_list(struct db *, long long patient);

#endif

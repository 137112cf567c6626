/*
 * waitlist - patients waiting for a visit sooner than the calendar had
 * one: adding, listing and removing them, and matching each with the
 * first free slot that fits (their provider or any, their length, not
 * past their date).
 */
#ifndef CLINIX_WAITLIST_H
#define CLINIX_WAITLIST_H

#include <sqlite3.h>

#include "date.h"
#include "db.h"
#include "slots.h"

struct db;
struct query;

#define WAIT_MINUTES	30	/* how long, when nothing says */

struct wait_entry {
	long long	 patient, provider, type;	/* 0 for any, none */
	int		 minutes;			/* 0: WAIT_MINUTES */
	const char	*before;	/* a day, or NULL for no deadline */
	const char	*note;		/* or NULL */
};

/* Add e; *id the new entry's.  0 or a sysexits code. */
int	 wait_add(struct db *, const struct wait_entry *, const char *login,
	    long long *id);
/* Take entry id off: *patient its patient.  0, 65 none waiting, or a code. */
int	 wait_remove(struct db *, long long id, long long *patient);
/* Who is waiting, for out_stmt / app_list_phi (first column the id). */
sqlite3_stmt *wait_list_stmt(struct db *);

struct wait_match {
	long long	 wl, patient, provider;	/* provider: the one wanted */
	int		 minutes;
	char		 before[DATE_LEN];	/* 9998-12-31 for none */
	char		*name;			/* "Last, First" */
	struct slot	 slot;			/* provider 0: nothing fits */
};

/*
 * Every entry still waiting on `today`, each with the first slot over
 * the days from `from` on that fits it: 0 with *v owned (wait_matches_free)
 * and *hits the number with a slot, or a code.
 */
int	 wait_match(struct db *, const struct days *, const char *today,
	    time_t from, struct wait_match **v, size_t *n, size_t *hits);
void	 wait_matches_free(struct wait_match *, size_t);

extern const struct query waitlist_queries[];

#endif

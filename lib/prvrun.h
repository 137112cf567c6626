/*
 * prvrun - provider's verbs once their options are read: finding the
 * provider a command names (saying why not), opening for a change, and
 * the writes of hours and days off, each in one transaction with its
 * audit row, printing what it wrote once committed.  What is wrong is
 * said (warnx) and comes back as a sysexits code.  cmd/provider.c reads
 * the command line and prints listings; the rules are lib/provider.c's.
 */
#ifndef CLINIX_PRVRUN_H
#define CLINIX_PRVRUN_H

#include "date.h"

struct app;
struct hours_range;

/* A provider by prv- id or NPI: 0 (active set, if not NULL), or 65 said. */
int	 prvrun_find(struct app *, const char *key, long long *id,
	    int *active);
/* Open for a change: config, db, identity, CAP_SETUP, a transaction. */
int	 prvrun_open(struct app *);
/*
 * The tail of every write: the audit row for prefix-id ("prv-3"), the
 * commit, and the id on stdout; rolled back if either fails.
 */
int	 prvrun_finish(struct app *, const char *prefix, long long id,
	    const char *detail);

/*
 * hours' DAYS and RANGES ("mon-fri", "09:00-12:00,13:00-17:00" or "off")
 * into *days (bit 1 = mon) and r[0..*n-1] (n 0: a day off): 0, or 65 said.
 */
int	 prvrun_hours_args(const char *days_s, const char *ranges_s,
	    unsigned *days, struct hours_range *r, int *n);
/* provider hours PROVIDER DAYS RANGES: set them, prv- id printed. */
int	 prvrun_hours(struct app *, const char *key, const char *days_s,
	    const char *ranges_s);

/*
 * off's DATE and --to (NULL: the same day) as ISO days, in the clinic's
 * zone once it is open: 0, or 65 said for a bad day or an end before
 * the start.
 */
int	 prvrun_span(const char *from_s, const char *to_s,
	    char from[DATE_LEN], char to[DATE_LEN]);
/*
 * provider off PROVIDER DATE [--to DATE]: add the days off (with reason,
 * or NULL), printing the off- id; or with remove give them back, printing
 * each off- id changed, and the new one of a span cut in two.
 */
int	 prvrun_off(struct app *, const char *key, const char *from_s,
	    const char *to_s, const char *reason, int remove);

#endif

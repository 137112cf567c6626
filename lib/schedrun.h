/*
 * schedrun - sched's verbs once their options are read: finding what a
 * command names (saying why not, as "sched: ..." on stderr), and each
 * write in its own transaction with its audit row.  cmd/sched.c reads
 * the command line, checks it, and prints listings; the rules are appt's.
 */
#ifndef CLINIX_SCHEDRUN_H
#define CLINIX_SCHEDRUN_H

#include <time.h>

#include "appt.h"
#include "date.h"

struct app;
struct days;
struct feed_opts;
struct idlist;
struct slots;
struct wait_entry;
struct wait_match;

#define SCHED_NOTE_MAX	1000	/* bytes in a note or a reason */
#define SCHED_COUNT_MAX	104	/* visits in a series: two years weekly */

/* Say why, when there is a why, and pass rc on. */
int	 sched_said(int rc, const char *why);
/* Open what the verb needs, for someone who may schedule. */
int	 sched_open(struct app *);
/*
 * A provider or room to book (live_only) or to look at, a visit type
 * (minutes: its length, when not NULL), an apt- id, an appointment as
 * stored: 0, or 65 said.
 */
int	 sched_provider(struct app *, const char *key, long long *id,
	    int live_only);
int	 sched_type(struct app *, const char *key, long long *id,
	    int *minutes);
int	 sched_resource(struct app *, const char *key, long long *id,
	    int live_only);
int	 sched_apt(const char *key, long long *id);
int	 sched_load(struct app *, long long id, struct appt_stored *);

/* Option values, named by opt in what is said: 0, or 65 said. */
int	 sched_at(const char *opt, const char *s, time_t *);
int	 sched_length(const char *opt, const char *s, int *minutes);
/* --end, as a length after start */
int	 sched_end(time_t start, const char *s, int *minutes);
int	 sched_day(const char *opt, const char *s, char day[DATE_LEN]);
int	 sched_text(const char *opt, const char *s);	/* s: or NULL */
/*
 * The span of --day, or of --from/--to, each defaulting to dflt_from,
 * dflt_to (as typed: "today") or all time when NULL; and the window that
 * looks ahead, --from (default today) to --to (default n - 1 days on).
 * 0, or 64 said.
 */
int	 sched_days(struct days *, const char *day, const char *from,
	    const char *to, const char *dflt_from, const char *dflt_to);
int	 sched_ahead(struct days *, const char *day, const char *from,
	    const char *to, int n);
/*
 * --recur EVERY and --count N (NULL when not given; both or neither, at
 * most SCHED_COUNT_MAX) into sr->recur and sr->count: 0, or 64 said.
 */
int	 sched_series(const char *recur, const char *count,
	    struct appt_series *sr);

/* What sched book was told; sr.first, sr.minutes (0: the type's) set. */
struct sched_booking {
	const char		*patient, *provider;	/* as typed */
	const char		*type, *resource, *note; /* or NULL */
	int			 end_given;	/* minutes not the type's */
	int			 skip;		/* book what can be */
	struct appt_series	 sr;
};
/* Book it, each visit with its audit row, all or (skip) what can be. */
int	 sched_book(struct app *, struct sched_booking *,
	    struct idlist *ids);

/* What sched move was told: at and minutes when given (else 0). */
struct sched_moving {
	long long		 id;
	time_t			 at;
	int			 minutes;
	const char		*provider, *resource;	/* or NULL */
	int			 force, overbook;
};
int	 sched_move(struct app *, const struct sched_moving *);

/*
 * The verb's status change (cancel, checkin, checkout, noshow) of each
 * appointment named, or read from stdin: each its own transaction,
 * printing its id.  A check-in warns when coverage is missing.
 */
int	 sched_change(struct app *, int argc, char *argv[],
	    const char *reason, int force);
/* Every booked visit ended by before (a time; NULL: now): no-shows. */
int	 sched_noshow_auto(struct app *, const char *before,
	    struct idlist *ids);

/* Put patient (as typed) on the waitlist: e says what for; *id set. */
int	 sched_wait_add(struct app *, const char *patient, const char *prv,
	    const char *type, struct wait_entry *e, long long *id);
/* Take each entry named (or read from stdin) off, printing its id. */
int	 sched_wait_remove(struct app *, int argc, char *argv[]);

/*
 * Readings of patient data, each audited before anything is printed:
 * an appointment's history and a listing (printed), the patients of the
 * day's agenda (*n visits) for the caller to print, the waitlist's
 * matches (*hit of the *n entries have a slot; free them with
 * wait_matches_free), and a provider's feed (written to stdout).
 */
int	 sched_history(struct app *, const char *apt);	/* as typed */
/*
 * Appointments in full, the ids in argv or, when it holds none or a lone
 * "-", on stdin (rec_each): the worst code of the ids (65: one not
 * shown), or 1 when there were none at all.
 */
int	 sched_show(struct app *, int argc, char *argv[]);
/* The appointments f picks, with the provider, patient, room as typed. */
int	 sched_list(struct app *, struct appt_filter *f, const char *prv,
	    const char *pat, const char *res);
int	 sched_agenda(struct app *, const struct days *, long long provider,
	    long long *n);
int	 sched_wait_match(struct app *, const struct days *,
	    struct wait_match **v, size_t *n, size_t *hit);
/* o as told, but for the provider: prv, as typed. */
int	 sched_ics(struct app *, const char *prv, struct feed_opts *o);
/* Who is waiting, printed. */
int	 sched_wait_list(struct app *);
/*
 * Open slots in d from now on, at least minutes long or the visit type's
 * length (type, as typed, or NULL): the first limit of provider prv (as
 * typed), or with prv NULL the first slot of anyone's.  Free sl with
 * slots_free_all.
 */
int	 sched_free(struct app *, const char *prv, const char *type,
	    int minutes, const struct days *d, size_t limit, struct slots *sl);

/* Import file's appointments: all or (keep) the good rows. */
int	 sched_import(struct app *, const char *file, int keep);

#endif

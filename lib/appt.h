/*
 * appt - appointments by the clinic's rules: visit lengths as people type
 * them, the provider's hours and days off, who may be booked, booking and
 * moving with the double bookings the schema refuses told as a typed
 * refusal and the appointment in the way, status changes and their
 * history, and the statements the calendar's listings print.
 */
#ifndef CLINIX_APPT_H
#define CLINIX_APPT_H

#include <sqlite3.h>
#include <time.h>

#include "date.h"
#include "db.h"
#include "recur.h"

struct db;
struct idlist;
struct query;

#define APPT_MAX_MIN	720	/* the longest visit: 12 hours */
#define APPT_WHY	256	/* room for a reason */

/* Why the schema refused a booking (65): what --overbook may override. */
enum appt_refusal {
	APPT_FREE,		/* not refused */
	APPT_PROVIDER_TAKEN,	/* the provider has a visit then */
	APPT_PATIENT_TAKEN,	/* so has the patient */
	APPT_RESOURCE_TAKEN,	/* the room or device: never overbooked */
	APPT_REFUSED,		/* another rule of the schema */
};

struct appt {
	long long	 id;
	long long	 patient, provider;
	long long	 resource, type, series;	/* 0 for none */
	time_t		 start, end;
	int		 overbook, forced;
	const char	*note;		/* borrowed; NULL for none */
	const char	*status;	/* NULL: booked */
	enum appt_refusal refused;	/* set with 65 by insert and move */
	long long	 clash;		/* set: the appointment in the way */
};

/* An appointment as stored. */
struct appt_stored {
	long long	 patient, provider, resource, type, series;
	time_t		 start, end;
	char		 status[16];
	int		 overbook;
};

/* A visit length, as visit_length_parse (hours.h): 0, or -1 with *why. */
int	 appt_length(const char *, int *minutes, const char **why);
/* booked, checkedin, checkedout, cancelled or noshow?  Live: one of the
 * first three, which hold their slot. */
int	 appt_status_valid(const char *);
int	 appt_status_live(const char *);
/*
 * end as a length after start, rounded up to the minute: 0, or -1 with
 * why ("not after --at", "more than 12 hours after --at" for after "--at").
 */
int	 appt_until(time_t start, time_t end, const char *after, int *minutes,
	    char why[APPT_WHY]);
/* Can pat-id be booked (not merged, deceased or inactive)? 0 or 65. */
int	 appt_bookable(struct db *, long long patient, char why[APPT_WHY]);
/* Is [start, end) inside the provider's hours, not on a day off? 0 or 65. */
int	 appt_in_hours(struct db *, long long provider, time_t start,
	    time_t end, char why[APPT_WHY]);
/* The softer rules --force overrides: the past, hours, days off.  0, 65. */
int	 appt_rules(struct db *, const struct appt *, time_t now,
	    char why[APPT_WHY]);
/*
 * Insert a (setting a->id), or move appointment a->id to a's provider,
 * resource and times.  A double booking is 65 with a->refused and why
 * naming the appointment in the way; other failures are sysexits codes,
 * said.
 */
int	 appt_insert(struct db *, struct appt *, const char *login,
	    char why[APPT_WHY]);
int	 appt_move(struct db *, struct appt *, char why[APPT_WHY]);
/*
 * The same, and with overbook, when the provider or the patient is
 * taken, again as a double booking (a->overbook set).
 */
int	 appt_book(struct db *, struct appt *, const char *login, int overbook,
	    char why[APPT_WHY]);
int	 appt_rebook(struct db *, struct appt *, int overbook,
	    char why[APPT_WHY]);
/* Appointment id as stored: 0, 65 when there is none (unsaid), a code. */
int	 appt_load(struct db *, long long id, struct appt_stored *);
int	 appt_set_series(struct db *, long long id, long long series);
int	 appt_set_status(struct db *, long long id, const char *status);
/*
 * What happened to appointment id, for its history: a move keeps the
 * times it had (old), a cancel its reason (detail).
 */
int	 appt_event(struct db *, long long id, const char *login,
	    const char *what, const struct appt_stored *old,
	    const char *detail);
/* Mark no-show every booked visit ended by `before`; their ids in *ids. */
int	 appt_noshow_auto(struct db *, const char *before, const char *login,
	    struct idlist *ids);
/*
 * Is the patient covered on day?  *covered, and in ended (or "") the
 * day the last coverage ended when not.  0 or a code.
 */
int	 appt_coverage(struct db *, long long patient, const char *day,
	    int *covered, char ended[DATE_LEN]);

/* What each status change may do: from which status, to which. */
struct appt_step {
	const char	*verb, *from, *to;
	int		 started;	/* refused before the visit's start */
	int		 today;		/* refused on another day, unforced */
};
const struct appt_step *appt_step_of(const char *verb);	/* or NULL */

struct appt_change {
	const struct appt_step	*step;
	const char		*reason;	/* the history's detail or NULL */
	int			 force;
	struct appt_stored	 st;		/* set: as it was */
	const char		*detail;	/* set: reason, or why forced */
	char			 forced[64];
};
/*
 * Change appointment id by c->step, and write its history: 0, 65 with
 * why (none such, the wrong status, not started, not today), or a code.
 */
int	 appt_change(struct db *, long long id, struct appt_change *,
	    const char *login, time_t now, char why[APPT_WHY]);

/* A booking, once or recurring. */
struct appt_series {
	enum recur	 recur;
	long long	 count;		/* 1 for once */
	time_t		 first;
	int		 minutes;
	int		 force, overbook;
};
struct appt_booked {
	char		 why[APPT_WHY];		/* set with 65 */
	char		 label[96];		/* "instance 2 of 4 (...): " */
	char		 forced[APPT_WHY];	/* the rule forced, a->forced */
	int		 soft;			/* --force would book it */
};
/*
 * Book instance k (0 the first) of a series as a, by the rules and with
 * the series' first booked id: 0, 65 with b said, or a code.
 */
int	 appt_book_nth(struct db *, const struct appt_series *, long long k,
	    struct appt *a, const char *login, time_t now,
	    struct appt_booked *b);

/*
 * A move of booked appointment id: a set from it as stored (*st), for
 * the caller to change what it was asked to.  0, 65 with why (none such,
 * not booked, a patient who may not be booked), or a code.
 */
int	 appt_move_from(struct db *, long long id, struct appt *a,
	    struct appt_stored *st, char why[APPT_WHY]);
/*
 * Then move it by the rules (b->soft: refused by one that force would
 * override; b->forced: the rule forced) and write its history: 0, 65
 * with b->why, or a code.
 */
int	 appt_move_to(struct db *, struct appt *a, const struct appt_stored *st,
	    int force, int overbook, const char *login, time_t now,
	    struct appt_booked *b);

/*
 * A provider, visit type or room by id or name, to book (live_only) or
 * to look at: 0, 65 with why (none such, deactivated, retired), a code.
 * minutes: the visit type's length, when not NULL.
 */
int	 appt_find_provider(struct db *, const char *key, int live_only,
	    long long *id, char why[APPT_WHY]);
int	 appt_find_type(struct db *, const char *key, long long *id,
	    int *minutes, char why[APPT_WHY]);
int	 appt_find_resource(struct db *, const char *key, int live_only,
	    long long *id, char why[APPT_WHY]);

/* The listings, bound, for out_stmt and app_list_phi (first column id). */
struct appt_filter {
	const char	*lo, *hi;		/* stored bounds [lo, hi) */
	long long	 provider, patient, resource;	/* 0 for any */
	const char	*status;		/* NULL for any */
};
sqlite3_stmt *appt_list_stmt(struct db *, const struct appt_filter *);
sqlite3_stmt *appt_show_stmt(struct db *, long long id);
sqlite3_stmt *appt_history_stmt(struct db *, long long id);

/* A line of the day's agenda, `sched day`. */
struct appt_line {
	long long	 id, provider, patient;
	const char	*provider_name, *credential;	/* NULL for none */
	const char	*start, *end;			/* local "09:30" */
	const char	*name, *mrn, *type, *room, *status, *note;
	int		 overbook;
};
/* A visit of the feed, `sched ics`. */
struct appt_feed {
	long long	 id;
	time_t		 start, end, stamp;
	const char	*status, *initials, *type, *room;	/* or NULL */
	int		 seq;
};
/*
 * Call fn on each visit of [lo, hi) but cancelled ones, by provider name
 * (provider 0 for all), or on each of the provider's feed, cancelled ones
 * too.  The strings live for the call.  0, fn's non-zero, or a code.
 */
int	 appt_each_line(struct db *, const char *lo, const char *hi,
	    long long provider, int (*fn)(const struct appt_line *, void *),
	    void *);
int	 appt_each_feed(struct db *, long long provider, const char *lo,
	    const char *hi, int (*fn)(const struct appt_feed *, void *),
	    void *);

extern const struct query appt_queries[];

#endif

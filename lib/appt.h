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

/* "20m", "1h", "1h30m", "90" (minutes): 0, or -1 with *why set. */
int	 appt_length(const char *, int *minutes, const char **why);
/* booked, checkedin, checkedout, cancelled or noshow?  Live: one of the
 * first three, which hold their slot. */
int	 appt_status_valid(const char *);
int	 appt_status_live(const char *);
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

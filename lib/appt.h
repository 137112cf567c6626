/*
 * appt - booking by the clinic's rules: visit lengths as people type
 * them, the provider's hours and days off, who may be booked, and the
 * double bookings the schema refuses, told as the appointment in the way.
 */
#ifndef CLINIX_APPT_H
#define CLINIX_APPT_H

#include <time.h>

struct db;

#define APPT_MAX_MIN	720	/* the longest visit: 12 hours */
#define APPT_WHY	256	/* room for a reason */

struct appt {
	long long	 id;
	long long	 patient, provider;
	long long	 resource, type, series;	/* 0 for none */
	time_t		 start, end;
	int		 overbook, forced;
	const char	*note;		/* borrowed; NULL for none */
	const char	*status;	/* NULL: booked */
	long long	 clash;		/* set: the appointment in the way */
};

/* A visit length, as visit_length_parse (hours.h): 0, or -1 with *why. */
int	 appt_length(const char *, int *minutes, const char **why);
/* Can pat-id be booked (not merged, deceased or inactive)? 0 or 65. */
int	 appt_bookable(struct db *, long long patient, char why[APPT_WHY]);
/* Is [start, end) inside the provider's hours, not on a day off? 0 or 65. */
int	 appt_in_hours(struct db *, long long provider, time_t start,
	    time_t end, char why[APPT_WHY]);
/*
 * Insert a (setting a->id), or move appointment a->id to a's provider,
 * resource and times.  A double booking is 65 with why naming the
 * appointment in the way; other failures are sysexits codes, said.
 */
int	 appt_insert(struct db *, struct appt *, const char *login,
	    char why[APPT_WHY]);
int	 appt_move(struct db *, const struct appt *, char why[APPT_WHY]);

#endif

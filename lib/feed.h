/*
 * feed - a provider's calendar as iCalendar: one VEVENT a visit,
 * cancelled and missed ones too (STATUS:CANCELLED, so a subscribed
 * client drops them), the UID the row id, which never changes.  The
 * summary is the patient's initials and the visit type, the name only
 * when asked for; never the note.
 */
#ifndef CLINIX_FEED_H
#define CLINIX_FEED_H

#include <stdio.h>

struct db;
struct days;

struct feed_opts {
	long long		 provider;
	const struct days	*days;
	int			 names;		/* the patient's name */
	const char		*npi;		/* the UID's domain, or NULL */
	const char		*tzid;		/* the clinic's zone, or NULL */
	const char		*prodid;
};

/* Write the feed to f: 0 or a sysexits code. */
int	 feed_write(struct db *, FILE *, const struct feed_opts *);

#endif

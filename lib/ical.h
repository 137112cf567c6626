/*
 * ical - writing iCalendar (RFC 5545) text: the VCALENDAR frame, a
 * VTIMEZONE built from the C library's zone data, content lines folded
 * at 75 octets and ended with CRLF, TEXT escaping, UTC and zoned times.
 * Callers write BEGIN:VEVENT / END:VEVENT and the properties between.
 */
#ifndef CLINIX_ICAL_H
#define CLINIX_ICAL_H

#include <stdio.h>
#include <time.h>

struct ical;

/*
 * Start a VCALENDAR on f (borrowed until ical_end).  When tzid is not
 * NULL, also write a VTIMEZONE for it covering every UTC offset change
 * from a year before from to a year after to; the process's zone must
 * already be tzid (date_set_zone), since offsets come from localtime_r.
 */
struct ical *ical_begin(FILE *f, const char *prodid, const char *tzid,
	    time_t from, time_t to);
void	 ical_line(struct ical *, const char *name, const char *value);
void	 ical_text(struct ical *, const char *name, const char *text);
void	 ical_utc(struct ical *, const char *name, time_t);
/*
 * NAME;TZID=tzid:local wall time; ical_utc when there is no tzid, or when
 * a fall-back repeats t's wall time (clients disagree on which is meant).
 */
void	 ical_local(struct ical *, const char *name, time_t);
/* END:VCALENDAR and flush; 0, or EX_IOERR on a write error.  Frees. */
int	 ical_end(struct ical *);

#endif

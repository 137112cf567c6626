/*
 * feed - see feed.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "appt.h"
#include "feed.h"
#include "ical.h"
#include "patient.h"
#include "slots.h"
#include "util.h"

struct feed {
	struct db		*db;
	struct ical		*ic;
	const struct feed_opts	*o;
};

/* The summary: initials (or the name) and the visit type.  Owned. */
static char *
summary(struct feed *fd, const struct appt_feed *f)
{
	const char		*type = f->type;
	struct appt_stored	 st;
	struct pat		 p;
	char			*s;

	if (!fd->o->names)
		return xasprintf("%s%s%s", f->initials, type ? " - " : "",
		    type ? type : "");
	if (appt_load(fd->db, f->id, &st) != 0 ||
	    pat_load(fd->db, st.patient, &p) != 0)
		return xstrdup(f->initials);
	s = xasprintf("%s %s%s%s", p.v[PF_FIRST], p.v[PF_LAST],
	    type ? " - " : "", type ? type : "");
	pat_clear(&p);
	return s;
}

static int
event(const struct appt_feed *f, void *arg)
{
	struct feed	*fd = arg;
	struct ical	*ic = fd->ic;
	char		*sum, seq[16], uid[96];

	ical_line(ic, "BEGIN", "VEVENT");
	/* the row id never changes: neither does the UID */
	snprintf(uid, sizeof(uid), "apt-%lld@%s.clinix", f->id,
	    fd->o->npi ? fd->o->npi : "local");
	ical_line(ic, "UID", uid);
	ical_utc(ic, "DTSTAMP", f->stamp);
	ical_local(ic, "DTSTART", f->start);
	ical_local(ic, "DTEND", f->end);
	sum = summary(fd, f);
	ical_text(ic, "SUMMARY", sum);
	free(sum);
	if (f->room)
		ical_text(ic, "LOCATION", f->room);
	ical_line(ic, "STATUS", strcmp(f->status, "cancelled") == 0 ||
	    strcmp(f->status, "noshow") == 0 ? "CANCELLED" : "CONFIRMED");
	snprintf(seq, sizeof(seq), "%d", f->seq);
	ical_line(ic, "SEQUENCE", seq);
	ical_line(ic, "END", "VEVENT");
	return 0;
}

int
feed_write(struct db *db, FILE *f, const struct feed_opts *o)
{
	struct feed	 fd = { db, NULL, o };
	const char	*why;
	time_t		 lo, hi;
	int		 rc;

	/* the zone's rules are written for the days the feed covers */
	if (date_parse_instant(o->days->first, &lo, &why) != 0)
		lo = time(NULL);
	if (strcmp(o->days->last, "9998-12-31") == 0 ||
	    date_parse_instant(o->days->last, &hi, &why) != 0)
		hi = lo + 366L * 86400;
	fd.ic = ical_begin(f, o->prodid, o->tzid, lo, hi);
	rc = appt_each_feed(db, o->provider, o->days->lo, o->days->hi, event,
	    &fd);
	if (rc != 0) {
		ical_end(fd.ic);
		return rc;
	}
	return ical_end(fd.ic);
}

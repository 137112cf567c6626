/*
 * ical - iCalendar writer.  Every content line is assembled whole in one
 * buffer and folded on the way out, so the 75-octet limit counts the name
 * and parameters too.  The VTIMEZONE lists each offset change as its own
 * observance (no RRULE): the C library already knows the zone's history,
 * and explicit onsets cannot disagree with it the way a rule can.  Times
 * are UTC or wall time in that zone, never floating.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "date.h"
#include "ical.h"
#include "util.h"

#define LINE_MAX_OCTETS	75	/* RFC 5545 3.1, not counting CRLF */
#define DAY		86400
#define YEAR		(366L * DAY)
/* 0001-01-01 and 9999-12-31 UTC: keeps the range arithmetic defined */
#define T_FIRST		(-62135596800LL)
#define T_LAST		253402300799LL
/* "20261201T143000Z" is 17 with the NUL; room for any int fields */
#define STAMP		72

struct ical {
	FILE		*f;		/* borrowed */
	char		*tzid;		/* owned; NULL: times in UTC */
	struct buf	 line;		/* the content line being built */
};

/*
 * Write one content line, folded: the first physical line holds 75
 * octets, each continuation a space and 74 more.  A cut that would land
 * inside a UTF-8 sequence moves back to the sequence's lead byte: a
 * reader that decodes each physical line before unfolding would garble a
 * split character (RFC 5545 3.1 warns of it).
 */
static void
put(struct ical *c, const char *s, size_t n)
{
	size_t max = LINE_MAX_OCTETS;

	while (n > max) {
		size_t cut = max;

		while (cut > max - 3 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
		if (((unsigned char)s[cut] & 0xc0) == 0x80)
			cut = max;	/* not UTF-8: any cut is as good */
		fwrite(s, 1, cut, c->f);
		fputs("\r\n ", c->f);
		s += cut;
		n -= cut;
		max = LINE_MAX_OCTETS - 1;
	}
	fwrite(s, 1, n, c->f);
	fputs("\r\n", c->f);
}

static void
start(struct ical *c, const char *name)
{
	buf_reset(&c->line);
	buf_adds(&c->line, name);
}

static void
finish(struct ical *c)
{
	put(c, c->line.s, c->line.len);
}

void
ical_line(struct ical *c, const char *name, const char *value)
{
	start(c, name);
	buf_addc(&c->line, ':');
	buf_adds(&c->line, value);
	finish(c);
}

/*
 * TEXT (RFC 5545 3.3.11).  The backslash is handled in the same pass as
 * the rest, so an escape is never escaped again.  CR LF and a lone CR are
 * line breaks like LF.  Other control characters have no TEXT form and
 * are dropped.
 */
void
ical_text(struct ical *c, const char *name, const char *text)
{
	start(c, name);
	buf_addc(&c->line, ':');
	for (const char *s = text; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		switch (ch) {
		case '\\': buf_adds(&c->line, "\\\\"); break;
		case ';': buf_adds(&c->line, "\\;"); break;
		case ',': buf_adds(&c->line, "\\,"); break;
		case '\r':
			if (s[1] == '\n')
				s++;
			/* FALLTHROUGH */
		case '\n': buf_adds(&c->line, "\\n"); break;
		default:
			if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
				break;
			buf_addc(&c->line, (char)ch);
		}
	}
	finish(c);
}

/* 20261201T143000, and the Z when utc; %04d where %Y would not pad. */
static void
stamp(char out[STAMP], const struct tm *tm, int utc)
{
	snprintf(out, STAMP, "%04d%02d%02dT%02d%02d%02d%s",
	    tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour,
	    tm->tm_min, tm->tm_sec, utc ? "Z" : "");
}

void
ical_utc(struct ical *c, const char *name, time_t t)
{
	struct tm	tm;
	char		s[STAMP];

	gmtime_r(&t, &tm);
	stamp(s, &tm, 1);
	ical_line(c, name, s);
}

/*
 * A wall time that a fall-back repeats.  RFC 5545 3.3.5 says a zoned time
 * there means the first pass, but clients differ (ical.js takes the one
 * in STANDARD, node-ical follows its own zone data), so both passes go
 * out in UTC, which nobody misreads.  Offset changes come more than a day
 * apart, so a day either side finds the other offset.
 */
static int
repeated(time_t t)
{
	long	off = date_gmtoff(t), before = date_gmtoff(t - DAY);
	long	after = date_gmtoff(t + DAY);

	if (before > off && date_gmtoff(t + off - before) == before)
		return 1;	/* the second pass: the first was earlier */
	return after < off && date_gmtoff(t + off - after) == after;
}

void
ical_local(struct ical *c, const char *name, time_t t)
{
	struct tm	tm;
	char		s[STAMP];

	if (c->tzid == NULL || repeated(t)) {
		ical_utc(c, name, t);
		return;
	}
	localtime_r(&t, &tm);
	stamp(s, &tm, 0);
	start(c, name);
	/* a parameter value with ; : or , must be quoted (3.2) */
	if (strpbrk(c->tzid, ";:,") != NULL)
		buf_printf(&c->line, ";TZID=\"%s\":%s", c->tzid, s);
	else
		buf_printf(&c->line, ";TZID=%s:%s", c->tzid, s);
	finish(c);
}

/* UTC-OFFSET (3.3.14): +HHMM, seconds only when there are some. */
static void
offset(char out[8], long off)
{
	long a = off < 0 ? -off : off;

	if (a % 60)
		snprintf(out, 8, "%c%02ld%02ld%02ld", off < 0 ? '-' : '+',
		    a / 3600 % 100, a / 60 % 60, a % 60);
	else
		snprintf(out, 8, "%c%02ld%02ld", off < 0 ? '-' : '+',
		    a / 3600 % 100, a / 60 % 60);
}

/* One STANDARD or DAYLIGHT block; dtstart is local time in the old offset. */
static void
observance(struct ical *c, int dst, const char *dtstart, long from, long to,
    const char *name)
{
	char o[8];

	ical_line(c, "BEGIN", dst ? "DAYLIGHT" : "STANDARD");
	ical_line(c, "DTSTART", dtstart);
	offset(o, from);
	ical_line(c, "TZOFFSETFROM", o);
	offset(o, to);
	ical_line(c, "TZOFFSETTO", o);
	if (name != NULL && *name != '\0')
		ical_text(c, "TZNAME", name);
	ical_line(c, "END", dst ? "DAYLIGHT" : "STANDARD");
}

/* The onset of a change at t, as the wall clock showed it just before. */
static void
onset(char out[STAMP], time_t t, long before)
{
	struct tm	tm;
	time_t		wall = t + before;

	gmtime_r(&wall, &tm);
	stamp(out, &tm, 0);
}

/*
 * Offset changes are found by stepping a day at a time and bisecting to
 * the second where the offset differs: a five-year walk is under two
 * thousand localtime_r calls.  A change and its reversal inside one day
 * would be missed; no zone has done that in the years clinics book.
 */
static void
vtimezone(struct ical *c, time_t from, time_t to)
{
	struct tm	 tm0, tm;
	time_t		 lo, hi, t, next;
	long		 cur;
	char		 on[STAMP];
	int		 n = 0;

	lo = from < T_FIRST + YEAR ? T_FIRST : from - YEAR;
	hi = to > T_LAST - YEAR ? T_LAST : to + YEAR;
	localtime_r(&lo, &tm0);
	cur = tm0.tm_gmtoff;

	ical_line(c, "BEGIN", "VTIMEZONE");
	ical_text(c, "TZID", c->tzid);
	for (t = lo; t < hi; t = next) {
		time_t a, b;

		next = hi - t > DAY ? t + DAY : hi;
		if (date_gmtoff(next) == cur)
			continue;
		for (a = t, b = next; b - a > 1; ) {
			time_t m = a + (b - a) / 2;

			if (date_gmtoff(m) == cur)
				a = m;
			else
				b = m;
		}
		localtime_r(&b, &tm);
		if (n++ == 0) {
			/* the offset in force before the first change */
			onset(on, lo, cur);
			observance(c, tm0.tm_isdst > 0, on, cur, cur,
			    tm0.tm_zone);
		}
		onset(on, b, cur);
		observance(c, tm.tm_isdst > 0, on, cur, tm.tm_gmtoff,
		    tm.tm_zone);
		cur = tm.tm_gmtoff;
		next = b;	/* a second change may follow within the day */
	}
	if (n == 0)
		observance(c, 0, "19700101T000000", cur, cur, tm0.tm_zone);
	ical_line(c, "END", "VTIMEZONE");
}

struct ical *
ical_begin(FILE *f, const char *prodid, const char *tzid, time_t from,
    time_t to)
{
	struct ical *c = xcalloc(1, sizeof(*c));

	c->f = f;
	if (tzid != NULL)
		c->tzid = xstrdup(tzid);
	if (to < from) {
		time_t t = from;

		from = to;
		to = t;
	}
	ical_line(c, "BEGIN", "VCALENDAR");
	ical_line(c, "VERSION", "2.0");
	ical_text(c, "PRODID", prodid);
	ical_line(c, "CALSCALE", "GREGORIAN");
	if (tzid != NULL)
		vtimezone(c, from, to);
	return c;
}

int
ical_end(struct ical *c)
{
	int rc = 0;

	if (c == NULL)
		return 0;
	ical_line(c, "END", "VCALENDAR");
	if (fflush(c->f) == EOF || ferror(c->f)) {
		if (errno != EPIPE)	/* a reader that stopped early: quiet */
			warn("write error");
		rc = EX_IOERR;
	}
	buf_free(&c->line);
	free(c->tzid);
	free(c);
	return rc;
}

/*
 * ical - unit tests for lib/ical.c: folding by octets on UTF-8 character
 * boundaries, TEXT escaping, CRLF line ends, UTC and zoned times, and the
 * VTIMEZONE built from the C library's zone data.
 *
 * Expected values come from outside the module: the limits from RFC 5545
 * 3.1 (75 octets a line, a fold is CRLF and one space) and 3.3.11 (TEXT
 * escapes); byte lengths from UTF-8 itself (é is 2 octets, 中 is 3); the
 * New York changes from `zdump -v -c 2026,2028 America/New_York` (2026-03-08
 * 07:00Z, EST to EDT, and 2026-11-01 06:00Z, EDT to EST, so wall clocks
 * read 02:00 just before each); Africa/Monrovia's -0:44:30 until 1972-01-07
 * 00:44:30Z from `zdump -v Africa/Monrovia`; instants from timegm(3).
 */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "ical.h"
#include "tap.h"
#include "tz.h"
#include "util.h"

#define PRODID	"-//Test//ical unit//EN"
#define HEAD	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" PRODID "\r\n" \
		"CALSCALE:GREGORIAN\r\n"

/* What ical writes for one property between the frame's lines.  Owned. */
static char *
prop(const char *name, const char *value, int text)
{
	static const char head[] = HEAD;
	static const char tail[] = "END:VCALENDAR\r\n";
	struct ical	*c;
	char		*s, *p;
	size_t		 len;
	FILE		*f = open_memstream(&s, &len);

	c = ical_begin(f, PRODID, NULL, 0, 0);
	if (text)
		ical_text(c, name, value);
	else
		ical_line(c, name, value);
	ical_end(c);
	fclose(f);
	if (len < sizeof(head) + sizeof(tail) - 2 ||
	    memcmp(s, head, sizeof(head) - 1) != 0 ||
	    strcmp(s + len - (sizeof(tail) - 1), tail) != 0) {
		diag("frame not as expected");
		return s;
	}
	p = xstrndup(s + sizeof(head) - 1,
	    len - (sizeof(head) - 1) - (sizeof(tail) - 1));
	free(s);
	return p;
}

/* No LF without its CR, no CR without its LF, and CRLF at the end. */
static int
crlf_only(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			return 0;
		if (s[i] == '\r' && s[i + 1] != '\n')
			return 0;
	}
	return n >= 2 && s[n - 2] == '\r' && s[n - 1] == '\n';
}

/*
 * Each physical line of s fits in 75 octets, each fold is CRLF + space,
 * each line is whole UTF-8, and unfolding gives back want.  *nlines is
 * set to how many physical lines there were.
 */
static int
folded_ok(const char *s, const char *want, int *nlines)
{
	struct buf	 u = { 0 };
	const char	*p = s, *e;
	int		 good = 1;

	*nlines = 0;
	while ((e = strstr(p, "\r\n")) != NULL) {
		size_t n = (size_t)(e - p);

		if (*nlines > 0) {
			if (*p != ' ') {
				diag("line %d does not start with a space",
				    *nlines + 1);
				good = 0;
			} else {
				p++;
				n--;
			}
		}
		if (n + (*nlines > 0) > 75) {
			diag("line %d is %zu octets", *nlines + 1,
			    n + (*nlines > 0));
			good = 0;
		}
		if (!utf8_valid(p, n)) {
			diag("line %d splits a character", *nlines + 1);
			good = 0;
		}
		buf_add(&u, p, n);
		(*nlines)++;
		p = e + 2;
	}
	if (*p != '\0') {
		diag("text after the last CRLF");
		good = 0;
	}
	if (u.s == NULL || strcmp(u.s, want) != 0) {
		diag("unfolds to \"%s\"", u.s ? u.s : "");
		good = 0;
	}
	buf_free(&u);
	return good;
}

static char *
repeat(const char *lead, const char *unit, size_t times)
{
	struct buf b = { 0 };

	buf_adds(&b, lead);
	for (size_t i = 0; i < times; i++)
		buf_adds(&b, unit);
	return b.s;
}

static void
test_fold(void)
{
	char	*value, *line, *got, *want;
	int	 n;

	/* "DESCRIPTION:" is 12 octets; 63 more make 75: no fold */
	value = repeat("", "x", 63);
	line = repeat("DESCRIPTION:", "x", 63);
	got = prop("DESCRIPTION", value, 0);
	want = xasprintf("%s\r\n", line);
	is_str(got, want, "a line of exactly 75 octets is not folded");
	free(value);
	free(line);
	free(got);
	free(want);

	/* 76 octets: 75, then CRLF, space and the last octet */
	value = repeat("", "x", 64);
	got = prop("DESCRIPTION", value, 0);
	want = repeat("DESCRIPTION:", "x", 63);
	line = xasprintf("%s\r\n x\r\n", want);
	is_str(got, line, "76 octets fold after the 75th");
	free(value);
	free(got);
	free(want);
	free(line);

	/* 300 octets: 75 + 74 + 74 + 74 + 3 */
	value = repeat("", "0123456789", 29);
	line = repeat("DESCRIPTION:", "0123456789", 29);
	line[300] = '\0';
	value[300 - 12] = '\0';
	got = prop("DESCRIPTION", value, 0);
	ok(folded_ok(got, line, &n), "300 ASCII octets fold and unfold back");
	is_int(n, 5, "300 octets take 5 physical lines");
	ok(strncmp(got, line, 75) == 0 && strncmp(got + 75, "\r\n ", 3) == 0,
	    "the first physical line holds 75 octets");
	ok(strncmp(got + 78, line + 75, 74) == 0 &&
	    strncmp(got + 78 + 74, "\r\n ", 3) == 0,
	    "a continuation holds a space and 74 octets");
	ok(crlf_only(got), "every folded line ends CRLF");
	free(value);
	free(line);
	free(got);

	/* é is 2 octets: after "SUMMARY:" (8), octet 75 would be its second */
	value = repeat("", "\xc3\xa9", 100);
	line = repeat("SUMMARY:", "\xc3\xa9", 100);
	got = prop("SUMMARY", value, 1);
	ok(folded_ok(got, line, &n), "é x100 folds on character boundaries");
	ok(strncmp(got, line, 74) == 0 && strncmp(got + 74, "\r\n ", 3) == 0,
	    "the cut moves back one octet rather than split é");
	free(value);
	free(line);
	free(got);

	/* 中 is 3 octets; try each alignment against the 75/74 limits */
	for (int lead = 0; lead < 3; lead++) {
		char *name = repeat("X-", "A", (size_t)lead);

		value = repeat("", "\xe4\xb8\xad", 90);
		want = xasprintf("%s:%s", name, value);
		got = prop(name, value, 1);
		ok(folded_ok(got, want, &n), "中 x90 after a %d-octet name "
		    "folds on character boundaries", lead + 2);
		free(name);
		free(value);
		free(want);
		free(got);
	}

	/* mixed widths, 1 to 4 octets, the cut landing everywhere */
	value = repeat("", "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80", 40);
	line = repeat("COMMENT:", "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80",
	    40);
	got = prop("COMMENT", value, 1);
	ok(folded_ok(got, line, &n), "1- to 4-octet characters fold whole");
	free(value);
	free(line);
	free(got);
}

static void
test_escape(void)
{
	static const struct {
		const char	*name, *value;
		int		 escape;
		const char	*want, *what;
	} tests[] = {
		{ "DESCRIPTION", "a\\b;c,d\ne:f", 1,
		    "DESCRIPTION:a\\\\b\\;c\\,d\\ne:f\r\n",
		    "\\ ; , and newline are escaped, ':' is not" },
		{ "DESCRIPTION", "C:\\new\\n", 1,
		    "DESCRIPTION:C:\\\\new\\\\n\r\n",
		    "a backslash before 'n' is escaped first, not read as \\n" },
		{ "DESCRIPTION", "one\r\ntwo\rthree", 1,
		    "DESCRIPTION:one\\ntwo\\nthree\r\n",
		    "CR LF and a lone CR are one line break each" },
		{ "DESCRIPTION", "tab\there\x01\x7f.", 1,
		    "DESCRIPTION:tab\there.\r\n",
		    "a tab stays; other control characters are dropped" },
		{ "RRULE", "FREQ=WEEKLY;BYDAY=MO,TU", 0,
		    "RRULE:FREQ=WEEKLY;BYDAY=MO,TU\r\n",
		    "ical_line writes the value as is" },
	};
	char *got;

	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		got = prop(tests[i].name, tests[i].value, tests[i].escape);
		is_str(got, tests[i].want, "%s", tests[i].what);
		free(got);
	}

	/* escapes count in the fold: 40 commas become 80 octets */
	got = prop("SUMMARY", ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,", 1);
	ok(strncmp(got + 75, "\r\n ", 3) == 0,
	    "escapes count toward 75 octets");
	free(got);
}

/* A calendar in zone tz (NULL: none) with one half-hour event.  Owned. */
static char *
calendar(const char *tz, time_t from, time_t to, time_t event)
{
	struct ical	*c;
	char		*s;
	size_t		 len;
	FILE		*f = open_memstream(&s, &len);

	if (tz != NULL)
		tz_set(tz);
	c = ical_begin(f, PRODID, tz, from, to);
	ical_line(c, "BEGIN", "VEVENT");
	ical_text(c, "UID", "apt-1@test.example");
	ical_utc(c, "DTSTAMP", utc(2026, 1, 1, 0, 0, 0));
	ical_local(c, "DTSTART", event);
	ical_local(c, "DTEND", event + 1800);
	ical_line(c, "END", "VEVENT");
	is_int(ical_end(c), 0, "ical_end on a good stream is 0 (%s)",
	    tz ? tz : "no zone");
	fclose(f);
	return s;
}

static int
count(const char *s, const char *sub)
{
	int n = 0;

	while ((s = strstr(s, sub)) != NULL) {
		n++;
		s += strlen(sub);
	}
	return n;
}

static void
test_times(void)
{
	/* one half-hour event in a New York calendar for 2026 and 2027 */
	const struct {
		time_t		 event;
		const char	*want;	/* a run of the calendar's lines */
		const char	*what;
	} ny[] = {
		{ utc(2026, 12, 1, 14, 30, 0),
		  "\r\nDTSTART;TZID=America/New_York:20261201T093000\r\n"
		  "DTEND;TZID=America/New_York:20261201T100000\r\n",
		  "14:30Z on 1 December is 09:30 in New York (EST)" },
		{ utc(2026, 7, 1, 13, 30, 0),
		  "\r\nDTSTART;TZID=America/New_York:20260701T093000\r\n",
		  "13:30Z on 1 July is 09:30 in New York (EDT)" },
		/*
		 * 1 November 2026: 01:00-01:59 comes twice, 05:00-05:59Z in
		 * EDT and 06:00-06:59Z in EST; 00:59 and 02:00 come once.
		 */
		{ utc(2026, 11, 1, 4, 30, 0),
		  "\r\nDTSTART;TZID=America/New_York:20261101T003000\r\n"
		  "DTEND:20261101T050000Z\r\n",
		  "fall-back day: 00:30 EDT is zoned; the first 01:00 is UTC" },
		{ utc(2026, 11, 1, 5, 59, 59),
		  "\r\nDTSTART:20261101T055959Z\r\n"
		  "DTEND:20261101T062959Z\r\n",
		  "the first 01:59:59 and the second 01:29:59 are UTC" },
		{ utc(2026, 11, 1, 6, 30, 0),
		  "\r\nDTSTART:20261101T063000Z\r\n"
		  "DTEND;TZID=America/New_York:20261101T020000\r\n",
		  "the second 01:30 is UTC; 02:00 EST is zoned again" },
		{ utc(2026, 3, 8, 6, 30, 0),
		  "\r\nDTSTART;TZID=America/New_York:20260308T013000\r\n"
		  "DTEND;TZID=America/New_York:20260308T030000\r\n",
		  "spring-forward day: 01:30 EST, then 03:00 EDT" },
	};
	char *s;

	s = calendar(NULL, 0, 0, utc(2026, 12, 1, 14, 30, 0));
	ok(strstr(s, "\r\nDTSTART:20261201T143000Z\r\n"
	    "DTEND:20261201T150000Z\r\n") != NULL,
	    "without a zone, local times are written in UTC");
	ok(strstr(s, "VTIMEZONE") == NULL, "without a zone, no VTIMEZONE");
	ok(strstr(s, "DTSTAMP:20260101T000000Z\r\n") != NULL,
	    "ical_utc writes a Z time");
	ok(strncmp(s, HEAD, strlen(HEAD)) == 0, "the calendar's head");
	ok(crlf_only(s), "the calendar has CRLF line ends only");
	free(s);

	for (size_t i = 0; i < sizeof ny / sizeof ny[0]; i++) {
		s = calendar("America/New_York", utc(2026, 1, 1, 5, 0, 0),
		    utc(2028, 1, 1, 5, 0, 0) - 1, ny[i].event);
		ok(strstr(s, ny[i].want) != NULL, "%s", ny[i].what);
		free(s);
	}
}

static void
test_vtimezone(void)
{
	struct timespec	 t0, t1;
	double		 ms;
	char		*s;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	s = calendar("America/New_York", utc(2026, 1, 1, 5, 0, 0),
	    utc(2028, 1, 1, 5, 0, 0) - 1, utc(2026, 12, 1, 14, 30, 0));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	diag("New York, 2026-2027: %.2f ms", ms);
	/* loose: a second-by-second search would take minutes */
	ok(ms < 250, "a two-year VTIMEZONE is quick");

	ok(strstr(s, "\r\nBEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n")
	    != NULL, "VTIMEZONE names its TZID");
	ok(strstr(s, "\r\nBEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\n"
	    "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n"
	    "END:DAYLIGHT\r\n") != NULL,
	    "spring 2026: 02:00 local, -0500 to -0400, EDT");
	ok(strstr(s, "\r\nBEGIN:STANDARD\r\nDTSTART:20261101T020000\r\n"
	    "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\n"
	    "END:STANDARD\r\n") != NULL,
	    "autumn 2026: 02:00 local, -0400 to -0500, EST");
	ok(strstr(s, "DTSTART:20270314T020000\r\n") != NULL &&
	    strstr(s, "DTSTART:20271107T020000\r\n") != NULL,
	    "2027's changes are there");
	/* a year either side: 2025 to 2028, two changes a year, and the
	 * offset in force at the start */
	is_int(count(s, "BEGIN:DAYLIGHT\r\n") + count(s, "BEGIN:STANDARD\r\n"),
	    9, "nine observances: eight changes and the starting offset");
	ok(strstr(s, "\r\nBEGIN:STANDARD\r\nDTSTART:20241231T000000\r\n"
	    "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\n") != NULL,
	    "the starting offset comes first, from a year before the range");
	ok(strstr(s, "END:VTIMEZONE\r\nBEGIN:VEVENT\r\n") != NULL,
	    "VTIMEZONE comes before the events");
	ok(crlf_only(s), "the zoned calendar has CRLF line ends only");
	free(s);

	s = calendar("UTC", utc(2026, 1, 1, 0, 0, 0), utc(2027, 12, 31, 0, 0,
	    0), utc(2026, 12, 1, 14, 30, 0));
	ok(strstr(s, "\r\nBEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\n"
	    "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\n"
	    "TZOFFSETTO:+0000\r\nTZNAME:UTC\r\nEND:STANDARD\r\n"
	    "END:VTIMEZONE\r\n") != NULL, "UTC: one STANDARD at +0000");
	ok(strstr(s, "DTSTART;TZID=UTC:20261201T143000\r\n") != NULL,
	    "UTC wall time is the UTC time, without a Z");
	free(s);

	s = calendar("Asia/Tokyo", utc(2026, 1, 1, 0, 0, 0), utc(2027, 12, 31,
	    0, 0, 0), utc(2026, 12, 1, 14, 30, 0));
	ok(strstr(s, "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
	    "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\n")
	    != NULL && count(s, "BEGIN:STANDARD") == 1 &&
	    count(s, "DAYLIGHT") == 0,
	    "Tokyo: one STANDARD at +0900");
	ok(strstr(s, "DTSTART;TZID=Asia/Tokyo:20261201T233000\r\n") != NULL,
	    "14:30Z is 23:30 in Tokyo");
	free(s);

	/* -0:44:30 until 1972-01-07 00:44:30Z, then GMT */
	s = calendar("Africa/Monrovia", utc(1972, 3, 1, 0, 0, 0), utc(1972, 4,
	    1, 0, 0, 0), utc(1972, 3, 1, 12, 0, 0));
	ok(strstr(s, "TZOFFSETFROM:-004430\r\nTZOFFSETTO:-004430\r\n") != NULL,
	    "an offset with seconds is written +-HHMMSS");
	ok(strstr(s, "BEGIN:STANDARD\r\nDTSTART:19720107T000000\r\n"
	    "TZOFFSETFROM:-004430\r\nTZOFFSETTO:+0000\r\n") != NULL,
	    "Monrovia's change to GMT, to the second");
	free(s);
}

static void
test_error(void)
{
	struct ical	*c;
	FILE		*f;

	if ((f = fopen("/dev/full", "w")) == NULL) {
		skip("no /dev/full");
		return;
	}
	c = ical_begin(f, PRODID, NULL, 0, 0);
	ical_line(c, "BEGIN", "VEVENT");
	ical_line(c, "END", "VEVENT");
	is_int(ical_end(c), EX_IOERR, "a full disk makes ical_end EX_IOERR");
	fclose(f);
	is_int(ical_end(NULL), 0, "ical_end(NULL) is a no-op");
}

int
main(void)
{
	test_fold();
	test_escape();
	test_times();
	test_vtimezone();
	test_error();
	return done_testing();
}

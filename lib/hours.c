/*
 * hours - see hours.h.  Pure parsing: the provider program stores what
 * these return, scheduling reads it back.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hours.h"
#include "util.h"

static const char *const wdays[] = { "mon", "tue", "wed", "thu", "fri",
    "sat", "sun" };

/* "mon" -> 1 ... "sun" -> 7, from the n bytes at s; 0 if no day. */
static int
weekday(const char *s, size_t n)
{
	for (int i = 0; i < 7; i++)
		if (n == 3 && strncasecmp(s, wdays[i], 3) == 0)
			return i + 1;
	return 0;
}

int
hours_days(const char *s, unsigned *set)
{
	*set = 0;
	for (;;) {
		size_t	 n = strcspn(s, ",");
		const char *dash = memchr(s, '-', n);
		int	 a, b;

		if (dash) {
			a = weekday(s, (size_t)(dash - s));
			b = weekday(dash + 1, n - (size_t)(dash - s) - 1);
		} else
			a = b = weekday(s, n);
		if (a == 0 || b == 0 || b < a)
			return -1;
		for (int d = a; d <= b; d++)
			*set |= 1u << d;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

/* "8:00", "08:00", "24:00": minutes since midnight, or -1. */
static int
hhmm(const char *s, size_t n)
{
	char	t[6];	/* "08:00" */
	int	h, m;

	if (n == 4) {	/* "8:00" */
		t[0] = '0';
		memcpy(t + 1, s, 4);
	} else if (n == 5)
		memcpy(t, s, 5);
	else
		return -1;
	t[5] = '\0';
	if (strspn(t, "0123456789") != 2 || t[2] != ':' ||
	    strspn(t + 3, "0123456789") != 2)
		return -1;
	h = 10 * (t[0] - '0') + (t[1] - '0');
	m = 10 * (t[3] - '0') + (t[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return 60 * h + m;
}

static int
range_cmp(const void *a, const void *b)
{
	const struct hours_range *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

int
hours_ranges(const char *s, struct hours_range r[HOURS_MAX_RANGES],
    struct buf *why)
{
	int n = 0;

	if (*s == '\0' || strcasecmp(s, "off") == 0)
		return 0;
	for (;;) {
		size_t		 len = strcspn(s, ",");
		const char	*dash = memchr(s, '-', len);

		if (n == HOURS_MAX_RANGES) {
			buf_printf(why, "hours: more than %d ranges in a day",
			    HOURS_MAX_RANGES);
			return -1;
		}
		if (dash == NULL ||
		    (r[n].start = hhmm(s, (size_t)(dash - s))) < 0 ||
		    (r[n].end = hhmm(dash + 1,
		    len - (size_t)(dash - s) - 1)) < 0 || r[n].start == 1440) {
			buf_printf(why, "hours: '%.*s' is not a range like "
			    "08:00-12:00", (int)len, s);
			return -1;
		}
		if (r[n].start >= r[n].end) {
			buf_printf(why, "hours: '%.*s' ends before it starts",
			    (int)len, s);
			return -1;
		}
		n++;
		if (s[len] == '\0')
			break;
		s += len + 1;
	}
	qsort(r, (size_t)n, sizeof(*r), range_cmp);
	for (int i = 1; i < n; i++)
		if (r[i].start < r[i - 1].end) {	/* touching is fine */
			buf_printf(why, "hours: %02d:%02d-%02d:%02d and "
			    "%02d:%02d-%02d:%02d overlap",
			    r[i - 1].start / 60, r[i - 1].start % 60,
			    r[i - 1].end / 60, r[i - 1].end % 60,
			    r[i].start / 60, r[i].start % 60,
			    r[i].end / 60, r[i].end % 60);
			return -1;
		}
	return n;
}

int
visit_length_parse(const char *s, int *minutes, const char **why)
{
	int	 total = 0, n, digits, seen_h = 0, seen_m = 0;

	*why = "not like 40m, 1h or 1h30m";
	if (*s == '\0')
		return -1;
	while (*s) {
		/* past four digits n stops growing: it cannot overflow */
		for (n = digits = 0; *s >= '0' && *s <= '9'; s++, digits++)
			if (digits < 4)
				n = 10 * n + (*s - '0');
		if (digits == 0 || digits > 4)
			return -1;
		if (*s == 'h' && !seen_h && !seen_m) {
			seen_h = 1;
			total += 60 * n;
		} else if (*s == 'm' && !seen_m) {
			seen_m = 1;
			total += n;
		} else
			return -1;
		s++;
	}
	if (total < VISIT_MIN_LEN || total > VISIT_MAX_LEN) {
		*why = "must be from 5m to 12h";
		return -1;
	}
	*minutes = total;
	return 0;
}

/*
 * span - the one grammar of a span of time on a command line, for every
 * program: --day D, or --from D and --to D (either may be left out).  D is
 * a day (2026-11-27, today, tomorrow, yesterday, +3d, -2w) or a local time
 * (2026-11-27T09:30[:ss], or with Z or +hh:mm).  Inside it is half-open,
 * [lo, hi): --from a day is its first instant, --to a day takes in the
 * whole of that day, --to a time takes in that instant.  A value that is
 * not a date, or a --to before --from, is a usage error (64): the span is
 * how records are picked, not a record.
 */
#ifndef CLINIX_SPAN_H
#define CLINIX_SPAN_H

#include <time.h>

#include "date.h"

#define SPAN_WHY	160
#define DAYS_WHY	SPAN_WHY

/*
 * One end as typed, for option opt: the instant it starts at, or for
 * upto (a --to) the first instant after it.  0, or 64 with why.
 */
int	 span_bound(const char *opt, const char *s, int upto, time_t *,
	    char why[SPAN_WHY]);

/*
 * A span: the instants [lo_t, hi_t), the same as stored (UTC) stamps
 * [lo, hi) for SQL, and the local days first..last it touches, both
 * included.  All time is 0001-01-01..9998-12-31 ("0000".."9999").
 */
struct days {
	char		 first[DATE_LEN], last[DATE_LEN];
	char		 lo[STAMP_LEN], hi[STAMP_LEN];
	time_t		 lo_t, hi_t;
};
/* Whole local days first..last. */
void	 days_set(struct days *, const char *first, const char *last);
/*
 * The span of --day, or of --from/--to, each defaulting to dflt_from,
 * dflt_to (as typed: "today", "+3d") or to all time when NULL: 0, or 64
 * with why.
 */
int	 days_parse(struct days *, const char *day, const char *from,
	    const char *to, const char *dflt_from, const char *dflt_to,
	    char why[DAYS_WHY]);
/* The same, --from defaulting to today and --to to n days on from it. */
int	 days_ahead(struct days *, const char *day, const char *from,
	    const char *to, int n, char why[DAYS_WHY]);

#endif

/*
 * baseline_free - the floor for `sched free --provider P --from DAY`: the
 * same SQLite work and the same slot arithmetic, nothing else (see
 * bench/baseline.h).
 *
 *	CLINIX_DB=PATH baseline_free [-a LOGIN] [-z ZONE] [-n LIMIT] DAY
 *	    PROVIDER
 *
 * As cmd/sched.c verb_free and free_slots run it for one provider: the
 * provider found by provider.find; the week DAY .. DAY+6 (FREE_DAYS)
 * as local days and as stored bounds [midnight of DAY, midnight of DAY+7);
 * slots.hours, slots.off over the days, slots.busy over the bounds; then, day by day, each of the day's hours less days off and
 * live appointments, from not before now, as whole gaps (no --length), at
 * most LIMIT (default 1000, as --limit), printed as `sched free` prints
 * TSV.  No audit row: `sched free` writes none (free time is no patient's
 * data), so neither does this.
 *
 * Local times come from mktime/localtime_r in ZONE (-z, set as lib/date.c
 * date_set_zone does), as lib/date.c's do; what is left out is its care
 * for times in a DST gap or overlap, which clinic hours do not meet.
 */
/* no audit row and no statement rows: two of its helpers go unused */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "baseline.h"
#pragma GCC diagnostic pop

struct busy {
	time_t	start, end;
};

/* Minute of local day y-m-(d + days): 0, or -1. */
static int
local_at(int y, int m, int d, int minute, time_t *t)
{
	struct tm tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	return (*t = mktime(&tm)) == (time_t)-1 ? -1 : 0;
}

static void
utc(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A stored instant, "2027-06-14T12:00:00Z". */
static time_t
instant(const char *s)
{
	struct tm tm = { 0 };

	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	return timegm(&tm);
}

static void
slot_print(long long provider, time_t a, time_t b)
{
	struct tm	tm;
	char		sa[32], sb[32];

	localtime_r(&a, &tm);
	strftime(sa, sizeof(sa), "%Y-%m-%dT%H:%M", &tm);
	localtime_r(&b, &tm);
	strftime(sb, sizeof(sb), "%Y-%m-%dT%H:%M", &tm);
	printf("prv-%lld\t%s\t%s\t%ld\n", provider, sa, sb,
	    (long)(b - a) / 60);
}

int
main(int argc, char *argv[])
{
	struct { int wday, lo, hi; } hours[7 * 24];
	struct { char from[11], to[11]; } off[64];
	struct busy	*b = NULL;
	sqlite3_stmt	*s;
	const char	*login = NULL, *prv;
	char		 first[11], last[11], lo[32], hi[32], *end;
	size_t		 nh = 0, noff = 0, nb = 0, cap = 0, n = 0;
	long long	 id = 0, max = 1000;
	time_t		 from = time(NULL), t0, t1;
	int		 c, rc, y, m, d;

	bl_prog = "baseline_free";
	while ((c = getopt(argc, argv, "a:n:z:")) != -1)
		switch (c) {
		case 'a':
			login = optarg;
			break;
		case 'n':
			max = strtoll(optarg, &end, 10);
			if (*end || max <= 0)
				goto usage;
			break;
		case 'z':
			setenv("TZ", optarg, 1);
			break;
		default:
			goto usage;
		}
	if (argc - optind != 2 || sscanf(argv[optind], "%4d-%2d-%2d", &y, &m,
	    &d) != 3) {
usage:
		fprintf(stderr, "usage: CLINIX_DB=PATH baseline_free "
		    "[-a LOGIN] [-z ZONE] [-n LIMIT] YYYY-MM-DD PROVIDER\n");
		return EX_USAGE;
	}
	tzset();
	prv = argv[optind + 1];
	/* cmd/sched.c span_ahead: the days, and the stored bounds */
	if (local_at(y, m, d, 0, &t0) != 0 || local_at(y, m, d + 7, 0, &t1)
	    != 0) {
		fprintf(stderr, "baseline_free: %s: no such day\n",
		    argv[optind]);
		return EX_USAGE;
	}
	utc(t0, lo);
	utc(t1, hi);
	{
		struct tm	tm;
		time_t		noon;

		local_at(y, m, d, 720, &noon);
		localtime_r(&noon, &tm);
		strftime(first, sizeof(first), "%Y-%m-%d", &tm);
		local_at(y, m, d + 6, 720, &noon);
		localtime_r(&noon, &tm);
		strftime(last, sizeof(last), "%Y-%m-%d", &tm);
	}

	bl_open();
	if (login != NULL)
		bl_lookups(login);

	id = bl_provider(prv);

	/* cmd/sched.c free_slots */
	s = prep("slots.hours");
	db_bind_int(s, ":who", id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && nh < 7 * 24) {
		hours[nh].wday = sqlite3_column_int(s, 0);
		hours[nh].lo = sqlite3_column_int(s, 1);
		hours[nh++].hi = sqlite3_column_int(s, 2);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		fail("SELECT provider_hours");
	sqlite3_finalize(s);
	s = prep("slots.off");
	db_bind_int(s, ":who", id);
	db_bind_text(s, ":first", first);
	db_bind_text(s, ":last", last);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && noff < 64) {
		snprintf(off[noff].from, 11, "%s", sqlite3_column_text(s, 0));
		snprintf(off[noff++].to, 11, "%s", sqlite3_column_text(s, 1));
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		fail("SELECT provider_off");
	sqlite3_finalize(s);
	s = prep("slots.busy");
	db_bind_int(s, ":who", id);
	db_bind_text(s, ":lo", lo);
	db_bind_text(s, ":hi", hi);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (nb == cap) {
			cap = cap ? 2 * cap : 64;
			if ((b = realloc(b, cap * sizeof(*b))) == NULL) {
				perror("baseline_free");
				return EX_OSERR;
			}
		}
		b[nb].start = instant((const char *)sqlite3_column_text(s, 0));
		b[nb++].end = instant((const char *)sqlite3_column_text(s, 1));
	}
	if (rc != SQLITE_DONE)
		fail("SELECT appointment");
	sqlite3_finalize(s);

	for (int k = 0; k < 7 && n < (size_t)max; k++) {
		struct tm	tm;
		time_t		noon;
		char		day[11];
		int		wday, isoff = 0;

		if (local_at(y, m, d + k, 720, &noon) != 0)
			continue;
		localtime_r(&noon, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		wday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
		for (size_t i = 0; i < noff; i++)
			if (strcmp(off[i].from, day) <= 0 &&
			    strcmp(day, off[i].to) <= 0)
				isoff = 1;
		if (isoff)
			continue;
		for (size_t h = 0; h < nh && n < (size_t)max; h++) {
			time_t t, t_end;

			if (hours[h].wday != wday ||
			    local_at(y, m, d + k, hours[h].lo, &t) != 0 ||
			    local_at(y, m, d + k, hours[h].hi - 1, &t_end) != 0)
				continue;
			t_end += 60;
			if (t < from)	/* up to the next 5 minutes */
				t = from + (300 - from % 300) % 300;
			/* walk the busy list: sorted by start */
			for (size_t i = 0; t < t_end && n < (size_t)max;) {
				time_t gap_end = t_end;

				while (i < nb && b[i].end <= t)
					i++;
				if (i < nb && b[i].start <= t) {
					t = b[i++].end;
					continue;
				}
				if (i < nb && b[i].start < gap_end)
					gap_end = b[i].start;
				slot_print(id, t, gap_end);
				n++;
				t = gap_end;
			}
		}
	}
	free(b);
	rc = bl_close();
	return rc ? rc : n == 0 ? 1 : 0;
}

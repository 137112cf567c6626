/*
 * slots - free time straight from lib/slots.c: split hours, visit
 * lengths, days off, the provider's and the patient's own visits, the
 * clock, the limit and the first slot of any provider.
 */
#include <string.h>

#include "schedfix.h"
#include "slots.h"

/* The slots as "HH:MM-HH:MM" (UTC) joined by spaces, for one compare. */
static const char *
show(const struct slots *sl)
{
	static char	 s[4096];
	size_t		 len = 0;

	s[0] = '\0';
	for (size_t i = 0; i < sl->n && len < sizeof(s) - 64; i++) {
		char a[STAMP_LEN], b[STAMP_LEN];

		date_local(sl->v[i].start, a);
		date_local(sl->v[i].end, b);
		len += snprintf(s + len, sizeof(s) - len, "%s%.10s %s-%s",
		    i ? " " : "", a, a + 11, b + 11);
	}
	return s;
}

/* The slots of prv over first..last, from `from`, as show() has them. */
static const char *
freeof(struct db *db, long long prv, long long pat, const char *first,
    const char *last, time_t from, int minutes, size_t max)
{
	struct slots	sl = { 0 };
	struct days	d;
	const char	*s;
	int		rc;

	days_set(&d, first, last);
	rc = slots_free(db, prv, pat, &d, from, minutes, max, &sl);
	s = rc == 0 ? show(&sl) : "error";
	slots_free_all(&sl);
	return s;
}

int
main(void)
{
	struct db	*db;
	struct days	 d;
	struct slots	 sl = { 0 };

	if ((db = fix_open()) == NULL)
		return done_testing();

	days_set(&d, "2030-12-02", "2030-12-03");
	is_str(d.lo, "2030-12-02T00:00:00Z", "days: the first midnight");
	is_str(d.hi, "2030-12-04T00:00:00Z", "days: the midnight after last");
	days_set(&d, "0001-01-01", "9998-12-31");
	ok(strcmp(d.lo, "0000") == 0 && strcmp(d.hi, "9999") == 0,
	    "days: all time is every stored instant");

	{
		char why[DAYS_WHY] = "";

		is_int(days_parse(&d, "today", "today", NULL, NULL, NULL, why),
		    64, "--day and --from: a usage error");
		is_str(why, "--day or --from/--to, not both", "said");
		is_int(days_parse(&d, NULL, "2030-12-32", NULL, NULL, NULL,
		    why), 64, "a bad day is a malformed option (span.h)");
		is_str(why, "--from '2030-12-32': not a date or time (use "
		    "2026-11-27 or 2026-11-27T09:30)", "said with the option");
		is_int(days_parse(&d, NULL, "2030-12-02", "2030-12-01", NULL,
		    NULL, why), 64, "--to before --from");
		is_str(why, "--to 2030-12-01 is before --from 2030-12-02",
		    "said");
		ok(days_parse(&d, NULL, "2030-12-02", NULL, NULL, NULL,
		    why) == 0 && strcmp(d.last, "9998-12-31") == 0 &&
		    strcmp(d.hi, "9999") == 0, "no --to and no default: on");
		ok(days_ahead(&d, NULL, "2030-12-02", NULL, 7, why) == 0 &&
		    strcmp(d.last, "2030-12-08") == 0 &&
		    strcmp(d.hi, "2030-12-09T00:00:00Z") == 0,
		    "a week ahead: seven days");
		ok(days_ahead(&d, NULL, "2030-12-02", "2030-12-03", 7,
		    why) == 0 && strcmp(d.last, "2030-12-03") == 0,
		    "--to wins over the default length");
	}

	/* Monday 2030-12-02; Tuesday has no hours */
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-03", 0, 0, 100),
	    "2030-12-02 09:00-12:00 2030-12-02 13:00-17:00",
	    "split hours: two whole gaps, nothing on a day without hours");
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-02", 0, 60, 100),
	    "2030-12-02 09:00-10:00 2030-12-02 10:00-11:00 "
	    "2030-12-02 11:00-12:00 2030-12-02 13:00-14:00 "
	    "2030-12-02 14:00-15:00 2030-12-02 15:00-16:00 "
	    "2030-12-02 16:00-17:00", "an hour's visits, none over lunch");
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-02", 0, 100, 100),
	    "2030-12-02 09:00-10:40 2030-12-02 13:00-14:40 "
	    "2030-12-02 14:40-16:20",
	    "a 100-minute visit: no part slot at the end of a range");
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-02", 0, 240, 100),
	    "2030-12-02 13:00-17:00", "a visit as long as a range fills it");
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-02", 0, 241, 100), "",
	    "a visit longer than any range fits nowhere");
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-02", 0, 30, 3),
	    "2030-12-02 09:00-09:30 2030-12-02 09:30-10:00 "
	    "2030-12-02 10:00-10:30", "at most max slots");
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-02",
	    fix_at("2030-12-02T11:02:00Z"), 0, 100),
	    "2030-12-02 11:05-12:00 2030-12-02 13:00-17:00",
	    "not before `from`, rounded up to five minutes");

	/* days off: the second Monday, then a range over both */
	fix_sql(db, "INSERT INTO provider_off (provider_id, from_date,"
	    " to_date, reason, created_at) VALUES"
	    " (1, '2030-12-09', '2030-12-09', NULL, 'x')");
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-09", 0, 0, 100),
	    "2030-12-02 09:00-12:00 2030-12-02 13:00-17:00",
	    "a day off has no slots");
	is_str(freeof(db, 2, 0, "2030-12-09", "2030-12-09", 0, 0, 100),
	    "2030-12-09 09:00-12:00 2030-12-09 13:00-17:00",
	    "another provider's day off is not this one's");
	{
		/* more rows of days off than any fixed buffer would hold */
		struct buf b = { 0 };

		buf_adds(&b, "INSERT INTO provider_off (provider_id,"
		    " from_date, to_date, created_at) VALUES ");
		for (int i = 0; i < 100; i++)
			buf_printf(&b, "%s(2, '2031-%02d-%02d',"
			    " '2031-%02d-%02d', 'x')", i ? ", " : "",
			    1 + i / 28, 1 + i % 28, 1 + i / 28, 1 + i % 28);
		fix_sql(db, b.s);
		buf_free(&b);
		/* 2031-04-14 is a Monday, the 99th of them */
		is_str(freeof(db, 2, 0, "2031-04-14", "2031-04-14", 0, 0,
		    100), "", "the hundredth day off is off too");
		is_str(freeof(db, 2, 0, "2031-04-21", "2031-04-21", 0, 0,
		    100), "2031-04-21 09:00-12:00 2031-04-21 13:00-17:00",
		    "and the Monday after is not");
	}

	/* busy: a live visit takes its time, a cancelled one does not */
	fix_apt(db, 1, 1, "2030-12-02T10:00:00Z", "2030-12-02T10:30:00Z",
	    "booked");
	fix_apt(db, 1, 1, "2030-12-02T15:00:00Z", "2030-12-02T16:00:00Z",
	    "cancelled");
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-02", 0, 0, 100),
	    "2030-12-02 09:00-10:00 2030-12-02 10:30-12:00 "
	    "2030-12-02 13:00-17:00", "a booked visit is busy, cancelled not");
	is_str(freeof(db, 1, 0, "2030-12-02", "2030-12-02", 0, 45, 100),
	    "2030-12-02 09:00-09:45 2030-12-02 10:30-11:15 "
	    "2030-12-02 11:15-12:00 2030-12-02 13:00-13:45 "
	    "2030-12-02 13:45-14:30 2030-12-02 14:30-15:15 "
	    "2030-12-02 15:15-16:00 "
	    "2030-12-02 16:00-16:45", "lengths cut each gap from its start");
	/* the patient's visit with another provider */
	fix_apt(db, 2, 2, "2030-12-02T14:00:00Z", "2030-12-02T15:00:00Z",
	    "checkedin");
	is_str(freeof(db, 1, 2, "2030-12-02", "2030-12-02", 0, 0, 100),
	    "2030-12-02 09:00-10:00 2030-12-02 10:30-12:00 "
	    "2030-12-02 13:00-14:00 2030-12-02 15:00-17:00",
	    "the patient's own visits are busy for them");
	is_str(freeof(db, 1, 3, "2030-12-02", "2030-12-02", 0, 0, 100),
	    "2030-12-02 09:00-10:00 2030-12-02 10:30-12:00 "
	    "2030-12-02 13:00-17:00", "and not for another patient");

	/* the first slot of any active provider: prv-3 works all day */
	days_set(&d, "2030-12-02", "2030-12-02");
	ok(slots_first(db, 0, 0, &d, 0, 60, &sl) == 0 && sl.n == 1 &&
	    sl.v[0].provider == 1 && strcmp(show(&sl),
	    "2030-12-02 09:00-10:00") == 0,
	    "first slot: the earliest active provider's, the lowest id");
	fix_apt(db, 3, 1, "2030-12-02T09:00:00Z", "2030-12-02T10:00:00Z",
	    "booked");
	ok(slots_first(db, 0, 0, &d, 0, 60, &sl) == 0 && sl.n == 1 &&
	    sl.v[0].provider == 2, "first slot: another provider is earlier");
	ok(slots_first(db, 1, 0, &d, 0, 60, &sl) == 0 && sl.n == 1 &&
	    strcmp(show(&sl), "2030-12-02 10:30-11:30") == 0,
	    "first slot of one provider only");
	ok(slots_first(db, 3, 0, &d, 0, 60, &sl) == 0 && sl.n == 0,
	    "none for a deactivated provider");
	slots_free_all(&sl);
	fix_close(db);
	return done_testing();
}

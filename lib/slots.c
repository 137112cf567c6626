/*
 * slots - see slots.h.  The hours and days off come whole, however many
 * rows: a slot offered on a day off that was left out is one that book
 * then refuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "date.h"
#include "db.h"
#include "slots.h"
#include "util.h"

enum { Q_HOURS, Q_OFF, Q_BUSY, Q_BUSY_PATIENT, Q_PROVIDERS };

/* Live appointments meeting [:lo, :hi), found by start on the index. */
#define BUSY_WHEN \
	" AND start_at > strftime('%Y-%m-%dT%H:%M:%SZ', :lo, '-720 minutes')" \
	" AND start_at < :hi AND end_at > :lo" \
	" AND status IN ('booked', 'checkedin', 'checkedout')" \
	" ORDER BY start_at"

const struct query slots_queries[] = {
	[Q_HOURS] = { "slots.hours",
	    "SELECT weekday, start_min, end_min FROM provider_hours"
	    " WHERE provider_id = :who ORDER BY weekday, start_min" },
	[Q_OFF] = { "slots.off",	/* days off touching :first..:last */
	    "SELECT from_date, to_date FROM provider_off"
	    " WHERE provider_id = :who AND from_date <= :last"
	    " AND to_date >= :first ORDER BY from_date" },
	[Q_BUSY] = { "slots.busy",
	    "SELECT start_at, end_at FROM appointment WHERE provider_id = :who"
	    BUSY_WHEN },
	[Q_BUSY_PATIENT] = { "slots.busy_patient",
	    "SELECT start_at, end_at FROM appointment WHERE patient_id = :who"
	    BUSY_WHEN },
	[Q_PROVIDERS] = { "slots.providers",
	    "SELECT id FROM provider WHERE active = 1 ORDER BY id" },
	{ NULL, NULL }
};

static void
slot_add(struct slots *sl, long long provider, time_t start, time_t end)
{
	if (sl->n == sl->cap) {
		sl->cap = sl->cap ? 2 * sl->cap : 64;
		sl->v = xrealloc(sl->v, sl->cap * sizeof(*sl->v));
	}
	sl->v[sl->n++] = (struct slot){ provider, start, end };
}

void
slots_free_all(struct slots *sl)
{
	free(sl->v);
	*sl = (struct slots){ 0 };
}

struct busy {
	time_t		*start, *end;
	size_t		 n, cap;
};

/* Add the [start, end) pairs of a busy query for who over the days. */
static int
busy_add(struct db *db, int q, long long who, const struct days *d,
    struct busy *b)
{
	sqlite3_stmt	*s = db_query(db, &slots_queries[q]);
	const char	*why;
	int		 rc;

	db_bind_int(s, ":who", who);
	db_bind_text(s, ":lo", d->lo);
	db_bind_text(s, ":hi", d->hi);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		if (b->n == b->cap) {
			b->cap = b->cap ? 2 * b->cap : 64;
			b->start = xrealloc(b->start, b->cap * sizeof(time_t));
			b->end = xrealloc(b->end, b->cap * sizeof(time_t));
		}
		date_parse_instant((const char *)sqlite3_column_text(s, 0),
		    &b->start[b->n], &why);
		date_parse_instant((const char *)sqlite3_column_text(s, 1),
		    &b->end[b->n++], &why);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* Sort busy times by start (insertion: a patient adds a handful). */
static void
busy_sort(struct busy *b)
{
	for (size_t i = 1; i < b->n; i++)
		for (size_t j = i; j > 0 && b->start[j] < b->start[j - 1];
		    j--) {
			time_t t = b->start[j];

			b->start[j] = b->start[j - 1];
			b->start[j - 1] = t;
			t = b->end[j];
			b->end[j] = b->end[j - 1];
			b->end[j - 1] = t;
		}
}

struct hours {
	int	 wday, lo, hi;
};
struct off {
	char	 from[DATE_LEN], to[DATE_LEN];
};

/* One working range [t, end) of a day less the busy times, cut up. */
static void
cut(const struct busy *b, long long provider, time_t t, time_t end,
    int minutes, size_t room, struct slots *out)
{
	size_t first = out->n;

	/* walk the busy list: b is sorted by start */
	for (size_t i = 0; t < end && out->n - first < room;) {
		time_t gap_end = end;

		while (i < b->n && b->end[i] <= t)
			i++;
		if (i < b->n && b->start[i] <= t) {
			t = b->end[i++];
			continue;
		}
		if (i < b->n && b->start[i] < gap_end)
			gap_end = b->start[i];
		if (minutes == 0) {
			slot_add(out, provider, t, gap_end);
			t = gap_end;
			continue;
		}
		for (time_t t1 = t + 60L * minutes; t1 <= gap_end &&
		    out->n - first < room; t1 += 60L * minutes)
			slot_add(out, provider, t1 - 60L * minutes, t1);
		t = gap_end;
	}
}

int
slots_free(struct db *db, long long provider, long long patient,
    const struct days *d, time_t from, int minutes, size_t max,
    struct slots *out)
{
	struct hours	*hours = NULL;
	struct off	*off = NULL;
	struct busy	 b = { 0 };
	sqlite3_stmt	*s;
	size_t		 nh = 0, noff = 0, first = out->n;
	char		 day[DATE_LEN], next[DATE_LEN];
	const char	*why;
	int		 rc;

	s = db_query(db, &slots_queries[Q_HOURS]);
	db_bind_int(s, ":who", provider);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		hours = xrealloc(hours, (nh + 1) * sizeof(*hours));
		hours[nh].wday = sqlite3_column_int(s, 0);
		hours[nh].lo = sqlite3_column_int(s, 1);
		hours[nh++].hi = sqlite3_column_int(s, 2);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto out;
	s = db_query(db, &slots_queries[Q_OFF]);
	db_bind_int(s, ":who", provider);
	db_bind_text(s, ":first", d->first);
	db_bind_text(s, ":last", d->last);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		off = xrealloc(off, (noff + 1) * sizeof(*off));
		snprintf(off[noff].from, DATE_LEN, "%s",
		    sqlite3_column_text(s, 0));
		snprintf(off[noff++].to, DATE_LEN, "%s",
		    sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto out;
	/* the patient's own visits too, when one is to take the slot */
	if ((rc = busy_add(db, Q_BUSY, provider, d, &b)) != 0 ||
	    (patient && (rc = busy_add(db, Q_BUSY_PATIENT, patient, d,
	    &b)) != 0))
		goto out;
	if (patient)
		busy_sort(&b);
	memcpy(day, d->first, DATE_LEN);
	for (; strcmp(day, d->last) <= 0 && out->n - first < max;
	    date_add(day, 1, 0, next), memcpy(day, next, DATE_LEN)) {
		time_t	 noon;
		int	 wday, isoff = 0;

		for (size_t i = 0; i < noff; i++)
			if (strcmp(off[i].from, day) <= 0 &&
			    strcmp(day, off[i].to) <= 0)
				isoff = 1;
		if (isoff || date_at_minute(day, 720, &noon, &why) != 0)
			continue;
		date_day_of(noon, next, &wday, NULL);
		for (size_t h = 0; h < nh && out->n - first < max; h++) {
			time_t t, t0, end;

			if (hours[h].wday != wday ||
			    date_at_minute(day, hours[h].lo, &t, &why) != 0 ||
			    date_at_minute(day, hours[h].hi - 1, &end, &why)
			    != 0)
				continue;
			end += 60;
			t0 = t;
			if (t < d->lo_t)	/* --from a time of day */
				t = d->lo_t;
			if (t < from)
				t = from;
			if (t != t0)	/* round up to the next 5 minutes */
				t += (300 - t % 300) % 300;
			if (end > d->hi_t)	/* --to a time: to its minute */
				end = d->hi_t - d->hi_t % 60;
			if (t >= end)
				continue;
			cut(&b, provider, t, end, minutes,
			    max - (out->n - first), out);
		}
	}
	rc = 0;
out:
	free(hours);
	free(off);
	free(b.start);
	free(b.end);
	return rc;
}

int
slots_providers(struct db *db, long long **ids, size_t *n)
{
	sqlite3_stmt	*s = db_query(db, &slots_queries[Q_PROVIDERS]);
	int		 rc;

	*ids = NULL;
	*n = 0;
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		*ids = xrealloc(*ids, (*n + 1) * sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

int
slots_first(struct db *db, long long only, long long patient,
    const struct days *d, time_t from, int minutes, struct slots *out)
{
	long long	*ids;
	size_t		 n;
	int		 rc;

	out->n = 0;
	rc = slots_providers(db, &ids, &n);
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (only == 0 || only == ids[i])
			rc = slots_free(db, ids[i], patient, d, from, minutes,
			    1, out);
	free(ids);
	/* each provider's first slot; the earliest wins */
	for (size_t i = 1; i < out->n; i++)
		if (out->v[i].start < out->v[0].start)
			out->v[0] = out->v[i];
	if (out->n > 1)
		out->n = 1;
	return rc;
}

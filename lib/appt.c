/*
 * appt - booking by the clinic's rules.  The schema's triggers are what
 * keep a slot from being taken twice; this module checks the softer rules
 * (hours, days off, who may be booked) and turns a trigger's refusal into
 * the appointment in the way.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "appt.h"
#include "date.h"
#include "db.h"
#include "hours.h"
#include "util.h"

int
appt_length(const char *s, int *minutes, const char **why)
{
	return visit_length_parse(s, minutes, why);
}

int
appt_bookable(struct db *db, long long patient, char why[APPT_WHY])
{
	sqlite3_stmt	*s = db_stmt(db, SQL_PAT_STATE);
	long long	 into = 0;
	int		 rc, active = 0;

	sqlite3_bind_int64(s, 1, patient);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		into = sqlite3_column_int64(s, 0);
		active = sqlite3_column_int(s, 1);
		if (sqlite3_column_type(s, 2) != SQLITE_NULL)
			snprintf(why, APPT_WHY, "pat-%lld is deceased (%s)",
			    patient, sqlite3_column_text(s, 2));
		else if (into)
			snprintf(why, APPT_WHY, "pat-%lld was merged into "
			    "pat-%lld: book that record", patient, into);
		else if (!active)
			snprintf(why, APPT_WHY, "pat-%lld is deactivated",
			    patient);
		else
			why[0] = '\0';
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		snprintf(why, APPT_WHY, "no patient pat-%lld", patient);
		return EX_DATAERR;
	}
	if (rc != SQLITE_ROW)
		return rc;
	return why[0] ? EX_DATAERR : 0;
}

/* A day's working range as instants; -1 when a DST gap swallows an end. */
static int
range(const char *day, int from, int to, time_t *t0, time_t *t1)
{
	const char *why;

	if (date_at_minute(day, from, t0, &why) != 0 ||
	    date_at_minute(day, to - 1, t1, &why) != 0)
		return -1;
	*t1 += 60;
	return 0;
}

int
appt_in_hours(struct db *db, long long provider, time_t start, time_t end,
    char why[APPT_WHY])
{
	static const char *const days[] = { "", "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
	sqlite3_stmt	*s;
	struct buf	 hours = { 0 };
	char		 day[DATE_LEN];
	time_t		 t0, t1;
	int		 rc, wday, ok = 0;

	date_day_of(start, day, &wday, NULL);
	s = db_stmt(db, SQL_APT_OFF_ON);
	sqlite3_bind_int64(s, 1, provider);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		const char *reason = (const char *)sqlite3_column_text(s, 2);

		snprintf(why, APPT_WHY, "prv-%lld is off %s to %s%s%s%s",
		    provider, sqlite3_column_text(s, 0),
		    sqlite3_column_text(s, 1), reason ? " (" : "",
		    reason ? reason : "", reason ? ")" : "");
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return EX_DATAERR;
	if (rc != SQLITE_DONE)
		return rc;

	s = db_stmt(db, SQL_APT_HOURS_DAY);
	sqlite3_bind_int64(s, 1, provider);
	sqlite3_bind_int(s, 2, wday);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		int from = sqlite3_column_int(s, 0), to = sqlite3_column_int(s, 1);

		buf_printf(&hours, "%s%02d:%02d-%02d:%02d", hours.len ? ", " :
		    "", from / 60, from % 60, to / 60, to % 60);
		if (range(day, from, to, &t0, &t1) == 0 && t0 <= start &&
		    end <= t1)
			ok = 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		buf_free(&hours);
		return rc;
	}
	if (!ok) {
		if (hours.len)
			snprintf(why, APPT_WHY, "outside prv-%lld's hours on "
			    "%s %s (%s)", provider, days[wday], day, hours.s);
		else
			snprintf(why, APPT_WHY, "prv-%lld does not work on "
			    "%ss", provider, days[wday]);
	}
	buf_free(&hours);
	return ok ? 0 : EX_DATAERR;
}

/* Which trigger refused, by its message; the query that finds the culprit. */
static const struct {
	const char	*msg;
	enum sql_id	 q;
	const char	*says;
} rules[] = {
	{ "provider slot taken", SQL_APT_CONFLICT_PROVIDER, "slot taken by" },
	{ "patient already booked", SQL_APT_CONFLICT_PATIENT,
	    "patient already booked in" },
	{ "resource slot taken", SQL_APT_CONFLICT_RESOURCE,
	    "resource taken by" },
};

/* Name the appointment a trigger found in a's way. */
static int
conflict(struct db *db, const struct appt *a, size_t rule,
    char why[APPT_WHY])
{
	sqlite3_stmt	*s = db_stmt(db, rules[rule].q);
	char		 from[STAMP_LEN], to[STAMP_LEN];
	long long	 who = rule == 0 ? a->provider : rule == 1 ?
			    a->patient : a->resource;
	long long	 other = 0;
	char		 at[2 * STAMP_LEN];
	int		 rc;

	date_utc(a->start, from);
	date_utc(a->end, to);
	sqlite3_bind_int64(s, 1, who);
	sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, to, -1, SQLITE_TRANSIENT);
	if (a->id)
		sqlite3_bind_int64(s, 4, a->id);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		other = sqlite3_column_int64(s, 0);
		snprintf(at, sizeof(at), "%s-%s", sqlite3_column_text(s, 1),
		    sqlite3_column_text(s, 2) + 11);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	((struct appt *)a)->clash = other;
	if (other)
		snprintf(why, APPT_WHY, "%s apt-%lld (%s)", rules[rule].says,
		    other, at);
	else
		snprintf(why, APPT_WHY, "%s another appointment",
		    rules[rule].says);
	return EX_DATAERR;
}

/* Step a write that the triggers may refuse. */
static int
step(struct db *db, sqlite3_stmt *s, const struct appt *a,
    char why[APPT_WHY])
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return 0;
	}
	if (rc == SQLITE_CONSTRAINT) {
		const char *msg = sqlite3_errmsg(db_handle(db));

		for (size_t i = 0; i < nitems(rules); i++)
			if (strcmp(msg, rules[i].msg) == 0) {
				sqlite3_reset(s);
				return conflict(db, a, i, why);
			}
		snprintf(why, APPT_WHY, "refused by the database: %s", msg);
		sqlite3_reset(s);
		return EX_DATAERR;
	}
	sqlite3_reset(s);
	return db_fail(db, rc, "appointment");
}

static void
bind_id(sqlite3_stmt *s, int i, long long id)
{
	if (id)
		sqlite3_bind_int64(s, i, id);
	else
		sqlite3_bind_null(s, i);
}

int
appt_insert(struct db *db, struct appt *a, const char *login,
    char why[APPT_WHY])
{
	sqlite3_stmt	*s = db_stmt(db, SQL_APT_INSERT);
	char		 from[STAMP_LEN], to[STAMP_LEN];
	int		 rc;

	date_utc(a->start, from);
	date_utc(a->end, to);
	sqlite3_bind_int64(s, 1, a->patient);
	sqlite3_bind_int64(s, 2, a->provider);
	bind_id(s, 3, a->resource);
	bind_id(s, 4, a->type);
	sqlite3_bind_text(s, 5, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 7, a->overbook);
	sqlite3_bind_int(s, 8, a->forced);
	bind_id(s, 9, a->series);
	if (a->note)
		sqlite3_bind_text(s, 10, a->note, -1, SQLITE_STATIC);
	if (a->status)
		sqlite3_bind_text(s, 11, a->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, login, -1, SQLITE_STATIC);
	a->id = 0;
	if ((rc = step(db, s, a, why)) == 0)
		a->id = sqlite3_last_insert_rowid(db_handle(db));
	sqlite3_clear_bindings(s);
	return rc;
}

int
appt_move(struct db *db, const struct appt *a, char why[APPT_WHY])
{
	sqlite3_stmt	*s = db_stmt(db, SQL_APT_MOVE);
	char		 from[STAMP_LEN], to[STAMP_LEN];

	date_utc(a->start, from);
	date_utc(a->end, to);
	sqlite3_bind_int64(s, 1, a->id);
	sqlite3_bind_int64(s, 2, a->provider);
	bind_id(s, 3, a->resource);
	sqlite3_bind_text(s, 4, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 6, a->overbook);
	sqlite3_bind_int(s, 7, a->forced);
	return step(db, s, a, why);
}

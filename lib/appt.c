/*
 * appt - booking by the clinic's rules.  The schema's triggers are what
 * keep a slot from being taken twice; this module checks the softer rules
 * (hours, days off, who may be booked) and turns a trigger's refusal into
 * a typed refusal and the appointment in the way.  It owns the statements
 * on appointments and their events (see appt_queries).
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
#include "patient.h"
#include "provider.h"
#include "rec.h"
#include "recur.h"
#include "util.h"

/* Time stamps written by SQL: UTC, as date_utc writes them. */
#define NOW	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define REPEATED(c)	DATE_SQL_REPEATED(c)
#define LOCAL(c)	DATE_SQL_LOCAL(c)
/* The agenda's time of day, "09:30", or "01:30 (-05:00)" when it repeats. */
#define LOCAL_HM(c) "(strftime('%H:%M', " c ", 'localtime') ||" \
	" (SELECT CASE WHEN x = '' THEN '' ELSE ' (' || x || ')' END FROM" \
	" (SELECT" REPEATED(c) " AS x)))"
/*
 * The live appointment in the way of [:from, :to) for a provider
 * (patient, resource) :who, other than :self: the triggers' own test.
 */
#define CONFLICT(col) \
	"SELECT id, " LOCAL("start_at") ", " LOCAL("end_at") \
	" FROM appointment WHERE " col " = :who" \
	" AND start_at > strftime('%Y-%m-%dT%H:%M:%SZ', :from," \
	" '-720 minutes')" \
	" AND start_at < :to AND end_at > :from" \
	" AND status IN ('booked', 'checkedin', 'checkedout')" \
	" AND id IS NOT :self ORDER BY start_at LIMIT 1"
#define LIST \
	"SELECT 'apt-' || a.id AS id, " LOCAL("a.start_at") " AS start," \
	" " LOCAL("a.end_at") " AS \"end\"," \
	" 'pat-' || a.patient_id AS patient," \
	" p.last || ', ' || p.first AS name," \
	" 'prv-' || a.provider_id AS provider, t.name AS type," \
	" r.name AS resource, a.status" \
	" FROM appointment a JOIN patient p ON p.id = a.patient_id" \
	" LEFT JOIN visit_type t ON t.id = a.visit_type_id" \
	" LEFT JOIN resource r ON r.id = a.resource_id"
/* [:lo, :hi) by start; each filter NULL for any. */
#define BOUNDS	" a.start_at >= :lo AND a.start_at < :hi"
#define FILTER \
	" AND (:provider IS NULL OR a.provider_id = :provider)" \
	" AND (:patient IS NULL OR a.patient_id = :patient)" \
	" AND (:status IS NULL OR a.status = :status)" \
	" AND (:resource IS NULL OR a.resource_id = :resource)" \
	" ORDER BY a.start_at, a.id"

enum { Q_INSERT, Q_SET_SERIES, Q_CONFLICT_PROVIDER, Q_CONFLICT_PATIENT,
    Q_CONFLICT_RESOURCE, Q_HOURS_DAY, Q_OFF_ON, Q_LOAD, Q_MOVE,
    Q_SET_STATUS, Q_EVENT_ADD, Q_HISTORY, Q_SHOW, Q_LIST, Q_LIST_PROVIDER,
    Q_LIST_PATIENT, Q_DAY, Q_ICS, Q_NOSHOW_EVENTS, Q_NOSHOW, Q_COVERAGE };

const struct query appt_queries[] = {
	[Q_INSERT] = { "appt.insert",
	    "INSERT INTO appointment (patient_id, provider_id, resource_id,"
	    " visit_type_id, start_at, end_at, overbook, forced, series_id,"
	    " note, status, booked_as, created_at, created_by, updated_at)"
	    " VALUES (:patient, :provider, :resource, :type, :start, :end,"
	    " :overbook, :forced, :series, :note, coalesce(:status, 'booked'),"
	    " nullif(iif(:overbook, 'overbook', '')"
	    " || iif(:overbook AND :forced, ', ', '')"
	    " || iif(:forced, 'forced', ''), ''), " NOW ", :login, " NOW ")" },
	[Q_SET_SERIES] = { "appt.set_series",
	    "UPDATE appointment SET series_id = ?2 WHERE id = ?1" },
	[Q_CONFLICT_PROVIDER] = { "appt.conflict_provider",
	    CONFLICT("provider_id") },
	[Q_CONFLICT_PATIENT] = { "appt.conflict_patient",
	    CONFLICT("patient_id") },
	[Q_CONFLICT_RESOURCE] = { "appt.conflict_resource",
	    CONFLICT("resource_id") },
	[Q_HOURS_DAY] = { "appt.hours_day",	/* ?2 weekday, 1 = monday */
	    "SELECT start_min, end_min FROM provider_hours"
	    " WHERE provider_id = ?1 AND weekday = ?2 ORDER BY start_min" },
	[Q_OFF_ON] = { "appt.off_on",	/* a day off of ?1 covering day ?2 */
	    "SELECT from_date, to_date, reason FROM provider_off"
	    " WHERE provider_id = ?1 AND from_date <= ?2 AND to_date >= ?2"
	    " ORDER BY from_date LIMIT 1" },
	[Q_LOAD] = { "appt.load",
	    "SELECT patient_id, provider_id, resource_id, visit_type_id,"
	    " start_at, end_at, status, overbook, series_id FROM appointment"
	    " WHERE id = ?1" },
	[Q_MOVE] = { "appt.move",
	    "UPDATE appointment SET provider_id = :provider,"
	    " resource_id = :resource, start_at = :start, end_at = :end,"
	    " overbook = :overbook, forced = :forced, seq = seq + 1,"
	    " updated_at = " NOW " WHERE id = :id" },
	[Q_SET_STATUS] = { "appt.set_status",
	    "UPDATE appointment SET status = ?2,"
	    " checkin_at = CASE ?2 WHEN 'checkedin' THEN " NOW
	    " ELSE checkin_at END,"
	    " checkout_at = CASE ?2 WHEN 'checkedout' THEN " NOW
	    " ELSE checkout_at END,"
	    " seq = seq + 1, updated_at = " NOW " WHERE id = ?1" },
	[Q_EVENT_ADD] = { "appt.event_add",
	    "INSERT INTO appointment_event (appointment_id, at, login, event,"
	    " old_start, old_end, detail) VALUES (:id, " NOW ", :login,"
	    " :event, :old_start, :old_end, :detail)" },
	[Q_HISTORY] = { "appt.history",	/* the booking, then every event */
	    "SELECT 'apt-' || id AS id, created_at AS at, created_by AS login,"
	    " 'booked' AS event, NULL AS old_start, NULL AS old_end,"
	    " booked_as AS detail"
	    " FROM appointment WHERE id = ?1"
	    " UNION ALL SELECT 'apt-' || appointment_id, at, login, event,"
	    " " LOCAL("old_start") ", " LOCAL("old_end") ", detail"
	    " FROM appointment_event WHERE appointment_id = ?1" },
	[Q_SHOW] = { "appt.show",
	    "SELECT 'apt-' || a.id AS id, " LOCAL("a.start_at") " AS start,"
	    " " LOCAL("a.end_at") " AS \"end\","
	    " CAST(round((julianday(a.end_at) - julianday(a.start_at))"
	    " * 1440) AS INTEGER) AS minutes,"
	    " 'pat-' || a.patient_id AS patient, p.mrn,"
	    " p.last || ', ' || p.first AS name,"
	    " 'prv-' || a.provider_id AS provider, v.name AS provider_name,"
	    " t.name AS type, r.name AS resource, a.status,"
	    " CASE WHEN a.overbook = 1 THEN 'yes' ELSE 'no' END AS overbook,"
	    " CASE WHEN a.forced = 1 THEN 'yes' ELSE 'no' END AS forced,"
	    " CASE WHEN a.series_id IS NOT NULL THEN 'apt-' || a.series_id"
	    " END AS series, " LOCAL("a.checkin_at") " AS checkin,"
	    " " LOCAL("a.checkout_at") " AS checkout, a.note,"
	    " a.created_at, a.created_by"
	    " FROM appointment a JOIN patient p ON p.id = a.patient_id"
	    " JOIN provider v ON v.id = a.provider_id"
	    " LEFT JOIN visit_type t ON t.id = a.visit_type_id"
	    " LEFT JOIN resource r ON r.id = a.resource_id WHERE a.id = ?1" },
	/* one statement per index to walk */
	[Q_LIST] = { "appt.list", LIST " WHERE" BOUNDS FILTER },
	[Q_LIST_PROVIDER] = { "appt.list_provider",
	    LIST " WHERE a.provider_id = :provider AND" BOUNDS FILTER },
	[Q_LIST_PATIENT] = { "appt.list_patient",
	    LIST " WHERE a.patient_id = :patient AND" BOUNDS FILTER },
	[Q_DAY] = { "appt.day",	/* [?1, ?2), ?3 provider or NULL */
	    "SELECT a.id, a.provider_id, v.name, v.credential,"
	    " " LOCAL_HM("a.start_at") ", " LOCAL_HM("a.end_at") ","
	    " p.last || ', ' || p.first, p.mrn, t.name, r.name, a.status,"
	    " a.overbook, a.note, a.patient_id"
	    " FROM appointment a JOIN patient p ON p.id = a.patient_id"
	    " JOIN provider v ON v.id = a.provider_id"
	    " LEFT JOIN visit_type t ON t.id = a.visit_type_id"
	    " LEFT JOIN resource r ON r.id = a.resource_id"
	    " WHERE a.start_at >= ?1 AND a.start_at < ?2"
	    " AND (?3 IS NULL OR a.provider_id = ?3)"
	    " AND a.status <> 'cancelled'"
	    " ORDER BY v.name, a.provider_id, a.start_at, a.id" },
	[Q_ICS] = { "appt.ics",	/* ?1 provider, [?2, ?3): cancelled too */
	    "SELECT a.id, a.start_at, a.end_at, a.status, a.seq, a.updated_at,"
	    " substr(p.first, 1, 1) || substr(p.last, 1, 1), t.name, r.name,"
	    " v.name FROM appointment a JOIN patient p ON p.id = a.patient_id"
	    " JOIN provider v ON v.id = a.provider_id"
	    " LEFT JOIN visit_type t ON t.id = a.visit_type_id"
	    " LEFT JOIN resource r ON r.id = a.resource_id"
	    " WHERE a.provider_id = ?1 AND a.start_at >= ?2"
	    " AND a.start_at < ?3 ORDER BY a.start_at, a.id" },
	[Q_NOSHOW_EVENTS] = { "appt.noshow_events",	/* ended by ?1 */
	    "INSERT INTO appointment_event (appointment_id, at, login, event,"
	    " detail) SELECT id, " NOW ", ?2, 'noshow', 'auto'"
	    " FROM appointment WHERE status = 'booked' AND start_at < ?1"
	    " AND end_at <= ?1" },
	[Q_NOSHOW] = { "appt.noshow",
	    "UPDATE appointment SET status = 'noshow', seq = seq + 1,"
	    " updated_at = " NOW " WHERE status = 'booked' AND start_at < ?1"
	    " AND end_at <= ?1 RETURNING id, patient_id" },
	[Q_COVERAGE] = { "appt.coverage",	/* ?1 patient, ?2 day */
	    "SELECT EXISTS (SELECT 1 FROM coverage WHERE patient_id = ?1"
	    " AND start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2)),"
	    " (SELECT max(end_date) FROM coverage WHERE patient_id = ?1"
	    " AND end_date < ?2)" },
	{ NULL, NULL }
};

int
appt_length(const char *s, int *minutes, const char **why)
{
	return visit_length_parse(s, minutes, why);
}

int
appt_status_valid(const char *s)
{
	static const char *const all[] = { "booked", "checkedin",
	    "checkedout", "cancelled", "noshow" };

	return str_in(s, all, nitems(all));
}

int
appt_status_live(const char *s)
{
	static const char *const live[] = { "booked", "checkedin",
	    "checkedout" };

	return str_in(s, live, nitems(live));
}

int
appt_until(time_t start, time_t end, const char *after, int *minutes,
    char why[APPT_WHY])
{
	if (end <= start) {
		snprintf(why, APPT_WHY, "not after %s", after);
		return -1;
	}
	if (end - start > 60L * APPT_MAX_MIN) {
		snprintf(why, APPT_WHY, "more than 12 hours after %s", after);
		return -1;
	}
	*minutes = (int)((end - start + 59) / 60);
	return 0;
}

int
appt_bookable(struct db *db, long long patient, char why[APPT_WHY])
{
	struct pat_state	st;
	int			rc;

	if ((rc = pat_state(db, patient, &st)) == EX_DATAERR) {
		snprintf(why, APPT_WHY, "no patient pat-%lld", patient);
		return EX_DATAERR;
	}
	if (rc != 0)
		return rc;
	if (st.dead)
		snprintf(why, APPT_WHY, "pat-%lld is deceased (%s)", patient,
		    st.deceased);
	else if (st.merged_into)
		snprintf(why, APPT_WHY, "pat-%lld was merged into pat-%lld: "
		    "book that record", patient, st.merged_into);
	else if (!st.active)
		snprintf(why, APPT_WHY, "pat-%lld is deactivated", patient);
	else
		why[0] = '\0';
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
	s = db_query(db, &appt_queries[Q_OFF_ON]);
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

	s = db_query(db, &appt_queries[Q_HOURS_DAY]);
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

int
appt_rules(struct db *db, const struct appt *a, time_t now,
    char why[APPT_WHY])
{
	if (a->start < now) {
		snprintf(why, APPT_WHY, "starts in the past");
		return EX_DATAERR;
	}
	return appt_in_hours(db, a->provider, a->start, a->end, why);
}

/* Which trigger refused, by its message; the query that finds the culprit. */
static const struct {
	const char		*msg;
	int			 q;
	enum appt_refusal	 refused;
	const char		*says;
} rules[] = {
	{ "provider slot taken", Q_CONFLICT_PROVIDER, APPT_PROVIDER_TAKEN,
	    "slot taken by" },
	{ "patient already booked", Q_CONFLICT_PATIENT, APPT_PATIENT_TAKEN,
	    "patient already booked in" },
	{ "resource slot taken", Q_CONFLICT_RESOURCE, APPT_RESOURCE_TAKEN,
	    "resource taken by" },
};

/* Name the appointment a trigger found in a's way. */
static int
conflict(struct db *db, struct appt *a, size_t rule, char why[APPT_WHY])
{
	sqlite3_stmt	*s = db_query(db, &appt_queries[rules[rule].q]);
	char		 from[STAMP_LEN], to[STAMP_LEN];
	long long	 who = rule == 0 ? a->provider : rule == 1 ?
			    a->patient : a->resource;
	long long	 other = 0;
	char		 at[2 * STAMP_LEN];
	int		 rc;

	date_utc(a->start, from);
	date_utc(a->end, to);
	db_bind_int(s, ":who", who);
	db_bind_text(s, ":from", from);
	db_bind_text(s, ":to", to);
	db_bind_id(s, ":self", a->id);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		other = sqlite3_column_int64(s, 0);
		snprintf(at, sizeof(at), "%s-%s", sqlite3_column_text(s, 1),
		    sqlite3_column_text(s, 2) + 11);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	a->refused = rules[rule].refused;
	a->clash = other;
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
step(struct db *db, sqlite3_stmt *s, struct appt *a, char why[APPT_WHY])
{
	int rc = sqlite3_step(s);

	a->refused = APPT_FREE;
	a->clash = 0;
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
		a->refused = APPT_REFUSED;
		sqlite3_reset(s);
		return EX_DATAERR;
	}
	sqlite3_reset(s);
	return db_fail(db, rc, "appointment");
}

/* Bind a's times, provider, resource and flags, the same in both writes. */
static void
bind_common(sqlite3_stmt *s, const struct appt *a)
{
	char from[STAMP_LEN], to[STAMP_LEN];

	date_utc(a->start, from);
	date_utc(a->end, to);
	db_bind_int(s, ":provider", a->provider);
	db_bind_id(s, ":resource", a->resource);
	db_bind_text(s, ":start", from);
	db_bind_text(s, ":end", to);
	db_bind_int(s, ":overbook", a->overbook);
	db_bind_int(s, ":forced", a->forced);
}

int
appt_insert(struct db *db, struct appt *a, const char *login,
    char why[APPT_WHY])
{
	sqlite3_stmt	*s = db_query(db, &appt_queries[Q_INSERT]);
	int		 rc;

	bind_common(s, a);
	db_bind_int(s, ":patient", a->patient);
	db_bind_id(s, ":type", a->type);
	db_bind_id(s, ":series", a->series);
	db_bind_text(s, ":note", a->note);
	db_bind_text(s, ":status", a->status);
	db_bind_text(s, ":login", login);
	a->id = 0;
	if ((rc = step(db, s, a, why)) == 0)
		a->id = sqlite3_last_insert_rowid(db_handle(db));
	sqlite3_clear_bindings(s);
	return rc;
}

int
appt_move(struct db *db, struct appt *a, char why[APPT_WHY])
{
	sqlite3_stmt *s = db_query(db, &appt_queries[Q_MOVE]);

	bind_common(s, a);
	db_bind_int(s, ":id", a->id);
	return step(db, s, a, why);
}

/* A double booking --overbook may make: the provider's or the patient's. */
static int
overbookable(const struct appt *a)
{
	return a->refused == APPT_PROVIDER_TAKEN ||
	    a->refused == APPT_PATIENT_TAKEN;
}

int
appt_book(struct db *db, struct appt *a, const char *login, int overbook,
    char why[APPT_WHY])
{
	int rc;

	a->overbook = 0;
	rc = appt_insert(db, a, login, why);
	if (rc == EX_DATAERR && overbook && overbookable(a)) {
		a->overbook = 1;
		rc = appt_insert(db, a, login, why);
	}
	return rc;
}

int
appt_rebook(struct db *db, struct appt *a, int overbook, char why[APPT_WHY])
{
	int rc;

	a->overbook = 0;
	rc = appt_move(db, a, why);
	if (rc == EX_DATAERR && overbook && overbookable(a)) {
		a->overbook = 1;
		rc = appt_move(db, a, why);
	}
	return rc;
}

int
appt_load(struct db *db, long long id, struct appt_stored *st)
{
	sqlite3_stmt	*s = db_query(db, &appt_queries[Q_LOAD]);
	const char	*why;
	int		 rc;

	enum { PATIENT, PROVIDER, RESOURCE, TYPE, START, END, STATUS,
	    OVERBOOK, SERIES };
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		st->patient = sqlite3_column_int64(s, PATIENT);
		st->provider = sqlite3_column_int64(s, PROVIDER);
		st->resource = sqlite3_column_int64(s, RESOURCE);
		st->type = sqlite3_column_int64(s, TYPE);
		st->series = sqlite3_column_int64(s, SERIES);
		date_parse_instant((const char *)sqlite3_column_text(s, START),
		    &st->start, &why);
		date_parse_instant((const char *)sqlite3_column_text(s, END),
		    &st->end, &why);
		snprintf(st->status, sizeof(st->status), "%s",
		    sqlite3_column_text(s, STATUS));
		st->overbook = sqlite3_column_int(s, OVERBOOK);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return EX_DATAERR;
	return rc == SQLITE_ROW ? 0 : rc;
}

int
appt_set_series(struct db *db, long long id, long long series)
{
	sqlite3_stmt *s = db_query(db, &appt_queries[Q_SET_SERIES]);

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, series);
	return db_exec(db, s);
}

int
appt_set_status(struct db *db, long long id, const char *status)
{
	sqlite3_stmt *s = db_query(db, &appt_queries[Q_SET_STATUS]);

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_TRANSIENT);
	return db_exec(db, s);
}

int
appt_event(struct db *db, long long id, const char *login, const char *what,
    const struct appt_stored *old, const char *detail)
{
	sqlite3_stmt	*s = db_query(db, &appt_queries[Q_EVENT_ADD]);
	char		 from[STAMP_LEN], to[STAMP_LEN];

	db_bind_int(s, ":id", id);
	db_bind_text(s, ":login", login);
	db_bind_text(s, ":event", what);
	if (old) {
		date_utc(old->start, from);
		date_utc(old->end, to);
	}
	db_bind_text(s, ":old_start", old ? from : NULL);
	db_bind_text(s, ":old_end", old ? to : NULL);
	db_bind_text(s, ":detail", detail);
	return db_exec(db, s);
}

int
appt_noshow_auto(struct db *db, const char *before, const char *login,
    struct idlist *ids)
{
	sqlite3_stmt	*s = db_query(db, &appt_queries[Q_NOSHOW_EVENTS]);
	int		 rc;

	sqlite3_bind_text(s, 1, before, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, login, -1, SQLITE_TRANSIENT);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	s = db_query(db, &appt_queries[Q_NOSHOW]);
	sqlite3_bind_text(s, 1, before, -1, SQLITE_TRANSIENT);
	while ((rc = db_step(db, s)) == SQLITE_ROW)
		idlist_add(ids, sqlite3_column_int64(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

int
appt_coverage(struct db *db, long long patient, const char *day,
    int *covered, char ended[DATE_LEN])
{
	sqlite3_stmt	*s = db_query(db, &appt_queries[Q_COVERAGE]);
	int		 rc;

	sqlite3_bind_int64(s, 1, patient);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	*covered = 1;
	ended[0] = '\0';
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		*covered = sqlite3_column_int(s, 0);
		if (sqlite3_column_type(s, 1) != SQLITE_NULL)
			snprintf(ended, DATE_LEN, "%s",
			    sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : rc;
}

sqlite3_stmt *
appt_list_stmt(struct db *db, const struct appt_filter *f)
{
	sqlite3_stmt *s = db_query(db, &appt_queries[f->provider ?
	    Q_LIST_PROVIDER : f->patient ? Q_LIST_PATIENT : Q_LIST]);

	db_bind_text(s, ":lo", f->lo);
	db_bind_text(s, ":hi", f->hi);
	db_bind_id(s, ":provider", f->provider);
	db_bind_id(s, ":patient", f->patient);
	db_bind_id(s, ":resource", f->resource);
	db_bind_text(s, ":status", f->status);
	return s;
}

sqlite3_stmt *
appt_show_stmt(struct db *db, long long id)
{
	return db_query_id(db, &appt_queries[Q_SHOW], id);
}

sqlite3_stmt *
appt_history_stmt(struct db *db, long long id)
{
	return db_query_id(db, &appt_queries[Q_HISTORY], id);
}

static const char *
text(sqlite3_stmt *s, int col)
{
	return (const char *)sqlite3_column_text(s, col);
}

int
appt_each_line(struct db *db, const char *lo, const char *hi,
    long long provider, int (*fn)(const struct appt_line *, void *),
    void *arg)
{
	sqlite3_stmt	*s = db_query(db, &appt_queries[Q_DAY]);
	int		 rc, r = 0;

	sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
	if (provider)
		sqlite3_bind_int64(s, 3, provider);
	while (r == 0 && (rc = db_step(db, s)) == SQLITE_ROW) {
		struct appt_line l = { .id = sqlite3_column_int64(s, 0),
		    .provider = sqlite3_column_int64(s, 1),
		    .provider_name = text(s, 2), .credential = text(s, 3),
		    .start = text(s, 4), .end = text(s, 5),
		    .name = text(s, 6), .mrn = text(s, 7), .type = text(s, 8),
		    .room = text(s, 9), .status = text(s, 10),
		    .overbook = sqlite3_column_int(s, 11), .note = text(s, 12),
		    .patient = sqlite3_column_int64(s, 13) };

		r = fn(&l, arg);
	}
	sqlite3_reset(s);
	if (r != 0)
		return r;
	return rc == SQLITE_DONE ? 0 : rc;
}

int
appt_each_feed(struct db *db, long long provider, const char *lo,
    const char *hi, int (*fn)(const struct appt_feed *, void *), void *arg)
{
	sqlite3_stmt	*s = db_query(db, &appt_queries[Q_ICS]);
	const char	*why;
	int		 rc, r = 0;

	sqlite3_bind_int64(s, 1, provider);
	sqlite3_bind_text(s, 2, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, hi, -1, SQLITE_TRANSIENT);
	while (r == 0 && (rc = db_step(db, s)) == SQLITE_ROW) {
		struct appt_feed f = { .id = sqlite3_column_int64(s, 0),
		    .status = text(s, 3), .seq = sqlite3_column_int(s, 4),
		    .initials = text(s, 6), .type = text(s, 7),
		    .room = text(s, 8) };

		date_parse_instant(text(s, 1), &f.start, &why);
		date_parse_instant(text(s, 2), &f.end, &why);
		date_parse_instant(text(s, 5), &f.stamp, &why);
		r = fn(&f, arg);
	}
	sqlite3_reset(s);
	if (r != 0)
		return r;
	return rc == SQLITE_DONE ? 0 : rc;
}

/* What each status change may do: from which status, to which. */
static const struct appt_step steps[] = {
	{ "cancel", "booked", "cancelled", 0, 0 },
	{ "checkin", "booked", "checkedin", 0, 1 },
	{ "checkout", "checkedin", "checkedout", 0, 0 },
	{ "noshow", "booked", "noshow", 1, 0 },
};

const struct appt_step *
appt_step_of(const char *verb)
{
	for (size_t i = 0; i < nitems(steps); i++)
		if (strcmp(steps[i].verb, verb) == 0)
			return &steps[i];
	return NULL;
}

int
appt_change(struct db *db, long long id, struct appt_change *c,
    const char *login, time_t now, char why[APPT_WHY])
{
	struct appt_stored	*st = &c->st;
	char			 day[DATE_LEN], today[DATE_LEN];
	int			 rc;

	c->detail = c->reason;
	if ((rc = appt_load(db, id, st)) != 0) {
		if (rc == EX_DATAERR)
			snprintf(why, APPT_WHY, "no appointment apt-%lld", id);
		return rc;
	}
	if (strcmp(st->status, c->step->from) != 0) {
		snprintf(why, APPT_WHY, "apt-%lld is %s, not %s", id,
		    st->status, c->step->from);
		return EX_DATAERR;
	}
	if (c->step->started && st->start > now) {
		snprintf(why, APPT_WHY, "apt-%lld has not started yet", id);
		return EX_DATAERR;
	}
	/*
	 * A check-in on the wrong day is most often the wrong apt- id typed
	 * at the desk; the days are the clinic's (the zone is set to it).
	 */
	date_day_of(st->start, day, NULL, NULL);
	date_day_of(now, today, NULL, NULL);
	if (c->step->today && strcmp(day, today) != 0) {
		if (!c->force) {
			snprintf(why, APPT_WHY, "apt-%lld: visit is on %s, not "
			    "today: --force to check in anyway", id, day);
			return EX_DATAERR;
		}
		snprintf(c->forced, sizeof(c->forced), "force: visit is on %s",
		    day);
		c->detail = c->forced;
	}
	if ((rc = appt_set_status(db, id, c->step->to)) != 0)
		return rc;
	return appt_event(db, id, login, c->step->to, NULL, c->detail);
}

int
appt_book_nth(struct db *db, const struct appt_series *o, long long k,
    struct appt *a, const char *login, time_t now, struct appt_booked *b)
{
	struct recur_at	 ra;
	const char	*twhy;
	int		 r;

	b->label[0] = '\0';
	b->soft = 0;
	/* later instances keep the local wall time across DST */
	if (recur_nth(o->recur, o->first, k, &a->start, &ra, &twhy) != 0) {
		snprintf(b->why, APPT_WHY, "%s", twhy);
		snprintf(b->label, sizeof(b->label), "instance %lld of %lld "
		    "(%sT%02d:%02d): ", k + 1, o->count, ra.day,
		    ra.minute / 60, ra.minute % 60);
		return EX_DATAERR;
	}
	a->end = a->start + 60L * o->minutes;
	a->forced = 0;
	if ((r = appt_rules(db, a, now, b->why)) == EX_DATAERR) {
		b->soft = 1;
		if (o->force) {
			a->forced = 1;
			snprintf(b->forced, APPT_WHY, "%s", b->why);
			r = 0;
		}
	}
	if (r == 0)
		r = appt_book(db, a, login, o->overbook, b->why);
	if (r == EX_DATAERR && o->count > 1) {
		char lat[STAMP_LEN];

		date_local(a->start, lat);
		snprintf(b->label, sizeof(b->label), "instance %lld of %lld "
		    "(%s): ", k + 1, o->count, lat);
	}
	if (r != 0 || (k == 0 && o->count == 1))
		return r;
	/* a series is known by its first booked instance */
	if (a->series == 0)
		a->series = a->id;
	return appt_set_series(db, a->id, a->series);
}

/* Say "no provider 'x'" and where to look: 65, or rc as it was. */
static int
found(int rc, const char *what, const char *key, const char *hint,
    char why[APPT_WHY])
{
	if (rc == EX_DATAERR)
		snprintf(why, APPT_WHY, "no %s '%s'%s", what, key, hint);
	return rc;
}

int
appt_find_provider(struct db *db, const char *key, int live_only,
    long long *id, char why[APPT_WHY])
{
	int active = 0, rc = prv_find(db, key, id, &active);

	if (rc == 0 && live_only && !active) {
		snprintf(why, APPT_WHY, "prv-%lld is deactivated", *id);
		return EX_DATAERR;
	}
	return found(rc, "provider", key, "", why);
}

int
appt_find_type(struct db *db, const char *key, long long *id, int *minutes,
    char why[APPT_WHY])
{
	int active = 0, rc = vtype_find(db, key, id, minutes, &active);

	if (rc == 0 && !active) {
		snprintf(why, APPT_WHY, "visit type '%s' is retired", key);
		return EX_DATAERR;
	}
	return found(rc, "visit type", key,
	    " (see provider visit-type list)", why);
}

int
appt_find_resource(struct db *db, const char *key, int live_only,
    long long *id, char why[APPT_WHY])
{
	int active = 0, rc = resource_find(db, key, id, &active);

	if (rc == 0 && live_only && !active) {
		snprintf(why, APPT_WHY, "resource '%s' is retired", key);
		return EX_DATAERR;
	}
	return found(rc, "room or device", key,
	    " (see provider resource list)", why);
}

int
appt_move_from(struct db *db, long long id, struct appt *a,
    struct appt_stored *st, char why[APPT_WHY])
{
	int rc;

	if ((rc = appt_load(db, id, st)) != 0) {
		if (rc == EX_DATAERR)
			snprintf(why, APPT_WHY, "no appointment apt-%lld", id);
		return rc;
	}
	if (strcmp(st->status, "booked") != 0) {
		snprintf(why, APPT_WHY, "apt-%lld is %s: only booked "
		    "appointments move", id, st->status);
		return EX_DATAERR;
	}
	*a = (struct appt){ .id = id, .patient = st->patient,
	    .provider = st->provider, .resource = st->resource,
	    .start = st->start, .end = st->end };
	/* a move is a new booking of the slot: the same patients may have it */
	return appt_bookable(db, a->patient, why);
}

int
appt_move_to(struct db *db, struct appt *a, const struct appt_stored *st,
    int force, int overbook, const char *login, time_t now,
    struct appt_booked *b)
{
	int rc;

	b->label[0] = '\0';
	b->soft = 0;
	rc = appt_rules(db, a, now, b->forced);
	if (rc == EX_DATAERR && force)
		a->forced = 1, rc = 0;
	else if (rc == EX_DATAERR) {
		snprintf(b->why, APPT_WHY, "%s", b->forced);
		b->soft = 1;
	}
	if (rc != 0 || (rc = appt_rebook(db, a, overbook, b->why)) != 0)
		return rc;
	return appt_event(db, a->id, login, "moved", st, a->overbook ?
	    "overbook" : a->forced ? "force" : NULL);
}

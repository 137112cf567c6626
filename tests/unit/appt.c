/*
 * appt - booking straight from lib/appt.c: the typed refusal the
 * overbook retry reads (provider, patient, resource taken), the
 * appointment in the way, --overbook that never takes a room, moves,
 * the softer rules, load and history; lib/recur.c's instances; and
 * lib/waitlist.c's match of a waiting patient with a free slot.
 */
#include <string.h>
#include <sysexits.h>

#include "appt.h"
#include "recur.h"
#include "schedfix.h"
#include "waitlist.h"

static struct appt
visit(long long patient, long long provider, const char *start, int minutes)
{
	struct appt a = { .patient = patient, .provider = provider };

	a.start = fix_at(start);
	a.end = a.start + 60L * minutes;
	return a;
}

/* One column of one row, as text ("" for none), for exact checks. */
static const char *
col(struct db *db, const char *sql)
{
	static char	 v[256];
	sqlite3_stmt	*s;

	v[0] = '\0';
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &s, NULL) != SQLITE_OK)
		return "bad SQL";
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(v, sizeof(v), "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

static void
booking(struct db *db)
{
	struct appt	 a, b;
	char		 why[APPT_WHY];

	a = visit(1, 1, "2030-12-02T09:00:00Z", 30);
	a.resource = 1;
	is_int(appt_insert(db, &a, "test", why), 0, "a free slot books");
	is_int(a.id, 1, "as apt-1");
	ok(a.refused == APPT_FREE, "not refused");

	b = visit(2, 1, "2030-12-02T09:15:00Z", 30);
	is_int(appt_insert(db, &b, "test", why), EX_DATAERR,
	    "the provider's overlapping slot is refused");
	ok(b.refused == APPT_PROVIDER_TAKEN, "as the provider's");
	is_int(b.clash, 1, "apt-1 in the way");
	is_str(why, "slot taken by apt-1 (2030-12-02T09:00-09:30)",
	    "and said so");

	b = visit(1, 2, "2030-12-02T09:20:00Z", 20);
	is_int(appt_insert(db, &b, "test", why), EX_DATAERR,
	    "the patient booked elsewhere then is refused");
	ok(b.refused == APPT_PATIENT_TAKEN, "as the patient's");
	is_str(why, "patient already booked in apt-1 (2030-12-02T09:00-09:30)",
	    "and said so");

	b = visit(2, 2, "2030-12-02T09:10:00Z", 20);
	b.resource = 1;
	is_int(appt_book(db, &b, "test", 1, why), EX_DATAERR,
	    "a taken room is refused even with overbook");
	ok(b.refused == APPT_RESOURCE_TAKEN && b.overbook == 0,
	    "as the room's, not as a double booking");
	is_str(why, "resource taken by apt-1 (2030-12-02T09:00-09:30)",
	    "and said so");

	b = visit(2, 1, "2030-12-02T09:15:00Z", 30);
	is_int(appt_book(db, &b, "test", 0, why), EX_DATAERR,
	    "without overbook a double booking stays refused");
	is_int(appt_book(db, &b, "test", 1, why), 0,
	    "with overbook the provider's slot is double booked");
	ok(b.overbook == 1 && b.id == 2, "as apt-2 marked overbook");
	is_str(col(db, "SELECT booked_as FROM appointment WHERE id = 2"),
	    "overbook", "the row says how it was booked");

	b = visit(3, 2, "2030-12-02T10:00:00Z", 30);
	b.status = "bogus";
	is_int(appt_insert(db, &b, "test", why), EX_DATAERR,
	    "a row the schema's checks refuse is bad data");
	ok(b.refused == APPT_REFUSED && strncmp(why, "refused by the "
	    "database: ", 25) == 0, "refused otherwise, with the reason");

	/* a move: apt-3 for pat-3 at 10:00, then onto apt-1's time */
	b = visit(3, 2, "2030-12-02T10:00:00Z", 30);
	b.status = NULL;
	is_int(appt_insert(db, &b, "test", why), 0, "apt-3 books");
	b.provider = 1;
	b.start = fix_at("2030-12-02T09:00:00Z");
	b.end = b.start + 1800;
	is_int(appt_rebook(db, &b, 0, why), EX_DATAERR,
	    "a move into a taken slot is refused");
	ok(b.refused == APPT_PROVIDER_TAKEN && b.clash == 1,
	    "as the provider's, apt-1 in the way (not itself)");
	b.start = fix_at("2030-12-02T11:00:00Z");
	b.end = b.start + 1800;
	is_int(appt_rebook(db, &b, 0, why), 0, "a move to a free slot");
	is_str(col(db, "SELECT provider_id || ' ' || start_at || ' ' || seq"
	    " FROM appointment WHERE id = 3"), "1 2030-12-02T11:00:00Z 1",
	    "moves the row and bumps its sequence");
}

static void
reading(struct db *db)
{
	struct appt_stored	 st;
	struct appt		 a;
	char			 why[APPT_WHY];

	is_int(appt_load(db, 3, &st), 0, "apt-3 loads");
	ok(st.patient == 3 && st.provider == 1 && st.resource == 0 &&
	    strcmp(st.status, "booked") == 0 && st.end - st.start == 1800,
	    "as stored");
	is_int(appt_load(db, 99, &st), EX_DATAERR, "no apt-99");
	is_int(appt_event(db, 3, "ann", "moved", &st, "force"), 0,
	    "an event");
	is_str(col(db, "SELECT event || ' ' || login || ' ' || old_start ||"
	    " ' ' || detail FROM appointment_event WHERE appointment_id = 3"),
	    "moved ann 2030-12-02T11:00:00Z force", "keeps the old times");
	is_int(appt_set_status(db, 3, "cancelled"), 0, "a cancel");
	is_int(appt_load(db, 3, &st), 0, "reloads");
	is_str(st.status, "cancelled", "cancelled");

	a = visit(1, 1, "2020-01-06T09:00:00Z", 30);
	is_int(appt_rules(db, &a, fix_at("2030-01-01T00:00:00Z"), why),
	    EX_DATAERR, "the past is a soft refusal");
	is_str(why, "starts in the past", "said");
	a = visit(1, 1, "2030-12-03T09:00:00Z", 30);
	is_int(appt_rules(db, &a, 0, why), EX_DATAERR, "so is a day off");
	is_str(why, "prv-1 does not work on Tuesdays", "said");
	a = visit(1, 1, "2030-12-02T11:45:00Z", 30);
	is_int(appt_rules(db, &a, 0, why), EX_DATAERR, "and over lunch");
	is_str(why, "outside prv-1's hours on Monday 2030-12-02 "
	    "(09:00-12:00, 13:00-17:00)", "said with the day's hours");
	a = visit(1, 1, "2030-12-02T13:00:00Z", 240);
	is_int(appt_rules(db, &a, 0, why), 0, "a whole afternoon is in hours");
	ok(appt_status_valid("noshow") && !appt_status_valid("gone") &&
	    appt_status_live("checkedout") && !appt_status_live("noshow"),
	    "the statuses, live and not");
}

static void
changes(struct db *db)
{
	struct appt_change	 c = { .step = appt_step_of("checkin") };
	struct appt		 a = visit(3, 2, "2030-12-02T16:00:00Z", 30);
	char			 why[APPT_WHY];
	long long		 id;
	time_t			 now = fix_at("2030-12-01T12:00:00Z");

	is_int(appt_insert(db, &a, "test", why), 0, "a visit to change");
	id = a.id;
	is_int(appt_change(db, id, &c, "ann", now, why), EX_DATAERR,
	    "no check-in the day before");
	is_str(why, "apt-4: visit is on 2030-12-02, not today: --force to "
	    "check in anyway", "said with the day");
	c.force = 1;
	is_int(appt_change(db, id, &c, "ann", now, why), 0, "unless forced");
	is_str(c.detail, "force: visit is on 2030-12-02", "which the history"
	    " says");
	is_str(col(db, "SELECT status || ' ' || detail FROM appointment a"
	    " JOIN appointment_event e ON e.appointment_id = a.id"
	    " WHERE a.id = 4"), "checkedin force: visit is on 2030-12-02",
	    "checked in, and why");
	c = (struct appt_change){ .step = appt_step_of("cancel"),
	    .reason = "flu" };
	is_int(appt_change(db, id, &c, "ann", now, why), EX_DATAERR,
	    "a checked-in visit does not cancel");
	is_str(why, "apt-4 is checkedin, not booked", "said");
	c = (struct appt_change){ .step = appt_step_of("checkout") };
	is_int(appt_change(db, id, &c, "ann", now, why), 0, "checks out");
	ok(c.st.patient == 3 && strcmp(c.st.status, "checkedin") == 0,
	    "as it was before");
	a = visit(3, 2, "2030-12-02T16:30:00Z", 30);
	appt_insert(db, &a, "test", why);
	c = (struct appt_change){ .step = appt_step_of("noshow") };
	is_int(appt_change(db, a.id, &c, "ann", now, why), EX_DATAERR,
	    "no no-show before the visit");
	is_str(why, "apt-5 has not started yet", "said");
	is_int(appt_change(db, 99, &c, "ann", now, why), EX_DATAERR,
	    "none such");
	is_str(why, "no appointment apt-99", "said");
	ok(appt_step_of("move") == NULL, "move is no status change");
	{
		struct appt_stored	st;
		struct appt_booked	b;
		struct appt		m;

		is_int(appt_move_from(db, 4, &m, &st, why), EX_DATAERR,
		    "a checked-out visit does not move");
		is_str(why, "apt-4 is checkedout: only booked appointments "
		    "move", "said");
		is_int(appt_move_from(db, 5, &m, &st, why), 0, "apt-5 may");
		m.start += 86400;	/* to Tuesday */
		m.end += 86400;
		is_int(appt_move_to(db, &m, &st, 0, 0, "ann", now, &b),
		    EX_DATAERR, "not to a day without hours");
		ok(b.soft && strcmp(b.why, "prv-2 does not work on Tuesdays")
		    == 0, "a rule --force overrides");
		is_int(appt_move_to(db, &m, &st, 1, 0, "ann", now, &b), 0,
		    "forced, it moves");
		is_str(col(db, "SELECT forced || ' ' || detail || ' ' ||"
		    " old_start FROM appointment a JOIN appointment_event e"
		    " ON e.appointment_id = a.id WHERE a.id = 5"),
		    "1 force 2030-12-02T16:30:00Z",
		    "marked forced, its history the old time");
	}

	is_int(appt_find_provider(db, "prv-3", 1, &id, why), EX_DATAERR,
	    "a deactivated provider is not booked");
	is_str(why, "prv-3 is deactivated", "said");
	is_int(appt_find_provider(db, "prv-3", 0, &id, why), 0,
	    "but is looked at");
	is_int(appt_find_resource(db, "Gym", 1, &id, why), EX_DATAERR,
	    "no such room");
	is_str(why, "no room or device 'Gym' (see provider resource list)",
	    "said, with where to look");
}

static void
recurrence(void)
{
	struct recur_at	 at;
	const char	*why;
	time_t		 t;
	enum recur	 r;
	char		 s[STAMP_LEN];

	ok(recur_parse("biweekly", &r) == 0 && r == RECUR_BIWEEKLY,
	    "biweekly parses");
	ok(recur_parse("yearly", &r) != 0, "yearly does not");
	ok(recur_nth(RECUR_WEEKLY, fix_at("2030-12-02T09:00:00Z"), 0, &t, &at,
	    &why) == 0 && t == fix_at("2030-12-02T09:00:00Z"),
	    "instance 0 is the first");
	recur_nth(RECUR_BIWEEKLY, fix_at("2030-12-02T09:00:00Z"), 2, &t, &at,
	    &why);
	date_utc(t, s);
	is_str(s, "2030-12-30T09:00:00Z", "biweekly: the third four weeks on");
	recur_nth(RECUR_MONTHLY, fix_at("2031-01-31T09:30:00Z"), 1, &t, &at,
	    &why);
	date_utc(t, s);
	is_str(s, "2031-02-28T09:30:00Z", "monthly: clamped to the month");
	ok(strcmp(at.day, "2031-02-28") == 0 && at.minute == 570,
	    "with its day and minute");
	date_set_zone("America/New_York");
	recur_nth(RECUR_WEEKLY, fix_at("2030-10-28T09:00:00"), 1, &t, &at,
	    &why);
	date_local(t, s);
	is_str(s, "2030-11-04T09:00", "weekly keeps 09:00 across the change");
	date_set_zone("UTC");
}

static void
waiting(struct db *db)
{
	struct wait_entry	 e = { .patient = 2, .provider = 2,
	    .minutes = 60 };
	struct wait_match	*v = NULL;
	struct days		 d;
	size_t			 n = 0, hits = 0;
	long long		 id = 0, pat = 0;

	is_int(wait_add(db, &e, "ann", &id), 0, "a waiting patient");
	is_int(id, 1, "as wl-1");
	e = (struct wait_entry){ .patient = 3, .minutes = 600 };
	wait_add(db, &e, "ann", &id);
	e = (struct wait_entry){ .patient = 1, .minutes = 30,
	    .before = "2030-11-30" };
	wait_add(db, &e, "ann", &id);
	days_set(&d, "2030-12-02", "2030-12-02");
	is_int(wait_match(db, &d, "2030-11-01", 0, &v, &n, &hits), 0,
	    "a match");
	ok(n == 3 && hits == 1, "three waiting, one fits (%zu, %zu)", n,
	    hits);
	ok(n == 3 && v[0].slot.provider == 2 &&
	    v[0].slot.start == fix_at("2030-12-02T09:45:00Z") &&
	    v[1].slot.provider == 0 && v[2].slot.provider == 0,
	    "wl-1 prv-2 after pat-2's own overbooked visit; ten hours and "
	    "a date passed fit nothing");
	wait_matches_free(v, n);
	is_int(wait_remove(db, 1, &pat), 0, "wl-1 off");
	is_int(pat, 2, "was pat-2's");
	is_int(wait_remove(db, 1, &pat), EX_DATAERR, "not twice");
}

int
main(void)
{
	struct db *db;

	if ((db = fix_open()) == NULL)
		return done_testing();
	booking(db);
	reading(db);
	changes(db);
	recurrence();
	waiting(db);
	fix_close(db);
	return done_testing();
}

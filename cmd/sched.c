/*
 * sched - the clinic's calendar: booking, moving and cancelling visits,
 * free slots, the day's agenda, patient flow (check-in, check-out,
 * no-show), the waitlist, an iCalendar feed and importing an old calendar.
 *	sched book PATIENT --provider P --at TIME [--length L | --type T] ...
 *	sched move A --at TIME | cancel A ... | show A ... | history A
 *	sched list [--day D | --from D --to D] [filters] | day [D]
 *	sched free --provider P | --any [--from D --to D] [--length L]
 *	sched checkin A | checkout A | noshow A | noshow --auto
 *	sched waitlist add|list|remove|match
 *	sched ics --provider P [--from D --to D]
 *	sched import FILE.csv [--keep-going]
 * No two live appointments of a provider, a room or a patient overlap:
 * the schema's triggers hold that (see share/schema/005-schedule.sql).
 * The rules and the reading and writing are lib's (appt, slots, recur,
 * waitlist, apptimport, feed); this file is the verbs, their options,
 * their transactions and audit rows, and the printing.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "appt.h"
#include "apptimport.h"
#include "cfg.h"
#include "csvio.h"
#include "date.h"
#include "feed.h"
#include "patient.h"
#include "provider.h"
#include "rec.h"
#include "recur.h"
#include "slots.h"
#include "util.h"
#include "waitlist.h"

#define NOTE_MAX	1000	/* bytes in a note or a reason */
#define COUNT_MAX	104	/* instances of a recurring booking: 2 years weekly */
#define FREE_DAYS	7	/* sched free looks a week ahead by default */
#define MATCH_DAYS	14	/* waitlist match: two weeks */
#define ICS_DAYS	90	/* the feed: three months */

/* --- options ------------------------------------------------------------ */

/*
 * The options several verbs share, so each means the same everywhere.
 * A verb reads its options with take(): by short letter, the value, ""
 * for a flag, NULL when not given (the last given wins, as with getopt).
 */
#define O_PROVIDER(h)	{ "provider", 'p', OPT_VALUE, "P", h, \
	COMP_PROVIDER, NULL }
#define O_TYPE(h)	{ "type", 't', OPT_VALUE, "T", h, COMP_VISIT_TYPE, \
	NULL }
#define O_RESOURCE(h)	{ "resource", 'r', OPT_VALUE, "R", h, \
	COMP_RESOURCE, NULL }
#define O_LENGTH(h)	{ "length", 'l', OPT_VALUE, "L", h, COMP_NONE, NULL }
#define O_AT(h)		{ "at", 'a', OPT_VALUE, "TIME", h, COMP_NONE, \
	NULL }
#define O_NOTE		{ "note", 'n', OPT_VALUE, "TEXT", \
	"a note (one line, at most 1000 bytes)", COMP_NONE, NULL }
#define O_FORCE(h)	{ "force", 'f', OPT_FLAG, NULL, h, COMP_NONE, NULL }
#define O_OVERBOOK	{ "overbook", 'O', OPT_FLAG, NULL, \
	"book the provider or the patient twice on purpose", COMP_NONE, NULL }
#define O_FROM(h)	{ "from", 'F', OPT_VALUE, "D", h, COMP_DATE, NULL }
#define O_TO(h)		{ "to", 'T', OPT_VALUE, "D", h, COMP_DATE, NULL }

static const struct opt no_opts[] = { OPT_END };

static void
take(struct app *app, const char *v[128])
{
	int k;

	while ((k = app_opt(app)) > 0)
		if (k < 128)
			v[k] = app->optarg ? app->optarg : "";
}

/* --- finding things ---------------------------------------------------- */

/* Say why, when there is a why, and pass rc on. */
static int
said(int rc, const char *why)
{
	if (rc != 0 && why[0] != '\0')
		warnx("%s", why);
	return rc;
}

/* A provider to book with (live) or to look at: 0, or 65 said. */
static int
want_provider(struct app *app, const char *key, long long *id, int live_only)
{
	char why[APPT_WHY] = "";

	return said(appt_find_provider(app->db, key, live_only, id, why), why);
}

static int
want_type(struct app *app, const char *key, long long *id, int *minutes)
{
	char why[APPT_WHY] = "";

	return said(appt_find_type(app->db, key, id, minutes, why), why);
}

/* A room or device to book (live) or to look at: 0, or 65 said. */
static int
want_resource(struct app *app, const char *key, long long *id, int live_only)
{
	char why[APPT_WHY] = "";

	return said(appt_find_resource(app->db, key, live_only, id, why), why);
}

static int
want_apt(const char *key, long long *id)
{
	if (rec_id_parse(key, "apt", id) == 0)
		return 0;
	warnx("not an appointment id '%s' (like apt-12)", key);
	return EX_DATAERR;
}

/* Open what the verb needs, for someone who may schedule. */
static int
sched_open(struct app *app)
{
	int rc;

	if ((rc = app_open(app)) != 0)
		return rc;
	return app_require(app, CAP_SCHEDULE);
}

/* The stored state of an appointment: 0, or 65 said when there is none. */
static int
load(struct app *app, long long id, struct appt_stored *st)
{
	int rc = appt_load(app->db, id, st);

	if (rc == EX_DATAERR)
		warnx("no appointment apt-%lld", id);
	return rc;
}

/* --- times -------------------------------------------------------------- */

static int
parse_at(const char *opt, const char *s, time_t *t)
{
	const char *why;

	if (date_parse_instant(s, t, &why) == 0)
		return 0;
	warnx("%s '%s': %s", opt, s, why);
	return EX_DATAERR;
}

static int
parse_length(const char *opt, const char *s, int *minutes)
{
	const char *why;

	if (appt_length(s, minutes, &why) == 0)
		return 0;
	warnx("%s '%s': %s", opt, s, why);
	return EX_DATAERR;
}

/* --end, as a length after start. */
static int
parse_end(time_t start, const char *s, int *minutes)
{
	char	why[APPT_WHY];
	time_t	end;
	int	rc;

	if ((rc = parse_at("--end", s, &end)) != 0)
		return rc;
	if (appt_until(start, end, "--at", minutes, why) == 0)
		return 0;
	warnx("--end '%s': %s", s, why);
	return EX_DATAERR;
}

static int
parse_day(const char *opt, const char *s, char day[DATE_LEN])
{
	if (date_parse_day(s, day) == 0)
		return 0;
	warnx("%s '%s': not a date (use 2026-11-27, today or +3d)", opt, s);
	return EX_DATAERR;
}

/* A text option: 0, or 65 said. */
static int
check_text(const char *opt, const char *s)
{
	const char *why;

	if (s == NULL || (why = text_problem(s, NOTE_MAX,
	    TEXT_LINES | TEXT_BYTES)) == NULL)
		return 0;
	warnx("%s: %s", opt, why);
	return EX_DATAERR;
}

/*
 * The local days from..to, both included, and their stored bounds, from
 * --day, or --from/--to (each defaulting to dflt_from/dflt_to days from
 * today, or to all time when that is NULL).
 */
struct span {
	const char	*day, *from, *to;	/* options as typed */
	struct days	 d;
};

static int
span_parse(struct span *sp, const char *dflt_from, const char *dflt_to)
{
	char why[DAYS_WHY] = "";

	return said(days_parse(&sp->d, sp->day, sp->from, sp->to, dflt_from,
	    dflt_to, why), why);
}

/*
 * --from (default today) and --to (default days - 1 after --from): the
 * window free slots, waitlist matches and the feed look at.
 */
static int
span_ahead(struct span *sp, int days)
{
	char why[DAYS_WHY] = "";

	return said(days_ahead(&sp->d, sp->day, sp->from, sp->to, days, why),
	    why);
}

/* --- book, move --------------------------------------------------------- */

/* Audit detail for a booking or a move. */
static void
detail(char *out, size_t n, const struct appt *a, const char *forced)
{
	char at[STAMP_LEN];

	date_local(a->start, at);
	snprintf(out, n, "prv-%lld %s %ldm%s%s%s", a->provider, at,
	    (long)(a->end - a->start) / 60, a->overbook ? " overbook" : "",
	    forced ? " force: " : "", forced ? forced : "");
}

/* Say a patient who may not be booked. */
static int
bookable(struct app *app, long long patient)
{
	char why[APPT_WHY] = "";

	return said(appt_bookable(app->db, patient, why), why);
}

static const struct opt book_opts[] = {
	O_PROVIDER("the provider seen (prv- id or NPI)"),
	O_AT("when the visit starts (2026-11-27 09:00)"),
	{ "end", 'e', OPT_VALUE, "TIME", "when it ends (instead of a length)",
	    COMP_NONE, NULL },
	O_LENGTH("how long (20m, 1h, 1h30m)"),
	O_TYPE("the visit type (and so its length)"),
	O_RESOURCE("the room or device it takes"),
	O_NOTE,
	{ "recur", 'R', OPT_VALUE, "EVERY", "repeat the visit, a count of times",
	    COMP_WORDS, "daily weekly biweekly monthly" },
	{ "count", 'c', OPT_VALUE, "N", "how many visits in the series",
	    COMP_NONE, NULL },
	{ "skip", 's', OPT_FLAG, NULL, "in a series, book what can be booked",
	    COMP_NONE, NULL },
	O_FORCE("book outside hours, on a day off or in the past"),
	O_OVERBOOK,
	OPT_END
};

static int
verb_book(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };
	struct appt	 a = { 0 };
	struct idlist	 ids = { 0 };
	struct appt_series sr = { 0 };
	struct appt_booked b;
	enum recur	 recur = RECUR_ONCE;
	long long	 count = 1;
	char		 rec[32], det[APPT_WHY + 64];
	int		 rc, minutes = 0, booked = 0;

	take(app, o);
	if (argc != 1 || o['p'] == NULL || o['a'] == NULL) {
		warnx("book wants PATIENT, --provider and --at");
		return EX_USAGE;
	}
	if (o['l'] && (o['e'] || o['t'])) {
		warnx(o['e'] ? "--length or --end, not both" :
		    "--length or --type, not both (a type has its length)");
		return EX_USAGE;
	}
	if (o['R'] && recur_parse(o['R'], &recur) != 0) {
		warnx("--recur wants daily, weekly, biweekly or monthly, "
		    "not '%s'", o['R']);
		return EX_USAGE;
	}
	if (o['c'] && (rc = app_count("--count", o['c'], 1, &count)) != 0)
		return rc;
	if ((o['R'] != NULL) != (o['c'] != NULL)) {
		warnx("--recur and --count go together");
		return EX_USAGE;
	}
	if (count > COUNT_MAX) {
		warnx("--count %lld: at most %d appointments at once",
		    count, COUNT_MAX);
		return EX_USAGE;
	}
	if ((rc = check_text("--note", o['n'])) != 0)
		return rc;
	if ((rc = app_config(app)) != 0 ||
	    (rc = parse_at("--at", o['a'], &sr.first)) != 0 ||
	    (o['l'] && (rc = parse_length("--length", o['l'],
	    &minutes)) != 0) ||
	    (o['e'] && (rc = parse_end(sr.first, o['e'], &minutes)) != 0))
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (o['O'] != NULL && (rc = app_require(app, CAP_OVERBOOK)) != 0) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &a.patient)) != 0 ||
	    (rc = want_provider(app, o['p'], &a.provider, 1)) != 0 ||
	    (o['t'] && (rc = want_type(app, o['t'], &a.type, o['e'] ? NULL :
	    &minutes)) != 0) ||
	    (o['r'] && (rc = want_resource(app, o['r'], &a.resource,
	    1)) != 0) ||
	    (rc = bookable(app, a.patient)) != 0)
		goto fail;
	if (minutes == 0) {
		warnx("say how long: --length (20m, 1h) or --type");
		rc = EX_USAGE;
		goto fail;
	}
	a.note = o['n'];
	sr = (struct appt_series){ recur, count, sr.first, minutes,
	    o['f'] != NULL, o['O'] != NULL };
	for (long long k = 0; k < count; k++) {
		int r = appt_book_nth(app->db, &sr, k, &a, app->who.login,
		    time(NULL), &b);

		if (r == EX_DATAERR && o['s']) {
			warnx("skipped %s%s", b.label, b.why);
			continue;
		}
		if (r != 0) {
			if (r == EX_DATAERR)
				warnx("%s%s%s", b.label, b.why,
				    b.soft && !o['f'] ?
				    " (--force to book anyway)" : "");
			rc = r;
			goto fail;
		}
		/* the reason a rule was overridden is in the audit detail */
		detail(det, sizeof(det), &a, a.forced ? b.forced : NULL);
		snprintf(rec, sizeof(rec), "apt-%lld", a.id);
		if ((rc = app_log(app, a.patient, rec, det)) != 0)
			goto fail;
		idlist_add(&ids, a.id);
		booked++;
	}
	if (booked == 0) {
		warnx("nothing booked");
		rc = EX_DATAERR;
		goto fail;
	}
	if ((rc = app_commit(app)) != 0)
		goto fail;
	rc = idlist_print(&ids, "apt", stdout);
	idlist_free(&ids);
	return rc;
fail:
	app_rollback(app);
	idlist_free(&ids);
	return rc;
}

static const struct opt move_opts[] = {
	O_AT("the new start"),
	O_LENGTH("the new length"),
	O_PROVIDER("the new provider"),
	O_RESOURCE("the new room or device"),
	O_FORCE("move outside hours, onto a day off or into the past"),
	O_OVERBOOK,
	OPT_END
};

static int
verb_move(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };
	struct appt_stored st;
	struct appt	 a = { 0 };
	struct appt_booked b;
	char		 why[APPT_WHY] = "", det[APPT_WHY + 64], rec[32];
	long long	 id;
	time_t		 at = 0;
	int		 rc, minutes = 0;

	take(app, o);
	if (argc != 1 || (!o['a'] && !o['l'] && !o['p'] && !o['r'])) {
		warnx("move wants APPOINTMENT and --at, --length, --provider "
		    "or --resource");
		return EX_USAGE;
	}
	if ((rc = want_apt(argv[0], &id)) != 0 ||
	    (rc = app_config(app)) != 0 ||
	    (o['a'] && (rc = parse_at("--at", o['a'], &at)) != 0) ||
	    (o['l'] && (rc = parse_length("--length", o['l'], &minutes)) != 0))
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (o['O'] && (rc = app_require(app, CAP_OVERBOOK)) != 0) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = said(appt_move_from(app->db, id, &a, &st, why), why)) != 0)
		goto fail;
	a.start = o['a'] ? at : st.start;
	a.end = a.start + (o['l'] ? 60L * minutes : st.end - st.start);
	if ((o['p'] && (rc = want_provider(app, o['p'], &a.provider,
	    1)) != 0) ||
	    (o['r'] && (rc = want_resource(app, o['r'], &a.resource, 1)) != 0))
		goto fail;
	if ((rc = appt_move_to(app->db, &a, &st, o['f'] != NULL, o['O'] != NULL,
	    app->who.login, time(NULL), &b)) != 0) {
		if (rc == EX_DATAERR)
			warnx("%s%s", b.why, b.soft ?
			    " (--force to move anyway)" : "");
		goto fail;
	}
	detail(det, sizeof(det), &a, a.forced ? b.forced : NULL);
	snprintf(rec, sizeof(rec), "apt-%lld", a.id);
	if ((rc = app_log(app, a.patient, rec, det)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("apt-%lld\n", a.id);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

/* --- status changes ----------------------------------------------------- */

struct change {
	struct app		*app;
	const struct appt_step	*step;
	const char		*reason;
	int			 force;
};

/* Warn at check-in when the visit's day has no coverage on file. */
static int
coverage_warning(struct app *app, long long patient, time_t start)
{
	char	day[DATE_LEN], ended[DATE_LEN];
	int	rc, covered;

	date_day_of(start, day, NULL, NULL);
	if ((rc = appt_coverage(app->db, patient, day, &covered, ended)) != 0
	    || covered)
		return rc;
	if (ended[0])
		warnx("warning: pat-%lld's coverage ended %s: ask for the new "
		    "card", patient, ended);
	else
		warnx("warning: pat-%lld has no insurance coverage on file: "
		    "self-pay, or add it with patient coverage add", patient);
	return 0;
}

static int
change_one(const char *key, void *arg)
{
	struct change		*c = arg;
	struct app		*app = c->app;
	struct appt_change	 ch = { .step = c->step,
	    .reason = c->reason, .force = c->force };
	long long		 id;
	char			 rec[32], why[APPT_WHY] = "";
	int			 rc;

	if ((rc = want_apt(key, &id)) != 0)
		return rc;
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = appt_change(app->db, id, &ch, app->who.login, time(NULL),
	    why)) != 0) {
		said(rc, why);
		goto fail;
	}
	snprintf(rec, sizeof(rec), "apt-%lld", id);
	if ((rc = app_log(app, ch.st.patient, rec, ch.detail)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("apt-%lld\n", id);
	if (strcmp(c->step->to, "checkedin") == 0)
		return coverage_warning(app, ch.st.patient, ch.st.start);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

static int
change(int argc, char *argv[], struct app *app, const char *reason,
    int force)
{
	struct change	 c = { app, NULL, reason, force };
	int		 rc;

	c.step = appt_step_of(app->verb->name);
	if ((rc = sched_open(app)) != 0)
		return rc;
	return rec_each(argc, argv, change_one, &c);
}

static const struct opt cancel_opts[] = {
	{ "reason", 'r', OPT_VALUE, "TEXT", "why (kept with the appointment)",
	    COMP_NONE, NULL },
	OPT_END
};

static int
verb_cancel(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };
	int		 rc;

	take(app, o);
	if ((rc = check_text("--reason", o['r'])) != 0)
		return rc;
	return change(argc, argv, app, o['r'], 0);
}

static const struct opt checkin_opts[] = {
	O_FORCE("check in a visit of another day"),
	OPT_END
};

static int
verb_checkin(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };

	take(app, o);
	return change(argc, argv, app, NULL, o['f'] != NULL);
}

static int
verb_flow(int argc, char *argv[], struct app *app)
{
	return change(argc, argv, app, NULL, 0);
}

/* noshow A ..., or --auto: every booked visit that ended by --before. */
static const struct opt noshow_opts[] = {
	{ "auto", 'a', OPT_FLAG, NULL, "every booked visit that has ended",
	    COMP_NONE, NULL },
	{ "before", 'b', OPT_VALUE, "TIME", "only visits that ended by then "
	    "(default now)", COMP_NONE, NULL },
	OPT_END
};

static int
verb_noshow(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };
	struct idlist	 ids = { 0 };
	char		 before[STAMP_LEN], rec[48];
	time_t		 t = time(NULL);
	int		 rc;

	take(app, o);
	if (!o['a']) {
		if (o['b']) {
			warnx("--before goes with --auto");
			return EX_USAGE;
		}
		return change(argc, argv, app, NULL, 0);
	}
	if (argc != 0) {
		warnx("--auto takes no appointments");
		return EX_USAGE;
	}
	if ((rc = app_config(app)) != 0 ||
	    (o['b'] && (rc = parse_at("--before", o['b'], &t)) != 0))
		return rc;
	if (t > time(NULL)) {
		warnx("--before %s is in the future", o['b']);
		return EX_DATAERR;
	}
	date_utc(t, before);
	if ((rc = sched_open(app)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = appt_noshow_auto(app->db, before, app->who.login,
	    &ids)) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "%lld appointments", ids.n);
	if ((rc = app_log(app, 0, rec, idlist_str(&ids))) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	rc = idlist_print(&ids, "apt", stdout);
	idlist_free(&ids);
	return rc;
fail:
	app_rollback(app);
	idlist_free(&ids);
	return rc;
}

/* --- reading ------------------------------------------------------------ */

static int
verb_show(int argc, char *argv[], struct app *app)
{
	struct idlist	 ids = { 0 }, pats = { 0 };
	long long	*v = NULL, id;
	size_t		 n = 0;
	int		 rc = 0, worst = 0;
	char		 rec[48];

	if (argc < 1) {
		warnx("show wants one or more appointments");
		return EX_USAGE;
	}
	if ((rc = sched_open(app)) != 0)
		return rc;
	for (int i = 0; i < argc; i++) {
		struct appt_stored st;

		if ((rc = want_apt(argv[i], &id)) != 0 ||
		    (rc = load(app, id, &st)) != 0) {
			if (rc != EX_DATAERR)
				goto out;
			worst = rc;
			continue;
		}
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = id;
		idlist_add(&ids, id);
		idlist_add(&pats, st.patient);
	}
	rc = 0;
	if (n == 0)
		goto out;
	snprintf(rec, sizeof(rec), "%zu appointments: %s", n,
	    idlist_str(&ids));
	if ((rc = app_audit(app, n == 1 ? pats.lo : 0, rec,
	    idlist_str(&pats))) != 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (out_stmt(app->out, appt_show_stmt(app->db, v[i]), NULL,
		    NULL) < 0) {
			rc = EX_SOFTWARE;
			break;
		}
out:
	free(v);
	idlist_free(&ids);
	idlist_free(&pats);
	return rc ? rc : worst;
}

static int
verb_history(int argc, char *argv[], struct app *app)
{
	struct appt_stored st;
	long long	 id;
	char		 rec[32];
	int		 rc;

	if (argc != 1) {
		warnx("history wants one appointment");
		return EX_USAGE;
	}
	if ((rc = want_apt(argv[0], &id)) != 0 ||
	    (rc = sched_open(app)) != 0 ||
	    (rc = load(app, id, &st)) != 0)
		return rc;
	snprintf(rec, sizeof(rec), "apt-%lld", id);
	if ((rc = app_audit(app, st.patient, rec, NULL)) != 0)
		return rc;
	return out_stmt(app->out, appt_history_stmt(app->db, id), NULL,
	    NULL) < 0 ? EX_SOFTWARE : 0;
}

static const struct opt list_opts[] = {
	{ "day", 'd', OPT_VALUE, "D", "one day (default today)", COMP_DATE,
	    NULL },
	O_FROM("from this day"),
	O_TO("to this day, included"),
	O_PROVIDER("one provider's"),
	{ "patient", 'P', OPT_VALUE, "PAT", "one patient's (all days unless "
	    "given)", COMP_PATIENT, NULL },
	{ "status", 's', OPT_VALUE, "S", "only this status", COMP_WORDS,
	    "booked checkedin checkedout cancelled noshow" },
	O_RESOURCE("one room's or device's"),
	OPT_END
};

static int
verb_list(int argc, char *argv[], struct app *app)
{
	const char		*o[128] = { 0 }, *prv, *pat, *res;
	struct span		 sp = { 0 };
	struct appt_filter	 f = { 0 };
	int			 rc;

	take(app, o);
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	sp.day = o['d'], sp.from = o['F'], sp.to = o['T'], f.status = o['s'];
	prv = o['p'], pat = o['P'], res = o['r'];
	if (f.status && !appt_status_valid(f.status)) {
		warnx("--status wants booked, checkedin, checkedout, "
		    "cancelled or noshow, not '%s'", f.status);
		return EX_USAGE;
	}
	/* a patient's list is all of it; anyone else's, today's */
	if ((rc = app_config(app)) != 0 ||
	    (rc = span_parse(&sp, pat ? NULL : "today", pat ? NULL :
	    sp.from ? NULL : "today")) != 0)
		return rc;
	if ((rc = sched_open(app)) != 0)
		return rc;
	if ((prv && (rc = want_provider(app, prv, &f.provider, 0)) != 0) ||
	    (pat && (rc = pat_resolve(app->db, pat, &f.patient)) != 0) ||
	    (res && (rc = want_resource(app, res, &f.resource, 0)) != 0))
		return rc;
	f.lo = sp.d.lo;
	f.hi = sp.d.hi;
	return app_list_phi(app, appt_list_stmt(app->db, &f), 3,
	    "appointments", 0);
}

/* s and blanks to width columns (a column's worth of wide characters). */
static void
pad(const char *s, size_t width)
{
	size_t w = utf8_width(s);

	printf("%s%*s ", s, w < width ? (int)(width - w) : 0, "");
}

/* The day's patients, for the audit row that goes before the paper. */
static int
day_count(const struct appt_line *l, void *arg)
{
	idlist_add(arg, l->patient);
	return 0;
}

static int
day_print(const struct appt_line *l, void *arg)
{
	long long *last = arg;

	if (l->provider != *last) {
		printf("\n%s%s%s (prv-%lld)\n", l->provider_name,
		    l->credential ? ", " : "", l->credential ?
		    l->credential : "", l->provider);
		*last = l->provider;
	}
	printf("  %s-%s  ", l->start, l->end);
	pad(l->name, 28);
	printf("MRN ");
	pad(l->mrn, 10);
	pad(l->type ? l->type : "-", 16);
	pad(l->room ? l->room : "", 10);
	printf("%s%s%s", l->status, l->overbook ? " (overbooked)" : "",
	    l->note ? "  -- " : "");
	/* one line a visit, whatever the note holds */
	for (const char *c = l->note ? l->note : ""; *c; c++)
		putchar((unsigned char)*c < ' ' ? ' ' : *c);
	putchar('\n');
	return 0;
}

/* The printable agenda: one block per provider, one line per visit. */
static const struct opt day_opts[] = {
	O_PROVIDER("one provider's agenda"),
	OPT_END
};

static int
verb_day(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };
	struct span	 sp = { 0 };
	struct idlist	 pats = { 0 };
	long long	 prv_id = 0, last = 0;
	char		 title[64], rec[64];
	int		 rc;
	struct tm	 tm = { 0 };

	take(app, o);
	if (argc > 1)
		return app_none(argc - 1, argv + 1);
	sp.day = argc > 0 ? argv[0] : "today";
	if ((rc = app_config(app)) != 0 ||
	    (rc = span_parse(&sp, NULL, NULL)) != 0)
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (o['p'] && (rc = want_provider(app, o['p'], &prv_id, 0)) != 0))
		return rc;
	/* the audit row goes first: nothing is on paper without it */
	if ((rc = appt_each_line(app->db, sp.d.lo, sp.d.hi, prv_id,
	    day_count, &pats)) != 0)
		goto out;
	snprintf(rec, sizeof(rec), "%lld appointments: agenda %s", pats.n,
	    sp.d.first);
	if ((rc = app_audit(app, 0, rec, idlist_str(&pats))) != 0)
		goto out;
	sscanf(sp.d.first, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_hour = 12;
	mktime(&tm);
	strftime(title, sizeof(title), "%A %Y-%m-%d", &tm);
	printf("%s\n", title);
	if ((rc = appt_each_line(app->db, sp.d.lo, sp.d.hi, prv_id,
	    day_print, &last)) != 0)
		goto out;
	if (pats.n == 0)
		printf("\n(no appointments)\n");
	rc = fflush(stdout) == 0 ? 0 : EX_IOERR;
out:
	idlist_free(&pats);
	return rc;
}

/* --- free slots --------------------------------------------------------- */

static void
slot_print(struct out *o, const struct slot *sl)
{
	char	 prv[32], a[STAMP_LEN], b[STAMP_LEN], min[24];
	const char *row[] = { prv, a, b, min };

	snprintf(prv, sizeof(prv), "prv-%lld", sl->provider);
	date_local(sl->start, a);
	date_local(sl->end, b);
	snprintf(min, sizeof(min), "%ld", (long)(sl->end - sl->start) / 60);
	out_text_row(o, row);
}

static const struct opt free_opts[] = {
	O_PROVIDER("one provider's open time"),
	{ "any", 'A', OPT_FLAG, NULL, "the first slot with any provider",
	    COMP_NONE, NULL },
	O_FROM("from this day (default today)"),
	O_TO("to this day, included (default a week on)"),
	O_LENGTH("slots at least this long"),
	O_TYPE("slots long enough for this visit type"),
	{ "limit", 'n', OPT_VALUE, "N", "at most N slots (default 1000)",
	    COMP_NONE, NULL },
	OPT_END
};

static int
verb_free(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };
	static const char *const cols[] = { "provider", "start", "end",
	    "minutes" };
	struct span	 sp = { 0 };
	struct slots	 sl = { 0 };
	const char	*prv, *len, *type;
	long long	 prv_id = 0, type_id, limit = 1000;
	int		 rc, any, minutes = 0;

	take(app, o);
	prv = o['p'], len = o['l'], type = o['t'], any = o['A'] != NULL;
	sp.from = o['F'], sp.to = o['T'];
	if (o['n'] && (rc = app_count("--limit", o['n'], 1, &limit)) != 0)
		return rc;
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if ((prv == NULL) == (any == 0)) {
		warnx("free wants --provider P or --any");
		return EX_USAGE;
	}
	if (len && type) {
		warnx("--length or --type, not both");
		return EX_USAGE;
	}
	if (any && !len && !type) {
		warnx("--any wants --length or --type: the first slot for what?");
		return EX_USAGE;
	}
	if ((rc = app_config(app)) != 0 ||
	    (rc = span_ahead(&sp, FREE_DAYS)) != 0)
		return rc;
	if (len && (rc = parse_length("--length", len, &minutes)) != 0)
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (prv && (rc = want_provider(app, prv, &prv_id, 0)) != 0) ||
	    (type && (rc = want_type(app, type, &type_id, &minutes)) != 0))
		return rc;
	if (prv)
		rc = slots_free(app->db, prv_id, 0, &sp.d, time(NULL), minutes,
		    (size_t)limit, &sl);
	else
		rc = slots_first(app->db, 0, 0, &sp.d, time(NULL), minutes,
		    &sl);
	if (rc == 0) {
		out_cols(app->out, nitems(cols), cols);
		for (size_t i = 0; i < sl.n; i++)
			slot_print(app->out, &sl.v[i]);
		rc = sl.n ? 0 : 1;
	}
	slots_free_all(&sl);
	return rc;
}

/* --- waitlist ----------------------------------------------------------- */

static const struct opt wait_add_opts[] = {
	O_PROVIDER("the provider wanted (default any)"),
	O_TYPE("the visit type wanted"),
	O_LENGTH("the length wanted"),
	{ "before", 'b', OPT_VALUE, "DATE", "wanted before this day",
	    COMP_DATE, NULL },
	O_NOTE,
	OPT_END
};

static int
verb_wait_add(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };
	struct wait_entry e = { 0 };
	const char	*prv, *type, *len, *before;
	char		 day[DATE_LEN], rec[32];
	long long	 id;
	int		 rc;

	take(app, o);
	prv = o['p'], type = o['t'], len = o['l'], before = o['b'];
	e.note = o['n'];
	if (argc != 1) {
		warnx("waitlist add wants one PATIENT");
		return EX_USAGE;
	}
	if (len && type) {
		warnx("--length or --type, not both");
		return EX_USAGE;
	}
	if ((len && (rc = parse_length("--length", len, &e.minutes)) != 0) ||
	    (rc = app_config(app)) != 0 ||
	    (before && (rc = parse_day("--before", before, day)) != 0) ||
	    (rc = check_text("--note", e.note)) != 0)
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &e.patient)) != 0 ||
	    (prv && (rc = want_provider(app, prv, &e.provider, 1)) != 0) ||
	    (type && (rc = want_type(app, type, &e.type, &e.minutes)) != 0) ||
	    (rc = bookable(app, e.patient)) != 0)
		goto fail;
	e.before = before ? day : NULL;
	if ((rc = wait_add(app->db, &e, app->who.login, &id)) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "wl-%lld", id);
	if ((rc = app_log(app, e.patient, rec, NULL)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("%s\n", rec);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

static int
verb_wait_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if ((rc = sched_open(app)) != 0)
		return rc;
	return app_list_phi(app, wait_list_stmt(app->db), 1,
	    "waitlist entries", 0);
}

static int
wait_remove_one(const char *key, void *arg)
{
	struct app	*app = arg;
	long long	 id, pat = 0;
	int		 rc;

	if (rec_id_parse(key, "wl", &id) != 0) {
		warnx("not a waitlist id '%s' (like wl-3)", key);
		return EX_DATAERR;
	}
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = wait_remove(app->db, id, &pat)) == EX_DATAERR)
		warnx("no waiting entry wl-%lld", id);
	else if (rc == 0)
		rc = app_log(app, pat, key, NULL);
	if (rc == 0 && (rc = app_commit(app)) == 0) {
		printf("wl-%lld\n", id);
		return 0;
	}
	app_rollback(app);
	return rc;
}

static int
verb_wait_remove(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = sched_open(app)) != 0)
		return rc;
	return rec_each(argc, argv, wait_remove_one, app);
}

/*
 * Every waiting patient with the first slot that fits them: their
 * provider (or any), their length, before their date.  First column the
 * patient, so the list pipes into remind.
 */
static const struct opt wait_match_opts[] = {
	O_FROM("slots from this day (default today)"),
	O_TO("to this day, included (default two weeks on)"),
	OPT_END
};

static int
verb_wait_match(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };
	static const char *const cols[] = { "patient", "waitlist", "name",
	    "provider", "start", "end", "minutes" };
	struct span		 sp = { 0 };
	struct idlist		 pats = { 0 };
	struct wait_match	*v = NULL;
	size_t			 n = 0, hit = 0;
	char			 today[DATE_LEN], rec[48];
	int			 rc;

	take(app, o);
	sp.from = o['F'], sp.to = o['T'];
	if ((rc = app_none(argc, argv)) != 0 ||
	    (rc = app_config(app)) != 0 ||
	    (rc = span_ahead(&sp, MATCH_DAYS)) != 0)
		return rc;
	if ((rc = sched_open(app)) != 0)
		return rc;
	date_parse_day("today", today);
	if ((rc = wait_match(app->db, &sp.d, today, time(NULL), &v, &n,
	    &hit)) != 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (v[i].slot.provider)
			idlist_add(&pats, v[i].patient);
	snprintf(rec, sizeof(rec), "%zu waiting patients", hit);
	if ((rc = app_audit(app, 0, rec, idlist_str(&pats))) != 0)
		goto out;
	out_cols(app->out, nitems(cols), cols);
	for (size_t i = 0; i < n; i++) {
		char pat[32], wl[32], prv[32], a[STAMP_LEN], b[STAMP_LEN];
		char min[16];
		const char *row[] = { pat, wl, v[i].name, prv, a, b, min };

		if (v[i].slot.provider == 0)
			continue;
		snprintf(pat, sizeof(pat), "pat-%lld", v[i].patient);
		snprintf(wl, sizeof(wl), "wl-%lld", v[i].wl);
		snprintf(prv, sizeof(prv), "prv-%lld", v[i].slot.provider);
		date_local(v[i].slot.start, a);
		date_local(v[i].slot.end, b);
		snprintf(min, sizeof(min), "%d", v[i].minutes);
		out_text_row(app->out, row);
	}
	rc = hit ? 0 : 1;
out:
	wait_matches_free(v, n);
	idlist_free(&pats);
	return rc;
}

/* --- iCalendar ---------------------------------------------------------- */

static const struct opt ics_opts[] = {
	O_PROVIDER("whose calendar"),
	O_FROM("from this day (default today)"),
	O_TO("to this day, included (default 90 days on)"),
	{ "names", 'N', OPT_FLAG, NULL, "patients' full names, not initials",
	    COMP_NONE, NULL },
	OPT_END
};

static int
verb_ics(int argc, char *argv[], struct app *app)
{
	const char	*v[128] = { 0 }, *prv, *tz;
	struct span	 sp = { 0 };
	struct feed_opts o = { 0 };
	char		 rec[64], *prodid;
	int		 rc;

	take(app, v);
	prv = v['p'], sp.from = v['F'], sp.to = v['T'];
	o.names = v['N'] != NULL;
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if (prv == NULL) {
		warnx("ics wants --provider");
		return EX_USAGE;
	}
	if ((rc = app_config(app)) != 0 ||
	    (rc = span_ahead(&sp, ICS_DAYS)) != 0)
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (rc = want_provider(app, prv, &o.provider, 0)) != 0)
		return rc;
	/* the audit row first: the feed leaves the building */
	snprintf(rec, sizeof(rec), "prv-%lld calendar%s", o.provider,
	    o.names ? " with names" : "");
	if ((rc = app_audit(app, 0, rec, NULL)) != 0)
		return rc;
	tz = app->cfg->clinic_timezone ? app->cfg->clinic_timezone :
	    getenv("TZ");
	o.days = &sp.d;
	o.npi = app->cfg->clinic_npi;
	o.tzid = tz && *tz ? tz : NULL;
	o.prodid = prodid = xasprintf("-//clinix//sched %s//EN", APP_VERSION);
	rc = feed_write(app->db, stdout, &o);
	free(prodid);
	return rc;
}

/* --- import ------------------------------------------------------------- */

static const struct opt import_opts[] = {
	{ "keep-going", 'k', OPT_FLAG, NULL,
	    "import the good rows when some are bad", COMP_NONE, NULL },
	OPT_END
};

static int
verb_import(int argc, char *argv[], struct app *app)
{
	const char	*o[128] = { 0 };
	struct appt_import im;
	struct csvin	*in = NULL;
	const char	*name;
	char		 rec[48];
	int		 rc, tty = isatty(STDERR_FILENO);

	take(app, o);
	if (argc != 1)
		return EX_USAGE;
	if ((rc = sched_open(app)) != 0 ||
	    (rc = csvin_open(&in, argv[0])) != 0)
		return rc;
	name = csvin_name(in);
	appt_import_init(&im, app->db, name, app->who.login, time(NULL));
	if ((rc = appt_import_head(&im, in)) != 0)
		goto out;
	db_cache_mb(app->db, 32);
	if ((rc = app_begin(app)) != 0)
		goto out;
	rc = appt_import_rows(&im, in, tty);
	if (rc == 0 && im.bad > 0 && !o['k'])
		rc = EX_DATAERR;
	if (rc != 0) {
		app_rollback(app);
		if (rc == EX_DATAERR && im.bad > 0)
			warnx("%s: %lld bad %s: nothing imported", name,
			    im.bad, im.bad == 1 ? "row" : "rows");
		goto out;
	}
	snprintf(rec, sizeof(rec), "%lld appointments imported", im.ids.n);
	if ((rc = app_log(app, 0, rec, idlist_str(&im.ids))) != 0 ||
	    (rc = app_commit(app)) != 0) {
		app_rollback(app);
		goto out;
	}
	rc = idlist_print(&im.ids, "apt", stdout);
	if (isatty(STDERR_FILENO) || im.bad)
		warnx("%s: %lld rows: %lld imported, %lld bad", name,
		    im.rows, im.ids.n, im.bad);
	if (rc == 0 && im.bad)
		rc = EX_DATAERR;
out:
	csvin_close(in);
	appt_import_free(&im);
	return rc;
}

static const struct verb verbs[] = {
	{ "book", verb_book, DB_RW, "PATIENT --provider P --at TIME "
	    "[--length L | --end TIME] [--type T] [--resource R] [--note TEXT] "
	    "[--recur daily|weekly|biweekly|monthly --count N] [--skip] "
	    "[--force] [--overbook]",
	    "book a visit (or a series); prints the apt- ids",
	    book_opts, COMP_PATIENT },
	{ "move", verb_move, DB_RW, "APPOINTMENT [--at TIME] [--length L] "
	    "[--provider P] [--resource R] [--force] [--overbook]",
	    "move a booked visit (history kept)",
	    move_opts, COMP_APPT },
	{ "cancel", verb_cancel, DB_RW, "APPOINTMENT ... [--reason TEXT]",
	    "cancel visits; the slot is free again",
	    cancel_opts, COMP_APPT },
	{ "show", verb_show, DB_RO, "APPOINTMENT ...", "appointments in full",
	    no_opts, COMP_APPT },
	{ "history", verb_history, DB_RO, "APPOINTMENT",
	    "what happened to an appointment",
	    no_opts, COMP_APPT },
	{ "list", verb_list, DB_RO, "[--day D | --from D --to D] "
	    "[--provider P] [--patient PAT] [--status S] [--resource R]",
	    "appointments, today's by default",
	    list_opts, COMP_NONE },
	{ "day", verb_day, DB_RO, "[DAY] [--provider P]",
	    "printable agenda per provider",
	    day_opts, COMP_DATE },
	{ "free", verb_free, DB_RO, "--provider P | --any [--from D --to D] "
	    "[--length L | --type T] [--limit N]",
	    "open slots (a week from today by default)",
	    free_opts, COMP_NONE },
	{ "checkin", verb_checkin, DB_RW, "APPOINTMENT ... [--force]",
	    "the patient arrived (warns about missing coverage)",
	    checkin_opts, COMP_APPT },
	{ "checkout", verb_flow, DB_RW, "APPOINTMENT ...",
	    "the visit is over",
	    no_opts, COMP_APPT },
	{ "noshow", verb_noshow, DB_RW, "APPOINTMENT ... | --auto "
	    "[--before TIME]", "mark missed visits (--auto: for cron)",
	    noshow_opts, COMP_APPT },
	{ "waitlist add", verb_wait_add, DB_RW, "PATIENT [--provider P] "
	    "[--type T | --length L] [--before DATE] [--note TEXT]",
	    "put a patient on the waitlist",
	    wait_add_opts, COMP_PATIENT },
	{ "waitlist list", verb_wait_list, DB_RO, "", "who is waiting",
	    no_opts, COMP_NONE },
	{ "waitlist remove", verb_wait_remove, DB_RW, "WAITLIST ...",
	    "take entries off the waitlist",
	    no_opts, COMP_NONE },
	{ "waitlist match", verb_wait_match, DB_RO, "[--from D --to D]",
	    "waiting patients and the first free slot that fits each",
	    wait_match_opts, COMP_NONE },
	{ "ics", verb_ics, DB_RO, "--provider P [--from D --to D] [--names]",
	    "a provider's calendar as iCalendar (initials only by default)",
	    ics_opts, COMP_NONE },
	{ "import", verb_import, DB_RW, "FILE.csv [--keep-going]",
	    "bring in appointments from another calendar",
	    import_opts, COMP_FILE },
};

static const struct prog prog = { "sched",
    "the clinic's calendar: book, move, cancel, free slots, patient flow",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

/*
 * sched - the clinic's calendar: booking, moving and cancelling visits,
 * free slots, the day's agenda, patient flow (check-in, check-out,
 * no-show), the waitlist, an iCalendar feed and importing an old calendar.
 *	sched book PATIENT --provider P --at TIME [--length L | --type T] ...
 *	sched move A --at TIME | cancel A ... | show A ... | history A
 *	sched list [--day D | --from D --to D] [filters] | day [D]
 *	sched free --provider P | --any [--day D | --from D --to D] [--length L]
 *	sched checkin A | checkout A | noshow A | noshow --auto
 *	sched waitlist add|list|remove|match
 *	sched ics --provider P [--day D | --from D --to D]
 *	sched import FILE.csv [--keep-going]
 * No two live appointments of a provider, a room or a patient overlap:
 * the schema's triggers hold that (see share/schema/005-schedule.sql).
 * The rules and the reading and writing are lib's (appt, slots, recur,
 * waitlist, apptimport, feed); this file is the verbs, their options,
 * their transactions and audit rows, and the printing.
 */
#include <err.h>
#include <getopt.h>
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
 * One option of a verb, for getopt_long: its value to *val, or *flag set,
 * or, with check, the value checked as it is read (a bad --count stops
 * the parse where getopt would).
 */
struct vopt {
	const char	 *name;
	int		  key;
	const char	**val;
	int		 *flag;
	int		(*check)(const char *, void *);
	void		 *arg;
};
#define VAL(n, k, p)		{ n, k, p, NULL, NULL, NULL }
#define FLAG(n, k, p)		{ n, k, NULL, p, NULL, NULL }
#define CHECK(n, k, fn, p)	{ n, k, NULL, NULL, fn, p }
#define VEND			{ NULL, 0, NULL, NULL, NULL, NULL }
#define VOPTS_MAX	16

/* Parse the verb's options: 0, or 64 when getopt or a check said why. */
static int
options(int argc, char *argv[], const struct vopt *v)
{
	struct option	 lo[VOPTS_MAX + 1];
	char		 so[2 * VOPTS_MAX + 1], *p = so;
	size_t		 n, i;
	int		 ch;

	for (n = 0; v[n].name; n++) {
		int has = v[n].val || v[n].check;

		lo[n] = (struct option){ v[n].name, has ? required_argument :
		    no_argument, NULL, v[n].key };
		*p++ = (char)v[n].key;
		if (has)
			*p++ = ':';
	}
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	*p = '\0';
	while ((ch = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		for (i = 0; i < n && v[i].key != ch; i++)
			;
		if (i == n)
			return EX_USAGE;
		if (v[i].check && v[i].check(optarg, v[i].arg) != 0)
			return EX_USAGE;
		if (v[i].val)
			*v[i].val = optarg;
		else if (v[i].flag)
			*v[i].flag = 1;
	}
	return 0;
}

static int
opt_recur(const char *s, void *arg)
{
	if (recur_parse(s, arg) == 0)
		return 0;
	warnx("--recur wants daily, weekly, biweekly or monthly, not '%s'", s);
	return -1;
}

static int
opt_count(const char *s, void *arg)
{
	return app_count("--count", s, 1, arg);
}

static int
opt_limit(const char *s, void *arg)
{
	return app_count("--limit", s, 1, arg);
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

struct bookopts {
	const char	*provider, *at, *end, *length, *type, *resource, *note;
	enum recur	 recur;
	long long	 count;
	int		 force, overbook, skip;
};

static int
verb_book(int argc, char *argv[], struct app *app)
{
	struct bookopts	 o = { .count = 1 };
	struct appt	 a = { 0 };
	struct idlist	 ids = { 0 };
	struct appt_series sr = { 0 };
	struct appt_booked b;
	char		 rec[32], det[APPT_WHY + 64];
	int		 rc, minutes = 0, booked = 0, count_given = 0;
	const struct vopt opts[] = {
		VAL("provider", 'p', &o.provider), VAL("at", 'a', &o.at),
		VAL("end", 'e', &o.end), VAL("length", 'l', &o.length),
		VAL("type", 't', &o.type), VAL("resource", 'r', &o.resource),
		VAL("note", 'n', &o.note),
		CHECK("recur", 'R', opt_recur, &o.recur),
		{ "count", 'c', NULL, &count_given, opt_count, &o.count },
		FLAG("force", 'f', &o.force),
		FLAG("overbook", 'O', &o.overbook),
		FLAG("skip", 's', &o.skip), VEND
	};

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (argc - optind != 1 || o.provider == NULL || o.at == NULL) {
		warnx("book wants PATIENT, --provider and --at");
		return EX_USAGE;
	}
	if (o.length && o.end) {
		warnx("--length or --end, not both");
		return EX_USAGE;
	}
	if (o.length && o.type) {
		warnx("--length or --type, not both (a type has its length)");
		return EX_USAGE;
	}
	if ((o.recur != RECUR_ONCE) != (count_given != 0)) {
		warnx("--recur and --count go together");
		return EX_USAGE;
	}
	if (o.count > COUNT_MAX) {
		warnx("--count %lld: at most %d appointments at once",
		    o.count, COUNT_MAX);
		return EX_USAGE;
	}
	if ((rc = check_text("--note", o.note)) != 0)
		return rc;
	if ((rc = app_config(app)) != 0 ||
	    (rc = parse_at("--at", o.at, &sr.first)) != 0 ||
	    (o.length && (rc = parse_length("--length", o.length,
	    &minutes)) != 0) ||
	    (o.end && (rc = parse_end(sr.first, o.end, &minutes)) != 0))
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (o.overbook && (rc = app_require(app, CAP_OVERBOOK)) != 0) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[optind], &a.patient)) != 0 ||
	    (rc = want_provider(app, o.provider, &a.provider, 1)) != 0 ||
	    (o.type && (rc = want_type(app, o.type, &a.type, o.end ? NULL :
	    &minutes)) != 0) ||
	    (o.resource && (rc = want_resource(app, o.resource,
	    &a.resource, 1)) != 0) ||
	    (rc = bookable(app, a.patient)) != 0)
		goto fail;
	if (minutes == 0) {
		warnx("say how long: --length (20m, 1h) or --type");
		rc = EX_USAGE;
		goto fail;
	}
	a.note = o.note;
	sr = (struct appt_series){ o.recur, o.count, sr.first, minutes, o.force,
	    o.overbook };
	for (long long k = 0; k < o.count; k++) {
		int r = appt_book_nth(app->db, &sr, k, &a, app->who.login,
		    time(NULL), &b);

		if (r == EX_DATAERR && o.skip) {
			warnx("skipped %s%s", b.label, b.why);
			continue;
		}
		if (r != 0) {
			if (r == EX_DATAERR)
				warnx("%s%s%s", b.label, b.why,
				    b.soft && !o.force ?
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

static int
verb_move(int argc, char *argv[], struct app *app)
{
	const char	*at_s = NULL, *len_s = NULL, *prv_s = NULL, *res_s = NULL;
	struct appt_stored st;
	struct appt	 a = { 0 };
	struct appt_booked b;
	char		 why[APPT_WHY] = "", det[APPT_WHY + 64], rec[32];
	long long	 id;
	time_t		 at = 0;
	int		 rc, force = 0, overbook = 0, minutes = 0;
	const struct vopt opts[] = {
		VAL("at", 'a', &at_s), VAL("length", 'l', &len_s),
		VAL("provider", 'p', &prv_s), VAL("resource", 'r', &res_s),
		FLAG("force", 'f', &force),
		FLAG("overbook", 'O', &overbook), VEND
	};

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (argc - optind != 1 || (!at_s && !len_s && !prv_s && !res_s)) {
		warnx("move wants APPOINTMENT and --at, --length, --provider "
		    "or --resource");
		return EX_USAGE;
	}
	if ((rc = want_apt(argv[optind], &id)) != 0 ||
	    (rc = app_config(app)) != 0 ||
	    (at_s && (rc = parse_at("--at", at_s, &at)) != 0) ||
	    (len_s && (rc = parse_length("--length", len_s, &minutes)) != 0))
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (overbook && (rc = app_require(app, CAP_OVERBOOK)) != 0) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = said(appt_move_from(app->db, id, &a, &st, why), why)) != 0)
		goto fail;
	a.start = at_s ? at : st.start;
	a.end = a.start + (len_s ? 60L * minutes : st.end - st.start);
	if ((prv_s && (rc = want_provider(app, prv_s, &a.provider, 1)) != 0) ||
	    (res_s && (rc = want_resource(app, res_s, &a.resource, 1)) != 0))
		goto fail;
	if ((rc = appt_move_to(app->db, &a, &st, force, overbook,
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

static int
verb_cancel(int argc, char *argv[], struct app *app)
{
	const char		*reason = NULL;
	int			 rc;
	const struct vopt	 opts[] = { VAL("reason", 'r', &reason),
	    VEND };

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if ((rc = check_text("--reason", reason)) != 0)
		return rc;
	return change(argc - optind, argv + optind, app, reason, 0);
}

static int
verb_checkin(int argc, char *argv[], struct app *app)
{
	int			 force = 0;
	const struct vopt	 opts[] = { FLAG("force", 'f', &force),
	    VEND };

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	return change(argc - optind, argv + optind, app, NULL, force);
}

static int
verb_flow(int argc, char *argv[], struct app *app)
{
	if (app_nooptions(argc, argv) != 0)
		return EX_USAGE;
	return change(argc - optind, argv + optind, app, NULL, 0);
}

/* noshow A ..., or --auto: every booked visit that ended by --before. */
static int
verb_noshow(int argc, char *argv[], struct app *app)
{
	struct idlist	 ids = { 0 };
	const char	*before_s = NULL;
	char		 before[STAMP_LEN], rec[48];
	time_t		 t = time(NULL);
	int		 rc, autom = 0;
	const struct vopt opts[] = { FLAG("auto", 'a', &autom),
	    VAL("before", 'b', &before_s), VEND };

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (!autom) {
		if (before_s) {
			warnx("--before goes with --auto");
			return EX_USAGE;
		}
		return change(argc - optind, argv + optind, app, NULL, 0);
	}
	if (argc != optind) {
		warnx("--auto takes no appointments");
		return EX_USAGE;
	}
	if ((rc = app_config(app)) != 0 ||
	    (before_s && (rc = parse_at("--before", before_s, &t)) != 0))
		return rc;
	if (t > time(NULL)) {
		warnx("--before %s is in the future", before_s);
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

/* What show has gathered: the appointments and their patients. */
struct shown {
	struct app	*app;
	struct idlist	 ids, pats;
	long long	*v;
	size_t		 n;
};

static int
show_one(const char *key, void *arg)
{
	struct shown		*sh = arg;
	struct appt_stored	 st;
	long long		 id;
	int			 rc;

	if ((rc = want_apt(key, &id)) != 0 ||
	    (rc = load(sh->app, id, &st)) != 0)
		return rc;
	sh->v = xrealloc(sh->v, (sh->n + 1) * sizeof(*sh->v));
	sh->v[sh->n++] = id;
	idlist_add(&sh->ids, id);
	idlist_add(&sh->pats, st.patient);
	return 0;
}

/* Ids from the line, or from stdin when none are given (a listing piped). */
static int
verb_show(int argc, char *argv[], struct app *app)
{
	struct shown	 sh = { .app = app };
	char		 rec[48];
	long		 r;
	int		 rc, worst;

	if (app_nooptions(argc, argv) != 0)
		return EX_USAGE;
	if ((rc = sched_open(app)) != 0)
		return rc;
	/* the audit row goes first, so gather all before printing any */
	worst = rec_each(argc - optind, argv + optind, show_one, &sh);
	rc = 0;
	if (worst != 0 && worst != EX_DATAERR)
		goto out;
	if (sh.n == 0) {
		rc = worst ? worst : 1;	/* nothing to show */
		goto out;
	}
	snprintf(rec, sizeof(rec), "%zu appointments: %s", sh.n,
	    idlist_str(&sh.ids));
	if ((rc = app_audit(app, sh.n == 1 ? sh.pats.lo : 0, rec,
	    idlist_str(&sh.pats))) != 0)
		goto out;
	for (size_t i = 0; i < sh.n; i++)
		if ((r = out_stmt(app->out, appt_show_stmt(app->db, sh.v[i]),
		    NULL, NULL)) < 0) {
			rc = (int)-r;
			break;
		}
out:
	free(sh.v);
	idlist_free(&sh.ids);
	idlist_free(&sh.pats);
	return rc ? rc : worst;
}

static int
verb_history(int argc, char *argv[], struct app *app)
{
	struct appt_stored st;
	long long	 id;
	char		 rec[32];
	int		 rc;

	if (app_nooptions(argc, argv) != 0)
		return EX_USAGE;
	if (argc - optind != 1) {
		warnx("history wants one appointment");
		return EX_USAGE;
	}
	if ((rc = want_apt(argv[optind], &id)) != 0 ||
	    (rc = sched_open(app)) != 0 ||
	    (rc = load(app, id, &st)) != 0)
		return rc;
	snprintf(rec, sizeof(rec), "apt-%lld", id);
	if ((rc = app_audit(app, st.patient, rec, NULL)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, appt_history_stmt(app->db, id), NULL,
	    NULL));
}

static int
verb_list(int argc, char *argv[], struct app *app)
{
	struct span		 sp = { 0 };
	struct appt_filter	 f = { 0 };
	const char		*prv = NULL, *pat = NULL, *res = NULL;
	int			 rc;
	const struct vopt	 opts[] = {
		VAL("day", 'd', &sp.day), VAL("from", 'F', &sp.from),
		VAL("to", 'T', &sp.to), VAL("provider", 'p', &prv),
		VAL("patient", 'P', &pat), VAL("status", 's', &f.status),
		VAL("resource", 'r', &res), VEND
	};

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (argc != optind)
		return EX_USAGE;
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
static int
verb_day(int argc, char *argv[], struct app *app)
{
	struct span	 sp = { 0 };
	struct idlist	 pats = { 0 };
	const char	*prv = NULL;
	long long	 prv_id = 0, last = 0;
	char		 title[64], rec[64];
	int		 rc;
	struct tm	 tm = { 0 };
	const struct vopt opts[] = { VAL("provider", 'p', &prv), VEND };

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (argc - optind > 1)
		return EX_USAGE;
	sp.day = argc > optind ? argv[optind] : "today";
	if ((rc = app_config(app)) != 0 ||
	    (rc = span_parse(&sp, NULL, NULL)) != 0)
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (prv && (rc = want_provider(app, prv, &prv_id, 0)) != 0))
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

static int
verb_free(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "provider", "start", "end",
	    "minutes" };
	struct span	 sp = { 0 };
	struct slots	 sl = { 0 };
	const char	*prv = NULL, *len = NULL, *type = NULL;
	long long	 prv_id = 0, type_id, limit = 1000;
	int		 rc, any = 0, minutes = 0;
	const struct vopt opts[] = {
		VAL("provider", 'p', &prv), FLAG("any", 'A', &any),
		VAL("day", 'd', &sp.day), VAL("from", 'F', &sp.from),
		VAL("to", 'T', &sp.to),
		VAL("length", 'l', &len), VAL("type", 't', &type),
		CHECK("limit", 'n', opt_limit, &limit), VEND
	};

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (argc != optind || (prv == NULL) == (any == 0)) {
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

static int
verb_wait_add(int argc, char *argv[], struct app *app)
{
	struct wait_entry e = { 0 };
	const char	*prv = NULL, *type = NULL, *len = NULL, *before = NULL;
	char		 day[DATE_LEN], rec[32];
	long long	 id;
	int		 rc;
	const struct vopt opts[] = {
		VAL("provider", 'p', &prv), VAL("type", 't', &type),
		VAL("length", 'l', &len), VAL("before", 'b', &before),
		VAL("note", 'n', &e.note), VEND
	};

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (argc - optind != 1) {
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
	if ((rc = pat_resolve(app->db, argv[optind], &e.patient)) != 0 ||
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

	if (app_noargs(argc, argv) != 0 || argc != optind)
		return EX_USAGE;
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

	if (app_nooptions(argc, argv) != 0)
		return EX_USAGE;
	if ((rc = sched_open(app)) != 0)
		return rc;
	return rec_each(argc - optind, argv + optind, wait_remove_one, app);
}

/*
 * Every waiting patient with the first slot that fits them: their
 * provider (or any), their length, before their date.  First column the
 * patient, so the list pipes into remind.
 */
static int
verb_wait_match(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "patient", "waitlist", "name",
	    "provider", "start", "end", "minutes" };
	struct span		 sp = { 0 };
	struct idlist		 pats = { 0 };
	struct wait_match	*v = NULL;
	size_t			 n = 0, hit = 0;
	char			 today[DATE_LEN], rec[48];
	int			 rc;
	const struct vopt	 opts[] = { VAL("day", 'd', &sp.day),
	    VAL("from", 'F', &sp.from), VAL("to", 'T', &sp.to), VEND };

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (argc != optind)
		return EX_USAGE;
	if ((rc = app_config(app)) != 0 ||
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

static int
verb_ics(int argc, char *argv[], struct app *app)
{
	struct span	 sp = { 0 };
	struct feed_opts o = { 0 };
	const char	*prv = NULL, *tz;
	char		 rec[64], *prodid;
	int		 rc;
	const struct vopt opts[] = {
		VAL("provider", 'p', &prv), VAL("day", 'd', &sp.day),
		VAL("from", 'F', &sp.from), VAL("to", 'T', &sp.to),
		FLAG("names", 'N', &o.names),
		VEND
	};

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (argc != optind || prv == NULL) {
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

static int
verb_import(int argc, char *argv[], struct app *app)
{
	struct appt_import im;
	struct csvin	*in = NULL;
	const char	*name;
	char		 rec[48];
	int		 rc, keep = 0, tty = isatty(STDERR_FILENO);
	const struct vopt opts[] = { FLAG("keep-going", 'k', &keep),
	    VEND };

	if (options(argc, argv, opts) != 0)
		return EX_USAGE;
	if (argc - optind != 1)
		return EX_USAGE;
	if ((rc = sched_open(app)) != 0 ||
	    (rc = csvin_open(&in, argv[optind])) != 0)
		return rc;
	name = csvin_name(in);
	appt_import_init(&im, app->db, name, app->who.login, time(NULL));
	if ((rc = appt_import_head(&im, in)) != 0)
		goto out;
	db_cache_mb(app->db, 32);
	if ((rc = app_begin(app)) != 0)
		goto out;
	rc = appt_import_rows(&im, in, tty);
	if (rc == 0 && im.bad > 0 && !keep)
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
	    "book a visit (or a series); prints the apt- ids" },
	{ "move", verb_move, DB_RW, "APPOINTMENT [--at TIME] [--length L] "
	    "[--provider P] [--resource R] [--force] [--overbook]",
	    "move a booked visit (history kept)" },
	{ "cancel", verb_cancel, DB_RW, "APPOINTMENT ... [--reason TEXT]",
	    "cancel visits; the slot is free again" },
	{ "show", verb_show, DB_RO, "[APPOINTMENT ... | -]",
	    "appointments in full (ids from stdin when none are given)" },
	{ "history", verb_history, DB_RO, "APPOINTMENT",
	    "what happened to an appointment" },
	{ "list", verb_list, DB_RO, "[--day D | --from D --to D] "
	    "[--provider P] [--patient PAT] [--status S] [--resource R]",
	    "appointments, today's by default" },
	{ "day", verb_day, DB_RO, "[DAY] [--provider P]",
	    "printable agenda per provider" },
	{ "free", verb_free, DB_RO, "--provider P | --any [--day D | --from D "
	    "--to D] [--length L | --type T] [--limit N]",
	    "open slots (a week from today by default)" },
	{ "checkin", verb_checkin, DB_RW, "APPOINTMENT ... [--force]",
	    "the patient arrived (warns about missing coverage)" },
	{ "checkout", verb_flow, DB_RW, "APPOINTMENT ...",
	    "the visit is over" },
	{ "noshow", verb_noshow, DB_RW, "APPOINTMENT ... | --auto "
	    "[--before TIME]", "mark missed visits (--auto: for cron)" },
	{ "waitlist add", verb_wait_add, DB_RW, "PATIENT [--provider P] "
	    "[--type T | --length L] [--before DATE] [--note TEXT]",
	    "put a patient on the waitlist" },
	{ "waitlist list", verb_wait_list, DB_RO, "", "who is waiting" },
	{ "waitlist remove", verb_wait_remove, DB_RW, "WAITLIST ...",
	    "take entries off the waitlist" },
	{ "waitlist match", verb_wait_match, DB_RO, "[--day D | --from D "
	    "--to D]",
	    "waiting patients and the first free slot that fits each" },
	{ "ics", verb_ics, DB_RO, "--provider P [--day D | --from D --to D] "
	    "[--names]",
	    "a provider's calendar as iCalendar (initials only by default)" },
	{ "import", verb_import, DB_RW, "FILE.csv [--keep-going]",
	    "bring in appointments from another calendar" },
};

static const struct prog prog = { "sched",
    "the clinic's calendar: book, move, cancel, free slots, patient flow",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

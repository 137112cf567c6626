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
 * waitlist, apptimport, feed), and so are the verbs' transactions and
 * audit rows (schedrun); this file is the verbs' option tables, the
 * checks of what the command line says, and the printing.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "app.h"
#include "appt.h"
#include "date.h"
#include "feed.h"
#include "rec.h"
#include "schedrun.h"
#include "slots.h"
#include "span.h"
#include "util.h"
#include "waitlist.h"

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
#define O_DAY(h)	{ "day", 'd', OPT_VALUE, "D", h, COMP_DATE, NULL }

static const struct opt no_opts[] = { OPT_END };

static void
take(struct app *app, const char *v[128])
{
	int k;

	while ((k = app_opt(app)) > 0)
		if (k < 128)
			v[k] = app->optarg ? app->optarg : "";
}

/* --- book, move --------------------------------------------------------- */

static const struct opt book_opts[] = {
	O_PROVIDER("the provider seen (prv- id or NPI)"),
	O_AT("when the visit starts (2026-11-27T09:00)"),
	{ "end", 'e', OPT_VALUE, "TIME", "when it ends (instead of a length)",
	    COMP_NONE, NULL },
	O_LENGTH("how long (20m, 1h, 1h30m)"),
	O_TYPE("the visit type (and so its length)"),
	O_RESOURCE("the room or device it takes"),
	O_NOTE,
	{ "recur", 'R', OPT_VALUE, "EVERY", "repeat the visit, a number of "
	    "times", COMP_WORDS, "daily weekly biweekly monthly" },
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
	struct idlist	 ids = { 0 };
	struct sched_booking bk = { 0 };
	struct appt_series sr = { 0 };
	int		 rc, minutes = 0;

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
	if ((rc = sched_series(o['R'], o['c'], &sr)) != 0 ||
	    (rc = sched_text("--note", o['n'])) != 0)
		return rc;
	if ((rc = app_config(app)) != 0 ||
	    (rc = sched_at("--at", o['a'], &sr.first)) != 0 ||
	    (o['l'] && (rc = sched_length("--length", o['l'],
	    &minutes)) != 0) ||
	    (o['e'] && (rc = sched_end(sr.first, o['e'], &minutes)) != 0))
		return rc;
	sr.minutes = minutes, sr.force = o['f'] != NULL;
	sr.overbook = o['O'] != NULL;
	bk = (struct sched_booking){ argv[0], o['p'], o['t'], o['r'], o['n'],
	    o['e'] != NULL, o['s'] != NULL, sr };
	if ((rc = sched_book(app, &bk, &ids)) == 0)
		rc = idlist_print(&ids, "apt", stdout);
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
	struct sched_moving m = { 0 };
	int		 rc;

	take(app, o);
	if (argc != 1 || (!o['a'] && !o['l'] && !o['p'] && !o['r'])) {
		warnx("move wants APPOINTMENT and --at, --length, --provider "
		    "or --resource");
		return EX_USAGE;
	}
	if ((rc = sched_apt(argv[0], &m.id)) != 0 ||
	    (rc = app_config(app)) != 0 ||
	    (o['a'] && (rc = sched_at("--at", o['a'], &m.at)) != 0) ||
	    (o['l'] && (rc = sched_length("--length", o['l'],
	    &m.minutes)) != 0))
		return rc;
	m.provider = o['p'], m.resource = o['r'];
	m.force = o['f'] != NULL, m.overbook = o['O'] != NULL;
	if ((rc = sched_move(app, &m)) != 0)
		return rc;
	printf("apt-%lld\n", m.id);
	return 0;
}

/* --- status changes ----------------------------------------------------- */

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
	if ((rc = sched_text("--reason", o['r'])) != 0)
		return rc;
	return sched_change(app, argc, argv, o['r'], 0);
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
	return sched_change(app, argc, argv, NULL, o['f'] != NULL);
}

static int
verb_flow(int argc, char *argv[], struct app *app)
{
	return sched_change(app, argc, argv, NULL, 0);
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
	int		 rc;

	take(app, o);
	if (!o['a']) {
		if (o['b']) {
			warnx("--before goes with --auto");
			return EX_USAGE;
		}
		return sched_change(app, argc, argv, NULL, 0);
	}
	if (argc != 0) {
		warnx("--auto takes no appointments");
		return EX_USAGE;
	}
	if ((rc = sched_noshow_auto(app, o['b'], &ids)) == 0)
		rc = idlist_print(&ids, "apt", stdout);
	idlist_free(&ids);
	return rc;
}

/* --- reading ------------------------------------------------------------ */

/* Ids from the line, or from stdin when none are given (a listing piped). */
static int
verb_show(int argc, char *argv[], struct app *app)
{
	return sched_show(app, argc, argv);
}

static int
verb_history(int argc, char *argv[], struct app *app)
{
	if (argc != 1) {
		warnx("history wants one appointment");
		return EX_USAGE;
	}
	return sched_history(app, argv[0]);
}

static const struct opt list_opts[] = {
	O_DAY("one day (default today)"),
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
	struct days		 d;
	struct appt_filter	 f = { 0 };
	int			 rc;

	take(app, o);
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	f.status = o['s'], prv = o['p'], pat = o['P'], res = o['r'];
	if (f.status && !appt_status_valid(f.status)) {
		warnx("--status wants booked, checkedin, checkedout, "
		    "cancelled or noshow, not '%s'", f.status);
		return EX_USAGE;
	}
	/* a patient's list is all of it; anyone else's, today's */
	if ((rc = app_config(app)) != 0 ||
	    (rc = sched_days(&d, o['d'], o['F'], o['T'], pat ? NULL :
	    "today", pat || o['F'] ? NULL : "today")) != 0)
		return rc;
	f.lo = d.lo;
	f.hi = d.hi;
	return sched_list(app, &f, prv, pat, res);
}

/* s and blanks to width columns (a column's worth of wide characters). */
static void
pad(const char *s, size_t width)
{
	size_t w = utf8_width(s);

	printf("%s%*s ", s, w < width ? (int)(width - w) : 0, "");
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
	struct days	 d;
	long long	 prv_id = 0, last = 0, n;
	char		 title[DATE_TITLE_LEN];
	int		 rc;

	take(app, o);
	if (argc > 1)
		return app_none(argc - 1, argv + 1);
	if ((rc = app_config(app)) != 0 ||
	    (rc = sched_days(&d, argc > 0 ? argv[0] : "today", NULL, NULL,
	    NULL, NULL)) != 0)
		return rc;
	if ((rc = sched_open(app)) != 0 ||
	    (o['p'] && (rc = sched_provider(app, o['p'], &prv_id, 0)) != 0))
		return rc;
	if ((rc = sched_agenda(app, &d, prv_id, &n)) != 0)
		return rc;
	date_title(d.first, title);
	printf("%s\n", title);
	if ((rc = appt_each_line(app->db, d.lo, d.hi, prv_id,
	    day_print, &last)) != 0)
		return rc;
	if (n == 0)
		printf("\n(no appointments)\n");
	return fflush(stdout) == 0 ? 0 : EX_IOERR;
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
	O_DAY("only this day"),
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
	struct days	 d;
	struct slots	 sl = { 0 };
	const char	*prv, *len, *type;
	long long	 limit = 1000;
	int		 rc, any, minutes = 0;

	take(app, o);
	prv = o['p'], len = o['l'], type = o['t'], any = o['A'] != NULL;
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
	    (rc = sched_ahead(&d, o['d'], o['F'], o['T'], FREE_DAYS)) != 0 ||
	    (len && (rc = sched_length("--length", len, &minutes)) != 0))
		return rc;
	if ((rc = sched_free(app, prv, type, minutes, &d, (size_t)limit,
	    &sl)) == 0) {
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
	char		 day[DATE_LEN];
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
	if ((len && (rc = sched_length("--length", len, &e.minutes)) != 0) ||
	    (rc = app_config(app)) != 0 ||
	    (before && (rc = sched_day("--before", before, day)) != 0) ||
	    (rc = sched_text("--note", e.note)) != 0)
		return rc;
	e.before = before ? day : NULL;
	if ((rc = sched_wait_add(app, argv[0], prv, type, &e, &id)) != 0)
		return rc;
	printf("wl-%lld\n", id);
	return 0;
}

static int
verb_wait_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	return sched_wait_list(app);
}

static int
verb_wait_remove(int argc, char *argv[], struct app *app)
{
	return sched_wait_remove(app, argc, argv);
}

/*
 * Every waiting patient with the first slot that fits them: their
 * provider (or any), their length, before their date.  First column the
 * patient, so the list pipes into remind.
 */
static const struct opt wait_match_opts[] = {
	O_DAY("slots on this day only"),
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
	struct days		 d;
	struct wait_match	*v;
	size_t			 n, hit;
	int			 rc;

	take(app, o);
	if ((rc = app_none(argc, argv)) != 0 ||
	    (rc = app_config(app)) != 0 ||
	    (rc = sched_ahead(&d, o['d'], o['F'], o['T'], MATCH_DAYS)) != 0)
		return rc;
	if ((rc = sched_wait_match(app, &d, &v, &n, &hit)) != 0)
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
	return rc;
}

/* --- iCalendar ---------------------------------------------------------- */

static const struct opt ics_opts[] = {
	O_PROVIDER("whose calendar"),
	O_DAY("only this day"),
	O_FROM("from this day (default today)"),
	O_TO("to this day, included (default 90 days on)"),
	{ "names", 'N', OPT_FLAG, NULL, "patients' full names, not initials",
	    COMP_NONE, NULL },
	OPT_END
};

static int
verb_ics(int argc, char *argv[], struct app *app)
{
	const char	*v[128] = { 0 };
	struct days	 d;
	struct feed_opts o = { .days = &d };
	int		 rc;

	take(app, v);
	o.names = v['N'] != NULL;
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if (v['p'] == NULL) {
		warnx("ics wants --provider");
		return EX_USAGE;
	}
	if ((rc = app_config(app)) != 0 ||
	    (rc = sched_ahead(&d, v['d'], v['F'], v['T'], ICS_DAYS)) != 0)
		return rc;
	return sched_ics(app, v['p'], &o);
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
	const char *o[128] = { 0 };

	take(app, o);
	if (argc != 1)
		return EX_USAGE;
	return sched_import(app, argv[0], o['k'] != NULL);
}

static const struct verb verbs[] = {
	{ .name = "book", .fn = verb_book, .mode = DB_RW, .usage = "PATIENT "
	    "--provider P --at TIME [--length L | --end TIME] [--type T] "
	    "[--resource R] [--note TEXT] "
	    "[--recur daily|weekly|biweekly|monthly --count N] [--skip] "
	    "[--force] [--overbook]",
	    .summary = "book a visit (or a series); prints the apt- ids",
	    .opts = book_opts, .operand = COMP_PATIENT },
	{ .name = "move", .fn = verb_move, .mode = DB_RW,
	    .usage = "APPOINTMENT [--at TIME] [--length L] [--provider P] "
	    "[--resource R] [--force] [--overbook]",
	    .summary = "move a booked visit (history kept)", .opts = move_opts,
	    .operand = COMP_APPT },
	{ .name = "cancel", .fn = verb_cancel, .mode = DB_RW,
	    .usage = "APPOINTMENT ... [--reason TEXT]",
	    .summary = "cancel visits; the slot is free again",
	    .opts = cancel_opts, .operand = COMP_APPT },
	{ .name = "show", .fn = verb_show, .mode = DB_RO,
	    .usage = "[APPOINTMENT ... | -]", .summary = "appointments in "
	    "full (ids from stdin when none are given)", .opts = no_opts,
	    .operand = COMP_APPT },
	{ .name = "history", .fn = verb_history, .mode = DB_RO,
	    .usage = "APPOINTMENT",
	    .summary = "what happened to an appointment", .opts = no_opts,
	    .operand = COMP_APPT },
	{ .name = "list", .fn = verb_list, .mode = DB_RO,
	    .usage = "[--day D | --from D --to D] [--provider P] "
	    "[--patient PAT] [--status S] [--resource R]",
	    .summary = "appointments, today's by default", .opts = list_opts },
	{ .name = "day", .fn = verb_day, .mode = DB_RO,
	    .usage = "[DAY] [--provider P]",
	    .summary = "printable agenda per provider", .opts = day_opts,
	    .operand = COMP_DATE },
	{ .name = "free", .fn = verb_free, .mode = DB_RO,
	    .usage = "--provider P | --any [--day D | --from D --to D] "
	    "[--length L | --type T] [--limit N]",
	    .summary = "open slots (a week from today by default)",
	    .opts = free_opts },
	{ .name = "checkin", .fn = verb_checkin, .mode = DB_RW,
	    .usage = "APPOINTMENT ... [--force]",
	    .summary = "the patient arrived (warns about missing coverage)",
	    .opts = checkin_opts, .operand = COMP_APPT },
	{ .name = "checkout", .fn = verb_flow, .mode = DB_RW,
	    .usage = "APPOINTMENT ...", .summary = "the visit is over",
	    .opts = no_opts, .operand = COMP_APPT },
	{ .name = "noshow", .fn = verb_noshow, .mode = DB_RW,
	    .usage = "APPOINTMENT ... | --auto [--before TIME]",
	    .summary = "mark missed visits (--auto: for cron)",
	    .opts = noshow_opts, .operand = COMP_APPT },
	{ .name = "waitlist add", .fn = verb_wait_add, .mode = DB_RW,
	    .usage = "PATIENT [--provider P] [--type T | --length L] "
	    "[--before DATE] [--note TEXT]",
	    .summary = "put a patient on the waitlist", .opts = wait_add_opts,
	    .operand = COMP_PATIENT },
	{ .name = "waitlist list", .fn = verb_wait_list, .mode = DB_RO,
	    .usage = "", .summary = "who is waiting", .opts = no_opts },
	{ .name = "waitlist remove", .fn = verb_wait_remove, .mode = DB_RW,
	    .usage = "WAITLIST ...",
	    .summary = "take entries off the waitlist", .opts = no_opts },
	{ .name = "waitlist match", .fn = verb_wait_match, .mode = DB_RO,
	    .usage = "[--day D | --from D --to D]", .summary = "waiting "
	    "patients and the first free slot that fits each",
	    .opts = wait_match_opts },
	{ .name = "ics", .fn = verb_ics, .mode = DB_RO,
	    .usage = "--provider P [--day D | --from D --to D] [--names]",
	    .summary = "a provider's calendar as iCalendar (initials only by "
	    "default)", .opts = ics_opts },
	{ .name = "import", .fn = verb_import, .mode = DB_RW,
	    .usage = "FILE.csv [--keep-going]",
	    .summary = "bring in appointments from another calendar",
	    .opts = import_opts, .operand = COMP_FILE },
};

static const struct prog prog = { "sched",
    "the clinic's calendar: book, move, cancel, free slots, patient flow",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

/*
 * remind - appointment and recall reminders by email and SMS, exactly
 * once, for cron:
 *	remind due [--at NOW] [--channel email|sms]
 *	remind send [--at NOW] [--dry-run] [--channel C] [--limit N] [-v]
 *	remind send [--template NAME] -		ids on stdin (apt- or pat-)
 *	remind optout|optin PATIENT [--channel C]
 *	remind log [--patient P] [--day D | --from D --to D] [--status S]
 * The verbs, their options and what they print; what is due, the claims
 * that make each message go once, and sending are lib/remind's (rules:
 * lib/rules).
 */
#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "app.h"
#include "cfg.h"
#include "date.h"
#include "patient.h"
#include "rec.h"
#include "remind.h"
#include "rules.h"
#include "span.h"
#include "util.h"

/* Where due and --dry-run lines go, and whom they name, for the audit. */
struct listing {
	struct out	*out;		/* NULL: due's first pass, unprinted */
	struct idlist	 pats;
};

/* A record line for due and --dry-run (remind_run's show). */
static void
show(void *arg, const struct rem_item *it, const char *extra)
{
	struct listing	*l = arg;
	char		 pat[32], id[32], start[STAMP_LEN] = "";
	const char	*row[] = { id, pat, rule_channel(it->channel),
			    it->address, it->rule, start, it->key, extra };

	/* the visit's id first, so the list pipes into send - */
	snprintf(pat, sizeof(pat), "pat-%lld", it->patient);
	snprintf(id, sizeof(id), "%s", pat);
	if (it->apt)
		snprintf(id, sizeof(id), "apt-%lld", it->apt);
	if (it->start)
		date_local(it->start, start);
	if (l->out)
		out_text_row(l->out, row);
	idlist_add(&l->pats, it->patient);
}

/* One id from stdin or argv: remind about that visit or patient now. */
struct pipe_run {
	struct remind_run *r;
	const char	*template;
	long long	 slot_provider;	/* a line of sched waitlist match: */
	time_t		 slot_start;	/* the slot that opened, or 0 */
};

static int
one_id(const char *key, void *arg)
{
	struct pipe_run	*p = arg;

	return remind_one(p->r, key, p->template, p->slot_provider,
	    p->slot_start);
}

/*
 * send --template NAME -: one id a line on stdin, as rec_each reads them,
 * except that a whole line of sched waitlist match (pat-N, wl-N, name,
 * prv-N, start, ...) brings along the slot that opened.
 */
static int
pipe_lines(struct pipe_run *p)
{
	char	*line = NULL, *f[5];
	size_t	 cap = 0;
	int	 rc = 0, e;

	while (getline(&line, &cap, stdin) != -1) {
		char		*s = line + strspn(line, " \t");
		const char	*why;
		size_t		 nf = 0;

		s[strcspn(s, "\r\n")] = '\0';
		for (char *t = s; t != NULL && nf < nitems(f); nf++) {
			f[nf] = t;
			if ((t = strchr(t, '\t')) != NULL)
				*t++ = '\0';
		}
		f[0][strcspn(f[0], " ,")] = '\0';
		if (*f[0] == '#' || *f[0] == '\0' || streq(f[0], "id") ||
		    streq(f[0], "patient"))
			continue;	/* a comment, a blank or a header */
		p->slot_provider = 0;
		p->slot_start = 0;
		if (nf == nitems(f) && strncmp(f[1], "wl-", 3) == 0 &&
		    (rec_id_parse(f[3], "prv", &p->slot_provider) != 0 ||
		    date_parse_instant(f[4], &p->slot_start, &why) != 0)) {
			p->slot_provider = 0;
			p->slot_start = 0;
		}
		e = one_id(f[0], p);
		/* the worse: anything before 65, which lets the rest go on */
		rc = rc == 0 || rc == EX_DATAERR ? (e ? e : rc) : rc;
		if (rc != 0 && rc != EX_DATAERR)
			break;
	}
	if (ferror(stdin)) {
		warn("stdin");
		rc = rc ? rc : EX_IOERR;
	}
	free(line);
	return rc;
}

/* --- verbs -------------------------------------------------------------- */

/* --channel's value as CH_EMAIL or CH_SMS; 0 after saying why not. */
static int
channel_arg(const char *s)
{
	int ch = rule_channel_parse(s);

	if (ch == 0)
		warnx("--channel wants email or sms, not '%s'", s);
	return ch;
}

/* The templates that come with clinix, as completion offers them. */
#define TEMPLATE_WORDS	"appointment recall slot-open"

static const struct opt due_opts[] = {
	{ "at", 'a', OPT_VALUE, "TIME", "what is due at TIME rather than now",
	    COMP_DATE, NULL },
	{ "channel", 'c', OPT_VALUE, "email|sms", "only reminders by this "
	    "channel", COMP_WORDS, "email sms" },
	OPT_END
};

static const struct opt send_opts[] = {
	{ "at", 'a', OPT_VALUE, "TIME", "act as if it were TIME", COMP_DATE,
	    NULL },
	{ "dry-run", 'n', OPT_FLAG, NULL, "send and claim nothing: print what "
	    "would be sent", COMP_NONE, NULL },
	{ "channel", 'c', OPT_VALUE, "email|sms", "only reminders by this "
	    "channel", COMP_WORDS, "email sms" },
	{ "limit", 'l', OPT_VALUE, "N", "at most N new reminders this run",
	    COMP_NONE, NULL },
	{ "verbose", 'v', OPT_FLAG, NULL, "print the summary, even when all "
	    "went well", COMP_NONE, NULL },
	{ "template", 't', OPT_VALUE, "NAME", "the template of a message to "
	    "ids", COMP_WORDS, TEMPLATE_WORDS },
	OPT_END
};

struct opts {
	const char	*at, *channel, *template;
	long long	 limit;
	int		 dry, verbose;
};

/* due's and send's options, as their tables allow them. */
static int
parse(struct app *app, struct opts *o)
{
	int k;

	while ((k = app_opt(app)) > 0)
		switch (k) {
		case 'a': o->at = app->optarg; break;
		case 'c':
			if (channel_arg(app->optarg) == 0)
				return EX_USAGE;
			o->channel = app->optarg;
			break;
		case 'n': o->dry = 1; break;
		case 'l':
			if (app_count("--limit", app->optarg, 1, &o->limit))
				return EX_USAGE;
			break;
		case 't': o->template = app->optarg; break;
		case 'v': o->verbose = 1; break;
		}
	return 0;
}

static int
runner_init(struct remind_run *r, struct app *app, const struct opts *o,
    struct listing *l)
{
	int rc;

	if ((rc = remind_init(r, app, o->at, o->channel == NULL ?
	    CH_EMAIL | CH_SMS : rule_channel_parse(o->channel))) != 0)
		return rc;
	r->dry = o->dry;
	r->verbose = o->verbose;
	r->limit = o->limit;
	r->show = show;
	r->show_arg = l;
	return 0;
}

static const char *const due_cols[] = { "id", "patient", "channel",
    "address", "rule", "start", "key", "bytes" };

/* The audit row of a listing of who would be reminded. */
static int
listed(struct app *app, struct listing *l, const char *what)
{
	char rec[64];

	snprintf(rec, sizeof(rec), "%lld reminders: %s", l->pats.n, what);
	return app_audit(app, 0, rec, idlist_str(&l->pats));
}

static int
verb_due(int argc, char *argv[], struct app *app)
{
	struct opts	 o = { 0 };
	struct remind_run r;
	struct listing	 l = { 0 };
	long long	 n = 0;
	int		 rc;

	if ((rc = parse(app, &o)) != 0 || (rc = app_none(argc, argv)) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_SCHEDULE)) != 0 ||
	    (rc = runner_init(&r, app, &o, &l)) != 0)
		return rc;
	/*
	 * The audit row before the first line: a pass that only gathers the
	 * patients, the row, then the same sweep (the same --at) printing.
	 */
	if ((rc = remind_sweep(&r, 0)) == 0 &&
	    (rc = listed(app, &l, "due")) == 0) {
		n = l.pats.n;
		l.out = app->out;
		out_cols(app->out, nitems(due_cols) - 1, due_cols);
		rc = remind_sweep(&r, 0);
	}
	if (rc == 0 && n == 0)
		rc = 1;
	remind_free(&r);
	idlist_free(&l.pats);
	return rc;
}

static int
verb_send(int argc, char *argv[], struct app *app)
{
	struct opts	 o = { 0 };
	struct remind_run r;
	struct listing	 l = { 0 };
	int		 rc, piped;

	if ((rc = parse(app, &o)) != 0)
		return rc;
	piped = argc > 0;
	if (o.template && !piped) {
		warnx("--template goes with ids ('-' reads them from stdin)");
		return EX_USAGE;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_SCHEDULE)) != 0 ||
	    (rc = runner_init(&r, app, &o, &l)) != 0)
		return rc;
	signal(SIGPIPE, SIG_IGN);	/* a sendmail that quits early says so */
	l.out = app->out;
	if (r.dry)
		out_cols(app->out, nitems(due_cols), due_cols);
	if (piped) {
		struct pipe_run p = { &r, o.template, 0, 0 };

		if (o.template && argc == 1 && streq(argv[0], "-"))
			rc = pipe_lines(&p);
		else
			rc = rec_each(argc, argv, one_id, &p);
	} else {
		if (!r.dry)
			rc = remind_resume(&r);
		if (rc == 0)
			rc = remind_sweep(&r, !r.dry);
	}
	if (r.dry && (rc == 0 || rc == EX_DATAERR)) {
		int arc = listed(app, &l, "dry run");

		rc = rc ? rc : arc;
	}
	if (!r.dry && (r.verbose || r.failed || r.retrying))
		fprintf(r.verbose ? stdout : stderr, "%ssent %lld email, %lld "
		    "sms, %lld failed%s%.0lld%s%s%.0lld%s\n", r.verbose ? "" :
		    "remind: ", r.sent[CH_EMAIL], r.sent[CH_SMS], r.failed,
		    r.retrying ? ", " : "", r.retrying, r.retrying ?
		    " to retry" : "", r.dropped ? ", " : "", r.dropped,
		    r.dropped ? " dropped" : "");
	if (r.missing[CH_SMS])
		warnx("%lld sms not sent: remind.sms_command is not set",
		    r.missing[CH_SMS]);
	if (rc == 0 && r.missing[CH_SMS])
		rc = EX_UNAVAILABLE;
	if (rc == 0 && r.retrying)
		rc = EX_TEMPFAIL;
	if (rc == 0 && r.failed)
		rc = EX_DATAERR;
	remind_free(&r);
	idlist_free(&l.pats);
	return rc;
}

struct optwho {
	struct app	*app;
	int		 channels, in;
};

static int
opt_one(const char *key, void *arg)
{
	struct optwho	*w = arg;
	long long	 id;
	int		 rc;

	if ((rc = remind_optout(w->app, key, w->channels, w->in, &id)) != 0)
		return rc;
	printf("pat-%lld\n", id);
	return 0;
}

static const struct opt opt_opts[] = {
	{ "channel", 'c', OPT_VALUE, "email|sms", "only this channel, not "
	    "both", COMP_WORDS, "email sms" },
	OPT_END
};

static int
verb_opt(int argc, char *argv[], struct app *app)
{
	struct optwho	 w = { app, CH_EMAIL | CH_SMS,
			    streq(app->verb->name, "optin") };
	int		 rc;

	while (app_opt(app) == 'c')
		if ((w.channels = channel_arg(app->optarg)) == 0)
			return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0)
		return rc;
	return rec_each(argc, argv, opt_one, &w);
}

#define STATUS_WORDS	"claimed retry sent failed dropped"

static const struct opt log_opts[] = {
	{ "patient", 'p', OPT_VALUE, "PAT", "this patient's reminders",
	    COMP_PATIENT, NULL },
	OPT_DAY('d', "those claimed that day"),
	OPT_FROM('F', "those claimed from this day or time on"),
	OPT_TO('T', "those claimed up to this day or time, included"),
	{ "status", 's', OPT_VALUE, "S", "those in this status (" STATUS_WORDS
	    ")", COMP_WORDS, STATUS_WORDS },
	OPT_END
};

static int
verb_log(int argc, char *argv[], struct app *app)
{
	static const char *const statuses[] = { "claimed", "retry", "sent",
	    "failed", "dropped" };
	const char	*pat = NULL, *day = NULL, *from = NULL, *to = NULL;
	const char	*status = NULL;
	char		 why[DAYS_WHY];
	struct days	 d;
	long long	 pid = 0;
	int		 k, rc, ok = 0;

	while ((k = app_opt(app)) > 0)
		switch (k) {
		case 'p': pat = app->optarg; break;
		case 'd': day = app->optarg; break;
		case 'F': from = app->optarg; break;
		case 'T': to = app->optarg; break;
		case 's': status = app->optarg; break;
		}
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	for (size_t i = 0; status && i < nitems(statuses); i++)
		ok |= streq(status, statuses[i]);
	if (status && !ok) {
		warnx("--status wants claimed, retry, sent, failed or dropped, "
		    "not '%s'", status);
		return EX_USAGE;
	}
	if ((rc = app_config(app)) != 0)	/* the zone: dates are local */
		return rc;
	if ((rc = days_parse(&d, day, from, to, NULL, NULL, why)) != 0) {
		warnx("%s", why);
		return rc;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0 ||
	    (pat && (rc = pat_resolve(app->db, pat, &pid)) != 0))
		return rc;
	return remind_log(app, d.lo, d.hi, pid, status);
}

static const struct verb verbs[] = {
	{ .name = "due", .fn = verb_due, .mode = DB_RO,
	    .usage = "[--at TIME] [--channel email|sms]",
	    .summary = "what a run at TIME would send; sends nothing",
	    .opts = due_opts },
	{ .name = "send", .fn = verb_send, .mode = DB_RW,
	    .usage = "[--at TIME] [--dry-run] [--channel email|sms] "
	    "[--limit N] [-v] [--template NAME] [ID ... | -]",
	    .summary = "send what is due, each exactly once (for cron)",
	    .opts = send_opts, .operand = COMP_APPT },
	{ .name = "optout", .fn = verb_opt, .mode = DB_RW,
	    .usage = "PATIENT ... [--channel email|sms]",
	    .summary = "stop reminders to a patient (by one channel, or all)",
	    .opts = opt_opts, .operand = COMP_PATIENT },
	{ .name = "optin", .fn = verb_opt, .mode = DB_RW,
	    .usage = "PATIENT ... [--channel email|sms]",
	    .summary = "take back an opt-out", .opts = opt_opts,
	    .operand = COMP_PATIENT },
	{ .name = "log", .fn = verb_log, .mode = DB_RO,
	    .usage = "[--patient PAT] [--day D | --from D --to D] [--status S]",
	    .summary = "what was sent, when, to where, and the outcome",
	    .opts = log_opts },
};

static const struct prog prog = { "remind",
    "appointment and recall reminders by email and SMS, exactly once",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

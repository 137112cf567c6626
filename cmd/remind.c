/*
 * remind - appointment and recall reminders by email and SMS, exactly
 * once, for cron:
 *	remind due [--at NOW] [--channel email|sms]
 *	remind send [--at NOW] [--dry-run] [--channel C] [--limit N] [-v]
 *	remind send [--template NAME] -		ids on stdin (apt- or pat-)
 *	remind optout|optin PATIENT [--channel C]
 *	remind log [--patient P] [--from D --to D] [--status S]
 * A reminder is claimed -- a row with its unique key inserted -- in a
 * transaction before it is sent, and marked sent, retry or failed right
 * after.  A second run finds the key taken; a run killed between the two
 * leaves a claim whose lease runs out, and the next run after that sends
 * it again: at most that one message twice (see remind(1)).
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cfg.h"
#include "date.h"
#include "mail.h"
#include "patient.h"
#include "rec.h"
#include "sms.h"
#include "spawn.h"
#include "tmpl.h"
#include "util.h"

#define BATCH		200	/* reminders claimed per transaction */
#define KEY_LEN		128
#define ERR_LEN		200

static const char *const chan_names[] = { "", "email", "sms" };

/* --- what is due -------------------------------------------------------- */

/* One reminder: who, what about, by which channel, to where. */
struct item {
	long long	 id;		/* reminder row, once claimed */
	char		 key[KEY_LEN];
	long long	 patient, apt;
	char		 rule[40], template[40];
	int		 channel;	/* CH_EMAIL or CH_SMS */
	char		*address, *name, *lang, *provider, *location;
	time_t		 start;
	int		 attempts;
};

static void
item_clear(struct item *it)
{
	free(it->address);
	free(it->name);
	free(it->lang);
	free(it->provider);
	free(it->location);
	memset(it, 0, sizeof(*it));
}

static char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v ? xstrdup((const char *)v) : NULL;
}

/*
 * The channel a patient row (SQL_REM_DUE's columns) can be told by, among
 * mask: their choice, with consent, not opted out, with an address.  0
 * when none.
 */
static int
patient_channel(sqlite3_stmt *s, int mask)
{
	const char	*pref = (const char *)sqlite3_column_text(s, RD_CHANNEL);
	const char	*out = (const char *)sqlite3_column_text(s, RD_OPTOUTS);
	int		 ch = streq(pref, "sms") ? CH_SMS : streq(pref, "email") ?
			    CH_EMAIL : 0;

	if ((ch & mask) == 0)
		return 0;
	if (out && strstr(out, chan_names[ch]))
		return 0;
	if (sqlite3_column_type(s, ch == CH_SMS ? RD_SMS_CONSENT :
	    RD_EMAIL_CONSENT) == SQLITE_NULL)
		return 0;
	if (sqlite3_column_type(s, ch == CH_SMS ? RD_PHONE : RD_EMAIL) ==
	    SQLITE_NULL)
		return 0;
	return ch;
}

/* Is the local time of t inside remind.quiet_hours? */
static int
quiet(const struct cfg *c, time_t t)
{
	char	day[DATE_LEN];
	int	m;

	if (c->quiet_from == c->quiet_to)
		return 0;
	date_day_of(t, day, NULL, &m);
	if (c->quiet_from < c->quiet_to)
		return m >= c->quiet_from && m < c->quiet_to;
	return m >= c->quiet_from || m < c->quiet_to;
}

static int
type_matches(const struct remind_rule *r, const char *type)
{
	if (r->types == NULL)
		return 1;
	for (size_t i = 0; r->types[i]; i++)
		if (type && strcasecmp(r->types[i], type) == 0)
			return 1;
	return 0;
}

/*
 * The rule due now for a visit starting at start, of type, told by
 * channel ch: the one with the smallest lead whose time has come, or NULL.
 */
static const struct remind_rule *
closest_rule(const struct cfg *c, int ch, const char *type, time_t start,
    time_t now)
{
	const struct remind_rule *best = NULL;

	if (start <= now)
		return NULL;
	for (size_t i = 0; i < c->remind_nrules; i++) {
		const struct remind_rule *r = &c->remind_rules[i];

		if ((r->channels & ch) && type_matches(r, type) &&
		    start - 60 * r->before_min <= now &&
		    (best == NULL || r->before_min < best->before_min))
			best = r;
	}
	return best;
}

/* Copy the patient's address for ch and the message's words from row s. */
static void
contacts(struct item *it, sqlite3_stmt *s, int ch)
{
	it->channel = ch;
	it->address = col(s, ch == CH_SMS ? RD_PHONE : RD_EMAIL);
	it->name = col(s, RD_NAME);
	it->lang = col(s, RD_LANGUAGE);
	it->provider = col(s, RD_PROVIDER);
	it->location = col(s, RD_LOCATION);
}

/*
 * Fill it from a visit row: the closest rule whose time has come for the
 * channel the patient takes (a 48h reminder not yet sent is not sent once
 * the 2h one is due), or 0 when there is nothing to send now.
 */
static int
from_visit(struct app *app, sqlite3_stmt *s, time_t now, int chan_filter,
    struct item *it)
{
	const struct cfg	*c = app->cfg;
	const struct remind_rule *best;
	const char		*why;
	time_t			 start;
	int			 ch;

	if (date_parse_instant((const char *)sqlite3_column_text(s,
	    RD_START), &start, &why) != 0)
		return 0;
	/* a patient takes one channel: the closest rule that has it */
	if ((ch = patient_channel(s, chan_filter)) == 0 ||
	    (best = closest_rule(c, ch, (const char *)sqlite3_column_text(s,
	    RD_TYPE), start, now)) == NULL || (ch == CH_SMS && quiet(c, now)))
		return 0;
	memset(it, 0, sizeof(*it));
	it->apt = sqlite3_column_int64(s, RD_APT);
	it->patient = sqlite3_column_int64(s, RD_PATIENT);
	snprintf(it->rule, sizeof(it->rule), "%s", best->name);
	snprintf(it->template, sizeof(it->template), "%s", best->template);
	it->start = start;
	contacts(it, s, ch);
	snprintf(it->key, sizeof(it->key), "apt-%lld/%s/%s/%s", it->apt,
	    it->rule, chan_names[ch], sqlite3_column_text(s, RD_START));
	return 1;
}

/* The stored state of a key: "" when never claimed. */
static int
key_status(struct app *app, const char *key, char out[16])
{
	sqlite3_stmt	*s = db_stmt(app->db, SQL_REM_STATUS);
	int		 rc;

	out[0] = '\0';
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if ((rc = db_step(app->db, s)) == SQLITE_ROW)
		snprintf(out, 16, "%s", sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

/* --- rendering ---------------------------------------------------------- */

/* Templates by (name, language), loaded once per run. */
struct tcache {
	struct {
		char		*name, *lang;
		int		 visit;
		struct tmpl	*t;
	}		*v;
	size_t		 n;
};

static int
template(struct app *app, struct tcache *tc, const char *name,
    const char *lang, int visit, struct tmpl **out)
{
	int rc;

	for (size_t i = 0; i < tc->n; i++)
		if (streq(tc->v[i].name, name) && tc->v[i].visit == visit &&
		    streq(tc->v[i].lang ? tc->v[i].lang : "", lang ? lang :
		    "")) {
			*out = tc->v[i].t;
			return 0;
		}
	if ((rc = tmpl_load(app->cfg, name, lang, visit, out)) != 0)
		return rc;
	tc->v = xrealloc(tc->v, (tc->n + 1) * sizeof(*tc->v));
	tc->v[tc->n].name = xstrdup(name);
	tc->v[tc->n].lang = lang ? xstrdup(lang) : NULL;
	tc->v[tc->n].visit = visit;
	tc->v[tc->n++].t = *out;
	return 0;
}

static void
tcache_free(struct tcache *tc)
{
	for (size_t i = 0; i < tc->n; i++) {
		free(tc->v[i].name);
		free(tc->v[i].lang);
		tmpl_free(tc->v[i].t);
	}
	free(tc->v);
}

/* The domain of remind.from, for Message-IDs. */
static const char *
from_domain(const struct cfg *c)
{
	const char *at = c->remind_from ? strrchr(c->remind_from, '@') : NULL;
	static char dom[128];

	if (at == NULL)
		return "clinix.invalid";
	snprintf(dom, sizeof(dom), "%.*s", (int)strcspn(at + 1, "> \t"),
	    at + 1);
	return dom;
}

/*
 * A placeholder of t that rendered empty: the clinic's (clinic.name,
 * clinic.phone) is the config's fault, 78, said; the patient's or the
 * visit's only this message's, 65 with err.
 */
static int
empty_placeholder(const struct app *app, const struct tmpl *t,
    const char *ph, char err[ERR_LEN])
{
	if (streq(ph, "clinic") || streq(ph, "clinic_phone") ||
	    streq(ph, "location")) {
		warnx("%s: {%s} would be empty: set %s in %s (clinix config "
		    "set %s ...)", tmpl_path(t), ph, streq(ph, "clinic_phone") ?
		    "clinic.phone" : "clinic.name", app->cfg->path,
		    streq(ph, "clinic_phone") ? "clinic.phone" : "clinic.name");
		return EX_CONFIG;
	}
	snprintf(err, ERR_LEN, "%s: {%s} would be empty", tmpl_path(t), ph);
	return EX_DATAERR;
}

/*
 * The message for it into msg: an RFC 5322 message for email, the text
 * for SMS.  0; 65 with err set when this one cannot be sent (too long,
 * bad address, a placeholder of its own empty); 78 or 66 for a template
 * or config problem (said), a clinic placeholder empty among them.
 */
static int
render(struct app *app, struct tcache *tc, const struct item *it,
    struct buf *msg, char err[ERR_LEN])
{
	struct tmpl_vars v = { it->name, it->provider, it->location,
			    it->start };
	struct buf	 subj = { 0 }, body = { 0 };
	struct tmpl	*t;
	char		 mid[160];
	const char	*why, *empty;
	int		 rc;

	buf_reset(msg);
	/* a visit's placeholders for a visit, or for a slot that opened */
	if ((rc = template(app, tc, it->template, it->lang, it->apt != 0 ||
	    it->start != 0, &t)) != 0)
		return rc;
	if (it->channel == CH_SMS) {
		struct sms_count n;

		empty = tmpl_render(t, TP_SMS, app->cfg, &v, msg);
		if (empty != NULL && msg->len > 0)
			return empty_placeholder(app, t, empty, err);
		if (msg->len == 0) {
			snprintf(err, ERR_LEN, "%s has no sms text",
			    tmpl_path(t));
			return EX_DATAERR;
		}
		if (sms_count(msg->s, &n) != 0 ||
		    n.segments > app->cfg->remind_sms_max_segments) {
			snprintf(err, ERR_LEN, "sms needs %d segments, more "
			    "than remind.sms_max_segments %ld", n.segments,
			    app->cfg->remind_sms_max_segments);
			return EX_DATAERR;
		}
		return 0;
	}
	if (app->cfg->remind_from == NULL) {
		warnx("%s: remind.from is not set: emails need a sender",
		    app->cfg->path);
		return EX_CONFIG;
	}
	if ((empty = tmpl_render(t, TP_SUBJECT, app->cfg, &v, &subj)) ==
	    NULL)
		empty = tmpl_render(t, TP_EMAIL, app->cfg, &v, &body);
	if (empty != NULL) {
		buf_free(&subj);
		buf_free(&body);
		return empty_placeholder(app, t, empty, err);
	}
	snprintf(mid, sizeof(mid), "rem-%lld.%lld@%s", it->id,
	    (long long)time(NULL), from_domain(app->cfg));
	struct mail_msg m = { app->cfg->remind_from, it->name, it->address,
	    subj.s ? subj.s : "", body.s ? body.s : "", mid, time(NULL) };
	rc = 0;
	if (body.len == 0) {
		snprintf(err, ERR_LEN, "%s has no email text", tmpl_path(t));
		rc = EX_DATAERR;
	} else if (mail_write(msg, &m, &why) != 0) {
		snprintf(err, ERR_LEN, "%s", why);
		rc = EX_DATAERR;
	}
	buf_free(&subj);
	buf_free(&body);
	return rc;
}

/* --- delivery ----------------------------------------------------------- */

/* argv of remind.sendmail, split on blanks (no shell); owned. */
static char **
sendmail_argv(const struct cfg *c)
{
	char	*s = xstrdup(c->remind_sendmail), **v = NULL;
	size_t	 n = 0;

	for (char *w = strtok(s, " \t"); w; w = strtok(NULL, " \t")) {
		v = xrealloc(v, (n + 2) * sizeof(*v));
		v[n++] = xstrdup(w);
	}
	free(s);
	if (v)
		v[n] = NULL;
	return v;
}

/*
 * How long a sendmail or SMS command may take before it is killed (and
 * the message retried), and how much of what it says we keep.
 */
#define CHILD_SECONDS	120
#define CHILD_OUTPUT	(64 * 1024)

/*
 * Run argv with data on its stdin; its exit status decides.  0 sent; 75
 * a temporary failure (EX_TEMPFAIL, EX_IOERR, EX_OSERR, EX_UNAVAILABLE,
 * EX_PROTOCOL, a signal or the time limit); 65 a permanent one; 69 when
 * it cannot start.  What it says goes to our stderr, never into the
 * report on stdout.  lib/spawn drops an installed program's group
 * privilege in the child and, then, gives it a clean environment.
 */
static int
run(char *const argv[], const char *data, size_t len, char err[ERR_LEN])
{
	struct spawn_result	 r;
	int			 e;

	if (spawn_run(argv, data, len, CHILD_SECONDS, CHILD_OUTPUT,
	    SPAWN_KEEP_ENV, &r, err, ERR_LEN) != 0) {
		spawn_result_free(&r);
		return EX_UNAVAILABLE;
	}
	fwrite(r.out.s ? r.out.s : "", 1, r.out.len, stderr);
	fwrite(r.err.s ? r.err.s : "", 1, r.err.len, stderr);
	spawn_result_free(&r);
	if (r.timed_out) {
		snprintf(err, ERR_LEN, "%s killed after %d seconds", argv[0],
		    CHILD_SECONDS);
		return EX_TEMPFAIL;
	}
	if (r.code == 0)
		return 0;
	if (r.sig) {
		snprintf(err, ERR_LEN, "%s killed by signal %d", argv[0],
		    r.sig);
		return EX_TEMPFAIL;
	}
	e = r.code;
	snprintf(err, ERR_LEN, "%s exited %d", argv[0], e);
	/* msmtp says 69 for a server's 4xx, 76 for a dropped connection */
	return e == EX_TEMPFAIL || e == EX_IOERR || e == EX_OSERR ||
	    e == EX_UNAVAILABLE || e == EX_PROTOCOL ? EX_TEMPFAIL : EX_DATAERR;
}

/* --- a run -------------------------------------------------------------- */

struct runner {
	struct app	*app;
	struct tcache	 tc;
	char		**sendmail, **sms;	/* argv, NULL when missing */
	int		 sendmail_ok, sms_ok;	/* runnable */
	char		 run_id[96];
	time_t		 now;		/* --at, or when the run started */
	time_t		 t0;		/* the clock then, to move now along */
	int		 chan_filter, dry, verbose;
	long long	 limit, done;
	long long	 sent[3], failed, retrying, dropped, missing[3];
	struct buf	 msg;
	struct out	*out;
	struct idlist	 pats;		/* dry run and due: for the audit row */
};

/* The lease a claim made now holds until: --at moves with the clock. */
static void
lease_end(const struct runner *r, char out[STAMP_LEN])
{
	date_utc(r->now + (time(NULL) - r->t0) +
	    60L * r->app->cfg->remind_lease_minutes, out);
}

/*
 * Mark a claimed reminder's outcome, with its audit row, and renew the
 * lease on the rest of this run's claims: a long batch must not look
 * abandoned to the next cron run.
 */
static int
finish(struct runner *r, struct item *it, const char *status,
    const char *err, const char *mid, time_t next)
{
	struct app	*app = r->app;
	sqlite3_stmt	*s;
	char		 rec[32], det[KEY_LEN + 64], nextat[STAMP_LEN];
	int		 rc;

	if ((rc = app_begin(app)) != 0)
		return rc;
	s = db_stmt(app->db, SQL_REM_DONE);
	sqlite3_bind_int64(s, 1, it->id);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
	if (err)
		sqlite3_bind_text(s, 3, err, -1, SQLITE_TRANSIENT);
	if (mid)
		sqlite3_bind_text(s, 4, mid, -1, SQLITE_TRANSIENT);
	if (next) {
		date_utc(next, nextat);
		sqlite3_bind_text(s, 5, nextat, -1, SQLITE_TRANSIENT);
	}
	if ((rc = db_exec(app->db, s)) != 0)
		goto fail;
	s = db_stmt(app->db, SQL_REM_RENEW);
	lease_end(r, nextat);
	sqlite3_bind_text(s, 1, r->run_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, nextat, -1, SQLITE_TRANSIENT);
	if ((rc = db_exec(app->db, s)) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "rem-%lld", it->id);
	snprintf(det, sizeof(det), "%s %s %s to %s", it->key, status,
	    chan_names[it->channel], it->address);
	if ((rc = app_log(app, it->patient, rec, det)) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	return 0;
fail:
	app_rollback(app);
	return rc;
}

/* Send one claimed reminder and record what happened. */
static int
deliver(struct runner *r, struct item *it)
{
	const struct cfg *c = r->app->cfg;
	char		 err[ERR_LEN] = "", mid[160] = "";
	char		**argv;
	int		 rc;

	if ((rc = render(r->app, &r->tc, it, &r->msg, err)) != 0) {
		/* checked before the claim; a file changed since: fail it */
		if (rc != EX_DATAERR)
			snprintf(err, ERR_LEN, "the template or config went bad");
		warnx("%s: failed: %s", it->key, err);
		r->failed++;
		int frc = finish(r, it, "failed", err, NULL, 0);
		return rc != EX_DATAERR ? rc : frc;
	}
	if (it->channel == CH_EMAIL) {
		const char *m = strstr(r->msg.s, "Message-ID: <");

		if (m)
			snprintf(mid, sizeof(mid), "%.*s",
			    (int)strcspn(m + 13, ">"), m + 13);
		argv = r->sendmail;
		rc = run(argv, r->msg.s, r->msg.len, err);
	} else {
		size_t n = 0;

		while (r->sms[n])
			n++;
		argv = xcalloc(n + 2, sizeof(*argv));
		memcpy(argv, r->sms, n * sizeof(*argv));
		argv[n] = it->address;
		rc = run(argv, r->msg.s, r->msg.len, err);
		free(argv);
	}
	if (rc == 0) {
		r->sent[it->channel]++;
		return finish(r, it, "sent", NULL, mid[0] ? mid : NULL, 0);
	}
	if (rc == EX_TEMPFAIL && it->attempts < c->remind_max_attempts) {
		/* back off: retry_minutes, doubled for every attempt made */
		time_t next = r->now + 60L * c->remind_retry_minutes *
		    (1L << (it->attempts - 1 < 10 ? it->attempts - 1 : 10));

		warnx("%s: will retry: %s", it->key, err);
		r->retrying++;
		return finish(r, it, "retry", err, NULL, next);
	}
	warnx("%s: failed: %s", it->key, err);
	r->failed++;
	return finish(r, it, "failed", err, NULL, 0);
}

/*
 * Can this channel be sent by this run?  1; 0 when SMS has no command
 * (remind.sms_command unset: counted, the run ends 69); -78, said, when
 * the command configured cannot be run (missing, not executable): a
 * config error that stops the run, a dry run too, before it claims the
 * message, rather than a summary of nothing sent.
 */
static int
can_send(struct runner *r, int channel)
{
	const struct cfg *c = r->app->cfg;

	if (channel == CH_EMAIL ? r->sendmail_ok : r->sms_ok)
		return 1;
	if (channel == CH_SMS && r->sms == NULL) {
		r->missing[channel]++;
		return 0;
	}
	if (channel == CH_EMAIL)
		warnx("%s: remind.sendmail '%s': %s cannot be run (missing, "
		    "or not executable)", c->path, c->remind_sendmail,
		    r->sendmail ? r->sendmail[0] : "");
	else
		warnx("%s: remind.sms_command: %s cannot be run (missing, or "
		    "not executable)", c->path, r->sms[0]);
	return -EX_CONFIG;
}

/* Claim it for this run: 1 ours, 0 taken already, or minus a code. */
static int
claim(struct runner *r, struct item *it)
{
	struct app	*app = r->app;
	sqlite3_stmt	*s = db_stmt(app->db, SQL_REM_CLAIM);
	char		 lease[STAMP_LEN];
	int		 rc;

	lease_end(r, lease);
	sqlite3_bind_text(s, 1, it->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, it->patient);
	if (it->apt)
		sqlite3_bind_int64(s, 3, it->apt);
	sqlite3_bind_text(s, 4, it->rule, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, chan_names[it->channel], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, it->address, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, lease, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, r->run_id, -1, SQLITE_STATIC);
	if ((rc = db_exec(app->db, s)) != 0)
		return -rc;
	if (sqlite3_changes(db_handle(app->db)) == 0)
		return 0;
	it->id = sqlite3_last_insert_rowid(db_handle(app->db));
	it->attempts = 1;
	return 1;
}

/* A record line for due and --dry-run. */
static void
show(struct runner *r, const struct item *it, const char *extra)
{
	char		 pat[32], id[32], start[STAMP_LEN] = "";
	const char	*row[] = { id, pat, chan_names[it->channel],
			    it->address, it->rule, start, it->key, extra };

	/* the visit's id first, so the list pipes into send - */
	snprintf(pat, sizeof(pat), "pat-%lld", it->patient);
	snprintf(id, sizeof(id), "%s", pat);
	if (it->apt)
		snprintf(id, sizeof(id), "apt-%lld", it->apt);
	if (it->start)
		date_local(it->start, start);
	if (r->out)	/* none: due's first pass, for the audit row */
		out_text_row(r->out, row);
	idlist_add(&r->pats, it->patient);
}

/*
 * Is there nothing to do for visit id starting at start: no rule due for
 * any channel, or the closest rule's reminder already claimed on one of
 * them (a patient takes one channel)?  1, 0, or minus a sysexits code.
 * Decided from the visit and the reminder keys alone, so a rerun over a
 * day already sent never reads a patient.
 */
static int
handled(struct runner *r, long long id, const char *start_s,
    const char *type)
{
	const struct cfg *c = r->app->cfg;
	const char	*why;
	char		 key[KEY_LEN], st[16];
	time_t		 start;
	int		 due = 0, rc;

	if (date_parse_instant(start_s, &start, &why) != 0)
		return 1;
	for (int ch = CH_EMAIL; ch <= CH_SMS; ch++) {
		const struct remind_rule *best;

		if (!(r->chan_filter & ch) ||
		    (best = closest_rule(c, ch, type, start, r->now)) == NULL)
			continue;
		due = 1;
		snprintf(key, sizeof(key), "apt-%lld/%s/%s/%s", id, best->name,
		    chan_names[ch], start_s);
		if ((rc = key_status(r->app, key, st)) != 0)
			return -rc;
		if (st[0])
			return 1;
	}
	return !due;
}

/* Fill it for visit id with its patient: 1, 0 when nothing goes, or -code. */
static int
with_patient(struct runner *r, long long id, struct item *it)
{
	struct app	*app = r->app;
	sqlite3_stmt	*p = db_stmt(app->db, SQL_REM_APT);
	int		 rc, got = 0;

	sqlite3_bind_int64(p, 1, id);
	if ((rc = db_step(app->db, p)) == SQLITE_ROW)
		got = from_visit(app, p, r->now, r->chan_filter, it);
	sqlite3_reset(p);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -rc;
	return got;
}

/*
 * Walk the visits due by r->now: list them (due, --dry-run, rendering
 * each), or claim them BATCH at a time and send each batch.
 */
static int
sweep(struct runner *r, int claiming)
{
	struct app	*app = r->app;
	struct item	*batch = xcalloc(BATCH, sizeof(*batch));
	long		 maxb = 0;
	char		 lo[STAMP_LEN], hi[STAMP_LEN], cur[STAMP_LEN];
	long long	 cur_id = 0;
	int		 rc = 0, more = 1;

	for (size_t i = 0; i < app->cfg->remind_nrules; i++)
		if (app->cfg->remind_rules[i].before_min > maxb)
			maxb = app->cfg->remind_rules[i].before_min;
	date_utc(r->now, lo);
	date_utc(r->now + 60 * maxb, hi);
	memcpy(cur, lo, sizeof(cur));
	while (rc == 0 && more) {
		sqlite3_stmt	*s;
		size_t		 n = 0;

		if (claiming && (rc = app_begin(app)) != 0)
			break;
		s = db_stmt(app->db, SQL_REM_VISITS);
		sqlite3_bind_text(s, 1, lo, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
		/* copied: cur moves on with every row read below */
		sqlite3_bind_text(s, 3, cur, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 4, cur_id);
		more = 0;
		while ((rc = db_step(app->db, s)) == SQLITE_ROW) {
			struct item	 it;
			char		 err[ERR_LEN];
			int		 got, seen;

			snprintf(cur, sizeof(cur), "%s",
			    sqlite3_column_text(s, 1));
			cur_id = sqlite3_column_int64(s, 0);
			/* a rerun's visits end here, their patients unread */
			if ((seen = handled(r, cur_id, cur, (const char *)
			    sqlite3_column_text(s, 2))) != 0) {
				if (seen < 0) {
					rc = -seen;
					break;
				}
				continue;
			}
			if ((got = with_patient(r, cur_id, &it)) <= 0) {
				if (got < 0) {
					rc = -got;
					break;
				}
				continue;
			}
			/* handled() found its key free */
			rc = 0;
			if (!claiming) {
				if (r->dry) {
					char size[32];

					if ((got = can_send(r, it.channel)) < 0) {
						rc = -got;
						item_clear(&it);
						break;
					}
					rc = render(app, &r->tc, &it, &r->msg,
					    err);
					snprintf(size, sizeof(size), "%zu",
					    r->msg.len);
					/* a config error is no line of the list */
					if (rc == 0 || rc == EX_DATAERR)
						show(r, &it, rc == 0 ? size :
						    err);
					rc = rc == EX_DATAERR ? 0 : rc;
				} else
					show(r, &it, NULL);
				item_clear(&it);
				if (rc != 0)
					break;
				continue;
			}
			if (r->limit && r->done + (long long)n >= r->limit) {
				item_clear(&it);
				continue;
			}
			if ((got = can_send(r, it.channel)) <= 0) {
				item_clear(&it);
				if (got == 0)
					continue;
				rc = -got;
				break;
			}
			/* a bad template or config stops us before a claim */
			if ((rc = render(app, &r->tc, &it, &r->msg, err)) != 0 &&
			    rc != EX_DATAERR) {
				item_clear(&it);
				break;
			}
			rc = 0;
			if ((got = claim(r, &it)) < 0) {
				rc = -got;
				item_clear(&it);
				break;
			}
			if (got == 0) {
				item_clear(&it);
				continue;
			}
			batch[n++] = it;
			if (n == BATCH) {
				more = 1;
				break;
			}
		}
		sqlite3_reset(s);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = 0;
		if (claiming) {
			if (rc == 0)
				rc = app_commit(app);
			if (rc != 0) {
				app_rollback(app);
				for (size_t i = 0; i < n; i++)
					item_clear(&batch[i]);
				n = 0;	/* nothing was claimed after all */
			}
		}
		for (size_t i = 0; i < n; i++) {
			if (rc == 0) {
				rc = deliver(r, &batch[i]);
				r->done++;
			}
			item_clear(&batch[i]);
		}
	}
	free(batch);
	return rc;
}

/* Has a rule closer to the visit than rule come due for this channel? */
static int
closer(const struct cfg *c, const char *rule, int chan, const char *type,
    time_t start, time_t now)
{
	const struct remind_rule *best = closest_rule(c, chan, type, start,
	    now);

	return best && !streq(best->name, rule);
}

/*
 * Fill it for a reminder claimed before, from the RETURNING row rs: the
 * visit or patient as they are now.  65 with why set when it must not go
 * out any more (cancelled, moved, opted out).
 */
static int
reload(struct runner *r, struct item *it, sqlite3_stmt *rs, char why[64])
{
	struct app	*app = r->app;
	const char	*key = (const char *)sqlite3_column_text(rs, RC_KEY);
	const char	*rule = (const char *)sqlite3_column_text(rs, RC_RULE);
	const char	*ch = (const char *)sqlite3_column_text(rs, RC_CHANNEL);
	sqlite3_stmt	*s;
	int		 rc, chan = streq(ch, "sms") ? CH_SMS : CH_EMAIL;

	memset(it, 0, sizeof(*it));
	why[0] = '\0';
	it->id = sqlite3_column_int64(rs, RC_ID);
	it->patient = sqlite3_column_int64(rs, RC_PATIENT);
	it->apt = sqlite3_column_int64(rs, RC_APT);
	it->attempts = sqlite3_column_int(rs, RC_ATTEMPTS);
	it->channel = chan;
	snprintf(it->key, sizeof(it->key), "%s", key);
	/* a rule's template is in the config; a --template run's is its rule */
	snprintf(it->rule, sizeof(it->rule), "%s", rule);
	snprintf(it->template, sizeof(it->template), "%s", rule);
	for (size_t i = 0; i < app->cfg->remind_nrules; i++)
		if (streq(app->cfg->remind_rules[i].name, rule))
			snprintf(it->template, sizeof(it->template), "%s",
			    app->cfg->remind_rules[i].template);
	s = db_stmt(app->db, it->apt ? SQL_REM_APT : SQL_REM_PATIENT);
	sqlite3_bind_int64(s, 1, it->apt ? it->apt : it->patient);
	if ((rc = db_step(app->db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
		snprintf(why, 64, "the patient may no longer be reminded");
		it->address = xstrdup("");
		return EX_DATAERR;
	}
	if (it->apt) {
		const char *start = (const char *)sqlite3_column_text(s,
		    RD_START), *w;
		size_t kl = strlen(key), sl = strlen(start);

		if (!streq((const char *)sqlite3_column_text(s, RD_STATUS),
		    "booked"))
			snprintf(why, 64, "the appointment is %s",
			    sqlite3_column_text(s, RD_STATUS));
		else if (kl < sl || strcmp(key + kl - sl, start) != 0)
			snprintf(why, 64, "the appointment was moved");
		date_parse_instant(start, &it->start, &w);
		if (!why[0] && it->start <= r->now)
			snprintf(why, 64, "the appointment has started");
		if (!why[0] && closer(app->cfg, rule, chan, (const char *)
		    sqlite3_column_text(s, RD_TYPE), it->start, r->now))
			snprintf(why, 64, "a later reminder is due instead");
	}
	if (!why[0] && patient_channel(s, chan) == 0)
		snprintf(why, 64, "the patient opted out of %s", ch);
	contacts(it, s, chan);
	if (it->address == NULL)
		it->address = xstrdup("");
	sqlite3_reset(s);
	return why[0] ? EX_DATAERR : 0;
}

/* Claims whose lease ran out, and retries whose time has come. */
static int
resume(struct runner *r)
{
	struct app	*app = r->app;
	struct item	*batch = xcalloc(BATCH, sizeof(*batch));
	char		(*why)[64] = xcalloc(BATCH, sizeof(*why));
	char		 now[STAMP_LEN], lease[STAMP_LEN];
	size_t		 n;
	int		 rc = 0;

	date_utc(r->now, now);
	lease_end(r, lease);
	/* a retry due by a command that cannot run: stop, as for a new one */
	for (int ch = CH_EMAIL; ch <= CH_SMS; ch++) {
		sqlite3_stmt	*s;
		long long	 due = 0;

		if (!(r->chan_filter & ch) || (ch == CH_EMAIL ? r->sendmail_ok :
		    r->sms_ok) || (ch == CH_SMS && (r->sms == NULL ||
		    quiet(app->cfg, r->now))))
			continue;
		s = db_stmt(app->db, SQL_REM_RECLAIMABLE);
		sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, chan_names[ch], -1, SQLITE_STATIC);
		if ((rc = db_step(app->db, s)) == SQLITE_ROW)
			due = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW) {
			free(batch);
			free(why);
			return rc;
		}
		rc = 0;
		if (due > 0) {
			free(batch);
			free(why);
			return -can_send(r, ch);
		}
	}
	do {
		sqlite3_stmt *s;

		n = 0;
		if ((rc = app_begin(app)) != 0)
			break;
		s = db_stmt(app->db, SQL_REM_RECLAIM);
		sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, lease, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, r->run_id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 4, BATCH);
		sqlite3_bind_int(s, 5, r->sendmail_ok &&
		    (r->chan_filter & CH_EMAIL));
		sqlite3_bind_int(s, 6, r->sms_ok && (r->chan_filter & CH_SMS) &&
		    !quiet(app->cfg, r->now));
		/* the UPDATE is done by the first step; rows come buffered */
		while ((rc = db_step(app->db, s)) == SQLITE_ROW && n < BATCH) {
			int e = reload(r, &batch[n], s, why[n]);

			n++;
			if (e != 0 && e != EX_DATAERR) {
				rc = e;
				break;
			}
		}
		sqlite3_reset(s);
		if (rc == SQLITE_DONE || rc == SQLITE_ROW)
			rc = 0;
		if (rc == 0)
			rc = app_commit(app);
		if (rc != 0)
			app_rollback(app);
		for (size_t i = 0; i < n; i++) {
			struct item *it = &batch[i];

			if (rc != 0)
				;
			else if (why[i][0]) {
				r->dropped++;
				rc = finish(r, it, "dropped", why[i], NULL, 0);
			} else
				rc = deliver(r, it);
			item_clear(it);
		}
	} while (rc == 0 && n == BATCH);
	free(batch);
	free(why);
	return rc;
}

/* One id from stdin or argv: remind about that visit or patient now. */
struct pipe_run {
	struct runner	*r;
	const char	*template;
	long long	 slot_provider;	/* a line of sched waitlist match: */
	time_t		 slot_start;	/* the slot that opened, or 0 */
};

static int
one_id(const char *key, void *arg)
{
	struct pipe_run	*p = arg;
	struct runner	*r = p->r;
	struct app	*app = r->app;
	struct item	 it;
	sqlite3_stmt	*s;
	long long	 id;
	char		 day[DATE_LEN], st[16], err[ERR_LEN];
	const char	*w;
	int		 rc, got, visit, by_rule = 0;

	if (rec_id_parse(key, "apt", &id) == 0)
		visit = 1;
	else if (pat_find(app->db, key, &id) == 0)
		visit = 0;		/* pat-N or an MRN */
	else {
		warnx("not an appointment, patient or MRN '%s'", key);
		return EX_DATAERR;
	}
	if (!visit && p->template == NULL) {
		warnx("%s: a patient id needs --template (e.g. recall)", key);
		return EX_USAGE;
	}
	s = db_stmt(app->db, visit ? SQL_REM_APT : SQL_REM_PATIENT);
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_step(app->db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
		warnx("%s: no such %s, or not to be reminded (inactive, "
		    "deceased, merged)", key, visit ? "appointment" :
		    "patient");
		return EX_DATAERR;
	}
	memset(&it, 0, sizeof(it));
	if (visit) {
		const char *status = (const char *)sqlite3_column_text(s,
		    RD_STATUS);
		time_t start;

		date_parse_instant((const char *)sqlite3_column_text(s,
		    RD_START), &start, &w);
		if (!streq(status, "booked") || start <= r->now) {
			warnx("%s %s: no reminder", key, streq(status,
			    "booked") ? "has started" : status);
			sqlite3_reset(s);
			return EX_DATAERR;
		}
		/* the rule due now, as cron would send it: the same key */
		if (p->template == NULL)
			by_rule = from_visit(app, s, r->now, r->chan_filter,
			    &it);
	}
	if (!by_rule) {
		int ch;

		if ((ch = patient_channel(s, r->chan_filter)) == 0) {
			/* their choice: not an error */
			if (r->verbose)
				warnx("%s: takes no reminders by %s", key,
				    r->chan_filter == CH_SMS ? "sms" :
				    r->chan_filter == CH_EMAIL ? "email" :
				    "any channel");
			sqlite3_reset(s);
			return 0;
		}
		it.patient = sqlite3_column_int64(s, RD_PATIENT);
		it.apt = visit ? id : 0;
		snprintf(it.rule, sizeof(it.rule), "%s", p->template ?
		    p->template : "appointment");
		snprintf(it.template, sizeof(it.template), "%s", it.rule);
		contacts(&it, s, ch);
		if (!visit && p->slot_provider) {
			/* the slot that opened, for {date} {time} {provider} */
			sqlite3_stmt *v = db_stmt(app->db, SQL_REM_PROVIDER);

			sqlite3_bind_int64(v, 1, p->slot_provider);
			if (db_step(app->db, v) == SQLITE_ROW) {
				it.provider = col(v, 0);
				it.start = p->slot_start;
			}
			sqlite3_reset(v);
		}
		if (visit) {
			date_parse_instant((const char *)sqlite3_column_text(s,
			    RD_START), &it.start, &w);
			snprintf(it.key, sizeof(it.key), "apt-%lld/%s/%s/%s", id,
			    it.rule, chan_names[it.channel],
			    sqlite3_column_text(s, RD_START));
		} else {
			date_day_of(r->now, day, NULL, NULL);
			snprintf(it.key, sizeof(it.key), "pat-%lld/%s/%s/%s", id,
			    it.rule, chan_names[it.channel], day);
		}
	}
	sqlite3_reset(s);
	if (it.channel == CH_SMS && quiet(app->cfg, r->now)) {
		warnx("%s: quiet hours (%s): not sent now", it.key,
		    app->cfg->remind_quiet_hours);
		item_clear(&it);
		return 0;
	}
	if ((rc = key_status(app, it.key, st)) != 0 || st[0] != '\0') {
		item_clear(&it);	/* sent, or on its way, already */
		return rc;
	}
	/* rendered before anything is claimed: a bad template stops here */
	if ((got = can_send(r, it.channel)) < 0) {
		item_clear(&it);
		return -got;
	}
	rc = render(app, &r->tc, &it, &r->msg, err);
	if (r->dry || (rc != 0 && rc != EX_DATAERR)) {
		if (r->dry && (rc == 0 || rc == EX_DATAERR)) {
			char size[32];

			snprintf(size, sizeof(size), "%zu", r->msg.len);
			show(r, &it, rc == 0 ? size : err);
			rc = 0;
		}
		item_clear(&it);
		return rc;
	}
	if (got == 0 || (r->limit && r->done >= r->limit)) {
		item_clear(&it);
		return 0;
	}
	if ((rc = app_begin(app)) != 0) {
		item_clear(&it);
		return rc;
	}
	if ((got = claim(r, &it)) < 0 || (rc = app_commit(app)) != 0) {
		app_rollback(app);
		item_clear(&it);
		return got < 0 ? -got : rc;
	}
	if (got == 1) {
		rc = deliver(r, &it);
		r->done++;
	}
	item_clear(&it);
	return rc;
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
	if (streq(s, "email"))
		return CH_EMAIL;
	if (streq(s, "sms"))
		return CH_SMS;
	warnx("--channel wants email or sms, not '%s'", s);
	return 0;
}

struct opts {
	const char	*at, *channel, *template;
	long long	 limit;
	int		 dry, verbose;
};

static int
parse(int argc, char *argv[], struct opts *o, int sending)
{
	static const struct option longopts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "channel", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "limit", required_argument, NULL, 'l' },
		{ "template", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, sending ? "a:c:nl:t:v" : "a:c:",
	    longopts, NULL)) != -1)
		switch (ch) {
		case 'a': o->at = optarg; break;
		case 'c':
			if (channel_arg(optarg) == 0)
				return EX_USAGE;
			o->channel = optarg;
			break;
		case 'n': o->dry = 1; break;
		case 'l':
			if (app_count("--limit", optarg, 1, &o->limit) != 0)
				return EX_USAGE;
			break;
		case 't': o->template = optarg; break;
		case 'v': o->verbose = 1; break;
		default: return EX_USAGE;
		}
	if (!sending && (o->dry || o->limit || o->template || o->verbose))
		return EX_USAGE;	/* getopt took only due's options */
	return 0;
}

static int
runner_init(struct runner *r, struct app *app, const struct opts *o)
{
	const char	*why;
	char		 host[64];

	memset(r, 0, sizeof(*r));
	r->app = app;
	r->now = r->t0 = time(NULL);
	if (o->at && date_parse_instant(o->at, &r->now, &why) != 0) {
		warnx("--at '%s': %s", o->at, why);
		return EX_DATAERR;
	}
	r->chan_filter = o->channel == NULL ? CH_EMAIL | CH_SMS :
	    streq(o->channel, "sms") ? CH_SMS : CH_EMAIL;
	r->dry = o->dry;
	r->verbose = o->verbose;
	r->limit = o->limit;
	if (gethostname(host, sizeof(host)) != 0)
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(r->run_id, sizeof(r->run_id), "%s:%ld", host, (long)getpid());
	r->sendmail = sendmail_argv(app->cfg);
	r->sendmail_ok = r->sendmail && spawn_runnable(r->sendmail[0]);
	r->sms = app->cfg->remind_sms_command;
	r->sms_ok = r->sms && spawn_runnable(r->sms[0]);
	return 0;
}

static void
runner_free(struct runner *r)
{
	for (size_t i = 0; r->sendmail && r->sendmail[i]; i++)
		free(r->sendmail[i]);
	free(r->sendmail);
	tcache_free(&r->tc);
	buf_free(&r->msg);
	idlist_free(&r->pats);
}

static const char *const due_cols[] = { "id", "patient", "channel",
    "address", "rule", "start", "key", "bytes" };

/* The audit row of a listing of who would be reminded. */
static int
listed(struct runner *r, const char *what)
{
	char rec[64];

	snprintf(rec, sizeof(rec), "%lld reminders: %s", r->pats.n, what);
	return app_audit(r->app, 0, rec, idlist_str(&r->pats));
}

static int
verb_due(int argc, char *argv[], struct app *app)
{
	struct opts	 o = { 0 };
	struct runner	 r;
	long long	 n = 0;
	int		 rc;

	if ((rc = parse(argc, argv, &o, 0)) != 0)
		return rc;
	if (argc != optind)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_SCHEDULE)) != 0 ||
	    (rc = runner_init(&r, app, &o)) != 0)
		return rc;
	/*
	 * The audit row before the first line: a pass that only gathers the
	 * patients, the row, then the same sweep (the same --at) printing.
	 */
	r.out = NULL;
	if ((rc = sweep(&r, 0)) == 0 && (rc = listed(&r, "due")) == 0) {
		n = r.pats.n;
		r.out = app->out;
		out_cols(app->out, nitems(due_cols) - 1, due_cols);
		rc = sweep(&r, 0);
	}
	if (rc == 0 && n == 0)
		rc = 1;
	runner_free(&r);
	return rc;
}

static int
verb_send(int argc, char *argv[], struct app *app)
{
	struct opts	 o = { 0 };
	struct runner	 r;
	int		 rc, piped;

	if ((rc = parse(argc, argv, &o, 1)) != 0)
		return rc;
	piped = argc > optind;
	if (o.template && !piped) {
		warnx("--template goes with ids ('-' reads them from stdin)");
		return EX_USAGE;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_SCHEDULE)) != 0 ||
	    (rc = runner_init(&r, app, &o)) != 0)
		return rc;
	signal(SIGPIPE, SIG_IGN);	/* a sendmail that quits early says so */
	r.out = app->out;
	if (r.dry)
		out_cols(app->out, nitems(due_cols), due_cols);
	if (piped) {
		struct pipe_run p = { &r, o.template, 0, 0 };

		if (o.template && argc - optind == 1 &&
		    streq(argv[optind], "-"))
			rc = pipe_lines(&p);
		else
			rc = rec_each(argc - optind, argv + optind, one_id, &p);
	} else {
		if (!r.dry)
			rc = resume(&r);
		if (rc == 0)
			rc = sweep(&r, !r.dry);
	}
	if (r.dry && (rc == 0 || rc == EX_DATAERR)) {
		int arc = listed(&r, "dry run");

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
	runner_free(&r);
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
	struct app	*app = w->app;
	long long	 id;
	int		 rc;

	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, key, &id)) != 0 ||
	    (rc = pat_writable(app->db, id)) != 0)
		goto fail;
	for (int ch = CH_EMAIL; ch <= CH_SMS; ch++) {
		sqlite3_stmt *s;

		if (!(w->channels & ch))
			continue;
		s = db_stmt(app->db, w->in ? SQL_REM_OPTOUT_DEL :
		    SQL_REM_OPTOUT_ADD);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, chan_names[ch], -1, SQLITE_STATIC);
		if (!w->in)
			sqlite3_bind_text(s, 3, app->who.login, -1,
			    SQLITE_STATIC);
		if ((rc = db_exec(app->db, s)) != 0)
			goto fail;
	}
	if ((rc = app_log(app, id, NULL, w->channels == CH_SMS ? "sms" :
	    w->channels == CH_EMAIL ? "email" : "email,sms")) != 0 ||
	    (rc = app_commit(app)) != 0)
		goto fail;
	printf("pat-%lld\n", id);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

static int
verb_opt(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "channel", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct optwho	 w = { app, CH_EMAIL | CH_SMS,
			    streq(app->verb->name, "optin") };
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "c:", longopts, NULL)) != -1)
		switch (ch) {
		case 'c':
			if ((w.channels = channel_arg(optarg)) == 0)
				return EX_USAGE;
			break;
		default: return EX_USAGE;
		}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0)
		return rc;
	return rec_each(argc - optind, argv + optind, opt_one, &w);
}

static int
verb_log(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "patient", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "status", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const statuses[] = { "claimed", "retry", "sent",
	    "failed", "dropped" };
	const char	*pat = NULL, *from = NULL, *to = NULL, *status = NULL;
	char		 d1[DATE_LEN], d2[DATE_LEN], next[DATE_LEN];
	char		 lo[STAMP_LEN] = "0000", hi[STAMP_LEN] = "9999";
	sqlite3_stmt	*s;
	long long	 pid = 0;
	const char	*why;
	time_t		 t;
	int		 ch, rc, ok = 0;

	while ((ch = getopt_long(argc, argv, "p:F:T:s:", longopts, NULL))
	    != -1)
		switch (ch) {
		case 'p': pat = optarg; break;
		case 'F': from = optarg; break;
		case 'T': to = optarg; break;
		case 's': status = optarg; break;
		default: return EX_USAGE;
		}
	if (argc != optind)
		return EX_USAGE;
	for (size_t i = 0; status && i < nitems(statuses); i++)
		ok |= streq(status, statuses[i]);
	if (status && !ok) {
		warnx("--status wants claimed, retry, sent, failed or dropped, "
		    "not '%s'", status);
		return EX_USAGE;
	}
	if ((rc = app_config(app)) != 0)
		return rc;
	if ((from && date_parse_day(from, d1) != 0) ||
	    (to && date_parse_day(to, d2) != 0)) {
		warnx("--from/--to want dates like 2026-11-27, today or -7d");
		return EX_USAGE;
	}
	if (from && date_parse_instant(d1, &t, &why) == 0)
		date_utc(t, lo);
	if (to && date_add(d2, 1, 0, next) == 0 &&
	    date_parse_instant(next, &t, &why) == 0)
		date_utc(t, hi);
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0 ||
	    (pat && (rc = pat_resolve(app->db, pat, &pid)) != 0))
		return rc;
	s = db_stmt(app->db, SQL_REM_LOG);
	sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
	if (pat)
		sqlite3_bind_int64(s, 3, pid);
	if (status)
		sqlite3_bind_text(s, 4, status, -1, SQLITE_STATIC);
	return app_list_phi(app, s, 2, "reminders: log", pat ? pid : 0);
}

static const struct verb verbs[] = {
	{ "due", verb_due, DB_RO, "[--at TIME] [--channel email|sms]",
	    "what a run at TIME would send; sends nothing" },
	{ "send", verb_send, DB_RW, "[--at TIME] [--dry-run] "
	    "[--channel email|sms] [--limit N] [-v] [--template NAME] [ID ... "
	    "| -]", "send what is due, each exactly once (for cron)" },
	{ "optout", verb_opt, DB_RW, "PATIENT ... [--channel email|sms]",
	    "stop reminders to a patient (by one channel, or all)" },
	{ "optin", verb_opt, DB_RW, "PATIENT ... [--channel email|sms]",
	    "take back an opt-out" },
	{ "log", verb_log, DB_RO, "[--patient PAT] [--from D --to D] "
	    "[--status S]", "what was sent, when, to where, and the outcome" },
};

static const struct prog prog = { "remind",
    "appointment and recall reminders by email and SMS, exactly once",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

/*
 * remind - see remind.h.  A reminder is claimed -- a row with its unique
 * key inserted -- in a transaction before it is sent, and marked sent,
 * retry or failed right after.  A second run finds the key taken; a run
 * killed between the two leaves a claim whose lease runs out, and the
 * next run after that sends it again: at most that one message twice
 * (see remind(1)).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cfg.h"
#include "date.h"
#include "mail.h"
#include "patient.h"
#include "rec.h"
#include "remind.h"
#include "rules.h"
#include "sms.h"
#include "spawn.h"
#include "tmpl.h"
#include "util.h"

#define BATCH		200	/* reminders claimed per transaction */

/* Time stamps written by SQL: UTC, as date_utc writes them. */
#define NOW	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* A stored UTC instant shown in the clinic's zone (TZ is set to it). */
#define LOCAL(c) "strftime('%Y-%m-%dT%H:%M', " c ", 'localtime')"

/*
 * A visit to remind of: the patient's contacts and choices, the visit
 * (the columns RD_*).  remind.due, the same for a window of visits, is
 * what bench/ times against.
 */
#define REM_VISIT \
	"SELECT a.id, a.patient_id, a.start_at," \
	" coalesce(p.preferred, p.first), p.email, p.phone, p.channel," \
	" p.sms_consent, p.email_consent, p.language," \
	" (SELECT group_concat(o.channel) FROM remind_optout o" \
	" WHERE o.patient_id = a.patient_id)," \
	" v.name || coalesce(', ' || v.credential, ''), r.name, t.name," \
	" a.status FROM appointment a JOIN patient p ON p.id = a.patient_id" \
	" JOIN provider v ON v.id = a.provider_id" \
	" LEFT JOIN resource r ON r.id = a.resource_id" \
	" LEFT JOIN visit_type t ON t.id = a.visit_type_id"

/* Q_APT, Q_PATIENT: a visit and whom to tell */
enum { RD_APT, RD_PATIENT, RD_START, RD_NAME, RD_EMAIL, RD_PHONE,
    RD_CHANNEL, RD_SMS_CONSENT, RD_EMAIL_CONSENT, RD_LANGUAGE, RD_OPTOUTS,
    RD_PROVIDER, RD_LOCATION, RD_TYPE, RD_STATUS };
/* Q_RECLAIM */
enum { RC_ID, RC_KEY, RC_PATIENT, RC_APT, RC_RULE, RC_CHANNEL, RC_ATTEMPTS };

enum { Q_VISITS, Q_APT, Q_PATIENT, Q_PROVIDER, Q_RECLAIMABLE, Q_STATUS,
    Q_CLAIM, Q_RECLAIM, Q_DONE, Q_RENEW, Q_OPTOUT_ADD, Q_OPTOUT_DEL, Q_LOG,
    Q_DUE };

const struct query remind_queries[] = {
/*
 * Booked visits starting in (:lo, :hi], after the cursor (:cur start,
 * :cur_id id): no patient read, so a rerun over a day sent reads none.
 */
[Q_VISITS] = { "remind.visits",
	"SELECT a.id, a.start_at, t.name FROM appointment a"
	" LEFT JOIN visit_type t ON t.id = a.visit_type_id"
	" WHERE a.status = 'booked' AND a.start_at > :lo AND a.start_at <= :hi"
	" AND (a.start_at > :cur OR (a.start_at = :cur AND a.id > :cur_id))"
	" ORDER BY a.start_at, a.id" },
/* one visit, whatever its state: checked again */
[Q_APT] = { "remind.apt",
	REM_VISIT " WHERE a.id = :id AND p.active = 1 AND p.deceased IS NULL"
	" AND p.merged_into IS NULL" },
/* the same columns for a message about no visit */
[Q_PATIENT] = { "remind.patient",
	"SELECT NULL, p.id, NULL, coalesce(p.preferred, p.first), p.email,"
	" p.phone, p.channel, p.sms_consent, p.email_consent, p.language,"
	" (SELECT group_concat(o.channel) FROM remind_optout o"
	" WHERE o.patient_id = p.id), NULL, NULL, NULL, NULL"
	" FROM patient p WHERE p.id = :id AND p.active = 1"
	" AND p.deceased IS NULL AND p.merged_into IS NULL" },
/* the provider of a slot that opened */
[Q_PROVIDER] = { "remind.provider",
	"SELECT name || coalesce(', ' || credential, '') FROM provider"
	" WHERE id = :id" },
/* what Q_RECLAIM would take of :channel */
[Q_RECLAIMABLE] = { "remind.reclaimable",
	"SELECT count(*) FROM reminder"
	" WHERE ((status = 'claimed' AND lease_until < :now)"
	" OR (status = 'retry' AND next_at <= :now)) AND channel = :channel" },
[Q_STATUS] = { "remind.status",
	"SELECT status FROM reminder WHERE key = :key" },
/* nothing when the key is taken: then it is not ours */
[Q_CLAIM] = { "remind.claim",
	"INSERT INTO reminder (key, patient_id, appointment_id, rule, channel,"
	" address, status, attempts, lease_until, run, created_at, updated_at)"
	" VALUES (:key, :patient, :apt, :rule, :channel, :address, 'claimed',"
	" 1, :lease, :run, " NOW ", " NOW ") ON CONFLICT (key) DO NOTHING" },
/*
 * Leases run out by :now and retries due by :now, taken for :run until
 * :lease; :email, :sms: whether that channel can go now (a command, not
 * quiet hours).
 */
[Q_RECLAIM] = { "remind.reclaim",
	"UPDATE reminder SET status = 'claimed', attempts = attempts + 1,"
	" lease_until = :lease, run = :run, updated_at = " NOW
	" WHERE id IN (SELECT id FROM reminder"
	" WHERE ((status = 'claimed' AND lease_until < :now)"
	" OR (status = 'retry' AND next_at <= :now))"
	" AND ((channel = 'email' AND :email) OR (channel = 'sms' AND :sms))"
	" ORDER BY id LIMIT :limit)"
	" RETURNING id, key, patient_id, appointment_id, rule, channel,"
	" attempts" },
/* :status sent, retry, failed or dropped */
[Q_DONE] = { "remind.done",
	"UPDATE reminder SET status = :status, error = :error,"
	" message_id = :message_id, next_at = :next_at, lease_until = NULL,"
	" sent_at = CASE :status WHEN 'sent' THEN " NOW " END,"
	" updated_at = " NOW " WHERE id = :id" },
/* run :run is still at it: its claims hold to :lease */
[Q_RENEW] = { "remind.renew",
	"UPDATE reminder SET lease_until = :lease WHERE status = 'claimed'"
	" AND run = :run" },
[Q_OPTOUT_ADD] = { "remind.optout_add",
	"INSERT OR IGNORE INTO remind_optout (patient_id, channel, at, login)"
	" VALUES (:patient, :channel, " NOW ", :login)" },
[Q_OPTOUT_DEL] = { "remind.optout_del",
	"DELETE FROM remind_optout WHERE patient_id = :patient"
	" AND channel = :channel" },
/* [:lo, :hi) created; :patient, :status or NULL */
[Q_LOG] = { "remind.log",
	"SELECT 'rem-' || r.id AS id, " LOCAL("r.created_at") " AS at,"
	" 'pat-' || r.patient_id AS patient,"
	" CASE WHEN r.appointment_id IS NOT NULL"
	" THEN 'apt-' || r.appointment_id END AS appointment,"
	" r.rule, r.channel, r.address, r.status, r.attempts,"
	" " LOCAL("r.sent_at") " AS sent, r.error, r.key"
	" FROM reminder r WHERE r.created_at >= :lo AND r.created_at < :hi"
	" AND (:patient IS NULL OR r.patient_id = :patient)"
	" AND (:status IS NULL OR r.status = :status) ORDER BY r.id" },
/*
 * remind.visits and remind.apt read together, as one SELECT: no program
 * runs it; bench/remind_sql.c prints it for the sqlite3 shell, the
 * baseline of a sweep.
 */
[Q_DUE] = { "remind.due",
	REM_VISIT " WHERE a.status = 'booked' AND a.start_at > :lo"
	" AND a.start_at <= :hi AND (a.start_at > :cur OR (a.start_at = :cur"
	" AND a.id > :cur_id)) AND p.active = 1 AND p.deceased IS NULL"
	" AND p.merged_into IS NULL ORDER BY a.start_at, a.id" },
	{ NULL, NULL }
};

/* --- what is due -------------------------------------------------------- */

static void
item_clear(struct rem_item *it)
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

static const char *
text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/*
 * The channel a patient row (Q_APT's columns) can be told by, among
 * mask: their choice, with consent, not opted out, with an address.  0
 * when none.
 */
static int
patient_channel(sqlite3_stmt *s, int mask)
{
	const char	*out = text(s, RD_OPTOUTS);
	int		 ch = rule_channel_parse(text(s, RD_CHANNEL));

	if ((ch & mask) == 0)
		return 0;
	if (out && strstr(out, rule_channel(ch)))
		return 0;
	if (sqlite3_column_type(s, ch == CH_SMS ? RD_SMS_CONSENT :
	    RD_EMAIL_CONSENT) == SQLITE_NULL)
		return 0;
	if (sqlite3_column_type(s, ch == CH_SMS ? RD_PHONE : RD_EMAIL) ==
	    SQLITE_NULL)
		return 0;
	return ch;
}

/* Copy the patient's address for ch and the message's words from row s. */
static void
contacts(struct rem_item *it, sqlite3_stmt *s, int ch)
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
    struct rem_item *it)
{
	const struct cfg	*c = app->cfg;
	const struct remind_rule *best;
	const char		*why;
	time_t			 start;
	int			 ch;

	if (date_parse_instant(text(s, RD_START), &start, &why) != 0)
		return 0;
	/* a patient takes one channel: the closest rule that has it */
	if ((ch = patient_channel(s, chan_filter)) == 0 ||
	    (best = rule_closest(c, ch, text(s, RD_TYPE), start, now)) ==
	    NULL || (ch == CH_SMS && rule_quiet(c, now)))
		return 0;
	memset(it, 0, sizeof(*it));
	it->apt = sqlite3_column_int64(s, RD_APT);
	it->patient = sqlite3_column_int64(s, RD_PATIENT);
	snprintf(it->rule, sizeof(it->rule), "%s", best->name);
	snprintf(it->template, sizeof(it->template), "%s", best->template);
	it->start = start;
	contacts(it, s, ch);
	rule_key_visit(it->key, it->apt, it->rule, ch, text(s, RD_START));
	return 1;
}

/* The stored state of a key: "" when never claimed. */
static int
key_status(struct app *app, const char *key, char out[16])
{
	sqlite3_stmt	*s = db_query(app->db, &remind_queries[Q_STATUS]);
	int		 rc;

	out[0] = '\0';
	db_bind_text(s, ":key", key);
	if ((rc = db_step(app->db, s)) == SQLITE_ROW)
		snprintf(out, 16, "%s", text(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

/* --- rendering ---------------------------------------------------------- */

/* Template name for lang, from the run's cache or loaded into it. */
static int
template(struct app *app, struct rem_tcache *tc, const char *name,
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
tcache_free(struct rem_tcache *tc)
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
    const char *ph, char err[REMIND_ERR])
{
	if (streq(ph, "clinic") || streq(ph, "clinic_phone") ||
	    streq(ph, "location")) {
		warnx("%s: {%s} would be empty: set %s in %s (clinix config "
		    "set %s ...)", tmpl_path(t), ph, streq(ph, "clinic_phone") ?
		    "clinic.phone" : "clinic.name", app->cfg->path,
		    streq(ph, "clinic_phone") ? "clinic.phone" : "clinic.name");
		return EX_CONFIG;
	}
	snprintf(err, REMIND_ERR, "%s: {%s} would be empty", tmpl_path(t), ph);
	return EX_DATAERR;
}

/*
 * The message for it into msg: an RFC 5322 message for email, the text
 * for SMS.  0; 65 with err set when this one cannot be sent (too long,
 * bad address, a placeholder of its own empty); 78 or 66 for a template
 * or config problem (said), a clinic placeholder empty among them.
 */
static int
render(struct app *app, struct rem_tcache *tc, const struct rem_item *it,
    struct buf *msg, char err[REMIND_ERR])
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
			snprintf(err, REMIND_ERR, "%s has no sms text",
			    tmpl_path(t));
			return EX_DATAERR;
		}
		if (sms_count(msg->s, &n) != 0 ||
		    n.segments > app->cfg->remind_sms_max_segments) {
			snprintf(err, REMIND_ERR, "sms needs %d segments, more "
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
		snprintf(err, REMIND_ERR, "%s has no email text", tmpl_path(t));
		rc = EX_DATAERR;
	} else if (mail_write(msg, &m, &why) != 0) {
		snprintf(err, REMIND_ERR, "%s", why);
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
run(char *const argv[], const char *data, size_t len, char err[REMIND_ERR])
{
	struct spawn_result	 r;
	int			 e;

	if (spawn_run(argv, data, len, CHILD_SECONDS, CHILD_OUTPUT,
	    SPAWN_KEEP_ENV, &r, err, REMIND_ERR) != 0) {
		spawn_result_free(&r);
		return EX_UNAVAILABLE;
	}
	fwrite(r.out.s ? r.out.s : "", 1, r.out.len, stderr);
	fwrite(r.err.s ? r.err.s : "", 1, r.err.len, stderr);
	spawn_result_free(&r);
	if (r.timed_out) {
		snprintf(err, REMIND_ERR, "%s killed after %d seconds", argv[0],
		    CHILD_SECONDS);
		return EX_TEMPFAIL;
	}
	if (r.code == 0)
		return 0;
	if (r.sig) {
		snprintf(err, REMIND_ERR, "%s killed by signal %d", argv[0],
		    r.sig);
		return EX_TEMPFAIL;
	}
	e = r.code;
	snprintf(err, REMIND_ERR, "%s exited %d", argv[0], e);
	/* msmtp says 69 for a server's 4xx, 76 for a dropped connection */
	return e == EX_TEMPFAIL || e == EX_IOERR || e == EX_OSERR ||
	    e == EX_UNAVAILABLE || e == EX_PROTOCOL ? EX_TEMPFAIL : EX_DATAERR;
}

/* --- a run -------------------------------------------------------------- */

/* The lease a claim made now holds until: --at moves with the clock. */
static void
lease_end(const struct remind_run *r, char out[STAMP_LEN])
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
finish(struct remind_run *r, struct rem_item *it, const char *status,
    const char *err, const char *mid, time_t next)
{
	struct app	*app = r->app;
	sqlite3_stmt	*s;
	char		 rec[32], det[RULE_KEY_LEN + 64], nextat[STAMP_LEN];
	int		 rc;

	if ((rc = app_begin(app)) != 0)
		return rc;
	s = db_query(app->db, &remind_queries[Q_DONE]);
	db_bind_int(s, ":id", it->id);
	db_bind_text(s, ":status", status);
	db_bind_text(s, ":error", err);
	db_bind_text(s, ":message_id", mid);
	if (next) {
		date_utc(next, nextat);
		db_bind_text(s, ":next_at", nextat);
	}
	if ((rc = db_exec(app->db, s)) != 0)
		goto fail;
	s = db_query(app->db, &remind_queries[Q_RENEW]);
	lease_end(r, nextat);
	db_bind_text(s, ":run", r->run_id);
	db_bind_text(s, ":lease", nextat);
	if ((rc = db_exec(app->db, s)) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "rem-%lld", it->id);
	snprintf(det, sizeof(det), "%s %s %s to %s", it->key, status,
	    rule_channel(it->channel), it->address);
	return app_end(app, it->patient, rec, det);
fail:
	app_rollback(app);
	return rc;
}

/* Send one claimed reminder and record what happened. */
static int
deliver(struct remind_run *r, struct rem_item *it)
{
	const struct cfg *c = r->app->cfg;
	char		 err[REMIND_ERR] = "", mid[160] = "";
	char		**argv;
	time_t		 next;
	int		 rc;

	if ((rc = render(r->app, &r->tc, it, &r->msg, err)) != 0) {
		/* checked before the claim; a file changed since: fail it */
		if (rc != EX_DATAERR)
			snprintf(err, REMIND_ERR, "the template or config went "
			    "bad");
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
	if (rc == EX_TEMPFAIL &&
	    (next = rule_retry_at(c, r->now, it->attempts)) != 0) {
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
can_send(struct remind_run *r, int channel)
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
claim(struct remind_run *r, struct rem_item *it)
{
	struct app	*app = r->app;
	sqlite3_stmt	*s = db_query(app->db, &remind_queries[Q_CLAIM]);
	char		 lease[STAMP_LEN];
	int		 rc;

	lease_end(r, lease);
	db_bind_text(s, ":key", it->key);
	db_bind_int(s, ":patient", it->patient);
	if (it->apt)
		db_bind_int(s, ":apt", it->apt);
	db_bind_text(s, ":rule", it->rule);
	db_bind_text(s, ":channel", rule_channel(it->channel));
	db_bind_text(s, ":address", it->address);
	db_bind_text(s, ":lease", lease);
	db_bind_text(s, ":run", r->run_id);
	if ((rc = db_exec(app->db, s)) != 0)
		return -rc;
	if (sqlite3_changes(db_handle(app->db)) == 0)
		return 0;
	it->id = sqlite3_last_insert_rowid(db_handle(app->db));
	it->attempts = 1;
	return 1;
}

/* A line of due or --dry-run: the caller's to print. */
static void
show(struct remind_run *r, const struct rem_item *it, const char *extra)
{
	if (r->show)
		r->show(r->show_arg, it, extra);
}

/*
 * Is there nothing to do for visit id starting at start: no rule due for
 * any channel, or the closest rule's reminder already claimed on one of
 * them (a patient takes one channel)?  1, 0, or minus a sysexits code.
 * Decided from the visit and the reminder keys alone, so a rerun over a
 * day already sent never reads a patient.
 */
static int
handled(struct remind_run *r, long long id, const char *start_s,
    const char *type)
{
	const struct cfg *c = r->app->cfg;
	const char	*why;
	char		 key[RULE_KEY_LEN], st[16];
	time_t		 start;
	int		 due = 0, rc;

	if (date_parse_instant(start_s, &start, &why) != 0)
		return 1;
	for (int ch = CH_EMAIL; ch <= CH_SMS; ch++) {
		const struct remind_rule *best;

		if (!(r->chan_filter & ch) ||
		    (best = rule_closest(c, ch, type, start, r->now)) == NULL)
			continue;
		due = 1;
		rule_key_visit(key, id, best->name, ch, start_s);
		if ((rc = key_status(r->app, key, st)) != 0)
			return -rc;
		if (st[0])
			return 1;
	}
	return !due;
}

/* Fill it for visit id with its patient: 1, 0 when nothing goes, or -code. */
static int
with_patient(struct remind_run *r, long long id, struct rem_item *it)
{
	struct app	*app = r->app;
	sqlite3_stmt	*p = db_query(app->db, &remind_queries[Q_APT]);
	int		 rc, got = 0;

	db_bind_int(p, ":id", id);
	if ((rc = db_step(app->db, p)) == SQLITE_ROW)
		got = from_visit(app, p, r->now, r->chan_filter, it);
	sqlite3_reset(p);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -rc;
	return got;
}

/*
 * List it, for due or a dry run (rendered, with its size or why it
 * cannot go); clears it.  0, or the code of a config error, said.
 */
static int
list_item(struct remind_run *r, struct rem_item *it)
{
	char	size[32], err[REMIND_ERR];
	int	rc = 0, got;

	if (!r->dry)
		show(r, it, NULL);
	else if ((got = can_send(r, it->channel)) < 0)
		rc = -got;
	else {
		rc = render(r->app, &r->tc, it, &r->msg, err);
		snprintf(size, sizeof(size), "%zu", r->msg.len);
		/* a config error is no line of the list */
		if (rc == 0 || rc == EX_DATAERR)
			show(r, it, rc == 0 ? size : err);
		rc = rc == EX_DATAERR ? 0 : rc;
	}
	item_clear(it);
	return rc;
}

/*
 * Claim it for the batch being sent, queued already before it: 1 ours;
 * 0 left (past --limit, no SMS command, the key taken), cleared; or
 * minus a code, cleared: a command or template that cannot be used
 * stops the run before anything is claimed for it.
 */
static int
claim_item(struct remind_run *r, struct rem_item *it, size_t queued)
{
	char	err[REMIND_ERR];
	int	rc, got;

	if (r->limit && r->done + (long long)queued >= r->limit) {
		item_clear(it);
		return 0;
	}
	if ((got = can_send(r, it->channel)) <= 0) {
		item_clear(it);
		return got;
	}
	if ((rc = render(r->app, &r->tc, it, &r->msg, err)) != 0 &&
	    rc != EX_DATAERR) {
		item_clear(it);
		return -rc;
	}
	if ((got = claim(r, it)) <= 0)
		item_clear(it);
	return got;
}

/*
 * Walk the visits due by r->now: list them (due, --dry-run, rendering
 * each), or claim them BATCH at a time and send each batch.
 */
int
remind_sweep(struct remind_run *r, int claiming)
{
	struct app	*app = r->app;
	struct rem_item	*batch = xcalloc(BATCH, sizeof(*batch));
	char		 lo[STAMP_LEN], hi[STAMP_LEN], cur[STAMP_LEN];
	long long	 cur_id = 0;
	int		 rc = 0, more = 1;

	date_utc(r->now, lo);
	date_utc(r->now + 60 * rule_horizon(app->cfg), hi);
	memcpy(cur, lo, sizeof(cur));
	while (rc == 0 && more) {
		sqlite3_stmt	*s;
		size_t		 n = 0;

		if (claiming && (rc = app_begin(app)) != 0)
			break;
		s = db_query(app->db, &remind_queries[Q_VISITS]);
		db_bind_text(s, ":lo", lo);
		db_bind_text(s, ":hi", hi);
		/* copied (as db_bind_text does): cur moves on with every row */
		db_bind_text(s, ":cur", cur);
		db_bind_int(s, ":cur_id", cur_id);
		more = 0;
		while ((rc = db_step(app->db, s)) == SQLITE_ROW) {
			struct rem_item	 it;
			int		 got, seen;

			snprintf(cur, sizeof(cur), "%s", text(s, 1));
			cur_id = sqlite3_column_int64(s, 0);
			/* a rerun's visits end here, their patients unread */
			if ((seen = handled(r, cur_id, cur, text(s, 2))) != 0) {
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
				if ((rc = list_item(r, &it)) != 0)
					break;
				continue;
			}
			if ((got = claim_item(r, &it, n)) < 0) {
				rc = -got;
				break;
			}
			if (got == 0)
				continue;
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

/*
 * Fill it for a reminder claimed before, from the RETURNING row rs: the
 * visit or patient as they are now.  65 with why set when it must not go
 * out any more (cancelled, moved, opted out).
 */
static int
reload(struct remind_run *r, struct rem_item *it, sqlite3_stmt *rs,
    char why[64])
{
	struct app	*app = r->app;
	const char	*key = text(rs, RC_KEY), *rule = text(rs, RC_RULE);
	const char	*ch = text(rs, RC_CHANNEL);
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
	snprintf(it->template, sizeof(it->template), "%s",
	    rule_template(app->cfg, rule));
	s = db_query(app->db, &remind_queries[it->apt ? Q_APT : Q_PATIENT]);
	db_bind_int(s, ":id", it->apt ? it->apt : it->patient);
	if ((rc = db_step(app->db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
		snprintf(why, 64, "the patient may no longer be reminded");
		it->address = xstrdup("");
		return EX_DATAERR;
	}
	if (it->apt) {
		const char	*start = text(s, RD_START), *w;
		const char	*status = text(s, RD_STATUS);
		size_t		 kl = strlen(key), sl = strlen(start);

		if (!streq(status, "booked"))
			snprintf(why, 64, "the appointment is %s", status);
		else if (kl < sl || strcmp(key + kl - sl, start) != 0)
			snprintf(why, 64, "the appointment was moved");
		date_parse_instant(start, &it->start, &w);
		if (!why[0] && it->start <= r->now)
			snprintf(why, 64, "the appointment has started");
		if (!why[0] && rule_closer(app->cfg, rule, chan,
		    text(s, RD_TYPE), it->start, r->now))
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
int
remind_resume(struct remind_run *r)
{
	struct app	*app = r->app;
	struct rem_item	*batch = xcalloc(BATCH, sizeof(*batch));
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
		    rule_quiet(app->cfg, r->now))))
			continue;
		s = db_query(app->db, &remind_queries[Q_RECLAIMABLE]);
		db_bind_text(s, ":now", now);
		db_bind_text(s, ":channel", rule_channel(ch));
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
		s = db_query(app->db, &remind_queries[Q_RECLAIM]);
		db_bind_text(s, ":now", now);
		db_bind_text(s, ":lease", lease);
		db_bind_text(s, ":run", r->run_id);
		db_bind_int(s, ":limit", BATCH);
		db_bind_int(s, ":email", r->sendmail_ok &&
		    (r->chan_filter & CH_EMAIL));
		db_bind_int(s, ":sms", r->sms_ok && (r->chan_filter & CH_SMS) &&
		    !rule_quiet(app->cfg, r->now));
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
			struct rem_item *it = &batch[i];

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

/* --- one id: send ID ... ------------------------------------------------ */

/*
 * Fill it from row s (Q_APT's columns) for a message by template, not by
 * rule: the visit apt, or (apt 0) the patient, with the slot that opened
 * when slot_provider is set.  1; 0 when the patient takes no reminders
 * by the run's channels: their choice, said only with -v.
 */
static int
by_template(struct remind_run *r, sqlite3_stmt *s, const char *key,
    long long apt, const char *template, long long slot_provider,
    time_t slot_start, struct rem_item *it)
{
	struct app	*app = r->app;
	char		 day[DATE_LEN];
	const char	*w;
	int		 ch;

	if ((ch = patient_channel(s, r->chan_filter)) == 0) {
		if (r->verbose)
			warnx("%s: takes no reminders by %s", key,
			    r->chan_filter == CH_SMS ? "sms" :
			    r->chan_filter == CH_EMAIL ? "email" :
			    "any channel");
		return 0;
	}
	it->patient = sqlite3_column_int64(s, RD_PATIENT);
	it->apt = apt;
	snprintf(it->rule, sizeof(it->rule), "%s", template ? template :
	    "appointment");
	snprintf(it->template, sizeof(it->template), "%s", it->rule);
	contacts(it, s, ch);
	if (apt) {
		date_parse_instant(text(s, RD_START), &it->start, &w);
		rule_key_visit(it->key, apt, it->rule, ch, text(s, RD_START));
		return 1;
	}
	if (slot_provider) {
		/* the slot that opened, for {date} {time} {provider} */
		sqlite3_stmt *v = db_query(app->db,
		    &remind_queries[Q_PROVIDER]);

		db_bind_int(v, ":id", slot_provider);
		if (db_step(app->db, v) == SQLITE_ROW) {
			it->provider = col(v, 0);
			it->start = slot_start;
		}
		sqlite3_reset(v);
	}
	date_day_of(r->now, day, NULL, NULL);
	rule_key_patient(it->key, it->patient, it->rule, ch, day);
	return 1;
}

/*
 * Send it now, as remind_one was asked, unless quiet hours hold an SMS,
 * its key is taken, the run is dry (then listed) or at its --limit.
 * Clears it.
 */
static int
send_now(struct remind_run *r, struct rem_item *it)
{
	struct app	*app = r->app;
	char		 st[16], err[REMIND_ERR];
	int		 rc, got;

	if (it->channel == CH_SMS && rule_quiet(app->cfg, r->now)) {
		warnx("%s: quiet hours (%s): not sent now", it->key,
		    app->cfg->remind_quiet_hours);
		item_clear(it);
		return 0;
	}
	if ((rc = key_status(app, it->key, st)) != 0 || st[0] != '\0') {
		item_clear(it);		/* sent, or on its way, already */
		return rc;
	}
	/* rendered before anything is claimed: a bad template stops here */
	if ((got = can_send(r, it->channel)) < 0) {
		item_clear(it);
		return -got;
	}
	rc = render(app, &r->tc, it, &r->msg, err);
	if (r->dry || (rc != 0 && rc != EX_DATAERR)) {
		if (r->dry && (rc == 0 || rc == EX_DATAERR)) {
			char size[32];

			snprintf(size, sizeof(size), "%zu", r->msg.len);
			show(r, it, rc == 0 ? size : err);
			rc = 0;
		}
		item_clear(it);
		return rc;
	}
	if (got == 0 || (r->limit && r->done >= r->limit)) {
		item_clear(it);
		return 0;
	}
	if ((rc = app_begin(app)) != 0) {
		item_clear(it);
		return rc;
	}
	if ((got = claim(r, it)) < 0 || (rc = app_commit(app)) != 0) {
		app_rollback(app);
		item_clear(it);
		return got < 0 ? -got : rc;
	}
	if (got == 1) {
		rc = deliver(r, it);
		r->done++;
	}
	item_clear(it);
	return rc;
}

int
remind_one(struct remind_run *r, const char *key, const char *template,
    long long slot_provider, time_t slot_start)
{
	struct app	*app = r->app;
	struct rem_item	 it;
	sqlite3_stmt	*s;
	long long	 id;
	const char	*w;
	int		 rc, visit, got = 0;

	if (rec_id_parse(key, "apt", &id) == 0)
		visit = 1;
	else if (pat_find(app->db, key, &id) == 0)
		visit = 0;		/* pat-N or an MRN */
	else {
		warnx("not an appointment, patient or MRN '%s'", key);
		return EX_DATAERR;
	}
	if (!visit && template == NULL) {
		warnx("%s: a patient id needs --template (e.g. recall)", key);
		return EX_USAGE;
	}
	s = db_query(app->db, &remind_queries[visit ? Q_APT : Q_PATIENT]);
	db_bind_int(s, ":id", id);
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
		const char	*status = text(s, RD_STATUS);
		time_t		 start;

		date_parse_instant(text(s, RD_START), &start, &w);
		if (!streq(status, "booked") || start <= r->now) {
			warnx("%s %s: no reminder", key, streq(status,
			    "booked") ? "has started" : status);
			sqlite3_reset(s);
			return EX_DATAERR;
		}
		/* the rule due now, as cron would send it: the same key */
		if (template == NULL)
			got = from_visit(app, s, r->now, r->chan_filter, &it);
	}
	if (!got && !by_template(r, s, key, visit ? id : 0, template,
	    slot_provider, slot_start, &it)) {
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	return send_now(r, &it);
}

int
remind_init(struct remind_run *r, struct app *app, const char *at,
    int chan_filter)
{
	const char	*why;
	char		 host[64];

	memset(r, 0, sizeof(*r));
	r->app = app;
	r->now = r->t0 = time(NULL);
	if (at && date_parse_instant(at, &r->now, &why) != 0) {
		warnx("--at '%s': %s", at, why);
		return EX_DATAERR;
	}
	r->chan_filter = chan_filter;
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

void
remind_free(struct remind_run *r)
{
	for (size_t i = 0; r->sendmail && r->sendmail[i]; i++)
		free(r->sendmail[i]);
	free(r->sendmail);
	tcache_free(&r->tc);
	buf_free(&r->msg);
}

/* --- opt-outs and the log ----------------------------------------------- */

int
remind_optout(struct app *app, const char *key, int mask, int in,
    long long *id)
{
	int rc;

	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, key, id)) != 0 ||
	    (rc = pat_writable(app->db, *id)) != 0)
		goto fail;
	for (int ch = CH_EMAIL; ch <= CH_SMS; ch++) {
		sqlite3_stmt *s;

		if (!(mask & ch))
			continue;
		s = db_query(app->db, &remind_queries[in ? Q_OPTOUT_DEL :
		    Q_OPTOUT_ADD]);
		db_bind_int(s, ":patient", *id);
		db_bind_text(s, ":channel", rule_channel(ch));
		if (!in)
			db_bind_text(s, ":login", app->who.login);
		if ((rc = db_exec(app->db, s)) != 0)
			goto fail;
	}
	return app_end(app, *id, NULL, mask == CH_SMS ? "sms" :
	    mask == CH_EMAIL ? "email" : "email,sms");
fail:
	app_rollback(app);
	return rc;
}

int
remind_log(struct app *app, const char *lo, const char *hi,
    long long patient, const char *status)
{
	sqlite3_stmt *s = db_query(app->db, &remind_queries[Q_LOG]);

	db_bind_text(s, ":lo", lo);
	db_bind_text(s, ":hi", hi);
	if (patient)
		db_bind_int(s, ":patient", patient);
	db_bind_text(s, ":status", status);
	return app_list_phi(app, s, 2, "reminders: log", patient);
}

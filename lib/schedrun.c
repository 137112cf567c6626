/*
 * schedrun - sched's verbs past their options; see schedrun.h.  Each
 * write is one transaction with its audit row: a booking series or an
 * import all at once, status changes and waitlist removals one
 * appointment (entry) at a time, so one bad id in a pipe spoils no other.
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
#include "csvio.h"
#include "cfg.h"
#include "date.h"
#include "feed.h"
#include "patient.h"
#include "rec.h"
#include "recur.h"
#include "schedrun.h"
#include "slots.h"
#include "span.h"
#include "util.h"
#include "waitlist.h"

int
sched_said(int rc, const char *why)
{
	if (rc != 0 && why[0] != '\0')
		warnx("%s", why);
	return rc;
}

int
sched_open(struct app *app)
{
	int rc;

	if ((rc = app_open(app)) != 0)
		return rc;
	return app_require(app, CAP_SCHEDULE);
}

int
sched_provider(struct app *app, const char *key, long long *id,
    int live_only)
{
	char why[APPT_WHY] = "";

	return sched_said(appt_find_provider(app->db, key, live_only, id,
	    why), why);
}

int
sched_type(struct app *app, const char *key, long long *id, int *minutes)
{
	char why[APPT_WHY] = "";

	return sched_said(appt_find_type(app->db, key, id, minutes, why), why);
}

int
sched_resource(struct app *app, const char *key, long long *id,
    int live_only)
{
	char why[APPT_WHY] = "";

	return sched_said(appt_find_resource(app->db, key, live_only, id,
	    why), why);
}

int
sched_apt(const char *key, long long *id)
{
	if (rec_id_parse(key, "apt", id) == 0)
		return 0;
	warnx("not an appointment id '%s' (like apt-12)", key);
	return EX_DATAERR;
}

int
sched_load(struct app *app, long long id, struct appt_stored *st)
{
	int rc = appt_load(app->db, id, st);

	if (rc == EX_DATAERR)
		warnx("no appointment apt-%lld", id);
	return rc;
}

/*
 * An option's value that parsed (rc 0): 0, else 65 after "opt 's': why"
 * (the caller runs the parser first: it fills in why as it fails).
 */
static int
value(int rc, const char *opt, const char *s, const char *why)
{
	if (rc == 0)
		return 0;
	warnx("%s '%s': %s", opt, s, why);
	return EX_DATAERR;
}

int
sched_at(const char *opt, const char *s, time_t *t)
{
	const char	*why = "";
	int		 rc = date_parse_instant(s, t, &why);

	return value(rc, opt, s, why);
}

int
sched_length(const char *opt, const char *s, int *minutes)
{
	const char	*why = "";
	int		 rc = appt_length(s, minutes, &why);

	return value(rc, opt, s, why);
}

int
sched_end(time_t start, const char *s, int *minutes)
{
	char	why[APPT_WHY] = "";
	time_t	end;
	int	rc;

	if ((rc = sched_at("--end", s, &end)) != 0)
		return rc;
	rc = appt_until(start, end, "--at", minutes, why);
	return value(rc, "--end", s, why);
}

int
sched_day(const char *opt, const char *s, char day[DATE_LEN])
{
	if (date_parse_day(s, day) == 0)
		return 0;
	warnx("%s '%s': not a date (use 2026-11-27, today or +3d)", opt, s);
	return EX_DATAERR;
}

int
sched_text(const char *opt, const char *s)
{
	const char *why;

	if (s == NULL || (why = text_problem(s, SCHED_NOTE_MAX,
	    TEXT_LINES | TEXT_BYTES)) == NULL)
		return 0;
	warnx("%s: %s", opt, why);
	return EX_DATAERR;
}

int
sched_days(struct days *d, const char *day, const char *from,
    const char *to, const char *dflt_from, const char *dflt_to)
{
	char why[DAYS_WHY] = "";

	return sched_said(days_parse(d, day, from, to, dflt_from, dflt_to,
	    why), why);
}

int
sched_ahead(struct days *d, const char *day, const char *from,
    const char *to, int n)
{
	char why[DAYS_WHY] = "";

	return sched_said(days_ahead(d, day, from, to, n, why), why);
}

int
sched_series(const char *recur, const char *count, struct appt_series *sr)
{
	int rc;

	sr->recur = RECUR_ONCE;
	sr->count = 1;
	if (recur && recur_parse(recur, &sr->recur) != 0) {
		warnx("--recur wants daily, weekly, biweekly or monthly, "
		    "not '%s'", recur);
		return EX_USAGE;
	}
	if (count && (rc = app_count("--count", count, 1, &sr->count)) != 0)
		return rc;
	if ((recur != NULL) != (count != NULL)) {
		warnx("--recur and --count go together");
		return EX_USAGE;
	}
	if (sr->count > SCHED_COUNT_MAX) {
		warnx("--count %lld: at most %d appointments at once",
		    sr->count, SCHED_COUNT_MAX);
		return EX_USAGE;
	}
	return 0;
}

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

	return sched_said(appt_bookable(app->db, patient, why), why);
}

int
sched_book(struct app *app, struct sched_booking *bk, struct idlist *ids)
{
	struct appt_series *sr = &bk->sr;
	struct appt	 a = { .note = bk->note };
	struct appt_booked b;
	char		 rec[32], det[APPT_WHY + 64];
	long long	 booked = 0;
	int		 rc;

	if ((rc = sched_open(app)) != 0 ||
	    (sr->overbook && (rc = app_require(app, CAP_OVERBOOK)) != 0) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, bk->patient, &a.patient)) != 0 ||
	    (rc = sched_provider(app, bk->provider, &a.provider, 1)) != 0 ||
	    (bk->type && (rc = sched_type(app, bk->type, &a.type,
	    bk->end_given ? NULL : &sr->minutes)) != 0) ||
	    (bk->resource && (rc = sched_resource(app, bk->resource,
	    &a.resource, 1)) != 0) ||
	    (rc = bookable(app, a.patient)) != 0)
		goto fail;
	if (sr->minutes == 0) {
		warnx("say how long: --length (20m, 1h) or --type");
		rc = EX_USAGE;
		goto fail;
	}
	for (long long k = 0; k < sr->count; k++) {
		int r = appt_book_nth(app->db, sr, k, &a, app->who.login,
		    time(NULL), &b);

		if (r == EX_DATAERR && bk->skip) {
			warnx("skipped %s%s", b.label, b.why);
			continue;
		}
		if (r != 0) {
			if (r == EX_DATAERR)
				warnx("%s%s%s", b.label, b.why,
				    b.soft && !sr->force ?
				    " (--force to book anyway)" : "");
			rc = r;
			goto fail;
		}
		/* the reason a rule was overridden is in the audit detail */
		detail(det, sizeof(det), &a, a.forced ? b.forced : NULL);
		snprintf(rec, sizeof(rec), "apt-%lld", a.id);
		if ((rc = app_log(app, a.patient, rec, det)) != 0)
			goto fail;
		idlist_add(ids, a.id);
		booked++;
	}
	if (booked == 0) {
		warnx("nothing booked");
		rc = EX_DATAERR;
		goto fail;
	}
	if ((rc = app_commit(app)) == 0)
		return 0;
fail:
	app_rollback(app);
	return rc;
}

int
sched_move(struct app *app, const struct sched_moving *m)
{
	struct appt_stored st;
	struct appt	 a = { 0 };
	struct appt_booked b;
	char		 why[APPT_WHY] = "", det[APPT_WHY + 64], rec[32];
	int		 rc;

	if ((rc = sched_open(app)) != 0 ||
	    (m->overbook && (rc = app_require(app, CAP_OVERBOOK)) != 0) ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = sched_said(appt_move_from(app->db, m->id, &a, &st, why),
	    why)) != 0)
		goto fail;
	a.start = m->at ? m->at : st.start;
	a.end = a.start + (m->minutes ? 60L * m->minutes : st.end - st.start);
	if ((m->provider && (rc = sched_provider(app, m->provider,
	    &a.provider, 1)) != 0) ||
	    (m->resource && (rc = sched_resource(app, m->resource,
	    &a.resource, 1)) != 0))
		goto fail;
	if ((rc = appt_move_to(app->db, &a, &st, m->force, m->overbook,
	    app->who.login, time(NULL), &b)) != 0) {
		if (rc == EX_DATAERR)
			warnx("%s%s", b.why, b.soft ?
			    " (--force to move anyway)" : "");
		goto fail;
	}
	detail(det, sizeof(det), &a, a.forced ? b.forced : NULL);
	snprintf(rec, sizeof(rec), "apt-%lld", a.id);
	return app_end(app, a.patient, rec, det);
fail:
	app_rollback(app);
	return rc;
}

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

	if ((rc = sched_apt(key, &id)) != 0)
		return rc;
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = appt_change(app->db, id, &ch, app->who.login, time(NULL),
	    why)) != 0) {
		sched_said(rc, why);
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

int
sched_change(struct app *app, int argc, char *argv[], const char *reason,
    int force)
{
	struct change	 c = { app, NULL, reason, force };
	int		 rc;

	c.step = appt_step_of(app->verb->name);
	if ((rc = sched_open(app)) != 0)
		return rc;
	return rec_each(argc, argv, change_one, &c);
}


int
sched_noshow_auto(struct app *app, const char *before_s, struct idlist *ids)
{
	char	before[STAMP_LEN], rec[48];
	time_t	t = time(NULL);
	int	rc;

	if ((rc = app_config(app)) != 0 ||
	    (before_s && (rc = sched_at("--before", before_s, &t)) != 0))
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
	    ids)) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "%lld appointments", ids->n);
	return app_end(app, 0, rec, idlist_str(ids));
fail:
	app_rollback(app);
	return rc;
}

int
sched_wait_add(struct app *app, const char *patient, const char *prv,
    const char *type, struct wait_entry *e, long long *id)
{
	char	rec[32];
	int	rc;

	if ((rc = sched_open(app)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, patient, &e->patient)) != 0 ||
	    (prv && (rc = sched_provider(app, prv, &e->provider, 1)) != 0) ||
	    (type && (rc = sched_type(app, type, &e->type,
	    &e->minutes)) != 0) ||
	    (rc = bookable(app, e->patient)) != 0 ||
	    (rc = wait_add(app->db, e, app->who.login, id)) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "wl-%lld", *id);
	return app_end(app, e->patient, rec, NULL);
fail:
	app_rollback(app);
	return rc;
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

int
sched_wait_remove(struct app *app, int argc, char *argv[])
{
	int rc;

	if ((rc = sched_open(app)) != 0)
		return rc;
	return rec_each(argc, argv, wait_remove_one, app);
}

int
sched_history(struct app *app, const char *apt)
{
	struct appt_stored st;
	long long	 id;
	char		 rec[32];
	int		 rc;

	if ((rc = sched_apt(apt, &id)) != 0 ||
	    (rc = sched_open(app)) != 0 ||
	    (rc = sched_load(app, id, &st)) != 0)
		return rc;
	snprintf(rec, sizeof(rec), "apt-%lld", id);
	if ((rc = app_audit(app, st.patient, rec, NULL)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, appt_history_stmt(app->db, id),
	    NULL, NULL));
}

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

	if ((rc = sched_apt(key, &id)) != 0 ||
	    (rc = sched_load(sh->app, id, &st)) != 0)
		return rc;
	sh->v = xrealloc(sh->v, (sh->n + 1) * sizeof(*sh->v));
	sh->v[sh->n++] = id;
	idlist_add(&sh->ids, id);
	idlist_add(&sh->pats, st.patient);
	return 0;
}

int
sched_show(struct app *app, int argc, char *argv[])
{
	struct shown	 sh = { .app = app };
	char		 rec[48];
	long		 r;
	int		 rc, worst;

	if ((rc = sched_open(app)) != 0)
		return rc;
	/* the audit row goes first, so gather all before printing any */
	worst = rec_each(argc, argv, show_one, &sh);
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

int
sched_list(struct app *app, struct appt_filter *f, const char *prv,
    const char *pat, const char *res)
{
	int rc;

	if ((rc = sched_open(app)) != 0 ||
	    (prv && (rc = sched_provider(app, prv, &f->provider, 0)) != 0) ||
	    (pat && (rc = pat_resolve(app->db, pat, &f->patient)) != 0) ||
	    (res && (rc = sched_resource(app, res, &f->resource, 0)) != 0))
		return rc;
	return app_list_phi(app, appt_list_stmt(app->db, f), 3,
	    "appointments", 0);
}

static int
agenda_patient(const struct appt_line *l, void *arg)
{
	idlist_add(arg, l->patient);
	return 0;
}

int
sched_agenda(struct app *app, const struct days *d, long long provider,
    long long *n)
{
	struct idlist	 pats = { 0 };
	char		 rec[64];
	int		 rc;

	/* the audit row goes first: nothing is on paper without it */
	if ((rc = appt_each_line(app->db, d->lo, d->hi, provider,
	    agenda_patient, &pats)) == 0) {
		snprintf(rec, sizeof(rec), "%lld appointments: agenda %s",
		    pats.n, d->first);
		rc = app_audit(app, 0, rec, idlist_str(&pats));
	}
	*n = pats.n;
	idlist_free(&pats);
	return rc;
}

int
sched_wait_match(struct app *app, const struct days *d,
    struct wait_match **v, size_t *n, size_t *hit)
{
	struct idlist	 pats = { 0 };
	char		 today[DATE_LEN], rec[48];
	int		 rc;

	*v = NULL;
	*n = *hit = 0;
	if ((rc = sched_open(app)) != 0)
		return rc;
	date_parse_day("today", today);
	if ((rc = wait_match(app->db, d, today, time(NULL), v, n, hit)) != 0)
		return rc;
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].slot.provider)
			idlist_add(&pats, (*v)[i].patient);
	snprintf(rec, sizeof(rec), "%zu waiting patients", *hit);
	rc = app_audit(app, 0, rec, idlist_str(&pats));
	idlist_free(&pats);
	return rc;
}

int
sched_ics(struct app *app, const char *prv, struct feed_opts *o)
{
	const char	*tz;
	char		 rec[64], *prodid;
	int		 rc;

	if ((rc = sched_open(app)) != 0 ||
	    (rc = sched_provider(app, prv, &o->provider, 0)) != 0)
		return rc;
	/* the audit row first: the feed leaves the building */
	snprintf(rec, sizeof(rec), "prv-%lld calendar%s", o->provider,
	    o->names ? " with names" : "");
	if ((rc = app_audit(app, 0, rec, NULL)) != 0)
		return rc;
	tz = app->cfg->clinic_timezone ? app->cfg->clinic_timezone :
	    getenv("TZ");
	o->npi = app->cfg->clinic_npi;
	o->tzid = tz && *tz ? tz : NULL;
	o->prodid = prodid = xasprintf("-//clinix//sched %s//EN", APP_VERSION);
	rc = feed_write(app->db, stdout, o);
	free(prodid);
	return rc;
}

int
sched_wait_list(struct app *app)
{
	int rc;

	if ((rc = sched_open(app)) != 0)
		return rc;
	return app_list_phi(app, wait_list_stmt(app->db), 1,
	    "waitlist entries", 0);
}

int
sched_free(struct app *app, const char *prv, const char *type, int minutes,
    const struct days *d, size_t limit, struct slots *sl)
{
	long long	prv_id = 0, type_id;
	int		rc;

	if ((rc = sched_open(app)) != 0 ||
	    (prv && (rc = sched_provider(app, prv, &prv_id, 0)) != 0) ||
	    (type && (rc = sched_type(app, type, &type_id, &minutes)) != 0))
		return rc;
	if (prv)
		return slots_free(app->db, prv_id, 0, d, time(NULL), minutes,
		    limit, sl);
	return slots_first(app->db, 0, 0, d, time(NULL), minutes, sl);
}

int
sched_import(struct app *app, const char *file, int keep)
{
	struct appt_import im;
	struct csvin	*in = NULL;
	const char	*name;
	char		 rec[48];
	int		 rc, tty = isatty(STDERR_FILENO);

	if ((rc = sched_open(app)) != 0 ||
	    (rc = csvin_open(&in, file)) != 0)
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

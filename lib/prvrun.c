/*
 * prvrun - provider's verbs past their options; see prvrun.h.  A change
 * and its audit rows commit together or not at all; the ids it names
 * reach stdout only after the commit.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "hours.h"
#include "provider.h"
#include "prvrun.h"
#include "rec.h"
#include "util.h"

int
prvrun_find(struct app *app, const char *key, long long *id, int *active)
{
	int rc = prv_find(app->db, key, id, active);

	if (rc == EX_DATAERR)
		warnx(rec_is_id(key) && strncmp(key, "prv-", 4) != 0 ?
		    "not a provider id '%s'" : "no provider '%s'", key);
	return rc;
}

int
prvrun_open(struct app *app)
{
	int rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_SETUP)))
		return rc;
	return app_begin(app);
}

int
prvrun_finish(struct app *app, const char *prefix, long long id,
    const char *detail)
{
	char	 rec[32];
	int	 rc;

	snprintf(rec, sizeof(rec), "%s-%lld", prefix, id);
	if ((rc = app_log(app, 0, rec, detail)) != 0 ||
	    (rc = app_commit(app)) != 0) {
		app_rollback(app);
		return rc;
	}
	printf("%s\n", rec);
	return 0;
}

/* A write failed (said): undo it, pass its code on. */
static int
fail(struct app *app, int rc)
{
	app_rollback(app);
	return rc;
}

int
prvrun_hours_args(const char *days_s, const char *ranges_s, unsigned *days,
    struct hours_range *r, int *n)
{
	struct buf why = { 0 };

	if (hours_days(days_s, days) == -1) {
		warnx("days: '%s' is not like mon, mon-fri or mon,wed,fri",
		    days_s);
		return EX_DATAERR;
	}
	if ((*n = hours_ranges(ranges_s, r, &why)) < 0) {
		warnx("%s", why.s);
		buf_free(&why);
		return EX_DATAERR;
	}
	return 0;
}

int
prvrun_hours(struct app *app, const char *key, const char *days_s,
    const char *ranges_s)
{
	struct hours_range	 r[HOURS_MAX_RANGES];
	unsigned		 days;
	long long		 id;
	char			*detail;
	int			 n, rc;

	if ((rc = prvrun_hours_args(days_s, ranges_s, &days, r, &n)) != 0 ||
	    (rc = prvrun_open(app)) != 0)
		return rc;
	if ((rc = prvrun_find(app, key, &id, NULL)) != 0 ||
	    (rc = prv_hours_set(app->db, id, days, r, n)) != 0)
		return fail(app, rc);
	detail = xasprintf("%s %s", days_s, n ? ranges_s : "off");
	rc = prvrun_finish(app, "prv", id, detail);
	free(detail);
	return rc;
}

int
prvrun_span(const char *from_s, const char *to_s, char from[DATE_LEN],
    char to[DATE_LEN])
{
	const char *bad;

	if ((bad = from_s, date_parse_day(from_s, from) == -1) ||
	    (bad = to_s, to_s && date_parse_day(to_s, to) == -1)) {
		warnx("date: '%s' is not a day like 2026-12-24, today or +3d",
		    bad);
		return EX_DATAERR;
	}
	if (to_s == NULL)
		memcpy(to, from, DATE_LEN);
	if (strcmp(to, from) < 0) {
		warnx("--to %s is before %s", to, from);
		return EX_DATAERR;
	}
	return 0;
}

/*
 * Give days back (see prv_off_remove): audit each changed day off, what
 * was removed and what is left, and print its id once all is committed.
 */
static int
off_remove(struct app *app, long long prv, const char *from, const char *to)
{
	struct prv_off_change	*c;
	struct buf		 out = { 0 };
	size_t			 n;
	char			 rec[32], *detail;
	int			 rc;

	if ((rc = prv_off_remove(app->db, prv, from, to, &c, &n)) != 0)
		return fail(app, rc);
	for (size_t i = 0; i < n && rc == 0; i++) {
		snprintf(rec, sizeof(rec), "off-%lld", c[i].id);
		detail = xasprintf("prv-%lld removed %s..%s, left %s", prv,
		    from, to, c[i].left);
		rc = app_log(app, 0, rec, detail);
		free(detail);
		buf_printf(&out, "off-%lld\n", c[i].id);
		if (c[i].half)
			buf_printf(&out, "off-%lld\n", c[i].half);
	}
	free(c);
	if (rc == 0 && (rc = app_commit(app)) == 0)
		fputs(out.s, stdout);
	else
		app_rollback(app);
	buf_free(&out);
	return rc;
}

int
prvrun_off(struct app *app, const char *key, const char *from_s,
    const char *to_s, const char *reason, int remove)
{
	const char	*why;
	char		 from[DATE_LEN], to[DATE_LEN], *detail;
	long long	 id, off;
	int		 rc;

	if (reason && (why = prv_bad_name(reason)) != NULL) {
		warnx("reason: %s", why);
		return EX_DATAERR;
	}
	/* after app_open: "today" and "+3d" are in the clinic's zone */
	if ((rc = prvrun_open(app)) != 0)
		return rc;
	if ((rc = prvrun_span(from_s, to_s, from, to)) != 0 ||
	    (rc = prvrun_find(app, key, &id, NULL)) != 0)
		return fail(app, rc);
	if (remove)
		return off_remove(app, id, from, to);
	if ((rc = prv_off_add(app->db, id, from, to, reason, &off)) != 0)
		return fail(app, rc);
	/* the reason may say more about a person than the audit needs */
	detail = xasprintf("prv-%lld %s..%s", id, from, to);
	rc = prvrun_finish(app, "off", off, detail);
	free(detail);
	return rc;
}

/*
 * patrun - patient's writes past their options; see patrun.h.  One
 * transaction a command: the record, its history and its audit row
 * commit together or not at all.
 */
#include <err.h>
#include <stdio.h>
#include <sysexits.h>

#include "app.h"
#include "cfg.h"
#include "patient.h"
#include "patrun.h"

const char *
patrun_country(const struct app *app)
{
	return app->cfg->clinic_country ? app->cfg->clinic_country : "US";
}

int
patrun_finish(struct app *app, int rc, long long patient, const char *rec,
    const char *detail, const char *print)
{
	if (rc == 0 && (rc = app_log(app, patient, rec, detail)) == 0 &&
	    (rc = app_commit(app)) == 0) {
		printf("%s\n", print ? print : rec);
		return 0;
	}
	app_rollback(app);
	return rc;
}

/* The given fields into p, then the whole record's rules. */
static int
apply(struct app *app, struct pat *p, const struct pat_given *g)
{
	const char	*why;
	int		 f;

	for (size_t i = 0; i < g->n; i++)
		if (pat_set(p, g->v[i].field, g->v[i].value,
		    patrun_country(app), &why)) {
			warnx("%s: %s", pat_field_name(g->v[i].field), why);
			return EX_DATAERR;
		}
	if (pat_check(p, &f, &why) == -1) {
		warnx("%s: %s", pat_field_name(f), why);
		return EX_DATAERR;
	}
	return 0;
}

int
patrun_add(struct app *app, const struct pat_given *g)
{
	struct pat	 p = { 0 };
	char		 rec[32] = "";
	long long	 id = 0;
	int		 rc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (g->from && (rc = pat_read_file(&p, g->from,
	    patrun_country(app))) != 0) ||
	    (rc = apply(app, &p, g)) != 0 || (rc = app_begin(app)) != 0)
		goto out;
	if ((rc = pat_guard(app->db, &p, g->force)) == 0 &&
	    (rc = pat_insert(app->db, &p, &id)) == EX_DATAERR)
		warnx("mrn: '%s' belongs to another patient", p.v[PF_MRN]);
	snprintf(rec, sizeof(rec), "pat-%lld", id);
	rc = patrun_finish(app, rc, id, rec, NULL, NULL);
out:
	pat_clear(&p);
	return rc;
}

/* The duplicate guard looks again only when name, DOB or phone change. */
int
patrun_edit(struct app *app, const char *key, const struct pat_given *g)
{
	struct pat	 old = { 0 }, new = { 0 };
	char		 rec[32], detail[32];
	long long	 id = 0;
	int		 rc, changed = 0;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, key, &id)) == 0 &&
	    (rc = pat_writable(app->db, id)) == 0 &&
	    (rc = pat_load(app->db, id, &old)) == 0 &&
	    (rc = pat_load(app->db, id, &new)) == 0 &&
	    (rc = apply(app, &new, g)) == 0 &&
	    (!pat_identity_changed(&old, &new) ||
	    (rc = pat_guard(app->db, &new, g->force)) == 0))
		rc = pat_update(app->db, &old, &new, app->who.login, &changed);
	snprintf(rec, sizeof(rec), "pat-%lld", id);
	snprintf(detail, sizeof(detail), "%d fields", changed);
	rc = patrun_finish(app, rc, id, rec, detail, NULL);
	pat_clear(&old);
	pat_clear(&new);
	return rc;
}

int
patrun_import(struct app *app, struct pat_import *im, const char *path)
{
	char	 rec[64];
	int	 rc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_WRITE)) != 0 ||
	    (rc = pat_import_open(im, path)) != 0)
		return rc;
	im->country = patrun_country(app);
	im->login = app->who.login;
	db_cache_mb(app->db, 32);	/* one long transaction; RSS < 64 MB */
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_import_run(app->db, im)) != 0) {
		app_rollback(app);
		if (rc == EX_DATAERR && im->io.bad > 0)
			warnx("%s: %lld bad %s: nothing imported", im->io.name,
			    im->io.bad, im->io.bad == 1 ? "row" : "rows");
		return rc;
	}
	snprintf(rec, sizeof(rec), "%lld added, %lld updated", im->added,
	    im->updated);
	if ((rc = app_log(app, 0, rec, idlist_str(&im->ids))) != 0 ||
	    (rc = app_commit(app)) != 0)
		app_rollback(app);
	return rc;
}

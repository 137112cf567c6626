/*
 * patient - the patient register
 *	patient show PAT|MRN ...
 * Ids come from the arguments, or else from the first field of each
 * stdin line.  Every show is audited before the record is printed.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "rec.h"
#include "util.h"

/* Print one patient by pat- id or MRN; 65 when there is no such patient. */
static int
show_one(const char *key, void *arg)
{
	struct app	*app = arg;
	sqlite3_stmt	*s = db_stmt(app->db, SQL_PATIENT_SHOW);
	long long	 id = 0;
	int		 rc;

	if (rec_id_parse(key, "pat", &id) == 0)
		sqlite3_bind_int64(s, 1, id);
	else if (rec_is_id(key)) {
		warnx("not a patient id '%s'", key);
		return EX_DATAERR;
	} else
		sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	if ((rc = db_step(app->db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
		warnx("no patient '%s'", key);
		return EX_DATAERR;
	}
	if (id == 0)
		sscanf((const char *)sqlite3_column_text(s, 0), "pat-%lld", &id);
	sqlite3_reset(s);
	/* the read is on the record before anything reaches the screen */
	if ((rc = app_audit(app, id, NULL, NULL)) != 0)
		return rc;
	s = db_stmt(app->db, SQL_PATIENT_SHOW);
	sqlite3_bind_int64(s, 1, id);
	if (app->out && out_stmt(app->out, s, NULL, NULL) < 0)
		return EX_SOFTWARE;
	return 0;
}

static int
verb_show(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_DEMOGRAPHICS_READ)) != 0)
		return rc;
	return rec_each(argc - 1, argv + 1, show_one, app);
}

static const struct verb verbs[] = {
	{ "show", verb_show, DB_RO, "PAT|MRN ...", "one patient's record" },
};

static const struct prog prog = { "patient", "the patient register",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

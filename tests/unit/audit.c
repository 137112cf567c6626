/*
 * audit - lib/audit against a migrated database: a chain that verifies,
 * a row altered after the fact that breaks it, the tail file; audit_bound's
 * days and times (a --to day takes in the whole day) and audit_list's
 * filters.
 */
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "audit.h"
#include "seal.h"
#include "tempdb.h"

static struct tempdb t;

static int
add_row(struct audit *a, const struct audit_row *r)
{
	int rc;

	if ((rc = db_begin(t.db)) != 0)
		return rc;
	if ((rc = audit_add(a, t.db, r)) != 0) {
		db_rollback(t.db);
		return rc;
	}
	if ((rc = db_commit(t.db)) != 0)
		return rc;
	return audit_sync_tail(a, t.db);
}

static int
add(struct audit *a, const char *login, const char *action, int denied,
    long long patient)
{
	struct audit_row r = { login, action, denied, patient, NULL, NULL, 0 };

	return add_row(a, &r);
}

/* The ids audit_list gives for f, comma-joined. */
static const char *
ids(const struct audit_filter *f)
{
	return tempdb_col0(audit_list(t.db, f));
}

static void
test_bounds(void)
{
	char out[STAMP_LEN];

	date_set_zone("America/New_York");
	is_int(audit_bound("2026-11-27", 0, out), 0, "--from a day");
	is_str(out, "2026-11-27T05:00:00.000Z", "is its local midnight");
	is_int(audit_bound("2026-11-27", 1, out), 0, "--to a day");
	is_str(out, "2026-11-28T05:00:00.000Z", "runs to the next midnight");
	is_int(audit_bound("2026-11-01", 1, out), 0, "--to a day clocks fall back");
	is_str(out, "2026-11-02T05:00:00.000Z", "is 25 hours long");
	is_int(audit_bound("2026-11-27T09:30", 0, out), 0, "--from a time");
	is_str(out, "2026-11-27T14:30:00.000Z", "is that time");
	is_int(audit_bound("2026-11-27T09:30:15Z", 1, out), 0, "--to a time");
	is_str(out, "2026-11-27T09:30:16.000Z", "takes in its second");
	is_int(audit_bound("2026-02-30", 0, out), EX_USAGE, "no such day: 64");
}

int
main(void)
{
	struct audit		*a = NULL;
	struct audit_check	 chk;
	struct audit_filter	 f = { .limit = -1 };
	char			*key;

	test_bounds();
	if (tempdb_open(&t) != 0) {
		tempdb_close(&t);
		return done_testing();
	}
	key = xasprintf("%s/clinix.key", t.dir);
	if (!is_int(seal_key_create(key), 0, "a key") ||
	    !is_int(audit_open(&a, key, t.db), 0, "audit_open") ||
	    !is_int(db_begin(t.db), 0, "begin") ||
	    !is_int(audit_init(a, t.db), 0, "a new chain") ||
	    !is_int(db_commit(t.db), 0, "commit"))
		goto out;
	is_int(add(a, "root", "clinix.init", 0, 0), 0, "row 1");
	is_int(add(a, "nina", "patient.show", 0, 7), 0, "row 2");
	is_int(add(a, "nina", "user.add", 1, 0), 0, "row 3, refused");
	is_int(add(a, "root", "patient.edit", 0, 8), 0, "row 4");

	is_int(audit_verify(a, t.db, &chk), 0, "verify runs");
	ok(chk.bad == 0 && chk.rows == 4, "4 rows, none bad (%lld: %s)",
	    chk.bad, chk.why ? chk.why : "");

	is_str(ids(&f), "aud-4,aud-3,aud-2,aud-1", "all, newest first");
	f.login = "nina";
	is_str(ids(&f), "aud-3,aud-2", "by login");
	f.login = NULL;
	f.action = "patient";
	is_str(ids(&f), "aud-4,aud-2", "an action prefix takes patient.*");
	f.action = "patient.sho";
	is_str(ids(&f), "", "but not a part of a word");
	f.action = NULL;
	f.patient = 7;
	is_str(ids(&f), "aud-2", "by patient");
	f.patient = 0;
	f.denied = 1;
	is_str(ids(&f), "aud-3", "refusals");
	f.denied = 0;
	f.limit = 1;
	is_str(ids(&f), "aud-4", "a limit keeps the newest");
	f.limit = -1;
	is_int(audit_bound("2000-01-01", 1, f.to), 0, "--to 2000");
	is_str(ids(&f), "", "is before every row");
	is_int(audit_bound("today", 1, f.to), 0, "--to today");
	is_str(ids(&f), "aud-4,aud-3,aud-2,aud-1", "takes in today's rows");

	{
		struct audit_row bg = { "fd", "chart.show", 0, 7, NULL,
		    "break-glass: unconscious in the waiting room", 1 };

		is_int(add_row(a, &bg), 0, "row 5, under break-glass");
		f.break_glass = 1;
		is_str(ids(&f), "aud-5", "--break-glass lists it alone");
		f.break_glass = 0;
		is_int(audit_verify(a, t.db, &chk), 0, "verify runs");
		ok(chk.bad == 0 && chk.rows == 5, "its flag is in its MAC "
		    "(%lld: %s)", chk.bad, chk.why ? chk.why : "");
	}
	sqlite3_exec(db_handle(t.db), "DROP TRIGGER audit_no_update;"
	    " UPDATE audit SET break_glass = 0 WHERE id = 5", NULL, NULL, NULL);
	is_int(audit_verify(a, t.db, &chk), 0, "verify runs on a lost flag");
	is_int(chk.bad, 5, "a break-glass row whose flag was cleared is bad");
	sqlite3_exec(db_handle(t.db), "UPDATE audit SET break_glass = 1"
	    " WHERE id = 5", NULL, NULL, NULL);
	sqlite3_exec(db_handle(t.db),
	    " UPDATE audit SET login = 'eve' WHERE id = 2", NULL, NULL, NULL);
	is_int(audit_verify(a, t.db, &chk), 0, "verify runs on a tampered row");
	is_int(chk.bad, 2, "and names it");
out:
	audit_free(a);
	if (access(key, F_OK) == 0)
		unlink(key);
	{
		char	*pat = xasprintf("%s/audit-*.tail", t.dir);
		glob_t	 g;

		if (glob(pat, 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc; i++)
				unlink(g.gl_pathv[i]);
			globfree(&g);
		}
		free(pat);
	}
	free(key);
	tempdb_close(&t);
	return done_testing();
}

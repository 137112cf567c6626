/*
 * mergefk - patient merge forgets no table.  Every foreign key to patient
 * that the compiled migrations declare (pragma foreign_key_list over all
 * tables) must be in lib/patient.c's merge list, moved or kept on purpose,
 * and every entry of the list must still be such a key.  A MOVE's
 * statement must update exactly that table's column: an authorizer sees
 * what it writes when it is prepared.
 *
 * Providers are never merged (provider has deactivate only), so no list
 * is kept for them.
 */
#include <stdio.h>
#include <string.h>

#include "migrated.h"
#include "patient.h"
#include "tap.h"

/* What the statement being prepared updates: "table.column ..." */
static char	updates[512];

static int
auth(void *arg, int action, const char *a, const char *b, const char *db,
    const char *trigger)
{
	(void)arg, (void)db;
	/* only the statement's own writes, not those of triggers it fires */
	if (action == SQLITE_UPDATE && trigger == NULL) {
		size_t n = strlen(updates);

		snprintf(updates + n, sizeof(updates) - n, "%s%s.%s",
		    n ? " " : "", a, b);
	}
	return SQLITE_OK;
}

static const struct pat_merge_ref *
listed(const char *table, const char *column)
{
	const struct pat_merge_ref	*r;
	size_t				 n;

	r = pat_merge_refs(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].table, table) == 0 &&
		    strcmp(r[i].column, column) == 0)
			return &r[i];
	return NULL;
}

/* Does the schema declare table.column REFERENCES patient? */
static int
is_fk(sqlite3 *h, const char *table, const char *column)
{
	sqlite3_stmt	*s;
	int		 found = 0;

	sqlite3_prepare_v2(h, "SELECT 1 FROM pragma_foreign_key_list(?1)"
	    " WHERE lower(\"table\") = 'patient' AND \"from\" = ?2", -1, &s,
	    NULL);
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, column, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

int
main(void)
{
	const struct pat_merge_ref	*refs;
	sqlite3				*h;
	sqlite3_stmt			*s;
	size_t				 nref;
	int				 nfk = 0, rc;

	if ((h = migrated_db()) == NULL)
		return done_testing();
	refs = pat_merge_refs(&nref);

	/* every key to patient is listed */
	rc = sqlite3_prepare_v2(h, "SELECT m.name, f.\"from\""
	    " FROM sqlite_schema m, pragma_foreign_key_list(m.name) f"
	    " WHERE m.type = 'table' AND lower(f.\"table\") = 'patient'"
	    " ORDER BY m.name, f.\"from\"", -1, &s, NULL);
	if (!ok(rc == SQLITE_OK, "list the foreign keys to patient")) {
		diag("%s", sqlite3_errmsg(h));
		return done_testing();
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		const char *c = (const char *)sqlite3_column_text(s, 1);

		nfk++;
		ok(listed(t, c) != NULL, "%s.%s refers to patient: lib/patient.c's"
		    " merge_refs moves or keeps it", t, c);
	}
	sqlite3_finalize(s);
	ok(nfk > 0, "the schema has foreign keys to patient (%d)", nfk);

	/* and every entry is one, once, that does what it says */
	for (size_t i = 0; i < nref; i++) {
		const struct pat_merge_ref *r = &refs[i];
		char want[256];

		ok(is_fk(h, r->table, r->column), "merge_refs' %s.%s is a "
		    "foreign key to patient", r->table, r->column);
		ok(listed(r->table, r->column) == r, "%s.%s is listed once",
		    r->table, r->column);
		if (r->action == PAT_MERGE_KEEP) {
			ok(r->why != NULL && r->q == NULL,
			    "%s.%s is kept, saying why, with no statement",
			    r->table, r->column);
			continue;
		}
		if (!ok(r->action == PAT_MERGE_MOVE && r->q != NULL,
		    "%s.%s is moved by a statement", r->table, r->column))
			continue;
		updates[0] = '\0';
		sqlite3_set_authorizer(h, auth, NULL);
		rc = sqlite3_prepare_v2(h, r->q->sql, -1, &s, NULL);
		sqlite3_set_authorizer(h, NULL, NULL);
		sqlite3_finalize(s);
		snprintf(want, sizeof(want), "%s.%s", r->table, r->column);
		is_int(rc, SQLITE_OK, "%s's move prepares", want);
		is_str(updates, want, "%s's move updates that column, only",
		    want);
		ok(strstr(r->q->sql, "?1") != NULL &&
		    strstr(r->q->sql, "?2") != NULL,
		    "%s's move takes ?1 and ?2", want);
	}
	sqlite3_close(h);
	return done_testing();
}

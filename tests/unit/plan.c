/*
 * plan - every statement of the modules' tables (lib/queries.c) is answered from an index where it
 * reads patient or appointment, and every index on those two tables is
 * used by some statement's plan or needed by a constraint.  The first
 * keeps a search from turning into a walk of a million patients when
 * someone edits a WHERE; the second keeps indexes that no query needs
 * from costing every insert (issue 11).
 *
 * For each statement, EXPLAIN QUERY PLAN on an in-memory database with
 * every compiled migration applied (migrated.h), as the programs see it: no
 * ANALYZE has ever run on a clinic (nothing runs it), so the planner
 * uses its built-in estimates and the plan does not depend on the rows
 * in the tables, which is why there are none.  A plan row "SEARCH x ..."
 * is fine; "SCAN x" (every row) and "SCAN x USING INDEX i" (every row in
 * the index's order) of patient or appointment are failures, unless the
 * statement is listed in allowed[] with the reason.
 *
 * A table in a plan row goes by its alias ("SCAN a" for "appointment
 * a"), which is read from the statement's text: our SQL is written
 * with its words in capitals and names in lower case, so the lower-case
 * word after "patient" or "appointment" is an alias.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "migrated.h"
#include "queries.h"
#include "tap.h"
#include "util.h"

/* A statement that may read every row, and why. */
static const struct {
	const char	*name;	/* the query's, "patient.export" */
	const char	*index;	/* walked in its order; NULL: the table */
	const char	*why;
} allowed[] = {
	{ "patient.export", NULL,
	    "patient export writes every patient: reading all is the work" },
	{ "patient.list", "patient_last_key",
	    "patient list is in name order and stops at --limit; its "
	    "filters are each optional, so the name index gives the order "
	    "and every filter is tested on the rows it walks" },
	{ "appt.insert", NULL,
	    "the scan is SQLite's foreign key check for rows whose series_id "
	    "points at the new appointment; it runs only while the statement "
	    "has a violation pending (OP_FkIfZero skips it), so not when the "
	    "insert succeeds, and an index on series_id would cost every "
	    "insert" },
};

/* Indexes a constraint needs, whether or not a plan uses them. */
static const struct {
	const char	*index;
	const char	*why;
} kept[] = {
	{ "sqlite_autoindex_patient_1", "mrn is UNIQUE" },
	{ "patient_merged", "the foreign key merged_into -> patient (id): "
	    "SQLite's check for the patients pointing at one goes by it" },
};

/* Is WORD, of LEN bytes, patient or appointment in SQL, or an alias? */
static int
names_table(const char *sql, const char *word, size_t len)
{
	static const char *const tables[] = { "patient", "appointment" };

	for (size_t t = 0; t < nitems(tables); t++) {
		size_t		 tl = strlen(tables[t]);
		const char	*p = sql;

		if (len == tl && memcmp(word, tables[t], tl) == 0)
			return 1;
		while ((p = strstr(p, tables[t])) != NULL) {
			const char *q = p + tl, *e;

			/* a whole word: not p.patient_id, not appointment_event */
			if ((p > sql && (isalnum((unsigned char)p[-1]) ||
			    p[-1] == '_' || p[-1] == '.')) || *q != ' ') {
				p = q;
				continue;
			}
			q++;
			if (strncmp(q, "AS ", 3) == 0)
				q += 3;
			for (e = q; islower((unsigned char)*e) ||
			    isdigit((unsigned char)*e) || *e == '_'; e++)
				;
			if (e > q && islower((unsigned char)*q) &&
			    (size_t)(e - q) == len && memcmp(q, word, len) == 0)
				return 1;
			p = q;
		}
	}
	return 0;
}

#define MAXUSED	64
static char	*used[MAXUSED];	/* index names some plan uses */
static int	 nused;

static void
note_index(const char *detail)
{
	const char	*p;
	size_t		 len;

	if ((p = strstr(detail, "USING INDEX ")) != NULL)
		p += strlen("USING INDEX ");
	else if ((p = strstr(detail, "USING COVERING INDEX ")) != NULL)
		p += strlen("USING COVERING INDEX ");
	else
		return;
	len = strcspn(p, " ");
	for (int i = 0; i < nused; i++)
		if (strlen(used[i]) == len && memcmp(used[i], p, len) == 0)
			return;
	if (nused < MAXUSED)
		used[nused++] = strndup(p, len);
}

static int
is_used(const char *index)
{
	for (int i = 0; i < nused; i++)
		if (strcmp(used[i], index) == 0)
			return 1;
	return 0;
}

/*
 * The query's plan: 1 if it reads patient or appointment, each read a
 * SEARCH or allowed; 0 if it does not read them; -1 after a failure.
 */
static int
check(sqlite3 *h, const struct query *qy)
{
	sqlite3_stmt	*s;
	char		*q, plan[4096] = "";
	const char	*bad = NULL, *allow_index = NULL, *why = NULL;
	int		 allow = 0, reads = 0, scans = 0;

	for (size_t k = 0; k < nitems(allowed); k++)
		if (strcmp(allowed[k].name, qy->name) == 0) {
			allow = 1;
			allow_index = allowed[k].index;
			why = allowed[k].why;
		}
	q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", qy->sql);
	if (sqlite3_prepare_v2(h, q, -1, &s, NULL) != SQLITE_OK) {
		ok(0, "%s: EXPLAIN QUERY PLAN prepares: %s", qy->name,
		    sqlite3_errmsg(h));
		sqlite3_free(q);
		return -1;
	}
	sqlite3_free(q);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char	*d = (const char *)sqlite3_column_text(s, 3);
		const char	*w;
		size_t		 len, n = strlen(plan);

		if (d == NULL)
			continue;
		snprintf(plan + n, sizeof(plan) - n, "%s%s", n ? "; " : "", d);
		note_index(d);
		if (strncmp(d, "SCAN ", 5) == 0 || strncmp(d, "SEARCH ", 7) == 0)
			w = d + (d[1] == 'C' ? 5 : 7);
		else
			continue;
		len = strcspn(w, " ");
		if (!names_table(qy->sql, w, len))
			continue;
		reads = 1;
		if (d[1] != 'C' || bad != NULL)
			continue;
		/* a scan: of the table, or of an index in its order */
		scans = 1;
		if (!allow)
			bad = "a full scan";
		else if (allow_index == NULL && strstr(d, " USING ") != NULL)
			bad = "a scan, not the one allowed";
		else if (allow_index != NULL && (strstr(d, allow_index) == NULL ||
		    strstr(d, " USING ") == NULL))
			bad = "a scan, not the walk of the index allowed";
	}
	sqlite3_finalize(s);
	if (bad != NULL) {
		ok(0, "%s: %s of patient or appointment", qy->name, bad);
		diag("plan: %s", plan);
		return -1;
	}
	if (allow && !scans) {
		/* a stale entry would let a scan back in unseen */
		ok(0, "%s is in allowed[] but scans no patient or appointment: "
		    "take it out (plan: %s)", qy->name, plan);
		return -1;
	}
	if (!reads)
		return 0;
	if (allow)
		ok(1, "%s: %s (allowed: %s)", qy->name, plan, why);
	else
		ok(1, "%s: %s", qy->name, plan);
	return 1;
}

/* sqlite3_exec callback: stop at the first row (SQLITE_ABORT). */
static int
one_row(void *arg, int n, char **v, char **col)
{
	(void)arg, (void)n, (void)v, (void)col;
	return 1;
}

int
main(void)
{
	sqlite3		*h;
	sqlite3_stmt	*s;
	int		 bad = 0, checked = 0, indexes = 0;

	if ((h = migrated_db()) == NULL)
		return done_testing();

	for (size_t t = 0; query_tables[t] != NULL; t++)
		for (const struct query *q = query_tables[t]; q->name; q++) {
			int rc;

			if ((rc = check(h, q)) < 0)
				bad++;
			else
				checked += rc;
		}
	ok(bad == 0 && checked > 0, "%d statements read patient or "
	    "appointment, %d of them not from an index", checked, bad);

	/* Each index on the two tables: used by a plan, or kept on purpose. */
	if (sqlite3_prepare_v2(h, "SELECT name, tbl_name FROM sqlite_master"
	    " WHERE type = 'index' AND tbl_name IN ('patient', 'appointment')"
	    " ORDER BY name", -1, &s, NULL) != SQLITE_OK) {
		ok(0, "list the indexes: %s", sqlite3_errmsg(h));
		sqlite3_close(h);
		return done_testing();
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char	*ix = (const char *)sqlite3_column_text(s, 0);
		const char	*tbl = (const char *)sqlite3_column_text(s, 1);
		const char	*why = NULL;

		for (size_t k = 0; k < nitems(kept); k++)
			if (strcmp(kept[k].index, ix) == 0)
				why = kept[k].why;
		indexes++;
		if (is_used(ix))
			ok(1, "index %s on %s: a plan uses it", ix, tbl);
		else if (why != NULL)
			ok(1, "index %s on %s: no plan uses it, kept: %s", ix,
			    tbl, why);
		else
			ok(0, "index %s on %s: no statement's plan uses it, and "
			    "each costs every insert: drop it in a migration, "
			    "or list it in kept[] with the reason", ix, tbl);
	}
	sqlite3_finalize(s);
	ok(indexes > 0, "%d indexes on patient and appointment", indexes);
	/* a kept[] entry for an index that is gone is stale */
	for (size_t k = 0; k < nitems(kept); k++) {
		char *q = sqlite3_mprintf("SELECT 1 FROM sqlite_master"
		    " WHERE type = 'index' AND name = %Q", kept[k].index);

		ok(sqlite3_exec(h, q, one_row, NULL, NULL) == SQLITE_ABORT,
		    "kept[] %s is an index of the schema", kept[k].index);
		sqlite3_free(q);
	}

	sqlite3_close(h);
	for (int i = 0; i < nused; i++)
		free(used[i]);
	return done_testing();
}

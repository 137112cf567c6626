/*
 * waitlist - see waitlist.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db.h"
#include "util.h"
#include "waitlist.h"

enum { Q_ADD, Q_LIST, Q_REMOVE, Q_OPEN };

const struct query waitlist_queries[] = {
	[Q_ADD] = { "waitlist.add",
	    "INSERT INTO waitlist (patient_id, provider_id, visit_type_id,"
	    " minutes, before_date, note, created_at, created_by)"
	    " VALUES (:patient, :provider, :type, :minutes, :before, :note,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :login)" },
	[Q_LIST] = { "waitlist.list",
	    "SELECT 'wl-' || w.id AS id, 'pat-' || w.patient_id AS patient,"
	    " p.last || ', ' || p.first AS name,"
	    " CASE WHEN w.provider_id IS NOT NULL"
	    " THEN 'prv-' || w.provider_id END AS provider,"
	    " t.name AS type, w.minutes, w.before_date AS before,"
	    " w.note, substr(w.created_at, 1, 10) AS added"
	    " FROM waitlist w JOIN patient p ON p.id = w.patient_id"
	    " LEFT JOIN visit_type t ON t.id = w.visit_type_id"
	    " WHERE w.active = 1 ORDER BY w.id" },
	[Q_REMOVE] = { "waitlist.remove",
	    "UPDATE waitlist SET active = 0 WHERE id = ?1 AND active = 1"
	    " RETURNING patient_id" },
	[Q_OPEN] = { "waitlist.open",	/* the deadline not passed by ?1 */
	    "SELECT w.id, w.patient_id, w.provider_id, w.minutes,"
	    " w.before_date, p.last || ', ' || p.first, t.name"
	    " FROM waitlist w JOIN patient p ON p.id = w.patient_id"
	    " LEFT JOIN visit_type t ON t.id = w.visit_type_id"
	    " WHERE w.active = 1"
	    " AND (w.before_date IS NULL OR w.before_date >= ?1)"
	    " AND p.active = 1 AND p.deceased IS NULL"
	    " AND p.merged_into IS NULL ORDER BY w.id" },
	{ NULL, NULL }
};

int
wait_add(struct db *db, const struct wait_entry *e, const char *login,
    long long *id)
{
	sqlite3_stmt	*s = db_query(db, &waitlist_queries[Q_ADD]);

	db_bind_int(s, ":patient", e->patient);
	if (e->provider)
		db_bind_int(s, ":provider", e->provider);
	if (e->type)
		db_bind_int(s, ":type", e->type);
	/* a plain visit when nothing says otherwise */
	db_bind_int(s, ":minutes", e->minutes ? e->minutes : WAIT_MINUTES);
	if (e->before)
		db_bind_text(s, ":before", e->before);
	if (e->note)
		db_bind_text(s, ":note", e->note);
	db_bind_text(s, ":login", login);
	return db_insert(db, s, id);
}

int
wait_remove(struct db *db, long long id, long long *patient)
{
	sqlite3_stmt	*s = db_query(db, &waitlist_queries[Q_REMOVE]);
	int		 rc;

	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*patient = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return EX_DATAERR;
	return rc == SQLITE_ROW ? 0 : rc;
}

sqlite3_stmt *
wait_list_stmt(struct db *db)
{
	return db_query(db, &waitlist_queries[Q_LIST]);
}

void
wait_matches_free(struct wait_match *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int
wait_match(struct db *db, const struct days *d, const char *today,
    time_t from, struct wait_match **out, size_t *nout, size_t *hits)
{
	sqlite3_stmt		*s = db_query(db, &waitlist_queries[Q_OPEN]);
	struct wait_match	*v = NULL;
	struct slots		 sl = { 0 };
	size_t			 n = 0;
	int			 rc;

	*hits = 0;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n] = (struct wait_match){ .wl = sqlite3_column_int64(s, 0),
		    .patient = sqlite3_column_int64(s, 1),
		    .provider = sqlite3_column_int64(s, 2),
		    .minutes = sqlite3_column_int(s, 3),
		    .name = xstrdup((const char *)sqlite3_column_text(s, 5)) };
		snprintf(v[n++].before, DATE_LEN, "%s",
		    sqlite3_column_type(s, 4) == SQLITE_NULL ? "9998-12-31" :
		    (const char *)sqlite3_column_text(s, 4));
	}
	sqlite3_reset(s);
	rc = rc == SQLITE_DONE ? 0 : rc;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct days w = *d;

		/* only up to the patient's own deadline */
		if (strcmp(v[i].before, d->first) < 0)
			continue;
		if (strcmp(v[i].before, w.last) < 0)
			days_set(&w, d->first, v[i].before);
		if ((rc = slots_first(db, v[i].provider, v[i].patient, &w,
		    from, v[i].minutes, &sl)) != 0 || sl.n == 0)
			continue;
		v[i].slot = sl.v[0];
		(*hits)++;
	}
	slots_free_all(&sl);
	if (rc != 0) {
		wait_matches_free(v, n);
		return rc;
	}
	*out = v;
	*nout = n;
	return 0;
}

/*
 * sqlprep - every statement of the modules' tables (lib/queries.c)
 * prepares against the schema the same build carries.  db_query prepares
 * a statement on first use and calls a failure an internal error, so a
 * query naming a column that a migration renamed, or a table that is not
 * there yet, would otherwise show only when someone runs the one verb
 * that uses it.  Names are unique: errors and bench/ (query_named) go by
 * them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrated.h"
#include "queries.h"
#include "tap.h"

/* One statement's text: 0 if it prepares alone, else 1 after saying why. */
static int
prepares(sqlite3 *h, const char *what, const char *sql)
{
	sqlite3_stmt	*s = NULL;
	const char	*tail = NULL;
	int		 bad = 1;

	if (sql == NULL)
		ok(0, "%s has a text", what);
	else if (sqlite3_prepare_v3(h, sql, -1, 0, &s, &tail) != SQLITE_OK)
		ok(0, "%s prepares: %s", what, sqlite3_errmsg(h));
	else if (s == NULL)
		ok(0, "%s is a statement, not only a comment", what);
	else if (tail[strspn(tail, " \t\n;")] != '\0')
		/* db_query would run the first and drop the rest */
		ok(0, "%s is one statement: then \"%s\"", what, tail);
	else
		bad = 0;
	sqlite3_finalize(s);
	return bad;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
main(void)
{
	const char	**names = NULL;
	sqlite3		 *h;
	size_t		  n = 0, cap = 0;
	int		  bad = 0;

	if ((h = migrated_db()) == NULL)
		return done_testing();
	for (size_t t = 0; query_tables[t] != NULL; t++)
		for (const struct query *q = query_tables[t]; q->name; q++) {
			bad += prepares(h, q->name, q->sql);
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				if ((names = realloc(names, cap *
				    sizeof(*names))) == NULL) {
					perror("sqlprep");
					return 1;
				}
			}
			names[n++] = q->name;
		}
	ok(bad == 0, "all %zu statements of the modules' tables prepare "
	    "against schema %d (%d did not)", n, db_known_version(), bad);
	sqlite3_close(h);

	qsort(names, n, sizeof(*names), by_name);
	bad = 0;
	for (size_t i = 1; i < n; i++)
		if (strcmp(names[i - 1], names[i]) == 0) {
			ok(0, "the name %s is on two statements", names[i]);
			bad++;
		}
	ok(bad == 0, "every statement has a name of its own (%d twice)", bad);
	ok(n > 0 && query_named(names[0]) != NULL &&
	    strcmp(query_named(names[0])->name, names[0]) == 0 &&
	    query_named("no.such") == NULL,
	    "query_named finds a statement by its name, and no other");
	free(names);
	return done_testing();
}

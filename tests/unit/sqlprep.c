/*
 * sqlprep - every statement of lib/sql.c prepares against the schema the
 * same build carries.  db_stmt prepares a query on first use and calls a
 * failure an internal error, so a query naming a column that a migration
 * renamed, or a table that is not there yet, would otherwise show only
 * when someone runs the one verb that uses it.
 *
 * The ids' names come from lib/sql.h, read at run time (tests/run runs
 * units from the top of the tree), so that sql.h and sql.c keep being
 * two plain lists to add to; the count is checked against SQL_MAX.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "migrated.h"
#include "queries.h"
#include "sql.h"
#include "tap.h"

static char	*names[SQL_MAX];	/* "SQL_PAT_RESOLVE", or NULL */

/* The members of enum sql_id in lib/sql.h, in order: how many read. */
static int
read_names(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	 line[512];
	int	 in = 0, n = 0;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p = line, *e;

		if (!in) {
			in = strncmp(line, "enum sql_id {", 13) == 0;
			continue;
		}
		if (line[0] == '}')
			break;
		while (isspace((unsigned char)*p))
			p++;
		if (strncmp(p, "SQL_", 4) != 0)
			continue;	/* a comment between groups */
		for (e = p; isalnum((unsigned char)*e) || *e == '_'; e++)
			;
		*e = '\0';
		if (strcmp(p, "SQL_MAX") == 0)
			break;
		if (n < SQL_MAX)
			names[n] = strdup(p);
		n++;
	}
	fclose(f);
	return n;
}

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
		/* db_stmt would run the first and drop the rest */
		ok(0, "%s is one statement: then \"%s\"", what, tail);
	else
		bad = 0;
	sqlite3_finalize(s);
	return bad;
}

static const char *
name(int i)
{
	static char num[32];

	if (names[i] != NULL)
		return names[i];
	snprintf(num, sizeof(num), "query %d", i);
	return num;
}

int
main(void)
{
	sqlite3		*h;
	int		 n, bad = 0;

	n = read_names("lib/sql.h");
	if (!is_int(n, SQL_MAX, "lib/sql.h names every id before SQL_MAX"))
		diag("run from the top of the source tree, as tests/run does");
	if ((h = migrated_db()) == NULL)
		return done_testing();
	for (int i = 0; i < SQL_MAX; i++)
		bad += prepares(h, name(i), sql_text[i]);
	ok(bad == 0, "all %d statements of lib/sql.c prepare against schema "
	    "%d (%d did not)", SQL_MAX, db_known_version(), bad);
	bad = 0;
	n = 0;
	for (size_t t = 0; query_tables[t] != NULL; t++)
		for (const struct query *q = query_tables[t]; q->name; q++, n++)
			bad += prepares(h, q->name, q->sql);
	ok(bad == 0, "all %d statements of the modules' tables prepare (%d "
	    "did not)", n, bad);
	sqlite3_close(h);
	for (int i = 0; i < SQL_MAX; i++)
		free(names[i]);
	return done_testing();
}

/*
 * remind_sql - the SELECT `remind send` and `remind due` run for what is
 * due, as text for the sqlite3 shell: lib/sql.c's sql_text[SQL_REM_DUE]
 * with ?1 .. ?4 replaced by the values cmd/remind.c sweep() binds.
 *
 *	remind_sql LO HI CUR CUR_ID
 *
 * LO, HI: the window (now, now + the longest rule], UTC stamps as
 * date_utc writes them; CUR, CUR_ID: the cursor, LO and 0 on a sweep's
 * first (at 100,000 rows and no batch full, only) statement.  Text values
 * are quoted as SQL strings, CUR_ID is a number.  Prints one statement
 * ending in ';'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"

static void
quoted(const char *s)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			putchar('\'');
		putchar(*s);
	}
	putchar('\'');
}

int
main(int argc, char *argv[])
{
	const char	*p;

	if (argc != 5) {
		fprintf(stderr, "usage: remind_sql LO HI CUR CUR_ID\n");
		return 64;
	}
	if (strspn(argv[4], "0123456789") != strlen(argv[4]) || !*argv[4]) {
		fprintf(stderr, "remind_sql: CUR_ID: not a number\n");
		return 64;
	}
	for (p = sql_text[SQL_REM_DUE]; *p; p++) {
		if (*p == '?' && p[1] >= '1' && p[1] <= '4' &&
		    !(p[2] >= '0' && p[2] <= '9')) {
			int n = p[1] - '0';

			if (n == 4)
				fputs(argv[4], stdout);
			else
				quoted(argv[n]);
			p++;
			continue;
		}
		if (*p == '?') {
			fprintf(stderr, "remind_sql: a parameter other than "
			    "?1..?4 in SQL_REM_DUE: update bench/remind_sql.c\n");
			return 70;
		}
		putchar(*p);
	}
	puts(";");
	return 0;
}

/*
 * remind_sql - the SELECT `remind send` and `remind due` run for what is
 * due, as text for the sqlite3 shell: lib/remind.c's remind.due (its
 * remind.visits and remind.apt in one) with :lo, :hi, :cur and :cur_id
 * replaced by the values lib/remind.c's sweep binds.
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

#include "queries.h"

/* remind.due's parameters, in the order of the arguments */
static const char *const params[] = { ":lo", ":hi", ":cur", ":cur_id" };

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
	const struct query	*q = query_named("remind.due");
	const char		*p;

	if (argc != 5) {
		fprintf(stderr, "usage: remind_sql LO HI CUR CUR_ID\n");
		return 64;
	}
	if (strspn(argv[4], "0123456789") != strlen(argv[4]) || !*argv[4]) {
		fprintf(stderr, "remind_sql: CUR_ID: not a number\n");
		return 64;
	}
	if (q == NULL) {
		fprintf(stderr, "remind_sql: no remind.due in lib/remind.c\n");
		return 70;
	}
	for (p = q->sql; *p; p++) {
		size_t	n = 0;
		int	i;

		if (*p != ':' && *p != '?' && *p != '@' && *p != '$') {
			putchar(*p);
			continue;
		}
		/* the longest name that matches: :cur_id before :cur */
		for (i = 3; i >= 0; i--) {
			n = strlen(params[i]);
			if (strncmp(p, params[i], n) == 0 &&
			    !(p[n] == '_' || (p[n] >= 'a' && p[n] <= 'z') ||
			    (p[n] >= '0' && p[n] <= '9')))
				break;
		}
		if (i < 0) {
			fprintf(stderr, "remind_sql: a parameter other than "
			    ":lo, :hi, :cur, :cur_id in remind.due: update "
			    "bench/remind_sql.c\n");
			return 70;
		}
		if (i == 3)
			fputs(argv[4], stdout);
		else
			quoted(argv[i + 1]);
		p += n - 1;
	}
	puts(";");
	return 0;
}

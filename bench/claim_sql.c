/*
 * claim_sql - the SELECT `claim export` steps over its claims with, as
 * text for the sqlite3 shell: lib/claim837.c's claim837.claims with ?1
 * (the payer, 0 for every payer's claims) replaced by 0.  Prints one
 * statement ending in ';'.  The sqlite3 shell running it is the floor
 * bench/claim_export.sh sets `claim export` against: the same rows read,
 * nothing written.
 */
#include <stdio.h>
#include <string.h>

#include "queries.h"

int
main(void)
{
	const struct query	*q = query_named("claim837.claims");
	const char		*p;

	if (q == NULL) {
		fprintf(stderr, "claim_sql: no claim837.claims in "
		    "lib/claim837.c\n");
		return 70;
	}
	for (p = q->sql; *p; p++) {
		if (strncmp(p, "?1", 2) == 0) {
			putchar('0');
			p++;
			continue;
		}
		if (*p == '?' || *p == ':' || *p == '@' || *p == '$') {
			fprintf(stderr, "claim_sql: a parameter other than ?1 "
			    "in claim837.claims: update bench/claim_sql.c\n");
			return 70;
		}
		putchar(*p);
	}
	puts(";");
	return 0;
}

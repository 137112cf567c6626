/*
 * claim_sql - what `claim export` reads, as text for the sqlite3 shell:
 * lib/claim837.c's claim837.claims with ?1 (the payer, 0 for every
 * payer's claims) replaced by 0, then the lines of those claims in one
 * SELECT (claim export runs claim837.lines once a claim).  Prints two
 * statements, each ending in ';'.  The sqlite3 shell running them is the
 * floor bench/claim_export.sh sets `claim export` against: the same rows
 * read, nothing written.
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
	puts("SELECT l.id, l.code, l.mods, l.units, l.charge, l.pointers,"
	    " l.proc_id FROM claim c JOIN claim_line l ON l.claim_id = c.id"
	    " WHERE c.status = 'ready' ORDER BY c.payer_id, c.id, l.line;");
	return 0;
}

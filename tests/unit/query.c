/*
 * query - lib/query's bounds: one statement that only reads, no ATTACH,
 * no load_extension or fts3_tokenizer, a time limit and a heap limit that
 * stop a runaway query with 75 and say which; rows printed as out does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "out.h"
#include "query.h"
#include "tempdb.h"

static struct tempdb t;

/* Run sql in a fresh session; *text what it printed (owned). */
static int
run(const char *sql, long seconds, long long mb, char **text,
    char outcome[64])
{
	struct query_session	*q = NULL;
	struct out		*o;
	size_t			 n;
	FILE			*f = open_memstream(text, &n);
	int			 rc;

	o = out_new(f, OUT_TSV, 0);
	strcpy(outcome, "-");
	if ((rc = query_open(&q, t.path, seconds, mb)) == 0 &&
	    (rc = query_prepare(q, sql)) == 0)
		rc = query_run(q, o, outcome, 64);
	out_end(o);
	out_free(o);
	fclose(f);
	query_close(q);
	return rc;
}

static void
refused(const char *sql, const char *why)
{
	char *text = NULL, outcome[64];

	is_int(run(sql, 5, 64, &text, outcome), EX_DATAERR, "refused: %s", why);
	is_str(text, "", "and nothing printed");
	free(text);
}

int
main(void)
{
	char	*text = NULL, outcome[64];

	if (tempdb_open(&t) != 0) {
		tempdb_close(&t);
		return done_testing();
	}
	is_int(run("SELECT 1, 'a' UNION ALL SELECT 2, NULL", 5, 64, &text,
	    outcome), 0, "a read runs");
	is_str(text, "1\ta\n2\t\n", "its rows, tsv");
	is_str(outcome, "2 rows", "the outcome counts them");
	free(text);
	is_int(run("SELECT count(*) FROM user;  ", 5, 64, &text, outcome), 0,
	    "a trailing ; is fine");
	free(text);

	refused("", "no statement");
	refused("SELECT 1; SELECT 2", "two statements");
	refused("INSERT INTO meta (key, value) VALUES ('x', 'y')", "a write");
	refused("SELEC 1", "bad SQL");
	refused("ATTACH ':memory:' AS other", "ATTACH");
	refused("SELECT load_extension('x')", "load_extension");
	refused("SELECT fts3_tokenizer('simple')", "fts3_tokenizer");

	is_int(run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
	    " FROM n) SELECT count(*) FROM n", 1, 64, &text, outcome),
	    EX_TEMPFAIL, "an endless query stops at the time limit");
	is_str(outcome, "stopped: timeout", "and says so");
	free(text);
	is_int(run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1"
	    " FROM n WHERE i < 2000000) SELECT i FROM n ORDER BY random()",
	    60, 8, &text, outcome), EX_TEMPFAIL,
	    "a sort of 2,000,000 rows in 8 MB stops at the heap limit");
	is_str(outcome, "stopped: memory", "and says so");
	free(text);
	tempdb_close(&t);
	return done_testing();
}

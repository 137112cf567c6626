/*
 * query - see query.h.  The bounds came from an unbounded WITH RECURSIVE
 * cross-joined with patient that once filled 19.5 GB of /var/tmp.  The
 * heap limit is process-wide in SQLite, so it is set only while the
 * statement runs, and the program's own connection is idle meanwhile.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <sqlite3.h>

#include "db.h"
#include "out.h"
#include "query.h"
#include "util.h"

struct query_session {
	sqlite3		*h;
	sqlite3_stmt	*s;		/* from query_prepare */
	struct timespec	 start;
	long		 seconds;
	long long	 mb;
	int		 timed_out;
};

static int
deny(void *arg, int action, const char *a, const char *b, const char *c,
    const char *d)
{
	(void)arg; (void)a; (void)c; (void)d;
	if (action == SQLITE_ATTACH || action == SQLITE_DETACH)
		return SQLITE_DENY;
	if (action == SQLITE_FUNCTION && b != NULL &&
	    (sqlite3_stricmp(b, "load_extension") == 0 ||
	    sqlite3_stricmp(b, "fts3_tokenizer") == 0))
		return SQLITE_DENY;
	return SQLITE_OK;
}

static int
out_of_time(void *arg)
{
	struct query_session	*q = arg;
	struct timespec		 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - q->start.tv_sec) * 1000 +
	    (now.tv_nsec - q->start.tv_nsec) / 1000000 >= q->seconds * 1000)
		q->timed_out = 1;
	return q->timed_out;
}

int
query_open(struct query_session **out, const char *path, long seconds,
    long long mb)
{
	struct query_session	*q = xcalloc(1, sizeof(*q));
	int			 rc;

	*out = q;	/* query_close it whatever happens */
	q->seconds = seconds;
	q->mb = mb;
	rc = sqlite3_open_v2(path, &q->h, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK)
		return db_fail(NULL, rc, path);
	sqlite3_db_config(q->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(q->h, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
	sqlite3_db_config(q->h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_set_authorizer(q->h, deny, NULL);
	sqlite3_exec(q->h, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &q->start);
	sqlite3_progress_handler(q->h, 10000, out_of_time, q);
	return 0;
}

int
query_prepare(struct query_session *q, const char *sql)
{
	const char	*tail;
	int		 rc;

	sqlite3_finalize(q->s);
	q->s = NULL;
	rc = sqlite3_prepare_v2(q->h, sql, -1, &q->s, &tail);
	if (rc != SQLITE_OK || q->s == NULL)
		warnx("query: %s", q->s == NULL && rc == SQLITE_OK ?
		    "no SQL statement given" : sqlite3_errmsg(q->h));
	else if (tail[strspn(tail, " \t\r\n;")] != '\0')
		warnx("query: give one statement at a time");
	else if (!sqlite3_stmt_readonly(q->s))
		warnx("query: refusing a statement that writes: db query is "
		    "read-only");
	else
		return 0;
	sqlite3_finalize(q->s);
	q->s = NULL;
	return EX_DATAERR;
}

int
query_run(struct query_session *q, struct out *out, char *outcome,
    size_t len)
{
	long	n;
	int	rc = 0;

	if (q->s == NULL)
		return EX_SOFTWARE;
	sqlite3_hard_heap_limit64(q->mb * 1024 * 1024);
	n = out_stmt(out, q->s, NULL, NULL);
	sqlite3_finalize(q->s);
	q->s = NULL;
	sqlite3_hard_heap_limit64(0);
	if (n >= 0)
		snprintf(outcome, len, "%ld rows", n);
	else if (q->timed_out) {
		warnx("query: stopped after %ld s (--timeout)", q->seconds);
		snprintf(outcome, len, "stopped: timeout");
		rc = EX_TEMPFAIL;
	} else if (sqlite3_errcode(q->h) == SQLITE_NOMEM) {
		warnx("query: stopped: it needs more than %lld MB "
		    "(--max-memory)", q->mb);
		snprintf(outcome, len, "stopped: memory");
		rc = EX_TEMPFAIL;
	} else {
		snprintf(outcome, len, "failed");
		rc = EX_DATAERR;
	}
	return rc;
}

void
query_close(struct query_session *q)
{
	if (q == NULL)
		return;
	sqlite3_finalize(q->s);
	sqlite3_close(q->h);
	free(q);
}

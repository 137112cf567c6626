/*
 * query - `db query`: the one place that runs SQL a person typed.  A
 * session is a read-only connection of its own with bounds: no other file
 * attached, no extension loaded, no peek at the FTS3 tokenizer's address,
 * a time limit checked while SQLite works and a heap limit with temporary
 * tables kept in memory, so no query can run forever or fill the disk.
 */
#ifndef CLINIX_QUERY_H
#define CLINIX_QUERY_H

#include <stddef.h>

struct out;
struct query_session;

#define QUERY_TIMEOUT	30	/* seconds */
#define QUERY_MEMORY	256	/* MB */

/* Open path read-only; the clock starts now.  0 or a sysexits code. */
int	 query_open(struct query_session **out, const char *path,
	    long seconds, long long mb);
/* The one statement to run, if it only reads: 0, or 65 after why. */
int	 query_prepare(struct query_session *, const char *sql);
/*
 * Print its rows.  outcome gets what the audit row says ("12 rows",
 * "stopped: timeout", "stopped: memory", "failed").  0, 75 after a
 * bound stopped it, or 65 when SQLite failed.
 */
int	 query_run(struct query_session *, struct out *, char *outcome,
	    size_t len);
void	 query_close(struct query_session *);

#endif

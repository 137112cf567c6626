/*
 * db - the SQLite database: finding it, opening it with the project's
 * pragmas, its schema version and migrations, cached prepared statements,
 * write transactions, the meta table's counters, whole-database checks, backup and restore, and
 * turning SQLite errors into sysexits codes.
 */
#ifndef CLINIX_DB_H
#define CLINIX_DB_H

#include <stddef.h>

#include <sqlite3.h>

struct cfg;
struct db;

enum db_mode {
	NO_DB,		/* the verb never touches the database */
	DB_RO,		/* reads only (PHI reads still write their audit row) */
	DB_RW,		/* writes */
	DB_MIGRATE,	/* writes, and accepts an older schema: `db migrate` */
};

/* --db, $CLINIX_DB, cfg's db:, $XDG_DATA_HOME/clinix/clinix.db.  Owned. */
char	*db_find(const char *opt, const struct cfg *);

int	 db_open(struct db **out, const char *path, enum db_mode, long busy_ms);
int	 db_create(struct db **out, const char *path, long busy_ms);
void	 db_close(struct db *);
void	 db_unlink(const char *path);	/* the file and its -wal, -shm */

/* A WAL past this after a checkpoint is cut back (journal_size_limit). */
#define DB_WAL_LIMIT_S	"4194304"
#define DB_WAL_LIMIT	(4LL << 20)
long long db_wal_size(const char *path);	/* bytes of PATH-wal, 0 if none */
sqlite3	*db_handle(struct db *);
const char *db_path(const struct db *);	/* borrowed, lives with the db */

/*
 * A module's own statement: the module keeps a static table of these next
 * to the code that binds and reads them, ending with { NULL, NULL }, and
 * names the table in lib/queries.c so a unit test prepares every one.
 * Statements with more than three parameters use names (:mrn).
 */
struct query {
	const char	*name;		/* "slots.busy": for errors and tests */
	const char	*sql;
};
sqlite3_stmt *db_query(struct db *, const struct query *); /* reset, unbound */
/*
 * The same, its first parameter (?1, or the first :name, however often it
 * appears) bound to id and any others left NULL: the shape of every
 * "show" and "history" of one record.  A query with no parameter is a bug.
 */
sqlite3_stmt *db_query_id(struct db *, const struct query *, long long id);
/* Bind by :name; a name the statement lacks is a bug (exits 70). */
int	 db_bind_text(sqlite3_stmt *, const char *param, const char *);
int	 db_bind_int(sqlite3_stmt *, const char *param, long long);
/* The same for a row id, 0 (none) bound as NULL. */
int	 db_bind_id(sqlite3_stmt *, const char *param, long long id);
/*
 * A record named by its id or by a key (a name, a login): key's number
 * bound to idparam when it is a "kind-N" id (0), else key to keyparam
 * (-1).  "?1" names a numbered parameter.
 */
int	 db_bind_key(sqlite3_stmt *, const char *kind, const char *key,
	    const char *idparam, const char *keyparam);
/*
 * A prepared statement as programs see it: cmd/ walks the rows lib/
 * hands it with these, never calling SQLite itself.
 */
typedef sqlite3_stmt db_rows;
/* Column i of the row s stands on as text, "" when NULL: for printing. */
const char *db_col(sqlite3_stmt *, int i);
int	 db_ncols(sqlite3_stmt *);
int	 db_isnull(sqlite3_stmt *, int i);	/* column i is NULL */
void	 db_reset(sqlite3_stmt *);		/* done with its rows */
int	 db_step(struct db *, sqlite3_stmt *);	/* SQLITE_ROW/DONE or sysexits */
int	 db_exec(struct db *, sqlite3_stmt *);	/* step to done: 0 or sysexits */
/*
 * Step s once and reset it; on a row, its first column goes in *n (else
 * *n is left alone).  SQLITE_ROW, SQLITE_DONE or a sysexits code.
 */
int	 db_step_int(struct db *, sqlite3_stmt *, long long *n);
/* The same, but 0 (*n 0 when no row came) or a sysexits code. */
int	 db_first_int(struct db *, sqlite3_stmt *, long long *n);
/*
 * What the first step (rc) of a query for one record found, its
 * statement reset: 0 for a row, 65 after the message (fmt: "no claim
 * clm-%lld") for none, else rc, the step's code.
 */
int	 db_found(int rc, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Step a write (bound) that a constraint may refuse, and reset it: 0,
 * with the new row's id in *id when id is not NULL; -1 when a
 * constraint refused it, nothing said (the caller knows what that
 * means; sqlite3_errmsg still says which); else db_fail's code, "what"
 * naming the write.
 */
int	 db_write(struct db *, sqlite3_stmt *, const char *what, long long *id);
/* db_exec for an INSERT, and on 0 the new row's id in *id. */
int	 db_insert(struct db *, sqlite3_stmt *, long long *id);
/*
 * Step s (bound) to its end, collecting its first column: 0 with *ids
 * (owned, NULL when none) and *n, or the step's sysexits code.
 */
int	 db_ids(struct db *, sqlite3_stmt *, long long **ids, size_t *n);
/*
 * Step s (bound) to its end, handing each row to fill with a new element
 * of size bytes, zeroed, at the end of the array it returns (owned, NULL
 * when no row came) of *n elements.  *rc gets 0, or the step's sysexits
 * code, and the array then holds the rows read before it.
 */
void	*db_collect(struct db *, sqlite3_stmt *, size_t size, size_t *n,
	    void (*fill)(sqlite3_stmt *, void *elem), int *rc);

/*
 * Retire what an import no longer lists: the keys current's rows give
 * (bound; column 0) that listed(arg, key) does not know are gathered
 * first, since a write under a running SELECT is murky, then each is
 * bound into retire by bind(arg, statement, key) and run.  0 with *n,
 * the keys retired, or a sysexits code.
 */
int	 db_retire(struct db *, sqlite3_stmt *current,
	    const struct query *retire, int (*listed)(void *, const char *),
	    void (*bind)(void *, sqlite3_stmt *, const char *), void *arg,
	    long *n);

/*
 * The meta table's counters (mrn_next): *n is left alone when the key is
 * not there.  Each 0 or a sysexits code.
 */
int	 db_meta_get(struct db *, const char *key, long long *n);
int	 db_meta_set(struct db *, const char *key, long long n);

int	 db_begin(struct db *);			/* BEGIN IMMEDIATE, 0 or 75 */
void	 db_cache_mb(struct db *, int);	/* page cache etc. for big batches */
int	 db_commit(struct db *);
void	 db_rollback(struct db *);

/*
 * The starter data `clinix init` loads (share/SUB: the code sets, the
 * catalog): in a transaction of its own, load(db, dir, i) for each i
 * below n, dir being share/SUB, until one fails.  A SUB that is not
 * there is said, naming it what ("code sets"), and is 70: we ship it.
 * 0 or a sysexits code.
 */
int	 db_load_starter(struct db *, const char *sub, const char *what,
	    size_t n, int (*load)(struct db *, const char *dir, size_t i));

/*
 * The migrations, share/schema/NNN-*.sql, compiled in by tools/mkschema
 * (build/gen/schema.c): db_migrations[i].n is i + 1, the build checks it.
 */
struct db_migration {
	int		 n;
	const char	*name;		/* "001-initial.sql" */
	const char	*sql;
};
extern const struct db_migration db_migrations[];
extern const int db_nmigrations;

int	 db_version(struct db *);	/* user_version, or -(exit code) */
int	 db_known_version(void);		/* newest this build carries */
/* The file name of migration N, NULL when this build has none. */
const char *db_migration_name(int n);
int	 db_migrate(struct db *, int *from, int *to);

/*
 * `db backup`, `db restore` and `db verify`.  db_backup copies the open
 * database into the file at path (the caller sees that none is there)
 * with SQLite's online backup API, so the copy is consistent while others
 * write.  db_restorable checks that
 * the file at path (name: what the user gave, for messages) is a sound
 * clinix database this build can take; db_restore then replaces the open
 * database's content with it in one step.  Each 0 or a sysexits code.
 */
int	 db_backup(struct db *, const char *path);
int	 db_restorable(const char *path, const char *name);
int	 db_restore(struct db *, const char *path);
enum db_check { DB_CHECK_INTEGRITY, DB_CHECK_FOREIGN_KEYS };
/* What a check found first, or "ok".  Owned. */
char	*db_check(struct db *, enum db_check);

/* Print "what: sqlite's reason" and map the code to a sysexits value. */
int	 db_fail(struct db *, int sqlite_rc, const char *what);
int	 sqlite_exit(int sqlite_rc);

#endif

/*
 * db - open, migrate and write to the clinic database.
 *
 * Every write goes through db_begin's BEGIN IMMEDIATE so that cron jobs, the
 * front desk and billing serialise on SQLite's write lock instead of failing
 * on a lock upgrade halfway through a transaction.
 */
#include <err.h>
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "db.h"
#include "priv.h"
#include "rec.h"
#include "util.h"

#define BEGIN_TRIES	4

/*
 * The whole-database checks: prepared on connections db_query does not
 * own too (db_version on a file that may not be a database, a backup
 * being restored), so these are read as text where needed.
 */
enum { Q_USER_VERSION, Q_INTEGRITY, Q_FOREIGN_KEYS, Q_IS_CLINIX, Q_META_GET,
    Q_META_SET };

const struct query db_queries[] = {
	[Q_USER_VERSION] = { "db.user_version", "PRAGMA user_version" },
	[Q_INTEGRITY] = { "db.integrity", "PRAGMA integrity_check" },
	[Q_FOREIGN_KEYS] = { "db.foreign_keys",	/* table, rowid, parent, fkid */
	    "PRAGMA foreign_key_check" },
	[Q_IS_CLINIX] = { "db.is_clinix",	/* prepares only on a clinix database */
	    "SELECT 1 FROM audit, user LIMIT 1" },
	[Q_META_GET] = { "db.meta_get",
	    "SELECT value FROM meta WHERE key = ?1" },
	[Q_META_SET] = { "db.meta_set",
	    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value" },
	{ NULL, NULL }
};

struct db {
	sqlite3		*h;
	char		*path;			/* owned */
	struct qslot {				/* db_query's, by address */
		const struct query	*q;
		sqlite3_stmt		*s;
	}		*qs;
	size_t		 nqs, qcap;		/* used, size (a power of 2) */
	int		 wrote;			/* a COMMIT went through */
};

char *
db_find(const char *opt, const struct cfg *cfg)
{
	const char *env;

	if (priv_elevated()) {
		/* an installed program: the system config, else the state dir */
		static const char *const vars[] = { "CLINIX_DB",
		    "XDG_DATA_HOME", NULL };

		if (opt != NULL)
			priv_ignored("--db");
		priv_ignored_env(vars);
		if (cfg != NULL && cfg->db != NULL)
			return xstrdup(cfg->db);
		return xasprintf("%s/clinix.db", priv_state_dir());
	}
	if (opt != NULL)
		return xstrdup(opt);
	if ((env = secure_getenv("CLINIX_DB")) != NULL && *env != '\0')
		return xstrdup(env);
	if (cfg != NULL && cfg->db != NULL)
		return xstrdup(cfg->db);
	if ((env = secure_getenv("XDG_DATA_HOME")) != NULL && *env == '/')
		return xasprintf("%s/clinix/clinix.db", env);
	if ((env = secure_getenv("HOME")) == NULL)
		env = "";
	return xasprintf("%s/.local/share/clinix/clinix.db", env);
}

int
sqlite_exit(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return EX_TEMPFAIL;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
	case SQLITE_RANGE:
		return EX_DATAERR;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return EX_DATAERR;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return EX_IOERR;
	case SQLITE_CANTOPEN:
		return EX_NOINPUT;
	case SQLITE_READONLY:
		return EX_CANTCREAT;
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return EX_NOPERM;
	default:
		return EX_SOFTWARE;
	}
}

int
db_fail(struct db *db, int rc, const char *what)
{
	const char *why = db && db->h ? sqlite3_errmsg(db->h) :
	    sqlite3_errstr(rc);

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		warnx("%s: database is busy, try again", what);
	else
		warnx("%s: %s", what, why);
	return sqlite_exit(rc);
}

static int
pragmas(struct db *db, long busy_ms)
{
	int rc, on = 1;

	/*
	 * Most runs are the only connection, and SQLite would otherwise make
	 * and delete the WAL and checkpoint it on every close: three extra
	 * fsyncs per command even for a program that only read.  The WAL
	 * stays; a program that wrote checkpoints its own pages in db_close
	 * instead, so that clinix.db alone (what a nightly file backup
	 * copies) always holds every committed change.  journal_size_limit
	 * makes SQLite cut the WAL back when it next restarts the log.
	 */
	sqlite3_file_control(db->h, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	sqlite3_busy_timeout(db->h, (int)busy_ms);
	rc = sqlite3_exec(db->h, "PRAGMA journal_size_limit=" DB_WAL_LIMIT_S,
	    NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, "PRAGMA foreign_keys=ON", NULL, NULL,
		    NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, db->path);
	return 0;
}

/*
 * Why can't we use this path?  Checked before SQLite gives a vaguer reason;
 * eaccess, not access: an installed program opens with its setgid group.
 */
static int
precheck(const char *path, enum db_mode mode)
{
	char	*dir;
	int	 rc = 0;

	if (eaccess(path, F_OK) == -1) {
		warnx("no database at '%s': run 'clinix init' or give --db",
		    path);
		return EX_NOINPUT;
	}
	if (eaccess(path, R_OK) == -1) {
		warn("cannot read database '%s'", path);
		return EX_NOINPUT;
	}
	if (mode == DB_RO || mode == NO_DB)
		return 0;
	dir = path_dir(path);
	if (eaccess(dir, W_OK) == -1) {
		warnx("database directory '%s' is not writable (SQLite keeps "
		    "its journal there)", dir);
		rc = EX_CANTCREAT;
	} else if (eaccess(path, W_OK) == -1) {
		warnx("database '%s' is not writable", path);
		rc = EX_CANTCREAT;
	}
	free(dir);
	return rc;
}

/*
 * Every clinix program is one thread, so SQLite's mutexes (its memory
 * counts take one on every allocation, some 3% of an import's
 * instructions) guard nothing.  The memory counts stay on: db query's
 * heap limit needs them.  It must come before SQLite's initialization,
 * the first open; later calls fail harmlessly (SQLITE_MISUSE).
 */
static void
single_thread(void)
{
	static int done;

	if (!done++)
		sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
}

int
db_open(struct db **out, const char *path, enum db_mode mode, long busy_ms)
{
	struct db	*db;
	int		 rc, v, known = db_known_version();

	*out = NULL;
	if ((rc = precheck(path, mode)) != 0)
		return rc;
	db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
	single_thread();
	rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		rc = db_fail(db, rc, path);
		db_close(db);
		return rc;
	}
	if ((rc = pragmas(db, busy_ms)) != 0) {
		db_close(db);
		return rc;
	}
	if ((v = db_version(db)) < 0) {
		db_close(db);
		return -v;
	}
	if (v > known) {
		warnx("database '%s' has schema version %d, newer than this "
		    "program knows (%d): upgrade clinix", path, v, known);
		db_close(db);
		return EX_UNAVAILABLE;
	}
	if (v < known && mode != DB_MIGRATE) {
		warnx("database '%s' has schema version %d, older than this "
		    "program's %d: run 'db migrate' (after 'db backup')",
		    path, v, known);
		db_close(db);
		return EX_UNAVAILABLE;
	}
	*out = db;
	return 0;
}

/* A new, empty database in WAL mode; fails if the file already exists. */
int
db_create(struct db **out, const char *path, long busy_ms)
{
	struct db	*db;
	char		*dir = path_dir(path);
	int		 rc;

	*out = NULL;
	if (mkdirs(dir, 0700) == -1) {
		warn("cannot create directory '%s'", dir);
		free(dir);
		return EX_CANTCREAT;
	}
	if (access(dir, W_OK) == -1) {
		warnx("database directory '%s' is not writable", dir);
		free(dir);
		return EX_CANTCREAT;
	}
	free(dir);
	if (access(path, F_OK) == 0) {
		warnx("database '%s' already exists: not overwriting it", path);
		return EX_CANTCREAT;
	}
	db = xcalloc(1, sizeof(*db));
	db->path = xstrdup(path);
	single_thread();
	rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXCLUSIVE,
	    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL,
		    NULL);
	if (rc != SQLITE_OK) {
		rc = db_fail(db, rc, path);
		db_close(db);
		return rc == EX_NOINPUT ? EX_CANTCREAT : rc;
	}
	if ((rc = pragmas(db, busy_ms)) != 0) {
		db_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

void
db_unlink(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < nitems(sfx); i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);

		unlink(p);
		free(p);
	}
}

/* Size of the database's WAL file in bytes, 0 when there is none. */
long long
db_wal_size(const char *path)
{
	struct stat	 st;
	char		*wal = xasprintf("%s-wal", path);
	long long	 n = stat(wal, &st) == 0 ? (long long)st.st_size : 0;

	free(wal);
	return n;
}

/*
 * Copy what this program committed from the WAL into the database file.
 * PASSIVE never waits: it copies what no reader still needs, a few pages
 * for a usual command.  When everything was copied and the WAL has grown
 * past the limit (a long import), a TRUNCATE checkpoint empties it; that
 * one waits for readers, so it gets a short busy timeout and gives up
 * quietly (the WAL is then cut at the next write's log restart).
 */
static void
checkpoint(struct db *db)
{
	int nlog = -1, nckpt = -1, rc;

	/* total_changes: a write outside db_begin/db_commit counts too */
	if (db->h == NULL || !sqlite3_get_autocommit(db->h) ||
	    (!db->wrote && sqlite3_total_changes(db->h) == 0))
		return;
	rc = sqlite3_wal_checkpoint_v2(db->h, "main",
	    SQLITE_CHECKPOINT_PASSIVE, &nlog, &nckpt);
	if (rc != SQLITE_OK || nlog != nckpt ||
	    db_wal_size(db->path) <= DB_WAL_LIMIT)
		return;
	sqlite3_busy_timeout(db->h, 200);
	sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	checkpoint(db);
	for (size_t i = 0; i < db->qcap; i++)
		sqlite3_finalize(db->qs[i].s);
	free(db->qs);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

sqlite3 *
db_handle(struct db *db)
{
	return db->h;
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

/* Open addressing on the query's address: a program holds tens of them. */
static struct qslot *
qslot(struct qslot *t, size_t cap, const struct query *q)
{
	size_t i = ((uintptr_t)q >> 4) & (cap - 1);

	while (t[i].q != NULL && t[i].q != q)
		i = (i + 1) & (cap - 1);
	return &t[i];
}

sqlite3_stmt *
db_query(struct db *db, const struct query *q)
{
	struct qslot	*e;
	int		 rc;

	if (db->nqs * 2 >= db->qcap) {	/* keep it at most half full */
		size_t		 cap = db->qcap ? db->qcap * 2 : 64;
		struct qslot	*t = xcalloc(cap, sizeof(*t));

		for (size_t i = 0; i < db->qcap; i++)
			if (db->qs[i].q != NULL)
				*qslot(t, cap, db->qs[i].q) = db->qs[i];
		free(db->qs);
		db->qs = t;
		db->qcap = cap;
	}
	e = qslot(db->qs, db->qcap, q);
	if (e->s != NULL) {
		sqlite3_reset(e->s);
		sqlite3_clear_bindings(e->s);
		return e->s;
	}
	rc = sqlite3_prepare_v3(db->h, q->sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &e->s, NULL);
	if (rc != SQLITE_OK)	/* our SQL against our schema: a bug */
		errx(EX_SOFTWARE, "internal error: query %s: %s", q->name,
		    sqlite3_errmsg(db->h));
	e->q = q;
	db->nqs++;
	return e->s;
}

int
db_bind_text(sqlite3_stmt *s, const char *param, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, param);

	if (i == 0)	/* a name the statement lacks: a bug */
		errx(EX_SOFTWARE, "internal error: no parameter %s in %s",
		    param, sqlite3_sql(s));
	return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT) :
	    sqlite3_bind_null(s, i);
}

sqlite3_stmt *
db_query_id(struct db *db, const struct query *q, long long id)
{
	sqlite3_stmt *s = db_query(db, q);

	if (sqlite3_bind_int64(s, 1, id) != SQLITE_OK)
		errx(EX_SOFTWARE, "internal error: %s takes no id", q->name);
	return s;
}

int
db_bind_int(sqlite3_stmt *s, const char *param, long long v)
{
	int i = sqlite3_bind_parameter_index(s, param);

	if (i == 0)
		errx(EX_SOFTWARE, "internal error: no parameter %s in %s",
		    param, sqlite3_sql(s));
	return sqlite3_bind_int64(s, i, v);
}

int
db_bind_id(sqlite3_stmt *s, const char *param, long long id)
{
	return id ? db_bind_int(s, param, id) : db_bind_text(s, param, NULL);
}

int
db_bind_key(sqlite3_stmt *s, const char *kind, const char *key,
    const char *idparam, const char *keyparam)
{
	long long	 id;

	if (rec_id_parse(key, kind, &id) == 0) {
		db_bind_int(s, idparam, id);
		return 0;
	}
	db_bind_text(s, keyparam, key);
	return -1;
}

int
db_step(struct db *db, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	rc = db_fail(db, rc, db->path);
	sqlite3_reset(s);
	return rc;
}

const char *
db_col(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);

	return v ? v : "";
}

int
db_ncols(sqlite3_stmt *s)
{
	return sqlite3_column_count(s);
}

int
db_isnull(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL;
}

void
db_reset(sqlite3_stmt *s)
{
	sqlite3_reset(s);
}

int
db_exec(struct db *db, sqlite3_stmt *s)
{
	int rc = db_step(db, s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : rc;
}

int
db_step_int(struct db *db, sqlite3_stmt *s, long long *n)
{
	int rc = db_step(db, s);

	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc;
}

int
db_write(struct db *db, sqlite3_stmt *s, const char *what, long long *id)
{
	int	 rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		if (id != NULL)
			*id = sqlite3_last_insert_rowid(db->h);
		return 0;
	}
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return -1;
	return db_fail(db, rc, what);
}

int
db_found(int rc, const char *fmt, ...)
{
	va_list	 ap;

	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return rc;
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	return EX_DATAERR;
}

int
db_first_int(struct db *db, sqlite3_stmt *s, long long *n)
{
	int	 rc;

	*n = 0;
	rc = db_step_int(db, s, n);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

int
db_insert(struct db *db, sqlite3_stmt *s, long long *id)
{
	int rc = db_exec(db, s);

	if (rc == 0)
		*id = sqlite3_last_insert_rowid(db->h);
	return rc;
}

int
db_begin(struct db *db)
{
	int rc = SQLITE_OK;

	for (int i = 0; i < BEGIN_TRIES; i++) {
		rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
		/* the busy timeout already waited; back off a little more */
		struct timespec ts = { 0, (50 + (long)(rand() % 200)) * 1000000L };
		nanosleep(&ts, NULL);
	}
	return db_fail(db, rc, db->path);
}

void
db_cache_mb(struct db *db, int mb)
{
	char pragma[48];

	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size=%d", -1024 * mb);
	sqlite3_exec(db->h, pragma, NULL, NULL, NULL);
	/*
	 * A row whose INSERT fires triggers gets a statement journal; in a
	 * long transaction SQLite spills it to a file in /var/tmp, and then
	 * writes it for every row.  In memory it costs a few KB.  And keep
	 * glibc from giving that memory back and asking for it again on
	 * every row (two brk calls a row, measured by bench/run).
	 */
	sqlite3_exec(db->h, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 4 << 20);
}

int
db_commit(struct db *db)
{
	int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		rc = db_fail(db, rc, db->path);
		db_rollback(db);
		return rc;
	}
	db->wrote = 1;
	return 0;
}

void
db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int
db_version(struct db *db)
{
	sqlite3_stmt	*s;
	int		 v = -1, rc;

	rc = sqlite3_prepare_v2(db->h, db_queries[Q_USER_VERSION].sql, -1, &s,
	    NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	else	/* a full disk is 74, not a bad database */
		v = -db_fail(db, rc, db->path);
	sqlite3_finalize(s);
	return v;
}

/* The build refuses gaps, so the newest is also the count. */
int
db_known_version(void)
{
	return db_migrations[db_nmigrations - 1].n;
}

const char *
db_migration_name(int n)
{
	if (n < 1 || n > db_nmigrations)
		return NULL;
	return db_migrations[n - 1].name;
}

/*
 * All pending migrations in one transaction: a failure changes nothing.
 * They are the ones compiled in, never files found at run time, so a
 * program and the schema it writes always come from one build.
 *
 * Foreign keys are off while they run, as SQLite's way of rebuilding a
 * table needs (lang_altertable.html#otheralter; 011 rebuilds patient):
 * with them on, dropping the old table would delete its rows under every
 * appointment and coverage.  The pragma cannot change inside a
 * transaction, so it is set around it, and every key is checked before
 * the commit instead.
 */
int
db_migrate(struct db *db, int *from, int *to)
{
	char	 pragma[64], *fk = NULL;
	int	 v, rc, known = db_known_version();

	if ((v = db_version(db)) < 0)
		return -v;
	*from = *to = v;
	if (v >= known)
		return 0;
	if ((rc = sqlite3_exec(db->h, "PRAGMA foreign_keys=OFF", NULL, NULL,
	    NULL)) != SQLITE_OK)
		return db_fail(db, rc, db->path);
	if ((rc = db_begin(db)) != 0)
		goto fk_on;
	for (int n = v + 1; n <= known; n++) {
		const struct db_migration *m = &db_migrations[n - 1];
		char *err = NULL;

		if (sqlite3_exec(db->h, m->sql, NULL, NULL, &err) !=
		    SQLITE_OK) {
			warnx("migration %s: %s", m->name, err);
			sqlite3_free(err);
			rc = EX_SOFTWARE;
			break;
		}
	}
	if (rc == 0 && strcmp(fk = db_check(db, DB_CHECK_FOREIGN_KEYS),
	    "ok") != 0) {
		warnx("migration to %d: %s", known, fk);
		rc = EX_SOFTWARE;
	}
	free(fk);
	if (rc == 0) {
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d",
		    known);
		if ((rc = sqlite3_exec(db->h, pragma, NULL, NULL, NULL)) != 0)
			rc = db_fail(db, rc, db->path);
	}
	if (rc == 0 && (rc = db_commit(db)) == 0)
		*to = known;
	if (rc != 0)
		db_rollback(db);
fk_on:
	v = sqlite3_exec(db->h, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	if (v != SQLITE_OK && rc == 0)
		rc = db_fail(db, v, db->path);
	return rc;
}

/* Copy database src into a new file at path with the backup API. */
int
db_retire(struct db *db, sqlite3_stmt *s, const struct query *retire,
    int (*listed)(void *, const char *),
    void (*bind)(void *, sqlite3_stmt *, const char *), void *arg, long *n)
{
	struct buf	 gone = { 0 };		/* keys, NUL-separated */
	size_t		 ngone = 0;
	int		 rc;

	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0);

		if (!listed(arg, k)) {
			buf_add(&gone, k, strlen(k) + 1);
			ngone++;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto out;
	rc = 0;
	for (size_t i = 0, at = 0; i < ngone && rc == 0; i++) {
		s = db_query(db, retire);
		bind(arg, s, gone.s + at);
		rc = db_exec(db, s);
		at += strlen(gone.s + at) + 1;
	}
	*n = (long)ngone;
out:
	buf_free(&gone);
	return rc;
}

int
db_load_starter(struct db *db, const char *sub, const char *what, size_t n,
    int (*load)(struct db *, const char *dir, size_t i))
{
	char	*dir;
	int	 rc;

	if ((dir = share_find(sub)) == NULL) {
		warnx("cannot find the starter %s (share/%s)", what, sub);
		return EX_SOFTWARE;
	}
	if ((rc = db_begin(db)) != 0) {
		free(dir);
		return rc;
	}
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = load(db, dir, i);
	free(dir);
	if (rc == 0)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

int
db_backup(struct db *db, const char *path)
{
	sqlite3		*dst = NULL;
	sqlite3_backup	*b;
	int		 rc;

	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, NULL);
	if (rc == SQLITE_OK) {
		if ((b = sqlite3_backup_init(dst, "main", db->h, "main")) ==
		    NULL)
			rc = sqlite3_errcode(dst);
		else {
			while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
			    rc == SQLITE_LOCKED)
				sqlite3_sleep(50);
			sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? sqlite3_errcode(dst) : rc;
		}
	}
	if (rc != SQLITE_OK)
		warnx("backup to '%s': %s", path, dst ? sqlite3_errmsg(dst) :
		    sqlite3_errstr(rc));
	sqlite3_close(dst);
	return rc == SQLITE_OK ? 0 : sqlite_exit(rc) == EX_NOINPUT ?
	    EX_CANTCREAT : sqlite_exit(rc);
}

int
db_restorable(const char *path, const char *name)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*s = NULL;
	int		 rc, v = -1, ok = 0;

	rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, db_queries[Q_INTEGRITY].sql, -1,
		    &s, NULL);
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		ok = strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0;
	sqlite3_finalize(s);
	s = NULL;
	if (ok && sqlite3_prepare_v2(h, db_queries[Q_USER_VERSION].sql, -1,
	    &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	if (ok && sqlite3_prepare_v2(h, db_queries[Q_IS_CLINIX].sql, -1, &s,
	    NULL) != SQLITE_OK)
		v = -1;
	sqlite3_finalize(s);
	sqlite3_close(h);
	if (!ok) {
		warnx("'%s' is damaged or not a database: nothing restored",
		    name);
		return EX_DATAERR;
	}
	if (v < 1) {
		warnx("'%s' is not a clinix database: nothing restored", name);
		return EX_DATAERR;
	}
	if (v > db_known_version()) {
		warnx("'%s' has schema version %d, newer than this program "
		    "knows (%d): upgrade clinix first", name, v,
		    db_known_version());
		return EX_UNAVAILABLE;
	}
	return 0;
}

int
db_restore(struct db *db, const char *path)
{
	sqlite3		*src = NULL;
	sqlite3_backup	*b;
	int		 rc;

	rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK) {
		if ((b = sqlite3_backup_init(db->h, "main", src, "main")) ==
		    NULL)
			rc = sqlite3_errcode(db->h);
		else {
			rc = sqlite3_backup_step(b, -1);
			sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		}
	}
	sqlite3_close(src);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, "restore");
}

char *
db_check(struct db *db, enum db_check what)
{
	int		 fk = what == DB_CHECK_FOREIGN_KEYS;
	sqlite3_stmt	*s = db_query(db, &db_queries[fk ? Q_FOREIGN_KEYS :
			    Q_INTEGRITY]);
	char		*r;
	int		 rc;

	/* a foreign key row says table, rowid, parent, fkid */
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		r = fk ? xasprintf("row %lld of %s has no parent",
		    (long long)sqlite3_column_int64(s, 1),
		    sqlite3_column_text(s, 0)) :
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	else
		r = rc == SQLITE_DONE ? xstrdup("ok") :
		    xstrdup(sqlite3_errmsg(db->h));
	sqlite3_reset(s);
	return r;
}

int
db_meta_get(struct db *db, const char *key, long long *n)
{
	sqlite3_stmt	*s = db_query(db, &db_queries[Q_META_GET]);
	int		 rc;

	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	rc = db_step_int(db, s, n);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

int
db_meta_set(struct db *db, const char *key, long long n)
{
	sqlite3_stmt	*s = db_query(db, &db_queries[Q_META_SET]);
	char		 num[24];

	snprintf(num, sizeof(num), "%lld", n);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, num, -1, SQLITE_TRANSIENT);
	return db_exec(db, s);
}

void *
db_collect(struct db *db, sqlite3_stmt *s, size_t size, size_t *n,
    void (*fill)(sqlite3_stmt *, void *), int *rc)
{
	char	*a = NULL, *e;
	size_t	 cap = 0;

	*n = 0;
	while ((*rc = db_step(db, s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			a = xrealloc(a, cap * size);
		}
		e = a + (*n)++ * size;
		memset(e, 0, size);
		fill(s, e);
	}
	sqlite3_reset(s);
	if (*rc == SQLITE_DONE)
		*rc = 0;
	return a;
}

static void
fill_id(sqlite3_stmt *s, void *id)
{
	*(long long *)id = sqlite3_column_int64(s, 0);
}

int
db_ids(struct db *db, sqlite3_stmt *s, long long **ids, size_t *n)
{
	int	 rc;

	*ids = db_collect(db, s, sizeof(**ids), n, fill_id, &rc);
	return rc;
}

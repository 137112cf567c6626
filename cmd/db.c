/*
 * db - look after the clinic database (admin only)
 *	db migrate | verify
 *	db backup [--encrypt] [--key-file F] [--force] FILE
 *	db restore [--key-file F] FILE
 *	db query [--timeout SECONDS] [--max-memory MB] SQL
 * Backups use SQLite's online backup API, so they are consistent while
 * other programs keep writing; restore checks everything before it
 * replaces anything.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "audit.h"
#include "cfg.h"
#include "seal.h"
#include "vault.h"
#include "util.h"

static int
verb_migrate(int argc, char *argv[], struct app *app)
{
	int from, to, rc;

	if ((rc = app_noargs(argc, argv)) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_DB_ADMIN)))
		return rc;
	if ((rc = db_migrate(app->db, &from, &to)) != 0)
		return rc;
	if (from != to) {
		char detail[64];

		snprintf(detail, sizeof(detail), "%d -> %d", from, to);
		if ((rc = app_audit(app, 0, NULL, detail)) != 0)
			return rc;
	}
	printf("schema version %d\n", to);
	return 0;
}

/* Copy database src into a new file at path with the backup API. */
static int
copy_out(sqlite3 *src, const char *path)
{
	sqlite3		*dst = NULL;
	sqlite3_backup	*b;
	int		 rc;

	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE, NULL);
	if (rc == SQLITE_OK) {
		if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL)
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

/* Where scratch copies of the database go: beside it, never in /tmp. */
static char *
scratch(struct app *app, const char *what)
{
	return xasprintf("%s.%s.%ld", db_path(app->db), what, (long)getpid());
}

static int
load_key(struct app *app, const char *keyfile, uint8_t key[SEAL_KEYLEN])
{
	return seal_key_load(keyfile ? keyfile : app->cfg->key_file, key);
}

static int
verb_backup(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "encrypt", no_argument, NULL, 'e' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*keyfile = NULL, *dst;
	char		*tmp = NULL, *part = NULL;
	uint8_t		 key[SEAL_KEYLEN];
	int		 encrypt = 0, force = 0, ch, rc;

	while ((ch = getopt_long(argc, argv, "ek:f", longopts, NULL)) != -1)
		switch (ch) {
		case 'e': encrypt = 1; break;
		case 'k': keyfile = optarg; break;
		case 'f': force = 1; break;
		default: return EX_USAGE;
		}
	if (argc - optind != 1)
		return EX_USAGE;
	dst = argv[optind];
	if (keyfile && !encrypt) {
		warnx("--key-file is for --encrypt");
		return EX_USAGE;
	}
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_DB_ADMIN)))
		return rc;
	if (!force && access(dst, F_OK) == 0) {
		warnx("'%s' exists: not overwriting it without --force", dst);
		return EX_CANTCREAT;
	}
	/* the audit row goes in first, so the backup holds its own record */
	if ((rc = app_audit(app, 0, dst, encrypt ? "encrypted" : "plain")))
		return rc;
	part = xasprintf("%s.part", dst);
	unlink(part);
	if (!encrypt) {
		rc = copy_out(db_handle(app->db), part);
	} else if ((rc = load_key(app, keyfile, key)) == 0) {
		tmp = scratch(app, "backup");
		if ((rc = copy_out(db_handle(app->db), tmp)) == 0)
			rc = vault_encrypt_file(key, tmp, part);
		db_unlink(tmp);
		seal_wipe(key, sizeof(key));
	}
	if (rc == 0 && rename(part, dst) == -1) {
		warn("cannot rename '%s' to '%s'", part, dst);
		rc = EX_CANTCREAT;
	}
	if (rc != 0)
		unlink(part);
	else
		printf("%s\n", dst);
	free(part);
	free(tmp);
	return rc;
}

/* Is the file at path a sound clinix database we may restore?  0 or code. */
static int
check_restorable(const char *path, const char *name)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*s = NULL;
	int		 rc, v = -1, ok = 0;

	rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(h, sql_text[SQL_INTEGRITY_CHECK], -1,
		    &s, NULL);
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		ok = strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0;
	sqlite3_finalize(s);
	s = NULL;
	if (ok && sqlite3_prepare_v2(h, sql_text[SQL_USER_VERSION], -1, &s,
	    NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	s = NULL;
	if (ok && sqlite3_prepare_v2(h, sql_text[SQL_IS_CLINIX], -1, &s,
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

static int
copy_file(const char *from, const char *to)
{
	FILE	*in, *out;
	char	 buf[65536];
	size_t	 n;
	int	 rc = 0;

	if ((in = fopen(from, "rb")) == NULL) {
		warn("cannot read '%s'", from);
		return EX_NOINPUT;
	}
	if ((out = fopen(to, "wbx")) == NULL) {
		warn("cannot create '%s'", to);
		fclose(in);
		return EX_CANTCREAT;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	if (ferror(in) || ferror(out) || fclose(out) == EOF) {
		warn("cannot copy '%s'", from);
		rc = EX_IOERR;
	}
	fclose(in);
	return rc;
}

/* Replace the live database's content with the file's, in one step. */
static int
copy_in(struct app *app, const char *path)
{
	sqlite3		*src = NULL;
	sqlite3_backup	*b;
	int		 rc;

	rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(db_handle(app->db), "main", src, "main");
		if (b == NULL)
			rc = sqlite3_errcode(db_handle(app->db));
		else {
			rc = sqlite3_backup_step(b, -1);
			sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		}
	}
	sqlite3_close(src);
	return rc == SQLITE_OK ? 0 : db_fail(app->db, rc, "restore");
}

static int
verb_restore(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "key-file", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*keyfile = NULL, *src;
	char		*tmp = NULL, magic[16] = "";
	uint8_t		 key[SEAL_KEYLEN];
	FILE		*f;
	int		 ch, rc, from, to;

	while ((ch = getopt_long(argc, argv, "k:", longopts, NULL)) != -1)
		switch (ch) {
		case 'k': keyfile = optarg; break;
		default: return EX_USAGE;
		}
	if (argc - optind != 1)
		return EX_USAGE;
	src = argv[optind];
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_DB_ADMIN)))
		return rc;
	if ((f = fopen(src, "rb")) == NULL) {
		warn("cannot read '%s'", src);
		return EX_NOINPUT;
	}
	if (fread(magic, 1, 8, f) != 8)
		magic[0] = '\0';
	fclose(f);
	tmp = scratch(app, "restore");
	db_unlink(tmp);
	if (memcmp(magic, "CLINIXE1", 8) == 0) {
		if ((rc = load_key(app, keyfile, key)) == 0)
			rc = vault_decrypt_file(key, src, tmp);
		seal_wipe(key, sizeof(key));
	} else
		rc = copy_file(src, tmp);	/* never open the original RW */
	if (rc == 0)
		rc = check_restorable(tmp, src);
	if (rc == 0)
		rc = copy_in(app, tmp);
	db_unlink(tmp);
	free(tmp);
	if (rc != 0)
		return rc;
	if ((rc = db_migrate(app->db, &from, &to)) != 0)
		return rc;
	/* the restored database carries its own chain: follow it */
	audit_free(app->audit);
	app->audit = NULL;
	if ((rc = audit_open(&app->audit, app->cfg->key_file, app->db)) != 0)
		return rc;
	if ((rc = app_audit(app, 0, src, NULL)) != 0)
		return rc;
	rc = audit_reset_tail(app->audit, app->db);
	if (rc == 0)
		printf("%s\n", db_path(app->db));
	return rc;
}

/* What a check's first row says, or "ok" when it returns none. */
static char *
check_result(struct app *app, enum sql_id id)
{
	sqlite3_stmt	*s = db_stmt(app->db, id);
	char		*r;
	int		 rc;

	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		r = id == SQL_FOREIGN_KEY_CHECK ? xasprintf("row %lld of %s "
		    "has no parent", (long long)sqlite3_column_int64(s, 1),
		    sqlite3_column_text(s, 0)) :
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	else
		r = rc == SQLITE_DONE ? xstrdup("ok") :
		    xstrdup(sqlite3_errmsg(db_handle(app->db)));
	sqlite3_reset(s);
	return r;
}

static int
verb_verify(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "check", "result", "detail" };
	struct audit_check	 chk;
	char			*integ, *fk, detail[160];
	long long		 wal;
	int			 rc, bad = 0;

	if ((rc = app_noargs(argc, argv)) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_DB_ADMIN)))
		return rc;
	integ = check_result(app, SQL_INTEGRITY_CHECK);
	fk = check_result(app, SQL_FOREIGN_KEY_CHECK);
	if ((rc = audit_verify(app->audit, app->db, &chk)) != 0) {
		free(integ);
		free(fk);
		return rc;
	}
	out_cols(app->out, 3, cols);
	bad |= strcmp(integ, "ok") != 0;
	out_text_row(app->out, (const char *[]){ "integrity",
	    strcmp(integ, "ok") ? "FAILED" : "ok",
	    strcmp(integ, "ok") ? integ : NULL });
	bad |= strcmp(fk, "ok") != 0;
	out_text_row(app->out, (const char *[]){ "foreign_keys",
	    strcmp(fk, "ok") ? "FAILED" : "ok", strcmp(fk, "ok") ? fk : NULL });
	if (chk.bad)
		snprintf(detail, sizeof(detail), "row %lld: %s", chk.bad,
		    chk.why);
	else
		snprintf(detail, sizeof(detail), "%lld rows", chk.rows);
	bad |= chk.bad != 0;
	out_text_row(app->out, (const char *[]){ "audit",
	    chk.bad ? "FAILED" : "ok", detail });
	/*
	 * A WAL past the limit means some program could not checkpoint (a
	 * reader held the log) or a foreign tool wrote: clinix.db alone may
	 * lack changes, so a file backup of it is incomplete.  Only a
	 * warning (exit 0): the data is sound, and this run's own checkpoint
	 * usually cuts it back.
	 */
	if ((wal = db_wal_size(db_path(app->db))) > DB_WAL_LIMIT) {
		snprintf(detail, sizeof(detail), "%lld MB WAL, over the %lld MB "
		    "limit: clinix.db alone may lack recent changes",
		    wal >> 20, DB_WAL_LIMIT >> 20);
		out_text_row(app->out, (const char *[]){ "wal", "warning",
		    detail });
	}
	free(integ);
	free(fk);
	/* a broken chain is not extended: that would bury the break */
	if (!bad && (rc = app_audit(app, 0, NULL, "ok")) != 0)
		return rc;
	return bad ? 1 : 0;
}

/*
 * db query runs the admin's SQL on a read-only connection of its own,
 * within bounds: no other file attached, no extension loaded, no peek at
 * the FTS3 tokenizer's address, a time limit checked while SQLite works
 * and a heap limit with temporary tables kept in memory, so no query can
 * run forever or fill the disk (an unbounded WITH RECURSIVE cross-joined
 * with patient once filled 19.5 GB of /var/tmp).
 */
#define QUERY_TIMEOUT	30	/* seconds */
#define QUERY_MEMORY	256	/* MB */

struct bounds {
	struct timespec	 start;
	long		 seconds;
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
	struct bounds	*b = arg;
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - b->start.tv_sec) * 1000 +
	    (now.tv_nsec - b->start.tv_nsec) / 1000000 >= b->seconds * 1000)
		b->timed_out = 1;
	return b->timed_out;
}

/* The read-only connection, bounded; 0 or a sysexits code. */
static int
query_open(struct app *app, sqlite3 **ro, struct bounds *b)
{
	int rc;

	rc = sqlite3_open_v2(db_path(app->db), ro, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK)
		return db_fail(NULL, rc, db_path(app->db));
	sqlite3_db_config(*ro, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(*ro, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
	sqlite3_db_config(*ro, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_set_authorizer(*ro, deny, NULL);
	sqlite3_exec(*ro, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b->start);
	sqlite3_progress_handler(*ro, 10000, out_of_time, b);
	return 0;
}

static int
verb_query(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "timeout", required_argument, NULL, 't' },
		{ "max-memory", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	struct bounds	 b = { .seconds = QUERY_TIMEOUT };
	long long	 v, mb = QUERY_MEMORY;
	sqlite3		*ro = NULL;
	sqlite3_stmt	*s = NULL;
	const char	*tail, *sql;
	char		 rows[64];
	long		 n;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1)
		switch (ch) {
		case 't':
			if ((rc = app_count("--timeout", optarg, 1, &v)) != 0)
				return rc;
			b.seconds = (long)(v > 86400 ? 86400 : v);
			break;
		case 'm':
			if ((rc = app_count("--max-memory", optarg, 1, &mb)))
				return rc;
			break;
		default:
			return EX_USAGE;
		}
	if (argc - optind != 1)
		return EX_USAGE;
	sql = argv[optind];
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_DB_ADMIN)))
		return rc;
	if ((rc = query_open(app, &ro, &b)) != 0)
		goto out;
	rc = sqlite3_prepare_v2(ro, sql, -1, &s, &tail);
	if (rc != SQLITE_OK || s == NULL) {
		warnx("query: %s", s == NULL && rc == SQLITE_OK ?
		    "no SQL statement given" : sqlite3_errmsg(ro));
		rc = EX_DATAERR;
	} else if (tail[strspn(tail, " \t\r\n;")] != '\0') {
		warnx("query: give one statement at a time");
		rc = EX_DATAERR;
	} else if (!sqlite3_stmt_readonly(s)) {
		warnx("query: refusing a statement that writes: db query is "
		    "read-only");
		rc = EX_DATAERR;
	}
	if (rc != 0) {
		app_refused(app, sql);	/* attempts are on the record too */
		goto out;
	}
	/*
	 * The read is on the record, committed, before the first row can
	 * reach stdout: a listing killed half-way, or a full disk, must not
	 * leave PHI read with no audit row.  The outcome follows.
	 */
	if ((rc = app_audit(app, 0, "started", sql)) != 0)
		goto out;
	sqlite3_hard_heap_limit64(mb * 1024 * 1024);
	n = out_stmt(app->out, s, NULL, NULL);
	sqlite3_finalize(s);
	s = NULL;
	sqlite3_hard_heap_limit64(0);
	if (n >= 0)
		snprintf(rows, sizeof(rows), "%ld rows", n);
	else if (b.timed_out) {
		warnx("query: stopped after %ld s (--timeout)", b.seconds);
		snprintf(rows, sizeof(rows), "stopped: timeout");
		rc = EX_TEMPFAIL;
	} else if (sqlite3_errcode(ro) == SQLITE_NOMEM) {
		warnx("query: stopped: it needs more than %lld MB "
		    "(--max-memory)", mb);
		snprintf(rows, sizeof(rows), "stopped: memory");
		rc = EX_TEMPFAIL;
	} else {
		snprintf(rows, sizeof(rows), "failed");
		rc = EX_DATAERR;
	}
	int arc = app_audit(app, 0, rows, sql);
	rc = rc ? rc : arc;
out:
	sqlite3_finalize(s);
	sqlite3_close(ro);
	return rc;
}

static int
verb_version(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "what", "schema", "migration" };
	char	db[16], known[16];
	int	rc, v, k = db_known_version();

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0)
		return rc;
	if ((v = db_version(app->db)) < 0)
		return -v;
	snprintf(db, sizeof(db), "%d", v);
	snprintf(known, sizeof(known), "%d", k);
	/* the migration file each version stands for, null for 0 */
	out_cols(app->out, 3, cols);
	out_text_row(app->out, (const char *[]){ "database", db,
	    db_migration_name(v) });
	out_text_row(app->out, (const char *[]){ "program", known,
	    db_migration_name(k) });
	return 0;
}

static const struct verb verbs[] = {
	{ "version", verb_version, DB_MIGRATE, "",
	    "schema versions of the database and of this program" },
	{ "migrate", verb_migrate, DB_MIGRATE, "",
	    "bring the schema up to this version" },
	{ "backup", verb_backup, DB_RW,
	    "[--encrypt] [--key-file FILE] [--force] FILE",
	    "online backup, optionally AES-256-GCM encrypted" },
	{ "restore", verb_restore, DB_RW, "[--key-file FILE] FILE",
	    "check a backup, then replace the database with it" },
	{ "verify", verb_verify, DB_RW, "",
	    "integrity, foreign keys and the audit chain" },
	{ "query", verb_query, DB_RW,
	    "[--timeout SECONDS] [--max-memory MB] SQL",
	    "run one read-only SQL statement (audited)" },
};

static const struct prog prog = { "db", "look after the clinic database",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "audit.h"
#include "cfg.h"
#include "encounter.h"
#include "ledger.h"
#include "query.h"
#include "seal.h"
#include "vault.h"
#include "util.h"

static int
verb_migrate(int argc, char *argv[], struct app *app)
{
	int from, to, rc;

	if ((rc = app_none(argc, argv)) != 0)
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

#define KEY_FILE_OPT	{ "key-file", 'k', OPT_VALUE, "FILE", \
	"the key, if not the config's key_file", COMP_FILE, NULL }

static const struct opt backup_opts[] = {
	{ "encrypt", 'e', OPT_FLAG, NULL, "encrypt it (AES-256-GCM)",
	    COMP_NONE, NULL },
	KEY_FILE_OPT,
	{ "force", 'f', OPT_FLAG, NULL, "replace FILE if it exists",
	    COMP_NONE, NULL },
	OPT_END
};

static int
verb_backup(int argc, char *argv[], struct app *app)
{
	const char	*keyfile = NULL, *dst;
	char		*tmp = NULL, *part = NULL;
	uint8_t		 key[SEAL_KEYLEN];
	int		 encrypt = 0, force = 0, ch, rc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'e': encrypt = 1; break;
		case 'k': keyfile = app->optarg; break;
		case 'f': force = 1; break;
		}
	if (argc != 1)
		return EX_USAGE;
	dst = argv[0];
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
		rc = db_backup(app->db, part);
	} else if ((rc = load_key(app, keyfile, key)) == 0) {
		tmp = scratch(app, "backup");
		if ((rc = db_backup(app->db, tmp)) == 0)
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

static const struct opt restore_opts[] = { KEY_FILE_OPT, OPT_END };

static int
verb_restore(int argc, char *argv[], struct app *app)
{
	const char	*keyfile = NULL, *src;
	char		*tmp = NULL, magic[16] = "";
	uint8_t		 key[SEAL_KEYLEN];
	FILE		*f;
	int		 rc, from, to;

	while (app_opt(app) == 'k')
		keyfile = app->optarg;
	if (argc != 1)
		return EX_USAGE;
	src = argv[0];
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
		rc = db_restorable(tmp, src);
	if (rc == 0)
		rc = db_restore(app->db, tmp);
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

/* A signed encounter or addendum whose content changed: a FAILED row. */
struct signed_bad {
	struct out	*out;
	long long	 n;
};

static void
signed_bad(const char *what, void *arg)
{
	struct signed_bad *sb = arg;

	sb->n++;
	out_text_row(sb->out, (const char *[]){ "signed", "FAILED", what });
}

static int
verb_verify(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "check", "result", "detail" };
	struct audit_check	 chk;
	char			*integ, *fk, detail[160];
	long long		 wal;
	int			 rc, bad = 0;

	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_DB_ADMIN)))
		return rc;
	integ = db_check(app->db, DB_CHECK_INTEGRITY);
	fk = db_check(app->db, DB_CHECK_FOREIGN_KEYS);
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
	/* every signed encounter and addendum still hashes as it did */
	{
		struct signed_bad sb = { app->out, 0 };
		long long	 n, na;

		if ((rc = enc_verify(app->db, signed_bad, &sb, &n, &na)) != 0) {
			free(integ);
			free(fk);
			return rc;
		}
		bad |= sb.n != 0;
		if (sb.n == 0) {
			snprintf(detail, sizeof(detail), "%lld encounters, %lld "
			    "addenda", n, na);
			out_text_row(app->out, (const char *[]){ "signed", "ok",
			    detail });
		}
	}
	/* every ledger transaction closed, and its postings sum to 0 */
	{
		long long	 ntxn = 0, badtxn = 0;
		const char	*why;

		if ((rc = ledger_verify(app->db, &ntxn, &badtxn, &why)) != 0) {
			free(integ);
			free(fk);
			return rc;
		}
		bad |= badtxn != 0;
		if (badtxn)
			snprintf(detail, sizeof(detail), "txn-%lld: %s", badtxn,
			    why);
		else
			snprintf(detail, sizeof(detail), "%lld transactions",
			    ntxn);
		out_text_row(app->out, (const char *[]){ "ledger",
		    badtxn ? "FAILED" : "ok", detail });
	}
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
 * within bounds (lib/query), and on the record: attempts refused too.
 */
enum { K_TIMEOUT = 256, K_MAX_MEMORY };

static const struct opt query_opts[] = {
	{ "timeout", K_TIMEOUT, OPT_VALUE, "SECONDS",
	    "stop the query after this long", COMP_NONE, NULL },
	{ "max-memory", K_MAX_MEMORY, OPT_VALUE, "MB",
	    "stop the query when it needs more memory", COMP_NONE, NULL },
	OPT_END
};

static int
verb_query(int argc, char *argv[], struct app *app)
{
	struct query_session	*q = NULL;
	long long		 v, mb = QUERY_MEMORY;
	long			 seconds = QUERY_TIMEOUT;
	const char		*sql;
	char			 rows[64];
	int			 ch, rc, arc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case K_TIMEOUT:
			if ((rc = app_count("--timeout", app->optarg, 1, &v)))
				return rc;
			seconds = (long)(v > 86400 ? 86400 : v);
			break;
		case K_MAX_MEMORY:
			if ((rc = app_count("--max-memory", app->optarg, 1,
			    &mb)) != 0)
				return rc;
			break;
		}
	if (argc != 1)
		return EX_USAGE;
	sql = argv[0];
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_DB_ADMIN)))
		return rc;
	if ((rc = query_open(&q, db_path(app->db), seconds, mb)) != 0)
		goto out;
	if ((rc = query_prepare(q, sql)) != 0) {
		app_refused(app, sql);
		goto out;
	}
	/*
	 * The read is on the record, committed, before the first row can
	 * reach stdout: a listing killed half-way, or a full disk, must not
	 * leave PHI read with no audit row.  The outcome follows.
	 */
	if ((rc = app_audit(app, 0, "started", sql)) != 0)
		goto out;
	rc = query_run(q, app->out, rows, sizeof(rows));
	arc = app_audit(app, 0, rows, sql);
	rc = rc ? rc : arc;
out:
	query_close(q);
	return rc;
}

static int
verb_version(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "what", "schema", "migration" };
	char	db[16], known[16];
	int	rc, v, k = db_known_version();

	if ((rc = app_none(argc, argv)) != 0 || (rc = app_open(app)) != 0)
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

static const struct opt no_opts[] = { OPT_END };

static const struct verb verbs[] = {
	{ .name = "version", .fn = verb_version, .mode = DB_MIGRATE,
	    .usage = "",
	    .summary = "schema versions of the database and of this program",
	    .opts = no_opts },
	{ .name = "migrate", .fn = verb_migrate, .mode = DB_MIGRATE,
	    .usage = "", .summary = "bring the schema up to this version",
	    .opts = no_opts },
	{ .name = "backup", .fn = verb_backup, .mode = DB_RW,
	    .usage = "[--encrypt] [--key-file FILE] [--force] FILE",
	    .summary = "online backup, optionally AES-256-GCM encrypted",
	    .opts = backup_opts, .operand = COMP_FILE },
	{ .name = "restore", .fn = verb_restore, .mode = DB_RW,
	    .usage = "[--key-file FILE] FILE",
	    .summary = "check a backup, then replace the database with it",
	    .opts = restore_opts, .operand = COMP_FILE },
	{ .name = "verify", .fn = verb_verify, .mode = DB_RW, .usage = "",
	    .summary = "integrity, foreign keys and the audit chain",
	    .opts = no_opts },
	{ .name = "query", .fn = verb_query, .mode = DB_RW,
	    .usage = "[--timeout SECONDS] [--max-memory MB] SQL",
	    .summary = "run one read-only SQL statement (audited)",
	    .opts = query_opts },
};

static const struct prog prog = { "db", "look after the clinic database",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

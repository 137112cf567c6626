/*
 * audit - rows are chained: mac(n) = HMAC(key, mac(n-1) | fields(n)), with
 * every field length-prefixed so no two rows serialise alike.  Editing,
 * inserting or deleting a row breaks the chain from there on.  Cutting rows
 * off the end leaves a valid shorter chain, so the newest id and MAC are
 * also written to a tail file beside the key, outside the database.
 *
 * The tail is moved only forward and only after COMMIT, under flock: a
 * process that dies in between leaves it behind the database, never ahead,
 * and rows past the tail are still covered by the chain.
 *
 * The tail is an anchor, not a cache.  Whoever cuts rows off the end must
 * also remove (or rewind) the tail file, and a missing tail cannot be told
 * apart from one removed to hide a cut.  So the next program that writes
 * an audit row and finds the tail gone first writes an audit.tail-missing
 * row, and verification fails from the newest such row until a later
 * audit.anchor row (`audit anchor --reason`, an admin's acknowledgement)
 * follows it.  That state lives in the chain itself, not in a meta row: a
 * meta row can be deleted by the same hand that cut the rows, but these
 * rows are MAC'd (no one without the key can forge an anchor) and the
 * tail recreated after the tail-missing row covers that row in turn, so
 * cutting it off needs the tail removed again, which writes a new one.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sysexits.h>
#include <unistd.h>

#include "audit.h"
#include "date.h"
#include "db.h"
#include "span.h"
#include "util.h"

#define CHAINLEN	32	/* hex chars of the chain id */

/* Q_ALL's columns: the fields the MAC covers, in order, then the MAC. */
enum { AUDIT_ID, AUDIT_AT, AUDIT_LOGIN, AUDIT_ACTION, AUDIT_OUTCOME,
    AUDIT_PATIENT, AUDIT_RECORD, AUDIT_DETAIL, AUDIT_MAC, AUDIT_BREAK_GLASS,
    AUDIT_NFIELDS };
/* Q_LAST's */
enum { LAST_ID, LAST_MAC };

enum { Q_CHAIN_GET, Q_CHAIN_SET, Q_LAST, Q_ADD, Q_ALL, Q_MAC, Q_LIST };

const struct query audit_queries[] = {
	[Q_CHAIN_GET] = { "audit.chain_get",
	    "SELECT value FROM meta WHERE key = 'audit_chain'" },
	[Q_CHAIN_SET] = { "audit.chain_set",
	    "INSERT INTO meta (key, value) VALUES ('audit_chain', :chain)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value" },
	[Q_LAST] = { "audit.last",
	    "SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1" },
	[Q_ADD] = { "audit.add",	/* the names: params[] below */
	    "INSERT INTO audit (id, at, login, action, outcome, patient_id,"
	    " record, detail, mac, break_glass) VALUES (:id, :at, :login,"
	    " :action, :outcome, :patient, :record, :detail, :mac,"
	    " :break_glass)" },
	[Q_ALL] = { "audit.all",
	    "SELECT id, at, login, action, outcome, patient_id, record,"
	    " detail, mac, break_glass FROM audit ORDER BY id" },
	[Q_MAC] = { "audit.mac",
	    "SELECT mac FROM audit WHERE id = :id" },
	[Q_LIST] = { "audit.list",	/* [:from, :to) as stamps */
	    "SELECT 'aud-' || id AS id, at, login, action, outcome,"
	    " CASE WHEN patient_id IS NOT NULL THEN 'pat-' || patient_id END"
	    " AS patient, record, detail,"
	    " CASE break_glass WHEN 1 THEN 'yes' ELSE 'no' END AS break_glass"
	    " FROM audit"
	    " WHERE (:patient IS NULL OR patient_id = :patient)"
	    " AND (:login IS NULL OR login = :login)"
	    " AND (:action IS NULL OR action = :action"
	    " OR action LIKE :action || '.%')"
	    " AND (:from IS NULL OR at >= :from)"
	    " AND (:to IS NULL OR at < :to)"
	    " AND (:outcome IS NULL OR outcome = :outcome)"
	    " AND (:break_glass IS NULL OR break_glass = :break_glass)"
	    " ORDER BY audit.id DESC LIMIT coalesce(:limit, -1)" },
	{ NULL, NULL }
};

/* Q_ADD's parameters, by field */
static const char *const params[AUDIT_NFIELDS] = { ":id", ":at", ":login",
    ":action", ":outcome", ":patient", ":record", ":detail", ":mac",
    ":break_glass" };

struct audit {
	uint8_t		 key[SEAL_KEYLEN];
	char		*keyfile;		/* owned */
	char		*tail;			/* owned; NULL before audit_init */
	long long	 pending_id;		/* written, tail not yet moved */
	int		 noticed;		/* tail-missing row written */
	char		 pending_mac[2 * SEAL_MACLEN + 1];
};

static char *
tail_path(const char *keyfile, const char *chain)
{
	char *dir = path_dir(keyfile), *p;

	p = xasprintf("%s/audit-%s.tail", dir, chain);
	free(dir);
	return p;
}

static int
chain_id(struct db *db, char out[CHAINLEN + 1])
{
	sqlite3_stmt	*s = db_query(db, &audit_queries[Q_CHAIN_GET]);
	int		 rc;

	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		snprintf(out, CHAINLEN + 1, "%s", sqlite3_column_text(s, 0));
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 1 : rc;
}

int
audit_open(struct audit **out, const char *keyfile, struct db *db)
{
	struct audit	*a = xcalloc(1, sizeof(*a));
	char		 chain[CHAINLEN + 1];
	int		 rc;

	*out = NULL;
	if ((rc = seal_key_load(keyfile, a->key)) != 0) {
		audit_free(a);
		return rc;
	}
	if ((rc = chain_id(db, chain)) > 1) {
		audit_free(a);
		return rc;
	}
	a->keyfile = xstrdup(keyfile);
	if (rc == 0)	/* else a new database, and audit_init names it */
		a->tail = tail_path(keyfile, chain);
	*out = a;
	return 0;
}

void
audit_free(struct audit *a)
{
	if (a == NULL)
		return;
	seal_wipe(a->key, sizeof(a->key));
	free(a->keyfile);
	free(a->tail);
	free(a);
}

int
audit_init(struct audit *a, struct db *db)
{
	uint8_t		 raw[CHAINLEN / 2];
	char		 chain[CHAINLEN + 1];
	sqlite3_stmt	*s;
	int		 fd, rc;

	if (seal_random(raw, sizeof(raw)) == -1) {
		warn("random");
		return EX_OSERR;
	}
	seal_hex(raw, sizeof(raw), chain);
	s = db_query(db, &audit_queries[Q_CHAIN_SET]);
	db_bind_text(s, ":chain", chain);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	free(a->tail);
	a->tail = tail_path(a->keyfile, chain);
	if ((fd = open(a->tail, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1) {
		warn("cannot create '%s'", a->tail);
		return EX_CANTCREAT;
	}
	close(fd);
	return 0;
}

/* Length-prefixed field: "12:patient.show" or "-" for NULL. */
static void
mac_field(struct seal_hmac *h, const char *s)
{
	char n[24];

	if (s == NULL) {
		seal_hmac_update(h, "-|", 2);
		return;
	}
	snprintf(n, sizeof(n), "%zu:", strlen(s));
	seal_hmac_update(h, n, strlen(n));
	seal_hmac_update(h, s, strlen(s));
	seal_hmac_update(h, "|", 1);
}

/*
 * A break-glass row's flag is one more field; other rows hash as they
 * did before the flag existed, so older chains still verify.
 */
static void
row_mac(const uint8_t key[SEAL_KEYLEN], const char *prev,
    const char *const f[AUDIT_MAC], int break_glass,
    char out[2 * SEAL_MACLEN + 1])
{
	struct seal_hmac	*h = seal_hmac_new(key);
	uint8_t			 mac[SEAL_MACLEN];

	mac_field(h, prev);
	for (int i = 0; i < AUDIT_MAC; i++)
		mac_field(h, f[i]);
	if (break_glass)
		mac_field(h, "break-glass");
	seal_hmac_final(h, mac);
	seal_hmac_free(h);
	seal_hex(mac, sizeof(mac), out);
}

static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

int
audit_add(struct audit *a, struct db *db, const struct audit_row *r)
{
	sqlite3_stmt	*s = db_query(db, &audit_queries[Q_LAST]);
	char		 prev[2 * SEAL_MACLEN + 1], mac[2 * SEAL_MACLEN + 1];
	char		 at[STAMP_LEN], idtxt[24], pattxt[24];
	long long	 id = 1;
	int		 rc;

	snprintf(prev, sizeof(prev), "%s", genesis);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, LAST_ID) + 1;
		snprintf(prev, sizeof(prev), "%s",
		    sqlite3_column_text(s, LAST_MAC));
	} else if (rc != SQLITE_DONE)
		return rc;
	sqlite3_reset(s);
	if (id > 1 && !a->noticed && a->tail != NULL &&
	    access(a->tail, F_OK) == -1 && errno == ENOENT) {
		char detail[64];
		struct audit_row miss = { r->login, "audit.tail-missing", 0,
		    0, NULL, detail, 0 };

		a->noticed = 1;
		warnx("audit tail '%s' is missing: rows after aud-%lld may "
		    "have been cut; an admin must check and run 'audit anchor "
		    "--reason TEXT'", a->tail, id - 1);
		snprintf(detail, sizeof(detail), "tail file missing after "
		    "aud-%lld", id - 1);
		if ((rc = audit_add(a, db, &miss)) != 0)
			return rc;
		return audit_add(a, db, r);
	}
	date_now_stamp(at);
	snprintf(idtxt, sizeof(idtxt), "%lld", id);
	snprintf(pattxt, sizeof(pattxt), "%lld", r->patient);
	const char *f[AUDIT_MAC] = {
		[AUDIT_ID] = idtxt,
		[AUDIT_AT] = at,
		[AUDIT_LOGIN] = r->login,
		[AUDIT_ACTION] = r->action,
		[AUDIT_OUTCOME] = r->denied ? "denied" : "ok",
		[AUDIT_PATIENT] = r->patient ? pattxt : NULL,
		[AUDIT_RECORD] = r->record,
		[AUDIT_DETAIL] = r->detail,
	};
	row_mac(a->key, prev, f, r->break_glass, mac);
	s = db_query(db, &audit_queries[Q_ADD]);
	db_bind_int(s, params[AUDIT_ID], id);
	for (int i = AUDIT_AT; i < AUDIT_MAC; i++)
		if (i == AUDIT_PATIENT && r->patient)
			db_bind_int(s, params[i], r->patient);
		else
			db_bind_text(s, params[i], f[i]);
	db_bind_text(s, params[AUDIT_MAC], mac);
	db_bind_int(s, params[AUDIT_BREAK_GLASS], r->break_glass != 0);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	a->pending_id = id;
	memcpy(a->pending_mac, mac, sizeof(mac));
	return 0;
}

/* Tail file: "<id> <mac>\n".  Returns 0, or -1 if unreadable/malformed. */
static int
tail_read(int fd, long long *id, char mac[2 * SEAL_MACLEN + 1])
{
	char	buf[128];
	ssize_t	n = pread(fd, buf, sizeof(buf) - 1, 0);

	*id = 0;
	mac[0] = '\0';
	if (n <= 0)
		return n == 0 ? 0 : -1;	/* empty: a chain with no rows yet */
	buf[n] = '\0';
	if (sscanf(buf, "%lld %64s", id, mac) != 2 || strlen(mac) != 64)
		return -1;
	return 0;
}

/* Does the database still hold row id with this mac? */
static int
row_matches(struct db *db, long long id, const char *mac)
{
	sqlite3_stmt	*s = db_query(db, &audit_queries[Q_MAC]);
	int		 ok;

	db_bind_int(s, ":id", id);
	ok = db_step(db, s) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(s, 0), mac) == 0;
	sqlite3_reset(s);
	return ok;
}

/*
 * Move the tail to the pending row.  It only moves forward, and only from
 * a row the database still holds unchanged: if rows were cut off the end,
 * later writes must not paper over the cut by moving the tail past it.
 */
static int
tail_write(struct audit *a, struct db *db, int force)
{
	char		 line[128], mac[2 * SEAL_MACLEN + 1];
	long long	 id;
	int		 fd, rc = 0, n;

	if ((a->pending_id == 0 && !force) || a->tail == NULL)
		return 0;
	if ((fd = open(a->tail, O_RDWR | O_CREAT, 0600)) == -1) {
		warn("cannot update audit tail '%s'", a->tail);
		return EX_CANTCREAT;
	}
	if (flock(fd, LOCK_EX) == -1) {
		warn("cannot lock '%s'", a->tail);
		close(fd);
		return EX_IOERR;
	}
	if (!force) {
		if (tail_read(fd, &id, mac) == -1 ||
		    (id > 0 && id < a->pending_id && !row_matches(db, id, mac))) {
			warnx("the audit trail no longer holds row %lld as "
			    "recorded: run 'audit verify'", id);
			goto out;
		}
		if (id >= a->pending_id)
			goto out;
	}
	n = snprintf(line, sizeof(line), "%lld %s\n", a->pending_id,
	    a->pending_id ? a->pending_mac : genesis);
	/* ids only grow, so the line never shrinks but on a restore */
	if ((force && ftruncate(fd, 0) == -1) ||
	    pwrite(fd, line, (size_t)n, 0) != n) {
		warn("cannot update audit tail '%s'", a->tail);
		rc = EX_IOERR;
	}
out:
	close(fd);	/* drops the lock */
	a->pending_id = 0;
	return rc;
}

int
audit_sync_tail(struct audit *a, struct db *db)
{
	return tail_write(a, db, 0);
}

int
audit_reset_tail(struct audit *a, struct db *db)
{
	sqlite3_stmt	*s = db_query(db, &audit_queries[Q_LAST]);
	int		 rc;

	a->pending_id = 0;
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		a->pending_id = sqlite3_column_int64(s, LAST_ID);
		snprintf(a->pending_mac, sizeof(a->pending_mac), "%s",
		    sqlite3_column_text(s, LAST_MAC));
	} else if (rc != SQLITE_DONE)
		return rc;
	sqlite3_reset(s);
	return tail_write(a, db, 1);
}

int
audit_verify(struct audit *a, struct db *db, struct audit_check *chk)
{
	sqlite3_stmt	*s;
	char		 prev[2 * SEAL_MACLEN + 1], mac[2 * SEAL_MACLEN + 1];
	char		 tmac[2 * SEAL_MACLEN + 1];
	long long	 expect = 1, tid = 0, missing = 0;
	int		 rc, fd, tail_ok;

	memset(chk, 0, sizeof(*chk));
	/*
	 * The tail first: it is written after its row commits, so every row
	 * it names is in the snapshot the chain is then read from, however
	 * many writers carry on meanwhile.
	 */
	if (a->tail == NULL || (fd = open(a->tail, O_RDONLY)) == -1) {
		s = db_query(db, &audit_queries[Q_LAST]);
		rc = db_step(db, s);
		chk->bad = rc == SQLITE_ROW ?
		    sqlite3_column_int64(s, LAST_ID) : 1;
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rc;
		snprintf(chk->msg, sizeof(chk->msg), "audit tail missing since "
		    "aud-%lld: rows after the last anchor may have been cut",
		    chk->bad);
		chk->why = chk->msg;
		return 0;
	}
	flock(fd, LOCK_SH);
	tail_ok = tail_read(fd, &tid, tmac) == 0;
	close(fd);
	if (!tail_ok) {
		chk->bad = 1;
		chk->why = "tail file unreadable";
		return 0;
	}
	memcpy(prev, genesis, sizeof(prev));
	s = db_query(db, &audit_queries[Q_ALL]);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		const char *f[AUDIT_MAC], *stored;
		long long id = sqlite3_column_int64(s, AUDIT_ID);

		for (int i = 0; i < AUDIT_MAC; i++)
			f[i] = (const char *)sqlite3_column_text(s, i);
		stored = (const char *)sqlite3_column_text(s, AUDIT_MAC);
		if (id != expect) {
			chk->bad = expect;
			chk->why = id > expect ? "row missing" :
			    "row out of sequence";
			break;
		}
		row_mac(a->key, prev, f,
		    sqlite3_column_int(s, AUDIT_BREAK_GLASS), mac);
		if (strcmp(mac, stored) != 0) {
			chk->bad = id;
			chk->why = "MAC does not match: row altered, inserted, "
			    "or an earlier row removed";
			break;
		}
		if (id == tid && strcmp(stored, tmac) != 0) {
			chk->bad = id;
			chk->why = "row differs from the one the tail file "
			    "recorded: rows were cut off and rewritten";
			break;
		}
		/* only rows whose MAC checked count: an anchor can't be forged */
		if (f[AUDIT_ACTION] == NULL)
			;
		else if (strcmp(f[AUDIT_ACTION], "audit.tail-missing") == 0)
			missing = id;
		else if (strcmp(f[AUDIT_ACTION], "audit.anchor") == 0 &&
		    f[AUDIT_OUTCOME] != NULL &&
		    strcmp(f[AUDIT_OUTCOME], "ok") == 0)	/* not a refusal */
			missing = 0;
		memcpy(prev, mac, sizeof(prev));
		chk->rows++;
		expect++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (chk->bad == 0 && tid > chk->rows) {
		chk->bad = chk->rows + 1;
		chk->why = "rows missing from the end of the trail";
	}
	if (chk->bad == 0 && missing) {
		chk->bad = missing;
		snprintf(chk->msg, sizeof(chk->msg), "audit tail missing since "
		    "aud-%lld: rows after the last anchor may have been cut",
		    missing);
		chk->why = chk->msg;
	}
	return 0;
}

/* A day or time as the stamp audit rows carry (UTC, milliseconds). */
static void
stamp(time_t t, char out[STAMP_LEN])
{
	char utc[STAMP_LEN];

	date_utc(t, utc);	/* "2026-11-27T14:30:00Z": the Z goes */
	snprintf(out, STAMP_LEN, "%.19s.000Z", utc);
}

int
audit_bound(const char *s, int upto, char out[STAMP_LEN])
{
	char	why[SPAN_WHY];
	time_t	t;

	/* the one grammar (span.h): today, +3d, a day, a time */
	if (span_bound(upto ? "--to" : "--from", s, upto, &t, why) != 0) {
		warnx("%s", why);
		return EX_USAGE;
	}
	stamp(t, out);
	return 0;
}

sqlite3_stmt *
audit_list(struct db *db, const struct audit_filter *f)
{
	sqlite3_stmt *s = db_query(db, &audit_queries[Q_LIST]);

	if (f->patient)
		db_bind_int(s, ":patient", f->patient);
	db_bind_text(s, ":login", f->login);
	db_bind_text(s, ":action", f->action);
	db_bind_text(s, ":from", *f->from ? f->from : NULL);
	db_bind_text(s, ":to", *f->to ? f->to : NULL);
	db_bind_text(s, ":outcome", f->denied ? "denied" : NULL);
	if (f->break_glass)
		db_bind_int(s, ":break_glass", 1);
	if (f->limit >= 0)
		db_bind_int(s, ":limit", f->limit);
	return s;
}

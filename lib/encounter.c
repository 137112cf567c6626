/*
 * encounter - see encounter.h.  The schema's triggers (009-chart.sql)
 * make a signed encounter final; this module decides who gets that far
 * only in the sense of what the data must be (a note to sign, an
 * appointment checked in); who may is the caller's (cmd/chart.c).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <openssl/evp.h>

#include "codeset.h"
#include "encounter.h"
#include "rec.h"
#include "util.h"

/* A stored instant in the clinic's zone, as lib/appt.c shows them. */
#define LOCAL(c) "strftime('%Y-%m-%dT%H:%M', " c ", 'localtime')"

enum { Q_LOAD, Q_BY_APPT, Q_APPT, Q_PRV_LOGIN, Q_INSERT, Q_NOTE_GET,
    Q_NOTE_PUT, Q_SIGN, Q_ADDENDUM, Q_C_DX, Q_C_PROC, Q_C_VITALS,
    Q_SIGNED, Q_ADDENDA, Q_LIST, Q_HEAD, Q_DX, Q_PROC, Q_VITALS,
    Q_SHOW_ADDENDA, Q_PRIOR_AUTH };

const struct query encounter_queries[] = {
	[Q_LOAD] = { "encounter.load",	/* the columns of struct enc */
	    "SELECT e.patient_id, e.provider_id, e.appointment_id, e.type,"
	    " e.start_at, e.reason, e.signed_at, e.signed_by, e.sign_hash,"
	    " p.login FROM encounter e JOIN provider p ON p.id = e.provider_id"
	    " WHERE e.id = ?1" },
	[Q_BY_APPT] = { "encounter.by_appt",
	    "SELECT id FROM encounter WHERE appointment_id = ?1" },
	[Q_APPT] = { "encounter.appt",	/* patient, provider, start, status, why */
	    "SELECT a.patient_id, a.provider_id, a.start_at, a.status,"
	    " CASE WHEN v.name IS NOT NULL AND a.note IS NOT NULL"
	    " THEN v.name || ': ' || a.note ELSE coalesce(v.name, a.note) END"
	    " FROM appointment a LEFT JOIN visit_type v ON v.id = a.visit_type_id"
	    " WHERE a.id = ?1" },
	[Q_PRV_LOGIN] = { "encounter.provider_of",
	    "SELECT id FROM provider WHERE login = ?1 AND active = 1" },
	[Q_INSERT] = { "encounter.insert",
	    "INSERT INTO encounter (patient_id, provider_id, appointment_id,"
	    " type, start_at, reason, prior_auth, created_at, created_by)"
	    " VALUES (:pat, :prv, :apt, :type, :start, :reason, :auth, :now,"
	    " :login)" },
	[Q_NOTE_GET] = { "encounter.note_get",
	    "SELECT body FROM encounter_note WHERE encounter_id = ?1" },
	[Q_NOTE_PUT] = { "encounter.note_put",
	    "INSERT INTO encounter_note (encounter_id, template, body,"
	    " written_at, written_by) VALUES (:enc, :tmpl, :body, :now, :login)"
	    " ON CONFLICT (encounter_id) DO UPDATE SET template ="
	    " coalesce(excluded.template, template), body = excluded.body, written_at ="
	    " excluded.written_at, written_by = excluded.written_by" },
	[Q_SIGN] = { "encounter.sign",
	    "UPDATE encounter SET signed_at = ?2, signed_by = ?3, sign_hash = ?4"
	    " WHERE id = ?1 AND signed_at IS NULL" },
	[Q_ADDENDUM] = { "encounter.addendum",
	    "INSERT INTO addendum (encounter_id, body, signed_at, signed_by,"
	    " sign_hash) VALUES (:enc, :body, :now, :login, :hash)" },
	[Q_C_DX] = { "encounter.canon_dx",
	    "SELECT position, code FROM encounter_dx WHERE encounter_id = ?1"
	    " ORDER BY position" },
	[Q_C_PROC] = { "encounter.canon_proc",
	    "SELECT system, code, mods, units, dx FROM encounter_proc"
	    " WHERE encounter_id = ?1 ORDER BY id" },
	[Q_C_VITALS] = { "encounter.canon_vitals",
	    "SELECT loinc, value, unit, at FROM vitals WHERE encounter_id = ?1"
	    " ORDER BY id" },
	[Q_SIGNED] = { "encounter.signed",
	    "SELECT id FROM encounter WHERE signed_at IS NOT NULL ORDER BY id" },
	[Q_ADDENDA] = { "encounter.addenda",
	    "SELECT id, encounter_id, body, signed_at, signed_by, sign_hash"
	    " FROM addendum ORDER BY id" },
	[Q_LIST] = { "encounter.list",
	    "SELECT 'enc-' || e.id AS id, 'pat-' || e.patient_id AS patient,"
	    " 'prv-' || e.provider_id AS provider, " LOCAL("e.start_at")
	    " AS start, e.type AS type,"
	    " 'apt-' || e.appointment_id AS appointment, "
	    LOCAL("e.signed_at") " AS signed, e.signed_by AS signed_by"
	    " FROM encounter e"
	    " WHERE (:pat = 0 OR e.patient_id = :pat)"
	    " AND (:prv = 0 OR e.provider_id = :prv)"
	    " AND (:unsigned = 0 OR e.signed_at IS NULL)"
	    " AND e.start_at >= :lo AND e.start_at < :hi"
	    " ORDER BY e.start_at, e.id" },
	[Q_HEAD] = { "encounter.head",
	    "SELECT 'enc-' || e.id, 'pat-' || e.patient_id, p.mrn,"
	    " p.first || ' ' || p.last, 'prv-' || e.provider_id,"
	    " v.name || coalesce(', ' || v.credential, ''), e.type, "
	    LOCAL("e.start_at") ", 'apt-' || e.appointment_id, e.reason, "
	    LOCAL("e.signed_at") ", e.signed_by, e.sign_hash, n.body,"
	    " n.template, n.written_by, " LOCAL("n.written_at")
	    " FROM encounter e JOIN patient p ON p.id = e.patient_id"
	    " JOIN provider v ON v.id = e.provider_id"
	    " LEFT JOIN encounter_note n ON n.encounter_id = e.id"
	    " WHERE e.id = ?1" },
	[Q_DX] = { "encounter.show_dx",
	    "SELECT d.position, " CODESET_ICD_DOTTED("d.code") ", c.title"
	    " FROM encounter_dx d LEFT JOIN code c ON c.system = 'icd10cm'"
	    " AND c.code = d.code WHERE d.encounter_id = ?1 ORDER BY d.position" },
	[Q_PROC] = { "encounter.show_proc",
	    "SELECT code, mods, units, dx FROM encounter_proc"
	    " WHERE encounter_id = ?1 ORDER BY id" },
	[Q_VITALS] = { "encounter.show_vitals",
	    "SELECT v.loinc, s.name, printf('%.*f', s.decimals, v.value),"
	    " v.unit, " LOCAL("v.at") " FROM vitals v"
	    " JOIN vital_sign s ON s.loinc = v.loinc"
	    " WHERE v.encounter_id = ?1 ORDER BY v.at, s.position, v.id" },
	[Q_SHOW_ADDENDA] = { "encounter.show_addenda",
	    "SELECT id, " LOCAL("signed_at") ", signed_by, body FROM addendum"
	    " WHERE encounter_id = ?1 ORDER BY id" },
	[Q_PRIOR_AUTH] = { "encounter.prior_auth",
	    "UPDATE encounter SET prior_auth = ?2 WHERE id = ?1"
	    " RETURNING patient_id" },
	{ NULL, NULL }
};

static sqlite3_stmt *
q(struct db *db, int i)
{
	return db_query(db, &encounter_queries[i]);
}

/* The statement with ?1 bound to id. */
static sqlite3_stmt *
qid(struct db *db, int i, long long id)
{
	return db_query_id(db, &encounter_queries[i], id);
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v ? xstrdup((const char *)v) : NULL;
}

void
enc_clear(struct enc *e)
{
	free(e->type);
	free(e->start_at);
	free(e->reason);
	free(e->signed_at);
	free(e->signed_by);
	free(e->sign_hash);
	free(e->provider_login);
	memset(e, 0, sizeof(*e));
}

/* Load row id into e: 0, 65 (nothing said) when there is none, or a code. */
static int
load(struct db *db, long long id, struct enc *e)
{
	sqlite3_stmt	*s = qid(db, Q_LOAD, id);
	int		 rc;

	memset(e, 0, sizeof(*e));
	if ((rc = db_step(db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? EX_DATAERR : rc;
	}
	e->id = id;
	e->patient = sqlite3_column_int64(s, 0);
	e->provider = sqlite3_column_int64(s, 1);
	e->appointment = sqlite3_column_int64(s, 2);
	e->type = col_dup(s, 3);
	e->start_at = col_dup(s, 4);
	e->reason = col_dup(s, 5);
	e->signed_at = col_dup(s, 6);
	e->signed_by = col_dup(s, 7);
	e->sign_hash = col_dup(s, 8);
	e->provider_login = col_dup(s, 9);
	sqlite3_reset(s);
	return 0;
}

int
enc_found(int rc, long long enc)
{
	return db_found(rc, "no encounter 'enc-%lld'", enc);
}

int
enc_get(struct db *db, const char *key, struct enc *e)
{
	long long	id;
	int		rc;

	memset(e, 0, sizeof(*e));
	if (rec_id_parse(key, "enc", &id) != 0) {
		warnx("not an encounter id '%s' (like enc-12)", key);
		return EX_DATAERR;
	}
	if ((rc = load(db, id, e)) == EX_DATAERR)
		warnx("no encounter enc-%lld", id);
	return rc;
}

int
enc_get_open(struct db *db, const char *key, struct enc *e)
{
	int rc;

	if ((rc = enc_get(db, key, e)) != 0)
		return rc;
	if (e->signed_at != NULL) {
		warnx("enc-%lld is signed: it cannot change (write an "
		    "addendum)", e->id);
		enc_clear(e);	/* a refusal leaves the caller nothing to free */
		return EX_DATAERR;
	}
	return 0;
}

int
enc_type_valid(const char *t)
{
	return streq(t, "office") || streq(t, "telehealth") ||
	    streq(t, "phone") || streq(t, "home");
}

int
enc_from_appt(struct db *db, struct enc_new *n, long long patient)
{
	sqlite3_stmt	*s = qid(db, Q_APPT, n->appointment);
	const char	*status, *start;
	long long	 enc;
	int		 rc;

	if ((rc = db_step(db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
		warnx("no appointment apt-%lld", n->appointment);
		return EX_DATAERR;
	}
	n->patient = sqlite3_column_int64(s, 0);
	n->provider = sqlite3_column_int64(s, 1);
	start = (const char *)sqlite3_column_text(s, 2);
	snprintf(n->start_at, sizeof(n->start_at), "%s", start);
	status = (const char *)sqlite3_column_text(s, 3);
	rc = 0;
	if (!streq(status, "checkedin") && !streq(status, "checkedout")) {
		warnx("apt-%lld is %s: an encounter opens from a checked-in "
		    "(or checked-out) visit", n->appointment, status);
		rc = EX_DATAERR;
	} else if (patient != 0 && patient != n->patient) {
		warnx("apt-%lld is pat-%lld's, not pat-%lld's",
		    n->appointment, n->patient, patient);
		rc = EX_DATAERR;
	}
	free(n->reason);
	n->reason = col_dup(s, 4);
	sqlite3_reset(s);
	if (rc != 0)
		return rc;
	s = qid(db, Q_BY_APPT, n->appointment);
	rc = db_step(db, s);
	enc = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc == SQLITE_ROW) {
		warnx("apt-%lld already has its encounter, enc-%lld",
		    n->appointment, enc);
		return EX_DATAERR;
	}
	return rc == SQLITE_DONE ? 0 : rc;
}

int
enc_provider_of(struct db *db, const char *login, long long *id)
{
	sqlite3_stmt	*s = q(db, Q_PRV_LOGIN);
	int		 rc;

	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	rc = db_step_int(db, s, id);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? EX_DATAERR : rc;
}

static void
now_stamp(char out[STAMP_LEN])
{
	date_utc(time(NULL), out);
}

int
enc_open(struct db *db, const struct enc_new *n, const char *login,
    long long *id)
{
	sqlite3_stmt	*s = q(db, Q_INSERT);
	char		 now[STAMP_LEN];

	now_stamp(now);
	db_bind_int(s, ":pat", n->patient);
	db_bind_int(s, ":prv", n->provider);
	if (n->appointment)
		db_bind_int(s, ":apt", n->appointment);
	db_bind_text(s, ":type", n->type);
	db_bind_text(s, ":start", n->start_at);
	if (n->reason)
		db_bind_text(s, ":reason", n->reason);
	db_bind_text(s, ":auth", n->prior_auth);
	db_bind_text(s, ":now", now);
	db_bind_text(s, ":login", login);
	return db_insert(db, s, id);
}

const char *
enc_prior_auth_check(const char *v)
{
	const char *why;

	if ((why = text_problem(v, ENC_PRIOR_AUTH_MAX, TEXT_BYTES)) != NULL)
		return why;
	if (strpbrk(v, "*:^~") != NULL)
		return "holds an X12 delimiter (* : ^ ~)";
	return NULL;
}

int
enc_prior_auth_set(struct db *db, long long id, const char *auth,
    long long *patient)
{
	sqlite3_stmt	*s = qid(db, Q_PRIOR_AUTH, id);
	int		 rc;

	*patient = 0;
	if (auth != NULL)
		sqlite3_bind_text(s, 2, auth, -1, SQLITE_TRANSIENT);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*patient = sqlite3_column_int64(s, 0);
	/* stepped to its end, so the update is done */
	while (rc == SQLITE_ROW)
		rc = db_step(db, s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	if (*patient == 0) {
		warnx("no encounter 'enc-%lld'", id);
		return EX_DATAERR;
	}
	return 0;
}

int
enc_note_get(struct db *db, long long id, char **body)
{
	sqlite3_stmt	*s = qid(db, Q_NOTE_GET, id);
	int		 rc;

	*body = NULL;
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*body = col_dup(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

int
enc_note_put(struct db *db, long long id, const char *tmpl, const char *body,
    const char *login)
{
	sqlite3_stmt	*s = q(db, Q_NOTE_PUT);
	char		 now[STAMP_LEN];

	now_stamp(now);
	db_bind_int(s, ":enc", id);
	if (tmpl)
		db_bind_text(s, ":tmpl", tmpl);
	db_bind_text(s, ":body", body);
	db_bind_text(s, ":now", now);
	db_bind_text(s, ":login", login);
	return db_exec(db, s);
}

/* A field as TSV output writes it, after a tab unless first. */
static void
field(struct buf *out, const char *v, int first)
{
	if (!first)
		buf_addc(out, '\t');
	for (const char *p = v ? v : ""; *p; p++)
		switch (*p) {
		case '\\': buf_adds(out, "\\\\"); break;
		case '\t': buf_adds(out, "\\t"); break;
		case '\n': buf_adds(out, "\\n"); break;
		case '\r': buf_adds(out, "\\r"); break;
		default: buf_addc(out, *p); break;
		}
}

static void
field_int(struct buf *out, long long v)
{
	buf_printf(out, "\t%lld", v);
}

/* Column c of s as the canonical form has it: t text, i integer, d real. */
static void
column(struct buf *out, sqlite3_stmt *s, int c, char kind)
{
	switch (kind) {
	case 'i':
		field_int(out, sqlite3_column_int64(s, c));
		break;
	case 'd':
		buf_printf(out, "\t%.17g", sqlite3_column_double(s, c));
		break;
	default:
		field(out, (const char *)sqlite3_column_text(s, c), 0);
		break;
	}
}

/* The lines after the note: a tag, then the query's columns (kinds). */
static const struct {
	const char	*tag;
	int		 q;
	const char	*cols;
} sections[] = {
	{ "dx",		Q_C_DX,		"it" },
	{ "proc",	Q_C_PROC,	"tttit" },
	{ "vitals",	Q_C_VITALS,	"tdtt" },
};

int
enc_canon(struct db *db, const struct enc *e, struct buf *out)
{
	sqlite3_stmt	*s;
	char		*body;
	int		 rc;

	if ((rc = enc_note_get(db, e->id, &body)) != 0)
		return rc;
	if (body == NULL)
		return EX_DATAERR;
	buf_adds(out, "clinix-encounter-v1\n");
	field(out, "encounter", 1);
	field_int(out, e->id);
	field_int(out, e->provider);
	field(out, e->type, 0);
	field(out, e->start_at, 0);
	field(out, e->signed_at, 0);
	field(out, e->signed_by, 0);
	buf_addc(out, '\n');
	field(out, "note", 1);
	field(out, body, 0);
	buf_addc(out, '\n');
	free(body);
	for (size_t i = 0; i < nitems(sections); i++) {
		s = qid(db, sections[i].q, e->id);
		while ((rc = db_step(db, s)) == SQLITE_ROW) {
			field(out, sections[i].tag, 1);
			for (int c = 0; sections[i].cols[c] != '\0'; c++)
				column(out, s, c, sections[i].cols[c]);
			buf_addc(out, '\n');
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
	}
	return 0;
}

void
enc_addendum_canon(long long enc, const char *signed_at,
    const char *signed_by, const char *body, struct buf *out)
{
	buf_adds(out, "clinix-addendum-v1\n");
	buf_printf(out, "%lld", enc);
	field(out, signed_at, 0);
	field(out, signed_by, 0);
	buf_addc(out, '\n');
	field(out, body, 1);
	buf_addc(out, '\n');
}

void
enc_sha256_hex(const struct buf *b, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 n = 0;

	EVP_Digest(b->s ? b->s : "", b->len, md, &n, EVP_sha256(), NULL);
	for (unsigned int i = 0; i < n && i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

int
enc_sign(struct db *db, struct enc *e, const char *login)
{
	struct buf	 b = { 0 };
	sqlite3_stmt	*s;
	char		 now[STAMP_LEN], hex[65];
	int		 rc;

	now_stamp(now);
	free(e->signed_at);
	free(e->signed_by);
	e->signed_at = xstrdup(now);
	e->signed_by = xstrdup(login);
	if ((rc = enc_canon(db, e, &b)) != 0) {
		if (rc == EX_DATAERR)
			warnx("enc-%lld has no note: write one (chart note) "
			    "before signing", e->id);
		buf_free(&b);
		return rc;
	}
	enc_sha256_hex(&b, hex);
	buf_free(&b);
	s = qid(db, Q_SIGN, e->id);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, hex, -1, SQLITE_STATIC);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	if (sqlite3_changes(db_handle(db)) != 1) {
		warnx("enc-%lld is signed already", e->id);
		return EX_DATAERR;
	}
	e->sign_hash = xstrdup(hex);
	return 0;
}

int
enc_addendum_add(struct db *db, long long enc, const char *body,
    const char *login, long long *id)
{
	struct buf	 b = { 0 };
	sqlite3_stmt	*s = q(db, Q_ADDENDUM);
	char		 now[STAMP_LEN], hex[65];

	now_stamp(now);
	enc_addendum_canon(enc, now, login, body, &b);
	enc_sha256_hex(&b, hex);
	buf_free(&b);
	db_bind_int(s, ":enc", enc);
	db_bind_text(s, ":body", body);
	db_bind_text(s, ":now", now);
	db_bind_text(s, ":login", login);
	db_bind_text(s, ":hash", hex);
	return db_insert(db, s, id);
}

sqlite3_stmt *
enc_list_stmt(struct db *db, const struct enc_filter *f)
{
	sqlite3_stmt *s = q(db, Q_LIST);

	db_bind_int(s, ":pat", f->patient);
	db_bind_int(s, ":prv", f->provider);
	db_bind_int(s, ":unsigned", f->unsigned_only);
	db_bind_text(s, ":lo", f->lo);
	db_bind_text(s, ":hi", f->hi);
	return s;
}

sqlite3_stmt *
enc_part_stmt(struct db *db, enum enc_part part, long long id)
{
	static const int qs[] = { [ENC_HEAD] = Q_HEAD, [ENC_DX] = Q_DX,
	    [ENC_PROC] = Q_PROC, [ENC_VITALS] = Q_VITALS,
	    [ENC_ADDENDA] = Q_SHOW_ADDENDA };
	return qid(db, qs[part], id);
}

/* Does signed encounter id still hash to its sign_hash? */
static int
check_one(struct db *db, long long id, void (*bad)(const char *, void *),
    void *arg)
{
	struct enc	 e;
	struct buf	 b = { 0 };
	char		 hex[65], what[96];
	int		 rc;

	if ((rc = load(db, id, &e)) != 0)
		return rc;
	rc = enc_canon(db, &e, &b);
	if (rc == EX_DATAERR) {
		snprintf(what, sizeof(what), "enc-%lld: its note is gone", id);
		bad(what, arg);
		rc = 0;
	} else if (rc == 0) {
		enc_sha256_hex(&b, hex);
		if (e.sign_hash == NULL || strcmp(hex, e.sign_hash) != 0) {
			snprintf(what, sizeof(what), "enc-%lld: content differs "
			    "from what was signed", id);
			bad(what, arg);
		}
	}
	buf_free(&b);
	enc_clear(&e);
	return rc;
}

int
enc_verify(struct db *db, void (*bad)(const char *, void *), void *arg,
    long long *n, long long *na)
{
	sqlite3_stmt	*s = q(db, Q_SIGNED);
	struct buf	 b = { 0 };
	char		 hex[65], what[96];
	int		 rc;

	*n = *na = 0;
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		(*n)++;
		if ((rc = check_one(db, sqlite3_column_int64(s, 0), bad,
		    arg)) != 0) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	s = q(db, Q_ADDENDA);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		(*na)++;
		buf_reset(&b);
		enc_addendum_canon(sqlite3_column_int64(s, 1),
		    (const char *)sqlite3_column_text(s, 3),
		    (const char *)sqlite3_column_text(s, 4),
		    (const char *)sqlite3_column_text(s, 2), &b);
		enc_sha256_hex(&b, hex);
		if (strcmp(hex, (const char *)sqlite3_column_text(s, 5)) != 0) {
			snprintf(what, sizeof(what), "enc-%lld: addendum %lld "
			    "differs from what was signed",
			    sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 0));
			bad(what, arg);
		}
	}
	sqlite3_reset(s);
	buf_free(&b);
	return rc == SQLITE_DONE ? 0 : rc;
}

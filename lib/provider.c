/*
 * provider - see provider.h.  The schema's CHECKs and UNIQUEs are the
 * last word; the checks here come first so that a refusal can say what
 * is wrong in the words people typed, and name the provider in the way.
 */
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cfg.h"
#include "date.h"
#include "db.h"
#include "hours.h"
#include "ident.h"
#include "provider.h"
#include "rec.h"
#include "user.h"
#include "util.h"

#define NOW	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

enum {
	Q_ADD, Q_LIST, Q_SHOW, Q_FIND, Q_BY_LOGIN, Q_EDIT, Q_SET_ACTIVE,
	Q_HOURS_CLEAR, Q_HOURS_ADD, Q_HOURS_LIST,
	Q_OFF_ADD, Q_OFF_LIST, Q_OFF_IN, Q_OFF_DELETE, Q_OFF_SET, Q_OFF_SPLIT,
	Q_VT_ADD, Q_VT_LIST, Q_VT_FIND, Q_VT_SET_ACTIVE,
	Q_RES_ADD, Q_RES_LIST, Q_RES_FIND, Q_RES_SET_ACTIVE,
};

const struct query provider_queries[] = {
	[Q_ADD] = { "provider.add",
	    "INSERT INTO provider (name, npi, taxonomy, credential, login,"
	    " created_at) VALUES (:name, :npi, :taxonomy, :cred, :login, "
	    NOW ")" },
	[Q_LIST] = { "provider.list",
	    "SELECT 'prv-' || id AS id, npi, name, credential, taxonomy, login,"
	    " CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active, created_at"
	    " FROM provider ORDER BY provider.id" },
	[Q_SHOW] = { "provider.show",	/* the columns of provider.list */
	    "SELECT 'prv-' || id AS id, npi, name, credential, taxonomy, login,"
	    " CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active, created_at"
	    " FROM provider WHERE provider.id = :id" },
	/* :id from a prv- id, or :key an NPI; columns id, active */
	[Q_FIND] = { "provider.find",
	    "SELECT id, active FROM provider WHERE id = :id OR npi = :key" },
	[Q_BY_LOGIN] = { "provider.by_login",
	    "SELECT id FROM provider WHERE login = :login" },
	/* NULL keeps a field; '' clears credential, login */
	[Q_EDIT] = { "provider.edit",
	    "UPDATE provider SET name = coalesce(:name, name),"
	    " npi = coalesce(:npi, npi),"
	    " taxonomy = coalesce(:taxonomy, taxonomy),"
	    " credential = CASE WHEN :cred IS NULL THEN credential"
	    " ELSE nullif(:cred, '') END,"
	    " login = CASE WHEN :login IS NULL THEN login"
	    " ELSE nullif(:login, '') END"
	    " WHERE id = :id" },
	[Q_SET_ACTIVE] = { "provider.set_active",
	    "UPDATE provider SET active = :active WHERE id = :id" },
	[Q_HOURS_CLEAR] = { "provider.hours_clear",
	    "DELETE FROM provider_hours WHERE provider_id = :id"
	    " AND weekday = :day" },
	[Q_HOURS_ADD] = { "provider.hours_add",
	    "INSERT INTO provider_hours (provider_id, weekday, start_min,"
	    " end_min) VALUES (:id, :day, :start, :end)" },
	[Q_HOURS_LIST] = { "provider.hours_list",
	    "SELECT 'prv-' || provider_id AS id,"
	    " substr('montuewedthufrisatsun', 3 * weekday - 2, 3) AS day,"
	    " printf('%02d:%02d', start_min / 60, start_min % 60) AS start,"
	    " printf('%02d:%02d', end_min / 60, end_min % 60) AS \"end\""
	    " FROM provider_hours WHERE provider_id = :id"
	    " ORDER BY provider_hours.weekday, provider_hours.start_min" },
	[Q_OFF_ADD] = { "provider.off_add",
	    "INSERT INTO provider_off (provider_id, from_date, to_date, reason,"
	    " created_at) VALUES (:id, :from, :to, :reason, " NOW ")" },
	[Q_OFF_LIST] = { "provider.off_list",
	    "SELECT 'off-' || id AS id, 'prv-' || provider_id AS provider,"
	    " from_date, to_date, reason FROM provider_off"
	    " WHERE provider_id = :id"
	    " ORDER BY provider_off.from_date, provider_off.id" },
	/* days off touching :from..:to; columns id, from_date, to_date */
	[Q_OFF_IN] = { "provider.off_in",
	    "SELECT id, from_date, to_date FROM provider_off"
	    " WHERE provider_id = :id AND from_date <= :to AND to_date >= :from"
	    " ORDER BY provider_off.from_date, provider_off.id" },
	[Q_OFF_DELETE] = { "provider.off_delete",
	    "DELETE FROM provider_off WHERE id = :id" },
	[Q_OFF_SET] = { "provider.off_set",
	    "UPDATE provider_off SET from_date = :from, to_date = :to"
	    " WHERE id = :id" },
	/* the days :from..:to of off-:id, after a span given back */
	[Q_OFF_SPLIT] = { "provider.off_split",
	    "INSERT INTO provider_off (provider_id, from_date, to_date, reason,"
	    " created_at) SELECT provider_id, :from, :to, reason, " NOW
	    " FROM provider_off WHERE id = :id" },
	[Q_VT_ADD] = { "visit_type.add",
	    "INSERT INTO visit_type (name, minutes, created_at)"
	    " VALUES (:name, :minutes, " NOW ")" },
	[Q_VT_LIST] = { "visit_type.list",
	    "SELECT 'vt-' || id AS id, name, minutes,"
	    " CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active"
	    " FROM visit_type ORDER BY visit_type.id" },
	/* :id from a vt- id, or :key a name; columns id, minutes, active */
	[Q_VT_FIND] = { "visit_type.find",
	    "SELECT id, minutes, active FROM visit_type"
	    " WHERE id = :id OR name = :key" },
	[Q_VT_SET_ACTIVE] = { "visit_type.set_active",
	    "UPDATE visit_type SET active = :active WHERE id = :id" },
	[Q_RES_ADD] = { "resource.add",
	    "INSERT INTO resource (name, kind, created_at)"
	    " VALUES (:name, :kind, " NOW ")" },
	[Q_RES_LIST] = { "resource.list",
	    "SELECT 'res-' || id AS id, name, kind,"
	    " CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active"
	    " FROM resource ORDER BY resource.id" },
	/* :id from a res- id, or :key a name; columns id, active */
	[Q_RES_FIND] = { "resource.find",
	    "SELECT id, active FROM resource WHERE id = :id OR name = :key" },
	[Q_RES_SET_ACTIVE] = { "resource.set_active",
	    "UPDATE resource SET active = :active WHERE id = :id" },
	{ NULL, NULL }
};

const char *
prv_bad_name(const char *s)
{
	return text_problem(s, PRV_NAME_MAX, TEXT_BYTES);
}

/* ident_npi says only yes or no; people need to know which rule. */
const char *
prv_bad_npi(const char *s)
{
	if (strlen(s) != 10 || strspn(s, "0123456789") != 10)
		return "must be 10 digits";
	if (*s != '1' && *s != '2')
		return "must start with 1 or 2";
	if (!ident_npi(s))
		return "wrong check digit";
	return NULL;
}

int
prv_check(const struct prv_fields *f)
{
	const char *why;

	if (f->name && (why = prv_bad_name(f->name)) != NULL) {
		warnx("name: %s", why);
		return EX_DATAERR;
	}
	if (f->npi && (why = prv_bad_npi(f->npi)) != NULL) {
		warnx("npi '%s': %s", f->npi, why);
		return EX_DATAERR;
	}
	if (f->taxonomy && !ident_taxonomy(f->taxonomy)) {
		warnx("taxonomy '%s': must be 3 digits, 6 digits or capital "
		    "letters, then X (e.g. 207Q00000X)", f->taxonomy);
		return EX_DATAERR;
	}
	/* an empty credential means none (edit: clear it) */
	if (f->cred && *f->cred &&
	    (why = text_problem(f->cred, PRV_CRED_MAX, TEXT_BYTES)) != NULL) {
		warnx("credential: %s", why);
		return EX_DATAERR;
	}
	return 0;
}

/*
 * Run query q with :id the row id of a kind- id or :key the key as
 * typed; the first columns are id, then (extra) one more integer, then
 * active.
 */
static int
find(struct db *db, int q, const char *kind, const char *key,
    long long *id, int *extra, int *active)
{
	sqlite3_stmt	*s = db_query(db, &provider_queries[q]);
	int		 rc;

	if (db_bind_key(s, kind, key, ":id", ":key") != 0 && rec_is_id(key))
		return EX_DATAERR;	/* pat-3 where a prv- was wanted */
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		int c = 0;

		*id = sqlite3_column_int64(s, c++);
		if (extra)
			*extra = sqlite3_column_int(s, c++);
		if (active)
			*active = sqlite3_column_int(s, c);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return EX_DATAERR;
	return rc == SQLITE_ROW ? 0 : rc;
}

int
prv_find(struct db *db, const char *key, long long *id, int *active)
{
	return find(db, Q_FIND, "prv", key, id, NULL, active);
}

int
vtype_find(struct db *db, const char *key, long long *id, int *minutes,
    int *active)
{
	int m;

	return find(db, Q_VT_FIND, "vt", key, id, minutes ? minutes : &m,
	    active);
}

int
resource_find(struct db *db, const char *key, long long *id, int *active)
{
	return find(db, Q_RES_FIND, "res", key, id, NULL, active);
}

/*
 * The first column of the row s finds with v bound to param: a row id,
 * 0 when there is no row, or minus a sysexits code.
 */
static long long
lookup(struct db *db, sqlite3_stmt *s, const char *param, const char *v)
{
	long long	 id = 0;
	int		 rc;

	db_bind_text(s, param, v);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -rc;
	return id;
}

/* The uniqueness rules (see provider.h); self is 0 when adding. */
static int
check_unique(struct db *db, long long self, const char *npi,
    const char *login)
{
	long long	 other;

	if (npi) {
		if ((other = lookup(db, db_query(db,
		    &provider_queries[Q_FIND]), ":key", npi)) < 0)
			return (int)-other;
		if (other != 0 && other != self) {
			warnx("npi '%s' is already prv-%lld", npi, other);
			return EX_DATAERR;
		}
	}
	if (login && *login) {
		struct user	u;
		int		rc = user_by_login(db, login, &u);

		if (rc == EX_DATAERR) {
			warnx("login: no clinix user '%s'", login);
			return EX_DATAERR;
		}
		if (rc != 0)
			return rc;
		if ((other = lookup(db, db_query(db,
		    &provider_queries[Q_BY_LOGIN]), ":login", login)) < 0)
			return (int)-other;
		if (other != 0 && other != self) {
			warnx("login: user '%s' is already prv-%lld", login,
			    other);
			return EX_DATAERR;
		}
	}
	return 0;
}

/* Step a write; a constraint the checks missed is still bad data. */
static int
write_step(struct db *db, sqlite3_stmt *s, const char *what, long long *id)
{
	int rc;

	if ((rc = db_write(db, s, what, id)) == -1) {
		warnx("%s: %s", what, sqlite3_errmsg(db_handle(db)));
		return EX_DATAERR;
	}
	return rc;
}

/* "" is NULL: an empty credential or login is none. */
static const char *
nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

int
prv_add(struct db *db, const struct prv_fields *f, long long *id)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((rc = check_unique(db, 0, f->npi, f->login)) != 0)
		return rc;
	s = db_query(db, &provider_queries[Q_ADD]);
	db_bind_text(s, ":name", f->name);
	db_bind_text(s, ":npi", f->npi);
	db_bind_text(s, ":taxonomy", f->taxonomy);
	db_bind_text(s, ":cred", nonempty(f->cred));
	db_bind_text(s, ":login", nonempty(f->login));
	return write_step(db, s, "provider add", id);
}

int
prv_edit(struct db *db, long long self, const struct prv_fields *f)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((rc = check_unique(db, self, f->npi, f->login)) != 0)
		return rc;
	s = db_query(db, &provider_queries[Q_EDIT]);
	db_bind_int(s, ":id", self);
	db_bind_text(s, ":name", f->name);
	db_bind_text(s, ":npi", f->npi);
	db_bind_text(s, ":taxonomy", f->taxonomy);
	db_bind_text(s, ":cred", f->cred);
	db_bind_text(s, ":login", f->login);
	return write_step(db, s, "provider edit", NULL);
}

/* UPDATE ... SET active = :active WHERE id = :id */
static int
set_active(struct db *db, int q, long long id, int active, const char *what)
{
	sqlite3_stmt *s = db_query(db, &provider_queries[q]);

	db_bind_int(s, ":id", id);
	db_bind_int(s, ":active", active);
	return write_step(db, s, what, NULL);
}

int
prv_set_active(struct db *db, long long id, int active)
{
	return set_active(db, Q_SET_ACTIVE, id, active, active ?
	    "provider activate" : "provider deactivate");
}

int
prv_hours_set(struct db *db, long long id, unsigned days,
    const struct hours_range *r, int n)
{
	sqlite3_stmt	*s;
	int		 rc;

	for (int d = 1; d <= 7; d++) {
		if (!(days & (1u << d)))
			continue;
		s = db_query(db, &provider_queries[Q_HOURS_CLEAR]);
		db_bind_int(s, ":id", id);
		db_bind_int(s, ":day", d);
		rc = write_step(db, s, "provider hours", NULL);
		if (rc != 0)
			return rc;
		for (int i = 0; i < n; i++) {
			s = db_query(db, &provider_queries[Q_HOURS_ADD]);
			db_bind_int(s, ":id", id);
			db_bind_int(s, ":day", d);
			db_bind_int(s, ":start", r[i].start);
			db_bind_int(s, ":end", r[i].end);
			rc = write_step(db, s, "provider hours", NULL);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

int
prv_off_add(struct db *db, long long prv, const char *from, const char *to,
    const char *reason, long long *id)
{
	sqlite3_stmt	*s = db_query(db, &provider_queries[Q_OFF_ADD]);

	db_bind_int(s, ":id", prv);
	db_bind_text(s, ":from", from);
	db_bind_text(s, ":to", to);
	db_bind_text(s, ":reason", reason);
	return write_step(db, s, "provider off", id);
}

/* Set off-id's days to from..to, or delete it when from is NULL. */
static int
off_set(struct db *db, long long id, const char *from, const char *to)
{
	sqlite3_stmt *s;

	s = db_query(db, &provider_queries[from ? Q_OFF_SET : Q_OFF_DELETE]);
	db_bind_int(s, ":id", id);
	if (from) {
		db_bind_text(s, ":from", from);
		db_bind_text(s, ":to", to);
	}
	return write_step(db, s, "provider off --remove", NULL);
}

struct off {
	long long	 id;
	char		 from[DATE_LEN], to[DATE_LEN];
};

/* Provider prv's days off that touch from..to, into *o (owned). */
static int
offs_in(struct db *db, long long prv, const char *from, const char *to,
    struct off **o, size_t *n)
{
	sqlite3_stmt	*s = db_query(db, &provider_queries[Q_OFF_IN]);
	size_t		 cap = 0;
	int		 rc;

	*o = NULL;
	*n = 0;
	db_bind_int(s, ":id", prv);
	db_bind_text(s, ":from", from);
	db_bind_text(s, ":to", to);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*o = xrealloc(*o, cap * sizeof(**o));
		}
		(*o)[*n].id = sqlite3_column_int64(s, 0);
		snprintf((*o)[*n].from, DATE_LEN, "%s",
		    sqlite3_column_text(s, 1));
		snprintf((*o)[*n].to, DATE_LEN, "%s",
		    sqlite3_column_text(s, 2));
		(*n)++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

int
prv_off_remove(struct db *db, long long prv, const char *from,
    const char *to, struct prv_off_change **out, size_t *nout)
{
	struct prv_off_change	*c;
	struct off		*o;
	size_t			 n;
	char			 before[DATE_LEN], after[DATE_LEN];
	int			 rc;

	*out = NULL;
	*nout = 0;
	/* read them all first: the changes below must not move the cursor */
	if ((rc = offs_in(db, prv, from, to, &o, &n)) != 0)
		return rc;
	if (n == 0) {
		if (strcmp(from, to) == 0)
			warnx("prv-%lld has no day off on %s", prv, from);
		else
			warnx("prv-%lld has no day off from %s to %s", prv,
			    from, to);
		return 1;
	}
	if (date_add(from, -1, 0, before) == -1 ||
	    date_add(to, 1, 0, after) == -1) {
		warnx("date: %s..%s: cannot count days", from, to);
		free(o);
		return EX_DATAERR;
	}
	c = xcalloc(n, sizeof(*c));
	for (size_t i = 0; i < n; i++) {
		int keep_head = strcmp(o[i].from, from) < 0;
		int keep_tail = strcmp(o[i].to, to) > 0;

		c[i].id = o[i].id;
		if (keep_head && keep_tail) {
			sqlite3_stmt *s = db_query(db,
			    &provider_queries[Q_OFF_SPLIT]);

			db_bind_int(s, ":id", o[i].id);
			db_bind_text(s, ":from", after);
			db_bind_text(s, ":to", o[i].to);
			if ((rc = write_step(db, s, "provider off --remove",
			    &c[i].half)) != 0)
				break;
			if ((rc = off_set(db, o[i].id, o[i].from,
			    before)) != 0)
				break;
			snprintf(c[i].left, sizeof(c[i].left),
			    "%s..%s and off-%lld %s..%s", o[i].from, before,
			    c[i].half, after, o[i].to);
			continue;
		}
		if (keep_head)
			rc = off_set(db, o[i].id, o[i].from, before);
		else if (keep_tail)
			rc = off_set(db, o[i].id, after, o[i].to);
		else
			rc = off_set(db, o[i].id, NULL, NULL);
		if (rc != 0)
			break;
		if (keep_head || keep_tail)
			snprintf(c[i].left, sizeof(c[i].left), "%s..%s",
			    keep_head ? o[i].from : after,
			    keep_head ? before : o[i].to);
		else
			snprintf(c[i].left, sizeof(c[i].left), "none");
	}
	free(o);
	if (rc != 0) {
		free(c);
		return rc;
	}
	*out = c;
	*nout = n;
	return 0;
}

/* Insert a named row; a taken name is 65 with kind in the message. */
static int
add_named(struct db *db, sqlite3_stmt *s, const char *kind,
    const char *name, long long *id)
{
	int rc;

	if ((rc = db_write(db, s, kind, id)) == -1) {
		warnx("%s '%s' already exists", kind, name);
		return EX_DATAERR;
	}
	return rc;
}

int
vtype_add(struct db *db, const char *name, int minutes, long long *id)
{
	sqlite3_stmt *s = db_query(db, &provider_queries[Q_VT_ADD]);

	db_bind_text(s, ":name", name);
	db_bind_int(s, ":minutes", minutes);
	return add_named(db, s, "visit type", name, id);
}

int
resource_add(struct db *db, const char *name, const char *kind,
    long long *id)
{
	sqlite3_stmt *s = db_query(db, &provider_queries[Q_RES_ADD]);

	db_bind_text(s, ":name", name);
	db_bind_text(s, ":kind", kind);
	return add_named(db, s, "resource", name, id);
}

int
vtype_set_active(struct db *db, long long id, int active)
{
	return set_active(db, Q_VT_SET_ACTIVE, id, active, "visit type");
}

int
resource_set_active(struct db *db, long long id, int active)
{
	return set_active(db, Q_RES_SET_ACTIVE, id, active, "resource");
}

sqlite3_stmt *
prv_list(struct db *db)
{
	return db_query(db, &provider_queries[Q_LIST]);
}

sqlite3_stmt *
prv_show(struct db *db, long long id)
{
	return db_query_id(db, &provider_queries[Q_SHOW], id);
}

sqlite3_stmt *
prv_hours_list(struct db *db, long long id)
{
	return db_query_id(db, &provider_queries[Q_HOURS_LIST], id);
}

sqlite3_stmt *
prv_off_list(struct db *db, long long id)
{
	return db_query_id(db, &provider_queries[Q_OFF_LIST], id);
}

sqlite3_stmt *
vtype_list(struct db *db)
{
	return db_query(db, &provider_queries[Q_VT_LIST]);
}

sqlite3_stmt *
resource_list(struct db *db)
{
	return db_query(db, &provider_queries[Q_RES_LIST]);
}

const char *const prv_clinic_cols[PRV_CLINIC_NCOLS] = { "name", "npi",
    "tax_id", "address1", "city", "state", "zip", "phone" };

/* Say what is wrong with clinic.KEY in the config at path. */
static void __attribute__((format(printf, 4, 5)))
bad_key(int *bad, const char *path, const char *key, const char *fmt, ...)
{
	va_list	ap;
	char	why[256];

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	warnx("%s: clinic.%s: %s", path, key, why);
	*bad = 1;
}

/* An unset or empty config value. */
static int
unset(const char *v)
{
	return v == NULL || *v == '\0';
}

int
prv_clinic(const struct cfg *c, struct prv_clinic *out)
{
	const char	*why, *tax, *z;
	int		 bad = 0;

	if (unset(c->clinic_name))
		bad_key(&bad, c->path, "name", "missing");
	if (unset(c->clinic_npi))
		bad_key(&bad, c->path, "npi", "missing: the group NPI claims "
		    "are billed under");
	else if ((why = prv_bad_npi(c->clinic_npi)) != NULL)
		bad_key(&bad, c->path, "npi", "'%s': %s", c->clinic_npi, why);
	tax = c->clinic_tax_id;
	if (unset(tax))
		bad_key(&bad, c->path, "tax_id", "missing");
	else if (ident_ein(tax, out->ein))
		tax = out->ein;
	else
		bad_key(&bad, c->path, "tax_id", "'%s': must be 9 digits, as "
		    "123456789 or 12-3456789", tax);
	if (unset(c->clinic_address1))
		bad_key(&bad, c->path, "address1", "missing");
	if (unset(c->clinic_city))
		bad_key(&bad, c->path, "city", "missing");
	if (unset(c->clinic_state))
		bad_key(&bad, c->path, "state", "missing");
	z = c->clinic_zip;
	if (unset(z))
		bad_key(&bad, c->path, "zip", "missing");
	else if (ident_zip(z, out->zip))
		z = out->zip;
	else
		bad_key(&bad, c->path, "zip", "'%s': must be 5 or 9 digits, "
		    "as 12345 or 12345-6789", z);
	out->v[0] = c->clinic_name;
	out->v[1] = c->clinic_npi;
	out->v[2] = tax;
	out->v[3] = c->clinic_address1;
	out->v[4] = c->clinic_city;
	out->v[5] = c->clinic_state;
	out->v[6] = z;
	out->v[7] = c->clinic_phone;
	return bad ? EX_CONFIG : 0;
}

/*
 * user - see user.h.  The last-admin rule lives in the schema's triggers
 * (share/schema/001-initial.sql), so that no writer can get round it;
 * here a constraint failure on a change is that rule speaking.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "db.h"
#include "user.h"
#include "util.h"

enum { Q_ADD, Q_LIST, Q_FIND, Q_SET_ROLE, Q_SET_ACTIVE, Q_BY_LOGIN };

const struct query user_queries[] = {
	[Q_ADD] = { "user.add",
	    "INSERT INTO user (login, name, role, created_at)"
	    " VALUES (:login, :name, :role,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))" },
	[Q_LIST] = { "user.list",
	    "SELECT 'usr-' || id AS id, login, name, role,"
	    " CASE active WHEN 1 THEN 'yes' ELSE 'no' END AS active,"
	    " created_at FROM user ORDER BY user.id" },
	[Q_FIND] = { "user.find",	/* :id a row id from a usr- id */
	    "SELECT id, login, role, active FROM user"
	    " WHERE login = :login OR id = :id" },
	[Q_SET_ROLE] = { "user.set_role",
	    "UPDATE user SET role = :role WHERE id = :id" },
	[Q_SET_ACTIVE] = { "user.set_active",
	    "UPDATE user SET active = :active WHERE id = :id" },
	/* every program, at start (lib/auth.c); bench/baseline.h too */
	[Q_BY_LOGIN] = { "user.by_login",
	    "SELECT id, role, active FROM user WHERE login = ?1" },
	{ NULL, NULL }
};

const char *
user_bad_login(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32)
		return "must be 1 to 32 characters";
	if (!(islower((unsigned char)*s) || *s == '_'))
		return "must start with a lower-case letter or '_'";
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    strchr("_.-", *s) == NULL)
			return "may hold only a-z, 0-9, '_', '.' and '-'";
	return NULL;
}

const char *
user_bad_name(const char *s)
{
	return s == NULL ? NULL : text_problem(s, USER_NAME_MAX, TEXT_BYTES);
}

int
user_add(struct db *db, const char *login, const char *role,
    const char *name, long long *id)
{
	sqlite3_stmt	*s = db_query(db, &user_queries[Q_ADD]);
	int		 rc;

	db_bind_text(s, ":login", login);
	db_bind_text(s, ":name", name);
	db_bind_text(s, ":role", role);
	/* a taken login is the caller's to report */
	rc = db_write(db, s, "user add", id);
	return rc == -1 ? EX_DATAERR : rc;
}

int
user_by_login(struct db *db, const char *login, struct user *u)
{
	sqlite3_stmt	*s = db_query(db, &user_queries[Q_BY_LOGIN]);
	int		 rc;

	memset(u, 0, sizeof(*u));
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		u->id = sqlite3_column_int64(s, 0);
		snprintf(u->login, sizeof(u->login), "%s", login);
		snprintf(u->role, sizeof(u->role), "%s",
		    (const char *)sqlite3_column_text(s, 1));
		u->active = sqlite3_column_int(s, 2);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return EX_DATAERR;
	return rc == SQLITE_ROW ? 0 : rc;
}

int
user_find(struct db *db, const char *who, struct user *u)
{
	sqlite3_stmt	*s = db_query(db, &user_queries[Q_FIND]);
	int		 rc;

	db_bind_key(s, "usr", who, ":id", ":login");
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		u->id = sqlite3_column_int64(s, 0);
		snprintf(u->login, sizeof(u->login), "%s",
		    sqlite3_column_text(s, 1));
		snprintf(u->role, sizeof(u->role), "%s",
		    sqlite3_column_text(s, 2));
		u->active = sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		warnx("no user '%s'", who);
		return EX_DATAERR;
	}
	return rc == SQLITE_ROW ? 0 : rc;
}

/* Run a change of u; the triggers' refusal is the last-admin rule. */
static int
change(struct db *db, sqlite3_stmt *s, const struct user *u)
{
	int rc;

	db_bind_int(s, ":id", u->id);
	if ((rc = db_write(db, s, "user", NULL)) == -1) {
		warnx("'%s' is the last active admin: add another admin first",
		    u->login);
		return EX_DATAERR;
	}
	return rc;
}

int
user_set_role(struct db *db, const struct user *u, const char *role)
{
	sqlite3_stmt *s = db_query(db, &user_queries[Q_SET_ROLE]);

	db_bind_text(s, ":role", role);
	return change(db, s, u);
}

int
user_set_active(struct db *db, const struct user *u, int active)
{
	sqlite3_stmt *s = db_query(db, &user_queries[Q_SET_ACTIVE]);

	db_bind_int(s, ":active", active);
	return change(db, s, u);
}

sqlite3_stmt *
user_list(struct db *db)
{
	return db_query(db, &user_queries[Q_LIST]);
}

/*
 * user - clinix users: a login (the Unix login the person runs the
 * programs as), a role, and whether the user may still work.  The schema
 * keeps one active admin at all times; this module turns its refusal into
 * a message.
 */
#ifndef CLINIX_USER_H
#define CLINIX_USER_H

#include <sqlite3.h>

struct db;

#define USER_NAME_MAX	200
/* The roles, for messages */
#define USER_ROLES	"admin, provider, nurse, frontdesk, billing"

struct user {
	long long	 id;
	char		 login[65];
	char		 role[16];
	int		 active;
};

/* Why a login (a name, NULL allowed) is unacceptable, or NULL. */
const char *user_bad_login(const char *);
const char *user_bad_name(const char *);

/*
 * A new user; *id its row id.  65 with no message when the login is
 * taken: the caller says so in its own words.  Else 0 or a sysexits code.
 */
int	 user_add(struct db *, const char *login, const char *role,
	    const char *name, long long *id);
/* By login only: 0, or 65 with no message when there is none. */
int	 user_by_login(struct db *, const char *login, struct user *);
/* By login or usr- id: 0, or 65 after "no user 'who'". */
int	 user_find(struct db *, const char *who, struct user *);
/* 0, or 65 after saying u is the last active admin, or a sysexits code. */
int	 user_set_role(struct db *, const struct user *u, const char *role);
int	 user_set_active(struct db *, const struct user *u, int active);
/* Every user, for out_stmt: id, login, name, role, active, created_at. */
sqlite3_stmt *user_list(struct db *);

#endif

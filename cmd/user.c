/*
 * user - clinix users and their roles (admin only)
 *	user add LOGIN --role ROLE [--name NAME]
 *	user list | set-role USER ROLE | disable USER | enable USER
 *	user import [--keep-going] FILE.csv
 * A user is named by login or usr- id.  A clinix login is the Unix login
 * the person runs the programs as; the last active admin always stays.
 */
#include <ctype.h>
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "csvio.h"
#include "rec.h"
#include "util.h"

#define NAME_MAX_LEN	200

/* Why a login, role or name is unacceptable, or NULL when all is well. */
static const char *
bad_login(const char *s)
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

static const char *
bad_name(const char *s)
{
	return s == NULL ? NULL : text_problem(s, NAME_MAX_LEN, TEXT_BYTES);
}

/* 65 when the login is taken; the caller says so, with its own context. */
static int
insert(struct app *app, const char *login, const char *role, const char *name,
    long long *id)
{
	sqlite3_stmt	*s = db_stmt(app->db, SQL_USER_ADD);
	int		 rc;

	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, role, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		sqlite3_reset(s);
		if (rc == SQLITE_CONSTRAINT)
			return EX_DATAERR;
		return db_fail(app->db, rc, "user add");
	}
	sqlite3_reset(s);
	*id = sqlite3_last_insert_rowid(db_handle(app->db));
	return 0;
}

static int
verb_add(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*role = NULL, *name = NULL, *why;
	enum role	 r;
	long long	 id;
	char		 rec[32];
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "r:n:", longopts, NULL)) != -1)
		switch (ch) {
		case 'r': role = optarg; break;
		case 'n': name = optarg; break;
		default: return EX_USAGE;
		}
	argc -= optind;
	argv += optind;
	if (argc != 1 || role == NULL) {
		warnx(argc != 1 ? "give one login" : "give a --role");
		return EX_USAGE;
	}
	if (auth_role_parse(role, &r) == -1) {
		warnx("unknown role '%s' (admin, provider, nurse, frontdesk, "
		    "billing)", role);
		return EX_USAGE;
	}
	if ((why = bad_login(argv[0])) != NULL) {
		warnx("login: %s", why);
		return EX_DATAERR;
	}
	if ((why = bad_name(name)) != NULL) {
		warnx("name: %s", why);
		return EX_DATAERR;
	}
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_USERS)))
		return rc;
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = insert(app, argv[0], role, name, &id)) == EX_DATAERR)
		warnx("user '%s' already exists", argv[0]);
	else if (rc == 0) {
		snprintf(rec, sizeof(rec), "usr-%lld", id);
		rc = app_log(app, 0, rec, role);
	}
	if (rc != 0 || (rc = app_commit(app)) != 0) {
		app_rollback(app);
		return rc;
	}
	printf("usr-%lld\n", id);
	return 0;
}

static int
verb_list(int argc, char *argv[], struct app *app)
{
	long	n;
	int	rc;

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_USERS)))
		return rc;
	n = out_stmt(app->out, db_stmt(app->db, SQL_USER_LIST), NULL, NULL);
	return n < 0 ? (int)-n : 0;
}

struct found {
	long long	 id;
	char		 login[65];
	char		 role[16];
	int		 active;
};

/* A user by login or usr- id: 0, or 65 when there is none. */
static int
find(struct app *app, const char *who, struct found *f)
{
	sqlite3_stmt	*s = db_stmt(app->db, SQL_USER_FIND);
	long long	 id = 0;
	int		 rc;

	if (rec_id_parse(who, "usr", &id) == 0)
		sqlite3_bind_int64(s, 2, id);
	else
		sqlite3_bind_text(s, 1, who, -1, SQLITE_STATIC);
	if ((rc = db_step(app->db, s)) == SQLITE_ROW) {
		f->id = sqlite3_column_int64(s, 0);
		snprintf(f->login, sizeof(f->login), "%s",
		    sqlite3_column_text(s, 1));
		snprintf(f->role, sizeof(f->role), "%s",
		    sqlite3_column_text(s, 2));
		f->active = sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		warnx("no user '%s'", who);
		return EX_DATAERR;
	}
	return rc == SQLITE_ROW ? 0 : rc;
}

/* Change one user: set-role (role != NULL) or enable/disable. */
static int
change(struct app *app, const char *who, const char *role, int active)
{
	struct found	 f;
	sqlite3_stmt	*s;
	char		 rec[32];
	int		 rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_USERS)))
		return rc;
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = find(app, who, &f)) != 0)
		goto fail;
	if (role) {
		s = db_stmt(app->db, SQL_USER_SET_ROLE);
		sqlite3_bind_text(s, 2, role, -1, SQLITE_STATIC);
	} else {
		s = db_stmt(app->db, SQL_USER_SET_ACTIVE);
		sqlite3_bind_int(s, 2, active);
	}
	sqlite3_bind_int64(s, 1, f.id);
	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		sqlite3_reset(s);
		if (rc == SQLITE_CONSTRAINT) {
			warnx("'%s' is the last active admin: add another "
			    "admin first", f.login);
			rc = EX_DATAERR;
		} else
			rc = db_fail(app->db, rc, "user");
		goto fail;
	}
	sqlite3_reset(s);
	snprintf(rec, sizeof(rec), "usr-%lld", f.id);
	if ((rc = app_log(app, 0, rec, role ? role : active ? "enabled" :
	    "disabled")) != 0 || (rc = app_commit(app)) != 0)
		goto fail;
	printf("%s\n", rec);
	return 0;
fail:
	app_rollback(app);
	return rc;
}

static int
verb_set_role(int argc, char *argv[], struct app *app)
{
	enum role r;

	if (argc != 3)
		return EX_USAGE;
	if (auth_role_parse(argv[2], &r) == -1) {
		warnx("unknown role '%s' (admin, provider, nurse, frontdesk, "
		    "billing)", argv[2]);
		return EX_USAGE;
	}
	return change(app, argv[1], argv[2], 1);
}

static int
verb_disable(int argc, char *argv[], struct app *app)
{
	if (argc != 2)
		return EX_USAGE;
	return change(app, argv[1], NULL, 0);
}

static int
verb_enable(int argc, char *argv[], struct app *app)
{
	if (argc != 2)
		return EX_USAGE;
	return change(app, argv[1], NULL, 1);
}

/* One validated CSV row, kept until the whole file has been checked. */
struct urow {
	char	*login, *role, *name;	/* owned */
	size_t	 line;
};

static int
verb_import(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "keep-going", no_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct csvin	*in = NULL;
	struct csvrec	 r;
	struct urow	*rows = NULL;
	size_t		 n = 0, cap = 0, bad = 0;
	int		 col[3] = { -1, -1, -1 }, keep = 0, ch, rc, got;
	static const char *const fields[3] = { "login", "role", "name" };
	enum role	 role;
	long long	 id;

	while ((ch = getopt_long(argc, argv, "k", longopts, NULL)) != -1)
		switch (ch) {
		case 'k': keep = 1; break;
		default: return EX_USAGE;
		}
	if (argc - optind != 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_USERS)))
		return rc;
	if ((rc = csvin_open(&in, argv[optind])) != 0)
		return rc;
	if ((got = csvin_next(in, &r)) != 1) {
		if (got == 0)
			warnx("%s: empty file", csvin_name(in));
		csvin_close(in);
		return got == 0 ? EX_DATAERR : got;
	}
	for (size_t i = 0; i < r.n; i++)
		for (int k = 0; k < 3; k++)
			if (strcmp(r.f[i], fields[k]) == 0)
				col[k] = (int)i;
	if (col[0] < 0 || col[1] < 0) {
		warnx("%s:%zu: the header must name 'login' and 'role'",
		    csvin_name(in), r.line);
		csvin_close(in);
		return EX_DATAERR;
	}
	/* validate every row before writing any */
	while ((got = csvin_next(in, &r)) == 1) {
		const char *login = (size_t)col[0] < r.n ? r.f[col[0]] : "";
		const char *rl = (size_t)col[1] < r.n ? r.f[col[1]] : "";
		const char *name = col[2] >= 0 && (size_t)col[2] < r.n &&
		    *r.f[col[2]] ? r.f[col[2]] : NULL;
		const char *why, *field = "login";

		if ((why = bad_login(login)) == NULL) {
			field = "role";
			if (auth_role_parse(rl, &role) == -1)
				why = "not a role (admin, provider, nurse, "
				    "frontdesk, billing)";
			else if ((why = bad_name(name)) != NULL)
				field = "name";
		}
		for (size_t i = 0; why == NULL && i < n; i++)
			if (strcmp(rows[i].login, login) == 0) {
				field = "login";
				why = "appears twice in the file";
			}
		if (why) {
			warnx("%s:%zu: %s: %s", csvin_name(in), r.line, field,
			    why);
			bad++;
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			rows = xrealloc(rows, cap * sizeof(*rows));
		}
		rows[n].login = xstrdup(login);
		rows[n].role = xstrdup(rl);
		rows[n].name = name ? xstrdup(name) : NULL;
		rows[n++].line = r.line;
	}
	rc = got;	/* 0 at the end of the file, else a read error */
	if (rc == 0 && bad > 0 && !keep)
		rc = EX_DATAERR;
	if (rc == 0 && (rc = app_begin(app)) == 0) {
		for (size_t i = 0; i < n && (rc == 0 || rc == EX_DATAERR); i++) {
			int one = insert(app, rows[i].login, rows[i].role,
			    rows[i].name, &id);
			char rec[32];

			if (one == EX_DATAERR) {
				warnx("%s:%zu: login: already a user",
				    csvin_name(in), rows[i].line);
				bad++;
				rc = keep ? 0 : EX_DATAERR;
				continue;
			}
			if (one != 0) {
				rc = one;
				break;
			}
			snprintf(rec, sizeof(rec), "usr-%lld", id);
			if ((rc = app_log(app, 0, rec, rows[i].role)) == 0)
				printf("%s\n", rec);
		}
		if (rc == 0)
			rc = app_commit(app);
		else
			app_rollback(app);
	}
	if (rc != 0 && !keep)
		warnx("nothing imported");
	for (size_t i = 0; i < n; i++) {
		free(rows[i].login);
		free(rows[i].role);
		free(rows[i].name);
	}
	free(rows);
	csvin_close(in);
	return rc == 0 && bad > 0 ? EX_DATAERR : rc;
}

static const struct verb verbs[] = {
	{ "add", verb_add, DB_RW, "LOGIN --role ROLE [--name NAME]",
	    "add a user with a role" },
	{ "list", verb_list, DB_RO, "", "list users" },
	{ "set-role", verb_set_role, DB_RW, "USER ROLE", "change a role" },
	{ "disable", verb_disable, DB_RW, "USER", "stop a user" },
	{ "enable", verb_enable, DB_RW, "USER", "let a user back in" },
	{ "import", verb_import, DB_RW, "[--keep-going] FILE.csv",
	    "add users from CSV with columns login,role[,name]" },
};

static const struct prog prog = { "user", "clinix users and roles",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

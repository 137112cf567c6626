/*
 * user - clinix users and their roles (admin only)
 *	user add LOGIN --role ROLE [--name NAME]
 *	user list | set-role USER ROLE | disable USER | enable USER
 *	user import [--keep-going] FILE.csv
 * A user is named by login or usr- id.  A clinix login is the Unix login
 * the person runs the programs as; the last active admin always stays.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "csvio.h"
#include "user.h"
#include "util.h"

/* USER_ROLES, as completion offers them */
#define ROLE_WORDS	"admin provider nurse frontdesk billing"

/* A role given on the command line: 0, or 64 after naming the roles. */
static int
role_arg(const char *s)
{
	enum role r;

	if (auth_role_parse(s, &r) == -1) {
		warnx("unknown role '%s' (%s)", s, USER_ROLES);
		return EX_USAGE;
	}
	return 0;
}

static const struct opt add_opts[] = {
	{ "role", 'r', OPT_VALUE, "ROLE", "the user's role", COMP_WORDS,
	    ROLE_WORDS },
	{ "name", 'n', OPT_VALUE, "NAME", "the person's full name", COMP_NONE,
	    NULL },
	OPT_END
};

static int
verb_add(int argc, char *argv[], struct app *app)
{
	const char	*role = NULL, *name = NULL, *why;
	long long	 id;
	char		 rec[32];
	int		 k, rc;

	while ((k = app_opt(app)) > 0)
		switch (k) {
		case 'r': role = app->optarg; break;
		case 'n': name = app->optarg; break;
		}
	if (argc != 1 || role == NULL) {
		warnx(argc != 1 ? "give one login" : "give a --role");
		return EX_USAGE;
	}
	if ((rc = role_arg(role)) != 0)
		return rc;
	if ((why = user_bad_login(argv[0])) != NULL) {
		warnx("login: %s", why);
		return EX_DATAERR;
	}
	if ((why = user_bad_name(name)) != NULL) {
		warnx("name: %s", why);
		return EX_DATAERR;
	}
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_USERS)))
		return rc;
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = user_add(app->db, argv[0], role, name, &id)) == EX_DATAERR)
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

	if ((rc = app_none(argc, argv)) != 0 || (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_USERS)))
		return rc;
	n = out_stmt(app->out, user_list(app->db), NULL, NULL);
	return n < 0 ? (int)-n : 0;
}

/* Change one user: set-role (role != NULL) or enable/disable. */
static int
change(struct app *app, const char *who, const char *role, int active)
{
	struct user	 u;
	char		 rec[32];
	int		 rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_USERS)))
		return rc;
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = user_find(app->db, who, &u)) != 0 ||
	    (rc = role ? user_set_role(app->db, &u, role) :
	    user_set_active(app->db, &u, active)) != 0)
		goto fail;
	snprintf(rec, sizeof(rec), "usr-%lld", u.id);
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
	int rc;

	if (argc != 2)
		return EX_USAGE;
	if ((rc = role_arg(argv[1])) != 0)
		return rc;
	return change(app, argv[0], argv[1], 1);
}

static int
verb_disable(int argc, char *argv[], struct app *app)
{
	if (argc != 1)
		return EX_USAGE;
	return change(app, argv[0], NULL, 0);
}

static int
verb_enable(int argc, char *argv[], struct app *app)
{
	if (argc != 1)
		return EX_USAGE;
	return change(app, argv[0], NULL, 1);
}

/* One validated CSV row, kept until the whole file has been checked. */
struct urow {
	char	*login, *role, *name;	/* owned */
	size_t	 line;
};

static const struct opt import_opts[] = {
	{ "keep-going", 'k', OPT_FLAG, NULL,
	    "import the good rows when some are bad", COMP_NONE, NULL },
	OPT_END
};

static int
verb_import(int argc, char *argv[], struct app *app)
{
	struct csvin	*in = NULL;
	struct csvrec	 r;
	struct urow	*rows = NULL;
	size_t		 n = 0, cap = 0, bad = 0;
	int		 col[3] = { -1, -1, -1 }, keep = 0, rc, got;
	static const char *const fields[3] = { "login", "role", "name" };
	enum role	 role;
	long long	 id;

	while (app_opt(app) == 'k')
		keep = 1;
	if (argc != 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_USERS)))
		return rc;
	if ((rc = csvin_open(&in, argv[0])) != 0)
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

		if ((why = user_bad_login(login)) == NULL) {
			field = "role";
			if (auth_role_parse(rl, &role) == -1)
				why = "not a role (" USER_ROLES ")";
			else if ((why = user_bad_name(name)) != NULL)
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
			int one = user_add(app->db, rows[i].login,
			    rows[i].role, rows[i].name, &id);
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

static const struct opt no_opts[] = { OPT_END };

/* set-role's operands: the user (not listed), then the role */
static const struct opt role_args[] = {
	{ "USER", 0, OPT_VALUE, NULL, NULL, COMP_NONE, NULL },
	{ "ROLE", 0, OPT_VALUE, NULL, NULL, COMP_WORDS, ROLE_WORDS },
	OPT_END
};

static const struct verb verbs[] = {
	{ .name = "add", .fn = verb_add, .mode = DB_RW,
	    .usage = "LOGIN --role ROLE [--name NAME]",
	    .summary = "add a user with a role", .opts = add_opts },
	{ .name = "list", .fn = verb_list, .mode = DB_RO, .usage = "",
	    .summary = "list users", .opts = no_opts },
	{ .name = "set-role", .fn = verb_set_role, .mode = DB_RW,
	    .usage = "USER ROLE", .summary = "change a role", .opts = no_opts,
	    .args = role_args },
	{ .name = "disable", .fn = verb_disable, .mode = DB_RW,
	    .usage = "USER", .summary = "stop a user", .opts = no_opts },
	{ .name = "enable", .fn = verb_enable, .mode = DB_RW, .usage = "USER",
	    .summary = "let a user back in", .opts = no_opts },
	{ .name = "import", .fn = verb_import, .mode = DB_RW,
	    .usage = "[--keep-going] FILE.csv",
	    .summary = "add users from CSV with columns login,role[,name]",
	    .opts = import_opts, .operand = COMP_FILE },
};

static const struct prog prog = { "user", "clinix users and roles",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

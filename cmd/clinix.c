/*
 * clinix - the dispatcher, and setting up a new clinic
 *	clinix help | version
 *	clinix init [--system] [--clinic-name NAME] [--timezone ZONE]
 *	clinix CMD [ARGS ...]	runs program CMD, the way git runs its tools
 * Programs live in libexec/clinix/ beside an installed bin/clinix, or in
 * the same bin/ as clinix in the build tree.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <glob.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "audit.h"
#include "cfg.h"
#include "codeset.h"
#include "date.h"
#include "priv.h"
#include "seal.h"
#include "util.h"

static const struct {
	const char	*name;
	const char	*summary;
} programs[] = {
	{ "db",		"migrate, back up, restore, verify and query the database" },
	{ "user",	"users and roles (admin only)" },
	{ "audit",	"read and verify the audit trail" },
	{ "patient",	"the patient register" },
	{ "provider",	"providers, their hours, visit types and resources" },
	{ "code",	"ICD-10-CM and HCPCS code sets" },
	{ "sched",	"the calendar: booking, free slots, check-in, waitlist" },
	{ "remind",	"appointment and recall reminders by email and SMS" },
};

/* Where CMD's executable is, or NULL. */
static char *
program_path(const char *cmd)
{
	char	*dir = exe_dir(), *p;

	if (dir == NULL)
		return NULL;
	p = xasprintf("%s/../libexec/clinix/%s", dir, cmd);
	if (access(p, X_OK) != 0) {
		free(p);
		p = xasprintf("%s/%s", dir, cmd);
		if (strcmp(cmd, "clinix") == 0 || access(p, X_OK) != 0) {
			free(p);
			p = NULL;
		}
	}
	free(dir);
	return p;
}

static int
verb_help(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "program", "summary" };
	char *p;

	(void)argc;
	(void)argv;
	out_cols(app->out, 2, cols);
	out_text_row(app->out, (const char *[]){ "clinix",
	    "dispatcher; clinix init sets up a clinic" });
	for (size_t i = 0; i < nitems(programs); i++)
		if ((p = program_path(programs[i].name)) != NULL) {
			out_text_row(app->out, (const char *[]){
			    programs[i].name, programs[i].summary });
			free(p);
		}
	return 0;
}

static int
verb_version(int argc, char *argv[], struct app *app)
{
	(void)argc;
	(void)argv;
	(void)app;
	printf("clinix (clinix) %s\n", CLINIX_VERSION);
	return 0;
}

/* A YAML double-quoted scalar: quotes and backslashes escaped. */
static void
yaml_quoted(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putc('\\', f);
		putc(*s, f);
	}
	putc('"', f);
}

static int
write_config(const char *path, const char *name, const char *tz,
    const char *db)
{
	char	*dir = path_dir(path);
	FILE	*f;
	int	 fd;

	if (mkdirs(dir, 0700) == -1) {
		warn("cannot create '%s'", dir);
		free(dir);
		return EX_CANTCREAT;
	}
	free(dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		warn("cannot create config '%s'", path);
		return EX_CANTCREAT;
	}
	fputs("# clinix.yaml - see clinix.yaml(5).  Unknown keys are errors.\n"
	    "\nclinic:\n  name: ", f);
	yaml_quoted(f, name);
	fputs("\n  # npi: \"1234567893\"        # group NPI, for claims\n"
	    "  # tax_id: \"123456789\"\n"
	    "  # phone: \"+16175550100\"\n"
	    "  # address1: \"1 Main St\"\n"
	    "  # city: \"Boston\"\n"
	    "  # state: \"MA\"\n"
	    "  # zip: \"021080000\"\n"
	    "  country: \"US\"               # default country for phone numbers\n"
	    "  timezone: ", f);
	yaml_quoted(f, tz);
	fputs("         # local times are read and shown in this zone\n\n"
	    "# The database; relative paths are relative to this file.\n"
	    "db: ", f);
	yaml_quoted(f, db);
	fputs("\n\n# The audit and backup key (mode 0600), beside this file.\n"
	    "key_file: \"clinix.key\"\n"
	    "\n# How long a program waits for another's write lock.\n"
	    "# db_busy_timeout_ms: 5000\n", f);
	if (fclose(f) == EOF) {
		warn("cannot write config '%s'", path);
		return EX_IOERR;
	}
	return 0;
}

static const char *
default_zone(void)
{
	static char	 buf[128];
	const char	*tz = getenv("TZ");
	FILE		*f;

	if (tz && *tz == ':')
		tz++;
	if (tz && date_zone_valid(tz))
		return tz;
	if ((f = fopen("/etc/timezone", "r")) != NULL) {
		if (fgets(buf, sizeof(buf), f) != NULL) {
			buf[strcspn(buf, "\n")] = '\0';
			fclose(f);
			if (date_zone_valid(buf))
				return buf;
		} else
			fclose(f);
	}
	return "UTC";
}

/*
 * init --system: the shared clinic of an installed clinix, whose programs
 * are setgid to the clinix group.  The config and key are root's, readable
 * by the group; the state directory (setgid, so what SQLite makes there is
 * the group's too) and the database are the group's to write.  The audit
 * tail stays beside the key, as in a single-user clinic, made 0660 so the
 * programs can move it (they never create it: /etc/clinix is not theirs).
 */
static int
system_dirs(gid_t gid)
{
	char	*etc = path_dir(priv_config_path());
	mode_t	 mask = umask(022);	/* parents as mkdir -p makes them */
	int	 rc = 0;

	if (mkdirs(etc, 0755) == -1 || chown(etc, 0, gid) == -1 ||
	    chmod(etc, 0750) == -1) {
		warn("cannot set up '%s'", etc);
		rc = EX_CANTCREAT;
	} else if (mkdirs(priv_state_dir(), 0755) == -1 ||
	    chown(priv_state_dir(), 0, gid) == -1 ||
	    chmod(priv_state_dir(), 02770) == -1) {
		warn("cannot set up '%s'", priv_state_dir());
		rc = EX_CANTCREAT;
	}
	umask(mask);
	free(etc);
	return rc;
}

/* root:GROUP and mode on path, which must exist. */
static int
system_own(const char *path, gid_t gid, mode_t mode)
{
	if (chown(path, 0, gid) == -1 || chmod(path, mode) == -1) {
		warn("cannot give '%s' to the clinix group", path);
		return EX_CANTCREAT;
	}
	return 0;
}

static int
system_files(const struct app *app, const char *dbpath, gid_t gid)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	char	*p, *dir;
	glob_t	 g;
	int	 rc;

	if ((rc = system_own(app->cfg->path, gid, 0640)) != 0 ||
	    (rc = system_own(app->cfg->key_file, gid, 0640)) != 0)
		return rc;
	/* the WAL and its index stay (PERSIST_WAL): made now, by root */
	for (size_t i = 0; i < nitems(sfx) && rc == 0; i++) {
		p = xasprintf("%s%s", dbpath, sfx[i]);
		rc = system_own(p, gid, 0660);
		free(p);
	}
	dir = path_dir(app->cfg->key_file);
	p = xasprintf("%s/audit-*.tail", dir);
	free(dir);
	if (rc == 0 && glob(p, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc && rc == 0; i++)
			rc = system_own(g.gl_pathv[i], gid, 0660);
		globfree(&g);
	}
	free(p);
	return rc;
}

static int
verb_init(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "clinic-name", required_argument, NULL, 'n' },
		{ "timezone", required_argument, NULL, 'z' },
		{ "system", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const vars[] = { "CLINIX_CONFIG", "CLINIX_DB",
	    "XDG_CONFIG_HOME", "XDG_DATA_HOME", NULL };
	struct group	*gr = NULL;
	int		 sys = 0;
	const char	*name = "My Clinic", *tz = NULL;
	char		*cfgpath, *dbpath, *dir, rec[32];
	struct db	*db = NULL;
	int		 ch, rc, from, to, made_cfg = 0, made_key = 0;
	long long	 uid;

	while ((ch = getopt_long(argc, argv, "n:z:", longopts, NULL)) != -1)
		switch (ch) {
		case 'n': name = optarg; break;
		case 'z': tz = optarg; break;
		case 's': sys = 1; break;
		default: return EX_USAGE;
		}
	if (argc != optind)
		return EX_USAGE;
	if (sys && (app->db_opt || app->cfg_opt)) {
		warnx("init --system: the shared clinic is in %s and %s; "
		    "--db and --config are not for it", priv_config_path(),
		    priv_state_dir());
		return EX_USAGE;
	}
	if (sys && getuid() != 0) {
		warnx("init --system: only root sets up the shared clinic "
		    "(run it with sudo)");
		return EX_NOPERM;
	}
	if (sys && (gr = getgrnam(priv_group())) == NULL) {
		warnx("init --system: no group '%s': 'make install' as root "
		    "makes it and the setgid programs", priv_group());
		return EX_CONFIG;
	}
	if (tz && !date_zone_valid(tz)) {
		warnx("unknown time zone '%s' (use a name like "
		    "America/New_York)", tz);
		return EX_USAGE;
	}
	if (!utf8_valid(name, strlen(name)) || strlen(name) > 200) {
		warnx("clinic name: not valid UTF-8, or over 200 bytes");
		return EX_DATAERR;
	}
	if (sys) {
		priv_ignored_env(vars);
		if ((rc = system_dirs(gr->gr_gid)) != 0)
			return rc;
		cfgpath = xstrdup(priv_config_path());
	} else
		cfgpath = cfg_find(app->cfg_opt, 0);
	if (access(cfgpath, F_OK) == 0) {	/* keep an existing config */
		if ((rc = cfg_load(&app->cfg, cfgpath)) != 0)
			goto out0;
	}
	if (sys)
		dir = app->cfg && app->cfg->db ? xstrdup(app->cfg->db) :
		    xasprintf("%s/clinix.db", priv_state_dir());
	else
		dir = db_find(app->db_opt, app->cfg);
	dbpath = path_absolute(dir);
	free(dir);
	/* check the database first, so a refused init writes nothing */
	if (access(dbpath, F_OK) == 0) {
		warnx("database '%s' already exists: not overwriting it",
		    dbpath);
		rc = EX_CANTCREAT;
		goto out;
	}
	dir = path_dir(dbpath);
	if (mkdirs(dir, 0700) == -1 || access(dir, W_OK) == -1) {
		warnx("cannot create the database in '%s': %s", dir,
		    strerror(errno == 0 ? EACCES : errno));
		free(dir);
		rc = EX_CANTCREAT;
		goto out;
	}
	free(dir);
	if (app->cfg == NULL) {
		if ((rc = write_config(cfgpath, name, tz ? tz : default_zone(),
		    dbpath)) != 0 || (rc = cfg_load(&app->cfg, cfgpath)) != 0)
			goto out;
		made_cfg = 1;
	}
	if (access(app->cfg->key_file, F_OK) != 0) {
		if ((rc = seal_key_create(app->cfg->key_file)) != 0)
			goto out;
		made_key = 1;
	}
	if ((rc = db_create(&db, dbpath, app->cfg->busy_timeout_ms)) != 0)
		goto out;
	app->db = db;
	if ((rc = db_migrate(db, &from, &to)) != 0)
		goto out;
	if ((rc = codeset_load_starter(db)) != 0)	/* codes work at once */
		goto out;
	if ((rc = audit_open(&app->audit, app->cfg->key_file, db)) != 0 ||
	    (rc = auth_login(app->who.login)) != 0)
		goto out;
	if ((rc = app_begin(app)) != 0)
		goto out;
	if ((rc = audit_init(app->audit, db)) != 0)
		goto fail;
	sqlite3_stmt *s = db_stmt(db, SQL_USER_ADD);
	sqlite3_bind_text(s, 1, app->who.login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, "admin", -1, SQLITE_STATIC);
	if ((rc = db_exec(db, s)) != 0)
		goto fail;
	uid = sqlite3_last_insert_rowid(db_handle(db));
	snprintf(rec, sizeof(rec), "usr-%lld", uid);
	if ((rc = app_log(app, 0, rec, name)) != 0)
		goto fail;
	if ((rc = app_commit(app)) != 0)
		goto fail;
	if (sys && (rc = system_files(app, dbpath, gr->gr_gid)) != 0)
		goto out;
	printf("config\t%s\nkey\t%s\ndatabase\t%s\nadmin\t%s\t%s\n",
	    app->cfg->path, app->cfg->key_file, dbpath, rec, app->who.login);
	goto out;
fail:
	app_rollback(app);
out:
	if (rc != 0 && db != NULL) {	/* leave no half-made database */
		db_close(db);
		app->db = NULL;
		db_unlink(dbpath);
	}
	if (rc != 0 && made_key)
		unlink(app->cfg->key_file);
	if (rc != 0 && made_cfg)
		unlink(cfgpath);
	free(dbpath);
out0:
	free(cfgpath);
	return rc;
}

static const struct verb verbs[] = {
	{ "help", verb_help, NO_DB, "", "list the programs" },
	{ "version", verb_version, NO_DB, "", "print the version" },
	{ "init", verb_init, NO_DB,
	    "[--system] [--clinic-name NAME] [--timezone ZONE]",
	    "create the config, key and database of a new clinic" },
};

static const struct prog prog = { "clinix",
    "clinic system: EMR and practice management", verbs, nitems(verbs) };

/* The program a command line names: first word that is not an option. */
static int
command_at(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--db") == 0 || strcmp(a, "--config") == 0 ||
		    strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			i++;
		else if (*a != '-')
			return i;
		else if (strcmp(a, "--") == 0)
			return i + 1 < argc ? i + 1 : -1;
	}
	return -1;
}

int
main(int argc, char *argv[])
{
	int	 at = command_at(argc, argv);
	char	*path;

	if (at > 0) {
		for (size_t i = 0; i < nitems(verbs); i++)
			if (strcmp(argv[at], verbs[i].name) == 0)
				return app_main(argc, argv, &prog);
		if (strchr(argv[at], '/') != NULL ||
		    (path = program_path(argv[at])) == NULL) {
			warnx("'%s' is not a clinix program (see 'clinix help')",
			    argv[at]);
			return EX_USAGE;
		}
		/* CMD becomes argv[0]; the options around it go along */
		char *cmd = argv[at];
		memmove(&argv[2], &argv[1], (size_t)(at - 1) * sizeof(char *));
		argv[1] = cmd;
		execv(path, argv + 1);
		warn("cannot run '%s'", path);
		return EX_UNAVAILABLE;
	}
	return app_main(argc, argv, &prog);
}

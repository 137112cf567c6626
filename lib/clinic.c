/*
 * clinic - see clinic.h: creating a clinic, and config set.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
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
#include "auth.h"
#include "cfg.h"
#include "clinic.h"
#include "catalog.h"
#include "codeset.h"
#include "date.h"
#include "db.h"
#include "priv.h"
#include "seal.h"
#include "user.h"
#include "util.h"
#include "yedit.h"

const struct clinic_keyname clinic_keys[CK_NKEYS] = {
	{ "country",	 "clinic.country" },
	{ "clinic-name", "clinic.name" },
	{ "npi",	 "clinic.npi" },
	{ "tax-id",	 "clinic.tax_id" },
	{ "phone",	 "clinic.phone" },
	{ "address1",	 "clinic.address1" },
	{ "address2",	 "clinic.address2" },
	{ "city",	 "clinic.city" },
	{ "state",	 "clinic.state" },
	{ "zip",	 "clinic.zip" },
	{ "timezone",	 "clinic.timezone" },
	{ "email-from",	 "remind.from" },
};

/*
 * The first config: every clinic key, those not given as commented-out
 * examples, then the values given set with the same editor that
 * `clinix config set` uses, so both write the same lines.
 */
void
clinic_config_text(struct buf *out, const char *const vals[CK_NKEYS],
    const char *tz, const char *db)
{
	struct buf	 t = { 0 }, v = { 0 };
	const char	*why;

	buf_adds(&t, "# clinix.yaml - see clinix.yaml(5).  Unknown keys are "
	    "errors.\n"
	    "# Change a key with: clinix config set KEY VALUE\n"
	    "\nclinic:\n  name: \"My Clinic\"\n"
	    "  # npi: \"1234567893\"        # group NPI, for claims\n"
	    "  # tax_id: \"123456789\"\n"
	    "  # phone: \"+16175550100\"     # in messages to patients\n"
	    "  # address1: \"1 Main St\"\n"
	    "  # address2: \"Suite 2\"\n"
	    "  # city: \"Boston\"\n"
	    "  # state: \"MA\"\n"
	    "  # zip: \"021080000\"\n"
	    "  country: \"US\"               # default country for phone "
	    "numbers\n"
	    "  timezone: \"UTC\"         # local times are read and shown in "
	    "this zone\n\n"
	    "# The database; relative paths are relative to this file.\n"
	    "db: \"\"\n"
	    "\n# The audit and backup key (mode 0600), beside this file.\n"
	    "key_file: \"clinix.key\"\n"
	    "\n# How long a program waits for another's write lock.\n"
	    "# db_busy_timeout_ms: 5000\n");
	for (size_t i = 0; i <= CK_NKEYS; i++) {
		const char *key = i < CK_NKEYS ? clinic_keys[i].key :
		    "db";
		const char *val = i == CK_TIMEZONE ? tz : i ==
		    CK_NKEYS ? db : vals[i];

		if (val == NULL)
			continue;
		buf_reset(&v);
		yedit_quote(&v, val);
		/* the text above is in the shape yedit knows */
		if (yedit_set(out, t.s, key, v.s, &why) != 0)
			errx(EX_SOFTWARE, "%s: %s", key, why);
		buf_reset(&t);
		buf_adds(&t, out->s);
	}
	buf_reset(out);
	buf_adds(out, t.s);
	buf_free(&t);
	buf_free(&v);
}

static int
write_config(const char *path, const struct buf *text)
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
	fwrite(text->s, 1, text->len, f);
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

/* clinic_init, the normal forms of vals made in norm. */
static int
init(struct app *app, const char *vals[CK_NKEYS], int sys,
    struct clinic_made *made, char *norm[CK_NKEYS])
{
	static const char *const vars[] = { "CLINIX_CONFIG", "CLINIX_DB",
	    "XDG_CONFIG_HOME", "XDG_DATA_HOME", NULL };
	struct group	*gr = NULL;
	const char	*name = "My Clinic", *tz = NULL, *why;
	char		*cfgpath, *dbpath, *dir, *rec = made->rec;
	struct db	*db = NULL;
	struct buf	 text = { 0 };
	int		 rc, from, to, made_cfg = 0, made_key = 0;
	int		 given = 0;
	long long	 uid;

	/* a key beyond the name and zone: init cannot keep a config */
	for (size_t i = 0; i < CK_NKEYS; i++)
		if (vals[i] != NULL && i != CK_NAME && i != CK_TIMEZONE)
			given = 1;
	name = vals[CK_NAME] ? vals[CK_NAME] : name;
	tz = vals[CK_TIMEZONE];
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
	if (text_card_number(name)) {
		warnx("--clinic-name: %s", text_card_why);
		return EX_DATAERR;
	}
	/* each value as the loader will judge it, the phone made E.164 */
	for (size_t i = 0; i < CK_NKEYS; i++) {
		if (vals[i] == NULL || i == CK_NAME || i == CK_TIMEZONE)
			continue;
		if (cfg_check(clinic_keys[i].key, vals[i], vals[CK_COUNTRY] ?
		    vals[CK_COUNTRY] : "US", &norm[i], &why) != 0) {
			warnx("--%s '%s': %s", clinic_keys[i].opt,
			    why == text_card_why ? "..." : vals[i], why);
			return EX_DATAERR;
		}
		vals[i] = norm[i];
	}
	if (sys) {
		priv_ignored_env(vars);
		if ((rc = system_dirs(gr->gr_gid)) != 0)
			return rc;
		cfgpath = xstrdup(priv_config_path());
	} else
		cfgpath = cfg_find(app->cfg_opt, 0);
	if (access(cfgpath, F_OK) == 0) {	/* keep an existing config */
		if (given) {
			warnx("'%s' exists, and init keeps it: change its keys "
			    "with 'clinix config set KEY VALUE'", cfgpath);
			rc = EX_CANTCREAT;
			goto out0;
		}
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
		struct cfg *check;

		clinic_config_text(&text, vals, tz ? tz : default_zone(),
		    dbpath);
		/* the real loader says yes before anything is written */
		if ((rc = cfg_load_text(&check, cfgpath, text.s, text.len))
		    != 0)
			goto out;
		cfg_free(check);
		if ((rc = write_config(cfgpath, &text)) != 0)
			goto out;
		made_cfg = 1;
		if ((rc = cfg_load(&app->cfg, cfgpath)) != 0)
			goto out;
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
	if ((rc = codeset_load_starter(db)) != 0 ||	/* codes work at once */
	    (rc = catalog_load_starter(db)) != 0)	/* and allergies */
		goto out;
	if ((rc = audit_open(&app->audit, app->cfg->key_file, db)) != 0 ||
	    (rc = auth_login(app->who.login)) != 0)
		goto out;
	if ((rc = app_begin(app)) != 0)
		goto out;
	if ((rc = audit_init(app->audit, db)) != 0)
		goto fail;
	if ((rc = user_add(db, app->who.login, "admin", NULL, &uid)) != 0)
		goto fail;
	snprintf(rec, sizeof(made->rec), "usr-%lld", uid);
	if ((rc = app_log(app, 0, rec, name)) != 0)
		goto fail;
	if ((rc = app_commit(app)) != 0)
		goto fail;
	if (sys && (rc = system_files(app, dbpath, gr->gr_gid)) != 0)
		goto out;
	made->db = dbpath;
	dbpath = NULL;
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
	buf_free(&text);
	return rc;
}

int
clinic_init(struct app *app, const char *const vals[CK_NKEYS], int sys,
    struct clinic_made *made)
{
	const char	*v[CK_NKEYS];
	char		*norm[CK_NKEYS] = { NULL };
	int		 rc;

	/* a copy, whose values init replaces by their normal forms */
	memcpy(v, vals, sizeof(v));
	made->db = NULL;
	made->rec[0] = '\0';
	rc = init(app, v, sys, made, norm);
	for (size_t i = 0; i < CK_NKEYS; i++)
		free(norm[i]);
	return rc;
}

void
clinic_made_free(struct clinic_made *made)
{
	free(made->db);
	made->db = NULL;
}

int
clinic_config_path(struct app *app, int sys, char **path)
{
	*path = NULL;
	if (sys && (app->db_opt || app->cfg_opt)) {
		warnx("config --system: the shared clinic's config is %s; "
		    "--db and --config are not for it", priv_config_path());
		return EX_USAGE;
	}
	if (sys && !priv_elevated())
		app->cfg_opt = priv_config_path();
	if ((*path = cfg_find(app->cfg_opt, 1)) == NULL) {
		warnx("no configuration found: run 'clinix init', or name one "
		    "with --config or CLINIX_CONFIG");
		return EX_CONFIG;
	}
	return 0;
}

int
clinic_config_key(const char *key)
{
	int kind = cfg_key_kind(key);

	if (kind == CFG_UNKNOWN || kind == CFG_SECTION) {
		warnx("unknown key '%s' (the keys are in clinix.yaml(5))", key);
		return EX_CONFIG;
	}
	return 0;
}

/* The whole file into b; 0 or a sysexits code, said. */
static int
slurp(const char *path, struct buf *b)
{
	char	 chunk[8192];
	size_t	 n;
	FILE	*f;
	int	 bad;

	if ((f = fopen(path, "r")) == NULL) {
		warn("cannot read config '%s'", path);
		return errno == EACCES ? EX_NOPERM : EX_CONFIG;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, n);
	bad = ferror(f);
	fclose(f);
	if (bad) {
		warnx("cannot read config '%s'", path);
		return EX_IOERR;
	}
	if (b->s == NULL)
		buf_adds(b, "");
	return 0;
}

/*
 * The new file beside the old, with its mode and owners, flushed to disk:
 * renamed over the old one only when all of it is there.  Sets *tmp.
 */
static int
config_temp(const char *path, const struct buf *text, char **tmp)
{
	struct stat	 st;
	int		 fd, rc = 0;

	*tmp = xasprintf("%s.XXXXXX", path);
	if (stat(path, &st) == -1 || (fd = mkstemp(*tmp)) == -1) {
		warn("cannot write beside '%s'", path);
		free(*tmp);
		*tmp = NULL;
		return EX_CANTCREAT;
	}
	if (fchmod(fd, st.st_mode & 07777) == -1 ||
	    fchown(fd, geteuid() == 0 ? st.st_uid : (uid_t)-1, st.st_gid)
	    == -1) {
		warn("cannot give '%s' the mode and group of '%s'", *tmp, path);
		rc = EX_CANTCREAT;
	} else if (write(fd, text->s, text->len) != (ssize_t)text->len ||
	    fsync(fd) == -1) {
		warn("cannot write '%s'", *tmp);
		rc = EX_IOERR;
	}
	if (close(fd) == -1 && rc == 0) {
		warn("cannot write '%s'", *tmp);
		rc = EX_IOERR;
	}
	if (rc != 0) {
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return rc;
}

int
clinic_config_yaml(const char *key, const char *value, const char *country,
    struct buf *out)
{
	const char	*why;
	char		*norm, *words, *w, *save;
	int		 n = 0;

	switch (cfg_key_kind(key)) {
	case CFG_NUMBER:
		if (*value == '\0' || strspn(value, "0123456789") !=
		    strlen(value) || strlen(value) > 12) {
			warnx("%s: expected a whole number, not '%s'", key,
			    value);
			return EX_CONFIG;
		}
		buf_adds(out, value);
		return 0;
	case CFG_LIST:
		/* the words of VALUE, as remind.sendmail is split */
		words = xstrdup(value);
		buf_addc(out, '[');
		for (w = strtok_r(words, " \t", &save); w;
		    w = strtok_r(NULL, " \t", &save)) {
			if (n++)
				buf_adds(out, ", ");
			yedit_quote(out, w);
		}
		buf_addc(out, ']');
		free(words);
		if (n == 0) {
			warnx("%s: expected a command, not nothing", key);
			return EX_CONFIG;
		}
		return 0;
	case CFG_RULES:
		warnx("%s: a list of rules: edit the file itself (see "
		    "clinix.yaml(5))", key);
		return EX_USAGE;
	}
	if (cfg_check(key, value, country, &norm, &why) != 0) {
		/* a card number is not repeated, even on stderr */
		warnx("%s: '%s': %s", key, why == text_card_why ? "..." : value,
		    why);
		return EX_CONFIG;
	}
	yedit_quote(out, norm);
	free(norm);
	return 0;
}

int
clinic_config_set(struct app *app, int sys, const char *key,
    const char *value)
{
	static struct verb	 rw;
	const struct verb	*was = app->verb;
	struct cfg		*cur = NULL, *check = NULL;
	struct buf		 text = { 0 }, yaml = { 0 }, out = { 0 };
	const char		*why;
	char			*path = NULL, *tmp = NULL, *dbpath, *det;
	int			 rc, audited = 0;

	if ((rc = clinic_config_key(key)) != 0 ||
	    (rc = clinic_config_path(app, sys, &path)) != 0 ||
	    (rc = slurp(path, &text)) != 0)
		goto out;
	/* the file as it is may be broken: the new one must not be */
	if (cfg_load_text(&cur, path, text.s, text.len) != 0)
		cur = NULL;
	if ((rc = clinic_config_yaml(key, value, cur &&
	    cur->clinic_country ? cur->clinic_country : "US", &yaml)) != 0)
		goto out;
	if (yedit_set(&out, text.s, key, yaml.s, &why) != 0) {
		warnx("%s: cannot set %s: %s; edit it by hand", path, key, why);
		rc = EX_CONFIG;
		goto out;
	}
	if ((rc = cfg_load_text(&check, path, out.s, out.len)) != 0)
		goto out;
	/* an admin's change, with its audit row, where there is a clinic */
	dbpath = db_find(app->db_opt, cur ? cur : check);
	if (access(dbpath, F_OK) == 0) {
		rw = *app->verb;
		rw.mode = DB_RW;
		app->verb = &rw;
		app->cfg = cur ? cur : check;
		rc = app_open(app);
		if (rc == 0)
			rc = app_require(app, CAP_SETUP);
		audited = rc == 0;
	}
	free(dbpath);
	if (rc != 0 || (rc = config_temp(path, &out, &tmp)) != 0)
		goto out;
	if (audited) {
		det = xasprintf("%s: %s", key, yaml.s);
		if ((rc = app_begin(app)) == 0)
			rc = app_log(app, 0, "config", det);
		free(det);
		if (rc != 0) {
			app_rollback(app);
			goto out;
		}
	}
	if (rename(tmp, path) == -1) {
		warn("cannot replace '%s'", path);
		rc = EX_CANTCREAT;
		if (audited)
			app_rollback(app);
		goto out;
	}
	free(tmp);
	tmp = NULL;
	/* the file is replaced: a failed commit must at least be said */
	if (audited && (rc = app_commit(app)) != 0)
		warnx("'%s' is changed, but its audit row was not written",
		    path);
out:
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	app->verb = was;
	if (app->cfg == cur || app->cfg == check)
		app->cfg = NULL;
	cfg_free(cur);
	cfg_free(check);
	buf_free(&text);
	buf_free(&yaml);
	buf_free(&out);
	free(path);
	return rc;
}

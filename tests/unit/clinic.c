/*
 * clinic - unit tests for lib/clinic.c: what `clinix init` and
 * `clinix config set` do.
 *
 * Expected behaviour is clinic.h's contract and the programs' as
 * tests/clinix.bats and clinicset.bats see it: the first config has every
 * clinic key, the ones not given commented out, and the real loader takes
 * it; config set changes one line and keeps the comments, mode and the
 * rest; a bad value is refused with the sysexits code the program exits
 * with (78 config, 64 usage, 65 bad data) and the file left as it was;
 * init into an empty directory makes the config and key mode 0600 and the
 * database, the caller its first admin, and a refused init writes
 * nothing.  Everything lives in a mkdtemp(3) directory under /tmp.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "audit.h"
#include "cfg.h"
#include "clinic.h"
#include "db.h"
#include "tap.h"
#include "util.h"

static char dir[] = "/tmp/clinix-clinic-XXXXXX";

static const struct verb init_verb = { .name = "init" };
static const struct verb set_verb = { .name = "config set" };
static const struct prog prog = { "clinix", "test", &init_verb, 1 };

static char *
slurp(const char *path)
{
	struct buf	 b = { 0 };
	char		 chunk[4096];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (b.s == NULL)
		buf_adds(&b, "");
	return b.s;
}

static void
put(const char *path, const char *text, mode_t mode)
{
	FILE *f;

	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0 || chmod(path, mode) != 0)
		diag("cannot write %s: %s", path, strerror(errno));
}

static int
has_line(const char *text, const char *line)
{
	size_t		 n = strlen(line);
	const char	*p;

	for (p = text; p != NULL && *p; p = strchr(p, '\n') ? strchr(p,
	    '\n') + 1 : NULL)
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_mode & 07777 : (mode_t)-1;
}

static void
app_done(struct app *app)
{
	audit_free(app->audit);
	db_close(app->db);
	cfg_free(app->cfg);
	app->audit = NULL;
	app->db = NULL;
	app->cfg = NULL;
}

static void
test_config_text(void)
{
	const char	*vals[CK_NKEYS] = { NULL };
	struct buf	 t = { 0 };
	struct cfg	*c = NULL;
	char		 path[PATH_MAX];

	vals[CK_NAME] = "Main Street Clinic";
	vals[CK_CITY] = "Boston";
	vals[CK_EMAIL_FROM] = "front@example.org";
	clinic_config_text(&t, vals, "America/Chicago", "/srv/c/clinix.db");
	ok(has_line(t.s, "  name: \"Main Street Clinic\""), "config text: "
	    "the name given");
	ok(has_line(t.s, "  city: \"Boston\""), "... a key given, "
	    "uncommented");
	ok(has_line(t.s, "  # npi: \"1234567893\"        # group NPI, for "
	    "claims"), "... a key not given stays a commented example");
	ok(strstr(t.s, "timezone: \"America/Chicago\"") != NULL,
	    "... the zone");
	ok(has_line(t.s, "db: \"/srv/c/clinix.db\""), "... the database");
	ok(strstr(t.s, "from: \"front@example.org\"") != NULL,
	    "... remind.from, a key outside clinic:");
	ok(strncmp(t.s, "# clinix.yaml - see clinix.yaml(5).", 35) == 0,
	    "... the header comment first");
	snprintf(path, sizeof(path), "%s/text.yaml", dir);
	is_int(cfg_load_text(&c, path, t.s, t.len), 0, "... the loader takes "
	    "it");
	if (c != NULL) {
		is_str(c->clinic_name, "Main Street Clinic", "... name loads");
		is_str(c->clinic_city, "Boston", "... city loads");
		is_str(c->clinic_timezone, "America/Chicago", "... zone loads");
		is_str(c->remind_from, "front@example.org", "... from loads");
		is_str(c->clinic_npi, NULL, "... npi stays unset");
		cfg_free(c);
	}
	buf_free(&t);
}

static void
test_config_yaml(void)
{
	struct buf b = { 0 };

	is_int(clinic_config_yaml("db_busy_timeout_ms", "2500", "US", &b), 0,
	    "yaml: a number");
	is_str(b.s, "2500", "... plain");
	buf_reset(&b);
	is_int(clinic_config_yaml("db_busy_timeout_ms", "soon", "US", &b),
	    78, "yaml: not a number is 78");
	buf_reset(&b);
	is_int(clinic_config_yaml("remind.sms_command", "tools/sms  -v", "US",
	    &b), 0, "yaml: a command");
	is_str(b.s, "[\"tools/sms\", \"-v\"]", "... its words in flow style");
	buf_reset(&b);
	is_int(clinic_config_yaml("remind.sms_command", "  ", "US", &b), 78,
	    "yaml: an empty command is 78");
	buf_reset(&b);
	is_int(clinic_config_yaml("remind.rules", "x", "US", &b), 64,
	    "yaml: rules are not set from the command line (64)");
	buf_reset(&b);
	is_int(clinic_config_yaml("clinic.phone", "617-555-0100", "US", &b), 0,
	    "yaml: a phone");
	is_str(b.s, "\"+16175550100\"", "... made E.164, quoted");
	buf_reset(&b);
	is_int(clinic_config_yaml("clinic.phone", "12", "US", &b), 78,
	    "yaml: a bad phone is 78");
	is_int(clinic_config_key("clinic"), 78, "key: a section is 78");
	is_int(clinic_config_key("clinic.colour"), 78, "key: unknown is 78");
	is_int(clinic_config_key("clinic.city"), 0, "key: known is 0");
	buf_free(&b);
}

static void
test_config_set(void)
{
	struct app	 app = { .prog = &prog, .verb = &set_verb };
	char		 file[PATH_MAX], db[PATH_MAX], *text, *before;
	const char	*orig = "# our clinic, by hand\n"
	    "clinic:\n"
	    "  name: \"Corner Clinic\"   # the sign says so\n"
	    "  # city: \"Boston\"\n"
	    "  timezone: \"UTC\"\n";

	snprintf(file, sizeof(file), "%s/set.yaml", dir);
	snprintf(db, sizeof(db), "%s/no-such.db", dir);
	put(file, orig, 0640);
	app.cfg_opt = file;
	app.db_opt = db;	/* none: the change is not audited */

	is_int(clinic_config_set(&app, 0, "clinic.city", "Salem"), 0,
	    "set: a key on a file with no database");
	text = slurp(file);
	ok(text && has_line(text, "# our clinic, by hand"), "... the comment "
	    "kept");
	ok(text && has_line(text, "  name: \"Corner Clinic\"   # the sign "
	    "says so"), "... another key's line kept as it was");
	ok(text && strstr(text, "city: \"Salem\"") != NULL, "... the key set");
	ok(text && strstr(text, "Boston") == NULL, "... in place of its "
	    "example");
	is_int(mode_of(file), 0640, "... the mode kept");
	ok(app.cfg == NULL && app.db == NULL, "... no config or database "
	    "left open");
	before = text;

	is_int(clinic_config_set(&app, 0, "db_busy_timeout_ms", "later"), 78,
	    "set: a bad value is 78");
	text = slurp(file);
	ok(text && before && strcmp(text, before) == 0, "... the file as it "
	    "was");
	free(text);
	is_int(clinic_config_set(&app, 0, "clinic.colour", "red"), 78,
	    "set: an unknown key is 78");
	is_int(clinic_config_set(&app, 0, "clinic.timezone", "Mars/Olympus"),
	    78, "set: a zone the loader refuses is 78");
	text = slurp(file);
	ok(text && before && strcmp(text, before) == 0, "... the file as it "
	    "was");
	is_int(mode_of(file), 0640, "... its mode too");
	free(text);
	free(before);

	snprintf(file, sizeof(file), "%s/none.yaml", dir);
	app.cfg_opt = file;
	is_int(clinic_config_set(&app, 0, "clinic.city", "Salem"), 78,
	    "set: no config file is 78");
	ok(access(file, F_OK) == -1, "... and none is made");
}

static void
test_init(void)
{
	struct app		 app = { .prog = &prog, .verb = &init_verb };
	struct clinic_made	 made;
	const char		*vals[CK_NKEYS] = { NULL };
	char			 cfg[PATH_MAX], db[PATH_MAX], key[PATH_MAX];
	char			 etc[PATH_MAX], want[PATH_MAX + 16], *text;

	snprintf(etc, sizeof(etc), "%s/etc", dir);
	snprintf(cfg, sizeof(cfg), "%s/etc/clinix.yaml", dir);
	snprintf(key, sizeof(key), "%s/etc/clinix.key", dir);
	snprintf(db, sizeof(db), "%s/data/clinix.db", dir);
	app.cfg_opt = cfg;
	app.db_opt = db;

	vals[CK_TIMEZONE] = "Mars/Olympus";
	is_int(clinic_init(&app, vals, 0, &made), 64, "init: an unknown zone "
	    "is 64");
	vals[CK_TIMEZONE] = "America/New_York";
	vals[CK_PHONE] = "12";
	is_int(clinic_init(&app, vals, 0, &made), 65, "init: a bad phone is "
	    "65");
	ok(access(etc, F_OK) == -1 && access(db, F_OK) == -1, "... nothing "
	    "written");

	vals[CK_NAME] = "Unit Clinic";
	vals[CK_PHONE] = "617-555-0100";
	is_int(clinic_init(&app, vals, 0, &made), 0, "init: a new clinic");
	is_str(made.db, db, "... its database");
	is_str(made.rec, "usr-1", "... the first admin's record");
	is_str(vals[CK_PHONE], "617-555-0100", "... the caller's values "
	    "untouched");
	is_int(mode_of(cfg), 0600, "... the config is 0600");
	is_int(mode_of(key), 0600, "... the key is 0600");
	is_int(mode_of(etc), 0700, "... in a directory made 0700");
	ok(access(db, F_OK) == 0, "... the database is there");
	ok(app.cfg != NULL && app.cfg->key_file != NULL &&
	    strcmp(app.cfg->key_file, key) == 0, "... the config loaded, "
	    "naming the key");
	text = slurp(cfg);
	ok(text && has_line(text, "  name: \"Unit Clinic\""), "... the name "
	    "in the config");
	ok(text && strstr(text, "phone: \"+16175550100\"") != NULL,
	    "... the phone made E.164");
	snprintf(want, sizeof(want), "db: \"%s\"", db);
	ok(text && has_line(text, want), "... the database path");
	free(text);
	clinic_made_free(&made);
	ok(made.db == NULL, "made_free: db freed");
	app_done(&app);

	/* a second init: the config exists and keys are given */
	is_int(clinic_init(&app, vals, 0, &made), 73, "init again with keys: "
	    "73, the config kept");
	app_done(&app);
	vals[CK_PHONE] = NULL;
	is_int(clinic_init(&app, vals, 0, &made), 73, "init again: 73, the "
	    "database exists");
	app_done(&app);
	ok(access(db, F_OK) == 0, "... and is still there");
}

/*
 * init loads the starter code sets from the share/ beside the program
 * (share_find), and a unit test's binary has none beside it: so the test
 * runs a copy of itself from dir/bin, with dir/share a link to the
 * tree's.  0 after the exec failed, or -1 when there is no share/ above.
 */
static int
beside_share(void)
{
	char	*exe = exe_dir(), *up, *link, *copy, *bin, real[PATH_MAX];
	FILE	*in, *out;
	char	 chunk[65536];
	size_t	 n;

	up = NULL;
	for (int i = 1; i <= 4 && exe != NULL && up == NULL; i++) {
		struct buf b = { 0 };

		buf_adds(&b, exe);
		for (int j = 0; j < i; j++)
			buf_adds(&b, "/..");
		buf_adds(&b, "/share");
		link = xasprintf("%s/codes", b.s);
		if (access(link, R_OK) == 0 && realpath(b.s, real) != NULL)
			up = real;
		free(link);
		buf_free(&b);
	}
	free(exe);
	if (up == NULL)
		return -1;
	bin = xasprintf("%s/bin", dir);
	link = xasprintf("%s/share", dir);
	copy = xasprintf("%s/bin/clinic", dir);
	if (mkdir(bin, 0700) != 0 || symlink(up, link) != 0 ||
	    (in = fopen("/proc/self/exe", "r")) == NULL)
		return -1;
	if ((out = fopen(copy, "w")) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		fwrite(chunk, 1, n, out);
	fclose(in);
	if (fclose(out) != 0 || chmod(copy, 0700) != 0)
		return -1;
	execl(copy, copy, dir, (char *)NULL);
	diag("cannot run %s: %s", copy, strerror(errno));
	return 0;
}

int
main(int argc, char *argv[])
{
	char	 cmd[PATH_MAX + 16], *codes;

	if (argc == 2 && strlen(argv[1]) == strlen(dir))
		memcpy(dir, argv[1], sizeof(dir));	/* the copy's run */
	else if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		return done_testing();
	}
	if ((codes = share_find("codes")) == NULL) {
		if (argc == 2 || beside_share() != 0) {
			ok(0, "find the starter code sets for init");
			return done_testing();
		}
		return 1;	/* the exec failed, and said so */
	}
	free(codes);
	unsetenv("CLINIX_CONFIG");
	unsetenv("CLINIX_DB");
	test_config_text();
	test_config_yaml();
	test_config_set();
	test_init();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("cannot remove %s", dir);
	return done_testing();
}

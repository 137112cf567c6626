/*
 * cfg - unit tests for lib/cfg.c: loading clinix.yaml.
 *
 * Expected behaviour is cfg.h's contract: every known key lands in its
 * field; db and key_file come out absolute, relative ones taken against
 * the config file's directory, key_file defaulting to "clinix.key" there;
 * db_busy_timeout_ms defaults to 5000; anything unknown, mistyped or
 * malformed is 78 (EX_CONFIG) with a "file:line:" diagnostic on stderr,
 * line numbers counted by hand in the YAML texts below; a missing file is
 * 78 too.  Files live in a mkdtemp(3) directory under /tmp.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "tap.h"

static char dir[] = "/tmp/clinix-cfg-XXXXXX";
static char file[PATH_MAX], errfile[PATH_MAX];
static char errtext[4096];	/* stderr of the last load */

static void
put(const char *text)
{
	FILE *f;

	if ((f = fopen(file, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0)
		diag("cannot write %s: %s", file, strerror(errno));
}

/* cfg_load(path) with stderr caught in errtext. */
static int
load_path(struct cfg **c, const char *path)
{
	int	 fd, saved, rc;
	FILE	*f;
	size_t	 n = 0;

	fflush(stderr);
	saved = dup(2);
	fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	rc = cfg_load(c, path);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	if ((f = fopen(errfile, "r")) != NULL) {
		n = fread(errtext, 1, sizeof(errtext) - 1, f);
		fclose(f);
	}
	errtext[n] = '\0';
	return rc;
}

static int
load(struct cfg **c, const char *text)
{
	put(text);
	return load_path(c, file);
}

/* A file that must be refused, and where. */
static void
refused(const char *text, const char *where, const char *what)
{
	struct cfg *c = (struct cfg *)&c;

	is_int(load(&c, text), 78, "%s: refused (EX_CONFIG)", what);
	ok(c == NULL, "... and no config handed back");
	if (where != NULL) {
		ok(strstr(errtext, where) != NULL, "... the message says "
		    "\"%s\"", where);
		if (strstr(errtext, where) == NULL)
			diag("stderr: %.*s", (int)strcspn(errtext, "\n"),
			    errtext);
	}
	if (c != NULL && c != (struct cfg *)&c)
		cfg_free(c);
}

static void
test_good(void)
{
	struct cfg	*c = NULL;
	char		 want[PATH_MAX + 64];

	is_int(load(&c,
	    "# the clinic\n"
	    "clinic:\n"
	    "  name: \"Main Street Clinic\"\n"
	    "  timezone: America/New_York\n"
	    "  zip: \"02134\"\n"
	    "  phone: 617-555-0100\n"
	    "  country: US\n"
	    "db: data/clinix.db\n"
	    "db_busy_timeout_ms: 2500\n"), 0, "a good file loads");
	if (c == NULL) {
		ok(0, "no config to look at");
		return;
	}
	is_str(c->path, file, "path is the file read");
	is_str(c->dir, dir, "dir is its directory");
	is_str(c->clinic_name, "Main Street Clinic", "clinic.name");
	is_str(c->clinic_timezone, "America/New_York", "clinic.timezone");
	is_str(c->clinic_zip, "02134", "clinic.zip stays text, zero kept");
	is_str(c->clinic_phone, "617-555-0100", "clinic.phone, as written");
	is_str(c->clinic_country, "US", "clinic.country");
	is_str(c->clinic_npi, NULL, "clinic.npi unset is NULL");
	snprintf(want, sizeof(want), "%s/data/clinix.db", dir);
	is_str(c->db, want, "a relative db is made absolute against the "
	    "config's directory");
	snprintf(want, sizeof(want), "%s/clinix.key", dir);
	is_str(c->key_file, want, "key_file defaults to clinix.key beside it");
	is_int(c->busy_timeout_ms, 2500, "db_busy_timeout_ms");
	is_str(errtext, "", "nothing on stderr");
	cfg_free(c);

	is_int(load(&c,
	    "db: /var/lib/clinix/clinix.db\n"
	    "key_file: keys/clinix.key\n"), 0, "absolute db, relative key");
	if (c != NULL) {
		is_str(c->db, "/var/lib/clinix/clinix.db", "an absolute db is "
		    "kept");
		snprintf(want, sizeof(want), "%s/keys/clinix.key", dir);
		is_str(c->key_file, want, "a relative key_file is made "
		    "absolute");
		is_int(c->busy_timeout_ms, 5000, "db_busy_timeout_ms defaults "
		    "to 5000");
		cfg_free(c);
	} else
		ok(0, "no config to look at");

	is_int(load(&c,
	    "clinic:\n"
	    "  name: ~\n"
	    "  city: 'null'\n"
	    "key_file: ~\n"
	    "db_busy_timeout_ms:\n"), 0, "null values");
	if (c != NULL) {
		is_str(c->clinic_name, NULL, "~ is no value");
		is_str(c->clinic_city, "null", "a quoted 'null' is text");
		snprintf(want, sizeof(want), "%s/clinix.key", dir);
		is_str(c->key_file, want, "key_file: ~ gets the default");
		is_int(c->busy_timeout_ms, 5000, "an empty number keeps the "
		    "default");
		cfg_free(c);
	} else
		ok(0, "no config to look at");

	is_int(load(&c, ""), 0, "an empty file loads");
	if (c != NULL) {
		is_str(c->clinic_name, NULL, "... no clinic name");
		is_str(c->db, NULL, "... no db");
		snprintf(want, sizeof(want), "%s/clinix.key", dir);
		is_str(c->key_file, want, "... the default key_file");
		is_int(c->busy_timeout_ms, 5000, "... the default timeout");
		cfg_free(c);
	} else
		ok(0, "no config to look at");

	is_int(load(&c, "# nothing set yet\n\n"), 0, "only comments load");
	cfg_free(c);
	is_int(load(&c, "---\n"), 0, "an empty document loads");
	cfg_free(c);
	cfg_free(NULL);
	ok(1, "cfg_free(NULL) is harmless");
}

static void
test_bad(void)
{
	struct cfg	*c = (struct cfg *)&c;
	char		 where[PATH_MAX + 8];

	snprintf(where, sizeof(where), "%s:3:", file);
	refused("clinic:\n  name: x\ncolour: red\n", where, "unknown key");
	ok(strstr(errtext, "colour") != NULL, "... and names the key");
	snprintf(where, sizeof(where), "%s:2:", file);
	refused("clinic:\n  nmae: x\n", where,
	    "nested unknown key clinic.nmae");
	ok(strstr(errtext, "clinic.nmae") != NULL, "... and names it dotted");
	{
		static const struct {
			const char *text, *where, *what;
		} refusals[] = {
			{ "clinic:\n  name: a\n  city: b: c\n", ":3:",
			  "YAML syntax error" },
			{ "db: \"open\n", NULL, "an unterminated quote" },
			{ "db:\n\tx\n", NULL, "a tab for indentation" },
			{ "db_busy_timeout_ms: abc\n", ":1:",
			  "db_busy_timeout_ms: abc" },
			{ "clinic:\n  name: x\ndb_busy_timeout_ms: -5\n", ":3:",
			  "db_busy_timeout_ms: -5" },
			{ "db_busy_timeout_ms: 12ms\n", ":1:",
			  "db_busy_timeout_ms: 12ms" },
			{ "db_busy_timeout_ms: 1.5\n", ":1:",
			  "db_busy_timeout_ms: 1.5" },
			{ "db_busy_timeout_ms: 99999999999999999999\n", ":1:",
			  "db_busy_timeout_ms overflowing a long" },
			{ "db:\n  - a.db\n  - b.db\n", ":2:", "a list for db" },
			{ "clinic:\n  name: [a, b]\n", ":2:",
			  "a flow list for a name" },
			{ "clinic: [a]\n", ":1:", "a list for a section" },
			{ "db:\n  path: x.db\n", ":1:", "a mapping for db" },
			{ "clinic: Main Street\n", ":1:",
			  "a value for a section" },
			{ "clinic:\n  name: &n X\n  city: *n\n", ":3:",
			  "an alias" },
			{ "just some words\n", ":1:",
			  "a document that is not a mapping" },
			{ "- db: x\n", NULL, "a document that is a list" },
			/* the values the messages and the clock depend on */
			{ "clinic:\n  phone: 555-0100\n",
			  "clinic.phone: '555-0100': a North American number "
			  "has 10 digits", "a phone short of digits" },
			{ "clinic:\n  country: ZZ\n  phone: \"(617) "
			  "555-0100\"\n",
			  "clinic.phone: '(617) 555-0100': no country code",
			  "a national phone in a country phone.c does not "
			  "know" },
			{ "clinic:\n  country: usa\n", "clinic.country: 'usa'",
			  "a country that is not two capitals" },
			{ "clinic:\n  timezone: Mars/Olympus\n",
			  "clinic.timezone: 'Mars/Olympus': not a known time "
			  "zone", "an unknown time zone" },
		};

		for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
			refused(refusals[i].text, refusals[i].where, refusals[i].what);
	}
	is_int(load(&c, "clinic:\n  country: GB\n  phone: 020 7946 0000\n"),
	    0, "a national number of clinic.country loads");
	cfg_free(c);
	c = (struct cfg *)&c;

	c = (struct cfg *)&c;
	snprintf(where, sizeof(where), "%s/missing.yaml", dir);
	is_int(load_path(&c, where), 78, "a missing file is EX_CONFIG");
	ok(c == NULL, "... and no config handed back");
	ok(strstr(errtext, "missing.yaml") != NULL, "... the message names "
	    "the file");
}

/*
 * cfg.h promises absolute db and key_file paths, which must hold when the
 * config itself was named by a relative path (clinix --config x.yaml).
 */
static void
test_relative_config(void)
{
	struct cfg	*c = NULL;
	char		 cwd[PATH_MAX];

	put("db: clinix.db\n");
	if (getcwd(cwd, sizeof(cwd)) == NULL || chdir(dir) == -1) {
		ok(0, "chdir to %s", dir);
		return;
	}
	is_int(load_path(&c, "clinix.yaml"), 0, "a config named relative to "
	    "the working directory loads");
	if (c != NULL) {
		ok(c->db != NULL && c->db[0] == '/', "... its db is absolute "
		    "(got \"%s\")", c->db ? c->db : "NULL");
		ok(c->key_file != NULL && c->key_file[0] == '/', "... its "
		    "key_file is absolute (got \"%s\")", c->key_file ?
		    c->key_file : "NULL");
		cfg_free(c);
	} else
		ok(0, "no config to look at");
	if (chdir(cwd) == -1)
		diag("cannot go back to %s", cwd);
}

int
main(void)
{
	if (tap_mkdtemp(dir) != 0)
		return done_testing();
	snprintf(file, sizeof(file), "%s/clinix.yaml", dir);
	snprintf(errfile, sizeof(errfile), "%s/stderr", dir);
	test_good();
	test_bad();
	test_relative_config();
	unlink(file);
	unlink(errfile);
	if (rmdir(dir) == -1)
		diag("left %s behind: %s", dir, strerror(errno));
	return done_testing();
}

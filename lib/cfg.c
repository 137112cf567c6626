/*
 * cfg - load clinix.yaml with libyaml's event parser into struct cfg.
 * Mappings nest; a key's dotted path ("clinic.name") must be in keys[].
 */
#include <err.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <yaml.h>

#include "cfg.h"
#include "util.h"

enum type { T_STR, T_LONG };

static const struct key {
	const char	*name;
	enum type	 type;
	size_t		 off;
} keys[] = {
	{ "clinic.name",	T_STR, offsetof(struct cfg, clinic_name) },
	{ "clinic.npi",		T_STR, offsetof(struct cfg, clinic_npi) },
	{ "clinic.tax_id",	T_STR, offsetof(struct cfg, clinic_tax_id) },
	{ "clinic.phone",	T_STR, offsetof(struct cfg, clinic_phone) },
	{ "clinic.address1",	T_STR, offsetof(struct cfg, clinic_address1) },
	{ "clinic.address2",	T_STR, offsetof(struct cfg, clinic_address2) },
	{ "clinic.city",	T_STR, offsetof(struct cfg, clinic_city) },
	{ "clinic.state",	T_STR, offsetof(struct cfg, clinic_state) },
	{ "clinic.zip",		T_STR, offsetof(struct cfg, clinic_zip) },
	{ "clinic.country",	T_STR, offsetof(struct cfg, clinic_country) },
	{ "clinic.timezone",	T_STR, offsetof(struct cfg, clinic_timezone) },
	{ "db",			T_STR, offsetof(struct cfg, db) },
	{ "key_file",		T_STR, offsetof(struct cfg, key_file) },
	{ "db_busy_timeout_ms",	T_LONG, offsetof(struct cfg, busy_timeout_ms) },
};

char *
cfg_find(const char *opt, int must_exist)
{
	const char	*env, *home;
	char		*cand[3] = { NULL, NULL, NULL }, *found = NULL;
	size_t		 n = 0;

	if (opt != NULL)
		return xstrdup(opt);
	if ((env = getenv("CLINIX_CONFIG")) != NULL && *env != '\0')
		return xstrdup(env);
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env == '/')
		cand[n++] = xasprintf("%s/clinix/clinix.yaml", env);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		cand[n++] = xasprintf("%s/.config/clinix/clinix.yaml", home);
	cand[n++] = xstrdup("/etc/clinix/clinix.yaml");
	for (size_t i = 0; i < n && found == NULL; i++)
		if (access(cand[i], F_OK) == 0)
			found = xstrdup(cand[i]);
	if (found == NULL && !must_exist)
		found = xstrdup(cand[0]);
	for (size_t i = 0; i < n; i++)
		free(cand[i]);
	return found;
}

static const struct key *
lookup(const char *name)
{
	for (size_t i = 0; i < nitems(keys); i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* Is name a section, i.e. the prefix of some key followed by a dot? */
static int
is_section(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < nitems(keys); i++)
		if (strncmp(keys[i].name, name, n) == 0 && keys[i].name[n] == '.')
			return 1;
	return 0;
}

static int
set(struct cfg *c, const struct key *k, const yaml_event_t *ev)
{
	const char	*v = (const char *)ev->data.scalar.value;
	int		 null = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
			    (*v == '\0' || strcmp(v, "~") == 0 ||
			    strcmp(v, "null") == 0);
	char		*end;

	switch (k->type) {
	case T_STR: {
		char **p = (char **)((char *)c + k->off);

		free(*p);
		*p = null ? NULL : xstrdup(v);
		return 0;
	}
	case T_LONG: {
		long *p = (long *)((char *)c + k->off);

		if (null)
			return 0;
		errno = 0;
		*p = strtol(v, &end, 10);
		if (errno || end == v || *end != '\0' || *p < 0) {
			warnx("%s:%zu: %s: expected a whole number, not '%s'",
			    c->path, ev->start_mark.line + 1, k->name, v);
			return EX_CONFIG;
		}
		return 0;
	}
	}
	return EX_SOFTWARE;
}

/* Make a path from the config absolute, relative to the config's dir. */
static void
absolutise(const struct cfg *c, char **p)
{
	char *s;

	if (*p == NULL || **p == '/')
		return;
	s = xasprintf("%s/%s", c->dir, *p);
	free(*p);
	*p = s;
}

static int
parse(struct cfg *c, yaml_parser_t *y)
{
	yaml_event_t	 ev;
	char		*stack[8];	/* dotted path of open mappings */
	int		 depth = 0, want_key = 0, rc = 0, done = 0;
	char		*key = NULL;
	size_t		 keyline = 0;

	while (!done && rc == 0) {
		if (!yaml_parser_parse(y, &ev)) {
			warnx("%s:%zu: %s", c->path, y->problem_mark.line + 1,
			    y->problem ? y->problem : "YAML syntax error");
			rc = EX_CONFIG;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
			if (depth == 0 && key == NULL) {
				stack[depth++] = xstrdup("");
				want_key = 1;
				break;
			}
			if (key == NULL || !is_section(key) ||
			    depth >= (int)nitems(stack)) {
				warnx("%s:%zu: %s: %s", c->path, keyline,
				    key ? key : "?", key && lookup(key) ?
				    "expected a value, not a mapping" :
				    "unknown key");
				rc = EX_CONFIG;
				break;
			}
			stack[depth++] = key;
			key = NULL;
			want_key = 1;
			break;
		case YAML_MAPPING_END_EVENT:
			free(stack[--depth]);
			want_key = 1;
			break;
		case YAML_SCALAR_EVENT:
			if (depth == 0) {
				if (ev.data.scalar.length == 0)
					break;	/* an empty document */
				warnx("%s:%zu: expected a mapping of keys",
				    c->path, ev.start_mark.line + 1);
				rc = EX_CONFIG;
				break;
			}
			if (want_key) {
				const char *prefix = stack[depth - 1];

				key = *prefix ? xasprintf("%s.%s", prefix,
				    ev.data.scalar.value) :
				    xstrdup((char *)ev.data.scalar.value);
				keyline = ev.start_mark.line + 1;
				if (lookup(key) == NULL && !is_section(key)) {
					warnx("%s:%zu: unknown key '%s'",
					    c->path, keyline, key);
					rc = EX_CONFIG;
				}
				want_key = 0;
				break;
			}
			if (lookup(key) == NULL) {
				warnx("%s:%zu: %s: expected a mapping, not a "
				    "value", c->path, keyline, key);
				rc = EX_CONFIG;
			} else
				rc = set(c, lookup(key), &ev);
			free(key);
			key = NULL;
			want_key = 1;
			break;
		case YAML_SEQUENCE_START_EVENT:
			warnx("%s:%zu: %s: expected a value, not a list",
			    c->path, ev.start_mark.line + 1, key ? key : "?");
			rc = EX_CONFIG;
			break;
		case YAML_ALIAS_EVENT:
			warnx("%s:%zu: aliases are not allowed here",
			    c->path, ev.start_mark.line + 1);
			rc = EX_CONFIG;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	while (depth > 0)
		free(stack[--depth]);
	free(key);
	return rc;
}

int
cfg_load(struct cfg **out, const char *path)
{
	struct cfg	*c;
	yaml_parser_t	 y;
	FILE		*f;
	int		 rc;

	*out = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		warn("cannot read config '%s'", path);
		return errno == ENOENT ? EX_CONFIG :
		    errno == EACCES ? EX_NOPERM : EX_CONFIG;
	}
	c = xcalloc(1, sizeof(*c));
	c->path = path_absolute(path);
	c->dir = path_dir(c->path);
	c->busy_timeout_ms = 5000;
	yaml_parser_initialize(&y);
	yaml_parser_set_input_file(&y, f);
	rc = parse(c, &y);
	yaml_parser_delete(&y);
	fclose(f);
	if (rc == 0 && c->key_file == NULL)
		c->key_file = xstrdup("clinix.key");
	absolutise(c, &c->db);
	absolutise(c, &c->key_file);
	if (rc != 0) {
		cfg_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void
cfg_free(struct cfg *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < nitems(keys); i++)
		if (keys[i].type == T_STR)
			free(*(char **)((char *)c + keys[i].off));
	free(c->path);
	free(c->dir);
	free(c);
}

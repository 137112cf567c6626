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
#include "date.h"
#include "mail.h"
#include "money.h"
#include "phone.h"
#include "priv.h"
#include "util.h"

enum type { T_STR, T_LONG, T_LIST, T_RULES };

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
	{ "clinic.currency",	T_STR, offsetof(struct cfg, clinic_currency) },
	{ "db",			T_STR, offsetof(struct cfg, db) },
	{ "key_file",		T_STR, offsetof(struct cfg, key_file) },
	{ "db_busy_timeout_ms",	T_LONG, offsetof(struct cfg, busy_timeout_ms) },
	{ "remind.sendmail",	T_STR, offsetof(struct cfg, remind_sendmail) },
	{ "remind.sms_command",	T_LIST, offsetof(struct cfg, remind_sms_command) },
	{ "remind.from",	T_STR, offsetof(struct cfg, remind_from) },
	{ "remind.quiet_hours",	T_STR, offsetof(struct cfg, remind_quiet_hours) },
	{ "remind.sms_max_segments", T_LONG,
	    offsetof(struct cfg, remind_sms_max_segments) },
	{ "remind.lease_minutes", T_LONG,
	    offsetof(struct cfg, remind_lease_minutes) },
	{ "remind.max_attempts", T_LONG,
	    offsetof(struct cfg, remind_max_attempts) },
	{ "remind.retry_minutes", T_LONG,
	    offsetof(struct cfg, remind_retry_minutes) },
	{ "remind.rules",	T_RULES, offsetof(struct cfg, remind_rules) },
	{ "pay.card_command",	T_LIST, offsetof(struct cfg, pay_card_command) },
	{ "pay.card_timeout",	T_LONG, offsetof(struct cfg, pay_card_timeout) },
	{ "pay.adjust_limit",	T_STR, offsetof(struct cfg, pay_adjust_limit) },
	{ "pay.statement_note",	T_STR, offsetof(struct cfg, pay_statement_note) },
	{ "clinic.taxonomy",	T_STR, offsetof(struct cfg, clinic_taxonomy) },
	{ "claim.submitter_id",	T_STR, offsetof(struct cfg, claim_submitter_id) },
	{ "claim.receiver",	T_STR, offsetof(struct cfg, claim_receiver) },
	{ "claim.receiver_name", T_STR, offsetof(struct cfg, claim_receiver_name) },
	{ "claim.usage",	T_STR, offsetof(struct cfg, claim_usage) },
	{ "claim.pos_office",	T_STR, offsetof(struct cfg, claim_pos[0]) },
	{ "claim.pos_telehealth", T_STR, offsetof(struct cfg, claim_pos[1]) },
	{ "claim.pos_home",	T_STR, offsetof(struct cfg, claim_pos[2]) },
	{ "claim.pos_phone",	T_STR, offsetof(struct cfg, claim_pos[3]) },
};

/* Reminders when remind.rules says nothing: two days and two hours. */
static const struct {
	const char	*name;
	long		 before_min;
	int		 channels;
} default_rules[] = {
	{ "48h", 48 * 60, CH_EMAIL | CH_SMS },
	{ "2h", 2 * 60, CH_SMS },
};

char *
cfg_find(const char *opt, int must_exist)
{
	const char	*env, *home;
	char		*cand[3] = { NULL, NULL, NULL }, *found = NULL;
	size_t		 n = 0;

	if (priv_elevated()) {
		/* an installed program: the caller does not say where */
		static const char *const vars[] = { "CLINIX_CONFIG",
		    "XDG_CONFIG_HOME", NULL };

		if (opt != NULL)
			priv_ignored("--config");
		priv_ignored_env(vars);
		if (must_exist && eaccess(priv_config_path(), F_OK) != 0)
			return NULL;
		return xstrdup(priv_config_path());
	}
	/* secure_getenv: a program run with privilege never reads these */
	if (opt != NULL)
		return xstrdup(opt);
	if ((env = secure_getenv("CLINIX_CONFIG")) != NULL && *env != '\0')
		return xstrdup(env);
	if ((env = secure_getenv("XDG_CONFIG_HOME")) != NULL && *env == '/')
		cand[n++] = xasprintf("%s/clinix/clinix.yaml", env);
	else if ((home = secure_getenv("HOME")) != NULL && *home != '\0')
		cand[n++] = xasprintf("%s/.config/clinix/clinix.yaml", home);
	cand[n++] = xstrdup(priv_config_path());
	for (size_t i = 0; i < n && found == NULL; i++)
		if (eaccess(cand[i], F_OK) == 0)
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
	case T_LIST:
	case T_RULES:
		if (null)
			return 0;
		warnx("%s:%zu: %s: expected a list, not '%s'", c->path,
		    ev->start_mark.line + 1, k->name, v);
		return EX_CONFIG;
	}
	return EX_SOFTWARE;
}

static void
list_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static void
rules_free(struct cfg *c)
{
	for (size_t i = 0; i < c->remind_nrules; i++) {
		free(c->remind_rules[i].name);
		list_free(c->remind_rules[i].types);
		free(c->remind_rules[i].template);
	}
	free(c->remind_rules);
	c->remind_rules = NULL;
	c->remind_nrules = 0;
}

/* The next event, or EX_CONFIG after naming the syntax error. */
static int
next(struct cfg *c, yaml_parser_t *y, yaml_event_t *ev)
{
	if (yaml_parser_parse(y, ev))
		return 0;
	warnx("%s:%zu: %s", c->path, y->problem_mark.line + 1,
	    y->problem ? y->problem : "YAML syntax error");
	return EX_CONFIG;
}

/*
 * The next item of the sequence name: 0 with *end set at its end, or
 * with *ev (the caller deletes it) an event of type want; or EX_CONFIG
 * after saying the list should hold what.
 */
static int
item(struct cfg *c, yaml_parser_t *y, const char *name,
    yaml_event_type_t want, const char *what, yaml_event_t *ev, int *end)
{
	int	 rc;

	*end = 0;
	if ((rc = next(c, y, ev)) != 0)
		return rc;
	if (ev->type == YAML_SEQUENCE_END_EVENT) {
		yaml_event_delete(ev);
		*end = 1;
		return 0;
	}
	if (ev->type == want)
		return 0;
	warnx("%s:%zu: %s: expected a list of %s", c->path,
	    ev->start_mark.line + 1, name, what);
	yaml_event_delete(ev);
	return EX_CONFIG;
}

/*
 * A list of scalars, after its SEQUENCE-START (or one scalar, when
 * one_ok, for "channels: sms"), as a NULL-terminated array.
 */
static int
read_list(struct cfg *c, yaml_parser_t *y, const char *name, char ***out)
{
	yaml_event_t	 ev;
	char		**v = NULL;
	size_t		 n = 0;
	int		 rc, end;

	while ((rc = item(c, y, name, YAML_SCALAR_EVENT, "plain values", &ev,
	    &end)) == 0 && !end) {
		v = xrealloc(v, (n + 2) * sizeof(*v));
		v[n++] = xstrdup((char *)ev.data.scalar.value);
		v[n] = NULL;
		yaml_event_delete(&ev);
	}
	if (rc != 0 || n == 0) {
		if (rc == 0) {
			warnx("%s: %s: an empty list", c->path, name);
			rc = EX_CONFIG;
		}
		list_free(v);
		return rc;
	}
	list_free(*out);
	*out = v;
	return 0;
}

/* "48h", "2h", "30m", "2d": minutes, or -1. */
static long
span_minutes(const char *s)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (errno || end == s || n <= 0 || n > 366L * 24 * 60 ||
	    end[0] == '\0' || end[1] != '\0')
		return -1;
	switch (*end) {
	case 'm': return n;
	case 'h': return n <= 366L * 24 ? n * 60 : -1;
	case 'd': return n <= 366 ? n * 24 * 60 : -1;
	}
	return -1;
}

/* One rule's mapping, after its MAPPING-START. */
static int
read_rule(struct cfg *c, yaml_parser_t *y, struct remind_rule *r)
{
	yaml_event_t	 ev;
	char		*key = NULL, **chans = NULL;
	size_t		 line = 0;
	int		 rc = 0;

	while (rc == 0) {
		if ((rc = next(c, y, &ev)) != 0)
			break;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (key == NULL) {
			if (ev.type != YAML_SCALAR_EVENT) {
				warnx("%s:%zu: remind.rules: expected a key",
				    c->path, ev.start_mark.line + 1);
				rc = EX_CONFIG;
			} else {
				key = xstrdup((char *)ev.data.scalar.value);
				line = ev.start_mark.line + 1;
				if (!streq(key, "name") && !streq(key, "before")
				    && !streq(key, "channels") &&
				    !streq(key, "types") &&
				    !streq(key, "template")) {
					warnx("%s:%zu: unknown key "
					    "'remind.rules.%s'", c->path, line,
					    key);
					rc = EX_CONFIG;
				}
			}
			yaml_event_delete(&ev);
			continue;
		}
		if (ev.type == YAML_SEQUENCE_START_EVENT &&
		    (streq(key, "channels") || streq(key, "types")))
			rc = read_list(c, y, key, streq(key, "channels") ?
			    &chans : &r->types);
		else if (ev.type != YAML_SCALAR_EVENT) {
			warnx("%s:%zu: remind.rules.%s: expected a value",
			    c->path, line, key);
			rc = EX_CONFIG;
		} else {
			const char *v = (const char *)ev.data.scalar.value;

			if (streq(key, "name")) {
				free(r->name);
				r->name = xstrdup(v);
			} else if (streq(key, "template")) {
				free(r->template);
				r->template = xstrdup(v);
			} else if (streq(key, "before")) {
				if ((r->before_min = span_minutes(v)) < 0) {
					warnx("%s:%zu: remind.rules.before: "
					    "expected a time like 48h, 2h or "
					    "30m, not '%s'", c->path, line, v);
					rc = EX_CONFIG;
				}
			} else if (streq(key, "channels")) {
				list_free(chans);
				chans = xcalloc(2, sizeof(*chans));
				chans[0] = xstrdup(v);
			} else {
				list_free(r->types);
				r->types = xcalloc(2, sizeof(*r->types));
				r->types[0] = xstrdup(v);
			}
		}
		yaml_event_delete(&ev);
		free(key);
		key = NULL;
	}
	for (size_t i = 0; rc == 0 && chans && chans[i]; i++) {
		if (streq(chans[i], "email"))
			r->channels |= CH_EMAIL;
		else if (streq(chans[i], "sms"))
			r->channels |= CH_SMS;
		else {
			warnx("%s:%zu: remind.rules.channels: email or sms, "
			    "not '%s'", c->path, line, chans[i]);
			rc = EX_CONFIG;
		}
	}
	list_free(chans);
	free(key);
	if (rc == 0 && (r->name == NULL || r->before_min == 0 ||
	    r->channels == 0)) {
		warnx("%s:%zu: remind.rules: each rule needs name, before and "
		    "channels", c->path, line);
		rc = EX_CONFIG;
	}
	if (rc == 0 && (strspn(r->name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != strlen(r->name) ||
	    strlen(r->name) > 32)) {
		warnx("%s:%zu: remind.rules.name '%s': letters, digits, - and "
		    "_ only, at most 32", c->path, line, r->name);
		rc = EX_CONFIG;
	}
	return rc;
}

/* remind.rules: a list of mappings, after its SEQUENCE-START. */
static int
read_rules(struct cfg *c, yaml_parser_t *y)
{
	yaml_event_t	 ev;
	int		 rc = 0, end = 0;

	rules_free(c);
	c->remind_rules_set = 1;
	while (rc == 0) {
		rc = item(c, y, "remind.rules", YAML_MAPPING_START_EVENT,
		    "mappings (name, before, channels, ...)", &ev, &end);
		if (rc != 0 || end)
			break;
		yaml_event_delete(&ev);
		c->remind_rules = xrealloc(c->remind_rules,
		    (c->remind_nrules + 1) * sizeof(*c->remind_rules));
		memset(&c->remind_rules[c->remind_nrules], 0,
		    sizeof(*c->remind_rules));
		rc = read_rule(c, y, &c->remind_rules[c->remind_nrules++]);
		for (size_t i = 0; rc == 0 && i + 1 < c->remind_nrules; i++)
			if (streq(c->remind_rules[i].name,
			    c->remind_rules[c->remind_nrules - 1].name)) {
				warnx("%s: remind.rules: two rules named '%s'",
				    c->path, c->remind_rules[i].name);
				rc = EX_CONFIG;
			}
	}
	return rc;
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
			if (key && lookup(key) && lookup(key)->type == T_LIST) {
				rc = read_list(c, y, key, (char ***)((char *)c +
				    lookup(key)->off));
			} else if (key && lookup(key) &&
			    lookup(key)->type == T_RULES)
				rc = read_rules(c, y);
			else {
				warnx("%s:%zu: %s: expected a value, not a list",
				    c->path, ev.start_mark.line + 1,
				    key ? key : "?");
				rc = EX_CONFIG;
			}
			free(key);
			key = NULL;
			want_key = 1;
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

/* "HH:MM" to minutes of the day, or -1. */
static int
clock_minutes(const char *s, size_t n)
{
	int h, m;

	if (n != 5 || s[2] != ':' || sscanf(s, "%2d:%2d", &h, &m) != 2 ||
	    h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

/*
 * pay.adjust_limit: above it an adjustment is billing's or an admin's
 * alone.  An amount, 0.00 (every adjustment theirs) and up.
 */
static int
pay_defaults(struct cfg *c)
{
	c->adjust_limit_cents = 5000;
	if (c->pay_adjust_limit == NULL)
		return 0;
	if (money_parse(c->pay_adjust_limit, &c->adjust_limit_cents) == -1 ||
	    c->adjust_limit_cents < 0) {
		warnx("%s: pay.adjust_limit: expected an amount such as 50.00, "
		    "not '%s'", c->path, c->pay_adjust_limit);
		return EX_CONFIG;
	}
	return 0;
}

/* The remind keys a missing value gives, and the checks across keys. */
static int
remind_defaults(struct cfg *c)
{
	const char *q, *dash;

	if (c->remind_sendmail == NULL)
		c->remind_sendmail = xstrdup("/usr/sbin/sendmail -t -i");
	if (c->remind_quiet_hours == NULL)
		c->remind_quiet_hours = xstrdup("21:00-08:00");
	q = c->remind_quiet_hours;
	if (streq(q, "none"))
		c->quiet_from = c->quiet_to = 0;
	else if ((dash = strchr(q, '-')) == NULL ||
	    (c->quiet_from = clock_minutes(q, (size_t)(dash - q))) < 0 ||
	    (c->quiet_to = clock_minutes(dash + 1, strlen(dash + 1))) < 0) {
		warnx("%s: remind.quiet_hours: expected HH:MM-HH:MM (or none), "
		    "not '%s'", c->path, q);
		return EX_CONFIG;
	}
	if (c->remind_sms_max_segments < 1 || c->remind_sms_max_segments > 10 ||
	    c->remind_lease_minutes < 1 || c->remind_max_attempts < 1 ||
	    c->remind_retry_minutes < 1) {
		warnx("%s: remind: sms_max_segments must be 1 to 10; "
		    "lease_minutes, max_attempts and retry_minutes at least 1",
		    c->path);
		return EX_CONFIG;
	}
	/* a terminal waits for the patient's PIN: minutes, not hours */
	if (c->pay_card_timeout < 1 || c->pay_card_timeout > 600) {
		warnx("%s: pay.card_timeout: must be 1 to 600 seconds",
		    c->path);
		return EX_CONFIG;
	}
	if (!c->remind_rules_set)
		for (size_t i = 0; i < nitems(default_rules); i++) {
			struct remind_rule *r;

			c->remind_rules = xrealloc(c->remind_rules,
			    (i + 1) * sizeof(*r));
			r = &c->remind_rules[c->remind_nrules++];
			memset(r, 0, sizeof(*r));
			r->name = xstrdup(default_rules[i].name);
			r->before_min = default_rules[i].before_min;
			r->channels = default_rules[i].channels;
		}
	for (size_t i = 0; i < c->remind_nrules; i++)
		if (c->remind_rules[i].template == NULL)
			c->remind_rules[i].template = xstrdup("appointment");
	return 0;
}

/* Is v n capital letters, as ISO 3166 and 4217 codes are? */
static int
capitals(const char *v, size_t n)
{
	return strlen(v) == n && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n;
}

int
cfg_check(const char *key, const char *v, const char *country,
    char **norm, const char **why)
{
	const char	*bad = NULL;
	char		 e164[PHONE_LEN];

	*norm = NULL;
	if (!utf8_valid(v, strlen(v)) || strlen(v) > 200)
		bad = "not valid UTF-8, or over 200 bytes";
	else if (text_card_number(v))
		bad = text_card_why;
	else if (streq(key, "clinic.phone")) {
		if (phone_e164(v, country ? country : "US", e164, why) != 0)
			return EX_DATAERR;
		*norm = xstrdup(e164);
	} else if (streq(key, "clinic.country")) {
		if (!capitals(v, 2))
			bad = "expected an ISO 3166 code of two capitals, "
			    "such as US";
	} else if (streq(key, "remind.from")) {
		const char *lt = strrchr(v, '<');
		char *addr = lt ? xasprintf("%.*s", (int)strcspn(lt + 1, ">"),
		    lt + 1) : xstrdup(v);
		int good = mail_addr_ok(addr) && (lt == NULL ||
		    streq(lt + 1 + strlen(addr), ">"));

		free(addr);
		if (!good)
			bad = "expected an address, or a name and <address>";
	} else if (streq(key, "clinic.currency")) {
		/* ISO 4217: what hledger and beancount take as a commodity */
		if (!capitals(v, 3))
			bad = "expected an ISO 4217 code of three capitals, "
			    "such as USD";
	} else if (streq(key, "clinic.timezone")) {
		if (!date_zone_valid(v))
			bad = "not a known time zone (use a name like "
			    "America/New_York)";
	}
	if (bad != NULL) {
		*why = bad;
		return EX_DATAERR;
	}
	if (*norm == NULL)
		*norm = xstrdup(v);
	return 0;
}

/* The clinic keys whose values cfg_check knows how to judge. */
static int
check_values(struct cfg *c)
{
	static const char *const checked[] = { "clinic.country",
	    "clinic.phone", "clinic.timezone", "clinic.currency",
	    "remind.from" };
	const char	*why;
	char		*norm;

	for (size_t i = 0; i < nitems(checked); i++) {
		const char *v = *(char **)((char *)c +
		    lookup(checked[i])->off);

		if (v == NULL)
			continue;
		if (cfg_check(checked[i], v, c->clinic_country, &norm,
		    &why) != 0) {
			warnx("%s: %s: '%s': %s", c->path, checked[i], v, why);
			return EX_CONFIG;
		}
		free(norm);
	}
	return 0;
}

static int
load(struct cfg **out, const char *path, FILE *f, const char *text,
    size_t len)
{
	struct cfg	*c;
	yaml_parser_t	 y;
	int		 rc;

	c = xcalloc(1, sizeof(*c));
	c->path = path_absolute(path);
	c->dir = path_dir(c->path);
	c->busy_timeout_ms = 5000;
	c->remind_sms_max_segments = 3;
	c->remind_lease_minutes = 15;
	c->remind_max_attempts = 5;
	c->remind_retry_minutes = 10;
	c->pay_card_timeout = 60;
	yaml_parser_initialize(&y);
	if (f)
		yaml_parser_set_input_file(&y, f);
	else
		yaml_parser_set_input_string(&y, (const unsigned char *)text,
		    len);
	rc = parse(c, &y);
	yaml_parser_delete(&y);
	if (rc == 0)
		rc = check_values(c);
	if (rc == 0)
		rc = remind_defaults(c);
	if (rc == 0)
		rc = pay_defaults(c);
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

int
cfg_load(struct cfg **out, const char *path)
{
	FILE	*f;
	int	 rc;

	*out = NULL;
	if ((f = fopen(path, "r")) == NULL) {
		warn("cannot read config '%s'", path);
		return errno == ENOENT ? EX_CONFIG :
		    errno == EACCES ? EX_NOPERM : EX_CONFIG;
	}
	rc = load(out, path, f, NULL, 0);
	fclose(f);
	return rc;
}

int
cfg_load_text(struct cfg **out, const char *path, const char *text,
    size_t len)
{
	*out = NULL;
	return load(out, path, NULL, text, len);
}

int
cfg_key_kind(const char *key)
{
	const struct key *k = lookup(key);

	if (k == NULL)
		return is_section(key) ? CFG_SECTION : CFG_UNKNOWN;
	return k->type == T_STR ? CFG_STR : k->type == T_LONG ? CFG_NUMBER :
	    k->type == T_LIST ? CFG_LIST : CFG_RULES;
}

const char *
cfg_key_name(size_t i)
{
	return i < nitems(keys) ? keys[i].name : NULL;
}

char *
cfg_value(const struct cfg *c, const char *key)
{
	const struct key	*k = lookup(key);
	const char		*base = (const char *)c;
	struct buf		 b = { 0 };

	if (k == NULL)
		return NULL;
	switch (k->type) {
	case T_STR: {
		const char *v = *(char *const *)(base + k->off);

		return v ? xstrdup(v) : NULL;
	}
	case T_LONG:
		return xasprintf("%ld", *(const long *)(base + k->off));
	case T_LIST: {
		char *const *v = *(char **const *)(base + k->off);

		for (size_t i = 0; v && v[i]; i++)
			buf_printf(&b, "%s%s", i ? " " : "", v[i]);
		break;
	}
	case T_RULES:
		/* one rule a word: name:before-in-minutes:channels */
		for (size_t i = 0; i < c->remind_nrules; i++) {
			const struct remind_rule *r = &c->remind_rules[i];

			buf_printf(&b, "%s%s:%ldm:%s", i ? " " : "", r->name,
			    r->before_min, r->channels == (CH_EMAIL | CH_SMS) ?
			    "email,sms" : r->channels == CH_SMS ? "sms" :
			    "email");
		}
		break;
	}
	if (b.s == NULL)
		return NULL;
	return b.s;
}

void
cfg_free(struct cfg *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < nitems(keys); i++)
		if (keys[i].type == T_STR)
			free(*(char **)((char *)c + keys[i].off));
		else if (keys[i].type == T_LIST)
			list_free(*(char ***)((char *)c + keys[i].off));
	rules_free(c);
	free(c->path);
	free(c->dir);
	free(c);
}

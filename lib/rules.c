/*
 * rules - see rules.h.  Everything here is a function of the config and
 * the times it is given, so tests/unit/remind.c checks it without a
 * database or a clock.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cfg.h"
#include "date.h"
#include "rules.h"
#include "util.h"

static const char *const chan_names[] = { "", "email", "sms" };

const char *
rule_channel(int ch)
{
	return ch == CH_EMAIL || ch == CH_SMS ? chan_names[ch] : "";
}

int
rule_channel_parse(const char *s)
{
	if (streq(s, "email"))
		return CH_EMAIL;
	if (streq(s, "sms"))
		return CH_SMS;
	return 0;
}

int
rule_quiet(const struct cfg *c, time_t t)
{
	char	day[DATE_LEN];
	int	m;

	if (c->quiet_from == c->quiet_to)
		return 0;
	date_day_of(t, day, NULL, &m);
	if (c->quiet_from < c->quiet_to)
		return m >= c->quiet_from && m < c->quiet_to;
	/* across midnight: 21:00-08:00 */
	return m >= c->quiet_from || m < c->quiet_to;
}

static int
type_matches(const struct remind_rule *r, const char *type)
{
	if (r->types == NULL)
		return 1;
	for (size_t i = 0; r->types[i]; i++)
		if (type && strcasecmp(r->types[i], type) == 0)
			return 1;
	return 0;
}

const struct remind_rule *
rule_closest(const struct cfg *c, int ch, const char *type, time_t start,
    time_t now)
{
	const struct remind_rule *best = NULL;

	if (start <= now)
		return NULL;
	for (size_t i = 0; i < c->remind_nrules; i++) {
		const struct remind_rule *r = &c->remind_rules[i];

		if ((r->channels & ch) && type_matches(r, type) &&
		    start - 60 * r->before_min <= now &&
		    (best == NULL || r->before_min < best->before_min))
			best = r;
	}
	return best;
}

int
rule_closer(const struct cfg *c, const char *rule, int ch, const char *type,
    time_t start, time_t now)
{
	const struct remind_rule *best = rule_closest(c, ch, type, start, now);

	return best && !streq(best->name, rule);
}

const char *
rule_template(const struct cfg *c, const char *rule)
{
	for (size_t i = 0; i < c->remind_nrules; i++)
		if (streq(c->remind_rules[i].name, rule))
			return c->remind_rules[i].template;
	return rule;
}

long
rule_horizon(const struct cfg *c)
{
	long maxb = 0;

	for (size_t i = 0; i < c->remind_nrules; i++)
		if (c->remind_rules[i].before_min > maxb)
			maxb = c->remind_rules[i].before_min;
	return maxb;
}

time_t
rule_retry_at(const struct cfg *c, time_t now, int attempts)
{
	int doublings = attempts < 1 ? 0 : attempts - 1 < 10 ? attempts - 1 :
	    10;

	if (attempts >= c->remind_max_attempts)
		return 0;
	return now + 60L * c->remind_retry_minutes * (1L << doublings);
}

void
rule_key_visit(char key[RULE_KEY_LEN], long long apt, const char *rule,
    int ch, const char *start)
{
	snprintf(key, RULE_KEY_LEN, "apt-%lld/%s/%s/%s", apt, rule,
	    rule_channel(ch), start);
}

void
rule_key_patient(char key[RULE_KEY_LEN], long long patient,
    const char *rule, int ch, const char *day)
{
	snprintf(key, RULE_KEY_LEN, "pat-%lld/%s/%s/%s", patient, rule,
	    rule_channel(ch), day);
}

/*
 * rules - which reminder is due, decided from the config and the clock
 * alone: the closest rule of remind.rules whose time has come for a
 * visit, SMS quiet hours, when a temporary failure is tried again, and
 * the keys that make each reminder go out once.  No database.
 */
#ifndef CLINIX_RULES_H
#define CLINIX_RULES_H

#include <time.h>

struct cfg;
struct remind_rule;

#define RULE_KEY_LEN	128

/* "email" for CH_EMAIL, "sms" for CH_SMS, "" otherwise. */
const char *rule_channel(int ch);
/* The channel named s (email, sms): CH_EMAIL, CH_SMS, or 0. */
int	 rule_channel_parse(const char *s);

/* Is the local time of t inside remind.quiet_hours? */
int	 rule_quiet(const struct cfg *, time_t t);

/*
 * The rule due at now for a visit starting at start, of type (NULL for
 * none), told by channel ch: the one with the smallest lead whose time
 * has come, or NULL (none, or the visit has started).
 */
const struct remind_rule *rule_closest(const struct cfg *, int ch,
	    const char *type, time_t start, time_t now);
/* Has a rule other than rule (the closer one) come due instead? */
int	 rule_closer(const struct cfg *, const char *rule, int ch,
	    const char *type, time_t start, time_t now);
/* The template of the rule named rule; a --template run's is its name. */
const char *rule_template(const struct cfg *, const char *rule);
/* The longest lead of any rule, in minutes: how far ahead a run looks. */
long	 rule_horizon(const struct cfg *);

/*
 * When a message that failed for the attempts-th time, temporarily, is
 * tried again: remind.retry_minutes after now, doubled for every attempt
 * made before (up to 2^10); 0 when remind.max_attempts are used up.
 */
time_t	 rule_retry_at(const struct cfg *, time_t now, int attempts);

/*
 * The key of a reminder: "apt-N/RULE/CHANNEL/START" for a visit (START
 * as stored: a moved visit has a new key), "pat-N/RULE/CHANNEL/DAY" for a
 * patient (one a day).
 */
void	 rule_key_visit(char key[RULE_KEY_LEN], long long apt,
	    const char *rule, int ch, const char *start);
void	 rule_key_patient(char key[RULE_KEY_LEN], long long patient,
	    const char *rule, int ch, const char *day);

#endif

/*
 * remind - the reminder rules (lib/rules) straight from a config: the
 * closest rule whose time has come, per channel and visit type; quiet
 * hours, across midnight or not; the backoff of retries and when they
 * stop; the keys.  Then lib/remind's claim, lease and finish statements
 * against the migrated schema: a key is claimed once, a live lease is
 * left alone, a lapsed one and a retry whose time came are taken back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfg.h"
#include "date.h"
#include "migrated.h"
#include "remind.h"
#include "rules.h"
#include "tap.h"

#define H	3600L
#define D	(24 * H)

static struct cfg *
config(const char *text)
{
	struct cfg *c = NULL;

	if (cfg_load_text(&c, "/unit/clinix.yaml", text, strlen(text)) != 0)
		return NULL;
	return c;
}

static time_t
at(const char *s)
{
	const char	*why;
	time_t		 t = 0;

	if (date_parse_instant(s, &t, &why) != 0)
		diag("%s: %s", s, why);
	return t;
}

/* The name of the rule due, or "-" for none. */
static const char *
due(const struct cfg *c, int ch, const char *type, time_t start, time_t now)
{
	const struct remind_rule *r = rule_closest(c, ch, type, start, now);

	return r ? r->name : "-";
}

static void
closest(void)
{
	struct cfg *c = config("remind:\n"
	    "  rules:\n"
	    "    - { name: week, before: 7d, channels: email }\n"
	    "    - { name: 48h, before: 48h, channels: [email, sms] }\n"
	    "    - { name: 2h, before: 2h, channels: sms }\n"
	    "    - { name: prep, before: 3d, channels: [email, sms], "
	    "types: [Physical], template: prep }\n");
	time_t s = at("2030-12-10T10:00:00Z");

	if (!ok(c != NULL, "a config with four rules loads"))
		return;
	is_str(due(c, CH_EMAIL, NULL, s, s - 8 * D), "-",
	    "eight days out: no rule yet");
	is_str(due(c, CH_EMAIL, NULL, s, s - 7 * D), "week",
	    "seven days out, to the second: the week rule");
	is_str(due(c, CH_SMS, NULL, s, s - 7 * D), "-",
	    "seven days out by SMS: the week rule is email only");
	is_str(due(c, CH_EMAIL, "physical", s, s - 3 * D), "prep",
	    "three days before a physical: its own rule (types match "
	    "whatever the case)");
	is_str(due(c, CH_EMAIL, "Follow-up", s, s - 3 * D), "week",
	    "three days before another type: still the week rule");
	is_str(due(c, CH_EMAIL, NULL, s, s - 3 * D), "week",
	    "a visit of no type: no rule with types");
	is_str(due(c, CH_SMS, "Physical", s, s - 47 * H), "48h",
	    "47 hours out: 48h is closer than prep");
	is_str(due(c, CH_EMAIL, NULL, s, s - 1 * H), "48h",
	    "an hour out by email: 48h, the closest email rule");
	is_str(due(c, CH_SMS, NULL, s, s - 1 * H), "2h",
	    "an hour out by SMS: the 2h rule, not 48h any more");
	is_str(due(c, CH_EMAIL | CH_SMS, NULL, s, s - 1 * H), "2h",
	    "either channel: the closest of all");
	is_str(due(c, CH_SMS, NULL, s, s), "-", "at the start: nothing");
	is_str(due(c, CH_SMS, NULL, s, s + 60), "-", "after it: nothing");

	ok(rule_closer(c, "48h", CH_SMS, NULL, s, s - 1 * H),
	    "a 48h SMS claimed, 2h due: a closer rule came due");
	ok(!rule_closer(c, "48h", CH_SMS, NULL, s, s - 47 * H),
	    "a 48h SMS at 47 hours: nothing closer");
	ok(!rule_closer(c, "48h", CH_SMS, NULL, s, s),
	    "a visit started: no rule at all, so none closer");
	is_str(rule_template(c, "prep"), "prep", "a rule's own template");
	is_str(rule_template(c, "48h"), "appointment",
	    "a rule without one: appointment");
	is_str(rule_template(c, "recall"), "recall",
	    "no such rule (a --template run): its name");
	is_int(rule_horizon(c), 7 * 24 * 60, "a run looks 7 days ahead");
	cfg_free(c);

	c = config("remind:\n  rules: []\n");
	if (ok(c != NULL, "rules: [] loads")) {
		is_str(due(c, CH_EMAIL | CH_SMS, NULL, s, s - 1 * H), "-",
		    "no rules: never anything due");
		is_int(rule_horizon(c), 0, "and nothing ahead to look at");
		cfg_free(c);
	}
	c = config("clinic:\n  name: Maple\n");
	if (ok(c != NULL, "no remind: section loads")) {
		is_str(due(c, CH_EMAIL, NULL, s, s - 47 * H), "48h",
		    "the default rules: 48h by email");
		is_str(due(c, CH_SMS, NULL, s, s - 1 * H), "2h",
		    "and 2h by SMS");
		is_str(due(c, CH_EMAIL, NULL, s, s - 1 * H), "48h",
		    "2h is SMS only");
		cfg_free(c);
	}
}

static void
quiet(void)
{
	struct cfg *c = config("clinic:\n  name: Maple\n");

	if (!ok(c != NULL, "the default quiet hours load"))
		return;
	ok(!rule_quiet(c, at("2030-12-03T20:59:00Z")), "20:59: not quiet");
	ok(rule_quiet(c, at("2030-12-03T21:00:00Z")), "21:00: quiet");
	ok(rule_quiet(c, at("2030-12-03T23:59:00Z")), "23:59: quiet");
	ok(rule_quiet(c, at("2030-12-04T00:00:00Z")), "midnight: quiet");
	ok(rule_quiet(c, at("2030-12-04T07:59:00Z")), "07:59: quiet");
	ok(!rule_quiet(c, at("2030-12-04T08:00:00Z")), "08:00: not quiet");
	cfg_free(c);

	c = config("remind:\n  quiet_hours: 12:00-13:30\n");
	if (ok(c != NULL, "quiet hours inside one day load")) {
		ok(!rule_quiet(c, at("2030-12-03T11:59:00Z")), "11:59: not");
		ok(rule_quiet(c, at("2030-12-03T12:00:00Z")), "12:00: quiet");
		ok(rule_quiet(c, at("2030-12-03T13:29:00Z")), "13:29: quiet");
		ok(!rule_quiet(c, at("2030-12-03T13:30:00Z")), "13:30: not");
		ok(!rule_quiet(c, at("2030-12-03T23:00:00Z")), "23:00: not");
		cfg_free(c);
	}
	c = config("remind:\n  quiet_hours: none\n");
	if (ok(c != NULL, "quiet_hours: none loads")) {
		time_t	midnight = at("2030-12-03T00:00:00Z");
		int	any = 0;

		for (long m = 0; m < 24 * 60; m += 7)
			any |= rule_quiet(c, midnight + 60 * m);
		ok(!any, "none: never quiet");
		cfg_free(c);
	}

	/* the clinic's zone decides, not UTC */
	setenv("TZ", "America/New_York", 1);
	tzset();
	c = config("clinic:\n  name: Maple\n");
	if (c != NULL) {
		ok(!rule_quiet(c, at("2030-12-04T01:30:00Z")),
		    "01:30 UTC is 20:30 in New York: not quiet");
		ok(rule_quiet(c, at("2030-12-04T02:30:00Z")),
		    "02:30 UTC is 21:30 in New York: quiet");
		cfg_free(c);
	}
	setenv("TZ", "UTC", 1);
	tzset();
}

static void
retries(void)
{
	struct cfg	*c = config("remind:\n  retry_minutes: 15\n"
			    "  max_attempts: 4\n");
	time_t		 now = at("2030-12-03T10:00:00Z");

	if (!ok(c != NULL, "retry_minutes: 15, max_attempts: 4 load"))
		return;
	is_int(rule_retry_at(c, now, 1) - now, 15 * 60,
	    "the first failure: again in 15 minutes");
	is_int(rule_retry_at(c, now, 2) - now, 30 * 60,
	    "the second: 30");
	is_int(rule_retry_at(c, now, 3) - now, 60 * 60, "the third: 60");
	is_int(rule_retry_at(c, now, 4), 0,
	    "the fourth attempt was the last: no retry");
	is_int(rule_retry_at(c, now, 9), 0, "nor after it");
	cfg_free(c);

	c = config("remind:\n  retry_minutes: 1\n  max_attempts: 100\n");
	if (ok(c != NULL, "max_attempts: 100 loads")) {
		is_int(rule_retry_at(c, now, 11) - now, 60L << 10,
		    "the eleventh: 2^10 minutes");
		is_int(rule_retry_at(c, now, 50) - now, 60L << 10,
		    "the fiftieth: the doubling stops at 2^10");
		cfg_free(c);
	}
}

static void
keys(void)
{
	char k[RULE_KEY_LEN];

	rule_key_visit(k, 12, "48h", CH_EMAIL, "2026-12-01T14:30:00Z");
	is_str(k, "apt-12/48h/email/2026-12-01T14:30:00Z",
	    "a visit's key: appointment, rule, channel, start");
	rule_key_patient(k, 5, "recall", CH_SMS, "2026-11-27");
	is_str(k, "pat-5/recall/sms/2026-11-27",
	    "a patient's: one a day");
	is_str(rule_channel(CH_EMAIL), "email", "CH_EMAIL is email");
	is_str(rule_channel(CH_SMS), "sms", "CH_SMS is sms");
	is_str(rule_channel(CH_EMAIL | CH_SMS), "", "both are no one name");
	is_int(rule_channel_parse("sms"), CH_SMS, "sms parses");
	is_int(rule_channel_parse("email"), CH_EMAIL, "email parses");
	is_int(rule_channel_parse("SMS"), 0, "SMS does not");
	is_int(rule_channel_parse(NULL), 0, "nor NULL (no channel)");
}

/* --- the reminder table ------------------------------------------------- */

static sqlite3_stmt *
prep(sqlite3 *h, const char *name)
{
	sqlite3_stmt *s = NULL;

	for (const struct query *q = remind_queries; q->name; q++)
		if (strcmp(q->name, name) == 0 &&
		    sqlite3_prepare_v2(h, q->sql, -1, &s, NULL) != SQLITE_OK)
			diag("%s: %s", name, sqlite3_errmsg(h));
	if (s == NULL)
		diag("no statement %s", name);
	return s;
}

static void
bind(sqlite3_stmt *s, const char *param, const char *v)
{
	int i = sqlite3_bind_parameter_index(s, param);

	if (i == 0)
		diag("no parameter %s in %s", param, sqlite3_sql(s));
	sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Claim key until lease for run: the rows the INSERT made (1 or 0). */
static int
claim(sqlite3 *h, const char *key, const char *lease, const char *run)
{
	sqlite3_stmt	*s = prep(h, "remind.claim");
	int		 n = -1;

	if (s == NULL)
		return -1;
	bind(s, ":key", key);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":patient"), 1);
	bind(s, ":rule", "48h");
	bind(s, ":channel", "email");
	bind(s, ":address", "ana@example.org");
	bind(s, ":lease", lease);
	bind(s, ":run", run);
	if (sqlite3_step(s) == SQLITE_DONE)
		n = sqlite3_changes(h);
	sqlite3_finalize(s);
	return n;
}

/* Take back what is due by now for run until lease: "key attempts" ... */
static void
reclaim(sqlite3 *h, const char *now, const char *lease, const char *run,
    char *out, size_t len)
{
	sqlite3_stmt	*s = prep(h, "remind.reclaim");
	size_t		 n = 0;

	out[0] = '\0';
	if (s == NULL)
		return;
	bind(s, ":now", now);
	bind(s, ":lease", lease);
	bind(s, ":run", run);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":limit"), 200);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":email"), 1);
	sqlite3_bind_int(s, sqlite3_bind_parameter_index(s, ":sms"), 1);
	while (sqlite3_step(s) == SQLITE_ROW && n < len)
		n += snprintf(out + n, len - n, "%s%s %d", n ? "," : "",
		    sqlite3_column_text(s, 1), sqlite3_column_int(s, 6));
	sqlite3_finalize(s);
}

/* reclaim, and what it took back is want ("" for nothing). */
static void
reclaimed(sqlite3 *h, const char *now, const char *lease, const char *run,
    const char *want, const char *what)
{
	char got[512];

	reclaim(h, now, lease, run, got, sizeof(got));
	is_str(got, want, "%s", what);
}

static void
done(sqlite3 *h, const char *key, const char *status, const char *next)
{
	sqlite3_stmt	*s = prep(h, "remind.done");
	sqlite3_stmt	*id;

	if (s == NULL)
		return;
	sqlite3_prepare_v2(h, "SELECT id FROM reminder WHERE key = ?1", -1,
	    &id, NULL);
	sqlite3_bind_text(id, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(id) == SQLITE_ROW)
		sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":id"),
		    sqlite3_column_int64(id, 0));
	sqlite3_finalize(id);
	bind(s, ":status", status);
	if (next)
		bind(s, ":next_at", next);
	if (sqlite3_step(s) != SQLITE_DONE)
		diag("remind.done: %s", sqlite3_errmsg(h));
	sqlite3_finalize(s);
}

/* One column of key's row, as text ("" for NULL). */
static const char *
field(sqlite3 *h, const char *key, const char *column)
{
	static char	 v[200];
	char		 sql[200];
	sqlite3_stmt	*s;

	v[0] = '\0';
	snprintf(sql, sizeof(sql), "SELECT coalesce(%s, '') FROM reminder "
	    "WHERE key = ?1", column);
	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) != SQLITE_OK)
		return "?";
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(v, sizeof(v), "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

static void
leases(void)
{
	const char	*k = "apt-1/48h/email/2030-12-10T10:00:00Z";
	sqlite3		*h = migrated_db();

	if (h == NULL)
		return;
	if (!is_int(sqlite3_exec(h, "INSERT INTO patient (mrn, first, last, "
	    "dob, created_at, updated_at) VALUES ('M1', 'Ana', 'Diaz', "
	    "'1980-01-02', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')",
	    NULL, NULL, NULL), SQLITE_OK, "a patient to remind")) {
		diag("%s", sqlite3_errmsg(h));
		sqlite3_close(h);
		return;
	}
	is_int(claim(h, k, "2030-12-08T10:15:00Z", "a:1"), 1,
	    "a free key is claimed");
	is_int(claim(h, k, "2030-12-08T10:20:00Z", "b:2"), 0,
	    "a taken key is not: the second run leaves it");
	is_str(field(h, k, "run || ' ' || lease_until || ' ' || attempts"),
	    "a:1 2030-12-08T10:15:00Z 1", "the first claim stands");

	reclaimed(h, "2030-12-08T10:14:59Z", "2030-12-08T10:30:00Z", "b:2",
	    "", "a lease that has not run out is not taken back");
	reclaimed(h, "2030-12-08T10:15:01Z", "2030-12-08T10:30:00Z", "b:2",
	    "apt-1/48h/email/2030-12-10T10:00:00Z 2",
	    "one that ran out is, as a second attempt");
	is_str(field(h, k, "run || ' ' || lease_until || ' ' || status"),
	    "b:2 2030-12-08T10:30:00Z claimed", "now the second run's");

	done(h, k, "retry", "2030-12-08T11:00:00Z");
	is_str(field(h, k, "status || ' ' || next_at || ' ' || "
	    "coalesce(lease_until, 'no lease')"),
	    "retry 2030-12-08T11:00:00Z no lease",
	    "a temporary failure: retry from next_at, the lease let go");
	reclaimed(h, "2030-12-08T10:59:59Z", "2030-12-08T11:30:00Z", "c:3",
	    "", "a retry is not taken before its time");
	reclaimed(h, "2030-12-08T11:00:00Z", "2030-12-08T11:30:00Z", "c:3",
	    "apt-1/48h/email/2030-12-10T10:00:00Z 3",
	    "at its time it is: the third attempt");

	done(h, k, "sent", NULL);
	is_str(field(h, k, "status || ' ' || (sent_at IS NOT NULL) || ' ' || "
	    "coalesce(lease_until, 'no lease')"), "sent 1 no lease",
	    "sent: a time stamp, no lease");
	reclaimed(h, "2031-01-01T00:00:00Z", "2031-01-01T00:30:00Z", "d:4",
	    "", "a sent reminder is never taken back");
	is_int(claim(h, k, "2031-01-01T00:30:00Z", "d:4"), 0,
	    "nor claimed again");
	sqlite3_close(h);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	closest();
	quiet();
	retries();
	keys();
	leases();
	return done_testing();
}

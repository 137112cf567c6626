/*
 * card - unit tests for lib/card.c: pay.card_command run with the amount
 * and description on stdin, and what it prints judged.  Each fake command
 * is a shell script written here that proves it ran by leaving a marker
 * file (so "refused before running" and "ran and failed" are told apart),
 * and keeps what it read on stdin for us to check.  The time limit comes
 * from pay.card_timeout: 1 in the config, so no test waits long.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "card.h"
#include "cfg.h"
#include "tap.h"
#include "util.h"

static char dir[] = "/tmp/clinix-card-XXXXXX";

/*
 * A fake card command: it saves stdin in DIR/in, leaves DIR/ran, then
 * runs body.  Returns a config with it as pay.card_command and timeout
 * seconds (0: the key not given).  Caller frees.
 */
static struct cfg *
fake(const char *body, int timeout)
{
	char		 path[128], *yaml;
	struct cfg	*c = NULL;
	FILE		*f;

	snprintf(path, sizeof(path), "%s/in", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/ran", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/card-cmd", dir);
	if ((f = fopen(path, "w")) == NULL)
		return NULL;
	fprintf(f, "#!/bin/sh\ncat >'%s/in'\n: >'%s/ran'\n%s\n", dir, dir,
	    body);
	fclose(f);
	chmod(path, 0700);
	yaml = timeout ? xasprintf("pay:\n  card_command: [%s, --terminal, "
	    "t1]\n  card_timeout: %d\n", path, timeout) :
	    xasprintf("pay:\n  card_command: [%s]\n", path);
	if (cfg_load_text(&c, "/unit/clinix.yaml", yaml, strlen(yaml)) != 0)
		c = NULL;
	free(yaml);
	return c;
}

static int
ran(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/ran", dir);
	return access(path, F_OK) == 0;
}

/* What the fake read on stdin (static), or "" */
static const char *
input(void)
{
	static char	 b[512];
	char		 path[128];
	size_t		 n = 0;
	FILE		*f;

	snprintf(path, sizeof(path), "%s/in", dir);
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(b, 1, sizeof(b) - 1, f);
		fclose(f);
	}
	b[n] = '\0';
	return b;
}

/* card_charge with a fake running body; the result in r. */
static int
charge(const char *body, long long cents, const char *desc,
    struct card_result *r)
{
	struct cfg	*c = fake(body, 1);
	int		 rc;

	if (c == NULL) {
		diag("could not make the fake command");
		return -1;
	}
	rc = card_charge(c, cents, desc, r);
	cfg_free(c);
	return rc;
}

static void
test_ok(void)
{
	struct card_result r;

	is_int(charge("echo 'ref=ch_3PqX9a brand=visa last4=1111'", 1234,
	    "copay pat-12", &r), 0, "a charge that goes through");
	ok(ran(), "the command ran");
	is_str(input(), "amount=12.34\ndescription=copay pat-12\n",
	    "it read the amount and description as key=value lines");
	is_str(r.ref, "ch_3PqX9a", "ref");
	is_str(r.brand, "visa", "brand");
	is_str(r.last4, "1111", "last4");

	is_int(charge("printf 'auth=ok\\nlast4=0005\\nbrand=amex\\n"
	    "ref=2026/01:A-7.x\\n'", 5, NULL, &r), 0,
	    "one key a line, in any order, an unknown key ignored");
	is_str(input(), "amount=0.05\ndescription=\n", "no description");
	is_str(r.ref, "2026/01:A-7.x", "ref with . _ : / -");
	is_str(r.brand, "amex", "brand amex");
	is_str(r.last4, "0005", "last4 with a leading 0");
}

static void
test_refused(void)
{
	struct card_result	 r;
	struct cfg		*c;

	is_int(charge("echo ref=a brand=visa last4=1111", 1000,
	    "note 4111 1111 1111 1111", &r), 65,
	    "a card number in the description");
	ok(!ran(), "is refused before the command runs");
	ok(strstr(r.msg, "card number") && !strstr(r.msg, "4111"),
	    "msg says why, without the number: %s", r.msg);
	is_int(charge("echo ref=a brand=visa last4=1111", 0, NULL, &r), 65,
	    "amount 0");
	ok(!ran(), "never reaches the command");
	is_int(charge("echo ref=a brand=visa last4=1111", -100, NULL, &r), 65,
	    "a negative amount");
	is_int(charge("echo ref=a brand=visa last4=1111", 100, "a\nb", &r),
	    65, "a description of two lines");
	ok(!ran(), "is refused too");

	c = NULL;
	is_int(cfg_load_text(&c, "/unit/clinix.yaml", "clinic:\n  name: X\n",
	    strlen("clinic:\n  name: X\n")), 0, "a config without pay.card_command");
	is_int(c ? c->pay_card_timeout : 0, 60, "pay.card_timeout is 60 "
	    "by default");
	is_int(c ? card_charge(c, 100, NULL, &r) : -1, 78,
	    "no command configured: 78");
	ok(strstr(r.msg, "pay.card_command") != NULL, "msg names the key");
	cfg_free(c);

	c = NULL;
	is_int(cfg_load_text(&c, "/unit/clinix.yaml",
	    "pay:\n  card_command: [/nonexistent/card-cmd]\n",
	    strlen("pay:\n  card_command: [/nonexistent/card-cmd]\n")), 0,
	    "a command that is not there");
	is_int(c ? card_charge(c, 100, NULL, &r) : -1, 69, "cannot start: 69");
	cfg_free(c);

	c = NULL;
	is_int(cfg_load_text(&c, "/unit/clinix.yaml",
	    "pay:\n  card_timeout: 0\n",
	    strlen("pay:\n  card_timeout: 0\n")), 78, "pay.card_timeout 0 is a "
	    "config error");
	cfg_free(c);
}

static void
test_failed(void)
{
	struct card_result r;

	is_int(charge("echo 'gateway unreachable' >&2; exit 75", 100, NULL,
	    &r), 75, "exit 75: a temporary failure");
	ok(ran(), "the command ran");
	ok(strstr(r.msg, "gateway unreachable") != NULL, "its stderr in msg: "
	    "%s", r.msg);
	is_str(r.ref, "", "no ref");

	is_int(charge("echo 'card declined' >&2; echo 'more' >&2; exit 1",
	    100, NULL, &r), 65, "exit 1: declined, 65");
	ok(strstr(r.msg, "exited 1: card declined") != NULL &&
	    strstr(r.msg, "more") == NULL, "its first stderr line: %s", r.msg);

	is_int(charge("echo 'bad card 4111-1111-1111-1111' >&2; exit 2", 100,
	    NULL, &r), 65, "a message echoing the card number");
	ok(strstr(r.msg, "4111") == NULL, "is not repeated: %s", r.msg);

	is_int(charge("kill -9 $$", 100, NULL, &r), 70,
	    "killed by a signal: 70");

	time_t t0 = time(NULL);
	is_int(charge("sleep 30; echo ref=a brand=visa last4=1111", 100, NULL,
	    &r), 75, "past pay.card_timeout (1 s): 75");
	ok(time(NULL) - t0 < 10, "killed at the limit, not after 30 s (%lld s)",
	    (long long)(time(NULL) - t0));
	ok(ran(), "the command had run");
	ok(strstr(r.msg, "pay.card_timeout") != NULL && r.ref[0] == '\0',
	    "msg names the key, no ref: %s", r.msg);
}

static void
test_garbage(void)
{
	static const struct { const char *out, *what; } t[] = {
		{ "", "nothing at all" },
		{ "brand=visa last4=1111", "no ref" },
		{ "ref= brand=visa last4=1111", "an empty ref" },
		{ "ref=a;b brand=visa last4=1111", "ref with ;" },
		{ "ref=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaa brand=visa last4=1111", "ref of 65 characters" },
		{ "ref=a last4=1111", "no brand" },
		{ "ref=a brand=diners last4=1111", "an unknown brand" },
		{ "ref=a brand=VISA last4=1111", "a brand in capitals" },
		{ "ref=a brand=visa", "no last4" },
		{ "ref=a brand=visa last4=12345", "last4 of five digits" },
		{ "ref=a brand=visa last4=111", "last4 of three" },
		{ "ref=a brand=visa last4=11a1", "last4 not digits" },
		{ "ref=a ref=b brand=visa last4=1111", "ref twice" },
		{ "ref=a brand=visa last4=1111 approved", "a word without =" },
		{ "ref=a brand=visa last4=1111 pan=4111111111111111",
		    "a full card number" },
		{ "ref=a brand=visa last4=1111\\ncard 4111 1111 1111 1111",
		    "a card number with spaces on another line" },
		{ "ref=4111-1111-1111-1111 brand=visa last4=1111",
		    "a card number as the ref" },
	};
	struct card_result	 r;
	char			*body;

	for (size_t i = 0; i < nitems(t); i++) {
		body = xasprintf("printf '%s\\n'", t[i].out);
		is_int(charge(body, 100, NULL, &r), 70, "garbage: %s",
		    t[i].what);
		ok(ran() && r.ref[0] == '\0' && strstr(r.msg, "nothing posted")
		    && strstr(r.msg, "4111") == NULL, "... it ran, no ref, "
		    "msg: %s", r.msg);
		free(body);
	}
	is_int(charge("head -c 20000 /dev/zero | tr '\\0' x", 100, NULL, &r),
	    70, "more output than the cap");
}

int
main(void)
{
	char cmd[64];

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		return done_testing();
	}
	test_ok();
	test_refused();
	test_failed();
	test_garbage();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("left %s behind", dir);
	return done_testing();
}

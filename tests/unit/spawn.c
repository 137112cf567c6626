/*
 * spawn - unit tests for lib/spawn.c: stdin from a buffer, output
 * captured up to the cap, exit codes and signals told apart, the time
 * limit, a command that cannot start, the clean environment, and no
 * descriptor of ours reaching the child.  The children are /bin/sh and
 * coreutils, whose behaviour is POSIX's, not ours.  (Dropping the setgid
 * group is proved by tests/multiuser.bats, which needs root.)
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "spawn.h"
#include "tap.h"
#include "util.h"

static int
sh(const char *script, const char *in, unsigned secs, size_t cap, int flags,
    struct spawn_result *r)
{
	char	*argv[] = { "/bin/sh", "-c", (char *)script, NULL };
	char	 why[256] = "";

	return spawn_run(argv, in, in ? strlen(in) : 0, secs, cap, flags, r,
	    why, sizeof(why));
}

static void
test_io(void)
{
	struct spawn_result r;

	is_int(sh("tr a-z A-Z; echo oops >&2", "hello\n", 10, 1024, 0, &r), 0,
	    "a command runs");
	is_str(r.out.s, "HELLO\n", "its stdin is the buffer, its stdout kept");
	is_str(r.err.s, "oops\n", "stderr kept apart");
	is_int(r.code, 0, "exit code 0");
	ok(!r.timed_out && !r.truncated && r.sig == 0, "no limit hit");
	spawn_result_free(&r);

	/* 200,000 bytes of stdin: more than a pipe holds, so we must poll */
	char *big = xmalloc(200001);
	memset(big, 'x', 200000);
	big[200000] = '\0';
	is_int(sh("wc -c", big, 10, 1024, 0, &r), 0, "a large stdin");
	is_int(atoi(r.out.s ? r.out.s : ""), 200000, "all of it arrives");
	spawn_result_free(&r);
	free(big);

	is_int(sh("head -c 100000 /dev/zero", NULL, 10, 1000, 0, &r), 0,
	    "more output than the cap");
	is_int(r.out.len, 1000, "kept up to the cap");
	ok(r.truncated, "and said so");
	is_int(r.code, 0, "the child still finished (we read the rest)");
	spawn_result_free(&r);

	is_int(sh("cat >/dev/null; exit 75", "abc", 10, 1024, 0, &r), 0,
	    "exit 75");
	is_int(r.code, 75, "its code");
	spawn_result_free(&r);
	is_int(sh("exit 0", "not read at all", 10, 1024, 0, &r), 0,
	    "a child that does not read its stdin");
	is_int(r.code, 0, "is no failure of ours");
	spawn_result_free(&r);
	{
		/* more than a pipe holds: our write meets EPIPE every time */
		size_t	 big = 4 << 20;
		char	*junk = xmalloc(big + 1);

		memset(junk, 'x', big);
		junk[big] = '\0';

		is_int(sh("exit 3", junk, 10, 1024, 0, &r), 0,
		    "a child that quits before 4 MB of stdin is read");
		is_int(r.code, 3, "is told by its status, not our SIGPIPE");
		spawn_result_free(&r);
		free(junk);
	}
	is_int(sh("kill -TERM $$", NULL, 10, 1024, 0, &r), 0, "a signal");
	is_int(r.sig, 15, "SIGTERM told apart");
	is_int(r.code, -1, "no exit code then");
	spawn_result_free(&r);
}

static void
test_limit(void)
{
	struct spawn_result r;
	time_t t0 = time(NULL);

	/* exec: sleep itself is killed, not a shell waiting for it */
	is_int(sh("exec sleep 30", NULL, 1, 1024, 0, &r), 0, "a hung command");
	ok(r.timed_out, "is killed at the limit");
	is_int(r.sig, 9, "with SIGKILL");
	ok(time(NULL) - t0 < 10, "after about a second, not 30");
	spawn_result_free(&r);

	/* a grandchild keeping stdout open does not hold us */
	t0 = time(NULL);
	is_int(sh("sleep 5 & echo started", NULL, 20, 1024, 0, &r), 0,
	    "a child leaving a grandchild behind");
	is_str(r.out.s, "started\n", "its output");
	ok(!r.timed_out && time(NULL) - t0 < 4,
	    "we return when the child ends");
	spawn_result_free(&r);
}

static void
test_start(void)
{
	struct spawn_result	 r;
	char			*argv[] = { "/nonexistent/cmd", NULL };
	char			*argv2[] = { "no-such-command-clinix", NULL };
	char			 why[256] = "";

	is_int(spawn_run(argv, "", 0, 5, 1024, 0, &r, why, sizeof(why)), -1,
	    "a missing command cannot start");
	is_str(why, "/nonexistent/cmd: No such file or directory",
	    "and why is said");
	spawn_result_free(&r);
	ok(!spawn_runnable("/nonexistent/cmd"), "not runnable");
	ok(!spawn_runnable("no-such-command-clinix"), "nor on PATH");
	ok(spawn_runnable("sh"), "sh is, on PATH");
	is_int(spawn_run(argv2, "", 0, 5, 1024, 0, &r, why, sizeof(why)), -1,
	    "a name not on PATH cannot start");
	spawn_result_free(&r);
}

static void
test_env(void)
{
	struct spawn_result r;

	setenv("CLINIX_SPAWN_SECRET", "leak", 1);
	setenv("HOME", "/home/test", 1);
	setenv("LANG", "C.UTF-8", 1);
	setenv("TZ", "America/New_York", 1);
	setenv("PATH", "/usr/bin:/bin", 1);
	/* what the shell itself adds (PWD, SHLVL, _) is left out */
	is_int(sh("env | grep -Ev '^(PWD|SHLVL|_|OLDPWD)=' | sort", NULL, 10,
	    4096, 0, &r), 0, "env");
	is_str(r.out.s, "HOME=/home/test\nLANG=C.UTF-8\nPATH=/usr/bin:/bin\n"
	    "TZ=America/New_York\n", "PATH (the caller's, not elevated), "
	    "HOME, LANG, TZ: nothing else");
	spawn_result_free(&r);
	is_int(sh("printenv CLINIX_SPAWN_SECRET", NULL, 10, 4096, 0, &r), 0,
	    "printenv");
	is_int(r.code, 1, "a clean environment: no other variable");
	spawn_result_free(&r);
	is_int(sh("printenv CLINIX_SPAWN_SECRET", NULL, 10, 4096,
	    SPAWN_KEEP_ENV, &r), 0, "SPAWN_KEEP_ENV");
	is_str(r.out.s, "leak\n", "keeps it when not elevated");
	spawn_result_free(&r);

	/* a descriptor we hold open (like the database) is closed in it */
	int fd = open("/dev/null", O_RDONLY);	/* no O_CLOEXEC, on purpose */
	char script[64];

	snprintf(script, sizeof(script), "test -e /proc/self/fd/%d", fd);
	is_int(sh(script, NULL, 10, 1024, 0, &r), 0, "fd check");
	is_int(r.code, 1, "our descriptor %d is not open in the child", fd);
	spawn_result_free(&r);
	close(fd);
}

/* The editor's way: the terminal (here, our descriptors) inherited. */
static void
test_tty(void)
{
	struct spawn_result r;
	char	 why[256] = "";
	char	*ok3[] = { "/bin/sh", "-c", "exit 3", NULL };
	char	*fds[] = { "/bin/sh", "-c", "[ ! -e /proc/self/fd/9 ]", NULL };
	char	*none[] = { "/nonexistent/editor", NULL };
	int	 fd = dup2(1, 9);

	is_int(spawn_tty(ok3, 0, &r, why, sizeof(why)), 0, "tty: it runs");
	is_int(r.code, 3, "tty: its exit code comes back");
	is_int(spawn_tty(fds, 0, &r, why, sizeof(why)), 0, "tty: runs again");
	is_int(r.code, 0, "tty: no descriptor of ours past 2 reaches it");
	is_int(spawn_tty(none, 0, &r, why, sizeof(why)), -1,
	    "tty: a missing program is not started");
	ok(strstr(why, "/nonexistent/editor") != NULL, "tty: why names it");
	if (fd == 9)
		close(9);
}

int
main(void)
{
	test_io();
	test_limit();
	test_start();
	test_env();
	test_tty();
	return done_testing();
}

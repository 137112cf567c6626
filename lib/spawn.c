/*
 * spawn - see spawn.h.  fork and execve rather than posix_spawn: the child
 * must give up the group privilege (setresgid) before it runs anything,
 * and posix_spawn has no step for that.  Everything the child needs (the
 * environment, the candidate paths) is built before fork, so the child
 * only calls async-signal-safe functions.
 *
 * A pipe with close-on-exec tells the parent whether exec happened: it
 * reads EOF when it did, the child's errno when it did not.  A pidfd lets
 * one poll wait for the child's end, its output and the time limit alike,
 * so a grandchild that keeps the output pipes open cannot hold us.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "priv.h"
#include "spawn.h"

extern char **environ;

#define SPAWN_TTY	0x100	/* child_env: an editor's, TERM kept */

/* NULL-terminated "NAME=value" list for the child; owned. */
static char **
child_env(int flags)
{
	static const char *const keep[] = { "HOME", "LANG", "TZ" };
	char		**e;
	const char	 *v;
	size_t		  n = 0;

	if ((flags & SPAWN_KEEP_ENV) && !priv_elevated()) {
		for (char **p = environ; *p; p++)
			n++;
		e = xcalloc(n + 1, sizeof(*e));
		for (size_t i = 0; i < n; i++)
			e[i] = xstrdup(environ[i]);
		return e;
	}
	e = xcalloc(nitems(keep) + 3, sizeof(*e));
	e[n++] = xasprintf("PATH=%s", priv_child_path());
	if ((flags & SPAWN_TTY) && (v = getenv("TERM")) != NULL)
		e[n++] = xasprintf("TERM=%s", v);
	for (size_t i = 0; i < nitems(keep); i++)
		if ((v = getenv(keep[i])) != NULL)
			e[n++] = xasprintf("%s=%s", keep[i], v);
	return e;
}

/* Where exec should look for prog: itself, or each PATH entry; owned. */
static char **
candidates(const char *prog)
{
	char	**c, *dirs, *d, *save;
	size_t	  n = 0;

	if (strchr(prog, '/') != NULL) {
		c = xcalloc(2, sizeof(*c));
		c[0] = xstrdup(prog);
		return c;
	}
	dirs = xstrdup(priv_child_path());
	c = xcalloc(strlen(dirs) + 2, sizeof(*c));	/* at most one a byte */
	for (d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save))
		c[n++] = xasprintf("%s/%s", *d ? d : ".", prog);
	free(dirs);
	return c;
}

static void
strv_free(char **v)
{
	if (v == NULL)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

int
spawn_runnable(const char *prog)
{
	char	**c = candidates(prog);
	int	  ok = 0;

	/* access(2) checks the real IDs: those the child will run with */
	for (char **p = c; *p && !ok; p++)
		ok = access(*p, X_OK) == 0;
	strv_free(c);
	return ok;
}

/*
 * The child's last steps, async-signal-safe: nothing of ours past the
 * status pipe, the group privilege given up, then each candidate path.
 * Returns only when none could run, its errno the best reason; the
 * caller reports it on the status pipe.
 */
static void
exec_paths(char *const argv[], char **paths, char **envp, int status)
{
	int e = ENOENT;

	if (status > 3)
		close_range(3, (unsigned)status - 1, 0);
	close_range((unsigned)status + 1, ~0U, 0);
	if (priv_drop_child() == -1)
		return;
	for (char **p = paths; *p; p++) {
		execve(*p, argv, envp);
		if (errno != ENOENT && errno != ENOTDIR)
			e = errno;	/* a reason better than "not found" */
	}
	errno = e;
}

/* Runs in the child: only async-signal-safe calls from here to exec. */
static void __attribute__((noreturn))
child(char *const argv[], char **paths, char **envp, const int in[2],
    const int out[2], const int err[2], int status)
{
	int e;

	signal(SIGPIPE, SIG_DFL);	/* we ignore it while we run; it should not */
	if (dup2(in[0], STDIN_FILENO) == -1 ||
	    dup2(out[1], STDOUT_FILENO) == -1 ||
	    dup2(err[1], STDERR_FILENO) == -1)
		goto fail;
	/* nothing of ours (the database, a key) may reach the command */
	exec_paths(argv, paths, envp, status);
fail:
	e = errno;
	(void)!write(status, &e, sizeof(e));
	_exit(127);
}

static long
ms_left(const struct timespec *end)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (end->tv_sec - now.tv_sec) * 1000 +
	    (end->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms;
}

/* Read what fd has into b (up to cap); -1 at EOF or error, else 0. */
static int
drain(int fd, struct buf *b, size_t cap, int *truncated)
{
	char	chunk[4096];
	ssize_t	n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n <= 0)
			return -1;
		size_t room = b->len < cap ? cap - b->len : 0;
		if ((size_t)n > room)
			*truncated = 1;
		buf_add(b, chunk, (size_t)n < room ? (size_t)n : room);
	}
}

int
spawn_run(char *const argv[], const char *in, size_t inlen, unsigned seconds,
    size_t cap, int flags, struct spawn_result *r, char *why, size_t whylen)
{
	int		 pin[2] = { -1, -1 }, pout[2] = { -1, -1 };
	int		 perr[2] = { -1, -1 }, pst[2] = { -1, -1 };
	int		 pfd = -1, st, e, rc = -1;
	char		**envp = child_env(flags), **paths = candidates(argv[0]);
	struct timespec	 end;
	size_t		 off = 0;
	pid_t		 pid;
	ssize_t		 n;
	struct sigaction ign = { .sa_handler = SIG_IGN }, pipe_was;

	/* a child that stops reading must not kill us through our write */
	sigaction(SIGPIPE, &ign, &pipe_was);
	memset(r, 0, sizeof(*r));
	r->code = -1;
	if (pipe2(pin, O_CLOEXEC) == -1 || pipe2(pout, O_CLOEXEC) == -1 ||
	    pipe2(perr, O_CLOEXEC) == -1 || pipe2(pst, O_CLOEXEC) == -1) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		goto out;
	}
	if ((pid = fork()) == -1) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0)
		child(argv, paths, envp, pin, pout, perr, pst[1]);
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	close(pst[1]);
	pin[0] = pout[1] = perr[1] = pst[1] = -1;
	while ((n = read(pst[0], &e, sizeof(e))) == -1 && errno == EINTR)
		;
	if (n == sizeof(e)) {	/* it never ran */
		while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
			;
		snprintf(why, whylen, "%s: %s", argv[0], strerror(e));
		goto out;
	}
	rc = 0;
	fcntl(pin[1], F_SETFL, O_NONBLOCK);
	fcntl(pout[0], F_SETFL, O_NONBLOCK);
	fcntl(perr[0], F_SETFL, O_NONBLOCK);
	pfd = pidfd_open(pid, 0);	/* -1 on old kernels: wait for EOF */
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += seconds;
	if (inlen == 0) {
		close(pin[1]);
		pin[1] = -1;
	}
	while (pin[1] != -1 || pout[0] != -1 || perr[0] != -1) {
		struct pollfd	p[4];
		nfds_t		np = 0;
		int		iin = -1, iout = -1, ierr = -1, ipid = -1;

		if (pin[1] != -1)
			p[iin = np++] = (struct pollfd){ pin[1], POLLOUT, 0 };
		if (pout[0] != -1)
			p[iout = np++] = (struct pollfd){ pout[0], POLLIN, 0 };
		if (perr[0] != -1)
			p[ierr = np++] = (struct pollfd){ perr[0], POLLIN, 0 };
		if (pfd != -1)
			p[ipid = np++] = (struct pollfd){ pfd, POLLIN, 0 };
		int k = poll(p, np, seconds ? (int)ms_left(&end) : -1);
		if (k == -1 && errno == EINTR)
			continue;
		if (k == 0 || (seconds && ms_left(&end) == 0)) {
			kill(pid, SIGKILL);
			r->timed_out = 1;
			break;
		}
		if (iin != -1 && p[iin].revents) {
			n = write(pin[1], in + off, inlen - off);
			if (n > 0)
				off += (size_t)n;
			/* done, or it stopped reading: its status says */
			if (off == inlen || (n < 0 && errno != EAGAIN &&
			    errno != EINTR)) {
				close(pin[1]);
				pin[1] = -1;
			}
		}
		if (iout != -1 && p[iout].revents &&
		    drain(pout[0], &r->out, cap, &r->truncated) == -1) {
			close(pout[0]);
			pout[0] = -1;
		}
		if (ierr != -1 && p[ierr].revents &&
		    drain(perr[0], &r->err, cap, &r->truncated) == -1) {
			close(perr[0]);
			perr[0] = -1;
		}
		if (ipid != -1 && p[ipid].revents) {
			/* it ended: take what is already written, then stop */
			if (pout[0] != -1)
				drain(pout[0], &r->out, cap, &r->truncated);
			if (perr[0] != -1)
				drain(perr[0], &r->err, cap, &r->truncated);
			break;
		}
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			snprintf(why, whylen, "waitpid: %s", strerror(errno));
			rc = -1;
			goto out;
		}
	if (WIFEXITED(st))
		r->code = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		r->sig = WTERMSIG(st);
out:
	{
		int fds[] = { pin[0], pin[1], pout[0], pout[1], perr[0],
		    perr[1], pst[0], pst[1], pfd };

		for (size_t i = 0; i < nitems(fds); i++)
			if (fds[i] != -1)
				close(fds[i]);
	}
	strv_free(envp);
	strv_free(paths);
	sigaction(SIGPIPE, &pipe_was, NULL);
	return rc;
}

void
spawn_result_free(struct spawn_result *r)
{
	buf_free(&r->out);
	buf_free(&r->err);
}

/* The child of spawn_tty: as child(), on the descriptors it inherited. */
static void __attribute__((noreturn))
tty_child(char *const argv[], char **paths, char **envp, int status)
{
	int e;

	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	exec_paths(argv, paths, envp, status);
	e = errno;
	(void)!write(status, &e, sizeof(e));
	_exit(127);
}

int
spawn_tty(char *const argv[], int flags, struct spawn_result *r, char *why,
    size_t whylen)
{
	int		 pst[2] = { -1, -1 }, st, e, rc = -1;
	char		**envp = child_env(flags | SPAWN_TTY);
	char		**paths = candidates(argv[0]);
	struct sigaction ign = { .sa_handler = SIG_IGN }, int_was, quit_was;
	ssize_t		 n;
	pid_t		 pid;

	memset(r, 0, sizeof(*r));
	r->code = -1;
	if (pipe2(pst, O_CLOEXEC) == -1) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		goto out;
	}
	sigaction(SIGINT, &ign, &int_was);
	sigaction(SIGQUIT, &ign, &quit_was);
	if ((pid = fork()) == -1) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		goto restore;
	}
	if (pid == 0)
		tty_child(argv, paths, envp, pst[1]);
	close(pst[1]);
	pst[1] = -1;
	while ((n = read(pst[0], &e, sizeof(e))) == -1 && errno == EINTR)
		;
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			snprintf(why, whylen, "waitpid: %s", strerror(errno));
			goto restore;
		}
	if (n == sizeof(e)) {	/* it never ran */
		snprintf(why, whylen, "%s: %s", argv[0], strerror(e));
		goto restore;
	}
	rc = 0;
	if (WIFEXITED(st))
		r->code = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		r->sig = WTERMSIG(st);
restore:
	sigaction(SIGINT, &int_was, NULL);
	sigaction(SIGQUIT, &quit_was, NULL);
out:
	if (pst[0] != -1)
		close(pst[0]);
	if (pst[1] != -1)
		close(pst[1]);
	strv_free(envp);
	strv_free(paths);
	return rc;
}

/*
 * timeit - wall time and peak RSS of short processes, interleaved.
 *
 *	timeit [-n RUNS] [-w WARMUP] CMD [ARG ...] [:: CMD [ARG ...]] ...
 *
 * Runs every command RUNS times, in rounds: one run of each command per
 * round, the order reversed every other round (ABBA), so slow drifts in
 * the machine (frequency, cache, other tenants) fall on all commands alike
 * instead of on whichever ran last.  WARMUP rounds (default 3) go first
 * and are not reported: they fill the page cache.
 *
 * For each measured run it prints "K<TAB>USEC<TAB>MAXRSS_KB<TAB>CPU_USEC":
 * the command's index (0 for the first), wall microseconds from before the
 * spawn to after wait4 returned, and from wait4's rusage ru_maxrss and the
 * user+system CPU time.  CPU time leaves out waiting (fsync, a busy disk,
 * other tenants' turn on the CPU), so on a noisy machine it tells program
 * overhead apart from noise better than wall time does; wall time is what
 * a user waits for.  ru_maxrss cannot go below timeit's own RSS at spawn
 * time (about 1.5 MB): that is where the kernel starts counting.
 * Statistics are bench/run's business.  Children's stdout goes to /dev/null, their stderr
 * is kept; a command that fails stops the whole thing (exit 1), because a
 * fast failure is not a result.
 *
 * Why not `date +%s%N` in sh: forking date twice costs as much as the
 * process being measured.  Spawning is posix_spawn, a vfork underneath,
 * so timeit's own size does not add page-table copying to every sample.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXCMDS	16

extern char **environ;

static long
number(const char *s)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < 0 || v > 1000000)
		errx(64, "not a count: '%s'", s);
	return v;
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static double
tv_us(struct timeval tv)
{
	return (double)tv.tv_sec * 1e6 + (double)tv.tv_usec;
}

/* One run of cmd; wall and CPU time (us), max RSS (KiB) via the out args. */
static void
run(char *const cmd[], const posix_spawn_file_actions_t *fa, double *us,
    double *cpu, long *rss)
{
	struct rusage	ru;
	pid_t		pid;
	double		t0;
	int		st, e;

	t0 = now_us();
	if ((e = posix_spawnp(&pid, cmd[0], fa, NULL, cmd, environ)) != 0) {
		errno = e;
		err(1, "%s", cmd[0]);
	}
	while (wait4(pid, &st, 0, &ru) == -1)
		if (errno != EINTR)
			err(1, "wait4");
	*us = now_us() - t0;
	*rss = ru.ru_maxrss;
	*cpu = tv_us(ru.ru_utime) + tv_us(ru.ru_stime);
	if (WIFSIGNALED(st))
		errx(1, "%s: killed by signal %d", cmd[0], WTERMSIG(st));
	if (WEXITSTATUS(st) != 0)
		errx(1, "%s: exit %d (run it by hand to see why)", cmd[0],
		    WEXITSTATUS(st));
}

int
main(int argc, char *argv[])
{
	posix_spawn_file_actions_t	 fa;
	char				**cmd[MAXCMDS];
	long				 runs = 50, warm = 3, rss;
	double				 us, cpu;
	int				 c, ncmd = 0;

	while ((c = getopt(argc, argv, "+n:w:")) != -1)
		switch (c) {
		case 'n':
			runs = number(optarg);
			break;
		case 'w':
			warm = number(optarg);
			break;
		default:
			goto usage;
		}
	argv += optind;
	argc -= optind;
	/* split argv in place at each "::" */
	for (int i = 0; i < argc; i++) {
		if (ncmd == MAXCMDS)
			errx(64, "more than %d commands", MAXCMDS);
		if (strcmp(argv[i], "::") == 0)
			goto usage;
		cmd[ncmd++] = &argv[i];
		while (i < argc && strcmp(argv[i], "::") != 0)
			i++;
		argv[i] = NULL;		/* argv[argc] is NULL already */
	}
	if (ncmd == 0) {
usage:
		fprintf(stderr, "usage: timeit [-n runs] [-w warmup] "
		    "cmd [arg ...] [:: cmd [arg ...]] ...\n");
		return 64;
	}

	if (posix_spawn_file_actions_init(&fa) != 0 ||
	    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
	    O_WRONLY, 0) != 0)
		errx(1, "posix_spawn_file_actions");
	for (long r = 0; r < warm + runs; r++)
		for (int j = 0; j < ncmd; j++) {
			int k = r % 2 ? ncmd - 1 - j : j;

			run(cmd[k], &fa, &us, &cpu, &rss);
			if (r >= warm)
				printf("%d\t%.0f\t%ld\t%.0f\n", k, us, rss,
				    cpu);
		}
	posix_spawn_file_actions_destroy(&fa);
	return fflush(stdout) == 0 ? 0 : 1;
}

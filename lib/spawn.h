/*
 * spawn - run a configured command (sendmail, the SMS command, $EDITOR,
 * later the card and e-prescribing commands): argv, never a shell;
 * stdin from a buffer; stdout and stderr captured up to a cap; a time
 * limit; and, in the child, the group privilege of an installed program
 * given up before exec.  An editor gets the terminal instead (spawn_tty).
 */
#ifndef CLINIX_SPAWN_H
#define CLINIX_SPAWN_H

#include <stddef.h>

#include "util.h"

/*
 * Keep the caller's whole environment instead of PATH, HOME, LANG and TZ
 * alone.  Ignored when elevated (priv_elevated): then the child always
 * gets the clean four, with a fixed PATH.
 */
#define SPAWN_KEEP_ENV	1

struct spawn_result {
	int		 code;		/* exit code, or -1 if signalled */
	int		 sig;		/* the signal that ended it, or 0 */
	int		 timed_out;	/* we killed it at the time limit */
	int		 truncated;	/* out or err passed the cap */
	struct buf	 out, err;	/* what it wrote, cap bytes at most each */
};

/*
 * Run argv[0] (searched on the child's PATH) with in[0..inlen) on its
 * stdin; kill it after seconds (0: no limit).  0 when it ran, whatever its
 * status (see r); -1 when it could not be started, with the reason in why.
 */
int	 spawn_run(char *const argv[], const char *in, size_t inlen,
	    unsigned seconds, size_t cap, int flags, struct spawn_result *r,
	    char *why, size_t whylen);
void	 spawn_result_free(struct spawn_result *);
/*
 * Run argv[0] on the caller's terminal, for $EDITOR: stdin, stdout and
 * stderr inherited, nothing captured, no time limit.  Otherwise the rules
 * of spawn_run: no shell, no descriptor of ours past 2, the group
 * privilege given up, the clean environment when elevated (with TERM,
 * which an editor needs).  We ignore SIGINT and SIGQUIT while it runs,
 * as system(3) does: a ^C is the editor's.  0 when it ran (r->code,
 * r->sig), -1 when it could not be started, with why.
 */
int	 spawn_tty(char *const argv[], int flags, struct spawn_result *r,
	    char *why, size_t whylen);
/* Can prog be run: a path, or found on the child's PATH? */
int	 spawn_runnable(const char *prog);

#endif

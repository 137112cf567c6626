/*
 * editor - see editor.h.  The editor runs through spawn_tty, so it gets
 * the terminal, a clean environment when the program is installed setgid,
 * and none of the group privilege: it can write the temporary file (the
 * user's own) and nothing of the clinic's.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "editor.h"
#include "spawn.h"
#include "util.h"

/* Read f to its end into *out, refusing past max bytes. */
static int
slurp(FILE *f, const char *name, size_t max, char **out)
{
	struct buf	b = { 0 };
	char		chunk[8192];
	size_t		n;

	*out = NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > max) {
			warnx("%s: longer than %zu bytes", name, max);
			buf_free(&b);
			return EX_DATAERR;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		warn("%s", name);
		buf_free(&b);
		return EX_IOERR;
	}
	*out = b.s ? b.s : xstrdup("");
	return 0;
}

int
editor_read(const char *path, size_t max, char **out)
{
	FILE	*f;
	int	 rc;

	if (streq(path, "-"))
		return slurp(stdin, "stdin", max, out);
	if ((f = fopen(path, "r")) == NULL) {
		warn("%s", path);
		return EX_NOINPUT;
	}
	rc = slurp(f, path, max, out);
	fclose(f);
	return rc;
}

/* The editor's words: $VISUAL, $EDITOR or vi split on blanks; owned. */
static char **
words(const char *file, char **copy)
{
	const char	*v = getenv("VISUAL");
	char		**argv, *w, *save;
	size_t		  n = 0;

	if (v == NULL || strspn(v, " \t") == strlen(v))
		v = getenv("EDITOR");
	if (v == NULL || strspn(v, " \t") == strlen(v))
		v = "vi";
	*copy = xstrdup(v);
	argv = xcalloc(strlen(v) + 2, sizeof(*argv));	/* a word a byte */
	for (w = strtok_r(*copy, " \t", &save); w;
	    w = strtok_r(NULL, " \t", &save))
		argv[n++] = w;
	argv[n] = (char *)file;
	return argv;
}

int
editor_edit(const char *name, const char *start, char **out)
{
	struct spawn_result	 r;
	const char		*tmp = getenv("TMPDIR");
	char			*path, *copy, **argv, why[256] = "";
	size_t			 len = strlen(start);
	int			 fd, rc;

	*out = NULL;
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	path = xasprintf("%s/clinix-%s-XXXXXX.txt", tmp, name);
	/* mkstemps makes it 0600: the starting text may be PHI */
	if ((fd = mkstemps(path, 4)) == -1) {
		warn("%s", path);
		free(path);
		return EX_CANTCREAT;
	}
	if (write(fd, start, len) != (ssize_t)len || close(fd) == -1) {
		warn("%s", path);
		unlink(path);
		free(path);
		return EX_IOERR;
	}
	argv = words(path, &copy);
	if (spawn_tty(argv, SPAWN_KEEP_ENV, &r, why, sizeof(why)) == -1) {
		warnx("cannot run the editor: %s (set VISUAL or EDITOR)", why);
		rc = EX_UNAVAILABLE;
	} else if (r.code != 0) {
		if (r.sig)
			warnx("editor '%s' killed by signal %d: nothing saved",
			    argv[0], r.sig);
		else
			warnx("editor '%s' exited %d: nothing saved",
			    argv[0], r.code);
		rc = 1;
	} else
		/* by name: an editor may write a new file in its place */
		rc = editor_read(path, 1000000, out);
	unlink(path);
	free(argv);
	free(copy);
	free(path);
	return rc;
}

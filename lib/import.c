/*
 * import - see import.h.  One pass over the file, one record in memory:
 * a million-row import runs in the memory of one row.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "csvio.h"
#include "import.h"
#include "yrec.h"

int
import_open(struct importer *im, const char *path)
{
	int rc;

	if ((rc = csvin_open(&im->in, path)) != 0)
		return rc;
	im->path = path;
	im->name = csvin_name(im->in);
	return 0;
}

void
import_bad(struct importer *im, size_t line, const char *field,
    const char *why)
{
	warnx("%s:%zu: %s: %s", im->name, line, field, why);
	im->bad++;
}

static int
run_json(struct importer *im, const struct import_ops *ops, void *arg,
    FILE *f)
{
	char	*line = NULL;
	size_t	 cap = 0, lineno = 0;
	ssize_t	 n;
	int	 rc = 0;

	while (rc == 0 && (n = getline(&line, &cap, f)) != -1) {
		long long	 bad = im->bad;
		int		 ok;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';	/* errors then point at this line */
		if (strspn(line, " \t") == (size_t)n)
			continue;
		im->rows++;
		ok = yrec_read_string(line, (size_t)n, im->name, lineno - 1,
		    ops->field, arg) == 0;
		if (!ok && im->bad == bad)	/* a syntax error: not yet counted */
			im->bad++;
		rc = ops->end(im, ok, lineno, arg);
	}
	free(line);
	return rc;
}

static int
run_csv(struct importer *im, const struct import_ops *ops, void *arg)
{
	struct csvrec	 r;
	int		 got, rc, tty = isatty(STDERR_FILENO);

	if ((got = csvin_next(im->in, &r)) != 1) {
		if (got == 0)
			warnx("%s: empty file", im->name);
		return got == 0 ? EX_DATAERR : got;
	}
	if ((rc = ops->header(im, r.f, r.n, r.line, arg)) != 0)
		return rc;
	while (rc == 0 && (got = csvin_next(im->in, &r)) == 1) {
		im->rows++;
		rc = ops->row(im, r.f, r.n, r.line, arg);
		if (tty && im->rows % 10000 == 0)
			fprintf(stderr, "\r%s: import: %lld rows",
			    program_invocation_short_name, im->rows);
	}
	if (tty && im->rows >= 10000)
		fputc('\n', stderr);
	return rc ? rc : got;
}

int
import_run(struct importer *im, const struct import_ops *ops, void *arg)
{
	FILE	*f;
	int	 c, rc = 0, json = 0;

	/* a JSON-lines file starts with '{'; CSV never does */
	f = strcmp(im->path, "-") ? fopen(im->path, "r") : stdin;
	if (f && (c = getc(f)) != EOF) {
		ungetc(c, f);
		if ((json = c == '{'))
			rc = run_json(im, ops, arg, f);
	}
	if (f && f != stdin)
		fclose(f);
	if (!json)
		rc = run_csv(im, ops, arg);
	if (rc == 0 && im->bad > 0 && !im->keep)
		rc = EX_DATAERR;
	return rc;
}

void
import_close(struct importer *im)
{
	csvin_close(im->in);
	im->in = NULL;
}

/*
 * import - lib/import.c, the frame of a bulk import: CSV with a header
 * and JSON lines told apart by the first byte, every record handed over
 * with its line, rows and bad rows counted, a syntax error counted once,
 * bad rows failing the run unless keep.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "import.h"
#include "tap.h"
#include "util.h"

static char	 dir[] = "/tmp/import.XXXXXX";
static char	 seen[1024];	/* what the callbacks were given */

static void
saw(const char *fmt, const char *a, const char *b, size_t line)
{
	size_t n = strlen(seen);

	snprintf(seen + n, sizeof(seen) - n, "%s", n ? " " : "");
	n = strlen(seen);
	snprintf(seen + n, sizeof(seen) - n, fmt, a, b, line);
}

static int
header(struct importer *im, char *const *f, size_t n, size_t line,
    void *arg)
{
	(void)arg;
	saw("H%s,%s@%zu", f[0], n > 1 ? f[1] : "", line);
	if (strcmp(f[0], "refuse") == 0) {
		import_bad(im, line, f[0], "no such column");
		return EX_DATAERR;
	}
	return 0;
}

static int
row(struct importer *im, char *const *v, size_t n, size_t line, void *arg)
{
	(void)arg;
	saw("R%s,%s@%zu", v[0], n > 1 ? v[1] : "", line);
	if (strcmp(v[0], "bad") == 0)
		import_bad(im, line, "a", "bad value");
	return strcmp(v[0], "stop") == 0 ? EX_IOERR : 0;
}

static int
field(const char *key, const char *value, size_t line, void *arg)
{
	struct importer *im = arg;

	saw("F%s=%s@%zu", key, value, line);
	if (strcmp(value, "bad") == 0) {
		import_bad(im, line, key, "bad value");
		return EX_DATAERR;
	}
	return 0;
}

static int
end(struct importer *im, int ok, size_t line, void *arg)
{
	(void)im, (void)arg;
	saw("E%s%s@%zu", ok ? "ok" : "bad", "", line);
	return 0;
}

static const struct import_ops ops = { header, row, field, end };

/* Run the frame on text: its code; the counts "rows bad" in counts. */
static int
run(const char *text, int keep, char counts[32])
{
	struct importer	 im = { .keep = keep };
	char		*path = xasprintf("%s/in", dir);
	FILE		*f = fopen(path, "w");
	int		 rc;

	fputs(text, f);
	fclose(f);
	seen[0] = '\0';
	if ((rc = import_open(&im, path)) == 0)
		rc = import_run(&im, &ops, &im);
	snprintf(counts, 32, "%lld %lld", im.rows, im.bad);
	import_close(&im);
	unlink(path);
	free(path);
	return rc;
}

int
main(void)
{
	char	 c[32];

	if (mkdtemp(dir) == NULL)
		return 1;
	is_int(run("a,b\n1,2\n\"x\ny\",3\n", 0, c), 0, "CSV");
	is_str(seen, "Ha,b@1 R1,2@2 Rx\ny,3@3", "header, then rows by line");
	is_str(c, "2 0", "two rows, none bad");
	is_int(run("a\nbad\nok\n", 0, c), EX_DATAERR,
	    "a bad row fails the run");
	is_str(c, "2 1", "and the rest are still read");
	is_int(run("a\nbad\nok\n", 1, c), 0, "unless keep");
	is_int(run("a\nstop\nok\n", 1, c), EX_IOERR, "an error stops it");
	is_str(c, "1 0", "at that row");
	is_int(run("refuse,b\n1,2\n", 0, c), EX_DATAERR, "a refused header");
	is_str(seen, "Hrefuse,b@1", "and no row read");
	is_int(run("", 0, c), EX_DATAERR, "an empty file");

	is_int(run("{\"a\":\"1\",\"b\":\"2\"}\n\n  \n{\"a\":\"3\"}\r\n", 0, c),
	    0, "JSON lines");
	is_str(seen, "Fa=1@1 Fb=2@1 Eok@1 Fa=3@4 Eok@4",
	    "fields by line, blank lines passed over");
	is_str(c, "2 0", "two rows");
	is_int(run("{\"a\":\"bad\",\"b\":\"2\"}\n{\"a\":\n{\"a\":\"4\"}\n", 0,
	    c), EX_DATAERR, "a bad field and a syntax error");
	is_str(c, "3 2", "count one bad row each");
	ok(strstr(seen, "Fb=") == NULL, "a refused field ends its line");
	ok(strstr(seen, "Ebad@1 ") != NULL && strstr(seen, "Ebad@2 ") != NULL &&
	    strstr(seen, "Eok@3") != NULL, "the next line is read whole");
	rmdir(dir);
	return done_testing();
}

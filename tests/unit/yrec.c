/*
 * yrec - unit tests for lib/yrec.c: one flat record read as YAML or as a
 * JSON line.  Expected fields and lines were worked out by hand from the
 * inputs (YAML 1.1: a JSON object is a flow mapping).  The library prints
 * its diagnostics on stderr; that is expected.
 *
 * A syntax error right after a key once leaked the key (found by
 * tests/fuzz/yrec and jsonl): the checks here pass either way, but under
 * ASan (build/asan/unit/yrec) LeakSanitizer fails the program at exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util.h"
#include "yrec.h"

/* The fields as "LINE:key=value\n". */
static int
field(const char *key, const char *value, size_t line, void *arg)
{
	buf_printf(arg, "%zu:%s=%s\n", line, key, value);
	return 0;
}

static void
str(const char *in, size_t line0, int rc, const char *want, const char *what)
{
	struct buf b = { 0 };

	is_int(yrec_read_string(in, strlen(in), "t", line0, field, &b), rc,
	    "%s: exit %d", what, rc);
	is_str(b.s ? b.s : "", want, "%s: fields", what);
	buf_free(&b);
}

static void
file(const char *in, int rc, const char *want, const char *what)
{
	struct buf	 b = { 0 };
	FILE		*f = fmemopen((void *)in, strlen(in), "r");

	if (f == NULL) {
		ok(0, "%s: fmemopen", what);
		return;
	}
	is_int(yrec_read(f, "t", field, &b), rc, "%s: exit %d", what, rc);
	is_str(b.s ? b.s : "", want, "%s: fields", what);
	fclose(f);
	buf_free(&b);
}

int
main(void)
{
	str("{\"first\": \"Rosa\", \"dob\": \"1952-07-14\"}", 4, 0,
	    "5:first=Rosa\n5:dob=1952-07-14\n", "JSON line after line 4");
	str("{\"a\": null, \"b\": ~, \"c\": \"null\"}", 0, 0,
	    "1:a=\n1:b=\n1:c=null\n", "null and ~ are empty, \"null\" is not");
	str("{\"a\": [1]}", 0, 65, "", "a list is not a field");
	str("{\"a\": {\"b\": 1}}", 0, 65, "", "a mapping is not a field");
	str("\"just text\"", 0, 65, "", "a scalar is not a record");

	/* the leak: a key, then a value that does not parse */
	str("{\"a\": \"b\", \"c\": ", 0, 65, "1:a=b\n", "JSON cut after a key");
	/* (libyaml reads the flow mapping ahead: no field comes first) */
	str("{\"a\": \"b\", \"c\": \"d", 0, 65, "",
	    "JSON cut inside a value");
	file("first: Rosa\nlast: \"Lee\n", 65, "1:first=Rosa\n",
	    "YAML cut inside a quoted value");

	file("first: Rosa\nnote: |\n  two\n  lines\n", 0,
	    "1:first=Rosa\n2:note=two\nlines\n\n", "YAML literal block");
	file("a: 1\n---\nb: 2\n", 65, "1:a=1\n", "two documents");
	return done_testing();
}

/*
 * csvio - unit tests for lib/csvio.c: reading CSV files record by record
 * with the line each record starts on.
 *
 * Expected records follow RFC 4180 (quoted fields may hold commas, CR, LF
 * and doubled quotes; CRLF or LF ends a record), plus csvio.h's promises:
 * blank lines are skipped, a leading UTF-8 BOM is ignored, and NUL bytes,
 * invalid UTF-8 (RFC 3629: no overlongs, no surrogates) and unterminated
 * quotes are refused with 65 (EX_DATAERR); a missing file is 66
 * (EX_NOINPUT).  Line numbers were counted by hand from the inputs.  The
 * library prints its diagnostics on stderr; that is expected.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "tap.h"

static char dir[] = "/tmp/clinix-csvio-XXXXXX";
static char file[300];

static void
put(const char *s, size_t n)
{
	FILE *f;

	if ((f = fopen(file, "wb")) == NULL || fwrite(s, 1, n, f) != n ||
	    fclose(f) != 0)
		diag("cannot write %s: %s", file, strerror(errno));
}

/*
 * Read every record of s (n bytes) and render them as "LINE:f1|f2\n",
 * with CR and LF inside fields shown as \r and \n.  *rc is what ended the
 * reading: 0 at the end of the file, or the error code.
 */
static char *
render(const char *s, size_t n, int *rc)
{
	static char	 out[4096];
	struct csvin	*c;
	struct csvrec	 r;
	size_t		 len = 0;

	put(s, n);
	out[0] = '\0';
	if ((*rc = csvin_open(&c, file)) != 0)
		return out;
	while ((*rc = csvin_next(c, &r)) == 1) {
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%zu:",
		    r.line);
		for (size_t i = 0; i < r.n; i++) {
			if (i)
				out[len++] = '|';
			for (const char *p = r.f[i]; *p; p++)
				if (*p == '\n' || *p == '\r') {
					out[len++] = '\\';
					out[len++] = *p == '\n' ? 'n' : 'r';
				} else
					out[len++] = *p;
		}
		out[len++] = '\n';
		out[len] = '\0';
	}
	csvin_close(c);
	return out;
}

static void
reads(const char *in, size_t n, const char *want, const char *what)
{
	int		 rc;
	const char	*got = render(in, n, &rc);

	is_int(rc, 0, "%s: read to the end", what);
	is_str(got, want, "%s: records and lines", what);
}

static void
refuses(const char *in, size_t n, int code, const char *before,
    const char *what)
{
	int		 rc;
	const char	*got = render(in, n, &rc);

	is_int(rc, code, "%s: refused with %d", what, code);
	is_str(got, before, "%s: the records before it still came", what);
}

#define S(lit)	lit, sizeof(lit) - 1	/* a literal and its length */

int
main(void)
{
	struct csvin	*c = (struct csvin *)&c;
	struct csvrec	 r;

	if (tap_mkdtemp(dir) != 0)
		return done_testing();
	snprintf(file, sizeof(file), "%s/in.csv", dir);

	reads(S("id,name\npat-1,Jane\npat-2,John\n"),
	    "1:id|name\n2:pat-1|Jane\n3:pat-2|John\n", "simple rows");
	reads(S("id,name\r\npat-1,Jane\r\npat-2,John\r\n"),
	    "1:id|name\n2:pat-1|Jane\n3:pat-2|John\n", "CRLF line ends");
	reads(S("a,b\nc,d"), "1:a|b\n2:c|d\n", "last line without a newline");
	reads(S("a,b\r\nc,d"), "1:a|b\n2:c|d\n",
	    "CRLF, last line without one");
	reads(S("id,name\rpat-1,Jane\rpat-2,John\r"),
	    "1:id|name\n2:pat-1|Jane\n3:pat-2|John\n",
	    "bare CR line ends (old Mac)");
	reads(S("a\r\rb,\"two\rlines\"\rc"), "1:a\n3:b|two\\rlines\n5:c\n",
	    "bare CR: a blank line, a CR in quotes, no CR at the end");
	reads(S("a\rb\nc\r\nd\n"), "1:a\n2:b\n3:c\n4:d\n",
	    "CR, LF and CRLF mixed");
	reads(S("a,,c\n,\nx\n"), "1:a||c\n2:|\n3:x\n", "empty fields");
	reads(S(""), "", "an empty file");
	reads(S("\n\n"), "", "a file of blank lines");

	reads(S("id,note\n"
	    "1,\"Doe, Jane\"\n"
	    "2,\"say \"\"hi\"\"\"\n"
	    "3,\"two\nlines\"\n"
	    "4,after\n"
	    "5,\"three\n\nlines\",x\n"
	    "6,end\n"),
	    "1:id|note\n"
	    "2:1|Doe, Jane\n"
	    "3:2|say \"hi\"\n"
	    "4:3|two\\nlines\n"
	    "6:4|after\n"
	    "7:5|three\\n\\nlines|x\n"
	    "10:6|end\n",
	    "quoted comma, doubled quote, embedded newlines");
	reads(S("\"x\r\ny\",z\r\nq\r\n"), "1:x\\r\\ny|z\n3:q\n",
	    "embedded CRLF in a CRLF file");
	reads(S("\"\",\"\"\"\"\n"), "1:|\"\n", "empty and quote-only quoted");

	reads(S("a\n\nb\n\n\nc\n"), "1:a\n3:b\n6:c\n",
	    "blank lines skipped, lines still counted");
	reads(S("a\r\n\r\nb\r\n"), "1:a\n3:b\n", "blank CRLF lines skipped");
	reads(S("\n\na,b\n"), "3:a|b\n", "blank lines at the start");

	reads(S("\xef\xbb\xbfname,city\nJos\xc3\xa9,Z\xc3\xbcrich\n"),
	    "1:name|city\n2:Jos\xc3\xa9|Z\xc3\xbcrich\n",
	    "UTF-8 BOM ignored, UTF-8 text kept");
	reads(S("\xef\xbb\xbf\"q\",x\n"), "1:q|x\n", "BOM before a quote");
	reads(S("a,\xf0\x9f\x98\x80,\xf4\x8f\xbf\xbf\n"),
	    "1:a|\xf0\x9f\x98\x80|\xf4\x8f\xbf\xbf\n",
	    "4-byte UTF-8 (emoji, U+10FFFF)");

	refuses(S("a,b\n\"open,c\n"), 65, "1:a|b\n", "an unterminated quote");
	refuses(S("a,b\n\"open,c\nmore\n"), 65, "1:a|b\n",
	    "an unterminated quote spanning lines");
	refuses(S("a,b\nc\0d,e\n"), 65, "1:a|b\n", "a NUL byte");
	refuses(S("a,b\rc,d\re\"f\r"), 65, "1:a|b\n2:c|d\n",
	    "a bad quote on line 3 of a bare-CR file");
	refuses(S("a,b\nc,\xff\n"), 65, "1:a|b\n", "invalid UTF-8 \\xff");
	refuses(S("a,b\nc,\xc0\xaf\n"), 65, "1:a|b\n",
	    "overlong UTF-8 \\xc0\\xaf");
	refuses(S("a,b\nc,\xed\xa0\x80\n"), 65, "1:a|b\n",
	    "UTF-16 surrogate \\xed\\xa0\\x80");
	refuses(S("a,b\nc,\xf4\x90\x80\x80\n"), 65, "1:a|b\n",
	    "beyond U+10FFFF");
	refuses(S("a,b\nc,\xc3\n"), 65, "1:a|b\n", "a truncated sequence");
	refuses(S("a,b\n\"x\xff\ny\"\n"), 65, "1:a|b\n",
	    "invalid UTF-8 inside a quoted field");
	refuses(S("a,b\nc\"d,e\n"), 65, "1:a|b\n",
	    "a quote inside an unquoted field");
	refuses(S("a,b\n\"c\"d,e\n"), 65, "1:a|b\n",
	    "text after a closing quote");

	/* the end is sticky, and the name is the path */
	put(S("a\nb\n"));
	if (csvin_open(&c, file) == 0) {
		is_str(csvin_name(c), file, "csvin_name is the path");
		while (csvin_next(c, &r) == 1)
			;
		is_int(csvin_next(c, &r), 0, "csvin_next after the end is 0");
		csvin_close(c);
	} else
		ok(0, "csvin_open of a file just read");

	c = (struct csvin *)&c;
	is_int(csvin_open(&c, "/nonexistent/clinix/x.csv"), 66,
	    "a missing file is EX_NOINPUT");
	ok(c == NULL, "... and no reader is handed back");
	csvin_close(NULL);
	ok(1, "csvin_close(NULL) is harmless");

	unlink(file);
	rmdir(dir);
	return done_testing();
}

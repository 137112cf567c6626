/*
 * text - unit tests for the text handling in lib/util.c (utf8_valid,
 * utf8_width), lib/rec.c (typed ids) and lib/out.c (the table, tsv, csv
 * and json record writers).
 *
 * UTF-8 cases follow RFC 3629 (no overlongs, no surrogates D800-DFFF,
 * nothing above U+10FFFF) plus util.h's rule that NUL is not text.  Ids
 * follow rec.h: "kind-N", N a decimal without leading zeros.  Writer
 * output was worked out by hand from out.h and RFC 4180 / RFC 8259, and
 * is also checked by outside parsers when they are installed: every JSON
 * line must come back unchanged from `jq -c .` and parse under Python's
 * json module with NaN/Infinity refused; CSV must read back through
 * Python's csv module as the fields meant.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "out.h"
#include "rec.h"
#include "util.h"
#include "tap.h"

static char tmp[] = "/tmp/clinix-text-XXXXXX";

static int
have(const char *prog)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", prog);
	return system(cmd) == 0;
}

/*
 * Run "cmd < file holding input" and return what it printed (static),
 * or NULL if it could not run or exited non-zero.
 */
static const char *
filter(const char *cmd, const char *input)
{
	static char	 out[8192];
	char		 file[64], line[512];
	FILE		*f, *p;
	size_t		 n;

	snprintf(file, sizeof(file), "%s/in", tmp);
	if ((f = fopen(file, "wb")) == NULL)
		return NULL;
	fputs(input, f);
	fclose(f);
	snprintf(line, sizeof(line), "%s < %s", cmd, file);
	fflush(stdout);
	if ((p = popen(line, "r")) == NULL)
		return NULL;
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	unlink(file);
	return pclose(p) == 0 ? out : NULL;
}

/* Everything a writer put on its stream, via open_memstream(3). */
struct capture {
	FILE	*f;
	char	*buf;
	size_t	 len;
};

static struct out *
start(struct capture *c, enum out_fmt fmt, int header)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	return out_new(c->f, fmt, header);
}

static const char *
finish(struct capture *c, struct out *o)
{
	static char	*last;

	is_int(out_end(o), 0, "out_end flushes without error");
	out_free(o);
	fclose(c->f);
	free(last);
	last = c->buf;
	return c->buf;
}

static void
test_utf8(void)
{
	static const struct {
		const char	*s;
		size_t		 n;
		int		 valid;
		const char	*what;
	} t[] = {
		{ "", 0, 1, "empty" },
		{ "plain ascii", 11, 1, "ASCII" },
		{ "\x7f", 1, 1, "DEL" },
		{ "Jos\xc3\xa9", 5, 1, "2-byte (U+00E9)" },
		{ "\xc2\x80", 2, 1, "smallest 2-byte (U+0080)" },
		{ "\xe2\x82\xac", 3, 1, "3-byte (U+20AC)" },
		{ "\xed\x9f\xbf", 3, 1, "U+D7FF, just below surrogates" },
		{ "\xee\x80\x80", 3, 1, "U+E000, just above surrogates" },
		{ "\xef\xbf\xbd", 3, 1, "U+FFFD" },
		{ "\xf0\x9f\x98\x80", 4, 1, "4-byte emoji (U+1F600)" },
		{ "\xf0\x90\x80\x80", 4, 1, "smallest 4-byte (U+10000)" },
		{ "\xf4\x8f\xbf\xbf", 4, 1, "U+10FFFF, the last code point" },
		{ "\xf4\x90\x80\x80", 4, 0, "U+110000, past the end" },
		{ "\xf5\x80\x80\x80", 4, 0, "lead byte F5" },
		{ "\xff", 1, 0, "byte FF" },
		{ "\xfe", 1, 0, "byte FE" },
		{ "\x80", 1, 0, "a lone continuation byte" },
		{ "a\xbf" "b", 3, 0, "a continuation byte mid-text" },
		{ "\xc0\xaf", 2, 0, "overlong '/' (C0 AF)" },
		{ "\xc1\xbf", 2, 0, "overlong (C1 BF)" },
		{ "\xe0\x80\xaf", 3, 0, "overlong 3-byte" },
		{ "\xf0\x80\x80\xaf", 4, 0, "overlong 4-byte" },
		{ "\xed\xa0\x80", 3, 0, "surrogate U+D800" },
		{ "\xed\xbf\xbf", 3, 0, "surrogate U+DFFF" },
		{ "\xc3", 1, 0, "truncated 2-byte" },
		{ "\xe2\x82", 2, 0, "truncated 3-byte" },
		{ "\xf0\x9f\x98", 3, 0, "truncated 4-byte" },
		{ "\xc3\x28", 2, 0, "bad continuation" },
		{ "\xc3\xa9", 1, 0, "a sequence cut by the length given" },
		{ "a\0b", 3, 0, "a NUL byte" },
	};

	for (size_t i = 0; i < nitems(t); i++)
		is_int(utf8_valid(t[i].s, t[i].n), t[i].valid,
		    "utf8_valid: %s %s", t[i].what, t[i].valid ? "ok" : "bad");

	is_int(utf8_width(""), 0, "utf8_width(\"\")");
	is_int(utf8_width("abc"), 3, "utf8_width(\"abc\")");
	is_int(utf8_width("Jos\xc3\xa9"), 4, "utf8_width(\"Jos\xc3\xa9\")");
	is_int(utf8_width("Z\xc3\xbcrich"), 6, "utf8_width(\"Z\xc3\xbcrich\")");
	is_int(utf8_width("\xe2\x82\xacuro"), 4,
	    "utf8_width(\"\xe2\x82\xacuro\")");
	/* terminal columns: an emoji and CJK ideographs are wide (wcwidth) */
	is_int(utf8_width("\xf0\x9f\x98\x80"), 2, "utf8_width of an emoji");
	is_int(utf8_width("\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e"), 6,
	    "utf8_width of three CJK ideographs");
	is_int(utf8_width("e\xcc\x81"), 1, "a combining accent takes no column");
}

static void
id_ok(const char *s, const char *kind, long long want)
{
	long long id = -7;

	is_int(rec_id_parse(s, kind, &id), 0, "rec_id_parse(\"%s\", \"%s\")",
	    s, kind);
	is_int(id, want, "... is %lld", want);
}

static void
id_bad(const char *s, const char *kind, const char *what)
{
	long long id;

	is_int(rec_id_parse(s, kind, &id), -1,
	    "rec_id_parse rejects \"%s\" as %s (%s)", s, kind, what);
}

/*
 * Card numbers (util.h text_card_number): the true cases are the
 * processors' published test numbers, whose Luhn sums were worked out
 * by hand (and again with a separate script) before they went in here;
 * the false ones are what a clinic writes every day.
 */
static void
test_card_number(void)
{
	static const struct { const char *s; int want; } t[] = {
		{ "4111111111111111", 1 },		/* visa, 16 */
		{ "4111 1111 1111 1111", 1 },
		{ "4111-1111-1111-1111", 1 },
		{ "378282246310005", 1 },		/* amex, 15 */
		{ "3782 822463 10005", 1 },		/* as amex prints it */
		{ "5555555555554444", 1 },		/* mastercard */
		{ "6011111111111117", 1 },		/* discover */
		{ "4222222222222", 1 },			/* 13 digits */
		{ "4012888888881881110", 1 },		/* 19 digits */
		{ "paid with 4111 1111 1111 1111 exp 12/26", 1 },
		{ "card:4111111111111111.", 1 },
		{ "ref 1 4111 1111 1111 1111", 1 },	/* a group before */
		{ "x 5555-5555-5555-4444 y", 1 },
		{ "4111111111111112", 0 },		/* Luhn fails */
		{ "4111  1111 1111 1111", 0 },		/* two spaces part it */
		{ "4111--1111-1111-1111", 0 },
		{ "4111.1111.1111.1111", 0 },		/* dots are no join */
		{ "4111-1111 1111-1111", 0 },		/* joins mixed */
		{ "41 11 11 11 11 11 11 11", 0 },	/* groups of 2 */
		{ "BMI 24.2214532871972", 0 },		/* a fraction */
		{ "2214532871972", 1 },			/* ... which alone is */
		{ "free 2030-12-02 2030-12-03 2030-12-04 2030-12-05", 0 },
		{ "123456789 021081234", 0 },		/* EIN and ZIP+4 */
		{ "4111111111111111 2026", 1 },		/* then a year */
		{ "411111111111", 0 },			/* 12 digits */
		{ "41111111111111119999", 0 },		/* 20 unbroken */
		{ "94111111111111111", 0 },		/* 17, Luhn fails */
		{ "0000000000000", 0 },			/* Luhn 0, but padded */
		{ "MRN 0000012345674", 0 },
		{ "NPI 1234567893", 0 },
		{ "6175550100", 0 },
		{ "call (617) 555-0100", 0 },
		{ "617-555-0100 617-555-0199", 0 },
		{ "NPI 1234567893 phone 6175550100", 0 },
		{ "seen 2026-01-15, back 2026-02-15", 0 },
		{ "copay $1,234.56 of 12345.67", 0 },
		{ "12345678901234567890", 0 },
		{ "", 0 },
		{ "no digits at all", 0 },
	};

	for (size_t i = 0; i < nitems(t); i++)
		is_int(text_card_number(t[i].s), t[i].want,
		    "text_card_number(\"%s\")", t[i].s);
	is_str(text_problem("note 4111 1111 1111 1111", 100, 0), text_card_why,
	    "text_problem refuses a card number");
	is_str(text_problem("a\n4111-1111-1111-1111", 100, TEXT_LINES),
	    text_card_why, "in a note of several lines too");
	ok(text_problem("call 617-555-0100", 100, 0) == NULL,
	    "a phone number is fine");
}

static void
test_ids(void)
{
	id_ok("pat-12", "pat", 12);
	id_ok("pat-1", "pat", 1);
	id_ok("apt-907", "apt", 907);
	id_ok("pat-9223372036854775807", "pat", 9223372036854775807LL);
	id_bad("pat-0", "pat", "zero");
	id_bad("pat-", "pat", "no number");
	id_bad("pat-12x", "pat", "trailing junk");
	id_bad("apt-12", "pat", "another kind");
	id_bad("pat-007", "pat", "leading zeros");
	id_bad("pat-12 ", "pat", "trailing space");
	id_bad(" pat-12", "pat", "leading space");
	id_bad("pat- 12", "pat", "space after the dash");
	id_bad("pat-+12", "pat", "a sign");
	id_bad("pat--12", "pat", "a minus sign");
	id_bad("Pat-12", "pat", "upper case");
	id_bad("pat12", "pat", "no dash");
	id_bad("patient-12", "pat", "a longer kind");
	id_bad("pat-12", "pa", "a shorter kind");
	id_bad("pat-9223372036854775808", "pat", "overflow");
	id_bad("", "pat", "empty");

	ok(rec_is_id("pat-12"), "rec_is_id(\"pat-12\")");
	ok(rec_is_id("apt-1"), "rec_is_id(\"apt-1\")");
	ok(rec_is_id("abcdefgh-1"), "rec_is_id: an 8-letter kind");
	ok(!rec_is_id("abcdefghi-1"), "!rec_is_id: a 9-letter kind");
	ok(!rec_is_id("pat-"), "!rec_is_id(\"pat-\")");
	ok(!rec_is_id("-12"), "!rec_is_id(\"-12\")");
	ok(!rec_is_id("pat12"), "!rec_is_id(\"pat12\")");
	ok(!rec_is_id("Pat-12"), "!rec_is_id(\"Pat-12\")");
	ok(!rec_is_id("pat-1x"), "!rec_is_id(\"pat-1x\")");
	ok(!rec_is_id("pat-1-2"), "!rec_is_id(\"pat-1-2\")");
	ok(!rec_is_id("jane.doe"), "!rec_is_id(\"jane.doe\")");
	ok(!rec_is_id(""), "!rec_is_id(\"\")");
}

static void
test_fmt_parse(void)
{
	static const char *const names[] = { "table", "tsv", "csv", "json" };
	static const enum out_fmt want[] = { OUT_TABLE, OUT_TSV, OUT_CSV,
	    OUT_JSON };
	enum out_fmt f;

	for (size_t i = 0; i < nitems(names); i++)
		ok(out_fmt_parse(names[i], &f) == 0 && f == want[i],
		    "out_fmt_parse(\"%s\")", names[i]);
	is_int(out_fmt_parse("xml", &f), -1, "out_fmt_parse rejects \"xml\"");
	is_int(out_fmt_parse("JSON", &f), -1, "... and \"JSON\"");
	is_int(out_fmt_parse("", &f), -1, "... and \"\"");
}

static void
test_tsv(void)
{
	static const char *const cols[] = { "id", "note", "empty" };
	const char *const row[] = { "pat-1", "a\tb\nc\\d\re", NULL };
	struct capture	 c;
	struct out	*o;

	o = start(&c, OUT_TSV, 0);
	out_cols(o, 3, cols);
	out_text_row(o, row);
	is_str(finish(&c, o), "pat-1\ta\\tb\\nc\\\\d\\re\t\n",
	    "tsv: tab, newline, backslash and CR escaped; NULL empty; "
	    "no header by default");

	o = start(&c, OUT_TSV, 1);
	out_cols(o, 3, cols);
	out_cols(o, 2, cols);	/* later calls are no-ops */
	out_text_row(o, row);
	is_str(finish(&c, o), "#id\tnote\tempty\npat-1\ta\\tb\\nc\\\\d\\re\t\n",
	    "tsv -H: a '#' header line, once");
}

/* util.h: what text_problem refuses, one line (0) or lines (TEXT_LINES). */
static void
test_text_problem(void)
{
	static const struct {
		const char	*s;
		int		 flags;
		const char	*why;	/* NULL: accepted */
		const char	*what;
	} t[] = {
		{ "Ana", 0, NULL, "plain" },
		{ "Zo\xc3\xab \xe6\x9d\x8e", 0, NULL, "accents, Han" },
		{ "\xd7\xa9\xd7\xa8\xd7\x94", 0, NULL, "Hebrew (right to left) "
		    "without controls" },
		{ "a\xc2\xa0" "b", 0, NULL, "U+00A0 no-break space, just past C1" },
		{ "a\xe2\x80\xa7" "b", 0, NULL, "U+2027, just below U+2028" },
		{ "a\xe2\x80\xaf" "b", 0, NULL, "U+202F, just past U+202E" },
		{ "a\xe2\x81\xa5" "b", 0, NULL, "U+2065, just below U+2066" },
		{ "a\xe2\x81\xaa" "b", 0, NULL, "U+206A, just past U+2069" },
		{ "", 0, "is empty", "empty" },
		{ "a\x01" "b", 0, "holds a control character", "C0 U+0001" },
		{ "a\x7f" "b", 0, "holds a control character", "DEL" },
		{ "a\nb", 0, "holds a control character", "newline, one line" },
		{ "a\nb\tc", TEXT_LINES, NULL, "newline and tab, lines" },
		{ "a\rb", TEXT_LINES, "holds a control character", "CR, lines" },
		{ "a\xc2\x80" "b", 0, "holds a control character", "C1 U+0080" },
		{ "a\xc2\x85" "b", 0, "holds a control character", "C1 U+0085 "
		    "(NEL)" },
		{ "a\xc2\x9f" "b", 0, "holds a control character", "C1 U+009F" },
		{ "a\xc2\x9b" "b", TEXT_LINES, "holds a control character",
		    "C1 U+009B (CSI), lines" },
		{ "a\xe2\x80\xaa" "b", 0, "holds a bidirectional control "
		    "character", "U+202A LRE" },
		{ "a\xe2\x80\xae" "b", 0, "holds a bidirectional control "
		    "character", "U+202E RLO" },
		{ "a\xe2\x81\xa6" "b", 0, "holds a bidirectional control "
		    "character", "U+2066 LRI" },
		{ "a\xe2\x81\xa9" "b", 0, "holds a bidirectional control "
		    "character", "U+2069 PDI" },
		{ "a\xe2\x80\xa8" "b", 0, "holds a line or paragraph "
		    "separator", "U+2028" },
		{ "a\xe2\x80\xa9" "b", 0, "holds a line or paragraph "
		    "separator", "U+2029" },
		{ "a\xe2\x81\xa6" "b\xe2\x80\xa8", TEXT_LINES, NULL,
		    "bidi isolate and U+2028 in lines of text" },
		{ "a\xc3", 0, "not valid UTF-8", "truncated" },
	};

	for (size_t i = 0; i < nitems(t); i++) {
		const char *why = text_problem(t[i].s, 100, t[i].flags);

		if (t[i].why == NULL)
			ok(why == NULL, "text_problem: %s accepted (%s)",
			    t[i].what, why ? why : "");
		else
			is_str(why, t[i].why, "text_problem: %s", t[i].what);
	}
	is_str(text_problem("\xc3\xa9\xc3\xa9\xc3\xa9", 3, 0), NULL,
	    "text_problem: 3 characters in 6 bytes fit 3");
	is_str(text_problem("\xc3\xa9\xc3\xa9\xc3\xa9", 3, TEXT_BYTES),
	    "longer than 3 bytes", "text_problem: ... but not 3 bytes");
}

static void
test_csv(void)
{
	static const char *const cols[] = { "id", "name", "formula", "amount",
	    "empty", "quote", "multi", "at", "plus", "minus", "link", "num" };
	const struct val row[] = {
		{ V_TEXT, "pat-1" }, { V_TEXT, "Doe, Jane" },
		{ V_TEXT, "=SUM(A1)" }, { V_TEXT, "-12.50" }, { V_NULL, NULL },
		{ V_TEXT, "say \"hi\"" }, { V_TEXT, "a\nb" },
		{ V_TEXT, "@cmd" }, { V_TEXT, "+1" }, { V_TEXT, "-x" },
		{ V_TEXT, "=HYPERLINK(\"http://x\",\"y\")" },
		{ V_NUM, "-3" },
	};
	const char *want =
	    "id,name,formula,amount,empty,quote,multi,at,plus,minus,link,num"
	    "\r\n"
	    "pat-1,\"Doe, Jane\",\"'=SUM(A1)\",-12.50,,\"say \"\"hi\"\"\","
	    "\"a\nb\",\"'@cmd\",+1,\"'-x\","
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3\r\n";
	struct capture	 c;
	struct out	*o;
	const char	*got, *py;

	o = start(&c, OUT_CSV, 0);
	out_cols(o, nitems(cols), cols);
	out_row(o, row);
	got = finish(&c, o);
	is_str(got, want, "csv: header row, CRLF, quotes doubled, commas and "
	    "newlines quoted, formulas defused with a leading ', numbers kept");

	if (!have("python3")) {
		skip("python3 is not installed: csv not cross-checked");
		return;
	}
	py = filter("python3 -c 'import csv, json, sys\n"
	    "for r in csv.reader(open(0, newline=\"\")):\n"
	    "    print(json.dumps(r))'", got);
	is_str(py,
	    "[\"id\", \"name\", \"formula\", \"amount\", \"empty\", \"quote\", "
	    "\"multi\", \"at\", \"plus\", \"minus\", \"link\", \"num\"]\n"
	    "[\"pat-1\", \"Doe, Jane\", \"'=SUM(A1)\", \"-12.50\", \"\", "
	    "\"say \\\"hi\\\"\", \"a\\nb\", \"'@cmd\", \"+1\", \"'-x\", "
	    "\"'=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\", \"-3\"]\n",
	    "csv: Python's csv module reads the fields back");
}

/* The formula guard: which leading characters get a ', and ' itself. */
static void
test_csv_guard(void)
{
	static const char *const cols[] = { "v" };
	static const struct {
		const char	*v, *want;
	} t[] = {
		{ "=1+2", "\"'=1+2\"" },
		{ "+x", "\"'+x\"" },
		{ "-x", "\"'-x\"" },
		{ "@x", "\"'@x\"" },
		{ "\tx", "\"'\tx\"" },
		{ "\rx", "\"'\rx\"" },
		{ "'x", "\"''x\"" },
		{ "''x", "\"'''x\"" },
		{ "'=1+2", "\"''=1+2\"" },
		{ "'", "\"''\"" },
		{ "=", "\"'=\"" },
		{ "-5", "-5" },
		{ "+1.25", "+1.25" },
		{ "+15551234567", "+15551234567" },
		{ "-1.", "\"'-1.\"" },
		{ "+1e5", "\"'+1e5\"" },
		{ "-1+2", "\"'-1+2\"" },
		{ "-inf", "\"'-inf\"" },
		{ "-\t5", "\"'-\t5\"" },
		{ "a'b", "a'b" },
		{ " =1", " =1" },
	};

	for (size_t i = 0; i < nitems(t); i++) {
		struct capture	 c;
		struct out	*o = start(&c, OUT_CSV, 0);
		const struct val v = { V_TEXT, t[i].v };
		char		 want[64];

		out_cols(o, 1, cols);
		out_row(o, &v);
		snprintf(want, sizeof(want), "v\r\n%s\r\n", t[i].want);
		is_str(finish(&c, o), want, "csv guard: case %zu of the table",
		    i + 1);
	}
}

/*
 * got through tool's command cmd must come out as want (NULL: got itself),
 * checked as label; skipped, saying so, where the tool is not installed.
 */
static void
cross_check(const char *tool, const char *cmd, const char *got,
    const char *want, const char *what, const char *label)
{
	if (!have(tool)) {
		skip("%s is not installed: %s not cross-checked", tool, what);
		return;
	}
	is_str(filter(cmd, got), want ? want : got, "%s: %s", what, label);
}

/* jq must give each line back as is, so it is valid, compact JSON. */
static void
json_check(const char *got, const char *what)
{
	cross_check("jq", "jq -c .", got, NULL, what,
	    "jq -c . gives every line back unchanged");
}

/* Python's json module, refusing NaN and Infinity, as RFC 8259 does. */
static void
json_strict(const char *got, const char *what)
{
	cross_check("python3", "python3 -c 'import json, sys\n"
	    "def no(c): raise ValueError(c)\n"
	    "for l in sys.stdin: json.loads(l, parse_constant=no)\n"
	    "print(\"valid\")' 2>/dev/null", got, "valid\n", what,
	    "strict RFC 8259 JSON (Python)");
}

static void
test_json(void)
{
	static const char *const cols[] = { "id", "note", "n", "none", "bad",
	    "utf8" };
	const struct val rows[2][6] = { {
		{ V_TEXT, "pat-1" }, { V_TEXT, "q\"b\\s\x01\n\t\r\x1f" },
		{ V_NUM, "12.5" }, { V_NULL, NULL },
		{ V_TEXT, "a\xff" "b\xc0\xaf" "c\x80" "d\xe2\x82" },
		{ V_TEXT, "Jos\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac" },
	}, {
		{ V_TEXT, "" }, { V_TEXT, "/" }, { V_NUM, "-3" },
		{ V_TEXT, "null" }, { V_TEXT, "\xed\xa0\x80" },
		{ V_TEXT, "\xf4\x90\x80\x80" },
	} };
	const char *want =
	    "{\"id\":\"pat-1\",\"note\":\"q\\\"b\\\\s\\u0001\\n\\t\\r\\u001f\","
	    "\"n\":12.5,\"none\":null,"
	    "\"bad\":\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd"
	    "c\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd\","
	    "\"utf8\":\"Jos\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac\"}\n"
	    "{\"id\":\"\",\"note\":\"/\",\"n\":-3,\"none\":\"null\","
	    "\"bad\":\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\","
	    "\"utf8\":\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"}\n";
	struct capture	 c;
	struct out	*o;
	const char	*got;

	o = start(&c, OUT_JSON, 0);
	out_cols(o, nitems(cols), cols);
	out_row(o, rows[0]);
	out_row(o, rows[1]);
	got = finish(&c, o);
	is_str(got, want, "json: an object a line; quotes, backslashes and "
	    "control characters escaped; bad UTF-8 as U+FFFD; null; bare "
	    "numbers");
	ok(utf8_valid(got, strlen(got)), "json: the output is valid UTF-8");
	json_check(got, "json");
	json_strict(got, "json");
}

/* Rows straight from SQLite: the column types pick null/number/string. */
static void
test_stmt(void)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	struct capture	 c;
	struct out	*o;
	const char	*got;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
		ok(0, "sqlite3_open(:memory:)");
		return;
	}
	sqlite3_prepare_v2(db, "SELECT 1 AS n, 'x' AS t, NULL AS z, 1.5 AS f, "
	    "'7' AS s UNION ALL SELECT 2, 'y\"', NULL, -0.25, '=1'", -1, &st,
	    NULL);
	o = start(&c, OUT_JSON, 0);
	is_int(out_stmt(o, st, NULL, NULL), 2, "out_stmt returns the row "
	    "count");
	sqlite3_finalize(st);
	got = finish(&c, o);
	is_str(got, "{\"n\":1,\"t\":\"x\",\"z\":null,\"f\":1.5,\"s\":\"7\"}\n"
	    "{\"n\":2,\"t\":\"y\\\"\",\"z\":null,\"f\":-0.25,\"s\":\"=1\"}\n",
	    "out_stmt json: integers and reals bare, text quoted, NULL null");
	json_check(got, "out_stmt json");

	/*
	 * SQLite keeps infinities (1e999 overflows to +Inf) and prints them
	 * as "Inf"; a bare Inf is not JSON.
	 */
	sqlite3_prepare_v2(db, "SELECT 1e999 AS big, -1e999 AS small", -1,
	    &st, NULL);
	o = start(&c, OUT_JSON, 0);
	out_stmt(o, st, NULL, NULL);
	sqlite3_finalize(st);
	got = finish(&c, o);
	json_strict(got, "out_stmt json of an infinite REAL");
	if (strstr(got, "Inf") != NULL)
		diag("got: %.*s", (int)strcspn(got, "\n"), got);

	sqlite3_prepare_v2(db, "SELECT 1 AS \"a,b\", 'x' AS c", -1, &st, NULL);
	o = start(&c, OUT_CSV, 0);
	out_stmt(o, st, NULL, NULL);
	sqlite3_finalize(st);
	is_str(finish(&c, o), "\"a,b\",c\r\n1,x\r\n",
	    "out_stmt csv: the column names are the header row");
	sqlite3_close(db);
}

static void
test_table(void)
{
	static const char *const cols[] = { "name", "city", "n" };
	const char *const rows[][3] = {
		{ "Jos\xc3\xa9", "Z\xc3\xbcrich", "1" },
		{ "Al", "Oslo", NULL },
		{ "Zo\xc3\xab", "a\tb", "22" },
		{ "\xf0\x9f\x98\x80", "x\ny", "3" },
	};
	/* columns two spaces apart, widths counted in code points */
	const char *want =
	    "name  city    n\n"
	    "Jos\xc3\xa9  Z\xc3\xbcrich  1\n"
	    "Al    Oslo    \n"
	    "Zo\xc3\xab   a\\tb    22\n"
	    "\xf0\x9f\x98\x80    x\\ny    3\n";	/* the emoji is 2 wide */
	struct capture	 c;
	struct out	*o;

	o = start(&c, OUT_TABLE, 0);
	out_cols(o, 3, cols);
	for (size_t i = 0; i < nitems(rows); i++)
		out_text_row(o, rows[i]);
	is_str(finish(&c, o), want, "table: header and columns aligned by "
	    "display width; tab and newline shown escaped; NULL blank");

	o = start(&c, OUT_TABLE, 0);
	out_cols(o, 3, cols);
	is_str(finish(&c, o), "name  city  n\n", "table with no rows: the "
	    "header alone");

	/* many rows: the table grows its buffer */
	o = start(&c, OUT_TABLE, 0);
	out_cols(o, 3, cols);
	for (int i = 0; i < 200; i++) {
		char		 n[16];
		const char	*r[3] = { "a", "b", n };

		snprintf(n, sizeof(n), "%d", i);
		out_text_row(o, r);
	}
	const char *got = finish(&c, o);
	size_t lines = 0;
	for (const char *p = got; *p; p++)
		lines += *p == '\n';
	is_int(lines, 201, "table of 200 rows: 201 lines");
	ok(strstr(got, "\na     b     199\n") != NULL, "... the last one "
	    "aligned like the first");
}

int
main(void)
{
	if (mkdtemp(tmp) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		return done_testing();
	}
	test_utf8();
	test_text_problem();
	test_card_number();
	test_ids();
	test_fmt_parse();
	test_tsv();
	test_csv();
	test_csv_guard();
	test_json();
	test_stmt();
	test_table();
	if (rmdir(tmp) == -1)
		diag("left %s behind: %s", tmp, strerror(errno));
	return done_testing();
}

/*
 * codeset - unit tests for the parsing half of lib/codeset.c: code shapes
 * and normal forms, the FTS5 query built from typed words, labels guessed
 * from file names, and reading CSV and CDC order files (line numbers and
 * diagnostics included).  Loading into the database is covered by
 * tests/code.bats.
 *
 * Shapes are those of standards.md section 4; the order file layout is
 * the one shared/data/README.md gives (order 0-4, code 6-12, billable
 * flag 14, short title 16-75, long title 77-), with lines built here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "codeset.h"
#include "tap.h"

static char dir[] = "/tmp/clinix-codeset-XXXXXX";
static char file[300], errfile[300];
static char errs[8192];		/* what the last read() said on stderr */

static void
put(const char *name, const char *s)
{
	FILE *f;

	snprintf(file, sizeof(file), "%s/%s", dir, name);
	if ((f = fopen(file, "wb")) == NULL || fputs(s, f) == EOF ||
	    fclose(f) != 0)
		diag("cannot write %s: %s", file, strerror(errno));
}

/* codeset_read of file, its stderr kept in errs with "dir/" cut out. */
static int
read_file(enum codesys sys, size_t *n)
{
	struct codeset	*cs = NULL;
	FILE		*f;
	size_t		 len, dl = strlen(dir) + 1;
	int		 saved, fd, rc;
	char		*p;

	fflush(stderr);
	saved = dup(2);
	fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
	rc = codeset_read(&cs, sys, file);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	*n = cs ? codeset_count(cs) : 0;
	codeset_free(cs);
	errs[0] = '\0';
	if ((f = fopen(errfile, "r")) != NULL) {
		len = fread(errs, 1, sizeof(errs) - 1, f);
		errs[len] = '\0';
		fclose(f);
	}
	while ((p = strstr(errs, dir)) != NULL)
		memmove(p, p + dl, strlen(p + dl) + 1);
	return rc;
}

/* One order file line in the CDC layout. */
static void
order_line(char *buf, size_t sz, int order, const char *code, int billable,
    const char *shrt, const char *lng)
{
	snprintf(buf, sz, "%05d %-7s %d %-60s %s\r\n", order, code, billable,
	    shrt, lng);
}

static void
test_norm(void)
{
	static const struct { const char *in, *want; } t[] = {
		{ "E11.9", "E119" }, { "E119", "E119" }, { "e11.9", "E119" },
		{ "I10", "I10" }, { "W10.0XXA", "W100XXA" }, { "gt", "GT" },
		{ "G0438", "G0438" }, { "Z00.121", "Z00121" },
		{ "E11.", NULL }, { "E1.19", NULL }, { "E", NULL },
		{ "", NULL }, { " I10", NULL }, { "E11.9X", "E119X" },
		{ "W10.0XXAB", NULL }, { "E11..9", NULL }, { "E11-9", NULL },
		{ "Ä10", NULL },
	};
	char out[CODESET_CODE_MAX + 1];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int rc = codeset_norm(t[i].in, out);

		if (t[i].want == NULL)
			is_int(rc, -1, "norm '%s' refused", t[i].in);
		else
			ok(rc == 0 && strcmp(out, t[i].want) == 0,
			    "norm '%s' -> %s", t[i].in, t[i].want);
	}
}

static void
test_dotted(void)
{
	char out[CODESET_CODE_MAX + 2];

	codeset_dotted(CODESYS_ICD10CM, "E119", out);
	is_str(out, "E11.9", "dotted E119");
	codeset_dotted(CODESYS_ICD10CM, "I10", out);
	is_str(out, "I10", "a category has no dot");
	codeset_dotted(CODESYS_ICD10CM, "W100XXA", out);
	is_str(out, "W10.0XXA", "dotted 7 characters");
	codeset_dotted(CODESYS_HCPCS, "G0438", out);
	is_str(out, "G0438", "HCPCS is never dotted");
}

/* Codes of each system's shape, and codes that are not (ok 0). */
static void
test_shapes(void)
{
	static const struct {
		int		 sys;
		const char	*code;
		int		 modifier, ok;
		const char	*what;
	} shapes[] = {
		{ CODESYS_ICD10CM, "C4A", 0, 1,
		  "C4A: a letter third is ICD-10-CM" },
		{ CODESYS_ICD10CM, "U071", 0, 1, "U07.1" },
		{ CODESYS_ICD10CM, "Z3A20", 0, 1, "Z3A.20" },
		{ CODESYS_ICD10CM, "AO01", 0, 0,
		  "a letter second is not ICD-10-CM" },
		{ CODESYS_ICD10CM, "1A00", 0, 0,
		  "a digit first is not ICD-10-CM" },
		{ CODESYS_ICD10CM, "E1", 0, 0, "too short" },
		{ CODESYS_HCPCS, "J3420", 0, 1, "J3420" },
		{ CODESYS_HCPCS, "V5008", 0, 1, "V5008" },
		{ CODESYS_HCPCS, "W1234", 0, 0, "Level II stops at V" },
		{ CODESYS_HCPCS, "99213", 0, 0, "CPT is not HCPCS Level II" },
		{ CODESYS_HCPCS, "J342", 0, 0, "4 characters" },
		{ CODESYS_HCPCS, "GT", 1, 1, "modifier GT" },
		{ CODESYS_HCPCS, "95", 1, 1, "modifier 95" },
		{ CODESYS_HCPCS, "GTX", 1, 0, "a modifier is 2 characters" },
		{ CODESYS_HCPCS, "GT", 0, 0, "GT is no Level II code" },
	};

	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
		ok((codeset_bad_code(shapes[i].sys, shapes[i].code,
		    shapes[i].modifier) == NULL) == shapes[i].ok, "%s",
		    shapes[i].what);
}

static void
test_fts(void)
{
	static const struct { const char *in, *want; } t[] = {
		{ "type 2 diab", "\"type\"* \"2\"* \"diab\"*" },
		{ "E11.9", "\"E119\"*" },
		{ "e11.6", "\"E116\"*" },
		{ "  Essential (primary)  hypertension\t",
		    "\"Essential\"* \"primary\"* \"hypertension\"*" },
		{ "O'Brien \"quoted\" x*y", "\"O\"* \"Brien\"* \"quoted\"* "
		    "\"x\"* \"y\"*" },
		{ "w/o", "\"w\"* \"o\"*" },
		{ "café", "\"café\"*" },
		{ "1.5 mg", "\"1\"* \"5\"* \"mg\"*" },
		{ "...", NULL }, { "", NULL }, { " - ", NULL },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *q = codeset_fts_query(t[i].in);

		is_str(q, t[i].want, "fts query for '%s'", t[i].in);
		free(q);
	}
}

static void
test_label(void)
{
	static const struct { const char *in, *want; } t[] = {
		{ "icd10cm-order-2026.txt", "2026" },
		{ "/x/2019/icd10cm-order-April-2025.txt", "2025" },
		{ "ICD10CM_FY2027.csv", "FY2027" },
		{ "codes-fy2024-v2.csv", "FY2024" },
		{ "HCPC2025_OCT_ANWEB.csv", "2025" },
		{ "icd10cm-2026.csv", "2026" },
	};
	char *l;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		l = codeset_label_guess(t[i].in);
		is_str(l, t[i].want, "label of %s", t[i].in);
		free(l);
	}
	/* no year: today, as YYYY-MM-DD */
	l = codeset_label_guess("codes-20251001.csv");
	ok(strlen(l) == 10 && l[4] == '-' && l[7] == '-',
	    "a longer digit run is no year: today's date (%s)", l);
	free(l);
	ok(codeset_bad_label("FY2026") == NULL, "label FY2026");
	ok(codeset_bad_label("FY 2026") != NULL, "a label has no blanks");
	ok(codeset_bad_label("") != NULL, "a label is not empty");
	ok(codeset_bad_label("0123456789012345678901234567890123456789x") !=
	    NULL, "a label is at most 40 characters");
}

static void
test_order(void)
{
	char	 l[6][200], all[1200];
	size_t	 n;
	int	 rc;

	order_line(l[0], sizeof(l[0]), 1, "A00", 0, "Cholera", "Cholera");
	order_line(l[1], sizeof(l[1]), 2, "A000", 1,
	    "Cholera due to Vibrio cholerae 01, biovar cholerae",
	    "Cholera due to Vibrio cholerae 01, biovar cholerae");
	order_line(l[2], sizeof(l[2]), 3, "W100XXA", 1,
	    "Fall (on)(from) escalator, initial encounter",
	    "Fall (on) (from) escalator, initial encounter");
	snprintf(all, sizeof(all), "%s%s%s", l[0], l[1], l[2]);
	put("icd10cm-order-2026.txt", all);
	rc = read_file(CODESYS_ICD10CM, &n);
	ok(rc == 0 && n == 3, "order file: 3 codes");
	is_str(errs, "", "order file: nothing said");

	/* LF line ends, and no long title at all */
	put("o.txt", "00001 I10     1 Essential (primary) hypertension\n");
	rc = read_file(CODESYS_ICD10CM, &n);
	ok(rc == 0 && n == 1, "order file: a short last field, LF ends");

	/* bad lines: layout, order number, flag, code, duplicate */
	order_line(l[3], sizeof(l[3]), 6, "AO01", 1, "Typo", "Typo");
	order_line(l[4], sizeof(l[4]), 7, "A000", 2, "Again", "Again");
	snprintf(all, sizeof(all), "%s%s"
	    "00003 A001   1 Cholera due to Vibrio cholerae 01, biovar eltor\r\n"
	    "0000x A009    1 Cholera, unspecified\r\n"
	    "\r\n%s%s", l[0], l[1], l[3], l[4]);
	put("bad.txt", all);
	rc = read_file(CODESYS_ICD10CM, &n);
	is_int(rc, EX_DATAERR, "order file with bad lines: 65");
	is_str(errs,
	    "codeset: bad.txt:3: line: not in the order file layout "
	    "(order 0-4, code 6-12, flag 14, titles 16- and 77-)\n"
	    "codeset: bad.txt:4: order: must be 5 digits\n"
	    "codeset: bad.txt:6: code: not an ICD-10-CM code (letter, digit, "
	    "then 1 to 5 letters or digits)\n"
	    "codeset: bad.txt:7: billable: must be 0 or 1\n",
	    "order file: each bad line by number, blank lines counted");

	/* an order file is ICD-10-CM only */
	put("h.txt", l[0]);
	is_int(read_file(CODESYS_HCPCS, &n), EX_DATAERR,
	    "order file as HCPCS: 65");
	is_str(errs, "codeset: h.txt: an order file holds ICD-10-CM codes, "
	    "not HCPCS\n", "order file as HCPCS: why");
}

static void
test_csv(void)
{
	size_t n;

	put("h.csv", "code,kind,short_description,long_description,"
	    "coverage_code,added_date\r\n"
	    "GT,modifier,Interactivetelecommunication,Via interactive audio "
	    "and video telecommunication systems,D,1999-01-01\r\n"
	    "J3420,code,Vitamin b12 injection,\"Injection, vitamin b-12 "
	    "cyanocobalamin, up to 1000 mcg\",D,1986-01-01\r\n");
	ok(read_file(CODESYS_HCPCS, &n) == 0 && n == 2, "HCPCS CSV: 2 codes");

	/* columns in another order, dotted codes, no code_dotted */
	put("i.csv", "billable,short_description,code\n1,Essential (primary) "
	    "hypertension,I10\n1,\"Type 2 diabetes mellitus without "
	    "complications\",e11.9\n");
	ok(read_file(CODESYS_ICD10CM, &n) == 0 && n == 2,
	    "ICD CSV: any column order, any case");

	put("k.csv", "code,kind,short_description\nJ3420,drug,Vitamin\n"
	    "GTX,modifier,Too long\n95,code,Not a code\n");
	is_int(read_file(CODESYS_HCPCS, &n), EX_DATAERR, "bad HCPCS: 65");
	is_str(errs,
	    "codeset: k.csv:2: kind: must be 'code' or 'modifier'\n"
	    "codeset: k.csv:3: code: not a HCPCS modifier (2 letters or "
	    "digits)\n"
	    "codeset: k.csv:4: code: not a HCPCS Level II code (A-V and 4 "
	    "digits)\n", "bad HCPCS: why");

	put("m.csv", "code,title\nI10,Essential\n");
	is_int(read_file(CODESYS_ICD10CM, &n), EX_DATAERR, "no columns: 65");
	is_str(errs, "codeset: m.csv:1: the header must name the columns "
	    "code, short_description and billable (an ICD-10-CM file)\n",
	    "no columns: why");

	put("e.csv", "");
	is_int(read_file(CODESYS_ICD10CM, &n), EX_DATAERR, "empty file: 65");
	is_str(errs, "codeset: e.csv: empty file\n", "empty file: why");

	put("t.csv", "code,code_dotted,short_description,billable\n"
	    "E119,E11.8,Type 2,1\nI10,I10,Tab\there,1\n");
	is_int(read_file(CODESYS_ICD10CM, &n), EX_DATAERR, "bad ICD: 65");
	is_str(errs,
	    "codeset: t.csv:2: code_dotted: does not match code\n"
	    "codeset: t.csv:3: title: holds a control character\n",
	    "bad ICD: why");

	snprintf(file, sizeof(file), "%s/none.csv", dir);
	is_int(read_file(CODESYS_ICD10CM, &n), EX_NOINPUT, "missing file: 66");
}

int
main(void)
{
	if (tap_mkdtemp(dir) != 0)
		return done_testing();
	snprintf(errfile, sizeof(errfile), "%s/stderr", dir);
	test_norm();
	test_dotted();
	test_shapes();
	test_fts();
	test_label();
	test_order();
	test_csv();
	/* clean up */
	{
		static const char *const names[] = { "icd10cm-order-2026.txt",
		    "o.txt", "bad.txt", "h.txt", "h.csv", "i.csv", "k.csv",
		    "m.csv", "e.csv", "t.csv", "stderr" };

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			snprintf(file, sizeof(file), "%s/%s", dir, names[i]);
			unlink(file);
		}
	}
	rmdir(dir);
	return done_testing();
}

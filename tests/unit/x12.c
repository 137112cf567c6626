/*
 * x12 - unit tests for lib/x12.c.  The writer's bytes are compared with
 * segments written out by hand from standards.md §1 (the ISA of its
 * example, 106 bytes, counted below); the reader is run over the 835
 * example of standards.md §2 as it stands, then over copies broken one
 * envelope rule at a time, each of which must be refused with a reason.
 */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "x12.h"

static void
writer(void)
{
	struct buf	 b = { 0 };
	struct x12w	 w;
	/* standards.md §1's ISA, but ISA14 0: we ask for no TA1 */
	const char	*isa = "ISA*00*          *00*          *ZZ*MAPLE01    "
	    "    *ZZ*ACMECH         *240115*1030*^*00501*000000101*0*T*:~";

	x12w_init(&w, &b, 0);
	x12w_isa(&w, "ZZ", "MAPLE01", "ZZ", "ACMECH", "240115", "1030", 101,
	    'T');
	is_int(b.len, 106, "the ISA is 106 bytes with its terminator");
	is_str(b.s, isa, "the ISA, fixed width, control zero-padded to 9");
	buf_reset(&b);

	x12w_seg(&w, "ST", "837", "0001", "005010X222A1", (char *)NULL);
	/* empty elements in the middle stay, trailing ones go */
	x12w_seg(&w, "NM1", "85", "2", "MAPLE CLINIC", "", "", "", "", "XX",
	    "1234567893", (char *)NULL);
	x12w_seg(&w, "NM1", "QC", "1", "DOE", "JANE", X12_EMPTY, "", "",
	    (char *)NULL);
	x12w_seg(&w, "SV1", "HC:87880:QW", "50", "UN", "1", "", "", "1",
	    (char *)NULL);
	x12w_se(&w, "0001");
	is_str(b.s, "ST*837*0001*005010X222A1~"
	    "NM1*85*2*MAPLE CLINIC*****XX*1234567893~"
	    "NM1*QC*1*DOE*JANE~"
	    "SV1*HC:87880:QW*50*UN*1***1~"
	    "SE*5*0001~", "segments: trailing empties dropped, SE01 counts "
	    "ST to SE");
	is_int(w.nall, 6, "nall counts the ISA and the five");
	buf_reset(&b);

	/* a second set restarts the count */
	x12w_seg(&w, "ST", "837", "0002", (char *)NULL);
	x12w_se(&w, "0002");
	is_str(b.s, "ST*837*0002~SE*2*0002~", "ST resets SE01's count");
	buf_reset(&b);

	x12w_init(&w, &b, 1);
	x12w_seg(&w, "GE", "1", "101", (char *)NULL);
	x12w_seg(&w, "IEA", "1", "000000101", (char *)NULL);
	is_str(b.s, "GE*1*101~\nIEA*1*000000101~\n", "--newline: \\n after "
	    "each ~");
	buf_free(&b);
}

static void
text(void)
{
	static const struct {
		const char	*in, *want;
	} cases[] = {
		{ "Doe", "DOE" },
		{ "  o'Brien*  jr~ ", "O'BRIEN JR" },
		{ "a:b^c*d~e", "ABCDE" },
		{ "Jos\xc3\xa9 \xc3\x91\xc3\xba\xc3\xb1" "ez", "JOSE NUNEZ" },
		{ "\xc3\x89lise M\xc3\xbcller", "ELISE MULLER" },
		{ "line\none\ttab\x7f", "LINEONETAB" },
		{ "\xe6\x97\xa5\xe6\x9c\xac Smith", "SMITH" },
		{ "Smith \xe6\x97\xa5", "SMITH" },
		{ "bad\xff\xfe byte", "BAD BYTE" },
		{ "12 Elm St., Apt #4", "12 ELM ST., APT #4" },
		{ "***", "" },
		{ "", "" },
	};
	char	 out[64], small[6];

	for (size_t i = 0; i < nitems(cases); i++)
		is_str(x12_text(out, sizeof(out), cases[i].in), cases[i].want,
		    "x12_text case %zu: \"%s\"", i,
		    cases[i].want);
	is_str(x12_text(small, sizeof(small), "abc defgh"), "ABC D",
	    "x12_text stops at the buffer's size");
	is_str(x12_text(small, sizeof(small), "abcd efgh"), "ABCD",
	    "and leaves no trailing blank");

	ok(x12_has_delim("DOE*JANE"), "has_delim: *");
	ok(x12_has_delim("A:B"), "has_delim: :");
	ok(x12_has_delim("A^B"), "has_delim: ^");
	ok(x12_has_delim("A~"), "has_delim: ~");
	ok(x12_has_delim("A\nB"), "has_delim: a control character");
	ok(x12_has_delim("A\xc2\x85" "B"), "has_delim: a C1 control");
	ok(!x12_has_delim("O'BRIEN, J\xc3\xa9"), "has_delim: none");
}

static void
money(void)
{
	static const struct {
		long long	 cents;
		const char	*want;
	} cases[] = {
		{ 15000, "150" }, { 9650, "96.5" }, { -150, "-1.5" },
		{ 0, "0" }, { 5, "0.05" }, { 12345, "123.45" },
		{ -100, "-1" }, { 50, "0.5" },
	};
	char	 out[24];

	for (size_t i = 0; i < nitems(cases); i++)
		is_str(x12_money(out, cases[i].cents), cases[i].want,
		    "x12_money(%lld)", cases[i].cents);
}

/* standards.md §2's 835, as it stands there */
static const char ex835[] =
    "ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*MAPLE01        "
    "*240201*0900*^*00501*000000555*0*T*:~\n"
    "GS*HP*ACMEHEALTH*MAPLE01*20240201*0900*555*X*005010X221A1~\n"
    "ST*835*0001~\n"
    "BPR*I*96.5*C*ACH*CCP*01*999999992*DA*123456*1123456789**01*999988880"
    "*DA*98765*20240201~\n"
    "TRN*1*EFT0001234*1123456789~\n"
    "DTM*405*20240131~\n"
    "N1*PR*ACME HEALTH~\n"
    "N3*1 INSURANCE WAY~\n"
    "N4*CHICAGO*IL*60601~\n"
    "PER*BL*EDI SUPPORT*TE*5555550199~\n"
    "N1*PE*MAPLE CLINIC*XX*1234567893~\n"
    "LX*1~\n"
    "CLP*PT1001*1*150*95*20*12*PAYER7788*11*1~\n"
    "NM1*QC*1*DOE*JANE****MI*MBR123456~\n"
    "SVC*HC:99213*100*70**1~\n"
    "DTM*472*20240110~\n"
    "CAS*CO*45*10~\n"
    "CAS*PR*3*20~\n"
    "AMT*B6*90~\n"
    "SVC*HC:87880:QW*50*25**1~\n"
    "DTM*472*20240110~\n"
    "CAS*CO*45*25~\n"
    "AMT*B6*25~\n"
    "PLB*1234567893*20241231*L6*-1.5~\n"
    "SE*23*0001~\n"
    "GE*1*555~\n"
    "IEA*1*000000555~\n";

/* Read all of s: the last x12r_next's value; *nseg the segments read. */
static int
read_all(const char *s, size_t len, struct x12r *r, long *nseg)
{
	int	 rc;

	*nseg = 0;
	if (x12r_open(r, s, len) == -1)
		return -2;
	while ((rc = x12r_next(r)) == 1)
		++*nseg;
	return rc;
}

/* s with the first from replaced by to: static, one at a time. */
static const char *
edit(const char *s, const char *from, const char *to)
{
	static char	 out[4096];
	const char	*at = strstr(s, from);

	if (at == NULL) {
		ok(0, "edit: '%s' is in the text", from);
		return s;
	}
	snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - s), s, to,
	    at + strlen(from));
	return out;
}

static void
broken(const char *what, const char *s, const char *why)
{
	struct x12r	 r;
	long		 n;

	is_int(read_all(s, strlen(s), &r, &n), -1, "refused: %s", what);
	ok(strstr(r.why, why) != NULL, "%s: why says \"%s\" (%s)", what,
	    why, r.why);
}

static void
reader(void)
{
	struct x12r	 r;
	long		 n, v;
	long long	 c;
	char		 buf[32];
	int		 svc = 0;

	is_int(x12r_open(&r, ex835, strlen(ex835)), 0, "open the §2 835");
	is_int(r.el, '*', "element separator from the ISA");
	is_int(r.comp, ':', "component separator from ISA16");
	is_int(r.rep, '^', "repetition separator from ISA11");
	is_int(r.term, '~', "terminator after ISA16");
	while (x12r_next(&r) == 1) {
		if (x12r_is(&r, "ISA")) {
			is_int(r.segno, 1, "the ISA is segment 1");
			is_int(r.nel, 16, "the ISA has 16 elements");
			x12r_el(&r, 13, buf, sizeof(buf));
			is_str(buf, "000000555", "ISA13");
		}
		if (x12r_is(&r, "BPR")) {
			is_int(x12r_money(&r, 2, &c), 0, "BPR02 is money");
			is_int(c, 9650, "BPR02 96.5 is 9650 cents");
			x12r_el(&r, 16, buf, sizeof(buf));
			is_str(buf, "20240201", "BPR16, past an empty BPR11");
			x12r_el(&r, 11, buf, sizeof(buf));
			is_str(buf, "", "BPR11 empty");
			x12r_el(&r, 17, buf, sizeof(buf));
			is_str(buf, "", "BPR17 absent: \"\"");
		}
		if (x12r_is(&r, "CLP")) {
			is_int(x12r_long(&r, 2, &v), 0, "CLP02 is a number");
			is_int(v, 1, "CLP02 1");
			is_int(x12r_el(&r, 7, buf, sizeof(buf)), 9, "CLP07's "
			    "length");
			is_int(x12r_el(&r, 7, buf, 9), -1, "CLP07 does not "
			    "fit in 9 bytes");
			is_str(buf, "", "and the buffer is then \"\"");
		}
		if (x12r_is(&r, "SVC") && ++svc == 2) {
			x12r_comp(&r, 1, 1, buf, sizeof(buf));
			is_str(buf, "HC", "SVC01-1");
			x12r_comp(&r, 1, 2, buf, sizeof(buf));
			is_str(buf, "87880", "SVC01-2");
			x12r_comp(&r, 1, 3, buf, sizeof(buf));
			is_str(buf, "QW", "SVC01-3");
			x12r_comp(&r, 1, 4, buf, sizeof(buf));
			is_str(buf, "", "SVC01-4 absent");
			x12r_comp(&r, 2, 1, buf, sizeof(buf));
			is_str(buf, "50", "SVC02-1: an element without "
			    "components is its first");
			is_int(x12r_money(&r, 4, &c), -1, "SVC04 empty: no "
			    "money");
		}
		if (x12r_is(&r, "PLB")) {
			is_int(x12r_money(&r, 4, &c), 0, "PLB04 is money");
			is_int(c, -150, "PLB04 -1.5 is -150 cents");
		}
	}
	is_int(read_all(ex835, strlen(ex835), &r, &n), 0, "the §2 835 reads "
	    "to the end (%s)", r.why);
	is_int(n, 27, "27 segments, ISA to IEA");
	is_int(x12r_next(&r), 0, "and stays at the end");

	broken("SE01 wrong", edit(ex835, "SE*23*", "SE*22*"),
	    "segment 25: SE01 says 22, the set has 23 segments");
	broken("SE02 wrong", edit(ex835, "SE*23*0001", "SE*23*0002"),
	    "SE02 0002 is not ST02 0001");
	broken("GE01 wrong", edit(ex835, "GE*1*", "GE*2*"),
	    "GE01 says 2, the group has 1 sets");
	broken("GE02 wrong", edit(ex835, "GE*1*555", "GE*1*556"),
	    "GE02 556 is not GS06 555");
	broken("IEA01 wrong", edit(ex835, "IEA*1*", "IEA*2*"),
	    "IEA01 says 2");
	broken("IEA02 wrong", edit(ex835, "IEA*1*000000555",
	    "IEA*1*000000554"), "IEA02 000000554 is not ISA13 000000555");
	broken("a segment between GS and ST", edit(ex835, "ST*835*0001~",
	    "REF*EV*1~ST*835*0001~"), "segment 3: REF outside ST..SE");
	broken("a segment after SE", edit(ex835, "GE*1*555~",
	    "LX*2~GE*1*555~"), "LX outside ST..SE");
	broken("a segment after the IEA", edit(ex835, "IEA*1*000000555~",
	    "IEA*1*000000555~LX*1~"), "LX after the IEA");
	broken("no SE", edit(ex835, "SE*23*0001~\n", ""), "GE before the SE");
	broken("an ST in a set", edit(ex835, "LX*1~", "ST*835*0002~"),
	    "ST inside set 0001");
	broken("a bad segment id", edit(ex835, "LX*1~", "lx*1~"),
	    "no segment id");

	/* truncated, anywhere after the ISA */
	for (size_t len = 107; len < strlen(ex835) - 2; len += 37) {
		is_int(read_all(ex835, len, &r, &n), -1, "truncated to %zu "
		    "bytes: refused (%s)", len, r.why);
	}
	is_int(read_all(ex835, strlen(ex835) - 1, &r, &n), 0, "only the "
	    "final newline gone: fine");
	is_int(read_all(ex835, strlen(ex835) - 2, &r, &n), -1, "the final "
	    "~ gone: refused");
	ok(strstr(r.why, "ends inside a segment") != NULL, "why: %s", r.why);
	is_int(read_all(ex835, 105, &r, &n), -2, "an ISA of 105 bytes: "
	    "open refuses");
	is_int(read_all("GS*HP~", 6, &r, &n), -2, "no ISA: open refuses");
	ok(strstr(r.why, "does not begin with an ISA") != NULL, "why: %s",
	    r.why);
	is_int(read_all(edit(ex835, "*00501*", "*00501|"), strlen(ex835), &r,
	    &n), -2, "an ISA of the wrong shape: open refuses");

	/* other delimiters, as the ISA declares them; no newlines */
	{
		const char *s = "  \r\nISA|00|          |00|          |ZZ|A"
		    "              |ZZ|B              |240201|0900|!|00501|"
		    "000000007|0|P|>\n"
		    "GS|HC|A|B|20240201|0900|7|X|005010X222A1\n"
		    "ST|837|0001\nSV1|HC>99213>25|100\nSE|3|0001\n"
		    "GE|1|7\nIEA|1|000000007\n";

		is_int(x12r_open(&r, s, strlen(s)), 0, "| > ! and a newline "
		    "terminator: open");
		is_int(r.el, '|', "element separator |");
		is_int(r.comp, '>', "component separator >");
		is_int(r.rep, '!', "repetition separator !");
		is_int(r.term, '\n', "terminator \\n");
		while (x12r_next(&r) == 1)
			if (x12r_is(&r, "SV1")) {
				x12r_comp(&r, 1, 3, buf, sizeof(buf));
				is_str(buf, "25", "SV101-3 with >");
			}
		is_int(read_all(s, strlen(s), &r, &n), 0, "reads (%s)",
		    r.why);
		is_int(n, 7, "7 segments");
	}
}

static void
money_parse(void)
{
	static const struct {
		const char	*el;
		int		 rc;
		long long	 cents;
	} cases[] = {
		{ "150", 0, 15000 }, { "96.5", 0, 9650 }, { "-1.50", 0, -150 },
		{ ".5", 0, 50 }, { "0", 0, 0 }, { "0.01", 0, 1 },
		{ "1.234", -1, 0 }, { "abc", -1, 0 }, { "1.", -1, 0 },
		{ "-", -1, 0 }, { "1,5", -1, 0 }, { "+1", -1, 0 },
		{ "1e3", -1, 0 }, { "", -1, 0 },
	};

	for (size_t i = 0; i < nitems(cases); i++) {
		char		 s[256];
		struct x12r	 r;
		long long	 c = 0x5eed;
		long		 n;

		snprintf(s, sizeof(s), "ISA*00*          *00*          *ZZ*A"
		    "              *ZZ*B              *240201*0900*^*00501*"
		    "000000001*0*P*:~GS*HP*A*B*20240201*0900*1*X*V~ST*835*1~"
		    "AMT*B6*%s~", cases[i].el);
		if (x12r_open(&r, s, strlen(s)) == -1)
			continue;
		for (n = 0; n < 4; n++)
			x12r_next(&r);
		is_str(r.id, "AMT", "the AMT is read");
		is_int(x12r_money(&r, 2, &c), cases[i].rc, "money \"%s\"",
		    cases[i].el);
		if (cases[i].rc == 0)
			is_int(c, cases[i].cents, "\"%s\" is %lld cents",
			    cases[i].el, cases[i].cents);
	}
}

int
main(void)
{
	writer();
	text();
	money();
	reader();
	money_parse();
	return done_testing();
}

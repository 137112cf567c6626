/*
 * procedure - unit tests for the parsers of lib/procedure.c and the CPT
 * shape of lib/cpt.c: what `chart proc add` reads from its command line.
 * Each case's expected value is written from the rule (CPT: 4 digits and
 * a digit, F, T or U; HCPCS Level II: a letter A-V and 4 digits; up to 4
 * two-character modifiers; up to 4 pointers 1..12; units 1..999), and an
 * unreadable value is 64 where a readable one out of bounds is 65.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cpt.h"
#include "procedure.h"
#include "tap.h"

static void
shape(void)
{
	ok(cpt_shape("99213"), "99213 is CPT");
	ok(cpt_shape("0042T"), "Category III, T");
	ok(cpt_shape("3074F"), "Category II, F");
	ok(cpt_shape("0001U"), "PLA, U");
	ok(!cpt_shape("0042t"), "lower case is upper-cased by the caller");
	ok(!cpt_shape("9921"), "four characters");
	ok(!cpt_shape("992134"), "six characters");
	ok(!cpt_shape("0042X"), "X is no CPT suffix");
	ok(!cpt_shape("A4253"), "a HCPCS code is not CPT");
	ok(!cpt_shape("99 13"), "a blank");
	ok(!cpt_shape(""), "empty");
}

static void
code(const char *in, int want, enum proc_sys sys, const char *stored)
{
	struct proc_line l = { 0 };
	const char	*why = NULL;
	int		 rc = proc_code_parse(in, &l, &why);

	is_int(rc, want, "code '%s': exit", in);
	if (want == 0) {
		is_int(l.sys, sys, "code '%s': system", in);
		is_str(l.code, stored, "code '%s': stored", in);
	} else
		ok(why != NULL && strstr(why, "CPT") != NULL,
		    "code '%s': says why", in);
}

static void
codes(void)
{
	code("99213", 0, PROC_CPT, "99213");
	code("0042t", 0, PROC_CPT, "0042T");
	code("A4253", 0, PROC_HCPCS, "A4253");
	code("j1100", 0, PROC_HCPCS, "J1100");
	code("V2020", 0, PROC_HCPCS, "V2020");
	code("W1234", EX_DATAERR, 0, NULL);	/* W is past V */
	code("AB123", EX_DATAERR, 0, NULL);
	code("9921", EX_DATAERR, 0, NULL);
	code("9921X", EX_DATAERR, 0, NULL);
	code("", EX_DATAERR, 0, NULL);
}

static void
mods(const char *in, int want, const char *first, int n)
{
	struct proc_line l = { 0 };
	const char	*why = NULL;
	int		 rc = proc_mods_parse(in, &l, &why);

	is_int(rc, want, "--mod '%s': exit", in);
	if (want == 0) {
		is_int(l.nmods, n, "--mod '%s': count", in);
		is_str(l.mods[0], first, "--mod '%s': first", in);
	} else
		ok(why != NULL, "--mod '%s': says why", in);
}

static void
modifiers(void)
{
	struct proc_line l = { 0 };
	const char *why;

	mods("25", 0, "25", 1);
	mods("25,59", 0, "25", 2);
	mods("gt", 0, "GT", 1);
	mods("25,59,GT,XU", 0, "25", 4);
	mods("25,59,GT,XU,LT", EX_DATAERR, NULL, 0);	/* five */
	mods("25,25", EX_DATAERR, NULL, 0);
	mods("25,gt,GT", EX_DATAERR, NULL, 0);		/* GT twice */
	mods("2", EX_USAGE, NULL, 0);
	mods("255", EX_USAGE, NULL, 0);
	mods("25,", EX_USAGE, NULL, 0);
	mods(",25", EX_USAGE, NULL, 0);
	mods("25;59", EX_USAGE, NULL, 0);
	mods("2-", EX_USAGE, NULL, 0);
	mods("", EX_USAGE, NULL, 0);
	proc_mods_parse("25,gt", &l, &why);
	is_str(l.mods[1], "GT", "the second is upper-cased too");
}

static void
ptrs(const char *in, int want, const char *stored)
{
	struct proc_line l = { 0 };
	const char	*why = NULL;
	char		 s[12];
	int		 rc = proc_ptrs_parse(in, &l, &why);

	is_int(rc, want, "--dx '%s': exit", in);
	if (want == 0) {
		proc_ptrs_str(l.dx, l.ndx, s);
		is_str(s, stored, "--dx '%s': stored", in);
	} else
		ok(why != NULL, "--dx '%s': says why", in);
}

static void
pointers(void)
{
	ptrs("1", 0, "1");
	ptrs("1,2", 0, "1,2");
	ptrs("2,1", 0, "2,1");		/* the order given is the claim's */
	ptrs("12", 0, "12");
	ptrs("9,10,11,12", 0, "9,10,11,12");	/* the longest: 10 bytes */
	ptrs("1,2,3,4,5", EX_DATAERR, NULL);
	ptrs("0", EX_DATAERR, NULL);
	ptrs("13", EX_DATAERR, NULL);
	ptrs("1,1", EX_DATAERR, NULL);
	ptrs("a", EX_USAGE, NULL);
	ptrs("1,", EX_USAGE, NULL);
	ptrs("1;2", EX_USAGE, NULL);
	ptrs("-1", EX_USAGE, NULL);
	ptrs("+1", EX_USAGE, NULL);
	ptrs("1000", EX_USAGE, NULL);	/* no pointer has four digits */
	ptrs("", EX_USAGE, NULL);
}

static void
units(const char *in, int want, int n)
{
	struct proc_line l = { 0 };
	const char	*why = NULL;
	int		 rc = proc_units_parse(in, &l, &why);

	is_int(rc, want, "--units '%s': exit", in);
	if (want == 0)
		is_int(l.units, n, "--units '%s': value", in);
	else
		ok(why != NULL, "--units '%s': says why", in);
}

int
main(void)
{
	shape();
	codes();
	modifiers();
	pointers();
	units("1", 0, 1);
	units("999", 0, 999);
	units("007", 0, 7);
	units("0", EX_DATAERR, 0);
	units("1000", EX_DATAERR, 0);
	units("x", EX_USAGE, 0);
	units("2x", EX_USAGE, 0);
	units("-1", EX_USAGE, 0);
	units(" 1", EX_USAGE, 0);
	units("", EX_USAGE, 0);
	return done_testing();
}

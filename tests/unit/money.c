/*
 * money - unit tests for lib/money.c: parsing amounts as people type them
 * into integer cents, refusing anything ambiguous, and formatting back.
 *
 * Expected values are plain decimal arithmetic (1 unit = 100 cents), and
 * the overflow limit is the one money.h promises: junk, more than two
 * decimals and amounts past LLONG_MAX / 1000 whole units are refused.
 * The round trip compares against snprintf("%lld") arithmetic done here.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "tap.h"

static void
good(const char *in, long long want)
{
	long long c = 0x5eed;

	is_int(money_parse(in, &c), 0, "money_parse(\"%s\") accepted", in);
	is_int(c, want, "\"%s\" is %lld cents", in, want);
}

static void
bad(const char *in, const char *what)
{
	long long c = 0x5eed;

	is_int(money_parse(in, &c), -1, "money_parse rejects \"%s\" (%s)", in,
	    what);
	is_int(c, 0x5eed, "... and leaves the result alone");
}

static void
fmt(long long c, const char *want)
{
	char s[MONEY_LEN];

	money_format(c, s);
	is_str(s, want, "money_format(%lld)", c);
}

/* The same amount written the slow way: sign, units, two digits. */
static void
reference(long long c, char out[64])
{
	unsigned long long a = c < 0 ? 0ULL - (unsigned long long)c :
	    (unsigned long long)c;

	snprintf(out, 64, "%s%llu.%llu%llu", c < 0 ? "-" : "", a / 100,
	    a % 100 / 10, a % 10);
}

static void
round_trip(void)
{
	static const long long edges[] = { 0, 1, -1, 9, 10, 99, 100, 101,
	    -99, -100, -101, 123456789, -123456789, 922337203685477599LL,
	    -922337203685477599LL };
	char		 s[MONEY_LEN], r[64];
	long long	 c, back;
	int		 bad_fmt = 0, bad_parse = 0, n = 0;

	/* every amount from -20.00 to 20.00, then sparse ones and edges */
	for (c = -2000; c <= 2000; c++, n++) {
		money_format(c, s);
		reference(c, r);
		bad_fmt += strcmp(s, r) != 0;
		bad_parse += money_parse(s, &back) != 0 || back != c;
	}
	for (c = 1; c < LLONG_MAX / 1000; c = c * 7 + 3, n += 2) {
		money_format(c, s);
		reference(c, r);
		bad_fmt += strcmp(s, r) != 0;
		bad_parse += money_parse(s, &back) != 0 || back != c;
		money_format(-c, s);
		reference(-c, r);
		bad_fmt += strcmp(s, r) != 0;
		bad_parse += money_parse(s, &back) != 0 || back != -c;
	}
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++, n++) {
		money_format(edges[i], s);
		reference(edges[i], r);
		bad_fmt += strcmp(s, r) != 0;
		bad_parse += money_parse(s, &back) != 0 || back != edges[i];
	}
	is_int(bad_fmt, 0, "money_format matches the reference for %d amounts",
	    n);
	is_int(bad_parse, 0, "money_parse(money_format(c)) == c for %d amounts",
	    n);
}

int
main(void)
{
	good("123.45", 12345);
	good("0.5", 50);
	good("7", 700);
	good("-12.30", -1230);
	good("+1.00", 100);
	good("0", 0);
	good("-0", 0);
	good("-0.00", 0);
	good("0.05", 5);
	good("-0.05", -5);
	good("12.3", 1230);
	good("007.10", 710);
	good("1000000", 100000000);
	/* the largest whole amount money.c allows, LLONG_MAX / 1000 */
	good("9223372036854775.99", 922337203685477599LL);
	good("-9223372036854775.99", -922337203685477599LL);

	bad("12.345", "three decimals");
	bad("0.001", "three decimals");
	bad("1,000.00", "thousands separator");
	bad("1.000,00", "decimal comma");
	bad("$5", "currency sign");
	bad("5$", "currency sign after");
	bad("", "empty");
	bad(".5", "no whole part");
	bad("-.5", "no whole part, signed");
	bad("5.", "no decimals after the point");
	bad("1e3", "exponent");
	bad(" 5", "leading space");
	bad("5 ", "trailing space");
	bad("--5", "two signs");
	bad("+-5", "two signs");
	bad("-", "a sign alone");
	bad("+", "a sign alone");
	bad("5.5.5", "two points");
	bad("0x10", "hexadecimal");
	bad("five", "words");
	bad("99999999999999999999", "overflow");
	bad("9223372036854776", "one past LLONG_MAX / 1000");
	bad("-99999999999999999999.99", "negative overflow");

	fmt(12345, "123.45");
	fmt(5, "0.05");
	fmt(-5, "-0.05");
	fmt(0, "0.00");
	fmt(-1230, "-12.30");
	fmt(100, "1.00");
	fmt(-100, "-1.00");
	fmt(99, "0.99");
	fmt(LLONG_MAX, "92233720368547758.07");
	fmt(LLONG_MIN, "-92233720368547758.08");

	round_trip();
	return done_testing();
}

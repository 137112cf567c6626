/*
 * ident - unit tests for lib/ident.c: Luhn, NPI, taxonomy, EIN and ZIP.
 *
 * Expected values come from outside the code under test: the NPI worked
 * example in standards.md section 4 (base 123456789 -> 1234567893), the
 * CMS sample NPI 1245319599, the textbook Luhn number 79927398713 and
 * the Visa test card 4111111111111111; the other NPIs were checked with
 * an independent Luhn over "80840" + NPI.  Every valid NPI is also
 * checked with each wrong last digit, which must all fail.
 */
#include <stdio.h>
#include <string.h>

#include "ident.h"
#include "tap.h"

/* fn accepts in (check what) and writes want (check written). */
static void
takes(int (*fn)(const char *, char *), const char *in, const char *want,
    const char *what, const char *written)
{
	char out[IDENT_EIN_LEN > IDENT_ZIP_LEN ? IDENT_EIN_LEN : IDENT_ZIP_LEN];

	memset(out, 'z', sizeof(out));	/* no terminator but the one fn writes */
	ok(fn(in, out), "%s", what);
	is_str(out, want, "%s", written);
}

static void
test_luhn(void)
{
	static const struct {
		const char	*digits;
		int		 valid;	/* its check digit is right */
		const char	*what;
	} luhn[] = {
		{ "79927398713", 1, "luhn: 79927398713" },
		{ "4111111111111111", 1, "luhn: Visa test card" },
		{ "0", 1, "luhn: a lone 0" },
		{ "808401234567893", 1, "luhn: 80840 + NPI 1234567893" },
		{ "79927398710", 0, "luhn: wrong check digit" },
		{ "4111111111111112", 0, "luhn: card, last digit off" },
		{ "", 0, "luhn: empty is not a number" },
		{ "7992 7398 713", 0, "luhn: spaces are not digits" },
		{ "7992739871a", 0, "luhn: a letter" },
		{ "-0", 0, "luhn: a sign" },
	};

	for (size_t i = 0; i < sizeof luhn / sizeof luhn[0]; i++)
		ok(!ident_luhn(luhn[i].digits) == !luhn[i].valid, "%s",
		    luhn[i].what);
}

static void
test_npi(void)
{
	static const char *const good[] = {
		"1234567893", "1245319599", "1003000126", "1932102084",
		"1000000004", "1999999992", "1111111112", "1679576722",
		"1467560003", "2000000002", "2987654326",
	};
	static const char *const bad[] = {
		"1234567890",	/* check digit should be 3 */
		"1234567894",
		"1245319598",
		"123456789",	/* nine digits */
		"12345678933",	/* eleven */
		"",
		"123456789X",
		"12345 67893",
		" 1234567893",
		"1234567893 ",
		"9876543213",	/* passes Luhn, but starts with 9 */
		"0000000006",	/* and with 0 */
		"2000000006",	/* Luhn without the 80840 prefix */
		"123-456-7893",
	};
	char	npi[11];

	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		ok(ident_npi(good[i]), "npi: %s is valid", good[i]);
		/* each other last digit fails */
		snprintf(npi, sizeof(npi), "%s", good[i]);
		int wrong = 0;
		for (char c = '0'; c <= '9'; c++) {
			if (c == good[i][9])
				continue;
			npi[9] = c;
			wrong += ident_npi(npi);
		}
		is_int(wrong, 0, "npi: %s with any other check digit fails",
		    good[i]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		ok(!ident_npi(bad[i]), "npi: '%s' is refused", bad[i]);
	/* the NPI check agrees with Luhn over the prefixed number */
	ok(ident_luhn("808401245319599"), "npi: CMS sample with 80840 passes Luhn");
	ok(!ident_luhn("1245319599"), "npi: CMS sample alone fails plain Luhn");
}

static void
test_taxonomy(void)
{
	static const char *const good[] = {
		"207Q00000X",	/* family medicine */
		"207R00000X",	/* internal medicine */
		"363LF0000X",	/* nurse practitioner, family */
		"261QM1300X",	/* multi-specialty clinic */
		"208D00000X",	/* general practice */
		"3336C0003X",	/* community/retail pharmacy */
	};
	static const char *const bad[] = {
		"207q00000X",	/* lower case */
		"207Q00000x",
		"207Q00000",	/* nine characters */
		"207Q00000XX",
		"20AQ00000X",	/* letter in the first three */
		"207Q0000-X",
		"207Q00000Y",
		"",
		" 207Q0000X",
		"207Q 0000X",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++)
		ok(ident_taxonomy(good[i]), "taxonomy: %s is valid", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		ok(!ident_taxonomy(bad[i]), "taxonomy: '%s' is refused",
		    bad[i]);
}

static void
test_ein(void)
{
	char	out[IDENT_EIN_LEN];

	takes(ident_ein, "123456789", "123456789", "ein: nine digits",
	    "ein: kept as is");
	takes(ident_ein, "12-3456789", "123456789", "ein: 12-3456789",
	    "ein: the hyphen is dropped");
	ok(ident_ein("00-0000000", NULL), "ein: out may be NULL");
	strcpy(out, "untouched");
	ok(!ident_ein("1-23456789", out), "ein: hyphen after one digit");
	is_str(out, "untouched", "ein: out unchanged on failure");
	ok(!ident_ein("123-456789", NULL), "ein: hyphen after three digits");
	ok(!ident_ein("12345678", NULL), "ein: eight digits");
	ok(!ident_ein("1234567890", NULL), "ein: ten digits");
	ok(!ident_ein("12-345678", NULL), "ein: eight digits with a hyphen");
	ok(!ident_ein("12--3456789", NULL), "ein: two hyphens");
	ok(!ident_ein("12 3456789", NULL), "ein: a space");
	ok(!ident_ein("12-345678a", NULL), "ein: a letter");
	ok(!ident_ein("", NULL), "ein: empty");
	ok(!ident_ein("-123456789", NULL), "ein: leading hyphen");
}

static void
test_zip(void)
{
	takes(ident_zip, "02108", "02108", "zip: five digits", "zip: five kept");
	takes(ident_zip, "021080000", "021080000", "zip: nine digits",
	    "zip: nine kept");
	takes(ident_zip, "02108-0000", "021080000", "zip: ZIP+4 with a hyphen",
	    "zip: the hyphen is dropped");
	ok(ident_zip("12345", NULL), "zip: out may be NULL");
	ok(!ident_zip("1234", NULL), "zip: four digits");
	ok(!ident_zip("123456", NULL), "zip: six digits");
	ok(!ident_zip("12345678", NULL), "zip: eight digits");
	ok(!ident_zip("1234567890", NULL), "zip: ten digits");
	ok(!ident_zip("12345-", NULL), "zip: hyphen and nothing");
	ok(!ident_zip("12345-678", NULL), "zip: hyphen and three");
	ok(!ident_zip("1234-56789", NULL), "zip: hyphen in the wrong place");
	ok(!ident_zip("K1A 0B1", NULL), "zip: a Canadian postal code");
	ok(!ident_zip("", NULL), "zip: empty");
	ok(!ident_zip("12345 ", NULL), "zip: trailing space");
}

int
main(void)
{
	test_luhn();
	test_npi();
	test_taxonomy();
	test_ein();
	test_zip();
	return done_testing();
}

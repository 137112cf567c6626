/*
 * phone - unit tests for lib/phone.c: telephone numbers as people write
 * them, normalised to E.164 ("+" and at most 15 digits, country code
 * first) for the clinic's country, or refused with a reason.
 *
 * Expected values come from outside the module: ITU-T E.164 (country
 * codes 1, 44, 49, 33, 34, 39, 86; at most 15 digits; no leading 0 after
 * the "+"), the North American Numbering Plan (10 national digits; area
 * code and exchange begin with 2-9; an optional leading 1), the national
 * trunk prefix 0 that the UK, Germany, France and China drop after the
 * country code while Italy keeps its leading 0 and Spain has none, and
 * the "00" international prefix.  Ofcom's drama numbers (020 7946 0xxx,
 * 07700 900xxx) and NANP's 555-01xx fictional range are used throughout.
 */
#include <stdio.h>
#include <string.h>

#include "phone.h"
#include "tap.h"

/* in, read as a national number of country, becomes want. */
static void
good(const char *in, const char *country, const char *want)
{
	char		 out[PHONE_LEN];
	const char	*why = NULL;
	int		 rc;

	memset(out, 'x', sizeof(out));
	rc = phone_e164(in, country, out, &why);
	is_int(rc, 0, "\"%s\" in %s is a number", in, country ? country : "-");
	if (rc == 0)
		is_str(out, want, "\"%s\" in %s is %s", in,
		    country ? country : "-", want);
	else {
		diag("refused: %s", why ? why : "(no reason)");
		ok(0, "\"%s\" in %s is %s", in, country ? country : "-", want);
	}
}

/* in is refused, with a reason that contains reason. */
static void
bad(const char *in, const char *country, const char *reason)
{
	char		 out[PHONE_LEN];
	const char	*why = NULL;
	int		 rc;

	out[0] = '\0';
	rc = phone_e164(in, country, out, &why);
	is_int(rc, -1, "\"%s\" in %s is refused", in, country ? country : "-");
	if (rc == 0)
		diag("got %s", out);
	ok(why != NULL && strstr(why, reason) != NULL,
	    "... because \"%s\"", reason);
	if (why != NULL && strstr(why, reason) == NULL)
		diag("why: %s", why);
}

int
main(void)
{
	char	 many[64];
	size_t	 i;

	/* North America: every way a US number gets typed */
	good("(617) 555-0100", "US", "+16175550100");
	good("617-555-0100", "US", "+16175550100");
	good("617.555.0100", "US", "+16175550100");
	good("617 555 0100", "US", "+16175550100");
	good("6175550100", "US", "+16175550100");
	good("1-617-555-0100", "US", "+16175550100");
	good("1 (617) 555-0100", "US", "+16175550100");
	good("+1 617 555 0100", "US", "+16175550100");
	good("+1 (617) 555-0100", "US", "+16175550100");
	good("+16175550100", "US", "+16175550100");
	good("001 617 555 0100", "US", "+16175550100");
	good("  (617) 555-0100  ", "US", "+16175550100");
	good("617/555-0100", "US", "+16175550100");
	good("(416) 555-0100", "CA", "+14165550100");
	good("(787) 555-0100", "PR", "+17875550100");
	/* a number with its country code needs no clinic country */
	good("+44 20 7946 0958", NULL, "+442079460958");
	good("+44 20 7946 0958", "US", "+442079460958");
	good("0044 20 7946 0958", "US", "+442079460958");
	good("+49 30 1234567", "ZZ", "+49301234567");

	/* national numbers elsewhere: trunk 0 dropped, or kept, or none */
	good("020 7946 0958", "GB", "+442079460958");
	good("07700 900123", "GB", "+447700900123");
	good("030 1234567", "DE", "+49301234567");
	good("01 23 45 67 89", "FR", "+33123456789");
	good("912 345 678", "ES", "+34912345678");
	good("06 1234 5678", "IT", "+390612345678");
	good("010 1234 5678", "CN", "+861012345678");
	/* a number from abroad, written with its country code, is kept */
	good("+1 617 555 0100", "GB", "+16175550100");
	/* "(0)": the trunk prefix written for callers at home, not dialled */
	good("+44 (0)20 7946 0958", "US", "+442079460958");

	/* NANP rules */
	bad("555-0100", "US", "10 digits");
	bad("617-555-010", "US", "10 digits");
	bad("617-555-01000", "US", "10 digits");
	bad("2-617-555-0100", "US", "10 digits");
	bad("(017) 555-0100", "US", "North American");
	bad("(117) 555-0100", "US", "North American");
	bad("(617) 055-0100", "US", "North American");
	bad("(617) 155-0100", "US", "North American");
	bad("+1 017 555 0100", NULL, "North American");
	bad("+1 617 555 010", NULL, "North American");

	/* not a phone number at all */
	bad("call me", "US", "only digits");
	bad("617-555-0100 x12", "US", "only digits");
	bad("617_555_0100", "US", "only digits");
	bad("+44 20 7946 0958#", "US", "only digits");
	bad("", "US", "10 digits");
	bad("+", "US", "international");
	bad("+0 20 7946 0958", "US", "international");
	bad("+44 1234", "US", "international");	/* 6 digits */
	bad("+44 2079 4609 5812 34", "US", "international");	/* 16 */
	/* a national number in a country the table does not know */
	bad("020 7946 0958", "ZZ", "start the number with '+'");
	bad("020 7946 0958", NULL, "start the number with '+'");

	/* E.164's 15 digits is the most that fits in PHONE_LEN */
	good("+86 123 4567 8901 23", NULL, "+861234567890123");
	bad("+86 123 4567 8901 234", NULL, "international");
	/* far too many digits: refused, never written past the buffer */
	for (i = 0; i < 40; i++)
		many[i] = (char)('1' + i % 9);
	many[i] = '\0';
	bad(many, "US", "digits");
	many[0] = '+';
	bad(many, "US", "digits");
	for (i = 30; i <= 33; i++) {
		memset(many + 1, '9', i);
		many[i + 1] = '\0';
		bad(many, "GB", "digits");
	}

	return done_testing();
}

/*
 * phone - lib/phone.c on what is typed or imported as a phone number.
 * The first byte picks the clinic's country (one of those phone.c
 * knows, one it does not, or none), the rest is the number.  What it
 * returns must be E.164: '+' and 1 to 15 digits.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "phone.h"

static const char *const countries[] = { "US", "GB", "FR", "DE", "IE",
    "MX", "BR", "JP", "ZZ", "", NULL };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*country, *why;
	char		 out[PHONE_LEN], *s;
	size_t		 n;

	if (size == 0)
		return 0;
	country = countries[data[0] % (sizeof(countries) /
	    sizeof(countries[0]))];
	s = fuzz_str(data + 1, size - 1);
	if (phone_e164(s, country, out, &why) == 0) {
		n = strlen(out);
		if (out[0] != '+' || n < 2 || n > 16 ||
		    strspn(out + 1, "0123456789") != n - 1)
			abort();
	}
	free(s);
	return 0;
}

/*
 * phone - E.164 normalisation.  North American numbers are checked against
 * the NANP rules (area code and exchange do not start with 0 or 1); other
 * countries lose their national trunk prefix 0.  Only the countries in the
 * table can be written without a '+': anything else needs its code.
 */
#include <ctype.h>
#include <string.h>

#include "phone.h"
#include "util.h"

static const struct {
	const char	*iso;
	const char	*cc;		/* calling code */
	int		 trunk0;	/* national numbers start with 0 */
} countries[] = {
	{ "US", "1", 0 }, { "CA", "1", 0 }, { "PR", "1", 0 },
	{ "GB", "44", 1 }, { "IE", "353", 1 }, { "FR", "33", 1 },
	{ "DE", "49", 1 }, { "ES", "34", 0 }, { "IT", "39", 0 },
	{ "PT", "351", 0 }, { "NL", "31", 1 }, { "BE", "32", 1 },
	{ "CH", "41", 1 }, { "AT", "43", 1 }, { "SE", "46", 1 },
	{ "MX", "52", 0 }, { "BR", "55", 1 }, { "AU", "61", 1 },
	{ "NZ", "64", 1 }, { "IN", "91", 1 }, { "CN", "86", 1 },
	{ "JP", "81", 1 }, { "PH", "63", 1 },
};

int
phone_e164(const char *s, const char *country, char out[PHONE_LEN],
    const char **why)
{
	char	 d[32];
	size_t	 n = 0;
	int	 intl = 0;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+') {
		intl = 1;
		s++;
	} else if (s[0] == '0' && s[1] == '0') {
		intl = 1;
		s += 2;
	}
	for (; *s; s++) {
		/* "+44 (0)20 ...": the trunk 0 a caller abroad leaves out */
		if (intl && strncmp(s, "(0)", 3) == 0) {
			s += 2;
			continue;
		}
		if (isdigit((unsigned char)*s)) {
			if (n + 1 >= sizeof(d)) {
				*why = "too many digits";
				return -1;
			}
			d[n++] = *s;
		} else if (strchr(" -.()/", *s) == NULL) {
			*why = "only digits, spaces, '+', '-', '.', '(' and ')'"
			    " belong in a phone number";
			return -1;
		}
	}
	d[n] = '\0';
	if (!intl) {
		const char *cc = NULL;
		int trunk0 = 0;

		for (size_t i = 0; i < nitems(countries); i++)
			if (country && strcmp(country, countries[i].iso) == 0) {
				cc = countries[i].cc;
				trunk0 = countries[i].trunk0;
			}
		if (cc == NULL) {
			*why = "no country code: start the number with '+'";
			return -1;
		}
		if (strcmp(cc, "1") == 0) {
			if (n == 11 && d[0] == '1')
				memmove(d, d + 1, n--);
			if (n != 10) {
				*why = "a North American number has 10 digits";
				return -1;
			}
		} else if (trunk0 && d[0] == '0')
			memmove(d, d + 1, n--);
		if (strlen(cc) + n > 15) {
			*why = "too many digits";
			return -1;
		}
		memmove(d + strlen(cc), d, n + 1);
		memcpy(d, cc, strlen(cc));
		n += strlen(cc);
	}
	if (n < 8 || n > 15 || d[0] == '0') {
		*why = "not a valid international number (8 to 15 digits, "
		    "country code first)";
		return -1;
	}
	if (d[0] == '1' && (n != 11 || d[1] < '2' || d[4] < '2')) {
		*why = "not a valid North American number";
		return -1;
	}
	out[0] = '+';
	memcpy(out + 1, d, n + 1);
	return 0;
}

/*
 * money - cents in, cents out.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>

#include "money.h"

#define MONEY_MAX	(LLONG_MAX / 1000)	/* far beyond any clinic bill */

int
money_parse(const char *s, long long *cents)
{
	long long	 whole = 0, frac = 0;
	int		 neg = 0, nfrac = 0, nwhole = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; isdigit((unsigned char)*s); s++, nwhole++) {
		whole = whole * 10 + (*s - '0');
		if (whole > MONEY_MAX)
			return -1;
	}
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++, nfrac++)
			if (nfrac < 2)
				frac = frac * 10 + (*s - '0');
		if (nfrac == 0 || nfrac > 2)
			return -1;
		if (nfrac == 1)
			frac *= 10;
	}
	if (*s != '\0' || nwhole == 0)
		return -1;
	*cents = whole * 100 + frac;
	if (neg)
		*cents = -*cents;
	return 0;
}

void
money_format(long long cents, char out[MONEY_LEN])
{
	unsigned long long	a = cents < 0 ? 0ULL - (unsigned long long)cents :
				    (unsigned long long)cents;

	snprintf(out, MONEY_LEN, "%s%llu.%02llu", cents < 0 ? "-" : "", a / 100,
	    a % 100);
}

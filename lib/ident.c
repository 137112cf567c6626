/*
 * ident - identifier checks.  Written byte by byte rather than with
 * isdigit(3): these are ASCII formats, and the locale must not widen them.
 */
#include <stddef.h>
#include <string.h>

#include "ident.h"

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Are the n bytes at s all digits? */
static int
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!digit(s[i]))
			return 0;
	return 1;
}

/*
 * The Luhn sum of s, doubling every other digit from the rightmost one
 * when dbl_last is set (as for a base still lacking its check digit),
 * else from the one before it (as for a complete number).
 */
static int
luhn_sum(const char *s, size_t n, int dbl_last)
{
	int sum = 0, dbl = dbl_last;

	while (n-- > 0) {
		int d = s[n] - '0';

		if (dbl && (d *= 2) > 9)
			d -= 9;
		sum += d;
		dbl = !dbl;
	}
	return sum;
}

int
ident_luhn(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && digits(s, n) && luhn_sum(s, n, 0) % 10 == 0;
}

/*
 * The NPI's check digit is Luhn's over "80840" and the first nine digits
 * (the card-issuer prefix for US health).  The prefix always adds 24, so
 * the check digit is the one that brings 24 plus the base's sum up to a
 * multiple of ten.
 */
int
ident_npi(const char *s)
{
	if (strlen(s) != 10 || !digits(s, 10) || (s[0] != '1' && s[0] != '2'))
		return 0;
	return (24 + luhn_sum(s, 9, 1) + (s[9] - '0')) % 10 == 0;
}

/* The NUCC code set's shape: 207Q00000X, 363LF0000X, 261QM1300X. */
int
ident_taxonomy(const char *s)
{
	if (strlen(s) != 10 || !digits(s, 3) || s[9] != 'X')
		return 0;
	for (size_t i = 3; i < 9; i++)
		if (!digit(s[i]) && (s[i] < 'A' || s[i] > 'Z'))
			return 0;
	return 1;
}

/*
 * Copy the digits of s into out if s is n digits, or n digits with one
 * hyphen after the first `at` of them.
 */
static int
split_digits(const char *s, size_t n, size_t at, char *out)
{
	size_t len = strlen(s);

	if (len == n && digits(s, n)) {
		if (out)
			memcpy(out, s, n + 1);
		return 1;
	}
	if (len != n + 1 || s[at] != '-' || !digits(s, at) ||
	    !digits(s + at + 1, n - at))
		return 0;
	if (out) {
		memcpy(out, s, at);
		memcpy(out + at, s + at + 1, n - at + 1);
	}
	return 1;
}

int
ident_ein(const char *s, char out[IDENT_EIN_LEN])
{
	return split_digits(s, 9, 2, out);
}

int
ident_zip(const char *s, char out[IDENT_ZIP_LEN])
{
	if (strlen(s) == 5 && digits(s, 5)) {
		if (out)
			memcpy(out, s, 6);
		return 1;
	}
	return split_digits(s, 9, 5, out);
}

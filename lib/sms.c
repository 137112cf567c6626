/*
 * sms - segment counting.  A long message carries a 6-octet concatenation
 * header (3GPP TS 23.040 9.2.3.24.1) in each part, leaving 153 septets or
 * 67 UTF-16 units of the 140 octets.  No character is cut across two
 * parts: an escape travels with its extension character, and a surrogate
 * pair stays whole, so a part can end a unit short and the count can be
 * one above ceil(units / 153) or ceil(units / 67).  Twilio's segment
 * calculator packs the same way.
 */
#include <limits.h>
#include <string.h>

#include "sms.h"
#include "util.h"

#define GSM_ONE		160	/* septets in a lone message */
#define GSM_PART	153	/* ... in each part of a long one */
#define UCS_ONE		70	/* UTF-16 units, likewise */
#define UCS_PART	67

/*
 * The default alphabet's characters outside ASCII, sorted (TS 23.038
 * 6.2.1; Unicode's GSM0338.TXT).  0x09 is the capital Ç, as the standard
 * draws it: ç needs UCS-2.
 */
static const unsigned short basic[] = {
	0x00a1, 0x00a3, 0x00a4, 0x00a5, 0x00a7, 0x00bf, 0x00c4, 0x00c5,
	0x00c6, 0x00c7, 0x00c9, 0x00d1, 0x00d6, 0x00d8, 0x00dc, 0x00df,
	0x00e0, 0x00e4, 0x00e5, 0x00e6, 0x00e8, 0x00e9, 0x00ec, 0x00f1,
	0x00f2, 0x00f6, 0x00f8, 0x00f9, 0x00fc,
	0x0393, 0x0394, 0x0398, 0x039b, 0x039e, 0x03a0, 0x03a3, 0x03a6,
	0x03a8, 0x03a9,
};

/* Septets for cp: 1 in the basic table, 2 via the escape, 0 for none. */
static int
septets(unsigned cp)
{
	if (cp < 0x80) {
		if (cp == '\n' || cp == '\r')
			return 1;
		if (cp == '\f')
			return 2;	/* the extension's page break */
		if (cp < 0x20 || cp == 0x7f || cp == '`')
			return 0;
		return strchr("[\\]^{|}~", (int)cp) ? 2 : 1;
	}
	if (cp == 0x20ac)
		return 2;		/* € */
	for (size_t i = 0; i < nitems(basic) && basic[i] <= cp; i++)
		if (basic[i] == cp)
			return 1;
	return 0;
}

/* The code point at *p, which is valid UTF-8; *p moves past it. */
static unsigned
next(const unsigned char **p)
{
	const unsigned char	*s = *p;
	unsigned		 cp;
	size_t			 len;

	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	cp = s[0] & (0x3f >> (len - 1));
	for (size_t i = 1; i < len; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	*p = s + len;
	return cp;
}

static int
cost(unsigned cp, int gsm7)
{
	if (gsm7)
		return septets(cp);
	return cp > 0xffff ? 2 : 1;
}

int
sms_count(const char *s, struct sms_count *c)
{
	const unsigned char	*p;
	size_t			 n = strlen(s);
	int			 gsm7 = 1, total = 0, segs = 1, used = 0;
	int			 part;

	if (n > INT_MAX / 2 || !utf8_valid(s, n))
		return -1;
	for (p = (const unsigned char *)s; *p; )
		if (septets(next(&p)) == 0) {
			gsm7 = 0;
			break;
		}
	for (p = (const unsigned char *)s; *p; )
		total += cost(next(&p), gsm7);
	if (total > (gsm7 ? GSM_ONE : UCS_ONE)) {
		part = gsm7 ? GSM_PART : UCS_PART;
		for (p = (const unsigned char *)s; *p; ) {
			int k = cost(next(&p), gsm7);

			if (used + k > part) {
				segs++;
				used = 0;
			}
			used += k;
		}
	}
	c->gsm7 = gsm7;
	c->units = total;
	c->segments = segs;
	return 0;
}

/*
 * sms - unit tests for lib/sms.c: which alphabet a text needs, how many
 * units it takes, and how many segments.
 *
 * Expected values come from outside the module: the default alphabet and
 * its extension table as 3GPP TS 23.038 6.2.1 lays them out (written here
 * from the standard's table, in its order, not from lib/sms.c; checked
 * against Perl's Encode::GSM0338, which follows TS 23.038 v16); 160 / 153
 * septets and 70 / 67 units from 140 octets less a 6-octet concatenation
 * header (TS 23.040 9.2.3.24.1); U+1F600 is two UTF-16 units (RFC 2781).
 */
#include <stdlib.h>
#include <string.h>

#include "sms.h"
#include "tap.h"
#include "util.h"

/* The 127 characters of the default alphabet, 0x00 to 0x7F less ESC. */
#define BASIC	"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./" \
		"0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" \
		"¿abcdefghijklmnopqrstuvwxyzäöñüà"
/* The extension table: form feed ^ { } \ [ ~ ] | € */
#define EXT	"\f^{}\\[~]|€"

/* n copies of the UTF-8 character c.  Owned. */
static char *
rep(const char *c, int n)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	for (int i = 0; i < n; i++)
		buf_adds(&b, c);
	return b.s;
}

static void
count(const char *s, int gsm7, int units, int segments, const char *what)
{
	struct sms_count c = { -1, -1, -1 };

	if (!is_int(sms_count(s, &c), 0, "%s: counted", what))
		return;
	is_int(c.gsm7, gsm7, "%s: %s", what, gsm7 ? "GSM-7" : "UCS-2");
	is_int(c.units, units, "%s: %d units", what, units);
	is_int(c.segments, segments, "%s: %d segment%s", what, segments,
	    segments == 1 ? "" : "s");
}

/* n copies of c, then counted. */
static void
count_rep(const char *c, int n, int gsm7, int units, int segments)
{
	char	*s = rep(c, n);
	char	 what[64];

	snprintf(what, sizeof(what), "%d x '%s'", n, c);
	count(s, gsm7, units, segments, what);
	free(s);
}

static void
test_gsm7_lengths(void)
{
	count_rep("a", 160, 1, 160, 1);
	count_rep("a", 161, 1, 161, 2);
	count_rep("a", 306, 1, 306, 2);
	count_rep("a", 307, 1, 307, 3);
	count_rep("a", 459, 1, 459, 3);
	count_rep("a", 460, 1, 460, 4);
	count("", 1, 0, 1, "empty text");
}

static void
test_extension(void)
{
	count("€", 1, 2, 1, "euro sign");
	count(EXT, 1, 20, 1, "the whole extension table");
	count("\r\n", 1, 2, 1, "CR LF");
	count_rep("{", 80, 1, 160, 1);
	count_rep("{", 81, 1, 162, 2);
	count("Total: 12€ [card]", 1, 20, 1, "euro and brackets");
}

static void
test_basic_table(void)
{
	static const struct {
		const char	*s, *name;
	} not_gsm[] = {
		{ "ç", "c cedilla (only Ç is GSM)" }, { "á", "a acute" },
		{ "í", "i acute" }, { "ó", "o acute" }, { "ú", "u acute" },
		{ "Ó", "O acute" }, { "È", "E grave" }, { "ê", "e circumflex" },
		{ "Ã", "A tilde" }, { "`", "grave accent" }, { "\t", "tab" },
		{ "\x01", "U+0001" }, { "\x7f", "DEL" }, { "«", "guillemet" },
		{ "’", "right single quote" }, { "–", "en dash" },
		{ "α", "small alpha" }, { "ẞ", "capital sharp s" },
	};

	count(BASIC, 1, 127, 1, "the whole default alphabet");
	count("José", 1, 4, 1, "José (é is GSM)");
	count("Ça va", 1, 5, 1, "Ç is GSM");
	for (size_t i = 0; i < nitems(not_gsm); i++) {
		struct sms_count	c = { -1, -1, -1 };
		char			s[16];

		snprintf(s, sizeof(s), "x%sx", not_gsm[i].s);
		if (is_int(sms_count(s, &c), 0, "%s: counted", not_gsm[i].name))
			is_int(c.gsm7, 0, "%s: not in GSM-7", not_gsm[i].name);
	}
}

static void
test_ucs2(void)
{
	count("Jos\xc3\xa1", 0, 4, 1, "Josá");
	count_rep("á", 70, 0, 70, 1);
	count_rep("á", 71, 0, 71, 2);
	count_rep("á", 134, 0, 134, 2);
	count_rep("á", 135, 0, 135, 3);
	/* one non-GSM character turns the whole text to UCS-2 */
	count("Cita mañana 9:30 — confirme", 0, 27, 1, "an em dash");
	count("😀", 0, 2, 1, "an emoji is a surrogate pair");
	count("ok 😀", 0, 5, 1, "text and an emoji");
	count_rep("😀", 35, 0, 70, 1);
	count_rep("😀", 36, 0, 72, 2);
	count_rep("€", 70, 1, 140, 1);	/* € alone stays GSM-7 */
}

/*
 * A part ends early rather than cut an escape sequence or a surrogate
 * pair, as handsets and gateways do; ceil() alone would say 2.
 */
static void
test_no_split(void)
{
	char	*a = rep("a", 152), *s;
	char	*u = rep("á", 66);

	s = xasprintf("%s€%s", a, a);
	count(s, 1, 306, 3, "152 a, €, 152 a: € not cut");
	free(s);
	s = xasprintf("%s€%s", a, "a");
	count(s, 1, 155, 1, "155 septets is still one message");
	free(s);
	s = xasprintf("%s😀%s", u, u);
	count(s, 0, 134, 3, "66 á, emoji, 66 á: pair not cut");
	free(s);
	s = xasprintf("a%s😀%s", u, u);
	count(s, 0, 135, 3, "a, 66 á, emoji, 66 á: fits 67 + 67 + 1");
	free(s);
	free(a);
	free(u);
}

static void
test_invalid(void)
{
	static const char *const bad[] = {
		"\xc3",			/* truncated */
		"caf\xe9",		/* Latin-1 */
		"\xc0\xaf",		/* overlong */
		"\xed\xa0\x80",		/* a surrogate */
		"\xf4\x90\x80\x80",	/* above U+10FFFF */
		"\xff",
	};

	for (size_t i = 0; i < nitems(bad); i++) {
		struct sms_count c;

		is_int(sms_count(bad[i], &c), -1, "invalid UTF-8 %zu refused",
		    i);
	}
}

int
main(void)
{
	test_gsm7_lengths();
	test_extension();
	test_basic_table();
	test_ucs2();
	test_no_split();
	test_invalid();
	return done_testing();
}

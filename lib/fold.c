/*
 * fold - search keys.  Latin letters with diacritics become their base
 * letters through glibc's transliteration (iconv "ASCII//TRANSLIT" under
 * C.UTF-8: ễ -> e, ß -> ss, Ł -> L), which covers Vietnamese, Romanian
 * and Polish as well as Western European names; other scripts keep their
 * letters, lower-cased where they have case.  Punctuation of any script
 * (O'Brien, O’Brien) vanishes.
 */
#include <iconv.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "fold.h"
#include "util.h"

static iconv_t	translit = (iconv_t)-1;

static int
latin(wchar_t c)
{
	return (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff);
}

/* A Latin letter's ASCII spelling, lower case; 0 if it has none. */
static int
ascii_of(const char *mb, size_t n, struct buf *b)
{
	char	 in[8], out[16], *ip = in, *op = out;
	size_t	 il = n, ol = sizeof(out) - 1;

	if (translit == (iconv_t)-1)
		return 0;
	memcpy(in, mb, n);
	iconv(translit, NULL, NULL, NULL, NULL);
	if (iconv(translit, &ip, &il, &op, &ol) == (size_t)-1 || op == out)
		return 0;
	for (char *p = out; p < op; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return 0;
	for (char *p = out; p < op; p++)
		buf_addc(b, (char)(*p | 0x20));
	return 1;
}

static void
space(struct buf *b)
{
	if (b->len > 0 && b->s[b->len - 1] != ' ')
		buf_addc(b, ' ');
}

char *
fold_key(const char *s)
{
	static int	 ready;
	struct buf	 b = { 0 };
	mbstate_t	 st = { 0 };
	wchar_t		 c;
	size_t		 n;
	char		 mb[8];

	if (!ready) {
		setlocale(LC_CTYPE, "C.UTF-8");
		translit = iconv_open("ASCII//TRANSLIT", "UTF-8");
		ready = 1;
	}
	while (*s) {
		unsigned char a = (unsigned char)*s;

		if (a < 0x80) {		/* the common case, quickly */
			if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9'))
				buf_addc(&b, (char)a);
			else if (a >= 'A' && a <= 'Z')
				buf_addc(&b, (char)(a | 0x20));
			else if (a == ' ' || a == '\t')
				space(&b);
			s++;
			continue;
		}
		n = mbrtowc(&c, s, MB_CUR_MAX, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			s++;
			continue;
		}
		if (iswspace((wint_t)c))
			space(&b);
		else if ((c >= 0x300 && c <= 0x36f) || iswpunct((wint_t)c))
			;	/* combining marks and punctuation vanish */
		else if (!latin(c) || !ascii_of(s, n, &b)) {
			size_t m = wcrtomb(mb, (wchar_t)towlower((wint_t)c),
			    &(mbstate_t){ 0 });

			if (m != (size_t)-1)
				buf_add(&b, mb, m);
		}
		s += n;
	}
	while (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return b.s ? b.s : xstrdup("");
}

/*
 * fold - search keys.  Latin letters with diacritics map to their base
 * letters by table (U+00C0..U+017F, the Latin-1 and Latin Extended-A
 * blocks that names use); case folding elsewhere is towlower's.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "fold.h"
#include "util.h"

/* Base letters for U+00C0..U+017F; 0 keeps the character as it is. */
static const char latin[] =
	/* C0 */ "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyts"
	/* E0 */ "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty"
	/* 100 */ "aaaaaaccccccccdd" "ddeeeeeeeeeegggg"
	/* 120 */ "gggghhhhiiiiiiii" "iiiijjkkklllllll"
	/* 140 */ "lllnnnnnnnnnoooo" "oooorrrrrrssssss"
	/* 160 */ "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

static void
put(struct buf *b, wchar_t c)
{
	char	 mb[8];
	size_t	 n;

	if (c == 0xc6 || c == 0xe6) {	/* æ */
		buf_adds(b, "ae");
		return;
	}
	if (c == 0x152 || c == 0x153) {	/* œ */
		buf_adds(b, "oe");
		return;
	}
	if (c >= 0xc0 && c <= 0x17f && latin[c - 0xc0] != '\0') {
		buf_addc(b, latin[c - 0xc0]);
		if (c == 0xdf)		/* ß */
			buf_addc(b, 's');
		return;
	}
	c = (wchar_t)towlower((wint_t)c);
	if ((n = wcrtomb(mb, c, &(mbstate_t){ 0 })) != (size_t)-1)
		buf_add(b, mb, n);
}

char *
fold_key(const char *s)
{
	static int	 ready;
	struct buf	 b = { 0 };
	mbstate_t	 st = { 0 };
	wchar_t		 c;
	size_t		 n;

	if (!ready) {
		setlocale(LC_CTYPE, "C.UTF-8");
		ready = 1;
	}
	while (*s) {
		n = mbrtowc(&c, s, MB_CUR_MAX, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			s++;
			continue;
		}
		s += n;
		/* combining marks (U+0300..U+036F) and punctuation vanish */
		if ((c >= 0x300 && c <= 0x36f) || (c < 0x80 && !iswalnum(c) &&
		    c != ' '))
			continue;
		if (c == ' ' && (b.len == 0 || b.s[b.len - 1] == ' '))
			continue;
		put(&b, c);
	}
	while (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	return b.s ? b.s : xstrdup("");
}

/*
 * fold - unit tests for lib/fold.c: the search key of a name, so that
 * what a clerk types finds what was registered: lower case, Latin
 * accents stripped, punctuation dropped, runs of spaces made one, and
 * letters of other scripts kept (lower-cased where the script has case).
 *
 * Expected keys come from outside the module: Unicode's base letters
 * (the canonical decomposition of each accented letter, less its
 * combining marks: é = e + U+0301), the usual transliterations of the
 * letters that have no decomposition (ß ss, æ ae, œ oe, ø o, ł l, đ d)
 * and Unicode's simple lower-case mappings (UnicodeData.txt) for Greek
 * and Cyrillic.  Byte strings are spelled as UTF-8 escapes where the
 * letter alone would be ambiguous on screen (combining marks, U+2019).
 */
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "tap.h"

static void
key(const char *in, const char *want, const char *what)
{
	char *got = fold_key(in);

	is_str(got, want, "%s: \"%s\" folds to \"%s\"", what, in, want);
	free(got);
}

/* Two spellings meet: the same key. */
static void
meet(const char *a, const char *b)
{
	char *ka = fold_key(a), *kb = fold_key(b);

	is_str(ka, kb, "\"%s\" and \"%s\" have one key", a, b);
	free(ka);
	free(kb);
}

/* in folds to want: the checks main runs first, one row each */
static const struct {
	const char *in, *want, *what;
} keys[] = {
	/* case */
	{ "Lee", "lee", "ASCII" },
	{ "MCDONALD", "mcdonald", "ASCII" },
	{ "r2d2", "r2d2", "digits stay" },
	{ "", "", "empty" },

	/* punctuation: apostrophes, hyphens, dots, commas vanish */
	{ "O'Brien", "obrien", "apostrophe" },
	{ "Smith-Jones", "smithjones", "hyphen" },
	{ "St. John", "st john", "dot" },
	{ "King, Jr.", "king jr", "comma" },
	{ "(Ana)", "ana", "parentheses" },

	/* spaces: one between words, none at the ends */
	{ "  Anne   Marie  ", "anne marie", "spaces" },
	{ "Anne - Marie", "anne marie", "a spaced hyphen leaves one space" },

	/* Latin-1 */
	{ "Müller", "muller", "umlaut" },
	{ "José", "jose", "acute" },
	{ "JOSÉ", "jose", "capital acute" },
	{ "Ñúñez-Güell", "nunezguell", "tilde, acute, diaeresis, hyphen" },
	{ "François", "francois", "cedilla" },
	{ "Øster", "oster", "o with stroke" },
	{ "Ærø", "aero", "ash" },
	{ "Straße", "strasse", "sharp s" },
	{ "Zoë", "zoe", "diaeresis" },
	{ "ÀÁÂÃÄÅ", "aaaaaa", "every A" },
	{ "àáâãäå", "aaaaaa", "every a" },
	{ "ÈÉÊË ÌÍÎÏ ÒÓÔÕÖ ÙÚÛÜ Ýÿ", "eeee iiii ooooo uuuu yy",
	  "Latin-1 vowels" },

	/* Latin Extended-A */
	{ "Łukasz", "lukasz", "l with stroke" },
	{ "Dvořák", "dvorak", "caron" },
	{ "Šťastný", "stastny", "caron, acute" },
	{ "Œuvre", "oeuvre", "oe" },
	{ "Ğül", "gul", "breve" },
	{ "İlkay", "ilkay", "dotted capital I" },
	{ "Đorđević", "dordevic", "d with stroke" },
	{ "Ÿvette", "yvette", "capital y diaeresis" },
	{ "Văn", "van", "a with breve" },

	/* decomposed input: the combining marks vanish */
	{ "Jose\xcc\x81", "jose", "e + combining acute" },
	{ "Mu\xcc\x88ller", "muller", "u + combining diaeresis" },

	/* other scripts keep their letters, lower-cased */
	{ "王小明", "王小明", "Han" },
	{ "王", "王", "one Han character" },
	{ "ДМИТРИЙ", "дмитрий", "Cyrillic capitals" },
	{ "Шостакович", "шостакович", "Cyrillic" },
	{ "ΕΛΕΝΗ", "ελενη", "Greek capitals" },
	{ "محمد", "محمد", "Arabic" },
	{ "김민준", "김민준", "Hangul" },

	/* bytes that are not UTF-8 are skipped, never crash */
	{ "a\xff" "b", "ab", "a stray byte" },
	{ "\xc3", "", "a truncated sequence" },
	{ "Jos\xc3", "jos", "truncated at the end" },

	/* Latin letters outside Latin-1 and Extended-A: Vietnamese (Latin
	 * Extended Additional) and Romanian (comma below, Extended-B) */
	{ "Nguyễn", "nguyen", "e with circumflex and tilde" },
	{ "Trần", "tran", "a with circumflex and grave" },
	{ "Ștefan", "stefan", "s with comma below" },
	{ "Țurcanu", "turcanu", "t with comma below" },

	/* typographic apostrophe (U+2019), as word processors type it */
	{ "O\xe2\x80\x99" "Brien", "obrien", "right single quotation mark" },
};

int
main(void)
{
	char	*k;
	char	*big;
	size_t	 n = 1 << 20;

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		key(keys[i].in, keys[i].want, keys[i].what);
	meet("Jos\xc3\xa9", "Jose\xcc\x81");

	/* a long name: every byte read once, nothing lost */
	big = malloc(n + 1);
	memset(big, 'A', n);
	big[n] = '\0';
	k = fold_key(big);
	ok(k != NULL && strlen(k) == n && strspn(k, "a") == n,
	    "1 MB of 'A' folds to 1 MB of 'a'");
	free(k);
	free(big);

	return done_testing();
}

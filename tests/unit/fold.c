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

int
main(void)
{
	char	*k;
	char	*big;
	size_t	 n = 1 << 20;

	/* case */
	key("Lee", "lee", "ASCII");
	key("MCDONALD", "mcdonald", "ASCII");
	key("r2d2", "r2d2", "digits stay");
	key("", "", "empty");

	/* punctuation: apostrophes, hyphens, dots, commas vanish */
	key("O'Brien", "obrien", "apostrophe");
	key("Smith-Jones", "smithjones", "hyphen");
	key("St. John", "st john", "dot");
	key("King, Jr.", "king jr", "comma");
	key("(Ana)", "ana", "parentheses");

	/* spaces: one between words, none at the ends */
	key("  Anne   Marie  ", "anne marie", "spaces");
	key("Anne - Marie", "anne marie", "a spaced hyphen leaves one space");

	/* Latin-1 */
	key("Müller", "muller", "umlaut");
	key("José", "jose", "acute");
	key("JOSÉ", "jose", "capital acute");
	key("Ñúñez-Güell", "nunezguell", "tilde, acute, diaeresis, hyphen");
	key("François", "francois", "cedilla");
	key("Øster", "oster", "o with stroke");
	key("Ærø", "aero", "ash");
	key("Straße", "strasse", "sharp s");
	key("Zoë", "zoe", "diaeresis");
	key("ÀÁÂÃÄÅ", "aaaaaa", "every A");
	key("àáâãäå", "aaaaaa", "every a");
	key("ÈÉÊË ÌÍÎÏ ÒÓÔÕÖ ÙÚÛÜ Ýÿ", "eeee iiii ooooo uuuu yy",
	    "Latin-1 vowels");

	/* Latin Extended-A */
	key("Łukasz", "lukasz", "l with stroke");
	key("Dvořák", "dvorak", "caron");
	key("Šťastný", "stastny", "caron, acute");
	key("Œuvre", "oeuvre", "oe");
	key("Ğül", "gul", "breve");
	key("İlkay", "ilkay", "dotted capital I");
	key("Đorđević", "dordevic", "d with stroke");
	key("Ÿvette", "yvette", "capital y diaeresis");
	key("Văn", "van", "a with breve");

	/* decomposed input: the combining marks vanish */
	key("Jose\xcc\x81", "jose", "e + combining acute");
	key("Mu\xcc\x88ller", "muller", "u + combining diaeresis");
	meet("Jos\xc3\xa9", "Jose\xcc\x81");

	/* other scripts keep their letters, lower-cased */
	key("王小明", "王小明", "Han");
	key("王", "王", "one Han character");
	key("ДМИТРИЙ", "дмитрий", "Cyrillic capitals");
	key("Шостакович", "шостакович", "Cyrillic");
	key("ΕΛΕΝΗ", "ελενη", "Greek capitals");
	key("محمد", "محمد", "Arabic");
	key("김민준", "김민준", "Hangul");

	/* bytes that are not UTF-8 are skipped, never crash */
	key("a\xff" "b", "ab", "a stray byte");
	key("\xc3", "", "a truncated sequence");
	key("Jos\xc3", "jos", "truncated at the end");

	/* a long name: every byte read once, nothing lost */
	big = malloc(n + 1);
	memset(big, 'A', n);
	big[n] = '\0';
	k = fold_key(big);
	ok(k != NULL && strlen(k) == n && strspn(k, "a") == n,
	    "1 MB of 'A' folds to 1 MB of 'a'");
	free(k);
	free(big);

	/* Latin letters outside Latin-1 and Extended-A: Vietnamese (Latin
	 * Extended Additional) and Romanian (comma below, Extended-B) */
	key("Nguyễn", "nguyen", "e with circumflex and tilde");
	key("Trần", "tran", "a with circumflex and grave");
	key("Ștefan", "stefan", "s with comma below");
	key("Țurcanu", "turcanu", "t with comma below");

	/* typographic apostrophe (U+2019), as word processors type it */
	key("O\xe2\x80\x99" "Brien", "obrien", "right single quotation mark");

	return done_testing();
}

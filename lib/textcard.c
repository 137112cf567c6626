/*
 * textcard - INTERIM: text_card_number until helper cardno's lands in
 * lib/util.c (same declaration); delete this file when it does.  1 when s
 * holds 13 to 19 digits passing Luhn, not starting with 0, in groups
 * split by single spaces or dashes; else 0.
 */
#include <ctype.h>
#include <string.h>

#include "ident.h"

int text_card_number(const char *s);

int
text_card_number(const char *s)
{
	for (const char *p = s; *p; p++) {
		char	 d[21];
		size_t	 n = 0;

		if (!isdigit((unsigned char)*p) || (p > s &&
		    isdigit((unsigned char)p[-1])))
			continue;
		for (const char *q = p; *q && n < 20; q++) {
			if (isdigit((unsigned char)*q))
				d[n++] = *q;
			else if ((*q != ' ' && *q != '-') ||
			    !isdigit((unsigned char)q[1]))
				break;
			if (n >= 13 && n <= 19 && d[0] != '0' &&
			    !isdigit((unsigned char)q[1]) &&
			    (d[n] = '\0', ident_luhn(d)))
				return 1;
		}
	}
	return 0;
}

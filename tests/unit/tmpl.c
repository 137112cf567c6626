/*
 * tmpl - unit tests for lib/tmpl.c's placeholder scanner, which the
 * reminder templates and the note templates share: text copied, "{{" a
 * brace, each placeholder's index, an unknown name and a '{' without '}'
 * told apart, and where it stops.
 */
#include <string.h>

#include "tap.h"
#include "tmpl.h"
#include "util.h"

static const char *const names[] = { "patient", "date" };

/* Fill "<name>" for each placeholder; the code that stopped it. */
static int
fill(const char *s, struct buf *b, const char **at, size_t *len)
{
	int i;

	*at = s;
	buf_reset(b);
	while ((i = tmpl_next(at, names, 2, b, len)) >= 0)
		buf_printf(b, "<%s>", names[i]);
	return i;
}

int
main(void)
{
	struct buf	 b = { 0 };
	const char	*at;
	size_t		 len = 99;

	is_int(fill("Dear {patient}, see you {date}.", &b, &at, &len), -1,
	    "known placeholders scan to the end");
	is_str(b.s, "Dear <patient>, see you <date>.", "text kept around them");
	ok(*at == '\0', "and it stops at the end");
	is_int(fill("{{literal}} {{{date}", &b, &at, &len), -1, "{{ is a brace");
	is_str(b.s, "{literal}} {<date>", "one brace, '}' alone is text");
	is_int(fill("a {plan} b", &b, &at, &len), -2, "an unknown name");
	is_int(len, 4, "its length");
	is_str(at, "{plan} b", "left at its '{'");
	is_str(b.s, "a ", "the text before it copied");
	is_int(fill("x {date", &b, &at, &len), -2, "a '{' without '}'");
	is_int(len, 0, "length 0 says so");
	at = "no output {date}";
	is_int(tmpl_next(&at, names, 2, NULL, NULL), 1, "a NULL buffer skips text");
	is_str(at, "", "past the placeholder");
	buf_free(&b);
	return done_testing();
}

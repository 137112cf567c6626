/*
 * util - allocation that dies on exhaustion, small string helpers.
 * The only lib module allowed to exit(3): an out-of-memory clinic tool
 * has nothing sensible left to do.
 */
#ifndef CLINIX_UTIL_H
#define CLINIX_UTIL_H

#include <stddef.h>

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer; the bytes are always NUL-terminated. */
struct buf {
	char	*s;		/* owned */
	size_t	 len, cap;
};
void	 buf_add(struct buf *, const char *, size_t);
void	 buf_addc(struct buf *, char);
void	 buf_adds(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);

int	 utf8_valid(const char *, size_t);
size_t	 utf8_width(const char *);	/* terminal columns */
size_t	 utf8_chars(const char *);	/* code points */
int	 streq(const char *, const char *);
/* 1 when s is one of the n strings of set. */
int	 str_in(const char *s, const char *const set[], size_t n);
/*
 * 1 when s holds, anywhere, what may be a payment card number (PCI DSS
 * requirement 3: clinix never stores one): 13 to 19 digits passing the
 * Luhn check, not starting with 0, either unbroken or in groups of 3 to 6
 * digits joined by single spaces or by single dashes ("4111 1111 1111
 * 1111", "3782-822463-10005").  The digits are whole groups: a longer
 * unbroken run is no card number, nor are 13 of its digits, nor is the
 * fraction of a decimal number.  Else 0.
 */
int	 text_card_number(const char *s);
extern const char text_card_why[];	/* the reason, one address */
/*
 * Why s will not do as a text field, or NULL: empty, invalid UTF-8, longer
 * than max (characters, or bytes with TEXT_BYTES, as the column's CHECK
 * counts), or a control character, C0 or C1 (TEXT_LINES lets newlines
 * and tabs by).  Without TEXT_LINES the text is one line, so bidi
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and
 * U+2028/U+2029 are refused too.  Any text holding a card number is
 * refused (text_card_why).  The reason is static.
 */
#define TEXT_LINES	1
#define TEXT_BYTES	2
const char *text_problem(const char *s, size_t max, int flags);
/* A text value to be stored (NULL: none): 0, or 65 after "what: why". */
int	 text_value(const char *what, const char *s, size_t max_bytes);

/* Directory part of a path, newly allocated ("." when there is none). */
char	*path_dir(const char *);
/* path made absolute against the working directory.  Owned. */
char	*path_absolute(const char *);
/* Directory holding the running executable, or NULL. */
char	*exe_dir(void);
int	 mkdirs(const char *, unsigned);	/* mkdir -p; 0 or -1 with errno */
/* share/SUB beside the programs (build tree or install), or NULL.  Owned. */
char	*share_find(const char *sub);

#endif

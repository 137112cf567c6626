/*
 * util - allocation that dies on exhaustion, growable buffers, UTF-8
 * checks and path helpers shared by every module.
 */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>
#include <wchar.h>

#include "ident.h"
#include "util.h"

static void
oom(void)
{
	errx(EX_OSERR, "out of memory");
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		oom();
	va_end(ap);
	return s;
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = b->cap ? b->cap : 64;
		while (b->len + n + 1 > b->cap)
			b->cap *= 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	buf_add(b, s, (size_t)n);
	free(s);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF, no NUL. */
int
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;

	while (s < e) {
		unsigned c = *s;
		size_t	 len;
		unsigned cp;

		if (c == 0)
			return 0;
		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else
			return 0;
		if ((size_t)(e - s) < len)
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		s += len;
	}
	return 1;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Terminal columns: East Asian wide characters take two, accents none. */
size_t
utf8_width(const char *s)
{
	static int	 ready;
	mbstate_t	 st = { 0 };
	wchar_t		 wc;
	size_t		 n = 0, len;
	int		 w;

	if (!ready) {
		setlocale(LC_CTYPE, "C.UTF-8");	/* wcwidth needs a UTF-8 ctype */
		ready = 1;
	}
	while (*s) {
		len = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			memset(&st, 0, sizeof(st));
			n++;
			s++;
			continue;
		}
		w = wcwidth(wc);
		n += w < 0 ? 1 : (size_t)w;
		s += len;
	}
	return n;
}

#define isdig(c)	((c) >= '0' && (c) <= '9')

/*
 * The groups of digits from p, the start of one: 1 when the first k of
 * them, for some k, hold 13-19 digits passing Luhn.  One group is the
 * number as a terminal prints it; several must look as people write a
 * card number (4111 1111 1111 1111, 3782 822463 10005): 3 to 6 digits
 * each, all joined by the same mark.  That leaves out a run of dates
 * (2030-12-02 2030-12-03) and phone numbers, whose digits together
 * often pass Luhn, as a tenth of all numbers do.
 */
static int
card_at(const char *p)
{
	char	 d[20];
	size_t	 n = 0, g, groups = 0;
	int	 fit = 1, sep = 0;

	if (*p == '0')		/* no card brand starts with 0; padded ids do */
		return 0;
	for (;;) {
		for (g = 0; isdig(*p); g++) {
			if (n == 19)
				return 0;
			d[n++] = *p++;
		}
		groups++;
		fit &= g >= 3 && g <= 6;
		d[n] = '\0';
		if (n >= 13 && (groups == 1 || fit) && ident_luhn(d))
			return 1;
		if (!fit || (*p != ' ' && *p != '-') || !isdig(p[1]) ||
		    (sep && *p != sep))
			return 0;
		sep = *p++;
	}
}

const char text_card_why[] =
    "looks like a card number; clinix never stores one";

int
text_card_number(const char *s)
{
	size_t digits = 0;

	/* a card has 13 digits at least: most fields have fewer in all */
	for (const char *p = s; *p; p++)
		digits += isdig(*p);
	if (digits < 13)
		return 0;
	/*
	 * Each group may start one ("ref 12 4111 1111 1111 1111"), but not
	 * the fraction of a number (BMI 24.2214532871972).
	 */
	for (const char *p = s; *p; p++)
		if (isdig(*p) && (p == s || (!isdig(p[-1]) && (p - s < 2 ||
		    (p[-1] != '.' && p[-1] != ',') || !isdig(p[-2])))) &&
		    card_at(p))
			return 1;
	return 0;
}

const char *
text_problem(const char *s, size_t max, int flags)
{
	static char	 why[48];
	size_t		 n = strlen(s), digits = 0;
	int		 bytes = flags & TEXT_BYTES;

	if (n == 0)
		return "is empty";
	if (!utf8_valid(s, n))
		return "not valid UTF-8";
	if (n > max && (bytes || utf8_chars(s) > max)) {
		snprintf(why, sizeof(why), "longer than %zu %s", max,
		    bytes ? "bytes" : "characters");
		return why;
	}
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		digits += isdig(*u);
		if ((*u < 0x20 && !((flags & TEXT_LINES) &&
		    (*u == '\n' || *u == '\t'))) || *u == 0x7f)
			return "holds a control character";
		/* C1 controls, U+0080-U+009F: C2 80 to C2 9F */
		if (u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f)
			return "holds a control character";
		if ((flags & TEXT_LINES) || u[0] != 0xe2)
			continue;
		/*
		 * On one line, text that reorders what follows it (bidi
		 * embeddings, overrides and isolates, U+202A-U+202E and
		 * U+2066-U+2069) can make a name read as another, and U+2028
		 * and U+2029 break the line in some viewers and not others.
		 */
		if ((u[1] == 0x80 && u[2] >= 0xaa && u[2] <= 0xae) ||
		    (u[1] == 0x81 && u[2] >= 0xa6 && u[2] <= 0xa9))
			return "holds a bidirectional control character";
		if (u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9))
			return "holds a line or paragraph separator";
	}
	if (digits >= 13 && text_card_number(s))	/* one pass for most */
		return text_card_why;
	return NULL;
}

int
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

int
str_in(const char *s, const char *const set[], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return 1;
	return 0;
}

char *
path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *
path_absolute(const char *path)
{
	char cwd[PATH_MAX];

	if (*path == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return xstrdup(path);
	return xasprintf("%s/%s", cwd, path);
}

char *
exe_dir(void)
{
	char	 buf[PATH_MAX];
	ssize_t	 n;

	if ((n = readlink("/proc/self/exe", buf, sizeof(buf) - 1)) < 0)
		return NULL;
	buf[n] = '\0';
	return path_dir(buf);
}

#ifndef SHAREDIR
#define SHAREDIR "/usr/local/share/clinix"
#endif

char *
share_find(const char *sub)
{
	char	*exe = exe_dir(), *cand[4], *found = NULL;

	/* the build tree's bin/, an installed bin/, libexec/clinix/ */
	cand[0] = exe ? xasprintf("%s/../share/%s", exe, sub) : NULL;
	cand[1] = exe ? xasprintf("%s/../share/clinix/%s", exe, sub) : NULL;
	cand[2] = exe ? xasprintf("%s/../../share/clinix/%s", exe, sub) : NULL;
	cand[3] = xasprintf("%s/%s", SHAREDIR, sub);
	for (size_t i = 0; i < nitems(cand); i++) {
		if (found == NULL && cand[i] && access(cand[i], R_OK) == 0)
			found = cand[i];
		else
			free(cand[i]);
	}
	free(exe);
	return found;
}

int
mkdirs(const char *path, unsigned mode)
{
	char	*p = xstrdup(path);
	int	 rc = 0;

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) == -1 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

int
text_value(const char *what, const char *s, size_t max_bytes)
{
	const char *why;

	if (s != NULL && (why = text_problem(s, max_bytes, TEXT_BYTES))) {
		warnx("%s: %s", what, why);
		return EX_DATAERR;
	}
	return 0;
}

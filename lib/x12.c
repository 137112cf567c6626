/*
 * x12 - see x12.h.  The writer appends to a struct buf the caller
 * flushes as it likes (claim837.c streams it to a file a few kilobytes
 * at a time); the reader walks spans of the caller's bytes and copies
 * nothing but the envelope's control numbers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x12.h"

/* --- writing --------------------------------------------------------- */

void
x12w_init(struct x12w *w, struct buf *out, int newline)
{
	w->out = out;
	w->newline = newline;
	w->nseg = 0;
	w->nall = 0;
}

/* A byte no element may hold: a delimiter other than ':' or a control. */
static int
bad_byte(unsigned char c)
{
	return c == '*' || c == '^' || c == '~' || c < 0x20 || c == 0x7f;
}

/* The length of element s, after checking it holds no delimiter. */
static size_t
el_len(const char *id, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (bad_byte(*p)) {
			fprintf(stderr, "x12: segment %s: element \"%s\" "
			    "holds a delimiter or a control character\n",
			    id, s);
			abort();
		}
	return (size_t)(p - (const unsigned char *)s);
}

static void
seg_end(struct x12w *w)
{
	buf_addc(w->out, '~');
	if (w->newline)
		buf_addc(w->out, '\n');
	w->nseg++;
	w->nall++;
}

/* The segment being put together, appended to out a kilobyte at a time. */
struct segbuf {
	struct buf	*out;
	size_t		 o;
	char		 b[1024];
};

static inline void
put(struct segbuf *sb, char c)
{
	if (sb->o == sizeof(sb->b)) {
		buf_add(sb->out, sb->b, sb->o);
		sb->o = 0;
	}
	sb->b[sb->o++] = c;
}

/* Put s, after checking each byte: no delimiter but ':', no control. */
static void
put_el(struct segbuf *sb, const char *id, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (bad_byte(*p)) {
			fprintf(stderr, "x12: segment %s: element \"%s\" "
			    "holds a delimiter or a control character\n",
			    id, s);
			abort();
		}
		put(sb, (char)*p);
	}
}

void
x12w_seg(struct x12w *w, const char *id, ...)
{
	struct segbuf	 sb;
	va_list		 ap;
	const char	*s;
	size_t		 n = 0, empty = 0;

	sb.out = w->out;
	sb.o = 0;
	if (id[0] == 'S' && id[1] == 'T' && id[2] == '\0')
		w->nseg = 0;
	put_el(&sb, id, id);
	va_start(ap, id);
	while ((s = va_arg(ap, const char *)) != NULL) {
		if (++n > X12_MAXEL) {
			fprintf(stderr, "x12: segment %s: more than %d "
			    "elements\n", id, X12_MAXEL);
			abort();
		}
		if (*s == '\0') {	/* written only if something follows */
			empty++;
			continue;
		}
		for (; empty > 0; empty--)
			put(&sb, '*');
		put(&sb, '*');
		put_el(&sb, id, s);
	}
	va_end(ap);
	put(&sb, '~');
	if (w->newline)
		put(&sb, '\n');
	buf_add(w->out, sb.b, sb.o);
	w->nseg++;
	w->nall++;
}

void
x12w_se(struct x12w *w, const char *st02)
{
	char	 n[24];

	snprintf(n, sizeof(n), "%ld", w->nseg + 1);
	x12w_seg(w, "SE", n, st02, (char *)NULL);
}

/* An ISA element of exactly width bytes: s padded with pad. */
static void
isa_el(struct x12w *w, const char *s, size_t width, char pad, int right)
{
	size_t	 len = strlen(s);

	if (len > width || (len > 0 && strchr(s, ':') != NULL)) {
		fprintf(stderr, "x12: ISA element \"%s\" does not fit in "
		    "%zu bytes\n", s, width);
		abort();
	}
	el_len("ISA", s);
	buf_addc(w->out, '*');
	if (right)
		for (size_t i = len; i < width; i++)
			buf_addc(w->out, pad);
	buf_adds(w->out, s);
	if (!right)
		for (size_t i = len; i < width; i++)
			buf_addc(w->out, pad);
}

void
x12w_isa(struct x12w *w, const char *sender_qual, const char *sender,
    const char *receiver_qual, const char *receiver, const char *yymmdd,
    const char *hhmm, long control, char usage)
{
	char	 ctl[24], u[2] = { usage, '\0' };

	if (control < 0 || control > 999999999L ||
	    (usage != 'T' && usage != 'P') || strlen(yymmdd) != 6 ||
	    strlen(hhmm) != 4 || strlen(sender_qual) != 2 ||
	    strlen(receiver_qual) != 2) {
		fprintf(stderr, "x12: ISA: bad control %ld, usage '%c', "
		    "day or time\n", control, usage);
		abort();
	}
	snprintf(ctl, sizeof(ctl), "%ld", control);
	buf_adds(w->out, "ISA");
	isa_el(w, "00", 2, ' ', 0);
	isa_el(w, "", 10, ' ', 0);
	isa_el(w, "00", 2, ' ', 0);
	isa_el(w, "", 10, ' ', 0);
	isa_el(w, sender_qual, 2, ' ', 0);
	isa_el(w, sender, 15, ' ', 0);
	isa_el(w, receiver_qual, 2, ' ', 0);
	isa_el(w, receiver, 15, ' ', 0);
	isa_el(w, yymmdd, 6, ' ', 0);
	isa_el(w, hhmm, 4, ' ', 0);
	buf_adds(w->out, "*^");
	isa_el(w, "00501", 5, ' ', 0);
	isa_el(w, ctl, 9, '0', 1);
	isa_el(w, "0", 1, ' ', 0);
	isa_el(w, u, 1, ' ', 0);
	buf_adds(w->out, "*:");
	seg_end(w);
	w->nseg = 0;
}

/*
 * The ASCII letter a Latin-1 letter (U+00C0..U+00FF) is without its
 * accent, or NULL for what is no letter or has none to lose.
 */
static const char *
latin1_base(unsigned cp)
{
	static const char *const tab[64] = {
		/* C0 */ "A", "A", "A", "A", "A", "A", "AE", "C",
		/* C8 */ "E", "E", "E", "E", "I", "I", "I", "I",
		/* D0 */ "D", "N", "O", "O", "O", "O", "O", NULL,
		/* D8 */ "O", "U", "U", "U", "U", "Y", NULL, "SS",
		/* E0 */ "A", "A", "A", "A", "A", "A", "AE", "C",
		/* E8 */ "E", "E", "E", "E", "I", "I", "I", "I",
		/* F0 */ "D", "N", "O", "O", "O", "O", "O", NULL,
		/* F8 */ "O", "U", "U", "U", "U", "Y", NULL, "Y",
	};

	return cp >= 0xc0 && cp <= 0xff ? tab[cp - 0xc0] : NULL;
}

/* One UTF-8 code point at s (n bytes left): its length, 0 when invalid. */
static size_t
utf8_one(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t	 len;
	unsigned c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, c &= 0x1f, min = 0x80;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, c &= 0x0f, min = 0x800;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, c &= 0x07, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

char *
x12_text(char *dst, size_t n, const char *src)
{
	const unsigned char	*p = (const unsigned char *)src;
	size_t			 left = strlen(src), o = 0;
	int			 blank = 0;	/* a blank is owed */

	if (n == 0)
		return dst;
	while (left > 0) {
		unsigned	 cp;
		size_t		 len, alen;
		const char	*add = NULL;
		char		 one[2] = { 0, 0 };

		if (*p >= 0x20 && *p < 0x7f) {	/* ASCII: most of it */
			unsigned char c = *p++;

			left--;
			if (c == ' ') {
				blank = o > 0;
				continue;
			}
			if (c == '*' || c == ':' || c == '^' || c == '~')
				continue;
			if (o + blank + 1 >= n)
				break;
			if (blank)
				dst[o++] = ' ';
			blank = 0;
			dst[o++] = c >= 'a' && c <= 'z' ? (char)(c - 32) :
			    (char)c;
			continue;
		}
		len = utf8_one(p, left, &cp);
		if (len == 0) {		/* a stray byte: dropped */
			p++, left--;
			continue;
		}
		p += len, left -= len;
		if (cp == ' ' || cp == 0xa0) {
			blank = o > 0;
			continue;
		}
		if (cp < 0x80) {
			if (cp < 0x20 || cp == 0x7f || cp == '*' ||
			    cp == ':' || cp == '^' || cp == '~')
				continue;
			one[0] = cp >= 'a' && cp <= 'z' ? (char)(cp - 32) :
			    (char)cp;
			add = one;
		} else if ((add = latin1_base(cp)) == NULL)
			continue;
		alen = strlen(add);
		if (o + blank + alen >= n)
			break;
		if (blank)
			dst[o++] = ' ';
		blank = 0;
		memcpy(dst + o, add, alen);
		o += alen;
	}
	dst[o] = '\0';
	return dst;
}

int
x12_has_delim(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (bad_byte(*p) || *p == ':')
			return 1;
		/* C1 controls, U+0080..U+009F */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 1;
	}
	return 0;
}

char *
x12_money(char out[24], long long cents)
{
	unsigned long long	 u, whole;
	unsigned		 frac;
	char			 t[24];
	int			 i = 0, o = 0;

	if (cents < 0) {
		out[o++] = '-';
		u = 0ULL - (unsigned long long)cents;
	} else
		u = (unsigned long long)cents;
	whole = u / 100;
	frac = (unsigned)(u % 100);
	do
		t[i++] = (char)('0' + whole % 10);
	while ((whole /= 10) != 0);
	while (i > 0)
		out[o++] = t[--i];
	if (frac != 0) {		/* 96.5, 96.05: no trailing zero */
		out[o++] = '.';
		out[o++] = (char)('0' + frac / 10);
		if (frac % 10 != 0)
			out[o++] = (char)('0' + frac % 10);
	}
	out[o] = '\0';
	return out;
}

/* --- reading --------------------------------------------------------- */

/* Offsets of the ISA's element separators, and of ISA11 and ISA16. */
static const unsigned char isa_seps[] = {
	3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103
};
#define ISA_LEN		106
#define ISA11_AT	82
#define ISA16_AT	104

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int __attribute__((format(printf, 2, 3)))
fail(struct x12r *r, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	n = snprintf(r->why, sizeof(r->why), "segment %ld: ", r->segno);
	if (n < 0 || (size_t)n >= sizeof(r->why))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(r->why + n, sizeof(r->why) - (size_t)n, fmt, ap);
	va_end(ap);
	r->p = r->end;		/* nothing more to read */
	return -1;
}

int
x12r_open(struct x12r *r, const char *data, size_t len)
{
	const char	*end = data + len;
	const char	*p = data;
	char		 seen[4];

	memset(r, 0, sizeof(*r));
	while (p < end && is_blank(*p))
		p++;
	r->p = r->end = end;
	if ((size_t)(end - p) < ISA_LEN || memcmp(p, "ISA", 3) != 0) {
		snprintf(r->why, sizeof(r->why), "%s",
		    (size_t)(end - p) >= 3 && memcmp(p, "ISA", 3) == 0 ?
		    "the ISA is shorter than 106 bytes" :
		    "it does not begin with an ISA");
		return -1;
	}
	r->el = p[3];
	for (size_t i = 0; i < sizeof(isa_seps); i++)
		if (p[isa_seps[i]] != r->el) {
			snprintf(r->why, sizeof(r->why), "the ISA is not "
			    "106 bytes of 16 fixed-width elements (byte %d "
			    "is not '%c')", isa_seps[i] + 1, r->el);
			return -1;
		}
	r->rep = p[ISA11_AT];
	r->comp = p[ISA16_AT];
	r->term = p[ISA16_AT + 1];
	/* 4010's ISA11 is a standards id ('U'), no separator */
	if ((r->rep >= 'A' && r->rep <= 'Z') || (r->rep >= 'a' &&
	    r->rep <= 'z') || (r->rep >= '0' && r->rep <= '9'))
		r->rep = '\0';
	seen[0] = r->el, seen[1] = r->comp, seen[2] = r->term;
	seen[3] = r->rep;
	for (int i = 0; i < 4; i++) {
		unsigned char c = (unsigned char)seen[i];

		if (i == 3 && c == '\0')
			break;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == ' ' || c == '\0') {
			snprintf(r->why, sizeof(r->why), "the ISA declares "
			    "a letter, digit or blank as a delimiter");
			return -1;
		}
		for (int j = 0; j < i; j++)
			if (seen[j] == seen[i]) {
				snprintf(r->why, sizeof(r->why), "the ISA "
				    "declares one delimiter twice ('%c')",
				    c);
				return -1;
			}
	}
	r->p = p;
	return 0;
}

/* Element i as a C string into a small buffer; -1 when it does not fit. */
static int
el_copy(const struct x12r *r, size_t i, char *buf, size_t n)
{
	return x12r_el(r, i, buf, n);
}

/* Element i as a count: 0 or -1 (said) when absent or not a number. */
static int
el_count(struct x12r *r, size_t i, long *v)
{
	if (x12r_long(r, i, v) == -1 || *v < 0)
		return fail(r, "%s%02zu is not a count", r->id, i);
	return 0;
}

/* Element i as a control number into buf (10 bytes): 0 or -1 (said). */
static int
el_control(struct x12r *r, size_t i, char buf[10])
{
	if (i > r->nel || r->ell[i] == 0 || el_copy(r, i, buf, 10) == -1)
		return fail(r, "%s%02zu is no control number of 1 to 9 "
		    "characters", r->id, i);
	return 0;
}

/*
 * A trailer (SE, GE, IEA): element 1 must count what was read (have
 * segments, sets or groups), element 2 repeat the control number its
 * opener (ST02, GS06, ISA13) gave.
 */
static int
trailer(struct x12r *r, long have, const char *in, const char *of,
    const char *opener, const char *ctl_open)
{
	char	 ctl[10];
	long	 n;

	if (el_count(r, 1, &n) == -1 || el_control(r, 2, ctl) == -1)
		return -1;
	if (n != have)
		return fail(r, "%s01 says %ld, %s has %ld %s", r->id, n, in,
		    have, of);
	if (strcmp(ctl, ctl_open) != 0)
		return fail(r, "%s02 %s is not %s %s", r->id, ctl, opener,
		    ctl_open);
	return 0;
}

/* The envelope around the segment just split. */
static int
envelope(struct x12r *r)
{

	if (r->segno > 1 && !r->in_isa)
		return fail(r, "%s after the IEA", r->id);
	if (x12r_is(r, "ISA")) {
		if (r->segno != 1)
			return fail(r, "an ISA inside the interchange");
		if (r->nel != 16)
			return fail(r, "the ISA has %zu elements, not 16",
			    r->nel);
		if (el_control(r, 13, r->isa13) == -1)
			return -1;
		r->in_isa = 1;
		return 0;
	}
	if (x12r_is(r, "IEA")) {
		if (r->in_gs)
			return fail(r, "IEA before the GE of group %s",
			    r->gs06);
		if (trailer(r, r->ngs, "the interchange", "groups", "ISA13",
		    r->isa13) == -1)
			return -1;
		r->in_isa = 0;
		return 0;
	}
	if (x12r_is(r, "TA1") && !r->in_gs)
		return 0;
	if (x12r_is(r, "GS")) {
		if (r->in_gs)
			return fail(r, "GS inside group %s (no GE)", r->gs06);
		if (el_control(r, 6, r->gs06) == -1)
			return -1;
		r->in_gs = 1;
		r->nst = 0;
		r->ngs++;
		return 0;
	}
	if (x12r_is(r, "GE")) {
		if (!r->in_gs)
			return fail(r, "GE outside a group");
		if (r->in_st)
			return fail(r, "GE before the SE of set %s", r->st02);
		if (trailer(r, r->nst, "the group", "sets", "GS06",
		    r->gs06) == -1)
			return -1;
		r->in_gs = 0;
		return 0;
	}
	if (x12r_is(r, "ST")) {
		if (!r->in_gs)
			return fail(r, "ST outside a group");
		if (r->in_st)
			return fail(r, "ST inside set %s (no SE)", r->st02);
		if (el_control(r, 2, r->st02) == -1)
			return -1;
		r->in_st = 1;
		r->nsegst = 1;
		return 0;
	}
	if (!r->in_st)
		return fail(r, "%s outside ST..SE", r->id);
	r->nsegst++;
	if (x12r_is(r, "SE")) {
		if (trailer(r, r->nsegst, "the set", "segments", "ST02",
		    r->st02) == -1)
			return -1;
		r->in_st = 0;
		r->nst++;
	}
	return 0;
}

int
x12r_next(struct x12r *r)
{
	const char	*p = r->p, *t, *s;
	size_t		 idlen;

	while (p < r->end && is_blank(*p))
		p++;
	r->p = p;
	if (p == r->end) {
		if (r->why[0] != '\0')
			return -1;	/* an error said so already */
		if (r->segno == 0) {
			snprintf(r->why, sizeof(r->why), "no interchange");
			return -1;
		}
		if (r->in_isa) {
			r->segno++;
			return fail(r, "the input ends before the %s",
			    r->in_st ? "SE" : r->in_gs ? "GE" : "IEA");
		}
		return 0;
	}
	r->segno++;
	if ((t = memchr(p, r->term, (size_t)(r->end - p))) == NULL)
		return fail(r, "the input ends inside a segment");
	/* the id */
	for (s = p; s < t && *s != r->el; s++)
		;
	idlen = (size_t)(s - p);
	if (idlen < 2 || idlen > 3) {
		r->id[0] = '\0';
		return fail(r, "no segment id of 2 or 3 characters");
	}
	for (size_t i = 0; i < idlen; i++)
		if (!((p[i] >= 'A' && p[i] <= 'Z') ||
		    (p[i] >= '0' && p[i] <= '9'))) {
			r->id[0] = '\0';
			return fail(r, "no segment id of 2 or 3 characters");
		}
	memcpy(r->id, p, idlen);
	r->id[idlen] = '\0';
	r->elp[0] = p;
	r->ell[0] = idlen;
	r->nel = 0;
	while (s < t) {		/* s is at a separator */
		const char *e;

		s++;
		for (e = s; e < t && *e != r->el; e++)
			;
		if (r->nel == X12_MAXEL)
			return fail(r, "%s has more than %d elements", r->id,
			    X12_MAXEL);
		r->nel++;
		r->elp[r->nel] = s;
		r->ell[r->nel] = (size_t)(e - s);
		s = e;
	}
	r->p = t + 1;
	if (envelope(r) == -1)
		return -1;
	return 1;
}

int
x12r_is(const struct x12r *r, const char *id)
{
	return strcmp(r->id, id) == 0;
}

/* Copy a span into buf: its length, or -1 (buf "") when it won't fit. */
static int
span_copy(const char *p, size_t len, char *buf, size_t n)
{
	if (n == 0)
		return -1;
	if (len >= n || len > (size_t)0x7fffffff) {
		buf[0] = '\0';
		return -1;
	}
	memcpy(buf, p, len);
	buf[len] = '\0';
	return (int)len;
}

int
x12r_el(const struct x12r *r, size_t i, char *buf, size_t n)
{
	if (i == 0 || i > r->nel)
		return span_copy("", 0, buf, n);
	return span_copy(r->elp[i], r->ell[i], buf, n);
}

int
x12r_comp(const struct x12r *r, size_t i, size_t j, char *buf, size_t n)
{
	const char	*p, *end, *e;

	if (i == 0 || i > r->nel || j == 0)
		return span_copy("", 0, buf, n);
	p = r->elp[i];
	end = p + r->ell[i];
	for (size_t k = 1;; k++) {
		for (e = p; e < end && *e != r->comp; e++)
			;
		if (k == j)
			return span_copy(p, (size_t)(e - p), buf, n);
		if (e == end)
			return span_copy("", 0, buf, n);
		p = e + 1;
	}
}

/*
 * Element i as the text of a number, [*p, *end) past a leading '-' (in
 * *neg): 0, or -1 when the element is empty or not there.
 */
static int
number(const struct x12r *r, size_t i, const char **p, const char **end,
    int *neg)
{
	if (i == 0 || i > r->nel || r->ell[i] == 0)
		return -1;
	*p = r->elp[i];
	*end = *p + r->ell[i];
	if ((*neg = **p == '-'))
		(*p)++;
	return 0;
}

/*
 * The digits from *p on, at most max of them: how many, with *p past
 * them and *n their value; -1 when there are more.
 */
static int
digit_run(const char **p, const char *end, int max, long long *n)
{
	int	 k = 0;

	for (*n = 0; *p < end && **p >= '0' && **p <= '9'; (*p)++) {
		if (++k > max)
			return -1;
		*n = *n * 10 + (**p - '0');
	}
	return k;
}

int
x12r_money(const struct x12r *r, size_t i, long long *cents)
{
	const char	*p, *end;
	long long	 whole, frac = 0;
	int		 neg, digits, dec = 0;

	if (number(r, i, &p, &end, &neg) == -1 ||
	    (digits = digit_run(&p, end, 15, &whole)) == -1)
		return -1;
	if (p < end && *p == '.') {
		p++;
		if ((dec = digit_run(&p, end, 2, &frac)) <= 0)
			return -1;
		if (dec == 1)
			frac *= 10;
	}
	if (p != end || digits + dec == 0)
		return -1;
	*cents = (whole * 100 + frac) * (neg ? -1 : 1);
	return 0;
}

int
x12r_long(const struct x12r *r, size_t i, long *v)
{
	const char	*p, *end;
	long long	 n;
	int		 neg;

	if (number(r, i, &p, &end, &neg) == -1 ||
	    digit_run(&p, end, 18, &n) <= 0 || p != end)
		return -1;
	*v = (long)(neg ? -n : n);
	return 0;
}

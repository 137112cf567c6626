/*
 * mail - RFC 5322 message writer.  Every field is checked before the first
 * byte goes out, so a refused message leaves nothing half-built.  Header
 * values are laid out token by token and folded as they go: a token stays
 * on the current line if it fits, else goes after CRLF and a space.  Text
 * that is not plain printable ASCII becomes base64 encoded-words (RFC
 * 2047), cut only between UTF-8 characters: B rather than Q because its
 * length depends only on the byte count, and because Q in a display name
 * may not use all of its characters (5.3).  The date is formatted by hand:
 * strftime's day and month names follow LC_TIME.
 *
 * Sending is remind's and pay statement's alike: remind.sendmail, split
 * on blanks, run through lib/spawn, its exit status judged the one way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "cfg.h"
#include "mail.h"
#include "spawn.h"
#include "util.h"

#define HDR_LINE	78	/* RFC 5322 2.1.1 SHOULD, CRLF not counted */
#define EW_LINE		76	/* RFC 2047 2: a line holding an encoded-word */
#define EW_MAX		75	/* RFC 2047 2: one encoded-word */
#define EW_OPEN		"=?UTF-8?B?"
#define EW_CLOSE	"?="
#define EW_EXTRA	(sizeof(EW_OPEN) - 1 + sizeof(EW_CLOSE) - 1)
#define QP_LINE		76	/* RFC 2045 6.7 (5), a soft break's '=' too */
#define BODY_LINE	998	/* RFC 5322 2.1.1, RFC 2045 2.7 */
#define ADDR_MAX	254	/* RFC 5321 4.5.3.1.3: a path, less its <> */
#define LOCAL_MAX	64	/* RFC 5321 4.5.3.1.1 */
#define LABEL_MAX	63	/* RFC 1035 2.3.4 */
#define ID_MAX		250	/* ours: keeps the Message-ID on one line */

/* A header being written; col counts octets on its current line. */
struct hdr {
	struct buf	*b;		/* borrowed */
	size_t		 col;
	int		 ew;		/* this line holds an encoded-word */
};

/* The From field taken apart. */
struct who {
	char	*name;			/* owned; NULL: none */
	char	*addr;			/* owned */
};

static int
alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* RFC 5322 3.2.3 atext */
static int
atext(int c)
{
	return alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* dot-atom-text: runs of atext joined by single dots. */
static int
dot_atom(const char *s, size_t n)
{
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '.' ? s[i + 1] == '.' : !atext((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * A host name with at least one dot: mail to a bare "localhost" or
 * "example" is a typo at a clinic's front desk, not a local mailbox.
 */
static int
domain_ok(const char *s, size_t n)
{
	size_t	label = 0, labels = 1;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (label == 0 || s[i - 1] == '-')
				return 0;
			label = 0;
			labels++;
		} else if (alnum((unsigned char)s[i]) || s[i] == '-') {
			if ((s[i] == '-' && label == 0) || ++label > LABEL_MAX)
				return 0;
		} else
			return 0;
	}
	return label > 0 && s[n - 1] != '-' && labels >= 2;
}

int
mail_addr_ok(const char *s)
{
	const char	*at;
	size_t		 n;

	if (s == NULL || (at = strchr(s, '@')) == NULL)
		return 0;
	n = strlen(s);
	if (n > ADDR_MAX || (size_t)(at - s) > LOCAL_MAX)
		return 0;
	return dot_atom(s, (size_t)(at - s)) &&
	    domain_ok(at + 1, n - (size_t)(at - s) - 1);
}

/* msg-id (RFC 5322 3.6.4) without the <>: dot-atom "@" dot-atom. */
static int
msgid_ok(const char *s)
{
	const char *at;

	if (s == NULL || strlen(s) > ID_MAX || (at = strchr(s, '@')) == NULL)
		return 0;
	return dot_atom(s, (size_t)(at - s)) &&
	    dot_atom(at + 1, strlen(at + 1));
}

/*
 * Header text: no control characters at all (CR or LF would end the
 * header and start another; the rest have no business in a name or a
 * subject), and valid UTF-8.  Returns ctl, utf, or NULL when s is fine.
 */
static const char *
text_bad(const char *s, const char *ctl, const char *utf)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return ctl;
	return utf8_valid(s, strlen(s)) ? NULL : utf;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && **s == ' ') {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && (*s)[*n - 1] == ' ')
		(*n)--;
}

/*
 * The configured From: "Name <addr>", "\"Name\" <addr>", "<addr>" or a
 * bare addr.  A quoted name is unquoted here and quoted afresh (or
 * encoded) on output, like any other name.
 */
static const char *
parse_from(const char *s, struct who *w)
{
	const char	*name, *lt, *why;
	size_t		 n = strlen(s), nn;

	if ((why = text_bad(s, "From holds a control character",
	    "From is not valid UTF-8")) != NULL)
		return why;
	trim(&s, &n);
	if (n == 0 || s[n - 1] != '>') {
		w->addr = xstrndup(s, n);
		return mail_addr_ok(w->addr) ? NULL :
		    "From address is not valid";
	}
	for (lt = s + n - 1; lt > s && *lt != '<'; lt--)
		;
	if (*lt != '<')
		return "From address is not valid";
	w->addr = xstrndup(lt + 1, (size_t)(s + n - 1 - (lt + 1)));
	if (!mail_addr_ok(w->addr))
		return "From address is not valid";
	name = s;
	nn = (size_t)(lt - s);
	trim(&name, &nn);
	if (nn == 0)
		return NULL;
	if (name[0] != '"') {
		w->name = xstrndup(name, nn);
		return NULL;
	}
	if (nn < 2 || name[nn - 1] != '"')
		return "From name is badly quoted";
	w->name = xmalloc(nn);
	n = 0;
	for (size_t i = 1; i < nn - 1; i++) {
		if (name[i] == '"')
			return "From name is badly quoted";
		if (name[i] == '\\' && ++i == nn - 1)
			return "From name is badly quoted";
		w->name[n++] = name[i];
	}
	w->name[n] = '\0';
	return NULL;
}

/* Everything mail_write would refuse, before it writes a byte. */
static const char *
check(const struct mail_msg *m, struct who *from)
{
	const char	*why;
	struct tm	 tm;

	if (m->from == NULL)
		return "no From address";
	if ((why = parse_from(m->from, from)) != NULL)
		return why;
	if (!mail_addr_ok(m->to_addr))
		return "To address is not valid";
	if (m->to_name != NULL && (why = text_bad(m->to_name,
	    "To name holds a control character",
	    "To name is not valid UTF-8")) != NULL)
		return why;
	if (m->subject != NULL && (why = text_bad(m->subject,
	    "subject holds a control character",
	    "subject is not valid UTF-8")) != NULL)
		return why;
	if (!msgid_ok(m->message_id))
		return "Message-ID is not valid";
	if (m->body != NULL && !utf8_valid(m->body, strlen(m->body)))
		return "body is not valid UTF-8";
	/* RFC 5322 3.3: a four-digit year, 1900 or later */
	if (localtime_r(&m->date, &tm) == NULL || tm.tm_year < 0 ||
	    tm.tm_year > 9999 - 1900)
		return "date out of range";
	return NULL;
}

/* Octets in the UTF-8 sequence that c starts (the text is valid). */
static size_t
seqlen(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static void
base64(struct buf *b, const unsigned char *s, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (; n >= 3; s += 3, n -= 3) {
		buf_addc(b, tab[s[0] >> 2]);
		buf_addc(b, tab[(s[0] & 3) << 4 | s[1] >> 4]);
		buf_addc(b, tab[(s[1] & 15) << 2 | s[2] >> 6]);
		buf_addc(b, tab[s[2] & 63]);
	}
	if (n > 0) {
		buf_addc(b, tab[s[0] >> 2]);
		if (n == 1) {
			buf_addc(b, tab[(s[0] & 3) << 4]);
			buf_addc(b, '=');
		} else {
			buf_addc(b, tab[(s[0] & 3) << 4 | s[1] >> 4]);
			buf_addc(b, tab[(s[1] & 15) << 2]);
		}
		buf_addc(b, '=');
	}
}

static void
hbegin(struct hdr *h, const char *name)
{
	buf_adds(h->b, name);
	buf_addc(h->b, ':');
	h->col = strlen(name) + 1;
	h->ew = 0;
}

static void
hend(struct hdr *h)
{
	buf_add(h->b, "\r\n", 2);
}

/*
 * One token, after a space.  It folds onto a new line when this one would
 * pass its limit, and when it fits there or this line holds an encoded-
 * word (whose line must stay within 76): a token too long for any line
 * gains nothing by moving.  An empty token never folds, since a
 * continuation line of white space alone is not allowed (RFC 5322 3.2.2).
 */
static void
token(struct hdr *h, const char *s, size_t n, int ew)
{
	size_t max = h->ew || ew ? EW_LINE : HDR_LINE;

	if (n > 0 && h->col + 1 + n > max && (h->ew || 1 + n <= max)) {
		buf_add(h->b, "\r\n", 2);
		h->col = 0;
		h->ew = 0;
	}
	buf_addc(h->b, ' ');
	buf_add(h->b, s, n);
	h->col += 1 + n;
	h->ew |= ew;
}

/*
 * s as encoded-words, each as long as its line allows.  Readers drop the
 * white space between adjacent encoded-words (RFC 2047 6.2), so the cuts
 * add nothing to the text.
 */
static void
words(struct hdr *h, const char *s, size_t n)
{
	struct buf	w = { 0 };

	while (n > 0) {
		size_t room = 0, take = 0;

		if (h->col + 1 + EW_EXTRA < EW_LINE)
			room = EW_LINE - h->col - 1 - EW_EXTRA;
		if (room > EW_MAX - EW_EXTRA)
			room = EW_MAX - EW_EXTRA;
		room = room / 4 * 3;	/* base64: 3 octets in 4 */
		for (size_t l; take < n; take += l)
			if (take + (l = seqlen((unsigned char)s[take])) > room)
				break;
		if (take == 0) {
			/* a fresh line has room for 45 octets */
			buf_add(h->b, "\r\n", 2);
			h->col = 0;
			h->ew = 0;
			continue;
		}
		buf_reset(&w);
		buf_adds(&w, EW_OPEN);
		base64(&w, (const unsigned char *)s, take);
		buf_adds(&w, EW_CLOSE);
		token(h, w.s, w.len, 1);
		s += take;
		n -= take;
	}
	buf_free(&w);
}

/*
 * Can s go in a header as it is: printable ASCII, nothing a reader might
 * take for an encoded-word, and no word longer than fits a line of its
 * own (then only encoded-words can be folded).
 */
static int
plain(const char *s, size_t word_max)
{
	size_t run = 0;

	if (strstr(s, "=?") != NULL)
		return 0;
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
		run = *s == ' ' ? 0 : run + 1;
		if (run > word_max)
			return 0;
	}
	return 1;
}

/* Unstructured text (Subject): folded only where it has a space. */
static void
unstructured(struct hdr *h, const char *s)
{
	if (!plain(s, HDR_LINE - 1)) {
		words(h, s, strlen(s));
		return;
	}
	for (;;) {
		const char *sp = strchr(s, ' ');

		token(h, s, sp ? (size_t)(sp - s) : strlen(s), 0);
		if (sp == NULL)
			break;
		s = sp + 1;
	}
}

/*
 * Atoms and single spaces only: a phrase that needs no quotes.  Any
 * special (RFC 5322 3.2.3) or a run of spaces, which would read back as
 * one, calls for a quoted-string.
 */
static int
atoms(const char *s)
{
	if (*s == ' ' || *s == '\0')
		return 0;
	for (; *s; s++)
		if (*s == ' ' ? s[1] == ' ' || s[1] == '\0' :
		    !atext((unsigned char)*s))
			return 0;
	return 1;
}

/* A display name (RFC 5322 phrase). */
static void
phrase(struct hdr *h, const char *s)
{
	struct buf q = { 0 };

	if (!plain(s, HDR_LINE - 1)) {
		words(h, s, strlen(s));
		return;
	}
	if (atoms(s)) {
		unstructured(h, s);
		return;
	}
	buf_addc(&q, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(&q, '\\');
		buf_addc(&q, *p);
	}
	buf_addc(&q, '"');
	/* one token: a name too long for a line goes encoded, which folds */
	if (q.len > HDR_LINE - 1)
		words(h, s, strlen(s));
	else
		token(h, q.s, q.len, 0);
	buf_free(&q);
}

static void
mailbox(struct hdr *h, const char *name, const char *addr)
{
	char *a;

	if (name == NULL || *name == '\0') {
		token(h, addr, strlen(addr), 0);
		return;
	}
	phrase(h, name);
	a = xasprintf("<%s>", addr);
	token(h, a, strlen(a), 0);
	free(a);
}

/*
 * "Wed, 09 Dec 2026 02:06:40 -0500" (RFC 5322 3.3).  An offset with
 * seconds in it (local mean time, before 1900 or so) cannot be written;
 * the instant then goes out in UTC, which names it exactly.
 */
static void
date(struct buf *b, time_t t)
{
	static const char days[7][4] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	struct tm	tm;
	long		off, a;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff;
	if (off % 60 != 0) {
		gmtime_r(&t, &tm);
		off = 0;
	}
	a = off < 0 ? -off : off;
	buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld\r\n",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

/*
 * 7bit will do (RFC 2045 2.7): ASCII, lines of at most 998 octets, CR
 * only before LF.  A line starting "From " goes quoted-printable too, so
 * that an mbox on the way cannot turn it into ">From ".
 */
static int
seven_bit(const char *s)
{
	size_t col = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (col == 0 && strncmp(s, "From ", 5) == 0)
			return 0;
		if (c == '\n')
			col = 0;
		else if (c == '\r' && s[1] == '\n')
			continue;
		else if (c >= 0x80 || c == '\r' || ++col > BODY_LINE)
			return 0;
	}
	return 1;
}

/* Printable in quoted-printable as it is (RFC 2045 6.7 (2) and (3)). */
static int
qp_literal(unsigned char c, int at_end)
{
	if (c == ' ' || c == '\t')
		return !at_end;
	return c >= 33 && c <= 126 && c != '=';
}

/*
 * One line of text as quoted-printable lines of at most 76 characters, a
 * soft break's '=' included.  A character's octets stay on one line: an
 * =XX is never split, and neither is the UTF-8 sequence it belongs to.
 */
static void
qp_line(struct buf *b, const char *s, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; ) {
		size_t	len = seqlen((unsigned char)s[i]), tl = 0;
		char	tok[16];
		int	last;

		if (len > n - i)
			len = n - i;
		last = i + len == n;
		for (size_t j = 0; j < len; j++) {
			unsigned char c = (unsigned char)s[i + j];

			if (qp_literal(c, last))
				tok[tl++] = (char)c;
			else
				tl += (size_t)snprintf(tok + tl,
				    sizeof(tok) - tl, "=%02X", c);
		}
		/* the last character needs no room for a soft break */
		if (col + tl > (last ? QP_LINE : QP_LINE - 1)) {
			buf_add(b, "=\r\n", 3);
			col = 0;
		}
		if (col == 0 && n - i >= 5 && memcmp(s + i, "From ", 5) == 0) {
			memcpy(tok, "=46", 3);
			tl = 3;
		}
		buf_add(b, tok, tl);
		col += tl;
		i += len;
	}
	buf_add(b, "\r\n", 2);
}

/*
 * The body, a line at a time: LF or CRLF ends a line, CRLF goes out, and
 * a last line without its LF gets one.
 */
static void
body(struct buf *b, const char *s, int qp)
{
	while (*s) {
		const char	*nl = strchr(s, '\n');
		size_t		 n = nl ? (size_t)(nl - s) : strlen(s);
		size_t		 len = n;

		if (nl != NULL && n > 0 && s[n - 1] == '\r')
			len--;
		if (qp)
			qp_line(b, s, len);
		else {
			buf_add(b, s, len);
			buf_add(b, "\r\n", 2);
		}
		s += nl ? n + 1 : n;
	}
}

int
mail_write(struct buf *b, const struct mail_msg *m, const char **why)
{
	struct who	 from = { NULL, NULL };
	struct hdr	 h = { b, 0, 0 };
	const char	*w, *text = m->body ? m->body : "";
	int		 qp;

	if ((w = check(m, &from)) != NULL) {
		free(from.name);
		free(from.addr);
		if (why != NULL)
			*why = w;
		return -1;
	}
	qp = !seven_bit(text);

	date(b, m->date);
	hbegin(&h, "From");
	mailbox(&h, from.name, from.addr);
	hend(&h);
	hbegin(&h, "To");
	mailbox(&h, m->to_name, m->to_addr);
	hend(&h);
	if (m->subject != NULL) {
		hbegin(&h, "Subject");
		unstructured(&h, m->subject);
		hend(&h);
	}
	buf_printf(b, "Message-ID: <%s>\r\n", m->message_id);
	buf_adds(b, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n");
	buf_printf(b, "Content-Transfer-Encoding: %s\r\n",
	    qp ? "quoted-printable" : "7bit");
	/* RFC 3834 5: no vacation replies or bounces-by-robot to a reminder */
	buf_adds(b, "Auto-Submitted: auto-generated\r\n\r\n");
	body(b, text, qp);

	free(from.name);
	free(from.addr);
	return 0;
}

/* --- sending ----------------------------------------------------------- */

char **
mail_sendmail_argv(const struct cfg *c)
{
	char	*s = xstrdup(c->remind_sendmail), **v = NULL;
	size_t	 n = 0;

	for (char *w = strtok(s, " \t"); w; w = strtok(NULL, " \t")) {
		v = xrealloc(v, (n + 2) * sizeof(*v));
		v[n++] = xstrdup(w);
	}
	free(s);
	if (v)
		v[n] = NULL;
	return v;
}

/*
 * How long a sendmail or SMS command may take before it is killed (and
 * the message retried), and how much of what it says we keep.
 */
#define CHILD_SECONDS	120
#define CHILD_OUTPUT	(64 * 1024)

/*
 * Run argv with data on its stdin; its exit status decides.  0 sent; 75
 * a temporary failure (EX_TEMPFAIL, EX_IOERR, EX_OSERR, EX_UNAVAILABLE,
 * EX_PROTOCOL, a signal or the time limit); 65 a permanent one; 69 when
 * it cannot start.  What it says goes to our stderr, never into the
 * report on stdout.  lib/spawn drops an installed program's group
 * privilege in the child and, then, gives it a clean environment.
 */
int
mail_run(char *const argv[], const char *data, size_t len, char *err,
    size_t errlen)
{
	struct spawn_result	 r;
	int			 e;

	if (spawn_run(argv, data, len, CHILD_SECONDS, CHILD_OUTPUT,
	    SPAWN_KEEP_ENV, &r, err, errlen) != 0) {
		spawn_result_free(&r);
		return EX_UNAVAILABLE;
	}
	fwrite(r.out.s ? r.out.s : "", 1, r.out.len, stderr);
	fwrite(r.err.s ? r.err.s : "", 1, r.err.len, stderr);
	spawn_result_free(&r);
	if (r.timed_out) {
		snprintf(err, errlen, "%s killed after %d seconds", argv[0],
		    CHILD_SECONDS);
		return EX_TEMPFAIL;
	}
	if (r.code == 0)
		return 0;
	if (r.sig) {
		snprintf(err, errlen, "%s killed by signal %d", argv[0],
		    r.sig);
		return EX_TEMPFAIL;
	}
	e = r.code;
	snprintf(err, errlen, "%s exited %d", argv[0], e);
	/* msmtp says 69 for a server's 4xx, 76 for a dropped connection */
	return e == EX_TEMPFAIL || e == EX_IOERR || e == EX_OSERR ||
	    e == EX_UNAVAILABLE || e == EX_PROTOCOL ? EX_TEMPFAIL : EX_DATAERR;
}

void
mail_argv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/*
 * mail - unit tests for lib/mail.c: the exact bytes of a plain message,
 * display names quoted or encoded, RFC 2047 encoded-words that decode
 * back and never cut a UTF-8 character, folded header lines, the body in
 * 7bit or quoted-printable, the Date header, and what is refused.
 *
 * Expected values come from outside the module: the base64 of each
 * encoded name and subject from `printf %s '...' | base64`; dates from
 * `TZ=... date -d @1796800000 -R` (Wed, 09 Dec 2026 02:06:40 -0500 in New
 * York, 12:36:40 +0530 in Kolkata, 03:36:40 -0330 in St John's) and
 * @1784000000 (Mon, 13 Jul 2026 23:33:20 -0400); line limits from RFC
 * 5322 2.1.1 (78), RFC 2047 2 (75 an encoded-word, 76 its line) and RFC
 * 2045 6.7 (76 a quoted-printable line); =C3=A9 is é in UTF-8.  The
 * decoders here (base64, encoded-words, quoted-printable, unfolding) are
 * the test's own, written from those RFCs.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mail.h"
#include "tap.h"
#include "util.h"

#define T_DEC	1796800000	/* Wed, 09 Dec 2026 07:06:40 UTC */
#define T_JUL	1784000000	/* Tue, 14 Jul 2026 03:33:20 UTC */
#define MID	"rem-12.1796800000@maple.example"
#define NY	"America/New_York"

static const struct mail_msg base = {
	"Maple Clinic <frontdesk@maple.example>",
	"Jane Doe",
	"jane.doe@example.org",
	"Appointment reminder",
	"Hello Jane,\nSee you on Wednesday at 09:30.\n",
	MID,
	T_DEC,
};

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* The message for m, or NULL (and a diag) if it was refused.  Owned. */
static char *
write_ok(const struct mail_msg *m)
{
	struct buf	 b = { 0 };
	const char	*why = NULL;

	if (mail_write(&b, m, &why) != 0) {
		diag("refused: %s", why ? why : "(no reason)");
		buf_free(&b);
		return NULL;
	}
	return b.s;
}

/* Why m is refused, or NULL when it is not; b must come back as it was. */
static const char *
refused(const struct mail_msg *m)
{
	struct buf	 b = { 0 };
	const char	*why = NULL;
	int		 rc;

	buf_adds(&b, "kept");
	rc = mail_write(&b, m, &why);
	if (b.len != 4 || strcmp(b.s, "kept") != 0)
		diag("the buffer changed");
	buf_free(&b);
	if (rc == 0)
		return NULL;
	return why ? why : "(no reason)";
}

/* The body: what follows the first empty line. */
static const char *
body_of(const char *msg)
{
	const char *p = msg ? strstr(msg, "\r\n\r\n") : NULL;

	return p ? p + 4 : "";
}

/* Header name's value, unfolded (RFC 5322 2.2.3), or NULL.  Owned. */
static char *
header(const char *msg, const char *name)
{
	struct buf	 v = { 0 };
	const char	*p = msg, *end;
	size_t		 n = strlen(name);

	if (msg == NULL)
		return NULL;
	end = strstr(msg, "\r\n\r\n");
	for (;;) {
		if (p >= end)
			return NULL;
		if (strncmp(p, name, n) == 0 && p[n] == ':')
			break;
		p = strstr(p, "\r\n") + 2;
	}
	p += n + 1;
	if (*p == ' ')
		p++;
	buf_adds(&v, "");
	for (;;) {
		const char *e = strstr(p, "\r\n");

		buf_add(&v, p, (size_t)(e - p));
		p = e + 2;
		if (*p != ' ' && *p != '\t')
			break;
	}
	return v.s;
}

/* Header name's value in the message written for m, or NULL.  Owned. */
static char *
written_header(const struct mail_msg *m, const char *name)
{
	char	*s = write_ok(m), *v = header(s, name);

	free(s);
	return v;
}

static int
b64val(int c)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(tab, c) : NULL;

	return p ? (int)(p - tab) : -1;
}

/* Base64 with padding, strictly: -1 on anything else. */
static int
b64dec(struct buf *out, const char *s, size_t n)
{
	if (n % 4 != 0)
		return -1;
	for (size_t i = 0; i < n; i += 4) {
		int	v[4], pad = 0;

		for (int j = 0; j < 4; j++) {
			if (s[i + j] == '=' && i + 4 == n && j >= 2) {
				v[j] = 0;
				pad++;
			} else if (pad || (v[j] = b64val(s[i + j])) < 0)
				return -1;
		}
		buf_addc(out, (char)(v[0] << 2 | v[1] >> 4));
		if (pad < 2)
			buf_addc(out, (char)((v[1] & 15) << 4 | v[2] >> 2));
		if (pad < 1)
			buf_addc(out, (char)((v[2] & 3) << 6 | v[3]));
	}
	return 0;
}

/*
 * An unfolded header value with its encoded-words decoded (RFC 2047 6),
 * white space between two encoded-words dropped.  *bad counts words that
 * are malformed, longer than 75, or not whole UTF-8 on their own.  Owned.
 */
static char *
decode(const char *v, int *bad, int *nwords)
{
	static const char open[] = "=?UTF-8?B?";
	struct buf	 out = { 0 };
	const char	*p = v;
	int		 after_word = 0;

	*bad = *nwords = 0;
	buf_adds(&out, "");
	while (*p) {
		const char *e, *q = p;

		while (after_word && *q == ' ')
			q++;
		if (strncmp(q, open, sizeof(open) - 1) == 0 &&
		    (e = strstr(q + sizeof(open) - 1, "?=")) != NULL) {
			struct buf	w = { 0 };
			const char	*b = q + sizeof(open) - 1;

			buf_adds(&w, "");
			if (e + 2 - q > 75 || b64dec(&w, b, (size_t)(e - b)) ||
			    !utf8_valid(w.s, w.len))
				++*bad;
			buf_add(&out, w.s, w.len);
			buf_free(&w);
			++*nwords;
			p = e + 2;
			after_word = 1;
			continue;
		}
		after_word = 0;
		buf_addc(&out, *p++);
	}
	return out.s;
}

/* Quoted-printable decoded (RFC 2045 6.7), CRLF kept as it is.  Owned. */
static char *
qp_decode(const char *s)
{
	struct buf out = { 0 };

	buf_adds(&out, "");
	for (; *s; s++) {
		if (*s != '=') {
			buf_addc(&out, *s);
			continue;
		}
		if (s[1] == '\r' && s[2] == '\n') {
			s += 2;		/* soft line break */
			continue;
		}
		if (s[1] && s[2]) {
			char hex[3] = { s[1], s[2], '\0' };

			buf_addc(&out, (char)strtol(hex, NULL, 16));
			s += 2;
		}
	}
	return out.s;
}

/*
 * Every line of s ends in CRLF; header lines fit 78 octets, or 76 when
 * they hold an encoded-word; body lines fit body_max.
 */
static int
lines_ok(const char *s, size_t body_max)
{
	const char	*p = s, *e;
	int		 in_body = 0, good = 1, n = 0;

	if (s == NULL)
		return 0;
	while ((e = strstr(p, "\r\n")) != NULL) {
		size_t	len = (size_t)(e - p), max;
		char	*line = xstrndup(p, len);

		n++;
		if (memchr(p, '\n', len) || memchr(p, '\r', len)) {
			diag("line %d holds a bare CR or LF", n);
			good = 0;
		}
		max = in_body ? body_max : strstr(line, "=?") ? 76 : 78;
		if (len > max) {
			diag("line %d is %zu octets: %s", n, len, line);
			good = 0;
		}
		free(line);
		if (len == 0)
			in_body = 1;
		p = e + 2;
	}
	if (*p != '\0') {
		diag("text after the last CRLF");
		good = 0;
	}
	return good;
}

static void
test_plain_message(void)
{
	char *s;

	zone(NY);
	s = write_ok(&base);
	is_str(s,
	    "Date: Wed, 09 Dec 2026 02:06:40 -0500\r\n"
	    "From: Maple Clinic <frontdesk@maple.example>\r\n"
	    "To: Jane Doe <jane.doe@example.org>\r\n"
	    "Subject: Appointment reminder\r\n"
	    "Message-ID: <" MID ">\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: 7bit\r\n"
	    "Auto-Submitted: auto-generated\r\n"
	    "\r\n"
	    "Hello Jane,\r\n"
	    "See you on Wednesday at 09:30.\r\n",
	    "ASCII message, byte for byte");
	free(s);
}

static void
test_date(void)
{
	static const struct {
		const char	*tz;
		time_t		 t;
		const char	*want;
	} tests[] = {
		{ NY, T_DEC, "Wed, 09 Dec 2026 02:06:40 -0500" },
		{ NY, T_JUL, "Mon, 13 Jul 2026 23:33:20 -0400" },
		{ "UTC", T_DEC, "Wed, 09 Dec 2026 07:06:40 +0000" },
		{ "Asia/Kolkata", T_DEC, "Wed, 09 Dec 2026 12:36:40 +0530" },
		{ "America/St_Johns", T_DEC,
		    "Wed, 09 Dec 2026 03:36:40 -0330" },
	};

	for (size_t i = 0; i < nitems(tests); i++) {
		struct mail_msg	 m = base;
		char		*d;

		zone(tests[i].tz);
		m.date = tests[i].t;
		d = written_header(&m, "Date");
		is_str(d, tests[i].want, "Date in %s", tests[i].tz);
		free(d);
	}
	zone(NY);
}

static void
test_display_names(void)
{
	static const struct {
		const char	*name, *want, *what;
	} tests[] = {
		{ "Doe, Jane", "\"Doe, Jane\" <jane.doe@example.org>",
		    "comma" },
		{ "Dr. Ann Lee", "\"Dr. Ann Lee\" <jane.doe@example.org>",
		    "full stop" },
		{ "Jane \"JJ\" O\\Doe",
		    "\"Jane \\\"JJ\\\" O\\\\Doe\" <jane.doe@example.org>",
		    "quote and backslash escaped" },
		{ "Ann  Lee", "\"Ann  Lee\" <jane.doe@example.org>",
		    "two spaces kept" },
		{ "O'Brien-Smith", "O'Brien-Smith <jane.doe@example.org>",
		    "atext needs no quotes" },
		{ "Zoë Ñúñez", "=?UTF-8?B?Wm/DqyDDkcO6w7Fleg==?= "
		    "<jane.doe@example.org>", "UTF-8 encoded" },
		{ NULL, "jane.doe@example.org", "no name" },
		{ "", "jane.doe@example.org", "empty name" },
	};

	for (size_t i = 0; i < nitems(tests); i++) {
		struct mail_msg	 m = base;
		char		*to;

		m.to_name = tests[i].name;
		to = written_header(&m, "To");
		is_str(to, tests[i].want, "To: %s", tests[i].what);
		free(to);
	}
}

static void
test_from(void)
{
	static const struct {
		const char	*from, *want, *what;
	} tests[] = {
		{ "frontdesk@maple.example", "frontdesk@maple.example",
		    "bare" },
		{ "<frontdesk@maple.example>", "frontdesk@maple.example",
		    "bracketed" },
		{ "  Maple Clinic   <frontdesk@maple.example> ",
		    "Maple Clinic <frontdesk@maple.example>",
		    "spaces trimmed" },
		{ "\"Maple Clinic, Inc.\" <frontdesk@maple.example>",
		    "\"Maple Clinic, Inc.\" <frontdesk@maple.example>",
		    "quoted as configured" },
		{ "\"Maple \\\"West\\\"\" <frontdesk@maple.example>",
		    "\"Maple \\\"West\\\"\" <frontdesk@maple.example>",
		    "escapes read and written back" },
		{ "Maple Clinic, Inc. <frontdesk@maple.example>",
		    "\"Maple Clinic, Inc.\" <frontdesk@maple.example>",
		    "quoted when configured without" },
		{ "Clínica Arce <citas@arce.example>",
		    "=?UTF-8?B?Q2zDrW5pY2EgQXJjZQ==?= <citas@arce.example>",
		    "UTF-8 encoded" },
	};

	for (size_t i = 0; i < nitems(tests); i++) {
		struct mail_msg	 m = base;
		char		*from;

		m.from = tests[i].from;
		from = written_header(&m, "From");
		is_str(from, tests[i].want, "From: %s", tests[i].what);
		free(from);
	}
}

static void
test_encoded_subject(void)
{
	struct mail_msg	 m = base;
	char		*s, *v, *d;
	int		 bad, n;

	m.subject = "Rappel : rendez-vous à 9 h 30";
	s = write_ok(&m);
	v = header(s, "Subject");
	is_str(v, "=?UTF-8?B?UmFwcGVsIDogcmVuZGV6LXZvdXMgw6AgOSBoIDMw?=",
	    "accented subject: one encoded-word");
	d = decode(v ? v : "", &bad, &n);
	is_str(d, m.subject, "and it decodes back");
	free(d);
	free(v);
	free(s);

	m.subject = "Fwd: =?x?= looks encoded";
	s = write_ok(&m);
	v = header(s, "Subject");
	d = decode(v ? v : "", &bad, &n);
	ok(n > 0, "ASCII that looks like an encoded-word is encoded");
	is_str(d, m.subject, "and decodes back");
	free(d);
	free(v);
	free(s);
}

/* Long UTF-8 texts: many words, each short, whole characters, folded. */
static void
test_long_encoded(void)
{
	static const char *const subjects[] = {
		"Votre rendez-vous de contrôle est confirmé : présentez-vous "
		"à l’accueil dix minutes avant l’heure prévue, avec la carte "
		"Vitale et l’ordonnance.",
		"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"
		"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé",
		"中中中中中中中中中中中中中中中中中中中中中中中中中中中中"
		"中中中中中中中中中中中中中中中中中中中中中中中中中中中中",
		"😀 a😀 ab😀 abc😀 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀"
		"😀😀😀😀😀😀😀",
	};

	for (size_t i = 0; i < nitems(subjects); i++) {
		struct mail_msg	 m = base;
		char		*s, *v, *d;
		int		 bad, n;

		m.subject = subjects[i];
		s = write_ok(&m);
		ok(lines_ok(s, 998), "long subject %zu: lines within limits",
		    i);
		v = header(s, "Subject");
		d = decode(v ? v : "", &bad, &n);
		ok(n > 1, "long subject %zu: %d encoded-words", i, n);
		is_int(bad, 0, "long subject %zu: each word whole UTF-8, "
		    "at most 75", i);
		is_str(d, m.subject, "long subject %zu: decodes back", i);
		free(d);
		free(v);
		free(s);
	}
}

static void
test_long_ascii(void)
{
	struct mail_msg	 m = base;
	char		*s, *v, *w;

	m.subject = "Your appointment at Maple Clinic next week: please "
	    "arrive ten minutes early and bring your insurance card";
	s = write_ok(&m);
	ok(lines_ok(s, 998), "long ASCII subject: lines within 78");
	ok(s && strstr(s, "Subject: Your appointment at Maple Clinic next "
	    "week: please arrive ten minutes\r\n early and") != NULL,
	    "folded before a space");
	v = header(s, "Subject");
	is_str(v, m.subject, "unfolds back");
	free(v);
	free(s);

	m.subject = "Link: https://maple.example/"
	    "confirm?appointment=apt-12&token=0123456789abcdef0123456789abcdef";
	s = write_ok(&m);
	v = header(s, "Subject");
	ok(lines_ok(s, 998), "a word too long for a line: lines within 76");
	{
		int bad, n;

		w = decode(v ? v : "", &bad, &n);
		is_str(w, m.subject, "it goes encoded, and decodes back");
		free(w);
	}
	free(v);
	free(s);

	m.subject = base.subject;
	m.to_name = "Maria de los Ángeles Fernández-Villaverde y "
	    "Castro-Montenegro de la Torre";
	s = write_ok(&m);
	ok(lines_ok(s, 998), "long UTF-8 name: lines within 76");
	v = header(s, "To");
	{
		int bad, n;

		w = decode(v ? v : "", &bad, &n);
		is_str(w, "Maria de los Ángeles Fernández-Villaverde y "
		    "Castro-Montenegro de la Torre <jane.doe@example.org>",
		    "long UTF-8 name decodes back");
		is_int(bad, 0, "long UTF-8 name: words whole");
		free(w);
	}
	free(v);
	free(s);
}

/* body in, Content-Transfer-Encoding and encoded body out */
static void
body_is(const char *in, const char *cte, const char *want, const char *what)
{
	struct mail_msg	 m = base;
	char		*s, *v;

	m.body = in;
	s = write_ok(&m);
	v = header(s, "Content-Transfer-Encoding");
	is_str(v, cte, "%s: %s", what, cte);
	is_str(s ? body_of(s) : NULL, want, "%s: body", what);
	free(v);
	free(s);
}

static void
test_body_7bit(void)
{
	body_is("a\r\nb\r\n", "7bit", "a\r\nb\r\n", "CRLF input");
	body_is("no newline", "7bit", "no newline\r\n", "last line ended");
	body_is("", "7bit", "", "empty body");
	body_is("one\n\n\nfour\n", "7bit", "one\r\n\r\n\r\nfour\r\n",
	    "blank lines kept");
	body_is(".\nsig\n", "7bit", ".\r\nsig\r\n", "a lone dot left alone");
	body_is(" From here\n", "7bit", " From here\r\n",
	    "\"From\" not at line start");
}

static void
test_body_qp(void)
{
	char	 a200[201], *in, *want, *s, *d;
	size_t	 i;

	body_is("café = 100%\n", "quoted-printable",
	    "caf=C3=A9 =3D 100%\r\n", "café = 100%");
	body_is("Hi\nFrom the clinic\n", "quoted-printable",
	    "Hi\r\n=46rom the clinic\r\n", "\"From \" at line start in 7bit");
	body_is("é\nFrom x\nFromage\n", "quoted-printable",
	    "=C3=A9\r\n=46rom x\r\nFromage\r\n", "\"From \" in QP");
	body_is("é end \nx\t\n", "quoted-printable",
	    "=C3=A9 end=20\r\nx=09\r\n", "trailing blanks encoded");
	body_is("é a b\n", "quoted-printable", "=C3=A9 a b\r\n",
	    "inner blanks as they are");
	body_is("a\rb\n", "quoted-printable", "a=0Db\r\n", "a bare CR");
	body_is("é", "quoted-printable", "=C3=A9\r\n", "last line ended");

	memset(a200, 'a', 200);
	a200[200] = '\0';
	in = xasprintf("é\n%s\n", a200);
	want = xasprintf("=C3=A9\r\n%.75s=\r\n%.75s=\r\n%.50s\r\n", a200,
	    a200, a200);
	body_is(in, "quoted-printable", want, "200-char line");
	free(in);
	free(want);

	/* 76 fits a line exactly; one more needs a soft break */
	in = xasprintf("é\n%.76s\n%.77s\n", a200, a200);
	want = xasprintf("=C3=A9\r\n%.76s\r\n%.75s=\r\naa\r\n", a200, a200);
	body_is(in, "quoted-printable", want, "76 and 77 chars");
	free(in);
	free(want);

	/* an =XX is never split by a soft break */
	in = xasprintf("é\n%.74s=b\n", a200);
	want = xasprintf("=C3=A9\r\n%.74s=\r\n=3Db\r\n", a200);
	body_is(in, "quoted-printable", want, "=3D moved whole");
	free(in);
	free(want);

	/* a soft break never leaves "From " at the start of a line */
	in = xasprintf("%.75sFrom here é\n", a200);
	want = xasprintf("%.75s=\r\n=46rom here =C3=A9\r\n", a200);
	body_is(in, "quoted-printable", want, "\"From \" after a soft break");
	free(in);
	free(want);

	/* 200 é: every line within 76, round trip */
	{
		struct buf	 b = { 0 };
		struct mail_msg	 m = base;

		for (i = 0; i < 200; i++)
			buf_adds(&b, i % 50 == 49 ? "é \t" : "é");
		buf_adds(&b, "\nend \n");
		m.body = b.s;
		s = write_ok(&m);
		ok(lines_ok(s, 76), "200 é: every line within 76");
		d = qp_decode(body_of(s));
		in = xstrdup(m.body);
		/* the decoder keeps CRLF: compare with the text made CRLF */
		{
			struct buf crlf = { 0 };

			for (char *p = in; *p; p++)
				if (*p == '\n')
					buf_adds(&crlf, "\r\n");
				else
					buf_addc(&crlf, *p);
			is_str(d, crlf.s, "200 é: decodes back");
			buf_free(&crlf);
		}
		free(in);
		free(d);
		free(s);
		buf_free(&b);
	}

	/* 998 octets is a 7bit line; 999 is not */
	{
		struct buf	 b = { 0 };
		struct mail_msg	 m = base;
		char		*v;

		for (i = 0; i < 998; i++)
			buf_addc(&b, (char)('a' + i % 26));
		m.body = b.s;
		v = written_header(&m, "Content-Transfer-Encoding");
		is_str(v, "7bit", "998-octet line: 7bit");
		free(v);
		buf_addc(&b, 'z');
		m.body = b.s;
		s = write_ok(&m);
		v = header(s, "Content-Transfer-Encoding");
		is_str(v, "quoted-printable",
		    "999-octet line: quoted-printable");
		ok(lines_ok(s, 76), "999-octet line: QP lines within 76");
		d = qp_decode(body_of(s));
		ok(d && strncmp(d, b.s, b.len) == 0 &&
		    strcmp(d + b.len, "\r\n") == 0,
		    "999-octet line decodes back");
		free(d);
		free(v);
		free(s);
		buf_free(&b);
	}
}

static void
test_refused(void)
{
	struct mail_msg	 m;
	const char	*why;

	m = base;
	m.subject = "Reminder\r\nBcc: all@patients.example";
	why = refused(&m);
	ok(why != NULL, "CR LF in the subject refused");
	ok(why && strstr(why, "subject"), "the reason names the subject: %s",
	    why ? why : "-");
	m.subject = "Reminder\nBcc: all@patients.example";
	ok(refused(&m) != NULL, "LF in the subject refused");
	m.subject = "Reminder\r";
	ok(refused(&m) != NULL, "CR in the subject refused");
	m.subject = "Tab\there";
	ok(refused(&m) != NULL, "a tab in the subject refused");
	m.subject = "caf\xe9";
	why = refused(&m);
	ok(why && strstr(why, "UTF-8"), "Latin-1 subject refused: %s",
	    why ? why : "-");

	m = base;
	m.to_name = "Jane\r\nBcc: x@y.example";
	ok(refused(&m) != NULL, "CR LF in the name refused");
	m = base;
	m.from = "Maple <frontdesk@maple.example>\nBcc: x@y.example";
	ok(refused(&m) != NULL, "LF in From refused");
	m.from = "Maple Clinic";
	ok(refused(&m) != NULL, "From without an address refused");
	m.from = "\"Maple <frontdesk@maple.example>";
	ok(refused(&m) != NULL, "From with a stray quote refused");
	m.from = "Maple <front desk@maple.example>";
	ok(refused(&m) != NULL, "From address with a space refused");
	m.from = NULL;
	ok(refused(&m) != NULL, "no From refused");

	m = base;
	m.to_addr = "jane doe@example.org";
	why = refused(&m);
	ok(why && strstr(why, "To"), "To address with a space refused: %s",
	    why ? why : "-");
	m.to_addr = "jane.example.org";
	ok(refused(&m) != NULL, "To address without @ refused");
	m.to_addr = "jane@example.org>\r\nBcc: x@y.example";
	ok(refused(&m) != NULL, "To address with CR LF refused");
	m.to_addr = NULL;
	ok(refused(&m) != NULL, "no To refused");

	m = base;
	m.message_id = "rem 12@maple.example";
	ok(refused(&m) != NULL, "Message-ID with a space refused");
	m.message_id = "<rem-12@maple.example>";
	ok(refused(&m) != NULL, "Message-ID with its <> refused");
	m.message_id = "rem-12";
	ok(refused(&m) != NULL, "Message-ID without @ refused");
	m.message_id = "rem-12@maple.example\r\nBcc: x@y.example";
	ok(refused(&m) != NULL, "Message-ID with CR LF refused");

	m = base;
	m.body = "caf\xc3";
	ok(refused(&m) != NULL, "body with invalid UTF-8 refused");

	m = base;
	m.subject = NULL;
	m.body = NULL;
	{
		char *s = write_ok(&m), *v = header(s, "Subject");

		ok(s && v == NULL, "no subject: no Subject header");
		is_str(body_of(s), "", "no body: empty body");
		free(v);
		free(s);
	}
}

static void
test_addr_ok(void)
{
	static const char *const good[] = {
		"jane.doe@example.org", "a@b.co",
		"o'brien+rem@mail.example.co.uk", "x_y-z@sub-domain.example",
		"123@456.example", "a!#$%&*/=?^`{|}~@x.example",
	};
	static const char *const bad[] = {
		"", "jane", "jane doe@example.org", "jane@example org",
		"jane@localhost", "a@b@c.example", "<jane@example.org>",
		"jane@example..org", "jane@.example.org", "jane@example.org.",
		"jane@-x.example", "jane@x-.example", ".jane@x.example",
		"jane.@x.example", "ja..ne@x.example", "@example.org", "jane@",
		"jané@example.org", "jane@exámple.org", "\"jane\"@example.org",
		"jane\r@example.org", "jane@example.org\n", "jane@[192.0.2.1]",
		"(x)jane@example.org", "jane,ann@example.org",
		"jane@under_score.example",
	};
	char	long_local[80], long_label[80];

	for (size_t i = 0; i < nitems(good); i++)
		ok(mail_addr_ok(good[i]), "address ok: %s", good[i]);
	for (size_t i = 0; i < nitems(bad); i++)
		ok(!mail_addr_ok(bad[i]), "address refused: %zu", i);
	ok(!mail_addr_ok(NULL), "NULL refused");
	memset(long_local, 'a', 65);
	strcpy(long_local + 65, "@x.example");
	ok(!mail_addr_ok(long_local), "local part over 64 refused");
	memset(long_label, 'b', 64);
	strcpy(long_label + 64, ".example");
	{
		char *a = xasprintf("a@%s", long_label);

		ok(!mail_addr_ok(a), "label over 63 refused");
		free(a);
		a = xasprintf("a@%s", long_label + 1);
		ok(mail_addr_ok(a), "label of 63 ok");
		free(a);
	}
}

int
main(void)
{
	test_plain_message();
	test_date();
	test_display_names();
	test_from();
	test_encoded_subject();
	test_long_encoded();
	test_long_ascii();
	test_body_7bit();
	test_body_qp();
	test_refused();
	test_addr_ok();
	return done_testing();
}

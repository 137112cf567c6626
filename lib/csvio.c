/*
 * csvio - libcsv is push-driven; we feed it one input line at a time and
 * queue the records its callbacks complete, which keeps memory flat for
 * any file size and lets every record know the line it began on.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <csv.h>

#include "csvio.h"
#include "util.h"

/*
 * A record's fields live in one buffer, NUL after each (off[i] where
 * field i starts while it grows; f[] points into it once complete): a
 * record is three allocations, not one per field.
 */
struct row {
	char	**f;
	size_t	*off;
	size_t	 n, cap;
	char	*buf;
	size_t	 len, bcap;
	size_t	 line;
};

struct csvin {
	FILE		*f;
	char		*name;		/* owned; for messages */
	struct csv_parser p;
	char		*line;		/* one line, its end kept */
	size_t		 cap;
	size_t		 lineno;	/* line being fed */
	size_t		 start;		/* line the open record started on */
	struct row	 cur;		/* record being built */
	struct row	*q;		/* completed records, FIFO */
	size_t		 qhead, qlen, qcap;
	struct row	 out;		/* the one handed to the caller */
	int		 eof;
};

static void
row_clear(struct row *r)
{
	free(r->f);
	free(r->off);
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct csvin	*c = arg;
	struct row	*r = &c->cur;

	if (r->n == 0 && r->off == NULL)
		r->line = c->start;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->off = xrealloc(r->off, r->cap * sizeof(*r->off));
	}
	while (r->len + len + 1 > r->bcap) {
		r->bcap = r->bcap ? 2 * r->bcap : 256;
		r->buf = xrealloc(r->buf, r->bcap);
	}
	r->off[r->n++] = r->len;
	if (len > 0)
		memcpy(r->buf + r->len, s, len);
	r->buf[r->len + len] = '\0';
	r->len += len + 1;
}

static void
on_row(int term, void *arg)
{
	struct csvin *c = arg;

	(void)term;
	if (c->qhead + c->qlen == c->qcap) {
		if (c->qhead > 0) {
			memmove(c->q, c->q + c->qhead, c->qlen * sizeof(*c->q));
			c->qhead = 0;
		} else {
			c->qcap = c->qcap ? 2 * c->qcap : 8;
			c->q = xrealloc(c->q, c->qcap * sizeof(*c->q));
		}
	}
	if (c->cur.off == NULL)	/* a row with no fields at all */
		c->cur.line = c->start;
	c->cur.f = xcalloc(c->cur.n + 1, sizeof(char *));
	for (size_t i = 0; i < c->cur.n; i++)
		c->cur.f[i] = c->cur.buf + c->cur.off[i];
	c->q[c->qhead + c->qlen++] = c->cur;
	memset(&c->cur, 0, sizeof(c->cur));
	c->start = c->lineno + 1;
}

/* RFC 4180: spaces are data, so libcsv must not trim them. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
csvin_open(struct csvin **out, const char *path)
{
	struct csvin *c = xcalloc(1, sizeof(*c));

	*out = NULL;
	if (strcmp(path, "-") == 0) {
		c->f = stdin;
		c->name = xstrdup("stdin");
	} else if ((c->f = fopen(path, "r")) == NULL) {
		warn("cannot read '%s'", path);
		free(c);
		return EX_NOINPUT;
	} else
		c->name = xstrdup(path);
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL)
	    != 0) {
		csvin_close(c);
		return EX_SOFTWARE;
	}
	csv_set_space_func(&c->p, no_space);
	c->start = 1;
	*out = c;
	return 0;
}

/*
 * One line into c->line, its end kept: LF, CRLF, or a bare CR as old Mac
 * files end lines (getline(3) would make such a file one line, and every
 * error line 1).  -1 at the end of the input or on an error.
 */
static ssize_t
read_line(struct csvin *c)
{
	size_t	n = 0;
	int	ch;

	/* unlocked: one thread reads it, a character at a time */
	while ((ch = getc_unlocked(c->f)) != EOF) {
		if (n + 3 > c->cap) {
			c->cap = c->cap ? 2 * c->cap : 256;
			c->line = xrealloc(c->line, c->cap);
		}
		c->line[n++] = (char)ch;
		if (ch == '\n')
			break;
		if (ch == '\r') {
			if ((ch = getc_unlocked(c->f)) == '\n')
				c->line[n++] = '\n';
			else if (ch != EOF)
				ungetc(ch, c->f);
			break;
		}
	}
	if (n == 0)
		return -1;
	c->line[n] = '\0';
	return (ssize_t)n;
}

static int
feed(struct csvin *c)
{
	ssize_t n;

	if ((n = read_line(c)) == -1) {
		if (ferror(c->f)) {
			warn("%s", c->name);
			return EX_IOERR;
		}
		c->eof = 1;
		if (csv_fini(&c->p, on_field, on_row, c) != 0) {
			warnx("%s:%zu: unterminated quoted field", c->name,
			    c->start);
			return EX_DATAERR;
		}
		return 0;
	}
	c->lineno++;
	if (c->p.pstate == 0)	/* libcsv's ROW_NOT_BEGUN: skips blank lines */
		c->start = c->lineno;
	if (c->lineno == 1 && n >= 3 && memcmp(c->line, "\xef\xbb\xbf", 3) == 0)
		memmove(c->line, c->line + 3, (size_t)(n -= 3) + 1);
	if (memchr(c->line, '\0', (size_t)n) != NULL) {
		warnx("%s:%zu: NUL byte in the file", c->name, c->lineno);
		return EX_DATAERR;
	}
	if (!utf8_valid(c->line, (size_t)n)) {
		warnx("%s:%zu: not valid UTF-8", c->name, c->lineno);
		return EX_DATAERR;
	}
	if (csv_parse(&c->p, c->line, (size_t)n, on_field, on_row, c) !=
	    (size_t)n) {
		warnx("%s:%zu: malformed CSV: %s", c->name, c->lineno,
		    csv_strerror(csv_error(&c->p)));
		return EX_DATAERR;
	}
	return 0;
}

int
csvin_next(struct csvin *c, struct csvrec *rec)
{
	int rc;

	row_clear(&c->out);
	while (c->qlen == 0) {
		if (c->eof)
			return 0;
		if ((rc = feed(c)) != 0)
			return rc;
	}
	c->out = c->q[c->qhead++];
	c->qlen--;
	rec->n = c->out.n;
	rec->f = c->out.f;
	rec->line = c->out.line;
	return 1;
}

const char *
csvin_name(const struct csvin *c)
{
	return c->name;
}

void
csvin_close(struct csvin *c)
{
	if (c == NULL)
		return;
	if (c->f && c->f != stdin)
		fclose(c->f);
	csv_free(&c->p);
	row_clear(&c->cur);
	row_clear(&c->out);
	for (size_t i = 0; i < c->qlen; i++)
		row_clear(&c->q[c->qhead + i]);
	free(c->q);
	free(c->line);
	free(c->name);
	free(c);
}

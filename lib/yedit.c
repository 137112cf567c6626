/*
 * yedit - see yedit.h.  The text is taken a line at a time; a line's
 * indent is its leading spaces (YAML allows no tabs there).  A section's
 * block is every line after its "name:" line up to the next line that is
 * not blank and starts in column 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "yedit.h"

struct line {
	const char	*s;
	size_t		 len;		/* without the newline */
	size_t		 indent;
	int		 blank, comment;
};

static struct line *
split(const char *text, size_t *n)
{
	struct line	*v = NULL;
	const char	*p = text, *nl;

	*n = 0;
	while (*p) {
		struct line l = { p, 0, 0, 0, 0 };

		nl = strchr(p, '\n');
		l.len = nl ? (size_t)(nl - p) : strlen(p);
		while (l.indent < l.len && p[l.indent] == ' ')
			l.indent++;
		l.blank = strspn(p + l.indent, " \t\r") >= l.len - l.indent;
		l.comment = !l.blank && p[l.indent] == '#';
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = l;
		p += l.len + (nl != NULL);
	}
	return v;
}

/*
 * Does the line, from its indent (after a "# " when commented), start
 * "name:" then a blank or its end?  Where the value begins, or NULL.
 */
static const char *
key_at(const struct line *l, const char *name, int commented)
{
	const char	*p = l->s + l->indent, *end = l->s + l->len;
	size_t		 n = strlen(name);

	if (commented) {
		if (!l->comment)
			return NULL;
		p++;
		while (p < end && *p == ' ')
			p++;
	} else if (l->blank || l->comment)
		return NULL;
	if ((size_t)(end - p) < n + 1 || strncmp(p, name, n) != 0 ||
	    p[n] != ':')
		return NULL;
	p += n + 1;
	if (p < end && *p != ' ' && *p != '\r')
		return NULL;
	return p;
}

/* The end of the scalar that starts at p (after blanks), before end. */
static const char *
value_end(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	if (p < end && *p == '"') {
		for (p++; p < end && *p != '"'; p++)
			if (*p == '\\' && p + 1 < end)
				p++;
		return p < end ? p + 1 : end;
	}
	if (p < end && *p == '\'') {
		for (p++; p < end; p++)
			if (*p == '\'' && !(p + 1 < end && p[1] == '\''))
				return p + 1;
			else if (*p == '\'')
				p++;
		return end;
	}
	{
		const char *start = p;

		for (; p < end; p++)
			if (*p == '#' && (p == start || p[-1] == ' '))
				break;
		while (p > start && (p[-1] == ' ' || p[-1] == '\r'))
			p--;
	}
	return p;
}

/* Is there nothing but blanks and maybe a comment from p to end? */
static int
empty_value(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\r'))
		p++;
	return p == end || *p == '#';
}

/*
 * Line l with its key's value replaced: indent, name, value, and what
 * followed the old value when that is a comment.
 */
static void
put_line(struct buf *out, const struct line *l, size_t indent,
    const char *name, const char *vstart, const char *value)
{
	const char	*end = l->s + l->len, *ve = value_end(vstart, end);
	const char	*tail = ve;

	while (tail < end && *tail == ' ')
		tail++;
	for (size_t i = 0; i < indent; i++)
		buf_addc(out, ' ');
	buf_printf(out, "%s: %s", name, value);
	if (tail < end && *tail == '#')
		buf_add(out, ve, (size_t)(end - ve));
	buf_addc(out, '\n');
}

static void
put_raw(struct buf *out, const struct line *l)
{
	buf_add(out, l->s, l->len);
	buf_addc(out, '\n');
}

int
yedit_set(struct buf *out, const char *text, const char *key,
    const char *value, const char **why)
{
	struct line	*v;
	const char	*dot = strchr(key, '.'), *name = key, *p;
	char		*sec = NULL;
	size_t		 n, lo = 0, hi, at = (size_t)-1, indent = 0, last;
	size_t		 drop = 0;
	int		 rc = 0, found = 0;

	v = split(text, &n);
	hi = n;
	buf_reset(out);
	if (dot != NULL) {
		sec = xasprintf("%.*s", (int)(dot - key), key);
		name = dot + 1;
		for (lo = 0; lo < n; lo++)
			if (v[lo].indent == 0 && key_at(&v[lo], sec, 0))
				break;
		if (lo == n) {	/* a new section at the end */
			for (size_t i = 0; i < n; i++)
				put_raw(out, &v[i]);
			if (n > 0 && !v[n - 1].blank)
				buf_addc(out, '\n');
			buf_printf(out, "%s:\n  %s: %s\n", sec, name, value);
			goto done;
		}
		if (!empty_value(key_at(&v[lo], sec, 0), v[lo].s + v[lo].len)) {
			*why = "the section is not in block style (one key a "
			    "line, indented under it)";
			rc = -1;
			goto done;
		}
		lo++;
		for (hi = lo; hi < n; hi++)
			if (!v[hi].blank && v[hi].indent == 0)
				break;
		indent = 2;
		for (size_t i = lo; i < hi; i++)
			if (!v[i].blank && !v[i].comment) {
				indent = v[i].indent;
				break;
			}
	}
	/* the key itself; then its commented-out example */
	for (int commented = 0; commented < 2 && !found; commented++)
		for (size_t i = lo; i < hi && !found; i++)
			if (v[i].indent == indent &&
			    (p = key_at(&v[i], name, commented)) != NULL) {
				at = i;
				found = 1;
				/* a block value (a list) goes with it */
				if (!commented && empty_value(p,
				    v[i].s + v[i].len))
					for (size_t j = i + 1; j < hi &&
					    !v[j].blank && v[j].indent > indent;
					    j++)
						drop++;
			}
	last = lo;	/* after the section's last line that is not blank */
	for (size_t i = lo; i < hi; i++)
		if (!v[i].blank)
			last = i + 1;
	for (size_t i = 0; i < n; i++) {
		if (found && i == at) {
			int commented = key_at(&v[i], name, 0) == NULL;

			put_line(out, &v[i], indent, name,
			    key_at(&v[i], name, commented), value);
			i += drop;
			continue;
		}
		if (!found && i == last) {
			for (size_t k = 0; k < indent; k++)
				buf_addc(out, ' ');
			buf_printf(out, "%s: %s\n", name, value);
		}
		put_raw(out, &v[i]);
	}
	if (!found && last == n) {
		if (dot == NULL && n > 0 && !v[n - 1].blank)
			buf_addc(out, '\n');
		for (size_t k = 0; k < indent; k++)
			buf_addc(out, ' ');
		buf_printf(out, "%s: %s\n", name, value);
	}
done:
	free(sec);
	free(v);
	if (out->s == NULL)
		buf_adds(out, "");
	return rc;
}

void
yedit_quote(struct buf *out, const char *s)
{
	buf_addc(out, '"');
	for (; *s; s++)
		if (*s == '"' || *s == '\\')
			buf_printf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			buf_printf(out, "\\x%02x", (unsigned char)*s);
		else
			buf_addc(out, *s);
	buf_addc(out, '"');
}

/*
 * out - record output.  TSV and JSON stream row by row; a table must see
 * every row before it knows its column widths, so it buffers; CSV streams.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db.h"
#include "out.h"
#include "util.h"

struct out {
	FILE		*f;
	enum out_fmt	 fmt;
	int		 header;	/* -H: '#' header line for TSV */
	size_t		 ncol;
	char		**names;	/* owned */
	char		**cells;	/* table: owned, ncol per row */
	size_t		 nrow, cap;
};

int
out_fmt_parse(const char *s, enum out_fmt *fmt)
{
	static const char *const names[] = { "table", "tsv", "csv", "json" };

	for (size_t i = 0; i < nitems(names); i++)
		if (strcmp(s, names[i]) == 0) {
			*fmt = (enum out_fmt)i;
			return 0;
		}
	return -1;
}

struct out *
out_new(FILE *f, enum out_fmt fmt, int header)
{
	struct out *o = xcalloc(1, sizeof(*o));

	o->f = f;
	o->fmt = fmt;
	o->header = header;
	return o;
}

static void
tsv_field(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '\\': fputs("\\\\", f); break;
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		default: putc(*s, f);
		}
}

/*
 * Spreadsheets run a cell that starts like a formula: = + - @, and TAB
 * or CR, which some drop before looking (OWASP, CSV injection).  A
 * leading ' makes the cell text, so such a value gets one; a value that
 * really starts with ' gets one too, so that `patient import` can take
 * exactly one off.  Plain decimal numbers (-12.50, +1) are safe as they are.
 */
static int
formula_like(const char *s)
{
	const char *p = s + 1;

	if (strchr("'=@\t\r", *s) != NULL && *s != '\0')
		return 1;
	if (*s != '+' && *s != '-')
		return 0;
	if (!isdigit((unsigned char)*p))
		return 1;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.' && isdigit((unsigned char)p[1]))
		for (p++; isdigit((unsigned char)*p); p++)
			;
	return *p != '\0';
}

static void
csv_field(FILE *f, const struct val *v)
{
	const char *s = v->s;

	if (v->type == V_NULL)
		return;
	if (v->type == V_TEXT && formula_like(s)) {
		putc('"', f);
		putc('\'', f);
	} else if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	} else
		putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* JSON string; bytes that are not valid UTF-8 become U+FFFD. */
static void
json_string(FILE *f, const char *s)
{
	putc('"', f);
	while (*s) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			putc('\\', f);
			putc(c, f);
			s++;
		} else if (c < 0x20) {
			switch (c) {
			case '\n': fputs("\\n", f); break;
			case '\r': fputs("\\r", f); break;
			case '\t': fputs("\\t", f); break;
			default: fprintf(f, "\\u%04x", c);
			}
			s++;
		} else if (c < 0x80) {
			putc(c, f);
			s++;
		} else {
			size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;

			if (strnlen(s, len) == len && utf8_valid(s, len)) {
				fwrite(s, 1, len, f);
				s += len;
			} else {
				fputs("\xef\xbf\xbd", f);
				s++;
			}
		}
	}
	putc('"', f);
}

/* The first call sets the columns; later ones (a row per verb) are no-ops. */
void
out_cols(struct out *o, size_t n, const char *const names[])
{
	if (o->names != NULL)
		return;
	o->ncol = n;
	o->names = xcalloc(n, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		o->names[i] = xstrdup(names[i]);
	switch (o->fmt) {
	case OUT_TSV:
		if (!o->header)
			break;
		putc('#', o->f);
		for (size_t i = 0; i < n; i++) {
			if (i)
				putc('\t', o->f);
			tsv_field(o->f, names[i]);
		}
		fputs("\n", o->f);
		break;
	case OUT_CSV:
		for (size_t i = 0; i < n; i++) {
			struct val v = { V_TEXT, names[i] };

			if (i)
				putc(',', o->f);
			csv_field(o->f, &v);
		}
		fputs("\r\n", o->f);
		break;
	default:
		break;
	}
}

/* A table cell: like TSV, control characters shown escaped. */
static char *
cell(const struct val *v)
{
	struct buf b = { 0 };

	if (v->type == V_NULL)
		return xstrdup("");
	for (const char *s = v->s; *s; s++)
		switch (*s) {
		case '\n': buf_adds(&b, "\\n"); break;
		case '\t': buf_adds(&b, "\\t"); break;
		case '\r': buf_adds(&b, "\\r"); break;
		default: buf_addc(&b, *s);
		}
	return b.s ? b.s : xstrdup("");
}

void
out_row(struct out *o, const struct val *v)
{
	switch (o->fmt) {
	case OUT_TABLE:
		if (o->nrow == o->cap) {
			o->cap = o->cap ? 2 * o->cap : 64;
			o->cells = xrealloc(o->cells,
			    o->cap * o->ncol * sizeof(char *));
		}
		for (size_t i = 0; i < o->ncol; i++)
			o->cells[o->nrow * o->ncol + i] = cell(&v[i]);
		o->nrow++;
		break;
	case OUT_TSV:
		for (size_t i = 0; i < o->ncol; i++) {
			if (i)
				putc('\t', o->f);
			if (v[i].type != V_NULL)
				tsv_field(o->f, v[i].s);
		}
		putc('\n', o->f);
		break;
	case OUT_CSV:
		for (size_t i = 0; i < o->ncol; i++) {
			if (i)
				putc(',', o->f);
			csv_field(o->f, &v[i]);
		}
		fputs("\r\n", o->f);
		break;
	case OUT_JSON:
		putc('{', o->f);
		for (size_t i = 0; i < o->ncol; i++) {
			if (i)
				putc(',', o->f);
			json_string(o->f, o->names[i]);
			putc(':', o->f);
			if (v[i].type == V_NULL)
				fputs("null", o->f);
			else if (v[i].type == V_NUM)
				fputs(v[i].s, o->f);
			else
				json_string(o->f, v[i].s);
		}
		fputs("}\n", o->f);
		break;
	}
}

void
out_text_row(struct out *o, const char *const vals[])
{
	struct val *v = xcalloc(o->ncol, sizeof(*v));

	for (size_t i = 0; i < o->ncol; i++) {
		v[i].type = vals[i] ? V_TEXT : V_NULL;
		v[i].s = vals[i];
	}
	out_row(o, v);
	free(v);
}

/* The current row of s as n values, typed as JSON wants them. */
static void
row_vals(sqlite3_stmt *s, struct val *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (sqlite3_column_type(s, (int)i)) {
		case SQLITE_NULL:
			v[i].type = V_NULL;
			break;
		case SQLITE_INTEGER:
			v[i].type = V_NUM;
			break;
		case SQLITE_FLOAT:	/* JSON has no Inf or NaN */
			v[i].type = isfinite(sqlite3_column_double(s,
			    (int)i)) ? V_NUM : V_TEXT;
			break;
		default:
			v[i].type = V_TEXT;
		}
		v[i].s = (const char *)sqlite3_column_text(s, (int)i);
		if (v[i].s == NULL)
			v[i].type = V_NULL;
	}
}

static long
stmt_rows(struct out *o, sqlite3_stmt *s, void (*each)(sqlite3_stmt *, void *),
    int (*keep)(sqlite3_stmt *, void *), void *arg)
{
	size_t		 n = (size_t)sqlite3_column_count(s);
	const char	**names = xcalloc(n, sizeof(char *));
	struct val	*v = xcalloc(n, sizeof(*v));
	long		 rows = 0;
	int		 rc;

	for (size_t i = 0; i < n; i++)
		names[i] = sqlite3_column_name(s, (int)i);
	out_cols(o, n, names);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (each)
			each(s, arg);
		if (keep && !keep(s, arg))
			continue;
		row_vals(s, v, n);
		out_row(o, v);
		rows++;
	}
	free(names);
	free(v);
	if (rc != SQLITE_DONE) {
		warnx("%s", sqlite3_errmsg(sqlite3_db_handle(s)));
		sqlite3_reset(s);
		return -sqlite_exit(rc);	/* busy is 75, not a bug */
	}
	return rows;
}

long
out_stmt(struct out *o, sqlite3_stmt *s, void (*each)(sqlite3_stmt *, void *),
    void *arg)
{
	return stmt_rows(o, s, each, NULL, arg);
}

long
out_stmt_if(struct out *o, sqlite3_stmt *s,
    int (*keep)(sqlite3_stmt *, void *), void *arg)
{
	return stmt_rows(o, s, NULL, keep, arg);
}

static void
table_flush(struct out *o)
{
	size_t *w = xcalloc(o->ncol, sizeof(size_t));

	for (size_t i = 0; i < o->ncol; i++)
		w[i] = utf8_width(o->names[i]);
	for (size_t r = 0; r < o->nrow; r++)
		for (size_t i = 0; i < o->ncol; i++) {
			size_t cw = utf8_width(o->cells[r * o->ncol + i]);
			if (cw > w[i])
				w[i] = cw;
		}
	for (size_t r = 0; r <= o->nrow; r++) {
		for (size_t i = 0; i < o->ncol; i++) {
			const char *c = r == 0 ? o->names[i] :
			    o->cells[(r - 1) * o->ncol + i];

			fputs(c, o->f);
			if (i + 1 < o->ncol)
				fprintf(o->f, "%*s", (int)(w[i] -
				    utf8_width(c) + 2), "");
		}
		putc('\n', o->f);
	}
	free(w);
}

int
out_end(struct out *o)
{
	if (o->fmt == OUT_TABLE && o->ncol > 0)
		table_flush(o);
	if (fflush(o->f) == EOF || ferror(o->f)) {
		if (errno != EPIPE)	/* a reader that stopped early: quiet */
			warn("write error");
		return EX_IOERR;
	}
	return 0;
}

void
out_free(struct out *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->nrow * o->ncol; i++)
		free(o->cells[i]);
	free(o->cells);
	for (size_t i = 0; i < o->ncol; i++)
		free(o->names[i]);
	free(o->names);
	free(o);
}

enum out_fmt
out_format(const struct out *o)
{
	return o->fmt;
}

void
out_json_string(FILE *f, const char *s)
{
	json_string(f, s);
}

long
out_json_rows(FILE *f, sqlite3_stmt *s, int one)
{
	size_t		 n = (size_t)sqlite3_column_count(s);
	struct val	*v = xcalloc(n, sizeof(*v));
	long		 rows = 0;
	int		 rc;

	if (!one)
		putc('[', f);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		row_vals(s, v, n);
		fputs(rows++ ? "," : "", f);
		putc('{', f);
		for (size_t i = 0; i < n; i++) {
			fputs(i ? "," : "", f);
			json_string(f, sqlite3_column_name(s, (int)i));
			putc(':', f);
			if (v[i].type == V_NULL)
				fputs("null", f);
			else if (v[i].type == V_NUM)
				fputs(v[i].s, f);
			else
				json_string(f, v[i].s);
		}
		putc('}', f);
		if (one)
			break;
	}
	if (one && rows == 0)
		fputs("null", f);
	if (!one)
		putc(']', f);
	free(v);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		warnx("%s", sqlite3_errmsg(sqlite3_db_handle(s)));
		sqlite3_reset(s);
		return -sqlite_exit(rc);
	}
	sqlite3_reset(s);
	return rows;
}

int
out_section(FILE *f, const char *title, sqlite3_stmt *s)
{
	int rc, n = 0;

	fprintf(f, "\n%s:\n", title);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n++;
		fputc(' ', f);
		for (int i = 0; i < sqlite3_column_count(s); i++)
			if (sqlite3_column_type(s, i) != SQLITE_NULL)
				fprintf(f, " %s", sqlite3_column_text(s, i));
		fputc('\n', f);
	}
	if (rc != SQLITE_DONE) {
		warnx("%s", sqlite3_errmsg(sqlite3_db_handle(s)));
		sqlite3_reset(s);
		return -sqlite_exit(rc);
	}
	sqlite3_reset(s);
	if (n == 0)
		fputs("  none\n", f);
	return 0;
}

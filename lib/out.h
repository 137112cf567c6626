/*
 * out - the one record writer: table (aligned, for terminals), tsv, csv
 * (RFC 4180) and json (one object per line).  Every listing goes through
 * here so the columns never depend on the format.
 */
#ifndef CLINIX_OUT_H
#define CLINIX_OUT_H

#include <stdio.h>
#include <sqlite3.h>

enum out_fmt { OUT_TABLE, OUT_TSV, OUT_CSV, OUT_JSON };

enum val_type { V_NULL, V_TEXT, V_NUM };
struct val {
	enum val_type	 type;
	const char	*s;		/* borrowed; NULL for V_NULL */
};

struct out;

int	 out_fmt_parse(const char *, enum out_fmt *);	/* 0 or -1 */
struct out *out_new(FILE *, enum out_fmt, int header);
void	 out_cols(struct out *, size_t n, const char *const names[]);
void	 out_row(struct out *, const struct val *);	/* n values */
void	 out_text_row(struct out *, const char *const vals[]);
/*
 * Print every row of a prepared statement, its column names as the header.
 * each, when set, sees every row before it is printed.  Returns the number
 * of rows, or minus a sysexits code when stepping failed.
 */
long	 out_stmt(struct out *, sqlite3_stmt *,
	    void (*each)(sqlite3_stmt *, void *), void *arg);
/* The same, printing only the rows keep returns nonzero for. */
long	 out_stmt_if(struct out *, sqlite3_stmt *,
	    int (*keep)(sqlite3_stmt *, void *), void *arg);
/* The format it writes: a command printing one document asks. */
enum out_fmt out_format(const struct out *);
/*
 * For a command whose -o json is one document of sections rather than a
 * record a line: a JSON string (bytes not UTF-8 become U+FFFD), and a
 * statement's rows as an array of objects named by its columns, or with
 * one, its first row as an object (null for none).  The row count, or
 * minus a sysexits code when stepping failed.
 */
void	 out_json_string(FILE *, const char *);
long	 out_json_rows(FILE *, sqlite3_stmt *, int one);
/*
 * A section of a one-screen show: "\ntitle:\n", then each row of s as
 * one indented line of its columns that are not NULL, or "  none".  0,
 * or minus a sysexits code when stepping failed.
 */
int	 out_section(FILE *, const char *title, sqlite3_stmt *s);
int	 out_end(struct out *);		/* flush: 0 or 74 */
void	 out_free(struct out *);

#endif

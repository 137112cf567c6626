/*
 * tap.h - a tiny Test Anything Protocol producer for the C unit tests.
 *
 * Each check prints "ok N - what" or "not ok N - what" on stdout, and a
 * failure adds "#" lines saying where and what was got and wanted.  The
 * plan "1..N" comes last, from done_testing(), whose value is the exit
 * status: 0 only if every check passed.  tests/run reads stdout and
 * stderr together and counts lines starting "ok" / "not ok"; the
 * library's warnings on stderr start with the program name, so they
 * can share the stream.
 *
 * Header-only and static: every test program is a single file.
 */
#ifndef CLINIX_TAP_H
#define CLINIX_TAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	tap_n;		/* checks run so far */
static int	tap_failed;	/* of which failed */

#define ok(cond, ...) \
	tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) \
	tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, \
	    __VA_ARGS__)
#define is_mem(got, want, n, ...) \
	tap_is_mem((got), (want), (n), __FILE__, __LINE__, __VA_ARGS__)

/* Print a string as a C literal, so a diagnostic stays on one line. */
static inline void
tap_quote(const char *s, size_t n)
{
	if (s == NULL) {
		fputs("NULL", stdout);
		return;
	}
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);	/* UTF-8 as is: readable */
	}
	putchar('"');
}

/* A "# " line for the reader; TAP consumers ignore it. */
static inline void __attribute__((format(printf, 1, 2)))
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static inline void
tap_vresult(int pass, const char *file, int line, const char *fmt,
    va_list ap)
{
	tap_n++;
	printf("%sok %d - ", pass ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	if (!pass) {
		tap_failed++;
		printf("#   Failed test at %s line %d.\n", file, line);
	}
	/* flushed at once: the library's warnings go to stderr in between */
	fflush(stdout);
}

static inline int __attribute__((format(printf, 4, 5)))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

static inline int __attribute__((format(printf, 5, 6)))
tap_is_str(const char *got, const char *want, const char *file, int line,
    const char *fmt, ...)
{
	va_list	ap;
	int	pass;

	/* two NULLs agree; a NULL never equals a string */
	pass = got == NULL || want == NULL ? got == want :
	    strcmp(got, want) == 0;
	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		fputs("#          got: ", stdout);
		tap_quote(got, got ? strlen(got) : 0);
		fputs("\n#     expected: ", stdout);
		tap_quote(want, want ? strlen(want) : 0);
		putchar('\n');
		fflush(stdout);
	}
	return pass;
}

static inline int __attribute__((format(printf, 5, 6)))
tap_is_int(long long got, long long want, const char *file, int line,
    const char *fmt, ...)
{
	va_list	ap;
	int	pass = got == want;

	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		printf("#          got: %lld\n#     expected: %lld\n", got,
		    want);
		fflush(stdout);
	}
	return pass;
}

/* Bytes that may hold NULs; the first difference is what one needs. */
static inline int __attribute__((format(printf, 6, 7)))
tap_is_mem(const void *got, const void *want, size_t n, const char *file,
    int line, const char *fmt, ...)
{
	const unsigned char	*g = got, *w = want;
	va_list			 ap;
	size_t			 i = 0;
	int			 pass;

	if (got != NULL && want != NULL)
		for (; i < n && g[i] == w[i]; i++)
			;
	pass = got != NULL && want != NULL && i == n;
	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass && got != NULL && want != NULL) {
		printf("#     first difference at byte %zu of %zu: "
		    "got 0x%02x, expected 0x%02x\n", i, n, g[i], w[i]);
		fflush(stdout);
	}
	return pass;
}

/* A check that cannot run here; tests/run counts "# skip" apart. */
static inline void __attribute__((format(printf, 1, 2)))
skip(const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("ok %d - # skip ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* The plan, last; the exit status for main(). */
static inline int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	if (tap_failed)
		printf("# Looks like you failed %d test%s of %d.\n",
		    tap_failed, tap_failed == 1 ? "" : "s", tap_n);
	fflush(stdout);
	return tap_failed != 0 || tap_n == 0;
}

/* mkdtemp(3) on the template dir: 0, or -1 after a failed check. */
static inline int
tap_mkdtemp(char *dir)
{
	if (mkdtemp(dir) != NULL)
		return 0;
	ok(0, "mkdtemp: %s", strerror(errno));
	return -1;
}

#endif

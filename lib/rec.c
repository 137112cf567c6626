/*
 * rec - typed ids and id lists.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "rec.h"
#include "util.h"

int
rec_id_parse(const char *s, const char *kind, long long *id)
{
	size_t	 n = strlen(kind);
	char	*end;

	if (strncmp(s, kind, n) != 0 || s[n] != '-' || s[n + 1] < '1' ||
	    s[n + 1] > '9')
		return -1;
	errno = 0;
	*id = strtoll(s + n + 1, &end, 10);
	return errno || *end != '\0' ? -1 : 0;
}

int
rec_is_id(const char *s)
{
	const char *dash = strchr(s, '-');

	if (dash == NULL || dash == s || dash - s > 8)
		return 0;
	for (const char *p = s; p < dash; p++)
		if (*p < 'a' || *p > 'z')
			return 0;
	if (dash[1] == '\0')
		return 0;
	for (const char *p = dash + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

static int
worse(int a, int b)
{
	if (a == 0)
		return b;
	if (b == 0 || a == b)
		return a;
	return a == EX_DATAERR ? b : a;	/* keep the more serious */
}

static int
each_stdin(int (*fn)(const char *, void *), void *arg, int *any)
{
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;
	int	 rc = 0, first = 1;

	while ((n = getline(&line, &cap, stdin)) != -1) {
		char *s = line + strspn(line, " \t");

		s[strcspn(s, "\t ,\r\n")] = '\0';
		if (*s == '#' || *s == '\0')
			continue;
		if (first && strcmp(s, "id") == 0) {	/* CSV header */
			first = 0;
			continue;
		}
		first = 0;
		*any = 1;
		rc = worse(rc, fn(s, arg));
		if (rc != 0 && rc != EX_DATAERR)
			break;
	}
	if (ferror(stdin)) {
		warn("stdin");
		rc = worse(rc, EX_IOERR);
	}
	free(line);
	return rc;
}

int
rec_each(int argc, char *argv[], int (*fn)(const char *, void *), void *arg)
{
	int rc = 0, any = 0;

	if (argc == 0 && isatty(STDIN_FILENO)) {
		warnx("no records given (name them, or pipe them in)");
		return EX_USAGE;
	}
	if (argc == 0 || (argc == 1 && strcmp(argv[0], "-") == 0)) {
		/* an empty pipe is no error: cron's upstream found nothing */
		return each_stdin(fn, arg, &any);
	}
	for (int i = 0; i < argc; i++) {
		rc = worse(rc, fn(argv[i], arg));
		if (rc != 0 && rc != EX_DATAERR)
			break;
	}
	return rc;
}

static void
idlist_flush(struct idlist *l)
{
	struct buf b = { l->s, l->len, l->cap };

	if (l->hi == 0)
		return;
	if (b.len)
		buf_addc(&b, ',');
	if (l->lo == l->hi)
		buf_printf(&b, "%lld", l->lo);
	else
		buf_printf(&b, "%lld-%lld", l->lo, l->hi);
	l->s = b.s;
	l->len = b.len;
	l->cap = b.cap;
	l->hi = 0;
}

void
idlist_add(struct idlist *l, long long id)
{
	l->n++;
	if (l->hi != 0 && id == l->hi + 1) {
		l->hi = id;
		return;
	}
	idlist_flush(l);
	l->lo = l->hi = id;
}

const char *
idlist_str(struct idlist *l)
{
	idlist_flush(l);
	return l->s ? l->s : "";
}

void
idlist_free(struct idlist *l)
{
	free(l->s);
	memset(l, 0, sizeof(*l));
}

int
idlist_print(struct idlist *l, const char *kind, FILE *f)
{
	const char	*s = idlist_str(l);
	long long	 lo, hi;
	int		 n;

	while (*s && sscanf(s, "%lld%n", &lo, &n) == 1) {
		s += n;
		hi = lo;
		if (*s == '-' && sscanf(s + 1, "%lld%n", &hi, &n) == 1)
			s += 1 + n;
		for (long long id = lo; id <= hi; id++)
			fprintf(f, "%s-%lld\n", kind, id);
		if (*s == ',')
			s++;
	}
	return ferror(f) ? EX_IOERR : 0;
}

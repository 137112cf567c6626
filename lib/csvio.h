/*
 * csvio - reading RFC 4180 CSV files record by record through libcsv,
 * with the line each record starts on, so errors can say file:line.
 * Lines end in LF, CRLF or a bare CR (old Mac files).
 * Rejects NUL bytes, invalid UTF-8 and unterminated quotes (65).
 */
#ifndef CLINIX_CSVIO_H
#define CLINIX_CSVIO_H

#include <stddef.h>

struct csvin;

struct csvrec {
	size_t	 n;		/* fields */
	char	**f;		/* borrowed until the next csvin_next */
	size_t	 line;		/* line the record starts on, from 1 */
};

int	 csvin_open(struct csvin **out, const char *path);	/* "-": stdin */
/* 1 and a record, 0 at the end, or a sysexits code after a diagnostic. */
int	 csvin_next(struct csvin *, struct csvrec *);
const char *csvin_name(const struct csvin *);
void	 csvin_close(struct csvin *);

#endif

/*
 * import - the frame of a bulk import from a file (or "-" for stdin): CSV
 * with a header line, or JSON lines as -o json writes them (a file that
 * starts with '{').  It reads the records, counts them and the bad ones,
 * says file:line: field: why, and shows progress on a terminal; what a
 * header and a record mean, and the transaction, are the caller's.
 */
#ifndef CLINIX_IMPORT_H
#define CLINIX_IMPORT_H

#include <stddef.h>

struct csvin;

struct importer {
	int		 keep;		/* --keep-going: bad rows do not fail */
	const char	*name;		/* the file, for messages */
	long long	 rows, bad;

	struct csvin	*in;		/* the frame's own */
	const char	*path;
};

/*
 * What the caller does with what is read; arg is import_run's.  A bad
 * row is reported with import_bad and is no error: nonzero returns
 * (sysexits) stop the run.
 */
struct import_ops {
	/* CSV: the header line's names.  0, or 65 after saying why. */
	int	(*header)(struct importer *, char *const *names, size_t n,
		    size_t line, void *arg);
	/* CSV: one row after the header. */
	int	(*row)(struct importer *, char *const *values, size_t n,
		    size_t line, void *arg);
	/* JSON lines: one key of the record; nonzero ends the line bad. */
	int	(*field)(const char *key, const char *value, size_t line,
		    void *arg);
	/* JSON lines: the line's record, read whole (ok) or not. */
	int	(*end)(struct importer *, int ok, size_t line, void *arg);
};

/* Open path ("-": stdin): 0, or 66 saying why. */
int	 import_open(struct importer *, const char *path);
/* Every record: 0, 65 when a row was bad (unless keep), or sysexits. */
int	 import_run(struct importer *, const struct import_ops *, void *arg);
/* Report a bad row, "file:line: field: why", and count it. */
void	 import_bad(struct importer *, size_t line, const char *field,
	    const char *why);
void	 import_close(struct importer *);

#endif

/*
 * codelist - a CSV list of codes and their descriptions (`code import
 * cpt` and `carc`): read and checked whole before anything is written,
 * so a bad line leaves the table as it was, then upserted inside the
 * caller's write transaction.  The lists are small (CARC about a hundred
 * codes, a licensed CPT file about 11,000), so holding one costs little.
 */
#ifndef CLINIX_CODELIST_H
#define CLINIX_CODELIST_H

#include "db.h"

struct csvrec;

/* A description's bytes at most: the schema's CHECKs say so too. */
#define CODELIST_DESC_MAX	2000

struct codelist_row {
	char		 code[8];
	const char	*desc;		/* borrowed from the record */
};

/* What sets one list apart from another. */
struct codelist {
	const struct query *upsert;	/* ?1 code, ?2 description */
	/*
	 * Line 1 (name: the file's, for messages): 1 when it is a header
	 * (taken), 0 when it is a record, or a sysexits code after a
	 * message.  NULL: line 1 is a record like any other.
	 */
	int		(*header)(void *arg, const struct csvrec *,
			    const char *name);
	/*
	 * A record's problem, with *field naming where it is, or NULL with
	 * r filled in (or *skip set for a record that is not to be loaded).
	 */
	const char	*(*check)(void *arg, const struct csvrec *,
			    struct codelist_row *r, const char **field,
			    int *skip);
	const char	*none;		/* said when no record loads, or NULL */
	void		*arg;
};

/*
 * Every bad line is reported as "file:line: field: reason" (the first
 * few, then a count) and nothing is loaded.  *n gets the rows loaded.
 * 0, 65, or 66/74 when the file cannot be read.
 */
int	 codelist_import(struct db *, const struct codelist *,
	    const char *path, long *n);

#endif

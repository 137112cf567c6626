/*
 * apptimport - appointments from another calendar's CSV: the header
 * names the columns, each row is checked as `sched book` would check it
 * (the past may name anyone, the future only whom we could book) and
 * inserted under the same triggers, and a clash with an earlier row of
 * the same file names that row's line.  The caller holds the write
 * transaction and its audit row.
 */
#ifndef CLINIX_APPTIMPORT_H
#define CLINIX_APPTIMPORT_H

#include <time.h>

#include "rec.h"

struct csvin;
struct csvrec;
struct db;

enum apt_col { C_PATIENT, C_PROVIDER, C_START, C_END, C_LENGTH, C_TYPE,
    C_RESOURCE, C_STATUS, C_NOTE, C_MAX };

struct appt_import {
	struct db	*db;
	const char	*name;		/* the file, for messages */
	const char	*login;
	time_t		 now;
	int		 col[C_MAX];	/* field index, or -1 */
	long long	 rows, bad;
	struct idlist	 ids;		/* the appointments made */
	char		 prv_key[64];	/* the last provider looked up */
	long long	 prv_id;
	int		 prv_active;
	long long	 first;		/* ids from here on are this file's */
	size_t		*lines;		/* their lines, by id - first */
	size_t		 nlines;
};

/* Start an import of the file name into db. */
void	 appt_import_init(struct appt_import *, struct db *, const char *name,
	    const char *login, time_t now);
/* Read the header: 0, or 65 said (empty, an unknown or missing column). */
int	 appt_import_head(struct appt_import *, struct csvin *);
/*
 * Every row after it, each bad one said and counted in bad: 0, or the
 * first failure that is not the row's.  progress: a count on stderr.
 */
int	 appt_import_rows(struct appt_import *, struct csvin *, int progress);
void	 appt_import_free(struct appt_import *);

#endif

/*
 * patrun - patient's writes once their options are read: add, edit and
 * import, each in one transaction with its audit row (an import all or
 * nothing), and the tail every write of cmd/patient.c shares.  What is
 * wrong is said (warnx) and comes back as a sysexits code.  cmd/patient.c
 * reads the command line and prints listings; the record's rules are
 * lib/patient.c's.
 */
#ifndef CLINIX_PATRUN_H
#define CLINIX_PATRUN_H

#include <stddef.h>

struct app;
struct pat_import;

/* The clinic's country, for national phone numbers: clinic.country, US. */
const char *patrun_country(const struct app *);

/*
 * The end of a write: when rc is 0, its audit row for patient (0: none)
 * naming rec, the commit, and print (NULL: rec) on stdout.  Anything
 * failed rolls back; returns rc, or the code of what failed.
 */
int	 patrun_finish(struct app *, int rc, long long patient,
	    const char *rec, const char *detail, const char *print);

/* What add and edit were given: fields in order, --from, --force. */
struct pat_given {
	struct {
		int		 field;
		const char	*value;		/* borrowed from argv */
	}		*v;			/* owned */
	size_t		 n;
	const char	*from;			/* add --from FILE, or NULL */
	int		 force;
};

/* patient add: a new patient of --from and the fields, its id printed. */
int	 patrun_add(struct app *, const struct pat_given *);
/* patient edit: the fields given over the patient key names. */
int	 patrun_edit(struct app *, const char *key, const struct pat_given *);
/*
 * patient import of path, options set in im: open, check and write every
 * row, audit the run and commit.  On 0 im->ids holds what was added or
 * changed, for the caller to print; nothing is written otherwise.
 */
int	 patrun_import(struct app *, struct pat_import *, const char *path);

#endif

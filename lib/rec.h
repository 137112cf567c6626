/*
 * rec - typed record ids ("pat-12") and reading lists of them from the
 * command line or from stdin, the way every stage of a pipe hands them on.
 */
#ifndef CLINIX_REC_H
#define CLINIX_REC_H

#include <stdio.h>

/* "pat-12" with kind "pat" -> 12.  0, or -1 if not an id of that kind. */
int	 rec_id_parse(const char *s, const char *kind, long long *id);
/* Is s shaped like any typed id ("xyz-12")? */
int	 rec_is_id(const char *s);

/*
 * Call fn for each id-or-key: argv when it holds any (a lone "-" means
 * stdin), else stdin when it is not a terminal, taking the first field of
 * each line and skipping '#' lines and a CSV header line starting "id".
 * fn returns 0 or a sysexits code; the run goes on after 65 (bad record),
 * stops on anything else.  Returns the worst code; 64 for no ids on a tty.
 */
int	 rec_each(int argc, char *argv[], int (*fn)(const char *, void *),
	    void *arg);

/*
 * A list of row ids for an audit row, as ranges: "1-5,9,12-20".  Bulk
 * reads record one row per command naming every patient this way.
 */
struct idlist {
	char		*s;		/* owned */
	size_t		 len, cap;
	long long	 lo, hi;	/* the open range; hi 0 when none */
	long long	 n;		/* ids added */
};
void	 idlist_add(struct idlist *, long long);
const char *idlist_str(struct idlist *);	/* borrowed; "" for none */
void	 idlist_free(struct idlist *);
/* Print "kind-N" lines for every id in the list; 0 or 74. */
int	 idlist_print(struct idlist *, const char *kind, FILE *);

#endif

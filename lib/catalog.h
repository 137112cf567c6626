/*
 * catalog - the drug catalog, the allergy groups and the CVX vaccine
 * codes: reading their CSV files (the columns of shared/data's drugs.csv,
 * allergy-groups.csv and cvx.csv), loading them into the drug,
 * drug_cross, allergy_group and cvx tables, the starter catalog of
 * share/catalog/, and finding what a clinician typed: an ingredient by
 * name or RxCUI, a group by name, or the names close to a typo.
 */
#ifndef CLINIX_CATALOG_H
#define CLINIX_CATALOG_H

#include <stddef.h>

struct db;
struct buf;
struct catalog;

enum catkind { CAT_DRUGS, CAT_GROUPS, CAT_CVX };

const char *catalog_kind_name(enum catkind);	/* "allergy-groups" */
int	 catalog_kind_parse(const char *, enum catkind *);	/* 0 or -1 */

/*
 * Read and check a whole file (path "-": stdin).  Every bad line is
 * reported as "file:line: field: reason"; then it returns 65 and no
 * catalog.  0, 65, or 66/74 when the file cannot be read.
 */
int	 catalog_read(struct catalog **out, enum catkind, const char *path);
void	 catalog_free(struct catalog *);

struct catalog_stats {
	long	 total;		/* rows in the file */
	long	 added;		/* not in the table before */
	long	 changed;	/* there, and changed (or listed again) */
	long	 retired;	/* in the table, not in the file */
};

/*
 * Load a checked file as import `label` inside the caller's write
 * transaction; rows the file no longer lists are marked retired in it.
 * Loading the same file twice changes nothing.  A drug naming an allergy
 * group the table lacks is a bad line (file:line, 65): groups come first.
 * 0 or a sysexits code.
 */
int	 catalog_apply(struct db *, const struct catalog *, const char *label,
	    struct catalog_stats *);

/*
 * Load share/catalog/{allergy-groups,drugs,cvx}.csv as import "starter",
 * in a transaction of its own: `clinix init` calls it.  0 or sysexits.
 */
int	 catalog_load_starter(struct db *);

/* What a drug allergy's substance was matched to. */
enum catmatch { CATMATCH_NONE, CATMATCH_DRUG, CATMATCH_GROUP };

struct catalog_hit {
	enum catmatch	 kind;
	long long	 drug;		/* CATMATCH_DRUG: drug.id */
	char		 name[128];	/* the catalog's own spelling */
};

/*
 * A substance as typed, matched to a current catalog ingredient (by name,
 * any case, or by RxCUI) or allergy group (by name).  0 with hit->kind
 * CATMATCH_NONE when nothing matches; else a sysexits code.
 */
int	 catalog_match(struct db *, const char *typed, struct catalog_hit *);

/*
 * The current ingredient and group names close to typed, best first,
 * comma-separated into out ("ampicillin, amoxicillin"); nothing is added
 * when none is close.  0 or a sysexits code.
 */
int	 catalog_close(struct db *, const char *typed, struct buf *out);

/*
 * The pure part of it: the indexes into names[] (at most max of them, in
 * out[]) of the names close to typed, best first.  Close is a name that
 * typed (3 or more characters) begins, or an edit distance within a third
 * of typed's length (at least 1, at most 3); ranked by that distance,
 * prefixes first, then by name.
 */
size_t	 catalog_suggest(const char *typed, const char *const names[],
	    size_t n, size_t out[], size_t max);
/* Levenshtein distance, ASCII letters compared without case. */
size_t	 catalog_distance(const char *a, const char *b);

/*
 * A CVX code as typed ("3" or "03") in the cvx table: its stored form
 * into code and its non_vaccine flag.  0, 1 when there is no such code,
 * 64 when typed cannot be one, or a sysexits code.
 */
int	 catalog_cvx(struct db *, const char *typed, char code[4],
	    int *non_vaccine);

#endif

/*
 * codeset - the ICD-10-CM and HCPCS Level II code sets: reading the files
 * they are published in (CSV with a header row, or the CMS/CDC fixed-width
 * ICD-10-CM order file), loading them into the code table, and looking a
 * code up the way charts and claims need.
 */
#ifndef CLINIX_CODESET_H
#define CLINIX_CODESET_H

#include <sqlite3.h>
#include <stddef.h>

struct db;
struct codeset;

enum codesys { CODESYS_ICD10CM, CODESYS_HCPCS };

#define CODESET_CODE_MAX	7	/* ICD-10-CM W10.0XXA, undotted */
#define CODESET_LABEL_MAX	40

const char *codeset_sys_name(enum codesys);		/* "icd10cm" */
int	 codeset_sys_parse(const char *, enum codesys *);	/* 0 or -1 */

/*
 * A code as people type it ("e11.9", "E119", "gt") as stored: upper case,
 * no dot.  0, or -1 if it cannot be a code of any system.
 */
int	 codeset_norm(const char *in, char out[CODESET_CODE_MAX + 1]);
/* The display form: "E11.9" for ICD-10-CM, the code itself otherwise. */
void	 codeset_dotted(enum codesys, const char *code,
	    char out[CODESET_CODE_MAX + 2]);
/* The same in SQL, for a column holding ICD-10-CM codes (no AS). */
#define CODESET_ICD_DOTTED(col) \
	"CASE WHEN length(" col ") > 3 THEN substr(" col ", 1, 3) || '.' ||" \
	" substr(" col ", 4) ELSE " col " END"
/* Why a stored-form code cannot be one of the system's, or NULL. */
const char *codeset_bad_code(enum codesys, const char *code, int modifier);

/*
 * Read and check a whole file.  The format is told by its first byte: a
 * digit starts an order file (ICD-10-CM only), anything else a CSV whose
 * header row names the columns.  Every bad line is reported as
 * "file:line: field: reason"; then it returns 65 and no codeset.  path "-"
 * reads standard input.  0, 65, or 66/74 when the file cannot be read.
 */
int	 codeset_read(struct codeset **out, enum codesys, const char *path);
size_t	 codeset_count(const struct codeset *);
void	 codeset_free(struct codeset *);

/* What codeset_apply did, for the summary and the audit row. */
struct codeset_stats {
	long	 total;		/* codes in the file */
	long	 added;		/* not in the table before */
	long	 retired;	/* in the table, not in the file */
	long	 back;		/* retired before, listed again */
};

/*
 * Load a checked code set as import `label` inside the caller's write
 * transaction: insert new codes, update titles, mark codes this import
 * does not list as retired in it, and un-retire codes it lists again.
 * Loading the same file twice under one label changes nothing.  progress
 * shows a count on stderr.  0 or a sysexits code.
 */
int	 codeset_apply(struct db *, const struct codeset *, const char *label,
	    int progress, struct codeset_stats *);

/*
 * A label for an import from the file's name: "FY2025" when the name says
 * FY2025, else the first year in it ("2025"), else today (2026-11-27).
 * Owned.
 */
char	*codeset_label_guess(const char *path);
/* Why a label is unacceptable, or NULL. */
const char *codeset_bad_label(const char *);

/*
 * Load the starter sets (share/codes/icd10cm-starter.csv, hcpcs-starter.csv)
 * as import "starter", in a transaction of its own, with no user or audit
 * row: `clinix init` calls it on the new database.  0 or a sysexits code.
 */
int	 codeset_load_starter(struct db *);

enum code_status { CODE_OK, CODE_UNKNOWN, CODE_NOT_BILLABLE, CODE_RETIRED };

struct code_info {
	enum code_status status;
	enum codesys	 sys;			/* when not CODE_UNKNOWN */
	char		 code[CODESET_CODE_MAX + 1];	/* stored form */
	char		 retired_in[CODESET_LABEL_MAX + 1];
	int		 modifier;		/* a HCPCS modifier */
};

/*
 * Look up a code as typed, in one system or (sys < 0) both, preferring a
 * good row when both have it (654 undotted ICD-10-CM codes, such as A5051,
 * are also HCPCS codes); a dotted code is ICD-10-CM only.  0 and info
 * filled in, or a sysexits code when the database fails.  A code that
 * cannot exist is CODE_UNKNOWN.
 */
int	 codeset_lookup(struct db *, int sys, const char *code,
	    struct code_info *info);
const char *code_status_name(enum code_status);	/* "not billable" */

/*
 * The FTS5 query (for codeset_search) that finds every word of text as
 * the start of a word of a code or its titles: `type 2 diab` becomes
 * `"type"* "2"* "diab"*`.  A word shaped like a dotted code (E11.9) is
 * undotted first, to match the code column.  NULL when text holds no
 * letters or digits.  Owned.
 */
char	*codeset_fts_query(const char *text);
/*
 * The codes matching such a query, for out_stmt: code (dotted), system,
 * title, billable, retired_in.  sys < 0 for both; billable only billable
 * codes; retired retired ones too; limit <= 0 for all.
 */
sqlite3_stmt *codeset_search(struct db *, const char *query, int sys,
	    int billable, int retired, long long limit);

/*
 * What code show looks up for a code as typed: its stored form in out and
 * the system (*sys, < 0 for both; a dot makes it ICD-10-CM).  0, or -1
 * when no system can have it.
 */
int	 codeset_show_key(int *sys, const char *code,
	    char out[CODESET_CODE_MAX + 1]);
/* Its rows for out_stmt: code, system, title, long_title, billable, ... */
sqlite3_stmt *codeset_show(struct db *, int sys, const char *code);

#endif

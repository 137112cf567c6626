/*
 * procedure - an encounter's procedure lines (charge capture): a CPT or
 * HCPCS Level II code, up to four modifiers, units, and up to four
 * pointers at the encounter's diagnoses by position.  Parsing what was
 * typed, checking it against the code table and the encounter, adding,
 * listing and removing lines (prc-N).  Owns encounter_proc's statements.
 */
#ifndef CLINIX_PROCEDURE_H
#define CLINIX_PROCEDURE_H

#include "db.h"

#define PROC_MODS_MAX	4
#define PROC_PTRS_MAX	4
#define PROC_UNITS_MAX	999

extern const struct query procedure_queries[];

enum proc_sys { PROC_CPT, PROC_HCPCS };

/* A line as given, parsed. */
struct proc_line {
	enum proc_sys	 sys;
	char		 code[6];		/* upper case */
	char		 mods[PROC_MODS_MAX][3];
	int		 nmods;
	int		 units;
	int		 dx[PROC_PTRS_MAX];	/* diagnosis positions */
	int		 ndx;
};

/*
 * The parsers of what was typed: 0, or 64 (cannot be read at all) or 65
 * (read, but out of bounds) with *why saying so (static text).
 */
/* A CPT (4 digits + digit|F|T|U) or HCPCS (A-V + 4 digits) code; 65. */
int	 proc_code_parse(const char *, struct proc_line *, const char **why);
/* "25" or "25,59": two letters or digits each, at most four, no repeat. */
int	 proc_mods_parse(const char *, struct proc_line *, const char **why);
/* 1..999. */
int	 proc_units_parse(const char *, struct proc_line *, const char **why);
/* "1" or "1,2": positions 1..12, at most four, no repeat. */
int	 proc_ptrs_parse(const char *, struct proc_line *, const char **why);
/* "1,2" for the dx column; out holds at least 12 bytes. */
void	 proc_ptrs_str(const int *dx, int n, char out[12]);

/*
 * Check a parsed line against the code table (HCPCS codes and letter
 * modifiers must be there) and the encounter (every pointer must name
 * one of its ndx diagnoses; none given is the first), then add it as
 * login.  Inside the caller's transaction.  0 with *id, or 65 after
 * saying why, or a sysexits code.
 */
int	 proc_add(struct db *, long long enc, int ndx, struct proc_line *,
	    const char *login, long long *id);
/* The encounter's lines: id, code, system, mods, units, dx, title. */
sqlite3_stmt *proc_list(struct db *, long long enc);
/* Remove line id of enc: 0, or 65 when enc has no such line. */
int	 proc_remove(struct db *, long long enc, long long id);

/*
 * Diagnosis pos of enc is going away: refuse (65, naming the line) when
 * a line points at it, else move pointers past it one down.  0, 65 or a
 * sysexits code.
 */
int	 proc_dx_removed(struct db *, long long enc, int pos);

#endif

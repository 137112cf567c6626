/*
 * procedure - see procedure.h.  CPT codes are checked by shape alone
 * (their descriptions are licensed; cpt_code has the clinic's own when
 * it imported them); HCPCS codes and letter modifiers must be in code.
 * Two-digit modifiers are CPT's (25, 59) and, like CPT codes, are taken
 * when well-formed.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "codeset.h"
#include "cpt.h"
#include "procedure.h"
#include "util.h"

#define DX_MAX	12	/* a claim's diagnosis pointers: 1 to 12 */

enum { Q_ADD, Q_LIST, Q_REMOVE, Q_LINES, Q_SET_DX };

const struct query procedure_queries[] = {
	[Q_ADD] = { "procedure.add",
	    "INSERT INTO encounter_proc (encounter_id, system, code, mods,"
	    " units, dx, created_at, created_by) VALUES (:enc, :system, :code,"
	    " :mods, :units, :dx, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
	    " :login)" },
	[Q_LIST] = { "procedure.list",
	    "SELECT 'prc-' || p.id AS id, p.code, p.system, p.mods, p.units,"
	    " p.dx, coalesce(c.title, t.description) AS title"
	    " FROM encounter_proc p"
	    " LEFT JOIN code c ON p.system = 'hcpcs' AND c.system = 'hcpcs'"
	    " AND c.code = p.code"
	    " LEFT JOIN cpt_code t ON p.system = 'cpt' AND t.code = p.code"
	    " WHERE p.encounter_id = ?1 ORDER BY p.id" },
	[Q_REMOVE] = { "procedure.remove",
	    "DELETE FROM encounter_proc WHERE id = ?1 AND encounter_id = ?2" },
	[Q_LINES] = { "procedure.lines",
	    "SELECT id, dx FROM encounter_proc WHERE encounter_id = ?1"
	    " ORDER BY id" },
	[Q_SET_DX] = { "procedure.set_dx",
	    "UPDATE encounter_proc SET dx = ?2 WHERE id = ?1" },
	{ NULL, NULL }
};

int
proc_code_parse(const char *s, struct proc_line *l, const char **why)
{
	size_t	 len = strlen(s);
	int	 digits = 1;

	*why = "not a CPT code (4 digits and a digit, F, T or U) nor a "
	    "HCPCS code (a letter A-V and 4 digits)";
	if (len != 5)
		return EX_DATAERR;
	for (size_t i = 0; i < len; i++)
		l->code[i] = (char)toupper((unsigned char)s[i]);
	l->code[len] = '\0';
	if (cpt_shape(l->code)) {
		l->sys = PROC_CPT;
		return 0;
	}
	for (int i = 1; i < 5; i++)
		digits &= isdigit((unsigned char)l->code[i]) != 0;
	if (digits && l->code[0] >= 'A' && l->code[0] <= 'V') {
		l->sys = PROC_HCPCS;
		return 0;
	}
	return EX_DATAERR;
}

/*
 * Split s at commas into at most max items of at most width bytes each
 * (into items, NUL-terminated): the count, or -1 when an item is empty
 * or too long, or -2 when there are more than max.
 */
static int
split(const char *s, char items[][4], int max, size_t width)
{
	int n = 0;

	for (const char *p = s;; p++) {
		const char	*e = strchr(p, ',');
		size_t		 len = e ? (size_t)(e - p) : strlen(p);

		if (len == 0 || len > width)
			return -1;
		if (n == max)
			return -2;
		memcpy(items[n], p, len);
		items[n++][len] = '\0';
		if (e == NULL)
			return n;
		p = e;
	}
}

int
proc_mods_parse(const char *s, struct proc_line *l, const char **why)
{
	char	 it[PROC_MODS_MAX][4];
	int	 n = split(s, it, PROC_MODS_MAX, 2);

	*why = "modifiers are two letters or digits, separated by commas";
	if (n == -2) {
		*why = "at most 4 modifiers";
		return EX_DATAERR;
	}
	if (n < 0)
		return EX_USAGE;
	for (int i = 0; i < n; i++) {
		if (strlen(it[i]) != 2 || !isalnum((unsigned char)it[i][0]) ||
		    !isalnum((unsigned char)it[i][1]))
			return EX_USAGE;
		for (int j = 0; j < 2; j++)
			l->mods[i][j] = (char)toupper((unsigned char)it[i][j]);
		l->mods[i][2] = '\0';
		for (int j = 0; j < i; j++)
			if (strcmp(l->mods[j], l->mods[i]) == 0) {
				*why = "a modifier given twice";
				return EX_DATAERR;
			}
	}
	l->nmods = n;
	return 0;
}

/* A number of at most 3 digits, in lo..hi. */
static int
number(const char *s, int lo, int hi, int *out, const char **why)
{
	char		*end;
	long		 v;

	if (!isdigit((unsigned char)*s))
		return EX_USAGE;
	v = strtol(s, &end, 10);
	if (*end != '\0')
		return EX_USAGE;
	if (v < lo || v > hi || strlen(s) > 3)
		return EX_DATAERR;
	*out = (int)v;
	*why = NULL;
	return 0;
}

int
proc_units_parse(const char *s, struct proc_line *l, const char **why)
{
	int rc = number(s, 1, PROC_UNITS_MAX, &l->units, why);

	if (rc == EX_USAGE)
		*why = "units are a whole number";
	else if (rc == EX_DATAERR)
		*why = "units are 1 to 999";
	return rc;
}

int
proc_ptrs_parse(const char *s, struct proc_line *l, const char **why)
{
	char	 it[PROC_PTRS_MAX][4];
	int	 n = split(s, it, PROC_PTRS_MAX, 3), rc;

	*why = "diagnosis pointers are positions, separated by commas";
	if (n == -2) {
		*why = "at most 4 diagnosis pointers a line";
		return EX_DATAERR;
	}
	if (n < 0)
		return EX_USAGE;
	for (int i = 0; i < n; i++) {
		if ((rc = number(it[i], 1, DX_MAX, &l->dx[i], why)) != 0) {
			*why = rc == EX_USAGE ? "diagnosis pointers are "
			    "positions, separated by commas" :
			    "diagnosis pointers are 1 to 12";
			return rc;
		}
		for (int j = 0; j < i; j++)
			if (l->dx[j] == l->dx[i]) {
				*why = "a diagnosis pointer given twice";
				return EX_DATAERR;
			}
	}
	l->ndx = n;
	return 0;
}

void
proc_ptrs_str(const int *dx, int n, char out[12])
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < n && len < 12; i++)
		len += (size_t)snprintf(out + len, 12 - len, "%s%d",
		    i ? "," : "", dx[i]);
}

/* A HCPCS code (or modifier, when mod) the code table has: 0, 65, ... */
static int
in_table(struct db *db, const char *code, int mod)
{
	struct code_info	 ci;
	const char		*what = mod ? "modifier" : "HCPCS code";
	int			 rc;

	if ((rc = codeset_lookup(db, CODESYS_HCPCS, code, &ci)) != 0)
		return rc;
	if (ci.status == CODE_UNKNOWN || ci.modifier != mod) {
		warnx("unknown %s '%s'", what, code);
		return EX_DATAERR;
	}
	if (ci.status == CODE_RETIRED) {
		warnx("%s '%s' was retired in %s", what, code, ci.retired_in);
		return EX_DATAERR;
	}
	return 0;
}

int
proc_add(struct db *db, long long enc, int ndx, struct proc_line *l,
    const char *login, long long *id)
{
	sqlite3_stmt	*s;
	char		 mods[PROC_MODS_MAX * 3], dx[12];
	size_t		 len = 0;
	int		 rc;

	if (l->sys == PROC_HCPCS && (rc = in_table(db, l->code, 0)) != 0)
		return rc;
	mods[0] = '\0';
	for (int i = 0; i < l->nmods; i++) {
		/* two digits are CPT's modifiers: well-formed will do */
		if (!(isdigit((unsigned char)l->mods[i][0]) &&
		    isdigit((unsigned char)l->mods[i][1])) &&
		    (rc = in_table(db, l->mods[i], 1)) != 0)
			return rc;
		len += (size_t)snprintf(mods + len, sizeof(mods) - len, "%s%s",
		    i ? "," : "", l->mods[i]);
	}
	if (ndx == 0) {
		warnx("enc-%lld has no diagnosis yet: add one first (chart dx "
		    "add)", enc);
		return EX_DATAERR;
	}
	if (l->ndx == 0)
		l->dx[l->ndx++] = 1;	/* the first diagnosis */
	for (int i = 0; i < l->ndx; i++)
		if (l->dx[i] > ndx) {
			warnx("--dx %d: enc-%lld has %d diagnos%s", l->dx[i],
			    enc, ndx, ndx == 1 ? "is" : "es");
			return EX_DATAERR;
		}
	proc_ptrs_str(l->dx, l->ndx, dx);
	s = db_query(db, &procedure_queries[Q_ADD]);
	db_bind_int(s, ":enc", enc);
	db_bind_text(s, ":system", l->sys == PROC_CPT ? "cpt" : "hcpcs");
	db_bind_text(s, ":code", l->code);
	db_bind_text(s, ":mods", l->nmods ? mods : NULL);
	db_bind_int(s, ":units", l->units ? l->units : 1);
	db_bind_text(s, ":dx", dx);
	db_bind_text(s, ":login", login);
	return db_insert(db, s, id);
}

sqlite3_stmt *
proc_list(struct db *db, long long enc)
{
	return db_query_id(db, &procedure_queries[Q_LIST], enc);
}

int
proc_remove(struct db *db, long long enc, long long id)
{
	sqlite3_stmt	*s = db_query(db, &procedure_queries[Q_REMOVE]);
	int		 rc;

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, enc);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	if (sqlite3_changes(db_handle(db)) == 0) {
		warnx("enc-%lld has no procedure line 'prc-%lld'", enc, id);
		return EX_DATAERR;
	}
	return 0;
}

/* A line whose pointers must move, and their new text. */
struct moved {
	long long	 id;
	char		 dx[12];
};

int
proc_dx_removed(struct db *db, long long enc, int pos)
{
	sqlite3_stmt	*s = db_query_id(db, &procedure_queries[Q_LINES], enc);
	struct moved	*mv = NULL;
	struct proc_line l;
	const char	*why;
	size_t		 n = 0, cap = 0;
	int		 rc, moves;

	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(s, 0);

		if (proc_ptrs_parse((const char *)sqlite3_column_text(s, 1),
		    &l, &why) != 0) {
			warnx("prc-%lld: bad diagnosis pointers: %s", id, why);
			rc = EX_SOFTWARE;
			break;
		}
		moves = 0;
		for (int i = 0; i < l.ndx; i++) {
			if (l.dx[i] == pos) {
				warnx("prc-%lld points at diagnosis %d: remove "
				    "that line first (chart proc remove)", id,
				    pos);
				rc = EX_DATAERR;
				goto out;
			}
			if (l.dx[i] > pos) {
				l.dx[i]--;
				moves = 1;
			}
		}
		if (!moves)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			mv = xrealloc(mv, cap * sizeof(*mv));
		}
		mv[n].id = id;
		proc_ptrs_str(l.dx, l.ndx, mv[n++].dx);
	}
out:
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(mv);
		return rc;
	}
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		s = db_query(db, &procedure_queries[Q_SET_DX]);
		sqlite3_bind_int64(s, 1, mv[i].id);
		sqlite3_bind_text(s, 2, mv[i].dx, -1, SQLITE_TRANSIENT);
		rc = db_exec(db, s);
	}
	free(mv);
	return rc;
}

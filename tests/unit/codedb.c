/*
 * codedb - lib/codeset's statements against a migrated database: an
 * import applied, then applied again changing nothing, a smaller one
 * retiring what it leaves out; lookup, show and search as code(1) runs
 * them.  (tests/unit/codeset checks reading files without a database.)
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "codeset.h"
#include "tempdb.h"

static struct tempdb t;

/* Write a CSV beside the database, read it and apply it as label. */
static int
load(const char *csv, const char *label, struct codeset_stats *st)
{
	struct codeset	*cs = NULL;
	char		*path = xasprintf("%s/codes.csv", t.dir);
	FILE		*f = fopen(path, "w");
	int		 rc;

	fputs(csv, f);
	fclose(f);
	if ((rc = codeset_read(&cs, CODESYS_ICD10CM, path)) == 0 &&
	    (rc = db_begin(t.db)) == 0) {
		if ((rc = codeset_apply(t.db, cs, label, 0, st)) == 0)
			rc = db_commit(t.db);
		else
			db_rollback(t.db);
	}
	codeset_free(cs);
	unlink(path);
	free(path);
	return rc;
}

/* The first column of every row, comma-joined. */
#define col0	tempdb_col0

int
main(void)
{
	static const char two[] =
	    "code,code_dotted,short_description,billable\n"
	    "E119,E11.9,Type 2 diabetes mellitus without complications,1\n"
	    "E11,E11,Type 2 diabetes mellitus,0\n"
	    "J45909,J45.909,Unspecified asthma uncomplicated,1\n";
	static const char one[] =
	    "code,code_dotted,short_description,billable\n"
	    "E119,E11.9,Type 2 diabetes mellitus without complications,1\n";
	struct codeset_stats	 st;
	struct code_info	 ci;
	char			 c[CODESET_CODE_MAX + 1], *q;
	int			 sys;

	if (tempdb_open(&t) != 0) {
		tempdb_close(&t);
		return done_testing();
	}
	is_int(load(two, "2025", &st), 0, "apply a set of three");
	ok(st.total == 3 && st.added == 3 && st.retired == 0,
	    "three new (%ld %ld %ld)", st.total, st.added, st.retired);
	is_int(load(two, "2025", &st), 0, "apply it again");
	ok(st.added == 0 && st.retired == 0 && st.back == 0,
	    "which changes nothing");

	is_int(codeset_lookup(t.db, -1, "e11.9", &ci), 0, "look up e11.9");
	ok(ci.status == CODE_OK && ci.sys == CODESYS_ICD10CM, "billable ICD");
	is_int(codeset_lookup(t.db, -1, "E11", &ci), 0, "look up E11");
	is_int(ci.status, CODE_NOT_BILLABLE, "a category is not billable");
	is_int(codeset_lookup(t.db, CODESYS_HCPCS, "E119", &ci), 0,
	    "E119 as HCPCS");
	is_int(ci.status, CODE_UNKNOWN, "is unknown there");

	sys = -1;
	is_int(codeset_show_key(&sys, "e11.9", c), 0, "show key of e11.9");
	ok(sys == CODESYS_ICD10CM && strcmp(c, "E119") == 0,
	    "ICD-10-CM E119");
	is_str(col0(codeset_show(t.db, sys, c)), "E11.9", "shown dotted");
	sys = CODESYS_HCPCS;
	is_int(codeset_show_key(&sys, "E11.9", c), -1,
	    "a dotted code is no HCPCS code");

	q = codeset_fts_query("diab");
	is_str(col0(codeset_search(t.db, q, -1, 0, 0, 0)), "E11,E11.9",
	    "search by a word's start, in code order");
	is_str(col0(codeset_search(t.db, q, -1, 1, 0, 0)), "E11.9",
	    "billable only");
	is_str(col0(codeset_search(t.db, q, -1, 0, 0, 1)), "E11",
	    "a limit");
	is_str(col0(codeset_search(t.db, q, CODESYS_HCPCS, 0, 0, 0)), "",
	    "none in HCPCS");

	is_int(load(one, "2026", &st), 0, "apply a set of one");
	ok(st.total == 1 && st.added == 0 && st.retired == 2,
	    "two retired (%ld %ld %ld)", st.total, st.added, st.retired);
	is_int(codeset_lookup(t.db, -1, "J45.909", &ci), 0, "look up J45.909");
	ok(ci.status == CODE_RETIRED && strcmp(ci.retired_in, "2026") == 0,
	    "retired in 2026");
	is_str(col0(codeset_search(t.db, q, -1, 0, 0, 0)), "E11.9",
	    "search leaves retired codes out");
	is_str(col0(codeset_search(t.db, q, -1, 0, 1, 0)), "E11,E11.9",
	    "unless asked");
	free(q);
	is_int(load(two, "2027", &st), 0, "the three again");
	is_int(st.back, 2, "two back");
	tempdb_close(&t);
	return done_testing();
}

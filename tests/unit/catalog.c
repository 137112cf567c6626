/*
 * catalog - lib/catalog.c's close-match logic (edit distance, ranking)
 * with hand-worked values, then its files against a migrated database:
 * groups and drugs loaded, a re-import that changes nothing, a drug
 * naming an unknown group refused; matching by name, RxCUI and group;
 * and lib/allergy.c's conflict query, the one rx will ask.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "allergy.h"
#include "catalog.h"
#include "tempdb.h"

static struct tempdb t;

static int
load(enum catkind k, const char *csv, struct catalog_stats *st)
{
	struct catalog	*cat = NULL;
	char		*path = xasprintf("%s/cat.csv", t.dir);
	FILE		*f = fopen(path, "w");
	int		 rc;

	fputs(csv, f);
	fclose(f);
	if ((rc = catalog_read(&cat, k, path)) == 0 &&
	    (rc = db_begin(t.db)) == 0) {
		if ((rc = catalog_apply(t.db, cat, "t", st)) == 0)
			rc = db_commit(t.db);
		else
			db_rollback(t.db);
	}
	catalog_free(cat);
	unlink(path);
	free(path);
	return rc;
}

/* "id match level" of each row, ';'-joined. */
static const char *
rows(sqlite3_stmt *s)
{
	static char	buf[512];
	size_t		n = 0;

	buf[0] = '\0';
	while (sqlite3_step(s) == SQLITE_ROW)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s %s %s",
		    n ? ";" : "", sqlite3_column_text(s, 0),
		    sqlite3_column_text(s, 2),
		    sqlite3_column_type(s, 4) == SQLITE_NULL ? "-" :
		    (const char *)sqlite3_column_text(s, 4));
	sqlite3_reset(s);
	return buf;
}

static const char *
suggest(const char *typed)
{
	static const char *const names[] = { "amoxicillin", "ampicillin",
	    "penicillins", "penicillin v", "azithromycin", "aspirin" };
	static char	buf[256];
	size_t		out[5], n = catalog_suggest(typed, names,
	    nitems(names), out, 5), at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%s%s",
		    i ? "," : "", names[out[i]]);
	return buf;
}

int
main(void)
{
	static const char groups[] =
	    "allergy_group,description\n"
	    "penicillins,the penicillin ring\n"
	    "cephalosporins,the cephem ring\n"
	    "NSAIDs,COX inhibitors\n";
	static const char drugs[] =
	    "ingredient,rxcui,drug_class,allergy_group,cross_sensitive_with\n"
	    "amoxicillin,723,aminopenicillin,penicillins,\n"
	    "ampicillin,733,aminopenicillin,penicillins,\n"
	    "cephalexin,2231,cephalosporin,cephalosporins,"
	    "penicillins (moderate)\n"
	    "ceftriaxone,2193,cephalosporin,cephalosporins,penicillins (low)\n"
	    "ibuprofen,5640,NSAID,NSAIDs,\n"
	    "acetaminophen,161,analgesic,,\n";
	struct catalog_stats	 st;
	struct catalog_hit	 hit;
	struct allergy_new	 a = { 0 };
	struct buf		 b = { 0 };
	long long		 id, nkda, amox;

	/* distances worked by hand */
	is_int((long long)catalog_distance("kitten", "sitting"), 3,
	    "kitten/sitting 3");
	is_int((long long)catalog_distance("AMOXICILLIN", "amoxicillin"), 0,
	    "case does not count");
	is_int((long long)catalog_distance("amicillin", "ampicillin"), 1,
	    "one letter missing");
	is_int((long long)catalog_distance("amicillin", "amoxicillin"), 2,
	    "two letters missing");
	is_int((long long)catalog_distance("", "abc"), 3, "from nothing");
	is_str(suggest("amicillin"), "ampicillin,amoxicillin",
	    "closest first");
	is_str(suggest("amox"), "amoxicillin", "a prefix");
	is_str(suggest("PENICILIN"), "penicillins,penicillin v",
	    "typos, any case");
	is_str(suggest("zzzz"), "", "nothing near");
	is_str(suggest("as"), "", "two letters are no prefix");

	if (tempdb_open(&t) != 0)
		return done_testing();
	is_int(load(CAT_DRUGS, drugs, &st), EX_DATAERR,
	    "drugs before their groups: refused");
	is_int(load(CAT_GROUPS, groups, &st), 0, "groups");
	is_int(st.added, 3, "three new");
	is_int(load(CAT_DRUGS, drugs, &st), 0, "drugs");
	ok(st.added == 6 && st.changed == 0, "six new (%ld %ld)", st.added,
	    st.changed);
	is_int(load(CAT_DRUGS, drugs, &st), 0, "drugs again");
	ok(st.added == 0 && st.changed == 0 && st.retired == 0,
	    "nothing changed (%ld %ld %ld)", st.added, st.changed,
	    st.retired);

	is_int(catalog_match(t.db, "Amoxicillin", &hit), 0, "match a name");
	ok(hit.kind == CATMATCH_DRUG && strcmp(hit.name, "amoxicillin") == 0,
	    "as the catalog spells it");
	amox = hit.drug;
	is_int(catalog_match(t.db, "733", &hit), 0, "match an RxCUI");
	is_str(hit.name, "ampicillin", "733 is ampicillin");
	is_int(catalog_match(t.db, "nsaids", &hit), 0, "match a group");
	ok(hit.kind == CATMATCH_GROUP && strcmp(hit.name, "NSAIDs") == 0,
	    "NSAIDs");
	is_int(catalog_match(t.db, "amoxicilin", &hit), 0, "a typo");
	ok(hit.kind == CATMATCH_NONE, "matches nothing");
	is_int(catalog_close(t.db, "amicillin", &b), 0, "close names");
	is_str(b.s, "ampicillin, amoxicillin", "from the table");
	buf_free(&b);

	/* a patient allergic to amoxicillin, and one to NSAIDs as a group */
	ok(sqlite3_exec(db_handle(t.db), "INSERT INTO patient (mrn, first,"
	    " last, dob, created_at, updated_at) VALUES"
	    " ('M1', 'A', 'B', '1980-01-01', 'x', 'x'),"
	    " ('M2', 'C', 'D', '1980-01-01', 'x', 'x')", NULL, NULL,
	    NULL) == SQLITE_OK, "two patients");
	a.substance = "amoxicillin";
	is_int(allergy_check(&a), 0, "checked");
	is_int(allergy_add(t.db, "nina", 1, &a, &id, &nkda), 0,
	    "pat-1 amoxicillin");
	a.substance = "nsaids";
	is_int(allergy_add(t.db, "nina", 2, &a, &id, &nkda), 0,
	    "pat-2 NSAIDs");
	is_str(rows(allergy_conflicts(t.db, 1, amox)), "alg-1 ingredient -",
	    "amoxicillin: the same ingredient");
	catalog_match(t.db, "ampicillin", &hit);
	is_str(rows(allergy_conflicts(t.db, 1, hit.drug)), "alg-1 group -",
	    "ampicillin: the same group");
	catalog_match(t.db, "cephalexin", &hit);
	is_str(rows(allergy_conflicts(t.db, 1, hit.drug)),
	    "alg-1 cross-sensitive moderate", "cephalexin: cross-sensitive");
	catalog_match(t.db, "acetaminophen", &hit);
	is_str(rows(allergy_conflicts(t.db, 1, hit.drug)), "",
	    "acetaminophen: nothing");
	catalog_match(t.db, "ibuprofen", &hit);
	is_str(rows(allergy_conflicts(t.db, 2, hit.drug)), "alg-2 group -",
	    "ibuprofen for pat-2: the NSAIDs group");
	is_str(rows(allergy_conflicts(t.db, 1, hit.drug)), "",
	    "not for pat-1");
	is_int(allergy_inactivate(t.db, "nina", 1, 1, "disproved"), 0,
	    "inactivated");
	is_str(rows(allergy_conflicts(t.db, 1, amox)), "",
	    "an inactive allergy warns of nothing");
	is_int(allergy_lines(t.db, 2, &b), 0, "lines");
	is_str(b.s, "NSAIDs\n", "pat-2's");
	buf_free(&b);
	tempdb_close(&t);
	return done_testing();
}

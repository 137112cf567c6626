/*
 * patient - lib/patient.c: field rules, the duplicate guard, insert and
 * update with history, search and list, activation, merge and import
 * (CSV and JSON lines: matching by MRN, --update, --keep-going, the
 * counts), on a migrated database in a temporary directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "coverage.h"
#include "date.h"
#include "db.h"
#include "patient.h"
#include "tap.h"
#include "tempdb.h"
#include "util.h"

static struct db	*db;
static const char	*dir;		/* the temporary one, for import's files */

#define first(s, col)	tempdb_first(db, (s), (col))

/* The rows' first columns, joined by spaces. */
static char *
ids(sqlite3_stmt *s)
{
	static char buf[512];

	buf[0] = '\0';
	while (db_step(db, s) == SQLITE_ROW) {
		size_t n = strlen(buf);

		snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? " " : "",
		    (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	return buf;
}

/* One field set: its stored value, or "!" and the reason refused. */
static const char *
set(int f, const char *v)
{
	static char	 buf[256];
	struct pat	 p = { 0 };
	const char	*why;

	if (pat_set(&p, f, v, "US", &why) == -1)
		snprintf(buf, sizeof(buf), "!%s", why);
	else
		snprintf(buf, sizeof(buf), "%s", p.v[f] ? p.v[f] : "(null)");
	pat_clear(&p);
	return buf;
}

static void
check_fields(void)
{
	char	 today[DATE_LEN];
	int	 lo = -1, hi = -1;

	date_parse_day("today", today);
	is_str(set(PF_FIRST, "  Ana "), "Ana", "names are trimmed");
	is_str(set(PF_NOTE, "  as typed "), "  as typed ", "a note is not");
	is_str(set(PF_PHONE, "(617) 555-0100"), "+16175550100",
	    "a national number to E.164");
	is_str(set(PF_SEX, "f"), "F", "sex in upper case");
	is_str(set(PF_SEX, "female"), "!F, M, X or U", "one letter only");
	is_str(set(PF_SMS_CONSENT, "yes"), today, "consent yes is today");
	is_str(set(PF_SMS_CONSENT, "no"), "(null)", "consent no clears it");
	is_str(set(PF_CHANNEL, ""), "none", "an empty channel is none");
	is_str(set(PF_CHANNEL, "fax"), "!sms, email or none", "no fax");
	is_str(set(PF_DOB, "2999-01-01"), "!in the future", "born later");
	is_str(set(PF_EMAIL, "a@b"), "!not an email address (name@example.org)",
	    "an address needs a dot in its domain");
	is_str(set(PF_MRN, "A_1"), "!may hold only letters, digits and '-'",
	    "MRN characters");
	is_str(set(PF_COUNTRY, "gb"), "GB", "country in upper case");
	is_int(pat_field_find("sms_consent"), PF_SMS_CONSENT, "field by name");
	is_int(pat_field_find("sms-consent"), -1, "field names keep their _");
	is_str(pat_field_flag(PF_EMERGENCY_PHONE), "emergency-phone",
	    "as a flag, - for _");
	is_str(pat_field_flag(PF_PHONE2), "phone2", "others as they are");
	{
		struct opt	o;
		int		all = 1;

		/* every field an option with a value and a line of help */
		for (int f = 0; f < PF_MAX; f++) {
			pat_field_opt(f, &o);
			if (strcmp(o.name, pat_field_flag(f)) != 0 ||
			    o.key != PAT_OPT_FIELD + f || o.arg != OPT_VALUE ||
			    o.metavar == NULL || o.help == NULL || !*o.help)
				all = 0;
		}
		ok(all, "each field is an option, with its help");
		pat_field_opt(PF_DECEASED, &o);
		is_int(o.comp, COMP_DATE, "a date completes as one");
		pat_field_opt(PF_CHANNEL, &o);
		is_str(o.words, "sms email none", "a channel from its words");
		pat_field_opt(PF_NOTE, &o);
		is_int(o.comp, COMP_NONE, "free text offers nothing");
	}
	{
		char sex[2];

		ok(pat_parse_sex("x", sex) == 0 && strcmp(sex, "X") == 0,
		    "a sex filter in upper case");
		is_int(pat_parse_sex("XY", sex), -1, "one letter");
		is_int(pat_parse_sex("Q", sex), -1, "of F, M, X, U");
	}

	ok(pat_parse_ages("18-65", &lo, &hi) == 0 && lo == 18 && hi == 65,
	    "ages 18-65");
	ok(pat_parse_ages("40", &lo, &hi) == 0 && lo == 40 && hi == 40,
	    "age 40");
	is_int(pat_parse_ages("65-18", &lo, &hi), -1, "ages the wrong way");
	is_int(pat_parse_ages("18-", &lo, &hi), -1, "half a range");
	is_int(pat_parse_ages("151", &lo, &hi), -1, "older than 150");
	is_int(pat_parse_ages("+4", &lo, &hi), -1, "a sign");
	ok(pat_status_ok("merged") && !pat_status_ok("gone"), "statuses");
	is_int(pat_search_check("%_!"), EX_USAGE,
	    "a search with no letter or digit");
	is_int(pat_search_check("lee"), 0, "a search for a name");
}

/* Add first last dob [phone]: the new row id, 0 after a failed check. */
static long long
add(const char *first, const char *last, const char *dob, const char *phone,
    int force)
{
	struct pat	 p = { 0 };
	const char	*why;
	long long	 id = 0;
	int		 rc;

	pat_set(&p, PF_FIRST, first, "US", &why);
	pat_set(&p, PF_LAST, last, "US", &why);
	pat_set(&p, PF_DOB, dob, "US", &why);
	if (phone)
		pat_set(&p, PF_PHONE, phone, "US", &why);
	if ((rc = pat_guard(db, &p, force)) == 0)
		rc = pat_insert(db, &p, &id);
	pat_clear(&p);
	return rc == 0 ? id : 0;
}

static void
check_records(void)
{
	struct pat	 old, new;
	const char	*why;
	long long	 a, b, c, id;
	int		 changed = -1;

	a = add("Ana", "Lee", "1980-02-29", "617 555 0100", 0);
	b = add("Bo", "Park", "1975-06-01", NULL, 0);
	ok(a == 1 && b == 2, "two patients added");
	is_str(first(pat_show(db, a), 1), "M0000001", "a generated MRN");
	is_int(add("ANA", "lée", "1980-02-29", NULL, 0), 0,
	    "the same name (case and accents aside) and DOB is refused");
	is_int(add("Ann", "Other", "1980-02-29", "(617) 555-0100", 0), 0,
	    "the same phone and DOB is refused");
	c = add("Ana", "Lee", "1980-02-29", NULL, 1);
	is_int(c, 3, "added with force");
	pat_load(db, c, &old);
	is_int(old.not_duplicate, 1, "and marked not a duplicate");
	pat_clear(&old);

	pat_load(db, a, &old);
	pat_load(db, a, &new);
	pat_set(&new, PF_PHONE, "617 555 0111", "US", &why);
	pat_set(&new, PF_CITY, "Boston", "US", &why);
	is_int(pat_update(db, &old, &new, "tester", &changed), 0, "an edit");
	is_int(changed, 2, "of two fields");
	is_str(ids(pat_history(db, a)), "chg-1 chg-2", "two history rows");
	is_str(first(pat_history(db, a), 3), "phone", "the first is phone");
	is_str(first(pat_history(db, a), 4), "+16175550100", "its old value");
	pat_clear(&old);
	pat_clear(&new);
	pat_load(db, b, &old);
	pat_load(db, b, &new);
	free(new.v[PF_MRN]);
	new.v[PF_MRN] = xstrdup("M0000001");
	is_int(pat_update(db, &old, &new, "tester", &changed), EX_DATAERR,
	    "another's MRN is refused");
	pat_clear(&old);
	pat_clear(&new);

	is_str(ids(pat_search(db, "le", "US", 50)), "pat-1 pat-3",
	    "search by a name prefix");
	is_str(ids(pat_search(db, "park bo", "US", 50)), "pat-2",
	    "two words, last first");
	is_str(ids(pat_search(db, "1975-06-01", "US", 50)), "pat-2",
	    "by date of birth");
	is_str(ids(pat_search(db, "617.555.0111", "US", 50)), "pat-1",
	    "by phone, however written");
	is_str(ids(pat_search(db, "M0000002", "US", 50)), "pat-2", "by MRN");
	is_str(ids(pat_search(db, "le", "US", 1)), "pat-1", "to the limit");
	{
		/* ages that hold 1975 and 1980 births, whatever the year */
		char day[DATE_LEN];
		int y = (date_parse_day("today", day), atoi(day));
		struct pat_filter f = { .amin = y - 1981, .amax = y - 1975,
		    .status = "all", .limit = -1 };

		is_str(ids(pat_list(db, &f)), "pat-1 pat-3 pat-2",
		    "list by age, by name");
		f.amax = y - 1980;
		is_str(ids(pat_list(db, &f)), "pat-1 pat-3",
		    "born in 1980, not 1975");
		f.amax = y - 1975;
		f.name = "pa";
		is_str(ids(pat_list(db, &f)), "pat-2", "and name prefix");
	}

	is_int(pat_set_active(db, b, 0), 0, "deactivate");
	{
		struct pat_filter f = { .amin = -1, .amax = -1,
		    .status = "inactive", .limit = -1 };

		is_str(ids(pat_list(db, &f)), "pat-2", "listed inactive");
	}
	is_int(pat_merge(db, a, a), EX_DATAERR, "no merge into itself");
	payer_add(db, "Acme", "60054", &id);
	{
		struct cov cv = { .member = "X1", .from = "2020-01-01" };

		cov_check(&cv);
		cov_add(db, c, id, &cv, &id);
	}
	is_int(pat_merge(db, a, c), 0, "merge pat-3 into pat-1");
	is_str(first(cov_list(db, a), 0), "cov-1", "its coverage moved");
	is_str(first(pat_show(db, c), 26), "merged", "the duplicate is merged");
	is_int(pat_merge(db, b, c), EX_DATAERR, "and not merged again");
	is_int(pat_writable(db, c), EX_DATAERR, "nor written");
	is_int(pat_set_active(db, c, 1), EX_DATAERR, "nor activated");
	{
		struct pat_state st;

		is_int(pat_state(db, c, &st), 0, "the state of pat-3");
		ok(st.merged_into == a && !st.active && !st.dead,
		    "merged into pat-1, inactive, alive");
		is_int(pat_state(db, b, &st), 0, "of pat-2");
		ok(st.merged_into == 0 && !st.active, "deactivated only");
		is_int(pat_state(db, a, &st), 0, "of pat-1");
		ok(st.merged_into == 0 && st.active && !st.dead &&
		    st.deceased[0] == '\0', "active");
		is_int(pat_state(db, 99, &st), EX_DATAERR, "no pat-99: 65");
	}
}

/* Import text as a file: the run's code; counts in *im (freed). */
static int
import_map(const char *text, const char *map, int update, int keep,
    struct pat_import *im)
{
	char	*path = xasprintf("%s/in", dir);
	FILE	*f = fopen(path, "w");
	int	 rc;

	fputs(text, f);
	fclose(f);
	*im = (struct pat_import){ .country = "US", .login = "tester",
	    .update = update, .io.keep = keep };
	if ((map == NULL || (rc = pat_import_map(im, map)) == 0) &&
	    (rc = pat_import_open(im, path)) == 0) {
		db_begin(db);
		if ((rc = pat_import_run(db, im)) == 0)
			db_commit(db);
		else
			db_rollback(db);
	}
	pat_import_free(im);
	unlink(path);
	free(path);
	return rc;
}

static int
import(const char *text, int update, int keep, struct pat_import *im)
{
	return import_map(text, NULL, update, keep, im);
}

#define COUNTS(im) \
	(int)(im).io.rows, (int)(im).added, (int)(im).updated, \
	(int)(im).same, (int)(im).io.bad

static void
check_import(void)
{
	struct pat_import	 im;
	char			 got[64];

	is_int(import("mrn,first,last,dob\n"
	    "I1,Cy,Ng,1990-01-01\nI2,Di,Ng,1991-01-01\n", 0, 0, &im), 0,
	    "import two rows");
	snprintf(got, sizeof(got), "%d %d %d %d %d", COUNTS(im));
	is_str(got, "2 2 0 0 0", "rows, added, updated, same, bad");
	is_int(import("mrn,first,last,dob\nI1,Cy,Ng,1990-01-01\n", 0, 0, &im),
	    0, "again: nothing to do");
	snprintf(got, sizeof(got), "%d %d %d %d %d", COUNTS(im));
	is_str(got, "1 0 0 1 0", "the row is the same");
	is_int(import("mrn,city\nI1,Salem\n", 1, 0, &im), 0, "--update");
	snprintf(got, sizeof(got), "%d %d %d %d %d", COUNTS(im));
	is_str(got, "1 0 1 0 0", "the row is updated");
	is_int(import("mrn,first,last,dob\nI3,Ed,Ng,1992-01-01\n"
	    "I3,Ed,Ng,1992-01-01\n", 0, 0, &im), EX_DATAERR,
	    "an MRN twice in a file");
	snprintf(got, sizeof(got), "%d %d %d %d %d", COUNTS(im));
	is_str(got, "2 1 0 0 1", "one bad row");
	is_str(ids(pat_search(db, "I3", "US", 5)), "", "and nothing kept");
	is_int(import("mrn,first,last,dob\nI4,Fa,Ng,1993-01-01\n"
	    "I5,Ga,Ng,2999-01-01\n", 0, 1, &im), 0, "--keep-going");
	snprintf(got, sizeof(got), "%d %d %d %d %d", COUNTS(im));
	is_str(got, "2 1 0 0 1", "keeps the good row");
	is_str(ids(pat_search(db, "I4", "US", 5)), "pat-6", "which is there");
	is_int(import("mrn,shoe\nI1,9\n", 0, 0, &im), EX_DATAERR,
	    "an unknown column");
	is_int(import_map("mrn,shoe\nI1,Lynn\n", "shoe=city", 1, 0, &im), 0,
	    "--map names the field a column holds");
	is_str(first(pat_show(db, 4), 14), "Lynn", "it is that field");
	is_int(import_map("mrn\n", "shoe=size", 0, 0, &im), EX_USAGE,
	    "--map to no field is usage");
	is_int(import("{\"mrn\":\"J1\",\"first\":\"Ha\",\"last\":\"Ng\","
	    "\"dob\":\"1994-01-01\",\"status\":\"inactive\"}\n", 0, 0, &im),
	    0, "JSON lines");
	snprintf(got, sizeof(got), "%d %d %d %d %d", COUNTS(im));
	is_str(got, "1 1 0 0 0", "one added");
	is_str(first(pat_show(db, 7), 26), "inactive", "with its status");
}

int
main(void)
{
	struct tempdb t;

	check_fields();
	if (tempdb_use(&t, &db) == 0) {
		dir = t.dir;
		check_records();
		check_import();
	}
	tempdb_close(&t);
	return done_testing();
}

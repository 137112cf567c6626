/*
 * encounter - unit tests for lib/encounter.c's signed content: the
 * canonical text of an encounter (every kind of row, a note with a tab
 * and newlines, a modifier left out, a value that is no short decimal)
 * against text written out by hand, its SHA-256 against one computed by
 * sha256sum of that same text, the addendum's likewise, and enc_verify
 * finding a change made after dropping a trigger.
 *
 * The hashes were made with:
 *	printf 'clinix-encounter-v1\nencounter\t1\t1\toffice\t...' | sha256sum
 * from the literal CANON below (printf reads its \t and \n; "\\t" in
 * the note is a backslash and a t, as the escaping writes it).
 */
#include <string.h>

#include "encounter.h"
#include "tap.h"
#include "tempdb.h"
#include "util.h"

#define CANON \
	"clinix-encounter-v1\n" \
	"encounter\t1\t1\toffice\t2030-12-02T14:00:00Z\t2030-12-02T15:00:00Z\tdoc\n" \
	"note\tS: knee pain\\tleft\\nP: rest\\n\n" \
	"dx\t1\tE119\n" \
	"dx\t2\tM25561\n" \
	"proc\tcpt\t99213\t25\t1\t1,2\n" \
	"proc\thcpcs\tG0008\t\t2\t1\n" \
	"vitals\t8867-4\t72\t/min\t2030-12-02T14:05:00Z\n" \
	"vitals\t29463-7\t69.849999999999994\tkg\t2030-12-02T14:05:00Z\n"
#define CANON_SHA256 \
	"750e089c77031c0dc67e052340fa5d6b9fddd4fc8580777f986f579c725f670d"
#define ADDENDUM_SHA256 \
	"b077f0791a148e4f0bf66675ecd061393614e57d299d28c7967ebc827d9f0e89"

static int
exec(struct db *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db_handle(db), sql, NULL, NULL, &err);

	if (rc != SQLITE_OK)
		diag("%s: %s", sql, err ? err : "?");
	sqlite3_free(err);
	return rc;
}

static const char fixture[] =
    "INSERT INTO patient (mrn, first, last, dob, created_at, updated_at)"
    " VALUES ('M1', 'Ana', 'Diaz', '1980-01-02', 'x', 'x');"
    "INSERT INTO provider (name, npi, taxonomy, created_at)"
    " VALUES ('Maria Chen', '1234567893', '207Q00000X', 'x');"
    "INSERT INTO encounter (patient_id, provider_id, type, start_at,"
    " created_at, created_by) VALUES (1, 1, 'office',"
    " '2030-12-02T14:00:00Z', 'x', 'nina');"
    "INSERT INTO encounter_note (encounter_id, body, written_at, written_by)"
    " VALUES (1, 'S: knee pain' || char(9) || 'left' || char(10) ||"
    " 'P: rest' || char(10), 'x', 'nina');"
    /* positions given out of order: the text is by position */
    "INSERT INTO encounter_dx VALUES (1, 2, 'M25561', NULL);"
    "INSERT INTO encounter_dx VALUES (1, 1, 'E119', NULL);"
    "INSERT INTO encounter_proc (encounter_id, system, code, mods, units,"
    " dx, created_at, created_by) VALUES"
    " (1, 'cpt', '99213', '25', 1, '1,2', 'x', 'doc'),"
    " (1, 'hcpcs', 'G0008', NULL, 2, '1', 'x', 'doc');"
    "INSERT INTO vitals (encounter_id, loinc, value, unit, at, created_by)"
    " VALUES (1, '8867-4', 72, '/min', '2030-12-02T14:05:00Z', 'nina'),"
    " (1, '29463-7', 69.85, 'kg', '2030-12-02T14:05:00Z', 'nina');";

static void
count_bad(const char *what, void *arg)
{
	diag("verify: %s", what);
	(*(int *)arg)++;
}

int
main(void)
{
	struct tempdb	 t;
	struct enc	 e = { .id = 1, .provider = 1, .patient = 1 };
	struct buf	 b = { 0 };
	char		 hex[65];
	long long	 n, na;
	int		 bad = 0;

	if (tempdb_open(&t) != 0 || !is_int(exec(t.db, fixture), SQLITE_OK,
	    "an encounter with a note, diagnoses, procedures and vitals"))
		goto out;
	e.type = xstrdup("office");
	e.start_at = xstrdup("2030-12-02T14:00:00Z");
	e.signed_at = xstrdup("2030-12-02T15:00:00Z");
	e.signed_by = xstrdup("doc");
	is_int(enc_canon(t.db, &e, &b), 0, "its canonical text");
	is_str(b.s, CANON, "is the one written out by hand");
	enc_sha256_hex(&b, hex);
	is_str(hex, CANON_SHA256, "its SHA-256 is sha256sum's of that text");

	buf_reset(&b);
	enc_addendum_canon(1, "2030-12-03T09:00:00Z", "doc",
	    "Called back:\nbetter.", &b);
	is_str(b.s, "clinix-addendum-v1\n1\t2030-12-03T09:00:00Z\tdoc\n"
	    "Called back:\\nbetter.\n", "an addendum's canonical text");
	enc_sha256_hex(&b, hex);
	is_str(hex, ADDENDUM_SHA256, "and its SHA-256");

	/* signed as enc_sign would have signed it at 15:00 */
	is_int(exec(t.db, "UPDATE encounter SET signed_at ="
	    " '2030-12-02T15:00:00Z', signed_by = 'doc', sign_hash = '"
	    CANON_SHA256 "' WHERE id = 1; INSERT INTO addendum (encounter_id,"
	    " body, signed_at, signed_by, sign_hash) VALUES (1, 'Called back:'"
	    " || char(10) || 'better.', '2030-12-03T09:00:00Z', 'doc', '"
	    ADDENDUM_SHA256 "')"), SQLITE_OK, "signed, with an addendum");
	is_int(enc_verify(t.db, count_bad, &bad, &n, &na), 0, "verify runs");
	ok(bad == 0 && n == 1 && na == 1, "and finds both as signed");

	ok(exec(t.db, "UPDATE vitals SET value = 70 WHERE loinc = '29463-7'")
	    != SQLITE_OK, "a trigger refuses a change to a signed vital");
	is_int(exec(t.db, "DROP TRIGGER vitals_signed_update; UPDATE vitals"
	    " SET value = 69.86 WHERE loinc = '29463-7'"), SQLITE_OK,
	    "without it, the change goes in");
	is_int(enc_verify(t.db, count_bad, &bad, &n, &na), 0, "verify again");
	is_int(bad, 1, "finds the one encounter changed");
	is_int(exec(t.db, "DROP TRIGGER addendum_no_update; UPDATE addendum"
	    " SET body = 'Called back.'"), SQLITE_OK, "an addendum changed");
	bad = 0;
	enc_verify(t.db, count_bad, &bad, &n, &na);
	is_int(bad, 2, "is found too");
out:
	buf_free(&b);
	enc_clear(&e);
	tempdb_close(&t);
	return done_testing();
}

/*
 * ack - unit tests for lib/ack.c: the 999 and 277CA readers on
 * interchanges written by hand from standards.md §3 (the counts beside
 * each: SE01 counts ST through SE, GE01 the sets, IEA01 the groups), and
 * ack_apply against a migrated database holding one batch of two
 * claims, put in with SQL.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "ack.h"
#include "tap.h"
#include "tempdb.h"

#define ISA(ctl) "ISA*00*          *00*          *ZZ*ACMECH         " \
	"*ZZ*MAPLE01        *261204*1200*^*00501*" ctl "*0*T*:~"

/* standards.md §3's 999 of the 837 in §1 (GS06 101), in an envelope */
static const char a999[] = ISA("000000901")
    "GS*FA*ACMECH*MAPLE01*20261204*1200*901*X*005010X231A1~"
    "ST*999*0001*005010X231A1~"
    "AK1*HC*101*005010X222A1~"
    "AK2*837*0101*005010X222A1~"
    "IK5*A~"
    "AK9*A*1*1*1~"
    "SE*6*0001~"		/* ST AK1 AK2 IK5 AK9 SE */
    "GE*1*901~"
    "IEA*1*000000901~";

/* rejected: CLM (segment 22, loop 2300) error 8, CLM05-3 bad code (7) */
static const char r999[] = ISA("000000902")
    "GS*FA*ACMECH*MAPLE01*20261204*1200*902*X*005010X231A1~\n"
    "ST*999*0001*005010X231A1~\n"
    "AK1*HC*101*005010X222A1~\n"
    "AK2*837*0101*005010X222A1~\n"
    "IK3*CLM*22*2300*8~\n"
    "IK4*5:3*1325*7*9~\n"
    "IK5*R*5~\n"
    "AK9*R*1*1*0~\n"
    "SE*8*0001~\n"		/* ST AK1 AK2 IK3 IK4 IK5 AK9 SE */
    "GE*1*902~\n"
    "IEA*1*000000902~\n";

/* the same with other delimiters: | elements, > components, ! ends */
static const char d999[] =
    "ISA|00|          |00|          |ZZ|ACMECH         "
    "|ZZ|MAPLE01        |261204|1200|^|00501|000000903|0|T|>!"
    "GS|FA|ACMECH|MAPLE01|20261204|1200|903|X|005010X231A1!"
    "ST|999|0001|005010X231A1!"
    "AK1|HC|101|005010X222A1!"
    "AK2|837|0101|005010X222A1!"
    "IK3|CLM|22|2300|8!"
    "IK4|5>3|1325|7!"
    "IK5|E!"
    "AK9|E|1|1|1!"
    "SE|8|0001!"
    "GE|1|903!"
    "IEA|1|000000903!";

/* a 277CA: the receiver level's STC is the batch's, not a claim's */
static const char a277[] = ISA("000000701")
    "GS*HN*ACMECH*MAPLE01*20261204*1200*701*X*005010X214~"
    "ST*277*0001*005010X214~"
    "BHT*0085*08*CA1*20261204*1200*TH~"
    "HL*1**20*1~"
    "NM1*AY*2*ACME*****46*ACMECH~"
    "HL*2*1*21*1~"
    "NM1*41*2*MAPLE*****46*MAPLE01~"
    "TRN*2*BATCH101~"
    "STC*A1:19*20261204*WQ*300~"
    "HL*3*2*19*1~"
    "NM1*85*2*MAPLE*****XX*1234567893~"
    "HL*4*3*PT~"
    "NM1*QC*1*DOE*JANE****MI*W1~"
    "TRN*2*CLM-1~"
    "STC*A2:20*20261204*WQ*150~"
    "REF*1K*PAYER77~"
    "HL*5*3*PT~"
    "NM1*QC*1*ROE*JOHN****MI*W2~"
    "TRN*2*clm-2~"
    "STC*A1:19*20261204*WQ*150~"
    "STC*A7:562:85*20261204*U*150~"
    "SE*21*0001~"		/* ST BHT, 6 + 3 + 2 + 4 + 5 more, SE */
    "GE*1*701~"
    "IEA*1*000000701~";

static void
read999(void)
{
	struct ack a;

	is_int(ack_parse(&a, a999, strlen(a999)), 0, "999: read");
	is_int(a.kind, ACK_999, "999: is a 999");
	is_str(a.control, "000000901", "999: its ISA13");
	is_int(a.ngroup, 1, "999: one AK1");
	is_int(a.group[0].batch, 101, "999: of group 101");
	is_int(a.group[0].ak9, 'A', "999: AK9 A");
	is_int(a.nitem, 1, "999: one set");
	is_str(a.item[0].key, "0101", "999: ST02 0101");
	is_int(a.item[0].result, ACK_ACCEPTED, "999: IK5 A");
	is_str(a.item[0].codes, "", "999: no codes");
	ack_free(&a);

	is_int(ack_parse_999(&a, r999, strlen(r999)), 0, "999 R: read");
	is_int(a.item[0].result, ACK_REJECTED, "999 R: rejected");
	is_int(a.group[0].ak9, 'R', "999 R: AK9 R");
	is_str(a.item[0].codes, "IK3*CLM*22*2300*8 IK4*5:3*1325*7*9",
	    "999 R: the IK3 and IK4 kept");
	ack_free(&a);

	is_int(ack_parse(&a, d999, strlen(d999)), 0, "999 |>!: read");
	is_int(a.item[0].result, ACK_ERRORS, "999 |>!: with errors");
	is_str(a.item[0].codes, "IK3*CLM*22*2300*8 IK4*5:3*1325*7",
	    "999 |>!: codes written with our delimiters");
	ack_free(&a);

	is_int(ack_parse_277(&a, a999, strlen(a999)), EX_DATAERR,
	    "a 999 is no 277CA");
	ok(strstr(a.why, "GS01 'FA'") != NULL, "saying so: %s", a.why);
	ack_free(&a);
}

/* s with its first occurrence of from replaced by to (static). */
static const char *
edit(const char *s, const char *from, const char *to)
{
	static char	 bufs[2][4096];
	static int	 k;
	char		*out = bufs[k++ % 2];	/* edit(edit(...)) */
	const char	*p = strstr(s, from);

	if (p == NULL)
		return s;
	snprintf(out, sizeof(bufs[0]), "%.*s%s%s", (int)(p - s), s, to,
	    p + strlen(from));
	return out;
}

static void
refused(const char *name, const char *text, size_t len, const char *why)
{
	struct ack a;

	is_int(ack_parse(&a, text, len), EX_DATAERR, "%s: refused", name);
	ok(strstr(a.why, why) != NULL, "%s: '%s' in '%s'", name, why, a.why);
	ack_free(&a);
}

static void
bad(void)
{
	const char *s;

	/* cut anywhere before its IEA ends: the reader says so */
	refused("truncated 999", a999, strlen(a999) - 5, "");
	refused("truncated 277CA", a277, strlen(a277) - 40, "");
	s = edit(a999, "SE*6*", "SE*7*");
	refused("999 SE01 wrong", s, strlen(s), "SE01");
	s = edit(a999, "GS*FA*", "GS*HP*");
	refused("an 835's GS01", s, strlen(s), "GS01 'HP'");
	/* IK5 gone (SE01 one less so the envelope holds) */
	s = edit(edit(a999, "IK5*A~", ""), "SE*6*", "SE*5*");
	refused("999 without IK5", s, strlen(s), "IK5 missing");
	s = edit(a999, "IK5*A~", "IK5*Q~");
	refused("999 IK5 Q", s, strlen(s), "IK501 'Q'");
	s = edit(a999, "AK1*HC*", "AK1*HP*");
	refused("999 of a remittance group", s, strlen(s), "AK101 'HP'");
	s = edit(a277, "BHT*0085*08*", "BHT*0010*08*");
	refused("277 not a CA", s, strlen(s), "BHT*0085*08");
	s = edit(a277, "STC*A2:20*", "STC*A4:20*");
	refused("277 category A4", s, strlen(s), "category 'A4'");
	s = edit(a277, "ST*277*", "ST*835*");
	refused("an 835 set in an HN group", s, strlen(s), "ST01 '835'");
	refused("not X12", "hello", 5, "");
}

static void
read277(void)
{
	struct ack a;

	is_int(ack_parse(&a, a277, strlen(a277)), 0, "277CA: read");
	is_int(a.kind, ACK_277CA, "277CA: is one");
	is_int(a.nitem, 2, "277CA: two claims, the batch's STC not one");
	is_str(a.item[0].key, "CLM-1", "277CA: TRN02 as sent back");
	is_int(a.item[0].result, ACK_ACCEPTED, "277CA: A2 accepted");
	is_str(a.item[0].codes, "A2:20", "277CA: its STC01");
	is_str(a.item[0].payer_claim_no, "PAYER77", "277CA: REF*1K");
	is_int(a.item[1].result, ACK_REJECTED, "277CA: A1 then A7 rejected");
	is_str(a.item[1].codes, "A1:19 A7:562:85", "277CA: both STC01s");
	is_str(a.item[1].payer_claim_no, "", "277CA: no REF*1K");
	ack_free(&a);
}

static long long
count(struct db *db, const char *sql)
{
	sqlite3_stmt	*s;
	long long	 n = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static const char *
text(struct db *db, const char *sql)
{
	static char	 buf[512];
	sqlite3_stmt	*s;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(buf, sizeof(buf), "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return buf;
}

/* Batch 101 carried clm-1 and clm-2, both submitted. */
static const char fixture[] =
    "INSERT INTO patient (id, mrn, first, last, dob, created_at, updated_at)"
    " VALUES (1, 'M1', 'Jane', 'Doe', '1980-01-02', '2026-12-01', '2026-12-01');"
    "INSERT INTO provider (id, name, npi, taxonomy, created_at)"
    " VALUES (1, 'Maria Chen', '1234567893', '207Q00000X', '2026-12-01');"
    "INSERT INTO payer (id, name, payer_id, created_at)"
    " VALUES (1, 'Aetna', '60054', '2026-12-01');"
    "INSERT INTO coverage (id, patient_id, payer_id, member_id, priority,"
    " relationship, start_date, created_at) VALUES (1, 1, 1, 'W1',"
    " 'primary', 'self', '2025-01-01', '2026-12-01');"
    "INSERT INTO encounter (id, patient_id, provider_id, start_at,"
    " created_at, created_by) VALUES (1, 1, 1, '2026-12-01T14:30:00Z',"
    " '2026-12-01', 'doc'), (2, 1, 1, '2026-12-02T14:30:00Z',"
    " '2026-12-02', 'doc');"
    "INSERT INTO batch (id, receiver, nclaims, body, sha256, created_at,"
    " created_by) VALUES (101, 'ACMECH', 2, X'7E', 'y', '2026-12-03', 'bill');"
    "INSERT INTO claim (id, control, encounter_id, patient_id, coverage_id,"
    " payer_id, provider_id, service_day, pos, total, status, batch_id,"
    " created_at, created_by) VALUES"
    " (1, 'clm-1', 1, 1, 1, 1, 1, '2026-12-01', '11', 15000, 'submitted',"
    " 101, '2026-12-03', 'bill'),"
    " (2, 'clm-2', 2, 1, 1, 1, 1, '2026-12-02', '11', 15000, 'submitted',"
    " 101, '2026-12-03', 'bill');"
    "INSERT INTO batch_claim VALUES (101, 1), (101, 2);";

static int
applied(struct db *db, const char *text, const char *sha,
    struct ack_done *done)
{
	struct ack	 a;
	int		 rc;

	if ((rc = ack_parse(&a, text, strlen(text))) == 0) {
		db_begin(db);
		if ((rc = ack_apply(db, &a, sha, "bill", done)) == 0)
			db_commit(db);
		else
			db_rollback(db);
	}
	ack_free(&a);
	return rc;
}

static void
apply(struct db *db)
{
	struct ack_done	 d;
	char		*err = NULL;
	const char	*s;
	int		 rc;

	rc = sqlite3_exec(db_handle(db), fixture, NULL, NULL, &err);
	if (!ok(rc == SQLITE_OK, "the fixture goes in: %s", err ? err :
	    sqlite3_errmsg(db_handle(db)))) {
		sqlite3_free(err);
		return;
	}
	/* a 999 for a batch we never sent: nothing */
	s = edit(a999, "AK1*HC*101*", "AK1*HC*102*");
	is_int(applied(db, s, "s0", &d), EX_DATAERR, "999 for batch 102");
	is_int(count(db, "SELECT count(*) FROM ack"), 0, "no ack row");
	/* a 999 of a set not in the batch */
	s = edit(a999, "AK2*837*0101*", "AK2*837*0001*");
	is_int(applied(db, s, "s0", &d), EX_DATAERR, "999 of set 0001");

	is_int(applied(db, a999, "s1", &d), 0, "999 A applied");
	is_int(d.ack, 1, "ack-1");
	is_int(d.moved, 0, "a 999 accepting moves no claim");
	is_str(text(db, "SELECT ack FROM batch WHERE id = 101"), "A",
	    "batch.ack A");
	is_int(count(db, "SELECT count(*) FROM claim_event"), 0,
	    "and writes no history");
	is_int(applied(db, a999, "s1", &d), 0, "the same file again: 0");
	ok(d.dup && d.ack == 1, "already read as ack-1");
	is_int(count(db, "SELECT count(*) FROM ack"), 1, "still one ack");

	/* a 277CA naming a claim that is not ours: nothing */
	s = edit(a277, "TRN*2*clm-2~", "TRN*2*clm-9~");
	is_int(applied(db, s, "s2", &d), EX_DATAERR, "277CA for clm-9");
	s = edit(a277, "TRN*2*clm-2~", "TRN*2*PT1001~");
	is_int(applied(db, s, "s2", &d), EX_DATAERR, "277CA for PT1001");
	is_int(count(db, "SELECT count(*) FROM ack_item WHERE claim_id"
	    " IS NOT NULL"), 0, "no claim's item");
	is_str(text(db, "SELECT group_concat(status) FROM claim"),
	    "submitted,submitted", "nor a status moved");

	is_int(applied(db, a277, "s3", &d), 0, "277CA applied");
	ok(d.accepted == 1 && d.rejected == 1 && d.moved == 2,
	    "1 accepted, 1 rejected, 2 moved");
	is_str(text(db, "SELECT group_concat(status || ' ' ||"
	    " ifnull(payer_claim_no, '-')) FROM claim"),
	    "accepted PAYER77,rejected -", "clm-1 accepted with its number");
	is_str(text(db, "SELECT codes FROM ack_item WHERE claim_id = 2"),
	    "A1:19 A7:562:85", "clm-2's codes kept");
	is_str(text(db, "SELECT note FROM claim_event WHERE claim_id = 2"),
	    "277CA ack-2: A1:19 A7:562:85", "and in its history");

	/* batch 101 rejected by a later 999: clm-2 is no longer submitted */
	db_begin(db);
	sqlite3_exec(db_handle(db), "UPDATE claim SET status = 'submitted'"
	    " WHERE id = 1", NULL, NULL, NULL);
	db_commit(db);
	is_int(applied(db, r999, "s4", &d), 0, "999 R applied");
	is_int(d.moved, 1, "one claim still submitted, now rejected");
	is_str(text(db, "SELECT status FROM claim WHERE id = 1"), "rejected",
	    "clm-1 rejected");
	is_str(text(db, "SELECT note FROM claim_event WHERE claim_id = 1"
	    " ORDER BY id DESC"), "999 ack-3: batch 101 rejected: "
	    "IK3*CLM*22*2300*8 IK4*5:3*1325*7*9", "naming the IK3/IK4");
	is_str(text(db, "SELECT ack FROM batch WHERE id = 101"), "R",
	    "batch.ack R");

	/* a group refused whole, no AK2 sets: its AK9 R rejects them */
	db_begin(db);
	sqlite3_exec(db_handle(db), "UPDATE claim SET status = 'submitted'",
	    NULL, NULL, NULL);
	db_commit(db);
	s = edit(edit(a999, "AK2*837*0101*005010X222A1~IK5*A~AK9*A*1*1*1~",
	    "AK9*R*1*1*0~"), "SE*6*", "SE*4*");
	is_int(applied(db, s, "s5", &d), 0, "999 AK9 R without sets applied");
	is_int(d.moved, 2, "both claims rejected");
	is_str(text(db, "SELECT result || ' ' || ifnull(codes, '-') FROM"
	    " ack_item ORDER BY id DESC"), "rejected -", "one item, the AK9's");
}

int
main(void)
{
	struct tempdb	 t;
	struct db	*db;

	read999();
	read277();
	bad();
	if (tempdb_use(&t, &db) == 0)
		apply(db);
	tempdb_close(&t);
	return done_testing();
}

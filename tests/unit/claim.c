/*
 * claim - unit tests for lib/claim.c against a migrated database: claim
 * ids as typed and as payers echo them, claim_create on a signed
 * encounter (the ledger's charge per line, pointers "1,2" as "1:2",
 * idempotent), and the scrubber's reading of what clinix.yaml gives:
 * PO boxes in their spellings (and street names that only look like
 * them), 5- and 9-digit ZIPs, EINs, and the draft/ready moves with
 * their history.  Expected values are worked out by hand beside each.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cfg.h"
#include "claim.h"
#include "tap.h"
#include "tempdb.h"

static void
ids(void)
{
	long long id;

	is_int(claim_arg("clm-12", &id), 0, "clm-12");
	is_int(id, 12, "clm-12 is 12");
	is_int(claim_arg("CLM-7", &id), 0, "CLM-7, as a payer echoes CLM01");
	is_int(id, 7, "CLM-7 is 7");
	is_int(claim_arg("clm-", &id), EX_DATAERR, "clm- alone");
	is_int(claim_arg("pat-1", &id), EX_DATAERR, "pat-1 is no claim");
	is_int(claim_arg("clm-123456789012345678901", &id), EX_DATAERR,
	    "longer than CLM01's 20 characters");
}

static int
exec(struct db *db, const char *sql)
{
	char	*err = NULL;
	int	 rc = sqlite3_exec(db_handle(db), sql, NULL, NULL, &err);

	if (rc != SQLITE_OK)
		ok(0, "fixture: %s", err);
	sqlite3_free(err);
	return rc;
}

static const char *
one(struct db *db, const char *sql)
{
	static char	 buf[256];
	sqlite3_stmt	*s;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &s, NULL) != SQLITE_OK)
		return "(bad sql)";
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(buf, sizeof(buf), "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return buf;
}

/*
 * The codes E11.9 and I10; pat-1 with Aetna from 2025-01-01, prv-1, fees 99213 150.00 and 99214
 * 100.00; enc-1 signed on 2026-12-01 14:30Z, dx E11.9 I10, lines 99213
 * and 99214 x2 (dx "1,2").
 */
static const char fixture[] =
    "INSERT INTO code (system, code, title, billable, version) VALUES"
    " ('icd10cm', 'E119', 'Type 2 diabetes', 1, 'unit'),"
    " ('icd10cm', 'I10', 'Essential hypertension', 1, 'unit');"
    "INSERT INTO provider (name, npi, taxonomy, created_at) VALUES"
    " ('Maria Chen', '1234567893', '207Q00000X', 'x');"
    "INSERT INTO patient (mrn, first, last, dob, created_at, updated_at)"
    " VALUES ('M1', 'Jane', 'Doe', '1980-01-02', 'x', 'x');"
    "INSERT INTO payer (name, payer_id, created_at) VALUES ('Aetna',"
    " '60054', 'x');"
    "INSERT INTO coverage (patient_id, payer_id, member_id, priority,"
    " relationship, start_date, created_at) VALUES (1, 1, 'W1', 'primary',"
    " 'self', '2025-01-01', 'x');"
    "INSERT INTO fee (code, from_day, amount, set_at, set_by) VALUES"
    " ('99213', '2026-01-01', 15000, 'x', 'x'),"
    " ('99214', '2026-01-01', 10000, 'x', 'x');"
    "INSERT INTO encounter (patient_id, provider_id, start_at, created_at,"
    " created_by) VALUES (1, 1, '2026-12-01T14:30:00Z', 'x', 'doc');"
    "INSERT INTO encounter_dx VALUES (1, 1, 'E119', NULL), (1, 2, 'I10',"
    " NULL);"
    "INSERT INTO encounter_proc (encounter_id, system, code, units, dx,"
    " created_at, created_by) VALUES (1, 'cpt', '99213', 1, '1', 'x', 'x'),"
    " (1, 'cpt', '99214', 2, '1,2', 'x', 'x');"
    "UPDATE encounter SET signed_at = '2026-12-01T15:00:00Z', signed_by ="
    " 'doc', sign_hash = printf('%064d', 0) WHERE id = 1;";

static void
create(struct db *db, const struct cfg *cfg)
{
	enum claim_made	 made;
	long long	 claim = 0, pat = 0;

	if (exec(db, fixture) != SQLITE_OK)
		return;
	db_begin(db);
	is_int(claim_create(db, cfg, 1, "bill", &claim, &pat, &made), 0,
	    "enc-1: a claim");
	db_commit(db);
	is_int(made, CLAIM_NEW, "made");
	is_int(claim, 1, "clm-1");
	is_int(pat, 1, "of pat-1");
	/* 150.00 x 1 + 100.00 x 2 = 350.00 */
	is_str(one(db, "SELECT control || ' ' || total || ' ' || status || ' '"
	    " || pos || ' ' || service_day FROM claim"),
	    "clm-1 35000 draft 11 2026-12-01", "the claim as made");
	is_str(one(db, "SELECT group_concat(line || ':' || charge || ':' ||"
	    " pointers, ' ') FROM claim_line"), "1:15000:1 2:20000:1:2",
	    "the lines: the ledger's charges, SV107 pointers");
	is_str(one(db, "SELECT count(*) FROM charge"), "2", "charged once");
	db_begin(db);
	is_int(claim_create(db, cfg, 1, "bill", &claim, &pat, &made), 0,
	    "enc-1 again");
	db_commit(db);
	is_int(made, CLAIM_EXISTED, "already made");
	is_int(claim, 1, "and it is clm-1");
	is_str(one(db, "SELECT count(*) FROM claim"), "1", "no second claim");
	is_str(one(db, "SELECT count(*) FROM txn"), "1", "no second charge");
}

/* The complaints about clm-1 with cfg, as "field field ...". */
static const char *
fields(struct db *db, const struct cfg *cfg)
{
	static char		 buf[512];
	struct claim_err	*e = NULL;
	size_t			 n = 0, k = 0;

	buf[0] = '\0';
	db_begin(db);
	if (claim_validate(db, cfg, 1, &e, &n) != 0)
		snprintf(buf, sizeof(buf), "(failed)");
	db_commit(db);
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s",
		    i ? " " : "", e[i].field);
	free(e);
	return buf;
}

static void
scrub(struct db *db, struct cfg *cfg)
{
	static const struct {
		const char	*addr, *want;
	} boxes[] = {
		{ "PO Box 12", "billing.address1" },
		{ "P.O. Box 12", "billing.address1" },
		{ "p o box 12", "billing.address1" },
		{ "POB 12", "billing.address1" },
		{ "Post Office Box 3", "billing.address1" },
		{ "1 Main St", "" },
		{ "100 Post Road", "" },	/* a street named Post */
		{ "5 Boxwood Lane", "" },
		{ "12 Pobst Ave", "" },
	};
	static const struct {
		const char	*zip, *ein, *want;
	} ids[] = {
		{ "021080000", "123456789", "" },
		{ "02108-0000", "12-3456789", "" },
		{ "02108", "123456789", "billing.zip" },
		{ "0210800", "123456789", "billing.zip" },
		{ "021080000", "12345678", "billing.tax_id" },
		{ "021080000", "1234567890", "billing.tax_id" },
	};

	for (size_t i = 0; i < nitems(boxes); i++) {
		cfg->clinic_address1 = (char *)boxes[i].addr;
		is_str(fields(db, cfg), boxes[i].want, "address1 '%s'",
		    boxes[i].addr);
	}
	cfg->clinic_address1 = (char *)"1 Main St";
	for (size_t i = 0; i < nitems(ids); i++) {
		cfg->clinic_zip = (char *)ids[i].zip;
		cfg->clinic_tax_id = (char *)ids[i].ein;
		is_str(fields(db, cfg), ids[i].want, "zip '%s', ein '%s'",
		    ids[i].zip, ids[i].ein);
	}
	cfg->clinic_zip = (char *)"021080000";
	cfg->clinic_tax_id = (char *)"123456789";
	/* draft -> ready on a pass; ready -> draft on a failure, saying why */
	is_str(fields(db, cfg), "", "passes");
	is_str(one(db, "SELECT status FROM claim"), "ready", "ready");
	cfg->clinic_npi = (char *)"1003000127";
	is_str(fields(db, cfg), "billing.npi", "a bad check digit");
	is_str(one(db, "SELECT status || ' ' || note FROM claim_event ORDER BY"
	    " id DESC LIMIT 1"), "draft billing.npi: '1003000127' is not an "
	    "NPI (10 digits with its check digit)", "back to draft, saying why");
	cfg->clinic_npi = NULL;
	is_str(fields(db, cfg), "billing.npi", "missing");
	cfg->clinic_npi = (char *)"1003000126";
	/* every key gone: each told, in order */
	{
		struct cfg none = { 0 };

		is_str(fields(db, &none), "billing.name billing.npi "
		    "billing.tax_id billing.address1 billing.city "
		    "billing.state billing.zip billing.phone",
		    "an empty clinic identity");
	}
	is_str(fields(db, cfg), "", "and right again");
	is_str(one(db, "SELECT group_concat(status, ' ') FROM (SELECT status"
	    " FROM claim_event ORDER BY id)"),
	    /* made; 1 Main St; 02108; passes; the bad NPI; right again */
	    "draft ready draft ready draft ready", "the history of it");
}

int
main(void)
{
	struct tempdb	 t;
	struct db	*db;
	struct cfg	 cfg = { 0 };

	cfg.clinic_name = (char *)"Test Clinic";
	cfg.clinic_npi = (char *)"1003000126";
	cfg.clinic_tax_id = (char *)"123456789";
	cfg.clinic_address1 = (char *)"1 Main St";
	cfg.clinic_city = (char *)"Boston";
	cfg.clinic_state = (char *)"MA";
	cfg.clinic_zip = (char *)"021080000";
	cfg.clinic_phone = (char *)"+16175550100";
	ids();
	if (tempdb_use(&t, &db) == 0) {
		create(db, &cfg);
		scrub(db, &cfg);
	}
	tempdb_close(&t);
	return done_testing();
}

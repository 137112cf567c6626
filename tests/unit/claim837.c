/*
 * claim837 - lib/claim837.c against a migrated database whose claims,
 * and the 835 of a primary claim, are put in with SQL: what the clinic's
 * config must hold for an 837P, the interchanges the ready claims make,
 * and the bytes of one with a secondary claim (2320 SBR CAS AMT OI, 2330A,
 * 2330B, and per line 2430 SVD CAS DTP*573, after the line's DTP*472 and
 * REF*6R as the 005010X222A1 map orders them) and a replacement claim
 * (REF*F8, REF*G1), written out by hand below from standards.md §1 and
 * the fixture, with the day and time of the run fixed.  Then our own
 * reader takes the bytes back, envelope and all.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cfg.h"
#include "claim837.h"
#include "db.h"
#include "tap.h"
#include "tempdb.h"
#include "util.h"
#include "x12.h"

static char	 errpath[64];
static int	 saved_fd = -1;

/* Send stderr (warnx) to a file until said() reads it back. */
static void
hear(void)
{
	int fd;

	fflush(stderr);
	saved_fd = dup(2);
	if ((fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		abort();
	dup2(fd, 2);
	close(fd);
}

/* What was said since hear(), "prog: " and the last newline cut off. */
static const char *
said(void)
{
	static char	 got[1024];
	FILE		*f;
	size_t		 n;
	char		*p;

	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	if ((f = fopen(errpath, "r")) == NULL)
		abort();
	n = fread(got, 1, sizeof(got) - 1, f);
	fclose(f);
	got[n] = '\0';
	if (n && got[n - 1] == '\n')
		got[n - 1] = '\0';
	if ((p = strstr(got, ": ")) != NULL)
		memmove(got, p + 2, strlen(p + 2) + 1);
	return got;
}

static void
clinic(struct cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->path = "clinix.yaml";
	c->clinic_name = "Maple Clinic";
	c->clinic_npi = "1234567893";
	c->clinic_tax_id = "37-1234567";
	c->clinic_address1 = "100 Main St";
	c->clinic_city = "Springfield";
	c->clinic_state = "IL";
	c->clinic_zip = "62701-0001";
	c->clinic_phone = "+12175550100";
	c->clinic_taxonomy = "207Q00000X";
}

static void
env_checks(void)
{
	struct cfg	 c;
	struct c837_env	 e;

	clinic(&c);
	is_int(claim837_env(&c, 0, &e), 0, "a whole clinic will do");
	is_str(e.submitter, "1234567893", "submitter: the clinic's NPI");
	is_str(e.phone, "2175550100", "PER04: +1 gone");
	is_str(e.zip, "627010001", "ZIP as 9 digits");
	is_str(e.ein, "371234567", "EIN as 9 digits");
	is_int(e.usage, 'P', "production unless claim.usage says T");
	is_int(strlen(e.ccyymmdd), 8, "CCYYMMDD");
	is_int(strlen(e.hhmm), 4, "HHMM");

	c.claim_usage = "T";
	c.claim_submitter_id = "MAPLE01";
	is_int(claim837_env(&c, 1, &e), 0, "claim.usage T, a submitter id");
	is_int(e.usage, 'T', "usage T");
	is_str(e.submitter, "MAPLE01", "claim.submitter_id");
	is_int(e.newline, 1, "--newline kept");

	c.claim_usage = "X";
	hear();
	is_int(claim837_env(&c, 0, &e), EX_CONFIG, "claim.usage X: 78");
	is_str(said(), "clinix.yaml: claim.usage: 'X': T (test) or P "
	    "(production)", "said why");
	c.claim_usage = NULL;
	c.claim_submitter_id = "MUCH-TOO-LONG-FOR-ISA06";
	hear();
	is_int(claim837_env(&c, 0, &e), EX_CONFIG, "a submitter id past "
	    "15: 78");
	said();
	c.claim_submitter_id = NULL;
	c.claim_receiver = "A*B";
	hear();
	is_int(claim837_env(&c, 0, &e), EX_CONFIG, "a receiver with a *: 78");
	said();
	c.claim_receiver = NULL;
	c.clinic_zip = "62701";
	hear();
	is_int(claim837_env(&c, 0, &e), EX_CONFIG, "a 5-digit ZIP: 78");
	is_str(said(), "clinix.yaml: clinic.zip: '62701': the billing "
	    "provider's ZIP goes on claims as 9 digits (12345-6789)",
	    "said why");
	c.clinic_zip = "62701-0001";
	c.clinic_phone = NULL;
	hear();
	is_int(claim837_env(&c, 0, &e), EX_CONFIG, "no phone: 78");
	is_str(said(), "clinix.yaml: clinic.phone: missing: claims carry the "
	    "billing contact's phone as 10 digits (a +1 number)", "said why");
	c.clinic_phone = "+442071234567";
	hear();
	is_int(claim837_env(&c, 0, &e), EX_CONFIG, "a UK phone: 78");
	said();
}

/*
 * pat-1 Jane Doe, child: primary Acme Health (subscriber John Doe,
 * MBR123456, GRP100, filing 12), secondary Beta Care (subscriber Mary
 * Doe, BC777, group G2, filing CI).  pat-2 John Roe, self, Acme W2.
 * prv-1 Anna Smith.  clm-1: Jane's primary, paid by era-1 on
 * 2024-02-01: 150 charged, 95 paid; claim-level PR-3 20, line 1 (99213,
 * 100) paid 70 after CO-45 10, line 2 (87880-QW, 50) paid 25 after
 * CO-45 25 (standards.md §2's numbers, the copay at claim level).
 * clm-2: Jane's secondary, ready.  clm-3: John's, denied, payer claim
 * PCN123; clm-4: its replacement (frequency 7), with PA-9, ready.
 */
static const char fixture[] =
    "INSERT INTO patient (id, mrn, first, last, dob, sex, address1, city,"
    " state, zip, created_at, updated_at) VALUES"
    " (1, 'M1', 'Jane', 'Doe', '2015-05-05', 'F', '12 Elm St',"
    " 'Springfield', 'IL', '62702', 'x', 'x'),"
    " (2, 'M2', 'John', 'Roe', '1970-05-06', 'M', '1 Oak Ave',"
    " 'Springfield', 'IL', '62702-0001', 'x', 'x');"
    "INSERT INTO payer (id, name, payer_id, filing, created_at) VALUES"
    " (1, 'Acme Health', '12345', '12', 'x'),"
    " (2, 'Beta Care', '67890', 'CI', 'x');"
    "INSERT INTO coverage (id, patient_id, payer_id, member_id, group_no,"
    " priority, relationship, subscriber_name, subscriber_dob,"
    " subscriber_sex, start_date, created_at) VALUES"
    " (1, 1, 1, 'MBR123456', 'GRP100', 'primary', 'child', 'John Doe',"
    " '1985-02-03', 'M', '2024-01-01', 'x'),"
    " (2, 1, 2, 'BC777', 'G2', 'secondary', 'child', 'Mary Doe',"
    " '1986-03-04', 'F', '2024-01-01', 'x'),"
    " (3, 2, 1, 'W2', NULL, 'primary', 'self', NULL, NULL, NULL,"
    " '2024-01-01', 'x');"
    "INSERT INTO provider (id, name, npi, taxonomy, created_at) VALUES"
    " (1, 'Anna Smith', '1245319599', '207Q00000X', 'x');"
    "INSERT INTO encounter (id, patient_id, provider_id, start_at,"
    " created_at, created_by) VALUES"
    " (1, 1, 1, '2024-01-10T14:30:00Z', 'x', 'doc'),"
    " (2, 2, 1, '2024-01-10T15:30:00Z', 'x', 'doc');"
    "INSERT INTO encounter_proc (id, encounter_id, system, code, mods,"
    " units, dx, created_at, created_by) VALUES"
    " (1, 1, 'cpt', '99213', NULL, 1, '1,2', 'x', 'doc'),"
    " (2, 1, 'cpt', '87880', 'QW', 1, '1', 'x', 'doc'),"
    " (3, 2, 'cpt', '99214', NULL, 1, '1', 'x', 'doc');"
    "INSERT INTO claim (id, control, encounter_id, patient_id,"
    " coverage_id, payer_id, provider_id, payer_order, frequency,"
    " replaces, primary_claim, service_day, pos, prior_auth, total,"
    " status, payer_claim_no, created_at, created_by) VALUES"
    " (1, 'clm-1', 1, 1, 1, 1, 1, 'P', 1, NULL, NULL, '2024-01-10', '11',"
    " NULL, 15000, 'paid', 'PAYER7788', 'x', 'bill'),"
    " (2, 'clm-2', 1, 1, 2, 2, 1, 'S', 1, NULL, 1, '2024-01-10', '11',"
    " NULL, 15000, 'ready', NULL, 'x', 'bill'),"
    " (3, 'clm-3', 2, 2, 3, 1, 1, 'P', 1, NULL, NULL, '2024-01-10', '11',"
    " NULL, 7500, 'denied', 'PCN123', 'x', 'bill'),"
    " (4, 'clm-4', 2, 2, 3, 1, 1, 'P', 7, 3, NULL, '2024-01-10', '11',"
    " 'PA-9', 7500, 'ready', NULL, 'x', 'bill');"
    "INSERT INTO claim_dx VALUES (1, 1, 'J069'), (1, 2, 'R509'),"
    " (2, 1, 'J069'), (2, 2, 'R509'), (3, 1, 'E119'), (4, 1, 'E119');"
    "INSERT INTO claim_line (id, claim_id, line, proc_id, code, mods,"
    " units, charge, pointers) VALUES"
    " (1, 1, 1, 1, '99213', NULL, 1, 10000, '1:2'),"
    " (2, 1, 2, 2, '87880', 'QW', 1, 5000, '1'),"
    " (3, 2, 1, 1, '99213', NULL, 1, 10000, '1:2'),"
    " (4, 2, 2, 2, '87880', 'QW', 1, 5000, '1'),"
    " (5, 3, 1, 3, '99214', NULL, 1, 7500, '1'),"
    " (6, 4, 1, 3, '99214', NULL, 1, 7500, '1');"
    "INSERT INTO remit (id, trace, payer_tin, payer_id, method, paid,"
    " paid_on, sha256, received_at, received_by) VALUES"
    " (1, 'EFT1', '1123456789', 1, 'ACH', 9500, '2024-02-01', 'x',"
    " '2024-02-03T10:00:00Z', 'bill');"
    "INSERT INTO remit_claim (id, remit_id, claim_id, clp01, status,"
    " charge, paid, patient_resp, payer_claim_no) VALUES"
    " (1, 1, 1, 'clm-1', '1', 15000, 9500, 2000, 'PAYER7788');"
    "INSERT INTO remit_line (id, remit_claim_id, claim_line_id, procedure,"
    " charge, paid, units, service_day) VALUES"
    " (1, 1, 1, 'HC:99213', 10000, 7000, 1, '2024-01-10'),"
    " (2, 1, 2, 'HC:87880:QW', 5000, 2500, 1, '2024-01-10');"
    "INSERT INTO remit_adj (remit_claim_id, remit_line_id, grp, reason,"
    " amount, quantity) VALUES"
    " (1, NULL, 'PR', '3', 2000, NULL),"
    " (1, 1, 'CO', '45', 1000, NULL),"
    " (1, 2, 'CO', '45', 2500, NULL);";

/* The interchange the fixture's two ready claims make (hand-written). */
static const char *const expected[] = {
	/* claim.receiver ACMECH, claim.submitter_id MAPLE01, usage T */
	"ISA*00*          *00*          *ZZ*MAPLE01        *ZZ*ACMECH    "
	"     *240115*1030*^*00501*000000101*0*T*:",
	"GS*HC*MAPLE01*ACMECH*20240115*1030*101*X*005010X222A1",
	"ST*837*0101*005010X222A1",
	"BHT*0019*00*BATCH101*20240115*1030*CH",
	"NM1*41*2*MAPLE CLINIC*****46*MAPLE01",
	"PER*IC*MAPLE CLINIC*TE*2175550100",
	/* claim.receiver_name unset: the receiver id */
	"NM1*40*2*ACMECH*****46*ACMECH",
	"HL*1**20*1",
	"PRV*BI*PXC*207Q00000X",
	"NM1*85*2*MAPLE CLINIC*****XX*1234567893",
	"N3*100 MAIN ST",
	"N4*SPRINGFIELD*IL*627010001",
	"REF*EI*371234567",
	/* Acme's claims first (payer order, then id): clm-4, a replacement
	 * of clm-3, John his own subscriber */
	"HL*2*1*22*0",
	"SBR*P*18*******12",
	"NM1*IL*1*ROE*JOHN****MI*W2",
	"N3*1 OAK AVE",
	"N4*SPRINGFIELD*IL*627020001",
	"DMG*D8*19700506*M",
	"NM1*PR*2*ACME HEALTH*****PI*12345",
	/* CLM05-3 7; REF*F8 the replaced claim's payer claim number */
	"CLM*clm-4*75***11:B:7*Y*A*Y*Y",
	"REF*F8*PCN123",
	"REF*G1*PA-9",
	"HI*ABK:E119",
	"NM1*82*1*SMITH*ANNA****XX*1245319599",
	"PRV*PE*PXC*207Q00000X",
	"LX*1",
	"SV1*HC:99214*75*UN*1***1",
	"DTP*472*D8*20240110",
	"REF*6R*6",
	/* then Beta Care's: clm-2, the secondary: SBR01 S, the secondary's
	 * subscriber */
	"HL*3*1*22*1",
	"SBR*S**G2******CI",
	"NM1*IL*1*DOE*MARY****MI*BC777",
	"NM1*PR*2*BETA CARE*****PI*67890",
	"HL*4*3*23*0",
	"PAT*19",
	"NM1*QC*1*DOE*JANE",
	"N3*12 ELM ST",
	"N4*SPRINGFIELD*IL*62702",
	"DMG*D8*20150505*F",
	"CLM*clm-2*150***11:B:1*Y*A*Y*Y",
	"HI*ABK:J069*ABF:R509",
	"NM1*82*1*SMITH*ANNA****XX*1245319599",
	"PRV*PE*PXC*207Q00000X",
	/* 2320: the primary's order, Jane a child (19) of its subscriber,
	 * its group and filing; its claim-level CAS as received; AMT*D its
	 * CLP04 95; OI benefits assigned Y, release Y */
	"SBR*P*19*GRP100******12",
	"CAS*PR*3*20",
	"AMT*D*95",
	"OI***Y***Y",
	/* 2330A the primary's subscriber, 2330B the primary payer */
	"NM1*IL*1*DOE*JOHN****MI*MBR123456",
	"NM1*PR*2*ACME HEALTH*****PI*12345",
	"LX*1",
	"SV1*HC:99213*100*UN*1***1:2",
	"DTP*472*D8*20240110",
	"REF*6R*3",
	/* 2430: SVD01 = 2330B's id, SVC03 70, the procedure, SVC05 units;
	 * the line's CAS; DTP*573 the 835's paid_on */
	"SVD*12345*70*HC:99213**1",
	"CAS*CO*45*10",
	"DTP*573*D8*20240201",
	"LX*2",
	"SV1*HC:87880:QW*50*UN*1***1",
	"DTP*472*D8*20240110",
	"REF*6R*4",
	"SVD*12345*25*HC:87880:QW**1",
	"CAS*CO*45*25",
	"DTP*573*D8*20240201",
	/* ST..SE: 11 (ST..REF*EI) + 17 (clm-4) + 34 (clm-2) + 1 (SE) */
	"SE*63*0101",
	"GE*1*101",
	"IEA*1*000000101",
};

static int
exec(struct db *db, const char *sql)
{
	char	*err = NULL;
	int	 rc = sqlite3_exec(db_handle(db), sql, NULL, NULL, &err);

	if (rc != SQLITE_OK)
		diag("%s", err);
	sqlite3_free(err);
	return rc;
}

/* Write g to memory; the bytes (owned) or NULL. */
static char *
write_group(struct db *db, const struct c837_env *e,
    const struct c837_group *g, int *rc, long *n, long long *len,
    char sha[65])
{
	char	*p = NULL;
	size_t	 sz = 0;
	FILE	*f = open_memstream(&p, &sz);

	*rc = claim837_write(db, e, g, f, n, len, sha);
	fclose(f);
	return p;
}

static void
interchange(struct db *db)
{
	struct cfg		 c;
	struct c837_env		 e;
	struct c837_group	*g;
	struct buf		 want = { 0 };
	struct x12r		 r;
	size_t			 ng;
	long			 n;
	long long		 len;
	char			 sha[65], *got;
	int			 rc, nseg = 0, nsvd = 0;

	if (!is_int(exec(db, fixture), SQLITE_OK, "the fixture goes in"))
		return;
	clinic(&c);
	c.claim_receiver = "ACMECH";
	c.claim_submitter_id = "MAPLE01";
	c.claim_usage = "T";
	is_int(claim837_env(&c, 1, &e), 0, "env");
	memcpy(e.ccyymmdd, "20240115", 9);	/* the run's clock, fixed */
	memcpy(e.hhmm, "1030", 5);
	is_int(claim837_groups(db, &e, 0, &g, &ng), 0, "groups");
	if (!is_int(ng, 1, "one interchange, to the clearinghouse"))
		return;
	is_int(g[0].payer, 0, "for every payer");
	is_str(g[0].receiver, "ACMECH", "ISA08");
	g[0].control = 101;
	got = write_group(db, &e, &g[0], &rc, &n, &len, sha);
	is_int(rc, 0, "written");
	is_int(n, 2, "two claims: clm-2 and clm-4");
	is_int(len, (long long)strlen(got), "len counts the bytes");
	for (size_t i = 0; i < nitems(expected); i++) {
		buf_adds(&want, expected[i]);
		buf_adds(&want, "~\n");
	}
	is_str(got, want.s, "the bytes, segment by segment");
	is_int(strchr(got, '\n') - got, 106, "the ISA is 106 bytes with its ~");

	/* our reader takes it back whole */
	is_int(x12r_open(&r, got, strlen(got)), 0, "x12r_open");
	while ((rc = x12r_next(&r)) == 1) {
		nseg++;
		if (x12r_is(&r, "SVD"))
			nsvd++;
	}
	is_int(rc, 0, "x12r reads to the IEA (%s)", r.why);
	is_int(nseg, (int)nitems(expected), "every segment");
	is_int(nsvd, 2, "two SVD");
	free(got);

	/* no newline: the same bytes less the newlines, another digest */
	{
		char	 sha2[65], *flat;
		size_t	 o = 0;

		e.newline = 0;
		flat = write_group(db, &e, &g[0], &rc, &n, &len, sha2);
		for (size_t i = 0; i < want.len; i++)
			if (want.s[i] != '\n')
				want.s[o++] = want.s[i];
		want.s[o] = '\0';
		is_str(flat, want.s, "without --newline: no newlines");
		ok(strcmp(sha, sha2) != 0, "a digest of the bytes written");
		free(flat);
	}
	buf_free(&want);
	free(g);
}

/* Several claim-level CAS rows of one group: six triplets a segment. */
static void
cas_split(struct db *db)
{
	struct cfg		 c;
	struct c837_env		 e;
	struct c837_group	 g = { .payer = 2, .receiver = "67890",
				    .receiver_name = "BETA CARE",
				    .control = 7 };
	long			 n;
	long long		 len;
	char			 sha[65], *got, *at;
	int			 rc;

	exec(db, "INSERT INTO remit_adj (remit_claim_id, remit_line_id, grp,"
	    " reason, amount, quantity) VALUES (1, NULL, 'PR', '1', 100, NULL),"
	    " (1, NULL, 'PR', '2', 200, NULL), (1, NULL, 'PR', '3', 300, 2),"
	    " (1, NULL, 'PR', '1', 400, NULL), (1, NULL, 'PR', '2', 500, NULL),"
	    " (1, NULL, 'PR', '3', 600, NULL), (1, NULL, 'OA', '23', -700,"
	    " NULL)");
	clinic(&c);
	claim837_env(&c, 1, &e);
	got = write_group(db, &e, &g, &rc, &n, &len, sha);
	is_int(rc, 0, "Beta Care's interchange");
	is_int(n, 1, "clm-2 alone");
	/* the first PR (20) and six more: 6 in one CAS, 1 in the next, then
	 * the OA of its own group, in the order received */
	ok((at = strstr(got, "CAS*PR*3*20**1*1**2*2**3*3*2*1*4**2*5~\n"
	    "CAS*PR*3*6~\nCAS*OA*23*-7~\nAMT*D*95~")) != NULL,
	    "CAS: six triplets a segment, qty where given, groups apart");
	if (at == NULL)
		diag("%s", got);
	free(got);
}

/* A secondary whose primary has no 835 is refused; a payer id too long
 * for ISA08 too. */
static void
refusals(struct db *db)
{
	struct cfg		 c;
	struct c837_env		 e;
	struct c837_group	*gs, g = { .payer = 2, .receiver = "67890",
				    .control = 8 };
	size_t			 ng;
	long			 n;
	long long		 len;
	char			 sha[65], *got;
	int			 rc;

	clinic(&c);
	c.claim_receiver_name = "Acme Clearinghouse";	/* no receiver: unused */
	claim837_env(&c, 0, &e);
	is_int(claim837_groups(db, &e, 0, &gs, &ng), 0, "groups by payer");
	is_int(ng, 2, "Acme's and Beta Care's");
	if (ng == 2) {
		is_int(gs[0].payer, 1, "Acme first");
		is_str(gs[0].receiver, "12345", "its id");
		is_str(gs[0].receiver_name, "ACME HEALTH", "its name, not "
		    "claim.receiver_name's");
		is_str(gs[1].receiver, "67890", "then Beta Care");
	}
	free(gs);
	is_int(claim837_groups(db, &e, 2, &gs, &ng), 0, "groups of pyr-2");
	is_int(ng, 1, "Beta Care's only");
	free(gs);

	exec(db, "UPDATE remit_claim SET status = '22'");
	hear();
	got = write_group(db, &e, &g, &rc, &n, &len, sha);
	is_int(rc, EX_DATAERR, "a primary with only a reversal: refused");
	is_str(said(), "clm-2: its primary claim clm-1 has no 835 to pass on "
	    "yet", "said why");
	free(got);
	exec(db, "UPDATE remit_claim SET status = '1'");

	exec(db, "UPDATE payer SET payer_id = 'A-PAYER-ID-PAST-15' WHERE"
	    " id = 2");
	hear();
	is_int(claim837_groups(db, &e, 0, &gs, &ng), EX_DATAERR, "an id "
	    "ISA08 cannot hold: 65");
	is_str(said(), "payer 'Beta Care': its X12 id 'A-PAYER-ID-PAST-15' "
	    "will not do as ISA08 (at most 15 characters, no blanks): set "
	    "claim.receiver to send through a clearinghouse", "said why");
	exec(db, "UPDATE payer SET payer_id = '67890' WHERE id = 2");

	exec(db, "INSERT INTO claim (id, control, encounter_id, patient_id,"
	    " coverage_id, payer_id, provider_id, service_day, pos, total,"
	    " status, created_at, created_by) VALUES (5, 'clm-5', 2, 2, 3, 2,"
	    " 1, '2024-01-11', '11', 0, 'ready', 'x', 'bill')");
	hear();
	is_int(claim837_groups(db, &e, 0, &gs, &ng), EX_DATAERR, "a ready "
	    "claim without lines: 65");
	is_str(said(), "clm-5 is ready but bills no service: run 'claim "
	    "validate'", "said which");
}

int
main(void)
{
	struct tempdb	 t;
	struct db	*db;

	snprintf(errpath, sizeof(errpath), "/tmp/claim837-unit.%d",
	    (int)getpid());
	env_checks();
	if (tempdb_use(&t, &db) == 0) {
		interchange(db);
		cas_split(db);
		refusals(db);
	}
	tempdb_close(&t);
	unlink(errpath);
	return done_testing();
}

/*
 * remit - unit tests for lib/remit.c's reader, which needs no database:
 * the standards.md §2 example read field by field (the values are the
 * document's, read off its text), and each balancing rule broken once
 * with the message it must give, worked out by hand beside each case.
 */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "remit.h"
#include "tap.h"
#include "util.h"

/* standards.md §2's example, as printed there (23 segments ST..SE). */
static const char example[] =
    "ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*MAPLE01        "
    "*240201*0900*^*00501*000000555*0*T*:~\n"
    "GS*HP*ACMEHEALTH*MAPLE01*20240201*0900*555*X*005010X221A1~\n"
    "ST*835*0001~\n"
    "BPR*I*96.5*C*ACH*CCP*01*999999992*DA*123456*1123456789**01*999988880"
    "*DA*98765*20240201~\n"
    "TRN*1*EFT0001234*1123456789~\n"
    "DTM*405*20240131~\n"
    "N1*PR*ACME HEALTH~\n"
    "N3*1 INSURANCE WAY~\n"
    "N4*CHICAGO*IL*60601~\n"
    "PER*BL*EDI SUPPORT*TE*5555550199~\n"
    "N1*PE*MAPLE CLINIC*XX*1234567893~\n"
    "LX*1~\n"
    "CLP*PT1001*1*150*95*20*12*PAYER7788*11*1~\n"
    "NM1*QC*1*DOE*JANE****MI*MBR123456~\n"
    "SVC*HC:99213*100*70**1~\n"
    "DTM*472*20240110~\n"
    "CAS*CO*45*10~\n"
    "CAS*PR*3*20~\n"
    "AMT*B6*90~\n"
    "SVC*HC:87880:QW*50*25**1~\n"
    "DTM*472*20240110~\n"
    "CAS*CO*45*25~\n"
    "AMT*B6*25~\n"
    "PLB*1234567893*20241231*L6*-1.5~\n"
    "SE*23*0001~\n"
    "GE*1*555~\n"
    "IEA*1*000000555~\n";

/* example with the first from replaced by to (same segment count). */
static int
parse_edited(const char *from, const char *to, struct remit_file *f,
    char why[REMIT_WHY])
{
	struct buf	 b = { 0 };
	const char	*at = strstr(example, from);
	int		 rc;

	if (at == NULL) {
		ok(0, "'%s' is in the example", from);
		return -1;
	}
	buf_add(&b, example, (size_t)(at - example));
	buf_adds(&b, to);
	buf_adds(&b, at + strlen(from));
	rc = remit_parse(b.s, b.len, f, why);
	buf_free(&b);
	return rc;
}

static void
the_example(void)
{
	struct remit_file	 f;
	char			 why[REMIT_WHY];

	is_int(remit_parse(example, sizeof(example) - 1, &f, why), 0,
	    "the example reads and balances");
	is_str(why, "", "  nothing said");
	is_int(f.nset, 1, "one payment");
	is_int(f.set[0].paid, 9650, "BPR02 96.5");
	is_str(f.set[0].method, "ACH", "BPR04");
	is_str(f.set[0].paid_on, "2024-02-01", "BPR16");
	is_str(f.set[0].trace, "EFT0001234", "TRN02");
	is_str(f.set[0].payer_tin, "1123456789", "TRN03");
	is_str(f.set[0].payer_name, "ACME HEALTH", "N1*PR N102");
	is_str(f.set[0].payer_ref, "", "no REF*2U, no N104");
	is_int(f.nclp, 1, "one claim");
	is_str(f.clp[0].clp01, "PT1001", "CLP01");
	is_str(f.clp[0].status, "1", "CLP02");
	is_int(f.clp[0].charge, 15000, "CLP03");
	is_int(f.clp[0].paid, 9500, "CLP04");
	is_int(f.clp[0].resp, 2000, "CLP05");
	is_str(f.clp[0].payer_claim_no, "PAYER7788", "CLP07");
	is_int(f.clp[0].nadj, 0, "no claim-level CAS");
	is_int(f.clp[0].nsvc, 2, "two lines");
	is_str(f.svc[0].proc, "HC:99213", "SVC01");
	is_str(f.svc[0].code, "99213", "  its code");
	is_str(f.svc[0].mods, "", "  no modifier");
	is_int(f.svc[0].charge, 10000, "  SVC02");
	is_int(f.svc[0].paid, 7000, "  SVC03");
	is_int(f.svc[0].units, 1, "  SVC05");
	is_str(f.svc[0].day, "2024-01-10", "  DTM*472");
	is_int(f.svc[0].allowed, 9000, "  AMT*B6");
	is_int(f.svc[0].nadj, 2, "  two CAS");
	is_str(f.adj[f.svc[0].adj0].grp, "CO", "  CO");
	is_str(f.adj[f.svc[0].adj0].reason, "45", "  -45");
	is_int(f.adj[f.svc[0].adj0].amount, 1000, "  10.00");
	is_str(f.adj[f.svc[0].adj0 + 1].grp, "PR", "  PR");
	is_str(f.adj[f.svc[0].adj0 + 1].reason, "3", "  -3");
	is_int(f.adj[f.svc[0].adj0 + 1].amount, 2000, "  20.00");
	is_str(f.svc[1].code, "87880", "line 2's code");
	is_str(f.svc[1].mods, "QW", "  its modifier");
	is_int(f.svc[1].paid, 2500, "  paid 25");
	is_int(f.svc[1].nadj, 1, "  one CAS");
	is_int(f.nplb, 1, "one PLB");
	is_str(f.plb[0].provider, "1234567893", "  PLB01");
	is_str(f.plb[0].reason, "L6", "  interest");
	is_int(f.plb[0].amount, -150, "  -1.50 (adds to the payment)");
	remit_free(&f);
}

static void
unbalanced(void)
{
	static const struct {
		const char	*from, *to, *why;
	} cases[] = {
		/* 100 - (10 + 20) = 70, not 75 */
		{ "SVC*HC:99213*100*70**1~", "SVC*HC:99213*100*75**1~",
		  "PT1001 line 1: SVC02 100.00 - CAS 30.00 = 70.00, SVC03 "
		  "says 75.00" },
		/* line 2: 50 - 25 = 25, not 30 */
		{ "SVC*HC:87880:QW*50*25**1~", "SVC*HC:87880:QW*50*30**1~",
		  "PT1001 line 2: SVC02 50.00 - CAS 25.00 = 25.00, SVC03 "
		  "says 30.00" },
		/* 150 - (10 + 20 + 25) = 95, not 90 */
		{ "CLP*PT1001*1*150*95*", "CLP*PT1001*1*150*90*",
		  "PT1001: CLP03 150.00 - CAS 55.00 = 95.00, CLP04 says 90.00" },
		/* 95 - (-1.50) = 96.50, not 95 */
		{ "BPR*I*96.5*", "BPR*I*95*",
		  "set 0001 (trace EFT0001234): CLP04 95.00 - PLB -1.50 = "
		  "96.50, BPR02 says 95.00" },
		/* the sign of PLB matters: +1.50 reduces it to 93.50 */
		{ "L6*-1.5~", "L6*1.5~",
		  "set 0001 (trace EFT0001234): CLP04 95.00 - PLB 1.50 = "
		  "93.50, BPR02 says 96.50" },
	};

	for (size_t i = 0; i < nitems(cases); i++) {
		struct remit_file	 f;
		char			 why[REMIT_WHY];

		is_int(parse_edited(cases[i].from, cases[i].to, &f, why),
		    EX_DATAERR, "%s: refused", cases[i].to);
		is_str(why, cases[i].why, "  saying why");
		remit_free(&f);
	}
}

static void
refused(void)
{
	static const struct {
		const char	*from, *to, *what;
	} cases[] = {
		{ "ST*835*0001~", "ST*837*0001~", "a set other than 835" },
		{ "GS*HP*", "GS*HC*", "a claim group, not a remittance" },
		{ "SE*23*", "SE*22*", "a wrong SE01" },
		{ "CAS*CO*45*10~", "CAS*XX*45*10~", "no such CAS group" },
		{ "CAS*CO*45*10~", "CAS*CO*45*1O~", "an amount that is none" },
		{ "CAS*CO*45*10~", "CAS*CO*45*10.001~", "three decimals" },
		{ "TRN*1*EFT0001234*1123456789~", "TRN*1**1123456789~",
		  "no trace number" },
		{ "DTM*472*20240110~", "DTM*472*2024011~", "a bad date" },
		{ "PLB*1234567893*20241231*L6*-1.5~",
		  "PLB*1234567893*20241231*L6*~", "a PLB without amount" },
		{ "IEA*1*000000555~\n", "", "no IEA" },
	};

	for (size_t i = 0; i < nitems(cases); i++) {
		struct remit_file	 f;
		char			 why[REMIT_WHY];

		is_int(parse_edited(cases[i].from, cases[i].to, &f, why),
		    EX_DATAERR, "%s: refused", cases[i].what);
		ok(why[0] != '\0', "  saying why (%s)", why);
		remit_free(&f);
	}
}

/* A claim without lines balances at claim level only; two sets. */
static void
claim_level(void)
{
	static const char two[] =
	    "ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*MAPLE01   "
	    "     *240201*0900*^*00501*000000556*0*T*:~"
	    "GS*HP*ACMEHEALTH*MAPLE01*20240201*0900*556*X*005010X221A1~"
	    /* set 1, 7 segments: 100 - CO 20 = 80 = BPR02 */
	    "ST*835*0001~"
	    "BPR*I*80*C*CHK************20240201~"
	    "TRN*1*CHK77*1123456789~"
	    "N1*PR*ACME HEALTH*XV*60054~"
	    "CLP*clm-7*1*100*80*0*12*P7~"
	    "CAS*CO*45*20~"
	    "SE*7*0001~"
	    /* set 2, 6 segments: a reversal, -80 */
	    "ST*835*0002~"
	    "BPR*I*-80*D*ACH~"
	    "TRN*1*EFT78*1123456789~"
	    "CLP*clm-7*22*-100*-80~"
	    "CAS*CO*45*-20~"
	    "SE*6*0002~"
	    "GE*2*556~"
	    "IEA*1*000000556~";
	struct remit_file	 f;
	char			 why[REMIT_WHY];

	is_int(remit_parse(two, sizeof(two) - 1, &f, why), 0,
	    "two sets, claims without lines: %s", why);
	is_int(f.nset, 2, "two payments");
	is_str(f.set[0].method, "CHK", "a check");
	is_str(f.set[0].payer_ref, "60054", "the payer's id from N1*PR N104");
	is_int(f.set[0].nclp, 1, "  one claim");
	is_int(f.clp[0].nadj, 1, "  a claim-level CAS");
	is_int(f.clp[0].nsvc, 0, "  no lines");
	is_int(f.set[1].paid, -8000, "the reversal's BPR02, negative");
	is_str(f.clp[1].status, "22", "  CLP02 22");
	is_int(f.adj[f.clp[1].adj0].amount, -2000, "  CAS negated");
	remit_free(&f);
}

int
main(void)
{
	the_example();
	unbalanced();
	refused();
	claim_level();
	return done_testing();
}

/*
 * remit - see remit.h.  The parser reads an 835 segment by segment
 * through the X12 reader (x12.h, which checks the envelope) into flat
 * arrays, then checks each set's balancing when its SE comes; posting
 * reads only what the parser kept.
 *
 * Posting, per claim matched: each line credits the insurance
 * receivable of its patient, encounter and procedure with its whole
 * charge (SVC02 = SVC03 + its CAS: the balancing rule); what the payer
 * paid (SVC03, CLP04 in all) debits eft (BPR04 ACH and the others) or
 * check (CHK); its PR amounts debit the patient's receivable of the same
 * line; CO debits contractual, OA (and CR) adj.other, PI adj.payer.
 * Claim-level CAS credit the receivable of the claim's encounter.  The
 * postings that name only the payer (the claims' cash, contractual,
 * adj.other, adj.payer) are summed per payment and payer, one posting
 * each: 30,000 lines make 30,000 postings less.  A PLB debits plb and
 * credits eft with its amount as signed (interest L6 is negative), one
 * pair each.  An unmatched claim's payment, with --keep-going, debits
 * eft and credits unapplied.  So the eft/check postings sum to BPR02.
 */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "claim.h"
#include "editor.h"
#include "encounter.h"
#include "ledger.h"
#include "money.h"
#include "remit.h"
#include "util.h"
#include "x12.h"

/* The largest amount an 835 may carry, as the posting table takes. */
#define REMIT_MAX	100000000000LL

enum { Q_PAYER_REF, Q_KNOWN, Q_CLAIM, Q_LINES, Q_REMIT_ADD, Q_CLAIM_ADD,
    Q_LINE_ADD, Q_ADJ_ADD, Q_PLB_ADD, Q_PAYER_NO, Q_TXN, Q_UNMATCHED };

const struct query remit_queries[] = {
	[Q_PAYER_REF] = { "remit.payer_ref",
	    "SELECT id FROM payer WHERE payer_id = ?1 ORDER BY active DESC, id"
	    " LIMIT 1" },
	[Q_KNOWN] = { "remit.known",
	    "SELECT id FROM remit WHERE trace = ?1 AND payer_tin = ?2" },
	[Q_CLAIM] = { "remit.claim",	/* id, patient, payer, encounter */
	    "SELECT id, patient_id, payer_id, encounter_id FROM claim"
	    " WHERE control = ?1" },
	[Q_LINES] = { "remit.lines",	/* id, proc, code, mods, day */
	    "SELECT l.id, l.proc_id, l.code, coalesce(l.mods, ''),"
	    " c.service_day FROM claim_line l JOIN claim c ON c.id = l.claim_id"
	    " WHERE l.claim_id = ?1 ORDER BY l.line" },
	[Q_REMIT_ADD] = { "remit.add",
	    "INSERT INTO remit (trace, payer_tin, payer_id, method, paid,"
	    " paid_on, txn_id, sha256, received_at, received_by) VALUES"
	    " (:trace, :tin, :payer, :method, :paid, :on, :txn, :sha,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :who)" },
	[Q_CLAIM_ADD] = { "remit.claim_add",
	    "INSERT INTO remit_claim (remit_id, claim_id, clp01, status,"
	    " charge, paid, patient_resp, payer_claim_no, remarks) VALUES"
	    " (:remit, :claim, :clp01, :status, :charge, :paid, :resp, :pcn,"
	    " :remarks)" },
	[Q_LINE_ADD] = { "remit.line_add",
	    "INSERT INTO remit_line (remit_claim_id, claim_line_id, procedure,"
	    " charge, paid, units, service_day, remarks) VALUES (:rc, :line,"
	    " :proc, :charge, :paid, :units, :day, :remarks)" },
	[Q_ADJ_ADD] = { "remit.adj_add",
	    "INSERT INTO remit_adj (remit_claim_id, remit_line_id, grp, reason,"
	    " amount, quantity) VALUES (:rc, :rl, :grp, :reason, :amount,"
	    " :qty)" },
	[Q_PLB_ADD] = { "remit.plb_add",
	    "INSERT INTO remit_plb (remit_id, provider_ref, reason, ref, amount)"
	    " VALUES (:remit, :prv, :reason, :ref, :amount)" },
	[Q_PAYER_NO] = { "remit.payer_claim_no",
	    "UPDATE claim SET payer_claim_no = ?2 WHERE id = ?1" },
	[Q_TXN] = { "remit.txn",
	    "UPDATE remit SET txn_id = ?2 WHERE id = ?1 AND txn_id IS NULL" },
	[Q_UNMATCHED] = { "remit.unmatched",
	    /* era, CLP01, paid (cents exactly, never a float), payer claim
	       no, received */
	    "SELECT 'era-' || r.id AS era, c.clp01 AS clp01,"
	    " printf('%s%d.%02d', CASE WHEN c.paid < 0 THEN '-' ELSE '' END,"
	    " abs(c.paid) / 100, abs(c.paid) % 100) AS paid,"
	    " c.payer_claim_no AS payer_claim_no, r.received_at AS received"
	    " FROM remit_claim c"
	    " JOIN remit r ON r.id = c.remit_id WHERE c.claim_id IS NULL"
	    " ORDER BY r.id, c.id" },
	{ NULL, NULL }
};

/* --- reading --------------------------------------------------------- */

struct parse {
	struct x12r		 r;
	struct remit_file	*f;
	char			*why;
	struct remit_set	*set;		/* the open set, or NULL */
	long			 clp, svc;	/* the open CLP and SVC, or -1 */
	int			 loop;		/* 'R' after N1*PR, 'E' after N1*PE */
	int			 bpr, trn;	/* seen in the set */
};

static int
fail(struct parse *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
fail(struct parse *p, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	n = snprintf(p->why, REMIT_WHY, "segment %ld (%s): ", p->r.segno,
	    p->r.id);
	if (n < 0 || n >= REMIT_WHY)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(p->why + n, REMIT_WHY - n, fmt, ap);
	va_end(ap);
	return EX_DATAERR;
}

#define GROW(f, what, type)						\
	do {								\
		if ((f)->n##what == (f)->cap##what) {			\
			(f)->cap##what = (f)->cap##what ?		\
			    2 * (f)->cap##what : 16;			\
			(f)->what = xrealloc((f)->what, (f)->cap##what *	\
			    sizeof(type));				\
		}							\
		memset(&(f)->what[(f)->n##what], 0, sizeof(type));	\
	} while (0)

/* Element i into buf (size n), "" when absent; -1 when it does not fit. */
static int
el(struct parse *p, size_t i, char *buf, size_t n, const char *name)
{
	if (x12r_el(&p->r, i, buf, n) == -1) {
		fail(p, "%s is longer than %zu", name, n - 1);
		return -1;
	}
	return 0;
}

/* A required element: as el, and -1 when empty. */
static int
need(struct parse *p, size_t i, char *buf, size_t n, const char *name)
{
	if (el(p, i, buf, n, name) == -1)
		return -1;
	if (buf[0] == '\0') {
		fail(p, "%s is missing", name);
		return -1;
	}
	return 0;
}

static int
amount(struct parse *p, size_t i, long long *c, const char *name)
{
	if (x12r_money(&p->r, i, c) == -1) {
		fail(p, "%s is not an amount", name);
		return -1;
	}
	if (*c > REMIT_MAX || *c < -REMIT_MAX) {
		fail(p, "%s is too large", name);
		return -1;
	}
	return 0;
}

/* CCYYMMDD into YYYY-MM-DD (out 11 bytes): 0, or -1 when it is none. */
static int
day8(const char *s, char out[11])
{
	for (int i = 0; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	if (s[8] != '\0')
		return -1;
	snprintf(out, 11, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	return 0;
}

static void
lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s += 'a' - 'A';
}

static int
seg_st(struct parse *p)
{
	struct remit_file	*f = p->f;
	char			 b[8];

	if (el(p, 1, b, sizeof(b), "ST01") == -1)
		return -1;
	if (strcmp(b, "835") != 0)
		return fail(p, "a %s set, not an 835", b[0] ? b : "nameless"),
		    -1;
	GROW(f, set, struct remit_set);
	p->set = &f->set[f->nset++];
	snprintf(p->set->st02, sizeof(p->set->st02), "%s", p->r.st02);
	p->set->clp0 = f->nclp;
	p->set->plb0 = f->nplb;
	p->clp = p->svc = -1;
	p->loop = 0;
	p->bpr = p->trn = 0;
	return 0;
}

static int
seg_bpr(struct parse *p)
{
	char b[16];

	if (p->bpr++)
		return fail(p, "a second BPR in the set"), -1;
	if (amount(p, 2, &p->set->paid, "BPR02") == -1 ||
	    el(p, 4, p->set->method, sizeof(p->set->method), "BPR04") == -1)
		return -1;
	if (p->set->method[0] == '\0')
		return fail(p, "BPR04 (payment method) is missing"), -1;
	if (el(p, 16, b, sizeof(b), "BPR16") == -1)
		return -1;
	if (b[0] != '\0' && day8(b, p->set->paid_on) == -1)
		return fail(p, "BPR16 '%s' is not a date", b), -1;
	return 0;
}

static int
seg_trn(struct parse *p)
{
	if (p->trn++)
		return fail(p, "a second TRN in the set"), -1;
	if (need(p, 2, p->set->trace, sizeof(p->set->trace), "TRN02") == -1 ||
	    need(p, 3, p->set->payer_tin, sizeof(p->set->payer_tin),
	    "TRN03") == -1)
		return -1;
	return 0;
}

static int
seg_n1(struct parse *p)
{
	char b[4], q[4], id[81];

	if (el(p, 1, b, sizeof(b), "N101") == -1)
		return -1;
	p->loop = strcmp(b, "PR") == 0 ? 'R' : strcmp(b, "PE") == 0 ? 'E' : 0;
	if (p->loop != 'R')
		return 0;
	if (x12r_el(&p->r, 2, p->set->payer_name,
	    sizeof(p->set->payer_name)) == -1)
		p->set->payer_name[0] = '\0';	/* only for messages */
	if (el(p, 3, q, sizeof(q), "N103") == -1 ||
	    el(p, 4, id, sizeof(id), "N104") == -1)
		return -1;
	if (id[0] != '\0' && p->set->payer_ref[0] == '\0')
		snprintf(p->set->payer_ref, sizeof(p->set->payer_ref), "%s", id);
	return 0;
}

static int
seg_ref(struct parse *p)
{
	struct remit_svc	*s;
	char			 q[4], v[51], *end;

	if (el(p, 1, q, sizeof(q), "REF01") == -1)
		return -1;
	if (p->clp < 0 && p->loop == 'R' && strcmp(q, "2U") == 0) {
		/* the payer's id: it wins over N1*PR N104 */
		if (el(p, 2, p->set->payer_ref, sizeof(p->set->payer_ref),
		    "REF02") == -1)
			return -1;
		return 0;
	}
	if (p->svc < 0 || strcmp(q, "6R") != 0)
		return 0;
	s = &p->f->svc[p->svc];
	if (need(p, 2, v, sizeof(v), "REF02 (6R)") == -1)
		return -1;
	errno = 0;
	s->ref6r = strtoll(v, &end, 10);
	if (*end != '\0' || errno != 0 || s->ref6r <= 0)
		s->ref6r = 0;	/* not one of ours: match by code */
	return 0;
}

/* A remark code (RARC) onto list, "N130,M15"; what has no room is dropped. */
static void
remark_add(char *list, size_t size, const char *code)
{
	size_t n = strlen(list);

	if (*code == '\0' || n + strlen(code) + 2 > size)
		return;
	snprintf(list + n, size - n, "%s%s", n ? "," : "", code);
}

/* MOA (2100): MOA03 to MOA07 are the claim's remark codes. */
static int
seg_moa(struct parse *p)
{
	char code[8];

	if (p->clp < 0 || p->svc >= 0)
		return 0;
	for (size_t i = 3; i <= 7; i++)
		if (x12r_el(&p->r, i, code, sizeof(code)) > 0)
			remark_add(p->f->clp[p->clp].remarks,
			    sizeof(p->f->clp[p->clp].remarks), code);
	return 0;
}

/* LQ*HE (2110): one remark code of the line. */
static int
seg_lq(struct parse *p)
{
	char q[4], code[8];

	if (p->svc < 0 || x12r_el(&p->r, 1, q, sizeof(q)) <= 0 ||
	    strcmp(q, "HE") != 0 || x12r_el(&p->r, 2, code, sizeof(code)) <= 0)
		return 0;
	remark_add(p->f->svc[p->svc].remarks,
	    sizeof(p->f->svc[p->svc].remarks), code);
	return 0;
}

static int
seg_clp(struct parse *p)
{
	struct remit_file	*f = p->f;
	struct remit_clp	*c;

	if (!p->bpr || !p->trn)
		return fail(p, "CLP before the set's BPR and TRN"), -1;
	if (p->set->nplb > 0)
		return fail(p, "CLP after PLB"), -1;
	GROW(f, clp, struct remit_clp);
	c = &f->clp[f->nclp];
	if (need(p, 1, c->clp01, sizeof(c->clp01), "CLP01") == -1 ||
	    need(p, 2, c->status, sizeof(c->status), "CLP02") == -1 ||
	    amount(p, 3, &c->charge, "CLP03") == -1 ||
	    amount(p, 4, &c->paid, "CLP04") == -1 ||
	    el(p, 7, c->payer_claim_no, sizeof(c->payer_claim_no),
	    "CLP07") == -1)
		return -1;
	c->has_resp = x12r_money(&p->r, 5, &c->resp) == 0;
	if (c->has_resp && (c->resp > REMIT_MAX || c->resp < -REMIT_MAX))
		return fail(p, "CLP05 is too large"), -1;
	c->adj0 = f->nadj;
	c->svc0 = f->nsvc;
	p->clp = (long)f->nclp++;
	p->set->nclp++;
	p->svc = -1;
	p->loop = 0;
	return 0;
}

static int
seg_cas(struct parse *p)
{
	struct remit_file	*f = p->f;
	char			 grp[3], reason[6], name[8];
	size_t			 i;
	int			 any = 0;

	if (p->clp < 0)
		return fail(p, "CAS outside a claim"), -1;
	if (need(p, 1, grp, sizeof(grp), "CAS01") == -1)
		return -1;
	if (strcmp(grp, "CO") != 0 && strcmp(grp, "PR") != 0 &&
	    strcmp(grp, "OA") != 0 && strcmp(grp, "PI") != 0 &&
	    strcmp(grp, "CR") != 0)
		return fail(p, "CAS01 '%s' is no adjustment group", grp), -1;
	for (i = 2; i + 1 <= 19; i += 3) {
		struct remit_adj *a;

		snprintf(name, sizeof(name), "CAS%02zu", i);
		if (el(p, i, reason, 6, name) == -1)
			return -1;
		if (reason[0] == '\0') {
			if (i == 2)
				return fail(p, "CAS02 is missing"), -1;
			break;
		}
		GROW(f, adj, struct remit_adj);
		a = &f->adj[f->nadj];
		memcpy(a->grp, grp, 2);
		memcpy(a->reason, reason, strlen(reason) + 1);
		snprintf(name, sizeof(name), "CAS%02zu", i + 1);
		if (amount(p, i + 1, &a->amount, name) == -1)
			return -1;
		a->has_qty = x12r_long(&p->r, i + 2, &a->qty) == 0;
		f->nadj++;
		if (p->svc >= 0)
			f->svc[p->svc].nadj++;
		else
			f->clp[p->clp].nadj++;
		any = 1;
	}
	return any ? 0 : -1;
}

static int
seg_svc(struct parse *p)
{
	struct remit_file	*f = p->f;
	struct remit_svc	*s;
	char			 m[4];

	if (p->clp < 0)
		return fail(p, "SVC outside a claim"), -1;
	GROW(f, svc, struct remit_svc);
	s = &f->svc[f->nsvc];
	if (need(p, 1, s->proc, sizeof(s->proc), "SVC01") == -1)
		return -1;
	if (x12r_comp(&p->r, 1, 2, s->code, sizeof(s->code)) <= 0)
		return fail(p, "SVC01 '%s' has no procedure code", s->proc), -1;
	for (size_t j = 3; j <= 6; j++) {
		if (x12r_comp(&p->r, 1, j, m, sizeof(m)) <= 0)
			break;
		if (strlen(s->mods) + 4 > sizeof(s->mods))
			break;
		if (s->mods[0] != '\0')
			strcat(s->mods, ",");
		strcat(s->mods, m);
	}
	if (amount(p, 2, &s->charge, "SVC02") == -1 ||
	    amount(p, 3, &s->paid, "SVC03") == -1)
		return -1;
	s->has_units = x12r_long(&p->r, 5, &s->units) == 0;
	s->adj0 = f->nadj;
	p->svc = (long)f->nsvc++;
	f->clp[p->clp].nsvc++;
	return 0;
}

static int
seg_dtm(struct parse *p)
{
	char q[4], d[12];

	if (p->svc < 0)
		return 0;
	if (el(p, 1, q, sizeof(q), "DTM01") == -1)
		return -1;
	if (strcmp(q, "472") != 0)
		return 0;
	if (el(p, 2, d, sizeof(d), "DTM02") == -1)
		return -1;
	if (day8(d, p->f->svc[p->svc].day) == -1)
		return fail(p, "DTM02 '%s' is not a date", d), -1;
	return 0;
}

static int
seg_amt(struct parse *p)
{
	struct remit_svc	*s;
	char			 q[4];

	if (p->svc < 0)
		return 0;
	if (el(p, 1, q, sizeof(q), "AMT01") == -1)
		return -1;
	if (strcmp(q, "B6") != 0)
		return 0;
	s = &p->f->svc[p->svc];
	if (amount(p, 2, &s->allowed, "AMT02") == -1)
		return -1;
	s->has_allowed = 1;
	return 0;
}

static int
seg_plb(struct parse *p)
{
	struct remit_file	*f = p->f;
	char			 prv[51], name[8];
	size_t			 i;

	if (!p->bpr || !p->trn)
		return fail(p, "PLB before the set's BPR and TRN"), -1;
	if (need(p, 1, prv, sizeof(prv), "PLB01") == -1)
		return -1;
	for (i = 3; i + 1 <= 14; i += 2) {
		struct remit_plb	*b;
		char			 r[8];

		if (x12r_comp(&p->r, i, 1, r, sizeof(r)) == -1)
			return fail(p, "PLB%02zu is no adjustment reason", i),
			    -1;
		if (r[0] == '\0') {
			if (i == 3)
				return fail(p, "PLB03 is missing"), -1;
			break;
		}
		if (strlen(r) > 2)
			return fail(p, "PLB%02zu '%s' is no adjustment reason",
			    i, r), -1;
		GROW(f, plb, struct remit_plb);
		b = &f->plb[f->nplb];
		snprintf(b->provider, sizeof(b->provider), "%s", prv);
		memcpy(b->reason, r, strlen(r) + 1);	/* 2 at most */
		if (x12r_comp(&p->r, i, 2, b->ref, sizeof(b->ref)) == -1)
			return fail(p, "PLB%02zu's reference is too long", i),
			    -1;
		snprintf(name, sizeof(name), "PLB%02zu", i + 1);
		if (amount(p, i + 1, &b->amount, name) == -1)
			return -1;
		f->nplb++;
		p->set->nplb++;
	}
	p->clp = p->svc = -1;
	return 0;
}

/* "what 100.00 - CAS 20.00 = 80.00, X says 70.00" */
static int
unbalanced(char *why, const char *who, const char *what, long long from,
    long long cas, const char *says, long long said)
{
	char a[MONEY_LEN], b[MONEY_LEN], c[MONEY_LEN], d[MONEY_LEN];

	money_format(from, a);
	money_format(cas, b);
	money_format(from - cas, c);
	money_format(said, d);
	snprintf(why, REMIT_WHY, "%s: %s %s - CAS %s = %s, %s says %s", who,
	    what, a, b, c, says, d);
	return EX_DATAERR;
}

/* The balancing rules of standards.md §2, for the set just closed. */
static int
balance(struct parse *p)
{
	const struct remit_file	*f = p->f;
	const struct remit_set	*s = p->set;
	long long		 sumpaid = 0, sumplb = 0;
	char			 who[80], a[MONEY_LEN], b[MONEY_LEN],
				 c[MONEY_LEN], d[MONEY_LEN];

	if (!p->bpr)
		return fail(p, "the set has no BPR");
	if (!p->trn)
		return fail(p, "the set has no TRN");
	for (size_t i = s->clp0; i < s->clp0 + s->nclp; i++) {
		const struct remit_clp *c = &f->clp[i];
		long long cas = 0;

		for (size_t k = c->adj0; k < c->adj0 + c->nadj; k++)
			cas += f->adj[k].amount;
		for (size_t j = c->svc0; j < c->svc0 + c->nsvc; j++) {
			const struct remit_svc *v = &f->svc[j];
			long long lcas = 0;

			for (size_t k = v->adj0; k < v->adj0 + v->nadj; k++)
				lcas += f->adj[k].amount;
			if (v->charge - lcas != v->paid) {
				snprintf(who, sizeof(who), "%s line %zu",
				    c->clp01, j - c->svc0 + 1);
				return unbalanced(p->why, who, "SVC02",
				    v->charge, lcas, "SVC03", v->paid);
			}
			cas += lcas;
		}
		if (c->charge - cas != c->paid)
			return unbalanced(p->why, c->clp01, "CLP03", c->charge,
			    cas, "CLP04", c->paid);
		sumpaid += c->paid;
	}
	for (size_t i = s->plb0; i < s->plb0 + s->nplb; i++)
		sumplb += f->plb[i].amount;
	if (sumpaid - sumplb != s->paid) {
		money_format(sumpaid, a);
		money_format(sumplb, b);
		money_format(sumpaid - sumplb, c);
		money_format(s->paid, d);
		snprintf(p->why, REMIT_WHY, "set %s (trace %s): CLP04 %s - PLB "
		    "%s = %s, BPR02 says %s", s->st02, s->trace, a, b, c, d);
		return EX_DATAERR;
	}
	return 0;
}

/* LX: a new group of claims, none open yet. */
static int
seg_lx(struct parse *p)
{
	p->clp = p->svc = -1;
	p->loop = 0;
	return 0;
}

/* The segments of a set that say something; the rest are passed over. */
static const struct {
	const char	*id;
	int		(*fn)(struct parse *);
} segs[] = {
	{ "BPR", seg_bpr }, { "TRN", seg_trn }, { "N1", seg_n1 },
	{ "REF", seg_ref }, { "LX", seg_lx }, { "CLP", seg_clp },
	{ "CAS", seg_cas }, { "SVC", seg_svc }, { "DTM", seg_dtm },
	{ "AMT", seg_amt }, { "PLB", seg_plb }, { "MOA", seg_moa },
	{ "LQ", seg_lq },
};

static int
seg_one(struct parse *p)
{
	for (size_t i = 0; i < nitems(segs); i++)
		if (x12r_is(&p->r, segs[i].id))
			return segs[i].fn(p);
	return 0;
}

int
remit_parse(const char *data, size_t len, struct remit_file *f,
    char why[REMIT_WHY])
{
	struct parse	 p;
	char		 b[16];
	int		 rc, n;

	memset(f, 0, sizeof(*f));
	memset(&p, 0, sizeof(p));
	p.f = f;
	p.why = why;
	p.clp = p.svc = -1;
	why[0] = '\0';
	if (x12r_open(&p.r, data, len) == -1) {
		snprintf(why, REMIT_WHY, "%s", p.r.why);
		return EX_DATAERR;
	}
	while ((n = x12r_next(&p.r)) == 1) {
		rc = 0;
		if (x12r_is(&p.r, "GS")) {
			if (el(&p, 1, b, sizeof(b), "GS01") == -1)
				return EX_DATAERR;
			if (strcmp(b, "HP") != 0)
				return fail(&p, "GS01 '%s': not a remittance "
				    "(HP) group", b);
		} else if (x12r_is(&p.r, "ST"))
			rc = seg_st(&p);
		else if (x12r_is(&p.r, "SE")) {
			if ((rc = balance(&p)) != 0)
				return rc;
			p.set = NULL;
		} else if (p.set == NULL)
			continue;	/* ISA, GE, IEA */
		else
			rc = seg_one(&p);
		if (rc != 0)
			return EX_DATAERR;
	}
	if (n == -1) {
		snprintf(why, REMIT_WHY, "%s", p.r.why);
		return EX_DATAERR;
	}
	if (f->nset == 0) {
		snprintf(why, REMIT_WHY, "no 835 set in the interchange");
		return EX_DATAERR;
	}
	return 0;
}

void
remit_free(struct remit_file *f)
{
	if (f == NULL)
		return;
	free(f->set);
	free(f->clp);
	free(f->svc);
	free(f->adj);
	free(f->plb);
	memset(f, 0, sizeof(*f));
}

int
remit_read(const char *path, struct remit_file *f)
{
	struct buf	 b = { 0 };
	char		 why[REMIT_WHY];
	int		 rc;

	memset(f, 0, sizeof(*f));
	if ((rc = editor_read(path, REMIT_MAX_FILE, &b.s)) != 0)
		return rc;
	b.len = strlen(b.s);
	if ((rc = remit_parse(b.s, b.len, f, why)) != 0)
		warnx("%s: %s: nothing posted", path, why);
	else
		enc_sha256_hex(&b, f->sha256);
	free(b.s);
	return rc;
}

/* --- matching -------------------------------------------------------- */

/* Our lines of claim, to match SVCs against. */
struct ourline {
	long long	 id, proc;
	char		 code[6], mods[12], day[11];
	int		 used;
};

static int
our_lines(struct db *db, long long claim, struct ourline **out, size_t *n)
{
	sqlite3_stmt	*s = db_query_id(db, &remit_queries[Q_LINES], claim);
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		struct ourline *l;

		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		l = &(*out)[(*n)++];
		memset(l, 0, sizeof(*l));
		l->id = sqlite3_column_int64(s, 0);
		l->proc = sqlite3_column_int64(s, 1);
		snprintf(l->code, sizeof(l->code), "%s", db_col(s, 2));
		snprintf(l->mods, sizeof(l->mods), "%s", db_col(s, 3));
		snprintf(l->day, sizeof(l->day), "%s", db_col(s, 4));
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* Each SVC of c to one of our lines: REF*6R, else code+mods(+day). */
static void
match_lines(struct remit_file *f, struct remit_clp *c, struct ourline *l,
    size_t nl)
{
	for (size_t j = c->svc0; j < c->svc0 + c->nsvc; j++) {
		struct remit_svc	*v = &f->svc[j];
		size_t			 k;

		for (k = 0; k < nl; k++)
			if (!l[k].used && v->ref6r == l[k].id)
				break;
		if (k == nl)
			for (k = 0; k < nl; k++)
				if (!l[k].used && strcmp(v->code, l[k].code) ==
				    0 && strcmp(v->mods, l[k].mods) == 0 &&
				    (v->day[0] == '\0' ||
				    strcmp(v->day, l[k].day) == 0))
					break;
		if (k == nl)
			continue;	/* no line of ours: the claim's */
		l[k].used = 1;
		v->line_id = l[k].id;
		v->proc_id = l[k].proc;
	}
}

/* The payer the payment is from: its REF*2U / N104, else its claims'. */
static int
set_payer(struct db *db, struct remit_file *f, struct remit_set *s)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (s->payer_ref[0] != '\0') {
		st = db_query(db, &remit_queries[Q_PAYER_REF]);
		sqlite3_bind_text(st, 1, s->payer_ref, -1, SQLITE_STATIC);
		if ((rc = db_step_int(db, st, &s->payer)) != SQLITE_ROW &&
		    rc != SQLITE_DONE)
			return rc;
	}
	for (size_t i = s->clp0; s->payer == 0 && i < s->clp0 + s->nclp; i++)
		s->payer = f->clp[i].payer;
	return 0;
}

int
remit_match(struct db *db, struct remit_file *f, const char *name,
    int keep_going, long *unmatched)
{
	struct ourline	*l = NULL;
	sqlite3_stmt	*st;
	char		 ctl[40];
	size_t		 nl;
	int		 rc = 0, bad = 0;

	for (size_t si = 0; si < f->nset && rc == 0; si++) {
		struct remit_set *s = &f->set[si];

		st = db_query(db, &remit_queries[Q_KNOWN]);
		sqlite3_bind_text(st, 1, s->trace, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, s->payer_tin, -1, SQLITE_STATIC);
		if ((rc = db_step_int(db, st, &s->era)) != SQLITE_ROW &&
		    rc != SQLITE_DONE)
			break;
		rc = 0;
		if (s->era != 0)
			continue;	/* posted before: nothing to match */
		for (size_t i = s->clp0; i < s->clp0 + s->nclp && rc == 0;
		    i++) {
			struct remit_clp *c = &f->clp[i];

			snprintf(ctl, sizeof(ctl), "%s", c->clp01);
			lower(ctl);
			st = db_query(db, &remit_queries[Q_CLAIM]);
			sqlite3_bind_text(st, 1, ctl, -1, SQLITE_STATIC);
			if ((rc = db_step(db, st)) == SQLITE_ROW) {
				c->claim = sqlite3_column_int64(st, 0);
				c->patient = sqlite3_column_int64(st, 1);
				c->payer = sqlite3_column_int64(st, 2);
				c->encounter = sqlite3_column_int64(st, 3);
			}
			sqlite3_reset(st);
			if (rc != SQLITE_ROW && rc != SQLITE_DONE)
				break;
			rc = 0;
			if (c->claim == 0) {
				(*unmatched)++;
				if (!keep_going) {
					warnx("%s: CLP01 '%s' (trace %s) is "
					    "no claim of ours", name, c->clp01,
					    s->trace);
					bad = 1;
				}
				continue;
			}
			if ((rc = our_lines(db, c->claim, &l, &nl)) == 0)
				match_lines(f, c, l, nl);
		}
		if (rc == 0 && (rc = set_payer(db, f, s)) == 0 &&
		    s->payer == 0 && !bad) {
			warnx("%s: trace %s: the payer '%s' is none of ours "
			    "and pays no claim of ours", name, s->trace,
			    s->payer_ref[0] ? s->payer_ref : s->payer_name);
			bad = 1;
		}
	}
	free(l);
	if (rc == 0 && bad)
		rc = EX_DATAERR;
	return rc;
}

/* --- posting --------------------------------------------------------- */

static void
bind_str(sqlite3_stmt *s, const char *param, const char *v)
{
	if (v != NULL && v[0] != '\0')
		db_bind_text(s, param, v);
}

static const char *
adj_account(const char *grp)
{
	if (strcmp(grp, "CO") == 0)
		return "contractual";
	if (strcmp(grp, "PR") == 0)
		return "ar.patient";
	if (strcmp(grp, "PI") == 0)
		return "adj.payer";
	return "adj.other";	/* OA, and CR (corrections) likewise */
}

/*
 * What the postings of a payment that name only a payer add up to, one
 * posting each (account, payer) when the payment is done: the payer's
 * cash for the claims, contractual, adj.other, adj.payer.  Postings that
 * name a patient's line stay one a line (its receivables are per line).
 */
struct sums {
	struct {
		const char	*account;
		long long	 payer, amount;
	}		 v[32];
	size_t		 n;
	struct postings	*ps;
};

static void add(struct postings *, const char *, long long, long long,
    long long, long long, long long, const char *);

static void
sum_flush(struct sums *m)
{
	for (size_t i = 0; i < m->n; i++)
		add(m->ps, m->v[i].account, m->v[i].amount, m->v[i].payer, 0,
		    0, 0, NULL);
	m->n = 0;
}

static void
sum_add(struct sums *m, const char *account, long long payer,
    long long amount)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->v[i].payer == payer && strcmp(m->v[i].account,
		    account) == 0)
			break;
	if (i == nitems(m->v)) {
		sum_flush(m);
		i = 0;
	}
	if (i == m->n) {
		m->v[i].account = account;
		m->v[i].payer = payer;
		m->v[i].amount = 0;
		m->n++;
	}
	m->v[i].amount += amount;
}

static void
add(struct postings *ps, const char *account, long long amount,
    long long payer, long long patient, long long enc, long long proc,
    const char *code)
{
	if (amount == 0)
		return;
	postings_add(ps, &(struct posting){ .account = account,
	    .amount = amount, .payer = payer, .patient = patient,
	    .encounter = enc, .proc = proc, .code = code });
}

/*
 * The adjustments a..a+n as debits (the credit is the line's receivable):
 * PR to the patient's line, the others summed per payer.
 */
static void
adj_postings(struct postings *ps, struct sums *m, const struct remit_file *f,
    size_t a0, size_t n, const struct remit_clp *c, long long proc,
    const char *code)
{
	for (size_t k = a0; k < a0 + n; k++) {
		const struct remit_adj *a = &f->adj[k];
		const char *acct = adj_account(a->grp);

		if (strcmp(acct, "ar.patient") == 0)
			add(ps, acct, a->amount, c->payer, c->patient,
			    c->encounter, proc, code);
		else
			sum_add(m, acct, c->payer, a->amount);
	}
}

static int
adj_rows(struct db *db, const struct remit_file *f, size_t a0, size_t n,
    long long rc_id, long long rl_id)
{
	int rc = 0;

	for (size_t k = a0; k < a0 + n && rc == 0; k++) {
		const struct remit_adj	*a = &f->adj[k];
		sqlite3_stmt		*s;

		s = db_query(db, &remit_queries[Q_ADJ_ADD]);
		db_bind_int(s, ":rc", rc_id);
		db_bind_id(s, ":rl", rl_id);
		db_bind_text(s, ":grp", a->grp);
		db_bind_text(s, ":reason", a->reason);
		db_bind_int(s, ":amount", a->amount);
		if (a->has_qty)
			db_bind_int(s, ":qty", a->qty);
		rc = db_exec(db, s);
	}
	return rc;
}

/* The claim's new status after c, and the note that says why. */
static const char *
new_status(const struct remit_file *f, const struct remit_clp *c,
    long long era, char *note, size_t n)
{
	const struct remit_adj	*first = NULL;
	long long		 pr = 0;
	int			 zero = 0, other = 0;

	for (size_t k = c->adj0; k < c->adj0 + c->nadj; k++) {
		if (first == NULL)
			first = &f->adj[k];
		if (strcmp(f->adj[k].grp, "PR") == 0)
			pr += f->adj[k].amount;
		else if (strcmp(f->adj[k].grp, "CO") != 0)
			other = 1;
	}
	for (size_t j = c->svc0; j < c->svc0 + c->nsvc; j++) {
		const struct remit_svc *v = &f->svc[j];

		if (v->paid == 0)
			zero = 1;
		for (size_t k = v->adj0; k < v->adj0 + v->nadj; k++) {
			if (first == NULL)
				first = &f->adj[k];
			if (strcmp(f->adj[k].grp, "PR") == 0)
				pr += f->adj[k].amount;
			else if (strcmp(f->adj[k].grp, "CO") != 0)
				other = 1;
		}
	}
	if (strcmp(c->status, "22") == 0) {
		snprintf(note, n, "reversed by era-%lld", era);
		return "accepted";
	}
	if (strcmp(c->status, "4") == 0 || (c->paid == 0 && pr == 0 &&
	    (strcmp(c->status, "1") == 0 || strcmp(c->status, "2") == 0 ||
	    strcmp(c->status, "3") == 0 || strcmp(c->status, "19") == 0 ||
	    strcmp(c->status, "20") == 0 || strcmp(c->status, "21") == 0))) {
		if (first != NULL)
			snprintf(note, n, "era-%lld: denied %s-%s", era,
			    first->grp, first->reason);
		else
			snprintf(note, n, "era-%lld: denied", era);
		return "denied";
	}
	if (strcmp(c->status, "1") != 0 && strcmp(c->status, "2") != 0 &&
	    strcmp(c->status, "3") != 0 && strcmp(c->status, "19") != 0 &&
	    strcmp(c->status, "20") != 0 && strcmp(c->status, "21") != 0)
		return NULL;	/* 23, 25...: posted, the status unchanged */
	if (c->paid > 0 && (zero || other)) {
		snprintf(note, n, "era-%lld: partial", era);
		return "partial";
	}
	snprintf(note, n, "era-%lld: paid", era);
	return "paid";
}

/* One matched or unmatched CLP: its rows and its postings. */
static int
post_claim(struct db *db, const struct remit_file *f,
    const struct remit_set *s, const struct remit_clp *c, long long era,
    const char *cash, struct postings *ps, struct sums *m)
{
	sqlite3_stmt	*st = db_query(db, &remit_queries[Q_CLAIM_ADD]);
	long long	 rcid, rlid, cas = 0;
	int		 rc;

	db_bind_int(st, ":remit", era);
	db_bind_id(st, ":claim", c->claim);
	db_bind_text(st, ":clp01", c->clp01);
	db_bind_text(st, ":status", c->status);
	db_bind_int(st, ":charge", c->charge);
	db_bind_int(st, ":paid", c->paid);
	if (c->has_resp)
		db_bind_int(st, ":resp", c->resp);
	bind_str(st, ":pcn", c->payer_claim_no);
	bind_str(st, ":remarks", c->remarks);
	if ((rc = db_insert(db, st, &rcid)) != 0 ||
	    (rc = adj_rows(db, f, c->adj0, c->nadj, rcid, 0)) != 0)
		return rc;
	for (size_t j = c->svc0; j < c->svc0 + c->nsvc; j++) {
		const struct remit_svc *v = &f->svc[j];

		st = db_query(db, &remit_queries[Q_LINE_ADD]);
		db_bind_int(st, ":rc", rcid);
		db_bind_id(st, ":line", v->line_id);
		db_bind_text(st, ":proc", v->proc);
		db_bind_int(st, ":charge", v->charge);
		db_bind_int(st, ":paid", v->paid);
		if (v->has_units)
			db_bind_int(st, ":units", v->units);
		bind_str(st, ":day", v->day);
		bind_str(st, ":remarks", v->remarks);
		if ((rc = db_insert(db, st, &rlid)) != 0 ||
		    (rc = adj_rows(db, f, v->adj0, v->nadj, rcid, rlid)) != 0)
			return rc;
	}
	if (c->claim == 0) {
		/* not ours: the money is parked until it is sorted out */
		add(ps, cash, c->paid, s->payer, 0, 0, 0, NULL);
		add(ps, "unapplied", -c->paid, s->payer, 0, 0, 0, NULL);
		return 0;
	}
	sum_add(m, cash, c->payer, c->paid);
	for (size_t j = c->svc0; j < c->svc0 + c->nsvc; j++) {
		const struct remit_svc *v = &f->svc[j];
		const char *code = v->proc_id ? v->code : NULL;

		/* the line's charge leaves the receivable: paid + its CAS */
		add(ps, "ar.insurance", -v->charge, c->payer, c->patient,
		    c->encounter, v->proc_id, code);
		adj_postings(ps, m, f, v->adj0, v->nadj, c, v->proc_id, code);
	}
	/*
	 * With lines, their charges took the claim's whole charge off the
	 * receivable (CLP03 = paid + line CAS + claim CAS): a claim-level
	 * adjustment only says where part of it went.  Without lines the
	 * claim's charge leaves here, paid and adjusted.
	 */
	if (c->nsvc == 0) {
		for (size_t k = c->adj0; k < c->adj0 + c->nadj; k++)
			cas += f->adj[k].amount;
		add(ps, "ar.insurance", -(cas + c->paid), c->payer,
		    c->patient, c->encounter, 0, NULL);
	}
	adj_postings(ps, m, f, c->adj0, c->nadj, c, 0, NULL);
	return 0;
}

static int
post_set(struct db *db, struct remit_file *f, struct remit_set *s,
    const char *who, struct remit_done *d)
{
	struct postings	 ps = { 0 };
	struct sums	 m = { .n = 0, .ps = &ps };
	sqlite3_stmt	*st;
	const char	*cash = strcmp(s->method, "CHK") == 0 ? "check" : "eft";
	const char	*status;
	char		 memo[80], note[120];
	long long	 era, txn = 0, sum = 0;
	int		 rc;

	st = db_query(db, &remit_queries[Q_REMIT_ADD]);
	db_bind_text(st, ":trace", s->trace);
	db_bind_text(st, ":tin", s->payer_tin);
	db_bind_id(st, ":payer", s->payer);
	db_bind_text(st, ":method", s->method);
	db_bind_int(st, ":paid", s->paid);
	bind_str(st, ":on", s->paid_on);
	db_bind_text(st, ":sha", f->sha256[0] ? f->sha256 : "-");
	db_bind_text(st, ":who", who);
	if ((rc = db_insert(db, st, &era)) != 0)
		return rc;
	d->era = era;
	for (size_t i = s->clp0; i < s->clp0 + s->nclp && rc == 0; i++) {
		const struct remit_clp *c = &f->clp[i];

		rc = post_claim(db, f, s, c, era, cash, &ps, &m);
		if (rc == 0 && c->claim != 0) {
			d->nclaims++;
			idlist_add(d->patients, c->patient);
		}
	}
	for (size_t i = s->plb0; i < s->plb0 + s->nplb && rc == 0; i++) {
		const struct remit_plb *b = &f->plb[i];

		st = db_query(db, &remit_queries[Q_PLB_ADD]);
		db_bind_int(st, ":remit", era);
		db_bind_text(st, ":prv", b->provider);
		db_bind_text(st, ":reason", b->reason);
		bind_str(st, ":ref", b->ref);
		db_bind_int(st, ":amount", b->amount);
		rc = db_exec(db, st);
		add(&ps, "plb", b->amount, s->payer, 0, 0, 0, NULL);
		add(&ps, cash, -b->amount, s->payer, 0, 0, 0, NULL);
	}
	sum_flush(&m);
	for (size_t i = 0; i < ps.n; i++)
		if (strcmp(ps.p[i].account, cash) == 0)
			sum += ps.p[i].amount;
	if (rc == 0 && sum != s->paid) {
		warnx("era-%lld: the %s postings sum to %lld, BPR02 is %lld",
		    era, cash, sum, s->paid);
		rc = EX_SOFTWARE;
	}
	snprintf(memo, sizeof(memo), "era-%lld trace %.50s", era, s->trace);
	if (rc == 0 && ps.n > 0)
		rc = ledger_post(db, "remit", memo, who, 0, &ps, &txn);
	postings_free(&ps);
	if (rc == 0 && txn != 0) {
		/* the remit row is written before its transaction exists */
		st = db_query_id(db, &remit_queries[Q_TXN], era);
		sqlite3_bind_int64(st, 2, txn);
		rc = db_exec(db, st);
	}
	d->txn = txn;
	for (size_t i = s->clp0; i < s->clp0 + s->nclp && rc == 0; i++) {
		const struct remit_clp *c = &f->clp[i];

		if (c->claim == 0)
			continue;
		if (c->payer_claim_no[0] != '\0') {
			st = db_query_id(db, &remit_queries[Q_PAYER_NO],
			    c->claim);
			sqlite3_bind_text(st, 2, c->payer_claim_no, -1,
			    SQLITE_STATIC);
			rc = db_exec(db, st);
		}
		note[0] = '\0';
		if (rc == 0 && (status = new_status(f, c, era, note,
		    sizeof(note))) != NULL)
			rc = claim_status_set(db, c->claim, status, who, note);
	}
	return rc;
}

int
remit_post(struct db *db, struct remit_file *f, const char *who,
    int (*done)(void *, const struct remit_done *), void *arg)
{
	int rc = 0;

	for (size_t si = 0; si < f->nset && rc == 0; si++) {
		struct remit_set	*s = &f->set[si];
		struct idlist		 pats = { 0 };
		struct remit_done	 d = { 0 };
		sqlite3_stmt		*st;

		d.trace = s->trace;
		d.paid = s->paid;
		d.set = s;
		d.patients = &pats;
		/* posted before, or earlier in this run (the same file twice) */
		st = db_query(db, &remit_queries[Q_KNOWN]);
		sqlite3_bind_text(st, 1, s->trace, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, s->payer_tin, -1, SQLITE_STATIC);
		if ((rc = db_step_int(db, st, &s->era)) != SQLITE_ROW &&
		    rc != SQLITE_DONE) {
			idlist_free(&pats);
			break;
		}
		rc = 0;
		if (s->era != 0) {
			d.era = s->era;
			d.before = 1;
		} else
			rc = post_set(db, f, s, who, &d);
		if (rc == 0)
			rc = done(arg, &d);
		idlist_free(&pats);
	}
	return rc;
}

sqlite3_stmt *
remit_unmatched(struct db *db)
{
	return db_query(db, &remit_queries[Q_UNMATCHED]);
}

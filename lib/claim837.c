/*
 * claim837 - see claim837.h.  The loops and segments, their order and
 * their elements are standards.md §1's (its loop skeleton, field notes
 * and example), with the 2320/2330A/2330B and 2430 loops of a secondary
 * claim where the 005010X222A1 map puts them: after 2310B, and after
 * the line's DTP*472 and REF*6R.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "app.h"
#include "cfg.h"
#include "claim.h"
#include "claim837.h"
#include "coverage.h"
#include "date.h"
#include "provider.h"
#include "util.h"
#include "x12.h"

enum { Q_GROUPS, Q_GROUP_ALL, Q_NOLINES, Q_CLAIMS, Q_LINES, Q_PRIMARY,
    Q_CLAIM_CAS,
    Q_SVD, Q_LINE_CAS, Q_COUNTER, Q_BATCH_ADD, Q_BATCH_CLAIMS,
    Q_BATCH_GET, Q_READY_IDS };

/* The ready claims of ?1 (0: every payer's). */
#define READY	" c.status = 'ready' AND (?1 = 0 OR c.payer_id = ?1)"

const struct query claim837_queries[] = {
	[Q_GROUPS] = { "claim837.groups",
	    "SELECT c.payer_id, y.payer_id, y.name, count(*) FROM claim c"
	    " JOIN payer y ON y.id = c.payer_id WHERE" READY
	    " GROUP BY c.payer_id ORDER BY c.payer_id" },
	[Q_GROUP_ALL] = { "claim837.group_all",
	    "SELECT count(*) FROM claim c WHERE" READY },
	[Q_NOLINES] = { "claim837.nolines",
	    "SELECT c.control FROM claim c WHERE" READY " AND NOT EXISTS"
	    " (SELECT 1 FROM claim_line l WHERE l.claim_id = c.id)"
	    " ORDER BY c.id LIMIT 1" },
	/* one row a claim; its lines are Q_LINES's */
	[Q_CLAIMS] = { "claim837.claims",
	    "SELECT c.id, c.control, c.payer_order, c.frequency, c.pos,"
	    " c.prior_auth, c.total, c.service_day, c.primary_claim,"
	    " (SELECT r.payer_claim_no FROM claim r WHERE r.id = c.replaces),"
	    " p.first, p.last, p.dob, p.sex, p.address1, p.address2, p.city,"
	    " p.state, p.zip,"
	    " v.member_id, v.group_no, v.relationship, v.subscriber_name,"
	    " y.name, y.payer_id, y.filing,"
	    " d.name, d.npi, d.taxonomy,"
	    " (SELECT group_concat(x.code, ' ') FROM (SELECT code FROM claim_dx"
	    " WHERE claim_id = c.id ORDER BY position) x)"
	    " FROM claim c JOIN patient p ON p.id = c.patient_id"
	    " JOIN coverage v ON v.id = c.coverage_id"
	    " JOIN payer y ON y.id = c.payer_id"
	    " JOIN provider d ON d.id = c.provider_id"
	    " WHERE" READY " ORDER BY c.payer_id, c.id" },
	/*
	 * The same claims' lines, in the same order: stepped beside
	 * claim837.claims (a statement a claim took a quarter of the time)
	 */
	[Q_LINES] = { "claim837.lines",
	    "SELECT l.id, l.code, l.mods, l.units, l.charge, l.pointers,"
	    " l.proc_id, l.claim_id FROM claim c"
	    " JOIN claim_line l ON l.claim_id = c.id"
	    " WHERE" READY " ORDER BY c.payer_id, c.id, l.line" },
	/*
	 * A secondary claim's primary: its coverage and payer, and the
	 * 835's last word on it (a reversal, CLP02 22, is no adjudication)
	 */
	[Q_PRIMARY] = { "claim837.primary",
	    "SELECT c.payer_order, v.relationship, v.group_no, v.member_id,"
	    " v.subscriber_name, y.name, y.payer_id, y.filing, p.first,"
	    " p.last, rc.id, rc.paid, coalesce(r.paid_on,"
	    " substr(r.received_at, 1, 10)), c.control"
	    " FROM claim c JOIN coverage v ON v.id = c.coverage_id"
	    " JOIN payer y ON y.id = c.payer_id"
	    " JOIN patient p ON p.id = c.patient_id"
	    " LEFT JOIN remit_claim rc ON rc.id = (SELECT max(id) FROM"
	    " remit_claim WHERE claim_id = c.id AND status <> '22')"
	    " LEFT JOIN remit r ON r.id = rc.remit_id"
	    " WHERE c.id = ?1" },
	[Q_CLAIM_CAS] = { "claim837.claim_cas",
	    "SELECT grp, reason, amount, quantity FROM remit_adj"
	    " WHERE remit_claim_id = ?1 AND remit_line_id IS NULL ORDER BY id" },
	/* the primary's adjudication of the line billing the same procedure */
	[Q_SVD] = { "claim837.svd",
	    "SELECT rl.id, rl.paid, rl.units FROM remit_line rl"
	    " JOIN claim_line pl ON pl.id = rl.claim_line_id"
	    " WHERE rl.remit_claim_id = ?1 AND pl.proc_id = ?2"
	    " ORDER BY rl.id LIMIT 1" },
	[Q_LINE_CAS] = { "claim837.line_cas",
	    "SELECT grp, reason, amount, quantity FROM remit_adj"
	    " WHERE remit_line_id = ?1 ORDER BY id" },
	[Q_COUNTER] = { "claim837.counter",
	    "UPDATE x12_counter SET last = last + 1 WHERE name = 'interchange'"
	    " RETURNING last" },
	[Q_BATCH_ADD] = { "claim837.batch_add",
	    "INSERT INTO batch (id, payer_id, receiver, nclaims, body, sha256,"
	    " created_at, created_by) VALUES (:id, :payer, :receiver, :n,"
	    " zeroblob(:len), :sha256, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
	    " :login)" },
	[Q_BATCH_CLAIMS] = { "claim837.batch_claims",
	    "INSERT INTO batch_claim (batch_id, claim_id) SELECT ?2, c.id"
	    " FROM claim c WHERE" READY },
	[Q_BATCH_GET] = { "claim837.batch_get",
	    "SELECT length(body), receiver, nclaims FROM batch WHERE id = ?1" },
	[Q_READY_IDS] = { "claim837.ready_ids",
	    "SELECT c.id FROM claim c WHERE" READY " ORDER BY c.id" },
	{ NULL, NULL }
};

/* Q_CLAIMS's columns */
enum { C_ID, C_CONTROL, C_ORDER, C_FREQ, C_POS, C_AUTH, C_TOTAL, C_DAY,
    C_PRIMARY, C_F8, C_FIRST, C_LAST, C_DOB, C_SEX, C_ADDR1, C_ADDR2,
    C_CITY, C_STATE, C_ZIP, C_MEMBER, C_GROUP, C_REL, C_SUBNAME, C_PAYER,
    C_PAYERID, C_FILING, C_PRV, C_PRVNPI, C_PRVTAX, C_DX };
/* Q_LINES's */
enum { L_ID, L_CODE, L_MODS, L_UNITS, L_CHARGE, L_POINTERS, L_PROC,
    L_CLAIM };

/* --- values as the segments take them ------------------------------- */

static const char *
col(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);

	return v ? v : "";
}

/* What keep() keeps of a text. */
enum keep {
	ID,	/* an identifier: as given, less what X12 reads as a
		 * delimiter */
	DIGITS,	/* only the digits (a ZIP, a phone, a day) */
	PARTS,	/* a composite's parts ("25,59" modifiers, "1:2" pointers)
		 * joined by the component separator: letters and digits
		 * kept, a run of anything else one ':' */
};

static int
kept(enum keep k, unsigned char c)
{
	switch (k) {
	case ID:
		return c > 0x20 && c < 0x7f && c != '*' && c != ':' &&
		    c != '^' && c != '~';
	case DIGITS:
		return c >= '0' && c <= '9';
	case PARTS:
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z');
	}
	return 0;
}

/* What k keeps of src, into dst (n bytes): dst. */
static char *
keep(char *dst, size_t n, const char *src, enum keep k)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)src; *p &&
	    o + 1 < n; p++)
		if (kept(k, *p))
			dst[o++] = (char)*p;
		else if (k == PARTS && o > 0 && dst[o - 1] != ':')
			dst[o++] = ':';
	if (k == PARTS && o > 0 && dst[o - 1] == ':')
		o--;
	dst[o] = '\0';
	return dst;
}

/* n in decimal into out (24 bytes). */
static char *
num(char out[24], long long n)
{
	char			 t[24];
	int			 i = 0, o = 0;
	unsigned long long	 u = n < 0 ? 0ULL - (unsigned long long)n :
				    (unsigned long long)n;

	do
		t[i++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		out[o++] = '-';
	while (i > 0)
		out[o++] = t[--i];
	out[o] = '\0';
	return out;
}

/*
 * A person's name as NM103 (last) and NM104 (first): "Last, First" when
 * it has a comma, else the last word is the last name.
 */
static void
split_name(const char *full, char *last, char *first, size_t n)
{
	char	 t[256], *c, *sp;

	x12_text(t, sizeof(t), full);
	if ((c = strchr(t, ',')) != NULL) {
		*c = '\0';
		x12_text(last, n, t);
		x12_text(first, n, c + 1);
	} else if ((sp = strrchr(t, ' ')) != NULL) {
		*sp = '\0';
		x12_text(last, n, sp + 1);
		x12_text(first, n, t);
	} else {
		x12_text(last, n, t);
		first[0] = '\0';
	}
}

/* PAT01, and SBR02 of 2320: the patient's relation to the subscriber. */
static const char *
rel_code(const char *rel)
{
	if (streq(rel, "self"))
		return "18";
	if (streq(rel, "spouse"))
		return "01";
	if (streq(rel, "child"))
		return "19";
	return "G8";
}

/* --- the run's shared values ---------------------------------------- */

int
claim837_env(const struct cfg *cfg, int newline, struct c837_env *env)
{
	struct prv_clinic	 c;
	char			 ph[32];
	const char		*sub;
	time_t			 now = time(NULL);
	char			 day[DATE_LEN];
	int			 wd, minute, rc;
	size_t			 n;

	memset(env, 0, sizeof(*env));
	env->cfg = cfg;
	env->newline = newline;
	if ((rc = prv_clinic(cfg, &c)) != 0)
		return rc;
	env->name = c.v[0];
	env->npi = c.v[1];
	memcpy(env->ein, c.ein, sizeof(env->ein));
	env->address1 = c.v[3];
	env->address2 = cfg->clinic_address2;
	env->city = c.v[4];
	env->state = c.v[5];
	memcpy(env->zip, c.zip, sizeof(env->zip));
	if (strlen(env->zip) != 9) {
		warnx("%s: clinic.zip: '%s': the billing provider's ZIP goes "
		    "on claims as 9 digits (12345-6789)", cfg->path,
		    cfg->clinic_zip);
		return EX_CONFIG;
	}
	/* PER04: the 10 digits of a North American number */
	keep(ph, sizeof(ph), cfg->clinic_phone ? cfg->clinic_phone : "",
	    DIGITS);
	n = strlen(ph);
	if (n == 11 && ph[0] == '1')
		memmove(ph, ph + 1, n--);
	if (n != 10) {
		warnx("%s: clinic.phone: %s: claims carry the billing contact's "
		    "phone as 10 digits (a +1 number)", cfg->path,
		    cfg->clinic_phone ? cfg->clinic_phone : "missing");
		return EX_CONFIG;
	}
	memcpy(env->phone, ph, sizeof(env->phone));
	sub = cfg->claim_submitter_id ? cfg->claim_submitter_id : env->npi;
	if (strlen(sub) < 2 || strlen(sub) > 15 || x12_has_delim(sub) ||
	    strchr(sub, ' ')) {
		warnx("%s: claim.submitter_id: '%s': 2 to 15 characters, "
		    "without blanks or * : ^ ~", cfg->path, sub);
		return EX_CONFIG;
	}
	snprintf(env->submitter, sizeof(env->submitter), "%s", sub);
	if (cfg->claim_receiver && (strlen(cfg->claim_receiver) < 2 ||
	    strlen(cfg->claim_receiver) > 15 ||
	    x12_has_delim(cfg->claim_receiver) ||
	    strchr(cfg->claim_receiver, ' '))) {
		warnx("%s: claim.receiver: '%s': 2 to 15 characters, without "
		    "blanks or * : ^ ~", cfg->path, cfg->claim_receiver);
		return EX_CONFIG;
	}
	env->usage = 'P';
	if (cfg->claim_usage) {
		if (!streq(cfg->claim_usage, "T") &&
		    !streq(cfg->claim_usage, "P")) {
			warnx("%s: claim.usage: '%s': T (test) or P "
			    "(production)", cfg->path, cfg->claim_usage);
			return EX_CONFIG;
		}
		env->usage = cfg->claim_usage[0];
	}
	date_day_of(now, day, &wd, &minute);
	snprintf(env->ccyymmdd, sizeof(env->ccyymmdd), "%.4s%.2s%.2s", day,
	    day + 5, day + 8);
	if (minute < 0 || minute >= 1440)
		minute = 0;
	snprintf(env->hhmm, sizeof(env->hhmm), "%02u%02u",
	    (unsigned)minute / 60 % 24, (unsigned)minute % 60);
	return 0;
}

/* --- the interchanges to write --------------------------------------- */

int
claim837_groups(struct db *db, const struct c837_env *env, long long payer,
    struct c837_group **groups, size_t *n)
{
	const struct cfg	*cfg = env->cfg;
	sqlite3_stmt		*s;
	struct c837_group	*g = NULL;
	size_t			 ng = 0;
	int			 rc;

	*groups = NULL;
	*n = 0;
	s = db_query_id(db, &claim837_queries[Q_NOLINES], payer);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		warnx("%s is ready but bills no service: run 'claim validate'",
		    col(s, 0));
		sqlite3_reset(s);
		return EX_DATAERR;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	if (cfg->claim_receiver) {	/* one clearinghouse takes them all */
		long long count = 0;

		s = db_query_id(db, &claim837_queries[Q_GROUP_ALL], payer);
		if ((rc = db_step_int(db, s, &count)) != SQLITE_ROW)
			return rc == SQLITE_DONE ? EX_SOFTWARE : rc;
		if (count == 0)
			return 0;
		g = xcalloc(1, sizeof(*g));
		g->payer = payer;
		snprintf(g->receiver, sizeof(g->receiver), "%s",
		    cfg->claim_receiver);
		x12_text(g->receiver_name, sizeof(g->receiver_name),
		    cfg->claim_receiver_name ? cfg->claim_receiver_name :
		    cfg->claim_receiver);
		*groups = g;
		*n = 1;
		return 0;
	}
	s = db_query_id(db, &claim837_queries[Q_GROUPS], payer);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		const char *pid = col(s, 1);

		if (strlen(pid) > 15 || x12_has_delim(pid) ||
		    strchr(pid, ' ')) {
			warnx("payer '%s': its X12 id '%s' will not do as "
			    "ISA08 (at most 15 characters, no blanks): set "
			    "claim.receiver to send through a clearinghouse",
			    col(s, 2), pid);
			rc = EX_DATAERR;
			break;
		}
		g = xrealloc(g, (ng + 1) * sizeof(*g));
		memset(&g[ng], 0, sizeof(*g));
		g[ng].payer = sqlite3_column_int64(s, 0);
		snprintf(g[ng].receiver, sizeof(g[ng].receiver), "%s", pid);
		/* claim.receiver_name is the clearinghouse's: not here */
		x12_text(g[ng].receiver_name, sizeof(g[ng].receiver_name),
		    col(s, 2));
		ng++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(g);
		return rc == SQLITE_ROW ? EX_SOFTWARE : rc;
	}
	*groups = g;
	*n = ng;
	return 0;
}

/* --- writing one interchange ------------------------------------------ */

struct wr {
	struct db		*db;
	const struct c837_env	*env;
	FILE			*out;
	struct buf		 b;
	struct x12w		 w;
	EVP_MD_CTX		*md;
	long long		 len;
	int			 err;		/* a write failed */
	long			 hl;		/* the last HL01 */
	long			 nclaims;
	/* the claim being written */
	long long		 claim;
	long			 lx;
	char			 day[9];	/* DTP*472 */
	sqlite3_stmt		*l;		/* Q_LINES, beside Q_CLAIMS */
	int			 lrc;		/* its last step */
	long long		 rc_id;		/* its primary's remit_claim */
	char			 svd01[81];	/* the primary payer's id */
	char			 paid_day[9];	/* DTP*573 */
};

#define FLUSH_AT	(64 * 1024)

static void
flush(struct wr *w)
{
	if (w->b.len == 0)
		return;
	if (fwrite(w->b.s, 1, w->b.len, w->out) != w->b.len)
		w->err = 1;
	EVP_DigestUpdate(w->md, w->b.s, w->b.len);
	w->len += (long long)w->b.len;
	buf_reset(&w->b);
}

/* CAS segments of the triplets s steps over (grp, reason, amount, qty). */
static int
cas(struct wr *w, sqlite3_stmt *s)
{
	const char	*el[19];
	char		 grp[3] = "", reason[6][6], amt[6][24], qty[6][24];
	int		 n = 0, rc;

	for (;;) {
		rc = db_step(w->db, s);
		if (n > 0 && (rc != SQLITE_ROW || n == 6 ||
		    !streq(grp, col(s, 0)))) {
			el[0] = grp;
			for (int i = 0; i < 6; i++) {
				el[1 + 3 * i] = i < n ? reason[i] : "";
				el[2 + 3 * i] = i < n ? amt[i] : "";
				el[3 + 3 * i] = i < n ? qty[i] : "";
			}
			x12w_seg(&w->w, "CAS", el[0], el[1], el[2], el[3],
			    el[4], el[5], el[6], el[7], el[8], el[9], el[10],
			    el[11], el[12], el[13], el[14], el[15], el[16],
			    el[17], el[18], (char *)NULL);
			n = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		keep(grp, sizeof(grp), col(s, 0), ID);
		keep(reason[n], sizeof(reason[n]), col(s, 1), ID);
		x12_money(amt[n], sqlite3_column_int64(s, 2));
		if (sqlite3_column_type(s, 3) == SQLITE_NULL)
			qty[n][0] = '\0';
		else
			snprintf(qty[n], sizeof(qty[n]), "%lld",
			    (long long)sqlite3_column_int64(s, 3));
		n++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* 2320, 2330A, 2330B: what the primary payer made of the claim. */
static int
other_payer(struct wr *w, long long primary, const char *control)
{
	sqlite3_stmt	*s = db_query_id(w->db, &claim837_queries[Q_PRIMARY],
			    primary);
	char		 order[2], grp[51], filing[3], member[81], payer[61];
	char		 last[101], first[101], paid[24];
	int		 rc;

	if ((rc = db_step(w->db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
		warnx("%s: its primary claim clm-%lld is not there", control,
		    primary);
		return EX_DATAERR;
	}
	if (sqlite3_column_type(s, 10) == SQLITE_NULL) {
		warnx("%s: its primary claim %s has no 835 to pass on yet",
		    control, col(s, 13));
		sqlite3_reset(s);
		return EX_DATAERR;
	}
	w->rc_id = sqlite3_column_int64(s, 10);
	keep(order, sizeof(order), col(s, 0), ID);
	x12_text(grp, sizeof(grp), col(s, 2));
	keep(member, sizeof(member), col(s, 3), ID);
	if (streq(col(s, 1), "self")) {
		x12_text(last, sizeof(last), col(s, 9));
		x12_text(first, sizeof(first), col(s, 8));
	} else
		split_name(col(s, 4), last, first, sizeof(last));
	x12_text(payer, sizeof(payer), col(s, 5));
	keep(w->svd01, sizeof(w->svd01), col(s, 6), ID);
	keep(filing, sizeof(filing), col(s, 7), ID);
	x12_money(paid, sqlite3_column_int64(s, 11));
	keep(w->paid_day, sizeof(w->paid_day), col(s, 12), DIGITS);
	x12w_seg(&w->w, "SBR", order, rel_code(col(s, 1)), grp, "", "", "",
	    "", "", filing, (char *)NULL);
	sqlite3_reset(s);
	/* the primary's claim-level CAS, as received */
	if ((rc = cas(w, db_query_id(w->db, &claim837_queries[Q_CLAIM_CAS],
	    w->rc_id))) != 0)
		return rc;
	x12w_seg(&w->w, "AMT", "D", paid, (char *)NULL);
	x12w_seg(&w->w, "OI", "", "", "Y", "", "", "Y", (char *)NULL);
	x12w_seg(&w->w, "NM1", "IL", "1", last, first, "", "", "", "MI",
	    member, (char *)NULL);
	x12w_seg(&w->w, "NM1", "PR", "2", payer, "", "", "", "", "PI",
	    w->svd01, (char *)NULL);
	return 0;
}

/* N3 and N4 of a patient row, when it has an address. */
static void
address(struct wr *w, sqlite3_stmt *s)
{
	char	 a1[201], a2[201], city[101], state[51], zip[21];

	if (*x12_text(a1, sizeof(a1), col(s, C_ADDR1)) == '\0')
		return;
	x12w_seg(&w->w, "N3", a1, x12_text(a2, sizeof(a2), col(s, C_ADDR2)),
	    (char *)NULL);
	x12w_seg(&w->w, "N4", x12_text(city, sizeof(city), col(s, C_CITY)),
	    x12_text(state, sizeof(state), col(s, C_STATE)),
	    keep(zip, sizeof(zip), col(s, C_ZIP), DIGITS), (char *)NULL);
}

static void
dmg(struct wr *w, sqlite3_stmt *s)
{
	char		 dob[9];
	const char	*sex = col(s, C_SEX);

	x12w_seg(&w->w, "DMG", "D8",
	    keep(dob, sizeof(dob), col(s, C_DOB), DIGITS),
	    streq(sex, "F") || streq(sex, "M") ? sex : "U", (char *)NULL);
}

/* 2000B, [2000C], 2300 and 2310B of the claim on row s. */
static int
claim_head(struct wr *w, sqlite3_stmt *s)
{
	const struct c837_env *env = w->env;
	char	 hl[24], parent[24], last[101], first[101], member[81];
	char	 grp[51], payer[61], pid[81], filing[3], order[2], total[24];
	char	 control[21], clm05[16], ref[51], npi[11], tax[11];
	char	 dx[12][12], buf[256];
	const char *rel = col(s, C_REL), *hi[12];
	int	 self = streq(rel, "self"), ndx = 0, rc;
	char	*tok, *save;

	w->claim = sqlite3_column_int64(s, C_ID);
	w->lx = 0;
	keep(w->day, sizeof(w->day), col(s, C_DAY), DIGITS);
	w->rc_id = 0;
	w->nclaims++;
	/* 2000B subscriber */
	num(hl, ++w->hl);
	x12w_seg(&w->w, "HL", hl, "1", "22", self ? "0" : "1", (char *)NULL);
	keep(order, sizeof(order), col(s, C_ORDER), ID);
	x12_text(grp, sizeof(grp), col(s, C_GROUP));
	keep(filing, sizeof(filing), col(s, C_FILING), ID);
	x12w_seg(&w->w, "SBR", order, self ? "18" : "", grp, "", "", "", "",
	    "", filing, (char *)NULL);
	/* 2010BA subscriber name */
	if (self) {
		x12_text(last, sizeof(last), col(s, C_LAST));
		x12_text(first, sizeof(first), col(s, C_FIRST));
	} else
		split_name(col(s, C_SUBNAME), last, first, sizeof(last));
	keep(member, sizeof(member), col(s, C_MEMBER), ID);
	x12w_seg(&w->w, "NM1", "IL", "1", last, first, "", "", "", "MI",
	    member, (char *)NULL);
	if (self) {
		address(w, s);
		dmg(w, s);
	}
	/* 2010BB payer name */
	x12_text(payer, sizeof(payer), col(s, C_PAYER));
	keep(pid, sizeof(pid), col(s, C_PAYERID), ID);
	x12w_seg(&w->w, "NM1", "PR", "2", payer, "", "", "", "", "PI", pid,
	    (char *)NULL);
	/* 2000C patient, 2010CA */
	if (!self) {
		snprintf(parent, sizeof(parent), "%s", hl);
		num(hl, ++w->hl);
		x12w_seg(&w->w, "HL", hl, parent, "23", "0", (char *)NULL);
		x12w_seg(&w->w, "PAT", rel_code(rel), (char *)NULL);
		x12w_seg(&w->w, "NM1", "QC", "1",
		    x12_text(last, sizeof(last), col(s, C_LAST)),
		    x12_text(first, sizeof(first), col(s, C_FIRST)),
		    (char *)NULL);
		address(w, s);
		dmg(w, s);
	}
	/* 2300 claim */
	keep(control, sizeof(control), col(s, C_CONTROL), ID);
	x12_money(total, sqlite3_column_int64(s, C_TOTAL));
	snprintf(clm05, sizeof(clm05), "%s:B:%d", keep(buf, 3, col(s,
	    C_POS), ID), sqlite3_column_int(s, C_FREQ));
	x12w_seg(&w->w, "CLM", control, total, "", "", clm05, "Y", "A", "Y",
	    "Y", (char *)NULL);
	if (sqlite3_column_int(s, C_FREQ) != 1)
		x12w_seg(&w->w, "REF", "F8", keep(ref, sizeof(ref),
		    col(s, C_F8), ID), (char *)NULL);
	if (sqlite3_column_type(s, C_AUTH) != SQLITE_NULL)
		x12w_seg(&w->w, "REF", "G1", keep(ref, sizeof(ref),
		    col(s, C_AUTH), ID), (char *)NULL);
	/* HI: ABK, then ABF, without the dot */
	snprintf(buf, sizeof(buf), "%s", col(s, C_DX));
	for (tok = strtok_r(buf, " ", &save); tok && ndx < 12;
	    tok = strtok_r(NULL, " ", &save)) {
		char code[8];

		keep(code, sizeof(code), tok, ID);
		for (char *d; (d = strchr(code, '.')) != NULL;)
			memmove(d, d + 1, strlen(d));
		snprintf(dx[ndx], sizeof(dx[ndx]), "%s:%s",
		    ndx == 0 ? "ABK" : "ABF", code);
		ndx++;
	}
	for (int i = 0; i < 12; i++)
		hi[i] = i < ndx ? dx[i] : "";
	x12w_seg(&w->w, "HI", hi[0], hi[1], hi[2], hi[3], hi[4], hi[5],
	    hi[6], hi[7], hi[8], hi[9], hi[10], hi[11], (char *)NULL);
	/* 2310B rendering provider, when not the billing one */
	keep(npi, sizeof(npi), col(s, C_PRVNPI), ID);
	if (!streq(npi, env->npi)) {
		split_name(col(s, C_PRV), last, first, sizeof(last));
		x12w_seg(&w->w, "NM1", "82", "1", last, first, "", "", "",
		    "XX", npi, (char *)NULL);
		x12w_seg(&w->w, "PRV", "PE", "PXC", keep(tax, sizeof(tax),
		    col(s, C_PRVTAX), ID), (char *)NULL);
	}
	/* 2320.. a secondary claim's other payer */
	if (sqlite3_column_type(s, C_PRIMARY) != SQLITE_NULL &&
	    (rc = other_payer(w, sqlite3_column_int64(s, C_PRIMARY),
	    control)) != 0)
		return rc;
	return 0;
}

/* 2400 the service line on row l of Q_LINES, [2430] the primary's on it. */
static int
claim_line(struct wr *w, sqlite3_stmt *l)
{
	char		 lx[24], proc[64], charge[24], units[24], ptr[16];
	char		 ref[24], mods[16], paid[24], svdu[24], code[8];
	sqlite3_stmt	*q;
	int		 rc;

	x12w_seg(&w->w, "LX", num(lx, ++w->lx), (char *)NULL);
	keep(mods, sizeof(mods), col(l, L_MODS), PARTS);	/* "25,59" */
	keep(code, sizeof(code), col(l, L_CODE), ID);
	{
		size_t o = 3, k = strlen(code), m = strlen(mods);

		memcpy(proc, "HC:", 3);
		memcpy(proc + o, code, k + 1);
		o += k;
		if (m > 0) {
			proc[o++] = ':';
			memcpy(proc + o, mods, m + 1);
		}
	}
	x12_money(charge, sqlite3_column_int64(l, L_CHARGE));
	num(units, sqlite3_column_int64(l, L_UNITS));
	keep(ptr, sizeof(ptr), col(l, L_POINTERS), PARTS);
	x12w_seg(&w->w, "SV1", proc, charge, "UN", units, "", "", ptr,
	    (char *)NULL);
	x12w_seg(&w->w, "DTP", "472", "D8", w->day, (char *)NULL);
	x12w_seg(&w->w, "REF", "6R", num(ref, sqlite3_column_int64(l, L_ID)),
	    (char *)NULL);
	if (w->rc_id == 0)
		return 0;
	q = db_query(w->db, &claim837_queries[Q_SVD]);
	sqlite3_bind_int64(q, 1, w->rc_id);
	sqlite3_bind_int64(q, 2, sqlite3_column_int64(l, L_PROC));
	if ((rc = db_step(w->db, q)) != SQLITE_ROW) {
		sqlite3_reset(q);
		return rc == SQLITE_DONE ? 0 : rc;	/* not adjudicated */
	}
	{
		long long line = sqlite3_column_int64(q, 0);

		x12_money(paid, sqlite3_column_int64(q, 1));
		if (sqlite3_column_type(q, 2) == SQLITE_NULL)
			snprintf(svdu, sizeof(svdu), "%s", units);
		else
			num(svdu, sqlite3_column_int64(q, 2));
		sqlite3_reset(q);
		x12w_seg(&w->w, "SVD", w->svd01, paid, proc, "", svdu,
		    (char *)NULL);
		if ((rc = cas(w, db_query_id(w->db,
		    &claim837_queries[Q_LINE_CAS], line))) != 0)
			return rc;
	}
	if (strlen(w->paid_day) == 8)
		x12w_seg(&w->w, "DTP", "573", "D8", w->paid_day,
		    (char *)NULL);
	return 0;
}

/*
 * The claim's lines: the rows of Q_LINES (w->l, standing on the row its
 * last step, w->lrc, found) while they are this claim's.  Both
 * statements go in the same order, so the lines of a claim follow those
 * of the one before it.
 */
static int
claim_lines(struct wr *w)
{
	int rc;

	while (w->lrc == SQLITE_ROW &&
	    sqlite3_column_int64(w->l, L_CLAIM) == w->claim) {
		if ((rc = claim_line(w, w->l)) != 0)
			return rc;
		w->lrc = db_step(w->db, w->l);
	}
	return w->lrc == SQLITE_ROW || w->lrc == SQLITE_DONE ? 0 : w->lrc;
}

/* ISA .. 2010AA: what comes before the first claim. */
static void
head(struct wr *w, const struct c837_group *g)
{
	const struct c837_env *env = w->env;
	char	 ctl[24], st02[24], bht[32], name[61], a1[201], a2[201];
	char	 city[101], state[51], tax[11];

	snprintf(ctl, sizeof(ctl), "%ld", g->control);
	snprintf(st02, sizeof(st02), "%04ld", g->control);
	snprintf(bht, sizeof(bht), "BATCH%ld", g->control);
	x12w_isa(&w->w, "ZZ", env->submitter, "ZZ", g->receiver,
	    env->ccyymmdd + 2, env->hhmm, g->control, env->usage);
	x12w_seg(&w->w, "GS", "HC", env->submitter, g->receiver,
	    env->ccyymmdd, env->hhmm, ctl, "X", "005010X222A1", (char *)NULL);
	x12w_seg(&w->w, "ST", "837", st02, "005010X222A1", (char *)NULL);
	x12w_seg(&w->w, "BHT", "0019", "00", bht, env->ccyymmdd, env->hhmm,
	    "CH", (char *)NULL);
	x12_text(name, sizeof(name), env->name);
	/* 1000A submitter, 1000B receiver */
	x12w_seg(&w->w, "NM1", "41", "2", name, "", "", "", "", "46",
	    env->submitter, (char *)NULL);
	x12w_seg(&w->w, "PER", "IC", name, "TE", env->phone, (char *)NULL);
	x12w_seg(&w->w, "NM1", "40", "2", g->receiver_name, "", "", "", "",
	    "46", g->receiver, (char *)NULL);
	/* 2000A billing provider, 2010AA */
	x12w_seg(&w->w, "HL", "1", "", "20", "1", (char *)NULL);
	w->hl = 1;
	if (env->cfg->clinic_taxonomy)
		x12w_seg(&w->w, "PRV", "BI", "PXC", keep(tax, sizeof(tax),
		    env->cfg->clinic_taxonomy, ID), (char *)NULL);
	x12w_seg(&w->w, "NM1", "85", "2", name, "", "", "", "", "XX",
	    env->npi, (char *)NULL);
	x12w_seg(&w->w, "N3", x12_text(a1, sizeof(a1), env->address1),
	    x12_text(a2, sizeof(a2), env->address2 ? env->address2 : ""),
	    (char *)NULL);
	x12w_seg(&w->w, "N4", x12_text(city, sizeof(city), env->city),
	    x12_text(state, sizeof(state), env->state), env->zip,
	    (char *)NULL);
	x12w_seg(&w->w, "REF", "EI", env->ein, (char *)NULL);
}

int
claim837_write(struct db *db, const struct c837_env *env,
    const struct c837_group *g, FILE *out, long *nclaims, long long *len,
    char sha256[65])
{
	struct wr	 w = { .db = db, .env = env, .out = out };
	sqlite3_stmt	*s;
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned	 mdlen = 0;
	char		 ctl[24], st02[24], isa13[24];
	int		 rc, step;

	if ((w.md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(w.md, EVP_sha256(), NULL) != 1)
		errx(EX_SOFTWARE, "SHA-256: no digest");
	x12w_init(&w.w, &w.b, env->newline);
	head(&w, g);
	s = db_query_id(db, &claim837_queries[Q_CLAIMS], g->payer);
	w.l = db_query_id(db, &claim837_queries[Q_LINES], g->payer);
	w.lrc = db_step(db, w.l);
	rc = 0;
	while ((step = db_step(db, s)) == SQLITE_ROW) {
		if ((rc = claim_head(&w, s)) != 0 ||
		    (rc = claim_lines(&w)) != 0)
			break;
		if (w.b.len >= FLUSH_AT)
			flush(&w);
		if (w.err)
			break;
	}
	sqlite3_reset(s);
	sqlite3_reset(w.l);
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = step;
	if (rc == 0 && !w.err) {
		snprintf(ctl, sizeof(ctl), "%ld", g->control);
		snprintf(st02, sizeof(st02), "%04ld", g->control);
		snprintf(isa13, sizeof(isa13), "%09ld", g->control);
		x12w_se(&w.w, st02);
		x12w_seg(&w.w, "GE", "1", ctl, (char *)NULL);
		x12w_seg(&w.w, "IEA", "1", isa13, (char *)NULL);
		flush(&w);
		if (fflush(out) != 0)
			w.err = 1;
	}
	if (rc == 0 && w.err) {
		warnx("writing the 837P: %s", strerror(errno));
		rc = EX_IOERR;
	}
	EVP_DigestFinal_ex(w.md, md, &mdlen);
	EVP_MD_CTX_free(w.md);
	buf_free(&w.b);
	for (unsigned i = 0; i < mdlen && i < 32; i++)
		snprintf(sha256 + 2 * i, 3, "%02x", md[i]);
	*nclaims = w.nclaims;
	*len = w.len;
	return rc;
}

/* --- export: numbers, storing, moving the claims on ------------------- */

/* A file being written: where it goes, and the temporary it is now. */
struct place {
	char	*tmp;		/* owned; NULL: unlinked (stdout's) */
	char	*final;		/* owned; NULL: stdout */
	int	 placed;	/* renamed into final */
};

/* A temporary file beside dir's files (dir NULL: $TMPDIR), 0600. */
static FILE *
temp_open(const char *dir, struct place *pl)
{
	const char	*t = secure_getenv("TMPDIR");
	char		*path;
	int		 fd;
	FILE		*f;

	if (dir == NULL)
		dir = t && *t ? t : "/tmp";
	path = xasprintf("%s/.claim-export.XXXXXX", dir);
	if ((fd = mkstemp(path)) == -1) {
		warn("%s", path);
		free(path);
		return NULL;
	}
	if ((f = fdopen(fd, "w+")) == NULL) {
		warn("%s", path);
		close(fd);
		unlink(path);
		free(path);
		return NULL;
	}
	if (pl->final == NULL) {	/* for stdout: gone once closed */
		unlink(path);
		free(path);
		path = NULL;
	}
	pl->tmp = path;
	return f;
}

/* Copy len bytes of f (from its start) into batch id's body. */
static int
store(struct db *db, long long id, FILE *f, long long len)
{
	sqlite3_blob	*blob;
	char		 chunk[64 * 1024];
	long long	 off = 0;
	int		 rc;

	if ((rc = sqlite3_blob_open(db_handle(db), "main", "batch", "body",
	    id, 1, &blob)) != SQLITE_OK)
		return db_fail(db, rc, "batch body");
	rewind(f);
	while (off < len) {
		size_t want = len - off < (long long)sizeof(chunk) ?
		    (size_t)(len - off) : sizeof(chunk);

		if (fread(chunk, 1, want, f) != want) {
			warnx("reading back the 837P: %s", ferror(f) ?
			    strerror(errno) : "short");
			sqlite3_blob_close(blob);
			return EX_IOERR;
		}
		if ((rc = sqlite3_blob_write(blob, chunk, (int)want,
		    (int)off)) != SQLITE_OK) {
			sqlite3_blob_close(blob);
			return db_fail(db, rc, "batch body");
		}
		off += (long long)want;
	}
	if ((rc = sqlite3_blob_close(blob)) != SQLITE_OK)
		return db_fail(db, rc, "batch body");
	return 0;
}

/* Copy f's len bytes to stdout. */
static int
to_stdout(FILE *f, long long len)
{
	char		 chunk[64 * 1024];
	long long	 off = 0;

	rewind(f);
	while (off < len) {
		size_t want = len - off < (long long)sizeof(chunk) ?
		    (size_t)(len - off) : sizeof(chunk);

		if (fread(chunk, 1, want, f) != want ||
		    fwrite(chunk, 1, want, stdout) != want) {
			warnx("writing the 837P: %s", strerror(errno));
			return EX_IOERR;
		}
		off += (long long)want;
	}
	if (fflush(stdout) != 0) {
		warnx("writing the 837P: %s", strerror(errno));
		return EX_IOERR;
	}
	return 0;
}

/* Batch g, written to f: stored, its claims submitted. */
static int
record(struct app *app, const struct c837_group *g, FILE *f, long nclaims,
    long long len, const char *sha)
{
	struct db	*db = app->db;
	sqlite3_stmt	*s;
	char		 note[48], detail[96];
	long		 n;
	int		 rc;

	if (len > 0x7fffffffLL) {
		warnx("batch %ld: %lld bytes, more than a batch can hold: "
		    "export with --payer", g->control, len);
		return EX_DATAERR;
	}
	s = db_query(db, &claim837_queries[Q_BATCH_ADD]);
	db_bind_int(s, ":id", g->control);
	if (g->payer != 0)
		db_bind_int(s, ":payer", g->payer);
	db_bind_text(s, ":receiver", g->receiver);
	db_bind_int(s, ":n", nclaims);
	db_bind_int(s, ":len", len);
	db_bind_text(s, ":sha256", sha);
	db_bind_text(s, ":login", app->who.login);
	if ((rc = db_exec(db, s)) != 0 ||
	    (rc = store(db, g->control, f, len)) != 0)
		return rc;
	s = db_query_id(db, &claim837_queries[Q_BATCH_CLAIMS], g->payer);
	sqlite3_bind_int64(s, 2, g->control);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	if (sqlite3_changes(db_handle(db)) != nclaims) {
		warnx("batch %ld: %d claims ready, %ld written",
		    g->control, sqlite3_changes(db_handle(db)), nclaims);
		return EX_SOFTWARE;
	}
	if ((rc = claim_submit(db, g->payer, g->control, app->who.login,
	    &n)) != 0)
		return rc;
	if (n != nclaims) {
		warnx("batch %ld: %ld claims submitted, %ld written",
		    g->control, n, nclaims);
		return EX_SOFTWARE;
	}
	/* a disclosure of every patient's claim in it */
	snprintf(note, sizeof(note), "batch-%ld", g->control);
	snprintf(detail, sizeof(detail), "%ld claims to %s", nclaims,
	    g->receiver);
	return app_log(app, 0, note, detail);
}

static int
is_dir(const char *path)
{
	struct stat st;

	return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Move tmp into final (fsynced first), or copy it to stdout. */
static int
place(struct place *pl, FILE *f, long long len)
{
	if (pl->final == NULL)
		return to_stdout(f, len);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		warn("%s", pl->tmp);
		return EX_IOERR;
	}
	if (rename(pl->tmp, pl->final) == -1) {
		warn("%s", pl->final);
		return EX_CANTCREAT;
	}
	pl->placed = 1;
	return 0;
}

/* --batch N: the stored bytes, again. */
static int
resend(struct app *app, const struct c837_args *a)
{
	struct db	*db = app->db;
	sqlite3_stmt	*s;
	sqlite3_blob	*blob = NULL;
	struct place	 pl = { 0 };
	FILE		*f = stdout;
	char		 chunk[64 * 1024], rec[32], *dir = NULL;
	long long	 len, off = 0;
	int		 rc;

	s = db_query_id(db, &claim837_queries[Q_BATCH_GET], a->batch);
	if ((rc = db_step_int(db, s, &len)) == SQLITE_DONE) {
		warnx("no batch %lld", a->batch);
		return EX_DATAERR;
	}
	if (rc != SQLITE_ROW)
		return rc;
	if (a->file) {
		if (is_dir(a->file)) {
			dir = xstrdup(a->file);
			pl.final = xasprintf("%s/%lld.837", a->file, a->batch);
		} else {
			dir = path_dir(a->file);
			pl.final = xstrdup(a->file);
		}
		if ((f = temp_open(dir, &pl)) == NULL) {
			free(dir);
			free(pl.final);
			return EX_CANTCREAT;
		}
	}
	free(dir);
	snprintf(rec, sizeof(rec), "batch-%lld", a->batch);
	if ((rc = app_audit(app, 0, rec, "sent again")) != 0)
		goto out;
	if ((rc = sqlite3_blob_open(db_handle(db), "main", "batch", "body",
	    a->batch, 0, &blob)) != SQLITE_OK) {
		rc = db_fail(db, rc, "batch body");
		goto out;
	}
	while (off < len) {
		int want = len - off < (long long)sizeof(chunk) ?
		    (int)(len - off) : (int)sizeof(chunk);

		if ((rc = sqlite3_blob_read(blob, chunk, want, (int)off)) !=
		    SQLITE_OK) {
			rc = db_fail(db, rc, "batch body");
			goto out;
		}
		if (fwrite(chunk, 1, (size_t)want, f) != (size_t)want) {
			warnx("writing batch %lld: %s", a->batch,
			    strerror(errno));
			rc = EX_IOERR;
			goto out;
		}
		off += want;
	}
	if (fflush(f) != 0) {
		warnx("writing batch %lld: %s", a->batch, strerror(errno));
		rc = EX_IOERR;
		goto out;
	}
	rc = a->file ? place(&pl, f, len) : 0;
out:
	if (blob)
		sqlite3_blob_close(blob);
	if (a->file) {
		fclose(f);
		if (!pl.placed && pl.tmp)
			unlink(pl.tmp);
		free(pl.tmp);
		free(pl.final);
	}
	return rc;
}

/*
 * The scrubber again over the ready claims, as a name, an address, a
 * coverage or the config may have changed since they were made: each
 * that fails goes back to draft and stays out of the batch, said.
 */
static int
rescrub(struct app *app, long long payer, size_t *nbad)
{
	sqlite3_stmt	 *s = db_query(app->db, &claim837_queries[Q_READY_IDS]);
	struct claim_err *errs = NULL;
	long long	 *ids;
	size_t		  n, ne = 0;
	int		  rc;

	sqlite3_bind_int64(s, 1, payer);
	if ((rc = db_ids(app->db, s, &ids, &n)) != 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t first = ne;

		rc = claim_validate_by(app->db, app->cfg, ids[i],
		    app->who.login, &errs, &ne);
		if (ne > first)
			(*nbad)++;
	}
	for (size_t i = 0; i < ne; i++)
		warnx("clm-%lld: %s: %s: not exported, back to draft",
		    errs[i].claim, errs[i].field, errs[i].reason);
	free(errs);
	free(ids);
	return rc;
}

int
claim837_export(struct app *app, const struct c837_args *a)
{
	struct c837_env		 env;
	struct c837_group	*g = NULL;
	struct place		*pl = NULL;
	long			*ncl = NULL;
	size_t			 ng = 0, done = 0;
	long long		 payer = 0, len = 0, last;
	char			 sha[65], *dir = NULL;
	size_t			 nbad = 0;
	int			 rc, todir;
	FILE			*f = NULL;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0)
		return rc;
	if (a->batch)
		return resend(app, a);
	if ((rc = claim837_env(app->cfg, a->newline, &env)) != 0 ||
	    (a->payer && (rc = payer_find(app->db, a->payer, &payer)) != 0))
		return rc;
	todir = is_dir(a->file);
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = rescrub(app, payer, &nbad)) != 0 ||
	    (rc = claim837_groups(app->db, &env, payer, &g, &ng)) != 0)
		goto fail;
	if (ng == 0 && nbad > 0) {
		/* nothing left to send; keep what the scrubber found */
		free(g);
		return (rc = app_commit(app)) != 0 ? rc : EX_DATAERR;
	}
	if (ng == 0) {
		warnx("no claim is ready to export");
		rc = 1;
		goto fail;
	}
	if (ng > 1 && !todir) {
		warnx("the ready claims make %zu interchanges, one a payer: "
		    "give --payer, or -o a directory to write each in", ng);
		rc = EX_USAGE;
		goto fail;
	}
	dir = todir ? xstrdup(a->file) : a->file ? path_dir(a->file) : NULL;
	pl = xcalloc(ng, sizeof(*pl));
	ncl = xcalloc(ng, sizeof(*ncl));
	for (done = 0; done < ng; done++) {
		struct c837_group *gi = &g[done];

		if ((rc = db_step_int(app->db, db_query(app->db,
		    &claim837_queries[Q_COUNTER]), &last)) != SQLITE_ROW) {
			if (rc == SQLITE_DONE)
				rc = EX_SOFTWARE;
			break;
		}
		rc = 0;
		gi->control = (long)last;
		if (todir)
			pl[done].final = xasprintf("%s/%ld.837", a->file,
			    gi->control);
		else if (a->file)
			pl[done].final = xstrdup(a->file);
		if ((f = temp_open(dir, &pl[done])) == NULL) {
			rc = EX_CANTCREAT;
			break;
		}
		if ((rc = claim837_write(app->db, &env, gi, f, &ncl[done],
		    &len, sha)) != 0 ||
		    (rc = record(app, gi, f, ncl[done], len, sha)) != 0 ||
		    (rc = place(&pl[done], f, len)) != 0)
			break;
		fclose(f);
		f = NULL;
	}
	if (f)
		fclose(f);
	if (rc == 0)
		rc = app_commit(app);
	if (rc == 0) {
		for (size_t i = 0; i < ng; i++)
			fprintf(stderr, "batch %ld: %ld claim%s to %s\n",
			    g[i].control, ncl[i], ncl[i] == 1 ? "" : "s",
			    g[i].receiver);
		if (nbad > 0)
			rc = EX_DATAERR;	/* sent the rest; these wait */
	} else {
		app_rollback(app);
		for (size_t i = 0; i < ng; i++) {
			if (pl[i].tmp && !pl[i].placed)
				unlink(pl[i].tmp);
			if (pl[i].placed)
				unlink(pl[i].final);
		}
	}
	for (size_t i = 0; i < ng; i++) {
		free(pl[i].tmp);
		free(pl[i].final);
	}
	free(pl);
	free(ncl);
	free(dir);
	free(g);
	return rc;
fail:
	app_rollback(app);
	free(g);
	return rc;
}

/*
 * ack - see ack.h.  The parsers walk the interchange once with x12r
 * (which checks the envelope: counts, control numbers, a file cut
 * short), keeping what each set or claim was told; ack_apply looks up
 * every batch or claim before it writes anything.
 */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "ack.h"
#include "claim.h"
#include "editor.h"
#include "encounter.h"
#include "rec.h"
#include "util.h"
#include "x12.h"

enum { Q_SEEN, Q_BATCH, Q_CLAIM, Q_ADD, Q_ITEM, Q_BATCH_ACK, Q_SUBMITTED,
    Q_PCN };

const struct query ack_queries[] = {
	[Q_SEEN] = { "ack.seen",
	    "SELECT id FROM ack WHERE sha256 = ?1" },
	[Q_BATCH] = { "ack.batch",
	    "SELECT id FROM batch WHERE id = ?1" },
	/* status */
	[Q_CLAIM] = { "ack.claim",
	    "SELECT status FROM claim WHERE id = ?1" },
	[Q_ADD] = { "ack.add",
	    "INSERT INTO ack (kind, sha256, control, received_at, received_by)"
	    " VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?4)" },
	[Q_ITEM] = { "ack.item",
	    "INSERT INTO ack_item (ack_id, batch_id, claim_id, result, codes)"
	    " VALUES (:ack, :batch, :claim, :result, :codes)" },
	[Q_BATCH_ACK] = { "ack.batch_ack",
	    "UPDATE batch SET ack = ?2 WHERE id = ?1" },
	[Q_SUBMITTED] = { "ack.submitted",
	    "SELECT id FROM claim WHERE batch_id = ?1 AND status = 'submitted'"
	    " ORDER BY id" },
	[Q_PCN] = { "ack.payer_claim_no",
	    "UPDATE claim SET payer_claim_no = ?2 WHERE id = ?1" },
	{ NULL, NULL }
};

const char *
ack_kind_name(enum ack_kind k)
{
	return k == ACK_999 ? "999" : "277CA";
}

/* --- reading --------------------------------------------------------- */

struct rd {
	struct ack	*a;
	struct x12r	 r;
	int		 want;		/* -1 either kind, else an ack_kind */
	int		 kind;		/* -1 until the first GS */
	int		 in_st;		/* between our ST and its SE */
	/* 999 */
	struct ack_group *grp;		/* the open AK1, NULL outside */
	int		 grp_ak9;	/* its AK9 was read */
	size_t		 grp_sets;	/* its AK2s */
	struct ack_item	*set;		/* the open AK2, until its IK5 */
	/* 277CA */
	char		 level[4];	/* HL03 of the last HL */
	struct ack_item	*clm;		/* the open TRN, until the next */
	int		 clm_stc;	/* STC read for it */
};

static int
refuse(struct rd *d, const char *fmt, ...)
{
	char	msg[160];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(d->a->why, sizeof(d->a->why), "segment %ld: %s: %s",
	    d->r.segno, d->r.id, msg);
	return EX_DATAERR;
}

/* Element i into buf: 0, or 65 when it does not fit. */
static int
el(struct rd *d, size_t i, char *buf, size_t n)
{
	if (x12r_el(&d->r, i, buf, n) == -1)
		return refuse(d, "element %zu is longer than %zu", i, n - 1);
	return 0;
}

static int
comp(struct rd *d, size_t i, size_t j, char *buf, size_t n)
{
	if (x12r_comp(&d->r, i, j, buf, n) == -1)
		return refuse(d, "element %zu-%zu is longer than %zu", i, j,
		    n - 1);
	return 0;
}

/* Printable ASCII and none of our delimiters. */
static int
plain(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e || strchr("*:^~", *s) != NULL)
			return 0;
	return 1;
}

/*
 * Append to codes (ACK_CODES_MAX at most) one blank and then s, each
 * byte kept when printable ASCII, the reader's component separator
 * written ':', its other delimiters and anything else dropped.
 */
static void
codes_add(char *codes, const char *s, char compsep, char elsep)
{
	size_t n = strlen(codes);

	if (n > 0 && n < ACK_CODES_MAX)
		codes[n++] = ' ';
	for (; *s && n < ACK_CODES_MAX; s++) {
		if (*s == compsep)
			codes[n++] = ':';
		else if (*s == elsep)
			codes[n++] = '*';
		else if (*s >= 0x20 && *s <= 0x7e && strchr("*:^~", *s) == NULL)
			codes[n++] = *s;
	}
	codes[n] = '\0';
}

/* The current segment as "IK3*CLM*22*2300*8", into codes. */
static void
codes_seg(struct rd *d, char *codes)
{
	char	seg[ACK_CODES_MAX + 1], v[ACK_CODES_MAX + 1];
	size_t	n;

	n = (size_t)snprintf(seg, sizeof(seg), "%s", d->r.id);
	for (size_t i = 1; i <= d->r.nel && n < sizeof(seg) - 1; i++) {
		if (x12r_el(&d->r, i, v, sizeof(v)) == -1)
			v[0] = '\0';
		/* the reader's delimiters, as ours */
		for (char *c = v; *c; c++)
			if (*c == d->r.comp)
				*c = '\x01';
		n += (size_t)snprintf(seg + n, sizeof(seg) - n, "\x02%s", v);
	}
	/* \x01 and \x02 stand for : and * until codes_add maps them */
	codes_add(codes, seg, '\x01', '\x02');
}

static struct ack_item *
item_new(struct ack *a, long segno)
{
	struct ack_item *it;

	if (a->nitem == a->capitem) {
		a->capitem = a->capitem ? a->capitem * 2 : 16;
		a->item = xrealloc(a->item, a->capitem * sizeof(*a->item));
	}
	it = &a->item[a->nitem++];
	memset(it, 0, sizeof(*it));
	it->segno = segno;
	return it;
}

/* IK5, AK9 codes: M, W and X are rejections too (999 TR3). */
static int
result_code(const char *s, int partial)
{
	if (strcmp(s, "A") == 0 || strcmp(s, "E") == 0 ||
	    strcmp(s, "R") == 0)
		return s[0];
	if (partial && strcmp(s, "P") == 0)
		return 'P';
	if (strcmp(s, "M") == 0 || strcmp(s, "W") == 0 ||
	    strcmp(s, "X") == 0)
		return 'R';
	return 0;
}

/* AK2 and AK9 (seg) stand in an AK1 group, after the last set's IK5. */
static int
in_group(struct rd *d, const char *seg)
{
	if (d->grp == NULL || d->grp_ak9)
		return refuse(d, "%s outside an AK1 group", seg);
	if (d->set != NULL)
		return refuse(d, "IK5 missing for set '%s'", d->set->key);
	return 0;
}

static int
seg999(struct rd *d)
{
	struct ack	*a = d->a;
	char		 v[64], w[64];
	int		 rc, c;
	long		 n;

	if (x12r_is(&d->r, "AK1")) {
		if (d->grp != NULL)
			return refuse(d, "a second AK1 in one set");
		if ((rc = el(d, 1, v, sizeof(v))) != 0)
			return rc;
		if (strcmp(v, "HC") != 0)
			return refuse(d, "AK101 '%s': not a group of 837 "
			    "claims (HC)", plain(v) ? v : "?");
		if (x12r_long(&d->r, 2, &n) == -1 || n < 1 || n > 999999999)
			return refuse(d, "AK102 is not a group control number");
		if (a->ngroup == a->capgroup) {
			a->capgroup = a->capgroup ? a->capgroup * 2 : 4;
			a->group = xrealloc(a->group, a->capgroup *
			    sizeof(*a->group));
		}
		d->grp = &a->group[a->ngroup++];
		d->grp->batch = n;
		d->grp->ak9 = 0;
		d->grp_ak9 = 0;
		d->grp_sets = 0;
		return 0;
	}
	if (x12r_is(&d->r, "AK2")) {
		if ((rc = in_group(d, "AK2")) != 0)
			return rc;
		if ((rc = el(d, 1, v, sizeof(v))) != 0 ||
		    (rc = el(d, 2, w, sizeof(w))) != 0)
			return rc;
		if (strcmp(v, "837") != 0)
			return refuse(d, "AK201 '%s': not an 837",
			    plain(v) ? v : "?");
		if (w[0] == '\0' || strlen(w) > 9 || !plain(w))
			return refuse(d, "AK202 is not a set control number");
		d->set = item_new(a, d->r.segno);
		d->set->batch = d->grp->batch;
		d->grp_sets++;
		memcpy(d->set->key, w, strlen(w) + 1);	/* 9 at most */
		return 0;
	}
	if (x12r_is(&d->r, "IK3") || x12r_is(&d->r, "IK4") ||
	    x12r_is(&d->r, "CTX")) {
		if (d->set == NULL)
			return refuse(d, "outside an AK2 set");
		codes_seg(d, d->set->codes);
		return 0;
	}
	if (x12r_is(&d->r, "IK5")) {
		if (d->set == NULL)
			return refuse(d, "IK5 outside an AK2 set");
		if ((rc = el(d, 1, v, sizeof(v))) != 0)
			return rc;
		if ((c = result_code(v, 0)) == 0)
			return refuse(d, "IK501 '%s' is not A, E, R, M, W "
			    "or X", plain(v) ? v : "?");
		d->set->result = (enum ack_result)c;
		d->set = NULL;
		return 0;
	}
	if (x12r_is(&d->r, "AK9")) {
		if ((rc = in_group(d, "AK9")) != 0)
			return rc;
		if ((rc = el(d, 1, v, sizeof(v))) != 0)
			return rc;
		if ((c = result_code(v, 1)) == 0)
			return refuse(d, "AK901 '%s' is not A, E, P or R",
			    plain(v) ? v : "?");
		d->grp->ak9 = (char)c;
		d->grp_ak9 = 1;
		/*
		 * A group refused whole may come without its sets: the AK9
		 * stands for them (key "": no ST02 named)
		 */
		if (d->grp_sets == 0) {
			struct ack_item *it = item_new(a, d->r.segno);

			it->batch = d->grp->batch;
			it->result = c == 'A' ? ACK_ACCEPTED : c == 'R' ?
			    ACK_REJECTED : ACK_ERRORS;
		}
		return 0;
	}
	if (x12r_is(&d->r, "SE")) {
		if (d->set != NULL)
			return refuse(d, "IK5 missing for set '%s'",
			    d->set->key);
		if (d->grp == NULL || !d->grp_ak9)
			return refuse(d, "a 999 set without %s",
			    d->grp == NULL ? "AK1" : "AK9");
		d->grp = NULL;
		return 0;
	}
	return 0;	/* TA1-style extras, AK1's own: nothing we need */
}

/* The STC categories: 'A' accepted, 'R' rejected, 0 none we know. */
static int
category(const char *c)
{
	static const char *const acc[] = { "A1", "A2" };
	static const char *const rej[] = { "A3", "A6", "A7", "A8" };

	if (str_in(c, acc, nitems(acc)))
		return 'A';
	if (str_in(c, rej, nitems(rej)))
		return 'R';
	return 0;
}

/* The open claim is complete: it had an STC. */
static int
clm_close(struct rd *d)
{
	if (d->clm != NULL && !d->clm_stc) {
		snprintf(d->a->why, sizeof(d->a->why), "segment %ld: TRN02 "
		    "'%s' has no STC", d->clm->segno, d->clm->key);
		return EX_DATAERR;
	}
	d->clm = NULL;
	d->clm_stc = 0;
	return 0;
}

/* STC01, STC10 or STC11 (element i): category:status[:entity]. */
static int
stc_comp(struct rd *d, size_t i)
{
	char	cat[8], st[8], ent[8], all[32];
	int	rc, c;

	if ((rc = comp(d, i, 1, cat, sizeof(cat))) != 0 ||
	    (rc = comp(d, i, 2, st, sizeof(st))) != 0 ||
	    (rc = comp(d, i, 3, ent, sizeof(ent))) != 0)
		return rc;
	if (cat[0] == '\0' && i != 1)
		return 0;	/* STC10/11 are situational */
	if ((c = category(cat)) == 0)
		return refuse(d, "STC%02zu category '%s' is not A1, A2, A3, "
		    "A6, A7 or A8", i, plain(cat) ? cat : "?");
	if (!plain(st) || !plain(ent))
		return refuse(d, "STC%02zu holds a delimiter", i);
	snprintf(all, sizeof(all), "%s:%s%s%s", cat, st, ent[0] ? ":" : "",
	    ent);
	codes_add(d->clm->codes, all, ':', '*');
	if (c == 'R')
		d->clm->result = ACK_REJECTED;
	else if (d->clm->result != ACK_REJECTED)
		d->clm->result = ACK_ACCEPTED;
	return 0;
}

static int
seg277(struct rd *d)
{
	char		 v[64], w[64];
	int		 rc;

	if (x12r_is(&d->r, "BHT")) {
		if ((rc = el(d, 1, v, sizeof(v))) != 0 ||
		    (rc = el(d, 2, w, sizeof(w))) != 0)
			return rc;
		if (strcmp(v, "0085") != 0 || strcmp(w, "08") != 0)
			return refuse(d, "not a 277CA's BHT*0085*08");
		return 0;
	}
	if (x12r_is(&d->r, "HL")) {
		if ((rc = clm_close(d)) != 0 ||
		    (rc = el(d, 3, v, sizeof(v))) != 0)
			return rc;
		if (strcmp(v, "20") != 0 && strcmp(v, "21") != 0 &&
		    strcmp(v, "19") != 0 && strcmp(v, "PT") != 0)
			return refuse(d, "HL03 '%s' is not 20, 21, 19 or PT",
			    plain(v) ? v : "?");
		memcpy(d->level, v, 3);	/* one of the four above */
		d->level[3] = '\0';
		return 0;
	}
	if (x12r_is(&d->r, "SE"))
		return clm_close(d);
	/* the levels above the patient carry the batch's own TRN and STC */
	if (strcmp(d->level, "PT") != 0)
		return 0;
	if (x12r_is(&d->r, "TRN")) {
		if ((rc = clm_close(d)) != 0 ||
		    (rc = el(d, 1, v, sizeof(v))) != 0 ||
		    (rc = el(d, 2, w, sizeof(w))) != 0)
			return rc;
		if (strcmp(v, "2") != 0)
			return refuse(d, "TRN01 '%s' is not 2",
			    plain(v) ? v : "?");
		if (w[0] == '\0' || strlen(w) > 20 || !plain(w))
			return refuse(d, "TRN02 is not a claim's CLM01");
		d->clm = item_new(d->a, d->r.segno);
		memcpy(d->clm->key, w, strlen(w) + 1);	/* 20 at most */
		return 0;
	}
	if (x12r_is(&d->r, "STC")) {
		if (d->clm == NULL)
			return refuse(d, "STC before the claim's TRN");
		if ((rc = stc_comp(d, 1)) != 0 ||
		    (rc = stc_comp(d, 10)) != 0 ||
		    (rc = stc_comp(d, 11)) != 0)
			return rc;
		d->clm_stc = 1;
		return 0;
	}
	if (x12r_is(&d->r, "REF")) {
		if ((rc = el(d, 1, v, sizeof(v))) != 0)
			return rc;
		if (strcmp(v, "1K") != 0)
			return 0;
		if (d->clm == NULL)
			return refuse(d, "REF*1K before the claim's TRN");
		if ((rc = el(d, 2, d->clm->payer_claim_no,
		    sizeof(d->clm->payer_claim_no))) != 0)
			return rc;
		if (d->clm->payer_claim_no[0] == '\0' ||
		    !plain(d->clm->payer_claim_no))
			return refuse(d, "REF02 is not a payer claim number");
		return 0;
	}
	return 0;
}

static int
parse(struct ack *a, const char *data, size_t len, int want)
{
	struct rd	 d;
	char		 v[16];
	int		 n, rc;

	memset(a, 0, sizeof(*a));
	memset(&d, 0, sizeof(d));
	d.a = a;
	d.want = want;
	d.kind = -1;
	if (x12r_open(&d.r, data, len) == -1) {
		snprintf(a->why, sizeof(a->why), "%s", d.r.why);
		return EX_DATAERR;
	}
	while ((n = x12r_next(&d.r)) == 1) {
		if (x12r_is(&d.r, "GS")) {
			int k;

			if ((rc = el(&d, 1, v, sizeof(v))) != 0)
				return rc;
			k = strcmp(v, "FA") == 0 ? ACK_999 :
			    strcmp(v, "HN") == 0 ? ACK_277CA : -1;
			if (k == -1 || (want != -1 && k != want))
				return refuse(&d, "GS01 '%s': not %s", plain(v) ?
				    v : "?", want == ACK_999 ? "a 999 (FA)" :
				    want == ACK_277CA ? "a 277CA (HN)" :
				    "a 999 (FA) or a 277CA (HN)");
			if (d.kind != -1 && k != d.kind)
				return refuse(&d, "a %s group after %s ones",
				    ack_kind_name(k), ack_kind_name(d.kind));
			d.kind = k;
			continue;
		}
		if (x12r_is(&d.r, "ST")) {
			if ((rc = el(&d, 1, v, sizeof(v))) != 0)
				return rc;
			if (strcmp(v, d.kind == ACK_999 ? "999" : "277") != 0)
				return refuse(&d, "ST01 '%s' in a %s group",
				    plain(v) ? v : "?", ack_kind_name(d.kind));
			memset(d.level, 0, sizeof(d.level));
			d.in_st = 1;
			continue;
		}
		if (!d.in_st)
			continue;	/* ISA, GE, IEA: the reader checks them */
		if ((rc = d.kind == ACK_999 ? seg999(&d) : seg277(&d)) != 0)
			return rc;
		if (x12r_is(&d.r, "SE"))
			d.in_st = 0;
	}
	if (n == -1) {
		snprintf(a->why, sizeof(a->why), "%s", d.r.why);
		return EX_DATAERR;
	}
	if (d.kind == -1) {
		snprintf(a->why, sizeof(a->why), "no functional group (GS)");
		return EX_DATAERR;
	}
	if (d.kind == ACK_999 && a->ngroup == 0) {
		snprintf(a->why, sizeof(a->why), "a 999 without an AK1 group");
		return EX_DATAERR;
	}
	a->kind = (enum ack_kind)d.kind;
	snprintf(a->control, sizeof(a->control), "%s", d.r.isa13);
	return 0;
}

int
ack_parse(struct ack *a, const char *data, size_t len)
{
	return parse(a, data, len, -1);
}

int
ack_parse_999(struct ack *a, const char *data, size_t len)
{
	return parse(a, data, len, ACK_999);
}

int
ack_parse_277(struct ack *a, const char *data, size_t len)
{
	return parse(a, data, len, ACK_277CA);
}

void
ack_free(struct ack *a)
{
	if (a == NULL)
		return;
	free(a->item);
	free(a->group);
	a->item = NULL;
	a->group = NULL;
	a->nitem = a->capitem = a->ngroup = a->capgroup = 0;
}

int
ack_file_read(const char *path, char **data, size_t *len, char sha256[65])
{
	struct buf	 b;
	int		 rc;

	*len = 0;
	if ((rc = editor_read(path, ACK_MAX_FILE, data)) != 0)
		return rc;
	b.s = *data;
	b.len = *len = strlen(*data);
	enc_sha256_hex(&b, sha256);
	return 0;
}

/* --- applying -------------------------------------------------------- */

/* TRN02 as a claim id: "clm-N" in any case (claim_arg, without its word). */
static int
claim_of(const char *key, long long *id)
{
	char	lower[ACK_KEY_MAX + 1];
	size_t	i;

	for (i = 0; key[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = key[i] >= 'A' && key[i] <= 'Z' ?
		    key[i] - 'A' + 'a' : key[i];
	lower[i] = '\0';
	return rec_id_parse(lower, "clm", id);
}

/* Is there such a row (Q_BATCH, Q_CLAIM)?  1, 0, or -(sysexits). */
static int
exists(struct db *db, int q, long long id, char *status, size_t n)
{
	sqlite3_stmt	*s = db_query_id(db, &ack_queries[q], id);
	int		 rc;

	if ((rc = db_step(db, s)) == SQLITE_ROW && status != NULL)
		snprintf(status, n, "%s", (const char *)
		    sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -rc;
}

static const char *
result_word(enum ack_result r)
{
	return r == ACK_ACCEPTED ? "accepted" : r == ACK_ERRORS ? "errors" :
	    "rejected";
}

static int
item_add(struct db *db, long long ack, long long batch, long long claim,
    const struct ack_item *it)
{
	sqlite3_stmt *s = db_query(db, &ack_queries[Q_ITEM]);

	db_bind_int(s, ":ack", ack);
	if (batch)
		db_bind_int(s, ":batch", batch);
	if (claim)
		db_bind_int(s, ":claim", claim);
	db_bind_text(s, ":result", result_word(it->result));
	if (it->codes[0])
		db_bind_text(s, ":codes", it->codes);
	return db_exec(db, s);
}

/* Every claim of batch still submitted, as a list (status moves after). */
static int
submitted(struct db *db, long batch, long long **ids, size_t *n)
{
	return db_ids(db, db_query_id(db, &ack_queries[Q_SUBMITTED], batch),
	    ids, n);
}

/* A 999's ST02 names our set: the batch's number (leading zeros aside). */
static int
st02_is(const char *st02, long batch)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(st02, &end, 10);
	return errno == 0 && *end == '\0' && end != st02 && n == batch;
}

static int
apply999(struct db *db, const struct ack *a, long long ack, const char *who,
    struct ack_done *done)
{
	char		 note[500];
	long long	*ids;
	size_t		 n;
	int		 rc;

	for (size_t g = 0; g < a->ngroup; g++) {
		sqlite3_stmt *s = db_query_id(db, &ack_queries[Q_BATCH_ACK],
		    a->group[g].batch);
		char ak9[2] = { a->group[g].ak9, '\0' };

		sqlite3_bind_text(s, 2, ak9, -1, SQLITE_TRANSIENT);
		if ((rc = db_exec(db, s)) != 0)
			return rc;
	}
	for (size_t i = 0; i < a->nitem; i++) {
		const struct ack_item *it = &a->item[i];

		if ((rc = item_add(db, ack, it->batch, 0, it)) != 0)
			return rc;
		if (it->result == ACK_ACCEPTED) {
			done->accepted++;
			continue;
		}
		if (it->result == ACK_ERRORS)
			done->errors++;
		else
			done->rejected++;
		snprintf(note, sizeof(note), "999 ack-%lld: batch %ld %s%s%s",
		    ack, it->batch, it->result == ACK_ERRORS ?
		    "accepted with errors" : "rejected",
		    it->codes[0] ? ": " : "", it->codes);
		if ((rc = submitted(db, it->batch, &ids, &n)) != 0)
			return rc;
		for (size_t k = 0; k < n; k++) {
			rc = claim_status_set(db, ids[k], it->result ==
			    ACK_ERRORS ? "submitted" : "rejected", who, note);
			if (rc != 0)
				break;
			if (it->result == ACK_REJECTED)
				done->moved++;
		}
		free(ids);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
apply277(struct db *db, const struct ack *a, const long long *claims,
    long long ack, const char *who, struct ack_done *done)
{
	char	 note[500], status[16];
	int	 rc;

	for (size_t i = 0; i < a->nitem; i++) {
		const struct ack_item *it = &a->item[i];
		int moves;

		if ((rc = item_add(db, ack, 0, claims[i], it)) != 0)
			return rc;
		if (it->payer_claim_no[0]) {
			sqlite3_stmt *s = db_query_id(db,
			    &ack_queries[Q_PCN], claims[i]);

			sqlite3_bind_text(s, 2, it->payer_claim_no, -1,
			    SQLITE_TRANSIENT);
			if ((rc = db_exec(db, s)) != 0)
				return rc;
		}
		if ((rc = exists(db, Q_CLAIM, claims[i], status,
		    sizeof(status))) < 0)
			return -rc;
		if (it->result == ACK_REJECTED) {
			done->rejected++;
			moves = streq(status, "submitted") ||
			    streq(status, "accepted");
		} else {
			done->accepted++;
			moves = streq(status, "submitted");
		}
		if (!moves)
			continue;
		snprintf(note, sizeof(note), "277CA ack-%lld: %s", ack,
		    it->codes);
		if ((rc = claim_status_set(db, claims[i], result_word(
		    it->result), who, note)) != 0)
			return rc;
		done->moved++;
	}
	return 0;
}

int
ack_apply(struct db *db, const struct ack *a, const char *sha256,
    const char *who, struct ack_done *done)
{
	sqlite3_stmt	*s;
	long long	*claims = NULL, seen = 0;
	int		 rc, e, bad = 0;

	memset(done, 0, sizeof(*done));
	s = db_query(db, &ack_queries[Q_SEEN]);
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_TRANSIENT);
	if ((rc = db_step_int(db, s, &seen)) != SQLITE_ROW &&
	    rc != SQLITE_DONE)
		return rc;
	if (rc == SQLITE_ROW) {
		done->ack = seen;
		done->dup = 1;
		return 0;
	}
	/* everything it names is ours, before anything is written */
	if (a->kind == ACK_999) {
		for (size_t g = 0; g < a->ngroup; g++) {
			if ((e = exists(db, Q_BATCH, a->group[g].batch, NULL,
			    0)) < 0)
				return -e;
			if (e == 0) {
				warnx("999 for batch %ld: no such batch",
				    a->group[g].batch);
				bad = 1;
			}
		}
		for (size_t i = 0; i < a->nitem && !bad; i++)
			if (a->item[i].key[0] != '\0' &&
			    !st02_is(a->item[i].key, a->item[i].batch)) {
				warnx("999 for batch %ld: set '%s' is not "
				    "the batch's (ST02 %ld)", a->item[i].batch,
				    a->item[i].key, a->item[i].batch);
				bad = 1;
			}
	} else {
		claims = xcalloc(a->nitem ? a->nitem : 1, sizeof(*claims));
		for (size_t i = 0; i < a->nitem; i++) {
			if (claim_of(a->item[i].key, &claims[i]) == -1)
				e = 0;
			else if ((e = exists(db, Q_CLAIM, claims[i], NULL,
			    0)) < 0) {
				free(claims);
				return -e;
			}
			if (e == 0) {
				warnx("277CA for '%s': no such claim",
				    a->item[i].key);
				bad = 1;
			}
		}
	}
	if (bad) {
		free(claims);
		return EX_DATAERR;
	}
	s = db_query(db, &ack_queries[Q_ADD]);
	sqlite3_bind_text(s, 1, ack_kind_name(a->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, a->control, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, who, -1, SQLITE_TRANSIENT);
	if ((rc = db_insert(db, s, &done->ack)) == 0)
		rc = a->kind == ACK_999 ? apply999(db, a, done->ack, who, done) :
		    apply277(db, a, claims, done->ack, who, done);
	free(claims);
	return rc;
}

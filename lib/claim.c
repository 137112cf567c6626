/*
 * claim - see claim.h.  A claim copies what it bills when it is made:
 * the encounter's diagnoses in order, one line a procedure with the
 * ledger's charge for it, the encounter's day, place of service and
 * prior authorisation, and the coverage and payer it goes to.  The
 * scrubber reads the claim as made, with the clinic's identity from
 * clinix.yaml and the provider, payer, coverage and patient rows as
 * they are now (what the 837P will carry).
 */
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "cfg.h"
#include "charge.h"
#include "claim.h"
#include "codeset.h"
#include "date.h"
#include "encounter.h"
#include "ident.h"
#include "money.h"
#include "rec.h"
#include "util.h"

/* Cents as "12.50", in SQL, without floating point (as lib/ledger.c). */
#define MONEY_SQL(c)	"printf('%s%d.%02d', CASE WHEN " c " < 0 THEN '-'" \
			" ELSE '' END, abs(" c ") / 100, abs(" c ") % 100)"

enum { Q_STATUS, Q_EVENT, Q_HISTORY, Q_ENC, Q_COVERAGE, Q_ENDED, Q_EXISTING,
    Q_NEXT_ID, Q_INSERT, Q_ENC_LINES, Q_LINE_ADD, Q_DX_ADD, Q_NDX,
    Q_SPAN, Q_PRIMARY, Q_REMIT, Q_PR, Q_LINES_COPY, Q_DX_COPY, Q_VAL,
    Q_VAL_DX, Q_VAL_LINES, Q_UNSENT, Q_LIST, Q_OWNER, Q_HEAD, Q_DX,
    Q_LINES, Q_ACKS, Q_REMITS, Q_REMIT_LINES, Q_ADJS, Q_STATUS_OF,
    Q_SUBMIT, Q_SUBMIT_EVENTS };

const struct query claim_queries[] = {
	[Q_STATUS] = { "claim.status",
	    "UPDATE claim SET status = ?2 WHERE id = ?1" },
	[Q_EVENT] = { "claim.event",
	    "INSERT INTO claim_event (claim_id, at, who, status, note)"
	    " VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, ?3, ?4)" },
	[Q_HISTORY] = { "claim.history",
	    "SELECT e.at, e.who, e.status, e.note FROM claim_event e"
	    " WHERE e.claim_id = ?1 ORDER BY e.id" },
	/* patient, provider, local day, signed, type, prior_auth */
	[Q_ENC] = { "claim.encounter",
	    "SELECT patient_id, provider_id, date(start_at, 'localtime'),"
	    " signed_at IS NOT NULL, type, prior_auth FROM encounter"
	    " WHERE id = ?1" },
	/* ?1 patient, ?2 day, ?3 priority: coverage, payer */
	[Q_COVERAGE] = { "claim.coverage",
	    "SELECT id, payer_id FROM coverage WHERE patient_id = ?1"
	    " AND priority = ?3 AND start_date <= ?2 AND (end_date IS NULL"
	    " OR end_date >= ?2) ORDER BY id LIMIT 1" },
	/* the primary coverage that ended last before day ?2 */
	[Q_ENDED] = { "claim.coverage_ended",
	    "SELECT 'cov-' || c.id, p.name, c.end_date FROM coverage c"
	    " JOIN payer p ON p.id = c.payer_id WHERE c.patient_id = ?1"
	    " AND c.priority = 'primary' AND c.end_date < ?2"
	    " ORDER BY c.end_date DESC, c.id DESC LIMIT 1" },
	[Q_EXISTING] = { "claim.existing",
	    "SELECT id FROM claim WHERE encounter_id = ?1 AND payer_id = ?2"
	    " AND frequency = 1" },
	[Q_NEXT_ID] = { "claim.next_id",
	    "SELECT ifnull(max(id), 0) + 1 FROM claim" },
	[Q_INSERT] = { "claim.insert",
	    "INSERT INTO claim (id, control, encounter_id, patient_id,"
	    " coverage_id, payer_id, provider_id, payer_order, primary_claim,"
	    " service_day, pos, prior_auth, total, created_at, created_by)"
	    " VALUES (:id, 'clm-' || :id, :enc, :patient, :coverage, :payer,"
	    " :provider, :order, :primary, :day, :pos, :auth, :total,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :who)" },
	/*
	 * id, code, mods, units, dx, the ledger's charge for the line: the
	 * receivable posting of the transaction that charged it
	 */
	[Q_ENC_LINES] = { "claim.encounter_lines",
	    "SELECT p.id, p.code, p.mods, p.units, p.dx, (SELECT sum(po.amount)"
	    " FROM charge c JOIN posting po ON po.txn_id = c.txn_id"
	    " AND po.proc_id = c.proc_id WHERE c.proc_id = p.id AND po.account"
	    " IN ('ar.insurance', 'ar.patient')) FROM encounter_proc p"
	    " WHERE p.encounter_id = ?1 ORDER BY p.id" },
	[Q_LINE_ADD] = { "claim.line_add",
	    "INSERT INTO claim_line (claim_id, line, proc_id, code, mods,"
	    " units, charge, pointers) VALUES (:claim, :line, :proc, :code,"
	    " :mods, :units, :charge, :pointers)" },
	[Q_DX_ADD] = { "claim.dx_add",
	    "INSERT INTO claim_dx (claim_id, position, code) SELECT ?1,"
	    " position, code FROM encounter_dx WHERE encounter_id = ?2"
	    " AND position <= 12 ORDER BY position" },
	[Q_NDX] = { "claim.encounter_ndx",
	    "SELECT count(*) FROM encounter_dx WHERE encounter_id = ?1" },
	[Q_SPAN] = { "claim.span",
	    "SELECT id, signed_at IS NOT NULL FROM encounter"
	    " WHERE start_at >= ?1 AND (?2 IS NULL OR start_at < ?2)"
	    " ORDER BY start_at, id" },
	/* a primary: encounter, patient, provider, day, pos, auth, total */
	[Q_PRIMARY] = { "claim.primary",
	    "SELECT encounter_id, patient_id, provider_id, service_day, pos,"
	    " prior_auth, total, payer_order FROM claim WHERE id = ?1" },
	[Q_REMIT] = { "claim.remit",
	    "SELECT id FROM remit_claim WHERE claim_id = ?1"
	    " ORDER BY id DESC LIMIT 1" },
	[Q_PR] = { "claim.pr",
	    "SELECT ifnull(sum(amount), 0) FROM remit_adj"
	    " WHERE remit_claim_id = ?1 AND grp = 'PR'" },
	[Q_LINES_COPY] = { "claim.lines_copy",
	    "INSERT INTO claim_line (claim_id, line, proc_id, code, mods,"
	    " units, charge, pointers) SELECT ?1, line, proc_id, code, mods,"
	    " units, charge, pointers FROM claim_line WHERE claim_id = ?2"
	    " ORDER BY line" },
	[Q_DX_COPY] = { "claim.dx_copy",
	    "INSERT INTO claim_dx (claim_id, position, code) SELECT ?1,"
	    " position, code FROM claim_dx WHERE claim_id = ?2" },
	/* everything the scrubber reads of one claim, one row */
	[Q_VAL] = { "claim.validate",
	    "SELECT c.status, c.service_day, c.total, c.prior_auth,"
	    " pr.name, pr.npi, pr.taxonomy, py.payer_id, py.name,"
	    " cv.member_id, cv.group_no, cv.relationship, cv.subscriber_name,"
	    " cv.subscriber_dob, cv.subscriber_sex, cv.start_date,"
	    " cv.end_date, pa.first, pa.middle, pa.last, pa.dob,"
	    " pa.address1, pa.address2, pa.city, pa.state, pa.zip,"
	    " (SELECT count(*) FROM claim_line l WHERE l.claim_id = c.id),"
	    " (SELECT ifnull(sum(l.charge), 0) FROM claim_line l"
	    " WHERE l.claim_id = c.id),"
	    " (SELECT count(*) FROM claim_dx d WHERE d.claim_id = c.id),"
	    " date('now', 'localtime')"
	    " FROM claim c JOIN provider pr ON pr.id = c.provider_id"
	    " JOIN payer py ON py.id = c.payer_id"
	    " JOIN coverage cv ON cv.id = c.coverage_id"
	    " JOIN patient pa ON pa.id = c.patient_id WHERE c.id = ?1" },
	[Q_VAL_DX] = { "claim.validate_dx",
	    "SELECT d.position, d.code, k.billable, k.retired_in"
	    " FROM claim_dx d LEFT JOIN code k ON k.system = 'icd10cm'"
	    " AND k.code = d.code WHERE d.claim_id = ?1 ORDER BY d.position" },
	[Q_VAL_LINES] = { "claim.validate_lines",
	    "SELECT line, code, units, charge, pointers FROM claim_line"
	    " WHERE claim_id = ?1 ORDER BY line" },
	[Q_UNSENT] = { "claim.unsent",
	    "SELECT id FROM claim WHERE status IN ('draft', 'ready')"
	    " ORDER BY id" },
	/*
	 * ?1 status, ?2 payer, ?3 provider, ?4 from, ?5 to (NULL: any); a
	 * denied claim's reason: the CAS of its latest 835, with the CARC's
	 * words when they are loaded
	 */
	[Q_LIST] = { "claim.list",
	    "SELECT 'clm-' || c.id AS id, c.service_day AS day,"
	    " 'pat-' || c.patient_id AS patient,"
	    " pa.first || ' ' || pa.last AS name, py.name AS payer,"
	    " c.status, " MONEY_SQL("c.total") " AS total,"
	    " CASE WHEN c.status = 'denied' THEN (SELECT group_concat("
	    " a.grp || '-' || a.reason || ifnull(' ' || k.description, ''),"
	    " '; ') FROM remit_adj a LEFT JOIN carc k ON k.code = a.reason"
	    " WHERE a.remit_claim_id = (SELECT max(r.id) FROM remit_claim r"
	    " WHERE r.claim_id = c.id)) END AS reason"
	    " FROM claim c JOIN patient pa ON pa.id = c.patient_id"
	    " JOIN payer py ON py.id = c.payer_id"
	    " WHERE (?1 IS NULL OR c.status = ?1)"
	    " AND (?2 IS NULL OR c.payer_id = ?2)"
	    " AND (?3 IS NULL OR c.provider_id = ?3)"
	    " AND (?4 IS NULL OR c.service_day >= ?4)"
	    " AND (?5 IS NULL OR c.service_day <= ?5)"
	    " ORDER BY c.service_day, c.id" },
	[Q_OWNER] = { "claim.owner",
	    "SELECT patient_id, provider_id FROM claim WHERE id = ?1" },
	[Q_HEAD] = { "claim.head",
	    "SELECT 'clm-' || c.id AS id, c.control, 'enc-' || c.encounter_id"
	    " AS encounter, 'pat-' || c.patient_id AS patient,"
	    " pa.first || ' ' || pa.last AS name, 'prv-' || c.provider_id AS"
	    " provider, pr.name AS provider_name, py.name AS payer,"
	    " py.payer_id, 'cov-' || c.coverage_id AS coverage, cv.member_id,"
	    " CASE c.payer_order WHEN 'P' THEN 'primary' WHEN 'S' THEN"
	    " 'secondary' ELSE 'tertiary' END AS payer_order,"
	    " CASE c.frequency WHEN 1 THEN 'original' WHEN 7 THEN"
	    " 'replacement' ELSE 'void' END AS frequency,"
	    " 'clm-' || c.replaces AS replaces,"
	    " 'clm-' || c.primary_claim AS primary_claim,"
	    " c.service_day AS day, c.pos, c.prior_auth, "
	    MONEY_SQL("c.total") " AS total, c.status, c.payer_claim_no,"
	    " c.batch_id AS batch, c.created_at, c.created_by"
	    " FROM claim c JOIN patient pa ON pa.id = c.patient_id"
	    " JOIN provider pr ON pr.id = c.provider_id"
	    " JOIN payer py ON py.id = c.payer_id"
	    " JOIN coverage cv ON cv.id = c.coverage_id WHERE c.id = ?1" },
	[Q_DX] = { "claim.dx",
	    "SELECT d.position, " CODESET_ICD_DOTTED("d.code") " AS code,"
	    " k.title FROM claim_dx d LEFT JOIN code k ON k.system = 'icd10cm'"
	    " AND k.code = d.code WHERE d.claim_id = ?1 ORDER BY d.position" },
	[Q_LINES] = { "claim.lines",
	    "SELECT line, code, mods, units, " MONEY_SQL("charge")
	    " AS charge, pointers, 'prc-' || proc_id AS procedure"
	    " FROM claim_line WHERE claim_id = ?1 ORDER BY line" },
	[Q_ACKS] = { "claim.acks",
	    "SELECT 'ack-' || a.id AS ack, a.kind, a.received_at, i.result,"
	    " i.codes FROM ack_item i JOIN ack a ON a.id = i.ack_id"
	    " WHERE i.claim_id = ?1 OR i.batch_id IN (SELECT batch_id"
	    " FROM batch_claim WHERE claim_id = ?1) ORDER BY i.id" },
	[Q_REMITS] = { "claim.remits",
	    "SELECT 'era-' || r.id AS remit, r.trace, r.paid_on, rc.status,"
	    " " MONEY_SQL("rc.charge") " AS charge, " MONEY_SQL("rc.paid")
	    " AS paid, " MONEY_SQL("ifnull(rc.patient_resp, 0)")
	    " AS patient_resp, rc.payer_claim_no, rc.remarks FROM remit_claim rc"
	    " JOIN remit r ON r.id = rc.remit_id WHERE rc.claim_id = ?1"
	    " ORDER BY rc.id" },
	[Q_REMIT_LINES] = { "claim.remit_lines",
	    "SELECT 'era-' || rc.remit_id AS remit, l.procedure, "
	    MONEY_SQL("l.charge") " AS charge, " MONEY_SQL("l.paid")
	    " AS paid, l.units, l.service_day, l.remarks FROM remit_line l"
	    " JOIN remit_claim rc ON rc.id = l.remit_claim_id"
	    " WHERE rc.claim_id = ?1 ORDER BY l.id" },
	[Q_ADJS] = { "claim.adjustments",
	    "SELECT 'era-' || rc.remit_id AS remit, l.procedure, a.grp,"
	    " a.reason, " MONEY_SQL("a.amount") " AS amount, a.quantity,"
	    " k.description FROM remit_adj a JOIN remit_claim rc"
	    " ON rc.id = a.remit_claim_id LEFT JOIN remit_line l"
	    " ON l.id = a.remit_line_id LEFT JOIN carc k ON k.code = a.reason"
	    " WHERE rc.claim_id = ?1 ORDER BY a.id" },
	[Q_STATUS_OF] = { "claim.status_of",
	    "SELECT status FROM claim WHERE id = ?1" },
	/*
	 * A batch's claims submitted, each with its history row: what
	 * claim_status_set does one claim at a time, in two statements (a
	 * third of an export's time at 100,000 claims)
	 */
	[Q_SUBMIT] = { "claim.submit",
	    "UPDATE claim SET status = 'submitted', batch_id = ?2"
	    " WHERE status = 'ready' AND (?1 = 0 OR payer_id = ?1)" },
	[Q_SUBMIT_EVENTS] = { "claim.submit_events",
	    "INSERT INTO claim_event (claim_id, at, who, status, note)"
	    " SELECT claim_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2,"
	    " 'submitted', 'batch ' || ?1 FROM batch_claim WHERE batch_id = ?1"
	    " ORDER BY claim_id" },
	{ NULL, NULL }
};

int
claim_arg(const char *s, long long *claim)
{
	char lower[24];
	size_t i;

	/* CLM01 is "clm-N"; a payer may echo it in capitals */
	for (i = 0; s[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' :
		    s[i];
	lower[i] = '\0';
	if (s[i] != '\0' || rec_id_parse(lower, "clm", claim) == -1) {
		warnx("not a claim id '%s'", s);
		return EX_DATAERR;
	}
	return 0;
}

int
claim_status_set(struct db *db, long long claim, const char *status,
    const char *who, const char *note)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = db_query_id(db, &claim_queries[Q_STATUS], claim);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	if ((rc = db_exec(db, st)) != 0)
		return rc;
	if (sqlite3_changes(db_handle(db)) == 0) {
		warnx("no claim clm-%lld", claim);
		return EX_DATAERR;
	}
	st = db_query_id(db, &claim_queries[Q_EVENT], claim);
	sqlite3_bind_text(st, 2, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	if (note != NULL)
		sqlite3_bind_text(st, 4, note, -1, SQLITE_TRANSIENT);
	return db_exec(db, st);
}

int
claim_submit(struct db *db, long long payer, long batch, const char *who,
    long *n)
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_SUBMIT], payer);
	int		 rc;

	sqlite3_bind_int64(s, 2, batch);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	*n = sqlite3_changes(db_handle(db));
	s = db_query_id(db, &claim_queries[Q_SUBMIT_EVENTS], batch);
	sqlite3_bind_text(s, 2, who, -1, SQLITE_STATIC);
	return db_exec(db, s);
}

sqlite3_stmt *
claim_history(struct db *db, long long claim)
{
	return db_query_id(db, &claim_queries[Q_HISTORY], claim);
}

/* --- creating ------------------------------------------------------------ */

static void
col_copy(sqlite3_stmt *s, int i, char *out, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(out, len, "%s", t ? (const char *)t : "");
}

/* Coverage of priority on day: 0 with *cov and *payer (0 when none). */
static int
coverage_on(struct db *db, long long pat, const char *day,
    const char *priority, long long *cov, long long *payer)
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_COVERAGE], pat);
	int		 rc;

	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, priority, -1, SQLITE_STATIC);
	*cov = *payer = 0;
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		*cov = sqlite3_column_int64(s, 0);
		*payer = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

/* The original claim of enc for payer, 0 when none. */
static int
existing(struct db *db, long long enc, long long payer, long long *claim)
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_EXISTING], enc);

	sqlite3_bind_int64(s, 2, payer);
	return db_first_int(db, s, claim);
}

/* No coverage that day: say why, ending or none. */
static int
self_pay(struct db *db, long long enc, long long pat, const char *day)
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_ENDED], pat);
	int		 rc;

	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		warnx("enc-%lld: self-pay, coverage %s (%s) ended %s, before "
		    "the visit on %s: no claim", enc,
		    (const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2), day);
	else if (rc == SQLITE_DONE)
		warnx("enc-%lld: self-pay, no coverage on %s: no claim", enc,
		    day);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

struct newclaim {
	long long	 id, enc, patient, coverage, payer, provider, primary;
	long long	 total;
	const char	*order, *day, *pos, *auth, *who;
};

static int
insert(struct db *db, struct newclaim *c)
{
	sqlite3_stmt	*s = db_query(db, &claim_queries[Q_NEXT_ID]);
	int		 rc;

	if ((rc = db_step_int(db, s, &c->id)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? EX_SOFTWARE : rc;
	s = db_query(db, &claim_queries[Q_INSERT]);
	db_bind_int(s, ":id", c->id);
	db_bind_int(s, ":enc", c->enc);
	db_bind_int(s, ":patient", c->patient);
	db_bind_int(s, ":coverage", c->coverage);
	db_bind_int(s, ":payer", c->payer);
	db_bind_int(s, ":provider", c->provider);
	db_bind_text(s, ":order", c->order);
	if (c->primary)
		db_bind_int(s, ":primary", c->primary);
	db_bind_text(s, ":day", c->day);
	db_bind_text(s, ":pos", c->pos);
	db_bind_text(s, ":auth", c->auth);
	db_bind_int(s, ":total", c->total);
	db_bind_text(s, ":who", c->who);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	return claim_status_set(db, c->id, "draft", c->who, NULL);
}

/* The place of service of an encounter type: config, else the default. */
static const char *
pos_of(const struct cfg *cfg, const char *type)
{
	static const char *const types[] = { "office", "telehealth", "home",
	    "phone" };
	static const char *const dflt[] = { "11", "10", "12", "10" };

	for (size_t i = 0; i < nitems(types); i++)
		if (strcmp(type, types[i]) == 0)
			return cfg && cfg->claim_pos[i] ? cfg->claim_pos[i] :
			    dflt[i];
	return "11";
}

struct line {
	long long	 proc, units, charge;
	int		 charged;
	char		 code[8], mods[16], ptrs[16];
};

static void
fill_line(sqlite3_stmt *s, void *elem)
{
	struct line *l = elem;

	l->proc = sqlite3_column_int64(s, 0);
	col_copy(s, 1, l->code, sizeof(l->code));
	col_copy(s, 2, l->mods, sizeof(l->mods));
	l->units = sqlite3_column_int64(s, 3);
	col_copy(s, 4, l->ptrs, sizeof(l->ptrs));
	for (char *p = l->ptrs; *p; p++)
		if (*p == ',')
			*p = ':';	/* SV107: "1:2" */
	l->charged = !db_isnull(s, 5);
	l->charge = sqlite3_column_int64(s, 5);
}

int
claim_create(struct db *db, const struct cfg *cfg, long long enc,
    const char *who, long long *claim, long long *patient,
    enum claim_made *made)
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_ENC], enc);
	struct newclaim	 c = { .enc = enc, .order = "P", .who = who };
	struct line	*l = NULL;
	char		 day[DATE_LEN] = "", type[16] = "", auth[64] = "";
	long long	 txn, pat, ndx = 0;
	size_t		 n = 0;
	int		 rc, sgnd = 0;

	*claim = *patient = 0;
	*made = CLAIM_SELF_PAY;
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		c.patient = *patient = sqlite3_column_int64(s, 0);
		c.provider = sqlite3_column_int64(s, 1);
		col_copy(s, 2, day, sizeof(day));
		sgnd = sqlite3_column_int(s, 3);
		col_copy(s, 4, type, sizeof(type));
		col_copy(s, 5, auth, sizeof(auth));
	}
	sqlite3_reset(s);
	if ((rc = enc_found(rc, enc)) != 0)
		return rc;
	if (!sgnd) {
		warnx("enc-%lld: the encounter is not signed: sign it first "
		    "(chart sign)", enc);
		return EX_DATAERR;
	}
	if ((rc = coverage_on(db, c.patient, day, "primary", &c.coverage,
	    &c.payer)) != 0)
		return rc;
	if (c.payer == 0)
		return self_pay(db, enc, c.patient, day);
	if ((rc = existing(db, enc, c.payer, claim)) != 0)
		return rc;
	if (*claim != 0) {
		*made = CLAIM_EXISTED;
		return 0;
	}
	/* the ledger's charges first: they are what the lines bill */
	if ((rc = charge_encounter(db, enc, who, &txn, &pat)) != 0)
		return rc;
	l = db_collect(db, db_query_id(db, &claim_queries[Q_ENC_LINES], enc),
	    sizeof(*l), &n, fill_line, &rc);
	if (rc != 0)
		goto out;
	if (n > CLAIM_MAX_LINES) {
		warnx("enc-%lld: %zu procedure lines, more than a claim's %d",
		    enc, n, CLAIM_MAX_LINES);
		rc = EX_DATAERR;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (!l[i].charged) {
			warnx("enc-%lld prc-%lld: no charge in the ledger",
			    enc, l[i].proc);
			rc = EX_DATAERR;
			goto out;
		}
		c.total += l[i].charge;
	}
	s = db_query_id(db, &claim_queries[Q_NDX], enc);
	if ((rc = db_step_int(db, s, &ndx)) != SQLITE_ROW)
		goto out;
	if (ndx > CLAIM_MAX_DX) {
		warnx("enc-%lld: %lld diagnoses, more than a claim's %d", enc,
		    ndx, CLAIM_MAX_DX);
		rc = EX_DATAERR;
		goto out;
	}
	c.day = day;
	c.pos = pos_of(cfg, type);
	c.auth = *auth ? auth : NULL;
	if ((rc = insert(db, &c)) != 0)
		goto out;
	for (size_t i = 0; i < n && rc == 0; i++) {
		s = db_query(db, &claim_queries[Q_LINE_ADD]);
		db_bind_int(s, ":claim", c.id);
		db_bind_int(s, ":line", (long long)i + 1);
		db_bind_int(s, ":proc", l[i].proc);
		db_bind_text(s, ":code", l[i].code);
		db_bind_text(s, ":mods", *l[i].mods ? l[i].mods : NULL);
		db_bind_int(s, ":units", l[i].units);
		db_bind_int(s, ":charge", l[i].charge);
		db_bind_text(s, ":pointers", l[i].ptrs);
		rc = db_exec(db, s);
	}
	if (rc == 0) {
		s = db_query_id(db, &claim_queries[Q_DX_ADD], c.id);
		sqlite3_bind_int64(s, 2, enc);
		rc = db_exec(db, s);
	}
	if (rc == 0) {
		*claim = c.id;
		*made = CLAIM_NEW;
	}
out:
	free(l);
	return rc;
}

int
claim_secondary(struct db *db, long long primary, const char *who,
    long long *claim, long long *patient, enum claim_made *made)
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_PRIMARY], primary);
	struct newclaim	 c = { .order = "S", .primary = primary, .who = who };
	char		 day[DATE_LEN] = "", pos[8] = "", auth[64] = "";
	char		 order[4] = "";
	long long	 rcid = 0, pr = 0;
	int		 rc;

	*claim = *patient = 0;
	*made = CLAIM_SELF_PAY;
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		c.enc = sqlite3_column_int64(s, 0);
		c.patient = *patient = sqlite3_column_int64(s, 1);
		c.provider = sqlite3_column_int64(s, 2);
		col_copy(s, 3, day, sizeof(day));
		col_copy(s, 4, pos, sizeof(pos));
		col_copy(s, 5, auth, sizeof(auth));
		c.total = sqlite3_column_int64(s, 6);
		col_copy(s, 7, order, sizeof(order));
	}
	sqlite3_reset(s);
	if ((rc = db_found(rc, "no claim clm-%lld", primary)) != 0)
		return rc;
	if (strcmp(order, "P") != 0) {
		warnx("clm-%lld is not a primary claim", primary);
		return EX_DATAERR;
	}
	s = db_query_id(db, &claim_queries[Q_REMIT], primary);
	if ((rc = db_step_int(db, s, &rcid)) == SQLITE_DONE) {
		warnx("clm-%lld: no 835 for it yet: a secondary claim passes "
		    "on the primary's remittance", primary);
		return EX_DATAERR;
	}
	if (rc != SQLITE_ROW)
		return rc;
	s = db_query_id(db, &claim_queries[Q_PR], rcid);
	if ((rc = db_step_int(db, s, &pr)) != SQLITE_ROW)
		return rc == SQLITE_DONE ? EX_SOFTWARE : rc;
	if (pr <= 0) {
		warnx("clm-%lld: its 835 left no patient responsibility (PR): "
		    "nothing for a secondary payer", primary);
		return EX_DATAERR;
	}
	if ((rc = coverage_on(db, c.patient, day, "secondary", &c.coverage,
	    &c.payer)) != 0)
		return rc;
	if (c.payer == 0) {
		warnx("clm-%lld: pat-%lld has no secondary coverage on %s",
		    primary, c.patient, day);
		return EX_DATAERR;
	}
	if ((rc = existing(db, c.enc, c.payer, claim)) != 0)
		return rc;
	if (*claim != 0) {
		*made = CLAIM_EXISTED;
		return 0;
	}
	c.day = day;
	c.pos = pos;
	c.auth = *auth ? auth : NULL;
	if ((rc = insert(db, &c)) != 0)
		return rc;
	s = db_query_id(db, &claim_queries[Q_LINES_COPY], c.id);
	sqlite3_bind_int64(s, 2, primary);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	s = db_query_id(db, &claim_queries[Q_DX_COPY], c.id);
	sqlite3_bind_int64(s, 2, primary);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	*claim = c.id;
	*made = CLAIM_NEW;
	return 0;
}

int
claim_encounters(struct db *db, const char *lo, const char *hi,
    long long **encs, int **sgnd, size_t *n)
{
	sqlite3_stmt	*s = db_query(db, &claim_queries[Q_SPAN]);
	size_t		 cap = 0;
	int		 rc;

	*encs = NULL;
	*sgnd = NULL;
	*n = 0;
	sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
	if (hi != NULL)
		sqlite3_bind_text(s, 2, hi, -1, SQLITE_TRANSIENT);
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*encs = xrealloc(*encs, cap * sizeof(**encs));
			*sgnd = xrealloc(*sgnd, cap * sizeof(**sgnd));
		}
		(*encs)[*n] = sqlite3_column_int64(s, 0);
		(*sgnd)[(*n)++] = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* --- the scrubber -------------------------------------------------------- */

struct scrub {
	long long		  claim;
	struct claim_err	**errs;
	size_t			 *n;
	size_t			  first;
};

static void complain(struct scrub *, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
complain(struct scrub *sc, const char *field, const char *fmt, ...)
{
	struct claim_err	*e;
	va_list			 ap;

	*sc->errs = xrealloc(*sc->errs, (*sc->n + 1) * sizeof(**sc->errs));
	e = &(*sc->errs)[(*sc->n)++];
	e->claim = sc->claim;
	snprintf(e->field, sizeof(e->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(e->reason, sizeof(e->reason), fmt, ap);
	va_end(ap);
}

/* A value that must be there: 1 when it is. */
static int
present(struct scrub *sc, const char *field, const char *v)
{
	if (v == NULL || *v == '\0') {
		complain(sc, field, "missing");
		return 0;
	}
	return 1;
}

/* X12's delimiters and control characters may not stand in a value. */
static void
x12_text(struct scrub *sc, const char *field, const char *v)
{
	if (v == NULL)
		return;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == '*' || *p == ':' || *p == '^' || *p == '~') {
			complain(sc, field, "holds '%c', an X12 delimiter",
			    *p);
			return;
		}
		if (*p < 0x20 || *p == 0x7f) {
			complain(sc, field, "holds a control character");
			return;
		}
	}
}

/* "PO Box 12", "P.O. Box", "POB 4", "Post Office Box" */
static int
po_box(const char *v)
{
	char	 s[256];
	size_t	 k = 0;

	/* letters and digits only, lower case, words run together */
	for (const char *p = v; *p && k < sizeof(s) - 1; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			s[k++] = *p;
		else if (*p >= 'A' && *p <= 'Z')
			s[k++] = *p - 'A' + 'a';
	s[k] = '\0';
	return strncmp(s, "pobox", 5) == 0 ||
	    strncmp(s, "postofficebox", 13) == 0 ||
	    (strncmp(s, "pob", 3) == 0 && s[3] >= '0' && s[3] <= '9');
}

static const char *
col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* The clinic: the billing provider of every claim. */
static void
scrub_billing(struct scrub *sc, const struct cfg *cfg)
{
	char	 zip[IDENT_ZIP_LEN];

	if (present(sc, "billing.name", cfg->clinic_name))
		x12_text(sc, "billing.name", cfg->clinic_name);
	if (present(sc, "billing.npi", cfg->clinic_npi) &&
	    !ident_npi(cfg->clinic_npi))
		complain(sc, "billing.npi", "'%s' is not an NPI (10 digits "
		    "with its check digit)", cfg->clinic_npi);
	if (present(sc, "billing.tax_id", cfg->clinic_tax_id) &&
	    !ident_ein(cfg->clinic_tax_id, NULL))
		complain(sc, "billing.tax_id", "'%s' is not an EIN (9 digits)",
		    cfg->clinic_tax_id);
	if (present(sc, "billing.address1", cfg->clinic_address1)) {
		x12_text(sc, "billing.address1", cfg->clinic_address1);
		if (po_box(cfg->clinic_address1))
			complain(sc, "billing.address1", "a PO box: the "
			    "billing provider's address must be a street "
			    "address");
	}
	x12_text(sc, "billing.address2", cfg->clinic_address2);
	if (present(sc, "billing.city", cfg->clinic_city))
		x12_text(sc, "billing.city", cfg->clinic_city);
	if (present(sc, "billing.state", cfg->clinic_state))
		x12_text(sc, "billing.state", cfg->clinic_state);
	if (present(sc, "billing.zip", cfg->clinic_zip) &&
	    (!ident_zip(cfg->clinic_zip, zip) || strlen(zip) != 9))
		complain(sc, "billing.zip", "'%s' is not a 9-digit ZIP "
		    "(ZIP+4)", cfg->clinic_zip);
	/* PER*IC: the billing contact's phone, a number of the NANP */
	if (present(sc, "billing.phone", cfg->clinic_phone) &&
	    (strncmp(cfg->clinic_phone, "+1", 2) != 0 ||
	    strlen(cfg->clinic_phone) != 12))
		complain(sc, "billing.phone", "'%s': claims carry the billing "
		    "contact's phone as 10 digits (a +1 number)",
		    cfg->clinic_phone);
	if (cfg->clinic_taxonomy && !ident_taxonomy(cfg->clinic_taxonomy))
		complain(sc, "billing.taxonomy", "'%s' is not a taxonomy code",
		    cfg->clinic_taxonomy);
}

enum { V_STATUS, V_DAY, V_TOTAL, V_AUTH, V_PRV_NAME, V_PRV_NPI, V_PRV_TAX,
    V_PAYER_ID, V_PAYER_NAME, V_MEMBER, V_GROUP, V_REL, V_SUB_NAME,
    V_SUB_DOB, V_SUB_SEX, V_COV_FROM, V_COV_TO, V_FIRST, V_MIDDLE, V_LAST,
    V_DOB, V_ADDR1, V_ADDR2, V_CITY, V_STATE, V_ZIP, V_NLINES, V_SUM,
    V_NDX, V_TODAY };

static void
scrub_claim(struct scrub *sc, sqlite3_stmt *s)
{
	const char	*day = col(s, V_DAY), *to = col(s, V_COV_TO);
	long long	 total = sqlite3_column_int64(s, V_TOTAL);
	long long	 sum = sqlite3_column_int64(s, V_SUM);
	long long	 nl = sqlite3_column_int64(s, V_NLINES);
	char		 a[MONEY_LEN], b[MONEY_LEN];

	/* rendering provider */
	x12_text(sc, "rendering.name", col(s, V_PRV_NAME));
	if (!ident_npi(col(s, V_PRV_NPI)))
		complain(sc, "rendering.npi", "'%s' is not an NPI",
		    col(s, V_PRV_NPI));
	if (!ident_taxonomy(col(s, V_PRV_TAX)))
		complain(sc, "rendering.taxonomy", "'%s' is not a taxonomy "
		    "code", col(s, V_PRV_TAX));
	/* payer */
	if (present(sc, "payer.id", col(s, V_PAYER_ID)))
		x12_text(sc, "payer.id", col(s, V_PAYER_ID));
	x12_text(sc, "payer.name", col(s, V_PAYER_NAME));
	/* subscriber: the patient, or the coverage's other subscriber */
	if (present(sc, "subscriber.id", col(s, V_MEMBER)))
		x12_text(sc, "subscriber.id", col(s, V_MEMBER));
	x12_text(sc, "subscriber.group", col(s, V_GROUP));
	if (strcmp(col(s, V_REL), "self") == 0) {
		present(sc, "subscriber.name", col(s, V_LAST));
		present(sc, "subscriber.dob", col(s, V_DOB));
	} else {
		/* the patient loop (2000C) goes out: its subscriber is named */
		if (present(sc, "subscriber.name", col(s, V_SUB_NAME)))
			x12_text(sc, "subscriber.name", col(s, V_SUB_NAME));
		present(sc, "subscriber.dob", col(s, V_SUB_DOB));
		present(sc, "subscriber.sex", col(s, V_SUB_SEX));
	}
	/* patient */
	x12_text(sc, "patient.first", col(s, V_FIRST));
	x12_text(sc, "patient.middle", col(s, V_MIDDLE));
	x12_text(sc, "patient.last", col(s, V_LAST));
	x12_text(sc, "patient.address1", col(s, V_ADDR1));
	x12_text(sc, "patient.address2", col(s, V_ADDR2));
	x12_text(sc, "patient.city", col(s, V_CITY));
	x12_text(sc, "patient.state", col(s, V_STATE));
	x12_text(sc, "patient.zip", col(s, V_ZIP));
	x12_text(sc, "prior_auth", col(s, V_AUTH));
	/* date of service */
	if (strcmp(day, col(s, V_TODAY)) > 0)
		complain(sc, "service_day", "%s is in the future", day);
	if (strcmp(day, col(s, V_COV_FROM)) < 0 || (to && strcmp(day, to) > 0))
		complain(sc, "service_day", "%s is outside the coverage "
		    "(%s to %s)", day, col(s, V_COV_FROM), to ? to : "open");
	/* lines and their sum */
	if (nl < 1)
		complain(sc, "lines", "no service line");
	if (nl > CLAIM_MAX_LINES)
		complain(sc, "lines", "%lld service lines, more than %d", nl,
		    CLAIM_MAX_LINES);
	if (total != sum) {
		money_format(total, a);
		money_format(sum, b);
		complain(sc, "total", "CLM02 %s is not the lines' sum %s", a,
		    b);
	}
	if (sqlite3_column_int64(s, V_NDX) < 1)
		complain(sc, "dx", "no diagnosis");
}

/* Every diagnosis billable (and not retired) in the code table. */
static int
scrub_dx(struct scrub *sc, struct db *db, long long *ndx)
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_VAL_DX], sc->claim);
	char		 field[32], dotted[CODESET_CODE_MAX + 2];
	int		 rc;

	*ndx = 0;
	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		(*ndx)++;
		snprintf(field, sizeof(field), "dx %d",
		    sqlite3_column_int(s, 0));
		codeset_dotted(CODESYS_ICD10CM, col(s, 1), dotted);
		if (db_isnull(s, 2))
			complain(sc, field, "%s is not in the ICD-10-CM code "
			    "table", dotted);
		else if (!db_isnull(s, 3))
			complain(sc, field, "%s was retired in %s", dotted,
			    col(s, 3));
		else if (sqlite3_column_int(s, 2) != 1)
			complain(sc, field, "%s is not billable (a header "
			    "code)", dotted);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/* Units, and pointers 1 to 4 of them, each within the diagnoses. */
static int
scrub_lines(struct scrub *sc, struct db *db, long long ndx)
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_VAL_LINES],
	    sc->claim);
	char		 field[32];
	int		 rc;

	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		const char	*p = col(s, 4);
		int		 line = sqlite3_column_int(s, 0), k = 0, bad = 0;

		snprintf(field, sizeof(field), "line %d.units", line);
		if (sqlite3_column_int64(s, 2) < 1)
			complain(sc, field, "units must be more than 0");
		snprintf(field, sizeof(field), "line %d.pointers", line);
		for (;;) {
			char	*end;
			long	 v = strtol(p, &end, 10);

			if (end == p || v < 1 || v > ndx)
				bad = 1;
			k++;
			if (*end == '\0')
				break;
			if (*end != ':') {
				bad = 1;
				break;
			}
			p = end + 1;
		}
		if (k > 4)
			complain(sc, field, "%d diagnosis pointers, more than "
			    "4", k);
		else if (bad)
			complain(sc, field, "'%s' points past the claim's %lld "
			    "diagnoses", col(s, 4), ndx);
		snprintf(field, sizeof(field), "line %d.charge", line);
		if (sqlite3_column_int64(s, 3) < 0)
			complain(sc, field, "a charge below 0");
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

int
claim_validate_by(struct db *db, const struct cfg *cfg, long long claim,
    const char *who, struct claim_err **errs, size_t *n)
{
	static const struct cfg none = { 0 };
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_VAL], claim);
	struct scrub	 sc = { claim, errs, n, *n };
	char		 status[16] = "", note[200];
	long long	 ndx = 0;
	int		 rc;

	if (cfg == NULL)
		cfg = &none;
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		col_copy(s, V_STATUS, status, sizeof(status));
		scrub_billing(&sc, cfg);
		scrub_claim(&sc, s);
	}
	sqlite3_reset(s);
	if ((rc = db_found(rc, "no claim clm-%lld", claim)) != 0)
		return rc;
	if ((rc = scrub_dx(&sc, db, &ndx)) != 0 ||
	    (rc = scrub_lines(&sc, db, ndx)) != 0)
		return rc;
	/* a rejected claim, corrected, is sent again: ready like a draft */
	if (*n == sc.first && (strcmp(status, "draft") == 0 ||
	    strcmp(status, "rejected") == 0))
		return claim_status_set(db, claim, "ready", who, NULL);
	if (*n > sc.first && strcmp(status, "ready") == 0) {
		snprintf(note, sizeof(note), "%s: %s", (*errs)[sc.first].field,
		    (*errs)[sc.first].reason);
		return claim_status_set(db, claim, "draft", who, note);
	}
	return 0;
}

int
claim_validate(struct db *db, const struct cfg *cfg, long long claim,
    struct claim_err **errs, size_t *n)
{
	return claim_validate_by(db, cfg, claim, "scrubber", errs, n);
}

int
claim_unsent(struct db *db, long long **ids, size_t *n)
{
	return db_ids(db, db_query(db, &claim_queries[Q_UNSENT]), ids, n);
}

/* --- reading ------------------------------------------------------------- */

sqlite3_stmt *
claim_list(struct db *db, const struct claim_filter *f)
{
	sqlite3_stmt *s = db_query(db, &claim_queries[Q_LIST]);

	if (f->status)
		sqlite3_bind_text(s, 1, f->status, -1, SQLITE_TRANSIENT);
	if (f->payer)
		sqlite3_bind_int64(s, 2, f->payer);
	if (f->provider)
		sqlite3_bind_int64(s, 3, f->provider);
	if (f->from)
		sqlite3_bind_text(s, 4, f->from, -1, SQLITE_TRANSIENT);
	if (f->to)
		sqlite3_bind_text(s, 5, f->to, -1, SQLITE_TRANSIENT);
	return s;
}

int
claim_owner(struct db *db, long long claim, long long *patient,
    long long *provider)
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_OWNER], claim);
	int		 rc;

	*patient = *provider = 0;
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		*patient = sqlite3_column_int64(s, 0);
		*provider = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return db_found(rc, "no claim clm-%lld", claim);
}

int
claim_status_of(struct db *db, long long claim, char status[16])
{
	sqlite3_stmt	*s = db_query_id(db, &claim_queries[Q_STATUS_OF], claim);
	int		 rc;

	*status = '\0';
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		col_copy(s, 0, status, 16);
	sqlite3_reset(s);
	return db_found(rc, "no claim clm-%lld", claim);
}

sqlite3_stmt *
claim_part(struct db *db, enum claim_part part, long long claim)
{
	static const int q[] = { [CLAIM_HEAD] = Q_HEAD, [CLAIM_DX] = Q_DX,
	    [CLAIM_LINES] = Q_LINES, [CLAIM_HISTORY] = Q_HISTORY,
	    [CLAIM_ACKS] = Q_ACKS, [CLAIM_REMITS] = Q_REMITS,
	    [CLAIM_REMIT_LINES] = Q_REMIT_LINES, [CLAIM_ADJS] = Q_ADJS };

	return db_query_id(db, &claim_queries[q[part]], claim);
}

const char *
claim_col_name(sqlite3_stmt *s, int i)
{
	return sqlite3_column_name(s, i);
}

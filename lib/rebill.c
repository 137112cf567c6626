/*
 * rebill - see rebill.h.  The copy is one INSERT ... SELECT per table,
 * so the new claim bills exactly what the original did; the coverage it
 * names is the same row, so a member id corrected since goes out with
 * it.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "rebill.h"
#include "util.h"

enum { Q_ORIG, Q_COPY, Q_COPY_DX, Q_COPY_LINES };

const struct query rebill_queries[] = {
	/* status, frequency, payer_claim_no, patient_id */
	[Q_ORIG] = { "rebill.orig",
	    "SELECT status, frequency, payer_claim_no, patient_id FROM claim"
	    " WHERE id = ?1" },
	/* the next id is the new claim's and its CLM01's */
	[Q_COPY] = { "rebill.copy",
	    "INSERT INTO claim (id, control, encounter_id, patient_id,"
	    " coverage_id, payer_id, provider_id, payer_order, frequency,"
	    " replaces, primary_claim, service_day, pos, prior_auth, total,"
	    " status, created_at, created_by)"
	    " SELECT n.m, 'clm-' || n.m, o.encounter_id, o.patient_id,"
	    " o.coverage_id, o.payer_id, o.provider_id, o.payer_order, :freq,"
	    " o.id, o.primary_claim, o.service_day, o.pos, o.prior_auth,"
	    " o.total, 'draft', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :who"
	    " FROM claim o, (SELECT ifnull(max(id), 0) + 1 AS m FROM claim) n"
	    " WHERE o.id = :orig" },
	[Q_COPY_DX] = { "rebill.copy_dx",
	    "INSERT INTO claim_dx (claim_id, position, code)"
	    " SELECT ?2, position, code FROM claim_dx WHERE claim_id = ?1"
	    " ORDER BY position" },
	[Q_COPY_LINES] = { "rebill.copy_lines",
	    "INSERT INTO claim_line (claim_id, line, proc_id, code, mods,"
	    " units, charge, pointers)"
	    " SELECT ?2, line, proc_id, code, mods, units, charge, pointers"
	    " FROM claim_line WHERE claim_id = ?1 ORDER BY line" },
	{ NULL, NULL }
};

/* May orig be replaced or voided?  0, or 65 saying why not. */
static int
adjudicated(const char *verb, long long orig, const char *status,
    int freq, int has_pcn)
{
	static const char *const taken[] = { "accepted", "paid", "partial",
	    "denied" };

	if (streq(status, "rejected")) {
		warnx("clm-%lld was rejected, never adjudicated: a rejected "
		    "claim is corrected, validated (claim validate) and "
		    "exported again as a new original, not %s", orig, verb);
		return EX_DATAERR;
	}
	if (streq(status, "closed")) {
		warnx("clm-%lld is closed: replaced or voided already", orig);
		return EX_DATAERR;
	}
	if (freq == REBILL_VOID) {
		warnx("clm-%lld is a void: there is nothing left of it to %s",
		    orig, verb);
		return EX_DATAERR;
	}
	if (!str_in(status, taken, nitems(taken))) {
		warnx("clm-%lld is %s: only a claim the payer adjudicated "
		    "(accepted, paid, partial or denied) is %s", orig, status,
		    verb);
		return EX_DATAERR;
	}
	if (!has_pcn) {
		warnx("clm-%lld has no payer claim number (CLP07 of an 835 or "
		    "REF*1K of a 277CA) for REF*F8: it cannot be %s", orig,
		    verb);
		return EX_DATAERR;
	}
	return 0;
}

int
rebill_make(struct db *db, const struct cfg *cfg, long long orig,
    int frequency, const char *who, long long *made, long long *pat,
    struct claim_err **errs, size_t *n)
{
	const char	*verb = frequency == REBILL_VOID ? "voided" : "replaced";
	sqlite3_stmt	*s;
	char		 status[16], note[64];
	int		 rc, freq, has_pcn;

	*made = 0;
	*pat = 0;
	*errs = NULL;
	*n = 0;
	s = db_query_id(db, &rebill_queries[Q_ORIG], orig);
	if ((rc = db_step(db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return rc;
		warnx("no claim clm-%lld", orig);
		return EX_DATAERR;
	}
	snprintf(status, sizeof(status), "%s", db_col(s, 0));
	freq = sqlite3_column_int(s, 1);
	has_pcn = !db_isnull(s, 2);
	*pat = sqlite3_column_int64(s, 3);
	sqlite3_reset(s);
	if ((rc = adjudicated(verb, orig, status, freq, has_pcn)) != 0)
		return rc;

	s = db_query(db, &rebill_queries[Q_COPY]);
	db_bind_int(s, ":freq", frequency);
	db_bind_text(s, ":who", who);
	db_bind_int(s, ":orig", orig);
	if ((rc = db_insert(db, s, made)) != 0)
		return rc;
	s = db_query_id(db, &rebill_queries[Q_COPY_DX], orig);
	sqlite3_bind_int64(s, 2, *made);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	s = db_query_id(db, &rebill_queries[Q_COPY_LINES], orig);
	sqlite3_bind_int64(s, 2, *made);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	snprintf(note, sizeof(note), "%s of clm-%lld (frequency %d)",
	    frequency == REBILL_VOID ? "void" : "replacement", orig,
	    frequency);
	if ((rc = claim_status_set(db, *made, "draft", who, note)) != 0)
		return rc;
	if ((rc = claim_validate_by(db, cfg, *made, who, errs, n)) != 0)
		return rc;
	if (*n > 0)
		return EX_DATAERR;
	snprintf(note, sizeof(note), "%s by clm-%lld", verb, *made);
	return claim_status_set(db, orig, "closed", who, note);
}

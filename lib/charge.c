/*
 * charge - see charge.h.  A line's charge is two postings, the
 * receivable debited and revenue (per provider and code) credited, each
 * naming the encounter and line; the charge row that names the line is
 * what makes a second charge impossible (its primary key), whichever
 * program tries.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "charge.h"
#include "coverage.h"
#include "encounter.h"
#include "fee.h"
#include "ledger.h"
#include "money.h"
#include "util.h"

enum { Q_ENC, Q_LINES, Q_ADD, Q_DAY };

const struct query charge_queries[] = {
	[Q_ENC] = { "charge.encounter",	/* patient, provider, day, signed */
	    "SELECT patient_id, provider_id, date(start_at, 'localtime'),"
	    " signed_at IS NOT NULL FROM encounter WHERE id = ?1" },
	[Q_LINES] = { "charge.lines",	/* id, code, units */
	    "SELECT p.id, p.code, p.units FROM encounter_proc p"
	    " WHERE p.encounter_id = ?1 AND NOT EXISTS (SELECT 1 FROM charge c"
	    " WHERE c.proc_id = p.id) ORDER BY p.id" },
	[Q_ADD] = { "charge.add",
	    "INSERT INTO charge (proc_id, txn_id) VALUES (?1, ?2)" },
	[Q_DAY] = { "charge.day",
	    "SELECT id FROM encounter WHERE start_at >= ?1 AND start_at < ?2"
	    " ORDER BY id" },
	{ NULL, NULL }
};

struct line {
	long long	 id, units, cents;
	char		 code[6];
};

static void
fill_line(sqlite3_stmt *s, void *elem)
{
	struct line *l = elem;

	l->id = sqlite3_column_int64(s, 0);
	snprintf(l->code, sizeof(l->code), "%s",
	    (const char *)sqlite3_column_text(s, 1));
	l->units = sqlite3_column_int64(s, 2);
}

int
charge_encounter(struct db *db, long long enc, const char *who,
    long long *txn, long long *pat)
{
	struct postings	 ps = { 0 };
	struct line	*l = NULL;
	sqlite3_stmt	*s = db_query_id(db, &charge_queries[Q_ENC], enc);
	char		 day[DATE_LEN] = "", memo[32];
	long long	 prv = 0, payer = 0;
	size_t		 n = 0;
	int		 rc, sgnd = 0, nofee = 0;

	*txn = 0;
	*pat = 0;
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		*pat = sqlite3_column_int64(s, 0);
		prv = sqlite3_column_int64(s, 1);
		snprintf(day, sizeof(day), "%s",
		    (const char *)sqlite3_column_text(s, 2));
		sgnd = sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	if ((rc = enc_found(rc, enc)) != 0)
		return rc;
	/* its lines not yet charged */
	l = db_collect(db, db_query_id(db, &charge_queries[Q_LINES], enc),
	    sizeof(*l), &n, fill_line, &rc);
	if (rc != 0) {
		free(l);
		return rc;
	}
	if (!sgnd) {
		for (size_t i = 0; i < n; i++)
			warnx("enc-%lld prc-%lld: the encounter is not signed: "
			    "sign it first (chart sign)", enc, l[i].id);
		if (n == 0)
			warnx("enc-%lld: the encounter is not signed", enc);
		free(l);
		return EX_DATAERR;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		if ((rc = fee_in_force(db, l[i].code, day, &l[i].cents)) == 1) {
			warnx("enc-%lld prc-%lld: no fee for %s on %s (pay fee "
			    "set)", enc, l[i].id, l[i].code, day);
			nofee = 1;
			rc = 0;
		}
	}
	if (rc == 0 && nofee)
		rc = EX_DATAERR;
	if (rc == 0 && n > 0)
		rc = cov_primary(db, *pat, day, &payer);
	for (size_t i = 0; i < n && rc == 0; i++) {
		long long a = l[i].cents * l[i].units;

		postings_add(&ps, &(struct posting){ .account = payer ?
		    "ar.insurance" : "ar.patient", .amount = a,
		    .patient = *pat, .payer = payer, .provider = prv,
		    .encounter = enc, .proc = l[i].id, .code = l[i].code });
		postings_add(&ps, &(struct posting){ .account = "revenue",
		    .amount = -a, .patient = *pat, .provider = prv,
		    .encounter = enc, .proc = l[i].id, .code = l[i].code });
	}
	snprintf(memo, sizeof(memo), "enc-%lld", enc);
	if (rc == 0 && n > 0)
		rc = ledger_post(db, "charge", memo, who, 0, &ps, txn);
	for (size_t i = 0; i < n && rc == 0; i++) {
		s = db_query_id(db, &charge_queries[Q_ADD], l[i].id);
		sqlite3_bind_int64(s, 2, *txn);
		rc = db_exec(db, s);
	}
	postings_free(&ps);
	free(l);
	return rc;
}

int
charge_day(struct db *db, const char *day, long long **encs, size_t *n)
{
	sqlite3_stmt	*s = db_query(db, &charge_queries[Q_DAY]);
	char		 d[DATE_LEN], a[STAMP_LEN], b[STAMP_LEN];
	const char	*why;
	time_t		 t;

	*encs = NULL;
	*n = 0;
	if (date_at_minute(day, 0, &t, &why) == -1)
		return EX_DATAERR;
	date_utc(t, a);
	if (date_add(day, 1, 0, d) == -1 ||
	    date_at_minute(d, 0, &t, &why) == -1)
		return EX_DATAERR;
	date_utc(t, b);
	sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
	return db_ids(db, s, encs, n);
}

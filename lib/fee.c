/*
 * fee - see fee.h.  A fee row is not ledger: setting the same code,
 * payer and day again replaces it, as a price list is corrected.  What
 * was charged stays in the ledger whatever the schedule says later.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "coverage.h"
#include "csvio.h"
#include "fee.h"
#include "ledger.h"
#include "procedure.h"
#include "util.h"

enum { Q_DEL, Q_ADD, Q_LIST, Q_IN_FORCE };

const struct query fee_queries[] = {
	[Q_DEL] = { "fee.del",
	    "DELETE FROM fee WHERE code = ?1 AND payer_id IS ?2 AND from_day"
	    " = ?3" },
	[Q_ADD] = { "fee.add",
	    "INSERT INTO fee (code, payer_id, from_day, amount, set_at,"
	    " set_by) VALUES (:code, :payer, :from, :amount,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), :who)" },
	[Q_LIST] = { "fee.list",
	    "SELECT 'fee-' || f.id AS id, f.code, p.name AS payer,"
	    " f.from_day AS \"from\", printf('%d.%02d', f.amount / 100,"
	    " f.amount % 100) AS amount FROM fee f"
	    " LEFT JOIN payer p ON p.id = f.payer_id"
	    " ORDER BY f.code, p.name IS NOT NULL, p.name, f.from_day" },
	[Q_IN_FORCE] = { "fee.in_force",
	    "SELECT amount FROM fee WHERE code = ?1 AND payer_id IS NULL AND"
	    " from_day <= ?2 ORDER BY from_day DESC LIMIT 1" },
	{ NULL, NULL }
};

int
fee_check(struct db *db, const char *code, const char *amount,
    const char *payer, const char *from, struct fee *f, const char *what)
{
	struct proc_line	 l;
	const char		*why;
	char			*w;
	int			 rc;

	memset(f, 0, sizeof(*f));
	if (proc_code_parse(code, &l, &why) != 0) {
		warnx("%s: '%s': %s", what, code, why);
		return EX_DATAERR;
	}
	memcpy(f->code, l.code, sizeof(f->code));
	w = xasprintf("%s%samount", what, *what ? ": " : "");
	rc = ledger_amount(amount, w, &f->cents);
	free(w);
	if (rc != 0)
		return rc;
	if (payer && *payer && (rc = payer_find(db, payer, &f->payer)) != 0)
		return rc;
	if (from == NULL || *from == '\0')
		from = "today";
	if (date_parse_day(from, f->from) == -1) {
		warnx("%s%sfrom: not a date '%s'", what, *what ? ": " : "",
		    from);
		return EX_USAGE;
	}
	return 0;
}

int
fee_set(struct db *db, const struct fee *f, const char *who,
    long long *id)
{
	sqlite3_stmt	*s = db_query(db, &fee_queries[Q_DEL]);
	int		 rc;

	sqlite3_bind_text(s, 1, f->code, -1, SQLITE_TRANSIENT);
	if (f->payer)
		sqlite3_bind_int64(s, 2, f->payer);
	sqlite3_bind_text(s, 3, f->from, -1, SQLITE_TRANSIENT);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	s = db_query(db, &fee_queries[Q_ADD]);
	db_bind_text(s, ":code", f->code);
	db_bind_id(s, ":payer", f->payer);
	db_bind_text(s, ":from", f->from);
	db_bind_int(s, ":amount", f->cents);
	db_bind_text(s, ":who", who);
	return db_insert(db, s, id);
}

int
fee_import(struct db *db, const char *path, const char *who, long long *n)
{
	static const char *const head[] = { "code", "amount", "payer", "from" };
	struct csvin	*in = NULL;
	struct csvrec	 r;
	struct fee	 f;
	char		*what;
	long long	 id;
	int		 rc, got, bad = 0;

	*n = 0;
	if ((rc = csvin_open(&in, path)) != 0) {
		csvin_close(in);
		return rc;
	}
	if ((got = csvin_next(in, &r)) != 1 || r.n != 4 || !r.f[0] ||
	    !r.f[1] || !r.f[2] || !r.f[3] || strcmp(r.f[0], head[0]) || strcmp(r.f[1], head[1]) ||
	    strcmp(r.f[2], head[2]) || strcmp(r.f[3], head[3])) {
		if (got == 0 || got == 1)
			warnx("%s:1: expected the header code,amount,payer,from",
			    csvin_name(in));
		csvin_close(in);
		return got > 1 ? got : EX_DATAERR;
	}
	/* every row is checked and told of; any bad one and none is set */
	while ((got = csvin_next(in, &r)) == 1) {
		if (r.n != 4 || r.f[0] == NULL || r.f[1] == NULL) {
			warnx("%s:%zu: expected 4 fields, code and amount given",
			    csvin_name(in), r.line);
			bad = 1;
			continue;
		}
		what = xasprintf("%s:%zu", csvin_name(in), r.line);
		rc = fee_check(db, r.f[0], r.f[1], r.f[2], r.f[3], &f, what);
		free(what);
		if (rc == EX_USAGE || rc == EX_DATAERR) {
			bad = 1;
			continue;
		}
		if (rc != 0 || (rc = fee_set(db, &f, who, &id)) != 0)
			break;
		(*n)++;
	}
	csvin_close(in);
	if (got > 1)
		return got;
	if (rc == 0 && bad)
		rc = EX_DATAERR;
	return rc;
}

sqlite3_stmt *
fee_list(struct db *db)
{
	return db_query(db, &fee_queries[Q_LIST]);
}

int
fee_in_force(struct db *db, const char *code, const char *day,
    long long *cents)
{
	sqlite3_stmt	*s = db_query(db, &fee_queries[Q_IN_FORCE]);
	int		 rc;

	sqlite3_bind_text(s, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*cents = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : rc;
}

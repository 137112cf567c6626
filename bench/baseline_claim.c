/*
 * baseline_claim - the floor under `claim create --day D` (see
 * baseline.h): the same statements, taken by name from lib/'s tables,
 * stepped in the same order with plain SQLite, one BEGIN IMMEDIATE
 * transaction an encounter as cmd/claim/core.c runs it, with its audit
 * row inside it; and nothing else (no config, key, HMAC, out.h).
 *
 *	CLINIX_DB=PATH TZ=ZONE baseline_claim [-a LOGIN] LO HI
 *
 * LO and HI are the UTC stamps that bound the local day (lib/span.c
 * days_parse's lo and hi).  Per encounter: claim.encounter,
 * claim.coverage, claim.existing; the charge (charge.encounter,
 * charge.lines, fee.in_force a line, coverage.primary, ledger.txn_add,
 * two ledger.posting_add a line, ledger.txn_close, charge.add a line);
 * claim.encounter_lines, claim.encounter_ndx, claim.next_id,
 * claim.insert, claim.status + claim.event (draft), claim.line_add a
 * line, claim.dx_add; the scrubber's claim.validate, claim.validate_dx,
 * claim.validate_lines; claim.status + claim.event (ready); audit.last,
 * audit.add.  Prints each clm-N, as claim create does.
 */
#include "baseline.h"

#define MAXL	50

static struct { const char *name; sqlite3_stmt *s; } c[40];
static int nst;

static sqlite3_stmt *
get(const char *name)
{
	for (int i = 0; i < nst; i++)
		if (c[i].name == name || strcmp(c[i].name, name) == 0) {
			sqlite3_reset(c[i].s);
			sqlite3_clear_bindings(c[i].s);
			return c[i].s;
		}
	if (nst == (int)(sizeof(c) / sizeof(c[0])))
		fail("too many statements");
	c[nst].name = name;
	c[nst].s = prep(name);
	return c[nst++].s;
}

static void
done(sqlite3_stmt *s, const char *what)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		fail(what);
	sqlite3_reset(s);
}

static void
row(sqlite3_stmt *s, const char *what)
{
	if (sqlite3_step(s) != SQLITE_ROW)
		fail(what);
}

static void
event(long long claim, const char *login, const char *status)
{
	sqlite3_stmt *s = get("claim.status");

	sqlite3_bind_int64(s, 1, claim);
	sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
	done(s, "claim.status");
	s = get("claim.event");
	sqlite3_bind_int64(s, 1, claim);
	sqlite3_bind_text(s, 2, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
	done(s, "claim.event");
}

static void
audit(const char *login, long long pat, long long claim, long long enc)
{
	sqlite3_stmt	*s = get("audit.last");
	char		 at[96], rec[32], det[48];
	struct timespec	 ts;
	struct tm	 tm;
	long long	 id = 1;
	int		 rc;

	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0) + 1;
	else if (rc != SQLITE_DONE)
		fail("audit.last");
	sqlite3_reset(s);
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(at, sizeof(at), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(ts.tv_nsec / 1000000));
	snprintf(rec, sizeof(rec), "clm-%lld", claim);
	snprintf(det, sizeof(det), "from enc-%lld", enc);
	s = get("audit.add");
	db_bind_int(s, ":id", id);
	db_bind_text(s, ":at", at);
	db_bind_text(s, ":login", login);
	db_bind_text(s, ":action", "claim.create");
	db_bind_text(s, ":outcome", "ok");
	db_bind_int(s, ":patient", pat);
	db_bind_text(s, ":record", rec);
	db_bind_text(s, ":detail", det);
	db_bind_text(s, ":mac", dummy_mac);
	db_bind_int(s, ":break_glass", 0);
	done(s, "audit.add");
}

static void
one(long long enc, const char *login)
{
	struct { long long id, units, fee, charge; char code[8], mods[16],
	    ptrs[16]; } l[MAXL];
	sqlite3_stmt	*s;
	char		 day[16], type[16], memo[32];
	long long	 pat, prv, cov, payer, txn, claim, x;
	int		 n = 0;

	exec("BEGIN IMMEDIATE");
	s = get("claim.encounter");
	sqlite3_bind_int64(s, 1, enc);
	row(s, "claim.encounter");
	pat = sqlite3_column_int64(s, 0);
	prv = sqlite3_column_int64(s, 1);
	snprintf(day, sizeof(day), "%s", sqlite3_column_text(s, 2));
	snprintf(type, sizeof(type), "%s", sqlite3_column_text(s, 4));
	sqlite3_reset(s);
	s = get("claim.coverage");
	sqlite3_bind_int64(s, 1, pat);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, "primary", -1, SQLITE_STATIC);
	row(s, "claim.coverage");
	cov = sqlite3_column_int64(s, 0);
	payer = sqlite3_column_int64(s, 1);
	sqlite3_reset(s);
	s = get("claim.existing");
	sqlite3_bind_int64(s, 1, enc);
	sqlite3_bind_int64(s, 2, payer);
	if (sqlite3_step(s) != SQLITE_DONE)
		fail("claim.existing: claimed before: a fresh database, please");
	sqlite3_reset(s);
	/* the charge, as lib/charge.c makes it */
	s = get("charge.encounter");
	sqlite3_bind_int64(s, 1, enc);
	row(s, "charge.encounter");
	sqlite3_reset(s);
	s = get("charge.lines");
	sqlite3_bind_int64(s, 1, enc);
	while (n < MAXL && sqlite3_step(s) == SQLITE_ROW) {
		l[n].id = sqlite3_column_int64(s, 0);
		snprintf(l[n].code, sizeof(l[n].code), "%s",
		    sqlite3_column_text(s, 1));
		l[n].units = sqlite3_column_int64(s, 2);
		n++;
	}
	sqlite3_reset(s);
	for (int i = 0; i < n; i++) {
		s = get("fee.in_force");
		sqlite3_bind_text(s, 1, l[i].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
		row(s, "fee.in_force");
		l[i].fee = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	s = get("coverage.primary");
	sqlite3_bind_int64(s, 1, pat);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	row(s, "coverage.primary");
	sqlite3_reset(s);
	snprintf(memo, sizeof(memo), "enc-%lld", enc);
	s = get("ledger.txn_add");
	db_bind_text(s, ":kind", "charge");
	db_bind_text(s, ":memo", memo);
	db_bind_text(s, ":who", login);
	done(s, "ledger.txn_add");
	txn = sqlite3_last_insert_rowid(db);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < 2; j++) {
			s = get("ledger.posting_add");
			db_bind_int(s, ":txn", txn);
			db_bind_text(s, ":account", j ? "revenue" :
			    "ar.insurance");
			db_bind_int(s, ":amount", (j ? -1 : 1) * l[i].fee *
			    l[i].units);
			db_bind_int(s, ":patient", pat);
			if (!j)
				db_bind_int(s, ":payer", payer);
			db_bind_int(s, ":provider", prv);
			db_bind_text(s, ":code", l[i].code);
			db_bind_int(s, ":encounter", enc);
			db_bind_int(s, ":proc", l[i].id);
			done(s, "ledger.posting_add");
		}
	s = get("ledger.txn_close");
	sqlite3_bind_int64(s, 1, txn);
	done(s, "ledger.txn_close");
	for (int i = 0; i < n; i++) {
		s = get("charge.add");
		sqlite3_bind_int64(s, 1, l[i].id);
		sqlite3_bind_int64(s, 2, txn);
		done(s, "charge.add");
	}
	/* the claim */
	s = get("claim.encounter_lines");
	sqlite3_bind_int64(s, 1, enc);
	for (int i = 0; i < n && sqlite3_step(s) == SQLITE_ROW; i++) {
		const unsigned char *m = sqlite3_column_text(s, 2);

		snprintf(l[i].mods, sizeof(l[i].mods), "%s", m ? (const char *)m :
		    "");
		snprintf(l[i].ptrs, sizeof(l[i].ptrs), "%s",
		    sqlite3_column_text(s, 4));
		for (char *p = l[i].ptrs; *p; p++)
			if (*p == ',')
				*p = ':';
		l[i].charge = sqlite3_column_int64(s, 5);
	}
	sqlite3_reset(s);
	s = get("claim.encounter_ndx");
	sqlite3_bind_int64(s, 1, enc);
	row(s, "claim.encounter_ndx");
	sqlite3_reset(s);
	s = get("claim.next_id");
	row(s, "claim.next_id");
	claim = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	x = 0;
	for (int i = 0; i < n; i++)
		x += l[i].charge;
	s = get("claim.insert");
	db_bind_int(s, ":id", claim);
	db_bind_int(s, ":enc", enc);
	db_bind_int(s, ":patient", pat);
	db_bind_int(s, ":coverage", cov);
	db_bind_int(s, ":payer", payer);
	db_bind_int(s, ":provider", prv);
	db_bind_text(s, ":order", "P");
	db_bind_text(s, ":day", day);
	db_bind_text(s, ":pos", strcmp(type, "office") == 0 ? "11" : "10");
	db_bind_int(s, ":total", x);
	db_bind_text(s, ":who", login);
	done(s, "claim.insert");
	event(claim, login, "draft");
	for (int i = 0; i < n; i++) {
		s = get("claim.line_add");
		db_bind_int(s, ":claim", claim);
		db_bind_int(s, ":line", i + 1);
		db_bind_int(s, ":proc", l[i].id);
		db_bind_text(s, ":code", l[i].code);
		db_bind_text(s, ":mods", *l[i].mods ? l[i].mods : NULL);
		db_bind_int(s, ":units", l[i].units);
		db_bind_int(s, ":charge", l[i].charge);
		db_bind_text(s, ":pointers", l[i].ptrs);
		done(s, "claim.line_add");
	}
	s = get("claim.dx_add");
	sqlite3_bind_int64(s, 1, claim);
	sqlite3_bind_int64(s, 2, enc);
	done(s, "claim.dx_add");
	/* the scrubber's reads */
	s = get("claim.validate");
	sqlite3_bind_int64(s, 1, claim);
	row(s, "claim.validate");
	sqlite3_reset(s);
	s = get("claim.validate_dx");
	sqlite3_bind_int64(s, 1, claim);
	done(s, "claim.validate_dx");
	s = get("claim.validate_lines");
	sqlite3_bind_int64(s, 1, claim);
	done(s, "claim.validate_lines");
	event(claim, login, "ready");
	audit(login, pat, claim, enc);
	exec("COMMIT");
	printf("clm-%lld\n", claim);
}

int
main(int argc, char *argv[])
{
	const char	*login = NULL;
	sqlite3_stmt	*s;
	long long	*encs = NULL;
	size_t		 n = 0, cap = 0;

	bl_prog = "baseline_claim";
	(void)tsv_row;
	(void)bl_audit;	/* the rows go in the encounters' transactions */
	if (bl_login_opt(argc, argv, &login) == -1 || argc - optind != 2) {
		fprintf(stderr, "usage: CLINIX_DB=PATH TZ=ZONE baseline_claim "
		    "[-a LOGIN] LO HI\n");
		return EX_USAGE;
	}
	bl_open();
	if (login != NULL)
		bl_lookups(login);
	else
		login = "bench";
	s = get("claim.span");
	sqlite3_bind_text(s, 1, argv[optind], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, argv[optind + 1], -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((encs = realloc(encs, cap * sizeof(*encs))) == NULL)
				fail("realloc");
		}
		encs[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	for (size_t i = 0; i < n; i++)
		one(encs[i], login);
	free(encs);
	for (int i = 0; i < nst; i++)
		sqlite3_finalize(c[i].s);
	return bl_close();
}

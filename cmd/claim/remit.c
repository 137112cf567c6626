/*
 * claim's remittances: `claim remit FILE... [--keep-going]` posts X12
 * 835 payments to the ledger exactly once, after every file given has
 * been read, checked and matched; `claim unmatched` lists the money of
 * claims that were none of ours, parked in unapplied.  The verbs over
 * lib/remit.c.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "money.h"
#include "out.h"
#include "parts.h"
#include "rec.h"
#include "remit.h"
#include "util.h"

static const struct opt remit_opts[] = {
	{ "keep-going", 'k', OPT_FLAG, NULL, "post the claims that are ours "
	    "and park the money of those that are not", COMP_NONE, NULL },
	OPT_END
};

struct run {
	struct app		*app;
	const struct remit_file	*f;
	struct buf		 out;	/* printed once committed */
};

/* One payment posted (or posted before): its line and its audit row. */
static int
done(void *arg, const struct remit_done *d)
{
	struct run		*r = arg;
	const struct remit_set	*s = d->set;
	char			 paid[MONEY_LEN], rec[32], *detail;
	int			 rc;

	if (d->before) {
		warnx("era-%lld: already posted (trace %s)", d->era, d->trace);
		return 0;
	}
	money_format(d->paid, paid);
	buf_printf(&r->out, "era-%lld: trace %s, %ld claims, paid %s\n",
	    d->era, d->trace, d->nclaims, paid);
	for (size_t i = s->clp0; i < s->clp0 + s->nclp; i++) {
		const struct remit_clp *c = &r->f->clp[i];

		if (c->claim != 0)
			continue;
		money_format(c->paid, paid);
		buf_printf(&r->out, "era-%lld: unmatched %s, paid %s to "
		    "unapplied\n", d->era, c->clp01, paid);
	}
	snprintf(rec, sizeof(rec), "era-%lld", d->era);
	detail = xasprintf("trace %s, %ld claims: patients %s", d->trace,
	    d->nclaims, idlist_str(d->patients));
	rc = app_log(r->app, d->patients->n == 1 ? d->patients->lo : 0, rec,
	    detail);
	free(detail);
	return rc;
}

static int
verb_remit(int argc, char *argv[], struct app *app)
{
	struct remit_file	*f;
	struct run		 r = { app, NULL, { 0 } };
	long			 unmatched = 0;
	int			 ch, rc = 0, keep = 0, i, nread = 0;

	while ((ch = app_opt(app)) > 0)
		if (ch == 'k')
			keep = 1;
	if (argc < 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0)
		return rc;
	f = xcalloc((size_t)argc, sizeof(*f));
	/* every file read and checked before anything is written */
	for (i = 0; i < argc && rc == 0; i++, nread++)
		rc = remit_read(argv[i], &f[i]);
	if (rc == 0) {
		db_cache_mb(app->db, 32);	/* one long transaction */
		rc = app_begin(app);
	}
	if (rc != 0)
		goto out;
	for (i = 0; i < argc && rc == 0; i++)
		rc = remit_match(app->db, &f[i], argv[i], keep, &unmatched);
	for (i = 0; i < argc && rc == 0; i++) {
		r.f = &f[i];
		rc = remit_post(app->db, &f[i], app->who.login, done, &r);
	}
	if (rc == 0)
		rc = app_commit(app);
	if (rc != 0) {
		app_rollback(app);
		warnx("nothing posted");
		goto out;
	}
	if (r.out.len > 0 && fwrite(r.out.s, 1, r.out.len, stdout) !=
	    r.out.len)
		rc = EX_IOERR;
out:
	for (i = 0; i < nread; i++)
		remit_free(&f[i]);
	free(f);
	buf_free(&r.out);
	return rc;
}

static int
verb_unmatched(int argc, char *argv[], struct app *app)
{
	int rc;

	(void)argv;
	if (argc != 0)
		return EX_USAGE;
	/* no patient is known for money not matched to a claim: not PHI */
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0)
		return rc;
	return claim_listed(out_stmt(app->out, remit_unmatched(app->db),
	    NULL, NULL));
}

const struct verb claim_remit_verbs[] = {
	{ .name = "remit", .fn = verb_remit, .mode = DB_RW,
	    .usage = "[--keep-going] FILE ...", .summary = "post X12 835 "
	    "remittances to the ledger, each payment once",
	    .opts = remit_opts, .operand = COMP_FILE },
	{ .name = "unmatched", .fn = verb_unmatched, .mode = DB_RO,
	    .usage = "", .summary = "the 835 money of claims not ours, parked "
	    "in unapplied", .opts = claim_no_opts },
};
const size_t claim_remit_nverbs = nitems(claim_remit_verbs);

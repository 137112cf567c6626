/*
 * pay's export verb: the ledger as a plain-text accounting journal for
 * hledger or beancount (lib/journal.c), streamed to stdout.  Billing and
 * admin only, as the trial balance: it holds every patient's account.
 */
#include <err.h>
#include <stdio.h>
#include <sysexits.h>

#include "app.h"
#include "cfg.h"
#include "journal.h"
#include "pay.h"
#include "util.h"

static const struct opt export_opts[] = {
	{ "format", 'F', OPT_VALUE, "FORMAT", "hledger or beancount",
	    COMP_WORDS, "hledger beancount" },
	OPT_FROM('f', "from this day"),
	OPT_TO('t', "to this day"),
	OPT_END
};

static int
verb_export(int argc, char *argv[], struct app *app)
{
	enum journal_format	 fmt;
	char			 from[DATE_LEN], to[DATE_LEN], detail[64];
	const char		*name = NULL, *f = NULL, *t = NULL, *cur;
	long long		 n;
	int			 ch, rc;

	(void)argv;
	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'F': name = app->optarg; break;
		case 'f': f = app->optarg; break;
		case 't': t = app->optarg; break;
		}
	if (argc != 0)
		return EX_USAGE;
	if (name == NULL) {
		warnx("export: --format hledger or --format beancount");
		return EX_USAGE;
	}
	if (journal_format(name, &fmt) == -1) {
		warnx("--format: not a format '%s' (hledger, beancount)", name);
		return EX_USAGE;
	}
	if ((f && (rc = pay_day_arg("--from", f, from)) != 0) ||
	    (t && (rc = pay_day_arg("--to", t, to)) != 0))
		return rc;
	/* the audit row first: nothing of the ledger leaves unrecorded */
	snprintf(detail, sizeof(detail), "%s %s..%s", name, f ? from : "",
	    t ? to : "");
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0 ||
	    (rc = app_audit(app, 0, "journal", detail)) != 0)
		return rc;
	cur = app->cfg->clinic_currency ? app->cfg->clinic_currency : "USD";
	return journal_write(app->db, stdout, fmt, f ? from : NULL,
	    t ? to : NULL, cur, &n);
}

const struct verb pay_export_verbs[] = {
	{ .name = "export", .fn = verb_export, .mode = DB_RO,
	    .usage = "--format hledger|beancount [--from DATE] [--to DATE]",
	    .summary = "the ledger as an hledger or beancount journal",
	    .opts = export_opts },
};
const size_t pay_export_nverbs = nitems(pay_export_verbs);

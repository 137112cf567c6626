/*
 * audit - read and verify the audit trail (admin only)
 *	audit list [--patient PAT] [--user LOGIN] [--action A] [--from DATE]
 *	    [--to DATE] [--denied] [--limit N]
 *	audit verify
 *	audit anchor --reason TEXT
 * Reading the trail is itself audited: it names patients.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "audit.h"
#include "rec.h"
#include "util.h"

static const struct opt list_opts[] = {
	{ "patient", 'p', OPT_VALUE, "PAT", "rows about this patient",
	    COMP_PATIENT, NULL },
	{ "user", 'u', OPT_VALUE, "LOGIN", "rows of this user", COMP_NONE,
	    NULL },
	{ "action", 'a', OPT_VALUE, "ACTION", "rows of this action "
	    "(patient.show)", COMP_NONE, NULL },
	OPT_DAY('D', "rows of this day"),
	OPT_FROM('f', "rows from this day or time on"),
	OPT_TO('t', "rows up to this day or time"),
	{ "denied", 'd', OPT_FLAG, NULL, "refused attempts only", COMP_NONE,
	    NULL },
	{ "break-glass", 'b', OPT_FLAG, NULL, "emergency access reads only",
	    COMP_NONE, NULL },
	{ "limit", 'n', OPT_VALUE, "N", "at most N rows", COMP_NONE, NULL },
	OPT_END
};

static int
verb_list(int argc, char *argv[], struct app *app)
{
	struct audit_filter	 f = { .limit = -1 };
	const char		*from = NULL, *to = NULL, *v;
	int			 ch, rc;
	long			 n;

	while ((ch = app_opt(app)) > 0) {
		v = app->optarg;
		switch (ch) {
		case 'p':
			if (rec_id_parse(v, "pat", &f.patient) == -1) {
				warnx("not a patient id '%s'", v);
				return EX_USAGE;
			}
			break;
		case 'u': f.login = v; break;
		case 'a': f.action = v; break;
		case 'D': from = to = v; break;
		case 'f': from = v; break;
		case 't': to = v; break;
		case 'd': f.denied = 1; break;
		case 'b': f.break_glass = 1; break;
		case 'n':
			if ((rc = app_count("--limit", v, 0, &f.limit)) != 0)
				return rc;
			break;
		}
	}
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if ((rc = app_open(app)) != 0)	/* zone first: dates are local */
		return rc;
	if ((from && (rc = audit_bound(from, 0, f.from))) ||
	    (to && (rc = audit_bound(to, 1, f.to))))
		return rc;
	if ((rc = app_require(app, CAP_AUDIT)) != 0)
		return rc;
	if ((rc = app_audit(app, f.patient, NULL, NULL)) != 0)
		return rc;
	n = out_stmt(app->out, audit_list(app->db, &f), NULL, NULL);
	return n < 0 ? (int)-n : n == 0;	/* nothing found is 1 */
}

static int
verb_verify(int argc, char *argv[], struct app *app)
{
	struct audit_check	chk;
	int			rc;

	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_AUDIT)))
		return rc;
	if ((rc = audit_verify(app->audit, app->db, &chk)) != 0)
		return rc;
	if (chk.bad) {
		printf("audit: FAILED at row %lld: %s\n", chk.bad, chk.why);
		return 1;
	}
	printf("audit: ok: %lld rows\n", chk.rows);
	return app_audit(app, 0, NULL, "ok");
}

/*
 * An admin's acknowledgement that the tail file went missing (or no longer
 * matches): an audit.anchor row with the reason, and a fresh tail at it.
 * Verification then fails no more for tail-missing rows before it.
 */
static const struct opt anchor_opts[] = {
	{ "reason", 'r', OPT_VALUE, "TEXT", "why the trail may be trusted",
	    COMP_NONE, NULL },
	OPT_END
};

static int
verb_anchor(int argc, char *argv[], struct app *app)
{
	const char	*reason = NULL;
	int		 rc;

	while (app_opt(app) == 'r')
		reason = app->optarg;
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if (reason == NULL)
		return EX_USAGE;
	if (reason[strspn(reason, " \t")] == '\0') {
		warnx("--reason: say why the trail may be trusted again");
		return EX_USAGE;
	}
	if (text_card_number(reason)) {	/* the reason goes in the trail */
		warnx("--reason: %s", text_card_why);
		return EX_DATAERR;
	}
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_AUDIT)))
		return rc;
	if ((rc = app_audit(app, 0, NULL, reason)) != 0)
		return rc;
	if ((rc = audit_reset_tail(app->audit, app->db)) != 0)
		return rc;
	printf("audit: anchored\n");
	return 0;
}

static const struct opt no_opts[] = { OPT_END };

static const struct verb verbs[] = {
	{ .name = "list", .fn = verb_list, .mode = DB_RW,
	    .usage = "[--patient PAT] [--user LOGIN] [--action ACTION] "
	    "[--day DATE | --from DATE --to DATE] [--denied] [--break-glass] "
	    "[--limit N]",
	    .summary = "the audit trail, newest first", .opts = list_opts },
	{ .name = "verify", .fn = verb_verify, .mode = DB_RW, .usage = "",
	    .summary = "check the HMAC chain and the tail file",
	    .opts = no_opts },
	{ .name = "anchor", .fn = verb_anchor, .mode = DB_RW,
	    .usage = "--reason TEXT",
	    .summary = "accept the trail as it is: a new tail file, recorded",
	    .opts = anchor_opts },
};

static const struct prog prog = { "audit",
    "read and verify the audit trail", verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

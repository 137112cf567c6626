/*
 * audit - read and verify the audit trail (admin only)
 *	audit list [--patient PAT] [--user LOGIN] [--action A] [--from DATE]
 *	    [--to DATE] [--denied] [--limit N]
 *	audit verify
 *	audit anchor --reason TEXT
 * Reading the trail is itself audited: it names patients.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "audit.h"
#include "rec.h"
#include "util.h"

static int
verb_list(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "patient", required_argument, NULL, 'p' },
		{ "user", required_argument, NULL, 'u' },
		{ "action", required_argument, NULL, 'a' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "denied", no_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct audit_filter	 f = { .limit = -1 };
	const char		*from = NULL, *to = NULL;
	int			 ch, rc;
	long			 n;

	while ((ch = getopt_long(argc, argv, "p:u:a:f:t:dn:", longopts,
	    NULL)) != -1)
		switch (ch) {
		case 'p':
			if (rec_id_parse(optarg, "pat", &f.patient) == -1) {
				warnx("not a patient id '%s'", optarg);
				return EX_USAGE;
			}
			break;
		case 'u': f.login = optarg; break;
		case 'a': f.action = optarg; break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'd': f.denied = 1; break;
		case 'n':
			if ((rc = app_count("--limit", optarg, 0, &f.limit)))
				return rc;
			break;
		default: return EX_USAGE;
		}
	if (argc != optind)
		return EX_USAGE;
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
	return n < 0 ? (int)-n : 0;
}

static int
verb_verify(int argc, char *argv[], struct app *app)
{
	struct audit_check	chk;
	int			rc;

	if ((rc = app_noargs(argc, argv)) != 0)
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
static int
verb_anchor(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*reason = NULL;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "r:", longopts, NULL)) != -1)
		switch (ch) {
		case 'r': reason = optarg; break;
		default: return EX_USAGE;
		}
	if (argc != optind || reason == NULL)
		return EX_USAGE;
	if (reason[strspn(reason, " \t")] == '\0') {
		warnx("--reason: say why the trail may be trusted again");
		return EX_USAGE;
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

static const struct verb verbs[] = {
	{ "list", verb_list, DB_RW,
	    "[--patient PAT] [--user LOGIN] [--action ACTION] [--from DATE] "
	    "[--to DATE] [--denied] [--limit N]",
	    "the audit trail, newest first" },
	{ "verify", verb_verify, DB_RW, "",
	    "check the HMAC chain and the tail file" },
	{ "anchor", verb_anchor, DB_RW, "--reason TEXT",
	    "accept the trail as it is: a new tail file, recorded" },
};

static const struct prog prog = { "audit",
    "read and verify the audit trail", verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

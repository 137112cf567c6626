/*
 * claim's own records: creating claims from signed encounters, the
 * scrubber, listings, show and history; the verbs over lib/claim.c.
 */
#include <err.h>
#include <stdio.h>
#include <sysexits.h>

#include "app.h"
#include "claim.h"
#include "out.h"
#include "parts.h"
#include "util.h"

static int
verb_history(int argc, char *argv[], struct app *app)
{
	long long	 id;
	int		 rc;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = claim_arg(argv[0], &id)) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0)
		return rc;
	return claim_listed(out_stmt(app->out, claim_history(app->db, id),
	    NULL, NULL));
}

const struct verb claim_core_verbs[] = {
	{ .name = "history", .fn = verb_history, .mode = DB_RO,
	    .usage = "CLM", .summary = "every change of a claim's status, "
	    "with who and when", .opts = claim_no_opts },
};
const size_t claim_core_nverbs = nitems(claim_core_verbs);

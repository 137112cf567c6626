/*
 * claim - insurance claims: made from signed encounters, checked, sent as
 * X12 837P batches, and what comes back, acknowledgments (999, 277CA)
 * and remittances (835) posted to the ledger.  For billing and admins; a
 * provider may see the claims of their own encounters.
 *
 * The verbs live in parts, one an area (cmd/claim/, see parts.h);
 * this file joins their tables.
 */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "claim/parts.h"
#include "util.h"

const struct opt claim_no_opts[] = { OPT_END };

int
claim_listed(long n)
{
	return n < 0 ? (int)-n : n == 0;
}

/* The parts' tables, in the order of claim -h. */
static const struct app_part parts[] = {
	{ claim_core_verbs, &claim_core_nverbs },
	{ claim_export_verbs, &claim_export_nverbs },
	{ claim_remit_verbs, &claim_remit_nverbs },
	{ claim_ack_verbs, &claim_ack_nverbs },
};

int
main(int argc, char *argv[])
{
	static struct prog prog = { "claim", "insurance claims: X12 837P "
	    "out, acknowledgments and 835 remittances in", NULL, 0 };

	return app_main_parts(argc, argv, &prog, parts, nitems(parts));
}

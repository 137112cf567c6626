/*
 * claim export: the ready claims as X12 837P interchanges, and a batch
 * sent again; the verb over lib/claim837.c.
 */
#include <err.h>
#include <stdio.h>
#include <sysexits.h>

#include "app.h"
#include "claim837.h"
#include "parts.h"
#include "util.h"

enum { O_PAYER = 256, O_BATCH, O_NEWLINE };

static const struct opt export_opts[] = {
	{ "payer", O_PAYER, OPT_VALUE, "PAYER", "only this payer's claims "
	    "(pyr-N, name or X12 id)", COMP_NONE, NULL },
	/* -o as the issue writes it: this verb lists nothing, so its -o is
	 * the file, not the listing format */
	{ "file", 'o', OPT_VALUE, "FILE", "write to FILE, or DIR/N.837 for "
	    "each batch N when a directory (mode 0600), not stdout",
	    COMP_FILE, NULL },
	{ "batch", O_BATCH, OPT_VALUE, "N", "send batch N again: the same "
	    "bytes, no new number", COMP_NONE, NULL },
	{ "newline", O_NEWLINE, OPT_FLAG, NULL, "a newline after each "
	    "segment's ~", COMP_NONE, NULL },
	OPT_END
};

static int
verb_export(int argc, char *argv[], struct app *app)
{
	struct c837_args a = { 0 };
	const char	*batch = NULL;
	int		 ch, rc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case O_PAYER: a.payer = app->optarg; break;
		case 'o': a.file = app->optarg; break;
		case O_BATCH: batch = app->optarg; break;
		case O_NEWLINE: a.newline = 1; break;
		}
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if (batch) {
		if ((rc = app_count("--batch", batch, 1, &a.batch)) != 0)
			return rc;
		if (a.payer || a.newline) {
			warnx("--batch sends the batch's bytes as they were "
			    "sent: not with --payer or --newline");
			return EX_USAGE;
		}
	}
	return claim837_export(app, &a);
}

const struct verb claim_export_verbs[] = {
	{ .name = "export", .fn = verb_export, .mode = DB_RW,
	    .usage = "[--payer PAYER] [-o FILE] [--batch N] [--newline]",
	    .summary = "the ready claims as X12 837P batches, or a batch "
	    "again", .opts = export_opts },
};
const size_t claim_export_nverbs = nitems(claim_export_verbs);

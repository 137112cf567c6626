/*
 * claim's answers from the other side and the claims made from claims:
 *	claim ack FILE...	999 and 277CA acknowledgments (lib/ack.c)
 *	claim resubmit CLM	a replacement, frequency 7 (lib/rebill.c)
 *	claim void CLM		a void, frequency 8
 * For billing and admins.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "ack.h"
#include "app.h"
#include "claim.h"
#include "parts.h"
#include "rebill.h"
#include "util.h"

static const char *
ak9_word(char c)
{
	return c == 'A' ? "accepted" : c == 'E' ? "accepted with errors" :
	    c == 'P' ? "partially accepted" : "rejected";
}

/* One file, read whole, then applied in a transaction of its own. */
static int
ack_one(struct app *app, const char *path)
{
	struct ack	 a;
	struct ack_done	 done;
	char		 sha[65], rec[32], detail[64], *data;
	size_t		 len;
	int		 rc;

	if ((rc = ack_file_read(path, &data, &len, sha)) != 0)
		return rc;
	rc = ack_parse(&a, data, len);
	free(data);
	if (rc != 0) {
		warnx("%s: %s", path, a.why);
		ack_free(&a);
		return rc;
	}
	if ((rc = app_begin(app)) != 0) {
		ack_free(&a);
		return rc;
	}
	if ((rc = ack_apply(app->db, &a, sha, app->who.login, &done)) != 0) {
		app_rollback(app);
		warnx("%s: not read: nothing changed", path);
		ack_free(&a);
		return rc;
	}
	if (done.dup) {
		app_rollback(app);
		warnx("%s: already read (ack-%lld): nothing changed", path,
		    done.ack);
		ack_free(&a);
		return 0;
	}
	snprintf(rec, sizeof(rec), "ack-%lld", done.ack);
	snprintf(detail, sizeof(detail), "%s: %zu item(s), %ld claim(s) moved",
	    ack_kind_name(a.kind), a.nitem, done.moved);
	if ((rc = app_end(app, 0, rec, detail)) != 0) {
		ack_free(&a);
		return rc;
	}
	if (a.kind == ACK_999)
		for (size_t g = 0; g < a.ngroup; g++)
			printf("%s: 999 batch %ld %s\n", rec, a.group[g].batch,
			    ak9_word(a.group[g].ak9));
	else
		printf("%s: 277CA: %ld accepted, %ld rejected\n", rec,
		    done.accepted, done.rejected);
	ack_free(&a);
	return fflush(stdout) == 0 ? 0 : EX_IOERR;
}

static int
verb_ack(int argc, char *argv[], struct app *app)
{
	int rc, worst = 0;

	if (argc < 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0)
		return rc;
	for (int i = 0; i < argc; i++) {
		rc = ack_one(app, argv[i]);
		if (rc == EX_DATAERR || rc == EX_NOINPUT) {
			worst = worst ? worst : rc;
			continue;
		}
		if (rc != 0)
			return rc;
	}
	return worst;
}

static int
rebill(int argc, char *argv[], struct app *app, int frequency)
{
	struct claim_err *errs = NULL;
	long long	  orig, made = 0, pat = 0;
	size_t		  n = 0;
	char		  detail[48];
	int		  rc;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = claim_arg(argv[0], &orig)) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	rc = rebill_make(app->db, app->cfg, orig, frequency, app->who.login,
	    &made, &pat, &errs, &n);
	for (size_t i = 0; i < n; i++)
		warnx("the %s of clm-%lld does not pass: %s: %s",
		    frequency == REBILL_VOID ? "void" : "replacement", orig,
		    errs[i].field, errs[i].reason);
	free(errs);
	snprintf(detail, sizeof(detail), "%s clm-%lld",
	    frequency == REBILL_VOID ? "voids" : "replaces", orig);
	return app_wrote_id(app, rc, pat, "clm", made, detail);
}

static int
verb_resubmit(int argc, char *argv[], struct app *app)
{
	return rebill(argc, argv, app, REBILL_REPLACE);
}

static int
verb_void(int argc, char *argv[], struct app *app)
{
	return rebill(argc, argv, app, REBILL_VOID);
}

const struct verb claim_ack_verbs[] = {
	{ .name = "ack", .fn = verb_ack, .mode = DB_RW, .usage = "FILE ...",
	    .summary = "read 999 and 277CA acknowledgments of our batches",
	    .opts = claim_no_opts, .operand = COMP_FILE },
	{ .name = "resubmit", .fn = verb_resubmit, .mode = DB_RW,
	    .usage = "CLM", .summary = "a corrected claim replacing an "
	    "adjudicated one (frequency 7)", .opts = claim_no_opts },
	{ .name = "void", .fn = verb_void, .mode = DB_RW, .usage = "CLM",
	    .summary = "a void of an adjudicated claim (frequency 8)",
	    .opts = claim_no_opts },
};
const size_t claim_ack_nverbs = nitems(claim_ack_verbs);

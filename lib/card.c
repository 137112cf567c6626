/*
 * card - see card.h.  Owns nothing in the database: what a charge returns
 * is posted by the ledger (lib/ledger, for `pay card`); this module only
 * runs pay.card_command and judges what it says.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "card.h"
#include "cfg.h"
#include "money.h"
#include "seal.h"
#include "spawn.h"
#include "util.h"

#define CARD_OUTPUT	(16 * 1024)	/* three short words are expected */
#define DESC_MAX	200

static const char *const brands[] = { "visa", "mc", "amex", "discover" };

static int
fail(struct card_result *r, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	r->ref[0] = r->brand[0] = r->last4[0] = '\0';
	return rc;
}

/*
 * The first line of the command's stderr, fit for our stderr: controls
 * made '?', and never a card number (the terminal's own error text may
 * echo what was swiped).
 */
static void
first_line(const struct buf *b, char *out, size_t len)
{
	size_t n = 0;

	for (const char *p = b->s ? b->s : ""; *p && *p != '\n' &&
	    n + 1 < len; p++)
		out[n++] = (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p;
	out[n] = '\0';
	if (text_card_number(out))
		snprintf(out, len, "(its message held a card number)");
}

/* One key's value into out (size len): 0, or -1 if given twice. */
static int
take(char *out, size_t len, const char *v, size_t vlen, int *seen)
{
	if ((*seen)++)
		return -1;
	if (vlen >= len)		/* too long: unfit, as is empty */
		vlen = 0;
	memcpy(out, v, vlen);
	out[vlen] = '\0';
	return 0;
}

/* Judge the command's stdout: 0 with r filled, or -1 with r->msg. */
static int
parse(char *s, struct card_result *r)
{
	int	 nref = 0, nbrand = 0, nlast = 0, ok = 0;
	char	*w, *save, *eq;

	if (text_card_number(s)) {
		snprintf(r->msg, sizeof(r->msg), "it printed what looks like "
		    "a card number");
		return -1;
	}
	for (w = strtok_r(s, " \t\r\n", &save); w;
	    w = strtok_r(NULL, " \t\r\n", &save)) {
		if ((eq = strchr(w, '=')) == NULL || eq == w) {
			snprintf(r->msg, sizeof(r->msg), "it printed a word "
			    "that is not key=value");
			return -1;
		}
		size_t	 klen = (size_t)(eq - w), vlen = strlen(eq + 1);
		int	 twice = 0;

		if (klen == 3 && !strncmp(w, "ref", 3))
			twice = take(r->ref, sizeof(r->ref), eq + 1, vlen,
			    &nref);
		else if (klen == 5 && !strncmp(w, "brand", 5))
			twice = take(r->brand, sizeof(r->brand), eq + 1, vlen,
			    &nbrand);
		else if (klen == 5 && !strncmp(w, "last4", 5))
			twice = take(r->last4, sizeof(r->last4), eq + 1, vlen,
			    &nlast);
		if (twice) {
			snprintf(r->msg, sizeof(r->msg), "it printed %.*s "
			    "twice", (int)klen, w);
			return -1;
		}
	}
	for (size_t i = 0; i < nitems(brands); i++)
		ok |= streq(r->brand, brands[i]);
	if (r->ref[0] == '\0' || strspn(r->ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._:/-") != strlen(r->ref))
		snprintf(r->msg, sizeof(r->msg), "no ref=, or not 1 to 64 of "
		    "A-Z a-z 0-9 . _ : / -");
	else if (!ok)
		snprintf(r->msg, sizeof(r->msg), "no brand=, or not visa, mc, "
		    "amex or discover");
	else if (strlen(r->last4) != 4 || strspn(r->last4, "0123456789") != 4)
		snprintf(r->msg, sizeof(r->msg), "no last4=, or not four "
		    "digits");
	else
		return 0;
	return -1;
}

int
card_charge(const struct cfg *cfg, long long cents, const char *desc,
    struct card_result *r)
{
	struct spawn_result	 sr;
	struct buf		 in = { 0 };
	char			 amount[MONEY_LEN], why[200], line[160];
	char			 said[sizeof(r->msg)];
	char *const		*argv = cfg->pay_card_command;
	const char		*bad;
	int			 rc;

	memset(r, 0, sizeof(*r));
	if (argv == NULL || argv[0] == NULL)
		return fail(r, EX_CONFIG, "pay.card_command is not set in "
		    "clinix.yaml");
	if (cents <= 0)
		return fail(r, EX_DATAERR, "amount: must be more than 0.00");
	if (desc != NULL && (bad = text_problem(desc, DESC_MAX, TEXT_BYTES)))
		return fail(r, EX_DATAERR, "description: %s", bad);
	money_format(cents, amount);
	buf_printf(&in, "amount=%s\ndescription=%s\n", amount,
	    desc ? desc : "");
	/* the clean environment: a gateway's keys belong in its own files */
	if (spawn_run(argv, in.s, in.len, (unsigned)cfg->pay_card_timeout,
	    CARD_OUTPUT, 0, &sr, why, sizeof(why)) != 0) {
		rc = fail(r, EX_UNAVAILABLE, "pay.card_command: %s", why);
		goto out;
	}
	if (sr.timed_out)
		rc = fail(r, EX_TEMPFAIL, "%s killed after %ld seconds "
		    "(pay.card_timeout); nothing posted: check the terminal "
		    "before trying again", argv[0], cfg->pay_card_timeout);
	else if (sr.sig)
		rc = fail(r, EX_SOFTWARE, "%s killed by signal %d; nothing "
		    "posted: check the terminal before trying again",
		    argv[0], sr.sig);
	else if (sr.code != 0) {
		first_line(&sr.err, line, sizeof(line));
		rc = fail(r, sr.code == EX_TEMPFAIL ? EX_TEMPFAIL : EX_DATAERR,
		    "%s exited %d%s%s", argv[0], sr.code, *line ? ": " : "",
		    line);
	} else if (sr.truncated || parse(sr.out.s ? sr.out.s : "", r) != 0) {
		if (sr.truncated)
			snprintf(r->msg, sizeof(r->msg), "it printed more than "
			    "%d bytes", CARD_OUTPUT);
		memcpy(said, r->msg, sizeof(said));
		rc = fail(r, EX_SOFTWARE, "%s exited 0 but %s; nothing posted: "
		    "the card may have been charged, check the terminal",
		    argv[0], said);
	} else
		rc = 0;
out:
	/* what a terminal printed may be sensitive; leave no copy */
	if (sr.out.s)
		seal_wipe(sr.out.s, sr.out.cap);
	if (sr.err.s)
		seal_wipe(sr.err.s, sr.err.cap);
	spawn_result_free(&sr);
	buf_free(&in);
	return rc;
}

/*
 * pay's statement verb: a patient's statement (lib/statement.c) as plain
 * text for lpr or as PDF through groff, to stdout or --file, or emailed
 * through remind.sendmail (lib/mail.c) once per statement date.
 *	pay statement PATIENT ... | --all-due [--min AMOUNT] [--as-of DATE]
 *	    [--format text|pdf] [--file FILE] [--email]
 * A single patient's statement is frontdesk's too (printed at the desk);
 * several, --all-due and --email are billing's and admin's.  Every
 * patient is looked up and audited before the first byte goes out, so an
 * unknown one stops the run with nothing printed or sent.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "app.h"
#include "cfg.h"
#include "ledger.h"
#include "mail.h"
#include "patient.h"
#include "pay.h"
#include "spawn.h"
#include "statement.h"
#include "util.h"

enum { O_ALL_DUE = 256, O_MIN, O_AS_OF, O_FORMAT, O_EMAIL };

static const struct opt statement_opts[] = {
	{ "all-due", O_ALL_DUE, OPT_FLAG, NULL, "every patient who owes "
	    "the minimum or more", COMP_NONE, NULL },
	{ "min", O_MIN, OPT_VALUE, "AMOUNT", "the least balance due that "
	    "gets a statement (default 5.00)", COMP_NONE, NULL },
	{ "as-of", O_AS_OF, OPT_VALUE, "DATE", "the statement date (default "
	    "today)", COMP_DATE, NULL },
	{ "format", O_FORMAT, OPT_VALUE, "FORMAT", "text (default) or pdf",
	    COMP_WORDS, "text pdf" },
	/* -o as the issue and lpr users write it: this verb lists nothing,
	 * so its -o is the file, not the listing format */
	{ "file", 'o', OPT_VALUE, "FILE", "write to FILE (mode 0600), not "
	    "stdout", COMP_FILE, NULL },
	{ "email", O_EMAIL, OPT_FLAG, NULL, "email each patient who "
	    "consented, once per statement date", COMP_NONE, NULL },
	OPT_END
};

struct run {
	struct app	*app;
	char		 asof[DATE_LEN];
	long long	*pats;		/* owned */
	size_t		 n;
};

/* The domain of remind.from, for the Message-ID. */
static void
from_domain(const char *from, char *out, size_t len)
{
	const char *at = strrchr(from, '@');

	snprintf(out, len, "%.*s", at ? (int)strcspn(at + 1, ">") :
	    (int)strlen("localhost"), at ? at + 1 : "localhost");
}

/*
 * Email one statement: recorded first (with its audit row), then given
 * to sendmail; when sendmail fails the record goes again.  0 sent (its id
 * printed), 1 sent before, or the code of the failure.
 */
static int
email_one(struct run *r, char **argv, const struct statement *st,
    const struct buf *text)
{
	struct app	*app = r->app;
	struct buf	 msg = { 0 };
	char		*subj, mid[160], dom[128], err[256], rec[32];
	const char	*why;
	time_t		 now = time(NULL);
	int		 rc;

	from_domain(app->cfg->remind_from, dom, sizeof(dom));
	snprintf(mid, sizeof(mid), "stm-%lld-%.4s%.2s%.2s.%lld@%s",
	    st->patient, st->asof, st->asof + 5, st->asof + 8, (long long)now,
	    dom);
	snprintf(rec, sizeof(rec), "pat-%lld", st->patient);
	subj = app->cfg->clinic_name ? xasprintf("Statement from %s, %s",
	    app->cfg->clinic_name, st->asof) : xasprintf("Your statement of "
	    "%s", st->asof);
	struct mail_msg m = { app->cfg->remind_from, st->name, st->email,
	    subj, text->s, mid, now };
	if (mail_write(&msg, &m, &why) != 0) {
		warnx("%s: cannot email the statement: %s", rec, why);
		rc = EX_DATAERR;
		goto out;
	}
	if ((rc = app_begin(app)) != 0)
		goto out;
	if ((rc = statement_claim(app->db, st->patient, st->asof,
	    app->who.login, st->email, mid)) != 0) {
		app_rollback(app);
		if (rc == 1)
			warnx("%s: skipped: the statement of %s was emailed "
			    "already", rec, st->asof);
		goto out;
	}
	snprintf(err, sizeof(err), "statement %s email", st->asof);
	if ((rc = app_end(app, st->patient, rec, err)) != 0)
		goto out;
	if ((rc = mail_run(argv, msg.s, msg.len, err, sizeof(err))) == 0) {
		printf("%s\n", rec);
		goto out;
	}
	warnx("%s: not sent: %s", rec, err);
	if (app_begin(app) == 0 && statement_unclaim(app->db, st->patient,
	    st->asof) == 0)
		app_end(app, st->patient, rec, "statement email not sent");
	else
		app_rollback(app);
out:
	free(subj);
	buf_free(&msg);
	return rc;
}

/* Why pat may not be emailed, or NULL. */
static const char *
no_email(const struct statement *st)
{
	if (!st->consent)
		return "no email consent";
	if (st->email == NULL)
		return "no email address";
	if (!mail_addr_ok(st->email))
		return "an email address that cannot be used";
	return NULL;
}

static int
email_all(struct run *r)
{
	const struct cfg *c = r->app->cfg;
	char		**argv;
	int		 rc = 0, one;

	if (c->remind_from == NULL) {
		warnx("%s: remind.from is not set: emails need a sender",
		    c->path);
		return EX_CONFIG;
	}
	argv = mail_sendmail_argv(c);
	if (argv == NULL || !spawn_runnable(argv[0])) {
		warnx("%s: remind.sendmail '%s': cannot be run (missing, or "
		    "not executable)", c->path, c->remind_sendmail);
		mail_argv_free(argv);
		return EX_CONFIG;
	}
	for (size_t i = 0; i < r->n; i++) {
		struct statement	 st;
		struct buf		 text = { 0 };
		const char		*why;

		if ((one = statement_load(r->app->db, r->pats[i], r->asof,
		    &st)) == 0) {
			if ((why = no_email(&st)) != NULL)
				warnx("pat-%lld: skipped: %s", st.patient, why);
			else {
				statement_text(c, &st, &text);
				one = email_one(r, argv, &st, &text);
				if (one == 1)
					one = 0;
			}
		}
		statement_free(&st);
		buf_free(&text);
		if (one == EX_TEMPFAIL && rc == 0)
			rc = one;
		else if (one != 0 && (rc == 0 || rc == EX_DATAERR))
			rc = one;
	}
	mail_argv_free(argv);
	return rc;
}

/* Every statement audited, then laid out, then written in one go. */
static int
print_all(struct run *r, int pdf, const char *file)
{
	struct buf	 text = { 0 }, out = { 0 };
	int		 rc = 0;

	for (size_t i = 0; i < r->n && rc == 0; i++) {
		struct statement st;

		if ((rc = statement_load(r->app->db, r->pats[i], r->asof,
		    &st)) == 0 && (rc = app_audit(r->app, r->pats[i], NULL,
		    pdf ? "statement pdf" : "statement")) == 0) {
			if (i > 0)
				buf_addc(&text, '\f');
			statement_text(r->app->cfg, &st, &text);
		}
		statement_free(&st);
	}
	if (rc == 0 && pdf)
		rc = statement_pdf(&text, &out);
	else if (rc == 0) {
		out = text;
		text = (struct buf){ 0 };
	}
	if (rc == 0 && file)
		rc = file_write_private(file, out.s, out.len);	/* PHI */
	else if (rc == 0 && out.len && fwrite(out.s, 1, out.len, stdout) !=
	    out.len)
		rc = EX_IOERR;
	buf_free(&text);
	buf_free(&out);
	return rc;
}

static int
verb_statement(int argc, char *argv[], struct app *app)
{
	struct run	 r = { .app = app };
	const char	*min = NULL, *asof = "today", *format = "text",
			*file = NULL;
	long long	 mincents = 500;
	int		 ch, rc, alldue = 0, email = 0, pdf;
	enum cap	 cap;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case O_ALL_DUE: alldue = 1; break;
		case O_MIN: min = app->optarg; break;
		case O_AS_OF: asof = app->optarg; break;
		case O_FORMAT: format = app->optarg; break;
		case 'o': file = app->optarg; break;
		case O_EMAIL: email = 1; break;
		}
	if (alldue == (argc > 0)) {
		warnx("statement: give patients or --all-due, not both");
		return EX_USAGE;
	}
	if (min && !alldue) {
		warnx("--min goes with --all-due");
		return EX_USAGE;
	}
	if (!streq(format, "text") && !streq(format, "pdf")) {
		warnx("--format: not a format '%s' (text or pdf)", format);
		return EX_USAGE;
	}
	pdf = streq(format, "pdf");
	/* an email carries the text as its body; nothing goes to a file */
	if (email && (pdf || file)) {
		warnx("--email sends the text in the message: not with "
		    "--format pdf or --file");
		return EX_USAGE;
	}
	if ((rc = pay_day_arg("--as-of", asof, r.asof)) != 0 ||
	    (min && (rc = ledger_amount(min, "--min", &mincents)) != 0))
		return rc;
	/* one patient's statement is the desk's; many ("-" may be), or mail,
	 * billing's */
	cap = alldue || email || argc > 1 ||
	    (argc == 1 && streq(argv[0], "-")) ? CAP_BILLING : CAP_PAYMENT;
	if ((rc = app_open(app)) != 0 || (rc = app_require(app, cap)) != 0)
		return rc;
	if (alldue)
		rc = statement_due(app->db, r.asof, mincents, &r.pats, &r.n);
	else	/* every one found before anything goes out ("-": stdin) */
		rc = pat_resolve_all(app->db, argc, argv, &r.pats, &r.n);
	if (rc == 0 && r.n == 0)
		rc = 1;		/* --all-due: nobody owes that much */
	if (rc != 0) {
		free(r.pats);
		return rc;
	}
	rc = email ? email_all(&r) : print_all(&r, pdf, file);
	free(r.pats);
	return rc;
}

const struct verb pay_statement_verbs[] = {
	{ .name = "statement", .fn = verb_statement, .mode = DB_RW,
	    .usage = "PATIENT ... | --all-due [--min AMOUNT] [--as-of DATE] "
	    "[--format text|pdf] [-o FILE] [--email]",
	    .summary = "patient statements: text, PDF or email",
	    .opts = statement_opts, .operand = COMP_PATIENT },
};
const size_t pay_statement_nverbs = nitems(pay_statement_verbs);

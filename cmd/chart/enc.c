/*
 * chart's encounters and notes: open (from a checked-in appointment or
 * not), note (in the user's editor from a template, or from a file),
 * sign, addendum, show ENC, list.  The rules and the SQL are
 * lib/encounter.c's and lib/note.c's, the editor lib/editor.c's; this
 * part reads the command line, decides who may, and prints.
 *	chart open PATIENT [--appt APT] [--provider PRV] [--type T] [--at TIME]
 *	chart note ENC [--template NAME] [--file FILE|-]
 *	chart sign ENC | addendum ENC [--file FILE|-] | show ENC
 *	chart list [PATIENT] [--provider PRV] [--unsigned] [--from D] [--to D]
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "appt.h"
#include "cfg.h"
#include "chart.h"
#include "date.h"
#include "editor.h"
#include "encounter.h"
#include "note.h"
#include "out.h"
#include "patient.h"
#include "rec.h"
#include "span.h"
#include "util.h"

/* --- options ------------------------------------------------------------ */

enum { O_APPT = 256, O_AUTH, O_MAX };

#define O_PROVIDER(h)	OPT_PROVIDER('p', h)
#define O_FILE(h)	{ "file", 'f', OPT_VALUE, "FILE", h, COMP_FILE, NULL }

/* Each option's value by key, "" for a flag, NULL when not given. */
static void
take(struct app *app, const char *v[O_MAX])
{
	int k;

	while ((k = app_opt(app)) > 0)
		if (k < O_MAX)
			v[k] = app->optarg ? app->optarg : "";
}

/* Open the database for a clinical read or write. */
static int
open_for(struct app *app, enum cap cap)
{
	int rc;

	if ((rc = app_open(app)) != 0)
		return rc;
	return app_require(app, cap);
}

/* Only a provider signs: 0, or 77 after an audited refusal. */
static int
require_provider(struct app *app, const struct enc *e, int own)
{
	char detail[96];

	if (app->who.role == ROLE_PROVIDER && (!own || (e->provider_login &&
	    streq(e->provider_login, app->who.login))))
		return 0;
	snprintf(detail, sizeof(detail), "enc-%lld: %s", e->id,
	    app->who.role != ROLE_PROVIDER ? "only a provider signs" :
	    "only the encounter's provider signs");
	app_refused(app, detail);
	warnx("permission denied: '%s' (%s) may not sign enc-%lld: %s",
	    app->who.login, auth_role_name(app->who.role), e->id,
	    app->who.role != ROLE_PROVIDER ? "only a provider signs" :
	    "it is another provider's encounter");
	return EX_NOPERM;
}

/* The end of an encounter's write: its audit row, commit, enc-N. */
static int
finish_enc(struct app *app, long long patient, long long enc,
    const char *detail)
{
	return app_wrote_id(app, 0, patient, "enc", enc, detail);
}

static int
fail(struct app *app, int rc)
{
	app_rollback(app);
	return rc;
}

/* --- open --------------------------------------------------------------- */

static const struct opt open_opts[] = {
	{ "appt", O_APPT, OPT_VALUE, "APT", "the checked-in appointment it "
	    "charts (patient, provider and time come from it)", COMP_APPT,
	    NULL },
	O_PROVIDER("the provider seen (default: you, when you are one)"),
	{ "type", 't', OPT_VALUE, "TYPE", "office (default), telehealth, phone "
	    "or home", COMP_WORDS, "office telehealth phone home" },
	{ "at", 'a', OPT_VALUE, "TIME", "when it started (default: now)",
	    COMP_NONE, NULL },
	{ "prior-auth", O_AUTH, OPT_VALUE, "TEXT", "the payer's prior "
	    "authorisation for the visit (REF*G1 on its claim)", COMP_NONE,
	    NULL },
	OPT_END
};

/* A --prior-auth value: 0, or 65 saying why not. */
static int
auth_arg(const char *v)
{
	const char *why;

	if ((why = enc_prior_auth_check(v)) != NULL) {
		warnx("prior authorisation '%s': %s", v, why);
		return EX_DATAERR;
	}
	return 0;
}

/* The provider of an encounter opened without an appointment. */
static int
open_provider(struct app *app, const char *key, long long *id)
{
	char	why[APPT_WHY] = "";
	int	rc;

	if (key != NULL) {
		if ((rc = appt_find_provider(app->db, key, 1, id, why)) != 0 &&
		    why[0])
			warnx("%s", why);
		return rc;
	}
	if (app->who.role != ROLE_PROVIDER) {
		warnx("give --provider (or --appt)");
		return EX_USAGE;
	}
	if ((rc = enc_provider_of(app->db, app->who.login, id)) == EX_DATAERR)
		warnx("no active provider has the login '%s': give --provider",
		    app->who.login);
	return rc;
}

static int
verb_open(int argc, char *argv[], struct app *app)
{
	const char	*o[O_MAX] = { 0 };
	struct enc_new	 n = { .type = "office" };
	long long	 patient, id;
	time_t		 at = time(NULL);
	const char	*why;
	char		 detail[64];
	int		 rc;

	take(app, o);
	if (argc != 1) {
		warnx("open wants one PATIENT");
		return EX_USAGE;
	}
	if (o['t'] && !enc_type_valid(o['t'])) {
		warnx("--type '%s': office, telehealth, phone or home", o['t']);
		return EX_USAGE;
	}
	if (o[O_APPT] && (o['p'] || o['a'])) {
		warnx("--appt gives the provider and the time: no --%s",
		    o['p'] ? "provider" : "at");
		return EX_USAGE;
	}
	if (o[O_APPT] && rec_id_parse(o[O_APPT], "apt", &n.appointment) != 0) {
		warnx("--appt '%s': not an appointment id (like apt-12)",
		    o[O_APPT]);
		return EX_DATAERR;
	}
	if (o['t'])
		n.type = o['t'];
	if (o[O_AUTH] && (rc = auth_arg(o[O_AUTH])) != 0)
		return rc;
	n.prior_auth = o[O_AUTH];
	if ((rc = app_config(app)) != 0)
		return rc;
	if (o['a'] && date_parse_instant(o['a'], &at, &why) != 0) {
		warnx("--at '%s': %s", o['a'], why);
		return EX_USAGE;
	}
	date_utc(at, n.start_at);
	/* a merged patient is refused: write to the one it went into */
	if ((rc = app_patient(app, CAP_CLINICAL_WRITE, argv[0],
	    &patient)) != 0 || (rc = app_begin(app)) != 0)
		return rc;
	n.patient = patient;
	if (n.appointment)
		rc = enc_from_appt(app->db, &n, patient);
	else
		rc = open_provider(app, o['p'], &n.provider);
	if (rc == 0)
		rc = enc_open(app->db, &n, app->who.login, &id);
	if (rc != 0) {
		free(n.reason);
		return fail(app, rc);
	}
	free(n.reason);
	if (n.appointment)
		snprintf(detail, sizeof(detail), "apt-%lld", n.appointment);
	else
		snprintf(detail, sizeof(detail), "%s", n.type);
	return finish_enc(app, n.patient, id, detail);
}

/* --- note, addendum ----------------------------------------------------- */

static const struct opt note_opts[] = {
	{ "template", 't', OPT_VALUE, "NAME", "the template a new note starts "
	    "from (default soap)", COMP_WORDS,
	    "soap annual follow-up procedure telehealth" },
	O_FILE("the note from FILE, or - for stdin, instead of the editor"),
	OPT_END
};

/* Nothing was saved (said); the chart was read all the same. */
static int
not_saved(struct app *app, const struct enc *e, int rc)
{
	char rec[32];
	int  arc;

	snprintf(rec, sizeof(rec), "enc-%lld", e->id);
	if ((arc = app_audit(app, e->patient, rec, "nothing saved")) != 0)
		return arc;
	return rc;
}

static int
blank(const char *s)
{
	return strspn(s, " \t\r\n") == strlen(s);
}

/* The text to save, from --file or the editor on start: 0, 1 or a code. */
static int
text_for(const char *file, const char *name, const char *start, char **body)
{
	int rc;

	if (file != NULL)
		rc = editor_read(file, ENC_NOTE_MAX, body);
	else
		rc = editor_edit(name, start, body);
	if (rc != 0)
		return rc;
	if (blank(*body) || (file == NULL && streq(*body, start))) {
		warnx("%s %s: nothing saved", name, blank(*body) ? "empty" :
		    "unchanged");
		free(*body);
		*body = NULL;
		return 1;
	}
	return 0;
}

static int
checked_text(const char *what, const char *body)
{
	const char *why;

	if ((why = text_problem(body, ENC_NOTE_MAX, TEXT_LINES | TEXT_BYTES))) {
		warnx("%s: %s", what, why);
		return EX_DATAERR;
	}
	return 0;
}

static int
verb_note(int argc, char *argv[], struct app *app)
{
	const char	*o[O_MAX] = { 0 };
	struct enc	 e;
	char		*was = NULL, *start = NULL, *body = NULL;
	int		 rc;

	take(app, o);
	if (argc != 1) {
		warnx("note wants one ENC");
		return EX_USAGE;
	}
	if (o['t'] && o['f']) {
		warnx("--template is for the editor: not with --file");
		return EX_USAGE;
	}
	if ((rc = open_for(app, CAP_CLINICAL_WRITE)) != 0 ||
	    (rc = enc_get_open(app->db, argv[0], &e)) != 0)
		return rc;
	if (o['f'] == NULL) {
		if ((rc = enc_note_get(app->db, e.id, &was)) != 0)
			goto out;
		if (was && o['t']) {
			warnx("enc-%lld has a note: it opens as written (leave "
			    "out --template)", e.id);
			rc = EX_USAGE;
			goto out;
		}
		if (was == NULL && (rc = note_template(app->cfg, app->db, e.id,
		    o['t'] ? o['t'] : NOTE_TEMPLATE, &start)) != 0)
			goto out;
	}
	rc = text_for(o['f'], "note", was ? was : start ? start : "", &body);
	if (rc == 1 || (rc == 0 && (rc = checked_text("note", body)) != 0)) {
		rc = not_saved(app, &e, rc);
		goto out;
	}
	if (rc != 0)
		goto out;
	enc_clear(&e);
	/* the editor took its time: signed meanwhile is still refused */
	if ((rc = app_begin(app)) != 0)
		goto out;
	if ((rc = enc_get_open(app->db, argv[0], &e)) != 0 ||
	    (rc = enc_note_put(app->db, e.id, o['f'] ? NULL : was ? NULL :
	    o['t'] ? o['t'] : NOTE_TEMPLATE, body, app->who.login)) != 0) {
		rc = fail(app, rc);
		goto out;
	}
	rc = finish_enc(app, e.patient, e.id, was ? "note edited" : "note");
out:
	enc_clear(&e);
	free(was);
	free(start);
	free(body);
	return rc;
}

static int
verb_sign(int argc, char *argv[], struct app *app)
{
	struct enc	 e;
	int		 rc;

	if (argc != 1) {
		warnx("sign wants one ENC");
		return EX_USAGE;
	}
	if ((rc = open_for(app, CAP_CLINICAL_WRITE)) != 0 ||
	    (rc = enc_get(app->db, argv[0], &e)) != 0)
		return rc;
	if ((rc = require_provider(app, &e, 1)) != 0)
		goto out;
	enc_clear(&e);
	if ((rc = app_begin(app)) != 0)
		goto out;
	/* enc_sign refuses one signed meanwhile */
	if ((rc = enc_get(app->db, argv[0], &e)) != 0 ||
	    (rc = enc_sign(app->db, &e, app->who.login)) != 0) {
		rc = fail(app, rc);
		goto out;
	}
	rc = finish_enc(app, e.patient, e.id, e.sign_hash);
out:
	enc_clear(&e);
	return rc;
}

static const struct opt addendum_opts[] = {
	O_FILE("the addendum from FILE, or - for stdin, instead of the editor"),
	OPT_END
};

static int
verb_addendum(int argc, char *argv[], struct app *app)
{
	const char	*o[O_MAX] = { 0 };
	struct enc	 e;
	char		*body = NULL, detail[48];
	long long	 id;
	int		 rc;

	take(app, o);
	if (argc != 1) {
		warnx("addendum wants one ENC");
		return EX_USAGE;
	}
	if ((rc = open_for(app, CAP_CLINICAL_WRITE)) != 0 ||
	    (rc = enc_get(app->db, argv[0], &e)) != 0)
		return rc;
	if ((rc = require_provider(app, &e, 0)) != 0)
		goto out;
	if (e.signed_at == NULL) {
		warnx("enc-%lld is not signed: change its note (chart note)",
		    e.id);
		rc = EX_DATAERR;
		goto out;
	}
	rc = text_for(o['f'], "addendum", "", &body);
	if (rc == 1 || (rc == 0 && (rc = checked_text("addendum", body)))) {
		rc = not_saved(app, &e, rc);
		goto out;
	}
	if (rc != 0 || (rc = app_begin(app)) != 0)
		goto out;
	if ((rc = enc_addendum_add(app->db, e.id, body, app->who.login,
	    &id)) != 0) {
		rc = fail(app, rc);
		goto out;
	}
	snprintf(detail, sizeof(detail), "addendum %lld", id);
	rc = finish_enc(app, e.patient, e.id, detail);
out:
	enc_clear(&e);
	free(body);
	return rc;
}

/* --- show, list --------------------------------------------------------- */

/* Each row of part as one indented line of its columns, or "none". */
static int
print_part(struct app *app, const char *title, enum enc_part part,
    long long id)
{
	int rc = out_section(stdout, title, enc_part_stmt(app->db, part, id));

	return rc < 0 ? -rc : 0;
}

/*
 * One encounter for a person to read: the header, the note, diagnoses,
 * procedures, vitals, then each addendum with its signer and time.
 */
static int
show_enc(struct app *app, const struct enc *e)
{
	db_rows	*s = enc_part_stmt(app->db, ENC_HEAD, e->id);
	int		 rc;

	if ((rc = db_step(app->db, s)) != SQLITE_ROW) {
		db_reset(s);
		return rc == SQLITE_DONE ? EX_DATAERR : rc;
	}
	printf("%s  %s  %s  %s\n", db_col(s, 0), db_col(s, 1), db_col(s, 2),
	    db_col(s, 3));
	printf("provider: %s %s\n", db_col(s, 4), db_col(s, 5));
	printf("type: %s  start: %s%s%s\n", db_col(s, 6), db_col(s, 7),
	    *db_col(s, 8) ? "  appointment: " : "", db_col(s, 8));
	if (*db_col(s, 9))
		printf("reason: %s\n", db_col(s, 9));
	if (*db_col(s, 10))
		printf("signed: %s by %s\nsha256: %s\n", db_col(s, 10),
		    db_col(s, 11), db_col(s, 12));
	else
		printf("signed: no\n");
	if (db_isnull(s, 13))
		printf("\nnote: none\n");
	else {
		const char *body = db_col(s, 13);
		size_t n = strlen(body);

		printf("\nnote (%s%s%s %s):\n%s%s", db_col(s, 14),
		    *db_col(s, 14) ? ", " : "", db_col(s, 15), db_col(s, 16),
		    body, n && body[n - 1] == '\n' ? "" : "\n");
	}
	db_reset(s);
	if ((rc = print_part(app, "diagnoses", ENC_DX, e->id)) != 0 ||
	    (rc = print_part(app, "procedures (code, modifiers, units, "
	    "diagnosis pointers)", ENC_PROC, e->id)) != 0 ||
	    (rc = print_part(app, "vitals", ENC_VITALS, e->id)) != 0)
		return rc;
	s = enc_part_stmt(app->db, ENC_ADDENDA, e->id);
	while ((rc = db_step(app->db, s)) == SQLITE_ROW) {
		const char *body = db_col(s, 3);
		size_t n = strlen(body);

		printf("\naddendum %s, signed %s by %s:\n%s%s", db_col(s, 0),
		    db_col(s, 1), db_col(s, 2), body,
		    n && body[n - 1] == '\n' ? "" : "\n");
	}
	db_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

static int
verb_show(int argc, char *argv[], struct app *app)
{
	struct enc	 e;
	int		 rc;

	if (argc != 1) {
		warnx("show wants one ENC or PATIENT");
		return EX_USAGE;
	}
	if (strncmp(argv[0], "enc-", 4) != 0)	/* cmd/chart/view.c */
		return chart_show_patient(app, argv[0]);
	if ((rc = open_for(app, CAP_CLINICAL_READ)) != 0 ||
	    (rc = enc_get(app->db, argv[0], &e)) != 0)
		return rc;
	/* the row before the output, as every read of PHI */
	if ((rc = app_audit(app, e.patient, argv[0], NULL)) == 0)
		rc = show_enc(app, &e);
	enc_clear(&e);
	return rc;
}

/*
 * chart prior-auth ENC TEXT|--clear: billing information, signed or not,
 * so billing may give it as well as those who chart.
 */
static const struct opt prior_auth_opts[] = {
	{ "clear", 'c', OPT_FLAG, NULL, "remove it", COMP_NONE, NULL },
	OPT_END
};

static int
verb_prior_auth(int argc, char *argv[], struct app *app)
{
	long long	 enc, pat = 0;
	int		 rc, clear = 0;

	while (app_opt(app) == 'c')
		clear = 1;
	if (argc != 2 - clear) {
		warnx("prior-auth wants ENC and TEXT, or ENC --clear");
		return EX_USAGE;
	}
	if ((rc = chart_enc_arg(argv[0], &enc)) != 0 ||
	    (!clear && (rc = auth_arg(argv[1])) != 0) ||
	    (rc = app_open(app)) != 0)
		return rc;
	if (!auth_can(app->who.role, CAP_BILLING) &&
	    (rc = app_require(app, CAP_CLINICAL_WRITE)) != 0)
		return rc;
	if ((rc = app_begin(app)) != 0)
		return rc;
	rc = enc_prior_auth_set(app->db, enc, clear ? NULL : argv[1], &pat);
	return app_wrote(app, rc, pat, argv[0], clear ? "prior auth cleared" :
	    "prior auth");
}

static const struct opt list_opts[] = {
	O_PROVIDER("one provider's encounters"),
	{ "unsigned", 'u', OPT_FLAG, NULL, "only those not signed yet (the "
	    "end-of-day to-do)", COMP_NONE, NULL },
	OPT_FROM('F', "from this day or time on"),
	OPT_TO('T', "up to this day (included) or time"),
	APP_OPT_BREAK_GLASS,
	OPT_END
};

static int
verb_list(int argc, char *argv[], struct app *app)
{
	const char		*o[O_MAX] = { 0 };
	struct enc_filter	 f = { 0 };
	struct days		 d;
	char			 why[DAYS_WHY] = "", pwhy[APPT_WHY] = "";
	int			 rc;

	take(app, o);
	if (argc > 1) {
		warnx("list takes at most one PATIENT");
		return EX_USAGE;
	}
	if ((rc = app_config(app)) != 0)
		return rc;
	if (days_parse(&d, NULL, o['F'], o['T'], NULL, NULL, why) != 0) {
		warnx("%s", why);
		return EX_USAGE;
	}
	if ((rc = argc == 1 ? app_patient(app, CAP_CLINICAL_READ, argv[0],
	    &f.patient) : open_for(app, CAP_CLINICAL_READ)) != 0)
		return rc;
	if (o['p'] && (rc = appt_find_provider(app->db, o['p'], 0,
	    &f.provider, pwhy)) != 0) {
		if (pwhy[0])
			warnx("%s", pwhy);
		return rc;
	}
	f.unsigned_only = o['u'] != NULL;
	f.lo = d.lo;
	f.hi = d.hi;
	return app_list_phi(app, enc_list_stmt(app->db, &f), 1, "encounters",
	    f.patient ? f.patient : APP_PHI_ONE);
}


const struct verb chart_enc_verbs[] = {
	{ .name = "open", .fn = verb_open, .mode = DB_RW, .opts = open_opts,
	    .operand = COMP_PATIENT,
	    .usage = "PATIENT [--appt APT] [--provider PRV] [--type TYPE] "
	    "[--at TIME] [--prior-auth TEXT]",
	    .summary = "open an encounter, from a checked-in appointment or not" },
	{ .name = "note", .fn = verb_note, .mode = DB_RW, .opts = note_opts,
	    .usage = "ENC [--template NAME] [--file FILE|-]",
	    .summary = "write the encounter's note in $VISUAL or $EDITOR, or from a file" },
	{ .name = "sign", .fn = verb_sign, .mode = DB_RW, .opts = chart_no_opts,
	    .usage = "ENC",
	    .summary = "sign an encounter: its note, diagnoses, procedures and vitals become final" },
	{ .name = "addendum", .fn = verb_addendum, .mode = DB_RW,
	    .opts = addendum_opts,
	    .usage = "ENC [--file FILE|-]",
	    .summary = "add a signed addendum to a signed encounter" },
	{ .name = "show", .fn = verb_show, .mode = DB_RO,
	    .opts = chart_read_opts, .operand = COMP_PATIENT,
	    .usage = "ENC|PATIENT",
	    .summary = "print an encounter with its addenda, or a patient's chart" },
	{ .name = "prior-auth", .fn = verb_prior_auth, .mode = DB_RW,
	    .usage = "ENC TEXT | ENC --clear",
	    .summary = "set the payer's prior authorisation of a visit, "
	    "signed or not", .opts = prior_auth_opts },
	{ .name = "list", .fn = verb_list, .mode = DB_RO, .opts = list_opts,
	    .operand = COMP_PATIENT,
	    .usage = "[PATIENT] [--provider PRV] [--unsigned] [--from DATE] [--to DATE]",
	    .summary = "list encounters" },
};
const size_t chart_enc_nverbs = nitems(chart_enc_verbs);

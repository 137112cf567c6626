/*
 * chart - the clinical record of a visit: encounters, signed notes from
 * templates, problems, diagnoses and procedures, allergies, vital signs
 * and immunizations.  For providers and nurses (only providers sign);
 * every read and write is audited, naming the patient.
 *	chart open PATIENT [--appt APT] [--provider PRV] [--type T] [--at TIME]
 *	chart note ENC [--template NAME] [--file FILE|-]
 *	chart sign ENC | addendum ENC [--file FILE|-] | show ENC
 *	chart list [PATIENT] [--provider PRV] [--unsigned] [--from D] [--to D]
 *
 * Being built (issue 12): each verb below that still says "not built"
 * exits 69 and writes nothing.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "appt.h"
#include "cfg.h"
#include "codeset.h"
#include "date.h"
#include "diagnosis.h"
#include "editor.h"
#include "encounter.h"
#include "note.h"
#include "patient.h"
#include "problem.h"
#include "procedure.h"
#include "rec.h"
#include "span.h"
#include "util.h"

static int
not_built(int argc, char *argv[], struct app *app)
{
	(void)argc;
	(void)argv;
	warnx("%s: not built yet", app->verb->name);
	return EX_UNAVAILABLE;
}

/* --- shared ------------------------------------------------------------ */

/* The end of a write: its audit row, the commit, the id printed. */
static int
finish(struct app *app, int rc, long long patient, const char *rec,
    const char *detail)
{
	if (rc == 0 && (rc = app_log(app, patient, rec, detail)) == 0 &&
	    (rc = app_commit(app)) == 0) {
		printf("%s\n", rec);
		return 0;
	}
	app_rollback(app);
	return rc;
}

/* A listing's exit: 1, as grep, when nothing was listed. */
static int
listed(long n)
{
	return n < 0 ? (int)-n : n == 0;
}

static int
enc_arg(const char *s, long long *enc)
{
	if (rec_id_parse(s, "enc", enc) == -1) {
		warnx("not an encounter id '%s'", s);
		return EX_DATAERR;
	}
	return 0;
}

/* A day option: 64 when it is no date, 65 when it is after today. */
static int
day_arg(const char *opt, const char *v, char out[DATE_LEN])
{
	char today[DATE_LEN];

	if (date_parse_day(v, out) == -1) {
		warnx("%s: not a date '%s'", opt, v);
		return EX_USAGE;
	}
	date_parse_day("today", today);
	if (strcmp(out, today) > 0) {
		warnx("%s %s is in the future", opt, out);
		return EX_DATAERR;
	}
	return 0;
}

/* A write to enc's diagnoses or procedures: open, check, begin. */
static int
enc_write(struct app *app, long long enc, long long *pat, int *ndx)
{
	int rc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_CODING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = dx_encounter(app->db, enc, 1, pat, ndx)) != 0)
		app_rollback(app);
	return rc;
}

/* A read of enc's diagnoses or procedures, audited before output. */
static int
enc_read(struct app *app, int argc, char *argv[], const char *what,
    sqlite3_stmt *(*list)(struct db *, long long))
{
	long long	 enc, pat;
	int		 rc, ndx;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = enc_arg(argv[0], &enc)) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_CLINICAL_READ)) != 0 ||
	    (rc = dx_encounter(app->db, enc, 0, &pat, &ndx)) != 0 ||
	    (rc = app_audit(app, pat, argv[0], what)) != 0)
		return rc;
	return listed(out_stmt(app->out, list(app->db, enc), NULL, NULL));
}

/* --- options ------------------------------------------------------------ */

enum { O_APPT = 256, O_MAX };

#define O_PROVIDER(h)	{ "provider", 'p', OPT_VALUE, "PRV", h, \
	COMP_PROVIDER, NULL }
#define O_FILE(h)	{ "file", 'f', OPT_VALUE, "FILE", h, COMP_FILE, NULL }

static const struct opt no_opts[] = { OPT_END };

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

/* finish for enc-N, the record every encounter write names. */
static int
finish_enc(struct app *app, long long patient, long long enc,
    const char *detail)
{
	char rec[32];

	snprintf(rec, sizeof(rec), "enc-%lld", enc);
	return finish(app, 0, patient, rec, detail);
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
	OPT_END
};

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
	if ((rc = app_config(app)) != 0)
		return rc;
	if (o['a'] && date_parse_instant(o['a'], &at, &why) != 0) {
		warnx("--at '%s': %s", o['a'], why);
		return EX_USAGE;
	}
	date_utc(at, n.start_at);
	if ((rc = open_for(app, CAP_CLINICAL_WRITE)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &patient)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	n.patient = patient;
	if (n.appointment)
		rc = enc_from_appt(app->db, &n, patient);
	else
		rc = open_provider(app, o['p'], &n.provider);
	if (rc == 0)
		rc = pat_writable(app->db, n.patient);
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

static const char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *v = sqlite3_column_text(s, i);

	return v ? (const char *)v : "";
}

/* Each row of part as one indented line of its columns, or "none". */
static int
print_part(struct app *app, const char *title, enum enc_part part,
    long long id)
{
	sqlite3_stmt	*s = enc_part_stmt(app->db, part, id);
	int		 rc, n = 0;

	printf("\n%s:\n", title);
	while ((rc = db_step(app->db, s)) == SQLITE_ROW) {
		n++;
		printf(" ");
		for (int i = 0; i < sqlite3_column_count(s); i++)
			if (sqlite3_column_type(s, i) != SQLITE_NULL)
				printf(" %s", col(s, i));
		printf("\n");
	}
	sqlite3_reset(s);
	if (n == 0)
		printf("  none\n");
	return rc == SQLITE_DONE ? 0 : rc;
}

/*
 * One encounter for a person to read: the header, the note, diagnoses,
 * procedures, vitals, then each addendum with its signer and time.
 */
static int
show_enc(struct app *app, const struct enc *e)
{
	sqlite3_stmt	*s = enc_part_stmt(app->db, ENC_HEAD, e->id);
	int		 rc;

	if ((rc = db_step(app->db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? EX_DATAERR : rc;
	}
	printf("%s  %s  %s  %s\n", col(s, 0), col(s, 1), col(s, 2), col(s, 3));
	printf("provider: %s %s\n", col(s, 4), col(s, 5));
	printf("type: %s  start: %s%s%s\n", col(s, 6), col(s, 7),
	    *col(s, 8) ? "  appointment: " : "", col(s, 8));
	if (*col(s, 9))
		printf("reason: %s\n", col(s, 9));
	if (*col(s, 10))
		printf("signed: %s by %s\nsha256: %s\n", col(s, 10), col(s, 11),
		    col(s, 12));
	else
		printf("signed: no\n");
	if (sqlite3_column_type(s, 13) == SQLITE_NULL)
		printf("\nnote: none\n");
	else {
		const char *body = col(s, 13);
		size_t n = strlen(body);

		printf("\nnote (%s%s%s %s):\n%s%s", *col(s, 14) ? col(s, 14) :
		    "", *col(s, 14) ? ", " : "", col(s, 15), col(s, 16), body,
		    n && body[n - 1] == '\n' ? "" : "\n");
	}
	sqlite3_reset(s);
	if ((rc = print_part(app, "diagnoses", ENC_DX, e->id)) != 0 ||
	    (rc = print_part(app, "procedures (code, modifiers, units, "
	    "diagnosis pointers)", ENC_PROC, e->id)) != 0 ||
	    (rc = print_part(app, "vitals", ENC_VITALS, e->id)) != 0)
		return rc;
	s = enc_part_stmt(app->db, ENC_ADDENDA, e->id);
	while ((rc = db_step(app->db, s)) == SQLITE_ROW) {
		const char *body = col(s, 3);
		size_t n = strlen(body);

		printf("\naddendum %s, signed %s by %s:\n%s%s", col(s, 0),
		    col(s, 1), col(s, 2), body,
		    n && body[n - 1] == '\n' ? "" : "\n");
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

static int
verb_show(int argc, char *argv[], struct app *app)
{
	struct enc	 e;
	int		 rc;

	if (argc != 1) {
		warnx("show wants one ENC");
		return EX_USAGE;
	}
	if (strncmp(argv[0], "enc-", 4) != 0) {
		warnx("show PATIENT: not built yet");
		return EX_UNAVAILABLE;
	}
	if ((rc = open_for(app, CAP_CLINICAL_READ)) != 0 ||
	    (rc = enc_get(app->db, argv[0], &e)) != 0)
		return rc;
	/* the row before the output, as every read of PHI */
	if ((rc = app_audit(app, e.patient, argv[0], NULL)) == 0)
		rc = show_enc(app, &e);
	enc_clear(&e);
	return rc;
}

static const struct opt list_opts[] = {
	O_PROVIDER("one provider's encounters"),
	{ "unsigned", 'u', OPT_FLAG, NULL, "only those not signed yet (the "
	    "end-of-day to-do)", COMP_NONE, NULL },
	{ "from", 'F', OPT_VALUE, "DATE", "from this day or time on",
	    COMP_DATE, NULL },
	{ "to", 'T', OPT_VALUE, "DATE", "up to this day (included) or time",
	    COMP_DATE, NULL },
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
	if ((rc = open_for(app, CAP_CLINICAL_READ)) != 0 ||
	    (argc == 1 && (rc = pat_resolve(app->db, argv[0],
	    &f.patient)) != 0))
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


/* --- problems ------------------------------------------------------------ */

static const struct opt problem_add_opts[] = {
	{ "onset", 'o', OPT_VALUE, "DATE", "when it began", COMP_DATE, NULL },
	{ "note", 'n', OPT_VALUE, "TEXT", "a note (one line, at most 1000 "
	    "bytes)", COMP_NONE, NULL },
	OPT_END
};

static int
verb_problem_add(int argc, char *argv[], struct app *app)
{
	char		 onset[DATE_LEN], code[CODESET_CODE_MAX + 1];
	char		 rec[32];
	const char	*on = NULL, *note = NULL, *why;
	long long	 pat = 0, id = 0;
	int		 ch, rc;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'o': on = app->optarg; break;
		case 'n': note = app->optarg; break;
		}
	if (argc != 2)
		return EX_USAGE;
	if (note && (why = text_problem(note, PROBLEM_NOTE_MAX,
	    TEXT_BYTES)) != NULL) {
		warnx("--note: %s", why);
		return EX_DATAERR;
	}
	if ((rc = app_open(app)) != 0 ||
	    (on && (rc = day_arg("--onset", on, onset)) != 0) ||
	    (rc = app_require(app, CAP_CODING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &pat)) == 0 &&
	    (rc = pat_writable(app->db, pat)) == 0 &&
	    (rc = problem_code(app->db, argv[1], code)) == 0)
		rc = problem_add(app->db, pat, code, on ? onset : NULL, note,
		    app->who.login, &id);
	snprintf(rec, sizeof(rec), "prb-%lld", id);
	return finish(app, rc, pat, rec, code);
}

static const struct opt problem_list_opts[] = {
	{ "all", 'a', OPT_FLAG, NULL, "resolved problems too", COMP_NONE,
	    NULL },
	OPT_END
};

static int
verb_problem_list(int argc, char *argv[], struct app *app)
{
	long long	 pat;
	int		 rc, all = 0;

	while (app_opt(app) == 'a')
		all = 1;
	if (argc != 1)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_CLINICAL_READ)) != 0 ||
	    (rc = pat_resolve(app->db, argv[0], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, "problems")) != 0)
		return rc;
	return listed(out_stmt(app->out, problem_list(app->db, pat, all),
	    NULL, NULL));
}

static const struct opt problem_resolve_opts[] = {
	{ "on", 'o', OPT_VALUE, "DATE", "the day it resolved (default today)",
	    COMP_DATE, NULL },
	OPT_END
};

static int
verb_problem_resolve(int argc, char *argv[], struct app *app)
{
	char		 day[DATE_LEN], rec[32];
	const char	*on = "today";
	long long	 pat = 0, id = 0;
	int		 rc;

	while (app_opt(app) == 'o')
		on = app->optarg;
	if (argc != 2)
		return EX_USAGE;
	if ((rc = app_open(app)) != 0 ||
	    (rc = day_arg("--on", on, day)) != 0 ||
	    (rc = app_require(app, CAP_CODING)) != 0 ||
	    (rc = app_begin(app)) != 0)
		return rc;
	if ((rc = pat_resolve(app->db, argv[0], &pat)) == 0 &&
	    (rc = pat_writable(app->db, pat)) == 0)
		rc = problem_resolve(app->db, pat, argv[1], day, &id);
	snprintf(rec, sizeof(rec), "prb-%lld", id);
	return finish(app, rc, pat, rec, day);
}

/* --- encounter diagnoses ------------------------------------------------- */

static const struct opt dx_add_opts[] = {
	{ "problem", 'p', OPT_FLAG, NULL, "put them on the problem list too",
	    COMP_NONE, NULL },
	OPT_END
};

static int
verb_dx_add(int argc, char *argv[], struct app *app)
{
	char		(*codes)[CODESET_CODE_MAX + 1] = NULL;
	char		*detail = NULL;
	long long	 enc, pat = 0;
	int		 rc, bad = 0, problem = 0, ndx = 0, n = argc - 1;

	while (app_opt(app) == 'p')
		problem = 1;
	if (argc < 2)
		return EX_USAGE;
	if ((rc = enc_arg(argv[0], &enc)) != 0 ||
	    (rc = enc_write(app, enc, &pat, &ndx)) != 0)
		return rc;
	codes = xcalloc((size_t)n, sizeof(*codes));
	/* every code is checked, and all are told of, before any is added */
	for (int i = 0; i < n && rc == 0; i++)
		if ((rc = dx_code(app->db, argv[i + 1], codes[i])) == EX_DATAERR)
			bad = 1, rc = 0;
	if (rc == 0 && bad)
		rc = EX_DATAERR;
	if (rc == 0 && (rc = dx_add(app->db, enc, pat, ndx, n, codes, problem,
	    app->who.login)) == 0)
		detail = xasprintf("dx %d-%d%s", ndx + 1, ndx + n,
		    problem ? " with problems" : "");
	rc = finish(app, rc, pat, argv[0], detail);
	free(detail);
	free(codes);
	return rc;
}

static int
verb_dx_list(int argc, char *argv[], struct app *app)
{
	return enc_read(app, argc, argv, "diagnoses", dx_list);
}

static int
verb_dx_remove(int argc, char *argv[], struct app *app)
{
	char		 detail[32];
	long long	 enc, pat = 0;
	int		 rc, ndx, pos = 0;

	if (argc != 2)
		return EX_USAGE;
	if ((rc = enc_arg(argv[0], &enc)) != 0 ||
	    (rc = enc_write(app, enc, &pat, &ndx)) != 0)
		return rc;
	rc = dx_remove(app->db, enc, argv[1], &pos);
	snprintf(detail, sizeof(detail), "dx %d removed", pos);
	return finish(app, rc, pat, argv[0], detail);
}

/* --- procedures ---------------------------------------------------------- */

static const struct opt proc_add_opts[] = {
	{ "mod", 'm', OPT_VALUE, "MOD[,MOD]", "up to 4 modifiers (25,59)",
	    COMP_NONE, NULL },
	{ "units", 'u', OPT_VALUE, "N", "units, 1 to 999 (default 1)",
	    COMP_NONE, NULL },
	{ "dx", 'd', OPT_VALUE, "N[,N]", "the diagnoses it treats, by "
	    "position (default 1)", COMP_NONE, NULL },
	OPT_END
};

static int
verb_proc_add(int argc, char *argv[], struct app *app)
{
	struct proc_line l = { 0 };
	const char	*why;
	char		 rec[32];
	long long	 enc, pat = 0, id = 0;
	int		 ch, rc = 0, ndx = 0;

	while (rc == 0 && (ch = app_opt(app)) > 0) {
		switch (ch) {
		case 'm': rc = proc_mods_parse(app->optarg, &l, &why); break;
		case 'u': rc = proc_units_parse(app->optarg, &l, &why); break;
		case 'd': rc = proc_ptrs_parse(app->optarg, &l, &why); break;
		}
		if (rc != 0)
			warnx("--%s %s: %s", app->optopt->name, app->optarg,
			    why);
	}
	if (rc != 0)
		return rc;
	if (argc != 2)
		return EX_USAGE;
	if ((rc = enc_arg(argv[0], &enc)) != 0)
		return rc;
	if ((rc = proc_code_parse(argv[1], &l, &why)) != 0) {
		warnx("'%s': %s", argv[1], why);
		return rc;
	}
	if ((rc = enc_write(app, enc, &pat, &ndx)) != 0)
		return rc;
	rc = proc_add(app->db, enc, ndx, &l, app->who.login, &id);
	snprintf(rec, sizeof(rec), "prc-%lld", id);
	return finish(app, rc, pat, rec, argv[0]);
}

static int
verb_proc_list(int argc, char *argv[], struct app *app)
{
	return enc_read(app, argc, argv, "procedures", proc_list);
}

static int
verb_proc_remove(int argc, char *argv[], struct app *app)
{
	long long	 enc, pat = 0, id;
	int		 rc, ndx;

	if (argc != 2)
		return EX_USAGE;
	if ((rc = enc_arg(argv[0], &enc)) != 0)
		return rc;
	if (rec_id_parse(argv[1], "prc", &id) == -1) {
		warnx("not a procedure line id '%s'", argv[1]);
		return EX_DATAERR;
	}
	if ((rc = enc_write(app, enc, &pat, &ndx)) != 0)
		return rc;
	rc = proc_remove(app->db, enc, id);
	return finish(app, rc, pat, argv[1], argv[0]);
}

static const struct verb verbs[] = {
	/* encounters and notes: lib/encounter.c */
	{ .name = "open", .fn = verb_open, .mode = DB_RW, .opts = open_opts,
	    .operand = COMP_PATIENT,
	    .usage = "PATIENT [--appt APT] [--provider PRV] [--type TYPE] [--at TIME]",
	    .summary = "open an encounter, from a checked-in appointment or not" },
	{ .name = "note", .fn = verb_note, .mode = DB_RW, .opts = note_opts,
	    .usage = "ENC [--template NAME] [--file FILE|-]",
	    .summary = "write the encounter's note in $VISUAL or $EDITOR, or from a file" },
	{ .name = "sign", .fn = verb_sign, .mode = DB_RW, .opts = no_opts,
	    .usage = "ENC",
	    .summary = "sign an encounter: its note, diagnoses, procedures and vitals become final" },
	{ .name = "addendum", .fn = verb_addendum, .mode = DB_RW,
	    .opts = addendum_opts,
	    .usage = "ENC [--file FILE|-]",
	    .summary = "add a signed addendum to a signed encounter" },
	{ .name = "show", .fn = verb_show, .mode = DB_RO, .opts = no_opts,
	    .usage = "ENC|PATIENT",
	    .summary = "print an encounter with its addenda, or a patient's chart" },
	{ .name = "list", .fn = verb_list, .mode = DB_RO, .opts = list_opts,
	    .operand = COMP_PATIENT,
	    .usage = "[PATIENT] [--provider PRV] [--unsigned] [--from DATE] [--to DATE]",
	    .summary = "list encounters" },
	{ .name = "history", .fn = not_built, .mode = DB_RO,
	    .usage = "PATIENT [--kind KIND] [--from DATE] [--to DATE]",
	    .summary = "a patient's clinical events in time order" },
	/* problems, diagnoses, procedures: lib/problem.c, lib/diagnosis.c,
	 * lib/procedure.c; writes are the provider's (CAP_CODING) */
	{ .name = "problem add", .fn = verb_problem_add, .mode = DB_RW,
	    .usage = "PATIENT CODE [--onset DATE] [--note TEXT]",
	    .summary = "put an ICD-10-CM code on the problem list",
	    .opts = problem_add_opts, .operand = COMP_PATIENT },
	{ .name = "problem list", .fn = verb_problem_list, .mode = DB_RO,
	    .usage = "PATIENT [--all]", .summary = "list active problems",
	    .opts = problem_list_opts, .operand = COMP_PATIENT },
	{ .name = "problem resolve", .fn = verb_problem_resolve, .mode = DB_RW,
	    .usage = "PATIENT CODE|PRB [--on DATE]",
	    .summary = "mark a problem resolved",
	    .opts = problem_resolve_opts, .operand = COMP_PATIENT },
	{ .name = "dx add", .fn = verb_dx_add, .mode = DB_RW,
	    .usage = "ENC CODE ... [--problem]",
	    .summary = "add billable diagnoses to an encounter, in claim order",
	    .opts = dx_add_opts },
	{ .name = "dx list", .fn = verb_dx_list, .mode = DB_RO, .usage = "ENC",
	    .summary = "list an encounter's diagnoses by position",
	    .opts = no_opts },
	{ .name = "dx remove", .fn = verb_dx_remove, .mode = DB_RW,
	    .usage = "ENC CODE", .summary = "remove a diagnosis from an unsigned encounter",
	    .opts = no_opts },
	{ .name = "proc add", .fn = verb_proc_add, .mode = DB_RW,
	    .usage = "ENC CODE [--mod MOD[,MOD]] [--units N] [--dx N[,N]]",
	    .summary = "add a CPT or HCPCS procedure line to an encounter",
	    .opts = proc_add_opts },
	{ .name = "proc list", .fn = verb_proc_list, .mode = DB_RO,
	    .usage = "ENC", .summary = "list an encounter's procedure lines",
	    .opts = no_opts },
	{ .name = "proc remove", .fn = verb_proc_remove, .mode = DB_RW,
	    .usage = "ENC PRC",
	    .summary = "remove a procedure line from an unsigned encounter",
	    .opts = no_opts },
	/* allergies and immunizations: lib/allergy.c, lib/immunization.c */
	{ .name = "allergy add", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT SUBSTANCE [--reaction TEXT] [--severity LEVEL] [--type TYPE] [--onset DATE] [--free-text]",
	    .summary = "record an allergy" },
	{ .name = "allergy none", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT", .summary = "record no known drug allergies" },
	{ .name = "allergy list", .fn = not_built, .mode = DB_RO,
	    .usage = "PATIENT", .summary = "list a patient's allergies" },
	{ .name = "allergy inactivate", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT ALG --reason TEXT",
	    .summary = "mark an allergy entered in error or disproved" },
	{ .name = "immunization add", .fn = not_built, .mode = DB_RW,
	    .usage = "PATIENT CVX [--date DATE] [--lot LOT] [--site SITE] [--route ROUTE]",
	    .summary = "record a vaccine given" },
	{ .name = "immunization list", .fn = not_built, .mode = DB_RO,
	    .usage = "PATIENT", .summary = "list a patient's immunizations" },
	/* vital signs: lib/vitals.c */
	{ .name = "vitals add", .fn = not_built, .mode = DB_RW,
	    .usage = "ENC [--bp S/D] [--hr N] [--rr N] [--temp T] [--spo2 N] [--weight W] [--height H] [--pain N] [--at TIME]",
	    .summary = "record vital signs, converted to SI with their LOINC codes" },
	{ .name = "vitals list", .fn = not_built, .mode = DB_RO,
	    .usage = "PATIENT [--loinc CODE]",
	    .summary = "list a patient's vital signs" },
};

static const struct prog prog = { "chart",
    "encounters, notes, problems, diagnoses, procedures, allergies, vitals",
    verbs, nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

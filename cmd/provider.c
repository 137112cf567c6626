/*
 * provider - the people who see patients (NPI, taxonomy, weekly hours,
 * days off), the visit types and the rooms and devices scheduling books,
 * and a check of the clinic's own billing identity
 *	provider add --name NAME --npi NPI --taxonomy CODE
 *	    [--credential CRED] [--login USER]
 *	provider list | show PROVIDER ...
 *	provider deactivate PROVIDER ... | activate PROVIDER ...
 *	provider edit PROVIDER [--name ...] [--npi ...] [--taxonomy ...] ...
 *	provider hours PROVIDER [DAYS RANGES]
 *	provider off PROVIDER [DATE [--to DATE] [--reason TEXT | --remove]]
 *	provider visit-type add NAME LENGTH | list | retire NAME | restore NAME
 *	provider resource add NAME --kind room|device | list | retire NAME |
 *	    restore NAME
 *	provider clinic
 * A PROVIDER is a prv- id or an NPI.  Changes are for admins and audited;
 * none of this is PHI, so every active user may read it, unaudited.
 * Finding a provider, the tail of each write, and hours' and off's
 * arguments and transactions are lib/prvrun.c's.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "hours.h"
#include "provider.h"
#include "prvrun.h"
#include "rec.h"
#include "util.h"

/* A write failed (said): undo it, pass its code on. */
static int
fail(struct app *app, int rc)
{
	app_rollback(app);
	return rc;
}

/* Long-only options' keys: past any letter. */
enum { O_NPI = 256, O_TAXONOMY, O_CRED, O_LOGIN, O_REMOVE };

/* add's and edit's fields, in the order edit's audit row names them */
static const struct opt field_opts[] = {
	{ "name", 'n', OPT_VALUE, "NAME", "the provider's full name",
	    COMP_NONE, NULL },
	{ "npi", O_NPI, OPT_VALUE, "NPI", "the individual NPI, 10 digits",
	    COMP_NONE, NULL },
	{ "taxonomy", O_TAXONOMY, OPT_VALUE, "CODE",
	    "the taxonomy code, such as 207Q00000X", COMP_NONE, NULL },
	{ "credential", O_CRED, OPT_VALUE, "CRED", "the credential, such as MD",
	    COMP_NONE, NULL },
	{ "login", O_LOGIN, OPT_VALUE, "USER",
	    "the clinix user who is this provider", COMP_NONE, NULL },
	OPT_END
};

/* Read add's and edit's options. */
static void
read_fields(struct app *app, struct prv_fields *f)
{
	int k;

	while ((k = app_opt(app)) > 0)
		switch (k) {
		case 'n': f->name = app->optarg; break;
		case O_NPI: f->npi = app->optarg; break;
		case O_TAXONOMY: f->taxonomy = app->optarg; break;
		case O_CRED: f->cred = app->optarg; break;
		case O_LOGIN: f->login = app->optarg; break;
		}
}

static int
verb_add(int argc, char *argv[], struct app *app)
{
	struct prv_fields	 f = { 0 };
	long long		 id;
	int			 rc;

	read_fields(app, &f);
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if (f.name == NULL || f.npi == NULL || f.taxonomy == NULL) {
		warnx("give --%s", f.name == NULL ? "name" : f.npi == NULL ?
		    "npi" : "taxonomy");
		return EX_USAGE;
	}
	if ((rc = prv_check(&f)) != 0 || (rc = prvrun_open(app)) != 0)
		return rc;
	if ((rc = prv_add(app->db, &f, &id)) != 0)
		return fail(app, rc);
	return prvrun_finish(app, "prv", id, f.npi);
}

static int
verb_edit(int argc, char *argv[], struct app *app)
{
	struct prv_fields	 f = { 0 };
	struct buf		 what = { 0 };
	long long		 id;
	int			 rc;

	read_fields(app, &f);
	if (argc != 1) {
		warnx("give one provider");
		return EX_USAGE;
	}
	if (!f.name && !f.npi && !f.taxonomy && !f.cred && !f.login) {
		warnx("nothing to change: give --name, --npi, --taxonomy, "
		    "--credential or --login");
		return EX_USAGE;
	}
	if ((rc = prv_check(&f)) != 0 || (rc = prvrun_open(app)) != 0)
		return rc;
	if ((rc = prvrun_find(app, argv[0], &id, NULL)) != 0 ||
	    (rc = prv_edit(app->db, id, &f)) != 0)
		return fail(app, rc);
	/* the audit row says which fields changed, not to what */
	for (size_t i = 0; i < 5; i++) {
		const char *v[] = { f.name, f.npi, f.taxonomy, f.cred,
		    f.login };

		if (v[i] == NULL)
			continue;
		if (what.len)
			buf_addc(&what, ',');
		buf_adds(&what, field_opts[i].name);
	}
	rc = prvrun_finish(app, "prv", id, what.s);
	buf_free(&what);
	return rc;
}

static int
verb_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_none(argc, argv)) != 0 || (rc = app_open(app)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, prv_list(app->db), NULL,
	    NULL));
}

static int
show_one(const char *key, void *arg)
{
	struct app	*app = arg;
	long long	 id;
	int		 rc;

	if ((rc = prvrun_find(app, key, &id, NULL)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, prv_show(app->db, id), NULL,
	    NULL));
}

static int
verb_show(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_open(app)) != 0)
		return rc;
	return rec_each(argc, argv, show_one, app);
}

/*
 * Set one provider active (activate) or not (deactivate).  One already
 * so is said and left alone, unaudited, and is no error: the provider
 * ends up as asked, so a rerun of the same list succeeds.
 */
static int
set_active(struct app *app, const char *key, int to)
{
	long long	 id;
	int		 active, rc;

	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = prvrun_find(app, key, &id, &active)) != 0)
		return fail(app, rc);
	if (active == to) {
		warnx("prv-%lld is already %s", id, to ? "active" :
		    "deactivated");
		app_rollback(app);
		return 0;
	}
	if ((rc = prv_set_active(app->db, id, to)) != 0)
		return fail(app, rc);
	return prvrun_finish(app, "prv", id, NULL);
}

static int
deactivate_one(const char *key, void *arg)
{
	return set_active(arg, key, 0);
}

static int
activate_one(const char *key, void *arg)
{
	return set_active(arg, key, 1);
}

static int
each_provider(int argc, char *argv[], struct app *app,
    int (*fn)(const char *, void *))
{
	int rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_SETUP)))
		return rc;
	return rec_each(argc, argv, fn, app);
}

static int
verb_deactivate(int argc, char *argv[], struct app *app)
{
	return each_provider(argc, argv, app, deactivate_one);
}

static int
verb_activate(int argc, char *argv[], struct app *app)
{
	return each_provider(argc, argv, app, activate_one);
}

/* List one provider's weekly hours (hours) or days off (!hours). */
static int
list_of(struct app *app, const char *key, int hours)
{
	long long	 id;
	int		 rc;

	if ((rc = app_open(app)) != 0 || (rc = prvrun_find(app, key, &id, NULL)))
		return rc;
	return app_listed(out_stmt(app->out, hours ?
	    prv_hours_list(app->db, id) : prv_off_list(app->db, id), NULL,
	    NULL));
}

static int
verb_hours(int argc, char *argv[], struct app *app)
{
	if (argc == 1)
		return list_of(app, argv[0], 1);
	if (argc != 3) {
		warnx(argc == 2 ? "give the hours, or 'off'" :
		    "give a provider, days and hours");
		return EX_USAGE;
	}
	return prvrun_hours(app, argv[0], argv[1], argv[2]);
}

static const struct opt off_opts[] = {
	{ "to", 't', OPT_VALUE, "DATE", "the last day (default: the first)",
	    COMP_DATE, NULL },
	{ "reason", 'r', OPT_VALUE, "TEXT", "why the provider is off",
	    COMP_NONE, NULL },
	{ "remove", O_REMOVE, OPT_FLAG, NULL,
	    "remove days off instead of adding", COMP_NONE, NULL },
	OPT_END
};

static int
verb_off(int argc, char *argv[], struct app *app)
{
	const char	*to = NULL, *reason = NULL;
	int		 k, remove = 0;

	while ((k = app_opt(app)) > 0)
		switch (k) {
		case 't': to = app->optarg; break;
		case 'r': reason = app->optarg; break;
		case O_REMOVE: remove = 1; break;
		}
	if (argc == 1 && to == NULL && reason == NULL && !remove)
		return list_of(app, argv[0], 0);
	if (argc != 2) {
		warnx(argc != 1 ? "give a provider and a day" : remove ?
		    "give the first day to remove" : "give the first day off");
		return EX_USAGE;
	}
	if (remove && reason) {
		warnx("--reason is for adding a day off, not --remove");
		return EX_USAGE;
	}
	return prvrun_off(app, argv[0], argv[1], to, reason, remove);
}

static int
verb_vt_add(int argc, char *argv[], struct app *app)
{
	const char	*why;
	char		 detail[32];
	long long	 id;
	int		 min, rc;

	if (argc != 2) {
		warnx("give a name and a length");
		return EX_USAGE;
	}
	if ((why = prv_bad_name(argv[0])) != NULL) {
		warnx("name: %s", why);
		return EX_DATAERR;
	}
	if (visit_length_parse(argv[1], &min, &why) != 0) {
		warnx("length '%s': %s", argv[1], why);
		return EX_DATAERR;
	}
	if ((rc = prvrun_open(app)) != 0)
		return rc;
	if ((rc = vtype_add(app->db, argv[0], min, &id)) != 0)
		return fail(app, rc);
	snprintf(detail, sizeof(detail), "%d min", min);
	return prvrun_finish(app, "vt", id, detail);
}

static int
verb_vt_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_none(argc, argv)) != 0 || (rc = app_open(app)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, vtype_list(app->db), NULL,
	    NULL));
}

static const struct opt res_add_opts[] = {
	{ "kind", 'k', OPT_VALUE, "KIND", "room or device", COMP_WORDS,
	    "room device" },
	OPT_END
};

static int
verb_res_add(int argc, char *argv[], struct app *app)
{
	const char	*kind = NULL, *why;
	long long	 id;
	int		 rc;

	while (app_opt(app) == 'k')
		kind = app->optarg;
	if (argc != 1 || kind == NULL) {
		warnx(argc != 1 ? "give one name" : "give a --kind");
		return EX_USAGE;
	}
	if (strcmp(kind, "room") != 0 && strcmp(kind, "device") != 0) {
		warnx("unknown kind '%s' (room, device)", kind);
		return EX_USAGE;
	}
	if ((why = prv_bad_name(argv[0])) != NULL) {
		warnx("name: %s", why);
		return EX_DATAERR;
	}
	if ((rc = prvrun_open(app)) != 0)
		return rc;
	if ((rc = resource_add(app->db, argv[0], kind, &id)) != 0)
		return fail(app, rc);
	return prvrun_finish(app, "res", id, kind);
}

static int
verb_res_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_none(argc, argv)) != 0 || (rc = app_open(app)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, resource_list(app->db), NULL,
	    NULL));
}

/*
 * Retire (to 0) or restore (to 1) the visit type or resource named, by
 * name or by its vt-/res- id.  Retired ones stay on the appointments that
 * have them, booked visits included; scheduling just stops offering them.
 * One already so is said and left alone, unaudited, with 0, as for
 * activate.
 */
static int
set_named_active(int argc, char *argv[], struct app *app, int vt, int to)
{
	const char	*kind = vt ? "visit type" : "resource";
	const char	*prefix = vt ? "vt" : "res";
	long long	 id;
	int		 active = 0, rc;

	if (argc != 1) {
		warnx("give one name");
		return EX_USAGE;
	}
	if ((rc = prvrun_open(app)) != 0)
		return rc;
	rc = vt ? vtype_find(app->db, argv[0], &id, NULL, &active) :
	    resource_find(app->db, argv[0], &id, &active);
	if (rc == EX_DATAERR)
		warnx("no %s '%s' (see provider %s list)", kind, argv[0],
		    vt ? "visit-type" : "resource");
	if (rc != 0)
		return fail(app, rc);
	if (active == to) {
		warnx("%s %s-%lld is %s", kind, prefix, id, to ?
		    "not retired" : "already retired");
		app_rollback(app);
		return 0;
	}
	rc = vt ? vtype_set_active(app->db, id, to) :
	    resource_set_active(app->db, id, to);
	if (rc != 0)
		return fail(app, rc);
	return prvrun_finish(app, prefix, id, NULL);
}

static int
verb_vt_retire(int argc, char *argv[], struct app *app)
{
	return set_named_active(argc, argv, app, 1, 0);
}

static int
verb_vt_restore(int argc, char *argv[], struct app *app)
{
	return set_named_active(argc, argv, app, 1, 1);
}

static int
verb_res_retire(int argc, char *argv[], struct app *app)
{
	return set_named_active(argc, argv, app, 0, 0);
}

static int
verb_res_restore(int argc, char *argv[], struct app *app)
{
	return set_named_active(argc, argv, app, 0, 1);
}

/*
 * The clinic's billing identity, as claims will carry it: print it, then
 * say what is wrong with it.  78 (as for any bad config) when anything is.
 */
static int
verb_clinic(int argc, char *argv[], struct app *app)
{
	struct prv_clinic	 c;
	int			 rc;

	if ((rc = app_none(argc, argv)) != 0 || (rc = app_open(app)) != 0)
		return rc;
	rc = prv_clinic(app->cfg, &c);
	out_cols(app->out, PRV_CLINIC_NCOLS, prv_clinic_cols);
	out_text_row(app->out, c.v);
	return rc;
}

static const struct opt no_opts[] = { OPT_END };

/*
 * activate and restore complete nothing: completion offers only the
 * active providers, visit types and rooms, the ones they do not take.
 */
/* What completes where, in hours' and off's operands */
static const struct opt hours_args[] = {
	{ "PROVIDER", 0, OPT_VALUE, NULL, NULL, COMP_PROVIDER, NULL },
	{ "DAYS", 0, OPT_VALUE, NULL, NULL, COMP_WORDS,
	    "mon tue wed thu fri sat sun mon-fri mon-sat sat-sun" },
	{ "RANGES", 0, OPT_VALUE, NULL, NULL, COMP_WORDS,
	    "off 09:00-17:00 08:00-12:00,13:00-17:00" },
	OPT_END
};
static const struct opt off_args[] = {
	{ "PROVIDER", 0, OPT_VALUE, NULL, NULL, COMP_PROVIDER, NULL },
	{ "DATE", 0, OPT_VALUE, NULL, NULL, COMP_DATE, NULL },
	OPT_END
};

static const struct verb verbs[] = {
	{ .name = "add", .fn = verb_add, .mode = DB_RW, .usage = "--name NAME "
	    "--npi NPI --taxonomy CODE [--credential CRED] [--login USER]",
	    .summary = "add a provider", .opts = field_opts },
	{ .name = "list", .fn = verb_list, .mode = DB_RO, .usage = "",
	    .summary = "list providers", .opts = no_opts },
	{ .name = "show", .fn = verb_show, .mode = DB_RO,
	    .usage = "PROVIDER ...", .summary = "one provider's record",
	    .opts = no_opts, .operand = COMP_PROVIDER },
	{ .name = "edit", .fn = verb_edit, .mode = DB_RW, .usage = "PROVIDER "
	    "[--name NAME] [--npi NPI] [--taxonomy CODE] [--credential CRED] "
	    "[--login USER]", .summary = "change a provider",
	    .opts = field_opts, .operand = COMP_PROVIDER },
	{ .name = "deactivate", .fn = verb_deactivate, .mode = DB_RW,
	    .usage = "PROVIDER ...",
	    .summary = "stop offering a provider for new visits",
	    .opts = no_opts, .operand = COMP_PROVIDER },
	{ .name = "activate", .fn = verb_activate, .mode = DB_RW,
	    .usage = "PROVIDER ...",
	    .summary = "offer a deactivated provider for new visits again",
	    .opts = no_opts },
	{ .name = "hours", .fn = verb_hours, .mode = DB_RW,
	    .usage = "PROVIDER [DAYS RANGES]", .summary = "list, or set for "
	    "some weekdays, a provider's weekly hours", .opts = no_opts,
	    .operand = COMP_PROVIDER, .args = hours_args },
	{ .name = "off", .fn = verb_off, .mode = DB_RW,
	    .usage = "PROVIDER [DATE [--to DATE] [--reason TEXT | --remove]]",
	    .summary = "list, add or remove a provider's days off",
	    .opts = off_opts, .operand = COMP_PROVIDER, .args = off_args },
	{ .name = "visit-type add", .fn = verb_vt_add, .mode = DB_RW,
	    .usage = "NAME LENGTH",
	    .summary = "add a visit type and its default length",
	    .opts = no_opts },
	{ .name = "visit-type list", .fn = verb_vt_list, .mode = DB_RO,
	    .usage = "", .summary = "list visit types", .opts = no_opts },
	{ .name = "visit-type retire", .fn = verb_vt_retire, .mode = DB_RW,
	    .usage = "NAME",
	    .summary = "stop offering a visit type for new visits",
	    .opts = no_opts, .operand = COMP_VISIT_TYPE },
	{ .name = "visit-type restore", .fn = verb_vt_restore, .mode = DB_RW,
	    .usage = "NAME", .summary = "offer a retired visit type again",
	    .opts = no_opts },
	{ .name = "resource add", .fn = verb_res_add, .mode = DB_RW,
	    .usage = "NAME --kind room|device",
	    .summary = "add a room or a device", .opts = res_add_opts },
	{ .name = "resource list", .fn = verb_res_list, .mode = DB_RO,
	    .usage = "", .summary = "list rooms and devices",
	    .opts = no_opts },
	{ .name = "resource retire", .fn = verb_res_retire, .mode = DB_RW,
	    .usage = "NAME",
	    .summary = "stop offering a room or device for new visits",
	    .opts = no_opts, .operand = COMP_RESOURCE },
	{ .name = "resource restore", .fn = verb_res_restore, .mode = DB_RW,
	    .usage = "NAME", .summary = "offer a retired room or device again",
	    .opts = no_opts },
	{ .name = "clinic", .fn = verb_clinic, .mode = NO_DB, .usage = "",
	    .summary = "print and check the clinic's billing identity",
	    .opts = no_opts },
};

static const struct prog prog = { "provider",
    "providers, their hours, visit types, rooms and devices", verbs,
    nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

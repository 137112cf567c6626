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
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "app.h"
#include "date.h"
#include "hours.h"
#include "provider.h"
#include "rec.h"
#include "util.h"

/*
 * A provider by prv- id or NPI: 0 with *id (and *active, if wanted) set,
 * or 65, said, if none.
 */
static int
find_state(struct app *app, const char *key, long long *id, int *active)
{
	int rc = prv_find(app->db, key, id, active);

	if (rc == EX_DATAERR)
		warnx(rec_is_id(key) && strncmp(key, "prv-", 4) != 0 ?
		    "not a provider id '%s'" : "no provider '%s'", key);
	return rc;
}

static int
find(struct app *app, const char *key, long long *id)
{
	return find_state(app, key, id, NULL);
}

/* Log the change to rec, commit, print rec: the tail of every write. */
static int
finish(struct app *app, const char *rec, const char *detail)
{
	int rc;

	if ((rc = app_log(app, 0, rec, detail)) != 0 ||
	    (rc = app_commit(app)) != 0) {
		app_rollback(app);
		return rc;
	}
	printf("%s\n", rec);
	return 0;
}

/* finish for the row prefix-id: "prv-3", "vt-2". */
static int
finish_id(struct app *app, const char *prefix, long long id,
    const char *detail)
{
	char rec[32];

	snprintf(rec, sizeof(rec), "%s-%lld", prefix, id);
	return finish(app, rec, detail);
}

/* A write failed (said): undo it, pass its code on. */
static int
fail(struct app *app, int rc)
{
	app_rollback(app);
	return rc;
}

/* Open the database for a change: config, db, identity, CAP_SETUP. */
static int
open_setup(struct app *app)
{
	int rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, CAP_SETUP)))
		return rc;
	return app_begin(app);
}

static const struct option prv_opts[] = {
	{ "name",	required_argument, NULL, 'n' },
	{ "npi",	required_argument, NULL, 'N' },
	{ "taxonomy",	required_argument, NULL, 'T' },
	{ "credential",	required_argument, NULL, 'C' },
	{ "login",	required_argument, NULL, 'L' },
	{ NULL, 0, NULL, 0 }
};

/* Parse add's and edit's options; the positional arguments are left. */
static int
parse_fields(int *argc, char **argv[], struct prv_fields *f)
{
	int ch;

	while ((ch = getopt_long(*argc, *argv, "n:", prv_opts, NULL)) != -1)
		switch (ch) {
		case 'n': f->name = optarg; break;
		case 'N': f->npi = optarg; break;
		case 'T': f->taxonomy = optarg; break;
		case 'C': f->cred = optarg; break;
		case 'L': f->login = optarg; break;
		default: return EX_USAGE;
		}
	*argc -= optind;
	*argv += optind;
	return 0;
}

static int
verb_add(int argc, char *argv[], struct app *app)
{
	struct prv_fields	 f = { 0 };
	long long		 id;
	int			 rc;

	if ((rc = parse_fields(&argc, &argv, &f)) != 0)
		return rc;
	if (argc != 0) {
		warnx("unexpected argument '%s'", argv[0]);
		return EX_USAGE;
	}
	if (f.name == NULL || f.npi == NULL || f.taxonomy == NULL) {
		warnx("give --%s", f.name == NULL ? "name" : f.npi == NULL ?
		    "npi" : "taxonomy");
		return EX_USAGE;
	}
	if ((rc = prv_check(&f)) != 0 || (rc = open_setup(app)) != 0)
		return rc;
	if ((rc = prv_add(app->db, &f, &id)) != 0)
		return fail(app, rc);
	return finish_id(app, "prv", id, f.npi);
}

static int
verb_edit(int argc, char *argv[], struct app *app)
{
	struct prv_fields	 f = { 0 };
	struct buf		 what = { 0 };
	long long		 id;
	int			 rc;

	if ((rc = parse_fields(&argc, &argv, &f)) != 0)
		return rc;
	if (argc != 1) {
		warnx("give one provider");
		return EX_USAGE;
	}
	if (!f.name && !f.npi && !f.taxonomy && !f.cred && !f.login) {
		warnx("nothing to change: give --name, --npi, --taxonomy, "
		    "--credential or --login");
		return EX_USAGE;
	}
	if ((rc = prv_check(&f)) != 0 || (rc = open_setup(app)) != 0)
		return rc;
	if ((rc = find(app, argv[0], &id)) != 0 ||
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
		buf_adds(&what, prv_opts[i].name);
	}
	rc = finish_id(app, "prv", id, what.s);
	buf_free(&what);
	return rc;
}

static int
verb_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0)
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

	if ((rc = find(app, key, &id)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, prv_show(app->db, id), NULL,
	    NULL));
}

static int
verb_show(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_nooptions(argc, argv)) != 0 ||
	    (rc = app_open(app)) != 0)
		return rc;
	return rec_each(argc - optind, argv + optind, show_one, app);
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
	if ((rc = find_state(app, key, &id, &active)) != 0)
		return fail(app, rc);
	if (active == to) {
		warnx("prv-%lld is already %s", id, to ? "active" :
		    "deactivated");
		app_rollback(app);
		return 0;
	}
	if ((rc = prv_set_active(app->db, id, to)) != 0)
		return fail(app, rc);
	return finish_id(app, "prv", id, NULL);
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

	if ((rc = app_nooptions(argc, argv)) != 0 ||
	    (rc = app_open(app)) != 0 || (rc = app_require(app, CAP_SETUP)))
		return rc;
	return rec_each(argc - optind, argv + optind, fn, app);
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

	if ((rc = app_open(app)) != 0 || (rc = find(app, key, &id)))
		return rc;
	return app_listed(out_stmt(app->out, hours ?
	    prv_hours_list(app->db, id) : prv_off_list(app->db, id), NULL,
	    NULL));
}

static int
verb_hours(int argc, char *argv[], struct app *app)
{
	struct hours_range	 r[HOURS_MAX_RANGES];
	struct buf		 why = { 0 };
	unsigned		 days;
	long long		 id;
	char			*detail;
	int			 n, rc;

	if ((rc = app_nooptions(argc, argv)) != 0)
		return rc;
	argc -= optind;
	argv += optind;
	if (argc == 1)
		return list_of(app, argv[0], 1);
	if (argc != 3) {
		warnx(argc == 2 ? "give the hours, or 'off'" :
		    "give a provider, days and hours");
		return EX_USAGE;
	}
	if (hours_days(argv[1], &days) == -1) {
		warnx("days: '%s' is not like mon, mon-fri or mon,wed,fri",
		    argv[1]);
		return EX_DATAERR;
	}
	if ((n = hours_ranges(argv[2], r, &why)) < 0) {
		warnx("%s", why.s);
		buf_free(&why);
		return EX_DATAERR;
	}
	if ((rc = open_setup(app)) != 0)
		return rc;
	if ((rc = find(app, argv[0], &id)) != 0 ||
	    (rc = prv_hours_set(app->db, id, days, r, n)) != 0)
		return fail(app, rc);
	detail = xasprintf("%s %s", argv[1], n ? argv[2] : "off");
	rc = finish_id(app, "prv", id, detail);
	free(detail);
	return rc;
}

/*
 * Give days back (see prv_off_remove): audit each changed day off, what
 * was removed and what is left, and print its id once all is committed.
 */
static int
off_remove(struct app *app, long long prv, const char *from, const char *to)
{
	struct prv_off_change	*c;
	struct buf		 out = { 0 };
	size_t			 n;
	char			 rec[32], *detail;
	int			 rc;

	if ((rc = prv_off_remove(app->db, prv, from, to, &c, &n)) != 0)
		return fail(app, rc);
	for (size_t i = 0; i < n && rc == 0; i++) {
		snprintf(rec, sizeof(rec), "off-%lld", c[i].id);
		detail = xasprintf("prv-%lld removed %s..%s, left %s", prv,
		    from, to, c[i].left);
		rc = app_log(app, 0, rec, detail);
		free(detail);
		buf_printf(&out, "off-%lld\n", c[i].id);
		if (c[i].half)
			buf_printf(&out, "off-%lld\n", c[i].half);
	}
	free(c);
	if (rc == 0 && (rc = app_commit(app)) == 0)
		fputs(out.s, stdout);
	else
		app_rollback(app);
	buf_free(&out);
	return rc;
}

static int
verb_off(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "to",     required_argument, NULL, 't' },
		{ "reason", required_argument, NULL, 'r' },
		{ "remove", no_argument,       NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*to = NULL, *reason = NULL, *why, *bad;
	char		 from_day[DATE_LEN], to_day[DATE_LEN], *detail;
	long long	 id, off;
	int		 ch, rc, remove = 0;

	while ((ch = getopt_long(argc, argv, "t:r:", longopts, NULL)) != -1)
		switch (ch) {
		case 't': to = optarg; break;
		case 'r': reason = optarg; break;
		case 'x': remove = 1; break;
		default: return EX_USAGE;
		}
	argc -= optind;
	argv += optind;
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
	if (reason && (why = prv_bad_name(reason)) != NULL) {
		warnx("reason: %s", why);
		return EX_DATAERR;
	}
	/* after app_open: "today" and "+3d" are in the clinic's zone */
	if ((rc = open_setup(app)) != 0)
		return rc;
	if ((bad = argv[1], date_parse_day(bad, from_day) == -1) ||
	    (bad = to, to && date_parse_day(to, to_day) == -1)) {
		warnx("date: '%s' is not a day like 2026-12-24, today or +3d",
		    bad);
		return fail(app, EX_DATAERR);
	}
	if (to == NULL)
		memcpy(to_day, from_day, DATE_LEN);
	if (strcmp(to_day, from_day) < 0) {
		warnx("--to %s is before %s", to_day, from_day);
		return fail(app, EX_DATAERR);
	}
	if ((rc = find(app, argv[0], &id)) != 0)
		return fail(app, rc);
	if (remove)
		return off_remove(app, id, from_day, to_day);
	if ((rc = prv_off_add(app->db, id, from_day, to_day, reason,
	    &off)) != 0)
		return fail(app, rc);
	/* the reason may say more about a person than the audit needs */
	detail = xasprintf("prv-%lld %s..%s", id, from_day, to_day);
	rc = finish_id(app, "off", off, detail);
	free(detail);
	return rc;
}

static int
verb_vt_add(int argc, char *argv[], struct app *app)
{
	const char	*why;
	char		 detail[32];
	long long	 id;
	int		 min, rc;

	if ((rc = app_nooptions(argc, argv)) != 0)
		return rc;
	argc -= optind;
	argv += optind;
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
	if ((rc = open_setup(app)) != 0)
		return rc;
	if ((rc = vtype_add(app->db, argv[0], min, &id)) != 0)
		return fail(app, rc);
	snprintf(detail, sizeof(detail), "%d min", min);
	return finish_id(app, "vt", id, detail);
}

static int
verb_vt_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0)
		return rc;
	return app_listed(out_stmt(app->out, vtype_list(app->db), NULL,
	    NULL));
}

static int
verb_res_add(int argc, char *argv[], struct app *app)
{
	static const struct option longopts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*kind = NULL, *why;
	long long	 id;
	int		 ch, rc;

	while ((ch = getopt_long(argc, argv, "k:", longopts, NULL)) != -1)
		switch (ch) {
		case 'k': kind = optarg; break;
		default: return EX_USAGE;
		}
	argc -= optind;
	argv += optind;
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
	if ((rc = open_setup(app)) != 0)
		return rc;
	if ((rc = resource_add(app->db, argv[0], kind, &id)) != 0)
		return fail(app, rc);
	return finish_id(app, "res", id, kind);
}

static int
verb_res_list(int argc, char *argv[], struct app *app)
{
	int rc;

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0)
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

	if ((rc = app_nooptions(argc, argv)) != 0)
		return rc;
	argc -= optind;
	argv += optind;
	if (argc != 1) {
		warnx("give one name");
		return EX_USAGE;
	}
	if ((rc = open_setup(app)) != 0)
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
	return finish_id(app, prefix, id, NULL);
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

	if ((rc = app_noargs(argc, argv)) != 0 || (rc = app_open(app)) != 0)
		return rc;
	rc = prv_clinic(app->cfg, &c);
	out_cols(app->out, PRV_CLINIC_NCOLS, prv_clinic_cols);
	out_text_row(app->out, c.v);
	return rc;
}

static const struct verb verbs[] = {
	{ "add", verb_add, DB_RW, "--name NAME --npi NPI --taxonomy CODE "
	    "[--credential CRED] [--login USER]", "add a provider" },
	{ "list", verb_list, DB_RO, "", "list providers" },
	{ "show", verb_show, DB_RO, "PROVIDER ...", "one provider's record" },
	{ "edit", verb_edit, DB_RW, "PROVIDER [--name NAME] [--npi NPI] "
	    "[--taxonomy CODE] [--credential CRED] [--login USER]",
	    "change a provider" },
	{ "deactivate", verb_deactivate, DB_RW, "PROVIDER ...",
	    "stop offering a provider for new visits" },
	{ "activate", verb_activate, DB_RW, "PROVIDER ...",
	    "offer a deactivated provider for new visits again" },
	{ "hours", verb_hours, DB_RW, "PROVIDER [DAYS RANGES]",
	    "list, or set for some weekdays, a provider's weekly hours" },
	{ "off", verb_off, DB_RW,
	    "PROVIDER [DATE [--to DATE] [--reason TEXT | --remove]]",
	    "list, add or remove a provider's days off" },
	{ "visit-type add", verb_vt_add, DB_RW, "NAME LENGTH",
	    "add a visit type and its default length" },
	{ "visit-type list", verb_vt_list, DB_RO, "", "list visit types" },
	{ "visit-type retire", verb_vt_retire, DB_RW, "NAME",
	    "stop offering a visit type for new visits" },
	{ "visit-type restore", verb_vt_restore, DB_RW, "NAME",
	    "offer a retired visit type again" },
	{ "resource add", verb_res_add, DB_RW, "NAME --kind room|device",
	    "add a room or a device" },
	{ "resource list", verb_res_list, DB_RO, "", "list rooms and devices" },
	{ "resource retire", verb_res_retire, DB_RW, "NAME",
	    "stop offering a room or device for new visits" },
	{ "resource restore", verb_res_restore, DB_RW, "NAME",
	    "offer a retired room or device again" },
	{ "clinic", verb_clinic, NO_DB, "",
	    "print and check the clinic's billing identity" },
};

static const struct prog prog = { "provider",
    "providers, their hours, visit types, rooms and devices", verbs,
    nitems(verbs) };

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}

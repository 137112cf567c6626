/*
 * clinix - the dispatcher, and setting up a new clinic
 *	clinix help | version
 *	clinix init [--system] [--clinic-name NAME] [--phone PHONE] ...
 *	clinix config set|get|list [--system] ...	edit clinix.yaml in place
 *	clinix CMD [ARGS ...]	runs program CMD, the way git runs its tools
 * What init and config set do is lib/clinic.c's.
 * Programs live in libexec/clinix/ beside an installed bin/clinix, or in
 * the same bin/ as clinix in the build tree.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "cfg.h"
#include "clinic.h"
#include "util.h"

static const struct {
	const char	*name;
	const char	*summary;
} programs[] = {
	{ "db",		"migrate, back up, restore, verify and query the database" },
	{ "user",	"users and roles (admin only)" },
	{ "audit",	"read and verify the audit trail" },
	{ "patient",	"the patient register" },
	{ "provider",	"providers, their hours, visit types and resources" },
	{ "code",	"ICD-10-CM and HCPCS code sets" },
	{ "sched",	"the calendar: booking, free slots, check-in, waitlist" },
	{ "remind",	"appointment and recall reminders by email and SMS" },
	{ "chart",	"encounters, notes, problems, diagnoses, allergies, vitals" },
	{ "pay",	"the ledger: fees, charges, payments, balances" },
	{ "claim",	"insurance claims: 837P out, acknowledgments and 835 in" },
};

/* Where CMD's executable is, or NULL. */
static char *
program_path(const char *cmd)
{
	char	*dir = exe_dir(), *p;

	if (dir == NULL)
		return NULL;
	p = xasprintf("%s/../libexec/clinix/%s", dir, cmd);
	if (access(p, X_OK) != 0) {
		free(p);
		p = xasprintf("%s/%s", dir, cmd);
		if (strcmp(cmd, "clinix") == 0 || access(p, X_OK) != 0) {
			free(p);
			p = NULL;
		}
	}
	free(dir);
	return p;
}

static int
verb_help(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "program", "summary" };
	char *p;

	(void)argc;
	(void)argv;
	out_cols(app->out, 2, cols);
	out_text_row(app->out, (const char *[]){ "clinix",
	    "dispatcher; clinix init sets up a clinic" });
	for (size_t i = 0; i < nitems(programs); i++)
		if ((p = program_path(programs[i].name)) != NULL) {
			out_text_row(app->out, (const char *[]){
			    programs[i].name, programs[i].summary });
			free(p);
		}
	return 0;
}

static int
verb_version(int argc, char *argv[], struct app *app)
{
	(void)argc;
	(void)argv;
	(void)app;
	printf("clinix (clinix) %s\n", CLINIX_VERSION);
	return 0;
}

/* init's options: a key of clinix.yaml is 256 + its enum clinic_key. */
#define K_SYSTEM	300
#define INIT_OPT(i, name, meta, help) \
	{ name, 256 + (i), OPT_VALUE, meta, help, COMP_NONE, NULL }
static const struct opt init_opts[] = {
	{ "system", K_SYSTEM, OPT_FLAG, NULL,
	    "the shared clinic, for every user of the group", COMP_NONE, NULL },
	INIT_OPT(CK_COUNTRY, "country", "CC", "ISO country code (US)"),
	{ "clinic-name", 'n', OPT_VALUE, "NAME", "the clinic's name",
	    COMP_NONE, NULL },
	INIT_OPT(CK_NPI, "npi", "NPI", "the clinic's National Provider Identifier"),
	INIT_OPT(CK_TAX_ID, "tax-id", "EIN", "the clinic's tax id"),
	INIT_OPT(CK_PHONE, "phone", "PHONE", "the clinic's phone number"),
	INIT_OPT(CK_ADDRESS1, "address1", "TEXT", "street address"),
	INIT_OPT(CK_ADDRESS1, "address", "TEXT", NULL),	/* hidden: --address1 */
	INIT_OPT(CK_ADDRESS2, "address2", "TEXT", "suite, floor"),
	INIT_OPT(CK_CITY, "city", "CITY", "city"),
	INIT_OPT(CK_STATE, "state", "ST", "state"),
	INIT_OPT(CK_ZIP, "zip", "ZIP", "ZIP code"),
	{ "timezone", 'z', OPT_VALUE, "ZONE",
	    "the clinic's time zone (America/Chicago)", COMP_NONE, NULL },
	INIT_OPT(CK_EMAIL_FROM, "email-from", "ADDRESS",
	    "the From: of reminder email"),
	OPT_END
};

static int
verb_init(int argc, char *argv[], struct app *app)
{
	const char		*vals[CK_NKEYS] = { NULL };
	struct clinic_made	 made;
	int			 ch, rc, sys = 0;

	while ((ch = app_opt(app)) > 0)
		switch (ch) {
		case 'n': vals[CK_NAME] = app->optarg; break;
		case 'z': vals[CK_TIMEZONE] = app->optarg; break;
		case K_SYSTEM: sys = 1; break;
		default:	/* another key of clinix.yaml */
			vals[ch - 256] = app->optarg;
			break;
		}
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if ((rc = clinic_init(app, vals, sys, &made)) != 0)
		return rc;
	printf("config\t%s\nkey\t%s\ndatabase\t%s\nadmin\t%s\t%s\n",
	    app->cfg->path, app->cfg->key_file, made.db, made.rec,
	    app->who.login);
	clinic_made_free(&made);
	return 0;
}

static const struct opt config_opts_tab[] = {
	{ "system", K_SYSTEM, OPT_FLAG, NULL,
	    "the shared clinic's config, not your own", COMP_NONE, NULL },
	OPT_END
};

static int
config_opts(struct app *app, int *sys)
{
	*sys = 0;
	while (app_opt(app) == K_SYSTEM)
		*sys = 1;
	return 0;
}

static int
verb_config_set(int argc, char *argv[], struct app *app)
{
	int	 sys, rc;

	if ((rc = config_opts(app, &sys)) != 0)
		return rc;
	if (argc != 2)
		return EX_USAGE;
	return clinic_config_set(app, sys, argv[0], argv[1]);
}

static int
verb_config_get(int argc, char *argv[], struct app *app)
{
	char	*path, *v;
	int	 sys, rc;

	if ((rc = config_opts(app, &sys)) != 0)
		return rc;
	if (argc != 1)
		return EX_USAGE;
	if ((rc = clinic_config_key(argv[0])) != 0 ||
	    (rc = clinic_config_path(app, sys, &path)) != 0)
		return rc;
	free(path);
	if ((rc = app_config(app)) != 0)
		return rc;
	/* unset: nothing, and 1, as grep says it found nothing */
	if ((v = cfg_value(app->cfg, argv[0])) == NULL)
		return 1;
	printf("%s\n", v);
	free(v);
	return 0;
}

static int
verb_config_list(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "key", "value" };
	const char	*k;
	char		*path, *v;
	int		 sys, rc;

	if ((rc = config_opts(app, &sys)) != 0 ||
	    (rc = app_none(argc, argv)) != 0)
		return rc;
	if ((rc = clinic_config_path(app, sys, &path)) != 0)
		return rc;
	free(path);
	if ((rc = app_config(app)) != 0)
		return rc;
	out_cols(app->out, 2, cols);
	for (size_t i = 0; (k = cfg_key_name(i)) != NULL; i++)
		if ((v = cfg_value(app->cfg, k)) != NULL) {
			out_text_row(app->out, (const char *[]){ k, v });
			free(v);
		}
	return 0;
}

static const struct opt no_opts[] = { OPT_END };

/* config set KEY VALUE and get KEY: the key completes, the value not */
static const struct opt config_args[] = {
	{ "KEY", 0, OPT_VALUE, NULL, NULL, COMP_CONFIG_KEY, NULL },
	{ "VALUE", 0, OPT_VALUE, NULL, NULL, COMP_NONE, NULL },
	OPT_END
};

static const struct verb verbs[] = {
	{ .name = "help", .fn = verb_help, .mode = NO_DB, .usage = "",
	    .summary = "list the programs", .opts = no_opts },
	{ .name = "version", .fn = verb_version, .mode = NO_DB, .usage = "",
	    .summary = "print the version", .opts = no_opts },
	{ .name = "init", .fn = verb_init, .mode = NO_DB,
	    .usage = "[--system] [--clinic-name NAME] [--timezone ZONE] "
	    "[--phone PHONE] [--address1 TEXT] [--address2 TEXT] "
	    "[--city CITY] [--state ST] [--zip ZIP] [--country CC] "
	    "[--npi NPI] [--tax-id EIN] [--email-from ADDRESS]",
	    .summary = "create the config, key and database of a new clinic",
	    .opts = init_opts },
	{ .name = "config set", .fn = verb_config_set, .mode = NO_DB,
	    .usage = "[--system] KEY VALUE", .summary = "change one key of "
	    "clinix.yaml, keeping the rest of the file",
	    .opts = config_opts_tab, .args = config_args },
	{ .name = "config get", .fn = verb_config_get, .mode = NO_DB,
	    .usage = "[--system] KEY", .summary = "print one key's value",
	    .opts = config_opts_tab, .args = config_args },
	{ .name = "config list", .fn = verb_config_list, .mode = NO_DB,
	    .usage = "[--system]",
	    .summary = "every key that has a value, with it",
	    .opts = config_opts_tab },
};

static const struct prog prog = { "clinix",
    "clinic system: EMR and practice management", verbs, nitems(verbs) };

/* The program a command line names: first word that is not an option. */
static int
command_at(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--db") == 0 || strcmp(a, "--config") == 0 ||
		    strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			i++;
		else if (*a != '-')
			return i;
		else if (strcmp(a, "--") == 0)
			return i + 1 < argc ? i + 1 : -1;
	}
	return -1;
}

/*
 * clinix --complete WORDS...: the programs and clinix's own verbs for the
 * first word; after a program's name, whatever that program offers.
 */
static int
complete(int n, char *w[])
{
	const char		*cur = n > 0 ? w[n - 1] : "";
	const struct opt	*o;
	char			*path, **av;
	int			 at = -1, k = 0, value = 0;

	for (int i = 0; i < n - 1 && at < 0; i++) {
		o = opt_find(app_globals, w[i]);
		value = o && o->arg == OPT_VALUE && strchr(w[i], '=') == NULL;
		if (w[i][0] != '-')
			at = i;
		else if (value && i + 1 < n - 1) {
			i++;
			value = 0;
		} else if (value)
			break;		/* cur is the global's value */
	}
	if (at < 0) {
		if (!value && cur[0] != '-')
			for (size_t i = 0; i < nitems(programs); i++)
				if (strncmp(programs[i].name, cur,
				    strlen(cur)) == 0)
					printf("%s\n", programs[i].name);
		return app_complete(&prog, n, w);
	}
	for (size_t i = 0; i < nitems(verbs); i++)
		if (strncmp(w[at], verbs[i].name, strcspn(verbs[i].name,
		    " ")) == 0 && w[at][strcspn(verbs[i].name, " ")] == '\0')
			return app_complete(&prog, n, w);
	if (strchr(w[at], '/') != NULL || (path = program_path(w[at])) == NULL)
		return 0;
	/* PROG --complete, with the words around PROG */
	av = xcalloc((size_t)n + 2, sizeof(*av));
	av[k++] = w[at];
	av[k++] = "--complete";
	for (int i = 0; i < n; i++)
		if (i != at)
			av[k++] = w[i];
	execv(path, av);
	warn("cannot run '%s'", path);
	return EX_UNAVAILABLE;
}

int
main(int argc, char *argv[])
{
	int	 at;
	char	*path;

	if (argc >= 2 && strcmp(argv[1], "--complete") == 0)
		return complete(argc - 2, argv + 2);
	at = command_at(argc, argv);

	if (at > 0) {
		/* our own verbs, by their first word ("config set") */
		for (size_t i = 0; i < nitems(verbs); i++)
			if (strncmp(argv[at], verbs[i].name,
			    strcspn(verbs[i].name, " ")) == 0 &&
			    argv[at][strcspn(verbs[i].name, " ")] == '\0')
				return app_main(argc, argv, &prog);
		if (strchr(argv[at], '/') != NULL ||
		    (path = program_path(argv[at])) == NULL) {
			warnx("'%s' is not a clinix program (see 'clinix help')",
			    argv[at]);
			return EX_USAGE;
		}
		/* CMD becomes argv[0]; the options around it go along */
		char *cmd = argv[at];
		memmove(&argv[2], &argv[1], (size_t)(at - 1) * sizeof(char *));
		argv[1] = cmd;
		execv(path, argv + 1);
		warn("cannot run '%s'", path);
		return EX_UNAVAILABLE;
	}
	return app_main(argc, argv, &prog);
}

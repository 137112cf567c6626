/*
 * app - program frame.  Global options are taken out of argv wherever they
 * stand, so `user -o json list` and `user list -o json` both work, then the
 * verb parses what is left with getopt_long before anything is opened.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "audit.h"
#include "cfg.h"
#include "date.h"
#include "priv.h"
#include "rec.h"
#include "util.h"

#ifndef CLINIX_VERSION
#define CLINIX_VERSION APP_VERSION
#endif

static void
usage_to(FILE *f, const struct prog *p, const struct verb *only)
{
	const char *lead = "usage:";

	for (size_t i = 0; i < p->nverbs; i++) {
		const struct verb *v = &p->verbs[i];

		if (only && v != only)
			continue;
		fprintf(f, "%-6s %s %s%s%s\n", lead, p->name, v->name,
		    *v->usage ? " " : "", v->usage);
		lead = "";
	}
	if (only == NULL)
		fprintf(f, "global options: [--db PATH] [--config PATH] "
		    "[-o table|tsv|csv|json] [-H] [-h] [-V]\n");
}

int
app_usage(struct app *app)
{
	usage_to(stderr, app->prog, app->verb);
	return EX_USAGE;
}

int
app_noargs(int argc, char *argv[])
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };

	if (getopt_long(argc, argv, "", none, NULL) != -1)
		return EX_USAGE;	/* getopt named the option */
	if (optind < argc) {
		warnx("unexpected argument '%s'", argv[optind]);
		return EX_USAGE;
	}
	return 0;
}

int
app_nooptions(int argc, char *argv[])
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };

	return getopt_long(argc, argv, "", none, NULL) == -1 ? 0 : EX_USAGE;
}

int
app_count(const char *opt, const char *s, long long min, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	if (errno || end == s || *end != '\0' || *out < min) {
		warnx("%s: not a whole number of at least %lld: '%s'", opt, min,
		    s);
		return EX_USAGE;
	}
	return 0;
}

/* "--opt=value" or "--opt value"; advances *i past a separate value. */
static int
optval(int argc, char *argv[], int *i, const char *lng, const char *shrt,
    const char **val)
{
	const char	*a = argv[*i];
	size_t		 n = strlen(lng);

	if (strncmp(a, lng, n) == 0 && a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (strcmp(a, lng) == 0 || (shrt && strcmp(a, shrt) == 0)) {
		if (*i + 1 >= argc) {
			warnx("option '%s' needs a value", a);
			*val = NULL;
			return -1;
		}
		*val = argv[++*i];
		return 1;
	}
	if (shrt && strncmp(a, shrt, 2) == 0 && a[2] != '\0' &&
	    shrt[1] == 'o') {	/* -ojson */
		*val = a + 2;
		return 1;
	}
	return 0;
}

enum { WANT_RUN, WANT_HELP, WANT_VERSION };

/* A verb is one word ("add") or a group and a word ("coverage add"). */
static int
verb_matches(const struct verb *v, int argc, char *argv[])
{
	const char	*sp = strchr(v->name, ' ');
	size_t		 n;

	if (sp == NULL)
		return strcmp(argv[1], v->name) == 0;
	n = (size_t)(sp - v->name);
	return argc >= 3 && strncmp(argv[1], v->name, n) == 0 &&
	    argv[1][n] == '\0' && strcmp(argv[2], sp + 1) == 0;
}

/* Strip global options from argv in place; returns the new argc or -1. */
static int	fmt_given;

static int
globals(struct app *app, int argc, char *argv[], enum out_fmt *fmt,
    int *header, int *want)
{
	const char	*fmtname = NULL, *v;
	int		 n = 1, i, r;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[n++] = argv[i++];
			break;
		}
		if ((r = optval(argc, argv, &i, "--db", NULL, &v)) != 0)
			app->db_opt = v;
		else if ((r = optval(argc, argv, &i, "--config", NULL, &v)) != 0)
			app->cfg_opt = v;
		else if ((r = optval(argc, argv, &i, "--output", "-o", &v)) != 0)
			fmtname = v;
		else if (strcmp(a, "-H") == 0 || strcmp(a, "--header") == 0)
			*header = 1;
		else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			*want = WANT_HELP;
		else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0)
			*want = *want == WANT_HELP ? WANT_HELP : WANT_VERSION;
		else
			argv[n++] = argv[i];
		if (r < 0)
			return -1;
	}
	argv[n] = NULL;
	fmt_given = fmtname != NULL;
	if (fmtname && out_fmt_parse(fmtname, fmt) == -1) {
		warnx("unknown output format '%s' (table, tsv, csv, json)",
		    fmtname);
		return -1;
	}
	return n;
}

static void
app_free(struct app *app)
{
	out_free(app->out);
	audit_free(app->audit);
	db_close(app->db);
	cfg_free(app->cfg);
}

int
app_main(int argc, char *argv[], const struct prog *p)
{
	struct app	 app = { .prog = p };
	enum out_fmt	 fmt = isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_TSV;
	int		 header = 0, want = WANT_RUN, rc;

	/*
	 * Databases, keys, backups, exports: PHI, the owner's alone; an
	 * installed program shares the clinic's files with its group.
	 */
	umask(priv_elevated() ? 007 : 077);
	signal(SIGPIPE, SIG_IGN);	/* so the audit row still gets written */
	if ((argc = globals(&app, argc, argv, &fmt, &header, &want)) < 0) {
		usage_to(stderr, p, NULL);
		return EX_USAGE;
	}
	if (want == WANT_VERSION) {
		printf("%s (clinix) %s\n", p->name, CLINIX_VERSION);
		return fflush(stdout) == 0 ? 0 : EX_IOERR;
	}
	if (argc < 2 && want != WANT_HELP) {
		usage_to(stderr, p, NULL);
		return EX_USAGE;
	}
	for (size_t i = 0; argc >= 2 && i < p->nverbs; i++)
		if (verb_matches(&p->verbs[i], argc, argv))
			app.verb = &p->verbs[i];
	if (argc < 2 || (app.verb == NULL && strcmp(argv[1], "help") == 0)) {
		printf("%s - %s\n", p->name, p->summary);
		usage_to(stdout, p, NULL);
		return fflush(stdout) == 0 ? 0 : EX_IOERR;
	}
	if (app.verb == NULL) {
		size_t n = strlen(argv[1]);
		int group = 0;

		for (size_t i = 0; i < p->nverbs; i++)
			if (strncmp(p->verbs[i].name, argv[1], n) == 0 &&
			    p->verbs[i].name[n] == ' ')
				group = 1;
		if (group)	/* "patient coverage": add, list or end? */
			warnx("'%s' needs a command after it", argv[1]);
		else
			warnx("unknown command '%s'", argv[1]);
		usage_to(stderr, p, NULL);
		return EX_USAGE;
	}
	if (want == WANT_HELP) {
		printf("%s %s - %s\n", p->name, app.verb->name,
		    app.verb->summary);
		usage_to(stdout, p, app.verb);
		return fflush(stdout) == 0 ? 0 : EX_IOERR;
	}
	app.out = out_new(stdout, fmt, header);
	app.fmt_given = fmt_given;
	if (strchr(app.verb->name, ' ') != NULL) {	/* "coverage add" */
		argv++;
		argc--;
	}
	optind = 1;
	opterr = 1;
	argv[1] = (char *)p->name;	/* getopt's messages say "user: ..." */
	rc = app.verb->fn(argc - 1, argv + 1, &app);
	if (rc == EX_USAGE)
		usage_to(stderr, p, app.verb);
	if (app.out && out_end(app.out) != 0 && rc == 0)
		rc = EX_IOERR;
	app_free(&app);
	return rc;
}

int
app_config(struct app *app)
{
	char	*path;
	int	 rc;

	if (app->cfg)
		return 0;
	if ((path = cfg_find(app->cfg_opt, 1)) == NULL) {
		warnx("no configuration found: run 'clinix init', or name one "
		    "with --config or CLINIX_CONFIG");
		return EX_CONFIG;
	}
	rc = cfg_load(&app->cfg, path);
	free(path);
	if (rc != 0)
		return rc;
	if (app->cfg->clinic_timezone &&
	    date_set_zone(app->cfg->clinic_timezone) == -1) {
		warnx("%s: clinic.timezone: unknown time zone '%s'",
		    app->cfg->path, app->cfg->clinic_timezone);
		return EX_CONFIG;
	}
	return 0;
}

int
app_open(struct app *app)
{
	char	*path;
	int	 rc;

	if ((rc = app_config(app)) != 0)
		return rc;
	if (app->verb->mode == NO_DB)
		return 0;
	path = db_find(app->db_opt, app->cfg);
	rc = db_open(&app->db, path, app->verb->mode,
	    app->cfg->busy_timeout_ms);
	free(path);
	if (rc != 0)
		return rc;
	if ((rc = audit_open(&app->audit, app->cfg->key_file, app->db)) != 0)
		return rc;
	if ((rc = auth_login(app->who.login)) != 0)
		return rc;
	if ((rc = auth_lookup(app->db, &app->who)) != 0) {
		/* a stranger's attempt is worth a row of its own */
		struct audit_row r = { app->who.login, "login", 1, 0, NULL,
		    app->prog->name };
		if (db_begin(app->db) == 0) {
			if (audit_add(app->audit, app->db, &r) == 0 &&
			    db_commit(app->db) == 0)
				audit_sync_tail(app->audit, app->db);
			else
				db_rollback(app->db);
		}
		return rc;
	}
	return 0;
}

int
app_begin(struct app *app)
{
	return db_begin(app->db);
}

static int
add(struct app *app, int denied, long long patient, const char *record,
    const char *detail)
{
	char			 action[64];
	struct audit_row	 r = { app->who.login, action, denied, patient,
				    record, detail };

	snprintf(action, sizeof(action), "%s.%s", app->prog->name,
	    app->verb->name);
	for (char *c = action; *c; c++)	/* "patient.coverage.add" */
		if (*c == ' ')
			*c = '.';
	return audit_add(app->audit, app->db, &r);
}

int
app_log(struct app *app, long long patient, const char *record,
    const char *detail)
{
	return add(app, 0, patient, record, detail);
}

int
app_commit(struct app *app)
{
	int rc;

	if ((rc = db_commit(app->db)) != 0)
		return rc;
	return audit_sync_tail(app->audit, app->db);
}

void
app_rollback(struct app *app)
{
	db_rollback(app->db);
}

static int
audit_alone(struct app *app, int denied, long long patient,
    const char *record, const char *detail)
{
	int rc;

	if ((rc = db_begin(app->db)) != 0)
		return rc;
	if ((rc = add(app, denied, patient, record, detail)) != 0) {
		db_rollback(app->db);
		return rc;
	}
	return app_commit(app);
}

int
app_audit(struct app *app, long long patient, const char *record,
    const char *detail)
{
	return audit_alone(app, 0, patient, record, detail);
}

/* The patients a listing's first pass saw, sorted for its second. */
struct phi_ids {
	long long	*v;
	size_t		 n, cap;
	int		 col;
};

static long long
row_patient(sqlite3_stmt *s, int col)
{
	const char	*v = (const char *)sqlite3_column_text(s, col);
	long long	 id;

	return v && sscanf(v, "pat-%lld", &id) == 1 ? id : 0;
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/*
 * The second pass prints only rows of patients the audit row names: a
 * patient added between the passes is left out rather than shown
 * unaudited.  Rows with no patient are not patient data.
 */
static int
phi_keep(sqlite3_stmt *s, void *arg)
{
	struct phi_ids	*p = arg;
	long long	 id = row_patient(s, p->col);

	return id == 0 ||
	    bsearch(&id, p->v, p->n, sizeof(*p->v), cmp_id) != NULL;
}

/*
 * The audit row goes first and is committed before anything is printed,
 * so a reader that stops early (head), a kill, or a full disk cannot
 * leave PHI on a screen with no row for it.  Two passes over the
 * statement: the first keeps only the patient ids, the second prints.
 * Ids are all that is held, so a million-patient export stays small.
 * The first pass is a plain read, not inside the audit row's write
 * transaction: a long scan must not hold the write lock against the
 * front desk.  What changes in between is left out by phi_keep.
 */
int
app_list_phi(struct app *app, sqlite3_stmt *s, int col, const char *noun,
    long long patient)
{
	struct phi_ids	 p = { NULL, 0, 0, col };
	struct idlist	 ids = { 0 };
	char		 rec[64];
	long		 n = 0;
	long long	 id;
	int		 rc;

	while ((rc = db_step(app->db, s)) == SQLITE_ROW) {
		n++;
		if ((id = row_patient(s, col)) == 0)
			continue;
		idlist_add(&ids, id);
		if (p.n == p.cap) {
			p.cap = p.cap ? 2 * p.cap : 64;
			p.v = xrealloc(p.v, p.cap * sizeof(*p.v));
		}
		p.v[p.n++] = id;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto out;
	if (patient == APP_PHI_ONE)
		patient = n == 1 && p.n == 1 ? p.v[0] : 0;
	snprintf(rec, sizeof(rec), "%ld %s", n, noun);
	if ((rc = app_audit(app, patient, rec, idlist_str(&ids))) != 0)
		goto out;
	if (p.n > 1)	/* qsort of NULL, even for 0, is undefined */
		qsort(p.v, p.n, sizeof(*p.v), cmp_id);
	if ((n = out_stmt_if(app->out, s, phi_keep, &p)) < 0)
		rc = (int)-n;
	else
		rc = n == 0 ? 1 : 0;
out:
	idlist_free(&ids);
	free(p.v);
	return rc;
}

int
app_refused(struct app *app, const char *detail)
{
	return audit_alone(app, 1, 0, NULL, detail);
}

int
app_require(struct app *app, enum cap cap)
{
	if (auth_can(app->who.role, cap))
		return 0;
	audit_alone(app, 1, 0, NULL, auth_cap_name(cap));
	warnx("permission denied: '%s' (%s) may not %s", app->who.login,
	    auth_role_name(app->who.role), auth_cap_name(cap));
	return EX_NOPERM;
}

int
app_listed(long n)
{
	return n < 0 ? (int)-n : 0;
}

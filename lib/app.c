/*
 * app - program frame.  Global options may stand anywhere, so `user -o
 * json list` and `user list -o json` both work.  A verb with an option
 * table has its options and the global ones parsed in one pass by
 * lib/opt, so a verb option's value is never read as a global option
 * (`--name -V` is a name).  A verb without one still gets argv with the
 * global options taken out and parses the rest with getopt_long.
 * Either way nothing is opened before the command line has been read.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stddef.h>
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
#include "patient.h"
#include "priv.h"
#include "rec.h"
#include "util.h"

#ifndef CLINIX_VERSION
#define CLINIX_VERSION APP_VERSION
#endif

enum { G_DB = 1000, G_CONFIG, G_OUTPUT = 'o', G_HEADER = 'H', G_HELP = 'h',
    G_VERSION = 'V' };

const struct opt app_globals[] = {
	{ "db", G_DB, OPT_VALUE, "PATH", "the database to use", COMP_FILE,
	    NULL },
	{ "config", G_CONFIG, OPT_VALUE, "PATH", "the clinix.yaml to use",
	    COMP_FILE, NULL },
	{ "output", G_OUTPUT, OPT_VALUE, "FORMAT",
	    "table, tsv, csv or json", COMP_WORDS, "table tsv csv json" },
	{ "header", G_HEADER, OPT_FLAG, NULL, "tsv: begin with a header line",
	    COMP_NONE, NULL },
	{ "help", G_HELP, OPT_FLAG, NULL, "this help", COMP_NONE, NULL },
	{ "version", G_VERSION, OPT_FLAG, NULL, "the version", COMP_NONE,
	    NULL },
	OPT_END
};

static int
is_global(const struct opt *o)
{
	for (const struct opt *g = app_globals; g->name; g++)
		if (g == o)
			return 1;
	return 0;
}

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
app_none(int argc, char *argv[])
{
	if (argc > 0) {
		warnx("unexpected argument '%s'", argv[0]);
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
app_opt(struct app *app)
{
	const struct app_optv *o;

	if (app->iopt >= app->noptv) {
		app->optarg = NULL;
		app->optopt = NULL;
		return 0;
	}
	o = &app->optv[app->iopt++];
	app->optarg = o->arg;
	app->optopt = o->opt;
	return o->key;
}

/*
 * Where the verb stands: the first word that is no global option nor a
 * global option's value, or 0.  Only the globals may come before the
 * verb, as the verb's table is not known yet.
 */
static int
verb_at(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		const char		*a = argv[i];
		const struct opt	*o;

		if (strcmp(a, "--") == 0)
			return i + 1 < argc ? i + 1 : 0;
		if (a[0] != '-' || a[1] == '\0')
			return i;
		if (a[1] == '-') {
			o = opt_find(app_globals, a);
			if (o && o->arg == OPT_VALUE && strchr(a, '=') == NULL)
				i++;
			continue;
		}
		for (const char *c = a + 1; *c; c++) {	/* -Ho json */
			char one[3] = { '-', *c, '\0' };

			o = opt_find(app_globals, one);
			if (o && o->arg == OPT_VALUE) {
				if (c[1] == '\0')
					i++;
				break;
			}
		}
	}
	return 0;
}

static const struct verb *
find_verb(const struct prog *p, int argc, char *argv[], int at)
{
	for (size_t i = 0; at > 0 && i < p->nverbs; i++)
		if (verb_matches(&p->verbs[i], argc - at + 1, argv + at - 1))
			return &p->verbs[i];
	return NULL;
}

/*
 * Options read off an unconverted verb's usage line ("[--system SYSTEM]
 * [--all] FILE"), so its completion offers them until it has a table:
 * an option takes a value when a word follows it inside its brackets,
 * or a capital one outside them ("--role ROLE").
 */
#define USAGE_OPTS	32

/* What completes in the value of --name METAVAR, by the two names. */
static enum opt_comp
usage_kind(const char *name, const char *meta)
{
	size_t n = strcspn(meta, " ]|");

	if (strcmp(name, "provider") == 0)
		return COMP_PROVIDER;
	if (strcmp(name, "type") == 0)
		return COMP_VISIT_TYPE;
	if (strcmp(name, "resource") == 0)
		return COMP_RESOURCE;
	if ((n == 4 && strncmp(meta, "FILE", 4) == 0) ||
	    (n == 7 && strncmp(meta, "FILE.csv", 7) == 0))
		return COMP_FILE;
	if (n == 4 && strncmp(meta, "DATE", 4) == 0)
		return COMP_DATE;
	return COMP_NONE;
}

static size_t
usage_opts(const char *usage, struct opt *tab, char names[][32])
{
	size_t n = 0;

	for (const char *s = usage; (s = strstr(s, "--")) != NULL &&
	    n < USAGE_OPTS - 1;) {
		size_t len;

		s += 2;
		len = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_");
		if (len == 0 || len >= 32)
			continue;
		memcpy(names[n], s, len);
		names[n][len] = '\0';
		s += len;
		tab[n] = (struct opt){ names[n], 2000 + (int)n, OPT_FLAG,
		    NULL, "", COMP_NONE, NULL };
		if (s[0] == ' ' && s[1] != '[' && s[1] != '-' && s[1] != '.' &&
		    s[1] != '\0' && (size_t)(s - usage) >= len + 3 &&
		    s[-(ptrdiff_t)len - 3] == '[')
			tab[n].arg = OPT_VALUE;
		else if (s[0] == ' ' && s[1] >= 'A' && s[1] <= 'Z')
			tab[n].arg = OPT_VALUE;	/* --role ROLE */
		if (tab[n].arg == OPT_VALUE)
			tab[n].comp = usage_kind(names[n], s + 1);
		n++;
	}
	tab[n] = (struct opt)OPT_END;
	return n;
}

/* Does o take the next word as its value? */
static int
takes_value(const struct opt *tab, const char *w)
{
	const struct opt *o = opt_find(tab, w);

	return o != NULL && o->arg == OPT_VALUE && strchr(w, '=') == NULL;
}

/* The first words of the verbs, or the second of group g, from cur. */
static void
verb_words(const struct prog *p, const char *g, const char *cur)
{
	size_t gn = g ? strlen(g) : 0;

	for (size_t i = 0; i < p->nverbs; i++) {
		const char	*name = p->verbs[i].name;
		size_t		 len = strcspn(name, " ");
		int		 dup = 0;

		if (g != NULL) {
			if (strncmp(name, g, gn) != 0 || name[gn] != ' ')
				continue;
			name += gn + 1;
			len = strlen(name);
		}
		for (size_t j = 0; j < i && g == NULL; j++)
			dup |= strncmp(p->verbs[j].name, name, len) == 0 &&
			    strcspn(p->verbs[j].name, " ") == len;
		if (!dup && strncmp(name, cur, strlen(cur)) == 0)
			printf("%.*s\n", (int)len, name);
	}
}

static int
is_group(const struct prog *p, const char *w)
{
	size_t n = strlen(w);

	for (size_t i = 0; i < p->nverbs; i++)
		if (strncmp(p->verbs[i].name, w, n) == 0 &&
		    p->verbs[i].name[n] == ' ')
			return 1;
	return 0;
}

/* Completion's statements: ids and names that are not PHI. */
const struct query app_queries[] = {
	{ "complete.provider",
	    "SELECT 'prv-' || id FROM provider WHERE active = 1 ORDER BY id" },
	{ "complete.visit_type",
	    "SELECT name FROM visit_type WHERE active = 1 ORDER BY name" },
	{ "complete.resource",
	    "SELECT name FROM resource WHERE active = 1 ORDER BY name" },
	{ NULL, NULL }
};

/*
 * Provider ids, visit types and rooms, asked for at a TAB: they are not
 * PHI, so the read leaves no audit row, but only a clinix user gets them.
 * Whatever fails offers nothing (the shell shows no stderr).
 */
static void
complete_db(const struct prog *p, const char *db_opt, const char *cfg_opt,
    enum opt_comp kind, const char *cur)
{
	struct app		 app = { .prog = p, .db_opt = db_opt,
				    .cfg_opt = cfg_opt };
	const struct query	*q = &app_queries[kind == COMP_PROVIDER ? 0 :
				    kind == COMP_VISIT_TYPE ? 1 : 2];
	sqlite3_stmt		*s;
	char			*path;
	int			 rc;

	if (app_config(&app) != 0)
		goto out;
	path = db_find(app.db_opt, app.cfg);
	rc = db_open(&app.db, path, DB_RO, app.cfg->busy_timeout_ms);
	free(path);
	if (rc != 0 || auth_login(app.who.login) != 0 ||
	    auth_lookup(app.db, &app.who) != 0)
		goto out;
	s = db_query(app.db, q);
	while (db_step(app.db, s) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 0);

		if (v && strncmp(v, cur, strlen(cur)) == 0)
			printf("%s\n", v);
	}
out:
	app_free(&app);
}

/* The keys config set and get take: lib/cfg.c's, its sections left out. */
static void
config_keys(const char *cur)
{
	const char *k;

	for (size_t i = 0; (k = cfg_key_name(i)) != NULL; i++)
		if (strncmp(k, cur, strlen(cur)) == 0 &&
		    cfg_key_kind(k) != CFG_SECTION)
			printf("%s\n", k);
}

/*
 * PROG --complete WORDS...: the candidates for the last word (the one
 * being typed, maybe ""), one a line.  ":file" or ":dir" asks the shell
 * to add its own names.  Patients and appointments are never offered;
 * only provider ids, visit types and rooms open the database.
 */
int
app_complete(const struct prog *p, int n, char *w[])
{
	const char		*cur = n > 0 ? w[n - 1] : "";
	const struct verb	*v = NULL;
	struct opt		 tab[USAGE_OPTS];
	char			 names[USAGE_OPTS][32];
	const struct opt	*opts;
	enum opt_comp		 kind;
	int			 nb = n > 0 ? n - 1 : 0, at = -1, nv = 1;

	const char		*db_opt = NULL, *cfg_opt = NULL;

	/* --db and --config, wherever they stand, for complete_db */
	for (int i = 0; i < nb; i++) {
		const char **to = strncmp(w[i], "--db", 4) == 0 ? &db_opt :
		    strncmp(w[i], "--config", 8) == 0 ? &cfg_opt : NULL;
		const char *eq = strchr(w[i], '=');

		if (strcmp(w[i], "--") == 0)
			break;
		if (to == NULL || opt_find(app_globals, w[i]) == NULL)
			continue;
		if (eq != NULL)
			*to = eq + 1;
		else if (i + 1 < nb)
			*to = w[++i];
	}
	for (int i = 0; i < nb && at < 0; i++)
		if (strcmp(w[i], "--") == 0 || w[i][0] != '-')
			at = strcmp(w[i], "--") == 0 ? i + 1 : i;
		else if (takes_value(app_globals, w[i]))
			i++;
	if (at < 0 || at >= nb) {	/* cur: the verb, or a global */
		if (nb > 0 && takes_value(app_globals, w[nb - 1]))
			kind = opt_complete(stdout, NULL, app_globals, nb, w,
			    cur, COMP_NONE, NULL);
		else if (cur[0] == '-' && at < 0)
			kind = opt_complete(stdout, NULL, app_globals, nb, w,
			    cur, COMP_NONE, NULL);
		else {
			verb_words(p, NULL, cur);
			kind = COMP_NONE;
		}
		goto out;
	}
	for (size_t i = 0; i < p->nverbs && v == NULL; i++)
		if (verb_matches(&p->verbs[i], nb - at + 1, w + at - 1))
			v = &p->verbs[i];
	if (v == NULL) {
		if (at == nb - 1 && is_group(p, w[at]) && cur[0] != '-')
			verb_words(p, w[at], cur);
		return 0;
	}
	if (strchr(v->name, ' ') != NULL)
		nv = 2;
	opts = v->opts;
	if (opts == NULL) {
		usage_opts(v->usage, tab, names);
		opts = tab;
	}
	kind = opt_complete(stdout, opts, app_globals, nb - at - nv,
	    w + at + nv, cur, v->operand, v->args);
out:
	if (kind == COMP_FILE)
		printf(":file\n");
	else if (kind == COMP_DIR)
		printf(":dir\n");
	else if (kind == COMP_CONFIG_KEY)
		config_keys(cur);
	else if (kind == COMP_PROVIDER || kind == COMP_VISIT_TYPE ||
	    kind == COMP_RESOURCE)
		complete_db(p, db_opt, cfg_opt, kind, cur);
	return fflush(stdout) == 0 ? 0 : EX_IOERR;
}

static void
verb_help(const struct prog *p, const struct verb *v)
{
	printf("%s %s - %s\n", p->name, v->name, v->summary);
	usage_to(stdout, p, v);
	if (v->opts && v->opts->name) {
		printf("options:\n");
		opt_help(stdout, v->opts);
	}
	printf("global options:\n");
	opt_help(stdout, app_globals);
}

/* --break-glass REASON (APP_OPT_BREAK_GLASS): 0, 64, or 65 */
static int
break_glass(struct app *app, const char *reason)
{
	const char *c;

	for (c = reason; *c == ' ' || *c == '\t'; c++)
		;
	if (strlen(c) < 4) {
		warnx("--break-glass needs the reason for the emergency "
		    "access (it goes in the audit trail)");
		return EX_USAGE;
	}
	if (text_card_number(reason)) {	/* it is kept in the audit trail */
		warnx("--break-glass: %s", text_card_why);
		return EX_DATAERR;
	}
	app->break_glass = reason;
	return 0;
}

/* A verb with an option table: globals and its options in one pass. */
static int
run_table(struct app *app, int argc, char *argv[], int at, enum out_fmt fmt)
{
	const struct prog	*p = app->prog;
	const struct verb	*v = app->verb;
	struct optp		 op;
	const char		*fmtname = NULL;
	int			 header = 0, want = WANT_RUN, k, skip, rc;

	skip = strchr(v->name, ' ') != NULL ? 2 : 1;
	opt_init(&op, p->name, argc, argv, v->opts, app_globals);
	app->optv = xcalloc((size_t)argc, sizeof(*app->optv));
	while ((k = opt_next(&op)) != 0) {
		if (k < 0) {
			rc = EX_USAGE;
			goto usage;
		}
		if (k == APP_BREAK_GLASS_KEY) {
			if ((rc = break_glass(app, op.arg)) != 0)
				goto usage;
			continue;
		}
		if (!is_global(op.opt)) {
			app->optv[app->noptv++] = (struct app_optv){ k, op.opt,
			    op.arg };
			continue;
		}
		switch (k) {
		case G_DB: app->db_opt = op.arg; break;
		case G_CONFIG: app->cfg_opt = op.arg; break;
		case G_OUTPUT: fmtname = op.arg; break;
		case G_HEADER: header = 1; break;
		case G_HELP: want = WANT_HELP; break;
		case G_VERSION:
			want = want == WANT_HELP ? WANT_HELP : WANT_VERSION;
			break;
		}
	}
	/* the verb's words are the first operands, unless a value took one */
	if (op.noperands < skip || op.operands[0] != argv[at] ||
	    (skip == 2 && op.operands[1] != argv[at + 1])) {
		warnx("the options of '%s' go after it", v->name);
		rc = EX_USAGE;
		goto usage;
	}
	if (want == WANT_VERSION) {
		printf("%s (clinix) %s\n", p->name, CLINIX_VERSION);
		rc = fflush(stdout) == 0 ? 0 : EX_IOERR;
		goto out;
	}
	if (want == WANT_HELP) {
		verb_help(p, v);
		rc = fflush(stdout) == 0 ? 0 : EX_IOERR;
		goto out;
	}
	if (fmtname && out_fmt_parse(fmtname, &fmt) == -1) {
		warnx("unknown output format '%s' (table, tsv, csv, json)",
		    fmtname);
		rc = EX_USAGE;
		goto usage;
	}
	app->fmt_given = fmtname != NULL;
	app->out = out_new(stdout, fmt, header);
	rc = v->fn(op.noperands - skip, op.operands + skip, app);
	if (rc != EX_USAGE)
		goto out;
usage:
	usage_to(stderr, p, v);
out:
	opt_free(&op);
	return rc;
}

int
app_main_parts(int argc, char *argv[], struct prog *prog,
    const struct app_part *parts, size_t nparts)
{
	struct verb	*all;
	size_t		 n = 0;
	int		 rc;

	for (size_t i = 0; i < nparts; i++)
		n += *parts[i].n;
	all = xcalloc(n, sizeof(*all));
	n = 0;
	for (size_t i = 0; i < nparts; i++) {
		memcpy(all + n, parts[i].v, *parts[i].n * sizeof(*all));
		n += *parts[i].n;
	}
	prog->verbs = all;
	prog->nverbs = n;
	rc = app_main(argc, argv, prog);
	free(all);
	return rc;
}

int
app_main(int argc, char *argv[], const struct prog *p)
{
	struct app	 app = { .prog = p };
	enum out_fmt	 fmt = isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_TSV;
	int		 header = 0, want = WANT_RUN, rc, at;

	/*
	 * Databases, keys, backups, exports: PHI, the owner's alone; an
	 * installed program shares the clinic's files with its group.
	 */
	umask(priv_elevated() ? 007 : 077);
	signal(SIGPIPE, SIG_IGN);	/* so the audit row still gets written */
	if (argc >= 2 && strcmp(argv[1], "--complete") == 0)
		return app_complete(p, argc - 2, argv + 2);
	at = verb_at(argc, argv);
	if ((app.verb = find_verb(p, argc, argv, at)) != NULL &&
	    app.verb->opts != NULL) {
		rc = run_table(&app, argc, argv, at, fmt);
		if (app.out && out_end(app.out) != 0 && rc == 0)
			rc = EX_IOERR;
		free(app.optv);
		app_free(&app);
		return rc;
	}
	app.verb = NULL;
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
		    app->prog->name, 0 };
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
	char			 action[64], *why = NULL;
	struct audit_row	 r = { app->who.login, action, denied, patient,
				    record, detail, 0 };
	int			 rc;

	snprintf(action, sizeof(action), "%s.%s", app->prog->name,
	    app->verb->name);
	for (char *c = action; *c; c++)	/* "patient.coverage.add" */
		if (*c == ' ')
			*c = '.';
	if (app->break_glass != NULL) {	/* every row of the command */
		why = detail ? xasprintf("break-glass: %s; %s",
		    app->break_glass, detail) :
		    xasprintf("break-glass: %s", app->break_glass);
		r.detail = why;
		r.break_glass = 1;
	}
	rc = audit_add(app->audit, app->db, &r);
	free(why);
	return rc;
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

int
app_end(struct app *app, long long patient, const char *record,
    const char *detail)
{
	int rc;

	if ((rc = app_log(app, patient, record, detail)) != 0 ||
	    (rc = app_commit(app)) != 0)
		app_rollback(app);
	return rc;
}

int
app_wrote(struct app *app, int rc, long long patient, const char *record,
    const char *detail)
{
	if (rc != 0) {
		app_rollback(app);
		return rc;
	}
	if ((rc = app_end(app, patient, record, detail)) != 0)
		return rc;
	printf("%s\n", record);
	return fflush(stdout) == 0 ? 0 : EX_IOERR;
}

int
app_wrote_id(struct app *app, int rc, long long patient, const char *kind,
    long long id, const char *detail)
{
	char rec[48];

	snprintf(rec, sizeof(rec), "%s-%lld", kind, id);
	return app_wrote(app, rc, patient, rec, detail);
}

int
app_patient(struct app *app, enum cap cap, const char *key, long long *pat)
{
	int rc;

	if ((rc = app_open(app)) != 0 || (rc = app_require(app, cap)) != 0 ||
	    (rc = pat_resolve(app->db, key, pat)) != 0)
		return rc;
	return cap == CAP_CLINICAL_WRITE || cap == CAP_CODING ||
	    cap == CAP_DEMOGRAPHICS_WRITE ? pat_writable(app->db, *pat) : 0;
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
	/* emergency access opens reading a chart, to any active login */
	if (cap == CAP_CLINICAL_READ && app->break_glass != NULL)
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

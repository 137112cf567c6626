/*
 * app - the frame every program runs in: global options, the verb table,
 * usage and version, opening config + database + audit + identity in the
 * order a verb needs, write transactions that carry their audit row, and
 * the permission check.
 */
#ifndef CLINIX_APP_H
#define CLINIX_APP_H

#include "auth.h"
#include "db.h"
#include "opt.h"
#include "out.h"

struct app;
struct cfg;
struct audit;

/*
 * A verb with an option table (opts) has its options parsed by app_main,
 * in one pass with the global ones, before fn runs: fn reads them with
 * app_opt and gets only the operands in argc/argv (argv[0] the first).
 * A verb without one (opts NULL, left out of the initializer) parses
 * argv itself with getopt_long, argv[0] the program's name.  Tables name
 * the fields they give (.name = "list", ...), so what a verb leaves out
 * is NULL or COMP_NONE and -Wextra still sees every positional slip.
 */
struct verb {
	const char		*name;
	int			(*fn)(int argc, char *argv[], struct app *);
	enum db_mode		 mode;		/* what app_open opens */
	const char		*usage;		/* after "prog verb" */
	const char		*summary;
	const struct opt	*opts;
	enum opt_comp		 operand;	/* what completes an operand */
	const struct opt	*args;		/* or by position (opt_complete) */
};

/* A verb option as app_main parsed it, in command-line order. */
struct app_optv {
	int			 key;
	const struct opt	*opt;
	const char		*arg;		/* borrowed from argv */
};

struct prog {
	const char		*name;
	const char		*summary;
	const struct verb	*verbs;
	size_t			 nverbs;
};

struct app {
	const struct prog	*prog;
	const struct verb	*verb;
	const char		*db_opt;	/* --db, borrowed from argv */
	const char		*cfg_opt;	/* --config */
	struct cfg		*cfg;
	struct db		*db;
	struct audit		*audit;
	struct out		*out;
	struct who		 who;
	int			 fmt_given;	/* -o was on the line */
	struct app_optv		*optv;		/* a converted verb's options */
	int			 noptv, iopt;
	const char		*break_glass;	/* its reason, when given */
	const char		*optarg;	/* the value app_opt returned */
	const struct opt	*optopt;	/* the option it returned */
};

int	 app_main(int argc, char *argv[], const struct prog *);
/*
 * A program whose verbs live in parts (cmd/chart-*.c, cmd/pay-*.c): the
 * parts' tables joined in order into prog's, then app_main.
 */
struct app_part {
	const struct verb	*v;
	const size_t		*n;
};
int	 app_main_parts(int argc, char *argv[], struct prog *,
	    const struct app_part *, size_t nparts);
/*
 * The next option of a converted verb: its key, with app->optarg its
 * value (NULL for a flag); 0 after the last.  A verb reads them all:
 *	while ((k = app_opt(app)) > 0)
 *		switch (k) { case 'r': role = app->optarg; break; }
 */
int	 app_opt(struct app *);
/* PROG --complete WORDS...: app_main's; clinix adds its programs. */
int	 app_complete(const struct prog *, int nwords, char *words[]);
/* The global options, for -h and completion. */
extern const struct opt app_globals[];
int	 app_open(struct app *);		/* per app->verb->mode */
/* Only the config, and the clinic's zone for reading local times. */
int	 app_config(struct app *);
int	 app_usage(struct app *);		/* usage to stderr; 64 */
int	 app_noargs(int argc, char *argv[]);	/* a verb with no options: 0 or 64 */
/* A converted verb that takes no operands: 0, or 64 naming the first. */
int	 app_none(int argc, char *argv[]);
/* No options, only operands (from optind on): 0 or 64. */
int	 app_nooptions(int argc, char *argv[]);
/* A count option's value, at least min: 0, or 64 after a message. */
int	 app_count(const char *opt, const char *s, long long min,
	    long long *out);

/* A write: app_begin, changes, app_log (the audit row), app_commit. */
int	 app_begin(struct app *);
int	 app_log(struct app *, long long patient, const char *record,
	    const char *detail);
int	 app_commit(struct app *);
void	 app_rollback(struct app *);
/* The tail of a write in lib: app_log, app_commit; app_rollback on failure. */
int	 app_end(struct app *, long long patient, const char *record,
	    const char *detail);
/*
 * The end of a write, in every program the same: the audit row, COMMIT,
 * the record's id printed; on any failure (rc != 0 on entry, too)
 * ROLLBACK.  Returns 0 or the code that stopped it.  app_wrote_id makes
 * the record "kind-N".
 */
int	 app_wrote(struct app *, int rc, long long patient, const char *record,
	    const char *detail);
int	 app_wrote_id(struct app *, int rc, long long patient,
	    const char *kind, long long id, const char *detail);
/*
 * A verb's PATIENT operand (pat-N or MRN): opens the database, checks cap
 * first (so a role that may not gets 77 and its denied row before anything
 * about the patient is looked up), resolves it and, for a write
 * capability, refuses a merged patient.  0 or the exit code.
 */
int	 app_patient(struct app *, enum cap, const char *key, long long *pat);
/* A read of PHI: its audit row in a transaction of its own. */
int	 app_audit(struct app *, long long patient, const char *record,
	    const char *detail);
/*
 * A listing of PHI, audited before its first record leaves: one row,
 * record "N noun" ("12 patients: search"), detail the patients as id
 * ranges, taken from column col ("pat-N").  patient is the row's patient:
 * 0 for none, APP_PHI_ONE for the one listed when exactly one row is.
 * Returns 0, 1 (as grep does) when nothing was listed, or a sysexits code
 * (nothing printed when the audit row could not be written).
 */
#define APP_PHI_ONE	(-1LL)
int	 app_list_phi(struct app *, sqlite3_stmt *, int col,
	    const char *noun, long long patient);
/*
 * The exit of a listing from out_stmt's count: 0, or the code of a failed
 * step (75 when the database is busy).
 */
int	 app_listed(long n);
/* Record a refused attempt (outcome denied); the caller says why. */
int	 app_refused(struct app *, const char *detail);
/* 0 if the user's role has cap, else an audited denial and 77. */
int	 app_require(struct app *, enum cap);

/*
 * Emergency access (HIPAA 164.312(a)(2)(ii)), for the table of a verb that
 * reads a chart: app_main takes it (the verb never sees it); then
 * app_require lets any active login read clinical records, and every
 * audit row of the command is flagged and carries the reason.
 */
/* app_main knows it by its key: `audit list --break-glass` is a flag. */
#define APP_BREAK_GLASS_KEY	1999
#define APP_OPT_BREAK_GLASS { "break-glass", APP_BREAK_GLASS_KEY, OPT_VALUE, \
	"REASON", \
	"emergency access to a chart your role may not read: REASON is " \
	"audited", COMP_NONE, NULL }

/* Options every verb accepts; getopt_long tables end with this. */
#define APP_VERSION	"0.1.0"

#endif

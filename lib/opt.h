/*
 * opt - one option table per verb, in the manner of git's parse-options.
 * From the one table come the parsing (opt_next), the option lines of
 * -h (opt_help) and the candidates a shell completion asks for
 * (opt_complete), so the three can never disagree.
 *
 * Parsing is our own rather than getopt_long's because it walks two
 * tables at once, the verb's and the global options, and so a value is
 * always taken by the option it follows: `--name -V` sets the name to
 * "-V", where a first pass for global options used to print the version.
 */
#ifndef CLINIX_OPT_H
#define CLINIX_OPT_H

#include <stdio.h>

enum opt_arg {
	OPT_FLAG,		/* no value */
	OPT_VALUE,		/* one value: --at T, --at=T, -aT, -a T */
};

/* What completes in an option's value (or an operand). */
enum opt_comp {
	COMP_NONE,
	COMP_FILE,		/* the shell's file names */
	COMP_DIR,
	COMP_DATE,		/* today, tomorrow, yesterday */
	COMP_WORDS,		/* the blank-separated words of opt.words */
	COMP_PROVIDER,		/* prv- ids, asked of the program */
	COMP_VISIT_TYPE,	/* visit type names */
	COMP_RESOURCE,		/* room and device names */
	COMP_PATIENT,		/* never offered: listing patients is PHI */
	COMP_APPT,		/* never offered, likewise */
	COMP_MAP,		/* COLUMN=WORD: the file's column (never
				   offered), then after '=' a word of words */
	COMP_CONFIG_KEY,	/* a key config set and get take (lib/cfg.c) */
};

struct opt {
	const char	*name;		/* long name, with dashes */
	int		 key;		/* short letter, or >= 256: long only */
	enum opt_arg	 arg;
	const char	*metavar;	/* the value's name in -h: "DATE" */
	const char	*help;		/* one line */
	enum opt_comp	 comp;
	const char	*words;		/* COMP_WORDS: "daily weekly monthly" */
};
#define OPT_END	{ NULL, 0, OPT_FLAG, NULL, NULL, COMP_NONE, NULL }
/*
 * The options every program spells alike: a span of days (lib/span.h
 * reads the values, --to included) and a provider.  key is the verb's
 * letter for it; h the help line.
 */
#define OPT_FROM(key, h)	{ "from", key, OPT_VALUE, "DATE", h, COMP_DATE, NULL }
#define OPT_TO(key, h)		{ "to", key, OPT_VALUE, "DATE", h, COMP_DATE, NULL }
#define OPT_DAY(key, h)		{ "day", key, OPT_VALUE, "DATE", h, COMP_DATE, NULL }
#define OPT_PROVIDER(key, h)	{ "provider", key, OPT_VALUE, "PRV", h, \
	COMP_PROVIDER, NULL }

/*
 * A parse of argv[1..argc-1] against up to two tables (the verb's, then
 * the globals; either may be NULL).  Operands are kept in order, with
 * everything after "--" taken as operands.
 */
struct optp {
	int			  argc;
	char			**argv;
	const struct opt	 *tab[2];
	int			  i;		/* next argv index */
	const char		 *bundle;	/* rest of "-abc" being read */
	int			  dashdash;	/* "--" seen */
	const char		 *prog;		/* for messages */
	const struct opt	 *opt;		/* the option just returned */
	const char		 *arg;		/* its value; borrowed from argv */
	char			**operands;	/* owned array, borrowed strings */
	int			  noperands;
};

void	 opt_init(struct optp *, const char *prog, int argc, char *argv[],
	    const struct opt *verb, const struct opt *global);
/*
 * The next option's key, with p->opt and p->arg set; 0 at the end of
 * argv; -1 after a message on stderr (unknown or ambiguous option, a
 * missing value, a value given to a flag).  Long names match exactly or
 * by an unambiguous prefix, and '_' is read as '-' (--sms_consent).
 */
int	 opt_next(struct optp *);
void	 opt_free(struct optp *);

/* The option lines of -h: "  -a, --at DATE   help", for both tables. */
void	 opt_help(FILE *, const struct opt *);

/* What an option name (with its dashes, "--at" or "-a") is, or NULL. */
const struct opt *opt_find(const struct opt *, const char *word);

/*
 * Candidates for the word being typed, one per line on f.  words are the
 * words before it (after the verb), cur the word itself.  Returns the
 * completion kind when the program must supply the candidates itself
 * (COMP_PROVIDER, ...) or the shell must (COMP_FILE, COMP_DIR);
 * COMP_NONE when it printed all there is.  operand is what completes
 * where an operand stands, unless args (NULL, or a table ending with
 * OPT_END) says it by position: entry k for the k-th operand, its name the
 * operand's metavar, comp and words what completes; past the last entry
 * the last one's.
 */
enum opt_comp opt_complete(FILE *f, const struct opt *verb,
	    const struct opt *global, int nwords, char *words[],
	    const char *cur, enum opt_comp operand, const struct opt *args);
/* Print each blank-separated word of list that starts with cur. */
void	 opt_words(FILE *, const char *list, const char *cur);

#endif

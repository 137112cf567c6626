/*
 * opt - option tables: parsing, -h lines and completion candidates.
 *
 * The parser follows getopt_long's conventions (permuted operands,
 * "--" ends options, bundled short flags, "--opt=value") so nothing a
 * user types today changes meaning, except that the value an option
 * takes is never read as an option of its own.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opt.h"
#include "util.h"

void
opt_init(struct optp *p, const char *prog, int argc, char *argv[],
    const struct opt *verb, const struct opt *global)
{
	memset(p, 0, sizeof(*p));
	p->prog = prog;
	p->argc = argc;
	p->argv = argv;
	p->tab[0] = verb;
	p->tab[1] = global;
	p->i = 1;
	p->operands = xcalloc((size_t)(argc > 0 ? argc : 1), sizeof(char *));
}

void
opt_free(struct optp *p)
{
	free(p->operands);
	p->operands = NULL;
	p->noperands = 0;
}

/* Does typed (n bytes, '_' read as '-') match name fully or by prefix? */
static int
name_match(const char *typed, size_t n, const char *name, int *exact)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = typed[i] == '_' ? '-' : typed[i];

		if (name[i] == '\0' || name[i] != c)
			return 0;
	}
	*exact = name[i] == '\0';
	return 1;
}

static const struct opt *
find_long(struct optp *p, const char *typed, size_t n, int *ambiguous)
{
	const struct opt *hit = NULL;
	int nhit = 0, exact;

	*ambiguous = 0;
	for (int t = 0; t < 2; t++)
		for (const struct opt *o = p->tab[t]; o && o->name; o++) {
			if (!name_match(typed, n, o->name, &exact))
				continue;
			if (exact)
				return o;
			if (hit == NULL || hit->key != o->key)
				nhit++;
			hit = o;
		}
	if (nhit > 1) {
		*ambiguous = 1;
		return NULL;
	}
	return hit;
}

static const struct opt *
find_short(struct optp *p, int c)
{
	for (int t = 0; t < 2; t++)
		for (const struct opt *o = p->tab[t]; o && o->name; o++)
			if (o->key == c)
				return o;
	return NULL;
}

const struct opt *
opt_find(const struct opt *tab, const char *w)
{
	int exact;

	if (tab == NULL || w[0] != '-' || w[1] == '\0')
		return NULL;
	if (w[1] == '-') {
		size_t n = strcspn(w + 2, "=");

		for (const struct opt *o = tab; o->name; o++)
			if (name_match(w + 2, n, o->name, &exact) && exact)
				return o;
		return NULL;
	}
	for (const struct opt *o = tab; o->name; o++)
		if (o->key == (unsigned char)w[1] && w[2] == '\0')
			return o;
	return NULL;
}

static int
short_opt(struct optp *p)
{
	int			 c = (unsigned char)*p->bundle++;
	const struct opt	*o = find_short(p, c);

	if (o == NULL) {
		warnx("unknown option '-%c'", c);
		p->bundle = NULL;
		return -1;
	}
	p->opt = o;
	p->arg = NULL;
	if (o->arg == OPT_VALUE) {
		if (*p->bundle != '\0')		/* -aVALUE */
			p->arg = p->bundle;
		else if (p->i < p->argc)	/* -a VALUE, whatever it is */
			p->arg = p->argv[p->i++];
		else {
			warnx("option '-%c' needs a value", c);
			p->bundle = NULL;
			return -1;
		}
		p->bundle = NULL;
	} else if (*p->bundle == '\0')
		p->bundle = NULL;
	return o->key;
}

static int
long_opt(struct optp *p, const char *a)
{
	const char		*eq = strchr(a, '=');
	size_t			 n = eq ? (size_t)(eq - a) : strlen(a);
	const struct opt	*o;
	int			 ambiguous;

	if ((o = find_long(p, a, n, &ambiguous)) == NULL) {
		warnx("%s option '--%.*s'", ambiguous ? "ambiguous" :
		    "unknown", (int)n, a);
		return -1;
	}
	p->opt = o;
	p->arg = NULL;
	if (o->arg == OPT_FLAG) {
		if (eq != NULL) {
			warnx("option '--%s' takes no value", o->name);
			return -1;
		}
		return o->key;
	}
	if (eq != NULL)
		p->arg = eq + 1;
	else if (p->i < p->argc)
		p->arg = p->argv[p->i++];
	else {
		warnx("option '--%s' needs a value", o->name);
		return -1;
	}
	return o->key;
}

int
opt_next(struct optp *p)
{
	if (p->bundle != NULL)
		return short_opt(p);
	while (p->i < p->argc) {
		char *a = p->argv[p->i++];

		if (p->dashdash || a[0] != '-' || a[1] == '\0') {
			p->operands[p->noperands++] = a;	/* "-" too */
			continue;
		}
		if (strcmp(a, "--") == 0) {
			p->dashdash = 1;
			continue;
		}
		if (a[1] == '-')
			return long_opt(p, a + 2);
		p->bundle = a + 1;
		return short_opt(p);
	}
	p->opt = NULL;
	p->arg = NULL;
	return 0;
}

static void
help_table(FILE *f, const struct opt *tab)
{
	for (const struct opt *o = tab; o && o->name; o++) {
		char	 lead[80];
		int	 n;

		if (o->help == NULL)	/* hidden */
			continue;
		if (o->key > 0 && o->key < 256)
			n = snprintf(lead, sizeof(lead), "-%c, --%s", o->key,
			    o->name);
		else
			n = snprintf(lead, sizeof(lead), "    --%s", o->name);
		if (o->arg == OPT_VALUE && n >= 0 && (size_t)n < sizeof(lead))
			snprintf(lead + n, sizeof(lead) - (size_t)n, " %s",
			    o->metavar ? o->metavar : "VALUE");
		fprintf(f, "\t%-28s %s\n", lead, o->help);
	}
}

void
opt_help(FILE *f, const struct opt *tab)
{
	help_table(f, tab);
}

void
opt_words(FILE *f, const char *list, const char *cur)
{
	size_t n = strlen(cur);

	while (list && *list) {
		size_t len;

		list += strspn(list, " ");
		len = strcspn(list, " ");
		if (len > 0 && len >= n && strncmp(list, cur, n) == 0)
			fprintf(f, "%.*s\n", (int)len, list);
		list += len;
	}
}

/* Long names only, as git offers them: short ones are for typing. */
static void
option_names(FILE *f, const struct opt *tab, const char *cur)
{
	size_t n = strlen(cur);

	for (const struct opt *o = tab; o && o->name; o++) {
		char name[80];

		if (o->help == NULL)
			continue;
		snprintf(name, sizeof(name), "--%s", o->name);
		if (strncmp(name, cur, n) == 0)
			fprintf(f, "%s\n", name);
	}
}

static enum opt_comp
value(FILE *f, const struct opt *o, const char *cur)
{
	switch (o->comp) {
	case COMP_WORDS:
		opt_words(f, o->words, cur);
		return COMP_NONE;
	case COMP_DATE:
		opt_words(f, "today tomorrow yesterday", cur);
		return COMP_NONE;
	case COMP_MAP:
		/* bash gives the part after '=' apart: values only, as for
		   --opt=value; the column before it is the file's to say */
		if (strchr(cur, '=') != NULL)
			opt_words(f, o->words, strrchr(cur, '=') + 1);
		return COMP_NONE;
	case COMP_PATIENT:
	case COMP_APPT:
	case COMP_NONE:
		return COMP_NONE;
	default:
		return o->comp;
	}
}

/* How many operands stand in words[0..n-1]: not options, not their values. */
static int
operands_before(const struct opt *verb, const struct opt *global, int n,
    char *words[])
{
	const struct opt	*o;
	int			 k = 0, dashdash = 0;

	for (int i = 0; i < n; i++) {
		const char *w = words[i];

		if (dashdash || w[0] != '-' || w[1] == '\0')
			k++;
		else if (strcmp(w, "--") == 0)
			dashdash = 1;
		else if (strchr(w, '=') == NULL &&
		    (((o = opt_find(verb, w)) != NULL ||
		    (o = opt_find(global, w)) != NULL) && o->arg == OPT_VALUE))
			i++;	/* its value is the next word */
	}
	return k;
}

enum opt_comp
opt_complete(FILE *f, const struct opt *verb, const struct opt *global,
    int nwords, char *words[], const char *cur, enum opt_comp operand,
    const struct opt *args)
{
	const struct opt *o;

	/* the word before: an option waiting for its value? */
	if (nwords > 0 && words[nwords - 1][0] == '-' &&
	    strchr(words[nwords - 1], '=') == NULL &&
	    ((o = opt_find(verb, words[nwords - 1])) != NULL ||
	    (o = opt_find(global, words[nwords - 1])) != NULL) &&
	    o->arg == OPT_VALUE)
		return value(f, o, cur);
	if (cur[0] == '-' && cur[1] == '-' && strchr(cur, '=') != NULL) {
		char *name = xstrndup(cur, strcspn(cur, "="));

		o = opt_find(verb, name);
		if (o == NULL)
			o = opt_find(global, name);
		free(name);
		if (o == NULL || o->arg != OPT_VALUE)
			return COMP_NONE;
		/* the shell splits at '=' (bash) or not (zsh): give values */
		return value(f, o, strchr(cur, '=') + 1);
	}
	if (cur[0] == '-') {
		option_names(f, verb, cur);
		option_names(f, global, cur);
		return COMP_NONE;
	}
	if (args != NULL && args->name != NULL) {
		int k = operands_before(verb, global, nwords, words);

		/* past the last, the last: "PROVIDER ..." */
		for (o = args; k > 0 && o[1].name != NULL; k--)
			o++;
		return value(f, o, cur);
	}
	if (operand == COMP_DATE) {	/* sched day [DAY] */
		opt_words(f, "today tomorrow yesterday", cur);
		return COMP_NONE;
	}
	return operand == COMP_PATIENT || operand == COMP_APPT ||
	    operand == COMP_WORDS ? COMP_NONE : operand;
}

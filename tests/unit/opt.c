/*
 * opt - unit tests for lib/opt.c: parsing against a verb's table and the
 * global one (getopt_long's conventions, worked out by hand from
 * getopt(3): permuted operands, "--", bundled flags, "-aVALUE",
 * "--opt=value", unambiguous prefixes), the one change from it (an
 * option's value is never read as an option: `--name -V`), the -h lines
 * and the completion candidates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opt.h"
#include "tap.h"

enum { K_PROVIDER = 'p', K_AT = 'a', K_FORCE = 'f', K_SKIP = 's',
    K_SMS = 256, K_PATIENT, K_RECUR, K_NAME, K_OUT = 'o', K_VERSION = 'V',
    K_HELP = 'h' };

static const struct opt verb[] = {
	{ "provider", K_PROVIDER, OPT_VALUE, "PRV", "the provider",
	    COMP_PROVIDER, NULL },
	{ "patient", K_PATIENT, OPT_VALUE, "PAT", "the patient", COMP_PATIENT,
	    NULL },
	{ "at", K_AT, OPT_VALUE, "TIME", "when", COMP_DATE, NULL },
	{ "force", K_FORCE, OPT_FLAG, NULL, "book anyway", COMP_NONE, NULL },
	{ "skip", K_SKIP, OPT_FLAG, NULL, "skip what is taken", COMP_NONE,
	    NULL },
	{ "sms-consent", K_SMS, OPT_VALUE, "yes|no", "consent to texts",
	    COMP_WORDS, "yes no" },
	{ "recur", K_RECUR, OPT_VALUE, "RULE", "repeat", COMP_WORDS,
	    "daily weekly biweekly monthly" },
	{ "name", K_NAME, OPT_VALUE, "TEXT", "the name", COMP_NONE, NULL },
	{ "secret", 300, OPT_FLAG, NULL, NULL, COMP_NONE, NULL },
	OPT_END
};

static const struct opt global[] = {
	{ "output", K_OUT, OPT_VALUE, "FORMAT", "table, tsv, csv or json",
	    COMP_WORDS, "table tsv csv json" },
	{ "help", K_HELP, OPT_FLAG, NULL, "this help", COMP_NONE, NULL },
	{ "version", K_VERSION, OPT_FLAG, NULL, "the version", COMP_NONE,
	    NULL },
	OPT_END
};

/*
 * Parse a blank-separated command line; the result, one item per option
 * ("key=value" or "key") then "| operands", in buf.  -1 ends it early.
 */
static const char *
parse(const char *line)
{
	static char	 buf[512];
	char		*copy = strdup(line), *argv[32], *w;
	int		 argc = 0, k;
	struct optp	 p;

	argv[argc++] = "prog";
	for (w = strtok(copy, " "); w && argc < 31; w = strtok(NULL, " "))
		argv[argc++] = strcmp(w, "''") == 0 ? "" : w;
	argv[argc] = NULL;
	buf[0] = '\0';
	opt_init(&p, "prog", argc, argv, verb, global);
	while ((k = opt_next(&p)) != 0) {
		size_t n = strlen(buf);

		if (k == -1) {
			snprintf(buf + n, sizeof(buf) - n, "ERR");
			break;
		}
		if (p.arg)
			snprintf(buf + n, sizeof(buf) - n, "%s=%s ",
			    p.opt->name, p.arg);
		else
			snprintf(buf + n, sizeof(buf) - n, "%s ", p.opt->name);
	}
	if (k == 0) {
		strcat(buf, "|");
		for (int i = 0; i < p.noperands; i++) {
			strcat(buf, " ");
			strcat(buf, p.operands[i]);
		}
	}
	opt_free(&p);
	free(copy);
	return buf;
}

/* Operands by position, as `provider hours PROVIDER DAYS RANGES`. */
static const struct opt hours_args[] = {
	{ "PROVIDER", 0, OPT_VALUE, NULL, NULL, COMP_PROVIDER, NULL },
	{ "DAYS", 0, OPT_VALUE, NULL, NULL, COMP_WORDS, "mon tue mon-fri" },
	{ "RANGES", 0, OPT_VALUE, NULL, NULL, COMP_WORDS, "off" },
	OPT_END
};
static const struct opt *args;	/* what complete() hands on */

/* What opt_complete prints for the words of line, the last being cur. */
static const char *
complete(const char *line, enum opt_comp operand, enum opt_comp *kind)
{
	static char	 out[1024];
	char		*copy = strdup(line), *words[32], *w;
	int		 n = 0;
	FILE		*f = fmemopen(out, sizeof(out), "w");

	for (w = strtok(copy, " "); w && n < 31; w = strtok(NULL, " "))
		words[n++] = strcmp(w, "''") == 0 ? "" : w;
	memset(out, 0, sizeof(out));
	*kind = opt_complete(f, verb, global, n - 1, words, words[n - 1],
	    operand, args);
	fclose(f);
	free(copy);
	return out;
}

int
main(void)
{
	enum opt_comp	 kind;
	char		*help;
	size_t		 len;
	FILE		*f;

	/* getopt_long's forms */
	is_str(parse("--provider prv-1 --at 09:00"),
	    "provider=prv-1 at=09:00 |", "long options with separate values");
	is_str(parse("--provider=prv-1 -a09:00"),
	    "provider=prv-1 at=09:00 |", "--opt=value and -aVALUE");
	is_str(parse("-p prv-1"), "provider=prv-1 |", "-a VALUE");
	is_str(parse("-fs"), "force skip |", "bundled flags");
	is_str(parse("-fa 09:00"), "force at=09:00 |",
	    "a flag bundled with an option taking the next word");
	is_str(parse("-fa09:00"), "force at=09:00 |",
	    "a flag bundled with an option and its value");
	is_str(parse("pat-1 --force pat-2"), "force | pat-1 pat-2",
	    "operands are permuted, order kept");
	is_str(parse("pat-1 -- --force -"), "| pat-1 --force -",
	    "-- ends options; - is an operand");
	is_str(parse("--name ''"), "name= |", "an empty value");
	is_str(parse("-o json pat-1 -V"), "output=json version | pat-1",
	    "global options anywhere");

	/* the one change: a value is never an option */
	is_str(parse("--name -V"), "name=-V |", "--name -V names '-V'");
	is_str(parse("--name --force"), "name=--force |",
	    "--name --force names '--force'");
	is_str(parse("-p -h"), "provider=-h |", "-p -h: the provider is '-h'");

	/* names */
	is_str(parse("--sms_consent yes"), "sms-consent=yes |",
	    "underscores read as dashes");
	is_str(parse("--prov prv-1"), "provider=prv-1 |",
	    "an unambiguous prefix");
	is_str(parse("--p x"), "ERR", "an ambiguous prefix (provider, patient)");
	is_str(parse("--nope"), "ERR", "an unknown long option");
	is_str(parse("-z"), "ERR", "an unknown short option");
	is_str(parse("--force=1"), "ERR", "a value given to a flag");
	is_str(parse("--at"), "ERR", "a value missing at the end");
	is_str(parse("-fa"), "force ERR",
	    "a bundled value missing at the end (the flag before it is read)");
	is_str(parse("--secret"), "secret |", "a hidden option still parses");

	/* -h lines: short and long, metavar, hidden ones left out */
	f = open_memstream(&help, &len);
	opt_help(f, verb);
	fclose(f);
	ok(strstr(help, "\t-p, --provider PRV") != NULL,
	    "help shows the short and long name and the value's name");
	ok(strstr(help, "\t    --sms-consent yes|no") != NULL,
	    "help shows a long-only option indented like the rest");
	ok(strstr(help, "book anyway\n") != NULL, "help carries the help line");
	ok(strstr(help, "secret") == NULL, "a hidden option is not shown");
	free(help);

	/* completion */
	is_str(complete("--re", COMP_NONE, &kind), "--recur\n",
	    "an option name from a prefix");
	is_str(complete("--", COMP_NONE, &kind),
	    "--provider\n--patient\n--at\n--force\n--skip\n--sms-consent\n"
	    "--recur\n--name\n--output\n--help\n--version\n",
	    "every visible option, the verb's then the global ones");
	is_str(complete("--recur w", COMP_NONE, &kind), "weekly\n",
	    "a fixed word after its option");
	is_str(complete("--recur=m", COMP_NONE, &kind), "monthly\n",
	    "a fixed word after --opt=");
	is_str(complete("-o ''", COMP_NONE, &kind), "table\ntsv\ncsv\njson\n",
	    "a global option's words");
	is_str(complete("--at t", COMP_NONE, &kind), "today\ntomorrow\n",
	    "date words");
	complete("--provider ''", COMP_NONE, &kind);
	is_int(kind, COMP_PROVIDER, "providers are the program's to list");
	is_str(complete("--patient ''", COMP_NONE, &kind), "",
	    "patients are never offered");
	is_int(kind, COMP_NONE, "... and nothing is asked of the program");
	complete("pat-1 ''", COMP_FILE, &kind);
	is_int(kind, COMP_FILE, "an operand's kind comes back for the shell");
	complete("--force ''", COMP_APPT, &kind);
	is_int(kind, COMP_NONE, "after a flag comes an operand: appointments "
	    "are never offered");

	args = hours_args;
	complete("''", COMP_NONE, &kind);
	is_int(kind, COMP_PROVIDER, "by position: the first operand's kind");
	is_str(complete("prv-1 m", COMP_NONE, &kind), "mon\nmon-fri\n",
	    "the second's words");
	is_str(complete("--at today prv-1 --force mon o", COMP_NONE, &kind),
	    "off\n", "options and their values are not operands");
	is_str(complete("prv-1 mon off o", COMP_NONE, &kind), "off\n",
	    "past the last, the last");
	is_str(complete("-- prv-1 -x ''", COMP_NONE, &kind), "off\n",
	    "after --, all are operands");
	is_str(complete("prv-1 --re", COMP_NONE, &kind), "--recur\n",
	    "an option still completes as one");
	args = NULL;
	return done_testing();
}

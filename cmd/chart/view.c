/*
 * chart's reading of a whole chart: `chart show PATIENT`, the one screen
 * a provider looks at first (the ENC half of show is the encounter
 * part's), and `chart history`, every clinical event in time order.
 * The statements are lib/chartview.c's and the areas' own; this file
 * prints.  Both are reads: one audit row naming the patient, written
 * before anything is printed, and --break-glass opens them to any login.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "allergy.h"
#include "app.h"
#include "chart.h"
#include "chartview.h"
#include "out.h"
#include "problem.h"
#include "span.h"
#include "util.h"
#include "vitals.h"

/* Until rx exists there is nothing to list. */
#define MEDS_NONE	"none recorded"

/* A section's rows, columns from..to-1 of each joined by two spaces. */
static long
text_rows(FILE *f, struct db *db, db_rows *s, int from, int to)
{
	long	n = 0;
	int	rc;

	while ((rc = db_step(db, s)) == SQLITE_ROW) {
		fputs("  ", f);
		for (int i = from; i < to; i++)
			if (*db_col(s, i))
				fprintf(f, "%s%s", i > from ? "  " : "",
				    db_col(s, i));
		putc('\n', f);
		n++;
	}
	db_reset(s);
	if (rc != SQLITE_DONE)
		return -rc;	/* db_step's sysexits code */
	if (n == 0)
		fputs("  none\n", f);
	return n;
}

/* Lines of text, each ending in a newline, as a JSON array of strings. */
static void
json_lines(FILE *f, const char *text)
{
	const char	*p, *nl;
	char		*line;

	putc('[', f);
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		line = xstrndup(p, (size_t)(nl - p));
		fputs(p == text ? "" : ",", f);
		out_json_string(f, line);
		free(line);
	}
	putc(']', f);
}

static int
show_json(struct app *app, long long pat, const char *allergies)
{
	FILE	*f = stdout;
	long	 n;

	fputs("{\"patient\":", f);
	if ((n = out_json_rows(f, chartview_patient(app->db, pat), 1)) < 0)
		return (int)-n;
	fputs(",\"problems\":", f);
	if ((n = out_json_rows(f, problem_list(app->db, pat, 0), 0)) < 0)
		return (int)-n;
	fputs(",\"allergies\":", f);
	json_lines(f, allergies);
	fputs(",\"medications\":[],\"vitals\":", f);
	if ((n = out_json_rows(f, vit_latest(app->db, pat), 0)) < 0)
		return (int)-n;
	fputs(",\"encounters\":", f);
	if ((n = out_json_rows(f, chartview_encounters(app->db, pat, 0),
	    0)) < 0)
		return (int)-n;
	fputs(",\"open_encounters\":", f);
	if ((n = out_json_rows(f, chartview_encounters(app->db, pat, 1),
	    0)) < 0)
		return (int)-n;
	fputs("}\n", f);
	return 0;
}

/*
 * Lines of text, each ending in a newline, indented; none: "none".  On a
 * terminal the line bold is bold: "not recorded" allergies are not "no
 * allergies", and must be hard to miss.
 */
static void
text_lines(FILE *f, const char *text, const char *bold)
{
	const char	*p, *nl;
	int		 tty = isatty(fileno(f));

	if (text == NULL || *text == '\0')
		fputs("  none\n", f);
	for (p = text; p && (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		int len = (int)(nl - p);

		if (tty && bold && strlen(bold) == (size_t)len &&
		    strncmp(p, bold, (size_t)len) == 0)
			fprintf(f, "  \033[1m%.*s\033[0m\n", len, p);
		else
			fprintf(f, "  %.*s\n", len, p);
	}
}

static int
show_text(struct app *app, long long pat, const char *allergies)
{
	FILE		*f = stdout;
	db_rows	*s = chartview_patient(app->db, pat);
	struct buf	 vitals = { 0 };
	long		 n;
	int		 rc;

	if ((rc = db_step(app->db, s)) != SQLITE_ROW) {
		db_reset(s);
		return rc == SQLITE_DONE ? 1 : rc;
	}
	/* name, age, sex, MRN: who this is, before anything about them */
	fprintf(f, "%s  %s  age %s  %s  MRN %s\n", db_col(s, 1),
	    db_col(s, 0), db_col(s, 4),
	    *db_col(s, 5) ? db_col(s, 5) : "sex unknown", db_col(s, 2));
	db_reset(s);
	fputs("\nProblems\n", f);
	if ((n = text_rows(f, app->db, problem_list(app->db, pat, 0), 1, 3)) < 0)
		return (int)-n;
	fputs("\nAllergies\n", f);
	text_lines(f, allergies, "not recorded");
	fputs("\nMedications\n  " MEDS_NONE "\n", f);
	fputs("\nVitals\n", f);
	if ((rc = vit_latest_text(app->db, pat, &vitals)) != 0)
		return rc;
	text_lines(f, vitals.s, NULL);
	buf_free(&vitals);
	fputs("\nEncounters\n", f);
	if ((n = text_rows(f, app->db, chartview_encounters(app->db, pat, 0), 0,
	    6)) < 0)
		return (int)-n;
	fputs("\nOpen encounters\n", f);
	if ((n = text_rows(f, app->db, chartview_encounters(app->db, pat, 1), 0,
	    5)) < 0)
		return (int)-n;
	return 0;
}

int
chart_show_patient(struct app *app, const char *key)
{
	struct buf	 allergies = { 0 };
	long long	 pat;
	int		 rc;

	if ((rc = app_patient(app, CAP_CLINICAL_READ, key, &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, "chart")) != 0)
		return rc;
	if ((rc = allergy_lines(app->db, pat, &allergies)) == 0)
		rc = out_format(app->out) == OUT_JSON ?
		    show_json(app, pat, allergies.s) :
		    show_text(app, pat, allergies.s);
	buf_free(&allergies);
	return rc;
}

/* --- history ------------------------------------------------------------ */

static const struct opt history_opts[] = {
	{ "kind", 'k', OPT_VALUE, "KIND", "only events of this kind (lab: "
	    "none are kept yet)", COMP_WORDS,
	    "note dx proc vitals allergy immunization lab" },
	OPT_FROM('f', "from this day or time"),
	OPT_TO('t', "up to this day (included) or time"),
	APP_OPT_BREAK_GLASS,
	OPT_END
};

static int
verb_history(int argc, char *argv[], struct app *app)
{
	struct days	 span;
	const char	*kind = NULL, *from = NULL, *to = NULL;
	char		 why[DAYS_WHY];
	long long	 pat;
	int		 k, rc;

	while ((k = app_opt(app)) > 0)
		switch (k) {
		case 'k': kind = app->optarg; break;
		case 'f': from = app->optarg; break;
		case 't': to = app->optarg; break;
		}
	if (argc != 1) {
		warnx("history wants one PATIENT");
		return EX_USAGE;
	}
	if (kind && !chartview_kind(kind)) {
		warnx("--kind '%s': not one of note, dx, proc, vitals, "
		    "allergy, immunization, lab", kind);
		return EX_USAGE;
	}
	/* the clinic's zone first: --from and --to are its local days */
	if ((rc = app_config(app)) != 0)
		return rc;
	if ((rc = days_parse(&span, NULL, from, to, NULL, NULL, why)) != 0) {
		warnx("%s", why);
		return rc;
	}
	/*
	 * One patient's events: the row names them, written before the
	 * first line, as app_list_phi would, without its counting pass over
	 * a history that may hold thousands.
	 */
	if ((rc = app_patient(app, CAP_CLINICAL_READ, argv[0], &pat)) != 0 ||
	    (rc = app_audit(app, pat, NULL, kind ? kind : "history")) != 0)
		return rc;
	return chart_listed(out_stmt(app->out, chartview_history(app->db, pat,
	    kind, &span), NULL, NULL));
}

const struct verb chart_view_verbs[] = {
	{ .name = "history", .fn = verb_history, .mode = DB_RO,
	    .usage = "PATIENT [--kind KIND] [--from DATE] [--to DATE]",
	    .summary = "a patient's clinical events in time order",
	    .opts = history_opts, .operand = COMP_PATIENT },
};
const size_t chart_view_nverbs = nitems(chart_view_verbs);

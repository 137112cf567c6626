/*
 * note - see note.h.  A whole template is checked before anything is
 * filled, so a bad one never reaches an editor half made.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "allergy.h"
#include "cfg.h"
#include "codeset.h"
#include "editor.h"
#include "note.h"
#include "tmpl.h"
#include "util.h"

#define TEMPLATE_MAX	100000	/* bytes in a template file */

enum ph { PH_PATIENT, PH_AGE, PH_SEX, PH_PROBLEMS, PH_ALLERGIES, PH_MEDS,
    PH_VITALS, PH_REASON, PH_PROVIDER, PH_DATE, PH_MAX };
static const char *const ph_names[PH_MAX] = { "patient", "age", "sex",
    "problems", "allergies", "meds", "vitals", "reason", "provider", "date" };

enum { Q_HEAD, Q_PROBLEMS, Q_VITALS };

/* The encounter's local day, for age and {date}. */
#define DAY	"date(e.start_at, 'localtime')"

const struct query note_queries[] = {
	/* patient, age, sex, reason, provider, date, patient id */
	[Q_HEAD] = { "note.head",
	    "SELECT p.first || ' ' || p.last,"
	    " CAST(strftime('%Y', " DAY ") AS INTEGER)"
	    " - CAST(strftime('%Y', p.dob) AS INTEGER)"
	    " - (strftime('%m-%d', " DAY ") < strftime('%m-%d', p.dob)),"
	    " CASE p.sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male'"
	    " WHEN 'X' THEN 'X' ELSE 'not recorded' END,"
	    " e.reason, v.name || coalesce(', ' || v.credential, ''), " DAY ","
	    " e.patient_id"
	    " FROM encounter e JOIN patient p ON p.id = e.patient_id"
	    " JOIN provider v ON v.id = e.provider_id WHERE e.id = ?1" },
	/* each query's rows are a list's lines, the text in column 0 */
	/* the active problem list: "E11.9 Type 2 diabetes mellitus ..." */
	[Q_PROBLEMS] = { "note.problems",
	    "SELECT " CODESET_ICD_DOTTED("p.code") " || coalesce(' ' || c.title, '')"
	    " FROM problem p LEFT JOIN code c ON c.system = 'icd10cm'"
	    " AND c.code = p.code WHERE p.patient_id = ?1"
	    " AND p.resolved_on IS NULL ORDER BY p.code" },
	/* the latest of each kind in chart order, rounded as a listing
	 * rounds it: "heart rate 72 /min (2030-12-02)" */
	[Q_VITALS] = { "note.vitals",
	    "SELECT s.name || ' ' || printf('%.*f', s.decimals, x.value) || ' '"
	    " || x.unit || ' (' || date(x.at, 'localtime') || ')' FROM"
	    " (SELECT v.loinc, v.value, v.unit, v.at, row_number() OVER"
	    " (PARTITION BY v.loinc ORDER BY v.at DESC, v.id DESC) AS n"
	    " FROM vitals v JOIN encounter e ON e.id = v.encounter_id"
	    " WHERE e.patient_id = ?1) x JOIN vital_sign s ON s.loinc = x.loinc"
	    " WHERE x.n = 1 ORDER BY s.position" },
	{ NULL, NULL }
};

/* Check every placeholder of text (from path): 0, or 78 said. */
static int
check(const char *path, const char *text)
{
	const char	*p = text;
	size_t		 n, line;
	int		 i;

	while ((i = tmpl_next(&p, ph_names, PH_MAX, NULL, &n)) != -1) {
		if (i >= 0)
			continue;
		line = 1;
		for (const char *c = text; c < p; c++)
			line += *c == '\n';
		if (n == 0)
			warnx("%s:%zu: '{' without '}' (write {{ for a brace)",
			    path, line);
		else
			warnx("%s:%zu: unknown placeholder {%.*s} (patient, age, "
			    "sex, problems, allergies, meds, vitals, reason, "
			    "provider, date)", path, line, (int)n, p + 1);
		return EX_CONFIG;
	}
	return 0;
}

/* Query q's lines for patient as "- line" lines, or "none recorded". */
static int
bullets(struct db *db, int q, long long patient, struct buf *b)
{
	sqlite3_stmt	*s = db_query_id(db, &note_queries[q], patient);
	int		 rc, any = 0;

	while ((rc = db_step(db, s)) == SQLITE_ROW)
		buf_printf(b, "%s- %s", any++ ? "\n" : "",
		    sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (!any)
		buf_adds(b, "none recorded");
	return rc == SQLITE_DONE ? 0 : rc;
}

/*
 * {allergies}: lib/allergy.c's lines ("amoxicillin: hives (severe)",
 * "no known drug allergies", "not recorded"), joined by "; " so that
 * "Allergies: {allergies}" stays one line.
 */
static int
allergies(struct db *db, long long patient, struct buf *b)
{
	struct buf	 lines = { 0 };
	size_t		 n;
	int		 rc;

	if ((rc = allergy_lines(db, patient, &lines)) == 0) {
		for (n = lines.len; n && lines.s[n - 1] == '\n'; n--)
			;
		for (size_t i = 0; i < n; i++)
			if (lines.s[i] == '\n')
				buf_adds(b, "; ");
			else
				buf_addc(b, lines.s[i]);
	}
	buf_free(&lines);
	return rc;
}

/* Every placeholder's text for encounter enc into v[]; 0 or a code. */
static int
values(struct db *db, long long enc, struct buf v[PH_MAX])
{
	sqlite3_stmt	*s = db_query_id(db, &note_queries[Q_HEAD],
			    enc);
	const int	 cols[] = { PH_PATIENT, PH_AGE, PH_SEX, PH_REASON,
			    PH_PROVIDER, PH_DATE };
	long long	 patient;
	int		 rc;

	if ((rc = db_step(db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return rc == SQLITE_DONE ? EX_DATAERR : rc;
	}
	for (size_t i = 0; i < nitems(cols); i++) {
		const char *t = (const char *)sqlite3_column_text(s, (int)i);

		buf_adds(&v[cols[i]], t ? t : "not recorded");
	}
	patient = sqlite3_column_int64(s, 6);
	sqlite3_reset(s);
	buf_adds(&v[PH_MEDS], "none recorded");	/* until rx exists */
	if ((rc = bullets(db, Q_PROBLEMS, patient, &v[PH_PROBLEMS])) != 0 ||
	    (rc = bullets(db, Q_VITALS, patient, &v[PH_VITALS])) != 0)
		return rc;
	return allergies(db, patient, &v[PH_ALLERGIES]);
}

int
note_template(const struct cfg *c, struct db *db, long long enc,
    const char *name, char **out)
{
	struct buf	 v[PH_MAX] = { 0 }, b = { 0 };
	const char	*p;
	char		*file, *path, *text = NULL;
	int		 i, rc;

	*out = NULL;
	if (*name == '\0' || strspn(name,
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(name)) {
		warnx("--template '%s': lower-case letters, digits, - and _ "
		    "only", name);
		return EX_USAGE;
	}
	file = xasprintf("%s.txt", name);
	path = tmpl_find(c, "notes", file);
	free(file);
	if (path == NULL) {
		warnx("no note template '%s' (looked in %s/templates/notes and "
		    "share/templates/notes)", name, c->dir);
		return EX_NOINPUT;
	}
	if ((rc = editor_read(path, TEMPLATE_MAX, &text)) != 0 ||
	    (rc = check(path, text)) != 0 || (rc = values(db, enc, v)) != 0)
		goto out;
	p = text;
	while ((i = tmpl_next(&p, ph_names, PH_MAX, &b, NULL)) >= 0)
		buf_adds(&b, v[i].s ? v[i].s : "");
	*out = b.s ? b.s : xstrdup("");
out:
	if (rc != 0)
		buf_free(&b);
	for (i = 0; i < PH_MAX; i++)
		buf_free(&v[i]);
	free(text);
	free(path);
	return rc;
}

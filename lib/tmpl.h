/*
 * tmpl - reminder templates: finding NAME[.LANG].yaml (the config's
 * templates/remind/ first, then share/templates/remind/), checking every
 * placeholder when the file is loaded, and rendering subject, email body
 * and SMS text with dates in the clinic's zone and the template's words;
 * and, for every kind of template, finding its file and reading its
 * {placeholders}.
 */
#ifndef CLINIX_TMPL_H
#define CLINIX_TMPL_H

#include <time.h>

struct buf;
struct cfg;

enum tmpl_part { TP_SUBJECT, TP_EMAIL, TP_SMS, TP_CANCEL, TP_MAX };

struct tmpl;

/* What a message is about; NULL fields render empty. */
struct tmpl_vars {
	const char	*patient;	/* preferred name, else first name */
	const char	*provider;
	const char	*location;
	time_t		 start;		/* 0 for a message about no visit */
};

/*
 * Load template name for language lang (a patient's language, NULL for
 * the default): NAME.LANG.yaml when it exists, else NAME.yaml.  A visit
 * template may use {date}, {time}, {provider}, {location}; a patient
 * one (for_visit 0) may not.  0; 66 when there is no such template; 78
 * when it is bad (unknown placeholder, missing part), said with file:line.
 */
int	 tmpl_load(const struct cfg *, const char *name, const char *lang,
	    int for_visit, struct tmpl **);
void	 tmpl_free(struct tmpl *);
const char *tmpl_path(const struct tmpl *);
/*
 * Append part, its placeholders filled, to out.  NULL, or the name of the
 * first placeholder that came out empty ("clinic_phone" when clinic.phone
 * is not set), which the caller must not send.
 */
const char *tmpl_render(const struct tmpl *, enum tmpl_part,
	    const struct cfg *, const struct tmpl_vars *, struct buf *out);

/*
 * What every kind of template shares.  The file for a template (file
 * "NAME.yaml") of kind ("remind", "notes"): the config's templates/KIND/
 * first, then share/templates/KIND/; NULL when neither has it.  Owned.
 */
char	*tmpl_find(const struct cfg *, const char *kind, const char *file);
/*
 * Placeholders: "{name}", name one of names[0..n); "{{" writes a brace.
 * From *p on: the text before the next placeholder goes to out (when not
 * NULL), *p moves past it and its index comes back; -1 at the end of the
 * text; -2 at a '{' with no '}' (*len 0) or an unknown name (*len its
 * length), *p left at the '{'.
 */
int	 tmpl_next(const char **p, const char *const names[], int n,
	    struct buf *out, size_t *len);

#endif

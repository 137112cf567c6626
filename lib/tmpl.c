/*
 * tmpl - reminder templates.  A template is a flat YAML mapping:
 *	subject, email, sms	the message, with {placeholders}
 *	cancel			the cancel/confirm instruction, {cancel}
 *	date_format, time_format  strftime-like: %A %a %B %b %d %e %Y %H %I
 *				%M %p (names from weekdays/months)
 *	weekdays, months	the names, blank-separated, Monday first
 * "{{" writes a brace.  Anything else in braces is checked at load.
 * The placeholder scanner (tmpl_next) and the finder (tmpl_find) serve
 * the plain-text note templates too (lib/note.c).
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cfg.h"
#include "sms.h"
#include "tmpl.h"
#include "util.h"
#include "yrec.h"

static const char *const part_names[TP_MAX] = { "subject", "email", "sms",
    "cancel" };

/* The placeholders, and whether they need a visit. */
enum ph { PH_PATIENT, PH_CLINIC, PH_CLINIC_PHONE, PH_CANCEL, PH_DATE,
    PH_TIME, PH_PROVIDER, PH_LOCATION, PH_MAX };
static const char *const ph_names[PH_MAX] = { "patient", "clinic",
    "clinic_phone", "cancel", "date", "time", "provider", "location" };
#define PH_VISIT	PH_DATE		/* from here on, about a visit */

struct tmpl {
	char	*path;
	char	*part[TP_MAX];
	char	*date_format, *time_format;
	char	*names;			/* weekdays then months, split */
	char	*weekday[7], *month[12];
};

static const char en_days[] =
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday";
static const char en_months[] = "January February March April May June July "
    "August September October November December";

struct load {
	struct tmpl	*t;
	int		 for_visit;
	char		*days, *months;
};

/* Check every {name} in s; 0 or 78 (said). */
static int
check(const struct load *ld, const char *key, const char *s, size_t line)
{
	const char	*p = s;
	size_t		 n;
	int		 i;

	while ((i = tmpl_next(&p, ph_names, PH_MAX, NULL, &n)) != -1) {
		if (i == -2 && n == 0) {
			warnx("%s:%zu: %s: '{' without '}' (write {{ for a "
			    "brace)", ld->t->path, line, key);
			return EX_CONFIG;
		}
		if (i == -2) {
			warnx("%s:%zu: %s: unknown placeholder {%.*s}",
			    ld->t->path, line, key, (int)n, p + 1);
			return EX_CONFIG;
		}
		if (i >= PH_VISIT && !ld->for_visit) {
			warnx("%s:%zu: %s: {%s} needs an appointment, and "
			    "this message is about a patient", ld->t->path,
			    line, key, ph_names[i]);
			return EX_CONFIG;
		}
		if (i == PH_CANCEL && streq(key, "cancel")) {
			warnx("%s:%zu: cancel: may not use {cancel}",
			    ld->t->path, line);
			return EX_CONFIG;
		}
	}
	return 0;
}

int
tmpl_next(const char **pp, const char *const names[], int n,
    struct buf *out, size_t *len)
{
	const char *p = *pp, *end;

	for (; *p; p++) {
		if (*p != '{') {
			if (out)
				buf_addc(out, *p);
			continue;
		}
		if (p[1] == '{') {
			if (out)
				buf_addc(out, '{');
			p++;
			continue;
		}
		*pp = p;
		if ((end = strchr(p, '}')) == NULL) {
			if (len)
				*len = 0;
			return -2;
		}
		for (int i = 0; i < n; i++)
			if (strlen(names[i]) == (size_t)(end - p - 1) &&
			    strncmp(names[i], p + 1, (size_t)(end - p - 1)) == 0) {
				*pp = end + 1;
				return i;
			}
		if (len)
			*len = (size_t)(end - p - 1);
		return -2;
	}
	*pp = p;
	return -1;
}

static int
field(const char *key, const char *value, size_t line, void *arg)
{
	struct load	*ld = arg;
	struct tmpl	*t = ld->t;
	char		**slot = NULL;
	const char	*why;

	for (int i = 0; i < TP_MAX; i++)
		if (streq(key, part_names[i]))
			slot = &t->part[i];
	if (streq(key, "date_format"))
		slot = &t->date_format;
	else if (streq(key, "time_format"))
		slot = &t->time_format;
	else if (streq(key, "weekdays"))
		slot = &ld->days;
	else if (streq(key, "months"))
		slot = &ld->months;
	if (slot == NULL) {
		warnx("%s:%zu: unknown key '%s' (subject, email, sms, cancel, "
		    "date_format, time_format, weekdays, months)", t->path,
		    line, key);
		return EX_CONFIG;
	}
	if ((why = text_problem(value, 4000, TEXT_LINES | TEXT_BYTES))) {
		warnx("%s:%zu: %s: %s", t->path, line, key, why);
		return EX_CONFIG;
	}
	free(*slot);
	*slot = xstrdup(value);
	return slot == &ld->days || slot == &ld->months ? 0 :
	    check(ld, key, value, line);
}

/* Split s on blanks into want names; 0 or -1. */
static int
split(char *s, char **v, int want)
{
	int n = 0;

	for (char *w = strtok(s, " \t\n"); w; w = strtok(NULL, " \t\n"))
		if (n < want)
			v[n++] = w;
		else
			return -1;
	return n == want ? 0 : -1;
}

char *
tmpl_find(const struct cfg *c, const char *kind, const char *file)
{
	char	*p, *share, *sub = xasprintf("templates/%s", kind);

	p = xasprintf("%s/%s/%s", c->dir, sub, file);
	if (eaccess(p, R_OK) != 0) {	/* the setgid group's view */
		free(p);
		share = share_find(sub);
		p = share ? xasprintf("%s/%s", share, file) : NULL;
		free(share);
		if (p && eaccess(p, R_OK) != 0) {
			free(p);
			p = NULL;
		}
	}
	free(sub);
	return p;
}

/* The file for name and lang, or NULL. */
static char *
find(const struct cfg *c, const char *name, const char *lang)
{
	char	*file, *p;

	file = lang ? xasprintf("%s.%s.yaml", name, lang) :
	    xasprintf("%s.yaml", name);
	p = tmpl_find(c, "remind", file);
	free(file);
	return p;
}

static void when(const struct tmpl *, const char *, time_t, struct buf *);

/*
 * Does the SMS text fit remind.sms_max_segments with the shortest values
 * (empty names)?  A template that never fits is a config error now; one
 * that a long name pushes over fails that one message when it is sent.
 */
static int
sms_fits(const struct cfg *c, const struct tmpl *t)
{
	struct tmpl_vars v = { "", "", "", 1915286400 };
	struct sms_count n;
	struct buf	 b = { 0 };
	int		 rc = 0;

	tmpl_render(t, TP_SMS, c, &v, &b);
	if (sms_count(b.s ? b.s : "", &n) == 0 &&
	    n.segments > c->remind_sms_max_segments) {
		warnx("%s: sms: %d segments even with empty names, more than "
		    "remind.sms_max_segments %ld", t->path, n.segments,
		    c->remind_sms_max_segments);
		rc = EX_CONFIG;
	}
	buf_free(&b);
	return rc;
}

int
tmpl_load(const struct cfg *c, const char *name, const char *lang,
    int for_visit, struct tmpl **out)
{
	struct load	 ld = { .for_visit = for_visit };
	char		*path = NULL, code[8] = "";
	FILE		*f;
	int		 rc;

	*out = NULL;
	if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") !=
	    strlen(name) || *name == '\0') {
		warnx("template '%s': lower-case letters, digits, - and _ only",
		    name);
		return EX_USAGE;
	}
	/* "es", "es-MX", "ES_mx" all look for NAME.es.yaml */
	if (lang && *lang) {
		size_t n = strcspn(lang, "-_");

		for (size_t i = 0; i < n && i + 1 < sizeof(code); i++)
			code[i] = (char)(lang[i] | 0x20);
		if (n < sizeof(code) && strspn(code, "abcdefghijklmnopqrstuvwxyz")
		    == n)
			path = find(c, name, code);
	}
	if (path == NULL && (path = find(c, name, NULL)) == NULL) {
		warnx("no reminder template '%s' (looked in %s/templates/remind "
		    "and share/templates/remind)", name, c->dir);
		return EX_NOINPUT;
	}
	if ((f = fopen(path, "r")) == NULL) {
		warn("%s", path);
		free(path);
		return EX_NOINPUT;
	}
	ld.t = xcalloc(1, sizeof(*ld.t));
	ld.t->path = path;
	rc = yrec_read(f, path, field, &ld);
	fclose(f);
	if (rc == EX_DATAERR)
		rc = EX_CONFIG;		/* yrec said file:line */
	if (rc == 0 && ld.t->part[TP_SMS] == NULL && ld.t->part[TP_EMAIL] ==
	    NULL) {
		warnx("%s: needs an email or an sms text", path);
		rc = EX_CONFIG;
	}
	if (rc == 0 && ld.t->part[TP_EMAIL] && ld.t->part[TP_SUBJECT] == NULL) {
		warnx("%s: an email needs a subject", path);
		rc = EX_CONFIG;
	}
	if (rc == 0) {
		struct tmpl *t = ld.t;

		t->names = xasprintf("%s\n%s", ld.days ? ld.days : en_days,
		    ld.months ? ld.months : en_months);
		char *nl = strchr(t->names, '\n');

		*nl = '\0';
		if (split(t->names, t->weekday, 7) != 0 ||
		    split(nl + 1, t->month, 12) != 0) {
			warnx("%s: weekdays wants 7 names (Monday first), "
			    "months 12", path);
			rc = EX_CONFIG;
		}
		if (t->date_format == NULL)
			t->date_format = xstrdup("%A, %B %e");
		if (t->time_format == NULL)
			t->time_format = xstrdup("%I:%M %p");
	}
	free(ld.days);
	free(ld.months);
	if (rc == 0 && ld.t->part[TP_SMS])
		rc = sms_fits(c, ld.t);
	if (rc != 0) {
		tmpl_free(ld.t);
		return rc;
	}
	*out = ld.t;
	return 0;
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	for (int i = 0; i < TP_MAX; i++)
		free(t->part[i]);
	free(t->date_format);
	free(t->time_format);
	free(t->names);
	free(t->path);
	free(t);
}

const char *
tmpl_path(const struct tmpl *t)
{
	return t->path;
}

/* The first three characters of a name, whole UTF-8 sequences. */
static void
abbrev(struct buf *out, const char *s)
{
	size_t n = 0;

	for (int chars = 0; s[n] && chars < 3; chars++)
		do
			n++;
		while (((unsigned char)s[n] & 0xC0) == 0x80);
	buf_add(out, s, n);
}

/* A date or time by fmt, with the template's names; no locale needed. */
static void
when(const struct tmpl *t, const char *fmt, time_t at, struct buf *out)
{
	struct tm tm;

	localtime_r(&at, &tm);
	for (const char *p = fmt; *p; p++) {
		int wd = (tm.tm_wday + 6) % 7;	/* Monday first */

		if (*p != '%' || p[1] == '\0') {
			buf_addc(out, *p);
			continue;
		}
		switch (*++p) {
		case 'A': buf_adds(out, t->weekday[wd]); break;
		case 'a': abbrev(out, t->weekday[wd]); break;
		case 'B': buf_adds(out, t->month[tm.tm_mon]); break;
		case 'b': abbrev(out, t->month[tm.tm_mon]); break;
		case 'd': buf_printf(out, "%02d", tm.tm_mday); break;
		case 'e': buf_printf(out, "%d", tm.tm_mday); break;
		case 'm': buf_printf(out, "%02d", tm.tm_mon + 1); break;
		case 'Y': buf_printf(out, "%d", tm.tm_year + 1900); break;
		case 'H': buf_printf(out, "%02d", tm.tm_hour); break;
		case 'I': buf_printf(out, "%d", (tm.tm_hour + 11) % 12 + 1);
			break;
		case 'M': buf_printf(out, "%02d", tm.tm_min); break;
		case 'p': buf_adds(out, tm.tm_hour < 12 ? "AM" : "PM"); break;
		case '%': buf_addc(out, '%'); break;
		default: buf_addc(out, '%'); buf_addc(out, *p); break;
		}
	}
}

const char *
tmpl_render(const struct tmpl *t, enum tmpl_part part, const struct cfg *c,
    const struct tmpl_vars *v, struct buf *out)
{
	const char *p = t->part[part] ? t->part[part] : "", *empty = NULL, *e;
	int i;

	while ((i = tmpl_next(&p, ph_names, PH_MAX, out, NULL)) >= 0) {
		size_t was = out->len;

		switch (i) {
		case PH_PATIENT: buf_adds(out, v->patient ? v->patient : "");
			break;
		case PH_CLINIC: buf_adds(out, c->clinic_name ?
		    c->clinic_name : ""); break;
		case PH_CLINIC_PHONE: buf_adds(out, c->clinic_phone ?
		    c->clinic_phone : ""); break;
		case PH_CANCEL:
			if ((e = tmpl_render(t, TP_CANCEL, c, v, out)) != NULL &&
			    empty == NULL)
				empty = e;
			break;
		case PH_DATE: when(t, t->date_format, v->start, out); break;
		case PH_TIME: when(t, t->time_format, v->start, out); break;
		case PH_PROVIDER: buf_adds(out, v->provider ? v->provider : "");
			break;
		case PH_LOCATION: buf_adds(out, v->location ? v->location :
		    c->clinic_name ? c->clinic_name : ""); break;
		}
		/* "please call ." helps no one: the caller refuses it */
		if (out->len == was && empty == NULL)
			empty = ph_names[i];
	}
	return empty;
}

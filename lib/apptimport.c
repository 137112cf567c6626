/*
 * apptimport - see apptimport.h.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "appt.h"
#include "apptimport.h"
#include "csvio.h"
#include "date.h"
#include "patient.h"
#include "provider.h"
#include "util.h"

#define NOTE_MAX	1000	/* bytes in a note, as sched book takes */

static const char *const colnames[C_MAX] = { "patient", "provider", "start",
    "end", "length", "type", "resource", "status", "note" };

void
appt_import_init(struct appt_import *im, struct db *db, const char *name,
    const char *login, time_t now)
{
	*im = (struct appt_import){ .db = db, .name = name, .login = login,
	    .now = now };
	for (int c = 0; c < C_MAX; c++)
		im->col[c] = -1;
}

void
appt_import_free(struct appt_import *im)
{
	idlist_free(&im->ids);
	free(im->lines);
	im->lines = NULL;
	im->nlines = 0;
}

/* The header's columns: 0, or 65 said. */
static int
header(struct appt_import *im, const struct csvrec *r)
{
	for (size_t i = 0; i < r->n; i++) {
		int c = 0;

		while (c < C_MAX && strcmp(r->f[i], colnames[c]) != 0)
			c++;
		if (c == C_MAX && strcmp(r->f[i], "id") != 0) {
			warnx("%s:%zu: unknown column '%s' (patient, provider, "
			    "start, end, length, type, resource, status, note)",
			    im->name, r->line, r->f[i]);
			return EX_DATAERR;
		}
		if (c < C_MAX)
			im->col[c] = (int)i;
	}
	if (im->col[C_PATIENT] < 0 || im->col[C_PROVIDER] < 0 ||
	    im->col[C_START] < 0) {
		warnx("%s: columns patient, provider and start are required",
		    im->name);
		return EX_DATAERR;
	}
	return 0;
}

static int
row_error(struct appt_import *im, size_t line, const char *field,
    const char *why)
{
	warnx("%s:%zu: %s: %s", im->name, line, field, why);
	im->bad++;
	return EX_DATAERR;
}

static const char *
field(const struct csvrec *r, const struct appt_import *im,
    enum apt_col c)
{
	int i = im->col[c];

	if (i < 0 || (size_t)i >= r->n || r->f[i][0] == '\0')
		return NULL;
	return r->f[i];
}

static int
import_row(struct appt_import *im, const struct csvrec *r)
{
	struct appt	 a = { 0 };
	const char	*v, *why;
	char		 whyb[APPT_WHY];
	int		 rc, minutes, active, vmin;
	time_t		 end;

	if ((v = field(r, im, C_PATIENT)) == NULL)
		return row_error(im, r->line, "patient", "missing");
	if ((rc = pat_find(im->db, v, &a.patient)) != 0)
		return rc == EX_DATAERR ? row_error(im, r->line, "patient",
		    "no such patient") : rc;
	if ((v = field(r, im, C_PROVIDER)) == NULL)
		return row_error(im, r->line, "provider", "missing");
	if (strcmp(v, im->prv_key) != 0) {
		if ((rc = prv_find(im->db, v, &im->prv_id,
		    &im->prv_active)) != 0) {
			im->prv_key[0] = '\0';
			return rc == EX_DATAERR ? row_error(im, r->line,
			    "provider", "no such provider") : rc;
		}
		snprintf(im->prv_key, sizeof(im->prv_key), "%s", v);
	}
	a.provider = im->prv_id;
	if ((v = field(r, im, C_STATUS)) != NULL) {
		if (!appt_status_valid(v))
			return row_error(im, r->line, "status", "must be "
			    "booked, checkedin, checkedout, cancelled or "
			    "noshow");
		a.status = v;
	}
	if ((v = field(r, im, C_START)) == NULL)
		return row_error(im, r->line, "start", "missing");
	if (date_parse_instant(v, &a.start, &why) != 0)
		return row_error(im, r->line, "start", why);
	minutes = 0;
	if ((v = field(r, im, C_TYPE)) != NULL) {
		if ((rc = vtype_find(im->db, v, &a.type, &vmin, &active)) != 0)
			return rc == EX_DATAERR ? row_error(im, r->line, "type",
			    "no such visit type") : rc;
		minutes = vmin;
	}
	if ((v = field(r, im, C_LENGTH)) != NULL &&
	    appt_length(v, &minutes, &why) != 0)
		return row_error(im, r->line, "length", why);
	if ((v = field(r, im, C_END)) != NULL) {
		if (date_parse_instant(v, &end, &why) != 0)
			return row_error(im, r->line, "end", why);
		if (appt_until(a.start, end, "the start", &vmin, whyb) != 0)
			return row_error(im, r->line, "end", whyb);
		a.end = end;
	} else if (minutes)
		a.end = a.start + 60L * minutes;
	else
		return row_error(im, r->line, "end", "missing (give end, "
		    "length or type)");
	if ((v = field(r, im, C_RESOURCE)) != NULL &&
	    (rc = resource_find(im->db, v, &a.resource, &active)) != 0)
		return rc == EX_DATAERR ? row_error(im, r->line, "resource",
		    "no such room or device") : rc;
	if ((v = field(r, im, C_NOTE)) != NULL) {
		if ((why = text_problem(v, NOTE_MAX, TEXT_LINES | TEXT_BYTES)))
			return row_error(im, r->line, "note", why);
		a.note = v;
	}
	/* history may name anyone; the future only whom we could book */
	if (a.start >= im->now && (a.status == NULL ||
	    appt_status_live(a.status))) {
		if (!im->prv_active)
			return row_error(im, r->line, "provider",
			    "deactivated");
		if ((rc = appt_bookable(im->db, a.patient, whyb)) != 0)
			return rc == EX_DATAERR ? row_error(im, r->line,
			    "patient", whyb) : rc;
	}
	if ((rc = appt_insert(im->db, &a, im->login, whyb)) != 0) {
		/* an id this run made may never be committed: give its line */
		if (rc == EX_DATAERR && a.clash >= im->first &&
		    (size_t)(a.clash - im->first) < im->nlines)
			snprintf(whyb, sizeof(whyb), "overlaps line %zu of this "
			    "file", im->lines[a.clash - im->first]);
		return rc == EX_DATAERR ? row_error(im, r->line, "start",
		    whyb) : rc;
	}
	if (im->first == 0)
		im->first = a.id;
	if (a.id - im->first == (long long)im->nlines) {
		im->lines = xrealloc(im->lines, (im->nlines + 1) *
		    sizeof(*im->lines));
		im->lines[im->nlines++] = r->line;
	}
	idlist_add(&im->ids, a.id);
	return 0;
}


int
appt_import_head(struct appt_import *im, struct csvin *in)
{
	struct csvrec	r;
	int		got;

	if ((got = csvin_next(in, &r)) == 1)
		return header(im, &r);
	if (got == 0)
		warnx("%s: empty file", im->name);
	return got == 0 ? EX_DATAERR : got;
}

int
appt_import_rows(struct appt_import *im, struct csvin *in, int progress)
{
	struct csvrec	r;
	int		got, rc = 0;

	while ((got = csvin_next(in, &r)) == 1) {
		im->rows++;
		rc = import_row(im, &r);
		if (rc != 0 && rc != EX_DATAERR)
			break;
		rc = 0;
		if (progress && im->rows % 10000 == 0)
			fprintf(stderr, "\rsched: import: %lld rows", im->rows);
	}
	if (progress && im->rows >= 10000)
		fputc('\n', stderr);
	if (rc == 0 && got != 0)
		rc = got;
	return rc;
}

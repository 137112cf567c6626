/*
 * chart's parts: each cmd/chart-*.c holds the verbs of one area with
 * their option tables and its section of the verb table, which
 * cmd/chart.c joins in order; and what the parts share.
 */
#ifndef CLINIX_CHART_H
#define CLINIX_CHART_H

#include <stddef.h>

#include "app.h"
#include "date.h"

extern const struct verb chart_enc_verbs[];	/* encounters and notes */
extern const size_t chart_enc_nverbs;
extern const struct verb chart_view_verbs[];	/* history; show PATIENT */
extern const size_t chart_view_nverbs;
extern const struct verb chart_dx_verbs[];	/* problems, dx, procedures */
extern const size_t chart_dx_nverbs;
extern const struct verb chart_allergy_verbs[];	/* allergies, immunizations */
extern const size_t chart_allergy_nverbs;
extern const struct verb chart_vitals_verbs[];	/* vital signs */
extern const size_t chart_vitals_nverbs;

/* For a verb that takes operands only: app_main still parses for it. */
extern const struct opt chart_no_opts[];

/* For a verb that reads a chart and has no options of its own. */
extern const struct opt chart_read_opts[];

/*
 * `chart show PATIENT` (pat-N or MRN): the chart summary, one screen or
 * with -o json one object; its audit row first.  0 or the exit code.
 */
int	 chart_show_patient(struct app *, const char *key);

/* enc-N: 0, or 65 after saying it is none. */
int	 chart_enc_arg(const char *, long long *enc);
/* A day option: 64 when it is no date, 65 when it is after today. */
int	 chart_day_arg(const char *opt, const char *v, char out[DATE_LEN]);
/* A listing's exit: 1, as grep, when nothing was listed. */
int	 chart_listed(long n);

#endif

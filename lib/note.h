/*
 * note - encounter note templates: NAME.txt in templates/notes/ beside
 * clinix.yaml, else in share/templates/notes/; plain text with
 * {placeholders} (lib/tmpl.c's scanner) filled from the chart: {patient}
 * {age} {sex} {problems} {allergies} {meds} {vitals} {reason} {provider}
 * {date}.  Owns the statements that read the chart for them.
 */
#ifndef CLINIX_NOTE_H
#define CLINIX_NOTE_H

#include "db.h"

struct cfg;

extern const struct query note_queries[];

#define NOTE_TEMPLATE	"soap"	/* the default */

/*
 * Template name, filled for encounter enc: *out owned.  0; 64 for a name
 * that is not one (lower-case letters, digits, - and _); 66 when there
 * is no such template; 78 for an unknown placeholder or a '{' without
 * '}', said as file:line.
 */
int	 note_template(const struct cfg *, struct db *, long long enc,
	    const char *name, char **out);

#endif

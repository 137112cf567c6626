/*
 * baseline_search - the floor for `patient search PREFIX` (one word, a name
 * prefix): the same SQLite work and nothing else (see bench/baseline.h).
 *
 *	CLINIX_DB=PATH baseline_search [-a LOGIN] [-l LIMIT] PREFIX
 *
 * As cmd/patient.c verb_search and list_audited run it: patient.search_name
 * with the folded prefix as the key range [key, key "\xff") at :lo and
 * :hi, the text as typed at :text (an MRN matches too), LIMIT 50 at
 * :limit; the rows
 * printed as TSV while their ids are gathered as ranges; then one audit row
 * "N patients: search" with the ranges as detail, and the patient id when
 * exactly one matched.
 *
 * The one thing done more simply than the program: the key is the prefix
 * lower-cased in ASCII, not lib/fold.c's fold_key (which needs a UTF-8
 * locale); so PREFIX must be ASCII letters, where the two agree.
 */
#include <ctype.h>

#include "baseline.h"

int
main(int argc, char *argv[])
{
	sqlite3_stmt	*s;
	struct ids	 ids = { 0 };
	const char	*login = NULL, *text;
	char		*key, *hi, rec[48], *end;
	long long	 limit = 50, id;
	int		 c, rc;

	bl_prog = "baseline_search";
	while ((c = getopt(argc, argv, "a:l:")) != -1)
		switch (c) {
		case 'a':
			login = optarg;
			break;
		case 'l':
			limit = strtoll(optarg, &end, 10);
			if (*end || limit <= 0)
				goto usage;
			break;
		default:
			goto usage;
		}
	if (argc - optind != 1) {
usage:
		fprintf(stderr, "usage: CLINIX_DB=PATH baseline_search "
		    "[-a LOGIN] [-l LIMIT] PREFIX\n");
		return EX_USAGE;
	}
	text = argv[optind];
	key = strdup(text);
	hi = malloc(strlen(text) + 2);
	if (key == NULL || hi == NULL) {
		perror("baseline_search");
		return EX_OSERR;
	}
	for (char *p = key; *p; p++) {
		if (!isalpha((unsigned char)*p)) {
			fprintf(stderr, "baseline_search: PREFIX: ASCII "
			    "letters only, not '%s'\n", text);
			return EX_USAGE;
		}
		*p = (char)tolower((unsigned char)*p);
	}
	sprintf(hi, "%s\xff", key);	/* cmd/patient.c bind_prefix */

	bl_open();
	if (login != NULL)
		bl_lookups(login);

	/* lib/patient.c pat_search, one word */
	s = prep("patient.search_name");
	db_bind_text(s, ":lo", key);
	db_bind_text(s, ":hi", hi);
	db_bind_text(s, ":text", text);
	db_bind_int(s, ":limit", limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		/* cmd/patient.c collect: the id from the "pat-N" column */
		id = strtoll((const char *)sqlite3_column_text(s, 0) + 4, NULL,
		    10);
		ids_add(&ids, id);
		tsv_row(s);
	}
	if (rc != SQLITE_DONE)
		fail("SELECT patient");
	sqlite3_finalize(s);

	/* cmd/patient.c list_audited */
	snprintf(rec, sizeof(rec), "%ld patients: search", ids.n);
	id = ids.n == 1 ? ids.lo : 0;
	ids_flush(&ids);
	bl_audit(login ? login : "bench", "patient.search", id, rec,
	    ids.s ? ids.s : "");
	free(ids.s);
	free(key);
	free(hi);
	rc = bl_close();
	return rc ? rc : ids.n == 0 ? 1 : 0;
}

/*
 * baseline_search - the floor for `patient search PREFIX` (one word, a name
 * prefix): the same SQLite work and nothing else (see bench/baseline.h).
 *
 *	CLINIX_DB=PATH baseline_search [-a LOGIN] [-l LIMIT] PREFIX
 *
 * As cmd/patient.c verb_search and list_audited run it: SQL_PAT_SEARCH_NAME
 * with the folded prefix as the key range [key, key "\xff") at ?1 and ?2,
 * the text as typed at ?3 (an MRN matches too), LIMIT 50 at ?4; the rows
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

/* lib/rec.c's idlist: ascending runs as "lo-hi", joined by commas. */
struct ids {
	char		*s;
	size_t		 len, cap;
	long long	 lo, hi;
	long		 n;
};

static void
ids_put(struct ids *l, const char *txt)
{
	size_t n = strlen(txt);

	if (l->len + n + 2 > l->cap) {
		l->cap = 2 * (l->len + n + 2);
		if ((l->s = realloc(l->s, l->cap)) == NULL) {
			perror("baseline_search");
			exit(EX_OSERR);
		}
	}
	if (l->len)
		l->s[l->len++] = ',';
	memcpy(l->s + l->len, txt, n + 1);
	l->len += n;
}

static void
ids_flush(struct ids *l)
{
	char txt[48];

	if (l->hi == 0)
		return;
	if (l->lo == l->hi)
		snprintf(txt, sizeof(txt), "%lld", l->lo);
	else
		snprintf(txt, sizeof(txt), "%lld-%lld", l->lo, l->hi);
	ids_put(l, txt);
	l->hi = 0;
}

static void
ids_add(struct ids *l, long long id)
{
	l->n++;
	if (l->hi != 0 && id == l->hi + 1) {
		l->hi = id;
		return;
	}
	ids_flush(l);
	l->lo = l->hi = id;
}

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

	s = prep(sql_text[SQL_PAT_SEARCH_NAME]);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, limit);
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

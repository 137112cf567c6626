/*
 * patient - field rules and the SQL around one patient row.  The field
 * table is the single source of the names a user types, so `patient add
 * --first`, a CSV header "first", the JSON key and the column agree.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "date.h"
#include "db.h"
#include "fold.h"
#include "patient.h"
#include "phone.h"
#include "rec.h"
#include "util.h"

enum kind { K_NAME, K_TEXT, K_DATE, K_SEX, K_PHONE, K_EMAIL, K_COUNTRY,
    K_CHANNEL, K_CONSENT, K_MRN, K_NOTE };

static const struct {
	const char	*name;
	enum kind	 kind;
	size_t		 max;		/* characters */
} fields[PF_MAX] = {
	[PF_MRN]		= { "mrn",		K_MRN, 32 },
	[PF_FIRST]		= { "first",		K_NAME, PAT_NAME_MAX },
	[PF_MIDDLE]		= { "middle",		K_NAME, PAT_NAME_MAX },
	[PF_LAST]		= { "last",		K_NAME, PAT_NAME_MAX },
	[PF_PREFERRED]		= { "preferred",	K_NAME, PAT_NAME_MAX },
	[PF_DOB]		= { "dob",		K_DATE, 10 },
	[PF_SEX]		= { "sex",		K_SEX, 16 },
	[PF_GENDER]		= { "gender",		K_TEXT, 100 },
	[PF_PHONE]		= { "phone",		K_PHONE, 32 },
	[PF_PHONE2]		= { "phone2",		K_PHONE, 32 },
	[PF_EMAIL]		= { "email",		K_EMAIL, 254 },
	[PF_ADDRESS1]		= { "address1",		K_TEXT, 200 },
	[PF_ADDRESS2]		= { "address2",		K_TEXT, 200 },
	[PF_CITY]		= { "city",		K_TEXT, 100 },
	[PF_STATE]		= { "state",		K_TEXT, 50 },
	[PF_ZIP]		= { "zip",		K_TEXT, 20 },
	[PF_COUNTRY]		= { "country",		K_COUNTRY, 2 },
	[PF_LANGUAGE]		= { "language",		K_TEXT, 35 },
	[PF_CHANNEL]		= { "channel",		K_CHANNEL, 16 },
	[PF_SMS_CONSENT]	= { "sms_consent",	K_CONSENT, 10 },
	[PF_EMAIL_CONSENT]	= { "email_consent",	K_CONSENT, 10 },
	[PF_EMERGENCY_NAME]	= { "emergency_name",	K_TEXT, 200 },
	[PF_EMERGENCY_PHONE]	= { "emergency_phone",	K_PHONE, 32 },
	[PF_DECEASED]		= { "deceased",		K_DATE, 10 },
	[PF_NOTE]		= { "note",		K_NOTE, 10000 },
};

const char *
pat_field_name(int f)
{
	return f >= 0 && f < PF_MAX ? fields[f].name : "?";
}

int
pat_field_find(const char *name)
{
	for (int i = 0; i < PF_MAX; i++)
		if (strcmp(fields[i].name, name) == 0)
			return i;
	return -1;
}

static void
today(char out[DATE_LEN])
{
	date_parse_day("today", out);
}

static const char *
check_date(const char *v, char out[DATE_LEN])
{
	char now[DATE_LEN];

	if (date_parse_day(v, out) == -1)
		return "not a date (YYYY-MM-DD)";
	today(now);
	if (strcmp(out, now) > 0)
		return "in the future";
	if (strcmp(out, "1900-01-01") < 0)
		return "before 1900";
	return NULL;
}

static char *
trimmed(const char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

int
pat_set(struct pat *p, int f, const char *value, const char *country,
    const char **why)
{
	char	*v = fields[f].kind == K_NOTE ? xstrdup(value) : trimmed(value);
	char	 buf[PHONE_LEN > DATE_LEN ? PHONE_LEN : DATE_LEN];
	char	*norm = NULL;

	*why = NULL;
	if (*v == '\0' && f == PF_CHANNEL) {	/* the column's default */
		free(v);
		v = xstrdup("none");
	}
	if (*v == '\0') {		/* clears the field */
		free(v);
		free(p->v[f]);
		p->v[f] = NULL;
		return 0;
	}
	if ((*why = text_problem(v, fields[f].max,
	    fields[f].kind == K_NOTE ? TEXT_LINES : 0)))
		goto bad;
	switch (fields[f].kind) {
	case K_NAME:
	case K_TEXT:
	case K_NOTE:
		break;
	case K_MRN:
		for (const char *s = v; *s; s++)
			if (!isalnum((unsigned char)*s) && *s != '-') {
				*why = "may hold only letters, digits and '-'";
				goto bad;
			}
		break;
	case K_DATE:
		if ((*why = check_date(v, buf)))
			goto bad;
		norm = xstrdup(buf);
		break;
	case K_SEX:
		if (strlen(v) != 1 || strchr("FMXU", toupper((unsigned char)*v))
		    == NULL) {
			*why = "F, M, X or U";
			goto bad;
		}
		*v = (char)toupper((unsigned char)*v);
		break;
	case K_PHONE:
		if (phone_e164(v, country, buf, why) == -1)
			goto bad;
		norm = xstrdup(buf);
		break;
	case K_EMAIL: {
		const char *at = strchr(v, '@');

		if (at == NULL || at == v || strchr(at + 1, '@') ||
		    strchr(at + 1, '.') == NULL || strpbrk(v, " <>,;\"") ||
		    at[strlen(at) - 1] == '.') {
			*why = "not an email address (name@example.org)";
			goto bad;
		}
		break;
	}
	case K_COUNTRY:
		if (strlen(v) != 2 || !isalpha((unsigned char)v[0]) ||
		    !isalpha((unsigned char)v[1])) {
			*why = "a two-letter country code (US)";
			goto bad;
		}
		v[0] = (char)toupper((unsigned char)v[0]);
		v[1] = (char)toupper((unsigned char)v[1]);
		break;
	case K_CHANNEL:
		if (strcmp(v, "sms") && strcmp(v, "email") && strcmp(v, "none")) {
			*why = "sms, email or none";
			goto bad;
		}
		break;
	case K_CONSENT:
		if (!strcmp(v, "yes") || !strcmp(v, "y") || !strcmp(v, "true") ||
		    !strcmp(v, "1")) {
			today(buf);
			norm = xstrdup(buf);
		} else if (!strcmp(v, "no") || !strcmp(v, "n") ||
		    !strcmp(v, "false") || !strcmp(v, "0")) {
			free(v);
			free(p->v[f]);
			p->v[f] = NULL;
			return 0;
		} else if ((*why = check_date(v, buf)) != NULL) {
			*why = "yes, no, or the date consent was given";
			goto bad;
		} else
			norm = xstrdup(buf);
		break;
	}
	free(p->v[f]);
	if (norm) {
		free(v);
		v = norm;
	}
	p->v[f] = v;
	return 0;
bad:
	free(v);
	free(norm);
	return -1;
}

int
pat_check(const struct pat *p, int *field, const char **why)
{
	static const int required[] = { PF_FIRST, PF_LAST, PF_DOB };

	for (size_t i = 0; i < nitems(required); i++)
		if (p->v[required[i]] == NULL) {
			*field = required[i];
			*why = "required";
			return -1;
		}
	if (p->v[PF_DECEASED] && strcmp(p->v[PF_DECEASED], p->v[PF_DOB]) < 0) {
		*field = PF_DECEASED;
		*why = "before the date of birth";
		return -1;
	}
	return 0;
}

void
pat_clear(struct pat *p)
{
	for (int i = 0; i < PF_MAX; i++)
		free(p->v[i]);
	memset(p, 0, sizeof(*p));
}

int
pat_find(struct db *db, const char *key, long long *id)
{
	sqlite3_stmt	*s;
	long long	 n = 0;
	int		 rc;

	*id = 0;
	if (rec_id_parse(key, "pat", &n) == -1 && rec_is_id(key))
		return EX_DATAERR;
	s = db_stmt(db, SQL_PAT_RESOLVE);
	if (n)
		sqlite3_bind_int64(s, 1, n);
	else
		sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return EX_DATAERR;
	return rc == SQLITE_ROW ? 0 : rc;
}

int
pat_resolve(struct db *db, const char *key, long long *id)
{
	int rc = pat_find(db, key, id);

	if (rc == EX_DATAERR)
		warnx(rec_is_id(key) && strncmp(key, "pat-", 4) != 0 ?
		    "not a patient id '%s'" : "no patient '%s'", key);
	return rc;
}

int
pat_writable(struct db *db, long long id)
{
	sqlite3_stmt	*s = db_stmt(db, SQL_PAT_STATE);
	long long	 into = 0;
	int		 rc;

	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		into = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (into) {
		warnx("pat-%lld was merged into pat-%lld: use that record", id,
		    into);
		return EX_DATAERR;
	}
	return 0;
}

int
pat_load(struct db *db, long long id, struct pat *p)
{
	sqlite3_stmt	*s = db_stmt(db, SQL_PAT_LOAD);
	int		 rc;

	memset(p, 0, sizeof(*p));
	sqlite3_bind_int64(s, 1, id);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		p->id = id;
		for (int i = 0; i < PF_MAX; i++) {
			const char *v = (const char *)sqlite3_column_text(s, i);

			p->v[i] = v ? xstrdup(v) : NULL;
		}
		p->not_duplicate = sqlite3_column_int(s, PF_MAX);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE) {
		warnx("no patient 'pat-%lld'", id);
		return EX_DATAERR;
	}
	return rc == SQLITE_ROW ? 0 : rc;
}

int
pat_duplicate(struct db *db, const struct pat *p, long long since,
    long long *id)
{
	sqlite3_stmt	*s = db_stmt(db, SQL_PAT_DUPLICATE);
	char		*lk = fold_key(p->v[PF_LAST]), *fk = fold_key(p->v[PF_FIRST]);
	int		 rc;

	*id = 0;
	sqlite3_bind_text(s, 1, p->v[PF_DOB], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, lk, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, fk, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, p->v[PF_PHONE], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, p->id);
	if (since >= 0)
		sqlite3_bind_int64(s, 6, since);
	else
		sqlite3_bind_null(s, 6);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	free(lk);
	free(fk);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

/* Did the last statement break a UNIQUE constraint (a taken MRN)? */
static int
unique_failed(struct db *db)
{
	return sqlite3_extended_errcode(db_handle(db)) ==
	    SQLITE_CONSTRAINT_UNIQUE;
}

/* Bind the 25 fields as ?1..?25 and the search keys as ?26, ?27. */
static void
bind_fields(sqlite3_stmt *s, const struct pat *p, char **lk, char **fk)
{
	for (int i = 0; i < PF_MAX; i++)
		sqlite3_bind_text(s, i + 1, p->v[i], -1, SQLITE_STATIC);
	*lk = fold_key(p->v[PF_LAST]);
	*fk = fold_key(p->v[PF_FIRST]);
	sqlite3_bind_text(s, PF_MAX + 1, *lk, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, PF_MAX + 2, *fk, -1, SQLITE_STATIC);
}

/* The next free generated MRN: "M" and seven digits, from a counter. */
static int
new_mrn(struct db *db, struct pat *p)
{
	sqlite3_stmt	*s;
	long long	 n = 1;
	char		 mrn[32], num[24];
	int		 rc, taken;

	s = db_stmt(db, SQL_META_GET);
	sqlite3_bind_text(s, 1, "mrn_next", -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	do {
		snprintf(mrn, sizeof(mrn), "M%07lld", n++);
		s = db_stmt(db, SQL_PAT_RESOLVE);
		sqlite3_bind_text(s, 2, mrn, -1, SQLITE_STATIC);
		taken = (rc = db_step(db, s)) == SQLITE_ROW;
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rc;
	} while (taken);
	snprintf(num, sizeof(num), "%lld", n);
	s = db_stmt(db, SQL_META_SET);
	sqlite3_bind_text(s, 1, "mrn_next", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, num, -1, SQLITE_STATIC);
	if ((rc = db_exec(db, s)) != 0)
		return rc;
	p->v[PF_MRN] = xstrdup(mrn);
	return 0;
}

int
pat_insert(struct db *db, struct pat *p, long long *id)
{
	sqlite3_stmt	*s;
	char		*lk, *fk, now[STAMP_LEN];
	int		 rc;

	if (p->v[PF_MRN] == NULL && (rc = new_mrn(db, p)) != 0)
		return rc;
	s = db_stmt(db, SQL_PAT_INSERT);
	bind_fields(s, p, &lk, &fk);
	date_now_stamp(now);
	sqlite3_bind_text(s, PF_MAX + 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, PF_MAX + 4, p->not_duplicate != 0);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && unique_failed(db)) {
		sqlite3_reset(s);
		free(lk);
		free(fk);
		return EX_DATAERR;	/* the MRN: the caller says where */
	}
	if (rc != SQLITE_DONE)
		rc = db_fail(db, rc, "patient");
	sqlite3_reset(s);
	free(lk);
	free(fk);
	if (rc != SQLITE_DONE)
		return rc;
	*id = p->id = sqlite3_last_insert_rowid(db_handle(db));
	return 0;
}

int
pat_update(struct db *db, const struct pat *old, const struct pat *new,
    const char *login, int *changed)
{
	sqlite3_stmt	*s;
	char		*lk, *fk, now[STAMP_LEN];
	int		 rc;

	*changed = 0;
	date_now_stamp(now);
	for (int i = 0; i < PF_MAX; i++) {
		if ((old->v[i] == NULL && new->v[i] == NULL) ||
		    (old->v[i] && new->v[i] && !strcmp(old->v[i], new->v[i])))
			continue;
		s = db_stmt(db, SQL_PAT_HISTORY_ADD);
		sqlite3_bind_int64(s, 1, old->id);
		sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, login, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, fields[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, old->v[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, new->v[i], -1, SQLITE_STATIC);
		if ((rc = db_exec(db, s)) != 0)
			return rc;
		(*changed)++;
	}
	if ((old->not_duplicate != 0) != (new->not_duplicate != 0)) {
		s = db_stmt(db, SQL_PAT_HISTORY_ADD);
		sqlite3_bind_int64(s, 1, old->id);
		sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, login, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, "not_duplicate", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, old->not_duplicate ? "yes" : NULL, -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 6, new->not_duplicate ? "yes" : NULL, -1,
		    SQLITE_STATIC);
		if ((rc = db_exec(db, s)) != 0)
			return rc;
		(*changed)++;
	}
	if (*changed == 0)
		return 0;
	s = db_stmt(db, SQL_PAT_UPDATE);
	bind_fields(s, new, &lk, &fk);
	sqlite3_bind_text(s, PF_MAX + 3, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, PF_MAX + 4, old->id);
	sqlite3_bind_int(s, PF_MAX + 5, new->not_duplicate != 0);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && unique_failed(db)) {
		warnx("mrn: '%s' belongs to another patient", new->v[PF_MRN]);
		rc = EX_DATAERR;
	} else
		rc = rc == SQLITE_DONE ? 0 : db_fail(db, rc, "patient");
	sqlite3_reset(s);
	free(lk);
	free(fk);
	return rc;
}

int
pat_identity_changed(const struct pat *a, const struct pat *b)
{
	static const int ident[] = { PF_FIRST, PF_LAST, PF_DOB, PF_PHONE };

	for (size_t i = 0; i < nitems(ident); i++) {
		const char *x = a->v[ident[i]], *y = b->v[ident[i]];

		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
			return 1;
	}
	return 0;
}

/*
 * Every column that refers to a patient, and what a merge does with it.
 * tests/unit/mergefk compares this list with the foreign keys the
 * migrations declare, both ways, so a new table that points at patient
 * cannot be forgotten here: it fails the test until it is listed, moved
 * or kept on purpose.  MOVE runs its statement with ?1 the survivor and
 * ?2 the duplicate, in this order.
 */
static const struct pat_merge_ref merge_refs[] = {
	{ "patient", "merged_into", PAT_MERGE_KEEP, SQL_MAX, NULL,
	    "an earlier merge into the duplicate stays as it was recorded "
	    "(and the trigger patient_merge_once forbids changing it)" },
	{ "patient_history", "patient_id", PAT_MERGE_KEEP, SQL_MAX, NULL,
	    "the edits describe the duplicate's own record" },
	{ "coverage", "patient_id", PAT_MERGE_MOVE, SQL_PAT_MOVE_COVERAGE,
	    "both have coverage of one priority on the same dates: end one "
	    "('patient coverage end')", NULL },
	{ "appointment", "patient_id", PAT_MERGE_MOVE,
	    SQL_PAT_MOVE_APPOINTMENTS, "are both booked at overlapping "
	    "times: cancel one ('sched cancel')", NULL },
	{ "waitlist", "patient_id", PAT_MERGE_MOVE, SQL_PAT_MOVE_WAITLIST,
	    NULL, NULL },
	{ "reminder", "patient_id", PAT_MERGE_MOVE, SQL_PAT_MOVE_REMINDERS,
	    NULL, NULL },
	{ "remind_optout", "patient_id", PAT_MERGE_MOVE,
	    SQL_PAT_MOVE_OPTOUTS, NULL, NULL },
};

const struct pat_merge_ref *
pat_merge_refs(size_t *n)
{
	*n = nitems(merge_refs);
	return merge_refs;
}

int
pat_merge_move(struct db *db, long long keep, long long dup)
{
	for (size_t i = 0; i < nitems(merge_refs); i++) {
		const struct pat_merge_ref *r = &merge_refs[i];
		sqlite3_stmt	*s;
		int		 rc;

		if (r->action != PAT_MERGE_MOVE)
			continue;
		s = db_stmt(db, r->q);
		sqlite3_bind_int64(s, 1, keep);
		sqlite3_bind_int64(s, 2, dup);
		if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
			sqlite3_reset(s);
			if (rc == SQLITE_CONSTRAINT && r->clash) {
				warnx("pat-%lld and pat-%lld %s, and merge again",
				    keep, dup, r->clash);
				return EX_DATAERR;
			}
			return db_fail(db, rc, "merge");
		}
		sqlite3_reset(s);
	}
	return 0;
}

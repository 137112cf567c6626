/*
 * coverage - see coverage.h.  Payer names and ids, member ids and group
 * numbers go into X12 claims as they are, so they may not hold the X12
 * delimiters * ~ : ^ nor control characters.
 */
#include <err.h>
#include <string.h>
#include <sysexits.h>

#include "coverage.h"
#include "util.h"

enum { Q_PAYER_ADD, Q_PAYER_LIST, Q_PAYER_FIND, Q_ADD, Q_LIST, Q_PATIENT,
    Q_END, Q_PRIMARY, Q_PAYER_FILING };

const struct query coverage_queries[] = {
	[Q_PAYER_ADD] = { "payer.add",
	    "INSERT INTO payer (name, payer_id, created_at) VALUES (?1, ?2,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))" },
	[Q_PAYER_LIST] = { "payer.list",
	    "SELECT 'pyr-' || payer.id AS id, name, payer_id, CASE active"
	    " WHEN 1 THEN 'yes' ELSE 'no' END AS active FROM payer ORDER BY"
	    " payer.id" },
	/* ?1 a row id from a pyr- id, ?2 a name or X12 payer id */
	[Q_PAYER_FIND] = { "payer.find",
	    "SELECT id FROM payer WHERE id = ?1 OR name = ?2 OR payer_id = ?2"
	    " ORDER BY id LIMIT 1" },
	[Q_ADD] = { "coverage.add",
	    "INSERT INTO coverage (patient_id, payer_id, member_id, group_no,"
	    " priority, relationship, subscriber_name, subscriber_dob,"
	    " subscriber_sex, start_date, end_date, created_at) VALUES"
	    " (:patient, :payer, :member, :group, :priority, :relationship,"
	    " :sub_name, :sub_dob, :sub_sex, :from, :to,"
	    " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))" },
	/* ?1 patient, ?2 today */
	[Q_LIST] = { "coverage.list",
	    "SELECT 'cov-' || c.id AS id, 'pat-' || c.patient_id AS patient,"
	    " p.name AS payer, p.payer_id, c.member_id, c.group_no,"
	    " c.priority, c.relationship, c.subscriber_name,"
	    " c.subscriber_dob, c.subscriber_sex, c.start_date AS \"from\","
	    " c.end_date AS \"to\", CASE WHEN c.end_date IS NOT NULL AND"
	    " c.end_date < ?2 THEN 'ended' WHEN c.start_date > ?2 THEN"
	    " 'future' ELSE 'active' END AS status FROM coverage c JOIN payer"
	    " p ON p.id = c.payer_id WHERE c.patient_id = ?1 ORDER BY"
	    " c.start_date, c.id" },
	[Q_PATIENT] = { "coverage.patient",
	    "SELECT patient_id, start_date, end_date FROM coverage WHERE id ="
	    " ?1" },
	[Q_END] = { "coverage.end",
	    "UPDATE coverage SET end_date = ?2 WHERE id = ?1" },
	[Q_PRIMARY] = { "coverage.primary",
	    "SELECT payer_id FROM coverage WHERE patient_id = ?1 AND priority"
	    " = 'primary' AND start_date <= ?2 AND (end_date IS NULL OR"
	    " end_date >= ?2)" },
	[Q_PAYER_FILING] = { "payer.filing",
	    "UPDATE payer SET filing = ?2 WHERE id = ?1" },
	{ NULL, NULL }
};

int
payer_find(struct db *db, const char *key, long long *id)
{
	sqlite3_stmt	*s = db_query(db, &coverage_queries[Q_PAYER_FIND]);
	int		 rc;

	db_bind_key(s, "pyr", key, "?1", "?2");
	*id = 0;
	if ((rc = db_step_int(db, s, id)) == SQLITE_DONE) {
		warnx("no payer '%s' (add it with 'patient payer add')", key);
		return EX_DATAERR;
	}
	return rc == SQLITE_ROW ? 0 : rc;
}

int
payer_check(const char *name, const char *pid)
{
	if (!utf8_valid(name, strlen(name)) || strlen(name) > 60 || !*name ||
	    strpbrk(pid, "*~:^") || strlen(pid) < 2 || strlen(pid) > 80) {
		warnx("a payer name is 1 to 60 characters; a payer id 2 to 80, "
		    "without * ~ : ^ (X12 delimiters)");
		return EX_DATAERR;
	}
	return 0;
}

int
payer_add(struct db *db, const char *name, const char *pid, long long *id)
{
	sqlite3_stmt	*s = db_query(db, &coverage_queries[Q_PAYER_ADD]);
	int		 rc;

	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, pid, -1, SQLITE_STATIC);
	if ((rc = db_write(db, s, "payer", id)) == -1) {
		warnx("payer '%s' already exists", name);
		return EX_DATAERR;
	}
	return rc;
}

int
payer_filing_check(const char *code)
{
	/* SBR09, X12 1032 as 005010X222A1 takes it */
	static const char *const codes[] = { "11", "12", "13", "14", "15",
	    "16", "17", "AM", "BL", "CH", "CI", "DS", "FI", "HM", "LM", "MA",
	    "MB", "MC", "OF", "TV", "VA", "WC", "ZZ" };

	if (str_in(code, codes, nitems(codes)))
		return 0;
	warnx("not a claim filing indicator '%s' (CI commercial, 12 PPO, HM "
	    "HMO, BL Blue Cross, MB Medicare Part B, MC Medicaid, ZZ "
	    "unknown...)", code);
	return EX_DATAERR;
}

int
payer_set_filing(struct db *db, long long payer, const char *code)
{
	sqlite3_stmt *s = db_query_id(db, &coverage_queries[Q_PAYER_FILING],
	    payer);

	sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
	return db_exec(db, s);
}

sqlite3_stmt *
payer_list(struct db *db)
{
	return db_query(db, &coverage_queries[Q_PAYER_LIST]);
}

static int
one_of(const char *v, const char *const set[], size_t n, const char *what)
{
	if (str_in(v, set, n))
		return 0;
	warnx("%s: unknown value '%s'", what, v);
	return EX_USAGE;
}

/* What goes into a claim as typed: no X12 delimiters or controls. */
static int
text_arg(const char *v, size_t max, const char *what)
{
	if (!utf8_valid(v, strlen(v)) || utf8_chars(v) > max || !*v) {
		warnx("%s: 1 to %zu characters of valid UTF-8", what, max);
		return EX_DATAERR;
	}
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || strchr("*~:^", *p)) {
			warnx("%s: no control characters or * ~ : ^", what);
			return EX_DATAERR;
		}
	if (text_card_number(v)) {
		warnx("%s: %s", what, text_card_why);
		return EX_DATAERR;
	}
	return 0;
}

int
cov_day_arg(const char *v, char out[DATE_LEN], const char *what)
{
	if (date_parse_day(v, out) == -1) {
		warnx("%s: not a date '%s'", what, v);
		return EX_USAGE;
	}
	return 0;
}

int
cov_check(struct cov *c)
{
	static const char *const prios[] = { "primary", "secondary",
	    "tertiary" };
	static const char *const rels[] = { "self", "spouse", "child",
	    "other" };
	static const char *const sexes[] = { "F", "M", "U" };
	char	 now[DATE_LEN];
	int	 rc;

	if (c->priority == NULL)
		c->priority = "primary";
	if (c->relationship == NULL)
		c->relationship = "self";
	if ((rc = one_of(c->priority, prios, nitems(prios), "--priority")) ||
	    (rc = one_of(c->relationship, rels, nitems(rels),
	    "--relationship")) ||
	    (c->sub_sex && (rc = one_of(c->sub_sex, sexes, nitems(sexes),
	    "--subscriber-sex"))) ||
	    (rc = cov_day_arg(c->from, c->fromd, "--from")) ||
	    (c->to && (rc = cov_day_arg(c->to, c->tod, "--to"))) ||
	    (c->sub_dob && (rc = cov_day_arg(c->sub_dob, c->dobd,
	    "--subscriber-dob"))) ||
	    (rc = text_arg(c->member, 80, "--member-id")) ||
	    (c->group && (rc = text_arg(c->group, 50, "--group"))) ||
	    (c->sub_name && (rc = text_arg(c->sub_name, 200,
	    "--subscriber-name"))))
		return rc;
	if (c->to && strcmp(c->tod, c->fromd) < 0) {
		warnx("--to is before --from");
		return EX_DATAERR;
	}
	if (strcmp(c->relationship, "self") != 0 &&
	    (!c->sub_name || !c->sub_dob || !c->sub_sex)) {
		warnx("a subscriber other than the patient needs "
		    "--subscriber-name, --subscriber-dob and --subscriber-sex");
		return EX_USAGE;
	}
	date_parse_day("today", now);
	if (c->sub_dob && strcmp(c->dobd, now) > 0) {
		warnx("--subscriber-dob is in the future");
		return EX_DATAERR;
	}
	return 0;
}

int
cov_add(struct db *db, long long pat, long long pyr, const struct cov *c,
    long long *id)
{
	sqlite3_stmt	*s = db_query(db, &coverage_queries[Q_ADD]);
	int		 other = strcmp(c->relationship, "self") != 0, rc;

	db_bind_int(s, ":patient", pat);
	db_bind_int(s, ":payer", pyr);
	db_bind_text(s, ":member", c->member);
	db_bind_text(s, ":group", c->group);
	db_bind_text(s, ":priority", c->priority);
	db_bind_text(s, ":relationship", c->relationship);
	/* the patient's own coverage: the subscriber is the patient */
	db_bind_text(s, ":sub_name", other ? c->sub_name : NULL);
	db_bind_text(s, ":sub_dob", other ? c->dobd : NULL);
	db_bind_text(s, ":sub_sex", other ? c->sub_sex : NULL);
	db_bind_text(s, ":from", c->fromd);
	db_bind_text(s, ":to", c->to ? c->tod : NULL);
	if ((rc = db_write(db, s, "coverage", id)) == -1) {
		warnx("pat-%lld already has %s coverage in those dates: "
		    "end it first", pat, c->priority);
		return EX_DATAERR;
	}
	return rc;
}

sqlite3_stmt *
cov_list(struct db *db, long long pat)
{
	sqlite3_stmt	*s = db_query(db, &coverage_queries[Q_LIST]);
	char		 now[DATE_LEN];

	date_parse_day("today", now);
	sqlite3_bind_int64(s, 1, pat);
	sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
	return s;
}

int
cov_end(struct db *db, long long cov, const char *day, long long *pat)
{
	sqlite3_stmt	*s = db_query(db, &coverage_queries[Q_PATIENT]);
	const char	*start;
	int		 rc;

	sqlite3_bind_int64(s, 1, cov);
	if ((rc = db_step(db, s)) != SQLITE_ROW) {
		sqlite3_reset(s);
		return db_found(rc, "no coverage 'cov-%lld'", cov);
	}
	*pat = sqlite3_column_int64(s, 0);
	start = (const char *)sqlite3_column_text(s, 1);
	rc = strcmp(day, start) < 0;
	sqlite3_reset(s);
	if (rc) {
		warnx("cov-%lld starts after %s", cov, day);
		return EX_DATAERR;
	}
	s = db_query(db, &coverage_queries[Q_END]);
	sqlite3_bind_int64(s, 1, cov);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	return db_exec(db, s);
}

int
cov_primary(struct db *db, long long pat, const char *day, long long *payer)
{
	sqlite3_stmt	*s = db_query_id(db, &coverage_queries[Q_PRIMARY], pat);

	sqlite3_bind_text(s, 2, day, -1, SQLITE_TRANSIENT);
	return db_first_int(db, s, payer);
}

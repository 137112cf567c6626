/*
 * immunization - see immunization.h.  The CVX code must be in the cvx
 * table (clinix init's starter set, or `code import cvx`).
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>

#include "catalog.h"
#include "date.h"
#include "db.h"
#include "immunization.h"
#include "util.h"

enum { Q_INSERT, Q_LIST };

const struct query immunization_queries[] = {
	[Q_INSERT] = { "immunization.insert",
	    "INSERT INTO immunization (patient_id, cvx, given_on, lot, site,"
	    " route, created_at, created_by) VALUES (:patient, :cvx, :day,"
	    " :lot, :site, :route, :now, :login)" },
	[Q_LIST] = { "immunization.list",
	    "SELECT 'imm-' || i.id AS id, i.given_on AS date, i.cvx,"
	    " c.title AS vaccine, i.lot, i.site, i.route,"
	    " i.created_by AS recorded_by"
	    " FROM immunization i JOIN cvx c ON c.code = i.cvx"
	    " WHERE i.patient_id = ?1 ORDER BY i.given_on, i.id" },
	{ NULL, NULL }
};

/* HL7 table 0162, the routes a clinic gives vaccines by */
static const char *const routes[] = { "IM", "SC", "ID", "IV", "PO", "NS",
    "TD", "OTH" };


int
imm_check(struct imm_new *m)
{
	char	 today[DATE_LEN];
	size_t	 i;
	int	 rc;

	if (date_parse_day(m->date ? m->date : "today", m->day) == -1) {
		warnx("--date: not a date '%s'", m->date);
		return EX_USAGE;
	}
	m->route_code[0] = '\0';
	if (m->route) {
		for (i = 0; i < nitems(routes); i++)
			if (strcasecmp(m->route, routes[i]) == 0)
				break;
		if (i == nitems(routes)) {
			warnx("--route: not one of IM, SC, ID, IV, PO, NS, TD, "
			    "OTH: '%s'", m->route);
			return EX_USAGE;
		}
		snprintf(m->route_code, sizeof(m->route_code), "%s",
		    routes[i]);
	}
	if ((rc = text_value("--lot", m->lot, 40)) != 0 ||
	    (rc = text_value("--site", m->site, 60)) != 0)
		return rc;
	if (date_parse_day("today", today) == 0 &&
	    strcmp(m->day, today) > 0) {
		warnx("--date: %s is in the future", m->day);
		return EX_DATAERR;
	}
	return 0;
}

int
imm_add(struct db *db, const char *login, long long patient,
    struct imm_new *m, long long *id)
{
	sqlite3_stmt	*s;
	char		 code[4], now[STAMP_LEN];
	int		 rc, non = 0;

	*id = 0;
	if ((rc = catalog_cvx(db, m->cvx, code, &non)) == 1 ||
	    rc == EX_USAGE) {
		warnx("no CVX code '%s'%s", m->cvx, rc == 1 ? " in the "
		    "catalog (code import cvx loads the full list)" : "");
		return EX_DATAERR;
	}
	if (rc != 0)
		return rc;
	if (non) {
		/* 998 "no vaccine administered" is a statement, not a dose */
		warnx("CVX %s is not a vaccine that can be given", code);
		return EX_DATAERR;
	}
	date_utc(time(NULL), now);
	s = db_query(db, &immunization_queries[Q_INSERT]);
	db_bind_int(s, ":patient", patient);
	db_bind_text(s, ":cvx", code);
	db_bind_text(s, ":day", m->day);
	db_bind_text(s, ":lot", m->lot);
	db_bind_text(s, ":site", m->site);
	db_bind_text(s, ":route", m->route ? m->route_code : NULL);
	db_bind_text(s, ":now", now);
	db_bind_text(s, ":login", login);
	return db_insert(db, s, id);
}

sqlite3_stmt *
imm_list(struct db *db, long long patient)
{
	return db_query_id(db, &immunization_queries[Q_LIST], patient);
}

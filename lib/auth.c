/*
 * auth - identity and the role -> capability table.  Clinical data is for
 * providers and nurses, the front desk sees demographics and the schedule,
 * billing sees what a claim needs (minimum necessary).
 */
#include <err.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "auth.h"
#include "db.h"
#include "util.h"

static const char *const roles[ROLE_MAX] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_PROVIDER] = "provider",
	[ROLE_NURSE] = "nurse",
	[ROLE_FRONTDESK] = "frontdesk",
	[ROLE_BILLING] = "billing",
};

#define A	(1u << ROLE_ADMIN)
#define P	(1u << ROLE_PROVIDER)
#define N	(1u << ROLE_NURSE)
#define F	(1u << ROLE_FRONTDESK)
#define B	(1u << ROLE_BILLING)

static const struct {
	const char	*name;
	unsigned	 roles;
} caps[CAP_MAX] = {
	[CAP_USERS]		 = { "manage users",	A },
	[CAP_DB_ADMIN]		 = { "administer the database", A },
	[CAP_AUDIT]		 = { "read the audit trail", A },
	[CAP_DEMOGRAPHICS_READ]	 = { "read patient demographics", A|P|N|F|B },
	[CAP_DEMOGRAPHICS_WRITE] = { "change patient demographics", A|P|N|F },
	[CAP_SCHEDULE]		 = { "manage the schedule", A|P|N|F },
	[CAP_OVERBOOK]		 = { "overbook",	A|P },
	[CAP_CLINICAL_READ]	 = { "read clinical records", P|N },
	[CAP_CLINICAL_WRITE]	 = { "write clinical records", P|N },
	[CAP_PRESCRIBE]		 = { "prescribe",	P },
	[CAP_BILLING]		 = { "do billing",	A|B },
	[CAP_SETUP]		 = { "set up the clinic", A },
};

const char *
auth_role_name(enum role r)
{
	return r < ROLE_MAX ? roles[r] : "?";
}

int
auth_role_parse(const char *s, enum role *r)
{
	for (int i = 0; i < ROLE_MAX; i++)
		if (strcmp(s, roles[i]) == 0) {
			*r = (enum role)i;
			return 0;
		}
	return -1;
}

int
auth_can(enum role r, enum cap c)
{
	return r < ROLE_MAX && c < CAP_MAX && (caps[c].roles & (1u << r));
}

const char *
auth_cap_name(enum cap c)
{
	return c < CAP_MAX ? caps[c].name : "?";
}

int
auth_login(char out[65])
{
	struct passwd	*pw;
	const char	*as = getenv("CLINIX_USER");
	uid_t		 uid = geteuid();

	if (as != NULL && *as != '\0') {
		if (uid != 0) {
			warnx("CLINIX_USER is only for root; you are acting "
			    "as yourself");
		} else {
			snprintf(out, 65, "%s", as);
			return 0;
		}
	}
	if ((pw = getpwuid(uid)) == NULL) {
		warnx("no login name for uid %u", (unsigned)uid);
		return EX_NOPERM;
	}
	snprintf(out, 65, "%s", pw->pw_name);
	return 0;
}

int
auth_lookup(struct db *db, struct who *w)
{
	sqlite3_stmt	*s = db_stmt(db, SQL_USER_BY_LOGIN);
	int		 rc;

	w->id = 0;
	sqlite3_bind_text(s, 1, w->login, -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(s,
		    USER_ROLE);

		if (sqlite3_column_int(s, USER_ACTIVE) &&
		    auth_role_parse(role, &w->role) == 0)
			w->id = sqlite3_column_int64(s, USER_ID);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (w->id == 0) {
		warnx("'%s' is not an active clinix user (an admin adds you "
		    "with 'user add')", w->login);
		return EX_NOPERM;
	}
	return 0;
}

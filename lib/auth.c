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
#include "user.h"
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
	/* what a claim bills is the provider's to say, not the nurse's */
	[CAP_CODING]		 = { "code problems, diagnoses and procedures", P },
	[CAP_BILLING]		 = { "do billing",	A|B },
	[CAP_PAYMENT]		 = { "take patient payments", A|F|B },
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

/*
 * A login as it may be shown on stderr: backslash, tab, newline, CR and
 * other control bytes escaped the way audit list shows text, so a name
 * given in CLINIX_USER cannot forge lines or move the cursor.
 */
static const char *
shown(const char *s, char out[4 * 65 + 1])
{
	char *o = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
			*o++ = '\\';
			*o++ = c == '\t' ? 't' : c == '\n' ? 'n' :
			    c == '\r' ? 'r' : '\\';
		} else if (c < 0x20 || c == 0x7f)
			o += sprintf(o, "\\x%02x", c);
		else
			*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

/*
 * Who we are is the real uid: an installed program runs setgid, and the
 * caller controls the environment, so neither the effective IDs nor a
 * variable may say otherwise.  root may act as another user (as sudo -u
 * would); root's environment is root's own, so plain getenv is right for
 * it, where secure_getenv would hide CLINIX_USER from a setgid program.
 */
int
auth_login(char out[65])
{
	struct passwd	*pw;
	const char	*as = getenv("CLINIX_USER");
	uid_t		 uid = getuid();

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
	struct user	 u;
	char		 esc[4 * 65 + 1];
	int		 rc, known;

	w->id = 0;
	if ((rc = user_by_login(db, w->login, &u)) != 0 && rc != EX_DATAERR)
		return rc;
	known = rc == 0;
	if (known && u.active && auth_role_parse(u.role, &w->role) == 0)
		w->id = u.id;
	if (w->id == 0 && !known) {
		warnx("not a clinix user: ask an admin to run 'user add %s'",
		    shown(w->login, esc));
		return EX_NOPERM;
	}
	if (w->id == 0) {
		warnx("'%s' is disabled: ask an admin to run 'user enable %s'",
		    shown(w->login, esc), esc);
		return EX_NOPERM;
	}
	return 0;
}

/*
 * priv - see priv.h.  The model is crontab(1) and the mail spool: the
 * programs are setgid to a group no staff login belongs to, the clinic's
 * files are that group's alone, so a login reaches them only through the
 * programs, which check its role and audit it.  A program holding that
 * privilege therefore trusts nothing the caller chose about where the data
 * lives, and every program it starts runs as the caller, without it.
 */
#include <err.h>
#include <stdlib.h>
#include <unistd.h>

#include "priv.h"

/* Set by the Makefile from SYSCONFDIR, LOCALSTATEDIR and CLINIX_GROUP. */
#ifndef SYSCONFDIR
#define SYSCONFDIR	"/etc"
#endif
#ifndef LOCALSTATEDIR
#define LOCALSTATEDIR	"/var"
#endif
#ifndef CLINIX_GROUP
#define CLINIX_GROUP	"clinix"
#endif

/* What a child of an elevated program searches, whatever the caller had. */
#define SAFE_PATH	"/usr/local/bin:/usr/bin:/bin"

int
priv_elevated(void)
{
	return getegid() != getgid() || geteuid() != getuid();
}

void
priv_ignored(const char *what)
{
	static int said;

	if (said++)
		return;
	warnx("ignoring %s (and any --db, --config, CLINIX_DB, CLINIX_CONFIG "
	    "or XDG_* setting): an installed program uses the clinic in %s "
	    "and %s", what, SYSCONFDIR "/clinix", LOCALSTATEDIR "/lib/clinix");
}

void
priv_ignored_env(const char *const names[])
{
	/* getenv only to notice them: the values are never used */
	for (; *names; names++)
		if (getenv(*names) != NULL)
			priv_ignored(*names);
}

const char *
priv_config_path(void)
{
	return SYSCONFDIR "/clinix/clinix.yaml";
}

const char *
priv_state_dir(void)
{
	return LOCALSTATEDIR "/lib/clinix";
}

const char *
priv_group(void)
{
	return CLINIX_GROUP;
}

const char *
priv_child_path(void)
{
	const char *p;

	if (priv_elevated() || (p = getenv("PATH")) == NULL || *p == '\0')
		return SAFE_PATH;
	return p;
}

int
priv_drop_child(void)
{
	gid_t	g = getgid();
	uid_t	u = getuid();

	/*
	 * setresgid, not setgid: an unprivileged setgid() changes only the
	 * effective ID, leaving the saved one for the child to take back.
	 */
	if (setresgid(g, g, g) == -1 || setresuid(u, u, u) == -1)
		return -1;
	return getegid() == g && geteuid() == u ? 0 : -1;
}

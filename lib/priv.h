/*
 * priv - the one place that decides whether this process runs with group
 * privilege it was not born with (an installed program is setgid to the
 * clinix group), and what follows from that: the system clinic's paths
 * instead of the caller's choice, and children that do not inherit it.
 */
#ifndef CLINIX_PRIV_H
#define CLINIX_PRIV_H

/* The effective group is not the real one: we were started setgid. */
int	 priv_elevated(void);
/*
 * Say once on stderr that what (an option or variable) was given and is
 * ignored, because an elevated program uses the system clinic.
 */
void	 priv_ignored(const char *what);
/* The same for each of these variables that is set. */
void	 priv_ignored_env(const char *const names[]);

const char *priv_config_path(void);	/* SYSCONFDIR/clinix/clinix.yaml */
const char *priv_state_dir(void);	/* LOCALSTATEDIR/lib/clinix */
const char *priv_group(void);		/* the group: CLINIX_GROUP */
/* PATH for children: a fixed one when elevated, else the caller's. */
const char *priv_child_path(void);

/*
 * In a child between fork and exec: give up the group privilege for good
 * (real, effective and saved group IDs).  0, or -1 if it is still held.
 */
int	 priv_drop_child(void);

#endif

/*
 * clinic - setting up a new clinic (clinix init) and changing its
 * clinix.yaml in place (clinix config set); cmd/clinix.c parses their
 * options and prints what these return.
 */
#ifndef CLINIX_CLINIC_H
#define CLINIX_CLINIC_H

struct app;
struct buf;

/*
 * The keys of clinix.yaml that init's options set, in the order they are
 * checked: the country first, as a phone number without a country code is
 * read in it.
 */
enum clinic_key {
	CK_COUNTRY, CK_NAME, CK_NPI, CK_TAX_ID, CK_PHONE, CK_ADDRESS1,
	CK_ADDRESS2, CK_CITY, CK_STATE, CK_ZIP, CK_TIMEZONE, CK_EMAIL_FROM,
	CK_NKEYS
};

/* Each key's option name (without "--") and its key in clinix.yaml. */
extern const struct clinic_keyname {
	const char	*opt, *key;
} clinic_keys[CK_NKEYS];

/* What init made, to be printed; clinic_made_free frees it. */
struct clinic_made {
	char	*db;		/* the database, absolute */
	char	 rec[32];	/* the first admin's record, "usr-N" */
};

/*
 * A new clinic: the config (unless one exists and no vals but the name
 * and zone are given), the key, the database with its starter codes and
 * the caller as its first admin, audited.  vals[CK_*] are the options
 * given (NULL: not given).
 * sys: the shared clinic of --system (root only), given to the group.
 * On failure nothing is left behind; 0 or a sysexits code, said.
 */
int	 clinic_init(struct app *, const char *const vals[CK_NKEYS], int sys,
	    struct clinic_made *);
void	 clinic_made_free(struct clinic_made *);

/*
 * The first config's text into out: every clinic key, those not in vals
 * as commented-out examples; tz the zone, db the database path.
 */
void	 clinic_config_text(struct buf *out, const char *const vals[CK_NKEYS],
	    const char *tz, const char *db);

/*
 * config set|get|list [--system]: the file init wrote, or --system's
 * /etc one.  Sets *path (owned) to the file, which must exist.
 */
int	 clinic_config_path(struct app *, int sys, char **path);
/* A key config can name: known, and a value rather than a section. */
int	 clinic_config_key(const char *key);
/* VALUE as YAML for key into out (a number plain, a list in flow style). */
int	 clinic_config_yaml(const char *key, const char *value,
	    const char *country, struct buf *out);
/*
 * Set key to value in the config file, keeping its other lines, mode and
 * group; the result must load.  Where there is a database, an admin's
 * change, with an audit row.  0 or a sysexits code, said.
 */
int	 clinic_config_set(struct app *, int sys, const char *key,
	    const char *value);

#endif

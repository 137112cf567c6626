/*
 * cfg - clinix.yaml: where it is, what keys it may hold, and their values
 * as a typed struct.  Every key the project knows is in the table in cfg.c;
 * anything else is an error naming file:line.
 */
#ifndef CLINIX_CFG_H
#define CLINIX_CFG_H

struct cfg {
	char	*path;			/* owned; the file read */
	char	*dir;			/* owned; its directory */

	char	*clinic_name;		/* clinic.name */
	char	*clinic_npi;		/* clinic.npi: group NPI */
	char	*clinic_tax_id;		/* clinic.tax_id */
	char	*clinic_phone;		/* clinic.phone */
	char	*clinic_address1;	/* clinic.address1 ... */
	char	*clinic_address2;
	char	*clinic_city;
	char	*clinic_state;
	char	*clinic_zip;
	char	*clinic_country;	/* clinic.country: ISO 3166 alpha-2 */
	char	*clinic_timezone;	/* clinic.timezone: IANA zone name */

	char	*db;			/* db: absolute after loading */
	char	*key_file;		/* key_file: absolute after loading */
	long	 busy_timeout_ms;	/* db_busy_timeout_ms */
};

/*
 * Find the config: opt (--config), $CLINIX_CONFIG, $XDG_CONFIG_HOME (or
 * ~/.config)/clinix/clinix.yaml, /etc/clinix/clinix.yaml.  Returns the
 * first that exists, or, with must_exist 0, the first candidate (where
 * `clinix init` creates one).  NULL when nothing is found.  Caller frees.
 */
char	*cfg_find(const char *opt, int must_exist);
int	 cfg_load(struct cfg **out, const char *path);	/* sysexits code */
void	 cfg_free(struct cfg *);

#endif

/*
 * cfg - clinix.yaml: where it is, what keys it may hold, and their values
 * as a typed struct.  Every key the project knows is in the table in cfg.c;
 * anything else is an error naming file:line.
 */
#ifndef CLINIX_CFG_H
#define CLINIX_CFG_H

#include <stddef.h>

/* remind.rules: one reminder before each appointment, per channel. */
#define CH_EMAIL	1
#define CH_SMS		2
struct remind_rule {
	char	*name;			/* owned; part of each reminder's key */
	long	 before_min;		/* minutes before the start */
	int	 channels;		/* CH_EMAIL | CH_SMS */
	char	**types;		/* owned, NULL-terminated; NULL: all */
	char	*template;		/* owned; default "appointment" */
};

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
	char	*clinic_currency;	/* clinic.currency: ISO 4217, or NULL (USD) */

	char	*db;			/* db: absolute after loading */
	char	*key_file;		/* key_file: absolute after loading */
	long	 busy_timeout_ms;	/* db_busy_timeout_ms */

	char	*remind_sendmail;	/* remind.sendmail: split on blanks */
	char	**remind_sms_command;	/* remind.sms_command: argv list */
	char	*remind_from;		/* remind.from: "Clinic <a@b>" */
	char	*remind_quiet_hours;	/* remind.quiet_hours: "21:00-08:00" */
	int	 quiet_from, quiet_to;	/* ... as minutes of the day */
	long	 remind_sms_max_segments;
	long	 remind_lease_minutes;	/* a claim older than this is retried */
	long	 remind_max_attempts;	/* temporary failures, then failed */
	long	 remind_retry_minutes;	/* backoff: this, doubled each time */
	struct remind_rule *remind_rules;	/* remind.rules, or defaults */
	size_t	 remind_nrules;
	int	 remind_rules_set;	/* given, maybe as [] (no reminders) */

	char	**pay_card_command;	/* pay.card_command: argv list */
	long	 pay_card_timeout;	/* pay.card_timeout: seconds, 60 */
	char	*pay_adjust_limit;	/* pay.adjust_limit: "50.00" */
	long long adjust_limit_cents;	/* ... in cents (default 5000) */
	char	*pay_statement_note;	/* pay.statement_note: how to pay */

	/*
	 * What claims carry beyond the clinic's identity.  Unset, a claim
	 * goes out under the clinic's NPI (submitter), straight to each
	 * payer (receiver: the payer's id and name), as production data
	 * (usage "P"), with places of service 11 office, 10 telehealth,
	 * 12 home, 10 phone; claim.c checks them when a claim is made.
	 */
	char	*clinic_taxonomy;	/* clinic.taxonomy: PRV*BI, or NULL */
	char	*claim_submitter_id;	/* claim.submitter_id: ISA06, ETIN */
	char	*claim_receiver;	/* claim.receiver: clearinghouse id */
	char	*claim_receiver_name;	/* claim.receiver_name */
	char	*claim_usage;		/* claim.usage: "T" test, "P" */
	char	*claim_pos[4];		/* claim.pos_office, _telehealth,
					   _home, _phone: "11" ... */
};

/*
 * Find the config: opt (--config), $CLINIX_CONFIG, $XDG_CONFIG_HOME (or
 * ~/.config)/clinix/clinix.yaml, /etc/clinix/clinix.yaml.  Returns the
 * first that exists, or, with must_exist 0, the first candidate (where
 * `clinix init` creates one).  NULL when nothing is found.  Caller frees.
 */
char	*cfg_find(const char *opt, int must_exist);
int	 cfg_load(struct cfg **out, const char *path);	/* sysexits code */
/*
 * The same from text in memory, as if it were the file path (for its
 * directory and the messages): how a config is checked before it is
 * written (clinix init, clinix config set).
 */
int	 cfg_load_text(struct cfg **out, const char *path, const char *text,
	    size_t len);
void	 cfg_free(struct cfg *);

/*
 * Check value v for key the way cfg_load does (clinic.phone normalises to
 * E.164 for country, clinic.country is two capitals, clinic.timezone is a
 * known zone, remind.from an address or "Name <address>"; every value
 * valid UTF-8 of at most 200 bytes).  0 with
 * *norm the value to store (the E.164 form of a phone), owned; 65 with
 * *why.
 */
int	 cfg_check(const char *key, const char *v, const char *country,
	    char **norm, const char **why);

/* What a dotted key is. */
enum { CFG_UNKNOWN, CFG_SECTION, CFG_STR, CFG_NUMBER, CFG_LIST, CFG_RULES };
int	 cfg_key_kind(const char *key);
const char *cfg_key_name(size_t i);	/* the i'th known key, or NULL */
/* A key's value as text (a list blank-separated), owned; NULL if unset. */
char	*cfg_value(const struct cfg *, const char *key);

#endif

/*
 * auth - who is running this program and what their role lets them do:
 * Unix login -> clinix user -> role -> capabilities, from one table.
 */
#ifndef CLINIX_AUTH_H
#define CLINIX_AUTH_H

struct db;

enum role { ROLE_ADMIN, ROLE_PROVIDER, ROLE_NURSE, ROLE_FRONTDESK,
    ROLE_BILLING, ROLE_MAX };

enum cap {
	CAP_USERS,		/* manage users and roles */
	CAP_DB_ADMIN,		/* backup, restore, migrate, query */
	CAP_AUDIT,		/* read and verify the audit trail */
	CAP_DEMOGRAPHICS_READ,	/* patient identity and contact data */
	CAP_DEMOGRAPHICS_WRITE,
	CAP_SCHEDULE,		/* book, move, check in */
	CAP_OVERBOOK,
	CAP_CLINICAL_READ,	/* notes, problems, allergies, meds, labs */
	CAP_CLINICAL_WRITE,
	CAP_PRESCRIBE,
	CAP_CODING,		/* problem list, diagnoses, procedures */
	CAP_BILLING,		/* claims, payments, what a claim needs */
	CAP_PAYMENT,		/* take a patient's payment, read balances */
	CAP_SETUP,		/* providers, resources, code sets */
	CAP_MAX
};

struct who {
	char		 login[65];
	long long	 id;		/* user row id; 0 when unknown */
	enum role	 role;
};

const char *auth_role_name(enum role);
int	 auth_role_parse(const char *, enum role *);	/* 0 or -1 */
int	 auth_can(enum role, enum cap);
const char *auth_cap_name(enum cap);
/* The Unix login (or CLINIX_USER, for root only) behind this process. */
int	 auth_login(char out[65]);
/* Fill who from the user table: 0, or 77 for unknown/disabled users. */
int	 auth_lookup(struct db *, struct who *);

#endif

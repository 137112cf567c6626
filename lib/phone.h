/*
 * phone - telephone numbers to E.164 ("+16175550100"), the form stored,
 * matched and handed to SMS gateways.
 */
#ifndef CLINIX_PHONE_H
#define CLINIX_PHONE_H

#define PHONE_LEN	17	/* '+', up to 15 digits, NUL */

/*
 * Normalise s, read as a national number of country (ISO 3166 alpha-2,
 * e.g. "US") unless it starts with '+' or "00".  0, or -1 with *why.
 */
int	 phone_e164(const char *s, const char *country, char out[PHONE_LEN],
	    const char **why);

#endif

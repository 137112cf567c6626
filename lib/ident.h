/*
 * ident - the shape and check digits of the identifiers a clinic is known
 * by in billing: NPI (Luhn with the 80840 prefix), health care provider
 * taxonomy codes, employer tax ids (EIN) and ZIP codes.  Shape only: these
 * functions never look anything up, so a well-formed NPI may still belong
 * to nobody.  Every check returns 1 when the value is acceptable, else 0.
 */
#ifndef CLINIX_IDENT_H
#define CLINIX_IDENT_H

#define IDENT_EIN_LEN	10	/* "123456789" + NUL */
#define IDENT_ZIP_LEN	10	/* "021080000" + NUL */

/* One or more decimal digits whose Luhn sum is a multiple of ten. */
int	 ident_luhn(const char *digits);
/* Ten digits, the first 1 or 2, the last the check digit over 80840+9. */
int	 ident_npi(const char *);
/* Ten characters: three digits, six digits or capitals, then 'X'. */
int	 ident_taxonomy(const char *);
/*
 * Nine digits, or "12-3456789".  When out is not NULL it receives the
 * nine digits (only when the value is acceptable).
 */
int	 ident_ein(const char *, char out[IDENT_EIN_LEN]);
/* Five or nine digits, or "12345-6789"; out as for ident_ein. */
int	 ident_zip(const char *, char out[IDENT_ZIP_LEN]);

#endif

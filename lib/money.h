/*
 * money - amounts as integer cents: parsing "123.45" as people and files
 * write it, and formatting cents back.  No floating point anywhere.
 */
#ifndef CLINIX_MONEY_H
#define CLINIX_MONEY_H

#define MONEY_LEN	24

/* "123", "123.4", "-0.50": 0, or -1 (more than two decimals, junk, overflow). */
int	 money_parse(const char *, long long *cents);
void	 money_format(long long cents, char out[MONEY_LEN]);

#endif

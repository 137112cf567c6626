/*
 * fold - the search key of a name: lower case, Latin accents removed,
 * punctuation dropped, so "O'Brien", "obrien" and "Óbrien" meet, while
 * non-Latin scripts keep their letters (lower-cased where they have case).
 */
#ifndef CLINIX_FOLD_H
#define CLINIX_FOLD_H

char	*fold_key(const char *);	/* owned by the caller */

#endif

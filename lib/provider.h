/*
 * provider - finding a provider, a visit type or a resource from what
 * people type: a typed id (prv-3, vt-2, res-1), an NPI, or a name.
 */
#ifndef CLINIX_PROVIDER_H
#define CLINIX_PROVIDER_H

struct db;

/*
 * Each returns 0 with the row id (and whether it is active) set, 65
 * when nothing matches or the key is an id of another kind (the caller
 * says so, the way its context needs), or another sysexits code.
 */
int	 prv_find(struct db *, const char *key, long long *id, int *active);
int	 vtype_find(struct db *, const char *key, long long *id, int *minutes,
	    int *active);
int	 resource_find(struct db *, const char *key, long long *id,
	    int *active);

#endif

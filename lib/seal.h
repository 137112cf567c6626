/*
 * seal - the clinic key and HMAC-SHA256 for the audit chain, secure
 * random bytes, wiping secrets.  Backed by OpenSSL libcrypto's low-level
 * SHA-256 only; whole-file encryption is lib/vault.
 */
#ifndef CLINIX_SEAL_H
#define CLINIX_SEAL_H

#include <stddef.h>
#include <stdint.h>

#define SEAL_KEYLEN	32
#define SEAL_MACLEN	32

struct seal_hmac;	/* incremental HMAC-SHA256 */

struct seal_hmac *seal_hmac_new(const uint8_t key[SEAL_KEYLEN]);
void	 seal_hmac_update(struct seal_hmac *, const void *, size_t);
void	 seal_hmac_final(struct seal_hmac *, uint8_t mac[SEAL_MACLEN]);
void	 seal_hmac_free(struct seal_hmac *);
void	 seal_hmac(const uint8_t *key, size_t keylen, const void *, size_t,
	    uint8_t mac[SEAL_MACLEN]);

void	 seal_hex(const uint8_t *, size_t, char *out);	/* out: 2n+1 */
int	 seal_unhex(const char *, uint8_t *, size_t);	/* 0 or -1 */
int	 seal_random(void *, size_t);			/* 0 or -1 */
void	 seal_wipe(void *, size_t);

/* Key file: 64 hex digits and a newline, mode 0600.  Return sysexits. */
int	 seal_key_create(const char *path);
int	 seal_key_load(const char *path, uint8_t key[SEAL_KEYLEN]);

#endif

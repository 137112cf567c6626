/*
 * vault - whole files sealed with AES-256-GCM (OpenSSL EVP) under a key
 * derived from the clinic key: encrypted backups.  Kept apart from seal so
 * that only programs that encrypt link EVP.
 */
#ifndef CLINIX_VAULT_H
#define CLINIX_VAULT_H

#include <stdint.h>

#include "seal.h"

/*
 * Encrypted file: "CLINIXE1" | 12-byte nonce | ciphertext | 16-byte tag,
 * AES-256-GCM under a key derived from the clinic key, the magic as AAD.
 * vault_decrypt_file writes nothing to dst unless the tag checks out.
 * Both return sysexits codes and print their own diagnostics.
 */
int	 vault_encrypt_file(const uint8_t key[SEAL_KEYLEN], const char *src,
	    const char *dst);
int	 vault_decrypt_file(const uint8_t key[SEAL_KEYLEN], const char *src,
	    const char *dst);

#endif

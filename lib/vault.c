/*
 * vault - "CLINIXE1" | nonce | AES-256-GCM ciphertext | tag.  The magic is
 * authenticated too (AAD), and nothing is written out until the tag has
 * been checked, so a damaged backup never becomes a half-restored file.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "util.h"
#include "vault.h"

static const char magic[8] = "CLINIXE1";
#define NONCELEN	12
#define TAGLEN		16

/* The backup key is derived so the audit MAC key never encrypts anything. */
static void
backup_key(const uint8_t key[SEAL_KEYLEN], uint8_t out[SEAL_KEYLEN])
{
	static const char label[] = "clinix backup encryption v1";

	seal_hmac(key, SEAL_KEYLEN, label, sizeof(label) - 1, out);
}

static uint8_t *
slurp(const char *path, size_t *len, int *rc)
{
	FILE		*f;
	struct buf	 b = { 0 };
	char		 chunk[65536];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL) {
		warn("cannot read '%s'", path);
		*rc = EX_NOINPUT;
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		warn("cannot read '%s'", path);
		*rc = EX_IOERR;
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	*len = b.len;
	*rc = 0;
	if (b.s == NULL)
		b.s = xcalloc(1, 1);
	return (uint8_t *)b.s;
}

/* The output is a backup, or its plain text: the owner's alone. */
static int
spill(const char *path, const uint8_t *p, size_t n)
{
	return file_write_private(path, p, n);
}

int
vault_encrypt_file(const uint8_t key[SEAL_KEYLEN], const char *src,
    const char *dst)
{
	EVP_CIPHER_CTX	*ctx = NULL;
	uint8_t		 k[SEAL_KEYLEN], *plain, *out = NULL;
	size_t		 len;
	int		 n, rc;

	if ((plain = slurp(src, &len, &rc)) == NULL)
		return rc;
	out = xmalloc(sizeof(magic) + NONCELEN + len + TAGLEN);
	memcpy(out, magic, sizeof(magic));
	backup_key(key, k);
	rc = EX_SOFTWARE;
	if (seal_random(out + sizeof(magic), NONCELEN) == -1 ||
	    (ctx = EVP_CIPHER_CTX_new()) == NULL ||
	    !EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, k,
	    out + sizeof(magic)) ||
	    !EVP_EncryptUpdate(ctx, NULL, &n, (const uint8_t *)magic,
	    sizeof(magic)) ||
	    !EVP_EncryptUpdate(ctx, out + sizeof(magic) + NONCELEN, &n, plain,
	    (int)len) ||
	    !EVP_EncryptFinal_ex(ctx, out + sizeof(magic) + NONCELEN + n, &n) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAGLEN,
	    out + sizeof(magic) + NONCELEN + len))
		warnx("cannot encrypt '%s'", src);
	else
		rc = spill(dst, out, sizeof(magic) + NONCELEN + len + TAGLEN);
	EVP_CIPHER_CTX_free(ctx);
	seal_wipe(k, sizeof(k));
	seal_wipe(plain, len);
	free(plain);
	free(out);
	return rc;
}

int
vault_decrypt_file(const uint8_t key[SEAL_KEYLEN], const char *src,
    const char *dst)
{
	EVP_CIPHER_CTX	*ctx = NULL;
	uint8_t		 k[SEAL_KEYLEN], *in, *plain = NULL;
	size_t		 len, clen;
	int		 n, rc;

	if ((in = slurp(src, &len, &rc)) == NULL)
		return rc;
	if (len < sizeof(magic) + NONCELEN + TAGLEN ||
	    memcmp(in, magic, sizeof(magic)) != 0) {
		warnx("'%s' is not an encrypted clinix backup, or is truncated",
		    src);
		free(in);
		return EX_DATAERR;
	}
	clen = len - sizeof(magic) - NONCELEN - TAGLEN;
	plain = xmalloc(clen);
	backup_key(key, k);
	rc = EX_DATAERR;
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL ||
	    !EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, k,
	    in + sizeof(magic)) ||
	    !EVP_DecryptUpdate(ctx, NULL, &n, (const uint8_t *)magic,
	    sizeof(magic)) ||
	    !EVP_DecryptUpdate(ctx, plain, &n, in + sizeof(magic) + NONCELEN,
	    (int)clen) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAGLEN,
	    in + len - TAGLEN) ||
	    EVP_DecryptFinal_ex(ctx, plain + n, &n) <= 0)
		warnx("'%s' failed its authentication check: truncated, "
		    "tampered with, or sealed under another key", src);
	else
		rc = spill(dst, plain, clen);
	EVP_CIPHER_CTX_free(ctx);
	seal_wipe(k, sizeof(k));
	seal_wipe(plain, clen);
	free(plain);
	free(in);
	return rc;
}

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

/*
 * AES-256-GCM under the backup key, the magic as associated data: enc 1
 * seals in[0..n) into out and puts the tag at tag, enc 0 opens it and
 * checks it against tag.  0, or -1 (opened: it failed the check).
 */
static int
gcm(int enc, const uint8_t key[SEAL_KEYLEN], const uint8_t *nonce,
    const uint8_t *in, size_t n, uint8_t *out, uint8_t *tag)
{
	EVP_CIPHER_CTX	*ctx;
	uint8_t		 k[SEAL_KEYLEN];
	int		 m, ok;

	backup_key(key, k);
	ok = (ctx = EVP_CIPHER_CTX_new()) != NULL &&
	    EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, k, nonce, enc) &&
	    EVP_CipherUpdate(ctx, NULL, &m, (const uint8_t *)magic,
	    sizeof(magic)) &&
	    EVP_CipherUpdate(ctx, out, &m, in, (int)n) &&
	    (enc || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAGLEN,
	    tag)) &&
	    EVP_CipherFinal_ex(ctx, out + m, &m) > 0 &&
	    (!enc || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAGLEN,
	    tag));
	EVP_CIPHER_CTX_free(ctx);
	seal_wipe(k, sizeof(k));
	return ok ? 0 : -1;
}

int
vault_encrypt_file(const uint8_t key[SEAL_KEYLEN], const char *src,
    const char *dst)
{
	uint8_t		*plain, *out, *nonce, *body;
	size_t		 len;
	int		 rc;

	if ((plain = slurp(src, &len, &rc)) == NULL)
		return rc;
	out = xmalloc(sizeof(magic) + NONCELEN + len + TAGLEN);
	memcpy(out, magic, sizeof(magic));
	nonce = out + sizeof(magic);
	body = nonce + NONCELEN;
	if (seal_random(nonce, NONCELEN) == -1 ||
	    gcm(1, key, nonce, plain, len, body, body + len) == -1) {
		warnx("cannot encrypt '%s'", src);
		rc = EX_SOFTWARE;
	} else
		rc = spill(dst, out, sizeof(magic) + NONCELEN + len + TAGLEN);
	seal_wipe(plain, len);
	free(plain);
	free(out);
	return rc;
}

int
vault_decrypt_file(const uint8_t key[SEAL_KEYLEN], const char *src,
    const char *dst)
{
	uint8_t		*in, *plain;
	size_t		 len, clen;
	int		 rc;

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
	if (gcm(0, key, in + sizeof(magic), in + sizeof(magic) + NONCELEN,
	    clen, plain, in + len - TAGLEN) == -1) {
		warnx("'%s' failed its authentication check: truncated, "
		    "tampered with, or sealed under another key", src);
		rc = EX_DATAERR;
	} else
		rc = spill(dst, plain, clen);
	seal_wipe(plain, clen);
	free(plain);
	free(in);
	return rc;
}

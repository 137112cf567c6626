/*
 * seal - HMAC-SHA256 built on the low-level SHA-256 functions, the key
 * file, random bytes.
 *
 * HMAC is composed here from SHA256_Init/Update/Final rather than taken from
 * EVP_MAC: every program writes an audit row, and fetching the EVP HMAC
 * implementation loads OpenSSL's provider machinery, which costs more per
 * process than the query being audited.  The construction is RFC 2104 and
 * is checked against RFC 4231's vectors in the unit tests.  Nothing here
 * may reach EVP: this file is linked into every program, and EVP brings
 * megabytes of provider code and start-up work (bench/README).
 */
#define OPENSSL_SUPPRESS_DEPRECATED	/* SHA256_*: see above */

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "priv.h"
#include "seal.h"
#include "util.h"

#define HMAC_BLOCK	64

struct seal_hmac {
	SHA256_CTX	inner;
	uint8_t		opad[HMAC_BLOCK];
};

struct seal_hmac *
seal_hmac_new(const uint8_t key[SEAL_KEYLEN])
{
	struct seal_hmac	*h = xcalloc(1, sizeof(*h));
	uint8_t			 ipad[HMAC_BLOCK];

	memset(ipad, 0x36, sizeof(ipad));
	memset(h->opad, 0x5c, sizeof(h->opad));
	for (size_t i = 0; i < SEAL_KEYLEN; i++) {
		ipad[i] ^= key[i];
		h->opad[i] ^= key[i];
	}
	SHA256_Init(&h->inner);
	SHA256_Update(&h->inner, ipad, sizeof(ipad));
	seal_wipe(ipad, sizeof(ipad));
	return h;
}

void
seal_hmac_update(struct seal_hmac *h, const void *p, size_t n)
{
	SHA256_Update(&h->inner, p, n);
}

void
seal_hmac_final(struct seal_hmac *h, uint8_t mac[SEAL_MACLEN])
{
	SHA256_CTX	outer;
	uint8_t		ih[SHA256_DIGEST_LENGTH];

	SHA256_Final(ih, &h->inner);
	SHA256_Init(&outer);
	SHA256_Update(&outer, h->opad, sizeof(h->opad));
	SHA256_Update(&outer, ih, sizeof(ih));
	SHA256_Final(mac, &outer);
	seal_wipe(&outer, sizeof(outer));
}

void
seal_hmac_free(struct seal_hmac *h)
{
	if (h == NULL)
		return;
	seal_wipe(h, sizeof(*h));
	free(h);
}

/* One-shot form; keys longer than the block are hashed first (RFC 2104). */
void
seal_hmac(const uint8_t *key, size_t keylen, const void *p, size_t n,
    uint8_t mac[SEAL_MACLEN])
{
	uint8_t			 k[SEAL_KEYLEN] = { 0 };
	struct seal_hmac	*h;
	uint8_t			 ipad[HMAC_BLOCK], opad[HMAC_BLOCK];
	SHA256_CTX		 c;

	if (keylen == SEAL_KEYLEN) {
		memcpy(k, key, SEAL_KEYLEN);
		h = seal_hmac_new(k);
		seal_hmac_update(h, p, n);
		seal_hmac_final(h, mac);
		seal_hmac_free(h);
		seal_wipe(k, sizeof(k));
		return;
	}
	uint8_t kb[HMAC_BLOCK] = { 0 };
	if (keylen > HMAC_BLOCK) {
		/* not SHA256(): it goes through EVP and links all of it in */
		SHA256_Init(&c);
		SHA256_Update(&c, key, keylen);
		SHA256_Final(kb, &c);
	} else
		memcpy(kb, key, keylen);
	for (size_t i = 0; i < HMAC_BLOCK; i++) {
		ipad[i] = kb[i] ^ 0x36;
		opad[i] = kb[i] ^ 0x5c;
	}
	SHA256_Init(&c);
	SHA256_Update(&c, ipad, sizeof(ipad));
	SHA256_Update(&c, p, n);
	SHA256_Final(mac, &c);
	SHA256_Init(&c);
	SHA256_Update(&c, opad, sizeof(opad));
	SHA256_Update(&c, mac, SEAL_MACLEN);
	SHA256_Final(mac, &c);
	seal_wipe(kb, sizeof(kb));
	seal_wipe(ipad, sizeof(ipad));
	seal_wipe(opad, sizeof(opad));
}

void
seal_hex(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
seal_unhex(const char *s, uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(s[2 * i]), lo;

		if (hi < 0 || (lo = hexval(s[2 * i + 1])) < 0)
			return -1;
		p[i] = (uint8_t)(hi << 4 | lo);
	}
	return s[2 * n] == '\0' || s[2 * n] == '\n' ? 0 : -1;
}

/* getrandom(2) rather than RAND_bytes: no DRBG set-up in every process. */
int
seal_random(void *p, size_t n)
{
	uint8_t	*b = p;

	while (n > 0) {
		ssize_t r = getrandom(b, n, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b += r;
		n -= (size_t)r;
	}
	return 0;
}

void
seal_wipe(void *p, size_t n)
{
	OPENSSL_cleanse(p, n);
}

int
seal_key_create(const char *path)
{
	uint8_t	 key[SEAL_KEYLEN];
	char	 hex[2 * SEAL_KEYLEN + 2];
	int	 fd, rc = 0;

	if (seal_random(key, sizeof(key)) == -1) {
		warn("cannot make a key");
		return EX_OSERR;
	}
	seal_hex(key, sizeof(key), hex);
	strcat(hex, "\n");
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1) {
		warn("cannot create key file '%s'", path);
		rc = EX_CANTCREAT;
	} else if (write(fd, hex, strlen(hex)) != (ssize_t)strlen(hex) ||
	    fsync(fd) == -1) {
		warn("cannot write key file '%s'", path);
		rc = EX_IOERR;
	}
	if (fd != -1)
		close(fd);
	seal_wipe(key, sizeof(key));
	seal_wipe(hex, sizeof(hex));
	return rc;
}

/*
 * The owner's alone (0600), or a system clinic's key: readable by the
 * clinix group the installed programs run as, and by nobody else (0640).
 */
static int
key_mode_ok(const struct stat *st)
{
	struct group *g;

	if ((st->st_mode & 077) == 0)
		return 1;
	return (st->st_mode & 077) == 040 &&
	    (g = getgrnam(priv_group())) != NULL && st->st_gid == g->gr_gid;
}

int
seal_key_load(const char *path, uint8_t key[SEAL_KEYLEN])
{
	char		hex[2 * SEAL_KEYLEN + 2];
	struct stat	st;
	ssize_t		n;
	int		fd, rc = 0;

	if ((fd = open(path, O_RDONLY)) == -1) {
		warn("cannot read key file '%s'", path);
		return errno == EACCES ? EX_NOPERM : EX_CONFIG;
	}
	if (fstat(fd, &st) == -1 || !key_mode_ok(&st)) {
		warnx("key file '%s' is readable by group or others: "
		    "chmod 600 it (or 640, group %s, for a system clinic)", path,
		    priv_group());
		rc = EX_NOPERM;
		goto out;
	}
	n = read(fd, hex, sizeof(hex) - 1);
	if (n < 2 * SEAL_KEYLEN) {
		warnx("key file '%s' is too short", path);
		rc = EX_CONFIG;
		goto out;
	}
	hex[n] = '\0';
	if (seal_unhex(hex, key, SEAL_KEYLEN) == -1) {
		warnx("key file '%s' is not 64 hex digits", path);
		rc = EX_CONFIG;
	}
out:
	seal_wipe(hex, sizeof(hex));
	close(fd);
	return rc;
}

/*
 * seal - unit tests for lib/seal.c: HMAC-SHA256, hex, the key file and
 * AES-256-GCM sealed files.
 *
 * The HMAC constants are RFC 4231 section 4 (test cases 1, 2, 3, 4, 6 and
 * 7; case 5 is a truncated MAC).  All six were confirmed when this file
 * was written with Python's hmac module and with
 *	openssl dgst -sha256 -mac HMAC -macopt hexkey:...
 * Keys of other lengths are checked against OpenSSL's own HMAC(), an
 * implementation independent of seal.c's hand-built one.  The incremental
 * API takes 32-byte keys only; HMAC pads short keys with zeros and hashes
 * long ones (RFC 2104), so each RFC key has a 32-byte equivalent with the
 * same MAC.  File tests use a mkdtemp(3) directory under /tmp.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "seal.h"
#include "vault.h"
#include "tap.h"

static char dir[] = "/tmp/clinix-seal-XXXXXX";

struct vector {
	int		 tc;		/* RFC 4231 test case */
	uint8_t		 key[131];
	uint8_t		 fill;		/* or: the key is keylen of these */
	size_t		 keylen;
	const char	*data;
	size_t		 datalen;
	const char	*mac;		/* hex */
};

static const char tc7[] = "This is a test using a larger than block-size "
    "key and a larger than block-size data. The key needs to be hashed "
    "before being used by the HMAC algorithm.";
static char dd[50], cd[50];	/* 50 x 0xdd, 50 x 0xcd */
/* RFC 4231 section 4; a key given as fill is keylen bytes of it */
static struct vector vec[6] = {
	{ .tc = 1, .fill = 0x0b, .keylen = 20, .data = "Hi There",
	  .datalen = 8, .mac = "b0344c61d8db38535ca8afceaf0bf12b"
	  "881dc200c9833da726e9376c2e32cff7" },
	{ .tc = 2, .key = "Jefe", .keylen = 4,
	  .data = "what do ya want for nothing?", .datalen = 28,
	  .mac = "5bdcc146bf60754e6a042426089575c7"
	  "5a003f089d2739839dec58b964ec3843" },
	{ .tc = 3, .fill = 0xaa, .keylen = 20, .data = dd,
	  .datalen = sizeof(dd), .mac = "773ea91e36800e46854db8ebd09181a7"
	  "2959098b3ef8c122d9635514ced565fe" },
	{ .tc = 4, .key = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	  16, 17, 18, 19, 20, 21, 22, 23, 24, 25 }, .keylen = 25, .data = cd,
	  .datalen = sizeof(cd), .mac = "82558a389a443c0ea4cc819899f2083a"
	  "85f0faa3e578f8077a2e3ff46729665b" },
	{ .tc = 6, .fill = 0xaa, .keylen = 131,
	  .data = "Test Using Larger Than Block-Size Key - Hash Key First",
	  .datalen = 54, .mac = "60e431591ee0b67f0d8a26aacbf5b77f"
	  "8e0bc6213728c5140546040f0ee37f54" },
	{ .tc = 7, .fill = 0xaa, .keylen = 131, .data = tc7,
	  .datalen = sizeof(tc7) - 1, .mac = "9b09ffa71b942fcb27635fbcd5b0e944"
	  "bfdc63644f0713938a7f51535c3a35e2" },
};

static void
setup_vectors(void)
{
	memset(dd, 0xdd, sizeof(dd));
	memset(cd, 0xcd, sizeof(cd));
	for (size_t i = 0; i < 6; i++)
		if (vec[i].fill)
			memset(vec[i].key, vec[i].fill, vec[i].keylen);
}

/* The 32-byte key with the same HMAC: zero-padded, or hashed if long. */
static void
key32(const struct vector *v, uint8_t k[SEAL_KEYLEN])
{
	memset(k, 0, SEAL_KEYLEN);
	if (v->keylen > 64)
		EVP_Digest(v->key, v->keylen, k, NULL, EVP_sha256(), NULL);
	else
		memcpy(k, v->key, v->keylen);
}

static void
test_rfc4231(void)
{
	uint8_t	mac[SEAL_MACLEN], k[SEAL_KEYLEN];
	char	hex[2 * SEAL_MACLEN + 1];
	/* odd split points, and one past the 64-byte block */
	static const size_t cuts[] = { 1, 3, 7, 13, 31, 63, 65, 97 };

	for (size_t i = 0; i < 6; i++) {
		const struct vector *v = &vec[i];

		seal_hmac(v->key, v->keylen, v->data, v->datalen, mac);
		seal_hex(mac, sizeof(mac), hex);
		is_str(hex, v->mac, "seal_hmac: RFC 4231 test case %d "
		    "(%zu-byte key, %zu bytes of data)", v->tc, v->keylen,
		    v->datalen);

		/* one update */
		key32(v, k);
		struct seal_hmac *h = seal_hmac_new(k);
		seal_hmac_update(h, v->data, v->datalen);
		seal_hmac_final(h, mac);
		seal_hmac_free(h);
		seal_hex(mac, sizeof(mac), hex);
		is_str(hex, v->mac, "seal_hmac_new/update/final: test case %d "
		    "with its 32-byte equivalent key", v->tc);

		/* pieces split at odd offsets, an empty update among them */
		size_t at = 0;
		h = seal_hmac_new(k);
		for (size_t c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
			size_t to = cuts[c] < v->datalen ? cuts[c] : v->datalen;

			if (to < at)
				continue;
			seal_hmac_update(h, v->data + at, to - at);
			at = to;
		}
		seal_hmac_update(h, v->data + at, 0);
		seal_hmac_update(h, v->data + at, v->datalen - at);
		seal_hmac_final(h, mac);
		seal_hmac_free(h);
		seal_hex(mac, sizeof(mac), hex);
		is_str(hex, v->mac, "test case %d fed in pieces split at odd "
		    "offsets", v->tc);

		/* and a byte at a time */
		h = seal_hmac_new(k);
		for (size_t j = 0; j < v->datalen; j++)
			seal_hmac_update(h, v->data + j, 1);
		seal_hmac_final(h, mac);
		seal_hmac_free(h);
		seal_hex(mac, sizeof(mac), hex);
		is_str(hex, v->mac, "test case %d fed a byte at a time",
		    v->tc);
	}
}

/* Key and data lengths around the block size, against OpenSSL's HMAC(). */
static void
test_against_openssl(void)
{
	static const size_t keylens[] = { 0, 1, 31, 32, 33, 63, 64, 65, 200 };
	static const size_t datalens[] = { 0, 1, 55, 56, 63, 64, 65, 1000 };
	uint8_t		 key[200], data[1000], mac[SEAL_MACLEN];
	uint8_t		 want[64];
	unsigned	 wlen;
	int		 bad = 0, n = 0;

	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 37 + 11);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 101 + 7);
	for (size_t a = 0; a < sizeof(keylens) / sizeof(keylens[0]); a++)
		for (size_t b = 0; b < sizeof(datalens) / sizeof(datalens[0]);
		    b++) {
			seal_hmac(key, keylens[a], data, datalens[b], mac);
			HMAC(EVP_sha256(), key, (int)keylens[a], data,
			    datalens[b], want, &wlen);
			if (wlen != SEAL_MACLEN || memcmp(mac, want,
			    SEAL_MACLEN) != 0) {
				bad++;
				diag("differs: key %zu bytes, data %zu bytes",
				    keylens[a], datalens[b]);
			}
			n++;
		}
	is_int(bad, 0, "seal_hmac equals OpenSSL HMAC() for %d key/data "
	    "length pairs (keys 0..200 bytes)", n);

	/* the incremental API with a 32-byte key, in two uneven pieces */
	bad = 0;
	for (size_t b = 0; b < sizeof(datalens) / sizeof(datalens[0]); b++) {
		struct seal_hmac *h = seal_hmac_new(key);
		size_t cut = datalens[b] / 3;

		seal_hmac_update(h, data, cut);
		seal_hmac_update(h, data + cut, datalens[b] - cut);
		seal_hmac_final(h, mac);
		seal_hmac_free(h);
		HMAC(EVP_sha256(), key, SEAL_KEYLEN, data, datalens[b], want,
		    &wlen);
		bad += memcmp(mac, want, SEAL_MACLEN) != 0;
	}
	is_int(bad, 0, "seal_hmac_new/update/final equals OpenSSL HMAC()");
	seal_hmac_free(NULL);
	ok(1, "seal_hmac_free(NULL) is harmless");
}

static void
test_hex(void)
{
	uint8_t	all[256], back[256], two[2];
	char	hex[2 * 256 + 1];

	for (size_t i = 0; i < sizeof(all); i++)
		all[i] = (uint8_t)i;
	seal_hex(all, sizeof(all), hex);
	is_int(strlen(hex), 512, "seal_hex writes two digits a byte");
	ok(strncmp(hex, "000102", 6) == 0 &&
	    strcmp(hex + 506, "fdfeff") == 0, "... lower case, in order");
	is_int(seal_unhex(hex, back, sizeof(back)), 0,
	    "seal_unhex takes it back");
	is_mem(back, all, sizeof(all), "... every byte value survives");
	seal_hex(all, 0, hex);
	is_str(hex, "", "seal_hex of nothing is empty");

	is_int(seal_unhex("ABcd", two, 2), 0, "seal_unhex takes upper case");
	ok(two[0] == 0xab && two[1] == 0xcd, "... as the same bytes");
	is_int(seal_unhex("abcd\n", two, 2), 0, "... and a final newline");
	is_int(seal_unhex("zzcd", two, 2), -1, "seal_unhex rejects \"zz\"");
	is_int(seal_unhex("a g1", two, 2), -1, "... a space");
	is_int(seal_unhex("ab0g", two, 2), -1, "... a 'g'");
	is_int(seal_unhex("abc", two, 2), -1, "... too few digits");
	is_int(seal_unhex("", two, 2), -1, "... no digits");
	is_int(seal_unhex("abcdef", two, 2), -1, "... too many digits");
	is_int(seal_unhex("0xab", two, 2), -1, "... a 0x prefix");
}

/*
 * A file in the test directory.  The result is one of a ring of buffers,
 * good for a few calls; names kept longer are copied with pathto().
 */
static char *
path(const char *name)
{
	static char	p[8][256];
	static int	i;

	i = (i + 1) % 8;
	snprintf(p[i], sizeof(p[i]), "%s/%s", dir, name);
	return p[i];
}

static void
pathto(char out[256], const char *name)
{
	snprintf(out, 256, "%s/%s", dir, name);
}

static void
put(const char *p, const void *s, size_t n, mode_t mode)
{
	int fd;

	unlink(p);
	if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode)) == -1 ||
	    write(fd, s, n) != (ssize_t)n || close(fd) == -1) {
		diag("cannot write %s: %s", p, strerror(errno));
		return;
	}
	chmod(p, mode);		/* whatever the umask */
}

/* The whole file, NUL-terminated; *len its size, or NULL. */
static uint8_t *
get(const char *p, size_t *len)
{
	FILE	*f;
	uint8_t	*b;
	long	 n;

	if ((f = fopen(p, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	*len = fread(b, 1, (size_t)n, f);
	b[*len] = 0;
	fclose(f);
	return b;
}

static int
exists(const char *p)
{
	struct stat st;

	return lstat(p, &st) == 0;
}

static void
test_key_file(uint8_t key[SEAL_KEYLEN])
{
	struct stat	 st;
	uint8_t		 other[SEAL_KEYLEN], *b, *b2;
	size_t		 n = 0, n2 = 0;
	int		 hexok = 1;
	char		 kp[256];

	pathto(kp, "clinix.key");

	is_int(seal_key_create(kp), 0, "seal_key_create makes a key file");
	ok(stat(kp, &st) == 0 && S_ISREG(st.st_mode), "... a regular file");
	is_int(st.st_mode & 07777, 0600, "... of mode 0600");
	b = get(kp, &n);
	is_int(n, 65, "... of 65 bytes");
	for (size_t i = 0; b != NULL && i < 64 && i < n; i++)
		if (strchr("0123456789abcdef", b[i]) == NULL || b[i] == 0)
			hexok = 0;
	ok(b != NULL && n == 65 && hexok && b[64] == '\n',
	    "... 64 lower-case hex digits and a newline");

	is_int(seal_key_create(kp), 73, "seal_key_create refuses to "
	    "overwrite (EX_CANTCREAT)");
	b2 = get(kp, &n2);
	ok(b != NULL && b2 != NULL && n == n2 && memcmp(b, b2, n) == 0,
	    "... and the key is unchanged");
	free(b2);

	is_int(seal_key_load(kp, key), 0, "seal_key_load reads it");
	ok(b != NULL && seal_unhex((char *)b, other, SEAL_KEYLEN) == 0 &&
	    memcmp(other, key, SEAL_KEYLEN) == 0, "... as the bytes written");
	free(b);

	is_int(seal_key_create(path("second.key")), 0, "a second key");
	ok(seal_key_load(path("second.key"), other) == 0 &&
	    memcmp(other, key, SEAL_KEYLEN) != 0, "... differs from the first");

	chmod(kp, 0644);
	is_int(seal_key_load(kp, other), 77, "seal_key_load refuses a 0644 key "
	    "(EX_NOPERM)");
	chmod(kp, 0640);
	is_int(seal_key_load(kp, other), 77, "... and a 0640 one");
	chmod(kp, 0400);
	is_int(seal_key_load(kp, other), 0, "... but takes a 0400 one");
	chmod(kp, 0600);

	put(path("short.key"), "0123abcd\n", 9, 0600);
	is_int(seal_key_load(path("short.key"), other), 78,
	    "seal_key_load refuses a short file (EX_CONFIG)");
	put(path("empty.key"), "", 0, 0600);
	is_int(seal_key_load(path("empty.key"), other), 78,
	    "... an empty file");
	put(path("nothex.key"), "zz23456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef\n", 65, 0600);
	is_int(seal_key_load(path("nothex.key"), other), 78,
	    "... a file that is not hex");
	put(path("long.key"), "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef0\n", 66, 0600);
	is_int(seal_key_load(path("long.key"), other), 78,
	    "... 65 hex digits");
	is_int(seal_key_load(path("missing.key"), other), 78,
	    "... a missing file (EX_CONFIG)");
}

/* Copy src to dst with the byte at 'at' flipped (from the end if < 0),
 * or, when trunc is set, with that many bytes cut off the end instead. */
static void
tamper(const char *src, const char *dst, long at, int trunc)
{
	uint8_t	*b;
	size_t	 n = 0;

	if ((b = get(src, &n)) == NULL) {
		diag("cannot read %s", src);
		return;
	}
	if (trunc)
		n -= (size_t)trunc;
	else
		b[at < 0 ? (long)n + at : at] ^= 0x01;
	put(dst, b, n, 0600);
	free(b);
}

static void
refused(const uint8_t key[SEAL_KEYLEN], const char *src, const char *what)
{
	char out[256];

	pathto(out, "refused.out");

	unlink(out);
	is_int(vault_decrypt_file(key, src, out), 65, "decryption refuses %s "
	    "(EX_DATAERR)", what);
	ok(!exists(out), "... and writes no destination file");
}

static void
test_files(const uint8_t key[SEAL_KEYLEN])
{
	uint8_t		 plain[5000], other[SEAL_KEYLEN], *b, *b2;
	size_t		 n = 0, n2 = 0;
	struct stat	 st;
	char		 pl[256], enc[256], dec[256];

	pathto(pl, "plain");
	pathto(enc, "plain.enc");
	pathto(dec, "plain.dec");

	/* text a person could recognise, with every byte value mixed in */
	for (size_t i = 0; i < sizeof(plain); i++)
		plain[i] = i % 64 < 48 ? (uint8_t)"Patient Jane Doe, "
		    "DOB 1980-01-01, notes follow. "[i % 48] : (uint8_t)(i * 7);
	put(pl, plain, sizeof(plain), 0600);

	is_int(vault_encrypt_file(key, pl, enc), 0, "vault_encrypt_file of 5000 "
	    "bytes");
	b = get(enc, &n);
	is_int(n, 8 + 12 + sizeof(plain) + 16, "... magic, nonce, ciphertext "
	    "and tag");
	ok(b != NULL && memcmp(b, "CLINIXE1", 8) == 0, "... starting CLINIXE1");
	ok(b != NULL && memmem(b, n, "Patient Jane Doe", 16) == NULL &&
	    memmem(b, n, plain, 32) == NULL, "... without the plaintext in it");
	ok(stat(enc, &st) == 0 && (st.st_mode & 077) == 0,
	    "... readable by its owner only");
	is_int(vault_encrypt_file(key, pl, path("again.enc")), 0,
	    "encrypting again");
	b2 = get(path("again.enc"), &n2);
	ok(b != NULL && b2 != NULL && n == n2 && memcmp(b + 8, b2 + 8, 12) != 0
	    && memcmp(b + 20, b2 + 20, n - 20) != 0,
	    "... uses a fresh nonce, so the output differs");
	free(b);
	free(b2);

	is_int(vault_decrypt_file(key, enc, dec), 0, "vault_decrypt_file");
	b = get(dec, &n);
	is_int(n, sizeof(plain), "... gives back 5000 bytes");
	ok(b != NULL && n == sizeof(plain) &&
	    memcmp(b, plain, sizeof(plain)) == 0, "... the same 5000 bytes");
	free(b);

	put(path("empty"), "", 0, 0600);
	is_int(vault_encrypt_file(key, path("empty"), path("empty.enc")), 0,
	    "vault_encrypt_file of an empty file");
	b = get(path("empty.enc"), &n);
	is_int(n, 36, "... is 36 bytes: magic, nonce, tag");
	free(b);
	is_int(vault_decrypt_file(key, path("empty.enc"), path("empty.dec")), 0,
	    "vault_decrypt_file of it");
	b = get(path("empty.dec"), &n);
	ok(b != NULL && n == 0, "... gives back an empty file");
	free(b);

	tamper(enc, path("t1"), 8 + 12 + 100, 0);
	refused(key, path("t1"), "one ciphertext byte flipped");
	tamper(enc, path("t2"), -1, 0);
	refused(key, path("t2"), "the tag flipped");
	tamper(enc, path("t3"), 0, 1);
	refused(key, path("t3"), "the file truncated by one byte");
	tamper(enc, path("t4"), 0, 0);
	refused(key, path("t4"), "the magic changed");
	tamper(enc, path("t5"), 8, 0);
	refused(key, path("t5"), "the nonce changed");
	tamper(enc, path("t6"), 0, (int)(8 + 12 + sizeof(plain) + 16) - 35);
	refused(key, path("t6"), "a file shorter than a header and tag");
	tamper(path("empty.enc"), path("t7"), 30, 0);
	refused(key, path("t7"), "an empty file's tag flipped");
	put(path("t8"), plain, sizeof(plain), 0600);
	refused(key, path("t8"), "a file that was never encrypted");
	memcpy(other, key, SEAL_KEYLEN);
	other[0] ^= 0x80;
	refused(other, enc, "a different key");

	unlink(dec);
	is_int(vault_decrypt_file(key, path("missing.enc"), dec), 66,
	    "decrypting a missing file is EX_NOINPUT");
	ok(!exists(dec), "... and writes nothing");
	is_int(vault_encrypt_file(key, path("missing"), path("missing.out")), 66,
	    "encrypting a missing file is EX_NOINPUT");
}

static void
cleanup(void)
{
	static const char *const names[] = { "clinix.key", "second.key",
	    "short.key", "empty.key", "nothex.key", "long.key", "plain",
	    "plain.enc", "plain.dec", "again.enc", "empty", "empty.enc",
	    "empty.dec", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8",
	    "refused.out", "missing.out" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(path(names[i]));
	if (rmdir(dir) == -1)
		diag("left %s behind: %s", dir, strerror(errno));
}

int
main(void)
{
	uint8_t key[SEAL_KEYLEN];

	setup_vectors();
	test_rfc4231();
	test_against_openssl();
	test_hex();
	if (tap_mkdtemp(dir) != 0)
		return done_testing();
	test_key_file(key);
	test_files(key);
	seal_wipe(key, sizeof(key));
	cleanup();
	return done_testing();
}

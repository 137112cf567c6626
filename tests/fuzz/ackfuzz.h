/*
 * ackfuzz - what ack999.c and ack277.c hold a reader of lib/ack.c to,
 * on whatever a clearinghouse might send.  What it accepts must be of
 * the kind asked for, every item saying accepted, errors or rejected,
 * with codes and keys that hold no delimiter or control character (they
 * go into the database and claim history as text); what it refuses must
 * say why.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ack.h"
#include "fuzz.h"

static int
clean(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max)
		return 0;
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e || *s == '~' || *s == '^')
			return 0;
	return 1;
}

/* key_needed: the kind's every item names what it is of (277CA: CLM01). */
static int
ack_fuzz(const uint8_t *data, size_t size,
    int (*parse)(struct ack *, const char *, size_t), enum ack_kind kind,
    int key_needed)
{
	struct ack	a;
	int		rc;

	rc = parse(&a, (const char *)data, size);
	if (rc != 0 && a.why[0] == '\0')
		abort();
	if (rc == 0) {
		if (a.kind != kind)
			abort();
		for (size_t i = 0; i < a.nitem; i++) {
			const struct ack_item *it = &a.item[i];

			if ((it->result != ACK_ACCEPTED &&
			    it->result != ACK_ERRORS &&
			    it->result != ACK_REJECTED) ||
			    !clean(it->codes, ACK_CODES_MAX) ||
			    !clean(it->key, ACK_KEY_MAX) ||
			    (key_needed && it->key[0] == '\0') ||
			    !clean(it->payer_claim_no, 50))
				abort();
		}
		for (size_t g = 0; g < a.ngroup; g++)
			if (a.group[g].batch < 1 || strchr("AEPR",
			    a.group[g].ak9) == NULL || a.group[g].ak9 == '\0')
				abort();
	}
	ack_free(&a);
	return 0;
}

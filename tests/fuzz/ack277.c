/*
 * ack277 - lib/ack.c's 277CA reader alone (ack_parse_277, no database) on
 * whatever a clearinghouse might send.  What it accepts must be a
 * 277CA whose every item says accepted, errors or rejected, with
 * codes and keys that hold no delimiter or control character (they go
 * into the database and claim history as text); what it refuses must
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ack	a;
	int		rc;

	rc = ack_parse_277(&a, (const char *)data, size);
	if (rc != 0 && a.why[0] == '\0')
		abort();
	if (rc == 0) {
		if (a.kind != ACK_277CA)
			abort();
		for (size_t i = 0; i < a.nitem; i++) {
			const struct ack_item *it = &a.item[i];

			if ((it->result != ACK_ACCEPTED &&
			    it->result != ACK_ERRORS &&
			    it->result != ACK_REJECTED) ||
			    !clean(it->codes, ACK_CODES_MAX) ||
			    !clean(it->key, ACK_KEY_MAX) || it->key[0] == '\0' ||
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

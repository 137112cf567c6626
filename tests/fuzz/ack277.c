/*
 * ack277 - lib/ack.c's 277CA reader alone (ack_parse_277, no database);
 * what it must hold to is ackfuzz.h's, and each claim it accepts names its
 * CLM01.
 */
#include "ackfuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return ack_fuzz(data, size, ack_parse_277, ACK_277CA, 1);
}

/*
 * ack999 - lib/ack.c's 999 reader alone (ack_parse_999, no database);
 * what it must hold to is ackfuzz.h's.
 */
#include "ackfuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return ack_fuzz(data, size, ack_parse_999, ACK_999, 0);
}

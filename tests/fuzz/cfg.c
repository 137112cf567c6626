/*
 * cfg - lib/cfg.c on any clinix.yaml: every key, list and remind rule,
 * and the checks across keys.  cfg_load takes a path: the input is a
 * memfd (fuzz.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfg *c;

	if (cfg_load(&c, fuzz_file(data, size)) == 0)
		cfg_free(c);
	return 0;
}

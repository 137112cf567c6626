/*
 * vitals - lib/vitals.c on what a nurse types as a vital sign.  The
 * first byte picks the option (--bp ... --pain), the rest is its value.
 * What it accepts must be a plausible value of the kinds that option
 * sets, and what it refuses must leave the set as it was.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sysexits.h>

#include "fuzz.h"
#include "vitals.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vit_set	 set = { 0 }, none = { 0 };
	char		 why[VIT_WHY], *s;
	int		 rc;

	if (size == 0)
		return 0;
	s = fuzz_str(data + 1, size - 1);
	rc = vit_parse(&set, (enum vit_field)(data[0] % (VF_PAIN + 1)), s,
	    why);
	if (rc != 0 && (memcmp(&set, &none, sizeof(set)) != 0 ||
	    (rc != EX_USAGE && rc != EX_DATAERR)))
		abort();
	for (int k = 0; rc == 0 && k < VIT_NKINDS; k++) {
		const struct vit_info *i = vit_info(k);

		if (set.has[k] && (set.v[k] < i->lo - 1e-6 ||
		    set.v[k] > i->hi + 1e-6))
			abort();
	}
	free(s);
	return 0;
}

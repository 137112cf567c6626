/*
 * csv - lib/csvio.c on any bytes: `patient import`, `user import`, `sched
 * import` and `code import` read their files through it.  Every field of
 * every record is read whole, so ASan sees an overrun of one.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "csvio.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csvin	*in;
	struct csvrec	 r;
	size_t		 total = 0;

	if (csvin_open(&in, fuzz_file(data, size)) != 0)
		return 0;
	while (csvin_next(in, &r) == 1)
		for (size_t i = 0; i < r.n; i++)
			total += strlen(r.f[i]) + r.line;
	csvin_close(in);
	return total == (size_t)-1;	/* keeps the loop */
}

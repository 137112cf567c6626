/*
 * x12 - lib/x12.c's reader on any bytes: `claim remit` and `claim ack`
 * read the payers' 835, 999 and 277CA through it.  Every element and
 * every component of every segment is read, as money and as a number
 * too, so ASan sees an overrun of a span; the bytes are copied to a
 * buffer of their exact size, so a read past the end shows.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "x12.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct x12r	 r;
	char		*copy, buf[64];
	size_t		 total = 0;
	long long	 c;
	long		 v;

	if ((copy = malloc(size ? size : 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	if (x12r_open(&r, copy, size) == 0) {
		while (x12r_next(&r) == 1) {
			total += r.nel + (x12r_is(&r, "SE") ? 1 : 0);
			for (size_t i = 0; i <= r.nel + 1; i++) {
				int n = x12r_el(&r, i, buf, sizeof(buf));

				total += n > 0 ? (size_t)n : 0;
				for (size_t j = 1; j <= 3; j++) {
					n = x12r_comp(&r, i, j, buf,
					    sizeof(buf));
					total += n > 0 ? (size_t)n : 0;
				}
				if (x12r_money(&r, i, &c) == 0)
					total += (size_t)c;
				if (x12r_long(&r, i, &v) == 0)
					total += (size_t)v;
			}
		}
		total += strlen(r.why);
	}
	free(copy);
	return total == (size_t)-1;	/* keeps the loop */
}

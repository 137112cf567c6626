/*
 * hours - lib/hours.c on what `provider hours`, `visit-type add` and
 * `sched --length` are given.  The first byte picks the grammar.  What
 * they accept must hold their promises: ranges sorted, inside the day,
 * not overlapping; a length within VISIT_MIN_LEN..VISIT_MAX_LEN; a day
 * set within mon..sun.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"
#include "hours.h"
#include "util.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hours_range	 r[HOURS_MAX_RANGES];
	struct buf		 why = { 0 };
	const char		*reason;
	unsigned		 set;
	char			*s;
	int			 n, min;

	if (size == 0)
		return 0;
	s = fuzz_str(data + 1, size - 1);
	switch (data[0] % 3) {
	case 0:
		if (hours_days(s, &set) == 0 && (set == 0 || (set & ~0xfeu)))
			abort();
		break;
	case 1:
		n = hours_ranges(s, r, &why);
		if (n > HOURS_MAX_RANGES)
			abort();
		for (int i = 0; i < n; i++)
			if (r[i].start < 0 || r[i].start >= r[i].end ||
			    r[i].end > 24 * 60 ||
			    (i > 0 && r[i].start < r[i - 1].end))
				abort();
		break;
	default:
		if (visit_length_parse(s, &min, &reason) == 0 &&
		    (min < VISIT_MIN_LEN || min > VISIT_MAX_LEN))
			abort();
		break;
	}
	buf_free(&why);
	free(s);
	return 0;
}

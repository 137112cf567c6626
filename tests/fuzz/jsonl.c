/*
 * jsonl - lib/yrec.c's yrec_read_string on each line, as `patient import`
 * reads JSON lines: the line without its end, not NUL-terminated where
 * the caller's buffer goes on, numbered from the line before.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "yrec.h"

static int
field(const char *key, const char *value, size_t line, void *arg)
{
	size_t *total = arg;

	*total += strlen(key) + strlen(value) + line;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data, *end = s + size;
	size_t		 lineno = 0, total = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t	    n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		char	   *line = malloc(n + 1);

		if (line == NULL)
			err(70, "malloc");
		/* exactly n bytes and a NUL, as getline gives import */
		memcpy(line, s, n);
		line[n] = '\0';
		while (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		yrec_read_string(line, n, "fuzz", lineno, field, &total);
		free(line);
		lineno++;
		s += (nl ? (size_t)(nl - s) : (size_t)(end - s)) + 1;
	}
	return 0;
}

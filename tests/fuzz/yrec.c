/*
 * yrec - lib/yrec.c on one YAML or JSON document, as `patient add --from
 * FILE` and a reminder template read it: a flat mapping of scalars.
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
	/* a callback's error stops the read: that path too */
	return strcmp(key, "stop") == 0 ? 65 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE	*f;
	size_t	 total = 0;

	if ((f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;	/* size 0 */
	yrec_read(f, "fuzz", field, &total);
	fclose(f);
	return 0;
}

/*
 * fuzz.h - what the libFuzzer harnesses share.  Each harness is one file,
 * tests/fuzz/NAME.c, built by `make fuzz` into build/fuzz/bin/NAME and
 * seeded from tests/fuzz/NAME/.
 *
 * Some parsers take a path, not bytes: the input goes to a memfd, whose
 * /proc/self/fd path they open as any file, so nothing touches the disk.
 */
#ifndef CLINIX_FUZZ_H
#define CLINIX_FUZZ_H

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The input as a file: its path, the same memfd every time. */
static inline const char *
fuzz_file(const uint8_t *data, size_t size)
{
	static int	 fd = -1;
	static char	 path[64];

	if (fd == -1) {
		if ((fd = memfd_create("fuzz", 0)) == -1)
			err(70, "memfd_create");
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) == -1 ||
	    (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size))
		err(70, "memfd");
	return path;
}

/* The input as a C string (the parsers that take one stop at a NUL). */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s;

	if ((s = malloc(size + 1)) == NULL)
		err(70, "malloc");
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif

/*
 * yrec - one flat record (a mapping of scalar fields) read as YAML, and so
 * also as JSON, which is YAML's flow style: `patient add --from -` and
 * JSON-lines imports.
 */
#ifndef CLINIX_YREC_H
#define CLINIX_YREC_H

#include <stddef.h>
#include <stdio.h>

/*
 * Call fn(key, value, line, arg) for each field; fn returns 0 or a
 * sysexits code that stops the read.  A value that is not a scalar, or
 * anything but one mapping, is an error naming name:line (65), and so is
 * a NUL character, even escaped ("\0", "\u0000").
 */
int	 yrec_read(FILE *, const char *name,
	    int (*fn)(const char *, const char *, size_t, void *), void *arg);
int	 yrec_read_string(const char *, size_t len, const char *name,
	    size_t line0, int (*fn)(const char *, const char *, size_t, void *),
	    void *arg);

#endif

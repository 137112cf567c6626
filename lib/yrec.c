/*
 * yrec - flat records through libyaml's event parser.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <yaml.h>

#include "util.h"
#include "yrec.h"

/* maxline: the input's last line (0-based), where libyaml's end-of-input
 * marks are clamped so an error names a line that exists. */
static int
walk(yaml_parser_t *y, const char *name, size_t line0, size_t maxline,
    int (*fn)(const char *, const char *, size_t, void *), void *arg)
{
	yaml_event_t	 ev;
	char		*key = NULL;
	int		 depth = 0, rc = 0, done = 0, maps = 0;

	while (!done && rc == 0) {
		if (!yaml_parser_parse(y, &ev)) {
			size_t at = y->problem_mark.line < maxline ?
			    y->problem_mark.line : maxline;

			warnx("%s:%zu: %s", name, line0 + at + 1,
			    y->problem ? y->problem : "syntax error");
			free(key);	/* a key read before the error */
			return EX_DATAERR;
		}
		size_t line = line0 + ev.start_mark.line + 1;

		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
			if (depth++ > 0 || maps++ > 0) {
				warnx("%s:%zu: %s", name, line, key ?
				    "nested values are not fields" :
				    "one record only");
				rc = EX_DATAERR;
			}
			break;
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_SCALAR_EVENT:
			/*
			 * "\0" (YAML) and "\u0000" (JSON) decode to a NUL
			 * byte, which would cut the value short unseen:
			 * refuse it as a raw NUL is refused.
			 */
			if (memchr(ev.data.scalar.value, '\0',
			    ev.data.scalar.length) != NULL) {
				warnx("%s:%zu: %s: holds a NUL character", name,
				    line, key ? key : (char *)ev.data.scalar.value);
				rc = EX_DATAERR;
				break;
			}
			if (depth == 0) {
				if (ev.data.scalar.length == 0)
					break;
				warnx("%s:%zu: expected a record of fields",
				    name, line);
				rc = EX_DATAERR;
			} else if (key == NULL)
				key = xstrdup((char *)ev.data.scalar.value);
			else {
				const char *v = (char *)ev.data.scalar.value;

				/* a bare ~ or null is an empty field */
				if (ev.data.scalar.style ==
				    YAML_PLAIN_SCALAR_STYLE &&
				    (!strcmp(v, "~") || !strcmp(v, "null")))
					v = "";
				rc = fn(key, v, line, arg);
				free(key);
				key = NULL;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_ALIAS_EVENT:
			warnx("%s:%zu: %s: expected a single value", name, line,
			    key ? key : "?");
			rc = EX_DATAERR;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	free(key);
	return rc;
}

int
yrec_read(FILE *f, const char *name,
    int (*fn)(const char *, const char *, size_t, void *), void *arg)
{
	yaml_parser_t	y;
	int		rc;

	yaml_parser_initialize(&y);
	yaml_parser_set_input_file(&y, f);
	rc = walk(&y, name, 0, (size_t)-1, fn, arg);
	yaml_parser_delete(&y);
	return rc;
}

int
yrec_read_string(const char *s, size_t len, const char *name, size_t line0,
    int (*fn)(const char *, const char *, size_t, void *), void *arg)
{
	yaml_parser_t	y;
	size_t		lines = 0;
	int		rc;

	yaml_parser_initialize(&y);

	for (size_t i = 0; i + 1 < len; i++)
		lines += s[i] == '\n';
	yaml_parser_set_input_string(&y, (const unsigned char *)s, len);
	rc = walk(&y, name, line0, lines, fn, arg);
	yaml_parser_delete(&y);
	return rc;
}

/*
 * yedit - set one key of clinix.yaml in its text, keeping every other
 * line as it is: the comments, the order, the blank lines.  Not a YAML
 * writer: it knows the block style clinix init writes (a section, then
 * its keys indented under it) and says so when the file is otherwise.
 * What it makes must still be checked with the real loader (cfg_load_text).
 */
#ifndef CLINIX_YEDIT_H
#define CLINIX_YEDIT_H

struct buf;

/*
 * Into out, text with key ("db" or "clinic.phone") set to value, which is
 * YAML already (see yedit_quote).  An existing line for the key has its
 * value replaced, a trailing comment kept; else a commented-out example
 * ("  # phone: ...") is put back; else the key is added at the end of its
 * section, the section at the end of the file.  0, or -1 with *why when
 * the file is not in a shape this can edit safely.
 */
int	 yedit_set(struct buf *out, const char *text, const char *key,
	    const char *value, const char **why);
/* s as a YAML double-quoted scalar, appended to out. */
void	 yedit_quote(struct buf *out, const char *s);

#endif

/*
 * editor - text from the person at the terminal, or from a file: their
 * editor ($VISUAL, else $EDITOR, else vi) on a 0600 temporary file that
 * holds a starting text, and reading a whole text file or stdin.
 */
#ifndef CLINIX_EDITOR_H
#define CLINIX_EDITOR_H

#include <stddef.h>

/*
 * Let the user edit start; *out (owned) is what the file holds when the
 * editor is done.  The variable is split on blanks into the editor's
 * words ("code --wait"), never given to a shell, and the file's name is
 * the last word.  The file is made with mkstemps in $TMPDIR (else /tmp),
 * named clinix-NAME-XXXXXX.txt, and removed afterwards.
 * 0 when the editor exited 0 (the caller sees whether anything changed);
 * 1 when it exited non-zero or was killed: said, and *out is NULL, since
 * a text the editor gave up on is not one to save (as git does); 69 when
 * it could not be started; 73 or 74 for the file.
 */
int	 editor_edit(const char *name, const char *start, char **out);
/*
 * A whole text file, or stdin for "-": *out owned, at most max bytes
 * (more is 65, said); 66 when it cannot be opened, 74 when reading fails.
 */
int	 editor_read(const char *path, size_t max, char **out);

#endif

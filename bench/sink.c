/*
 * sink - the bench's sendmail and SMS command for remind send: reads its
 * standard input to the end and exits 0, and nothing else, so that what
 * a real send costs is the program's work plus one small spawn a message.
 *
 *	sink [ARG ...]		arguments (the SMS number) are ignored
 */
#include <unistd.h>

int
main(void)
{
	char	b[65536];

	while (read(STDIN_FILENO, b, sizeof(b)) > 0)
		;
	return 0;
}

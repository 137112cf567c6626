/*
 * mail - writing one reminder as an RFC 5322 message for `sendmail -t -i`:
 * the headers (RFC 2047 encoded-words for what is not plain ASCII, folded
 * lines), a text/plain UTF-8 body in 7bit or quoted-printable, CRLF line
 * ends throughout; and handing it to remind.sendmail (remind and pay
 * statement send the same way).
 */
#ifndef CLINIX_MAIL_H
#define CLINIX_MAIL_H

#include <stddef.h>
#include <time.h>

struct buf;
struct cfg;

/* Every string is borrowed for the length of the mail_write call. */
struct mail_msg {
	const char	*from;		/* "Name <addr>" or addr, configured */
	const char	*to_name;	/* UTF-8; NULL or "": no display name */
	const char	*to_addr;	/* addr-spec */
	const char	*subject;	/* UTF-8; NULL: no Subject header */
	const char	*body;		/* UTF-8, \n line ends; NULL: empty */
	const char	*message_id;	/* no <>: "rem-12.1700000000@host" */
	time_t		 date;		/* shown in the local zone */
};

/*
 * Append the whole message to b: headers, a blank line, the body, all
 * with CRLF line ends.  0, or -1 with *why (static, names the field, never
 * its value) when a field cannot go in a header safely: a control
 * character such as CR or LF, invalid UTF-8, an address that is not a
 * plain local@domain, a malformed Message-ID.  On -1, b is as it was.
 */
int	 mail_write(struct buf *b, const struct mail_msg *, const char **why);

/*
 * Is s a plausible addr-spec: a dot-atom local part, one '@', and a
 * domain of at least two dot-separated labels of letters, digits and
 * inner hyphens?  ASCII only; no spaces, controls, quotes or <>.
 */
int	 mail_addr_ok(const char *s);

/* remind.sendmail split on blanks (no shell), NULL-terminated; owned. */
char	**mail_sendmail_argv(const struct cfg *);
void	 mail_argv_free(char **);		/* NULL too */
/*
 * Run argv with data on its stdin; its exit status decides.  0 sent; 75
 * a temporary failure (EX_TEMPFAIL, EX_IOERR, EX_OSERR, EX_UNAVAILABLE,
 * EX_PROTOCOL, a signal or the time limit); 65 a permanent one; 69 when
 * it cannot start; err says which.  What it prints goes to our stderr.
 */
int	 mail_run(char *const argv[], const char *data, size_t len,
	    char *err, size_t errlen);

#endif

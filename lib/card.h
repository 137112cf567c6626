/*
 * card - take a card payment through the clinic's own terminal or gateway
 * (pay.card_command in clinix.yaml), so that clinix never sees a card
 * number (PCI DSS requirement 3).  The command is an argv list run through
 * lib/spawn: no shell, a clean environment, the group privilege dropped,
 * pay.card_timeout seconds at most (default 60), its output capped.
 *
 * What it reads on stdin, two lines:
 *	amount=12.34
 *	description=copay pat-12
 * What it must print on stdout when it exits 0: whitespace-separated
 * key=value words (one a line or all on one line), in any order:
 *	ref=ch_3PqX9a brand=visa last4=1111
 * ref: 1 to 64 of A-Z a-z 0-9 . _ : / - (the processor's reference);
 * brand: visa, mc, amex or discover; last4: four digits.  Other keys are
 * ignored; a key given twice, a word without '=', or anything on stdout
 * that looks like a card number makes the output garbage.  clinix.yaml(5)
 * says the same for the people who write such commands.
 */
#ifndef CLINIX_CARD_H
#define CLINIX_CARD_H

struct cfg;

struct card_result {
	char	ref[65];	/* the processor's reference */
	char	brand[16];	/* visa, mc, amex, discover */
	char	last4[5];	/* the card's last four digits */
	char	msg[256];	/* on failure: why, one line, no card number */
};

/*
 * Charge cents (> 0) with desc (one line; NULL: none).  Prints nothing:
 * on failure r->msg says why, for the caller to print, and nothing may
 * be posted.
 *	0	charged: ref, brand and last4 filled in
 *	65	desc unfit, or the command exited non-zero but not 75: the
 *		card was declined or the processor refused; msg holds its
 *		stderr
 *	69	the command could not be started
 *	70	it exited 0 but printed garbage (see above): it broke its
 *		contract, and the charge may have gone through at the
 *		processor, so msg says to check there before retrying
 *	75	a temporary failure: it exited 75 (EX_TEMPFAIL), or ran past
 *		pay.card_timeout and was killed
 *	78	pay.card_command is not set
 */
int	 card_charge(const struct cfg *, long long cents, const char *desc,
	    struct card_result *r);

#endif

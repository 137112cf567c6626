/*
 * sms - how many SMS segments a text costs: GSM 03.38 (3GPP TS 23.038)
 * 7-bit default alphabet with its extension table when every character
 * is in it, UCS-2 (UTF-16 in practice) otherwise.  National language
 * shift tables are not used: gateways rarely offer them.
 */
#ifndef CLINIX_SMS_H
#define CLINIX_SMS_H

struct sms_count {
	int	gsm7;		/* 1: all in GSM-7 (basic + extension table) */
	int	units;		/* septets (extension: 2) or UTF-16 units */
	int	segments;	/* messages the text goes out as, at least 1 */
};

/*
 * Count s (UTF-8).  0, or -1 if s is not valid UTF-8 (or is longer than
 * INT_MAX / 2 octets, which no SMS is).
 */
int	 sms_count(const char *s, struct sms_count *);

#endif

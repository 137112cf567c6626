/*
 * x12 - the ASC X12 syntax every interchange clinix writes or reads
 * shares (standards.md §1-3): writing segments with the delimiters
 * * : ^ ~, the fixed-width ISA and the counts in the trailers; reading an
 * interchange whose delimiters its ISA declares, one segment at a time,
 * checking the envelope (SE01/SE02, GE01/GE02, IEA01/IEA02) on the way.
 * What the segments mean is the 837P's (claim837.c), the 835's (remit.c)
 * and the acknowledgments' (ack.c).
 */
#ifndef CLINIX_X12_H
#define CLINIX_X12_H

#include <stddef.h>

#include "util.h"

/* --- writing --------------------------------------------------------- */

struct x12w {
	struct buf	*out;		/* borrowed: where the bytes go */
	int		 newline;	/* "\n" after each "~" (--newline) */
	long		 nseg;		/* segments since ST, ST counted */
	long		 nall;		/* segments written */
};
void	 x12w_init(struct x12w *, struct buf *out, int newline);
/*
 * One segment: id, then its elements up to a NULL; "" (or a NULL
 * element in the middle, given as X12_EMPTY) is an empty element, and
 * trailing empty ones are dropped (NM1*QC*1*DOE*JANE~).  Elements are
 * written as given: they may hold the component separator (composites
 * such as "HC:99213:25") but never *, ^, ~ or a control character,
 * which is a bug in the caller (abort()).  Free text goes through
 * x12_text first.  ST resets the count SE01 needs.
 */
#define X12_EMPTY	""
void	 x12w_seg(struct x12w *, const char *id, ...)
	    __attribute__((sentinel));
/* SE with this set's count (ST to SE inclusive) and ST02. */
void	 x12w_se(struct x12w *, const char *st02);
/*
 * ISA, fixed width (106 bytes with its terminator): sender and receiver
 * qualifiers (ZZ...) and ids (space-padded to 15), day YYMMDD, time
 * HHMM, control number (zero-padded to 9), usage 'T' or 'P'.
 */
void	 x12w_isa(struct x12w *, const char *sender_qual, const char *sender,
	    const char *receiver_qual, const char *receiver, const char *yymmdd,
	    const char *hhmm, long control, char usage);

/*
 * Free text as X12 takes it, into dst (size n): ASCII upper case, the
 * four delimiters and control characters dropped, runs of blanks one
 * blank, trimmed; non-ASCII letters lose their accent where Latin-1 has
 * one (É -> E), else are dropped.  Returns dst.
 */
char	*x12_text(char *dst, size_t n, const char *src);
/* 1 when s holds a delimiter (* : ^ ~) or a control character. */
int	 x12_has_delim(const char *s);
/* Cents as X12 writes money: 150, 96.5, -1.5, 0 (out: 24 bytes). */
char	*x12_money(char out[24], long long cents);

/* --- reading --------------------------------------------------------- */

#define X12_MAXEL	64	/* elements a segment may have */

struct x12r {
	const char	*p, *end;	/* what is left to read; borrowed */
	char		 el, comp, rep, term;	/* from the ISA */
	/* the current segment: its id and elements as spans of the input */
	char		 id[4];
	size_t		 nel;		/* elements after the id */
	const char	*elp[X12_MAXEL + 1];
	size_t		 ell[X12_MAXEL + 1];
	long		 segno;		/* 1 for the ISA */
	/* the envelope as read so far */
	char		 isa13[10], gs06[10], st02[10];
	long		 nst, ngs, nsegst;	/* sets in GS, groups, segs in ST */
	int		 in_isa, in_gs, in_st;
	char		 why[160];	/* what was wrong, for the message */
};
/*
 * Start reading an interchange of len bytes (blanks and newlines before
 * the ISA are skipped): 0, or -1 with r->why when it does not begin with
 * an ISA of 106 bytes declaring its delimiters.
 */
int	 x12r_open(struct x12r *, const char *data, size_t len);
/*
 * The next segment (newlines between segments skipped): 1, 0 after the
 * IEA and nothing but blanks after it, -1 with r->why ("segment 14:
 * SE01 says 23, the set has 22 segments") on a broken envelope: a
 * segment outside ST..SE, a count or control number that does not
 * match, a missing trailer, an element beyond X12_MAXEL, the input
 * ending mid-segment.
 */
int	 x12r_next(struct x12r *);
/* Is the current segment id? */
int	 x12r_is(const struct x12r *, const char *id);
/*
 * Element i (1 = the first after the id) into buf (size n), "" when
 * absent: its length, or -1 when it does not fit (buf then "").
 */
int	 x12r_el(const struct x12r *, size_t i, char *buf, size_t n);
/* Component j (1-based) of element i, as x12r_el. */
int	 x12r_comp(const struct x12r *, size_t i, size_t j, char *buf,
	    size_t n);
/*
 * Element i as money ("150", "96.5", "-1.50", ".5") into cents: 0, or
 * -1 when absent or not an amount with at most two decimals.
 */
int	 x12r_money(const struct x12r *, size_t i, long long *cents);
/* Element i as a whole number: 0, or -1 when absent or not one. */
int	 x12r_long(const struct x12r *, size_t i, long *v);

#endif

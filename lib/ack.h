/*
 * ack - the acknowledgments a clearinghouse or payer sends back for our
 * 837P batches (standards.md §3): the 999 (005010X231A1, GS01 FA), which
 * says per transaction set whether its syntax was accepted (IK5 A),
 * accepted with errors (E) or rejected (R), and the 277CA (005010X214,
 * GS01 HN), which says per claim (TRN02 = our CLM01) whether it was
 * taken into adjudication (STC category A1/A2) or rejected (A3/A6/A7/A8),
 * with the payer's claim number (REF*1K).
 *
 * Reading is pure (ack_parse: bytes in, a struct out, no database), so
 * the fuzz harnesses call it alone; ack_apply then records the whole
 * file in the caller's transaction, or nothing.  Owns the ack and
 * ack_item statements and the acknowledgment columns of batch and claim
 * (batch.ack, claim.payer_claim_no, the submitted -> accepted/rejected
 * moves).
 */
#ifndef CLINIX_ACK_H
#define CLINIX_ACK_H

#include <stddef.h>

#include "db.h"

extern const struct query ack_queries[];

enum ack_kind { ACK_999, ACK_277CA };

/* Largest acknowledgment file read (a 277CA of 100,000 claims is ~20 MB). */
#define ACK_MAX_FILE	(256u << 20)
#define ACK_CODES_MAX	200	/* ack_item.codes */
#define ACK_KEY_MAX	30	/* a TRN02 or ST02 kept, for messages */

/* What an acknowledgment says of one set (999) or one claim (277CA). */
enum ack_result { ACK_ACCEPTED = 'A', ACK_ERRORS = 'E', ACK_REJECTED = 'R' };
struct ack_item {
	long		 batch;		/* 999: AK102, the group acknowledged */
	/* 999: AK202 ST02, "" for a group's AK9 without sets; 277CA TRN02 */
	char		 key[ACK_KEY_MAX + 1];
	enum ack_result	 result;
	/*
	 * 999: its IK3 and IK4 segments ("IK3*CLM*22*2300*8 IK4*5:3*1331*7");
	 * 277CA: each STC01 (and STC10/11) composite ("A7:562:85 A7:21:IL");
	 * with the delimiters written * and :, cut at ACK_CODES_MAX.
	 */
	char		 codes[ACK_CODES_MAX + 1];
	char		 payer_claim_no[51];	/* 277CA REF*1K, "" when none */
	long		 segno;		/* where it began, for messages */
};
/* 999: each AK1 group, with its AK9 (A, E, P partial, R). */
struct ack_group {
	long		 batch;		/* AK102: GS06 of our 837 */
	char		 ak9;
};
struct ack {
	enum ack_kind	 kind;
	char		 control[10];	/* its own ISA13 */
	struct ack_item	*item;		/* owned */
	size_t		 nitem, capitem;
	struct ack_group *group;	/* owned; 999 only */
	size_t		 ngroup, capgroup;
	char		 why[200];	/* why ack_parse refused it */
};

/*
 * Read a whole 999 or 277CA (the kind its first GS01 says) of len bytes
 * into *a: 0, or 65 with a->why ("segment 12: IK5 missing for set
 * 0001") for a broken envelope (what x12r_next refuses: a truncated
 * file, counts that do not match), a GS01 that is neither FA nor HN, or
 * a segment that says what no 999 / 277CA may.  ack_parse_999 and
 * ack_parse_277 refuse the other kind too.  Free *a with ack_free
 * whatever was returned.
 */
int	 ack_parse(struct ack *, const char *data, size_t len);
int	 ack_parse_999(struct ack *, const char *data, size_t len);
int	 ack_parse_277(struct ack *, const char *data, size_t len);
void	 ack_free(struct ack *);
const char *ack_kind_name(enum ack_kind);	/* "999", "277CA" */

/*
 * A file's bytes ("-": stdin; at most ACK_MAX_FILE) and their SHA-256
 * in hex: 0, 66 when it cannot be opened, 74 when reading fails, 65 when
 * it is too big; said.  *data owned.
 */
int	 ack_file_read(const char *path, char **data, size_t *len,
	    char sha256[65]);

/* What ack_apply did, for the line `claim ack` prints. */
struct ack_done {
	long long	 ack;		/* ack-N */
	int		 dup;		/* the same file was read before as ack */
	long		 accepted, rejected, errors;	/* items */
	long		 moved;		/* claims whose status changed */
};
/*
 * Record a (read by ack_parse; sha256 of its bytes) in the caller's
 * transaction.  A file read before (the same sha256) changes nothing:
 * 0 with done->dup.  Else every batch (999) or claim (277CA) it names
 * must be ours, or 65 naming each that is not and nothing is written;
 * then the ack row, an ack_item per set or claim, and:
 *  - 999: batch.ack from AK9; a set rejected (IK5 R) sends every claim
 *    of that batch still submitted to rejected, its history naming the
 *    IK3/IK4 codes; accepted with errors (E) leaves them submitted with
 *    a history row naming the codes; accepted (A) leaves them as they
 *    are, without one (a 999 is syntax only).
 *  - 277CA: STC A1/A2 move a submitted claim to accepted, A3/A6/A7/A8 a
 *    submitted or accepted one to rejected, the codes in its history;
 *    a claim in any other status keeps it (the ack_item records what
 *    was said).  REF*1K sets claim.payer_claim_no.
 * 0, 65, or a sysexits code from the database.
 */
int	 ack_apply(struct db *, const struct ack *, const char *sha256,
	    const char *who, struct ack_done *done);

#endif

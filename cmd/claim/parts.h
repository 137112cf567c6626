/*
 * claim's parts: each file in cmd/claim/ holds the verbs of one area with
 * their option tables and its section of the verb table, which
 * cmd/claim.c joins in order; and what the parts share.
 */
#ifndef CLINIX_CLAIM_PARTS_H
#define CLINIX_CLAIM_PARTS_H

#include <stddef.h>

#include "app.h"

extern const struct verb claim_core_verbs[];	/* create, validate, list... */
extern const size_t claim_core_nverbs;
extern const struct verb claim_export_verbs[];	/* export */
extern const size_t claim_export_nverbs;
extern const struct verb claim_remit_verbs[];	/* remit, unmatched */
extern const size_t claim_remit_nverbs;
extern const struct verb claim_ack_verbs[];	/* ack, resubmit, void */
extern const size_t claim_ack_nverbs;

/* For a verb that takes operands only. */
extern const struct opt claim_no_opts[];

/* A listing's exit: 1, as grep, when nothing was listed. */
int	 claim_listed(long n);

#endif

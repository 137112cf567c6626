/*
 * pay's parts: cmd/pay/fee.c (fees, charges) and cmd/pay/money.c
 * (payments, refunds, adjustments, voids), cmd/pay/statement.c
 * (statements) and cmd/pay/export.c (the journal for hledger and
 * beancount) hold their verbs and their
 * sections of the verb table, which cmd/pay.c joins with the reading
 * verbs; and what the parts share.
 */
#ifndef CLINIX_PAY_H
#define CLINIX_PAY_H

#include <stddef.h>

#include "app.h"
#include "date.h"

extern const struct verb pay_fee_verbs[];
extern const size_t pay_fee_nverbs;
extern const struct verb pay_money_verbs[];
extern const size_t pay_money_nverbs;
extern const struct verb pay_statement_verbs[];
extern const size_t pay_statement_nverbs;
extern const struct verb pay_export_verbs[];
extern const size_t pay_export_nverbs;

/* For a verb that takes operands only: app_main still parses for it. */
extern const struct opt pay_no_opts[];

/* A day option: 0, or 64 after saying it is none. */
int	 pay_day_arg(const char *opt, const char *v, char out[DATE_LEN]);
/* enc-N (opt names it in the message): 0, or 65. */
int	 pay_enc_arg(const char *opt, const char *s, long long *enc);

#endif

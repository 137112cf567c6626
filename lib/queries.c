/*
 * queries - see queries.h.  A module that keeps its own statements adds
 * its table here.
 */
#include <stddef.h>
#include <string.h>

#include "ack.h"
#include "appt.h"
#include "carc.h"
#include "charge.h"
#include "chartview.h"
#include "claim.h"
#include "claim837.h"
#include "coverage.h"
#include "cpt.h"
#include "diagnosis.h"
#include "fee.h"
#include "journal.h"
#include "ledger.h"
#include "encounter.h"
#include "note.h"
#include "patient.h"
#include "problem.h"
#include "procedure.h"
#include "rebill.h"
#include "queries.h"
#include "remind.h"
#include "remit.h"
#include "slots.h"
#include "statement.h"
#include "vitals.h"
#include "waitlist.h"

extern const struct query user_queries[];
extern const struct query audit_queries[];
extern const struct query codeset_queries[];
extern const struct query db_queries[];
extern const struct query provider_queries[];
extern const struct query app_queries[];
extern const struct query catalog_queries[];
extern const struct query allergy_queries[];
extern const struct query immunization_queries[];

const struct query *const query_tables[] = {
	user_queries,
	audit_queries,
	codeset_queries,
	db_queries,
	remind_queries,
	provider_queries,
	appt_queries,
	slots_queries,
	waitlist_queries,
	vitals_queries,
	patient_queries,
	coverage_queries,
	app_queries,
	encounter_queries,
	note_queries,
	cpt_queries,
	problem_queries,
	diagnosis_queries,
	procedure_queries,
	catalog_queries,
	allergy_queries,
	claim_queries,
	claim837_queries,
	immunization_queries,
	ledger_queries,
	statement_queries,
	journal_queries,
	fee_queries,
	charge_queries,
	chartview_queries,
	remit_queries,
	carc_queries,
	ack_queries,
	rebill_queries,
	NULL
};

const struct query *
query_named(const char *name)
{
	for (size_t t = 0; query_tables[t] != NULL; t++)
		for (const struct query *q = query_tables[t]; q->name; q++)
			if (strcmp(q->name, name) == 0)
				return q;
	return NULL;
}

/*
 * remit - lib/remit.c's 835 reader on any bytes: remit_parse alone (it
 * never touches the database), then every amount of what it kept is
 * summed, so ASan sees a record it filled wrongly; what it accepted must
 * balance by the rules it checks (standards.md §2), or abort().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "remit.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct remit_file	 f;
	char			 why[REMIT_WHY];
	long long		 total = 0;

	if (remit_parse((const char *)data, size, &f, why) == 0) {
		for (size_t s = 0; s < f.nset; s++) {
			long long paid = 0;

			for (size_t i = f.set[s].clp0; i < f.set[s].clp0 +
			    f.set[s].nclp; i++)
				paid += f.clp[i].paid;
			for (size_t i = f.set[s].plb0; i < f.set[s].plb0 +
			    f.set[s].nplb; i++)
				paid -= f.plb[i].amount;
			if (paid != f.set[s].paid)
				abort();	/* accepted, yet unbalanced */
		}
		for (size_t i = 0; i < f.nsvc; i++) {
			long long cas = 0;

			for (size_t k = f.svc[i].adj0; k < f.svc[i].adj0 +
			    f.svc[i].nadj; k++)
				cas += f.adj[k].amount;
			if (f.svc[i].charge - cas != f.svc[i].paid)
				abort();
			total += (long long)strlen(f.svc[i].proc) +
			    (long long)strlen(f.svc[i].day);
		}
		for (size_t i = 0; i < f.nclp; i++)
			total += (long long)strlen(f.clp[i].clp01) +
			    (long long)strlen(f.clp[i].payer_claim_no);
	} else if (why[0] == '\0')
		abort();	/* refused without a word */
	remit_free(&f);
	return total == -1;
}

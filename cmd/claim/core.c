/*
 * claim's own records: creating claims from signed encounters, the
 * scrubber, listings, show and history; the verbs over lib/claim.c.
 * Billing and admins (CAP_BILLING); a provider may list the claims of
 * their own encounters (claim list --provider, their own id) and show
 * one of them.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "app.h"
#include "claim.h"
#include "coverage.h"
#include "encounter.h"
#include "out.h"
#include "parts.h"
#include "provider.h"
#include "rec.h"
#include "span.h"
#include "util.h"

/* The scrubber's complaints as records: claim, field, reason. */
static int
print_errs(struct app *app, const struct claim_err *e, size_t n)
{
	static const char *const cols[] = { "claim", "field", "reason" };
	char	 id[32];

	out_cols(app->out, nitems(cols), cols);
	for (size_t i = 0; i < n; i++) {
		const char *v[3] = { id, e[i].field, e[i].reason };

		snprintf(id, sizeof(id), "clm-%lld", e[i].claim);
		out_text_row(app->out, v);
	}
	return out_end(app->out);
}

/* --- create -------------------------------------------------------------- */

static const struct opt create_opts[] = {
	OPT_DAY('d', "every signed encounter that began on the day"),
	{ "since", 's', OPT_VALUE, "DATE", "every signed encounter since the "
	    "day (included)", COMP_DATE, NULL },
	{ "secondary", 'S', OPT_VALUE, "CLM", "the secondary claim of a "
	    "primary whose 835 left patient responsibility", COMP_NONE, NULL },
	OPT_END
};

struct made {
	struct claim_err	*errs;
	size_t			 nerrs;
};

/*
 * One encounter (or, secondary, a primary claim) in a transaction of its
 * own: the claim made and scrubbed, its id printed; 0, 65 or worse.
 * *selfpay is set when there was no coverage.
 */
static int
create_one(struct app *app, long long key, int secondary, struct made *m,
    int *selfpay)
{
	enum claim_made	 made;
	long long	 claim = 0, pat = 0;
	size_t		 first = m->nerrs;
	char		 detail[48];
	int		 rc;

	*selfpay = 0;
	if ((rc = app_begin(app)) != 0)
		return rc;
	rc = secondary ? claim_secondary(app->db, key, app->who.login, &claim,
	    &pat, &made) : claim_create(app->db, app->cfg, key,
	    app->who.login, &claim, &pat, &made);
	if (rc != 0) {
		app_rollback(app);
		return rc;
	}
	if (made != CLAIM_NEW) {
		app_rollback(app);
		if (made == CLAIM_SELF_PAY) {
			*selfpay = 1;
			return 0;
		}
		warnx("%s-%lld: already claimed as clm-%lld: nothing made",
		    secondary ? "clm" : "enc", key, claim);
		printf("clm-%lld\n", claim);
		return fflush(stdout) == 0 ? 0 : EX_IOERR;
	}
	rc = claim_validate_by(app->db, app->cfg, claim, app->who.login,
	    &m->errs, &m->nerrs);
	snprintf(detail, sizeof(detail), "%s %s-%lld", secondary ?
	    "secondary of" : "from", secondary ? "clm" : "enc", key);
	if ((rc = app_wrote_id(app, rc, pat, "clm", claim, detail)) != 0)
		return rc;
	return m->nerrs > first ? EX_DATAERR : 0;
}

static int
verb_create(int argc, char *argv[], struct app *app)
{
	const char	*day = NULL, *since = NULL, *sec = NULL;
	struct made	 m = { NULL, 0 };
	struct days	 d;
	char		 why[DAYS_WHY];
	long long	*encs = NULL, id;
	int		*sgnd = NULL, rc = 0, worst = 0, k, selfpay, modes;
	size_t		 n = 0;

	while ((k = app_opt(app)) > 0)
		switch (k) {
		case 'd': day = app->optarg; break;
		case 's': since = app->optarg; break;
		case 'S': sec = app->optarg; break;
		}
	modes = (argc > 0) + (day != NULL) + (since != NULL) + (sec != NULL);
	if (modes != 1) {
		warnx("create: give encounters, --day, --since or --secondary, "
		    "one of them");
		return EX_USAGE;
	}
	for (int i = 0; i < argc; i++)
		if (rec_id_parse(argv[i], "enc", &id) == -1) {
			warnx("not an encounter id '%s'", argv[i]);
			return EX_DATAERR;
		}
	if (sec && (rc = claim_arg(sec, &id)) != 0)
		return rc;
	if ((rc = app_config(app)) != 0)
		return rc;
	if ((day || since) && days_parse(&d, day, since, NULL, NULL, NULL,
	    why) != 0) {
		warnx("%s", why);
		return EX_USAGE;
	}
	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0)
		return rc;
	if (sec) {
		rc = create_one(app, id, 1, &m, &selfpay);
		goto out;
	}
	/* each encounter is a record: a bad one is told of, the rest go on */
	for (int i = 0; i < argc; i++) {
		rec_id_parse(argv[i], "enc", &id);
		rc = create_one(app, id, 0, &m, &selfpay);
		if (rc == 0 && selfpay)
			rc = EX_DATAERR;	/* asked for, and no claim */
		if (rc == EX_DATAERR)
			worst = rc, rc = 0;
		else if (rc != 0)
			goto out;
	}
	if ((day || since) && (rc = claim_encounters(app->db, d.lo,
	    day ? d.hi : NULL, &encs, &sgnd, &n)) != 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (!sgnd[i]) {
			warnx("enc-%lld: not signed yet: no claim", encs[i]);
			continue;
		}
		rc = create_one(app, encs[i], 0, &m, &selfpay);
		if (rc == EX_DATAERR)
			worst = rc, rc = 0;
		else if (rc != 0)
			goto out;
	}
out:
	if (m.nerrs > 0) {
		/* the ids went to stdout, for the next stage; these beside */
		for (size_t i = 0; i < m.nerrs; i++)
			warnx("clm-%lld: %s: %s", m.errs[i].claim,
			    m.errs[i].field, m.errs[i].reason);
		if (rc == 0)
			rc = EX_DATAERR;
	}
	free(m.errs);
	free(encs);
	free(sgnd);
	return rc != 0 ? rc : worst;
}

/* --- validate ------------------------------------------------------------ */

struct vrun {
	struct app		*app;
	struct claim_err	*errs;
	size_t			 nerrs;
	struct {
		long long	 id;
		char		 status[16];
	}			*ok;		/* the claims that passed */
	size_t			 nok;
};

static int
validate_one(const char *key, void *arg)
{
	struct vrun	*v = arg;
	struct app	*app = v->app;
	long long	 id, pat, prv;
	size_t		 first = v->nerrs;
	int		 rc;

	if ((rc = claim_arg(key, &id)) != 0)
		return rc;
	if ((rc = app_begin(app)) != 0)
		return rc;
	if ((rc = claim_owner(app->db, id, &pat, &prv)) == 0)
		rc = claim_validate_by(app->db, app->cfg, id, app->who.login,
		    &v->errs, &v->nerrs);
	if (rc != 0) {
		app_rollback(app);
		return rc;
	}
	if ((rc = app_end(app, pat, key, v->nerrs > first ? "scrubbed: "
	    "failed" : "scrubbed: passed")) != 0)
		return rc;
	if (v->nerrs > first)
		return EX_DATAERR;
	v->ok = xrealloc(v->ok, (v->nok + 1) * sizeof(*v->ok));
	v->ok[v->nok].id = id;
	if ((rc = claim_status_of(app->db, id, v->ok[v->nok].status)) != 0)
		return rc;
	v->nok++;
	return 0;
}

static int
verb_validate(int argc, char *argv[], struct app *app)
{
	static const char *const cols[] = { "claim", "status" };
	struct vrun	 v = { app, NULL, 0, NULL, 0 };
	long long	*ids = NULL;
	size_t		 n = 0;
	char		 key[32];
	int		 rc;

	if ((rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0)
		return rc;
	if (argc == 0 && isatty(STDIN_FILENO)) {
		/* every claim not sent yet */
		if ((rc = claim_unsent(app->db, &ids, &n)) != 0)
			return rc;
		for (size_t i = 0; i < n; i++) {
			int r;

			snprintf(key, sizeof(key), "clm-%lld", ids[i]);
			r = validate_one(key, &v);
			if (r != 0 && r != EX_DATAERR) {
				rc = r;
				break;
			}
			if (r != 0)
				rc = r;
		}
		free(ids);
		if (n == 0) {
			warnx("no draft or ready claims");
			return 1;
		}
	} else
		rc = rec_each(argc, argv, validate_one, &v);
	if (v.nerrs > 0) {
		int r = print_errs(app, v.errs, v.nerrs);

		if (rc == 0)
			rc = r != 0 ? r : EX_DATAERR;
	} else if (rc == 0 && v.nok > 0) {
		out_cols(app->out, nitems(cols), cols);
		for (size_t i = 0; i < v.nok; i++) {
			const char *vals[2] = { key, v.ok[i].status };

			snprintf(key, sizeof(key), "clm-%lld", v.ok[i].id);
			out_text_row(app->out, vals);
		}
		rc = out_end(app->out);
	}
	free(v.errs);
	free(v.ok);
	return rc;
}

/* --- list, show, history ------------------------------------------------- */

/*
 * The provider a user is, when not billing: 0 with *prv (0 for a billing
 * or admin user, who may see every claim); else 77, audited.
 */
static int
who_may(struct app *app, long long *prv)
{
	*prv = 0;
	if (auth_can(app->who.role, CAP_BILLING))
		return 0;
	if (app->who.role == ROLE_PROVIDER &&
	    enc_provider_of(app->db, app->who.login, prv) == 0)
		return 0;
	return app_require(app, CAP_BILLING);
}

static int
refuse_other(struct app *app, const char *what)
{
	char detail[96];

	snprintf(detail, sizeof(detail), "%s: another provider's claims",
	    what);
	app_refused(app, detail);
	warnx("permission denied: '%s' (%s) may see only the claims of "
	    "their own encounters", app->who.login,
	    auth_role_name(app->who.role));
	return EX_NOPERM;
}

static const struct opt list_opts[] = {
	{ "status", 's', OPT_VALUE, "STATUS", "only claims in this status",
	    COMP_WORDS, CLAIM_STATUS_WORDS },
	{ "payer", 'p', OPT_VALUE, "PAYER", "only this payer's (pyr-N, name "
	    "or payer id)", COMP_NONE, NULL },
	OPT_FROM('F', "from this day of service on"),
	OPT_TO('T', "up to this day of service (included)"),
	OPT_PROVIDER('P', "only this rendering provider's"),
	OPT_END
};

static int
verb_list(int argc, char *argv[], struct app *app)
{
	static const char *const statuses[] = { CLAIM_STATUSES };
	struct claim_filter	 f = { 0 };
	const char		*payer = NULL, *prvkey = NULL;
	struct days		 d;
	char			 why[DAYS_WHY];
	long long		 me = 0;
	int			 k, rc, active;

	while ((k = app_opt(app)) > 0)
		switch (k) {
		case 's': f.status = app->optarg; break;
		case 'p': payer = app->optarg; break;
		case 'F': f.from = app->optarg; break;
		case 'T': f.to = app->optarg; break;
		case 'P': prvkey = app->optarg; break;
		}
	if ((rc = app_none(argc, argv)) != 0)
		return rc;
	if (f.status && !str_in(f.status, statuses, nitems(statuses))) {
		warnx("--status: not a claim status '%s' (%s)", f.status,
		    CLAIM_STATUS_WORDS);
		return EX_USAGE;
	}
	if ((rc = app_config(app)) != 0)
		return rc;
	if (days_parse(&d, NULL, f.from, f.to, NULL, NULL, why) != 0) {
		warnx("%s", why);
		return EX_USAGE;
	}
	f.from = f.from ? d.first : NULL;
	f.to = f.to ? d.last : NULL;
	if ((rc = app_open(app)) != 0 || (rc = who_may(app, &me)) != 0)
		return rc;
	if (me && prvkey == NULL)
		/* a provider lists their own, and says so */
		return app_require(app, CAP_BILLING);
	if (prvkey && (rc = prv_find(app->db, prvkey, &f.provider,
	    &active)) != 0)
		return rc;
	if (me && f.provider != me)
		return refuse_other(app, prvkey);
	if (payer && (rc = payer_find(app->db, payer, &f.payer)) != 0)
		return rc;
	return app_list_phi(app, claim_list(app->db, &f), 2, "claims", 0);
}

/* Each row of a part as one indented line, or "none". */
static int
print_part(struct app *app, const char *title, enum claim_part part,
    long long id)
{
	int rc = out_section(stdout, title, claim_part(app->db, part, id));

	return rc < 0 ? -rc : 0;
}

static const struct {
	const char	*title, *key;
	enum claim_part	 part;
} parts[] = {
	{ "diagnoses", "dx", CLAIM_DX },
	{ "lines (code, modifiers, units, charge, pointers)", "lines",
	    CLAIM_LINES },
	{ "history", "history", CLAIM_HISTORY },
	{ "acknowledgments", "acks", CLAIM_ACKS },
	{ "remittances", "remits", CLAIM_REMITS },
	{ "remittance lines", "remit_lines", CLAIM_REMIT_LINES },
	{ "adjustments (CAS)", "adjustments", CLAIM_ADJS },
};

static int
show_json(struct app *app, long long id)
{
	long	 r;

	printf("{\"claim\":");
	if ((r = out_json_rows(stdout, claim_part(app->db, CLAIM_HEAD, id),
	    1)) < 0)
		return (int)-r;
	for (size_t i = 0; i < nitems(parts); i++) {
		printf(",");
		out_json_string(stdout, parts[i].key);
		printf(":");
		if ((r = out_json_rows(stdout, claim_part(app->db,
		    parts[i].part, id), 0)) < 0)
			return (int)-r;
	}
	printf("}\n");
	return fflush(stdout) == 0 ? 0 : EX_IOERR;
}

static int
show_text(struct app *app, long long id)
{
	db_rows	*s = claim_part(app->db, CLAIM_HEAD, id);
	int	 rc;

	if ((rc = db_step(app->db, s)) != SQLITE_ROW) {
		db_reset(s);
		return rc == SQLITE_DONE ? EX_DATAERR : rc;
	}
	/* the head: one "name: value" line a column that has one */
	for (int i = 0; i < db_ncols(s); i++)
		if (!db_isnull(s, i))
			printf("%s: %s\n", claim_col_name(s, i),
			    db_col(s, i));
	db_reset(s);
	for (size_t i = 0; i < nitems(parts); i++)
		if ((rc = print_part(app, parts[i].title, parts[i].part,
		    id)) != 0)
			return rc;
	return fflush(stdout) == 0 ? 0 : EX_IOERR;
}

static int
verb_show(int argc, char *argv[], struct app *app)
{
	long long	 id, pat, prv, me;
	int		 rc;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = claim_arg(argv[0], &id)) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = who_may(app, &me)) != 0 ||
	    (rc = claim_owner(app->db, id, &pat, &prv)) != 0)
		return rc;
	if (me && prv != me)
		return refuse_other(app, argv[0]);
	if ((rc = app_audit(app, pat, argv[0], "claim")) != 0)
		return rc;
	return out_format(app->out) == OUT_JSON ? show_json(app, id) :
	    show_text(app, id);
}

static int
verb_history(int argc, char *argv[], struct app *app)
{
	long long	 id, pat, prv;
	int		 rc;

	if (argc != 1)
		return EX_USAGE;
	if ((rc = claim_arg(argv[0], &id)) != 0 ||
	    (rc = app_open(app)) != 0 ||
	    (rc = app_require(app, CAP_BILLING)) != 0 ||
	    (rc = claim_owner(app->db, id, &pat, &prv)) != 0 ||
	    (rc = app_audit(app, pat, argv[0], "claim history")) != 0)
		return rc;
	return claim_listed(out_stmt(app->out, claim_history(app->db, id),
	    NULL, NULL));
}

const struct verb claim_core_verbs[] = {
	{ .name = "create", .fn = verb_create, .mode = DB_RW,
	    .usage = "ENC ... | --day DATE | --since DATE | --secondary CLM",
	    .summary = "make claims of signed encounters, and scrub them",
	    .opts = create_opts },
	{ .name = "validate", .fn = verb_validate, .mode = DB_RW,
	    .usage = "[CLM ... | -]",
	    .summary = "the scrubber: check claims, draft to ready",
	    .opts = claim_no_opts },
	{ .name = "list", .fn = verb_list, .mode = DB_RO,
	    .usage = "[--status STATUS] [--payer PAYER] [--from DATE] "
	    "[--to DATE] [--provider PRV]",
	    .summary = "list claims by day of service", .opts = list_opts },
	{ .name = "show", .fn = verb_show, .mode = DB_RO, .usage = "CLM",
	    .summary = "a claim with its lines, history, acknowledgments and "
	    "remittances", .opts = claim_no_opts },
	{ .name = "history", .fn = verb_history, .mode = DB_RO,
	    .usage = "CLM", .summary = "every change of a claim's status, "
	    "with who and when", .opts = claim_no_opts },
};
const size_t claim_core_nverbs = nitems(claim_core_verbs);

/*
 * remind - reminders in the database, each sent exactly once: what is
 * due (by lib/rules), the claim of its key before it is sent, the lease
 * a claim holds, the outcome (sent, retry, failed, dropped) with its
 * audit row, claims taken back after a run died, and opt-outs.  The
 * message is rendered from its template (lib/tmpl, lib/mail, lib/sms)
 * and handed to remind.sendmail or remind.sms_command by lib/spawn:
 * argv, never a shell.  cmd/remind.c prints what a run returns.
 */
#ifndef CLINIX_REMIND_H
#define CLINIX_REMIND_H

#include <time.h>

#include "db.h"
#include "rules.h"
#include "util.h"

struct app;
struct tmpl;

#define REMIND_ERR	200	/* room for why one message cannot go */

/* The module's statements, for tests/unit/sqlprep.c (lib/queries.c). */
extern const struct query remind_queries[];

/* One reminder: who, what about, by which channel, to where. */
struct rem_item {
	long long	 id;		/* reminder row, once claimed */
	char		 key[RULE_KEY_LEN];
	long long	 patient, apt;
	char		 rule[40], template[40];
	int		 channel;	/* CH_EMAIL or CH_SMS */
	char		*address, *name, *lang, *provider, *location;
	time_t		 start;
	int		 attempts;
};

/* Templates by (name, language, visit or not), loaded once per run. */
struct rem_tcache {
	struct rem_tmpl {
		char		*name, *lang;
		int		 visit;
		struct tmpl	*t;
	}		*v;
	size_t		 n;
};

/*
 * A run of remind due or remind send.  The caller sets dry, verbose,
 * limit and show after remind_init; show is called for every reminder
 * listed (due, a dry run), with extra the message's size or why it
 * cannot go (NULL for due).
 */
struct remind_run {
	struct app	*app;
	struct rem_tcache tc;
	char		**sendmail, **sms;	/* argv, NULL when missing */
	int		 sendmail_ok, sms_ok;	/* runnable */
	char		 run_id[96];
	time_t		 now;		/* --at, or when the run started */
	time_t		 t0;		/* the clock then, to move now along */
	int		 chan_filter, dry, verbose;
	long long	 limit, done;
	long long	 sent[3], failed, retrying, dropped, missing[3];
	struct buf	 msg;
	void		(*show)(void *, const struct rem_item *,
			    const char *extra);
	void		*show_arg;
};

/* at: --at (NULL for the clock); 65 said when it is no time. */
int	 remind_init(struct remind_run *, struct app *, const char *at,
	    int chan_filter);
void	 remind_free(struct remind_run *);

/*
 * The visits due by r->now, each by the closest rule for the patient's
 * channel: listed (claiming 0: due, a dry run) or claimed a batch at a
 * time and sent.  0 or a sysexits code; the counts say how it went.
 */
int	 remind_sweep(struct remind_run *, int claiming);
/* Claims whose lease ran out, and retries whose time has come: sent. */
int	 remind_resume(struct remind_run *);
/*
 * One id of remind send ID ...: apt-N by its rule (or by template), a
 * patient (pat-N or an MRN) by template; slot_provider and slot_start,
 * when not 0, the slot that opened that a waitlist line names.
 */
int	 remind_one(struct remind_run *, const char *key, const char *template,
	    long long slot_provider, time_t slot_start);

/*
 * Opt patient key out of (in 0) or back into (in 1) reminders by the
 * channels in mask, audited; *id the patient.  0 or a sysexits code.
 */
int	 remind_optout(struct app *, const char *key, int mask, int in,
	    long long *id);
/*
 * List the reminders created in [lo, hi), of patient (0: all), of
 * status (NULL: any), as app_list_phi does.
 */
int	 remind_log(struct app *, const char *lo, const char *hi,
	    long long patient, const char *status);

#endif

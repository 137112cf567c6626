/*
 * provider - lib/provider.c against a migrated database: checking the
 * fields people type (exact messages), finding by id, NPI or name, the
 * uniqueness rules, hours, days off given back, visit types and
 * resources, and the clinic's billing identity.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cfg.h"
#include "db.h"
#include "hours.h"
#include "provider.h"
#include "tap.h"
#include "util.h"

static char	 errpath[64];
static int	 saved_fd = -1;

/* Send stderr (warnx) to a file until said() reads it back. */
static void
hear(void)
{
	int fd;

	fflush(stderr);
	saved_fd = dup(2);
	if ((fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		abort();
	dup2(fd, 2);
	close(fd);
}

/* What was said since hear(), "prog: " and the last newline cut off. */
static const char *
said(void)
{
	static char	 got[1024];
	FILE		*f;
	size_t		 n;
	char		*p;

	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	if ((f = fopen(errpath, "r")) == NULL)
		abort();
	n = fread(got, 1, sizeof(got) - 1, f);
	fclose(f);
	got[n] = '\0';
	if (n && got[n - 1] == '\n')
		got[n - 1] = '\0';
	if ((p = strstr(got, ": ")) != NULL)
		memmove(got, p + 2, strlen(p + 2) + 1);
	return got;
}

/* One integer from SQL, or -1. */
static long long
one(struct db *db, const char *sql)
{
	sqlite3_stmt	*s;
	long long	 v = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* A provider's days off, "off-1 2026-12-20..2026-12-23 reason; ...". */
static const char *
offs(struct db *db, long long prv)
{
	static struct buf	 b;
	sqlite3_stmt		*s = prv_off_list(db, prv);

	buf_reset(&b);
	buf_adds(&b, "");
	while (sqlite3_step(s) == SQLITE_ROW)
		buf_printf(&b, "%s%s %s..%s %s", b.len ? "; " : "",
		    sqlite3_column_text(s, 0), sqlite3_column_text(s, 2),
		    sqlite3_column_text(s, 3), sqlite3_column_type(s, 4) ==
		    SQLITE_NULL ? "-" : (const char *)sqlite3_column_text(s, 4));
	sqlite3_reset(s);
	return b.s;
}

static void
check_fields(void)
{
	static const struct {
		struct prv_fields	 f;
		const char		*want;
	} bad[] = {
		{ { .name = "" }, "name: is empty" },
		{ { .npi = "123" }, "npi '123': must be 10 digits" },
		{ { .npi = "12345678901" }, "npi '12345678901': must be 10 digits" },
		{ { .npi = "123456789x" }, "npi '123456789x': must be 10 digits" },
		{ { .npi = "3234567893" }, "npi '3234567893': must start with 1 or 2" },
		{ { .npi = "1234567890" }, "npi '1234567890': wrong check digit" },
		{ { .taxonomy = "207Q00000" }, "taxonomy '207Q00000': must be 3 "
		    "digits, 6 digits or capital letters, then X (e.g. 207Q00000X)" },
		{ { .taxonomy = "207q00000X" }, "taxonomy '207q00000X': must be 3 "
		    "digits, 6 digits or capital letters, then X (e.g. 207Q00000X)" },
	};
	struct prv_fields	 good = { "Dr A", "1234567893", "207Q00000X",
	    "MD", "alice" };
	char			 longname[PRV_NAME_MAX + 2], longcred[PRV_CRED_MAX + 2];
	const char		*why;

	for (size_t i = 0; i < nitems(bad); i++) {
		hear();
		is_int(prv_check(&bad[i].f), EX_DATAERR, "refused: %s",
		    bad[i].want);
		is_str(said(), bad[i].want, "and said so");
	}
	hear();
	is_int(prv_check(&good), 0, "good fields pass");
	is_str(said(), "", "silently");
	good.cred = "";	/* edit: clear it */
	is_int(prv_check(&good), 0, "an empty credential is none");
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ok(prv_bad_name(longname) != NULL, "a name of %d bytes is refused",
	    PRV_NAME_MAX + 1);
	longname[PRV_NAME_MAX] = '\0';
	ok(prv_bad_name(longname) == NULL, "one of %d is fine", PRV_NAME_MAX);
	memset(longcred, 'c', sizeof(longcred) - 1);
	longcred[sizeof(longcred) - 1] = '\0';
	good.cred = longcred;
	hear();
	is_int(prv_check(&good), EX_DATAERR, "a long credential is refused");
	why = said();
	ok(strncmp(why, "credential: ", 12) == 0, "as the credential: %s", why);
	/* the Luhn check over 80840 + the first nine digits */
	ok(prv_bad_npi("1234567893") == NULL, "1234567893 is an NPI");
	ok(prv_bad_npi("2000000002") == NULL, "2000000002 is an NPI");
	is_str(prv_bad_npi("2000000008"), "wrong check digit", "2000000008 not");
}

static void
check_providers(struct db *db)
{
	struct prv_fields	 a = { "Dr A", "1234567893", "207Q00000X", NULL,
	    NULL };
	struct prv_fields	 b = { "Dr B", "2000000002", "207Q00000X", "MD",
	    "bob" };
	long long		 id = 0, id2 = 0;
	int			 active = -1;

	is_int(prv_add(db, &a, &id), 0, "add a provider");
	is_int(id, 1, "prv-1");
	hear();
	is_int(prv_add(db, &a, &id2), EX_DATAERR, "the same NPI again");
	is_str(said(), "npi '1234567893' is already prv-1", "names the holder");
	hear();
	is_int(prv_add(db, &b, &id2), EX_DATAERR, "a login nobody has");
	is_str(said(), "login: no clinix user 'bob'", "says so");
	is_int(sqlite3_exec(db_handle(db), "INSERT INTO user (login, role, "
	    "created_at) VALUES ('bob', 'provider', 'now'), ('carol', "
	    "'provider', 'now')", NULL, NULL, NULL), SQLITE_OK, "two users");
	is_int(prv_add(db, &b, &id2), 0, "now bob may be prv-2");
	is_int(id2, 2, "prv-2");
	is_int(one(db, "SELECT count(*) FROM provider WHERE id = 2 AND "
	    "login = 'bob' AND credential = 'MD'"), 1, "with login, credential");

	is_int(prv_find(db, "prv-1", &id, &active), 0, "find prv-1");
	ok(id == 1 && active == 1, "active prv-1");
	is_int(prv_find(db, "2000000002", &id, NULL), 0, "find by NPI");
	is_int(id, 2, "prv-2");
	is_int(prv_find(db, "prv-9", &id, NULL), EX_DATAERR, "prv-9: none");
	is_int(prv_find(db, "pat-1", &id, NULL), EX_DATAERR, "an id of a "
	    "patient is no provider");
	is_int(prv_find(db, "1", &id, NULL), EX_DATAERR, "a row number is "
	    "no NPI");

	/* edit: NULL keeps, "" clears; the rules see past the row itself */
	{
		struct prv_fields e = { .name = "Dr Bee", .cred = "",
		    .login = "bob", .npi = "2000000002" };
		struct prv_fields steal = { .login = "bob" };

		is_int(prv_edit(db, 2, &e), 0, "edit prv-2, own NPI and login");
		is_int(one(db, "SELECT count(*) FROM provider WHERE id = 2 AND "
		    "name = 'Dr Bee' AND credential IS NULL AND login = 'bob' "
		    "AND taxonomy = '207Q00000X'"), 1, "name set, credential "
		    "cleared, the rest kept");
		hear();
		is_int(prv_edit(db, 1, &steal), EX_DATAERR, "prv-1 takes bob");
		is_str(said(), "login: user 'bob' is already prv-2", "refused");
		steal.login = "carol";
		is_int(prv_edit(db, 1, &steal), 0, "carol is free");
		steal.login = "";
		is_int(prv_edit(db, 1, &steal), 0, "and cleared again");
		is_int(one(db, "SELECT count(*) FROM provider WHERE id = 1 AND "
		    "login IS NULL"), 1, "no login");
	}
	is_int(prv_set_active(db, 2, 0), 0, "deactivate prv-2");
	is_int(prv_find(db, "prv-2", &id, &active), 0, "still found");
	is_int(active, 0, "inactive");
}

static void
check_hours(struct db *db)
{
	struct hours_range	 r[HOURS_MAX_RANGES];
	struct buf		 why = { 0 };
	unsigned		 days;
	int			 n;

	hours_days("mon-fri", &days);
	n = hours_ranges("13:00-17:00,08:00-12:00", r, &why);
	is_int(prv_hours_set(db, 1, days, r, n), 0, "mon-fri two ranges");
	is_int(one(db, "SELECT count(*) FROM provider_hours WHERE "
	    "provider_id = 1"), 10, "ten rows");
	hours_days("wed", &days);
	is_int(prv_hours_set(db, 1, days, r, 0), 0, "wed off");
	hours_days("sat", &days);
	n = hours_ranges("09:00-10:00", r, &why);
	is_int(prv_hours_set(db, 1, days, r, n), 0, "sat 09:00-10:00");
	{
		sqlite3_stmt *s = prv_hours_list(db, 1);
		struct buf b = { 0 };

		buf_adds(&b, "");
		while (sqlite3_step(s) == SQLITE_ROW)
			buf_printf(&b, "%s %s-%s;", sqlite3_column_text(s, 1),
			    sqlite3_column_text(s, 2), sqlite3_column_text(s, 3));
		sqlite3_reset(s);
		is_str(b.s, "mon 08:00-12:00;mon 13:00-17:00;tue 08:00-12:00;"
		    "tue 13:00-17:00;thu 08:00-12:00;thu 13:00-17:00;"
		    "fri 08:00-12:00;fri 13:00-17:00;sat 09:00-10:00;",
		    "the week as listed");
		buf_free(&b);
	}
	buf_free(&why);
}

static void
check_offs(struct db *db)
{
	struct prv_off_change	*c;
	size_t			 n;
	long long		 id;

	is_int(prv_off_add(db, 1, "2026-12-20", "2026-12-31", "holiday", &id),
	    0, "off 12-20..12-31");
	is_int(id, 1, "off-1");
	is_int(prv_off_add(db, 1, "2027-01-05", "2027-01-05", NULL, &id), 0,
	    "off 01-05");
	/* a day inside: cut in two, the new half keeps the reason */
	is_int(prv_off_remove(db, 1, "2026-12-24", "2026-12-24", &c, &n), 0,
	    "give back 12-24");
	ok(n == 1 && c[0].id == 1 && c[0].half == 3, "off-1 cut, off-3 new");
	is_str(c[0].left, "2026-12-20..2026-12-23 and off-3 2026-12-25.."
	    "2026-12-31", "what is left");
	free(c);
	is_str(offs(db, 1), "off-1 2026-12-20..2026-12-23 holiday; off-3 "
	    "2026-12-25..2026-12-31 holiday; off-2 2027-01-05..2027-01-05 -",
	    "the days off now");
	/* over both ends and one inside */
	is_int(prv_off_remove(db, 1, "2026-12-22", "2027-01-10", &c, &n), 0,
	    "give back 12-22..01-10");
	is_int(n, 3, "three changed");
	if (n == 3) {
		is_str(c[0].left, "2026-12-20..2026-12-21", "off-1 cut short");
		is_str(c[1].left, "none", "off-3 gone");
		is_str(c[2].left, "none", "off-2 gone");
	}
	free(c);
	is_str(offs(db, 1), "off-1 2026-12-20..2026-12-21 holiday",
	    "one day off left");
	hear();
	is_int(prv_off_remove(db, 1, "2026-12-25", "2026-12-25", &c, &n), 1,
	    "nothing to give back");
	is_str(said(), "prv-1 has no day off on 2026-12-25", "says so");
	ok(c == NULL && n == 0, "and changes nothing");
	hear();
	is_int(prv_off_remove(db, 1, "2026-12-25", "2026-12-31", &c, &n), 1,
	    "nor in a span");
	is_str(said(), "prv-1 has no day off from 2026-12-25 to 2026-12-31",
	    "says so");
}

static void
check_named(struct db *db)
{
	long long	 id = 0;
	int		 min = 0, active = -1;

	is_int(vtype_add(db, "New Patient", 40, &id), 0, "a visit type");
	is_int(id, 1, "vt-1");
	hear();
	is_int(vtype_add(db, "new patient", 20, &id), EX_DATAERR, "any case");
	is_str(said(), "visit type 'new patient' already exists", "taken");
	is_int(vtype_find(db, "NEW PATIENT", &id, &min, &active), 0,
	    "found by name in any case");
	ok(id == 1 && min == 40 && active == 1, "vt-1, 40 minutes, active");
	is_int(vtype_find(db, "vt-1", &id, NULL, NULL), 0, "by id");
	is_int(vtype_find(db, "res-1", &id, NULL, NULL), EX_DATAERR,
	    "not by a resource id");
	is_int(vtype_set_active(db, 1, 0), 0, "retire");
	vtype_find(db, "vt-1", &id, NULL, &active);
	is_int(active, 0, "retired");

	is_int(resource_add(db, "Room 2", "room", &id), 0, "a room");
	hear();
	is_int(resource_add(db, "ROOM 2", "device", &id), EX_DATAERR, "taken");
	is_str(said(), "resource 'ROOM 2' already exists", "says so");
	is_int(resource_find(db, "room 2", &id, &active), 0, "found");
	ok(id == 1 && active == 1, "res-1, active");
	is_int(resource_set_active(db, 1, 0), 0, "retire");
	is_int(resource_set_active(db, 1, 1), 0, "restore");
	resource_find(db, "res-1", &id, &active);
	is_int(active, 1, "active again");
}

static void
check_clinic(void)
{
	struct cfg		 c = { 0 };
	struct prv_clinic	 pc;
	const char		*why;

	c.path = "clinix.yaml";
	c.clinic_name = "Clinic";
	c.clinic_npi = "1234567893";
	c.clinic_tax_id = "12-3456789";
	c.clinic_address1 = "1 Main St";
	c.clinic_city = "Boston";
	c.clinic_state = "MA";
	c.clinic_zip = "02108-0000";
	hear();
	is_int(prv_clinic(&c, &pc), 0, "a whole identity");
	is_str(said(), "", "silently");
	is_str(pc.v[2], "123456789", "tax id as digits");
	is_str(pc.v[6], "021080000", "zip as digits");
	ok(pc.v[7] == NULL, "no phone");
	c.clinic_npi = "1234567890";
	c.clinic_city = "";
	hear();
	is_int(prv_clinic(&c, &pc), EX_CONFIG, "a bad NPI, no city: 78");
	why = said();
	is_str(why, "clinix.yaml: clinic.npi: '1234567890': wrong check "
	    "digit\nprovider: clinix.yaml: clinic.city: missing",
	    "each said");
}

int
main(void)
{
	struct db	*db;
	char		 dir[] = "/tmp/unitprv.XXXXXX", *path;
	int		 from, to;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(errpath, sizeof(errpath), "%s/stderr", dir);
	check_fields();
	check_clinic();
	path = xasprintf("%s/p.db", dir);
	if (!is_int(db_create(&db, path, 1000), 0, "a new database") ||
	    !is_int(db_migrate(db, &from, &to), 0, "migrated"))
		return done_testing();
	check_providers(db);
	check_hours(db);
	check_offs(db);
	check_named(db);
	db_close(db);
	db_unlink(path);
	unlink(errpath);
	rmdir(dir);
	free(path);
	return done_testing();
}

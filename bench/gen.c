/*
 * gen - deterministic synthetic data for clinix benchmarks.
 *
 *	gen --db PATH --patients N [--seed S] [--start K]
 *	gen --csv --patients N [--seed S] [--start K] > patients.csv
 *	gen --csv-table --patients N [--seed S] [--start K] > table.csv
 *	gen --db PATH --providers V --patients N --appointments A
 *	gen --csv --only appointments --providers V --patients N
 *	    --appointments A > appointments.csv	(what sched import reads)
 *
 * --only TABLE inserts or writes that table alone; the counts of the
 * others say what its rows refer to (rows 1..N of each).
 *
 * Row K of a table is a pure function of (seed, table, K): it does not
 * depend on N, on batching, or on what else was generated.  So a bench can
 * name "the patient with MRN M00050000" without asking the database, a CSV
 * made today matches the rows inserted tomorrow, and a later table (say
 * appointments) can point at patient K knowing what patient K looks like.
 * That is also why there is a private PRNG (splitmix64) instead of rand():
 * rand() differs between C libraries and has one global state.
 *
 * --csv writes what a user would import: only the columns that are fields
 * (`patient import` refuses any other header).  --csv-table and --db also
 * carry the columns the programs fill themselves -- the folded search keys,
 * which come from lib/fold.c's fold_key (gen links lib/libclinix.a, so the
 * keys are the programs' own), and the time stamps -- so a plain sqlite3
 * .import of --csv-table leaves the same rows as `patient import` of --csv.
 *
 * Adding a table: write a row function that fills struct row from the
 * table's columns, add a struct table to tables[] after the tables it
 * refers to, and its --NAME N option comes for free.  Insert and CSV code
 * is shared and knows nothing about patients or appointments.
 *
 * No fake datum here is real: phone numbers are in the 555 exchange and
 * e-mail domains are the reserved example.* ones.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <sqlite3.h>

#include "fold.h"		/* lib/fold.c: the search keys */

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#define MAXCOLS		32
#define SCRATCH		4096	/* text of one row, all columns */
#define BATCH		100000	/* rows per transaction */
#define DEFAULT_SEED	20261126ULL

static const char *prog = "gen";

static _Noreturn void
die(int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

/*
 * splitmix64 (Steele, Lea, Flood 2014): one add and a mixer per value,
 * passes BigCrush, and any 64-bit seed is a good seed -- which is what
 * lets every row start its own stream from (seed, table, row number).
 */
struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * Uniform in [0, n) for n < 2^32: Lemire's multiply-shift on the top 32
 * bits, no division; the bias (n / 2^32) is far below anything a bench
 * could notice for the list lengths and day ranges used here.
 */
static uint64_t
rng_below(struct rng *r, uint64_t n)
{
	if (n == 0 || n > UINT32_MAX)
		die(EX_SOFTWARE, "internal error: rng_below(%" PRIu64 ")", n);
	return ((rng_next(r) >> 32) * n) >> 32;
}

/* True with probability pct/100. */
static int
rng_pct(struct rng *r, unsigned pct)
{
	return rng_below(r, 100) < pct;
}

static struct rng
rng_for(uint64_t seed, uint64_t table, uint64_t row)
{
	struct rng r = { seed ^ (table * 0xd1b54a32d192ed03ULL) };

	r.s = rng_next(&r) ^ row;
	(void)rng_next(&r);	/* so rows K and K+1 do not start adjacent */
	return r;
}

#define PICK(r, a)	((a)[rng_below((r), nitems(a))])

/*
 * Dates as days since 1970-01-01 and back (Hinnant's civil_from_days),
 * so a uniform day number is always a valid date, 29 February included.
 */
static int64_t
days_from_civil(int y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t		era = (y >= 0 ? y : y - 399) / 400;
	unsigned	yoe = (unsigned)(y - era * 400);
	unsigned	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned	doe = (unsigned)(z - era * 146097);
	unsigned	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned	mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400) + (*m <= 2);
}

/* A day in [from, to], as days since the epoch. */
static int64_t
rng_day(struct rng *r, int64_t from, int64_t to)
{
	return from + (int64_t)rng_below(r, (uint64_t)(to - from + 1));
}

/*
 * One row under construction: column values point into buf.  v[] are the
 * table's columns; f[] the fields of --csv, for a table whose import file
 * is not a subset of its columns (see struct table).
 */
struct row {
	const char	*v[MAXCOLS];	/* NULL is SQL NULL / an empty CSV field */
	const char	*f[MAXCOLS];
	char		 buf[SCRATCH];
	size_t		 used;
};

/* printf into the row's scratch buffer; returns the new string. */
static const char *
rowf(struct row *w, const char *fmt, ...)
{
	va_list	 ap;
	char	*p = w->buf + w->used;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(p, sizeof(w->buf) - w->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(w->buf) - w->used)
		die(EX_SOFTWARE, "internal error: row scratch buffer full");
	w->used += (size_t)n + 1;
	return p;
}

static const char *
row_date(struct row *w, int64_t day)
{
	int		y;
	unsigned	m, d;

	civil_from_days(day, &y, &m, &d);
	return rowf(w, "%04d-%02u-%02u", y, m, d);
}

/* The form lib/date.c date_now_stamp gives, as the programs write it. */
static const char *
row_stamp(struct row *w, int64_t day, unsigned ms)
{
	int		y;
	unsigned	m, d, sec = ms / 1000;

	civil_from_days(day, &y, &m, &d);
	return rowf(w, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", y, m, d,
	    sec / 3600, sec / 60 % 60, sec % 60, ms % 1000);
}

struct gen {
	uint64_t	seed;
	/* what the rows of later tables refer to: rows 1..N of each */
	uint64_t	npatients, nproviders;
};

struct table {
	const char		*name;		/* --NAME N (--only NAME) */
	const char *const	*cols;		/* NULL-terminated */
	size_t			 nfields;	/* cols[0..nfields) for --csv */
	void			(*init)(const struct gen *, uint64_t start,
				    uint64_t n);	/* or NULL */
	void			(*row)(const struct gen *, uint64_t k,
				    struct row *);
	/*
	 * The header of --csv when the import file is not cols[0..nfields)
	 * (other names, other forms: an MRN for a row id, local times for
	 * UTC); the row function fills row.f[] to match.  Or NULL.
	 */
	const char *const	*fields;
	/*
	 * The order rows go out in (inserted, written), by this key of row
	 * k, unique; or NULL: K order.  The rows stay the same rows.
	 */
	uint64_t		(*order)(const struct gen *, uint64_t k);
	int			 derived;	/* no --NAME: n follows another's */
	uint64_t		 n;		/* rows wanted */
	uint64_t		 start;		/* the first, K */
};

/* ---- patients ---------------------------------------------------------- */

/*
 * Names with their ASCII form for e-mail addresses.  Some need more than
 * Latin-1, some are not Latin at all, and a few carry the characters
 * (apostrophe, hyphen, space) that break naive quoting and splitting.
 */
struct name {
	const char	*s;
	const char	*ascii;
	char		 sex;		/* given names: 'F', 'M' */
};

static const struct name given[] = {
	{ "Mary", "mary", 'F' },	{ "James", "james", 'M' },
	{ "Patricia", "patricia", 'F' }, { "John", "john", 'M' },
	{ "Jennifer", "jennifer", 'F' }, { "Robert", "robert", 'M' },
	{ "Linda", "linda", 'F' },	{ "Michael", "michael", 'M' },
	{ "Elizabeth", "elizabeth", 'F' }, { "William", "william", 'M' },
	{ "Aisha", "aisha", 'F' },	{ "David", "david", 'M' },
	{ "Maria", "maria", 'F' },	{ "Carlos", "carlos", 'M' },
	{ "Nina", "nina", 'F' },	{ "Kwame", "kwame", 'M' },
	{ "Priya", "priya", 'F' },	{ "Arjun", "arjun", 'M' },
	{ "Mei", "mei", 'F' },		{ "Wei", "wei", 'M' },
	{ "Fatima", "fatima", 'F' },	{ "Omar", "omar", 'M' },
	{ "Siobhan", "siobhan", 'F' },	{ "Liam", "liam", 'M' },
	{ "Ana", "ana", 'F' },		{ "Luis", "luis", 'M' },
	{ "Chloé", "chloe", 'F' },	{ "José", "jose", 'M' },
	{ "Zoë", "zoe", 'F' },		{ "François", "francois", 'M' },
	{ "Björk", "bjork", 'F' },	{ "Søren", "soren", 'M' },
	{ "Małgorzata", "malgorzata", 'F' }, { "Łukasz", "lukasz", 'M' },
	{ "Thảo", "thao", 'F' },	{ "Dương", "duong", 'M' },
	{ "Ngozi", "ngozi", 'F' },	{ "Chinedu", "chinedu", 'M' },
	{ "Anne-Marie", "annemarie", 'F' }, { "Jean-Luc", "jeanluc", 'M' },
	{ "Мария", "mariya", 'F' },	{ "Александр", "aleksandr", 'M' },
	{ "Σοφία", "sofia", 'F' },	{ "Γιώργος", "giorgos", 'M' },
	{ "さくら", "sakura", 'F' },	{ "健太", "kenta", 'M' },
	{ "美玲", "meiling", 'F' },	{ "伟", "wei", 'M' },
	{ "지민", "jimin", 'F' },	{ "민준", "minjun", 'M' },
	{ "فاطمة", "fatima", 'F' },	{ "محمد", "mohammed", 'M' },
	{ "שרה", "sarah", 'F' },	{ "דוד", "david", 'M' },
	{ "Mary Ellen", "maryellen", 'F' }, { "Jo", "jo", 'M' },
};

static const struct name family[] = {
	{ "Smith", "smith", 0 },	{ "Johnson", "johnson", 0 },
	{ "Williams", "williams", 0 },	{ "Brown", "brown", 0 },
	{ "Jones", "jones", 0 },	{ "Miller", "miller", 0 },
	{ "Davis", "davis", 0 },	{ "Wilson", "wilson", 0 },
	{ "Anderson", "anderson", 0 },	{ "Taylor", "taylor", 0 },
	{ "Thomas", "thomas", 0 },	{ "Moore", "moore", 0 },
	{ "Jackson", "jackson", 0 },	{ "Lee", "lee", 0 },
	{ "Nguyen", "nguyen", 0 },	{ "Patel", "patel", 0 },
	{ "Kim", "kim", 0 },		{ "Chen", "chen", 0 },
	{ "Okafor", "okafor", 0 },	{ "Mensah", "mensah", 0 },
	{ "Murphy", "murphy", 0 },	{ "Kelly", "kelly", 0 },
	{ "O'Brien", "obrien", 0 },	{ "D'Angelo", "dangelo", 0 },
	{ "García", "garcia", 0 },	{ "Rodríguez", "rodriguez", 0 },
	{ "Martínez", "martinez", 0 },	{ "Hernández", "hernandez", 0 },
	{ "Núñez", "nunez", 0 },	{ "Peña", "pena", 0 },
	{ "Müller", "muller", 0 },	{ "Schröder", "schroder", 0 },
	{ "Lefèvre", "lefevre", 0 },	{ "Åström", "astrom", 0 },
	{ "Wiśniewski", "wisniewski", 0 }, { "Dvořák", "dvorak", 0 },
	{ "Nguyễn", "nguyen", 0 },	{ "Trần", "tran", 0 },
	{ "Smith-Jones", "smithjones", 0 }, { "van der Berg", "vanderberg", 0 },
	{ "Иванова", "ivanova", 0 },	{ "Παπαδόπουλος", "papadopoulos", 0 },
	{ "王", "wang", 0 },		{ "李", "li", 0 },
	{ "佐藤", "sato", 0 },		{ "김", "kim", 0 },
	{ "حداد", "haddad", 0 },	{ "כהן", "cohen", 0 },
};

/*
 * A patient's phone is in the area code of the place they live, and each
 * place has its own area code, so a phone number names one place.
 */
static const struct place {
	const char	*city;
	const char	*state;
	unsigned	 zip;		/* first zip; the next 50 are this city's */
	unsigned	 area;		/* telephone area code, distinct */
} places[] = {
	{ "Boston", "MA", 2108, 617 },	{ "Cambridge", "MA", 2138, 857 },
	{ "Somerville", "MA", 2143, 339 }, { "Quincy", "MA", 2169, 781 },
	{ "Worcester", "MA", 1601, 508 }, { "Providence", "RI", 2903, 401 },
	{ "Hartford", "CT", 6103, 860 }, { "Portland", "ME", 4101, 207 },
	{ "Manchester", "NH", 3101, 603 }, { "Burlington", "VT", 5401, 802 },
	{ "New York", "NY", 10001, 212 }, { "Albany", "NY", 12203, 518 },
	{ "Chicago", "IL", 60601, 312 }, { "Houston", "TX", 77002, 713 },
	{ "San Antonio", "TX", 78205, 210 }, { "Phoenix", "AZ", 85004, 602 },
	{ "Los Angeles", "CA", 90012, 213 }, { "San José", "CA", 95113, 408 },
	{ "Seattle", "WA", 98101, 206 }, { "Miami", "FL", 33130, 305 },
	{ "Coeur d'Alene", "ID", 83814, 208 }, { "Española", "NM", 87532, 505 },
};

static const char *const streets[] = {
	"Main St", "Elm St", "Washington St", "Maple Ave", "Oak St",
	"Park Ave", "Centre St", "Broadway", "Massachusetts Ave", "High St",
	"Chestnut St", "Beacon St", "Calle Ocho", "Rue Sainte-Anne",
};

static const char *const domains[] = {
	"example.com", "example.org", "example.net", "mail.example.com",
};

/*
 * Columns of share/schema's patient table, NOT NULL ones set: first the
 * ones that are patient fields (a CSV header `patient import` reads), then
 * P_NFIELDS on, the ones the programs fill themselves.
 */
static const char *const patient_cols[] = {
	"mrn", "first", "last", "dob", "sex", "phone", "email", "address1",
	"city", "state", "zip", "country", "channel", "sms_consent",
	"email_consent", "last_key", "first_key", "created_at", "updated_at",
	NULL
};

enum {
	P_MRN, P_FIRST, P_LAST, P_DOB, P_SEX, P_PHONE, P_EMAIL, P_ADDRESS1,
	P_CITY, P_STATE, P_ZIP, P_COUNTRY, P_CHANNEL, P_SMS_CONSENT,
	P_EMAIL_CONSENT, P_NFIELDS, P_LAST_KEY = P_NFIELDS, P_FIRST_KEY,
	P_CREATED_AT, P_UPDATED_AT,
};

/*
 * No two patients may look alike to the programs' duplicate guard (same
 * date of birth and the same folded name, or the same phone), or `patient
 * import` refuses the row.  So name, phone and date of birth are not drawn
 * at random but derived from the row number, bijectively: row j = k - 1 is
 * (r, slot) with r = j mod D and slot = j div D, D the number of days
 * birth dates are spread over.  The date of birth is a permutation of r
 * (rows sharing one are exactly the rows sharing r); the pair of folded
 * names and the phone are a per-r random start plus slot times a step
 * coprime to the number of pairs (phones), so no two slots of one r share
 * either.  That holds while slot stays below both counts: some 2,600 pairs
 * and 220,000 phones, so about 90 million patients.  Names that fold to
 * one key (Nguyen, Nguyễn) are one key here, spelt either way at random;
 * which names fold alike is lib/fold.c's business, asked at start-up.
 * Everything else is random.
 */
struct keyed {				/* the names that fold to one key */
	char		*key;		/* fold_key's, owned */
	size_t		 first, n;	/* their indexes, in by[] */
};

static struct {
	int64_t		 dob0;		/* first day of birth */
	uint64_t	 days;		/* D */
	uint64_t	 mul;		/* day permutation: r * mul mod D */
	uint64_t	 pairs, step;	/* name key pairs, and the step */
	struct keyed	 gk[nitems(given)], fk[nitems(family)];
	size_t		 ngk, nfk;
	size_t		 gby[nitems(given)], fby[nitems(family)];
} pk;

#define PHONES		(nitems(places) * 10000)
#define PHONE_STEP	7919		/* prime, coprime to PHONES */

static uint64_t
gcd(uint64_t a, uint64_t b)
{
	while (b != 0) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* Group names[0..n) by folded key, in list order; returns the key count. */
static size_t
group(const struct name *names, size_t n, struct keyed *k, size_t *by)
{
	char	*key[nitems(given) > nitems(family) ? nitems(given) :
		    nitems(family)];
	size_t	 nk = 0, used = 0;

	for (size_t i = 0; i < n; i++)
		key[i] = fold_key(names[i].s);
	for (size_t i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < nk; j++)
			if (strcmp(k[j].key, key[i]) == 0)
				break;
		if (j < nk)
			continue;	/* taken in with its first spelling */
		k[nk] = (struct keyed){ key[i], used, 0 };
		for (size_t m = i; m < n; m++)
			if (strcmp(key[m], key[i]) == 0)
				by[used + k[nk].n++] = m;
		used += k[nk++].n;
	}
	for (size_t i = 0; i < n; i++) {	/* free the spare spellings' */
		size_t j;

		for (j = 0; j < nk && k[j].key != key[i]; j++)
			;
		if (j == nk)
			free(key[i]);
	}
	return nk;
}

static void
patient_init(const struct gen *g, uint64_t start, uint64_t n)
{
	uint64_t most;

	(void)g;
	pk.dob0 = days_from_civil(1930, 1, 1);
	pk.days = (uint64_t)(days_from_civil(2026, 1, 1) - pk.dob0);
	/* near the golden ratio of D: neighbours land years apart */
	for (pk.mul = pk.days * 618 / 1000; gcd(pk.mul, pk.days) != 1;
	    pk.mul++)
		;
	pk.ngk = group(given, nitems(given), pk.gk, pk.gby);
	pk.nfk = group(family, nitems(family), pk.fk, pk.fby);
	pk.pairs = (uint64_t)pk.ngk * pk.nfk;
	for (pk.step = 1009; gcd(pk.step, pk.pairs) != 1; pk.step++)
		;
	if (gcd(PHONE_STEP, PHONES) != 1)
		die(EX_SOFTWARE, "internal error: step not coprime");
	most = (pk.pairs < PHONES ? pk.pairs : PHONES) * pk.days;
	if (start - 1 + n > most)
		die(EX_USAGE, "at most %" PRIu64 " patients can be told apart",
		    most);
}

/* The MRN of patient k; bench/run derives the same string in sh. */
static const char *
patient_mrn(struct row *w, uint64_t k)
{
	return rowf(w, "M%08" PRIu64, k);
}

static void
patient_row(const struct gen *g, uint64_t k, struct row *w)
{
	struct rng		 r = rng_for(g->seed, 1, k);
	uint64_t		 j = k - 1, rr = j % pk.days, slot = j / pk.days;
	struct rng		 rd = rng_for(g->seed, 2, rr);
	uint64_t		 pair, ph;
	const struct keyed	*gk, *fk;
	const struct name	*f, *l;
	const struct place	*pl;
	int64_t			 dob, made, changed;
	const char		*made_day;

	pair = (rng_below(&rd, pk.pairs) + slot * pk.step) % pk.pairs;
	ph = (rng_below(&rd, PHONES) + slot * PHONE_STEP) % PHONES;
	gk = &pk.gk[pair % pk.ngk];
	fk = &pk.fk[pair / pk.ngk];
	f = &given[pk.gby[gk->first + rng_below(&r, gk->n)]];
	l = &family[pk.fby[fk->first + rng_below(&r, fk->n)]];
	pl = &places[ph / 10000];
	/* 1930-01-01 .. 2025-12-31, every day a valid date */
	dob = pk.dob0 + (int64_t)((rr * pk.mul + g->seed % pk.days) %
	    pk.days);
	/* registered on or after birth, 2015..2025; edited since */
	made = rng_day(&r, days_from_civil(2015, 1, 1),
	    days_from_civil(2025, 12, 31));
	if (made < dob)
		made = dob;
	changed = rng_pct(&r, 30) ? made : rng_day(&r, made,
	    days_from_civil(2025, 12, 31));

	w->v[P_MRN] = patient_mrn(w, k);
	w->v[P_FIRST] = f->s;
	w->v[P_LAST] = l->s;
	w->v[P_FIRST_KEY] = gk->key;
	w->v[P_LAST_KEY] = fk->key;
	w->v[P_DOB] = row_date(w, dob);
	w->v[P_SEX] = rng_pct(&r, 97) ? (f->sex == 'F' ? "F" : "M") :
	    (f->sex == 'F' ? "M" : "F");
	w->v[P_PHONE] = rng_pct(&r, 92) ? rowf(w, "+1%u555%04" PRIu64,
	    pl->area, ph % 10000) : NULL;
	w->v[P_EMAIL] = rng_pct(&r, 80) ? rowf(w, "%s.%s%" PRIu64 "@%s",
	    f->ascii, l->ascii, k % 1000, PICK(&r, domains)) : NULL;
	w->v[P_ADDRESS1] = rowf(w, "%" PRIu64 " %s", 1 + rng_below(&r, 999),
	    PICK(&r, streets));
	w->v[P_CITY] = pl->city;
	w->v[P_STATE] = pl->state;
	w->v[P_ZIP] = rowf(w, "%05" PRIu64, pl->zip + rng_below(&r, 50));
	w->v[P_COUNTRY] = "US";
	/* reminders only over a channel the patient has, with consent */
	made_day = row_date(w, made);
	w->v[P_CHANNEL] = "none";
	w->v[P_SMS_CONSENT] = w->v[P_EMAIL_CONSENT] = NULL;
	switch (rng_below(&r, 10)) {
	case 0: case 1: case 2: case 3: case 4:
		if (w->v[P_PHONE]) {
			w->v[P_CHANNEL] = "sms";
			w->v[P_SMS_CONSENT] = made_day;
		}
		break;
	case 5: case 6: case 7:
		if (w->v[P_EMAIL]) {
			w->v[P_CHANNEL] = "email";
			w->v[P_EMAIL_CONSENT] = made_day;
		}
		break;
	}
	w->v[P_CREATED_AT] = row_stamp(w, made, (unsigned)rng_below(&r,
	    86400000));
	w->v[P_UPDATED_AT] = changed == made ? w->v[P_CREATED_AT] :
	    row_stamp(w, changed, (unsigned)rng_below(&r, 86400000));
}

/* An instant, seconds since the epoch, as the schema stores it. */
static const char *
row_utc(struct row *w, int64_t secs)
{
	int		y;
	unsigned	m, d, s = (unsigned)(secs % 86400);

	civil_from_days(secs / 86400, &y, &m, &d);
	return rowf(w, "%04d-%02u-%02uT%02u:%02u:%02uZ", y, m, d, s / 3600,
	    s / 60 % 60, s % 60);
}

/* ---- providers, their hours, visit types ------------------------------- */

/*
 * Provider K (row id K): a name from the lists above, an NPI that passes
 * the schema's check (Luhn over "80840" and the NPI, see share/schema/
 * 004-providers.sql), family medicine (207Q00000X).  Each works Monday to
 * Friday 08:00-12:00 and 13:00-17:00: HOURS_ROWS provider_hours rows, the
 * rows (K-1)*HOURS_ROWS+1 .. K*HOURS_ROWS of that table, which comes with
 * --providers and has no option of its own.  The visit types come with the
 * providers too (when they start at 1), all of APPT_MIN minutes.
 */
#define HOURS_ROWS	10		/* 5 days, 2 ranges */
#define NPI_MUL		7919ULL		/* coprime to 10^8: NPIs differ */
#define NPI_ADD		23456789ULL

static const char *const provider_cols[] = {
	"id", "name", "npi", "taxonomy", "credential", "created_at", NULL
};

static const char *const hours_cols[] = {
	"provider_id", "weekday", "start_min", "end_min", NULL
};

static const char *const vtype_cols[] = {
	"id", "name", "minutes", "created_at", NULL
};

static const char *const vtypes[] = {
	"Follow-up", "Sick visit", "Vaccination", "Telehealth check-in",
};

static const char *const credentials[] = { "MD", "DO", "NP", "PA" };

/* The NPI of provider k: "1", eight digits bijective in k, check digit. */
static const char *
provider_npi(struct row *w, uint64_t k)
{
	char		d[24];
	unsigned	sum = 24;	/* what the prefix 80840 adds */

	snprintf(d, sizeof(d), "1%08" PRIu64, (uint64_t)((k * NPI_MUL +
	    NPI_ADD) % 100000000ULL));
	for (int i = 0; i < 9; i++) {
		unsigned v = (unsigned)(d[i] - '0');

		if (i % 2 == 0)		/* positions 1, 3, ... 9: doubled */
			v = 2 * v > 9 ? 2 * v - 9 : 2 * v;
		sum += v;
	}
	return rowf(w, "%s%u", d, (10 - sum % 10) % 10);
}

static void
provider_row(const struct gen *g, uint64_t k, struct row *w)
{
	struct rng		 r = rng_for(g->seed, 3, k);
	const struct name	*f = &PICK(&r, given), *l = &PICK(&r, family);

	w->v[0] = rowf(w, "%" PRIu64, k);
	w->v[1] = rowf(w, "%s %s", f->s, l->s);
	w->v[2] = provider_npi(w, k);
	w->v[3] = "207Q00000X";
	w->v[4] = PICK(&r, credentials);
	w->v[5] = row_utc(w, rng_day(&r, days_from_civil(2024, 1, 1),
	    days_from_civil(2024, 12, 31)) * 86400 + (int64_t)rng_below(&r,
	    86400));
}

/* Minutes since midnight of a provider's ranges, each day of the five. */
static const unsigned hours[][2] = { { 480, 720 }, { 780, 1020 } };

static void
hours_row(const struct gen *g, uint64_t k, struct row *w)
{
	uint64_t j = (k - 1) % HOURS_ROWS;

	(void)g;
	w->v[0] = rowf(w, "%" PRIu64, (k - 1) / HOURS_ROWS + 1);
	w->v[1] = rowf(w, "%" PRIu64, j / 2 + 1);	/* 1 = monday */
	w->v[2] = rowf(w, "%u", hours[j % 2][0]);
	w->v[3] = rowf(w, "%u", hours[j % 2][1]);
}

#define APPT_MIN	10		/* a visit: one cell of the grid */

static void
vtype_row(const struct gen *g, uint64_t k, struct row *w)
{
	(void)g;
	if (k > nitems(vtypes))
		die(EX_USAGE, "there are %zu visit types", nitems(vtypes));
	w->v[0] = rowf(w, "%" PRIu64, k);
	w->v[1] = vtypes[k - 1];
	w->v[2] = rowf(w, "%d", APPT_MIN);
	w->v[3] = row_utc(w, days_from_civil(2024, 12, 1) * 86400 + 9 * 3600);
}

/* ---- appointments ------------------------------------------------------ */

/*
 * 5 million appointments of 100 providers over three years is 64 a working
 * day each, more than 20- or 30-minute visits can hold in 8 hours.  So the
 * grid is of 10-minute cells: 48 a day (08:00-12:00, 13:00-17:00), every
 * weekday from 2025-01-01 to 2027-12-31 (783 days), every provider, each
 * cell one visit of 10 minutes: C = providers x 783 x 48 cells (3,758,400
 * for 100 providers).  Rows 1..C (layer 0) are a pseudo-random permutation
 * of the cells (a keyed Feistel network, below), so any number of them is
 * scattered over the three years and the providers, and no two share a
 * cell: no two live visits of one provider overlap.  Rows C+1..2C (layer
 * 1) are the same cells again in another order, all cancelled: bookings
 * cancelled and rebooked, which the schema lets stand beside the live one.
 * 5 million rows are the whole of layer 0 and a third of layer 1.
 *
 * A cell is (time t, provider v), numbered t * providers + v.  Its patient
 * is cell * S mod patients + 1, S coprime to the patient count: the cells
 * of one time t are consecutive numbers, fewer than the patients, so their
 * patients differ and no patient is in two live visits at once.
 *
 * Status: before GEN_ASOF (a fixed day, not the clock) checkedout, some
 * noshow or cancelled; from then on booked, some cancelled.  Times are the
 * clinic's local times in America/New_York (bench/run makes its clinics
 * with that zone), stored in UTC; visits are 08:00-17:00, far from the
 * 02:00 DST changes.  Rows are what `sched import` leaves: no check-in or
 * check-out time, seq 0, no events.  patient_id and provider_id are row
 * numbers: the patients and providers gen made in a new clinic.
 */
#define APPT_SLOTS	48		/* cells a working day */

static const char *const appt_cols[] = {
	"patient_id", "provider_id", "visit_type_id", "start_at", "end_at",
	"status", "created_at", "created_by", "updated_at", NULL
};

enum { A_PATIENT, A_PROVIDER, A_TYPE, A_START, A_END, A_STATUS,
    A_CREATED_AT, A_CREATED_BY, A_UPDATED_AT };

/* what `sched import` reads: MRN, NPI, local times, the type's name */
static const char *const appt_fields[] = {
	"patient", "provider", "start", "end", "type", "status", NULL
};

static struct {
	int64_t		 day[3 * 262];	/* the working days */
	uint64_t	 ndays;
	uint64_t	 cells;		/* C */
	unsigned	 bits;		/* even, 2^bits >= C */
	uint64_t	 pmul;		/* S */
	int64_t		 asof;		/* GEN_ASOF */
} ak;

/*
 * A permutation of [0, n): four rounds of a balanced Feistel network on
 * bits-bit numbers (a permutation of [0, 2^bits) whatever the round
 * function), walked until it lands below n; 2^bits < 4n, so a few steps.
 */
static uint64_t
permute(uint64_t x, uint64_t n, unsigned bits, uint64_t key)
{
	unsigned	h = bits / 2;
	uint64_t	mask = (1ULL << h) - 1;

	do {
		uint64_t l = x >> h, r = x & mask;

		for (uint64_t i = 0; i < 4; i++) {
			struct rng	f = { key ^ (i << 56) ^ r };
			uint64_t	t = l ^ (rng_next(&f) & mask);

			l = r;
			r = t;
		}
		x = l << h | r;
	} while (x >= n);
	return x;
}

#define GEN_ASOF	2026, 12, 1

static uint64_t
coprime_near(uint64_t n, uint64_t from)
{
	while (gcd(from, n) != 1)
		from++;
	return from;
}

static void
appt_init(const struct gen *g, uint64_t start, uint64_t n)
{
	int64_t	from = days_from_civil(2025, 1, 1);
	int64_t	to = days_from_civil(2027, 12, 31);

	if (g->nproviders == 0 || g->npatients == 0)
		die(EX_USAGE, "--appointments: say --providers N and "
		    "--patients N, the rows they refer to (with --only "
		    "appointments when those exist already)");
	if (g->npatients < g->nproviders)
		die(EX_USAGE, "--appointments: fewer patients than providers: "
		    "some would be in two visits at once");
	ak.ndays = 0;
	for (int64_t z = from; z <= to; z++)
		if ((z + 4) % 7 >= 1 && (z + 4) % 7 <= 5) {	/* mon-fri */
			if (ak.ndays == nitems(ak.day))
				die(EX_SOFTWARE, "internal error: days");
			ak.day[ak.ndays++] = z;
		}
	ak.cells = g->nproviders * ak.ndays * APPT_SLOTS;
	if (start - 1 + n > 2 * ak.cells)
		die(EX_USAGE, "at most %" PRIu64 " appointments fit %" PRIu64
		    " providers' grid", 2 * ak.cells, g->nproviders);
	for (ak.bits = 2; ak.bits < 62 && 1ULL << ak.bits < ak.cells;
	    ak.bits += 2)
		;
	ak.pmul = coprime_near(g->npatients, g->npatients * 618 / 1000 + 1);
	ak.asof = days_from_civil(GEN_ASOF);
}

/*
 * Is local day z in US daylight time (second Sunday of March to the first
 * of November), New York UTC-4 rather than -5?  By day, which is right
 * for every hour but 00:00-03:00 of the two days of change.
 */
static int
ny_dst(int64_t z)
{
	int		y;
	unsigned	m, d, sun;

	civil_from_days(z, &y, &m, &d);
	if (m < 3 || m > 11)
		return 0;
	if (m > 3 && m < 11)
		return 1;
	/* the first Sunday of the month; 1970-01-01 was a Thursday */
	sun = 1 + (unsigned)((7 - (days_from_civil(y, m, 1) + 4) % 7) % 7);
	return m == 3 ? d >= sun + 7 : d < sun;
}

/* Minute of local day z as "YYYY-MM-DDTHH:MM", as people type it. */
static const char *
row_local(struct row *w, int64_t z, unsigned minute)
{
	int		y;
	unsigned	m, d;

	civil_from_days(z, &y, &m, &d);
	return rowf(w, "%04d-%02u-%02uT%02u:%02u", y, m, d, minute / 60,
	    minute % 60);
}

/* The cell of row k, and its layer. */
static uint64_t
appt_cell(const struct gen *g, uint64_t k, uint64_t *layer)
{
	*layer = (k - 1) / ak.cells;
	return permute((k - 1) % ak.cells, ak.cells, ak.bits, rng_for(g->seed,
	    5, *layer).s);
}

/*
 * Rows go out in cell order: by start time, then provider (a cancelled
 * row after the live one of its cell), as a calendar exports them.  It
 * also keeps what the overlap triggers read while gen inserts (the
 * provider's day so far) in the page cache: several times faster than K
 * order, in which every check reads pages from all over the table.
 */
static uint64_t
appt_order(const struct gen *g, uint64_t k)
{
	uint64_t layer, cell = appt_cell(g, k, &layer);

	return cell * 2 + layer;
}

static void
appt_row(const struct gen *g, uint64_t k, struct row *w)
{
	struct rng	 r = rng_for(g->seed, 4, k);
	uint64_t	 layer, cell, t, v, pat;
	unsigned	 slot, minute, vt, x;
	int64_t		 day, at, made, changed;
	const char	*status;

	cell = appt_cell(g, k, &layer);
	v = cell % g->nproviders;
	t = cell / g->nproviders;
	pat = cell * ak.pmul % g->npatients + 1;
	day = ak.day[t / APPT_SLOTS];
	slot = (unsigned)(t % APPT_SLOTS);
	minute = slot < APPT_SLOTS / 2 ? 480 + APPT_MIN * slot :
	    780 + APPT_MIN * (slot - APPT_SLOTS / 2);
	at = day * 86400 + minute * 60 + (ny_dst(day) ? 4 : 5) * 3600;

	x = (unsigned)rng_below(&r, 100);
	if (layer > 0)
		status = "cancelled";
	else if (day < ak.asof)
		status = x < 88 ? "checkedout" : x < 92 ? "noshow" :
		    "cancelled";
	else
		status = x < 92 ? "booked" : "cancelled";
	vt = (unsigned)rng_below(&r, nitems(vtypes));
	/* booked 1-90 days ahead, never after GEN_ASOF */
	made = at - (int64_t)(1 + rng_below(&r, 90)) * 86400 -
	    (int64_t)rng_below(&r, 86400);
	if (made > ak.asof * 86400)
	    made = ak.asof * 86400 - (int64_t)rng_below(&r, 30 * 86400);
	changed = strcmp(status, "booked") == 0 ? made :
	    strcmp(status, "cancelled") == 0 ? made + (int64_t)rng_below(&r,
	    (uint64_t)(at - made)) : at + APPT_MIN * 60;

	w->v[A_PATIENT] = rowf(w, "%" PRIu64, pat);
	w->v[A_PROVIDER] = rowf(w, "%" PRIu64, v + 1);
	w->v[A_TYPE] = rowf(w, "%u", vt + 1);
	w->v[A_START] = row_utc(w, at);
	w->v[A_END] = row_utc(w, at + APPT_MIN * 60);
	w->v[A_STATUS] = status;
	w->v[A_CREATED_AT] = row_utc(w, made);
	w->v[A_CREATED_BY] = "gen";
	w->v[A_UPDATED_AT] = row_utc(w, changed);

	w->f[0] = patient_mrn(w, pat);
	w->f[1] = provider_npi(w, v + 1);
	w->f[2] = row_local(w, day, minute);
	w->f[3] = row_local(w, day, minute + APPT_MIN);
	w->f[4] = vtypes[vt];
	w->f[5] = status;
}

/* ---- output ------------------------------------------------------------ */

/* In the order rows are inserted: a table after those it refers to. */
static struct table tables[] = {
	{ "patients", patient_cols, P_NFIELDS, patient_init, patient_row,
	    NULL, NULL, 0, 0, 0 },
	{ "providers", provider_cols, 0, NULL, provider_row, NULL, NULL, 0, 0,
	    0 },
	{ "provider_hours", hours_cols, 0, NULL, hours_row, NULL, NULL, 1, 0,
	    0 },
	{ "visit_types", vtype_cols, 0, NULL, vtype_row, NULL, NULL, 1, 0, 0 },
	{ "appointments", appt_cols, 0, appt_init, appt_row, appt_fields,
	    appt_order, 0, 0, 0 },
};
enum { T_PATIENTS, T_PROVIDERS, T_HOURS, T_VTYPES, T_APPOINTMENTS };

/* The SQL table a struct table fills ("patients" -> "patient"). */
static const char *
sql_table(const struct table *t)
{
	static const struct { const char *opt, *sql; } map[] = {
		{ "patients", "patient" },
		{ "providers", "provider" },
		{ "visit_types", "visit_type" },
		{ "appointments", "appointment" },
	};

	for (size_t i = 0; i < nitems(map); i++)
		if (strcmp(t->name, map[i].opt) == 0)
			return map[i].sql;
	return t->name;
}

static size_t
ncols(const struct table *t)
{
	size_t n = 0;

	while (t->cols[n] != NULL)
		n++;
	return n;
}

struct keyed_row {
	uint64_t	key, k;
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed_row *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/*
 * The row numbers of t in the order they go out, to free; NULL for K
 * order (t->start, t->start + 1, ...).
 */
static uint64_t *
row_order(const struct gen *g, const struct table *t)
{
	struct keyed_row	*v;
	uint64_t		*ks;

	if (t->order == NULL)
		return NULL;
	if ((v = malloc(t->n * sizeof(*v))) == NULL)
		die(EX_OSERR, "out of memory for %" PRIu64 " rows", t->n);
	for (uint64_t i = 0; i < t->n; i++)
		v[i] = (struct keyed_row){ t->order(g, t->start + i),
		    t->start + i };
	qsort(v, t->n, sizeof(*v), keyed_cmp);
	ks = (uint64_t *)v;	/* ks[i] overwrites only what was read */
	for (uint64_t i = 0; i < t->n; i++)
		ks[i] = v[i].k;
	return ks;
}

/* RFC 4180, with CRLF like the programs' -o csv. */
static void
csv_field(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/*
 * Header first, then every row: the first n columns, or with fields the
 * import file's fields (n of them) from row.f[].
 */
static void
csv_table(const struct gen *g, const struct table *t,
    const char *const *fields, size_t n, FILE *f)
{
	const char *const	*head = fields ? fields : t->cols;
	uint64_t		*ord = row_order(g, t);
	struct row		 w;

	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', f);
		csv_field(f, head[i]);
	}
	fputs("\r\n", f);
	for (uint64_t i = 0; i < t->n; i++) {
		w.used = 0;
		t->row(g, ord ? ord[i] : t->start + i, &w);
		for (size_t c = 0; c < n; c++) {
			if (c)
				putc(',', f);
			csv_field(f, fields ? w.f[c] : w.v[c]);
		}
		fputs("\r\n", f);
	}
	free(ord);
}

static void
sql_die(sqlite3 *db, const char *what)
{
	die(EX_DATAERR, "%s: %s", what, sqlite3_errmsg(db));
}

static void
exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		sql_die(db, sql);
}

static void
insert_table(sqlite3 *db, const struct gen *g, const struct table *t)
{
	size_t		 n = ncols(t), len;
	char		 sql[1024];
	sqlite3_stmt	*s;
	struct row	 w;
	uint64_t	*ord, k;

	len = (size_t)snprintf(sql, sizeof(sql), "INSERT INTO %s (",
	    sql_table(t));
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%s%s",
		    i ? ", " : "", t->cols[i]);
	len += (size_t)snprintf(sql + len, sizeof(sql) - len, ") VALUES (");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%s?%zu",
		    i ? ", " : "", i + 1);
	if (len + 2 > sizeof(sql))
		die(EX_SOFTWARE, "internal error: INSERT too long");
	strcat(sql, ")");
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		sql_die(db, sql);

	/*
	 * Batches bound how much the WAL grows before a checkpoint can
	 * fold it back in; one transaction per row would be fsync-bound.
	 */
	ord = row_order(g, t);
	exec(db, "BEGIN IMMEDIATE");
	for (uint64_t r = 0; r < t->n; r++) {
		k = ord ? ord[r] : t->start + r;
		w.used = 0;
		t->row(g, k, &w);
		for (size_t i = 0; i < n; i++)
			if (w.v[i] == NULL)
				sqlite3_bind_null(s, (int)i + 1);
			else
				sqlite3_bind_text(s, (int)i + 1, w.v[i], -1,
				    SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE) {
			fprintf(stderr, "%s: %s row %" PRIu64 ": %s\n", prog,
			    t->name, k, sqlite3_errmsg(db));
			if (sqlite3_extended_errcode(db) ==
			    SQLITE_CONSTRAINT_UNIQUE)
				fprintf(stderr, "%s: row %" PRIu64 " exists "
				    "already: use --start\n", prog, k);
			exit(EX_DATAERR);
		}
		sqlite3_reset(s);
		if ((r + 1) % BATCH == 0)
			exec(db, "COMMIT; BEGIN IMMEDIATE");
	}
	exec(db, "COMMIT");
	sqlite3_finalize(s);
	free(ord);
}

static sqlite3 *
open_clinic(const char *path)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	int		 v = 0;

	/* no CREATE: the schema must come from `clinix init`, not from us */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		die(EX_NOINPUT, "%s: %s", path, sqlite3_errmsg(db));
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) ==
	    SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (v < 1)
		die(EX_DATAERR, "%s: not a clinix database (schema version "
		    "%d): create it with 'clinix init'", path, v);
	/*
	 * Bench data is rebuilt, not kept: skip fsync, and give the three
	 * patient indexes a cache big enough not to thrash.  Both are
	 * per-connection; the programs keep their own settings.
	 */
	exec(db, "PRAGMA synchronous=OFF");
	exec(db, "PRAGMA cache_size=-262144");
	return db;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s (--db PATH | --csv | --csv-table) [--seed S] "
	    "[--start K] [--only TABLE]",
	    prog);
	for (size_t i = 0; i < nitems(tables); i++)
		if (!tables[i].derived)
			fprintf(f, " [--%s N]", tables[i].name);
	fputc('\n', f);
}

static uint64_t
number(const char *opt, const char *s)
{
	char			*end;
	unsigned long long	 v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end != '\0' || *s == '-')
		die(EX_USAGE, "--%s: not a whole number: '%s'", opt, s);
	return v;
}

int
main(int argc, char *argv[])
{
	enum { OPT_DB = 256, OPT_CSV, OPT_CSV_TABLE, OPT_SEED, OPT_START,
	    OPT_ONLY, OPT_HELP, OPT_TABLE };
	enum { NOPT = 7 };
	struct option	 lo[NOPT + nitems(tables) + 1] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "csv", no_argument, NULL, OPT_CSV },
		{ "csv-table", no_argument, NULL, OPT_CSV_TABLE },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "start", required_argument, NULL, OPT_START },
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "help", no_argument, NULL, OPT_HELP },
	};
	struct gen	 g = { DEFAULT_SEED, 0, 0 };
	const char	*dbpath = NULL, *only_name = NULL;
	uint64_t	 start = 1;
	int		 csv = 0, c;	/* 1 fields only, 2 every column */
	int		 only = -1;	/* the one table written, or all */
	size_t		 nlo = NOPT;

	for (size_t i = 0; i < nitems(tables); i++)
		if (!tables[i].derived)
			lo[nlo++] = (struct option){ tables[i].name,
			    required_argument, NULL, OPT_TABLE + (int)i };
	lo[nlo] = (struct option){ 0 };
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1)
		switch (c) {
		case OPT_DB:
			dbpath = optarg;
			break;
		case OPT_CSV:
		case OPT_CSV_TABLE:
			if (csv != 0)
				die(EX_USAGE, "--csv or --csv-table, once");
			csv = c == OPT_CSV ? 1 : 2;
			break;
		case OPT_SEED:
			g.seed = number("seed", optarg);
			break;
		case OPT_START:
			start = number("start", optarg);
			break;
		case OPT_ONLY:
			only_name = optarg;
			break;
		case 'h':
		case OPT_HELP:
			usage(stdout);
			return 0;
		default:
			if (c >= OPT_TABLE &&
			    c < OPT_TABLE + (int)nitems(tables)) {
				tables[c - OPT_TABLE].n = number(
				    tables[c - OPT_TABLE].name, optarg);
				break;
			}
			usage(stderr);
			return EX_USAGE;
		}
	if (optind != argc || (dbpath == NULL) == !csv || start == 0) {
		usage(stderr);
		return EX_USAGE;
	}
	if (only_name != NULL) {
		for (size_t i = 0; i < nitems(tables); i++)
			if (strcmp(only_name, tables[i].name) == 0)
				only = (int)i;
		if (only < 0)
			die(EX_USAGE, "--only: no table '%s'", only_name);
	}

	/*
	 * Rows K.. of every table; the providers bring their hours (and,
	 * from the first provider on, the visit types).  What later tables
	 * refer to is rows 1..N of the counts given, written or not.
	 */
	for (size_t i = 0; i < nitems(tables); i++)
		tables[i].start = start;
	tables[T_HOURS].n = tables[T_PROVIDERS].n * HOURS_ROWS;
	tables[T_HOURS].start = (start - 1) * HOURS_ROWS + 1;
	tables[T_VTYPES].n = tables[T_PROVIDERS].n > 0 && start == 1 ?
	    nitems(vtypes) : 0;
	tables[T_VTYPES].start = 1;
	g.npatients = tables[T_PATIENTS].n;
	g.nproviders = tables[T_PROVIDERS].n;
	if (only >= 0 && tables[only].n == 0)
		die(EX_USAGE, "--only %s: how many? (--%s N)", only_name,
		    tables[only].derived ? "providers" : only_name);
	for (size_t i = 0; i < nitems(tables); i++)
		if (tables[i].n > 0 && tables[i].init != NULL)
			tables[i].init(&g, tables[i].start, tables[i].n);
	if (csv) {
		/* one CSV is one table: a header then rows */
		const struct table	*t;
		int			 which = only;

		for (size_t i = 0; which < 0 && i < nitems(tables); i++)
			if (tables[i].n > 0 && !tables[i].derived) {
				for (size_t j = i + 1; j < nitems(tables); j++)
					if (tables[j].n > 0 &&
					    !tables[j].derived)
						die(EX_USAGE, "--csv writes "
						    "one table at a time "
						    "(--only TABLE)");
				which = (int)i;
			}
		if (which < 0)
			die(EX_USAGE, "--csv: which table? (--patients N)");
		t = &tables[which];
		if (csv == 2)
			csv_table(&g, t, NULL, ncols(t), stdout);
		else if (t->fields != NULL) {
			size_t n = 0;

			while (t->fields[n] != NULL)
				n++;
			csv_table(&g, t, t->fields, n, stdout);
		} else if (t->nfields > 0)
			csv_table(&g, t, NULL, t->nfields, stdout);
		else
			die(EX_USAGE, "--csv: %s have no import file: "
			    "--csv-table", t->name);
		if (fflush(stdout) != 0 || ferror(stdout))
			die(EX_IOERR, "stdout: %s", strerror(errno));
		return 0;
	}
	int any = 0;

	for (size_t i = 0; i < nitems(tables); i++)
		any |= tables[i].n > 0;
	if (!any)
		die(EX_USAGE, "nothing to generate (--patients N)");
	sqlite3 *db = open_clinic(dbpath);

	for (size_t i = 0; i < nitems(tables); i++)
		if (tables[i].n > 0 && (only < 0 || only == (int)i))
			insert_table(db, &g, &tables[i]);
	if (sqlite3_close(db) != SQLITE_OK)
		die(EX_IOERR, "%s: cannot close", dbpath);
	return 0;
}

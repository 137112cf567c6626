/*
 * gen - deterministic synthetic data for clinix benchmarks.
 *
 *	gen --db PATH --patients N [--seed S] [--start K]
 *	gen --csv --patients N [--seed S] [--start K] > patients.csv
 *	gen --csv-table --patients N [--seed S] [--start K] > table.csv
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
 * is shared and knows nothing about patients.
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

/* One row under construction: column values point into buf. */
struct row {
	const char	*v[MAXCOLS];	/* NULL is SQL NULL / an empty CSV field */
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
};

struct table {
	const char		*name;		/* SQL table, and --NAME N */
	const char *const	*cols;		/* NULL-terminated */
	size_t			 nfields;	/* cols[0..nfields) for --csv */
	void			(*init)(const struct gen *, uint64_t start,
				    uint64_t n);	/* or NULL */
	void			(*row)(const struct gen *, uint64_t k,
				    struct row *);
	uint64_t		 n;		/* rows wanted */
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

/* ---- output ------------------------------------------------------------ */

static struct table tables[] = {
	{ "patients", patient_cols, P_NFIELDS, patient_init, patient_row, 0 },
};

/* The SQL table a struct table fills ("patients" -> "patient"). */
static const char *
sql_table(const struct table *t)
{
	static const struct { const char *opt, *sql; } map[] = {
		{ "patients", "patient" },
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

/* The first n columns of every row, header first. */
static void
csv_table(const struct gen *g, const struct table *t, size_t n,
    uint64_t start, FILE *f)
{
	struct row	w;

	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', f);
		csv_field(f, t->cols[i]);
	}
	fputs("\r\n", f);
	for (uint64_t k = start; k < start + t->n; k++) {
		w.used = 0;
		t->row(g, k, &w);
		for (size_t i = 0; i < n; i++) {
			if (i)
				putc(',', f);
			csv_field(f, w.v[i]);
		}
		fputs("\r\n", f);
	}
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
insert_table(sqlite3 *db, const struct gen *g, const struct table *t,
    uint64_t start)
{
	size_t		 n = ncols(t), len;
	char		 sql[1024];
	sqlite3_stmt	*s;
	struct row	 w;
	uint64_t	 k;

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
	exec(db, "BEGIN IMMEDIATE");
	for (k = start; k < start + t->n; k++) {
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
				fprintf(stderr, "%s: rows from %" PRIu64 " on "
				    "exist already: use --start\n", prog, k);
			exit(EX_DATAERR);
		}
		sqlite3_reset(s);
		if ((k - start + 1) % BATCH == 0)
			exec(db, "COMMIT; BEGIN IMMEDIATE");
	}
	exec(db, "COMMIT");
	sqlite3_finalize(s);
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
	    "[--start K]",
	    prog);
	for (size_t i = 0; i < nitems(tables); i++)
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
	    OPT_HELP, OPT_TABLE };
	enum { NOPT = 6 };
	struct option	 lo[NOPT + nitems(tables) + 1] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "csv", no_argument, NULL, OPT_CSV },
		{ "csv-table", no_argument, NULL, OPT_CSV_TABLE },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "start", required_argument, NULL, OPT_START },
		{ "help", no_argument, NULL, OPT_HELP },
	};
	struct gen	 g = { DEFAULT_SEED };
	const char	*dbpath = NULL;
	uint64_t	 start = 1, any = 0;
	int		 csv = 0, c;	/* 1 fields only, 2 every column */

	for (size_t i = 0; i < nitems(tables); i++)
		lo[NOPT + i] = (struct option){ tables[i].name,
		    required_argument, NULL, OPT_TABLE + (int)i };
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
		case 'h':
		case OPT_HELP:
			usage(stdout);
			return 0;
		default:
			if (c >= OPT_TABLE &&
			    c < OPT_TABLE + (int)nitems(tables)) {
				tables[c - OPT_TABLE].n = number(
				    lo[NOPT + c - OPT_TABLE].name, optarg);
				any += tables[c - OPT_TABLE].n;
				break;
			}
			usage(stderr);
			return EX_USAGE;
		}
	if (optind != argc || (dbpath == NULL) == !csv || start == 0) {
		usage(stderr);
		return EX_USAGE;
	}
	for (size_t i = 0; i < nitems(tables); i++)
		if (tables[i].n > 0 && tables[i].init != NULL)
			tables[i].init(&g, start, tables[i].n);
	if (csv) {
		/* one CSV is one table: a header then rows */
		int which = -1;

		for (size_t i = 0; i < nitems(tables); i++)
			if (tables[i].n > 0) {
				if (which >= 0)
					die(EX_USAGE, "--csv writes one table "
					    "at a time");
				which = (int)i;
			}
		if (which < 0)
			die(EX_USAGE, "--csv: which table? (--patients N)");
		csv_table(&g, &tables[which], csv == 1 ?
		    tables[which].nfields : ncols(&tables[which]), start,
		    stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			die(EX_IOERR, "stdout: %s", strerror(errno));
		return 0;
	}
	if (any == 0)
		die(EX_USAGE, "nothing to generate (--patients N)");
	sqlite3 *db = open_clinic(dbpath);

	for (size_t i = 0; i < nitems(tables); i++)
		if (tables[i].n > 0)
			insert_table(db, &g, &tables[i], start);
	if (sqlite3_close(db) != SQLITE_OK)
		die(EX_IOERR, "%s: cannot close", dbpath);
	return 0;
}

/*
 * vitals - see vitals.h.
 *
 * Units are read as typed and converted once, here; the database keeps
 * the SI value at full precision and rounds only what it shows, so a
 * weight typed in pounds and listed in kilograms loses nothing.
 */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "date.h"
#include "db.h"
#include "encounter.h"
#include "rec.h"
#include "util.h"
#include "vitals.h"

#define LB_KG	0.45359237	/* the international pound, exactly */
#define IN_CM	2.54		/* the inch, exactly */
#define EPS	1e-9		/* a conversion's rounding at a range's edge */

/*
 * In vital_sign's order, with the same names, units and decimals (the
 * unit test compares the two).  The ranges are what a living patient
 * can show, from a newborn to the sickest adult: wider than normal, so
 * only a typing slip (400 for 40, a Fahrenheit value with C) is refused.
 */
static const struct vit_info kinds[VIT_NKINDS] = {
	[VIT_SYSTOLIC] =	{ "8480-6", "BP systolic", "mm[Hg]", 0, 50, 300 },
	[VIT_DIASTOLIC] =	{ "8462-4", "BP diastolic", "mm[Hg]", 0, 20, 200 },
	[VIT_HR] =		{ "8867-4", "heart rate", "/min", 0, 20, 300 },
	[VIT_RR] =		{ "9279-1", "respiratory rate", "/min", 0, 4, 80 },
	[VIT_TEMP] =		{ "8310-5", "temperature", "Cel", 1, 25, 45 },
	[VIT_SPO2] =		{ "59408-5", "SpO2", "%", 0, 50, 100 },
	[VIT_WEIGHT] =		{ "29463-7", "weight", "kg", 2, 0.2, 500 },
	[VIT_HEIGHT] =		{ "8302-2", "height", "cm", 1, 20, 272 },
	[VIT_BMI] =		{ "39156-5", "BMI", "kg/m2", 1, 0, 0 },
	[VIT_PAIN] =		{ "72514-3", "pain", "{score}", 0, 0, 10 },
};

/* The value as a listing shows it: whole, or rounded to its decimals. */
#define SHOWN VIT_SQL_SHOWN

enum { Q_ENC, Q_ADD, Q_LAST, Q_LIST, Q_LATEST, Q_KINDS };

const struct query vitals_queries[] = {
	[Q_ENC] = { "vitals.encounter",
	    "SELECT patient_id, signed_at IS NOT NULL FROM encounter"
	    " WHERE id = ?1" },
	[Q_ADD] = { "vitals.add",
	    "INSERT INTO vitals (encounter_id, loinc, value, unit, at,"
	    " created_by) VALUES (:enc, :loinc, :value, :unit, :at, :login)" },
	[Q_LAST] = { "vitals.last",	/* the encounter's latest of a kind */
	    "SELECT value FROM vitals WHERE encounter_id = ?1 AND loinc = ?2"
	    " ORDER BY at DESC, id DESC LIMIT 1" },
	[Q_LIST] = { "vitals.list",
	    "SELECT 'vit-' || v.id AS id, " DATE_SQL_LOCAL("v.at") " AS at,"
	    " v.loinc, k.name, " SHOWN " AS value, v.unit,"
	    " 'enc-' || v.encounter_id AS enc"
	    " FROM encounter e JOIN vitals v ON v.encounter_id = e.id"
	    " JOIN vital_sign k ON k.loinc = v.loinc"
	    " WHERE e.patient_id = :patient"
	    " AND (:loinc IS NULL OR v.loinc = :loinc)"
	    " ORDER BY v.at, v.id" },
	[Q_LATEST] = { "vitals.latest",
	    "SELECT k.loinc, k.name, " SHOWN " AS value, v.unit,"
	    " " DATE_SQL_LOCAL("v.at") " AS at"
	    " FROM vital_sign k JOIN vitals v ON v.id = (SELECT x.id"
	    " FROM encounter e JOIN vitals x ON x.encounter_id = e.id"
	    " WHERE e.patient_id = ?1 AND x.loinc = k.loinc"
	    " ORDER BY x.at DESC, x.id DESC LIMIT 1)"
	    " ORDER BY k.position" },
	[Q_KINDS] = { "vitals.kinds",	/* for the unit test */
	    "SELECT loinc, name, unit, decimals FROM vital_sign"
	    " ORDER BY position" },
	{ NULL, NULL }
};

const struct vit_info *
vit_info(enum vit_kind k)
{
	return &kinds[k];
}

int
vit_kind_of(const char *loinc)
{
	for (int k = 0; k < VIT_NKINDS; k++)
		if (strcmp(kinds[k].loinc, loinc) == 0)
			return k;
	return -1;
}

double
vit_bmi(double kg, double cm)
{
	return kg / (cm / 100 * cm / 100);
}

/* --- reading what was typed --------------------------------------------- */

/*
 * A decimal number at *p, "70" or "70.5" (no sign, no exponent: a
 * measurement is typed, not computed), *p moved past it: 0 or -1.
 */
static int
number(const char **p, double *v)
{
	const char	*s = *p, *q = s;
	char		 b[16];

	if (!isdigit((unsigned char)*q))
		return -1;
	while (isdigit((unsigned char)*q))
		q++;
	if (*q == '.') {
		if (!isdigit((unsigned char)*++q))
			return -1;
		while (isdigit((unsigned char)*q))
			q++;
	}
	if ((size_t)(q - s) >= sizeof(b))
		return -1;
	memcpy(b, s, (size_t)(q - s));
	b[q - s] = '\0';
	*v = strtod(b, NULL);
	*p = q;
	return 0;
}

/* A whole number and nothing else ("72"): 0 or -1. */
static int
whole(const char *s, double *v)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n > 4 || s[n] != '\0')
		return -1;
	*v = strtod(s, NULL);
	return 0;
}

/* Is u (case aside) one of the blank-separated words of list? */
static int
unit_is(const char *u, const char *list)
{
	size_t n = strlen(u);

	while (*list) {
		size_t w = strcspn(list, " ");

		if (w == n && strncasecmp(u, list, n) == 0)
			return 1;
		list += w;
		list += strspn(list, " ");
	}
	return 0;
}

/* The unit after a number: blanks skipped, the rest of the word. */
static const char *
unit_at(const char *p)
{
	return p + strspn(p, " ");
}

/* 0 if v (SI) is plausible for k, else 65 with why. */
static int
check(enum vit_kind k, double v, char why[VIT_WHY])
{
	const struct vit_info *i = &kinds[k];

	if (v >= i->lo - EPS && v <= i->hi + EPS)
		return 0;
	snprintf(why, VIT_WHY, "%s %.*f %s is not plausible (%g-%g %s)",
	    i->name, i->decimals, v, i->unit, i->lo, i->hi, i->unit);
	return EX_DATAERR;
}

/* Check v and put it in set. */
static int
keep(struct vit_set *set, enum vit_kind k, double v, char why[VIT_WHY])
{
	int rc;

	if ((rc = check(k, v, why)) != 0)
		return rc;
	set->has[k] = 1;
	set->v[k] = v;
	return 0;
}

static int
unparsed(char why[VIT_WHY], const char *what)
{
	snprintf(why, VIT_WHY, "%s", what);
	return EX_USAGE;
}

static int
bp(struct vit_set *set, const char *s, char why[VIT_WHY])
{
	char	 b[16];
	char	*d;
	double	 sys, dia;
	int	 rc;

	if (strlen(s) >= sizeof(b) || (d = strchr(strcpy(b, s), '/')) == NULL)
		return unparsed(why, "not a blood pressure (120/80)");
	*d++ = '\0';
	if (whole(b, &sys) != 0 || whole(d, &dia) != 0)
		return unparsed(why, "not a blood pressure (120/80)");
	if ((rc = check(VIT_SYSTOLIC, sys, why)) != 0 ||
	    (rc = check(VIT_DIASTOLIC, dia, why)) != 0)
		return rc;
	if (sys <= dia) {
		snprintf(why, VIT_WHY, "systolic %.0f is not above diastolic "
		    "%.0f", sys, dia);
		return EX_DATAERR;
	}
	keep(set, VIT_SYSTOLIC, sys, why);
	return keep(set, VIT_DIASTOLIC, dia, why);
}

/* A count such as 72 or 98, an optional unit of its own ("98%"). */
static int
count(struct vit_set *set, enum vit_kind k, const char *s,
    const char *units, char why[VIT_WHY])
{
	const char	*p = s;
	double		 v;

	if (number(&p, &v) != 0 || strchr(s, '.') != NULL ||
	    (*unit_at(p) != '\0' && !unit_is(unit_at(p), units)))
		return unparsed(why, "not a whole number");
	return keep(set, k, v, why);
}

/*
 * A measurement that means nothing without its unit: the words that
 * name each unit and what turns it into SI, (v + add) * mul.
 */
struct unit {
	const char	*words;		/* blank-separated, any case */
	double		 add, mul;
};
struct measure {
	enum vit_kind		 kind;
	const char		*what, *units, *eg;	/* for messages */
	const struct unit	*unit;			/* ends with NULL */
};

static const struct unit temp_units[] = {
	{ "c \xc2\xb0" "c celsius", 0, 1 },
	{ "f \xc2\xb0" "f fahrenheit", -32, 5.0 / 9 },
	{ NULL, 0, 0 }
};
static const struct unit weight_units[] = {
	{ "kg", 0, 1 },
	{ "lb lbs", 0, LB_KG },
	{ NULL, 0, 0 }
};
/* 37 and 98 are both temperatures: a bare number is a guess */
static const struct measure temp = { VIT_TEMP, "temperature", "F or C",
    "98.6F, 37C", temp_units };
static const struct measure weight = { VIT_WEIGHT, "weight", "lb or kg",
    "154lb, 70kg", weight_units };

static int
measured(struct vit_set *set, const struct measure *m, const char *s,
    char why[VIT_WHY])
{
	const char	*p = s, *u;
	double		 v;

	if (number(&p, &v) != 0) {
		snprintf(why, VIT_WHY, "not a %s (%s)", m->what, m->eg);
		return EX_USAGE;
	}
	u = unit_at(p);
	for (const struct unit *i = m->unit; *u && i->words; i++)
		if (unit_is(u, i->words))
			return keep(set, m->kind, (v + i->add) * i->mul, why);
	snprintf(why, VIT_WHY, "%s %s (%s)", *u ? "unknown unit: use" :
	    "give the unit,", m->units, m->eg);
	return EX_USAGE;
}

/* 5ft7in, 5ft 7in, 5'7", 5'7, 5ft, 67in, 67", 170cm, 1.70m */
static int
height(struct vit_set *set, const char *s, char why[VIT_WHY])
{
	static const char bad[] = "not a height (5ft7in, 5'7\", 67in, "
	    "170cm, 1.70m)";
	const char	*p = s, *u;
	double		 v, in;
	size_t		 n;

	if (number(&p, &v) != 0)
		return unparsed(why, bad);
	u = unit_at(p);
	if (*u == '\0')
		return unparsed(why, "give the unit, in, ft and in, cm or m "
		    "(5ft7in, 170cm)");
	if ((n = strspn(u, "'")) == 1 || strncasecmp(u, "ft", 2) == 0) {
		p = unit_at(u + (n == 1 ? 1 : 2));
		in = 0;
		if (*p != '\0') {
			if (number(&p, &in) != 0 || in >= 12)
				return unparsed(why, bad);
			u = unit_at(p);
			/* 5'7 needs no inch mark; 5ft7 does */
			if (!unit_is(u, "in \"") && !(n == 1 && *u == '\0'))
				return unparsed(why, bad);
		}
		v = (v * 12 + in) * IN_CM;
	} else if (unit_is(u, "in \""))
		v *= IN_CM;
	else if (unit_is(u, "m"))
		v *= 100;
	else if (!unit_is(u, "cm"))
		return unparsed(why, bad);
	return keep(set, VIT_HEIGHT, v, why);
}

int
vit_parse(struct vit_set *set, enum vit_field f, const char *s,
    char why[VIT_WHY])
{
	switch (f) {
	case VF_BP:
		return bp(set, s, why);
	case VF_HR:
		return count(set, VIT_HR, s, "/min bpm", why);
	case VF_RR:
		return count(set, VIT_RR, s, "/min", why);
	case VF_TEMP:
		return measured(set, &temp, s, why);
	case VF_SPO2:
		return count(set, VIT_SPO2, s, "%", why);
	case VF_WEIGHT:
		return measured(set, &weight, s, why);
	case VF_HEIGHT:
		return height(set, s, why);
	case VF_PAIN:
		return count(set, VIT_PAIN, s, "", why);
	}
	return unparsed(why, "no such field");
}

/* --- the database ------------------------------------------------------- */

int
vit_encounter(struct db *db, long long enc, long long *patient,
    int *is_signed)
{
	sqlite3_stmt	*s = db_query_id(db, &vitals_queries[Q_ENC], enc);
	int		 rc;

	if ((rc = db_step(db, s)) == SQLITE_ROW) {
		*patient = sqlite3_column_int64(s, 0);
		*is_signed = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	return enc_found(rc, enc);
}

/* The encounter's latest value of kind k, *found 0 if none: 0 or sysexits. */
static int
last(struct db *db, long long enc, enum vit_kind k, double *v, int *found)
{
	sqlite3_stmt	*s = db_query(db, &vitals_queries[Q_LAST]);
	int		 rc;

	sqlite3_bind_int64(s, 1, enc);
	sqlite3_bind_text(s, 2, kinds[k].loinc, -1, SQLITE_STATIC);
	if ((rc = db_step(db, s)) == SQLITE_ROW)
		*v = sqlite3_column_double(s, 0);
	sqlite3_reset(s);
	*found = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc;
}

static int
insert(struct db *db, long long enc, enum vit_kind k, double v,
    const char *at, const char *login, struct idlist *ids)
{
	sqlite3_stmt	*s = db_query(db, &vitals_queries[Q_ADD]);
	int		 rc;

	db_bind_int(s, ":enc", enc);
	db_bind_text(s, ":loinc", kinds[k].loinc);
	sqlite3_bind_double(s, sqlite3_bind_parameter_index(s, ":value"), v);
	db_bind_text(s, ":unit", kinds[k].unit);
	db_bind_text(s, ":at", at);
	db_bind_text(s, ":login", login);
	if ((rc = db_exec(db, s)) == 0)
		idlist_add(ids, sqlite3_last_insert_rowid(db_handle(db)));
	return rc;
}

int
vit_add(struct db *db, long long enc, const struct vit_set *set,
    const char *at, const char *login, struct idlist *ids)
{
	double	kg = set->v[VIT_WEIGHT], cm = set->v[VIT_HEIGHT];
	int	rc, have = 1;	/* the one not given here was measured */

	for (int k = 0; k < VIT_NKINDS; k++)
		if (set->has[k] && k != VIT_BMI &&
		    (rc = insert(db, enc, k, set->v[k], at, login, ids)) != 0)
			return rc;
	/* a new weight with the height measured earlier, or the reverse */
	if (!set->has[VIT_WEIGHT] && !set->has[VIT_HEIGHT])
		return 0;
	if (!set->has[VIT_WEIGHT] &&
	    (rc = last(db, enc, VIT_WEIGHT, &kg, &have)) != 0)
		return rc;
	if (!set->has[VIT_HEIGHT] &&
	    (rc = last(db, enc, VIT_HEIGHT, &cm, &have)) != 0)
		return rc;
	if (!have)
		return 0;
	return insert(db, enc, VIT_BMI, vit_bmi(kg, cm), at, login, ids);
}

sqlite3_stmt *
vit_list(struct db *db, long long patient, const char *loinc)
{
	sqlite3_stmt *s = db_query_id(db, &vitals_queries[Q_LIST], patient);

	if (loinc)
		db_bind_text(s, ":loinc", loinc);
	return s;
}

sqlite3_stmt *
vit_latest(struct db *db, long long patient)
{
	return db_query_id(db, &vitals_queries[Q_LATEST], patient);
}

int
vit_latest_text(struct db *db, long long patient, struct buf *b)
{
	sqlite3_stmt	*s = vit_latest(db, patient);
	int		 rc;

	while ((rc = db_step(db, s)) == SQLITE_ROW)
		buf_printf(b, "%s %s %s (%.10s)\n",
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (const char *)sqlite3_column_text(s, 3),
		    (const char *)sqlite3_column_text(s, 4));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : rc;
}

/*
 * vitals - unit tests for lib/vitals.c: units as typed into SI, every
 * range edge, what cannot be read at all, and against a migrated
 * database the BMI from an encounter's weight and height and the latest
 * of each kind.
 *
 * Expected values are worked by hand from the exact definitions
 * (1 lb = 0.45359237 kg, 1 in = 2.54 cm, C = (F - 32) * 5 / 9):
 *	154 lb = 69.85322498 kg, shown 69.85
 *	98.6 F = 37.0 C;  113 F = 45 C;  77 F = 25 C
 *	5 ft 7 in = 67 in = 170.18 cm;  1.70 m = 170 cm
 *	BMI 70 kg / (1.70 m)^2 = 70 / 2.89 = 24.221..., shown 24.2
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "date.h"
#include "rec.h"
#include "tempdb.h"
#include "vitals.h"

static const char *const fields[] = { "bp", "hr", "rr", "temp", "spo2",
    "weight", "height", "pain" };

/* s reads as field, giving v (SI) of kind k within 1e-6. */
static void
reads(enum vit_field f, const char *s, enum vit_kind k, double v)
{
	struct vit_set	set = { 0 };
	char		why[VIT_WHY] = "";

	is_int(vit_parse(&set, f, s, why), 0, "--%s '%s' is accepted %s",
	    fields[f], s, why);
	ok(set.has[k] && fabs(set.v[k] - v) < 1e-6, "--%s '%s' is %.8f %s "
	    "(got %.8f)", fields[f], s, v, vit_info(k)->unit, set.v[k]);
}

/* s is refused with code rc, and set keeps nothing of it. */
static void
refused(enum vit_field f, const char *s, int rc)
{
	struct vit_set	set = { 0 }, none = { 0 };
	char		why[VIT_WHY] = "";

	is_int(vit_parse(&set, f, s, why), rc, "--%s '%s' is refused, %d "
	    "(%s)", fields[f], s, rc, why);
	ok(memcmp(&set, &none, sizeof(set)) == 0, "... keeping nothing");
	ok(why[0] != '\0', "... saying why");
}

/* As a listing rounds it: decimals of the kind. */
static void
shown(enum vit_kind k, double v, const char *want)
{
	char b[32];

	snprintf(b, sizeof(b), "%.*f", vit_info(k)->decimals, v);
	is_str(b, want, "%s %.8f is shown %s", vit_info(k)->name, v, want);
}

static void
conversions(void)
{
	reads(VF_WEIGHT, "154lb", VIT_WEIGHT, 69.85322498);
	reads(VF_WEIGHT, "154lbs", VIT_WEIGHT, 69.85322498);
	reads(VF_WEIGHT, "154 LB", VIT_WEIGHT, 69.85322498);
	shown(VIT_WEIGHT, 154 * 0.45359237, "69.85");
	reads(VF_WEIGHT, "70kg", VIT_WEIGHT, 70);
	reads(VF_WEIGHT, "70.5kg", VIT_WEIGHT, 70.5);
	reads(VF_TEMP, "98.6F", VIT_TEMP, 37);
	reads(VF_TEMP, "98.6 F", VIT_TEMP, 37);
	reads(VF_TEMP, "98.6f", VIT_TEMP, 37);
	reads(VF_TEMP, "98.6\xc2\xb0" "F", VIT_TEMP, 37);
	reads(VF_TEMP, "37C", VIT_TEMP, 37);
	reads(VF_TEMP, "37.0c", VIT_TEMP, 37);
	shown(VIT_TEMP, (98.6 - 32) * 5 / 9, "37.0");
	reads(VF_HEIGHT, "5ft7in", VIT_HEIGHT, 170.18);
	reads(VF_HEIGHT, "5ft 7in", VIT_HEIGHT, 170.18);
	reads(VF_HEIGHT, "5'7\"", VIT_HEIGHT, 170.18);
	reads(VF_HEIGHT, "5'7", VIT_HEIGHT, 170.18);
	reads(VF_HEIGHT, "67in", VIT_HEIGHT, 170.18);
	reads(VF_HEIGHT, "67\"", VIT_HEIGHT, 170.18);
	reads(VF_HEIGHT, "6ft", VIT_HEIGHT, 182.88);
	reads(VF_HEIGHT, "170cm", VIT_HEIGHT, 170);
	reads(VF_HEIGHT, "1.70m", VIT_HEIGHT, 170);
	shown(VIT_HEIGHT, 170.18, "170.2");
	reads(VF_BP, "120/80", VIT_SYSTOLIC, 120);
	reads(VF_BP, "120/80", VIT_DIASTOLIC, 80);
	reads(VF_HR, "72", VIT_HR, 72);
	reads(VF_HR, "72bpm", VIT_HR, 72);
	reads(VF_RR, "16", VIT_RR, 16);
	reads(VF_SPO2, "98", VIT_SPO2, 98);
	reads(VF_SPO2, "98%", VIT_SPO2, 98);
	reads(VF_PAIN, "3", VIT_PAIN, 3);
	ok(fabs(vit_bmi(70, 170) - 70 / 2.89) < 1e-9, "BMI 70 kg, 170 cm "
	    "is 70 / 2.89");
	shown(VIT_BMI, vit_bmi(70, 170), "24.2");
}

/* Every range edge: in, and just out (65). */
static void
edges(void)
{
	reads(VF_BP, "50/20", VIT_SYSTOLIC, 50);
	reads(VF_BP, "300/200", VIT_DIASTOLIC, 200);
	reads(VF_BP, "81/80", VIT_SYSTOLIC, 81);
	refused(VF_BP, "49/20", EX_DATAERR);
	refused(VF_BP, "301/80", EX_DATAERR);
	refused(VF_BP, "120/19", EX_DATAERR);
	refused(VF_BP, "300/201", EX_DATAERR);
	refused(VF_BP, "400/20", EX_DATAERR);
	refused(VF_BP, "80/80", EX_DATAERR);	/* systolic above diastolic */
	refused(VF_BP, "80/120", EX_DATAERR);
	reads(VF_HR, "20", VIT_HR, 20);
	reads(VF_HR, "300", VIT_HR, 300);
	refused(VF_HR, "19", EX_DATAERR);
	refused(VF_HR, "301", EX_DATAERR);
	reads(VF_RR, "4", VIT_RR, 4);
	reads(VF_RR, "80", VIT_RR, 80);
	refused(VF_RR, "3", EX_DATAERR);
	refused(VF_RR, "81", EX_DATAERR);
	reads(VF_TEMP, "25C", VIT_TEMP, 25);
	reads(VF_TEMP, "45C", VIT_TEMP, 45);
	reads(VF_TEMP, "77F", VIT_TEMP, 25);
	reads(VF_TEMP, "113F", VIT_TEMP, 45);
	refused(VF_TEMP, "24.9C", EX_DATAERR);
	refused(VF_TEMP, "45.1C", EX_DATAERR);
	refused(VF_TEMP, "76.8F", EX_DATAERR);
	refused(VF_TEMP, "113.2F", EX_DATAERR);
	refused(VF_TEMP, "60C", EX_DATAERR);
	refused(VF_TEMP, "98.6C", EX_DATAERR);	/* Fahrenheit typed with C */
	reads(VF_SPO2, "50", VIT_SPO2, 50);
	reads(VF_SPO2, "100", VIT_SPO2, 100);
	refused(VF_SPO2, "49", EX_DATAERR);
	refused(VF_SPO2, "101", EX_DATAERR);
	refused(VF_SPO2, "120", EX_DATAERR);
	reads(VF_WEIGHT, "0.2kg", VIT_WEIGHT, 0.2);
	reads(VF_WEIGHT, "500kg", VIT_WEIGHT, 500);
	refused(VF_WEIGHT, "0.19kg", EX_DATAERR);
	refused(VF_WEIGHT, "500.01kg", EX_DATAERR);
	refused(VF_WEIGHT, "1103lb", EX_DATAERR);	/* 500.31 kg */
	reads(VF_HEIGHT, "20cm", VIT_HEIGHT, 20);
	reads(VF_HEIGHT, "272cm", VIT_HEIGHT, 272);
	refused(VF_HEIGHT, "19.9cm", EX_DATAERR);
	refused(VF_HEIGHT, "272.1cm", EX_DATAERR);
	refused(VF_HEIGHT, "9ft", EX_DATAERR);		/* 274.32 cm */
	reads(VF_PAIN, "0", VIT_PAIN, 0);
	reads(VF_PAIN, "10", VIT_PAIN, 10);
	refused(VF_PAIN, "11", EX_DATAERR);
}

/* What cannot be read at all: 64. */
static void
unreadable(void)
{
	static const struct { enum vit_field f; const char *s; } v[] = {
		{ VF_BP, "abc" }, { VF_BP, "120" }, { VF_BP, "120/" },
		{ VF_BP, "/80" }, { VF_BP, "120/80/60" }, { VF_BP, "120.5/80" },
		{ VF_BP, "" }, { VF_HR, "72.5" }, { VF_HR, "-5" },
		{ VF_HR, "72 beats" }, { VF_RR, "x" }, { VF_SPO2, "98 pct" },
		{ VF_PAIN, "3/10" }, { VF_TEMP, "98.6" }, { VF_TEMP, "37" },
		{ VF_TEMP, "37K" }, { VF_TEMP, "F" }, { VF_TEMP, "1e2F" },
		{ VF_WEIGHT, "70stone" }, { VF_WEIGHT, "11st" },
		{ VF_WEIGHT, "70" }, { VF_WEIGHT, "70 kg kg" },
		{ VF_WEIGHT, ".5kg" }, { VF_WEIGHT, "70.kg" },
		{ VF_HEIGHT, "170" }, { VF_HEIGHT, "5ft12in" },
		{ VF_HEIGHT, "5ft7" }, { VF_HEIGHT, "5''7" },
		{ VF_HEIGHT, "1700mm" }, { VF_HEIGHT, "5ft7in3" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		refused(v[i].f, v[i].s, EX_USAGE);
}

/* lib's table and vital_sign in the schema name the same kinds. */
static void
table_agrees(struct db *db)
{
	struct query	 q = { "vitals.kinds", NULL };
	sqlite3_stmt	*s;
	int		 k = 0;

	for (const struct query *p = vitals_queries; p->name; p++)
		if (strcmp(p->name, q.name) == 0)
			q.sql = p->sql;
	if (!ok(q.sql != NULL, "vitals.kinds is a statement"))
		return;
	s = db_query(db, &q);
	while (k < VIT_NKINDS && sqlite3_step(s) == SQLITE_ROW) {
		const struct vit_info *i = vit_info(k);

		is_str((const char *)sqlite3_column_text(s, 0), i->loinc,
		    "kind %d's LOINC", k);
		is_str((const char *)sqlite3_column_text(s, 1), i->name,
		    "%s's name", i->loinc);
		is_str((const char *)sqlite3_column_text(s, 2), i->unit,
		    "%s's unit", i->loinc);
		is_int(sqlite3_column_int(s, 3), i->decimals,
		    "%s's decimals", i->loinc);
		is_int(vit_kind_of(i->loinc), k, "vit_kind_of(%s)", i->loinc);
		k++;
	}
	is_int(k, VIT_NKINDS, "vital_sign has every kind");
	ok(sqlite3_step(s) == SQLITE_DONE, "... and no more");
	sqlite3_reset(s);
	is_int(vit_kind_of("1234-5"), -1, "an unknown LOINC is no kind");
}

static int
sql(struct db *db, const char *q)
{
	return sqlite3_exec(db_handle(db), q, NULL, NULL, NULL);
}

/* Store what s reads as for enc-1; the ids made, as "1-3". */
static void
add(struct db *db, enum vit_field f, const char *s, const char *at,
    const char *want)
{
	struct vit_set	 set = { 0 };
	struct idlist	 ids = { 0 };
	char		 why[VIT_WHY];

	vit_parse(&set, f, s, why);
	is_int(vit_add(db, 1, &set, at, "nina", &ids), 0, "store --%s %s",
	    fields[f], s);
	is_str(idlist_str(&ids), want, "... as rows %s", want);
	idlist_free(&ids);
}

static void
stored(struct db *db)
{
	struct buf	 b = { 0 };
	long long	 patient = 0;
	int		 is_signed = -1;

	if (!is_int(sql(db, "INSERT INTO provider (name, npi, taxonomy,"
	    " active, created_at) VALUES ('Ada', '1234567893', '207Q00000X',"
	    " 1, 'x'); INSERT INTO patient (mrn, first, last, dob, created_at,"
	    " updated_at) VALUES ('M1', 'Ann', 'Ames', '1980-01-01', 'x', 'x');"
	    " INSERT INTO encounter (patient_id, provider_id, start_at,"
	    " created_at, created_by) VALUES (1, 1, '2026-12-01T14:00:00Z',"
	    " 'x', 'x')"), SQLITE_OK, "a patient with an encounter"))
		return;
	is_int(vit_encounter(db, 1, &patient, &is_signed), 0, "enc-1 is");
	ok(patient == 1 && is_signed == 0, "... pat-1's, unsigned");
	is_int(vit_encounter(db, 2, &patient, &is_signed), EX_DATAERR,
	    "enc-2 is not (65)");

	/* a weight alone: no BMI; the height later adds one */
	add(db, VF_WEIGHT, "70kg", "2026-12-01T14:05:00Z", "1");
	add(db, VF_HEIGHT, "170cm", "2026-12-01T14:06:00Z", "2-3");
	/* a new weight with the earlier height */
	add(db, VF_WEIGHT, "154lb", "2026-12-01T14:07:00Z", "4-5");
	add(db, VF_HR, "72", "2026-12-01T14:08:00Z", "6");

	is_int(vit_latest_text(db, 1, &b), 0, "the latest of each kind");
	is_str(b.s, "heart rate 72 /min (2026-12-01)\n"
	    "weight 69.85 kg (2026-12-01)\n"
	    "height 170.0 cm (2026-12-01)\n"
	    "BMI 24.2 kg/m2 (2026-12-01)\n",
	    "... one line each, in chart order, rounded as shown");
	buf_free(&b);
	is_int(sql(db, "UPDATE encounter SET signed_at = 'x', signed_by = 'd',"
	    " sign_hash = printf('%064d', 0) WHERE id = 1"), SQLITE_OK,
	    "sign enc-1");
	{
		struct vit_set	set = { 0 };
		struct idlist	ids = { 0 };
		char		why[VIT_WHY];

		vit_parse(&set, VF_HR, "80", why);
		ok(vit_add(db, 1, &set, "2026-12-01T15:00:00Z", "nina",
		    &ids) != 0, "a signed encounter takes no more (trigger)");
		idlist_free(&ids);
	}
}

int
main(void)
{
	struct tempdb t;

	conversions();
	edges();
	unreadable();
	if (date_set_zone("UTC") != 0 || tempdb_open(&t) != 0)
		return done_testing();
	table_agrees(t.db);
	stored(t.db);
	tempdb_close(&t);
	return done_testing();
}

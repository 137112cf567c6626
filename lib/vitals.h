/*
 * vitals - vital signs: reading what a nurse types (98.6F, 154lb, 5'7"),
 * converting it to the SI unit it is stored in with its LOINC code,
 * refusing what cannot be a living patient's, the BMI computed from an
 * encounter's weight and height, and reading them back: a patient's
 * observations and the latest of each kind.  Table vitals and its list
 * of kinds vital_sign (share/schema/009-chart.sql).
 */
#ifndef CLINIX_VITALS_H
#define CLINIX_VITALS_H

#include <stddef.h>

#include "db.h"

struct buf;
struct idlist;

/* The kinds stored, in vital_sign's order (its position - 1). */
enum vit_kind {
	VIT_SYSTOLIC, VIT_DIASTOLIC, VIT_HR, VIT_RR, VIT_TEMP, VIT_SPO2,
	VIT_WEIGHT, VIT_HEIGHT, VIT_BMI, VIT_PAIN, VIT_NKINDS
};

struct vit_info {
	const char	*loinc;
	const char	*name;		/* as vital_sign names it */
	const char	*unit;		/* UCUM */
	int		 decimals;	/* shown */
	double		 lo, hi;	/* plausible, both included; BMI 0, 0 */
};
const struct vit_info *vit_info(enum vit_kind);
/* The kind with this LOINC code, or -1. */
int	 vit_kind_of(const char *loinc);

/* What a command-line option measures: --bp is two kinds. */
enum vit_field {
	VF_BP, VF_HR, VF_RR, VF_TEMP, VF_SPO2, VF_WEIGHT, VF_HEIGHT, VF_PAIN
};

/* One command's observations: at most one of each kind, in SI. */
struct vit_set {
	int		 has[VIT_NKINDS];
	double		 v[VIT_NKINDS];
};

#define VIT_WHY	128
/*
 * Read s, the value of field as typed, into set (a field given twice:
 * the last wins).  0; 64 when s cannot be read at all (no number, an
 * unknown or missing unit); 65 when it reads but is not plausible, with
 * why saying which measurement and its range.
 */
int	 vit_parse(struct vit_set *, enum vit_field, const char *s,
	    char why[VIT_WHY]);
/* Body mass index, kg/m2, from kg and cm. */
double	 vit_bmi(double kg, double cm);

/*
 * The encounter's patient and whether it is signed: 0, or 65 when there
 * is no such encounter (said).
 */
int	 vit_encounter(struct db *, long long enc, long long *patient,
	    int *is_signed);
/*
 * Store set's observations on encounter enc at at (UTC stamp), inside the
 * caller's transaction, and the BMI when this set or an earlier one of
 * the encounter gives weight and height (with one of them new here).
 * Each new row's id goes to ids.  0 or a sysexits code (said).
 */
int	 vit_add(struct db *, long long enc, const struct vit_set *,
	    const char *at, const char *login, struct idlist *ids);

/*
 * A patient's observations over all their encounters in time order
 * (id, at, loinc, name, value, unit, enc); loinc NULL for all.
 */
sqlite3_stmt *vit_list(struct db *, long long patient, const char *loinc);
/*
 * The latest observation of each kind the patient has, in vital_sign's
 * order: loinc, name, value (rounded as shown), unit, at (local).
 */
sqlite3_stmt *vit_latest(struct db *, long long patient);
/*
 * The same as text for a note: one line per kind, "weight 69.85 kg
 * (2026-12-01)", each ending in a newline; nothing when there are none.
 * 0 or a sysexits code.
 */
int	 vit_latest_text(struct db *, long long patient, struct buf *);

/*
 * A value as a listing shows it, in SQL over vitals v JOIN vital_sign k:
 * rounded to the kind's decimals (the row keeps full precision).
 */
#define VIT_SQL_SHOWN \
	"CASE WHEN k.decimals = 0 THEN CAST(round(v.value) AS INTEGER)" \
	" ELSE round(v.value, k.decimals) END"

extern const struct query vitals_queries[];

#endif

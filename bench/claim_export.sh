#!/bin/sh
# bench/claim_export.sh - `claim export` of BENCH_CLAIMS (100,000) ready
# claims, two service lines and two diagnoses each, put in with SQL on a
# clinic of BENCH_CLAIMS / 10 patients: its time as claims a second
# (target >= 50,000), next to the sqlite3 shell running the same SELECTs
# over the same rows in the same run (bench/claim_sql.c prints them), and
# its peak RSS with a tenth of the claims ready and with all of them,
# which must be about the same: the bytes stream through a temporary file
# into the batch's blob, nothing holds the claims.
#
#	sh bench/claim_export.sh [OUT]		(bench/run: BENCH_ONLY=claim-export)
#
# OUT (default build/bench) holds timeit, claim_sql and the clinic,
# build/bench/claims/, made again on every run.  Each export runs on a
# fresh copy of the database (an export moves its claims to submitted),
# BENCH_CLAIM_RUNS (3) times; the median is reported.  Prints a report;
# exit 0 whether it says PASS or FAIL, non-zero only when the bench itself
# could not run.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out=${1:-build/bench}
n=${BENCH_CLAIMS:-100000}
runs=${BENCH_CLAIM_RUNS:-3}
target=${BENCH_CLAIM_TARGET:-50000}

die() { echo "bench: $*" >&2; exit 1; }

[ "$n" -ge 10 ] 2>/dev/null || die "BENCH_CLAIMS: a count of 10 or more, not '$n'"
[ "$runs" -ge 1 ] 2>/dev/null || die "BENCH_CLAIM_RUNS: not a count: '$runs'"
for p in clinix claim; do
	[ -x "bin/$p" ] || die "bin/$p missing: run 'make' (or 'make bench')"
done
[ -f build/libclinix.a ] || die "build/libclinix.a missing: run 'make'"
command -v sqlite3 >/dev/null 2>&1 ||
    die "the claim-export bench needs the sqlite3 command"

CC=${CC:-cc}
CFLAGS="-O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Ilib"
LIBDIR=$(pkg-config --variable=libdir sqlite3 2>/dev/null ||
    echo "/usr/lib/$($CC -print-multiarch)")
LIBS="build/libclinix.a $LIBDIR/libsqlite3.a $LIBDIR/libyaml.a \
    $LIBDIR/libcsv.a $LIBDIR/libcrypto.a -lm -ldl -pthread"
mkdir -p "$out"
# shellcheck disable=SC2086	# flags are meant to split
{
	$CC $CFLAGS -o "$out/claim_sql" bench/claim_sql.c $LIBS &&
	$CC ${CFLAGS% -Ilib} -o "$out/timeit" bench/timeit.c
} || die "the helpers do not build"

dir=$out/claims
rm -rf "${dir:?}"
mkdir -p "$dir"
CLINIX_DB=$top/$dir/clinix.db
CLINIX_CONFIG=$top/$dir/clinix.yaml
TZ=America/New_York
export CLINIX_DB CLINIX_CONFIG TZ
unset CLINIX_USER
bin/clinix init --clinic-name "Bench Clinic" --timezone "$TZ" \
    --npi 1234567893 --tax-id 37-1234567 --address1 "100 Main St" \
    --city Springfield --state IL --zip 62701-0001 \
    --phone "+1 217 555 0100" >/dev/null || die "clinix init failed"
bin/clinix config set clinic.taxonomy 207Q00000X >/dev/null

# n claims of n / 10 patients (each their own subscriber), one provider
# (not the clinic's NPI: every claim has its 2310B), one payer; drafts
pats=$((n / 10))
t0=$(date +%s)
sqlite3 -bail "$CLINIX_DB" <<SQL || die "the claims do not go in"
PRAGMA foreign_keys = ON;
BEGIN;
INSERT INTO provider (id, name, npi, taxonomy, created_at)
    VALUES (1, 'Anna Smith', '1245319599', '207Q00000X', 'x');
INSERT INTO payer (id, name, payer_id, filing, created_at)
    VALUES (1, 'Acme Health', '12345', '12', 'x');
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $pats)
INSERT INTO patient (id, mrn, first, last, dob, sex, address1, city,
    state, zip, created_at, updated_at)
    SELECT i, printf('M%08d', i), 'First' || i, 'Last' || i,
    '1980-01-02', 'F', i || ' Elm St', 'Springfield', 'IL', '627020001',
    'x', 'x' FROM k;
INSERT INTO coverage (id, patient_id, payer_id, member_id, group_no,
    priority, relationship, start_date, created_at)
    SELECT id, id, 1, 'W' || id, 'GRP100', 'primary', 'self',
    '2024-01-01', 'x' FROM patient;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
INSERT INTO encounter (id, patient_id, provider_id, start_at, created_at,
    created_by) SELECT i, (i - 1) % $pats + 1, 1, '2026-11-02T14:30:00Z',
    'x', 'doc' FROM k;
INSERT INTO encounter_proc (id, encounter_id, system, code, mods, units,
    dx, created_at, created_by)
    SELECT 2 * id - 1, id, 'cpt', '99213', NULL, 1, '1,2', 'x', 'doc'
    FROM encounter UNION ALL
    SELECT 2 * id, id, 'cpt', '87880', 'QW', 1, '1', 'x', 'doc'
    FROM encounter;
INSERT INTO claim (id, control, encounter_id, patient_id, coverage_id,
    payer_id, provider_id, service_day, pos, total, status, created_at,
    created_by) SELECT id, 'clm-' || id, id, patient_id, patient_id, 1, 1,
    '2026-11-02', '11', 15000, 'draft', 'x', 'bill' FROM encounter;
INSERT INTO claim_dx SELECT id, 1, 'J069' FROM claim UNION ALL
    SELECT id, 2, 'R509' FROM claim;
INSERT INTO claim_line (id, claim_id, line, proc_id, code, mods, units,
    charge, pointers)
    SELECT 2 * id - 1, id, 1, 2 * id - 1, '99213', NULL, 1, 10000, '1:2'
    FROM claim UNION ALL
    SELECT 2 * id, id, 2, 2 * id, '87880', 'QW', 1, 5000, '1' FROM claim;
COMMIT;
SQL
echo "claim-export: $n claims, $((2 * n)) lines, $pats patients made in" \
    "$(($(date +%s) - t0)) s; $(($(wc -c <"$CLINIX_DB") / 1048576)) MB"
cp "$CLINIX_DB" "$dir/all.db"
sqlite3 "$dir/all.db" "UPDATE claim SET status = 'ready'"
cp "$CLINIX_DB" "$dir/tenth.db"
sqlite3 "$dir/tenth.db" "UPDATE claim SET status = 'ready'
    WHERE id <= $((n / 10))"
"$out/claim_sql" >"$dir/claims.sql" || die "claim_sql failed"

# one timed export of DB (a fresh copy each run): its timeit line
export_once() {	# export_once DB KEY
	cp "$dir/$1" "$dir/run.db"
	rm -f "$dir/run.db-wal" "$dir/run.db-shm" "$dir/out.837"
	"$out/timeit" -n 1 -w 0 bin/claim --db "$top/$dir/run.db" export \
	    -o "$top/$dir/out.837" 2>>"$dir/stderr" | sed "s/^0/$2/" ||
	    die "claim export failed"
}
: >"$dir/times.tsv"
: >"$dir/stderr"
sync
i=0
while [ "$i" -lt "$runs" ]; do
	export_once tenth.db 0 >>"$dir/times.tsv"
	export_once all.db 1 >>"$dir/times.tsv"
	i=$((i + 1))
done
# the file of the last run of all: every claim in it, the envelope sound
got=$(tr '~' '\n' <"$dir/out.837" | grep -c '^CLM\*') || true
[ "$got" = "$n" ] || die "the export holds $got CLM segments, not $n"
tail -c 40 "$dir/out.837" | grep -q "IEA\*1\*" || die "no IEA at the end"
# the floor: the sqlite3 shell stepping the same rows, printing them
"$out/timeit" -n "$runs" -w 1 sqlite3 "$dir/all.db" ".read $dir/claims.sql" |
    sed 's/^0/2/' >>"$dir/times.tsv" || die "the sqlite3 shell failed"

awk -F'\t' -v n="$n" -v target="$target" '
function median(a, c,    i, j, t) {
	for (i = 1; i < c; i++)
		for (j = i; j > 0 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return c % 2 ? a[(c - 1) / 2] : (a[c / 2 - 1] + a[c / 2]) / 2
}
{
	k = $1
	if (k == 0) { w0[c0++] = $2; if ($3 > r0) r0 = $3 }
	if (k == 1) { w1[c1++] = $2; if ($3 > r1) r1 = $3 }
	if (k == 2) { w2[c2++] = $2; if ($3 > r2) r2 = $3 }
}
END {
	m0 = median(w0, c0); m1 = median(w1, c1); m2 = median(w2, c2)
	rate = n / (m1 / 1e6)
	printf "claim-export: claim export of %d claims %.2f s: %.0f claims/s" \
	    " (target >= %d)  %s\n", n, m1 / 1e6, rate, target,
	    (rate >= target ? "PASS" : "FAIL")
	printf "claim-export: sqlite3 shell, the same SELECTs over the same" \
	    " rows: %.2f s (%.0f claims/s); export / shell %.2f\n", m2 / 1e6,
	    n / (m2 / 1e6), m1 / m2
	printf "claim-export: peak RSS: %d claims %.1f MB in %.2f s, %d %.1f" \
	    " MB in %.2f s (%s); sqlite3 shell %.1f MB\n", n / 10, r0 / 1024,
	    m0 / 1e6, n, r1 / 1024, m1 / 1e6,
	    (r1 <= 1.25 * r0 + 2048 ? "constant" : "GROWS with the claims"),
	    r2 / 1024
}' "$dir/times.tsv"
echo "bench: raw samples in $dir/times.tsv (0 a tenth, 1 all, 2 the" \
    "sqlite3 shell; wall us, maxrss KiB, cpu us)"

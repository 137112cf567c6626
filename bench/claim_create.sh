#!/bin/sh
# bench/claim_create.sh - `claim create --day D` for BENCH_CLAIM_ENCOUNTERS
# (default 2,000) signed encounters (bench/claim_create.sql) vs
# bench/baseline_claim.c, a minimal C program making the same reads and
# inserts with plain SQLite (lib/'s own statements, by name).  Issue 14's
# target: claim create <= BENCH_CLAIM_TARGET (1.5) times the baseline.
#
# Each run needs encounters not claimed yet, so every run gets its own
# copy of the generated clinic; BENCH_CLAIM_RUNS rounds (default 3), the
# order swapped every other round, the median wall time of each reported.
# Both must leave the same claims, lines, diagnoses, charges and
# postings (checked).  Runs alone (`sh bench/claim_create.sh`, building
# what it needs) or from bench/run (BENCH_ONLY=claim-create make bench).
# Exit 0 whether it says PASS or FAIL; non-zero when it could not run.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
n=${BENCH_CLAIM_ENCOUNTERS:-2000}
runs=${BENCH_CLAIM_RUNS:-3}
target=${BENCH_CLAIM_TARGET:-1.50}
day=2026-11-16		# a Monday, EST: no DST change near it
zone=America/New_York
out=build/bench
dir=$out/claim-create

die() { echo "bench: claim-create: $*" >&2; exit 1; }

[ "$n" -ge 1 ] 2>/dev/null || die "BENCH_CLAIM_ENCOUNTERS: not a count: '$n'"
[ "$runs" -ge 1 ] 2>/dev/null || die "BENCH_CLAIM_RUNS: not a count: '$runs'"
command -v sqlite3 >/dev/null || die "needs the sqlite3 shell"
[ -x bin/claim ] && [ -f build/libclinix.a ] || make -s >/dev/null ||
    die "cannot build clinix (make)"
CC=${CC:-cc}
CFLAGS="-O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Ilib"
LIBDIR=$(pkg-config --variable=libdir sqlite3 2>/dev/null ||
    echo "/usr/lib/$($CC -print-multiarch)")
LIBS="build/libclinix.a $LIBDIR/libsqlite3.a $LIBDIR/libyaml.a \
    $LIBDIR/libcsv.a $LIBDIR/libcrypto.a -lm -ldl -pthread"
mkdir -p "$out"
# shellcheck disable=SC2086	# flags are meant to split
{
	$CC $CFLAGS -o "$out/baseline_claim" bench/baseline_claim.c $LIBS &&
	$CC ${CFLAGS% -Ilib} -o "$out/timeit" bench/timeit.c
} || die "cannot build the bench programs"

# The clinic, once: identity for the scrubber, then the SQL's rows.
rm -rf "${dir:?}"
mkdir -p "$dir"
export TZ=$zone
export CLINIX_DB="$top/$dir/gen/clinix.db" CLINIX_CONFIG="$top/$dir/gen/clinix.yaml"
unset CLINIX_USER
init=$(bin/clinix init --clinic-name Bench --timezone "$zone") ||
    die "clinix init failed"
login=$(printf '%s\n' "$init" | awk -F'\t' '$1 == "admin" { print $3 }')
[ -n "$login" ] || die "clinix init named no admin"
for kv in clinic.npi=1003000126 clinic.tax_id=123456789 \
    "clinic.address1=1 Main St" clinic.city=Boston clinic.state=MA \
    clinic.zip=02108-0000 "clinic.phone=+1 617 555 0100"; do
	bin/clinix config set "${kv%%=*}" "${kv#*=}" || die "config set $kv"
done
printf "CREATE TEMP TABLE bench AS SELECT %d AS n, '%s' AS day;\n.read bench/claim_create.sql\n" \
    "$n" "$day" | sqlite3 "$CLINIX_DB" >/dev/null || die "bench/claim_create.sql failed"
lo=$(date -u -d "TZ=\"$zone\" $day 00:00" +%Y-%m-%dT%H:%M:%SZ)
hi=$(date -u -d "TZ=\"$zone\" $day 00:00 +1 day" +%Y-%m-%dT%H:%M:%SZ)

# fresh NAME: a copy of the generated clinic in $dir/NAME, pointed at
fresh() {
	rm -rf "${dir:?}/$1"
	cp -a "$dir/gen" "$dir/$1"
	sed -i "s|^db: .*|db: \"$top/$dir/$1/clinix.db\"|" "$dir/$1/clinix.yaml"
	CLINIX_DB="$top/$dir/$1/clinix.db"
	CLINIX_CONFIG="$top/$dir/$1/clinix.yaml"
}
# what a run made, less the times: the same for both
made() {
	sqlite3 "$1" "SELECT control, encounter_id, patient_id, coverage_id,
	    payer_id, provider_id, service_day, pos, total, status FROM claim
	    ORDER BY id; SELECT claim_id, line, proc_id, code, mods, units,
	    charge, pointers FROM claim_line ORDER BY id; SELECT * FROM
	    claim_dx ORDER BY 1, 2; SELECT * FROM charge ORDER BY 1; SELECT
	    txn_id, account, amount, patient_id, payer_id, provider_id, code,
	    encounter_id, proc_id FROM posting ORDER BY id; SELECT claim_id,
	    status FROM claim_event ORDER BY id" | cksum
}

: >"$dir/times.tsv"
r=0
while [ "$r" -lt "$runs" ]; do
	for k in $(if [ $((r % 2)) -eq 0 ]; then echo 0 1; else echo 1 0; fi); do
		fresh "run$r-$k"
		if [ "$k" -eq 0 ]; then
			"$out/timeit" -n 1 -w 0 bin/claim create --day "$day" \
			    >"$dir/t.tsv" || die "claim create --day $day failed"
		else
			"$out/timeit" -n 1 -w 0 "$out/baseline_claim" \
			    -a "$login" "$lo" "$hi" >"$dir/t.tsv" ||
			    die "baseline_claim failed"
		fi
		printf '%d\t%s\n' "$k" "$(cut -f2,4 "$dir/t.tsv")" >>"$dir/times.tsv"
		[ "$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM claim WHERE
		    status = 'ready'")" -eq "$n" ] ||
		    die "run $r: $( [ "$k" -eq 0 ] && echo claim || echo baseline) made no $n ready claims"
	done
	[ "$(made "$dir/run$r-0/clinix.db")" = "$(made "$dir/run$r-1/clinix.db")" ] ||
	    die "run $r: claim create and the baseline made different rows"
	[ "$r" -eq 0 ] || rm -rf "${dir:?}/run$r-0" "${dir:?}/run$r-1"
	r=$((r + 1))
done
awk -F'\t' -v n="$n" -v target="$target" '
	function med(a, c,	i, j, v) {
		for (i = 1; i < c; i++) {
			v = a[i]
			for (j = i - 1; j >= 0 && a[j] > v; j--)
				a[j + 1] = a[j]
			a[j + 1] = v
		}
		return c % 2 ? a[(c - 1) / 2] : (a[c / 2 - 1] + a[c / 2]) / 2
	}
	{ w[$1, c[$1]] = $2; u[$1, c[$1]++] = $3 }
	END {
		for (k = 0; k < 2; k++) {
			for (i = 0; i < c[k]; i++) { a[i] = w[k, i]; b[i] = u[k, i] }
			mw[k] = med(a, c[k]); mc[k] = med(b, c[k])
		}
		printf "claim-create: claim create --day, %d encounters: %.3f s wall (%.3f s cpu), %.0f claims/s\n", n, mw[0] / 1e6, mc[0] / 1e6, n / (mw[0] / 1e6)
		printf "claim-create: baseline_claim:               %.3f s wall (%.3f s cpu)\n", mw[1] / 1e6, mc[1] / 1e6
		r = mw[0] / mw[1]
		printf "claim-create: ratio %.2f (target <= %.2f)  %s  (cpu ratio %.2f)\n", r, target, r <= target ? "PASS" : "FAIL", mc[0] / mc[1]
	}' "$dir/times.tsv"
echo "bench: claim-create: samples in $dir/times.tsv (0 claim, 1 baseline: wall us, cpu us)"

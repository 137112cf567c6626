#!/bin/sh
# bench/claim_remit.sh - `claim remit` of one 835 with BENCH_REMIT_CLAIMS
# claims (3 lines each: 10,000 claims, 30,000 lines by default) against
# as many submitted claims put in with SQL (issue 14: < 1 s including
# balancing and posting), next to a floor measured in the same run: the
# sqlite3 shell writing the same number of posting, remit_claim,
# remit_line and remit_adj rows in one transaction, with the ledger's
# triggers and indexes in place.  Run by bench/run (BENCH_ONLY=claim-remit)
# or alone: sh bench/claim_remit.sh.  Prints a report; exits 0 whether it
# says PASS or FAIL, non-zero when the bench itself could not run.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
n=${BENCH_REMIT_CLAIMS:-10000}
runs=${BENCH_REMIT_RUNS:-3}
target=${BENCH_REMIT_TARGET:-1.00}
out=build/bench/remit

die() { echo "bench: claim-remit: $*" >&2; exit 1; }
for p in clinix claim provider patient; do
	[ -x "bin/$p" ] || die "bin/$p missing: run 'make'"
done
command -v sqlite3 >/dev/null || die "sqlite3 missing"
command -v python3 >/dev/null || die "python3 missing (tests/tools/gen835)"

rm -rf "$out"
mkdir -p "$out/data" "$out/etc"
export PATH="$top/bin:$PATH" TZ=America/New_York
export CLINIX_DB="$top/$out/data/clinix.db"
export CLINIX_CONFIG="$top/$out/etc/clinix.yaml"
unset CLINIX_USER XDG_CONFIG_HOME XDG_DATA_HOME
clinix init --clinic-name Bench >/dev/null
provider add --name "Maria Chen" --npi 1234567893 --taxonomy 207Q00000X \
    >/dev/null
patient add --first Jane --last Doe --dob 1980-01-02 >/dev/null
patient payer add Aetna --payer-id 60054 >/dev/null
patient coverage add pat-1 --payer Aetna --member-id W1 --from 2025-01-01 \
    >/dev/null

# n encounters of pat-1, 3 lines each (99213 150, 99214 100, 87880 50),
# each a submitted claim whose line ids are 3(i-1)+1..3i
sqlite3 "$CLINIX_DB" "
BEGIN;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < $n)
INSERT INTO encounter (id, patient_id, provider_id, start_at, created_at,
    created_by) SELECT k, 1, 1, '2026-12-01T14:30:00Z',
    '2026-12-01T14:30:00Z', 'doc' FROM i;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < 3 * $n)
INSERT INTO encounter_proc (id, encounter_id, system, code, units, dx,
    created_at, created_by) SELECT k, (k + 2) / 3, 'cpt',
    CASE k % 3 WHEN 1 THEN '99213' WHEN 2 THEN '99214' ELSE '87880' END,
    1, '1', '2026-12-01T14:30:00Z', 'doc' FROM i;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < $n)
INSERT INTO claim (id, control, encounter_id, patient_id, coverage_id,
    payer_id, provider_id, service_day, pos, total, status, created_at,
    created_by) SELECT k, 'clm-' || k, k, 1, 1, 1, 1, '2026-12-01', '11',
    30000, 'submitted', '2026-12-02T00:00:00Z', 'bill' FROM i;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < 3 * $n)
INSERT INTO claim_line (id, claim_id, line, proc_id, code, units, charge,
    pointers) SELECT k, (k + 2) / 3, (k - 1) % 3 + 1, k,
    CASE k % 3 WHEN 1 THEN '99213' WHEN 2 THEN '99214' ELSE '87880' END,
    1, CASE k % 3 WHEN 1 THEN 15000 WHEN 2 THEN 10000 ELSE 5000 END, '1'
    FROM i;
COMMIT;" || die "the claims could not be put in"
user add bill --role billing >/dev/null

# the 835: per claim, line 1 CO-45 30 + PR-2 14, line 2 CO-45 20 + PR-3 25,
# line 3 paid in full; a PLB interest of -1.50
python3 - "$n" >"$out/spec.json" <<'PYEOF'
import json, sys
n = int(sys.argv[1])
claims = []
for k in range(1, n + 1):
    b = 3 * (k - 1)
    claims.append({"id": "CLM-%d" % k, "status": "1",
        "payer_claim_no": "P%d" % k, "lines": [
        {"code": "99213", "charge": "150", "ref6r": str(b + 1),
         "day": "20261201", "cas": [["CO", "45", "30"], ["PR", "2", "14"]]},
        {"code": "99214", "charge": "100", "ref6r": str(b + 2),
         "day": "20261201", "cas": [["CO", "45", "20"], ["PR", "3", "25"]]},
        {"code": "87880", "charge": "50", "ref6r": str(b + 3),
         "day": "20261201"}]})
json.dump({"payer": {"name": "AETNA", "tin": "123456789", "id": "60054"},
    "trace": "EFTBENCH", "method": "ACH", "claims": claims,
    "plb": [{"provider": "1234567893", "reason": "L6", "amount": "-1.5"}]},
    sys.stdout)
PYEOF
tests/tools/gen835 "$out/spec.json" >"$out/bench.835" ||
    die "gen835 failed"
cp "$CLINIX_DB" "$out/before.db"

now() { date +%s%N; }
# claim remit, each run on a fresh copy of the database
: >"$out/remit.txt"
i=0
while [ "$i" -lt "$runs" ]; do
	cp "$out/before.db" "$CLINIX_DB"
	rm -f "$CLINIX_DB-wal" "$CLINIX_DB-shm"
	t=$(now)
	CLINIX_USER=bill claim remit "$out/bench.835" >"$out/remit.out" ||
	    die "claim remit failed"
	echo $(( $(now) - t )) >>"$out/remit.txt"
	i=$((i + 1))
done
np=$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM posting p JOIN txn t
    ON t.id = p.txn_id WHERE t.kind = 'remit'")
nc=$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM remit_claim")
nl=$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM remit_line")
na=$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM remit_adj")
[ "$nc" -eq "$n" ] && [ "$nl" -eq $((3 * n)) ] ||
    die "claim remit posted $nc claims and $nl lines, not $n and $((3 * n))"
ok=$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM claim WHERE status = 'paid'")
[ "$ok" -eq "$n" ] || die "$ok claims paid, not $n"

# the floor: the same rows, one transaction, from the sqlite3 shell
cat >"$out/floor.sql" <<EOF
PRAGMA cache_size=-32768;
PRAGMA temp_store=MEMORY;
BEGIN;
INSERT INTO txn (id, at, kind, who) VALUES (1000000,
    '2026-12-15T00:00:00Z', 'remit', 'bill');
INSERT INTO remit (id, trace, payer_tin, payer_id, method, paid, txn_id,
    sha256, received_at, received_by) VALUES (1, 'X', '1', 1, 'ACH', 0,
    1000000, 'x', '2026-12-15T00:00:00Z', 'bill');
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < $np)
INSERT INTO posting (txn_id, account, amount, patient_id, payer_id,
    encounter_id, proc_id) SELECT 1000000, CASE k % 2 WHEN 0 THEN 'eft'
    ELSE 'ar.insurance' END, CASE k % 2 WHEN 0 THEN 1 ELSE -1 END, 1, 1,
    (k % $n) + 1, (k % (3 * $n)) + 1 FROM i;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < $nc)
INSERT INTO remit_claim (id, remit_id, claim_id, clp01, status, charge, paid,
    patient_resp, payer_claim_no) SELECT k, 1, k, 'CLM-' || k, '1', 30000,
    19100, 3900, 'P' || k FROM i;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < $nl)
INSERT INTO remit_line (id, remit_claim_id, claim_line_id, procedure, charge,
    paid, units, service_day) SELECT k, (k + 2) / 3, k, 'HC:99213', 15000,
    10600, 1, '2026-12-01' FROM i;
WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < $na)
INSERT INTO remit_adj (remit_claim_id, remit_line_id, grp, reason, amount)
    SELECT (k + 3) / 4, (k + 1) / 2, 'CO', '45', 3000 FROM i;
UPDATE claim SET status = 'paid';
UPDATE txn SET closed = 1 WHERE id = 1000000;
COMMIT;
EOF
: >"$out/floor.txt"
i=0
while [ "$i" -lt "$runs" ]; do
	cp "$out/before.db" "$out/floor.db"
	rm -f "$out/floor.db-wal" "$out/floor.db-shm"
	t=$(now)
	sqlite3 "$out/floor.db" <"$out/floor.sql" || die "the floor failed"
	echo $(( $(now) - t )) >>"$out/floor.txt"
	i=$((i + 1))
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END {
    print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
r=$(median "$out/remit.txt")
f=$(median "$out/floor.txt")
sz=$(wc -c <"$out/bench.835")
awk -v r="$r" -v f="$f" -v n="$n" -v np="$np" -v na="$na" -v sz="$sz" \
    -v t="$target" -v runs="$runs" 'BEGIN {
	printf "claim-remit: %d claims, %d lines, %d CAS, %d postings " \
	    "(835 of %d bytes), median of %d runs\n", n, 3 * n, na, np, sz,
	    runs
	printf "claim-remit: claim remit %.3f s (target < %.2f)  %s\n",
	    r / 1e9, t, r / 1e9 < t ? "PASS" : "FAIL"
	printf "claim-remit: sqlite3 shell writing the same rows %.3f s;" \
	    " claim remit is %.2fx it\n", f / 1e9, r / f
}'

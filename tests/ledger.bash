# The ledger suites' clinic (tests/pay.bats, tests/pay_export.bats): who
# is in it, visit(), a signed encounter put in with sqlite3, q() for SQL
# and last_audit.  Load after helper.

# pat-1 Jane Doe has Aetna (pyr-1) from 2025-01-01; pat-2 John Roe has no
# coverage.  prv-1 Maria Chen.  Users: doc (provider), nina (nurse), desk
# (frontdesk), bill (billing), boss (admin).  Fees: 99213 150.00 and
# 99214 100.00 from 2026-01-01.
clinic() {
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X
	patient add --first Jane --last Doe --dob 1980-01-02
	patient add --first John --last Roe --dob 1970-05-06
	patient payer add Aetna --payer-id 60054
	patient coverage add pat-1 --payer Aetna --member-id W1 --from 2025-01-01
	local u
	for u in doc:provider nina:nurse desk:frontdesk bill:billing \
	    boss:admin; do
		user add "${u%:*}" --role "${u#*:}"
	done
	CLINIX_USER=bill pay fee set 99213 150.00 --from 2026-01-01
	CLINIX_USER=bill pay fee set 99214 100.00 --from 2026-01-01
}
# visit PAT [DAY] [CODE ...]: a signed encounter of pat-PAT with prv-1 at
# 09:30 local on DAY (default 2026-12-01), its procedure lines CODE
# (default 99213); prints its id.
visit() {
	local pat=$1 day=${2:-2026-12-01} code ins=""
	shift $(($# < 2 ? $# : 2))
	[ $# -gt 0 ] || set -- 99213
	for code; do
		ins="$ins INSERT INTO encounter_proc (encounter_id, system, code,
		    units, dx, created_at, created_by) VALUES (@e, 'cpt', '$code',
		    1, '1', '${day}T14:30:00Z', 'doc');"
	done
	sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id, provider_id,
	    start_at, created_at, created_by) VALUES ($pat, 1,
	    '${day}T14:30:00Z', '${day}T14:30:00Z', 'doc');
	    CREATE TEMP TABLE v AS SELECT last_insert_rowid() AS e;
	    INSERT INTO encounter_dx VALUES ((SELECT e FROM v), 1, 'E119', NULL);
	    ${ins//@e/(SELECT e FROM v)}
	    UPDATE encounter SET signed_at = '${day}T15:00:00Z',
	    signed_by = 'doc', sign_hash = printf('%064d', 0)
	    WHERE id = (SELECT e FROM v);
	    SELECT 'enc-' || e FROM v;"
}

q() { sqlite3 -separator '|' "$CLINIX_DB" "$1"; }
last_audit() {
	q "SELECT login, action, outcome FROM audit ORDER BY id DESC LIMIT 1"
}

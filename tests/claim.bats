load helper
load ledger

# claim's own records (issue 14, "Creating and checking claims", "Who
# may", "Bad input"): create from signed encounters, the scrubber (one
# fixture a rule), list, show, history, and who may run them.  Visits are
# put in with sqlite3 by visit() (tests/ledger.bash): signed, on
# 2026-12-01 at 09:30 New York, dx E11.9, lines 99213 (150.00) unless
# told.  Expected values are worked out by hand from the fixture below.
#
# The clinic (claim_clinic): the billing identity in clinix.yaml (group
# NPI 1003000126, EIN 123456789, 1 Main St, Boston MA 02108-0000);
# prv-1 Maria Chen (NPI1, login doc), prv-2 Bo Berg (NPI2, login doc2);
# pat-1 Jane Doe with Aetna (pyr-1) from 2025-01-01; pat-2 John Roe,
# self-pay; pat-3 Ann Lee whose Aetna coverage ended 2026-06-30; pat-4
# Tim Doe, a child on Jane's Cigna (pyr-2) coverage.  Fees 99213 150.00,
# 99214 100.00.  Users: doc, doc2 (provider), nina (nurse), desk
# (frontdesk), bill (billing), boss (admin).

claim_clinic() {
	clinix config set clinic.npi 1003000126
	clinix config set clinic.tax_id 123456789
	clinix config set clinic.address1 "1 Main St"
	clinix config set clinic.city Boston
	clinix config set clinic.state MA
	clinix config set clinic.zip 02108-0000
	local u
	for u in doc:provider doc2:provider nina:nurse desk:frontdesk \
	    bill:billing boss:admin; do
		user add "${u%:*}" --role "${u#*:}"
	done
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X \
	    --login doc
	provider add --name "Bo Berg" --npi "$NPI2" --taxonomy 207Q00000X \
	    --login doc2
	patient add --first Jane --last Doe --dob 1980-01-02 --sex F
	patient add --first John --last Roe --dob 1970-05-06
	patient add --first Ann --last Lee --dob 1990-03-04
	patient add --first Tim --last Doe --dob 2015-07-08 --sex M
	patient payer add Aetna --payer-id 60054
	patient payer add Cigna --payer-id 62308
	patient coverage add pat-1 --payer Aetna --member-id W1 --from 2025-01-01
	patient coverage add pat-3 --payer Aetna --member-id W3 \
	    --from 2025-01-01 --to 2026-06-30
	patient coverage add pat-4 --payer Cigna --member-id C1 --group G7 \
	    --relationship child --subscriber-name "Jane Doe" \
	    --subscriber-dob 1980-01-02 --subscriber-sex F --from 2025-01-01
	CLINIX_USER=bill pay fee set 99213 150.00 --from 2026-01-01
	CLINIX_USER=bill pay fee set 99214 100.00 --from 2026-01-01
}

setup_file() { clinic_once claim_clinic; }
setup() {
	clinic_copy
	export CLINIX_USER=bill
}

# enc PAT [DAY] [LINE ...]: a signed encounter of pat-PAT with prv-${PRV:-1}
# at 09:30 New York (14:30Z) on DAY (default 2026-12-01), type ${TYPE:-office},
# diagnoses ${DX:-E119} in order, each LINE "CODE[/MODS[/UNITS[/DX]]]"
# (default 99213); prints its id.
enc() {
	local pat=$1 day=${2:-2026-12-01} l code mods units dx ins="" i=0 d
	shift $(($# < 2 ? $# : 2))
	[ $# -gt 0 ] || set -- 99213
	for l; do
		IFS=/ read -r code mods units dx <<<"$l"
		[ -n "$mods" ] && mods="'$mods'" || mods=NULL
		ins="$ins INSERT INTO encounter_proc (encounter_id, system, code,
		    mods, units, dx, created_at, created_by) VALUES (@e, 'cpt',
		    '$code', $mods, ${units:-1}, '${dx:-1}', '${day}T14:30:00Z',
		    'doc');"
	done
	for d in ${DX:-E119}; do
		i=$((i + 1))
		ins="$ins INSERT INTO encounter_dx VALUES (@e, $i, '$d', NULL);"
	done
	sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id, provider_id,
	    type, start_at, created_at, created_by, prior_auth) VALUES ($pat,
	    ${PRV:-1}, '${TYPE:-office}', '${day}T14:30:00Z',
	    '${day}T14:30:00Z', 'doc', ${AUTH:-NULL});
	    CREATE TEMP TABLE v AS SELECT last_insert_rowid() AS e;
	    ${ins//@e/(SELECT e FROM v)}
	    UPDATE encounter SET signed_at = '${day}T15:00:00Z',
	    signed_by = 'doc', sign_hash = printf('%064d', 0)
	    WHERE id = (SELECT e FROM v);
	    SELECT 'enc-' || e FROM v;"
}

# Everything but the audit trail: "nothing written" is this staying put.
data() { sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum; }

# --- create -----------------------------------------------------------------

@test "create: one claim of a signed encounter, charged once, lines and dx copied, scrubbed to ready" {
	e=$(DX="E119 I10" AUTH="'PA-77'" enc 1 2026-12-01 99213 99214/25,59/2/1,2)
	run -0 --separate-stderr claim create "$e"
	assert_output clm-1
	assert_equal "$stderr" ""
	# CLM01 clm-1; office visit: POS 11; day local 2026-12-01; Aetna
	assert_equal "$(q "SELECT control, encounter_id, patient_id, payer_id,
	    provider_id, payer_order, frequency, service_day, pos, prior_auth,
	    status FROM claim")" "clm-1|${e#enc-}|1|1|1|P|1|2026-12-01|11|PA-77|ready"
	# 99213 x1 at 150.00, 99214 at 100.00: the ledger charged each once
	# (the fee times the units the line had when charged)
	assert_equal "$(q "SELECT line, code, ifnull(mods, ''), units, charge,
	    pointers FROM claim_line ORDER BY line")" \
	    "$(printf '1|99213||1|15000|1\n2|99214|25,59|2|20000|1:2')"
	assert_equal "$(q "SELECT total FROM claim")" 35000
	assert_equal "$(q "SELECT count(*) FROM charge")" 2
	assert_equal "$(q "SELECT sum(amount) FROM posting WHERE account =
	    'ar.insurance' AND payer_id = 1")" 35000
	assert_equal "$(q "SELECT group_concat(position || code, ',') FROM
	    (SELECT * FROM claim_dx ORDER BY position)")" "1E119,2I10"
	assert_equal "$(q "SELECT group_concat(status, ',') FROM
	    (SELECT status FROM claim_event ORDER BY id)")" "draft,ready"
}

@test "create --day twice: the second run makes nothing and says which claims there are" {
	e1=$(enc 1 2026-12-01)
	e2=$(TYPE=telehealth enc 4 2026-12-01)
	e3=$(enc 1 2026-12-02)		# another day: not in the run
	run -0 --separate-stderr claim create --day 2026-12-01
	assert_output "$(printf 'clm-1\nclm-2')"
	assert_equal "$stderr" ""
	# telehealth: POS 10 by default; pat-4's claim is Cigna's (pyr-2)
	assert_equal "$(q "SELECT id, encounter_id, payer_id, pos FROM claim
	    ORDER BY id")" "$(printf '1|%s|1|11\n2|%s|2|10' "${e1#enc-}" "${e2#enc-}")"
	before=$(data)
	run -0 --separate-stderr claim create --day 2026-12-01
	assert_output "$(printf 'clm-1\nclm-2')"
	assert_line --index 0 "clm-1"
	[[ $stderr == *"claim: enc-${e1#enc-}: already claimed as clm-1: nothing made"* ]]
	assert_equal "$(data)" "$before"
	assert_equal "$(q "SELECT count(*) FROM charge")" 2
	# --since takes in the later day too
	run -0 --separate-stderr claim create --since 2026-12-01
	assert_output "$(printf 'clm-1\nclm-2\nclm-3')"
	assert_equal "$(q "SELECT encounter_id FROM claim WHERE id = 3")" "${e3#enc-}"
}

@test "create: place of service from config for each encounter type" {
	CLINIX_USER=boss clinix config set claim.pos_office 22
	e=$(enc 1)
	h=$(TYPE=home enc 1 2026-12-02)
	run -0 claim create "$e" "$h"
	assert_equal "$(q "SELECT group_concat(pos, ',') FROM claim")" "22,12"
}

@test "create: a self-pay encounter makes no claim: 65 named, 0 in a --day run" {
	e=$(enc 2)
	before=$(data)
	run -65 --separate-stderr claim create "$e"
	assert_output ""
	assert_equal "$stderr" "claim: $e: self-pay, no coverage on 2026-12-01: no claim"
	assert_equal "$(data)" "$before"
	run -0 --separate-stderr claim create --day 2026-12-01
	assert_output ""
	assert_equal "$stderr" "claim: $e: self-pay, no coverage on 2026-12-01: no claim"
	assert_equal "$(data)" "$before"
}

@test "create: coverage that ended before the visit is refused, naming it" {
	e=$(enc 3)
	before=$(data)
	run -65 --separate-stderr claim create "$e"
	assert_output ""
	assert_equal "$stderr" "claim: $e: self-pay, coverage cov-2 (Aetna) ended 2026-06-30, before the visit on 2026-12-01: no claim"
	assert_equal "$(data)" "$before"
}

@test "create: an unsigned encounter is 65 and nothing is written; --day skips it" {
	sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id, provider_id,
	    start_at, created_at, created_by) VALUES (1, 1,
	    '2026-12-01T14:30:00Z', '2026-12-01T14:30:00Z', 'doc');
	    INSERT INTO encounter_proc (encounter_id, system, code, units, dx,
	    created_at, created_by) VALUES (1, 'cpt', '99213', 1, '1',
	    '2026-12-01T14:30:00Z', 'doc')"
	before=$(data)
	run -65 --separate-stderr claim create enc-1
	assert_output ""
	assert_equal "$stderr" "claim: enc-1: the encounter is not signed: sign it first (chart sign)"
	assert_equal "$(data)" "$before"
	run -0 --separate-stderr claim create --day 2026-12-01
	assert_equal "$stderr" "claim: enc-1: not signed yet: no claim"
	assert_equal "$(data)" "$before"
	# bad operands and options: 64 / 65 before anything is opened
	run -64 claim create
	run -64 claim create enc-1 --day today
	run -65 claim create pat-1
	run -64 claim create --day notaday
}

@test "create: a claim the scrubber refuses is made, stays draft, its errors told; exit 65" {
	# pointer 2 with one diagnosis
	e=$(enc 1 2026-12-01 99213/25/1/1,2)
	run -65 --separate-stderr claim create "$e"
	assert_output clm-1
	assert_equal "$stderr" "claim: clm-1: line 1.pointers: '1:2' points past the claim's 1 diagnoses"
	assert_equal "$(q "SELECT status FROM claim")" draft
}

@test "prior authorisation: given at chart open, or after signing (chart prior-auth), carried by the claim" {
	run -0 env CLINIX_USER=doc chart open pat-1 --prior-auth PA-1
	assert_output enc-1
	assert_equal "$(q "SELECT prior_auth FROM encounter WHERE id = 1")" PA-1
	e=$(enc 1)
	h=$(q "SELECT sign_hash FROM encounter WHERE id = ${e#enc-}")
	run -0 chart prior-auth "$e" "AUTH 2026/77"
	assert_output "$e"
	# the signature stays as it was
	assert_equal "$(q "SELECT prior_auth || '|' || sign_hash FROM encounter
	    WHERE id = ${e#enc-}")" "AUTH 2026/77|$h"
	run -0 claim create "$e"
	assert_equal "$(q "SELECT prior_auth FROM claim")" "AUTH 2026/77"
	# a delimiter, or too long: 65, nothing written
	before=$(data)
	run -65 --separate-stderr chart prior-auth "$e" "A*1"
	assert_equal "$stderr" "chart: prior authorisation 'A*1': holds an X12 delimiter (* : ^ ~)"
	run -65 chart prior-auth "$e" "$(printf '%051d' 0)"
	run -65 env CLINIX_USER=doc chart open pat-1 --prior-auth "x~y"
	run -64 chart prior-auth "$e"
	# who may: billing and those who chart; not the front desk (77)
	run -77 env CLINIX_USER=desk chart prior-auth "$e" X1
	assert_equal "$(last_audit)" "desk|chart.prior-auth|denied"
	assert_equal "$(data)" "$before"
	run -0 env CLINIX_USER=doc chart prior-auth "$e" --clear
	assert_equal "$(q "SELECT prior_auth IS NULL FROM encounter
	    WHERE id = ${e#enc-}")" 1
	# the rest of a signed encounter stays refused, by the schema
	run ! q "UPDATE encounter SET reason = 'x', prior_auth = 'P'
	    WHERE id = ${e#enc-}"
}

@test "patient payer add --filing: SBR09, CI unless told" {
	run -0 patient payer add Humana --payer-id 61101 --filing HM
	assert_output pyr-3
	assert_equal "$(q "SELECT name, filing FROM payer ORDER BY id")" \
	    "$(printf 'Aetna|CI\nCigna|CI\nHumana|HM')"
	before=$(data)
	run -65 --separate-stderr patient payer add Other --payer-id 99999 --filing XX
	assert_equal "$stderr" "patient: not a claim filing indicator 'XX' (CI commercial, 12 PPO, HM HMO, BL Blue Cross, MB Medicare Part B, MC Medicaid, ZZ unknown...)"
	assert_equal "$(data)" "$before"
}

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
	clinix config set clinic.phone "(617) 555-0100"
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

# --- the scrubber: one fixture a rule -----------------------------------------

# A claim that passes (clm-1, ready), for a fixture to break.
good() {
	e=$(DX="E119 I10" enc 1 2026-12-01 99213/25/1/1,2)
	run -0 claim create "$e"
	assert_equal "$(q "SELECT status FROM claim WHERE id = 1")" ready
}
# Set a clinic key in clinix.yaml (the admin's change).
clinic_set() { CLINIX_USER=boss clinix config set "$1" "$2"; }
# SQL the schema's CHECKs would refuse: what another program, or an
# older database, may hold all the same.
unchecked() { sqlite3 "$CLINIX_DB" "PRAGMA ignore_check_constraints = ON; $1"; }
# rejects FIELD REASON: validate clm-1 says exactly that one complaint,
# exits 65, and the claim goes back to draft with the complaint as why.
rejects() {
	run -65 --separate-stderr claim validate clm-1
	assert_output "$(printf 'clm-1\t%s\t%s' "$1" "$2")"
	assert_equal "$stderr" ""
	assert_equal "$(q "SELECT status, note FROM claim_event WHERE claim_id = 1
	    ORDER BY id DESC LIMIT 1")" "draft|$1: $2"
	assert_equal "$(q "SELECT status FROM claim WHERE id = 1")" draft
}

@test "validate: a claim that passes is printed ready; draft becomes ready; every draft and ready claim by default" {
	good
	run -0 --separate-stderr claim validate clm-1
	assert_output $'clm-1\tready'
	# from stdin, as a pipe's next stage
	run -0 bash -c 'echo clm-1 | claim validate'
	assert_output $'clm-1\tready'
	# -o json: records
	run -0 claim -o json validate clm-1
	assert_output '{"claim":"clm-1","status":"ready"}'
	run -65 --separate-stderr claim validate clm-9
	assert_equal "$stderr" "claim: no claim clm-9"
	run -65 claim validate pat-1
}

@test "validate: a rejected claim that passes is ready to send again; other statuses stay as they are" {
	good
	q "UPDATE claim SET status = 'rejected' WHERE id = 1"
	run -0 claim validate clm-1
	assert_output $'clm-1\tready'
	assert_equal "$(q "SELECT status FROM claim_event ORDER BY id DESC
	    LIMIT 1")" ready
	# a submitted claim is checked, and told of, but stays submitted
	q "UPDATE claim SET status = 'submitted' WHERE id = 1"
	n=$(q "SELECT count(*) FROM claim_event")
	run -0 claim validate clm-1
	assert_output $'clm-1\tsubmitted'
	clinic_set clinic.zip 02108
	run -65 claim validate clm-1
	assert_output $'clm-1\tbilling.zip\t\'02108\' is not a 9-digit ZIP (ZIP+4)'
	assert_equal "$(q "SELECT status FROM claim WHERE id = 1")" submitted
	assert_equal "$(q "SELECT count(*) FROM claim_event")" "$n"
	# a rejected claim still wrong stays rejected
	q "UPDATE claim SET status = 'rejected' WHERE id = 1"
	run -65 claim validate clm-1
	assert_equal "$(q "SELECT status FROM claim WHERE id = 1")" rejected
}

@test "scrubber: the billing NPI's check digit" {
	good
	clinic_set clinic.npi 1003000127
	rejects billing.npi "'1003000127' is not an NPI (10 digits with its check digit)"
	# and it passes again once put right: draft -> ready
	clinic_set clinic.npi 1003000126
	run -0 claim validate clm-1
	assert_equal "$(q "SELECT status FROM claim WHERE id = 1")" ready
}

@test "scrubber: the rendering provider's NPI" {
	good
	unchecked "UPDATE provider SET npi = '1234567890' WHERE id = 1"
	rejects rendering.npi "'1234567890' is not an NPI"
}

@test "scrubber: the EIN is 9 digits" {
	good
	clinic_set clinic.tax_id 12-345678
	rejects billing.tax_id "'12-345678' is not an EIN (9 digits)"
}

@test "scrubber: the billing address has a 9-digit ZIP" {
	good
	clinic_set clinic.zip 02108
	rejects billing.zip "'02108' is not a 9-digit ZIP (ZIP+4)"
}

@test "scrubber: the billing address is a street, not a PO box" {
	good
	clinic_set clinic.address1 "P.O. Box 12"
	rejects billing.address1 "a PO box: the billing provider's address must be a street address"
}

@test "scrubber: the clinic's name, address, city and state are there" {
	good
	sed -i '/^  city:/d' "$CLINIX_CONFIG"
	rejects billing.city missing
}

@test "scrubber: the billing contact's phone, which PER*IC carries as 10 digits" {
	good
	sed -i '/^  phone:/d' "$CLINIX_CONFIG"
	rejects billing.phone missing
	clinic_set clinic.phone "(617) 555-0100"
	run -0 --separate-stderr claim validate clm-1
	clinic_set clinic.phone "+44 20 7946 0958"
	rejects billing.phone "'+442079460958': claims carry the billing contact's phone as 10 digits (a +1 number)"
}

@test "scrubber: taxonomy codes, the clinic's when set and the provider's" {
	good
	clinic_set clinic.taxonomy 207Q0000X
	rejects billing.taxonomy "'207Q0000X' is not a taxonomy code"
	sed -i '/^  taxonomy:/d' "$CLINIX_CONFIG"
	unchecked "UPDATE provider SET taxonomy = '207Q00000' WHERE id = 1"
	run -65 claim validate clm-1
	assert_output $'clm-1\trendering.taxonomy\t\'207Q00000\' is not a taxonomy code'
}

@test "scrubber: every diagnosis billable on the date of service: a header code, a retired code" {
	good
	# E11 is a category, not billable; I10 retired by a newer import
	q "INSERT INTO code (system, code, title, billable, version) VALUES
	    ('icd10cm', 'E11', 'Type 2 diabetes mellitus', 0, 'FY2026')"
	q "UPDATE claim_dx SET code = 'E11' WHERE claim_id = 1 AND position = 1"
	rejects "dx 1" "E11 is not billable (a header code)"
	q "UPDATE claim_dx SET code = 'E119' WHERE claim_id = 1 AND position = 1"
	q "UPDATE code SET retired_in = 'FY2027' WHERE code = 'I10'"
	run -65 claim validate clm-1
	assert_output $'clm-1\tdx 2\tI10 was retired in FY2027'
}

@test "scrubber: diagnosis pointers, 1 to 4 and within the claim's diagnoses" {
	good
	q "UPDATE claim_line SET pointers = '1:3' WHERE claim_id = 1"
	rejects "line 1.pointers" "'1:3' points past the claim's 2 diagnoses"
	q "UPDATE claim_line SET pointers = '1:2:1:2:1' WHERE claim_id = 1"
	run -65 claim validate clm-1
	assert_output $'clm-1\tline 1.pointers\t5 diagnosis pointers, more than 4'
}

@test "scrubber: at least one line" {
	# a signed encounter with a diagnosis and no procedure line
	e=$(sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id,
	    provider_id, start_at, created_at, created_by) VALUES (1, 1,
	    '2026-12-02T14:30:00Z', '2026-12-02T14:30:00Z', 'doc');
	    INSERT INTO encounter_dx VALUES (last_insert_rowid(), 1, 'E119',
	    NULL); UPDATE encounter SET signed_at = '2026-12-02T15:00:00Z',
	    signed_by = 'doc', sign_hash = printf('%064d', 0) WHERE id = 1;
	    SELECT 'enc-1'")
	run -65 --separate-stderr claim create "$e"
	assert_output clm-1
	assert_equal "$stderr" "claim: clm-1: lines: no service line"
	assert_equal "$(q "SELECT status, total FROM claim")" "draft|0"
}

@test "scrubber: at most 50 lines (create refuses more, writing nothing)" {
	good
	unchecked "INSERT INTO claim_line (claim_id, line, proc_id, code, units,
	    charge, pointers) SELECT 1, value, 1, '99213', 1, 0, '1' FROM
	    generate_series(2, 51)" 2>/dev/null || unchecked "WITH RECURSIVE
	    n(v) AS (SELECT 2 UNION ALL SELECT v + 1 FROM n WHERE v < 51)
	    INSERT INTO claim_line (claim_id, line, proc_id, code, units,
	    charge, pointers) SELECT 1, v, 1, '99213', 1, 0, '1' FROM n"
	rejects lines "51 service lines, more than 50"
	lines=$(printf '99213 %.0s' $(seq 51))
	e=$(enc 1 2026-12-02 $lines)
	before=$(data)
	run -65 --separate-stderr claim create "$e"
	assert_output ""
	assert_equal "$stderr" "claim: $e: 51 procedure lines, more than a claim's 50"
	# the charges too are rolled back with it
	assert_equal "$(data)" "$before"
}

@test "scrubber: CLM02 is the sum of the lines' charges" {
	good
	q "UPDATE claim SET total = 14999 WHERE id = 1"
	rejects total "CLM02 149.99 is not the lines' sum 150.00"
}

@test "scrubber: units above 0" {
	good
	unchecked "UPDATE claim_line SET units = 0 WHERE claim_id = 1"
	rejects "line 1.units" "units must be more than 0"
}

@test "scrubber: the date of service is not in the future" {
	e=$(enc 1 2030-01-07)
	run -65 --separate-stderr claim create "$e"
	assert_output clm-1
	assert_equal "$stderr" "claim: clm-1: service_day: 2030-01-07 is in the future"
}

@test "scrubber: the date of service is within the coverage" {
	good
	q "UPDATE coverage SET end_date = '2026-11-30' WHERE id = 1"
	rejects service_day "2026-12-01 is outside the coverage (2025-01-01 to 2026-11-30)"
}

@test "scrubber: the subscriber's name, id and birth date are there" {
	good
	unchecked "UPDATE coverage SET member_id = '' WHERE id = 1"
	rejects subscriber.id missing
	q "UPDATE coverage SET member_id = 'W1' WHERE id = 1"
	# a dependent's claim: the subscriber is the coverage's, named there
	e=$(enc 4 2026-12-01)
	run -0 claim create "$e"
	assert_output clm-2
	unchecked "UPDATE coverage SET subscriber_dob = NULL WHERE id = 3"
	run -65 claim validate clm-2
	assert_output $'clm-2\tsubscriber.dob\tmissing'
}

@test "scrubber: the patient loop goes out exactly when the subscriber is not the patient (name, birth date, sex)" {
	e=$(enc 4 2026-12-01)
	run -0 claim create "$e"
	assert_output clm-1
	unchecked "UPDATE coverage SET subscriber_sex = NULL,
	    subscriber_name = NULL WHERE id = 3"
	run -65 claim validate clm-1
	assert_output "$(printf 'clm-1\tsubscriber.name\tmissing\nclm-1\tsubscriber.sex\tmissing')"
	# self: the patient is the subscriber, and needs no other name
	q "UPDATE coverage SET relationship = 'self' WHERE id = 3"
	run -0 claim validate clm-1
	assert_output $'clm-1\tready'
}

@test "scrubber: no X12 delimiter in names, addresses, member id, group or prior authorisation" {
	good
	q "UPDATE patient SET last = 'Do*e' WHERE id = 1"
	rejects patient.last "holds '*', an X12 delimiter"
	q "UPDATE patient SET last = 'Doe', address1 = '1 Elm~St' WHERE id = 1"
	run -65 claim validate clm-1
	assert_output $'clm-1\tpatient.address1\tholds \'~\', an X12 delimiter'
	q "UPDATE patient SET address1 = NULL WHERE id = 1"
	q "UPDATE coverage SET group_no = 'G:1' WHERE id = 1"
	run -65 claim validate clm-1
	assert_output $'clm-1\tsubscriber.group\tholds \':\', an X12 delimiter'
	q "UPDATE coverage SET group_no = NULL WHERE id = 1"
	q "UPDATE claim SET prior_auth = 'P^1' WHERE id = 1"
	run -65 claim validate clm-1
	assert_output $'clm-1\tprior_auth\tholds \'^\', an X12 delimiter'
	q "UPDATE claim SET prior_auth = NULL WHERE id = 1"
	q "UPDATE provider SET name = 'Maria' || char(10) || 'Chen' WHERE id = 1"
	run -65 claim validate clm-1
	assert_output $'clm-1\trendering.name\tholds a control character'
	q "UPDATE provider SET name = 'Maria Chen' WHERE id = 1"
	clinic_set clinic.name "Test*Clinic"
	run -65 claim validate clm-1
	assert_output $'clm-1\tbilling.name\tholds \'*\', an X12 delimiter'
}

@test "scrubber: the payer id is there" {
	good
	unchecked "UPDATE payer SET payer_id = '' WHERE id = 1"
	rejects payer.id missing
}

# --- list, show, history ------------------------------------------------------

@test "list: by status, payer, days of service and provider; audited as a PHI listing" {
	e1=$(enc 1 2026-12-01)
	e2=$(PRV=2 enc 4 2026-12-02 99213 99214)
	e3=$(enc 1 2026-12-03)
	run -0 claim create "$e1" "$e2" "$e3"
	q "UPDATE claim SET status = 'submitted' WHERE id = 3"
	run -0 --separate-stderr claim list
	assert_output "$(printf '%s\n' \
	    $'clm-1\t2026-12-01\tpat-1\tJane Doe\tAetna\tready\t150.00\t' \
	    $'clm-2\t2026-12-02\tpat-4\tTim Doe\tCigna\tready\t250.00\t' \
	    $'clm-3\t2026-12-03\tpat-1\tJane Doe\tAetna\tsubmitted\t150.00\t')"
	assert_equal "$(q "SELECT login, action, outcome, record, detail FROM
	    audit ORDER BY id DESC LIMIT 1")" "bill|claim.list|ok|3 claims|1,4,1"
	run -0 claim list --status submitted
	assert_output --regexp $'^clm-3\t'
	run -0 claim list --payer Cigna
	assert_output --regexp $'^clm-2\t'
	run -0 claim list --from 2026-12-02 --to 2026-12-02
	assert_output --regexp $'^clm-2\t[^\n]*$'
	run -0 claim list --to 2026-12-02
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "clm-1 clm-2 "
	run -0 claim list --provider prv-2
	assert_output --regexp $'^clm-2\t[^\n]*$'
	run -0 claim -o json list --status ready --payer pyr-1
	assert_output '{"id":"clm-1","day":"2026-12-01","patient":"pat-1","name":"Jane Doe","payer":"Aetna","status":"ready","total":"150.00","reason":null}'
	# nothing listed: 1; bad filters: 64 / 65
	run -1 claim list --status denied
	run -64 claim list --status nonsense
	run -64 claim list --from notaday
	run -65 claim list --payer Nobody
	run -64 claim list clm-1
}

@test "list --status denied: each with its CARC reason from the latest 835" {
	e=$(enc 1)
	run -0 claim create "$e"
	q "UPDATE claim SET status = 'denied' WHERE id = 1"
	q "INSERT INTO remit (trace, payer_tin, method, paid, sha256, received_at,
	    received_by) VALUES ('T1', '1111111111', 'NON', 0, 'x',
	    '2026-12-20T10:00:00Z', 'bill');
	    INSERT INTO remit_claim (remit_id, claim_id, clp01, status, charge,
	    paid) VALUES (1, 1, 'clm-1', '4', 15000, 0);
	    INSERT INTO remit_adj (remit_claim_id, grp, reason, amount) VALUES
	    (1, 'CO', '50', 15000)"
	run -0 claim list --status denied
	assert_output $'clm-1\t2026-12-01\tpat-1\tJane Doe\tAetna\tdenied\t150.00\tCO-50'
	q "INSERT INTO carc VALUES ('50', 'These are non-covered services because this is not deemed a medical necessity by the payer.', '2026-12-01T00:00:00Z')"
	run -0 claim list --status denied
	assert_output $'clm-1\t2026-12-01\tpat-1\tJane Doe\tAetna\tdenied\t150.00\tCO-50 These are non-covered services because this is not deemed a medical necessity by the payer.'
}

@test "show: the claim, its dx, lines, history, acknowledgments and remittances; -o json one object; audited" {
	e=$(DX="E119 I10" AUTH="'PA-9'" enc 1 2026-12-01 99213 99214/25/2/1,2)
	run -0 claim create "$e"
	run -0 --separate-stderr claim show clm-1
	assert_equal "$stderr" ""
	assert_line "id: clm-1"
	assert_line "encounter: $e"
	assert_line "patient: pat-1"
	assert_line "name: Jane Doe"
	assert_line "payer: Aetna"
	assert_line "payer_id: 60054"
	assert_line "member_id: W1"
	assert_line "prior_auth: PA-9"
	assert_line "total: 350.00"
	assert_line "status: ready"
	assert_line "diagnoses:"
	assert_line "  1 E11.9 Type 2 diabetes mellitus without complications"
	assert_line "  2 I10 Essential (primary) hypertension"
	assert_line "  1 99213 1 150.00 1 prc-1"
	assert_line "  2 99214 25 2 200.00 1:2 prc-2"
	assert_line "acknowledgments:"
	assert_line --regexp '^  [0-9T:-]+Z bill ready$'
	assert_equal "$(q "SELECT login, action, patient_id, record, detail FROM
	    audit ORDER BY id DESC LIMIT 1")" "bill|claim.show|1|clm-1|claim"
	run -0 claim -o json show clm-1
	python3 -c 'import json, sys
d = json.loads(sys.argv[1])
assert d["claim"]["id"] == "clm-1", d
assert [l["charge"] for l in d["lines"]] == ["150.00", "200.00"], d
assert [x["code"] for x in d["dx"]] == ["E11.9", "I10"], d
assert [h["status"] for h in d["history"]] == ["draft", "ready"], d
assert d["acks"] == [] and d["remits"] == [], d' "$output"
	run -65 claim show clm-9
	run -65 claim show enc-1
	run -64 claim show
}

@test "history: every change with who and when; audited" {
	e=$(enc 1 2026-12-01 99213/25/1/2)
	run -65 claim create "$e"
	q "UPDATE claim_line SET pointers = '1' WHERE claim_id = 1"
	CLINIX_USER=boss claim validate clm-1
	run -0 claim history clm-1
	assert_equal "$(cut -f2- <<<"$output")" "$(printf 'bill\tdraft\t\nboss\tready\t')"
	assert_equal "$(last_audit)" "bill|claim.history|ok"
	run -65 claim history clm-2
}

# --- who may ------------------------------------------------------------------

@test "who may: billing and admin; every other role 77 with a denied audit row" {
	e=$(enc 1)
	run -0 claim create "$e"
	for u in nina desk; do
		for v in "create $e" "validate clm-1" "list" "show clm-1" \
		    "history clm-1" "create --day 2026-12-01"; do
			before=$(data)
			run -77 env CLINIX_USER=$u claim $v
			assert_equal "$(last_audit)" "$u|claim.${v%% *}|denied"
			assert_equal "$(data)" "$before"
		done
	done
	# a provider: only claim list --provider (theirs) and show of theirs
	for v in "create $e" "validate clm-1" "history clm-1" "list"; do
		run -77 env CLINIX_USER=doc claim $v
		assert_equal "$(last_audit)" "doc|claim.${v%% *}|denied"
	done
	run -0 env CLINIX_USER=boss claim list
	run -0 env CLINIX_USER=boss claim history clm-1
}

@test "who may: a provider lists and shows the claims of their own encounters, and no one else's" {
	e1=$(enc 1)
	e2=$(PRV=2 enc 4)
	run -0 claim create "$e1" "$e2"
	run -0 env CLINIX_USER=doc claim list --provider prv-1
	assert_output $'clm-1\t2026-12-01\tpat-1\tJane Doe\tAetna\tready\t150.00\t'
	assert_equal "$(last_audit)" "doc|claim.list|ok"
	run -77 --separate-stderr env CLINIX_USER=doc claim list --provider prv-2
	assert_equal "$stderr" "claim: permission denied: 'doc' (provider) may see only the claims of their own encounters"
	assert_equal "$(last_audit)" "doc|claim.list|denied"
	run -0 env CLINIX_USER=doc claim show clm-1
	assert_line "id: clm-1"
	run -77 env CLINIX_USER=doc claim show clm-2
	assert_equal "$(last_audit)" "doc|claim.show|denied"
	run -0 env CLINIX_USER=doc2 claim show clm-2
	run -77 env CLINIX_USER=doc2 claim list --provider prv-1
}

# --- secondary claims ---------------------------------------------------------

# remit CLAIM PR: an 835's rows for CLAIM as the remit helper writes them:
# 150.00 charged, paid 150.00 - 30.00 - PR cents; CO-45 30.00 and, when
# PR is not 0, PR-2 (coinsurance) PR cents on line 1.
remit() {
	q "INSERT INTO remit (trace, payer_tin, method, paid, paid_on, sha256,
	    received_at, received_by) VALUES ('T$1', '1111111111', 'CHK',
	    $((15000 - 3000 - $2)), '2026-12-20', 'x$1', '2026-12-20T10:00:00Z',
	    'bill');
	    INSERT INTO remit_claim (remit_id, claim_id, clp01, status, charge,
	    paid, patient_resp, payer_claim_no) VALUES (last_insert_rowid(), $1,
	    'clm-$1', '1', 15000, $((15000 - 3000 - $2)), $2, 'PCN$1');
	    INSERT INTO remit_line (remit_claim_id, claim_line_id, procedure,
	    charge, paid, units) VALUES (last_insert_rowid(), 1, 'HC:99213',
	    15000, $((15000 - 3000 - $2)), 1);
	    INSERT INTO remit_adj (remit_claim_id, remit_line_id, grp, reason,
	    amount) SELECT remit_claim_id, id, 'CO', '45', 3000 FROM remit_line
	    WHERE id = (SELECT max(id) FROM remit_line);
	    INSERT INTO remit_adj (remit_claim_id, remit_line_id, grp, reason,
	    amount) SELECT remit_claim_id, id, 'PR', '2', $2 FROM remit_line
	    WHERE id = (SELECT max(id) FROM remit_line) AND $2 <> 0"
}

@test "create --secondary: after the primary's 835 left patient responsibility, for the secondary coverage" {
	CLINIX_USER=boss patient coverage add pat-1 --payer Cigna --member-id S1 \
	    --priority secondary --from 2025-01-01 >/dev/null
	e=$(DX="E119 I10" enc 1 2026-12-01 99213/25/1/1,2)
	run -0 claim create "$e"
	assert_output clm-1
	# no 835 yet: refused, nothing written
	before=$(data)
	run -65 --separate-stderr claim create --secondary clm-1
	assert_output ""
	assert_equal "$stderr" "claim: clm-1: no 835 for it yet: a secondary claim passes on the primary's remittance"
	assert_equal "$(data)" "$before"
	remit 1 2400
	run -0 --separate-stderr claim create --secondary clm-1
	assert_output clm-2
	assert_equal "$stderr" ""
	assert_equal "$(q "SELECT payer_order, primary_claim, payer_id,
	    coverage_id, encounter_id, total, status FROM claim WHERE id = 2")" \
	    "S|1|2|4|${e#enc-}|15000|ready"
	assert_equal "$(q "SELECT line, proc_id, code, mods, units, charge,
	    pointers FROM claim_line WHERE claim_id = 2")" "1|1|99213|25|1|15000|1:2"
	assert_equal "$(q "SELECT group_concat(code, ',') FROM (SELECT code FROM
	    claim_dx WHERE claim_id = 2 ORDER BY position)")" "E119,I10"
	# the ledger charged once, for the primary
	assert_equal "$(q "SELECT count(*) FROM charge")" 1
	# again: already made
	run -0 --separate-stderr claim create --secondary clm-1
	assert_output clm-2
	assert_equal "$stderr" "claim: clm-1: already claimed as clm-2: nothing made"
	# a secondary claim has no secondary of its own
	run -65 claim create --secondary clm-2
}

@test "create --secondary: refused with no patient responsibility, or no secondary coverage" {
	e=$(enc 1)
	run -0 claim create "$e"
	remit 1 2400
	before=$(data)
	run -65 --separate-stderr claim create --secondary clm-1
	assert_equal "$stderr" "claim: clm-1: pat-1 has no secondary coverage on 2026-12-01"
	assert_equal "$(data)" "$before"
	CLINIX_USER=boss patient coverage add pat-1 --payer Cigna --member-id S1 \
	    --priority secondary --from 2025-01-01 >/dev/null
	e2=$(enc 1 2026-12-02)
	run -0 claim create "$e2"
	assert_output clm-2
	remit 2 0
	before=$(data)
	run -65 --separate-stderr claim create --secondary clm-2
	assert_equal "$stderr" "claim: clm-2: its 835 left no patient responsibility (PR): nothing for a secondary payer"
	assert_equal "$(data)" "$before"
	run -65 claim create --secondary clm-9
	run -65 claim create --secondary enc-1
	run -64 claim create --secondary clm-1 "$e"
}

@test "the seed's integration: charted and signed by the real programs, then claimed with its diagnoses in order" {
	export CLINIX_USER=doc
	run -0 chart open pat-1 --at 2026-12-01T09:30 --prior-auth PA-5
	assert_output enc-1
	chart dx add enc-1 E11.9 I10 >/dev/null
	chart proc add enc-1 99214 --mod 25 --dx 1,2 >/dev/null
	echo "Seen for diabetes and blood pressure." | chart note enc-1 --file - >/dev/null
	chart sign enc-1 >/dev/null
	export CLINIX_USER=bill
	run -0 --separate-stderr claim create enc-1
	assert_output clm-1
	assert_equal "$stderr" ""
	assert_equal "$(q "SELECT group_concat(code, ',') FROM (SELECT code FROM
	    claim_dx WHERE claim_id = 1 ORDER BY position)")" "E119,I10"
	assert_equal "$(q "SELECT code, mods, charge, pointers FROM claim_line")" \
	    "99214|25|10000|1:2"
	assert_equal "$(q "SELECT service_day, prior_auth, status FROM claim")" \
	    "2026-12-01|PA-5|ready"
	# and db verify still finds the signature good (015 left it alone)
	run -0 env CLINIX_USER=boss db verify
	refute_output --partial "enc-1:"
}

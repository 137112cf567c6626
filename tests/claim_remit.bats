load helper
load ledger

# claim remit (issue 14, "Remittance"; standards.md §2): 835 files made by
# tests/tools/gen835 (written from standards.md, not from our reader)
# against claims made by the real programs: a signed encounter (put in
# with sqlite3, as tests/claim.bats does), `claim create`, `claim export`.
# Every expected amount is worked out by hand in the comments from the
# fixture: fees 99213 150.00, 99214 100.00; pat-1 Jane Doe with Aetna
# (pyr-1, payer id 60054) from 2025-01-01; visits on 2026-12-01.

remit_clinic() {
	clinix config set clinic.name "Maple Clinic"
	clinix config set clinic.phone "+1 617 555 0100"
	clinix config set clinic.taxonomy 207Q00000X
	clinix config set clinic.npi 1003000126
	clinix config set clinic.tax_id 123456789
	clinix config set clinic.address1 "1 Main St"
	clinix config set clinic.city Boston
	clinix config set clinic.state MA
	clinix config set clinic.zip 02108-0000
	local u
	for u in doc:provider desk:frontdesk bill:billing boss:admin; do
		user add "${u%:*}" --role "${u#*:}"
	done
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X \
	    --login doc
	patient add --first Jane --last Doe --dob 1980-01-02 --sex F
	patient add --first John --last Roe --dob 1970-05-06 --sex M
	patient payer add Aetna --payer-id 60054
	patient coverage add pat-1 --payer Aetna --member-id W1 --from 2025-01-01
	patient coverage add pat-2 --payer Aetna --member-id W2 --from 2025-01-01
	CLINIX_USER=bill pay fee set 99213 150.00 --from 2026-01-01
	CLINIX_USER=bill pay fee set 99214 100.00 --from 2026-01-01
}

setup_file() { clinic_once remit_clinic; }
setup() {
	clinic_copy
	export CLINIX_USER=bill
	GEN=$BATS_TEST_DIRNAME/tools/gen835
}

# claim_of PAT LINE...: a signed encounter of pat-PAT on 2026-12-01 with
# the lines "CODE[/MODS]", made into a claim by claim create and sent by
# claim export (so it is submitted, its 837 beside); prints the claim's id.
claim_of() {
	local pat=$1 l code mods ins="" e c
	shift
	for l; do
		IFS=/ read -r code mods <<<"$l"
		[ -n "$mods" ] && mods="'$mods'" || mods=NULL
		ins="$ins INSERT INTO encounter_proc (encounter_id, system, code,
		    mods, units, dx, created_at, created_by) VALUES (@e, 'cpt',
		    '$code', $mods, 1, '1', '2026-12-01T14:30:00Z', 'doc');"
	done
	e=$(sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id,
	    provider_id, type, start_at, created_at, created_by) VALUES ($pat,
	    1, 'office', '2026-12-01T14:30:00Z', '2026-12-01T14:30:00Z', 'doc');
	    CREATE TEMP TABLE v AS SELECT last_insert_rowid() AS e;
	    INSERT INTO encounter_dx VALUES ((SELECT e FROM v), 1, 'E119', NULL);
	    ${ins//@e/(SELECT e FROM v)}
	    UPDATE encounter SET signed_at = '2026-12-01T15:00:00Z',
	    signed_by = 'doc', sign_hash = printf('%064d', 0)
	    WHERE id = (SELECT e FROM v);
	    SELECT 'enc-' || e FROM v;")
	c=$(claim create "$e") || return 1
	claim export -o "$BATS_TEST_TMPDIR/$c.837" 2>/dev/null || return 1
	[ "$(q "SELECT status FROM claim WHERE control = '$c'")" = submitted ] ||
	    return 1
	echo "$c"
}

# line_id CLM N: claim_line.id of line N, what the 837 sent as REF*6R
line_id() { q "SELECT id FROM claim_line WHERE claim_id = ${1#clm-} AND line = $2"; }

# gen NAME [gen835 option ...] < SPEC: the 835 in $BATS_TEST_TMPDIR/NAME
gen() {
	local f=$BATS_TEST_TMPDIR/$1
	shift
	"$GEN" "$@" >"$f"
}

# stderr_has TEXT: the first line of stderr holds TEXT
stderr_has() {
	[[ "${stderr_lines[0]:-}" == *"$1"* ]] ||
	    fail "stderr's first line '${stderr_lines[0]:-}' lacks '$1'"
}

# Everything but the audit trail: "nothing posted" is this staying put.
data() { sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum; }
trial() { pay trial-balance -o tsv | grep -v '	0\.00$' || :; }

# The payment envelope around CLAIMS (JSON), trace ${TRACE:-EFT1}.
spec() {
	printf '{"payer": {"name": "AETNA", "tin": "123456789", "id": "60054"},
	  "trace": "%s", "method": "%s", "paid_on": "20261215",
	  "claims": [%s], "plb": [%s]}' "${TRACE:-EFT1}" "${METHOD:-ACH}" \
	    "$1" "${PLB:-}"
}

# --- the generator ------------------------------------------------------------

@test "gen835 writes the standards.md §2 example byte for byte" {
	# The example as printed in standards.md §2 (the spec's expected
	# output, typed from the document, not from our reader or writer).
	# Its arithmetic, by hand: line 1 100 - CO 10 - PR 20 = 70, line 2
	# 50 - CO 25 = 25; claim 150 - 35 - 20 = 95, CLP05 = PR 20; BPR02 =
	# 95 - (-1.50) = 96.50; SE01 = 23 segments ST..SE.
	cat >"$BATS_TEST_TMPDIR/expected" <<'X12EOF'
ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*MAPLE01        *240201*0900*^*00501*000000555*0*T*:~
GS*HP*ACMEHEALTH*MAPLE01*20240201*0900*555*X*005010X221A1~
ST*835*0001~
BPR*I*96.5*C*ACH*CCP*01*999999992*DA*123456*1123456789**01*999988880*DA*98765*20240201~
TRN*1*EFT0001234*1123456789~
DTM*405*20240131~
N1*PR*ACME HEALTH~
N3*1 INSURANCE WAY~
N4*CHICAGO*IL*60601~
PER*BL*EDI SUPPORT*TE*5555550199~
N1*PE*MAPLE CLINIC*XX*1234567893~
LX*1~
CLP*PT1001*1*150*95*20*12*PAYER7788*11*1~
NM1*QC*1*DOE*JANE****MI*MBR123456~
SVC*HC:99213*100*70**1~
DTM*472*20240110~
CAS*CO*45*10~
CAS*PR*3*20~
AMT*B6*90~
SVC*HC:87880:QW*50*25**1~
DTM*472*20240110~
CAS*CO*45*25~
AMT*B6*25~
PLB*1234567893*20241231*L6*-1.5~
SE*23*0001~
GE*1*555~
IEA*1*000000555~
X12EOF
	run -0 "$GEN" --newline "$BATS_TEST_DIRNAME/fixtures/remit/example.json"
	assert_output "$(cat "$BATS_TEST_TMPDIR/expected")"
	# ISA is 106 bytes with its terminator
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/expected" | tr -d '\n' |
	    wc -c)" 106
	assert_equal "$(echo "$output" | head -1 | tr -d '\n' | wc -c)" 106
	# and the file the document's example is, read by claim remit as
	# balanced: it names no claim of ours, so it is refused as that
	"$GEN" "$BATS_TEST_DIRNAME/fixtures/remit/example.json" \
	    >"$BATS_TEST_TMPDIR/ex.835"
	run -65 --separate-stderr claim remit "$BATS_TEST_TMPDIR/ex.835"
	stderr_has "CLP01 'PT1001' (trace EFT0001234) is no claim of ours"
}

# --- posting ------------------------------------------------------------------

@test "full payment: both lines paid, claim paid, receivable cleared into EFT" {
	c=$(claim_of 1 99213 99214)
	assert_equal "$c" clm-1
	l1=$(line_id "$c" 1) l2=$(line_id "$c" 2)
	# what the 837 sent for each line, and the payer echoes
	grep -q "REF\*6R\*$l1~" "$BATS_TEST_TMPDIR/$c.837"
	grep -q "REF\*6R\*$l2~" "$BATS_TEST_TMPDIR/$c.837"
	# 150 + 100 = 250 charged; paid in full: BPR02 250.00
	spec "{\"id\": \"CLM-1\", \"status\": \"1\", \"payer_claim_no\": \"P100\",
	  \"lines\": [{\"code\": \"99213\", \"charge\": \"150\", \"ref6r\": \"$l1\",
	    \"day\": \"20261201\"},
	  {\"code\": \"99214\", \"charge\": \"100\", \"ref6r\": \"$l2\",
	    \"day\": \"20261201\"}]}" | gen full.835
	run -0 --separate-stderr claim remit "$BATS_TEST_TMPDIR/full.835"
	assert_output "era-1: trace EFT1, 1 claims, paid 250.00"
	assert_equal "$stderr" ""
	assert_equal "$(q "SELECT status, payer_claim_no FROM claim")" "paid|P100"
	assert_equal "$(q "SELECT note FROM claim_event ORDER BY id DESC LIMIT 1")" \
	    "era-1: paid"
	# the lines matched by REF*6R
	assert_equal "$(q "SELECT group_concat(claim_line_id) FROM remit_line")" \
	    "$l1,$l2"
	assert_equal "$(q "SELECT trace, payer_tin, payer_id, method, paid,
	    paid_on, txn_id IS NOT NULL FROM remit")" \
	    "EFT1|1123456789|1|ACH|25000|2026-12-15|1"
	run -0 pay balance pat-1 -o tsv
	assert_output "pat-1	0.00	0.00	0.00"
	# receivable 250 - 250 = 0; EFT 250; revenue -250
	run -0 trial
	assert_output "$(printf '%s\n' "revenue	revenue	income	-250.00" \
	    "eft	EFT clearing	asset	250.00")"
	# one audit row for the payment, naming the patient
	assert_equal "$(q "SELECT login, action, patient_id, record FROM audit
	    WHERE record = 'era-1'")" "bill|claim.remit|1|era-1"
}

@test "partial payment: CO-45, PR-1/2/3 to the patient, a line paid 0 makes it partial" {
	c=$(claim_of 1 99213 99214 99214/25)
	# line 1 150: CO-45 30, PR-1 50, PR-2 14 -> paid 56
	# line 2 100: CO-45 20, PR-3 25 -> paid 55
	# line 3 100: CO-97 100 (bundled) -> paid 0
	# claim 350 - CO 150 - PR 89 = 111 = BPR02; CLP05 89
	spec '{"id": "clm-1", "status": "1", "payer_claim_no": "P200",
	  "lines": [
	   {"code": "99213", "charge": "150",
	    "cas": [["CO", "45", "30"], ["PR", "1", "50"], ["PR", "2", "14"]]},
	   {"code": "99214", "charge": "100",
	    "cas": [["CO", "45", "20"], ["PR", "3", "25"]]},
	   {"code": "99214", "mods": ["25"], "charge": "100",
	    "cas": [["CO", "97", "100"]]}]}' | gen partial.835
	grep -q 'CLP\*clm-1\*1\*350\*111\*89\*' "$BATS_TEST_TMPDIR/partial.835"
	run -0 claim remit "$BATS_TEST_TMPDIR/partial.835"
	assert_output "era-1: trace EFT1, 1 claims, paid 111.00"
	assert_equal "$(q "SELECT status FROM claim")" partial
	# no REF*6R: matched by code and modifiers
	assert_equal "$(q "SELECT group_concat(l.line) FROM remit_line r
	    JOIN claim_line l ON l.id = r.claim_line_id")" "1,2,3"
	# every CAS triplet kept as sent
	assert_equal "$(q "SELECT group_concat(grp || '-' || reason || ':' ||
	    amount, ' ') FROM remit_adj")" \
	    "CO-45:3000 PR-1:5000 PR-2:1400 CO-45:2000 PR-3:2500 CO-97:10000"
	# the patient owes PR 50 + 14 + 25 = 89; insurance 350 - 350 = 0
	run -0 pay balance pat-1 -o tsv
	assert_output "pat-1	89.00	0.00	0.00"
	# per line: insurance 0 each; the patient 64, 25, 0 (PR of each line)
	assert_equal "$(q "SELECT group_concat(ins || '/' || pat, ' ') FROM
	    (SELECT l.line, (SELECT ifnull(sum(amount), 0) FROM posting
	    WHERE proc_id = l.proc_id AND account = 'ar.insurance') AS ins,
	    (SELECT ifnull(sum(amount), 0) FROM posting WHERE proc_id =
	    l.proc_id AND account = 'ar.patient') AS pat FROM claim_line l
	    ORDER BY l.line)")" "0/6400 0/2500 0/0"
	# contractual 30 + 20 + 100 = 150; EFT 111; revenue -350
	run -0 trial
	assert_output "$(printf '%s\n' "ar.patient	patient receivable	asset	89.00" \
	    "revenue	revenue	income	-350.00" \
	    "contractual	contractual adjustment	expense	150.00" \
	    "eft	EFT clearing	asset	111.00")"
}

@test "denial CO-50: nothing paid, claim denied with its reason, listed as denied" {
	c=$(claim_of 1 99213)
	# CLP02 4, 150 - CO-50 150 = 0; BPR02 0, a notification (NON)
	METHOD=NON spec '{"id": "clm-1", "status": "4", "payer_claim_no": "P300",
	  "lines": [{"code": "99213", "charge": "150",
	    "cas": [["CO", "50", "150"]]}]}' | gen denied.835
	run -0 claim remit "$BATS_TEST_TMPDIR/denied.835"
	assert_output "era-1: trace EFT1, 1 claims, paid 0.00"
	assert_equal "$(q "SELECT status FROM claim")" denied
	assert_equal "$(q "SELECT note FROM claim_event ORDER BY id DESC LIMIT 1")" \
	    "era-1: denied CO-50"
	# the work queue: the claim with its reason, from the 835's CAS
	run -0 claim list --status denied -o tsv
	assert_line --regexp '^clm-1	.*	denied	150\.00	CO-50'
	assert_equal "${#lines[@]}" 1
	# written off as contractual: 150; nothing to the patient
	run -0 pay balance pat-1 -o tsv
	assert_output "pat-1	0.00	0.00	0.00"
	run -0 trial
	assert_output "$(printf '%s\n' "revenue	revenue	income	-150.00" \
	    "contractual	contractual adjustment	expense	150.00")"
}

@test "reversal 22 then the corrected payment in the same 835" {
	c=$(claim_of 1 99213)
	# era-1: 150 - CO-45 30 = 120 paid
	TRACE=EFT1 spec '{"id": "clm-1", "status": "1", "payer_claim_no": "P400",
	  "lines": [{"code": "99213", "charge": "150",
	    "cas": [["CO", "45", "30"]]}]}' | gen first.835
	run -0 claim remit "$BATS_TEST_TMPDIR/first.835"
	assert_equal "$(q "SELECT status FROM claim")" paid
	# era-2: the reversal, negated: -150 - CO -30 = -120; then the
	# correction: 150 - CO-45 30 - PR-2 20 = 100; BPR02 -120 + 100 = -20
	TRACE=EFT2 spec '{"id": "clm-1", "status": "22", "payer_claim_no": "P400",
	  "lines": [{"code": "99213", "charge": "-150",
	    "cas": [["CO", "45", "-30"]]}]},
	 {"id": "clm-1", "status": "1", "payer_claim_no": "P401",
	  "lines": [{"code": "99213", "charge": "150",
	    "cas": [["CO", "45", "30"], ["PR", "2", "20"]]}]}' | gen second.835
	run -0 claim remit "$BATS_TEST_TMPDIR/second.835"
	assert_output "era-2: trace EFT2, 2 claims, paid -20.00"
	# paid by era-1, back to accepted by the reversal, paid by era-2
	assert_equal "$(q "SELECT group_concat(status || ':' || note, ' / ') FROM
	    (SELECT * FROM claim_event WHERE note LIKE '%era-%' ORDER BY id)")" \
	    "paid:era-1: paid / accepted:reversed by era-2 / paid:era-2: paid"
	assert_equal "$(q "SELECT status, payer_claim_no FROM claim")" "paid|P401"
	# EFT 120 - 120 + 100 = 100; contractual 30 - 30 + 30 = 30; the
	# patient owes 20; insurance 150 - 150 + 150 - 150 = 0
	run -0 pay balance pat-1 -o tsv
	assert_output "pat-1	20.00	0.00	0.00"
	run -0 trial
	assert_output "$(printf '%s\n' "ar.patient	patient receivable	asset	20.00" \
	    "revenue	revenue	income	-150.00" \
	    "contractual	contractual adjustment	expense	30.00" \
	    "eft	EFT clearing	asset	100.00")"
}

@test "PLB interest (L6, negative) adds to the payment; a check payment posts to check" {
	c=$(claim_of 1 99213)
	# 150 paid in full; PLB L6 -2.50: BPR02 = 150 - (-2.50) = 152.50
	METHOD=CHK PLB='{"provider": "1003000126", "fy_end": "20261231",
	  "reason": "L6", "ref": "INT1", "amount": "-2.5"}' \
	    spec '{"id": "clm-1", "status": "1",
	  "lines": [{"code": "99213", "charge": "150"}]}' | gen plb.835
	grep -q 'BPR\*I\*152.5\*C\*CHK' "$BATS_TEST_TMPDIR/plb.835"
	run -0 claim remit "$BATS_TEST_TMPDIR/plb.835"
	assert_output "era-1: trace EFT1, 1 claims, paid 152.50"
	assert_equal "$(q "SELECT provider_ref, reason, ref, amount FROM remit_plb")" \
	    "1003000126|L6|INT1|-250"
	# checks 152.50; plb -2.50 (interest earned); revenue -150
	run -0 trial
	assert_output "$(printf '%s\n' "check	checks	asset	152.50" \
	    "revenue	revenue	income	-150.00" \
	    "plb	provider-level adjustments	expense	-2.50")"
	assert_equal "$(q "SELECT count(*) FROM posting p JOIN txn t ON
	    t.id = p.txn_id WHERE t.kind = 'remit' AND p.payer_id IS NULL")" 0
}

@test "a claim paid at claim level only (no SVC): balanced and posted against the encounter" {
	c=$(claim_of 1 99213)
	# CLP 150 - CO-45 30 (claim level) = 120; no lines
	spec '{"id": "clm-1", "status": "1", "charge": "150",
	  "cas": [["CO", "45", "30"]]}' | gen claimonly.835
	run -0 claim remit "$BATS_TEST_TMPDIR/claimonly.835"
	assert_output "era-1: trace EFT1, 1 claims, paid 120.00"
	assert_equal "$(q "SELECT count(*) FROM remit_line")" 0
	assert_equal "$(q "SELECT grp, reason, amount, remit_line_id IS NULL
	    FROM remit_adj")" "CO|45|3000|1"
	# the receivable 150 - 150 = 0 for the patient; contractual 30, EFT 120
	run -0 pay balance pat-1 -o tsv
	assert_output "pat-1	0.00	0.00	0.00"
	run -0 trial
	assert_output "$(printf '%s\n' "revenue	revenue	income	-150.00" \
	    "contractual	contractual adjustment	expense	30.00" \
	    "eft	EFT clearing	asset	120.00")"
	assert_equal "$(q "SELECT status FROM claim")" paid
}

# --- refused ------------------------------------------------------------------

@test "an 835 that does not balance at line, claim or file level is refused whole" {
	c=$(claim_of 1 99213)
	before=$(data) tb=$(trial)
	one='{"id": "clm-1", "status": "1", "lines": [{"code": "99213",
	  "charge": "150", "cas": [["CO", "45", "20"]]}]}'
	# line: 150 - 20 = 130, SVC03 says 120
	spec "$one" | gen line.835 --svc03 1:1:120
	run -65 --separate-stderr claim remit "$BATS_TEST_TMPDIR/line.835"
	assert_equal "${stderr_lines[0]}" "claim: $BATS_TEST_TMPDIR/line.835: clm-1 line 1: SVC02 150.00 - CAS 20.00 = 130.00, SVC03 says 120.00: nothing posted"
	# claim: 150 - 20 = 130, CLP04 says 100
	spec "$one" | gen claim.835 --clp04 1:100
	run -65 --separate-stderr claim remit "$BATS_TEST_TMPDIR/claim.835"
	assert_equal "${stderr_lines[0]}" "claim: $BATS_TEST_TMPDIR/claim.835: clm-1: CLP03 150.00 - CAS 20.00 = 130.00, CLP04 says 100.00: nothing posted"
	# file: CLP04 130 - PLB 0 = 130, BPR02 says 140
	spec "$one" | gen file.835 --bpr02 140
	run -65 --separate-stderr claim remit "$BATS_TEST_TMPDIR/file.835"
	assert_equal "${stderr_lines[0]}" "claim: $BATS_TEST_TMPDIR/file.835: set 0001 (trace EFT1): CLP04 130.00 - PLB 0.00 = 130.00, BPR02 says 140.00: nothing posted"
	# a good file beside a bad one: neither is posted
	spec "$one" | gen good.835
	run -65 claim remit "$BATS_TEST_TMPDIR/good.835" "$BATS_TEST_TMPDIR/file.835"
	assert_equal "$(data)" "$before"
	assert_equal "$(trial)" "$tb"
	assert_equal "$(q "SELECT status FROM claim")" "$(q "SELECT status FROM
	    claim_event ORDER BY id DESC LIMIT 1")"
}

@test "a wrong SE01 and a truncated file are refused, nothing posted" {
	c=$(claim_of 1 99213)
	before=$(data)
	spec '{"id": "clm-1", "status": "1", "lines": [{"code": "99213",
	  "charge": "150"}]}' | gen se.835 --se01 9
	run -65 --separate-stderr claim remit "$BATS_TEST_TMPDIR/se.835"
	stderr_has "SE01"
	stderr_has "nothing posted"
	spec '{"id": "clm-1", "status": "1", "lines": [{"code": "99213",
	  "charge": "150"}]}' | gen cut.835 --truncate 400
	run -65 --separate-stderr claim remit "$BATS_TEST_TMPDIR/cut.835"
	stderr_has "cut.835: "
	run -66 --separate-stderr claim remit "$BATS_TEST_TMPDIR/none.835"
	assert_equal "$(data)" "$before"
}

@test "an unknown claim: refused; --keep-going posts the rest and parks its money" {
	c=$(claim_of 1 99213)
	before=$(data)
	# clm-1 paid 150; clm-99 is none of ours, paid 40: BPR02 190
	spec '{"id": "clm-1", "status": "1", "lines": [{"code": "99213",
	  "charge": "150"}]},
	 {"id": "clm-99", "status": "1", "charge": "60", "paid": "40",
	  "payer_claim_no": "X9", "cas": [["CO", "45", "20"]]}' | gen unk.835
	run -65 --separate-stderr claim remit "$BATS_TEST_TMPDIR/unk.835"
	assert_equal "${stderr_lines[0]}" "claim: $BATS_TEST_TMPDIR/unk.835: CLP01 'clm-99' (trace EFT1) is no claim of ours"
	assert_equal "$(data)" "$before"
	run -1 claim unmatched
	run -0 claim remit --keep-going "$BATS_TEST_TMPDIR/unk.835"
	assert_output "$(printf '%s\n' "era-1: trace EFT1, 1 claims, paid 190.00" \
	    "era-1: unmatched clm-99, paid 40.00 to unapplied")"
	assert_equal "$(q "SELECT status FROM claim")" paid
	run -0 claim unmatched -o tsv
	assert_output --regexp "^era-1	clm-99	40.00	X9	2[0-9-]+T[0-9:]+Z$"
	# EFT 150 + 40 = 190; unapplied -40 (owed until sorted out)
	run -0 trial
	assert_output "$(printf '%s\n' "revenue	revenue	income	-150.00" \
	    "eft	EFT clearing	asset	190.00" \
	    "unapplied	unapplied payer payments	liability	-40.00")"
}

@test "the same 835 twice: the second run posts nothing, says so, exits 0" {
	c=$(claim_of 1 99213)
	spec '{"id": "clm-1", "status": "1", "lines": [{"code": "99213",
	  "charge": "150", "cas": [["CO", "45", "50"]]}]}' | gen a.835
	run -0 claim remit "$BATS_TEST_TMPDIR/a.835"
	before=$(data)
	run -0 --separate-stderr claim remit "$BATS_TEST_TMPDIR/a.835"
	assert_output ""
	assert_equal "$stderr" "claim: era-1: already posted (trace EFT1)"
	assert_equal "$(data)" "$before"
	# the same file twice in one run: once
	cp "$BATS_TEST_TMPDIR/a.835" "$BATS_TEST_TMPDIR/b.835"
	TRACE=EFT9 spec '{"id": "clm-1", "status": "1", "lines": [{"code": "99213",
	  "charge": "150", "cas": [["CO", "45", "50"]]}]}' | gen c.835
	run -0 --separate-stderr claim remit "$BATS_TEST_TMPDIR/c.835" \
	    "$BATS_TEST_TMPDIR/c.835"
	assert_output "era-2: trace EFT9, 1 claims, paid 100.00"
	assert_equal "$stderr" "claim: era-2: already posted (trace EFT9)"
	assert_equal "$(q "SELECT count(*) FROM remit")" 2
}

@test "only billing and admins post or list remittances" {
	c=$(claim_of 1 99213)
	spec '{"id": "clm-1", "status": "1", "lines": [{"code": "99213",
	  "charge": "150"}]}' | gen a.835
	before=$(data)
	for u in desk doc; do
		CLINIX_USER=$u run -77 claim remit "$BATS_TEST_TMPDIR/a.835"
		CLINIX_USER=$u run -77 claim unmatched
	done
	assert_equal "$(data)" "$before"
	assert_equal "$(q "SELECT count(*) FROM audit WHERE outcome = 'denied'
	    AND login IN ('desk', 'doc')")" 4
	CLINIX_USER=boss run -0 claim remit "$BATS_TEST_TMPDIR/a.835"
	run -64 claim remit
}

# --- reason codes -------------------------------------------------------------

@test "code import carc loads the reason codes of shared/data/carc.csv, again updates" {
	need_shared
	CLINIX_USER=boss run -0 --separate-stderr code import carc "$SHARED_DATA/carc.csv"
	n=$(grep -c '^reason,' "$SHARED_DATA/carc.csv")
	assert_equal "$stderr" "code: carc $n codes"
	assert_equal "$(q "SELECT count(*) FROM carc")" "$n"
	assert_equal "$(q "SELECT count(*) FROM carc WHERE code IN ('CO', 'PR')")" 0
	# the description as the CSV has it (read by Python's csv module)
	assert_equal "$(q "SELECT description FROM carc WHERE code = '45'")" \
	    "$(python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["kind"] == "reason" and r["code"] == "45": print(r["description"])' \
	    "$SHARED_DATA/carc.csv")"
	# a changed description is taken; the count stays
	python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
for r in rows:
    if r[:2] == ["reason", "45"]: r[2] = "Over the fee schedule"
csv.writer(sys.stdout).writerows(rows)' "$SHARED_DATA/carc.csv" \
	    >"$BATS_TEST_TMPDIR/carc.csv"
	CLINIX_USER=boss run -0 code import carc "$BATS_TEST_TMPDIR/carc.csv"
	assert_equal "$(q "SELECT count(*) FROM carc")" "$n"
	assert_equal "$(q "SELECT description FROM carc WHERE code = '45'")" \
	    "Over the fee schedule"
	# a bad line: nothing loaded
	printf 'kind,code,description\nreason,TOOLONG,x\n' >"$BATS_TEST_TMPDIR/bad.csv"
	CLINIX_USER=boss run -65 --separate-stderr code import carc "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "${stderr_lines[0]}" "code: $BATS_TEST_TMPDIR/bad.csv:2: code: longer than 5"
	assert_equal "$(q "SELECT description FROM carc WHERE code = '45'")" \
	    "Over the fee schedule"
}

@test "claim-level CAS beside line CAS: balanced, posted, the claim's share against the encounter" {
	c=$(claim_of 1 99213 99214)
	# line 1 150: CO-45 30 -> paid 120; line 2 100: PR-3 20 -> paid 80
	# claim level: CO-45 10 (e.g. a claim-wide reduction)
	# claim 250 - line CAS 50 - claim CAS 10 = 190 = CLP04 = BPR02
	spec '{"id": "clm-1", "status": "1", "payer_claim_no": "P300",
	  "cas": [["CO", "45", "10"]],
	  "lines": [
	   {"code": "99213", "charge": "150", "cas": [["CO", "45", "30"]]},
	   {"code": "99214", "charge": "100", "cas": [["PR", "3", "20"]]}]}' |
	    gen claimcas.835
	grep -q 'CLP\*clm-1\*1\*250\*190\*20\*' "$BATS_TEST_TMPDIR/claimcas.835"
	run -0 claim remit "$BATS_TEST_TMPDIR/claimcas.835"
	assert_output "era-1: trace EFT1, 1 claims, paid 190.00"
	# the patient owes the copay 20; insurance 250 - 190 - 40 CO - 20 PR = 0
	run -0 pay balance pat-1 -o tsv
	assert_output "pat-1	20.00	0.00	0.00"
	run -0 trial
	assert_output "$(printf '%s\n' "ar.patient	patient receivable	asset	20.00" \
	    "revenue	revenue	income	-250.00" \
	    "contractual	contractual adjustment	expense	40.00" \
	    "eft	EFT clearing	asset	190.00")"
}

@test "remark codes (RARCs) kept as sent: MOA for the claim, LQ*HE for a line, in claim show" {
	c=$(claim_of 1 99213)
	# denied not medically necessary: CO-50, with its remarks
	spec '{"id": "clm-1", "status": "4", "payer_claim_no": "P400",
	  "remarks": ["MA130", "N115"],
	  "lines": [{"code": "99213", "charge": "150",
	    "cas": [["CO", "50", "150"]], "remarks": ["M15", "N386"]}]}' |
	    gen rarc.835
	grep -q '~MOA\*\*\*MA130\*N115~' "$BATS_TEST_TMPDIR/rarc.835"
	grep -q '~LQ\*HE\*M15~LQ\*HE\*N386~' "$BATS_TEST_TMPDIR/rarc.835"
	run -0 claim remit "$BATS_TEST_TMPDIR/rarc.835"
	assert_equal "$(q "SELECT remarks FROM remit_claim")" "MA130,N115"
	assert_equal "$(q "SELECT remarks FROM remit_line")" "M15,N386"
	run -0 claim show clm-1
	assert_line --regexp '^  era-1 .* P400 MA130,N115$'
	assert_line --regexp '^  era-1 HC:99213 150.00 0.00 .*M15,N386$'
}

@test "claim remit - reads the 835 from standard input" {
	c=$(claim_of 1 99213)
	spec '{"id": "clm-1", "status": "1", "lines": [{"code": "99213",
	  "charge": "150", "cas": [["CO", "45", "50"]]}]}' | gen stdin.835
	run -0 --separate-stderr claim remit - <"$BATS_TEST_TMPDIR/stdin.835"
	assert_output "era-1: trace EFT1, 1 claims, paid 100.00"
}

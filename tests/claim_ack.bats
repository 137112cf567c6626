load helper
load ledger

# claim ack, resubmit and void (issue 14, "Acknowledgments", "Denials ...
# resubmit ... void"; standards.md §3 and §1 CLM05-3 / REF*F8).  The
# acknowledgments come from tests/tools/gen999 and gen277, written from
# standards.md §3 apart from clinix's X12 code; the claims are made and
# sent with the programs (claim create, claim export), and a claim looks
# adjudicated through a 277CA with REF*1K, never through SQL.  q() only
# reads.
#
# The clinic (ack_clinic): the billing identity in clinix.yaml (NPI
# 1003000126, EIN 123456789, 1 Main St, Boston MA 02108-0000); prv-1
# Maria Chen (NPI1); pat-1 Jane Doe with Aetna (pyr-1, member id W1) from
# 2025-01-01; fee 99213 150.00.  Users: doc (provider), nina (nurse),
# desk (frontdesk), bill (billing), boss (admin).

ack_clinic() {
	clinix config set clinic.name "Maple Clinic"
	clinix config set clinic.phone "+1 617 555 0100"
	clinix config set clinic.npi 1003000126
	clinix config set clinic.tax_id 123456789
	clinix config set clinic.address1 "1 Main St"
	clinix config set clinic.city Boston
	clinix config set clinic.state MA
	clinix config set clinic.zip 02108-0000
	local u
	for u in doc:provider nina:nurse desk:frontdesk bill:billing \
	    boss:admin; do
		user add "${u%:*}" --role "${u#*:}"
	done
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X \
	    --login doc
	patient add --first Jane --last Doe --dob 1980-01-02 --sex F \
	    --address1 "12 Elm St" --city Boston --state MA --zip 02108-0001
	patient payer add Aetna --payer-id 60054
	patient coverage add pat-1 --payer Aetna --member-id W1 --from 2025-01-01
	CLINIX_USER=bill pay fee set 99213 150.00 --from 2026-01-01
}

setup_file() { clinic_once ack_clinic; }
setup() {
	clinic_copy
	export CLINIX_USER=bill
	T=$BATS_TEST_DIRNAME/tools
}

# Everything but the audit trail: "nothing written" is this staying put.
data() { sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum; }

# claims N: N claims of pat-1, on 2026-11-01, -02 ..., made ready by
# claim create; prints nothing.
claims() {
	local i
	for ((i = 1; i <= $1; i++)); do
		visit 1 "2026-11-0$i" >/dev/null
	done
	claim create --since 2026-11-01 >/dev/null
}

# sent FILE: claim export into FILE; prints the batch number, read back
# from the file's GS06 (the batch is the interchange, standards.md §1).
sent() {
	claim export -o "$1" 2>"$1.err" || { cat "$1.err" >&2; return 1; }
	segs "$1" | awk -F'*' '$1 == "GS" { print $7 }'
}
# segs FILE: one segment a line.
segs() { tr -d '\n' <"$1" | tr '~' '\n'; }
# status clm-N: its status, as claim list shows it.
status() { q "SELECT status FROM claim WHERE id = ${1#clm-}"; }

# node-x12 in strict mode (standards.md §10): envelope, counts, control
# numbers.
node_x12() {
	NODE_PATH=$BATS_TEST_DIRNAME/tools/node_modules node -e '
	    const {X12Parser} = require("node-x12");
	    try { const i = new X12Parser(true).parse(
	        require("fs").readFileSync(process.argv[1], "utf8"));
	        console.log("OK", i.functionalGroups.length, "group(s)") }
	    catch (e) { console.error("X12 ERROR:", e.message);
	        process.exit(1) }' "$1"
}

# --- the generators ---------------------------------------------------------

@test "gen999 and gen277 write interchanges node-x12 reads strictly, and break them when told" {
	"$T/gen999" 101 R --ik3 'CLM*22*2300*8' --ik4 '5:3*1325*7' \
	    >"$BATS_TEST_TMPDIR/r.999"
	"$T/gen999" 7 R --no-set --newline >"$BATS_TEST_TMPDIR/n.999"
	"$T/gen277" clm-1/A2:20/P1 clm-2/A1:19+A7:562:85 \
	    >"$BATS_TEST_TMPDIR/c.277"
	for f in r.999 n.999 c.277; do
		run -0 node_x12 "$BATS_TEST_TMPDIR/$f"
		assert_output "OK 1 group(s)"
		# the ISA is 106 characters with its terminator
		assert_equal "$(head -c 106 "$BATS_TEST_TMPDIR/$f" | tail -c 1)" "~"
	done
	# standards.md §3: ST*999, AK1 echoing GS06, AK2 per set, IK5, AK9
	run -0 segs "$BATS_TEST_TMPDIR/r.999"
	assert_equal "$(sed -n '3,10p' <<<"$output")" "$(printf '%s\n' \
	    'ST*999*0001*005010X231A1' 'AK1*HC*101*005010X222A1' \
	    'AK2*837*0101*005010X222A1' 'IK3*CLM*22*2300*8' \
	    'IK4*5:3*1325*7' 'IK5*R*5' 'AK9*R*1*1*0' 'SE*8*0001')"
	run -0 segs "$BATS_TEST_TMPDIR/c.277"
	assert_line 'BHT*0085*08*CA0001*20261204*1200*TH'
	assert_line 'TRN*2*clm-2'
	assert_line 'STC*A7:562:85*20261204*U*150'
	assert_line 'REF*1K*P1'
	"$T/gen277" --se-count 5 clm-1/A2:20 >"$BATS_TEST_TMPDIR/bad.277"
	run -1 node_x12 "$BATS_TEST_TMPDIR/bad.277"
	# (node-x12 takes a file cut short, its IEA or GE gone: claim ack
	# does not, "a truncated ... acknowledgment" below)
	"$T/gen999" 1 --truncate 26 >"$BATS_TEST_TMPDIR/cut.999"
	run -0 segs "$BATS_TEST_TMPDIR/cut.999"
	assert_equal "${lines[-1]}" "SE*6*0001"
}

# --- 999 --------------------------------------------------------------------

@test "999 accepted: the batch is marked A, its claims stay submitted, no history row" {
	claims 2
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	[ -n "$b" ]
	"$T/gen999" "$b" A >"$BATS_TEST_TMPDIR/a.999"
	run -0 --separate-stderr claim ack "$BATS_TEST_TMPDIR/a.999"
	assert_output "ack-1: 999 batch $b accepted"
	assert_equal "$stderr" ""
	assert_equal "$(status clm-1) $(status clm-2)" "submitted submitted"
	assert_equal "$(q "SELECT ack FROM batch WHERE id = $b")" A
	assert_equal "$(q "SELECT kind, control FROM ack")" "999|000000900"
	assert_equal "$(q "SELECT batch_id, result, ifnull(codes, '-') FROM
	    ack_item")" "$b|accepted|-"
	# the history ends at submitted: a 999 is syntax only
	run -0 claim history clm-1
	assert_equal "$(tail -n 1 <<<"$output" | cut -f3)" submitted
	refute_output --partial 999
}

@test "999 rejected: every claim of the batch still submitted goes rejected, the IK3/IK4 codes in its history" {
	claims 2
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	"$T/gen999" "$b" R --ik3 'CLM*22*2300*8' --ik4 '5:3*1325*7' \
	    >"$BATS_TEST_TMPDIR/r.999"
	run -0 claim ack "$BATS_TEST_TMPDIR/r.999"
	assert_output "ack-1: 999 batch $b rejected"
	assert_equal "$(status clm-1) $(status clm-2)" "rejected rejected"
	assert_equal "$(q "SELECT ack FROM batch WHERE id = $b")" R
	assert_equal "$(q "SELECT result, codes FROM ack_item")" \
	    "rejected|IK3*CLM*22*2300*8 IK4*5:3*1325*7"
	run -0 claim history clm-2
	assert_line --regexp $'^[^\t]+\tbill\trejected\t999 ack-1: batch '"$b"' rejected: IK3\*CLM\*22\*2300\*8 IK4\*5:3\*1325\*7$'
}

@test "999 rejecting the group whole (AK9 R, no AK2 set): its claims go rejected too" {
	claims 1
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	"$T/gen999" "$b" R --no-set >"$BATS_TEST_TMPDIR/r.999"
	run -0 claim ack "$BATS_TEST_TMPDIR/r.999"
	assert_output "ack-1: 999 batch $b rejected"
	assert_equal "$(status clm-1)" rejected
	assert_equal "$(q "SELECT batch_id, result, ifnull(codes, '-') FROM
	    ack_item")" "$b|rejected|-"
}

@test "999 accepted with errors: the claims stay submitted, their history naming the codes" {
	claims 1
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	"$T/gen999" "$b" E --ik3 'REF*12**3' --newline >"$BATS_TEST_TMPDIR/e.999"
	run -0 claim ack "$BATS_TEST_TMPDIR/e.999"
	assert_output "ack-1: 999 batch $b accepted with errors"
	assert_equal "$(status clm-1)" submitted
	assert_equal "$(q "SELECT ack FROM batch")" E
	assert_equal "$(q "SELECT result, codes FROM ack_item")" \
	    "errors|IK3*REF*12**3"
	run -0 claim history clm-1
	assert_line --regexp $'\tsubmitted\t999 ack-1: batch '"$b"' accepted with errors: IK3\*REF\*12\*\*3$'
}

@test "999 for a batch we never sent: 65, said, nothing changed" {
	claims 1
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	"$T/gen999" $((b + 1)) R >"$BATS_TEST_TMPDIR/x.999"
	before=$(data)
	run -65 --separate-stderr claim ack "$BATS_TEST_TMPDIR/x.999"
	assert_output ""
	[[ $stderr == *"999 for batch $((b + 1)): no such batch"* ]]
	assert_equal "$(data)" "$before"
	assert_equal "$(status clm-1)" submitted
}

@test "a truncated or broken acknowledgment is refused whole: 65, nothing changed" {
	claims 1
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	before=$(data)
	# cut inside its IEA, then with the whole interchange trailer gone
	"$T/gen999" "$b" R --truncate 5 >"$BATS_TEST_TMPDIR/t1.999"
	"$T/gen999" "$b" R --truncate 26 >"$BATS_TEST_TMPDIR/t2.999"
	"$T/gen999" "$b" R --se-count 9 >"$BATS_TEST_TMPDIR/t3.999"
	"$T/gen277" clm-1/A7:562:85 --truncate 40 >"$BATS_TEST_TMPDIR/t4.277"
	for f in t1.999 t2.999 t3.999 t4.277; do
		run -65 --separate-stderr claim ack "$BATS_TEST_TMPDIR/$f"
		assert_output ""
		[[ $stderr == "claim: $BATS_TEST_TMPDIR/$f: segment "* ]] ||
		    fail "$f: $stderr"
	done
	run -65 --separate-stderr claim ack "$BATS_TEST_TMPDIR/t3.999"
	[[ $stderr == *"SE01 says 9"* ]]
	# an 835's group, and no X12 at all
	"$T/gen999" "$b" --gs01 HP >"$BATS_TEST_TMPDIR/hp.x12"
	run -65 --separate-stderr claim ack "$BATS_TEST_TMPDIR/hp.x12"
	[[ $stderr == *"GS01 'HP'"* ]]
	run -65 --separate-stderr claim ack "$BATS_FILE_TMPDIR/clinic/etc/clinix.yaml"
	run -66 --separate-stderr claim ack "$BATS_TEST_TMPDIR/none.999"
	assert_equal "$(data)" "$before"
}

@test "the same acknowledgment twice: already read, exit 0, nothing changed" {
	claims 1
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	"$T/gen999" "$b" R >"$BATS_TEST_TMPDIR/r.999"
	claim ack "$BATS_TEST_TMPDIR/r.999" >/dev/null
	before=$(data)
	run -0 --separate-stderr claim ack "$BATS_TEST_TMPDIR/r.999"
	assert_output ""
	assert_equal "$stderr" "claim: $BATS_TEST_TMPDIR/r.999: already read (ack-1): nothing changed"
	assert_equal "$(data)" "$before"
	# the same claims' 277CA twice, likewise
	"$T/gen277" clm-1/A2:20 >"$BATS_TEST_TMPDIR/a.277"
	run -0 claim ack "$BATS_TEST_TMPDIR/a.277"
	assert_output "ack-2: 277CA: 1 accepted, 0 rejected"
	before=$(data)
	run -0 --separate-stderr claim ack "$BATS_TEST_TMPDIR/a.277"
	[[ $stderr == *"already read (ack-2)"* ]]
	assert_equal "$(data)" "$before"
}

# --- 277CA ------------------------------------------------------------------

@test "277CA: A1 and A2 accepted, A3, A6 and A7 rejected with their codes kept; REF*1K is the payer's claim number" {
	claims 5
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	# CLM01 comes back in capitals from some payers (clm-4)
	"$T/gen277" clm-1/A1:19 clm-2/A2:20/PAYER0002 clm-3/A3:21:IL \
	    CLM-4/A6:35 clm-5/A1:19+A7:562:85 --newline >"$BATS_TEST_TMPDIR/c.277"
	run -0 --separate-stderr claim ack "$BATS_TEST_TMPDIR/c.277"
	assert_output "ack-1: 277CA: 2 accepted, 3 rejected"
	assert_equal "$stderr" ""
	assert_equal "$(q "SELECT group_concat(status || ':' ||
	    ifnull(payer_claim_no, '-'), ' ') FROM (SELECT * FROM claim
	    ORDER BY id)")" \
	    "accepted:- accepted:PAYER0002 rejected:- rejected:- rejected:-"
	# the codes as sent, STC01's category:status[:entity]
	assert_equal "$(q "SELECT claim_id, result, codes FROM ack_item
	    ORDER BY id")" "$(printf '%s\n' 1\|accepted\|A1:19 \
	    2\|accepted\|A2:20 3\|rejected\|A3:21:IL 4\|rejected\|A6:35 \
	    '5|rejected|A1:19 A7:562:85')"
	run -0 claim history clm-5
	assert_line --regexp $'\tbill\trejected\t277CA ack-1: A1:19 A7:562:85$'
	run -0 claim history clm-3
	assert_line --regexp $'\trejected\t277CA ack-1: A3:21:IL$'
	# the 999 before or after does not undo them
	assert_equal "$(q "SELECT count(*) FROM ack_item WHERE batch_id
	    IS NOT NULL")" 0
}

@test "277CA for a claim that is not ours: 65 naming it, nothing changed" {
	claims 1
	sent "$BATS_TEST_TMPDIR/b.837" >/dev/null
	"$T/gen277" clm-1/A2:20/P1 clm-7/A7:562:85 PT1001/A1:19 \
	    >"$BATS_TEST_TMPDIR/x.277"
	before=$(data)
	run -65 --separate-stderr claim ack "$BATS_TEST_TMPDIR/x.277"
	assert_output ""
	assert_equal "$stderr" "$(printf '%s\n' \
	    "claim: 277CA for 'clm-7': no such claim" \
	    "claim: 277CA for 'PT1001': no such claim" \
	    "claim: $BATS_TEST_TMPDIR/x.277: not read: nothing changed")"
	assert_equal "$(data)" "$before"
	assert_equal "$(status clm-1)" submitted
}

@test "several files: each applied alone; a bad one is 65 and the good ones stay read" {
	claims 2
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	"$T/gen999" "$b" A >"$BATS_TEST_TMPDIR/a.999"
	"$T/gen277" clm-9/A2:20 >"$BATS_TEST_TMPDIR/x.277"
	"$T/gen277" clm-1/A2:20 clm-2/A8:500 >"$BATS_TEST_TMPDIR/c.277"
	run -65 --separate-stderr claim ack "$BATS_TEST_TMPDIR/a.999" \
	    "$BATS_TEST_TMPDIR/x.277" "$BATS_TEST_TMPDIR/c.277"
	assert_output "$(printf 'ack-1: 999 batch %s accepted\nack-2: 277CA: 1 accepted, 1 rejected' "$b")"
	assert_equal "$(status clm-1) $(status clm-2)" "accepted rejected"
}

# --- sending again ----------------------------------------------------------

@test "a rejected claim is corrected, validated to ready and sent again as an original in a new batch" {
	claims 1
	b=$(sent "$BATS_TEST_TMPDIR/b1.837")
	"$T/gen277" clm-1/A7:562:85 >"$BATS_TEST_TMPDIR/r.277"
	claim ack "$BATS_TEST_TMPDIR/r.277" >/dev/null
	assert_equal "$(status clm-1)" rejected
	# rejected, never adjudicated: no replacement of it
	before=$(data)
	run -65 --separate-stderr claim resubmit clm-1
	[[ $stderr == *"clm-1 was rejected, never adjudicated"* ]]
	run -65 --separate-stderr claim void clm-1
	assert_equal "$(data)" "$before"
	# corrected (nothing here needs it), checked again: ready -- the
	# scrubber must take a rejected claim that passes to ready
	run -0 claim validate clm-1
	assert_equal "$(status clm-1)" ready
	b2=$(sent "$BATS_TEST_TMPDIR/b2.837")
	[ -n "$b2" ] && [ "$b2" -gt "$b" ]
	assert_equal "$(status clm-1)" submitted
	# the same claim, an original again (CLM05-3 1), no REF*F8
	run -0 segs "$BATS_TEST_TMPDIR/b2.837"
	assert_line --regexp '^CLM\*clm-1\*150\*\*\*11:B:1(\*|$)'
	refute_line --regexp '^REF\*F8\*'
	# a new interchange control number, ISA13 = IEA02 = GS06
	assert_line --regexp "^IEA\\*1\\*0*$b2\$"
	assert_equal "$(q "SELECT group_concat(batch_id) FROM (SELECT * FROM
	    batch_claim ORDER BY batch_id)")" "$b,$b2"
}

@test "resubmit: a replacement of an adjudicated claim, frequency 7 with REF*F8; the original closed" {
	claims 1
	sent "$BATS_TEST_TMPDIR/b1.837" >/dev/null
	"$T/gen277" clm-1/A2:20/PAYER7788 >"$BATS_TEST_TMPDIR/a.277"
	claim ack "$BATS_TEST_TMPDIR/a.277" >/dev/null
	assert_equal "$(status clm-1)" accepted
	run -0 --separate-stderr claim resubmit clm-1
	assert_output clm-2
	assert_equal "$stderr" ""
	assert_equal "$(status clm-1) $(status clm-2)" "closed ready"
	assert_equal "$(q "SELECT frequency, replaces, encounter_id, coverage_id,
	    payer_id, total FROM claim WHERE id = 2")" \
	    "7|1|$(q "SELECT encounter_id || '|' || coverage_id || '|' ||
	    payer_id || '|' || total FROM claim WHERE id = 1")"
	# its lines and diagnoses are the original's
	assert_equal "$(q "SELECT code, units, charge, pointers FROM claim_line
	    WHERE claim_id = 2")" "$(q "SELECT code, units, charge, pointers
	    FROM claim_line WHERE claim_id = 1")"
	assert_equal "$(q "SELECT group_concat(code) FROM claim_dx WHERE
	    claim_id = 2")" E119
	run -0 claim history clm-1
	assert_line --regexp $'\tbill\tclosed\treplaced by clm-2$'
	# standards.md §1: CLM05 = POS:B:7, and REF*F8 the payer's number
	sent "$BATS_TEST_TMPDIR/b2.837" >/dev/null
	run -0 segs "$BATS_TEST_TMPDIR/b2.837"
	assert_line --regexp '^CLM\*clm-2\*150\*\*\*11:B:7(\*|$)'
	assert_line 'REF*F8*PAYER7788'
	refute_line --regexp '^CLM\*clm-1\*'
	# closed: not again
	run -65 --separate-stderr claim resubmit clm-1
	[[ $stderr == *"clm-1 is closed"* ]]
}

@test "a denial in an 835 (CLP02 4, CO-50): resubmit sends CLP07 as REF*F8 with frequency 7" {
	claims 1
	sent "$BATS_TEST_TMPDIR/b1.837" >/dev/null
	# standards.md §2: denied, 150 charged, CO-50 150, nothing paid
	"$T/gen835" >"$BATS_TEST_TMPDIR/d.835" <<-'EOF'
	{"control": 556, "trace": "CHK0001", "method": "NON",
	 "payer": {"name": "AETNA", "tin": "123456789", "id": "60054"},
	 "payee": {"name": "MAPLE CLINIC", "npi": "1003000126"},
	 "claims": [{"id": "clm-1", "status": "4", "payer_claim_no": "DENY55",
	             "patient": {"last": "DOE", "first": "JANE", "member": "W1"},
	             "lines": [{"code": "99213", "charge": "150", "units": 1,
	                        "day": "20261101", "cas": [["CO", "50", "150"]]}]}]}
	EOF
	run -0 claim remit "$BATS_TEST_TMPDIR/d.835"
	assert_equal "$(status clm-1)" denied
	run -0 --separate-stderr claim resubmit clm-1
	assert_output clm-2
	sent "$BATS_TEST_TMPDIR/b2.837" >/dev/null
	run -0 segs "$BATS_TEST_TMPDIR/b2.837"
	assert_line --regexp '^CLM\*clm-2\*150\*\*\*11:B:7(\*|$)'
	assert_line 'REF*F8*DENY55'
	assert_equal "$(status clm-1)" closed
}

@test "void: frequency 8 with REF*F8; the original closed" {
	claims 1
	sent "$BATS_TEST_TMPDIR/b1.837" >/dev/null
	"$T/gen277" clm-1/A2:20/PAYER9 >"$BATS_TEST_TMPDIR/a.277"
	claim ack "$BATS_TEST_TMPDIR/a.277" >/dev/null
	run -0 claim void clm-1
	assert_output clm-2
	assert_equal "$(q "SELECT frequency, replaces, status FROM claim
	    WHERE id = 2")" "8|1|ready"
	run -0 claim history clm-1
	assert_line --regexp $'\tclosed\tvoided by clm-2$'
	sent "$BATS_TEST_TMPDIR/b2.837" >/dev/null
	run -0 segs "$BATS_TEST_TMPDIR/b2.837"
	assert_line --regexp '^CLM\*clm-2\*150\*\*\*11:B:8(\*|$)'
	assert_line 'REF*F8*PAYER9'
	# a void is not replaced or voided again
	run -65 --separate-stderr claim void clm-2
}

@test "resubmit of a claim never adjudicated is refused: ready, submitted, accepted without a payer claim number" {
	claims 1
	before=$(data)
	run -65 --separate-stderr claim resubmit clm-1
	[[ $stderr == *"clm-1 is ready: only a claim the payer adjudicated"* ]]
	sent "$BATS_TEST_TMPDIR/b1.837" >/dev/null
	run -65 --separate-stderr claim resubmit clm-1
	[[ $stderr == *"clm-1 is submitted"* ]]
	# accepted, but no REF*1K: nothing to send as REF*F8
	"$T/gen277" clm-1/A1:19 >"$BATS_TEST_TMPDIR/a.277"
	claim ack "$BATS_TEST_TMPDIR/a.277" >/dev/null
	before=$(data)
	run -65 --separate-stderr claim void clm-1
	[[ $stderr == *"clm-1 has no payer claim number"* ]]
	assert_equal "$(data)" "$before"
	run -65 --separate-stderr claim resubmit clm-9
	[[ $stderr == *"no claim clm-9"* ]]
	run -65 claim resubmit enc-1
	run -64 claim resubmit
}

# --- who may ----------------------------------------------------------------

@test "ack, resubmit and void are billing's and admin's: others 77 with a denied audit row" {
	claims 1
	b=$(sent "$BATS_TEST_TMPDIR/b.837")
	"$T/gen999" "$b" R >"$BATS_TEST_TMPDIR/r.999"
	before=$(data)
	for u in doc nina desk; do
		for v in "ack $BATS_TEST_TMPDIR/r.999" "resubmit clm-1" "void clm-1"; do
			run -77 --separate-stderr env CLINIX_USER=$u claim $v
			[[ $stderr == *"permission denied"* ]]
			assert_equal "$(last_audit)" "$u|claim.${v%% *}|denied"
		done
	done
	assert_equal "$(data)" "$before"
	run -0 env CLINIX_USER=boss claim ack "$BATS_TEST_TMPDIR/r.999"
	assert_output "ack-1: 999 batch $b rejected"
	assert_equal "$(last_audit)" "boss|claim.ack|ok"
}

load helper

# Reading the chart (issue 12): `chart show PATIENT`, one screen or one
# JSON object; `chart history`, every clinical event in time order; and
# emergency access, --break-glass REASON, on every verb that reads a
# chart and on none that writes.  Expected values are worked out by hand
# from what each test charts: BMI of 70 kg at 170 cm is 70 / 1.7^2 =
# 24.22, shown 24.2; Jane Doe, born 1980-01-02, is 46 in 2026.  TZ is New
# York, where --at times are read.
#
# The clinic every test starts from:
#   prv-1 Maria Chen (login doc); users doc (provider), nina (nurse), desk
#   (frontdesk), bill (billing), boss (admin)
#   pat-1 Jane Doe (M0000001, F), pat-2 John Roe (nothing charted)
clinic() {
	user add doc --role provider
	user add nina --role nurse
	user add desk --role frontdesk
	user add bill --role billing
	user add boss --role admin
	provider add --name "Maria Chen" --npi 1234567893 \
	    --taxonomy 207Q00000X --login doc
	patient add --first Jane --last Doe --dob 1980-01-02 --sex F
	patient add --first John --last Roe --dob 1970-05-06
}

setup_file() {
	clinic_once clinic 2>/dev/null
}
setup() {
	clinic_copy
	export CLINIX_USER=doc
}

as() { local u=$1; shift; CLINIX_USER=$u "$@"; }
sql() { sqlite3 "$CLINIX_DB" "$1"; }
rows() { sql "select count(*) from audit"; }
# login|action|outcome|patient|break_glass of the newest audit row
last_audit() {
	sql "select login, action, outcome, ifnull(patient_id, '-'),
	    break_glass from audit order by id desc limit 1"
}

# pat-1's chart: enc-1 (2026-11-02, signed, with an addendum) and enc-2
# (2026-11-20, open), a problem, an allergy, vitals, a diagnosis, a
# procedure line and an immunization.
charted() {
	chart open pat-1 --at 2026-11-02T09:00 >/dev/null
	chart vitals add enc-1 --weight 70kg --height 170cm \
	    --at 2026-11-02T09:10 >/dev/null
	chart dx add enc-1 E11.9 >/dev/null
	chart proc add enc-1 99213 >/dev/null
	printf 'S: thirsty\nP: metformin\n' | chart note enc-1 --file - >/dev/null
	chart sign enc-1 >/dev/null
	echo "A1c came back 7.1" | chart addendum enc-1 --file - >/dev/null
	chart open pat-1 --at 2026-11-20T14:00 --type telehealth >/dev/null
	chart vitals add enc-2 --hr 72 --at 2026-11-20T14:05 >/dev/null
	chart problem add pat-1 E11.9 >/dev/null
	chart allergy add pat-1 penicillins --reaction hives \
	    --severity severe >/dev/null
	chart immunization add pat-1 208 --date 2026-11-10 >/dev/null
}

# --- chart show --------------------------------------------------------------

@test "chart show PATIENT: who, problems, allergies, meds, last vitals, encounters, open ones" {
	charted
	run -0 chart show pat-1
	assert_line --index 0 "Jane Doe  pat-1  age 46  F  MRN M0000001"
	assert_output --partial $'Problems\n  E11.9  Type 2 diabetes mellitus without complications\n'
	assert_output --partial $'Allergies\n  penicillins: hives (severe)\n'
	assert_output --partial $'Medications\n  none recorded\n'
	# the latest of each kind, with its day
	assert_output --partial $'Vitals\n  heart rate 72 /min (2026-11-20)\n  weight 70.0 kg (2026-11-02)\n  height 170.0 cm (2026-11-02)\n  BMI 24.2 kg/m2 (2026-11-02)\n'
	assert_output --partial $'Encounters\n  enc-2  2026-11-20T14:00  telehealth  Maria Chen  open\n  enc-1  2026-11-02T09:00  office  Maria Chen  signed\n'
	assert_output --regexp $'Open encounters\n  enc-2  2026-11-20T14:00  telehealth  Maria Chen$'
}

@test "chart show takes an MRN, and a patient it does not know is 65" {
	run -0 chart show M0000001
	assert_line --index 0 --partial "pat-1"
	run -65 chart show pat-9
	assert_output --partial "no patient 'pat-9'"
}

@test "chart show lists the last 5 encounters, newest first" {
	for d in 01 02 03 04 05 06 07; do
		chart open pat-1 --at 2026-10-${d}T09:00 >/dev/null
	done
	run -0 chart show -o json pat-1
	run -0 jq -r '.encounters | map(.id) | join(" ")' <<<"$output"
	assert_output "enc-7 enc-6 enc-5 enc-4 enc-3"
}

@test "chart show -o json is one object holding every section" {
	charted
	run -0 --separate-stderr chart show -o json pat-1
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 1 ]
	run -0 jq -c '[.patient.id, .patient.mrn, .patient.age, .patient.sex]' <<<"$output"
	assert_output '["pat-1","M0000001",46,"F"]'
	run -0 chart show -o json pat-1
	j=$output
	run -0 jq -c '[.problems[].code, .allergies, .medications]' <<<"$j"
	assert_output '["E11.9",["penicillins: hives (severe)"],[]]'
	run -0 jq -c '[.vitals[] | select(.name == "BMI") | .value, .at]' <<<"$j"
	assert_output '[24.2,"2026-11-02T09:10"]'
	run -0 jq -c '[.encounters[].status, (.open_encounters | map(.id))]' <<<"$j"
	assert_output '["open","signed",["enc-2"]]'
}

@test "a patient with nothing charted: allergies not recorded, in bold only on a terminal" {
	run -0 chart show -o json pat-2
	run -0 jq -c '[.allergies, .problems, .vitals, .encounters]' <<<"$output"
	assert_output '[["not recorded"],[],[],[]]'
	run -0 chart show pat-2
	assert_output --partial $'Allergies\n  not recorded\n'
	refute_output --partial $'\033'
	command -v script >/dev/null || skip "needs script(1) for a terminal"
	run -0 script -qec "chart show pat-2" /dev/null
	assert_output --partial $'\033[1mnot recorded\033[0m'
}

@test "chart show writes one audit row naming the patient, before its output" {
	n=$(rows)
	# stdout that cannot take a byte: the row is there all the same
	run -74 sh -c 'chart show pat-1 >/dev/full'
	[ "$(rows)" -eq $((n + 1)) ]
	assert_equal "$(last_audit)" "doc|chart.show|ok|1|0"
}

# --- chart history -------------------------------------------------------------

@test "chart history: every event in time order, ids first" {
	charted
	run -0 chart history pat-1
	# dx and proc at the encounter's start; the note and addendum, the
	# allergy when recorded (today), so last
	assert_line --index 0 --regexp '^enc-1	2026-11-02T09:00	dx	E11\.9	Type 2 diabetes mellitus without complications	enc-1$'
	assert_line --index 1 --regexp '^prc-1	2026-11-02T09:00	proc	99213		enc-1$'
	assert_line --index 2 --regexp '^vit-1	2026-11-02T09:10	vitals	29463-7	weight 70\.0 kg	enc-1$'
	assert_line --index 3 --regexp '^vit-2	.*	8302-2	height 170\.0 cm	enc-1$'
	assert_line --index 4 --regexp '^vit-3	.*	39156-5	BMI 24\.2 kg/m2	enc-1$'
	assert_line --index 5 --regexp '^imm-1	2026-11-10	immunization	208	'
	assert_line --index 6 --regexp '^vit-4	2026-11-20T14:05	vitals	8867-4	heart rate 72 /min	enc-2$'
	# the last three were written today, within a second or two: in the
	# order of their stamps, kind breaking a tie, so here as a set
	run -0 sh -c "chart history pat-1 | tail -3 | cut -f 1,3- | sort"
	assert_line --index 0 $'alg-1\tallergy\tdrug\tpenicillins: hives (severe)\t'
	assert_line --index 1 $'enc-1\tnote\taddendum\tA1c came back 7.1\tenc-1'
	assert_line --index 2 $'enc-1\tnote\tsigned\tS: thirsty\tenc-1'
	[ "$(chart history pat-1 | wc -l)" -eq 10 ]
}

@test "chart history --kind picks one kind; lab is known and lists nothing" {
	charted
	run -0 chart history pat-1 --kind vitals
	[ "${#lines[@]}" -eq 4 ]
	refute_output --regexp $'\t(dx|proc|note|allergy|immunization)\t'
	run -0 chart history pat-1 --kind note
	[ "${#lines[@]}" -eq 2 ]
	run -1 chart history pat-1 --kind lab
	assert_output ""
	run -64 chart history pat-1 --kind labs
	assert_output --partial "--kind 'labs'"
}

@test "chart history --from --to: --to takes in the whole of its day" {
	charted
	run -0 chart history pat-1 --from 2026-11-10 --to 2026-11-20
	assert_line --index 0 --partial "imm-1	2026-11-10"
	assert_line --index 1 --partial "vit-4	2026-11-20T14:05"
	[ "${#lines[@]}" -eq 2 ]
	run -0 chart history pat-1 --kind vitals --to 2026-11-02
	[ "${#lines[@]}" -eq 3 ]
	run -64 chart history pat-1 --from 2026-11-20 --to 2026-11-10
	run -64 chart history pat-1 --from soon
}

@test "chart history writes one audit row naming the patient, and 1 when empty" {
	charted
	n=$(rows)
	run -0 chart history pat-1 --kind dx
	[ "$(rows)" -eq $((n + 1)) ]
	assert_equal "$(last_audit)" "doc|chart.history|ok|1|0"
	run -1 chart history pat-2
	assert_equal "$(last_audit)" "doc|chart.history|ok|2|0"
}

# --- roles ----------------------------------------------------------------------

@test "role matrix: show and history for provider and nurse; others 77 and a denied row" {
	charted
	for u in doc nina; do
		run -0 as "$u" chart show pat-1
		run -0 as "$u" chart history pat-1
	done
	for u in desk bill boss; do
		for v in show history; do
			n=$(rows)
			run -77 as "$u" chart "$v" pat-1
			assert_output --partial "permission denied"
			[ "$(rows)" -eq $((n + 1)) ]
			assert_equal "$(last_audit)" "$u|chart.$v|denied|-|0"
		done
	done
}

# --- break-glass ----------------------------------------------------------------

@test "break-glass: frontdesk reads a chart with a reason, flagged for review" {
	charted
	run -77 as desk chart show pat-1
	assert_equal "$(last_audit)" "desk|chart.show|denied|-|0"
	run -0 as desk chart show pat-1 --break-glass "unconscious, ED transfer"
	assert_line --index 0 --partial "Jane Doe"
	assert_equal "$(last_audit)" "desk|chart.show|ok|1|1"
	run -0 sql "select detail from audit order by id desc limit 1"
	assert_output --partial "unconscious, ED transfer"
	run -0 as desk chart history pat-1 --break-glass "unconscious, ED transfer"
	# the admin's review: those two rows and no other
	run -0 --separate-stderr as boss audit list --break-glass -o json
	run -0 jq -sc 'map([.login, .action, .break_glass])' <<<"$output"
	assert_output '[["desk","chart.history","yes"],["desk","chart.show","yes"]]'
	run -0 as boss audit verify
	assert_output --partial "audit: ok"
}

@test "break-glass wants a reason: empty or short is 64 and writes nothing" {
	n=$(rows)
	run -64 as desk chart show pat-1 --break-glass ""
	assert_output --partial "needs the reason"
	run -64 as desk chart show pat-1 --break-glass "  ab"
	[ "$(rows)" -eq "$n" ]
}

@test "break-glass never writes: a write verb does not know the option" {
	n=$(rows)
	run -64 as desk chart allergy add pat-1 latex --type environment \
	    --break-glass "unconscious, ED transfer"
	assert_output --partial "unknown option '--break-glass'"
	run -64 as desk chart vitals add enc-1 --hr 70 --break-glass "urgent need"
	[ "$(rows)" -eq "$n" ]
	[ "$(sql 'select count(*) from allergy')" -eq 0 ]
}

@test "every chart verb that reads takes --break-glass; every one that writes does not" {
	charted
	r="ED transfer"
	run -0 as desk chart show pat-1 --break-glass "$r"
	run -0 as desk chart show enc-1 --break-glass "$r"
	run -0 as desk chart list pat-1 --break-glass "$r"
	run -0 as desk chart history pat-1 --break-glass "$r"
	run -0 as desk chart problem list pat-1 --break-glass "$r"
	run -0 as desk chart dx list enc-1 --break-glass "$r"
	run -0 as desk chart proc list enc-1 --break-glass "$r"
	run -0 as desk chart allergy list pat-1 --break-glass "$r"
	run -0 as desk chart immunization list pat-1 --break-glass "$r"
	run -0 as desk chart vitals list pat-1 --break-glass "$r"
	[ "$(sql 'select count(*) from audit where break_glass = 1')" -eq 10 ]
	# the writes' tables leave it out, so they never parse it
	run -0 chart -h
	for v in open note sign addendum "problem add" "problem resolve" \
	    "dx add" "dx remove" "proc add" "proc remove" "allergy add" \
	    "allergy none" "allergy inactivate" "immunization add" \
	    "vitals add"; do
		run -0 chart $v -h
		refute_output --partial "break-glass"
	done
}

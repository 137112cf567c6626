load helper

# chart problem, dx and proc: the problem list, an encounter's diagnoses
# in claim order and its procedure lines (charge capture), and
# `code import cpt`.  Every refusal the issue lists in this area exits 65
# and writes nothing (the data, audit trail aside, stays the same); an
# option value that cannot be read is 64; coding is the provider's: a
# nurse reads, frontdesk, billing and admin get 77 and a denied row.
#
# `chart open` is not built yet (helper enc), so encounters are rows put
# in with sqlite3 by enc() below, the way lib/encounter.c will store them.
# Codes are the starter set's (share/codes/*-starter.csv), which has no
# header codes: E11 is known as a header by its billable codes E11.8,
# E11.9, E11.22, ...; the full set in ../shared/data has E11 itself.

# The clinic every test starts from: prv-1 Maria Chen; pat-1 Jane Doe
# (M0000001), pat-2 John Roe; users doc (provider), nina (nurse), desk
# (frontdesk), bill (billing), boss (admin).
clinic() {
	provider add --name "Maria Chen" --npi "$NPI1" \
	    --taxonomy 207Q00000X
	patient add --first Jane --last Doe --dob 1980-01-02
	patient add --first John --last Roe --dob 1970-05-06
	local u
	for u in doc:provider nina:nurse desk:frontdesk bill:billing \
	    boss:admin; do
		user add "${u%:*}" --role "${u#*:}"
	done
}
setup_file() { clinic_once clinic; }
setup() {
	clinic_copy
	export CLINIX_USER=doc
}


# enc PAT [signed]: a new encounter of pat-PAT with prv-1; its id.
enc() {
	local signed="NULL, NULL, NULL"
	[ "${2:-}" != signed ] ||
	    signed="'2026-12-01T15:00:00Z', 'doc', '$(printf '%064d' 0)'"
	sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id, provider_id,
	    start_at, created_at, created_by, signed_at, signed_by, sign_hash)
	    VALUES ($1, 1, '2026-12-01T14:30:00Z', '2026-12-01T14:30:00Z',
	    'doc', $signed); SELECT 'enc-' || last_insert_rowid();"
}
q() { sqlite3 -separator '|' "$CLINIX_DB" "$1"; }
# Everything but the audit trail: "nothing written" is this staying put.
data() { sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum; }
last_audit() {
	q "SELECT login, action, outcome, ifnull(patient_id, '-'),
	    ifnull(record, '-') FROM audit ORDER BY id DESC LIMIT 1"
}
dxs() { q "SELECT group_concat(position || ':' || code || ':' ||
	    ifnull(problem_id, '-'), ' ') FROM (SELECT * FROM encounter_dx
	    WHERE encounter_id = ${1#enc-} ORDER BY position)"; }
today() { date +%Y-%m-%d; }

# --- problem list --------------------------------------------------------

@test "problem add takes a code with or without the dot, stores it without, audits it" {
	run -0 --separate-stderr chart problem add pat-1 e11.9 --onset 2020-03-01 --note "diet controlled"
	assert_output prb-1
	assert_equal "$stderr" ""
	run -0 chart problem add M0000001 I10
	assert_output prb-2
	assert_equal "$(q 'SELECT id, patient_id, code, onset, note, created_by FROM problem ORDER BY id')" \
	    "1|1|E119|2020-03-01|diet controlled|doc
2|1|I10|||doc"
	assert_equal "$(last_audit)" "doc|chart.problem.add|ok|1|prb-2"
}

@test "problem add: an unknown ICD-10-CM code is 65 and writes nothing" {
	before=$(data)
	run -65 --separate-stderr chart problem add pat-1 X99.9
	assert_output ""
	assert_equal "$stderr" "chart: unknown ICD-10-CM code 'X99.9'"
	assert_equal "$(data)" "$before"
}

@test "problem add: the same code active twice is refused naming the entry; after resolving it may come back" {
	chart problem add pat-1 E11.9 >/dev/null
	before=$(data)
	run -65 --separate-stderr chart problem add pat-1 e119
	assert_equal "$stderr" "chart: E11.9 is already on pat-1's problem list as prb-1"
	assert_equal "$(data)" "$before"
	# another patient may have it
	run -0 chart problem add pat-2 E11.9
	assert_output prb-2
	chart problem resolve pat-1 prb-1 >/dev/null
	run -0 chart problem add pat-1 E11.9
	assert_output prb-3
}

@test "problem add: --onset must be a date (64) and not in the future (65); --note one line" {
	before=$(data)
	run -64 --separate-stderr chart problem add pat-1 I10 --onset someday
	assert_equal "${stderr_lines[0]}" "chart: --onset: not a date 'someday'"
	run -65 --separate-stderr chart problem add pat-1 I10 --onset +2d
	assert_equal "$stderr" "chart: --onset $(date -d +2days +%Y-%m-%d) is in the future"
	run -65 chart problem add pat-1 I10 --note $'two\nlines'
	run -65 --separate-stderr chart problem add pat-9 I10
	assert_equal "$(data)" "$before"
}

@test "problem list: active ones, --all adds the resolved; nothing listed is 1" {
	run -1 --separate-stderr chart problem list pat-1
	assert_output ""
	chart problem add pat-1 E11.9 --onset 2020-03-01 >/dev/null
	chart problem add pat-1 J45909 --note mild >/dev/null
	chart problem resolve pat-1 J45.909 --on 2026-01-15 >/dev/null
	run -0 chart problem list pat-1 -H
	assert_output $'#id\tcode\ttitle\tonset\tresolved\tnote
prb-1\tE11.9\tType 2 diabetes mellitus without complications\t2020-03-01\t\t'
	run -0 chart problem list M0000001 --all
	assert_output $'prb-1\tE11.9\tType 2 diabetes mellitus without complications\t2020-03-01\t\t
prb-2\tJ45.909\tUnspecified asthma, uncomplicated\t\t2026-01-15\tmild'
	assert_equal "$(last_audit)" "doc|chart.problem.list|ok|1|-"
}

@test "problem resolve: by code or prb-N, today by default; refusals write nothing" {
	chart problem add pat-1 E11.9 --onset 2020-03-01 >/dev/null
	chart problem add pat-1 I10 >/dev/null
	chart problem add pat-2 I10 >/dev/null
	before=$(data)
	run -65 --separate-stderr chart problem resolve pat-1 prb-1 --on 2019-12-31
	assert_equal "$stderr" "chart: --on 2019-12-31 is before prb-1's onset 2020-03-01"
	run -65 --separate-stderr chart problem resolve pat-1 prb-3
	assert_equal "$stderr" "chart: pat-1 has no problem 'prb-3'"
	run -65 --separate-stderr chart problem resolve pat-1 R05.9
	assert_equal "$stderr" "chart: 'R05.9' is not on pat-1's active problem list"
	run -65 --separate-stderr chart problem resolve pat-1 apt-1
	assert_equal "$stderr" "chart: not a problem id 'apt-1'"
	run -64 chart problem resolve pat-1 prb-1 --on soon
	assert_equal "$(data)" "$before"
	run -0 chart problem resolve pat-1 e11.9
	assert_output prb-1
	run -0 chart problem resolve pat-1 prb-2 --on 2026-02-01
	assert_equal "$(q 'SELECT id, resolved_on FROM problem WHERE patient_id = 1')" \
	    "1|$(today)
2|2026-02-01"
	assert_equal "$(last_audit)" "doc|chart.problem.resolve|ok|1|prb-2"
	run -65 --separate-stderr chart problem resolve pat-1 prb-2
	assert_equal "$stderr" "chart: prb-2 was resolved on 2026-02-01"
}

# --- encounter diagnoses -------------------------------------------------

@test "dx add: in the order given, after the ones there; dx list shows them dotted" {
	e=$(enc 1)
	run -0 --separate-stderr chart dx add "$e" I10 e11.9
	assert_output "$e"
	assert_equal "$stderr" ""
	run -0 chart dx add "$e" R05.9
	assert_equal "$(dxs "$e")" "1:I10:- 2:E119:- 3:R059:-"
	assert_equal "$(last_audit)" "doc|chart.dx.add|ok|1|$e"
	run -0 chart dx list "$e" -H
	assert_output $'#position\tcode\ttitle\tproblem
1\tI10\tEssential (primary) hypertension\t
2\tE11.9\tType 2 diabetes mellitus without complications\t
3\tR05.9\tCough, unspecified\t'
	e2=$(enc 1)
	run -1 chart dx list "$e2"
	assert_output ""
}

@test "dx add: a header code is 65 naming billable children, and nothing is added" {
	e=$(enc 1)
	chart dx add "$e" I10 >/dev/null
	before=$(data)
	run -65 --separate-stderr chart dx add "$e" R05.9 E11
	assert_output ""
	assert_equal "$stderr" "chart: 'E11' is a header code, not billable: use one of E11.8, E11.9, E11.22, E11.40, ..."
	assert_equal "$(data)" "$before"
}

@test "dx add: with the full ICD-10-CM set, E11 is a non-billable row, refused the same way" {
	need_shared
	CLINIX_USER=boss code import --label FY2026 icd10cm "$SHARED_DATA/icd10cm.csv" 2>/dev/null
	e=$(enc 1)
	before=$(data)
	run -65 --separate-stderr chart dx add "$e" E11
	assert_equal "$stderr" "chart: 'E11' is a header code, not billable: use one of E11.8, E11.9, E11.00, E11.01, ..."
	run -65 --separate-stderr chart dx add "$e" E11.6
	assert_equal "$stderr" "chart: 'E11.6' is a header code, not billable: use one of E11.65, E11.69, E11.610, E11.618, ..."
	assert_equal "$(data)" "$before"
	# a header code may stand on the problem list
	run -0 chart problem add pat-1 E11
}

@test "dx add: an unknown code among good ones is 65, every bad one named, nothing added" {
	e=$(enc 1)
	before=$(data)
	run -65 --separate-stderr chart dx add "$e" I10 X99.9 R05.9 Q00.00
	assert_equal "$stderr" "chart: unknown ICD-10-CM code 'X99.9'
chart: unknown ICD-10-CM code 'Q00.00'"
	assert_equal "$(data)" "$before"
}

@test "dx add: 12 in all are taken, a 13th is 65 and none of that command is added" {
	e=$(enc 1)
	chart dx add "$e" I10 E11.9 R05.9 R05.1 J45.909 E78.5 M54.50 M54.51 M54.59 Z00.00 >/dev/null
	before=$(data)
	run -65 --separate-stderr chart dx add "$e" Z00.01 Z00.8 E10.9
	assert_equal "$stderr" "chart: $e would have 13 diagnoses: at most 12"
	assert_equal "$(data)" "$before"
	run -0 chart dx add "$e" Z00.01 Z00.8
	assert_equal "$(q "SELECT count(*), max(position) FROM encounter_dx")" "12|12"
	run -65 chart dx add "$e" E10.9
	assert_equal "$(q "SELECT count(*) FROM encounter_dx")" 12
}

@test "dx add: a code twice, on the encounter or in one command, is 65" {
	e=$(enc 1)
	chart dx add "$e" I10 >/dev/null
	before=$(data)
	run -65 --separate-stderr chart dx add "$e" i10
	assert_equal "$stderr" "chart: I10 is already diagnosis 1 of $e"
	run -65 --separate-stderr chart dx add "$e" R05.9 R059
	assert_equal "$stderr" "chart: R05.9 is already diagnosis 2 of $e"
	assert_equal "$(data)" "$before"
}

@test "dx add links a code on the active problem list; --problem puts the others there" {
	chart problem add pat-1 E11.9 >/dev/null	# prb-1
	chart problem add pat-2 I10 >/dev/null		# prb-2: another patient's
	chart problem add pat-1 R05.9 >/dev/null	# prb-3, resolved below
	chart problem resolve pat-1 prb-3 >/dev/null
	e=$(enc 1)
	chart dx add "$e" I10 E11.9 R05.9 >/dev/null
	assert_equal "$(dxs "$e")" "1:I10:- 2:E119:1 3:R059:-"
	run -0 chart dx list "$e"
	assert_line -n 1 $'2\tE11.9\tType 2 diabetes mellitus without complications\tprb-1'
	e2=$(enc 1)
	run -0 chart dx add "$e2" --problem J45.909 E11.9
	assert_equal "$(dxs "$e2")" "1:J45909:4 2:E119:1"
	assert_equal "$(q "SELECT id, patient_id, code FROM problem WHERE id = 4")" "4|1|J45909"
	assert_equal "$(q "SELECT count(*) FROM problem WHERE code = 'E119'")" 1
}

@test "dx remove moves the later ones up, and the pointers at them; refused while a line points at it" {
	e=$(enc 1)
	chart dx add "$e" I10 E11.9 R05.9 J45.909 >/dev/null
	chart proc add "$e" 99213 --dx 1,3,4 >/dev/null		# prc-1
	chart proc add "$e" 94640 --dx 2 >/dev/null		# prc-2
	before=$(data)
	run -65 --separate-stderr chart dx remove "$e" E11.9
	assert_equal "$stderr" "chart: prc-2 points at diagnosis 2: remove that line first (chart proc remove)"
	run -65 --separate-stderr chart dx remove "$e" E78.5
	assert_equal "$stderr" "chart: $e has no diagnosis 'E78.5'"
	assert_equal "$(data)" "$before"
	chart proc remove "$e" prc-2 >/dev/null
	run -0 chart dx remove "$e" e119
	assert_output "$e"
	assert_equal "$(dxs "$e")" "1:I10:- 2:R059:- 3:J45909:-"
	assert_equal "$(q "SELECT id, dx FROM encounter_proc")" "1|1,2,3"
	assert_equal "$(last_audit)" "doc|chart.dx.remove|ok|1|$e"
	# prc-1 now points at 1,2,3: every one of them stays
	before=$(data)
	run -65 --separate-stderr chart dx remove "$e" J45.909
	assert_equal "$stderr" "chart: prc-1 points at diagnosis 3: remove that line first (chart proc remove)"
	assert_equal "$(data)" "$before"
	chart proc remove "$e" prc-1 >/dev/null
	run -0 chart dx remove "$e" i10
	assert_equal "$(dxs "$e")" "1:R059:- 2:J45909:-"
}

@test "a signed encounter takes no diagnosis or procedure change: 65, in words, nothing written" {
	e=$(enc 1)
	chart dx add "$e" I10 >/dev/null
	chart proc add "$e" 99213 >/dev/null
	sqlite3 "$CLINIX_DB" "UPDATE encounter SET signed_at = '2026-12-01T15:00:00Z',
	    signed_by = 'doc', sign_hash = '$(printf '%064d' 0)' WHERE id = ${e#enc-}"
	before=$(data)
	for cmd in "dx add $e R05.9" "dx remove $e I10" "proc add $e 99214" \
	    "proc remove $e prc-1"; do
		run -65 --separate-stderr chart $cmd
		assert_output ""
		assert_equal "$stderr" "chart: $e is signed: add an addendum"
	done
	assert_equal "$(data)" "$before"
	# reading it is as before
	run -0 chart dx list "$e"
	assert_output $'1\tI10\tEssential (primary) hypertension\t'
}

@test "an unknown encounter, or an id of another kind, is 65" {
	run -65 --separate-stderr chart dx add enc-99 I10
	assert_equal "$stderr" "chart: no encounter 'enc-99'"
	run -65 --separate-stderr chart dx list pat-1
	assert_equal "$stderr" "chart: not an encounter id 'pat-1'"
	run -65 chart proc list enc-99
}

# --- procedures ----------------------------------------------------------

@test "proc add: a well-formed CPT code with modifiers, units and pointers; prints prc-N" {
	e=$(enc 1)
	chart dx add "$e" I10 E11.9 >/dev/null
	run -0 --separate-stderr chart proc add "$e" 99214 --mod 25 --dx 2,1
	assert_output prc-1
	assert_equal "$stderr" ""
	run -0 chart proc add "$e" 0042t --units 3
	assert_output prc-2
	run -0 chart proc add "$e" A4253 --mod gt,59 --units 2 --dx 2
	assert_output prc-3
	assert_equal "$(q 'SELECT id, encounter_id, system, code, ifnull(mods, "-"), units, dx, created_by FROM encounter_proc')" \
	    "1|${e#enc-}|cpt|99214|25|1|2,1|doc
2|${e#enc-}|cpt|0042T|-|3|1|doc
3|${e#enc-}|hcpcs|A4253|GT,59|2|2|doc"
	assert_equal "$(last_audit)" "doc|chart.proc.add|ok|1|prc-3"
	run -0 chart proc list "$e" -H
	assert_output $'#id\tcode\tsystem\tmods\tunits\tdx\ttitle
prc-1\t99214\tcpt\t25\t1\t2,1\t
prc-2\t0042T\tcpt\t\t3\t1\t
prc-3\tA4253\thcpcs\tGT,59\t2\t2\tBlood glucose/reagent strips'
}

@test "proc add: malformed CPT, unknown HCPCS and unknown modifiers are 65; nothing written" {
	e=$(enc 1)
	chart dx add "$e" I10 >/dev/null
	before=$(data)
	for code in 9921 992134 9921X W1234 ABCDE; do
		run -65 --separate-stderr chart proc add "$e" "$code"
		assert_equal "$stderr" "chart: '$code': not a CPT code (4 digits and a digit, F, T or U) nor a HCPCS code (a letter A-V and 4 digits)"
	done
	run -65 --separate-stderr chart proc add "$e" J9999
	assert_equal "$stderr" "chart: unknown HCPCS code 'J9999'"
	run -65 --separate-stderr chart proc add "$e" 99213 --mod 25,ZZ
	assert_equal "$stderr" "chart: unknown modifier 'ZZ'"
	# a HCPCS code is no modifier, nor a modifier a code
	run -65 chart proc add "$e" 99213 --mod A4
	run -65 --separate-stderr chart proc add "$e" 99213 --mod 25,59,GT,XU,LT
	assert_equal "$stderr" "chart: --mod 25,59,GT,XU,LT: at most 4 modifiers"
	run -64 --separate-stderr chart proc add "$e" 99213 --mod 255
	assert_equal "${stderr_lines[0]}" "chart: --mod 255: modifiers are two letters or digits, separated by commas"
	assert_equal "$(data)" "$before"
}

@test "proc add: --units 1..999 (64 not a number, 65 out of range); --dx must name the encounter's diagnoses" {
	e=$(enc 1)
	before=$(data)
	run -65 --separate-stderr chart proc add "$e" 99213
	assert_equal "$stderr" "chart: $e has no diagnosis yet: add one first (chart dx add)"
	chart dx add "$e" I10 E11.9 >/dev/null
	before=$(data)
	run -65 --separate-stderr chart proc add "$e" 99213 --dx 5
	assert_equal "$stderr" "chart: --dx 5: $e has 2 diagnoses"
	run -65 --separate-stderr chart proc add "$e" 99213 --dx 13
	assert_equal "$stderr" "chart: --dx 13: diagnosis pointers are 1 to 12"
	run -65 --separate-stderr chart proc add "$e" 99213 --dx 1,2,1
	assert_equal "$stderr" "chart: --dx 1,2,1: a diagnosis pointer given twice"
	run -65 chart proc add "$e" 99213 --dx 1,2,3,4,5
	run -64 chart proc add "$e" 99213 --dx one
	run -65 --separate-stderr chart proc add "$e" 99213 --units 0
	assert_equal "$stderr" "chart: --units 0: units are 1 to 999"
	run -65 chart proc add "$e" 99213 --units 1000
	run -64 chart proc add "$e" 99213 --units 2.5
	assert_equal "$(data)" "$before"
	run -0 chart proc add "$e" 99213 --units 999 --dx 2
	assert_equal "$(q 'SELECT units, dx FROM encounter_proc')" "999|2"
}

@test "proc remove takes a line of that encounter only" {
	e=$(enc 1)
	e2=$(enc 2)
	chart dx add "$e" I10 >/dev/null
	chart proc add "$e" 99213 >/dev/null
	before=$(data)
	run -65 --separate-stderr chart proc remove "$e2" prc-1
	assert_equal "$stderr" "chart: $e2 has no procedure line 'prc-1'"
	run -65 --separate-stderr chart proc remove "$e" 99213
	assert_equal "$stderr" "chart: not a procedure line id '99213'"
	assert_equal "$(data)" "$before"
	run -0 chart proc remove "$e" prc-1
	assert_output prc-1
	assert_equal "$(last_audit)" "doc|chart.proc.remove|ok|1|prc-1"
	run -1 chart proc list "$e"
}

# --- code import cpt -----------------------------------------------------

@test "code import cpt loads a clinic's descriptions for code show and proc list; a bad file loads nothing" {
	need_root
	printf 'code,description\n99213,Office visit est pt low\n0042t,Cerebral perfusion analysis\n' >"$BATS_TEST_TMPDIR/cpt.csv"
	run -77 env CLINIX_USER=doc code import cpt "$BATS_TEST_TMPDIR/cpt.csv"
	run -0 --separate-stderr env CLINIX_USER=boss code import cpt "$BATS_TEST_TMPDIR/cpt.csv"
	assert_output ""
	assert_equal "$stderr" "code: cpt 2 codes"
	assert_equal "$(last_audit)" "boss|code.import|ok|-|cpt"
	run -0 code show 99213 0042T -o csv
	assert_equal "$(tr -d '\r' <<<"$output")" "code,system,title,long_title,billable,kind,version,retired_in
99213,cpt,Office visit est pt low,,yes,,,
0042T,cpt,Cerebral perfusion analysis,,yes,,,"
	e=$(enc 1)
	chart dx add "$e" I10 >/dev/null
	chart proc add "$e" 99213 >/dev/null
	chart proc add "$e" 99215 >/dev/null	# well-formed, no description
	run -0 chart proc list "$e"
	assert_output $'prc-1\t99213\tcpt\t\t1\t1\tOffice visit est pt low
prc-2\t99215\tcpt\t\t1\t1\t'
	printf '99213,New words\n9921,Too short\n99214,\n' >"$BATS_TEST_TMPDIR/bad.csv"
	before=$(data)
	run -65 --separate-stderr env CLINIX_USER=boss code import cpt "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "$stderr" "code: $BATS_TEST_TMPDIR/bad.csv:2: code: not a CPT code (4 digits and a digit, F, T or U)
code: $BATS_TEST_TMPDIR/bad.csv:3: description: is empty
code: nothing imported"
	assert_equal "$(data)" "$before"
}

# --- who may ---------------------------------------------------------------

@test "role matrix: provider codes, nurse reads, frontdesk, billing and admin get 77 and a denied row" {
	need_root
	e=$(enc 1)
	chart problem add pat-1 E11.9 >/dev/null	# prb-1
	chart dx add "$e" E11.9 >/dev/null
	chart proc add "$e" 99213 >/dev/null		# prc-1
	# verb|arguments|read or write; the provider's writes in an order
	# that makes each one valid (prb-2, prc-2 are the new ones)
	local verbs=(
		"problem add|pat-1 I10|w"
		"problem list|pat-1|r"
		"problem resolve|pat-1 I10|w"
		"dx add|$e R05.9|w"
		"dx list|$e|r"
		"dx remove|$e R05.9|w"
		"proc add|$e 99214|w"
		"proc list|$e|r"
		"proc remove|$e prc-2|w"
	)
	for v in "${verbs[@]}"; do
		IFS='|' read -r verb args kind <<<"$v"
		for role in admin frontdesk billing nurse provider; do
			case $role in
			admin) user=boss ;; frontdesk) user=desk ;;
			billing) user=bill ;; nurse) user=nina ;;
			provider) user=doc ;;
			esac
			want=77
			[ "$role" = provider ] && want=0
			[ "$role" = nurse ] && [ "$kind" = r ] && want=0
			before=$(data)
			run --separate-stderr env CLINIX_USER=$user chart $verb $args
			[ "$status" -eq "$want" ] ||
			    fail "$role: chart $verb $args: exit $status, not $want: $stderr"
			# the audit row is the command's: its action, this login
			action="chart.${verb// /.}"
			if [ "$want" -eq 77 ]; then
				assert_equal "$(last_audit)" "$user|$action|denied|-|-"
				assert_equal "$(data)" "$before"
			else
				assert_equal "$(last_audit | cut -d'|' -f1-4)" "$user|$action|ok|1"
			fi
		done
	done
	assert_equal "$(q 'SELECT id, resolved_on IS NOT NULL FROM problem')" "1|0
2|1"
	assert_equal "$(dxs "$e")" "1:E119:1"
	assert_equal "$(q 'SELECT group_concat(id) FROM encounter_proc')" 1
}

@test "a nurse's read is audited naming the patient and the encounter" {
	need_root
	e=$(enc 2)
	chart dx add "$e" I10 >/dev/null
	run -0 env CLINIX_USER=nina chart dx list "$e"
	assert_equal "$(last_audit)" "nina|chart.dx.list|ok|2|$e"
	# nothing listed (1) is a look at the chart all the same
	run -1 env CLINIX_USER=nina chart problem list pat-2 --all
	assert_equal "$(last_audit)" "nina|chart.problem.list|ok|2|-"
}

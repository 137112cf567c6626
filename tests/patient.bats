load helper

# patient show: by id, by MRN, from stdin; who may look; every look audited;
# names in any script come back byte for byte.

FIX=$BATS_TEST_DIRNAME/fixtures/db

add_patients() {
	sqlite3 "$CLINIX_DB" <"$FIX/patients.sql"
}

rows() {
	sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM audit'
}

need_root() {
	[ "$(id -u)" -eq 0 ] || skip "CLINIX_USER is honoured only for root"
}

@test "show by pat- id or by MRN prints the record" {
	add_patients
	run -0 --separate-stderr patient show pat-1
	assert_equal "${#lines[@]}" 1
	assert_equal "$(cut -f1-7 <<<"$output")" $'pat-1\tM1\tAna\t\tLee\t\t1980-02-29'
	assert_equal "$(awk -F'\t' '{ print $NF }' <<<"$output")" active
	assert_equal "$stderr" ""
	# by MRN, the same record
	byid=$output
	run -0 patient show M1
	assert_output "$byid"
	# several, one record each, in the order given
	run -0 patient show pat-2 M1
	assert_equal "${#lines[@]}" 2
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "pat-2 pat-1 "
}

@test "an unknown patient or an id of another kind is 65" {
	add_patients
	n=$(rows)
	run -65 --separate-stderr patient show pat-99
	assert_output ""
	assert_equal "$stderr" "patient: no patient 'pat-99'"
	run -65 --separate-stderr patient show NOPE
	assert_equal "$stderr" "patient: no patient 'NOPE'"
	# nothing was shown, so nobody was read
	assert_equal "$(rows)" "$n"
	# among known ones: the others are shown
	run -65 --separate-stderr patient show pat-1 pat-99 pat-2
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "pat-1 pat-2 "
	assert_equal "$stderr" "patient: no patient 'pat-99'"
	# an id of another kind
	run -65 --separate-stderr patient show usr-1
	assert_output ""
	assert_equal "$stderr" "patient: not a patient id 'usr-1'"
}

@test "ids come from stdin, skipping comments and blank lines" {
	add_patients
	printf 'pat-1\n#comment\n\npat-2\n' >"$BATS_TEST_TMPDIR/ids"
	run -0 --separate-stderr patient show <"$BATS_TEST_TMPDIR/ids"
	assert_equal "${#lines[@]}" 2
	assert_equal "$(cut -f1,2 <<<"$output")" $'pat-1\tM1\npat-2\tM2'
	assert_equal "$stderr" ""
	run -0 patient show - <"$BATS_TEST_TMPDIR/ids"
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "pat-1 pat-2 "
	# an empty stdin shows nothing and is no error
	: >"$BATS_TEST_TMPDIR/none"
	n=$(rows)
	run -0 patient show <"$BATS_TEST_TMPDIR/none"
	assert_output ""
	assert_equal "$(rows)" "$n"
	# patient show's own CSV output feeds patient show
	patient show -o csv pat-2 pat-1 >"$BATS_TEST_TMPDIR/shown.csv"
	run -0 patient show <"$BATS_TEST_TMPDIR/shown.csv"
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "pat-2 pat-1 "
}

@test "frontdesk, billing, nurse and provider may show, each look on the record" {
	need_root
	add_patients
	for role in frontdesk billing nurse provider; do
		user add "the_$role" --role "$role" >/dev/null
		n=$(rows)
		run -0 --separate-stderr env CLINIX_USER="the_$role" patient show pat-1
		assert_equal "$(cut -f1,2 <<<"$output")" $'pat-1\tM1'
		assert_equal "$stderr" ""
		assert_equal "$(rows)" $((n + 1))
		assert_equal "$(sqlite3 -separator '|' "$CLINIX_DB" "SELECT login, action, outcome, patient_id FROM audit ORDER BY id DESC LIMIT 1")" \
		    "the_$role|patient.show|ok|1"
	done
}

@test "an unknown Unix user or a disabled one is 77, the attempt recorded" {
	need_root
	add_patients
	n=$(rows)
	run -77 --separate-stderr env CLINIX_USER=ghost patient show pat-1
	assert_output ""
	assert_equal "$stderr" "patient: 'ghost' is not an active clinix user (an admin adds you with 'user add')"
	assert_equal "$(rows)" $((n + 1))
	assert_equal "$(sqlite3 -separator '|' "$CLINIX_DB" "SELECT login, action, outcome, ifnull(patient_id, '-'), ifnull(record, '-'), detail FROM audit ORDER BY id DESC LIMIT 1")" \
	    "ghost|login|denied|-|-|patient"
	run -0 audit verify
	# a disabled user may no longer show either
	user add nina --role nurse >/dev/null
	run -0 env CLINIX_USER=nina patient show pat-1
	user disable nina >/dev/null
	run -77 --separate-stderr env CLINIX_USER=nina patient show pat-1
	assert_output ""
	assert_equal "$stderr" "patient: 'nina' is not an active clinix user (an admin adds you with 'user add')"
}

@test "-o json is one object per patient with every field" {
	add_patients
	run -0 patient show -o json pat-1 M2
	assert_equal "${#lines[@]}" 2
	assert_equal "$(jq -s -c '[.[] | [.id, .mrn, .first, .middle, .last, .dob, .channel, .status]]' <<<"$output")" \
	    '[["pat-1","M1","Ana",null,"Lee","1980-02-29","none","active"],["pat-2","M2","Bo",null,"Park","1975-06-01","none","active"]]'
	assert_equal "$(jq -s -c '.[0] | keys_unsorted | .[0:3]' <<<"$output")" '["id","mrn","first"]'
}

@test "names with accents and in other scripts round-trip" {
	sqlite3 "$CLINIX_DB" <"$FIX/patients-intl.sql"
	want="I1|José|María|Ñúñez-Güell
I2|伟||张
I3|Ελένη||Παπαδοπούλου
I4|محمد||الأحمد
I5|Zoë||O'Brien
I6|Дмитрий||Шостакович"
	run -0 --separate-stderr patient show -o json I1 I2 I3 I4 I5 I6
	assert_equal "$stderr" ""
	assert_equal "$(jq -r '[.mrn, .first, (.middle // ""), .last] | join("|")' <<<"$output")" "$want"
	run -0 patient show -o tsv I1 I2 I3 I4 I5 I6
	assert_equal "$(cut -f2-5 <<<"$output" | tr '\t' '|')" "$want"
	# byte for byte: 张 is e5 bc a0 in UTF-8
	assert_equal "$(sed -n 2p <<<"$output" | cut -f5 | od -An -tx1 | tr -d ' \n')" e5bca00a
}

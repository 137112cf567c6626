load helper

# patient: register, change, show, list and search patients; merge them;
# their insurance coverage and the payers; import and export; who may do
# what; every read on the audit trail.  Bad data is 65 and writes nothing,
# a bad option value 64, a role without the capability 77.

FIX=$BATS_TEST_DIRNAME/fixtures/patients
DBFIX=$BATS_TEST_DIRNAME/fixtures/db
FIELDS="mrn first middle last preferred dob sex gender phone phone2 email address1 address2 city state zip country language channel sms_consent email_consent emergency_name emergency_phone deceased note"

# Two patients straight into the database: pat-1 Ana Lee (M1), pat-2 Bo
# Park (M2).
add_patients() {
	sqlite3 "$CLINIX_DB" <"$DBFIX/patients.sql"
}
# The ten patients of people.csv, MRNs P001..P010, as pat-1..pat-10.
import_people() {
	patient import "$FIX/people.csv" >/dev/null
}
rows() {
	sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM audit'
}
npat() {
	sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM patient'
}
# A checksum of the whole database, audit trail included: "nothing
# written" is this staying the same.
everything() {
	sqlite3 "$CLINIX_DB" .dump | cksum
}
# The same without the audit trail, for refusals that are audited.
data() {
	sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum
}
last_audit() {
	sqlite3 -separator '|' "$CLINIX_DB" "SELECT login, action, outcome,
	    ifnull(patient_id, '-'), ifnull(record, '-'), ifnull(detail, '-')
	    FROM audit ORDER BY id DESC LIMIT 1"
}
# One field of one patient, empty when not set.
field() {
	patient show -o json "$1" | jq -r ".$2 // empty"
}
# The second column (MRN) of the lines in $output, space-separated.
mrns() {
	[ -n "$output" ] || return 0
	cut -f2 <<<"$output" | tr '\n' ' '
}

# One clinic made by the real `clinix init` for the whole file, copied
# for each test (database, key, audit tail and config): every test still
# starts from a fresh clinic of its own, at a fraction of the cost.
setup_file() { clinic_once; }
setup() { clinic_copy; }

# -- show -------------------------------------------------------------

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
	assert_equal "$stderr" "patient: not a clinix user: ask an admin to run 'user add ghost'"
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
	assert_equal "$stderr" "patient: 'nina' is disabled: ask an admin to run 'user enable nina'"
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
	sqlite3 "$CLINIX_DB" <"$DBFIX/patients-intl.sql"
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

# -- add: fields and their rules --------------------------------------

@test "a field with _ is a flag with -, and still with _" {
	run -0 --separate-stderr patient add --first Ana --last Lee \
	    --dob 1980-02-29 --sms-consent 2020-01-01 --email-consent no \
	    --emergency-name "Bo Lee" --emergency-phone 617.555.0199
	assert_output pat-1
	assert_equal "$stderr" ""
	assert_equal "$(field pat-1 sms_consent)|$(field pat-1 email_consent)|$(field pat-1 emergency_name)|$(field pat-1 emergency_phone)" \
	    "2020-01-01||Bo Lee|+16175550199"
	run -0 patient edit pat-1 --sms_consent no --email_consent 2021-02-03 \
	    --emergency_name "Cy Lee"
	assert_output pat-1
	assert_equal "$(field pat-1 sms_consent)|$(field pat-1 email_consent)|$(field pat-1 emergency_name)" \
	    "|2021-02-03|Cy Lee"
	# a prefix of both spellings is one option, not an ambiguous one
	run -0 patient edit pat-1 --sms 2022-03-04
	assert_equal "$(field pat-1 sms_consent)" 2022-03-04
	# the history names the field, as it is spelt in every other place
	run -0 patient history -o tsv pat-1
	assert_equal "$(cut -f4 <<<"$output" | sort -u | tr '\n' ' ')" \
	    "email_consent emergency_name sms_consent "
	run -64 --separate-stderr patient edit pat-1 --sms-consnt yes
	assert_output ""
	assert_equal "${stderr_lines[0]}" "patient: unknown option '--sms-consnt'"
}

@test "one set of names: add flags, show, export and list columns, JSON keys" {
	today=$(date +%F)
	run -0 --separate-stderr patient add --mrn A-1 --first Ana --middle Q \
	    --last Lee --preferred Annie --dob 1980-02-29 --sex f --gender woman \
	    --phone "(617) 555-0100" --phone2 "+44 20 7946 0958" \
	    --email ana@example.org --address1 "1 Main St" --address2 "Apt 2" \
	    --city Boston --state MA --zip 02118 --country us --language en \
	    --channel sms --sms_consent yes --email_consent 2020-01-02 \
	    --emergency_name "Bo Lee" --emergency_phone 617.555.0199 \
	    --deceased 2020-03-04 --note "  kept as typed  "
	assert_output pat-1
	assert_equal "$stderr" ""
	# stored normalised: sex and country upper case, phones E.164,
	# consent "yes" as today's date; the note untrimmed
	run -0 patient show -o json pat-1
	assert_equal "$output" '{"id":"pat-1","mrn":"A-1","first":"Ana","middle":"Q","last":"Lee","preferred":"Annie","dob":"1980-02-29","sex":"F","gender":"woman","phone":"+16175550100","phone2":"+442079460958","email":"ana@example.org","address1":"1 Main St","address2":"Apt 2","city":"Boston","state":"MA","zip":"02118","country":"US","language":"en","channel":"sms","sms_consent":"'"$today"'","email_consent":"2020-01-02","emergency_name":"Bo Lee","emergency_phone":"+16175550199","deceased":"2020-03-04","note":"  kept as typed  ","status":"deceased"}'
	# the same names head show's CSV and export's, and name list's columns
	patient show -o csv pat-1 >"$BATS_TEST_TMPDIR/show.csv"
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/show.csv" | tr -d '\r')" "id,${FIELDS// /,},status"
	patient export >"$BATS_TEST_TMPDIR/export.csv"
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/export.csv" | tr -d '\r')" "id,${FIELDS// /,},status,not_duplicate"
	patient list -o csv --status all >"$BATS_TEST_TMPDIR/list.csv"
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/list.csv" | tr -d '\r')" "id,mrn,last,first,dob,sex,phone,status"
	# leading and trailing blanks go from every other field
	run -0 patient add --first "  Bo " --last " Park" --dob " 1975-06-01 "
	assert_equal "$(field pat-2 first)|$(field pat-2 last)|$(field pat-2 dob)" "Bo|Park|1975-06-01"
}

@test "MRNs are made M0000001 upwards unless given, skipping taken ones" {
	run -0 patient add --first A --last One --dob 1981-01-01
	assert_output pat-1
	run -0 patient add --first B --last Two --dob 1982-01-01 --mrn M0000003
	run -0 patient add --first C --last Three --dob 1983-01-01
	run -0 patient add --first D --last Four --dob 1984-01-01 --mrn 000517
	run -0 patient add --first E --last Five --dob 1985-01-01
	run -0 sqlite3 "$CLINIX_DB" 'SELECT id, mrn FROM patient ORDER BY id'
	assert_output "1|M0000001
2|M0000003
3|M0000002
4|000517
5|M0000004"
	# an MRN holds letters, digits and '-' only
	n=$(everything)
	run -65 --separate-stderr patient add --first F --last Six --dob 1986-01-01 --mrn "A B"
	assert_equal "$stderr" "patient: mrn: may hold only letters, digits and '-'"
	assert_equal "$(everything)" "$n"
}

@test "a taken MRN is refused with one clear message, nothing written" {
	patient add --first A --last One --dob 1981-01-01 --mrn X-12 >/dev/null
	patient add --first B --last Two --dob 1982-01-01 >/dev/null
	n=$(everything)
	run -65 --separate-stderr patient add --first C --last Three --dob 1983-01-01 --mrn X-12
	assert_output ""
	assert_equal "$stderr" "patient: mrn: 'X-12' belongs to another patient"
	run -65 --separate-stderr patient edit pat-2 --mrn X-12
	assert_output ""
	assert_equal "${#stderr_lines[@]}" 1
	[[ $stderr == "patient: "*"'X-12' belongs to another patient" ]] ||
	    fail "got: $stderr"
	assert_equal "$(everything)" "$n"
}

@test "add --from reads one record as YAML or JSON; flags win over it" {
	run -0 --separate-stderr patient add --from - <"$FIX/record.yaml"
	assert_output pat-1
	assert_equal "$stderr" ""
	run -0 patient show -o json pat-1
	assert_equal "$(jq -c '[.first, .last, .dob, .phone, .email, .note]' <<<"$output")" \
	    '["Zoë","O'"'"'Brien","1999-09-09","+442079460958","zoe@example.org","Two lines\nof note.\n"]'
	# JSON from a file, a flag overriding its phone
	run -0 patient add --from "$FIX/record.json" --phone "617 555 0104"
	assert_output pat-2
	run -0 patient show -o json pat-2
	assert_equal "$(jq -c '[.first, .last, .sex, .phone, .sms_consent]' <<<"$output")" \
	    '["José","Núñez","M","+16175550104","'"$(date +%F)"'"]'
	# bad records: nothing written, the line named
	n=$(everything)
	run -65 --separate-stderr patient add --from - <<<$'first: A\nlast: B\ndob: 1980-01-01\nshoe: 9'
	assert_equal "$stderr" "patient: stdin:4: unknown field 'shoe'"
	run -65 --separate-stderr patient add --from - <<<$'first: A\nlast: B\ndob: 2999-01-01'
	assert_equal "$stderr" "patient: stdin:3: dob: in the future"
	run -65 --separate-stderr patient add --from - <<<'{"first": "A", "dob": "1980-01-01"}'
	assert_equal "$stderr" "patient: last: required"
	run -66 patient add --from "$BATS_TEST_TMPDIR/nowhere.yaml"
	assert_equal "$(everything)" "$n"
}

@test "a DOB in the future or before 1900 is refused, nothing written" {
	tomorrow=$(date -d tomorrow +%F)
	n=$(everything)
	for d in "$tomorrow" 2999-01-01 +1d; do
		run -65 --separate-stderr patient add --first Ana --last Lee --dob "$d"
		assert_output ""
		assert_equal "$stderr" "patient: dob: in the future"
	done
	for d in 1899-12-31 1066-10-14; do
		run -65 --separate-stderr patient add --first Ana --last Lee --dob "$d"
		assert_equal "$stderr" "patient: dob: before 1900"
	done
	for d in 1981-02-29 1980-02-30 03/04/1980 1980-2-3 soon ""; do
		run -65 --separate-stderr patient add --first Ana --last Lee --dob "$d"
		[[ $stderr == "patient: dob: "* ]] || fail "--dob '$d': $stderr"
	done
	# a date of death follows the same rules, and comes after birth
	run -65 --separate-stderr patient add --first Ana --last Lee --dob 1980-01-01 --deceased 2999-01-01
	assert_equal "$stderr" "patient: deceased: in the future"
	run -65 --separate-stderr patient add --first Ana --last Lee --dob 1980-01-01 --deceased 1979-12-31
	assert_equal "$stderr" "patient: deceased: before the date of birth"
	assert_equal "$(everything)" "$n"
	# the edges are dates of birth
	run -0 patient add --first Old --last Est --dob 1900-01-01
	run -0 patient add --first New --last Born --dob today
	assert_equal "$(field pat-2 dob)" "$(date +%F)"
	# and an edit cannot make one wrong
	n=$(everything)
	run -65 --separate-stderr patient edit pat-1 --dob "$tomorrow"
	assert_equal "$stderr" "patient: dob: in the future"
	assert_equal "$(everything)" "$n"
}

@test "phones are stored in E.164, national numbers read in clinic.country" {
	k=0
	for p in "(617) 555-0100" 617.555.0100 "617 555 0100" 6175550100 \
	    1-617-555-0100 "+1 617 555 0100" "001 617 555 0100"; do
		k=$((k + 1))
		run -0 patient add --first "P$k" --last Phone --dob "1980-01-0$k" --phone "$p"
		assert_equal "$(field "pat-$k" phone)" "+16175550100"
	done
	run -0 patient add --first Eu --last Phone --dob 1970-01-01 --phone "+44 20 7946 0958"
	assert_equal "$(field pat-8 phone)" "+442079460958"
	# a clinic in the UK reads national numbers as British
	sed -i 's/^\(  country: \)"US"/\1"GB"/' "$CLINIX_CONFIG"
	grep -q '^  country: "GB"' "$CLINIX_CONFIG" || fail "config: no clinic.country"
	run -0 patient add --first Uk --last Phone --dob 1971-01-01 --phone "020 7946 0959" --emergency_phone "07700 900123"
	assert_equal "$(field pat-9 phone)|$(field pat-9 emergency_phone)" "+442079460959|+447700900123"
}

@test "a phone that cannot be normalised is refused, nothing written" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	n=$(everything)
	while IFS='|' read -r p why; do
		run -65 --separate-stderr patient add --first Bo --last Park --dob 1975-06-01 --phone "$p"
		assert_output ""
		assert_equal "$stderr" "patient: phone: $why"
	done <<-'EOF'
	555-0100|a North American number has 10 digits
	617-555-01000|a North American number has 10 digits
	617-555-CALL|only digits, spaces, '+', '-', '.', '(' and ')' belong in a phone number
	617 555 0100 x2|only digits, spaces, '+', '-', '.', '(' and ')' belong in a phone number
	(017) 555-0100|not a valid North American number
	(617) 155-0100|not a valid North American number
	+44 1234|not a valid international number (8 to 15 digits, country code first)
	+0 20 7946 0958|not a valid international number (8 to 15 digits, country code first)
	EOF
	# phone2 and the emergency phone follow the same rules
	run -65 --separate-stderr patient add --first Bo --last Park --dob 1975-06-01 --phone2 555-0100
	assert_equal "$stderr" "patient: phone2: a North American number has 10 digits"
	run -65 --separate-stderr patient add --first Bo --last Park --dob 1975-06-01 --emergency_phone call
	[[ $stderr == "patient: emergency_phone: only digits"* ]] || fail "$stderr"
	run -65 --separate-stderr patient edit pat-1 --phone 555-0100
	assert_equal "$stderr" "patient: phone: a North American number has 10 digits"
	# a clinic whose country is not known needs the country code
	sed -i 's/^\(  country: \)"US"/\1"ZZ"/' "$CLINIX_CONFIG"
	run -65 --separate-stderr patient add --first Bo --last Park --dob 1975-06-01 --phone "617 555 0100"
	assert_equal "$stderr" "patient: phone: no country code: start the number with '+'"
	assert_equal "$(everything)" "$n"
}

@test "a phone with its country code and parentheses is a phone: +1 (617) 555-0100" {
	# 17 characters as typed, 12 stored: the length limit is the stored one
	run -0 --separate-stderr patient add --first Ana --last Lee --dob 1980-02-29 --phone "+1 (617) 555-0100"
	assert_output pat-1
	assert_equal "$stderr" ""
	assert_equal "$(field pat-1 phone)" "+16175550100"
	run -0 patient edit pat-1 --phone "+44 (20) 7946-0958"
	assert_equal "$(field pat-1 phone)" "+442079460958"
}

@test "an email without @ is refused, nothing written" {
	n=$(everything)
	for e in ana.example.org ana@example @example.org ana@@example.org \
	    "ana lee@example.org" ana@example.org. "<ana@example.org>" \
	    "ana@example.org, bo@example.org"; do
		run -65 --separate-stderr patient add --first Ana --last Lee --dob 1980-02-29 --email "$e"
		assert_equal "$stderr" "patient: email: not an email address (name@example.org)"
	done
	assert_equal "$(everything)" "$n"
	run -0 patient add --first Ana --last Lee --dob 1980-02-29 --email ana.lee+clinic@mail.example.org
	assert_equal "$(field pat-1 email)" ana.lee+clinic@mail.example.org
}

@test "the schema itself refuses a bad sex or channel, as sqlite3 would write them" {
	# 011 wrote these CHECKs as ORs in place of IN lists: every value
	# the program takes still goes in, anything else does not
	ins() {	# ins SEX CHANNEL: a raw insert, as a sqlite3 session makes it
		sqlite3 "$CLINIX_DB" "INSERT INTO patient (mrn, first, last, dob,
		    sex, channel, created_at, updated_at) VALUES ('R' || (SELECT
		    count(*) FROM patient), 'Ana', 'Lee', '1980-02-29', $1, $2,
		    'x', 'x')"
	}
	for sex in "'F'" "'M'" "'X'" "'U'" NULL; do
		run -0 ins "$sex" "'none'"
	done
	for ch in "'sms'" "'email'" "'none'"; do
		run -0 ins NULL "$ch"
	done
	for sex in "'Q'" "'f'" "''" "'FM'" "'F '"; do
		run ! ins "$sex" "'none'"
		assert_output --partial "CHECK constraint failed: sex"
	done
	for ch in "'fax'" "'SMS'" "''" "'none '" NULL; do
		run ! ins NULL "$ch"
		assert_output --regexp "CHECK constraint failed: channel|NOT NULL constraint failed: patient.channel"
	done
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM patient')" 8
}

@test "sex, channel, consent, country and required names follow their rules" {
	n=$(everything)
	while IFS='|' read -r opt val why; do
		run -65 --separate-stderr patient add --first Ana --last Lee --dob 1980-02-29 "$opt" "$val"
		assert_equal "$stderr" "patient: ${opt#--}: $why"
	done <<-'EOF'
	--sex|Q|F, M, X or U
	--channel|fax|sms, email or none
	--sms_consent|maybe|yes, no, or the date consent was given
	--email_consent|2999-01-01|yes, no, or the date consent was given
	--country|USA|longer than 2 characters
	--country|1X|a two-letter country code (US)
	--first||required
	--last|   |required
	--city|Bad	Tab|holds a control character
	EOF
	run -65 --separate-stderr patient add --last Lee --dob 1980-02-29
	assert_equal "$stderr" "patient: first: required"
	run -65 --separate-stderr patient add --first Ana --last Lee
	assert_equal "$stderr" "patient: dob: required"
	run -65 --separate-stderr patient add --first "$(printf 'Ana\001')" --last Lee --dob 1980-02-29
	assert_equal "$stderr" "patient: first: holds a control character"
	run -65 --separate-stderr patient add --first "$(printf 'Jos\xe9')" --last Lee --dob 1980-02-29
	assert_equal "$stderr" "patient: first: not valid UTF-8"
	assert_equal "$(everything)" "$n"
	# "no" consent is no date; an unknown option or a stray word is usage
	run -0 patient add --first Ana --last Lee --dob 1980-02-29 --sms_consent no --channel email --sex x
	assert_equal "$(field pat-1 sms_consent)|$(field pat-1 channel)|$(field pat-1 sex)" "|email|X"
	run -64 --separate-stderr patient add --first Bo --last Park --dob 1975-06-01 --shoe 9
	[[ $stderr == *"usage: patient add "* ]] || fail "$stderr"
	run -64 --separate-stderr patient add --first Bo --last Park --dob 1975-06-01 extra
	[[ $stderr == "patient: unexpected argument 'extra'"* ]] || fail "$stderr"
	assert_equal "$(npat)" 1
}

@test "1 MB of text in a name field is refused: the limit is 100 characters" {
	big=$(head -c 1048576 /dev/zero | tr '\0' a)
	printf '{"first": "%s", "last": "Lee", "dob": "1980-01-01"}\n' "$big" >"$BATS_TEST_TMPDIR/big.json"
	printf 'first: Ana\nlast: %s\ndob: 1980-01-01\n' "$big" >"$BATS_TEST_TMPDIR/big.yaml"
	printf 'first,last,dob\nAna,%s,1980-01-01\n' "$big" >"$BATS_TEST_TMPDIR/big.csv"
	n=$(everything)
	run -65 --separate-stderr patient add --from - <"$BATS_TEST_TMPDIR/big.json"
	assert_output ""
	assert_equal "$stderr" "patient: stdin:1: first: longer than 100 characters"
	run -65 --separate-stderr patient add --from "$BATS_TEST_TMPDIR/big.yaml"
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/big.yaml:2: last: longer than 100 characters"
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/big.csv"
	assert_output ""
	assert_equal "${stderr_lines[0]}" "patient: $BATS_TEST_TMPDIR/big.csv:2: last: longer than 100 characters"
	# as much as one argument can hold (128 KiB on Linux)
	run -65 --separate-stderr patient add --first "${big:0:131000}" --last Lee --dob 1980-01-01
	assert_equal "$stderr" "patient: first: longer than 100 characters"
	run -65 --separate-stderr patient add --first Ana --last Lee --dob 1980-01-01 --middle "${big:0:101}"
	assert_equal "$stderr" "patient: middle: longer than 100 characters"
	assert_equal "$(everything)" "$n"
	# 100 characters is the limit in any script, however many bytes
	e100=$(printf 'é%.0s' {1..100}) w100=$(printf '王%.0s' {1..100})
	run -0 patient add --first "$e100" --last "$w100" --dob 1980-01-01
	run -0 sqlite3 "$CLINIX_DB" 'SELECT length(first), length(CAST(first AS BLOB)), length(last), length(CAST(last AS BLOB)) FROM patient'
	assert_output "100|200|100|300"
	run -65 --separate-stderr patient add --first "${e100}é" --last Lee --dob 1980-01-01
	assert_equal "$stderr" "patient: first: longer than 100 characters"
	assert_equal "$(npat)" 1
}

# -- names in every script --------------------------------------------

@test "names with apostrophes, hyphens, accents and other scripts are stored and searched" {
	import_people
	run -0 patient show -o json P001 P002 P003 P004 P005 P006 P007 P008
	assert_equal "$(jq -r '[.first, (.middle // ""), .last] | join("|")' <<<"$output")" \
	    "Siobhán||O'Brien
Hans-Jürgen||Müller
José|María|Núñez-García
小明||王
Ελένη||Παπαδοπούλου
Дмитрий||Шостакович
محمد||الأحمد
Mary-Kate||D'Arcy-Smith"
	# case, Latin accents and punctuation do not count; other scripts
	# match as written; first or last name, by prefix
	while IFS='|' read -r q want; do
		run -0 patient search "$q"
		assert_equal "$(mrns)" "$want "
	done <<-'EOF'
	obrien|P001
	O'Brien|P001
	SIOBHÁN|P001
	muller|P002
	MÜLLER|P002
	hans-jürgen|P002
	jose|P003
	JOSÉ|P003
	núñez-garcía|P003
	王|P004
	王 小明|P004
	παπαδ|P005
	ΕΛΈΝΗ|P005
	ШОСТ|P006
	محمد|P007
	darcy|P008
	mary-kate|P008
	EOF
	# a prefix, not a substring
	run -1 patient search garcia
	run -1 patient search rien
}

@test "search ignores the accents of Vietnamese and Romanian names too" {
	patient add --first Văn --last Nguyễn --dob 1970-01-01 >/dev/null
	patient add --first Ștefan --last Țurcanu --dob 1971-01-01 >/dev/null
	run -0 patient search nguyen
	assert_equal "$(cut -f1 <<<"$output")" pat-1
	run -0 patient search stefan
	assert_equal "$(cut -f1 <<<"$output")" pat-2
	run -0 patient search turcanu
	assert_equal "$(cut -f1 <<<"$output")" pat-2
}

# -- duplicates ---------------------------------------------------------

@test "the duplicate guard: same name and DOB, or phone and DOB, names the candidate" {
	run -0 patient add --first José --last Núñez --dob 1990-01-15 --phone "617 555 0103"
	assert_output pat-1
	msg="patient: looks like pat-1 (same name and date of birth, or phone and date of birth): use --force to add anyway"
	n=$(everything)
	# the same name, in other case and without accents or punctuation
	run -65 --separate-stderr patient add --first JOSE --last nunez --dob 1990-01-15
	assert_output ""
	assert_equal "$stderr" "$msg"
	run -65 --separate-stderr patient add --first "José" --last "Nu'nez" --dob 1990-01-15 --mrn Z9
	assert_equal "$stderr" "$msg"
	# the same phone, however written, and DOB, under another name
	run -65 --separate-stderr patient add --first Pepe --last Garcia --dob 1990-01-15 --phone "(617) 555-0103"
	assert_equal "$stderr" "$msg"
	# also from a record on stdin
	run -65 --separate-stderr patient add --from - <<<'{"first":"jose","last":"NÚÑEZ","dob":"1990-01-15"}'
	assert_equal "$stderr" "$msg"
	assert_equal "$(everything)" "$n"
	# another day of birth is another person
	run -0 patient add --first José --last Núñez --dob 1991-01-15
	assert_output pat-2
	# the same name with another first name too
	run -0 patient add --first Josefa --last Núñez --dob 1990-01-15
	assert_output pat-3
	# --force adds anyway
	run -0 patient add --first José --last Núñez --dob 1990-01-15 --force
	assert_output pat-4
	# an edit that makes one patient look like another is refused too
	run -65 --separate-stderr patient edit pat-2 --dob 1990-01-15
	assert_equal "$stderr" "$msg"
	run -0 patient edit pat-2 --dob 1990-01-15 --force
}

@test "an edit of other fields is not stopped by a look-alike added with --force" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient add --first Ana --last Lee --dob 1980-02-29 --force >/dev/null
	# neither record's name, DOB or phone changes
	run -0 --separate-stderr patient edit pat-1 --email ana@example.org
	assert_output pat-1
	assert_equal "$stderr" ""
	run -0 patient edit pat-2 --city Boston
	assert_output pat-2
}

# -- edit and history ---------------------------------------------------

@test "edit changes fields by id or MRN; history says who changed what, when" {
	need_root
	patient add --first Ana --last Lee --dob 1980-02-29 --phone "(617) 555-0100" >/dev/null
	user add desk --role frontdesk >/dev/null
	run -0 --separate-stderr env CLINIX_USER=desk patient edit M0000001 --phone "617 555 0199" --email ana@example.org
	assert_output pat-1
	assert_equal "$stderr" ""
	assert_equal "$(last_audit)" "desk|patient.edit|ok|1|pat-1|2 fields"
	run -0 patient edit pat-1 --email ""
	run -0 patient history pat-1
	assert_equal "${#lines[@]}" 3
	at='20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z'
	assert_line --index 0 --regexp "^chg-1	$at	desk	phone	\+16175550100	\+16175550199\$"
	assert_line --index 1 --regexp "^chg-2	$at	desk	email		ana@example.org\$"
	assert_line --index 2 --regexp "^chg-3	$at	$(id -un)	email	ana@example.org	\$"
	run -0 patient history -o json M0000001
	assert_equal "$(jq -s -c '[.[] | [.field, .old, .new]]' <<<"$output")" \
	    '[["phone","+16175550100","+16175550199"],["email",null,"ana@example.org"],["email","ana@example.org",null]]'
	# history is a read of the patient, and audited as one
	assert_equal "$(last_audit)" "$(id -un)|patient.history|ok|1|-|-"
	# an edit that changes nothing adds no history
	run -0 patient edit pat-1 --phone "+1 617 555 0199"
	run -0 patient history pat-1
	assert_equal "${#lines[@]}" 3
	run -65 --separate-stderr patient history pat-9
	assert_equal "$stderr" "patient: no patient 'pat-9'"
}

@test "an edit with bad data, of nobody, or of nothing writes nothing" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	n=$(everything)
	run -65 --separate-stderr patient edit pat-1 --email nope
	assert_equal "$stderr" "patient: email: not an email address (name@example.org)"
	run -65 --separate-stderr patient edit pat-1 --first ""
	assert_equal "$stderr" "patient: first: required"
	run -65 --separate-stderr patient edit pat-1 --deceased 1970-01-01
	assert_equal "$stderr" "patient: deceased: before the date of birth"
	run -65 --separate-stderr patient edit pat-9 --email ana@example.org
	assert_equal "$stderr" "patient: no patient 'pat-9'"
	run -65 --separate-stderr patient edit apt-1 --email ana@example.org
	assert_equal "$stderr" "patient: not a patient id 'apt-1'"
	run -64 --separate-stderr patient edit pat-1
	[[ $stderr == "patient: name a field to change"* ]] || fail "$stderr"
	run -64 patient edit --email ana@example.org
	run -64 patient edit pat-1 pat-2 --email ana@example.org
	run -64 patient edit pat-1 --shoe 9
	assert_equal "$(everything)" "$n"
}

# -- list ----------------------------------------------------------------

@test "list shows active patients by default; filters by name, DOB, sex, status" {
	import_people
	patient deactivate P010 >/dev/null
	# P006 died, P010 is inactive
	run -0 patient list
	assert_equal "$(mrns)" "P008 P009 P002 P003 P001 P005 P007 P004 "
	run -0 patient list --status inactive
	assert_equal "$(mrns)" "P010 "
	run -0 patient list --status deceased
	assert_equal "$(mrns)" "P006 "
	run -0 patient list --status all
	assert_equal "${#lines[@]}" 10
	assert_equal "$(cut -f8 <<<"$output" | sort | uniq -c | awk '{ print $2 "=" $1 }' | tr '\n' ' ')" \
	    "active=8 deceased=1 inactive=1 "
	run -0 patient list --name LEE --status all
	assert_equal "$(mrns)" "P010 P009 "
	run -0 patient list --name mu
	assert_equal "$(mrns)" "P002 "
	run -0 patient list --dob 1990-01-15
	assert_equal "$(mrns)" "P003 "
	run -0 patient list --sex F
	assert_equal "$(mrns)" "P009 P001 P005 "
	run -0 patient list --sex F --name z
	assert_equal "$(mrns)" "P009 "
	run -0 patient list --limit 2
	assert_equal "$(mrns)" "P008 P009 "
	run -0 patient list -o json --name siob
	assert_equal "$(jq -c 'keys_unsorted' <<<"$output")" '["id","mrn","last","first","dob","sex","phone","status"]'
	# bad option values are usage errors
	run -64 --separate-stderr patient list --status gone
	assert_equal "${stderr_lines[0]}" "patient: unknown status 'gone' (active, inactive, deceased, merged, all)"
	run -64 --separate-stderr patient list --dob 1990-13-01
	assert_equal "${stderr_lines[0]}" "patient: --dob: not a date '1990-13-01'"
	run -64 patient list --limit x
	run -64 patient list --limit -1
	run -64 patient list lee
}

@test "list --age takes MIN-MAX or one age, in whole years today" {
	# 30 today, 31 today, 31 tomorrow, 18 today, 18 tomorrow
	for d in "30 years ago" "31 years ago" "31 years ago + 1 day" \
	    "18 years ago" "18 years ago + 1 day"; do
		patient add --first "$(date -d "$d" +%F)" --last Age --dob "$(date -d "$d" +%F)" >/dev/null
	done
	run -0 patient list --age 30
	assert_equal "$(cut -f1 <<<"$output" | sort | tr '\n' ' ')" "pat-1 pat-3 "
	run -0 patient list --age 18-30
	assert_equal "$(cut -f1 <<<"$output" | sort | tr '\n' ' ')" "pat-1 pat-3 pat-4 "
	run -0 patient list --age 31-150
	assert_equal "$(cut -f1 <<<"$output")" pat-2
	run -0 patient list --age 0-17
	assert_equal "$(cut -f1 <<<"$output")" pat-5
	run -1 patient list --age 40-50
	for a in 30-18 abc -5 151 0-151 ""; do
		run -64 --separate-stderr patient list --age "$a"
		assert_equal "${stderr_lines[0]}" "patient: --age wants MIN-MAX years, like 18-65"
	done
}

@test "list --age refuses what is not MIN-MAX or one age: 18-, 5x, 18-30y" {
	patient add --first Ana --last Lee --dob "$(date -d '40 years ago' +%F)" >/dev/null
	for a in 18- 5x 18-30y 18--30 "18 30"; do
		run -64 --separate-stderr patient list --age "$a"
		assert_equal "${stderr_lines[0]}" "patient: --age wants MIN-MAX years, like 18-65"
	done
}

@test "list --sex takes what add takes: lower case, and 64 for a bad value" {
	patient add --first Ana --last Lee --dob 1980-02-29 --sex f >/dev/null
	run -0 patient list --sex f
	assert_equal "$(cut -f1 <<<"$output")" pat-1
	run -64 patient list --sex Q
}

@test "list --has-coverage and --payer" {
	for n in 1 2 3; do
		patient add --first "P$n" --last Cov --dob "1980-01-0$n" >/dev/null
	done
	patient payer add Aetna --payer-id 60054 >/dev/null
	patient payer add "Blue Cross" --payer-id BCBS01 >/dev/null
	# pat-1 covered now; pat-2 was, last year; pat-3 never
	patient coverage add pat-1 --payer Aetna --member-id A1 --from -1y >/dev/null
	patient coverage add pat-2 --payer Aetna --member-id A2 --from -3y --to -1y >/dev/null
	run -0 patient list --has-coverage
	assert_equal "$(cut -f1 <<<"$output")" pat-1
	run -0 patient list --payer Aetna
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "pat-1 pat-2 "
	run -0 patient list --payer 60054 --has-coverage
	assert_equal "$(cut -f1 <<<"$output")" pat-1
	run -0 patient list --payer pyr-1 --name p2
	assert_equal "$(cut -f1 <<<"$output")" pat-2
	run -1 patient list --payer "Blue Cross"
	run -65 --separate-stderr patient list --payer Nope
	assert_equal "$stderr" "patient: no payer 'Nope' (add it with 'patient payer add')"
}

# -- search ----------------------------------------------------------------

@test "search: name prefix, two names either way, MRN, phone however written, DOB; pipes into show" {
	import_people
	run -0 patient search lee
	assert_equal "$(mrns)" "P010 P009 "
	run -0 patient search "ana lee"
	assert_equal "$(mrns)" "P010 "
	run -0 patient search "LEE  ana"
	assert_equal "$(mrns)" "P010 "
	run -0 patient search "lee z"
	assert_equal "$(mrns)" "P009 "
	run -0 patient search P003
	assert_equal "$(mrns)" "P003 "
	for p in 6175550101 "(617) 555-0101" "+1 617 555 0101" 617.555.0101 1-617-555-0101; do
		run -0 patient search "$p"
		assert_equal "$(mrns)" "P001 "
	done
	# the second phone too
	run -0 patient search "+44 20 7946 0958"
	assert_equal "$(mrns)" "P001 "
	run -0 patient search 1985-03-17
	assert_equal "$(mrns)" "P001 "
	run -1 patient search 1985-03-18
	run -1 patient search "(617) 555-0199"
	# at most --limit, 50 by default
	run -0 patient search --limit 1 lee
	assert_equal "$(mrns)" "P010 "
	run -64 patient search --limit 0 lee
	run -64 patient search ""
	run -64 patient search
	run -64 patient search ana lee
	# inactive and deceased patients are found; merged ones are not
	patient deactivate P010 >/dev/null
	run -0 patient search "ana lee"
	assert_equal "$(cut -f8 <<<"$output")" inactive
	run -0 patient search шостакович
	assert_equal "$(cut -f8 <<<"$output")" deceased
	# what search and list print, show takes
	patient search lee >"$BATS_TEST_TMPDIR/found"
	run -0 --separate-stderr patient show <"$BATS_TEST_TMPDIR/found"
	assert_equal "$(mrns)" "P010 P009 "
	assert_equal "$stderr" ""
	patient list -o csv --sex M >"$BATS_TEST_TMPDIR/men.csv"
	run -0 patient show - <"$BATS_TEST_TMPDIR/men.csv"
	assert_equal "$(mrns)" "P002 P003 P007 P004 "
	# merged patients are not found
	patient merge P009 P010 >/dev/null
	run -1 patient search "ana lee"
}

# -- the audit trail of reads ------------------------------------------

@test "list, search and export write one audit row each, the ids as ranges" {
	for i in 1 2 3 4 5 6 7 8 9; do
		patient add --first "F$i" --last Gap --dob "1980-01-0$i" >/dev/null
	done
	for i in 6 7 8; do patient deactivate "pat-$i" >/dev/null; done
	me=$(id -un)
	n=$(rows)
	run -0 patient list
	assert_equal "${#lines[@]}" 6
	assert_equal "$(rows)" $((n + 1))
	assert_equal "$(last_audit)" "$me|patient.list|ok|-|6 patients|1-5,9"
	run -0 patient search gap
	assert_equal "$(last_audit)" "$me|patient.search|ok|-|9 patients: search|1-9"
	# one patient: the row names it
	run -0 patient search f3
	assert_equal "$(last_audit)" "$me|patient.search|ok|3|1 patients: search|3"
	# nobody found: still a row
	n=$(rows)
	run -1 patient search nobody
	assert_equal "$(rows)" $((n + 1))
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT action, record FROM audit ORDER BY id DESC LIMIT 1')" \
	    "patient.search|0 patients: search"
	run -0 patient export -o json
	assert_equal "$(last_audit)" "$me|patient.export|ok|-|9 patients: export|1-9"
	run -0 patient export --status inactive
	assert_equal "$(last_audit)" "$me|patient.export|ok|-|3 patients: export|6-8"
	run -0 audit verify
}

@test "show of several patients writes one audit row for the command" {
	for i in 1 2 3; do
		patient add --first "F$i" --last Many --dob "1980-01-0$i" >/dev/null
	done
	n=$(rows)
	run -0 patient show pat-1 pat-2 pat-3
	assert_equal "${#lines[@]}" 3
	assert_equal "$(rows)" $((n + 1))
}

@test "billing reads and adds payers but may not change patients; frontdesk may not add payers" {
	need_root
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient payer add Aetna --payer-id 60054 >/dev/null
	for r in frontdesk billing nurse provider; do
		user add "the_$r" --role "$r" >/dev/null
	done
	# billing: every read, and payers
	for cmd in "show pat-1" "history pat-1" "list" "search lee" "export" \
	    "coverage list pat-1" "payer list"; do
		run -0 env CLINIX_USER=the_billing patient $cmd
	done
	run -0 env CLINIX_USER=the_billing patient payer add Cigna --payer-id 62308
	assert_output pyr-2
	# ... but no change to a patient, each refusal on the record
	d=$(data)
	printf 'first,last,dob\nBo,Park,1975-06-01\n' >"$BATS_TEST_TMPDIR/one.csv"
	for cmd in "add --first Bo --last Park --dob 1975-06-01" \
	    "edit pat-1 --email ana@example.org" "deactivate pat-1" \
	    "merge pat-1 pat-1" "import $BATS_TEST_TMPDIR/one.csv" \
	    "coverage add pat-1 --payer Aetna --member-id A1 --from 2025-01-01"; do
		run -77 --separate-stderr env CLINIX_USER=the_billing patient $cmd
		assert_output ""
		assert_equal "$stderr" "patient: permission denied: 'the_billing' (billing) may not change patient demographics"
	done
	# each refusal on the record
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT group_concat(action, ' ') FROM audit WHERE login = 'the_billing' AND outcome = 'denied'")" \
	    "patient.add patient.edit patient.deactivate patient.merge patient.import patient.coverage.add"
	assert_equal "$(last_audit)" "the_billing|patient.coverage.add|denied|-|-|change patient demographics"
	assert_equal "$(data)" "$d"
	# the front desk, nurses and providers register patients, not payers
	k=0
	for r in frontdesk nurse provider; do
		k=$((k + 1))
		run -0 env CLINIX_USER="the_$r" patient add --first "$r" --last Staff --dob "1990-01-0$k"
		run -77 --separate-stderr env CLINIX_USER="the_$r" patient payer add "Payer $r" --payer-id "P$r"
		assert_equal "$stderr" "patient: permission denied: 'the_$r' ($r) may not do billing"
	done
	run -0 patient payer list
	assert_equal "${#lines[@]}" 2
}

# -- deactivate, activate ------------------------------------------------

@test "deactivate and activate, by id or MRN" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	run -0 patient deactivate M0000001
	assert_output pat-1
	assert_equal "$(last_audit)" "$(id -un)|patient.deactivate|ok|1|pat-1|-"
	run -1 patient list
	run -0 patient list --status inactive
	assert_equal "$(cut -f1 <<<"$output")" pat-1
	assert_equal "$(field pat-1 status)" inactive
	# again is no error
	run -0 patient deactivate pat-1
	run -0 patient activate pat-1
	assert_output pat-1
	assert_equal "$(field pat-1 status)" active
	n=$(everything)
	run -65 --separate-stderr patient deactivate pat-2
	assert_equal "$stderr" "patient: no patient 'pat-2'"
	run -64 patient deactivate
	run -64 patient activate pat-1 pat-1
	assert_equal "$(everything)" "$n"
}

# -- merge -------------------------------------------------------------

@test "merge moves the duplicate's coverage to the survivor; the duplicate stays, merged" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient add --first Anna --last Lee --dob 1980-02-29 --phone "617 555 0100" >/dev/null
	patient payer add Aetna --payer-id 60054 >/dev/null
	patient coverage add pat-2 --payer Aetna --member-id W1 --from 2025-01-01 >/dev/null
	patient coverage add pat-2 --payer Aetna --member-id W2 --priority secondary --from 2025-01-01 >/dev/null
	run -0 --separate-stderr patient merge pat-1 M0000002
	assert_output pat-1
	assert_equal "$stderr" ""
	assert_equal "$(last_audit)" "$(id -un)|patient.merge|ok|1|pat-2|merged pat-2 into pat-1"
	run -0 patient coverage list pat-1
	assert_equal "$(cut -f1,2,5 <<<"$output" | tr '\t\n' ', ')" "cov-1,pat-1,W1 cov-2,pat-1,W2 "
	run -0 patient coverage list pat-2
	assert_output ""
	# kept for the record: shown, listed as merged; not searched, exported
	assert_equal "$(field pat-2 status)|$(field pat-2 first)" "merged|Anna"
	run -0 patient list --status merged
	assert_equal "$(cut -f1 <<<"$output")" pat-2
	run -0 patient search lee
	assert_equal "$(cut -f1 <<<"$output")" pat-1
	# the duplicate's phone is no longer found: the survivor keeps its own
	run -1 patient search 6175550100
	run -0 patient export
	assert_equal "${#lines[@]}" 2
	# nor is it a duplicate any more
	run -0 patient add --first Anna --last Lee --dob 1980-02-29
}

# "table.column count" for every foreign key to patient in the schema, the
# count being the rows that point at patient $1.
refs_to() {
	local t c
	sqlite3 "$CLINIX_DB" "SELECT m.name, f.\"from\" FROM sqlite_schema m,
	    pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
	    AND lower(f.\"table\") = 'patient' ORDER BY 1, 2" |
	while IFS='|' read -r t c; do
		echo "$t.$c $(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM \"$t\" WHERE \"$c\" = $1")"
	done
}

@test "merge leaves the duplicate only what it keeps on purpose, whatever table points at it" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null		# pat-1
	patient add --first Anna --last Lee --dob 1980-02-29 --force >/dev/null	# pat-2
	patient add --first Ann --last Lee --dob 1980-02-29 --force >/dev/null	# pat-3
	patient merge pat-2 pat-3 >/dev/null
	patient edit pat-2 --middle B >/dev/null
	patient payer add Aetna --payer-id 60054 >/dev/null
	patient coverage add pat-2 --payer Aetna --member-id W1 --from 2025-01-01 >/dev/null
	provider add --name "Maria Chen" --npi 1234567893 --taxonomy 207Q00000X >/dev/null
	provider hours prv-1 mon-fri 08:00-17:00 >/dev/null
	sched book pat-2 --provider prv-1 --at 2030-12-02T09:30 --length 20m >/dev/null
	sched waitlist add pat-2 --provider prv-1 --length 20m >/dev/null
	remind optout pat-2 --channel sms >/dev/null
	# a reminder is claimed only by a send; its row is what matters here
	sqlite3 "$CLINIX_DB" "INSERT INTO reminder (key, patient_id,
	    appointment_id, rule, channel, address, status, created_at,
	    updated_at) VALUES ('apt-1/48h/email/x', 2, 1, '48h', 'email',
	    'a@example.org', 'sent', '2030-11-30T09:30:00Z',
	    '2030-11-30T09:30:00Z')"
	# a signed encounter, which moves all the same, and a problem
	sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id, provider_id,
	    start_at, created_at, created_by, signed_at, signed_by, sign_hash)
	    VALUES (2, 1, '2030-12-02T14:30:00Z', '2030-12-02T14:30:00Z',
	    'admin', '2030-12-02T15:00:00Z', 'admin', printf('%064d', 0));
	    INSERT INTO problem (patient_id, code, created_at, created_by)
	    VALUES (2, 'E119', '2030-12-02T14:30:00Z', 'admin');
	    INSERT INTO allergy (patient_id, type, substance, created_at,
	    created_by) VALUES (2, 'nkda', 'NKDA', '2030-12-02T14:30:00Z',
	    'admin');
	    INSERT INTO immunization (patient_id, cvx, given_on, created_at,
	    created_by) VALUES (2, '03', '2030-12-02', '2030-12-02T14:30:00Z',
	    'admin');
	    INSERT INTO claim (control, encounter_id, patient_id, coverage_id,
	    payer_id, provider_id, service_day, pos, total, created_at,
	    created_by) VALUES ('clm-1', 1, 2, 1, 1, 1, '2030-12-02', '11', 0,
	    '2030-12-02T14:30:00Z', 'admin')"
	# a payment: posting and payment rows of pat-2's (the ledger keeps them)
	pay post pat-2 10.00 --method cash >/dev/null
	# a statement emailed to pat-2 (kept: a record of what was sent)
	sqlite3 "$CLINIX_DB" "INSERT INTO statement_sent (patient_id, as_of,
	    sent_at, sent_by, address, message_id) VALUES (2, '2030-12-02',
	    '2030-12-02T14:30:00Z', 'admin', 'a@example.org', '<x@y>')"
	# every table that refers to patients has a row of pat-2's, so the
	# test means something for each (a new table: give pat-2 a row above)
	run -0 refs_to 2
	before=$output
	run -1 grep ' 0$' <<<"$before"
	run -0 --separate-stderr patient merge pat-1 pat-2
	assert_output pat-1
	assert_equal "$stderr" ""
	# what lib/patient.c keeps stays: pat-3's merge, pat-2's history and
	# ledger (read with pat-1's); every other row is the survivor's now
	keep='^(patient\.merged_into|patient_history\.patient_id|posting\.patient_id|payment\.patient_id|statement_sent\.patient_id) '
	run -0 refs_to 2
	assert_output "$(awk -v re="$keep" '{ print $1, $0 ~ re ? $2 : 0 }' <<<"$before")"
	run -0 refs_to 1
	assert_output "$(awk -v re="$keep" '{ print $1, $0 ~ re ? 0 : $2 }' <<<"$before" |
	    sed 's/^patient\.merged_into 0$/patient.merged_into 1/')"
	# and the survivor's account is read with the duplicate's ledger
	run -0 pay balance pat-1
	assert_output $'pat-1\t0.00\t0.00\t10.00'
}

@test "merging a patient into itself is refused, by id or by MRN; nothing written" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient add --first Bo --last Park --dob 1975-06-01 >/dev/null
	n=$(everything)
	run -65 --separate-stderr patient merge pat-1 pat-1
	assert_output ""
	assert_equal "$stderr" "patient: cannot merge a patient into itself"
	run -65 --separate-stderr patient merge pat-1 M0000001
	assert_equal "$stderr" "patient: cannot merge a patient into itself"
	run -65 --separate-stderr patient merge pat-1 pat-9
	assert_equal "$stderr" "patient: no patient 'pat-9'"
	run -65 --separate-stderr patient merge cov-1 pat-2
	assert_equal "$stderr" "patient: not a patient id 'cov-1'"
	run -64 patient merge pat-1
	run -64 patient merge pat-1 pat-2 pat-2
	assert_equal "$(everything)" "$n"
}

@test "a merged patient cannot be merged twice, absorb another, or be (de)activated" {
	for n in 1 2 3; do
		patient add --first "P$n" --last Merge --dob "1980-01-0$n" >/dev/null
	done
	run -0 patient merge pat-1 pat-2
	n=$(everything)
	run -65 --separate-stderr patient merge pat-1 pat-2
	assert_equal "$stderr" "patient: pat-2 or pat-1 is already merged"
	run -65 --separate-stderr patient merge pat-3 pat-2
	assert_equal "$stderr" "patient: pat-2 or pat-3 is already merged"
	run -65 --separate-stderr patient merge pat-2 pat-3
	assert_equal "$stderr" "patient: pat-3 or pat-2 is already merged"
	run -65 --separate-stderr patient activate pat-2
	assert_equal "$stderr" "patient: pat-2 was merged into another patient"
	run -65 patient deactivate pat-2
	assert_equal "$(everything)" "$n"
	# and a survivor can absorb another
	run -0 patient merge pat-1 pat-3
}

@test "a merge never leaves the survivor two coverages of one priority at once" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient add --first Ana --last Lee --dob 1980-02-29 --force >/dev/null
	patient payer add Aetna --payer-id 60054 >/dev/null
	patient coverage add pat-1 --payer Aetna --member-id W1 --from 2025-01-01 >/dev/null
	patient coverage add pat-2 --payer Aetna --member-id W2 --from 2025-06-01 >/dev/null
	# refused, or resolved: either way no overlap
	run patient merge pat-1 pat-2
	[[ $status -eq 0 || $status -eq 65 ]] || fail "merge exited $status"
	run -0 sqlite3 "$CLINIX_DB" "SELECT count(*) FROM coverage a JOIN coverage b
	    ON a.patient_id = b.patient_id AND a.priority = b.priority AND a.id < b.id
	    AND a.start_date <= coalesce(b.end_date, '9999-12-31')
	    AND b.start_date <= coalesce(a.end_date, '9999-12-31')"
	assert_output 0
}

@test "coverage cannot be added to a merged patient" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient add --first Bo --last Park --dob 1975-06-01 >/dev/null
	patient payer add Aetna --payer-id 60054 >/dev/null
	patient merge pat-1 pat-2 >/dev/null
	n=$(everything)
	run -65 --separate-stderr patient coverage add pat-2 --payer Aetna --member-id W1 --from 2025-01-01
	assert_output ""
	assert_equal "$stderr" "patient: pat-2 was merged into pat-1: use that record"
	assert_equal "$(everything)" "$n"
}

# -- payers and coverage -----------------------------------------------------

@test "payer add and list" {
	run -0 --separate-stderr patient payer add "Blue Cross" --payer-id BCBS01
	assert_output pyr-1
	assert_equal "$stderr" ""
	run -0 patient payer add Aetna --payer-id 60054
	assert_output pyr-2
	assert_equal "$(last_audit)" "$(id -un)|patient.payer.add|ok|-|pyr-2|60054"
	run -0 patient payer list
	assert_output $'pyr-1\tBlue Cross\tBCBS01\tyes\npyr-2\tAetna\t60054\tyes'
	n=$(everything)
	run -65 --separate-stderr patient payer add Aetna --payer-id 60055
	assert_equal "$stderr" "patient: payer 'Aetna' already exists"
	for bad in "X|A*B" "X|A" "|AB" "$(printf 'x%.0s' {1..61})|AB"; do
		run -65 --separate-stderr patient payer add "${bad%%|*}" --payer-id "${bad#*|}"
		assert_equal "$stderr" "patient: a payer name is 1 to 60 characters; a payer id 2 to 80, without * ~ : ^ (X12 delimiters)"
	done
	run -64 patient payer add Cigna
	run -64 patient payer add --payer-id 62308
	run -64 patient payer list extra
	assert_equal "$(everything)" "$n"
}

@test "coverage add, list and end" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient payer add Aetna --payer-id 60054 >/dev/null
	run -0 --separate-stderr patient coverage add pat-1 --payer Aetna --member-id W123 --group G9 --from 2025-01-01
	assert_output cov-1
	assert_equal "$stderr" ""
	assert_equal "$(last_audit)" "$(id -un)|patient.coverage.add|ok|1|cov-1|primary"
	# by MRN, by payer id; a child on a parent's plan
	run -0 patient coverage add M0000001 --payer 60054 --member-id W124 --priority secondary \
	    --relationship child --subscriber-name "Bo Lee" --subscriber-dob 1979-04-02 \
	    --subscriber-sex M --from 2025-01-01 --to 2025-12-31
	assert_output cov-2
	run -0 patient coverage list pat-1
	assert_output "cov-1	pat-1	Aetna	60054	W123	G9	primary	self				2025-01-01		active
cov-2	pat-1	Aetna	60054	W124		secondary	child	Bo Lee	1979-04-02	M	2025-01-01	2025-12-31	ended"
	assert_equal "$(last_audit)" "$(id -un)|patient.coverage.list|ok|1|-|-"
	run -0 patient coverage list -o json M0000001
	assert_equal "$(jq -s -c '.[0] | keys_unsorted' <<<"$output")" \
	    '["id","patient","payer","payer_id","member_id","group_no","priority","relationship","subscriber_name","subscriber_dob","subscriber_sex","from","to","status"]'
	# one primary at a time: end the first, then add the next
	run -65 --separate-stderr patient coverage add pat-1 --payer pyr-1 --member-id X --from 2025-06-01
	assert_equal "$stderr" "patient: pat-1 already has primary coverage in those dates: end it first"
	run -0 patient coverage end cov-1 --on 2025-05-31
	assert_output cov-1
	assert_equal "$(last_audit)" "$(id -un)|patient.coverage.end|ok|1|cov-1|2025-05-31"
	run -0 patient coverage add pat-1 --payer pyr-1 --member-id X --from 2025-06-01
	assert_output cov-3
	# a future one, and one ended today
	run -0 patient coverage add pat-1 --payer Aetna --member-id T --priority tertiary --from +1m
	run -0 patient coverage end cov-3
	run -0 patient coverage list pat-1
	assert_equal "$(cut -f1,13,14 <<<"$output" | tr '\t\n' ', ')" \
	    "cov-1,2025-05-31,ended cov-2,2025-12-31,ended cov-3,$(date +%F),active cov-4,,future "
	n=$(everything)
	run -65 --separate-stderr patient coverage end cov-4 --on today
	assert_equal "$stderr" "patient: cov-4 starts after $(date +%F)"
	run -65 --separate-stderr patient coverage end cov-9
	assert_equal "$stderr" "patient: no coverage 'cov-9'"
	run -65 --separate-stderr patient coverage end pat-1
	assert_equal "$stderr" "patient: not a coverage id 'pat-1'"
	run -64 patient coverage end cov-1 --on someday
	run -65 --separate-stderr patient coverage list pat-9
	assert_equal "$stderr" "patient: no patient 'pat-9'"
	assert_equal "$(everything)" "$n"
}

@test "coverage for an unknown payer or patient is refused and adds nothing" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient payer add Aetna --payer-id 60054 >/dev/null
	n=$(everything)
	run -65 --separate-stderr patient coverage add pat-1 --payer Nope --member-id W1 --from 2025-01-01
	assert_output ""
	assert_equal "$stderr" "patient: no payer 'Nope' (add it with 'patient payer add')"
	run -65 --separate-stderr patient coverage add pat-1 --payer pyr-9 --member-id W1 --from 2025-01-01
	assert_equal "$stderr" "patient: no payer 'pyr-9' (add it with 'patient payer add')"
	run -65 --separate-stderr patient coverage add pat-9 --payer Aetna --member-id W1 --from 2025-01-01
	assert_equal "$stderr" "patient: no patient 'pat-9'"
	assert_equal "$(everything)" "$n"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM coverage')" 0
}

@test "coverage add: a bad option value is 64, bad data 65, nothing written" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient payer add Aetna --payer-id 60054 >/dev/null
	c="patient coverage add pat-1 --payer Aetna --member-id W1"
	n=$(everything)
	run -64 --separate-stderr $c --from 2025-13-01
	assert_equal "${stderr_lines[0]}" "patient: --from: not a date '2025-13-01'"
	run -64 --separate-stderr $c --from 2025-01-01 --to someday
	assert_equal "${stderr_lines[0]}" "patient: --to: not a date 'someday'"
	run -64 --separate-stderr $c --from 2025-01-01 --priority fourth
	assert_equal "${stderr_lines[0]}" "patient: --priority: unknown value 'fourth'"
	run -64 --separate-stderr $c --from 2025-01-01 --relationship boss
	assert_equal "${stderr_lines[0]}" "patient: --relationship: unknown value 'boss'"
	run -64 --separate-stderr $c --from 2025-01-01 --relationship spouse --subscriber-name "Bo Lee"
	assert_equal "${stderr_lines[0]}" "patient: a subscriber other than the patient needs --subscriber-name, --subscriber-dob and --subscriber-sex"
	run -64 $c --from 2025-01-01 --relationship spouse --subscriber-name "Bo Lee" --subscriber-dob 1979-01-01 --subscriber-sex X
	run -64 $c
	run -64 patient coverage add pat-1 --payer Aetna --from 2025-01-01
	run -65 --separate-stderr $c --from 2025-06-01 --to 2025-01-01
	assert_equal "$stderr" "patient: --to is before --from"
	run -65 --separate-stderr $c --from 2025-01-01 --relationship spouse --subscriber-name "Bo Lee" --subscriber-dob tomorrow --subscriber-sex M
	assert_equal "$stderr" "patient: --subscriber-dob is in the future"
	run -65 --separate-stderr patient coverage add pat-1 --payer Aetna --member-id "W*1" --from 2025-01-01
	assert_equal "$stderr" "patient: --member-id: no control characters or * ~ : ^"
	assert_equal "$(everything)" "$n"
}

# -- import ----------------------------------------------------------------

@test "import reads header names as fields, prints the ids it added, twice adds nothing" {
	run -0 --separate-stderr patient import "$FIX/people.csv"
	assert_output "$(printf 'pat-%d\n' {1..10})"
	assert_equal "$stderr" ""
	assert_equal "$(npat)" 10
	assert_equal "$(last_audit)" "$(id -un)|patient.import|ok|-|10 added, 0 updated|1-10"
	# normalised as add would
	assert_equal "$(field P001 phone)|$(field P001 phone2)|$(field P002 phone)" \
	    "+16175550101|+442079460958|+49301234567"
	# the same file again: nothing added, no error
	n=$(data)
	run -0 --separate-stderr patient import "$FIX/people.csv"
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(data)" "$n"
	# standard input, and a file of fewer columns
	printf 'last,first,dob\nPark,Bo,1975-06-01\n' >"$BATS_TEST_TMPDIR/bo.csv"
	run -0 patient import - <"$BATS_TEST_TMPDIR/bo.csv"
	assert_output pat-11
	assert_equal "$(field pat-11 mrn)" M0000001
	# an empty file, or no file
	run -65 --separate-stderr patient import - </dev/null
	assert_equal "${stderr_lines[0]}" "patient: stdin: empty file"
	run -66 patient import "$BATS_TEST_TMPDIR/none.csv"
	run -64 patient import
}

@test "import --map reads a column with another name as a field" {
	n=$(everything)
	run -65 --separate-stderr patient import "$FIX/mapped.csv"
	assert_equal "${stderr_lines[0]}" "patient: $FIX/mapped.csv:1: unknown column 'MRN' (name a field, or --map 'MRN=FIELD')"
	run -64 --separate-stderr patient import --map Given=shoe "$FIX/mapped.csv"
	assert_equal "${stderr_lines[0]}" "patient: --map wants COLUMN=FIELD with a patient field, not 'Given=shoe'"
	run -64 patient import --map Given "$FIX/mapped.csv"
	assert_equal "$(everything)" "$n"
	run -0 patient import --map MRN=mrn --map Given=first --map Family=last \
	    --map Birth=dob --map Tel=phone "$FIX/mapped.csv"
	assert_output $'pat-1\npat-2'
	assert_equal "$(field X1 first)|$(field X1 last)|$(field X1 dob)|$(field X1 phone)" \
	    "Ida|Map|1966-06-06|+16175550161"
	# --map wins over a column's own name
	printf 'first,last,dob,nick\nIvy,Lee,1990-02-02,Ives\n' >"$BATS_TEST_TMPDIR/nick.csv"
	run -0 patient import --map nick=preferred "$BATS_TEST_TMPDIR/nick.csv"
	assert_equal "$(field pat-3 preferred)" Ives
}

@test "bad rows are reported as file:line: field: reason, and nothing is imported" {
	f=$FIX/bad-rows.csv
	errors="patient: $f:3: dob: in the future
patient: $f:4: dob: before 1900
patient: $f:5: phone: a North American number has 10 digits
patient: $f:6: email: not an email address (name@example.org)
patient: $f:7: sex: F, M, X or U
patient: $f:8: first: required
patient: $f:10: last: holds a control character
patient: $f:12: dob: not a date (YYYY-MM-DD)"
	n=$(everything)
	run -65 --separate-stderr patient import "$f"
	assert_output ""
	assert_equal "$stderr" "$errors
patient: $f: 8 bad rows: nothing imported"
	assert_equal "$(everything)" "$n"
	# --keep-going loads the good rows, reports the rest, and still fails
	run -65 --separate-stderr patient import --keep-going "$f"
	assert_output $'pat-1\npat-2'
	assert_equal "$stderr" "$errors
patient: $f: 10 rows: 2 added, 0 updated, 0 unchanged, 8 bad"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT group_concat(mrn) FROM patient')" B01,B08
}

@test "10,000 good rows and one bad one: nothing imported; --keep-going loads 10,000" {
	f=$BATS_TEST_TMPDIR/big.csv
	awk 'BEGIN {
		print "mrn,first,last,dob"
		for (i = 1; i <= 10001; i++)
			if (i == 5001)
				print "R05001,Bad,Row,2999-01-01"
			else
				printf "R%05d,First%d,Last%d,%04d-%02d-%02d\n", i, i, i,
				    1920 + i % 100, 1 + i % 12, 1 + i % 28
	}' >"$f"
	run -65 --separate-stderr patient import "$f"
	assert_output ""
	assert_equal "${#stderr_lines[@]}" 2
	assert_equal "${stderr_lines[0]}" "patient: $f:5002: dob: in the future"
	assert_equal "${stderr_lines[1]}" "patient: $f: 1 bad row: nothing imported"
	assert_equal "$(npat)" 0
	run -65 --separate-stderr patient import --keep-going "$f"
	assert_equal "${#lines[@]}" 10000
	assert_equal "${lines[0]}|${lines[9999]}" "pat-1|pat-10000"
	assert_equal "${stderr_lines[0]}" "patient: $f:5002: dob: in the future"
	assert_equal "${stderr_lines[1]}" "patient: $f: 10001 rows: 10000 added, 0 updated, 0 unchanged, 1 bad"
	assert_equal "$(npat)" 10000
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM patient WHERE mrn = 'R05001'")" 0
	assert_equal "$(last_audit)" "$(id -un)|patient.import|ok|-|10000 added, 0 updated|1-10000"
	# once more: nothing new
	run -65 --separate-stderr patient import --keep-going "$f"
	assert_output ""
	assert_equal "$(npat)" 10000
}

@test "an MRN twice in one file is a bad row: nothing imported" {
	n=$(everything)
	run -65 --separate-stderr patient import "$FIX/dup-mrn.csv"
	assert_output ""
	[[ ${stderr_lines[0]} == "patient: $FIX/dup-mrn.csv:4: mrn: "* ]] ||
	    fail "got: $stderr"
	assert_equal "$(everything)" "$n"
	run -65 --separate-stderr patient import --keep-going "$FIX/dup-mrn.csv"
	assert_output $'pat-1\npat-2'
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT group_concat(first) FROM patient')" Ann,Bob
}

@test "import --update changes the rows already registered that differ, with history" {
	import_people
	# P001..P003, the rows that give every field a value
	head -4 "$FIX/people.csv" | sed 's/siobhan@example.org/siobhan@new.example.org/' >"$BATS_TEST_TMPDIR/new.csv"
	# without --update a registered MRN is left alone
	run -0 patient import "$BATS_TEST_TMPDIR/new.csv"
	assert_output ""
	assert_equal "$(field P001 email)" siobhan@example.org
	run -0 --separate-stderr patient import --update "$BATS_TEST_TMPDIR/new.csv"
	assert_output pat-1
	assert_equal "$stderr" ""
	assert_equal "$(last_audit)" "$(id -un)|patient.import|ok|-|0 added, 1 updated|1"
	assert_equal "$(field P001 email)|$(field P001 first)" "siobhan@new.example.org|Siobhán"
	run -0 patient history P001
	assert_equal "$(cut -f3-6 <<<"$output")" "$(id -un)	email	siobhan@example.org	siobhan@new.example.org"
	run -0 patient import --update "$BATS_TEST_TMPDIR/new.csv"
	assert_output ""
	# an update breaking a rule is a bad row too
	sed 's/^P002,\(.*\),1960-05-05,/P002,\1,2999-05-05,/' "$BATS_TEST_TMPDIR/new.csv" >"$BATS_TEST_TMPDIR/bad.csv"
	n=$(everything)
	run -65 --separate-stderr patient import --update "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "${stderr_lines[0]}" "patient: $BATS_TEST_TMPDIR/bad.csv:3: dob: in the future"
	assert_equal "$(everything)" "$n"
}

@test "import --update of an unchanged row changes nothing, however often" {
	import_people
	n=$(data)
	run -0 --separate-stderr patient import --update "$FIX/people.csv"
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM patient_history')" 0
	assert_equal "$(data)" "$n"
}

@test "import --update of a file with only some columns changes only those" {
	import_people
	run -0 --separate-stderr patient import --update "$FIX/update.csv"
	assert_output pat-1
	assert_equal "$stderr" ""
	assert_equal "$(field P001 email)|$(field P001 city)|$(field P001 phone)" \
	    "siobhan@new.example.org|Boston|+16175550101"
	assert_equal "$(field P002 city)|$(field P002 last)" "Berlin|Müller"
}

@test "import without MRNs: a row like a registered patient is that patient" {
	printf 'first,last,dob\nAna,Lee,1980-02-29\n' >"$BATS_TEST_TMPDIR/a.csv"
	run -0 patient import "$BATS_TEST_TMPDIR/a.csv"
	assert_output pat-1
	run -0 patient import "$BATS_TEST_TMPDIR/a.csv"
	assert_output ""
	run -0 patient import --force "$BATS_TEST_TMPDIR/a.csv"
	assert_output pat-2
	# with an MRN of its own, a look-alike is a bad row
	printf 'mrn,first,last,dob\nZ9,ANA,lee,1980-02-29\n' >"$BATS_TEST_TMPDIR/z.csv"
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/z.csv"
	assert_equal "${stderr_lines[0]}" "patient: $BATS_TEST_TMPDIR/z.csv:2: mrn: looks like pat-1 (same name and date of birth): --force to add anyway"
	assert_equal "$(npat)" 2
}

@test "import reads JSON lines, skipping blank lines and export's id, keeping its status" {
	run -0 --separate-stderr patient import "$FIX/people.jsonl"
	assert_output $'pat-1\npat-2\npat-3'
	assert_equal "$stderr" ""
	assert_equal "$(field J2 note)|$(field J3 status)|$(field J1 phone)" $'line one\nline two|inactive|+16175550101'
	run -0 patient import - <"$FIX/people.jsonl"
	assert_output ""
	printf '{"mrn": "K1", "first": "A", "last": "B", "dob": "1980-01-01"}\n{"mrn": "K2", "first": "C", "last": "D", "dob": "1980-01-01", "shoe": "9"}\n{"mrn": "K3", "first": "E", "last": "F", "dob": "1800-01-01"}\n' \
	    >"$BATS_TEST_TMPDIR/k.jsonl"
	n=$(everything)
	run -65 --separate-stderr patient import - <"$BATS_TEST_TMPDIR/k.jsonl"
	assert_equal "$stderr" "patient: stdin:2: shoe: unknown field
patient: stdin:3: dob: before 1900
patient: stdin: 2 bad rows: nothing imported"
	assert_equal "$(everything)" "$n"
}

@test "a JSON line that does not parse is reported at its own line, and counted" {
	printf '{"mrn": "J1", "first": "A", "last": "B", "dob": "1980-01-01"}\n{"mrn": "J2", "first": "C", "last": "D", "dob": "2999-01-01"}\n{"mrn": "J3",\n{"mrn": "J4", "first": "E", "last": "F", "dob": "1981-01-01"}\n' \
	    >"$BATS_TEST_TMPDIR/j.jsonl"
	run -65 --separate-stderr patient import --keep-going "$BATS_TEST_TMPDIR/j.jsonl"
	assert_output $'pat-1\npat-2'
	assert_equal "${stderr_lines[0]}" "patient: $BATS_TEST_TMPDIR/j.jsonl:2: dob: in the future"
	[[ ${stderr_lines[1]} == "patient: $BATS_TEST_TMPDIR/j.jsonl:3: "* ]] ||
	    fail "got: ${stderr_lines[1]}"
	assert_equal "${stderr_lines[2]}" "patient: $BATS_TEST_TMPDIR/j.jsonl: 4 rows: 2 added, 0 updated, 0 unchanged, 2 bad"
}

# -- export ---------------------------------------------------------------

@test "export, import into another clinic, export again: the same CSV but for ids" {
	# ids that will differ: pat-1 is merged away before the export
	patient add --first Gone --last Soon --dob 1950-05-05 >/dev/null
	import_people
	patient merge P001 pat-1 >/dev/null
	patient add --first Ann --last Every --dob 1980-02-29 --sex u \
	    --phone "(617) 555-0177" --email ann@example.org --sms_consent yes \
	    --email_consent 2021-02-03 --note $'a "quoted", multi-line\nnote, with a \\ too' \
	    --emergency_name "Bo, Jr." --emergency_phone "+44 20 7946 0000" >/dev/null
	patient export >"$BATS_TEST_TMPDIR/a.csv"
	# strict RFC 4180 by Python: a header of id and the fields, 11 rows
	run -0 python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
assert all(len(r) == len(rows[0]) for r in rows), "ragged"
print(",".join(rows[0]))
print(len(rows) - 1, rows[1][0])' "$BATS_TEST_TMPDIR/a.csv"
	assert_output "id,${FIELDS// /,},status,not_duplicate
11 pat-2"
	# another clinic, in another country: phones are E.164 already
	other_clinic north
	sed -i 's/^\(  country: \)"US"/\1"GB"/' "$CLINIX_CONFIG"
	run -0 patient import "$BATS_TEST_TMPDIR/a.csv"
	assert_equal "${#lines[@]}" 11
	patient export >"$BATS_TEST_TMPDIR/b.csv"
	run -0 diff <(without_id "$BATS_TEST_TMPDIR/a.csv") <(without_id "$BATS_TEST_TMPDIR/b.csv")
	# ... and the ids did differ
	assert_equal "$(sed -n 2p "$BATS_TEST_TMPDIR/b.csv" | cut -d, -f1)" pat-1
	# the note came through byte for byte
	run -0 patient show -o json pat-11
	assert_equal "$(jq -c .note <<<"$output")" '"a \"quoted\", multi-line\nnote, with a \\ too"'
	# importing it again changes nothing
	run -0 patient import "$BATS_TEST_TMPDIR/a.csv"
	assert_output ""
}

@test "export -o json, import into another clinic, export again: the same but for ids" {
	patient add --first Gone --last Soon --dob 1950-05-05 >/dev/null
	import_people
	patient merge P001 pat-1 >/dev/null
	patient export -o json >"$BATS_TEST_TMPDIR/a.json"
	# JSON lines: each parses, keys are id and the fields
	run -0 jq -e -s -c 'length' "$BATS_TEST_TMPDIR/a.json"
	assert_output 10
	run -0 jq -r -s '.[0] | keys_unsorted | join(" ")' "$BATS_TEST_TMPDIR/a.json"
	assert_output "id $FIELDS status not_duplicate"
	other_clinic west
	run -0 patient import "$BATS_TEST_TMPDIR/a.json"
	assert_equal "${#lines[@]}" 10
	patient export -o json >"$BATS_TEST_TMPDIR/b.json"
	run -0 diff <(jq -c 'del(.id)' "$BATS_TEST_TMPDIR/a.json") <(jq -c 'del(.id)' "$BATS_TEST_TMPDIR/b.json")
	run -0 diff <(jq -r .id "$BATS_TEST_TMPDIR/b.json" | head -2) <(printf 'pat-1\npat-2\n')
	# a CSV export of the imported clinic is the JSON export's twin
	patient export -o csv >"$BATS_TEST_TMPDIR/b.csv"
	run -0 python3 -c 'import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
objs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(rows) == len(objs)
for r, o in zip(rows, objs):
    assert {k: (v if v != "" else None) for k, v in r.items()} == o, (r, o)
print("ok")' "$BATS_TEST_TMPDIR/b.csv" "$BATS_TEST_TMPDIR/b.json"
}

@test "export and import keep an inactive patient inactive" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient add --first Bo --last Park --dob 1975-06-01 >/dev/null
	patient deactivate pat-2 >/dev/null
	patient export >"$BATS_TEST_TMPDIR/a.csv"
	other_clinic south
	patient import "$BATS_TEST_TMPDIR/a.csv" >/dev/null
	run -0 patient list --status inactive
	assert_equal "$(mrns)" "M0000002 "
}

# -- usage and completion --------------------------------------------------

@test "-h lists every verb; coverage and payer verbs are two words" {
	run -0 patient -h
	for v in add edit show history list search deactivate activate merge \
	    import export "coverage add" "coverage list" "coverage end" \
	    "payer add" "payer list"; do
		assert_line --regexp "^(usage:)? +patient $v( |\$)"
	done
	run -0 patient coverage add -h
	assert_line --index 0 "patient coverage add - add insurance coverage; prints the cov- id"
	run -0 patient payer list -h
	assert_line --index 1 "usage: patient payer list"
	run -64 --separate-stderr patient coverage remove cov-1
	run -64 patient nothing
}

@test "add -h and edit -h list every field with its help; each verb's -h its options" {
	help_starts "patient add - register a patient; prints the new pat- id" \
	    "usage: patient add [--FIELD VALUE ...] [--from FILE] [--force]" \
	    patient add
	for f in $FIELDS; do
		assert_line --regexp $'^\t    --'"${f//_/-}"' [A-Z]+ +[a-z].+$'
	done
	assert_line --regexp $'^\t-F, --from FILE +fields from a YAML file'
	assert_line --regexp $'^\t-f, --force +save it though it looks like another patient$'
	assert_line --index 30 "global options:"
	assert_line --regexp $'^\t    --dob DATE +date of birth$'
	assert_line --regexp $'^\t    --sms-consent CONSENT +consent to SMS: yes, no, or the day given$'
	run -0 patient edit -h
	assert_line --index 1 "usage: patient edit PAT --FIELD VALUE ... [--force]"
	assert_line --regexp $'^\t    --note TEXT +free text, kept exactly as given$'
	refute_line --partial -- "--from"
	run -0 patient coverage add -h
	assert_line --regexp $'^\t-P, --priority PRIORITY +the order payers are billed in'
	run -0 patient coverage end -h
	assert_line --regexp $'^\t-o, --on DATE +the last day covered'
	# a verb with no options has none listed
	run -0 patient show -h
	assert_line --index 2 "global options:"
}

@test "an option's value is a value even when it looks like -h or -V" {
	local before
	run -0 --separate-stderr patient add --first Ana --last Lee --dob 1980-02-29 --note -h
	assert_equal "$stderr" ""
	assert_output pat-1
	assert_equal "$(field pat-1 note)" "-h"
	run -0 --separate-stderr clinix patient edit pat-1 --note -V
	assert_equal "$stderr" ""
	assert_output pat-1
	assert_equal "$(field pat-1 note)" "-V"
	run -0 patient edit pat-1 --note=--help
	assert_equal "$(field pat-1 note)" "--help"
	# the name filter -V matches no one: no version, and 1 as grep
	run -1 --separate-stderr patient list --name -V
	assert_equal "$stderr" ""
	assert_output ""
	run -0 patient list --name -V -n Ana
	assert_equal "$(cut -f1 <<<"$output")" pat-1
	# a short option takes the next word too, and -h alone is still help
	run -0 patient coverage add -h
	assert_line --index 0 "patient coverage add - add insurance coverage; prints the cov- id"
	before=$(everything)
	run -64 --separate-stderr patient add --first Bo --last Park --dob 1975-06-01 --note
	assert_equal "${stderr_lines[0]}" "patient: option '--note' needs a value"
	run -64 --separate-stderr patient --note x add --first Bo
	assert_equal "${stderr_lines[0]}" "patient: unknown command '--note'"
	run -64 --separate-stderr patient add --first Bo --last Park --dob 1975-06-01 --force=yes
	assert_equal "${stderr_lines[0]}" "patient: option '--force' takes no value"
	assert_equal "$(everything)" "$before"
}

@test "completion: verbs, coverage and payer sub-verbs, each verb's options and values, from its table" {
	comp() { patient --complete "$@" | tr '\n' ' ' | sed 's/ $//'; }
	assert_equal "$(comp "")" "add edit show history list search deactivate activate merge import export coverage payer"
	assert_equal "$(comp co)" "coverage"
	assert_equal "$(comp coverage "")" "add list end"
	assert_equal "$(comp -o json payer "")" "add list"
	assert_equal "$(comp coverage add --pr)" "--priority"
	assert_equal "$(comp coverage add pat-1 --priority "")" "primary secondary tertiary"
	assert_equal "$(comp coverage add pat-1 --relationship "")" "self spouse child other"
	assert_equal "$(comp coverage add pat-1 --subscriber-sex "")" "F M U"
	assert_equal "$(comp coverage add pat-1 --from t)" "today tomorrow"
	assert_equal "$(comp coverage end --o)" "--on --output"
	assert_equal "$(comp payer add --p)" "--payer-id"
	assert_equal "$(comp add --s)" "--sex --state --sms-consent"
	assert_equal "$(comp add --sms-consent "")" "yes no"
	assert_equal "$(comp add --email_consent "")" "yes no"
	assert_equal "$(comp add --from "")" ":file"
	assert_equal "$(comp add --dob y)" "yesterday"
	assert_equal "$(comp edit pat-1 --sex "")" "F M X U"
	assert_equal "$(comp edit pat-1 --channel "")" "sms email none"
	assert_equal "$(comp edit pat-1 --fr)" ""
	assert_equal "$(comp list --status "")" "active inactive deceased merged all"
	assert_equal "$(comp --db x.db list --ha)" "--has-coverage"
	assert_equal "$(comp import --k)" "--keep-going"
	assert_equal "$(comp import "")" ":file"
	assert_equal "$(comp export --s)" "--status"
	assert_equal "$(comp search --l)" "--limit"
	# every field is an option of add and edit, with - for its _
	a=" $(comp add --) " e=" $(comp edit pat-1 --) "
	for f in $FIELDS; do
		[[ $a == *" --${f//_/-} "* ]] || fail "add lacks --${f//_/-}"
		[[ $e == *" --${f//_/-} "* ]] || fail "edit lacks --${f//_/-}"
	done
	[[ $a != *_* ]] || fail "add offers an option with _: $a"
	# patients are never offered
	assert_equal "$(comp show "")" ""
	assert_equal "$(comp merge pat-1 "")" ""
	assert_equal "$(comp coverage list "")" ""
	# and the shared script asks patient for them
	source "$BATS_TEST_DIRNAME/../completions/clinix.bash"
	run -0 complete -p patient
	assert_output "complete -F _clinix_complete patient"
}

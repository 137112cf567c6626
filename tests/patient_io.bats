load helper

# patient_io: the data that goes in and out of the patient register.
# Export and import round trips (look-alikes confirmed with --force, the
# CSV formula guard), the shape of CSV files and their line ends, escaped
# NULs in YAML and JSON, the characters a one-line field refuses, what
# search refuses, and the duplicate guard of import --update.

# The same clinic made once by the real `clinix init`, copied per test.
setup_file() { clinic_once; }
setup() { clinic_copy; }

# The whole database, audit trail included: "nothing written" is this
# staying the same.
everything() {
	sqlite3 "$CLINIX_DB" .dump | cksum
}
# One field of one patient, as stored.
field() {
	sqlite3 "$CLINIX_DB" "SELECT $2 FROM patient WHERE id = $1"
}
# MRN and not_duplicate of every patient, as export writes them.
marks() {
	patient export -o json | jq -r '[.mrn, .not_duplicate // "-"] | join(":")' | tr '\n' ' '
}

# -- round trips -------------------------------------------------------

# Every kind of record patient makes: active, inactive, deceased, merged
# (not exported), look-alikes confirmed with --force by name and by
# phone, one confirmed by edit --force (so the mark is on the earlier of
# the pair), coverage (not exported), accents, and commas, quotes and
# newlines in fields.
every_kind() {
	patient add --mrn A1 --first José --last Núñez --dob 1975-06-01 \
	    --address1 '1 Main St, Apt "B"' --city São\ Paulo \
	    --note $'line one, with "quotes"\nline two' >/dev/null
	patient add --mrn A2 --first Jose --last Nunez --dob 1975-06-01 \
	    --force --phone2 "+44 20 7946 0958" >/dev/null
	patient add --mrn A3 --first Bo --last Park --dob 1981-01-01 >/dev/null
	patient deactivate A3 >/dev/null
	patient add --mrn A4 --first Cy --last Dee --dob 1930-01-01 \
	    --deceased 2020-05-05 >/dev/null
	patient add --mrn A5 --first Gone --last Soon --dob 1950-05-05 >/dev/null
	patient merge A3 A5 >/dev/null
	patient add --mrn A6 --first Lu --last Wu --dob 1991-01-01 >/dev/null
	patient add --mrn A7 --first Lu --last Wu --dob 1992-02-02 >/dev/null
	patient edit A6 --dob 1992-02-02 --force >/dev/null
	patient add --mrn A8 --first Al --last Bee --dob 1960-03-03 \
	    --phone "617 555 0100" >/dev/null
	patient add --mrn A9 --first Cal --last Dee --dob 1960-03-03 \
	    --phone "617 555 0100" --force >/dev/null
	patient add --mrn A10 --first Zoë --last "O'Brien-Łukasz" \
	    --dob 2001-01-01 --emergency_name "Bo, Jr." --sms_consent 2020-01-01 \
	    >/dev/null
	patient payer add Acme --payer-id ACME1 >/dev/null
	patient coverage add A10 --payer Acme --member-id X1 --from 2024-01-01 \
	    >/dev/null
}

@test "export, import into a new clinic with no flag, export again: the same, look-alikes and all" {
	every_kind
	# the marks: A2 and A9 by add --force, A6 by edit --force
	assert_equal "$(marks)" "A1:- A2:yes A3:- A4:- A6:yes A7:- A8:- A9:yes A10:- "
	patient export >"$BATS_TEST_TMPDIR/a.csv"
	patient export -o json >"$BATS_TEST_TMPDIR/a.json"
	other_clinic north
	run -0 --separate-stderr patient import "$BATS_TEST_TMPDIR/a.csv"
	assert_equal "${#lines[@]}" 9
	assert_equal "$stderr" ""
	patient export >"$BATS_TEST_TMPDIR/b.csv"
	run -0 diff <(without_id "$BATS_TEST_TMPDIR/a.csv") <(without_id "$BATS_TEST_TMPDIR/b.csv")
	# the statuses came too
	assert_equal "$(patient list --status inactive | cut -f2)" A3
	assert_equal "$(patient list --status deceased | cut -f2)" A4
	# again: nothing added, nothing refused
	run -0 --separate-stderr patient import "$BATS_TEST_TMPDIR/a.csv"
	assert_output ""
	assert_equal "$stderr" ""
	# JSON lines, into a third clinic
	other_clinic south
	run -0 --separate-stderr patient import "$BATS_TEST_TMPDIR/a.json"
	assert_equal "${#lines[@]}" 9
	patient export -o json >"$BATS_TEST_TMPDIR/c.json"
	run -0 diff <(jq -c 'del(.id)' "$BATS_TEST_TMPDIR/a.json") <(jq -c 'del(.id)' "$BATS_TEST_TMPDIR/c.json")
}

@test "the not_duplicate mark: set by --force only past a look-alike, kept in history, honoured by import" {
	patient add --first Ana --last Lee --dob 1980-02-29 --force >/dev/null
	patient add --first Ana --last Lee --dob 1980-02-29 --force >/dev/null
	patient add --first Bo --last Park --dob 1981-01-01 >/dev/null
	# the first --force had no look-alike to get past
	assert_equal "$(marks)" "M0000001:- M0000002:yes M0000003:- "
	# an edit that needs no --force leaves the mark alone
	patient edit pat-3 --phone "617 555 0111" --force >/dev/null
	assert_equal "$(field 3 not_duplicate)" 0
	patient edit pat-3 --first Ana --last Lee --dob 1980-02-29 --force >/dev/null
	assert_equal "$(field 3 not_duplicate)" 1
	run -0 patient history -o json pat-3
	assert_equal "$(jq -c 'select(.field == "not_duplicate") | [.old, .new]' <<<"$output")" '[null,"yes"]'
	# a row marked yes is not checked; a mark that is not yes or empty is bad
	cat >"$BATS_TEST_TMPDIR/in.csv" <<-'EOF'
	mrn,first,last,dob,not_duplicate
	N1,Ana,Lee,1980-02-29,yes
	N2,Ana,Lee,1980-02-29,
	N3,Ana,Lee,1980-02-29,maybe
	EOF
	n=$(everything)
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/in.csv"
	assert_output ""
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/in.csv:3: mrn: looks like pat-1 (same name and date of birth): --force to add anyway
patient: $BATS_TEST_TMPDIR/in.csv:4: not_duplicate: yes or empty
patient: $BATS_TEST_TMPDIR/in.csv: 2 bad rows: nothing imported"
	assert_equal "$(everything)" "$n"
	# --force marks the rows it lets by
	sed -i '$d' "$BATS_TEST_TMPDIR/in.csv"
	run -0 patient import --force "$BATS_TEST_TMPDIR/in.csv"
	assert_equal "$(marks)" "M0000001:- M0000002:yes M0000003:yes N1:yes N2:yes "
}

@test "a database from before schema 007 gets the mark on the look-alikes --force let by" {
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient add --first Ana --last Lee --dob 1980-02-29 --force >/dev/null
	patient add --first Bo --last Park --dob 1981-01-01 --phone "617 555 0100" >/dev/null
	patient add --first Cy --last Dee --dob 1981-01-01 --phone "617 555 0100" --force >/dev/null
	patient add --first Ed --last Fox --dob 1970-01-01 >/dev/null
	schema_back_to 6
	run -0 db migrate
	assert_output "schema version $SCHEMA_VERSION"
	run -0 sqlite3 "$CLINIX_DB" 'SELECT not_duplicate FROM patient ORDER BY id'
	assert_equal "$(tr '\n' ' ' <<<"$output")" "0 1 0 1 0 "
}

@test "CSV formula guard: export defuses = + - @ TAB and a leading ', import takes exactly that ' off" {
	patient add --mrn F1 --first "=1+2" --last "+x" --dob 1980-01-01 \
	    --middle "-x" --preferred "@x" --note $'\tindented' >/dev/null
	patient add --mrn F2 --first "'x" --last "''x" --dob 1980-01-01 \
	    --middle "'=1+2" --preferred "'" --note "-5" --city "+1.5" >/dev/null
	patient add --mrn F3 --first "a'b" --last "Lee" --dob 1980-01-01 \
	    --note "=HYPERLINK(\"http://x\",\"y\")" >/dev/null
	patient export >"$BATS_TEST_TMPDIR/a.csv"
	# the cells as a spreadsheet reads them (mrn first middle last
	# preferred note city)
	run -0 python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True):
    print(repr([r[k] for k in ("mrn", "first", "middle", "last", "preferred", "note", "city")]))' "$BATS_TEST_TMPDIR/a.csv"
	assert_output "['F1', \"'=1+2\", \"'-x\", \"'+x\", \"'@x\", \"'\\tindented\", '']
['F2', \"''x\", \"''=1+2\", \"'''x\", \"''\", '-5', '+1.5']
['F3', \"a'b\", '', 'Lee', '', '\\'=HYPERLINK(\"http://x\",\"y\")', '']"
	# imported elsewhere, every value is what was typed
	other_clinic north
	patient import "$BATS_TEST_TMPDIR/a.csv" >/dev/null
	run -0 sqlite3 -separator '|' "$CLINIX_DB" "SELECT mrn, first, middle, last, preferred, replace(note, char(9), '<TAB>'), city FROM patient ORDER BY id"
	assert_output "F1|=1+2|-x|+x|@x|<TAB>indented|
F2|'x|'=1+2|''x|'|-5|+1.5
F3|a'b||Lee||=HYPERLINK(\"http://x\",\"y\")|"
	patient export >"$BATS_TEST_TMPDIR/b.csv"
	run -0 diff <(without_id "$BATS_TEST_TMPDIR/a.csv") <(without_id "$BATS_TEST_TMPDIR/b.csv")
	# a file made elsewhere: a ' before anything else is data
	printf "mrn,first,last,dob\nG1,'Neil,'x,1980-01-01\n" >"$BATS_TEST_TMPDIR/g.csv"
	patient import "$BATS_TEST_TMPDIR/g.csv" >/dev/null
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT first || '|' || last FROM patient WHERE mrn = 'G1'")" "'Neil|'x"
}

# -- the shape of a CSV file ---------------------------------------------

@test "CSV with bare CR line ends (old Mac): errors name the right line" {
	printf 'mrn,first,last,dob\rC1,Ana,Lee,1980-01-01\rC2,Bo,Park,someday\rC3,Cy,Dee,1982-01-01\r' >"$BATS_TEST_TMPDIR/mac.csv"
	n=$(everything)
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/mac.csv"
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/mac.csv:3: dob: not a date (YYYY-MM-DD)
patient: $BATS_TEST_TMPDIR/mac.csv: 1 bad row: nothing imported"
	assert_equal "$(everything)" "$n"
	# a quote left open names the line it opened on
	printf 'mrn,first,last,dob\rC1,Ana,Lee,1980-01-01\rC2,"Bo,Park,1981-01-01\r' >"$BATS_TEST_TMPDIR/open.csv"
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/open.csv"
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/open.csv:3: unterminated quoted field"
	assert_equal "$(everything)" "$n"
	# and a good one imports every row
	sed -i 's/someday/1981-01-01/' "$BATS_TEST_TMPDIR/mac.csv"
	run -0 patient import "$BATS_TEST_TMPDIR/mac.csv"
	assert_output $'pat-1\npat-2\npat-3'
}

@test "a row with more fields than the header, or a column named twice, is 65 with file:line; nothing written" {
	n=$(everything)
	printf 'mrn,first,last,dob\nR1,Ana,Lee,1980-01-01\nR2,Bo,Park,1981-01-01,extra\n' >"$BATS_TEST_TMPDIR/wide.csv"
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/wide.csv"
	assert_output ""
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/wide.csv:3: 5 fields, but the header names 4 columns
patient: $BATS_TEST_TMPDIR/wide.csv: 1 bad row: nothing imported"
	assert_equal "$(everything)" "$n"
	# --keep-going imports the rest, and still says so
	run -65 --separate-stderr patient import --keep-going "$BATS_TEST_TMPDIR/wide.csv"
	assert_output pat-1
	other_clinic two
	n=$(everything)
	printf 'mrn,first,last,first,dob\nR1,Ana,Lee,Eve,1980-01-01\n' >"$BATS_TEST_TMPDIR/twice.csv"
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/twice.csv"
	assert_output ""
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/twice.csv:1: column 'first' named twice"
	printf 'mrn,status,first,last,dob,status\nR1,active,Ana,Lee,1980-01-01,inactive\n' >"$BATS_TEST_TMPDIR/status.csv"
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/status.csv"
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/status.csv:1: column 'status' named twice"
	# two columns mapped to one field are the same mistake
	printf 'mrn,Given,first,last,dob\nR1,Ana,Eve,Lee,1980-01-01\n' >"$BATS_TEST_TMPDIR/mapped.csv"
	run -65 --separate-stderr patient import --map Given=first "$BATS_TEST_TMPDIR/mapped.csv"
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/mapped.csv:1: columns 'Given' and 'first' are both the field first"
	assert_equal "$(everything)" "$n"
}

# -- characters a field refuses ------------------------------------------

@test "an escaped NUL in YAML or JSON is refused as a raw one is: add --from and JSON-lines import" {
	n=$(everything)
	run -65 --separate-stderr patient add --from - <<<$'first: "A\\0B"\nlast: Lee\ndob: 1980-01-01'
	assert_output ""
	assert_equal "$stderr" "patient: stdin:1: first: holds a NUL character"
	run -65 --separate-stderr patient add --from - <<<$'first: Ana\nlast: "Lee\\x00"\ndob: 1980-01-01'
	assert_equal "$stderr" "patient: stdin:2: last: holds a NUL character"
	run -65 --separate-stderr patient add --from - <<<'{"first": "Zed\u0000Evil", "last": "X", "dob": "1980-01-01"}'
	assert_equal "$stderr" "patient: stdin:1: first: holds a NUL character"
	printf '{"mrn": "J1", "first": "Ana", "last": "Lee", "dob": "1980-01-01"}\n{"mrn": "J2", "first": "Zed\\u0000Evil", "last": "X", "dob": "1980-01-01"}\n' >"$BATS_TEST_TMPDIR/nul.jsonl"
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/nul.jsonl"
	assert_output ""
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/nul.jsonl:2: first: holds a NUL character
patient: $BATS_TEST_TMPDIR/nul.jsonl: 1 bad row: nothing imported"
	# a raw NUL, for comparison
	run -65 --separate-stderr patient add --from - < <(printf 'first: "A\0B"\nlast: Lee\ndob: 1980-01-01\n')
	assert_equal "$(everything)" "$n"
}

@test "C1 controls, bidi overrides and isolates, U+2028 and U+2029 are refused in one-line fields, naming the field" {
	n=$(everything)
	for c in $'\xc2\x80' $'\xc2\x85' $'\xc2\x9f'; do
		run -65 --separate-stderr patient add --first "A${c}B" --last Lee --dob 1980-01-01
		assert_equal "$stderr" "patient: first: holds a control character"
	done
	for c in $'\xe2\x80\xaa' $'\xe2\x80\xab' $'\xe2\x80\xac' \
	    $'\xe2\x80\xad' $'\xe2\x80\xae' $'\xe2\x81\xa6' $'\xe2\x81\xa7' \
	    $'\xe2\x81\xa8' $'\xe2\x81\xa9'; do
		run -65 --separate-stderr patient add --first Ana --last "Lee${c}" --dob 1980-01-01
		assert_equal "$stderr" "patient: last: holds a bidirectional control character"
	done
	for c in $'\xe2\x80\xa8' $'\xe2\x80\xa9'; do
		run -65 --separate-stderr patient add --first Ana --last Lee --dob 1980-01-01 --city "A${c}B"
		assert_equal "$stderr" "patient: city: holds a line or paragraph separator"
	done
	# the same through add --from, edit and import
	run -65 --separate-stderr patient add --from - <<<$'first: "Ana\\u202e"\nlast: Lee\ndob: 1980-01-01'
	assert_equal "$stderr" "patient: stdin:1: first: holds a bidirectional control character"
	printf 'mrn,first,last,dob\nB1,Ana,Lee\xc2\x85,1980-01-01\n' >"$BATS_TEST_TMPDIR/c1.csv"
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/c1.csv"
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/c1.csv:2: last: holds a control character
patient: $BATS_TEST_TMPDIR/c1.csv: 1 bad row: nothing imported"
	assert_equal "$(everything)" "$n"
	patient add --first Ana --last Lee --dob 1980-01-01 >/dev/null
	n=$(everything)
	run -65 --separate-stderr patient edit pat-1 --preferred $'Annie\xe2\x81\xa6'
	assert_equal "$stderr" "patient: preferred: holds a bidirectional control character"
	assert_equal "$(everything)" "$n"
	# a note is lines of text: isolates and separators may be there, C1 not
	run -0 patient edit pat-1 --note $'\xd7\xa9\xe2\x81\xa7abc\xe2\x81\xa9 \xe2\x80\xa8next'
	run -65 --separate-stderr patient edit pat-1 --note $'a\xc2\x9bb'
	assert_equal "$stderr" "patient: note: holds a control character"
	# Hebrew and Arabic names need none of them
	run -0 patient add --first $'\xd7\xa9\xd7\xa8\xd7\x94' --last $'\xd8\xb9\xd9\x84\xd9\x8a' --dob 1990-01-01
}

# -- search --------------------------------------------------------------

@test "search for text with no letter or digit is 64, not a list of everyone" {
	patient add --first Ana --last Lee --dob 1980-01-01 >/dev/null
	patient add --first Bo --last Park --dob 1981-01-01 >/dev/null
	for q in % _ '!!' '%%' "'" ' - '; do
		run -64 --separate-stderr patient search "$q"
		assert_output ""
		assert_equal "${stderr_lines[0]}" "patient: search: '$q' has no letter or digit to search for"
	done
	# letters beside them still search by prefix
	run -0 patient search "le%"
	assert_equal "$(cut -f1 <<<"$output")" pat-1
	run -1 patient search "o'"
	assert_output ""
}

# -- import --update -----------------------------------------------------

@test "import --update applies edit's duplicate guard; --force lets it by and marks it" {
	patient add --mrn U1 --first Ana --last Lee --dob 1980-01-01 >/dev/null
	patient add --mrn U2 --first Bo --last Park --dob 1981-01-01 \
	    --phone "617 555 0100" >/dev/null
	printf 'mrn,first,last,dob\nU2,Ana,Lee,1980-01-01\n' >"$BATS_TEST_TMPDIR/up.csv"
	n=$(everything)
	run -65 --separate-stderr patient import --update "$BATS_TEST_TMPDIR/up.csv"
	assert_output ""
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/up.csv:2: mrn: would look like pat-1 (same name and date of birth, or phone and date of birth): --force to change anyway
patient: $BATS_TEST_TMPDIR/up.csv: 1 bad row: nothing imported"
	assert_equal "$(everything)" "$n"
	# by phone and date of birth too
	printf 'mrn,dob,phone\nU1,1981-01-01,617-555-0100\n' >"$BATS_TEST_TMPDIR/ph.csv"
	run -65 --separate-stderr patient import --update "$BATS_TEST_TMPDIR/ph.csv"
	assert_equal "${stderr_lines[0]}" "patient: $BATS_TEST_TMPDIR/ph.csv:2: mrn: would look like pat-2 (same name and date of birth, or phone and date of birth): --force to change anyway"
	assert_equal "$(everything)" "$n"
	# a change that looks like nobody goes through
	printf 'mrn,first\nU2,Bob\n' >"$BATS_TEST_TMPDIR/ok.csv"
	run -0 patient import --update "$BATS_TEST_TMPDIR/ok.csv"
	assert_output pat-2
	run -0 patient import --update --force "$BATS_TEST_TMPDIR/up.csv"
	assert_output pat-2
	assert_equal "$(marks)" "U1:- U2:yes "
	run -0 patient history -o json pat-2
	assert_equal "$(jq -r '.field' <<<"$output" | tr '\n' ' ')" "first first last dob not_duplicate "
}

# -- bulk import -------------------------------------------------------

# CSV rows FROM..TO: MRN B and the number, a last name spelt from it in
# letters (so no two rows look alike), all born the same day.
bulk_rows() {
	awk -v from="$1" -v to="$2" 'BEGIN {
		print "mrn,first,last,dob"
		for (n = from; n <= to; n++) {
			s = ""; k = n
			for (i = 0; i < 4; i++) { s = s sprintf("%c", 97 + k % 26); k = int(k / 26) }
			printf "B%05d,Ann,Q%s,1980-01-01\n", n, s
		}
	}'
}
# The patient table's indexes as the schema says, and where their B-trees
# start: a bulk import makes two of them again (new root pages), same text.
indexes() {
	sqlite3 "$CLINIX_DB" "SELECT name || ' ' || coalesce(sql, '') FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'patient' ORDER BY name"
}
roots() {
	sqlite3 "$CLINIX_DB" "SELECT group_concat(name || '=' || rootpage, ' ') FROM (SELECT name, rootpage FROM sqlite_schema WHERE name IN ('patient_last_key', 'patient_first_key') ORDER BY name)"
}

@test "a bulk import builds the name indexes again before it commits; a small one leaves them" {
	patient add --mrn A1 --first Ann --last Qaaaa --dob 1980-01-01 >/dev/null
	local idx=$(indexes) r0=$(roots)
	[[ $idx == *"patient_last_key CREATE INDEX patient_last_key ON patient (last_key, first_key)"* ]]
	# 50 rows into a clinic of 1: under the threshold, the B-trees stay
	bulk_rows 2 51 >"$BATS_TEST_TMPDIR/small.csv"
	run -0 patient import "$BATS_TEST_TMPDIR/small.csv"
	[ "$(roots)" = "$r0" ]
	# 1,500: past it, two built again (and the same text as before)
	bulk_rows 52 1551 >"$BATS_TEST_TMPDIR/big.csv"
	run -0 patient import "$BATS_TEST_TMPDIR/big.csv"
	[ "$(roots)" != "$r0" ]
	[ "$(indexes)" = "$idx" ]
	run -0 sqlite3 "$CLINIX_DB" "PRAGMA integrity_check"
	assert_output ok
	# the rebuilt index finds a row added after the drop
	run -0 patient search "$(grep '^B01500,' "$BATS_TEST_TMPDIR/big.csv" | cut -d, -f3)"
	assert_output --partial "B01500"
	run -0 sqlite3 "$CLINIX_DB" "SELECT count(*) FROM patient INDEXED BY patient_last_key WHERE last_key >= 'q'"
	assert_output 1551
}

@test "a bulk import that fails leaves the indexes and the rows as they were; the guard sees rows of the file" {
	patient add --mrn A1 --first Ann --last Qaaaa --dob 1980-01-01 >/dev/null
	local idx=$(indexes) r0=$(roots) before=$(everything)
	# line 1,400 is row 1,200 again under another MRN, line 1,450 repeats
	# row 1,100's MRN: both after the drop (row 1,001 on)
	local twin=$(bulk_rows 1200 1200 | sed -n 2p | cut -d, -f3)
	{ bulk_rows 2 1500 | sed -e "1400s/^B01400,Ann,Q[a-z]*,/B01400,Ann,$twin,/" \
	    -e '1450s/^B01450,/B01100,/'; } >"$BATS_TEST_TMPDIR/bad.csv"
	[ "$(grep -c ",Ann,$twin," "$BATS_TEST_TMPDIR/bad.csv")" -eq 2 ]
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/bad.csv"
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/bad.csv:1400: mrn: looks like pat-1200 (same name and date of birth): --force to add anyway
patient: $BATS_TEST_TMPDIR/bad.csv:1450: mrn: appears twice in the file
patient: $BATS_TEST_TMPDIR/bad.csv: 2 bad rows: nothing imported"
	[ "$(everything)" = "$before" ]
	[ "$(roots)" = "$r0" ]
	# --keep-going: the good rows, and the indexes made again
	run -65 patient import --keep-going "$BATS_TEST_TMPDIR/bad.csv"
	[ "$(sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM patient')" -eq 1498 ]
	[ "$(indexes)" = "$idx" ]
	[ "$(roots)" != "$r0" ]
	run -0 sqlite3 "$CLINIX_DB" "PRAGMA integrity_check"
	assert_output ok
}

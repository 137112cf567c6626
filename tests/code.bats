load helper

# code: the starter set clinix init loads, search, show, check, and import
# of the official files (../shared/data) and of a CMS order file.

FIX="$BATS_TEST_DIRNAME/fixtures/codes"
ICD="$SHARED_DATA/icd10cm.csv"
HCPCS="$SHARED_DATA/hcpcs.csv"

q() { sqlite3 "$CLINIX_DB" "$1"; }
naudit() { q 'select count(*) from audit'; }
# Everything in the code table, as one checksum.
codesum() {
	db query -o tsv 'select * from code order by 1, 2' >"$BATS_TEST_TMPDIR/sum"
	sha256sum <"$BATS_TEST_TMPDIR/sum" | cut -d' ' -f1
}

@test "the starter set works right after clinix init" {
	run -0 --separate-stderr code show I10
	assert_output "I10	icd10cm	Essential (primary) hypertension		yes		starter	"
	assert_equal "$stderr" ""
	run -0 --separate-stderr code check I10 E11.9
	assert_output ""
	assert_equal "$stderr" ""
	run -0 code search hypertension
	assert_line "I10	icd10cm	Essential (primary) hypertension	yes	"
	run -0 code show G0438 GT
	assert_line --index 0 --regexp '^G0438	hcpcs	Ppps, initial visit	Annual wellness visit; .*	yes	code	starter	$'
	assert_line --index 1 "GT	hcpcs	Interactivetelecommunication	Via interactive audio and video telecommunication systems	no	modifier	starter	"
}

@test "the starter files hold only official, billable codes of the shared files" {
	need_shared
	local f
	# same columns as shared/data, and every line is a line of it
	for f in icd10cm hcpcs; do
		run -0 head -1 "$BATS_TEST_DIRNAME/../share/codes/$f-starter.csv"
		assert_output "$(head -1 "$SHARED_DATA/$f.csv")"
		run -1 bash -c "tail -n +2 '$BATS_TEST_DIRNAME/../share/codes/$f-starter.csv' |
		    grep -vxFf '$SHARED_DATA/$f.csv'"
		assert_output ""
	done
	run -0 q "select count(*), sum(billable) from code where system = 'icd10cm'"
	[[ $output =~ ^([0-9]+)\|([0-9]+)$ ]]
	assert_equal "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
	((BASH_REMATCH[1] >= 250))
}

@test "show takes ICD-10-CM codes with or without the dot, in any case" {
	run -0 code show E11.9
	assert_output "E11.9	icd10cm	Type 2 diabetes mellitus without complications		yes		starter	"
	local want=$output
	run -0 code show E119
	assert_output "$want"
	run -0 code show e11.9
	assert_output "$want"
	run -0 code -o json show I10
	assert_output '{"code":"I10","system":"icd10cm","title":"Essential (primary) hypertension","long_title":null,"billable":"yes","kind":null,"version":"starter","retired_in":null}'
}

@test "an unknown code is bad data for show and a failed check" {
	run -65 --separate-stderr code show Z99.999
	assert_output ""
	assert_equal "$stderr" "code: no code 'Z99.999'"
	run -65 --separate-stderr code show I10 nonsense
	assert_output --regexp '^I10	'
	assert_equal "$stderr" "code: no code 'nonsense'"
	run -1 code check I10 Z99.999 E11
	assert_output "Z99.999	unknown"$'\n'"E11	unknown"
}

@test "check names codes that are not billable, and reads stdin" {
	printf 'I10\n# a comment\nGT\nJ06.9\nE11.9\n' >"$BATS_TEST_TMPDIR/in"
	run -1 code check <"$BATS_TEST_TMPDIR/in"
	assert_output "GT	not billable"
	run -1 code check -o csv - <"$BATS_TEST_TMPDIR/in"
	assert_output "code,reason"$'\r\n'"GT,not billable"$'\r'
	run -0 code check --system icd10cm I10 J069
	run -1 code check --system hcpcs I10
	assert_output "I10	unknown"
}

@test "search matches words of the title and the start of codes" {
	run -0 code search type 2 diab without compl
	assert_output "E11.9	icd10cm	Type 2 diabetes mellitus without complications	yes	"
	run -0 code search E11.6
	assert_output --partial "E11.65	icd10cm	Type 2 diabetes mellitus with hyperglycemia	yes	"
	refute_output --partial "E11.9"
	run -0 code search --system hcpcs injection --limit 2
	assert_equal "${#lines[@]}" 2
	[[ ${lines[0]} == J*"	hcpcs	"* ]]
	run -0 code search -o json vaccine --system hcpcs --limit 1
	assert_output --regexp '^\{"code":"[A-Z0-9]+","system":"hcpcs","title":"[^"]+","billable":"yes","retired_in":null\}$'
	run -1 --separate-stderr code search xyzzyplugh
	assert_output ""
	assert_equal "$stderr" ""
	run -64 code search '...'
	run -64 code search --limit 0 flu
	run -64 code search --system cpt flu
}

@test "reads leave no audit row, and any active user may read" {
	local n
	n=$(naudit)
	user add nina --role frontdesk >/dev/null
	n=$(naudit)
	run -0 env CLINIX_USER=nina code show I10
	run -0 env CLINIX_USER=nina code search asthma
	run -0 env CLINIX_USER=nina code check J45.909
	assert_equal "$(naudit)" "$n"
}

@test "import of the full ICD-10-CM file: every code, billable ones, idempotent" {
	need_shared
	local s1 t0 t1
	t0=$(date +%s%N)
	run -0 --separate-stderr code import --label FY2025 icd10cm "$ICD"
	t1=$(date +%s%N)
	echo "# import took $(((t1 - t0) / 1000000)) ms" >&3
	assert_output ""
	assert_equal "$stderr" "code: icd10cm FY2025: 97584 codes, 97203 new, 0 retired, 0 restored"
	run -0 q "select count(*), sum(billable), count(retired_in) from code where system = 'icd10cm'"
	assert_output "97584|74260|0"
	run -0 code search --system icd10cm --billable diabetes
	local nb=${#lines[@]}
	run -0 code search --system icd10cm diabetes
	((${#lines[@]} > nb))
	# E11 is a category now: known, but not billable
	run -1 code check E11 E11.9
	assert_output "E11	not billable"
	run -0 code show E11
	assert_output "E11	icd10cm	Type 2 diabetes mellitus		no		FY2025	"
	run -0 q "select action, outcome, record, detail from audit order by id desc limit 1"
	assert_output "code.import|ok|icd10cm|FY2025: 97584 codes, 97203 new, 0 retired, 0 restored"
	s1=$(codesum)
	run -0 --separate-stderr code import --label FY2025 icd10cm "$ICD"
	assert_equal "$stderr" "code: icd10cm FY2025: 97584 codes, 0 new, 0 retired, 0 restored"
	assert_equal "$(codesum)" "$s1"
}

@test "a newer file retires the codes it drops; they stay showable and come back" {
	need_shared
	# chapters I and J of the real file stand for a year; "2026" drops
	# the J06 and I10 rows
	grep -E '^(code,|I|J)' "$ICD" >"$BATS_TEST_TMPDIR/icd10cm-ij.csv"
	grep -v -e '^J06' -e '^I10,' "$BATS_TEST_TMPDIR/icd10cm-ij.csv" \
	    >"$BATS_TEST_TMPDIR/icd10cm-2026.csv"
	code import --label FY2025 icd10cm "$BATS_TEST_TMPDIR/icd10cm-ij.csv" 2>/dev/null
	run -0 q "select count(*) from code where retired_in is not null"
	local n0=$output
	run -0 --separate-stderr code import icd10cm "$BATS_TEST_TMPDIR/icd10cm-2026.csv"
	assert_equal "$stderr" "code: icd10cm 2026: 2260 codes, 0 new, 4 retired, 0 restored"
	run -0 code show J06.9
	assert_output "J06.9	icd10cm	Acute upper respiratory infection, unspecified		yes		FY2025	2026"
	run -1 code check J06.9 I10 J45.909
	assert_output "J06.9	retired in 2026"$'\n'"I10	retired in 2026"
	run -1 code search acute upper respiratory unspecified
	run -0 code search --all acute upper respiratory unspecified
	assert_output "J06.9	icd10cm	Acute upper respiratory infection, unspecified	yes	2026"
	run -0 q "select count(*) from code where retired_in is not null"
	assert_equal "$output" "$((n0 + 4))"
	# a file of the same label that lists fewer codes still retires them
	grep -v '^J45' "$BATS_TEST_TMPDIR/icd10cm-2026.csv" >"$BATS_TEST_TMPDIR/b.csv"
	run -0 --separate-stderr code import --label 2026 icd10cm "$BATS_TEST_TMPDIR/b.csv"
	assert_equal "$stderr" "code: icd10cm 2026: 2234 codes, 0 new, 26 retired, 0 restored"
	run -0 --separate-stderr code import --label FY2027 icd10cm "$BATS_TEST_TMPDIR/icd10cm-ij.csv"
	assert_equal "$stderr" "code: icd10cm FY2027: 2264 codes, 0 new, 0 retired, 30 restored"
	run -0 code check J06.9 I10 J45.909
	run -0 code show J06.9
	assert_output "J06.9	icd10cm	Acute upper respiratory infection, unspecified		yes		FY2027	"
}

@test "a CMS fixed-width order file imports, long titles and all" {
	run -0 --separate-stderr code import icd10cm "$FIX/icd10cm-order-2026.txt"
	assert_output ""
	# the label comes from the file name; the rest of the starter set retires
	[[ $stderr =~ ^"code: icd10cm 2026: 9 codes, "[0-9]+" new, "[0-9]+" retired, 0 restored"$ ]]
	run -0 code show Z00.00 W10.0XXA A00
	assert_output "Z00.00	icd10cm	Encntr for general adult medical exam w/o abnormal findings	Encounter for general adult medical examination without abnormal findings	yes		2026	
W10.0XXA	icd10cm	Fall (on)(from) escalator, initial encounter	Fall (on) (from) escalator, initial encounter	yes		2026	
A00	icd10cm	Cholera	Cholera	no		2026	"
	# the long title is searched too
	run -0 code search examination without abnormal
	assert_output --regexp '^Z00.00	'
	run -65 --separate-stderr code import hcpcs "$FIX/icd10cm-order-2026.txt"
	assert_equal "$stderr" "code: $FIX/icd10cm-order-2026.txt: an order file holds ICD-10-CM codes, not HCPCS
code: nothing imported"
}

@test "an order file line out of layout is reported by line" {
	local f=$BATS_TEST_TMPDIR/icd10cm-order-2027.txt
	{ head -3 "$FIX/icd10cm-order-2026.txt"
	  printf '00004 A009   1 Cholera, unspecified\r\n'
	  printf '0000x A009    1 Cholera, unspecified\r\n'; } >"$f"
	run -65 --separate-stderr code import icd10cm "$f"
	assert_equal "$stderr" "code: $f:4: line: not in the order file layout (order 0-4, code 6-12, flag 14, titles 16- and 77-)
code: $f:5: order: must be 5 digits
code: nothing imported"
}

@test "import of the HCPCS file: codes and modifiers" {
	need_shared
	run -0 --separate-stderr code import hcpcs "$HCPCS"
	[[ $stderr =~ ^"code: hcpcs "[^:]+": 8846 codes, "[0-9]+" new, 0 retired, 0 restored"$ ]]
	run -0 q "select kind, count(*), sum(billable) from code where system = 'hcpcs' group by kind order by kind"
	assert_output "code|8463|8463"$'\n'"modifier|383|0"
	run -0 code show J3420
	assert_output "J3420	hcpcs	Vitamin b12 injection	Injection, vitamin b-12 cyanocobalamin, up to 1000 mcg	yes	code	$(q "select version from code where code = 'J3420'")	"
	run -0 code search --system hcpcs cyanocobalamin
	assert_line --regexp '^J3420	'
	# E1190 is a HCPCS code, but the dot makes E11.90 ICD-10-CM (unknown)
	run -0 code check E1190
	run -1 code check E11.90
	assert_output "E11.90	unknown"
	run -65 code show E11.90
}

@test "a bad line is reported as file:line: field and nothing is written" {
	need_shared
	local f=$BATS_TEST_TMPDIR/icd10cm.csv s1 n
	{ head -5 "$ICD"; printf 'AO01,AO0.1,Cholera typo,1\r\n'; sed -n '7,20p' "$ICD"; } >"$f"
	s1=$(codesum)
	n=$(naudit)
	run -65 --separate-stderr code import icd10cm "$f"
	assert_output ""
	assert_equal "$stderr" "code: $f:6: code: not an ICD-10-CM code (letter, digit, then 1 to 5 letters or digits)
code: nothing imported"
	assert_equal "$(naudit)" "$n"
	assert_equal "$(codesum)" "$s1"
	# a code twice, a bad flag, an empty title
	{ head -4 "$ICD"; printf 'A001,A00.1,Again,1\r\nA009,A00.9,,2\r\n'; } >"$f"
	run -65 --separate-stderr code import icd10cm "$f"
	assert_equal "$stderr" "code: $f:6: title: is empty
code: $f:6: billable: must be 0 or 1
code: $f:5: code: appears twice (also line 4)
code: nothing imported"
	# the wrong file for the system
	run -65 --separate-stderr code import hcpcs "$ICD"
	assert_equal "$stderr" "code: $ICD:1: the header must name the columns code, short_description and kind (a HCPCS file)
code: nothing imported"
	assert_equal "$(codesum)" "$s1"
}

@test "a file of nothing but bad lines reports the first 20 and a count" {
	local f=$BATS_TEST_TMPDIR/bad.csv i
	{ echo code,code_dotted,short_description,billable
	  for i in $(seq 1 30); do echo "1x$i,,Title,1"; done; } >"$f"
	run -65 --separate-stderr code import icd10cm "$f"
	assert_equal "$(grep -c ': code: not an ICD' <<<"$stderr")" 20
	[[ $stderr == *$'\n'"code: $f: 30 bad lines in all"$'\n'"code: nothing imported" ]]
	printf 'code,code_dotted,short_description,billable\n' >"$f"
	run -65 --separate-stderr code import icd10cm "$f"
	assert_equal "$stderr" "code: $f: no codes in the file"$'\n'"code: nothing imported"
}

@test "only an admin may import; usage errors are 64" {
	user add nina --role provider >/dev/null
	run -77 --separate-stderr env CLINIX_USER=nina code import icd10cm "$FIX/icd10cm-order-2026.txt"
	assert_equal "$stderr" "code: permission denied: 'nina' (provider) may not set up the clinic"
	run -0 q "select action, outcome, login from audit order by id desc limit 1"
	assert_output "code.import|denied|nina"
	run -66 code import icd10cm "$BATS_TEST_TMPDIR/missing.csv"
	# cpt is a system too since issue 12 (chart_dx.bats); snomed is none
	run -64 code import snomed "$FIX/icd10cm-order-2026.txt"
	run -64 code import icd10cm
	run -64 code import --label 'FY 2026' icd10cm "$FIX/icd10cm-order-2026.txt"
	run -0 code -h
	assert_line "usage: code search [--system SYSTEM] [--billable] [--all] [--limit N] TEXT ..."
}

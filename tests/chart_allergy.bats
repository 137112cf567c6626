#!/usr/bin/env bats
# chart allergy and chart immunization, on the starter catalog clinix init
# loads, and code import of the shared drug, group and CVX files.

load helper

setup() {
	clinix_env
	clinix init --clinic-name Test >/dev/null
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null	# pat-1
	user add desk --role frontdesk >/dev/null
	user add doc --role provider >/dev/null
	user add nina --role nurse >/dev/null
	user add bill --role billing >/dev/null
	export CLINIX_USER=nina
}

# CSV output as lines without their CR, header first
csv_of() {
	"$@" -o csv | tr -d '\r'
}

count() {
	sqlite3 "$CLINIX_DB" "SELECT count(*) FROM $1"
}

@test "clinix init loads the starter catalog" {
	# counted by hand in share/catalog/*.csv
	[ "$(count drug)" -eq 40 ]
	[ "$(count allergy_group)" -eq 17 ]
	[ "$(count cvx)" -eq 25 ]
	run -0 sqlite3 "$CLINIX_DB" "SELECT rxcui, allergy_group FROM drug WHERE ingredient = 'amoxicillin'"
	assert_output "723|penicillins"
	run -0 sqlite3 "$CLINIX_DB" "SELECT x.allergy_group, x.level FROM drug_cross x JOIN drug ON drug.id = x.drug_id WHERE ingredient = 'cephalexin'"
	assert_output "penicillins|moderate"
}

@test "the starter catalog agrees with the shared files where both list a row" {
	need_shared
	# every starter RxCUI, group and CVX code is in the shared data too
	while IFS=, read -r ing rxcui _; do
		[ "$ing" = ingredient ] && continue
		run grep -c "^$ing,$rxcui," "$SHARED_DATA/drugs.csv"
		[ "$output" = 1 ] || [ -z "$(grep "^$ing," "$SHARED_DATA/drugs.csv")" ] ||
		    fail "$ing: RxCUI $rxcui differs from the shared file"
	done <"$BATS_TEST_DIRNAME/../share/catalog/drugs.csv"
	while IFS=, read -r cvx _; do
		[ "$cvx" = cvx_code ] && continue
		grep -q "^$cvx," "$SHARED_DATA/cvx.csv" || fail "CVX $cvx unknown"
	done <"$BATS_TEST_DIRNAME/../share/catalog/cvx.csv"
}

@test "a drug allergy matches by name in any case, by RxCUI, or a group" {
	run -0 chart allergy add pat-1 Amoxicillin --reaction hives --severity severe
	assert_output alg-1
	run -0 chart allergy add pat-1 5640		# ibuprofen's RxCUI
	assert_output alg-2
	run -0 chart allergy add pat-1 CEPHALOSPORINS
	assert_output alg-3
	run -0 sqlite3 "$CLINIX_DB" "SELECT substance, drug_id IS NOT NULL, allergy_group FROM allergy ORDER BY id"
	assert_output "amoxicillin|1|
ibuprofen|1|
cephalosporins|0|cephalosporins"
	run -0 csv_of chart allergy list pat-1
	assert_line --index 0 "id,type,substance,match,rxcui,reaction,severity,onset,status,recorded,reason"
	assert_line --index 1 --regexp '^alg-1,drug,amoxicillin,ingredient,723,hives,severe,,active,20'
	assert_line --index 3 --regexp '^alg-3,drug,cephalosporins,group,,,,,active,'
}

@test "an unknown drug is refused with close matches, unless --free-text" {
	run -65 --separate-stderr chart allergy add pat-1 amicillin
	assert_equal "$stderr" "chart: unknown drug 'amicillin': did you mean ampicillin, amoxicillin? (--free-text takes it as typed)"
	run -65 --separate-stderr chart allergy add pat-1 qqqqzz
	[[ $stderr == *"no ingredient or allergy group like it"* ]]
	[ "$(count allergy)" -eq 0 ]
	run -0 chart allergy add pat-1 amicillin --free-text
	run -0 csv_of chart allergy list pat-1
	assert_line --index 1 --regexp '^alg-1,drug,amicillin,free text,'
	# food and environment are free text, never matched
	run -0 chart allergy add pat-1 peanuts --type food --onset 2001-05-01
	run -0 sqlite3 "$CLINIX_DB" "SELECT type, onset FROM allergy WHERE id = 2"
	assert_output "food|2001-05-01"
}

@test "a second active allergy to one substance is refused naming the first" {
	chart allergy add pat-1 amoxicillin >/dev/null
	run -65 --separate-stderr chart allergy add pat-1 723
	assert_equal "$stderr" "chart: pat-1 has this allergy already: alg-1"
	[ "$(count allergy)" -eq 1 ]
}

@test "NKDA is not 'not recorded', and a drug allergy supersedes it" {
	run -0 csv_of chart allergy list pat-1
	assert_line --index 1 ",,not recorded,,,,,,not recorded,,"
	run -0 chart allergy none pat-1
	assert_output alg-1
	run -0 csv_of chart allergy list pat-1
	assert_line --index 1 --regexp '^alg-1,nkda,no known drug allergies,,,,,,active,'
	run -65 chart allergy none pat-1
	# a food allergy leaves NKDA standing; a drug allergy ends it
	chart allergy add pat-1 latex --type environment >/dev/null
	run -0 --separate-stderr chart allergy add pat-1 naproxen
	assert_output alg-3
	assert_equal "$stderr" "chart: alg-1 (no known drug allergies) is inactive now"
	run -0 sqlite3 "$CLINIX_DB" "SELECT id, inactive_reason FROM allergy WHERE inactive_at IS NOT NULL"
	assert_output "1|superseded by alg-3"
	run -65 --separate-stderr chart allergy none pat-1
	assert_equal "$stderr" "chart: pat-1 has an active drug allergy, alg-3: inactivate it first if it was wrong"
}

@test "inactivate keeps the entry, marked with its reason" {
	chart allergy add pat-1 sulfamethoxazole >/dev/null
	run -64 chart allergy inactivate pat-1 alg-1
	run -65 chart allergy inactivate pat-1 alg-9 --reason "entered in error"
	run -65 chart allergy inactivate pat-1 apt-1 --reason x
	run -0 chart allergy inactivate pat-1 alg-1 --reason "entered in error"
	assert_output alg-1
	run -65 chart allergy inactivate pat-1 alg-1 --reason again
	run -0 csv_of chart allergy list pat-1
	assert_line --index 1 --regexp '^alg-1,drug,sulfamethoxazole,ingredient,10180,,,,inactive,.*,entered in error$'
	# and NKDA may be recorded now
	run -0 chart allergy none pat-1
}

@test "bad values are refused and write nothing" {
	run -64 chart allergy add pat-1 amoxicillin --severity awful
	run -64 chart allergy add pat-1 amoxicillin --type mineral
	run -64 chart allergy add pat-1 amoxicillin --onset soon
	run -65 chart allergy add pat-1 amoxicillin --onset +2d
	run -65 chart allergy add pat-9 amoxicillin
	run -65 chart allergy add pat-1 "$(printf 'a\tb')" --free-text
	run -64 chart allergy add pat-1
	run -64 chart immunization add pat-1 03 --date someday
	run -64 chart immunization add pat-1 03 --route elbow
	run -65 chart immunization add pat-1 03 --date tomorrow
	run -65 chart immunization add pat-1 555
	run -65 chart immunization add pat-1 998		# no vaccine given
	[ "$(count allergy)" -eq 0 ]
	[ "$(count immunization)" -eq 0 ]
}

@test "immunization add and list" {
	run -0 chart immunization add pat-1 3 --date 2020-01-15 --lot X12 --site "left deltoid" --route sc
	assert_output imm-1
	run -0 chart immunization add pat-1 115
	assert_output imm-2
	run -0 csv_of chart immunization list pat-1
	assert_line --index 0 "id,date,cvx,vaccine,lot,site,route,recorded_by"
	assert_line --index 1 'imm-1,2020-01-15,03,"MMR (measles, mumps, rubella), live",X12,left deltoid,SC,nina'
	assert_line --index 2 --regexp "^imm-2,$(date +%F),115,"
}

@test "role matrix: nurses and providers chart, everyone else gets 77 and a denied row" {
	for u in nina doc; do
		run -0 env CLINIX_USER=$u chart allergy list pat-1
		run -0 env CLINIX_USER=$u chart immunization list pat-1
	done
	run -0 env CLINIX_USER=nina chart allergy add pat-1 aspirin
	run -0 env CLINIX_USER=doc chart allergy add pat-1 codeine
	run -0 env CLINIX_USER=doc chart allergy inactivate pat-1 alg-2 --reason wrong
	run -0 env CLINIX_USER=doc chart immunization add pat-1 03
	run -0 env CLINIX_USER=nina chart immunization add pat-1 08
	for u in desk bill root; do
		before=$(count "audit WHERE outcome = 'denied' AND action LIKE 'chart.%'")
		run -77 env CLINIX_USER=$u chart allergy add pat-1 ibuprofen
		run -77 env CLINIX_USER=$u chart allergy none pat-1
		run -77 env CLINIX_USER=$u chart allergy list pat-1
		run -77 env CLINIX_USER=$u chart allergy inactivate pat-1 alg-1 --reason x
		run -77 env CLINIX_USER=$u chart immunization add pat-1 03
		run -77 env CLINIX_USER=$u chart immunization list pat-1
		[ "$(count "audit WHERE outcome = 'denied' AND action LIKE 'chart.%'")" -eq $((before + 6)) ]
	done
	[ "$(count allergy)" -eq 2 ]
	[ "$(count immunization)" -eq 2 ]
}

@test "reads and writes are audited naming the patient" {
	chart allergy add pat-1 aspirin >/dev/null
	chart allergy list pat-1 >/dev/null
	chart immunization add pat-1 03 >/dev/null
	chart immunization list pat-1 >/dev/null
	run -0 sqlite3 "$CLINIX_DB" "SELECT patient_id, record, action FROM audit WHERE action LIKE 'chart.%' ORDER BY id"
	assert_output "1|alg-1|chart.allergy.add
1||chart.allergy.list
1|imm-1|chart.immunization.add
1||chart.immunization.list"
}

@test "code import reads the shared catalog files, all or nothing, and again changes nothing" {
	need_shared
	export CLINIX_USER=root
	run -77 env CLINIX_USER=nina code import drugs "$SHARED_DATA/drugs.csv"
	run -65 --separate-stderr code import drugs "$SHARED_DATA/drugs.csv"
	[[ $stderr == *"drugs.csv:9: allergy_group: no allergy group 'benzodiazepines' (import allergy-groups first)"* ]]
	[ "$(count drug)" -eq 40 ]
	run -0 --separate-stderr code import --label 2026 allergy-groups "$SHARED_DATA/allergy-groups.csv"
	assert_equal "$stderr" "code: allergy-groups 2026: 34 rows, 17 new, 17 changed, 0 retired"
	run -0 --separate-stderr code import --label 2026 drugs "$SHARED_DATA/drugs.csv"
	# the 3 starter rows the shared file lacks (ampicillin, penicillin g, heparin) retire
	assert_equal "$stderr" "code: drugs 2026: 353 rows, 316 new, 37 changed, 3 retired"
	run -0 --separate-stderr code import --label 2026 drugs "$SHARED_DATA/drugs.csv"
	assert_equal "$stderr" "code: drugs 2026: 353 rows, 0 new, 0 changed, 0 retired"
	run -0 --separate-stderr code import --label 2026 cvx "$SHARED_DATA/cvx.csv"
	[ "$(count cvx)" -eq 287 ]
	run -0 sqlite3 "$CLINIX_DB" "SELECT count(*) FROM audit WHERE action LIKE 'code.%' AND record IN ('drugs', 'allergy-groups', 'cvx')"
	assert_output 4
	# a retired drug is matched no more, and close matches still come
	run -65 --separate-stderr env CLINIX_USER=nina chart allergy add pat-1 heparin
	[[ $stderr == *"did you mean"* ]]
}

@test "a bad catalog file names file:line and imports nothing" {
	export CLINIX_USER=root
	printf 'ingredient,rxcui,drug_class,allergy_group\nfoo,0123,x,\nbar,77,,\nbaz,77,y,\n' >"$BATS_TEST_TMPDIR/d.csv"
	run -65 --separate-stderr code import drugs "$BATS_TEST_TMPDIR/d.csv"
	assert_equal "$stderr" "code: $BATS_TEST_TMPDIR/d.csv:2: rxcui: an RxCUI is digits, not starting with 0
code: $BATS_TEST_TMPDIR/d.csv:3: drug_class: is empty
code: nothing imported"
	printf 'cvx_code,short_description\n03,x\n' >"$BATS_TEST_TMPDIR/c.csv"
	run -65 --separate-stderr code import cvx "$BATS_TEST_TMPDIR/c.csv"
	[[ $stderr == *"the header must name the column non_vaccine"* ]]
	[ "$(count drug)" -eq 40 ]
	[ "$(count cvx)" -eq 25 ]
}

load helper

# chart vitals: units as typed, stored in SI with their LOINC codes, the
# BMI computed, implausible values 65 naming the field, unreadable ones
# 64, nothing written on a refusal, a signed encounter closed, who may
# do it, and the listing.  Expected values are worked by hand:
# 154 lb = 69.85322498 kg, 98.6 F = 37.0 C, 5ft7in = 170.18 cm,
# BMI 70 kg / (1.70 m)^2 = 24.22, 69.853 kg / (1.7018 m)^2 = 24.12.
#
# `chart open` is being built beside this (helper enc): encounters are
# written here with sqlite3, as the schema has them.

# prv-1 Maria Chen (login doc), pat-1 Jane Doe (M0000001), pat-2 John
# Roe; users desk (frontdesk), doc (provider), nina (nurse), bill
# (billing); root is admin.  enc-1 and enc-2 are pat-1's, enc-3 pat-2's.
clinic() {
	user add desk --role frontdesk
	user add doc --role provider
	user add nina --role nurse
	user add bill --role billing
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X \
	    --login doc
	patient add --first Jane --last Doe --dob 1980-01-02
	patient add --first John --last Roe --dob 1970-05-06
	sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id, provider_id,
	    start_at, created_at, created_by) VALUES
	    (1, 1, '2026-12-01T14:00:00Z', '2026-12-01T14:00:00Z', 'doc'),
	    (1, 1, '2026-12-02T14:00:00Z', '2026-12-02T14:00:00Z', 'doc'),
	    (2, 1, '2026-12-02T15:00:00Z', '2026-12-02T15:00:00Z', 'doc')"
}
setup_file() { clinic_once clinic; }
setup() {
	clinic_copy
	export CLINIX_USER=nina
}

everything() { sqlite3 "$CLINIX_DB" .dump | cksum; }
# The stored rows of kind LOINC: value|unit, in id order.
stored() {
	sqlite3 "$CLINIX_DB" "SELECT value || '|' || unit FROM vitals
	    WHERE loinc = '$1' ORDER BY id"
}
# One row on enc-1 for each VALUE of OPTION, as typed: add_each OPTION VALUE...
add_each() {
	local opt=$1 v

	shift
	for v; do
		chart vitals add enc-1 "$opt" "$v" >/dev/null || return
	done
}
# The shown value of the latest row of kind LOINC in the listing (TSV).
shown() {
	chart vitals list pat-1 --loinc "$1" >"$BATS_TEST_TMPDIR/list" ||
	    return 1
	tail -1 "$BATS_TEST_TMPDIR/list" | cut -f5
}
last_audit() {
	sqlite3 -separator '|' "$CLINIX_DB" "select login, action, outcome,
	    ifnull(patient_id, '-'), ifnull(record, '-'), ifnull(detail, '-')
	    from audit order by id desc limit 1"
}
sign() {
	sqlite3 "$CLINIX_DB" "UPDATE encounter SET signed_at =
	    '2026-12-01T15:00:00Z', signed_by = 'doc',
	    sign_hash = printf('%064d', 0) WHERE id = ${1#enc-}"
}

@test "a full set is stored in SI with its LOINC codes, and the BMI" {
	run -0 --separate-stderr chart vitals add enc-1 --bp 120/80 --hr 72 \
	    --rr 16 --temp 98.6F --spo2 98 --weight 154lb --height 5ft7in \
	    --pain 3 --at 2026-12-01T09:30
	assert_equal "$stderr" ""
	# ten observations: BP is two, BMI one more
	assert_output "$(printf 'vit-%d\n' 1 2 3 4 5 6 7 8 9 10)"
	run -0 sqlite3 "$CLINIX_DB" "SELECT loinc, value, unit, at FROM vitals
	    ORDER BY id"
	assert_output "8480-6|120.0|mm[Hg]|2026-12-01T14:30:00Z
8462-4|80.0|mm[Hg]|2026-12-01T14:30:00Z
8867-4|72.0|/min|2026-12-01T14:30:00Z
9279-1|16.0|/min|2026-12-01T14:30:00Z
8310-5|37.0|Cel|2026-12-01T14:30:00Z
59408-5|98.0|%|2026-12-01T14:30:00Z
29463-7|69.85322498|kg|2026-12-01T14:30:00Z
8302-2|170.18|cm|2026-12-01T14:30:00Z
72514-3|3.0|{score}|2026-12-01T14:30:00Z
39156-5|24.1195623222166|kg/m2|2026-12-01T14:30:00Z"
	# one audit row for the command, naming the patient and the encounter
	run -0 last_audit
	assert_output "nina|chart.vitals.add|ok|1|enc-1|vitals 1-10"
}

@test "the listing rounds what it shows: kg 2 decimals, Cel, cm and BMI 1" {
	chart vitals add enc-1 --bp 120/80 --temp 98.6F --weight 154lb \
	    --height 5ft7in --at 2026-12-01T09:30 >/dev/null
	run -0 --separate-stderr chart vitals list pat-1
	assert_output "vit-1	2026-12-01T09:30	8480-6	BP systolic	120	mm[Hg]	enc-1
vit-2	2026-12-01T09:30	8462-4	BP diastolic	80	mm[Hg]	enc-1
vit-3	2026-12-01T09:30	8310-5	temperature	37.0	Cel	enc-1
vit-4	2026-12-01T09:30	29463-7	weight	69.85	kg	enc-1
vit-5	2026-12-01T09:30	8302-2	height	170.2	cm	enc-1
vit-6	2026-12-01T09:30	39156-5	BMI	24.1	kg/m2	enc-1"
}

@test "BMI from a weight and a height taken in two commands: 70 kg, 170 cm is 24.2" {
	run -0 chart vitals add enc-2 --weight 70kg --at 2026-12-02T09:00
	assert_output vit-1
	run -0 chart vitals add enc-2 --height 170cm --at 2026-12-02T09:05
	assert_output "vit-2
vit-3"
	run -0 shown 39156-5
	assert_output 24.2
	# another encounter's height does not count for enc-1
	run -0 chart vitals add enc-1 --weight 70kg --at 2026-12-01T09:00
	assert_output vit-4
	run -0 stored 39156-5
	assert_output "24.2214532871972|kg/m2"
}

@test "temperatures as people type them" {
	for t in 98.6F "98.6 F" 98.6f 37C 37.0c "37 C"; do
		chart vitals add enc-1 --temp "$t" --at 2026-12-01T09:00 >/dev/null
		run -0 shown 8310-5
		assert_output 37.0
	done
	run -0 sqlite3 "$CLINIX_DB" "SELECT count(*) FROM vitals
	    WHERE loinc = '8310-5' AND abs(value - 37) < 1e-9"
	assert_output 6
}

@test "weights as people type them" {
	add_each --weight 154lb 154lbs "154 LB" 70kg 70.5kg
	run -0 stored 29463-7
	assert_output "69.85322498|kg
69.85322498|kg
69.85322498|kg
70.0|kg
70.5|kg"
}

@test "heights as people type them" {
	add_each --height 5ft7in "5ft 7in" "5'7\"" "5'7" 67in 170cm 1.70m
	run -0 stored 8302-2
	assert_output "170.18|cm
170.18|cm
170.18|cm
170.18|cm
170.18|cm
170.0|cm
170.0|cm"
}

@test "implausible values are 65, name the field, and write nothing" {
	local before
	before=$(everything)
	run -65 --separate-stderr chart vitals add enc-1 --hr 72 --bp 400/20
	assert_equal "$stderr" "chart: --bp '400/20': BP systolic 400 mm[Hg] is not plausible (50-300 mm[Hg])"
	run -65 --separate-stderr chart vitals add enc-1 --temp 60C
	assert_equal "$stderr" "chart: --temp '60C': temperature 60.0 Cel is not plausible (25-45 Cel)"
	run -65 --separate-stderr chart vitals add enc-1 --spo2 120
	assert_equal "$stderr" "chart: --spo2 '120': SpO2 120 % is not plausible (50-100 %)"
	run -65 --separate-stderr chart vitals add enc-1 --bp 80/120
	assert_equal "$stderr" "chart: --bp '80/120': systolic 80 is not above diastolic 120"
	run -65 chart vitals add enc-1 --weight 1103lb
	run -65 chart vitals add enc-1 --height 9ft
	run -65 chart vitals add enc-1 --pain 11
	run -65 chart vitals add enc-1 --rr 3
	assert_equal "$(everything)" "$before"
}

@test "what cannot be read is 64 and writes nothing: an unknown unit, no unit, no number" {
	local before
	before=$(everything)
	run -64 --separate-stderr chart vitals add enc-1 --weight 70stone
	assert_equal "${stderr_lines[0]}" "chart: --weight '70stone': unknown unit: use lb or kg (154lb, 70kg)"
	run -64 --separate-stderr chart vitals add enc-1 --bp abc
	assert_equal "${stderr_lines[0]}" "chart: --bp 'abc': not a blood pressure (120/80)"
	run -64 --separate-stderr chart vitals add enc-1 --temp 98.6
	assert_equal "${stderr_lines[0]}" "chart: --temp '98.6': give the unit, F or C (98.6F, 37C)"
	run -64 chart vitals add enc-1 --weight 70
	run -64 chart vitals add enc-1 --height 170
	run -64 chart vitals add enc-1 --hr 72.5
	run -64 --separate-stderr chart vitals add enc-1
	assert_equal "${stderr_lines[0]}" "chart: nothing measured: give --bp, --hr, --rr, --temp, --spo2, --weight, --height or --pain"
	run -64 chart vitals add --hr 72
	assert_equal "$(everything)" "$before"
}

@test "an unknown encounter, a wrong id, a bad --at: 65, nothing written" {
	local before
	before=$(everything)
	run -65 --separate-stderr chart vitals add enc-9 --hr 72
	assert_equal "$stderr" "chart: no encounter 'enc-9'"
	run -65 --separate-stderr chart vitals add pat-1 --hr 72
	assert_equal "$stderr" "chart: not an encounter id 'pat-1'"
	run -65 chart vitals add enc-1 --hr 72 --at yesterday-ish
	run -65 --separate-stderr chart vitals add enc-1 --hr 72 --at 2099-01-01T09:00
	assert_equal "$stderr" "chart: --at '2099-01-01T09:00': in the future"
	assert_equal "$(everything)" "$before"
}

@test "a signed encounter takes no vitals, through chart or sqlite3" {
	chart vitals add enc-1 --hr 72 >/dev/null
	sign enc-1
	local before
	before=$(everything)
	run -65 --separate-stderr chart vitals add enc-1 --hr 80
	assert_equal "$stderr" "chart: enc-1 is signed: add an addendum"
	assert_equal "$(everything)" "$before"
	run ! sqlite3 "$CLINIX_DB" "INSERT INTO vitals (encounter_id, loinc,
	    value, unit, at, created_by) VALUES (1, '8867-4', 80, '/min',
	    '2026-12-01T16:00:00Z', 'x')"
	assert_output --partial "encounter signed"
	run ! sqlite3 "$CLINIX_DB" "UPDATE vitals SET value = 90"
	assert_equal "$(everything)" "$before"
	# the other encounter is still open
	run -0 chart vitals add enc-2 --hr 80
	assert_output vit-2
}

@test "only vital signs clinix knows: vitals.loinc refers to vital_sign" {
	run ! sqlite3 "$CLINIX_DB" "PRAGMA foreign_keys = ON; INSERT INTO vitals
	    (encounter_id, loinc, value, unit, at, created_by) VALUES
	    (1, '1234-5', 1, 'x', '2026-12-01T16:00:00Z', 'x')"
	assert_output --partial "FOREIGN KEY"
}

@test "providers and nurses write and read vitals" {
	for u in doc nina; do
		run -0 env CLINIX_USER=$u chart vitals add enc-1 --hr 72
		run -0 env CLINIX_USER=$u chart vitals list pat-1
	done
	run -0 sqlite3 "$CLINIX_DB" "SELECT created_by FROM vitals ORDER BY id"
	assert_output "doc
nina"
}

@test "frontdesk, billing and admin get 77 and a denied audit row" {
	local n
	for u in desk bill root; do
		n=$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM vitals")
		run -77 --separate-stderr env CLINIX_USER=$u chart vitals add \
		    enc-1 --hr 72
		run -0 last_audit
		assert_output "$u|chart.vitals.add|denied|-|-|write clinical records"
		assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM vitals")" "$n"
		run -77 --separate-stderr env CLINIX_USER=$u chart vitals list \
		    pat-1
		assert_equal "$output" ""
		run -0 last_audit
		assert_output "$u|chart.vitals.list|denied|-|-|read clinical records"
	done
}

@test "list: the patient's observations over encounters in time order, local times, audited first" {
	chart vitals add enc-2 --hr 80 --at 2026-12-02T10:00 >/dev/null
	chart vitals add enc-1 --hr 72 --spo2 97 --at 2026-12-01T09:30 >/dev/null
	chart vitals add enc-3 --hr 90 --at 2026-12-02T11:00 >/dev/null
	run -0 --separate-stderr chart vitals list M0000001
	assert_output "vit-2	2026-12-01T09:30	8867-4	heart rate	72	/min	enc-1
vit-3	2026-12-01T09:30	59408-5	SpO2	97	%	enc-1
vit-1	2026-12-02T10:00	8867-4	heart rate	80	/min	enc-2"
	run -0 last_audit
	assert_output "nina|chart.vitals.list|ok|1|3 vitals|"
	run -0 chart vitals list pat-1 --loinc 59408-5
	assert_output "vit-3	2026-12-01T09:30	59408-5	SpO2	97	%	enc-1"
	run -0 chart vitals list pat-1 -o csv
	assert_line -n 0 $'id,at,loinc,name,value,unit,enc\r'	# RFC 4180: CRLF
}

@test "list -o json parses with jq, values as numbers" {
	chart vitals add enc-1 --weight 154lb --height 170cm >/dev/null
	chart vitals list pat-1 -o json >"$BATS_TEST_TMPDIR/j"
	run -0 jq -s -c 'map([.id, .loinc, .value, .unit])' "$BATS_TEST_TMPDIR/j"
	assert_output '[["vit-1","29463-7",69.85,"kg"],["vit-2","8302-2",170,"cm"],["vit-3","39156-5",24.2,"kg/m2"]]'
}

@test "list: nothing is 1 (audited); a bad --loinc 64, another kind's 65; no patient 65" {
	run -1 chart vitals list pat-2
	run -0 last_audit
	assert_output "nina|chart.vitals.list|ok|2|0 vitals|"
	run -64 chart vitals list pat-1 --loinc weight
	run -65 --separate-stderr chart vitals list pat-1 --loinc 2345-7
	assert_equal "$stderr" "chart: --loinc '2345-7': not the code of a vital sign"
	run -65 --separate-stderr chart vitals list pat-9
	assert_equal "$stderr" "chart: no patient 'pat-9'"
	run -64 chart vitals list
}

#!/usr/bin/env bats
# PCI DSS requirement 3 (issue 13): a value that holds a card number (13
# to 19 digits passing Luhn, with or without single spaces or dashes) is
# refused with 65 by every writer of free text, and nothing is written.
# The numbers are the card networks' published test numbers: 4111 1111
# 1111 1111 (Visa), 5555 5555 5555 4444 (Mastercard), 3782 822463 10005
# (Amex).  The unit test tests/unit/text.c has the full table of cases.

load helper

WHY="looks like a card number; clinix never stores one"

setup() {
	clinix_env
	clinix init --clinic-name Test >/dev/null
	patient add --first Ana --last Lee --dob 1980-02-29 >/dev/null	# pat-1
}

count() {
	sqlite3 "$CLINIX_DB" "SELECT count(*) FROM $1"
}

@test "patient add --note with a card number in spaces: 65, no patient" {
	run -65 --separate-stderr patient add --first Bo --last Roe \
	    --dob 1970-01-01 --note "paid with 4111 1111 1111 1111 today"
	assert_output ""
	assert_equal "$stderr" "patient: note: $WHY"
	[ "$(count patient)" -eq 1 ]
}

@test "patient edit --note with dashes: 65, the note unchanged" {
	patient edit pat-1 --note "first visit" >/dev/null
	run -65 --separate-stderr patient edit pat-1 \
	    --note "card 5555-5555-5555-4444 exp 12/26"
	assert_equal "$stderr" "patient: note: $WHY"
	run -0 sqlite3 "$CLINIX_DB" "SELECT note FROM patient WHERE id = 1"
	assert_output "first visit"
}

@test "phone numbers, an NPI, dates and amounts in a note are fine" {
	run -0 patient add --first Bo --last Roe --dob 1970-01-01 --note \
	    "call 617-555-0100 or 6175550199; NPI 1234567893; seen 2026-01-15; owes \$1,234.56; MRN 0000012345674"
	assert_output pat-2
}

@test "patient import: a card number in the note column names file:line, imports nothing" {
	cat >"$BATS_TEST_TMPDIR/in.csv" <<-'EOF'
	mrn,first,last,dob,note
	N1,Bo,Roe,1970-01-01,call 617-555-0100
	N2,Cy,Poe,1971-01-01,card 3782 822463 10005
	EOF
	run -65 --separate-stderr patient import "$BATS_TEST_TMPDIR/in.csv"
	assert_output ""
	assert_equal "$stderr" "patient: $BATS_TEST_TMPDIR/in.csv:3: note: $WHY
patient: $BATS_TEST_TMPDIR/in.csv: 1 bad row: nothing imported"
	[ "$(count patient)" -eq 1 ]
}

@test "sched book --note, cancel --reason and waitlist --note refuse a card number" {
	provider add --name "Maria Chen" --npi 1234567893 \
	    --taxonomy 207Q00000X >/dev/null
	provider hours prv-1 mon-fri 08:00-17:00 >/dev/null
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T10:00 --length 20m --note "4111 1111 1111 1111"
	assert_equal "$stderr" "sched: --note: $WHY"
	[ "$(count appointment)" -eq 0 ]
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --length 20m --note "copay 25.00"
	assert_output apt-1
	run -65 --separate-stderr sched cancel apt-1 \
	    --reason "refund to 5555-5555-5555-4444"
	assert_equal "$stderr" "sched: --reason: $WHY"
	run -0 sqlite3 "$CLINIX_DB" "SELECT status FROM appointment"
	assert_output booked
	run -65 --separate-stderr sched waitlist add pat-1 --provider prv-1 \
	    --note "3782-822463-10005"
	assert_equal "$stderr" "sched: --note: $WHY"
	[ "$(count waitlist)" -eq 0 ]
}

@test "chart allergy add --reaction and problem add --note refuse a card number" {
	run -65 --separate-stderr chart allergy add pat-1 Amoxicillin \
	    --reaction "hives 4111-1111-1111-1111"
	assert_equal "$stderr" "chart: --reaction: $WHY"
	[ "$(count allergy)" -eq 0 ]
	run -65 --separate-stderr chart problem add pat-1 E11.9 \
	    --note "4111 1111 1111 1111"
	assert_equal "$stderr" "chart: --note: $WHY"
	[ "$(count problem)" -eq 0 ]
}

@test "provider off --reason, audit anchor --reason and config values refuse one" {
	provider add --name "Maria Chen" --npi 1234567893 \
	    --taxonomy 207Q00000X >/dev/null
	run -65 --separate-stderr provider off prv-1 2030-12-25 \
	    --reason "4111 1111 1111 1111"
	assert_equal "$stderr" "provider: reason: $WHY"
	[ "$(count provider_off)" -eq 0 ]
	n=$(count audit)
	run -65 --separate-stderr audit anchor --reason "4111111111111111"
	assert_equal "$stderr" "audit: --reason: $WHY"
	[ "$(count audit)" -eq "$n" ]
	cp "$CLINIX_CONFIG" "$BATS_TEST_TMPDIR/before"
	run -78 --separate-stderr clinix config set clinic.name \
	    "Clinic 4111 1111 1111 1111"
	# the diagnostic does not repeat the number either
	assert_equal "$stderr" "clinix: clinic.name: '...': $WHY"
	cmp "$CLINIX_CONFIG" "$BATS_TEST_TMPDIR/before"
}

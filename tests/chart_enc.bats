load helper

# chart's encounters, notes and signing (issue 12): open from a
# checked-in appointment or not, a note from a template in $EDITOR or
# from a file, sign (only the encounter's provider), addenda, show, list,
# and what a signature holds: the schema's triggers refuse changes, and
# db verify finds one made without them.  EDITOR is a script that leaves
# a marker, so a test knows the editor ran (or did not).  Visits are in
# 2030 (2030-12-02 is a Monday); TZ is New York.
#
# The clinic every test starts from:
#   prv-1 Maria Chen, MD (login doc), prv-2 Bo Berg (login doc2), both
#   mon-fri 08:00-17:00; visit type follow-up (20m)
#   pat-1 Jane Doe (M0000001, born 1980-01-02, F), pat-2 John Roe
#   users: doc, doc2 (provider), nina (nurse), desk (frontdesk), bill
#   (billing); root is the clinic's admin
#   apt-1: pat-1 with prv-1 2030-12-02T09:00, follow-up, "knee pain",
#   checked in; apt-2: pat-2 with prv-1 at 10:00, only booked
clinic() {
	user add doc --role provider
	user add doc2 --role provider
	user add nina --role nurse
	user add desk --role frontdesk
	user add bill --role billing
	provider add --name "Maria Chen" --npi 1234567893 \
	    --taxonomy 207Q00000X --credential MD --login doc
	provider add --name "Bo Berg" --npi 1245319599 \
	    --taxonomy 207Q00000X --login doc2
	provider hours prv-1 mon-fri 08:00-17:00
	provider hours prv-2 mon-fri 08:00-17:00
	provider visit-type add follow-up 20m
	patient add --first Jane --last Doe --dob 1980-01-02 --sex F
	patient add --first John --last Roe --dob 1970-05-06
	sched book pat-1 --provider prv-1 --at 2030-12-02T09:00 \
	    --type follow-up --note "knee pain"
	sched book pat-2 --provider prv-1 --at 2030-12-02T10:00 --type follow-up
	sched checkin --force apt-1
}

setup_file() {
	clinic_once clinic 2>/dev/null
}
setup() {
	clinic_copy
	unset VISUAL
	# the editor: records that it ran, what it was given and the file's
	# mode, then does what $EDIT_DO says (append, keep, empty, fail)
	ED=$BATS_TEST_TMPDIR/editor
	cat >"$ED" <<'SH'
#!/bin/sh
d=$(dirname "$0")
echo ran >>"$d/marker"
for f; do :; done	# the file is the last word
stat -c %a "$f" >"$d/mode"
cp "$f" "$d/seen"
case ${EDIT_DO:-append} in
append) printf 'Plan: ice, rest; return in 2 weeks.\n' >>"$f" ;;
keep) ;;
empty) : >"$f" ;;
fail) printf 'half a thought\n' >>"$f"; exit 1 ;;
esac
SH
	chmod +x "$ED"
	export EDITOR=$ED
	MARKER=$BATS_TEST_TMPDIR/marker
}

as() { local u=$1; shift; CLINIX_USER=$u "$@"; }
sql() { sqlite3 "$CLINIX_DB" "$1"; }
# The data without the audit trail, for refusals that are audited.
data() { sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum; }
last_audit() {
	sqlite3 -separator '|' "$CLINIX_DB" "select login, action, outcome,
	    ifnull(patient_id, '-'), ifnull(record, '-') from audit
	    order by id desc limit 1"
}
# enc-1 from apt-1, with a note written from a file
opened() {
	as nina chart open pat-1 --appt apt-1 >/dev/null
	printf 'S: knee pain\nP: rest\n' | as nina chart note enc-1 --file - >/dev/null
}
# ... and a diagnosis, a procedure and a vital sign, as dx, proc and
# vitals will write them (raw: their verbs are other modules'), signed
signed() {
	opened
	sql "INSERT INTO encounter_dx VALUES (1, 1, 'E119', NULL);
	    INSERT INTO encounter_proc (encounter_id, system, code, mods,
	    units, dx, created_at, created_by) VALUES (1, 'cpt', '99213',
	    '25', 1, '1', '2030-12-02T14:10:00Z', 'doc');
	    INSERT INTO vitals (encounter_id, loinc, value, unit, at,
	    created_by) VALUES (1, '8867-4', 72, '/min',
	    '2030-12-02T14:05:00Z', 'nina')"
	as doc chart sign enc-1 >/dev/null
}

@test "the visit: check-in, open from the appointment, note from the template in \$EDITOR, sign, addendum, show" {
	run -0 --separate-stderr as nina chart open pat-1 --appt apt-1
	assert_output enc-1
	# the appointment's patient, provider, time and why, linked to it
	run -0 sql "select patient_id, provider_id, appointment_id, type,
	    start_at, reason, signed_at is null from encounter"
	assert_output "1|1|1|office|2030-12-02T14:00:00Z|follow-up: knee pain|1"
	assert_equal "$(last_audit)" "nina|chart.open|ok|1|enc-1"

	sql "INSERT INTO vitals (encounter_id, loinc, value, unit, at,
	    created_by) VALUES (1, '8867-4', 72, '/min',
	    '2030-12-02T14:05:00Z', 'nina'), (1, '8867-4', 80, '/min',
	    '2030-12-02T14:20:00Z', 'nina')"
	as doc chart problem add pat-1 E11.9 >/dev/null
	as doc chart problem add pat-1 I10 >/dev/null
	as doc chart problem resolve pat-1 I10 >/dev/null
	run -0 --separate-stderr as nina chart note enc-1
	assert_output enc-1
	assert_equal "$(cat "$MARKER")" ran
	assert_equal "$(cat "$BATS_TEST_TMPDIR/mode")" 600
	# the soap template, filled from the chart
	run -0 cat "$BATS_TEST_TMPDIR/seen"
	assert_line --index 0 "SOAP NOTE - 2030-12-02"
	assert_line "Patient: Jane Doe, 50 y, female"
	assert_line "Provider: Maria Chen, MD"
	assert_line "Reason for visit: follow-up: knee pain"
	assert_line "Allergies: not recorded"
	assert_line "Medications: none recorded"
	# the active problems only, with their titles
	assert_line "- E11.9 Type 2 diabetes mellitus without complications"
	refute_line --partial "I10"
	# the latest heart rate only
	assert_line "- heart rate 80 /min (2030-12-02)"
	refute_line --partial "heart rate 72"
	# allergies as chart allergy keeps them, one line
	as nina chart allergy add pat-1 penicillins --reaction hives \
	    --severity severe >/dev/null
	as nina chart allergy add pat-1 peanuts --type food >/dev/null
	sql "DELETE FROM encounter_note"
	EDIT_DO=keep run -1 as nina chart note enc-1
	run -0 grep '^Allergies: ' "$BATS_TEST_TMPDIR/seen"
	assert_output --regexp '^Allergies: [^;]*penicillin[^;]*hives[^;]*; [^;]*peanut'
	run -0 as nina chart note enc-1
	# what is stored is what the editor left
	run -0 sql "select body = readfile('$BATS_TEST_TMPDIR/seen') ||
	    'Plan: ice, rest; return in 2 weeks.' || char(10), template,
	    written_by from encounter_note"
	assert_output "1|soap|nina"
	assert_equal "$(last_audit)" "nina|chart.note|ok|1|enc-1"

	run -0 --separate-stderr as doc chart sign enc-1
	assert_output enc-1
	run -0 sql "select signed_by, length(sign_hash) from encounter"
	assert_output "doc|64"
	assert_equal "$(last_audit)" "doc|chart.sign|ok|1|enc-1"

	run -0 --separate-stderr as doc chart addendum enc-1 --file - \
	    <<<"Called back: pain better."
	assert_output enc-1
	run -0 sql "select encounter_id, body, signed_by, length(sign_hash)
	    from addendum"
	assert_output "1|Called back: pain better.
|doc|64"

	run -0 --separate-stderr as nina chart show enc-1
	assert_line --index 0 "enc-1  pat-1  M0000001  Jane Doe"
	assert_line "provider: prv-1 Maria Chen, MD"
	assert_line "type: office  start: 2030-12-02T09:00  appointment: apt-1"
	assert_line "reason: follow-up: knee pain"
	assert_line --regexp '^signed: [0-9-]{10}T[0-9:]{5} by doc$'
	assert_line "Plan: ice, rest; return in 2 weeks."
	assert_line "  8867-4 heart rate 72 /min 2030-12-02T09:05"
	assert_line --regexp '^addendum 1, signed [0-9-]{10}T[0-9:]{5} by doc:$'
	assert_line "Called back: pain better."
	assert_equal "$(last_audit)" "nina|chart.show|ok|1|enc-1"
	run -0 db verify
	assert_line "signed	ok	1 encounters, 1 addenda"
}

@test "open --appt: only a checked-in visit, the appointment's patient, one encounter each; nothing written otherwise" {
	n=$(data)
	run -65 --separate-stderr as nina chart open pat-2 --appt apt-2
	assert_equal "$stderr" "chart: apt-2 is booked: an encounter opens from a checked-in (or checked-out) visit"
	run -65 --separate-stderr as nina chart open pat-2 --appt apt-1
	assert_equal "$stderr" "chart: apt-1 is pat-1's, not pat-2's"
	run -65 --separate-stderr as nina chart open pat-1 --appt apt-9
	assert_equal "$stderr" "chart: no appointment apt-9"
	run -65 --separate-stderr as nina chart open pat-1 --appt pat-1
	run -64 --separate-stderr as nina chart open pat-1 --appt apt-1 --provider prv-2
	run -64 --separate-stderr as nina chart open pat-1 --appt apt-1 --at 2030-12-02T09:00
	assert_equal "$(data)" "$n"
	run -0 as nina chart open M0000001 --appt apt-1
	assert_output enc-1
	run -65 --separate-stderr as nina chart open pat-1 --appt apt-1
	assert_equal "$stderr" "chart: apt-1 already has its encounter, enc-1"
	assert_equal "$(sql 'select count(*) from encounter')" 1
	# a checked-out visit opens too
	sched checkin --force apt-2 >/dev/null
	sched checkout apt-2 >/dev/null
	run -0 as doc chart open pat-2 --appt apt-2 --type telehealth
	assert_output enc-2
	assert_equal "$(sql 'select type, reason from encounter where id = 2')" "telehealth|follow-up"
}

@test "open without an appointment: a provider's own by default, --provider, --type, --at; bad values" {
	run -0 as doc chart open pat-2 --at 2030-12-03T11:15 --type phone
	assert_output enc-1
	assert_equal "$(sql 'select provider_id, type, start_at, appointment_id is null, reason is null from encounter')" \
	    "1|phone|2030-12-03T16:15:00Z|1|1"
	run -0 as nina chart open pat-2 --provider 1245319599
	assert_output enc-2
	assert_equal "$(sql 'select provider_id, type from encounter where id = 2')" "2|office"
	n=$(data)
	run -64 --separate-stderr as nina chart open pat-2
	assert_equal "$(head -1 <<<"$stderr")" "chart: give --provider (or --appt)"
	run -64 --separate-stderr as doc chart open pat-2 --type clinic
	assert_equal "$(head -1 <<<"$stderr")" "chart: --type 'clinic': office, telehealth, phone or home"
	run -64 --separate-stderr as doc chart open pat-2 --at soon
	run -65 --separate-stderr as doc chart open pat-9
	assert_equal "$stderr" "chart: no patient 'pat-9'"
	run -65 --separate-stderr as doc chart open pat-2 --provider prv-9
	run -64 as doc chart open
	assert_equal "$(data)" "$n"
}

@test "note: from a file or stdin, editable again until signed; the editor opens the note as written" {
	as nina chart open pat-1 --appt apt-1 >/dev/null
	printf 'first draft\n' >"$BATS_TEST_TMPDIR/n.txt"
	run -0 as nina chart note enc-1 --file "$BATS_TEST_TMPDIR/n.txt"
	assert_output enc-1
	[ ! -e "$MARKER" ] || fail "the editor ran for --file"
	assert_equal "$(sql 'select body, template is null from encounter_note')" "first draft
|1"
	run -0 as doc chart note enc-1
	assert_equal "$(cat "$BATS_TEST_TMPDIR/seen")" "first draft"
	assert_equal "$(sql 'select body, written_by from encounter_note')" "first draft
Plan: ice, rest; return in 2 weeks.
|doc"
	run -64 --separate-stderr as doc chart note enc-1 --template annual
	assert_equal "$(head -1 <<<"$stderr")" "chart: enc-1 has a note: it opens as written (leave out --template)"
	run -64 as doc chart note enc-1 --template annual --file -
	run -66 --separate-stderr as doc chart note enc-1 --file "$BATS_TEST_TMPDIR/none"
}

@test "note: an unchanged or empty file, or an editor that exits non-zero, saves nothing (exit 1)" {
	as nina chart open pat-1 --appt apt-1 >/dev/null
	n=$(data)
	EDIT_DO=keep run -1 --separate-stderr as nina chart note enc-1
	assert_equal "$stderr" "chart: note unchanged: nothing saved"
	EDIT_DO=empty run -1 --separate-stderr as nina chart note enc-1
	assert_equal "$stderr" "chart: note empty: nothing saved"
	EDIT_DO=fail run -1 --separate-stderr as nina chart note enc-1
	assert_equal "$stderr" "chart: editor '$ED' exited 1: nothing saved"
	assert_equal "$(grep -c ran "$MARKER")" 3
	run -1 as nina chart note enc-1 --file - </dev/null
	assert_equal "$(data)" "$n"
	# the chart was read into the editor: that is audited
	assert_equal "$(last_audit)" "nina|chart.note|ok|1|enc-1"
	# an editor that is not there
	EDITOR=/nonexistent/ed run -69 --separate-stderr as nina chart note enc-1
	# $VISUAL comes first, split on blanks, never through a shell
	VISUAL="$ED --flag" EDITOR=/nonexistent/ed run -0 as nina chart note enc-1
	assert_equal "$(sql 'select count(*) from encounter_note')" 1
}

@test "templates: each shipped one fills; templates/notes/ beside clinix.yaml overrides; an unknown placeholder is 78 naming file:line" {
	as nina chart open pat-1 --appt apt-1 >/dev/null
	for t in soap annual follow-up procedure telehealth; do
		EDIT_DO=keep run -1 as nina chart note enc-1 --template "$t"
		run -1 grep -F '{' "$BATS_TEST_TMPDIR/seen"
		run -0 grep -F "Jane Doe, 50 y, female" "$BATS_TEST_TMPDIR/seen"
	done
	dir=$(dirname "$CLINIX_CONFIG")/templates/notes
	mkdir -p "$dir"
	printf 'Ours: {patient} on {date}, {{braces}\n' >"$dir/soap.txt"
	run -0 as nina chart note enc-1
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/seen")" "Ours: Jane Doe on 2030-12-02, {braces}"
	printf 'line one\nBP {vitals}\nPlan {plan}\n' >"$dir/bad.txt"
	rm -f "$MARKER"
	# a template fills only a new note
	sql "DELETE FROM encounter_note"
	n=$(data)
	run -78 --separate-stderr as doc chart note enc-1 --template bad
	assert_equal "$stderr" "chart: $dir/bad.txt:3: unknown placeholder {plan} (patient, age, sex, problems, allergies, meds, vitals, reason, provider, date)"
	[ ! -e "$MARKER" ] || fail "the editor ran on a bad template"
	run -66 as doc chart note enc-1 --template nosuch
	run -64 as doc chart note enc-1 --template ../soap
	assert_equal "$(data)" "$n"
}

@test "sign: only the encounter's provider; nurse and another provider 77 and audited; no note 65" {
	as nina chart open pat-1 --appt apt-1 >/dev/null
	run -65 --separate-stderr as doc chart sign enc-1
	assert_equal "$stderr" "chart: enc-1 has no note: write one (chart note) before signing"
	printf 'S: knee\n' | as nina chart note enc-1 --file - >/dev/null
	n=$(data)
	run -77 --separate-stderr as nina chart sign enc-1
	assert_equal "$stderr" "chart: permission denied: 'nina' (nurse) may not sign enc-1: only a provider signs"
	assert_equal "$(last_audit)" "nina|chart.sign|denied|-|-"
	run -77 --separate-stderr as doc2 chart sign enc-1
	assert_equal "$stderr" "chart: permission denied: 'doc2' (provider) may not sign enc-1: it is another provider's encounter"
	assert_equal "$(last_audit)" "doc2|chart.sign|denied|-|-"
	run -65 as doc chart sign enc-9
	run -65 as doc chart sign apt-1
	assert_equal "$(data)" "$n"
	run -0 as doc chart sign enc-1
}

@test "signed is final: chart note, sign and sqlite3 UPDATE/DELETE/INSERT of the note, dx, procs and vitals are refused" {
	signed
	n=$(data)
	run -65 --separate-stderr as doc chart note enc-1 --file - <<<"changed"
	assert_equal "$stderr" "chart: enc-1 is signed: it cannot change (write an addendum)"
	run -65 --separate-stderr as doc chart note enc-1
	[ ! -e "$MARKER" ] || fail "the editor ran on a signed note"
	run -65 --separate-stderr as doc chart sign enc-1
	assert_equal "$stderr" "chart: enc-1 is signed already"
	for q in "UPDATE encounter_note SET body = 'x'" \
	    "DELETE FROM encounter_note" \
	    "UPDATE encounter_dx SET code = 'E1165'" \
	    "DELETE FROM encounter_dx" \
	    "INSERT INTO encounter_dx VALUES (1, 2, 'I10', NULL)" \
	    "UPDATE encounter_proc SET units = 2" \
	    "DELETE FROM encounter_proc" \
	    "UPDATE vitals SET value = 60" \
	    "DELETE FROM vitals" \
	    "INSERT INTO vitals (encounter_id, loinc, value, unit, at, created_by) VALUES (1, '8867-4', 1, '/min', '2030-12-02T14:06:00Z', 'x')" \
	    "UPDATE encounter SET reason = 'x'" \
	    "UPDATE encounter SET signed_at = NULL, signed_by = NULL, sign_hash = NULL" \
	    "DELETE FROM encounter"; do
		run ! sqlite3 "$CLINIX_DB" "$q"
		assert_output --partial "encounter signed"
	done
	assert_equal "$(data)" "$n"
	run -0 db verify
}

@test "db verify finds a change made after dropping a trigger: FAILED row naming the encounter, exit 1" {
	signed
	echo "Called back." | as doc chart addendum enc-1 --file - >/dev/null
	run -0 db verify
	sql "DROP TRIGGER vitals_signed_update; UPDATE vitals SET value = 60"
	run -1 --separate-stderr db verify
	assert_line "signed	FAILED	enc-1: content differs from what was signed"
	refute_line --partial "signed	ok"
	sql "UPDATE vitals SET value = 72"
	run -0 db verify
	sql "DROP TRIGGER addendum_no_update; UPDATE addendum SET body = 'x'"
	run -1 db verify
	assert_line "signed	FAILED	enc-1: addendum 1 differs from what was signed"
}

@test "a patient merge moves a signed encounter; a raw UPDATE to an unrelated patient is refused" {
	signed
	patient add --first Jane --last Doe --dob 1980-01-02 --force >/dev/null
	run ! sqlite3 "$CLINIX_DB" "UPDATE encounter SET patient_id = 2"
	assert_output --partial "encounter signed"
	run -0 patient merge pat-3 pat-1
	assert_equal "$(sql 'select patient_id from encounter')" 3
	run -0 db verify
	run -0 as doc chart list pat-3
	assert_output --regexp '^enc-1	pat-3	'
}

@test "addendum: only after signing, only a provider (any), from a file or the editor; empty saves nothing" {
	opened
	run -65 --separate-stderr as doc chart addendum enc-1 --file - <<<"x"
	assert_equal "$stderr" "chart: enc-1 is not signed: change its note (chart note)"
	as doc chart sign enc-1 >/dev/null
	n=$(data)
	run -77 --separate-stderr as nina chart addendum enc-1 --file - <<<"x"
	assert_equal "$(last_audit)" "nina|chart.addendum|denied|-|-"
	assert_equal "$(data)" "$n"
	EDIT_DO=keep run -1 --separate-stderr as doc chart addendum enc-1
	assert_equal "$stderr" "chart: addendum empty: nothing saved"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/seen")" ""
	assert_equal "$(data)" "$n"
	run -0 as doc2 chart addendum enc-1
	assert_output enc-1
	assert_equal "$(sql 'select body, signed_by from addendum')" "Plan: ice, rest; return in 2 weeks.
|doc2"
}

@test "list: PATIENT, --provider, --unsigned, --from/--to; audited before output; none is exit 1" {
	opened
	as doc chart sign enc-1 >/dev/null
	as doc2 chart open pat-2 --at 2030-12-04T10:00 >/dev/null
	as doc chart open pat-1 --at 2030-12-05T10:00 >/dev/null
	run -0 --separate-stderr as doc chart list -o tsv -H
	assert_line --index 0 "#id	patient	provider	start	type	appointment	signed	signed_by"
	assert_line --index 1 --regexp '^enc-1	pat-1	prv-1	2030-12-02T09:00	office	apt-1	[0-9-]{10}T[0-9:]{5}	doc$'
	assert_line --index 2 "enc-2	pat-2	prv-2	2030-12-04T10:00	office			"
	assert_line --index 3 "enc-3	pat-1	prv-1	2030-12-05T10:00	office			"
	assert_equal "$(last_audit)" "doc|chart.list|ok|-|3 encounters"
	run -0 as doc chart list --unsigned --provider prv-1
	assert_output "enc-3	pat-1	prv-1	2030-12-05T10:00	office			"
	assert_equal "$(last_audit)" "doc|chart.list|ok|1|1 encounters"
	run -0 as nina chart list M0000001
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "enc-1 enc-3 "
	run -0 as nina chart list --from 2030-12-03 --to 2030-12-04
	assert_output --regexp '^enc-2	'
	run -1 as nina chart list pat-2 --unsigned --to 2030-12-03
	assert_output ""
	run -64 as nina chart list --from tomorrowish
	run -64 as nina chart list pat-1 pat-2
	run -65 as nina chart list pat-9
}

@test "show: an unknown encounter is 65; PATIENT is the chart (chart_view.bats)" {
	run -65 --separate-stderr as doc chart show enc-7
	assert_equal "$stderr" "chart: no encounter enc-7"
	run -0 as doc chart show pat-1
	assert_line --index 0 --partial "pat-1"
	opened
	run -0 as doc chart show enc-1
	assert_line "signed: no"
	assert_line "  none"
}

@test "roles: every verb x every role; frontdesk, billing and admin get 77 and a denied row; nurses do all but sign and addendum" {
	opened
	for u in desk bill root; do
		for v in "open pat-1 --provider prv-1" "note enc-1 --file /dev/null" \
		    "sign enc-1" "addendum enc-1 --file /dev/null" "show enc-1" "list"; do
			n=$(sql 'select count(*) from audit')
			# shellcheck disable=SC2086
			if [ $u = root ]; then
				run -77 chart $v
			else
				run -77 as $u chart $v
			fi
			assert_equal "$(sql 'select count(*) from audit')" $((n + 1))
			run -0 sql "select outcome, action from audit order by id desc limit 1"
			assert_output "denied|chart.${v%% *}"
		done
	done
	printf 'x\n' >"$BATS_TEST_TMPDIR/x"
	for u in nina doc; do
		run -0 as $u chart open pat-2 --provider prv-1
		run -0 as $u chart note enc-1 --file "$BATS_TEST_TMPDIR/x"
		run -0 as $u chart show enc-1
		run -0 as $u chart list
	done
	run -77 as nina chart sign enc-1
	run -0 as doc chart sign enc-1
	run -77 as nina chart addendum enc-1 --file "$BATS_TEST_TMPDIR/x"
	run -0 as doc chart addendum enc-1 --file "$BATS_TEST_TMPDIR/x"
}

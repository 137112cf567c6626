load helper

# The audit trail: HMAC chain, tail file, append-only triggers, what gets a
# row, and `audit list`'s filters.  Tampering is done the way an attacker
# with file access would: sqlite3, after dropping the triggers.

FIX=$BATS_TEST_DIRNAME/fixtures/db

add_patients() {
	sqlite3 "$CLINIX_DB" <"$FIX/patients.sql"
}

# A few ordinary writes: rows 2-5 after clinix.init's row 1.
some_history() {
	user add nina --role nurse >/dev/null
	user add omar --role provider >/dev/null
	user set-role omar nurse >/dev/null
	user disable omar >/dev/null
}

# What an attacker does first: the triggers only stop honest mistakes.
drop_triggers() {
	sqlite3 "$CLINIX_DB" 'DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete'
}

rows() {
	sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM audit'
}

max_id() {
	sqlite3 "$CLINIX_DB" 'SELECT max(id) FROM audit'
}

# login|action|outcome|patient_id|record|detail of the newest row ('-' = NULL)
last_row() {
	sqlite3 -separator '|' "$CLINIX_DB" "SELECT login, action, outcome,
	    ifnull(patient_id, '-'), ifnull(record, '-'), ifnull(detail, '-')
	    FROM audit ORDER BY id DESC LIMIT 1"
}

dbsum() {
	sqlite3 "$CLINIX_DB" .dump | sha256sum
}

# audited K ROW CMD [ARG ...]: CMD succeeds, and the trail then holds K
# rows more than $n, the last of them ROW (as last_row prints it).
audited() {
	local k=$1 row=$2
	shift 2
	run -0 "$@"
	assert_equal "$(rows)" $((n + k))
	assert_equal "$(last_row)" "$row"
}

# mac_fails_at ROW: audit verify and db verify both find row ROW's MAC wrong.
mac_fails_at() {
	run -1 --separate-stderr audit verify
	assert_output "audit: FAILED at row $1: MAC does not match: row altered, inserted, or an earlier row removed"
	run -1 db verify
	assert_line --index 2 --regexp $'^audit\tFAILED\trow '"$1"': MAC does not match'
}

# --- audit verify on an intact chain ----------------------------------------

@test "audit verify passes on a fresh chain" {
	run -0 --separate-stderr audit verify
	assert_output "audit: ok: 1 rows"
	assert_equal "$stderr" ""
}

@test "audit verify counts every row of a longer chain, and the tail file names the last" {
	some_history
	n=$(rows)
	assert_equal "$n" 5
	run -0 --separate-stderr audit verify
	assert_output "audit: ok: 5 rows"
	# verifying is itself on the record, and the chain still holds after it
	assert_equal "$(last_row)" "root|audit.verify|ok|-|-|ok"
	run -0 audit verify
	assert_output "audit: ok: 6 rows"
	# the tail file beside the key names the newest row
	tails=("$BATS_TEST_TMPDIR"/etc/audit-*.tail)
	assert_equal "${#tails[@]}" 1
	[ -f "${tails[0]}" ]
	assert_equal "$(stat -c %a "${tails[0]}")" 600
	assert_equal "$(cat "${tails[0]}")" \
	    "$(sqlite3 -separator ' ' "$CLINIX_DB" 'SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1')"
}

# --- tampering ---------------------------------------------------------------

@test "an edited row breaks the chain at that row, whichever field is changed, in db verify too" {
	some_history
	drop_triggers
	# row 2 is root's user.add of nina (usr-2, nurse)
	assert_equal "$(sqlite3 -separator '|' "$CLINIX_DB" \
	    'SELECT login, action, record, detail FROM audit WHERE id = 2')" \
	    "root|user.add|usr-2|nurse"
	for change in "at = '2020-01-01T00:00:00.000Z'" "login = 'mallory'" \
	    "action = 'user.list'" "outcome = 'denied'" "patient_id = 7" \
	    "record = 'usr-9'" "detail = 'admin'"; do
		col=${change%% *}
		old=$(sqlite3 "$CLINIX_DB" "SELECT quote($col) FROM audit WHERE id = 2")
		sqlite3 "$CLINIX_DB" "UPDATE audit SET $change WHERE id = 2"
		n=$(rows)
		run -1 --separate-stderr audit verify
		assert_output "audit: FAILED at row 2: MAC does not match: row altered, inserted, or an earlier row removed"
		# a broken chain is not extended: that would bury the break
		assert_equal "$(rows)" "$n"
		sqlite3 "$CLINIX_DB" "UPDATE audit SET $col = $old WHERE id = 2"
	done
	sqlite3 "$CLINIX_DB" "UPDATE audit SET detail = 'admin' WHERE id = 2"
	run -1 --separate-stderr db verify
	assert_line --index 0 --regexp $'^integrity\tok'
	assert_line --index 1 --regexp $'^foreign_keys\tok'
	assert_line --index 2 $'audit\tFAILED\trow 2: MAC does not match: row altered, inserted, or an earlier row removed'
	# put back, the same rows verify again: the failures were the edits
	sqlite3 "$CLINIX_DB" "UPDATE audit SET detail = 'nurse' WHERE id = 2"
	run -0 audit verify
	assert_output "audit: ok: 5 rows"
}

@test "a deleted middle row is found" {
	some_history
	drop_triggers
	sqlite3 "$CLINIX_DB" 'DELETE FROM audit WHERE id = 3'
	run -1 --separate-stderr audit verify
	assert_output "audit: FAILED at row 3: row missing"
	run -1 db verify
	assert_line --index 2 $'audit\tFAILED\trow 3: row missing'
}

@test "a middle row deleted and the rest renumbered is found" {
	some_history
	drop_triggers
	sqlite3 "$CLINIX_DB" 'DELETE FROM audit WHERE id = 3; UPDATE audit SET id = id - 1 WHERE id > 3'
	run -1 audit verify
	assert_output --regexp '^audit: FAILED at row 3: MAC does not match'
}

@test "a copy of the last row appended under a new id is found" {
	some_history
	n=$(max_id)
	sqlite3 "$CLINIX_DB" "INSERT INTO audit (id, at, login, action, outcome,
	    patient_id, record, detail, mac) SELECT id + 1, at, login, action,
	    outcome, patient_id, record, detail, mac FROM audit WHERE id = $n"
	assert_equal "$(max_id)" $((n + 1))
	mac_fails_at $((n + 1))
}

@test "a row appended with a forged mac is found" {
	some_history
	n=$(max_id)
	mac=$(openssl rand -hex 32)
	sqlite3 "$CLINIX_DB" "INSERT INTO audit (id, at, login, action, outcome,
	    record, detail, mac) VALUES ($((n + 1)), strftime('%Y-%m-%dT%H:%M:%fZ'),
	    'root', 'user.add', 'ok', 'usr-9', 'admin', '$mac')"
	mac_fails_at $((n + 1))
}

@test "rows cut off the end are found through the tail file" {
	some_history
	n=$(max_id)
	drop_triggers
	# the chain that is left is valid; only the tail file knows better
	sqlite3 "$CLINIX_DB" "DELETE FROM audit WHERE id = $n"
	run -1 --separate-stderr audit verify
	assert_output "audit: FAILED at row $n: rows missing from the end of the trail"
	run -1 db verify
	assert_line --index 2 $'audit\tFAILED\trow '"$n"': rows missing from the end of the trail'
	sqlite3 "$CLINIX_DB" "DELETE FROM audit WHERE id = $((n - 1))"
	run -1 audit verify
	assert_output "audit: FAILED at row $((n - 1)): rows missing from the end of the trail"
}

@test "cutting the last row and writing a new one in its place is found" {
	some_history
	n=$(max_id)
	drop_triggers
	sqlite3 "$CLINIX_DB" "DELETE FROM audit WHERE id = $n"
	user add pat --role nurse >/dev/null	# a new, properly chained row $n
	assert_equal "$(max_id)" "$n"
	run -1 audit verify
	assert_output --regexp "^audit: FAILED at row $n: row differs from the one the tail file recorded"
}

@test "rows cut off the end stay found after later writes pass the old end" {
	some_history
	n=$(max_id)
	drop_triggers
	sqlite3 "$CLINIX_DB" "DELETE FROM audit WHERE id > $((n - 2))"
	run -1 audit verify
	# ordinary work goes on, and the trail grows past where the tail file
	# says it ended; once it does, each program warns that the tail's row
	# is no longer there as recorded
	for u in p1 p2 p3 p4; do
		run -0 --separate-stderr user add "$u" --role nurse
	done
	assert_equal "$stderr" "user: the audit trail no longer holds row $n as recorded: run 'audit verify'"
	assert_equal "$(max_id)" $((n + 2))
	run -1 audit verify
	assert_output --regexp '^audit: FAILED at row [0-9]+: '
}

@test "a missing tail file fails verification until an admin anchors it" {
	some_history
	n=$(max_id)
	rm "$BATS_TEST_TMPDIR"/etc/audit-*.tail
	# nothing was cut, but that cannot be told apart from a cut
	run -1 --separate-stderr audit verify
	assert_output "audit: FAILED at row $n: audit tail missing since aud-$n: rows after the last anchor may have been cut"
	run -1 db verify
	assert_line --index 2 $'audit\tFAILED\trow '"$n: audit tail missing since aud-$n: rows after the last anchor may have been cut"
	# the next write says so, on stderr and on the record, and recreating
	# the tail does not make it ok
	run -0 --separate-stderr user add pat --role nurse
	assert_equal "$stderr" "user: audit tail '$(echo "$BATS_TEST_TMPDIR"/etc)/audit-$(sqlite3 "$CLINIX_DB" "SELECT value FROM meta WHERE key = 'audit_chain'").tail' is missing: rows after aud-$n may have been cut; an admin must check and run 'audit anchor --reason TEXT'"
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT action || ' ' || detail FROM audit WHERE id = $((n + 1))")" \
	    "audit.tail-missing tail file missing after aud-$n"
	[ -f "$BATS_TEST_TMPDIR"/etc/audit-*.tail ]
	run -1 --separate-stderr audit verify
	assert_output "audit: FAILED at row $((n + 1)): audit tail missing since aud-$((n + 1)): rows after the last anchor may have been cut"
	run -0 --separate-stderr user add pat2 --role nurse
	assert_equal "$stderr" ""	# said once, kept by verify
	run -1 audit verify
	# only an admin acknowledges it, and that is on the record too
	run -77 --separate-stderr env CLINIX_USER=pat audit anchor --reason x
	run -64 --separate-stderr audit anchor
	run -1 audit verify
	run -0 --separate-stderr audit anchor --reason "checked against the backup"
	assert_equal "$(last_row)" "$(id -un)|audit.anchor|ok|-|-|checked against the backup"
	run -0 audit verify
	run -0 db verify
}

@test "rows cut with the tail removed: patient show reports it, db verify fails until anchored" {
	add_patients
	some_history
	run -0 patient show pat-1
	n=$(max_id)
	drop_triggers
	sqlite3 "$CLINIX_DB" "DELETE FROM audit WHERE id > $((n - 3))"
	rm "$BATS_TEST_TMPDIR"/etc/audit-*.tail
	# the chain left is valid and ends where the tail would have said
	run -0 --separate-stderr patient show pat-1
	assert_output --partial pat-1
	assert_equal "$stderr" "patient: audit tail '$(echo "$BATS_TEST_TMPDIR"/etc/audit-*.tail)' is missing: rows after aud-$((n - 3)) may have been cut; an admin must check and run 'audit anchor --reason TEXT'"
	run -1 --separate-stderr db verify
	assert_line --index 2 $'audit\tFAILED\trow '"$((n - 2)): audit tail missing since aud-$((n - 2)): rows after the last anchor may have been cut"
	run -0 --separate-stderr audit anchor --reason "restored from the nightly backup"
	run -0 --separate-stderr db verify
	assert_line --index 2 --regexp $'^audit\tok\t'
	# and a new cut after the anchor is found again
	rm "$BATS_TEST_TMPDIR"/etc/audit-*.tail
	run -0 --separate-stderr patient show pat-1
	run -1 db verify
}

@test "an untouched clinic verifies, with no tail-missing row" {
	add_patients
	some_history
	run -0 --separate-stderr patient show pat-1
	run -0 --separate-stderr db verify
	run -0 --separate-stderr audit verify
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM audit WHERE action IN ('audit.tail-missing', 'audit.anchor')")" 0
}

@test "the triggers stop a plain UPDATE or DELETE on audit" {
	some_history
	before=$(dbsum)
	run --separate-stderr sqlite3 "$CLINIX_DB" "UPDATE audit SET detail = 'admin' WHERE id = 2"
	[ "$status" -ne 0 ]
	[[ $stderr == *"append-only"* ]]
	run --separate-stderr sqlite3 "$CLINIX_DB" 'DELETE FROM audit WHERE id = 5'
	[ "$status" -ne 0 ]
	[[ $stderr == *"append-only"* ]]
	run --separate-stderr sqlite3 "$CLINIX_DB" 'DELETE FROM audit'
	[ "$status" -ne 0 ]
	[[ $stderr == *"append-only"* ]]
	assert_equal "$(dbsum)" "$before"
	run -0 audit verify
	assert_output "audit: ok: 5 rows"
}

# --- what gets a row ---------------------------------------------------------

@test "every user write adds exactly one row" {
	n=$(rows)
	run -0 user add nina --role nurse --name "Nina Ortiz"
	assert_output usr-2
	assert_equal "$(rows)" $((n + 1))
	assert_equal "$(last_row)" "root|user.add|ok|-|usr-2|nurse"
	audited 2 "root|user.set-role|ok|-|usr-2|provider" user set-role nina provider
	audited 3 "root|user.disable|ok|-|usr-2|disabled" user disable nina
	audited 4 "root|user.enable|ok|-|usr-2|enabled" user enable usr-2
	run -0 audit verify
}

@test "a non-admin's attempt adds a denied row and changes nothing else" {
	user add nina --role nurse >/dev/null
	n=$(rows)
	users=$(sqlite3 "$CLINIX_DB" 'SELECT group_concat(login) FROM user')
	run -77 --separate-stderr env CLINIX_USER=nina user add eve --role admin
	assert_output ""
	assert_equal "$stderr" "user: permission denied: 'nina' (nurse) may not manage users"
	assert_equal "$(rows)" $((n + 1))
	assert_equal "$(last_row)" "nina|user.add|denied|-|-|manage users"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT group_concat(login) FROM user')" "$users"
	run -0 audit verify
}

@test "patient show adds a patient.show row naming the patient" {
	add_patients
	n=$(rows)
	audited 1 "root|patient.show|ok|2|-|-" patient show pat-2
	# by MRN the row still carries the patient's id
	run -0 patient show M1
	assert_equal "$(last_row)" "root|patient.show|ok|1|-|-"
	run -0 audit verify
}

# --- audit list ----------------------------------------------------------------

# nina and omar exist; nina was refused twice; root showed pat-1 and pat-2.
list_history() {
	add_patients
	user add nina --role nurse >/dev/null
	user add omar --role provider >/dev/null
	run -77 --separate-stderr env CLINIX_USER=nina user add eve --role admin
	run -77 --separate-stderr env CLINIX_USER=nina audit list
	patient show pat-1 >/dev/null
	patient show pat-2 >/dev/null
	patient show pat-1 >/dev/null
}

@test "audit list -o json is one parseable object per row, newest first" {
	list_history
	n=$(rows)
	run -0 --separate-stderr audit list -o json
	assert_equal "$stderr" ""
	# every row, plus the audit.list row written before the listing
	assert_equal "${#lines[@]}" $((n + 1))
	jq -e . <<<"$output" >/dev/null
	assert_equal "$(jq -s -c '[.[0].id, .[0].action, .[-1].id, .[-1].action]' <<<"$output")" \
	    "[\"aud-$((n + 1))\",\"audit.list\",\"aud-1\",\"clinix.init\"]"
	assert_equal "$(jq -s -c '.[0] | keys_unsorted' <<<"$output")" \
	    '["id","at","login","action","outcome","patient","record","detail","break_glass"]'
}

@test "audit list --user shows only that login's rows" {
	list_history
	run -0 audit list --user nina -o json
	assert_equal "$(jq -s 'length' <<<"$output")" 2
	assert_equal "$(jq -s -c '[.[] | .login] | unique' <<<"$output")" '["nina"]'
	assert_equal "$(jq -s -c '[.[] | .action]' <<<"$output")" '["audit.list","user.add"]'
}

@test "audit list --action matches an action, and a program's actions by prefix" {
	list_history
	run -0 audit list --action user.add -o json
	assert_equal "$(jq -s -c '[.[] | [.login, .outcome, .record]]' <<<"$output")" \
	    '[["nina","denied",null],["root","ok","usr-3"],["root","ok","usr-2"]]'
	run -0 audit list --action patient -o json
	assert_equal "$(jq -s -c '[.[] | .action] | unique' <<<"$output")" '["patient.show"]'
	assert_equal "$(jq -s 'length' <<<"$output")" 3
	run -1 audit list --action no.such -o json	# nothing found is 1
	assert_output ""
}

@test "audit list --patient shows only the rows naming that patient" {
	list_history
	run -0 audit list --patient pat-1 -o json
	# the two shows of pat-1, and this listing of pat-1's trail itself
	assert_equal "$(jq -s -c '[.[] | [.action, .patient]]' <<<"$output")" \
	    '[["audit.list","pat-1"],["patient.show","pat-1"],["patient.show","pat-1"]]'
	run -64 --separate-stderr audit list --patient usr-1
	assert_equal "${stderr_lines[0]}" "audit: not a patient id 'usr-1'"
}

@test "audit list --denied shows only refused attempts" {
	list_history
	run -0 audit list --denied -o json
	assert_equal "$(jq -s -c '[.[] | [.login, .action, .outcome]]' <<<"$output")" \
	    '[["nina","audit.list","denied"],["nina","user.add","denied"]]'
}

@test "audit list --limit 1 shows only the newest row" {
	list_history
	n=$(rows)
	run -0 audit list --limit 1 -o json
	assert_equal "${#lines[@]}" 1
	assert_equal "$(jq -r '[.id, .action] | @tsv' <<<"$output")" "aud-$((n + 1))	audit.list"
	run -0 audit list --limit 2 --action patient.show -o json
	assert_equal "$(jq -s -c '[.[] | .patient]' <<<"$output")" '["pat-1","pat-2"]'
	run -64 audit list --limit lots
}

# The ids audit list prints for its arguments, one a line, this run's own
# audit.list row left out, then "end" (refute_line needs a line).
list_ids() {
	local out

	out=$(audit list "$@" -o json) || return
	jq -r 'select(.action != "audit.list") | .id' <<<"$out" || return
	echo end
}

@test "audit list --to a day includes the whole of that day" {
	some_history
	# the clinic's day (TZ) that row 5 was written on, and the day before
	at=$(sqlite3 "$CLINIX_DB" 'SELECT at FROM audit WHERE id = 5')
	day=$(date -d "$at" +%F)
	before=$(date -d "$day -1 day" +%F)
	run -0 list_ids --to "$day"
	assert_line aud-5
	run -0 list_ids --from "$day" --to "$day"
	assert_line aud-5
	# every row is of today: the day before has none, and that is 1
	run -1 list_ids --to "$before"
	assert_output ""
	run -1 list_ids --from "$before" --to "$before"
	assert_output ""
	run -0 list_ids --day "$day"
	assert_line aud-5
	run -1 audit list --day "$before" --user nobody.such
	assert_output ""
}

@test "audit list --from and --to a time include that second" {
	some_history
	at=$(sqlite3 "$CLINIX_DB" 'SELECT at FROM audit WHERE id = 5')
	sec=${at:0:19}Z		# 2026-12-03T13:50:12.345Z: 2026-12-03T13:50:12Z
	prev=$(date -u -d "@$(($(date -u -d "$sec" +%s) - 1))" +%FT%TZ)
	next=$(date -u -d "@$(($(date -u -d "$sec" +%s) + 1))" +%FT%TZ)
	run -0 list_ids --from "$sec" --to "$sec"
	assert_line aud-5
	# rows 1-4 may share row 5's second: then there is none, and 1
	run list_ids --to "$prev"
	assert [ "$status" -le 1 ]
	refute_output --partial aud-5
	run list_ids --from "$next"
	assert [ "$status" -le 1 ]
	refute_output --partial aud-5
}

@test "audit list refuses an impossible date" {
	n=$(rows)
	run -64 --separate-stderr audit list --from 2026-02-30
	assert_equal "$(rows)" "$n"
}

@test "reading the audit trail is itself audited" {
	add_patients
	n=$(rows)
	audited 1 "root|audit.list|ok|-|-|-" audit list
	# a listing of one patient's trail names that patient
	audited 2 "root|audit.list|ok|2|-|-" audit list --patient pat-2
	run -0 audit verify
}

@test "a non-admin may neither list nor verify the trail, and is recorded trying" {
	user add nina --role nurse >/dev/null
	n=$(rows)
	run -77 --separate-stderr env CLINIX_USER=nina audit list
	assert_output ""
	assert_equal "$stderr" "audit: permission denied: 'nina' (nurse) may not read the audit trail"
	assert_equal "$(rows)" $((n + 1))
	assert_equal "$(last_row)" "nina|audit.list|denied|-|-|read the audit trail"
	run -77 env CLINIX_USER=nina audit verify
	assert_output --partial "may not read the audit trail"
	assert_equal "$(rows)" $((n + 2))
	assert_equal "$(last_row)" "nina|audit.verify|denied|-|-|read the audit trail"
}

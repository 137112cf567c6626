load helper

# Every listing of patient data writes and commits its audit row before
# the first record leaves: a reader that stops after one line, a kill in
# the middle, a full disk or a busy database never leaves PHI shown with
# no row for it.
#
# A listing bigger than a pipe holds, read one line at a time from a
# fifo, stops its writer on the full pipe for as long as the test likes:
# whatever the audit table holds then was written before the output.

rows() {
	sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM audit'
}
last_audit() {
	sqlite3 -separator '|' "$CLINIX_DB" "SELECT login, action, outcome,
	    ifnull(patient_id, '-'), ifnull(record, '-')
	    FROM audit ORDER BY id DESC LIMIT 1"
}
last_detail() {
	sqlite3 "$CLINIX_DB" 'SELECT detail FROM audit ORDER BY id DESC LIMIT 1'
}

# n patients straight into the database: pat-I is "Fi Lnnnnn", so the
# list (by name) starts with pat-1.
many_patients() {
	sqlite3 "$CLINIX_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
	    SELECT i + 1 FROM n WHERE i < $1)
	    INSERT INTO patient (mrn, first, last, dob, first_key, last_key,
	    created_at, updated_at)
	    SELECT printf('M%05d', i), 'F' || i, printf('L%05d', i),
	    '1980-01-01', 'f' || i, printf('l%05d', i),
	    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n"
}

# Start "$@" writing into a fifo and read its first line into LINE; the
# writer's pid is PID and the fifo stays open on fd READER until the test
# closes it.  Nothing more is read, so a big listing blocks its writer.
# (fd 3 is bats' own: the writer must not hold it.)
first_line() {
	local fifo=$BATS_TEST_TMPDIR/out.fifo

	mkfifo "$fifo"
	"$@" >"$fifo" 2>"$BATS_TEST_TMPDIR/err" 3>&- &
	PID=$!
	exec {READER}<"$fifo"
	IFS= read -r LINE <&"$READER"
}

# Close the reader's end and collect the writer's exit status in RC.
stop_reading() {
	exec {READER}<&-
	RC=0
	wait "$PID" || RC=$?
}

# read_first WANT AUDIT CMD [ARG ...]: first_line CMD, whose first line
# must be WANT; by then its audit row (AUDIT: action|outcome|patient|
# record, by this login) is committed.  N is the count of rows before.
read_first() {
	local want=$1
	AUDIT="$(id -un)|$2"
	shift 2
	N=$(rows)
	first_line "$@"
	assert_equal "$LINE" "$want"
	assert_equal "$(rows)" $((N + 1))
	assert_equal "$(last_audit)" "$AUDIT"
}

# end_reading STATUS: stop_reading; the writer exited STATUS, wrote no
# other audit row, and the chain still verifies.
end_reading() {
	stop_reading
	assert_equal "$RC" "$1"
	assert_equal "$(rows)" $((N + 1))
	assert_equal "$(last_audit)" "$AUDIT"
	run -0 audit verify
}

@test "patient list | head -1: the row is there before the second line" {
	many_patients 5000
	me=$(id -un)
	n=$(rows)
	first_line patient list
	assert_equal "$LINE" "$(printf 'pat-1\tM00001\tL00001\tF1\t1980-01-01\t\t\tactive')"
	# the writer waits on the full pipe; its audit row is committed
	assert_equal "$(rows)" $((n + 1))
	assert_equal "$(last_audit)" "$me|patient.list|ok|-|5000 patients"
	assert_equal "$(last_detail)" "1-5000"
	stop_reading
	# the rest went to a closed pipe: a write error, quietly
	assert_equal "$RC" 74
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
	assert_equal "$(rows)" $((n + 1))
	# and the same through head itself
	run -0 bash -c 'patient list | head -1'
	assert_equal "$output" "$(printf 'pat-1\tM00001\tL00001\tF1\t1980-01-01\t\t\tactive')"
	assert_equal "$(rows)" $((n + 2))
	assert_equal "$(last_audit)" "$me|patient.list|ok|-|5000 patients"
	assert_equal "$(last_detail)" "1-5000"
	run -0 audit verify
}

@test "patient export killed after its first line: the audit row exists" {
	many_patients 5000
	read_first "$(printf 'id,mrn,first,middle,last,preferred,dob,sex,gender,phone,phone2,email,address1,address2,city,state,zip,country,language,channel,sms_consent,email_consent,emergency_name,emergency_phone,deceased,note,status,not_duplicate\r')" \
	    "patient.export|ok|-|5000 patients: export" \
	    patient export
	assert_equal "$(last_detail)" "1-5000"
	kill -KILL "$PID"
	end_reading 137
}

@test "patient list killed after its first line: the audit row exists" {
	many_patients 5000
	read_first "$(printf 'pat-1\tM00001\tL00001\tF1\t1980-01-01\t\t\tactive')" \
	    "patient.list|ok|-|5000 patients" \
	    patient list
	kill -KILL "$PID"
	end_reading 137
}

@test "a full disk: export and list print nothing and exit 74; verify after" {
	local mnt=$BATS_TEST_TMPDIR/small
	mkdir "$mnt"
	mount -t tmpfs -o size=2m tmpfs "$mnt" 2>/dev/null ||
	    skip "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)"
	MOUNTED=$mnt
	export CLINIX_DB=$mnt/data/clinix.db
	export CLINIX_CONFIG=$mnt/etc/clinix.yaml
	clinix init --clinic-name Small >/dev/null
	# counted before the programs run: sqlite3 itself removes the WAL
	# when it closes, and a clinic's own programs keep it
	n=$(($(rows) + 3))
	for i in 1 2 3; do
		patient add --first "F$i" --last Full --dob "1980-01-0$i" >/dev/null
	done
	# dd stops when the disk is full: 1, "No space left on device"
	run -1 --separate-stderr dd if=/dev/zero of="$mnt/filler" bs=4k
	[[ $stderr == *"No space left on device"* ]] || fail "$stderr"
	run -74 --separate-stderr patient export
	assert_equal "$output" ""
	assert_equal "$stderr" "patient: $CLINIX_DB: database or disk is full"
	run -74 --separate-stderr patient list
	assert_equal "$output" ""
	assert_equal "$stderr" "patient: $CLINIX_DB: database or disk is full"
	# as the sqlite3 shell leaves it: no -wal or -shm; still 74, not 65
	rm -f "$CLINIX_DB-wal" "$CLINIX_DB-shm"
	dd if=/dev/zero of="$mnt/filler2" bs=4k 2>/dev/null || :
	run -74 --separate-stderr patient list
	assert_equal "$output" ""
	rm -f "$mnt/filler2"
	rm "$mnt/filler"
	# no row was written, and the trail is whole
	assert_equal "$(rows)" "$n"
	run -0 audit verify
	# with room again the listing is audited and printed
	run -0 patient list
	assert_equal "${#lines[@]}" 3
	assert_equal "$(rows)" $((n + 2))
}

@test "the write lock held past the busy timeout: list prints nothing, 75" {
	many_patients 3
	echo "db_busy_timeout_ms: 200" >>"$CLINIX_CONFIG"
	n=$(rows)
	# sqlite3 holds BEGIN IMMEDIATE until told to commit; it says when
	# it has the lock through the fifo ready
	mkfifo "$BATS_TEST_TMPDIR/sql" "$BATS_TEST_TMPDIR/ready"
	sqlite3 "$CLINIX_DB" <"$BATS_TEST_TMPDIR/sql" >/dev/null 3>&- &
	LOCKER=$!
	exec {SQL}>"$BATS_TEST_TMPDIR/sql"
	printf '%s\n' "BEGIN IMMEDIATE;" "SELECT count(*) FROM user;" \
	    ".shell echo locked >$BATS_TEST_TMPDIR/ready" >&"$SQL"
	read -r ready <"$BATS_TEST_TMPDIR/ready"
	assert_equal "$ready" locked
	run -75 --separate-stderr patient list
	assert_equal "$output" ""
	assert_equal "$stderr" "patient: $CLINIX_DB: database is busy, try again"
	run -75 --separate-stderr patient export
	assert_equal "$output" ""
	printf 'COMMIT;\n' >&"$SQL"
	exec {SQL}>&-
	wait "$LOCKER"
	assert_equal "$(rows)" "$n"
	run -0 patient list
	assert_equal "${#lines[@]}" 3
	assert_equal "$(rows)" $((n + 1))
}

teardown() {
	if [ -n "${MOUNTED:-}" ]; then
		umount "$MOUNTED"
	fi
}

# A clinic with one provider and 3 patients, and 2000 visits in 2030 (one
# every half hour, by the database, so no booking rules get in the way).
many_visits() {
	provider add --name "Maria Chen" --npi 1234567893 \
	    --taxonomy 207Q00000X >/dev/null
	many_patients 3
	sqlite3 "$CLINIX_DB" "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL
	    SELECT i + 1 FROM n WHERE i < 1999)
	    INSERT INTO appointment (patient_id, provider_id, start_at, end_at,
	    created_at, created_by, updated_at)
	    SELECT 1 + i % 3, 1, strftime('%Y-%m-%dT%H:%M:%SZ',
	    '2030-01-01T15:00:00Z', '+' || (30 * i) || ' minutes'),
	    strftime('%Y-%m-%dT%H:%M:%SZ', '2030-01-01T15:00:00Z',
	    '+' || (30 * i + 20) || ' minutes'),
	    '2026-01-01T00:00:00Z', 'test', '2026-01-01T00:00:00Z' FROM n"
}

@test "sched list: the audit row is there when stdout closes after the first line" {
	many_visits
	read_first "$(printf 'apt-1\t2030-01-01T10:00\t2030-01-01T10:20\tpat-1\tL00001, F1\tprv-1\t\t\tbooked')" \
	    "sched.list|ok|-|2000 appointments" \
	    sched list --from 2030-01-01 --to 2030-12-31
	end_reading 74
}

@test "remind log: the audit row is there when stdout closes after the first line" {
	many_patients 1
	sqlite3 "$CLINIX_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
	    SELECT i + 1 FROM n WHERE i < 2000)
	    INSERT INTO reminder (key, patient_id, rule, channel, address,
	    status, attempts, created_at, sent_at, updated_at)
	    SELECT 'pat-1/recall/email/' || i, 1, 'recall', 'email',
	    'f1@example.org', 'sent', 1, '2026-01-01T00:00:00Z',
	    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n"
	read_first "$(printf 'rem-1\t2025-12-31T19:00\tpat-1\t\trecall\temail\tf1@example.org\tsent\t1\t2025-12-31T19:00\t\tpat-1/recall/email/1')" \
	    "remind.log|ok|-|2000 reminders: log" \
	    remind log
	end_reading 74
}

@test "remind due: the audit row is there when stdout closes after the first line" {
	provider add --name "Maria Chen" --npi 1234567893 \
	    --taxonomy 207Q00000X >/dev/null
	many_patients 1000
	sqlite3 "$CLINIX_DB" "UPDATE patient SET email = 'p' || id ||
	    '@example.org', email_consent = '2026-01-01', channel = 'email'"
	# one visit each on 2030-12-03 (48 hours ahead of --at), overbooked
	# so the database's booking rules let them share the hour
	sqlite3 "$CLINIX_DB" "INSERT INTO appointment (patient_id,
	    provider_id, start_at, end_at, overbook, created_at, created_by,
	    updated_at) SELECT id, 1, '2030-12-03T15:00:00Z',
	    '2030-12-03T15:20:00Z', 1, '2026-01-01T00:00:00Z', 'test',
	    '2026-01-01T00:00:00Z' FROM patient"
	read_first "$(printf 'apt-1\tpat-1\temail\tp1@example.org\t48h\t2030-12-03T10:00\tapt-1/48h/email/2030-12-03T15:00:00Z')" \
	    "remind.due|ok|-|1000 reminders: due" \
	    remind due --at 2030-12-01T12:00
	# the patients in the listing's order, by reminder key
	assert_equal "$(last_detail | cut -d, -f1-6)" "1,10,100,1000,101-109,11"
	end_reading 74
}

load helper

# The database file is always complete: every program that wrote copies
# its pages from the WAL into clinix.db before it exits, so a backup that
# copies clinix.db alone (no -wal, no -shm) holds every committed change.
# And a long import leaves the WAL cut back to journal_size_limit (4 MB).

WAL_LIMIT=$((4 * 1024 * 1024))

# fileq SQL: the answer from a copy of clinix.db alone, in a new directory,
# after checking that copy's integrity.
fileq() {
	local d
	d=$(mktemp -d "$BATS_TEST_TMPDIR/copy.XXXXXX")
	cp "$CLINIX_DB" "$d/copy.db"
	[ ! -e "$d/copy.db-wal" ] || fail "copied a WAL"
	assert_equal "$(sqlite3 "$d/copy.db" 'PRAGMA integrity_check')" ok
	sqlite3 -separator ' ' "$d/copy.db" "$1"
}

@test "clinix.db alone holds each kind of write" {
	# the starter code set clinix init loaded
	[ "$(fileq "select count(*) from code where system = 'icd10cm'")" -gt 0 ]
	patient add --first Ann --last One --dob 1980-01-01 --mrn W1 >/dev/null
	assert_equal "$(fileq "select last from patient where mrn = 'W1'")" One
	patient import "$BATS_TEST_DIRNAME/fixtures/patients/people.csv" \
	    >/dev/null 2>&1
	[ "$(fileq "select count(*) from patient")" -gt 1 ]
	patient edit pat-1 --last Edited >/dev/null
	assert_equal "$(fileq "select last from patient where mrn = 'W1'")" Edited
	user add nina --role nurse >/dev/null
	assert_equal "$(fileq "select role from user where login = 'nina'")" nurse
	provider add --name "Maria Chen" --npi 1234567893 \
	    --taxonomy 207Q00000X >/dev/null
	assert_equal "$(fileq "select npi from provider")" 1234567893
	provider hours prv-1 mon-sat 07:00-20:00 >/dev/null
	sched book pat-1 --provider prv-1 --at 2030-12-03T10:00 \
	    --length 20m >/dev/null
	assert_equal "$(fileq "select count(*) from appointment")" 1
	code import icd10cm "$BATS_TEST_DIRNAME/fixtures/codes/icd10cm-order-2026.txt" \
	    >/dev/null 2>&1
	assert_equal "$(fileq "select count(*) from audit where action = 'code.import'")" 1
	local n
	n=$(fileq "select count(*) from audit")
	patient show pat-1 >/dev/null
	assert_equal "$(fileq "select count(*) from audit")" $((n + 1))
	assert_equal "$(fileq "select action from audit order by id desc limit 1")" patient.show
}

@test "remind send: the claimed and sent reminder is in clinix.db alone" {
	patient add --first Ana --last Ruiz --dob 1981-02-03 \
	    --phone "+1 212 555 0100" --sms_consent yes --channel sms >/dev/null
	provider add --name "Maria Chen" --npi 1234567893 \
	    --taxonomy 207Q00000X --credential MD >/dev/null
	provider hours prv-1 mon-sat 07:00-20:00 >/dev/null
	sched book pat-1 --provider prv-1 --at 2030-12-03T10:00 \
	    --length 20m >/dev/null
	export SMS_LOG=$BATS_TEST_TMPDIR/sms.log
	clinix config set clinic.phone "+1 212 555 0199"	# the text says it
	{
		echo "remind:"
		echo "  sms_command: [$BATS_TEST_DIRNAME/tools/sms-record]"
	} >>"$CLINIX_CONFIG"
	run -0 --separate-stderr remind send --at 2030-12-01T12:00
	grep -q -- '^--END--$' "$SMS_LOG"	# the fake ran
	assert_equal "$(fileq "select status from reminder")" sent
}

@test "a 2,000-row import leaves a WAL no larger than the limit" {
	local f=$BATS_TEST_TMPDIR/many.csv i
	{
		echo "mrn,first,last,dob"
		for ((i = 1; i <= 2000; i++)); do
			echo "M$i,First$i,Last$i,1970-01-01"
		done
	} >"$f"
	run -0 --separate-stderr patient import "$f"
	assert_equal "$(fileq "select count(*) from patient")" 2000
	local size
	size=$(stat -c %s "$CLINIX_DB-wal" 2>/dev/null || echo 0)
	[ "$size" -le "$WAL_LIMIT" ] || fail "WAL is $size bytes"
}

@test "db verify warns about a WAL larger than the limit, then cuts it" {
	run -0 --separate-stderr db verify
	refute_output --partial wal
	# sqlite3 keeps its WAL (persist_wal) at full size after its closing
	# checkpoint when no journal_size_limit is set: a 6 MB WAL
	sqlite3 "$CLINIX_DB" ".filectrl persist_wal 1" "CREATE TABLE junk(x)" \
	    "INSERT INTO junk WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL
	    SELECT i + 1 FROM n WHERE i < 3000) SELECT randomblob(2000) FROM n" \
	    "DROP TABLE junk" >/dev/null
	local size
	size=$(stat -c %s "$CLINIX_DB-wal")
	[ "$size" -gt "$WAL_LIMIT" ] || fail "WAL is only $size bytes"
	run -0 --separate-stderr db verify
	assert_line --regexp $'^wal\twarning\t'"[0-9]+ MB WAL, over the 4 MB limit"
	# verify wrote its audit row and checkpointed: the WAL is cut back
	size=$(stat -c %s "$CLINIX_DB-wal" 2>/dev/null || echo 0)
	[ "$size" -le "$WAL_LIMIT" ] || fail "WAL is still $size bytes"
	run -0 --separate-stderr db verify
	refute_output --partial wal
}

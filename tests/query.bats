# db query within bounds: a time limit, a memory limit with temporary
# storage kept in memory, no extension loading or tokenizer peeking, and
# the read on the record, committed, before the first row is printed.
load helper

# The newest audit rows, "action|outcome|record|detail", newest first.
last_audit() {
	sqlite3 -separator '|' "$CLINIX_DB" \
	    "SELECT action, outcome, ifnull(record, ''), detail FROM audit ORDER BY id DESC LIMIT ${1:-1}"
}

teardown() {
	mountpoint -q "$BATS_TEST_TMPDIR/small" 2>/dev/null &&
	    umount "$BATS_TEST_TMPDIR/small" || true
}

FOREVER="with recursive r(x) as (select 1 union all select x+1 from r) select count(*) from r"

@test "db query --timeout stops an unbounded query: 75, a message, on the record" {
	start=$(date +%s)
	run -75 --separate-stderr db query --timeout 1 "$FOREVER"
	assert_output ""
	[[ $stderr == *"db: query: stopped after 1 s (--timeout)"* ]]
	(( $(date +%s) - start < 10 ))
	assert_equal "$(last_audit 2)" "db.query|ok|stopped: timeout|$FOREVER
db.query|ok|started|$FOREVER"
	run -0 audit verify
}

@test "db query --timeout and --max-memory refuse values that are not counts" {
	run -64 db query --timeout 0 "select 1"
	run -64 db query --timeout abc "select 1"
	run -64 db query --max-memory -3 "select 1"
}

@test "db query --max-memory stops a query that would spill, and writes no temp file" {
	mkdir "$BATS_TEST_TMPDIR/tmp"
	big="with recursive r(x) as (select 1 union all select x+1 from r limit 3000000) select length(group_concat(x)) from (select x from r order by random())"
	SQLITE_TMPDIR="$BATS_TEST_TMPDIR/tmp" TMPDIR="$BATS_TEST_TMPDIR/tmp" \
	    run -75 --separate-stderr db query --max-memory 8 "$big"
	assert_output ""
	[[ $stderr == *"needs more than 8 MB (--max-memory)"* ]]
	assert_equal "$(ls -A "$BATS_TEST_TMPDIR/tmp")" ""
	assert_equal "$(last_audit)" "db.query|ok|stopped: memory|$big"
	# the same query within the default bound works
	run -0 db query "select 1 as one"
	assert_output 1
}

@test "db query refuses fts3_tokenizer and load_extension, audited as refused" {
	run -65 --separate-stderr db query "select fts3_tokenizer('simple')"
	assert_output ""
	assert_equal "$stderr" "db: query: not authorized to use function: fts3_tokenizer"
	assert_equal "$(last_audit)" "db.query|denied||select fts3_tokenizer('simple')"
	run -65 --separate-stderr db query "select load_extension('/nonexistent')"
	assert_output ""
	assert_equal "$(last_audit)" "db.query|denied||select load_extension('/nonexistent')"
	run -0 audit verify
}

@test "a db query killed with SIGKILL mid-output has left its audit row" {
	mkfifo "$BATS_TEST_TMPDIR/pipe"
	rows="with recursive r(x) as (select 1 union all select x+1 from r) select x from r"
	db query --timeout 60 "$rows" >"$BATS_TEST_TMPDIR/pipe" &
	pid=$!
	# the first row has reached the reader: the query is printing
	read -r first <"$BATS_TEST_TMPDIR/pipe"
	kill -9 "$pid"
	wait "$pid" || true
	assert_equal "$first" 1
	assert_equal "$(last_audit)" "db.query|ok|started|$rows"
	run -0 audit verify
}

@test "db query on a full disk prints nothing and exits 74; the trail is intact after" {
	[ "$(id -u)" -eq 0 ] || skip "mounting a tmpfs needs root"
	mnt="$BATS_TEST_TMPDIR/small"
	mkdir "$mnt"
	mount -t tmpfs -o size=2m tmpfs "$mnt" || skip "cannot mount a tmpfs here"
	export CLINIX_DB="$mnt/data/clinix.db" CLINIX_CONFIG="$mnt/etc/clinix.yaml"
	clinix init --clinic-name Full >/dev/null
	patient add --first Ana --last Lee --dob 1980-02-29 --sex F >/dev/null
	dd if=/dev/zero of="$mnt/fill" bs=1k 2>/dev/null || true
	run -74 --separate-stderr db query "select mrn, last from patient"
	assert_output ""
	rm "$mnt/fill"
	run -0 audit verify
	run -0 db query "select last from patient"
	assert_output Lee
}

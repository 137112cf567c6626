load helper

# Another program holding the write lock past the busy timeout is a
# temporary failure (75) that cron may retry, and nothing is half-written.
@test "a write blocked past the busy timeout exits 75 and writes nothing" {
	echo "db_busy_timeout_ms: 200" >>"$CLINIX_CONFIG"
	before=$(sqlite3 "$CLINIX_DB" "select count(*) from user")
	# the write lock held by the sqlite3 CLI until the refusal is seen
	hold "BEGIN IMMEDIATE; SELECT count(*) FROM user;"
	run -75 --separate-stderr user add nina --role nurse
	[[ "$stderr" == *"busy"* ]]
	touch "$BATS_TEST_TMPDIR/go"
	wait "$HOLDER"
	run -0 sqlite3 "$CLINIX_DB" "select count(*) from user"
	assert_output "$before"
	run -0 user add nina --role nurse
}

@test "a reader is not blocked by a writer (WAL)" {
	hold "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('x','y');"
	# (not db query: it writes its audit row first, so it waits its turn)
	run -0 --separate-stderr user list -o tsv
	assert_equal "${#lines[@]}" 1
	assert_equal "$stderr" ""
	touch "$BATS_TEST_TMPDIR/go"
	wait "$HOLDER"
	# the writer did hold its write until then, and committed it
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM meta WHERE key = 'x'")" 1
}

@test "CLINIX_USER is honoured for root only" {
	user add nina --role nurse >/dev/null
	run -77 --separate-stderr env CLINIX_USER=nina user add x --role nurse
	nobody_home
	as_nobody clinix init >/dev/null
	# nobody is the admin of its own clinic; naming another user changes nothing
	run -0 --separate-stderr as_nobody env CLINIX_USER=ghost user list -o tsv
	[[ "$stderr" == *"only for root"* ]]
	assert_output --partial "nobody"
	rm -rf "$NOBODY_HOME"
}

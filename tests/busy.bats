load helper

# Another program holding the write lock past the busy timeout is a
# temporary failure (75) that cron may retry, and nothing is half-written.
@test "a write blocked past the busy timeout exits 75 and writes nothing" {
	echo "db_busy_timeout_ms: 200" >>"$CLINIX_CONFIG"
	before=$(sqlite3 "$CLINIX_DB" "select count(*) from user")
	# hold BEGIN IMMEDIATE for 3 s from the sqlite3 CLI
	sqlite3 "$CLINIX_DB" "BEGIN IMMEDIATE; SELECT count(*) FROM user;" \
	    ".shell sleep 3" "COMMIT;" >/dev/null &
	sleep 0.5
	run -75 --separate-stderr user add nina --role nurse
	[[ "$stderr" == *"busy"* ]]
	wait
	run -0 sqlite3 "$CLINIX_DB" "select count(*) from user"
	assert_output "$before"
	run -0 user add nina --role nurse
}

@test "a reader is not blocked by a writer (WAL)" {
	sqlite3 "$CLINIX_DB" "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('x','y');" \
	    ".shell sleep 2" "COMMIT;" >/dev/null &
	sleep 0.3
	run -0 db query "SELECT count(*) FROM user"
	assert_output "1"
	wait
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

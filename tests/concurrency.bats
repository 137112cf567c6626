load helper

# Many programs at once on one database: every write must wait its turn
# (busy timeout, BEGIN IMMEDIATE), none may fail with "locked"/"busy", and
# the audit chain and its tail file must come out whole.

WRITERS=8
EACH=25

# writer N COUNT: COUNT user adds with logins wN_1..wN_COUNT; its exit codes
# go to rc.N (one line per add), its stderr to err.N.
writer() {
	local n=$1 i rc
	for i in $(seq "$2"); do
		rc=0
		user add "w${n}_$i" --role nurse >/dev/null 2>>"$BATS_TEST_TMPDIR/err.$n" || rc=$?
		echo "$rc" >>"$BATS_TEST_TMPDIR/rc.$n"
	done
}

@test "$WRITERS processes adding users at once all succeed and the chain holds" {
	pids=()
	for n in $(seq "$WRITERS"); do
		writer "$n" "$EACH" 3>&- &
		pids+=("$!")
	done
	for p in "${pids[@]}"; do
		wait "$p"
	done
	for n in $(seq "$WRITERS"); do
		# every add ran, and every one exited 0
		assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/rc.$n")" "$EACH"
		assert_equal "$(sort -u "$BATS_TEST_TMPDIR/rc.$n")" 0
		assert_equal "$(cat "$BATS_TEST_TMPDIR/err.$n")" ""
	done
	run -1 grep -il -e locked -e busy "$BATS_TEST_TMPDIR"/err.*
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM user')" $((1 + WRITERS * EACH))
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT count(DISTINCT login) FROM user')" $((1 + WRITERS * EACH))
	# one audit row per add, ids with no gaps
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM audit WHERE action = 'user.add' AND outcome = 'ok'")" \
	    $((WRITERS * EACH))
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT count(*) = max(id) FROM audit')" 1
	# the tail file ends where the trail ends
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/etc/audit-*.tail)" \
	    "$(sqlite3 -separator ' ' "$CLINIX_DB" 'SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1')"
	run -0 --separate-stderr audit verify
	assert_output "audit: ok: $((1 + WRITERS * EACH)) rows"
	run -0 db verify
}

@test "audit verify run while others write never reports a false break" {
	# a long trail (one import writes a row per user) makes each verify
	# take a while, as it does in a clinic with years of audit rows
	{
		echo login,role
		for i in $(seq 2000); do echo "imp$i,nurse"; done
	} >"$BATS_TEST_TMPDIR/users.csv"
	user import "$BATS_TEST_TMPDIR/users.csv" >/dev/null
	run -0 audit verify
	assert_output "audit: ok: 2001 rows"
	stop=$BATS_TEST_TMPDIR/stop
	for n in 1 2 3; do
		add_users_until "$stop" "w${n}_" "$BATS_TEST_TMPDIR/err.$n" 3>&- &
	done
	bad=0
	for _ in $(seq 12); do
		audit verify >>"$BATS_TEST_TMPDIR/verify.out" 2>&1 || bad=$((bad + 1))
	done
	touch "$stop"
	wait
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/err.*)" ""
	assert_equal "$(grep -v '^audit: ok: [0-9]* rows$' "$BATS_TEST_TMPDIR/verify.out")" ""
	assert_equal "$bad" 0
	# it did run against a growing trail
	[ "$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM user WHERE login GLOB 'w*'")" -ge 5 ]
	run -0 audit verify
}

@test "readers and writers at once: shows and lists all succeed" {
	sqlite3 "$CLINIX_DB" <"$BATS_TEST_DIRNAME/fixtures/db/patients.sql"
	pids=()
	for n in 1 2; do
		writer "$n" 10 3>&- &
		pids+=("$!")
	done
	for n in 1 2; do
		(
			for _ in $(seq 8); do
				patient show pat-1 pat-2 >/dev/null || echo "show: exit $?"
				user list >/dev/null || echo "list: exit $?"
			done
		) >"$BATS_TEST_TMPDIR/reader.$n" 2>&1 3>&- &
		pids+=("$!")
	done
	for p in "${pids[@]}"; do
		wait "$p"
	done
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/reader.* "$BATS_TEST_TMPDIR"/err.*)" ""
	assert_equal "$(sort -u "$BATS_TEST_TMPDIR"/rc.*)" 0
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/rc.* | wc -l)" 20
	# one audit row per show command, naming both patients
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM audit WHERE action = 'patient.show' AND record = '2 patients'")" $((2 * 8))
	run -0 audit verify
}

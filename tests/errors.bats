load helper

# Errors and their exit codes (sysexits): usage, data, input, permission,
# configuration.

teardown() {
	if [ -n "${NOBODY_HOME:-}" ]; then
		rm -rf "$NOBODY_HOME"
	fi
}

nusers() { sqlite3 "$CLINIX_DB" 'select count(*) from user'; }
naudit() { sqlite3 "$CLINIX_DB" 'select count(*) from audit'; }

# A config line number: the first line of the config matching REGEX.
cfg_line() { grep -n -m1 -E "$1" "$CLINIX_CONFIG" | cut -d: -f1; }

@test "an unknown option is a usage error (64) with the usage on stderr" {
	run -64 --separate-stderr user list --bogus
	assert_equal "$output" ""
	[[ "$stderr" == *"usage: user list"* ]]
	run -64 --separate-stderr user add x --role nurse --bogus
	assert_equal "$output" ""
	[[ "$stderr" == *"usage: user add LOGIN --role ROLE"* ]]
	assert_equal "$(nusers)" 1
}

@test "an unknown option is named in a 'PROG: ' message" {
	run -64 --separate-stderr user add x --role nurse --bogus
	assert_regex "${stderr_lines[0]}" "^user: .*--bogus"
	run -64 --separate-stderr audit list --bogus
	assert_regex "${stderr_lines[0]}" "^audit: .*--bogus"
	run -64 --separate-stderr user list --bogus
	assert_regex "${stderr_lines[0]}" "^user: .*--bogus"
}

@test "an unknown verb is a usage error (64)" {
	run -64 --separate-stderr user frob
	assert_equal "$output" ""
	[[ "${stderr_lines[0]}" == "user: "*"'frob'"* ]]
	[[ "$stderr" == *"usage: user add"* ]]
	[[ "$stderr" == *"user list"* ]]
	run -64 --separate-stderr db frob
	[[ "${stderr_lines[0]}" == "db: "*"'frob'"* ]]
}

@test "no verb, or the wrong number of arguments, is a usage error (64)" {
	run -64 --separate-stderr user
	assert_equal "$output" ""
	[[ "$stderr" == *"usage: user "* ]]
	run -64 user add a b --role nurse
	run -64 user disable
	run -64 user set-role bob
	assert_equal "$(nusers)" 1
}

@test "an option without its value is a usage error (64)" {
	run -64 --separate-stderr user list -o
	assert_equal "$output" ""
	[[ "$stderr" == *"'-o'"* ]]
	run -64 user list --db
}

@test "a missing database is 66, and nothing is created" {
	CLINIX_DB=/nonexistent/x.db run -66 --separate-stderr user list
	assert_equal "$output" ""
	[[ "$stderr" == "user: no database at '/nonexistent/x.db'"* ]]
	local db="$BATS_TEST_TMPDIR/nowhere/x.db"
	CLINIX_DB="$db" run -66 user add x --role nurse
	[ ! -e "$BATS_TEST_TMPDIR/nowhere" ]
	run -66 user --db "$db" list
	[ ! -e "$BATS_TEST_TMPDIR/nowhere" ]
}

@test "an unreadable database is 66" {
	nobody_home
	as_nobody clinix init >/dev/null
	chmod 000 "$NOBODY_HOME/data/clinix.db"
	run -66 --separate-stderr as_nobody user list
	assert_equal "$output" ""
	[[ "$stderr" == "user: "*"$NOBODY_HOME/data/clinix.db"* ]]
}

@test "a database directory that is not writable is 73, and nothing is written" {
	nobody_home
	as_nobody clinix init >/dev/null
	local q="select (select count(*) from user) || ' ' || (select count(*) from audit)"
	local before
	before=$(as_nobody sqlite3 "$NOBODY_HOME/data/clinix.db" "$q")
	[[ "$before" == "1 "[1-9]* ]]
	chmod 555 "$NOBODY_HOME/data"
	run -73 --separate-stderr as_nobody user add x --role nurse
	assert_equal "$output" ""
	[[ "$stderr" == "user: "*"$NOBODY_HOME/data"*"not writable"* ]]
	chmod 700 "$NOBODY_HOME/data"
	assert_equal "$(as_nobody sqlite3 "$NOBODY_HOME/data/clinix.db" "$q")" \
	    "$before"
}

@test "a YAML syntax error is 78 and names the config file and line" {
	cat >"$CLINIX_CONFIG" <<-EOF
	clinic:
	  name: "Test"
	  city: Boston: MA
	db: "$CLINIX_DB"
	EOF
	local before
	before=$(naudit)
	run -78 --separate-stderr user list
	assert_equal "$output" ""
	[[ "$stderr" == "user: $CLINIX_CONFIG:3: "* ]]
	[[ "$stderr" == *"clinix.yaml:3"* ]]
	assert_equal "$(naudit)" "$before"
}

@test "an unknown key is 78 and names file:line and the key" {
	local n
	n=$(cfg_line '^  name:')
	[ -n "$n" ]
	sed -i 's/^  name:/  nmae:/' "$CLINIX_CONFIG"
	run -78 --separate-stderr user list
	assert_equal "$output" ""
	assert_equal "$stderr" "user: $CLINIX_CONFIG:$n: unknown key 'clinic.nmae'"
}

# append_refused LINE: the config with LINE added at its end is 78 for
# user list, which prints nothing; N is that line's number.
append_refused() {
	printf '%s\n' "$1" >>"$CLINIX_CONFIG"
	N=$(wc -l <"$CLINIX_CONFIG")
	run -78 --separate-stderr user list
	assert_equal "$output" ""
}

@test "an unknown top-level key is 78 too" {
	append_refused 'colour: blue'
	assert_equal "$stderr" "user: $CLINIX_CONFIG:$N: unknown key 'colour'"
}

@test "a value of the wrong type is 78: db_busy_timeout_ms: abc" {
	append_refused 'db_busy_timeout_ms: abc'
	[[ "$stderr" == "user: $CLINIX_CONFIG:$N: "*db_busy_timeout_ms*"abc"* ]]
}

@test "a whole number for db_busy_timeout_ms is accepted" {
	printf 'db_busy_timeout_ms: 250\n' >>"$CLINIX_CONFIG"
	run -0 user list
	assert_line --regexp '^usr-1	'
}

@test "no config is 78" {
	CLINIX_CONFIG=/nonexistent run -78 --separate-stderr user list
	assert_equal "$output" ""
	[[ "$stderr" == "user: "*"/nonexistent"* ]]
}

@test "a key file readable by others is 77, and nothing is written" {
	local key before_u before_a
	key="$(dirname "$CLINIX_CONFIG")/clinix.key"
	chmod 644 "$key"
	before_u=$(nusers) before_a=$(naudit)
	run -77 --separate-stderr user list
	assert_equal "$output" ""
	[[ "$stderr" == "user: "*"$key"* ]]
	run -77 user add x --role nurse
	assert_equal "$(nusers)" "$before_u"
	assert_equal "$(naudit)" "$before_a"
	chmod 640 "$key"
	run -77 user list
	chmod 600 "$key"
	run -0 user list
}

@test "audit list --from an impossible date is a usage error (64)" {
	run -64 --separate-stderr audit list --from 2026-02-30
	assert_equal "$output" ""
	[[ "$stderr" == "audit: "*"'2026-02-30'"* ]]
	run -64 audit list --to 2026-13-01
	run -64 audit list --from 2025-02-29	# not a leap year
	run -0 audit list --from 2024-02-29	# a leap year
}

@test "audit list --from tomorrow works and finds nothing yet" {
	run -1 --separate-stderr audit list --from tomorrow	# nothing found: 1
	assert_equal "$stderr" ""
	assert_equal "$output" ""
	# the same trail does have rows from yesterday on (init's at least)
	run -0 audit list --from yesterday
	assert_line --regexp '	clinix\.init	ok	'
	run -0 audit list --to tomorrow
	assert_line --regexp '	clinix\.init	ok	'
}

@test "db query refuses a statement that writes (65) and changes nothing" {
	local before sql
	before=$(nusers)
	run -65 --separate-stderr db query "DELETE FROM user"
	assert_equal "$output" ""
	[[ "$stderr" == "db: "*"refusing a statement that writes"* ]]
	assert_equal "$(nusers)" "$before"
	run -0 sqlite3 "$CLINIX_DB" \
	    "select action, outcome, detail from audit order by id desc limit 1"
	assert_output "db.query|denied|DELETE FROM user"
	for sql in "UPDATE user SET role = 'nurse'" "DROP TABLE user" \
	    "INSERT INTO user (login, role, created_at) VALUES ('x', 'admin', 'now')" \
	    "CREATE TABLE t (a)"; do
		run -65 db query "$sql"
	done
	run -0 sqlite3 "$CLINIX_DB" "select count(*), min(role) from user;
	    select count(*) from sqlite_master where name = 't'"
	assert_output "$before|admin
0"
}

@test "db query may not attach another database" {
	local other="$BATS_TEST_TMPDIR/other.db"
	run -65 db query "ATTACH DATABASE '$other' AS o"
	[ ! -e "$other" ]
}

@test "db query by a non-admin is 77 and audited as denied" {
	user add nina --role nurse >/dev/null
	CLINIX_USER=nina run -77 --separate-stderr db query "select count(*) from user"
	assert_equal "$output" ""
	assert_equal "$stderr" \
	    "db: permission denied: 'nina' (nurse) may not administer the database"
	run -0 sqlite3 "$CLINIX_DB" \
	    "select action, outcome, login from audit order by id desc limit 1"
	assert_output "db.query|denied|nina"
}

@test "db query takes one statement: two are 65" {
	run -65 --separate-stderr db query "select 1; select 2"
	assert_equal "$output" ""
	[[ "$stderr" == "db: "* ]]
	# a trailing semicolon is still one statement
	run -0 db query "select 1 as one;"
	assert_output "1"
}

load helper

# user: add, list, set-role, disable, enable, import; who may do it.

FIX="$BATS_TEST_DIRNAME/fixtures/users"

nusers() { sqlite3 "$CLINIX_DB" 'select count(*) from user'; }
naudit() { sqlite3 "$CLINIX_DB" 'select count(*) from audit'; }
last_audit() {
	sqlite3 "$CLINIX_DB" \
	    "select action,outcome,login from audit order by id desc limit 1"
}
# The name column of LOGIN's row in `user list`, as TSV or after jq.
tsv_name() { user list | awk -F'\t' -v l="$1" '$2 == l { print $3 }'; }
json_name() { user list -o json | jq -r --arg l "$1" 'select(.login == $l) | .name'; }

@test "user add prints the new id and user list shows the user" {
	local d1 d2
	d1=$(date -u +%Y-%m-%d)
	run -0 --separate-stderr user add bob --role nurse --name "Bob Baker"
	assert_equal "$stderr" ""
	assert_output "usr-2"
	run -0 user list
	d2=$(date -u +%Y-%m-%d)
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 --regexp "^usr-1	$(id -un)		admin	yes	"
	# created_at: now, in UTC, as ISO 8601
	assert_line --index 1 --regexp \
	    "^usr-2	bob	Bob Baker	nurse	yes	($d1|$d2)T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\$"
}

@test "user add is audited" {
	user add bob --role provider >/dev/null
	run -0 sqlite3 "$CLINIX_DB" \
	    "select action,outcome,login,record from audit order by id desc limit 1"
	assert_output "user.add|ok|$(id -un)|usr-2"
}

@test "every role can be given; user add without --role is a usage error" {
	local r
	for r in admin provider nurse frontdesk billing; do
		run -0 user add "u_$r" --role "$r"
	done
	run -0 user list
	for r in admin provider nurse frontdesk billing; do
		assert_line --regexp "^usr-[0-9]+	u_$r		$r	yes	"
	done
	run -64 --separate-stderr user add carl
	[[ "$stderr" == *usage:*"user add"* ]]
}

@test "set-role changes a role, by login or by id" {
	user add bob --role nurse >/dev/null
	run -0 user set-role bob provider
	assert_output "usr-2"
	run -0 user list
	assert_line --regexp '^usr-2	bob		provider	yes	'
	run -0 user set-role usr-2 billing
	assert_output "usr-2"
	run -0 user list
	assert_line --regexp '^usr-2	bob		billing	yes	'
}

@test "set-role to an unknown role is a usage error (64), nothing changes" {
	user add bob --role nurse >/dev/null
	run -64 --separate-stderr user set-role bob surgeon
	[[ "$stderr" == "user: unknown role 'surgeon'"* ]]
	run -0 sqlite3 "$CLINIX_DB" "select role from user where login = 'bob'"
	assert_output "nurse"
}

@test "set-role, disable and enable of an unknown user: 65" {
	local before
	before=$(naudit)
	run -65 --separate-stderr user set-role zed nurse
	assert_equal "$stderr" "user: no user 'zed'"
	run -65 user disable usr-99
	run -65 user enable zed
	assert_equal "$(naudit)" "$before"
}

@test "disable and enable a user" {
	user add bob --role nurse >/dev/null
	run -0 user disable bob
	assert_output "usr-2"
	run -0 user list
	assert_line --regexp '^usr-2	bob		nurse	no	'
	run -0 user enable usr-2
	assert_output "usr-2"
	run -0 user list
	assert_line --regexp '^usr-2	bob		nurse	yes	'
}

@test "a duplicate login is bad data (65) and adds nothing" {
	user add bob --role nurse >/dev/null
	local before
	before=$(nusers)
	run -65 --separate-stderr user add bob --role admin
	assert_equal "$output" ""
	assert_equal "$stderr" "user: user 'bob' already exists"
	assert_equal "$(nusers)" "$before"
	run -0 sqlite3 "$CLINIX_DB" "select role from user where login = 'bob'"
	assert_output "nurse"
}

@test "a bad login is bad data (65) and adds nothing" {
	local l before
	before=$(nusers)
	# upper case, leading digit, space, slash, quote, 33 characters, empty
	for l in Bob 9lives "bo b" "ab/c" "o'neil" \
	    "$(printf 'a%.0s' {1..33})" ""; do
		run -65 --separate-stderr user add "$l" --role nurse
		[[ "$stderr" == "user: login: "* ]]
	done
	assert_equal "$(nusers)" "$before"
}

@test "logins may use a-z 0-9 _ . - and be up to 32 characters" {
	local l
	for l in _svc a.b-c_9 "$(printf 'a%.0s' {1..32})" z; do
		run -0 user add "$l" --role nurse
	done
	assert_equal "$(nusers)" 5
}

@test "an unknown role is a usage error (64) and adds nothing" {
	run -64 --separate-stderr user add carl --role boss
	assert_equal "$output" ""
	[[ "$stderr" == "user: unknown role 'boss'"* ]]
	run -64 user add carl --role Admin
	assert_equal "$(nusers)" 1
}

@test "a name with a control character or over 200 bytes is bad data (65)" {
	run -65 --separate-stderr user add tab --role nurse --name $'a\tb'
	assert_equal "$stderr" "user: name: holds a control character"
	run -65 user add nl --role nurse --name $'a\nb'
	run -65 user add del --role nurse --name $'a\x7fb'
	# 201 bytes; 100 two-byte characters (200 bytes) are allowed
	run -65 user add long --role nurse --name "x$(printf 'é%.0s' {1..100})"
	assert_equal "$(nusers)" 1
	run -0 user add ok --role nurse --name "$(printf 'é%.0s' {1..100})"
	assert_equal "$(tsv_name ok)" "$(printf 'é%.0s' {1..100})"
}

@test "a non-admin may not add users: 77, audited as denied, nothing added" {
	user add nina --role nurse >/dev/null
	local before
	before=$(nusers)
	CLINIX_USER=nina run -77 --separate-stderr user add bob --role admin
	assert_equal "$output" ""
	assert_equal "$stderr" \
	    "user: permission denied: 'nina' (nurse) may not manage users"
	assert_equal "$(last_audit)" "user.add|denied|nina"
	assert_equal "$(nusers)" "$before"
	run -0 sqlite3 "$CLINIX_DB" "select count(*) from user where login = 'bob'"
	assert_output 0
}

@test "no non-admin role may list or change users" {
	local r
	user add bob --role nurse >/dev/null
	for r in provider nurse frontdesk billing; do
		user add "u_$r" --role "$r" >/dev/null
		CLINIX_USER="u_$r" run -77 --separate-stderr user list
		assert_equal "$output" ""
		CLINIX_USER="u_$r" run -77 user set-role bob admin
		CLINIX_USER="u_$r" run -77 user disable bob
	done
	run -0 sqlite3 "$CLINIX_DB" "select role, active from user where login = 'bob'"
	assert_output "nurse|1"
}

@test "the last active admin can be neither disabled nor demoted (65)" {
	local me
	me=$(id -un)
	run -65 --separate-stderr user disable "$me"
	[[ "$stderr" == *"last active admin"* ]]
	run -65 --separate-stderr user set-role usr-1 nurse
	[[ "$stderr" == *"last active admin"* ]]
	run -0 sqlite3 "$CLINIX_DB" "select role, active from user where id = 1"
	assert_output "admin|1"
}

@test "a disabled admin does not count as another admin" {
	user add ada --role admin >/dev/null
	user disable ada >/dev/null
	run -65 user disable usr-1
	run -65 user set-role usr-1 billing
}

@test "with a second admin the first can be demoted, then the second is last" {
	user add ada --role admin >/dev/null
	run -0 user set-role usr-1 nurse
	assert_output "usr-1"
	CLINIX_USER=ada run -0 user list
	assert_line --regexp "^usr-1	$(id -un)		nurse	yes	"
	CLINIX_USER=ada run -65 user disable ada
	CLINIX_USER=ada run -0 user set-role usr-1 admin
	CLINIX_USER=ada run -0 user disable ada
	assert_output "usr-2"
	run -0 user list
	assert_line --regexp '^usr-2	ada		admin	no	'
}

# CMD ... run as the disabled admin ada must be refused before anything else
refused_to_ada() {
	CLINIX_USER=ada run -77 --separate-stderr "$@"
	assert_equal "$output" ""
	[[ "$stderr" == *"'ada' is disabled: ask an admin to run 'user enable ada'"* ]]
}

@test "a disabled user gets 77 from every program" {
	user add ada --role admin >/dev/null
	user disable ada >/dev/null
	refused_to_ada user list
	refused_to_ada user add x --role nurse
	refused_to_ada user enable ada
	refused_to_ada audit list
	refused_to_ada audit verify
	refused_to_ada db query "select 1"
	refused_to_ada db verify
	refused_to_ada patient show pat-1
	assert_equal "$(nusers)" 2
	run -0 sqlite3 "$CLINIX_DB" "select active from user where login = 'ada'"
	assert_output 0
}

@test "an enabled user is let back in" {
	user add ada --role admin >/dev/null
	user disable ada >/dev/null
	CLINIX_USER=ada run -77 user list
	user enable ada >/dev/null
	CLINIX_USER=ada run -0 user list
	assert_line --regexp '^usr-2	ada		admin	yes	'
}

@test "someone who is no clinix user gets 77 and an audit row" {
	CLINIX_USER=stranger run -77 --separate-stderr user list
	assert_equal "$output" ""
	assert_equal "$stderr" "user: not a clinix user: ask an admin to run 'user add stranger'"
	assert_equal "$(last_audit)" "login|denied|stranger"
}

@test "a name that looks like SQL is stored and printed verbatim" {
	local evil="'); DROP TABLE user;--"
	run -0 user add bobby --role nurse --name "$evil"
	assert_output "usr-2"
	assert_equal "$(tsv_name bobby)" "$evil"
	assert_equal "$(json_name bobby)" "$evil"
	run -0 sqlite3 "$CLINIX_DB" \
	    "select name from user where login = 'bobby'; select count(*) from user"
	assert_output "$evil
2"
}

@test "a user named by SQL-looking text is not found, and nothing changes" {
	user add bob --role nurse >/dev/null
	run -65 user set-role "x' OR '1'='1" billing
	run -65 user disable "bob' --"
	run -0 sqlite3 "$CLINIX_DB" "select login, role, active from user order by id"
	assert_output "$(id -un)|admin|1
bob|nurse|1"
}

@test "names with apostrophes, accents and other scripts round-trip" {
	local names=("Seán O'Brien" "José Müller" "王小明" "Σωκράτης" "Zoë d'Arc-Ñúñez")
	local n
	for n in "${!names[@]}"; do
		run -0 user add "n$n" --role nurse --name "${names[$n]}"
	done
	for n in "${!names[@]}"; do
		assert_equal "$(tsv_name "n$n")" "${names[$n]}"
		assert_equal "$(json_name "n$n")" "${names[$n]}"
		run -0 sqlite3 "$CLINIX_DB" "select hex(name) from user where login = 'n$n'"
		assert_output "$(printf '%s' "${names[$n]}" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"
	done
}

@test "user import adds every row of a good file and prints the ids" {
	run -0 --separate-stderr user import "$FIX/good.csv"
	assert_equal "$stderr" ""
	assert_output "usr-2
usr-3
usr-4
usr-5"
	run -0 user list
	assert_line --regexp '^usr-2	ann	Ann Archer	nurse	yes	'
	assert_line --regexp '^usr-3	ben	Bennett, Ben	provider	yes	'
	assert_line --regexp '^usr-4	cho		billing	yes	'
	assert_line --regexp '^usr-5	dee	José Müller	frontdesk	yes	'
	run -0 sqlite3 "$CLINIX_DB" \
	    "select count(*) from audit where action = 'user.import' and outcome = 'ok'"
	assert_output 4
}

@test "user import finds login and role by the header, in any order" {
	run -0 user import "$FIX/reordered.csv"
	assert_output "usr-2
usr-3"
	run -0 user list
	assert_line --regexp '^usr-2	ann		nurse	yes	'
	assert_line --regexp '^usr-3	cho		billing	yes	'
}

@test "user import: one bad row in the middle imports nothing (65)" {
	local before_u before_a
	before_u=$(nusers) before_a=$(naudit)
	run -65 --separate-stderr user import "$FIX/bad-middle.csv"
	assert_equal "$output" ""
	assert_equal "${stderr_lines[0]}" \
	    "user: $FIX/bad-middle.csv:4: login: must start with a lower-case letter or '_'"
	assert_equal "${stderr_lines[-1]}" "user: nothing imported"
	assert_equal "$(nusers)" "$before_u"
	assert_equal "$(naudit)" "$before_a"
}

@test "user import: a bad role names file:line: role" {
	run -65 --separate-stderr user import "$FIX/bad-role.csv"
	[[ "${stderr_lines[0]}" == "user: $FIX/bad-role.csv:3: role: "* ]]
	assert_equal "$(nusers)" 1
}

@test "user import --keep-going imports the good rows and still exits 65" {
	run -65 --separate-stderr user import --keep-going "$FIX/bad-middle.csv"
	assert_output "usr-2
usr-3
usr-4
usr-5"
	[[ "$stderr" == *"user: $FIX/bad-middle.csv:4: login: "* ]]
	[[ "$stderr" != *"nothing imported"* ]]
	run -0 sqlite3 "$CLINIX_DB" "select login from user order by id"
	assert_output "$(id -un)
ann
ben
cho
dee"
}

@test "user import counts lines, not records, across quoted newlines and blank lines" {
	run -65 --separate-stderr user import "$FIX/multiline.csv"
	assert_equal "${stderr_lines[0]}" \
	    "user: $FIX/multiline.csv:5: login: must start with a lower-case letter or '_'"
	assert_equal "$(nusers)" 1
}

@test "user import: an unterminated quote is 65 with file:line" {
	run -65 --separate-stderr user import "$FIX/unterminated.csv"
	assert_equal "$output" ""
	assert_equal "${stderr_lines[0]}" \
	    "user: $FIX/unterminated.csv:3: unterminated quoted field"
	assert_equal "$(nusers)" 1
}

@test "user import: a NUL byte is 65 with file:2" {
	local f="$BATS_TEST_TMPDIR/nul.csv" before
	printf 'login,role\nab\0c,admin\n' >"$f"
	before=$(naudit)
	run -65 --separate-stderr user import "$f"
	assert_equal "$output" ""
	assert_equal "${stderr_lines[0]}" "user: $f:2: NUL byte in the file"
	assert_equal "$(nusers)" 1
	assert_equal "$(naudit)" "$before"
}

@test "user import: invalid UTF-8 is 65 with file:line" {
	local f="$BATS_TEST_TMPDIR/latin1.csv"
	printf 'login,role,name\nann,nurse,Ann\nivy,nurse,Iv\xffy\n' >"$f"
	run -65 --separate-stderr user import "$f"
	assert_equal "$output" ""
	assert_equal "${stderr_lines[0]}" "user: $f:3: not valid UTF-8"
	assert_equal "$(nusers)" 1
}

@test "user import of a missing file is 66" {
	run -66 --separate-stderr user import "$BATS_TEST_TMPDIR/nope.csv"
	assert_equal "$output" ""
	[[ "$stderr" == "user: "*"$BATS_TEST_TMPDIR/nope.csv"* ]]
}

@test "user import of the same file twice: the second is 65 and changes nothing" {
	user import "$FIX/good.csv" >/dev/null
	local before_u before_a list
	before_u=$(nusers) before_a=$(naudit)
	list=$(user list)
	run -65 --separate-stderr user import "$FIX/good.csv"
	assert_equal "$output" ""
	[[ "$stderr" == *"user: $FIX/good.csv:2: login: already a user"* ]]
	[[ "$stderr" == *"user: $FIX/good.csv:5: login: already a user"* ]]
	assert_equal "${stderr_lines[-1]}" "user: nothing imported"
	assert_equal "$(nusers)" "$before_u"
	assert_equal "$(naudit)" "$before_a"
	assert_equal "$(user list)" "$list"
}

@test "user import of existing users reports each row once, as file:line" {
	user import "$FIX/good.csv" >/dev/null
	run -65 --separate-stderr user import "$FIX/good.csv"
	assert_equal "$stderr" "user: $FIX/good.csv:2: login: already a user
user: $FIX/good.csv:3: login: already a user
user: $FIX/good.csv:4: login: already a user
user: $FIX/good.csv:5: login: already a user
user: nothing imported"
}

@test "user import by a non-admin is 77 and imports nothing" {
	user add nina --role nurse >/dev/null
	CLINIX_USER=nina run -77 --separate-stderr user import "$FIX/good.csv"
	assert_equal "$output" ""
	assert_equal "$(last_audit)" "user.import|denied|nina"
	assert_equal "$(nusers)" 2
}

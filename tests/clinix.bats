load helper

# clinix: the dispatcher, help, version and `clinix init`.

teardown() {
	if [ -n "${NOBODY_HOME:-}" ]; then
		rm -rf "$NOBODY_HOME"
	fi
}

# Every file under DIRS (relative to the test's temp dir) with its mode and
# checksum, to prove that a refused command changed nothing.
snapshot() {
	(cd "$BATS_TEST_TMPDIR" && find "$@" -printf '%p %m %s\n' | sort &&
	    find "$@" -type f -exec sha256sum {} + | sort)
}

# A second clinic's paths, so init can be watched from the start.
fresh_clinic() {
	export CLINIX_DB="$BATS_TEST_TMPDIR/new/data/clinix.db"
	export CLINIX_CONFIG="$BATS_TEST_TMPDIR/new/etc/clinix.yaml"
}

@test "clinix help lists the programs, each with a summary" {
	run -0 --separate-stderr clinix help
	assert_equal "$stderr" ""
	for p in db user audit patient; do
		# piped, so TSV: program <tab> summary
		assert_line --regexp "^$p	[^	]+\$"
	done
}

@test "clinix help needs no clinic" {
	CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent run -0 clinix help
	assert_line --regexp '^user	'
}

@test "clinix version prints the version, as -V does (clinix.1)" {
	run -0 --separate-stderr clinix version
	assert_equal "$stderr" ""
	assert_output "clinix (clinix) 0.1.0"
}

@test "clinix --help and -h print the usage to stdout and exit 0" {
	for opt in --help -h; do
		run -0 --separate-stderr clinix "$opt"
		assert_equal "$stderr" ""
		assert_equal "${lines[0]%% - *}" "clinix"
		assert_line --regexp '^usage: +clinix help$'
		assert_line --regexp '^ +clinix init '
	done
}

@test "an unknown program is a usage error (64)" {
	run -64 --separate-stderr clinix bogus
	assert_equal "$output" ""
	assert_equal "$stderr" \
	    "clinix: 'bogus' is not a clinix program (see 'clinix help')"
}

@test "clinix runs only its own programs, not paths" {
	run -64 --separate-stderr clinix ../bin/user list
	assert_equal "$output" ""
	[[ "$stderr" == "clinix: '../bin/user' is not a clinix program"* ]]
}

@test "clinix user list runs bin/user, found beside clinix, not on PATH" {
	local clinix
	clinix=$(command -v clinix)
	user list >"$BATS_TEST_TMPDIR/direct"
	PATH=/usr/bin:/bin run -0 --separate-stderr "$clinix" user list
	assert_equal "$stderr" ""
	assert_output "$(cat "$BATS_TEST_TMPDIR/direct")"
	assert_line --regexp "^usr-1	$(id -un)		admin	yes	"
}

@test "clinix passes options before the program along, and its exit status back" {
	run -0 clinix -o json user list
	assert_equal "$(jq -r .login <<<"$output")" "$(id -un)"
	run -65 --separate-stderr clinix user add Bad --role nurse
	[[ "$stderr" == "user: login: "* ]]
}

@test "init prints config, key, database and admin lines" {
	fresh_clinic
	run -0 --separate-stderr clinix init --clinic-name "Fresh Clinic"
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 4
	assert_equal "${lines[0]}" "config	$CLINIX_CONFIG"
	assert_equal "${lines[1]}" "key	$(dirname "$CLINIX_CONFIG")/clinix.key"
	assert_equal "${lines[2]}" "database	$CLINIX_DB"
	assert_equal "${lines[3]}" "admin	usr-1	$(id -un)"
}

@test "init makes the config, the key and the database mode 0600" {
	fresh_clinic
	clinix init >/dev/null
	local key
	key="$(dirname "$CLINIX_CONFIG")/clinix.key"
	assert_equal "$(stat -c %a "$CLINIX_CONFIG")" 600
	assert_equal "$(stat -c %a "$key")" 600
	assert_equal "$(stat -c %a "$CLINIX_DB")" 600
	# 32 random bytes as hex
	run -0 cat "$key"
	assert_output --regexp '^[0-9a-f]{64}$'
}

@test "init writes a config naming the clinic, zone and absolute database" {
	fresh_clinic
	clinix init --clinic-name 'Dr "Q" Clinic' --timezone Europe/Paris \
	    >/dev/null
	run -0 grep -E '^  (name|timezone):|^db:' "$CLINIX_CONFIG"
	assert_line --index 0 --regexp '^  name: "Dr \\"Q\\" Clinic"'
	assert_line --index 1 --regexp '^  timezone: "Europe/Paris"'
	assert_line --index 2 "db: \"$CLINIX_DB\""
	# and the programs can use it
	run -0 user list
	assert_line --regexp "^usr-1	$(id -un)	"
}

@test "init stores a relative --db as an absolute path" {
	local dir="$BATS_TEST_TMPDIR/rel"
	mkdir "$dir"
	unset CLINIX_DB
	export CLINIX_CONFIG="$dir/etc/clinix.yaml"
	run -0 bash -c 'cd "$1" && clinix --db data/c.db init' _ "$dir"
	assert_line --index 2 "database	$dir/data/c.db"
	run -0 grep '^db:' "$CLINIX_CONFIG"
	assert_output "db: \"$dir/data/c.db\""
	[ -f "$dir/data/c.db" ]
}

@test "as root, init makes CLINIX_USER the admin" {
	fresh_clinic
	CLINIX_USER=alice run -0 clinix init
	assert_line --index 3 "admin	usr-1	alice"
	CLINIX_USER=alice run -0 user list
	assert_output --regexp '^usr-1	alice		admin	yes	'
}

@test "init refuses an existing database (73) and changes nothing" {
	local before
	before=$(snapshot etc data)
	[[ "$before" == *"data/clinix.db 600 "* && "$before" == *etc/clinix.key* ]]
	run -73 --separate-stderr clinix init --clinic-name Other
	assert_equal "$output" ""
	assert_equal "$stderr" \
	    "clinix: database '$CLINIX_DB' already exists: not overwriting it"
	assert_equal "$(snapshot etc data)" "$before"
}

@test "init refuses an existing database even with a new config path" {
	local before
	before=$(snapshot etc data)
	export CLINIX_CONFIG="$BATS_TEST_TMPDIR/etc2/clinix.yaml"
	run -73 clinix init
	[ ! -e "$BATS_TEST_TMPDIR/etc2" ]
	assert_equal "$(snapshot etc data)" "$before"
}

@test "init with an unknown --timezone is a usage error and writes nothing" {
	fresh_clinic
	run -64 --separate-stderr clinix init --timezone Mars/Olympus_Mons
	assert_equal "$output" ""
	[[ "$stderr" == *"'Mars/Olympus_Mons'"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/new" ]
}

@test "init where the database directory is not writable: 73, no config" {
	nobody_home
	mkdir "$NOBODY_HOME/rootonly"		# root's, mode 0755
	chmod 755 "$NOBODY_HOME/rootonly"
	run -73 --separate-stderr as_nobody \
	    env CLINIX_DB="$NOBODY_HOME/rootonly/clinix.db" clinix init
	assert_equal "$output" ""
	[[ "$stderr" == "clinix: "*"$NOBODY_HOME/rootonly"* ]]
	[ ! -e "$NOBODY_HOME/etc" ]
	[ -z "$(ls -A "$NOBODY_HOME/rootonly")" ]
}

# quiet_ok CMD [ARG ...]: CMD exits 0 and says nothing on stderr.
quiet_ok() {
	run -0 --separate-stderr "$@"
	assert_equal "$stderr" ""
}

@test "every program answers --help on stdout with exit 0, without a clinic" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	for p in clinix db user audit patient; do
		for opt in --help -h; do
			quiet_ok "$p" "$opt"
			assert_equal "${lines[0]%% - *}" "$p"
			assert_equal "${lines[1]%% *}" "usage:"
			[[ "${lines[1]}" == "usage: $p "* ]]
		done
	done
}

@test "PROG VERB --help prints that verb's usage only" {
	run -0 --separate-stderr user add --help
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^user add - '
	assert_line --index 1 "usage: user add LOGIN --role ROLE [--name NAME]"
	refute_line --partial "user list"
	run -0 audit list -h
	assert_line --index 1 --regexp '^usage: audit list .*--from DATE'
	refute_line --partial "audit verify"
}

@test "every program answers --version and -V" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	for p in clinix db user audit patient; do
		for opt in --version -V; do
			quiet_ok "$p" "$opt"
			assert_output "$p (clinix) 0.1.0"
		done
	done
}

@test "clinix init reads its options and the globals in one pass: --clinic-name -V is a name" {
	fresh_clinic
	run -0 --separate-stderr clinix init --clinic-name -V --address "1 Main St"
	refute_output --partial "(clinix) "
	run -0 clinix config get clinic.name
	assert_output "-V"
	# --address is --address1, hidden from -h
	run -0 clinix config get clinic.address1
	assert_output "1 Main St"
	run -0 clinix init -h
	assert_line --regexp $'^\t    --address1 TEXT +street address$'
	refute_line --regexp '--address '
}

@test "clinix config set --system KEY VALUE: options after the group's two words" {
	run -0 clinix config set clinic.name "Other Clinic"
	run -0 clinix config get clinic.name
	assert_output "Other Clinic"
	run -64 --separate-stderr clinix config set
	[[ "$stderr" == "usage: clinix config set [--system] KEY VALUE"* ]]
	run -64 --separate-stderr clinix config list extra
	[[ "$stderr" == "clinix: unexpected argument 'extra'"* ]]
}

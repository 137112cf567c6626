# Shared set-up for the bats suites: every test gets a fresh clinic (config,
# key and database) made by the real `clinix init` in its own temp dir.
bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

# tests/run points CLINIX_BIN at bin/ or at the ASan build.
CLINIX_BIN=${CLINIX_BIN:-$BATS_TEST_DIRNAME/../bin}
SHARED_DATA=${SHARED_DATA:-$BATS_TEST_DIRNAME/../../shared/data}
# The newest migration is the schema version the programs know.
SCHEMA_VERSION=$(ls "$BATS_TEST_DIRNAME/../share/schema" | sed -n 's/^0*\([0-9][0-9]*\)-.*\.sql$/\1/p' | tail -1)

# Valid NPIs (the standards.md worked example, the CMS sample, and others
# checked with an independent Luhn over 80840 + NPI).
NPI1=1234567893
NPI2=1245319599
NPI3=1003000126

clinix_env() {
	export PATH="$CLINIX_BIN:$PATH"
	export CLINIX_DB="$BATS_TEST_TMPDIR/data/clinix.db"
	export CLINIX_CONFIG="$BATS_TEST_TMPDIR/etc/clinix.yaml"
	export TZ=America/New_York
	unset CLINIX_USER XDG_CONFIG_HOME XDG_DATA_HOME
}

setup() {
	clinix_env
	clinix init --clinic-name Test >/dev/null
}

# Skip a test that needs ../shared/data when it is absent (fresh clones).
need_shared() {
	[ -d "$SHARED_DATA" ] || skip "needs ../shared/data beside the checkout"
}

# Run a command as an unprivileged user: root ignores file permissions, so
# "not writable" can only be proved without it.  Sets NOBODY_HOME, a
# directory that user owns.
nobody_home() {
	NOBODY_HOME=$(mktemp -d /tmp/clinix-nobody.XXXXXX)
	chmod 755 "$NOBODY_HOME"
	chown nobody: "$NOBODY_HOME" 2>/dev/null || chown 65534:65534 "$NOBODY_HOME"
}
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    env HOME="$NOBODY_HOME" PATH="$PATH" TZ="$TZ" \
	    CLINIX_DB="$NOBODY_HOME/data/clinix.db" \
	    CLINIX_CONFIG="$NOBODY_HOME/etc/clinix.yaml" "$@"
}

# wait_for SECONDS CMD [ARG ...]: run CMD every 0.02 s until it succeeds;
# fail after SECONDS.  A test waits on an event a child announces (a file
# it writes), never on a guess of how long the child takes: ASan and
# parallel jobs make such guesses wrong.
wait_for() {
	local limit=$1 i
	shift
	for ((i = 0; i < limit * 50; i++)); do
		"$@" && return 0
		sleep 0.02
	done
	fail "waited ${limit}s in vain for: $*"
}

# The SMS tools/sms-record took: how many records $SMS_LOG holds.  A
# missing log is not 0 but a failure (a line that equals no count, and
# status 1): the fake never ran.  To say none went, use sms_none.
sms_count() {
	if [ ! -f "$SMS_LOG" ]; then
		echo "no $SMS_LOG: tools/sms-record never ran"
		return 1
	fi
	grep -c '^--END--$' "$SMS_LOG" || :
}

# sms_none: no SMS went, and that means something: the clinic's
# sms_command is tools/sms-record and SMS_LOG is set, so a call would have
# left $SMS_LOG.
sms_none() {
	[ -n "${SMS_LOG:-}" ] || fail "sms_none: SMS_LOG is not set"
	grep -qF "sms_command: [$BATS_TEST_DIRNAME/tools/sms-record" \
	    "$CLINIX_CONFIG" ||
	    fail "sms_none: the clinic's sms_command is not tools/sms-record"
	[ ! -e "$SMS_LOG" ] || fail "sms_none: $(sms_count) SMS sent"
}

# A clinic made once per file by the real programs and copied for each
# test, so every test still starts from a fresh clinic of its own.  In
# setup_file: clinic_once FUNC [ARG ...] runs clinix init, then FUNC in
# the clinic's environment (file_clinic_env, for a setup_file that does
# more); in setup: clinic_copy gives the test its copy.
file_clinic_env() {
	local dir=$BATS_FILE_TMPDIR/clinic
	export PATH="$CLINIX_BIN:$PATH" TZ=America/New_York
	export CLINIX_DB="$dir/data/clinix.db"
	export CLINIX_CONFIG="$dir/etc/clinix.yaml"
	unset CLINIX_USER XDG_CONFIG_HOME XDG_DATA_HOME
}
clinic_once() {
	(
		file_clinic_env
		clinix init --clinic-name Test
		"$@"
	) >/dev/null
}
clinic_copy() {
	clinix_env
	cp -a "$BATS_FILE_TMPDIR/clinic/data" "$BATS_FILE_TMPDIR/clinic/etc" \
	    "$BATS_TEST_TMPDIR/"
	sed -i "s|^db: .*|db: \"$CLINIX_DB\"|" "$CLINIX_CONFIG"
}

# gate_sh FILE: the sh lines that wait (at most 60 s) until FILE exists,
# for a script a test writes; FILE is put in double quotes, so it may
# name a variable of that script ('$SMS_LOG.go').
gate_sh() {
	printf '%s\n' 'i=0' \
	    "while [ ! -e \"$1\" ] && [ \$i -lt 3000 ]; do" \
	    '	sleep 0.02' '	i=$((i + 1))' 'done'
}

# hold SQL: hold the database's write lock from outside the programs.
# Runs SQL from the sqlite3 CLI in the background (pid in HOLDER) and
# then, its transaction still open, writes $BATS_TEST_TMPDIR/held and
# waits (at most 60 s) for $BATS_TEST_TMPDIR/go before COMMIT.  The test
# waits for held, not for a time: under ASan the CLI may take long.
hold() {
	{
		echo "touch \"$BATS_TEST_TMPDIR/held\""
		gate_sh "$BATS_TEST_TMPDIR/go"
	} >"$BATS_TEST_TMPDIR/hold.sh"
	sqlite3 "$CLINIX_DB" "$1" ".shell sh $BATS_TEST_TMPDIR/hold.sh" \
	    "COMMIT;" >/dev/null 3>&- &
	HOLDER=$!
	wait_for 60 test -e "$BATS_TEST_TMPDIR/held"
}

# other_clinic NAME: a second clinic, made fresh beside the first; the
# environment points at it after.
other_clinic() {
	export CLINIX_DB="$BATS_TEST_TMPDIR/$1/clinix.db"
	export CLINIX_CONFIG="$BATS_TEST_TMPDIR/$1/etc/clinix.yaml"
	clinix init --clinic-name "$1" >/dev/null
}

# A CSV file without its first column (the ids), re-quoted the one way,
# so two exports compare whatever their ids.
without_id() {
	python3 -c 'import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
for r in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True):
    w.writerow(r[1:])' "$1"
}

# add_users_until STOP PREFIX ERR: add nurses PREFIX1, PREFIX2 ... until
# the file STOP exists, a failure's stderr and exit status appended to
# ERR.  A writer for tests to run in the background (with 3>&-).
add_users_until() {
	local stop=$1 prefix=$2 err=$3 i=0
	while [ ! -e "$stop" ]; do
		i=$((i + 1))
		user add "$prefix$i" --role nurse >/dev/null 2>>"$err" ||
		    echo "user add $prefix$i: exit $?" >>"$err"
	done
}

# help_starts SUMMARY USAGE PROG VERB: PROG VERB -h exits 0, nothing on
# stderr, and begins with the lines SUMMARY, USAGE and "options:".
help_starts() {
	local summary=$1 usage=$2
	shift 2
	run -0 --separate-stderr "$@" -h
	assert_equal "$stderr" ""
	assert_line --index 0 "$summary"
	assert_line --index 1 "$usage"
	assert_line --index 2 "options:"
}

# need_root: skip a test of CLINIX_USER unless run as root.
need_root() {
	[ "$(id -u)" -eq 0 ] || skip "CLINIX_USER is honoured only for root"
}

# Take the test clinic's schema back to migration $1, as a clinix of that
# time left it: drop the triggers, indexes, tables and columns that later
# migrations added (found by comparing with a scratch database migrated
# to $1 alone) and set user_version.  What later migrations dropped or
# changed is the caller's to put back.
schema_back_to() {
	local n=$1 old="$BATS_TEST_TMPDIR/schema-$1.db" f b type name t c
	rm -f "$old"
	for f in "$BATS_TEST_DIRNAME"/../share/schema/[0-9][0-9][0-9]-*.sql; do
		b=${f##*/}
		[ "$((10#${b%%-*}))" -le "$n" ] || continue
		sqlite3 "$old" <"$f" || return 1
	done
	sqlite3 -separator ' ' "$CLINIX_DB" "ATTACH '$old' AS old;
	    SELECT type, name FROM main.sqlite_schema m
	    WHERE name NOT LIKE 'sqlite_%' AND NOT EXISTS (SELECT 1
	    FROM old.sqlite_schema o WHERE o.type = m.type AND o.name = m.name)
	    ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'index' THEN 1
	    WHEN 'view' THEN 2 ELSE 3 END" |
	while read -r type name; do
		echo "PRAGMA foreign_keys = OFF; DROP $type \"$name\";"
	done | sqlite3 "$CLINIX_DB" || return 1
	sqlite3 -separator ' ' "$old" "SELECT m.name, c.name FROM sqlite_schema m,
	    pragma_table_info(m.name) c WHERE m.type = 'table'" >"$old.cols"
	sqlite3 -separator ' ' "$CLINIX_DB" "SELECT m.name, c.name FROM
	    sqlite_schema m, pragma_table_info(m.name) c WHERE m.type = 'table'" |
	while read -r t c; do
		grep -qxF "$t $c" "$old.cols" ||
		    echo "ALTER TABLE \"$t\" DROP COLUMN \"$c\";"
	done | sqlite3 "$CLINIX_DB" || return 1
	sqlite3 "$CLINIX_DB" "PRAGMA user_version = $n"
}

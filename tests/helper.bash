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
# the clinic's environment; in setup: clinic_copy gives the test its copy.
clinic_once() {
	local dir=$BATS_FILE_TMPDIR/clinic
	(
		export PATH="$CLINIX_BIN:$PATH" TZ=America/New_York
		export CLINIX_DB="$dir/data/clinix.db"
		export CLINIX_CONFIG="$dir/etc/clinix.yaml"
		unset CLINIX_USER XDG_CONFIG_HOME XDG_DATA_HOME
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

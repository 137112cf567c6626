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

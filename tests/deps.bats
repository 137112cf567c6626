load helper

# .ci/deps on a machine that lacks packages.  The machine is made up: its
# commands are a PATH of a few symlinks, its files a CLINIX_DEPS_ROOT with a
# few headers, and apt-get is a fake that writes down how it was called, so
# a test can tell it ran (as root) or did not (as anyone else).

# No clinic: deps runs before anything is built.  All of it in a directory
# the unprivileged user can read (the test's own temp dir may not be).
setup() {
	nobody_home
	DEPS=$NOBODY_HOME/deps
	FAKEBIN=$NOBODY_HOME/fakebin
	FAKEROOT=$NOBODY_HOME/fakeroot
	APTLOG=$NOBODY_HOME/apt.log
	cp "$BATS_TEST_DIRNAME/../.ci/deps" "$DEPS"
	mkdir -p "$FAKEBIN" "$FAKEROOT/usr/include"
	# present: a compiler, make, pkg-config (commands), SQLite and
	# libyaml (headers); all else is missing
	for c in id cc make pkg-config; do
		ln -s "$(command -v "$c")" "$FAKEBIN/$c"
	done
	touch "$FAKEROOT/usr/include/sqlite3.h" "$FAKEROOT/usr/include/yaml.h"
	cat >"$FAKEBIN/apt-get" <<-EOF
	#!/bin/sh
	echo "apt-get \$*" >>"$APTLOG"
	EOF
	chmod 755 "$FAKEBIN/apt-get"
	# a log the unprivileged user could write to, were the fake run
	: >"$APTLOG"
	chmod -R a+rX "$NOBODY_HOME"
	chmod 666 "$APTLOG"
}

teardown() {
	rm -rf "$NOBODY_HOME"
}

# as nobody, with nothing of this machine's PATH
deps_as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/env -i \
	    PATH="$FAKEBIN" CLINIX_DEPS_ROOT="$FAKEROOT" /bin/sh "$DEPS"
}

# Written out by hand from .ci/deps's list, in its order.
MISSING="libcsv-dev libssl-dev sqlite3 bats parallel bats-support bats-assert jq python3 msmtp nodejs npm util-linux mandoc groff poppler-utils bsdextrautils procps time hledger beancount libx12-parser-perl zsh fish clang libclang-rt-dev"

@test "deps: on this machine nothing is missing: silent, exit 0" {
	run -0 --separate-stderr sh "$BATS_TEST_DIRNAME/../.ci/deps"
	assert_output ""
	assert_equal "$stderr" ""
}

@test "deps: not root, a missing package is named in the apt-get line and nothing is installed" {
	run -1 --separate-stderr deps_as_nobody
	assert_output ""
	assert_equal "$stderr" "deps: missing packages; as root run:
  apt-get update && apt-get install -y $MISSING"
	assert_equal "$(cat "$APTLOG")" ""
}

@test "deps: as root, what is missing is installed with apt-get, after one update" {
	[ "$(id -u)" -eq 0 ] || skip "needs root (CI runs as root)"
	run -0 --separate-stderr /usr/bin/env -i PATH="$FAKEBIN" \
	    CLINIX_DEPS_ROOT="$FAKEROOT" /bin/sh "$DEPS"
	assert_output ""
	assert_equal "$stderr" "deps: installing $MISSING"
	assert_equal "$(cat "$APTLOG")" "apt-get update -q
apt-get install -y -q --no-install-recommends $MISSING"
}

@test "deps: a header present under CLINIX_DEPS_ROOT is not asked for" {
	mkdir -p "$FAKEROOT/usr/include/openssl"
	touch "$FAKEROOT/usr/include/csv.h" "$FAKEROOT/usr/include/openssl/evp.h"
	chmod -R a+rX "$FAKEROOT"
	run -1 --separate-stderr deps_as_nobody
	assert_equal "$stderr" "deps: missing packages; as root run:
  apt-get update && apt-get install -y ${MISSING#libcsv-dev libssl-dev }"
}

# Debian 12's own nodejs is 18: the validators the suites run on our output
# (tests/tools) and everything they pull in must accept it, or `make deps`
# installs a Node that npm ci then refuses or that breaks at run time.
# Every "engines" range in the lock is ">= N..." with N at most 18.
@test "deps: every package the validators are locked to accepts Node 18" {
	lock=$BATS_TEST_DIRNAME/tools/package-lock.json
	run -0 jq -r '.packages | to_entries[] | select(.key != "") |
	    "\(.key)\t\(.value.engines.node // "any")"' "$lock"
	[ "${#lines[@]}" -gt 3 ]
	for l in "${lines[@]}"; do
		e=${l#*$'\t'}
		[ "$e" = any ] && continue
		[[ $e =~ ^\>=\ ?([0-9]+)(\.[0-9]+)*$ ]] ||
		    fail "${l%%$'\t'*}: engines '$e' is not a plain >= range"
		[ "${BASH_REMATCH[1]}" -le 18 ] ||
		    fail "${l%%$'\t'*}: needs Node $e, Debian 12 has 18"
	done
}

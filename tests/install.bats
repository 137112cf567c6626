load helper

# `make install` into a DESTDIR, and the installed tree at work: the
# dispatcher finds its programs in libexec/clinix, the man pages and shell
# completions are where the Makefile says, and `make uninstall` takes it all
# away again.  Only the plain build is installed, so the ASan run skips.

PROGS="db user audit patient sched remind"

install_root() {
	case $CLINIX_BIN in
	*asan*) skip "make install installs bin/, not the ASan build ($CLINIX_BIN)" ;;
	esac
	ROOT=$BATS_TEST_TMPDIR/root
	P=$ROOT/usr/local
	run -0 make -s -C "$BATS_TEST_DIRNAME/.." install PREFIX=/usr/local DESTDIR="$ROOT"
}

# The installed dispatcher, with nothing of the build tree on PATH.
installed() {
	env PATH=/usr/bin:/bin "$P/bin/clinix" "$@"
}

@test "make install puts programs, schema, man pages and completions under DESTDIR" {
	install_root
	[ -x "$P/bin/clinix" ]
	assert_equal "$(stat -c %a "$P/bin/clinix")" 755
	for c in $PROGS; do
		[ -x "$P/libexec/clinix/$c" ]
		cmp "$BATS_TEST_DIRNAME/../bin/$c" "$P/libexec/clinix/$c"
		[ -f "$P/share/man/man1/$c.1" ]
	done
	[ -f "$P/share/clinix/schema/001-initial.sql" ]
	[ -f "$P/share/clinix/templates/remind/appointment.yaml" ]
	# the files README.md's tour imports
	cmp "$BATS_TEST_DIRNAME/../share/examples/staff.csv" "$P/share/clinix/examples/staff.csv"
	cmp "$BATS_TEST_DIRNAME/../share/examples/old-system.csv" "$P/share/clinix/examples/old-system.csv"
	[ -f "$P/share/man/man1/clinix.1" ]
	[ -f "$P/share/man/man5/clinix.yaml.5" ]
	[ -f "$P/share/man/man7/clinix.7" ]
	for c in clinix $PROGS; do
		[ -f "$P/share/bash-completion/completions/$c" ]
		[ -f "$P/share/zsh/site-functions/_$c" ]
		[ -f "$P/share/fish/vendor_completions.d/$c.fish" ]
		# each zsh file is autoloaded for the program it is named for
		assert_equal "$(head -1 "$P/share/zsh/site-functions/_$c")" \
		    "#compdef $c"
	done
	# the shared scripts, for the programs with option tables
	for c in clinix db user audit provider code patient sched remind chart pay claim; do
		cmp "$BATS_TEST_DIRNAME/../completions/clinix.bash" \
		    "$P/share/bash-completion/completions/$c"
		cmp "$BATS_TEST_DIRNAME/../completions/clinix.fish" \
		    "$P/share/fish/vendor_completions.d/$c.fish"
	done
	# everything went under DESTDIR/PREFIX
	run -0 find "$ROOT" -mindepth 1 -maxdepth 2
	assert_output "$ROOT/usr"$'\n'"$ROOT/usr/local"
}

@test "the installed clinix lists the programs it finds in libexec/clinix" {
	install_root
	run -0 --separate-stderr installed help
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "clinix db user audit patient provider code sched remind chart pay claim "
	assert_equal "$stderr" ""
	# the list is what is installed, not a fixed table
	rm "$P/libexec/clinix/patient"
	run -0 installed help
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "clinix db user audit provider code sched remind chart pay claim "
	run -64 --separate-stderr installed patient show pat-1
	assert_equal "$stderr" "clinix: 'patient' is not a clinix program (see 'clinix help')"
}

@test "the installed clinix version works" {
	install_root
	v=$(sed -n 's/^VERSION[[:space:]]*=[[:space:]]*//p' "$BATS_TEST_DIRNAME/../Makefile")
	[ -n "$v" ]
	run -0 --separate-stderr installed version
	assert_equal "${#lines[@]}" 1
	assert_output --regexp "^clinix "
	assert_output --partial " $v"
	assert_equal "$stderr" ""
	run -0 installed --version
	assert_output "clinix (clinix) $v"
	run -0 env PATH=/usr/bin:/bin "$P/libexec/clinix/db" --version
	assert_output "db (clinix) $v"
}

@test "the installed dispatcher runs user list on the test clinic" {
	install_root
	run -0 --separate-stderr installed user list -o tsv
	assert_equal "$(cut -f1-5 <<<"$output")" $'usr-1\troot\t\tadmin\tyes'
	assert_equal "$stderr" ""
	# options before the program go along with it
	run -0 installed -o json user list
	assert_equal "$(jq -r .login <<<"$output")" root
	run -0 installed audit verify
	assert_output --regexp '^audit: ok: [0-9]+ rows$'
}

@test "an installed clinix init finds the installed schema" {
	install_root
	run -0 --separate-stderr env PATH=/usr/bin:/bin \
	    CLINIX_DB="$BATS_TEST_TMPDIR/new/clinix.db" \
	    CLINIX_CONFIG="$BATS_TEST_TMPDIR/new/clinix.yaml" \
	    "$P/bin/clinix" init --clinic-name Installed
	assert_line --index 2 $'database\t'"$BATS_TEST_TMPDIR/new/clinix.db"
	run -0 env PATH=/usr/bin:/bin CLINIX_DB="$BATS_TEST_TMPDIR/new/clinix.db" \
	    CLINIX_CONFIG="$BATS_TEST_TMPDIR/new/clinix.yaml" "$P/bin/clinix" db verify
}

@test "make uninstall removes what make install put there" {
	install_root
	run -0 make -s -C "$BATS_TEST_DIRNAME/.." uninstall PREFIX=/usr/local DESTDIR="$ROOT"
	[ ! -e "$P/bin/clinix" ]
	[ ! -e "$P/libexec/clinix" ]
	[ ! -e "$P/share/clinix" ]
	run -0 find "$ROOT" -not -type d
	assert_output ""
}

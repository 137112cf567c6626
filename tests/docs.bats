load helper

PROGRAMS="clinix db user audit patient provider code sched remind chart pay claim"

# The SYNOPSIS of man/PROG.1, one line per form, lower-cased.
synopsis() {
	mandoc -Tascii "$BATS_TEST_DIRNAME/../man/$1.1" | col -bx | awk '
		/^SYNOPSIS/ { on = 1; next }
		/^[A-Z]/ || (on && /^$/) { on = 0 }
		on && /^     [^ ]/ { if (l != "") print l; l = $0; next }
		on && /^      +[^ ]/ { sub(/^ +/, " "); l = l $0 }
		END { if (l != "") print l }' |
	    sed 's/^ *//; s/  */ /g' | grep -v '^Global' |
	    grep -v '^clinix program ' | tr 'A-Z' 'a-z' | sort
}

# The usage lines of PROG -h, in the same shape.
usage_lines() {
	"$1" -h | grep -E '^(usage:| )' | sed 's/^usage://; s/^ *//; s/  */ /g' |
	    tr 'A-Z' 'a-z' | sort
}

@test "every program has a man page whose SYNOPSIS matches -h" {
	for p in $PROGRAMS; do
		[ -f "$BATS_TEST_DIRNAME/../man/$p.1" ] || fail "no man/$p.1"
		diff <(synopsis "$p") <(usage_lines "$p") ||
		    fail "man/$p.1 SYNOPSIS differs from '$p -h'"
	done
}

@test "man pages are clean under mandoc -Tlint" {
	run -0 mandoc -Tlint -W warning "$BATS_TEST_DIRNAME"/../man/*
	assert_output ""
}

# A program has completion files of its own, or the shared ones that ask
# it (`PROG --complete`, completions/clinix.*) name it.
@test "every program has bash, zsh and fish completion" {
	c="$BATS_TEST_DIRNAME/../completions"
	bash -n "$c/clinix.bash" || fail "clinix.bash does not parse"
	for p in $PROGRAMS; do
		if [ -f "$c/$p.bash" ]; then
			[ -f "$c/_$p" ] && [ -f "$c/$p.fish" ] ||
			    fail "completion missing for $p"
			bash -n "$c/$p.bash" || fail "$p.bash does not parse"
			grep -q "^#compdef $p" "$c/_$p" || fail "_$p lacks #compdef"
		else
			[ "$(bash -c ". '$c/clinix.bash' && complete -p $p")" = \
			    "complete -F _clinix_complete $p" ] ||
			    fail "clinix.bash lacks $p"
			grep -Eq "^#compdef( [a-z]+)* $p( |\$)" "$c/_clinix" ||
			    fail "_clinix lacks $p"
			grep -Eq "^for c in( [a-z]+)* $p( |\$)" "$c/clinix.fish" ||
			    fail "clinix.fish lacks $p"
		fi
	done
}

@test "bash completion offers the verbs -h lists" {
	c="$BATS_TEST_DIRNAME/../completions"
	for p in db user audit patient provider code sched remind chart pay claim; do
		if [ -f "$c/$p.bash" ]; then
			source "$c/$p.bash"
		else
			source "$c/clinix.bash"
		fi
		COMP_WORDS=("$p" "")
		COMP_CWORD=1
		COMP_LINE="$p "
		COMP_POINT=${#COMP_LINE}
		fn=$(complete -p "$p" | sed 's/.*-F \([^ ]*\).*/\1/')
		COMPREPLY=()
		"$fn" "$p" "" "$p"
		for v in $("$p" -h | awk '/^(usage:| )/ { print ($1 == "usage:" ? $3 : $2) }'); do
			[[ " ${COMPREPLY[*]} " == *" $v "* ]] ||
			    fail "$p completion lacks verb $v"
		done
	done
}

@test "every program answers --version" {
	for p in $PROGRAMS; do
		run -0 "$p" --version
		[[ "$output" == "$p (clinix) "* || "$output" == "clinix "* ]] ||
		    fail "$p --version printed '$output'"
	done
}

@test "clinix(1) SEE ALSO names every program" {
	see=$(mandoc -Tascii "$BATS_TEST_DIRNAME/../man/clinix.1" | col -bx |
	    sed -n '/^SEE ALSO/,/^[A-Z]/p')
	for p in $PROGRAMS; do
		[ "$p" = clinix ] && continue
		[[ "$see" == *"$p(1)"* ]] || fail "clinix(1) SEE ALSO lacks $p(1)"
	done
}

@test "cmd/ makes no SQLite call: the domain and its SQL are lib's" {
	run grep -l 'sqlite3_' "$BATS_TEST_DIRNAME"/../cmd/*.c "$BATS_TEST_DIRNAME"/../cmd/*/*.c
	assert_failure 1
	assert_output ""
}

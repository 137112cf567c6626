load helper

# README.md's tour, run as written, so it stays true as the programs change:
# the ```sh block of "A five-minute tour", then the ```yaml block of
# "Reminders" added to the clinic's clinix.yaml, then that section's ```sh
# block, one shell (bash, pipefail) in a scratch directory with HOME in it,
# bin/ and share/ linked from the build.
#
# The conventions the README keeps to, for this test:
# - Every line of a block is one command line (a trailing '\' joins the
#   next); blank lines and lines that are only a comment are skipped.
# - A line must exit 0, unless its comment says "exit N": then it must exit
#   N, and nothing else on the line may fail.
# - A comment quoting a summary line, "sent N email, N sms, N failed", is
#   what the line prints.
# - What cannot run in a test is rewritten by SUBST below, each pattern a
#   sed substitution that must still match the README (so a rewrite that no
#   longer applies is a failure, not a silent no-op): no printer (lpr),
#   no /var/backups, the mail and SMS commands replaced by fakes that
#   record what they were given, and quiet hours off (the test runs at any
#   hour; the README keeps them on).
# Options other programs grow are no concern here: the lines are run as
# they are, whatever they say.

README=$BATS_TEST_DIRNAME/../README.md

setup() {
	clinix_env
	unset CLINIX_DB CLINIX_CONFIG	# the tour sets its own, under HOME
	WORK=$BATS_TEST_TMPDIR/work
	OUT=$BATS_TEST_TMPDIR/out
	export HOME=$BATS_TEST_TMPDIR/home
	export MAIL_DIR=$BATS_TEST_TMPDIR/mail
	export SMS_LOG=$BATS_TEST_TMPDIR/sms.log
	mkdir -p "$WORK" "$OUT" "$HOME" "$MAIL_DIR" "$BATS_TEST_TMPDIR/fake"
	ln -s "$CLINIX_BIN" "$WORK/bin"
	ln -s "$(cd "$BATS_TEST_DIRNAME/../share" && pwd)" "$WORK/share"
	# sendmail stand-in: each message to $MAIL_DIR/N.eml, its arguments
	# beside it in N.args
	cat >"$BATS_TEST_TMPDIR/fake/sendmail" <<-'EOF'
	#!/bin/sh
	n=$(ls "$MAIL_DIR" | grep -c '\.eml$')
	n=$((n + 1))
	printf '%s\n' "$@" >"$MAIL_DIR/$n.args"
	cat >"$MAIL_DIR/$n.eml"
	EOF
	chmod 755 "$BATS_TEST_TMPDIR/fake/sendmail"
	# the provider's editor: adds the assessment under the template
	cat >"$BATS_TEST_TMPDIR/fake/editor" <<-'EOF'
	#!/bin/sh
	for f; do :; done
	echo "Assessment: hypertension, controlled." >>"$f"
	EOF
	chmod 755 "$BATS_TEST_TMPDIR/fake/editor"
	export EDITOR=$BATS_TEST_TMPDIR/fake/editor
	unset VISUAL
	SUBST=(
		's#| lpr#>/dev/null#'
		's#/var/backups/#"$HOME"/#'
		"s#/usr/sbin/sendmail -t -i#$BATS_TEST_TMPDIR/fake/sendmail -t -i#"
		"s#/usr/local/bin/clinic-sms#$BATS_TEST_DIRNAME/tools/sms-record#"
		's#quiet_hours: "21:00-08:00"#quiet_hours: none#'
	)
}

# block HEADING LANG: the first ```LANG block under the heading, up to the
# next heading; continuation lines joined.
block() {
	awk -v h="$1" -v lang="$2" '
	/^#/ && !inb { sec = ($0 == h); next }
	sec && !inb && $0 == "```" lang { inb = 1; next }
	inb && $0 == "```" { exit }
	inb { print }
	' "$README" | sed -e :a -e '/\\$/N; s/\\\n//; ta'
}

# subst FILE: apply SUBST; fail naming a pattern that matched nothing.
subst() {
	local s n
	for s in "${SUBST[@]}"; do
		n=$(sed -n "${s}p" "$1" | wc -l)
		sed -i "$s" "$1"
		printf '%s\t%s\n' "$n" "$s"
	done
}

# script FILE: each command line of FILE wrapped so that its exit status,
# any failure inside it (ERR), stdout and stderr are kept under $OUT,
# numbered in order.
script() {
	local n=0 line
	echo 'set -o pipefail'
	echo "trap 'printf \"%s\\t%s\\n\" \"\$__n\" \"\$?\" >>\"$OUT/errs\"' ERR"
	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		n=$((n + 1))
		printf '%s\n' "$line" >"$OUT/$n.line"
		printf '__n=%s\n{\n%s\n} >"%s/%s.out" 2>"%s/%s.err"\n' \
		    "$n" "$line" "$OUT" "$n" "$OUT" "$n"
		printf 'printf "%%s\\t%%s\\n" %s "$?" >>"%s/status"\n' "$n" "$OUT"
	done <"$1"
}

@test "README: the tour and the reminders run as written, and say what they do" {
	block "## A five-minute tour" sh >"$BATS_TEST_TMPDIR/tour.sh"
	block "### Reminders" yaml >"$BATS_TEST_TMPDIR/remind.yaml"
	block "### Reminders" sh >"$BATS_TEST_TMPDIR/remind.sh"
	# found, and not some other block: the commands each section is about
	grep -q '^clinix init' "$BATS_TEST_TMPDIR/tour.sh"
	grep -q '^sched book' "$BATS_TEST_TMPDIR/tour.sh"
	grep -q '^remind:' "$BATS_TEST_TMPDIR/remind.yaml"
	grep -q '^remind send' "$BATS_TEST_TMPDIR/remind.sh"
	# A visit: each "# LOGIN (role)" comment starts that login's lines,
	# which root can stand in for (CLINIX_USER); the editor is a fake
	block "## A visit" sh >"$BATS_TEST_TMPDIR/visit.sh"
	grep -q '^chart sign' "$BATS_TEST_TMPDIR/visit.sh"
	# and the claims of "Claims", in the same way
	block "## Claims" sh >>"$BATS_TEST_TMPDIR/visit.sh"
	grep -q '^claim export' "$BATS_TEST_TMPDIR/visit.sh"
	: >"$BATS_TEST_TMPDIR/visit.run"
	if [ "$(id -u)" -eq 0 ]; then
		awk '/^# you \(/ { print "unset CLINIX_USER"; next }
		    /^# [a-z]+ \(/ { print "export CLINIX_USER=" $2; next }
		    { print }' "$BATS_TEST_TMPDIR/visit.sh" \
		    >"$BATS_TEST_TMPDIR/visit.run"
		echo 'unset CLINIX_USER' >>"$BATS_TEST_TMPDIR/visit.run"
	fi
	cat "$BATS_TEST_TMPDIR/tour.sh" "$BATS_TEST_TMPDIR/remind.sh" \
	    "$BATS_TEST_TMPDIR/visit.run" >"$BATS_TEST_TMPDIR/all.sh"
	# the yaml's rewrites are checked with the commands': each must match
	# in one of them
	cat "$BATS_TEST_TMPDIR/all.sh" "$BATS_TEST_TMPDIR/remind.yaml" \
	    >"$BATS_TEST_TMPDIR/both"
	while IFS=$'\t' read -r n s; do
		[ "$n" -gt 0 ] || fail "README no longer has what '$s' rewrites"
	done < <(subst "$BATS_TEST_TMPDIR/both")
	subst "$BATS_TEST_TMPDIR/all.sh" >/dev/null
	subst "$BATS_TEST_TMPDIR/remind.yaml" >/dev/null

	# The tour, then its clinic gets the remind section, then the rest.
	# Lines are counted from 1 over both blocks.
	ntour=$(grep -cv '^\(#.*\)\?$' "$BATS_TEST_TMPDIR/tour.sh")
	script "$BATS_TEST_TMPDIR/all.sh" | awk -v n="$ntour" \
	    -v y="$BATS_TEST_TMPDIR/remind.yaml" '
	{ print }
	/^printf .*status"$/ && ++k == n {
		print "cat \"" y "\" >>\"$CLINIX_CONFIG\""
	}' >"$BATS_TEST_TMPDIR/run.sh"
	[ "$ntour" -ge 20 ]
	total=$(grep -c '^__n=' "$BATS_TEST_TMPDIR/run.sh")
	[ "$total" -ge $((ntour + 5)) ]
	cd "$WORK"
	run bash "$BATS_TEST_TMPDIR/run.sh"
	[ "$(wc -l <"$OUT/status")" -eq "$total" ] ||
	    fail "ran $(wc -l <"$OUT/status") of $total lines: $output"

	# every line: the exit status its comment gives, or 0; no other
	# failure inside it
	touch "$OUT/errs"
	while IFS=$'\t' read -r n rc; do
		line=$(cat "$OUT/$n.line")
		want=0
		[[ $line =~ \#.*exit\ ([0-9]+) ]] && want=${BASH_REMATCH[1]}
		[ "$rc" -eq "$want" ] ||
		    fail "line $n exited $rc, not $want: $line
$(cat "$OUT/$n.err")"
		while IFS=$'\t' read -r en erc; do
			[ "$en" = "$n" ] || continue
			[ "$erc" -eq "$want" ] && [ "$want" -ne 0 ] ||
			    fail "line $n: a command failed ($erc): $line
$(cat "$OUT/$n.err")"
		done <"$OUT/errs"
		# a quoted summary line is what the command printed
		if [[ $line =~ \#.*(sent [0-9]+ email, [0-9]+ sms, [0-9]+ failed) ]]; then
			assert_equal "$(cat "$OUT/$n.out")" "${BASH_REMATCH[1]}"
		fi
	done <"$OUT/status"

	# The tour's clinic is where it says, and holds what the tour made.
	[ -f "$HOME/clinic/clinix.db" ]
	export CLINIX_DB=$HOME/clinic/clinix.db
	export CLINIX_CONFIG=$HOME/clinic/clinix.yaml
	run -0 user list -o tsv
	assert_equal "$(cut -f2 <<<"$output" | sort | tr '\n' ' ')" "ben drlee frank maria root "
	run -0 patient list -o tsv
	assert_equal "${#lines[@]}" 4
	run -0 sched list --from today --to +60d -o tsv
	assert_equal "${#lines[@]}" 9
	[ -s "$WORK/lee.ics" ]
	# the visit was charted and signed, its addendum with it
	if [ "$(id -u)" -eq 0 ]; then
		run -0 sqlite3 "$CLINIX_DB" "SELECT e.signed_by, n.body LIKE
		    '%Assessment: hypertension, controlled.%', count(a.id)
		    FROM encounter e JOIN encounter_note n ON n.encounter_id = e.id
		    JOIN addendum a ON a.encounter_id = e.id"
		assert_output "drlee|1|1"
		# and the emergency read is the one flagged row, frank's
		run -0 sqlite3 "$CLINIX_DB" "SELECT login, action, detail
		    FROM audit WHERE break_glass = 1"
		assert_output "frank|chart.show|break-glass: collapsed in the waiting room; chart"
	fi
	ls "$HOME"/clinix-*.enc
	# the visit went out as a claim: the README's batch, and nothing more
	run -0 claim list -o tsv
	assert_equal "${#lines[@]}" 1
	assert_line --regexp $'^clm-1\t.*\tsubmitted\t150.00'
	grep -q 'HI\*ABK:E119\*ABF:I10~' "$WORK/acme.837"
	# The reminders went through the fakes: the appointment to Rosa Lee
	# (email), then the open slot to Tomás Núñez; one SMS, to Ana Lee's
	# number.
	[ -f "$MAIL_DIR/1.eml" ] && [ -f "$MAIL_DIR/2.eml" ]
	[ ! -e "$MAIL_DIR/3.eml" ]
	grep -q '^To: .*rosa.lee@example.org' "$MAIL_DIR/1.eml"
	grep -q '^To: .*tomas@example.net' "$MAIL_DIR/2.eml"
	assert_equal "$(grep -c -- '^--END--$' "$SMS_LOG")" 1
	assert_equal "$(head -1 "$SMS_LOG")" "+16175550100"
}

@test "README: the example files the tour imports are what it says" {
	ex=$BATS_TEST_DIRNAME/../share/examples
	assert_equal "$(head -1 "$ex/staff.csv")" "login,role,name"
	run grep -F '`old-system.csv` the patient fields' "$README"
	assert_output --partial "\`$(head -1 "$ex/old-system.csv")\`"
	run grep -F '`staff.csv` has the columns' "$README"
	assert_output --partial "\`$(head -1 "$ex/staff.csv")\`"
}

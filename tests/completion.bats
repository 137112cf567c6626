load helper

# Completion from the option tables: `PROG --complete WORDS...` offers what
# the verb's table (or, for a program not converted yet, its usage line)
# says, the shared bash script asks it, and one parse of the globals and
# the verb's options means a value is never taken for a global option.

PROGRAMS="clinix db user audit patient provider code sched remind chart pay"
COMP="$BATS_TEST_DIRNAME/../completions"

# The verbs of PROG as -h lists them, one a line ("config set" for a group).
verbs() {
	local p=$1 w1 w2
	"$p" -h | awk '/^(usage:| )/ { print ($1 == "usage:" ? $3 " " $4 : $2 " " $3) }' |
	    while read -r w1 w2; do
		# a second word is the verb's when completion lists it after the first
		if "$p" --complete "$w1" "" | grep -qxF -- "$w2"; then
			echo "$w1 $w2"
		else
			echo "$w1"
		fi
	    done | sort -u
}

# The long options PROG VERB -h names: its option lines, or for a verb
# with no table its usage line and the global options.
help_options() {
	local p=$1 v=$2 out
	# shellcheck disable=SC2086
	out=$("$p" $v -h)
	if grep -q '^global options:$' <<<"$out"; then
		grep -P '^\t' <<<"$out" | grep -o -- '--[a-z0-9-]*' | sort
	else
		{ sed -n 2p <<<"$out" | grep -o -- '--[a-z0-9][a-z0-9_-]*';
		  printf '%s\n' --db --config --output --header --help --version; } |
		    sort -u
	fi
}

# try WORD...: what the shared bash script offers for the last WORD, with
# COMP_WORDS as bash fills them ('=' a word of its own); clinix.bash must
# be sourced.
try() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_clinix_complete "$1" "${COMP_WORDS[COMP_CWORD]}" \
	    "${COMP_WORDS[COMP_CWORD-1]}"
	printf '%s\n' "${COMPREPLY[@]}"
}

@test "for every program and verb, --complete VERB -- lists exactly the options -h names" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	local n=0
	for p in $PROGRAMS; do
		while IFS= read -r v; do
			# shellcheck disable=SC2086
			diff <("$p" --complete $v -- | sort) <(help_options "$p" "$v") ||
			    fail "$p $v: --complete and -h disagree"
			n=$((n + 1))
		done < <(verbs "$p")
	done
	# every verb of every program was looked at
	[ "$n" -gt 60 ]
}

@test "a converted verb's -h lists each option of its table with its help" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	help_starts "user add - add a user with a role" \
	    "usage: user add LOGIN --role ROLE [--name NAME]" \
	    user add
	assert_line --index 3 --regexp $'^\t-r, --role ROLE +the user\'s role$'
	assert_line --index 4 --regexp $'^\t-n, --name NAME +the person\'s full name$'
	assert_line --index 5 "global options:"
	assert_line --index 6 --regexp $'^\t    --db PATH +'
	assert_equal "${#lines[@]}" 12
}

@test "sched's verbs complete from their tables: fixed words, dates, files, never patients or appointments" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	run -0 --separate-stderr sched --complete book pat-1 --recur ""
	assert_equal "$stderr" ""
	assert_output $'daily\nweekly\nbiweekly\nmonthly'
	run -0 sched --complete list --status=check
	assert_output $'checkedin\ncheckedout'
	run -0 sched --complete free --from to
	assert_output $'today\ntomorrow'
	run -0 sched --complete day ""
	assert_output $'today\ntomorrow\nyesterday'
	# --day (main's span grammar) in each verb that takes a span
	for v in free "waitlist match" ics; do
		# shellcheck disable=SC2086
		run -0 sched --complete $v --day t
		assert_output $'today\ntomorrow'
		# shellcheck disable=SC2086
		run -0 sched --complete $v --da
		assert_output "--day"
	done
	run -0 sched --complete import ""
	assert_output ":file"
	run -0 sched --complete waitlist add pat-1 --before y
	assert_output "yesterday"
	run -0 sched --complete checkin --f
	assert_output "--force"
	for v in book "waitlist add" cancel show history checkin checkout noshow; do
		# shellcheck disable=SC2086
		run -0 sched --complete $v ""
		assert_output ""
	done
	run -0 sched --complete list --patient ""
	assert_output ""
	[ ! -e /nonexistent ]
	# and -h names each option of the table with its help
	run -0 --separate-stderr sched waitlist add -h
	assert_equal "$stderr" ""
	assert_line --index 0 "sched waitlist add - put a patient on the waitlist"
	assert_line --index 2 "options:"
	assert_line --index 3 --regexp $'^\t-p, --provider P +the provider wanted \\(default any\\)$'
	assert_line --index 6 --regexp $'^\t-b, --before DATE +wanted before this day$'
	assert_line --index 7 --regexp $'^\t-n, --note TEXT +a note '
	assert_line --index 8 "global options:"
}

@test "clinix --complete offers the programs and clinix's own verbs" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	run -0 --separate-stderr clinix --complete ""
	assert_equal "$stderr" ""
	assert_equal "$(sort <<<"$output" | tr '\n' ' ')" \
	    "audit chart claim code config db help init patient pay provider remind sched user version "
	run -0 clinix --complete config ""
	assert_output $'set\nget\nlist'
	# after a global and its value, still the programs
	run -0 clinix --complete --db x.db ""
	assert_equal "$(sort <<<"$output" | tr '\n' ' ')" \
	    "audit chart claim code config db help init patient pay provider remind sched user version "
	run -0 clinix --complete -o ""
	assert_output $'table\ntsv\ncsv\njson'
}

@test "clinix PROG --complete hands over to PROG, for every program" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	for p in db user audit patient provider code sched remind chart pay; do
		diff <(clinix --complete "$p" "") <("$p" --complete "") ||
		    fail "clinix $p differs from $p"
		[ -n "$("$p" --complete "")" ] || fail "$p offers no verbs"
	done
	# with the globals in front, which go along
	run -0 clinix --complete -o json sched b
	assert_output "$(sched --complete b)"
	[ -n "$output" ]
}

@test "--complete gives option values from the table, and files where the table says" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	run -0 user --complete add --role n
	assert_output "nurse"
	run -0 user --complete add bob --role ""
	assert_output $'admin\nprovider\nnurse\nfrontdesk\nbilling'
	run -0 code --complete search --system=h
	assert_output "hcpcs"
	run -0 audit --complete list --from t
	assert_output $'today\ntomorrow'
	run -0 user --complete list -o ""
	assert_output $'table\ntsv\ncsv\njson'
	run -0 db --complete backup --key-file ""
	assert_output ":file"
	run -0 user --complete import ""
	assert_output ":file"
	# operands by position: a role after the user, a system then a file
	run -0 user --complete set-role bob ""
	assert_output $'admin\nprovider\nnurse\nfrontdesk\nbilling'
	run -0 user --complete set-role ""
	assert_output ""
	run -0 code --complete import ""
	assert_output $'icd10cm\nhcpcs\ncpt\ndrugs\nallergy-groups\ncvx\ncarc'
	run -0 code --complete import --label 2027 icd10cm ""
	assert_output ":file"
	run -0 remind --complete send --channel ""
	assert_output $'email\nsms'
	run -0 remind --complete send --template=r
	assert_output "recall"
	run -0 remind --complete log --status d
	assert_output "dropped"
	run -0 remind --complete due --at to
	assert_output $'today\ntomorrow'
	run -0 remind --complete log --day y
	assert_output "yesterday"
	# patients are never offered, nor appointments
	run -0 audit --complete list --patient ""
	assert_output ""
	run -0 remind --complete log --patient ""
	assert_output ""
	run -0 remind --complete optout ""
	assert_output ""
	run -0 remind --complete send --dry-run ""
	assert_output ""
	# nothing is opened: no database, no config, no complaint
	[ ! -e /nonexistent ]
}

@test "the shared bash script is registered for each converted program and asks it" {
	cd "$BATS_TEST_TMPDIR"
	touch backup-one.db
	source "$COMP/clinix.bash"
	for p in clinix db user audit provider code patient sched remind chart pay; do
		run -0 complete -p "$p"
		assert_output "complete -F _clinix_complete $p"
	done
	run -0 try clinix sched b
	assert_output "$(sched -h | awk '$1 == "usage:" { print $3 } $1 == "sched" { print $2 }' | grep '^b' | sort -u)"
	[ -n "$output" ]
	run -0 try clinix ""
	assert_line "remind"
	assert_line "config"
	run -0 try user add bob --role f
	assert_output "frontdesk"
	run -0 try user list --output = j
	assert_output "json"
	run -0 try user list --output = ""
	assert_output $'table\ntsv\ncsv\njson'
	run -0 try db backup backup-o
	assert_output "backup-one.db"
	run -0 try clinix user a
	assert_output "add"
	run -0 try clinix provider resource add x --kind ""
	assert_output $'room\ndevice'
	run -0 try provider off prv-1 today --re
	assert_output $'--reason\n--remove'
	# patient's table, asked directly and through clinix
	run -0 try patient add --sex ""
	assert_output $'F\nM\nX\nU'
	run -0 try remind send --template s
	assert_output "slot-open"
	run -0 try clinix remind optin pat-1 --channel e
	assert_output "email"
	run -0 try clinix patient add --sex ""
	assert_output $'F\nM\nX\nU'
	# --map COLUMN=FIELD: bash splits at '=', the field completes
	run -0 try patient import --map Given = fi
	assert_output "first"
	run -0 try clinix patient import --map=Tel = ph
	assert_output $'phone\nphone2'
	run -0 try clinix config set remind.l
	assert_output "remind.lease_minutes"
}

@test "patient import --map completes the field after '=', never the file's column" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	# the column is whatever the file's header says: nothing to offer
	run -0 --separate-stderr patient --complete import --map ""
	assert_equal "$output$stderr" ""
	run -0 --separate-stderr patient --complete import --map Giv
	assert_equal "$output$stderr" ""
	# after the '=', every field patient(1) lists, in its order
	run -0 patient --complete import --map Given=
	assert_output "$(printf '%s\n' mrn first middle last preferred dob sex \
	    gender phone phone2 email address1 address2 city state zip country \
	    language channel sms_consent email_consent emergency_name \
	    emergency_phone deceased note)"
	run -0 patient --complete import --map Given=fi
	assert_output "first"
	run -0 patient --complete import -m Tel=emergency_p
	assert_output "emergency_phone"
	run -0 patient --complete import --map=Given=la
	assert_output $'last\nlanguage'
	run -0 clinix --complete patient import --keep-going --map Birth=d
	assert_output $'dob\ndeceased'
	# an operand after it is a file again
	run -0 patient --complete import --map Given=first ""
	assert_output ":file"
}

@test "clinix config set and get complete the keys clinix.yaml(5) knows, not the value" {
	export CLINIX_DB=/nonexistent/x.db CLINIX_CONFIG=/nonexistent
	run -0 clinix --complete config set clinic.t
	assert_output $'clinic.tax_id\nclinic.timezone\nclinic.taxonomy'
	run -0 clinix --complete config get remind.s
	assert_output $'remind.sendmail\nremind.sms_command\nremind.sms_max_segments'
	run -0 clinix --complete config get --system db
	assert_output $'db\ndb_busy_timeout_ms'
	# every key offered is one config get takes (and no section is one)
	run -0 clinix --complete config set ""
	assert_line "clinic.name"
	assert_line "key_file"
	refute_line "clinic"
	refute_line "remind"
	local k
	for k in "${lines[@]}"; do
		run -0 clinix --complete config get "$k"
		assert_line "$k"
	done
	# a VALUE is the user's: nothing offered, not even the keys again
	run -0 --separate-stderr clinix --complete config set clinic.name ""
	assert_equal "$output$stderr" ""
	run -0 --separate-stderr clinix --complete config get clinic.name ""
	assert_equal "$output$stderr" ""
}

@test "user add bob --role nurse --name -V adds bob named -V, no version" {
	run -0 --separate-stderr user add bob --role nurse --name -V
	assert_equal "$stderr" ""
	assert_output "usr-2"
	run -0 sqlite3 "$CLINIX_DB" "select login, name, role from user where id = 2"
	assert_output "bob|-V|nurse"
	# and through the dispatcher
	run -0 clinix user add carol --role nurse --name -h
	assert_output "usr-3"
	run -0 sqlite3 "$CLINIX_DB" "select name from user where login = 'carol'"
	assert_output "-h"
}

@test "a converted verb's value that looks like -h is a value, not a request for help" {
	run -0 --separate-stderr audit anchor --reason -h
	assert_equal "$stderr" ""
	assert_output "audit: anchored"
	run -0 sqlite3 "$CLINIX_DB" \
	    "select detail from audit where action = 'audit.anchor'"
	assert_output "-h"
	# --user -V: the rows of a user named -V (none), not the version
	run -1 --separate-stderr audit list --user -V -o json	# none: 1
	assert_equal "$stderr" ""
	assert_output ""
}

@test "converted verbs: unknown options, missing values and misplaced options are usage errors that write nothing" {
	local before
	before=$(sqlite3 "$CLINIX_DB" 'select count(*) from user; select count(*) from audit')
	run -64 --separate-stderr user add bob --role nurse --bogus
	assert_output ""
	[[ "$stderr" == "user: unknown option '--bogus'"* ]]
	[[ "$stderr" == *"usage: user add LOGIN --role ROLE [--name NAME]"* ]]
	run -64 --separate-stderr user add bob --role
	[[ "$stderr" == "user: option '--role' needs a value"* ]]
	run -64 --separate-stderr user --role nurse add bob
	[[ "$stderr" == "user: unknown command '--role'"* ]]
	# --role took the verb's name for its value: the verb comes first
	run -64 --separate-stderr user --role add bob
	[[ "$stderr" == "user: the options of 'add' go after it"* ]]
	run -64 --separate-stderr user list extra
	[[ "$stderr" == "user: unexpected argument 'extra'"* ]]
	run -64 --separate-stderr db backup --force=yes "$BATS_TEST_TMPDIR/b.db"
	[[ "$stderr" == "db: option '--force' takes no value"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/b.db" ]
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select count(*) from user; select count(*) from audit')" "$before"
}

@test "converted verbs keep getopt's ways: globals anywhere, '_' for '-', prefixes, bundles, --" {
	run -0 user -o json list
	assert_line --index 0 --partial '"login"'
	run -0 user list --output=json
	assert_line --index 0 --partial '"login"'
	run -0 user list -Hotsv
	assert_line --index 0 --regexp '^#id	login	'
	printf 'login,role\nzed,nurse\nzed,nurse\n' >"$BATS_TEST_TMPDIR/u.csv"
	run -65 --separate-stderr user import --keep_going "$BATS_TEST_TMPDIR/u.csv"
	assert_output "usr-2"
	run -0 user add amy --ro nurse -n "Amy A"
	assert_output "usr-3"
	run -0 sqlite3 "$CLINIX_DB" "select name from user where login = 'amy'"
	assert_output "Amy A"
	run -0 db query --max_memory 8 -- "select 1 as one"
	assert_line --index 0 "1"
}

@test "the shared fish script asks the program, clinix patient too" {
	command -v fish >/dev/null || skip "no fish"
	run -0 fish -c "set fish_complete_path '$COMP' \$fish_complete_path
		source '$COMP/clinix.fish'
		complete -C 'user add bob --role f'
		echo ==
		complete -C 'clinix --db x user a'
		echo ==
		complete -C 'user list --output=j'
		echo ==
		complete -C 'clinix patient add --sex '
		echo ==
		complete -C 'patient import --map Given=fi'
		echo ==
		complete -C 'clinix config get clinic.ti'"
	assert_output "$(printf 'frontdesk\n==\nadd\n==\n--output=json\n==\nF\nM\nU\nX\n==\nGiven=first\n==\nclinic.timezone')"
}

# zsh's completion system needs a terminal; its builtins are stood in for,
# which is enough to see what the script asks and what it offers.
@test "the shared zsh script asks the program, clinix patient and remind too" {
	command -v zsh >/dev/null || skip "no zsh"
	run -0 zsh -fc '
		script=$0
		# (an old _patient, _sched or _remind left installed is not
		# asked: all have tables)
		typeset -A _comps; _comps[patient]=_patient _comps[sched]=_sched
		_comps[remind]=_remind
		source $1
		t() {
			service=$1 words=("$@") CURRENT=$# PREFIX=${@[-1]}
			source $script
		}
		t user add bob --role f
		t clinix sched b
		t user list --output=j
		t db backup ""
		t clinix --db x patient add --sex ""
		t clinix --db x remind send --channel ""
		t patient import --map Given=fi
		t clinix config set remind.lease' "$COMP/_clinix" \
	    "$BATS_TEST_DIRNAME/compstub.zsh"
	assert_output "offer: frontdesk
offer: $(sched --complete b | tr '\n' ' ' | sed 's/ $//')
offer: json
files
offer: F M X U
offer: email sms
offer: first
offer: remind.lease_minutes"
}

@test "provider ids, visit types and rooms complete from the database, with no audit row" {
	provider add --name "Maria Chen" --npi 1234567893 --taxonomy 207Q00000X >/dev/null
	provider add --name "Bo Berg" --npi 1245319599 --taxonomy 207Q00000X >/dev/null
	provider deactivate prv-2 >/dev/null
	provider visit-type add follow-up 20m >/dev/null
	provider resource add room-2 --kind room >/dev/null
	local before
	before=$(sqlite3 "$CLINIX_DB" 'select count(*) from audit')
	# active ones only; patients never
	run -0 --separate-stderr sched --complete book pat-1 --provider ""
	assert_equal "$stderr" ""
	assert_output "prv-1"
	run -0 sched --complete free --type f
	assert_output "follow-up"
	run -0 clinix --complete sched book --resource ""
	assert_output "room-2"
	run -0 sched --complete book ""
	assert_output ""
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select count(*) from audit')" "$before"
	# --db on the line is the database asked
	mv "$CLINIX_DB" "$BATS_TEST_TMPDIR/other.db"
	run -0 --separate-stderr sched --complete book --provider ""
	assert_output ""
	run -0 sched --complete --db "$BATS_TEST_TMPDIR/other.db" book --provider ""
	assert_output "prv-1"
	run -0 sched --complete book --db="$BATS_TEST_TMPDIR/other.db" --provider ""
	assert_output "prv-1"
}

@test "a login that is not a clinix user is offered no provider ids" {
	# (CLINIX_USER names who acts, for root only; CI runs as root)
	[ "$(id -u)" = 0 ] || skip "CLINIX_USER is only for root"
	provider add --name "Maria Chen" --npi 1234567893 --taxonomy 207Q00000X >/dev/null
	run -0 --separate-stderr env CLINIX_USER=ghost sched --complete book --provider ""
	assert_output ""
	user add nurse1 --role nurse >/dev/null
	user disable nurse1 >/dev/null
	run -0 --separate-stderr env CLINIX_USER=nurse1 sched --complete book --provider ""
	assert_output ""
	# the same command as the admin does get them: the test can fail
	run -0 sched --complete book --provider ""
	assert_output "prv-1"
}

@test "the shared scripts never run another tool of the same name (VS Code's code)" {
	local other="$BATS_TEST_TMPDIR/other"
	mkdir -p "$other"
	printf '#!/bin/sh\necho "$@" >"%s/ran"\necho fake-candidate\n' \
	    "$BATS_TEST_TMPDIR" >"$other/code"
	chmod +x "$other/code"
	source "$COMP/clinix.bash"
	PATH="$other:$PATH" run -0 try code ""
	assert_output ""
	[ ! -e "$BATS_TEST_TMPDIR/ran" ]
	if command -v zsh >/dev/null; then
		PATH="$other:$PATH" run -0 zsh -fc '
			_default() { print default; }
			words=(code "") CURRENT=2 PREFIX= service=code
			source $0' "$COMP/_clinix"
		assert_output "default"
		[ ! -e "$BATS_TEST_TMPDIR/ran" ]
	fi
	if command -v fish >/dev/null; then
		PATH="$other:$PATH" run -0 fish -c "source '$COMP/clinix.fish'
			complete -C 'code '"
		assert_output ""
		[ ! -e "$BATS_TEST_TMPDIR/ran" ]
	fi
	# with a clinix beside it, it is ours and is asked: the fake can run
	ln -s "$CLINIX_BIN/clinix" "$other/clinix"
	PATH="$other:$PATH" run -0 try code ""
	assert_output "fake-candidate"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/ran")" "--complete "
}

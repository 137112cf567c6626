load helper

# exits: the one exit rule of clinix(7), held across the programs: a
# malformed option value is 64, a record value that fails validation (or
# a record that is not there) 65, nothing found 1, a busy database 75.
# Each case is a line of a table: the status wanted, then the command.
# Also: the one date span (--day/--from/--to, --to inclusive), ids from
# stdin for every verb that takes them, and times on the day the clocks
# go back printed with their offset.

clinic() {
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X
	provider hours prv-1 mon-fri 08:00-12:00
	provider hours prv-1 sun 00:00-06:00
	patient add --first Jane --last Doe --dob 1980-01-02
	patient add --first John --last Roe --dob 1970-05-06
	sched book pat-1 --provider prv-1 --at 2030-12-02T09:00 --length 20m
	sched book pat-2 --provider prv-1 --at 2030-12-02T10:00 --length 20m
}
setup_file() { clinic_once clinic; }
setup() { clinic_copy; }

# The database less its audit trail: "nothing written".
data() { sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum; }

# cases WANT: each line of stdin is "STATUS command ...": run it, and
# check the status, a diagnostic naming the program (for a failure), and
# for 64 and 65 that nothing was written.  Words split on blanks; no
# quoting is needed in these tables.
cases() {
	local want line before prog
	while read -r want line; do
		[[ -z $want || $want == "#"* ]] && continue
		prog=${line%% *}
		before=$(data)
		# shellcheck disable=SC2086
		run --separate-stderr $line </dev/null
		[[ $status == "$want" ]] ||
		    fail "$line: exit $status, wanted $want; stderr: $stderr"
		if [[ $want != 0 && $want != 1 ]]; then
			[[ ${stderr_lines[0]} == "$prog: "* ]] ||
			    fail "$line: no '$prog: ' diagnostic: $stderr"
		fi
		if [[ $want == 1 ]]; then
			[[ -z $output && -z $stderr ]] ||
			    fail "$line: nothing found, yet: $output$stderr"
		fi
		[[ $want == 1 || $want == 0 ]] || [[ $(data) == "$before" ]] ||
		    fail "$line: wrote to the database"
	done
}

@test "a malformed option value is 64, in every program" {
	cases <<-EOF
	64 sched list --day 2030-13-01
	64 sched list --from 2030-12-03 --to 2030-12-02
	64 sched list --from 2030-12-02T10:00 --to 2030-12-02T09:59
	64 sched list --from soon
	64 sched free --provider prv-1 --from 2030-02-30
	64 sched free --provider prv-1 --day 2030-12-02 --to 2030-12-03
	64 sched ics --provider prv-1 --to nope
	64 sched waitlist match --from 2030-12-32
	64 sched day 2030-13-01
	64 sched list --day 2030-11-03T01:30
	64 remind log --from nope
	64 remind log --to 2030-13-01
	64 remind log --day 2030-12-02 --from 2030-12-01
	64 audit list --from nope
	64 patient list --dob 1980-13-01
	64 patient list --limit many
	64 provider list -o yaml
	64 user add carl --role boss
	64 code search --limit 0 flu
	EOF
}

@test "a record value that fails validation, or no such record, is 65" {
	cases <<-EOF
	65 patient add --first A --last B --dob 2999-01-01
	65 patient show pat-9
	65 provider add --name X --npi 1234567890 --taxonomy 207Q00000X
	65 provider show prv-9
	65 sched book pat-1 --provider prv-1 --at 2030-12-03T09:00 --length 0
	65 sched book pat-1 --provider prv-1 --at 2030-12-07T09:00 --length 20m
	65 sched show apt-9
	65 sched list --provider prv-9
	65 remind optout pat-9
	65 remind log --patient pat-9
	65 user add 9lives --role nurse
	EOF
}

@test "nothing found is 1, with nothing on stdout or stderr" {
	cases <<-EOF
	1 sched list --day 2030-12-03
	1 sched list --from 2030-12-03T00:00 --to 2030-12-04
	1 sched free --provider prv-1 --day 2030-12-07
	1 sched show
	1 patient search zzz
	1 remind log
	1 remind log --day 2030-12-02
	EOF
}

@test "a database busy past the timeout is 75 in every program, nothing written" {
	echo "db_busy_timeout_ms: 200" >>"$CLINIX_CONFIG"
	hold "BEGIN IMMEDIATE; SELECT count(*) FROM user;"
	cases <<-EOF
	75 patient add --first Busy --last One --dob 1980-01-01
	75 patient show pat-1
	75 provider add --name Busy --npi $NPI2 --taxonomy 207Q00000X
	75 provider deactivate prv-1
	75 sched book pat-1 --provider prv-1 --at 2030-12-03T09:00 --length 20m
	75 sched cancel apt-1
	75 sched list --day 2030-12-02
	75 sched show apt-1
	75 remind optout pat-1
	75 remind log
	75 user add nina --role nurse
	75 audit list
	EOF
	touch "$BATS_TEST_TMPDIR/go"
	wait "$HOLDER"
	# the same, unlocked, do go through
	run -0 sched show apt-1
	run -0 remind optout pat-1
}

@test "--to is inclusive: of a whole day, of a time's instant" {
	run -0 sched list --from 2030-12-02 --to 2030-12-02
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-1 apt-2 "
	run -0 sched list --day 2030-12-02
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-1 apt-2 "
	run -0 sched list --from 2030-12-02T09:00 --to 2030-12-02T10:00
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-1 apt-2 "
	run -0 sched list --from 2030-12-02T09:01 --to 2030-12-02T10:00
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-2 "
	run -0 sched list --from 2030-12-02T09:00 --to 2030-12-02T09:59
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-1 "
	# free: a time cuts the open time there
	run -0 sched free --provider prv-1 --from 2030-12-02T10:30 \
	    --to 2030-12-02T11:15
	assert_output "prv-1	2030-12-02T10:30	2030-12-02T11:15	45"
	# remind log: today, --day and --from/--to of the same day agree
	remind send >/dev/null
	t=$(date +%Y-%m-%d)
	run -1 remind log --day "$t"
	run -1 remind log --from "$t" --to "$t"
}

@test "every verb that takes ids reads them from stdin when none are given" {
	sched list --day 2030-12-02 >"$BATS_TEST_TMPDIR/apts"
	run -0 sched show -o tsv <"$BATS_TEST_TMPDIR/apts"
	assert_equal "$(cut -f1,2 <<<"$output")" "apt-1	2030-12-02T09:00
apt-2	2030-12-02T10:00"
	run -0 sched show - <"$BATS_TEST_TMPDIR/apts"
	assert_equal "${#lines[@]}" 2
	# one audit row for the lot, as with ids on the line
	assert_equal "$(sqlite3 "$CLINIX_DB" "select record from audit order by id desc limit 1")" \
	    "2 appointments: 1-2"
	# an id of another kind is 65; the rest are still shown
	run -65 --separate-stderr sched show <<<"prv-1
apt-2"
	assert_output --regexp "^apt-2	"
	assert_equal "$stderr" "sched: not an appointment id 'prv-1' (like apt-12)"
	patient list >"$BATS_TEST_TMPDIR/pats"
	run -0 patient show <"$BATS_TEST_TMPDIR/pats"
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "pat-1 pat-2 "
	run -0 bash -c 'provider list | provider show'
	assert_output --regexp "^prv-1	"
	run -0 bash -c 'patient list | remind optout'
	assert_equal "$(sqlite3 "$CLINIX_DB" "select count(*) from patient where id in (select patient_id from remind_optout)")" 2
}

# New York goes back an hour at 02:00 on Sunday 3 November 2030: 01:00 to
# 02:00 happens twice, first at -04:00 then at -05:00.  prv-1 works
# 00:00-06:00 on Sundays, seven hours that day.
@test "on the day the clocks go back, a repeated local time carries its offset" {
	run -0 sched free --provider prv-1 --day 2030-11-03 --length 60m
	assert_output "prv-1	2030-11-03T00:00	2030-11-03T01:00-04:00	60
prv-1	2030-11-03T01:00-04:00	2030-11-03T01:00-05:00	60
prv-1	2030-11-03T01:00-05:00	2030-11-03T02:00	60
prv-1	2030-11-03T02:00	2030-11-03T03:00	60
prv-1	2030-11-03T03:00	2030-11-03T04:00	60
prv-1	2030-11-03T04:00	2030-11-03T05:00	60
prv-1	2030-11-03T05:00	2030-11-03T06:00	60"
	run -0 sched free --provider prv-1 --day 2030-11-03
	assert_output "prv-1	2030-11-03T00:00	2030-11-03T06:00	420"
	# what free prints, book takes: the second 01:00
	run -0 sched book pat-1 --provider prv-1 --at 2030-11-03T01:00-05:00 \
	    --length 30m
	assert_output apt-3
	assert_equal "$(sqlite3 "$CLINIX_DB" "select start_at from appointment where id = 3")" \
	    "2030-11-03T06:00:00Z"
	run -0 sched list --day 2030-11-03
	assert_output --regexp "^apt-3	2030-11-03T01:00-05:00	2030-11-03T01:30-05:00	pat-1	"
	run -0 sched show -o json apt-3
	assert_equal "$(jq -r '.start + " " + .end' <<<"$output")" \
	    "2030-11-03T01:00-05:00 2030-11-03T01:30-05:00"
	run -0 sched day 2030-11-03
	assert_line --partial "  01:00 (-05:00)-01:30 (-05:00)  Doe, Jane"
	# a time that happens once is printed as before
	run -0 sched free --provider prv-1 --day 2030-11-03 --length 60m
	assert_line --index 0 "prv-1	2030-11-03T00:00	2030-11-03T01:00-04:00	60"
	assert_line --index 2 "prv-1	2030-11-03T01:30-05:00	2030-11-03T02:30	60"
}

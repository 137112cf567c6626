load helper

# sched: booking, moving and cancelling visits; no double booking of a
# provider, a room or a patient (held by the database); hours, days off
# and DST; recurring series; free slots; the day's agenda; patient flow
# (check-in, check-out, no-show); the waitlist; import; who may do what
# and the audit trail.  Bad data is 65 and writes nothing, a usage error
# 64, a role without the capability 77.  Bookings that must lie in the
# future are in 2030 or later; "the past" is 2025.  TZ is New York.

# NPI1..3 are helper.bash's; NPI3 belongs to nobody here.

# The clinic every test starts from:
#   prv-1 Maria Chen, MD (NPI1) and prv-2 Bo Berg (NPI2), both mon-fri
#   08:00-12:00,13:00-17:00; prv-1 is off 2030-12-25 (Holiday)
#   visit type follow-up (20m); room "Room 2" (res-1)
#   pat-1 Jane Doe (M0000001), pat-2 John Roe (M0000002),
#   pat-3 Ana Lee (M0000003)
#   users: desk (frontdesk), doc (provider), nina (nurse), bill (billing)
clinic() {
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X \
	    --credential MD
	provider add --name "Bo Berg" --npi "$NPI2" --taxonomy 207Q00000X
	provider hours prv-1 mon-fri 08:00-12:00,13:00-17:00
	provider hours prv-2 mon-fri 08:00-12:00,13:00-17:00
	provider off prv-1 2030-12-25 --reason Holiday
	provider visit-type add follow-up 20m
	provider resource add "Room 2" --kind room
	patient add --first Jane --last Doe --dob 1980-01-02
	patient add --first John --last Roe --dob 1970-05-06
	patient add --first Ana --last Lee --dob 1990-03-04
	user add desk --role frontdesk
	user add doc --role provider
	user add nina --role nurse
	user add bill --role billing
}

setup_file() { clinic_once clinic; }
setup() { clinic_copy; }

count() { sqlite3 "$CLINIX_DB" "select count(*) from $1"; }
# A checksum of the whole database, audit trail included: "nothing
# written" is this staying the same.
everything() { sqlite3 "$CLINIX_DB" .dump | cksum; }
# The same without the audit trail, for refusals that are audited.
data() { sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum; }
# Stored (UTC) start and end of apt-N.
stored() {
	sqlite3 "$CLINIX_DB" \
	    "select start_at || ' ' || end_at from appointment where id = ${1#apt-}"
}
status() {
	sqlite3 "$CLINIX_DB" "select status from appointment where id = ${1#apt-}"
}
# One field of `sched show -o json APT`.
field() { sched show -o json "$1" | jq -r ".$2 // empty"; }
last_audit() {
	sqlite3 -separator '|' "$CLINIX_DB" "select login, action, outcome,
	    ifnull(patient_id, '-'), ifnull(record, '-') from audit
	    order by id desc limit 1"
}
last_detail() {
	sqlite3 "$CLINIX_DB" "select detail from audit order by id desc limit 1"
}
today() { date +%Y-%m-%d; }
# book PAT PRV AT LENGTH [options]: a booking that must succeed.
book() {
	local pat=$1 prv=$2 at=$3 len=$4
	shift 4
	sched book "$pat" --provider "$prv" --at "$at" --length "$len" "$@" \
	    >/dev/null || fail "could not book $pat with $prv at $at"
}
# The lines of one provider's block in `sched day` output ($output).
block() {
	awk -v h="$1" '$0 == h { on = 1; next } on && $0 == "" { exit } on' \
	    <<<"$output"
}

# -- book -----------------------------------------------------------------

# book_refused WHY ARG ...: sched book ARG ... is bad data (65), prints
# nothing and says WHY.
book_refused() {
	local why=$1
	shift
	run -65 --separate-stderr sched book "$@"
	assert_output ""
	assert_equal "$stderr" "$why"
}
# book_refused_like PATTERN ARG ...: the same, saying what PATTERN matches.
book_refused_like() {
	local pattern=$1
	shift
	run -65 --separate-stderr sched book "$@"
	assert_output ""
	# shellcheck disable=SC2053
	[[ $stderr == $pattern ]] || fail "$stderr"
}

@test "book prints the new id; stored in UTC, shown in local time, audited" {
	run -0 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T09:30 --length 20m
	assert_output "apt-1"
	assert_equal "$stderr" ""
	assert_equal "$(stored apt-1)" "2030-12-02T14:30:00Z 2030-12-02T14:50:00Z"
	assert_equal "$(status apt-1)" booked
	assert_equal "$(last_audit)" "$(id -un)|sched.book|ok|1|apt-1"
	run -0 sched list --day 2030-12-02
	assert_output "apt-1	2030-12-02T09:30	2030-12-02T09:50	pat-1	Doe, Jane	prv-1			booked"
	run -0 sched book pat-2 --provider prv-1 --at 2030-12-02T10:00 --length 20m
	assert_output "apt-2"
}

@test "book takes an MRN and an NPI, a visit type for the length, a room, a note" {
	run -0 --separate-stderr sched book M0000002 --provider "$NPI2" \
	    --at 2030-12-03T10:00 --type follow-up --resource "Room 2" \
	    --note "bring the x-rays"
	assert_output "apt-1"
	run -0 sched show -o json apt-1
	assert_equal "$(jq -c '[.patient, .mrn, .provider, .type, .resource, .start, .end, .minutes, .note, .status]' <<<"$output")" \
	    '["pat-2","M0000002","prv-2","follow-up","Room 2","2030-12-03T10:00","2030-12-03T10:20",20,"bring the x-rays","booked"]'
	# a room by its id too
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-03T11:00 \
	    --length 20m --resource res-1
	assert_equal "$(field apt-2 resource)" "Room 2"
}

@test "lengths: 20m, 1h30m, 45m, --end, and 12 hours at most" {
	book pat-1 prv-1 2030-12-02T08:00 1h30m
	book pat-1 prv-1 2030-12-03T08:00 45m
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-04T10:00 \
	    --end 2030-12-04T11:15
	# a whole 12 hours (outside the provider's hours, so forced)
	book pat-1 prv-2 2030-12-05T05:00 12h --force
	run -0 sched show -o json apt-1 apt-2 apt-3 apt-4
	assert_equal "$(jq -r '"\(.start) \(.end) \(.minutes)"' <<<"$output")" \
	    "2030-12-02T08:00 2030-12-02T09:30 90
2030-12-03T08:00 2030-12-03T08:45 45
2030-12-04T10:00 2030-12-04T11:15 75
2030-12-05T05:00 2030-12-05T17:00 720"
}

@test "a length of 0 or over 12 hours, or --end not after --at, is 65: nothing written" {
	local before l
	before=$(everything)
	for l in 0 0m 0h 12h1m 721 13h 20x -5m ""; do
		run -65 --separate-stderr sched book pat-1 --provider prv-1 \
		    --at 2030-12-02T10:00 --length "$l" --force
		assert_output ""
		[[ $stderr == "sched: --length '$l': "* ]] || fail "length '$l': $stderr"
	done
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T10:00 --end 2030-12-02T09:59
	[[ $stderr == "sched: --end '2030-12-02T09:59': "* ]] || fail "$stderr"
	run -65 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --end 2030-12-02T10:00
	run -65 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --end 2030-12-01T11:00
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T10:00 --end 2030-12-02T22:01 --force
	[[ $stderr == "sched: --end '2030-12-02T22:01': "* ]] || fail "$stderr"
	assert_equal "$(everything)" "$before"
	assert_equal "$(count appointment)" 0
}

@test "an unknown patient, provider, visit type or room is 65: nothing written" {
	local before
	before=$(everything)
	book_refused "sched: no patient 'pat-9'" \
	    pat-9 --provider prv-1 --at 2030-12-02T10:00 --length 20m
	book_refused "sched: no patient 'M0000099'" \
	    M0000099 --provider prv-1 --at 2030-12-02T10:00 --length 20m
	run -65 --separate-stderr sched book pat-1 --provider prv-9 \
	    --at 2030-12-02T10:00 --length 20m
	assert_equal "$stderr" "sched: no provider 'prv-9'"
	run -65 --separate-stderr sched book pat-1 --provider "$NPI3" \
	    --at 2030-12-02T10:00 --length 20m
	assert_equal "$stderr" "sched: no provider '$NPI3'"
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T10:00 --type nope
	[[ $stderr == "sched: no visit type 'nope'"* ]] || fail "$stderr"
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T10:00 --length 20m --resource "Room 9"
	[[ $stderr == "sched: no room or device 'Room 9'"* ]] || fail "$stderr"
	# ids of the wrong kind
	run -65 --separate-stderr sched book apt-1 --provider prv-1 \
	    --at 2030-12-02T10:00 --length 20m
	assert_equal "$stderr" "sched: not a patient id 'apt-1'"
	run -65 sched book pat-1 --provider pat-1 --at 2030-12-02T10:00 --length 20m
	assert_equal "$(everything)" "$before"
}

@test "a note that is too long, empty, or holds control bytes or bad UTF-8 is 65" {
	local before n
	before=$(everything)
	for n in "$(printf 'x%.0s' {1..1001})" "" $'a\x01b' $'a\xffb'; do
		run -65 --separate-stderr sched book pat-1 --provider prv-1 \
		    --at 2030-12-02T10:00 --length 20m --note "$n"
		assert_output ""
		[[ $stderr == "sched: --note: "* ]] || fail "$stderr"
	done
	run -65 --separate-stderr sched waitlist add pat-1 --note ""
	assert_equal "$(everything)" "$before"
	# 1000 bytes is fine, and comes back verbatim
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --length 20m --note "$(printf 'é%.0s' {1..500})"
	assert_equal "$(field apt-1 note)" "$(printf 'é%.0s' {1..500})"
	book pat-1 prv-1 2030-12-02T11:00 20m
	run -65 --separate-stderr sched cancel apt-2 --reason "$(printf 'x%.0s' {1..1001})"
	[[ $stderr == "sched: --reason: "* ]] || fail "$stderr"
	assert_equal "$(status apt-2)" booked
}

@test "a deactivated provider cannot be booked (65)" {
	provider deactivate prv-2 >/dev/null
	local before
	before=$(everything)
	run -65 --separate-stderr sched book pat-1 --provider prv-2 \
	    --at 2030-12-02T10:00 --length 20m
	assert_equal "$stderr" "sched: prv-2 is deactivated"
	assert_equal "$(everything)" "$before"
}

@test "a malformed --at is 65 and writes nothing" {
	local before a
	before=$(everything)
	for a in 2030-13-01T09:30 2030-02-30T09:00 2030-12-02T9:30 \
	    2030-12-02T25:00 2030-12-02T09:60 2030-12-02T24:00 nonsense "" \
	    2030-12-02T09:30+25:00 30-12-02T09:30 "2030-12-02T09:30 x"; do
		run -65 --separate-stderr sched book pat-1 --provider prv-1 \
		    --at "$a" --length 20m --force
		assert_output ""
		[[ $stderr == "sched: --at '$a': "* ]] || fail "--at '$a': $stderr"
	done
	assert_equal "$(everything)" "$before"
}

@test "missing patient, --provider or --at, or options that clash, are usage errors (64)" {
	local before
	before=$(everything)
	run -64 --separate-stderr sched book --provider prv-1 --at 2030-12-02T10:00 --length 20m
	[[ $stderr == "sched: "*"usage: sched book"* ]] || fail "$stderr"
	run -64 sched book pat-1 --at 2030-12-02T10:00 --length 20m
	run -64 sched book pat-1 --provider prv-1 --length 20m
	run -64 sched book pat-1 pat-2 --provider prv-1 --at 2030-12-02T10:00 --length 20m
	run -64 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 --length 20m --bogus
	# no length at all
	run -64 --separate-stderr sched book pat-1 --provider prv-1 --at 2030-12-02T10:00
	assert_equal "${stderr_lines[0]}" "sched: say how long: --length (20m, 1h) or --type"
	# two lengths
	run -64 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --length 20m --type follow-up
	run -64 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --length 20m --end 2030-12-02T10:20
	# --recur and --count go together, with a known rule and a count >= 1
	run -64 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --length 20m --recur weekly
	run -64 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --length 20m --count 3
	run -64 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T10:00 --length 20m --recur yearly --count 3
	assert_equal "${stderr_lines[0]}" \
	    "sched: --recur wants daily, weekly, biweekly or monthly, not 'yearly'"
	run -64 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --length 20m --recur weekly --count 0
	run -64 sched book pat-1 --provider prv-1 --at 2030-12-02T10:00 \
	    --length 20m --recur weekly --count x
	run -64 sched
	run -64 --separate-stderr sched bogus
	assert_equal "${stderr_lines[0]}" "sched: unknown command 'bogus'"
	assert_equal "$(everything)" "$before"
}

@test "an option's value that looks like -h or -V is the value, not help or the version" {
	run -0 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T09:30 --length 20m --note -h
	assert_equal "$stderr" ""
	assert_output "apt-1"
	assert_equal "$(field apt-1 note)" "-h"
	run -0 --separate-stderr clinix sched cancel apt-1 --reason -V
	assert_equal "$stderr" ""
	assert_output "apt-1"
	assert_equal "$(status apt-1)" cancelled
	run -0 sqlite3 "$CLINIX_DB" \
	    "select detail from appointment_event where event = 'cancelled'"
	assert_output "-V"
	# -h after the verb is its help, naming each option with its help
	run -0 --separate-stderr sched cancel apt-1 -h
	assert_line --index 0 "sched cancel - cancel visits; the slot is free again"
	assert_line --index 2 "options:"
	assert_line --index 3 --regexp $'^\t-r, --reason TEXT +why \\(kept with the appointment\\)$'
}

@test "the options keep getopt's ways: short letters, bundles, '=', prefixes, '_' for '-'" {
	run -0 sched book pat-1 -pprv-1 -a 2030-12-02T09:30 -l20m
	assert_output "apt-1"
	run -0 sched book pat-2 --prov=prv-1 --at=2030-12-02T10:00 --type follow-up
	assert_output "apt-2"
	run -0 sched list --da 2030-12-02 -Hotsv
	assert_equal "${#lines[@]}" 3
	assert_line --index 0 --regexp '^#'
	# --keep_going is --keep-going: the file is read, not refused as usage
	run -65 --separate-stderr sched import --keep_going /dev/null
	[[ $stderr != *"unknown option"* ]] || fail "$stderr"
	run -64 --separate-stderr sched list --day
	assert_equal "${stderr_lines[0]}" "sched: option '--day' needs a value"
	run -64 --separate-stderr sched checkin apt-1 --force=yes
	assert_equal "${stderr_lines[0]}" "sched: option '--force' takes no value"
	run -64 --separate-stderr sched waitlist list extra
	assert_equal "${stderr_lines[0]}" "sched: unexpected argument 'extra'"
	assert_equal "$(status apt-1)" booked
}

@test "a start in the past is refused unless --force, and the override is audited" {
	local before
	before=$(everything)
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2025-03-03T09:00 --length 20m
	assert_output ""
	[[ $stderr == "sched: "*past*"--force"* ]] || fail "$stderr"
	assert_equal "$(everything)" "$before"
	run -0 sched book pat-1 --provider prv-1 --at 2025-03-03T09:00 \
	    --length 20m --force
	assert_output "apt-1"
	assert_equal "$(stored apt-1)" "2025-03-03T14:00:00Z 2025-03-03T14:20:00Z"
	assert_equal "$(field apt-1 forced)" yes
	assert_equal "$(sqlite3 "$CLINIX_DB" "select action || '|' || outcome from audit where record = 'apt-1'")" \
	    "sched.book|ok"
	[[ $(sqlite3 "$CLINIX_DB" "select detail from audit where record = 'apt-1'") == *force*past* ]] ||
	    fail "the audit row does not say what was forced"
}

@test "outside hours, in the lunch break, on a weekend or a day off: 65 unless --force" {
	local before
	before=$(everything)
	# 12:00-13:00 is lunch; 11:50 for 20m runs into it; 16:50 past 17:00
	for a in 2030-12-02T12:00 2030-12-02T11:50 2030-12-02T16:50 \
	    2030-12-02T07:45 2030-12-02T17:00 2030-12-02T12:50; do
		run -65 --separate-stderr sched book pat-1 --provider prv-1 \
		    --at "$a" --length 20m
		assert_output ""
		[[ $stderr == "sched: "*"prv-1"*"--force"* ]] || fail "$a: $stderr"
	done
	# a Saturday
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-07T10:00 --length 20m
	[[ $stderr == "sched: "*"--force"* ]] || fail "$stderr"
	# the day off, naming its reason
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-25T10:00 --length 20m
	[[ $stderr == "sched: "*"2030-12-25"*Holiday*"--force"* ]] || fail "$stderr"
	assert_equal "$(everything)" "$before"
	# the edges of the hours are inside
	book pat-1 prv-1 2030-12-02T08:00 20m
	book pat-1 prv-1 2030-12-02T11:40 20m
	book pat-1 prv-1 2030-12-02T13:00 20m
	book pat-1 prv-1 2030-12-02T16:40 20m
	# another provider works on prv-1's day off
	book pat-1 prv-2 2030-12-25T10:00 20m
	run -0 sched show -o json apt-1 apt-2 apt-3 apt-4 apt-5
	assert_equal "$(jq -r .forced <<<"$output" | sort -u)" no
	# --force books it, marks it and says why in the audit trail
	run -0 sched book pat-2 --provider prv-1 --at 2030-12-25T10:00 \
	    --length 20m --force
	assert_output "apt-6"
	assert_equal "$(field apt-6 forced)" yes
	[[ $(sqlite3 "$CLINIX_DB" "select detail from audit where record = 'apt-6'") == *force*Holiday* ]] ||
	    fail "the audit row does not say what was forced"
	run -0 sched book pat-2 --provider prv-1 --at 2030-12-07T10:00 \
	    --length 20m --force
	assert_equal "$(field apt-7 forced)" yes
}

# -- DST ------------------------------------------------------------------

@test "DST: a local time that does not exist is refused, with --force too" {
	provider hours prv-2 sun 00:00-24:00 >/dev/null
	local before
	before=$(everything)
	book_refused_like "sched: --at '2030-03-10T02:30': *not exist*" \
	    pat-1 --provider prv-2 --at 2030-03-10T02:30 --length 20m
	book_refused_like "sched: --at '2030-03-10T02:00': *not exist*" \
	    pat-1 --provider prv-2 --at 2030-03-10T02:00 --length 20m --force
	assert_equal "$(everything)" "$before"
	# either side of the gap is fine, an hour of UTC apart
	book pat-1 prv-2 2030-03-10T01:30 20m
	book pat-1 prv-2 2030-03-10T03:30 20m
	assert_equal "$(stored apt-1)" "2030-03-10T06:30:00Z 2030-03-10T06:50:00Z"
	assert_equal "$(stored apt-2)" "2030-03-10T07:30:00Z 2030-03-10T07:50:00Z"
	# 01:50 EST for 20m runs to 03:10 EDT: it overlaps a 03:00 visit
	book pat-2 prv-1 2030-03-10T03:00 20m --force
	book_refused "sched: patient already booked in apt-3 (2030-03-10T03:00-03:20)" \
	    pat-2 --provider prv-2 --at 2030-03-10T01:50 --length 20m
}

@test "DST: an ambiguous local time is refused; an explicit offset picks one" {
	local before
	provider hours prv-2 sun 00:00-24:00 >/dev/null
	before=$(everything)
	book_refused_like "sched: --at '2030-11-03T01:30': *ambiguous*" \
	    pat-1 --provider prv-2 --at 2030-11-03T01:30 --length 20m
	run -65 sched book pat-1 --provider prv-2 --at 2030-11-03T01:00 \
	    --length 20m --force
	assert_equal "$(everything)" "$before"
	run -0 sched book pat-1 --provider prv-2 --at 2030-11-03T01:30-05:00 --length 20m
	assert_output "apt-1"
	run -0 sched book pat-2 --provider prv-2 --at 2030-11-03T01:30-04:00 --length 20m
	assert_output "apt-2"
	assert_equal "$(stored apt-1)" "2030-11-03T06:30:00Z 2030-11-03T06:50:00Z"
	assert_equal "$(stored apt-2)" "2030-11-03T05:30:00Z 2030-11-03T05:50:00Z"
	# two different instants: no conflict, both inside the hours
	assert_equal "$(field apt-1 forced)$(field apt-2 forced)" "nono"
}

@test "DST: a weekly series across the March change keeps 09:30 local" {
	run -0 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-03-04T09:30 --length 20m --recur weekly --count 3
	assert_output "apt-1
apt-2
apt-3"
	assert_equal "$stderr" ""
	run -0 sqlite3 "$CLINIX_DB" "select start_at, end_at from appointment order by id"
	assert_output "2030-03-04T14:30:00Z|2030-03-04T14:50:00Z
2030-03-11T13:30:00Z|2030-03-11T13:50:00Z
2030-03-18T13:30:00Z|2030-03-18T13:50:00Z"
	run -0 sched list --from 2030-03-01 --to 2030-03-31
	assert_equal "$(cut -f2,3 <<<"$output")" "2030-03-04T09:30	2030-03-04T09:50
2030-03-11T09:30	2030-03-11T09:50
2030-03-18T09:30	2030-03-18T09:50"
	# one series, named by its first appointment
	run -0 sched show -o json apt-1 apt-2 apt-3
	assert_equal "$(jq -r .series <<<"$output" | sort -u)" "apt-1"
}

@test "DST: a weekly series across the November change keeps 09:30 local" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-10-28T09:30 \
	    --length 20m --recur weekly --count 2
	run -0 sqlite3 "$CLINIX_DB" "select start_at from appointment order by id"
	assert_output "2030-10-28T13:30:00Z
2030-11-04T14:30:00Z"
}

@test "DST: a daily series whose instance falls in the gap names that instance" {
	provider hours prv-2 sat,sun,mon 00:00-24:00 >/dev/null
	local before
	before=$(everything)
	run -65 --separate-stderr sched book pat-1 --provider prv-2 \
	    --at 2030-03-09T02:30 --length 20m --recur daily --count 3
	[[ $stderr == "sched: instance 2 of 3 (2030-03-10T02:30): "*"not exist"* ]] || fail "$stderr"
	assert_equal "$(everything)" "$before"
	run -0 --separate-stderr sched book pat-1 --provider prv-2 \
	    --at 2030-03-09T02:30 --length 20m --recur daily --count 3 --skip
	assert_output "apt-1
apt-2"
	[[ $stderr == "sched: skipped instance 2 of 3 (2030-03-10T02:30): "* ]] || fail "$stderr"
	assert_equal "$(stored apt-2)" "2030-03-11T06:30:00Z 2030-03-11T06:50:00Z"
}

# -- recurring series -----------------------------------------------------

@test "daily, biweekly and monthly series" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:00 \
	    --length 20m --recur daily --count 3
	assert_output "apt-1
apt-2
apt-3"
	run -0 sched book pat-1 --provider prv-2 --at 2030-12-02T14:00 \
	    --length 20m --recur biweekly --count 3
	assert_output "apt-4
apt-5
apt-6"
	run -0 sched book pat-2 --provider prv-2 --at 2031-01-06T10:00 \
	    --length 20m --recur monthly --count 3 --force
	run -0 sched list --patient pat-1
	assert_equal "$(cut -f2 <<<"$output" | tr '\n' ' ')" \
	    "2030-12-02T09:00 2030-12-02T14:00 2030-12-03T09:00 2030-12-04T09:00 2030-12-16T14:00 2030-12-30T14:00 "
	run -0 sched list --patient pat-2
	assert_equal "$(cut -f2 <<<"$output" | tr '\n' ' ')" \
	    "2031-01-06T10:00 2031-02-06T10:00 2031-03-06T10:00 "
	run -0 sched show -o json apt-4 apt-5 apt-6
	assert_equal "$(jq -r .series <<<"$output" | sort -u)" "apt-4"
	# a single booking is no series
	book pat-3 prv-1 2030-12-02T10:00 20m
	assert_equal "$(field apt-10 series)" ""
}

@test "a series across a holiday is refused, naming the instance: nothing written" {
	local before
	before=$(everything)
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-18T09:30 --length 20m --recur weekly --count 3
	assert_output ""
	[[ $stderr == "sched: instance 2 of 3 (2030-12-25T09:30): "*Holiday* ]] || fail "$stderr"
	assert_equal "${#stderr_lines[@]}" 1
	assert_equal "$(everything)" "$before"
}

@test "--skip books the rest of a series and names the skipped instance on stderr" {
	run -0 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-18T09:30 --length 20m --recur weekly --count 3 --skip
	assert_output "apt-1
apt-2"
	assert_equal "${#stderr_lines[@]}" 1
	[[ $stderr == "sched: "*"instance 2 of 3 (2030-12-25T09:30)"*Holiday* ]] || fail "$stderr"
	run -0 sched show -o json apt-1 apt-2
	assert_equal "$(jq -r '"\(.start) \(.forced) \(.series)"' <<<"$output")" \
	    "2030-12-18T09:30 no apt-1
2031-01-01T09:30 no apt-1"
	assert_equal "$(count appointment)" 2
	assert_equal "$(sqlite3 "$CLINIX_DB" "select count(*) from audit where action = 'sched.book'")" 2
}

@test "--force books a whole series; only the forced instance shows forced=yes" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-18T09:30 \
	    --length 20m --recur weekly --count 3 --force
	assert_output "apt-1
apt-2
apt-3"
	run -0 sched show -o json apt-1 apt-2 apt-3
	assert_equal "$(jq -r '"\(.start) \(.forced)"' <<<"$output")" \
	    "2030-12-18T09:30 no
2030-12-25T09:30 yes
2031-01-01T09:30 no"
	[[ $(sqlite3 "$CLINIX_DB" "select detail from audit where record = 'apt-2'") == *force* ]] ||
	    fail "the forced instance's audit row does not say so"
	[[ $(sqlite3 "$CLINIX_DB" "select detail from audit where record = 'apt-1'") != *force* ]] ||
	    fail "apt-1 was not forced"
}

@test "a series that runs into another booking names the instance: nothing written" {
	book pat-3 prv-1 2030-12-16T09:30 20m
	local before
	before=$(everything)
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T09:30 --length 20m --recur weekly --count 6
	assert_output ""
	assert_equal "$stderr" \
	    "sched: instance 3 of 6 (2030-12-16T09:30): slot taken by apt-1 (2030-12-16T09:30-09:50)"
	assert_equal "$(everything)" "$before"
	# --skip when every instance is refused books nothing
	run -65 --separate-stderr sched book pat-2 --provider prv-1 \
	    --at 2030-12-16T09:30 --length 20m --recur daily --count 1 --skip
	assert_output ""
	assert_equal "$(everything)" "$before"
}

# -- no double booking ----------------------------------------------------

@test "a provider is never double booked: 65 naming the visit in the way" {
	book pat-1 prv-1 2030-12-02T09:30 30m
	local before a
	before=$(everything)
	for a in "09:30 30m" "09:15 30m" "09:45 30m" "09:40 10m" "09:00 1h30m" "09:59 5m"; do
		set -- $a
		book_refused "sched: slot taken by apt-1 (2030-12-02T09:30-10:00)" \
		    pat-2 --provider prv-1 \
		    --at "2030-12-02T$1" --length "$2"
	done
	# also by NPI, and with --force: hours may be forced, a taken slot not
	run -65 --separate-stderr sched book pat-2 --provider "$NPI1" \
	    --at 2030-12-02T09:45 --length 30m --force
	assert_equal "$stderr" "sched: slot taken by apt-1 (2030-12-02T09:30-10:00)"
	assert_equal "$(everything)" "$before"
	# back to back is no overlap
	book pat-2 prv-1 2030-12-02T09:00 30m
	book pat-3 prv-1 2030-12-02T10:00 30m
	# another provider at the same time is fine
	book pat-3 prv-2 2030-12-02T09:30 30m
	assert_equal "$(count appointment)" 4
}

@test "cancelled and no-show visits do not hold their slot" {
	book pat-1 prv-1 2030-12-02T09:30 30m
	sched cancel apt-1 --reason "called in" >/dev/null
	run -0 sched book pat-2 --provider prv-1 --at 2030-12-02T09:30 --length 30m
	assert_output "apt-2"
	# a past visit marked no-show frees its slot as well
	book pat-1 prv-1 2025-03-03T09:00 30m --force
	run -0 sched noshow apt-3
	run -0 sched book pat-2 --provider prv-1 --at 2025-03-03T09:00 \
	    --length 30m --force
	assert_output "apt-4"
	# and the patient's own time is free again too
	run -0 sched book pat-1 --provider prv-2 --at 2030-12-02T09:30 --length 30m
	assert_output "apt-5"
}

@test "a patient is never in two overlapping visits, even with different providers" {
	book pat-1 prv-1 2030-12-02T09:30 30m
	local before
	before=$(everything)
	book_refused "sched: patient already booked in apt-1 (2030-12-02T09:30-10:00)" \
	    pat-1 --provider prv-2 \
	    --at 2030-12-02T09:45 --length 30m
	book_refused "sched: patient already booked in apt-1 (2030-12-02T09:30-10:00)" \
	    M0000001 --provider prv-2 --at 2030-12-02T09:00 --length 2h --force
	assert_equal "$(everything)" "$before"
	book pat-1 prv-2 2030-12-02T10:00 30m
}

@test "a room is never double booked, even when the providers differ" {
	book pat-1 prv-1 2030-12-02T09:30 30m --resource "Room 2"
	local before
	before=$(everything)
	book_refused "sched: resource taken by apt-1 (2030-12-02T09:30-10:00)" \
	    pat-2 --provider prv-2 \
	    --at 2030-12-02T09:45 --length 30m --resource "Room 2"
	run -65 --separate-stderr sched book pat-2 --provider prv-2 \
	    --at 2030-12-02T09:00 --length 1h --resource res-1 --force
	assert_equal "$stderr" "sched: resource taken by apt-1 (2030-12-02T09:30-10:00)"
	assert_equal "$(everything)" "$before"
	# without the room, or in the room right after: fine
	book pat-2 prv-2 2030-12-02T09:45 30m
	book pat-3 prv-2 2030-12-02T10:15 30m --resource "Room 2"
	run -0 sched list --day 2030-12-02 --resource "Room 2"
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-1 apt-3 "
}

@test "--overbook by a provider books a deliberate double booking, marked and audited" {
	need_root
	book pat-1 prv-1 2030-12-02T09:30 30m
	run -0 --separate-stderr env CLINIX_USER=doc sched book pat-2 \
	    --provider prv-1 --at 2030-12-02T09:40 --length 20m --overbook
	assert_output "apt-2"
	assert_equal "$stderr" ""
	assert_equal "$(last_audit)" "doc|sched.book|ok|2|apt-2"
	[[ $(last_detail) == *overbook* ]] || fail "audit detail: $(last_detail)"
	assert_equal "$(field apt-2 overbook)" yes
	assert_equal "$(field apt-1 overbook)" no
	run -0 sched history -o json apt-2
	assert_equal "$(jq -r '"\(.event) \(.login) \(.detail)"' <<<"$output")" "booked doc overbook"
	# the admin may too, for a patient who is already booked elsewhere
	run -0 sched book pat-1 --provider prv-2 --at 2030-12-02T09:30 \
	    --length 20m --overbook
	assert_output "apt-3"
	assert_equal "$(field apt-3 overbook)" yes
	# the agenda shows it
	run -0 sched day 2030-12-02
	assert_line --regexp '^  09:40-10:00 .*Roe, John.*booked \(overbooked\)'
	# a third visit without --overbook still finds the slot taken
	run -65 --separate-stderr sched book pat-3 --provider prv-1 \
	    --at 2030-12-02T09:45 --length 10m
	[[ $stderr == "sched: slot taken by apt-"[12]" "* ]] || fail "$stderr"
}

@test "history keeps the overbooked booking after the visit moves to a free time" {
	book pat-1 prv-1 2030-12-02T09:30 30m
	book pat-2 prv-1 2030-12-02T09:40 20m --overbook
	run -0 sched move apt-2 --at 2030-12-02T11:00
	# no longer a double booking...
	assert_equal "$(field apt-2 overbook)" no
	run -0 sched book pat-3 --provider prv-1 --at 2030-12-02T10:00 --length 20m
	# ...but it was booked as one, and its history says so
	run -0 sched history -o json apt-2
	assert_equal "$(jq -r '"\(.event) \(.old_start // "-") \(.detail // "-")"' <<<"$output")" \
	    "booked - overbook
moved 2030-12-02T09:40 -"
}

@test "--overbook where nothing overlaps books a plain visit (overbook=no)" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:30 \
	    --length 20m --overbook
	assert_equal "$(field apt-1 overbook)" no
	run -0 sched history -o json apt-1
	assert_equal "$(jq -r '.detail // "-"' <<<"$output")" "-"
}

@test "--overbook by front desk or a nurse is 77, audited as denied, nothing booked" {
	need_root
	book pat-1 prv-1 2030-12-02T09:30 30m
	local before n
	before=$(data)
	for u in desk nina; do
		n=$(count audit)
		run -77 --separate-stderr env CLINIX_USER=$u sched book pat-2 \
		    --provider prv-1 --at 2030-12-02T09:40 --length 20m --overbook
		assert_output ""
		[[ $stderr == "sched: permission denied"*overbook* ]] || fail "$stderr"
		assert_equal "$(count audit)" $((n + 1))
		assert_equal "$(sqlite3 "$CLINIX_DB" "select login, action, outcome from audit order by id desc limit 1")" \
		    "$u|sched.book|denied"
	done
	assert_equal "$(data)" "$before"
	assert_equal "$(count appointment)" 1
	run -0 audit verify
}

@test "--overbook never overrides a room conflict" {
	need_root
	book pat-1 prv-1 2030-12-02T09:30 30m --resource "Room 2"
	local before
	before=$(everything)
	run -65 --separate-stderr env CLINIX_USER=doc sched book pat-2 \
	    --provider prv-2 --at 2030-12-02T09:40 --length 20m \
	    --resource "Room 2" --overbook
	assert_equal "$stderr" "sched: resource taken by apt-1 (2030-12-02T09:30-10:00)"
	run -65 sched book pat-2 --provider prv-1 --at 2030-12-02T09:40 \
	    --length 20m --resource "Room 2" --overbook
	assert_equal "$(everything)" "$before"
}

@test "checking in an overbooked visit and its neighbour both work" {
	local t
	t=$(today)
	book pat-1 prv-1 "${t}T00:00" 30m --force
	book pat-2 prv-1 "${t}T00:10" 30m --force --overbook
	assert_equal "$(field apt-2 overbook)" yes
	run -0 --separate-stderr sched checkin apt-1 apt-2
	assert_output "apt-1
apt-2"
	run -0 sched checkout apt-2 apt-1
	assert_equal "$(status apt-1) $(status apt-2)" "checkedout checkedout"
}

@test "the database itself refuses overlapping appointments (triggers)" {
	book pat-1 prv-1 2030-12-02T09:30 30m --resource "Room 2"
	local cols="patient_id, provider_id, resource_id, start_at, end_at, created_at, created_by, updated_at"
	ins() {
		sqlite3 "$CLINIX_DB" "INSERT INTO appointment ($cols) VALUES ($1, $2, $3, '$4', '$5', 'now', 'test', 'now')"
	}
	# the same provider, another patient, no room
	run ! ins 2 1 NULL 2030-12-02T14:45:00Z 2030-12-02T15:15:00Z
	[[ $output == *"provider slot taken"* ]] || fail "$output"
	# the same patient with another provider
	run ! ins 1 2 NULL 2030-12-02T14:45:00Z 2030-12-02T15:15:00Z
	[[ $output == *"patient already booked"* ]] || fail "$output"
	# the same room, another provider and patient
	run ! ins 2 2 1 2030-12-02T14:00:00Z 2030-12-02T16:00:00Z
	[[ $output == *"resource slot taken"* ]] || fail "$output"
	assert_equal "$(count appointment)" 1
	# back to back is fine; so is over a cancelled visit
	run -0 ins 2 1 1 2030-12-02T15:00:00Z 2030-12-02T15:30:00Z
	sqlite3 "$CLINIX_DB" "UPDATE appointment SET status = 'cancelled' WHERE id = 1"
	run -0 ins 3 1 1 2030-12-02T14:30:00Z 2030-12-02T15:00:00Z
	# an update cannot move a row onto another, nor revive a cancelled one
	run ! sqlite3 "$CLINIX_DB" "UPDATE appointment SET start_at = '2030-12-02T14:50:00Z' WHERE id = 2"
	[[ $output == *"slot taken"* ]] || fail "$output"
	run ! sqlite3 "$CLINIX_DB" "UPDATE appointment SET status = 'booked' WHERE id = 1"
	assert_equal "$(sqlite3 "$CLINIX_DB" "select id, status, start_at from appointment order by id")" \
	    "1|cancelled|2030-12-02T14:30:00Z
2|booked|2030-12-02T15:00:00Z
3|booked|2030-12-02T14:30:00Z"
}

# -- move, cancel, show, history -------------------------------------------

@test "move to a free time: new times stored, history keeps the old, audited" {
	book pat-1 prv-1 2030-12-02T09:30 30m
	run -0 --separate-stderr sched move apt-1 --at 2030-12-03T14:00
	assert_output "apt-1"
	assert_equal "$stderr" ""
	assert_equal "$(stored apt-1)" "2030-12-03T19:00:00Z 2030-12-03T19:30:00Z"
	assert_equal "$(last_audit)" "$(id -un)|sched.move|ok|1|apt-1"
	# overlapping its own old time is no conflict
	run -0 sched move apt-1 --at 2030-12-03T14:15
	assert_equal "$(stored apt-1)" "2030-12-03T19:15:00Z 2030-12-03T19:45:00Z"
	# a new length, another provider
	run -0 sched move apt-1 --length 1h
	run -0 sched move apt-1 --provider prv-2
	run -0 sched show -o json apt-1
	assert_equal "$(jq -r '"\(.provider) \(.start) \(.end) \(.status)"' <<<"$output")" \
	    "prv-2 2030-12-03T14:15 2030-12-03T15:15 booked"
	run -0 sched history apt-1
	assert_equal "${#lines[@]}" 5
	assert_equal "$(cut -f1,3- <<<"$output")" "apt-1	$(id -un)	booked			
apt-1	$(id -un)	moved	2030-12-02T09:30	2030-12-02T10:00	
apt-1	$(id -un)	moved	2030-12-03T14:00	2030-12-03T14:30	
apt-1	$(id -un)	moved	2030-12-03T14:15	2030-12-03T14:45	
apt-1	$(id -un)	moved	2030-12-03T14:15	2030-12-03T15:15	"
	# the old slot is free again
	book pat-2 prv-1 2030-12-02T09:30 30m
}

@test "move into a taken slot, out of hours, into the past or of a visit not booked: 65" {
	book pat-1 prv-1 2030-12-02T09:30 30m
	book pat-2 prv-1 2030-12-02T10:30 30m
	book pat-3 prv-2 2030-12-02T11:00 30m --resource "Room 2"
	book pat-1 prv-2 2030-12-02T14:00 30m
	local before
	before=$(everything)
	run -65 --separate-stderr sched move apt-1 --at 2030-12-02T10:15
	assert_output ""
	assert_equal "$stderr" "sched: slot taken by apt-2 (2030-12-02T10:30-11:00)"
	run -65 --separate-stderr sched move apt-2 --length 1h --resource "Room 2"
	assert_equal "$stderr" "sched: resource taken by apt-3 (2030-12-02T11:00-11:30)"
	# the patient's own visit with another provider is in the way too
	run -65 --separate-stderr sched move apt-1 --at 2030-12-02T14:15
	assert_equal "$stderr" "sched: patient already booked in apt-4 (2030-12-02T14:00-14:30)"
	run -65 --separate-stderr sched move apt-1 --at 2030-12-02T12:00
	[[ $stderr == "sched: "*"--force"* ]] || fail "$stderr"
	run -65 --separate-stderr sched move apt-1 --at 2030-12-25T09:30
	[[ $stderr == "sched: "*Holiday*"--force"* ]] || fail "$stderr"
	run -65 --separate-stderr sched move apt-1 --at 2025-03-03T09:30
	[[ $stderr == "sched: "*past* ]] || fail "$stderr"
	run -65 sched move apt-1 --at 2030-03-10T02:30 --force
	run -65 sched move apt-1 --at nonsense
	run -65 --separate-stderr sched move apt-9 --at 2030-12-03T09:30
	assert_equal "$stderr" "sched: no appointment apt-9"
	run -65 sched move pat-1 --at 2030-12-03T09:30
	run -64 sched move apt-1
	assert_equal "$(everything)" "$before"
	# --force moves out of hours, and marks it
	run -0 sched move apt-1 --at 2030-12-25T09:30 --force
	assert_equal "$(field apt-1 forced)" yes
	# a cancelled visit does not move
	sched cancel apt-2 >/dev/null
	before=$(everything)
	run -65 --separate-stderr sched move apt-2 --at 2030-12-03T09:30
	[[ $stderr == "sched: apt-2 is cancelled"* ]] || fail "$stderr"
	assert_equal "$(everything)" "$before"
}

@test "cancel with a reason frees the slot and keeps the history; twice is 65" {
	book pat-1 prv-1 2030-12-02T09:30 30m
	run -0 --separate-stderr sched cancel apt-1 --reason "Patient called"
	assert_output "apt-1"
	assert_equal "$stderr" ""
	assert_equal "$(status apt-1)" cancelled
	assert_equal "$(last_audit)" "$(id -un)|sched.cancel|ok|1|apt-1"
	run -0 sched history -o json apt-1
	assert_equal "$(jq -r '"\(.event)|\(.detail // "")"' <<<"$output")" "booked|
cancelled|Patient called"
	# still listed, as cancelled
	run -0 sched list --day 2030-12-02
	assert_output --regexp "^apt-1	.*	cancelled\$"
	local before
	before=$(everything)
	run -65 --separate-stderr sched cancel apt-1 --reason again
	assert_equal "$stderr" "sched: apt-1 is cancelled, not booked"
	run -65 sched cancel apt-9
	run -65 sched cancel pat-1
	assert_equal "$(everything)" "$before"
	run -0 sched book pat-2 --provider prv-1 --at 2030-12-02T09:30 --length 30m
}

@test "cancel takes ids from stdin, as listed by sched list" {
	book pat-1 prv-1 2030-12-02T09:00 20m
	book pat-2 prv-1 2030-12-02T10:00 20m
	book pat-3 prv-1 2030-12-03T10:00 20m
	sched list --day 2030-12-02 >"$BATS_TEST_TMPDIR/ids"
	run -0 sched cancel --reason "clinic closed" - <"$BATS_TEST_TMPDIR/ids"
	assert_output "apt-1
apt-2"
	assert_equal "$(status apt-1) $(status apt-2) $(status apt-3)" \
	    "cancelled cancelled booked"
	# a comment is skipped; an id of another kind is 65, the rest still done
	run -65 --separate-stderr sched cancel <<<"# header
prv-1
apt-3"
	assert_output "apt-3"
	assert_equal "$stderr" "sched: not an appointment id 'prv-1' (like apt-12)"
	assert_equal "$(status apt-3)" cancelled
}

@test "show: every column, -o json; an unknown appointment or another kind of id is 65" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:30 \
	    --type follow-up --resource "Room 2" --note fasting
	run -0 sched show -o json apt-1
	assert_equal "$(jq -c 'del(.created_at, .created_by)' <<<"$output")" \
	    '{"id":"apt-1","start":"2030-12-02T09:30","end":"2030-12-02T09:50","minutes":20,"patient":"pat-1","mrn":"M0000001","name":"Doe, Jane","provider":"prv-1","provider_name":"Maria Chen","type":"follow-up","resource":"Room 2","status":"booked","overbook":"no","forced":"no","series":null,"checkin":null,"checkout":null,"note":"fasting"}'
	run -0 sched show apt-1
	assert_output --regexp "^apt-1	2030-12-02T09:30	2030-12-02T09:50	20	pat-1	M0000001	Doe, Jane	prv-1	Maria Chen	follow-up	Room 2	booked	no	no	"
	run -65 --separate-stderr sched show apt-9
	assert_output ""
	assert_equal "$stderr" "sched: no appointment apt-9"
	run -65 --separate-stderr sched show pat-1
	assert_equal "$stderr" "sched: not an appointment id 'pat-1' (like apt-12)"
	# the known ones are still shown
	run -65 --separate-stderr sched show apt-9 apt-1
	assert_output --regexp "^apt-1	"
	assert_equal "${#lines[@]}" 1
	# no ids and nothing on stdin: nothing shown (1)
	run -1 sched show </dev/null
	run -65 sched history apt-9
	run -64 sched history
}

@test "history: booked, checked in, checked out, in order, with who did it" {
	need_root
	local t
	t=$(today)
	run -0 env CLINIX_USER=desk sched book pat-1 --provider prv-1 \
	    --at "${t}T00:00" --length 20m --force
	run -0 env CLINIX_USER=nina sched checkin apt-1
	run -0 env CLINIX_USER=doc sched checkout apt-1
	run -0 sched history apt-1
	assert_equal "$(cut -f1,3,4 <<<"$output")" "apt-1	desk	booked
apt-1	nina	checkedin
apt-1	doc	checkedout"
	# when: instants, today's
	assert_equal "$(cut -f2 <<<"$output" | grep -cv "^$(date -u +%Y-%m-%d)\|^$(date +%Y-%m-%d)")" 0
}

# -- list and day ---------------------------------------------------------

@test "list: columns, local times, start order; -o csv header; -o json per line" {
	book pat-2 prv-2 2030-12-02T10:00 20m --resource "Room 2"
	sched book pat-1 --provider prv-1 --at 2030-12-02T09:30 --type follow-up >/dev/null
	book pat-3 prv-1 2030-12-03T09:30 20m
	run -0 --separate-stderr sched list --day 2030-12-02
	assert_equal "$stderr" ""
	assert_output "apt-2	2030-12-02T09:30	2030-12-02T09:50	pat-1	Doe, Jane	prv-1	follow-up		booked
apt-1	2030-12-02T10:00	2030-12-02T10:20	pat-2	Roe, John	prv-2		Room 2	booked"
	run -0 sched list --day 2030-12-02 -o csv
	assert_line --index 0 $'id,start,end,patient,name,provider,type,resource,status\r'
	assert_line --index 1 $'apt-2,2030-12-02T09:30,2030-12-02T09:50,pat-1,"Doe, Jane",prv-1,follow-up,,booked\r'
	run -0 sched list --day 2030-12-02 -o json
	assert_equal "${#lines[@]}" 2
	assert_equal "$(jq -c '[.id, .start, .patient, .type, .resource, .status]' <<<"$output")" \
	    '["apt-2","2030-12-02T09:30","pat-1","follow-up",null,"booked"]
["apt-1","2030-12-02T10:00","pat-2",null,"Room 2","booked"]'
	run -0 sched list --day 2030-12-02 -H
	assert_line --index 0 "#id	start	end	patient	name	provider	type	resource	status"
}

@test "list: today by default; --day, --from/--to; exit 1 when nothing is listed" {
	local t tomorrow
	t=$(today)
	tomorrow=$(date -d tomorrow +%Y-%m-%d)
	book pat-1 prv-1 "${t}T00:00" 20m --force
	book pat-2 prv-1 "${tomorrow}T00:00" 20m --force
	book pat-3 prv-1 2030-12-02T09:30 20m
	book pat-3 prv-1 2030-12-04T09:30 20m
	run -0 sched list
	assert_output --regexp "^apt-1	${t}T00:00	"
	assert_equal "${#lines[@]}" 1
	run -0 sched list --day tomorrow
	assert_output --regexp "^apt-2	"
	run -0 sched list --day 2030-12-02
	assert_output --regexp "^apt-3	"
	assert_equal "${#lines[@]}" 1
	run -0 sched list --from 2030-12-01 --to 2030-12-31
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-3 apt-4 "
	run -0 sched list --from 2030-12-03 --to 2030-12-04
	assert_output --regexp "^apt-4	"
	assert_equal "${#lines[@]}" 1
	run -1 --separate-stderr sched list --day 2030-12-03
	assert_output ""
	assert_equal "$stderr" ""
	run -1 sched list --provider prv-2 --from 2030-12-01 --to 2030-12-31
}

@test "list filters: --provider (or NPI), --patient (all of theirs), --status, --resource" {
	book pat-1 prv-1 2030-12-02T09:00 20m --resource "Room 2"
	book pat-2 prv-2 2030-12-02T09:00 20m
	book pat-1 prv-2 2031-06-02T09:00 20m
	book pat-1 prv-1 2025-03-03T09:00 20m --force
	sched cancel apt-2 >/dev/null
	run -0 sched list --day 2030-12-02 --provider "$NPI2"
	assert_output --regexp "^apt-2	.*	prv-2		.*cancelled\$"
	assert_equal "${#lines[@]}" 1
	# a patient's list, without dates, is all of it
	run -0 sched list --patient M0000001
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-4 apt-1 apt-3 "
	run -0 sched list --patient pat-1 --provider prv-2
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-3 "
	run -0 sched list --day 2030-12-02 --status booked
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-1 "
	run -0 sched list --day 2030-12-02 --status cancelled
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-2 "
	run -0 sched list --day 2030-12-02 --resource "Room 2"
	assert_equal "$(cut -f1 <<<"$output" | tr '\n' ' ')" "apt-1 "
	run -1 sched list --patient pat-3
}

@test "list: clashing or bad options and dates are 64, unknown records 65" {
	run -64 --separate-stderr sched list --day 2030-12-02 --from 2030-12-01
	[[ $stderr == "sched: "* ]] || fail "$stderr"
	run -64 --separate-stderr sched list --status gone
	[[ ${stderr_lines[0]} == "sched: --status "*"'gone'"* ]] || fail "$stderr"
	run -64 sched list extra
	run -64 --separate-stderr sched list --from 2030-12-03 --to 2030-12-02
	assert_equal "${stderr_lines[0]}" "sched: --to 2030-12-02 is before --from 2030-12-03"
	run -64 --separate-stderr sched list --day 2030-13-01
	assert_equal "${stderr_lines[0]}" "sched: --day '2030-13-01': not a date (use 2026-11-27, today or +3d)"
	run -65 --separate-stderr sched list --provider prv-9
	assert_equal "$stderr" "sched: no provider 'prv-9'"
	run -65 --separate-stderr sched list --patient pat-9
	assert_equal "$stderr" "sched: no patient 'pat-9'"
	run -65 sched list --resource "Room 9"
}

@test "every listing is one audit row" {
	book pat-1 prv-1 2030-12-02T09:00 20m
	book pat-2 prv-1 2030-12-02T10:00 20m
	local n
	n=$(count audit)
	sched list --day 2030-12-02 >/dev/null
	assert_equal "$(count audit)" $((n + 1))
	assert_equal "$(sqlite3 "$CLINIX_DB" "select action, outcome from audit order by id desc limit 1")" "sched.list|ok"
	sched show apt-1 apt-2 >/dev/null
	assert_equal "$(count audit)" $((n + 2))
	assert_equal "$(sqlite3 "$CLINIX_DB" "select action from audit order by id desc limit 1")" "sched.show"
	sched history apt-1 >/dev/null
	assert_equal "$(count audit)" $((n + 3))
	assert_equal "$(last_audit)" "$(id -un)|sched.history|ok|1|apt-1"
	sched day 2030-12-02 >/dev/null
	assert_equal "$(count audit)" $((n + 4))
	assert_equal "$(sqlite3 "$CLINIX_DB" "select action from audit order by id desc limit 1")" "sched.day"
	sched list --patient pat-1 -o json >/dev/null
	assert_equal "$(count audit)" $((n + 5))
	run -0 audit verify
}

@test "day: a printable agenda per provider; cancelled visits left out" {
	book pat-1 prv-1 2030-12-02T09:30 20m --resource "Room 2" --note "bring x-rays"
	sched book pat-2 --provider prv-1 --at 2030-12-02T08:00 --type follow-up >/dev/null
	book pat-3 prv-2 2030-12-02T14:00 30m
	book pat-3 prv-1 2030-12-02T11:00 30m
	sched cancel apt-4 >/dev/null
	book pat-1 prv-2 2030-12-03T09:00 20m
	run -0 --separate-stderr sched day 2030-12-02
	assert_equal "$stderr" ""
	assert_line --index 0 "Monday 2030-12-02"
	run -0 block "Maria Chen, MD (prv-1)"
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 --regexp '^  08:00-08:20 +Roe, John +MRN M0000002 +follow-up +booked$'
	assert_line --index 1 --regexp '^  09:30-09:50 +Doe, Jane +MRN M0000001 +- +Room 2 +booked +-- bring x-rays$'
	run -0 sched day 2030-12-02
	run -0 block "Bo Berg (prv-2)"
	assert_equal "${#lines[@]}" 1
	assert_line --index 0 --regexp '^  14:00-14:30 +Lee, Ana +MRN M0000003 '
	# only one provider
	run -0 sched day 2030-12-02 --provider prv-2
	refute_line --partial "Maria Chen"
	assert_line "Bo Berg (prv-2)"
	# a day with nothing booked says so
	run -0 sched day 2030-12-09
	assert_line --index 0 "Monday 2030-12-09"
	assert_line "(no appointments)"
	run -64 sched day 2030-13-01
}

@test "day: today by default" {
	local t
	t=$(today)
	book pat-1 prv-1 "${t}T00:00" 20m --force
	run -0 sched day
	assert_line --index 0 "$(date +'%A %Y-%m-%d')"
	assert_line --regexp '^  00:00-00:20 +Doe, Jane +MRN M0000001 '
}

# -- free slots -----------------------------------------------------------

@test "free: whole gaps within the hours, around booked visits" {
	run -0 --separate-stderr sched free --provider prv-1 --from 2030-12-02 --to 2030-12-02
	assert_equal "$stderr" ""
	assert_output "prv-1	2030-12-02T08:00	2030-12-02T12:00	240
prv-1	2030-12-02T13:00	2030-12-02T17:00	240"
	book pat-1 prv-1 2030-12-02T09:30 20m
	book pat-2 prv-1 2030-12-02T13:00 1h
	# a cancelled visit takes no time
	book pat-3 prv-1 2030-12-02T15:00 1h
	sched cancel apt-3 >/dev/null
	# another provider's visits are not prv-1's
	book pat-3 prv-2 2030-12-02T10:00 1h
	run -0 sched free --provider "$NPI1" --from 2030-12-02 --to 2030-12-02
	assert_output "prv-1	2030-12-02T08:00	2030-12-02T09:30	90
prv-1	2030-12-02T09:50	2030-12-02T12:00	130
prv-1	2030-12-02T14:00	2030-12-02T17:00	180"
	run -0 sched free --provider prv-1 --from 2030-12-02 --to 2030-12-02 -o csv
	assert_line --index 0 $'provider,start,end,minutes\r'
}

@test "free --length or --type: consecutive slots from each gap's start" {
	book pat-1 prv-1 2030-12-02T09:30 20m
	run -0 sched free --provider prv-1 --from 2030-12-02 --to 2030-12-02 --length 1h
	assert_output "prv-1	2030-12-02T08:00	2030-12-02T09:00	60
prv-1	2030-12-02T09:50	2030-12-02T10:50	60
prv-1	2030-12-02T10:50	2030-12-02T11:50	60
prv-1	2030-12-02T13:00	2030-12-02T14:00	60
prv-1	2030-12-02T14:00	2030-12-02T15:00	60
prv-1	2030-12-02T15:00	2030-12-02T16:00	60
prv-1	2030-12-02T16:00	2030-12-02T17:00	60"
	run -0 sched free --provider prv-1 --from 2030-12-02 --to 2030-12-02 --type follow-up
	assert_equal "${#lines[@]}" $((4 + 6 + 12))
	assert_line --index 0 "prv-1	2030-12-02T08:00	2030-12-02T08:20	20"
	assert_line --index 4 "prv-1	2030-12-02T09:50	2030-12-02T10:10	20"
	# too long for any gap
	run -1 sched free --provider prv-1 --from 2030-12-02 --to 2030-12-02 --length 5h
}

@test "free: nothing on a day off or a weekend (exit 1); a week from --from by default" {
	run -1 --separate-stderr sched free --provider prv-1 --from 2030-12-25 --to 2030-12-25
	assert_output ""
	assert_equal "$stderr" ""
	run -1 sched free --provider prv-1 --from 2030-12-07 --to 2030-12-08
	# prv-2 works on prv-1's day off
	run -0 sched free --provider prv-2 --from 2030-12-25 --to 2030-12-25
	assert_equal "${#lines[@]}" 2
	# from Monday 2030-12-02 a week is Monday to Sunday: not the 9th
	run -0 sched free --provider prv-1 --from 2030-12-02
	assert_equal "$(cut -f2 <<<"$output" | cut -c1-10 | uniq | tr '\n' ' ')" \
	    "2030-12-02 2030-12-03 2030-12-04 2030-12-05 2030-12-06 "
}

@test "free: 70 single days off are all kept; the first slot offered is one book takes" {
	# prv-2 off every day from 2031-01-01 to 2031-03-11, one row a day
	local i
	for i in $(seq 0 69); do
		provider off prv-2 "$(date -d "2031-01-01 + $i days" +%Y-%m-%d)" \
		    >/dev/null || fail "day off $i"
	done
	assert_equal "$(sqlite3 "$CLINIX_DB" "select count(*), min(from_date), max(to_date) from provider_off where provider_id = 2")" \
	    "70|2031-01-01|2031-03-11"
	run -1 --separate-stderr sched free --provider prv-2 --from 2031-01-01 --to 2031-03-11
	assert_output ""
	assert_equal "$stderr" ""
	# the first open day is Wednesday 2031-03-12
	run -0 sched free --provider prv-2 --from 2031-01-01 --to 2031-03-31 --length 20m --limit 1
	assert_output "prv-2	2031-03-12T08:00	2031-03-12T08:20	20"
	run -0 sched free --any --length 20m --from 2031-01-01 --to 2031-03-31
	assert_output "prv-1	2031-01-01T08:00	2031-01-01T08:20	20"
	provider deactivate prv-1 >/dev/null
	run -0 sched free --any --length 20m --from 2031-01-01 --to 2031-03-31
	assert_output "prv-2	2031-03-12T08:00	2031-03-12T08:20	20"
	# and book agrees: the days off are refused, the slot offered is taken
	run -65 sched book pat-1 --provider prv-2 --at 2031-03-11T08:00 --length 20m
	run -0 sched book pat-1 --provider prv-2 --at 2031-03-12T08:00 --length 20m
	assert_output "apt-1"
}

@test "free --any --type: the first free slot across all providers" {
	book pat-1 prv-1 2030-12-02T08:00 1h
	run -0 --separate-stderr sched free --any --type follow-up --from 2030-12-02 --to 2030-12-02
	assert_output "prv-2	2030-12-02T08:00	2030-12-02T08:20	20"
	book pat-2 prv-2 2030-12-02T08:00 2h
	run -0 sched free --any --length 30m --from 2030-12-02 --to 2030-12-02
	assert_output "prv-1	2030-12-02T09:00	2030-12-02T09:30	30"
	# a deactivated provider offers nothing
	provider deactivate prv-1 >/dev/null
	run -0 sched free --any --length 30m --from 2030-12-02 --to 2030-12-02
	assert_output "prv-2	2030-12-02T10:00	2030-12-02T10:30	30"
}

@test "free never offers a slot that has already begun" {
	provider hours prv-2 mon-sun 00:00-24:00 >/dev/null
	local t0 t1 first
	t0=$(date +%s)
	run -0 sched free --provider prv-2 --length 5m
	t1=$(date +%s)
	first=$(date -d "$(cut -f2 <<<"${lines[0]}" | tr T ' ')" +%s)
	[ "$first" -ge "$t0" ] || fail "first slot ${lines[0]} is before now"
	[ "$first" -le $((t1 + 300)) ] || fail "first slot ${lines[0]} is too late"
	# every slot is in the future
	[ "$(cut -f2 <<<"$output" | sort | head -1)" = "$(cut -f2 <<<"${lines[0]}")" ]
}

@test "free: usage errors and bad dates are 64, an unknown provider 65" {
	run -64 --separate-stderr sched free
	[[ $stderr == "sched: "* ]] || fail "$stderr"
	run -64 sched free --provider prv-1 --any --length 20m
	run -64 sched free --any
	run -64 sched free --provider prv-1 --length 20m --type follow-up
	run -65 --separate-stderr sched free --provider prv-9
	assert_equal "$stderr" "sched: no provider 'prv-9'"
	run -64 sched free --provider prv-1 --from 2030-12-03 --to 2030-12-02
	run -65 sched free --provider prv-1 --length 0
	run -65 sched free --provider prv-1 --type nope
}

# -- patient flow ---------------------------------------------------------

@test "checkin records the time; warns about missing or expired coverage, still 0" {
	local t yesterday
	t=$(today)
	yesterday=$(date -d yesterday +%Y-%m-%d)
	patient payer add Aetna --payer-id 60054 >/dev/null
	patient coverage add pat-1 --payer Aetna --member-id A1 --from -1y >/dev/null
	patient coverage add pat-2 --payer Aetna --member-id A2 --from -2y --to -1d >/dev/null
	book pat-1 prv-1 "${t}T00:00" 20m --force
	book pat-2 prv-1 "${t}T00:20" 20m --force
	book pat-3 prv-1 "${t}T00:40" 20m --force
	run -0 --separate-stderr sched checkin apt-1
	assert_output "apt-1"
	assert_equal "$stderr" ""
	run -0 --separate-stderr sched checkin apt-2
	assert_output "apt-2"
	[[ $stderr == "sched: warning: "*"$yesterday"* ]] || fail "$stderr"
	assert_equal "${#stderr_lines[@]}" 1
	run -0 --separate-stderr sched checkin apt-3
	assert_output "apt-3"
	[[ $stderr == "sched: warning: "*"pat-3"*coverage* ]] || fail "$stderr"
	assert_equal "$(last_audit)" "$(id -un)|sched.checkin|ok|3|apt-3"
	assert_equal "$(status apt-1) $(status apt-2) $(status apt-3)" \
	    "checkedin checkedin checkedin"
	# the time of check-in, shown in local time
	assert_equal "$(field apt-1 checkin | cut -c1-10)" "$t"
	assert_equal "$(sqlite3 "$CLINIX_DB" "select count(*) from appointment where checkin_at is not null")" 3
}

@test "checkin only from booked; checkout only from checked in" {
	local t
	t=$(today)
	book pat-1 prv-1 "${t}T00:00" 20m --force
	book pat-2 prv-1 "${t}T00:20" 20m --force
	local before
	before=$(everything)
	run -65 --separate-stderr sched checkout apt-1
	assert_output ""
	assert_equal "$stderr" "sched: apt-1 is booked, not checkedin"
	assert_equal "$(everything)" "$before"
	sched checkin apt-1 2>/dev/null >/dev/null
	before=$(everything)
	run -65 --separate-stderr sched checkin apt-1
	assert_equal "$stderr" "sched: apt-1 is checkedin, not booked"
	run -65 sched cancel apt-1
	run -65 sched move apt-1 --at 2030-12-02T09:00
	run -65 sched noshow apt-1
	assert_equal "$(everything)" "$before"
	run -0 --separate-stderr sched checkout apt-1
	assert_output "apt-1"
	assert_equal "$stderr" ""
	assert_equal "$(last_audit)" "$(id -un)|sched.checkout|ok|1|apt-1"
	assert_equal "$(status apt-1)" checkedout
	[ -n "$(field apt-1 checkout)" ] || fail "no checkout time"
	run -65 sched checkout apt-1
	# a cancelled visit cannot be checked in
	sched cancel apt-2 >/dev/null
	run -65 sched checkin apt-2
	run -65 sched checkin apt-9
}

@test "checkin is for today's visits: another day is 65, nothing written; --force checks in, audited as forced" {
	local t tomorrow before
	t=$(today)
	tomorrow=$(date -d tomorrow +%Y-%m-%d)
	book pat-1 prv-1 2030-12-02T09:30 20m
	book pat-2 prv-1 2025-03-03T09:00 20m --force
	book pat-3 prv-1 "${tomorrow}T00:00" 20m --force
	book pat-3 prv-1 "${t}T00:00" 20m --force
	before=$(everything)
	run -65 --separate-stderr sched checkin apt-1
	assert_output ""
	assert_equal "$stderr" "sched: apt-1: visit is on 2030-12-02, not today: --force to check in anyway"
	run -65 --separate-stderr sched checkin apt-2
	assert_equal "$stderr" "sched: apt-2: visit is on 2025-03-03, not today: --force to check in anyway"
	run -65 --separate-stderr sched checkin apt-3
	assert_equal "$stderr" "sched: apt-3: visit is on $tomorrow, not today: --force to check in anyway"
	assert_equal "$(everything)" "$before"
	assert_equal "$(status apt-1) $(status apt-2) $(status apt-3)" "booked booked booked"
	# --force: checked in, and the audit row and the history say so
	run -0 --separate-stderr sched checkin --force apt-1
	assert_output "apt-1"
	assert_equal "$stderr" "sched: warning: pat-1 has no insurance coverage on file: self-pay, or add it with patient coverage add"
	assert_equal "$(status apt-1)" checkedin
	assert_equal "$(last_audit)" "$(id -un)|sched.checkin|ok|1|apt-1"
	assert_equal "$(last_detail)" "force: visit is on 2030-12-02"
	assert_equal "$(sqlite3 "$CLINIX_DB" "select detail from appointment_event where appointment_id = 1 and event = 'checkedin'")" \
	    "force: visit is on 2030-12-02"
	# today's visit needs no --force, and its audit row says nothing forced
	run -0 --separate-stderr sched checkin apt-4
	assert_output "apt-4"
	assert_equal "$(last_audit)" "$(id -un)|sched.checkin|ok|3|apt-4"
	assert_equal "$(last_detail)" ""
	run -64 sched checkin --nope apt-3
	assert_equal "$(status apt-3)" booked
}

@test "checkin's today is the clinic's (clinic.timezone), whatever TZ says" {
	# 25 hours apart: the two zones never share a date
	sed -i 's|^  #* *timezone: .*|  timezone: "Pacific/Kiritimati"|' "$CLINIX_CONFIG"
	grep -q '^  timezone: "Pacific/Kiritimati"$' "$CLINIX_CONFIG"
	export TZ=Pacific/Pago_Pago
	local t next
	t=$(TZ=Pacific/Kiritimati date +%Y-%m-%d)
	next=$(date -d "$t + 1 day" +%Y-%m-%d)
	book pat-1 prv-1 "${t}T00:00" 20m --force
	book pat-2 prv-1 "${next}T00:00" 20m --force
	run -0 --separate-stderr sched checkin apt-1
	assert_output "apt-1"
	run -65 --separate-stderr sched checkin apt-2
	assert_equal "$stderr" "sched: apt-2: visit is on $next, not today: --force to check in anyway"
	assert_equal "$(status apt-1) $(status apt-2)" "checkedin booked"
}

@test "noshow refuses a visit that has not started; marks a past one" {
	book pat-1 prv-1 2030-12-02T09:30 20m
	book pat-2 prv-1 2025-03-03T09:00 20m --force
	local before
	before=$(everything)
	run -65 --separate-stderr sched noshow apt-1
	assert_output ""
	[[ $stderr == "sched: apt-1 "*"not started"* ]] || fail "$stderr"
	assert_equal "$(everything)" "$before"
	run -0 --separate-stderr sched noshow apt-2
	assert_output "apt-2"
	assert_equal "$stderr" ""
	assert_equal "$(status apt-2)" noshow
	assert_equal "$(last_audit)" "$(id -un)|sched.noshow|ok|2|apt-2"
	run -0 sched history apt-2
	assert_equal "$(cut -f4 <<<"$output" | tr '\n' ' ')" "booked noshow "
	run -65 sched noshow apt-2
	run -65 sched checkin apt-2
}

@test "noshow --auto --before marks booked visits that ended by then, and prints them" {
	book pat-1 prv-1 2025-03-03T09:00 20m --force	# ends 09:20
	book pat-2 prv-1 2025-03-03T09:30 20m --force	# ends 09:50
	book pat-3 prv-1 2025-03-03T10:00 20m --force	# checked in
	book pat-1 prv-1 2025-03-03T11:00 20m --force	# cancelled
	book pat-2 prv-1 2030-12-02T09:00 20m		# the future
	sched checkin --force apt-3 >/dev/null 2>&1
	sched cancel apt-4 >/dev/null
	# 09:40: apt-2 has begun but not ended
	run -0 --separate-stderr sched noshow --auto --before 2025-03-03T09:40
	assert_output "apt-1"
	assert_equal "$stderr" ""
	assert_equal "$(status apt-1) $(status apt-2)" "noshow booked"
	run -0 sched noshow --auto --before 2025-03-03T09:50
	assert_output "apt-2"
	# without --before: now; nothing more is due
	run -0 sched noshow --auto
	assert_output ""
	assert_equal "$(sqlite3 "$CLINIX_DB" "select group_concat(status, ' ') from (select status from appointment order by id)")" \
	    "noshow noshow checkedin cancelled booked"
	run -0 sched history apt-1
	assert_equal "$(cut -f4 <<<"$output" | tr '\n' ' ')" "booked noshow "
	# each run is audited, the empty one too
	assert_equal "$(sqlite3 "$CLINIX_DB" "select count(*) from audit where action = 'sched.noshow' and outcome = 'ok'")" 3
}

@test "noshow --auto: a --before in the future is 65; --before needs --auto (64)" {
	book pat-1 prv-1 2025-03-03T09:00 20m --force
	local before
	before=$(everything)
	run -65 --separate-stderr sched noshow --auto --before 2031-01-01T00:00
	assert_output ""
	[[ $stderr == "sched: "*future* ]] || fail "$stderr"
	run -65 sched noshow --auto --before nonsense
	run -64 sched noshow --before 2025-01-01T00:00 apt-1
	run -64 sched noshow --auto apt-1
	assert_equal "$(everything)" "$before"
}

# -- patients -------------------------------------------------------------

@test "a deactivated or deceased patient cannot be booked (65), even with --force" {
	patient deactivate pat-2 >/dev/null
	patient edit pat-3 --deceased 2025-01-01 >/dev/null
	local before
	before=$(everything)
	book_refused "sched: pat-2 is deactivated" \
	    pat-2 --provider prv-1 \
	    --at 2030-12-02T09:30 --length 20m
	run -65 sched book M0000002 --provider prv-1 --at 2030-12-02T09:30 \
	    --length 20m --force
	run -65 --separate-stderr sched book pat-3 --provider prv-1 \
	    --at 2030-12-02T09:30 --length 20m
	[[ $stderr == "sched: pat-3 is deceased"* ]] || fail "$stderr"
	run -65 sched book pat-3 --provider prv-1 --at 2030-12-02T09:30 \
	    --length 20m --force --overbook
	run -65 sched book pat-3 --provider prv-1 --at 2030-12-02T09:30 \
	    --length 20m --recur weekly --count 2 --skip
	assert_equal "$(everything)" "$before"
}

@test "move refuses what book refuses: a deactivated or deceased patient (65), even with --force" {
	book pat-2 prv-1 2030-12-02T09:30 20m
	book pat-3 prv-1 2030-12-02T10:30 20m
	patient deactivate pat-2 >/dev/null
	patient edit pat-3 --deceased 2025-01-01 >/dev/null
	local before
	before=$(everything)
	run -65 --separate-stderr sched move apt-1 --at 2030-12-03T09:30
	assert_output ""
	assert_equal "$stderr" "sched: pat-2 is deactivated"
	run -65 --separate-stderr sched move apt-1 --at 2030-12-03T09:30 --force --overbook
	assert_equal "$stderr" "sched: pat-2 is deactivated"
	run -65 --separate-stderr sched move apt-1 --provider prv-2
	assert_equal "$stderr" "sched: pat-2 is deactivated"
	run -65 --separate-stderr sched move apt-2 --length 30m
	assert_equal "$stderr" "sched: pat-3 is deceased (2025-01-01)"
	run -65 sched move apt-2 --resource "Room 2" --force
	assert_equal "$(everything)" "$before"
	# cancelling them still works; active again, the visit moves
	run -0 sched cancel apt-2
	patient activate pat-2 >/dev/null
	run -0 --separate-stderr sched move apt-1 --at 2030-12-03T09:30
	assert_output "apt-1"
	assert_equal "$stderr" ""
	assert_equal "$(stored apt-1)" "2030-12-03T14:30:00Z 2030-12-03T14:50:00Z"
}

@test "merging patients moves their appointments to the survivor" {
	patient add --first Jane --last Doe --dob 1980-01-02 --force >/dev/null	# pat-4
	book pat-1 prv-1 2030-12-02T09:30 20m
	book pat-4 prv-1 2030-12-03T09:30 20m
	book pat-4 prv-2 2030-12-04T09:30 20m
	run -0 patient merge pat-1 pat-4
	run -0 sched list --patient pat-1
	assert_equal "$(cut -f1,4 <<<"$output")" "apt-1	pat-1
apt-2	pat-1
apt-3	pat-1"
	assert_equal "$(sqlite3 "$CLINIX_DB" "select count(*) from appointment where patient_id = 4")" 0
	run -65 --separate-stderr sched book pat-4 --provider prv-1 \
	    --at 2030-12-05T09:30 --length 20m
	[[ $stderr == "sched: "*"pat-4"* ]] || fail "$stderr"
}

# -- waitlist -------------------------------------------------------------

@test "waitlist add, list and remove" {
	run -0 --separate-stderr sched waitlist add pat-2 --provider prv-2 --type follow-up
	assert_output "wl-1"
	assert_equal "$stderr" ""
	assert_equal "$(last_audit)" "$(id -un)|sched.waitlist.add|ok|2|wl-1"
	run -0 sched waitlist add M0000003 --length 45m --before 2030-12-20 --note "mornings"
	assert_output "wl-2"
	run -0 sched waitlist list
	assert_line --index 0 --regexp "^wl-1	pat-2	Roe, John	prv-2	follow-up	20	"
	assert_line --index 1 --regexp "^wl-2	pat-3	Lee, Ana			45	2030-12-20	mornings	"
	local before
	before=$(everything)
	run -65 --separate-stderr sched waitlist add pat-9 --provider prv-2
	assert_equal "$stderr" "sched: no patient 'pat-9'"
	run -65 sched waitlist add pat-1 --provider prv-9
	run -65 sched waitlist add pat-1 --type nope
	run -65 sched waitlist add pat-1 --before 2030-13-01
	run -64 sched waitlist add pat-1 --length 20m --type follow-up
	run -64 sched waitlist add
	assert_equal "$(everything)" "$before"
	patient deactivate pat-1 >/dev/null
	run -65 sched waitlist add pat-1
	run -0 sched waitlist remove wl-1
	assert_output "wl-1"
	run -0 sched waitlist list
	assert_equal "$(cut -f1 <<<"$output")" "wl-2"
	run -65 sched waitlist remove wl-1
	run -65 sched waitlist remove apt-1
}

# prv-2 works one hour a week, Mondays 09:00-10:00, and on Monday
# 2030-12-02 that hour is booked: apt-1 (pat-1, 09:00) and apt-2 (pat-2,
# 09:30).
full_hour() {
	provider hours prv-2 mon-fri off >/dev/null
	provider hours prv-2 mon 09:00-10:00 >/dev/null
	book pat-1 prv-2 2030-12-02T09:00 30m
	book pat-2 prv-2 2030-12-02T09:30 30m
}

@test "waitlist match: a cancellation frees a slot for the waiting patients who fit" {
	full_hour
	sched waitlist add pat-3 --provider prv-2 --type follow-up >/dev/null	# wl-1: fits
	patient add --first Bo --last Park --dob 1975-06-01 >/dev/null		# pat-4
	sched waitlist add pat-4 --provider prv-2 --length 45m >/dev/null	# wl-2: too long
	run -1 --separate-stderr sched waitlist match --from 2030-12-02 --to 2030-12-02
	assert_output ""
	assert_equal "$stderr" ""
	sched cancel apt-1 --reason "sick" >/dev/null
	run -0 --separate-stderr sched waitlist match --from 2030-12-02 --to 2030-12-02
	assert_output "pat-3	wl-1	Lee, Ana	prv-2	2030-12-02T09:00	2030-12-02T09:20	20"
	assert_equal "$stderr" ""
	assert_equal "$(sqlite3 "$CLINIX_DB" "select action, outcome from audit order by id desc limit 1")" \
	    "sched.waitlist.match|ok"
	# the freed slot, booked from the match
	run -0 sched book pat-3 --provider prv-2 --at 2030-12-02T09:00 --type follow-up
	run -1 sched waitlist match --from 2030-12-02 --to 2030-12-02
}

@test "waitlist match leaves out, quietly, a patient who wanted a visit before the slot" {
	full_hour
	sched waitlist add pat-3 --provider prv-2 --length 20m --before 2030-11-30 >/dev/null
	sched cancel apt-1 --reason "sick" >/dev/null
	run -1 --separate-stderr sched waitlist match --from 2030-12-02 --to 2030-12-02
	assert_output ""
	assert_equal "$stderr" ""
	# a deadline after the slot does fit
	sched waitlist add pat-3 --provider prv-2 --length 20m --before 2030-12-10 >/dev/null
	run -0 --separate-stderr sched waitlist match --from 2030-12-02 --to 2030-12-02
	assert_output "pat-3	wl-2	Lee, Ana	prv-2	2030-12-02T09:00	2030-12-02T09:20	20"
	assert_equal "$stderr" ""
}

@test "waitlist match does not offer a patient a slot they are already booked across" {
	full_hour
	# pat-3 sees prv-1 from 08:50 to 09:20 that morning
	book pat-3 prv-1 2030-12-02T08:50 30m
	sched waitlist add pat-3 --provider prv-2 --length 20m >/dev/null
	sched cancel apt-1 --reason "sick" >/dev/null
	# prv-2 is free 09:00-09:30, but pat-3 is busy until 09:20: no fit
	run -65 sched book pat-3 --provider prv-2 --at 2030-12-02T09:00 --length 20m
	run -1 --separate-stderr sched waitlist match --from 2030-12-02 --to 2030-12-02
	assert_output ""
}

# -- import ---------------------------------------------------------------

@test "import: good rows go in and their ids are printed" {
	cat >"$BATS_TEST_TMPDIR/in.csv" <<-'EOF'
	patient,provider,start,end,length,type,resource,status,note
	pat-1,prv-1,2030-12-02T09:00,2030-12-02T09:30,,,,,first visit
	M0000002,1234567893,2030-12-02T10:00,,20m,,Room 2,,
	pat-3,prv-1,2030-12-02T11:00,,,follow-up,,,
	pat-1,prv-1,2024-01-08T09:00,,30m,,,checkedout,"old, seen"
	EOF
	run -0 --separate-stderr sched import "$BATS_TEST_TMPDIR/in.csv"
	assert_output "apt-1
apt-2
apt-3
apt-4"
	assert_equal "$stderr" ""
	run -0 sqlite3 "$CLINIX_DB" "select id, patient_id, provider_id, ifnull(resource_id, '-'), ifnull(visit_type_id, '-'), start_at, end_at, status, ifnull(note, '-') from appointment order by id"
	assert_output "1|1|1|-|-|2030-12-02T14:00:00Z|2030-12-02T14:30:00Z|booked|first visit
2|2|1|1|-|2030-12-02T15:00:00Z|2030-12-02T15:20:00Z|booked|-
3|3|1|-|1|2030-12-02T16:00:00Z|2030-12-02T16:20:00Z|booked|-
4|1|1|-|-|2024-01-08T14:00:00Z|2024-01-08T14:30:00Z|checkedout|old, seen"
	[[ $(sqlite3 "$CLINIX_DB" "select action || '|' || outcome from audit order by id desc limit 1") == "sched.import|ok" ]]
	# imported visits hold their slots
	run -65 sched book pat-2 --provider prv-1 --at 2030-12-02T09:10 --length 20m
}

@test "import: each bad row is reported as file:line: field: reason; nothing imported" {
	book pat-1 prv-1 2030-12-02T09:00 30m
	local f=$BATS_TEST_TMPDIR/bad.csv before
	cat >"$f" <<-'EOF'
	patient,provider,start,end,length,type,resource,status,note
	pat-2,prv-1,2030-12-03T09:00,,20m,,,,
	pat-1,prv-1,2030-12-03T10:00,2030-12-03T09:30,,,,,
	pat-9,prv-1,2030-12-03T11:00,,20m,,,,
	pat-2,prv-9,2030-12-03T11:00,,20m,,,,
	pat-2,prv-1,2030-12-02T09:10,,20m,,,,
	pat-2,prv-1,2030-12-03T13:00,,0m,,,,
	pat-2,prv-1,2030-12-03T14:00,,20m,,,done,
	pat-2,prv-1,2030-13-03T14:00,,20m,,,,
	pat-3,prv-1,2030-12-03T15:00,,,,,,
	EOF
	before=$(everything)
	run -65 --separate-stderr sched import "$f"
	assert_output ""
	assert_equal "${#stderr_lines[@]}" 9
	[[ ${stderr_lines[0]} == "sched: $f:3: end: "* ]] || fail "${stderr_lines[0]}"
	[[ ${stderr_lines[1]} == "sched: $f:4: patient: "* ]] || fail "${stderr_lines[1]}"
	[[ ${stderr_lines[2]} == "sched: $f:5: provider: "* ]] || fail "${stderr_lines[2]}"
	[[ ${stderr_lines[3]} =~ ^"sched: $f:6: "[a-z]+": slot taken by apt-1 " ]] || fail "${stderr_lines[3]}"
	[[ ${stderr_lines[4]} == "sched: $f:7: length: "* ]] || fail "${stderr_lines[4]}"
	[[ ${stderr_lines[5]} == "sched: $f:8: status: "* ]] || fail "${stderr_lines[5]}"
	[[ ${stderr_lines[6]} == "sched: $f:9: start: "* ]] || fail "${stderr_lines[6]}"
	[[ ${stderr_lines[7]} =~ ^"sched: $f:10: "[a-z]+": " ]] || fail "${stderr_lines[7]}"
	assert_equal "${stderr_lines[8]}" "sched: $f: 8 bad rows: nothing imported"
	assert_equal "$(everything)" "$before"
}

@test "import: a row overlapping an earlier row of the same file names its line" {
	local f=$BATS_TEST_TMPDIR/dup.csv before
	cat >"$f" <<-'EOF'
	patient,provider,start,end,length,type,resource,status,note
	pat-1,prv-1,2030-12-03T09:00,,20m,,,,
	pat-2,prv-1,2030-12-03T11:00,,30m,,,,
	pat-3,prv-1,2030-12-03T11:10,,20m,,,,
	pat-1,prv-2,2030-12-03T09:10,,20m,,,,
	pat-3,prv-2,2030-12-03T13:00,,20m,,Room 2,,
	pat-2,prv-1,2030-12-03T13:10,,20m,,Room 2,,
	pat-3,prv-1,2030-12-03T16:00,,20m,,,cancelled,
	pat-2,prv-1,2030-12-03T16:00,,20m,,,,
	EOF
	before=$(everything)
	run -65 --separate-stderr sched import "$f"
	assert_equal "$stderr" "sched: $f:4: start: overlaps line 3 of this file
sched: $f:5: start: overlaps line 2 of this file
sched: $f:7: start: overlaps line 6 of this file
sched: $f: 3 bad rows: nothing imported"
	assert_equal "$(everything)" "$before"
}

@test "import: DST gaps and ambiguous times, lengths and ends out of range are row errors" {
	local f=$BATS_TEST_TMPDIR/dst.csv before
	cat >"$f" <<-'EOF'
	patient,provider,start,end,length
	pat-1,prv-1,2030-11-03T01:30,,20m
	pat-1,prv-1,2030-03-10T02:30,,20m
	pat-1,prv-1,2030-11-03T01:30-04:00,,20m
	pat-2,prv-1,2030-12-02T10:00,,12h1m
	pat-2,prv-1,2030-12-03T10:00,2030-12-03T22:01,
	pat-2,prv-1,2030-12-04T10:00,2030-12-04T10:00,
	EOF
	before=$(everything)
	run -65 --separate-stderr sched import "$f"
	assert_output ""
	assert_equal "${#stderr_lines[@]}" 6
	[[ ${stderr_lines[0]} == "sched: $f:2: start: "*ambiguous* ]] || fail "${stderr_lines[0]}"
	[[ ${stderr_lines[1]} == "sched: $f:3: start: "*"not exist"* ]] || fail "${stderr_lines[1]}"
	[[ ${stderr_lines[2]} == "sched: $f:5: length: "* ]] || fail "${stderr_lines[2]}"
	[[ ${stderr_lines[3]} == "sched: $f:6: end: "* ]] || fail "${stderr_lines[3]}"
	[[ ${stderr_lines[4]} == "sched: $f:7: end: "* ]] || fail "${stderr_lines[4]}"
	assert_equal "${stderr_lines[5]}" "sched: $f: 5 bad rows: nothing imported"
	assert_equal "$(everything)" "$before"
}

@test "import: the future only for patients and providers who could be booked; history for anyone" {
	patient deactivate pat-2 >/dev/null
	patient edit pat-3 --deceased 2025-01-01 >/dev/null
	provider deactivate prv-2 >/dev/null
	local f=$BATS_TEST_TMPDIR/who.csv before
	cat >"$f" <<-'EOF'
	patient,provider,start,length,status
	pat-2,prv-1,2030-12-09T09:00,20m,
	pat-3,prv-1,2030-12-09T10:00,20m,
	pat-1,prv-2,2030-12-09T11:00,20m,
	pat-2,prv-2,2024-12-09T09:00,20m,checkedout
	pat-3,prv-1,2024-12-09T10:00,20m,checkedout
	EOF
	before=$(everything)
	run -65 --separate-stderr sched import "$f"
	[[ ${stderr_lines[0]} == "sched: $f:2: patient: "*deactivated* ]] || fail "$stderr"
	[[ ${stderr_lines[1]} == "sched: $f:3: patient: "*deceased* ]] || fail "$stderr"
	[[ ${stderr_lines[2]} == "sched: $f:4: provider: "*deactivated* ]] || fail "$stderr"
	assert_equal "${stderr_lines[3]}" "sched: $f: 3 bad rows: nothing imported"
	assert_equal "${#stderr_lines[@]}" 4
	assert_equal "$(everything)" "$before"
	sed -i '2,4d' "$f"
	run -0 sched import "$f"
	assert_output "apt-1
apt-2"
}

@test "import --keep-going brings in the good rows and exits 65" {
	local f=$BATS_TEST_TMPDIR/some.csv
	cat >"$f" <<-'EOF'
	patient,provider,start,length
	pat-1,prv-1,2030-12-03T09:00,20m
	pat-9,prv-1,2030-12-03T10:00,20m
	pat-2,prv-1,2030-12-03T09:10,20m
	pat-3,$NPI2,2030-12-03T09:10,20m
	EOF
	sed -i "s/\$NPI2/$NPI2/" "$f"
	run -65 --separate-stderr sched import --keep-going "$f"
	assert_output "apt-1
apt-2"
	[[ ${stderr_lines[0]} == "sched: $f:3: patient: "* ]] || fail "$stderr"
	[[ ${stderr_lines[1]} == "sched: $f:4: "*"overlaps line 2 of this file" ]] || fail "$stderr"
	assert_equal "$(sqlite3 "$CLINIX_DB" "select patient_id || '@' || provider_id from appointment order by id")" "1@1
3@2"
}

@test "import: an unknown or missing column, an empty or missing file" {
	local before f=$BATS_TEST_TMPDIR/x.csv
	before=$(everything)
	printf 'patient,provider,start,length,colour\npat-1,prv-1,2030-12-03T09:00,20m,red\n' >"$f"
	run -65 --separate-stderr sched import "$f"
	[[ $stderr == "sched: $f:1: "*"colour"* ]] || fail "$stderr"
	printf 'patient,start,length\npat-1,2030-12-03T09:00,20m\n' >"$f"
	run -65 --separate-stderr sched import "$f"
	[[ $stderr == "sched: $f: "*provider* ]] || fail "$stderr"
	: >"$f"
	run -65 sched import "$f"
	run -66 sched import "$BATS_TEST_TMPDIR/none.csv"
	run -64 sched import
	assert_equal "$(everything)" "$before"
}

# -- who may do what; the audit trail -------------------------------------

@test "front desk and nurses may book, list and check in; billing may not (77, audited)" {
	need_root
	local t
	t=$(today)
	run -0 env CLINIX_USER=desk sched book pat-1 --provider prv-1 --at "${t}T00:00" --length 20m --force
	run -0 env CLINIX_USER=nina sched book pat-2 --provider prv-1 --at 2030-12-02T09:30 --length 20m
	run -0 env CLINIX_USER=desk sched list --day 2030-12-02
	run -0 env CLINIX_USER=desk sched checkin apt-1
	run -0 env CLINIX_USER=nina sched move apt-2 --at 2030-12-02T10:00
	local before n cmd
	before=$(data)
	for cmd in "book pat-3 --provider prv-1 --at 2030-12-03T09:30 --length 20m" \
	    "list --day 2030-12-02" "show apt-2" "cancel apt-2" "move apt-2 --at 2030-12-02T11:00" \
	    "free --provider prv-1" "day 2030-12-02" "waitlist add pat-3"; do
		n=$(count audit)
		run -77 --separate-stderr env CLINIX_USER=bill sched $cmd
		assert_output ""
		[[ $stderr == "sched: permission denied"* ]] || fail "$cmd: $stderr"
		assert_equal "$(count audit)" $((n + 1))
		assert_equal "$(sqlite3 "$CLINIX_DB" "select login, outcome from audit order by id desc limit 1")" "bill|denied"
	done
	assert_equal "$(data)" "$before"
	run -77 env CLINIX_USER=ghost sched list
	run -0 audit verify
}

@test "every write is an audit row with its action, patient and record" {
	local t
	t=$(today)
	book pat-1 prv-1 "${t}T00:00" 20m --force
	book pat-2 prv-1 2030-12-02T09:30 20m
	sched move apt-2 --at 2030-12-02T10:00 >/dev/null
	sched cancel apt-2 --reason "called" >/dev/null
	sched checkin apt-1 >/dev/null 2>&1
	sched checkout apt-1 >/dev/null
	book pat-3 prv-1 2025-03-03T09:00 20m --force
	sched noshow apt-3 >/dev/null
	run -0 sqlite3 -separator ' ' "$CLINIX_DB" "select action, outcome, patient_id, record from audit where action like 'sched.%' order by id"
	assert_output "sched.book ok 1 apt-1
sched.book ok 2 apt-2
sched.move ok 2 apt-2
sched.cancel ok 2 apt-2
sched.checkin ok 1 apt-1
sched.checkout ok 1 apt-1
sched.book ok 3 apt-3
sched.noshow ok 3 apt-3"
	run -0 audit verify
}

@test "times are read and shown in the clinic's zone from the config, whatever TZ says" {
	grep -q '^  timezone: "America/New_York"' "$CLINIX_CONFIG" ||
	    sed -i 's|^  #* *timezone: .*|  timezone: "America/New_York"|' "$CLINIX_CONFIG"
	run -0 env TZ=Asia/Tokyo sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T09:30 --length 20m
	assert_equal "$(stored apt-1)" "2030-12-02T14:30:00Z 2030-12-02T14:50:00Z"
	run -0 env TZ=UTC sched list --day 2030-12-02
	assert_output --regexp "^apt-1	2030-12-02T09:30	2030-12-02T09:50	"
	run -0 env TZ=UTC sched free --provider prv-1 --from 2030-12-02 --to 2030-12-02
	assert_line --index 0 "prv-1	2030-12-02T08:00	2030-12-02T09:30	90"
}

# --- iCalendar feed, read back by independent parsers ----------------------

ICS_EVENTS=$BATS_TEST_DIRNAME/tools/ics-events
ICS_NODE=$BATS_TEST_DIRNAME/tools/ics-node-ical

# What the database says each event must be: UID, start, end (UTC, as
# the parsers print them), status, sequence.
db_events() {
	sqlite3 -separator '	' "$CLINIX_DB" "select 'apt-' || id || '@local.clinix',
	    replace(start_at, 'Z', '.000Z'), replace(end_at, 'Z', '.000Z'),
	    case when status in ('cancelled', 'noshow') then 'CANCELLED'
	    else 'CONFIRMED' end, seq from appointment
	    where provider_id = 1 order by start_at, id"
}

@test "ics: ical.js reads every event strictly and its times match the database" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:30 --type follow-up --resource "Room 2"
	run -0 sched book pat-2 --provider prv-1 --at 2030-12-03T13:00 --length 45m
	run -0 sched book pat-3 --provider prv-1 --at 2030-07-01T09:00 --length 30m
	run -0 sched cancel apt-2 --reason "called in"
	sched ics --provider prv-1 --from 2030-06-01 --to 2030-12-31 >"$BATS_TEST_TMPDIR/feed.ics"
	run -0 "$ICS_EVENTS" "$BATS_TEST_TMPDIR/feed.ics"
	got=$(printf '%s\n' "$output" | cut -f1-4,6)
	assert_equal "$got" "$(db_events)"
	# summer and winter: 09:00 EDT is 13:00Z, 09:30 EST is 14:30Z
	assert_line --partial $'apt-3@local.clinix\t2030-07-01T13:00:00.000Z'
	assert_line --partial $'apt-1@local.clinix\t2030-12-02T14:30:00.000Z'
	assert_line --regexp $'^apt-2@local.clinix\t.*\tCANCELLED\t'
}

@test "ics: node-ical, the lenient reader clients use, sees the same events" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-11-01T09:30 --length 30m
	run -0 sched book pat-2 --provider prv-1 --at 2030-11-05T09:30 --length 30m
	sched ics --provider prv-1 --from 2030-10-01 --to 2030-11-30 >"$BATS_TEST_TMPDIR/feed.ics"
	run -0 "$ICS_NODE" "$BATS_TEST_TMPDIR/feed.ics"
	# either side of the fall-back on 2030-11-03: EDT, then EST
	assert_line --partial $'apt-1@local.clinix\t2030-11-01T13:30:00.000Z\t2030-11-01T14:00:00.000Z'
	assert_line --partial $'apt-2@local.clinix\t2030-11-05T14:30:00.000Z\t2030-11-05T15:00:00.000Z'
}

@test "ics: CRLF lines, a TZID with its VTIMEZONE, no line over 75 octets" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:30 --length 30m
	sched ics --provider prv-1 --from 2030-12-01 --to 2030-12-31 >"$BATS_TEST_TMPDIR/feed.ics"
	f=$BATS_TEST_TMPDIR/feed.ics
	# every line ends in CR LF
	[ "$(grep -c $'\r$' "$f")" -eq "$(wc -l <"$f")" ]
	run -0 awk '{ sub(/\r$/, ""); if (length($0) > 75) print }' "$f"
	assert_output ""
	run -0 grep -c '^BEGIN:VTIMEZONE' "$f"
	assert_output 1
	run -0 grep -a '^DTSTART;TZID=America/New_York:20301202T093000' "$f"
	run -0 grep -a '^TZID:America/New_York' "$f"
}

@test "ics: a move keeps the UID and bumps SEQUENCE; cancelled stays with STATUS:CANCELLED" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:30 --length 30m
	sched ics --provider prv-1 --from 2030-12-01 --to 2030-12-31 >"$BATS_TEST_TMPDIR/a.ics"
	run -0 sched move apt-1 --at 2030-12-02T10:30
	sched ics --provider prv-1 --from 2030-12-01 --to 2030-12-31 >"$BATS_TEST_TMPDIR/b.ics"
	run -0 sched cancel apt-1
	sched ics --provider prv-1 --from 2030-12-01 --to 2030-12-31 >"$BATS_TEST_TMPDIR/c.ics"
	a=$("$ICS_EVENTS" "$BATS_TEST_TMPDIR/a.ics")
	b=$("$ICS_EVENTS" "$BATS_TEST_TMPDIR/b.ics")
	c=$("$ICS_EVENTS" "$BATS_TEST_TMPDIR/c.ics")
	assert_equal "$(cut -f1 <<<"$a")" "apt-1@local.clinix"
	assert_equal "$(cut -f1 <<<"$b")" "apt-1@local.clinix"
	assert_equal "$(cut -f2 <<<"$b")" "2030-12-02T15:30:00.000Z"
	assert_equal "$(cut -f4,6 <<<"$c")" "CANCELLED	2"
	[ "$(cut -f6 <<<"$a")" -lt "$(cut -f6 <<<"$b")" ]
}

@test "ics: initials and visit type only, never the note; --names gives the name" {
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:30 --type follow-up --note "diabetic foot ulcer"
	sched ics --provider prv-1 --from 2030-12-01 --to 2030-12-31 >"$BATS_TEST_TMPDIR/feed.ics"
	run -0 "$ICS_EVENTS" "$BATS_TEST_TMPDIR/feed.ics"
	assert_equal "$(cut -f5 <<<"$output")" "JD - follow-up"
	run -1 grep -aiE 'ulcer|Doe|Jane|M0000001' "$BATS_TEST_TMPDIR/feed.ics"
	sched ics --provider prv-1 --from 2030-12-01 --to 2030-12-31 --names >"$BATS_TEST_TMPDIR/named.ics"
	run -0 "$ICS_EVENTS" "$BATS_TEST_TMPDIR/named.ics"
	assert_equal "$(cut -f5 <<<"$output")" "Jane Doe - follow-up"
}

@test "ics: commas, semicolons and backslashes are escaped, long text folded, and read back whole" {
	run -0 provider resource add 'Suite 4; East wing, 2nd floor \ annex' --kind room
	long="consultation with interpreter, extended; includes family meeting and a long explanation of the plan"
	run -0 provider visit-type add "$long" 60m
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:00 --type "$long" --resource res-2
	sched ics --provider prv-1 --from 2030-12-01 --to 2030-12-31 >"$BATS_TEST_TMPDIR/feed.ics"
	run -0 grep -a '^LOCATION:Suite 4\\; East wing\\, 2nd floor \\\\ annex' "$BATS_TEST_TMPDIR/feed.ics"
	run -0 node -e '
	    const ICAL = require(require.resolve("ical.js", { paths: [process.argv[1]] }));
	    const c = new ICAL.Component(ICAL.parse(require("fs").readFileSync(process.argv[2], "utf8")));
	    const v = c.getFirstSubcomponent("vevent");
	    console.log(v.getFirstPropertyValue("location"));
	    console.log(v.getFirstPropertyValue("summary"));' \
	    "$BATS_TEST_DIRNAME/tools" "$BATS_TEST_TMPDIR/feed.ics"
	assert_line --index 0 'Suite 4; East wing, 2nd floor \ annex'
	assert_line --index 1 "JD - $long"
}

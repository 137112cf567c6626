load helper

# provider: add, list, show, edit, deactivate, activate, hours, off (and
# --remove), visit types and resources (and retiring them), the clinic's
# billing identity; who may do what.

count() { sqlite3 "$CLINIX_DB" "select count(*) from $1"; }
naudit() { count audit; }
last_audit() {
	sqlite3 "$CLINIX_DB" \
	    "select action,outcome,login,record,detail from audit order by id desc limit 1"
}
# The rows of every provider table and the audit, to prove nothing moved.
snapshot() {
	local t
	for t in provider provider_hours provider_off visit_type resource audit; do
		printf '%s=%s ' "$t" "$(count "$t")"
	done
}
add_maria() {
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X \
	    --credential MD >/dev/null
}
# A patient and prv-1 working weekdays 08:00-12:00, for what sched sees.
# 2030-12-02 is a Monday.
bookable() {
	add_maria
	provider hours prv-1 mon-fri 08:00-12:00 >/dev/null
	patient add --first Jane --last Doe --dob 1980-01-02 >/dev/null
}
# The days of 2030-12-02..06 on which sched free offers prv-1 anything.
free_days() {
	sched free --provider prv-1 --from 2030-12-02 --to 2030-12-06 |
	    cut -f 2 | cut -c 1-10 | uniq | tr '\n' ' '
}

# Fill in the clinic's billing identity in the config clinix init wrote.
clinic_config() {
	sed -i 's/^  # \(npi\|tax_id\|phone\|address1\|city\|state\|zip\):/  \1:/' \
	    "$CLINIX_CONFIG"
}
# Set clinic.KEY to VALUE in the config (the key must be uncommented).
set_key() {
	sed -i "s|^  $1: .*|  $1: \"$2\"|" "$CLINIX_CONFIG"
}

@test "provider add prints the new id and list shows it" {
	local d1 d2
	d1=$(date -u +%Y-%m-%d)
	run -0 --separate-stderr provider add --name "Maria Chen" --npi "$NPI1" \
	    --taxonomy 207Q00000X --credential MD --login "$(id -un)"
	assert_equal "$stderr" ""
	assert_output "prv-1"
	run -0 provider add --name "Bo Berg" --npi "$NPI2" --taxonomy 363LF0000X
	assert_output "prv-2"
	d2=$(date -u +%Y-%m-%d)
	run -0 provider list
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 --regexp \
	    "^prv-1	$NPI1	Maria Chen	MD	207Q00000X	$(id -un)	yes	($d1|$d2)T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\$"
	assert_line --index 1 --regexp "^prv-2	$NPI2	Bo Berg		363LF0000X		yes	"
}

@test "provider list -o json and -o csv carry the same columns" {
	add_maria
	run -0 provider list -o json
	assert_equal "$(jq -r '[.id, .npi, .name, .credential, .taxonomy, .login, .active] | @tsv' <<<"$output")" \
	    "prv-1	$NPI1	Maria Chen	MD	207Q00000X		yes"
	run -0 provider list -o csv
	# RFC 4180: CRLF line ends
	assert_line --index 0 $'id,npi,name,credential,taxonomy,login,active,created_at\r'
	assert_line --index 1 --regexp "^prv-1,$NPI1,Maria Chen,MD,207Q00000X,,yes,.*"$'\r$'
}

@test "provider add is audited with the NPI" {
	add_maria
	assert_equal "$(last_audit)" "provider.add|ok|$(id -un)|prv-1|$NPI1"
}

@test "an NPI with a wrong check digit is bad data (65): nothing written" {
	local before
	before=$(snapshot)
	run -65 --separate-stderr provider add --name X --npi 1234567890 \
	    --taxonomy 207Q00000X
	assert_equal "$output" ""
	assert_equal "$stderr" "provider: npi '1234567890': wrong check digit"
	# every other wrong last digit too
	for d in 0 1 2 4 5 6 7 8 9; do
		run -65 provider add --name X --npi "123456789$d" --taxonomy 207Q00000X
	done
	assert_equal "$(snapshot)" "$before"
	assert_equal "$(count provider)" 0
}

@test "NPIs of the wrong shape are bad data (65)" {
	run -65 --separate-stderr provider add --name X --npi 123456789 --taxonomy 207Q00000X
	assert_equal "$stderr" "provider: npi '123456789': must be 10 digits"
	run -65 provider add --name X --npi 12345678933 --taxonomy 207Q00000X
	run -65 provider add --name X --npi 123456789X --taxonomy 207Q00000X
	run -65 provider add --name X --npi "" --taxonomy 207Q00000X
	run -65 provider add --name X --npi " $NPI1" --taxonomy 207Q00000X
	# passes Luhn with the prefix, but an NPI starts with 1 or 2
	run -65 --separate-stderr provider add --name X --npi 9876543213 --taxonomy 207Q00000X
	assert_equal "$stderr" "provider: npi '9876543213': must start with 1 or 2"
	# Luhn without the 80840 prefix is not enough
	run -65 provider add --name X --npi 2000000006 --taxonomy 207Q00000X
	assert_equal "$(count provider)" 0
}

@test "a duplicate NPI is bad data (65) and adds nothing" {
	add_maria
	local before
	before=$(snapshot)
	run -65 --separate-stderr provider add --name Other --npi "$NPI1" \
	    --taxonomy 207R00000X
	assert_equal "$output" ""
	assert_equal "$stderr" "provider: npi '$NPI1' is already prv-1"
	assert_equal "$(snapshot)" "$before"
}

@test "a taxonomy code not shaped like 207Q00000X is bad data (65)" {
	local t
	for t in 207q00000X 207Q00000x 207Q00000 207Q00000XX 20AQ00000X \
	    207Q0000-X 207Q00000Y ""; do
		run -65 --separate-stderr provider add --name X --npi "$NPI1" --taxonomy "$t"
		assert_equal "$stderr" \
		    "provider: taxonomy '$t': must be 3 digits, 6 digits or capital letters, then X (e.g. 207Q00000X)"
	done
	assert_equal "$(count provider)" 0
	run -0 provider add --name X --npi "$NPI1" --taxonomy 261QM1300X
}

@test "--login must name a clinix user who is nobody else's provider (65)" {
	run -65 --separate-stderr provider add --name X --npi "$NPI1" \
	    --taxonomy 207Q00000X --login nobody
	assert_equal "$stderr" "provider: login: no clinix user 'nobody'"
	assert_equal "$(count provider)" 0
	user add maria --role provider >/dev/null
	run -0 provider add --name X --npi "$NPI1" --taxonomy 207Q00000X --login maria
	run -65 --separate-stderr provider add --name Y --npi "$NPI2" \
	    --taxonomy 207Q00000X --login maria
	assert_equal "$stderr" "provider: login: user 'maria' is already prv-1"
	assert_equal "$(count provider)" 1
	# a disabled user still exists
	user add gone --role provider >/dev/null
	user disable gone >/dev/null
	run -0 provider add --name Z --npi "$NPI2" --taxonomy 207Q00000X --login gone
}

@test "add without --name, --npi or --taxonomy is a usage error (64)" {
	run -64 --separate-stderr provider add --npi "$NPI1" --taxonomy 207Q00000X
	assert_equal "${stderr_lines[0]}" "provider: give --name"
	[[ "$stderr" == *"usage: provider add --name NAME"* ]]
	run -64 provider add --name X --taxonomy 207Q00000X
	run -64 provider add --name X --npi "$NPI1"
	run -64 provider add --name X --npi "$NPI1" --taxonomy 207Q00000X extra
	run -64 provider add --name X --npi "$NPI1" --taxonomy 207Q00000X --bogus
	assert_equal "$(count provider)" 0
}

@test "names: control characters, over 200 bytes, bad UTF-8, empty: 65" {
	run -65 --separate-stderr provider add --name $'a\tb' --npi "$NPI1" --taxonomy 207Q00000X
	assert_equal "$stderr" "provider: name: holds a control character"
	run -65 provider add --name $'a\x7fb' --npi "$NPI1" --taxonomy 207Q00000X
	run -65 --separate-stderr provider add --name "x$(printf 'é%.0s' {1..100})" \
	    --npi "$NPI1" --taxonomy 207Q00000X
	assert_equal "$stderr" "provider: name: longer than 200 bytes"
	run -65 --separate-stderr provider add --name $'Iv\xffy' --npi "$NPI1" --taxonomy 207Q00000X
	assert_equal "$stderr" "provider: name: not valid UTF-8"
	run -65 --separate-stderr provider add --name "" --npi "$NPI1" --taxonomy 207Q00000X
	assert_equal "$stderr" "provider: name: is empty"
	run -65 --separate-stderr provider add --name X --npi "$NPI1" --taxonomy 207Q00000X \
	    --credential "$(printf 'M%.0s' {1..51})"
	assert_equal "$stderr" "provider: credential: longer than 50 bytes"
	assert_equal "$(count provider)" 0
	run -0 provider add --name "$(printf 'é%.0s' {1..100})" --npi "$NPI1" \
	    --taxonomy 207Q00000X
}

@test "names with quotes and other scripts round-trip verbatim" {
	local evil="'); DROP TABLE provider;--"
	run -0 provider add --name "$evil" --npi "$NPI1" --taxonomy 207Q00000X
	run -0 provider add --name "Seán O'Brien, 王小明" --npi "$NPI2" --taxonomy 207Q00000X
	run -0 provider list -o json
	assert_equal "$(jq -r .name <<<"$output")" "$evil
Seán O'Brien, 王小明"
}

@test "show takes a prv- id or an NPI, and ids on stdin" {
	add_maria
	provider add --name B --npi "$NPI2" --taxonomy 207R00000X >/dev/null
	run -0 provider show prv-2
	assert_output --regexp "^prv-2	$NPI2	B		207R00000X		yes	"
	run -0 provider show "$NPI1"
	assert_output --regexp "^prv-1	$NPI1	Maria Chen	MD	"
	provider list >"$BATS_TEST_TMPDIR/ids"
	run -0 provider show <"$BATS_TEST_TMPDIR/ids"
	assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/ids")"
	run -0 provider show - <"$BATS_TEST_TMPDIR/ids"
	assert_equal "${#lines[@]}" 2
}

@test "show of an unknown provider or another kind of id is 65, the rest still shown" {
	add_maria
	run -65 --separate-stderr provider show prv-9 pat-1 prv-1 "$NPI2"
	assert_output --regexp "^prv-1	"
	assert_equal "${#lines[@]}" 1
	assert_equal "${stderr_lines[0]}" "provider: no provider 'prv-9'"
	assert_equal "${stderr_lines[1]}" "provider: not a provider id 'pat-1'"
	assert_equal "${stderr_lines[2]}" "provider: no provider '$NPI2'"
}

@test "edit changes the fields given, by id or NPI, and is audited" {
	add_maria
	user add maria --role provider >/dev/null
	run -0 provider edit "$NPI1" --name "Maria Chen-Lopez" --login maria \
	    --taxonomy 207R00000X
	assert_output "prv-1"
	run -0 provider show prv-1
	assert_output --regexp "^prv-1	$NPI1	Maria Chen-Lopez	MD	207R00000X	maria	yes	"
	assert_equal "$(last_audit)" "provider.edit|ok|$(id -un)|prv-1|name,taxonomy,login"
	run -0 provider edit prv-1 --npi "$NPI2" --credential "" --login ""
	run -0 provider show "$NPI2"
	assert_output --regexp "^prv-1	$NPI2	Maria Chen-Lopez		207R00000X		yes	"
	# keeping one's own NPI is no conflict
	run -0 provider edit prv-1 --npi "$NPI2"
}

@test "edit: bad values, a taken NPI, an unknown provider: 65, nothing changed" {
	add_maria
	provider add --name B --npi "$NPI2" --taxonomy 207R00000X >/dev/null
	local before list
	before=$(snapshot) list=$(provider list)
	run -65 --separate-stderr provider edit prv-2 --npi "$NPI1"
	assert_equal "$stderr" "provider: npi '$NPI1' is already prv-1"
	run -65 provider edit prv-2 --npi 1234567890
	run -65 provider edit prv-2 --taxonomy nope
	run -65 provider edit prv-2 --name ""
	run -65 provider edit prv-2 --login nobody
	run -65 --separate-stderr provider edit prv-9 --name X
	assert_equal "$stderr" "provider: no provider 'prv-9'"
	run -65 provider edit 1932102084 --name X
	assert_equal "$(snapshot)" "$before"
	assert_equal "$(provider list)" "$list"
}

@test "edit with nothing to change, or without one provider, is 64" {
	add_maria
	run -64 --separate-stderr provider edit prv-1
	assert_equal "${stderr_lines[0]}" \
	    "provider: nothing to change: give --name, --npi, --taxonomy, --credential or --login"
	run -64 provider edit --name X
	run -64 provider edit prv-1 prv-2 --name X
	assert_equal "$(naudit)" 2
}

@test "deactivate marks providers inactive; unknown ones are 65" {
	add_maria
	provider add --name B --npi "$NPI2" --taxonomy 207R00000X >/dev/null
	run -0 provider deactivate "$NPI2"
	assert_output "prv-2"
	run -0 provider list
	assert_line --index 0 --regexp "^prv-1	.*	yes	"
	assert_line --index 1 --regexp "^prv-2	.*	no	"
	assert_equal "$(last_audit)" "provider.deactivate|ok|$(id -un)|prv-2|"
	run -65 --separate-stderr provider deactivate prv-9 prv-1
	assert_output "prv-1"
	assert_equal "$stderr" "provider: no provider 'prv-9'"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select count(*) from provider where active = 1')" 0
}

@test "activate undoes deactivate, audited; sched books the provider again" {
	bookable
	provider deactivate prv-1 >/dev/null
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T09:00 --length 20m
	assert_equal "$stderr" "sched: prv-1 is deactivated"
	run -0 --separate-stderr provider activate "$NPI1"
	assert_output "prv-1"
	assert_equal "$stderr" ""
	assert_equal "$(last_audit)" "provider.activate|ok|$(id -un)|prv-1|"
	run -0 provider list
	assert_line --index 0 --regexp "^prv-1	.*	yes	"
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:00 \
	    --length 20m
	assert_output "apt-1"
}

@test "activate or deactivate of one already so says so, exits 0, writes nothing" {
	add_maria
	provider add --name B --npi "$NPI2" --taxonomy 207R00000X >/dev/null
	provider deactivate prv-2 >/dev/null
	local before
	before=$(snapshot)
	run -0 --separate-stderr provider activate prv-1
	assert_output ""
	assert_equal "$stderr" "provider: prv-1 is already active"
	run -0 --separate-stderr provider deactivate prv-2
	assert_output ""
	assert_equal "$stderr" "provider: prv-2 is already deactivated"
	assert_equal "$(snapshot)" "$before"
	# the others in the list are still done
	run -0 --separate-stderr provider activate prv-1 prv-2
	assert_output "prv-2"
	assert_equal "$stderr" "provider: prv-1 is already active"
}

@test "activate: unknown providers are 65, the rest still done; ids on stdin; 64 for options" {
	add_maria
	provider add --name B --npi "$NPI2" --taxonomy 207R00000X >/dev/null
	provider deactivate prv-1 prv-2 >/dev/null
	run -65 --separate-stderr provider activate prv-9 prv-1 pat-1
	assert_output "prv-1"
	assert_equal "$stderr" "provider: no provider 'prv-9'
provider: not a provider id 'pat-1'"
	run -0 provider activate - <<<"prv-2	B"
	assert_output "prv-2"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select count(*) from provider where active = 1')" 2
	run -64 provider activate --all
}

@test "hours: set, list, replace some days, clear a day" {
	add_maria
	run -0 provider hours prv-1 mon-fri 08:00-12:00,13:00-17:00
	assert_output "prv-1"
	assert_equal "$(last_audit)" \
	    "provider.hours|ok|$(id -un)|prv-1|mon-fri 08:00-12:00,13:00-17:00"
	run -0 provider hours prv-1 wed off
	run -0 provider hours "$NPI1" sat,sun 9:00-12:00
	run -0 provider hours prv-1 tue 07:30-11:00,11:00-15:45
	run -0 provider hours prv-1 fri ""
	run -0 provider hours prv-1
	assert_output "prv-1	mon	08:00	12:00
prv-1	mon	13:00	17:00
prv-1	tue	07:30	11:00
prv-1	tue	11:00	15:45
prv-1	thu	08:00	12:00
prv-1	thu	13:00	17:00
prv-1	sat	09:00	12:00
prv-1	sun	09:00	12:00"
	run -0 provider hours prv-1 -o csv
	assert_line --index 0 $'id,day,start,end\r'
	# stored as minutes since midnight, 1 = monday
	run -0 sqlite3 "$CLINIX_DB" \
	    "select weekday, start_min, end_min from provider_hours where weekday = 2 order by start_min"
	assert_output "2|450|660
2|660|945"
}

@test "hours: a whole day runs 00:00-24:00; day names are any case, lists and ranges mix" {
	add_maria
	run -0 provider hours prv-1 Mon,wed-THU 00:00-24:00
	run -0 provider hours prv-1
	assert_output "prv-1	mon	00:00	24:00
prv-1	wed	00:00	24:00
prv-1	thu	00:00	24:00"
}

@test "hours: bad days or ranges are 65 and change nothing" {
	add_maria
	provider hours prv-1 mon-fri 08:00-12:00 >/dev/null
	local before a
	before=$(snapshot)
	run -65 --separate-stderr provider hours prv-1 mon 08:00-12:00,11:00-13:00
	assert_equal "$stderr" "provider: hours: 08:00-12:00 and 11:00-13:00 overlap"
	run -65 --separate-stderr provider hours prv-1 mon 12:00-08:00
	assert_equal "$stderr" "provider: hours: '12:00-08:00' ends before it starts"
	run -65 --separate-stderr provider hours prv-1 fri-mon 08:00-12:00
	[[ "$stderr" == "provider: days: 'fri-mon' "* ]]
	for a in "xyz 08:00-12:00" "mon, 08:00-12:00" "mon- 08:00-12:00" \
	    "mon 8-12" "mon 08:00-08:00" "mon 24:00-24:30" "mon 23:00-24:01" \
	    "mon 08:60-09:00" "mon 08:00" "mon 08:00-12:00," "mon -" \
	    "monday 08:00-12:00" "mon 08:00-12:00;13:00-14:00"; do
		run -65 provider hours prv-1 $a
	done
	run -65 provider hours prv-9 mon 08:00-12:00
	assert_equal "$(snapshot)" "$before"
}

@test "hours: wrong number of arguments is 64; listing an unknown provider is 65" {
	add_maria
	run -64 --separate-stderr provider hours prv-1 mon
	assert_equal "${stderr_lines[0]}" "provider: give the hours, or 'off'"
	run -64 provider hours
	run -64 provider hours prv-1 mon 08:00-12:00 extra
	run -65 provider hours prv-9
	assert_equal "$(count provider_hours)" 0
}

@test "the schema itself refuses overlapping hours and bad NPIs" {
	add_maria
	provider hours prv-1 mon 08:00-12:00 >/dev/null
	run ! sqlite3 "$CLINIX_DB" \
	    "insert into provider_hours values (1, 1, 660, 780)"
	[[ "$output" == *"provider hours overlap"* ]]
	run ! sqlite3 "$CLINIX_DB" \
	    "insert into provider_hours values (1, 1, 780, 780)"
	run ! sqlite3 "$CLINIX_DB" \
	    "insert into provider_hours values (1, 8, 60, 120)"
	run -0 sqlite3 "$CLINIX_DB" \
	    "insert into provider_hours values (1, 1, 720, 780)"
	run ! sqlite3 "$CLINIX_DB" \
	    "update provider_hours set end_min = 730 where start_min = 480"
	run ! sqlite3 "$CLINIX_DB" \
	    "insert into provider (name, npi, taxonomy, created_at) values ('x', '1234567890', '207Q00000X', 'now')"
	[[ "$output" == *"npi_check_digit"* ]]
	run -0 sqlite3 "$CLINIX_DB" \
	    "insert into provider (name, npi, taxonomy, created_at) values ('x', '$NPI3', '207Q00000X', 'now')"
	run ! sqlite3 "$CLINIX_DB" \
	    "insert into provider_off (provider_id, from_date, to_date, created_at) values (1, '2026-12-24', '2026-12-23', 'now')"
}

@test "off: add days off, with --to and --reason, and list them" {
	add_maria
	run -0 provider off prv-1 2026-12-24 --to 2026-12-26 --reason "Holidays"
	assert_output "off-1"
	assert_equal "$(last_audit)" \
	    "provider.off|ok|$(id -un)|off-1|prv-1 2026-12-24..2026-12-26"
	run -0 provider off "$NPI1" 2026-11-30
	assert_output "off-2"
	run -0 provider off prv-1
	assert_output "off-2	prv-1	2026-11-30	2026-11-30	
off-1	prv-1	2026-12-24	2026-12-26	Holidays"
	run -0 provider off prv-1 -o json
	assert_equal "$(jq -r .reason <<<"${lines[1]}")" "Holidays"
}

@test "off: relative days are taken in the clinic's zone" {
	add_maria
	local d
	d=$(TZ=America/New_York date -d tomorrow +%Y-%m-%d)
	run -0 provider off prv-1 tomorrow --to +1d
	run -0 provider off prv-1
	assert_output "off-1	prv-1	$d	$d	"
}

@test "off: an end before the start, a bad date or reason is 65, nothing written" {
	add_maria
	local before
	before=$(snapshot)
	run -65 --separate-stderr provider off prv-1 2026-12-24 --to 2026-12-20
	assert_equal "$stderr" "provider: --to 2026-12-20 is before 2026-12-24"
	run -65 --separate-stderr provider off prv-1 2026-13-01
	assert_equal "$stderr" \
	    "provider: date: '2026-13-01' is not a day like 2026-12-24, today or +3d"
	run -65 provider off prv-1 2026-02-30
	run -65 provider off prv-1 2026-12-01 --to nope
	run -65 provider off prv-1 2026-12-01 --reason $'a\nb'
	run -65 provider off prv-9 2026-12-01
	run -65 provider off prv-9
	assert_equal "$(snapshot)" "$before"
}

@test "off: missing day or extra arguments are 64" {
	add_maria
	run -64 provider off
	run -64 --separate-stderr provider off prv-1 --to 2026-12-01
	assert_equal "${stderr_lines[0]}" "provider: give the first day off"
	run -64 provider off prv-1 2026-12-01 2026-12-02
	assert_equal "$(count provider_off)" 0
}

@test "off --remove: one day of a span splits it, the reason kept; audited" {
	add_maria
	provider off prv-1 2026-12-20 --to 2026-12-28 --reason Holidays >/dev/null
	run -0 --separate-stderr provider off prv-1 2026-12-24 --remove
	assert_equal "$stderr" ""
	assert_output "off-1
off-2"
	run -0 provider off prv-1
	assert_output "off-1	prv-1	2026-12-20	2026-12-23	Holidays
off-2	prv-1	2026-12-25	2026-12-28	Holidays"
	assert_equal "$(last_audit)" \
	    "provider.off|ok|$(id -un)|off-1|prv-1 removed 2026-12-24..2026-12-24, left 2026-12-20..2026-12-23 and off-2 2026-12-25..2026-12-28"
	run -0 audit verify
}

@test "off --remove --to: spans inside go, spans over an end are cut short" {
	add_maria
	provider off prv-1 2026-12-01 --to 2026-12-03 >/dev/null	# off-1
	provider off prv-1 2026-12-05 >/dev/null			# off-2
	provider off prv-1 2026-12-07 --to 2026-12-10 >/dev/null	# off-3
	provider off prv-1 2026-12-20 >/dev/null			# off-4
	local n
	n=$(naudit)
	run -0 provider off prv-1 2026-12-02 --to 2026-12-08 --remove
	assert_output "off-1
off-2
off-3"
	run -0 provider off prv-1
	assert_output "off-1	prv-1	2026-12-01	2026-12-01	
off-3	prv-1	2026-12-09	2026-12-10	
off-4	prv-1	2026-12-20	2026-12-20	"
	# one audit row for each day off changed
	assert_equal "$(naudit)" $((n + 3))
	run -0 sqlite3 "$CLINIX_DB" \
	    "select record, detail from audit order by id desc limit 3"
	assert_output "off-3|prv-1 removed 2026-12-02..2026-12-08, left 2026-12-09..2026-12-10
off-2|prv-1 removed 2026-12-02..2026-12-08, left none
off-1|prv-1 removed 2026-12-02..2026-12-08, left 2026-12-01..2026-12-01"
	# a whole span given exactly goes too
	run -0 provider off "$NPI1" 2026-12-20 --remove
	assert_output "off-4"
	assert_equal "$(count provider_off)" 2
}

@test "off --remove of no day off is 1 with a message, nothing written" {
	add_maria
	provider add --name B --npi "$NPI2" --taxonomy 207R00000X >/dev/null
	provider off prv-1 2026-12-24 >/dev/null
	provider off prv-2 2026-12-25 >/dev/null
	local before
	before=$(snapshot)
	run -1 --separate-stderr provider off prv-1 2026-12-25 --remove
	assert_output ""
	assert_equal "$stderr" "provider: prv-1 has no day off on 2026-12-25"
	run -1 --separate-stderr provider off prv-1 2026-12-25 --to 2026-12-31 --remove
	assert_equal "$stderr" "provider: prv-1 has no day off from 2026-12-25 to 2026-12-31"
	assert_equal "$(snapshot)" "$before"
}

@test "off --remove: bad dates, unknown providers are 65; --reason or no day is 64" {
	add_maria
	provider off prv-1 2026-12-24 >/dev/null
	local before
	before=$(snapshot)
	run -65 --separate-stderr provider off prv-1 2026-12-24 --to 2026-12-20 --remove
	assert_equal "$stderr" "provider: --to 2026-12-20 is before 2026-12-24"
	run -65 provider off prv-1 2026-02-30 --remove
	run -65 --separate-stderr provider off prv-9 2026-12-24 --remove
	assert_equal "$stderr" "provider: no provider 'prv-9'"
	run -64 --separate-stderr provider off prv-1 --remove
	assert_equal "${stderr_lines[0]}" "provider: give the first day to remove"
	run -64 --separate-stderr provider off prv-1 2026-12-24 --remove --reason x
	assert_equal "${stderr_lines[0]}" \
	    "provider: --reason is for adding a day off, not --remove"
	run -64 provider off prv-1 2026-12-24 --remove=yes
	assert_equal "$(snapshot)" "$before"
}

@test "off --remove: sched free offers slots that day again" {
	bookable
	provider off prv-1 2030-12-03 --to 2030-12-05 --reason Course >/dev/null
	assert_equal "$(free_days)" "2030-12-02 2030-12-06 "
	run -65 sched book pat-1 --provider prv-1 --at 2030-12-04T09:00 \
	    --length 20m
	provider off prv-1 2030-12-04 --remove >/dev/null
	assert_equal "$(free_days)" "2030-12-02 2030-12-04 2030-12-06 "
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-04T09:00 \
	    --length 20m
	provider off prv-1 2030-12-01 --to 2030-12-31 --remove >/dev/null
	assert_equal "$(free_days)" \
	    "2030-12-02 2030-12-03 2030-12-04 2030-12-05 2030-12-06 "
}

@test "visit-type add takes lengths like 40m, 1h, 1h30m; list shows minutes" {
	run -0 provider visit-type add "new patient" 40m
	assert_output "vt-1"
	assert_equal "$(last_audit)" "provider.visit-type.add|ok|$(id -un)|vt-1|40 min"
	run -0 provider visit-type add "follow-up" 1h
	run -0 provider visit-type add "physical" 1h30m
	run -0 provider visit-type add "quick" 5m
	run -0 provider visit-type add "procedure" 12h
	run -0 provider visit-type add "long" 90m
	run -0 provider visit-type list
	assert_output "vt-1	new patient	40	yes
vt-2	follow-up	60	yes
vt-3	physical	90	yes
vt-4	quick	5	yes
vt-5	procedure	720	yes
vt-6	long	90	yes"
}

@test "visit-type: bad lengths and names are 65, a taken name (any case) is 65" {
	provider visit-type add "new patient" 40m >/dev/null
	local before l
	before=$(snapshot)
	run -65 --separate-stderr provider visit-type add "New Patient" 20m
	assert_equal "$stderr" "provider: visit type 'New Patient' already exists"
	run -65 --separate-stderr provider visit-type add short 4m
	assert_equal "$stderr" "provider: length '4m': must be from 5m to 12h"
	run -65 --separate-stderr provider visit-type add plain 40
	assert_equal "$stderr" "provider: length '40': not like 40m, 1h or 1h30m"
	for l in 12h1m 13h 0h 1m1h 1h1h 30 "" m h 40min 1.5h 40m30 99999m; do
		run -65 provider visit-type add x "$l"
	done
	run -65 provider visit-type add $'a\tb' 40m
	run -65 provider visit-type add "" 40m
	assert_equal "$(snapshot)" "$before"
	run -64 provider visit-type add onlyname
	run -64 provider visit-type list extra
}

@test "one length rule: visit-type add and sched --length accept and refuse the same" {
	bookable
	local l
	# units spelt out, 5 minutes to 12 hours, for both
	for l in 90 45 4m 0m 12h1m 30m1h; do
		run -65 --separate-stderr provider visit-type add "x$l" "$l"
		local pwhy=${stderr#"provider: length '$l': "}
		[[ $pwhy != "$stderr" ]] || fail "visit-type $l: $stderr"
		run -65 --separate-stderr sched book pat-1 --provider prv-1 \
		    --at 2030-12-02T09:00 --length "$l"
		assert_output ""
		assert_equal "$stderr" "sched: --length '$l': $pwhy"
	done
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select count(*) from appointment')" 0
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select count(*) from visit_type')" 0
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T09:00 --length 90
	assert_equal "$stderr" "sched: --length '90': not like 40m, 1h or 1h30m"
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-02T09:00 --length 4m
	assert_equal "$stderr" "sched: --length '4m': must be from 5m to 12h"
	run -0 provider visit-type add quick 5m
	run -0 sched book pat-1 --provider prv-1 --at 2030-12-02T09:00 --length 5m
	assert_output "apt-1"
	run -0 sched show -o json apt-1
	assert_equal "$(jq -r .minutes <<<"$output")" 5
}

@test "resource add takes --kind room or device; list shows them" {
	run -0 provider resource add "Room 2" --kind room
	assert_output "res-1"
	assert_equal "$(last_audit)" "provider.resource.add|ok|$(id -un)|res-1|room"
	run -0 provider resource add --kind device "ECG cart"
	assert_output "res-2"
	run -0 provider resource list
	assert_output "res-1	Room 2	room	yes
res-2	ECG cart	device	yes"
	run -0 provider resource list -o json
	assert_equal "$(jq -r .kind <<<"$output")" "room
device"
}

@test "resource: unknown or missing kind is 64, a taken name 65, nothing written" {
	provider resource add "Room 2" --kind room >/dev/null
	local before
	before=$(snapshot)
	run -64 --separate-stderr provider resource add closet --kind closet
	assert_equal "${stderr_lines[0]}" "provider: unknown kind 'closet' (room, device)"
	run -64 provider resource add closet
	run -64 provider resource add --kind room
	run -65 --separate-stderr provider resource add "room 2" --kind device
	assert_equal "$stderr" "provider: resource 'room 2' already exists"
	run -65 provider resource add $'r\x01' --kind room
	assert_equal "$(snapshot)" "$before"
}

@test "visit-type retire and restore, by name in any case or by id; audited; list shows active" {
	provider visit-type add "new patient" 40m >/dev/null
	provider visit-type add follow-up 20m >/dev/null
	run -0 --separate-stderr provider visit-type retire "New Patient"
	assert_output "vt-1"
	assert_equal "$stderr" ""
	assert_equal "$(last_audit)" "provider.visit-type.retire|ok|$(id -un)|vt-1|"
	run -0 provider visit-type list
	assert_output "vt-1	new patient	40	no
vt-2	follow-up	20	yes"
	run -0 provider visit-type restore vt-1
	assert_output "vt-1"
	assert_equal "$(last_audit)" "provider.visit-type.restore|ok|$(id -un)|vt-1|"
	run -0 provider visit-type list
	assert_line --index 0 "vt-1	new patient	40	yes"
}

@test "resource retire and restore, by name or id; audited; list shows active" {
	provider resource add "Room 2" --kind room >/dev/null
	provider resource add "ECG cart" --kind device >/dev/null
	run -0 provider resource retire res-2
	assert_output "res-2"
	assert_equal "$(last_audit)" "provider.resource.retire|ok|$(id -un)|res-2|"
	run -0 provider resource list
	assert_output "res-1	Room 2	room	yes
res-2	ECG cart	device	no"
	run -0 provider resource restore "ecg CART"
	assert_output "res-2"
	assert_equal "$(last_audit)" "provider.resource.restore|ok|$(id -un)|res-2|"
	run -0 provider resource list -o json
	assert_equal "$(jq -r .active <<<"$output")" "yes
yes"
}

@test "retire or restore of one already so says so, exits 0, writes nothing" {
	provider visit-type add follow-up 20m >/dev/null
	provider resource add "Room 2" --kind room >/dev/null
	provider visit-type retire follow-up >/dev/null
	local before
	before=$(snapshot)
	run -0 --separate-stderr provider visit-type retire vt-1
	assert_output ""
	assert_equal "$stderr" "provider: visit type vt-1 is already retired"
	run -0 --separate-stderr provider resource restore "Room 2"
	assert_output ""
	assert_equal "$stderr" "provider: resource res-1 is not retired"
	assert_equal "$(snapshot)" "$before"
}

@test "retire/restore: unknown names or other ids are 65, wrong arguments 64, nothing written" {
	provider visit-type add follow-up 20m >/dev/null
	provider resource add "Room 2" --kind room >/dev/null
	local before
	before=$(snapshot)
	run -65 --separate-stderr provider visit-type retire nope
	assert_equal "$stderr" \
	    "provider: no visit type 'nope' (see provider visit-type list)"
	run -65 provider visit-type retire vt-9
	run -65 --separate-stderr provider visit-type restore res-1
	assert_equal "$stderr" \
	    "provider: no visit type 'res-1' (see provider visit-type list)"
	run -65 --separate-stderr provider resource retire "Room 3"
	assert_equal "$stderr" \
	    "provider: no resource 'Room 3' (see provider resource list)"
	run -65 provider resource restore vt-1
	run -64 --separate-stderr provider visit-type retire
	assert_equal "${stderr_lines[0]}" "provider: give one name"
	run -64 provider visit-type retire follow-up "Room 2"
	run -64 provider resource retire
	run -64 provider resource restore --kind room "Room 2"
	assert_equal "$(snapshot)" "$before"
}

@test "retired: sched free --type and sched book refuse them (65); booked visits keep them" {
	bookable
	provider visit-type add follow-up 20m >/dev/null
	provider resource add "Room 2" --kind room >/dev/null
	sched book pat-1 --provider prv-1 --at 2030-12-02T09:00 --type follow-up \
	    --resource "Room 2" >/dev/null
	provider visit-type retire follow-up >/dev/null
	provider resource retire "Room 2" >/dev/null
	run -65 --separate-stderr sched free --provider prv-1 --from 2030-12-02 \
	    --to 2030-12-02 --type follow-up
	assert_output ""
	assert_equal "$stderr" "sched: visit type 'follow-up' is retired"
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-03T09:00 --type follow-up
	assert_equal "$stderr" "sched: visit type 'follow-up' is retired"
	run -65 --separate-stderr sched book pat-1 --provider prv-1 \
	    --at 2030-12-03T09:00 --length 20m --resource res-1
	assert_equal "$stderr" "sched: resource 'res-1' is retired"
	assert_equal "$(count appointment)" 1
	# the visit booked before stays booked, with its type and room
	run -0 sched show apt-1 -o json
	assert_equal "$(jq -r '[.status, .type, .resource] | @tsv' <<<"$output")" \
	    "booked	follow-up	Room 2"
	# and a retired room's visits can still be listed
	run -0 sched list --resource "Room 2" --from 2030-12-01 --to 2030-12-31
	assert_output --regexp "^apt-1	"
	# restored, they are offered again
	provider visit-type restore follow-up >/dev/null
	run -0 sched free --provider prv-1 --from 2030-12-03 --to 2030-12-03 \
	    --type follow-up
	assert_line --index 0 "prv-1	2030-12-03T08:00	2030-12-03T08:20	20"
}

@test "a non-admin gets 77 on every write, audited as denied, nothing written" {
	add_maria
	user add someone --role frontdesk >/dev/null
	local before
	before=$(snapshot | sed 's/audit=[0-9]*//')
	CLINIX_USER=someone run -77 --separate-stderr provider add --name X \
	    --npi "$NPI2" --taxonomy 207Q00000X
	assert_equal "$output" ""
	assert_equal "$stderr" \
	    "provider: permission denied: 'someone' (frontdesk) may not set up the clinic"
	assert_equal "$(last_audit)" "provider.add|denied|someone||set up the clinic"
	CLINIX_USER=someone run -77 provider edit prv-1 --name X
	CLINIX_USER=someone run -77 provider deactivate prv-1
	CLINIX_USER=someone run -77 provider hours prv-1 mon 08:00-12:00
	CLINIX_USER=someone run -77 provider off prv-1 2026-12-24
	CLINIX_USER=someone run -77 provider visit-type add x 40m
	CLINIX_USER=someone run -77 provider resource add x --kind room
	CLINIX_USER=someone run -77 provider activate prv-1
	CLINIX_USER=someone run -77 provider off prv-1 2026-12-24 --remove
	CLINIX_USER=someone run -77 provider visit-type retire x
	CLINIX_USER=someone run -77 provider visit-type restore x
	CLINIX_USER=someone run -77 provider resource retire x
	CLINIX_USER=someone run -77 provider resource restore x
	assert_equal "$(snapshot | sed 's/audit=[0-9]*//')" "$before"
	run -0 sqlite3 "$CLINIX_DB" \
	    "select count(*) from audit where outcome = 'denied' and login = 'someone'"
	assert_output 13
}

@test "every role may read providers, hours, days off, visit types, resources, unaudited" {
	add_maria
	provider hours prv-1 mon 08:00-12:00 >/dev/null
	provider off prv-1 2026-12-24 >/dev/null
	provider visit-type add visit 20m >/dev/null
	provider resource add "Room 1" --kind room >/dev/null
	local r before
	for r in provider nurse frontdesk billing; do
		user add "u_$r" --role "$r" >/dev/null
	done
	before=$(naudit)
	for r in provider nurse frontdesk billing; do
		CLINIX_USER="u_$r" run -0 provider list
		assert_output --regexp "^prv-1	"
		CLINIX_USER="u_$r" run -0 provider show "$NPI1"
		CLINIX_USER="u_$r" run -0 provider hours prv-1
		assert_output "prv-1	mon	08:00	12:00"
		CLINIX_USER="u_$r" run -0 provider off prv-1
		CLINIX_USER="u_$r" run -0 provider visit-type list
		CLINIX_USER="u_$r" run -0 provider resource list
	done
	assert_equal "$(naudit)" "$before"
}

@test "someone who is no clinix user gets 77 even for reads" {
	CLINIX_USER=stranger run -77 --separate-stderr provider list
	assert_equal "$output" ""
	assert_equal "$stderr" "provider: not a clinix user: ask an admin to run 'user add stranger'"
}

@test "clinic: the identity clinix init leaves is incomplete: 78, each bad key named" {
	run -78 --separate-stderr provider clinic
	assert_output "Test							"
	assert_equal "$stderr" \
	    "provider: $CLINIX_CONFIG: clinic.npi: missing: the group NPI claims are billed under
provider: $CLINIX_CONFIG: clinic.tax_id: missing
provider: $CLINIX_CONFIG: clinic.address1: missing
provider: $CLINIX_CONFIG: clinic.city: missing
provider: $CLINIX_CONFIG: clinic.state: missing
provider: $CLINIX_CONFIG: clinic.zip: missing"
}

@test "clinic: a complete identity is 0 and printed as one record" {
	clinic_config
	run -0 --separate-stderr provider clinic
	assert_equal "$stderr" ""
	assert_output "Test	1234567893	123456789	1 Main St	Boston	MA	021080000	+16175550100"
	run -0 provider clinic -o csv
	assert_line --index 0 $'name,npi,tax_id,address1,city,state,zip,phone\r'
}

@test "clinic: a hyphenated tax id and ZIP+4 are accepted and printed as digits" {
	clinic_config
	set_key tax_id 12-3456789
	set_key zip 02108-1234
	run -0 provider clinic -o json
	assert_equal "$(jq -r '.tax_id + " " + .zip' <<<"$output")" "123456789 021081234"
	set_key zip 02108
	run -0 provider clinic
	assert_output --regexp "	02108	"
}

@test "clinic: a bad group NPI, tax id or ZIP is 78 naming each key" {
	clinic_config
	set_key npi 1234567890
	set_key tax_id 1234-56789
	set_key zip 0210
	run -78 --separate-stderr provider clinic
	assert_equal "$stderr" \
	    "provider: $CLINIX_CONFIG: clinic.npi: '1234567890': wrong check digit
provider: $CLINIX_CONFIG: clinic.tax_id: '1234-56789': must be 9 digits, as 123456789 or 12-3456789
provider: $CLINIX_CONFIG: clinic.zip: '0210': must be 5 or 9 digits, as 12345 or 12345-6789"
	set_key npi 1234567893
	set_key tax_id 12345678
	set_key zip 021080000
	run -78 --separate-stderr provider clinic
	assert_equal "$stderr" \
	    "provider: $CLINIX_CONFIG: clinic.tax_id: '12345678': must be 9 digits, as 123456789 or 12-3456789"
	set_key tax_id 123456789
	set_key city ""
	run -78 --separate-stderr provider clinic
	assert_equal "$stderr" "provider: $CLINIX_CONFIG: clinic.city: missing"
}

@test "clinic needs no database, and extra arguments are 64" {
	clinic_config
	rm -f "$CLINIX_DB"
	run -0 provider clinic
	run -64 provider clinic extra
}

@test "provider -h lists every verb; unknown verbs are 64" {
	run -0 provider -h
	for v in add list show edit deactivate activate hours off \
	    "visit-type add" "visit-type list" "visit-type retire" \
	    "visit-type restore" "resource add" "resource list" \
	    "resource retire" "resource restore" clinic; do
		assert_line --regexp "^(usage:)? +provider $v( |\$)"
	done
	run -64 provider frobnicate
	run -64 provider
	run -64 provider visit-type
	run -64 provider resource remove x
}

@test "the audit chain still verifies after every kind of provider change" {
	add_maria
	provider edit prv-1 --name M >/dev/null
	provider hours prv-1 mon-fri 08:00-12:00 >/dev/null
	provider off prv-1 2026-12-24 >/dev/null
	provider visit-type add visit 20m >/dev/null
	provider resource add "Room 1" --kind room >/dev/null
	provider deactivate prv-1 >/dev/null
	provider activate prv-1 >/dev/null
	provider off prv-1 2026-12-24 --remove >/dev/null
	provider visit-type retire visit >/dev/null
	provider visit-type restore visit >/dev/null
	provider resource retire "Room 1" >/dev/null
	provider resource restore "Room 1" >/dev/null
	run -0 audit verify
}

# Words bash completion offers for the command line "provider WORDS... CUR":
# the shared script, which asks `provider --complete`.
complete_bash() {
	source "$BATS_TEST_DIRNAME/../completions/clinix.bash"
	COMP_WORDS=(provider "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_clinix_complete provider "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
	printf '%s\n' "${COMPREPLY[@]}"
}

@test "bash completion: verbs, sub-verbs, provider ids, kinds, dates, options" {
	add_maria
	provider add --name B --npi "$NPI2" --taxonomy 207R00000X >/dev/null
	provider deactivate prv-2 >/dev/null
	source "$BATS_TEST_DIRNAME/../completions/clinix.bash"
	run -0 complete -p provider
	assert_output "complete -F _clinix_complete provider"
	run -0 complete_bash ""
	for v in add list show edit deactivate activate hours off visit-type \
	    resource clinic; do
		assert_line "$v"
	done
	run -0 complete_bash visit-type ""
	assert_output "add
list
retire
restore"
	# the active providers only, for the verbs that take them
	for v in show edit deactivate hours off; do
		run -0 complete_bash "$v" ""
		assert_output "prv-1"
	done
	# operands by position: hours' days and ranges, off's date
	run -0 complete_bash hours prv-1 mon-
	assert_output "mon-fri
mon-sat"
	run -0 complete_bash hours prv-1 mon-fri o
	assert_output "off"
	run -0 complete_bash off prv-1 to
	assert_output "today
tomorrow"
	run -0 complete_bash off prv-1 2026-12-24 --re
	assert_output "--reason
--remove"
	run -0 complete_bash off prv-1 2026-12-24 --to t
	assert_output "today
tomorrow"
	run -0 complete_bash resource add x --kind ""
	assert_output "room
device"
	run -0 complete_bash resource add x -k d
	assert_output "device"
	run -0 complete_bash add --n
	assert_output "--name
--npi"
	run -0 complete_bash edit prv-1 --cr
	assert_output "--credential"
	# values of free text are not guessed
	run -0 complete_bash add --name ""
	assert_output ""
}

@test "bash completion: retire offers the active names; nothing asks for a retired one" {
	provider visit-type add "new patient" 40m >/dev/null
	provider visit-type add follow-up 20m >/dev/null
	provider resource add "Room 2" --kind room >/dev/null
	provider visit-type retire follow-up >/dev/null
	local before
	before=$(sqlite3 "$CLINIX_DB" 'select count(*) from audit')
	run -0 complete_bash visit-type retire ""
	assert_output "new patient"
	run -0 complete_bash resource retire R
	assert_output "Room 2"
	# completion knows only active ones: restore and activate offer none
	run -0 complete_bash visit-type restore ""
	assert_output ""
	run -0 complete_bash resource restore ""
	assert_output ""
	run -0 complete_bash activate ""
	assert_output ""
	# not PHI: no audit row for asking
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select count(*) from audit')" "$before"
}

@test "each verb's -h lists its options with their help; add every field" {
	help_starts "provider add - add a provider" \
	    "usage: provider add --name NAME --npi NPI --taxonomy CODE [--credential CRED] [--login USER]" \
	    provider add
	assert_line --index 3 --regexp $'^\t-n, --name NAME +the provider\'s full name$'
	assert_line --index 4 --regexp $'^\t    --npi NPI +the individual NPI, 10 digits$'
	assert_line --index 5 --regexp $'^\t    --taxonomy CODE +the taxonomy code, such as 207Q00000X$'
	assert_line --index 6 --regexp $'^\t    --credential CRED +the credential, such as MD$'
	assert_line --index 7 --regexp $'^\t    --login USER +the clinix user who is this provider$'
	assert_line --index 8 "global options:"
	run -0 provider edit -h
	assert_line --index 3 --regexp $'^\t-n, --name NAME +'
	assert_line --index 7 --regexp $'^\t    --login USER +'
	run -0 provider off -h
	assert_line --index 2 "options:"
	assert_line --index 3 --regexp $'^\t-t, --to DATE +the last day \\(default: the first\\)$'
	assert_line --index 4 --regexp $'^\t-r, --reason TEXT +why the provider is off$'
	assert_line --index 5 --regexp $'^\t    --remove +remove days off instead of adding$'
	assert_line --index 6 "global options:"
	run -0 provider resource add -h
	assert_line --index 3 --regexp $'^\t-k, --kind KIND +room or device$'
	# a verb with no options: no options section
	run -0 provider hours -h
	assert_line --index 2 "global options:"
}

@test "an option's value is never a global option: --name -V, --reason -h" {
	run -0 --separate-stderr provider add --name -V --npi "$NPI1" --taxonomy 207Q00000X
	assert_equal "$stderr" ""
	assert_output "prv-1"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select name from provider where id = 1')" "-V"
	run -0 --separate-stderr provider edit prv-1 --credential -h
	assert_equal "$stderr" ""
	assert_output "prv-1"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select credential from provider where id = 1')" "-h"
	run -0 --separate-stderr provider off prv-1 2026-12-24 --reason -h
	assert_equal "$stderr" ""
	assert_output "off-1"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select reason from provider_off where id = 1')" "-h"
	# and through the dispatcher
	run -0 --separate-stderr clinix provider off prv-1 2026-12-30 -r -V
	assert_equal "$stderr" ""
	assert_output "off-2"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select reason from provider_off where id = 2')" "-V"
}

@test "options: unknown ones, missing values and values for flags are 64 and write nothing" {
	add_maria
	local before
	before=$(snapshot)
	run -64 --separate-stderr provider off prv-1 2026-12-24 --bogus
	assert_equal "${stderr_lines[0]}" "provider: unknown option '--bogus'"
	assert_equal "${stderr_lines[1]}" "usage: provider off PROVIDER [DATE [--to DATE] [--reason TEXT | --remove]]"
	run -64 --separate-stderr provider off prv-1 2026-12-24 --reason
	assert_equal "${stderr_lines[0]}" "provider: option '--reason' needs a value"
	run -64 --separate-stderr provider off prv-1 2026-12-24 --remove=yes
	assert_equal "${stderr_lines[0]}" "provider: option '--remove' takes no value"
	run -64 --separate-stderr provider resource add x --kind
	assert_equal "${stderr_lines[0]}" "provider: option '--kind' needs a value"
	run -64 --separate-stderr provider hours prv-1 --to 2026-12-24
	assert_equal "${stderr_lines[0]}" "provider: unknown option '--to'"
	assert_equal "$(snapshot)" "$before"
	# getopt's ways still work: prefixes, '_' for '-', bundles, --
	run -0 provider off prv-1 2026-12-24 --rea flu
	run -0 provider edit prv-1 --cred DO
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select credential from provider where id = 1')" "DO"
	run -0 provider off prv-1 2026-12-28 -t2026-12-29 -r away
	assert_output "off-2"
	run -0 provider resource add -kroom -- -room
	assert_output "res-1"
}

@test "fish and zsh completion for provider are the shared scripts' too" {
	local c="$BATS_TEST_DIRNAME/../completions"
	if command -v fish >/dev/null; then
		run -0 fish -c "source '$c/clinix.fish'
			complete -C 'provider resource add x --kind '
			echo ==
			complete -C 'clinix provider off prv-1 today --re'"
		assert_output $'device\nroom\n==\n--reason\n--remove'
	fi
	command -v zsh >/dev/null || skip "no zsh"
	# (its completion system needs a terminal: compadd stands in)
	run -0 zsh -fc '
		source $1
		service=provider words=(provider resource add x --kind "")
		CURRENT=6 PREFIX=
		source $0' "$c/_clinix" "$BATS_TEST_DIRNAME/compstub.zsh"
	assert_output "offer: room device"
	grep -q '^#compdef .* provider ' "$c/_clinix"
}

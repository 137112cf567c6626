load helper

# The clinic's details: `clinix init` with one option a clinic.* key,
# `clinix config set|get|list` editing clinix.yaml in place (comments kept,
# the whole result checked by the real loader, replaced atomically,
# audited), and what remind does with them: no message with an empty
# placeholder, no claim with a command that cannot run, a failed send
# counted and logged, the slot that opened named.

teardown() {
	if [ -n "${NOBODY_HOME:-}" ]; then
		rm -rf "$NOBODY_HOME"
	fi
}

# A clinic not made yet: init is what is under test.
fresh_clinic() {
	export CLINIX_DB="$BATS_TEST_TMPDIR/new/data/clinix.db"
	export CLINIX_CONFIG="$BATS_TEST_TMPDIR/new/etc/clinix.yaml"
}

@test "init --phone --address ... writes each clinic key, the phone in E.164" {
	fresh_clinic
	run -0 --separate-stderr clinix init --clinic-name "Elm Clinic" \
	    --phone "(212) 555-0199" --address "1 Elm St" --address2 "Suite 4" \
	    --city Springfield --state MA --zip 01103 --npi 1234567893 \
	    --tax-id 12-3456789 --timezone America/New_York \
	    --email-from "Elm Clinic <desk@elm.example>"
	assert_equal "$stderr" ""
	run -0 grep -E '^  [a-z_0-9]+:|^remind:|^  from:' "$CLINIX_CONFIG"
	assert_output "$(cat <<-'EOF2'
	  name: "Elm Clinic"
	  npi: "1234567893"        # group NPI, for claims
	  tax_id: "12-3456789"
	  phone: "+12125550199"     # in messages to patients
	  address1: "1 Elm St"
	  address2: "Suite 4"
	  city: "Springfield"
	  state: "MA"
	  zip: "01103"
	  country: "US"               # default country for phone numbers
	  timezone: "America/New_York"         # local times are read and shown in this zone
	remind:
	  from: "Elm Clinic <desk@elm.example>"
	EOF2
	)"
	# the programs read it back
	run -0 clinix config get clinic.phone
	assert_output "+12125550199"
	run -0 provider -o tsv clinic
	assert_output "Elm Clinic	1234567893	123456789	1 Elm St	Springfield	MA	01103	+12125550199"
}

@test "init --country GB reads a national --phone in GB" {
	fresh_clinic
	clinix init --country GB --phone "020 7946 0000" >/dev/null
	run -0 clinix config get clinic.phone
	assert_output "+442079460000"
	run -0 clinix config get clinic.country
	assert_output "GB"
}

@test "init with a bad --phone, --country or --email-from: 65, nothing written" {
	fresh_clinic
	run -65 --separate-stderr clinix init --phone 555-0199
	assert_equal "$output" ""
	assert_equal "$stderr" "clinix: --phone '555-0199': a North American number has 10 digits"
	run -65 --separate-stderr clinix init --country usa
	assert_equal "$stderr" "clinix: --country 'usa': expected an ISO 3166 code of two capitals, such as US"
	run -65 --separate-stderr clinix init --email-from "Elm <not an address>"
	assert_equal "$stderr" "clinix: --email-from 'Elm <not an address>': expected an address, or a name and <address>"
	run -64 --separate-stderr clinix init --phone "+12125550199" --timezone Mars/Olympus
	[ ! -e "$BATS_TEST_TMPDIR/new" ]
}

@test "init with a clinic option and an existing config: 73, nothing changed" {
	local before
	before=$(cat "$CLINIX_CONFIG")
	rm "$CLINIX_DB"
	run -73 --separate-stderr clinix init --phone "+12125550199"
	assert_equal "$stderr" "clinix: '$CLINIX_CONFIG' exists, and init keeps it: change its keys with 'clinix config set KEY VALUE'"
	assert_equal "$(cat "$CLINIX_CONFIG")" "$before"
	[ ! -e "$CLINIX_DB" ]
}

@test "config set changes one line, keeps the comments, the mode, and audits it" {
	cp "$CLINIX_CONFIG" "$BATS_TEST_TMPDIR/before"
	chmod 640 "$CLINIX_CONFIG"
	run -0 --separate-stderr clinix config set clinic.phone "212 555 0199"
	assert_equal "$output" ""
	assert_equal "$stderr" ""
	run -1 diff "$BATS_TEST_TMPDIR/before" "$CLINIX_CONFIG"
	assert_output "$(cat <<-'EOF2'
	8c8
	<   # phone: "+16175550100"     # in messages to patients
	---
	>   phone: "+12125550199"     # in messages to patients
	EOF2
	)"
	assert_equal "$(stat -c %a "$CLINIX_CONFIG")" 640
	# no temporary file left beside it
	assert_equal "$(ls "$(dirname "$CLINIX_CONFIG")" | grep -c yaml)" 1
	run -0 audit list --action clinix.config.set
	assert_line --regexp "	clinix\.config\.set	ok		config	clinic\.phone: \"\\+12125550199\"	no\$"
}

@test "config set of a key not in the file adds it to its section, or the section" {
	clinix config set clinic.city Springfield
	clinix config set remind.from "Test <desk@test.example>"
	clinix config set remind.sms_command "/usr/local/bin/clinic-sms --account maple"
	clinix config set db_busy_timeout_ms 9000
	run -0 sed -n '/^remind:/,$p' "$CLINIX_CONFIG"
	assert_output "$(printf 'remind:\n  from: "Test <desk@test.example>"\n  sms_command: ["/usr/local/bin/clinic-sms", "--account", "maple"]')"
	run -0 clinix config get remind.sms_command
	assert_output "/usr/local/bin/clinic-sms --account maple"
	run -0 clinix config get db_busy_timeout_ms
	assert_output 9000
	run -0 grep -c '^  city: "Springfield"$' "$CLINIX_CONFIG"
	assert_output 1
}

@test "config set: an unknown key is 78 and names it; a bad value is 78; nothing written" {
	cp "$CLINIX_CONFIG" "$BATS_TEST_TMPDIR/before"
	run -78 --separate-stderr clinix config set clinic.nmae X
	assert_equal "$stderr" "clinix: unknown key 'clinic.nmae' (the keys are in clinix.yaml(5))"
	run -78 --separate-stderr clinix config set clinic X
	assert_equal "$stderr" "clinix: unknown key 'clinic' (the keys are in clinix.yaml(5))"
	run -78 --separate-stderr clinix config set clinic.phone 555-0199
	assert_equal "$stderr" "clinix: clinic.phone: '555-0199': a North American number has 10 digits"
	run -78 --separate-stderr clinix config set clinic.timezone Mars/Olympus
	assert_equal "$stderr" "clinix: clinic.timezone: 'Mars/Olympus': not a known time zone (use a name like America/New_York)"
	run -78 --separate-stderr clinix config set db_busy_timeout_ms soon
	assert_equal "$stderr" "clinix: db_busy_timeout_ms: expected a whole number, not 'soon'"
	run -64 --separate-stderr clinix config set remind.rules x
	run -64 clinix config set clinic.name
	cmp "$BATS_TEST_TMPDIR/before" "$CLINIX_CONFIG"
	run -1 audit list --action clinix.config.set	# none: 1
	assert_output ""
}

@test "config set checks the whole result: a country the phone no longer fits is 78" {
	clinix config set clinic.phone "212 555 0199"
	cp "$CLINIX_CONFIG" "$BATS_TEST_TMPDIR/before"
	clinix config set clinic.country GB
	clinix config set clinic.country US
	# a national number that only reads in the US
	sed -i 's|^  phone: .*|  phone: "212 555 0199"|' "$CLINIX_CONFIG"
	cp "$CLINIX_CONFIG" "$BATS_TEST_TMPDIR/before"
	run -78 --separate-stderr clinix config set clinic.country ZZ
	assert_equal "$stderr" "clinix: $CLINIX_CONFIG: clinic.phone: '212 555 0199': no country code: start the number with '+'"
	cmp "$BATS_TEST_TMPDIR/before" "$CLINIX_CONFIG"
}

@test "config set by a user who is not an admin: 77, denied in the audit trail, file unchanged" {
	user add nurse1 --role nurse >/dev/null
	cp "$CLINIX_CONFIG" "$BATS_TEST_TMPDIR/before"
	CLINIX_USER=nurse1 run -77 --separate-stderr clinix config set clinic.city Boston
	assert_equal "$stderr" "clinix: permission denied: 'nurse1' (nurse) may not set up the clinic"
	cmp "$BATS_TEST_TMPDIR/before" "$CLINIX_CONFIG"
	run -0 audit list --action clinix.config.set
	assert_line --regexp "	nurse1	clinix\.config\.set	denied	"
}

@test "config set without a database edits the file, unaudited" {
	rm "$CLINIX_DB"
	run -0 clinix config set clinic.city Boston
	run -0 clinix config get clinic.city
	assert_output Boston
	[ ! -e "$CLINIX_DB" ]
}

@test "config set in a directory it cannot write: 73, file unchanged" {
	nobody_home
	mkdir -p "$NOBODY_HOME/etc"
	cp "$CLINIX_CONFIG" "$NOBODY_HOME/etc/clinix.yaml"
	sed -i "s|^db: .*|db: \"$NOBODY_HOME/none.db\"|" "$NOBODY_HOME/etc/clinix.yaml"
	chmod 644 "$NOBODY_HOME/etc/clinix.yaml"
	cp "$NOBODY_HOME/etc/clinix.yaml" "$BATS_TEST_TMPDIR/before"
	run -73 --separate-stderr as_nobody clinix config set clinic.city Boston
	[[ "$stderr" == "clinix: cannot write beside '$NOBODY_HOME/etc/clinix.yaml': Permission denied" ]]
	cmp "$BATS_TEST_TMPDIR/before" "$NOBODY_HOME/etc/clinix.yaml"
}

@test "config list shows every key with a value; get of an unset key is 1" {
	run -0 clinix -o tsv config list
	assert_line "clinic.name	Test"
	assert_line "clinic.country	US"
	assert_line "db	$CLINIX_DB"
	refute_line --regexp '^clinic\.phone	'
	run -1 clinix config get clinic.phone
	assert_output ""
	run -78 clinix config get clinic.nope
}

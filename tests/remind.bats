load helper
load mailpath

# remind: appointment and recall reminders by email and SMS, exactly once.
# What is due by the rules (per channel and visit type), quiet hours for
# SMS, templates (and an unknown placeholder as a config error), email as
# an RFC 5322 message through a real mail path (msmtp to a local SMTP
# sink, read back with mailparser), SMS through tools/sms-record, retries
# with backoff, the patient's choices (channel, consent, opt-out, status),
# cancelled, moved and checked-in visits, DST, a missing command, the
# summary line, --dry-run, ids on stdin, and the log and the audit trail.
# Overlapping runs and a run killed mid-way: remind_concurrency.bats.
#
# Every run is given --at, so what is due never depends on the clock;
# visits are in 2030 (sched book refuses the past).  TZ and the clinic's
# zone are New York.  The real clock does show in the Date header, in the
# log's "at" and "sent" columns and in the day of a pat- key when no --at.

# The clinic every test starts from (made once, copied for each test):
#   prv-1 Maria Chen, MD; prv-2 Iñaki Peña, MD: mon-sat 07:00-20:00
#   prv-3 Bo Berg: Mondays 09:00-10:00 only (for the waitlist)
#   visit types follow-up (20m) and physical (30m); room "Room 2" (res-1)
#   pat-1 Zoë Núñez	email zoe@example.com, consent, channel email
#   pat-2 Ana Ruiz	+1 212 555 0100, sms consent, channel sms
#   pat-3 Luis García	+1 212 555 0101, sms consent, channel sms, es
#   pat-4 Renée Côté	email renee@example.com, consent, channel email
#   pat-5 Tom Hill	email and phone, both consents, channel none
#   pat-6 Eve Stone	+1 212 555 0103, channel sms, no sms consent
#   clinic.phone "+1 212 555 0199"
clinic() {
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X \
	    --credential MD
	provider add --name "Iñaki Peña" --npi "$NPI2" --taxonomy 207Q00000X \
	    --credential MD
	provider add --name "Bo Berg" --npi "$NPI3" --taxonomy 207Q00000X
	provider hours prv-1 mon-sat 07:00-20:00
	provider hours prv-2 mon-sat 07:00-20:00
	provider hours prv-3 mon 09:00-10:00
	provider visit-type add follow-up 20m
	provider visit-type add physical 30m
	provider resource add "Room 2" --kind room
	patient add --first Zoë --last Núñez --dob 1980-01-02 \
	    --email zoe@example.com --email_consent yes --channel email
	patient add --first Ana --last Ruiz --dob 1981-02-03 \
	    --phone "+1 212 555 0100" --sms_consent yes --channel sms
	patient add --first Luis --last García --dob 1982-03-04 \
	    --phone "+1 212 555 0101" --sms_consent yes --channel sms \
	    --language es
	patient add --first Renée --last Côté --dob 1983-04-05 \
	    --email renee@example.com --email_consent yes --channel email
	patient add --first Tom --last Hill --dob 1984-05-06 \
	    --email tom@example.com --email_consent yes \
	    --phone "+1 212 555 0102" --sms_consent yes
	patient add --first Eve --last Stone --dob 1985-06-07 \
	    --phone "+1 212 555 0103" --channel sms
}

setup_file() {
	(
		file_clinic_env
		clinix init --clinic-name "Maple Clinic"
		sed -i 's|^  # phone: .*|  phone: "+1 212 555 0199"|' "$CLINIX_CONFIG"
		grep -q '^  phone: "+1 212 555 0199"$' "$CLINIX_CONFIG"
		clinic
	) >/dev/null
	# A sendmail stand-in: each message (stdin) to $MAIL_DIR/*.eml, its
	# arguments one a line beside it in *.args; exits $MAIL_EXIT (0).
	mkdir -p "$BATS_FILE_TMPDIR/bin"
	cat >"$BATS_FILE_TMPDIR/bin/sendmail-record" <<-'EOF'
	#!/bin/sh
	: "${MAIL_DIR:?}"
	mkdir -p "$MAIL_DIR"
	f=$(mktemp "$MAIL_DIR/msg.XXXXXX") || exit 71
	cat >"$f.tmp" || exit 74
	printf '%s\n' "$@" >"$f.args"
	mv "$f.tmp" "$f.eml"
	exit "${MAIL_EXIT:-0}"
	EOF
	chmod +x "$BATS_FILE_TMPDIR/bin/sendmail-record"
}

setup() {
	clinic_copy
	cp "$CLINIX_CONFIG" "$CLINIX_CONFIG.base"
	export SMS_LOG=$BATS_TEST_TMPDIR/sms.log
	export MAIL_DIR=$BATS_TEST_TMPDIR/mail
	unset SMS_EXIT SMS_FAIL_FILE MAIL_EXIT
	TEMPLATES=$BATS_TEST_TMPDIR/etc/templates/remind
	remind_config
}

teardown() {
	smtp_stop
}

# remind_config [LINE ...]: the clinic's clinix.yaml plus a remind
# section: from (unless FROM=none), sendmail $SENDMAIL (default: the
# recorder above), sms_command [$SMS_CMD] (default tools/sms-record;
# none leaves it unset), and each LINE as one more key of the section.
remind_config() {
	{
		cat "$CLINIX_CONFIG.base"
		echo "remind:"
		[ "${FROM:-}" = none ] ||
		    echo '  from: "Maple Clinic <desk@maple.example>"'
		echo "  sendmail: \"${SENDMAIL:-$BATS_FILE_TMPDIR/bin/sendmail-record -t -i}\""
		[ "${SMS_CMD:-}" = none ] ||
		    echo "  sms_command: [${SMS_CMD:-$BATS_TEST_DIRNAME/tools/sms-record}]"
		local l
		for l in "$@"; do
			printf '  %s\n' "$l"
		done
	} >"$CLINIX_CONFIG"
}

# book PAT PRV AT [options]: a visit that must be booked, 20 minutes
# unless the options say how long.
book() {
	local pat=$1 prv=$2 at=$3 len=(--length 20m)
	shift 3
	[[ " $* " == *" --type "* || " $* " == *" --length "* ]] && len=()
	sched book "$pat" --provider "$prv" --at "$at" "${len[@]}" "$@" \
	    >/dev/null 2>&1 || fail "could not book $pat with $prv at $at"
}

q() { sqlite3 -separator ' ' "$CLINIX_DB" "$1"; }
reminders() { q "select count(*) from reminder"; }
# key and status of every reminder row, in order
states() { q "select key, status from reminder order by id"; }

# The SMS recorded by tools/sms-record: how many (sms_count, or sms_none,
# in helper.bash: a missing log is no count), and record N (from 1): its
# arguments (tab-separated) or its text.
sms_record() {
	awk -v want="$1" 'BEGIN { n = 1 } $0 == "--END--" { n++; next }
	    n == want' "$SMS_LOG"
}
sms_argv() { sms_record "$1" | head -n 1; }
sms_text() { sms_record "$1" | tail -n +2; }

# The messages the sendmail recorder got: how many, and their files.
mail_count() { find "$MAIL_DIR" -name '*.eml' 2>/dev/null | wc -l; }
mail_files() { ls "$MAIL_DIR"/*.eml; }

# Today in the clinic's zone (the log's "at" and a pat- key without --at).
today() { date +%Y-%m-%d; }

# The English SMS of a visit with Maria Chen.
en_sms() {
	printf '%s' "Maple Clinic: $1, reminder of your visit with Maria Chen, MD on $2 at $3. To cancel or change it, please call +1 212 555 0199."
}

# -- email through the real mail path --------------------------------------

# two_emails_through NAME LAST [ARG ...]: a sendmail of our own,
# $BATS_TEST_TMPDIR/NAME, that reads the message, adds a line to
# $BATS_TEST_TMPDIR/ran and then runs the sh line LAST; the clinic's
# sendmail is it with ARGs; pat-1 and pat-4 (email) are booked, and a run
# that is bad data (65) sends their reminders.
two_emails_through() {
	local cmd=$BATS_TEST_TMPDIR/$1 last=$2
	shift 2
	printf '%s\n' '#!/bin/sh' 'cat >/dev/null' \
	    "echo ran >>\"$BATS_TEST_TMPDIR/ran\"" "$last" >"$cmd"
	chmod +x "$cmd"
	SENDMAIL="$cmd${*:+ $*}" remind_config
	book pat-1 prv-1 2030-12-03T10:00
	book pat-4 prv-1 2030-12-03T11:00
	run -65 --separate-stderr remind send --at 2030-12-01T12:00 -v
}

# nothing_due AT: at AT nothing is due, and a run sends nothing, says
# nothing and records no reminder.
nothing_due() {
	run -1 remind due --at "$1"
	run -0 --separate-stderr remind send --at "$1"
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(reminders)" 0
	sms_none
	assert_equal "$(mail_count)" 0
}

# sms_fail N: the next N SMS fail for now (tools/sms-record exits 75).
sms_fail() {
	echo "$1" >"$BATS_TEST_TMPDIR/fail"
	export SMS_FAIL_FILE=$BATS_TEST_TMPDIR/fail
}

# retry_booked PATIENT PROVIDER START AT: a visit booked whose first SMS,
# sent by a run at AT, fails for now (75), so it waits for a retry.
retry_booked() {
	sms_fail 1
	book "$1" "$2" "$3"
	run -75 remind send --at "$4"
}

@test "email: an RFC 5322 message through msmtp to an SMTP server, UTF-8 names, local time" {
	smtp_start
	SENDMAIL=$MSMTP_CMD remind_config
	book pat-1 prv-2 2030-12-03T10:00	# Zoë Núñez with Iñaki Peña
	book pat-4 prv-1 2030-12-03T11:00	# Renée Côté with Maria Chen
	local t0 t1
	t0=$(date +%s)
	run -0 --separate-stderr remind send --at 2030-12-01T12:00
	t1=$(date +%s)
	assert_output ""
	assert_equal "$stderr" ""
	smtp_wait 2
	assert_equal "$(smtp_count)" 2
	local zoe renee
	zoe=$(mail_json 1)
	renee=$(mail_json 2)
	# which is which does not matter; sort them by recipient
	if [[ $(jq -r .to <<<"$zoe") == *renee@* ]]; then
		local x=$zoe
		zoe=$renee
		renee=$x
	fi
	# From, To (the name RFC 2047-encoded, decoded by the parser), Subject
	assert_equal "$(jq -r .from <<<"$zoe")" '"Maple Clinic" <desk@maple.example>'
	grep -q $'^From: Maple Clinic <desk@maple.example>\r$' "$SMTP_DIR"/0001.eml
	assert_equal "$(jq -r .to <<<"$zoe")" '"Zoë" <zoe@example.com>'
	assert_equal "$(jq -r .to <<<"$renee")" '"Renée" <renee@example.com>'
	assert_equal "$(jq -r .subject <<<"$zoe")" \
	    "Appointment reminder: Tuesday, December 3 at 10:00 AM"
	assert_equal "$(jq -r .subject <<<"$renee")" \
	    "Appointment reminder: Tuesday, December 3 at 11:00 AM"
	# Date: parses, and is when the message was written (the real clock,
	# within a minute), not --at
	local d
	d=$(date -d "$(jq -r .date <<<"$zoe")" +%s) || fail "Date does not parse"
	((d >= t0 - 60 && d <= t1 + 60)) || fail "Date $d not within a minute of $t0..$t1"
	# Message-ID: present, of the sender's domain, unique, and the one logged
	local m1 m2
	m1=$(jq -r .messageId <<<"$zoe")
	m2=$(jq -r .messageId <<<"$renee")
	[[ $m1 =~ ^\<[^@\<\>\ ]+@maple\.example\>$ ]] || fail "Message-ID '$m1'"
	[[ $m2 =~ ^\<[^@\<\>\ ]+@maple\.example\>$ ]] || fail "Message-ID '$m2'"
	[ "$m1" != "$m2" ] || fail "the same Message-ID twice: $m1"
	assert_equal "$(q "select '<' || message_id || '>' from reminder where patient_id = 1")" "$m1"
	assert_equal "$(q "select '<' || message_id || '>' from reminder where patient_id = 4")" "$m2"
	# MIME: UTF-8 text, 8bit or quoted-printable
	assert_equal "$(jq -r '.headers["mime-version"]' <<<"$zoe")" "1.0"
	assert_equal "$(jq -r '.headers["content-type"]' <<<"$zoe")" \
	    "text/plain; charset=UTF-8"
	[[ $(jq -r '.headers["content-transfer-encoding"]' <<<"$zoe") =~ ^(8bit|quoted-printable)$ ]] ||
	    fail "Content-Transfer-Encoding: $(jq -r '.headers["content-transfer-encoding"]' <<<"$zoe")"
	# the body: accented names, the visit in New York time (15:00Z)
	local body
	body=$(jq -r .text <<<"$zoe")
	[[ $body == *"Dear Zoë,"* ]] || fail "body: $body"
	[[ $body == *"with Iñaki Peña, MD"* ]] || fail "body: $body"
	[[ $body == *"on Tuesday, December 3 at 10:00 AM, at Maple Clinic."* ]] || fail "body: $body"
	[[ $body == *"please call +1 212 555 0199."* ]] || fail "body: $body"
	[[ $(jq -r .text <<<"$renee") == *"Dear Renée,"*"Maria Chen, MD"*"at 11:00 AM"* ]] ||
	    fail "body: $(jq -r .text <<<"$renee")"
	# on the wire: the envelope from From, to To
	local env
	env=$SMTP_DIR/0001.env
	grep -q '^RCPT TO:<zoe@example.com>' "$SMTP_DIR"/0001.env "$SMTP_DIR"/0002.env ||
	    fail "no RCPT TO zoe: $(cat "$SMTP_DIR"/*.env)"
	grep -q '^MAIL FROM:<desk@maple.example>' "$env" || fail "$(cat "$env")"
	# raw: headers plain ASCII (RFC 2047 for the rest), a Date in RFC 5322
	# form, CRLF lines, none over 998 octets
	local f hdr
	for f in "$SMTP_DIR"/0001.eml "$SMTP_DIR"/0002.eml; do
		hdr=$(sed '/^\r$/q' "$f")
		! LC_ALL=C grep -q '[^ -~'$'\r\t'']' <<<"$hdr" ||
		    fail "raw 8-bit in the header of $f: $hdr"
		grep -Eq '^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}'$'\r''$' <<<"$hdr" ||
		    fail "Date header: $hdr"
		assert_equal "$(grep -c $'\r$' "$f")" "$(wc -l <"$f")"
		assert_equal "$(awk 'length($0) > 998' "$f")" ""
	done
}

@test "email: a 4xx from the server is exit 75 and 'retry'; a run after retry_minutes sends it once" {
	smtp_start fail=1
	SENDMAIL=$MSMTP_CMD remind_config "retry_minutes: 10"
	book pat-1 prv-1 2030-12-03T10:00
	run -75 --separate-stderr remind send --at 2030-12-01T12:00
	assert_output ""
	# (msmtp says why on stderr too)
	assert_equal "$(grep '^remind:' <<<"$stderr")" \
	    "remind: apt-1/48h/email/2030-12-03T15:00:00Z: will retry: msmtp exited 69
remind: sent 0 email, 0 sms, 0 failed, 1 to retry"
	assert_equal "$(smtp_count)" 0
	assert_equal "$(q "select status, attempts, error from reminder")" \
	    "retry 1 msmtp exited 69"
	run -0 remind log --status retry
	assert_equal "${#lines[@]}" 1
	assert_equal "$(cut -f1,3,4,6,7,8,9,11,12 <<<"$output")" \
	    "rem-1	pat-1	apt-1	email	zoe@example.com	retry	1	msmtp exited 69	apt-1/48h/email/2030-12-03T15:00:00Z"
	# waiting for its retry: not due, and not sent before its time
	run -1 remind due --at 2030-12-01T12:05
	assert_output ""
	run -0 --separate-stderr remind send --at 2030-12-01T12:09
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(smtp_count)" 0
	# its time has come
	run -0 --separate-stderr remind send --at 2030-12-01T12:10 -v
	assert_output "sent 1 email, 0 sms, 0 failed"
	assert_equal "$stderr" ""
	smtp_wait 1
	assert_equal "$(q "select status, attempts from reminder")" "sent 2"
	run -0 remind send --at 2030-12-01T12:30
	run -0 remind send --at 2030-12-02T12:30
	assert_equal "$(smtp_count)" 1
	assert_equal "$(reminders)" 1
	assert_equal "$(jq -r .to <(mail_json 1))" '"Zoë" <zoe@example.com>'
}

@test "email: a Spanish message, long lines, '=' and trailing blanks survive the mail path exactly" {
	smtp_start
	SENDMAIL=$MSMTP_CMD remind_config
	patient add --first Inés --last Muñoz --dob 1970-01-01 --email ines@example.com \
	    --email_consent yes --channel email --language es \
	    --preferred "Inés María de los Ángeles" >/dev/null		# pat-7
	book pat-7 prv-2 2030-12-04T11:00
	run -0 remind send --at 2030-12-02T12:00
	smtp_wait 1
	local m
	m=$(mail_json 1)
	assert_equal "$(jq -r .to <<<"$m")" '"Inés María de los Ángeles" <ines@example.com>'
	assert_equal "$(jq -r .subject <<<"$m")" \
	    "Recordatorio de cita: miércoles 4 de diciembre a las 11:00"
	assert_equal "$(jq -r .text <<<"$m")" "Estimado/a Inés María de los Ángeles:

Le recordamos su cita con Iñaki Peña, MD
el miércoles 4 de diciembre a las 11:00, en Maple Clinic.

Para cancelarla o cambiarla, llame al +1 212 555 0199.

Maple Clinic
+1 212 555 0199"
	# a clinic's own template: a 400-octet line, '=', blanks at the end
	# of a line, a lone '.', a tab, a long non-ASCII subject
	local long i
	long=$(for i in $(seq 40); do printf 'ñ=é %d ' "$i"; done)
	mkdir -p "$TEMPLATES"
	{
		printf 'subject: "Cita — {date} ✓%s"\n' "$(printf ' más%.0s' $(seq 12))"
		printf 'email: |\n  Hola {patient}:\n  %s\n  blanks   \n  .\n  a\ttab\n  fin\n' "$long"
	} >"$TEMPLATES/appointment.es.yaml"
	book pat-7 prv-2 2030-12-05T11:00
	run -0 remind send --at 2030-12-03T12:00
	smtp_wait 2
	m=$(mail_json 2)
	assert_equal "$(jq -r .subject <<<"$m")" \
	    "Cita — Thursday, December 5 ✓ más más más más más más más más más más más más"
	assert_equal "$(jq -r .text <<<"$m")" "Hola Inés María de los Ángeles:
$long
blanks   
.
a	tab
fin"
	local f=$SMTP_DIR/0002.eml
	assert_equal "$(awk 'length($0) > 79' "$f")" ""	# 78 + the CR
	! LC_ALL=C grep -q '[^ -~'$'\r\t'']' "$f" || fail "raw 8-bit in $f"
}

@test "retries back off (retry_minutes, doubled) up to max_attempts, then failed (65)" {
	echo 3 >"$BATS_TEST_TMPDIR/fail"
	export SMS_FAIL_FILE=$BATS_TEST_TMPDIR/fail
	remind_config "retry_minutes: 5" "max_attempts: 3"
	book pat-2 prv-1 2030-12-03T10:00
	run -75 remind send --at 2030-12-01T12:00		# attempt 1
	assert_equal "$(q "select status, attempts from reminder")" "retry 1"
	run -0 remind send --at 2030-12-01T12:04			# not yet
	assert_equal "$(sms_count)" 1
	run -75 remind send --at 2030-12-01T12:05		# attempt 2
	assert_equal "$(q "select status, attempts from reminder")" "retry 2"
	assert_equal "$(sms_count)" 2
	# the next wait is twice as long: 10 minutes from 12:05
	run -0 remind send --at 2030-12-01T12:14
	assert_equal "$(sms_count)" 2
	run -65 --separate-stderr remind send --at 2030-12-01T12:15	# attempt 3
	assert_equal "${stderr_lines[0]}" \
	    "remind: apt-1/48h/sms/2030-12-03T15:00:00Z: failed: $BATS_TEST_DIRNAME/tools/sms-record exited 75"
	assert_equal "$(sms_count)" 3
	assert_equal "$(q "select status, attempts from reminder")" "failed 3"
	# failed is for good
	run -0 remind send --at 2030-12-01T18:00
	run -0 remind send --at 2030-12-02T18:00
	assert_equal "$(sms_count)" 3
	assert_equal "$(reminders)" 1
}

@test "a permanent failure of the SMS command is 'failed' at once (65), not retried" {
	export SMS_EXIT=65
	book pat-2 prv-1 2030-12-03T10:00
	run -65 --separate-stderr remind send --at 2030-12-01T12:00 -v
	assert_output "sent 0 email, 0 sms, 1 failed"
	assert_equal "$stderr" \
	    "remind: apt-1/48h/sms/2030-12-03T15:00:00Z: failed: $BATS_TEST_DIRNAME/tools/sms-record exited 65"
	assert_equal "$(q "select status, attempts from reminder")" "failed 1"
	unset SMS_EXIT
	run -0 remind send --at 2030-12-01T13:00
	assert_equal "$(sms_count)" 1
}

# -- SMS ---------------------------------------------------------------------

@test "sms: the command's argv ends with the E.164 number; the text on stdin" {
	SMS_CMD="$BATS_TEST_DIRNAME/tools/sms-record, --account, maple" remind_config
	book pat-2 prv-1 2030-12-03T11:00
	run -0 --separate-stderr remind send --at 2030-12-01T12:00
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(sms_count)" 1
	assert_equal "$(sms_argv 1)" "--account	maple	+12125550100"
	assert_equal "$(sms_text 1)" "$(en_sms Ana "Tuesday, December 3" "11:00 AM")"
	assert_equal "$(states)" "apt-1/48h/sms/2030-12-03T16:00:00Z sent"
	assert_equal "$(q "select address from reminder")" "+12125550100"
	# half past noon is 12:30 PM
	book pat-2 prv-1 2030-12-05T12:30
	run -0 remind send --at 2030-12-03T13:00
	assert_equal "$(sms_text 2)" "$(en_sms Ana "Thursday, December 5" "12:30 PM")"
}

@test "sms: the Spanish template for a patient whose language is es, with a 24-hour time" {
	book pat-3 prv-1 2030-12-03T15:30
	run -0 remind send --at 2030-12-01T16:00
	assert_equal "$(sms_count)" 1
	assert_equal "$(sms_argv 1)" "+12125550101"
	assert_equal "$(sms_text 1)" "Maple Clinic: Luis, le recordamos su cita con Maria Chen, MD el martes 3 de diciembre a las 15:30. Para cancelarla o cambiarla, llame al +1 212 555 0199."
	# es-MX takes the same file; a language without one, English
	patient edit pat-3 --language es-MX >/dev/null
	book pat-3 prv-1 2030-12-05T12:00
	patient add --first Jan --last Vos --dob 1970-01-01 --phone "+1 212 555 0104" \
	    --sms_consent yes --channel sms --language nl >/dev/null	# pat-7
	book pat-7 prv-1 2030-12-05T09:00
	run -0 remind send --at 2030-12-03T13:00
	assert_equal "$(sms_count)" 3
	assert_equal "$(sms_text 2)" "$(en_sms Jan "Thursday, December 5" "9:00 AM")"
	[[ $(sms_text 3) == *"el jueves 5 de diciembre a las 12:00."* ]] || fail "$(sms_text 3)"
}

@test "sms: a text over remind.sms_max_segments fails (GSM-7 160, UCS-2 70 a segment)" {
	mkdir -p "$TEMPLATES"
	local x155
	x155=$(printf 'x%.0s' $(seq 155))
	cat >"$TEMPLATES/appointment.yaml" <<-EOF
	subject: "Reminder"
	email: "See you on {date}."
	sms: "{patient}: $x155"
	EOF
	remind_config "sms_max_segments: 1"
	patient add --first Zoë --last Sms --dob 1990-01-01 --phone "+1 212 555 0110" \
	    --sms_consent yes --channel sms >/dev/null			# pat-7
	patient add --first Anna --last Berg --dob 1990-01-01 --phone "+1 212 555 0111" \
	    --sms_consent yes --channel sms >/dev/null			# pat-8
	book pat-2 prv-1 2030-12-03T10:00	# "Ana: x..." 160 GSM-7: 1 segment
	book pat-7 prv-1 2030-12-03T11:00	# "Zoë: x..." 160 UCS-2: 3 segments
	book pat-8 prv-1 2030-12-03T12:00	# "Anna: x..." 161 GSM-7: 2 segments
	run -0 remind send --dry-run --at 2030-12-01T13:00
	assert_equal "${#lines[@]}" 3
	assert_equal "$(cut -f1,3,8 <<<"${lines[0]}")" "apt-1	sms	160"
	assert_equal "$(cut -f1,3,8 <<<"${lines[1]}")" \
	    "apt-2	sms	sms needs 3 segments, more than remind.sms_max_segments 1"
	assert_equal "$(cut -f1,3,8 <<<"${lines[2]}")" \
	    "apt-3	sms	sms needs 2 segments, more than remind.sms_max_segments 1"
	assert_equal "$(reminders)" 0
	run -65 --separate-stderr remind send --at 2030-12-01T13:00
	assert_equal "$stderr" "remind: apt-2/48h/sms/2030-12-03T16:00:00Z: failed: sms needs 3 segments, more than remind.sms_max_segments 1
remind: apt-3/48h/sms/2030-12-03T17:00:00Z: failed: sms needs 2 segments, more than remind.sms_max_segments 1
remind: sent 0 email, 1 sms, 2 failed"
	assert_equal "$(sms_count)" 1
	assert_equal "$(sms_argv 1)" "+12125550100"
	assert_equal "$(sms_text 1)" "Ana: $x155"
	assert_equal "$(states)" "apt-1/48h/sms/2030-12-03T15:00:00Z sent
apt-2/48h/sms/2030-12-03T16:00:00Z failed
apt-3/48h/sms/2030-12-03T17:00:00Z failed"
	run -0 remind log --status failed
	assert_equal "$(cut -f3,8,11 <<<"$output")" \
	    "pat-7	failed	sms needs 3 segments, more than remind.sms_max_segments 1
pat-8	failed	sms needs 2 segments, more than remind.sms_max_segments 1"
}

# -- exactly once ------------------------------------------------------------

@test "a second run sends nothing: one email at the sink, one SMS, the same rows" {
	smtp_start
	SENDMAIL=$MSMTP_CMD remind_config
	book pat-1 prv-1 2030-12-03T10:00
	book pat-2 prv-1 2030-12-03T11:00
	run -0 --separate-stderr remind send --at 2030-12-01T12:00 -v
	assert_output "sent 1 email, 1 sms, 0 failed"
	smtp_wait 1
	run -0 --separate-stderr remind send --at 2030-12-01T12:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	assert_equal "$stderr" ""
	run -0 --separate-stderr remind send --at 2030-12-01T18:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	run -1 remind due --at 2030-12-01T18:00
	# no wait: the sink stores a message before it answers 250, and msmtp
	# had its answer before remind exited
	assert_equal "$(smtp_count)" 1
	assert_equal "$(sms_count)" 1
	assert_equal "$(states)" "apt-1/48h/email/2030-12-03T15:00:00Z sent
apt-2/48h/sms/2030-12-03T16:00:00Z sent"
	assert_equal "$(q "select count(*) from audit where action = 'remind.send' and record like 'rem-%'")" 2
}

@test "each rule its own reminder: 48h then 2h by SMS; a 48h not sent once the 2h is due is never sent" {
	book pat-2 prv-1 2030-12-03T11:00	# apt-1: both reminders
	book pat-3 prv-1 2030-12-05T11:00	# apt-2: first run 1 hour before
	book pat-1 prv-1 2030-12-04T10:00	# apt-3: email: 48h only
	run -0 remind send --at 2030-12-01T12:00
	assert_equal "$(states)" "apt-1/48h/sms/2030-12-03T16:00:00Z sent"
	run -0 remind due --at 2030-12-03T08:59
	assert_equal "$(cut -f1,5 <<<"$output")" "apt-3	48h"
	run -0 remind due --at 2030-12-03T09:00
	assert_equal "$(cut -f1,5,7 <<<"$output")" \
	    "apt-1	2h	apt-1/2h/sms/2030-12-03T16:00:00Z
apt-3	48h	apt-3/48h/email/2030-12-04T15:00:00Z"
	run -0 remind send --at 2030-12-03T09:00
	# apt-2's 48h came due on 12-03 at 11:00, but no run until the 2h's
	run -0 remind due --at 2030-12-05T10:00
	assert_equal "$(cut -f1,5 <<<"$output")" "apt-2	2h"
	run -0 remind send --at 2030-12-05T10:00
	assert_equal "$(states)" "apt-1/48h/sms/2030-12-03T16:00:00Z sent
apt-1/2h/sms/2030-12-03T16:00:00Z sent
apt-3/48h/email/2030-12-04T15:00:00Z sent
apt-2/2h/sms/2030-12-05T16:00:00Z sent"
	assert_equal "$(sms_count)" 3
	assert_equal "$(mail_count)" 1
	# a visit that has started gets nothing
	book pat-4 prv-1 2030-12-06T10:00
	run -1 remind due --at 2030-12-06T10:00
	run -0 remind send --at 2030-12-06T10:05
	assert_equal "$(reminders)" 4
}

@test "rules: per visit type and channel, with their own template" {
	mkdir -p "$TEMPLATES"
	cat >"$TEMPLATES/prep.yaml" <<-'EOF'
	subject: "Your physical"
	email: "Please fast before your physical on {date} at {time}."
	sms: "{patient}: fast before your physical on {date} at {time}."
	EOF
	remind_config "rules:" \
	    "  - { name: prep, before: 7d, channels: [email, sms], types: [Physical], template: prep }" \
	    "  - { name: day, before: 1d, channels: email }"
	book pat-2 prv-1 2030-12-10T10:00 --type physical	# apt-1
	book pat-3 prv-1 2030-12-10T11:00 --type follow-up	# apt-2
	book pat-1 prv-1 2030-12-10T12:00			# apt-3, no type
	run -0 remind due --at 2030-12-03T10:00
	assert_equal "$(cut -f1,3,5 <<<"$output")" "apt-1	sms	prep"
	run -0 remind send --at 2030-12-03T12:00
	assert_equal "$(sms_text 1)" "Ana: fast before your physical on Tuesday, December 10 at 10:00 AM."
	# the day before: email only, every type; the SMS patients get nothing
	run -0 remind due --at 2030-12-09T12:00
	assert_equal "$(cut -f1,3,5 <<<"$output")" "apt-3	email	day"
	run -0 remind send --at 2030-12-09T12:00
	assert_equal "$(sms_count)" 1
	assert_equal "$(mail_count)" 1
	assert_equal "$(states)" "apt-1/prep/sms/2030-12-10T15:00:00Z sent
apt-3/day/email/2030-12-10T17:00:00Z sent"
}

@test "--limit N sends N new reminders; the next run the rest" {
	book pat-2 prv-1 2030-12-03T10:00
	book pat-3 prv-1 2030-12-03T11:00
	book pat-1 prv-1 2030-12-03T12:00
	run -0 remind send --at 2030-12-01T13:00 --limit 2 -v
	assert_output "sent 0 email, 2 sms, 0 failed"
	assert_equal "$(reminders)" 2
	run -0 remind send --at 2030-12-01T13:00 -v
	assert_output "sent 1 email, 0 sms, 0 failed"
	run -64 remind send --limit 0
	assert_equal "$(reminders)" 3
}

# -- quiet hours ---------------------------------------------------------------

@test "quiet hours: an SMS due at 22:00 waits for 08:00; email goes at any hour" {
	remind_config "rules: [{ name: 12h, before: 12h, channels: [email, sms] }]"
	book pat-2 prv-1 2030-12-04T10:00	# SMS due 2030-12-03T22:00
	book pat-1 prv-1 2030-12-04T10:30	# email due 22:30
	run -1 remind due --at 2030-12-03T22:00 --channel sms
	assert_output ""
	run -0 --separate-stderr remind send --at 2030-12-03T22:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	assert_equal "$stderr" ""
	assert_equal "$(reminders)" 0
	run -0 remind due --at 2030-12-03T22:30
	assert_equal "$(cut -f1,3 <<<"$output")" "apt-2	email"
	run -0 remind send --at 2030-12-03T22:30 -v
	assert_output "sent 1 email, 0 sms, 0 failed"
	run -1 remind due --at 2030-12-04T07:59
	run -0 remind send --at 2030-12-04T07:59 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	sms_none
	run -0 remind due --at 2030-12-04T08:00
	assert_equal "$(cut -f1,3,7 <<<"$output")" "apt-1	sms	apt-1/12h/sms/2030-12-04T15:00:00Z"
	run -0 remind send --at 2030-12-04T08:00 -v
	assert_output "sent 0 email, 1 sms, 0 failed"
	assert_equal "$(sms_text 1)" "$(en_sms Ana "Wednesday, December 4" "10:00 AM")"
}

@test "quiet hours: remind.quiet_hours moves them; none turns them off" {
	remind_config "rules: [{ name: 12h, before: 12h, channels: sms }]" \
	    "quiet_hours: 22:30-07:00"
	book pat-2 prv-1 2030-12-04T10:00
	run -0 remind send --at 2030-12-03T22:00 -v
	assert_output "sent 0 email, 1 sms, 0 failed"
	book pat-3 prv-1 2030-12-04T11:00
	run -0 remind send --at 2030-12-03T23:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	remind_config "rules: [{ name: 12h, before: 12h, channels: sms }]" \
	    "quiet_hours: none"
	run -0 remind send --at 2030-12-04T03:00 -v
	assert_output "sent 0 email, 1 sms, 0 failed"
	assert_equal "$(sms_count)" 2
}

@test "quiet hours and times are the clinic's zone (clinic.timezone), whatever TZ says" {
	export TZ=Asia/Tokyo
	remind_config "rules: [{ name: 12h, before: 12h, channels: sms }]"
	book pat-2 prv-1 2030-12-04T10:00	# read in New York: 15:00Z
	run -1 remind due --at 2030-12-03T22:00
	run -0 remind send --at 2030-12-03T22:00
	sms_none
	run -0 remind send --at 2030-12-04T08:00
	assert_equal "$(states)" "apt-1/12h/sms/2030-12-04T15:00:00Z sent"
	assert_equal "$(sms_text 1)" "$(en_sms Ana "Wednesday, December 4" "10:00 AM")"
}

@test "quiet hours hold a retry too; a retry overtaken by a closer rule is dropped" {
	sms_fail 1
	remind_config "retry_minutes: 10"
	book pat-2 prv-1 2030-12-04T10:00
	book pat-3 prv-1 2030-12-06T10:00
	run -75 remind send --at 2030-12-02T20:55	# Ana's 48h: retry at 21:05
	assert_equal "$(q "select status, next_at from reminder")" "retry 2030-12-03T02:05:00Z"
	run -0 remind send --at 2030-12-02T21:05 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	run -0 remind send --at 2030-12-03T07:59 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	assert_equal "$(sms_count)" 1
	run -0 remind send --at 2030-12-03T08:00 -v
	assert_output "sent 0 email, 1 sms, 0 failed"
	assert_equal "$(q "select status, attempts from reminder where appointment_id = 1")" "sent 2"
	# Luis's 48h fails; its retry (44 hours on, 07:00, quiet) comes when
	# his 2h is due: the 2h goes, the 48h is dropped
	echo 1 >"$BATS_TEST_TMPDIR/fail"
	remind_config "retry_minutes: 2640"
	run -75 remind send --at 2030-12-04T11:00
	assert_equal "$(q "select next_at from reminder where appointment_id = 2")" \
	    "2030-12-06T12:00:00Z"
	run -0 remind send --at 2030-12-06T07:30 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	run -0 --separate-stderr remind send --at 2030-12-06T08:00 -v
	assert_output "sent 0 email, 1 sms, 0 failed, 1 dropped"
	assert_equal "$(q "select key, status, ifnull(error, '') from reminder where appointment_id = 2 order by id")" \
	    "apt-2/48h/sms/2030-12-06T15:00:00Z dropped a later reminder is due instead
apt-2/2h/sms/2030-12-06T15:00:00Z sent "
}

# -- the patient's choices, the visit's state ---------------------------------

@test "optout --channel sms stops a patient's SMS; optin restores them; both audited" {
	book pat-2 prv-1 2030-12-03T10:00
	run -0 --separate-stderr remind optout pat-2 --channel sms
	assert_output "pat-2"
	assert_equal "$stderr" ""
	assert_equal "$(q "select action, patient_id from audit order by id desc limit 1")" \
	    "remind.optout 2"
	run -1 remind due --at 2030-12-01T12:00
	run -0 remind send --at 2030-12-01T12:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	assert_equal "$(reminders)" 0
	# an opt-out of email does not stop SMS; optin of email changes nothing
	run -0 remind optin M0000002 --channel email
	assert_output "pat-2"
	run -1 remind due --at 2030-12-01T12:00
	run -0 remind optin pat-2 --channel sms
	assert_output "pat-2"
	assert_equal "$(q "select action, patient_id from audit order by id desc limit 1")" \
	    "remind.optin 2"
	run -0 remind due --at 2030-12-01T12:00
	assert_equal "$(cut -f1 <<<"$output")" "apt-1"
	run -0 remind send --at 2030-12-01T12:00
	assert_equal "$(sms_count)" 1
	# without --channel: every channel
	book pat-1 prv-1 2030-12-05T10:00
	run -0 remind optout pat-1
	assert_output "pat-1"
	run -1 remind due --at 2030-12-03T12:00
	run -0 remind send --at 2030-12-03T12:00
	assert_equal "$(mail_count)" 0
	run -64 remind optout pat-1 --channel fax
	run -65 remind optout pat-99
}

@test "an opt-out stops a reminder waiting for its retry: dropped, not sent" {
	retry_booked pat-2 prv-1 2030-12-03T10:00 2030-12-01T12:00
	remind optout pat-2 --channel sms >/dev/null
	run -0 --separate-stderr remind send --at 2030-12-01T13:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed, 1 dropped"
	assert_equal "$(q "select status, error from reminder")" \
	    "dropped the patient opted out of sms"
	assert_equal "$(sms_count)" 1	# the failed try only
}

@test "no consent, channel none, no address: nothing is sent" {
	patient add --first Al --last Noaddr --dob 1970-01-01 --email_consent yes \
	    --channel email >/dev/null					# pat-7
	book pat-5 prv-1 2030-12-03T09:00	# channel none
	book pat-6 prv-1 2030-12-03T10:00	# sms without consent
	book pat-7 prv-1 2030-12-03T11:00	# email without an address
	book pat-2 prv-1 2030-12-03T12:00	# consent withdrawn below
	patient edit pat-2 --sms_consent no >/dev/null
	run -1 --separate-stderr remind due --at 2030-12-01T13:00
	assert_output ""
	run -0 --separate-stderr remind send --at 2030-12-01T13:00
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(reminders)" 0
	sms_none
	assert_equal "$(mail_count)" 0
	# the channel chosen is the only one: Eve's email would not do either
	patient edit pat-6 --sms_consent yes >/dev/null
	run -0 remind send --at 2030-12-01T13:00 -v
	assert_output "sent 0 email, 1 sms, 0 failed"
	assert_equal "$(sms_argv 1)" "+12125550103"
}

@test "deceased or inactive patients get nothing" {
	book pat-1 prv-1 2030-12-03T10:00
	book pat-2 prv-1 2030-12-03T11:00
	patient edit pat-1 --deceased 2026-01-15 >/dev/null
	patient deactivate pat-2 >/dev/null
	nothing_due 2030-12-01T12:00
	# asked for by id: 65
	run -65 remind send --at 2030-12-01T12:00 apt-2
	run -65 remind send --at 2030-12-01T12:00 --template recall pat-1
	assert_equal "$(reminders)" 0
	patient activate pat-2 >/dev/null
	run -0 remind send --at 2030-12-01T12:00
	assert_equal "$(sms_count)" 1
}

@test "cancelled and checked-in visits get nothing" {
	book pat-1 prv-1 2030-12-03T10:00
	book pat-2 prv-1 2030-12-03T11:00
	sched cancel apt-1 --reason "sick" >/dev/null
	sched checkin --force apt-2 >/dev/null 2>&1
	nothing_due 2030-12-01T12:00
	run -65 remind send --at 2030-12-01T12:00 apt-1
	run -65 remind send --at 2030-12-01T12:00 apt-2
	assert_equal "$(reminders)" 0
}

@test "a cancelled visit waiting for a retry is dropped" {
	retry_booked pat-2 prv-1 2030-12-03T10:00 2030-12-01T12:00
	sched cancel apt-1 >/dev/null
	run -0 remind send --at 2030-12-01T13:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed, 1 dropped"
	assert_equal "$(q "select status, error from reminder")" \
	    "dropped the appointment is cancelled"
	assert_equal "$(sms_count)" 1
}

@test "a moved visit: the old time's reminder is never sent; the new time gets its own" {
	# moved before its reminder went: only the new key
	book pat-2 prv-1 2030-12-05T10:00				# apt-1
	sched move apt-1 --at 2030-12-06T14:00 >/dev/null
	run -1 remind due --at 2030-12-03T12:00
	run -0 remind send --at 2030-12-03T12:00
	assert_equal "$(reminders)" 0
	run -0 remind send --at 2030-12-04T14:00
	assert_equal "$(states)" "apt-1/48h/sms/2030-12-06T19:00:00Z sent"
	assert_equal "$(sms_text 1)" "$(en_sms Ana "Friday, December 6" "2:00 PM")"
	# moved after its reminder went: the new time is reminded too
	book pat-3 prv-1 2030-12-10T10:00				# apt-2
	run -0 remind send --at 2030-12-08T10:00
	sched move apt-2 --at 2030-12-11T10:00 >/dev/null
	run -0 remind send --at 2030-12-09T10:00
	assert_equal "$(q "select key, status from reminder where appointment_id = 2 order by id")" \
	    "apt-2/48h/sms/2030-12-10T15:00:00Z sent
apt-2/48h/sms/2030-12-11T15:00:00Z sent"
	[[ $(sms_text 3) == *"el miércoles 11 de diciembre a las 10:00."* ]] || fail "$(sms_text 3)"
	assert_equal "$(sms_count)" 3
}

@test "a moved visit waiting for a retry: the old key is dropped, the new time sent" {
	retry_booked pat-2 prv-1 2030-12-05T10:00 2030-12-03T12:00
	sched move apt-1 --at 2030-12-05T15:00 >/dev/null
	run -0 remind send --at 2030-12-03T16:00 -v
	assert_output "sent 0 email, 1 sms, 0 failed, 1 dropped"
	assert_equal "$(q "select key, status, ifnull(error, '') from reminder order by id")" \
	    "apt-1/48h/sms/2030-12-05T15:00:00Z dropped the appointment was moved
apt-1/48h/sms/2030-12-05T20:00:00Z sent "
	assert_equal "$(sms_count)" 2
	assert_equal "$(sms_text 2)" "$(en_sms Ana "Thursday, December 5" "3:00 PM")"
}

# -- DST -----------------------------------------------------------------------

@test "DST: a visit the day after fall-back, 48 hours before: 10:00 AM, key 15:00Z" {
	book pat-1 prv-1 2030-11-04T10:00
	# 48 real hours before 15:00Z is 11:00 EDT on Saturday, not 10:00
	run -1 remind due --at 2030-11-02T10:59
	run -0 remind due --at 2030-11-02T11:00
	assert_equal "$(cut -f1,3,5,6,7 <<<"$output")" \
	    "apt-1	email	48h	2030-11-04T10:00	apt-1/48h/email/2030-11-04T15:00:00Z"
	run -0 remind send --at 2030-11-02T11:00
	assert_equal "$(mail_count)" 1
	local m
	m=$(mail_json "$(mail_files)")
	assert_equal "$(jq -r .subject <<<"$m")" "Appointment reminder: Monday, November 4 at 10:00 AM"
	[[ $(jq -r .text <<<"$m") == *"on Monday, November 4 at 10:00 AM, at Maple Clinic."* ]] ||
	    fail "$(jq -r .text <<<"$m")"
	assert_equal "$(states)" "apt-1/48h/email/2030-11-04T15:00:00Z sent"
}

@test "DST: an SMS 2 hours before a visit the morning after spring-forward" {
	book pat-2 prv-1 2031-03-10T10:00	# EDT: 14:00Z
	run -1 remind due --at 2031-03-10T07:59
	run -0 remind send --at 2031-03-10T08:00
	assert_equal "$(q "select key from reminder order by id")" \
	    "apt-1/2h/sms/2031-03-10T14:00:00Z"
	assert_equal "$(sms_text 1)" "$(en_sms Ana "Monday, March 10" "10:00 AM")"
}

# -- a missing command, a missing sender ---------------------------------------

@test "remind.sendmail missing or not executable: 78 naming it, nothing claimed, a dry run too" {
	SENDMAIL="/nonexistent/sendmail -t -i" remind_config
	book pat-1 prv-1 2030-12-03T10:00
	book pat-2 prv-1 2030-12-03T11:00	# an SMS after it: not reached
	local want="remind: $CLINIX_CONFIG: remind.sendmail '/nonexistent/sendmail -t -i': /nonexistent/sendmail cannot be run (missing, or not executable)"
	run -78 --separate-stderr remind send --at 2030-12-01T12:00 -v
	assert_equal "$stderr" "$want"
	assert_output "sent 0 email, 0 sms, 0 failed"
	assert_equal "$(reminders)" 0
	sms_none
	run -78 --separate-stderr remind send --dry-run --at 2030-12-01T12:00
	assert_equal "$stderr" "$want"
	run -78 --separate-stderr remind send --at 2030-12-01T12:00 apt-1
	assert_equal "$stderr" "$want"
	# there, but not executable
	printf '#!/bin/sh\nexit 0\n' >"$BATS_TEST_TMPDIR/sendmail-noexec"
	chmod 644 "$BATS_TEST_TMPDIR/sendmail-noexec"
	SENDMAIL="$BATS_TEST_TMPDIR/sendmail-noexec" remind_config
	run -78 --separate-stderr remind send --at 2030-12-01T12:00
	assert_equal "$stderr" "remind: $CLINIX_CONFIG: remind.sendmail '$BATS_TEST_TMPDIR/sendmail-noexec': $BATS_TEST_TMPDIR/sendmail-noexec cannot be run (missing, or not executable)"
	assert_equal "$(reminders)" 0
	# still due, and sent once sendmail is there
	run -0 remind due --at 2030-12-01T12:30
	assert_equal "$(cut -f1,3 <<<"$output")" "apt-1	email
apt-2	sms"
	remind_config
	run -0 remind send --at 2030-12-01T12:30 -v
	assert_output "sent 1 email, 1 sms, 0 failed"
	assert_equal "$(mail_count)" 1
}

@test "a retry due when remind.sendmail has gone: 78 naming it, the retry kept as it was" {
	book pat-1 prv-1 2030-12-03T10:00
	MAIL_EXIT=75 run -75 remind send --at 2030-12-01T12:00
	assert_equal "$(q "select status, attempts from reminder")" "retry 1"
	SENDMAIL="/nonexistent/sendmail -t -i" remind_config
	run -78 --separate-stderr remind send --at 2030-12-01T13:00 -v
	assert_equal "$stderr" "remind: $CLINIX_CONFIG: remind.sendmail '/nonexistent/sendmail -t -i': /nonexistent/sendmail cannot be run (missing, or not executable)"
	assert_equal "$(q "select status, attempts from reminder")" "retry 1"
	# --channel sms has nothing to do with it
	run -0 remind send --at 2030-12-01T13:00 --channel sms
	remind_config
	run -0 remind send --at 2030-12-01T13:00 -v
	assert_output "sent 1 email, 0 sms, 0 failed"
	assert_equal "$(q "select status, attempts from reminder")" "sent 2"
}

@test "remind.sms_command missing: 78, nothing claimed; unset: 69, nothing claimed" {
	SMS_CMD=/nonexistent/sms remind_config
	book pat-2 prv-1 2030-12-03T10:00
	run -78 --separate-stderr remind send --at 2030-12-01T12:00
	assert_equal "$stderr" "remind: $CLINIX_CONFIG: remind.sms_command: /nonexistent/sms cannot be run (missing, or not executable)"
	assert_equal "$(reminders)" 0
	run -78 remind send --dry-run --at 2030-12-01T12:00
	SMS_CMD=none remind_config
	run -69 --separate-stderr remind send --at 2030-12-01T12:00
	assert_equal "$stderr" "remind: 1 sms not sent: remind.sms_command is not set"
	assert_equal "$(reminders)" 0
	remind_config
	run -0 remind send --at 2030-12-01T12:00
	assert_equal "$(sms_count)" 1
}

@test "a clinic placeholder that would be empty ({clinic_phone}, no clinic.phone): 78 naming template and placeholder, nothing claimed" {
	sed -i '/^  phone: /d' "$CLINIX_CONFIG.base"
	remind_config
	book pat-2 prv-1 2030-12-03T10:00	# SMS: its {cancel} says {clinic_phone}
	run -78 --separate-stderr remind send --dry-run --at 2030-12-01T12:00
	assert_output ""
	[[ $stderr == "remind: "*"/templates/remind/appointment.yaml: {clinic_phone} would be empty: set clinic.phone in $CLINIX_CONFIG (clinix config set clinic.phone ...)" ]] ||
	    fail "$stderr"
	run -78 --separate-stderr remind send --at 2030-12-01T12:00 -v
	[[ $stderr == *"/appointment.yaml: {clinic_phone} would be empty: "* ]] || fail "$stderr"
	assert_equal "$(reminders)" 0
	sms_none
	# the slot-open message by id, an email: the same
	book pat-1 prv-1 2030-12-04T10:00
	run -78 --separate-stderr remind send --at 2030-12-01T12:00 --template slot-open apt-2
	[[ $stderr == *"/slot-open.yaml: {clinic_phone} would be empty: "* ]] || fail "$stderr"
	assert_equal "$(reminders)" 0
	assert_equal "$(mail_count)" 0
	# set, it goes
	clinix config set clinic.phone "212 555 0199"
	run -0 remind send --at 2030-12-01T12:00
	[[ $(sms_text 1) == *"please call +12125550199." ]] || fail "$(sms_text 1)"
}

@test "a sendmail that runs and fails: 'failed' in the -v counts and in the log, with the reason" {
	two_emails_through sendmail-fail 'exit 1' -t -i
	assert_output "sent 0 email, 0 sms, 2 failed"
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/ran")" 2
	assert_equal "$(q "select status, error from reminder order by id")" \
	    "failed $BATS_TEST_TMPDIR/sendmail-fail exited 1
failed $BATS_TEST_TMPDIR/sendmail-fail exited 1"
	run -0 remind log --status failed
	assert_equal "${#lines[@]}" 2
	assert_equal "$(cut -f3,7,8,11 <<<"${lines[0]}")" \
	    "pat-1	zoe@example.com	failed	$BATS_TEST_TMPDIR/sendmail-fail exited 1"
}

@test "a sendmail that cannot be run mid-batch: the rest 'failed' with the reason, counted and logged" {
	# runs once, then is gone: the next message of the same run finds nothing
	two_emails_through sendmail-once 'rm -f "$0"'
	assert_output "sent 1 email, 0 sms, 1 failed"
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/ran")" 1
	[ ! -e "$BATS_TEST_TMPDIR/sendmail-once" ]
	assert_equal "$(q "select status, ifnull(error, '-') from reminder order by id")" \
	    "sent -
failed $BATS_TEST_TMPDIR/sendmail-once: No such file or directory"
	run -0 remind log --status failed
	assert_equal "${#lines[@]}" 1
	[[ ${lines[0]} == *"	renee@example.com	failed	"* ]] || fail "${lines[0]}"
}

@test "an email due without remind.from is a config error (78): nothing claimed" {
	FROM=none remind_config
	book pat-1 prv-1 2030-12-03T10:00
	run -78 --separate-stderr remind send --at 2030-12-01T12:00
	[[ $stderr == *"remind.from is not set"* ]] || fail "$stderr"
	assert_equal "$(reminders)" 0
	assert_equal "$(mail_count)" 0
}

# -- templates -----------------------------------------------------------------

@test "an unknown placeholder is 78 naming file:line; nothing claimed or sent" {
	mkdir -p "$TEMPLATES"
	cat >"$TEMPLATES/appointment.es.yaml" <<-'EOF'
	# a clinic's own Spanish template, with a typo
	subject: "Recordatorio"
	email: "Su cita: {date}"
	sms: "{patient}: cita con {docter} el {date}"
	EOF
	book pat-1 prv-1 2030-12-03T10:00	# English email first
	book pat-3 prv-1 2030-12-03T11:00	# then the Spanish SMS
	run -78 --separate-stderr remind send --at 2030-12-01T12:00
	assert_output ""
	assert_equal "$stderr" \
	    "remind: $TEMPLATES/appointment.es.yaml:4: sms: unknown placeholder {docter}"
	assert_equal "$(reminders)" 0
	sms_none
	assert_equal "$(mail_count)" 0
	run -78 remind send --dry-run --at 2030-12-01T12:00
	assert_equal "$(reminders)" 0
	# by id too
	run -78 remind send --at 2030-12-01T12:00 apt-2
	assert_equal "$(reminders)" 0
	# a template about a patient may not use a visit's placeholders
	cat >"$TEMPLATES/recall.yaml" <<-'EOF'
	subject: "Recall"
	sms: "{patient}, book a visit before {date}"
	EOF
	run -78 --separate-stderr remind send --at 2030-12-01T12:00 --template recall pat-2
	assert_equal "$stderr" \
	    "remind: $TEMPLATES/recall.yaml:2: sms: {date} needs an appointment, and this message is about a patient"
	assert_equal "$(reminders)" 0
	sms_none
	assert_equal "$(mail_count)" 0
}

@test "a template beside the config overrides the shipped one; {{ is a brace" {
	mkdir -p "$TEMPLATES"
	cat >"$TEMPLATES/appointment.yaml" <<-'EOF'
	subject: "See you {date}"
	email: "Hi {patient}"
	sms: "{{Maple} {patient} {date} {time} {location} {clinic_phone}"
	date_format: "%a %d/%m/%Y"
	time_format: "%H:%M"
	EOF
	book pat-2 prv-1 2030-12-03T09:05 --resource "Room 2"
	run -0 remind send --at 2030-12-01T12:00
	assert_equal "$(sms_text 1)" "{Maple} Ana Tue 03/12/2030 09:05 Room 2 +1 212 555 0199"
	run -66 remind send --at 2030-12-01T12:00 --template nosuch pat-2
	run -64 remind send --at 2030-12-01T12:00 --template ../x pat-2
}

# -- output, exit codes ---------------------------------------------------------

@test "send's exit status: 78 before anything is claimed; 75 before 65; --channel sends one channel only" {
	# an SMS command that refuses Luis's number for good (65)
	cat >"$BATS_TEST_TMPDIR/sms-picky" <<-EOF
	#!/bin/sh
	for last; do :; done
	[ "\$last" = +12125550101 ] && export SMS_EXIT=65
	exec "$BATS_TEST_DIRNAME/tools/sms-record" "\$@"
	EOF
	chmod +x "$BATS_TEST_TMPDIR/sms-picky"
	sms_fail 1
	SENDMAIL=/nonexistent/sendmail SMS_CMD=$BATS_TEST_TMPDIR/sms-picky remind_config
	book pat-1 prv-1 2030-12-03T10:00	# apt-1 email: cannot be run
	book pat-2 prv-1 2030-12-03T11:00	# apt-2 sms: a temporary failure
	book pat-3 prv-1 2030-12-03T12:00	# apt-3 sms: refused, failed
	run -78 remind send --at 2030-12-01T13:00
	assert_equal "$(reminders)" 0
	run -75 remind send --at 2030-12-01T13:00 --channel sms
	assert_equal "$(states)" "apt-2/48h/sms/2030-12-03T16:00:00Z retry
apt-3/48h/sms/2030-12-03T17:00:00Z failed"
	SMS_CMD=$BATS_TEST_TMPDIR/sms-picky remind_config
	export MAIL_EXIT=75
	# SMS only: apt-2's retry goes, apt-4 fails: 65; the email waits
	book pat-3 prv-1 2030-12-04T12:00	# apt-4
	run -65 remind send --at 2030-12-02T13:00 --channel sms
	assert_equal "$(q "select key, status from reminder where id > 2 or status = 'sent'")" \
	    "apt-2/48h/sms/2030-12-03T16:00:00Z sent
apt-4/48h/sms/2030-12-04T17:00:00Z failed"
	assert_equal "$(mail_count)" 0
	run -75 remind send --at 2030-12-02T13:00 --channel email
	assert_equal "$(q "select key, status from reminder where channel = 'email'")" \
	    "apt-1/48h/email/2030-12-03T15:00:00Z retry"
	assert_equal "$(mail_count)" 1
	# a retry and a failure in one run: 75
	book pat-3 prv-1 2030-12-05T08:00	# apt-5: fails
	run -75 --separate-stderr remind send --at 2030-12-03T09:00
	assert_equal "${stderr_lines[-1]}" "remind: sent 0 email, 1 sms, 1 failed, 1 to retry"
	assert_equal "$(q "select key, status, attempts from reminder where id > 4")" \
	    "apt-2/2h/sms/2030-12-03T16:00:00Z sent 1
apt-5/48h/sms/2030-12-05T13:00:00Z failed 1"
	assert_equal "$(q "select status, attempts from reminder where appointment_id = 1")" "retry 2"
}

@test "-v prints 'sent N email, N sms, N failed'; without it a good run prints nothing" {
	book pat-1 prv-1 2030-12-03T10:00
	book pat-2 prv-1 2030-12-03T11:00
	book pat-3 prv-1 2030-12-03T12:00
	run -0 --separate-stderr remind send --at 2030-12-01T13:00 -v
	assert_output "sent 1 email, 2 sms, 0 failed"
	assert_equal "$stderr" ""
	book pat-4 prv-1 2030-12-03T14:00
	run -0 --separate-stderr remind send --at 2030-12-01T14:00
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(mail_count)" 2
	run -0 --separate-stderr remind send --at 2030-12-01T14:00
	assert_output ""
	assert_equal "$stderr" ""
}

@test "--dry-run lists what would go, with its size, and sends and claims nothing" {
	book pat-1 prv-1 2030-12-03T10:00
	book pat-2 prv-1 2030-12-03T11:00
	local before
	before=$(q "select count(*) from audit where action != 'remind.send'")
	run -0 --separate-stderr remind send --dry-run --at 2030-12-01T12:00 -H
	assert_equal "$stderr" ""
	assert_equal "${lines[0]}" "#id	patient	channel	address	rule	start	key	bytes"
	assert_equal "$(cut -f1-7 <<<"${lines[1]}")" \
	    "apt-1	pat-1	email	zoe@example.com	48h	2030-12-03T10:00	apt-1/48h/email/2030-12-03T15:00:00Z"
	assert_equal "$(cut -f1-7 <<<"${lines[2]}")" \
	    "apt-2	pat-2	sms	+12125550100	48h	2030-12-03T11:00	apt-2/48h/sms/2030-12-03T16:00:00Z"
	assert_equal "${#lines[@]}" 3
	local smsbytes
	smsbytes=$(cut -f8 <<<"${lines[2]}")
	[[ $(cut -f8 <<<"${lines[1]}") =~ ^[0-9]{3,}$ ]] || fail "${lines[1]}"
	assert_equal "$(reminders)" 0
	sms_none
	assert_equal "$(mail_count)" 0
	assert_equal "$(q "select action, record from audit order by id desc limit 1")" \
	    "remind.send 2 reminders: dry run"
	# the real run sends what was listed, the SMS of that size
	run -0 remind send --at 2030-12-01T12:00
	assert_equal "$(sms_text 1 | tr -d '\n' | wc -c)" "$smsbytes"
	run -0 remind send --dry-run --at 2030-12-01T12:00
	assert_output ""
}

@test "due lists what a run would send, sends nothing; exit 1 when nothing is due" {
	run -1 --separate-stderr remind due --at 2030-12-01T12:00
	assert_output ""
	assert_equal "$stderr" ""
	book pat-1 prv-1 2030-12-03T10:00
	book pat-2 prv-1 2030-12-03T11:00
	run -1 remind due --at 2030-12-01T09:59
	run -0 remind due --at 2030-12-01T10:00
	assert_equal "$output" "apt-1	pat-1	email	zoe@example.com	48h	2030-12-03T10:00	apt-1/48h/email/2030-12-03T15:00:00Z"
	run -0 remind due --at 2030-12-01T12:00 --channel sms -o json
	assert_equal "$(jq -r '[.id, .patient, .channel, .address, .key] | join(" ")' <<<"$output")" \
	    "apt-2 pat-2 sms +12125550100 apt-2/48h/sms/2030-12-03T16:00:00Z"
	assert_equal "$(reminders)" 0
	sms_none
	assert_equal "$(mail_count)" 0
	assert_equal "$(q "select action, record from audit order by id desc limit 1")" \
	    "remind.due 1 reminders: due"
	run -64 remind due --channel fax
	run -64 remind due --dry-run
	run -65 remind due --at "not a time"
}

@test "option tables: a value like -h or -V is the option's, never a global; each verb takes only its own options" {
	book pat-1 prv-1 2030-12-03T10:00
	local audit
	audit=$(q "select count(*) from audit")
	# --template -h: a template named -h, of which there is none; no help
	run -66 --separate-stderr remind send --at 2030-12-01T12:00 --template -h pat-1
	assert_output ""
	[[ "$stderr" == "remind: no reminder template '-h' (looked in "* ]] || fail "$stderr"
	# --at -V: a time, not the version
	run -65 --separate-stderr remind due --at -V
	assert_output ""
	assert_equal "$stderr" "remind: --at '-V': not a date or time (use 2026-11-27 or 2026-11-27T09:30)"
	# and through the dispatcher
	run -65 --separate-stderr clinix remind due --at -h
	assert_output ""
	assert_equal "$stderr" "remind: --at '-h': not a date or time (use 2026-11-27 or 2026-11-27T09:30)"
	run -64 --separate-stderr remind optout pat-1 --channel -h
	assert_output ""
	assert_equal "${stderr%%$'\n'*}" "remind: --channel wants email or sms, not '-h'"
	run -64 --separate-stderr remind log --status -V
	assert_output ""
	assert_equal "${stderr%%$'\n'*}" "remind: --status wants claimed, retry, sent, failed or dropped, not '-V'"
	run -65 --separate-stderr remind log --patient -h
	assert_output ""
	assert_equal "$stderr" "remind: no patient '-h'"
	# an option of send is no option of due, and a value is needed
	run -64 --separate-stderr remind due --dry-run
	assert_equal "$stderr" "remind: unknown option '--dry-run'
usage: remind due [--at TIME] [--channel email|sms]"
	run -64 --separate-stderr remind send --limit
	assert_equal "${stderr%%$'\n'*}" "remind: option '--limit' needs a value"
	run -64 --separate-stderr remind log extra
	assert_equal "${stderr%%$'\n'*}" "remind: unexpected argument 'extra'"
	# nothing was claimed, sent or opted out
	assert_equal "$(reminders)" 0
	sms_none
	assert_equal "$(mail_count)" 0
	assert_equal "$(q "select count(*) from remind_optout")" 0
	# and the same options still work, '_' for '-' and bundled too
	run -0 remind send --at 2030-12-01T12:00 --dry_run -o json
	assert_equal "$(jq -r .key <<<"$output")" "apt-1/48h/email/2030-12-03T15:00:00Z"
	run -0 remind send -va 2030-12-01T12:00
	assert_output "sent 1 email, 0 sms, 0 failed"
	[ "$(q "select count(*) from audit")" -gt "$audit" ]
}

# -- ids on stdin ----------------------------------------------------------------

@test "sched waitlist match | remind send --template slot-open - tells the waiting patient" {
	book pat-1 prv-3 2030-12-02T09:00 --length 30m
	book pat-4 prv-3 2030-12-02T09:30 --length 30m
	sched waitlist add pat-2 --provider prv-3 --type follow-up >/dev/null
	sched cancel apt-1 --reason sick >/dev/null
	run -0 bash -c "sched waitlist match --from 2030-12-02 --to 2030-12-02 |
	    remind send --at 2030-11-28T12:00 --template slot-open -"
	assert_output ""
	assert_equal "$(sms_count)" 1
	assert_equal "$(sms_argv 1)" "+12125550100"
	# the slot that opened: Bo Berg's Monday 09:00
	assert_equal "$(sms_text 1)" "Maple Clinic: Ana, an earlier appointment is available: Monday, December 2 at 9:00 AM with Bo Berg. Call +1 212 555 0199 if you want it."
	assert_equal "$(q "select key, rule, status, ifnull(appointment_id, '-') from reminder")" \
	    "pat-2/slot-open/sms/2030-11-28 slot-open sent -"
	assert_equal "$(mail_count)" 0
	# the same list again that day: nothing; the next day: once more
	run -0 bash -c "sched waitlist match --from 2030-12-02 --to 2030-12-02 |
	    remind send --at 2030-11-28T15:00 --template slot-open -"
	assert_equal "$(sms_count)" 1
	run -0 bash -c "sched waitlist match --from 2030-12-02 --to 2030-12-02 |
	    remind send --at 2030-11-29T12:00 --template slot-open -"
	assert_equal "$(sms_count)" 2
	assert_equal "$(reminders)" 2
	# ids alone say no slot: the template's {date} cannot be filled
	run -78 --separate-stderr bash -c "sched waitlist match --from 2030-12-02 --to 2030-12-02 |
	    cut -f1 | remind send --at 2030-11-30T12:00 --template slot-open -"
	[[ $stderr == *"/slot-open.yaml:5: subject: {date} needs an appointment, and this message is about a patient" ]] ||
	    fail "$stderr"
	assert_equal "$(reminders)" 2
}

@test "the slot-open email names the slot: date, time and provider with credential" {
	book pat-1 prv-1 2030-12-02T09:00 --length 20m
	sched waitlist add pat-4 --provider prv-1 --type follow-up >/dev/null
	sched cancel apt-1 --reason sick >/dev/null
	run -0 --separate-stderr bash -c "sched waitlist match --from 2030-12-02 --to 2030-12-02 |
	    remind send --at 2030-11-28T12:00 --template slot-open -"
	assert_equal "$stderr" ""
	assert_equal "$(mail_count)" 1
	local m
	m=$(cat "$MAIL_DIR"/*.eml | tr -d '\r')
	[[ $m == *"Subject: An earlier appointment is available: Monday, December 2 at"* ]] || fail "$m"
	[[ $m == *"An earlier appointment has become available: Monday, December 2 at"* ]] || fail "$m"
	[[ $m == *"with Maria Chen, MD. If you would like it, please call us at"*"+1 212 555 0199 as soon as you can."* ]] || fail "$m"
	# the time is the first open slot of Maria Chen's that day (07:00)
	[[ $m == *"Monday, December 2 at 7:00 AM,"* ]] || fail "$m"
}

@test "remind send - with apt- ids: sends now, once; with the rule's key when one is due" {
	book pat-1 prv-1 2030-12-10T10:00	# apt-1: not due by the rules
	book pat-2 prv-1 2030-12-03T10:00	# apt-2: its 48h is due
	run -0 --separate-stderr bash -c 'sched list --day 2030-12-10 | remind send --at 2030-12-01T12:00 -'
	assert_output ""
	assert_equal "$stderr" ""
	assert_equal "$(mail_count)" 1
	assert_equal "$(states)" "apt-1/appointment/email/2030-12-10T15:00:00Z sent"
	local m
	m=$(mail_json "$(mail_files)")
	assert_equal "$(jq -r .subject <<<"$m")" "Appointment reminder: Tuesday, December 10 at 10:00 AM"
	run -0 bash -c 'echo apt-1 | remind send --at 2030-12-01T13:00 -'
	assert_equal "$(mail_count)" 1
	# due by a rule: the rule's key, so cron does not send it again
	run -0 bash -c 'printf "# a comment\napt-2\n" | remind send --at 2030-12-01T12:00 -'
	assert_equal "$(q "select key from reminder where appointment_id = 2")" \
	    "apt-2/48h/sms/2030-12-03T15:00:00Z"
	run -0 remind send --at 2030-12-01T12:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	assert_equal "$(sms_count)" 1
	# ids of another kind, a patient without --template, --template without ids
	run -65 bash -c 'echo prv-1 | remind send --at 2030-12-01T12:00 -'
	run -64 bash -c 'echo pat-2 | remind send --at 2030-12-01T12:00 -'
	run -64 remind send --at 2030-12-01T12:00 --template recall
	run -65 remind send --at 2030-12-01T12:00 apt-99
	assert_equal "$(reminders)" 2
}

@test "remind send --template recall with pat- ids; an SMS in quiet hours is not sent" {
	run -0 remind send --at 2030-12-01T12:00 --template recall pat-1 pat-2
	assert_equal "$(mail_count) $(sms_count)" "1 1"
	assert_equal "$(sms_text 1)" "Maple Clinic: Ana, you are due for a visit. Please call +1 212 555 0199 to book."
	[[ $(jq -r .text <(mail_json "$(mail_files)")) == *"Dear Zoë,"*"call us at"*"+1 212 555 0199"* ]] ||
	    fail "$(jq -r .text <(mail_json "$(mail_files)"))"
	run -0 --separate-stderr remind send --at 2030-12-01T22:00 --template recall pat-3
	assert_equal "$stderr" "remind: pat-3/recall/sms/2030-12-01: quiet hours (21:00-08:00): not sent now"
	assert_equal "$(sms_count)" 1
	# a patient who takes no reminders: skipped, said with -v
	run -0 --separate-stderr remind send --at 2030-12-01T12:00 --template recall pat-5 -v
	assert_equal "$(sms_count) $(mail_count)" "1 1"
	assert_equal "$(states)" "pat-1/recall/email/2030-12-01 sent
pat-2/recall/sms/2030-12-01 sent"
}

@test "remind send --template recall takes an MRN for a patient, on stdin too (design: MRN wherever a patient)" {
	run -0 --separate-stderr bash -c 'printf "M0000002\n" | remind send --at 2030-12-01T12:00 --template recall -'
	assert_equal "$stderr" ""
	run -0 remind send --at 2030-12-01T12:00 --template recall M0000001
	assert_equal "$(states)" "pat-2/recall/sms/2030-12-01 sent
pat-1/recall/email/2030-12-01 sent"
}

@test "roles: billing may read the log but not send or opt a patient out (77, audited as denied)" {
	user add bill --role billing >/dev/null
	book pat-2 prv-1 2030-12-03T10:00
	[ "$(id -u)" -eq 0 ] || skip "CLINIX_USER is honoured only for root"
	run -77 --separate-stderr env CLINIX_USER=bill remind optout pat-2 --channel sms
	[[ $stderr == "remind: permission denied"* ]] || fail "$stderr"
	assert_equal "$(q "select login, action, outcome from audit order by id desc limit 1")" \
	    "bill remind.optout denied"
	assert_equal "$(q "select count(*) from remind_optout")" 0
	run -77 env CLINIX_USER=bill remind send --at 2030-12-01T12:00
	assert_equal "$(q "select login, action, outcome from audit order by id desc limit 1")" \
	    "bill remind.send denied"
	sms_none
	assert_equal "$(q "select count(*) from reminder")" 0
	run -0 remind send --at 2030-12-01T12:00
	run -0 env CLINIX_USER=bill remind log
	assert_equal "$(q "select login, action, outcome from audit order by id desc limit 1")" \
	    "bill remind.log ok"
}

# -- the log, the audit trail ---------------------------------------------------

@test "log: what was sent, when, to where, the outcome; --status, --patient, --from/--to" {
	book pat-1 prv-1 2030-12-03T10:00
	book pat-2 prv-1 2030-12-03T11:00
	book pat-3 prv-1 2030-12-03T12:00
	export MAIL_EXIT=67
	run -65 remind send --at 2030-12-01T13:00
	unset MAIL_EXIT
	local t
	t=$(today)
	run -0 remind log -H
	assert_equal "${lines[0]}" "#id	at	patient	appointment	rule	channel	address	status	attempts	sent	error	key"
	assert_equal "${#lines[@]}" 4
	local re T=$'\t' hm="${t}T[0-9]{2}:[0-9]{2}"
	re="^rem-1${T}${hm}${T}pat-1${T}apt-1${T}48h${T}email${T}zoe@example\.com${T}failed${T}1${T}${T}.*/sendmail-record exited 67${T}apt-1/48h/email/2030-12-03T15:00:00Z\$"
	[[ ${lines[1]} =~ $re ]] || fail "${lines[1]}"
	re="^rem-2${T}${hm}${T}pat-2${T}apt-2${T}48h${T}sms${T}\+12125550100${T}sent${T}1${T}${hm}${T}${T}apt-2/48h/sms/2030-12-03T16:00:00Z\$"
	[[ ${lines[2]} =~ $re ]] || fail "${lines[2]}"
	assert_equal "$(cut -f11 <<<"${lines[1]}")" "$BATS_FILE_TMPDIR/bin/sendmail-record exited 67"
	run -0 remind log --status failed
	assert_equal "$(cut -f1,3,8 <<<"$output")" "rem-1	pat-1	failed"
	run -0 remind log --status sent
	assert_equal "$(cut -f1 <<<"$output" | paste -sd' ')" "rem-2 rem-3"
	run -0 remind log --patient pat-3
	assert_equal "$(cut -f1,3,7 <<<"$output")" "rem-3	pat-3	+12125550101"
	run -0 remind log --patient M0000002
	assert_equal "$(cut -f1 <<<"$output")" "rem-2"
	run -1 remind log --patient pat-4
	assert_output ""
	run -1 remind log --status retry
	run -0 remind log --from "$t" --to "$t"
	assert_equal "${#lines[@]}" 3
	run -1 remind log --to "$(date -d yesterday +%Y-%m-%d)"
	run -1 remind log --from tomorrow
	run -0 remind log --patient pat-1 --status failed --from -7d
	assert_equal "$(cut -f1 <<<"$output")" "rem-1"
	run -64 remind log --status bogus
	run -65 remind log --patient pat-99
}

@test "audit: every message is a row with its patient, rem- id, key, outcome and address" {
	book pat-1 prv-1 2030-12-03T10:00
	book pat-2 prv-1 2030-12-03T11:00
	run -0 remind send --at 2030-12-01T12:00
	assert_equal "$(sqlite3 -separator '|' "$CLINIX_DB" "select action, record, patient_id, outcome from audit where action like 'remind.%' order by id")" \
	    "remind.send|rem-1|1|ok
remind.send|rem-2|2|ok"
	assert_equal "$(q "select detail from audit where record = 'rem-2'")" \
	    "apt-2/48h/sms/2030-12-03T16:00:00Z sent sms to +12125550100"
	run -0 remind log
	assert_equal "$(sqlite3 -separator '|' "$CLINIX_DB" "select action, record from audit order by id desc limit 1")" \
	    "remind.log|2 reminders: log"
	run -0 remind log --patient pat-2
	assert_equal "$(sqlite3 -separator '|' "$CLINIX_DB" "select action, record, patient_id from audit order by id desc limit 1")" \
	    "remind.log|1 reminders: log|2"
}

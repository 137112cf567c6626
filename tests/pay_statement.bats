load helper

# pay statement: the worked example below is computed by hand in the
# comments beside it, and the text is checked line by line; the PDF is
# read back with pdftotext (poppler-utils); --email goes through a
# sendmail stand-in that keeps each message, which the tests read.
#
# The visits are dated from today (the statement date is today), so that
# the postings, made now, fall before the statement date's end:
#   A: 90 days ago, 99214, 100.00, before pat-1's coverage: the patient's
#   B: today, 99213, 150.00, to Aetna; a 25.00 copay at checkout

# Maple Clinic, 1 Main St, Springfield, IL 62701, +1 217 555 0199.
# pat-1 Ann Poe, 5 Elm St, Springfield, IL 62702, ann@example.com with
# email consent, Aetna from 30 days ago; pat-2 John Roe, email but no
# consent; pat-3 Zoë Núñez, no email.  prv-1 Maria Chen.  Users: bill
# (billing), desk (frontdesk), doc (provider).
clinic() {
	clinix config set pay.statement_note \
	    "pay at the desk, or by check to Maple Clinic"
	clinix config set remind.from "Maple Clinic <billing@maple.example>"
	clinix config set remind.sendmail \
	    "$BATS_FILE_TMPDIR/bin/sendmail-record -t -i"
	provider add --name "Maria Chen" --npi "$NPI1" --taxonomy 207Q00000X
	patient add --first Ann --last Poe --dob 1980-01-02 \
	    --address1 "5 Elm St" --city Springfield --state IL --zip 62702 \
	    --email ann@example.com --email_consent yes
	patient add --first John --last Roe --dob 1970-05-06 \
	    --email john@example.com
	patient add --first Zoë --last Núñez --dob 1990-03-04
	patient payer add Aetna --payer-id 60054
	patient coverage add pat-1 --payer Aetna --member-id W1 \
	    --from "$(date -d '-30 days' +%F)"
	user add bill --role billing
	user add desk --role frontdesk
	user add doc --role provider
	CLINIX_USER=bill pay fee set 99213 150.00 --from 2020-01-01
	CLINIX_USER=bill pay fee set 99214 100.00 --from 2020-01-01
}
setup_file() {
	(
		file_clinic_env
		clinix init --clinic-name "Maple Clinic" --address1 "1 Main St" \
		    --city Springfield --state IL --zip 62701 \
		    --phone "217 555 0199"
		clinic
	) >/dev/null
	sendmail_recorder "$BATS_FILE_TMPDIR/bin/sendmail-record"
}
setup() {
	clinic_copy
	export CLINIX_USER=bill MAIL_DIR=$BATS_TEST_TMPDIR/mail
	TODAY=$(date +%F)
	OLD=$(date -d '-90 days' +%F)
}

q() { sqlite3 -separator '|' "$CLINIX_DB" "$1"; }
sent() { find "$MAIL_DIR" -name '*.eml' 2>/dev/null | wc -l; }

# visit PAT DAY CODE: a signed encounter with prv-1 at 14:30Z on DAY (as
# in tests/pay.bats: chart sign may not be on main); prints its id.
visit() {
	sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id, provider_id,
	    start_at, created_at, created_by) VALUES ($1, 1, '$2T14:30:00Z',
	    '$2T14:30:00Z', 'doc');
	    CREATE TEMP TABLE v AS SELECT last_insert_rowid() AS e;
	    INSERT INTO encounter_dx VALUES ((SELECT e FROM v), 1, 'E119', NULL);
	    INSERT INTO encounter_proc (encounter_id, system, code, units, dx,
	    created_at, created_by) VALUES ((SELECT e FROM v), 'cpt', '$3', 1,
	    '1', '$2T14:30:00Z', 'doc');
	    UPDATE encounter SET signed_at = '$2T15:00:00Z', signed_by = 'doc',
	    sign_hash = printf('%064d', 0) WHERE id = (SELECT e FROM v);
	    SELECT 'enc-' || e FROM v;"
}

# The worked example on pat-1: A (enc-1) charged 100.00 to the patient,
# less a 10.00 courtesy adjustment, owes 90.00, 90 days old; B (enc-2)
# charged 150.00 to Aetna, the 25.00 copay taken off Aetna's share:
# 125.00 pending.
example() {
	a=$(visit 1 "$OLD" 99214)
	b=$(visit 1 "$TODAY" 99213)
	pay charge "$a" "$b" >/dev/null
	pay post pat-1 25.00 --method cash --apply "$b" >/dev/null
	pay adjust pat-1 10.00 --reason courtesy --apply "$a" >/dev/null
}

@test "the worked example, line by line" {
	example
	mrn=$(q "SELECT mrn FROM patient WHERE id = 1")
	run -0 --separate-stderr --keep-empty-lines pay statement pat-1
	assert_equal "$stderr" ""
	row() { printf '%-10s  %-8s  %-12s %10s %10s %10s %10s %10s  %s' "$@"; }
	rule=$(printf '%090d' 0 | tr 0 -)
	expected=(
	    "Maple Clinic" "1 Main St" "Springfield, IL 62701"
	    "Phone: +12175550199" ""
	    "PATIENT STATEMENT" "Statement date: $TODAY"
	    "Account: pat-1   MRN: $mrn" ""
	    "Ann Poe" "5 Elm St" "Springfield, IL 62702" ""
	    "$(row Date Visit Codes Charges Insurance Adjusted 'You paid' \
		Balance Provider)"
	    "$rule"
	    # A: 100.00 - 10.00 = 90.00; B: 150.00 - 25.00 = 125.00
	    "$(row "$OLD" enc-1 99214 100.00 0.00 10.00 0.00 90.00 \
		'Maria Chen')"
	    "$(row "$TODAY" enc-2 99213 150.00 0.00 0.00 25.00 125.00 \
		'Maria Chen')"
	    "$rule"
	    # 250.00 - 10.00 - 25.00 = 215.00
	    # no provider on it, and no blanks left at its end
	    "$(row Total '' '' 250.00 0.00 10.00 25.00 215.00 '' |
		sed 's/ *$//')" ""
	    "$(printf '%-30s %12s' 'Insurance pending:' 125.00)"
	    "$(printf '%-30s %12s' 'BALANCE DUE:' 90.00)" ""
	    "What you owe by date of service:"
	    "$(printf '%14s%14s%14s%14s' '0-30 days' '31-60 days' '61-90 days' \
		'over 90 days')"
	    "$(printf '%14s%14s%14s%14s' 0.00 0.00 90.00 0.00)" ""
	    "How to pay: pay at the desk, or by check to Maple Clinic"
	)
	for i in "${!expected[@]}"; do
		assert_equal "${lines[$i]-}" "${expected[$i]}"
	done
	# and nothing more
	assert_equal "${output%$'\n'}" "$(printf '%s\n' "${expected[@]}")"
	# one audit row, by bill, for pat-1
	assert_equal "$(q "SELECT login, action, patient_id FROM audit
	    WHERE detail LIKE 'statement%'")" "bill|pay.statement|1"
}

@test "as of the day before the visits were posted, nothing is on it" {
	example
	run -0 pay statement pat-1 --as-of "$(date -d yesterday +%F)"
	assert_line "No visits with a balance or recent activity."
	assert_line "$(printf '%-30s %12s' 'BALANCE DUE:' 0.00)"
}

@test "the PDF holds the same figures, and --file is 0600" {
	example
	run -0 pay statement pat-1 --format pdf --file "$BATS_TEST_TMPDIR/s.pdf"
	assert_output ""
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/s.pdf")" 600
	assert_equal "$(head -c 5 "$BATS_TEST_TMPDIR/s.pdf")" "%PDF-"
	pdftotext -layout "$BATS_TEST_TMPDIR/s.pdf" "$BATS_TEST_TMPDIR/s.txt"
	run -0 cat "$BATS_TEST_TMPDIR/s.txt"
	assert_line --regexp "^ *$OLD +enc-1 +99214 +100\.00 +0\.00 +10\.00 +0\.00 +90\.00 +Maria Chen$"
	assert_line --regexp "^ *$TODAY +enc-2 +99213 +150\.00 +0\.00 +0\.00 +25\.00 +125\.00 +Maria Chen$"
	assert_line --regexp "^ *Total +250\.00 +0\.00 +10\.00 +25\.00 +215\.00$"
	assert_line --regexp "^ *BALANCE DUE: +90\.00$"
	assert_line --regexp "^ *0\.00 +0\.00 +90\.00 +0\.00$"
	assert_line --regexp "^ *Ann Poe$"
	# an existing file is made 0600 too
	chmod 644 "$BATS_TEST_TMPDIR/s.pdf"
	run -0 pay statement pat-1 -o "$BATS_TEST_TMPDIR/s.pdf"
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/s.pdf")" 600
	run -0 grep -c "BALANCE DUE" "$BATS_TEST_TMPDIR/s.pdf"
	assert_output 1
}

@test "several patients: text with a form feed between, PDF with a page each" {
	example
	visit 2 "$TODAY" 99214 >/dev/null
	pay charge --day "$TODAY" >/dev/null
	run -0 pay statement pat-1 pat-2
	assert_equal "$(grep -c $'^\f' <<<"$output")" 1
	assert_equal "$(grep -c '^PATIENT STATEMENT$' <<<"$output")" 2
	pay statement pat-1 pat-2 --format pdf >"$BATS_TEST_TMPDIR/two.pdf"
	run -0 pdfinfo "$BATS_TEST_TMPDIR/two.pdf"
	assert_line --regexp '^Pages: +2$'
	run -0 pdftotext -f 2 -l 2 -layout "$BATS_TEST_TMPDIR/two.pdf" -
	assert_line --regexp '^ *John Roe$'
	assert_line --regexp '^ *BALANCE DUE: +100\.00$'
}

@test "--all-due takes those owing --min or more" {
	example					# pat-1 owes 90.00
	visit 2 "$TODAY" 99214 >/dev/null	# pat-2 100.00, less 97.00: 3.00
	pay charge --day "$TODAY" >/dev/null
	pay post pat-2 97.00 --method cash >/dev/null
	run -0 pay statement --all-due
	assert_equal "$(grep -c '^PATIENT STATEMENT$' <<<"$output")" 1
	assert_line "Ann Poe"
	run -0 pay statement --all-due --min 3.00
	assert_equal "$(grep -c '^PATIENT STATEMENT$' <<<"$output")" 2
	run -1 pay statement --all-due --min 100.00
	assert_output ""
	# two audit rows, one per patient, for the second run
	assert_equal "$(q "SELECT count(*) FROM audit
	    WHERE detail = 'statement'")" 3
}

@test "--email: to the consenting patient once per date; no consent skipped" {
	example
	visit 2 "$TODAY" 99214 >/dev/null
	visit 3 "$TODAY" 99214 >/dev/null
	pay charge --day "$TODAY" >/dev/null
	run -0 --separate-stderr pay statement --all-due --email
	assert_output pat-1
	assert_equal "$stderr" "pay: pat-2: skipped: no email consent
pay: pat-3: skipped: no email consent"
	assert_equal "$(sent)" 1
	assert_equal "$(cat "$MAIL_DIR"/*.args)" $'-t\n-i'
	m=$(cat "$MAIL_DIR"/*.eml | tr -d '\r')
	grep -qx 'To: Ann Poe <ann@example.com>' <<<"$m"
	grep -qx 'From: Maple Clinic <billing@maple.example>' <<<"$m"
	grep -qx "Subject: Statement from Maple Clinic, $TODAY" <<<"$m"
	# the body is the text statement
	body=$(sed '1,/^$/d' <<<"$m")
	grep -qx "$(printf '%-30s %12s' 'BALANCE DUE:' 90.00)" <<<"$body"
	grep -q "^$OLD  enc-1 .* 90.00  Maria Chen$" <<<"$body"
	assert_equal "$(q "SELECT patient_id, as_of, address FROM
	    statement_sent")" "1|$TODAY|ann@example.com"
	# the same day again: nothing sent
	run -0 --separate-stderr pay statement pat-1 --email
	assert_output ""
	assert_equal "$stderr" "pay: pat-1: skipped: the statement of $TODAY was emailed already"
	assert_equal "$(sent)" 1
}

@test "--email: a sendmail that fails leaves it unsent, for the next run" {
	example
	MAIL_EXIT=75 run -75 --separate-stderr pay statement pat-1 --email
	assert_output ""
	assert_equal "$(q "SELECT count(*) FROM statement_sent")" 0
	run -0 pay statement pat-1 --email
	assert_output pat-1
	assert_equal "$(sent)" 2
}

@test "frontdesk prints one patient's statement; many and email are billing's" {
	example
	CLINIX_USER=desk run -0 pay statement pat-1
	assert_line "Ann Poe"
	CLINIX_USER=desk run -77 pay statement pat-1 pat-2
	CLINIX_USER=desk run -77 pay statement - <<<"pat-1"
	run -0 pay statement - <<<$'pat-1\npat-2'
	assert_equal "$(grep -c '^PATIENT STATEMENT$' <<<"$output")" 2
	CLINIX_USER=desk run -77 pay statement --all-due
	CLINIX_USER=desk run -77 pay statement pat-1 --email
	CLINIX_USER=doc run -77 pay statement pat-1
	assert_output --partial "permission"
	assert_equal "$(sent)" 0
}

@test "bad input: 64 or 65, nothing printed, nothing sent" {
	example
	run -65 --separate-stderr pay statement pat-1 pat-99 --email
	assert_output ""
	run -64 --separate-stderr pay statement --all-due --min junk
	assert_output ""
	# the message, then the usage
	assert_equal "${stderr%%$'\n'*}" "pay: --min: not an amount of money 'junk' (write 12.50)"
	run -64 --separate-stderr pay statement --all-due --min 1e3 --email
	run -65 --separate-stderr pay statement --all-due --min 0.00 --email
	run -64 --separate-stderr pay statement pat-1 --as-of someday
	run -64 --separate-stderr pay statement pat-1 --format html
	run -64 --separate-stderr pay statement pat-1 --all-due
	run -64 --separate-stderr pay statement
	run -64 --separate-stderr pay statement pat-1 --min 5.00
	run -64 --separate-stderr pay statement pat-1 --email --format pdf
	assert_output ""
	assert_equal "$(sent)" 0
	assert_equal "$(q "SELECT count(*) FROM statement_sent")" 0
}

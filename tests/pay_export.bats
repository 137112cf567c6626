load helper
load ledger

# pay export: the ledger as an hledger and a beancount journal.  The
# journals are read by the real tools (Debian's hledger and beancount,
# which .ci/deps installs): `hledger balance` and bean-query report every
# account's balance, bean-check that the file is valid beancount (each
# account opened before it is used, each entry balanced), and those
# balances, summed per account of the chart by the names pay(1)
# documents, equal `pay trial-balance`.

setup_file() { clinic_once clinic; }
setup() {
	clinic_copy
	export CLINIX_USER=bill
}

need_hledger() {
	command -v hledger >/dev/null ||
	    skip "hledger is not installed (.ci/deps installs it)"
}
need_beancount() {
	command -v bean-check >/dev/null && command -v bean-query >/dev/null ||
	    skip "beancount is not installed (.ci/deps installs it)"
}

# Where pay(1) says each account of the chart goes, by name prefix.
PREFIXES='ar.patient Assets:Receivable:Patients:
ar.insurance Assets:Receivable:Insurance:
cash Assets:Cash
check Assets:Checks
card Assets:CardClearing
credit Liabilities:PatientCredit:
refunds Liabilities:Refunds
revenue Income:Services:
contractual Expenses:ContractualAdjustment:
writeoff Expenses:WriteOff
baddebt Expenses:BadDebt
plb Expenses:ProviderLevelAdjustment:'

# stdin "NAME AMOUNT" lines (a tool's balances) to "code cents" lines,
# each account of the chart once, those not 0, in code order; a name no
# prefix takes fails.
by_code() {
	awk -v p="$PREFIXES" 'BEGIN { n = split(p, l, "\n")
		for (i = 1; i <= n; i++) { split(l[i], f, " ")
			code[i] = f[1]; pre[i] = f[2] } }
	{ for (i = 1; i <= n; i++)
		if (index($1, pre[i]) == 1 && (pre[i] ~ /:$/ || $1 == pre[i]))
			break
	  if (i > n) { print "no account of the chart for " $1; exit 1 }
	  s[code[i]] += sprintf("%.0f", $2 * 100) }
	END { for (c in s) if (s[c] != 0) print c, s[c] }' | sort
}
# pay trial-balance [ARGS] as "code cents", the same way.
tb_by_code() {
	pay trial-balance "$@" | awk -F'\t' '{ c = sprintf("%.0f", $4 * 100)
	    if (c != 0) print $1, c }' | sort
}
# hledger's balances of FILE, "code cents".
hledger_by_code() {
	hledger -f "$1" balance -O csv --no-total | tail -n +2 |
	    tr -d '"' | sed 's/,/ /; s/ [A-Z][A-Z][A-Z]$//' | by_code
}
# beancount's, by bean-query, after bean-check finds the file valid.
bean_by_code() {
	bean-check "$1" >&2 || return 1
	bean-query -f csv "$1" 'SELECT account, sum(number) GROUP BY account' |
	    tail -n +2 | tr -d ' ' | tr ',' ' ' | by_code
}

# The hand-worked ledger: pat-1's visit of 150.00 charged to Aetna and a
# 25.00 cash copay at checkout; pat-2's two lines of 150.00 and 100.00
# on them, paid 300.00 by check (50.00 credit), 20.00 of it refunded in
# cash; the copay voided.  Balances: ar.insurance 150 - 25 + 25 = 150.00,
# cash 25 - 20 - 25 = -20.00, check 300.00, credit -50 + 20 = -30.00,
# revenue -400.00, ar.patient 250 - 250 = 0.
worked() {
	local e f
	e=$(visit 1)
	f=$(visit 2 2026-12-01 99213 99214)
	pay charge "$e" "$f" >/dev/null
	pay post pat-1 25.00 --method cash --apply "$e" >/dev/null
	pay post pat-2 300.00 --method check --check-no 12 >/dev/null
	pay refund pat-2 20.00 --method cash --reason overpaid >/dev/null
	pay void pay-1 --reason 'wrong "drawer"; again' >/dev/null
}
WORKED='cash -2000
ar.insurance 15000
check 30000
credit -3000
revenue -40000'

# an adjustment of 10.00 of pat-2's on day DAY (15:00 UTC), put in with
# sqlite3 as the programs would have written it then: txn-N printed
old_txn() {
	q "INSERT INTO txn (at, kind, memo, who) VALUES ('${1}T15:00:00Z',
	    'adjust', 'writeoff', 'bill');
	INSERT INTO posting (txn_id, account, amount, patient_id) VALUES
	    (last_insert_rowid(), 'writeoff', 1000, 2),
	    ((SELECT max(id) FROM txn), 'ar.patient', -1000, 2);
	UPDATE txn SET closed = 1 WHERE id = (SELECT max(id) FROM txn);
	SELECT 'txn-' || max(id) FROM txn;"
}

@test "hledger balance and beancount report what pay trial-balance does" {
	need_hledger
	need_beancount
	worked
	assert_equal "$(tb_by_code)" "$(sort <<<"$WORKED")"
	pay export --format hledger >"$BATS_TEST_TMPDIR/j.journal"
	pay export --format beancount >"$BATS_TEST_TMPDIR/j.beancount"
	run -0 hledger_by_code "$BATS_TEST_TMPDIR/j.journal"
	assert_output "$(tb_by_code)"
	run -0 bean_by_code "$BATS_TEST_TMPDIR/j.beancount"
	assert_output "$(tb_by_code)"
	# the totals: hledger's is 0
	run -0 hledger -f "$BATS_TEST_TMPDIR/j.journal" balance -O csv
	assert_line '"total","0"'
	# per patient and payer: credit is pat-2's, insurance Aetna's
	run -0 hledger -f "$BATS_TEST_TMPDIR/j.journal" balance Liabilities \
	    Insurance -O csv --no-total
	assert_output $'"account","balance"\n"Assets:Receivable:Insurance:pyr-1","150.00 USD"\n"Liabilities:PatientCredit:pat-2","-30.00 USD"'
}

@test "an entry as pay(1) shows it: the day, txn-N and kind, memo, postings" {
	worked
	run -0 --separate-stderr pay export --format hledger
	today=$(date +%F)
	# txn-1 and 2 the charges (one a visit), 3 the copay, 4 the check;
	# txn-5 is the refund: credit given back in cash
	assert_output --partial "$(printf '\n%s * (txn-5) refund\n    ; overpaid\n    Liabilities:PatientCredit:pat-2  20.00 USD\n    Assets:Cash  -20.00 USD\n' "$today")"
	assert_output --partial "$(printf '%s * (txn-6) void\n    ; reverses: txn-3\n    ; wrong "drawer"; again\n' "$today")"
	assert_equal "$(grep -c '^[0-9]' <<<"$output")" 6
	run -0 pay export --format beancount
	assert_line --index 1 'option "operating_currency" "USD"'
	assert_line "$today open Income:Services:Prv-1:99214 USD"
	assert_output --partial "$(printf '%s * "txn-6 void"\n  reverses: "txn-3"\n  memo: "wrong \\"drawer\\"; again"\n  Assets:Cash  -25.00 USD\n' "$today")"
}

@test "a void reverses exactly: the voided payment's accounts are back where they were" {
	need_hledger
	e=$(visit 1)
	pay charge "$e" >/dev/null
	pay post pat-1 25.00 --method card --card-brand visa --last4 4242 \
	    --ref R1 --apply "$e" >/dev/null
	pay void pay-1 --reason mistake >/dev/null
	pay export --format hledger >"$BATS_TEST_TMPDIR/j.journal"
	# 150.00 charged to Aetna; the card's 25.00 in and out
	run -0 hledger -f "$BATS_TEST_TMPDIR/j.journal" balance -E \
	    CardClearing Insurance -O csv --no-total
	assert_output $'"account","balance"\n"Assets:CardClearing","0"\n"Assets:Receivable:Insurance:pyr-1","150.00 USD"'
	run -0 hledger_by_code "$BATS_TEST_TMPDIR/j.journal"
	assert_output "$(tb_by_code)"
}

@test "a refund from credit, and one reversing a payment, as pay trial-balance has them" {
	need_hledger
	need_beancount
	e=$(visit 2)
	pay charge "$e" >/dev/null
	pay post pat-2 200.00 --method cash >/dev/null
	# 50.00 credit back, then 30.00 more: what was paid is owed again
	pay refund pat-2 80.00 --method cash --reason 'over' >/dev/null
	assert_equal "$(tb_by_code)" "$(printf 'ar.patient 3000\ncash 12000\nrevenue -15000')"
	pay export --format beancount >"$BATS_TEST_TMPDIR/j.beancount"
	run -0 bean_by_code "$BATS_TEST_TMPDIR/j.beancount"
	assert_output "$(tb_by_code)"
	pay export --format hledger >"$BATS_TEST_TMPDIR/j.journal"
	run -0 hledger_by_code "$BATS_TEST_TMPDIR/j.journal"
	assert_output "$(tb_by_code)"
}

@test "--from and --to take the clinic's local days; to a day is as trial-balance --as-of it" {
	need_hledger
	need_beancount
	e=$(visit 2 2026-11-01)
	pay charge "$e" >/dev/null
	# 150.00 owed; 10.00 written off on 11-15 and 11-20 (by sqlite3)
	assert_equal "$(old_txn 2026-11-15) $(old_txn 2026-11-20)" "txn-2 txn-3"
	run -0 pay export --format hledger --from 2026-11-15 --to 2026-11-15
	assert_equal "$(grep '^[0-9]' <<<"$output")" \
	    "2026-11-15 * (txn-2) adjust"
	pay export --format hledger --to 2026-11-20 >"$BATS_TEST_TMPDIR/a"
	run -0 hledger_by_code "$BATS_TEST_TMPDIR/a"
	assert_output "$(printf 'ar.patient -2000\nwriteoff 2000')"
	assert_output "$(tb_by_code --as-of 2026-11-20)"
	pay export --format beancount --to 2026-11-20 >"$BATS_TEST_TMPDIR/b"
	run -0 bean_by_code "$BATS_TEST_TMPDIR/b"
	assert_output "$(tb_by_code --as-of 2026-11-20)"
	# the rest, from 11-21: the charge of today
	run -0 pay export --format hledger --from 2026-11-21
	assert_equal "$(grep -c '^[0-9]' <<<"$output")" 1
	# the two halves make the whole
	pay export --format hledger --from 2026-11-21 >>"$BATS_TEST_TMPDIR/a"
	run -0 hledger_by_code "$BATS_TEST_TMPDIR/a"
	assert_output "$(tb_by_code)"
	# 15:00 UTC on 11-20 is 10:00 in New York; in Tokyo, 00:00 on 11-21
	clinix config set clinic.timezone Asia/Tokyo 2>/dev/null ||
	    sed -i 's|^  timezone: .*|  timezone: "Asia/Tokyo"|' "$CLINIX_CONFIG"
	run -0 pay export --format hledger --from 2026-11-21 --to 2026-11-21
	assert_equal "$(grep '^[0-9]' <<<"$output")" \
	    "2026-11-21 * (txn-3) adjust"
}

@test "an empty ledger is an empty journal both tools accept" {
	need_hledger
	need_beancount
	run -0 --separate-stderr pay export --format hledger
	assert_output '; clinix pay export, hledger journal'
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/j.journal"
	run -0 hledger -f "$BATS_TEST_TMPDIR/j.journal" balance -O csv
	assert_output $'"account","balance"\n"total","0"'
	pay export --format beancount >"$BATS_TEST_TMPDIR/j.beancount"
	run -0 bean-check "$BATS_TEST_TMPDIR/j.beancount"
	assert_output ""
	# and a range with nothing in it
	e=$(visit 1)
	pay charge "$e" >/dev/null
	run -0 pay export --format beancount --to 2020-01-01
	assert_output $'; clinix pay export, beancount\noption "operating_currency" "USD"'
}

@test "amounts are in clinic.currency; a currency that is no ISO 4217 code is a config error" {
	e=$(visit 2)
	pay charge "$e" >/dev/null
	sed -i 's|^clinic:$|clinic:\n  currency: "EUR"|' "$CLINIX_CONFIG"
	run -0 pay export --format beancount
	assert_line 'option "operating_currency" "EUR"'
	assert_line '  Assets:Receivable:Patients:Pat-2  150.00 EUR'
	sed -i 's|currency: "EUR"|currency: "euro"|' "$CLINIX_CONFIG"
	run -78 --separate-stderr pay export --format hledger
	assert_output ""
	assert_regex "$stderr" "clinic.currency: 'euro': expected an ISO 4217 code"
}

@test "billing and admin only, audited; a bad --format or date is a usage error" {
	e=$(visit 1)
	pay charge "$e" >/dev/null
	run -0 env CLINIX_USER=boss pay export --format hledger
	assert_equal "$(last_audit)" "boss|pay.export|ok"
	run -77 --separate-stderr env CLINIX_USER=desk pay export --format hledger
	assert_output ""
	assert_equal "$(last_audit)" "desk|pay.export|denied"
	run -64 pay export --format ledger
	assert_line --index 0 "pay: --format: not a format 'ledger' (hledger, beancount)"
	run -64 --separate-stderr pay export
	assert_regex "$stderr" "--format hledger or --format beancount"
	run -64 --separate-stderr pay export --format hledger --from soon
	assert_regex "$stderr" "^pay: --from: not a date 'soon'"
}

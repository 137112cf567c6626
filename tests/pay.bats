load helper
load ledger

# pay: the double-entry ledger.  The worked examples below are computed by
# hand in the comments beside them; every refusal the issue lists writes
# nothing (the data, audit trail aside, stays the same); and after every
# test the trial balance is 0.00 and db verify finds each transaction
# closed and balanced (teardown).
#
# `chart open` and `chart sign` may not be on main yet, so a visit is put
# in with sqlite3 by visit() (tests/ledger.bash): the encounter, a diagnosis and the
# procedure lines first, the signature last (the triggers of 009 refuse
# any change to a signed encounter).

setup_file() { clinic_once clinic; }
setup() {
	clinic_copy
	export CLINIX_USER=bill
}
teardown() {
	[ -n "${BROKEN_ON_PURPOSE:-}" ] && return 0
	run -0 --separate-stderr pay trial-balance
	# every balance, summed in awk from what pay printed: 0.00
	assert_equal "$(awk -F'\t' '{ s += $4 * 100 } END { printf "%d", s }' \
	    <<<"$output")" 0
	assert_equal "$stderr" ""
	run -0 env CLINIX_USER=boss db verify
	assert_line --regexp $'^ledger\tok\t'
}

# Everything but the audit trail: "nothing written" is this staying put.
data() { sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum; }
# A trial-balance line: "account balance".
tb() { pay trial-balance | awk -F'\t' -v a="$1" '$1 == a { print $4 }'; }

# --- worked examples --------------------------------------------------------

@test "a visit of 150.00 with a 25.00 copay at checkout leaves 125.00 pending with insurance" {
	e=$(visit 1)
	run -0 --separate-stderr pay charge "$e"
	assert_output txn-1
	# charged to Aetna, pat-1 having coverage on 2026-12-01
	run -0 pay balance pat-1
	assert_output $'pat-1\t0.00\t150.00\t0.00'
	run -0 pay post pat-1 25.00 --method cash --apply "$e"
	assert_output pay-1
	# owes 0.00; insurance pending 150.00 - 25.00 = 125.00; no credit
	run -0 pay balance pat-1
	assert_output $'pat-1\t0.00\t125.00\t0.00'
	assert_equal "$(tb ar.insurance) $(tb cash) $(tb revenue)" \
	    "125.00 25.00 -150.00"
	# the ledger runs 150.00, then 125.00
	run -0 pay ledger pat-1
	assert_equal "$(cut -f1,3,4,5,6,7,8 <<<"$output")" \
	    "$(printf 'txn-1\tcharge\tar.insurance\t%s\t99213\t150.00\t150.00\ntxn-2\tpayment\tar.insurance\t%s\t99213\t-25.00\t125.00' "$e" "$e")"
	# and the day's drawer holds it
	run -0 pay deposit
	assert_line --index 0 --regexp $'^pay-1\t[^\t]*\tcash\t25.00\tpayment\tpat-1'
	assert_line $'total\t\tcash\t25.00\t\t\t\t\t\t'
	assert_line $'total\t\tcard\t0.00\t\t\t\t\t\t'
}

@test "charging is idempotent, at the fee in force on the date of service, times units" {
	pay fee set 99213 170.00 --from 2026-12-02 >/dev/null
	e=$(visit 2 2026-12-01 99213 99214)
	f=$(visit 2 2026-12-02 99213)
	run -0 pay charge "$e" "$f"
	assert_output $'txn-1\ntxn-2'
	# 150.00 + 100.00 on 12-01 (the old fee), 170.00 on 12-02
	run -0 pay balance pat-2
	assert_output $'pat-2\t420.00\t0.00\t0.00'
	before=$(data)
	run -0 --separate-stderr pay charge "$e" "$f"
	assert_output ""
	run -0 pay charge --day 2026-12-01
	assert_output ""
	assert_equal "$(data)" "$before"
	assert_equal "$(q 'SELECT count(*) FROM charge')" 3
}

@test "an overpayment becomes credit, and the credit is refunded" {
	e=$(visit 2)
	pay charge "$e" >/dev/null
	# owes 150.00, pays 200.00: 0.00 owed, 50.00 credit
	run -0 pay post pat-2 200.00 --method check --check-no 1042
	assert_output pay-1
	run -0 pay balance pat-2
	assert_output $'pat-2\t0.00\t0.00\t50.00'
	run -0 pay refund pat-2 50.00 --method check --check-no 77 --reason "overpaid"
	assert_output pay-2
	run -0 pay balance pat-2
	assert_output $'pat-2\t0.00\t0.00\t0.00'
	# checks: 200.00 in, 50.00 out
	assert_equal "$(tb check) $(tb credit)" "150.00 0.00"
	# more than credit (0.00) and payments (150.00) is refused
	before=$(data)
	run -65 --separate-stderr pay refund pat-2 150.01 --method cash --reason x
	assert_equal "$stderr" "pay: a refund of 150.01 is more than pat-2's credit (0.00) and payments (150.00)"
	assert_equal "$(data)" "$before"
	# a refund of what was paid makes it owed again
	run -0 pay refund pat-2 150.00 --method cash --reason "changed mind"
	run -0 pay balance pat-2
	assert_output $'pat-2\t150.00\t0.00\t0.00'
}

@test "a void reverses a payment exactly, the original stays, and it is voided once" {
	e=$(visit 2)
	pay charge "$e" >/dev/null
	pay post pat-2 40.00 --method cash >/dev/null		# pay-1, txn-2
	run -0 pay balance pat-2
	assert_output $'pat-2\t110.00\t0.00\t0.00'
	run -0 pay void pay-1 --reason "wrong patient"
	assert_output txn-3
	run -0 pay balance pat-2
	assert_output $'pat-2\t150.00\t0.00\t0.00'
	# every posting of txn-2 negated in txn-3, and txn-2 untouched
	assert_equal "$(q 'SELECT account, -amount, patient_id, ifnull(proc_id, 0)
	    FROM posting WHERE txn_id = 2 ORDER BY id')" \
	    "$(q 'SELECT account, amount, patient_id, ifnull(proc_id, 0)
	    FROM posting WHERE txn_id = 3 ORDER BY id')"
	assert_equal "$(q 'SELECT count(*) FROM posting WHERE txn_id = 2')" 2
	assert_equal "$(q 'SELECT reverses, memo FROM txn WHERE id = 3')" "2|wrong patient"
	before=$(data)
	run -65 --separate-stderr pay void pay-1 --reason again
	assert_equal "$stderr" "pay: txn-2 was voided already, by txn-3"
	run -65 --separate-stderr pay void txn-3 --reason again
	assert_equal "$stderr" "pay: txn-3 is a void: it cannot be voided"
	run -65 --separate-stderr pay void pay-9 --reason x
	assert_equal "$stderr" "pay: no payment 'pay-9'"
	assert_equal "$(data)" "$before"
	# a charge voids as well
	run -0 pay void txn-1 --reason "billed in error"
	run -0 pay balance pat-2
	assert_output $'pat-2\t0.00\t0.00\t0.00'
}

@test "adjustments write off what is owed, never more" {
	e=$(visit 2)
	pay charge "$e" >/dev/null
	run -0 pay adjust pat-2 20.00 --reason courtesy --apply "$e"
	assert_output txn-2
	run -0 pay adjust pat-2 30.00 --reason baddebt
	run -0 pay balance pat-2
	assert_output $'pat-2\t100.00\t0.00\t0.00'
	assert_equal "$(tb writeoff) $(tb baddebt)" "20.00 30.00"
	before=$(data)
	run -65 --separate-stderr pay adjust pat-2 100.01 --reason writeoff
	assert_equal "$stderr" "pay: an adjustment of 100.01 is more than pat-2 owes (100.00)"
	run -64 --separate-stderr pay adjust pat-2 1.00 --reason gift
	assert_equal "$(data)" "$before"
}

@test "8 concurrent payments for one patient lose nothing" {
	e=$(visit 2)
	pay charge "$e" >/dev/null
	local pids=() i
	for i in 1 2 3 4 5 6 7 8; do
		pay post pat-2 10.0$i --method cash >"$BATS_TEST_TMPDIR/out.$i" \
		    2>&1 &
		pids+=($!)
	done
	for i in "${pids[@]}"; do
		wait "$i" || fail "a pay post failed: $(cat "$BATS_TEST_TMPDIR"/out.*)"
	done
	# 80.36 paid (10.01 + ... + 10.08): 150.00 - 80.36 = 69.64 owed
	run -0 pay balance pat-2
	assert_output $'pat-2\t69.64\t0.00\t0.00'
	assert_equal "$(q 'SELECT count(*), sum(amount) FROM payment')" "8|8036"
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/out.* | sort | tr '\n' ' ')" \
	    "pay-1 pay-2 pay-3 pay-4 pay-5 pay-6 pay-7 pay-8 "
}

# --- bad input: a clear error, and nothing written --------------------------

@test "amounts: 0, negative, 12.345, 1e3 and above 1,000,000.00 are refused" {
	before=$(data)
	run -65 --separate-stderr pay post pat-1 0 --method cash
	assert_equal "$stderr" "pay: AMOUNT: 0 is out of range: more than 0.00, at most 1000000.00"
	# a negative amount after "--" (before it, -5.00 reads as options: 64)
	run -65 --separate-stderr pay post pat-1 --method cash -- -5.00
	assert_equal "$stderr" "pay: AMOUNT: -5.00 is out of range: more than 0.00, at most 1000000.00"
	run -64 pay post pat-1 -5.00 --method cash
	run -64 --separate-stderr pay post pat-1 12.345 --method cash
	assert_equal "${stderr_lines[0]}" "pay: AMOUNT: not an amount of money '12.345' (write 12.50)"
	run -64 --separate-stderr pay post pat-1 1e3 --method cash
	assert_equal "${stderr_lines[0]}" "pay: AMOUNT: not an amount of money '1e3' (write 12.50)"
	run -65 pay post pat-1 1000000.01 --method cash
	run -0 pay post pat-1 1000000.00 --method cash
	run -65 pay adjust pat-1 0.00 --reason writeoff
	run -64 pay refund pat-1 1e3 --method cash --reason x
	run -65 pay fee set 99213 0
	run -64 pay fee set 99213 12.345
	# the one that was right is the only change
	assert_equal "$(q 'SELECT count(*), sum(amount) FROM payment')" "1|100000000"
	run -0 pay void pay-1 --reason "test"
}

@test "a card number is refused in --memo, --ref, --check-no and --reason, with spaces and dashes too" {
	before=$(data)
	for pan in 4111111111111111 "4111 1111 1111 1111" "4111-1111-1111-1111" \
	    378282246310005; do
		run -65 --separate-stderr pay post pat-1 5.00 --method cash --memo "card $pan"
		assert_equal "$stderr" "pay: --memo: looks like a card number; clinix never stores one"
		run -65 --separate-stderr pay post pat-1 5.00 --method card \
		    --card-brand visa --last4 1111 --ref "$pan"
		assert_equal "$stderr" "pay: --ref: looks like a card number; clinix never stores one"
		run -65 pay post pat-1 5.00 --method check --check-no "$pan"
		run -65 pay refund pat-1 5.00 --method cash --reason "$pan"
		run -65 pay void pay-1 --reason "$pan"
	done
	assert_equal "$(data)" "$before"
	# a phone number, an NPI, an amount are no card numbers
	run -0 pay post pat-1 5.00 --method cash --memo "call 617-555-0142, NPI $NPI1, 1500.00"
}

@test "card details: --last4 of five digits, an unknown method or brand, card fields without card" {
	before=$(data)
	run -65 --separate-stderr pay post pat-1 5.00 --method card --card-brand visa --last4 12345 --ref R1
	assert_equal "$stderr" "pay: --last4: '12345' is not four digits"
	run -64 --separate-stderr pay post pat-1 5.00 --method bitcoin
	assert_equal "${stderr_lines[0]}" "pay: --method: not a method 'bitcoin' (cash, check or card)"
	run -64 pay post pat-1 5.00
	run -64 pay post pat-1 5.00 --method card --card-brand diners --last4 1111 --ref R1
	run -64 pay post pat-1 5.00 --method card --last4 1111
	run -64 pay post pat-1 5.00 --method cash --last4 1111
	run -64 pay post pat-1 5.00 --method cash --check-no 12
	assert_equal "$(data)" "$before"
	run -0 pay post pat-1 5.00 --method card --card-brand amex --last4 0005 --ref ch_3Nq
	assert_equal "$(q 'SELECT method, card_brand, last4, ref FROM payment')" "card|amex|0005|ch_3Nq"
}

@test "applying to another patient's encounter, charging an unsigned one or a line with no fee: 65, nothing written" {
	e=$(visit 1)
	before=$(data)
	run -65 --separate-stderr pay post pat-2 5.00 --method cash --apply "$e"
	assert_equal "$stderr" "pay: --apply: $e is not an encounter of pat-2"
	run -65 pay adjust pat-2 5.00 --reason writeoff --apply "$e"
	# unsigned: an encounter with a line, not signed
	u=$(sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id, provider_id,
	    start_at, created_at, created_by) VALUES (2, 1, '2026-12-01T14:30:00Z',
	    '2026-12-01T14:30:00Z', 'doc'); SELECT last_insert_rowid()")
	sqlite3 "$CLINIX_DB" "INSERT INTO encounter_dx VALUES ($u, 1, 'E119', NULL);
	    INSERT INTO encounter_proc (encounter_id, system, code, units, dx,
	    created_at, created_by) VALUES ($u, 'cpt', '99213', 1, '1',
	    '2026-12-01T14:30:00Z', 'doc')"
	before=$(data)
	run -65 --separate-stderr pay charge enc-$u
	assert_equal "$stderr" "pay: enc-$u prc-2: the encounter is not signed: sign it first (chart sign)"
	n=$(visit 2 2026-12-01 99213 99215)
	run -65 --separate-stderr pay charge "$n"
	assert_equal "$stderr" "pay: $n prc-4: no fee for 99215 on 2026-12-01 (pay fee set)"
	# and a day before the schedule starts
	o=$(visit 2 2025-12-31)
	run -65 --separate-stderr pay charge "$o"
	assert_equal "$stderr" "pay: $o prc-5: no fee for 99213 on 2025-12-31 (pay fee set)"
	assert_equal "$(q 'SELECT count(*) FROM txn')" 0
	assert_equal "$(q 'SELECT count(*) FROM charge')" 0
	# --day goes on past the bad ones, charging the good, and says 65
	run -65 --separate-stderr pay charge --day 2026-12-01
	assert_output txn-1
	assert_equal "$(q 'SELECT group_concat(proc_id) FROM charge')" 1
}

@test "the schema refuses a posting's update or delete, an unbalanced or pre-closed transaction" {
	e=$(visit 2)
	pay charge "$e" >/dev/null
	before=$(data)
	run ! sqlite3 "$CLINIX_DB" "UPDATE posting SET amount = 1 WHERE id = 1"
	assert_output --partial "ledger: postings are never changed"
	run ! sqlite3 "$CLINIX_DB" "DELETE FROM posting"
	assert_output --partial "ledger: postings are never deleted"
	run ! sqlite3 "$CLINIX_DB" "UPDATE txn SET memo = 'x'"
	assert_output --partial "ledger: transactions are never changed"
	run ! sqlite3 "$CLINIX_DB" "INSERT INTO posting (txn_id, account, amount)
	    VALUES (1, 'cash', 5)"
	assert_output --partial "ledger: transaction closed"
	run ! sqlite3 "$CLINIX_DB" "INSERT INTO txn (at, kind, who, closed)
	    VALUES ('2026-12-01T10:00:00Z', 'payment', 'x', 1)"
	assert_output --partial "ledger: a transaction is closed after its postings"
	# one SQL transaction, as lib/ledger.c writes: closing refuses it
	run ! sqlite3 -bail "$CLINIX_DB" "BEGIN;
	    INSERT INTO txn (at, kind, who) VALUES ('2026-12-01T10:00:00Z',
	    'payment', 'x');
	    INSERT INTO posting (txn_id, account, amount) VALUES
	    (last_insert_rowid(), 'cash', 100);
	    INSERT INTO posting (txn_id, account, amount, patient_id) VALUES
	    ((SELECT max(id) FROM txn), 'credit', -99, 2);
	    UPDATE txn SET closed = 1 WHERE id = (SELECT max(id) FROM txn);
	    COMMIT;"
	assert_output --partial "ledger: transaction does not balance"
	assert_equal "$(data)" "$before"
}

@test "a transaction left open by hand is caught by db verify and pay trial-balance" {
	cp "$CLINIX_DB" "$BATS_TEST_TMPDIR/good.db"
	sqlite3 "$CLINIX_DB" "INSERT INTO txn (at, kind, who) VALUES
	    ('2026-12-01T10:00:00Z', 'payment', 'x');
	    INSERT INTO posting (txn_id, account, amount) VALUES (1, 'cash', 100)"
	run -1 env CLINIX_USER=boss db verify
	assert_line $'ledger\tFAILED\ttxn-1: never closed'
	run -70 --separate-stderr pay trial-balance
	assert_equal "$stderr" "pay: THE LEDGER IS BROKEN: its postings sum to 1.00, not 0.00 (db verify names the transaction)"
	cp "$BATS_TEST_TMPDIR/good.db" "$CLINIX_DB"
	rm -f "$CLINIX_DB-wal" "$CLINIX_DB-shm"
}

# --- fees ------------------------------------------------------------------

@test "fee set, list and import: all or nothing" {
	run -0 pay fee set 99213 80.00 --payer Aetna --from 2026-01-01
	assert_output fee-3
	cat >"$BATS_TEST_TMPDIR/fees.csv" <<-EOF
	code,amount,payer,from
	99395,210.00,,2026-01-01
	G0438,175.50,Aetna,2026-06-01
	EOF
	run -0 pay fee import "$BATS_TEST_TMPDIR/fees.csv"
	run -0 pay fee list
	assert_output "$(printf '%s\n' $'fee-1\t99213\t\t2026-01-01\t150.00' \
	    $'fee-3\t99213\tAetna\t2026-01-01\t80.00' \
	    $'fee-2\t99214\t\t2026-01-01\t100.00' \
	    $'fee-4\t99395\t\t2026-01-01\t210.00' \
	    $'fee-5\tG0438\tAetna\t2026-06-01\t175.50')"
	# a payer's row is not what is charged
	e=$(visit 2 2026-12-01)
	pay charge "$e" >/dev/null
	run -0 pay balance pat-2
	assert_output $'pat-2\t150.00\t0.00\t0.00'
	cat >"$BATS_TEST_TMPDIR/bad.csv" <<-EOF
	code,amount,payer,from
	99396,190.00,,2026-01-01
	9939,190.00,,2026-01-01
	99397,1e3,,2026-01-01
	99398,50.00,Nobody,2026-01-01
	EOF
	before=$(data)
	run -65 pay fee import "$BATS_TEST_TMPDIR/bad.csv"
	assert_line --partial "bad.csv:3: '9939': not a CPT code"
	assert_line "pay: $BATS_TEST_TMPDIR/bad.csv:4: amount: not an amount of money '1e3' (write 12.50)"
	assert_line "pay: no payer 'Nobody' (add it with 'patient payer add')"
	assert_equal "$(data)" "$before"
}

# --- roles -----------------------------------------------------------------

@test "role matrix: frontdesk takes payments and small adjustments; refunds, voids, charges, fees and big adjustments are billing's and admin's; 77 audited" {
	need_root
	# 600.00 owed, 60.00 paid: room for every adjustment and refund below
	e=$(visit 2 2026-12-01 99213 99213 99213 99213)
	pay charge "$e" >/dev/null
	pay post pat-2 60.00 --method cash >/dev/null		# pay-1
	# verb|arguments|who may (f frontdesk, b billing, a admin)
	local verbs=(
		"post|pat-2 1.00 --method cash|fba"
		"adjust|pat-2 50.00 --reason courtesy|fba"
		"adjust|pat-2 50.01 --reason courtesy|ba"
		"refund|pat-2 1.00 --method cash --reason r|ba"
		"void|pay-1 --reason r|ba"
		"charge|$e|ba"
		"fee set|99213 160.00|ba"
		"fee list||fba"
		"balance|pat-2|fba"
		"ledger|pat-2|fba"
		"deposit||fba"
		"trial-balance||ba"
	)
	for v in "${verbs[@]}"; do
		IFS='|' read -r verb args may <<<"$v"
		for role in admin frontdesk billing nurse provider; do
			case $role in
			admin) user=boss r=a ;; frontdesk) user=desk r=f ;;
			billing) user=bill r=b ;; nurse) user=nina r=n ;;
			provider) user=doc r=p ;;
			esac
			want=77
			[[ $may == *$r* ]] && want=0
			# void: only the first that may does it; again is 65
			[ "$verb" = void ] && [ "$want" = 0 ] &&
			    [ "$(q 'SELECT count(*) FROM txn WHERE kind = "void"')" = 1 ] &&
			    want=65
			before=$(data)
			run --separate-stderr env CLINIX_USER=$user pay $verb $args
			[ "$status" -eq "$want" ] ||
			    fail "$role: pay $verb $args: exit $status, not $want: $stderr"
			if [ "$want" -eq 77 ]; then
				assert_equal "$(last_audit)" "$user|pay.${verb// /.}|denied"
				assert_equal "$(data)" "$before"
			fi
		done
	done
}

# --- pay card ----------------------------------------------------------------

# card_cmd BODY: the clinic's card command is a script running BODY after
# it copies its stdin to $BATS_TEST_TMPDIR/card.in, the proof that it ran;
# pay.card_timeout is 1 s, so a hanging one is killed soon.  The pay
# section is the config's last, replaced each time.
card_cmd() {
	local f=$BATS_TEST_TMPDIR/card-cmd
	sed -i '/^pay:/,$d' "$CLINIX_CONFIG"
	printf '#!/bin/sh\ncat >"%s"\n%s\n' "$BATS_TEST_TMPDIR/card.in" "$1" >"$f"
	chmod 755 "$f"
	printf 'pay:\n  card_command: [%s]\n  card_timeout: 1\n' "$f" \
	    >>"$CLINIX_CONFIG"
}

@test "pay card posts what the terminal answers, applied to the visit" {
	card_cmd 'echo "ref=ch_3Nq9 brand=visa last4=4242"'
	e=$(visit 1)
	pay charge "$e" >/dev/null
	run -0 --separate-stderr env CLINIX_USER=desk pay card pat-1 25.00 --apply "$e"
	assert_output pay-1
	assert_equal "$(cat "$BATS_TEST_TMPDIR/card.in")" $'amount=25.00\ndescription=payment pat-1'
	assert_equal "$(q 'SELECT method, amount, card_brand, last4, ref FROM payment')" \
	    "card|2500|visa|4242|ch_3Nq9"
	run -0 pay balance pat-1
	assert_output $'pat-1\t0.00\t125.00\t0.00'
	assert_equal "$(tb card)" 25.00
}

@test "pay card: declined, down, hanging or garbage posts nothing; another patient's visit is refused before the card is run" {
	e=$(visit 1)
	pay charge "$e" >/dev/null
	before=$(data)
	run -78 --separate-stderr pay card pat-1 5.00
	card_cmd 'echo "card declined" >&2; exit 1'
	run -65 pay card pat-2 5.00 --apply "$e"
	[ ! -e "$BATS_TEST_TMPDIR/card.in" ] || fail "the card command ran"
	run -65 --separate-stderr pay card pat-1 5.00
	assert_output ""
	[[ $stderr == *"card declined"* ]] || fail "stderr: $stderr"
	[ -e "$BATS_TEST_TMPDIR/card.in" ] || fail "the card command never ran"
	assert_equal "$(data)" "$before"
	# exit status: gateway down 75, killed past the timeout 75, garbage
	# or a card number in the answer 70
	local c
	for c in '75|exit 75' '75|exec sleep 30' '70|echo "ok thanks"' \
	    '70|echo "ref=r1 brand=visa last4=4242 pan=4111111111111111"'; do
		card_cmd "${c#*|}"
		run "-${c%%|*}" pay card pat-1 5.00
	done
	assert_equal "$(data)" "$before"
	assert_equal "$(q 'SELECT count(*) FROM payment')" 0
}

@test "a payment whose credit was refunded is voided only after the refund: credit never goes below 0" {
	e=$(visit 2)
	pay charge "$e" >/dev/null
	pay post pat-2 200.00 --method cash >/dev/null		# pay-1: 50.00 credit
	pay refund pat-2 50.00 --method cash --reason overpaid >/dev/null	# pay-2
	run -0 pay balance pat-2
	assert_output $'pat-2\t0.00\t0.00\t0.00'
	before=$(data)
	run -65 --separate-stderr pay void pay-1 --reason "bounced"
	assert_equal "$stderr" "pay: txn-2 gave pat-2 50.00 of credit, of which 0.00 is left (refunded or applied since): void that first"
	assert_equal "$(data)" "$before"
	# the refund voided first, the payment may go: 150.00 owed again
	run -0 pay void pay-2 --reason "refund sent by mistake"
	run -0 pay void pay-1 --reason "bounced"
	run -0 pay balance pat-2
	assert_output $'pat-2\t150.00\t0.00\t0.00'
}

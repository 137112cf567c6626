load helper

# Many `sched book` processes at once on one database: the double-booking
# rule is held by the database (triggers, BEGIN IMMEDIATE), so of twenty
# bookings of one slot exactly one wins and the others name it; twenty
# bookings of twenty slots all go in, none lost, none busy (75).

N=20

setup() {
	clinix_env
	clinix init --clinic-name Test >/dev/null
	provider add --name "Maria Chen" --npi 1234567893 --taxonomy 207Q00000X >/dev/null
	provider hours prv-1 mon-fri 08:00-12:00,13:00-17:00 >/dev/null
	# pat-1..pat-20, all different people
	{
		echo "first,last,dob"
		for i in $(seq "$N"); do
			printf 'Pat,%s,1980-01-%02d\n' \
			    "$(printf "\\x$(printf %x $((64 + i)))")oe" "$i"
		done
	} >"$BATS_TEST_TMPDIR/people.csv"
	patient import "$BATS_TEST_TMPDIR/people.csv" >/dev/null
	[ "$(sqlite3 "$CLINIX_DB" 'select count(*) from patient')" -eq "$N" ]
}

# go I AT: say it is ready (ready.I), wait (at most 60 s) for the start
# flag, then book pat-I with prv-1 at AT for 10 minutes; exit code to
# rc.I, output to out.I and err.I.
go() {
	local i=$1 rc=0 n=0
	touch "$BATS_TEST_TMPDIR/ready.$i"
	while [ ! -e "$BATS_TEST_TMPDIR/start" ]; do
		((++n < 6000)) || { echo "no start flag" >"$BATS_TEST_TMPDIR/err.$i"; return; }
		sleep 0.01
	done
	sched book "pat-$i" --provider prv-1 --at "$2" --length 10m \
	    >"$BATS_TEST_TMPDIR/out.$i" 2>"$BATS_TEST_TMPDIR/err.$i" || rc=$?
	echo "$rc" >"$BATS_TEST_TMPDIR/rc.$i"
}

# Start N bookers, AT given per I by the function named $1, all at once.
race() {
	local i pids=()
	for i in $(seq "$N"); do
		go "$i" "$("$1" "$i")" 3>&- &
		pids+=("$!")
	done
	# all at the start line, then off at once
	wait_for 60 all_ready
	touch "$BATS_TEST_TMPDIR/start"
	for p in "${pids[@]}"; do
		wait "$p"
	done
}

all_ready() {
	local f n=0
	for f in "$BATS_TEST_TMPDIR"/ready.*; do
		[ -e "$f" ] && n=$((n + 1))
	done
	[ "$n" -eq "$N" ]
}

same_slot() { echo 2030-12-02T09:30; }
# 08:00, 08:10, ... 11:10: twenty back-to-back slots in the morning
own_slot() { date -d "2030-12-02 08:00 $((($1 - 1) * 10)) minutes" +%Y-%m-%dT%H:%M; }

@test "$N processes booking the same slot: exactly one wins, the others name it" {
	race same_slot
	local i winner= ok=0 taken=0
	for i in $(seq "$N"); do
		case $(cat "$BATS_TEST_TMPDIR/rc.$i") in
		0)
			ok=$((ok + 1)) winner=$i
			assert_equal "$(cat "$BATS_TEST_TMPDIR/out.$i")" "apt-1"
			assert_equal "$(cat "$BATS_TEST_TMPDIR/err.$i")" ""
			;;
		65)
			taken=$((taken + 1))
			assert_equal "$(cat "$BATS_TEST_TMPDIR/out.$i")" ""
			assert_equal "$(cat "$BATS_TEST_TMPDIR/err.$i")" \
			    "sched: slot taken by apt-1 (2030-12-02T09:30-09:40)"
			;;
		*)
			fail "booker $i exited $(cat "$BATS_TEST_TMPDIR/rc.$i"): $(cat "$BATS_TEST_TMPDIR/err.$i")"
			;;
		esac
	done
	assert_equal "$ok" 1
	assert_equal "$taken" $((N - 1))
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select count(*) from appointment')" 1
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select id, patient_id, start_at from appointment')" \
	    "1|$winner|2030-12-02T14:30:00Z"
	# one booking, one audit row for it; the chain holds
	assert_equal "$(sqlite3 "$CLINIX_DB" "select count(*) from audit where action = 'sched.book' and outcome = 'ok'")" 1
	run -0 audit verify
}

@test "$N processes booking $N different slots all succeed: nothing lost, nothing busy" {
	race own_slot
	local i ids=
	for i in $(seq "$N"); do
		assert_equal "$(cat "$BATS_TEST_TMPDIR/rc.$i")" 0
		assert_equal "$(cat "$BATS_TEST_TMPDIR/err.$i")" ""
		ids+="$(cat "$BATS_TEST_TMPDIR/out.$i") "
	done
	# twenty distinct ids, apt-1 to apt-20
	assert_equal "$(tr ' ' '\n' <<<"$ids" | grep . | sort -t- -k2n | tr '\n' ' ')" \
	    "$(for i in $(seq "$N"); do printf 'apt-%d ' "$i"; done)"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'select count(*) from appointment')" "$N"
	# each patient got the slot asked for
	run -0 sqlite3 "$CLINIX_DB" "select count(*) from appointment
	    where start_at = strftime('%Y-%m-%dT%H:%M:%SZ', '2030-12-02T13:00:00Z',
	    '+' || ((patient_id - 1) * 10) || ' minutes')"
	assert_output "$N"
	run -0 sched list --day 2030-12-02
	assert_equal "${#lines[@]}" "$N"
	assert_equal "$(sqlite3 "$CLINIX_DB" "select count(*) from audit where action = 'sched.book' and outcome = 'ok'")" "$N"
	run -0 audit verify
}

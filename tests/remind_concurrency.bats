load helper
load mailpath

# remind: exactly once when runs overlap, and at least once (at most the
# one in flight twice) when a run is killed between claim and mark.
# Every run is given --at; the visits are in 2030.  TZ is New York.

# The clinic every test starts from (made once, copied for each test):
# prv-1 Maria Chen, MD; 60 patients pat-1..pat-60 who take SMS, at
# +1 212 555 0200..0259; 20 of them (pat-61..pat-80) who take email, at
# p61@example.com..p80@example.com; no visits.
setup_file() {
	local dir=$BATS_FILE_TMPDIR/clinic i
	(
		file_clinic_env
		clinix init --clinic-name "Maple Clinic" --phone "+1 212 555 0199"
		provider add --name "Maria Chen" --npi "$NPI1" \
		    --taxonomy 207Q00000X --credential MD
		{
			echo "first,last,dob,phone,email,sms_consent,email_consent,channel"
			for i in $(seq 60); do
				printf 'P%d,Sms,1980-01-01,+1212555%04d,,yes,,sms\n' \
				    "$i" $((199 + i))
			done
			for i in $(seq 61 80); do
				printf 'P%d,Mail,1980-01-01,,p%d@example.com,,yes,email\n' \
				    "$i" "$i"
			done
		} >"$dir/patients.csv"
		patient import "$dir/patients.csv"
		[ "$(sqlite3 "$CLINIX_DB" "select count(*) from patient where channel = 'sms'")" -eq 60 ]
	) >/dev/null
	# An SMS command that takes a while: sleeps $SMS_SLEEP (0.3 s), then
	# tools/sms-record.  With $SMS_HOLD=N, call N instead says it is in
	# flight ($SMS_LOG.held), waits (at most 60 s) for $SMS_LOG.go, records,
	# and says it is done ($SMS_LOG.done): the kill tests kill remind while
	# it waits on that call, and wait for the events, not for a time.
	mkdir -p "$BATS_FILE_TMPDIR/bin"
	cat >"$BATS_FILE_TMPDIR/bin/sms-slow" <<-EOF
	#!/bin/sh
	echo call >>"\$SMS_LOG.calls"
	if [ "\$(wc -l <"\$SMS_LOG.calls")" = "\${SMS_HOLD:-}" ]; then
		touch "\$SMS_LOG.held"
	$(gate_sh '$SMS_LOG.go')
		"$BATS_TEST_DIRNAME/tools/sms-record" "\$@"
		rc=\$?
		touch "\$SMS_LOG.done"
		exit \$rc
	fi
	sleep "\${SMS_SLEEP:-0.3}"
	exec "$BATS_TEST_DIRNAME/tools/sms-record" "\$@"
	EOF
	chmod +x "$BATS_FILE_TMPDIR/bin/sms-slow"
}

setup() {
	clinic_copy
	cp "$CLINIX_CONFIG" "$CLINIX_CONFIG.base"
	export SMS_LOG=$BATS_TEST_TMPDIR/sms.log
	unset SMS_EXIT SMS_FAIL_FILE SMS_SLEEP SMS_HOLD
}

teardown() {
	smtp_stop
}

# remind_config SENDMAIL SMS_COMMAND [LINE ...]: the clinic's config and a
# remind section.
remind_config() {
	local sendmail=$1 sms=$2 l
	shift 2
	{
		cat "$CLINIX_CONFIG.base"
		echo "remind:"
		echo '  from: "Maple Clinic <desk@maple.example>"'
		echo "  sendmail: \"$sendmail\""
		echo "  sms_command: [$sms]"
		for l in "$@"; do
			printf '  %s\n' "$l"
		done
	} >"$CLINIX_CONFIG"
}

# visits FIRST LAST: pat-FIRST..pat-LAST booked with prv-1 on 2030-12-03,
# 10 minutes each from 07:00 on (their 48h reminders are all due by
# 2030-12-01T17:00).  Imported: one transaction, no checks of hours.
visits() {
	local i t=$((7 * 60))
	{
		echo "patient,provider,start,length"
		for i in $(seq "$1" "$2"); do
			printf 'pat-%d,prv-1,2030-12-03T%02d:%02d,10m\n' "$i" \
			    $((t / 60)) $((t % 60))
			t=$((t + 10))
		done
	} >"$BATS_TEST_TMPDIR/visits.csv"
	sched import "$BATS_TEST_TMPDIR/visits.csv" >/dev/null ||
	    fail "could not import the visits"
}

q() { sqlite3 -separator ' ' "$CLINIX_DB" "$1"; }

# The numbers the SMS went to (the last argument), one a line, sorted;
# how many there are is sms_count (helper.bash).  No log is a failure,
# not an empty list: the fake never ran.
sms_numbers() {
	if [ ! -f "$SMS_LOG" ]; then
		echo "no $SMS_LOG: tools/sms-record never ran"
		return 1
	fi
	awk 'BEGIN { first = 1 } first { n = split($0, a, "\t"); print a[n];
	    first = 0; next } $0 == "--END--" { first = 1 }' "$SMS_LOG" | sort
}

# at_once N CMD [ARG ...]: N runs of CMD at once, run I's stdout in
# runI.out and its stderr in runI.err (stdin each its own open of
# $AT_ONCE_IN when set); each must exit 0 and say nothing on stderr.
at_once() {
	local n=$1 i pids=() rc
	shift
	for ((i = 1; i <= n; i++)); do
		if [ -n "${AT_ONCE_IN:-}" ]; then
			"$@" <"$AT_ONCE_IN" >"$BATS_TEST_TMPDIR/run$i.out" \
			    2>"$BATS_TEST_TMPDIR/run$i.err" 3>&- &
		else
			"$@" >"$BATS_TEST_TMPDIR/run$i.out" \
			    2>"$BATS_TEST_TMPDIR/run$i.err" 3>&- &
		fi
		pids+=($!)
	done
	for ((i = 1; i <= n; i++)); do
		rc=0
		wait "${pids[i - 1]}" || rc=$?
		assert_equal "run $i: $rc $(cat "$BATS_TEST_TMPDIR/run$i.err")" "run $i: 0 "
	done
}

@test "4 runs at once: 60 SMS reminders, each sent exactly once" {
	remind_config "/bin/false" "$BATS_TEST_DIRNAME/tools/sms-record"
	visits 1 60
	run -0 remind due --at 2030-12-01T17:00
	assert_equal "${#lines[@]}" 60
	at_once 4 remind send --at 2030-12-01T17:00 -v
	local i
	# every run said what it sent; together, 60
	local total=0 n
	for i in 1 2 3 4; do
		n=$(sed -n 's/^sent 0 email, \([0-9]*\) sms, 0 failed$/\1/p' \
		    "$BATS_TEST_TMPDIR/run$i.out")
		[ -n "$n" ] || fail "run $i: $(cat "$BATS_TEST_TMPDIR/run$i.out")"
		total=$((total + n))
	done
	assert_equal "$total" 60
	assert_equal "$(sms_count)" 60
	assert_equal "$(sms_numbers | uniq | wc -l)" 60
	assert_equal "$(sms_numbers | uniq -d)" ""
	assert_equal "$(sms_numbers | head -1) $(sms_numbers | tail -1)" \
	    "+12125550200 +12125550259"
	assert_equal "$(q "select status, count(*), count(distinct key) from reminder group by status")" \
	    "sent 60 60"
	# and nothing more on a rerun
	run -0 remind send --at 2030-12-01T17:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	run -1 remind due --at 2030-12-01T17:00
	assert_equal "$(sms_count)" 60
}

@test "6 loops of runs with --limit 4, interleaved: 60 SMS, each exactly once" {
	remind_config "/bin/false" "$BATS_TEST_DIRNAME/tools/sms-record"
	visits 1 60
	local i pids=() rc
	for i in 1 2 3 4 5 6; do
		(
			for _ in $(seq 40); do
				out=$(remind send --at 2030-12-01T17:00 --limit 4 -v) ||
				    { echo "exit $?" >&2; exit 1; }
				echo "$out"
				[ "$out" = "sent 0 email, 0 sms, 0 failed" ] && exit 0
			done
			echo "still sending after 40 runs" >&2
			exit 1
		) >"$BATS_TEST_TMPDIR/loop$i.out" 2>"$BATS_TEST_TMPDIR/loop$i.err" 3>&- &
		pids+=($!)
	done
	for i in 1 2 3 4 5 6; do
		rc=0
		wait "${pids[i - 1]}" || rc=$?
		assert_equal "loop $i: $rc $(cat "$BATS_TEST_TMPDIR/loop$i.err")" "loop $i: 0 "
	done
	local total
	total=$(cat "$BATS_TEST_TMPDIR"/loop*.out |
	    sed -n 's/^sent 0 email, \([0-9]*\) sms, 0 failed$/\1/p' | awk '{ s += $1 } END { print s + 0 }')
	assert_equal "$total" 60
	assert_equal "$(sms_count)" 60
	assert_equal "$(sms_numbers | uniq -d)" ""
	assert_equal "$(sms_numbers | uniq | wc -l)" 60
	assert_equal "$(q "select status, count(*) from reminder group by status")" "sent 60"
}

@test "4 runs at once through the real mail path: 20 emails and 20 SMS, each once" {
	smtp_start
	remind_config "$MSMTP_CMD" "$BATS_TEST_DIRNAME/tools/sms-record"
	visits 41 80		# pat-41..60 by SMS, pat-61..80 by email
	at_once 4 remind send --at 2030-12-01T17:00
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/run*.out)" ""
	# no more can come: the sink stores a message before it answers 250,
	# and every run has exited, its msmtp answered
	assert_equal "$(ls "$SMTP_DIR"/*.eml | wc -l)" 20
	assert_equal "$(cat "$SMTP_DIR"/*.env | grep -c '^RCPT TO:')" 20
	assert_equal "$(cat "$SMTP_DIR"/*.env | sed -n 's/^RCPT TO:<\([^>]*\)>.*/\1/p' | sort -u | wc -l)" 20
	assert_equal "$(sms_count)" 20
	assert_equal "$(sms_numbers | uniq -d)" ""
	assert_equal "$(q "select channel, status, count(*) from reminder group by channel, status")" \
	    "email sent 20
sms sent 20"
	# every Message-ID its own
	assert_equal "$(cat "$SMTP_DIR"/*.eml | grep -i '^Message-ID:' | sort -u | wc -l)" 20
}

@test "a run killed mid-way: its claims wait for the lease, then every reminder goes, at most one twice" {
	remind_config "/bin/false" "$BATS_FILE_TMPDIR/bin/sms-slow" "lease_minutes: 1"
	visits 1 20
	export SMS_HOLD=4
	remind send --at 2030-12-01T17:00 >/dev/null 2>"$BATS_TEST_TMPDIR/killed.err" 3>&- &
	local pid=$!
	# three sent, the fourth in flight: remind waits on it
	wait_for 60 test -e "$SMS_LOG.held"
	kill -0 "$pid" 2>/dev/null || fail "the run ended before it could be killed"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null || :
	# the SMS command it had started finishes
	touch "$SMS_LOG.go"
	wait_for 60 test -e "$SMS_LOG.done"
	unset SMS_HOLD
	local first sent
	first=$(sms_count)
	sent=$(q "select count(*) from reminder where status = 'sent'")
	# the fourth went out, but the run died before marking it sent
	assert_equal "$first $sent" "4 3"
	assert_equal "$(q "select count(*) from reminder")" 20
	assert_equal "$(q "select count(*) from reminder where status = 'claimed'")" $((20 - sent))
	# within the lease: nobody takes them over
	export SMS_SLEEP=0
	run -0 remind send --at 2030-12-01T17:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	run -0 remind send --at 2030-12-01T17:00:50 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	run -1 remind due --at 2030-12-01T17:00
	assert_equal "$(sms_count)" "$first"
	# after it: the rest goes
	run -0 --separate-stderr remind send --at 2030-12-01T17:02 -v
	assert_output "sent 0 email, $((20 - sent)) sms, 0 failed"
	assert_equal "$(q "select status, count(*) from reminder group by status")" "sent 20"
	# every one at least once, no more than one twice
	assert_equal "$(sms_numbers | uniq | wc -l)" 20
	local dups total
	dups=$(sms_numbers | uniq -d | wc -l)
	total=$(sms_count)
	((dups <= 1)) || fail "$dups reminders sent twice: $(sms_numbers | uniq -d)"
	assert_equal "$(sms_numbers | uniq -c | awk '$1 > 2')" ""
	assert_equal "$total" $((20 + dups))
	# and a later run sends nothing
	run -0 remind send --at 2030-12-01T17:30 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	assert_equal "$(sms_count)" "$total"
}

@test "a run killed mid-way while another overlaps: still each at least once, at most one twice" {
	remind_config "/bin/false" "$BATS_FILE_TMPDIR/bin/sms-slow" "lease_minutes: 1"
	visits 1 20
	export SMS_HOLD=2
	remind send --at 2030-12-01T17:00 >/dev/null 2>&1 3>&- &
	local pid=$!
	# its second SMS in flight: it has claimed the lot
	wait_for 60 test -e "$SMS_LOG.held"
	# a second run at the same moment finds everything claimed
	run -0 remind send --at 2030-12-01T17:00 -v
	assert_output "sent 0 email, 0 sms, 0 failed"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null || :
	touch "$SMS_LOG.go"
	wait_for 60 test -e "$SMS_LOG.done"
	unset SMS_HOLD
	assert_equal "$(sms_count)" 2
	export SMS_SLEEP=0.05
	# two runs after the lease, at once
	remind send --at 2030-12-01T17:05 >"$BATS_TEST_TMPDIR/a.out" 2>&1 3>&- &
	local a=$!
	remind send --at 2030-12-01T17:05 >"$BATS_TEST_TMPDIR/b.out" 2>&1 3>&- &
	local b=$! rc=0
	wait "$a" || rc=$?
	wait "$b" || rc=$((rc + $?))
	assert_equal "$rc $(cat "$BATS_TEST_TMPDIR/a.out" "$BATS_TEST_TMPDIR/b.out")" "0 "
	assert_equal "$(q "select status, count(*) from reminder group by status")" "sent 20"
	assert_equal "$(sms_numbers | uniq | wc -l)" 20
	local dups
	dups=$(sms_numbers | uniq -d | wc -l)
	((dups <= 1)) || fail "$dups reminders sent twice: $(sms_numbers | uniq -d)"
	assert_equal "$(sms_count)" $((20 + dups))
}

@test "more than one batch (300 reminders, batches of 200), 4 runs at once: each exactly once" {
	remind_config "/bin/false" "$BATS_TEST_DIRNAME/tools/sms-record"
	# pat-1..60, five visits each, 5 minutes long, one every 5 minutes
	# from 2030-12-03T07:00 (to 2030-12-04T07:55): 48h all due at
	# 2030-12-02T08:00, the 2h of none
	local k t
	{
		echo "patient,provider,start,length"
		for k in $(seq 0 299); do
			t=$((7 * 60 + 5 * k))
			printf 'pat-%d,prv-1,2030-12-%02dT%02d:%02d,5m\n' $((k % 60 + 1)) \
			    $((3 + t / 1440)) $((t % 1440 / 60)) $((t % 60))
		done
	} >"$BATS_TEST_TMPDIR/visits.csv"
	sched import "$BATS_TEST_TMPDIR/visits.csv" >/dev/null
	run -0 remind due --at 2030-12-02T08:00
	assert_equal "${#lines[@]}" 300
	at_once 4 remind send --at 2030-12-02T08:00 -v
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/run*.out |
	    sed -n 's/^sent 0 email, \([0-9]*\) sms, 0 failed$/\1/p' |
	    awk '{ s += $1 } END { print s + 0 }')" 300
	assert_equal "$(q "select status, count(*), count(distinct key) from reminder group by status")" \
	    "sent 300 300"
	# one SMS per reminder: (number, text) pairs, all different
	local pairs
	pairs=$(awk 'BEGIN { first = 1 } first { n = split($0, a, "\t");
	    num = a[n]; first = 0; next } $0 == "--END--" { first = 1; next }
	    { print num "|" $0 }' "$SMS_LOG" | sort)
	assert_equal "$(wc -l <<<"$pairs")" 300
	assert_equal "$(uniq -d <<<"$pairs")" ""
	run -1 remind due --at 2030-12-02T08:00
}

@test "4 piped runs at once with the same 60 ids: each patient told once" {
	remind_config "/bin/false" "$BATS_TEST_DIRNAME/tools/sms-record"
	seq 60 | sed 's/^/pat-/' >"$BATS_TEST_TMPDIR/ids"
	AT_ONCE_IN=$BATS_TEST_TMPDIR/ids at_once 4 \
	    remind send --at 2030-12-01T12:00 --template recall -
	assert_equal "$(cat "$BATS_TEST_TMPDIR"/run*.out)" ""
	assert_equal "$(sms_count)" 60
	assert_equal "$(sms_numbers | uniq -d)" ""
	assert_equal "$(q "select status, count(*) from reminder where key like 'pat-%/recall/sms/2030-12-01' group by status")" \
	    "sent 60"
}

@test "visits sharing a start, booked in no time order, over two batches: one run sends every one" {
	remind_config "/bin/false" "$BATS_TEST_DIRNAME/tools/sms-record"
	provider add --name "Bo Berg" --npi 1245319599 --taxonomy 207Q00000X >/dev/null
	# 150 start times, two providers each; prv-1's visits booked in time
	# order, prv-2's backwards, so ids and times disagree across the
	# batch of 200 (the run's cursor is a (start, id) pair: both must hold)
	local t m
	{
		echo "patient,provider,start,length"
		for t in $(seq 0 149); do
			m=$((7 * 60 + 5 * t))
			printf 'pat-%d,prv-1,2030-12-03T%02d:%02d,5m\n' \
			    $((t * 2 % 60 + 1)) $((m / 60)) $((m % 60))
		done
		for t in $(seq 149 -1 0); do
			m=$((7 * 60 + 5 * t))
			printf 'pat-%d,prv-2,2030-12-03T%02d:%02d,5m\n' \
			    $(((t * 2 + 1) % 60 + 1)) $((m / 60)) $((m % 60))
		done
	} >"$BATS_TEST_TMPDIR/visits.csv"
	sched import "$BATS_TEST_TMPDIR/visits.csv" >/dev/null
	run -0 remind send --at 2030-12-02T08:00 -v
	assert_output "sent 0 email, 300 sms, 0 failed"
	assert_equal "$(q "select count(*) from reminder where status = 'sent'")" 300
	run -1 remind due --at 2030-12-02T08:00
}

# A real mail path for the bats suites (`load mailpath`): a local SMTP sink
# (tools/smtp-sink) on 127.0.0.1, Debian's msmtp pointed at it, and an
# independent MIME parser (tools/mail-parse, mailparser) to read what
# arrived.
#
#	setup()    { ...; smtp_start; }	# or smtp_start fail=1 / reject=2
#	teardown() { smtp_stop; }
#	echo "$msg" | $MSMTP_CMD		# or remind.sendmail: $MSMTP_CMD
#	smtp_wait 1
#	mail_json 1 | jq -r .subject		# $SMTP_DIR/0001.eml
#
# The sink stores message N as $SMTP_DIR/000N.eml (as received: CRLF,
# dot-unstuffed) and its envelope as 000N.env ("MAIL FROM:<a>" and
# "RCPT TO:<b>" lines); its dialogue is in $BATS_TEST_TMPDIR/smtp.log.
#
# MSMTP_CMD is "msmtp -C FILE -t -i --read-envelope-from": recipients from
# To/Cc/Bcc, the envelope sender from the From header.  msmtp has no
# configuration command for the latter, and without it (and without a
# `from` in the account or -f) it refuses to send, exit 78.  The account
# adds no From header (set_from_header off): a message without one is
# refused, 78, rather than patched.  -i is accepted and ignored: msmtp
# never takes a "." line as the end of its input.  msmtp logs each try,
# with its exit code, in $BATS_TEST_TMPDIR/msmtp.log.
#
# msmtp 1.8.23's exit codes (sysexits.h), as seen against the sink:
#	0	sent (the sink answered 250 at the end of DATA)
#	75	EX_TEMPFAIL: connection refused (no sink: after smtp_stop)
#	69	EX_UNAVAILABLE: any 4xx to MAIL, RCPT or DATA, and any
#		refusal at the end of DATA, 4xx or 5xx: fail=N gives 69
#	65	EX_DATAERR: a 5xx to MAIL, RCPT or DATA: reject=N gives 65,
#		and then nothing is sent, not even to the other recipients
#	76	EX_PROTOCOL: no 220 greeting, or the connection closed
#	74	EX_IOERR: no answer within the account's timeout
#	68	EX_NOHOST: the host name does not resolve
#	78	EX_CONFIG: no envelope sender (no From header)
# So a 4xx from the server is not told from a 5xx by msmtp's exit code;
# only "nobody listening" is 75.  To make a later try succeed, smtp_stop,
# try, smtp_start again: the new sink takes a new port, rewritten into the
# same $MSMTPRC, and numbers its messages on from those in $SMTP_DIR.

MAILPATH_TOOLS=$(cd "$(dirname "${BASH_SOURCE[0]}")/tools" && pwd)

# smtp_start [fail=N[,N...]] [reject=N[,N...]]: start the sink on a free
# port and write the msmtp account for it.  Exports SMTP_PORT, SMTP_DIR,
# SMTP_PID, MSMTPRC and MSMTP_CMD.
smtp_start() {
	local portfile=$BATS_TEST_TMPDIR/smtp.port py=python3
	smtp_stop
	SMTP_DIR=$BATS_TEST_TMPDIR/smtp
	rm -f "$portfile"
	mkdir -p "$SMTP_DIR"
	# Debian's python3 when there is one: it starts in a tenth of the time
	# a pyenv shim first in PATH takes.  The sink needs only the standard
	# library.  fd 3 closed: bats waits for whatever still holds it open.
	[ -x /usr/bin/python3 ] && py=/usr/bin/python3
	"$py" "$MAILPATH_TOOLS/smtp-sink" "$portfile" "$SMTP_DIR" "$@" \
	    </dev/null >>"$BATS_TEST_TMPDIR/smtp.log" 2>&1 3>&- &
	SMTP_PID=$!
	export SMTP_DIR SMTP_PID
	for _ in $(seq 50); do
		[ -s "$portfile" ] && break
		if ! kill -0 "$SMTP_PID" 2>/dev/null; then
			echo "smtp_start: smtp-sink died:" >&2
			cat "$BATS_TEST_TMPDIR/smtp.log" >&2
			unset SMTP_PID
			return 1
		fi
		sleep 0.1
	done
	if ! [ -s "$portfile" ]; then
		echo "smtp_start: smtp-sink did not listen within 5 s" >&2
		smtp_stop
		return 1
	fi
	SMTP_PORT=$(cat "$portfile")
	export SMTP_PORT

	MSMTPRC=$BATS_TEST_TMPDIR/msmtprc
	(umask 077 && cat >"$MSMTPRC") <<-EOF
	defaults
	logfile $BATS_TEST_TMPDIR/msmtp.log
	timeout 10

	account default
	host 127.0.0.1
	port $SMTP_PORT
	auth off
	tls off
	set_from_header off
	EOF
	chmod 600 "$MSMTPRC"
	MSMTP_CMD="msmtp -C $MSMTPRC -t -i --read-envelope-from"
	export MSMTPRC MSMTP_CMD
}

# smtp_stop: end the sink (from teardown; harmless when none runs).
smtp_stop() {
	# bats runs with errexit: the kill's and the wait's status (143) must
	# not end the test.
	if [ -n "${SMTP_PID:-}" ]; then
		kill "$SMTP_PID" 2>/dev/null || :
		wait "$SMTP_PID" 2>/dev/null || :
		unset SMTP_PID
	fi
	return 0
}

# smtp_count: how many messages the sink has stored.
smtp_count() {
	local f n=0
	for f in "$SMTP_DIR"/[0-9]*.eml; do
		[ -e "$f" ] && n=$((n + 1))
	done
	echo "$n"
}

# smtp_wait N: wait up to 5 s until the sink has stored N messages (or
# more); fail, saying how many there are, otherwise.
smtp_wait() {
	local n
	for _ in $(seq 50); do
		n=$(smtp_count)
		[ "$n" -ge "$1" ] && return 0
		sleep 0.1
	done
	echo "smtp_wait: $n message(s) after 5 s, wanted $1" >&2
	return 1
}

# mail_json FILE|N: the message as tools/mail-parse reads it (one JSON
# object: date, messageId, from, to, subject, text, headers); N stands for
# message N of the sink, $SMTP_DIR/000N.eml.
mail_json() {
	local f=$1
	case $f in
	'' | *[!0-9]*) ;;
	*) f=$(printf '%s/%04d.eml' "$SMTP_DIR" "$f") ;;
	esac
	"$MAILPATH_TOOLS/mail-parse" "$f"
}

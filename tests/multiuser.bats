load helper

# Several staff logins on one clinic: `make install` (as root, into a
# temporary prefix whose SYSCONFDIR and LOCALSTATEDIR are temporary too)
# makes a temporary group and installs the programs setgid to it;
# `clinix init --system` lays out the shared clinic; real unprivileged
# logins made with useradd then use it through the programs only.  One
# install and one clinic for the file; the tests run in order.

# Names short enough for useradd (32), unique to this run: set once in
# setup_file ($$ differs in every test's process).
names() {
	export G=clxg$1		# the group
	export FD=clxfd$1	# frontdesk
	export DR=clxdr$1	# provider
	export NO=clxno$1	# no clinix user
	export DIS=clxds$1	# a disabled nurse
}

cleanup_all() {
	local u
	if [ -n "${G:-}" ]; then	# else skipped before anything was made
		for u in $FD $DR $NO $DIS; do
			userdel "$u" >/dev/null 2>&1 || true
		done
		groupdel "$G" >/dev/null 2>&1 || true
	fi
	if [ -n "${T:-}" ] && [ -d "$T" ]; then
		rm -rf "$T"
	fi
}

setup_file() {
	# (bats 1.8 cannot skip from setup_file: each test's setup does)
	export SKIP_WHY=
	if [ "$(id -u)" -ne 0 ]; then
		SKIP_WHY="needs root: makes a group, users and a setgid install"
		return 0
	fi
	case $CLINIX_BIN in
	*asan*)	SKIP_WHY="make install installs bin/, not the ASan build"
		return 0 ;;
	esac
	export BATS_NO_PARALLELIZE_WITHIN_FILE=true
	names $$
	# under /tmp, traversable by the test users
	T=$(mktemp -d /tmp/clinix-multiuser.XXXXXX)
	export T
	chmod 755 "$T"
	make_clinic || { cleanup_all; return 1; }
}

make_clinic() {
	local src=$BATS_TEST_DIRNAME/..
	mkdir -p "$T/src" "$T/home" "$T/out" "$T/bin" || return 1
	chmod 1777 "$T/home" "$T/out"
	# a copy of the tree with its objects: only priv.o differs, so the
	# install relinks instead of rebuilding everything
	tar -C "$src" -cf - --exclude=./build/asan Makefile .ci cmd lib share tools \
	    man completions bin build | tar -C "$T/src" -xpf - || return 1
	make -s -C "$T/src" install PREFIX="$T/usr" SYSCONFDIR="$T/etc" \
	    LOCALSTATEDIR="$T/var" CLINIX_GROUP="$G" >"$T/install.log" 2>&1 ||
	    { cat "$T/install.log" >&3; return 1; }
	getent group "$G" >/dev/null || return 1
	CFG=$T/etc/clinix/clinix.yaml
	useradd -M -s /bin/sh "$FD" && useradd -M -s /bin/sh "$DR" &&
	    useradd -M -s /bin/sh "$NO" && useradd -M -s /bin/sh "$DIS" ||
	    return 1
	env -i PATH=/usr/bin:/bin "$T/usr/bin/clinix" init --system \
	    --clinic-name "Shared Clinic" --timezone America/New_York \
	    --phone "+1 212 555 0199" >"$T/init.out" || return 1
	C user add "$FD" --role frontdesk >/dev/null &&
	    C user add "$DR" --role provider >/dev/null &&
	    C user add "$DIS" --role nurse >/dev/null &&
	    C user disable "$DIS" >/dev/null || return 1
	C provider add --name "Maria Chen" --npi 1234567893 \
	    --taxonomy 207Q00000X --credential MD >/dev/null &&
	    C provider hours prv-1 mon-sat 07:00-20:00 >/dev/null || return 1
	# a sendmail that says which groups it runs with and what it was
	# given.  Not sh: dash and bash give up a setgid group themselves.
	cat >"$T/bin/idmail" <<-EOF
	#!/usr/bin/python3
	import os, sys
	with open("$T/out/groups", "w") as f:
	    print(*os.getresgid(), file=f)
	    print(*sorted(os.getgroups()), file=f)
	with open("$T/out/env", "w") as f:
	    for k, v in sorted(os.environ.items()):
	        print(k + "=" + v, file=f)
	with open("$T/out/message", "ab") as f:
	    f.write(sys.stdin.buffer.read())
	EOF
	chmod 755 "$T/bin/idmail"
	grep -q '^  phone: "+12125550199" ' "$CFG" &&
	    printf 'remind:\n  from: "Shared Clinic <desk@shared.example>"\n  sendmail: "%s"\n' \
	    "$T/bin/idmail" >>"$CFG"
}

teardown_file() {
	cleanup_all
}

setup() {
	[ -z "$SKIP_WHY" ] || skip "$SKIP_WHY"
	CFG=$T/etc/clinix/clinix.yaml
	KEY=$T/etc/clinix/clinix.key
	STATE=$T/var/lib/clinix
	DB=$STATE/clinix.db
}

teardown() {
	rm -f $T/theirs.db "$T/out/groups" "$T/out/env" "$T/out/message"
}

# The installed dispatcher as root, with nothing of the build tree around.
C() {
	env -i PATH=/usr/bin:/bin TZ=America/New_York "$T/usr/bin/clinix" "$@"
}
# as LOGIN [VAR=VALUE ...] CMD ...: a command as that real login, with its
# own groups only, from its (shared) home.
as() {
	local u=$1
	shift
	(cd "$T/home" && setpriv --reuid="$u" --regid="$(id -g "$u")" \
	    --init-groups env -i PATH=/usr/bin:/bin HOME="$T/home" \
	    TZ=America/New_York "$@")
}
# The newest audit row as login|action|outcome (sqlite3 as root).
last_audit() {
	sqlite3 -separator '|' "$T/var/lib/clinix/clinix.db" \
	    "SELECT login, action, outcome FROM audit ORDER BY id DESC LIMIT 1"
}

@test "make install: the programs are setgid to the group, the clinic laid out for it" {
	local gid c
	gid=$(getent group "$G" | cut -d: -f3)
	[ -n "$gid" ]
	# no staff login is in the group
	assert_equal "$(getent group "$G" | cut -d: -f4)" ""
	for c in db user audit patient provider code sched remind chart pay; do
		assert_equal "$(stat -c '%a %U %G' "$T/usr/libexec/clinix/$c")" \
		    "2755 root $G"
	done
	# the dispatcher only execs them; it is not setgid
	assert_equal "$(stat -c '%a %U' "$T/usr/bin/clinix")" "755 root"
	assert_equal "$(stat -c '%a %U %G' "$T/usr/libexec/clinix/clinix")" \
	    "755 root root"
	assert_equal "$(stat -c '%a %U %G' "$T/etc/clinix")" "750 root $G"
	assert_equal "$(stat -c '%a %U %G' "$CFG")" "640 root $G"
	assert_equal "$(stat -c '%a %U %G' "$KEY")" "640 root $G"
	assert_equal "$(stat -c '%a %U %G' "$STATE")" "2770 root $G"
	for c in "$DB" "$DB-wal" "$DB-shm" "$T"/etc/clinix/audit-*.tail; do
		assert_equal "$(stat -c '%a %U %G' "$c")" "660 root $G"
	done
	# what init printed: the system paths
	run -0 cat "$T/init.out"
	assert_line --index 0 $'config\t'"$CFG"
	assert_line --index 2 $'database\t'"$DB"
	assert_line --index 3 --regexp $'^admin\tusr-1\troot$'
}

@test "a frontdesk and a provider login work, each with its role" {
	run -0 --separate-stderr as "$FD" "$T/usr/bin/clinix" patient add \
	    --first Zoe --last Doe --dob 1980-01-02 --email zoe@example.com \
	    --email_consent yes --channel email
	assert_equal "$stderr" ""
	pat=$output
	[[ $pat == pat-* ]]
	assert_equal "$(last_audit)" "$FD|patient.add|ok"
	run -0 as "$DR" "$T/usr/bin/clinix" patient show "$pat"
	assert_output --partial Zoe
	assert_equal "$(last_audit)" "$DR|patient.show|ok"
	# the front desk books; overbooking is for providers
	run -0 as "$FD" "$T/usr/bin/clinix" sched book "$pat" --provider prv-1 \
	    --at 2030-12-03T10:00 --length 20m
	run -77 --separate-stderr as "$FD" "$T/usr/bin/clinix" sched book \
	    "$pat" --provider prv-1 --at 2030-12-03T10:00 --length 20m --overbook
	assert_equal "$stderr" "sched: permission denied: '$FD' (frontdesk) may not overbook"
	assert_equal "$(last_audit)" "$FD|sched.book|denied"
	run -0 as "$DR" "$T/usr/bin/clinix" sched book "$pat" --provider prv-1 \
	    --at 2030-12-03T10:00 --length 20m --overbook
	# and user management is the admin's
	run -77 as "$FD" "$T/usr/bin/clinix" user list
	# the chain their programs wrote still verifies
	run -0 C audit verify
}

@test "a staff login cannot open the database, the key or the config itself" {
	local f
	run -1 --separate-stderr as "$FD" sqlite3 "$DB" "SELECT count(*) FROM patient"
	assert_output ""
	[[ $stderr == *"unable to open database"* ]] || fail "sqlite3 said: $stderr"
	for f in "$DB" "$KEY" "$CFG" "$DB-wal"; do
		run -1 as "$FD" cat "$f"
		assert_output --partial "Permission denied"
	done
	run -1 as "$DR" cat "$KEY"
	assert_output --partial "Permission denied"
	# nor make a clinic of their own the system way
	run -77 --separate-stderr as "$FD" "$T/usr/bin/clinix" init --system
	assert_equal "$stderr" "clinix: init --system: only root sets up the shared clinic (run it with sudo)"
}

@test "CLINIX_DB, --config and CLINIX_USER are ignored: the system clinic, as themselves" {
	local n
	n=$(sqlite3 "$DB" "SELECT count(*) FROM patient")
	run -0 --separate-stderr as "$FD" CLINIX_DB=$T/theirs.db \
	    "$T/usr/bin/clinix" patient add --config ./mine.yaml \
	    --first Ann --last Lee --dob 1990-03-04
	# one warning, however many were given
	assert_equal "${#stderr_lines[@]}" 1
	[[ $stderr == "patient: ignoring --config (and any --db,"* ]] ||
	    fail "stderr: $stderr"
	assert_equal "$(sqlite3 "$DB" "SELECT count(*) FROM patient")" $((n + 1))
	[ ! -e $T/theirs.db ]
	[ ! -e "$T/home/mine.yaml" ]
	assert_equal "$(last_audit)" "$FD|patient.add|ok"
	# --db too
	run -0 --separate-stderr as "$FD" "$T/usr/bin/clinix" --db $T/theirs.db \
	    patient show "$output"
	assert_output --partial Ann
	[[ $stderr == "patient: ignoring --db"* ]] || fail "stderr: $stderr"
	[ ! -e $T/theirs.db ]
	# CLINIX_USER is root's: they stay themselves
	run -77 --separate-stderr as "$FD" CLINIX_USER=root \
	    "$T/usr/bin/clinix" user add evil --role admin
	assert_equal "${stderr_lines[0]}" "user: CLINIX_USER is only for root; you are acting as yourself"
	assert_equal "$(last_audit)" "$FD|user.add|denied"
	assert_equal "$(sqlite3 "$DB" "SELECT count(*) FROM user WHERE login = 'evil'")" 0
	# root may act as someone (as sudo -u would)
	run -0 env -i PATH=/usr/bin:/bin CLINIX_USER="$DR" \
	    "$T/usr/bin/clinix" patient list
	assert_equal "$(last_audit)" "$DR|patient.list|ok"
}

@test "sendmail runs as the login, without the clinix group, in a clean environment" {
	local gid
	gid=$(getent group "$G" | cut -d: -f3)
	run -0 as "$FD" "$T/usr/bin/clinix" patient add --first Eve --last Stone \
	    --dob 1985-06-07 --email eve@example.com --email_consent yes \
	    --channel email
	run -0 as "$FD" "$T/usr/bin/clinix" sched book "$output" --provider prv-1 \
	    --at 2030-12-03T11:00 --length 20m
	run -0 --separate-stderr as "$FD" LEAKED=yes "$T/usr/bin/clinix" remind send \
	    --at 2030-12-01T12:00
	[ -s "$T/out/message" ]
	grep -q '^To: Eve <eve@example.com>' "$T/out/message"
	# real, effective and saved group: the login's own; the clinix group
	# is gone, and cannot be taken back
	local g
	g=$(id -g "$FD")
	run -0 cat "$T/out/groups"
	assert_line --index 0 "$g $g $g"
	assert_line --index 1 "$(id -G "$FD" | tr ' ' '\n' | sort -n | tr '\n' ' ' | sed 's/ $//')"
	run -1 grep -qw "$gid" "$T/out/groups"
	assert_equal "$(stat -c %U "$T/out/groups")" "$FD"
	# PATH (fixed), HOME, TZ; nothing else of the caller's
	run -1 grep LEAKED "$T/out/env"
	run -0 grep '^PATH=' "$T/out/env"
	assert_output "PATH=/usr/local/bin:/usr/bin:/bin"
	grep -q "^HOME=$T/home\$" "$T/out/env"
	grep -q '^TZ=America/New_York$' "$T/out/env"
}

@test "an unknown login gets 77 and a denied audit row; so does a disabled one" {
	run -77 --separate-stderr as "$NO" "$T/usr/bin/clinix" patient list
	assert_output ""
	assert_equal "$stderr" "patient: not a clinix user: ask an admin to run 'user add $NO'"
	# newest first, after audit list's own row
	run -0 C audit list -o tsv
	[[ ${lines[0]} == *$'\troot\taudit.list\tok'* ]] || fail "${lines[0]}"
	[[ ${lines[1]} == *$'\t'"$NO"$'\tlogin\tdenied\t'* ]] ||
	    fail "audit row before it: ${lines[1]}"
	run -77 --separate-stderr as "$DIS" "$T/usr/bin/clinix" patient list
	assert_output ""
	assert_equal "$stderr" "patient: '$DIS' is disabled: ask an admin to run 'user enable $DIS'"
	assert_equal "$(last_audit)" "$DIS|login|denied"
}

@test "root's CLINIX_USER naming nobody is escaped on stderr" {
	run -77 --separate-stderr env -i PATH=/usr/bin:/bin \
	    CLINIX_USER=$'x\ty\nz\e[1m' "$T/usr/bin/clinix" user list
	assert_equal "$stderr" "user: not a clinix user: ask an admin to run 'user add x\\ty\\nz\\x1b[1m'"
}

@test "config set --system: root edits /etc/clinix/clinix.yaml in place, root:group 0640, audited; staff cannot" {
	run -0 C config set --system clinic.city Springfield
	assert_equal "$(stat -c '%U:%G %a' "$CFG")" "root:$G 640"
	run -0 grep -c '^  city: "Springfield"$' "$CFG"
	assert_output 1
	# (audit list, not sqlite3: that would take the persistent WAL away)
	run -0 C audit list --action clinix.config.set
	assert_line --regexp '^aud-[0-9]+	[^	]+	root	clinix\.config\.set	ok		config	clinic\.city: "Springfield"	no$'
	run -0 C config get --system clinic.phone
	assert_output "+12125550199"
	# the dispatcher is not setgid: a login cannot even read the file
	cp "$CFG" "$T/cfg.before"
	run -77 --separate-stderr as "$FD" "$T/usr/bin/clinix" config set --system clinic.city Boston
	cmp "$T/cfg.before" "$CFG"
	run -64 C --config /tmp/x.yaml config set --system clinic.city Boston
}

@test "after the staff's work the clinic's files are still root's and the group's" {
	run -0 as "$FD" "$T/usr/bin/clinix" patient list
	run -0 as "$DR" "$T/usr/bin/clinix" patient list
	# nothing a login made (a WAL, a journal, a tail) that it could open
	run -0 find "$T/etc/clinix" "$STATE" -not -user root
	assert_output ""
	run -0 find "$T/etc/clinix" "$STATE" -not -group "$G"
	assert_output ""
	assert_equal "$(stat -c '%a' "$DB-wal" "$DB-shm" | sort -u)" 660
	run -0 C audit verify
}

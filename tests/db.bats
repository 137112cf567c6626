load helper

# db: backup and restore (plain and encrypted), what restore refuses, backups
# under concurrent writes, verify, query and migrate, and a database newer
# than the programs.  "Untouched" is proved by a hash of the full SQL dump.

FIX=$BATS_TEST_DIRNAME/fixtures/db

dbsum() {
	sqlite3 "$CLINIX_DB" .dump | sha256sum
}

logins() {
	sqlite3 "$CLINIX_DB" 'SELECT group_concat(login, " ") FROM (SELECT login FROM user ORDER BY id)'
}

# A key file of another clinic: 32 random bytes in hex, mode 0600.
other_key() {
	head -c 32 /dev/urandom | od -An -tx1 -v | tr -d ' \n' >"$1"
	echo >>"$1"
	chmod 600 "$1"
}

# Flip the low bit of the byte at OFFSET in FILE, in place.
flip_byte() {
	local b
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf '%b' "\\0$(printf '%o' $((b ^ 1)))" |
	    dd of="$1" bs=1 seek="$2" count=1 conv=notrunc status=none
}

size() {
	stat -c %s "$1"
}

# refused STATUS FILE WHY [OPTION ...]: db restore [OPTION ...] FILE
# exits STATUS, prints nothing, says "db: 'FILE' WHY" and leaves the
# database as it was.
refused() {
	local status=$1 f=$2 why=$3 before
	shift 3
	before=$(dbsum)
	run "-$status" --separate-stderr db restore "$@" "$f"
	assert_output ""
	assert_equal "$stderr" "db: '$f' $why"
	assert_equal "$(dbsum)" "$before"
}
# why a sealed backup is refused
SEALED="failed its authentication check: truncated, tampered with, or sealed under another key"

# --- backup and restore --------------------------------------------------------

@test "backup then restore brings back the database as it was" {
	B=$BATS_TEST_TMPDIR/b.db
	user add before --role nurse --name "Bea Fore" >/dev/null
	run -0 --separate-stderr db backup "$B"
	assert_output "$B"
	assert_equal "$stderr" ""
	# the backup holds the record of its own making
	assert_equal "$(sqlite3 -separator '|' "$B" "SELECT login, action, record, detail FROM audit ORDER BY id DESC LIMIT 1")" \
	    "root|db.backup|$B|plain"
	user add after --role nurse >/dev/null
	assert_equal "$(logins)" "root before after"
	run -0 --separate-stderr db restore "$B"
	assert_output "$CLINIX_DB"
	assert_equal "$(logins)" "root before"
	run -0 db verify
	run -0 audit verify
	# the restore is on the restored trail, and the chain goes on from it
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT count(*) FROM audit WHERE action = 'db.restore'")" 1
	run -0 user add again --role nurse
	assert_equal "$(logins)" "root before again"
	run -0 audit verify
}

@test "backup refuses an existing file unless --force" {
	B=$BATS_TEST_TMPDIR/b.db
	echo keep >"$B"
	before=$(dbsum)
	run -73 --separate-stderr db backup "$B"
	assert_output ""
	assert_equal "$stderr" "db: '$B' exists: not overwriting it without --force"
	assert_equal "$(cat "$B")" keep
	assert_equal "$(dbsum)" "$before"
	run -0 db backup --force "$B"
	assert_output "$B"
	assert_equal "$(sqlite3 "$B" 'PRAGMA integrity_check')" ok
	assert_equal "$(sqlite3 "$B" 'SELECT login FROM user')" root
}

@test "backup files are mode 0600 whatever the umask" {
	umask 022
	run -0 db backup "$BATS_TEST_TMPDIR/b.db"
	run -0 db backup --encrypt "$BATS_TEST_TMPDIR/b.enc"
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/b.db")" 600
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/b.enc")" 600
}

@test "a non-admin may neither back up nor restore" {
	B=$BATS_TEST_TMPDIR/b.db
	db backup "$B" >/dev/null
	user add nina --role nurse >/dev/null
	run -77 --separate-stderr env CLINIX_USER=nina db backup "$BATS_TEST_TMPDIR/n.db"
	assert_equal "$stderr" "db: permission denied: 'nina' (nurse) may not administer the database"
	[ ! -e "$BATS_TEST_TMPDIR/n.db" ]
	# the backup holds only root: had it been restored, nina would be gone
	run -77 env CLINIX_USER=nina db restore "$B"
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT login || ' ' || action || ' ' || outcome FROM audit ORDER BY id DESC LIMIT 1")" \
	    "nina db.restore denied"
	assert_equal "$(logins)" "root nina"
}

@test "an encrypted backup holds no plaintext and restores" {
	E=$BATS_TEST_TMPDIR/b.enc
	P=$BATS_TEST_TMPDIR/b.db
	user add qzebulon --role nurse --name "Quentin Zebulon" >/dev/null
	run -0 db backup --encrypt "$E"
	assert_output "$E"
	run -0 db backup "$P"
	# the plain copy shows the names are there to be found...
	run -0 grep -c qzebulon "$P"
	# ...and the sealed one gives away neither login, name nor format
	run -1 grep -c qzebulon "$E"
	assert_output 0
	run -1 grep -c "Quentin Zebulon" "$E"
	assert_output 0
	run -1 grep -c "CREATE TABLE" "$E"
	assert_output 0
	cmp -s -n 15 "$P" <(printf 'SQLite format 3')
	run -1 cmp -s -n 15 "$E" <(printf 'SQLite format 3')
	assert_equal "$(head -c 8 "$E")" CLINIXE1
	user add later --role nurse >/dev/null
	run -0 db restore "$E"
	assert_output "$CLINIX_DB"
	assert_equal "$(logins)" "root qzebulon"
	run -0 db verify
	run -0 audit verify
}

@test "an encrypted backup cut short is refused and the database untouched" {
	E=$BATS_TEST_TMPDIR/b.enc
	db backup --encrypt "$E" >/dev/null
	head -c -10 "$E" >"$E.cut"
	user add later --role nurse >/dev/null
	refused 65 "$E.cut" "$SEALED"
	assert_equal "$(logins)" "root later"
	run -0 audit verify
}

@test "an encrypted backup with one byte changed is refused and the database untouched" {
	E=$BATS_TEST_TMPDIR/b.enc
	db backup --encrypt "$E" >/dev/null
	cp "$E" "$E.bad"
	flip_byte "$E.bad" $(($(size "$E") / 2))
	assert_equal "$(cmp -l "$E" "$E.bad" | wc -l)" 1
	user add later --role nurse >/dev/null
	refused 65 "$E.bad" "$SEALED"
	# the untouched copy still restores: it was the flipped byte
	run -0 db restore "$E"
	assert_equal "$(logins)" root
}

@test "an encrypted backup needs the key it was sealed with" {
	K=$BATS_TEST_TMPDIR/other.key
	other_key "$K"
	assert_equal "$(wc -c <"$K")" 65
	db backup --encrypt "$BATS_TEST_TMPDIR/ours.enc" >/dev/null
	db backup --encrypt --key-file "$K" "$BATS_TEST_TMPDIR/theirs.enc" >/dev/null
	user add later --role nurse >/dev/null
	before=$(dbsum)
	refused 65 "$BATS_TEST_TMPDIR/ours.enc" "$SEALED" --key-file "$K"
	run -65 db restore "$BATS_TEST_TMPDIR/theirs.enc"
	assert_equal "$(dbsum)" "$before"
	run -0 db restore --key-file "$K" "$BATS_TEST_TMPDIR/theirs.enc"
	assert_equal "$(logins)" root
}

@test "a key file others can read is refused and nothing is written" {
	K=$BATS_TEST_TMPDIR/other.key
	other_key "$K"
	chmod 644 "$K"
	run -77 db backup --encrypt --key-file "$K" "$BATS_TEST_TMPDIR/b.enc"
	[ ! -e "$BATS_TEST_TMPDIR/b.enc" ]
	[ ! -e "$BATS_TEST_TMPDIR/b.enc.part" ]
	run -64 db backup --key-file "$K" "$BATS_TEST_TMPDIR/b.db"
	[ ! -e "$BATS_TEST_TMPDIR/b.db" ]
}

@test "a plain backup cut short is refused and the database untouched" {
	B=$BATS_TEST_TMPDIR/b.db
	db backup "$B" >/dev/null
	head -c $(($(size "$B") / 2)) "$B" >"$B.cut"
	user add later --role nurse >/dev/null
	refused 65 "$B.cut" "is damaged or not a database: nothing restored"
	# restore never opens the original for writing
	assert_equal "$(size "$B.cut")" $(($(size "$B") / 2))
}

@test "a backup from a newer schema is refused with 69 and the database untouched" {
	B=$BATS_TEST_TMPDIR/b.db
	db backup "$B" >/dev/null
	sqlite3 "$B" 'PRAGMA user_version = 99'
	user add later --role nurse >/dev/null
	refused 69 "$B" "has schema version 99, newer than this program knows ($SCHEMA_VERSION): upgrade clinix first"
}

@test "files that are not clinix databases are refused (65, missing 66), the database untouched" {
	before=$(dbsum)
	refused 65 "$FIX/not-a-database.txt" "is damaged or not a database: nothing restored"
	: >"$BATS_TEST_TMPDIR/empty"
	run -65 db restore "$BATS_TEST_TMPDIR/empty"
	assert_equal "$(dbsum)" "$before"
	sqlite3 "$BATS_TEST_TMPDIR/other.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1)'
	refused 65 "$BATS_TEST_TMPDIR/other.db" "is not a clinix database: nothing restored"
	run -66 --separate-stderr db restore "$BATS_TEST_TMPDIR/nope.db"
	assert_equal "$stderr" "db: cannot read '$BATS_TEST_TMPDIR/nope.db': No such file or directory"
	assert_equal "$(dbsum)" "$before"
}

@test "backup and restore leave no scratch files beside the database" {
	B=$BATS_TEST_TMPDIR/b.db
	db backup "$B" >/dev/null
	db backup --encrypt "$B.enc" >/dev/null
	cp "$B" "$B.v99"
	sqlite3 "$B.v99" 'PRAGMA user_version = 99'
	run -0 db restore "$B"
	run -0 db restore "$B.enc"
	run -69 db restore "$B.v99"
	run -0 find "$BATS_TEST_TMPDIR/data" -name '*.restore.*' -o -name '*.backup.*'
	assert_output ""
	run -0 find "$BATS_TEST_TMPDIR" -maxdepth 1 -name '*.part'
	assert_output ""
}

@test "a backup taken while another process writes is consistent and restores" {
	B=$BATS_TEST_TMPDIR/b.db
	stop=$BATS_TEST_TMPDIR/stop
	werr=$BATS_TEST_TMPDIR/writer.err
	: >"$werr"
	add_users_until "$stop" w "$werr" 3>&- &
	writer=$!
	written() {
		sqlite3 "$1" "SELECT count(*) FROM user WHERE login GLOB 'w*'"
	}
	for _ in $(seq 300); do
		[ "$(written "$CLINIX_DB")" -ge 5 ] && break
		sleep 0.05
	done
	run -0 db backup "$B"
	inb=$(written "$B")
	# keep writing well past the backup, then stop the writer
	for _ in $(seq 300); do
		[ "$(written "$CLINIX_DB")" -ge $((inb + 5)) ] && break
		sleep 0.05
	done
	touch "$stop"
	wait "$writer"
	assert_equal "$(cat "$werr")" ""
	# the writes did straddle the backup
	[ "$inb" -ge 5 ]
	[ "$(written "$CLINIX_DB")" -ge $((inb + 5)) ]
	assert_equal "$(sqlite3 "$B" 'PRAGMA integrity_check')" ok
	# a snapshot: every user in it has its audit row, and no row is extra
	assert_equal "$(sqlite3 "$B" "SELECT count(*) FROM audit WHERE action = 'user.add'")" "$inb"
	assert_equal "$(sqlite3 "$B" "SELECT count(*) FROM user u WHERE login GLOB 'w*' AND NOT EXISTS
	    (SELECT 1 FROM audit WHERE action = 'user.add' AND record = 'usr-' || u.id)")" 0
	run -0 db restore "$B"
	assert_equal "$(written "$CLINIX_DB")" "$inb"
	run -0 db verify
	run -0 audit verify
}

# --- verify, query, migrate -----------------------------------------------------

@test "db verify prints five ok lines, and FAILED for a broken foreign key" {
	run -0 --separate-stderr db verify
	assert_equal "${#lines[@]}" 5
	assert_line --index 0 --regexp $'^integrity\tok\t?$'
	assert_line --index 1 --regexp $'^foreign_keys\tok\t?$'
	assert_line --index 2 $'audit\tok\t1 rows'
	assert_line --index 3 $'signed\tok\t0 encounters, 0 addenda'
	assert_line --index 4 $'ledger\tok\t0 transactions'
	assert_equal "$stderr" ""
	# and a broken foreign key fails it
	sqlite3 "$CLINIX_DB" <"$FIX/patients.sql"
	sqlite3 "$CLINIX_DB" 'UPDATE patient SET merged_into = 42 WHERE id = 2'
	run -1 db verify
	assert_line --index 1 --regexp $'^foreign_keys\tFAILED\t.*patient'
}

@test "db query prints JSON and gives SQL-looking strings back verbatim" {
	nasty="Robert'); DROP TABLE user;--"
	odd='say "hi" \ back'
	user add bobby --role nurse --name "$nasty" >/dev/null
	user add odd --role nurse --name "$odd" >/dev/null
	run -0 --separate-stderr db query -o json 'select login from user order by id'
	assert_equal "$(jq -s -c '[.[] | .login]' <<<"$output")" '["root","bobby","odd"]'
	run -0 db query -o json "select name from user where login = 'bobby'"
	assert_equal "$(jq -r .name <<<"$output")" "$nasty"
	run -0 db query -o json "select name from user where login = 'odd'"
	assert_equal "$(jq -r .name <<<"$output")" "$odd"
	# one statement, though the string in it holds a ';'
	run -0 db query -o json "select 'x; DELETE FROM user' as s"
	assert_equal "$(jq -r .s <<<"$output")" "x; DELETE FROM user"
	assert_equal "$(logins)" "root bobby odd"
	run -0 user list -o json
	assert_equal "$(jq -r 'select(.login == "bobby") | .name' <<<"$output")" "$nasty"
}

@test "db query is audited with the SQL as its detail" {
	sql="select login, role from user where role = 'admin'"
	run -0 db query "$sql"
	assert_output $'root\tadmin'
	assert_equal "$(sqlite3 -separator '|' "$CLINIX_DB" "SELECT login, action, outcome, record, detail FROM audit ORDER BY id DESC LIMIT 1")" \
	    "root|db.query|ok|1 rows|$sql"
	run -0 audit verify
}

@test "db query refuses writes, several statements and ATTACH, on the record" {
	before=$(sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM user')
	run -65 --separate-stderr db query 'delete from user'
	assert_equal "$stderr" "db: query: refusing a statement that writes: db query is read-only"
	assert_equal "$(sqlite3 -separator '|' "$CLINIX_DB" "SELECT action, outcome, detail FROM audit ORDER BY id DESC LIMIT 1")" \
	    "db.query|denied|delete from user"
	run -65 --separate-stderr db query 'select 1; delete from user'
	assert_equal "$stderr" "db: query: give one statement at a time"
	run -65 db query "attach '$BATS_TEST_TMPDIR/x.db' as x"
	[ ! -e "$BATS_TEST_TMPDIR/x.db" ]
	assert_equal "$(sqlite3 "$CLINIX_DB" 'SELECT count(*) FROM user')" "$before"
	user add nina --role nurse >/dev/null
	run -77 env CLINIX_USER=nina db query 'select 1'
	run -0 audit verify
}

@test "db migrate prints the schema version and is idempotent" {
	before=$(dbsum)
	run -0 --separate-stderr db migrate
	assert_output "schema version $SCHEMA_VERSION"
	assert_equal "$stderr" ""
	run -0 db migrate
	assert_output "schema version $SCHEMA_VERSION"
	assert_equal "$(dbsum)" "$before"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'PRAGMA user_version')" "$SCHEMA_VERSION"
}

@test "db version prints the database's and the program's schema versions and migrations" {
	newest=$(cd "$BATS_TEST_DIRNAME/../share/schema" && ls [0-9][0-9][0-9]-*.sql | tail -1)
	run -0 --separate-stderr db version -o tsv
	assert_output "$(printf 'database\t%s\t%s\nprogram\t%s\t%s' \
	    $SCHEMA_VERSION "$newest" $SCHEMA_VERSION "$newest")"
	assert_equal "$stderr" ""
	sqlite3 "$CLINIX_DB" 'PRAGMA user_version = 1'
	run -0 db version -o json
	assert_output "$(printf '%s\n%s' \
	    '{"what":"database","schema":"1","migration":"001-initial.sql"}' \
	    "{\"what\":\"program\",\"schema\":\"$SCHEMA_VERSION\",\"migration\":\"$newest\"}")"
	# no migration stands for version 0
	sqlite3 "$CLINIX_DB" 'PRAGMA user_version = 0'
	run -0 db version -o json
	assert_line --index 0 '{"what":"database","schema":"0","migration":null}'
}

@test "the migrations are compiled in: a program ignores share/schema files beside it" {
	# A copy of clinix whose ../share/schema holds migrations that would
	# fail if read; codes/ and catalog/ are the real ones, which init
	# loads from share/.
	mkdir -p "$BATS_TEST_TMPDIR/p/bin" "$BATS_TEST_TMPDIR/p/share/schema"
	cp "$CLINIX_BIN/clinix" "$BATS_TEST_TMPDIR/p/bin/"
	ln -s "$BATS_TEST_DIRNAME/../share/codes" "$BATS_TEST_TMPDIR/p/share/codes"
	ln -s "$BATS_TEST_DIRNAME/../share/catalog" "$BATS_TEST_TMPDIR/p/share/catalog"
	for f in "$BATS_TEST_DIRNAME"/../share/schema/[0-9][0-9][0-9]-*.sql; do
		echo 'not sql;' >"$BATS_TEST_TMPDIR/p/share/schema/${f##*/}"
	done
	export CLINIX_DB=$BATS_TEST_TMPDIR/p/clinix.db
	export CLINIX_CONFIG=$BATS_TEST_TMPDIR/p/clinix.yaml
	run -0 --separate-stderr "$BATS_TEST_TMPDIR/p/bin/clinix" init --clinic-name Copy
	assert_equal "$stderr" ""
	assert_equal "$(sqlite3 "$CLINIX_DB" 'PRAGMA user_version')" "$SCHEMA_VERSION"
	run -0 sqlite3 "$CLINIX_DB" "SELECT count(*) > 0 FROM code"
	assert_output 1
}

@test "tools/mkschema refuses two migrations with one number, a gap, and bad names" {
	mk=$BATS_TEST_DIRNAME/../tools/mkschema
	d=$BATS_TEST_TMPDIR/schema
	mkdir "$d"
	for n in 001 002 003 004 005 006; do
		echo "CREATE TABLE t$n (x);" >"$d/$n-t.sql"
	done
	echo "CREATE TABLE a (x);" >"$d/007-a.sql"
	echo "CREATE TABLE b (x);" >"$d/007-b.sql"
	run -65 --separate-stderr sh "$mk" "$d"/*.sql
	assert_output ""
	assert_equal "$stderr" "mkschema: two migrations numbered 007: $d/007-a.sql and $d/007-b.sql"
	rm "$d/007-b.sql" "$d/003-t.sql"
	run -65 --separate-stderr sh "$mk" "$d"/*.sql
	assert_output ""
	assert_equal "$stderr" "mkschema: migration 003 is missing (the newest is $d/007-a.sql)"
	echo "CREATE TABLE t003 (x);" >"$d/003-t.sql"
	echo "CREATE TABLE c (x);" >"$d/8-c.sql"
	run -65 --separate-stderr sh "$mk" "$d"/*.sql
	assert_equal "$stderr" "mkschema: '$d/8-c.sql': a migration is named NNN-name.sql"
	rm "$d/8-c.sql"
	run -64 --separate-stderr sh "$mk"
	assert_equal "$stderr" "mkschema: no migrations given (share/schema/NNN-*.sql)"
	# a good set: one entry per file, in order of number, text intact
	printf '%s\n' "SELECT 'a\\b \"c\" ??( ?1';" >"$d/008-q.sql"
	run -0 sh "$mk" "$d"/*.sql
	# ($lines skips the empty one)
	assert_line --index 2 'const struct db_migration db_migrations[] = {'
	assert_line --index 3 '{ 1, "001-t.sql", ""'
	assert_line --index 4 '"CREATE TABLE t001 (x);\n"'
	assert_line --index 24 '{ 8, "008-q.sql", ""'
	assert_line --index 25 '"SELECT '"'"'a\\b \"c\" \?\?( \?1'"'"';\n"'
}

@test "the build stops on two migrations with one number" {
	d=$BATS_TEST_TMPDIR/schema
	mkdir "$d"
	cp "$BATS_TEST_DIRNAME"/../share/schema/[0-9][0-9][0-9]-*.sql "$d/"
	n=$(printf '%03d' $((SCHEMA_VERSION + 1)))
	echo "CREATE TABLE a (x);" >"$d/$n-a.sql"
	echo "CREATE TABLE b (x);" >"$d/$n-b.sql"
	# the real rule, into a build dir of this test's own
	run -2 --separate-stderr make -s -C "$BATS_TEST_DIRNAME/.." \
	    B="$BATS_TEST_TMPDIR/build" SCHEMA="$(echo "$d"/*.sql)" \
	    "$BATS_TEST_TMPDIR/build/gen/schema.c"
	assert_output ""
	assert_equal "${stderr_lines[0]}" "mkschema: two migrations numbered $n: $d/$n-a.sql and $d/$n-b.sql"
	[ ! -e "$BATS_TEST_TMPDIR/build/gen/schema.c" ]
	[ ! -e "$BATS_TEST_TMPDIR/build/gen/schema.c.tmp" ]
	rm "$d/$n-b.sql"
	run -0 make -s -C "$BATS_TEST_DIRNAME/.." \
	    B="$BATS_TEST_TMPDIR/build" SCHEMA="$(echo "$d"/*.sql)" \
	    "$BATS_TEST_TMPDIR/build/gen/schema.c"
	run -0 grep -c '^{ [0-9]*, "' "$BATS_TEST_TMPDIR/build/gen/schema.c"
	assert_output $((SCHEMA_VERSION + 1))
}

@test "a database newer than the programs stops every program with 69" {
	sqlite3 "$CLINIX_DB" <"$FIX/patients.sql"
	sqlite3 "$CLINIX_DB" 'PRAGMA user_version = 99'
	before=$(dbsum)
	msg="database '$CLINIX_DB' has schema version 99, newer than this program knows ($SCHEMA_VERSION): upgrade clinix"
	for cmd in "user list" "user add x --role nurse" "patient show pat-1" \
	    "audit list" "audit verify" "db verify" "db migrate" \
	    "db query select%1" "db backup $BATS_TEST_TMPDIR/b.db"; do
		# shellcheck disable=SC2086
		set -- $cmd
		run -69 --separate-stderr "${@//%/ }"
		assert_output ""
		assert_equal "$stderr" "$1: $msg"
	done
	[ ! -e "$BATS_TEST_TMPDIR/b.db" ]
	assert_equal "$(dbsum)" "$before"
}

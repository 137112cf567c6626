load helper

# Output formats: tsv (piped default), -H, csv, json, table, and escaping.

# Rows of a CSV file as JSON arrays, one per line, read with Python's csv
# module in strict mode (a malformed file fails).  Checks that every row has
# as many fields as the header.
csv_rows() {
	python3 - "$1" <<-'EOF'
	import csv, json, sys
	with open(sys.argv[1], newline="", encoding="utf-8") as f:
	    rows = list(csv.reader(f, strict=True))
	for r in rows:
	    if len(r) != len(rows[0]):
	        sys.exit("row %r has %d fields, not %d" % (r, len(r), len(rows[0])))
	    print(json.dumps(r, ensure_ascii=False))
	EOF
}

# The cells of an aligned table, found by the columns where the header's
# words start, measured in terminal columns (East Asian wide = 2); printed
# as TSV so they can be compared with `user list`.
table_cells() {
	python3 - "$1" <<-'EOF'
	import sys, unicodedata
	def width(ch):
	    if unicodedata.combining(ch):
	        return 0
	    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
	def cut(line, starts):
	    cells, col, cur, k = [], 0, "", 1
	    for ch in line:
	        if k < len(starts) and col >= starts[k]:
	            if col != starts[k]:
	                sys.exit("a character straddles column %d: %r" % (starts[k], line))
	            cells.append(cur); cur = ""; k += 1
	        cur += ch; col += width(ch)
	    cells.append(cur)
	    for c in cells[:-1]:
	        if not c.endswith(" "):
	            sys.exit("columns not aligned with the header: %r" % line)
	    cells += [""] * (len(starts) - len(cells))
	    return [c.rstrip(" ") for c in cells]
	lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
	assert lines[-1] == "", "no newline at the end"
	lines = lines[:-1]
	head = lines[0]
	starts = [i for i, c in enumerate(head) if c != " " and (i == 0 or head[i - 1] == " ")]
	for line in lines:
	    cells = cut(line, starts)
	    print("\t".join(cells))
	EOF
}

# Add a user row directly: user add refuses control characters in names, but
# the output code must still escape whatever the database holds.
insert_user() {
	sqlite3 "$CLINIX_DB" "INSERT INTO user (login, name, role, created_at)
	    VALUES ('$1', $2, 'nurse', '2026-01-02T03:04:05Z')"
}

# users_csv: user list -o csv into the file $CSV (a file, not a pipe, so
# its exit status counts).
users_csv() {
	CSV=$BATS_TEST_TMPDIR/out.csv
	user list -o csv >"$CSV"
}

@test "piped, user list is TSV without a header" {
	user add bob --role nurse --name "Bob Baker" >/dev/null
	run -0 --separate-stderr user list
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 2
	refute_line --regexp '^#'
	assert_line --index 0 --regexp "^usr-1	$(id -un)		admin	yes	[0-9TZ:-]+\$"
	assert_line --index 1 --regexp '^usr-2	bob	Bob Baker	nurse	yes	[0-9TZ:-]+$'
	local l
	for l in "${lines[@]}"; do
		assert_equal "$(awk -F'\t' '{ print NF }' <<<"$l")" 6
	done
}

@test "-H adds a '#' header line to TSV" {
	run -0 user -H list
	assert_equal "${lines[0]}" "#id	login	name	role	active	created_at"
	assert_equal "${#lines[@]}" 2
	assert_line --index 1 --regexp '^usr-1	'
	run -0 user list --header
	assert_equal "${lines[0]}" "#id	login	name	role	active	created_at"
}

@test "-o csv: a header row, CRLF line ends, equal field counts" {
	user add bob --role nurse --name "Bob Baker" >/dev/null
	users_csv
	assert_equal "$(head -n1 "$CSV")" $'id,login,name,role,active,created_at\r'
	# every line, the last too, ends in CRLF
	assert_equal "$(grep -c $'\r$' "$CSV")" 3
	assert_equal "$(wc -l <"$CSV")" 3
	assert_equal "$(tail -c2 "$CSV" | od -An -c | tr -d ' ')" '\r\n'
	run -0 csv_rows "$CSV"
	assert_equal "${#lines[@]}" 3
	assert_equal "$(jq -c '.[0:5]' <<<"${lines[2]}")" \
	    '["usr-2","bob","Bob Baker","nurse","yes"]'
}

@test "-o json: one object per line, id first, the list's columns" {
	user add bob --role nurse --name "Bob Baker" >/dev/null
	local f="$BATS_TEST_TMPDIR/out.json" line
	user list -o json >"$f"
	assert_equal "$(wc -l <"$f")" 2
	while IFS= read -r line; do
		jq -e . <<<"$line" >/dev/null
		assert_equal "$(jq -r 'keys_unsorted[0]' <<<"$line")" id
		assert_equal "$(jq -c keys_unsorted <<<"$line")" \
		    '["id","login","name","role","active","created_at"]'
	done <"$f"
	run -0 jq -c 'select(.login == "bob") | [.id, .name, .role, .active]' "$f"
	assert_output '["usr-2","Bob Baker","nurse","yes"]'
}

@test "TSV escapes a tab and a backslash; JSON keeps the real characters" {
	# the name is: a <tab> b <backslash> c
	insert_user tabby "'a' || char(9) || 'b\\c'"
	run -0 user list
	assert_line --index 1 "usr-2	tabby	a\\tb\\\\c	nurse	yes	2026-01-02T03:04:05Z"
	run -0 user list -o json
	assert_equal "$(jq -r 'select(.login == "tabby") | .name' <<<"$output")" \
	    "$(printf 'a\tb\\c')"
}

@test "TSV escapes newlines and carriage returns; CSV quotes them" {
	insert_user lines "'one' || char(10) || 'two' || char(13) || 'three'"
	run -0 user list
	assert_line --index 1 --regexp '^usr-2	lines	one\\ntwo\\rthree	nurse	'
	users_csv
	run -0 csv_rows "$CSV"
	assert_equal "$(jq -r '.[2]' <<<"${lines[2]}")" "$(printf 'one\ntwo\rthree')"
}

@test "db query output is escaped the same way" {
	run -0 db query "SELECT 'a' || char(9) || 'b\\c' AS v"
	assert_output 'a\tb\\c'
	run -0 db query -o json "SELECT 'a' || char(9) || 'b\\c' AS v, 7 AS n"
	assert_equal "$(jq -c . <<<"$output")" '{"v":"a\tb\\c","n":7}'
}

@test "CSV quotes a name with a comma and a double quote" {
	user add q --role nurse --name 'He said "hi", ok' >/dev/null
	users_csv
	run -0 grep -F 'usr-2,q,' "$CSV"
	assert_output --regexp '^usr-2,q,"He said ""hi"", ok",nurse,yes,'
	run -0 csv_rows "$CSV"
	assert_equal "$(jq -r '.[2]' <<<"${lines[2]}")" 'He said "hi", ok'
}

@test "a name that starts like a formula gets a leading ' in CSV only" {
	user add f1 --role nurse --name "=HYPERLINK(\"http://x\")" >/dev/null
	user add f2 --role nurse --name "@SUM(A1)" >/dev/null
	user add f3 --role nurse --name "+1 call me" >/dev/null
	users_csv
	run -0 csv_rows "$CSV"
	assert_equal "$(jq -r '.[2]' <<<"${lines[2]}")" "'=HYPERLINK(\"http://x\")"
	assert_equal "$(jq -r '.[2]' <<<"${lines[3]}")" "'@SUM(A1)"
	assert_equal "$(jq -r '.[2]' <<<"${lines[4]}")" "'+1 call me"
	# not in TSV or JSON
	run -0 user list
	assert_line --index 1 --regexp '^usr-2	f1	=HYPERLINK\("http://x"\)	'
	run -0 user list -o json
	assert_equal "$(jq -r 'select(.login == "f2") | .name' <<<"$output")" "@SUM(A1)"
}

@test "a name that is not a formula is not changed in CSV" {
	user add plain --role nurse --name "Ann-Marie O'Neil" >/dev/null
	users_csv
	run -0 grep -F 'usr-2,' "$CSV"
	assert_output --regexp "^usr-2,plain,Ann-Marie O'Neil,nurse,yes,"
}

@test "-o table: a header line and aligned columns" {
	user add bob --role nurse --name "Bob Baker" >/dev/null
	user add jose --role provider --name "José Müller" >/dev/null
	user add sok --role frontdesk --name "Σωκράτης" >/dev/null
	local t="$BATS_TEST_TMPDIR/table" tsv
	user list -o table >"$t"
	run -0 head -n1 "$t"
	assert_output --regexp '^id +login +name +role +active +created_at$'
	tsv=$(user -H list)
	run table_cells "$t"
	assert_success
	assert_output "${tsv#\#}"
}

@test "-o table aligns wide (CJK) characters by their display width" {
	user add wang --role nurse --name "王小明" >/dev/null
	user add bob --role nurse --name "Bob Baker" >/dev/null
	local t="$BATS_TEST_TMPDIR/table" tsv
	user list -o table >"$t"
	tsv=$(user -H list)
	run table_cells "$t"
	assert_success
	assert_output "${tsv#\#}"
}

@test "on a terminal the default is a table" {
	command -v script >/dev/null || skip "needs script(1)"
	run -0 script -qec "user list" /dev/null
	assert_line --index 0 --regexp $'^id +login +name +role +active +created_at\r?$'
}

@test "an unknown format is a usage error (64)" {
	run -64 --separate-stderr user list -o xml
	assert_equal "$output" ""
	[[ "$stderr" == "user: unknown output format 'xml'"* ]]
}

@test "global options may stand before or after the verb" {
	local want
	want=$(user list -o json)
	[ -n "$want" ]
	jq -e . <<<"$want" >/dev/null
	run -0 user -o json list
	assert_output "$want"
	run -0 user --output=json list
	assert_output "$want"
	run -0 user list -ojson
	assert_output "$want"
	run -0 user list --output json
	assert_output "$want"
}

@test "JSON stays valid for any bytes in the database" {
	# invalid UTF-8 and a control character stored behind the programs' back
	insert_user bytes "'x' || cast(x'ff' as text) || char(1) || 'y\"z'"
	local f="$BATS_TEST_TMPDIR/out.json" line
	user list -o json >"$f"
	while IFS= read -r line; do
		jq -e . <<<"$line" >/dev/null
	done <"$f"
	run -0 jq -r 'select(.login == "bytes") | .name' "$f"
	assert_output "$(printf 'x\xef\xbf\xbd\001y"z')"
}

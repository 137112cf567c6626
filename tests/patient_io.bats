load helper

# patient_io: the data that goes in and out of the patient register.
# Export and import round trips (look-alikes confirmed with --force, the
# CSV formula guard), the shape of CSV files and their line ends, escaped
# NULs in YAML and JSON, the characters a one-line field refuses, what
# search refuses, and the duplicate guard of import --update.

# The same clinic made once by the real `clinix init`, copied per test.
setup_file() {
	local dir=$BATS_FILE_TMPDIR/clinic
	PATH="$CLINIX_BIN:$PATH" TZ=America/New_York \
	    CLINIX_DB="$dir/data/clinix.db" CLINIX_CONFIG="$dir/etc/clinix.yaml" \
	    clinix init --clinic-name Test >/dev/null
}
setup() {
	clinix_env
	cp -a "$BATS_FILE_TMPDIR/clinic/data" "$BATS_FILE_TMPDIR/clinic/etc" "$BATS_TEST_TMPDIR/"
	sed -i "s|^db: .*|db: \"$CLINIX_DB\"|" "$CLINIX_CONFIG"
}

# A second clinic, made fresh, that the commands then use.
other_clinic() {
	export CLINIX_DB="$BATS_TEST_TMPDIR/$1/clinix.db"
	export CLINIX_CONFIG="$BATS_TEST_TMPDIR/$1/etc/clinix.yaml"
	clinix init --clinic-name "$1" >/dev/null
}
# The whole database, audit trail included: "nothing written" is this
# staying the same.
everything() {
	sqlite3 "$CLINIX_DB" .dump | cksum
}
# A CSV file without its first column (the ids), re-quoted the one way.
without_id() {
	python3 -c 'import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
for r in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True):
    w.writerow(r[1:])' "$1"
}
# One field of one patient, as stored.
field() {
	sqlite3 "$CLINIX_DB" "SELECT $2 FROM patient WHERE id = $1"
}
# MRN and not_duplicate of every patient, as export writes them.
marks() {
	patient export -o json | jq -r '[.mrn, .not_duplicate // "-"] | join(":")' | tr '\n' ' '
}

# -- search --------------------------------------------------------------

@test "search for text with no letter or digit is 64, not a list of everyone" {
	patient add --first Ana --last Lee --dob 1980-01-01 >/dev/null
	patient add --first Bo --last Park --dob 1981-01-01 >/dev/null
	for q in % _ '!!' '%%' "'" ' - '; do
		run -64 --separate-stderr patient search "$q"
		assert_output ""
		assert_equal "${stderr_lines[0]}" "patient: search: '$q' has no letter or digit to search for"
	done
	# letters beside them still search by prefix
	run -0 patient search "le%"
	assert_equal "$(cut -f1 <<<"$output")" pat-1
	run -1 patient search "o'"
	assert_output ""
}

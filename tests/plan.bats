#!/usr/bin/env bats
# The indexes on patient and appointment: only those a query plan uses or
# a constraint needs (issue 11).  tests/unit/plan.c checks every statement
# of lib/sql.c against the migrations with EXPLAIN QUERY PLAN; this checks
# that a clinic made by the real `clinix init` ends up with that set.

load helper

indexes() {	# indexes TABLE: its index names, one line, sorted
	sqlite3 "$CLINIX_DB" "SELECT group_concat(name, ' ') FROM (SELECT
	    name FROM sqlite_master WHERE type = 'index' AND tbl_name = '$1'
	    ORDER BY name)"
}

@test "a new clinic has only the patient and appointment indexes a query or constraint needs" {
	# patient_name (001, the names as typed) is gone: no query reads it;
	# patient_phone2 lets a search by phone use patient_phone too
	assert_equal "$(indexes patient)" "patient_dob_name patient_first_key patient_last_key patient_merged patient_phone patient_phone2 sqlite_autoindex_patient_1"
	assert_equal "$(indexes appointment)" "appointment_booked appointment_patient appointment_provider appointment_resource appointment_start"
}

@test "a patient found by the second phone is the one with that number, not the first phone's" {
	patient add --mrn A1 --first Ana --last Lee --dob 1980-02-29 \
	    --phone "(617) 555-0100" >/dev/null
	patient add --mrn B2 --first Bo --last Park --dob 1975-06-01 \
	    --phone "(617) 555-0111" --phone2 "(617) 555-0100" >/dev/null
	patient add --mrn C3 --first Cy --last Moe --dob 1990-01-01 \
	    --phone2 "(617) 555-0122" >/dev/null
	run -0 patient search "617 555 0100"
	assert_equal "$(cut -f2 <<<"$output" | paste -sd' ')" "A1 B2"
	run -0 patient search "617 555 0122"
	assert_equal "$(cut -f2 <<<"$output" | paste -sd' ')" "C3"
	run -1 patient search "617 555 0133"
}

@test "db migrate from schema 7 drops patient_name and adds patient_phone2, the patients kept" {
	patient add --mrn A1 --first Ana --last Lee --dob 1980-02-29 \
	    --phone2 "(617) 555-0100" >/dev/null
	# a clinic at 007 has 001's name index and no index on phone2
	schema_back_to 7
	sqlite3 "$CLINIX_DB" "CREATE INDEX patient_name ON patient
	    (last COLLATE NOCASE, first COLLATE NOCASE)"
	run -69 patient search lee
	run -0 --separate-stderr db migrate
	assert_output "schema version $SCHEMA_VERSION"
	assert_equal "$stderr" ""
	assert_equal "$(indexes patient)" "patient_dob_name patient_first_key patient_last_key patient_merged patient_phone patient_phone2 sqlite_autoindex_patient_1"
	run -0 patient search "617 555 0100"
	assert_equal "$(cut -f2 <<<"$output")" "A1"
}

@test "db migrate from schema 10 rebuilds patient: ids, references and the merge trigger kept" {
	patient add --mrn A1 --first Ana --last Lee --dob 1980-02-29 >/dev/null
	patient add --mrn B2 --first Bo --last Park --dob 1975-06-01 >/dev/null
	patient edit A1 --city Boston >/dev/null
	patient merge B2 A1 >/dev/null
	# the patient of 010 and before: the IN lists, which 011 rewrites
	schema_back_to 10
	sqlite3 "$CLINIX_DB" "PRAGMA writable_schema = ON;
	    UPDATE sqlite_schema SET sql = replace(replace(sql,
	    'sex = ''F'' OR sex = ''M'' OR sex = ''X'' OR sex = ''U''',
	    'sex IN (''F'', ''M'', ''X'', ''U'')'),
	    'channel = ''sms'' OR channel = ''email'' OR channel = ''none''',
	    'channel IN (''sms'', ''email'', ''none'')')
	    WHERE name = 'patient'"
	run -0 sqlite3 "$CLINIX_DB" "SELECT sql LIKE '%sex IN (%' FROM sqlite_schema WHERE name = 'patient'"
	assert_output 1
	before=$(sqlite3 "$CLINIX_DB" "SELECT id, mrn, merged_into FROM patient ORDER BY id; SELECT patient_id, field FROM patient_history")
	run -0 --separate-stderr db migrate
	assert_equal "$stderr" ""
	run -0 sqlite3 "$CLINIX_DB" "SELECT sql LIKE '%sex IN (%' OR sql LIKE '%channel IN (%' FROM sqlite_schema WHERE name = 'patient'"
	assert_output 0
	assert_equal "$(sqlite3 "$CLINIX_DB" "SELECT id, mrn, merged_into FROM patient ORDER BY id; SELECT patient_id, field FROM patient_history")" "$before"
	assert_equal "$(sqlite3 "$CLINIX_DB" "PRAGMA foreign_key_check")" ""
	assert_equal "$(indexes patient)" "patient_dob_name patient_first_key patient_last_key patient_merged patient_phone patient_phone2 sqlite_autoindex_patient_1"
	# the trigger came back: a merged patient is not merged again
	run ! sqlite3 "$CLINIX_DB" "UPDATE patient SET merged_into = 1 WHERE id = 2"
	assert_output --partial merge
}

@test "db migrate checks every foreign key before it commits: an orphan stops it, nothing changed" {
	patient add --mrn A1 --first Ana --last Lee --dob 1980-02-29 >/dev/null
	# sqlite3 runs with foreign keys off: it can leave a row with no patient
	schema_back_to 10
	sqlite3 "$CLINIX_DB" "INSERT INTO patient_history (patient_id, at, login,
	    field) VALUES (99, 'x', 'y', 'z')"
	run -70 --separate-stderr db migrate
	assert_equal "$stderr" "db: migration to $SCHEMA_VERSION: row 1 of patient_history has no parent"
	assert_equal "$(sqlite3 "$CLINIX_DB" 'PRAGMA user_version')" 10
}

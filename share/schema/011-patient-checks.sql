-- 011-patient-checks: patient rebuilt with the same constraints, the two
-- lists of allowed values written as ORs (issue 11).  SQLite (3.40) turns
-- a CHECK (x IN (...)) of more than two values into a lookup table that
-- it builds anew for every row inserted or updated: in a patient import
-- that was a B-tree opened and closed per row, some 10% of its time.
-- `sex = 'F' OR ...` means the same (NULL still passes, anything else but
-- the listed values fails) and is a few comparisons.  IN lists of two
-- values (active, not_duplicate) are already compiled as comparisons.
--
-- A CHECK cannot be changed in place, so this is SQLite's 12-step table
-- rebuild (https://sqlite.org/lang_altertable.html#otheralter): lib/db.c
-- runs the migrations with foreign_keys off and checks every foreign key
-- before it commits.  The columns keep their order and the rows their
-- ids, so every reference to patient (appointment, coverage, waitlist,
-- reminder, remind_optout, patient_history, merged_into) stays good.
-- last_key and first_key are 002's, not_duplicate 007's.  No comment
-- stands between the last columns: SQLite 3.40's DROP COLUMN (a test
-- makes a database from before 007 so) then leaves the text unparsable.

CREATE TABLE patient_new (
	id		INTEGER PRIMARY KEY,
	mrn		TEXT NOT NULL UNIQUE CHECK (length(mrn) BETWEEN 1 AND 32),
	first		TEXT NOT NULL CHECK (length(first) BETWEEN 1 AND 100),
	middle		TEXT CHECK (length(middle) <= 100),
	last		TEXT NOT NULL CHECK (length(last) BETWEEN 1 AND 100),
	preferred	TEXT CHECK (length(preferred) <= 100),
	dob		TEXT NOT NULL CHECK (dob GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	sex		TEXT CHECK (sex = 'F' OR sex = 'M' OR sex = 'X' OR sex = 'U'),
	gender		TEXT CHECK (length(gender) <= 100),
	phone		TEXT CHECK (phone GLOB '+[1-9]*'),
	phone2		TEXT CHECK (phone2 GLOB '+[1-9]*'),
	email		TEXT CHECK (email LIKE '%_@_%'),
	address1	TEXT CHECK (length(address1) <= 200),
	address2	TEXT CHECK (length(address2) <= 200),
	city		TEXT CHECK (length(city) <= 100),
	state		TEXT CHECK (length(state) <= 50),
	zip		TEXT CHECK (length(zip) <= 20),
	country		TEXT CHECK (length(country) = 2),
	language	TEXT CHECK (length(language) <= 35),
	channel		TEXT NOT NULL DEFAULT 'none'
			CHECK (channel = 'sms' OR channel = 'email' OR channel = 'none'),
	sms_consent	TEXT,			-- date consent was given, NULL = no
	email_consent	TEXT,
	emergency_name	TEXT CHECK (length(emergency_name) <= 200),
	emergency_phone	TEXT CHECK (emergency_phone GLOB '+[1-9]*'),
	deceased	TEXT,			-- date of death
	note		TEXT CHECK (length(note) <= 10000),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	merged_into	INTEGER REFERENCES patient (id),
	created_at	TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	last_key	TEXT NOT NULL DEFAULT '',
	first_key	TEXT NOT NULL DEFAULT '',
	not_duplicate	INTEGER NOT NULL DEFAULT 0
			CHECK (not_duplicate IN (0, 1))
) STRICT;

INSERT INTO patient_new (id, mrn, first, middle, last, preferred, dob, sex,
    gender, phone, phone2, email, address1, address2, city, state, zip,
    country, language, channel, sms_consent, email_consent, emergency_name,
    emergency_phone, deceased, note, active, merged_into, created_at,
    updated_at, last_key, first_key, not_duplicate)
SELECT id, mrn, first, middle, last, preferred, dob, sex,
    gender, phone, phone2, email, address1, address2, city, state, zip,
    country, language, channel, sms_consent, email_consent, emergency_name,
    emergency_phone, deceased, note, active, merged_into, created_at,
    updated_at, last_key, first_key, not_duplicate
FROM patient;

-- Its indexes and its trigger go with it.  Other tables' triggers that
-- name patient (009's encounter_signed_update) are left as they are:
-- between the DROP and the RENAME no patient table exists, and SQLite
-- would refuse the rename for them unless, as here, in the legacy mode
-- that does not re-read triggers; after it, their "patient" is this one.
DROP TABLE patient;
PRAGMA legacy_alter_table = ON;
ALTER TABLE patient_new RENAME TO patient;
PRAGMA legacy_alter_table = OFF;

-- The indexes 008 left, as 002 and 008 made them.
CREATE INDEX patient_last_key ON patient (last_key, first_key);
CREATE INDEX patient_dob_name ON patient (dob, last_key, first_key);
CREATE INDEX patient_first_key ON patient (first_key);
CREATE INDEX patient_phone ON patient (phone) WHERE phone IS NOT NULL;
CREATE INDEX patient_phone2 ON patient (phone2) WHERE phone2 IS NOT NULL;
CREATE INDEX patient_merged ON patient (merged_into)
    WHERE merged_into IS NOT NULL;

-- As 002: a merged patient is kept, pointing at the survivor, and never
-- merged again or merged into itself.
CREATE TRIGGER patient_merge_once BEFORE UPDATE OF merged_into ON patient
WHEN OLD.merged_into IS NOT NULL
    OR NEW.merged_into = OLD.id
    OR (SELECT merged_into FROM patient WHERE id = NEW.merged_into)
	IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'merge');
END;

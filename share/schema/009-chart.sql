-- 009-chart: what a provider and a nurse chart during a visit: the
-- encounter, its note and addenda, its diagnoses and procedures (what a
-- claim bills), its vital signs, and the patient's problem list.  Only
-- `chart` writes it (lib/encounter.c, lib/problem.c, lib/vitals.c).
--
-- A signed encounter is a legal record: from the moment signed_at is set,
-- its note, diagnoses, procedures and vitals can be neither changed nor
-- deleted, whichever program (or sqlite3 session) tries.  The triggers
-- below hold that; sign_hash (SHA-256 over the canonical signed content,
-- lib/encounter.c) lets `db verify` catch a change made after dropping
-- them.  Later words are addenda, each signed on its own.

-- Instants are UTC "2026-12-01T14:30:00Z", as in 005.
CREATE TABLE encounter (
	id		INTEGER PRIMARY KEY,
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	provider_id	INTEGER NOT NULL REFERENCES provider (id),
	-- one encounter per appointment
	appointment_id	INTEGER UNIQUE REFERENCES appointment (id),
	-- FHIR Encounter.class: office AMB, telehealth VR, home HH, phone
	type		TEXT NOT NULL DEFAULT 'office' CHECK (type = 'office'
			    OR type = 'telehealth' OR type = 'phone'
			    OR type = 'home'),
	start_at	TEXT NOT NULL CHECK (start_at GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
	-- why the patient came: from the appointment's visit type and note
	reason		TEXT CHECK (length(CAST(reason AS BLOB)) BETWEEN 1 AND 1000),
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL,
	signed_at	TEXT,
	signed_by	TEXT,			-- the login that signed
	sign_hash	TEXT CHECK (sign_hash GLOB
			    '[0-9a-f][0-9a-f][0-9a-f][0-9a-f]*'
			    AND length(sign_hash) = 64),
	CHECK ((signed_at IS NULL) = (signed_by IS NULL)
	    AND (signed_at IS NULL) = (sign_hash IS NULL))
) STRICT;
CREATE INDEX encounter_patient ON encounter (patient_id, start_at);
CREATE INDEX encounter_provider ON encounter (provider_id, start_at);
-- the end-of-day to-do list
CREATE INDEX encounter_unsigned ON encounter (provider_id, start_at)
    WHERE signed_at IS NULL;

-- The draft note, one per encounter, rewritten until the encounter is
-- signed; after that it is part of the signed content.
CREATE TABLE encounter_note (
	encounter_id	INTEGER PRIMARY KEY REFERENCES encounter (id),
	template	TEXT,
	body		TEXT NOT NULL
			CHECK (length(CAST(body AS BLOB)) BETWEEN 1 AND 1000000),
	written_at	TEXT NOT NULL,
	written_by	TEXT NOT NULL
) STRICT;

-- Said after signing, signed as it is written; never changed.
CREATE TABLE addendum (
	id		INTEGER PRIMARY KEY,
	encounter_id	INTEGER NOT NULL REFERENCES encounter (id),
	body		TEXT NOT NULL
			CHECK (length(CAST(body AS BLOB)) BETWEEN 1 AND 1000000),
	signed_at	TEXT NOT NULL,
	signed_by	TEXT NOT NULL,
	sign_hash	TEXT NOT NULL CHECK (length(sign_hash) = 64)
) STRICT;
CREATE INDEX addendum_encounter ON addendum (encounter_id, id);

-- The problem list: ICD-10-CM codes (no dot, as in code) a patient lives
-- with, active until resolved.  lib/problem.c checks the code against
-- code (whose key is system and code, so no foreign key here).
CREATE TABLE problem (
	id		INTEGER PRIMARY KEY,
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	code		TEXT NOT NULL,
	onset		TEXT CHECK (onset GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note		TEXT CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 1000),
	resolved_on	TEXT CHECK (resolved_on GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL
) STRICT;
CREATE INDEX problem_patient ON problem (patient_id, code);
-- a code is on a patient's active list at most once
CREATE UNIQUE INDEX problem_active ON problem (patient_id, code)
    WHERE resolved_on IS NULL;

-- The encounter's diagnoses in claim order, 1 to 12: position is the
-- pointer a procedure line names.  Billable ICD-10-CM codes only (checked
-- by lib/encounter.c against code, which keeps retired codes).
CREATE TABLE encounter_dx (
	encounter_id	INTEGER NOT NULL REFERENCES encounter (id),
	position	INTEGER NOT NULL CHECK (position BETWEEN 1 AND 12),
	code		TEXT NOT NULL,
	-- the problem-list entry it is about, when there is one
	problem_id	INTEGER REFERENCES problem (id),
	PRIMARY KEY (encounter_id, position),
	UNIQUE (encounter_id, code)
) STRICT, WITHOUT ROWID;

-- Charge capture: one line a procedure.  CPT (ours to check by shape, its
-- descriptions being licensed) or HCPCS Level II (from code).  mods is up
-- to four two-character modifiers, "25" or "25,59"; dx up to four
-- diagnosis positions, "1" or "1,2".
CREATE TABLE encounter_proc (
	id		INTEGER PRIMARY KEY,
	encounter_id	INTEGER NOT NULL REFERENCES encounter (id),
	system		TEXT NOT NULL CHECK (system = 'cpt' OR system = 'hcpcs'),
	code		TEXT NOT NULL CHECK (length(code) = 5),
	mods		TEXT CHECK (length(mods) BETWEEN 2 AND 11),
	units		INTEGER NOT NULL DEFAULT 1 CHECK (units BETWEEN 1 AND 999),
	dx		TEXT NOT NULL CHECK (length(dx) BETWEEN 1 AND 11),
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL
) STRICT;
CREATE INDEX encounter_proc_encounter ON encounter_proc (encounter_id, id);

-- The clinic's own licensed CPT descriptions (`code import cpt FILE`):
-- clinix ships none.  A well-formed CPT code a procedure line names need
-- not be here; this only lets `code show 99213` say what it is.  Apart
-- from code (003) because that table's systems are the public sets.
CREATE TABLE cpt_code (
	code		TEXT PRIMARY KEY CHECK (length(code) = 5 AND code GLOB
			    '[0-9][0-9][0-9][0-9][0-9FTU]'),
	description	TEXT NOT NULL
			CHECK (length(CAST(description AS BLOB)) BETWEEN 1 AND 2000),
	imported_at	TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The vital signs clinix records: their LOINC code, the UCUM unit they
-- are stored in, and how many decimals a listing shows (the value itself
-- is kept at full precision).  lib/vitals.c holds the same list with the
-- plausible ranges; its unit test checks that the two agree.
CREATE TABLE vital_sign (
	loinc		TEXT PRIMARY KEY CHECK (loinc GLOB '[0-9]*-[0-9]'),
	position	INTEGER NOT NULL UNIQUE,	-- order on a chart
	name		TEXT NOT NULL,
	unit		TEXT NOT NULL,
	decimals	INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 3)
) STRICT;
INSERT INTO vital_sign VALUES
	('8480-6', 1, 'BP systolic', 'mm[Hg]', 0),
	('8462-4', 2, 'BP diastolic', 'mm[Hg]', 0),
	('8867-4', 3, 'heart rate', '/min', 0),
	('9279-1', 4, 'respiratory rate', '/min', 0),
	('8310-5', 5, 'temperature', 'Cel', 1),
	('59408-5', 6, 'SpO2', '%', 0),
	('29463-7', 7, 'weight', 'kg', 2),
	('8302-2', 8, 'height', 'cm', 1),
	('39156-5', 9, 'BMI', 'kg/m2', 1),
	('72514-3', 10, 'pain', '{score}', 0);

-- Vital signs, one observation a row, in SI units with their LOINC code
-- (lib/vitals.c converts what was typed): blood pressure is two rows,
-- 8480-6 systolic and 8462-4 diastolic, BMI (39156-5) a computed one.
CREATE TABLE vitals (
	id		INTEGER PRIMARY KEY,
	encounter_id	INTEGER NOT NULL REFERENCES encounter (id),
	loinc		TEXT NOT NULL REFERENCES vital_sign (loinc),
	value		REAL NOT NULL,
	unit		TEXT NOT NULL,		-- UCUM: mm[Hg], /min, Cel, %, kg, cm, kg/m2, {score}
	at		TEXT NOT NULL CHECK (at GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
	created_by	TEXT NOT NULL
) STRICT;
CREATE INDEX vitals_encounter ON vitals (encounter_id, loinc, at);

-- Signed is final.  An encounter row changes after signing only when a
-- patient merge moves it to the surviving patient (patient_id alone).
-- IS, not =: an unmerged patient's merged_into is NULL, and a NULL
-- comparison would let any move through.
CREATE TRIGGER encounter_signed_update BEFORE UPDATE ON encounter
WHEN OLD.signed_at IS NOT NULL AND NOT (
    NEW.patient_id IS (SELECT merged_into FROM patient WHERE id = OLD.patient_id)
    AND NEW.provider_id = OLD.provider_id
    AND NEW.appointment_id IS OLD.appointment_id
    AND NEW.type = OLD.type AND NEW.start_at = OLD.start_at
    AND NEW.reason IS OLD.reason AND NEW.signed_at = OLD.signed_at
    AND NEW.signed_by = OLD.signed_by AND NEW.sign_hash = OLD.sign_hash)
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;
CREATE TRIGGER encounter_signed_delete BEFORE DELETE ON encounter
WHEN OLD.signed_at IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;

CREATE TRIGGER encounter_note_signed_insert BEFORE INSERT ON encounter_note
WHEN (SELECT signed_at FROM encounter WHERE id = NEW.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;
CREATE TRIGGER encounter_note_signed_update BEFORE UPDATE ON encounter_note
WHEN (SELECT signed_at FROM encounter WHERE id = OLD.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;
CREATE TRIGGER encounter_note_signed_delete BEFORE DELETE ON encounter_note
WHEN (SELECT signed_at FROM encounter WHERE id = OLD.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;

CREATE TRIGGER encounter_dx_signed_insert BEFORE INSERT ON encounter_dx
WHEN (SELECT signed_at FROM encounter WHERE id = NEW.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;
-- problem_id may still be set when a problem is merged away: nothing else
CREATE TRIGGER encounter_dx_signed_update BEFORE UPDATE ON encounter_dx
WHEN (SELECT signed_at FROM encounter WHERE id = OLD.encounter_id) IS NOT NULL
    AND (NEW.encounter_id != OLD.encounter_id OR NEW.position != OLD.position
    OR NEW.code != OLD.code)
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;
CREATE TRIGGER encounter_dx_signed_delete BEFORE DELETE ON encounter_dx
WHEN (SELECT signed_at FROM encounter WHERE id = OLD.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;

CREATE TRIGGER encounter_proc_signed_insert BEFORE INSERT ON encounter_proc
WHEN (SELECT signed_at FROM encounter WHERE id = NEW.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;
CREATE TRIGGER encounter_proc_signed_update BEFORE UPDATE ON encounter_proc
WHEN (SELECT signed_at FROM encounter WHERE id = OLD.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;
CREATE TRIGGER encounter_proc_signed_delete BEFORE DELETE ON encounter_proc
WHEN (SELECT signed_at FROM encounter WHERE id = OLD.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;

CREATE TRIGGER vitals_signed_insert BEFORE INSERT ON vitals
WHEN (SELECT signed_at FROM encounter WHERE id = NEW.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;
CREATE TRIGGER vitals_signed_update BEFORE UPDATE ON vitals
WHEN (SELECT signed_at FROM encounter WHERE id = OLD.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;
CREATE TRIGGER vitals_signed_delete BEFORE DELETE ON vitals
WHEN (SELECT signed_at FROM encounter WHERE id = OLD.encounter_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;

CREATE TRIGGER addendum_no_update BEFORE UPDATE ON addendum
BEGIN
	SELECT RAISE(ABORT, 'addendum signed');
END;
CREATE TRIGGER addendum_no_delete BEFORE DELETE ON addendum
BEGIN
	SELECT RAISE(ABORT, 'addendum signed');
END;

-- Emergency access (HIPAA 164.312(a)(2)(ii)): a chart read by a login whose
-- role may not read it, with --break-glass REASON.  Its audit rows carry
-- the flag (in their MAC: lib/audit.c) and the reason, for the admin's
-- review with `audit list --break-glass`.
ALTER TABLE audit ADD COLUMN break_glass INTEGER NOT NULL DEFAULT 0
    CHECK (break_glass IN (0, 1));
CREATE INDEX audit_break_glass ON audit (id) WHERE break_glass = 1;

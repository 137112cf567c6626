-- 002-registration: what the front desk registers about patients:
-- search keys, edit history, payers and insurance coverage.

-- Folded (lower-case, accents stripped) names for search and the duplicate
-- guard; kept by lib/patient.c on every insert and update.
ALTER TABLE patient ADD COLUMN last_key TEXT NOT NULL DEFAULT '';
ALTER TABLE patient ADD COLUMN first_key TEXT NOT NULL DEFAULT '';
UPDATE patient SET last_key = lower(last), first_key = lower(first);
CREATE INDEX patient_last_key ON patient (last_key, first_key);
-- The duplicate guard asks for name and DOB together, once per row of an
-- import: this answers it from the index alone.  It replaces 001's
-- patient_dob, which it covers.
DROP INDEX patient_dob;
CREATE INDEX patient_dob_name ON patient (dob, last_key, first_key);
CREATE INDEX patient_first_key ON patient (first_key);
CREATE INDEX patient_phone ON patient (phone) WHERE phone IS NOT NULL;
CREATE INDEX patient_merged ON patient (merged_into)
    WHERE merged_into IS NOT NULL;

-- A merged patient is kept, pointing at the survivor, and never merged
-- again or merged into itself.
CREATE TRIGGER patient_merge_once BEFORE UPDATE OF merged_into ON patient
WHEN OLD.merged_into IS NOT NULL
    OR NEW.merged_into = OLD.id
    OR (SELECT merged_into FROM patient WHERE id = NEW.merged_into)
	IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'merge');
END;

-- Who changed which field of whom, when (patient history).
CREATE TABLE patient_history (
	id		INTEGER PRIMARY KEY,
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	at		TEXT NOT NULL,
	login		TEXT NOT NULL,
	field		TEXT NOT NULL,
	old		TEXT,
	new		TEXT
) STRICT;
CREATE INDEX patient_history_patient ON patient_history (patient_id, id);

CREATE TABLE payer (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
	payer_id	TEXT NOT NULL CHECK (length(payer_id) BETWEEN 2 AND 80),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	TEXT NOT NULL
) STRICT;

CREATE TABLE coverage (
	id		INTEGER PRIMARY KEY,
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	payer_id	INTEGER NOT NULL REFERENCES payer (id),
	member_id	TEXT NOT NULL CHECK (length(member_id) BETWEEN 1 AND 80),
	group_no	TEXT CHECK (length(group_no) <= 50),
	priority	TEXT NOT NULL
			CHECK (priority IN ('primary', 'secondary', 'tertiary')),
	relationship	TEXT NOT NULL
			CHECK (relationship IN ('self', 'spouse', 'child', 'other')),
	subscriber_name	TEXT CHECK (length(subscriber_name) <= 200),
	subscriber_dob	TEXT,
	subscriber_sex	TEXT CHECK (subscriber_sex IN ('F', 'M', 'U')),
	start_date	TEXT NOT NULL,
	end_date	TEXT,
	created_at	TEXT NOT NULL,
	CHECK (end_date IS NULL OR end_date >= start_date),
	-- a subscriber other than the patient must be named for the claim
	CHECK (relationship = 'self' OR (subscriber_name IS NOT NULL
	    AND subscriber_dob IS NOT NULL AND subscriber_sex IS NOT NULL))
) STRICT;
CREATE INDEX coverage_patient ON coverage (patient_id, priority);
CREATE INDEX coverage_payer ON coverage (payer_id);

-- One coverage per priority at any one time, however rows get there
-- (added, or moved to the survivor by a merge).
CREATE TRIGGER coverage_no_overlap BEFORE INSERT ON coverage
WHEN EXISTS (SELECT 1 FROM coverage c
    WHERE c.patient_id = NEW.patient_id AND c.priority = NEW.priority
    AND c.start_date <= coalesce(NEW.end_date, '9999-12-31')
    AND coalesce(c.end_date, '9999-12-31') >= NEW.start_date)
BEGIN
	SELECT RAISE(ABORT, 'coverage overlap');
END;

CREATE TRIGGER coverage_no_overlap_update
BEFORE UPDATE OF patient_id, priority, start_date, end_date ON coverage
WHEN EXISTS (SELECT 1 FROM coverage c
    WHERE c.id <> OLD.id
    AND c.patient_id = NEW.patient_id AND c.priority = NEW.priority
    AND c.start_date <= coalesce(NEW.end_date, '9999-12-31')
    AND coalesce(c.end_date, '9999-12-31') >= NEW.start_date)
BEGIN
	SELECT RAISE(ABORT, 'coverage overlap');
END;

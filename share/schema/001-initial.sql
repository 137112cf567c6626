-- 001-initial: users, the audit trail and the patient register the
-- foundation needs.  Applied by `db migrate` (and `clinix init`) inside one
-- transaction; PRAGMA user_version is set by the migrator, not here.

CREATE TABLE meta (
	key	TEXT PRIMARY KEY,
	value	TEXT NOT NULL
) STRICT;

CREATE TABLE user (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL UNIQUE
			CHECK (length(login) BETWEEN 1 AND 64),
	name		TEXT CHECK (name IS NULL OR length(name) <= 200),
	role		TEXT NOT NULL
			CHECK (role IN ('admin', 'provider', 'nurse',
			    'frontdesk', 'billing')),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	TEXT NOT NULL
) STRICT;

-- There is always at least one active admin: the last one can be neither
-- demoted nor disabled, whatever program (or sqlite3 session) tries.
CREATE TRIGGER user_keep_admin_update
BEFORE UPDATE OF role, active ON user
WHEN OLD.role = 'admin' AND OLD.active = 1
    AND (NEW.role <> 'admin' OR NEW.active = 0)
    AND (SELECT count(*) FROM user
	 WHERE role = 'admin' AND active = 1 AND id <> OLD.id) = 0
BEGIN
	SELECT RAISE(ABORT, 'last admin');
END;

CREATE TRIGGER user_keep_admin_delete
BEFORE DELETE ON user
WHEN OLD.role = 'admin' AND OLD.active = 1
    AND (SELECT count(*) FROM user
	 WHERE role = 'admin' AND active = 1 AND id <> OLD.id) = 0
BEGIN
	SELECT RAISE(ABORT, 'last admin');
END;

-- Append-only audit trail.  Each row's mac is HMAC-SHA256 over the row's
-- fields and the previous row's mac (see lib/audit.c); the triggers stop
-- honest mistakes, the chain catches the rest.
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,		-- UTC, 2026-11-26T23:44:53.123Z
	login		TEXT NOT NULL,
	action		TEXT NOT NULL,		-- 'user.add', 'patient.show', ...
	outcome		TEXT NOT NULL CHECK (outcome IN ('ok', 'denied')),
	patient_id	INTEGER,		-- no FK: audit outlives merges
	record		TEXT,			-- typed id, or a count for bulk reads
	detail		TEXT,
	mac		TEXT NOT NULL CHECK (length(mac) = 64)
) STRICT;

CREATE INDEX audit_patient ON audit (patient_id) WHERE patient_id IS NOT NULL;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit is append-only');
END;

CREATE TABLE patient (
	id		INTEGER PRIMARY KEY,
	mrn		TEXT NOT NULL UNIQUE CHECK (length(mrn) BETWEEN 1 AND 32),
	first		TEXT NOT NULL CHECK (length(first) BETWEEN 1 AND 100),
	middle		TEXT CHECK (length(middle) <= 100),
	last		TEXT NOT NULL CHECK (length(last) BETWEEN 1 AND 100),
	preferred	TEXT CHECK (length(preferred) <= 100),
	dob		TEXT NOT NULL CHECK (dob GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	sex		TEXT CHECK (sex IN ('F', 'M', 'X', 'U')),
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
			CHECK (channel IN ('sms', 'email', 'none')),
	sms_consent	TEXT,			-- date consent was given, NULL = no
	email_consent	TEXT,
	emergency_name	TEXT CHECK (length(emergency_name) <= 200),
	emergency_phone	TEXT CHECK (emergency_phone GLOB '+[1-9]*'),
	deceased	TEXT,			-- date of death
	note		TEXT CHECK (length(note) <= 10000),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	merged_into	INTEGER REFERENCES patient (id),
	created_at	TEXT NOT NULL,
	updated_at	TEXT NOT NULL
) STRICT;

CREATE INDEX patient_name ON patient (last COLLATE NOCASE, first COLLATE NOCASE);
CREATE INDEX patient_dob ON patient (dob);

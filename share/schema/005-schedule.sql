-- 005-schedule: appointments, what happened to each, and the waitlist.
-- The rule that matters most lives here, not in C: a provider, a resource
-- and a patient are never in two overlapping live appointments.

-- Instants are UTC, "2026-12-01T14:30:00Z", so text order is time order
-- and SQLite's date functions read them.  Live means it still holds its
-- slot: booked, checked in or out.  Cancelled and no-show free the slot.
CREATE TABLE appointment (
	id		INTEGER PRIMARY KEY,
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	provider_id	INTEGER NOT NULL REFERENCES provider (id),
	resource_id	INTEGER REFERENCES resource (id),
	visit_type_id	INTEGER REFERENCES visit_type (id),
	start_at	TEXT NOT NULL CHECK (start_at GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
	end_at		TEXT NOT NULL CHECK (end_at GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
	status		TEXT NOT NULL DEFAULT 'booked' CHECK (status IN
			    ('booked', 'checkedin', 'checkedout', 'cancelled',
			    'noshow')),
	-- a deliberate double booking (provider or admin, audited)
	overbook	INTEGER NOT NULL DEFAULT 0 CHECK (overbook IN (0, 1)),
	-- booked outside hours, on a day off or in the past, on purpose
	forced		INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1)),
	-- the first appointment of a recurring series (itself included)
	series_id	INTEGER REFERENCES appointment (id),
	note		TEXT CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 1000),
	checkin_at	TEXT,
	checkout_at	TEXT,
	-- how it was booked, for its history: overbook, forced
	booked_as	TEXT,
	-- bumped by every change, for iCalendar SEQUENCE
	seq		INTEGER NOT NULL DEFAULT 0,
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	-- from 1 minute to 12 hours
	CHECK (end_at > start_at),
	CHECK (end_at <= strftime('%Y-%m-%dT%H:%M:%SZ', start_at, '+720 minutes'))
) STRICT;

-- The overlap checks below look at one provider (resource, patient) from
-- 12 hours before the new start, the longest a visit may be, to its end.
CREATE INDEX appointment_provider ON appointment (provider_id, start_at);
CREATE INDEX appointment_patient ON appointment (patient_id, start_at);
CREATE INDEX appointment_resource ON appointment (resource_id, start_at)
    WHERE resource_id IS NOT NULL;
CREATE INDEX appointment_start ON appointment (start_at);

-- One trigger per kind of double booking and per statement, so the error
-- says which rule was broken; lib/appt.c then names the appointment in
-- the way.  Inserts and updates are serialised by BEGIN IMMEDIATE, so a
-- check that reads the table cannot race another writer.
CREATE TRIGGER appointment_provider_free BEFORE INSERT ON appointment
WHEN NEW.status IN ('booked', 'checkedin', 'checkedout') AND NEW.overbook = 0
    AND EXISTS (SELECT 1 FROM appointment a
    WHERE a.provider_id = NEW.provider_id
    AND a.start_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.start_at, '-720 minutes')
    AND a.start_at < NEW.end_at AND a.end_at > NEW.start_at
    AND a.status IN ('booked', 'checkedin', 'checkedout'))
BEGIN
	SELECT RAISE(ABORT, 'provider slot taken');
END;

CREATE TRIGGER appointment_patient_free BEFORE INSERT ON appointment
WHEN NEW.status IN ('booked', 'checkedin', 'checkedout') AND NEW.overbook = 0
    AND EXISTS (SELECT 1 FROM appointment a
    WHERE a.patient_id = NEW.patient_id
    AND a.start_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.start_at, '-720 minutes')
    AND a.start_at < NEW.end_at AND a.end_at > NEW.start_at
    AND a.status IN ('booked', 'checkedin', 'checkedout'))
BEGIN
	SELECT RAISE(ABORT, 'patient already booked');
END;

-- A room holds one visit whatever the providers say: --overbook does not
-- reach resources.
CREATE TRIGGER appointment_resource_free BEFORE INSERT ON appointment
WHEN NEW.resource_id IS NOT NULL
    AND NEW.status IN ('booked', 'checkedin', 'checkedout')
    AND EXISTS (SELECT 1 FROM appointment a
    WHERE a.resource_id = NEW.resource_id
    AND a.start_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.start_at, '-720 minutes')
    AND a.start_at < NEW.end_at AND a.end_at > NEW.start_at
    AND a.status IN ('booked', 'checkedin', 'checkedout'))
BEGIN
	SELECT RAISE(ABORT, 'resource slot taken');
END;

-- Updates are checked only when they claim time they did not hold: a
-- move, another provider, patient or room, or a return to a live status.
-- Checking in an overbooked visit's neighbour must not fail.
CREATE TRIGGER appointment_provider_free_update
BEFORE UPDATE OF provider_id, start_at, end_at, status, overbook
ON appointment
WHEN NEW.status IN ('booked', 'checkedin', 'checkedout') AND NEW.overbook = 0
    AND (OLD.status NOT IN ('booked', 'checkedin', 'checkedout')
    OR OLD.overbook = 1 OR NEW.provider_id <> OLD.provider_id
    OR NEW.start_at < OLD.start_at OR NEW.end_at > OLD.end_at)
    AND EXISTS (SELECT 1 FROM appointment a
    WHERE a.provider_id = NEW.provider_id AND a.id <> NEW.id
    AND a.start_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.start_at, '-720 minutes')
    AND a.start_at < NEW.end_at AND a.end_at > NEW.start_at
    AND a.status IN ('booked', 'checkedin', 'checkedout'))
BEGIN
	SELECT RAISE(ABORT, 'provider slot taken');
END;

CREATE TRIGGER appointment_patient_free_update
BEFORE UPDATE OF patient_id, start_at, end_at, status, overbook
ON appointment
WHEN NEW.status IN ('booked', 'checkedin', 'checkedout') AND NEW.overbook = 0
    AND (OLD.status NOT IN ('booked', 'checkedin', 'checkedout')
    OR OLD.overbook = 1 OR NEW.patient_id <> OLD.patient_id
    OR NEW.start_at < OLD.start_at OR NEW.end_at > OLD.end_at)
    AND EXISTS (SELECT 1 FROM appointment a
    WHERE a.patient_id = NEW.patient_id AND a.id <> NEW.id
    AND a.start_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.start_at, '-720 minutes')
    AND a.start_at < NEW.end_at AND a.end_at > NEW.start_at
    AND a.status IN ('booked', 'checkedin', 'checkedout'))
BEGIN
	SELECT RAISE(ABORT, 'patient already booked');
END;

CREATE TRIGGER appointment_resource_free_update
BEFORE UPDATE OF resource_id, start_at, end_at, status ON appointment
WHEN NEW.resource_id IS NOT NULL
    AND NEW.status IN ('booked', 'checkedin', 'checkedout')
    AND (OLD.status NOT IN ('booked', 'checkedin', 'checkedout')
    OR OLD.resource_id IS NULL OR NEW.resource_id <> OLD.resource_id
    OR NEW.start_at < OLD.start_at OR NEW.end_at > OLD.end_at)
    AND EXISTS (SELECT 1 FROM appointment a
    WHERE a.resource_id = NEW.resource_id AND a.id <> NEW.id
    AND a.start_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.start_at, '-720 minutes')
    AND a.start_at < NEW.end_at AND a.end_at > NEW.start_at
    AND a.status IN ('booked', 'checkedin', 'checkedout'))
BEGIN
	SELECT RAISE(ABORT, 'resource slot taken');
END;

-- What happened to an appointment after it was booked (the booking itself
-- is the row's created_at/created_by): moves with the old times, cancels
-- with their reason, check-in, check-out, no-show.
CREATE TABLE appointment_event (
	id		INTEGER PRIMARY KEY,
	appointment_id	INTEGER NOT NULL REFERENCES appointment (id),
	at		TEXT NOT NULL,
	login		TEXT NOT NULL,
	event		TEXT NOT NULL CHECK (event IN ('moved', 'cancelled',
			    'checkedin', 'checkedout', 'noshow')),
	old_start	TEXT,
	old_end		TEXT,
	detail		TEXT CHECK (length(CAST(detail AS BLOB)) <= 1000)
) STRICT;
CREATE INDEX appointment_event_appointment
    ON appointment_event (appointment_id, id);

-- Patients who want an earlier or any slot with a provider (any provider
-- when provider_id is NULL), of a type, before a date.
CREATE TABLE waitlist (
	id		INTEGER PRIMARY KEY,
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	provider_id	INTEGER REFERENCES provider (id),
	visit_type_id	INTEGER REFERENCES visit_type (id),
	minutes		INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
	before_date	TEXT CHECK (before_date GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note		TEXT CHECK (length(CAST(note AS BLOB)) BETWEEN 1 AND 1000),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL
) STRICT;
CREATE INDEX waitlist_patient ON waitlist (patient_id);

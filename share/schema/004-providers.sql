-- 004-providers: who sees patients and when, what a visit can be, and the
-- rooms and devices a visit may need.  Scheduling reads all of it; only
-- `provider` writes it.

-- A provider as billed: the individual NPI and taxonomy go on every claim.
-- Providers are deactivated, never deleted, so old visits and claims keep
-- pointing at someone.
CREATE TABLE provider (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL
			CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 200),
	-- ten digits, the first 1 or 2, and the check digit: Luhn over
	-- '80840' || npi, where the prefix always adds 24 (standards.md §4).
	-- Odd positions are doubled (d * 2, less 9 when over 9).
	npi		TEXT NOT NULL UNIQUE
			CONSTRAINT npi_check_digit CHECK (npi GLOB '[12][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
			    AND (24
			    + 2 * substr(npi, 1, 1) - 9 * (substr(npi, 1, 1) > '4')
			    + substr(npi, 2, 1)
			    + 2 * substr(npi, 3, 1) - 9 * (substr(npi, 3, 1) > '4')
			    + substr(npi, 4, 1)
			    + 2 * substr(npi, 5, 1) - 9 * (substr(npi, 5, 1) > '4')
			    + substr(npi, 6, 1)
			    + 2 * substr(npi, 7, 1) - 9 * (substr(npi, 7, 1) > '4')
			    + substr(npi, 8, 1)
			    + 2 * substr(npi, 9, 1) - 9 * (substr(npi, 9, 1) > '4')
			    + substr(npi, 10, 1)) % 10 = 0),
	-- NUCC health care provider taxonomy code, e.g. 207Q00000X
	taxonomy	TEXT NOT NULL
			CHECK (taxonomy GLOB '[0-9][0-9][0-9][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]X'),
	credential	TEXT CHECK (length(CAST(credential AS BLOB)) BETWEEN 1 AND 50),
	-- the clinix user who is this provider ("my schedule"); one each
	login		TEXT UNIQUE REFERENCES user (login),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	TEXT NOT NULL
) STRICT;

-- Weekly hours: any number of ranges a day, in minutes since local
-- midnight, so 08:00-12:00 is 480-720 and a day may end at 24:00 (1440).
CREATE TABLE provider_hours (
	provider_id	INTEGER NOT NULL REFERENCES provider (id),
	weekday		INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- 1 = mon
	start_min	INTEGER NOT NULL,
	end_min		INTEGER NOT NULL,
	CHECK (0 <= start_min AND start_min < end_min AND end_min <= 1440),
	PRIMARY KEY (provider_id, weekday, start_min)
) STRICT;

-- Two ranges of one provider's day may touch (12:00 ends one, starts the
-- next) but never overlap, or scheduling would count a slot twice.
CREATE TRIGGER provider_hours_no_overlap_insert
BEFORE INSERT ON provider_hours
WHEN EXISTS (SELECT 1 FROM provider_hours h
    WHERE h.provider_id = NEW.provider_id AND h.weekday = NEW.weekday
    AND h.start_min < NEW.end_min AND NEW.start_min < h.end_min)
BEGIN
	SELECT RAISE(ABORT, 'provider hours overlap');
END;

CREATE TRIGGER provider_hours_no_overlap_update
BEFORE UPDATE ON provider_hours
WHEN EXISTS (SELECT 1 FROM provider_hours h
    WHERE h.provider_id = NEW.provider_id AND h.weekday = NEW.weekday
    AND h.start_min < NEW.end_min AND NEW.start_min < h.end_min
    AND h.rowid <> OLD.rowid)
BEGIN
	SELECT RAISE(ABORT, 'provider hours overlap');
END;

-- Days off (holidays, leave, conferences), whole local days, both ends
-- included.
CREATE TABLE provider_off (
	id		INTEGER PRIMARY KEY,
	provider_id	INTEGER NOT NULL REFERENCES provider (id),
	from_date	TEXT NOT NULL CHECK (from_date GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	to_date		TEXT NOT NULL CHECK (to_date GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	reason		TEXT CHECK (length(CAST(reason AS BLOB)) BETWEEN 1 AND 200),
	created_at	TEXT NOT NULL,
	CHECK (to_date >= from_date)
) STRICT;
CREATE INDEX provider_off_provider ON provider_off (provider_id, from_date);

-- What a visit is booked as, and how long it takes by default.
CREATE TABLE visit_type (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE COLLATE NOCASE
			CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 200),
	minutes		INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 720),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	TEXT NOT NULL
) STRICT;

-- Rooms and devices a visit may hold, booked like providers.
CREATE TABLE resource (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE COLLATE NOCASE
			CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 200),
	kind		TEXT NOT NULL CHECK (kind IN ('room', 'device')),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	TEXT NOT NULL
) STRICT;

-- 013-statement: which patients were emailed their statement of which
-- day (pay statement --email, lib/statement.c).  A row is made before
-- the message goes to sendmail and removed again when sendmail fails, so
-- a patient gets a statement of a given date at most once by email, even
-- when cron and a clerk run it at the same time.
CREATE TABLE statement_sent (
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	as_of		TEXT NOT NULL CHECK (as_of GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	sent_at		TEXT NOT NULL,
	sent_by		TEXT NOT NULL,
	address		TEXT NOT NULL,
	message_id	TEXT NOT NULL,
	PRIMARY KEY (patient_id, as_of)
) STRICT;

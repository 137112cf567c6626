-- 006-remind: every reminder ever claimed, and who asked not to get them.
-- A reminder is claimed (a row inserted) in a transaction before it is
-- sent, so its key is taken once: the UNIQUE constraint is what stops two
-- runs, or a rerun, from sending it again.

CREATE TABLE reminder (
	id		INTEGER PRIMARY KEY,
	-- "apt-12/48h/email/2026-12-01T14:30:00Z": appointment, rule,
	-- channel and the start it was for (a moved visit gets a new key);
	-- "pat-5/recall/sms/2026-11-27" for a list read from stdin.
	key		TEXT NOT NULL UNIQUE,
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	appointment_id	INTEGER REFERENCES appointment (id),
	rule		TEXT NOT NULL,
	channel		TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
	address		TEXT NOT NULL,
	-- claimed: being sent by the run that holds the lease; retry: a
	-- temporary failure, tried again from next_at; sent; failed; dropped:
	-- found cancelled, moved or opted out when its turn came again
	status		TEXT NOT NULL CHECK (status IN ('claimed', 'retry',
			    'sent', 'failed', 'dropped')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	lease_until	TEXT,
	next_at		TEXT,
	run		TEXT,		-- host:pid of the run that claimed it
	message_id	TEXT,
	error		TEXT CHECK (length(CAST(error AS BLOB)) <= 500),
	created_at	TEXT NOT NULL,
	sent_at		TEXT,
	updated_at	TEXT NOT NULL
) STRICT;
CREATE INDEX reminder_patient ON reminder (patient_id, created_at);
CREATE INDEX reminder_created ON reminder (created_at);
-- what a run picks up again: expired leases and retries that are due
CREATE INDEX reminder_pending ON reminder (status, next_at)
    WHERE status IN ('claimed', 'retry');

-- `remind optout PATIENT --channel sms`; deleting the row opts back in.
CREATE TABLE remind_optout (
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	channel		TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
	at		TEXT NOT NULL,
	login		TEXT NOT NULL,
	PRIMARY KEY (patient_id, channel)
) STRICT;

-- Reminders look for booked visits starting in a window: walk only those.
CREATE INDEX appointment_booked ON appointment (start_at)
    WHERE status = 'booked';

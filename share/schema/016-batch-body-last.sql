-- 016-batch-body-last: batch rebuilt with body, the interchange's bytes,
-- as its last column.  `claim export` stores a batch by inserting a
-- zeroblob of the body's size and writing the bytes into it through
-- SQLite's incremental blob I/O, a chunk at a time, so that its memory
-- stays the same whatever the number of claims (issue 14's benchmark:
-- peak RSS constant in the number of claims).  SQLite keeps a zeroblob
-- unexpanded only when nothing with data follows it in the record; with
-- 014's order (sha256, created_at and created_by after body) the
-- INSERT made the whole body in memory, twice: 150 MB for the 75 MB of
-- 100,000 claims.  Nothing else changes: the same columns, checks, ids
-- and triggers; every reference to batch (claim.batch_id, batch_claim,
-- ack_item) stays good, as in 011's rebuild (lib/db.c runs migrations
-- with foreign keys off and checks them all before it commits).

CREATE TABLE batch_new (
	id		INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 999999999),
	payer_id	INTEGER REFERENCES payer (id),	-- NULL: a clearinghouse's
	receiver	TEXT NOT NULL,			-- ISA08, trimmed
	nclaims		INTEGER NOT NULL CHECK (nclaims > 0),
	sha256		TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL,
	-- from its 999: A accepted, E with errors, R rejected
	ack		TEXT CHECK (ack IN ('A', 'E', 'R', 'P')),
	body		BLOB NOT NULL
) STRICT;
INSERT INTO batch_new (id, payer_id, receiver, nclaims, sha256, created_at,
    created_by, ack, body)
SELECT id, payer_id, receiver, nclaims, sha256, created_at, created_by, ack,
    body FROM batch;

-- its triggers go with it, and come back as 014 made them
DROP TABLE batch;
PRAGMA legacy_alter_table = ON;
ALTER TABLE batch_new RENAME TO batch;
PRAGMA legacy_alter_table = OFF;

CREATE TRIGGER batch_never_changed BEFORE UPDATE OF id, payer_id, receiver,
    nclaims, body, sha256, created_at, created_by ON batch
BEGIN
	SELECT RAISE(ABORT, 'claim: a batch is never changed');
END;
CREATE TRIGGER batch_never_deleted BEFORE DELETE ON batch
BEGIN
	SELECT RAISE(ABORT, 'claim: a batch is never deleted');
END;

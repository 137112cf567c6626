-- 014-claim: insurance claims made from signed encounters (lib/claim.c),
-- the X12 837P batches they go out in (lib/claim837.c), the 999 and
-- 277CA acknowledgments that come back (lib/ack.c) and the 835
-- remittances posted to the ledger (lib/remit.c).
--
-- A claim copies what it bills from the encounter when it is made (the
-- diagnoses in order, one line a procedure with its charge), so what was
-- sent can always be shown even after a correction.  Amounts are integer
-- cents, as in the ledger.  Batches, acknowledgments and remittances are
-- never changed or deleted: they are what was sent and received.

-- REF*G1 on the claim: the payer's prior authorisation for the visit.
-- Billing information, not clinical: not part of the signed content, so
-- it may be given after signing.
ALTER TABLE encounter ADD COLUMN prior_auth TEXT
    CHECK (length(prior_auth) BETWEEN 1 AND 50);

-- SBR09 claim filing indicator (standards.md §1): CI commercial, 12 PPO,
-- HM HMO, BL Blue Cross, MB Medicare Part B, MC Medicaid, ZZ unknown...
ALTER TABLE payer ADD COLUMN filing TEXT NOT NULL DEFAULT 'CI'
    CHECK (length(filing) = 2 AND filing NOT GLOB '*[^0-9A-Z]*');

-- clm-N.  control is CLM01 ("clm-N" itself), which comes back as CLP01
-- in the 835 and in TRN02 of the 277CA.  frequency is CLM05-3: 1 an
-- original, 7 a replacement of claim replaces, 8 a void of it; both of
-- those send REF*F8 = payer_claim_no of the claim they replace.  A
-- secondary claim (payer_order S) names the primary's claim whose 835
-- it passes on (primary).
CREATE TABLE claim (
	id		INTEGER PRIMARY KEY,
	control		TEXT NOT NULL UNIQUE CHECK (length(control) BETWEEN 1 AND 20),
	encounter_id	INTEGER NOT NULL REFERENCES encounter (id),
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	coverage_id	INTEGER NOT NULL REFERENCES coverage (id),
	payer_id	INTEGER NOT NULL REFERENCES payer (id),
	provider_id	INTEGER NOT NULL REFERENCES provider (id),	-- rendering
	payer_order	TEXT NOT NULL DEFAULT 'P' CHECK (payer_order IN ('P', 'S', 'T')),
	frequency	INTEGER NOT NULL DEFAULT 1 CHECK (frequency IN (1, 7, 8)),
	replaces	INTEGER REFERENCES claim (id),
	primary_claim	INTEGER REFERENCES claim (id),
	service_day	TEXT NOT NULL CHECK (service_day GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	pos		TEXT NOT NULL CHECK (length(pos) = 2
			    AND pos NOT GLOB '*[^0-9]*'),	-- CLM05-1
	prior_auth	TEXT CHECK (length(prior_auth) BETWEEN 1 AND 50),
	total		INTEGER NOT NULL CHECK (total >= 0),	-- CLM02
	status		TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft',
			    'ready', 'submitted', 'accepted', 'rejected', 'paid',
			    'partial', 'denied', 'closed')),
	-- the payer's claim number, CLP07 of its 835 (REF*F8 when corrected)
	payer_claim_no	TEXT CHECK (length(payer_claim_no) BETWEEN 1 AND 50),
	batch_id	INTEGER REFERENCES batch (id),	-- the last it went in
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL,
	CHECK ((frequency = 1) = (replaces IS NULL)),
	CHECK ((payer_order = 'P') = (primary_claim IS NULL))
) STRICT;
-- one original claim per encounter and payer
CREATE UNIQUE INDEX claim_original ON claim (encounter_id, payer_id)
    WHERE frequency = 1;
CREATE INDEX claim_status ON claim (status, payer_id);
CREATE INDEX claim_patient ON claim (patient_id);
CREATE INDEX claim_batch ON claim (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX claim_day ON claim (service_day);
CREATE INDEX claim_provider ON claim (provider_id, service_day);

-- HI: the encounter's diagnoses in its order; position 1 is ABK.
CREATE TABLE claim_dx (
	claim_id	INTEGER NOT NULL REFERENCES claim (id),
	position	INTEGER NOT NULL CHECK (position BETWEEN 1 AND 12),
	code		TEXT NOT NULL,		-- no dot: E119
	PRIMARY KEY (claim_id, position)
) STRICT, WITHOUT ROWID;

-- 2400: one line a procedure.  pointers are SV107, "1:2"; charge SV102,
-- the ledger's charge for the procedure line.
CREATE TABLE claim_line (
	id		INTEGER PRIMARY KEY,
	claim_id	INTEGER NOT NULL REFERENCES claim (id),
	line		INTEGER NOT NULL CHECK (line BETWEEN 1 AND 50),
	proc_id		INTEGER NOT NULL REFERENCES encounter_proc (id),
	code		TEXT NOT NULL CHECK (length(code) = 5),
	mods		TEXT CHECK (length(mods) BETWEEN 2 AND 11),	-- "25,59"
	units		INTEGER NOT NULL CHECK (units BETWEEN 1 AND 999),
	charge		INTEGER NOT NULL CHECK (charge >= 0),
	pointers	TEXT NOT NULL CHECK (length(pointers) BETWEEN 1 AND 11),
	UNIQUE (claim_id, line)
) STRICT;
CREATE INDEX claim_line_proc ON claim_line (proc_id);

-- claim history: every change of status, with who and when, and why
-- (the scrubber's first complaint, a 277CA status, a CARC...).
CREATE TABLE claim_event (
	id		INTEGER PRIMARY KEY,
	claim_id	INTEGER NOT NULL REFERENCES claim (id),
	at		TEXT NOT NULL,
	who		TEXT NOT NULL,
	status		TEXT NOT NULL,		-- the status it went to
	note		TEXT CHECK (length(CAST(note AS BLOB)) <= 500)
) STRICT;
CREATE INDEX claim_event_claim ON claim_event (claim_id, id);

-- X12 control numbers (ISA13, GS06, ST02): taken from here, never reused,
-- in the transaction that marks the batch's claims submitted.
CREATE TABLE x12_counter (
	name		TEXT PRIMARY KEY,	-- 'interchange'
	last		INTEGER NOT NULL CHECK (last BETWEEN 0 AND 999999999)
) STRICT;
INSERT INTO x12_counter VALUES ('interchange', 0);

-- A batch is one interchange as sent: its number is its ISA13 (GS06 and
-- ST02 too), body the exact bytes, so `claim export --batch N` sends the
-- same file again.
CREATE TABLE batch (
	id		INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 999999999),
	payer_id	INTEGER REFERENCES payer (id),	-- NULL: a clearinghouse's
	receiver	TEXT NOT NULL,			-- ISA08, trimmed
	nclaims		INTEGER NOT NULL CHECK (nclaims > 0),
	body		BLOB NOT NULL,
	sha256		TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL,
	-- from its 999: A accepted, E with errors, R rejected
	ack		TEXT CHECK (ack IN ('A', 'E', 'R', 'P'))
) STRICT;
-- every claim a batch carried (a rejected claim is sent again in a new one)
CREATE TABLE batch_claim (
	batch_id	INTEGER NOT NULL REFERENCES batch (id),
	claim_id	INTEGER NOT NULL REFERENCES claim (id),
	PRIMARY KEY (batch_id, claim_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX batch_claim_claim ON batch_claim (claim_id);

-- ack-N: a 999 or a 277CA as read, once (its sha256).
CREATE TABLE ack (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('999', '277CA')),
	sha256		TEXT NOT NULL UNIQUE,
	control		TEXT NOT NULL,		-- its own ISA13
	received_at	TEXT NOT NULL,
	received_by	TEXT NOT NULL
) STRICT;
-- What an acknowledgment said of a batch (999) or of a claim (277CA).
CREATE TABLE ack_item (
	id		INTEGER PRIMARY KEY,
	ack_id		INTEGER NOT NULL REFERENCES ack (id),
	batch_id	INTEGER REFERENCES batch (id),
	claim_id	INTEGER REFERENCES claim (id),
	result		TEXT NOT NULL CHECK (result IN ('accepted', 'rejected',
			    'errors')),
	codes		TEXT CHECK (length(codes) <= 200),	-- "A7:562:85", IK3/IK4
	CHECK ((batch_id IS NULL) <> (claim_id IS NULL))
) STRICT;
CREATE INDEX ack_item_claim ON ack_item (claim_id) WHERE claim_id IS NOT NULL;
CREATE INDEX ack_item_batch ON ack_item (batch_id) WHERE batch_id IS NOT NULL;

-- era-N: one 835 payment, known by TRN02 (check or EFT trace) with
-- TRN03 (the payer's id): posting the same payment twice is refused here.
CREATE TABLE remit (
	id		INTEGER PRIMARY KEY,
	trace		TEXT NOT NULL,			-- TRN02
	payer_tin	TEXT NOT NULL,			-- TRN03
	payer_id	INTEGER REFERENCES payer (id),
	method		TEXT NOT NULL,			-- BPR04: ACH, CHK, NON...
	paid		INTEGER NOT NULL,		-- BPR02
	paid_on		TEXT,				-- BPR16
	txn_id		INTEGER REFERENCES txn (id),	-- its ledger posting
	sha256		TEXT NOT NULL,
	received_at	TEXT NOT NULL,
	received_by	TEXT NOT NULL,
	UNIQUE (trace, payer_tin)
) STRICT;
-- Each CLP: claim_id NULL when CLP01 matched none of ours (its money is
-- parked in the unapplied account, listed by `claim unmatched`).
CREATE TABLE remit_claim (
	id		INTEGER PRIMARY KEY,
	remit_id	INTEGER NOT NULL REFERENCES remit (id),
	claim_id	INTEGER REFERENCES claim (id),
	clp01		TEXT NOT NULL,
	status		TEXT NOT NULL,			-- CLP02: 1, 2, 4, 22...
	charge		INTEGER NOT NULL,		-- CLP03
	paid		INTEGER NOT NULL,		-- CLP04
	patient_resp	INTEGER,			-- CLP05
	payer_claim_no	TEXT				-- CLP07
) STRICT;
CREATE INDEX remit_claim_claim ON remit_claim (claim_id);
CREATE INDEX remit_claim_remit ON remit_claim (remit_id);
CREATE INDEX remit_claim_unmatched ON remit_claim (remit_id)
    WHERE claim_id IS NULL;
-- Each SVC, matched to the claim's line.
CREATE TABLE remit_line (
	id		INTEGER PRIMARY KEY,
	remit_claim_id	INTEGER NOT NULL REFERENCES remit_claim (id),
	claim_line_id	INTEGER REFERENCES claim_line (id),
	procedure	TEXT NOT NULL,			-- SVC01, "HC:99213:25"
	charge		INTEGER NOT NULL,		-- SVC02
	paid		INTEGER NOT NULL,		-- SVC03
	units		INTEGER,			-- SVC05
	service_day	TEXT				-- DTM*472
) STRICT;
CREATE INDEX remit_line_claim ON remit_line (remit_claim_id);
CREATE INDEX remit_line_line ON remit_line (claim_line_id)
    WHERE claim_line_id IS NOT NULL;
-- Each CAS triplet, at claim level (remit_line_id NULL) or a line's,
-- exactly as the payer sent it: a secondary claim repeats them.
CREATE TABLE remit_adj (
	id		INTEGER PRIMARY KEY,
	remit_claim_id	INTEGER NOT NULL REFERENCES remit_claim (id),
	remit_line_id	INTEGER REFERENCES remit_line (id),
	grp		TEXT NOT NULL CHECK (grp IN ('CO', 'PR', 'OA', 'PI', 'CR')),
	reason		TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 5),	-- CARC
	amount		INTEGER NOT NULL,
	quantity	INTEGER
) STRICT;
CREATE INDEX remit_adj_claim ON remit_adj (remit_claim_id);
CREATE INDEX remit_adj_line ON remit_adj (remit_line_id)
    WHERE remit_line_id IS NOT NULL;
-- Each PLB adjustment: positive reduces the payment, negative adds.
CREATE TABLE remit_plb (
	id		INTEGER PRIMARY KEY,
	remit_id	INTEGER NOT NULL REFERENCES remit (id),
	provider_ref	TEXT NOT NULL,			-- PLB01
	reason		TEXT NOT NULL,			-- L6, WO, FB...
	ref		TEXT,				-- PLB03-2
	amount		INTEGER NOT NULL
) STRICT;
CREATE INDEX remit_plb_remit ON remit_plb (remit_id);

-- Claim adjustment reason codes (`code import carc`, from X12's list as in
-- shared/data/carc.csv): the words for a CAS reason in listings.
CREATE TABLE carc (
	code		TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 5),
	description	TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
	imported_at	TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The ledger accounts remittances post to: EFT clearing beside cash and
-- checks; other and payer-initiated adjustments apart from contractual;
-- money an 835 paid for a claim not ours, until it is sorted out.
INSERT INTO account VALUES
	('eft', 'EFT clearing', 'asset', NULL, 13),
	('adj.other', 'other adjustment (OA)', 'expense', 'payer', 14),
	('adj.payer', 'payer-initiated reduction (PI)', 'expense', 'payer', 15),
	('unapplied', 'unapplied payer payments', 'liability', 'payer', 16);

CREATE TRIGGER batch_never_changed BEFORE UPDATE OF id, payer_id, receiver,
    nclaims, body, sha256, created_at, created_by ON batch
BEGIN
	SELECT RAISE(ABORT, 'claim: a batch is never changed');
END;
CREATE TRIGGER batch_never_deleted BEFORE DELETE ON batch
BEGIN
	SELECT RAISE(ABORT, 'claim: a batch is never deleted');
END;
CREATE TRIGGER x12_counter_forward BEFORE UPDATE ON x12_counter
WHEN NEW.last <= OLD.last
BEGIN
	SELECT RAISE(ABORT, 'claim: control numbers are never reused');
END;
CREATE TRIGGER remit_never_deleted BEFORE DELETE ON remit
BEGIN
	SELECT RAISE(ABORT, 'claim: a remittance is never deleted');
END;
CREATE TRIGGER claim_event_never_changed BEFORE UPDATE ON claim_event
BEGIN
	SELECT RAISE(ABORT, 'claim: history is never changed');
END;
CREATE TRIGGER claim_event_never_deleted BEFORE DELETE ON claim_event
BEGIN
	SELECT RAISE(ABORT, 'claim: history is never deleted');
END;

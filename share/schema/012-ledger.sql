-- 012-ledger: the double-entry ledger of every money event (lib/ledger.c),
-- the fee schedule (lib/fee.c), which procedure lines are charged
-- (lib/charge.c) and the payments patients make (pay post, pay refund).
--
-- Amounts are integer cents.  A posting's amount is a debit when positive
-- and a credit when negative, so the postings of a transaction sum to 0.
-- Nothing here is ever updated or deleted: a mistake is corrected by a
-- reversing transaction (txn.reverses).  Balances are sums of postings,
-- computed when asked (the indexes below), never stored.
--
-- Balancing.  SQLite has no deferred CHECK, so a transaction balances by
-- being closed: lib/ledger.c inserts the txn row (closed = 0), its
-- postings, then sets closed = 1, all inside one SQL transaction.  The
-- UPDATE that closes it is refused unless the txn has two or more
-- postings summing to 0; a closed txn takes no more postings; a txn
-- cannot be inserted closed, and nothing else about it ever changes.
-- What a trigger cannot catch is a txn left open by someone with sqlite3
-- who never closes it: `db verify` reports every open or unbalanced
-- transaction, and the balances of the ledger (sums over all postings)
-- then show it too, as `pay trial-balance` not being 0.00.

-- The chart of accounts, as data: a clinic may add accounts.  per says
-- what every posting to the account must name: the patient (a patient's
-- receivable and credit), the payer (insurance receivable, per payer and
-- patient) or the provider and procedure code (revenue).
CREATE TABLE account (
	code		TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32
			    AND code NOT GLOB '*[^a-z.-]*'),
	name		TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
	type		TEXT NOT NULL CHECK (type IN ('asset', 'liability',
			    'income', 'expense')),
	per		TEXT CHECK (per IN ('patient', 'payer', 'revenue')),
	position	INTEGER NOT NULL UNIQUE	-- order in the trial balance
) STRICT;
INSERT INTO account VALUES
	('ar.patient', 'patient receivable', 'asset', 'patient', 1),
	('ar.insurance', 'insurance receivable', 'asset', 'payer', 2),
	('cash', 'cash', 'asset', NULL, 3),
	('check', 'checks', 'asset', NULL, 4),
	('card', 'card clearing', 'asset', NULL, 5),
	('credit', 'patient credit', 'liability', 'patient', 6),
	-- money owed back to a payer that overpaid (claim posts it)
	('refunds', 'refunds', 'liability', NULL, 7),
	('revenue', 'revenue', 'income', 'revenue', 8),
	('contractual', 'contractual adjustment', 'expense', 'payer', 9),
	('writeoff', 'write-off', 'expense', NULL, 10),
	('baddebt', 'bad debt', 'expense', NULL, 11),
	('plb', 'provider-level adjustments', 'expense', 'payer', 12);

-- txn-N.  at is UTC, "2026-12-01T14:30:00Z"; who the login.
CREATE TABLE txn (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL CHECK (at GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
	kind		TEXT NOT NULL CHECK (kind IN ('charge', 'payment',
			    'refund', 'adjust', 'void', 'remit')),
	memo		TEXT CHECK (length(CAST(memo AS BLOB)) BETWEEN 1 AND 500),
	who		TEXT NOT NULL,
	-- a void names what it reverses; each transaction is voided once
	reverses	INTEGER UNIQUE REFERENCES txn (id),
	closed		INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
	CHECK ((kind = 'void') = (reverses IS NOT NULL))
) STRICT;
CREATE INDEX txn_at ON txn (at);
CREATE INDEX txn_open ON txn (id) WHERE closed = 0;

CREATE TABLE posting (
	id		INTEGER PRIMARY KEY,
	txn_id		INTEGER NOT NULL REFERENCES txn (id),
	account		TEXT NOT NULL REFERENCES account (code),
	amount		INTEGER NOT NULL CHECK (amount <> 0
			    AND abs(amount) <= 100000000000),
	-- what it concerns; per in account says which must be there
	patient_id	INTEGER REFERENCES patient (id),
	payer_id	INTEGER REFERENCES payer (id),
	provider_id	INTEGER REFERENCES provider (id),
	code		TEXT CHECK (length(code) = 5),	-- the procedure's
	encounter_id	INTEGER REFERENCES encounter (id),
	proc_id		INTEGER REFERENCES encounter_proc (id),
	claim_line	INTEGER		-- claim's line, when claim is built
) STRICT;
CREATE INDEX posting_txn ON posting (txn_id);
-- a patient's balance, ledger and open charges
CREATE INDEX posting_patient ON posting (patient_id, account, amount)
    WHERE patient_id IS NOT NULL;
-- the trial balance, as of a day too
CREATE INDEX posting_account ON posting (account, txn_id, amount);
CREATE INDEX posting_encounter ON posting (encounter_id)
    WHERE encounter_id IS NOT NULL;

-- pay-N: a patient's payment or refund, and how the money moved.  Never a
-- card number: a card payment keeps the brand, the last four digits and
-- the processor's reference.
CREATE TABLE payment (
	id		INTEGER PRIMARY KEY,
	txn_id		INTEGER NOT NULL UNIQUE REFERENCES txn (id),
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	kind		TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
	method		TEXT NOT NULL CHECK (method IN ('cash', 'check', 'card')),
	amount		INTEGER NOT NULL CHECK (amount > 0),
	check_no	TEXT CHECK (length(check_no) BETWEEN 1 AND 30),
	card_brand	TEXT CHECK (card_brand IN ('visa', 'mc', 'amex',
			    'discover')),
	last4		TEXT CHECK (length(last4) = 4
			    AND last4 NOT GLOB '*[^0-9]*'),
	ref		TEXT CHECK (length(ref) BETWEEN 1 AND 64),
	CHECK (method = 'check' OR check_no IS NULL),
	CHECK (method = 'card' OR (card_brand IS NULL AND last4 IS NULL
	    AND ref IS NULL))
) STRICT;
CREATE INDEX payment_patient ON payment (patient_id);

-- The fee schedule: the clinic's standard fee (payer_id NULL, what is
-- charged) and payers' expected allowed amounts, each in force from a
-- day until a later row of the same code and payer.
CREATE TABLE fee (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL CHECK (length(code) = 5),
	payer_id	INTEGER REFERENCES payer (id),
	from_day	TEXT NOT NULL CHECK (from_day GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	amount		INTEGER NOT NULL CHECK (amount > 0
			    AND amount <= 100000000),
	set_at		TEXT NOT NULL,
	set_by		TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX fee_key ON fee (code, ifnull(payer_id, 0), from_day);

-- A procedure line is charged once, ever (pay charge or claim create,
-- whichever runs first): its row here names the charging transaction.
CREATE TABLE charge (
	proc_id		INTEGER PRIMARY KEY REFERENCES encounter_proc (id),
	txn_id		INTEGER NOT NULL REFERENCES txn (id)
) STRICT;
CREATE INDEX charge_txn ON charge (txn_id);

CREATE TRIGGER txn_born_open BEFORE INSERT ON txn WHEN NEW.closed <> 0
BEGIN
	SELECT RAISE(ABORT, 'ledger: a transaction is closed after its postings');
END;
CREATE TRIGGER txn_never_changed BEFORE UPDATE ON txn
WHEN NOT (OLD.closed = 0 AND NEW.closed = 1 AND NEW.id = OLD.id
    AND NEW.at = OLD.at AND NEW.kind = OLD.kind AND NEW.memo IS OLD.memo
    AND NEW.who = OLD.who AND NEW.reverses IS OLD.reverses)
BEGIN
	SELECT RAISE(ABORT, 'ledger: transactions are never changed');
END;
CREATE TRIGGER txn_balances BEFORE UPDATE OF closed ON txn
WHEN NEW.closed = 1 AND ((SELECT count(*) FROM posting
    WHERE txn_id = NEW.id) < 2 OR (SELECT sum(amount) FROM posting
    WHERE txn_id = NEW.id) <> 0)
BEGIN
	SELECT RAISE(ABORT, 'ledger: transaction does not balance');
END;
CREATE TRIGGER txn_never_deleted BEFORE DELETE ON txn
BEGIN
	SELECT RAISE(ABORT, 'ledger: transactions are never deleted');
END;

CREATE TRIGGER posting_to_open BEFORE INSERT ON posting
WHEN (SELECT closed FROM txn WHERE id = NEW.txn_id) IS NOT 0
BEGIN
	SELECT RAISE(ABORT, 'ledger: transaction closed');
END;
CREATE TRIGGER posting_names BEFORE INSERT ON posting
WHEN CASE (SELECT per FROM account WHERE code = NEW.account)
    WHEN 'patient' THEN NEW.patient_id IS NULL
    WHEN 'payer' THEN NEW.payer_id IS NULL
    WHEN 'revenue' THEN NEW.provider_id IS NULL OR NEW.code IS NULL
    ELSE 0 END
BEGIN
	SELECT RAISE(ABORT, 'ledger: posting lacks what its account is per');
END;
CREATE TRIGGER posting_never_changed BEFORE UPDATE ON posting
BEGIN
	SELECT RAISE(ABORT, 'ledger: postings are never changed');
END;
CREATE TRIGGER posting_never_deleted BEFORE DELETE ON posting
BEGIN
	SELECT RAISE(ABORT, 'ledger: postings are never deleted');
END;

CREATE TRIGGER payment_never_changed BEFORE UPDATE ON payment
BEGIN
	SELECT RAISE(ABORT, 'ledger: payments are never changed');
END;
CREATE TRIGGER payment_never_deleted BEFORE DELETE ON payment
BEGIN
	SELECT RAISE(ABORT, 'ledger: payments are never deleted');
END;
CREATE TRIGGER charge_never_changed BEFORE UPDATE ON charge
BEGIN
	SELECT RAISE(ABORT, 'ledger: charges are never changed');
END;
CREATE TRIGGER charge_never_deleted BEFORE DELETE ON charge
BEGIN
	SELECT RAISE(ABORT, 'ledger: charges are never deleted');
END;

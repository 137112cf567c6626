-- bench/pay.sql - the pay part's ledger, added by the sqlite3 shell to a
-- clinic gen made (patients 1..P).  bench/run reads it after creating
-- TEMP TABLE bench (patients, txns, hot): the sizes.  Deterministic, as
-- gen's rows are.
--
--   txn k, 1..T   at 2025-01-01Z + k * (three years) / T, so a range of
--                 days holds a share of them in proportion; even k a
--                 charge of 150.00 (ar.patient / revenue of prv-(1 + k
--                 mod 100), 99213), odd k a cash payment of 100.00 (cash /
--                 ar.patient), each two postings: 2T postings, balanced.
--   patient       1 for k <= hot (H: hot postings on ar.patient), else
--                 1 + k mod P.
--
-- The txns go in open, then their postings, then one UPDATE closes them
-- all: the schema's triggers check every posting and that every
-- transaction balances, as they do for the programs.  Foreign keys are
-- off in the shell, so the providers need not exist.
PRAGMA cache_size = -65536;

BEGIN;
INSERT INTO txn (id, at, kind, who)
WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k
    WHERE k < (SELECT txns FROM bench))
SELECT k, strftime('%Y-%m-%dT%H:%M:%SZ', 1735689600 +
    k * 94608000 / (SELECT txns FROM bench), 'unixepoch'),
    CASE k % 2 WHEN 0 THEN 'charge' ELSE 'payment' END, 'bench' FROM k;

INSERT INTO posting (id, txn_id, account, amount, patient_id, provider_id,
    code)
WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k
    WHERE k < (SELECT txns FROM bench)),
pat(k, p) AS (SELECT k, CASE WHEN k <= (SELECT hot FROM bench) THEN 1
    ELSE 1 + k % (SELECT patients FROM bench) END FROM k),
j(j) AS (VALUES (0), (1))
SELECT 2 * k - 1 + j, k,
    CASE WHEN k % 2 = 0 THEN CASE j WHEN 0 THEN 'ar.patient' ELSE 'revenue' END
    ELSE CASE j WHEN 0 THEN 'cash' ELSE 'ar.patient' END END,
    CASE WHEN k % 2 = 0 THEN CASE j WHEN 0 THEN 15000 ELSE -15000 END
    ELSE CASE j WHEN 0 THEN 10000 ELSE -10000 END END,
    CASE WHEN k % 2 = 0 AND j = 1 THEN NULL ELSE p END,
    CASE WHEN k % 2 = 0 AND j = 1 THEN 1 + k % 100 END,
    CASE WHEN k % 2 = 0 AND j = 1 THEN '99213' END
FROM pat, j ORDER BY k, j;

UPDATE txn SET closed = 1;
COMMIT;
ANALYZE;

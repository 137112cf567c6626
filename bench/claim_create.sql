-- bench/claim_create.sql - the claim-create part's clinic, added by the
-- sqlite3 shell to a fresh clinic (bench/claim_create.sh).  It reads
-- TEMP TABLE bench (n, day): n signed encounters, all on local day `day`
-- in America/New_York (14:00Z + k seconds, the same local day).
-- Deterministic:
--
--   prv-1 Maria Chen (NPI 1234567893); pyr-1 Aetna (60054); fees 99213
--   150.00 and 99214 100.00 from 2026-01-01.
--   patient k, 1..n, MRN B<k>, with Aetna primary coverage from
--   2025-01-01, member id W<k>.
--   encounter k: patient k, prv-1, office; dx E11.9 and I10; lines
--   99213 (dx 1) and 99214 x2 (mod 25, dx "1,2"); then signed.
PRAGMA cache_size = -65536;

BEGIN;
INSERT INTO provider (id, name, npi, taxonomy, created_at) VALUES
	(1, 'Maria Chen', '1234567893', '207Q00000X', '2026-01-01T00:00:00Z');
INSERT INTO payer (id, name, payer_id, created_at) VALUES
	(1, 'Aetna', '60054', '2026-01-01T00:00:00Z');
INSERT INTO fee (code, from_day, amount, set_at, set_by) VALUES
	('99213', '2026-01-01', 15000, '2026-01-01T00:00:00Z', 'bench'),
	('99214', '2026-01-01', 10000, '2026-01-01T00:00:00Z', 'bench');

INSERT INTO patient (id, mrn, first, last, dob, created_at, updated_at,
    last_key, first_key)
WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k
    WHERE k < (SELECT n FROM bench))
SELECT k, 'B' || k, 'Pat' || k, 'Bench', '1980-01-02',
    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'bench', 'pat' || k
FROM k;

INSERT INTO coverage (patient_id, payer_id, member_id, priority,
    relationship, start_date, created_at)
SELECT id, 1, 'W' || id, 'primary', 'self', '2025-01-01',
    '2026-01-01T00:00:00Z' FROM patient;

INSERT INTO encounter (id, patient_id, provider_id, type, start_at,
    created_at, created_by)
SELECT id, id, 1, 'office', strftime('%Y-%m-%dT%H:%M:%SZ',
    (SELECT day FROM bench) || 'T14:00:00Z', '+' || id || ' seconds'),
    '2026-01-01T00:00:00Z', 'bench' FROM patient;

INSERT INTO encounter_dx (encounter_id, position, code)
SELECT id, 1, 'E119' FROM encounter UNION ALL
SELECT id, 2, 'I10' FROM encounter;

INSERT INTO encounter_proc (encounter_id, system, code, mods, units, dx,
    created_at, created_by)
SELECT id, 'cpt', '99213', NULL, 1, '1', '2026-01-01T00:00:00Z', 'bench'
FROM encounter UNION ALL
SELECT id, 'cpt', '99214', '25', 2, '1,2', '2026-01-01T00:00:00Z', 'bench'
FROM encounter ORDER BY 1;

UPDATE encounter SET signed_at = start_at, signed_by = 'bench',
    sign_hash = printf('%064d', 0);
COMMIT;
ANALYZE;

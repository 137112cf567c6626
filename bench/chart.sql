-- bench/chart.sql - the chart part's data, added by the sqlite3 shell to a
-- clinic gen made (providers 1..V, patients 1..P).  bench/run reads it
-- after creating TEMP TABLE bench (patients, providers, encounters, vitals,
-- problems, hist): the sizes.  Deterministic: row k of a table is a
-- function of k and the sizes alone, as gen's are.
--
--   encounters  1..E: patient 1 + (k * 7919) mod P (7919 prime, so
--               consecutive encounters are far apart in the patient
--               table, and with P not a multiple of it every patient gets
--               E / P of them), provider 1 + k mod V, a start in 2025-2027
--               (k * 104729 mod three years, in seconds, from 2025-01-01Z),
--               nine in ten signed (a fake hash: db verify fails on a bench
--               clinic, as its audit rows do).
--   vitals      1..VT: encounter 1 + (j mod E), so each has VT / E, of
--               the kind j / E mod 10 (vital_sign's positions), at the
--               encounter's start plus 5 minutes.
--   problems    1..PR: patient 1 + (j mod P), the (j / P)-th of 40 billable
--               codes of the code table, so no patient has a code twice.
--   patient H   (hist, the middle patient): 200 more encounters, 2025-01 on,
--               a day apart, each with a note, a diagnosis, a procedure
--               line and 7 vitals: 2,000 history events beside the few the
--               bulk gave them.
--
-- Child rows go in before their encounters: the triggers that keep a
-- signed encounter final look the encounter up, find none yet, and let
-- them in (foreign keys are off in the shell), so the encounters can be
-- inserted signed instead of signed by 5 million UPDATEs.
PRAGMA cache_size = -65536;

CREATE TEMP TABLE kind AS
    SELECT position - 1 AS k, loinc, unit FROM vital_sign;
CREATE TEMP TABLE dxc AS
    SELECT row_number() OVER (ORDER BY code) - 1 AS k, code FROM code
    WHERE system = 'icd10cm' AND billable = 1 AND retired_in IS NULL
    ORDER BY code LIMIT 40;

BEGIN;
INSERT INTO vitals (id, encounter_id, loinc, value, unit, at, created_by)
WITH RECURSIVE j(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM j
    WHERE j + 1 < (SELECT vitals FROM bench))
SELECT j + 1, 1 + j % b.encounters, kind.loinc,
    50 + (j * 31) % 50, kind.unit,
    strftime('%Y-%m-%dT%H:%M:%SZ', 1735689600 + 300
	+ ((1 + j % b.encounters) * 104729) % 94608000, 'unixepoch'),
    'bench'
FROM j, bench b JOIN kind ON kind.k = (j / b.encounters) % 10;

INSERT INTO problem (id, patient_id, code, created_at, created_by)
WITH RECURSIVE j(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM j
    WHERE j + 1 < (SELECT problems FROM bench))
SELECT j + 1, 1 + j % b.patients, dxc.code, '2025-01-01T00:00:00Z', 'bench'
FROM j, bench b JOIN dxc ON dxc.k = (j / b.patients) % 40;

INSERT INTO encounter (id, patient_id, provider_id, start_at, created_at,
    created_by, signed_at, signed_by, sign_hash)
WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k
    WHERE k < (SELECT encounters FROM bench))
SELECT k, 1 + (k * 7919) % b.patients, 1 + k % b.providers,
    strftime('%Y-%m-%dT%H:%M:%SZ', 1735689600 + (k * 104729) % 94608000,
	'unixepoch') AS at, '2025-01-01T00:00:00Z', 'bench',
    CASE WHEN k % 10 THEN '2025-01-01T00:00:00Z' END,
    CASE WHEN k % 10 THEN 'bench' END,
    CASE WHEN k % 10 THEN printf('%064x', k) END
FROM k, bench b;
COMMIT;

-- patient H's 200 encounters, ids after the bulk's
BEGIN;
CREATE TEMP TABLE h AS
WITH RECURSIVE n(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM n WHERE n < 199)
SELECT b.encounters + 1 + n AS enc, b.hist AS patient,
    strftime('%Y-%m-%dT%H:%M:%SZ', 1735722000 + n * 86400, 'unixepoch') AS at
FROM n, bench b;
INSERT INTO encounter_note (encounter_id, template, body, written_at,
    written_by)
SELECT enc, 'soap', 'S: follow-up ' || enc || char(10) || 'P: continue',
    at, 'bench' FROM h;
INSERT INTO encounter_dx (encounter_id, position, code)
SELECT enc, 1, (SELECT code FROM dxc WHERE k = enc % 40) FROM h;
INSERT INTO encounter_proc (encounter_id, system, code, dx, created_at,
    created_by)
SELECT enc, 'cpt', '99213', '1', at, 'bench' FROM h;
INSERT INTO vitals (encounter_id, loinc, value, unit, at, created_by)
SELECT h.enc, kind.loinc, 60 + kind.k, kind.unit, h.at, 'bench'
FROM h JOIN kind ON kind.k < 7;
INSERT INTO encounter (id, patient_id, provider_id, start_at, created_at,
    created_by, signed_at, signed_by, sign_hash)
SELECT enc, patient, 1, at, at, 'bench', at, 'bench', printf('%064x', enc)
FROM h;
COMMIT;

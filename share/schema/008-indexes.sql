-- 008-indexes: only the indexes on patient that a query plan uses.
-- Every index costs every insert (a patient import writes each one once
-- per row); tests/unit/plan.c runs EXPLAIN QUERY PLAN on every statement
-- of lib/sql.c and fails on a full scan of patient or appointment, and on
-- an index there that no plan uses and no constraint needs.

-- 001's index on the names as typed: every search, listing and the
-- duplicate guard go by the folded keys (patient_last_key,
-- patient_first_key, patient_dob_name) since 002, so no plan reads it.
-- (001's patient_dob, a prefix of patient_dob_name, went in 002.)
DROP INDEX IF EXISTS patient_name;

-- `patient search` by phone matches either number (SQL_PAT_SEARCH_PHONE):
-- with phone2 unindexed the OR could not be answered from indexes, so the
-- search walked every patient in name order and patient_phone went unused.
-- Partial, like patient_phone: most patients have no second number, and
-- those cost an insert nothing but the test of the WHERE.
CREATE INDEX IF NOT EXISTS patient_phone2 ON patient (phone2)
    WHERE phone2 IS NOT NULL;

-- 007-not-duplicate: a patient registered with --force past the duplicate
-- guard is marked as confirmed not a duplicate of the one it looks like.
-- Export writes the mark and import honours it, so a clinic that holds
-- two different people of one name and birth date can be exported and
-- imported elsewhere without --force.
ALTER TABLE patient ADD COLUMN not_duplicate INTEGER NOT NULL DEFAULT 0
    CHECK (not_duplicate IN (0, 1));

-- Before 007 nothing was kept, but a patient that looks like an earlier
-- one (not merged) can only have got past the guard by --force: mark it.
UPDATE patient SET not_duplicate = 1
WHERE merged_into IS NULL AND EXISTS (SELECT 1 FROM patient AS o
    WHERE o.merged_into IS NULL AND o.id < patient.id AND o.dob = patient.dob
    AND ((o.last_key = patient.last_key AND o.first_key = patient.first_key)
	OR o.phone = patient.phone));

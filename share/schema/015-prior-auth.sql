-- 015-prior-auth: a signed encounter's prior authorisation (014's
-- encounter.prior_auth, REF*G1 on its claim) may be given or corrected
-- after signing: it is billing information, not part of the signed
-- content (lib/encounter.c enc_canon leaves it out).  009's trigger
-- refused every change to a signed row but a merge's move; this one lets
-- through, besides, an update that leaves every column 009 knows as it
-- was: a change of prior_auth alone.  It names no column of 014's, so
-- the schema can still be taken back to before 014 (tests/helper.bash
-- schema_back_to drops prior_auth, which a trigger naming it would stop).
-- A column added to encounter later is outside the signed content too
-- unless it is added to this list.  IS throughout, not =: a NULL on
-- either side (signed_at set to NULL) must count as a change.
DROP TRIGGER encounter_signed_update;
CREATE TRIGGER encounter_signed_update BEFORE UPDATE ON encounter
WHEN OLD.signed_at IS NOT NULL AND NOT (
    (NEW.patient_id IS (SELECT merged_into FROM patient WHERE id = OLD.patient_id)
    OR NEW.patient_id IS OLD.patient_id)
    AND NEW.id IS OLD.id AND NEW.provider_id IS OLD.provider_id
    AND NEW.appointment_id IS OLD.appointment_id
    AND NEW.type IS OLD.type AND NEW.start_at IS OLD.start_at
    AND NEW.reason IS OLD.reason AND NEW.signed_at IS OLD.signed_at
    AND NEW.signed_by IS OLD.signed_by AND NEW.sign_hash IS OLD.sign_hash
    AND NEW.created_at IS OLD.created_at
    AND NEW.created_by IS OLD.created_by)
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;

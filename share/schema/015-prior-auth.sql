-- 015-prior-auth: a signed encounter's prior authorisation (014's
-- encounter.prior_auth, REF*G1 on its claim) may be given or corrected
-- after signing: it is billing information, not part of the signed
-- content (lib/encounter.c enc_canon leaves it out).  009's trigger
-- refused every change to a signed row but a merge's move; this one
-- also lets through a change of prior_auth alone.  Every other column
-- stays as 009 holds it.
DROP TRIGGER encounter_signed_update;
CREATE TRIGGER encounter_signed_update BEFORE UPDATE ON encounter
WHEN OLD.signed_at IS NOT NULL AND NOT (
    (NEW.patient_id IS (SELECT merged_into FROM patient WHERE id = OLD.patient_id)
    OR (NEW.patient_id = OLD.patient_id
    AND NEW.prior_auth IS NOT OLD.prior_auth))
    AND NEW.provider_id = OLD.provider_id
    AND NEW.appointment_id IS OLD.appointment_id
    AND NEW.type = OLD.type AND NEW.start_at = OLD.start_at
    AND NEW.reason IS OLD.reason AND NEW.signed_at = OLD.signed_at
    AND NEW.signed_by = OLD.signed_by AND NEW.sign_hash = OLD.sign_hash)
BEGIN
	SELECT RAISE(ABORT, 'encounter signed');
END;

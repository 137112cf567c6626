-- 017-remarks: the remark codes (RARCs) an 835 gives beside its
-- adjustment reasons, kept as sent: a claim's from its MOA (MOA03 to
-- MOA07), a service line's from its LQ*HE segments; comma-separated,
-- "MA01,N130".  They say why in words the CARC alone does not, and a
-- denial is worked from them.
ALTER TABLE remit_claim ADD COLUMN remarks TEXT
    CHECK (length(remarks) BETWEEN 1 AND 63);
ALTER TABLE remit_line ADD COLUMN remarks TEXT
    CHECK (length(remarks) BETWEEN 1 AND 63);

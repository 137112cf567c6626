-- 010-catalog: the drug catalog (ingredients with their RxNorm ids,
-- classes and allergy groups), the allergy groups, the CVX vaccine codes,
-- and what is charted against them: a patient's allergies and
-- immunizations.  `clinix init` fills the catalog from share/catalog/;
-- `code import drugs|allergy-groups|cvx` from a fuller file
-- (lib/catalog.c).  `rx` will check prescriptions against the same rows.
--
-- As with code (003), a catalog row is never deleted, since allergies and
-- immunizations point at it: one a newer import no longer lists is marked
-- with that import's label in retired_in.

-- What a clinician records an allergy to when it is a class, not one
-- drug ("penicillins", "NSAIDs").  name is the key drug rows use.
CREATE TABLE allergy_group (
	name		TEXT PRIMARY KEY COLLATE NOCASE
			CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 80),
	description	TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
	cross_note	TEXT CHECK (length(cross_note) <= 2000),
	members		TEXT CHECK (length(members) <= 2000),	-- "a; b; c"
	version		TEXT NOT NULL,
	retired_in	TEXT
) STRICT;

-- One row per ingredient.  rxcui is the RxNorm ingredient (TTY=IN)
-- concept, digits; NULL when the file leaves it blank.
CREATE TABLE drug (
	id		INTEGER PRIMARY KEY,
	ingredient	TEXT NOT NULL UNIQUE COLLATE NOCASE
			CHECK (length(CAST(ingredient AS BLOB)) BETWEEN 1 AND 120),
	rxcui		TEXT UNIQUE CHECK (length(rxcui) BETWEEN 1 AND 10
			    AND rxcui GLOB '[1-9]*'
			    AND rxcui NOT GLOB '*[^0-9]*'),
	drug_class	TEXT NOT NULL CHECK (length(drug_class) BETWEEN 1 AND 200),
	allergy_group	TEXT REFERENCES allergy_group (name),
	-- as the file gave it ("penicillins (low); ..."); drug_cross holds
	-- it parsed, for queries
	cross_sensitive	TEXT CHECK (length(cross_sensitive) <= 2000),
	products	TEXT CHECK (length(products) <= 2000),
	schedule	TEXT CHECK (schedule IN ('II', 'III', 'IV', 'V')),
	brands		TEXT CHECK (length(brands) <= 400),
	version		TEXT NOT NULL,
	retired_in	TEXT
) STRICT;
CREATE INDEX drug_group ON drug (allergy_group);

-- drugs.csv's cross_sensitive_with, one row per group it names: an
-- allergy to allergy_group is a warning for drug_id too, at level.
CREATE TABLE drug_cross (
	drug_id		INTEGER NOT NULL REFERENCES drug (id),
	allergy_group	TEXT NOT NULL REFERENCES allergy_group (name),
	level		TEXT NOT NULL CHECK (level IN ('high', 'moderate',
			    'low', 'very low', 'label')),
	PRIMARY KEY (drug_id, allergy_group)
) STRICT, WITHOUT ROWID;
CREATE INDEX drug_cross_group ON drug_cross (allergy_group);

-- CDC's vaccine codes; non_vaccine marks 998 "no vaccine administered",
-- 999 "unknown" and the like, which are not given to anyone.
CREATE TABLE cvx (
	code		TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 3
			    AND code NOT GLOB '*[^0-9]*'),
	title		TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 400),
	non_vaccine	INTEGER NOT NULL CHECK (non_vaccine IN (0, 1)),
	version		TEXT NOT NULL,
	retired_in	TEXT
) STRICT;

-- A patient's allergies.  A drug allergy names a catalog ingredient
-- (drug_id), an allergy group, or neither (--free-text); food and
-- environment allergies are free text.  type 'nkda' is the statement "no
-- known drug allergies", which differs from having asked nothing (no row).
-- substance is what was recorded: the catalog's name, or the text given.
-- Never deleted: an allergy entered in error or disproved is inactivated
-- with a reason, and an NKDA row is inactivated when a drug allergy is
-- added.
CREATE TABLE allergy (
	id		INTEGER PRIMARY KEY,
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	type		TEXT NOT NULL CHECK (type IN ('drug', 'food',
			    'environment', 'nkda')),
	substance	TEXT NOT NULL
			CHECK (length(CAST(substance AS BLOB)) BETWEEN 1 AND 200),
	drug_id		INTEGER REFERENCES drug (id),
	allergy_group	TEXT REFERENCES allergy_group (name),
	reaction	TEXT CHECK (length(CAST(reaction AS BLOB)) BETWEEN 1 AND 500),
	severity	TEXT CHECK (severity IN ('mild', 'moderate', 'severe')),
	onset		TEXT CHECK (onset GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL,
	inactive_at	TEXT,
	inactive_by	TEXT,
	inactive_reason	TEXT CHECK (length(CAST(inactive_reason AS BLOB))
			    BETWEEN 1 AND 500),
	CHECK ((inactive_at IS NULL) = (inactive_reason IS NULL)
	    AND (inactive_at IS NULL) = (inactive_by IS NULL)),
	CHECK (drug_id IS NULL OR allergy_group IS NULL),
	CHECK (type = 'drug' OR (drug_id IS NULL AND allergy_group IS NULL))
) STRICT;
CREATE INDEX allergy_patient ON allergy (patient_id, id);
-- one active entry per substance (and so one active NKDA) a patient
CREATE UNIQUE INDEX allergy_active ON allergy (patient_id,
    substance COLLATE NOCASE) WHERE inactive_at IS NULL;
-- rx asks which patients' allergies a drug or group touches
CREATE INDEX allergy_drug ON allergy (drug_id) WHERE drug_id IS NOT NULL;

-- Vaccines given, by CVX code.  route is an HL7 table 0162 code (IM,
-- SC, ...); site and lot are as written on the vial and the chart.
CREATE TABLE immunization (
	id		INTEGER PRIMARY KEY,
	patient_id	INTEGER NOT NULL REFERENCES patient (id),
	cvx		TEXT NOT NULL REFERENCES cvx (code),
	given_on	TEXT NOT NULL CHECK (given_on GLOB
			    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	lot		TEXT CHECK (length(CAST(lot AS BLOB)) BETWEEN 1 AND 40),
	site		TEXT CHECK (length(CAST(site AS BLOB)) BETWEEN 1 AND 60),
	route		TEXT CHECK (route IN ('IM', 'SC', 'ID', 'IV', 'PO',
			    'NS', 'TD', 'OTH')),
	created_at	TEXT NOT NULL,
	created_by	TEXT NOT NULL
) STRICT;
CREATE INDEX immunization_patient ON immunization (patient_id, given_on);

-- 003-codes: the public code sets charts and claims use, ICD-10-CM
-- diagnoses and HCPCS Level II procedures, supplies and modifiers (no CPT:
-- its descriptions are licensed).  Filled by `clinix init` from a starter
-- set and by `code import` from the official files.

-- One row per code ever imported.  A code is never deleted, because old
-- charts and claims still name it: one that a newer import no longer
-- lists keeps its row, marked with the label of that import.
CREATE TABLE code (
	system		TEXT NOT NULL CHECK (system IN ('icd10cm', 'hcpcs')),
	code		TEXT NOT NULL,		-- no dot, upper case: E119
	title		TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 400),
	long_title	TEXT CHECK (length(long_title) <= 8000),
	billable	INTEGER NOT NULL CHECK (billable IN (0, 1)),
	kind		TEXT,			-- HCPCS: 'code' or 'modifier'
	version		TEXT NOT NULL,		-- label of the newest import listing it
	retired_in	TEXT,			-- label of the import that dropped it
	PRIMARY KEY (system, code),
	CHECK (CASE system
	    WHEN 'icd10cm' THEN kind IS NULL AND length(code) BETWEEN 3 AND 7
		AND code GLOB '[A-Z][0-9][0-9A-Z]*'
		AND substr(code, 4) NOT GLOB '*[^0-9A-Z]*'
	    ELSE (kind = 'code' AND code GLOB '[A-V][0-9][0-9][0-9][0-9]')
		OR (kind = 'modifier' AND length(code) = 2
		AND code NOT GLOB '*[^0-9A-Z]*')
	    END)
) STRICT;

-- Full-text search over the code and its titles.  The index holds only
-- tokens (external content: the text stays in code).  lib/codeset.c, the
-- one writer of code, rebuilds it at the end of every load that changed a
-- row: FTS5 flushes its buffer at every statement savepoint, so triggers
-- firing per row made a 97,584-code import four times slower.  A session
-- that edits code by hand must run
-- INSERT INTO code_fts (code_fts) VALUES ('rebuild') after it.
CREATE VIRTUAL TABLE code_fts USING fts5 (code, title, long_title,
    content = 'code', tokenize = 'unicode61 remove_diacritics 2');

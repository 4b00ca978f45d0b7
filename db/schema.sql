-- The signpost directory (its version is user_version, below). signpost-admin builds it from
-- the CSV files beside this one.
-- A change here that changes meaning bumps user_version, and the program refuses other versions.
-- Field meanings follow the Open Referral UK data standard where one exists (organization,
-- service, contact/phone, schedule, service_area, eligibility, language).

PRAGMA application_id = 1397772110;  -- 0x53504F4E 'SPON': a signpost directory
-- user_version 2: training quiz and charts; 3: search per language; 4: definitions name
-- profiles; 5: search indexes without their text, translation_fts numbered by language.
PRAGMA user_version = 5;

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE organisation (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	website TEXT
) WITHOUT ROWID;

-- Rows go in reach order (signpost-admin build), which the paged search reads fastest; no
-- reader relies on it for correctness: self-referral ('self', 'either') whose first public
-- phone (by position) is open round the clock, then self-referral with another public phone,
-- then self-referral with none, then the rest; within each, services for everyone (no
-- profile) before specialist ones, then by folded name, name and id.
CREATE TABLE service (
	rowid          INTEGER PRIMARY KEY,
	id             TEXT NOT NULL UNIQUE,
	organisation   TEXT NOT NULL REFERENCES organisation(id),
	name           TEXT NOT NULL,
	description    TEXT NOT NULL,
	area           TEXT NOT NULL,
	audience       TEXT NOT NULL CHECK (audience IN ('public', 'professional')),
	referral       TEXT CHECK (referral IN ('self', 'professional', 'either')),
	consent_needed INTEGER CHECK (consent_needed IN (0, 1)),
	age_min        INTEGER,
	age_max        INTEGER,
	risk_levels    TEXT,      -- 'standard;medium;high', a subset, or NULL
	profile_mask   INTEGER NOT NULL DEFAULT 0,  -- bit i = profile i of src/core/taxonomy.h
	languages      TEXT,      -- ISO 639-1 codes beyond English, ';'-separated
	eligibility    TEXT,
	status         TEXT NOT NULL CHECK (status IN ('active', 'closed', 'superseded')),
	superseded_by  TEXT REFERENCES service(id),
	source         TEXT NOT NULL,
	source_note    TEXT,
	verified       TEXT,      -- YYYY-MM-DD
	verification   TEXT NOT NULL CHECK (verification IN ('verified', 'unverified'))
);

-- What a search reads of each active service, in row (reach) order, so that it reads these
-- few bytes a service instead of whole rows, which at national scale were hundreds of pages
-- the first time (docs/performance.md). service_filter is what the filter reads: a profile
-- filter with no text (Find support) scans it, a stream of matches looks each up in it.
-- service_rank adds what ranks a match (referral, profiles) and orders equal ranks (name, id),
-- for the exact ranking of a few hundred matches. The search statements name them (INDEXED
-- BY): SQLite looks a row up by rowid in the table even when an index covers it.
CREATE INDEX service_filter ON service (rowid, status, audience, profile_mask, area)
	WHERE status = 'active';
CREATE INDEX service_rank ON service (rowid, status, audience, profile_mask, area, referral,
	name, id) WHERE status = 'active';

CREATE TABLE service_profile (
	service INTEGER NOT NULL REFERENCES service(rowid),
	profile TEXT NOT NULL,
	PRIMARY KEY (service, profile)
) WITHOUT ROWID;

CREATE TABLE contact (
	rowid        INTEGER PRIMARY KEY,
	service      INTEGER NOT NULL REFERENCES service(rowid),
	position     INTEGER NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'web', 'text', 'chat')),
	value        TEXT NOT NULL,
	label        TEXT,
	audience     TEXT NOT NULL CHECK (audience IN ('public', 'professional')),
	hours        TEXT,        -- as written in contacts.csv, for people
	verification TEXT NOT NULL CHECK (verification IN ('verified', 'unverified'))
);
CREATE INDEX contact_by_service ON contact (service, position);

-- Opening hours in structured form: UK wall-clock minutes, 1 = Monday .. 7 = Sunday.
-- close_min > 1440 spills past midnight into the next day.
CREATE TABLE contact_hours (
	contact   INTEGER NOT NULL REFERENCES contact(rowid),
	day       INTEGER NOT NULL CHECK (day BETWEEN 1 AND 7),
	open_min  INTEGER NOT NULL CHECK (open_min BETWEEN 0 AND 1439),
	close_min INTEGER NOT NULL CHECK (close_min > open_min AND close_min <= 2880)
);
CREATE INDEX hours_by_contact ON contact_hours (contact);

-- Public holidays (England and Wales bank holidays) from holidays.csv: on one, a line follows
-- its "PH" rule. Rules naming PH are stored in contact.hours only (contact_hours keeps the
-- weekdays). A directory without this table knows no holidays.
CREATE TABLE holiday (
	date TEXT PRIMARY KEY,  -- YYYY-MM-DD
	name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE definition (
	id         TEXT PRIMARY KEY,
	position   INTEGER NOT NULL,
	term       TEXT NOT NULL,
	act        TEXT,
	section    TEXT,
	legal_text TEXT,
	summary    TEXT NOT NULL,
	source     TEXT,
	profiles   TEXT       -- who it most concerns ("stalking"): the lines its page ends with
) WITHOUT ROWID;

CREATE TABLE glossary (
	term        TEXT PRIMARY KEY,
	expansion   TEXT NOT NULL,
	explanation TEXT
) WITHOUT ROWID;

CREATE TABLE pathway (
	id        TEXT PRIMARY KEY,
	position  INTEGER NOT NULL,
	title     TEXT NOT NULL,
	condition TEXT,
	action    TEXT NOT NULL,
	consent   TEXT,
	notes     TEXT
) WITHOUT ROWID;

-- lang '' = English, searched in every language; else only when that language is chosen.
CREATE TABLE synonym (
	word    TEXT NOT NULL,
	profile TEXT NOT NULL,
	lang    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (word, profile, lang)
) WITHOUT ROWID;

CREATE TABLE fact (
	id     TEXT PRIMARY KEY,
	position INTEGER NOT NULL,
	chart  TEXT NOT NULL,
	label  TEXT NOT NULL,
	value  REAL NOT NULL,
	unit   TEXT,
	period TEXT,
	source TEXT
) WITHOUT ROWID;

-- Training: titles of the key-facts charts, and the scenario quiz.
CREATE TABLE chart (
	id       TEXT PRIMARY KEY,
	position INTEGER NOT NULL,
	title    TEXT NOT NULL,
	note     TEXT
) WITHOUT ROWID;

CREATE TABLE quiz (
	id          TEXT PRIMARY KEY,
	position    INTEGER NOT NULL,
	scenario    TEXT NOT NULL,
	options     TEXT NOT NULL,     -- ';'-separated answers
	answer      INTEGER NOT NULL,  -- 1-based
	explanation TEXT NOT NULL,
	services    TEXT               -- ';'-separated service ids to signpost to
) WITHOUT ROWID;

-- Translations of user-visible data, one field at a time; English is the row itself.
CREATE TABLE translation (
	tbl   TEXT NOT NULL,
	id    TEXT NOT NULL,
	field TEXT NOT NULL,
	lang  TEXT NOT NULL,
	text  TEXT NOT NULL,
	PRIMARY KEY (tbl, id, field, lang)
) WITHOUT ROWID;

-- Search: folded text only (src/core/fold.c), filled by signpost-admin, rowid = service.rowid.
-- Contentless: the index keeps no copy of the text it was made from (nothing reads it back;
-- bm25 needs only the index and the column sizes), a third of the file at national scale.
CREATE VIRTUAL TABLE service_fts USING fts5(
	name, keywords, body,
	content = '', tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2'
);

-- Translated text of each service, one row per language, so a search in Slovak looks at the
-- Slovak translations (and the English), never at Czech ones. Contentless like service_fts,
-- so a row's rowid says what it is: the language code's two or three letters in bits 48-55,
-- 40-47 and 32-39, service.rowid below (src/core/directory.h), each language one range.
CREATE VIRTUAL TABLE translation_fts USING fts5(
	body,
	content = '', tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2'
);

-- Every word of service_fts and translation_fts (fts5vocab, at build time), so a search can
-- turn a typed prefix into the few words it stands for and read their lists in row order a
-- page at a time, where FTS5 would first gather every match of the prefix
-- (src/core/directory_search.c). A directory without it is searched by prefix as before.
CREATE TABLE search_term (
	term TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Glossary and definitions search for staff, same folding, rowid = position in the query.
CREATE VIRTUAL TABLE term_fts USING fts5(
	term UNINDEXED, kind UNINDEXED, words,
	tokenize = 'unicode61 remove_diacritics 0'
);

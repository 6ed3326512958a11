-- casefile tables for PostgreSQL: the equivalent of schema/sqlite.sql.
-- Create once:   psql -v ON_ERROR_STOP=1 -d DB -f schema/postgres.sql
-- Load a run:    bash schema/postgres_load.sh OUT_DIR -d DB   (COPY into staging, upsert)
-- Tables are keyed by the output's content-derived ids; the load script upserts in one
-- transaction (loading the same run twice changes nothing; a newer run updates in place).
-- Character offsets (start, "end") index documents.text.
CREATE TABLE IF NOT EXISTS documents (
  doc_id text PRIMARY KEY,
  source text NOT NULL,
  parent_id text,
  url text,
  title text,
  site_name text,
  author text,
  language text,
  published text,
  published_precision text,
  published_origin text,
  text text NOT NULL,
  record jsonb NOT NULL
);
-- A database created before a column was added gets it here.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS author text;
CREATE TABLE IF NOT EXISTS entities (
  entity_id text PRIMARY KEY,
  entity_type text NOT NULL,
  name text NOT NULL,
  mentions integer NOT NULL,
  record jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
  doc_id text NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  start integer NOT NULL,
  "end" integer NOT NULL,
  surface text NOT NULL,
  entity_id text NOT NULL,
  entity_type text NOT NULL,
  method text NOT NULL,
  confidence real NOT NULL,
  PRIMARY KEY (doc_id, start, "end")
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE TABLE IF NOT EXISTS timexes (
  doc_id text NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  start integer NOT NULL,
  "end" integer NOT NULL,
  surface text NOT NULL,
  type text NOT NULL,
  value text NOT NULL,
  mod text,
  precision text,
  anchor text,
  PRIMARY KEY (doc_id, start, "end")
);
CREATE TABLE IF NOT EXISTS events (
  event_id text PRIMARY KEY,
  event_type text NOT NULL,
  category text NOT NULL,
  main_subject text,
  authority_id text,
  authority_kind text,
  date text,
  date_precision text,
  date_basis text NOT NULL,
  place text,
  modality text NOT NULL,
  attributes jsonb NOT NULL,
  record jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS event_subjects (
  event_id text NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
  position integer NOT NULL,
  entity_id text NOT NULL,
  PRIMARY KEY (event_id, position)
);
CREATE INDEX IF NOT EXISTS event_subjects_entity ON event_subjects(entity_id);
CREATE TABLE IF NOT EXISTS event_sources (
  event_id text NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
  doc_id text NOT NULL,
  start integer NOT NULL,
  "end" integer NOT NULL,
  url text,
  published text,
  evidence text NOT NULL,
  trigger text NOT NULL,
  PRIMARY KEY (event_id, doc_id, start, "end")
);
CREATE TABLE IF NOT EXISTS conflicts (
  event_id text NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
  attribute text NOT NULL,
  value text NOT NULL,
  sources jsonb NOT NULL,
  PRIMARY KEY (event_id, attribute, value)
);

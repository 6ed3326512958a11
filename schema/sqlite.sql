-- casefile tables for SQLite (created by `casefile load --sqlite PATH`).
-- Every table is keyed by the output's content-derived ids, so loading the same run twice
-- changes nothing and loading a newer run updates rows in place. Child rows (a document's
-- mentions and timexes, an event's subjects, sources and conflicts) are replaced with
-- their parent. `record` columns keep the whole JSON line for fields not broken out.
-- Character offsets (`start`, `end`) index the document's `text`.
CREATE TABLE IF NOT EXISTS documents (
  doc_id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  parent_id TEXT,
  url TEXT,
  title TEXT,
  site_name TEXT,
  author TEXT,
  language TEXT,
  published TEXT,
  published_precision TEXT,
  published_origin TEXT,
  text TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
  entity_id TEXT PRIMARY KEY,
  entity_type TEXT NOT NULL,
  name TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  surface TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  method TEXT NOT NULL,
  confidence REAL NOT NULL,
  PRIMARY KEY (doc_id, start, "end")
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE TABLE IF NOT EXISTS timexes (
  doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  surface TEXT NOT NULL,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  mod TEXT,
  precision TEXT,
  anchor TEXT,
  PRIMARY KEY (doc_id, start, "end")
);
CREATE TABLE IF NOT EXISTS events (
  event_id TEXT PRIMARY KEY,
  event_type TEXT NOT NULL,
  category TEXT NOT NULL,
  main_subject TEXT,
  authority_id TEXT,
  authority_kind TEXT,
  date TEXT,
  date_precision TEXT,
  date_basis TEXT NOT NULL,
  place TEXT,
  modality TEXT NOT NULL,
  attributes TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS event_subjects (
  event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (event_id, position)
);
CREATE INDEX IF NOT EXISTS event_subjects_entity ON event_subjects(entity_id);
CREATE TABLE IF NOT EXISTS event_sources (
  event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
  doc_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  url TEXT,
  published TEXT,
  evidence TEXT NOT NULL,
  trigger TEXT NOT NULL,
  PRIMARY KEY (event_id, doc_id, start, "end")
);
CREATE TABLE IF NOT EXISTS conflicts (
  event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
  attribute TEXT NOT NULL,
  value TEXT NOT NULL,
  sources TEXT NOT NULL,
  PRIMARY KEY (event_id, attribute, value)
);

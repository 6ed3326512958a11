-- The upsert half of loading one casefile run into the tables of schema/postgres.sql.
-- Run it through schema/postgres_load.sh OUT [psql options], which opens a transaction,
-- copies each JSON-lines file into a staging table, includes this file and commits:
--
--   BEGIN;
--   CREATE TEMP TABLE stage_events (line jsonb) ON COMMIT DROP;   -- and so on per file
--   \copy stage_events FROM 'out/events.jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
--   \i schema/postgres_load.sql
--   COMMIT;
--
-- Recipe: each JSON-lines file is copied verbatim into a one-column staging table (CSV
-- mode with a quote and delimiter byte that never occur in JSON lines, so backslash
-- escapes inside the JSON reach PostgreSQL untouched), then upserted from jsonb with
-- INSERT ... ON CONFLICT DO UPDATE. A document's mentions and timexes and an event's
-- subjects, sources and conflicts are replaced with it. Rows of earlier runs that this
-- run lacks are kept (delete them yourself to mirror a run, as `casefile load --prune`
-- does for SQLite).
INSERT INTO documents AS d (doc_id, source, parent_id, url, title, site_name, author,
    language, published, published_precision, published_origin, text, record)
  SELECT line->>'doc_id', line->>'source', line->>'parent_id', line->>'url', line->>'title',
    line->>'site_name', line->>'author', line->>'language', line->'published'->>'value',
    line->'published'->>'precision', line->'published'->>'origin', line->>'text', line
  FROM stage_documents
  ON CONFLICT (doc_id) DO UPDATE SET source = excluded.source, parent_id = excluded.parent_id,
    url = excluded.url, title = excluded.title, site_name = excluded.site_name,
    author = excluded.author, language = excluded.language, published = excluded.published,
    published_precision = excluded.published_precision,
    published_origin = excluded.published_origin, text = excluded.text, record = excluded.record
  WHERE d.record IS DISTINCT FROM excluded.record;

DELETE FROM mentions WHERE doc_id IN (SELECT line->>'doc_id' FROM stage_documents);
DELETE FROM timexes WHERE doc_id IN (SELECT line->>'doc_id' FROM stage_documents);
INSERT INTO mentions (doc_id, start, "end", surface, entity_id, entity_type, method, confidence)
  SELECT line->>'doc_id', (line->>'start')::int, (line->>'end')::int, line->>'surface',
    line->>'entity_id', line->>'entity_type', line->>'method', (line->>'confidence')::real
  FROM stage_mentions
  ON CONFLICT (doc_id, start, "end") DO NOTHING;
INSERT INTO timexes (doc_id, start, "end", surface, type, value, mod, precision, anchor)
  SELECT line->>'doc_id', (line->>'start')::int, (line->>'end')::int, line->>'surface',
    line->>'type', line->>'value', line->>'mod', line->>'precision', line->>'anchor'
  FROM stage_timexes
  ON CONFLICT (doc_id, start, "end") DO NOTHING;

INSERT INTO entities AS e (entity_id, entity_type, name, mentions, record)
  SELECT line->>'entity_id', line->>'entity_type', line->>'name', (line->>'mentions')::int, line
  FROM stage_entities
  ON CONFLICT (entity_id) DO UPDATE SET entity_type = excluded.entity_type,
    name = excluded.name, mentions = excluded.mentions, record = excluded.record
  WHERE e.record IS DISTINCT FROM excluded.record;

INSERT INTO events AS ev (event_id, event_type, category, main_subject, authority_id,
    authority_kind, date, date_precision, date_basis, place, modality, attributes, record)
  SELECT line->>'event_id', line->>'event_type', line->>'category', line->'subjects'->>0,
    line->'authority'->>'entity_id', line->'authority'->>'kind', line->'date'->>'value',
    line->'date'->>'precision', line->>'date_basis', line->>'place', line->>'modality',
    coalesce(line->'attributes', '{}'::jsonb), line
  FROM stage_events
  ON CONFLICT (event_id) DO UPDATE SET event_type = excluded.event_type,
    category = excluded.category, main_subject = excluded.main_subject,
    authority_id = excluded.authority_id, authority_kind = excluded.authority_kind,
    date = excluded.date, date_precision = excluded.date_precision,
    date_basis = excluded.date_basis, place = excluded.place, modality = excluded.modality,
    attributes = excluded.attributes, record = excluded.record
  WHERE ev.record IS DISTINCT FROM excluded.record;

DELETE FROM event_subjects WHERE event_id IN (SELECT line->>'event_id' FROM stage_events);
DELETE FROM event_sources WHERE event_id IN (SELECT line->>'event_id' FROM stage_events);
DELETE FROM conflicts WHERE event_id IN (SELECT line->>'event_id' FROM stage_events);
INSERT INTO event_subjects (event_id, position, entity_id)
  SELECT line->>'event_id', (s.ord - 1)::int, s.id
  FROM stage_events, jsonb_array_elements_text(line->'subjects') WITH ORDINALITY AS s(id, ord)
  ON CONFLICT DO NOTHING;
INSERT INTO event_sources (event_id, doc_id, start, "end", url, published, evidence, trigger)
  SELECT line->>'event_id', s->>'doc_id', (s->>'start')::int, (s->>'end')::int, s->>'url',
    s->>'published', s->>'evidence', s->>'trigger'
  FROM stage_events, jsonb_array_elements(line->'sources') AS s
  ON CONFLICT DO NOTHING;
INSERT INTO conflicts (event_id, attribute, value, sources)
  SELECT line->>'event_id', c.key,
    CASE jsonb_typeof(v->'value') WHEN 'string' THEN v->>'value' ELSE (v->'value')::text END,
    coalesce(v->'sources', '[]'::jsonb)
  FROM stage_events, jsonb_each(line->'conflicts') AS c, jsonb_array_elements(c.value) AS v
  ON CONFLICT DO NOTHING;

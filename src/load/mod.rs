//! `casefile load`: a run's output into a database, upserted by its content-derived ids.
//!
//! SQLite is the embedded default (`rusqlite`, SQLite bundled: nothing to install). The
//! tables are in `schema/sqlite.sql`; `schema/postgres.sql` holds the PostgreSQL
//! equivalent with a `COPY`-and-upsert recipe. A load is one transaction: documents,
//! entities and events are upserted by id; a document's mentions and timexes, and an
//! event's subjects, sources and conflicts, are replaced with it. So loading the same run
//! twice changes nothing, and loading a newer run updates rows in place. With `prune`, the
//! database mirrors the run: documents, events and entities the run does not have are
//! deleted (with their child rows).
//!
//! ```no_run
//! use casefile::load::{load_sqlite, LoadOptions};
//! let stats = load_sqlite("out".as_ref(), "casefile.db".as_ref(), &LoadOptions::default())?;
//! println!("{} events", stats.events);
//! # Ok::<(), casefile::error::Error>(())
//! ```

use crate::error::{Error, Result};
use rusqlite::{Connection, params};
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

/// The SQLite DDL (idempotent: `CREATE ... IF NOT EXISTS`).
pub const SQLITE_SCHEMA: &str = include_str!("../../schema/sqlite.sql");

/// Load options.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Delete documents, events and entities that are not in this run.
    pub prune: bool,
}

/// Rows loaded (upserted) per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadStats {
    /// Documents.
    pub documents: usize,
    /// Entities.
    pub entities: usize,
    /// Mentions.
    pub mentions: usize,
    /// Timexes.
    pub timexes: usize,
    /// Events.
    pub events: usize,
    /// Event sources.
    pub event_sources: usize,
    /// Conflicting values.
    pub conflicts: usize,
    /// Rows deleted by `prune`.
    pub pruned: usize,
}

fn db_err(path: &Path, e: rusqlite::Error) -> Error {
    Error::Invalid(format!("{}: {e}", path.display()))
}

/// Calls `f` on every JSON line of `out/name`; errors name the file and line.
fn each_line(out: &Path, name: &str, mut f: impl FnMut(&Value) -> Result<()>) -> Result<()> {
    crate::emit::each_jsonl(&out.join(name), |v| f(&v))
}

fn text<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn req<'a>(v: &'a Value, k: &str) -> Result<&'a str> {
    text(v, k).ok_or_else(|| Error::Invalid(format!("missing `{k}`")))
}

fn int(v: &Value, k: &str) -> Result<i64> {
    v.get(k)
        .and_then(Value::as_i64)
        .ok_or_else(|| Error::Invalid(format!("missing `{k}`")))
}

/// Columns added to the schema after its first release, with their types: a database
/// created before gets them on its next load (`CREATE TABLE IF NOT EXISTS` leaves an
/// existing table as it is).
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[("documents", "author", "TEXT")];

/// Adds the [`ADDED_COLUMNS`] a database lacks.
fn add_missing_columns(conn: &Connection) -> rusqlite::Result<()> {
    for (table, column, kind) in ADDED_COLUMNS {
        let mut st = conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let has = st
            .query_map([], |r| r.get::<_, String>(1))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .iter()
            .any(|c| c == column);
        if !has {
            conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {kind}"))?;
        }
    }
    Ok(())
}

/// Loads the run in `out` into the SQLite database at `db` (created if missing).
pub fn load_sqlite(out: &Path, db: &Path, opts: &LoadOptions) -> Result<LoadStats> {
    for f in [
        "documents.jsonl",
        "mentions.jsonl",
        "timexes.jsonl",
        "events.jsonl",
        "entities.jsonl",
    ] {
        if !out.join(f).is_file() {
            return Err(Error::Invalid(format!(
                "{}: no {f} (run `casefile run --out {}` first)",
                out.display(),
                out.display()
            )));
        }
    }
    let mut conn = Connection::open(db).map_err(|e| db_err(db, e))?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;")
        .map_err(|e| db_err(db, e))?;
    conn.execute_batch(SQLITE_SCHEMA)
        .map_err(|e| db_err(db, e))?;
    add_missing_columns(&conn).map_err(|e| db_err(db, e))?;
    let tx = conn.transaction().map_err(|e| db_err(db, e))?;
    let stats = load_into(&tx, out, opts).map_err(|e| match e {
        Error::Invalid(m) => Error::Invalid(format!("{}: {m}", db.display())),
        other => other,
    })?;
    tx.commit().map_err(|e| db_err(db, e))?;
    Ok(stats)
}

fn sql(e: rusqlite::Error) -> Error {
    Error::Invalid(e.to_string())
}

fn load_into(tx: &rusqlite::Transaction<'_>, out: &Path, opts: &LoadOptions) -> Result<LoadStats> {
    let mut st = LoadStats::default();
    let mut doc_ids: HashSet<String> = HashSet::new();
    {
        let mut up = tx
            .prepare(
                "INSERT INTO documents (doc_id, source, parent_id, url, title, site_name, author,
                   language, published, published_precision, published_origin, text, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (doc_id) DO UPDATE SET source = excluded.source,
                   parent_id = excluded.parent_id, url = excluded.url, title = excluded.title,
                   site_name = excluded.site_name, author = excluded.author,
                   language = excluded.language,
                   published = excluded.published,
                   published_precision = excluded.published_precision,
                   published_origin = excluded.published_origin, text = excluded.text,
                   record = excluded.record
                 WHERE record IS NOT excluded.record",
            )
            .map_err(sql)?;
        let mut del_m = tx
            .prepare("DELETE FROM mentions WHERE doc_id = ?1")
            .map_err(sql)?;
        let mut del_t = tx
            .prepare("DELETE FROM timexes WHERE doc_id = ?1")
            .map_err(sql)?;
        each_line(out, "documents.jsonl", |d| {
            let id = req(d, "doc_id")?;
            let p = d.get("published");
            let pf = |k: &str| p.and_then(|p| p.get(k)).and_then(Value::as_str);
            up.execute(params![
                id,
                req(d, "source")?,
                text(d, "parent_id"),
                text(d, "url"),
                text(d, "title"),
                text(d, "site_name"),
                text(d, "author"),
                text(d, "language"),
                pf("value"),
                pf("precision"),
                pf("origin"),
                req(d, "text")?,
                d.to_string(),
            ])
            .map_err(sql)?;
            del_m.execute(params![id]).map_err(sql)?;
            del_t.execute(params![id]).map_err(sql)?;
            doc_ids.insert(id.to_string());
            st.documents += 1;
            Ok(())
        })?;
    }
    {
        let mut ins = tx
            .prepare(
                "INSERT OR REPLACE INTO mentions (doc_id, start, \"end\", surface, entity_id,
                   entity_type, method, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .map_err(sql)?;
        each_line(out, "mentions.jsonl", |m| {
            ins.execute(params![
                req(m, "doc_id")?,
                int(m, "start")?,
                int(m, "end")?,
                req(m, "surface")?,
                req(m, "entity_id")?,
                req(m, "entity_type")?,
                req(m, "method")?,
                m.get("confidence").and_then(Value::as_f64).unwrap_or(0.0),
            ])
            .map_err(sql)?;
            st.mentions += 1;
            Ok(())
        })?;
        let mut ins = tx
            .prepare(
                "INSERT OR REPLACE INTO timexes (doc_id, start, \"end\", surface, type, value, mod,
                   precision, anchor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(sql)?;
        each_line(out, "timexes.jsonl", |t| {
            ins.execute(params![
                req(t, "doc_id")?,
                int(t, "start")?,
                int(t, "end")?,
                req(t, "surface")?,
                req(t, "type")?,
                req(t, "value")?,
                text(t, "mod"),
                text(t, "precision"),
                text(t, "anchor"),
            ])
            .map_err(sql)?;
            st.timexes += 1;
            Ok(())
        })?;
    }
    let mut entity_ids: HashSet<String> = HashSet::new();
    {
        let mut up = tx
            .prepare(
                "INSERT INTO entities (entity_id, entity_type, name, mentions, record)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (entity_id) DO UPDATE SET entity_type = excluded.entity_type,
                   name = excluded.name, mentions = excluded.mentions, record = excluded.record
                 WHERE record IS NOT excluded.record",
            )
            .map_err(sql)?;
        each_line(out, "entities.jsonl", |e| {
            let id = req(e, "entity_id")?;
            up.execute(params![
                id,
                req(e, "entity_type")?,
                req(e, "name")?,
                int(e, "mentions")?,
                e.to_string()
            ])
            .map_err(sql)?;
            entity_ids.insert(id.to_string());
            st.entities += 1;
            Ok(())
        })?;
    }
    let mut event_ids: HashSet<String> = HashSet::new();
    {
        let mut up = tx
            .prepare(
                "INSERT INTO events (event_id, event_type, category, main_subject, authority_id,
                   authority_kind, date, date_precision, date_basis, place, modality, attributes,
                   record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (event_id) DO UPDATE SET event_type = excluded.event_type,
                   category = excluded.category, main_subject = excluded.main_subject,
                   authority_id = excluded.authority_id, authority_kind = excluded.authority_kind,
                   date = excluded.date, date_precision = excluded.date_precision,
                   date_basis = excluded.date_basis, place = excluded.place,
                   modality = excluded.modality, attributes = excluded.attributes,
                   record = excluded.record
                 WHERE record IS NOT excluded.record",
            )
            .map_err(sql)?;
        let mut dels: Vec<rusqlite::Statement<'_>> =
            ["event_subjects", "event_sources", "conflicts"]
                .iter()
                .map(|t| tx.prepare(&format!("DELETE FROM {t} WHERE event_id = ?1")))
                .collect::<std::result::Result<_, _>>()
                .map_err(sql)?;
        let mut subj = tx
            .prepare("INSERT OR REPLACE INTO event_subjects (event_id, position, entity_id) VALUES (?1, ?2, ?3)")
            .map_err(sql)?;
        let mut src = tx
            .prepare(
                "INSERT OR REPLACE INTO event_sources (event_id, doc_id, start, \"end\", url,
                   published, evidence, trigger) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .map_err(sql)?;
        let mut conf = tx
            .prepare(
                "INSERT OR REPLACE INTO conflicts (event_id, attribute, value, sources)
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(sql)?;
        each_line(out, "events.jsonl", |e| {
            let id = req(e, "event_id")?;
            let subjects: Vec<&str> = e
                .get("subjects")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let auth = e.get("authority");
            let af = |k: &str| auth.and_then(|a| a.get(k)).and_then(Value::as_str);
            let date = e.get("date");
            let df = |k: &str| date.and_then(|d| d.get(k)).and_then(Value::as_str);
            up.execute(params![
                id,
                req(e, "event_type")?,
                req(e, "category")?,
                subjects.first().copied(),
                af("entity_id"),
                af("kind"),
                df("value"),
                df("precision"),
                req(e, "date_basis")?,
                text(e, "place"),
                req(e, "modality")?,
                e.get("attributes").map_or("{}".into(), Value::to_string),
                e.to_string(),
            ])
            .map_err(sql)?;
            for d in dels.iter_mut() {
                d.execute(params![id]).map_err(sql)?;
            }
            for (i, s) in subjects.iter().enumerate() {
                subj.execute(params![id, i as i64, s]).map_err(sql)?;
            }
            for s in e
                .get("sources")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                src.execute(params![
                    id,
                    req(s, "doc_id")?,
                    int(s, "start")?,
                    int(s, "end")?,
                    text(s, "url"),
                    text(s, "published"),
                    req(s, "evidence")?,
                    req(s, "trigger")?,
                ])
                .map_err(sql)?;
                st.event_sources += 1;
            }
            for (attr, values) in e
                .get("conflicts")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                for v in values.as_array().into_iter().flatten() {
                    let value = match v.get("value") {
                        Some(Value::String(s)) => s.clone(),
                        Some(other) => other.to_string(),
                        None => String::new(),
                    };
                    let sources = v.get("sources").map_or("[]".into(), Value::to_string);
                    conf.execute(params![id, attr, value, sources])
                        .map_err(sql)?;
                    st.conflicts += 1;
                }
            }
            event_ids.insert(id.to_string());
            st.events += 1;
            Ok(())
        })?;
    }
    if opts.prune {
        st.pruned += prune(tx, "documents", "doc_id", &doc_ids)?;
        st.pruned += prune(tx, "events", "event_id", &event_ids)?;
        st.pruned += prune(tx, "entities", "entity_id", &entity_ids)?;
    }
    Ok(st)
}

/// Deletes the rows of `table` whose key is not in `keep` (child rows go by cascade).
fn prune(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    key: &str,
    keep: &HashSet<String>,
) -> Result<usize> {
    let ids: Vec<String> = {
        let mut q = tx
            .prepare(&format!("SELECT {key} FROM {table}"))
            .map_err(sql)?;
        q.query_map([], |r| r.get::<_, String>(0))
            .map_err(sql)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql)?
    };
    let mut del = tx
        .prepare(&format!("DELETE FROM {table} WHERE {key} = ?1"))
        .map_err(sql)?;
    let mut n = 0;
    for id in ids.iter().filter(|id| !keep.contains(*id)) {
        n += del.execute(params![id]).map_err(sql)?;
    }
    Ok(n)
}

//! `casefile export --csv DIR`: a run's output as spreadsheet tables.
//!
//! Files (UTF-8, RFC 4180: a header row, comma-separated, CRLF line ends, a field with a
//! comma, quote, CR or LF in double quotes with quotes doubled):
//!
//! - `events.csv`: one row per event: id, type, category, subject ids and names, date,
//!   precision, how it was dated and how the date reads (`no later than 2022-03` for an
//!   event dated by the page entry that reports it), place, acting authority, modality,
//!   terms (prison, restricted freedom, community service, ban, arrest), fine, charges,
//!   other attributes, disagreements between sources, the number of sources, the first
//!   source's evidence sentence and URL, and every source's document id.
//! - `event_sources.csv`: one row per source of an event: event id, document id and title,
//!   URL, published date, trigger word, evidence sentence and its character offsets.
//! - `mentions.csv`: one row per mention: document id and file, offsets, the text as
//!   written, entity id, name and type, how it was linked, confidence.
//! - `entities.csv`: one row per entity: id, type, name, Cyrillic forms, aliases,
//!   acronyms, mentions.
//!
//! Against formula injection (a cell a spreadsheet would run as a formula), a text cell
//! starting with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'` (OWASP's advice);
//! numbers are written as numbers. Each file is written atomically.
//!
//! ```
//! use casefile::export::cell;
//! assert_eq!(cell("Velmara"), "Velmara");
//! assert_eq!(cell("a, \"b\""), "\"a, \"\"b\"\"\"");
//! assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
//! assert_eq!(cell("-5 years"), "'-5 years");
//! ```

use crate::error::{Error, Result};
use crate::events::history::date_label;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One text cell, escaped against formula injection and quoted as RFC 4180 asks.
pub fn cell(text: &str) -> String {
    let guarded = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A CSV file written to a temporary file beside its target and renamed over it.
struct Table {
    path: PathBuf,
    tmp: tempfile::NamedTempFile,
    buf: std::io::BufWriter<std::fs::File>,
    rows: usize,
}

impl Table {
    fn create(dir: &Path, name: &str, header: &[&str]) -> Result<Self> {
        let path = dir.join(name);
        let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
        let file = tmp.reopen().map_err(|e| Error::io(&path, e))?;
        let mut t = Table {
            path,
            tmp,
            buf: std::io::BufWriter::new(file),
            rows: 0,
        };
        let h: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        t.write(&h)?;
        t.rows = 0;
        Ok(t)
    }

    /// Writes a row of already escaped cells.
    fn write(&mut self, cells: &[String]) -> Result<()> {
        self.buf
            .write_all(cells.join(",").as_bytes())
            .and_then(|()| self.buf.write_all(b"\r\n"))
            .map_err(|e| Error::io(&self.path, e))?;
        self.rows += 1;
        Ok(())
    }

    fn finish(self) -> Result<usize> {
        let Table {
            path,
            tmp,
            buf,
            rows,
        } = self;
        let f = buf
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        f.sync_all().map_err(|e| Error::io(&path, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(|e| Error::io(&path, e))?;
        }
        tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        Ok(rows)
    }
}

/// How many rows each file got.
#[derive(Debug, Clone, Default)]
pub struct ExportSummary {
    /// `events.csv`.
    pub events: usize,
    /// `event_sources.csv`.
    pub event_sources: usize,
    /// `mentions.csv`.
    pub mentions: usize,
    /// `entities.csv`.
    pub entities: usize,
}

fn st<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn list(v: &Value) -> String {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect::<Vec<_>>()
        .join("; ")
}

/// An attribute value as text: lists joined with `; `, a fine as `AMOUNT CURRENCY`.
fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join("; "),
        Value::Object(o) if o.contains_key("amount") => format!(
            "{} {}",
            o.get("amount").map(value_text).unwrap_or_default(),
            o.get("currency").map(value_text).unwrap_or_default()
        )
        .trim()
        .to_string(),
        // `5000.0` as `5000`: amounts are whole more often than not.
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// Terms with a column of their own, in column order.
const TERMS: &[&str] = &[
    "prison_term",
    "restricted_freedom",
    "community_service",
    "ban_term",
    "arrest_term",
    "fine",
    "charges",
];

/// Writes the CSV files of the run in `out` into `dir` (created if missing).
pub fn export_csv(out: &Path, dir: &Path) -> Result<ExportSummary> {
    let read = |name: &str| -> Result<PathBuf> {
        let p = out.join(name);
        if p.is_file() {
            Ok(p)
        } else {
            Err(Error::Invalid(format!(
                "{}: not found; run `casefile run --out {}` first",
                p.display(),
                out.display()
            )))
        }
    };
    let (ents_p, events_p, docs_p, mentions_p) = (
        read("entities.jsonl")?,
        read("events.jsonl")?,
        read("documents.jsonl")?,
        read("mentions.jsonl")?,
    );
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut summary = ExportSummary::default();

    let mut names: HashMap<String, (String, String)> = HashMap::new();
    let mut t = Table::create(
        dir,
        "entities.csv",
        &[
            "entity_id",
            "entity_type",
            "name",
            "cyrillic",
            "aliases",
            "acronyms",
            "mentions",
        ],
    )?;
    crate::emit::each_jsonl(&ents_p, |e| {
        let id = st(&e, "entity_id");
        names.insert(
            id.to_string(),
            (
                st(&e, "name").to_string(),
                st(&e, "entity_type").to_string(),
            ),
        );
        let cyr: Vec<String> = [list(&e["ru"]), list(&e["kk"])]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        t.write(&[
            cell(id),
            cell(st(&e, "entity_type")),
            cell(st(&e, "name")),
            cell(&cyr.join("; ")),
            cell(&list(&e["aliases"])),
            cell(&list(&e["acronyms"])),
            e["mentions"].as_u64().unwrap_or(0).to_string(),
        ])
    })?;
    summary.entities = t.finish()?;
    let name = |id: &str| names.get(id).map_or("", |(n, _)| n.as_str()).to_string();

    // Documents: title and source file of each id (the text is not kept).
    let mut docs: HashMap<String, (String, String)> = HashMap::new();
    crate::emit::each_jsonl(&docs_p, |d| {
        docs.insert(
            st(&d, "doc_id").to_string(),
            (st(&d, "title").to_string(), st(&d, "source").to_string()),
        );
        Ok(())
    })?;

    let mut header = vec![
        "event_id",
        "event_type",
        "category",
        "subject_ids",
        "subject_names",
        "date",
        "precision",
        "date_basis",
        "date_reads",
        "place_id",
        "place_name",
        "authority_kind",
        "authority_id",
        "authority_name",
        "modality",
    ];
    header.extend_from_slice(TERMS);
    header.extend_from_slice(&[
        "other_attributes",
        "conflicts",
        "sources",
        "evidence",
        "url",
        "doc_ids",
    ]);
    let mut ev = Table::create(dir, "events.csv", &header)?;
    let mut src = Table::create(
        dir,
        "event_sources.csv",
        &[
            "event_id",
            "doc_id",
            "document_title",
            "document_file",
            "url",
            "published",
            "trigger",
            "evidence",
            "start",
            "end",
        ],
    )?;
    crate::emit::each_jsonl(&events_p, |e| {
        let event_id = st(&e, "event_id");
        let subjects: Vec<&str> = e["subjects"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let subject_names: Vec<String> = subjects.iter().map(|s| name(s)).collect();
        let place = st(&e, "place");
        let auth = &e["authority"];
        let auth_id = st(auth, "entity_id");
        let attrs = e["attributes"].as_object();
        let term = |k: &str| {
            attrs
                .and_then(|a| a.get(k))
                .map_or(String::new(), value_text)
        };
        let other: Vec<String> = attrs
            .into_iter()
            .flatten()
            .filter(|(k, _)| !TERMS.contains(&k.as_str()))
            .map(|(k, v)| format!("{k}={}", value_text(v)))
            .collect();
        let conflicts: Vec<String> = e["conflicts"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, alts)| {
                let vals: Vec<String> = alts
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| value_text(&a["value"]))
                    .collect();
                format!("{k}: {}", vals.join(" | "))
            })
            .collect();
        let sources: Vec<&Value> = e["sources"].as_array().into_iter().flatten().collect();
        let evidence = sources.first().map_or("", |s| st(s, "evidence"));
        let url = sources
            .iter()
            .map(|s| st(s, "url"))
            .find(|u| !u.is_empty())
            .unwrap_or("");
        let doc_ids: Vec<&str> = sources.iter().map(|s| st(s, "doc_id")).collect();
        let date = &e["date"];
        let mut row = vec![
            cell(event_id),
            cell(st(&e, "event_type")),
            cell(st(&e, "category")),
            cell(&subjects.join("; ")),
            cell(&subject_names.join("; ")),
            cell(st(date, "value")),
            cell(st(date, "precision")),
            cell(st(&e, "date_basis")),
            cell(&if date.is_null() {
                String::new()
            } else {
                date_label(&e)
            }),
            cell(place),
            cell(&name(place)),
            cell(st(auth, "kind")),
            cell(auth_id),
            cell(&name(auth_id)),
            cell(st(&e, "modality")),
        ];
        row.extend(TERMS.iter().map(|k| cell(&term(k))));
        row.extend([
            cell(&other.join("; ")),
            cell(&conflicts.join("; ")),
            sources.len().to_string(),
            cell(evidence),
            cell(url),
            cell(&doc_ids.join("; ")),
        ]);
        ev.write(&row)?;
        for s in &sources {
            let doc_id = st(s, "doc_id");
            let (title, file) = docs
                .get(doc_id)
                .map_or(("", ""), |(t, f)| (t.as_str(), f.as_str()));
            src.write(&[
                cell(event_id),
                cell(doc_id),
                cell(title),
                cell(file),
                cell(st(s, "url")),
                cell(st(s, "published")),
                cell(st(s, "trigger")),
                cell(st(s, "evidence")),
                s["start"].as_u64().map_or(String::new(), |n| n.to_string()),
                s["end"].as_u64().map_or(String::new(), |n| n.to_string()),
            ])?;
        }
        Ok(())
    })?;
    summary.events = ev.finish()?;
    summary.event_sources = src.finish()?;

    let mut m = Table::create(
        dir,
        "mentions.csv",
        &[
            "doc_id",
            "document_file",
            "start",
            "end",
            "surface",
            "entity_id",
            "entity_name",
            "entity_type",
            "method",
            "confidence",
        ],
    )?;
    crate::emit::each_jsonl(&mentions_p, |x| {
        let doc_id = st(&x, "doc_id");
        let id = st(&x, "entity_id");
        m.write(&[
            cell(doc_id),
            cell(docs.get(doc_id).map_or("", |(_, f)| f.as_str())),
            x["start"].as_u64().map_or(String::new(), |n| n.to_string()),
            x["end"].as_u64().map_or(String::new(), |n| n.to_string()),
            cell(st(&x, "surface")),
            cell(id),
            cell(&name(id)),
            cell(st(&x, "entity_type")),
            cell(st(&x, "method")),
            x["confidence"]
                .as_f64()
                .map_or(String::new(), |c| c.to_string()),
        ])
    })?;
    summary.mentions = m.finish()?;
    Ok(summary)
}

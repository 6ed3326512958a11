//! Drift of a run's output from a reviewed snapshot (`casefile check --expected DIR`).
//!
//! Records are matched by their ids (documents by `doc_id`, mentions and timexes by
//! document and span, events by `event_id`, entities by `entity_id`, error records by
//! their whole line); each output file yields at most three findings: records added,
//! removed and changed, with counts and the first few ids.

use super::Location;
use crate::error::{Error, Result};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// One drift finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// Where (the snapshot file and line of the first example).
    pub location: Location,
    /// What changed.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// The compared files and how their records are keyed.
const FILES: &[&str] = &[
    "documents.jsonl",
    "mentions.jsonl",
    "timexes.jsonl",
    "events.jsonl",
    "entities.jsonl",
    "errors.jsonl",
];

/// How many example ids a finding names.
const EXAMPLES: usize = 3;

fn key(file: &str, v: &Value, line: &str) -> String {
    let g = |k: &str| match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    match file {
        "documents.jsonl" => g("doc_id"),
        "mentions.jsonl" | "timexes.jsonl" => {
            format!("{}[{}-{}]", g("doc_id"), g("start"), g("end"))
        }
        "events.jsonl" => g("event_id"),
        "entities.jsonl" => g("entity_id"),
        _ => line.to_string(),
    }
}

/// Records of a file by key: (1-based line, the line).
fn records(p: &Path, file: &str) -> Result<BTreeMap<String, (usize, String)>> {
    let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
    let mut out = BTreeMap::new();
    for (i, l) in text.lines().enumerate() {
        let v: Value = serde_json::from_str(l).map_err(|e| Error::Rule {
            path: p.to_path_buf(),
            line: i + 1,
            reason: format!("not a JSON line: {e}"),
        })?;
        out.insert(key(file, &v, l), (i + 1, l.to_string()));
    }
    Ok(out)
}

/// Compares the output in `actual` with the snapshot in `expected`. `Err` when the
/// snapshot directory cannot be read at all.
pub fn compare(expected: &Path, actual: &Path) -> Result<Vec<Drift>> {
    if !expected.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: no snapshot directory (make one with `casefile run --out {}`)",
            expected.display(),
            expected.display()
        )));
    }
    let hint = format!(
        "review the change; if it is intended, refresh the snapshot (`casefile run --out {}`) and commit it",
        expected.display()
    );
    let mut out = Vec::new();
    for file in FILES {
        let ep = expected.join(file);
        if !ep.exists() {
            out.push(Drift {
                location: Location {
                    file: Some(ep.display().to_string()),
                    ..Location::default()
                },
                message: format!("the snapshot has no {file}"),
                hint: hint.clone(),
            });
            continue;
        }
        let old = records(&ep, file)?;
        let new = records(&actual.join(file), file)?;
        let removed: Vec<(&String, usize)> = old
            .iter()
            .filter(|(k, _)| !new.contains_key(*k))
            .map(|(k, (l, _))| (k, *l))
            .collect();
        let added: Vec<&String> = new.keys().filter(|k| !old.contains_key(*k)).collect();
        let changed: Vec<(&String, usize)> = old
            .iter()
            .filter(|(k, (_, line))| new.get(*k).is_some_and(|(_, l)| l != line))
            .map(|(k, (l, _))| (k, *l))
            .collect();
        let at = |line: Option<usize>| Location {
            file: Some(ep.display().to_string()),
            line,
            ..Location::default()
        };
        let examples = |ks: Vec<&String>| {
            let mut s: Vec<String> = ks.iter().take(EXAMPLES).map(|k| short(k)).collect();
            if ks.len() > EXAMPLES {
                s.push("...".into());
            }
            s.join(", ")
        };
        if !removed.is_empty() {
            out.push(Drift {
                location: at(removed.iter().map(|r| r.1).min()),
                message: format!(
                    "{file}: {} record{} of the snapshot gone: {}",
                    removed.len(),
                    plural(removed.len()),
                    examples(removed.iter().map(|r| r.0).collect())
                ),
                hint: hint.clone(),
            });
        }
        if !changed.is_empty() {
            out.push(Drift {
                location: at(changed.iter().map(|r| r.1).min()),
                message: format!(
                    "{file}: {} record{} changed: {}",
                    changed.len(),
                    plural(changed.len()),
                    examples(changed.iter().map(|r| r.0).collect())
                ),
                hint: hint.clone(),
            });
        }
        if !added.is_empty() {
            out.push(Drift {
                location: at(None),
                message: format!(
                    "{file}: {} new record{}: {}",
                    added.len(),
                    plural(added.len()),
                    examples(added)
                ),
                hint: hint.clone(),
            });
        }
    }
    Ok(out)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A key short enough for a message (error records are keyed by their whole line).
fn short(k: &str) -> String {
    if k.chars().count() > 80 {
        format!("{}...", k.chars().take(77).collect::<String>())
    } else {
        k.to_string()
    }
}

//! Finding entities by name in a run's output (`casefile entities`, `casefile history
//! NAME`): `entities.jsonl` gives each entity's names (canonical, Cyrillic, aliases,
//! acronyms) and mention count, `mentions.jsonl` the spellings the texts used.
//!
//! A query matches an entity when every word of it matches a word of one of the entity's
//! names: the same word or its beginning after folding (case, diacritics, Cyrillic
//! look-alikes: [`crate::gazetteer::fold_surface`]), or the same skeleton key
//! ([`crate::gazetteer::skeleton`]: `Eleusinov` finds `Yeleusinov`). Cyrillic names are
//! also searched by their romanisations ([`crate::gazetteer::translit`]), so `Kharkova`
//! finds an entity known only as `Харькова`.
//!
//! ```
//! use casefile::lookup::{EntityRow, search};
//! let rows = vec![EntityRow {
//!     id: "person/tomas-varga".into(),
//!     etype: "person".into(),
//!     name: "Tomáš Varga".into(),
//!     mentions: 2,
//!     variants: vec!["Томаш Варга".into()],
//! }];
//! assert_eq!(search(&rows, "tomas varga").len(), 1);
//! assert_eq!(search(&rows, "VARGA").len(), 1);
//! assert!(search(&rows, "Borand").is_empty());
//! ```

use crate::error::{Error, Result};
use crate::gazetteer::{fold_surface, skeleton, translit};
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// One entity of a run's output.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    /// Its id (`person/larisa-kharkova`).
    pub id: String,
    /// `person`, `org` or `place`.
    pub etype: String,
    /// Its display name.
    pub name: String,
    /// How many mentions the run found.
    pub mentions: u64,
    /// Its other names: Cyrillic forms, aliases, acronyms, spellings in the texts.
    pub variants: Vec<String>,
}

/// A search hit: the entity's index and the name that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into the rows searched.
    pub index: usize,
    /// The name or variant that matched.
    pub matched: String,
    /// The whole name equals the query (after folding).
    pub exact: bool,
}

/// Reads `out/entities.jsonl` and the spellings of `out/mentions.jsonl` (if present).
pub fn load_entities(out: &Path) -> Result<Vec<EntityRow>> {
    let p = out.join("entities.jsonl");
    let f = std::fs::File::open(&p).map_err(|e| {
        Error::Invalid(format!(
            "{}: cannot read ({e}); run `casefile run --out {}` first",
            p.display(),
            out.display()
        ))
    })?;
    let mut rows = Vec::new();
    let mut by_id = HashMap::new();
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| Error::io(&p, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)
            .map_err(|e| Error::rule(&p, i + 1, format!("not a JSON line: {e}")))?;
        let Some(id) = v["entity_id"].as_str() else {
            return Err(Error::rule(&p, i + 1, "no entity_id"));
        };
        let mut variants = Vec::new();
        for k in ["ru", "kk", "aliases", "acronyms"] {
            for s in v[k].as_array().into_iter().flatten() {
                if let Some(s) = s.as_str() {
                    variants.push(s.to_string());
                }
            }
        }
        by_id.insert(id.to_string(), rows.len());
        rows.push(EntityRow {
            id: id.to_string(),
            etype: v["entity_type"].as_str().unwrap_or_default().to_string(),
            name: v["name"].as_str().unwrap_or(id).to_string(),
            mentions: v["mentions"].as_u64().unwrap_or(0),
            variants,
        });
    }
    let mp = out.join("mentions.jsonl");
    if let Ok(f) = std::fs::File::open(&mp) {
        for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line = line.map_err(|e| Error::io(&mp, e))?;
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(&line)
                .map_err(|e| Error::rule(&mp, i + 1, format!("not a JSON line: {e}")))?;
            let (Some(id), Some(s)) = (v["entity_id"].as_str(), v["surface"].as_str()) else {
                continue;
            };
            if let Some(&r) = by_id.get(id) {
                let row: &mut EntityRow = &mut rows[r];
                if row.name != s && !row.variants.iter().any(|x| x == s) {
                    row.variants.push(s.to_string());
                }
            }
        }
    }
    Ok(rows)
}

/// The searchable forms of a name: folded words and their skeleton keys.
struct Form {
    text: String,
    folded: String,
    words: Vec<(String, Vec<String>)>,
}

fn form(text: &str) -> Form {
    let folded = fold_surface(text);
    let words = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| (w.to_string(), skeleton::keys(w)))
        .collect();
    Form {
        text: text.to_string(),
        folded,
        words,
    }
}

/// Every name of an entity, with the romanisations of its Cyrillic ones.
fn forms(row: &EntityRow) -> Vec<Form> {
    let mut out = vec![form(&row.name)];
    for v in &row.variants {
        out.push(form(v));
        if !v.is_ascii() {
            for (r, _) in translit::variants(v) {
                out.push(Form {
                    text: v.clone(),
                    ..form(&r)
                });
            }
        }
    }
    out
}

/// Whether every query word matches a word of `f` (see the module's doc).
fn matches(query: &Form, f: &Form) -> bool {
    !query.words.is_empty()
        && query.words.iter().all(|(q, qk)| {
            f.words.iter().any(|(w, wk)| {
                w.starts_with(q.as_str())
                    || (q.chars().count() >= 4 && qk.iter().any(|k| wk.contains(k)))
            })
        })
}

/// The entities whose names match `query`, best first: whole-name matches, then by
/// mentions (most first), then by id.
pub fn search(rows: &[EntityRow], query: &str) -> Vec<Hit> {
    let mut qs = vec![form(query)];
    if !query.is_ascii() {
        qs.extend(translit::variants(query).iter().map(|(r, _)| form(r)));
    }
    let mut hits = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let fs = forms(row);
        let exact = fs.iter().find(|f| qs.iter().any(|q| q.folded == f.folded));
        let found = exact.or_else(|| fs.iter().find(|f| qs.iter().any(|q| matches(q, f))));
        if let Some(f) = found {
            hits.push(Hit {
                index,
                matched: f.text.clone(),
                exact: exact.is_some(),
            });
        }
    }
    hits.sort_by(|a, b| {
        b.exact
            .cmp(&a.exact)
            .then(rows[b.index].mentions.cmp(&rows[a.index].mentions))
            .then(rows[a.index].id.cmp(&rows[b.index].id))
    });
    hits
}

/// What an entity argument (an id or a name) names.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// One entity.
    One(usize),
    /// Several: the candidates, best first.
    Ambiguous(Vec<Hit>),
    /// None.
    NotFound,
}

/// Resolves an id or a name: an id as written; else the one entity whose whole name (or
/// a variant) is the query, else the one entity the query matches; several are ambiguous.
pub fn resolve(rows: &[EntityRow], query: &str) -> Resolved {
    if let Some(i) = rows.iter().position(|r| r.id == query) {
        return Resolved::One(i);
    }
    let hits = search(rows, query);
    let exact: Vec<&Hit> = hits.iter().filter(|h| h.exact).collect();
    match (exact.len(), hits.len()) {
        (1, _) => Resolved::One(exact[0].index),
        (_, 0) => Resolved::NotFound,
        (0, 1) => Resolved::One(hits[0].index),
        (0, _) => Resolved::Ambiguous(hits),
        _ => Resolved::Ambiguous(hits.into_iter().filter(|h| h.exact).collect()),
    }
}

/// The display name of every entity id.
pub fn names(rows: &[EntityRow]) -> HashMap<String, String> {
    rows.iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, name: &str, mentions: u64, variants: &[&str]) -> EntityRow {
        EntityRow {
            id: id.into(),
            etype: "person".into(),
            name: name.into(),
            mentions,
            variants: variants.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn accents_case_transliteration_and_cyrillic() {
        let rows = vec![
            row("person/odile-maret", "Odile Maret", 3, &[]),
            row("person/ilse-borand", "Ilse Borand", 1, &["Ильзе Боранд"]),
            row("person/amin-yeleusinov", "Amin Yeleusinov", 2, &[]),
        ];
        let ids = |q: &str| -> Vec<String> {
            search(&rows, q)
                .iter()
                .map(|h| rows[h.index].id.clone())
                .collect()
        };
        assert_eq!(ids("ODILE MARÉT"), vec!["person/odile-maret"]);
        assert_eq!(ids("Eleusinov"), vec!["person/amin-yeleusinov"]);
        assert_eq!(ids("Боранд"), vec!["person/ilse-borand"]);
        assert_eq!(ids("mar"), vec!["person/odile-maret"]);
        assert!(ids("Velmara").is_empty());
    }

    #[test]
    fn a_whole_name_beats_a_partial_one_and_two_partials_are_ambiguous() {
        let rows = vec![
            row("person/tomas-varga", "Tomas Varga", 1, &[]),
            row("person/tomas-varga-jr", "Tomas Varga Junior", 5, &[]),
            row("person/ilse-varga", "Ilse Varga", 2, &[]),
        ];
        assert_eq!(resolve(&rows, "tomas varga"), Resolved::One(0));
        assert_eq!(resolve(&rows, "person/ilse-varga"), Resolved::One(2));
        match resolve(&rows, "Varga") {
            Resolved::Ambiguous(h) => assert_eq!(h.len(), 3),
            other => panic!("{other:?}"),
        }
        assert_eq!(resolve(&rows, "Ilse"), Resolved::One(2));
        assert_eq!(resolve(&rows, "Borand"), Resolved::NotFound);
    }
}

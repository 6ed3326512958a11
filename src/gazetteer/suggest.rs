//! `casefile gazetteer suggest`: candidate gazetteer entries from a corpus.
//!
//! Mentions found by skeleton key or as near misses suggest new aliases of known entities;
//! discovered names suggest new entries. Suggestions are grouped by entity and ranked by the
//! number of mentions, with the spellings seen.

use crate::doc::{Doc, EntityType, Method};
use std::collections::BTreeMap;

/// One suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Known entity id, or the `new/...` id of a discovered name.
    pub entity_id: String,
    /// Entity type.
    pub entity_type: EntityType,
    /// Whether the entity is new (not in the gazetteer).
    pub new: bool,
    /// Spellings seen, with their counts, most frequent first.
    pub surfaces: Vec<(String, usize)>,
    /// Documents (sources) that mention it.
    pub documents: Vec<String>,
    /// How the spellings were found.
    pub methods: Vec<Method>,
}

/// Collects suggestions from annotated documents, most mentioned first.
pub fn suggest(docs: &[Doc]) -> Vec<Suggestion> {
    let mut by: BTreeMap<String, Suggestion> = BTreeMap::new();
    for d in docs {
        for m in &d.mentions {
            if !matches!(
                m.method,
                Method::Skeleton | Method::Fuzzy | Method::Discovered
            ) {
                continue;
            }
            let s = by
                .entry(m.entity_id.to_string())
                .or_insert_with(|| Suggestion {
                    entity_id: m.entity_id.to_string(),
                    entity_type: m.entity_type,
                    new: m.method == Method::Discovered,
                    surfaces: Vec::new(),
                    documents: Vec::new(),
                    methods: Vec::new(),
                });
            let surface = m
                .span
                .of(&d.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            match s.surfaces.iter_mut().find(|(x, _)| *x == surface) {
                Some(e) => e.1 += 1,
                None => s.surfaces.push((surface, 1)),
            }
            if !s.documents.contains(&d.source) {
                s.documents.push(d.source.clone());
            }
            if !s.methods.contains(&m.method) {
                s.methods.push(m.method);
            }
        }
    }
    let mut out: Vec<Suggestion> = by.into_values().collect();
    for s in &mut out {
        s.surfaces.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    let count = |s: &Suggestion| s.surfaces.iter().map(|x| x.1).sum::<usize>();
    out.sort_by(|a, b| count(b).cmp(&count(a)).then(a.entity_id.cmp(&b.entity_id)));
    out
}

/// Renders suggestions as gazetteer text a reviewer can paste: new entries as blocks,
/// new spellings of known entities as `alias:` lines under a comment naming the entity.
pub fn render(suggestions: &[Suggestion]) -> String {
    let mut out = String::from("# casefile gazetteer suggestions (review before adding)\n\n");
    for s in suggestions {
        let total: usize = s.surfaces.iter().map(|x| x.1).sum();
        let spellings: Vec<&str> = s.surfaces.iter().map(|x| x.0.as_str()).collect();
        out.push_str(&format!(
            "# {} mention(s) in {} document(s): {}\n",
            total,
            s.documents.len(),
            s.documents.join(", ")
        ));
        if s.new {
            let slug = spellings[0]
                .to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect::<String>();
            out.push_str(&format!(
                "id: {}/{}\ntype: {}\nname: {}\n",
                s.entity_type.as_str(),
                slug,
                s.entity_type.as_str(),
                spellings[0]
            ));
            if spellings.len() > 1 {
                out.push_str(&format!("alias: {}\n", spellings[1..].join(" | ")));
            }
        } else {
            out.push_str(&format!(
                "# new spellings of {}:\nalias: {}\n",
                s.entity_id,
                spellings.join(" | ")
            ));
        }
        out.push('\n');
    }
    out
}

//! Cross-document merging of events: one record per real event, with every source.
//!
//! Events are keyed on type, main subject and date value; the `event_id` is a hash of that
//! key, so adding a source never changes it.

use crate::doc::{Date, Event};
use crate::ingest::content_id;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Where an event is stated: the evidence sentence in character offsets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceRef {
    /// Document id.
    pub doc_id: String,
    /// First character of the evidence sentence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
}

/// One document's event with its source reference.
#[derive(Debug, Clone)]
pub struct DocEvent {
    /// The event.
    pub event: Event,
    /// Its source.
    pub source: SourceRef,
}

/// A merged event.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedEvent {
    /// Content-derived id.
    pub event_id: String,
    /// Type.
    pub event_type: String,
    /// Subjects (main subject first).
    pub subjects: Vec<String>,
    /// Date.
    pub date: Option<Date>,
    /// Place entity id.
    pub place: Option<String>,
    /// Attributes (first source that states one wins).
    pub attributes: Map<String, Value>,
    /// Every source, sorted.
    pub sources: Vec<SourceRef>,
}

/// The events of one document with their evidence in character offsets.
pub fn doc_events(doc: &crate::doc::Doc, ix: &crate::emit::CharIndex) -> Vec<DocEvent> {
    doc.events
        .iter()
        .map(|e| DocEvent {
            event: e.clone(),
            source: SourceRef {
                doc_id: doc.id.clone(),
                start: ix.chars(e.evidence.start),
                end: ix.chars(e.evidence.end),
            },
        })
        .collect()
}

/// The merge key of an event, which its id is derived from.
pub fn merge_key(e: &Event) -> String {
    format!(
        "{}|{}|{}",
        e.event_type,
        e.subjects.first().map_or("", String::as_str),
        e.date.map(|d| d.iso()).unwrap_or_default()
    )
}

/// Merges events from many documents. Output is sorted by main subject, date, type.
pub fn merge(events: Vec<DocEvent>) -> Vec<MergedEvent> {
    let mut groups: BTreeMap<String, MergedEvent> = BTreeMap::new();
    let mut events = events;
    events.sort_by(|a, b| a.source.cmp(&b.source));
    for de in events {
        let key = merge_key(&de.event);
        let g = groups.entry(key.clone()).or_insert_with(|| MergedEvent {
            event_id: format!("e_{}", content_id(key.as_bytes())),
            event_type: de.event.event_type.clone(),
            subjects: de.event.subjects.clone(),
            date: de.event.date,
            place: None,
            attributes: Map::new(),
            sources: Vec::new(),
        });
        if g.place.is_none() {
            g.place = de.event.place.clone();
        }
        for (k, v) in de.event.attributes {
            g.attributes.entry(k).or_insert(v);
        }
        if !g.sources.contains(&de.source) {
            g.sources.push(de.source);
        }
    }
    let mut out: Vec<MergedEvent> = groups.into_values().collect();
    for e in &mut out {
        e.sources.sort();
    }
    out.sort_by(|a, b| {
        (&a.subjects, a.date, &a.event_type, &a.event_id).cmp(&(
            &b.subjects,
            b.date,
            &b.event_type,
            &b.event_id,
        ))
    });
    out
}

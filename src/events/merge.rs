//! Cross-document merging of events: one record per real event, with every source.
//!
//! Events are blocked on type and main subject. Inside a block, events with a day date
//! form one cluster per day; an event dated to a month or a year joins the earliest
//! cluster inside that month or year (dates agree within their precision), else starts
//! its own; an event dated only by the entry that reports it joins the latest cluster no
//! later than that entry (within a year); an undated event joins the cluster whose
//! attributes it shares, else the only one, else the block's undated cluster. Updates
//! (`refers_back`) add their attributes to the latest cluster holding the term they end.
//!
//! Attributes on which sources disagree keep the value most sources give and list every
//! value with its sources under `conflicts`.
//!
//! The `event_id` hashes type, main subject and the cluster's month (`2017-07`; the year
//! for year-only events; `undated`), with the day added only where two clusters of a block
//! share a month. So a new source never changes the id of an event it merges into, unless
//! it is the first to give a year-only event its month.

use crate::dates::calendar::to_days;
use crate::doc::{Authority, Date, DateBasis, Event, Modality};
use crate::ingest::content_id;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where an event is stated: the document and the evidence sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct SourceRef {
    /// Document id.
    pub doc_id: String,
    /// First character of the evidence sentence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// Source URL.
    pub url: Option<String>,
    /// Publication date of the document (or entry).
    pub published: Option<Date>,
    /// The evidence sentence.
    pub evidence: String,
    /// The trigger phrase.
    pub trigger: String,
}

/// One document's event with its source reference (kept per file in the run's manifest,
/// so incremental runs and shard merges can merge without re-reading documents).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
    /// ITUC category.
    pub category: String,
    /// Subjects (main subject first).
    pub subjects: Vec<String>,
    /// The acting body.
    pub authority: Option<Authority>,
    /// Date (the finest any source gives).
    pub date: Option<Date>,
    /// Where the date came from.
    pub date_basis: DateBasis,
    /// Place entity id.
    pub place: Option<String>,
    /// Contested when any source contests it.
    pub modality: Modality,
    /// Attributes: each the value most sources give.
    pub attributes: Map<String, Value>,
    /// Attributes on which sources disagree: `{key: [{value, sources: [...]}, ...]}`.
    pub conflicts: Map<String, Value>,
    /// Every source, sorted.
    pub sources: Vec<SourceRef>,
}

/// The events of one document with their evidence in character offsets.
pub fn doc_events(doc: &crate::doc::Doc, ix: &crate::doc::CharIndex) -> Vec<DocEvent> {
    events_of(doc, ix, &doc.events)
}

/// [`doc_events`] for `events` found in `doc`'s text (their spans index it).
pub fn events_of(
    doc: &crate::doc::Doc,
    ix: &crate::doc::CharIndex,
    events: &[crate::doc::Event],
) -> Vec<DocEvent> {
    events
        .iter()
        .map(|e| DocEvent {
            event: e.clone(),
            source: SourceRef {
                doc_id: doc.id.clone(),
                start: ix.chars(e.evidence.start),
                end: ix.chars(e.evidence.end),
                url: doc.url.clone(),
                published: doc.published.map(|p| p.date),
                evidence: e.evidence.of(&doc.text).to_string(),
                trigger: e.trigger.of(&doc.text).to_string(),
            },
        })
        .collect()
}

/// One event per subject for the corpus's records: an event reported of several people
/// (`X and Y were arrested`) is each one's event, with the others as co-subjects (a
/// person's case history holds it, and another source naming them in another order
/// merges into it). Events without a subject stay as they are.
pub fn per_subject(events: Vec<DocEvent>) -> Vec<DocEvent> {
    let mut out = Vec::with_capacity(events.len());
    for de in events {
        if de.event.subjects.len() <= 1 {
            out.push(de);
            continue;
        }
        for (k, s) in de.event.subjects.iter().enumerate() {
            let mut e = de.clone();
            let mut subjects = vec![s.clone()];
            subjects.extend(
                de.event
                    .subjects
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .map(|(_, x)| x.clone()),
            );
            e.event.subjects = subjects;
            out.push(e);
        }
    }
    out
}

/// Whether `fine` lies inside the period `coarse` names (`2017-07-25` in `2017-07`).
fn within(fine: Date, coarse: Date) -> bool {
    fine.year == coarse.year
        && coarse.month.is_none_or(|m| fine.month == Some(m))
        && coarse.day.is_none_or(|d| fine.day == Some(d))
}

fn precision_rank(e: &Event) -> u8 {
    match (e.date_basis, e.date) {
        (DateBasis::Entry, _) => 4,
        (_, None) => 5,
        (_, Some(d)) => match (d.month, d.day) {
            (Some(_), Some(_)) => 0,
            (Some(_), None) => 1,
            _ => 2,
        },
    }
}

/// Months since year 0, for the entry-date window.
fn months(d: Date) -> i32 {
    d.year * 12 + d.month.map_or(0, |m| m as i32 - 1)
}

struct Cluster {
    date: Option<Date>,
    basis: DateBasis,
    members: Vec<DocEvent>,
    /// Documents with a member marked as another event (`again`, `a new`), and those with
    /// a plain one.
    repeat_docs: HashSet<String>,
    plain_docs: HashSet<String>,
    /// The identifying attribute values its members state (value as JSON text), per key:
    /// what [`Cluster::shares`] and [`Cluster::contradicts`] ask, without a pass over
    /// every member (one event reported by many documents stays linear).
    values: HashMap<String, HashSet<String>>,
}

/// Attributes that identify an event (terms, amounts), as opposed to lists like charges.
fn identifying(k: &str) -> bool {
    k != "charges" && k != "early_release"
}

impl Cluster {
    /// Whether document `doc` reports this event only as another one (`again`, `a new`).
    fn told_apart(&self, doc: &str) -> bool {
        self.repeat_docs.contains(doc) && !self.plain_docs.contains(doc)
    }

    fn new(de: DocEvent) -> Self {
        let mut c = Cluster {
            date: de.event.date,
            basis: de.event.date_basis,
            members: Vec::new(),
            repeat_docs: HashSet::new(),
            plain_docs: HashSet::new(),
            values: HashMap::new(),
        };
        c.push(de);
        c
    }

    fn push(&mut self, de: DocEvent) {
        let docs = if de.event.repeat {
            &mut self.repeat_docs
        } else {
            &mut self.plain_docs
        };
        if !docs.contains(&de.source.doc_id) {
            docs.insert(de.source.doc_id.clone());
        }
        for (k, v) in &de.event.attributes {
            if identifying(k) {
                self.values
                    .entry(k.clone())
                    .or_default()
                    .insert(v.to_string());
            }
        }
        self.members.push(de);
    }

    /// Whether a member states one of the identifying attribute values of `a`.
    fn shares(&self, a: &Map<String, Value>) -> bool {
        a.iter().any(|(k, v)| {
            identifying(k)
                && self
                    .values
                    .get(k)
                    .is_some_and(|vs| vs.contains(&v.to_string()))
        })
    }
    /// Whether every member gives another value for an identifying key of `a`.
    fn contradicts(&self, a: &Map<String, Value>) -> bool {
        a.iter().any(|(k, v)| {
            identifying(k)
                && self
                    .values
                    .get(k)
                    .is_some_and(|vs| !vs.is_empty() && !vs.contains(&v.to_string()))
        })
    }
}

/// Forms the clusters of one block (same type and main subject).
fn cluster(mut evs: Vec<DocEvent>) -> Vec<Cluster> {
    let (updates, mut evs): (Vec<DocEvent>, Vec<DocEvent>) = std::mem::take(&mut evs)
        .into_iter()
        .partition(|e| e.event.refers_back);
    evs.sort_by(|a, b| {
        (precision_rank(&a.event), a.event.date, &a.source).cmp(&(
            precision_rank(&b.event),
            b.event.date,
            &b.source,
        ))
    });
    let mut cs: Vec<Cluster> = Vec::new();
    for de in evs {
        let e = &de.event;
        let target = match (e.date_basis, e.date) {
            (DateBasis::Entry, Some(d)) => {
                let before = |c: &Cluster| {
                    c.date
                        .is_some_and(|cd| months(cd) <= months(d) && c.basis != DateBasis::Entry)
                };
                if e.repeat {
                    None
                } else {
                    cs.iter()
                        .enumerate()
                        .filter(|(_, c)| before(c) && c.shares(&e.attributes))
                        .max_by_key(|(_, c)| c.date)
                        .or_else(|| {
                            cs.iter()
                                .enumerate()
                                .filter(|(_, c)| {
                                    before(c)
                                        && c.date.is_some_and(|cd| months(d) - months(cd) <= 12)
                                        && !c.contradicts(&e.attributes)
                                })
                                .max_by_key(|(_, c)| c.date)
                        })
                        .or_else(|| cs.iter().enumerate().find(|(_, c)| c.date == Some(d)))
                        .map(|(i, _)| i)
                }
            }
            (_, Some(d)) if d.day.is_some() => {
                cs.iter().position(|c| c.date == Some(d)).or_else(|| {
                    // Reports of the same event a day apart (time zones, a night arrest).
                    cs.iter().position(|c| {
                        c.date.is_some_and(|cd| {
                            cd.day.is_some() && (to_days(cd) - to_days(d)).abs() <= 1
                        }) && !c.contradicts(&e.attributes)
                    })
                })
            }
            (_, Some(d)) => cs
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.date.is_some_and(|cd| within(cd, d)) && c.basis != DateBasis::Entry
                })
                .min_by_key(|(_, c)| c.date)
                .map(|(i, _)| i),
            (_, None) => {
                let dated: Vec<usize> = (0..cs.len()).filter(|&i| cs[i].date.is_some()).collect();
                let published = de.source.published;
                // (Not into a later event its own document told apart: `he was charged
                // ...; a new charge was brought in November`.)
                let dated: Vec<usize> = dated
                    .into_iter()
                    .filter(|&i| !cs[i].told_apart(&de.source.doc_id))
                    .collect();
                if e.repeat {
                    cs.iter().position(|c| c.date.is_none())
                } else {
                    dated
                        .iter()
                        .copied()
                        .find(|&i| cs[i].shares(&e.attributes))
                        .or_else(|| {
                            dated
                                .iter()
                                .copied()
                                .filter(|&i| {
                                    !cs[i].contradicts(&e.attributes)
                                        && match (cs[i].date, published) {
                                            (Some(cd), Some(p)) => cd <= p,
                                            _ => true,
                                        }
                                })
                                .max_by_key(|&i| cs[i].date)
                        })
                        .or_else(|| cs.iter().position(|c| c.date.is_none()))
                }
            }
        };
        match target {
            Some(i) => cs[i].push(de),
            None => cs.push(Cluster::new(de)),
        }
    }
    for u in updates {
        let base = u
            .event
            .attributes
            .keys()
            .next()
            .and_then(|k| k.strip_suffix("_end"))
            .map(str::to_string);
        let holds = |c: &Cluster| {
            base.as_ref().is_some_and(|b| {
                c.members
                    .iter()
                    .any(|m| m.event.attributes.contains_key(b.as_str()))
            })
        };
        let target = cs
            .iter()
            .enumerate()
            .filter(|(_, c)| holds(c))
            .max_by_key(|(_, c)| c.date)
            .map(|(i, _)| i);
        if let Some(i) = target {
            cs[i].push(u);
        }
    }
    cs
}

/// Merges events from many documents. Output is sorted by main subject, date, type.
pub fn merge(events: Vec<DocEvent>) -> Vec<MergedEvent> {
    let mut blocks: BTreeMap<(String, String), Vec<DocEvent>> = BTreeMap::new();
    for de in events {
        let key = (
            de.event.event_type.clone(),
            de.event.subjects.first().cloned().unwrap_or_default(),
        );
        blocks.entry(key).or_default().push(de);
    }
    let mut out = Vec::new();
    for ((etype, subject), evs) in blocks {
        let clusters = cluster(evs);
        let month_key = |d: Option<Date>| match d {
            None => "undated".to_string(),
            Some(d) => Date { day: None, ..d }.iso(),
        };
        let mut per_month: BTreeMap<String, usize> = BTreeMap::new();
        for c in &clusters {
            *per_month.entry(month_key(c.date)).or_default() += 1;
        }
        for c in clusters {
            let mk = month_key(c.date);
            let date_key = if per_month.get(&mk).copied().unwrap_or(0) > 1 {
                c.date.map_or(mk, |d| d.iso())
            } else {
                mk
            };
            let key = format!("{etype}|{subject}|{date_key}");
            out.push(merged(
                format!("e_{}", content_id(key.as_bytes())),
                &etype,
                &subject,
                c,
            ));
        }
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

fn merged(event_id: String, etype: &str, subject: &str, c: Cluster) -> MergedEvent {
    let mut members = c.members;
    members.sort_by(|a, b| a.source.cmp(&b.source));
    let main: Vec<&DocEvent> = members.iter().filter(|m| !m.event.refers_back).collect();
    let first = |f: &dyn Fn(&Event) -> Option<String>| main.iter().find_map(|m| f(&m.event));
    // Attributes: value -> sources, per key.
    let mut votes: BTreeMap<String, Vec<(Value, Vec<&SourceRef>)>> = BTreeMap::new();
    for m in &members {
        for (k, v) in &m.event.attributes {
            let vs = votes.entry(k.clone()).or_default();
            match vs.iter_mut().find(|(x, _)| x == v) {
                // (Members are sorted by source: a repeated source is the last one.)
                Some((_, srcs)) => {
                    if srcs.last() != Some(&&m.source) {
                        srcs.push(&m.source)
                    }
                }
                None => vs.push((v.clone(), vec![&m.source])),
            }
        }
    }
    let mut attributes = Map::new();
    let mut conflicts = Map::new();
    // Charges add up: each source names some of them.
    if let Some(vs) = votes.remove("charges") {
        let mut all: Vec<Value> = Vec::new();
        for (v, _) in vs {
            for c in v.as_array().into_iter().flatten() {
                if !all.contains(c) {
                    all.push(c.clone());
                }
            }
        }
        attributes.insert("charges".into(), Value::Array(all));
    }
    // Day dates that differ (a day apart) are a conflict like any other.
    let mut date = c.date;
    let mut days: Vec<(Value, Vec<&SourceRef>)> = Vec::new();
    for m in &main {
        if let Some(d) = m.event.date.filter(|d| d.day.is_some()) {
            let v = json!(d.iso());
            match days.iter_mut().find(|(x, _)| *x == v) {
                Some((_, srcs)) => srcs.push(&m.source),
                None => days.push((v, vec![&m.source])),
            }
        }
    }
    if days.len() > 1 {
        days.sort_by(|a, b| {
            b.1.len()
                .cmp(&a.1.len())
                .then(a.0.as_str().cmp(&b.0.as_str()))
        });
        date = days[0].0.as_str().and_then(Date::parse_iso);
        votes.insert("date".into(), days);
    }
    for (k, vs) in votes {
        // The value most sources give; on a tie the one the first source gives.
        let best = vs
            .iter()
            .enumerate()
            .max_by(|(i, a), (j, b)| a.1.len().cmp(&b.1.len()).then(j.cmp(i)))
            .map(|(_, (v, _))| v.clone());
        if let Some(b) = best
            && k != "date"
        {
            attributes.insert(k.clone(), b);
        }
        if vs.len() > 1 {
            conflicts.insert(
                k,
                Value::Array(
                    vs.iter()
                        .map(|(v, srcs)| {
                            json!({
                                "value": v,
                                "sources": srcs.iter().map(|s| json!({
                                    "doc_id": s.doc_id, "start": s.start, "end": s.end
                                })).collect::<Vec<_>>()
                            })
                        })
                        .collect(),
                ),
            );
        }
    }
    let mut sources: Vec<SourceRef> = members.iter().map(|m| m.source.clone()).collect();
    sources.sort();
    sources.dedup();
    // The main subject, then every co-subject a source names (an event without a named
    // subject has none).
    let mut subjects: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    if !subject.is_empty() {
        subjects.push(subject.to_string());
        seen.insert(subject);
    }
    for m in &members {
        for x in &m.event.subjects {
            if !x.is_empty() && seen.insert(x.as_str()) {
                subjects.push(x.clone());
            }
        }
    }
    MergedEvent {
        event_id,
        event_type: etype.to_string(),
        category: main
            .first()
            .map_or_else(|| "civil_liberties".into(), |m| m.event.category.clone()),
        subjects,
        authority: main.iter().find_map(|m| m.event.authority.clone()),
        date,
        date_basis: c.basis,
        place: first(&|e| e.place.clone()),
        modality: if main.iter().any(|m| m.event.modality == Modality::Contested) {
            Modality::Contested
        } else {
            Modality::Asserted
        },
        attributes,
        conflicts,
        sources,
    }
}

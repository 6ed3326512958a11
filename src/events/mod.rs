//! Event extraction: case events (who, what, when, where, the penalty) from sentences.
//!
//! Triggers are data (`rules/events.tsv`: type, subject kind, pattern). For every trigger
//! in a sentence that is not a demand, hypothesis or negation, the event's subjects are the
//! linked mentions of the rule's kind in the sentence (one event per subject), its date the
//! nearest resolved DATE in the sentence, its place the nearest place mention, and its
//! attributes the terms and amounts found around it.

pub mod merge;

use crate::doc::{Doc, EntityType, Event, Span, TimexType};
use crate::error::{Error, Result};
use regex::{Regex, RegexBuilder};
use serde_json::{Map, Value, json};
use std::path::Path;
use std::sync::LazyLock;

/// The trigger rules compiled into the binary (`rules/events.tsv`).
pub const DEFAULT_TRIGGERS: &str = include_str!("../../rules/events.tsv");

/// The event vocabulary.
pub const EVENT_TYPES: &[&str] = &[
    "arrest",
    "detention",
    "charge",
    "trial",
    "conviction",
    "sentence",
    "fine",
    "release",
    "parole",
    "pardon",
    "appeal_rejected",
    "appeal_granted",
    "registration_denied",
    "deregistration",
    "dissolution",
    "suspension",
    "strike",
    "hunger_strike",
    "protest",
    "attack",
    "killing",
    "dismissal",
    "ban",
    "surveillance",
    "complaint",
];

/// Which mentions an event happens to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    /// Persons.
    Person,
    /// Organisations.
    Org,
    /// Persons and organisations.
    Any,
}

#[derive(Debug, Clone)]
struct Trigger {
    event_type: &'static str,
    subjects: SubjectKind,
    re: Regex,
    /// The pattern itself speaks of a negation (`not able to register`).
    negative: bool,
}

static NEGATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(not|never|no longer)\b").expect("negation"));

/// Compiled trigger rules.
#[derive(Debug, Clone)]
pub struct Extractor {
    triggers: Vec<Trigger>,
}

static BLOCKERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(should|must|would|could|may|might|calls? (?:for|on)|called (?:for|on)|demand\w*|urg\w*|appeal\w* (?:to|for)|ask\w* (?:for|to)|if|unless|not|no|never|neither|nor|without|yet to|fail(?:ed|s)? to|threat\w*|risk\w*|fac\w+ up to|to be|want\w*|seek\w*|petition\w*|campaign\w* for)\b")
        .expect("blockers")
});

static CONTESTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(false|bogus|trumped[- ]up|fabricated|politically motivated|unfounded|botched|alleged|unjust\w*|sham|mock)\b")
        .expect("contested")
});

/// Organisations that act rather than suffer: courts, ministries, police, governments.
static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(court|ministry|department|akimat|parliament|committee|office|police|prosecutor\w*|government|council|representative|commission|security|conference)\b")
        .expect("authority")
});

/// Organisations that are employers.
static EMPLOYER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(ltd|plc|llp|jsc|llc|inc|company|corporation)\b|^(glovo|wolt|chocofood|kazakhmys)$",
    )
    .expect("employer")
});

/// Titles that introduce a person acting for the state, not a subject of the event.
static OFFICIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(president|judge|prosecutor|minister|mayor|governor|akim|decree by|ordered by|by)\W{0,3}(\p{L}+\W{1,3}){0,2}$").expect("official")
});

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(KZT|tenge|US\s?\$|\$|€|EUR|euros?|USD)\s?([\d][\d.,]*)(?:\s?(million|thousand|bn|billion|m)\b)?|([\d][\d.,]*)(?:\s?(million|thousand))?\s?(KZT|tenge|euros?|US dollars|dollars|USD|EUR))")
        .expect("money")
});

impl Extractor {
    /// Compiles a trigger file's content; `path` names it in errors.
    pub fn from_rules(content: &str, path: &Path) -> Result<Self> {
        let mut triggers = Vec::new();
        let mut errors = Vec::new();
        for (i, line) in content.lines().enumerate() {
            let ln = i + 1;
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 3 {
                errors.push(Error::rule(
                    path,
                    ln,
                    format!("expected 3 TAB-separated fields, found {}", cols.len()),
                ));
                continue;
            }
            let Some(&event_type) = EVENT_TYPES.iter().find(|t| **t == cols[0].trim()) else {
                errors.push(Error::rule(
                    path,
                    ln,
                    format!("unknown event type `{}`", cols[0].trim()),
                ));
                continue;
            };
            let subjects = match cols[1].trim() {
                "person" => SubjectKind::Person,
                "org" => SubjectKind::Org,
                "any" => SubjectKind::Any,
                other => {
                    errors.push(Error::rule(
                        path,
                        ln,
                        format!("unknown subject kind `{other}` (person, org or any)"),
                    ));
                    continue;
                }
            };
            match RegexBuilder::new(&format!(r"\b(?:{})\b", cols[2].trim()))
                .case_insensitive(true)
                .build()
            {
                Ok(re) => triggers.push(Trigger {
                    event_type,
                    subjects,
                    re,
                    negative: NEGATION.is_match(cols[2]),
                }),
                Err(e) => errors.push(Error::rule(path, ln, format!("bad pattern: {e}"))),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Many(errors));
        }
        Ok(Extractor { triggers })
    }

    /// The built-in rules.
    pub fn builtin() -> Self {
        Self::from_rules(DEFAULT_TRIGGERS, Path::new("rules/events.tsv"))
            .expect("built-in trigger rules compile")
    }

    /// Adds the event layer to a document whose sentences, mentions and timexes are set.
    pub fn extract(&self, doc: &mut Doc) {
        let mut events: Vec<Event> = Vec::new();
        for &sent in &doc.sentences {
            let s = sent.of(&doc.text);
            for t in &self.triggers {
                for m in t.re.find_iter(s) {
                    let trig = Span::new(sent.start + m.start(), sent.start + m.end());
                    if blocked(&doc.text, sent, trig)
                        || (!t.negative && NEGATION.is_match(m.as_str()))
                    {
                        continue;
                    }
                    events.extend(build(doc, sent, trig, t));
                }
            }
        }
        // One event per (type, subject, date) in a document: the first evidence wins.
        events.sort_by(|a, b| {
            a.evidence
                .start
                .cmp(&b.evidence.start)
                .then(a.trigger.start.cmp(&b.trigger.start))
        });
        let mut seen = std::collections::HashSet::new();
        events.retain(|e| seen.insert((e.event_type.clone(), e.subjects.clone(), e.date)));
        doc.events = events;
    }
}

/// Whether the words before the trigger, inside its clause, make it a demand, hypothesis
/// or negation.
fn blocked(text: &str, sent: Span, trig: Span) -> bool {
    let mut from = trig.start.saturating_sub(60).max(sent.start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..trig.start];
    // Only the current clause: cut at the last clause boundary.
    let clause = before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ';' | ':' | '“' | '"' | '(' | ')'))
        .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
    let clause = match clause.rfind(", ") {
        Some(i) if clause[i..].contains(" and ") || clause[i..].contains(" but ") => &clause[i..],
        _ => clause,
    };
    BLOCKERS.is_match(clause)
}

/// Whether an org mention is an acting authority or an employer (never an org subject).
fn acting_org(doc: &Doc, m: &crate::doc::Mention) -> bool {
    let s = m.span.of(&doc.text);
    AUTHORITY.is_match(s)
        || EMPLOYER.is_match(s)
        || AUTHORITY.is_match(&m.entity_id)
        || EMPLOYER.is_match(&m.entity_id)
}

/// Whether a person mention is introduced as an official (`president, X`; `by judge X`).
fn official(doc: &Doc, sent: Span, m: &crate::doc::Mention) -> bool {
    let mut from = m.span.start.saturating_sub(40).max(sent.start);
    while !doc.text.is_char_boundary(from) {
        from += 1;
    }
    OFFICIAL.is_match(&doc.text[from..m.span.start])
}

/// Maximum distance in bytes between a trigger and the date it takes.
const MAX_DATE_DISTANCE: usize = 150;

fn build(doc: &Doc, sent: Span, trig: Span, t: &Trigger) -> Vec<Event> {
    let in_sent = |sp: Span| sent.contains(sp);
    let subjects: Vec<&crate::doc::Mention> = doc
        .mentions
        .iter()
        .filter(|m| in_sent(m.span))
        .filter(|m| match m.entity_type {
            EntityType::Person => t.subjects != SubjectKind::Org && !official(doc, sent, m),
            EntityType::Org => t.subjects != SubjectKind::Person && !acting_org(doc, m),
            EntityType::Place => false,
        })
        .collect();
    if subjects.is_empty() {
        return Vec::new();
    }
    let dist = |sp: Span| -> usize {
        if sp.end <= trig.start {
            trig.start - sp.end
        } else {
            sp.start.saturating_sub(trig.end)
        }
    };
    let dates: Vec<&crate::doc::Timex> = doc
        .timexes
        .iter()
        .filter(|x| in_sent(x.span) && x.ttype == TimexType::Date && x.date.is_some())
        .collect();
    // The nearest date in the clause; else a date that opens the sentence (it frames the
    // whole sentence: "On 21 January 2017, ... were arrested"); else the entry date of a
    // multi-entry page, at month precision.
    let date = dates
        .iter()
        .filter(|x| dist(x.span) <= MAX_DATE_DISTANCE)
        .min_by_key(|x| dist(x.span))
        .or_else(|| {
            dates
                .iter()
                .find(|x| x.span.start <= sent.start + 20 && x.span.end <= trig.start)
        })
        .and_then(|x| x.date)
        .or_else(|| {
            doc.sections
                .iter()
                .find(|s| s.span.contains(sent))
                .and_then(|s| s.date)
                .or_else(|| doc.parent_id.as_ref().and(doc.published.map(|p| p.date)))
                .map(|d| crate::doc::Date { day: None, ..d })
        });
    let Some(date) = date else {
        return Vec::new();
    };
    let place = doc
        .mentions
        .iter()
        .filter(|m| in_sent(m.span) && m.entity_type == EntityType::Place)
        .min_by_key(|m| dist(m.span))
        .map(|m| m.entity_id.clone());
    let mut attributes = attributes(doc, sent, trig, t.event_type);
    if let Some(a) = doc
        .mentions
        .iter()
        .filter(|m| {
            in_sent(m.span)
                && m.entity_type == EntityType::Org
                && AUTHORITY.is_match(m.span.of(&doc.text))
        })
        .min_by_key(|m| dist(m.span))
    {
        attributes.insert("authority".into(), json!(a.entity_id));
    }
    let mut ids: Vec<String> = Vec::new();
    for m in subjects {
        if !ids.contains(&m.entity_id) {
            ids.push(m.entity_id.clone());
        }
    }
    ids.into_iter()
        .map(|id| Event {
            event_type: t.event_type.to_string(),
            subjects: vec![id],
            date: Some(date),
            place: place.clone(),
            trigger: trig,
            evidence: sent,
            attributes: attributes.clone(),
        })
        .collect()
}

static TERM_KINDS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("prison_term", r"^(?:['’]\s*)?(?:of\s+)?(?:imprisonment|in prison|prison|in jail|jail|behind bars|in an? (?:penal |general regime )?colony)"),
        ("community_service", r"^(?:of\s+)?(?:compulsory\s+|forced\s+)?(?:community service|forced labou?r)"),
        ("restricted_freedom", r"^(?:of\s+)?(?:restrict\w*|restricted)"),
        ("ban_term", r"^ban\b"),
        ("arrest_term", r"^(?:of\s+)?(?:administrative\s+)?(?:arrest|detention)"),
    ]
    .into_iter()
    .map(|(k, p)| (k, Regex::new(p).expect("term kind")))
    .collect()
});

/// Parses an amount of money: `KZT 25 million` → (25000000, "KZT").
pub fn parse_money(s: &str) -> Option<(f64, String)> {
    let c = MONEY.captures(s)?;
    let cur = c.get(1).or(c.get(6))?.as_str().to_lowercase();
    let num = c.get(2).or(c.get(4))?.as_str().trim_end_matches(['.', ',']);
    let mult = match c.get(3).or(c.get(5)).map(|m| m.as_str().to_lowercase()) {
        Some(m) if m == "million" || m == "m" => 1e6,
        Some(m) if m == "thousand" => 1e3,
        Some(m) if m == "bn" || m == "billion" => 1e9,
        _ => 1.0,
    };
    // "8,212" with a multiplier is a decimal comma; without, a thousands separator.
    let n: f64 = if mult > 1.0 {
        num.replace(',', ".").parse().ok()?
    } else {
        num.replace(',', "").parse().ok()?
    };
    let currency = if cur.contains("kzt") || cur.contains("tenge") {
        "KZT"
    } else if cur.contains('€') || cur.contains("eur") {
        "EUR"
    } else {
        "USD"
    };
    Some((n * mult, currency.to_string()))
}

fn attributes(doc: &Doc, sent: Span, trig: Span, etype: &str) -> Map<String, Value> {
    let mut a = Map::new();
    let s = sent.of(&doc.text);
    if CONTESTED.is_match(s) {
        a.insert("modality".into(), json!("contested"));
    }
    if !matches!(etype, "sentence" | "conviction" | "fine" | "ban") {
        return a;
    }
    for d in doc.timexes.iter().filter(|x| {
        sent.contains(x.span) && x.ttype == TimexType::Duration && x.span.start >= trig.start
    }) {
        let after = doc.text[d.span.end..sent.end].trim_start();
        let before = &doc.text[sent.start..d.span.start];
        let kind = TERM_KINDS
            .iter()
            .find(|(_, re)| re.is_match(after))
            .map(|(k, _)| *k)
            .or_else(|| (etype == "ban" && before.ends_with("for ")).then_some("ban_term"));
        if let Some(k) = kind {
            a.entry(k.to_string()).or_insert(json!(d.value));
        }
    }
    if let Some((amount, currency)) = parse_money(&doc.text[trig.start..sent.end]) {
        a.insert(
            "fine".into(),
            json!({"amount": amount, "currency": currency}),
        );
    }
    a
}

#[cfg(test)]
mod tests;

//! Arguments: who an event happened to, by the construction its trigger stands in
//! ([`super::constructions`]).
//!
//! The subjects are the named victims or targets: persons, or organisations for the events
//! that happen to organisations (and the employer of striking or dismissed workers when no
//! one is named); never the acting authority (`police`, `the court`, an official introduced
//! by title). A pronoun (`he`, `her`, `they`) stands for the last compatible name before
//! it; `who` for the name before it. An event that happened to an unnamed group (`eleven
//! people were jailed`, `more than 300 workers`) has no subject and is kept; one with no
//! subject at all is not.

use super::constructions::Voice;
use super::{acting_org, female, mentions_in, official};
use crate::doc::{Doc, EntityType, Mention, Span};
use crate::patterns::builtin;
use regex::Regex;
use std::sync::LazyLock;

/// Which entities an event type happens to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// Persons only.
    Persons,
    /// Organisations only.
    Orgs,
    /// Persons or organisations.
    Both,
}

/// The entities an event type takes as subjects.
pub fn takes(event_type: &str) -> Takes {
    match event_type {
        "registration_denied" | "deregistration" | "dissolution" => Takes::Orgs,
        "arrest" | "detention" | "trial" | "conviction" | "sentence" | "fine" | "release"
        | "parole" | "pardon" | "killing" | "surveillance" => Takes::Persons,
        _ => Takes::Both,
    }
}

/// An unnamed group of people.
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:people|persons|workers|activists|protesters|protestors|demonstrators|members|leaders|unionists|trade unionists|teachers|miners|drivers|employees|students|journalists|detainees|prisoners|individuals|men|women|representatives|defenders|organi[sz]ers|strikers|participants|civilians|residents|villagers|farmers|nurses|doctors|staff|others|dozens|hundreds|thousands|several|many)\b",
    )
});

/// A pronoun that stands for a person or a group.
static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"\b(?:(he|He|him|his|His)|(she|She|her|Her)|(they|They|them|their|Their))\b")
});

/// Words that end the subject's part of a clause before a passive trigger.
static SUBJECT_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)(?:;|:|\bthat\b|\bsaid\b|\bsays\b|\btold\b|\breported\b|\bwhile\b|\bwhen\b|\bafter\b|\bbefore\b|\bbecause\b|\bsince\b|\bas\b)",
    )
});

/// The subjects of an event and whether it happened to an unnamed group; `None` when the
/// trigger names no one.
pub struct Subjects {
    /// Entity ids, in text order.
    pub ids: Vec<String>,
    /// Found through a pronoun or `who`.
    pub from_pronoun: bool,
}

fn allowed(doc: &Doc, sent: Span, m: &Mention, takes: Takes) -> bool {
    match m.entity_type {
        EntityType::Person => takes != Takes::Orgs && !official(doc, sent, m),
        EntityType::Org => takes != Takes::Persons && !acting_org(doc, m),
        EntityType::Place => false,
    }
}

fn ids_of<'a>(ms: impl Iterator<Item = &'a Mention>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in ms {
        if !out.iter().any(|x| **x == *m.entity_id) {
            out.push(m.entity_id.to_string());
        }
    }
    out
}

/// The person or group a pronoun before `at` in sentence `si` stands for: the last
/// compatible name before it in the sentence, else in the two sentences before.
fn antecedent(doc: &Doc, si: usize, at: usize, pronoun: &str) -> Vec<String> {
    let sent = doc.sentences[si];
    let fem = matches!(pronoun, "she" | "She" | "her" | "Her");
    let plural = matches!(pronoun, "they" | "They" | "them" | "their" | "Their");
    let fits = |m: &Mention, s: Span| {
        m.entity_type == EntityType::Person
            && !official(doc, s, m)
            && (plural || female(&m.entity_id).is_none_or(|f| f == fem))
    };
    let here: Vec<&Mention> = mentions_in(doc, Span::new(sent.start, at))
        .filter(|m| fits(m, sent))
        .collect();
    if let Some(m) = here.last() {
        return vec![m.entity_id.to_string()];
    }
    let section = doc
        .sections
        .iter()
        .find(|s| s.span.contains(sent))
        .map(|s| s.span);
    for back in 1..=2 {
        let Some(&prev) = si.checked_sub(back).and_then(|i| doc.sentences.get(i)) else {
            break;
        };
        if section.is_some_and(|sec| !sec.contains(prev)) {
            break;
        }
        let found: Vec<&Mention> = mentions_in(doc, prev).filter(|m| fits(m, prev)).collect();
        if plural && found.len() > 1 {
            return ids_of(found.into_iter());
        }
        // The sentence's first person: its subject, most often.
        if let Some(m) = found.first() {
            return vec![m.entity_id.to_string()];
        }
    }
    Vec::new()
}

/// The mentions just before `at` joined by list separators (`A, B and C`), nearest last.
fn group_before<'a>(doc: &'a Doc, region: Span, at: usize, ok: impl Fn(&Mention) -> bool) -> Vec<&'a Mention> {
    let ms: Vec<&Mention> = mentions_in(doc, region)
        .filter(|m| m.span.end <= at && m.entity_type != EntityType::Place)
        .collect();
    let mut out: Vec<&Mention> = Vec::new();
    let mut end = at;
    for m in ms.iter().rev() {
        let gap = &doc.text[m.span.end..end];
        let joined = out.is_empty() || is_list_gap(gap);
        if !joined {
            break;
        }
        if ok(m) {
            out.push(m);
        }
        end = m.span.start;
    }
    out.reverse();
    out
}

/// Whether the text between two names joins them in a list (`, `, ` and `, roles).
fn is_list_gap(gap: &str) -> bool {
    let g = gap.trim();
    g.is_empty()
        || matches!(g, "," | "and" | ", and" | "&" | "or" | ";")
        || (g.len() < 40 && !g.contains(['.', ';', ':']) && !SUBJECT_BREAK.is_match(g) && g.split_whitespace().count() <= 5)
}

/// The subjects of an event of type `etype` whose trigger `trig` (in clause `clause` of
/// sentence `si`) stands in construction `voice`.
pub fn subjects(
    doc: &Doc,
    si: usize,
    clause: Span,
    trig: Span,
    voice: Voice,
    etype: &str,
) -> Option<Subjects> {
    let sent = doc.sentences[si];
    let text = &doc.text;
    let tk = takes(etype);
    let ok = |m: &Mention| allowed(doc, sent, m, tk);
    let named = |ids: Vec<String>, from_pronoun: bool| Some(Subjects { ids, from_pronoun });
    // The part of the clause before the trigger where its subject stands.
    let before_start = {
        let s = &text[clause.start..trig.start];
        SUBJECT_BREAK
            .find_iter(s)
            .last()
            .map_or(clause.start, |m| clause.start + m.end())
    };
    let before = Span::new(before_start, trig.start);
    let subject_before = |lookup_who: bool| -> Option<Subjects> {
        let g = group_before(doc, before, trig.start, ok);
        if !g.is_empty() {
            return named(ids_of(g.into_iter()), false);
        }
        let s = &text[before.start..before.end];
        // `X, who was arrested`: the name before `who`.
        if lookup_who && let Some(w) = s.rfind("who ") {
            let at = before.start + w;
            let g = group_before(doc, Span::new(sent.start, at), at, ok);
            if !g.is_empty() {
                return named(ids_of(g.into_iter()), true);
            }
        }
        if let Some(p) = PRONOUN.find_iter(s).last() {
            let ids = antecedent(doc, si, before.start + p.start(), p.as_str());
            if !ids.is_empty() {
                return named(ids, true);
            }
        }
        if GROUP.is_match(s) {
            return named(Vec::new(), false);
        }
        None
    };
    let after_region = |from: usize| {
        // The clause, and the list segments after it that hold no verb of their own
        // (`sentenced A to 15 years; B and C, to 14 years`).
        let mut end = clause.end;
        while end < sent.end && text[end..].starts_with(';') {
            let next = text[end + 1..sent.end].find(';').map_or(sent.end, |i| end + 1 + i);
            end = next;
        }
        Span::new(from, end.min(sent.end))
    };
    let subject_after = |from: usize| -> Option<Subjects> {
        let region = after_region(from);
        let ms: Vec<&Mention> = mentions_in(doc, region).filter(|m| ok(m)).collect();
        if !ms.is_empty() {
            return named(ids_of(ms.into_iter()), false);
        }
        let s = &text[region.start..region.end];
        let near = &s[..s.len().min(24)];
        if let Some(p) = PRONOUN.find(near) {
            let ids = antecedent(doc, si, region.start + p.start(), p.as_str());
            if !ids.is_empty() {
                return named(ids, true);
            }
        }
        let near = &s[..floor(s, 60)];
        if GROUP.is_match(near) {
            return named(Vec::new(), false);
        }
        None
    };
    match voice {
        Voice::Passive | Voice::State | Voice::Agentive => subject_before(true).or_else(|| {
            // `striking workers of X`, `a strike at X`: the organisation after it.
            if tk != Takes::Persons && matches!(etype, "strike" | "protest" | "dismissal") {
                let region = Span::new(trig.end, (trig.end + 80).min(clause.end).max(trig.end));
                let ms: Vec<&Mention> = mentions_in(doc, region)
                    .filter(|m| m.entity_type == EntityType::Org && !acting_org(doc, m))
                    .collect();
                if !ms.is_empty() {
                    return named(ids_of(ms.into_iter()), false);
                }
            }
            None
        }),
        Voice::Active => subject_after(trig.end),
        Voice::Nominal => {
            let rest = text[trig.end..clause.end].trim_start();
            let skip = trig.end + (text[trig.end..clause.end].len() - rest.len());
            for p in ["of ", "against ", "on ", "by "] {
                if let Some(r) = rest.strip_prefix(p) {
                    let from = skip + p.len();
                    let to = (from + 120).min(clause.end);
                    let region = Span::new(from, floor_at(text, to));
                    let ms: Vec<&Mention> = mentions_in(doc, region).filter(|m| ok(m)).collect();
                    let first_ok = ms.first().is_some_and(|m| {
                        let gap = &text[from..m.span.start];
                        gap.len() < 60 && !gap.contains(['.', ';'])
                    });
                    if first_ok {
                        return named(ids_of(ms.into_iter()), false);
                    }
                    if GROUP.is_match(&r[..floor(r, 50)]) {
                        return named(Vec::new(), false);
                    }
                }
            }
            // `X's arrest`, `his arrest`.
            let pre = text[before.start..trig.start].trim_end();
            let last_word = pre.rsplit(' ').next().unwrap_or("");
            if last_word.ends_with("'s") || last_word.ends_with("’s") {
                let at = before.start + pre.len() - last_word.len();
                if let Some(m) = mentions_in(doc, Span::new(sent.start, trig.start))
                    .filter(|m| ok(m))
                    .find(|m| m.span.start >= at)
                {
                    return named(vec![m.entity_id.to_string()], false);
                }
            }
            if let Some(p) = PRONOUN.find_iter(&text[floor_at(text, trig.start.saturating_sub(12).max(before.start))..trig.start]).last()
                && matches!(p.as_str(), "his" | "His" | "her" | "Her" | "their" | "Their")
            {
                let ids = antecedent(doc, si, trig.start.saturating_sub(12), p.as_str());
                if !ids.is_empty() {
                    return named(ids, true);
                }
            }
            // A noun with a light verb (`X went on a hunger strike`, `X faced charges`).
            subject_before(false)
        }
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn floor_at(s: &str, i: usize) -> usize {
    floor(s, i)
}

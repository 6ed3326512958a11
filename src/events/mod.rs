//! Event extraction: case events (who, what, when, where, the penalty) from sentences.
//!
//! Rules are data: `rules/triggers.tsv` (trigger words per event type, [`lexicon`]),
//! `rules/categories.tsv` (the ITUC Global Rights Index category of each type) and
//! `rules/charges.tsv` (normalised charges). The argument rules are code:
//!
//! - **subjects**: the linked persons or organisations of the rule's kind in the sentence,
//!   never the acting authority nor an official introduced by title; when the sentence has
//!   none but speaks of `he`/`she` (or `the union`), the matching subject of the two
//!   sentences before it;
//! - **authority**: the court, police, ministry or employer named or described in the clause;
//! - **date**: a DATE timex in the trigger's clause, else one that frames the sentence, else
//!   the entry date of a multi-entry page at month precision, else none;
//! - **attributes**: prison and other terms as ISO 8601 durations, fines and damages with
//!   amount and currency, charges, early release, and the end dates of terms reported later;
//! - **modality**: demands, hypotheses and negations are not events; contested ones are
//!   marked.
//!
//! ```
//! use casefile::events::Extractor;
//! let x = Extractor::builtin();
//! assert_eq!(x.category("strike", "Workers went on strike."), "right_to_strike");
//! ```

pub mod arguments;
pub mod constructions;
pub mod history;
pub mod lexicon;
pub mod merge;
pub mod modality;
pub mod money;
pub use money::parse_money;

use crate::doc::{
    Authority, DateBasis, Doc, EntityType, Event, Mention, Modality, Span, TimexType,
};
use crate::error::{Error, Result};
use crate::patterns::{PatternSet, builtin};
use regex::{Regex, RegexBuilder};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

/// The trigger lexicon compiled into the binary (`rules/triggers.tsv`).
pub const DEFAULT_TRIGGERS: &str = include_str!("../../rules/triggers.tsv");
/// The category table compiled into the binary (`rules/categories.tsv`).
pub const DEFAULT_CATEGORIES: &str = include_str!("../../rules/categories.tsv");
/// The charge table compiled into the binary (`rules/charges.tsv`).
pub const DEFAULT_CHARGES: &str = include_str!("../../rules/charges.tsv");

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

/// The ITUC Global Rights Index categories.
pub const CATEGORIES: &[&str] = &[
    "civil_liberties",
    "establish_join_unions",
    "union_activities",
    "collective_bargaining",
    "right_to_strike",
];

#[derive(Debug, Clone)]
struct CategoryRule {
    event_type: &'static str,
    category: &'static str,
    when: Option<Regex>,
}

/// Compiled event rules: triggers, categories and charges.
#[derive(Debug, Clone)]
pub struct Extractor {
    /// The trigger lexicon (`rules/triggers.tsv`).
    lexicon: lexicon::TriggerLexicon,
    categories: Vec<CategoryRule>,
    /// Normalised charge names, in `charge_patterns` order.
    charges: Vec<String>,
    charge_patterns: PatternSet,
}

/// Organisations that act rather than suffer: courts, ministries, police, governments.
static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(court|ministry|department|akimat|parliament|committee|office|police|prosecutor\w*|government|council|representative|commission|security|conference)\b",
    )
});

/// Organisations that are employers.
static EMPLOYER: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"(?i)\b(ltd|plc|llp|jsc|llc|inc|company|corporation|factory|plant|mine|mines)\b")
});

/// Compiles one `(kind, pattern)` entry of the built-in kind tables below.
fn compile_kind((kind, pattern): (&'static str, &str)) -> (&'static str, Regex) {
    (kind, builtin(pattern))
}

/// The kind of an acting body, tried in order on its name.
static AUTHORITY_KINDS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("prosecutor", r"(?i)\bprosecut\w*"),
        ("court", r"(?i)\b(courts?|tribunal|judges?)\b"),
        (
            "police",
            r"(?i)\b(police|policemen|militia|riot officers)\b",
        ),
        (
            "security_service",
            r"(?i)\b(national security|security (?:service|committee)|KNB)\b",
        ),
        (
            "ministry",
            r"(?i)\b(ministry|minister|department of justice|justice department|department)\b",
        ),
        (
            "government",
            r"(?i)\b(government|akimat|akim|authorities|mayor\w*|president)\b",
        ),
        (
            "employer",
            r"(?i)\b(ltd|plc|llp|jsc|llc|inc|company|corporation|employer|management)\b",
        ),
    ]
    .into_iter()
    .map(compile_kind)
    .collect()
});

/// A body described, not named: `the police`, `an Astana court`, `the authorities`.
static GENERIC_AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?)?(courts?|judges?|police|policemen|prosecutors?|prosecutor's office|ministry|authorities|employer|management|company|soldiers|army|military|security forces)\b",
    )
});

/// Titles that introduce a person acting for the state, not a subject of the event.
static OFFICIAL: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(president|judge|prosecutor|minister|mayor|governor|akim|decree by|ordered by|by)\W{0,3}((?-i:\p{Lu}\p{L}*|of|the)\W{1,3}){0,2}$",
    )
});

/// Words before an amount that make it the object of a charge, not a penalty.
static CHARGE_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:misappropriat\w*|embezzl\w*|steal\w*|stole|stolen|theft|thefts|fraud\w*|brib\w*|launder\w*|evad\w*|evasion|dues|funds|worth|valued|causing|caused|damage)\b[^.;$€£¥]{0,28}$",
    )
});

static DAMAGES: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"(?i)\b(damages?|compensat\w*|reimburs\w*|restitution|repay\w*|to pay back)\b")
});

static EARLY: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"(?i)\b(early|parole|paroled|ahead of (?:schedule|time)|amnesty|pardon\w*)\b")
});

static PRONOUN: LazyLock<Regex> =
    LazyLock::new(|| builtin(r"\b(?:(He|he|him|his)|(She|she|her|Her|His))\b"));

/// Triggers that state a lasting condition (`is still banned`), not the moment it began.
static STATE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"(?i)\b(?:is|are|remains?|still|currently|now|has been|have been)\s+(?:\w+\s+)?$")
});

/// A time spent in a state (`after three years and four months in jail`, `ten months
/// in Evin Prison`): a period, not the day it began.
pub(crate) static SPENT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|few)\s+(?:years?|months?|weeks?|days?)(?:\s+and\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+(?:months?|weeks?|days?))?\s*$",
    )
});

/// The most words a headline has; a longer line without a full stop is a sentence.
const HEADLINE_WORDS: usize = 20;

/// Words saying an event happened again, or is another one than the first reported.
static REPEAT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(again|once more|another|additional|a second|a new|re-?arrested|re-?detained|previously|also|in the past|formerly)\b",
    )
});

/// Sentence openings that continue the sentence before (its date carries over).
static CONTINUES: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"^(?:The (?:[\w-]+ ){0,4}(?:court|judge)|It|He|She|They|The same day|That day)\b")
});

/// Words that move the story on, forward or back: the date before no longer holds.
static LATER: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:later|subsequently|afterwards|following|after that|then|since|after\b[^,.;]{0,40}\b(?:years?|months?|weeks?|days?)|previously|earlier|formerly|once before|in the past|already)\b",
    )
});

/// Where a clause ends inside a sentence: `;`, `but`, `while`, `whereas`, or `, and`
/// followed by a new subject and its verb (`..., and Toiken was held in custody`).
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?:;|\bbut\b|,\s+while\b|,\s+whereas\b|,\s+and\s+(?:(?:on|in|by)\s+[^,;]{3,25}?\s+)?(?:[\w’'-]+\s+){1,3}(?:was|were|is|are|has|had|have)\b)",
    )
});

/// A term right before a place of detention (`three years in`, `five years' imprisonment
/// in`).
static TERM_BEFORE_STATE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"(?i)\b(?:years?|months?|weeks?|days?)(?:['’]s?)?\s+(?:of\s+\w+\s+)?(?:\w+\s+)?$")
});

/// Words that give a term (`sentenced`, `handed`, `faces`).
static SENTENCING: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:sentenc\w*|jailed|handed|given|gave|receiv\w*|fac(?:e|es|ed|ing)|term|punish\w*|convicted)\b",
    )
});

/// A verb of happening after a noun phrase (`The trial of X began on ...`).
/// A verb that starts or holds the noun after it (`began the trial`, `staged a strike`,
/// `went on hunger strike`): it tells when the event happened.
static BEGAN: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:began|begun|begins|started|starts|opened|opens|resumed|commenced|launched|launches|held|holds|staged|stages|went on|goes on)\s+(?:(?:the|a|an|their|his|her|its)\s+)?(?:[a-z-]+\s+)?$",
    )
});

static HAPPENED: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"^\s*(?:began|begun|started|opened|took place|was held|were held|resumed|commenced|happened|occurred|was carried out|were carried out)\b",
    )
});

/// A finite auxiliary: a clause's own verb.
static FINITE_AUX: LazyLock<Regex> =
    LazyLock::new(|| builtin(r"\b(?:was|were|is|are|has|have|had)\b"));

/// A sentence that opens with a subordinate clause.
static FRONTED: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"^(?:Since|After|Although|Though|While|Whereas|Because|When|Before|Once|Until|As soon as)\b",
    )
});

/// A subordinate clause with its own subject and verb inside a sentence.
static SUBORDINATE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"\b(?:after|before|when|because|since|although|while|whereas|until)\s+([\w’'-]+)\s+(?:[\w’'-]+\s+){0,4}?(?:was|were|is|are|had|has|have|went|did|began|started|held|took)\b",
    )
});

/// A clause that dates the start of a lasting state.
static SINCE: LazyLock<Regex> = LazyLock::new(|| builtin(r"(?i)\b(?:since|until|till)\b[^,;]*$"));

/// A preposition that introduces the place of an event.
static LOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:in|at|near|outside)\s+(?:the\s+)?(?:(?:city|town|village|region|oblast|district) of\s+)?$",
    )
});

/// A later report on an earlier sentence's term: `the restricted freedom sentence will end
/// on 9 November 2021`, `restrictions ... expired on ...`.
static TERM_END: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(restrict\w*|restricted freedom|sentence|ban|prison term|term)\b[^.;]{0,150}?\b(ends?|ended|will end|expire[sd]?|will expire|runs? (?:out|until)|ran out|lasts? until|is due to end|came to an end|comes? to an end)\b",
    )
});

/// Words before a date that the sentence replaces (`instead of 5 October`).
static SUPERSEDED: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"(?i)\b(?:instead of|rather than|not|no longer)\s+(?:on\s+|from\s+|until\s+)?$")
});

/// A sentence that adds terms to the sentence before it (`It also imposed restrictions
/// ... for four years.`).
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"^(?:It|The (?:[\w-]+ ){0,3}court|The judge|He|She|They)\s+(?:also|further|additionally)\s+(?:imposed|ordered|sentenced|fined|banned|placed|restricted|prohibited|barred)\b",
    )
});

/// Term kinds named right after a duration (`two years in prison`).
static TERM_AFTER: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("prison_term", r"^(?:['’]\s*)?(?:of\s+)?(?:jail|imprisonment|in prison|prison|in jail|jail|behind bars|in an? (?:penal |general regime |strict regime )?colony|deprivation of (?:liberty|freedom))"),
        ("community_service", r#"^(?:of\s+)?["“']?(?:compulsory\s+|forced\s+|corrective\s+)?(?:community service|forced labou?r|public works|corrective labou?r)"#),
        ("restricted_freedom", r#"^(?:of\s+)?["“']?(?:restrict\w*|restricted|limited freedom|freedom limitation|limitation of (?:her |his )?freedom|restraint of (?:liberty|freedom)|probation-like)"#),
        ("ban_term", r"^ban\b"),
        ("arrest_term", r"^(?:of\s+)?(?:administrative\s+)?(?:arrest|detention)"),
        ("probation", r"^(?:of\s+)?(?:probation|suspended)"),
    ]
    .into_iter()
    .map(compile_kind)
    .collect()
});

/// Term kinds named before `for <duration>` (`banned her from ... for five years`).
static TERM_BEFORE: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("restricted_freedom", r"(?i)\brestrict\w*"),
        ("ban_term", r"(?i)\b(ban\w*|barred|prohibit\w*)\b"),
        ("prison_term", r"(?i)\b(prison|imprison\w*|jail\w*)\b"),
        (
            "community_service",
            r"(?i)\b(community service|forced labou?r|corrective labou?r)\b",
        ),
        ("probation", r"(?i)\bprobation\b"),
    ]
    .into_iter()
    .map(compile_kind)
    .collect()
});

fn rule_lines(content: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    content.lines().enumerate().filter_map(|(i, line)| {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').map(str::trim).collect()))
        }
    })
}

fn event_type(name: &str) -> Option<&'static str> {
    EVENT_TYPES.iter().find(|t| **t == name).copied()
}

/// A rule pattern matched on whole words, case-insensitively (as [`compile_table`]
/// compiles it). Boundaries are ASCII ones (`\b` in the pattern too): a Unicode `\b`
/// makes the regex engine leave its fast DFA on any text with a curly quote or a dash.
/// Trigger wordings are English.
fn whole_words(p: &str) -> String {
    let p = p.replace(r"\b", r"(?-u:\b)");
    format!(r"(?-u:\b)(?:{p})(?-u:\b)")
}

/// Compiles the whole-word patterns of a rule table, given with their line numbers, after
/// the table's other `errors` (if any, they are returned with those of the patterns);
/// errors name the line of each bad pattern.
fn compile_table(
    patterns: &[(usize, &str)],
    path: &Path,
    mut errors: Vec<Error>,
) -> Result<PatternSet> {
    match PatternSet::new(patterns.iter().map(|(_, p)| whole_words(p)), true) {
        Ok(set) if errors.is_empty() => return Ok(set),
        Ok(_) => {}
        Err(bad) => errors.extend(bad.into_iter().map(|e| {
            let ln = e.index.map_or(0, |i| patterns[i].0);
            Error::rule(path, ln, format!("bad pattern: {}", e.message))
        })),
    }
    Err(Error::Many(errors))
}

impl Extractor {
    /// Compiles a trigger file's content with the built-in category and charge tables;
    /// `path` names it in errors.
    pub fn from_rules(content: &str, path: &Path) -> Result<Self> {
        Self::from_tables(
            (content, path),
            (DEFAULT_CATEGORIES, Path::new("rules/categories.tsv")),
            (DEFAULT_CHARGES, Path::new("rules/charges.tsv")),
        )
    }

    /// Compiles the three rule tables, each given as (content, path for errors): triggers
    /// (`events.tsv`), categories (`categories.tsv`) and charges (`charges.tsv`).
    pub fn from_tables(
        triggers: (&str, &Path),
        categories: (&str, &Path),
        charges: (&str, &Path),
    ) -> Result<Self> {
        // The tables compile side by side (on the caller's rayon pool): start-up is on
        // every run's critical path. Errors are reported in table order.
        let (t, (c, k)) = rayon::join(
            || lexicon::TriggerLexicon::parse(triggers.0, triggers.1),
            || {
                rayon::join(
                    || Self::parse_charges(charges.0, charges.1),
                    || Self::parse_categories(categories.0, categories.1),
                )
            },
        );
        let lexicon = t?;
        let (charges, charge_patterns) = c?;
        Ok(Extractor {
            lexicon,
            categories: k?,
            charges,
            charge_patterns,
        })
    }

    /// Replaces the category table (`categories.tsv` format).
    pub fn with_categories(mut self, content: &str, path: &Path) -> Result<Self> {
        self.categories = Self::parse_categories(content, path)?;
        Ok(self)
    }

    /// Replaces the charge table (`charges.tsv` format).
    pub fn with_charges(mut self, content: &str, path: &Path) -> Result<Self> {
        (self.charges, self.charge_patterns) = Self::parse_charges(content, path)?;
        Ok(self)
    }

    fn parse_categories(content: &str, path: &Path) -> Result<Vec<CategoryRule>> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for (ln, cols) in rule_lines(content) {
            if !(2..=3).contains(&cols.len()) {
                errors.push(Error::rule(
                    path,
                    ln,
                    format!("expected 2 or 3 TAB-separated fields, found {}", cols.len()),
                ));
                continue;
            }
            let Some(event_type) = event_type(cols[0]) else {
                errors.push(Error::rule(
                    path,
                    ln,
                    format!("unknown event type `{}`", cols[0]),
                ));
                continue;
            };
            let Some(&category) = CATEGORIES.iter().find(|c| **c == cols[1]) else {
                errors.push(Error::rule(
                    path,
                    ln,
                    format!(
                        "unknown category `{}` (one of {})",
                        cols[1],
                        CATEGORIES.join(", ")
                    ),
                ));
                continue;
            };
            let when = match cols.get(2) {
                Some(p) => match RegexBuilder::new(p).case_insensitive(true).build() {
                    Ok(re) => Some(re),
                    Err(e) => {
                        errors.push(Error::rule(path, ln, format!("bad pattern: {e}")));
                        continue;
                    }
                },
                None => None,
            };
            rules.push(CategoryRule {
                event_type,
                category,
                when,
            });
        }
        for t in EVENT_TYPES {
            if !rules.iter().any(|r| r.event_type == *t && r.when.is_none()) {
                errors.push(Error::rule(
                    path,
                    0,
                    format!("event type `{t}` has no plain category line"),
                ));
            }
        }
        if errors.is_empty() {
            Ok(rules)
        } else {
            Err(Error::Many(errors))
        }
    }

    /// The charge names of a charge table and their compiled patterns.
    fn parse_charges(content: &str, path: &Path) -> Result<(Vec<String>, PatternSet)> {
        let mut names = Vec::new();
        let mut patterns = Vec::new();
        let mut errors = Vec::new();
        for (ln, cols) in rule_lines(content) {
            if cols.len() != 2 || cols[0].is_empty() {
                errors.push(Error::rule(
                    path,
                    ln,
                    "expected a charge name and a pattern separated by a TAB",
                ));
                continue;
            }
            names.push(cols[0].to_string());
            patterns.push((ln, cols[1]));
        }
        Ok((names, compile_table(&patterns, path, errors)?))
    }

    /// The built-in rules.
    pub fn builtin() -> Self {
        Self::from_rules(DEFAULT_TRIGGERS, Path::new("rules/events.tsv"))
            .expect("built-in event rules compile")
    }

    /// The ITUC category of an event of `event_type` stated in `evidence`.
    pub fn category(&self, event_type: &str, evidence: &str) -> &'static str {
        self.categories
            .iter()
            .find(|r| {
                r.event_type == event_type && r.when.as_ref().is_none_or(|w| w.is_match(evidence))
            })
            .map_or("civil_liberties", |r| r.category)
    }

    /// The normalised charges named in `text`, in order of first appearance.
    pub fn charges(&self, text: &str) -> Vec<String> {
        let mut found: Vec<(usize, &str)> = self
            .charge_patterns
            .candidates(text)
            .into_iter()
            .filter_map(|k| {
                let m = self.charge_patterns.find_iter(k, text).next()?;
                Some((m.start, self.charges[k].as_str()))
            })
            .collect();
        found.sort();
        let mut out: Vec<String> = Vec::new();
        for (_, c) in found {
            if !out.iter().any(|o| o == c) {
                out.push(c.to_string());
            }
        }
        out
    }

    /// Adds the event layer to a document whose sentences, mentions and timexes are set.
    pub fn extract(&self, doc: &mut Doc) {
        // Lookups by span binary-search these layers.
        if !doc.mentions.is_sorted_by_key(|m| m.span.start) {
            doc.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        }
        if !doc.timexes.is_sorted_by_key(|x| x.span.start) {
            doc.timexes.sort_by_key(|x| (x.span.start, x.span.end));
        }
        // Events of the sentence being read and of the one before (the context dates and
        // continuations look one sentence back); older ones are merged into `out` as they
        // leave that window, so a huge document holds its distinct events, not every hit.
        let mut merger = Merger::default();
        let mut prev_events: Vec<Event> = Vec::new();
        let mut prev_si: Option<usize> = None;
        // The subjects of the latest event with any: who the text is about.
        let mut topic: Vec<String> = Vec::new();
        for (si, &sent) in doc.sentences.iter().enumerate() {
            let s = sent.of(&doc.text);
            let mut events: Vec<Event> = Vec::new();
            let mut hits = self.lexicon.find(s);
            hits.extend(constructions::places_of_detention(s));
            hits.extend(constructions::bail_denied(s));
            hits.extend(constructions::removed_from_post(s));
            hits.sort_by_key(|h| (h.start, h.end));
            for hit in hits {
                let trig = Span::new(sent.start + hit.start, sent.start + hit.end);
                // Inside a name (`Free Trade Union`, `Strike Committee`) or a date (`March`).
                if (!constructions::is_place_of_detention(&hit)
                    && mentions_in(
                        doc,
                        Span::new(
                            trig.start.saturating_sub(200),
                            (trig.end + 200).min(doc.text.len()),
                        ),
                    )
                    .any(|m| m.span.overlaps(trig)))
                    || timexes_in(doc, sent)
                        .any(|x| x.ttype == TimexType::Date && x.span.contains(trig))
                {
                    continue;
                }
                let Some((t, voice)) = constructions::read(&doc.text, &hit, trig.start, trig.end)
                else {
                    continue;
                };
                let Some(event_type) = constructions::appeal_type(&doc.text, &hit, t, trig.start)
                else {
                    continue;
                };
                let event_type =
                    constructions::detained_state(&doc.text, &hit, event_type, trig.start);
                // (A trigger may say a negation itself: `unable to register`.)
                if modality::blocked(&doc.text, sent, trig) {
                    continue;
                }
                let before: &[Event] = if prev_si.is_some_and(|p| p + 1 == si) {
                    &prev_events
                } else {
                    &[]
                };
                // A noun typed by its verb (`rejected the application for registration`,
                // `reduced the sentence`) is that verb's clause's event.
                let by_verb = matches!(
                    hit.surface.to_lowercase().as_str(),
                    "appeal" | "appeals" | "registration" | "registrations"
                ) || event_type != t.event_type;
                if let Some(e) =
                    self.build(doc, before, si, trig, event_type, voice, by_verb, &topic)
                {
                    if !e.subjects.is_empty() {
                        topic = e.subjects.clone();
                    }
                    events.push(e);
                }
            }
            events.extend(term_end_updates(doc, si));
            if events.is_empty() {
                if prev_si.is_some_and(|p| p + 1 == si) && CONTINUATION.is_match(s) {
                    let extra =
                        attributes(doc, sent, Span::new(sent.start, sent.start), "sentence");
                    for e in prev_events
                        .iter_mut()
                        .filter(|e| matches!(e.event_type.as_str(), "sentence" | "conviction"))
                    {
                        for (k, v) in &extra {
                            e.attributes.entry(k.clone()).or_insert(v.clone());
                        }
                    }
                }
            } else {
                merger.extend(std::mem::replace(&mut prev_events, events));
                prev_si = Some(si);
            }
        }
        merger.extend(prev_events);
        doc.events = merger.finish();
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        doc: &Doc,
        events_before: &[Event],
        si: usize,
        trig: Span,
        event_type: &'static str,
        voice: constructions::Voice,
        by_verb: bool,
        topic: &[String],
    ) -> Option<Event> {
        let sent = doc.sentences[si];
        let s = sent.of(&doc.text);
        let clause = clause_of(&doc.text, sent, trig);
        // `faces up to 12 years in prison`: a threat, not a sentence.
        if matches!(event_type, "sentence" | "detention" | "fine")
            && modality::faced(&doc.text, sent, trig)
        {
            return None;
        }
        let subj = arguments::subjects(
            doc,
            si,
            clause,
            trig,
            voice,
            event_type,
            events_before,
            topic,
        )?;
        let ids = subj.ids;
        // A headline about people it does not name repeats what the article tells (a long
        // line without a full stop is a sentence cut short, not a headline).
        if ids.is_empty()
            && !s.trim_end().ends_with(['.', '!', '?', '"', '”', ':'])
            && s.split_whitespace().count() <= HEADLINE_WORDS
        {
            return None;
        }
        let nominal = voice == constructions::Voice::Nominal;
        // The noun's phrase: the trigger and the names it takes after it (`the liquidation
        // of the Federation of Harbour Workers`).
        let phrase_end = mentions_in(doc, Span::new(trig.end, (trig.end + 120).min(sent.end)))
            .filter(|m| ids.iter().any(|i| **i == *m.entity_id))
            .map(|m| m.span.end)
            .max()
            .unwrap_or(trig.end);
        let phrase = Span::new(trig.start, phrase_end);
        let (mut date, mut date_basis) = if nominal && !subj.clausal && !by_verb {
            let lead =
                &doc.text[floor_boundary(&doc.text, trig.start.saturating_sub(40).max(sent.start))
                    ..trig.start];
            if HAPPENED.is_match(&doc.text[phrase.end..sent.end]) || BEGAN.is_match(lead) {
                // `The trial of X began on 4 October`: the verb tells when it happened.
                event_date(doc, sent, clause, phrase)
            } else {
                // A noun names an event the text often told before (`after his arrest`):
                // it has only a date of its own phrase (`the arrest on 3 May`, `the 1989
                // protests`).
                match timexes_in(doc, sent).find(|x| {
                    x.ttype == TimexType::Date
                        && x.date.is_some()
                        && !superseded(doc, sent, x)
                        && distance(x.span, phrase) <= 25
                        && clause.contains(x.span)
                }) {
                    Some(x) => (x.date, DateBasis::Clause),
                    None => (None, DateBasis::None),
                }
            }
        } else {
            event_date(doc, sent, clause, trig)
        };
        // (A noun that refers back, `her sentence`, is no new report to date by context.)
        let refers = nominal && !subj.clausal && !by_verb;
        if matches!(date_basis, DateBasis::Entry | DateBasis::None) && !ids.is_empty() && !refers {
            let continues = (subj.from_pronoun || CONTINUES.is_match(s)) && !LATER.is_match(s);
            if let Some(d) =
                context_date(doc, events_before, si, &ids, event_type).filter(|_| continues)
            {
                (date, date_basis) = (Some(d), DateBasis::Context);
            }
        }
        // A noun about an unnamed group without a date of its own is a general statement
        // (`violent attacks on trade unionists`), not a reported event.
        if ids.is_empty()
            && nominal
            && !subj.clausal
            && !matches!(date_basis, DateBasis::Clause | DateBasis::Sentence)
        {
            return None;
        }
        // `sentenced to three years in a penal colony`: the place of a term, not a state.
        if voice == constructions::Voice::State {
            let from = floor_boundary(&doc.text, trig.start.saturating_sub(30).max(clause.start));
            let lead = &doc.text[clause.start..trig.start];
            if TERM_BEFORE_STATE.is_match(&doc.text[from..trig.start]) && SENTENCING.is_match(lead)
            {
                return None;
            }
        }
        if voice == constructions::Voice::State {
            // `is still in custody`: a lasting condition, not the day it began.
            let from = floor_boundary(&doc.text, trig.start.saturating_sub(40).max(sent.start));
            if STATE.is_match(&doc.text[from..trig.start])
                || SPENT.is_match(&doc.text[from..trig.start])
            {
                (date, date_basis) = (None, DateBasis::None);
            }
        }
        let from = floor_boundary(&doc.text, trig.start.saturating_sub(30).max(sent.start));
        let to = floor_boundary(&doc.text, (trig.end + 30).min(sent.end));
        let repeat = REPEAT.is_match(&doc.text[from..to]);
        let dist = |sp: Span| distance(sp, trig);
        // The place: the first one introduced by `in`/`at`/`near` in the sentence (news
        // names the specific place first and explains it after: `in Shymkent, a town in
        // southern Kazakhstan`), else the nearest.
        let places: Vec<&Mention> = mentions_in(doc, sent)
            .filter(|m| m.entity_type == EntityType::Place)
            .collect();
        let place = places
            .iter()
            .find(|m| {
                let from =
                    floor_boundary(&doc.text, m.span.start.saturating_sub(12).max(sent.start));
                LOCATIVE.is_match(&doc.text[from..m.span.start])
            })
            .or_else(|| places.iter().min_by_key(|m| dist(m.span)))
            .map(|m| m.entity_id.to_string());
        // Terms of an event of several subjects may be any of theirs.
        let mut attributes = if nominal && ids.len() > 1 {
            Map::new()
        } else {
            attributes(doc, sent, trig, event_type)
        };
        if matches!(
            event_type,
            "arrest" | "detention" | "charge" | "trial" | "conviction" | "sentence" | "fine"
        ) {
            let charges = self.charges(s);
            if !charges.is_empty() {
                attributes.insert("charges".into(), json!(charges));
            }
        }
        if matches!(event_type, "release" | "parole" | "pardon") && EARLY.is_match(s) {
            attributes.insert("early_release".into(), json!(true));
        }
        // A noun that refers back to an event (`upholds the sentence against X`) does not
        // say who acted in it.
        let authority = if nominal && !subj.clausal && !by_verb {
            None
        } else {
            authority(doc, sent, trig, event_type)
        };
        let modality = if modality::contested(s) {
            Modality::Contested
        } else {
            Modality::Asserted
        };
        let category = self.category(event_type, s).to_string();
        Some(Event {
            event_type: event_type.to_string(),
            subjects: ids,
            category,
            authority,
            date,
            date_basis,
            place,
            modality,
            trigger: trig,
            evidence: sent,
            attributes,
            refers_back: false,
            repeat,
        })
    }
}

/// The mentions inside `span`, found by binary search (mentions are sorted by start):
/// per-sentence lookups stay cheap on a document with a million mentions.
pub(crate) fn mentions_in(doc: &Doc, span: Span) -> impl Iterator<Item = &Mention> {
    let i = doc.mentions.partition_point(|m| m.span.start < span.start);
    doc.mentions[i..]
        .iter()
        .take_while(move |m| m.span.start < span.end)
        .filter(move |m| span.contains(m.span))
}

/// The timexes inside `span` (sorted by start, like the mentions).
fn timexes_in(doc: &Doc, span: Span) -> impl Iterator<Item = &crate::doc::Timex> {
    let i = doc.timexes.partition_point(|x| x.span.start < span.start);
    doc.timexes[i..]
        .iter()
        .take_while(move |x| x.span.start < span.end)
        .filter(move |x| span.contains(x.span))
}

fn distance(sp: Span, trig: Span) -> usize {
    if sp.end <= trig.start {
        trig.start - sp.end
    } else {
        sp.start.saturating_sub(trig.end)
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether an org mention is an employer and no authority (`Brennick Steel Company`).
pub(crate) fn employer(doc: &Doc, m: &Mention) -> bool {
    let s = m.span.of(&doc.text);
    (EMPLOYER.is_match(s) || EMPLOYER.is_match(&m.entity_id))
        && !AUTHORITY.is_match(s)
        && !AUTHORITY.is_match(&m.entity_id)
}

/// Whether an org mention is an acting authority or an employer (never an org subject).
pub(crate) fn acting_org(doc: &Doc, m: &Mention) -> bool {
    // A workers' own committee (`the Belaruskali strike committee`, `the trade union
    // committee`) is no authority. (No copy unless one is there.)
    let s = WORKERS_COMMITTEE.replace_all(m.span.of(&doc.text), "");
    let id = WORKERS_COMMITTEE.replace_all(&m.entity_id, "");
    AUTHORITY.is_match(&s)
        || EMPLOYER.is_match(&s)
        || AUTHORITY.is_match(&id)
        || EMPLOYER.is_match(&id)
}

/// A committee of workers or of a union.
static WORKERS_COMMITTEE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:strike|union|workers?['’]?|employees['’]?|organi[sz]ing|solidarity|action|defen[cs]e|factory|shop)[\s-]+committees?\b",
    )
});

/// Whether a person mention is introduced as an official (`president, X`; `by judge X`).
pub(crate) fn official(doc: &Doc, sent: Span, m: &Mention) -> bool {
    let from = floor_boundary(&doc.text, m.span.start.saturating_sub(40).max(sent.start));
    let Some(title) = OFFICIAL.find(&doc.text[from..m.span.start]) else {
        return false;
    };
    // A union's president is no official (`KNPRK president Larisa Kharkova`): the title
    // follows an organisation that is not an authority.
    let at = from + title.start();
    let before = doc.text[..at].trim_end_matches([' ', ')', ']', '’', '\'', 's']);
    !mentions_in(doc, Span::new(at.saturating_sub(120).max(sent.start), at)).any(|o| {
        o.entity_type == EntityType::Org && o.span.end >= before.len() && !acting_org(doc, o)
    })
}

/// How far (bytes) around a mention [`female_in`] looks for the person's other mentions.
const SEX_REACH: usize = 50_000;

/// A person's sex as the document tells it: from the id's name parts ([`female`]), else
/// from an honorific before one of its mentions (`Ms Tang`, `Mr. Lee`), else from the sex
/// its given name most often has in the census lists (`Elizabeth Tang`).
///
/// Only the mentions within [`SEX_REACH`] bytes of `m` are read: a huge document has
/// millions of mentions, and this runs for every candidate antecedent.
pub(crate) fn female_in(doc: &Doc, m: &Mention) -> Option<bool> {
    let id: &str = &m.entity_id;
    if let Some(f) = female(id) {
        return Some(f);
    }
    let lx = crate::gazetteer::lexicon::Lexicon::shared();
    let mut by_name = None;
    let near = Span::new(
        m.span.start.saturating_sub(SEX_REACH),
        (m.span.end + SEX_REACH).min(doc.text.len()),
    );
    for m in mentions_in(doc, near).filter(|m| &*m.entity_id == id) {
        let before = doc.text[..m.span.start].trim_end();
        let title = before
            .rsplit(|c: char| !c.is_alphabetic() && c != '.')
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        match title {
            "Ms" | "Mrs" | "Miss" | "Madam" | "Madame" | "Daw" => return Some(true),
            "Mr" | "Sir" | "U" => return Some(false),
            _ => {}
        }
        // (A first word that is also a surname is a family name put first before a
        // syllabic given name, `Yang Kyung-soo`, `Lee Cheuk-yan`.)
        let words: Vec<&str> = m.span.of(&doc.text).split_whitespace().collect();
        let syllabic = |w: &str| {
            w.split_once('-')
                .is_some_and(|(_, b)| b.starts_with(|c: char| c.is_lowercase()))
        };
        if by_name.is_none()
            && let [first, .., last] = words[..]
            && !(lx.is_surname(first) && syllabic(last))
        {
            by_name = lx.given_name_female(first);
        }
    }
    by_name
}

/// Grammatical gender guessed from a person id's name parts (`larisa-kharkova`): Russian
/// and Kazakh feminine and masculine surname endings; else unknown.
pub(crate) fn female(id: &str) -> Option<bool> {
    let slug = id.rsplit('/').next().unwrap_or(id);
    let parts: Vec<&str> = slug.split('-').filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return None;
    }
    let fem_surname = |p: &str| {
        ["ova", "eva", "yeva", "ina", "aya", "kaya"]
            .iter()
            .any(|e| p.ends_with(e))
    };
    let masc_surname = |p: &str| {
        [
            "ov", "ev", "in", "iy", "ii", "sky", "skiy", "bay", "bek", "uly",
        ]
        .iter()
        .any(|e| p.ends_with(e))
    };
    // (A first name in -a says nothing outside Slavic names: Reza, Musa, Mustafa, Luca.)
    let last = parts[parts.len() - 1];
    if fem_surname(last) {
        Some(true)
    } else if masc_surname(last) {
        Some(false)
    } else {
        None
    }
}

/// The person a `he`/`she` in sentence `si` refers to: the first person named (not as an
/// official) in the nearest of the two sentences before it, of a compatible gender.
fn antecedent_person(doc: &Doc, si: usize) -> Option<String> {
    let sent = doc.sentences[si];
    let c = PRONOUN.captures(sent.of(&doc.text))?;
    let want_female = c.get(2).is_some();
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
        let found = mentions_in(doc, prev).find(|m| {
            m.entity_type == EntityType::Person
                && !official(doc, prev, m)
                && female_in(doc, m).is_none_or(|f| f == want_female)
        });
        if let Some(m) = found {
            return Some(m.entity_id.to_string());
        }
    }
    None
}

/// The clause of a sentence that holds the trigger.
fn clause_of(text: &str, sent: Span, trig: Span) -> Span {
    let s = sent.of(text);
    let (ts, te) = (trig.start - sent.start, trig.end - sent.start);
    let mut start = 0;
    let mut end = s.len();
    // A fronted subordinate clause (`Since it was deregistered on 28 March 2017, ...`)
    // ends at its first comma.
    if let Some(m) = FRONTED.find(s)
        && let Some(c) = s[m.end()..].find(", ")
        && m.end() + c < ts
        // A fronted participle has no finite verb: one before the comma belongs to the
        // main clause (`After spending a year in custody he was sentenced to ..., banned`).
        && !(s[m.end()..]
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with("ing"))
            && FINITE_AUX.is_match(&s[m.end()..m.end() + c]))
    {
        start = m.end() + c + 1;
    }
    let mut breaks: Vec<(usize, usize, bool)> = CLAUSE_BREAK
        .find_iter(s)
        .map(|m| (m.start(), m.end(), m.as_str().starts_with(',')))
        .collect();
    // A finite subordinate clause inside the sentence (`... after hundreds of OCC workers
    // went on a hunger strike`), not a participle (`after being convicted`).
    for c in SUBORDINATE.captures_iter(s) {
        if let (Some(all), Some(next)) = (c.get(0), c.get(1))
            && !next.as_str().ends_with("ing")
        {
            breaks.push((all.start(), all.start(), false));
        }
    }
    breaks.sort();
    for (bs, be, comma) in breaks {
        if be <= ts {
            // `, and X was` opens the next clause at `X`.
            start = start.max(if comma { bs + 1 } else { be });
        } else if bs >= te {
            end = bs;
            break;
        }
    }
    Span::new(sent.start + start, sent.start + end)
}

/// The date of an event of the same subject stated in the sentence before `si` with a
/// date of its own: a sentence that continues the story keeps its date.
fn context_date(
    doc: &Doc,
    before: &[Event],
    si: usize,
    ids: &[String],
    event_type: &str,
) -> Option<crate::doc::Date> {
    let prev = *doc.sentences.get(si.checked_sub(1)?)?;
    before
        .iter()
        .rev()
        .take_while(|e| e.evidence == prev)
        .find(|e| {
            matches!(e.date_basis, DateBasis::Clause | DateBasis::Sentence)
                && e.subjects.iter().any(|s| ids.contains(s))
                && one_stage(&e.event_type, event_type)
        })
        .and_then(|e| e.date)
}

/// Whether two event types are parts of one step of a case, told in sentences that follow
/// each other with the date given once (`In July she was convicted. The court sentenced her
/// to ...`); an arrest and a sentence are not.
fn one_stage(a: &str, b: &str) -> bool {
    const STAGES: &[&[&str]] = &[
        &["conviction", "sentence", "fine", "ban"],
        &["arrest", "detention", "charge"],
        &["release", "parole", "pardon"],
        &["strike", "hunger_strike", "protest"],
        &[
            "registration_denied",
            "deregistration",
            "dissolution",
            "suspension",
        ],
    ];
    a == b || STAGES.iter().any(|g| g.contains(&a) && g.contains(&b))
}

/// Maximum distance in bytes between a trigger and the date it takes.
const MAX_DATE_DISTANCE: usize = 150;

/// The date of an event: the nearest resolved DATE in the trigger's clause; else a date
/// that opens the sentence (it frames the whole sentence: "On 21 January 2017, ... were
/// arrested"); else the entry date of a multi-entry page, at month precision.
/// A relative clause set off by commas (`, who was arrested two days ago,`).
static RELATIVE_CLAUSE: LazyLock<Regex> =
    LazyLock::new(|| builtin(r",\s+(?:who|which|whom|whose)\s[^,;:()]{3,120},"));

fn event_date(
    doc: &Doc,
    sent: Span,
    clause: Span,
    trig: Span,
) -> (Option<crate::doc::Date>, DateBasis) {
    // (A date inside a relative clause the trigger is not in dates that clause: `X, who
    // was arrested two days ago, went on hunger strike`.)
    let relatives: Vec<Span> = RELATIVE_CLAUSE
        .find_iter(sent.of(&doc.text))
        .map(|m| Span::new(sent.start + m.start(), sent.start + m.end()))
        .filter(|r| !r.contains(trig))
        .collect();
    let dates: Vec<&crate::doc::Timex> = timexes_in(doc, sent)
        .filter(|x| x.ttype == TimexType::Date && x.date.is_some() && !superseded(doc, sent, x))
        .filter(|x| !relatives.iter().any(|r| r.contains(x.span)))
        .collect();
    let same_clause = |x: &crate::doc::Timex| clause.contains(x.span);
    // `detained on 14 March, convicted on 2 November and released ...`: a date that follows
    // the trigger in its own phrase is its date, however close one before it stands.
    if let Some(x) = dates.iter().find(|x| {
        x.span.start >= trig.end
            && same_clause(x)
            && x.span.start - trig.end <= 16
            && !doc.text[trig.end..x.span.start].contains([',', ';', '('])
    }) {
        return (x.date, DateBasis::Clause);
    }
    if let Some(x) = dates
        .iter()
        .filter(|x| distance(x.span, trig) <= MAX_DATE_DISTANCE && same_clause(x))
        .min_by_key(|x| distance(x.span, trig))
    {
        return (x.date, DateBasis::Clause);
    }
    if let Some(x) = dates
        .iter()
        .find(|x| x.span.start <= sent.start + 20 && x.span.end <= trig.start)
    {
        return (x.date, DateBasis::Sentence);
    }
    // A date of another clause of the sentence (`arrested in January 2017 after workers
    // went on a hunger strike`) is closer to the event than the entry date, unless it
    // dates a state that began then (`since ...`).
    if let Some(x) = dates
        .iter()
        .filter(|x| distance(x.span, trig) <= MAX_DATE_DISTANCE)
        .filter(|x| {
            let from = floor_boundary(&doc.text, x.span.start.saturating_sub(60).max(sent.start));
            !SINCE.is_match(&doc.text[from..x.span.start])
        })
        .min_by_key(|x| distance(x.span, trig))
    {
        return (x.date, DateBasis::Sentence);
    }
    let entry = doc
        .sections
        .iter()
        .find(|s| s.span.contains(sent))
        .and_then(|s| s.date)
        .or_else(|| doc.parent_id.as_ref().and(doc.published.map(|p| p.date)));
    match entry {
        Some(d) => (Some(crate::doc::Date { day: None, ..d }), DateBasis::Entry),
        None => (None, DateBasis::None),
    }
}

fn authority_kind(name: &str) -> Option<&'static str> {
    AUTHORITY_KINDS
        .iter()
        .find(|(_, re)| re.is_match(name))
        .map(|(k, _)| *k)
}

/// The kinds of body that typically act in an event of this type, best first.
fn preferred_kinds(event_type: &str) -> &'static [&'static str] {
    match event_type {
        "arrest" | "detention" | "attack" | "killing" | "surveillance" => {
            &["police", "security_service"]
        }
        "charge" => &["prosecutor", "police", "security_service"],
        "registration_denied" | "deregistration" => &["ministry", "court"],
        "dismissal" => &["employer"],
        "release" | "parole" | "pardon" => &["court", "government"],
        "strike" | "hunger_strike" | "protest" | "complaint" => &[],
        _ => &["court"],
    }
}

/// The acting body of an event: a named authority or employer, or a described one (`the
/// police`), in the trigger's clause — before it (the agent) or after `by`.
fn authority(doc: &Doc, sent: Span, trig: Span, event_type: &str) -> Option<Authority> {
    let text = &doc.text;
    let mut cands: Vec<(Span, Option<String>, &'static str)> = Vec::new();
    for m in mentions_in(doc, sent).filter(|m| m.entity_type == EntityType::Org) {
        let name = m.span.of(text);
        let kind = authority_kind(name).or_else(|| authority_kind(&m.entity_id));
        if let Some(k) = kind {
            cands.push((m.span, Some(m.entity_id.to_string()), k));
        }
    }
    let s = sent.of(text);
    for c in GENERIC_AUTHORITY.captures_iter(s) {
        let (Some(all), Some(head)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let sp = Span::new(sent.start + all.start(), sent.start + all.end());
        if cands.iter().any(|(o, _, _)| o.overlaps(sp)) {
            continue;
        }
        if let Some(k) = authority_kind(head.as_str()) {
            cands.push((sp, None, k));
        }
    }
    // The trigger may name the actor itself (`police arrested`).
    if let Some(k) = authority_kind(trig.of(text)) {
        cands.push((Span::new(trig.start, trig.start), None, k));
    }
    let pref = preferred_kinds(event_type);
    if pref.is_empty() {
        return None;
    }
    let usable = |sp: Span| -> bool {
        if sp.end <= trig.start {
            let between = &text[sp.end..trig.start];
            trig.start - sp.end <= 120 && !between.contains(';')
        } else {
            let between = &text[trig.end..sp.start.max(trig.end)];
            sp.start.saturating_sub(trig.end) <= 80
                && !between.contains(';')
                && text[floor_boundary(text, sp.start.saturating_sub(4))..sp.start].contains("by ")
        }
    };
    cands
        .into_iter()
        .filter(|(sp, _, k)| usable(*sp) && (pref.contains(k) || *k == "government"))
        .min_by_key(|(sp, id, k)| {
            (
                pref.iter().position(|p| p == k).unwrap_or(pref.len()),
                id.is_none(),
                distance(*sp, trig),
            )
        })
        .map(|(_, entity_id, kind)| Authority {
            entity_id,
            kind: kind.to_string(),
        })
}

/// Reports of a term's end (`... will end, according to the authorities, on 9 November
/// 2021`): one update per date, attached to the subject's sentence at merge time.
/// One event per (type, subject, date) in a document: the first evidence wins, later ones
/// add the attributes it lacks; events that refer back to an earlier one are kept apart.
#[derive(Default)]
struct Merger {
    out: Vec<Event>,
    index: HashMap<(String, Vec<String>, Option<crate::doc::Date>, bool), usize>,
}

/// The steps of a case against people, which a group and its named member share.
const LEGAL_STEP: &[&str] = &[
    "arrest",
    "detention",
    "charge",
    "trial",
    "conviction",
    "sentence",
    "release",
];

/// Whether two dates may be one: either missing, or equal at the coarser precision.
fn dates_agree(a: Option<crate::doc::Date>, b: Option<crate::doc::Date>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.year == b.year
                && (a.month.is_none() || b.month.is_none() || a.month == b.month)
                && (a.day.is_none() || b.day.is_none() || a.day == b.day)
        }
        _ => true,
    }
}

impl Merger {
    /// One event per real event of the document: reports of the same type whose subjects
    /// meet (or, unnamed, in one sentence) and whose dates agree are one, with every
    /// subject and the finest date. Each report is compared with the last 64 events of
    /// its type only, so a huge document stays linear.
    fn finish(self) -> Vec<Event> {
        let mut out: Vec<Event> = Vec::new();
        let mut by_type: HashMap<String, Vec<usize>> = HashMap::new();
        for e in self.out {
            if e.refers_back {
                out.push(e);
                continue;
            }
            let slot = by_type.entry(e.event_type.clone()).or_default();
            let same = slot.iter().rev().take(64).copied().find(|&i| {
                let o = &out[i];
                let meet = if o.subjects.is_empty() && e.subjects.is_empty() {
                    o.evidence == e.evidence || (o.date.is_some() && o.date == e.date)
                } else if o.subjects.is_empty() || e.subjects.is_empty() {
                    // (In one sentence, two triggers of one type are two events when one
                    // names nobody: `a man was being beaten up, and in response he was
                    // beaten`.)
                    let two = o.evidence == e.evidence && o.trigger != e.trigger;
                    (o.evidence == e.evidence && !two)
                        // `Six leaders were arrested on Saturday ... his arrest` (of a person
                        // named later, without a date): one of the group, the same arrest.
                        || (o.subjects.is_empty()
                            && o.date.is_some()
                            && e.date.is_none()
                            && !e.repeat
                            && LEGAL_STEP.contains(&e.event_type.as_str()))
                } else {
                    o.subjects.iter().any(|x| e.subjects.contains(x))
                };
                let vague = o.date.is_none() || e.date.is_none() || o.date != e.date;
                meet && dates_agree(o.date, e.date) && !((o.repeat || e.repeat) && vague)
            });
            match same {
                Some(i) => {
                    let o = &mut out[i];
                    for x in e.subjects {
                        if !o.subjects.contains(&x) {
                            o.subjects.push(x);
                        }
                    }
                    let finer = match (o.date, e.date) {
                        (None, Some(_)) => true,
                        (Some(a), Some(b)) => b.precision() > a.precision(),
                        _ => false,
                    };
                    if finer {
                        o.date = e.date;
                        o.date_basis = e.date_basis;
                    }
                    for (k, v) in e.attributes {
                        o.attributes.entry(k).or_insert(v);
                    }
                    if o.authority.is_none() {
                        o.authority = e.authority;
                    }
                    if o.place.is_none() {
                        o.place = e.place;
                    }
                    if e.modality == Modality::Contested {
                        o.modality = Modality::Contested;
                    }
                }
                None => {
                    slot.push(out.len());
                    out.push(e);
                }
            }
        }
        out
    }

    fn extend(&mut self, events: Vec<Event>) {
        for e in events {
            if e.refers_back {
                self.out.push(e);
                continue;
            }
            // An event said to be another one (`previously`, `again`) is never folded into the
            // first report of its kind.
            let key = (e.event_type.clone(), e.subjects.clone(), e.date, e.repeat);
            match self.index.get(&key) {
                Some(&i) => {
                    let o = &mut self.out[i];
                    for (k, v) in e.attributes {
                        o.attributes.entry(k).or_insert(v);
                    }
                    if o.authority.is_none() {
                        o.authority = e.authority;
                    }
                    if e.modality == Modality::Contested {
                        o.modality = Modality::Contested;
                    }
                }
                None => {
                    self.index.insert(key, self.out.len());
                    self.out.push(e);
                }
            }
        }
    }
}

/// Whether the sentence says timex `x` is replaced (`instead of 5 October`).
fn superseded(doc: &Doc, sent: Span, x: &crate::doc::Timex) -> bool {
    let from = floor_boundary(&doc.text, x.span.start.saturating_sub(24).max(sent.start));
    SUPERSEDED.is_match(&doc.text[from..x.span.start])
}

fn term_end_updates(doc: &Doc, si: usize) -> Vec<Event> {
    let sent = doc.sentences[si];
    let s = sent.of(&doc.text);
    let Some(c) = TERM_END.captures(s) else {
        return Vec::new();
    };
    let (Some(m), Some(verb)) = (c.get(0), c.get(2)) else {
        return Vec::new();
    };
    let lower = s.to_lowercase();
    let key = if lower.contains("restrict") {
        "restricted_freedom_end"
    } else if m.as_str().to_lowercase().starts_with("ban") {
        "ban_term_end"
    } else {
        "prison_term_end"
    };
    let person = mentions_in(doc, sent)
        .find(|m| m.entity_type == EntityType::Person && !official(doc, sent, m))
        .map(|m| m.entity_id.to_string())
        .or_else(|| antecedent_person(doc, si))
        .or_else(|| {
            // `the restricted freedom sentence will end ...`: the person of the two
            // sentences before, which the report continues.
            (1..=2).find_map(|back| {
                let prev = *doc.sentences.get(si.checked_sub(back)?)?;
                mentions_in(doc, prev)
                    .find(|m| m.entity_type == EntityType::Person)
                    .map(|m| m.entity_id.to_string())
            })
        });
    let Some(person) = person else {
        return Vec::new();
    };
    let trig = Span::new(sent.start + verb.start(), sent.start + verb.end());
    if modality::blocked(&doc.text, sent, trig) && !lower.contains("instead of") {
        return Vec::new();
    }
    timexes_in(doc, sent)
        .filter(|x| x.ttype == TimexType::Date && x.date.is_some_and(|d| d.day.is_some()))
        // `Instead of 5 October, it will end on 9 November`: the date it replaces is not
        // an end the source reports.
        .filter(|x| !superseded(doc, sent, x))
        .filter_map(|x| x.date)
        .map(|d| {
            let mut attributes = Map::new();
            attributes.insert(key.into(), json!(d.iso()));
            Event {
                event_type: "sentence".into(),
                subjects: vec![person.clone()],
                category: "civil_liberties".into(),
                authority: None,
                date: None,
                date_basis: DateBasis::None,
                place: None,
                modality: Modality::Asserted,
                trigger: trig,
                evidence: sent,
                attributes,
                refers_back: true,
                repeat: false,
            }
        })
        .collect()
}

/// Terms, fines and damages stated after the trigger in its sentence.
fn attributes(doc: &Doc, sent: Span, trig: Span, etype: &str) -> Map<String, Value> {
    let mut a = Map::new();
    if !matches!(
        etype,
        "sentence" | "conviction" | "fine" | "ban" | "detention"
    ) {
        return a;
    }
    for d in timexes_in(doc, sent)
        .filter(|x| x.ttype == TimexType::Duration && x.span.start >= trig.start)
    {
        let after = doc.text[d.span.end..sent.end].trim_start();
        let before = &doc.text[sent.start.max(trig.start)..d.span.start];
        let kind = TERM_AFTER
            .iter()
            .find(|(_, re)| re.is_match(after))
            .map(|(k, _)| *k)
            .or_else(|| {
                let b = before.trim_end();
                let lb = b.to_lowercase();
                if lb.ends_with("sentence of") || lb.ends_with("term of") {
                    // `a new prison sentence of five months`: a restriction or ban
                    // names itself (`ban of`), a bare sentence is a prison term.
                    return Some(if lb.ends_with("ban term of") {
                        "ban_term"
                    } else {
                        "prison_term"
                    });
                }
                if !(b.ends_with(" for") || b.ends_with(" period of")) {
                    return None;
                }
                let clause = b.rsplit(';').next().unwrap_or(b);
                TERM_BEFORE
                    .iter()
                    .filter_map(|(k, re)| re.find_iter(clause).last().map(|m| (m.start(), *k)))
                    .max()
                    .map(|(_, k)| k)
            });
        if let Some(k) = kind {
            a.entry(k.to_string()).or_insert(json!(d.value));
        }
    }
    if !matches!(etype, "detention" | "ban") {
        let from = floor_boundary(&doc.text, trig.start);
        let tail = &doc.text[from..sent.end];
        for m in money::find_all(tail) {
            let (amount, currency) = (m.amount, m.currency);
            let lead = &tail[..m.start];
            let lead = &lead[floor_boundary(lead, lead.len().saturating_sub(60))..];
            // `for the misappropriation of US$28,000`: what the charge is about.
            let near = &lead[floor_boundary(lead, lead.len().saturating_sub(40))..];
            if CHARGE_AMOUNT.is_match(near) {
                continue;
            }
            let key = if DAMAGES.is_match(lead) {
                "damages"
            } else {
                "fine"
            };
            a.entry(key.to_string())
                .or_insert(json!({"amount": amount, "currency": currency}));
        }
    }
    a
}

#[cfg(test)]
mod tests;

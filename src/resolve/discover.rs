//! Names the gazetteer lacks: new spellings of known names, and new names.
//!
//! After exact matching, the capitalised spans left over are tried, longest first:
//!
//! 1. **skeleton**: a span whose skeleton key ([`crate::gazetteer::skeleton`]) is a known
//!    surface's key links to that entity (`Eleoussinov`, `Charkowa`); when several entities
//!    share the key, the one the document already names (or whose context words occur)
//!    wins, otherwise none;
//! 2. **fuzzy**: a single capitalised word one letter off a known surname (`Kushakpaev`),
//!    never across a gender ending (`Kharkov` is not `Kharkova`);
//! 3. **discovered**: a capitalised name introduced by a title or role (`Ms`, `lawyer`,
//!    `union leader`) is a person; a capitalised phrase ending in an organisation's head
//!    noun (`... Workers' Union`, `... District Court`, `Ministry of ...`) is an
//!    organisation; an acronym defined right after a discovered organisation is its alias.
//!    Discovered entities get ids `new/person/...`, `new/org/...` from their skeleton key,
//!    so different spellings of one new name share an id.

use crate::doc::{Doc, EntityType, Mention, Method, Span};
use crate::gazetteer::{Gazetteer, Matcher, SurfaceKind, skeleton};
use crate::patterns::{Starts, builtin};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Capitalised words that are not names on their own.
const COMMON: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "And",
    "But",
    "Or",
    "If",
    "As",
    "By",
    "To",
    "From",
    "With",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "Following",
    "When",
    "While",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "There",
    "Here",
    "However",
    "Although",
    "According",
    "Also",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Dr.",
    "Prof",
    "President",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Today",
    "Yesterday",
    "Court",
    "Union",
    "Ministry",
    "Government",
    "Police",
    "State",
    "Republic",
    "Region",
    "City",
    "District",
    "Article",
    "Law",
    "Code",
    "Criminal",
    "Order",
    "No",
    "Nos",
    "See",
    "Read",
    "More",
    "Update",
    "Photo",
    "Share",
    "Some",
    "All",
    "Many",
    "Several",
    "Other",
    "Another",
    "Each",
    "Every",
    "Both",
    "Such",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Yet",
    "So",
    "Then",
    "Now",
    "Not",
    "Instead",
    "Despite",
    "Because",
    "Previously",
    "Later",
    "Earlier",
    "Meanwhile",
    "Thus",
    "Therefore",
    "Moreover",
    "Furthermore",
    "Finally",
    "In",
    "Under",
    "Over",
    "Between",
    "Against",
    "Without",
    "Within",
    "About",
    "Into",
    "Through",
    "Upon",
    "Among",
    "Trade",
    "Workers",
    "Oil",
    "Human",
    "Rights",
    "International",
    "National",
    "Independent",
];

/// A person introduced by a title or a role (`Dr Ivanova`, `lawyer Jane Doe`): group 1 is
/// the name.
const TITLED_PATTERN: &str = r"(?:(?-u:\b)(?:Mr|Ms|Mrs|Dr|Mme|Mlle|Prof)\.?|(?-u:\b)(?:lawyer|attorney|activist|journalist|blogger|reporter|leader|chairman|chairwoman|chairperson|chair|co-chair|president|vice-president|secretary|director|judge|prosecutor|investigator|founder|co-founder|colleague|unionist|organi[sz]er|inspector|worker|member|head|deputy|spokesman|spokeswoman|spokesperson|defender|poet|writer|economist|politician|dissident|opposition figure|businessman|mayor|akim|governor|minister|officer|official|manager|engineer|driver|doctor|nurse|teacher|miner|courier|father|mother|son|daughter|wife|husband|brother|sister)),?\s+((?:\p{Lu}[\p{Ll}’'\-]*\p{Ll}(?:-\p{Lu}[\p{Ll}’']+)?)(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{Ll}’'\-]*\p{Ll}(?:-\p{Lu}[\p{Ll}’']+)?){0,2})";

/// [`TITLED_PATTERN`], searched only where a title or role word occurs.
static TITLED: LazyLock<Starts> =
    LazyLock::new(|| Starts::literal_prefixed(TITLED_PATTERN).expect("titled name"));

/// A capitalised name of two or three words (with an optional middle initial).
const NAME: &str = r"(\p{Lu}[\p{Ll}’'\-]*\p{Ll}(?:-\p{Lu}[\p{Ll}’']+)?(?:\s\p{Lu}\.)?(?:\s\p{Lu}[\p{Ll}’'\-]*\p{Ll}(?:-\p{Lu}[\p{Ll}’']+)?){1,2})";

static SPEAKER: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // "said Hugh Williamson", "according to Jane Doe"
        format!(r"(?-u:\b)(?:said|says|told|added|stated|wrote|according to)\s{NAME}"),
        // "Sharan Burrow said", "Jane Doe told"
        format!(r"{NAME}\s(?:said|says|told|added|stated|wrote|explained|noted|stressed|argued)(?-u:\b)"),
        // "Sharan Burrow, ITUC General Secretary", "Jane Doe, a lawyer"
        format!(r"{NAME},\s(?:an?\s|the\s)?(?:\p{{Lu}}+\s)?(?:General\sSecretary|[Ss]ecretary|[Dd]irector|[Pp]resident|[Cc]hair\w*|[Hh]ead|[Ll]eader|[Ll]awyer|[Aa]ctivist|[Jj]ournalist|[Ss]pokes\w+|[Rr]esearcher|[Ff]ounder|[Cc]oordinator|[Dd]eputy|[Mm]ember|[Oo]fficer|[Oo]fficial|[Mm]anager)(?-u:\b)"),
        // A first name and a Slavic or Kazakh surname.
        r"(\p{Lu}\p{Ll}+\s\p{Lu}\p{Ll}+(?:ov|ova|ev|eva|yev|yeva|in|ina|sky|skiy|skii|skaya|enko|uly|kyzy|bayev|baev|bekov|bekova|ovich|ovna))(?-u:\b)".to_string(),
    ]
    .iter()
    .map(|p| builtin(p))
    .collect()
});

/// Organisation head nouns (the last word of an organisation's name).
const ORG_HEADS: &str = r"Union|Unions|Confederation|Federation|Committee|Court|Ministry|Department|Company|Ltd|LLP|JSC|LLC|PLC|Inc|Corporation|Foundation|Bureau|Office|Council|Party|Association|Organisation|Organization|Agency|Police|Parliament|Akimat|Institute|Commission|Coalition|Syndicate|Tribunal|Procuracy|Center|Centre";

/// Words that open names of laws, concepts and documents, not organisations.
const NOT_ORG_LEADS: &[&str] = &[
    "Law",
    "Laws",
    "Code",
    "Convention",
    "Conventions",
    "Article",
    "Decree",
    "Order",
    "Resolution",
    "Recommendation",
    "Freedom",
    "Right",
    "Rights",
    "Day",
    "Week",
    "Year",
    "Following",
    "After",
    "Before",
    "During",
    "Since",
    "When",
    "While",
    "As",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "With",
    "To",
    "And",
    "But",
    "Both",
    "Since",
    "Under",
];

/// Words that do not make an organisation's name specific on their own.
const GENERIC: &[&str] = &[
    "Trade",
    "Union",
    "Unions",
    "Workers",
    "Workers'",
    "Workers’",
    "National",
    "Independent",
    "International",
    "Local",
    "Regional",
    "District",
    "City",
    "State",
    "Public",
    "Free",
    "The",
    "of",
    "the",
    "and",
    "for",
    "on",
    "in",
    "Supreme",
    "High",
    "Court",
    "Federation",
    "Confederation",
    "Committee",
    "Council",
    "Party",
    "Ministry",
    "Department",
    "Company",
    "Association",
    "Organisation",
    "Organization",
    "Agency",
    "Police",
    "Parliament",
    "Office",
    "Bureau",
    "Foundation",
    "Institute",
    "Commission",
    "New",
    "General",
    "Central",
    "Center",
    "Centre",
    "Economic",
    "Administrative",
    "Criminal",
    "Civil",
    "Appeals",
    "Appellate",
    "Regional",
    "Human",
    "Rights",
    "Labour",
    "Labor",
    "Social",
    "Legal",
];

/// An organisation's name by its head noun: `... Workers' Union`, `Ministry of ...`. Every
/// match begins with a capital letter (searched as [`Starts`]).
pub(crate) fn org_phrase_pattern() -> String {
    let w = r"(?:\p{Lu}[\p{L}’'&\-]*|[A-Z]{2,})";
    format!(
        r"((?:{w} (?:(?:of|for|and|on|in|the|de|&) )*){{1,6}}(?:{ORG_HEADS})(?: (?:of|in|for) (?:the )?{w}(?: {w}){{0,2}})?)(?-u:(?-u:\b))|((?:Ministry|Department|Committee|Council|Union|Federation|Confederation|Court|Office|Bureau|Agency|Institute|Commission) (?:of|for|on) (?:the )?{w}(?: (?:(?:and|of|the|for) )?{w}){{0,5}})"
    )
}

static ORG_PHRASE: LazyLock<Starts> =
    LazyLock::new(|| Starts::uppercase(&org_phrase_pattern()).expect("org phrase"));

static ACRONYM_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"^\s*[(\[](?:(?i:a\.k\.a\.?|aka|also known as|known as)\s+)?(\p{Lu}[\p{Lu}\d&/-]{1,11})[)\]]",
    )
});

/// The capitalised-word pattern [`cap_words`] implements (kept for its tests).
#[cfg(test)]
const CAP_WORD: &str = r"\p{Lu}[\p{L}’'\-]*\p{L}|\p{Lu}\p{Lu}";

/// Sorted code point ranges of a Unicode class, for membership by binary search.
type Ranges = Vec<(char, char)>;

/// The ranges of a Unicode class written in regex syntax.
fn class_ranges(class: &str) -> Ranges {
    match regex_syntax::parse(class).map(regex_syntax::hir::Hir::into_kind) {
        Ok(regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(c))) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        _ => unreachable!("{class} is a Unicode class"),
    }
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    let k = ranges.partition_point(|r| r.1 < c);
    ranges.get(k).is_some_and(|r| r.0 <= c)
}

/// `\p{Lu}` and `\p{L}` beyond ASCII (the regex crate's own tables, via regex-syntax).
static UPPER_LETTERS: LazyLock<(Ranges, Ranges)> =
    LazyLock::new(|| (class_ranges(r"\p{Lu}"), class_ranges(r"\p{L}")));

fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_ranges(&UPPER_LETTERS.0, c)
    }
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(&UPPER_LETTERS.1, c)
    }
}

/// Capitalised words, as the regex `\p{Lu}[\p{L}’'\-]*\p{L}|\p{Lu}\p{Lu}` finds them
/// (leftmost first, non-overlapping): an upper-case letter, then the longest run of
/// letters, apostrophes and hyphens that ends in a letter. A scan of the text's chars: the
/// regex needs a reverse automaton to find where each of these frequent matches starts.
fn cap_words(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = text[pos..].chars().next() {
        let start = pos;
        pos += c.len_utf8();
        if !is_upper(c) {
            continue;
        }
        // The run after the capital; the match ends after its last letter.
        let mut end = None;
        let mut q = pos;
        for d in text[pos..].chars() {
            if is_letter(d) {
                end = Some(q + d.len_utf8());
            } else if !matches!(d, '’' | '\'' | '-') {
                break;
            }
            q += d.len_utf8();
        }
        if let Some(end) = end {
            out.push(Span::new(start, end));
            pos = end;
        }
    }
    out
}

/// Whether `pos` starts a word: no letter, digit or underscore (any script) just before.
/// (The patterns use ASCII word boundaries, which the regex crate runs in its fast
/// automata; a Unicode `\b` falls back to a slow engine on any non-ASCII text.)
fn word_start(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// The spans already taken by mentions, ordered, so that overlap and containment queries
/// cost a logarithm rather than a scan (a document may hold a million mentions).
#[derive(Default)]
struct Taken {
    spans: std::collections::BTreeSet<(usize, usize)>,
    /// The longest span, bounding how far back an overlapping span can start.
    longest: usize,
}

impl Taken {
    fn push(&mut self, s: Span) {
        self.longest = self.longest.max(s.end - s.start);
        self.spans.insert((s.start, s.end));
    }
    /// Spans that could overlap `s` (they start before it ends, and not too far back).
    fn near(&self, s: Span) -> impl Iterator<Item = Span> + '_ {
        self.spans
            .range((s.start.saturating_sub(self.longest), 0)..(s.end, 0))
            .map(|&(a, b)| Span::new(a, b))
    }
    fn overlaps(&self, s: Span) -> bool {
        self.near(s).any(|t| t.overlaps(s))
    }
    fn contains(&self, s: &Span) -> bool {
        self.spans.contains(&(s.start, s.end))
    }
    fn retain_outside(&mut self, s: Span) {
        let inside: Vec<(usize, usize)> = self
            .spans
            .range((s.start, 0)..(s.end, usize::MAX))
            .filter(|&&(_, b)| b <= s.end)
            .copied()
            .collect();
        for k in inside {
            self.spans.remove(&k);
        }
    }
}

fn slug(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Picks one entity among candidates: the one the document already names, else the one
/// whose context words occur, else the only one.
fn choose(
    cands: &[usize],
    named: &HashSet<usize>,
    g: &Gazetteer,
    folded_doc: &str,
) -> Option<usize> {
    let seen: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|c| named.contains(c))
        .collect();
    if seen.len() == 1 {
        return Some(seen[0]);
    }
    if !seen.is_empty() {
        return None;
    }
    if cands.len() == 1 {
        return Some(cands[0]);
    }
    let ctx: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&c| {
            g.entities[c]
                .context
                .iter()
                .any(|w| folded_doc.contains(&crate::gazetteer::fold_surface(w)))
        })
        .collect();
    (ctx.len() == 1).then(|| ctx[0])
}

/// Adds skeleton, fuzzy and discovered mentions to `mentions` (which holds the exact ones).
pub fn discover(
    doc: &Doc,
    g: &Gazetteer,
    m: &Matcher,
    folded_doc: &str,
    mentions: &mut Vec<Mention>,
) {
    let text = doc.text.as_str();
    let mut taken = Taken::default();
    for x in mentions.iter() {
        taken.push(x.span);
    }
    let mut named: HashSet<usize> = mentions
        .iter()
        .filter_map(|x| g.by_id.get(&*x.entity_id).copied())
        .collect();
    let mut out: Vec<Mention> = Vec::new();
    let push = |out: &mut Vec<Mention>,
                taken: &mut Taken,
                span: Span,
                id: String,
                t: EntityType,
                method: Method,
                confidence: f32| {
        taken.push(span);
        out.push(Mention {
            span,
            entity_id: id.into(),
            entity_type: t,
            method,
            confidence,
        });
    };

    // 1-2. Skeleton and near-miss links for capitalised runs.
    let mut words = cap_words(text);
    words.retain(|w| !taken.overlaps(*w));
    let mut i = 0;
    while i < words.len() {
        // The run of capitalised words separated by single spaces or hyphens.
        let mut j = i + 1;
        while j < words.len() && j - i < 4 {
            let gap = &text[words[j - 1].end..words[j].start];
            if gap != " " && gap != "-" {
                break;
            }
            j += 1;
        }
        let mut linked = false;
        for end in (i + 1..=j).rev() {
            let span = Span::new(words[i].start, words[end - 1].end);
            let surface = span.of(text);
            if end - i == 1 && COMMON.contains(&surface) {
                continue;
            }
            let keys = skeleton::keys(surface);
            let mut cands: Vec<(usize, SurfaceKind)> = Vec::new();
            for k in &keys {
                if k.chars().count() < 4 {
                    continue;
                }
                if let Some(v) = m.skeletons.by_key.get(k) {
                    for &c in v {
                        if !cands.iter().any(|x| x.0 == c.0) {
                            cands.push(c);
                        }
                    }
                }
            }
            if !cands.is_empty() {
                let partial_only = cands.iter().all(|c| c.1 == SurfaceKind::Partial);
                let ids: Vec<usize> = cands.iter().map(|c| c.0).collect();
                if let Some(e) = choose(&ids, &named, g, folded_doc)
                    && (!partial_only || named.contains(&e) || ids.len() == 1)
                {
                    let ent = &g.entities[e];
                    let conf = if partial_only { 0.7 } else { 0.8 };
                    push(
                        &mut out,
                        &mut taken,
                        span,
                        ent.id.clone(),
                        ent.etype,
                        Method::Skeleton,
                        conf,
                    );
                    named.insert(e);
                    i = end;
                    linked = true;
                    break;
                }
                continue;
            }
            if end - i == 1 {
                // A single word one letter off a known surname.
                let near: Vec<usize> = keys
                    .iter()
                    .flat_map(|k| m.skeletons.near(k))
                    .collect::<HashSet<_>>()
                    .into_iter()
                    .collect();
                let mut near = near;
                near.sort_unstable();
                if let Some(e) = choose(&near, &named, g, folded_doc) {
                    let ent = &g.entities[e];
                    push(
                        &mut out,
                        &mut taken,
                        span,
                        ent.id.clone(),
                        ent.etype,
                        Method::Fuzzy,
                        0.7,
                    );
                    named.insert(e);
                    i = end;
                    linked = true;
                    break;
                }
            }
        }
        if !linked {
            i += 1;
        }
    }

    // 3a. Persons introduced by a title or a role.
    for c in TITLED.captures(text) {
        let Some(name) = c.get_group(1) else { continue };
        let span = Span::new(name.start, name.end);
        if taken.overlaps(span) {
            continue;
        }
        let surface = &text[name.range()];
        let first = surface.split_whitespace().next().unwrap_or("");
        if COMMON.contains(&first) || ORG_HEAD_WORDS.iter().any(|h| surface.ends_with(h)) {
            continue;
        }
        let key = skeleton::keys(surface)
            .into_iter()
            .next()
            .unwrap_or_default();
        if key.len() < 3 {
            continue;
        }
        push(
            &mut out,
            &mut taken,
            span,
            format!("new/person/{}", slug(&key)),
            EntityType::Person,
            Method::Discovered,
            0.6,
        );
    }

    // 3b. Persons quoted or described in apposition.
    for re in SPEAKER.iter() {
        for c in re.captures_iter(text) {
            let Some(name) = c.get(1) else { continue };
            if !word_start(text, c.get(0).map_or(name.start(), |m| m.start())) {
                continue;
            }
            let span = Span::new(name.start(), name.end());
            let surface = name.as_str();
            let first = surface.split_whitespace().next().unwrap_or("");
            if taken.overlaps(span)
                || COMMON.contains(&first)
                || surface
                    .split_whitespace()
                    .any(|w| ORG_HEAD_WORDS.contains(&w) || GENERIC.contains(&w))
            {
                continue;
            }
            let key = skeleton::keys(surface)
                .into_iter()
                .next()
                .unwrap_or_default();
            push(
                &mut out,
                &mut taken,
                span,
                format!("new/person/{}", slug(&key)),
                EntityType::Person,
                Method::Discovered,
                0.6,
            );
        }
    }

    // 3c. Organisations by their head noun, and acronyms defined after them.
    for c in ORG_PHRASE.captures(text) {
        let Some(name) = c.get_group(1).or(c.get_group(2)) else {
            continue;
        };
        if !word_start(text, name.start) {
            continue;
        }
        let mut s = name.start;
        // Trim leading articles and sentence-initial function words.
        loop {
            let rest = &text[s..name.end];
            let first = rest.split(' ').next().unwrap_or("");
            if first.len() < rest.len()
                && (COMMON.contains(&first) && !ORG_HEAD_WORDS.contains(&first))
            {
                s += first.len() + 1;
                continue;
            }
            break;
        }
        let span = Span::new(s, name.end);
        let surface = span.of(text);
        let words: Vec<&str> = surface.split(' ').collect();
        // Places and organisations wholly inside a longer organisation's name give way to
        // it ("Karaganda" in "Karaganda Miners Union"); anything else overlapping wins.
        let inside: Vec<Span> = taken
            .near(span)
            .filter(|t| span.contains(*t) && *t != span)
            .collect();
        let clash = taken
            .near(span)
            .any(|t| t.overlaps(span) && !span.contains(t));
        let person_inside = mentions
            .iter()
            .chain(out.iter())
            .any(|m| span.contains(m.span) && m.entity_type == EntityType::Person);
        if clash || person_inside || taken.contains(&span) {
            continue;
        }
        if !inside.is_empty() {
            let covered: usize = inside.iter().map(|t| t.end - t.start).sum();
            if covered * 10 > (span.end - span.start) * 7 {
                continue;
            }
            mentions.retain(|m| !span.contains(m.span));
            out.retain(|m| !span.contains(m.span));
            taken.retain_outside(span);
        }
        if words.len() < 2
            || NOT_ORG_LEADS.contains(&words[0])
            || words.iter().all(|w| GENERIC.contains(w))
        {
            continue;
        }
        let key = skeleton::keys(surface)
            .into_iter()
            .next()
            .unwrap_or_default();
        let id = format!("new/org/{}", slug(&key));
        push(
            &mut out,
            &mut taken,
            span,
            id.clone(),
            EntityType::Org,
            Method::Discovered,
            0.6,
        );
        if let Some(a) = ACRONYM_AFTER
            .captures(&text[span.end..])
            .and_then(|a| a.get(1))
        {
            let acr = a.as_str();
            let known = g
                .entities
                .iter()
                .any(|e| e.acronyms.iter().any(|x| x == acr));
            if !known {
                for (at, _) in text.match_indices(acr) {
                    let sp = Span::new(at, at + acr.len());
                    let before = text[..at].chars().next_back();
                    let after = text[sp.end..].chars().next();
                    if before.is_some_and(char::is_alphanumeric)
                        || after.is_some_and(char::is_alphanumeric)
                    {
                        continue;
                    }
                    if !taken.overlaps(sp) {
                        push(
                            &mut out,
                            &mut taken,
                            sp,
                            id.clone(),
                            EntityType::Org,
                            Method::Discovered,
                            0.6,
                        );
                    }
                }
            }
        }
    }
    mentions.extend(out);
}

const ORG_HEAD_WORDS: &[&str] = &[
    "Union",
    "Unions",
    "Confederation",
    "Federation",
    "Committee",
    "Court",
    "Ministry",
    "Department",
    "Company",
    "Ltd",
    "Foundation",
    "Bureau",
    "Office",
    "Council",
    "Party",
    "Association",
    "Organisation",
    "Organization",
    "Agency",
    "Police",
    "Parliament",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// (whole match, group 1, group 2) of each match, as byte ranges.
    type Found = Vec<(
        Option<std::ops::Range<usize>>,
        Option<std::ops::Range<usize>>,
        Option<std::ops::Range<usize>>,
    )>;

    fn with_regex(re: &Regex, text: &str) -> Found {
        re.captures_iter(text)
            .map(|c| {
                let g = |i| c.get(i).map(|m| m.range());
                (g(0), g(1), g(2))
            })
            .collect()
    }

    fn with_starts(re: &Starts, text: &str) -> Found {
        re.captures(text)
            .map(|c| {
                let g = |i| c.get_group(i).map(|s| s.range());
                (g(0), g(1), g(2))
            })
            .collect()
    }

    /// Asserts that `starts` finds what `plain` finds in each text; the number of matches.
    fn assert_same_matches(starts: &Starts, plain: &Regex, texts: &[String]) -> usize {
        let mut total = 0;
        for t in texts {
            let want = with_regex(plain, t);
            total += want.len();
            assert_eq!(with_starts(starts, t), want, "in {t:.80}");
        }
        total
    }

    /// The given edge cases, the empty text and the seed corpus's texts.
    fn with_seed_texts(edges: &[&str]) -> Vec<String> {
        let mut texts: Vec<String> = edges.iter().map(|t| t.to_string()).collect();
        texts.push(String::new());
        texts.extend(crate::test_support::seed_texts());
        texts
    }

    /// The capitalised-word scan finds exactly what its regex finds: on the seed corpus
    /// and on edge cases (apostrophes and hyphens at a word's end, capitals inside words,
    /// non-Latin letters, a lone capital, text edges).
    #[test]
    fn cap_words_equal_the_regex() {
        let re = Regex::new(CAP_WORD).expect("compiles");
        let texts = with_seed_texts(&[
            "Yeleusinov's O'Brien-Smith McDonald iPhone A B. AB X- Y' Z’s",
            "Ерлан Бакытжан-улы ÉCOLE Ǆemal ǅ Σ ΣΑΣ x Ⓐbc Ⅻ",
            "Q",
        ]);
        let mut total = 0;
        for t in &texts {
            let want: Vec<Span> = re
                .find_iter(t)
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
            total += want.len();
            assert_eq!(cap_words(t), want, "in {t:.80}");
        }
        assert!(total > 1000, "the texts hold capitalised words: {total}");
    }

    /// The organisation pattern searched from capital letters only finds exactly what the
    /// regex crate's unanchored search finds: on the seed corpus and on edge cases
    /// (a capital inside a word, non-Latin capitals, adjacent names, text edges).
    #[test]
    fn org_phrase_from_capitals_equals_unanchored_search() {
        let pattern = org_phrase_pattern();
        let plain = Regex::new(&pattern).expect("compiles");
        let texts = with_seed_texts(&[
            "McDonald Workers Union and the ILO Committee of Experts",
            "Almaty City Court Karaganda Regional Court",
            "Ministry of Labour and Social Protection of the Population",
            "the Конфедерация Trade Union, the ÉCOLE Union; xYz Union",
            "Union of Journalists",
            "no organisation here, lower case court",
        ]);
        let total = assert_same_matches(&ORG_PHRASE, &plain, &texts);
        assert!(total > 20, "the texts name organisations: {total}");
    }

    /// The title pattern searched from its title and role words only finds exactly what
    /// the regex crate's unanchored search finds: on the seed corpus and on edge cases
    /// (titles inside words, overlapping titles, a title without a name, text edges).
    #[test]
    fn titled_from_literals_equals_unanchored_search() {
        let plain = Regex::new(TITLED_PATTERN).expect("compiles");
        let texts = with_seed_texts(&[
            "co-chair Ivan Petrov and vice-president Анна Ли, chairman, Mr.Smith",
            "Mrs Jones, Mr. O'Brien-Smith, Dr Zhanbolat Mamai Sr, headmaster Kim",
            "the sisterhood Alma; brother ZHAN; mother  Gulnara K. Ismail",
            "lawyer",
            "Prof Ánh Nguyễn",
        ]);
        let total = assert_same_matches(&TITLED, &plain, &texts);
        assert!(total > 20, "the texts name titled persons: {total}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 256, ..Default::default() })]

        /// The capitalised-word scan equals its regex on random strings of letters of
        /// several scripts and cases, marks, apostrophes, hyphens and spaces.
        #[test]
        fn cap_words_equal_the_regex_on_random_text(
            text in "[A-Za-zÀ-ɏͰ-ϿЀ-ӿ\u{0300}\u{01C5}\u{2160}\u{24B6}'’ .-]{0,40}",
        ) {
            let re = Regex::new(CAP_WORD).expect("compiles");
            let want: Vec<Span> = re.find_iter(&text).map(|m| Span::new(m.start(), m.end())).collect();
            proptest::prop_assert_eq!(cap_words(&text), want);
        }

        /// The title pattern's equality on random runs of titles, roles (also inside
        /// longer words), names of several scripts, initials and punctuation.
        #[test]
        fn titled_equal_on_random_phrases(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Mr", "Mrs", "Dr.", "chair", "co-chair", "chairman", "lawyer", "son",
                    "Ivan", "Петров", "Ánh", "K.", "O'Brien", "Smith-Jones", "xMr", "the",
                    "brother", "opposition figure", ",", "-", "ZHAN", "sister", "Élan",
                ]),
                0..12,
            ),
            seps in proptest::collection::vec(
                proptest::sample::select(vec![" ", " ", " ", "  ", "\n", "", ", "]),
                12,
            ),
        ) {
            let text: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            let plain = Regex::new(TITLED_PATTERN).expect("compiles");
            proptest::prop_assert_eq!(with_starts(&TITLED, &text), with_regex(&plain, &text));
        }

        /// The same equality on random runs of capitalised words, function words, head
        /// nouns, non-Latin capitals and punctuation.
        #[test]
        fn org_phrase_equal_on_random_phrases(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Union", "Court", "Ministry", "of", "the", "for", "and", "Workers",
                    "ILO", "Kazakhstan", "McDonald", "Союз", "Élan", "court", "x", "-",
                    ",", "(", "KNPRK", "Trade", "Federation", "de", "&", "Committee",
                ]),
                0..14,
            ),
            seps in proptest::collection::vec(
                proptest::sample::select(vec![" ", " ", " ", "  ", "\n", "", ". "]),
                14,
            ),
        ) {
            let text: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            let plain = Regex::new(&org_phrase_pattern()).expect("compiles");
            proptest::prop_assert_eq!(with_starts(&ORG_PHRASE, &text), with_regex(&plain, &text));
        }
    }
}

//! The trigger lexicon (`rules/triggers.tsv`): per event type, the verbs, nouns and state
//! phrases that report it, with their inflections made by rule, compiled into one
//! case-insensitive automaton.
//!
//! ```
//! use casefile::events::lexicon::{TriggerLexicon, Kind};
//! let lx = TriggerLexicon::parse("arrest\tverb\tarrest\nattack\tverb\tbeat\tbeat|beaten|beating\n",
//!     std::path::Path::new("t.tsv")).unwrap();
//! let hits = lx.find("Police arrested him; he was beaten and is arresting nobody.");
//! let words: Vec<&str> = hits.iter().map(|h| h.surface).collect();
//! assert_eq!(words, ["arrested", "beaten", "arresting"]);
//! assert!(hits[0].triggers.iter().any(|t| t.kind == Kind::Verb));
//! ```

use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::path::Path;

/// How the words around a trigger say who the event happened to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A verb taking its victim as object (`arrest`).
    Verb,
    /// A verb whose doer is the subject (`strike`, `protest`).
    VerbI,
    /// A noun (`arrest`, `trial`).
    Noun,
    /// A lasting state (`in custody`).
    State,
}

/// The grammatical form of a matched verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Base form (`arrest`).
    Base,
    /// Third person (`arrests`).
    S,
    /// Past or participle (`arrested`, `beaten`).
    Ed,
    /// Present participle or gerund (`arresting`).
    Ing,
    /// A noun or a state phrase.
    Other,
}

/// One reading of a trigger surface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    /// Event type.
    pub event_type: &'static str,
    /// Kind.
    pub kind: Kind,
    /// Form of this surface.
    pub form: Form,
}

/// A trigger found in a text: its surface and every reading of it.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    /// Byte offset of the start in the searched text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The matched text.
    pub surface: &'a str,
    /// Its readings (a surface may be a noun and a verb: `arrest`).
    pub triggers: &'a [Trigger],
}

/// The compiled lexicon.
#[derive(Debug, Clone)]
pub struct TriggerLexicon {
    ac: AhoCorasick,
    readings: Vec<Vec<Trigger>>,
}

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

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a short verb doubles its last consonant (`ban` → `banned`, `stab` → `stabbing`).
fn doubles(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    (3..=4).contains(&n)
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

/// The -s, -ed and -ing forms of a verb (one word).
pub fn verb_forms(w: &str) -> Vec<(String, Form)> {
    let mut out = vec![(w.to_string(), Form::Base)];
    let b = w.as_bytes();
    let last = b.last().copied().unwrap_or(b'a');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b'a' };
    let s = if w.ends_with(['s', 'x', 'z', 'o']) || w.ends_with("sh") || w.ends_with("ch") {
        format!("{w}es")
    } else if last == b'y' && !is_vowel(before) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    };
    out.push((s, Form::S));
    let (ed, ing) = if last == b'e' {
        let stem = &w[..w.len() - 1];
        let ing = if let Some(st) = w.strip_suffix("ie") {
            format!("{st}ying")
        } else if w.ends_with("ee") {
            format!("{w}ing")
        } else {
            format!("{stem}ing")
        };
        (format!("{w}d"), ing)
    } else if last == b'y' && !is_vowel(before) {
        (format!("{}ied", &w[..w.len() - 1]), format!("{w}ing"))
    } else if doubles(w) {
        let c = last as char;
        (format!("{w}{c}ed"), format!("{w}{c}ing"))
    } else {
        (format!("{w}ed"), format!("{w}ing"))
    };
    out.push((ed, Form::Ed));
    out.push((ing, Form::Ing));
    out
}

/// A noun's plural.
pub fn plural(w: &str) -> String {
    let b = w.as_bytes();
    let last = b.last().copied().unwrap_or(b'a');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b'a' };
    if w.ends_with(['s', 'x', 'z']) || w.ends_with("sh") || w.ends_with("ch") {
        format!("{w}es")
    } else if last == b'y' && !is_vowel(before) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

impl TriggerLexicon {
    /// Parses a lexicon file; errors name the file and line.
    pub fn parse(content: &str, path: &Path) -> Result<Self> {
        let mut surfaces: Vec<(String, Trigger)> = Vec::new();
        let mut errors = Vec::new();
        for (i, raw) in content.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if !(3..=4).contains(&cols.len()) {
                errors.push(Error::rule(
                    path,
                    i + 1,
                    format!(
                        "expected event_type<TAB>kind<TAB>lemma[<TAB>forms], found {} fields",
                        cols.len()
                    ),
                ));
                continue;
            }
            let Some(&event_type) = EVENT_TYPES.iter().find(|t| **t == cols[0]) else {
                errors.push(Error::rule(
                    path,
                    i + 1,
                    format!("unknown event type `{}`", cols[0]),
                ));
                continue;
            };
            let kind = match cols[1] {
                "verb" => Kind::Verb,
                "verb-i" => Kind::VerbI,
                "noun" => Kind::Noun,
                "state" => Kind::State,
                other => {
                    errors.push(Error::rule(
                        path,
                        i + 1,
                        format!("unknown kind `{other}` (verb, verb-i, noun or state)"),
                    ));
                    continue;
                }
            };
            let lemma = cols[2].to_lowercase();
            if lemma.is_empty() {
                errors.push(Error::rule(path, i + 1, "empty lemma"));
                continue;
            }
            let mut push = |s: String, form: Form| {
                surfaces.push((
                    s,
                    Trigger {
                        event_type,
                        kind,
                        form,
                    },
                ))
            };
            let (first, rest) = match lemma.split_once(' ') {
                Some((f, r)) => (f.to_string(), format!(" {r}")),
                None => (lemma.clone(), String::new()),
            };
            match kind {
                Kind::Verb | Kind::VerbI => {
                    for (f, form) in verb_forms(&first) {
                        push(format!("{f}{rest}"), form);
                    }
                }
                Kind::Noun => {
                    push(lemma.clone(), Form::Other);
                    // The last word takes the plural (`prison sentences`).
                    let (head, last) = match lemma.rsplit_once(' ') {
                        Some((h, l)) => (format!("{h} "), l.to_string()),
                        None => (String::new(), lemma.clone()),
                    };
                    push(format!("{head}{}", plural(&last)), Form::Other);
                }
                Kind::State => push(lemma.clone(), Form::Other),
            }
            if let Some(extra) = cols.get(3) {
                for f in extra.split('|').map(|f| f.trim().to_lowercase()) {
                    if f.is_empty() {
                        continue;
                    }
                    let form = if matches!(kind, Kind::Noun | Kind::State) {
                        Form::Other
                    } else if f.split(' ').next().is_some_and(|w| w.ends_with("ing")) {
                        Form::Ing
                    } else if f == format!("{first}s{rest}") || f == format!("{first}es{rest}") {
                        Form::S
                    } else {
                        Form::Ed
                    };
                    push(f, form);
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Many(errors));
        }
        surfaces.sort_by(|a, b| a.0.cmp(&b.0));
        let mut keys: Vec<String> = Vec::new();
        let mut readings: Vec<Vec<Trigger>> = Vec::new();
        for (s, t) in surfaces {
            if keys.last() == Some(&s) {
                if let Some(r) = readings.last_mut()
                    && !r.contains(&t)
                {
                    r.push(t);
                }
            } else {
                keys.push(s);
                readings.push(vec![t]);
            }
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .map_err(|e| Error::Invalid(format!("{}: trigger automaton: {e}", path.display())))?;
        Ok(TriggerLexicon { ac, readings })
    }

    /// The triggers in `s`: leftmost-longest, whole words.
    pub fn find<'a>(&'a self, s: &'a str) -> Vec<Hit<'a>> {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
        let mut out = Vec::new();
        for m in self.ac.find_iter(s) {
            if word(s[..m.start()].chars().next_back()) || word(s[m.end()..].chars().next()) {
                continue;
            }
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                surface: &s[m.start()..m.end()],
                triggers: &self.readings[m.pattern().as_usize()],
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_by_rule() {
        let forms = |w: &str| -> Vec<String> { verb_forms(w).into_iter().map(|x| x.0).collect() };
        assert_eq!(
            forms("arrest"),
            ["arrest", "arrests", "arrested", "arresting"]
        );
        assert_eq!(forms("ban"), ["ban", "bans", "banned", "banning"]);
        assert_eq!(
            forms("release"),
            ["release", "releases", "released", "releasing"]
        );
        assert_eq!(forms("try"), ["try", "tries", "tried", "trying"]);
        assert_eq!(forms("sue"), ["sue", "sues", "sued", "suing"]);
        assert_eq!(forms("jail"), ["jail", "jails", "jailed", "jailing"]);
        assert_eq!(plural("sentence"), "sentences");
        assert_eq!(plural("assembly"), "assemblies");
    }

    #[test]
    fn phrases_and_errors() {
        let lx = TriggerLexicon::parse(
            "strike\tverb-i\twalk out\nstrike\tnoun\tstrike\ndetention\tstate\tbehind bars\n",
            Path::new("t.tsv"),
        )
        .unwrap();
        let hits = lx.find("Miners walked out; the strikes went on and he stayed Behind Bars.");
        let s: Vec<&str> = hits.iter().map(|h| h.surface).collect();
        assert_eq!(s, ["walked out", "strikes", "Behind Bars"]);
        let err = TriggerLexicon::parse(
            "arrest\tverb\n\nrobbery\tverb\trob\nx\tnoun\ty\tz\tw\n",
            Path::new("t.tsv"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("t.tsv:1: expected"), "{err}");
        assert!(
            err.contains("t.tsv:3: unknown event type `robbery`"),
            "{err}"
        );
        assert!(err.contains("t.tsv:4: expected"), "{err}");
    }
}

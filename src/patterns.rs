//! A list of rule patterns searched together: one [`RegexSet`] scan says which patterns
//! occur in a text, and only those are then searched for their positions, each with its
//! own [`Regex`] compiled on first use.
//!
//! Rule tables (event triggers, charges, date rules) hold dozens of patterns with Unicode
//! word classes. Searching every pattern over every sentence cost one scan per pattern,
//! and compiling every pattern up front was most of a run's start-up; most patterns match
//! rarely, so most are now never compiled alone.
//!
//! ```
//! use casefile::patterns::PatternSet;
//! let set = PatternSet::new(["arrest(ed)?", "released"], true).unwrap();
//! let hits: Vec<usize> = set.matching("He was Arrested on Monday.").collect();
//! assert_eq!(hits, vec![0]);
//! assert_eq!(set.regex(0).find("He was Arrested").unwrap().as_str(), "Arrested");
//! ```

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::sync::OnceLock;

/// Lazy-DFA cache per pattern: large enough that the automata of the rule patterns are
/// built once and not thrown away and rebuilt while scanning (the regex crate's default is
/// a few megabytes).
pub const DFA_CACHE: usize = 32 << 20;

/// Patterns compiled as one set for finding which occur, and one by one (lazily) for
/// finding where.
#[derive(Debug, Clone)]
pub struct PatternSet {
    set: RegexSet,
    patterns: Vec<String>,
    compiled: Vec<OnceLock<Regex>>,
    case_insensitive: bool,
}

/// Why a pattern list does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// The pattern at fault (its index in the list), when one alone fails; `None` when
    /// each compiles but the whole set exceeds the size limit.
    pub index: Option<usize>,
    /// The regex crate's message.
    pub message: String,
}

impl PatternSet {
    /// Compiles `patterns` as a set (the individual regexes compile when first used).
    /// On failure, every failing pattern is reported with its index.
    pub fn new<I, S>(patterns: I, case_insensitive: bool) -> Result<Self, Vec<PatternError>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let patterns: Vec<String> = patterns
            .into_iter()
            .map(|p| p.as_ref().to_string())
            .collect();
        let set = RegexSetBuilder::new(&patterns)
            .case_insensitive(case_insensitive)
            // A set's automaton combines all its patterns: more room than one pattern's.
            .dfa_size_limit(DFA_CACHE * 4)
            .build();
        match set {
            Ok(set) => Ok(PatternSet {
                set,
                compiled: patterns.iter().map(|_| OnceLock::new()).collect(),
                patterns,
                case_insensitive,
            }),
            Err(e) => {
                // Only on error: find which patterns fail alone.
                let mut errors: Vec<PatternError> = patterns
                    .iter()
                    .enumerate()
                    .filter_map(|(i, p)| {
                        build(p, case_insensitive).err().map(|e| PatternError {
                            index: Some(i),
                            message: e.to_string(),
                        })
                    })
                    .collect();
                if errors.is_empty() {
                    errors.push(PatternError {
                        index: None,
                        message: e.to_string(),
                    });
                }
                Err(errors)
            }
        }
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The pattern at `k`, as given.
    pub fn pattern(&self, k: usize) -> &str {
        &self.patterns[k]
    }

    /// Indices of the patterns that match somewhere in `text`, ascending.
    pub fn matching(&self, text: &str) -> impl Iterator<Item = usize> + use<> {
        self.set.matches(text).into_iter()
    }

    /// The regex of pattern `k`, compiled on first call.
    ///
    /// # Panics
    /// If `k` is out of range.
    pub fn regex(&self, k: usize) -> &Regex {
        self.compiled[k].get_or_init(|| {
            build(&self.patterns[k], self.case_insensitive)
                // The same pattern with the same options compiled inside the set, whose
                // automaton contains this one's: it cannot fail alone.
                .unwrap_or_else(|e| panic!("pattern compiled in its set but not alone: {e}"))
        })
    }
}

fn build(pattern: &str, case_insensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .dfa_size_limit(DFA_CACHE)
        .build()
}

/// Whether the char at byte `i` of `text` (a char boundary) is an uppercase letter: the
/// `Uppercase` property, a superset of the `\p{Lu}` category the patterns open with.
fn uppercase_at(text: &str, i: usize) -> bool {
    match text.as_bytes()[i] {
        b if b < 0x80 => b.is_ascii_uppercase(),
        _ => text[i..].chars().next().is_some_and(char::is_uppercase),
    }
}

/// A regex over whole documents whose matches can only begin at an uppercase letter (any
/// script): names and organisations.
///
/// The `regex` crate finds leftmost matches with an unanchored automaton that follows every
/// possible start at once, then runs a reverse automaton back to the start; for the name
/// and organisation patterns (Unicode letter classes, repetitions) those automata have
/// many states and most of a run's time went into building them. Here the same matches
/// are found by an anchored search at each uppercase letter in turn, whose automaton
/// follows a single start: far fewer states, and no reverse search. The matches are those
/// of [`Regex::captures_iter`] on the same pattern, provided every match of the pattern
/// does begin with an uppercase letter (the caller's promise, checked by tests).
///
/// ```
/// use casefile::patterns::Starts;
/// let re = Starts::uppercase(r"(\p{Lu}\p{Ll}+) (?:Union|Court)").unwrap();
/// let text = "the Almaty Court and the Teachers Union";
/// let found: Vec<&str> = re.captures(text).map(|c| &text[c.get_group(1).unwrap()]).collect();
/// assert_eq!(found, vec!["Almaty", "Teachers"]);
/// ```
#[derive(Debug, Clone)]
pub struct Starts {
    re: regex_automata::meta::Regex,
}

impl Starts {
    /// Compiles `pattern` (the `regex` crate's syntax, Unicode on), whose matches all
    /// begin with an uppercase letter.
    pub fn uppercase(pattern: &str) -> Result<Self, Box<regex_automata::meta::BuildError>> {
        let re = regex_automata::meta::Regex::builder()
            .configure(
                regex_automata::meta::Config::new()
                    .hybrid_cache_capacity(DFA_CACHE)
                    .dfa(false),
            )
            .build(pattern)
            .map_err(Box::new)?;
        Ok(Starts { re })
    }

    /// The matches in `text`, leftmost first and non-overlapping, with their groups.
    pub fn captures<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = regex_automata::util::captures::Captures> + 't {
        use regex_automata::{Anchored, Input};
        let mut caps = self.re.create_captures();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < text.len() {
                let i = at;
                // The next char boundary.
                at += text[i..].chars().next().map_or(1, char::len_utf8);
                if !uppercase_at(text, i) {
                    continue;
                }
                let input = Input::new(text).range(i..).anchored(Anchored::Yes);
                self.re.search_captures(&input, &mut caps);
                if let Some(m) = caps.get_match() {
                    // The patterns used here never match empty; guard anyway.
                    at = m.end().max(at);
                    return Some(caps.clone());
                }
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_single_patterns_agree() {
        let pats = [r"\bwas (?:\w+ )?arrested\b", r"\breleased\b", r"\d{4}"];
        let set = PatternSet::new(pats, true).expect("compiles");
        let text = "Yeleusinov WAS promptly arrested in 2017 and never released.";
        let hits: Vec<usize> = set.matching(text).collect();
        assert_eq!(hits, vec![0, 1, 2]);
        for k in hits {
            assert!(set.regex(k).is_match(text), "{}", set.pattern(k));
        }
        assert_eq!(set.matching("nothing here").count(), 0);
        assert_eq!(set.regex(2).find(text).map(|m| m.as_str()), Some("2017"));
    }

    #[test]
    fn errors_name_the_failing_patterns() {
        let errs = PatternSet::new(["ok", "(unclosed", "fine", "[z-a]"], false)
            .expect_err("two bad patterns");
        let at: Vec<Option<usize>> = errs.iter().map(|e| e.index).collect();
        assert_eq!(at, vec![Some(1), Some(3)]);
        assert!(errs[0].message.contains("unclosed"), "{}", errs[0].message);
    }
}

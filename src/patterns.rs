//! A list of rule patterns searched together: one [`RegexSet`] scan says which patterns
//! occur in a text, and only those are then searched for their positions, each with its
//! own [`Regex`] compiled on first use (or, for patterns whose matches all begin at an
//! ASCII word boundary, with a forward-only automaton tried at each boundary:
//! [`PatternSet::find_iter`]). [`Starts`] applies the same idea to a whole-document
//! pattern whose matches begin with a capital letter.
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
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::util::pool::Pool;
use std::sync::{Arc, OnceLock};

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
    /// Per pattern, compiled on first [`PatternSet::find_iter`]: a forward automaton for
    /// patterns whose every match begins at an ASCII word boundary (`None` for others).
    forward: Vec<OnceLock<Option<Arc<Forward>>>>,
    case_insensitive: bool,
}

/// A pattern's forward-only lazy DFA (no reverse automaton, no capture groups), searched
/// anchored at the ASCII word boundaries every match of the pattern begins at.
struct Forward {
    dfa: DFA,
    caches: Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>,
}

impl std::fmt::Debug for Forward {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forward").finish_non_exhaustive()
    }
}

impl Forward {
    /// The automaton of `pattern`, if every match of it begins at an ASCII word boundary
    /// (the pattern opens with `(?-u:\b)` outside any alternation) and the lazy DFA
    /// supports it.
    fn build(pattern: &str, case_insensitive: bool) -> Option<Forward> {
        use regex_automata::nfa::thompson;
        use regex_syntax::hir::Look;
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .ok()?;
        let prefix = hir.properties().look_set_prefix();
        if !(prefix.contains(Look::WordAscii) || prefix.contains(Look::WordStartAscii)) {
            return None;
        }
        // The automaton from the syntax tree just parsed, not from the pattern again.
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_from_hir(&hir)
            .ok()?;
        let dfa = DFA::builder()
            .configure(DFA::config().cache_capacity(DFA_CACHE))
            .build_from_nfa(nfa)
            .ok()?;
        let for_cache = dfa.clone();
        Some(Forward {
            dfa,
            caches: Pool::new(Box::new(move || for_cache.create_cache())),
        })
    }

    /// The end of the leftmost-first match starting exactly at `at`, if any; `Err` if the
    /// lazy DFA gave up (the caller then falls back to the full regex).
    fn end_at(&self, cache: &mut Cache, text: &str, at: usize) -> Result<Option<usize>, ()> {
        use regex_automata::{Anchored, Input};
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        self.dfa
            .try_search_fwd(cache, &input)
            .map(|m| m.map(|m| m.offset()))
            .map_err(|_| ())
    }
}

/// Whether byte offset `i` of `text` is an ASCII word boundary (`(?-u:\b)`): an ASCII
/// letter, digit or `_` on exactly one side.
fn ascii_boundary(text: &[u8], i: usize) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let before = i > 0 && word(text[i - 1]);
    let after = i < text.len() && word(text[i]);
    before != after
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
                forward: patterns.iter().map(|_| OnceLock::new()).collect(),
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

    /// The matches of pattern `k` in `text` as byte ranges: those of
    /// `self.regex(k).find_iter(text)`. A pattern whose matches all begin at an ASCII word
    /// boundary (such as the whole-word rule patterns) is searched with a forward-only
    /// automaton, anchored at each boundary in turn: far cheaper to build and to warm up
    /// than the full regex's unanchored forward and reverse automata.
    ///
    /// # Panics
    /// If `k` is out of range.
    pub fn find_iter<'t>(
        &'t self,
        k: usize,
        text: &'t str,
    ) -> Box<dyn Iterator<Item = std::ops::Range<usize>> + 't> {
        let forward = self.forward[k]
            .get_or_init(|| Forward::build(&self.patterns[k], self.case_insensitive).map(Arc::new));
        let Some(fwd) = forward else {
            return Box::new(self.regex(k).find_iter(text).map(|m| m.range()));
        };
        let mut found = Vec::new();
        let mut cache = fwd.caches.get();
        let bytes = text.as_bytes();
        let mut at = 0;
        while at <= text.len() {
            if !ascii_boundary(bytes, at) {
                at += 1;
                continue;
            }
            match fwd.end_at(&mut cache, text, at) {
                Ok(Some(end)) => {
                    found.push(at..end);
                    // An empty match moves on by one byte, as the regex crate does; a
                    // position inside a char is never a boundary, so is skipped above.
                    at = end.max(at + 1);
                }
                Ok(None) => at += 1,
                Err(()) => {
                    return Box::new(self.regex(k).find_iter(text).map(|m| m.range()));
                }
            }
        }
        Box::new(found.into_iter())
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

    /// `find_iter` equals the regex's `find_iter`, whether the pattern is searched from
    /// word boundaries (it opens with an ASCII `\b`) or falls back to the regex (an
    /// alternation whose other branch may start anywhere; no boundary at the start).
    #[test]
    fn find_iter_equals_the_regex() {
        let pats = [
            r"(?-u:\b)(?:was (?:\w+ )?arrested|detained)(?-u:\b)",
            r"(?-u:\b)(?:-?\d+ (?:days|дней))",
            r"(?-u:\b)foo|bar",
            r"ing(?-u:\b)",
            r"(?-u:\b)",
        ];
        let set = PatternSet::new(pats, true).expect("compiles");
        let texts = [
            "Yeleusinov WAS promptly Arrested; Kharkova was arrested, was ärgerlich arrested.",
            "detained-detained detainedx xdetained «detained» détained",
            "sentenced to 15 days, -3 days, 10 дней; x-5 days",
            "foobar barfoo foo_bar Foo! BARing singing",
            "",
        ];
        for t in texts {
            for k in 0..set.len() {
                let want: Vec<_> = set.regex(k).find_iter(t).map(|m| m.range()).collect();
                let got: Vec<_> = set.find_iter(k, t).collect();
                assert_eq!(got, want, "pattern {} in {t:?}", set.pattern(k));
            }
        }
        // The searches from boundaries were used where they apply, and only there.
        let forward: Vec<bool> = (0..set.len())
            .map(|k| set.forward[k].get().is_some_and(Option::is_some))
            .collect();
        assert_eq!(forward, vec![true, true, false, false, true]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 256, ..Default::default() })]

        /// `find_iter` from word boundaries equals the regex on random sentences.
        #[test]
        fn find_iter_equal_on_random_text(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "was", "were", "arrested", "re-arrested", "detained", "Arrested", "x",
                    "ärger", "-", "_", "15", "-3", "n-3", "days", "дней", "«", "»", "police", "'", "of",
                ]),
                0..16,
            ),
            seps in proptest::collection::vec(
                proptest::sample::select(vec![" ", " ", "", "-", ", ", "\u{a0}"]),
                16,
            ),
        ) {
            let text: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            let set = PatternSet::new(
                [
                    r"(?-u:\b)(?:(?:was|were) (?:\w+ )?arrested|re-?arrested|police \w+)(?-u:\b)",
                    r"(?-u:\b)(?:-?\d+ (?:days|дней)|_)",
                    r"(?-u:\b)(?:[\w'-]+ ){1,3}of(?-u:\b)",
                ],
                true,
            )
            .expect("compiles");
            for k in 0..set.len() {
                let want: Vec<_> = set.regex(k).find_iter(&text).map(|m| m.range()).collect();
                let got: Vec<_> = set.find_iter(k, &text).collect();
                proptest::prop_assert_eq!(got, want, "pattern {}", k);
            }
        }
    }
}

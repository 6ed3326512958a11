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

mod literals;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::util::pool::Pool;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Lazy-DFA cache per pattern: large enough that the automata of the rule patterns are
/// built once and not thrown away and rebuilt while scanning (the regex crate's default is
/// a few megabytes).
pub const DFA_CACHE: usize = 32 << 20;

/// Most patterns [`PatternSet::candidates`] hands back from the literal scan: a text with
/// literals of more patterns is scanned with the set instead, which says exactly which
/// match (searching each candidate alone would cost more than the one scan).
const SELECT_MAX: usize = 3;

/// Patterns compiled as one set for finding which occur, and one by one (lazily) for
/// finding where.
#[derive(Debug, Clone)]
pub struct PatternSet {
    set: RegexSet,
    patterns: Vec<String>,
    /// The patterns as compiled: with casefile's word class ([`compact_word_classes`]).
    compact: Vec<String>,
    compiled: Vec<OnceLock<Regex>>,
    /// Per pattern, compiled on first [`PatternSet::find_iter`]: a forward automaton for
    /// patterns whose every match begins at an ASCII word boundary (`None` for others).
    forward: Vec<OnceLock<Option<Arc<Forward>>>>,
    case_insensitive: bool,
    /// The literal scan of [`PatternSet::candidates`], built on its first call (`None`
    /// when no pattern has useful literals).
    prefilter: OnceLock<Option<Arc<Prefilter>>>,
}

/// Which patterns a text can match, found without the set's automaton: the patterns'
/// necessary literals ([`literals`]) in one Aho-Corasick automaton, and the patterns
/// without literals in a smaller set.
#[derive(Debug)]
struct Prefilter {
    /// All patterns' literals, ASCII-case-insensitive.
    literals: AhoCorasick,
    /// Per literal, the patterns it stands for.
    owners: Vec<Vec<usize>>,
    /// The patterns without literals, as a set, and their indices.
    rest: Option<(RegexSet, Vec<usize>)>,
    /// Non-ASCII characters some pattern matches as a case of an ASCII letter: a text
    /// holding one is scanned with the full set.
    folds: Vec<char>,
}

impl Prefilter {
    /// The prefilter of `compact` (the patterns as compiled), if any pattern has
    /// literals. Patterns that do not parse get none (the set reports them).
    fn build(compact: &[String], case_insensitive: bool) -> Option<Prefilter> {
        let mut folds = Vec::new();
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut rest = Vec::new();
        for (k, p) in compact.iter().enumerate() {
            let found =
                parse(p, case_insensitive).and_then(|hir| literals::necessary(&hir, &mut folds));
            let Some(found) = found else {
                rest.push(k);
                continue;
            };
            for l in found {
                match index.get(&l) {
                    Some(&i) => owners[i].push(k),
                    None => {
                        index.insert(l.clone(), lits.len());
                        lits.push(l);
                        owners.push(vec![k]);
                    }
                }
            }
        }
        if lits.is_empty() {
            return None;
        }
        let literals = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&lits)
            .ok()?;
        let rest = if rest.is_empty() {
            None
        } else {
            let set = build_set(rest.iter().map(|&k| &compact[k]), case_insensitive).ok()?;
            Some((set, rest))
        };
        folds.sort_unstable();
        folds.dedup();
        Some(Prefilter {
            literals,
            owners,
            rest,
            folds,
        })
    }
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
        let hir = parse(pattern, case_insensitive)?;
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
        let compact: Vec<String> = patterns
            .iter()
            .map(|p| compact_word_classes(p).into_owned())
            .collect();
        match build_set(&compact, case_insensitive) {
            Ok(set) => Ok(PatternSet {
                set,
                prefilter: OnceLock::new(),
                compiled: patterns.iter().map(|_| OnceLock::new()).collect(),
                forward: patterns.iter().map(|_| OnceLock::new()).collect(),
                patterns,
                compact,
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

    /// Indices of the patterns that may match in `text`, ascending: every pattern that
    /// matches ([`PatternSet::matching`]) and possibly some that do not. For tables whose
    /// patterns are rare in text (event triggers, charges), far cheaper than `matching` on
    /// the first texts of a run: the patterns' necessary literals are looked for with an
    /// Aho-Corasick automaton, which has nothing to warm up, and only the patterns without
    /// literals are scanned with a smaller set automaton. A text with literals of more
    /// than a few patterns is scanned with the whole set instead. Tables whose patterns
    /// occur in most lines (dates) are better served by `matching` alone.
    ///
    /// ```
    /// use casefile::patterns::PatternSet;
    /// let set = PatternSet::new([r"(?:was|were) (?:\w+ )?arrested", r"released", r"\d+ days"], true).unwrap();
    /// let text = "She was arrested on Monday and held for 15 days.";
    /// assert_eq!(set.candidates(text), vec![0, 2]);
    /// // `arrested` occurs, so pattern 0 is a candidate, but it does not match here.
    /// assert_eq!(set.candidates("Police arrested him."), vec![0]);
    /// assert_eq!(set.matching("Police arrested him.").count(), 0);
    /// ```
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        self.scan(text).into_iter().map(|(k, _)| k).collect()
    }

    /// Whether any pattern matches in `text`: the [`PatternSet::candidates`], those only
    /// flagged by a literal confirmed alone. A text without candidates costs only the
    /// literal scan.
    ///
    /// ```
    /// use casefile::patterns::PatternSet;
    /// let set = PatternSet::new([r"^share( this)?$", r"^[•·>»|\s]+$"], true).unwrap();
    /// assert!(set.is_match("Share this") && set.is_match("» »"));
    /// assert!(!set.is_match("They share a cell") && !set.is_match("» Home"));
    /// ```
    pub fn is_match(&self, text: &str) -> bool {
        self.scan(text)
            .into_iter()
            .any(|(k, sure)| sure || self.regex(k).is_match(text))
    }

    /// The candidates of `text`, ascending, each with whether it is known to match (found
    /// by a set scan) rather than only flagged by one of its literals.
    fn scan(&self, text: &str) -> Vec<(usize, bool)> {
        let exact = || self.matching(text).map(|k| (k, true)).collect();
        let prefilter = self
            .prefilter
            .get_or_init(|| Prefilter::build(&self.compact, self.case_insensitive).map(Arc::new));
        let Some(p) = prefilter.as_deref() else {
            return exact();
        };
        if !p.folds.is_empty() && text.contains(|c: char| p.folds.contains(&c)) {
            return exact();
        }
        // Per pattern: not a candidate, flagged by a literal, or found by the rest set.
        let mut hit: Vec<Option<bool>> = vec![None; self.patterns.len()];
        for m in p.literals.find_overlapping_iter(text) {
            for &k in &p.owners[m.pattern().as_usize()] {
                hit[k] = Some(false);
            }
        }
        if hit.iter().flatten().count() > SELECT_MAX {
            return exact();
        }
        if let Some((set, ids)) = &p.rest {
            for i in set.matches(text).iter() {
                hit[ids[i]] = Some(true);
            }
        }
        hit.iter()
            .enumerate()
            .filter_map(|(k, h)| h.map(|sure| (k, sure)))
            .collect()
    }

    /// The regex of pattern `k`, compiled on first call.
    ///
    /// # Panics
    /// If `k` is out of range.
    pub fn regex(&self, k: usize) -> &Regex {
        self.compiled[k].get_or_init(|| {
            build(&self.compact[k], self.case_insensitive)
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
            .get_or_init(|| Forward::build(&self.compact[k], self.case_insensitive).map(Arc::new));
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

/// What `\w` stands for in casefile's rule patterns (inside a character class): ASCII
/// letters, digits and `_`, and the Unicode blocks of letters, marks and digits of the
/// world's scripts (U+00C0 to U+1FFF: Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic,
/// Indic, ...; U+2C00 to U+2DFF; U+3040 to U+D7FF: kana, CJK, Hangul; U+F900 to U+FDFF;
/// U+FE70 to U+FEFF; U+10000 up). Left out: Latin-1 punctuation and symbols (no-break
/// space, guillemets, degree sign), the General Punctuation to Miscellaneous Symbols
/// blocks (curly quotes, dashes, bullets, ellipsis, arrows) and CJK punctuation.
///
/// Why not Unicode's own `\w`: its 770 ranges compile to a large automaton for every
/// `\w` in a pattern (a third of the start-up cost of the event rules) while news text
/// never needs its fine distinctions; these few whole blocks compile to a handful of states.
pub const WORD_CLASS: &str = r"0-9A-Za-z_\x{C0}-\x{1FFF}\x{2C00}-\x{2DFF}\x{3040}-\x{D7FF}\x{F900}-\x{FDFF}\x{FE70}-\x{FEFF}\x{10000}-\x{10FFFF}";

/// Digits as rule patterns mean them: ASCII only. Unicode's `\d` (some 70 scripts' digits)
/// is a fifth of the date rules' compile time, and a number read from a match is parsed as
/// ASCII digits anyway (`"٣".parse::<u32>()` fails).
pub const DIGIT_CLASS: &str = "0-9";

/// `pattern` with each Unicode-mode `\w` written as `[WORD_CLASS]` and each `\d` as
/// `[0-9]` (and `\W`, `\D` outside brackets as their complements): the meaning rule
/// patterns give the word class (see [`WORD_CLASS`]) and digits (see [`DIGIT_CLASS`]). The rewritten class, or the bracketed class holding it, is put under
/// `(?-i:...)`: its blocks hold both cases already, and case-folding whole blocks would
/// cost more than the class saves. Patterns that do not parse are returned unchanged, for
/// the regex compiler to report; `\w` under `(?-u)` (already ASCII) and `\W`, `\D` inside
/// brackets are kept.
///
/// ```
/// use casefile::patterns::compact_word_classes;
/// let p = compact_word_classes(r"(?i)arrest\w*|[\w'-]+ (?-u:\w)");
/// let re = regex::Regex::new(&p).unwrap();
/// assert!(re.is_match("ARRESTED") && re.is_match("Арестован x"));
/// assert!(!p.contains(r"\w*"));
/// assert!(p.ends_with(r"(?-u:\w)"));
/// let d = regex::Regex::new(&compact_word_classes(r"^\d+[\d.]*\D$")).unwrap();
/// assert!(d.is_match("12.5x") && !d.is_match("١٢x"));
/// ```
pub fn compact_word_classes(pattern: &str) -> std::borrow::Cow<'_, str> {
    use regex_syntax::ast::{self, Ast, ClassPerl, ClassPerlKind, ClassSetItem, Flag};
    /// A class inside brackets to rewrite: its byte range and the ranges it stands for.
    type Rewrite = (std::ops::Range<usize>, &'static str);
    /// What to rewrite: byte range in the pattern and its replacement.
    struct Find<'p> {
        pattern: &'p str,
        found: Vec<(usize, usize, String)>,
        /// Unicode mode of each open group, innermost last.
        unicode: Vec<bool>,
        /// The bracketed class being visited (its byte range), and the word classes found
        /// in it.
        bracket: Option<(std::ops::Range<usize>, Vec<Rewrite>)>,
    }
    impl Find<'_> {
        /// The ranges a Unicode-mode `\w` or `\d` stands for here (`None`: kept).
        fn rewrites(&self, c: &ClassPerl) -> Option<&'static str> {
            if !self.unicode.last().copied().unwrap_or(true) {
                return None;
            }
            match c.kind {
                ClassPerlKind::Word => Some(WORD_CLASS),
                ClassPerlKind::Digit => Some(DIGIT_CLASS),
                ClassPerlKind::Space => None,
            }
        }
    }
    impl ast::Visitor for Find<'_> {
        type Output = Vec<(usize, usize, String)>;
        type Err = ();
        fn finish(self) -> Result<Self::Output, ()> {
            Ok(self.found)
        }
        fn visit_pre(&mut self, a: &Ast) -> Result<(), ()> {
            let top = self.unicode.last().copied().unwrap_or(true);
            match a {
                Ast::ClassPerl(c) => {
                    let Some(class) = self.rewrites(c) else {
                        return Ok(());
                    };
                    let not = if c.negated { "^" } else { "" };
                    let text = format!("(?-i:[{not}{class}])");
                    self.found
                        .push((c.span.start.offset, c.span.end.offset, text));
                }
                Ast::ClassBracketed(b) => {
                    self.bracket = Some((b.span.start.offset..b.span.end.offset, Vec::new()));
                }
                Ast::Group(g) => {
                    let inner = g
                        .flags()
                        .and_then(|f| f.flag_state(Flag::Unicode))
                        .unwrap_or(top);
                    self.unicode.push(inner);
                }
                Ast::Flags(f) => {
                    if let (Some(u), Some(last)) =
                        (f.flags.flag_state(Flag::Unicode), self.unicode.last_mut())
                    {
                        *last = u;
                    }
                }
                _ => {}
            }
            Ok(())
        }
        fn visit_post(&mut self, a: &Ast) -> Result<(), ()> {
            match a {
                Ast::Group(_) => {
                    self.unicode.pop();
                }
                Ast::ClassBracketed(_) => {
                    if let Some((range, words)) = self.bracket.take()
                        && !words.is_empty()
                    {
                        let mut text = String::from("(?-i:");
                        let mut at = range.start;
                        for (w, class) in words {
                            text.push_str(&self.pattern[at..w.start]);
                            text.push_str(class);
                            at = w.end;
                        }
                        text.push_str(&self.pattern[at..range.end]);
                        text.push(')');
                        self.found.push((range.start, range.end, text));
                    }
                }
                _ => {}
            }
            Ok(())
        }
        fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
            if let ClassSetItem::Perl(c) = item
                && let Some(class) = self.rewrites(c)
                && !c.negated
                && let Some((_, words)) = self.bracket.as_mut()
            {
                words.push((c.span.start.offset..c.span.end.offset, class));
            }
            Ok(())
        }
    }
    let Ok(tree) = ast::parse::Parser::new().parse(pattern) else {
        return std::borrow::Cow::Borrowed(pattern);
    };
    let find = Find {
        pattern,
        found: Vec::new(),
        unicode: vec![true],
        bracket: None,
    };
    let Ok(mut found) = ast::visit(&tree, find) else {
        return std::borrow::Cow::Borrowed(pattern);
    };
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(pattern);
    }
    found.sort_unstable();
    let mut out = String::with_capacity(pattern.len() + found.len() * WORD_CLASS.len());
    let mut at = 0;
    for (start, end, text) in found {
        out.push_str(&pattern[at..start]);
        out.push_str(&text);
        at = end;
    }
    out.push_str(&pattern[at..]);
    std::borrow::Cow::Owned(out)
}

/// A built-in pattern compiled with casefile's word class ([`compact_word_classes`]).
///
/// # Panics
/// If the pattern does not compile: built-in patterns are tested, so that is a defect of
/// the build.
pub fn builtin(pattern: &str) -> Regex {
    Regex::new(&compact_word_classes(pattern))
        .unwrap_or_else(|e| panic!("built-in pattern {pattern:?}: {e}"))
}

/// A set of rule patterns: a set's automaton combines all its patterns, so it gets more
/// room than one pattern's.
fn build_set<I, S>(patterns: I, case_insensitive: bool) -> Result<RegexSet, regex::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    RegexSetBuilder::new(patterns)
        .case_insensitive(case_insensitive)
        .dfa_size_limit(DFA_CACHE * 4)
        .build()
}

/// The syntax tree of a pattern as the sets and regexes compile it.
fn parse(pattern: &str, case_insensitive: bool) -> Option<regex_syntax::hir::Hir> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .ok()
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
/// script: names and organisations, [`Starts::uppercase`]) or at one of a few literals
/// (titles and roles before a name, [`Starts::literal_prefixed`]).
///
/// The `regex` crate finds leftmost matches with an unanchored automaton that follows every
/// possible start at once, then runs a reverse automaton back to the start; for the name
/// and organisation patterns (Unicode letter classes, repetitions) those automata have
/// many states and most of a run's time went into building them. Here the same matches
/// are found by an anchored search at each uppercase letter in turn, whose automaton
/// follows a single start: far fewer states, and no reverse search. The matches are those
/// of [`Regex::captures_iter`] on the same pattern, provided every match of the pattern
/// does begin with an uppercase letter (the caller's promise, checked by tests) or, for
/// [`Starts::literal_prefixed`], with one of the prefix literals read from the pattern.
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
    at: StartAt,
}

/// Where [`Starts`] tries its anchored search.
#[derive(Debug, Clone)]
enum StartAt {
    /// At each uppercase letter.
    Uppercase,
    /// At each occurrence of one of the pattern's prefix literals.
    Literals(AhoCorasick),
}

/// Why a [`Starts`] search cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum StartsError {
    /// The pattern does not compile.
    #[error(transparent)]
    Build(#[from] Box<regex_automata::meta::BuildError>),
    /// [`Starts::literal_prefixed`]: the pattern's matches do not all open with one of a
    /// small set of literals.
    #[error("pattern has no finite set of prefix literals: {0}")]
    NoPrefixLiterals(String),
}

impl Starts {
    fn compile(pattern: &str) -> Result<regex_automata::meta::Regex, StartsError> {
        regex_automata::meta::Regex::builder()
            .configure(
                regex_automata::meta::Config::new()
                    .hybrid_cache_capacity(DFA_CACHE)
                    .dfa(false),
            )
            .build(pattern)
            .map_err(|e| StartsError::Build(Box::new(e)))
    }

    /// Compiles `pattern` (the `regex` crate's syntax, Unicode on), whose matches all
    /// begin with an uppercase letter.
    pub fn uppercase(pattern: &str) -> Result<Self, StartsError> {
        Ok(Starts {
            re: Self::compile(pattern)?,
            at: StartAt::Uppercase,
        })
    }

    /// Compiles `pattern`, whose every match opens with one of a finite set of literals
    /// (such as `(?-u:\b)(?:Mr|Dr|lawyer)\s+(\p{Lu}\p{Ll}+)`): the anchored search is tried
    /// where one of them occurs (found with Aho-Corasick) and nowhere else. The literals
    /// are read from the pattern itself, so the promise cannot be broken; a pattern
    /// without such a set (a leading class, repetition or empty alternative) is an error.
    ///
    /// ```
    /// use casefile::patterns::Starts;
    /// let re = Starts::literal_prefixed(r"(?-u:\b)(?:Mr|Dr)\.?\s+(\p{Lu}\p{Ll}+)").unwrap();
    /// let text = "Dr Ivanova met Mr. Doe; DrX and Mrs Smith did not.";
    /// let found: Vec<&str> = re.captures(text).map(|c| &text[c.get_group(1).unwrap()]).collect();
    /// assert_eq!(found, vec!["Ivanova", "Doe"]);
    /// assert!(Starts::literal_prefixed(r"\p{Lu}\p{Ll}+ said").is_err());
    /// ```
    pub fn literal_prefixed(pattern: &str) -> Result<Self, StartsError> {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let re = Self::compile(pattern)?;
        let refuse = |why: &str| StartsError::NoPrefixLiterals(format!("{why}: {pattern}"));
        let hir = regex_syntax::parse(pattern).map_err(|e| refuse(&e.to_string()))?;
        let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
        let lits = seq.literals().ok_or_else(|| refuse("infinite"))?;
        if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
            return Err(refuse("an empty prefix"));
        }
        let ac = AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(lits.iter().map(|l| l.as_bytes()))
            .map_err(|e| refuse(&e.to_string()))?;
        Ok(Starts {
            re,
            at: StartAt::Literals(ac),
        })
    }

    /// The matches in `text`, leftmost first and non-overlapping, with their groups.
    pub fn captures<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = regex_automata::util::captures::Captures> + 't {
        use regex_automata::{Anchored, Input};
        // Where a match may begin, ascending.
        let mut starts: Box<dyn Iterator<Item = usize> + 't> = match &self.at {
            StartAt::Uppercase => Box::new(
                text.char_indices()
                    .map(|(i, _)| i)
                    .filter(move |&i| uppercase_at(text, i)),
            ),
            StartAt::Literals(ac) => {
                let mut v: Vec<usize> = ac.find_overlapping_iter(text).map(|m| m.start()).collect();
                v.sort_unstable();
                v.dedup();
                Box::new(v.into_iter())
            }
        };
        let mut caps = self.re.create_captures();
        let mut at = 0;
        std::iter::from_fn(move || {
            for i in starts.by_ref() {
                if i < at {
                    continue;
                }
                let input = Input::new(text).range(i..).anchored(Anchored::Yes);
                self.re.search_captures(&input, &mut caps);
                if let Some(m) = caps.get_match() {
                    // An empty match cannot repeat: the next start is further on.
                    at = m.end();
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
    fn word_class_rewrite_keeps_meaning_on_words_of_any_script() {
        let p = compact_word_classes(r"(?i)\bsentenc\w*\s+([\w’'-]+)\W+(\w+)");
        assert!(!p.contains(r"\w") && !p.contains(r"\W"), "{p}");
        let re = Regex::new(&p).expect("rewritten pattern compiles");
        let caps = re
            .captures("The court SENTENCED Kuşçu’s  … Ельшибаев")
            .expect("matches across scripts");
        assert_eq!(&caps[1], "Kuşçu’s");
        assert_eq!(&caps[2], "Ельшибаев");
        // Punctuation blocks are not word characters: an ellipsis, dash or curly quote
        // ends a word as it does under Unicode's \w.
        let word = Regex::new(&compact_word_classes(r"^\w+$")).expect("compiles");
        for w in ["Kharkova", "Ерлан", "José", "東京", "中文", "ǅemal"] {
            assert!(word.is_match(w), "{w}");
        }
        for w in ["a…", "—", "“x”", "a b", "\u{a0}", "•"] {
            assert!(!word.is_match(w), "{w}");
        }
    }

    #[test]
    fn word_class_rewrite_leaves_ascii_mode_and_other_classes_alone() {
        // Under (?-u) \w is ASCII already; \W inside brackets has no simple block form.
        for p in [
            r"(?-u:\w+)",
            r"(?-u)\w",
            r"(?-u:\d)\s",
            r"[^\W]",
            r"(?i)ba\\w",
        ] {
            assert_eq!(compact_word_classes(p), p);
        }
        // Digits are ASCII digits, alone or in brackets.
        assert_eq!(compact_word_classes(r"\d+\s"), r"(?-i:[0-9])+\s");
        assert_eq!(compact_word_classes(r"[^\W\d]"), r"(?-i:[^\W0-9])");
        assert_eq!(
            compact_word_classes(r"(?-u:\w)\w"),
            format!(r"(?-u:\w)(?-i:[{WORD_CLASS}])")
        );
        // A pattern that does not parse is returned as given, for the compiler to report.
        assert_eq!(compact_word_classes(r"(\w"), r"(\w");
    }

    /// The charge patterns, wrapped as the pipeline compiles them.
    fn rule_table_patterns() -> Vec<String> {
        let mut pats = Vec::new();
        for table in [crate::events::DEFAULT_CHARGES] {
            for line in table
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                let p = line.rsplit('\t').next().unwrap_or_default();
                pats.push(format!(r"(?-u:\b)(?:{p})(?-u:\b)"));
            }
        }
        pats
    }

    #[test]
    fn rule_sets_find_the_same_matches_with_the_compact_word_class() {
        // The charge table, compiled as the pipeline does (whole words,
        // case-insensitive) with the compact class and with Unicode's \w: the same matches
        // on every seed sentence.
        let pats = rule_table_patterns();
        assert!(pats.len() > 10 && pats.iter().any(|p| p.contains(r"\w")));
        let set = PatternSet::new(&pats, true).expect("compiles");
        let unicode: Vec<Regex> = pats
            .iter()
            .map(|p| build(p, true).expect("compiles"))
            .collect();
        let mut found = 0;
        for text in crate::test_support::seed_texts() {
            for s in crate::sentences::split(&text) {
                let s = &text[s.start..s.end];
                for (k, re) in unicode.iter().enumerate() {
                    let want: Vec<_> = re.find_iter(s).map(|m| m.range()).collect();
                    let got: Vec<_> = set.find_iter(k, s).collect();
                    assert_eq!(got, want, "pattern {k} on {s:?}");
                    found += want.len();
                }
            }
        }
        assert!(found > 5, "the seeds exercise the rules ({found} matches)");
    }

    /// Whether every element of `sub` is in `sup` (both ascending).
    fn within(sub: &[usize], sup: &[usize]) -> bool {
        sub.iter().all(|k| sup.binary_search(k).is_ok())
    }

    #[test]
    fn candidates_hold_every_matching_rule_and_few_others() {
        // The charge table as the pipeline compiles it, on every seed
        // sentence: the literal scan never misses a pattern the set finds, and leaves most
        // sentences without candidates.
        let pats = rule_table_patterns();
        let set = PatternSet::new(&pats, true).expect("compiles");
        let (mut sentences, mut empty, mut matched) = (0, 0, 0);
        for text in crate::test_support::seed_texts() {
            for s in crate::sentences::split(&text) {
                let s = &text[s.start..s.end];
                let want: Vec<usize> = set.matching(s).collect();
                let got = set.candidates(s);
                assert!(got.is_sorted(), "{got:?}");
                assert!(within(&want, &got), "{want:?} not within {got:?} on {s:?}");
                sentences += 1;
                empty += usize::from(got.is_empty());
                matched += want.len();
            }
        }
        assert!(
            matched > 5,
            "the seeds exercise the rules ({matched} matches)"
        );
        assert!(
            empty * 2 > sentences,
            "{empty} of {sentences} sentences without candidates"
        );
    }

    #[test]
    fn candidates_scan_exactly_when_a_letter_has_a_non_ascii_case() {
        // `(?i)k` also matches the Kelvin sign, which the ASCII literal scan does not know.
        let set = PatternSet::new([r"kassym", r"\d+ days"], true).expect("compiles");
        assert_eq!(set.candidates("Kassym, 15 days"), vec![0, 1]);
        assert_eq!(set.candidates("\u{212A}assym"), vec![0]);
        assert_eq!(set.candidates("kasym, 15 days"), vec![1]);
    }

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
            let matching: Vec<usize> = set.matching(&text).collect();
            proptest::prop_assert!(within(&matching, &set.candidates(&text)));
            for k in 0..set.len() {
                let want: Vec<_> = set.regex(k).find_iter(&text).map(|m| m.range()).collect();
                let got: Vec<_> = set.find_iter(k, &text).collect();
                proptest::prop_assert_eq!(got, want, "pattern {}", k);
            }
        }
    }
}

//! Necessary literals of a rule pattern: a few strings of which every match of the pattern
//! contains at least one (`arrested` for `(?:was|were) (?:\w+ )?arrested`). A sentence
//! holding none of a pattern's literals cannot match it, so a rule table is first scanned
//! for its patterns' literals with one Aho-Corasick automaton (no start-up cost, no lazy
//! DFA to warm up), and only the patterns whose literals occur, plus those without
//! literals, are searched with regexes ([`super::PatternSet::candidates`]).
//!
//! Literals are matched ASCII-case-insensitively: a case-insensitive letter of the
//! pattern (the class `[Kk\u{212A}]` that `(?i)k` stands for) becomes the lowercase ASCII
//! letter, and its non-ASCII case variants (the Kelvin sign, the long s) are reported, so
//! that a text holding one of them is scanned the exact way instead.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{self, Class, Hir, HirKind};

/// Shortest literal worth scanning for: shorter ones (`of`, `a`) occur in nearly every
/// sentence and would select the pattern anyway.
const MIN_LEN: usize = 3;

/// The necessary literals of a pattern's syntax tree, if it has useful ones (each at least
/// [`MIN_LEN`] bytes), as bytes to be matched ASCII-case-insensitively. Non-ASCII
/// characters that the pattern treats as case variants of an ASCII letter are added to
/// `folds`.
///
/// Every match of the pattern contains one of the returned literals (up to ASCII case,
/// and provided the text holds none of `folds`).
pub(crate) fn necessary(hir: &Hir, folds: &mut Vec<char>) -> Option<Vec<Vec<u8>>> {
    best(&fold_ascii(hir, folds))
}

/// `hir` with each class whose members are one ASCII letter in its cases (and possibly
/// non-ASCII variants of it) written as that lowercase letter.
fn fold_ascii(h: &Hir, folds: &mut Vec<char>) -> Hir {
    match h.kind() {
        HirKind::Class(c) => match ascii_letter(c) {
            Some((b, others)) => {
                folds.extend(others);
                Hir::literal([b])
            }
            None => h.clone(),
        },
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|s| fold_ascii(s, folds)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|s| fold_ascii(s, folds)).collect())
        }
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            sub: Box::new(fold_ascii(&r.sub, folds)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            sub: Box::new(fold_ascii(&c.sub, folds)),
            ..c.clone()
        }),
        _ => h.clone(),
    }
}

/// If every member of `c` is a case of one ASCII letter: that letter in lowercase, and the
/// non-ASCII members.
fn ascii_letter(c: &Class) -> Option<(u8, Vec<char>)> {
    // At most five members are read: a larger class is no letter's cases.
    let members: Vec<char> = match c {
        Class::Unicode(u) => u
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .take(5)
            .collect(),
        Class::Bytes(b) => b
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .map(char::from)
            .take(5)
            .collect(),
    };
    if !(2..=4).contains(&members.len()) {
        return None;
    }
    let lower = |ch: char| {
        let mut l = ch.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) => x,
            _ => ch,
        }
    };
    let letter = members
        .iter()
        .find(|ch| ch.is_ascii_alphabetic())?
        .to_ascii_lowercase();
    // The long s is lowercase already; it is a case variant of `s` by folding alone.
    let same = |ch: char| lower(ch) == letter || (letter == 's' && ch == '\u{17F}');
    if !members.iter().all(|&ch| same(ch)) {
        return None;
    }
    let others = members.into_iter().filter(|ch| !ch.is_ascii()).collect();
    Some((letter as u8, others))
}

/// The prefixes every match of `h` begins with, if finitely many.
fn prefixes(h: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix)
        .limit_class(4)
        .limit_repeat(3)
        .limit_literal_len(24)
        .limit_total(48);
    let seq = ex.extract(h);
    let lits = seq.literals()?;
    let mut out: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// The most selective literal set found in `h`: the longest shortest literal, then the
/// fewest literals.
fn best(h: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut found: Vec<Vec<Vec<u8>>> = Vec::new();
    found.extend(prefixes(h));
    match h.kind() {
        HirKind::Concat(subs) => {
            // Every match holds a match of each part, and of each tail of the parts.
            for i in 1..subs.len() {
                found.extend(prefixes(&Hir::concat(subs[i..].to_vec())));
            }
            found.extend(subs.iter().filter_map(best));
        }
        HirKind::Alternation(subs) => {
            // Every match is one branch's: the union of the branches' literals.
            let mut all = Vec::new();
            for s in subs {
                all.extend(best(s)?);
            }
            all.sort();
            all.dedup();
            found.push(all);
        }
        HirKind::Repetition(r) if r.min >= 1 => found.extend(best(&r.sub)),
        HirKind::Capture(c) => found.extend(best(&c.sub)),
        _ => {}
    }
    found
        .into_iter()
        .filter(|set| !set.is_empty() && set.iter().all(|l| l.len() >= MIN_LEN))
        .max_by_key(|set| {
            let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
            (shortest, std::cmp::Reverse(set.len()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(pattern: &str, ci: bool) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(ci)
            .build()
            .parse(pattern)
            .unwrap();
        let mut folds = Vec::new();
        necessary(&hir, &mut folds).map(|v| {
            v.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn the_longest_required_word_is_chosen() {
        assert_eq!(
            lits(r"(?:was|were|been) (?:\w+ )?arrested", true),
            Some(vec!["arrested".to_string()])
        );
        assert_eq!(
            lits(r"fined (?:KZT|US|\$)|ordered to pay", true),
            Some(
                ["fined $", "fined kzt", "fined us", "ordered to pay"]
                    .map(String::from)
                    .to_vec()
            )
        );
    }

    #[test]
    fn patterns_without_a_required_literal_have_none() {
        // An optional word, a bare number, a branch of two letters.
        assert_eq!(lits(r"(?:arrested)?\d+", false), None);
        assert_eq!(lits(r"\d{1,2}\.\d{1,2}\.\d{4}", false), None);
        assert_eq!(lits(r"jailed|at", false), None);
    }

    #[test]
    fn case_variants_are_folded_and_reported() {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse("kassym")
            .unwrap();
        let mut folds = Vec::new();
        assert_eq!(necessary(&hir, &mut folds), Some(vec![b"kassym".to_vec()]));
        folds.sort_unstable();
        folds.dedup();
        assert_eq!(folds, vec!['\u{17F}', '\u{212A}']);
        // Cyrillic letters in both cases stay a class: expanded, not folded.
        assert_eq!(lits("(?i)мая", false).map(|v| v.len()), Some(8));
    }
}

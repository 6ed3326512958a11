//! The compiled gazetteer matcher: one Aho-Corasick automaton over every folded surface,
//! run leftmost-longest on the folded view of a text, whole words only, with spans mapped
//! back to the readable text.
//!
//! ```
//! use casefile::gazetteer::{Gazetteer, Matcher};
//! use std::path::PathBuf;
//! let g = Gazetteer::from_sources(&[(PathBuf::from("g.gaz"),
//!     "id: place/kz\ntype: place\nname: Kazakhstan\n".to_string())]).unwrap();
//! let m = Matcher::new(&g).unwrap();
//! let text = "in KAZAKHSTAN’s west, not Kazakhstani";
//! let hits = m.find(text);
//! assert_eq!(hits.len(), 1);
//! assert_eq!(hits[0].span.of(text), "KAZAKHSTAN");
//! ```

use super::{Gazetteer, Surface};
use crate::clean::fold::Folded;
use crate::doc::Span;
use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

/// A raw surface hit, before linking.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Span in the readable text.
    pub span: Span,
    /// Index into [`Matcher::surfaces`].
    pub surface: usize,
}

/// The automata and their surfaces.
///
/// Proper names start with a capital letter (or a digit) in every script we match, so the
/// main automaton runs *anchored* at those word starts only (recorded while folding), which
/// skips most of the text. Surfaces whose declared spelling starts in lower case (`trade
/// union of ...`, `al-...`) go into a second, small automaton that scans the whole text.
#[derive(Debug, Clone)]
pub struct Matcher {
    ac: AhoCorasick,
    lower: Option<(AhoCorasick, Vec<usize>)>,
    /// The patterns, in automaton order.
    pub surfaces: Vec<Surface>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Matcher {
    /// Compiles the gazetteer's surfaces.
    pub fn new(g: &Gazetteer) -> Result<Self> {
        let surfaces = g.surfaces();
        let err = |e: aho_corasick::BuildError| Error::Invalid(format!("gazetteer automaton: {e}"));
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(surfaces.iter().map(|s| s.folded.as_str()))
            .map_err(err)?;
        let lower_ids: Vec<usize> = (0..surfaces.len()).filter(|&i| surfaces[i].lower_initial).collect();
        let lower = if lower_ids.is_empty() {
            None
        } else {
            let a = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(lower_ids.iter().map(|&i| surfaces[i].folded.as_str()))
                .map_err(err)?;
            Some((a, lower_ids))
        };
        Ok(Matcher { ac, lower, surfaces })
    }

    /// Whole-word, leftmost-longest hits in `text`.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let folded = Folded::new(text);
        self.find_folded(text, &folded)
    }

    /// As [`Matcher::find`], on a folded view computed by the caller.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<Hit> {
        let f = folded.text.as_str();
        let after_ok = |end: usize| f[end..].chars().next().is_none_or(|c| !is_word_char(c));
        let mut raw: Vec<(usize, usize, usize)> = Vec::new();
        let mut last_end = 0;
        for &st in &folded.starts {
            let st = st as usize;
            if st < last_end {
                continue;
            }
            let input = Input::new(f).range(st..).anchored(Anchored::Yes);
            if let Some(m) = self.ac.find(input)
                && after_ok(m.end())
            {
                raw.push((m.start(), m.end(), m.pattern().as_usize()));
                last_end = m.end();
            }
        }
        if let Some((ac, ids)) = &self.lower {
            for m in ac.find_iter(f) {
                let before_ok = f[..m.start()].chars().next_back().is_none_or(|c| !is_word_char(c));
                if before_ok && after_ok(m.end()) {
                    raw.push((m.start(), m.end(), ids[m.pattern().as_usize()]));
                }
            }
            // Leftmost-longest across both automata.
            raw.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(raw.len());
            for r in raw {
                if kept.last().is_none_or(|k| r.0 >= k.1) {
                    kept.push(r);
                }
            }
            raw = kept;
        }
        let mut out = Vec::with_capacity(raw.len());
        for (s, e, surface) in raw {
            let (s, e) = folded.to_original(s, e);
            if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            out.push(Hit {
                span: Span::new(s, e),
                surface,
            });
        }
        out
    }
}

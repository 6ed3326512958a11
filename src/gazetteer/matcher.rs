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
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A raw surface hit, before linking.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Span in the readable text.
    pub span: Span,
    /// Index into [`Matcher::surfaces`].
    pub surface: usize,
}

/// The automaton and its surfaces.
#[derive(Debug, Clone)]
pub struct Matcher {
    ac: AhoCorasick,
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
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(surfaces.iter().map(|s| s.folded.as_str()))
            .map_err(|e| Error::Invalid(format!("gazetteer automaton: {e}")))?;
        Ok(Matcher { ac, surfaces })
    }

    /// Whole-word, leftmost-longest hits in `text`.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let folded = Folded::new(text);
        self.find_folded(text, &folded)
    }

    /// As [`Matcher::find`], on a folded view computed by the caller.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<Hit> {
        let f = folded.text.as_str();
        let mut out = Vec::new();
        for m in self.ac.find_iter(f) {
            let before_ok = f[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
            let after_ok = f[m.end()..].chars().next().is_none_or(|c| !is_word_char(c));
            if !before_ok || !after_ok {
                continue;
            }
            let (s, e) = folded.to_original(m.start(), m.end());
            if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            out.push(Hit {
                span: Span::new(s, e),
                surface: m.pattern().as_usize(),
            });
        }
        out
    }
}

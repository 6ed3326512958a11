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

use super::variants::{OrgIndex, PersonIndex};
use super::{Gazetteer, Surface, SurfaceKind, skeleton};
use crate::clean::fold::Folded;
use crate::doc::Span;
use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use rayon::prelude::*;
use std::collections::HashMap;

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
    /// Skeleton keys of every surface, for spellings the automaton misses.
    pub skeletons: SkeletonIndex,
}

/// Skeleton keys of the gazetteer's surfaces ([`super::skeleton`]).
#[derive(Debug, Clone, Default)]
pub struct SkeletonIndex {
    /// Key → (entity, surface kind) pairs.
    pub by_key: HashMap<String, Vec<(usize, SurfaceKind)>>,
    /// Single-word person surnames' keys with their entity, for near misses.
    surname_keys: Vec<(String, usize)>,
    /// A surname key and each of its one-letter deletions (not the first letter nor the
    /// last two) → indices into `surname_keys`: a near miss shares one of them (a
    /// deletion neighbourhood, so a query costs a few lookups, whatever the list's size).
    surnames: HashMap<String, Vec<u32>>,
    /// Persons' full names word by word ([`super::variants`]).
    pub persons: PersonIndex,
    /// Organisations' and places' names by their content words.
    pub orgs: OrgIndex,
    /// Place names ([`super::lexicon::place_key`]), to tell a demonym from a place.
    pub places: std::collections::HashSet<String>,
}

impl SkeletonIndex {
    /// Builds the index from a gazetteer's surface rows.
    pub fn new(g: &Gazetteer) -> Self {
        let keyed: Vec<(Vec<String>, usize, SurfaceKind, bool)> = g
            .rows
            .par_iter()
            .map(|r| {
                let single = !r.text.trim().contains(char::is_whitespace);
                let person = g.entities[r.entity].etype == crate::doc::EntityType::Person;
                (skeleton::keys(&r.text), r.entity, r.kind, single && person)
            })
            .collect();
        let lx = super::lexicon::Lexicon::shared();
        let (persons, orgs) = rayon::join(|| PersonIndex::new(g, lx), || OrgIndex::new(g, lx));
        let places = g
            .rows
            .iter()
            .filter(|r| {
                r.kind == SurfaceKind::Full
                    && g.entities[r.entity].etype == crate::doc::EntityType::Place
            })
            .map(|r| super::lexicon::place_key(&r.text))
            .collect();
        let mut ix = SkeletonIndex {
            persons,
            orgs,
            places,
            ..SkeletonIndex::default()
        };
        let mut seen: std::collections::HashSet<(String, usize)> = Default::default();
        for (keys, entity, kind, surname) in keyed {
            for k in keys {
                if surname && k.len() >= 5 && k.is_ascii() && seen.insert((k.clone(), entity)) {
                    let id = ix.surname_keys.len() as u32;
                    for v in deletions(&k) {
                        ix.surnames.entry(v).or_default().push(id);
                    }
                    ix.surname_keys.push((k.clone(), entity));
                }
                let v = ix.by_key.entry(k).or_default();
                if !v.iter().any(|(e, _)| *e == entity) {
                    v.push((entity, kind));
                }
            }
        }
        ix
    }

    /// Entities whose surname is a near miss of `key` (none for a key longer than
    /// [`MAX_NEAR_KEY`]: its deletions would cost its length squared).
    pub fn near(&self, key: &str) -> Vec<usize> {
        let mut out = Vec::new();
        if key.len() < 5 || key.len() > MAX_NEAR_KEY || !key.is_ascii() {
            return out;
        }
        for v in deletions(key) {
            for &i in self.surnames.get(&v).into_iter().flatten() {
                let (k, e) = &self.surname_keys[i as usize];
                if skeleton::near_miss(key, k) && !out.contains(e) {
                    out.push(*e);
                }
            }
        }
        out
    }
}

/// The longest key [`SkeletonIndex::near`] looks up: longer than any surname.
pub const MAX_NEAR_KEY: usize = 64;

/// An ASCII key and its one-letter deletions, never of the first letter or the last two.
fn deletions(k: &str) -> Vec<String> {
    let mut out = vec![k.to_string()];
    for i in 1..k.len().saturating_sub(2) {
        let mut v = String::with_capacity(k.len() - 1);
        v.push_str(&k[..i]);
        v.push_str(&k[i + 1..]);
        out.push(v);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Matcher {
    /// Compiles the gazetteer's surfaces.
    pub fn new(g: &Gazetteer) -> Result<Self> {
        let (automata, skeletons) = rayon::join(|| Self::automata(g), || SkeletonIndex::new(g));
        let (ac, lower, surfaces) = automata?;
        Ok(Matcher {
            ac,
            lower,
            surfaces,
            skeletons,
        })
    }

    #[allow(clippy::type_complexity)]
    fn automata(
        g: &Gazetteer,
    ) -> Result<(AhoCorasick, Option<(AhoCorasick, Vec<usize>)>, Vec<Surface>)> {
        let surfaces = g.surfaces();
        let err = |e: aho_corasick::BuildError| Error::Invalid(format!("gazetteer automaton: {e}"));
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(surfaces.iter().map(|s| s.folded.as_str()))
            .map_err(err)?;
        let lower_ids: Vec<usize> = (0..surfaces.len())
            .filter(|&i| surfaces[i].lower_initial)
            .collect();
        let lower = if lower_ids.is_empty() {
            None
        } else {
            let a = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(lower_ids.iter().map(|&i| surfaces[i].folded.as_str()))
                .map_err(err)?;
            Some((a, lower_ids))
        };
        Ok((ac, lower, surfaces))
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
            // The longest surface at this start that ends on a word boundary
            // ("Zhetybai oil fields" still yields "Zhetybai").
            let mut limit = f.len();
            while let Some(m) = self
                .ac
                .find(Input::new(f).range(st..limit).anchored(Anchored::Yes))
            {
                if after_ok(m.end()) {
                    raw.push((m.start(), m.end(), m.pattern().as_usize()));
                    last_end = m.end();
                    break;
                }
                limit = m.end() - 1;
            }
        }
        if let Some((ac, ids)) = &self.lower {
            for m in ac.find_iter(f) {
                let before_ok = f[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !is_word_char(c));
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

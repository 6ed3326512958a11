//! Spellings of listed names that nobody wrote down, matched word by word.
//!
//! - **Persons** ([`PersonIndex`]): a run of words names a listed person when every one of
//!   its words matches a different word of one of the person's full names, in any order
//!   (`Sithar Chhim` / `Chhim Sithar`). Two words match when they are one given name in
//!   another language (`rules/given_names.tsv`: Nikolai / Mikalai), or share a loose key
//!   ([`skeleton::loose_key`]: Gennady / Henadz, Esmail / Ismail) that is strong enough (three
//!   consonants or more) or backed by a closer spelling, or are one letter apart in a long
//!   word (typos, never in short words).
//! - **Organisations and places** ([`OrgIndex`]): a run names a listed organisation when each
//!   of its content words is a word of the listed name (its head noun may be another of the
//!   same kind: a *Sugar Factory* listed as a *Sugar Company*) and at least one of them is
//!   specific (not `Trade`, `Union`, `National`...: `rules/name_words.tsv`, class `generic`).
//!   A single specific word of one listed organisation (`Azot` of *Hrodna Azot*) names it
//!   too, where the document or the list leaves no doubt.

use super::lexicon::{Class, Lexicon, strip_possessive};
use super::skeleton;
use super::{Gazetteer, SurfaceKind};
use crate::doc::EntityType;
use std::collections::HashMap;

/// One word of a name, keyed for comparison.
#[derive(Debug, Clone)]
pub struct WordKey {
    /// Loose key.
    pub loose: String,
    /// Skeleton keys (closer spelling).
    pub keys: Vec<String>,
    /// Folded lower case.
    pub folded: String,
    /// Given-name group.
    pub given: Option<u32>,
}

impl WordKey {
    /// Keys one word.
    pub fn new(w: &str, lx: &Lexicon) -> Self {
        let w = strip_possessive(w);
        let loose = skeleton::loose_key(w);
        WordKey {
            given: lx.given_by_key(&loose),
            loose,
            keys: skeleton::keys(w),
            folded: super::fold_surface(w),
        }
    }

    /// Whether two words are one name's spellings.
    pub fn matches(&self, o: &WordKey) -> bool {
        if self.folded == o.folded {
            return true;
        }
        if self.given.is_some() && self.given == o.given {
            return true;
        }
        let (a, b) = (self.folded.chars().count(), o.folded.chars().count());
        if self.loose == o.loose {
            return skeleton::loose_strength(&self.loose) >= 3
                || self.keys.iter().any(|k| o.keys.contains(k))
                || levenshtein_at_most_1(&self.folded, &o.folded);
        }
        // A typo in a long word (never in a short one).
        a >= 7 && b >= 7 && levenshtein_at_most_1(&self.folded, &o.folded)
    }
}

/// Whether two strings are at most one insertion, deletion or substitution apart.
pub fn levenshtein_at_most_1(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if p == la.min(lb) {
        return true;
    }
    match la.cmp(&lb) {
        std::cmp::Ordering::Equal => a[p + 1..] == b[p + 1..],
        std::cmp::Ordering::Greater => a[p + 1..] == b[p..],
        std::cmp::Ordering::Less => a[p..] == b[p + 1..],
    }
}

/// The words of a name that identify it: not honorifics, initials or connectors.
pub fn name_words<'a>(s: &'a str, lx: &Lexicon) -> Vec<&'a str> {
    s.split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .filter(|w| {
            w.chars().filter(|c| c.is_alphanumeric()).count() >= 2
                && !lx.is(w, Class::Honorific)
                && !lx.is(w, Class::Connector)
        })
        .collect()
}

/// The multi-word full names of the gazetteer's persons, keyed word by word.
#[derive(Debug, Clone, Default)]
pub struct PersonIndex {
    names: Vec<(usize, Vec<WordKey>)>,
    by_loose: HashMap<String, Vec<u32>>,
    by_given: HashMap<u32, Vec<u32>>,
}

impl PersonIndex {
    /// Indexes every person's full surfaces of two words or more.
    pub fn new(g: &Gazetteer, lx: &Lexicon) -> Self {
        let mut ix = PersonIndex::default();
        for r in &g.rows {
            if r.kind != SurfaceKind::Full || g.entities[r.entity].etype != EntityType::Person {
                continue;
            }
            let words = name_words(&r.text, lx);
            if words.len() < 2 || words.iter().any(|w| !w.is_ascii() && !is_latin(w)) {
                continue;
            }
            // A hyphenated given name is written whole, apart or joined (`Sang-gyun`,
            // `Sang Gyun`, `Sanggyun`).
            let mut forms: Vec<Vec<String>> = vec![words.iter().map(|w| w.to_string()).collect()];
            if words.iter().any(|w| w.contains('-')) {
                forms.push(
                    words
                        .iter()
                        .flat_map(|w| w.split('-'))
                        .filter(|p| !p.is_empty())
                        .map(String::from)
                        .collect(),
                );
                forms.push(words.iter().map(|w| w.replace('-', "")).collect());
            }
            for form in forms {
                let keys: Vec<WordKey> = form.iter().map(|w| WordKey::new(w, lx)).collect();
                ix.add(r.entity, keys);
            }
        }
        ix
    }

    fn add(&mut self, entity: usize, keys: Vec<WordKey>) {
        if self
            .names
            .iter()
            .rev()
            .take(8)
            .any(|(e, k)| *e == entity && same_keys(k, &keys))
        {
            return;
        }
        let id = self.names.len() as u32;
        for k in &keys {
            let v = self.by_loose.entry(k.loose.clone()).or_default();
            if v.last() != Some(&id) {
                v.push(id);
            }
            if let Some(gr) = k.given {
                self.by_given.entry(gr).or_default().push(id);
            }
        }
        self.names.push((entity, keys));
    }

    /// The persons (entity indices, sorted) whose full name `words` spell (two or more
    /// words, each matching a different word of one full name).
    pub fn find(&self, words: &[WordKey]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        if words.len() < 2 {
            return out;
        }
        // A full name matches every word: the names of the word with the fewest (and some)
        // are all there is to try.
        let mut cands: Vec<u32> = Vec::new();
        let mut best = usize::MAX;
        for w in words {
            let a = self.by_loose.get(&w.loose).map_or(&[][..], Vec::as_slice);
            let b = w
                .given
                .and_then(|gr| self.by_given.get(&gr))
                .map_or(&[][..], Vec::as_slice);
            // (A word with none may still match by a typo: it does not decide.)
            if a.len() + b.len() > 0 && a.len() + b.len() < best {
                best = a.len() + b.len();
                cands.clear();
                cands.extend(a);
                cands.extend(b);
            }
        }
        cands.sort_unstable();
        cands.dedup();
        for c in cands {
            let (e, name) = &self.names[c as usize];
            if out.contains(e) || name.len() < words.len() {
                continue;
            }
            let mut used = vec![false; name.len()];
            let all = words.iter().all(|w| {
                match (0..name.len()).find(|&k| !used[k] && name[k].matches(w)) {
                    Some(k) => {
                        used[k] = true;
                        true
                    }
                    None => false,
                }
            });
            if all {
                out.push(*e);
            }
        }
        out.sort_unstable();
        out
    }
}

fn same_keys(a: &[WordKey], b: &[WordKey]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.folded == y.folded)
}

fn is_latin(w: &str) -> bool {
    w.chars().all(|c| (c as u32) < 0x250 || !c.is_alphabetic())
}

/// One listed organisation or place name, by its content words.
#[derive(Debug, Clone)]
struct OrgName {
    entity: usize,
    /// Content words (loose keys) and whether each is specific.
    words: Vec<(WordKey, bool)>,
    /// The org-class group of its head noun.
    head_class: Option<u16>,
    /// All its words, folded, connectors included.
    seq: Vec<String>,
}

/// Whether a word leaves an organisation's name unspecific: the `generic` class, a head
/// noun of an `org_class` group, `Republic`.
fn generic(lx: &Lexicon, w: &str) -> bool {
    lx.is(w, Class::Generic)
        || lx.is(&title_case(w), Class::Generic)
        || lx.org_class(&title_case(w)).is_some()
        || w.eq_ignore_ascii_case("republic")
}

fn folded_seq(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .flat_map(|w| w.split('-'))
        .map(|w| {
            super::fold_surface(strip_possessive(
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'),
            ))
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Listed organisation and place names, by their content words.
#[derive(Debug, Clone, Default)]
pub struct OrgIndex {
    names: Vec<OrgName>,
    /// Specific word → names.
    by_word: HashMap<String, Vec<u32>>,
    /// Generic word → names.
    by_any: HashMap<String, Vec<u32>>,
}

/// The head noun of a name: the last word before its first connector, else its last word.
/// Numbers after the head do not count (`Zone 7`).
pub fn head_word<'a>(words: &[&'a str], lx: &Lexicon) -> Option<&'a str> {
    let cut = words
        .iter()
        .position(|w| lx.is(w, Class::Connector))
        .unwrap_or(words.len());
    let not_number = |w: &&&str| !w.chars().all(|c| c.is_ascii_digit());
    words[..cut]
        .iter()
        .rev()
        .find(not_number)
        .or(words.iter().rev().find(not_number))
        .copied()
}

impl OrgIndex {
    /// Indexes the full names of organisations and places.
    pub fn new(g: &Gazetteer, lx: &Lexicon) -> Self {
        let mut ix = OrgIndex::default();
        for r in &g.rows {
            let t = g.entities[r.entity].etype;
            if r.kind != SurfaceKind::Full || t == EntityType::Person || !r.declared {
                continue;
            }
            let all: Vec<&str> = r.text.split_whitespace().collect();
            let head_class = head_word(&all, lx).and_then(|h| lx.org_class(h));
            let words: Vec<(WordKey, bool)> = all
                .iter()
                .flat_map(|w| w.split('-'))
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty() && !lx.is_lower(w, Class::Connector))
                .map(|w| (WordKey::new(w, lx), !generic(lx, w)))
                .collect();
            if !words.iter().any(|(_, s)| *s) {
                continue;
            }
            let id = ix.names.len() as u32;
            for (k, s) in &words {
                let v = if *s {
                    ix.by_word.entry(k.folded.clone()).or_default()
                } else {
                    ix.by_any.entry(k.folded.clone()).or_default()
                };
                if v.last() != Some(&id) {
                    v.push(id);
                }
            }
            ix.names.push(OrgName {
                entity: r.entity,
                words,
                head_class,
                seq: folded_seq(&all),
            });
        }
        ix
    }

    /// The organisations or places (entity indices, sorted) a run of words names: each
    /// content word is one of the listed name's words, one at least specific; a head noun
    /// may be another of its kind.
    pub fn find(&self, words: &[&str], lx: &Lexicon) -> Vec<usize> {
        let content: Vec<&str> = words
            .iter()
            .flat_map(|w| w.split('-'))
            .map(|w| {
                strip_possessive(
                    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'),
                )
            })
            .filter(|w| !w.is_empty() && !lx.is_lower(w, Class::Connector))
            .collect();
        let head_class = head_word(words, lx).and_then(|h| lx.org_class(h));
        let keys: Vec<String> = content.iter().map(|w| super::fold_surface(w)).collect();
        let mut cands: Vec<u32> = Vec::new();
        for (w, k) in content.iter().zip(&keys) {
            if generic(lx, w) {
                continue;
            }
            if let Some(v) = self.by_word.get(k) {
                cands.extend(v);
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let mut out = Vec::new();
        // The listed name without its place (`Council of the Federation of Trade Unions`
        // for `... of Kyrgyzstan`): looked up by its generic words too.
        let seq = folded_seq(words);
        if content.len() >= 3 && cands.is_empty() {
            for (_, k) in content
                .iter()
                .zip(&keys)
                .filter(|(w, _)| !lx.is_lower(w, Class::Connector))
            {
                if let Some(v) = self.by_any.get(k) {
                    cands.extend(v);
                }
            }
            cands.sort_unstable();
            cands.dedup();
        }
        for c in cands {
            let n = &self.names[c as usize];
            if out.contains(&n.entity) {
                continue;
            }
            if content.len() >= 3
                && n.seq.len() > seq.len()
                && n.seq.len() <= seq.len() + 3
                && n.seq.starts_with(&seq)
                && matches!(n.seq[seq.len()].as_str(), "of" | "in")
                && n.seq[seq.len() + 1..]
                    .iter()
                    .all(|w| w == "the" || !lx.is_common(w))
            {
                out.push(n.entity);
                continue;
            }
            let mut specific = false;
            let ok = content.iter().zip(&keys).all(|(w, k)| {
                if let Some((_, s)) = n.words.iter().find(|(x, _)| x.folded == *k) {
                    specific |= *s;
                    return true;
                }
                // A head noun of the same kind.
                head_class.is_some() && head_class == n.head_class && lx.org_class(w) == head_class
            });
            if ok && specific {
                out.push(n.entity);
            }
        }
        out.sort_unstable();
        out
    }

    /// The organisations (entity indices, sorted) one specific word belongs to; where it
    /// is the first word of a company's name and the rest is the kind of body (`Jasic` of
    /// `Jasic Technology`, not of `Jasic Union Preparatory Committee`), that one.
    pub fn by_one_word(&self, w: &str, lx: &Lexicon) -> Vec<usize> {
        let folded = super::fold_surface(strip_possessive(w));
        let names: Vec<&OrgName> = self
            .by_word
            .get(&folded)
            .into_iter()
            .flatten()
            .map(|&c| &self.names[c as usize])
            .filter(|n| n.words.len() > 1)
            .collect();
        let only: Vec<usize> = names
            .iter()
            .filter(|n| {
                n.words.first().is_some_and(|(x, _)| x.folded == folded)
                    && n.words[1..]
                        .iter()
                        .all(|(x, _)| lx.org_class(&title_case(&x.folded)).is_some())
            })
            .map(|n| n.entity)
            .collect();
        let mut out: Vec<usize> = if only.is_empty() {
            names.iter().map(|n| n.entity).collect()
        } else {
            only
        };
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn title_case(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn gaz(s: &str) -> Gazetteer {
        Gazetteer::from_sources(&[(PathBuf::from("t.gaz"), s.to_string())]).expect("gazetteer")
    }

    fn keys(s: &str) -> Vec<WordKey> {
        let lx = Lexicon::shared();
        name_words(s, lx)
            .iter()
            .map(|w| WordKey::new(w, lx))
            .collect()
    }

    #[test]
    fn persons_by_word() {
        let g = gaz(
            "id: p/1\ntype: person\nname: Mikola Berasneu\n\nid: p/2\ntype: person\nname: Hnin Thet Aung\n\nid: p/3\ntype: person\nname: Ali Rezaei\n",
        );
        let ix = PersonIndex::new(&g, Lexicon::shared());
        assert_eq!(ix.find(&keys("Nikolai Beresnev")), vec![0]);
        assert_eq!(ix.find(&keys("Berasneu Mikalai")), vec![0]);
        assert_eq!(ix.find(&keys("Thet Aung")), vec![1]);
        assert_eq!(ix.find(&keys("Daw Hnin Thet Aung")), vec![1]);
        assert_eq!(
            ix.find(&keys("Ali Rezai")),
            vec![2],
            "one Persian name, two spellings"
        );
        assert!(ix.find(&keys("Ali Razavi")).is_empty());
        assert!(ix.find(&keys("Ali Hosseini")).is_empty());
        assert!(
            ix.find(&keys("Berasneu")).is_empty(),
            "one word is a partial"
        );
    }

    #[test]
    fn organisations_by_content_words() {
        let lx = Lexicon::shared();
        let g = gaz(
            "id: o/1\ntype: org\nname: Zarafshan Gold Mining Company\n\nid: o/2\ntype: org\nname: Free Trade Union of Zarafshan\n\nid: o/3\ntype: org\nname: National Union of Journalists\n",
        );
        let ix = OrgIndex::new(&g, lx);
        assert_eq!(
            ix.find(&["Zarafshan", "Gold", "Mining", "Factory"], lx),
            vec![0]
        );
        assert_eq!(
            ix.find(&["Zarafshan", "Free", "Trade", "Union"], lx),
            vec![1]
        );
        assert!(ix.find(&["Zarafshan", "Silver", "Company"], lx).is_empty());
        assert!(
            ix.find(&["Union", "of", "Journalists"], lx).is_empty(),
            "no specific word"
        );
        assert_eq!(ix.by_one_word("Zarafshan", lx), vec![0, 1]);
        let g = gaz(
            "id: o/1\ntype: org\nname: Jasic Technology\n\nid: o/2\ntype: org\nname: Jasic Union Preparatory Committee\n",
        );
        let ix = OrgIndex::new(&g, lx);
        assert_eq!(
            ix.by_one_word("Jasic", lx),
            vec![0],
            "the company the word alone names"
        );
    }

    #[test]
    fn one_letter_apart() {
        assert!(levenshtein_at_most_1("jafar", "jaafar"));
        assert!(levenshtein_at_most_1("juma", "jumaa"));
        assert!(!levenshtein_at_most_1("li", "lee"));
        assert!(levenshtein_at_most_1("abc", "abc"));
    }
}

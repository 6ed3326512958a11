//! The names of a document with two words or more, kept word by word for their other
//! mentions ([`super::variants::coreferent`]: `Huang` after `Huang Jianxun`) and by their
//! initials ([`super::acronyms`]: `KCTU`).
//!
//! Each distinct word is keyed once and indexed by every way [`WordKey::matches`] can
//! accept it, so a word is looked up in a few hash probes instead of being compared with
//! every name the document has: a document full of names made that comparison cost its
//! length squared, and a key per occurrence of a name held 60 times the text. A word only
//! needs to know whether no name, one name or several have it, so that is all it keeps.
//! At most [`MAX_WORDS`] distinct words are kept (far more than any article names).

use crate::doc::EntityType;
use crate::gazetteer::variants::WordKey;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;
use std::sync::Arc;

/// The most distinct name words a document keeps for other mentions; later new words are
/// not remembered (the names already kept still are, under every spelling).
pub const MAX_WORDS: usize = 20_000;

/// The names seen with a word: none, one (its id and type) or several.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum Ids {
    #[default]
    None,
    One(Arc<str>, EntityType),
    Many,
}

impl Ids {
    pub fn add(&mut self, id: &Arc<str>, t: EntityType) {
        match self {
            Ids::None => *self = Ids::One(id.clone(), t),
            Ids::One(x, _) if x == id => {}
            Ids::One(..) => *self = Ids::Many,
            Ids::Many => {}
        }
    }
    pub fn merge(&mut self, o: &Ids) {
        match o {
            Ids::None => {}
            Ids::One(id, t) => self.add(id, *t),
            Ids::Many => *self = Ids::Many,
        }
    }
}

struct Entry {
    /// The word as written (possessive stripped).
    text: String,
    key: WordKey,
    /// Persons that have the word (any spelling of it matches).
    persons: Ids,
    /// Organisations and places that have it as a specific word (its spelling matches).
    others: Ids,
}

/// The document's name words and their indexes.
#[derive(Default)]
pub(crate) struct NameWords {
    entries: Vec<Entry>,
    by_text: FxHashMap<String, u32>,
    by_lower: FxHashMap<String, Vec<u32>>,
    by_folded: FxHashMap<String, Vec<u32>>,
    by_loose: FxHashMap<String, Vec<u32>>,
    by_given: FxHashMap<u32, Vec<u32>>,
    /// Persons' words of seven letters or more by half their letters (see [`halves`]).
    by_half: FxHashMap<u64, Vec<u32>>,
    /// Organisations by the initials of their names.
    initials: FxHashMap<String, Ids>,
}

/// A hash of `chars` with the length of the word they come from and which end they are.
fn half_hash(len: usize, end: u8, chars: &[char]) -> u64 {
    let mut h = FxHasher::default();
    h.write_usize(len);
    h.write_u8(end);
    for c in chars {
        h.write_u32(*c as u32);
    }
    h.finish()
}

/// The keys a word of `n` letters is indexed by: for each length `m` another word one
/// edit away may share its first or last letters in, its first and last `m` letters.
///
/// Two words of seven letters or more one insertion, deletion or substitution apart
/// share their first `m` letters or their last `m` letters, `m = (shorter - 1) / 2`: the
/// edit lies after the first `m` letters, or before the last `m` (which then line up from
/// the end). A word of `n` letters can be the shorter (`n`) or the longer (`n - 1`) of
/// such a pair, so it is indexed for both.
fn halves(chars: &[char]) -> Vec<u64> {
    let n = chars.len();
    let mut out = Vec::with_capacity(4);
    for shorter in [n.saturating_sub(1), n] {
        if shorter < 7 {
            continue;
        }
        let m = (shorter - 1) / 2;
        out.push(half_hash(n, 0, &chars[..m]));
        out.push(half_hash(n, 1, &chars[n - m..]));
    }
    out.dedup();
    out
}

/// The keys to look a word of `chars` up by: for each length another word one edit away
/// may have, its first and last `m` letters (as [`halves`] indexed them).
fn half_queries(chars: &[char]) -> Vec<u64> {
    let n = chars.len();
    let mut out = Vec::with_capacity(6);
    if n < 7 {
        return out;
    }
    for other in [n - 1, n, n + 1] {
        let shorter = n.min(other);
        if shorter < 7 {
            continue;
        }
        let m = (shorter - 1) / 2;
        out.push(half_hash(other, 0, &chars[..m]));
        out.push(half_hash(other, 1, &chars[n - m..]));
    }
    out
}

fn push_to<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, Vec<u32>>, k: K, i: u32) {
    let v = map.entry(k).or_default();
    if v.last() != Some(&i) {
        v.push(i);
    }
}

impl NameWords {
    /// Records that the name `id` of type `t` has the word `text` (keyed `key`, computed
    /// only for a word not seen before).
    pub fn add_word(
        &mut self,
        text: &str,
        key: impl FnOnce() -> WordKey,
        id: &Arc<str>,
        t: EntityType,
    ) {
        let i = match self.by_text.get(text) {
            Some(&i) => i,
            None => {
                if self.entries.len() >= MAX_WORDS {
                    return;
                }
                let key = key();
                let i = self.entries.len() as u32;
                self.by_text.insert(text.to_string(), i);
                push_to(&mut self.by_lower, text.to_ascii_lowercase(), i);
                push_to(&mut self.by_folded, key.folded.clone(), i);
                push_to(&mut self.by_loose, key.loose.clone(), i);
                if let Some(g) = key.given {
                    push_to(&mut self.by_given, g, i);
                }
                self.entries.push(Entry {
                    text: text.to_string(),
                    key,
                    persons: Ids::None,
                    others: Ids::None,
                });
                i
            }
        };
        let e = &mut self.entries[i as usize];
        if t == EntityType::Person {
            if e.persons == Ids::None {
                // Indexed for near spellings once a person has it.
                let chars: Vec<char> = e.key.folded.chars().collect();
                for h in halves(&chars) {
                    push_to(&mut self.by_half, h, i);
                }
            }
            e.persons.add(id, t);
        } else {
            e.others.add(id, t);
        }
    }

    /// Records an organisation's name by its initials.
    pub fn add_initials(&mut self, initials: String, id: &Arc<str>, t: EntityType) {
        if let Some(x) = self.initials.get_mut(&initials) {
            x.add(id, t);
        } else if self.initials.len() < MAX_WORDS {
            self.initials.entry(initials).or_default().add(id, t);
        }
    }

    /// The organisations whose names have these initials.
    pub fn by_initials(&self, acr: &str) -> Ids {
        self.initials.get(acr).cloned().unwrap_or_default()
    }

    /// The names that have the word `w` (possessive stripped, keyed `key`): persons that
    /// have it in any spelling, and unless `persons_only`, organisations and places that
    /// have it as written or folded. What `coreferent` compared with every name.
    pub fn having(&self, w: &str, key: &WordKey, persons_only: bool) -> Ids {
        let mut cands: Vec<u32> = Vec::new();
        let mut take = |v: Option<&Vec<u32>>| cands.extend(v.into_iter().flatten().copied());
        take(self.by_lower.get(&w.to_ascii_lowercase()));
        take(self.by_folded.get(&key.folded));
        take(self.by_loose.get(&key.loose));
        if let Some(g) = key.given {
            take(self.by_given.get(&g));
        }
        let chars: Vec<char> = key.folded.chars().collect();
        for h in half_queries(&chars) {
            take(self.by_half.get(&h));
        }
        cands.sort_unstable();
        cands.dedup();
        let mut hit = Ids::None;
        for i in cands {
            let e = &self.entries[i as usize];
            if e.persons != Ids::None && e.key.matches(key) {
                hit.merge(&e.persons);
            }
            if !persons_only
                && e.others != Ids::None
                && (e.text.eq_ignore_ascii_case(w) || e.key.folded == key.folded)
            {
                hit.merge(&e.others);
            }
            if hit == Ids::Many {
                break;
            }
        }
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::variants::levenshtein_at_most_1;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn one_edit_apart_share_a_half() {
        let words = [
            "moravecova",
            "moravcova",
            "moravecowa",
            "omravecova",
            "moravecov",
            "xmoravecova",
            "moravecovaa",
            "morevecova",
        ];
        for a in words {
            for b in words {
                if a.chars().count() < 7 || b.chars().count() < 7 || !levenshtein_at_most_1(a, b) {
                    continue;
                }
                let q = half_queries(&chars(a));
                assert!(halves(&chars(b)).iter().any(|h| q.contains(h)), "{a} / {b}");
            }
        }
    }

    #[test]
    fn one_two_or_many() {
        let lx = crate::gazetteer::lexicon::Lexicon::shared();
        let mut n = NameWords::default();
        let varga: Arc<str> = Arc::from("new/person/tomas-varga");
        let other: Arc<str> = Arc::from("new/person/elena-varga");
        let velmara: Arc<str> = Arc::from("new/org/velmara-union");
        let key = |w: &str| WordKey::new(w, lx);
        n.add_word("Varga", || key("Varga"), &varga, EntityType::Person);
        n.add_word("Velmara", || key("Velmara"), &velmara, EntityType::Org);
        assert_eq!(
            n.having("Varga", &key("Varga"), false),
            Ids::One(varga.clone(), EntityType::Person)
        );
        // The same name again changes nothing; another person with the word does.
        n.add_word("Varga", || key("Varga"), &varga, EntityType::Person);
        assert!(matches!(
            n.having("VARGA", &key("VARGA"), true),
            Ids::One(..)
        ));
        n.add_word("Varga", || key("Varga"), &other, EntityType::Person);
        assert_eq!(n.having("Varga", &key("Varga"), false), Ids::Many);
        // An organisation's word counts only where the caller allows it.
        assert_eq!(n.having("Velmara", &key("Velmara"), true), Ids::None);
        assert!(matches!(
            n.having("Velmara", &key("Velmara"), false),
            Ids::One(..)
        ));
    }
}

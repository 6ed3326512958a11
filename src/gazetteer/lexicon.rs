//! The word lists the name finder reads names by, compiled in from `rules/`:
//!
//! - `english_words.txt`: common English words (lower case). A capitalised word that is one
//!   of them is not a name on its own where English capitalises every word anyway (a
//!   sentence start, a headline), and a run of them is a name only with an organisation's
//!   or a place's head noun ("World Bank", "Stanley Prison").
//! - `places.tsv`: the world's cities (GeoNames), to type a name as a place and to give
//!   its spellings one id (Grodno / Hrodna).
//! - `name_words.tsv`: honorifics, titles, head nouns, law words, connectors and the other
//!   word classes of [`Class`].
//! - `given_names.tsv`: given names that are one name in different languages.
//! - `person_names.tsv`: frequent given names and surnames (`John`, `Smith`), so that a
//!   name of common words (`John Smith`) is still a person's.
//!
//! Each file's header states its format. [`Lexicon::shared`] is built once per process.

use crate::error::{Error, Result};
use crate::gazetteer::skeleton;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;
use std::sync::LazyLock;

/// Built-in `rules/english_words.txt`.
pub const DEFAULT_ENGLISH: &str = include_str!("../../rules/english_words.txt");
/// Built-in `rules/places.tsv`.
pub const DEFAULT_PLACES: &str = include_str!("../../rules/places.tsv");
/// Built-in `rules/name_words.tsv`.
pub const DEFAULT_NAME_WORDS: &str = include_str!("../../rules/name_words.tsv");
/// Built-in `rules/given_names.tsv`.
pub const DEFAULT_GIVEN_NAMES: &str = include_str!("../../rules/given_names.tsv");

/// Built-in `rules/person_names.tsv`.
pub const DEFAULT_PERSON_NAMES: &str = include_str!("../../rules/person_names.tsv");

/// Word classes of `name_words.tsv` (bit flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum Class {
    /// Stands before a person's name (`Mr`, `Daw`).
    Honorific = 1,
    /// A job title or role before a name.
    Title = 2,
    /// The last word of an organisation's name.
    OrgHead = 4,
    /// The last word of a place's name.
    PlaceHead = 8,
    /// A lower-case word after a name that makes it an organisation.
    OrgAfter = 16,
    /// A lower-case word after a name that makes it a place.
    PlaceAfter = 32,
    /// Names of laws, documents, events and degrees hold one.
    Law = 64,
    /// Never an entity on its own.
    NotName = 128,
    /// A currency code.
    Currency = 256,
    /// A lower-case word inside a name.
    Connector = 512,
    /// Does not make an organisation's name specific.
    Generic = 1024,
    /// A nationality, people, language or religion (`British`, `Tamil`, `Persian`).
    Demonym = 2048,
}

impl Class {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "honorific" => Class::Honorific,
            "title" => Class::Title,
            "org_head" => Class::OrgHead,
            "place_head" => Class::PlaceHead,
            "org_after" => Class::OrgAfter,
            "place_after" => Class::PlaceAfter,
            "law" => Class::Law,
            "not_name" => Class::NotName,
            "currency" => Class::Currency,
            "connector" => Class::Connector,
            "generic" => Class::Generic,
            "demonym" => Class::Demonym,
            _ => return None,
        })
    }
}

/// A city of the place list.
#[derive(Debug, Clone)]
pub struct Place {
    /// Its GeoNames name.
    pub name: String,
    /// Its GeoNames id.
    pub geonameid: u32,
}

/// The compiled word lists.
#[derive(Debug, Default)]
pub struct Lexicon {
    english: HashSet<String>,
    classes: HashMap<String, u16>,
    org_class: HashMap<String, u16>,
    places: HashMap<String, u32>,
    /// Cities, by the index [`Lexicon::place`] returns.
    pub place_list: Vec<Place>,
    given: HashMap<String, u32>,
    /// `person_names.tsv`: lower case name → 1 (given name) | 2 (surname).
    person_words: HashMap<String, u8>,
    /// Demonyms derived from the countries' names by rule (`Tunisian`, `Uzbek`, `Iraqi`).
    demonyms: HashSet<String>,
}

/// Demonym endings: a country `<stem><base>` gives `<stem><ending>` (`Tunisia` → `Tunisian`,
/// `Uzbekistan` → `Uzbek`, `Iraq` → `Iraqi`, `China` → `Chinese`).
const DEMONYM_RULES: &[(&str, &str)] = &[
    ("ian", ""),
    ("ian", "ia"),
    ("ian", "a"),
    ("ian", "y"),
    ("ian", "e"),
    ("ian", "o"),
    ("an", ""),
    ("an", "a"),
    ("n", ""),
    ("i", ""),
    ("ese", ""),
    ("ese", "a"),
    ("ish", ""),
    ("ish", "land"),
    ("ean", "ea"),
    ("ic", "ia"),
    ("ic", "y"),
    ("ussian", "us"),
    ("", "istan"),
    ("", "stan"),
    ("ite", ""),
    ("er", ""),
    ("ene", "a"),
    ("ot", "o"),
];

static SHARED: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::from_sources(
        DEFAULT_ENGLISH,
        DEFAULT_PLACES,
        DEFAULT_NAME_WORDS,
        DEFAULT_GIVEN_NAMES,
    )
    .and_then(|lx| lx.with_person_names(DEFAULT_PERSON_NAMES))
    .unwrap_or_else(|e| panic!("built-in name lexicon: {e}"))
});

/// Strips a possessive `'s` / `’s` / trailing apostrophe.
pub fn strip_possessive(w: &str) -> &str {
    for suf in ["'s", "’s", "'S", "’S"] {
        if let Some(x) = w.strip_suffix(suf)
            && !x.is_empty()
        {
            return x;
        }
    }
    w.strip_suffix(['\'', '’'])
        .filter(|x| !x.is_empty())
        .unwrap_or(w)
}

/// A place name's lookup key: folded, lower case, single spaces, no dots.
pub fn place_key(s: &str) -> String {
    let f = crate::gazetteer::fold_surface(s);
    let mut out = String::with_capacity(f.len());
    for c in f.chars() {
        match c {
            '.' | '\'' => {}
            '-' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Calls `f` with `w` in lower case: on the stack for short ASCII words (the lexicon's
/// lookups run on every capitalised word of a text), else allocated.
pub fn with_lower<T>(w: &str, f: impl FnOnce(&str) -> T) -> T {
    let b = w.as_bytes();
    if b.len() <= 48 && b.is_ascii() {
        let mut buf = [0u8; 48];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII stays valid UTF-8.
        f(std::str::from_utf8(&buf[..b.len()]).unwrap_or_default())
    } else {
        f(&w.to_lowercase())
    }
}

impl Lexicon {
    /// The built-in lexicon, built once per process.
    pub fn shared() -> &'static Lexicon {
        &SHARED
    }

    /// Parses the four files (contents); errors name the file (as `rules/<name>`) and line.
    pub fn from_sources(english: &str, places: &str, words: &str, given: &str) -> Result<Self> {
        let mut lx = Lexicon::default();
        let mut errors = Vec::new();
        for line in english.lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                lx.english.insert(w.to_lowercase());
            }
        }
        let path = Path::new("rules/places.tsv");
        for (i, line) in places.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let (Some(name), Some(id)) = (f.first(), f.get(1).and_then(|x| x.parse().ok())) else {
                errors.push(Error::rule(path, i + 1, "expected name<TAB>geonameid"));
                continue;
            };
            if f.get(4).is_some_and(|x| x.trim() == "country") {
                for (ending, base) in DEMONYM_RULES {
                    if let Some(stem) = name.strip_suffix(base)
                        && stem.chars().count() >= 3
                    {
                        lx.demonyms.insert(place_key(&format!("{stem}{ending}")));
                    }
                }
            }
            let idx = lx.place_list.len() as u32;
            lx.place_list.push(Place {
                name: name.to_string(),
                geonameid: id,
            });
            let alts = f.get(3).map(|a| a.split('|')).into_iter().flatten();
            for n in std::iter::once(*name).chain(alts) {
                let k = place_key(n);
                if !k.is_empty() {
                    // The first (largest id order) city keeps a shared name.
                    lx.places.entry(k).or_insert(idx);
                }
            }
        }
        let path = Path::new("rules/name_words.tsv");
        for (i, line) in words.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((class, list)) = line.split_once('\t') else {
                errors.push(Error::rule(path, i + 1, "expected class<TAB>words"));
                continue;
            };
            if class == "org_class" {
                let group = i as u16;
                for w in list.split_whitespace() {
                    lx.org_class.insert(w.to_string(), group);
                }
                continue;
            }
            let Some(c) = Class::parse(class.trim()) else {
                errors.push(Error::rule(
                    path,
                    i + 1,
                    format!("unknown class `{}`", class.trim()),
                ));
                continue;
            };
            for w in list.split_whitespace() {
                *lx.classes.entry(w.to_string()).or_default() |= c as u16;
            }
        }
        for (i, line) in given.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            for n in line.split('\t').map(str::trim).filter(|n| !n.is_empty()) {
                lx.given.entry(skeleton::loose_key(n)).or_insert(i as u32);
            }
        }
        if errors.is_empty() {
            Ok(lx)
        } else {
            Err(Error::Many(errors))
        }
    }

    /// Adds the given names and surnames of `person_names.tsv` (content); errors name the
    /// file and line.
    pub fn with_person_names(mut self, content: &str) -> Result<Self> {
        let path = Path::new("rules/person_names.tsv");
        let mut errors = Vec::new();
        for (i, line) in content.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let bits = match (cols.next(), cols.next(), cols.next()) {
                (Some("given"), Some(n), sex) => {
                    let sex = match sex.map(str::trim) {
                        None | Some("-") | Some("") => 0u8,
                        Some("f") => 4,
                        Some("m") => 8,
                        Some(_) => {
                            errors.push(Error::rule(path, i + 1, "sex must be f, m or -"));
                            continue;
                        }
                    };
                    (1u8 | sex, n)
                }
                (Some("surname"), Some(n), _) => (2u8, n),
                _ => {
                    errors.push(Error::rule(
                        path,
                        i + 1,
                        "expected given|surname<TAB>name[<TAB>sex]",
                    ));
                    continue;
                }
            };
            *self
                .person_words
                .entry(bits.1.trim().to_lowercase())
                .or_default() |= bits.0;
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(Error::Many(errors))
        }
    }

    /// Whether `w` (a possessive stripped) is a frequent given name.
    pub fn is_given_name(&self, w: &str) -> bool {
        let w = strip_possessive(w);
        with_lower(w, |l| self.person_words.get(l).is_some_and(|b| b & 1 != 0))
    }

    /// The sex a given name `w` most often has: `Some(true)` female, `Some(false)` male,
    /// `None` when it is no frequent given name or common for both.
    pub fn given_name_female(&self, w: &str) -> Option<bool> {
        let w = strip_possessive(w);
        with_lower(w, |l| match self.person_words.get(l) {
            Some(b) if b & 4 != 0 => Some(true),
            Some(b) if b & 8 != 0 => Some(false),
            _ => None,
        })
    }

    /// Whether `w` (a possessive stripped) is a frequent surname.
    pub fn is_surname(&self, w: &str) -> bool {
        let w = strip_possessive(w);
        with_lower(w, |l| self.person_words.get(l).is_some_and(|b| b & 2 != 0))
    }

    /// Whether `w` (a possessive stripped; each part of a hyphenated word) is a common
    /// English word.
    pub fn is_common(&self, w: &str) -> bool {
        let w = strip_possessive(w);
        if w.contains('-') {
            return w
                .split('-')
                .filter(|p| !p.is_empty())
                .all(|p| with_lower(p, |l| self.english.contains(l)));
        }
        with_lower(w, |l| {
            if self.english.contains(l) {
                return true;
            }
            // Plurals the list leaves out (`unionists`, `activities`).
            if let Some(stem) = l.strip_suffix("ies") {
                return self.english.contains(&format!("{stem}y"));
            }
            l.len() > 3
                && l.ends_with('s')
                && !l.ends_with("ss")
                && (self.english.contains(&l[..l.len() - 1])
                    || l.strip_suffix("es")
                        .is_some_and(|x| self.english.contains(x)))
        })
    }

    /// Whether `w` in lower case has class `c` (`Of`, `THE` as connectors).
    pub fn is_lower(&self, w: &str, c: Class) -> bool {
        with_lower(w, |l| self.is(l, c))
    }

    /// Whether `w` (as written, or with a possessive stripped) has class `c`.
    pub fn is(&self, w: &str, c: Class) -> bool {
        let has = |x: &str| self.classes.get(x).is_some_and(|b| b & c as u16 != 0);
        if has(w) {
            return true;
        }
        let bare = strip_possessive(w);
        if bare.len() < w.len() && has(bare) {
            return true;
        }
        w.ends_with('.') && has(w.trim_end_matches('.'))
    }

    /// The org-class group of a head noun, if any.
    pub fn org_class(&self, w: &str) -> Option<u16> {
        self.org_class.get(strip_possessive(w)).copied()
    }

    /// The city a name spells, if any.
    pub fn place(&self, name: &str) -> Option<usize> {
        self.place_by_key(&place_key(name))
    }

    /// The city a [`place_key`] spells, if any.
    pub fn place_by_key(&self, key: &str) -> Option<usize> {
        self.places.get(key).map(|&i| i as usize)
    }

    /// The given-name group of a name, if any.
    pub fn given_group(&self, name: &str) -> Option<u32> {
        self.given_by_key(&skeleton::loose_key(name))
    }

    /// The given-name group of a name's loose key, if any.
    pub fn given_by_key(&self, loose: &str) -> Option<u32> {
        self.given.get(loose).copied()
    }

    /// Whether `phrase` is a demonym or nationality adjective (`Belarusian`, `Sri Lankan`,
    /// `Iraqi`, `Uzbek`): listed in `name_words.tsv` (class `demonym`), or a country's name
    /// with a demonym ending, and not itself a place.
    pub fn is_demonym(&self, phrase: &str, is_place: impl Fn(&str) -> bool) -> bool {
        let w = strip_possessive(phrase);
        if self.is(w, Class::Demonym) {
            return true;
        }
        self.demonyms.contains(&place_key(w)) && !is_place(w)
    }
}

/// Whether a name is generic: three content words or fewer, all common or generic
/// (`Supreme Court`, `Ministry of Labour`, `National Security Committee`): many bodies in
/// many countries have it. Longer names of common words are specific (`Independent Oil and
/// Energy Workers' Union`).
pub fn is_generic_name(lx: &Lexicon, name: &str) -> bool {
    let mut content = 0;
    for w in name.split_whitespace() {
        let w = strip_possessive(w);
        if lx.is(w, Class::Connector) || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if !(lx.is_common(w) || lx.is(w, Class::Generic)) {
            return false;
        }
        content += 1;
    }
    (1..=3).contains(&content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_load() {
        let lx = Lexicon::shared();
        assert!(lx.is_common("Union") && lx.is_common("court") && lx.is_common("Police"));
        assert!(!lx.is_common("Tehran") && !lx.is_common("Sithar"));
        assert!(lx.is_common("Workers’") && lx.is_common("state-run"));
        assert!(lx.is("Mr", Class::Honorific));
        assert!(lx.is("Committee", Class::OrgHead) && lx.is("Prison", Class::PlaceHead));
        assert!(lx.is("USD", Class::Currency) && lx.is("Code", Class::Law));
        let grodno = lx.place("Grodno").expect("Grodno");
        assert_eq!(lx.place("Hrodna"), Some(grodno));
        assert_eq!(lx.place_list[grodno].name, "Hrodna");
        assert!(lx.place("Phnom Penh").is_some() && lx.place("Zuzzuzz").is_none());
        assert_eq!(lx.given_group("Mikalai"), lx.given_group("Nikolai"));
        assert!(lx.given_group("Mikalai").is_some());
    }

    #[test]
    fn demonyms_are_not_places() {
        let lx = Lexicon::shared();
        let place = |s: &str| lx.place(s).is_some();
        for d in [
            "Belarusian",
            "Iraqi",
            "Sri Lankan",
            "Uzbek",
            "Egyptian",
            "Tunisian",
            "Nepali",
            "Kyrgyz",
            "Chinese",
        ] {
            assert!(lx.is_demonym(d, place), "{d}");
        }
        for n in ["Minsk", "Belarus", "Kharkova", "Tehran"] {
            assert!(!lx.is_demonym(n, place), "{n}");
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = Lexicon::from_sources("a\n", "Minsk\tx\n", "# c\nhonorific\tMr\nrobot\tX\n", "")
            .unwrap_err()
            .to_string();
        assert!(err.contains("rules/places.tsv:1"), "{err}");
        assert!(
            err.contains("rules/name_words.tsv:3: unknown class `robot`"),
            "{err}"
        );
    }
}

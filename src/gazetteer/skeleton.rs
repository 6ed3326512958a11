//! Skeleton keys: spellings of one name in different romanisations collide on one key.
//!
//! The key folds what transliteration systems disagree on: `zh`/`j`/`sch`/`sh`/`ch` (one
//! class), `kh`/`h`/`x` (and `ch`, which is `х` in German), `ts`/`c`/`z`, `ye`/`je`/`e`,
//! `iy`/`ii`/`y`/`i`, `ay`/`ai`/`aj`, `ou`/`u`, `q`/`k`, `w`/`v`, doubled letters, and
//! `-of`/`-ov`. Where a spelling is ambiguous (`ch`, a word-initial `je`) a span has up to
//! four keys. Keys ignore case, diacritics, spaces, hyphens and apostrophes.
//!
//! ```
//! use casefile::gazetteer::skeleton::keys;
//! let k = keys("Kushakbayev");
//! for v in ["Kushakbaev", "Kouchakbaev", "Kuschakbajew", "Kušakbaev", "KUSHAKBAYEV"] {
//!     assert!(keys(v).iter().any(|x| k.contains(x)), "{v}");
//! }
//! assert!(keys("Kharkov").iter().all(|x| !keys("Kharkova").contains(x)));
//! ```

use crate::clean::fold::Folded;

fn vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The skeleton keys of a name (one to four).
pub fn keys(name: &str) -> Vec<String> {
    if name.is_ascii() {
        // Nothing to spell out or fold but case (what `Folded` does to ASCII).
        let letters: Vec<u8> = name
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
            .collect();
        return keys_of_letters(&letters);
    }
    keys_folded(name)
}

/// [`keys`] by the general route: spelled out, folded, then keyed (any input; `keys`
/// takes a shortcut for ASCII).
fn keys_folded(name: &str) -> Vec<String> {
    // Carons and circumflexes carry the letter (ISO 9 `š` is `sh`): spell them out before
    // diacritics are folded away.
    let mut spelled = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            'š' | 'Š' | 'ş' | 'Ş' => spelled.push_str("sh"),
            'ž' | 'Ž' => spelled.push_str("zh"),
            'č' | 'Č' | 'ç' | 'Ç' => spelled.push_str("ch"),
            'ŝ' | 'Ŝ' => spelled.push_str("shch"),
            'ğ' | 'Ğ' | 'ǵ' => spelled.push('g'),
            'ñ' | 'Ñ' | 'ń' => spelled.push_str("ng"),
            'ı' | 'İ' => spelled.push('i'),
            c => spelled.push(c),
        }
    }
    let f = Folded::new(&spelled);
    let letters: Vec<u8> = f
        .text
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric())
        .collect();
    if letters.is_empty() {
        // Non-Latin names (Cyrillic): their folded form is their key.
        let k: String = f.text.chars().filter(|c| c.is_alphanumeric()).collect();
        return if k.is_empty() { Vec::new() } else { vec![k] };
    }
    keys_of_letters(&letters)
}

/// The keys of a name's folded ASCII letters and digits (none when there are none).
fn keys_of_letters(letters: &[u8]) -> Vec<String> {
    if letters.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let initial_je = letters.starts_with(b"je");
    let has_ch = letters.windows(2).any(|w| w == b"ch");
    for je_is_e in [true, false] {
        if !je_is_e && !initial_je {
            continue;
        }
        for ch_is_h in [false, true] {
            if ch_is_h && !has_ch {
                continue;
            }
            let k = key(letters, je_is_e, ch_is_h);
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out
}

fn key(s: &[u8], initial_je_is_e: bool, ch_is_h: bool) -> String {
    let at = |i: usize, p: &[u8]| s.len() >= i + p.len() && &s[i..i + p.len()] == p;
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let prev_vowel = out.last().is_some_and(|&c| vowel(c));
        let c = s[i];
        // Longest rules first.
        let (emit, used): (&[u8], usize) = if at(i, b"shch") || at(i, b"tsch") {
            (b"J", 4)
        } else if at(i, b"sch") || at(i, b"dzh") || at(i, b"tch") {
            (b"J", 3)
        } else if at(i, b"ch") {
            (if ch_is_h { b"H" } else { b"J" }, 2)
        } else if at(i, b"sh") || at(i, b"zh") || at(i, b"dj") {
            (b"J", 2)
        } else if at(i, b"kh") {
            (b"H", 2)
        } else if at(i, b"ts") || at(i, b"tz") {
            (b"C", 2)
        } else if (at(i, b"ye") || at(i, b"je")) && (i > 0 || initial_je_is_e || c == b'y') {
            (b"e", 2)
        } else if at(i, b"ou") {
            (b"u", 2)
        } else if at(i, b"ph") {
            (b"f", 2)
        } else if at(i, b"ck") {
            (b"k", 2)
        } else if at(i, b"gh") {
            (b"g", 2)
        } else {
            let one: &[u8] = match c {
                b'h' | b'x' => b"H",
                b'c' | b'z' => b"C",
                b'q' => b"k",
                b'w' => b"v",
                // Kazakh/German й after a vowel (`Tokajew`), not a consonant j before one.
                b'j' if prev_vowel && !s.get(i + 1).is_some_and(|&n| vowel(n)) => b"i",
                b'j' => b"J",
                b'y' => b"i",
                _ => std::slice::from_ref(&s[i]),
            };
            (one, 1)
        };
        for &e in emit {
            // Doubled letters collapse; "ii" (from -iy, -ii, -ij) too.
            if out.last() != Some(&e) {
                out.push(e);
            }
        }
        i += used;
    }
    // -of / -ov
    if out.ends_with(b"of") {
        let n = out.len();
        out[n - 1] = b'v';
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The loose key of one name (a word, or words read as one): its consonants only, in
/// classes wide enough for the romanisations of many languages, and whether it starts with
/// a vowel. Spellings that differ in vowels (`Esmail` / `Ismail`, `Yarashuk` / `Iarashuk`,
/// `Jafar` / `Jaafar`), in `g` / `h` / `kh` (`Gennady` / `Henadz`), Belarusian `dz` / `ts`
/// for Russian `d` / `t` (`Dzmitry`, `Valiantsin`), `u` for `v` after a vowel (`Berasneu` /
/// `Beresnev`), Łacinka letters (`Kapšul`, `Abłab`, `Cieranievič`), `x` / `ks`, doubled
/// letters, hyphens and spaces (`Kyung-soo` / `Kyung Soo`) share it. It is a blocking key:
/// callers confirm a match by other evidence (every word of a name, a longer key).
///
/// ```
/// use casefile::gazetteer::skeleton::loose_key;
/// for (a, b) in [("Gennady", "Henadz"), ("Beresnev", "Berasneu"), ("Esmail", "Ismail"),
///                ("Mikhnyuk", "Mikhniuk"), ("Valancin", "Valiantsin"), ("Kapšul", "Kapshul")] {
///     assert_eq!(loose_key(a), loose_key(b), "{a} / {b}");
/// }
/// assert_ne!(loose_key("Ivanov"), loose_key("Ivanova"));
/// assert_eq!(loose_key("Lukashenka"), loose_key("Lukashenko"));
/// ```
pub fn loose_key(name: &str) -> String {
    if name.is_ascii() {
        let s: Vec<u8> = name
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
            .collect();
        return loose_key_of_letters(&s);
    }
    let mut spelled = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            'š' | 'Š' | 'ş' | 'Ş' | 'ś' | 'Ś' => spelled.push_str("sh"),
            'ž' | 'Ž' | 'ź' | 'Ź' | 'ż' | 'Ż' => spelled.push_str("zh"),
            'č' | 'Č' | 'ç' | 'Ç' => spelled.push_str("ch"),
            'ć' | 'Ć' => spelled.push_str("ts"),
            'ł' | 'Ł' => spelled.push('l'),
            'đ' | 'Đ' => spelled.push('d'),
            'ø' | 'Ø' => spelled.push('o'),
            'æ' | 'Æ' => spelled.push_str("ae"),
            'ß' => spelled.push_str("ss"),
            'ı' | 'İ' => spelled.push('i'),
            'ğ' | 'Ğ' => spelled.push('g'),
            c => spelled.push(c),
        }
    }
    let f = Folded::new(&spelled);
    let s: Vec<u8> = f
        .text
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric())
        .collect();
    if s.is_empty() {
        return f.text.chars().filter(|c| c.is_alphanumeric()).collect();
    }
    loose_key_of_letters(&s)
}

/// [`loose_key`] of folded ASCII letters and digits.
fn loose_key_of_letters(s: &[u8]) -> String {
    if s.is_empty() {
        return String::new();
    }
    let is_v = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let at = |i: usize, p: &[u8]| s.len() >= i + p.len() && &s[i..i + p.len()] == p;
    let mut out: Vec<u8> = Vec::with_capacity(s.len() + 1);
    // A leading vowel (or glide: `Yarashuk` / `Iarashuk`) is one mark.
    out.push(if is_v(s[0]) { b'_' } else { b'^' });
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let prev_v = i > 0 && is_v(s[i - 1]);
        let next_v = s.get(i + 1).is_some_and(|&n| is_v(n));
        let (emit, used): (&[u8], usize) = if at(i, b"shch") || at(i, b"tsch") {
            (b"J", 4)
        } else if at(i, b"sch") || at(i, b"dzh") || at(i, b"dsh") || at(i, b"tch") {
            (b"J", 3)
        } else if at(i, b"sh") || at(i, b"zh") || at(i, b"ch") || at(i, b"dj") {
            (b"J", 2)
        } else if at(i, b"kh") || at(i, b"gh") {
            (b"H", 2)
        } else if at(i, b"ts") || at(i, b"tz") || at(i, b"dz") || at(i, b"th") {
            (if c == b'd' { b"d" } else { b"t" }, 2)
        } else if at(i, b"ph") {
            (b"f", 2)
        } else if at(i, b"ck") {
            (b"k", 2)
        } else {
            let one: &[u8] = match c {
                b'g' | b'h' => b"H",
                b'x' => b"ks",
                b'q' => b"k",
                b'c' if s
                    .get(i + 1)
                    .is_some_and(|&n| matches!(n, b'e' | b'i' | b'y')) =>
                {
                    b"t"
                }
                b'c' => b"k",
                b'w' => b"v",
                // Belarusian ў, English `au`/`eu`: a `u` after a vowel, not before one.
                b'u' if prev_v && !next_v => b"v",
                // A `j` glide between or after vowels (German `Tokajew`).
                b'j' if prev_v => b"",
                b'j' => b"J",
                c if is_v(c) => b"",
                _ => std::slice::from_ref(&s[i]),
            };
            (one, 1)
        };
        for &e in emit {
            if out.last() != Some(&e) {
                out.push(e);
            }
        }
        i += used;
    }
    // Slavic feminine endings keep a mark (`Ivanova` is not `Ivanov`, `Pushkina` not
    // `Pushkin`); other final vowels are spelling (`Lukashenka` / `Lukashenko`, `Juma` /
    // `Jumaa`).
    if s.len() > 3 && s[s.len() - 1] == b'a' && matches!(out.last(), Some(b'v' | b'n')) {
        out.push(b'a');
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The number of consonant classes in a loose key (its strength as evidence).
pub fn loose_strength(key: &str) -> usize {
    key.bytes().skip(1).filter(|&b| b != b'a').count()
}

/// Whether two keys are one near miss apart: a single substituted, inserted or deleted
/// letter, not in the last two letters (where Russian and Kazakh names carry gender:
/// `Kharkov`/`Kharkova`), with the first letter the same and both at least five long.
pub fn near_miss(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() < 5 || b.len() < 5 || a == b || a.first() != b.first() {
        return false;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    // The ending (last two letters) must agree exactly.
    if a[la - 2..] != b[lb - 2..] {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if la == lb {
        // One substitution.
        a[p + 1..] == b[p + 1..]
    } else if la > lb {
        a[p + 1..] == b[p..]
    } else {
        a[p..] == b[p + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII shortcut gives the general route's keys: on every ASCII word and run of
    /// three words of the seed corpus, and on edge cases.
    #[test]
    fn ascii_shortcut_equals_the_folded_route() {
        let mut names: Vec<String> = ["", "-", "O'Brien", "JE", "Je-ch", "X1 2y", "Shchukin"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for t in crate::test_support::seed_texts() {
            let words: Vec<&str> = t.split_whitespace().filter(|w| w.is_ascii()).collect();
            for w in words.windows(3) {
                names.push(w.join(" "));
                names.push(w[0].to_string());
            }
        }
        assert!(names.len() > 1000, "{}", names.len());
        for n in &names {
            assert_eq!(keys(n), keys_folded(n), "{n}");
        }
    }

    proptest::proptest! {
        /// The same on random ASCII strings.
        #[test]
        fn ascii_shortcut_on_random_names(n in "[ -~]{0,16}") {
            proptest::prop_assert_eq!(keys(&n), keys_folded(&n));
        }
    }

    fn same(a: &str, b: &str) -> bool {
        let ka = keys(a);
        keys(b).iter().any(|k| ka.contains(k))
    }

    #[test]
    fn romanisations_collide() {
        for (a, b) in [
            ("Yeleusinov", "Eleusinov"),
            ("Yeleusinov", "Yeleussinov"),
            ("Yeleusinov", "Eleoussinov"),
            ("Yeleusinov", "Jeleussinow"),
            ("Kharkova", "Charkowa"),
            ("Shymkent", "Chimkent"),
            ("Zhanaozen", "Janaozen"),
            ("Baltabay", "Baltabai"),
            ("Tokayev", "Tokaev"),
            ("Dmitriy", "Dmitry"),
            ("Qazaqstan", "Kazakstan"),
            ("Nur-Sultan", "Nursultan"),
            ("Kozlof", "Kozlov"),
            ("Tokayev", "Tokajew"),
        ] {
            assert!(same(a, b), "{a} / {b}: {:?} {:?}", keys(a), keys(b));
        }
    }

    #[test]
    fn different_names_stay_apart() {
        for (a, b) in [
            ("Kharkov", "Kharkova"),
            ("Baltabay", "Baltabayeva"),
            ("Ivanov", "Ivanova"),
            ("Being", "Beijing"),
        ] {
            assert!(!same(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn near_misses() {
        assert!(near_miss(&keys("Kushakpaev")[0], &keys("Kushakbaev")[0]));
        assert!(near_miss(
            &keys("Seidalhmetova")[0],
            &keys("Seidakhmetova")[0]
        ));
        assert!(!near_miss(&keys("Kharkov")[0], &keys("Kharkova")[0]));
        assert!(!near_miss(&keys("Ivanova")[0], &keys("Ivanov")[0]));
        assert!(!near_miss("abcd", "abce"));
    }
}

//! A folded view of a text for matching, with a map back to the readable text.
//!
//! Folding lower-cases, strips diacritics, turns typographic quotes and dashes into ASCII,
//! no-break and other spaces into a plain space, drops zero-width characters and soft
//! hyphens, and rewrites Cyrillic look-alike letters that stand inside Latin words (the
//! Cyrillic `р` of `No. 2164-р`) as Latin. The readable text is never changed: every folded
//! byte knows the original byte it came from.
//!
//! ```
//! use casefile::clean::fold::Folded;
//! let f = Folded::new("Kharkova’s ÖZKAN");
//! assert_eq!(f.text, "kharkova's ozkan");
//! let (s, e) = f.to_original(0, 8);
//! assert_eq!(&"Kharkova’s ÖZKAN"[s..e], "Kharkova");
//! ```

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// ASCII byte classes: 0 not a word character, 1 lower-case letter, 2 capital or digit.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() || c.is_ascii_digit() {
            2
        } else if c.is_ascii_lowercase() {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The folded text and its map back to the original.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Map segments, sorted by folded position: `(folded_start, orig_start, orig_len)`.
    /// `orig_len == 0` marks an identity run (folded byte `f` comes from original byte
    /// `orig_start + f - folded_start`); otherwise every folded byte of the segment comes
    /// from the one original character at `orig_start..orig_start + orig_len`.
    segments: Vec<(u32, u32, u32)>,
    /// Folded positions where a word starts with a capital letter or a digit in the
    /// original (any script): where proper names can begin.
    pub starts: Vec<u32>,
}

impl Folded {
    /// Folds `original`. ASCII runs are lower-cased in bulk and cost no map entries.
    pub fn new(original: &str) -> Self {
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut segments: Vec<(u32, u32, u32)> = Vec::new();
        let mut word_cache: Option<(usize, usize, bool)> = None;
        let mut starts: Vec<u32> = Vec::new();
        let mut prev_word = false;
        let mut i = 0;
        while i < bytes.len() {
            let run = bytes[i..]
                .iter()
                .position(|&b| b >= 0x80)
                .map_or(bytes.len(), |k| i + k);
            if run > i {
                if segments.last().is_none_or(|s| s.2 != 0) {
                    segments.push((text.len() as u32, i as u32, 0));
                }
                let from = text.len();
                for (k, &b) in bytes[i..run].iter().enumerate() {
                    let class = ASCII_CLASS[b as usize];
                    if class == 2 && !prev_word {
                        starts.push((from + k) as u32);
                    }
                    prev_word = class != 0;
                }
                text.push_str(&original[i..run]);
                // Safe: only ASCII bytes were appended.
                text[from..].make_ascii_lowercase();
                i = run;
                continue;
            }
            let c = original[i..].chars().next().unwrap_or('\u{FFFD}');
            let before = text.len();
            if is_cyrillic(c) {
                // One look-alike decision per word, not per letter.
                let latin = match word_cache {
                    Some((ws, we, v)) if ws <= i && i < we => v,
                    _ => {
                        let (ws, we) = word_bounds(original, i);
                        let v = latin_context(original, ws, we);
                        word_cache = Some((ws, we, v));
                        v
                    }
                };
                fold_cyrillic(c, latin, &mut text);
            } else {
                fold_char(c, original, i, &mut text);
            }
            let len = c.len_utf8();
            let produced = text.len() - before;
            if produced > 0 {
                let word = is_word_char(c);
                if word && !prev_word && (c.is_uppercase() || c.is_numeric()) {
                    starts.push(before as u32);
                }
                prev_word = word;
            }
            if produced == len && text.as_bytes()[before..] == bytes[i..i + len] {
                // Unchanged character: part of an identity run.
                if segments.last().is_none_or(|s| s.2 != 0) {
                    segments.push((before as u32, i as u32, 0));
                }
            } else if produced > 0 {
                segments.push((before as u32, i as u32, len as u32));
            } else {
                // A vanished character shifts what follows: start a new identity run.
                segments.push((before as u32, (i + len) as u32, 0));
            }
            i += len;
        }
        Folded {
            text,
            segments,
            starts,
        }
    }

    fn segment(&self, f: usize) -> (u32, u32, u32) {
        let k = self.segments.partition_point(|s| s.0 as usize <= f);
        self.segments[k.saturating_sub(1)]
    }

    /// Maps a folded byte range back to the original text's byte range.
    ///
    /// The result always lies on character boundaries of the original text.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.segments.is_empty() {
            return (start, end);
        }
        let map = |f: usize| {
            let (fs, os, ol) = self.segment(f);
            if ol == 0 {
                (os as usize + f - fs as usize, 1)
            } else {
                (os as usize, ol as usize)
            }
        };
        let s = map(start).0;
        if end <= start {
            return (s, s);
        }
        let (last, len) = map(end - 1);
        (s, (last + len).max(s))
    }
}

/// Folds one character into `out`. `text` and `pos` give context for look-alikes.
pub fn fold_char(c: char, text: &str, pos: usize, out: &mut String) {
    match c {
        // Quotes and apostrophes.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{0060}' | '\u{00B4}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => out.push('"'),
        // Dashes and minus.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
        // Spaces.
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            out.push(' ')
        }
        // Zero-width characters and soft hyphens vanish.
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
        // Scripts without case or diacritics to strip (CJK, kana, ...): as they are.
        c if c >= '\u{3000}' && !('\u{FF21}'..='\u{FF5A}').contains(&c) => out.push(c),
        c if is_cyrillic(c) => {
            let (ws, we) = word_bounds(text, pos);
            fold_cyrillic(c, latin_context(text, ws, we), out)
        }
        _ => {
            let mut any = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    any = true;
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                }
            });
            if !any {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
        }
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// The Latin letter a Cyrillic letter is visually identical to, if any.
fn latin_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'А' => 'A',
        'В' => 'B',
        'е' => 'e',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'о' => 'o',
        'О' => 'O',
        'р' => 'p',
        'Р' => 'P',
        'с' => 'c',
        'С' => 'C',
        'Т' => 'T',
        'у' => 'y',
        'х' => 'x',
        'Х' => 'X',
        'і' => 'i',
        'І' => 'I',
        'ј' => 'j',
        'Ј' => 'J',
        'ѕ' => 's',
        'Ѕ' => 'S',
        _ => return None,
    })
}

/// Folds a Cyrillic letter: lower case, `ё` → `е`, `й` → `и` (as canonical decomposition
/// without marks would), and Latin for look-alikes in a Latin context.
fn fold_cyrillic(c: char, latin: bool, out: &mut String) {
    if latin && let Some(l) = latin_lookalike(c) {
        out.push(l.to_ascii_lowercase());
        return;
    }
    let lower = match c {
        'А'..='Я' => char::from_u32(c as u32 + 32).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 80).unwrap_or(c),
        _ => c,
    };
    match lower {
        'ё' => out.push('е'),
        'й' => out.push('и'),
        'а'..='я' => out.push(lower),
        _ => {
            let mut any = false;
            decompose_canonical(lower, |d| {
                if !is_combining_mark(d) {
                    any = true;
                    out.extend(d.to_lowercase());
                }
            });
            if !any {
                out.extend(lower.to_lowercase());
            }
        }
    }
}

/// Letters and digits, with fast paths for ASCII, Latin-1 and Cyrillic.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0x24F => c != '×' && c != '÷',
        0x400..=0x52F => !matches!(c as u32, 0x482..=0x489),
        _ => c.is_alphanumeric(),
    }
}

/// The word (run of alphanumeric characters) around byte `pos`.
fn word_bounds(text: &str, pos: usize) -> (usize, usize) {
    let start = text[..pos]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(pos, |(i, _)| i);
    let end = text[pos..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| pos + i);
    (start, end)
}

/// Whether the Cyrillic look-alikes of the word `text[start..end]` count as Latin: the word
/// has a Latin letter and no other Cyrillic letter, or it is all look-alikes, at most three
/// letters long, and the nearest letters before it are Latin (`No. 2164-р`).
fn latin_context(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let mut latin = false;
    let mut letters = 0;
    for ch in word.chars() {
        if is_word_char(ch) && !ch.is_ascii_digit() {
            letters += 1;
        }
        if ch.is_ascii_alphabetic() {
            latin = true;
        } else if is_cyrillic(ch) && latin_lookalike(ch).is_none() {
            return false;
        }
    }
    if latin {
        return true;
    }
    if letters > 3 {
        return false;
    }
    text[..start]
        .chars()
        .rev()
        .take(40)
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(s: &str, needle: &str) -> String {
        let f = Folded::new(s);
        let at = f.text.find(needle).expect("needle in folded text");
        let (a, b) = f.to_original(at, at + needle.len());
        s[a..b].to_string()
    }

    #[test]
    fn folds_case_diacritics_quotes() {
        let f = Folded::new("Kemal Özkan said “no” – twice");
        assert_eq!(f.text, "kemal ozkan said \"no\" - twice");
        assert_eq!(round("Kemal Özkan said", "ozkan"), "Özkan");
    }

    #[test]
    fn capitalised_word_starts() {
        let f = Folded::new("the Court of Елеусинов, 2017 and KNPRK’s x-Ray");
        let words: Vec<&str> = f
            .starts
            .iter()
            .map(|&s| {
                f.text[s as usize..]
                    .split([' ', ',', '\'', '-'])
                    .next()
                    .unwrap()
            })
            .collect();
        assert_eq!(words, vec!["court", "елеусинов", "2017", "knprk", "ray"]);
    }

    #[test]
    fn nbsp_and_zero_width() {
        let s = "Nur\u{00A0}Otan and Kush\u{200B}akbayev";
        let f = Folded::new(s);
        assert_eq!(f.text, "nur otan and kushakbayev");
        assert_eq!(round(s, "kushakbayev"), "Kush\u{200B}akbayev");
    }

    #[test]
    fn cyrillic_lookalike_in_latin_context() {
        let f = Folded::new("Order No. 2164-р of the Ministry");
        assert!(f.text.contains("2164-p "), "{}", f.text);
        // A real Cyrillic name is left alone (only lower-cased).
        let f = Folded::new("Елеусинов and БТК Ltd");
        assert!(f.text.starts_with("елеусинов and бтк"), "{}", f.text);
        // A mixed-script word becomes Latin.
        let f = Folded::new("Kharkоva");
        assert_eq!(f.text, "kharkova");
    }

    #[test]
    fn map_covers_multibyte_expansions() {
        // 'İ' lower-cases to two chars; the map must still land on boundaries.
        let s = "İstanbul Kharkova";
        let f = Folded::new(s);
        let at = f.text.find("kharkova").unwrap();
        let (a, b) = f.to_original(at, at + 8);
        assert_eq!(&s[a..b], "Kharkova");
        let (a, b) = f.to_original(0, f.text.find(' ').unwrap());
        assert_eq!(&s[a..b], "İstanbul");
    }
}

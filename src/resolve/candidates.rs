//! The one candidate scan that name finding shares: the words of a text, which of them are
//! capitalised as names are, and the runs they form.
//!
//! In English text a word is written with a capital for three reasons: it starts a
//! sentence, it stands in a headline written in title case, or it is (part of) a name. The
//! scan marks the first two so that the rooms of [`super::discover`] can tell the third:
//!
//! - **words**: letters and digits with inner apostrophes, hyphens, dots and ampersands
//!   (`O'Brien`, `Kyung-soo`, `lapatilla.com`, `AT&T`), a plural possessive's apostrophe
//!   kept (`Workers’`);
//! - **sentence starts**: after `.` `!` `?` `:` `;`, quotes, brackets, bullets, dashes or a
//!   line break, but not after an honorific's dot (`Mr. Smith`) or an initial (`J. Smith`);
//! - **headlines**: a line of three to twenty content words, most of them capitalised, at
//!   least two of them common words, none in lower case, and a function word written with a
//!   capital inside it (`... Sentenced To Seven Years In Prison`): title case;
//! - **runs**: capitalised words one space apart, with connectors inside where a name has
//!   them (`Ministry of Labour`, `Center for Trade Union and Workers’ Services`, `Tarek
//!   al-Behairy`, `Pedro de Souza`) and short numbers after them (`Zone 7`).
//!
//! A word longer than [`MAX_NAME_WORD_BYTES`] is never a name candidate: no name has such
//! a word, and every later step (skeleton keys, near misses, slugs) costs at least its
//! length, some of them its square.

use crate::doc::Span;
use crate::gazetteer::lexicon::{Class, Lexicon, strip_possessive};

/// One word of the text (12 bytes: a text holds one per five or six bytes, so the scan's
/// words would otherwise cost several times the text; offsets are 32-bit, documents are
/// far below 4 GiB, see [`scan`]).
#[derive(Debug, Clone)]
pub struct Word {
    start: u32,
    end: u32,
    /// Written with a capital as a name is (not a common word in a headline, not a
    /// hyphenated compound of common words such as `France-based`).
    pub cap: bool,
    /// First word of a sentence.
    pub sent_start: bool,
    /// In a line written in title case.
    pub headline: bool,
    /// Taken by a gazetteer mention of a person or organisation (runs stop there).
    pub blocked: bool,
}

impl Word {
    /// Where it is.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    /// The word's text.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
}

/// The longest word (in bytes, inner hyphens and apostrophes included) that may be part of
/// a name. The longest words of real names are about 35 bytes (`Wolfeschlegelsteinhausen`,
/// `Abdul-Rahman-al-Mansouri`); a longer one is a run of text without spaces (a URL, a
/// hashtag chain, hostile input), not a name.
pub const MAX_NAME_WORD_BYTES: usize = 64;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether the word looks like an acronym: two or more letters, all capitals (`KCTU`,
/// `CC2`, `AT&T`); a plural `s` is not allowed (`NGOs` is a common noun).
pub fn is_acronym(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// The words of `text` (byte spans), in order.
pub fn words(text: &str) -> Vec<Span> {
    word_spans(text).collect()
}

/// The words of `text` (byte spans), in order, one at a time.
fn word_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (s, c) = it.find(|&(_, c)| is_word_char(c))?;
        let mut end = s + c.len_utf8();
        let mut last = c;
        while let Some(&(p, d)) = it.peek() {
            if is_word_char(d) {
                end = p + d.len_utf8();
                last = d;
                it.next();
                continue;
            }
            if matches!(d, '\'' | '’' | '-' | '.' | '&') {
                // Inner punctuation: only when a word character follows.
                let next = text[p + d.len_utf8()..].chars().next();
                if next.is_some_and(is_word_char) {
                    end = p + d.len_utf8();
                    it.next();
                    continue;
                }
                // A plural possessive keeps its apostrophe (`Workers’ Movement`).
                if matches!(d, '\'' | '’') && last == 's' {
                    end = p + d.len_utf8();
                    it.next();
                }
            }
            break;
        }
        Some(Span::new(s, end))
    })
}

/// Whether a word begins with a capital (any script) or is a name particle glued to one
/// (`al-Behairy`, `el-Sisi`).
fn capitalised(w: &str) -> bool {
    let mut ch = w.chars();
    match ch.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => {
            // A short lower-case particle, a hyphen, a capital.
            if let Some((p, rest)) = w.split_once('-') {
                p.len() <= 3 && rest.chars().next().is_some_and(char::is_uppercase)
            } else {
                false
            }
        }
        _ => false,
    }
}

/// Scans `text`: its words with their flags. `blocked` spans (mentions already linked)
/// stop runs. A text of 4 GiB or more (far above any document limit) has no candidates.
pub fn scan(text: &str, lx: &Lexicon, blocked: &[Span]) -> Vec<Word> {
    if u32::try_from(text.len()).is_err() {
        return Vec::new();
    }
    // The words first (flags filled in below): one vector of 12-byte words is all the
    // scan holds.
    let mut out: Vec<Word> = word_spans(text)
        .map(|sp| Word {
            start: sp.start as u32,
            end: sp.end as u32,
            cap: false,
            sent_start: false,
            headline: false,
            blocked: false,
        })
        .collect();
    // (Held through discovery: not the doubling's spare room.)
    out.shrink_to_fit();
    let headlines = headline_lines(text, &out, lx);
    let mut b = 0;
    let mut h = 0;
    for k in 0..out.len() {
        let sp = out[k].span();
        let w = sp.of(text);
        let sent_start = match k.checked_sub(1).map(|p| out[p].span()) {
            None => true,
            Some(prev) => {
                let gap = &text[prev.end..sp.start];
                let pw = prev.of(text);
                let abbrev = gap.starts_with('.')
                    && !gap[1..].contains('\n')
                    && (lx.is(pw, Class::Honorific)
                        || (pw.chars().count() == 1 && pw.chars().all(char::is_uppercase)));
                !abbrev
                    && gap.contains([
                        '.', '!', '?', ':', ';', '"', '“', '”', '„', '«', '»', '(', ')', '[', ']',
                        '•', '–', '—', '|', '\n', '*', '·',
                    ])
            }
        };
        while h < headlines.len() && headlines[h].end <= sp.start {
            h += 1;
        }
        let headline = headlines.get(h).is_some_and(|l| l.start <= sp.start);
        while b < blocked.len() && blocked[b].end <= sp.start {
            b += 1;
        }
        let is_blocked = blocked.get(b).is_some_and(|x| x.start < sp.end);
        let mut cap = w.len() <= MAX_NAME_WORD_BYTES && capitalised(w);
        if cap && w.contains('-') {
            // `France-based`, `Officer-in-charge`: lower-case common tails.
            let mut parts = w.split('-');
            parts.next();
            let tail: Vec<&str> = parts.collect();
            if tail
                .iter()
                .all(|p| p.chars().next().is_some_and(char::is_lowercase) && lx.is_common(p))
            {
                cap = false;
            }
        }
        if cap && headline && !is_acronym(w) && lx.is_common(w) {
            cap = false;
        }
        // An all-capitals common word of a shouted heading (`URGENT ACTION`).
        if cap && w.chars().count() > 4 && is_acronym(w) && lx.is_common(w) {
            cap = false;
        }
        let word = &mut out[k];
        word.cap = cap;
        word.sent_start = sent_start;
        word.headline = headline;
        word.blocked = is_blocked;
    }
    out
}

/// Lines written in title case (byte ranges).
fn headline_lines(text: &str, spans: &[Word], lx: &Lexicon) -> Vec<Span> {
    let mut out = Vec::new();
    let mut k = 0;
    let mut pos = 0;
    for line in text.split('\n') {
        let end = pos + line.len();
        let (mut n, mut caps, mut cap_common, mut cap_function, mut lower_content) =
            (0, 0, 0, 0, 0);
        let mut first = true;
        while k < spans.len() && (spans[k].start as usize) < end {
            let w = spans[k].of(text);
            k += 1;
            if !w.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            let upper = w.chars().next().is_some_and(char::is_uppercase);
            let function = is_function_word(w) || lx.is_lower(w, Class::Connector);
            if function {
                // A capitalised `To`, `In`, `Of` inside a line: title case.
                cap_function += usize::from(upper && !first);
            } else {
                n += 1;
                if upper {
                    caps += 1;
                    cap_common += usize::from(lx.is_common(w));
                } else {
                    lower_content += 1;
                }
            }
            first = false;
        }
        if (3..=20).contains(&n)
            && caps * 10 >= n * 7
            && cap_common >= 2
            && cap_function >= 1
            && lower_content == 0
        {
            out.push(Span::new(pos, end));
        }
        pos = end + 1;
    }
    out
}

/// Words that start sentences and headlines without naming anything.
pub fn is_function_word(w: &str) -> bool {
    const F: &[&str] = &[
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "by",
        "with",
        "from",
        "as",
        "but",
        "if",
        "when",
        "while",
        "after",
        "before",
        "during",
        "since",
        "until",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "its",
        "there",
        "here",
        "however",
        "although",
        "according",
        "also",
        "not",
        "no",
        "so",
        "then",
        "now",
        "yet",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "over",
        "into",
        "than",
        "up",
        "out",
        "off",
        "via",
        "per",
        "vs",
    ];
    w.len() <= 9 && F.iter().any(|f| f.eq_ignore_ascii_case(w))
}

/// Month and weekday names (full and abbreviated): dates, not names.
pub fn is_calendar_word(w: &str) -> bool {
    const C: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let w = w.trim_end_matches('.');
    C.contains(&w) || (w.contains('-') && w.split('-').all(|p| C.contains(&p)))
}

/// Name particles between the words of a person's name (`de`, `van der`, `bin`).
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "da"
            | "do"
            | "dos"
            | "das"
            | "del"
            | "della"
            | "di"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ter"
            | "bin"
            | "ibn"
            | "bint"
            | "ben"
            | "al"
            | "el"
            | "la"
            | "le"
            | "y"
    )
}

/// A run of words `words[start..end]` that may be a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
}

/// The runs of capitalised words: words one space apart, connectors and particles inside
/// where a name has them, short numbers after a word.
pub fn runs(text: &str, words: &[Word], lx: &Lexicon) -> Vec<Run> {
    let mut out = Vec::new();
    let n = words.len();
    let gap = |a: usize, b: usize| &text[words[a].span().end..words[b].span().start];
    let mut i = 0;
    while i < n {
        if !words[i].cap || words[i].blocked {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n {
            if gap(j - 1, j) != " " || words[j].blocked {
                break;
            }
            // A possessive ends a name (`Tehran’s Evin prison`).
            let pw = words[j - 1].of(text);
            if strip_possessive(pw).len() < pw.len() && !pw.ends_with("s’") && !pw.ends_with("s'")
            {
                break;
            }
            let w = words[j].of(text);
            if words[j].cap {
                // A capitalised `To`, `In`, `The` inside a run is title case, not a name.
                if is_function_word(w) || lx.is_lower(w, Class::Connector) {
                    break;
                }
                j += 1;
                continue;
            }
            if w.starts_with(|c: char| c.is_ascii_digit()) {
                // `Zone 7`, `Ammiak 3`, `Democracy 1918`: a short number, not a date or time.
                let prev = words[j - 1].of(text);
                let mut next = text[words[j].span().end..].chars();
                let (n1, n2) = (next.next(), next.next());
                let joined = matches!(n1, Some(':' | '/' | '-'))
                    || (matches!(n1, Some('.' | ',')) && n2.is_some_and(|c| c.is_ascii_digit()));
                if w.len() <= 4
                    && w.chars().all(|c| c.is_ascii_digit())
                    && !prev.starts_with(|c: char| c.is_ascii_digit())
                    && !is_calendar_word(prev)
                    && !lx.is(prev, Class::Currency)
                    && !joined
                {
                    j += 1;
                }
                break;
            }
            // Connectors: `of`, `for`, `and`, ... (optionally `the`) before a capital.
            if (lx.is(w, Class::Connector) && w != "the") || is_particle(w) {
                let mut k = j + 1;
                while k < n && words[k].of(text) == "the" && gap(k - 1, k) == " " {
                    k += 1;
                }
                // Not after a lone sentence-initial common word (`Some of the ...`).
                let lone_start = j == i + 1
                    && words[i].sent_start
                    && lx.is_common(words[i].of(text))
                    && !lx.is(words[i].of(text), Class::OrgHead)
                    && !lx.is(words[i].of(text), Class::PlaceHead);
                if k < n && gap(k - 1, k) == " " && words[k].cap && !words[k].blocked && !lone_start
                {
                    let prev = strip_possessive(words[j - 1].of(text));
                    let next = words[k].of(text);
                    let prev_common = lx.is_common(prev)
                        || lx.is(prev, Class::OrgHead)
                        || lx.is(prev, Class::PlaceHead);
                    let head = |x: &str| lx.is(x, Class::OrgHead) || lx.is(x, Class::PlaceHead);
                    let ok = if is_particle(w) && !lx.is_common(prev) && !lx.is_common(next) {
                        // `Pedro de Souza`, `Tarek bin Ali`.
                        k == j + 1
                    } else if w == "and" {
                        // `Political and Legal Affairs Committee`; after a head noun only
                        // where the words after `and` end in one (`Center for Trade Union
                        // and Workers’ Services`), never `... Prison and the ...`.
                        let mut e = k;
                        while e + 1 < n && words[e + 1].cap && gap(e, e + 1) == " " {
                            e += 1;
                        }
                        k == j + 1
                            && prev_common
                            && !lx.is(prev, Class::Title)
                            && lx.is_common(next)
                            && (!head(prev) || head(strip_possessive(words[e].of(text))))
                    } else if w == "in" {
                        // `Movement of Social Protest in Gafsa`, not `Insein Prison in Yangon`
                        // or `Police in Valparaíso`.
                        j - i >= 2
                            && prev_common
                            && !lx.is(prev, Class::PlaceHead)
                            && !lx.is(prev, Class::Title)
                    } else {
                        prev_common && !lx.is(prev, Class::Title) && !is_calendar_word(prev)
                    };
                    if ok {
                        j = k + 1;
                        continue;
                    }
                }
            }
            break;
        }
        out.push(Run { start: i, end: j });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_texts(text: &str) -> Vec<String> {
        let lx = Lexicon::shared();
        let w = scan(text, lx, &[]);
        runs(text, &w, lx)
            .iter()
            .map(|r| text[w[r.start].span().start..w[r.end - 1].span().end].to_string())
            .collect()
    }

    #[test]
    fn words_keep_inner_punctuation() {
        let t = "O'Brien, Kyung-soo and AT&T at lapatilla.com; the Workers’ Movement. End";
        let got: Vec<&str> = words(t).iter().map(|s| s.of(t)).collect();
        assert_eq!(
            got,
            [
                "O'Brien",
                "Kyung-soo",
                "and",
                "AT&T",
                "at",
                "lapatilla.com",
                "the",
                "Workers’",
                "Movement",
                "End"
            ]
        );
    }

    #[test]
    fn runs_with_connectors_particles_and_numbers() {
        let got = run_texts(
            "They met the Ministry of Labour and the Center for Trade Union and Workers’ Services in Zone 7, where Pedro de Souza and Tarek al-Behairy spoke on 3 May 2020 at 10:30.",
        );
        assert!(got.contains(&"Ministry of Labour".to_string()), "{got:?}");
        assert!(
            got.iter()
                .any(|r| r.starts_with("Center for Trade Union and Workers’ Services")),
            "{got:?}"
        );
        assert!(got.iter().any(|r| r.ends_with("Zone 7")), "{got:?}");
        assert!(got.contains(&"Pedro de Souza".to_string()), "{got:?}");
        assert!(got.contains(&"Tarek al-Behairy".to_string()), "{got:?}");
        assert!(got.contains(&"May".to_string()), "{got:?}");
    }

    #[test]
    fn sentence_starts_and_headlines() {
        let lx = Lexicon::shared();
        let t = "Union Leader Sentenced To Seven Years In Prison\nMr. Smith said. Police came.";
        let w = scan(t, lx, &[]);
        let get = |s: &str| w.iter().find(|x| x.of(t) == s).expect(s);
        assert!(get("Leader").headline && !get("Leader").cap);
        assert!(
            !get("Smith").sent_start,
            "an honorific's dot ends no sentence"
        );
        assert!(get("Police").sent_start && get("Mr").sent_start);
        let t = "The France-based group and the Officer-in-charge met.";
        let w = scan(t, lx, &[]);
        assert!(w.iter().all(|x| x.of(t) == "The" || !x.cap));
    }
}

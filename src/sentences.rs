//! Sentence splitting for news prose.
//!
//! A sentence ends at `.`, `!` or `?` (optionally followed by a closing quote or bracket)
//! before white space and a capital letter, digit or opening quote, except after common
//! abbreviations (`Mr.`, `No.`, `a.k.a.`) and single-letter initials (`D. A. Kembilov`).
//! A line break ends a sentence (headings and list items stand alone) unless the text is
//! wrapped there: plain text, mail and PDF extractions break lines at a width, in the
//! middle of sentences. A line goes on into the next when the next begins in lower case
//! and the line is as long as wrapped lines are, or when the line ends on a comma or on a
//! word a sentence cannot end on (`by`, `the`, `of`): see [`continues`].
//!
//! ```
//! use casefile::sentences::split;
//! let t = "Mr. Baltabay was freed. He said so.\nA heading";
//! let s: Vec<&str> = split(t).iter().map(|s| s.of(t)).collect();
//! assert_eq!(s, vec!["Mr. Baltabay was freed.", "He said so.", "A heading"]);
//! ```

use crate::doc::Span;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "no", "nos", "st", "jr", "sr", "vs", "etc", "inc", "ltd",
    "co", "corp", "dept", "gen", "col", "lt", "sgt", "rev", "hon", "art", "para", "fig", "vol",
    "approx", "e.g", "i.e", "a.k.a", "u.s", "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "p.m", "a.m",
];

/// The longest sentence, in bytes. Longer runs without a sentence end (a log line, a
/// table flattened to one line, hostile input) are cut at the last white space before
/// the limit, so that per-sentence work stays bounded.
pub const MAX_SENTENCE_BYTES: usize = 3000;

/// Splits `text` into sentence spans (trimmed, non-empty).
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // The current run of lines that wrap into each other, and the current line.
    let mut run_start = 0;
    let mut line_start = 0;
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        let end = line_start + line.len();
        if !lines.peek().is_some_and(|next| continues(line, next)) {
            split_run(text, run_start, end, &mut out);
            run_start = end + 1;
        }
        line_start = end + 1;
    }
    // The layer lives as long as the document: not the doubling's spare room (a third of
    // it, on average; a text of one word per line has a sentence per five bytes).
    out.shrink_to_fit();
    out
}

/// The shortest line taken for a wrapped one when the next line begins in lower case
/// (wrapped text breaks at 60 to 80 characters; a heading is shorter).
const WRAPPED_LINE_CHARS: usize = 40;

/// Words a sentence does not end on: a line ending on one goes on into the next.
const CONTINUING: &[&str] = &[
    "a", "an", "the", "of", "by", "to", "in", "on", "at", "for", "from", "with", "and", "or",
    "but", "that", "which", "who", "whose", "was", "were", "is", "are", "has", "have", "had", "be",
    "been", "his", "her", "their", "its", "as", "into", "against", "than", "under", "after",
    "before", "since", "until", "about", "over",
];

/// Whether `line` is wrapped into `next` (the break is inside a sentence).
fn continues(line: &str, next: &str) -> bool {
    let l = line.trim_end();
    let n = next.trim_start();
    let (Some(last), Some(first)) = (l.chars().last(), n.chars().next()) else {
        return false;
    };
    if matches!(last, '.' | '!' | '?' | ':' | ';') {
        return false;
    }
    if last == ',' {
        return first.is_alphanumeric();
    }
    let word = l
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    if CONTINUING.contains(&word) {
        return first.is_alphanumeric();
    }
    first.is_lowercase() && last.is_alphanumeric() && l.chars().count() >= WRAPPED_LINE_CHARS
}

/// Splits one run of lines, cut into pieces of at most [`MAX_SENTENCE_BYTES`].
fn split_run(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let mut a = start;
    while end - a > MAX_SENTENCE_BYTES {
        let mut b = a + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        let cut = text[a..b]
            .rfind(char::is_whitespace)
            .filter(|&i| i > MAX_SENTENCE_BYTES / 2)
            .map_or(b, |i| a + i);
        let cut = if cut <= a { b } else { cut };
        split_line(text, a, cut, out);
        a = cut;
    }
    split_line(text, a, end, out);
}

fn push_trimmed(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let s = &text[a..b];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if a + lead < b - trail {
        out.push(Span::new(a + lead, b - trail));
    }
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let mut sent_start = start;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            // Extend over closing quotes/brackets and repeated punctuation.
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '"' | '”' | '’' | '\'' | ')' | ']' | '.' | '!' | '?'
                )
            {
                j += 1;
            }
            // Need white space, then a sentence opener.
            if j < chars.len() && chars[j].1.is_whitespace() {
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let opener = chars.get(k).map(|x| x.1);
                let opens = opener.is_some_and(|o| {
                    o.is_uppercase()
                        || o.is_ascii_digit()
                        || matches!(o, '"' | '“' | '‘' | '(' | '«' | '•' | '[')
                        // A footnote mark or a bullet before a capital (`*Mammadov was`).
                        || (matches!(o, '*' | '†' | '–' | '—' | '-')
                            && chars.get(k + 1).is_some_and(|x| x.1.is_uppercase()))
                });
                if opens && !(c == '.' && is_abbreviation(line, pos)) {
                    let cut = start + chars.get(j).map_or(line.len(), |x| x.0);
                    push_trimmed(text, sent_start, cut, out);
                    sent_start = cut;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, sent_start, end, out);
}

/// Whether the full stop at `dot` (byte offset in `line`) ends an abbreviation or initial.
fn is_abbreviation(line: &str, dot: usize) -> bool {
    let before = &line[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true; // an initial
    }
    let lw = word.to_lowercase();
    ABBREVIATIONS.contains(&lw.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t).iter().map(|s| s.of(t)).collect()
    }

    #[test]
    fn a_footnote_mark_or_dash_before_a_capital_opens_a_sentence() {
        assert_eq!(
            sents("It ended in May. *Ruiz was held in June. It was 3 *or* 4. —Then they left."),
            vec![
                "It ended in May.",
                "*Ruiz was held in June.",
                "It was 3 *or* 4.",
                "—Then they left."
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_quotes() {
        assert_eq!(
            sents("He was ex-chairman D. A. Kembilov. By Order No. 299 it ended. “Go.” She left."),
            vec![
                "He was ex-chairman D. A. Kembilov.",
                "By Order No. 299 it ended.",
                "“Go.”",
                "She left."
            ]
        );
        assert_eq!(
            sents("KNPRK [a.k.a. CNTUK] and its affiliates."),
            vec!["KNPRK [a.k.a. CNTUK] and its affiliates."]
        );
        assert_eq!(
            sents("It rose 0.5 tenge. Then 2017 came."),
            vec!["It rose 0.5 tenge.", "Then 2017 came."]
        );
    }

    #[test]
    fn wrapped_lines_are_one_sentence() {
        let t = "The organiser of the dock workers' strike in Port Selva was detained\n\
                 by police on Monday and charged with inciting unrest, his lawyer\n\
                 said. Nobody was hurt.\n\
                 Short heading\n\
                 continued in lower case";
        assert_eq!(
            sents(t),
            vec![
                "The organiser of the dock workers' strike in Port Selva was detained\n\
                 by police on Monday and charged with inciting unrest, his lawyer\n\
                 said.",
                "Nobody was hurt.",
                "Short heading",
                "continued in lower case",
            ]
        );
        // A line ending on a comma or a word no sentence ends on goes on even before a
        // capital; a blank line always ends the sentence.
        assert_eq!(
            sents(
                "Elena Moravec met the lawyers of\nTomas Varga,\nKarel Dusek and others.\n\nthe end"
            ),
            vec![
                "Elena Moravec met the lawyers of\nTomas Varga,\nKarel Dusek and others.",
                "the end"
            ]
        );
        assert_eq!(
            sents("Trade union leader jailed\nTomas Varga"),
            vec!["Trade union leader jailed", "Tomas Varga"]
        );
    }

    #[test]
    fn lines_are_boundaries() {
        assert_eq!(
            sents("Title\n\nBody one. Body two"),
            vec!["Title", "Body one.", "Body two"]
        );
    }
}

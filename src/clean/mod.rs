//! Cleaning: from a scraped page to the readable main text.
//!
//! Plain-text scrapes lose their boilerplate lines (rules in `rules/boilerplate.txt`), their
//! injected glossary tooltips ([`tooltips`]) and their odd whitespace; dates glued to a
//! title or to the first word of the body are set on a line of their own, and dated
//! headings of multi-entry pages become [`Section`]s. HTML goes through [`html`] first.

pub mod dom;
pub mod fold;
pub mod html;
pub mod main_text;
pub mod tooltips;

use crate::dates;
use crate::doc::{Date, DateOrigin, Doc, Published, Section, Span};
use crate::error::{Error, Result};
use crate::patterns::PatternSet;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// The boilerplate rules compiled into the binary (`rules/boilerplate.txt`).
pub const DEFAULT_BOILERPLATE: &str = include_str!("../../rules/boilerplate.txt");

/// Longest line (bytes) that boilerplate rules are tried on.
pub const MAX_BOILERPLATE_LINE: usize = 200;

/// Removes boilerplate lines by rule.
#[derive(Debug, Clone)]
pub struct Cleaner {
    lines: PatternSet,
}

impl Cleaner {
    /// Compiles a boilerplate rule file's content; `path` is used in error messages.
    pub fn from_rules(content: &str, path: &Path) -> Result<Self> {
        let mut pats = Vec::new();
        let mut line_of = Vec::new();
        for (i, line) in content.lines().enumerate() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            // Word boundaries are ASCII ones: furniture lines are matched on their words, and
            // a Unicode \b would keep the matcher off its fast (DFA) path on non-ASCII text.
            pats.push(l.replace(r"\b", r"(?-u:\b)"));
            line_of.push(i + 1);
        }
        let lines = PatternSet::new(&pats, true).map_err(|errors| {
            Error::Many(
                errors
                    .into_iter()
                    .map(|e| {
                        let line = e.index.map_or(0, |k| line_of[k]);
                        Error::rule(path, line, format!("bad regex: {}", e.message))
                    })
                    .collect(),
            )
        })?;
        Ok(Cleaner { lines })
    }

    /// The built-in rules.
    pub fn builtin() -> Self {
        // The embedded file is tested; failing here is a build defect, not user input.
        Self::from_rules(DEFAULT_BOILERPLATE, Path::new("rules/boilerplate.txt"))
            .expect("built-in boilerplate rules compile")
    }

    /// Whether a (trimmed) line is boilerplate. Lines longer than
    /// [`MAX_BOILERPLATE_LINE`] are prose, never furniture.
    pub fn is_boilerplate(&self, line: &str) -> bool {
        // Most lines hold none of the rules' literals (`logo`, `share`, `copyright`, ...):
        // those are settled by the literal scan alone.
        line.len() <= MAX_BOILERPLATE_LINE && self.lines.is_match(line)
    }

    /// Cleans a plain-text scrape: tooltips, boilerplate lines, whitespace, glued dates.
    ///
    /// The kept lines are written into one string as they come (blank runs as one blank
    /// line, none at either end): a vector of lines cost 40 bytes and an allocation a line,
    /// eight times a text of one word per line.
    pub fn clean_text(&self, raw: &str) -> String {
        let text = normalize_whitespace(raw);
        let text = tooltips::strip(&text);
        let mut out = Lines::new(text.len());
        let mut lines = text.lines().map(str::trim);
        while let Some(line) = lines.next() {
            if line.is_empty() {
                out.blank();
                continue;
            }
            if self.is_boilerplate(line) {
                continue;
            }
            // The last item of a bulleted breadcrumb repeats the title that follows it.
            if let Some(item) = line.strip_prefix('•').or_else(|| line.strip_prefix('·')) {
                let next = lines.clone().find(|l| !l.is_empty());
                if next.is_some_and(|n| n.trim() == item.trim()) {
                    continue;
                }
            }
            for part in split_glued_dates(line) {
                out.push(&part);
            }
        }
        out.text
    }
}

/// Lines joined by `\n` as they are pushed, as `Vec<String>::join` would join them after
/// blank lines at the end were dropped.
struct Lines {
    text: String,
    /// Whether a line (even an empty one) is in `text`.
    any: bool,
    /// Empty lines pushed since the last non-empty one, not yet written (they are dropped
    /// if nothing follows them).
    held: usize,
    /// Whether the last line pushed is non-empty.
    last_full: bool,
}

impl Lines {
    fn new(capacity: usize) -> Self {
        Lines {
            text: String::with_capacity(capacity),
            any: false,
            held: 0,
            last_full: false,
        }
    }
    /// A blank line: one after a non-empty line, none at the start or after another.
    fn blank(&mut self) {
        if self.last_full {
            self.push("");
        }
    }
    fn push(&mut self, line: &str) {
        if line.is_empty() {
            self.held += 1;
            self.last_full = false;
            return;
        }
        for _ in 0..std::mem::take(&mut self.held) {
            self.put("");
        }
        self.put(line);
        self.last_full = true;
    }
    fn put(&mut self, line: &str) {
        if self.any {
            self.text.push('\n');
        }
        self.text.push_str(line);
        self.any = true;
    }
}

/// Turns no-break and other exotic spaces into plain spaces, drops zero-width characters,
/// collapses runs of spaces inside lines, unifies line ends, and limits blank lines to one.
/// Quotes, dashes and other typography are kept.
pub fn normalize_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut newlines = 0usize;
    let bytes = s.as_bytes();
    // A run of printable ASCII other than the space is copied whole.
    let plain = |b: u8| (0x21..0x7f).contains(&b);
    let mut i = 0;
    while i < bytes.len() {
        let (c, end) = if plain(bytes[i]) {
            let mut j = i + 1;
            while j < bytes.len() && plain(bytes[j]) {
                j += 1;
            }
            (None, j)
        } else {
            let c = s[i..].chars().next().unwrap_or('\0');
            (Some(c), i + c.len_utf8())
        };
        let word = match c {
            None => true,
            Some('\r') => {
                if bytes.get(end) != Some(&b'\n') {
                    newlines += 1;
                    pending_space = false;
                }
                false
            }
            Some('\n' | '\u{2028}' | '\u{2029}' | '\u{0085}') => {
                newlines += 1;
                pending_space = false;
                false
            }
            Some('\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}') => {
                false
            }
            Some(c)
                if c == ' '
                    || c == '\t'
                    || c == '\u{00A0}'
                    || ('\u{2000}'..='\u{200A}').contains(&c)
                    || c == '\u{202F}'
                    || c == '\u{205F}'
                    || c == '\u{3000}' =>
            {
                if newlines == 0 && !out.is_empty() {
                    pending_space = true;
                }
                false
            }
            Some(c) => !c.is_control(),
        };
        if word {
            if newlines > 0 {
                if !out.is_empty() {
                    out.push('\n');
                    if newlines > 1 {
                        out.push('\n');
                    }
                }
                newlines = 0;
            } else if pending_space {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(&s[i..end]);
        }
        i = end;
    }
    out
}

static LEADING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{d}\s+{m},?\s+\d{{4}}|{m}\s+{d},?\s+\d{{4}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}})(\p{{Lu}}|\p{{Lu}}?\p{{Ll}})",
        d = r"\d{1,2}",
        m = dates::MONTH_ALT
    ))
    .expect("leading date regex")
});

static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?\p{L}[\p{L}\p{P}]*)\s*(\d{1,2}[./-]\d{1,2}[./-]\d{4})$").expect("trailing")
});

/// Splits a line into a date line and the rest when a date is glued to its start
/// (`3 August, 2017IndustriALL ...`) or to the end of a short heading
/// (`...trade union leaders18-03-2022`).
pub fn split_glued_dates(line: &str) -> Vec<String> {
    if let Some(c) = LEADING_DATE.captures(line) {
        let cut = c.get(1).map_or(0, |m| m.start());
        if cut > 0 {
            return vec![line[..cut].trim().to_string(), line[cut..].to_string()];
        }
    }
    if line.len() <= 300
        && let Some(c) = TRAILING_DATE.captures(line)
    {
        let head = c.get(1).map_or("", |m| m.as_str());
        let date = c.get(2).map_or("", |m| m.as_str());
        let glued = !line[head.len()..].starts_with(char::is_whitespace);
        let last_word = head.rsplit(' ').next().unwrap_or("").to_lowercase();
        let preposition = matches!(
            last_word.as_str(),
            "on" | "in"
                | "at"
                | "by"
                | "from"
                | "until"
                | "since"
                | "to"
                | "of"
                | "dated"
                | "before"
                | "after"
                | "till"
                | "and"
                | "or"
        );
        if !head.ends_with(['.', ',', ';', ':'])
            && (glued || !preposition)
            && dates::parse_absolute(date).is_some()
        {
            return vec![head.trim().to_string(), date.to_string()];
        }
    }
    vec![line.to_string()]
}

/// Finds dated entries: a short heading line directly followed by a line that is only a
/// date. Each section runs to the next heading (or the end of the text).
pub fn find_sections(text: &str) -> Vec<Section> {
    // One pass over the lines, remembering the last non-empty one (not a vector of every
    // line: a text of one word per line would hold five times its size in it).
    let mut heads: Vec<(Span, Date)> = Vec::new();
    let mut prev: Option<(usize, &str)> = None;
    let mut pos = 0;
    for l in text.split('\n') {
        let lstart = pos;
        pos += l.len() + 1;
        if let Some(date) = date_line(l) {
            // The heading is the nearest non-empty line above, if short and not a sentence.
            let heading = match prev {
                Some((ps, pt)) if pt.len() <= 300 && !pt.trim_end().ends_with('.') => {
                    Span::new(ps, ps + pt.len())
                }
                _ => Span::new(lstart, lstart + l.len()),
            };
            heads.push((heading, date));
        }
        if !l.trim().is_empty() {
            prev = Some((lstart, l));
        }
    }
    let mut out = Vec::new();
    for (i, (h, d)) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(text.len(), |n| n.0.start);
        out.push(Section {
            span: Span::new(h.start, end.max(h.end)),
            heading: *h,
            date: Some(*d),
        });
    }
    out
}

/// Splits a multi-entry page (two or more dated headings, such as the ITUC country pages)
/// into the page itself, keeping the text before the first entry, and one document per
/// entry: its heading, date line and body, its own date as publication date (origin
/// `text`), and `parent_id` pointing to the page. A page with fewer than two dated
/// headings comes back alone and unchanged.
pub fn split_entries(doc: Doc) -> Vec<Doc> {
    let sections = find_sections(&doc.text);
    if sections.len() < 2 {
        return vec![doc];
    }
    let mut out = Vec::with_capacity(sections.len() + 1);
    let mut page = doc.clone();
    page.text = doc.text[..sections[0].span.start].trim_end().to_string();
    for (k, s) in sections.iter().enumerate() {
        let text = s.span.of(&doc.text).trim_end().to_string();
        let mut e = Doc::new(
            &crate::ingest::content_id(format!("{}\n{}", doc.id, text).as_bytes()),
            &format!("{}#{}", doc.source, k + 1),
            text,
        );
        e.parent_id = Some(doc.id.clone());
        e.url.clone_from(&doc.url);
        e.site_name.clone_from(&doc.site_name);
        e.language.clone_from(&doc.language);
        e.title = Some(s.heading.of(&doc.text).trim().to_string());
        e.published = s.date.map(|date| Published {
            date,
            origin: DateOrigin::Text,
        });
        out.push(e);
    }
    // The page's title and date are not its first entry's: its first line, and its newest
    // entry's date (inferred), unless metadata said otherwise.
    if page.title.as_deref() == out.first().and_then(|e| e.title.as_deref()) {
        page.title = page
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(String::from);
    }
    if page.published.is_none_or(|p| p.origin != DateOrigin::Meta) {
        page.published = sections
            .iter()
            .filter_map(|s| s.date)
            .max()
            .map(|date| Published {
                date,
                origin: DateOrigin::Inferred,
            });
    }
    out.insert(0, page);
    out
}

/// If a line is nothing but an absolute date, that date.
pub fn date_line(line: &str) -> Option<Date> {
    let t = line.trim();
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    dates::parse_absolute(t)
}

/// The title of a cleaned plain text: the heading above the first date line near the top,
/// else the first line; a Markdown heading's `#` marks are no part of it.
pub fn guess_title(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(12)
        .collect();
    let heading = |l: &str| {
        let t = l.trim();
        let bare = t.trim_start_matches('#');
        if bare.len() < t.len() && bare.starts_with(' ') {
            bare.trim().to_string()
        } else {
            t.to_string()
        }
    };
    for (i, l) in lines.iter().enumerate() {
        if date_line(l).is_some() && i > 0 {
            return Some(heading(lines[i - 1]));
        }
    }
    lines.first().map(|l| heading(l)).filter(|l| l.len() <= 300)
}

/// The publication date given by a date line near the top of the text (within the first
/// twelve non-empty lines), if any.
pub fn dateline(text: &str) -> Option<Date> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(12)
        .find_map(date_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The white-space rules one char at a time, as written before runs of printable
    /// ASCII were copied whole: the reference the faster function must equal.
    fn normalize_whitespace_by_char(s: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        let mut newlines = 0usize;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => {
                    newlines += 1;
                    pending_space = false;
                }
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
                ' '
                | '\t'
                | '\u{00A0}'
                | '\u{2000}'..='\u{200A}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}' => {
                    if newlines == 0 && !out.is_empty() {
                        pending_space = true;
                    }
                }
                c if c.is_control() => {}
                c => {
                    if newlines > 0 {
                        if !out.is_empty() {
                            out.push('\n');
                            if newlines > 1 {
                                out.push('\n');
                            }
                        }
                        newlines = 0;
                    } else if pending_space {
                        out.push(' ');
                    }
                    pending_space = false;
                    out.push(c);
                }
            }
        }
        out
    }

    #[test]
    fn normalize_whitespace_on_the_seed_corpus_and_edge_cases() {
        let mut texts: Vec<String> = crate::test_support::seed_texts();
        for t in [
            "  lead\r\n\r\ntrail  ",
            "a\u{a0}\u{2009}b\u{200b}c\u{ad}d\te\r",
            "\r\r\nx\u{2028}y\u{85}z\u{1}",
            "Ерлан\u{3000}\u{3000}Ельшибаев\n\n\n\nend",
        ] {
            texts.push(t.to_string());
        }
        assert_eq!(
            normalize_whitespace("  lead\r\n\r\ntrail  "),
            "lead\n\ntrail"
        );
        assert_eq!(normalize_whitespace("a\u{a0}\u{2009}b\u{200b}c"), "a bc");
        for t in &texts {
            assert_eq!(
                normalize_whitespace(t),
                normalize_whitespace_by_char(t),
                "{t:.80}"
            );
        }
    }

    proptest::proptest! {
        /// Equal to the char-by-char rules on random mixes of words, spaces of every kind,
        /// line ends, zero-width and control characters.
        #[test]
        fn normalize_whitespace_equals_the_char_rules(
            s in "[ab.é\u{a0}\u{2009}\u{3000} \t\r\n\u{2028}\u{85}\u{200b}\u{ad}\u{1}\u{7f}]{0,24}",
        ) {
            proptest::prop_assert_eq!(normalize_whitespace(&s), normalize_whitespace_by_char(&s));
        }
    }

    #[test]
    fn drops_boilerplate_lines() {
        let c = Cleaner::builtin();
        let raw = "Jump to main content\nIndustriALL logotype\n\nA title\n\nBody text here.\n\nLeave a Reply\n© ITUC-CSI-IGB 2013 | www.ituc-csi.org\nYour tax deductible gift can help stop abuses.\n\nRegion / Country";
        assert_eq!(c.clean_text(raw), "A title\n\nBody text here.");
    }

    #[test]
    fn boilerplate_rules_match_whole_lines_and_bad_ones_are_named_by_line() {
        let c = Cleaner::builtin();
        // Rule lines found by their literals, and the bullet rule, which has none.
        for line in ["Share this", "All rights reserved.", "» »", "Comments"] {
            assert!(c.is_boilerplate(line), "{line}");
        }
        // The same words inside prose, and a bullet before a word.
        for line in [
            "They share this cell.",
            "» Home page news",
            "No comments were made.",
        ] {
            assert!(!c.is_boilerplate(line), "{line}");
        }
        let rules = "# header\n^share$\n(unclosed\n\n^ok$\n[z-a]\n";
        let Err(Error::Many(errors)) = Cleaner::from_rules(rules, Path::new("b.txt")) else {
            panic!("bad rules accepted");
        };
        let lines: Vec<usize> = errors
            .iter()
            .map(|e| match e {
                Error::Rule { line, path, .. } if path == Path::new("b.txt") => *line,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(lines, vec![3, 6]);
    }

    #[test]
    fn keeps_typography_but_normalises_spaces() {
        let c = Cleaner::builtin();
        let raw = "Kazakhstan’s\u{00A0}union \u{202F} “KNPRK” – 2017\u{200B}";
        assert_eq!(c.clean_text(raw), "Kazakhstan’s union “KNPRK” – 2017");
    }

    #[test]
    fn splits_glued_dates() {
        assert_eq!(
            split_glued_dates("3 August, 2017IndustriALL addressed"),
            vec!["3 August, 2017", "IndustriALL addressed"]
        );
        assert_eq!(
            split_glued_dates("Judicial harassment against trade union leaders18-03-2022"),
            vec![
                "Judicial harassment against trade union leaders",
                "18-03-2022"
            ]
        );
        assert_eq!(
            split_glued_dates("Refusal to register the SFEWU Atyrau branch 23-12-2021"),
            vec!["Refusal to register the SFEWU Atyrau branch", "23-12-2021"]
        );
        // A sentence that ends in a date is not a heading.
        assert_eq!(split_glued_dates("It ended on 05.10.2021").len(), 1);
        assert_eq!(split_glued_dates("It ended, 05.10.2021.").len(), 1);
    }

    #[test]
    fn multi_entry_pages_split_into_dated_entries() {
        let mut page = Doc::new("p1", "page.txt", "Country page\n\nFirst entry18-03-2022\n\nOn 5 January the union was dissolved.\n\nSecond entry10-02-2022\n\nBody two.".to_string());
        page.text = Cleaner::builtin().clean_text(&page.text);
        let docs = split_entries(page);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].text, "Country page");
        assert_eq!(
            docs[0].published.map(|p| p.date),
            Some(Date::ymd(2022, 3, 18))
        );
        assert_eq!(
            docs[1].text,
            "First entry\n18-03-2022\n\nOn 5 January the union was dissolved."
        );
        assert_eq!(docs[1].title.as_deref(), Some("First entry"));
        assert_eq!(docs[1].source, "page.txt#1");
        assert_eq!(docs[1].parent_id.as_deref(), Some("p1"));
        assert_eq!(
            docs[1].published.map(|p| p.date),
            Some(Date::ymd(2022, 3, 18))
        );
        assert_eq!(
            docs[2].published.map(|p| p.date),
            Some(Date::ymd(2022, 2, 10))
        );
        assert_ne!(docs[1].id, docs[2].id);
    }

    #[test]
    fn sections_from_dated_headings() {
        let t =
            "Page\n\nFirst entry\n18-03-2022\n\nBody one.\n\nSecond entry\n10-02-2022\n\nBody two.";
        let s = find_sections(t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].heading.of(t), "First entry");
        assert_eq!(s[0].date, Some(Date::ymd(2022, 3, 18)));
        assert!(s[0].span.of(t).contains("Body one."));
        assert!(!s[0].span.of(t).contains("Body two."));
        assert_eq!(s[1].date, Some(Date::ymd(2022, 2, 10)));
    }

    #[test]
    fn a_markdown_heading_is_a_title_without_its_marks() {
        assert_eq!(
            guess_title("# Notes on Velmara\n\nTomas Varga was detained.").as_deref(),
            Some("Notes on Velmara")
        );
        assert_eq!(
            guess_title("## Strike at the port\n3 May 2021\nText.").as_deref(),
            Some("Strike at the port")
        );
        assert_eq!(
            guess_title("#1 union in Velmara").as_deref(),
            Some("#1 union in Velmara")
        );
    }
}

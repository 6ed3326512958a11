//! Where a span of a document's cleaned text stands in its source file, as line and
//! column, so that a finding can be found with an editor (`corpus/page.html:212:37`)
//! and not only by offsets into a text that exists in no file (an entry split off a page,
//! an HTML page's main text).
//!
//! The source file is decoded as the reader decodes it and read as a stream of visible
//! characters, each with its byte offset: for HTML, tags, comments, scripts and styles are
//! skipped and character references decoded; in any file, white space runs count as one
//! space and zero-width characters as none. The span is searched in that stream with some
//! of its cleaned text around it (40 characters each side, then 15, then none), so that the
//! one occurrence meant is found even where the span's own words occur more than once;
//! where only the bare span is found several times, its first occurrence at or after the
//! same relative position is taken. Cleaning that changed the words themselves (a removed
//! tooltip in the middle of the span) leaves the span unlocated: `None`.
//!
//! ```
//! use casefile::check::locate::SourceMap;
//! let html = "<html><body>\n<p>Tomas Varga was <b>arrested</b>\n in Velmara.</p>";
//! let map = SourceMap::new(html, true);
//! let text = "Tomas Varga was arrested in Velmara.";
//! // "Velmara": characters 28-35 of the cleaned text.
//! assert_eq!(map.locate(text, 28, 35), Some((3, 5)));
//! ```

/// A source file's visible characters with their positions.
pub struct SourceMap {
    /// Visible characters, white space collapsed to one space.
    chars: Vec<char>,
    /// Byte offset in the source of each of `chars`.
    at: Vec<usize>,
    /// Byte offsets where lines start.
    lines: Vec<usize>,
    source: String,
}

fn zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Elements whose content is not text.
const SKIPPED: &[&str] = &["script", "style", "template", "noscript"];

impl SourceMap {
    /// Maps `source` (decoded text; `html`: an HTML page).
    pub fn new(source: &str, html: bool) -> Self {
        let mut m = SourceMap {
            chars: Vec::new(),
            at: Vec::new(),
            lines: std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            source: source.to_string(),
        };
        let b = source.as_bytes();
        let mut i = 0;
        while i < source.len() {
            let rest = &source[i..];
            if html && b[i] == b'<' {
                if rest.starts_with("<!--") {
                    i += rest.find("-->").map_or(rest.len(), |j| j + 3);
                    continue;
                }
                let tag_end = rest.find('>').map_or(rest.len(), |j| j + 1);
                let name: String = rest[1..tag_end.min(rest.len())]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if !name.is_empty() || rest[1..].starts_with(['/', '!', '?']) {
                    i += tag_end;
                    if SKIPPED.contains(&name.as_str()) {
                        let close = format!("</{name}");
                        let lower = source[i..].to_ascii_lowercase();
                        i += lower.find(&close).unwrap_or(lower.len());
                    } else if is_block(&name) {
                        m.space(i);
                    }
                    continue;
                }
            }
            if html
                && b[i] == b'&'
                && let Some(semi) = rest[..rest.len().min(12)].find(';')
            {
                let decoded = html_escape::decode_html_entities(&rest[..=semi]);
                if decoded != rest[..=semi] {
                    for c in decoded.chars() {
                        m.push(c, i);
                    }
                    i += semi + 1;
                    continue;
                }
            }
            let c = rest.chars().next().unwrap_or(' ');
            m.push(c, i);
            i += c.len_utf8();
        }
        m
    }

    fn space(&mut self, at: usize) {
        if self.chars.last().is_some_and(|&c| c != ' ') {
            self.chars.push(' ');
            self.at.push(at);
        }
    }

    fn push(&mut self, c: char, at: usize) {
        if zero_width(c) {
            return;
        }
        if c.is_whitespace() {
            self.space(at);
        } else {
            self.chars.push(c);
            self.at.push(at);
        }
    }

    /// Line and column (1-based; the column in characters) of a byte offset.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let line = self.lines.partition_point(|&s| s <= byte);
        let start = self.lines[line.saturating_sub(1)];
        let col = self
            .source
            .get(start..byte)
            .map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }

    /// Where characters `start..end` of the cleaned `text` stand in the source: line and
    /// column of the first character, or `None` where the source does not have them.
    pub fn locate(&self, text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        let chars: Vec<char> = text.chars().collect();
        if start >= end || end > chars.len() {
            return None;
        }
        for ctx in [40, 15, 0] {
            let from = start.saturating_sub(ctx);
            let to = (end + ctx).min(chars.len());
            let (needle, orig) = normalise(&chars[from..to]);
            // Where the span starts in the normalised needle.
            let Some(offset) = orig.iter().position(|&o| o + from >= start) else {
                continue;
            };
            let needle = trim(&needle, offset);
            let (needle, offset) = (needle.0, needle.1);
            if needle.is_empty() {
                continue;
            }
            let hits = self.find_all(&needle);
            let pick = match hits.len() {
                0 => continue,
                1 => hits[0],
                _ if ctx > 0 => continue,
                _ => {
                    // The bare span, several times: the first at or after its relative
                    // place in the text.
                    let rel = start as f64 / chars.len().max(1) as f64;
                    let want = (rel * self.chars.len() as f64) as usize;
                    hits.iter()
                        .copied()
                        .find(|&h| h + 1 >= want)
                        .unwrap_or(hits[hits.len() - 1])
                }
            };
            let byte = *self.at.get(pick + offset)?;
            return Some(self.line_col(byte));
        }
        None
    }

    fn find_all(&self, needle: &[char]) -> Vec<usize> {
        if needle.len() > self.chars.len() {
            return Vec::new();
        }
        let first = needle[0];
        (0..=self.chars.len() - needle.len())
            .filter(|&i| self.chars[i] == first && self.chars[i..i + needle.len()] == *needle)
            .collect()
    }
}

/// Trims the spaces at the ends of a needle, keeping `offset` on the same character.
fn trim(needle: &[char], offset: usize) -> (Vec<char>, usize) {
    let lead = needle.iter().take_while(|&&c| c == ' ').count().min(offset);
    let mut v = needle[lead..].to_vec();
    while v.last() == Some(&' ') && v.len() > offset - lead + 1 {
        v.pop();
    }
    (v, offset - lead)
}

/// Cleaned text as the map reads a source: white space runs as one space, zero-width
/// characters dropped; with each character's index in `chars`.
fn normalise(chars: &[char]) -> (Vec<char>, Vec<usize>) {
    let (mut out, mut orig) = (Vec::new(), Vec::new());
    for (i, &c) in chars.iter().enumerate() {
        if zero_width(c) {
            continue;
        }
        if c.is_whitespace() {
            if out.last().is_some_and(|&p| p != ' ') {
                out.push(' ');
                orig.push(i);
            }
        } else {
            out.push(c);
            orig.push(i);
        }
    }
    (out, orig)
}

/// Elements that break the text (their boundaries count as white space).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "dd"
            | "dt"
            | "dl"
            | "figure"
            | "figcaption"
            | "title"
            | "body"
            | "html"
            | "head"
            | "main"
            | "nav"
            | "aside"
            | "hr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_file_positions_survive_collapsed_space_and_removed_lines() {
        let src =
            "Advertisement\n\nIlse Borand spoke.\n\nOn 3 May 2021  Tomas Varga\nwas arrested.\n";
        let text = "Ilse Borand spoke.\n\nOn 3 May 2021 Tomas Varga was arrested.";
        let m = SourceMap::new(src, false);
        let s = text.find("Tomas").unwrap();
        assert_eq!(m.locate(text, s, s + 11), Some((5, 16)));
        assert_eq!(m.locate(text, 0, 4), Some((3, 1)));
    }

    #[test]
    fn a_repeated_name_is_told_apart_by_its_context() {
        let src = "Odile Maret wrote.\nLater Odile Maret was detained.\n";
        let text = "Odile Maret wrote. Later Odile Maret was detained.";
        let m = SourceMap::new(src, false);
        let s = text.rfind("Odile").unwrap();
        assert_eq!(m.locate(text, s, s + 11), Some((2, 7)));
    }

    #[test]
    fn html_tags_entities_and_scripts_are_skipped() {
        let src = "<script>var x = 'Velmara';</script>\n<p>Ilse&nbsp;Borand &amp; Odile Maret met in <i>Velmara</i>.</p>";
        let text = "Ilse Borand & Odile Maret met in Velmara.";
        let m = SourceMap::new(src, true);
        let s = text.find("Velmara").unwrap();
        // Line 2, column of the V after `<i>`.
        let col = src.lines().nth(1).unwrap().find("Velmara").unwrap() + 1;
        assert_eq!(m.locate(text, s, s + 7), Some((2, col)));
        let s = text.find("Odile").unwrap();
        let col = src.lines().nth(1).unwrap().find("Odile").unwrap() + 1;
        assert_eq!(m.locate(text, s, s + 11), Some((2, col)));
    }

    #[test]
    fn text_the_source_lacks_is_not_located() {
        let m = SourceMap::new("Tomas Varga was arrested.", false);
        assert_eq!(m.locate("Ilse Borand was fined.", 0, 11), None);
    }
}

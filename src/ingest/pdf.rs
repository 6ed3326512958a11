//! PDF input: the text layer of a text PDF (a report, a court document), in reading order.
//!
//! The PDF is parsed and its content streams are interpreted by the `pdf-extract` crate
//! (fonts, encodings, ToUnicode maps), which hands over every glyph with its position;
//! the layout is rebuilt here, page by page:
//!
//! - glyphs on one baseline make a row; rows repeated at the top or bottom of at least a
//!   third of the pages (digits aside: `Page 3` repeats `Page 4`) are running headers and
//!   footers and are dropped, as are bare page numbers there (`3`, `- 3 -`, `Page 3 of 10`,
//!   `3/10`, `iv`);
//! - columns are found as vertical gutters no text crosses (a line crossing one, such as a
//!   title over two columns, separates bands); a band is read column by column, left to
//!   right, and columns inside columns likewise;
//! - lines are joined into paragraphs (a paragraph ends at a wider gap than the line
//!   pitch, at a change of font size, or at a short line closing a sentence); a word
//!   hyphenated at the end of a line is mended when the next line goes on in lower case
//!   (`investi-` + `gation`), a soft hyphen always;
//! - paragraphs are separated by a blank line, as in a plain-text document.
//!
//! The document's title is its Info `Title`, and its publication date candidate its Info
//! `CreationDate` (`D:YYYYMMDD...`): the date the PDF was made, which for reports and court
//! documents is the date they were issued (a sidecar's `published` overrides it). Its
//! author is the Info `Author` unless that names no one (`Administrator`).
//!
//! A PDF with pages but no text at all is an image-only (scanned) PDF: an error asking for
//! OCR. An encrypted PDF that does not open with the empty password is an error too. The
//! PDF reader is third-party code run on untrusted input: a panic inside it is caught and
//! becomes an error record for the file (or, on one page, a warning and the page's text
//! missing), and the glyphs kept are bounded by the document size limit.

use crate::doc::Date;
use crate::limits::Limits;
use pdf_extract::{Document, MediaBox, Object, OutputDev, OutputError, Transform};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

/// One glyph as drawn: `y` is its baseline's distance from the top of the page (growing
/// downwards), `x`..`end` its horizontal extent, `size` the font size on the page, all in
/// points.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// Right edge.
    pub end: f64,
    /// Font size on the page.
    pub size: f64,
    /// The characters it stands for (a ligature stands for several).
    pub text: String,
}

/// The glyphs of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Page height in points.
    pub height: f64,
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
}

/// What a PDF gave.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfText {
    /// The text, paragraphs separated by blank lines.
    pub text: String,
    /// The Info `Title`, if any.
    pub title: Option<String>,
    /// The Info `CreationDate` (UTC day as written), if any and valid.
    pub created: Option<Date>,
    /// The Info `Author`, when it names one (not a placeholder such as `Administrator`).
    pub author: Option<String>,
    /// Pages in the document.
    pub pages: usize,
    /// Problems that cost part of the text (a page that could not be read, pages without
    /// text), each a warning record.
    pub warnings: Vec<String>,
}

/// The message for a PDF without a text layer.
pub const NO_TEXT: &str =
    "PDF with no text layer (a scanned PDF?): run OCR on it first and add the text";

/// Whether bytes look like a PDF (`%PDF-` in the first kilobyte, as readers accept).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes
        .get(..bytes.len().min(1024))
        .is_some_and(|head| head.windows(5).any(|w| w == b"%PDF-"))
}

/// Extracts the text of a PDF within `limits`: at most `max_doc_bytes` characters of
/// glyphs, and page content streams that expand to at most
/// [`super::expansion_limit`] bytes in all (a bomb is refused before the reader inflates
/// it). Errors are messages for the file's error record.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<PdfText, String> {
    if !is_pdf(bytes) {
        return Err("not a PDF file (no `%PDF-` header)".into());
    }
    let (pages, info, warnings) = match catch_unwind(AssertUnwindSafe(|| read(bytes, limits))) {
        Ok(r) => r?,
        Err(p) => return Err(format!("the PDF reader failed: {}", panic_message(&p))),
    };
    let n = pages.len();
    if n == 0 {
        return Err("PDF without pages".into());
    }
    if pages
        .iter()
        .all(|p| p.glyphs.iter().all(|g| g.text.trim().is_empty()))
    {
        return Err(NO_TEXT.into());
    }
    let mut warnings = warnings;
    let blank = pages.iter().filter(|p| p.glyphs.is_empty()).count();
    if blank > 0 {
        warnings.push(format!(
            "{blank} of {n} pages have no text layer (scanned pages?): their text is missing"
        ));
    }
    Ok(PdfText {
        text: layout(&pages),
        title: info.title,
        created: info.created,
        author: info.author,
        pages: n,
        warnings,
    })
}

#[derive(Default)]
struct Info {
    title: Option<String>,
    created: Option<Date>,
    author: Option<String>,
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".into())
}

/// Loads the document and collects its pages' glyphs, page by page (a page that fails
/// costs only itself).
fn read(bytes: &[u8], limits: &Limits) -> Result<(Vec<Page>, Info, Vec<String>), String> {
    let max_chars = limits.max_doc_bytes;
    let mut doc = Document::load_mem(bytes).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => {
            "encrypted PDF that needs a password: not read (save an unprotected copy)".into()
        }
        e => format!("not a readable PDF: {e}"),
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(
            "encrypted PDF that needs a password: not read (save an unprotected copy)".into(),
        );
    }
    let info = info(&doc);
    let pages = doc.get_pages();
    let budget = super::expansion_limit(bytes.len(), limits);
    let mut content = 0usize;
    for id in pages.values().flat_map(|&p| doc.get_page_contents(p)) {
        content = content.saturating_add(stream_size(&doc, id, budget - content.min(budget)));
        if content > budget {
            return Err(super::over_expansion(
                "page content expands",
                budget,
                bytes.len(),
                limits,
            ));
        }
    }
    let numbers: Vec<u32> = pages.into_keys().collect();
    let mut c = Collector {
        pages: Vec::new(),
        height: 0.0,
        chars: 0,
        max_chars,
        over: false,
    };
    let mut warnings = Vec::new();
    let mut failed = Vec::new();
    for n in numbers {
        let before = c.pages.len();
        let r = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut c, n)
        }));
        if c.over {
            return Err(format!(
                "more than {max_chars} characters of text (--max-doc-bytes); skipped"
            ));
        }
        let ok = matches!(r, Ok(Ok(())));
        if !ok || c.pages.len() != before + 1 {
            // A failed page's glyphs so far are dropped with it.
            c.pages.truncate(before);
            if !ok {
                failed.push(n.to_string());
            }
            c.pages.push(Page::default());
        }
    }
    if !failed.is_empty() {
        warnings.push(format!(
            "page {} could not be read: its text is missing",
            failed.join(", ")
        ));
    }
    let pages = c.pages;
    Ok((pages, info, warnings))
}

/// The size of a content stream once decoded, counted up to `max + 1` bytes (a Flate
/// stream is inflated that far and no further; other filters count their raw bytes).
fn stream_size(doc: &Document, id: pdf_extract::ObjectId, max: usize) -> usize {
    let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
        return 0;
    };
    let flate = stream
        .filters()
        .is_ok_and(|f| f.len() == 1 && f[0] == b"FlateDecode");
    if !flate {
        return stream.content.len();
    }
    let mut sink = std::io::sink();
    let r = std::io::copy(
        &mut std::io::Read::take(
            flate2::read::ZlibDecoder::new(stream.content.as_slice()),
            max as u64 + 1,
        ),
        &mut sink,
    );
    r.map_or(stream.content.len(), |n| n as usize)
}

/// Collects glyphs: the page in progress is the one past the finished ones.
struct Collector {
    pages: Vec<Page>,
    height: f64,
    chars: usize,
    max_chars: usize,
    over: bool,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.pages.push(Page {
            height: self.height,
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        // Rotated or skewed text (a diagonal watermark, a vertical margin note) is no part
        // of the reading order.
        if trm.m12.abs() > 0.05 * trm.m11.abs() || trm.m21.abs() > 0.05 * trm.m22.abs() {
            return Ok(());
        }
        let size = (font_size * trm.m11 * font_size * trm.m22).abs().sqrt();
        if !size.is_finite() || size <= 0.0 || !trm.m31.is_finite() || !trm.m32.is_finite() {
            return Ok(());
        }
        let x = trm.m31;
        let w = if width > 0.0 && width.is_finite() {
            width * size
        } else {
            0.5 * size
        };
        if !(x + w).is_finite() || !(self.height - trm.m32).is_finite() {
            return Ok(());
        }
        self.chars += ch.chars().count();
        if self.chars > self.max_chars {
            self.over = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        let text = match ch {
            "\u{FB00}" => "ff",
            "\u{FB01}" => "fi",
            "\u{FB02}" => "fl",
            "\u{FB03}" => "ffi",
            "\u{FB04}" => "ffl",
            c => c,
        };
        if text.chars().all(|c| c.is_control() && !c.is_whitespace()) {
            return Ok(());
        }
        let g = Glyph {
            x,
            y: self.height - trm.m32,
            end: x + w,
            size,
            text: text.to_string(),
        };
        if let Some(p) = self.pages.last_mut() {
            p.glyphs.push(g);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The Info dictionary's title, creation date and author.
fn info(doc: &Document) -> Info {
    let Some(dict) = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }) else {
        return Info::default();
    };
    let string = |key: &[u8]| -> Option<String> {
        let o = dict.get(key).ok()?;
        let o = match o {
            Object::Reference(id) => doc.get_object(*id).ok()?,
            o => o,
        };
        match o {
            Object::String(b, _) => Some(text_string(b)),
            _ => None,
        }
    };
    Info {
        title: string(b"Title")
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty()),
        created: string(b"CreationDate").and_then(|d| pdf_date(&d)),
        author: string(b"Author").and_then(|a| crate::clean::html::author_name(&a)),
    }
}

/// A PDF text string: UTF-16BE with its byte-order mark, UTF-8 with its mark, or
/// PDFDocEncoding (read as Latin-1, which it equals for letters).
pub fn text_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = b.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    b.iter().map(|&c| c as char).collect()
}

/// The day of a PDF date (`D:YYYYMMDDHHmmSSOHH'mm`, the `D:` and all after the year
/// optional), as written (not moved to UTC: a document's day is the day it names).
pub fn pdf_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let iso = match digits.len() {
        n if n >= 8 => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]),
        n if n >= 6 => format!("{}-{}", &digits[..4], &digits[4..6]),
        4 | 5 => digits[..4].to_string(),
        _ => return None,
    };
    Date::parse_iso(&iso).filter(|d| d.year >= 1993)
}

/// A row of glyphs on one baseline.
#[derive(Debug, Clone)]
struct Row {
    y: f64,
    size: f64,
    glyphs: Vec<Glyph>,
}

/// A piece of a row inside one column: its text and extent.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
    /// Which column block it was read in (lines of one block share the pitch).
    block: usize,
}

/// The text of a document's pages: running headers and footers dropped, each page read in
/// column order, lines joined into paragraphs.
pub fn layout(pages: &[Page]) -> String {
    let rows: Vec<Vec<Row>> = pages.iter().map(|p| rows(&p.glyphs)).collect();
    let rows = drop_running(pages, rows);
    let mut lines = Vec::new();
    let mut block = 0;
    for page in rows {
        let pieces: Vec<Vec<Glyph>> = page.into_iter().map(|r| r.glyphs).collect();
        order(pieces, 0, &mut block, &mut lines);
        // A page break separates blocks too.
        block += 1;
    }
    paragraphs(&lines)
}

/// Groups glyphs into rows by baseline (within 0.4 of the font size), top to bottom.
fn rows(glyphs: &[Glyph]) -> Vec<Row> {
    let mut gs: Vec<&Glyph> = glyphs.iter().collect();
    gs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Row> = Vec::new();
    for g in gs {
        match out.last_mut() {
            Some(r) if (g.y - r.y).abs() <= 0.4 * r.size.max(g.size) => {
                r.size = r.size.max(g.size);
                r.glyphs.push(g.clone());
            }
            _ => out.push(Row {
                y: g.y,
                size: g.size,
                glyphs: vec![g.clone()],
            }),
        }
    }
    for r in &mut out {
        r.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    out.retain(|r| !row_text(&r.glyphs).is_empty());
    out
}

/// The text of glyphs in a row, left to right: a space where the gap between two glyphs
/// is wider than 0.15 of the font size. Space glyphs themselves are not read: some PDFs
/// draw one of no width where a word may break (Chromium, at a soft hyphen).
fn row_text(glyphs: &[Glyph]) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
        if let Some(p) = prev
            && g.x - p.end > 0.15 * g.size.max(p.size)
        {
            s.push(' ');
        }
        s.push_str(&g.text);
        prev = Some(g);
    }
    s.trim().to_string()
}

static PAGE_NUMBER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:(?:page|p\.|pg\.?|seite|стр\.?|страница)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*(?:(?:/|of|из|von|de)\s*\d{1,4})?\s*[-–—]?$",
    )
    .unwrap_or_else(|e| panic!("page number pattern: {e}"))
});

/// Whether a line is a bare page number: `3`, `- 3 -`, `Page 3 of 10`, `3/10`, `iv`.
pub fn is_page_number(line: &str) -> bool {
    PAGE_NUMBER.is_match(line.trim())
}

/// A row's text with digits folded, for spotting rows repeated across pages.
fn running_key(text: &str) -> String {
    let mut k = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !k.ends_with('#') {
                k.push('#');
            }
        } else if !c.is_whitespace() {
            k.extend(c.to_lowercase());
        }
    }
    k
}

/// How many rows from the top and from the bottom of a page may be a running header or
/// footer, and which part of the page height they must lie in.
const EDGE_ROWS: usize = 3;
const EDGE_SHARE: f64 = 0.15;

/// Drops running headers and footers (rows in a page's edge repeated, digits aside, on at
/// least a third of the pages and at least two) and bare page numbers in the edges.
fn drop_running(pages: &[Page], rows: Vec<Vec<Row>>) -> Vec<Vec<Row>> {
    let edge = |page: &Page, rows: &[Row], i: usize| {
        let n = rows.len();
        let h = if page.height > 0.0 {
            page.height
        } else {
            f64::INFINITY
        };
        (i < EDGE_ROWS && rows[i].y < EDGE_SHARE * h)
            || (i + EDGE_ROWS >= n && rows[i].y > (1.0 - EDGE_SHARE) * h)
    };
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for (page, rs) in pages.iter().zip(&rows) {
        let mut keys: Vec<String> = (0..rs.len())
            .filter(|&i| edge(page, rs, i))
            .map(|i| running_key(&row_text(&rs[i].glyphs)))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let n = pages.len();
    let running = |k: &str| seen.get(k).is_some_and(|&c| c >= 2 && c * 3 >= n);
    pages
        .iter()
        .zip(rows)
        .map(|(page, rs)| {
            let keep: Vec<bool> = (0..rs.len())
                .map(|i| {
                    if !edge(page, &rs, i) {
                        return true;
                    }
                    let t = row_text(&rs[i].glyphs);
                    !(is_page_number(&t) || running(&running_key(&t)))
                })
                .collect();
            rs.into_iter()
                .zip(keep)
                .filter_map(|(r, k)| k.then_some(r))
                .collect()
        })
        .collect()
}

/// Word gaps narrower than this (times the font size) are bridged when looking for
/// gutters; a gutter is at least `GUTTER` wide.
const BRIDGE: f64 = 0.6;
const GUTTER: f64 = 0.8;

/// Stretches of text in a row (glyphs closer than [`BRIDGE`] joined).
fn runs(glyphs: &[Glyph]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for g in glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
        match out.last_mut() {
            Some(r) if g.x - r.1 < BRIDGE * g.size => r.1 = r.1.max(g.end),
            _ => out.push((g.x, g.end)),
        }
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// A vertical gutter in a set of rows (each a list of glyphs sorted by x): an x interval
/// at least [`GUTTER`] font sizes wide, inside the text's extent, that at most a tenth of
/// the rows cross, with at least three rows' text on each side beside each other.
fn gutter(rows: &[Vec<Glyph>]) -> Option<(f64, f64)> {
    let runs: Vec<Vec<(f64, f64)>> = rows.iter().map(|r| runs(r)).collect();
    let all: Vec<(f64, f64)> = runs.iter().flatten().copied().collect();
    let lo = all.iter().map(|r| r.0).fold(f64::INFINITY, f64::min);
    let hi = all.iter().map(|r| r.1).fold(f64::NEG_INFINITY, f64::max);
    let size = median(rows.iter().flatten().map(|g| g.size).collect());
    let wide = (hi - lo).partial_cmp(&(4.0 * GUTTER * size)) == Some(std::cmp::Ordering::Greater);
    if rows.len() < 6 || !wide || size <= 0.0 {
        return None;
    }
    // Coverage in bins of at most a point (at most 2000 bins).
    let bins = ((hi - lo).ceil() as usize).clamp(1, 2000);
    let step = (hi - lo) / bins as f64;
    let mut diff = vec![0i64; bins + 1];
    for &(a, b) in &all {
        let i = (((a - lo) / step).floor() as usize).min(bins);
        let j = (((b - lo) / step).ceil() as usize).min(bins);
        diff[i] += 1;
        diff[j] -= 1;
    }
    let allowed = (rows.len() / 10).max(1) as i64;
    let mut best: Option<(f64, f64)> = None;
    let mut cov = 0;
    let mut start = None;
    for (i, d) in diff.iter().enumerate().take(bins) {
        cov += d;
        let open = cov <= allowed;
        match (open, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let (a, b) = (lo + s as f64 * step, lo + i as f64 * step);
                if s > 0 && b - a >= GUTTER * size && best.is_none_or(|(x, y)| b - a > y - x) {
                    best = Some((a, b));
                }
                start = None;
            }
            _ => {}
        }
    }
    let (a, b) = best?;
    let mid = (a + b) / 2.0;
    // Text on both sides, beside each other (not a heading above a block).
    let left: Vec<f64> = rows
        .iter()
        .zip(&runs)
        .filter(|(_, rs)| rs.iter().any(|r| r.1 <= mid))
        .filter_map(|(g, _)| g.first().map(|g| g.y))
        .collect();
    let right: Vec<f64> = rows
        .iter()
        .zip(&runs)
        .filter(|(_, rs)| rs.iter().any(|r| r.0 >= mid))
        .filter_map(|(g, _)| g.first().map(|g| g.y))
        .collect();
    if left.len() < 3 || right.len() < 3 {
        return None;
    }
    let span = |v: &[f64]| {
        (
            v.iter().copied().fold(f64::INFINITY, f64::min),
            v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        )
    };
    let (l0, l1) = span(&left);
    let (r0, r1) = span(&right);
    let overlap = l1.min(r1) - l0.max(r0);
    if overlap < 0.5 * (l1 - l0).min(r1 - r0) {
        return None;
    }
    Some((a, b))
}

/// Reads rows in column order into `out`: split at a gutter when there is one (rows
/// crossing it separate bands, each band read left column then right), recursively.
fn order(rows: Vec<Vec<Glyph>>, depth: usize, block: &mut usize, out: &mut Vec<Line>) {
    let g = if depth < 3 { gutter(&rows) } else { None };
    let Some((a, b)) = g else {
        for r in rows {
            let text = row_text(&r);
            if text.is_empty() {
                continue;
            }
            let x0 = r.first().map_or(0.0, |g| g.x);
            let x1 = r.iter().map(|g| g.end).fold(x0, f64::max);
            out.push(Line {
                x0,
                x1,
                y: r.first().map_or(0.0, |g| g.y),
                size: r.iter().map(|g| g.size).fold(0.0, f64::max),
                text,
                block: *block,
            });
        }
        *block += 1;
        return;
    };
    let mid = (a + b) / 2.0;
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for r in rows {
        let crosses = runs(&r).iter().any(|&(x, e)| x < b && e > a);
        if crosses {
            flush(&mut left, &mut right, depth, block, out);
            order(vec![r], 3, block, out);
            continue;
        }
        let (l, rt): (Vec<Glyph>, Vec<Glyph>) = r.into_iter().partition(|g| g.x < mid);
        if !l.is_empty() {
            left.push(l);
        }
        if !rt.is_empty() {
            right.push(rt);
        }
    }
    flush(&mut left, &mut right, depth, block, out);
}

fn flush(
    left: &mut Vec<Vec<Glyph>>,
    right: &mut Vec<Vec<Glyph>>,
    depth: usize,
    block: &mut usize,
    out: &mut Vec<Line>,
) {
    if !left.is_empty() {
        order(std::mem::take(left), depth + 1, block, out);
    }
    if !right.is_empty() {
        order(std::mem::take(right), depth + 1, block, out);
    }
}

/// Whether a line ends a sentence (so a short one ends its paragraph).
fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', ':', '"', '\u{201D}', '\u{BB}'])
}

/// The line pitch of a block from the gaps between its lines: the median of the gaps near
/// the smallest ones (up to 1.25 times the lower fifth), so that a block of short
/// paragraphs, more paragraph gaps than line gaps, still gives the line's.
fn line_pitch(mut gaps: Vec<f64>) -> f64 {
    if gaps.is_empty() {
        return 0.0;
    }
    gaps.sort_by(f64::total_cmp);
    let low = gaps[gaps.len() / 5];
    median(gaps.into_iter().filter(|&g| g <= 1.25 * low).collect())
}

/// Joins lines into paragraphs (one per line of the result, separated by blank lines).
fn paragraphs(lines: &[Line]) -> String {
    // The usual line pitch and right edge of each block (a block's lines are consecutive).
    let mut pitch: std::collections::HashMap<usize, f64> = Default::default();
    let mut right: std::collections::HashMap<usize, f64> = Default::default();
    for ls in lines.chunk_by(|a, b| a.block == b.block) {
        let gaps: Vec<f64> = ls
            .windows(2)
            .map(|w| w[1].y - w[0].y)
            .filter(|&d| d > 0.0)
            .collect();
        pitch.insert(ls[0].block, line_pitch(gaps));
        right.insert(
            ls[0].block,
            ls.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max),
        );
    }
    let mut paras: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, l) in lines.iter().enumerate() {
        let new_para = match i.checked_sub(1).map(|j| &lines[j]) {
            None => true,
            Some(p) => {
                let size_change = (l.size - p.size).abs() > 0.15 * p.size.max(l.size);
                let block_pitch = |b: usize| pitch.get(&b).copied().unwrap_or(0.0);
                let mut pt = block_pitch(p.block).max(block_pitch(l.block));
                if pt <= 0.0 {
                    pt = 1.2 * p.size.max(l.size);
                }
                let gap = l.y - p.y;
                // Down by more than a line (a paragraph's spacing), or up to the top of
                // the next column or page after a sentence's end.
                let wide_gap = gap > 1.4 * pt;
                let column_end = gap <= 0.0 && ends_sentence(&p.text);
                let edge = right.get(&p.block).copied().unwrap_or(p.x1);
                let short_end = ends_sentence(&p.text) && edge - p.x1 > 0.2 * (edge - p.x0);
                size_change || wide_gap || short_end || column_end
            }
        };
        if new_para {
            if !cur.is_empty() {
                paras.push(std::mem::take(&mut cur));
            }
            cur.push_str(&l.text);
            continue;
        }
        join_line(&mut cur, &l.text);
    }
    if !cur.is_empty() {
        paras.push(cur);
    }
    paras.join("\n\n")
}

/// Appends a line to a paragraph: a word hyphenated at the line's end is mended when the
/// next line goes on in lower case (a soft hyphen always), otherwise a space joins them.
fn join_line(cur: &mut String, next: &str) {
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    let mut it = cur.chars().rev();
    let last = it.next();
    let before = it.next();
    match (last, before) {
        (Some('\u{AD}'), _) => {
            cur.pop();
        }
        (Some('-' | '\u{2010}'), Some(b)) if b.is_alphabetic() && next_lower => {
            cur.pop();
        }
        (Some('-' | '\u{2010}'), Some(b)) if b.is_alphabetic() => {
            // A compound broken at its hyphen (`Velmara-` + `Based`): kept whole.
        }
        _ => cur.push(' '),
    }
    cur.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for a line of text set at (x, y) in a 10 pt font, 5 pt per character.
    fn line(x: f64, y: f64, text: &str) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 5.0 * i as f64,
                y,
                end: x + 5.0 * (i + 1) as f64,
                size: 10.0,
                text: c.to_string(),
            })
            .collect()
    }

    fn page(lines: &[(f64, f64, &str)]) -> Page {
        Page {
            height: 800.0,
            glyphs: lines.iter().flat_map(|&(x, y, t)| line(x, y, t)).collect(),
        }
    }

    #[test]
    fn hyphens_at_line_ends_are_mended_only_before_lower_case() {
        let mut s = "Tomas Varga was arrested after an investi-".to_string();
        join_line(&mut s, "gation by the Velmara police.");
        assert_eq!(
            s,
            "Tomas Varga was arrested after an investigation by the Velmara police."
        );
        let mut s = "the Velmara-".to_string();
        join_line(&mut s, "Ostrava line");
        assert_eq!(s, "the Velmara-Ostrava line");
        let mut s = "a soft\u{AD}".to_string();
        join_line(&mut s, "Break");
        assert_eq!(s, "a softBreak");
        let mut s = "prices rose -".to_string();
        join_line(&mut s, "and fell");
        assert_eq!(s, "prices rose - and fell");
    }

    #[test]
    fn page_numbers() {
        for p in [
            "3",
            "- 3 -",
            "Page 3 of 10",
            "page 12",
            "3/10",
            "iv",
            "— 7 —",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for p in [
            "3 May 2021",
            "Tomas Varga",
            "Page 3 of the report",
            "2021 annual",
        ] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn pdf_dates() {
        assert_eq!(
            pdf_date("D:20230415103000+02'00'"),
            Some(Date::ymd(2023, 4, 15))
        );
        assert_eq!(pdf_date("D:2023"), Date::parse_iso("2023"));
        assert_eq!(pdf_date("D:20231345"), None);
        assert_eq!(pdf_date("yesterday"), None);
    }

    #[test]
    fn text_strings() {
        assert_eq!(text_string(b"\xFE\xFF\x00V\x00e\x00l"), "Vel");
        assert_eq!(text_string(b"Caf\xE9"), "Caf\u{e9}");
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        // A title across both columns, then two columns of six lines; the left column's
        // paragraph goes on in the right column.
        let left = [
            "Tomas Varga was",
            "arrested in Velmara",
            "on 3 May 2021 by",
            "officers of the city",
            "police, who held him",
            "for two days before",
        ];
        let right = [
            "releasing him. Ilse",
            "Borand, his lawyer,",
            "said the court would",
            "hear the case on 9",
            "June. Odile Maret was",
            "charged the same day.",
        ];
        let mut lines = vec![(
            50.0,
            60.0,
            "The Velmara arrests: a report of the city council",
        )];
        for (i, (l, r)) in left.iter().zip(&right).enumerate() {
            let y = 100.0 + 12.0 * i as f64;
            lines.push((50.0, y, l));
            lines.push((200.0, y, r));
        }
        let text = layout(&[page(&lines)]);
        assert_eq!(
            text,
            "The Velmara arrests: a report of the city council\n\n\
             Tomas Varga was arrested in Velmara on 3 May 2021 by officers of the city \
             police, who held him for two days before releasing him. Ilse Borand, his \
             lawyer, said the court would hear the case on 9 June. Odile Maret was charged \
             the same day."
        );
    }

    #[test]
    fn a_single_column_with_ragged_lines_is_not_split() {
        let lines = [
            (50.0, 100.0, "Ilse Borand was detained in Velmara"),
            (50.0, 112.0, "on 4 March. She"),
            (50.0, 124.0, "was released on bail the next"),
            (50.0, 136.0, "day, and the court"),
            (50.0, 148.0, "set a hearing for"),
            (50.0, 160.0, "the end of the month."),
        ];
        assert_eq!(
            layout(&[page(&lines)]),
            "Ilse Borand was detained in Velmara on 4 March. She was released on bail the \
             next day, and the court set a hearing for the end of the month."
        );
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_dropped() {
        let pages: Vec<Page> = (1..=3)
            .map(|n| {
                let number = format!("Page {n} of 3");
                let body = format!("Odile Maret testified on day {n} of the trial.");
                page(&[
                    (50.0, 30.0, "Velmara District Court - Annual Report"),
                    (50.0, 300.0, &body),
                    (50.0, 780.0, &number),
                ])
            })
            .collect();
        assert_eq!(
            layout(&pages),
            "Odile Maret testified on day 1 of the trial.\n\n\
             Odile Maret testified on day 2 of the trial.\n\n\
             Odile Maret testified on day 3 of the trial."
        );
    }

    #[test]
    fn short_paragraphs_do_not_hide_the_line_pitch() {
        // More gaps between paragraphs (24 pt) than between lines (12 pt).
        let lines = [
            (
                50.0,
                100.0,
                "Tomas Varga was charged with fraud in Velmara, where",
            ),
            (50.0, 112.0, "he lives"),
            (
                50.0,
                136.0,
                "Ilse Borand was acquitted on 2 June by the district",
            ),
            (50.0, 148.0, "court"),
            (50.0, 172.0, "Odile Maret was released"),
            (50.0, 196.0, "Nobody else was charged"),
            (50.0, 220.0, "The case is closed"),
        ];
        assert_eq!(
            layout(&[page(&lines)]),
            "Tomas Varga was charged with fraud in Velmara, where he lives\n\n\
             Ilse Borand was acquitted on 2 June by the district court\n\n\
             Odile Maret was released\n\nNobody else was charged\n\nThe case is closed"
        );
    }

    #[test]
    fn paragraphs_end_at_wider_gaps() {
        let lines = [
            (50.0, 100.0, "Tomas Varga was charged with fraud"),
            (50.0, 112.0, "in Velmara."),
            (50.0, 136.0, "Ilse Borand was acquitted on 2 June"),
            (50.0, 148.0, "by the same court"),
        ];
        assert_eq!(
            layout(&[page(&lines)]),
            "Tomas Varga was charged with fraud in Velmara.\n\n\
             Ilse Borand was acquitted on 2 June by the same court"
        );
    }

    #[test]
    fn printed_fixtures_give_text_title_and_date_and_a_scan_an_error() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
        let bytes = std::fs::read(dir.join("two-column.pdf")).expect("fixture");
        let two = extract(&bytes, &Limits::default()).expect("text");
        assert_eq!(two.pages, 2);
        assert_eq!(two.title.as_deref(), Some("Velmara Observer: court report"));
        assert_eq!(two.created, Some(Date::ymd(2026, 12, 7)));
        assert!(two.warnings.is_empty(), "{:?}", two.warnings);
        assert!(two.text.contains("the detention had no basis in law"));
        let few = |max_doc_bytes| Limits {
            max_doc_bytes,
            ..Limits::default()
        };
        // Fewer characters allowed than the text has; content streams larger than allowed.
        let e = extract(&bytes, &few(500)).expect_err("over the limit");
        assert!(
            e.contains("more than 500 bytes") && e.contains("--max-doc-bytes"),
            "{e}"
        );
        let e = extract(
            &bytes,
            &Limits {
                max_gzip_ratio: 1,
                ..few(1 << 20)
            },
        );
        assert!(e.is_ok(), "within the 1 MiB floor: {e:?}");
        let scan = std::fs::read(dir.join("scanned.pdf")).expect("fixture");
        assert_eq!(extract(&scan, &Limits::default()), Err(NO_TEXT.to_string()));
    }

    /// The two-column fixture encrypted (RC4, 128 bits) with a user password.
    fn encrypted(user_password: &str) -> Vec<u8> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
        let bytes = std::fs::read(dir.join("two-column.pdf")).expect("fixture");
        let mut doc = Document::load_mem(&bytes).expect("loads");
        let id = Object::String(b"velmara-0001".to_vec(), pdf_extract::StringFormat::Literal);
        doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
        let state = pdf_extract::EncryptionState::try_from(pdf_extract::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "velmara-owner",
            user_password,
            key_length: 128,
            permissions: pdf_extract::Permissions::all(),
        })
        .expect("encryption state");
        doc.encrypt(&state).expect("encrypts");
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("saves");
        out
    }

    #[test]
    fn an_encrypted_pdf_needing_a_password_is_refused_and_one_without_is_read() {
        let e = extract(&encrypted("ilse"), &Limits::default()).expect_err("needs a password");
        assert!(e.starts_with("encrypted PDF that needs a password"), "{e}");
        let open = extract(&encrypted(""), &Limits::default()).expect("opens with no password");
        assert!(open.text.contains("the detention had no basis in law"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(
            extract(b"hello", &Limits::default())
                .unwrap_err()
                .contains("not a PDF")
        );
        let e = extract(
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF",
            &Limits::default(),
        )
        .unwrap_err();
        assert!(!e.is_empty());
    }

    /// A PDF of pages whose content streams are given (a `None` page has no content), in
    /// Helvetica (one of the standard fonts, no embedded font: not how Chromium writes
    /// PDFs), each stream stored as given or Flate-compressed.
    fn built_pdf(pages: &[Option<Vec<u8>>], flate: bool) -> Vec<u8> {
        use pdf_extract::{Dictionary, Stream};
        use std::io::Write;
        let mut doc = Document::with_version("1.5");
        let mut font = Dictionary::new();
        font.set("Type", Object::Name(b"Font".to_vec()));
        font.set("Subtype", Object::Name(b"Type1".to_vec()));
        font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
        font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        let font_id = doc.add_object(font);
        let mut fonts = Dictionary::new();
        fonts.set("F1", Object::Reference(font_id));
        let mut resources = Dictionary::new();
        resources.set("Font", Object::Dictionary(fonts));
        let resources_id = doc.add_object(resources);
        let pages_id = doc.new_object_id();
        let mut kids = Vec::new();
        for content in pages {
            let mut page = Dictionary::new();
            page.set("Type", Object::Name(b"Page".to_vec()));
            page.set("Parent", Object::Reference(pages_id));
            page.set("Resources", Object::Reference(resources_id));
            let media = [0, 0, 595, 842].map(Object::Integer).to_vec();
            page.set("MediaBox", Object::Array(media));
            let bytes = content.clone().unwrap_or_default();
            let mut sd = Dictionary::new();
            let bytes = if flate {
                sd.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                let mut z =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
                z.write_all(&bytes).expect("deflate");
                z.finish().expect("deflate")
            } else {
                bytes
            };
            let content_id = doc.add_object(Stream::new(sd, bytes));
            page.set("Contents", Object::Reference(content_id));
            kids.push(Object::Reference(doc.add_object(page)));
        }
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", Object::Integer(kids.len() as i64));
        tree.set("Kids", Object::Array(kids));
        doc.objects.insert(pages_id, Object::Dictionary(tree));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_id));
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog_id));
        let mut info = Dictionary::new();
        info.set(
            "CreationDate",
            Object::String(
                b"D:20210612093000+02'00'".to_vec(),
                pdf_extract::StringFormat::Literal,
            ),
        );
        info.set(
            "Author",
            Object::String(b"Odile Maret".to_vec(), pdf_extract::StringFormat::Literal),
        );
        let info_id = doc.add_object(info);
        doc.trailer.set("Info", Object::Reference(info_id));
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("saves");
        out
    }

    /// A content stream drawing each (x, y-from-the-bottom, text) line in 11 pt Helvetica.
    fn drawn(lines: &[(f64, f64, &str)]) -> Vec<u8> {
        let mut s = String::from("BT /F1 11 Tf\n");
        for (x, y, t) in lines {
            let t = t
                .replace('\\', "\\\\")
                .replace('(', "\\(")
                .replace(')', "\\)");
            s.push_str(&format!("1 0 0 1 {x} {y} Tm ({t}) Tj\n"));
        }
        s.push_str("ET\n");
        s.into_bytes()
    }

    #[test]
    fn a_standard_font_pdf_with_a_blank_page_reads_and_warns() {
        // Three pages: a court notice over two (a running header, `- n -` page numbers, a
        // word hyphenated across the page break), then a page with nothing on it.
        let page = |n: u32, body: &[(f64, f64, &str)]| {
            let number = format!("- {n} -");
            let mut lines = vec![(72.0, 800.0, "Velmara District Court - Notice 12/2021")];
            lines.extend_from_slice(body);
            lines.push((290.0, 30.0, number.as_str()));
            Some(drawn(&lines))
        };
        let bytes = built_pdf(
            &[
                page(
                    1,
                    &[
                        (
                            72.0,
                            700.0,
                            "Tomas Varga was arrested in Velmara on 3 May 2021",
                        ),
                        (72.0, 686.0, "and brought before the court for an exam-"),
                    ],
                ),
                page(2, &[(72.0, 700.0, "ination of the charges on 4 May 2021.")]),
                None,
            ],
            true,
        );
        let t = extract(&bytes, &Limits::default()).expect("text");
        assert_eq!(
            t.text,
            "Tomas Varga was arrested in Velmara on 3 May 2021 and brought before the \
             court for an examination of the charges on 4 May 2021."
        );
        assert_eq!(t.pages, 3);
        assert_eq!(t.created, Some(Date::ymd(2021, 6, 12)));
        assert_eq!(t.author.as_deref(), Some("Odile Maret"));
        assert_eq!(t.title, None);
        assert_eq!(
            t.warnings,
            ["1 of 3 pages have no text layer (scanned pages?): their text is missing"]
        );
    }

    #[test]
    fn a_content_stream_bomb_is_refused_before_it_is_inflated() {
        // One page whose content stream is 20 MB of spaces in 20 KB of Flate.
        let bytes = built_pdf(&[Some(vec![b' '; 20 << 20])], true);
        let e = extract(&bytes, &Limits::default()).expect_err("refused");
        assert!(
            e.starts_with("page content expands to more than") && e.contains("--max-gzip-ratio"),
            "{e}"
        );
        // The same content stored uncompressed is no bomb: a page of nothing.
        let plain = built_pdf(&[Some(vec![b' '; 1000])], false);
        assert_eq!(
            extract(&plain, &Limits::default()),
            Err(NO_TEXT.to_string())
        );
    }
}

//! Ingest: walk a corpus directory and read its documents.
//!
//! Files are visited in sorted path order. `.html`, `.htm` and `.txt` files are read, also
//! gzip-compressed (`.html.gz`, ...). A sidecar `NAME.meta.json` beside `NAME.txt` (or
//! `NAME.html`, `NAME.txt.gz`) gives metadata: `{"url", "source", "published", "title"}`,
//! `published` as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. A file that cannot be read, is empty,
//! is binary or is not valid UTF-8 becomes an error, never a crash; the other documents are
//! unaffected.

use crate::doc::Date;
use crate::error::{Error, Result};
use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Input format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// HTML.
    Html,
    /// Plain text.
    Text,
}

/// Sidecar metadata.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Source URL.
    pub url: Option<String>,
    /// Publisher or site.
    pub source: Option<String>,
    /// Publication date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub published: Option<String>,
    /// Title.
    pub title: Option<String>,
}

/// A document as read from disk, before cleaning.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// Path inside the corpus, with `/` separators.
    pub source: String,
    /// Content-derived id (hash of the raw bytes).
    pub id: String,
    /// Format by extension.
    pub format: Format,
    /// Decoded content.
    pub content: String,
    /// Sidecar metadata, if any.
    pub meta: Option<Meta>,
    /// The sidecar's publication date, parsed.
    pub meta_published: Option<Date>,
    /// The file's modification date (UTC): the crawl date when nothing better is known.
    pub file_date: Option<Date>,
}

/// A per-document failure, destined for `errors.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// Path inside the corpus.
    pub source: String,
    /// Pipeline stage that failed.
    pub stage: &'static str,
    /// Human-readable reason.
    pub message: String,
}

/// The format of a path by extension (`.gz` looked through), or `None` if not a document.
pub fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".html") || name.ends_with(".htm") {
        Some(Format::Html)
    } else if name.ends_with(".txt") {
        Some(Format::Text)
    } else {
        None
    }
}

pub mod warc;

/// The documents of a corpus directory, sorted by path (recursive; hidden entries
/// skipped): `.html`, `.htm`, `.txt` (each also `.gz`) and WARC files.
pub fn walk(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        for entry in rd {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let p = entry.path();
            if p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
            {
                continue;
            }
            let ft = entry.file_type().map_err(|e| Error::io(&p, e))?;
            if ft.is_dir() {
                stack.push(p);
            } else if format_of(&p).is_some() || warc::is_warc(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The sidecar path of a document: `NAME.meta.json` for `NAME.txt`, `NAME.html.gz`, ...
pub fn sidecar_of(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name.strip_suffix(".gz").unwrap_or(name);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    path.with_file_name(format!("{stem}.meta.json"))
}

/// A short content hash (hex) used for ids.
pub fn content_id(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    h.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn reject(source: &str, stage: &'static str, message: impl Into<String>) -> DocError {
    DocError {
        source: source.to_string(),
        stage,
        message: message.into(),
    }
}

/// Reads one corpus file. `rel` is its path inside the corpus. The sidecar is read too; a
/// broken sidecar is reported in the second value while the document itself is kept.
pub fn read(path: &Path, rel: &str) -> std::result::Result<(RawDoc, Option<DocError>), DocError> {
    read_limited(path, rel, crate::limits::Limits::default().max_doc_bytes)
}

/// [`read`] refusing documents over `max_bytes` (after gunzip) without loading them: the
/// file's size is checked first, and decompression stops at the limit.
pub fn read_limited(
    path: &Path,
    rel: &str,
    max_bytes: usize,
) -> std::result::Result<(RawDoc, Option<DocError>), DocError> {
    let format =
        format_of(path).ok_or_else(|| reject(rel, "ingest", "not a .html/.htm/.txt(.gz) file"))?;
    let too_big = |n: u64| {
        reject(
            rel,
            "ingest",
            format!("{n} bytes, over the limit of {max_bytes} bytes (--max-doc-bytes); skipped"),
        )
    };
    let size = std::fs::metadata(path)
        .map_err(|e| reject(rel, "ingest", format!("cannot read: {e}")))?
        .len();
    if size > max_bytes as u64 {
        return Err(too_big(size));
    }
    let raw =
        std::fs::read(path).map_err(|e| reject(rel, "ingest", format!("cannot read: {e}")))?;
    let bytes = if path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("gz"))
    {
        let mut out = Vec::new();
        MultiGzDecoder::new(&raw[..])
            .take(max_bytes as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| reject(rel, "ingest", format!("cannot decompress gzip: {e}")))?;
        if out.len() > max_bytes {
            return Err(reject(
                rel,
                "ingest",
                format!("decompresses to more than {max_bytes} bytes (--max-doc-bytes); skipped"),
            ));
        }
        out
    } else {
        raw
    };
    let id = content_id(&bytes);
    let content = decode_owned(bytes).map_err(|m| reject(rel, "ingest", m))?;
    let mut meta_err = None;
    let mut meta = None;
    let mut meta_published = None;
    let side = sidecar_of(path);
    if side.exists() {
        match std::fs::read_to_string(&side)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str::<Meta>(&s).map_err(|e| e.to_string()))
        {
            Ok(m) => {
                if let Some(p) = &m.published {
                    meta_published = Date::parse_iso(p);
                    if meta_published.is_none() {
                        meta_err = Some(reject(
                            rel,
                            "meta",
                            format!(
                                "{}: bad `published` value `{p}` (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                                side.display()
                            ),
                        ));
                    }
                }
                meta = Some(m);
            }
            Err(e) => meta_err = Some(reject(rel, "meta", format!("{}: {e}", side.display()))),
        }
    }
    Ok((
        RawDoc {
            source: rel.to_string(),
            id,
            format,
            content,
            meta,
            meta_published,
            file_date: file_date(path),
        },
        meta_err,
    ))
}

/// The modification date of a file (UTC day).
pub fn file_date(path: &Path) -> Option<Date> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(crate::dates::calendar::from_days((secs / 86_400) as i64))
}

/// Reads a file's bytes, gunzipping `.gz` files.
pub fn read_bytes(path: &Path) -> std::result::Result<Vec<u8>, String> {
    let raw = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("gz"))
    {
        let mut out = Vec::new();
        MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot decompress gzip: {e}"))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// The charset an HTML page declares in its first bytes (`<meta charset>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static META: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(
            r#"(?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})"#,
        )
        .expect("charset regex")
    });
    let head = &bytes[..bytes.len().min(8192)];
    let c = META.captures(head)?;
    encoding_rs::Encoding::for_label(c.get(1)?.as_bytes())
}

fn bom(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, usize)> {
    encoding_rs::Encoding::for_bom(bytes)
}

/// Decodes an HTML page: BOM, then the declared charset, then UTF-8, then detection.
pub fn decode_html(bytes: &[u8]) -> std::result::Result<String, String> {
    decode_as(Cow::Borrowed(bytes), true)
}

/// Decodes an HTML page whose charset the transport declared (an HTTP `Content-Type` in a
/// WARC record): a byte-order mark wins, UTF-8 is checked as usual.
pub fn decode_with(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
) -> std::result::Result<String, String> {
    if bom(bytes).is_some()
        || enc == encoding_rs::UTF_8
        || enc == encoding_rs::UTF_16LE
        || enc == encoding_rs::UTF_16BE
    {
        return decode_html(bytes);
    }
    if bytes.iter().take(8192).any(|&c| c == 0) {
        return Err("binary content (NUL bytes), not a text or HTML document".into());
    }
    let (s, _) = enc.decode_without_bom_handling(bytes);
    non_empty(s.into_owned())
}

/// Decodes document bytes (plain text): BOM, then UTF-8, then detection.
pub fn decode(bytes: &[u8]) -> std::result::Result<String, String> {
    decode_as(Cow::Borrowed(bytes), false)
}

/// [`decode`] taking the bytes: valid UTF-8 without a byte-order mark (most documents)
/// becomes the text as it is, without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> std::result::Result<String, String> {
    decode_as(Cow::Owned(bytes), false)
}

/// The decoding behind [`decode`], [`decode_owned`] and [`decode_html`]: owned bytes that
/// are valid UTF-8 become the text without a copy.
fn decode_as(bytes: Cow<'_, [u8]>, html: bool) -> std::result::Result<String, String> {
    if let Some((enc, len)) = bom(&bytes) {
        let (s, had_errors) = enc.decode_without_bom_handling(&bytes[len..]);
        if had_errors && enc == encoding_rs::UTF_8 {
            return Err("not valid UTF-8 despite its byte-order mark".into());
        }
        return non_empty(s.into_owned());
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty document".into());
    }
    if bytes.iter().take(8192).any(|&c| c == 0) {
        return Err("binary content (NUL bytes), not a text or HTML document".into());
    }
    if html
        && let Some(enc) = declared_charset(&bytes)
        && enc != encoding_rs::UTF_8
        && enc != encoding_rs::UTF_16LE
        && enc != encoding_rs::UTF_16BE
    {
        let (s, _) = enc.decode_without_bom_handling(&bytes);
        return non_empty(s.into_owned());
    }
    let bytes = match String::from_utf8(bytes.into_owned()) {
        Ok(s) => return non_empty(s),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // Text that is mostly valid UTF-8 with a few bad bytes is broken, not legacy.
            let multibyte: usize = bytes
                .utf8_chunks()
                .map(|c| c.valid().chars().filter(|c| !c.is_ascii()).count())
                .sum();
            if multibyte > 0 {
                return Err(format!(
                    "not valid UTF-8 (first bad byte at offset {valid_up_to})"
                ));
            }
            bytes
        }
    };
    // An undeclared legacy encoding (windows-1251, KOI8-R, ...): detect it.
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (s, _, had_errors) = enc.decode(&bytes);
    let controls = s
        .chars()
        .filter(|c| ('\u{80}'..='\u{9f}').contains(c))
        .count();
    if had_errors || controls * 100 > s.chars().count() {
        return Err(format!(
            "not valid UTF-8 and not plausible as {} either",
            enc.name()
        ));
    }
    non_empty(s.into_owned())
}

fn non_empty(s: String) -> std::result::Result<String, String> {
    if s.trim().is_empty() {
        Err("empty document".into())
    } else {
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_sidecars() {
        assert_eq!(format_of(Path::new("a/b.HTML.gz")), Some(Format::Html));
        assert_eq!(format_of(Path::new("a/b.txt")), Some(Format::Text));
        assert_eq!(format_of(Path::new("a/b.meta.json")), None);
        assert_eq!(
            sidecar_of(Path::new("c/x.txt.gz")),
            PathBuf::from("c/x.meta.json")
        );
        assert_eq!(
            sidecar_of(Path::new("c/x.html")),
            PathBuf::from("c/x.meta.json")
        );
    }

    #[test]
    fn decode_rejects_bad_bytes() {
        assert!(decode(b"  \n").unwrap_err().contains("empty"));
        assert!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0")
                .unwrap_err()
                .contains("binary")
        );
        // Mostly UTF-8 with a bad byte: broken, not a legacy encoding.
        assert!(
            decode(
                "Kharkova – caf\u{e9}"
                    .as_bytes()
                    .iter()
                    .copied()
                    .chain([0xff, b' '])
                    .collect::<Vec<_>>()
                    .as_slice()
            )
            .unwrap_err()
            .contains("UTF-8")
        );
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap(), "hello");
    }

    #[test]
    fn legacy_cyrillic_encodings_are_detected_or_declared() {
        let text = "Суд приговорил Нурбека Кушакбаева к двум с половиной годам лишения свободы за призывы к участию в забастовке.";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&cp1251).unwrap(), text);
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(text);
        assert_eq!(decode(&koi8).unwrap(), text);
        let page = [b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body>".as_slice(), &koi8, b"</body></html>"].concat();
        assert!(decode_html(&page).unwrap().contains(text));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Kharkova".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), "Kharkova");
    }
}

//! WARC input: the HTML pages of a crawl file (`.warc`, `.warc.gz`) as documents.
//!
//! Every `response` record whose HTTP status is 2xx and whose `Content-Type` is HTML (and
//! every `resource` record of HTML) becomes one document: its source is `FILE.warc.gz#N`
//! (N = the record's position in the file, from 1), its URL the record's
//! `WARC-Target-URI`, and the record's `WARC-Date` (the crawl date) bounds its dates like a
//! file's modification date does. Chunked transfer encoding and gzip/deflate content
//! encodings are undone; the charset of the HTTP `Content-Type` is used when the page does
//! not declare one. Records are read one at a time (the `warc` crate's reader over a
//! multi-member gzip stream); a record over the document size limit, a broken record or a
//! truncated file gives an error record naming the file and the record, and reading stops
//! only when the file cannot be parsed further.

use super::{DocError, Format, Meta, RawDoc, content_id, decode_html, decode_with};
use crate::doc::Date;
use flate2::read::{DeflateDecoder, GzDecoder, MultiGzDecoder};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use warc::{RawRecordHeader, WarcHeader, WarcReader};

/// Whether a path is a WARC file (`.warc` or `.warc.gz`).
pub fn is_warc(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(|n| n.to_ascii_lowercase())
        .is_some_and(|n| n.ends_with(".warc") || n.ends_with(".warc.gz"))
}

type Records = warc::RawRecordIter<Box<dyn BufRead + Send>>;

/// The documents of one WARC file, read lazily, record by record.
pub struct WarcDocs {
    records: Records,
    rel: String,
    index: usize,
    max_bytes: usize,
    done: bool,
}

/// Opens a WARC file (gzip detected by its magic bytes).
pub fn open(path: &Path, rel: &str, max_bytes: usize) -> Result<WarcDocs, DocError> {
    let err = |m: String| DocError {
        source: rel.to_string(),
        stage: "ingest",
        message: m,
    };
    let mut f = std::fs::File::open(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let mut magic = [0u8; 2];
    let n = f
        .read(&mut magic)
        .map_err(|e| err(format!("cannot read: {e}")))?;
    let f = std::fs::File::open(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let inner: Box<dyn BufRead + Send> = if n == 2 && magic == [0x1f, 0x8b] {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(BufReader::new(f)),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, f))
    };
    Ok(WarcDocs {
        records: WarcReader::new(inner).iter_raw_records(),
        rel: rel.to_string(),
        index: 0,
        max_bytes,
        done: false,
    })
}

fn header(h: &RawRecordHeader, name: WarcHeader) -> Option<String> {
    h.headers
        .get(&name)
        .map(|v| String::from_utf8_lossy(v).trim().to_string())
}

/// An HTTP response split into status, lower-cased headers and body.
fn parse_http(bytes: &[u8]) -> Option<(u16, HashMap<String, String>, &[u8])> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some((status, headers, &bytes[end + 4..]))
}

/// Undoes chunked transfer encoding; `None` if the body is not well-formed chunks.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = b.windows(2).position(|w| w == b"\r\n")?;
        let size_field = std::str::from_utf8(&b[..nl]).ok()?;
        let size = usize::from_str_radix(size_field.split(';').next()?.trim(), 16).ok()?;
        b = &b[nl + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size + 2..)?;
    }
}

fn decompress(b: &[u8], encoding: &str, max: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let limit = max as u64 + 1;
    let r = match encoding {
        "gzip" | "x-gzip" => GzDecoder::new(b).take(limit).read_to_end(&mut out),
        "deflate" => DeflateDecoder::new(b).take(limit).read_to_end(&mut out),
        _ => return Ok(b.to_vec()),
    };
    r.map_err(|e| format!("cannot decode {encoding} content: {e}"))?;
    if out.len() > max {
        return Err(format!(
            "decodes to more than {max} bytes (--max-doc-bytes); skipped"
        ));
    }
    Ok(out)
}

impl WarcDocs {
    fn reject(&self, m: impl Into<String>) -> DocError {
        DocError {
            source: format!("{}#{}", self.rel, self.index),
            stage: "ingest",
            message: m.into(),
        }
    }

    /// One record: `Ok(None)` for records that are not HTML pages.
    fn record(&self, h: &RawRecordHeader, body: &[u8]) -> Result<Option<RawDoc>, DocError> {
        let kind = header(h, WarcHeader::WarcType).unwrap_or_default();
        let (content_type, payload) = match kind.as_str() {
            "response" => {
                let ct = header(h, WarcHeader::ContentType).unwrap_or_default();
                if !ct.to_ascii_lowercase().starts_with("application/http") {
                    return Ok(None);
                }
                let Some((status, headers, payload)) = parse_http(body) else {
                    return Err(self.reject("response record without a readable HTTP header"));
                };
                if !(200..300).contains(&status) {
                    return Ok(None);
                }
                let mut payload = payload.to_vec();
                if headers
                    .get("transfer-encoding")
                    .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
                {
                    // Crawlers usually store the de-chunked body; keep it if it is not chunked.
                    if let Some(d) = dechunk(&payload) {
                        payload = d;
                    }
                }
                if let Some(enc) = headers.get("content-encoding") {
                    payload = decompress(&payload, &enc.to_ascii_lowercase(), self.max_bytes)
                        .map_err(|m| self.reject(m))?;
                }
                (
                    headers.get("content-type").cloned().unwrap_or_default(),
                    payload,
                )
            }
            "resource" => (
                header(h, WarcHeader::ContentType).unwrap_or_default(),
                body.to_vec(),
            ),
            _ => return Ok(None),
        };
        let ct = content_type.to_ascii_lowercase();
        if !(ct.contains("text/html") || ct.contains("application/xhtml")) {
            return Ok(None);
        }
        if payload.len() > self.max_bytes {
            return Err(self.reject(format!(
                "{} bytes, over the limit of {} bytes (--max-doc-bytes); skipped",
                payload.len(),
                self.max_bytes
            )));
        }
        // The page's own declaration wins; else the HTTP charset; else detection.
        let http_charset = ct
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("charset="))
            .next()
            .and_then(|c| encoding_rs::Encoding::for_label(c.trim_matches('"').as_bytes()));
        let content = match (super::declared_charset(&payload), http_charset) {
            (None, Some(enc)) => decode_with(&payload, enc),
            _ => decode_html(&payload),
        }
        .map_err(|m| self.reject(m))?;
        let date = header(h, WarcHeader::Date).and_then(|d| Date::parse_iso(d.get(..10)?));
        Ok(Some(RawDoc {
            source: format!("{}#{}", self.rel, self.index),
            id: content_id(&payload),
            format: Format::Html,
            content,
            meta: Some(Meta {
                url: header(h, WarcHeader::TargetURI),
                ..Meta::default()
            }),
            meta_published: None,
            file_date: date,
        }))
    }
}

impl Iterator for WarcDocs {
    type Item = Result<RawDoc, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let (h, body) = match self.records.next()? {
                Ok(r) => r,
                Err(e) => {
                    // The stream cannot be parsed past a broken record.
                    self.done = true;
                    self.index += 1;
                    return Some(Err(self.reject(format!("broken WARC record: {e}"))));
                }
            };
            self.index += 1;
            match self.record(&h, &body) {
                Ok(Some(d)) => return Some(Ok(d)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

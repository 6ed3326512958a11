//! WARC input: the HTML pages of a crawl file (`.warc`, `.warc.gz`) as documents.
//!
//! Every `response` record whose HTTP status is 2xx and whose `Content-Type` is HTML (and
//! every `resource` record of HTML) becomes one document: its source is `FILE.warc.gz#N`
//! (N = the record's position in the file, from 1), its URL the record's
//! `WARC-Target-URI`, and the record's `WARC-Date` (the crawl date) bounds its dates like a
//! file's modification date does. Chunked transfer encoding and gzip/deflate content
//! encodings are undone; the charset of the HTTP `Content-Type` is used when the page does
//! not declare one. Records are framed here (bounded reads: a record header of at most
//! 1 MiB, a body read only when it fits the document size limit, otherwise skipped without
//! being held) and their headers parsed by the `warc` crate's parser, over a multi-member
//! gzip stream. A record over the limit, a broken record header or a truncated file gives
//! an error record naming the file and the record; reading stops only when the file
//! cannot be framed further. (The crate's own record iterator ends silently on a file cut
//! inside a record header, and holds any body whole.)

use super::{DocError, Format, Meta, RawDoc, content_id, decode_html, decode_with};
use crate::doc::Date;
use crate::limits::Limits;
use flate2::read::{DeflateDecoder, GzDecoder, MultiGzDecoder};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use warc::{RawRecordHeader, WarcHeader};

/// Whether a path is a WARC file (`.warc` or `.warc.gz`).
pub fn is_warc(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(|n| n.to_ascii_lowercase())
        .is_some_and(|n| n.ends_with(".warc") || n.ends_with(".warc.gz"))
}

/// The largest record header read (bytes).
const MAX_HEADER: usize = 1 << 20;
/// Room for the HTTP header inside a response record's body, beyond the page itself.
const HTTP_HEADER_ROOM: usize = 64 << 10;

/// What framing one record gives.
enum Framed {
    /// Header and body.
    Record(RawRecordHeader, Vec<u8>),
    /// A record whose body is over the limit (skipped, not held): its length.
    TooLarge(usize),
}

/// Reads WARC records one at a time with bounded memory.
struct Framer {
    r: Box<dyn BufRead + Send>,
}

impl Framer {
    /// The next record; `None` at a clean end of the file.
    fn next(&mut self, max_body: usize) -> Option<Result<Framed, String>> {
        let mut head: Vec<u8> = Vec::new();
        loop {
            let before = head.len();
            let n = match (&mut self.r)
                .take((MAX_HEADER + 1) as u64)
                .read_until(b'\n', &mut head)
            {
                Ok(n) => n,
                Err(e) => return Some(Err(format!("cannot read: {e}"))),
            };
            if n == 0 {
                // Blank lines between records are tolerated; anything else is a cut header.
                return if head.iter().all(u8::is_ascii_whitespace) {
                    None
                } else {
                    Some(Err("file ends inside a record header (truncated)".into()))
                };
            }
            if head.len() > MAX_HEADER {
                return Some(Err(format!("record header over {MAX_HEADER} bytes")));
            }
            let line = &head[before..];
            if line == b"\r\n" || line == b"\n" {
                if head[..before].iter().all(u8::is_ascii_whitespace) {
                    head.clear();
                    continue;
                }
                break;
            }
        }
        let (version, fields, len) = match warc::parser::headers(&head) {
            Ok((_, parsed)) => parsed,
            Err(_) => return Some(Err("unreadable record header".into())),
        };
        let header = RawRecordHeader {
            version: version.to_string(),
            headers: fields
                .into_iter()
                .map(|(k, v)| (WarcHeader::from(k), v.to_vec()))
                .collect(),
        };
        let body = if len > max_body + HTTP_HEADER_ROOM {
            match std::io::copy(&mut (&mut self.r).take(len as u64), &mut std::io::sink()) {
                Ok(n) if n == len as u64 => None,
                _ => return Some(Err("file ends inside a record body (truncated)".into())),
            }
        } else {
            let mut body = Vec::with_capacity(len);
            match (&mut self.r).take(len as u64).read_to_end(&mut body) {
                Ok(n) if n == len => Some(body),
                Ok(_) => return Some(Err("file ends inside a record body (truncated)".into())),
                Err(e) => return Some(Err(format!("cannot read: {e}"))),
            }
        };
        // The record ends with CRLF CRLF (a file may end right after the body).
        let mut end = [0u8; 4];
        let mut got = 0;
        while got < 4 {
            match self.r.read(&mut end[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) => return Some(Err(format!("cannot read: {e}"))),
            }
        }
        if got != 0 && end[..got] != b"\r\n\r\n"[..got] {
            return Some(Err("record not followed by CRLF CRLF".into()));
        }
        Some(Ok(match body {
            Some(b) => Framed::Record(header, b),
            None => Framed::TooLarge(len),
        }))
    }
}

/// The documents of one WARC file, read lazily, record by record.
pub struct WarcDocs {
    records: Framer,
    rel: String,
    index: usize,
    max_bytes: usize,
    done: bool,
}

/// Opens a WARC file (gzip detected by its magic bytes).
pub fn open(path: &Path, rel: &str, limits: &Limits) -> Result<WarcDocs, DocError> {
    let max_bytes = limits.max_doc_bytes;
    let err = |m: String| DocError::error(rel, "ingest", m);
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
    Ok(from_reader(inner, rel, max_bytes))
}

/// The documents of a WARC stream already opened (decompressed): what [`open`] returns
/// for a file, for any reader (`rel` names the source in records and errors).
pub fn from_reader(r: Box<dyn BufRead + Send>, rel: &str, max_bytes: usize) -> WarcDocs {
    WarcDocs {
        records: Framer { r },
        rel: rel.to_string(),
        index: 0,
        max_bytes,
        done: false,
    }
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
        DocError::error(&format!("{}#{}", self.rel, self.index), "ingest", m)
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
            warnings: Vec::new(),
        }))
    }
}

impl Iterator for WarcDocs {
    type Item = Result<RawDoc, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let framed = self.records.next(self.max_bytes)?;
            self.index += 1;
            let (h, body) = match framed {
                Ok(Framed::Record(h, body)) => (h, body),
                Ok(Framed::TooLarge(len)) => {
                    return Some(Err(self.reject(format!(
                        "record of {len} bytes, over the limit of {} bytes (--max-doc-bytes); skipped",
                        self.max_bytes
                    ))));
                }
                Err(m) => {
                    // Nothing after a broken record can be framed.
                    self.done = true;
                    return Some(Err(self.reject(format!("broken WARC record: {m}"))));
                }
            };
            match self.record(&h, &body) {
                Ok(Some(d)) => return Some(Ok(d)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }
}

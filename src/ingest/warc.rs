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
//! being held: by a seek in a `.warc`, by reading in a `.warc.gz`) and their headers
//! parsed by the `warc` crate's parser, over a multi-member gzip stream. A record of a
//! `.warc.gz` may expand only `--max-gzip-ratio` times its compressed size.
//!
//! A record over the limit, a broken record header or a truncated record gives an error
//! record naming the file and the record, and reading goes on at the next record: a
//! record whose `Content-Length` runs past the end of the file (a truncated file, or a
//! length that lies) costs only itself, as the framer goes back to the first `WARC/1.`
//! line after its header (in a `.warc.gz` by reading the file again from its start, at
//! most 16 times per file). (The crate's own record iterator ends silently on a file cut
//! inside a record header, and holds any body whole.)

use super::{DocError, Format, Meta, RawDoc, ReadError, content_id, decode};
use crate::doc::Date;
use crate::limits::{GZIP_RATIO_FLOOR, Limits};
use flate2::read::{DeflateDecoder, GzDecoder};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
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
/// How often a `.warc.gz` is read again from its start to go back to a record that a
/// broken record's length ran over (each costs a read of the file so far).
const MAX_REOPENS: usize = 16;
/// Where a record starts: `WARC/1.` at the start of a line.
const MARK: &[u8] = b"\nWARC/1.";

/// What framing one record gives.
enum Framed {
    /// Header and body.
    Record(RawRecordHeader, Vec<u8>),
    /// A record whose body is over the limit (skipped, not held): its length.
    TooLarge(usize),
    /// A record over the limit whose length runs past the end of the file.
    Overrun(usize),
    /// A record of a `.warc.gz` that expands beyond `--max-gzip-ratio` (skipped once the
    /// limit was reached): the limit and the compressed bytes it came from.
    Bomb(usize, u64),
}

/// What reading a record's body gives.
enum Body {
    /// All of it.
    Whole(Vec<u8>),
    /// Stopped at the gzip expansion limit, the rest skipped.
    Bomb(usize, u64),
    /// The file ends first.
    Short,
}

/// Counts the bytes a decoder consumed from the compressed file.
struct Counted<R> {
    r: R,
    n: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.r.read(buf)?;
        self.n += k as u64;
        Ok(k)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.r.fill_buf()
    }
    fn consume(&mut self, k: usize) {
        self.n += k as u64;
        self.r.consume(k);
    }
}

type GzInput = BufReader<flate2::bufread::MultiGzDecoder<Counted<BufReader<std::fs::File>>>>;

/// Where the framed bytes come from, and how to go back.
enum Input {
    /// An uncompressed file of this size: skipped by seeking, and a record longer than
    /// what is left of the file is known at once.
    Plain(BufReader<std::fs::File>, u64),
    /// A gzip file: skipped by reading, read again from its start to go back.
    Gz(Box<GzInput>, PathBuf),
    /// Any stream (already decompressed): no going back.
    Other(Box<dyn BufRead + Send>),
}

fn open_gz(f: std::fs::File) -> GzInput {
    BufReader::with_capacity(
        1 << 16,
        flate2::bufread::MultiGzDecoder::new(Counted {
            r: BufReader::new(f),
            n: 0,
        }),
    )
}

/// Matches [`MARK`] across chunks.
struct Boundary(usize);

impl Boundary {
    /// At the start of a line (as after a `\n`).
    fn at_line_start() -> Self {
        Boundary(1)
    }

    /// Where in `chunk` the mark ends (the index after it), if it does.
    fn find_in(&mut self, chunk: &[u8]) -> Option<usize> {
        let mut i = 0;
        while i < chunk.len() {
            if self.0 == 0 {
                i += memchr::memchr(b'\n', &chunk[i..])?;
            }
            let b = chunk[i];
            if b == MARK[self.0] {
                self.0 += 1;
                if self.0 == MARK.len() {
                    self.0 = 0;
                    return Some(i + 1);
                }
            } else {
                self.0 = usize::from(b == b'\n');
            }
            i += 1;
        }
        None
    }
}

/// The framed stream: bytes given back ([`Stream::unread`]) first, then the input; `pos`
/// is the offset of the next byte in the (decompressed) file.
struct Stream {
    input: Input,
    pending: Vec<u8>,
    off: usize,
    pos: u64,
    reopens: usize,
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let b = self.fill_buf()?;
            let n = b.len().min(buf.len());
            buf[..n].copy_from_slice(&b[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Stream {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.off < self.pending.len() {
            return Ok(&self.pending[self.off..]);
        }
        match &mut self.input {
            Input::Plain(r, _) => r.fill_buf(),
            Input::Gz(r, _) => r.fill_buf(),
            Input::Other(r) => r.fill_buf(),
        }
    }

    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        if self.off < self.pending.len() {
            self.off += n;
            if self.off >= self.pending.len() {
                self.pending.clear();
                self.off = 0;
            }
            return;
        }
        match &mut self.input {
            Input::Plain(r, _) => r.consume(n),
            Input::Gz(r, _) => r.consume(n),
            Input::Other(r) => r.consume(n),
        }
    }
}

impl Stream {
    /// Compressed bytes consumed so far (`.warc.gz` only).
    fn compressed(&self) -> Option<u64> {
        match &self.input {
            Input::Gz(r, _) => Some(r.get_ref().get_ref().n),
            _ => None,
        }
    }

    /// Gives back bytes just read: they are read again next.
    fn unread(&mut self, bytes: &[u8]) {
        let mut p = bytes.to_vec();
        p.extend_from_slice(&self.pending[self.off..]);
        self.pending = p;
        self.off = 0;
        self.pos -= bytes.len() as u64;
    }

    /// Goes on to the next `WARC/1.` at the start of a line (the current position counts
    /// as one); false at the end of the file.
    fn seek_record(&mut self) -> std::io::Result<bool> {
        let mut m = Boundary::at_line_start();
        loop {
            let (found, len) = {
                let buf = self.fill_buf()?;
                if buf.is_empty() {
                    return Ok(false);
                }
                (m.find_in(buf), buf.len())
            };
            match found {
                Some(end) => {
                    self.consume(end);
                    self.unread(&MARK[1..]);
                    return Ok(true);
                }
                None => self.consume(len),
            }
        }
    }

    /// Skips `n` bytes in bounded memory (a seek where the input is a file). False when
    /// the file ends first: the stream is then at the first record start inside the
    /// skipped bytes, where it can go back to one, else at the end.
    fn skip(&mut self, n: u64) -> std::io::Result<bool> {
        if self.off >= self.pending.len()
            && let Input::Plain(r, size) = &mut self.input
        {
            if self.pos.saturating_add(n) <= *size {
                let by = i64::try_from(n).map_err(std::io::Error::other)?;
                r.seek_relative(by)?;
                self.pos += n;
                return Ok(true);
            }
            // Longer than the rest of the file: whatever follows is found by its header.
            self.seek_record()?;
            return Ok(false);
        }
        let mut m = Boundary::at_line_start();
        let mut first = None;
        let mut left = n;
        while left > 0 {
            let (take, found) = {
                let buf = self.fill_buf()?;
                if buf.is_empty() {
                    break;
                }
                let take = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
                let found = if first.is_none() {
                    m.find_in(&buf[..take])
                } else {
                    None
                };
                (take, found)
            };
            if let Some(end) = found {
                first = Some(self.pos + end as u64 - (MARK.len() as u64 - 1));
            }
            self.consume(take);
            left -= take as u64;
        }
        if left == 0 {
            return Ok(true);
        }
        if let Some(p) = first {
            self.rewind_to(p)?;
        }
        Ok(false)
    }

    /// Goes back to offset `p` of the file; false where the input cannot.
    fn rewind_to(&mut self, p: u64) -> std::io::Result<bool> {
        match &mut self.input {
            Input::Plain(r, _) => {
                r.seek(SeekFrom::Start(p))?;
            }
            Input::Gz(r, path) => {
                if self.reopens >= MAX_REOPENS {
                    return Ok(false);
                }
                self.reopens += 1;
                let f = super::open_regular(path).map_err(|e| match e {
                    ReadError::Io(e) => e,
                    e => std::io::Error::other(e.to_string()),
                })?;
                let mut g = open_gz(f);
                let skipped = std::io::copy(&mut (&mut g).take(p), &mut std::io::sink())?;
                if skipped != p {
                    return Ok(false);
                }
                **r = g;
            }
            Input::Other(_) => return Ok(false),
        }
        self.pending.clear();
        self.off = 0;
        self.pos = p;
        Ok(true)
    }
}

/// Reads WARC records one at a time with bounded memory. After a broken record it goes on
/// at the next record header it finds.
struct Framer {
    s: Stream,
    /// Look for the next record start before reading a header.
    resync: bool,
    done: bool,
}

impl Framer {
    fn new(input: Input) -> Self {
        Framer {
            s: Stream {
                input,
                pending: Vec::new(),
                off: 0,
                pos: 0,
                reopens: 0,
            },
            resync: false,
            done: false,
        }
    }

    /// A framing error after which reading goes on at the next record found.
    fn broken(&mut self, m: impl Into<String>) -> Option<Result<Framed, String>> {
        self.resync = true;
        Some(Err(m.into()))
    }

    /// An error after which nothing more can be read.
    fn fatal(&mut self, m: impl Into<String>) -> Option<Result<Framed, String>> {
        self.done = true;
        Some(Err(m.into()))
    }

    /// The next record; `None` at the end of the file.
    fn next(&mut self, limits: &Limits) -> Option<Result<Framed, String>> {
        if self.done {
            return None;
        }
        if std::mem::take(&mut self.resync) {
            match self.s.seek_record() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => return self.fatal(format!("cannot read: {e}")),
            }
        }
        let mut head: Vec<u8> = Vec::new();
        loop {
            let before = head.len();
            let n = match (&mut self.s)
                .take((MAX_HEADER + 1) as u64)
                .read_until(b'\n', &mut head)
            {
                Ok(n) => n,
                Err(e) => return self.fatal(format!("cannot read: {e}")),
            };
            if n == 0 {
                // Blank lines between records are tolerated; anything else is a cut header.
                return if head.iter().all(u8::is_ascii_whitespace) {
                    self.done = true;
                    None
                } else {
                    self.fatal("file ends inside a record header (truncated)")
                };
            }
            if head.len() > MAX_HEADER {
                return self.broken(format!("record header over {MAX_HEADER} bytes"));
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
            Err(_) => return self.broken("unreadable record header"),
        };
        let header = RawRecordHeader {
            version: version.to_string(),
            headers: fields
                .into_iter()
                .map(|(k, v)| (WarcHeader::from(k), v.to_vec()))
                .collect(),
        };
        let framed = if len > limits.max_doc_bytes.saturating_add(HTTP_HEADER_ROOM) {
            match self.s.skip(len as u64) {
                Ok(true) => Framed::TooLarge(len),
                Ok(false) => {
                    self.resync = true;
                    return Some(Ok(Framed::Overrun(len)));
                }
                Err(e) => return self.fatal(format!("cannot read: {e}")),
            }
        } else {
            match self.body(len, limits) {
                Ok(Body::Whole(b)) => Framed::Record(header, b),
                Ok(Body::Bomb(limit, compressed)) => Framed::Bomb(limit, compressed),
                Ok(Body::Short) => {
                    return self.broken("file ends inside a record body (truncated)");
                }
                Err(e) => return self.fatal(format!("cannot read: {e}")),
            }
        };
        // The record ends with CRLF CRLF (a file may end right after the body).
        let mut end = [0u8; 4];
        let mut got = 0;
        while got < 4 {
            match self.s.read(&mut end[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) => return self.fatal(format!("cannot read: {e}")),
            }
        }
        if got != 0 && end[..got] != b"\r\n\r\n"[..got] {
            // A wrong length: what was read may be the next record's start.
            self.s.unread(&end[..got]);
            return self.broken("record not followed by CRLF CRLF (wrong Content-Length?)");
        }
        Some(Ok(framed))
    }

    /// A body of `len` bytes (within the size limit), read in pieces so that a `.warc.gz`
    /// record expanding beyond `--max-gzip-ratio` is stopped there. `None`: the file ends
    /// first (the bytes read are given back, so a record inside them is still found).
    fn body(&mut self, len: usize, limits: &Limits) -> std::io::Result<Body> {
        let c0 = self.s.compressed();
        let mut body = Vec::with_capacity(len.min(1 << 20));
        while body.len() < len {
            let want = (len - body.len()).min(1 << 16) as u64;
            if (&mut self.s).take(want).read_to_end(&mut body)? == 0 {
                break;
            }
            if let (Some(c0), Some(c)) = (c0, self.s.compressed()) {
                let compressed = c - c0;
                let limit = usize::try_from(compressed)
                    .unwrap_or(usize::MAX)
                    .saturating_mul(limits.max_gzip_ratio)
                    .max(GZIP_RATIO_FLOOR);
                if body.len() > limit {
                    let rest = (len - body.len()) as u64;
                    drop(body);
                    return Ok(if self.s.skip(rest)? {
                        Body::Bomb(limit, compressed)
                    } else {
                        Body::Short
                    });
                }
            }
        }
        if body.len() < len {
            self.s.unread(&body);
            return Ok(Body::Short);
        }
        Ok(Body::Whole(body))
    }
}

/// The documents of one WARC file, read lazily, record by record.
pub struct WarcDocs {
    records: Framer,
    rel: String,
    index: usize,
    limits: Limits,
}

/// Opens a WARC file (gzip detected by its magic bytes). Only a regular file is opened
/// (anything else gets a warning, as in [`super::read_limited`]).
pub fn open(path: &Path, rel: &str, limits: &Limits) -> Result<WarcDocs, DocError> {
    let mut f = super::open_regular(path).map_err(|e| match e {
        ReadError::NotRegular(_) => DocError::warning(rel, "ingest", e.to_string()),
        e => DocError::error(rel, "ingest", e.to_string()),
    })?;
    let err = |e: std::io::Error| DocError::error(rel, "ingest", format!("cannot read: {e}"));
    let mut magic = [0u8; 2];
    let n = f.read(&mut magic).map_err(err)?;
    f.seek(SeekFrom::Start(0)).map_err(err)?;
    let input = if n == 2 && magic == [0x1f, 0x8b] {
        Input::Gz(Box::new(open_gz(f)), path.to_path_buf())
    } else {
        let size = f.metadata().map_err(err)?.len();
        Input::Plain(BufReader::with_capacity(1 << 16, f), size)
    };
    Ok(WarcDocs {
        records: Framer::new(input),
        rel: rel.to_string(),
        index: 0,
        limits: *limits,
    })
}

/// The documents of a WARC stream already opened (decompressed): what [`open`] returns
/// for a file, for any reader (`rel` names the source in records and errors). Without a
/// file under it, a record whose length runs past the end is not gone back to.
pub fn from_reader(r: Box<dyn BufRead + Send>, rel: &str, max_bytes: usize) -> WarcDocs {
    WarcDocs {
        records: Framer::new(Input::Other(r)),
        rel: rel.to_string(),
        index: 0,
        limits: Limits {
            max_doc_bytes: max_bytes,
            ..Limits::default()
        },
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

fn decompress(b: &[u8], encoding: &str, limits: &Limits) -> Result<Vec<u8>, String> {
    let max = super::expansion_limit(b.len(), limits);
    let mut out = Vec::new();
    let limit = max as u64 + 1;
    let r = match encoding {
        "gzip" | "x-gzip" => GzDecoder::new(b).take(limit).read_to_end(&mut out),
        "deflate" => DeflateDecoder::new(b).take(limit).read_to_end(&mut out),
        _ => return Ok(b.to_vec()),
    };
    r.map_err(|e| format!("cannot decode {encoding} content: {e}"))?;
    if out.len() > max {
        return Err(super::over_expansion("decodes", max, b.len(), limits));
    }
    Ok(out)
}

impl WarcDocs {
    fn source(&self) -> String {
        format!("{}#{}", self.rel, self.index)
    }

    fn reject(&self, m: impl Into<String>) -> DocError {
        DocError::error(&self.source(), "ingest", m)
    }

    /// One record: `Ok(None)` for records that are not HTML pages.
    fn record(&self, h: &RawRecordHeader, body: &[u8]) -> Result<Option<RawDoc>, DocError> {
        let max_bytes = self.limits.max_doc_bytes;
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
                    payload = decompress(&payload, &enc.to_ascii_lowercase(), &self.limits)
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
        if payload.len() > max_bytes {
            return Err(self.reject(format!(
                "{} bytes, over the limit of {max_bytes} bytes (--max-doc-bytes); skipped",
                payload.len(),
            )));
        }
        // The page's own declaration wins; else the HTTP charset; else detection.
        let http_charset = ct
            .split(';')
            .filter_map(|p| p.trim().strip_prefix("charset="))
            .next()
            .and_then(|c| encoding_rs::Encoding::for_label(c.trim_matches('"').as_bytes()));
        let id = content_id(&payload);
        let decoded = decode::decode_bytes(Cow::Owned(payload), true, http_charset)
            .map_err(|m| self.reject(m))?;
        let date = header(h, WarcHeader::Date).and_then(|d| Date::parse_iso(d.get(..10)?));
        Ok(Some(RawDoc {
            source: self.source(),
            id,
            format: Format::Html,
            content: decoded.text,
            meta: Some(Meta {
                url: header(h, WarcHeader::TargetURI),
                ..Meta::default()
            }),
            meta_published: None,
            embedded_title: None,
            embedded_author: None,
            embedded_published: None,
            file_date: date,
            warnings: decoded.warnings,
        }))
    }
}

impl Iterator for WarcDocs {
    type Item = Result<RawDoc, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        let max = self.limits.max_doc_bytes;
        loop {
            let framed = self.records.next(&self.limits)?;
            self.index += 1;
            let (h, body) = match framed {
                Ok(Framed::Record(h, body)) => (h, body),
                Ok(Framed::TooLarge(len)) => {
                    return Some(Err(self.reject(format!(
                        "record of {len} bytes, over the limit of {max} bytes (--max-doc-bytes); skipped"
                    ))));
                }
                Ok(Framed::Overrun(len)) => {
                    return Some(Err(self.reject(format!(
                        "record of {len} bytes, over the limit of {max} bytes (--max-doc-bytes), \
                         and the file ends before it does (truncated, or a wrong Content-Length); \
                         skipped, and the next record header after it looked for"
                    ))));
                }
                Ok(Framed::Bomb(limit, compressed)) => {
                    let m = super::over_expansion(
                        "record expands",
                        limit,
                        usize::try_from(compressed).unwrap_or(usize::MAX),
                        &self.limits,
                    );
                    return Some(Err(self.reject(m)));
                }
                // Reading goes on at the next record found (the framer looks for it).
                Err(m) => return Some(Err(self.reject(format!("broken WARC record: {m}")))),
            };
            match self.record(&h, &body) {
                Ok(Some(d)) => return Some(Ok(d)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(uri: &str, length: usize, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: {uri}\r\n\
             Content-Type: text/html\r\nContent-Length: {length}\r\n\r\n{body}\r\n\r\n"
        )
    }

    fn page(uri: &str) -> String {
        let body = format!("<html><body><p>Tomas Varga was arrested ({uri}).</p></body></html>");
        record(uri, body.len(), &body)
    }

    /// (source, URL) of the documents, or the error message.
    fn read(bytes: String) -> Vec<Result<(String, String), String>> {
        let r: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(bytes.into_bytes()));
        from_reader(r, "f.warc", 1 << 20)
            .map(|d| match d {
                Ok(d) => Ok((d.source, d.meta.and_then(|m| m.url).unwrap_or_default())),
                Err(e) => Err(format!("{}: {}", e.source, e.message)),
            })
            .collect()
    }

    #[test]
    fn a_wrong_length_costs_only_its_record() {
        let body = "<p>short</p>";
        for (liar, want) in [
            // Longer than the rest of the file: the next record is inside the bytes read.
            (
                record("b", 5000, body),
                "file ends inside a record body (truncated)",
            ),
            // Shorter than the body: no CRLF CRLF where the record should end.
            (record("b", 3, body), "record not followed by CRLF CRLF"),
        ] {
            let got = read([page("a"), liar, page("c")].concat());
            assert_eq!(got.len(), 3, "{got:?}");
            assert_eq!(got[0], Ok(("f.warc#1".into(), "a".into())));
            let e = got[1].as_ref().unwrap_err();
            assert!(e.starts_with("f.warc#2: ") && e.contains(want), "{e}");
            assert_eq!(got[2], Ok(("f.warc#3".into(), "c".into())));
        }
        // Over the size limit and past the end: a stream without a file under it cannot go
        // back to the next record (a `.warc` or `.warc.gz` file can: tests/robust_input.rs).
        let got = read([page("a"), record("b", 1 << 40, body), page("c")].concat());
        assert_eq!(got.len(), 2, "{got:?}");
        let e = got[1].as_ref().unwrap_err();
        assert!(e.contains("the file ends before it does"), "{e}");
    }

    #[test]
    fn the_boundary_is_found_across_chunks() {
        let mut m = Boundary::at_line_start();
        assert_eq!(m.find_in(b"xx\r\nWAR"), None);
        assert_eq!(m.find_in(b"C/1.0\r\n"), Some(4));
        let mut m = Boundary::at_line_start();
        assert_eq!(m.find_in(b"WARC/1.0"), Some(7));
        let mut m = Boundary(0);
        assert_eq!(m.find_in(b"WARC/1.0 \n\nWARC/1."), Some(18));
    }
}

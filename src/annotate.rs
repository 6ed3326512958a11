//! Corpus-free annotation: one document or a JSON-lines stream in, JSON lines out.
//!
//! This is the map step that Spark's `RDD.pipe`, Hadoop streaming or GNU parallel call:
//! input is read in bounded batches, each batch is annotated in parallel, and output lines
//! keep the input order. For text input the output `text` is the input unchanged, so
//! offsets index the caller's string; for HTML it is the extracted main text.
//!
//! Input lines: `{"id", "text" | "html", "published"?, "url"?}`. Output lines:
//! `{"id", "text", "published", "url", "title", "author", "mentions", "timexes",
//! "events"}`. Every input
//! line gets exactly one output line: a line that is blank or cannot be read gives
//! `{"line", "error"}` in its place.

use crate::clean;
use crate::doc::CharIndex;
use crate::doc::{DateOrigin, Doc, Published};
use crate::emit;
use crate::error::{Error, Result};
use crate::events::merge;
use crate::ingest::content_id;
use crate::pipeline::{Resources, windows};
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};
use std::io::{BufRead, Read, Write};

/// Input kinds of `casefile annotate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide from the content.
    Auto,
    /// HTML page.
    Html,
    /// Plain text, annotated as is.
    Text,
    /// JSON lines.
    Jsonl,
}

/// One input document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputDoc {
    /// Caller's id.
    pub id: Value,
    /// Plain text (annotated unchanged).
    pub text: Option<String>,
    /// HTML (main text extracted).
    pub html: Option<String>,
    /// Publication date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// URL.
    pub url: Option<String>,
}

/// Whether content looks like HTML.
pub fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head")
}

/// One annotated document: the caller's id and the document with its layers, written
/// as its output line record by record (a large document's output is never built as one
/// JSON tree: that held about 60 times the text).
pub struct Annotated<'r> {
    id: Value,
    doc: Doc,
    /// A text over [`Resources::window_bytes`], dated but not annotated: annotated window
    /// by window as it is written ([`write_windowed`]).
    windowed: Option<&'r Resources>,
}

/// Where the timex records of a huge text wait while its mentions are written: an
/// anonymous temporary file (`tempfile`: gone when closed, even if the process is killed),
/// or memory when no temporary file can be made.
enum Spill {
    File(std::io::BufWriter<std::fs::File>),
    Memory(Vec<u8>),
}

impl Spill {
    fn new() -> Spill {
        match tempfile::tempfile() {
            Ok(f) => Spill::File(std::io::BufWriter::new(f)),
            Err(_) => Spill::Memory(Vec::new()),
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Spill::File(w) => w,
            Spill::Memory(v) => v,
        }
    }

    /// Copies what was spilled to `out`.
    fn copy_to(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            Spill::File(w) => {
                w.flush()?;
                let f = w.get_mut();
                std::io::Seek::seek(f, std::io::SeekFrom::Start(0))?;
                std::io::copy(f, out)?;
                Ok(())
            }
            Spill::Memory(v) => out.write_all(v),
        }
    }
}

/// Writes the output line of a huge text in one pass over its windows: each window's
/// mentions go out as it is annotated, its timex records to a [`Spill`] copied after them,
/// its events into the list merged at the end. What this holds is one window's layers and
/// the events, never the document's layers.
fn write_windowed(
    res: &Resources,
    id: &Value,
    doc: &Doc,
    out: &mut dyn Write,
) -> serde_json::Result<()> {
    let io = serde_json::Error::io;
    let ix = CharIndex::new(&doc.text);
    let rec = emit::document_record(doc);
    out.write_all(b"{\"id\":").map_err(io)?;
    serde_json::to_writer(&mut *out, id)?;
    out.write_all(b",\"text\":").map_err(io)?;
    serde_json::to_writer(&mut *out, &doc.text)?;
    out.write_all(b",\"published\":").map_err(io)?;
    serde_json::to_writer(&mut *out, &rec.published)?;
    out.write_all(b",\"url\":").map_err(io)?;
    serde_json::to_writer(&mut *out, &doc.url)?;
    out.write_all(b",\"title\":").map_err(io)?;
    serde_json::to_writer(&mut *out, &doc.title)?;
    out.write_all(b",\"author\":").map_err(io)?;
    serde_json::to_writer(&mut *out, &doc.author)?;
    out.write_all(b",\"mentions\":[").map_err(io)?;
    let mut spill = Spill::new();
    let mut events = Vec::new();
    let (mut first_mention, mut first_timex) = (true, true);
    for w in windows(&doc.text, res.window_bytes) {
        let base = w.start;
        let mut part = Doc::default();
        part.append_shifted(res.annotated_part(doc, w), base);
        for m in &part.mentions {
            if !std::mem::take(&mut first_mention) {
                out.write_all(b",").map_err(io)?;
            }
            serde_json::to_writer(&mut *out, &emit::mention_record(doc, &ix, m))?;
        }
        let sw = spill.writer();
        for t in &part.timexes {
            if !std::mem::take(&mut first_timex) {
                sw.write_all(b",").map_err(io)?;
            }
            serde_json::to_writer(&mut *sw, &emit::timex_record(doc, &ix, t))?;
        }
        events.extend(merge::events_of(doc, &ix, &part.events));
    }
    out.write_all(b"],\"timexes\":[").map_err(io)?;
    spill.copy_to(out).map_err(io)?;
    out.write_all(b"],\"events\":").map_err(io)?;
    let merged = merge::merge(events);
    serde_json::to_writer(&mut *out, &Seq(|| merged.iter().map(emit::event_record)))?;
    out.write_all(b"}").map_err(io)
}

/// A sequence serialised from an iterator made on demand.
struct Seq<F>(F);

impl<F, I> serde::Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// The output line's fields, in order.
#[derive(serde::Serialize)]
struct Output<'a, P, M, T, E> {
    id: &'a Value,
    text: &'a str,
    published: P,
    url: &'a Option<String>,
    title: &'a Option<String>,
    author: &'a Option<String>,
    mentions: M,
    timexes: T,
    events: E,
}

impl Annotated<'_> {
    /// Writes the output object (one JSON line without its newline).
    pub fn write_json<W: Write>(&self, w: W) -> serde_json::Result<()> {
        let doc = &self.doc;
        let ix = CharIndex::new(&doc.text);
        let rec = emit::document_record(doc);
        if let Some(res) = self.windowed {
            let mut w = w;
            return write_windowed(res, &self.id, doc, &mut w);
        }
        let merged = merge::merge(merge::doc_events(doc, &ix));
        let out = Output {
            id: &self.id,
            text: &doc.text,
            published: &rec.published,
            url: &doc.url,
            title: &doc.title,
            author: &doc.author,
            mentions: Seq(|| emit::mention_records_iter(doc, &ix)),
            timexes: Seq(|| emit::timex_records_iter(doc, &ix)),
            events: Seq(|| merged.iter().map(emit::event_record)),
        };
        serde_json::to_writer(w, &out)
    }

    /// The output line (without its newline).
    pub fn to_line(&self) -> String {
        let mut buf = Vec::new();
        match self.write_json(&mut buf) {
            Ok(()) => String::from_utf8_lossy(&buf).into_owned(),
            Err(e) => emit::to_line(&json!({"error": e.to_string()})),
        }
    }

    /// The output object as a JSON value (for callers that inspect it).
    pub fn to_value(&self) -> Value {
        serde_json::from_str(&self.to_line()).unwrap_or(Value::Null)
    }
}

/// Annotates one document.
pub fn annotate_doc<'r>(
    res: &'r Resources,
    input: InputDoc,
    dct: Option<crate::doc::Date>,
) -> Result<Annotated<'r>> {
    let id_str = match &input.id {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    let mut doc = match (input.text, &input.html) {
        (Some(t), None) => Doc::new(&id_str, &id_str, t),
        (None, Some(h)) => res.clean_html(&id_str, &id_str, h, None),
        _ => {
            return Err(Error::Invalid(
                "needs exactly one of `text` and `html`".into(),
            ));
        }
    };
    if let Some(u) = input.url {
        doc.url = Some(u);
    }
    if let Some(p) = &input.published {
        let d = crate::doc::Date::parse_iso(p)
            .ok_or_else(|| Error::Invalid(format!("`published`: `{p}` is not a date")))?;
        doc.published = Some(Published {
            date: d,
            origin: DateOrigin::Meta,
        });
    } else if let Some(d) = dct {
        doc.published = Some(Published {
            date: d,
            origin: DateOrigin::Given,
        });
    } else if doc.published.is_none()
        && let Some(d) = clean::dateline(&doc.text)
    {
        doc.published = Some(Published {
            date: d,
            origin: DateOrigin::Text,
        });
    }
    // Still without a date: `annotate` infers one from the text.
    if doc.text.len() <= res.window_bytes {
        res.annotate(&mut doc);
        return Ok(Annotated {
            id: input.id,
            doc,
            windowed: None,
        });
    }
    // A huge text is annotated as it is written, window by window: dated from the whole
    // text first, as `Resources::annotate` would.
    res.tagger.infer_published(&mut doc);
    Ok(Annotated {
        id: input.id,
        doc,
        windowed: Some(res),
    })
}

/// Annotates a single document given as a string (text or HTML).
pub fn annotate_str<'r>(
    res: &'r Resources,
    content: &str,
    format: InputFormat,
    dct: Option<crate::doc::Date>,
) -> Result<Annotated<'r>> {
    annotate_string(res, content.to_string(), format, dct)
}

/// [`annotate_str`] taking the content (not copied: a large document is held once).
pub fn annotate_string<'r>(
    res: &'r Resources,
    content: String,
    format: InputFormat,
    dct: Option<crate::doc::Date>,
) -> Result<Annotated<'r>> {
    let is_html = match format {
        InputFormat::Html => true,
        InputFormat::Text => false,
        _ => looks_like_html(&content),
    };
    let id = Value::String(content_id(content.as_bytes()));
    let (text, html) = if is_html {
        (None, Some(content))
    } else {
        (Some(content), None)
    };
    let input = InputDoc {
        id,
        text,
        html,
        published: None,
        url: None,
    };
    annotate_doc(res, input, dct)
}

/// Parses and annotates input line `n`.
fn parse_line<'r>(
    res: &'r Resources,
    n: usize,
    line: &str,
    dct: Option<crate::doc::Date>,
) -> Result<Annotated<'r>> {
    serde_json::from_str::<InputDoc>(line)
        .map_err(|e| Error::Invalid(format!("line {n}: not a valid input object: {e}")))
        .and_then(|d| {
            annotate_doc(res, d, dct).map_err(|e| Error::Invalid(format!("line {n}: {e}")))
        })
}

fn annotate_line(res: &Resources, n: usize, line: &str, dct: Option<crate::doc::Date>) -> String {
    let r = parse_line(res, n, line, dct);
    match r {
        Ok(a) => a.to_line(),
        Err(e) => emit::to_line(&json!({"line": n, "error": e.to_string()})),
    }
}

/// Counts of a stream run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamStats {
    /// Lines read (each gave one output line).
    pub lines: usize,
    /// Lines that produced an error object.
    pub errors: usize,
}

/// Annotates a JSON-lines stream in bounded batches, writing one line per input line, in
/// order.
pub fn annotate_stream<R: BufRead, W: Write>(
    res: &Resources,
    reader: R,
    writer: W,
    dct: Option<crate::doc::Date>,
) -> Result<StreamStats> {
    annotate_stream_limited(
        res,
        reader,
        writer,
        dct,
        crate::limits::Limits::default().max_doc_bytes,
    )
}

/// [`annotate_stream`] with a maximum line length: a longer line is skipped without being
/// held in memory and gives `{"line", "error"}` in its place.
pub fn annotate_stream_limited<R: BufRead, W: Write>(
    res: &Resources,
    mut reader: R,
    mut writer: W,
    dct: Option<crate::doc::Date>,
    max_line_bytes: usize,
) -> Result<StreamStats> {
    const BATCH_LINES: usize = 512;
    const BATCH_BYTES: usize = 32 << 20;
    let mut stats = StreamStats::default();
    let mut n = 0usize;
    loop {
        let mut batch: Vec<(usize, Result<String>)> = Vec::new();
        let mut bytes = 0;
        let mut eof = false;
        while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
            let mut buf = Vec::new();
            // Never hold more than one line of `max_line_bytes` (+1 to notice the excess).
            let got = (&mut reader)
                .take(max_line_bytes as u64 + 1)
                .read_until(b'\n', &mut buf)
                .map_err(|e| Error::io("<input>", e))?;
            if got == 0 {
                eof = true;
                break;
            }
            n += 1;
            if buf.len() > max_line_bytes && buf.last() != Some(&b'\n') {
                // Skip the rest of the line without keeping it.
                let mut skipped = buf.len() as u64;
                loop {
                    let chunk = reader.fill_buf().map_err(|e| Error::io("<input>", e))?;
                    if chunk.is_empty() {
                        break;
                    }
                    match memchr::memchr(b'\n', chunk) {
                        Some(i) => {
                            reader.consume(i + 1);
                            skipped += i as u64;
                            break;
                        }
                        None => {
                            let l = chunk.len();
                            reader.consume(l);
                            skipped += l as u64;
                        }
                    }
                }
                batch.push((
                    n,
                    Err(Error::Invalid(format!(
                        "line is {skipped} bytes, over the limit of {max_line_bytes} (--max-doc-bytes)"
                    ))),
                ));
                continue;
            }
            bytes += got;
            let line = String::from_utf8_lossy(&buf).trim().to_string();
            if line.is_empty() {
                batch.push((
                    n,
                    Err(Error::Invalid(format!(
                        "line {n}: blank line, not an input object"
                    ))),
                ));
            } else {
                batch.push((n, Ok(line)));
            }
        }
        if batch.is_empty() {
            if eof {
                break;
            }
            continue;
        }
        // A line over a window is annotated when its turn comes and written as it is
        // serialised (its output line is never held whole); the others in parallel.
        let outs: Vec<Option<String>> = batch
            .par_iter()
            .map(|(k, l)| match l {
                Ok(l) if l.len() > res.window_bytes => None,
                Ok(l) => Some(annotate_line(res, *k, l, dct)),
                Err(e) => Some(emit::to_line(&json!({"line": k, "error": e.to_string()}))),
            })
            .collect();
        for ((k, l), o) in batch.iter().zip(outs) {
            stats.lines += 1;
            let o = match (o, l) {
                (Some(o), _) => o,
                (None, Ok(l)) => match parse_line(res, *k, l, dct) {
                    Ok(a) => {
                        a.write_json(&mut writer)
                            .map_err(|e| Error::Invalid(format!("<output>: {e}")))?;
                        writer
                            .write_all(b"\n")
                            .map_err(|e| Error::io("<output>", e))?;
                        continue;
                    }
                    Err(e) => emit::to_line(&json!({"line": k, "error": e.to_string()})),
                },
                (None, Err(e)) => emit::to_line(&json!({"line": k, "error": e.to_string()})),
            };
            if o.starts_with("{\"error\"") || o.starts_with("{\"line\"") {
                stats.errors += 1;
            }
            writer
                .write_all(o.as_bytes())
                .and_then(|_| writer.write_all(b"\n"))
                .map_err(|e| Error::io("<output>", e))?;
        }
        writer.flush().map_err(|e| Error::io("<output>", e))?;
    }
    Ok(stats)
}

//! `casefile extract`: the main text of pages, alone, for inspection and benchmarks.
//!
//! [`bench_dir`] reads every `*.html` / `*.html.gz` of a directory and, one page at a time,
//! decodes it (not timed) and extracts its main text on the calling thread (timed); it returns
//! `{id: {"articleBody": text, "title": .., "publish_date": .., "author": ..}}` with `id` the file name
//! without extensions: the format the article-extraction scorer reads (it uses
//! `articleBody`; `bench/wcxb.sh` scores the metadata).

use crate::clean::Cleaner;
use crate::error::{Error, Result};
use crate::ingest::{self, decode};
use crate::limits::Limits;
use crate::pipeline::clean_html_with;
use serde_json::{Map, Value, json};
use std::borrow::Cow;
use std::path::Path;
use std::time::Instant;

/// Result of a benchmark pass.
pub struct BenchResult {
    /// `{id: {"articleBody": text, "title": title, "publish_date": YYYY-MM-DD, "author":
    /// names}}` (null where the page gives none).
    pub predictions: Value,
    /// Pages extracted.
    pub pages: usize,
    /// Decoded HTML bytes.
    pub bytes: usize,
    /// Seconds spent extracting (parse, extraction, cleaning), on one thread.
    pub seconds: f64,
}

/// Extracts the main text of every page of `dir` on the calling thread.
pub fn bench_dir(cleaner: &Cleaner, dir: &Path) -> Result<BenchResult> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| ingest::format_of(p) == Some(ingest::Format::Html))
        .collect();
    files.sort();
    // Each page is read and decoded (not timed), extracted (timed) and dropped before the
    // next is read: the pages are never all held at once.
    let (mut bytes, mut pages) = (0, 0);
    let mut timed = std::time::Duration::ZERO;
    let mut out = Map::new();
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let id = name.split('.').next().unwrap_or(name).to_string();
        let failed = |m| Error::Document {
            path: f.display().to_string(),
            reason: m,
        };
        let raw = ingest::read_bytes(f).map_err(failed)?;
        let html = decode::decode_bytes(Cow::Owned(raw), true, None)
            .map_err(failed)?
            .text;
        bytes += html.len();
        pages += 1;
        let t0 = Instant::now();
        let doc = clean_html_with(cleaner, Limits::default().max_depth, &id, &id, &html, None);
        let prediction = json!({
            "articleBody": doc.text,
            "title": doc.title,
            "publish_date": doc.published.as_ref().map(|p| p.date.iso()),
            "author": doc.author,
        });
        timed += t0.elapsed();
        out.insert(id, prediction);
    }
    let seconds = timed.as_secs_f64();
    Ok(BenchResult {
        predictions: Value::Object(out),
        pages,
        bytes,
        seconds,
    })
}

//! `casefile extract`: the main text of pages, alone, for inspection and benchmarks.
//!
//! [`bench_dir`] reads every `*.html` / `*.html.gz` of a directory (decoding not timed),
//! extracts the main text of each on the calling thread (timed), and returns
//! `{id: {"articleBody": text, "title": .., "publish_date": ..}}` with `id` the file name
//! without extensions: the format the article-extraction scorer reads (it uses
//! `articleBody`; `bench/wcxb.sh` scores the metadata).

use crate::clean::Cleaner;
use crate::error::{Error, Result};
use crate::ingest;
use crate::limits::Limits;
use crate::pipeline::clean_html_with;
use serde_json::{Map, Value, json};
use std::path::Path;
use std::time::Instant;

/// Result of a benchmark pass.
pub struct BenchResult {
    /// `{id: {"articleBody": text, "title": title, "publish_date": YYYY-MM-DD}}` (null
    /// where the page gives none).
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
    let mut pages = Vec::with_capacity(files.len());
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let id = name.split('.').next().unwrap_or(name).to_string();
        let bytes = ingest::read_bytes(f).map_err(|m| Error::Document {
            path: f.display().to_string(),
            reason: m,
        })?;
        let html = ingest::decode_html(&bytes).map_err(|m| Error::Document {
            path: f.display().to_string(),
            reason: m,
        })?;
        pages.push((id, html));
    }
    let bytes = pages.iter().map(|(_, h)| h.len()).sum();
    let t0 = Instant::now();
    let mut out = Map::new();
    for (id, html) in &pages {
        let doc = clean_html_with(cleaner, Limits::default().max_depth, id, id, html, None);
        out.insert(
            id.clone(),
            json!({
                "articleBody": doc.text,
                "title": doc.title,
                "publish_date": doc.published.as_ref().map(|p| p.date.iso()),
            }),
        );
    }
    let seconds = t0.elapsed().as_secs_f64();
    Ok(BenchResult {
        predictions: Value::Object(out),
        pages: pages.len(),
        bytes,
        seconds,
    })
}

//! Date-rule throughput on one thread.
//!
//! usage: dates_bench DOCS.jsonl [MIN_MB]
//!
//! DOCS.jsonl holds `{"doc", "dct", "text"}` lines (the TempEval-3 dump). Every document is
//! tagged with its DCT as anchor, in rounds, until at least MIN_MB (default 20) of text has
//! been processed; prints MB/s of text.

use casefile::dates::Tagger;
use casefile::doc::{Date, DateOrigin, Doc, Published};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: dates_bench DOCS.jsonl [MIN_MB]");
    let min_mb: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20.0);
    let docs: Vec<(String, Option<Date>)> = std::fs::read_to_string(path)
        .expect("docs file")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            let dct = v["dct"]
                .as_str()
                .and_then(|d| Date::parse_iso(&d[..d.len().min(10)]));
            (v["text"].as_str().unwrap_or("").to_string(), dct)
        })
        .collect();
    let tagger = Tagger::new();
    let mut bytes = 0usize;
    let mut timexes = 0usize;
    let t0 = Instant::now();
    while (bytes as f64) < min_mb * 1e6 {
        for (text, dct) in &docs {
            let mut d = Doc::new("d", "d", text.clone());
            d.published = dct.map(|date| Published {
                date,
                origin: DateOrigin::Given,
            });
            tagger.tag(&mut d);
            timexes += d.timexes.len();
            bytes += text.len();
        }
    }
    let s = t0.elapsed().as_secs_f64();
    println!(
        "{:.1} MB of text, {timexes} timexes, {s:.2}s on one thread: {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / s
    );
}

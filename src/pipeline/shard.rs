//! Scale-out without a home-made cluster: `casefile run --shard K/N` processes the files
//! whose content id hashes to shard K (0-based); `casefile merge OUT...` combines shard
//! outputs into what one run over the whole corpus writes, byte for byte.
//!
//! The merge needs no document text: every shard's `manifest.jsonl` says where each file's
//! records sit in its `documents.jsonl`, `mentions.jsonl` and `timexes.jsonl`, and holds the
//! file's events before the cross-document merge, its entity counts and error records. The
//! merge puts the files back in corpus order, copies their records, and merges the events
//! across all shards as a single run does.
//!
//! ```
//! use casefile::pipeline::shard::Shard;
//! let s: Shard = "1/4".parse().unwrap();
//! assert_eq!((s.k, s.n), (1, 4));
//! let owners = (0..4).filter(|k| Shard { k: *k, n: 4 }.owns("e262081d717441fd")).count();
//! assert_eq!(owners, 1);
//! assert!("4/4".parse::<Shard>().is_err());
//! ```

use super::{RunSummary, Sink, Writers, stored};
use crate::emit::{self, manifest};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::ingest::DocError;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Shard K of N (K from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, `0..n`.
    pub k: u32,
    /// Number of shards.
    pub n: u32,
}

impl std::str::FromStr for Shard {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::Invalid(format!("--shard: `{s}` is not K/N with 0 <= K < N"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n): (u32, u32) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if n == 0 || k >= n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }
}

impl Shard {
    /// Whether this shard processes the document with content id `id` (for a file that
    /// cannot be read: its path in the corpus).
    pub fn owns(&self, id: &str) -> bool {
        let h = Sha256::digest(id.as_bytes());
        let mut b = [0u8; 8];
        b.copy_from_slice(&h[..8]);
        u64::from_le_bytes(b) % u64::from(self.n) == u64::from(self.k)
    }
}

/// The sort key of a manifest source in corpus order: the file's path (by components, as
/// the corpus walk sorts) and, for a page of a WARC file (`crawl.warc.gz#12`), its record
/// number.
fn corpus_order(source: &str) -> (&Path, u64) {
    match source.rsplit_once('#') {
        Some((file, n)) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => {
            (Path::new(file), n.parse().unwrap_or(u64::MAX))
        }
        _ => (Path::new(source), 0),
    }
}

/// One shard's manifest.
struct ShardRun {
    dir: PathBuf,
    header: manifest::Header,
    entries: Vec<manifest::Entry>,
}

fn read_shard(dir: &Path) -> Result<ShardRun> {
    let p = dir.join(manifest::MANIFEST);
    let f = std::fs::File::open(&p).map_err(|e| Error::io(&p, e))?;
    let mut lines = std::io::BufReader::new(f).lines();
    let bad = |line: usize, reason: String| Error::Rule {
        path: p.clone(),
        line,
        reason,
    };
    let header: manifest::Header = match lines.next() {
        Some(l) => serde_json::from_str(&l.map_err(|e| Error::io(&p, e))?)
            .map_err(|e| bad(1, format!("not a manifest header: {e}")))?,
        None => return Err(bad(1, "empty manifest".into())),
    };
    if header.manifest_version != manifest::MANIFEST_VERSION {
        return Err(bad(
            1,
            format!("manifest version {}", header.manifest_version),
        ));
    }
    let mut entries = Vec::new();
    for (i, l) in lines.enumerate() {
        let l = l.map_err(|e| Error::io(&p, e))?;
        entries
            .push(serde_json::from_str(&l).map_err(|e| bad(i + 2, format!("not an entry: {e}")))?);
    }
    Ok(ShardRun {
        dir: dir.to_path_buf(),
        header,
        entries,
    })
}

/// Merges shard outputs (`run --shard K/N` out directories) into `out`, as one run over
/// the whole corpus writes it. The shards must have been made with the same executable,
/// gazetteers, rules and limits (their manifests say so); `gazetteers` is needed for
/// `entities.jsonl`.
pub fn merge_runs(inputs: &[PathBuf], out: &Path, gazetteers: &Path) -> Result<RunSummary> {
    merge_runs_with_names(inputs, out, gazetteers, &[])
}

/// [`merge_runs`] with the name lists the shards ran with (for `entities.jsonl`).
pub fn merge_runs_with_names(
    inputs: &[PathBuf],
    out: &Path,
    gazetteers: &Path,
    names: &[PathBuf],
) -> Result<RunSummary> {
    let t0 = Instant::now();
    if inputs.is_empty() {
        return Err(Error::Invalid("merge: no shard outputs given".into()));
    }
    let shards: Vec<ShardRun> = inputs
        .iter()
        .map(|d| read_shard(d))
        .collect::<Result<_>>()?;
    let config = shards[0].header.config.clone();
    if let Some(s) = shards.iter().find(|s| s.header.config != config) {
        return Err(Error::Invalid(format!(
            "{}: made with another executable, gazetteers, rules or limits than {}",
            s.dir.display(),
            shards[0].dir.display()
        )));
    }
    let (gazetteer, _) = Gazetteer::load(
        gazetteers,
        names,
        crate::limits::Limits::default().max_gazetteer_bytes,
    )?;
    // Every file in corpus order (the order of the corpus walk: path components).
    let mut order: Vec<(usize, usize)> = Vec::new();
    for (si, s) in shards.iter().enumerate() {
        order.extend((0..s.entries.len()).map(|ei| (si, ei)));
    }
    order.sort_by(|a, b| {
        corpus_order(&shards[a.0].entries[a.1].source)
            .cmp(&corpus_order(&shards[b.0].entries[b.1].source))
    });
    if let Some(w) = order
        .windows(2)
        .find(|w| shards[w[0].0].entries[w[0].1].source == shards[w[1].0].entries[w[1].1].source)
    {
        return Err(Error::Invalid(format!(
            "merge: {} is in two shard outputs ({} and {})",
            shards[w[0].0].entries[w[0].1].source,
            shards[w[0].0].dir.display(),
            shards[w[1].0].dir.display()
        )));
    }
    let mut stage = emit::outdir::OutDir::begin(out)?;
    let mut writers = Writers::open(&stage)?;
    let mut manifest_out = Sink::create(stage.path(manifest::MANIFEST))?;
    manifest_out.put_record(&shards[0].header)?;
    let mut files: HashMap<(usize, &'static str), std::fs::File> = HashMap::new();
    let mut events = Vec::new();
    let mut errors: Vec<DocError> = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut discovered = crate::emit::Discovered::new();
    for (si, ei) in order {
        let e = &shards[si].entries[ei];
        let marks = writers.marks();
        for (name, r, sink) in [
            ("documents.jsonl", e.documents, &mut writers.documents),
            ("mentions.jsonl", e.mentions, &mut writers.mentions),
            ("timexes.jsonl", e.timexes, &mut writers.timexes),
        ] {
            if r.len == 0 {
                continue;
            }
            let f = match files.entry((si, name)) {
                std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                std::collections::hash_map::Entry::Vacant(v) => {
                    let p = shards[si].dir.join(name);
                    v.insert(std::fs::File::open(&p).map_err(|err| Error::io(&p, err))?)
                }
            };
            sink.copy_range(f, r, &shards[si].dir.join(name))?;
        }
        let mut entry = e.clone();
        entry.documents = writers.documents.since(marks[0]);
        entry.mentions = writers.mentions.since(marks[1]);
        entry.timexes = writers.timexes.since(marks[2]);
        entry.errors = stored(&e.doc_errors());
        manifest_out.put_record(&entry)?;
        errors.extend(e.doc_errors());
        for (id, n) in entry.entity_counts {
            *counts.entry(id).or_default() += n;
        }
        crate::emit::merge_discovered(&mut discovered, entry.discovered);
        events.extend(entry.events);
    }
    let sources: usize = shards.iter().map(|s| s.entries.len()).sum();
    // Every shard reads the whole corpus listing: its files count is the corpus's.
    let n_files = shards
        .iter()
        .filter_map(|s| {
            let text = std::fs::read_to_string(s.dir.join("run.json")).ok()?;
            let v: serde_json::Value = serde_json::from_str(&text).ok()?;
            v["counts"]["files"].as_u64()
        })
        .max()
        .unwrap_or(0) as usize;
    let (n_documents, n_mentions, n_timexes) = (
        writers.documents.records,
        writers.mentions.records,
        writers.timexes.records,
    );
    writers.finish(&mut stage)?;
    manifest_out.finish(&mut stage)?;
    let n_events = super::write_merged(
        &mut stage,
        &gazetteer,
        events,
        &counts,
        &discovered,
        &errors,
    )?;
    let n_errors = errors
        .iter()
        .filter(|e| e.level == crate::ingest::Level::Error)
        .count();
    let summary = RunSummary {
        files: n_files,
        documents: n_documents,
        sources,
        reused: 0,
        not_reused: None,
        errors: n_errors,
        warnings: errors.len() - n_errors,
        mentions: n_mentions,
        timexes: n_timexes,
        events: n_events,
        error_records: errors.len(),
        name_warnings: Vec::new(),
        seconds: t0.elapsed().as_secs_f64(),
    };
    let (counts, definitions) = summary.counts_json(gazetteer.entities.len() + discovered.len());
    let run_json = json!({
        "schema_version": emit::SCHEMA_VERSION,
        "casefile_version": env!("CARGO_PKG_VERSION"),
        "corpus": format!(
            "merge of {}",
            inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        ),
        "gazetteers": gazetteers.display().to_string(),
        "rules": "as in the shards (same configuration fingerprint)",
        "jobs": 1,
        "counts": counts,
        "count_definitions": definitions,
        "seconds": summary.seconds,
    });
    stage.write("run.json", emit::run_json_text(&run_json).as_bytes())?;
    stage.commit()?;
    Ok(summary)
}

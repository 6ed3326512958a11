//! The run manifest, `manifest.jsonl` in the out directory: what an incremental run or a
//! shard merge needs to reuse a document's output without reading the document again.
//!
//! The first line is a [`Header`]: the manifest layout version and a fingerprint of
//! everything besides the documents that shapes the output (the casefile build, the
//! gazetteer files, the rule files, the limits). Every further line is one corpus file's
//! [`Entry`], in corpus order: its content fingerprint, where its records sit in
//! `documents.jsonl`, `mentions.jsonl` and `timexes.jsonl` (byte ranges), and what the
//! cross-document steps need from it (its events before merging, its entity counts, its
//! error records). Files that failed have an entry marked `failed` with their error
//! records (shard merges keep them); they are never reused, always retried.
//!
//! Every run writes the manifest; `casefile run --incremental` reads the previous one and
//! reuses every entry whose file fingerprint and header fingerprint still match.

use crate::error::{Error, Result};
use crate::events::merge::DocEvent;
use crate::ingest::{DocError, RawDoc};
use crate::limits::Limits;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// File name of the manifest inside the out directory.
pub const MANIFEST: &str = "manifest.jsonl";
/// Version of the manifest layout; a different version is never reused.
pub const MANIFEST_VERSION: u32 = 1;

/// The manifest's first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Layout version ([`MANIFEST_VERSION`]).
    pub manifest_version: u32,
    /// casefile's version, for readers.
    pub casefile_version: String,
    /// Fingerprint of the executable, gazetteers, rules and limits.
    pub config: String,
}

/// A byte range of one output file holding a file's records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// First byte.
    pub offset: u64,
    /// Length in bytes.
    pub len: u64,
    /// Number of records (lines).
    pub records: usize,
}

/// A stored error record of a file (a broken sidecar, a cleaning warning).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredError {
    /// Stage.
    pub stage: String,
    /// Error or warning.
    #[serde(default)]
    pub level: crate::ingest::Level,
    /// Message.
    pub message: String,
}

/// One corpus file's reusable output.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// Path inside the corpus.
    pub source: String,
    /// Content fingerprint ([`file_fingerprint`]).
    pub fingerprint: String,
    /// Its lines in `documents.jsonl`.
    pub documents: Range,
    /// Its lines in `mentions.jsonl`.
    pub mentions: Range,
    /// Its lines in `timexes.jsonl`.
    pub timexes: Range,
    /// Its events before the cross-document merge.
    pub events: Vec<DocEvent>,
    /// Mentions per entity id.
    pub entity_counts: BTreeMap<String, usize>,
    /// The names it discovered (`new/...` ids), with their types and surfaces.
    #[serde(default)]
    pub discovered: crate::emit::Discovered,
    /// Its error records, in output order.
    pub errors: Vec<StoredError>,
    /// The file failed (its error records say why): never reused, always retried.
    #[serde(default)]
    pub failed: bool,
}

impl Entry {
    /// The stored error records as the pipeline's errors.
    pub fn doc_errors(&self) -> Vec<DocError> {
        self.errors
            .iter()
            .map(|e| DocError {
                source: self.source.clone(),
                stage: static_stage(&e.stage),
                level: e.level,
                message: e.message.clone(),
            })
            .collect()
    }
}

/// The pipeline's stage names (error records name one).
const STAGES: &[&str] = &["ingest", "meta", "clean", "annotate", "emit"];

fn static_stage(s: &str) -> &'static str {
    STAGES
        .iter()
        .find(|x| **x == s)
        .copied()
        .unwrap_or("unknown")
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Fingerprint of a read document: its decoded bytes' id, its format, its sidecar
/// metadata and its file date (all the inputs of processing besides the configuration).
pub fn file_fingerprint(raw: &RawDoc, path: &Path) -> String {
    let mut h = Sha256::new();
    h.update(raw.source.as_bytes());
    h.update([0]);
    h.update(raw.id.as_bytes());
    h.update(format!("{:?}|{:?}", raw.format, raw.file_date).as_bytes());
    // Read as the document's reader reads it: a FIFO is never opened.
    let side = crate::ingest::read_regular(
        &crate::ingest::sidecar_of(path),
        crate::ingest::MAX_SIDECAR_BYTES,
    );
    if let Ok(side) = side {
        h.update([1]);
        h.update(&side);
    }
    hex(&h.finalize()[..16])
}

/// Fingerprint of the configuration: the build (its identity from `build.rs`: a changed
/// source, built-in rule or compiler changes the output's maker), every gazetteer file,
/// every rule file, and the limits.
pub fn config_fingerprint(
    gazetteers: &Path,
    names: &[PathBuf],
    rules: Option<&Path>,
    limits: &Limits,
    timexes: crate::dates::scheme::TimexScheme,
) -> Result<String> {
    let mut h = Sha256::new();
    h.update(
        format!(
            "v{MANIFEST_VERSION}|{}|{limits:?}|timexes={}\n",
            env!("CARGO_PKG_VERSION"),
            timexes.name()
        )
        .as_bytes(),
    );
    // The build's identity (build.rs: a hash of the sources, built-in rules, lock file and
    // compiler): equal for equivalent builds on any machine, free to read.
    h.update(env!("CASEFILE_BUILD_ID").as_bytes());
    for (label, dir) in [("gazetteers", Some(gazetteers)), ("rules", rules)] {
        h.update(label.as_bytes());
        let Some(dir) = dir else {
            h.update(b"builtin");
            continue;
        };
        if label == "gazetteers" && crate::gazetteer::is_builtin(dir) {
            // The built-in set, hashed like a directory of the same files.
            for (name, body) in crate::gazetteer::BUILTIN_FILES {
                h.update(name.as_bytes());
                h.update((body.len() as u64).to_le_bytes());
                h.update(body.as_bytes());
            }
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            let b = std::fs::read(&f).map_err(|e| Error::io(&f, e))?;
            h.update(
                f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            h.update((b.len() as u64).to_le_bytes());
            h.update(&b);
        }
    }
    for f in names {
        let b = std::fs::read(f).map_err(|e| Error::io(f, e))?;
        h.update(b"names");
        h.update((b.len() as u64).to_le_bytes());
        h.update(&b);
    }
    Ok(hex(&h.finalize()[..16]))
}

/// A previous run's manifest with its output files, for reuse.
pub struct Previous {
    dir: PathBuf,
    entries: HashMap<String, Entry>,
    files: HashMap<&'static str, std::fs::File>,
}

/// Why a previous manifest cannot be reused (printed by `run --incremental`).
pub type NotReusable = String;

impl Previous {
    /// Reads `out/manifest.jsonl` if it exists and was made with the configuration
    /// `config`; otherwise says why nothing can be reused.
    pub fn load(out: &Path, config: &str) -> std::result::Result<Self, NotReusable> {
        let p = out.join(MANIFEST);
        let f = std::fs::File::open(&p).map_err(|_| format!("no {}", p.display()))?;
        let mut lines = std::io::BufReader::new(f).lines();
        let header: Header = lines
            .next()
            .and_then(|l| l.ok())
            .and_then(|l| serde_json::from_str(&l).ok())
            .ok_or_else(|| format!("{}: no valid header", p.display()))?;
        if header.manifest_version != MANIFEST_VERSION {
            return Err(format!(
                "{}: manifest version {}",
                p.display(),
                header.manifest_version
            ));
        }
        if header.config != config {
            return Err("the executable, gazetteers, rules or limits changed".into());
        }
        let mut entries = HashMap::new();
        for (i, l) in lines.enumerate() {
            let l = l.map_err(|e| format!("{}: {e}", p.display()))?;
            let e: Entry =
                serde_json::from_str(&l).map_err(|e| format!("{}:{}: {e}", p.display(), i + 2))?;
            entries.insert(e.source.clone(), e);
        }
        let mut files = HashMap::new();
        for name in OUTPUTS {
            let fp = out.join(name);
            let f = std::fs::File::open(&fp).map_err(|_| format!("no {}", fp.display()))?;
            files.insert(name, f);
        }
        Ok(Previous {
            dir: out.to_path_buf(),
            entries,
            files,
        })
    }

    /// The entry of `source` if its fingerprint is still `fingerprint`.
    pub fn reusable(&self, source: &str, fingerprint: &str) -> Option<&Entry> {
        self.entries
            .get(source)
            .filter(|e| !e.failed && e.fingerprint == fingerprint)
    }

    /// Whether the previous output file `name` holds the range (checked before anything
    /// is copied, so a short file means processing the document again, not half a copy).
    pub fn has(&self, name: &'static str, r: Range) -> bool {
        self.files
            .get(name)
            .and_then(|f| f.metadata().ok())
            .is_some_and(|m| {
                r.offset
                    .checked_add(r.len)
                    .is_some_and(|end| end <= m.len())
            })
    }

    /// The previous output file `name` (`documents.jsonl`, ...). Only the writing thread
    /// reads it (the annotating threads only ask [`Previous::has`]), so sharing the file
    /// handle's offset is safe.
    pub fn file(&self, name: &str) -> Option<&std::fs::File> {
        self.files.get(name)
    }

    /// The previous out directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Copies a manifest range of an output file (a previous run's, a shard's) into `w`.
pub fn copy_range(mut f: &std::fs::File, r: Range, w: &mut impl Write) -> std::io::Result<()> {
    if r.len == 0 {
        return Ok(());
    }
    f.seek(SeekFrom::Start(r.offset))?;
    let n = std::io::copy(&mut Read::by_ref(&mut f).take(r.len), w)?;
    if n != r.len {
        return Err(std::io::Error::other("shorter than its manifest says"));
    }
    Ok(())
}

/// The per-document output files whose ranges the manifest records.
pub const OUTPUTS: [&str; 3] = ["documents.jsonl", "mentions.jsonl", "timexes.jsonl"];

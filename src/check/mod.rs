//! `casefile check`: the consistency gate a corpus repository runs in its CI.
//!
//! It loads the gazetteers (reporting every error with file and line), lists the surfaces
//! several entities share, runs the pipeline over the corpus into a temporary directory,
//! and reads the output back for findings: documents that failed or came out empty,
//! spellings that look like unknown variants of known entities, names the gazetteer lacks,
//! sources that contradict each other on an event, and (with an expected snapshot) drift
//! of the output from the reviewed one.
//!
//! Every [`Finding`] has a code, a [`Severity`], a location (file and line, or document
//! and character span) and a fix hint. A [`Policy`] (a small text file) changes the
//! severity of codes or ignores them and says which severity fails the check.
//!
//! ```
//! use casefile::check::{Policy, Severity};
//! let p = Policy::parse("fail_on = warning\nname.new_entity = ignore\n", "p").unwrap();
//! assert_eq!(p.fail_on, Some(Severity::Warning));
//! assert_eq!(p.severity("name.new_entity", Severity::Info), None);
//! assert_eq!(p.severity("event.conflict", Severity::Warning), Some(Severity::Warning));
//! ```

pub mod drift;
pub mod locate;

use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, SurfaceKind};
use crate::limits::Limits;
use crate::pipeline::{self, RunConfig};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing (a new name, a declared ambiguity).
    Info,
    /// Needs a look (an unknown variant, sources that disagree).
    Warning,
    /// Wrong (a broken gazetteer, a document that failed, drift from the snapshot).
    Error,
}

impl Severity {
    /// Parses `info`, `warning` or `error`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
    /// The output name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Every finding code with its default severity and what it means (the README's table
/// and the policy file's vocabulary).
pub const CODES: &[(&str, Severity, &str)] = &[
    (
        "gazetteer.invalid",
        Severity::Error,
        "a gazetteer file has an error (duplicate id, clashing surface, bad syntax)",
    ),
    (
        "names.invalid",
        Severity::Error,
        "a line of a name list (--names) is malformed and was skipped",
    ),
    (
        "gazetteer.ambiguous",
        Severity::Info,
        "a surface several entities share; mentions are told apart by context words",
    ),
    (
        "gazetteer.ambiguous_no_context",
        Severity::Warning,
        "a shared surface where an entity has no context words to tell it apart",
    ),
    (
        "document.failed",
        Severity::Error,
        "a corpus file could not be read or processed",
    ),
    (
        "document.metadata",
        Severity::Warning,
        "a sidecar metadata file is broken",
    ),
    (
        "document.empty",
        Severity::Warning,
        "a document has no main text after cleaning",
    ),
    (
        "document.repaired",
        Severity::Warning,
        "a document was kept with repairs (NUL bytes removed, invalid bytes replaced), or a corpus entry is not a regular file and was not read",
    ),
    (
        "document.unsupported",
        Severity::Warning,
        "a corpus file of a type casefile does not read (not a document, sidecar or WARC file)",
    ),
    (
        "name.unknown_variant",
        Severity::Warning,
        "a spelling the gazetteer lacks that looks like a known entity",
    ),
    (
        "name.new_entity",
        Severity::Info,
        "a name the gazetteer lacks, found by its context",
    ),
    (
        "event.conflict",
        Severity::Warning,
        "sources disagree on an attribute of one event (a term, a fine, an end date)",
    ),
    (
        "event.date_conflict",
        Severity::Warning,
        "sources give dates for one event that disagree beyond their precision",
    ),
    (
        "output.drift",
        Severity::Error,
        "the output differs from the reviewed snapshot (--expected)",
    ),
];

fn default_severity(code: &str) -> Severity {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(Severity::Warning, |(_, s, _)| *s)
}

/// Where a finding is.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// A file: a gazetteer, a corpus file (path inside the corpus), an output file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line in `file`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column (in characters) in `file`'s line `line`: where a document span
    /// stands in its source file ([`locate`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The part of `file` the document is, whose text `span` indexes: `entry #2` of a
    /// multi-entry page, `record #3` of a WARC file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// Document id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_id: Option<String>,
    /// Character offsets `[start, end)` in the document's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        match (&self.file, self.line, self.column) {
            (Some(p), Some(l), Some(c)) => parts.push(format!("{p}:{l}:{c}")),
            (Some(p), Some(l), None) => parts.push(format!("{p}:{l}")),
            (Some(p), None, _) => parts.push(p.clone()),
            _ => {}
        }
        if let Some(e) = &self.part {
            parts.push(format!("({e})"));
        }
        if let Some(d) = &self.doc_id {
            parts.push(format!("doc {d}"));
        }
        if let Some([s, e]) = self.span {
            parts.push(format!("chars {s}-{e}"));
        }
        if parts.is_empty() {
            parts.push("-".into());
        }
        write!(f, "{}", parts.join(" "))
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Code (see [`CODES`]).
    pub code: String,
    /// Severity after the policy.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Which findings count and which fail the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The least severity that fails the check (`None`: nothing fails).
    pub fail_on: Option<Severity>,
    /// Per-code severities; `None` ignores the code.
    pub overrides: BTreeMap<String, Option<Severity>>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            fail_on: Some(Severity::Error),
            overrides: BTreeMap::new(),
        }
    }
}

impl Policy {
    /// Parses a policy file: `#` comments, and lines `fail_on = error|warning|info|never`
    /// or `CODE = error|warning|info|ignore`. Errors name the file and line.
    pub fn parse(text: &str, path: &str) -> Result<Self> {
        let mut p = Policy::default();
        let bad = |line: usize, reason: String| Error::Rule {
            path: PathBuf::from(path),
            line,
            reason,
        };
        for (i, raw) in text.lines().enumerate() {
            let l = raw.split('#').next().unwrap_or("").trim();
            if l.is_empty() {
                continue;
            }
            let Some((k, v)) = l.split_once('=') else {
                return Err(bad(i + 1, format!("expected `KEY = VALUE`, got `{l}`")));
            };
            let (k, v) = (k.trim(), v.trim());
            if k == "fail_on" {
                p.fail_on = match v {
                    "never" => None,
                    _ => Some(Severity::parse(v).ok_or_else(|| {
                        bad(
                            i + 1,
                            format!("fail_on: `{v}` is not error, warning, info or never"),
                        )
                    })?),
                };
                continue;
            }
            if !CODES.iter().any(|(c, _, _)| *c == k) {
                let known: Vec<&str> = CODES.iter().map(|c| c.0).collect();
                return Err(bad(
                    i + 1,
                    format!("unknown finding code `{k}` (known: {})", known.join(", ")),
                ));
            }
            let sev = match v {
                "ignore" => None,
                _ => Some(Severity::parse(v).ok_or_else(|| {
                    bad(
                        i + 1,
                        format!("{k}: `{v}` is not error, warning, info or ignore"),
                    )
                })?),
            };
            p.overrides.insert(k.to_string(), sev);
        }
        Ok(p)
    }

    /// Reads a policy file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, &path.display().to_string())
    }

    /// The severity of `code` under this policy (`None`: ignored).
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.overrides.get(code) {
            Some(s) => *s,
            None => Some(default),
        }
    }

    /// Whether a finding of this severity fails the check.
    pub fn fails(&self, s: Severity) -> bool {
        self.fail_on.is_some_and(|f| s >= f)
    }
}

/// What `check` looks at.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// Corpus directory.
    pub corpus: PathBuf,
    /// Gazetteer directory.
    pub gazetteers: PathBuf,
    /// Name lists (`--names`, TSV).
    pub names: Vec<PathBuf>,
    /// Rules directory (None: built-in rules).
    pub rules: Option<PathBuf>,
    /// A reviewed output snapshot (an out directory of an earlier run).
    pub expected: Option<PathBuf>,
    /// Worker threads (0: all cores).
    pub jobs: usize,
    /// Resource limits.
    pub limits: Limits,
}

/// The outcome of a check.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Findings, most severe first, then by code and location.
    pub findings: Vec<Finding>,
    /// Findings per severity.
    pub counts: BTreeMap<&'static str, usize>,
    /// The severity that fails the check (`never`).
    pub fail_on: &'static str,
    /// Findings at failing severity.
    pub failing: usize,
    /// Documents checked.
    pub documents: usize,
}

impl Report {
    /// The process exit code: 0 clean, 1 findings at failing severity.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.failing > 0)
    }
}

/// Collects findings, applying the policy.
struct Sink<'a> {
    policy: &'a Policy,
    findings: Vec<Finding>,
}

impl Sink<'_> {
    fn add(&mut self, code: &str, location: Location, message: String, hint: String) {
        if let Some(severity) = self.policy.severity(code, default_severity(code)) {
            self.findings.push(Finding {
                code: code.to_string(),
                severity,
                location,
                message,
                hint,
            });
        }
    }
}

/// Runs the check. `Err` means the check could not run (exit code 2): a missing corpus or
/// gazetteer directory, an unwritable temporary directory, an unreadable snapshot.
pub fn check(cfg: &CheckConfig, policy: &Policy) -> Result<Report> {
    let mut sink = Sink {
        policy,
        findings: Vec::new(),
    };
    if !cfg.corpus.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: not a corpus directory",
            cfg.corpus.display()
        )));
    }
    let mut documents = 0;
    match Gazetteer::load(&cfg.gazetteers, &cfg.names, cfg.limits.max_gazetteer_bytes) {
        Ok((g, warnings)) => {
            for w in warnings {
                let (file, line, reason) = match w {
                    Error::Rule { path, line, reason } => {
                        (path.display().to_string(), Some(line), reason)
                    }
                    other => (String::new(), None, other.to_string()),
                };
                sink.add(
                    "names.invalid",
                    Location {
                        file: Some(file),
                        line,
                        ..Location::default()
                    },
                    reason,
                    "fix the line: canonical<TAB>type (person, org or place), then optional id, aliases, acronyms, cyrillic, context".into(),
                );
            }
            ambiguities(&g, &mut sink);
            documents = corpus_findings(cfg, &g, &mut sink)?;
        }
        Err(e @ (Error::Rule { .. } | Error::Many(_))) => {
            let list = match e {
                Error::Many(v) => v,
                one => vec![one],
            };
            for e in list {
                let (file, line, reason) = match e {
                    Error::Rule { path, line, reason } => {
                        (path.display().to_string(), Some(line), reason)
                    }
                    other => (
                        cfg.gazetteers.display().to_string(),
                        None,
                        other.to_string(),
                    ),
                };
                sink.add(
                    "gazetteer.invalid",
                    Location {
                        file: Some(file),
                        line,
                        ..Location::default()
                    },
                    reason,
                    "fix the entry and re-run `casefile gazetteer lint`; the corpus is checked once the gazetteers load".into(),
                );
            }
        }
        Err(e) => return Err(e),
    }
    Ok(finish(sink, documents))
}

fn finish(sink: Sink<'_>, documents: usize) -> Report {
    let policy = sink.policy;
    let mut findings = sink.findings;
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.code.cmp(&b.code))
            .then(a.location.cmp(&b.location))
            .then(a.message.cmp(&b.message))
    });
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        counts.insert(s.as_str(), 0);
    }
    for f in &findings {
        *counts.entry(f.severity.as_str()).or_default() += 1;
    }
    let failing = findings.iter().filter(|f| policy.fails(f.severity)).count();
    Report {
        findings,
        counts,
        fail_on: policy.fail_on.map_or("never", |s| s.as_str()),
        failing,
        documents,
    }
}

/// Surfaces shared by several entities (declared ambiguities).
fn ambiguities(g: &Gazetteer, sink: &mut Sink<'_>) {
    let mut by: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
    for r in &g.rows {
        if !matches!(r.kind, SurfaceKind::Full | SurfaceKind::Acronym) || !r.declared {
            continue;
        }
        let e = by
            .entry(r.folded.as_str())
            .or_insert((r.text.as_str(), Vec::new()));
        if !e.1.contains(&r.entity) {
            e.1.push(r.entity);
        }
    }
    for (text, who) in by.into_values().filter(|(_, w)| w.len() > 1) {
        let ents: Vec<&crate::gazetteer::Entity> = who.iter().map(|&i| &g.entities[i]).collect();
        let names: Vec<String> = ents
            .iter()
            .map(|e| format!("{} ({}:{})", e.id, e.file.display(), e.line))
            .collect();
        let first = ents[0];
        let location = Location {
            file: Some(first.file.display().to_string()),
            line: Some(first.line),
            ..Location::default()
        };
        let without: Vec<&str> = ents
            .iter()
            .filter(|e| e.context.is_empty())
            .map(|e| e.id.as_str())
            .collect();
        if without.is_empty() {
            sink.add(
                "gazetteer.ambiguous",
                location,
                format!("`{text}` is shared by {}", names.join(", ")),
                "mentions are linked by the entries' context words; review them if links go wrong"
                    .into(),
            );
        } else {
            sink.add(
                "gazetteer.ambiguous_no_context",
                location,
                format!(
                    "`{text}` is shared by {}; {} {} no context words",
                    names.join(", "),
                    without.join(", "),
                    if without.len() == 1 { "has" } else { "have" }
                ),
                format!(
                    "add `context:` words to {} so that mentions of `{text}` can be told apart (otherwise they are not linked)",
                    without.join(", ")
                ),
            );
        }
    }
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn n(v: &Value, k: &str) -> usize {
    v.get(k).and_then(Value::as_u64).unwrap_or(0) as usize
}

/// Runs the pipeline into a temporary directory and turns its output into findings;
/// returns the number of corpus files.
fn corpus_findings(cfg: &CheckConfig, g: &Gazetteer, sink: &mut Sink<'_>) -> Result<usize> {
    let tmp = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let out = tmp.path().join("out");
    let summary = pipeline::run(&RunConfig {
        corpus: cfg.corpus.clone(),
        gazetteers: cfg.gazetteers.clone(),
        names: cfg.names.clone(),
        rules: cfg.rules.clone(),
        out: out.clone(),
        jobs: cfg.jobs,
        progress: false,
        limits: cfg.limits,
        incremental: false,
        shard: None,
        timexes: Default::default(),
    })?;
    let docs = crate::emit::read_jsonl(&out.join("documents.jsonl"))?;
    let source_of: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (s(d, "doc_id"), s(d, "source")))
        .collect();
    // Entries of a multi-entry page are `page.html#2`: the file is the page.
    let corpus_path = |src: &str| {
        let file = src.rsplit_once('#').map_or(src, |(f, _)| f);
        cfg.corpus.join(file).display().to_string()
    };
    let text_of: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (s(d, "doc_id"), s(d, "text")))
        .collect();
    // Source files mapped for line and column ([`locate`]). A map takes about 12 bytes a
    // character: the last few are kept, not every file's.
    const KEEP_MAPS: usize = 8;
    let maps: std::cell::RefCell<Vec<(PathBuf, Option<locate::SourceMap>)>> = Default::default();
    let locate_in = |file: &Path, text: &str, span: [usize; 2]| -> Option<(usize, usize)> {
        let mut maps = maps.borrow_mut();
        match maps.iter().position(|(p, _)| p == file) {
            Some(i) => {
                let hit = maps.remove(i);
                maps.push(hit);
            }
            None => {
                if maps.len() >= KEEP_MAPS {
                    maps.remove(0);
                }
                maps.push((file.to_path_buf(), source_map(file, &cfg.limits)));
            }
        }
        maps.last()?.1.as_ref()?.locate(text, span[0], span[1])
    };
    let doc_location = |doc_id: &str, span: Option<[usize; 2]>| {
        let src = source_of.get(doc_id).copied();
        let part = src.and_then(|x| x.rsplit_once('#')).map(|(f, n)| {
            let warc = f.ends_with(".warc") || f.ends_with(".warc.gz");
            format!("{} #{n}", if warc { "record" } else { "entry" })
        });
        let (line, column) = match (src, span, text_of.get(doc_id)) {
            (Some(src), Some(sp), Some(text)) => {
                let file = src.rsplit_once('#').map_or(src, |(f, _)| f);
                locate_in(&cfg.corpus.join(file), text, sp).unzip()
            }
            _ => (None, None),
        };
        Location {
            file: src.map(corpus_path),
            line,
            column,
            part,
            doc_id: Some(doc_id.to_string()),
            span,
        }
    };

    // Documents that failed or came out empty.
    let mut warned_empty: Vec<String> = Vec::new();
    for e in crate::emit::read_jsonl(&out.join("errors.jsonl"))? {
        let (src, stage, msg) = (s(&e, "source"), s(&e, "stage"), s(&e, "message"));
        let location = Location {
            file: Some(corpus_path(src)),
            ..Location::default()
        };
        match stage {
            "meta" => sink.add(
                "document.metadata",
                location,
                msg.to_string(),
                "fix the sidecar (`NAME.meta.json`: url, source, published, title)".into(),
            ),
            "clean" => {
                warned_empty.push(src.to_string());
                sink.add(
                    "document.empty",
                    location,
                    msg.to_string(),
                    "check that the file is an article (not a navigation or error page); remove it or add the text".into(),
                );
            }
            "ingest" if msg.starts_with(crate::ingest::UNSUPPORTED) => sink.add(
                "document.unsupported",
                location,
                msg.to_string(),
                "convert the file to a type casefile reads (PDF, HTML, text, Markdown) or move it out of the corpus".into(),
            ),
            _ if e.get("level").and_then(Value::as_str) == Some("warning") => sink.add(
                "document.repaired",
                location,
                format!("{stage}: {msg}"),
                "re-fetch or re-save the file as clean UTF-8 (or remove the entry that is not a regular file)".into(),
            ),
            _ => sink.add(
                "document.failed",
                location,
                format!("{stage}: {msg}"),
                "replace the file with a readable copy (UTF-8 or declared charset, HTML or text) or remove it".into(),
            ),
        }
    }
    for d in &docs {
        let src = s(d, "source");
        if s(d, "text").trim().is_empty() && !warned_empty.iter().any(|w| w == src) {
            sink.add(
                "document.empty",
                doc_location(s(d, "doc_id"), None),
                "no main text after cleaning".into(),
                "check that the file is an article; remove it or add the text".into(),
            );
        }
    }

    // Unknown variants and new names, one finding per spelling and entity.
    struct Seen {
        first: (String, [usize; 2]),
        count: usize,
        docs: Vec<String>,
        method: String,
        etype: String,
    }
    let mut names: BTreeMap<(String, String), Seen> = BTreeMap::new();
    for m in crate::emit::read_jsonl(&out.join("mentions.jsonl"))? {
        let method = s(&m, "method");
        if !matches!(method, "skeleton" | "fuzzy" | "discovered") {
            continue;
        }
        let surface = s(&m, "surface")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let doc = s(&m, "doc_id").to_string();
        let e = names
            .entry((s(&m, "entity_id").to_string(), surface))
            .or_insert_with(|| Seen {
                first: (doc.clone(), [n(&m, "start"), n(&m, "end")]),
                count: 0,
                docs: Vec::new(),
                method: method.to_string(),
                etype: s(&m, "entity_type").to_string(),
            });
        e.count += 1;
        if !e.docs.contains(&doc) {
            e.docs.push(doc);
        }
    }
    for ((id, surface), seen) in names {
        let where_ = doc_location(&seen.first.0, Some(seen.first.1));
        let times = format!(
            "{} time{} in {} document{}",
            seen.count,
            if seen.count == 1 { "" } else { "s" },
            seen.docs.len(),
            if seen.docs.len() == 1 { "" } else { "s" }
        );
        if seen.method == "discovered" {
            sink.add(
                "name.new_entity",
                where_,
                format!("`{surface}` ({}) is not in the gazetteer; seen {times} as {id}", seen.etype),
                format!(
                    "if it is a case actor, add an entry (`casefile gazetteer suggest` prints one): id: {}/..., type: {}, name: {surface}",
                    seen.etype, seen.etype
                ),
            );
        } else {
            let entry = g
                .get(&id)
                .map(|e| format!(" ({}:{})", e.file.display(), e.line))
                .unwrap_or_default();
            sink.add(
                "name.unknown_variant",
                where_,
                format!(
                    "`{surface}` looks like a spelling of {id} ({} match), seen {times}",
                    if seen.method == "skeleton" { "skeleton-key" } else { "near" }
                ),
                format!(
                    "if it is the same {}, add `alias: {surface}` to its entry{entry}; if not, give it an entry of its own",
                    seen.etype
                ),
            );
        }
    }

    // Contradictions between sources.
    for e in crate::emit::read_jsonl(&out.join("events.jsonl"))? {
        let Some(conflicts) = e.get("conflicts").and_then(Value::as_object) else {
            continue;
        };
        let what = format!(
            "{} of {}{}",
            s(&e, "event_type"),
            e.get("subjects")
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .and_then(Value::as_str)
                .unwrap_or("?"),
            e.get("date")
                .and_then(|d| d.get("value"))
                .and_then(Value::as_str)
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        );
        for (key, values) in conflicts {
            let Some(values) = values.as_array() else {
                continue;
            };
            let mut parts = Vec::new();
            let mut first: Option<Location> = None;
            for v in values {
                let value = match v.get("value") {
                    Some(Value::String(x)) => x.clone(),
                    Some(other) => other.to_string(),
                    None => "?".into(),
                };
                let srcs: Vec<String> = v
                    .get("sources")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .map(|x| {
                                let d = s(x, "doc_id");
                                if first.is_none() {
                                    first =
                                        Some(doc_location(d, Some([n(x, "start"), n(x, "end")])));
                                }
                                format!(
                                    "{} [{}-{}]",
                                    source_of.get(d).copied().unwrap_or(d),
                                    n(x, "start"),
                                    n(x, "end")
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                parts.push(format!("{value} ({})", srcs.join(", ")));
            }
            let (code, msg, hint) = if key == "date" {
                (
                    "event.date_conflict",
                    format!(
                        "sources date the {what} differently: {}",
                        parts.join(" vs ")
                    ),
                    "read the sources: the dates are finer than either's precision allows to agree; if one is wrong (a report date taken for the event's), correct or remove it",
                )
            } else {
                (
                    "event.conflict",
                    format!(
                        "sources disagree on `{key}` of the {what}: {}",
                        parts.join(" vs ")
                    ),
                    "read the sources: if one is wrong, correct or remove it; if both hold (an appeal changed the term), the history keeps both values",
                )
            };
            sink.add(
                code,
                first.unwrap_or_default(),
                format!("{msg} [event {}]", s(&e, "event_id")),
                hint.into(),
            );
        }
    }

    if let Some(expected) = &cfg.expected {
        for d in drift::compare(expected, &out)? {
            sink.add("output.drift", d.location, d.message, d.hint);
        }
    }
    Ok(summary.documents)
}

/// The map of a source file for line and column: plain text and HTML files only (a
/// gzip or WARC file's lines are not the document's).
fn source_map(file: &Path, limits: &Limits) -> Option<locate::SourceMap> {
    let name = file.file_name()?.to_str()?.to_ascii_lowercase();
    let format = crate::ingest::format_of(file)?;
    if name.ends_with(".gz") {
        return None;
    }
    let bytes = crate::ingest::read_bytes_limited(file, limits).ok()?;
    let html = format == crate::ingest::Format::Html;
    let decoded = crate::ingest::decode::decode_bytes(bytes.into(), html, None).ok()?;
    Some(locate::SourceMap::new(&decoded.text, html))
}

/// Renders a report for a terminal: one finding per entry with its hint, then a summary.
pub fn render_text(r: &Report) -> String {
    let mut out = String::new();
    for f in &r.findings {
        out.push_str(&format!(
            "{}[{}] {}: {}\n  hint: {}\n",
            f.severity.as_str(),
            f.code,
            f.location,
            f.message,
            f.hint
        ));
    }
    out.push_str(&format!(
        "casefile check: {} documents; {} errors, {} warnings, {} notes; fail on {}: {}\n",
        r.documents,
        r.counts.get("error").copied().unwrap_or(0),
        r.counts.get("warning").copied().unwrap_or(0),
        r.counts.get("info").copied().unwrap_or(0),
        r.fail_on,
        if r.failing == 0 {
            "passed".to_string()
        } else {
            format!("FAILED ({} findings)", r.failing)
        }
    ));
    out
}

//! The whole pipeline: corpus in, JSON lines out.
//!
//! [`Resources`] holds everything compiled once (boilerplate rules, gazetteer automaton,
//! date rules, event triggers). [`Resources::annotate`] runs every stage on one document;
//! [`run`] does it for a corpus in parallel and writes the out directory.

use crate::clean::{self, Cleaner, html};
use crate::dates::Tagger;
use crate::doc::{Date, DateOrigin, Doc, Published};
use crate::emit::{self, CharIndex};
use crate::error::{Error, Result};
use crate::events::Extractor;
use crate::events::merge::{self, DocEvent};
use crate::gazetteer::{Gazetteer, Matcher};
use crate::ingest::{self, DocError, Format, RawDoc};
use crate::limits::Limits;
use crate::{resolve, sentences};
use rayon::prelude::*;
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Everything compiled once per run.
pub struct Resources {
    /// Boilerplate rules.
    pub cleaner: Cleaner,
    /// Gazetteer.
    pub gazetteer: Gazetteer,
    /// Its automaton.
    pub matcher: Matcher,
    /// Date rules.
    pub tagger: Tagger,
    /// Event triggers.
    pub extractor: Extractor,
    /// Where the rules came from (`builtin` or a directory).
    pub rules_origin: String,
    /// Resource limits.
    pub limits: Limits,
}

impl Resources {
    /// Loads the gazetteers from `gazetteers` and the rules from `rules` (a directory with
    /// `boilerplate.txt`, `events.tsv`, `categories.tsv` and `charges.tsv`; files it lacks fall back to the built-in ones).
    pub fn load(gazetteers: &Path, rules: Option<&Path>) -> Result<Self> {
        Self::load_with(gazetteers, rules, Limits::default())
    }

    /// [`Resources::load`] with resource limits.
    pub fn load_with(gazetteers: &Path, rules: Option<&Path>, limits: Limits) -> Result<Self> {
        let g = Gazetteer::load_dir_limited(gazetteers, limits.max_gazetteer_bytes)?;
        let mut r = Self::with_gazetteer(g, rules)?;
        r.limits = limits;
        Ok(r)
    }

    /// Compiles the rules around an already loaded gazetteer.
    pub fn with_gazetteer(gazetteer: Gazetteer, rules: Option<&Path>) -> Result<Self> {
        let matcher = Matcher::new(&gazetteer)?;
        let read_rule = |name: &str| -> Result<Option<(PathBuf, String)>> {
            let Some(dir) = rules else { return Ok(None) };
            let p = dir.join(name);
            if !p.exists() {
                return Ok(None);
            }
            let s = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
            Ok(Some((p, s)))
        };
        let cleaner = match read_rule("boilerplate.txt")? {
            Some((p, s)) => Cleaner::from_rules(&s, &p)?,
            None => Cleaner::builtin(),
        };
        let mut extractor = match read_rule("events.tsv")? {
            Some((p, s)) => Extractor::from_rules(&s, &p)?,
            None => Extractor::builtin(),
        };
        if let Some((p, s)) = read_rule("categories.tsv")? {
            extractor = extractor.with_categories(&s, &p)?;
        }
        if let Some((p, s)) = read_rule("charges.tsv")? {
            extractor = extractor.with_charges(&s, &p)?;
        }
        Ok(Resources {
            cleaner,
            gazetteer,
            matcher,
            tagger: Tagger::new(),
            extractor,
            rules_origin: rules.map_or("builtin".into(), |r| r.display().to_string()),
            limits: Limits::default(),
        })
    }

    /// Only what cleaning needs (no gazetteer): for `casefile extract`.
    pub fn load_rules(rules: Option<&Path>) -> Result<Self> {
        let mut r = Self::with_gazetteer(Gazetteer::default(), rules)?;
        r.rules_origin = rules.map_or("builtin".into(), |r| r.display().to_string());
        Ok(r)
    }

    /// Extracts and cleans an HTML page into a [`Doc`] with its metadata.
    /// `not_after` is the crawl or file date: no later publication date is believed.
    pub fn clean_html(&self, id: &str, source: &str, page: &str, not_after: Option<Date>) -> Doc {
        let e = html::extract_limited(page, not_after, self.limits.max_depth);
        let mut d = Doc::new(id, source, self.cleaner.clean_text(&e.text));
        d.title = e.title;
        d.url = e.url;
        d.site_name = e.site_name;
        d.language = e.language;
        d.published = e.published.map(|date| Published {
            date,
            origin: DateOrigin::Meta,
        });
        d
    }

    /// Cleans a raw corpus document into a [`Doc`] (text, title, url, publication date).
    pub fn clean(&self, raw: &RawDoc) -> Doc {
        let mut doc = match raw.format {
            Format::Html => self.clean_html(&raw.id, &raw.source, &raw.content, raw.file_date),
            Format::Text => {
                let text = self.cleaner.clean_text(&raw.content);
                let mut d = Doc::new(&raw.id, &raw.source, text);
                d.title = clean::guess_title(&d.text);
                d
            }
        };
        if let Some(m) = &raw.meta {
            if m.url.is_some() {
                doc.url.clone_from(&m.url);
            }
            if m.title.is_some() {
                doc.title.clone_from(&m.title);
            }
            if m.source.is_some() {
                doc.site_name.clone_from(&m.source);
            }
        }
        if let Some(d) = raw.meta_published {
            doc.published = Some(Published {
                date: d,
                origin: DateOrigin::Meta,
            });
        }
        if doc.published.is_none()
            && let Some(d) = clean::dateline(&doc.text)
            && d <= html::latest_acceptable(raw.file_date)
        {
            doc.published = Some(Published {
                date: d,
                origin: DateOrigin::Text,
            });
        }
        if doc.published.is_none()
            && let Some(d) = crate::dates::infer_document_date(&doc.text)
        {
            doc.published = Some(Published {
                date: d,
                origin: DateOrigin::Inferred,
            });
        }
        if doc.text.trim().is_empty() {
            doc.warnings.push("no main text after cleaning".into());
        }
        doc
    }

    /// Runs the annotation stages on a document whose text is final.
    pub fn annotate(&self, doc: &mut Doc) {
        doc.sentences = sentences::split(&doc.text);
        let sections = clean::find_sections(&doc.text);
        // A single dated heading is the document's own dateline, not an entry.
        if sections.len() >= 2 {
            doc.sections = sections;
        }
        resolve::link(doc, &self.gazetteer, &self.matcher);
        self.tagger.tag(doc);
        self.extractor.extract(doc);
    }

    /// Cleans and annotates one raw document: one `Doc`, or for a multi-entry page the
    /// page and one `Doc` per entry.
    pub fn process(&self, raw: &RawDoc) -> Vec<Doc> {
        let mut docs = clean::split_entries(self.clean(raw));
        for d in &mut docs {
            self.annotate(d);
        }
        docs
    }
}

/// Options of `casefile run`.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Corpus directory.
    pub corpus: PathBuf,
    /// Gazetteer directory.
    pub gazetteers: PathBuf,
    /// Rules directory (None: built-in rules).
    pub rules: Option<PathBuf>,
    /// Output directory.
    pub out: PathBuf,
    /// Worker threads (0: all cores).
    pub jobs: usize,
    /// Show a progress bar.
    pub progress: bool,
    /// Resource limits.
    pub limits: Limits,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    /// Documents read.
    pub documents: usize,
    /// Documents that failed.
    pub errors: usize,
    /// Mentions emitted.
    pub mentions: usize,
    /// Timexes emitted.
    pub timexes: usize,
    /// Merged events emitted.
    pub events: usize,
    /// Lines of `errors.jsonl` (failed documents, broken sidecars, warnings).
    pub error_records: usize,
    /// Seconds.
    pub seconds: f64,
}

/// The per-document output lines and merge inputs (a page and its entries together).
#[derive(Default)]
struct DocOut {
    documents: Vec<String>,
    mentions: Vec<String>,
    timexes: Vec<String>,
    events: Vec<DocEvent>,
    entity_counts: Vec<String>,
    warnings: Vec<DocError>,
}

fn doc_out(docs: &[Doc]) -> DocOut {
    let mut o = DocOut::default();
    for doc in docs {
        let ix = CharIndex::new(&doc.text);
        o.documents.push(emit::to_line(&emit::document_record(doc)));
        o.mentions
            .extend(emit::mention_records(doc, &ix).iter().map(emit::to_line));
        o.timexes
            .extend(emit::timex_records(doc, &ix).iter().map(emit::to_line));
        o.events.extend(merge::doc_events(doc, &ix));
        o.entity_counts
            .extend(doc.mentions.iter().map(|m| m.entity_id.clone()));
        o.warnings.extend(doc.warnings.iter().map(|w| DocError {
            source: doc.source.clone(),
            stage: "clean",
            message: w.clone(),
        }));
    }
    o
}

/// Processes one document; a defect that panics on it becomes that document's error
/// record instead of ending the run.
fn process_guarded(res: &Resources, raw: &RawDoc) -> std::result::Result<DocOut, DocError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| doc_out(&res.process(raw)))).map_err(
        |p| {
            let what = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            DocError {
                source: raw.source.clone(),
                stage: "annotate",
                message: format!("internal error (please report): {what}"),
            }
        },
    )
}

/// Runs the pipeline over a corpus and writes `documents.jsonl`, `mentions.jsonl`,
/// `timexes.jsonl`, `events.jsonl`, `entities.jsonl`, `errors.jsonl` and `run.json`.
pub fn run(cfg: &RunConfig) -> Result<RunSummary> {
    let t0 = Instant::now();
    let res = Resources::load_with(&cfg.gazetteers, cfg.rules.as_deref(), cfg.limits)?;
    let files = ingest::walk(&cfg.corpus)?;
    // Outputs are staged beside `out/` and swapped in at the end (crash-safe).
    let stage = emit::outdir::OutDir::begin(&cfg.out)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| Error::Invalid(format!("thread pool: {e}")))?;
    let bar = if cfg.progress {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let results: Vec<(std::result::Result<DocOut, DocError>, Option<DocError>)> =
        pool.install(|| {
            files
                .par_iter()
                .map(|p| {
                    let rel = p
                        .strip_prefix(&cfg.corpus)
                        .unwrap_or(p)
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    let r = match ingest::read_limited(p, &rel, cfg.limits.max_doc_bytes) {
                        Ok((raw, meta_err)) => (process_guarded(&res, &raw), meta_err),
                        Err(e) => (Err(e), None),
                    };
                    if let Some(b) = &bar {
                        b.inc(1);
                    }
                    r
                })
                .collect()
        });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut docs = Vec::new();
    let mut mentions = Vec::new();
    let mut timexes = Vec::new();
    let mut events = Vec::new();
    let mut errors: Vec<DocError> = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut failed = 0;
    for (r, meta_err) in results {
        if let Some(e) = meta_err {
            errors.push(e);
        }
        match r {
            Ok(o) => {
                docs.extend(o.documents);
                mentions.extend(o.mentions);
                timexes.extend(o.timexes);
                events.extend(o.events);
                errors.extend(o.warnings);
                for id in o.entity_counts {
                    *counts.entry(id).or_default() += 1;
                }
            }
            Err(e) => {
                failed += 1;
                errors.push(e);
            }
        }
    }
    let merged = merge::merge(events);
    let event_lines: Vec<String> = merged
        .iter()
        .map(|e| emit::to_line(&emit::event_record(e)))
        .collect();
    let entity_lines: Vec<String> = emit::entity_records(&res.gazetteer, &counts)
        .iter()
        .map(emit::to_line)
        .collect();
    let error_lines: Vec<String> = errors
        .iter()
        .map(|e| emit::to_line(&emit::ErrorRecord::from(e)))
        .collect();
    emit::write_lines(&stage.path("documents.jsonl"), &docs)?;
    emit::write_lines(&stage.path("mentions.jsonl"), &mentions)?;
    emit::write_lines(&stage.path("timexes.jsonl"), &timexes)?;
    emit::write_lines(&stage.path("events.jsonl"), &event_lines)?;
    emit::write_lines(&stage.path("entities.jsonl"), &entity_lines)?;
    emit::write_lines(&stage.path("errors.jsonl"), &error_lines)?;
    let summary = RunSummary {
        documents: files.len(),
        errors: failed,
        mentions: mentions.len(),
        timexes: timexes.len(),
        events: merged.len(),
        error_records: errors.len(),
        seconds: t0.elapsed().as_secs_f64(),
    };
    let run_json = json!({
        "schema_version": emit::SCHEMA_VERSION,
        "casefile_version": env!("CARGO_PKG_VERSION"),
        "corpus": cfg.corpus.display().to_string(),
        "gazetteers": cfg.gazetteers.display().to_string(),
        "rules": res.rules_origin,
        "counts": {
            "documents": summary.documents,
            "documents_failed": failed,
            "error_records": errors.len(),
            "mentions": summary.mentions,
            "timexes": summary.timexes,
            "events": summary.events,
            "entities": res.gazetteer.entities.len(),
        },
        "jobs": pool.current_num_threads(),
        "seconds": summary.seconds,
    });
    emit::write_atomic(
        &stage.path("run.json"),
        format!(
            "{}\n",
            serde_json::to_string_pretty(&run_json).unwrap_or_default()
        )
        .as_bytes(),
    )?;
    stage.commit()?;
    Ok(summary)
}

/// Parses a `--dct` value.
pub fn parse_dct(s: &str) -> Result<Date> {
    Date::parse_iso(s)
        .ok_or_else(|| Error::Invalid(format!("--dct: `{s}` is not a date (YYYY-MM-DD)")))
}

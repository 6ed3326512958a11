//! The whole pipeline: corpus in, JSON lines out.
//!
//! [`Resources`] holds everything compiled once (boilerplate rules, gazetteer automaton,
//! date rules, event triggers). [`Resources::annotate`] runs every stage on one document;
//! [`run`] does it for a corpus in parallel and writes the out directory.

use crate::clean::{self, Cleaner, html};
use crate::dates::Tagger;
use crate::doc::CharIndex;
use crate::doc::{Date, DateOrigin, Doc, Published};
use crate::emit::{self, manifest};
use crate::error::{Error, Result};
use crate::events::Extractor;
use crate::events::merge::{self, DocEvent};
use crate::gazetteer::{Gazetteer, Matcher};
use crate::ingest::{self, DocError, Format, RawDoc};
use crate::limits::Limits;
use crate::{resolve, sentences};
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub mod shard;
pub mod stages;

use stages::First;

/// Everything compiled once per run.
pub struct Resources {
    /// Boilerplate rules.
    pub cleaner: Cleaner,
    /// Gazetteer.
    pub gazetteer: Gazetteer,
    /// Its automaton.
    pub matcher: Matcher,
    /// Date rules (the process-wide compiled instance).
    pub tagger: &'static Tagger,
    /// Event triggers.
    pub extractor: Extractor,
    /// Where the rules came from (`builtin` or a directory).
    pub rules_origin: String,
    /// Resource limits.
    pub limits: Limits,
    /// Malformed lines of the name lists (file:line), skipped.
    pub name_warnings: Vec<String>,
    /// Which temporal expressions the timex layer keeps (`--timexes`).
    pub timexes: crate::dates::scheme::TimexScheme,
    /// Texts longer than this are annotated in windows of at most this size
    /// ([`WINDOW_BYTES`] unless changed).
    pub window_bytes: usize,
}

impl Resources {
    /// Loads the gazetteers from `gazetteers` and the rules from `rules` (a directory with
    /// `boilerplate.txt`, `triggers.tsv`, `categories.tsv` and `charges.tsv`; files it lacks fall back to the built-in ones).
    pub fn load(gazetteers: &Path, rules: Option<&Path>) -> Result<Self> {
        Self::load_with(gazetteers, rules, Limits::default())
    }

    /// [`Resources::load`] with resource limits.
    pub fn load_with(gazetteers: &Path, rules: Option<&Path>, limits: Limits) -> Result<Self> {
        Self::load_names(gazetteers, &[], rules, limits)
    }

    /// [`Resources::load_with`] plus name lists (`--names`); their malformed lines are kept
    /// in [`Resources::name_warnings`].
    pub fn load_names(
        gazetteers: &Path,
        names: &[PathBuf],
        rules: Option<&Path>,
        limits: Limits,
    ) -> Result<Self> {
        let warnings = std::sync::Mutex::new(Vec::new());
        let load = || {
            let (g, w) = Gazetteer::load(gazetteers, names, limits.max_gazetteer_bytes)?;
            if let Ok(mut v) = warnings.lock() {
                *v = w.iter().map(|e| e.to_string()).collect();
            }
            Ok(g)
        };
        let mut r = Self::build(load, rules)?;
        r.limits = limits;
        r.name_warnings = warnings.into_inner().unwrap_or_default();
        Ok(r)
    }

    /// Compiles the rules around an already loaded gazetteer.
    pub fn with_gazetteer(gazetteer: Gazetteer, rules: Option<&Path>) -> Result<Self> {
        Self::build(move || Ok(gazetteer), rules)
    }

    /// Loads the gazetteer and compiles its automaton (one task) side by side with the
    /// date rules and the rule files (on the caller's rayon pool). Start-up is most of the
    /// serial part of a run: reading the gazetteer first, alone, kept the second core idle
    /// for its few milliseconds.
    fn build(
        gazetteer: impl FnOnce() -> Result<Gazetteer> + Send,
        rules: Option<&Path>,
    ) -> Result<Self> {
        let (g, (tagger, rest)) = rayon::join(
            || {
                let g = gazetteer()?;
                let m = Matcher::new(&g)?;
                Ok::<_, Error>((g, m))
            },
            || rayon::join(Tagger::shared, || Self::compile_rules(rules)),
        );
        let (gazetteer, matcher) = g?;
        let (cleaner, extractor) = rest?;
        Ok(Resources {
            cleaner,
            gazetteer,
            matcher,
            tagger,
            extractor,
            rules_origin: rules.map_or("builtin".into(), |r| r.display().to_string()),
            limits: Limits::default(),
            name_warnings: Vec::new(),
            timexes: Default::default(),
            window_bytes: WINDOW_BYTES,
        })
    }

    /// The boilerplate rules and the event extractor from a rules directory.
    fn compile_rules(rules: Option<&Path>) -> Result<(Cleaner, Extractor)> {
        let read_rule = |name: &str| -> Result<Option<(PathBuf, String)>> {
            let Some(dir) = rules else { return Ok(None) };
            let p = dir.join(name);
            if !p.exists() {
                return Ok(None);
            }
            let s = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
            Ok(Some((p, s)))
        };
        let boilerplate = read_rule("boilerplate.txt")?;
        // Each table compiled once: the rules directory's file, or the built-in one.
        let table = |name: &str, builtin: &str| -> Result<(PathBuf, String)> {
            Ok(read_rule(name)?
                .unwrap_or_else(|| (Path::new("rules").join(name), builtin.to_string())))
        };
        let triggers = table("triggers.tsv", crate::events::DEFAULT_TRIGGERS)?;
        let categories = table("categories.tsv", crate::events::DEFAULT_CATEGORIES)?;
        let charges = table("charges.tsv", crate::events::DEFAULT_CHARGES)?;
        // Side by side on the caller's rayon pool, as the tables inside the extractor.
        let (cleaner, extractor) = rayon::join(
            || match &boilerplate {
                Some((p, s)) => Cleaner::from_rules(s, p),
                None => Ok(Cleaner::builtin()),
            },
            || {
                Extractor::from_tables(
                    (&triggers.1, &triggers.0),
                    (&categories.1, &categories.0),
                    (&charges.1, &charges.0),
                )
            },
        );
        Ok((cleaner?, extractor?))
    }

    /// Extracts and cleans an HTML page into a [`Doc`] with its metadata.
    /// `not_after` is the crawl or file date: no later publication date is believed.
    pub fn clean_html(&self, id: &str, source: &str, page: &str, not_after: Option<Date>) -> Doc {
        clean_html_with(
            &self.cleaner,
            self.limits.max_depth,
            id,
            source,
            page,
            not_after,
        )
    }

    /// Cleans a raw corpus document into a [`Doc`] (text, title, url, publication date
    /// from metadata or a dateline; one inferred from the text's dates is added by
    /// [`Resources::annotate`]).
    pub fn clean(&self, raw: &RawDoc) -> Doc {
        let mut doc = match raw.format {
            Format::Html => self.clean_html(&raw.id, &raw.source, &raw.content, raw.file_date),
            Format::Text | Format::Pdf => {
                let text = self.cleaner.clean_text(&raw.content);
                let mut d = Doc::new(&raw.id, &raw.source, text);
                d.title = raw
                    .embedded_title
                    .clone()
                    .or_else(|| clean::guess_title(&d.text));
                d.published = raw.embedded_published.map(|date| Published {
                    date,
                    origin: DateOrigin::Meta,
                });
                d.author.clone_from(&raw.embedded_author);
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
            if m.author.is_some() {
                doc.author.clone_from(&m.author);
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
        // A date still unknown is inferred from the text when it is annotated (one date scan
        // of the text serves both: `Tagger::date_and_tag`).
        if doc.text.trim().is_empty() {
            doc.warnings.push("no main text after cleaning".into());
        }
        doc
    }

    /// Runs the annotation stages on a document whose text is final. A document without a
    /// publication date gets the one inferred from its text (the latest full date it
    /// mentions, not after today; origin `inferred`) before its dates are resolved.
    ///
    /// A text over [`Resources::window_bytes`] is annotated in windows (see
    /// [`Resources::annotate_windows`]) whose layers are gathered into the document.
    pub fn annotate(&self, doc: &mut Doc) {
        if doc.text.len() <= self.window_bytes {
            self.annotate_whole(doc);
            return;
        }
        let r: std::result::Result<(), std::convert::Infallible> =
            self.annotate_windows(doc, |doc, part, base| {
                doc.append_shifted(part, base);
                Ok(())
            });
        let Ok(()) = r;
    }

    /// Annotates a text over [`Resources::window_bytes`] window by window (cut by [`windows`]), handing
    /// each annotated window to `take` with the byte offset where it starts, so that the
    /// per-word structures of name discovery and event extraction, and (for a caller that
    /// writes each window's records and drops them) the layers, never hold more than a
    /// window. The document is dated first from its whole text, as [`Resources::annotate`]
    /// would; within a window everything else is as for a whole document, except that a
    /// name's short forms are linked to it only in its window and the narrative's reference
    /// time starts again at each window.
    pub fn annotate_windows<E>(
        &self,
        doc: &mut Doc,
        take: impl FnMut(&mut Doc, Doc, usize) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.annotate_windows_of(doc, self.window_bytes, take)
    }

    /// [`Resources::annotate_windows`] with windows of at most `max` bytes.
    pub fn annotate_windows_of<E>(
        &self,
        doc: &mut Doc,
        max: usize,
        mut take: impl FnMut(&mut Doc, Doc, usize) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.tagger.infer_published(doc);
        for w in windows(&doc.text, max) {
            let start = w.start;
            let part = self.annotated_part(doc, w);
            take(doc, part, start)?;
        }
        Ok(())
    }

    /// The bytes `w` of a document's text, annotated as a document of their own with its
    /// id, metadata and date (spans relative to `w.start`): one window of
    /// [`Resources::annotate_windows`].
    pub fn annotated_part(&self, doc: &Doc, w: std::ops::Range<usize>) -> Doc {
        let mut part = Doc::new(&doc.id, &doc.source, doc.text[w].to_string());
        part.parent_id.clone_from(&doc.parent_id);
        part.url.clone_from(&doc.url);
        part.title.clone_from(&doc.title);
        part.site_name.clone_from(&doc.site_name);
        part.author.clone_from(&doc.author);
        part.language.clone_from(&doc.language);
        part.published = doc.published;
        self.annotate_whole(&mut part);
        part
    }

    /// [`Resources::annotate`] on the whole text at once.
    fn annotate_whole(&self, doc: &mut Doc) {
        doc.sentences = sentences::split(&doc.text);
        let sections = clean::find_sections(&doc.text);
        // A single dated heading is the document's own dateline, not an entry.
        if sections.len() >= 2 {
            doc.sections = sections;
        }
        resolve::link(doc, &self.gazetteer, &self.matcher);
        // Layers grown by pushing may hold twice their size; a huge document keeps them
        // while the later stages run.
        doc.mentions.shrink_to_fit();
        self.tagger.date_and_tag(doc);
        self.extractor.extract(doc);
        // The events saw every expression; the layer keeps the scheme's.
        crate::dates::scheme::apply(self.timexes, &doc.text, &mut doc.timexes);
    }

    /// Cleans and annotates one raw document: one `Doc`, or for a multi-entry page the
    /// page and one `Doc` per entry.
    pub fn process(&self, raw: &RawDoc) -> Vec<Doc> {
        let mut docs = self.clean_entries(raw);
        self.annotate_all(&mut docs);
        docs
    }

    /// The cleaning half of [`Resources::process`]: the page, or for a multi-entry page the
    /// page and one `Doc` per entry, not yet annotated.
    pub fn clean_entries(&self, raw: &RawDoc) -> Vec<Doc> {
        clean::split_entries(self.clean(raw))
    }

    /// The annotating half of [`Resources::process`].
    pub fn annotate_all(&self, docs: &mut [Doc]) {
        for d in docs {
            self.annotate(d);
        }
    }
}

/// Texts longer than this (bytes) are annotated in windows of at most this size by default
/// ([`Resources::window_bytes`]): what
/// annotating costs beyond the layers it keeps is then bounded by the window, not the
/// document. News articles and reports are far shorter (a 300-page report is about 1 MB).
pub const WINDOW_BYTES: usize = 2 << 20;

/// Cuts `text` into consecutive windows of at most `max` bytes (never less than `max` / 2
/// unless the text ends): each ends after the last paragraph break in its second half, else
/// the last line break, else the last sentence end (`. `, `! `, `? `), else the last space,
/// else on a character boundary.
///
/// ```
/// use casefile::pipeline::windows;
/// let t = "One line.\nTwo words here.\n\nA new paragraph. Its second sentence.";
/// let w = windows(t, 40);
/// assert_eq!(&t[w[0].clone()], "One line.\nTwo words here.\n\n");
/// assert_eq!(&t[w[1].clone()], "A new paragraph. Its second sentence.");
/// ```
pub fn windows(text: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let max = max.max(8);
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let mut hi = start + max;
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
        let mut lo = start + max / 2;
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let region = &text[lo..hi];
        let end = [
            region.rfind("\n\n").map(|i| i + 2),
            region.rfind('\n').map(|i| i + 1),
            [". ", "! ", "? "]
                .iter()
                .filter_map(|p| region.rfind(p))
                .max()
                .map(|i| i + 2),
            region
                .rfind(char::is_whitespace)
                .map(|i| i + region[i..].chars().next().map_or(1, char::len_utf8)),
        ]
        .into_iter()
        .flatten()
        .next()
        .map_or(hi, |i| lo + i);
        out.push(start..end);
        start = end;
    }
    if start < text.len() || out.is_empty() {
        out.push(start..text.len());
    }
    out
}

/// Options of `casefile run`.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Corpus directory.
    pub corpus: PathBuf,
    /// Gazetteer directory.
    pub gazetteers: PathBuf,
    /// Name lists (`--names`, TSV).
    pub names: Vec<PathBuf>,
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
    /// Reuse the previous run's output (its `manifest.jsonl`) for unchanged documents.
    pub incremental: bool,
    /// Process only shard K of N (`run --shard K/N`): the files whose content id hashes
    /// to K. `casefile merge` combines the shards' outputs into a single run's.
    pub shard: Option<shard::Shard>,
    /// Which temporal expressions `timexes.jsonl` reports (`--timexes`).
    pub timexes: crate::dates::scheme::TimexScheme,
}

/// What a run did. The counts are those of the output files: `documents` is the number
/// of lines of `documents.jsonl`, `errors` and `warnings` those of `errors.jsonl` by level
/// (see [`COUNT_DEFINITIONS`], which `run.json` carries).
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    /// Corpus files read: document files and WARC files (not sidecars, not the entries that
    /// were not read, which have warning records).
    pub files: usize,
    /// Documents written: lines of `documents.jsonl` (a page split into entries counts
    /// each entry).
    pub documents: usize,
    /// Units processed: corpus files, each WARC record as one, and the entries that were
    /// not read (the lines of `manifest.jsonl` after its header).
    pub sources: usize,
    /// Units whose output was copied from the previous run (`--incremental`).
    pub reused: usize,
    /// Why nothing could be reused, when `--incremental` found no usable manifest.
    pub not_reused: Option<String>,
    /// Error records: lines of `errors.jsonl` of level `error` (a unit that gave no
    /// document).
    pub errors: usize,
    /// Warning records: lines of `errors.jsonl` of level `warning` (a document kept with
    /// repairs, an entry that was not read).
    pub warnings: usize,
    /// Mentions emitted.
    pub mentions: usize,
    /// Timexes emitted.
    pub timexes: usize,
    /// Merged events emitted.
    pub events: usize,
    /// Lines of `errors.jsonl`: `errors` + `warnings`.
    pub error_records: usize,
    /// Malformed lines of the name lists (file:line), skipped.
    pub name_warnings: Vec<String>,
    /// Seconds.
    pub seconds: f64,
}

/// What each count of `run.json` counts (written beside them as `count_definitions`).
pub const COUNT_DEFINITIONS: &[(&str, &str)] = &[
    (
        "files",
        "corpus files read: document files (.html, .htm, .txt, .md, .pdf, each also .gz) and WARC files; not sidecars, not the entries that were not read (they have warning records)",
    ),
    (
        "documents",
        "lines of documents.jsonl: documents written (a page split into entries counts each entry)",
    ),
    (
        "error_records",
        "lines of errors.jsonl with level error: files, WARC records or directories that gave no document",
    ),
    (
        "warning_records",
        "lines of errors.jsonl with level warning: documents kept with repairs, entries that were not read (unsupported types, FIFOs)",
    ),
    (
        "files_reused",
        "corpus files and WARC records whose output was copied from the previous run (--incremental)",
    ),
    ("mentions", "lines of mentions.jsonl"),
    ("timexes", "lines of timexes.jsonl"),
    (
        "events",
        "lines of events.jsonl (events merged across documents)",
    ),
    ("entities", "lines of entities.jsonl"),
];

impl RunSummary {
    /// The `counts` and `count_definitions` of `run.json`.
    pub fn counts_json(&self, entities: usize) -> (serde_json::Value, serde_json::Value) {
        let counts = json!({
            "files": self.files,
            "documents": self.documents,
            "error_records": self.errors,
            "warning_records": self.warnings,
            "files_reused": self.reused,
            "mentions": self.mentions,
            "timexes": self.timexes,
            "events": self.events,
            "entities": entities,
        });
        let defs: serde_json::Map<String, serde_json::Value> = COUNT_DEFINITIONS
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
            .collect();
        (counts, serde_json::Value::Object(defs))
    }

    /// The one-line summary: what was read, what was written, the records of problems.
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{} read -> {} (documents.jsonl), {}, {} (errors.jsonl), {}, {}, {}",
            plural(self.files, "file", "files"),
            plural(self.documents, "document", "documents"),
            plural(self.errors, "error record", "error records"),
            plural(self.warnings, "warning record", "warning records"),
            plural(self.mentions, "mention", "mentions"),
            plural(self.timexes, "timex", "timexes"),
            plural(self.events, "event", "events"),
        )
    }
}

/// Documents in flight at most (read or being processed, and not yet written): memory
/// holds their cleaned texts and buffered records, never the corpus.
const WINDOW: usize = 512;
/// Documents larger than this (bytes of decoded content) are processed one at a time and
/// written record by record instead of into per-document buffers.
const STREAM_ABOVE: usize = 4 << 20;
/// Annotated documents with more mention and timex records than this are written record
/// by record too (when their turn comes), not serialised into buffers first: a 4 MB text
/// full of names or dates made about 50 MB of buffered JSON (news pages have hundreds).
const BUFFER_RECORDS_UP_TO: usize = 20_000;

/// One file's outcome.
enum Processed {
    /// Annotated, records buffered.
    Done(DocOut),
    /// Unchanged since the previous run: its records are copied from there.
    Reused(Box<manifest::Entry>),
    /// Too large to buffer: processed when its turn comes to be written.
    Large(RawDoc),
    /// Annotated, too many records to buffer: serialised when its turn comes.
    Annotated(String, Vec<Doc>),
    /// Could not be read or processed.
    Failed(DocError),
    /// Another shard's document (`run --shard K/N`).
    Skipped,
}

/// A cleaned document waiting for annotation: its entries, its warning records (repairs
/// made while decoding, a broken sidecar) and its fingerprint.
struct Cleaned {
    source: String,
    docs: Vec<Doc>,
    notes: Vec<DocError>,
    fp: String,
}

/// What processing a work item gives the writing loop: the result, the warning records
/// of a document read (repairs, a broken sidecar), and the item's content fingerprint
/// (none when it could not be read).
type Outcome = (Processed, Vec<DocError>, Option<String>);

/// One unit of work: a corpus file to read, a document read from a WARC file (with
/// the WARC file's path), or an entry of the corpus that is not read (its record).
enum Item {
    File(PathBuf),
    Warc(Box<std::result::Result<RawDoc, DocError>>, PathBuf),
    Problem(DocError, PathBuf),
}

/// The corpus as a stream of work items: files in corpus order, a WARC file's pages in
/// record order, read lazily (a crawl file is never held whole).
struct Items<'a> {
    files: std::slice::Iter<'a, ingest::Found>,
    corpus: &'a Path,
    warc: Option<(ingest::warc::WarcDocs, PathBuf)>,
    limits: Limits,
}

impl Iterator for Items<'_> {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some((docs, p)) = &mut self.warc {
                if let Some(d) = docs.next() {
                    return Some(Item::Warc(Box::new(d), p.clone()));
                }
                self.warc = None;
            }
            let p = match self.files.next()? {
                ingest::Found::File(p) => p,
                ingest::Found::Problem(p, e) => return Some(Item::Problem(e.clone(), p.clone())),
            };
            if !ingest::warc::is_warc(p) {
                return Some(Item::File(p.clone()));
            }
            match ingest::warc::open(p, &rel_path(self.corpus, p), &self.limits) {
                Ok(docs) => self.warc = Some((docs, p.clone())),
                Err(e) => return Some(Item::Warc(Box::new(Err(e)), p.clone())),
            }
        }
    }
}

use ingest::rel_path;

/// Error records as the manifest stores them.
fn stored(errors: &[DocError]) -> Vec<manifest::StoredError> {
    errors
        .iter()
        .map(|e| manifest::StoredError {
            stage: e.stage.to_string(),
            level: e.level,
            message: e.message.clone(),
        })
        .collect()
}

/// The per-document output (JSON lines, newline-terminated, in one buffer per file) and
/// merge inputs (a page and its entries together).
#[derive(Default)]
struct DocOut {
    /// The file's path inside the corpus.
    source: String,
    documents: String,
    mentions: String,
    timexes: String,
    n_mentions: usize,
    n_timexes: usize,
    events: Vec<DocEvent>,
    entity_counts: HashMap<String, usize>,
    discovered: emit::Discovered,
    warnings: Vec<DocError>,
}

fn push_line(buf: &mut String, line: &str) {
    buf.push_str(line);
    buf.push('\n');
}

/// What a document's layers leave besides their record lines: events, discovered names
/// and entity counts.
fn doc_layers_rest(doc: &Doc, ix: &CharIndex, o: &mut DocOut) {
    o.events.extend(merge::doc_events(doc, ix));
    emit::add_discovered(&mut o.discovered, doc);
    for m in &doc.mentions {
        match o.entity_counts.get_mut(&*m.entity_id) {
            Some(n) => *n += 1,
            None => {
                o.entity_counts.insert(m.entity_id.to_string(), 1);
            }
        }
    }
}

/// A document's warnings as error records.
fn doc_warnings(doc: &Doc, o: &mut DocOut) {
    o.warnings.extend(
        doc.warnings
            .iter()
            .map(|w| DocError::warning(&doc.source, "clean", w.clone())),
    );
}

fn doc_out(source: &str, docs: &[Doc]) -> DocOut {
    let mut o = DocOut {
        source: source.to_string(),
        ..DocOut::default()
    };
    for doc in docs {
        let ix = CharIndex::new(&doc.text);
        push_line(
            &mut o.documents,
            &emit::to_line(&emit::document_record(doc)),
        );
        for r in emit::mention_records_iter(doc, &ix) {
            push_line(&mut o.mentions, &emit::to_line(&r));
            o.n_mentions += 1;
        }
        for r in emit::timex_records_iter(doc, &ix) {
            push_line(&mut o.timexes, &emit::to_line(&r));
            o.n_timexes += 1;
        }
        doc_layers_rest(doc, &ix, &mut o);
        doc_warnings(doc, &mut o);
    }
    o
}

/// One streamed output file: a buffered writer with its line and byte counts (the
/// manifest records each document's byte range).
struct Sink {
    w: std::io::BufWriter<std::fs::File>,
    records: usize,
    bytes: u64,
    path: PathBuf,
}

/// Counts the bytes written through it.
struct Counting<'a, W: std::io::Write> {
    w: &'a mut W,
    n: u64,
}

impl<W: std::io::Write> std::io::Write for Counting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let k = self.w.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

impl Sink {
    fn create(path: PathBuf) -> Result<Self> {
        let f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        Ok(Sink {
            w: std::io::BufWriter::with_capacity(1 << 20, f),
            records: 0,
            bytes: 0,
            path,
        })
    }

    fn put(&mut self, s: &str, n: usize) -> Result<()> {
        use std::io::Write;
        self.w
            .write_all(s.as_bytes())
            .map_err(|e| Error::io(&self.path, e))?;
        self.records += n;
        self.bytes += s.len() as u64;
        Ok(())
    }

    /// Writes one record as a JSON line straight into the file's buffer (no line string:
    /// a huge document's record is not copied again).
    fn put_record<T: serde::Serialize>(&mut self, r: &T) -> Result<()> {
        use std::io::Write;
        let mut c = Counting {
            w: &mut self.w,
            n: 0,
        };
        serde_json::to_writer(&mut c, r)
            .map_err(std::io::Error::other)
            .and_then(|()| c.write_all(b"\n"))
            .map_err(|e| Error::io(&self.path, e))?;
        self.bytes += c.n;
        self.records += 1;
        Ok(())
    }

    /// Copies a document's records from the previous run's file.
    fn copy_from(
        &mut self,
        prev: &manifest::Previous,
        name: &'static str,
        r: manifest::Range,
    ) -> Result<()> {
        let path = prev.dir().join(name);
        let f = prev
            .file(name)
            .ok_or_else(|| Error::Invalid(format!("{}: not open", path.display())))?;
        self.copy_range(f, r, &path)
    }

    /// Copies a manifest range of another output file (a previous run's, a shard's).
    fn copy_range(&mut self, f: &std::fs::File, r: manifest::Range, path: &Path) -> Result<()> {
        manifest::copy_range(f, r, &mut self.w).map_err(|e| Error::io(path, e))?;
        self.records += r.records;
        self.bytes += r.len;
        Ok(())
    }

    /// The range written since `from` (a `(bytes, records)` mark).
    fn since(&self, from: (u64, usize)) -> manifest::Range {
        manifest::Range {
            offset: from.0,
            len: self.bytes - from.0,
            records: self.records - from.1,
        }
    }

    fn mark(&self) -> (u64, usize) {
        (self.bytes, self.records)
    }

    /// Flushes the file and hands it to the staging directory (which syncs it).
    fn finish(self, stage: &mut emit::outdir::OutDir) -> Result<()> {
        let p = self.path;
        let f = self
            .w
            .into_inner()
            .map_err(|e| Error::io(&p, e.into_error()))?;
        stage.staged(p, f);
        Ok(())
    }
}

/// The streamed output files of a run.
struct Writers {
    documents: Sink,
    mentions: Sink,
    timexes: Sink,
}

impl Writers {
    fn open(stage: &emit::outdir::OutDir) -> Result<Self> {
        Ok(Writers {
            documents: Sink::create(stage.path("documents.jsonl"))?,
            mentions: Sink::create(stage.path("mentions.jsonl"))?,
            timexes: Sink::create(stage.path("timexes.jsonl"))?,
        })
    }

    fn write_buffered(&mut self, o: &DocOut) -> Result<()> {
        self.documents
            .put(&o.documents, o.documents.matches('\n').count())?;
        self.mentions.put(&o.mentions, o.n_mentions)?;
        self.timexes.put(&o.timexes, o.n_timexes)?;
        Ok(())
    }

    fn marks(&self) -> [(u64, usize); 3] {
        [
            self.documents.mark(),
            self.mentions.mark(),
            self.timexes.mark(),
        ]
    }

    /// Flushes every file and hands it to the staging directory.
    fn finish(self, stage: &mut emit::outdir::OutDir) -> Result<()> {
        self.documents.finish(stage)?;
        self.mentions.finish(stage)?;
        self.timexes.finish(stage)
    }
}

/// Processes a large document and writes its records as they are serialised; returns
/// what remains for the merge (events, counts, warnings). A defect that panics on it
/// becomes its error record (records already written for it are then not removed: the
/// run's `errors.jsonl` says which document failed).
fn stream_large(
    res: &Resources,
    mut raw: RawDoc,
    w: &mut Writers,
) -> std::result::Result<DocOut, DocError> {
    let source = raw.source.clone();
    let docs = guarded(&source, || {
        let doc = res.clean(&raw);
        // The decoded file is not needed once cleaned: free it before annotating.
        raw.content = String::new();
        clean::split_entries(doc)
    })?;
    let io_err = |e: Error| DocError::error(&source, "emit", e.to_string());
    let mut o = DocOut {
        source: source.clone(),
        ..DocOut::default()
    };
    for mut doc in docs {
        if doc.text.len() <= res.window_bytes {
            guarded(&source, || res.annotate(&mut doc))?;
            write_doc(&doc, w, &mut o).map_err(io_err)?;
            continue;
        }
        // A huge text: each window's records are written as soon as it is annotated, and
        // its layers dropped.
        let ix = CharIndex::new(&doc.text);
        guarded(&source, || {
            res.annotate_windows(&mut doc, |doc, part, base| {
                doc.append_shifted(part, base);
                write_layers(doc, &ix, w, &mut o)?;
                doc.sentences = Vec::new();
                doc.mentions = Vec::new();
                doc.timexes = Vec::new();
                doc.events = Vec::new();
                Ok(())
            })
        })?
        .map_err(io_err)?;
        w.documents
            .put_record(&emit::document_record(&doc))
            .map_err(io_err)?;
        doc_warnings(&doc, &mut o);
    }
    Ok(o)
}

/// Writes annotated documents' records as they are serialised; returns what remains for
/// the merge.
fn write_streamed(
    source: &str,
    docs: &[Doc],
    w: &mut Writers,
) -> std::result::Result<DocOut, DocError> {
    let mut o = DocOut {
        source: source.to_string(),
        ..DocOut::default()
    };
    for doc in docs {
        write_doc(doc, w, &mut o).map_err(|e| DocError::error(source, "emit", e.to_string()))?;
    }
    Ok(o)
}

/// Writes an annotated document's records; keeps what remains for the merge in `o`.
fn write_doc(doc: &Doc, w: &mut Writers, o: &mut DocOut) -> Result<()> {
    let ix = CharIndex::new(&doc.text);
    w.documents.put_record(&emit::document_record(doc))?;
    write_layers(doc, &ix, w, o)?;
    doc_warnings(doc, o);
    Ok(())
}

/// Writes the mention and timex records of a document's layers and keeps its events,
/// discovered names and entity counts in `o`.
fn write_layers(doc: &Doc, ix: &CharIndex, w: &mut Writers, o: &mut DocOut) -> Result<()> {
    for r in emit::mention_records_iter(doc, ix) {
        w.mentions.put_record(&r)?;
    }
    for r in emit::timex_records_iter(doc, ix) {
        w.timexes.put_record(&r)?;
    }
    doc_layers_rest(doc, ix, o);
    Ok(())
}

/// Runs `f` on a document; a panic becomes that document's error record.
fn guarded<T>(source: &str, f: impl FnOnce() -> T) -> std::result::Result<T, DocError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        let what = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "unknown panic".into());
        DocError::error(
            source,
            "annotate",
            format!("internal error (please report): {what}"),
        )
    })
}

/// Runs the pipeline over a corpus and writes `documents.jsonl`, `mentions.jsonl`,
/// `timexes.jsonl`, `events.jsonl`, `entities.jsonl`, `errors.jsonl` and `run.json`.
pub fn run(cfg: &RunConfig) -> Result<RunSummary> {
    let t0 = Instant::now();
    // Outputs are staged beside `out/` and swapped in at the end (crash-safe); the output
    // directory is locked first, so a second run on it stops here, before any work.
    let mut stage = emit::outdir::OutDir::begin(&cfg.out)?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| Error::Invalid(format!("thread pool: {e}")))?;
    let mut res = pool.install(|| {
        Resources::load_names(
            &cfg.gazetteers,
            &cfg.names,
            cfg.rules.as_deref(),
            cfg.limits,
        )
    })?;
    res.timexes = cfg.timexes;
    let files = ingest::walk_corpus(&cfg.corpus)?;
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
    // Output is streamed in corpus order: memory holds the buffered records of the
    // documents in flight (at most `WINDOW`), and a large document is written record by
    // record as it is serialised (never as one buffer).
    let mut writers = Writers::open(&stage)?;
    let config = manifest::config_fingerprint(
        &cfg.gazetteers,
        &cfg.names,
        cfg.rules.as_deref(),
        &cfg.limits,
        cfg.timexes,
    )?;
    let (previous, not_reused) = if cfg.incremental {
        match manifest::Previous::load(&cfg.out, &config) {
            Ok(p) => (Some(p), None),
            Err(why) => (None, Some(why)),
        }
    } else {
        (None, None)
    };
    let mut manifest_out = Sink::create(stage.path(manifest::MANIFEST))?;
    manifest_out.put_record(&manifest::Header {
        manifest_version: manifest::MANIFEST_VERSION,
        casefile_version: env!("CARGO_PKG_VERSION").to_string(),
        config,
    })?;
    let mut events = Vec::new();
    let mut errors: Vec<DocError> = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut discovered = emit::Discovered::new();
    let mut reused = 0;
    let items = Items {
        files: files.iter(),
        corpus: &cfg.corpus,
        warc: None,
        limits: cfg.limits,
    };
    let prev = previous.as_ref();
    // First stage (any worker): read, skip other shards' and reusable documents, clean.
    let first = |item: Item| -> First<Outcome, Cleaned> {
        let (read, path, key) = match item {
            Item::File(p) => {
                let rel = rel_path(&cfg.corpus, &p);
                let r = ingest::read_limited(&p, &rel, &cfg.limits);
                (r, p, rel)
            }
            Item::Problem(e, p) => {
                let key = e.source.clone();
                (Err(e), p, key)
            }
            Item::Warc(r, p) => {
                let r = *r;
                let key = match &r {
                    Ok(raw) => raw.source.clone(),
                    Err(e) => e.source.clone(),
                };
                (r.map(|raw| (raw, None)), p, key)
            }
        };
        match read {
            Ok((raw, _)) if cfg.shard.is_some_and(|s| !s.owns(&raw.id)) => {
                First::Done((Processed::Skipped, Vec::new(), None))
            }
            Err(_) if cfg.shard.is_some_and(|s| !s.owns(&key)) => {
                First::Done((Processed::Skipped, Vec::new(), None))
            }
            Ok((mut raw, meta_err)) => {
                let fp = manifest::file_fingerprint(&raw, &path);
                let notes: Vec<DocError> = std::mem::take(&mut raw.warnings)
                    .into_iter()
                    .map(|w| DocError::warning(&raw.source, "ingest", w))
                    .chain(meta_err)
                    .collect();
                let old = prev.and_then(|prev| {
                    prev.reusable(&raw.source, &fp).filter(|e| {
                        prev.has("documents.jsonl", e.documents)
                            && prev.has("mentions.jsonl", e.mentions)
                            && prev.has("timexes.jsonl", e.timexes)
                    })
                });
                if let Some(e) = old {
                    // Its stored error records include the warnings and the sidecar's.
                    First::Done((Processed::Reused(Box::new(e.clone())), Vec::new(), Some(fp)))
                } else if raw.content.len() > STREAM_ABOVE {
                    First::Done((Processed::Large(raw), notes, Some(fp)))
                } else {
                    match guarded(&raw.source, || res.clean_entries(&raw)) {
                        Ok(docs) => First::Next(Cleaned {
                            source: raw.source,
                            docs,
                            notes,
                            fp,
                        }),
                        Err(e) => First::Done((Processed::Failed(e), notes, Some(fp))),
                    }
                }
            }
            Err(e) => First::Done((Processed::Failed(e), Vec::new(), None)),
        }
    };
    // Second stage (preferably one worker, whose rule automata stay warm): annotate.
    let second = |c: Cleaned| -> Outcome {
        let Cleaned {
            source,
            mut docs,
            notes,
            fp,
        } = c;
        let r = guarded(&source, || {
            res.annotate_all(&mut docs);
            let records: usize = docs
                .iter()
                .map(|d| d.mentions.len() + d.timexes.len())
                .sum();
            if records > BUFFER_RECORDS_UP_TO {
                return None;
            }
            Some(doc_out(&source, &docs))
        });
        let p = match r {
            Ok(Some(o)) => Processed::Done(o),
            Ok(None) => Processed::Annotated(source, docs),
            Err(e) => Processed::Failed(e),
        };
        (p, notes, Some(fp))
    };
    let mut n_items = 0;
    // Written in corpus order as results arrive (so the output does not depend on timing).
    let write = |(r, notes, fp): Outcome| -> Result<()> {
        if let Some(b) = &bar {
            b.inc(1);
        }
        let marks = writers.marks();
        let mut doc_errors: Vec<DocError> = notes;
        let o = match r {
            Processed::Done(o) => Ok(o),
            Processed::Reused(e) => {
                let prev = prev.ok_or_else(|| Error::Invalid("reuse without a manifest".into()))?;
                writers
                    .documents
                    .copy_from(prev, "documents.jsonl", e.documents)?;
                writers
                    .mentions
                    .copy_from(prev, "mentions.jsonl", e.mentions)?;
                writers
                    .timexes
                    .copy_from(prev, "timexes.jsonl", e.timexes)?;
                errors.extend(e.doc_errors());
                let mut e = *e;
                e.documents = writers.documents.since(marks[0]);
                e.mentions = writers.mentions.since(marks[1]);
                e.timexes = writers.timexes.since(marks[2]);
                manifest_out.put_record(&e)?;
                for (id, n) in e.entity_counts {
                    *counts.entry(id).or_default() += n;
                }
                emit::merge_discovered(&mut discovered, e.discovered);
                events.extend(e.events);
                reused += 1;
                n_items += 1;
                return Ok(());
            }
            Processed::Skipped => return Ok(()),
            Processed::Large(raw) => pool.install(|| stream_large(&res, raw, &mut writers)),
            Processed::Annotated(source, docs) => write_streamed(&source, &docs, &mut writers),
            Processed::Failed(e) => Err(e),
        };
        n_items += 1;
        let o = match o {
            Ok(o) => o,
            Err(e) => {
                // A failed file's entry carries its error records (and any records a large
                // document wrote before failing), so shard merges keep them; it is never
                // reused.
                doc_errors.push(e);
                let entry = manifest::Entry {
                    source: doc_errors[0].source.clone(),
                    fingerprint: fp.unwrap_or_default(),
                    documents: writers.documents.since(marks[0]),
                    mentions: writers.mentions.since(marks[1]),
                    timexes: writers.timexes.since(marks[2]),
                    events: Vec::new(),
                    entity_counts: Default::default(),
                    discovered: Default::default(),
                    errors: stored(&doc_errors),
                    failed: true,
                };
                manifest_out.put_record(&entry)?;
                errors.append(&mut doc_errors);
                return Ok(());
            }
        };
        writers.write_buffered(&o)?;
        doc_errors.extend(o.warnings);
        let entity_counts: std::collections::BTreeMap<String, usize> =
            o.entity_counts.into_iter().collect();
        let entry = manifest::Entry {
            source: o.source.clone(),
            fingerprint: fp.unwrap_or_default(),
            documents: writers.documents.since(marks[0]),
            mentions: writers.mentions.since(marks[1]),
            timexes: writers.timexes.since(marks[2]),
            events: o.events,
            entity_counts,
            discovered: o.discovered,
            errors: stored(&doc_errors),
            failed: false,
        };
        manifest_out.put_record(&entry)?;
        for (id, n) in entry.entity_counts {
            *counts.entry(id).or_default() += n;
        }
        emit::merge_discovered(&mut discovered, entry.discovered);
        events.extend(entry.events);
        errors.extend(doc_errors);
        Ok(())
    };
    stages::run_ordered(
        items,
        pool.current_num_threads(),
        WINDOW,
        first,
        second,
        write,
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let (n_documents, n_mentions, n_timexes) = (
        writers.documents.records,
        writers.mentions.records,
        writers.timexes.records,
    );
    writers.finish(&mut stage)?;
    manifest_out.finish(&mut stage)?;
    let n_events = write_merged(
        &mut stage,
        &res.gazetteer,
        events,
        &counts,
        &discovered,
        &errors,
    )?;
    let n_errors = errors
        .iter()
        .filter(|e| e.level == ingest::Level::Error)
        .count();
    let summary = RunSummary {
        files: files
            .iter()
            .filter(|f| matches!(f, ingest::Found::File(_)))
            .count(),
        documents: n_documents,
        sources: n_items,
        reused,
        not_reused,
        errors: n_errors,
        warnings: errors.len() - n_errors,
        mentions: n_mentions,
        timexes: n_timexes,
        events: n_events,
        error_records: errors.len(),
        name_warnings: res.name_warnings.clone(),
        seconds: t0.elapsed().as_secs_f64(),
    };
    let (counts, definitions) =
        summary.counts_json(res.gazetteer.entities.len() + discovered.len());
    let run_json = json!({
        "schema_version": emit::SCHEMA_VERSION,
        "casefile_version": env!("CARGO_PKG_VERSION"),
        "corpus": cfg.corpus.display().to_string(),
        "gazetteers": cfg.gazetteers.display().to_string(),
        "names": cfg.names.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "rules": res.rules_origin,
        "counts": counts,
        "count_definitions": definitions,
        "jobs": pool.current_num_threads(),
        "seconds": summary.seconds,
    });
    stage.write("run.json", emit::run_json_text(&run_json).as_bytes())?;
    stage.commit()?;
    Ok(summary)
}

/// Merges the documents' events across the corpus and writes `events.jsonl`,
/// `entities.jsonl` and `errors.jsonl` into the staging directory; returns the number of
/// merged events.
fn write_merged(
    stage: &mut emit::outdir::OutDir,
    gazetteer: &Gazetteer,
    events: Vec<DocEvent>,
    counts: &HashMap<String, usize>,
    discovered: &emit::Discovered,
    errors: &[DocError],
) -> Result<usize> {
    let merged = merge::merge(merge::per_subject(events));
    let mut out = Sink::create(stage.path("events.jsonl"))?;
    for e in &merged {
        out.put_record(&emit::event_record(e))?;
    }
    out.finish(stage)?;
    // The listed entities and the discovered ones, each sorted by id, merged in id order
    // and written one by one (a corpus full of names has hundreds of thousands).
    let listed = emit::entity_records(gazetteer, counts);
    let mut listed = listed.iter().peekable();
    let mut out = Sink::create(stage.path("entities.jsonl"))?;
    for found in emit::discovered_records(discovered, counts) {
        while let Some(r) = listed.next_if(|r| r.entity_id < found.id.as_str()) {
            out.put_record(r)?;
        }
        out.put_record(&found.record())?;
    }
    for r in listed {
        out.put_record(r)?;
    }
    out.finish(stage)?;
    let mut out = Sink::create(stage.path("errors.jsonl"))?;
    for e in errors {
        out.put_record(&emit::ErrorRecord::from(e))?;
    }
    out.finish(stage)?;
    Ok(merged.len())
}

/// Parses a `--dct` value.
pub fn parse_dct(s: &str) -> Result<Date> {
    Date::parse_iso(s)
        .ok_or_else(|| Error::Invalid(format!("--dct: `{s}` is not a date (YYYY-MM-DD)")))
}

/// [`Resources::clean_html`] with only a cleaner (all `casefile extract` needs) and the tree
/// depth limit.
pub fn clean_html_with(
    cleaner: &Cleaner,
    max_depth: usize,
    id: &str,
    source: &str,
    page: &str,
    not_after: Option<Date>,
) -> Doc {
    let e = html::extract_limited(page, not_after, max_depth);
    let mut d = Doc::new(id, source, cleaner.clean_text(&e.text));
    d.title = e.title;
    d.url = e.url;
    d.site_name = e.site_name;
    d.author = e.author;
    d.language = e.language;
    d.published = e.published.map(|date| Published {
        date,
        origin: DateOrigin::Meta,
    });
    d.warnings.extend(e.warning);
    d
}

/// The cleaner of a rules directory (its `boilerplate.txt`), or the built-in one: without
/// the gazetteer, date rules and event tables a run compiles.
pub fn cleaner_of(rules: Option<&Path>) -> Result<Cleaner> {
    match rules
        .map(|d| d.join("boilerplate.txt"))
        .filter(|p| p.exists())
    {
        Some(p) => {
            let s = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
            Cleaner::from_rules(&s, &p)
        }
        None => Ok(Cleaner::builtin()),
    }
}

//! Emit: output records and atomic JSON-lines files.
//!
//! Records carry `schema_version`; spans are **character offsets** (Unicode scalar
//! values) into the document's `text`. Files are written to a temporary file in the same
//! directory and renamed into place, so a reader never sees half a file.

pub mod manifest;
pub mod outdir;
use crate::doc::{
    Anchor, Authority, CharIndex, DateBasis, Doc, EntityType, Method, Modality, Precision,
    TimexType,
};
use crate::error::{Error, Result};
use crate::events::merge::{MergedEvent, SourceRef};
use crate::gazetteer::Gazetteer;
use crate::ingest::DocError;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::Path;

/// Version of the output records' layout.
pub const SCHEMA_VERSION: u32 = 1;

/// `{"value", "precision", "origin"}` of a publication date.
#[derive(Debug, Serialize)]
pub struct PublishedRecord {
    /// ISO value.
    pub value: String,
    /// Precision.
    pub precision: Precision,
    /// Origin.
    pub origin: crate::doc::DateOrigin,
}

/// A line of `documents.jsonl`.
#[derive(Debug, Serialize)]
pub struct DocumentRecord<'a> {
    /// Layout version.
    pub schema_version: u32,
    /// Content-derived id.
    pub doc_id: &'a str,
    /// Path inside the corpus (`#N` for the N-th entry of a multi-entry page).
    pub source: &'a str,
    /// For an entry of a multi-entry page: the page's `doc_id`.
    pub parent_id: Option<&'a str>,
    /// URL.
    pub url: Option<&'a str>,
    /// Title.
    pub title: Option<&'a str>,
    /// Site or publisher name.
    pub site_name: Option<&'a str>,
    /// Author or authors (`, ` between names).
    pub author: Option<&'a str>,
    /// Language code.
    pub language: Option<&'a str>,
    /// Publication date.
    pub published: Option<PublishedRecord>,
    /// Cleaned text.
    pub text: &'a str,
}

/// A line of `mentions.jsonl`.
#[derive(Debug, Serialize)]
pub struct MentionRecord<'a> {
    /// Layout version.
    pub schema_version: u32,
    /// Document id.
    pub doc_id: &'a str,
    /// Start (characters).
    pub start: usize,
    /// End (characters).
    pub end: usize,
    /// The text of the span.
    pub surface: &'a str,
    /// Linked entity.
    pub entity_id: &'a str,
    /// Entity type.
    pub entity_type: EntityType,
    /// Linking method.
    pub method: Method,
    /// Confidence 0-1.
    pub confidence: f32,
}

/// A line of `timexes.jsonl`.
#[derive(Debug, Serialize)]
pub struct TimexRecord<'a> {
    /// Layout version.
    pub schema_version: u32,
    /// Document id.
    pub doc_id: &'a str,
    /// Start (characters).
    pub start: usize,
    /// End (characters).
    pub end: usize,
    /// The text of the span.
    pub surface: &'a str,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub ttype: TimexType,
    /// TIMEX3 value.
    pub value: &'a str,
    /// TIMEX3 modifier.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<&'a str>,
    /// Precision.
    pub precision: Precision,
    /// Anchor used.
    pub anchor: Anchor,
}

/// `{"value", "precision"}` of an event date.
#[derive(Debug, Serialize)]
pub struct DateRecord {
    /// ISO value.
    pub value: String,
    /// Precision.
    pub precision: Precision,
}

/// One source of an event: the document, its URL and date, and the evidence sentence
/// (character offsets into that document's `text`, and the sentence itself).
#[derive(Debug, Serialize)]
pub struct SourceRecord<'a> {
    /// Document id.
    pub doc_id: &'a str,
    /// Source URL.
    pub url: Option<&'a str>,
    /// Publication date of the document or entry (ISO 8601 at its precision).
    pub published: Option<String>,
    /// Start of the evidence sentence (characters).
    pub start: usize,
    /// End of the evidence sentence (characters).
    pub end: usize,
    /// The evidence sentence.
    pub evidence: &'a str,
    /// The trigger phrase inside it.
    pub trigger: &'a str,
}

/// A line of `events.jsonl`: one real event with every source that reports it.
#[derive(Debug, Serialize)]
pub struct EventRecord<'a> {
    /// Layout version.
    pub schema_version: u32,
    /// Content-derived id (type, main subject, month): stable when sources are added.
    pub event_id: &'a str,
    /// Vocabulary name.
    pub event_type: &'a str,
    /// ITUC Global Rights Index category.
    pub category: &'a str,
    /// Entity ids, main subject first.
    pub subjects: &'a [String],
    /// The acting body.
    pub authority: Option<&'a Authority>,
    /// Date.
    pub date: Option<DateRecord>,
    /// Where the date came from: `clause`, `sentence`, `entry` or `none`.
    pub date_basis: DateBasis,
    /// Place entity id.
    pub place: Option<&'a str>,
    /// `asserted` or `contested`.
    pub modality: Modality,
    /// Attributes: terms (ISO 8601 durations), `fine`/`damages` (`{amount, currency}`),
    /// `charges`, `early_release`, `*_end` dates.
    pub attributes: &'a Map<String, Value>,
    /// Attributes on which sources disagree, every value with its sources.
    pub conflicts: &'a Map<String, Value>,
    /// Every source.
    pub sources: Vec<SourceRecord<'a>>,
}

/// A line of `entities.jsonl`.
#[derive(Debug, Serialize)]
pub struct EntityRecord<'a> {
    /// Layout version.
    pub schema_version: u32,
    /// Stable id.
    pub entity_id: &'a str,
    /// Type.
    pub entity_type: EntityType,
    /// Canonical name.
    pub name: &'a str,
    /// Russian forms.
    pub ru: &'a [String],
    /// Kazakh forms.
    pub kk: &'a [String],
    /// Aliases.
    pub aliases: &'a [String],
    /// Acronyms.
    pub acronyms: &'a [String],
    /// Mentions of it in this run.
    pub mentions: usize,
}

/// A line of `errors.jsonl`.
#[derive(Debug, Serialize)]
pub struct ErrorRecord<'a> {
    /// Layout version.
    pub schema_version: u32,
    /// Path inside the corpus.
    pub source: &'a str,
    /// Stage.
    pub stage: &'a str,
    /// `error` (the unit gave no document) or `warning` (it was kept, or was no
    /// document and was not read).
    pub level: &'static str,
    /// Reason.
    pub message: &'a str,
}

impl<'a> From<&'a DocError> for ErrorRecord<'a> {
    fn from(e: &'a DocError) -> Self {
        ErrorRecord {
            schema_version: SCHEMA_VERSION,
            source: &e.source,
            stage: e.stage,
            level: e.level.as_str(),
            message: &e.message,
        }
    }
}

/// The document record of a doc.
pub fn document_record(doc: &Doc) -> DocumentRecord<'_> {
    DocumentRecord {
        schema_version: SCHEMA_VERSION,
        doc_id: &doc.id,
        source: &doc.source,
        parent_id: doc.parent_id.as_deref(),
        url: doc.url.as_deref(),
        title: doc.title.as_deref(),
        site_name: doc.site_name.as_deref(),
        author: doc.author.as_deref(),
        language: doc.language.as_deref(),
        published: doc.published.map(|p| PublishedRecord {
            value: p.date.iso(),
            precision: p.date.precision(),
            origin: p.origin,
        }),
        text: &doc.text,
    }
}

/// The mention records of a doc.
pub fn mention_records<'a>(doc: &'a Doc, ix: &'a CharIndex) -> Vec<MentionRecord<'a>> {
    mention_records_iter(doc, ix).collect()
}

/// The mention records of a doc, one at a time (no list of them is built).
pub fn mention_records_iter<'a>(
    doc: &'a Doc,
    ix: &'a CharIndex,
) -> impl Iterator<Item = MentionRecord<'a>> + 'a {
    doc.mentions.iter().map(move |m| mention_record(doc, ix, m))
}

/// The record of one mention of `doc` (its span in `doc`'s text).
pub fn mention_record<'a>(
    doc: &'a Doc,
    ix: &CharIndex,
    m: &'a crate::doc::Mention,
) -> MentionRecord<'a> {
    MentionRecord {
        schema_version: SCHEMA_VERSION,
        doc_id: &doc.id,
        start: ix.chars(m.span.start),
        end: ix.chars(m.span.end),
        surface: m.span.of(&doc.text),
        entity_id: &m.entity_id,
        entity_type: m.entity_type,
        method: m.method,
        confidence: m.confidence,
    }
}

/// The timex records of a doc.
pub fn timex_records<'a>(doc: &'a Doc, ix: &'a CharIndex) -> Vec<TimexRecord<'a>> {
    timex_records_iter(doc, ix).collect()
}

/// The timex records of a doc, one at a time.
pub fn timex_records_iter<'a>(
    doc: &'a Doc,
    ix: &'a CharIndex,
) -> impl Iterator<Item = TimexRecord<'a>> + 'a {
    doc.timexes.iter().map(move |t| timex_record(doc, ix, t))
}

/// The record of one timex of `doc` (its span in `doc`'s text).
pub fn timex_record<'a>(doc: &'a Doc, ix: &CharIndex, t: &'a crate::doc::Timex) -> TimexRecord<'a> {
    TimexRecord {
        schema_version: SCHEMA_VERSION,
        doc_id: &doc.id,
        start: ix.chars(t.span.start),
        end: ix.chars(t.span.end),
        surface: t.span.of(&doc.text),
        ttype: t.ttype,
        value: &t.value,
        modifier: t.modifier,
        precision: t.precision,
        anchor: t.anchor,
    }
}

/// The record of a merged event.
pub fn event_record(e: &MergedEvent) -> EventRecord<'_> {
    EventRecord {
        schema_version: SCHEMA_VERSION,
        event_id: &e.event_id,
        event_type: &e.event_type,
        category: &e.category,
        subjects: &e.subjects,
        authority: e.authority.as_ref(),
        date: e.date.map(|d| DateRecord {
            value: d.iso(),
            precision: d.precision(),
        }),
        date_basis: e.date_basis,
        place: e.place.as_deref(),
        modality: e.modality,
        attributes: &e.attributes,
        conflicts: &e.conflicts,
        sources: e.sources.iter().map(source_record).collect(),
    }
}

fn source_record(s: &SourceRef) -> SourceRecord<'_> {
    SourceRecord {
        doc_id: &s.doc_id,
        url: s.url.as_deref(),
        published: s.published.map(|d| d.iso()),
        start: s.start,
        end: s.end,
        evidence: &s.evidence,
        trigger: &s.trigger,
    }
}

/// The entity records of a gazetteer, with mention counts.
pub fn entity_records<'a>(
    g: &'a Gazetteer,
    counts: &std::collections::HashMap<String, usize>,
) -> Vec<EntityRecord<'a>> {
    let mut v: Vec<EntityRecord> = g
        .entities
        .iter()
        .map(|e| EntityRecord {
            schema_version: SCHEMA_VERSION,
            entity_id: &e.id,
            entity_type: e.etype,
            name: &e.name,
            ru: &e.ru,
            kk: &e.kk,
            aliases: &e.aliases,
            acronyms: &e.acronyms,
            mentions: counts.get(&e.id).copied().unwrap_or(0),
        })
        .collect();
    v.sort_by(|a, b| a.entity_id.cmp(b.entity_id));
    v
}

/// The names the run discovered (ids `new/...`): per id its type and every surface with its
/// number of mentions. Kept per corpus file in the manifest and summed over the run.
pub type Discovered = std::collections::BTreeMap<String, DiscoveredEntity>;

/// One discovered entity's type and surfaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscoveredEntity {
    /// Type.
    pub entity_type: EntityType,
    /// Surface (possessive removed) → mentions.
    pub surfaces: Surfaces,
}

/// Surfaces and their numbers of mentions, in order of surface: a sorted vector written as
/// a JSON object, as a `BTreeMap` would be. (A map's node held room for eleven surfaces,
/// about 370 bytes, per discovered name, most of which have one: a document full of names
/// made that the run's largest cost.)
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Surfaces(Vec<(String, usize)>);

impl Surfaces {
    /// Adds `n` mentions of `surface`.
    pub fn add(&mut self, surface: &str, n: usize) {
        match self.0.binary_search_by(|(s, _)| s.as_str().cmp(surface)) {
            Ok(i) => self.0[i].1 += n,
            Err(i) => self.0.insert(i, (surface.to_string(), n)),
        }
    }
    /// (surface, mentions), in order of surface.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &usize)> {
        self.0.iter().map(|(s, n)| (s, n))
    }
    /// The numbers of mentions.
    pub fn values(&self) -> impl Iterator<Item = &usize> {
        self.0.iter().map(|(_, n)| n)
    }
    /// How many surfaces.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Surfaces {
    type Item = (&'a String, &'a usize);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, usize)>,
        fn(&'a (String, usize)) -> (&'a String, &'a usize),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(s, n)| (s, n))
    }
}

impl Serialize for Surfaces {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> std::result::Result<S::Ok, S::Error> {
        ser.collect_map(self.0.iter().map(|(s, n)| (s, n)))
    }
}

impl<'de> Deserialize<'de> for Surfaces {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> std::result::Result<Self, D::Error> {
        let m = std::collections::BTreeMap::<String, usize>::deserialize(de)?;
        Ok(Surfaces(m.into_iter().collect()))
    }
}

/// Adds a document's discovered mentions to `d`.
pub fn add_discovered(d: &mut Discovered, doc: &crate::doc::Doc) {
    for m in &doc.mentions {
        if !m.entity_id.starts_with("new/") {
            continue;
        }
        let surface = crate::gazetteer::lexicon::strip_possessive(m.span.of(&doc.text).trim());
        let e = d
            .entry(m.entity_id.to_string())
            .or_insert_with(|| DiscoveredEntity {
                entity_type: m.entity_type,
                surfaces: Default::default(),
            });
        e.surfaces.add(surface, 1);
    }
}

/// Sums `other` into `d`, taking its strings (the first document's names are moved, not
/// copied).
pub fn merge_discovered(d: &mut Discovered, other: Discovered) {
    if d.is_empty() {
        *d = other;
        return;
    }
    for (id, e) in other {
        match d.get_mut(&id) {
            Some(t) => {
                for (s, n) in e.surfaces.iter() {
                    t.surfaces.add(s, *n);
                }
            }
            None => {
                d.insert(id, e);
            }
        }
    }
}

/// A discovered entity's display name and other surfaces: the name is the surface of most
/// words (a full name over a surname or an acronym), then the most mentioned, then the
/// first in order.
pub fn display_name(e: &DiscoveredEntity) -> (String, Vec<String>) {
    let mut v: Vec<(&String, &usize)> = e.surfaces.iter().collect();
    v.sort_by(|a, b| {
        let words = |s: &str| s.split_whitespace().count();
        words(b.0)
            .cmp(&words(a.0))
            .then(b.1.cmp(a.1))
            .then(a.0.cmp(b.0))
    });
    let name = v.first().map(|x| x.0.clone()).unwrap_or_default();
    let rest = v.iter().skip(1).map(|x| x.0.clone()).collect();
    (name, rest)
}

/// A discovered entity as `entities.jsonl` shows it (owned; [`EntityRecord`] borrows it).
#[derive(Debug, Clone)]
pub struct DiscoveredRecord {
    /// Its `new/...` id.
    pub id: String,
    /// Type.
    pub etype: EntityType,
    /// Display name.
    pub name: String,
    /// Its other surfaces.
    pub aliases: Vec<String>,
    /// Its acronyms.
    pub acronyms: Vec<String>,
    /// Mentions in the run.
    pub mentions: usize,
}

impl DiscoveredRecord {
    /// The line's record.
    pub fn record(&self) -> EntityRecord<'_> {
        EntityRecord {
            schema_version: SCHEMA_VERSION,
            entity_id: &self.id,
            entity_type: self.etype,
            name: &self.name,
            ru: &[],
            kk: &[],
            aliases: &self.aliases,
            acronyms: &self.acronyms,
            mentions: self.mentions,
        }
    }
}

/// `entities.jsonl` lines of the discovered entities, sorted by id.
pub fn discovered_records<'a>(
    d: &'a Discovered,
    counts: &'a std::collections::HashMap<String, usize>,
) -> impl Iterator<Item = DiscoveredRecord> + 'a {
    d.iter().map(|(id, e)| {
        let (name, others) = display_name(e);
        let (acronyms, aliases): (Vec<String>, Vec<String>) = others
            .into_iter()
            .partition(|s| crate::resolve::candidates::is_acronym(s) && !s.contains(' '));
        let n = counts
            .get(id)
            .copied()
            .unwrap_or_else(|| e.surfaces.values().sum());
        DiscoveredRecord {
            id: id.clone(),
            etype: e.entity_type,
            name,
            aliases,
            acronyms,
            mentions: n,
        }
    })
}

/// Serialises one value as a JSON line.
pub fn to_line<T: Serialize>(v: &T) -> String {
    // Our records contain only strings, numbers and maps with string keys.
    serde_json::to_string(v).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// Calls `f` on every line of a JSON-lines file, one at a time (the file is streamed).
/// Errors name the file and line: a line that is not JSON, or an [`Error::Invalid`] that
/// `f` returns for it.
pub fn each_jsonl(p: &Path, mut f: impl FnMut(Value) -> Result<()>) -> Result<()> {
    use std::io::BufRead;
    let file = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(p, e))?;
        let at = |reason: String| Error::Rule {
            path: p.to_path_buf(),
            line: i + 1,
            reason,
        };
        let v: Value =
            serde_json::from_str(&line).map_err(|e| at(format!("not a JSON line: {e}")))?;
        f(v).map_err(|e| match e {
            Error::Invalid(m) => at(m),
            other => other,
        })?;
    }
    Ok(())
}

/// Reads a whole JSON-lines file (see [`each_jsonl`] for the errors).
pub fn read_jsonl(p: &Path) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    each_jsonl(p, |v| {
        out.push(v);
        Ok(())
    })?;
    Ok(out)
}

/// The text of a run's `run.json`: pretty JSON and a newline.
pub fn run_json_text(v: &Value) -> String {
    format!("{}\n", serde_json::to_string_pretty(v).unwrap_or_default())
}

/// Writes `content` to `path` atomically: a temporary file in the same directory, flushed
/// and synced, then renamed over the target.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    tmp.write_all(content).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    // Temporary files are private; the output is for readers of the directory.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Records as one JSON-lines file's bytes: each record's [`to_line`] and a newline.
pub fn jsonl_text<T: Serialize>(records: impl IntoIterator<Item = T>) -> Vec<u8> {
    let mut buf = Vec::new();
    for r in records {
        buf.extend_from_slice(to_line(&r).as_bytes());
        buf.push(b'\n');
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets() {
        let t = "Özkan’s KNPRK";
        let ix = CharIndex::new(t);
        let b = t.find("KNPRK").unwrap();
        assert_eq!(ix.chars(b), 8);
        assert_eq!(ix.chars(t.len()), 13);
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.jsonl");
        write_atomic(&p, &jsonl_text([serde_json::json!({"a": 1})])).unwrap();
        write_atomic(
            &p,
            &jsonl_text([serde_json::json!({"a": 2}), serde_json::json!({"b": 3})]),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "{\"a\":2}\n{\"b\":3}\n"
        );
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }
}

//! The document model: one [`Doc`] carries the cleaned text plus annotation layers.
//!
//! Each pipeline stage reads a `Doc` and adds its layer. Every span is a pair of **byte**
//! offsets into [`Doc::text`] inside the library (cheap slicing); the emit stage converts
//! them to character offsets (Unicode scalar values) for the output records.
//!
//! ```
//! use casefile::doc::{Doc, Span};
//! let doc = Doc::new("d1", "a.txt", "Kharkova was sentenced.".to_string());
//! let s = Span::new(0, 8);
//! assert_eq!(s.of(&doc.text), "Kharkova");
//! ```

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The text the span covers.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The span moved `by` bytes to the right (from a part of a text into the whole).
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// How fine a date value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A whole decade (`201`).
    Decade,
    /// A year (`2017`).
    Year,
    /// A quarter or season of a year.
    Quarter,
    /// A month (`2017-07`).
    Month,
    /// A week (`2017-W30`).
    Week,
    /// A day (`2017-07-25`).
    Day,
    /// A time of day.
    Time,
    /// Not a calendar point: durations and sets.
    None,
}

/// Where a document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrigin {
    /// Sidecar metadata or HTML metadata.
    Meta,
    /// A date line near the title.
    Text,
    /// Inferred from dates in the body (least reliable).
    Inferred,
    /// Given by the caller (`--dct`).
    Given,
}

/// A calendar date with its precision: the document date, an event date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1-12, when known.
    pub month: Option<u32>,
    /// Day 1-31, when known.
    pub day: Option<u32>,
}

impl Date {
    /// A full day.
    pub fn ymd(year: i32, month: u32, day: u32) -> Self {
        Date {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
    /// The precision of this value.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
    /// ISO 8601 value at its own precision: `2017-07-25`, `2017-07`, `2017`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, validating the calendar.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let y: i32 = it.next()?.parse().ok()?;
        if !(1..=9999).contains(&y) {
            return None;
        }
        let m = match it.next() {
            Some(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let d = match it.next() {
            Some(d) => {
                let d: u32 = d.get(..2).unwrap_or(d).parse().ok()?;
                if d == 0 || d > days_in_month(y, m?) {
                    return None;
                }
                Some(d)
            }
            None => None,
        };
        Some(Date {
            year: y,
            month: m,
            day: d,
        })
    }
}

/// Days in `month` of `year` (Gregorian).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A document's publication date and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// The date.
    pub date: Date,
    /// Its origin.
    pub origin: DateOrigin,
}

/// Entity kinds the gazetteer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation, court or state body.
    Org,
    /// A place.
    Place,
}

impl EntityType {
    /// Parses `person`, `org` (or `organisation`), `place`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(EntityType::Person),
            "org" | "organisation" | "organization" => Some(EntityType::Org),
            "place" => Some(EntityType::Place),
            _ => None,
        }
    }
    /// The output name.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Place => "place",
        }
    }
}

/// How a mention was linked to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Exact gazetteer surface (after folding).
    Exact,
    /// An acronym or alias defined inside the document (`... Kazakhstan (CNTUK)`).
    Defined,
    /// A surname-only or partial mention linked to a full name earlier in the document.
    Partial,
    /// A spelling the gazetteer lacks that shares a known name's skeleton key.
    Skeleton,
    /// A near miss of a known name (one letter off).
    Fuzzy,
    /// A name the gazetteer lacks, found by its context (a title or role, an
    /// organisation's head noun, an acronym defined in the text); its id starts with `new/`.
    Discovered,
}

/// An entity mention linked to a gazetteer id.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// Canonical entity id (shared: a huge document has millions of mentions of a few
    /// entities).
    pub entity_id: std::sync::Arc<str>,
    /// The entity's type.
    pub entity_type: EntityType,
    /// How it was linked.
    pub method: Method,
    /// 0-1.
    pub confidence: f32,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period.
    Date,
    /// A length of time.
    Duration,
    /// A recurrence.
    Set,
    /// A time of day.
    Time,
}

/// Which anchor resolved a relative or partial date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Fully specified in the text.
    None,
    /// The document (or entry) date.
    DocumentDate,
    /// The last date mentioned before it.
    PreviousDate,
    /// Nothing to resolve against: the value keeps `X` placeholders.
    Unresolved,
}

/// A temporal expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Where it is.
    pub span: Span,
    /// TIMEX3 type.
    pub ttype: TimexType,
    /// TIMEX3 value (`2017-07-25`, `2017-07`, `P2Y6M`, `XXXX-07-25`).
    pub value: String,
    /// TIMEX3 modifier (`START`, `MID`, `END`, `APPROX`, ...).
    pub modifier: Option<&'static str>,
    /// Precision of the value.
    pub precision: Precision,
    /// The anchor used.
    pub anchor: Anchor,
    /// The calendar date, for DATE timexes resolved to a point.
    pub date: Option<Date>,
}

/// A part of a document with its own date: an entry of a multi-entry page.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The whole section, heading included.
    pub span: Span,
    /// The heading line.
    pub heading: Span,
    /// The entry date.
    pub date: Option<Date>,
}

/// Where an event's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// A date in the trigger's clause.
    Clause,
    /// A date elsewhere in the sentence (typically one that opens it).
    Sentence,
    /// The date of the same subject's event in the sentence before, which this one
    /// continues (`In July 2017, X was convicted. The court sentenced her to ...`).
    Context,
    /// The date of the entry (multi-entry page) that reports it, at month precision: an
    /// upper bound rather than the event's own date.
    Entry,
    /// No date.
    None,
}

/// Whether the source asserts the event or reports it as contested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Stated, but the source disputes its basis ("on false charges", "trumped-up").
    Contested,
}

/// The body that acts in an event: a court, the police, a ministry, an employer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Authority {
    /// Gazetteer id when the body is named (`org/enbekshinsky-court`).
    pub entity_id: Option<String>,
    /// `court`, `prosecutor`, `police`, `security_service`, `ministry`, `government` or
    /// `employer`.
    pub kind: String,
}

/// A case event found in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Vocabulary name (`sentence`, `arrest`, ...).
    pub event_type: String,
    /// Entity ids the event happens to, main subject first.
    pub subjects: Vec<String>,
    /// ITUC Global Rights Index category (`civil_liberties`, `establish_join_unions`,
    /// `union_activities`, `collective_bargaining`, `right_to_strike`).
    pub category: String,
    /// The acting body, when the sentence names or describes one.
    pub authority: Option<Authority>,
    /// The event date, if any.
    pub date: Option<Date>,
    /// Where the date came from.
    pub date_basis: DateBasis,
    /// Place entity id.
    pub place: Option<String>,
    /// Asserted or contested.
    pub modality: Modality,
    /// The trigger phrase.
    pub trigger: Span,
    /// The evidence sentence.
    pub evidence: Span,
    /// Attributes (prison term, fine, charges, ...), as a JSON object.
    pub attributes: serde_json::Map<String, serde_json::Value>,
    /// Not an event of its own but news about an earlier one of the same type and subject
    /// (`her restricted freedom ... will end on 9 November 2021`): only its attributes are
    /// merged into that event.
    pub refers_back: bool,
    /// The source says it happened again (`was again arrested`, `an additional five
    /// months`): it never joins an earlier event on a vague date alone.
    pub repeat: bool,
}

/// One document with its annotation layers.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Content-derived id.
    pub id: String,
    /// Path inside the corpus (or the caller's id); entries of a multi-entry page add
    /// `#N` (1-based).
    pub source: String,
    /// For an entry of a multi-entry page, the page's id.
    pub parent_id: Option<String>,
    /// Source URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Site or publisher name.
    pub site_name: Option<String>,
    /// The author or authors (`, ` between names), from the page's metadata or byline.
    pub author: Option<String>,
    /// Language code (`en`, `ru`), from the page's markup.
    pub language: Option<String>,
    /// Publication date.
    pub published: Option<Published>,
    /// The cleaned, readable text. All spans index it.
    pub text: String,
    /// Sentences, in order.
    pub sentences: Vec<Span>,
    /// Dated entries of a multi-entry page, in text order ([`Doc::anchor_at`] relies on it).
    pub sections: Vec<Section>,
    /// Entity mentions, in order.
    pub mentions: Vec<Mention>,
    /// Temporal expressions, in order.
    pub timexes: Vec<Timex>,
    /// Events, in order.
    pub events: Vec<Event>,
    /// Non-fatal remarks about the document (e.g. empty after cleaning).
    pub warnings: Vec<String>,
}

impl Doc {
    /// A document with text and no annotations yet.
    pub fn new(id: &str, source: &str, text: String) -> Self {
        Doc {
            id: id.to_string(),
            source: source.to_string(),
            text,
            ..Default::default()
        }
    }

    /// The anchor date for a position: the date of the section containing it, else the
    /// publication date.
    ///
    /// Sections come in text order and overlap only where two start together (as
    /// [`crate::clean::find_sections`] makes them), so only the last sections starting at
    /// or before `pos` can hold it: found by binary search (a document of many dated
    /// sections and many dates cost their product).
    pub fn anchor_at(&self, pos: usize) -> Option<Date> {
        debug_assert!(self.sections.is_sorted_by_key(|s| s.span.start));
        let k = self.sections.partition_point(|s| s.span.start <= pos);
        let group = self.sections[..k].last().map_or(k, |l| {
            self.sections[..k].partition_point(|s| s.span.start < l.span.start)
        });
        self.sections[group..k]
            .iter()
            .find(|s| pos < s.span.end)
            .and_then(|s| s.date)
            .or(self.published.map(|p| p.date))
    }

    /// Takes the layers of `part`, a document made of this one's text from byte `base` on,
    /// moving their spans into this text (annotation in windows: see
    /// [`crate::pipeline::Resources::annotate`]). Sections are not taken: a window's
    /// sections are found again on the whole text.
    pub fn append_shifted(&mut self, part: Doc, base: usize) {
        self.sentences
            .extend(part.sentences.into_iter().map(|s| s.shifted(base)));
        self.mentions.extend(part.mentions.into_iter().map(|mut m| {
            m.span = m.span.shifted(base);
            m
        }));
        self.timexes.extend(part.timexes.into_iter().map(|mut t| {
            t.span = t.span.shifted(base);
            t
        }));
        self.events.extend(part.events.into_iter().map(|mut e| {
            e.trigger = e.trigger.shifted(base);
            e.evidence = e.evidence.shifted(base);
            e
        }));
        self.warnings.extend(part.warnings);
    }

    /// Checks the invariants every stage must keep: each span of each layer lies inside
    /// the text on character boundaries, sentences are in order and do not overlap, an
    /// event's trigger lies inside its evidence and its evidence is one of the sentences.
    /// Fuzz targets and property tests assert it; the error names the first broken span.
    ///
    /// ```
    /// use casefile::doc::{Doc, Span};
    /// let mut d = Doc::new("d", "t", "Kharkova was sentenced.".into());
    /// d.sentences = vec![Span::new(0, 23)];
    /// assert!(d.check_spans().is_ok());
    /// d.sentences = vec![Span::new(0, 99)];
    /// assert!(d.check_spans().is_err());
    /// ```
    pub fn check_spans(&self) -> std::result::Result<(), String> {
        let t = &self.text;
        let ok = |what: &str, s: Span| -> std::result::Result<(), String> {
            if s.start > s.end
                || s.end > t.len()
                || !t.is_char_boundary(s.start)
                || !t.is_char_boundary(s.end)
            {
                Err(format!(
                    "{what} span {}..{} is not on character boundaries of a {}-byte text",
                    s.start,
                    s.end,
                    t.len()
                ))
            } else {
                Ok(())
            }
        };
        let mut last = 0;
        for &s in &self.sentences {
            ok("sentence", s)?;
            if s.start < last {
                return Err(format!(
                    "sentence {}..{} overlaps the one before",
                    s.start, s.end
                ));
            }
            last = s.end;
        }
        for s in &self.sections {
            ok("section", s.span)?;
            ok("section heading", s.heading)?;
        }
        for m in &self.mentions {
            ok("mention", m.span)?;
            if m.span.start == m.span.end {
                return Err(format!("empty mention at {}", m.span.start));
            }
        }
        for x in &self.timexes {
            ok("timex", x.span)?;
        }
        for e in &self.events {
            ok("event trigger", e.trigger)?;
            ok("event evidence", e.evidence)?;
            if !e.evidence.contains(e.trigger) {
                return Err(format!(
                    "event trigger {}..{} outside its evidence {}..{}",
                    e.trigger.start, e.trigger.end, e.evidence.start, e.evidence.end
                ));
            }
            if !self.sentences.contains(&e.evidence) {
                return Err(format!(
                    "event evidence {}..{} is not a sentence",
                    e.evidence.start, e.evidence.end
                ));
            }
        }
        Ok(())
    }
}

/// Maps byte offsets of a text to character offsets: for a text that is not ASCII, the
/// character count before each 64-byte block and a bit per byte that starts a character
/// (12 bytes per 64 bytes of text; a map of one offset per byte was 4 times the text).
///
/// ```
/// use casefile::doc::CharIndex;
/// let t = "Qaraǵandy court, 3 мая";
/// let ix = CharIndex::new(t);
/// for (n, (b, _)) in t.char_indices().enumerate() {
///     assert_eq!(ix.chars(b), n);
/// }
/// assert_eq!(ix.chars(t.len()), t.chars().count());
/// ```
pub struct CharIndex {
    ascii: bool,
    /// Characters before each block.
    before: Vec<u32>,
    /// Bit `k` of block `i`: byte `64 i + k` starts a character.
    starts: Vec<u64>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                ascii: true,
                before: Vec::new(),
                starts: Vec::new(),
            };
        }
        let blocks = text.len() / 64 + 1;
        let mut before = Vec::with_capacity(blocks);
        let mut starts = Vec::with_capacity(blocks);
        let mut n = 0u32;
        for chunk in text.as_bytes().chunks(64) {
            before.push(n);
            let mut bits = 0u64;
            for (k, &b) in chunk.iter().enumerate() {
                // Every byte but a UTF-8 continuation byte starts a character.
                if b & 0xC0 != 0x80 {
                    bits |= 1 << k;
                }
            }
            n += bits.count_ones();
            starts.push(bits);
        }
        if text.len().is_multiple_of(64) {
            // The end offset opens a block of its own.
            before.push(n);
            starts.push(0);
        }
        CharIndex {
            ascii: false,
            before,
            starts,
        }
    }
    /// The character offset of byte offset `b` (a character boundary, or the text's end).
    pub fn chars(&self, b: usize) -> usize {
        if self.ascii {
            return b;
        }
        let (i, k) = (b / 64, b % 64);
        let below = self.starts[i] & ((1u64 << k) - 1);
        self.before[i] as usize + below.count_ones() as usize
    }
}

//! Date rules: find temporal expressions and normalise them TIMEX3-style.
//!
//! Every rule ([`rules`]) is a `regex` pattern with a builder that turns its captures into
//! a [`Sem`] (what the expression means before anchoring). Candidates from all rules are
//! resolved leftmost-longest; then, in text order, partial and relative ones are anchored:
//!
//! - on the date of the section or document they stand in ([`Doc::anchor_at`]): a partial
//!   date takes the year that puts it nearest to that date (`25 July` in an August report is
//!   the past July, `Jan. 14` in a December report the coming January); a weekday is the
//!   most recent one unless the sentence speaks of the future;
//! - on the last date mentioned for `the next day`, `a year earlier`, `two weeks later`;
//! - never on today: with no anchor, values keep `X` placeholders (`XXXX-07-25`) and the
//!   anchor is reported `unresolved`.
//!
//! Numeric dates are day-first (`06.10.2017` is 6 October) unless the year leads or
//! day-first is impossible (`05/16/2017`).
//!
//! ```
//! use casefile::dates::Tagger;
//! use casefile::doc::{Date, Doc, DateOrigin, Published};
//! let mut doc = Doc::new("d", "a.txt", "On 25 July, Kharkova was sentenced.".into());
//! doc.published = Some(Published { date: Date::ymd(2017, 8, 3), origin: DateOrigin::Meta });
//! Tagger::new().tag(&mut doc);
//! assert_eq!(doc.timexes[0].value, "2017-07-25");
//! assert_eq!(doc.timexes[0].span.of(&doc.text), "25 July");
//! ```

pub mod calendar;
mod resolve;
pub mod rules;
pub mod scheme;

use crate::doc::{Anchor, Date, Doc, Precision, Span, Timex, TimexType, days_in_month};
use crate::patterns::PatternSet;
use calendar::{add_days, add_months, to_days};
use regex::Regex;
use resolve::resolve;
use std::sync::LazyLock;

pub use rules::{MONTH_ALT, RU_MONTH_ALT, duration_value, month_number, number_value};

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Years.
    Year,
    /// Quarters.
    Quarter,
    /// Months.
    Month,
    /// Weeks.
    Week,
    /// Days.
    Day,
    /// Hours.
    Hour,
    /// Minutes.
    Minute,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
}

impl Unit {
    /// Parses a unit word (`years`, `month`, `decade`, ...).
    pub fn parse(w: &str) -> Option<Unit> {
        let w = w.to_lowercase();
        Some(if w.starts_with("year") {
            Unit::Year
        } else if w.starts_with("quarter") {
            Unit::Quarter
        } else if w.starts_with("month") {
            Unit::Month
        } else if w.starts_with("week") {
            Unit::Week
        } else if w.starts_with("day") {
            Unit::Day
        } else if w.starts_with("hour") {
            Unit::Hour
        } else if w.starts_with("min") {
            Unit::Minute
        } else if w.starts_with("decade") {
            Unit::Decade
        } else if w.starts_with("centur") {
            Unit::Century
        } else {
            return None;
        })
    }

    /// The TIMEX3 letter(s) of the unit.
    pub fn letter(&self) -> &'static str {
        match self {
            Unit::Year => "Y",
            Unit::Quarter => "Q",
            Unit::Month => "M",
            Unit::Week => "W",
            Unit::Day => "D",
            Unit::Hour => "H",
            Unit::Minute => "M",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }
}

/// What an expression means before anchoring.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// A fully specified date, with an optional modifier (`START`, `MID`, `END`).
    Abs(Date, Option<&'static str>),
    /// A value that needs no anchor (`1990-Q3`, a decade `199`, a century `19`).
    Fixed(String, Precision, Option<&'static str>),
    /// Month and optional day without a year (`25 July`), with a modifier.
    Partial {
        /// Month.
        month: u32,
        /// Day.
        day: Option<u32>,
        /// Modifier.
        modifier: Option<&'static str>,
    },
    /// A year relative to the anchor (`last year`), optionally with month and day
    /// (`January 20 last year`).
    RelYear {
        /// -1 last, 0 this, 1 next.
        offset: i32,
        /// Month.
        month: Option<u32>,
        /// Day.
        day: Option<u32>,
        /// Modifier.
        modifier: Option<&'static str>,
    },
    /// A named month relative to the anchor (`last December`).
    RelMonthName {
        /// -1 last, 0 this, 1 next.
        offset: i32,
        /// Month.
        month: u32,
        /// Day of the month, when given (`last Oct. 23`).
        day: Option<u32>,
        /// Modifier (`late last March`: `END`).
        modifier: Option<&'static str>,
    },
    /// A month relative to the anchor's month (`early last month`).
    RelMonth {
        /// Months from the anchor.
        offset: i32,
        /// Modifier.
        modifier: Option<&'static str>,
    },
    /// A week relative to the anchor (`last week`).
    RelWeek {
        /// Weeks from the anchor.
        offset: i32,
        /// Modifier.
        modifier: Option<&'static str>,
    },
    /// A day relative to the anchor (`yesterday`), or to the last date mentioned
    /// (`the next day`) when `from_previous`, with an optional part of the day (`TNI`).
    RelDay {
        /// Days from the anchor.
        offset: i64,
        /// Anchor on the last date mentioned rather than the document date.
        from_previous: bool,
        /// Part of day (`MO`, `AF`, `EV`, `NI`).
        part: Option<&'static str>,
    },
    /// `n` units before the anchor (`two years ago`); `None` for a vague amount.
    Ago {
        /// Amount.
        n: Option<f64>,
        /// Unit.
        unit: Unit,
        /// Modifier (`APPROX`, ...).
        modifier: Option<&'static str>,
    },
    /// `n` units before (`dir` -1) or after (+1) the last date mentioned (`a year earlier`).
    Shift {
        /// Amount.
        n: f64,
        /// Unit.
        unit: Unit,
        /// Direction.
        dir: i32,
    },
    /// A quarter (`the third quarter`, `the year-earlier quarter`, `the quarter`).
    Quarter {
        /// 1-4, or `None` for "the quarter" (the last one mentioned or completed).
        q: Option<u32>,
        /// Years from the anchor's year.
        year_offset: i32,
    },
    /// A half of a year (`the first half of 2015`, `the second half of last year`): value
    /// `YYYY-H1` or `YYYY-H2`.
    Half {
        /// 1 or 2.
        half: u32,
        /// An explicit year.
        year: Option<i32>,
        /// Otherwise years from the anchor's year (`this year` 0, `last year` -1).
        offset: i32,
    },
    /// A season (`last fall`, `this summer`, `the winter of 1994`).
    Season {
        /// `SP`, `SU`, `FA`, `WI`.
        season: &'static str,
        /// -1 last, 0 this, 1 next, `None` the (nearest) one.
        offset: Option<i32>,
        /// An explicit year.
        year: Option<i32>,
    },
    /// A weekend relative to the anchor's week.
    Weekend {
        /// Weeks from the anchor.
        offset: i32,
    },
    /// A weekday (1 = Monday) with an optional part of day or time; `shift` -1 for
    /// `last Friday`, +1 for `next Friday`.
    Weekday {
        /// 1-7.
        wd: u32,
        /// Part of day.
        part: Option<&'static str>,
        /// Time of day.
        time: Option<(u32, u32)>,
        /// Week shift.
        shift: i32,
    },
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Ref(&'static str),
    /// A duration with its TIMEX3 value and modifier.
    Duration(String, Option<&'static str>),
    /// A set with its TIMEX3 value.
    Set(String),
    /// A time of day.
    Time {
        /// Hour 0-24.
        hour: u32,
        /// Minute.
        minute: u32,
    },
    /// A time on a month and day without a year (`5 p.m. EST, Nov. 6`).
    PartialTime {
        /// Month.
        month: u32,
        /// Day.
        day: u32,
        /// Hour.
        hour: u32,
        /// Minute.
        minute: u32,
    },
    /// A holiday on a fixed date or a computed one, in the year nearest the anchor.
    Holiday(rules::HolidayRule),
}

/// A candidate match before overlap resolution.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Where it is.
    pub span: Span,
    /// What it means.
    pub sem: Sem,
}

/// The compiled date rules.
pub struct Tagger {
    rules: Vec<rules::Rule>,
    /// The rules' patterns: one pass tells which rules match a text at all, and only
    /// those are compiled and run alone.
    set: PatternSet,
}

impl Default for Tagger {
    fn default() -> Self {
        Self::new()
    }
}

/// Parses a string that is entirely an absolute date: `3 August, 2017`, `April 7, 2017`,
/// `06.10.2017`, `18-03-2022`, `2017-10-06`.
///
/// ```
/// use casefile::dates::parse_absolute;
/// use casefile::doc::Date;
/// assert_eq!(parse_absolute("06.10.2017"), Some(Date::ymd(2017, 10, 6)));
/// assert_eq!(parse_absolute("3 August, 2017"), Some(Date::ymd(2017, 8, 3)));
/// assert_eq!(parse_absolute("Kazakhstan"), None);
/// ```
pub fn parse_absolute(s: &str) -> Option<Date> {
    let s = s.trim();
    let cands = Tagger::shared().candidates(s);
    let c = cands.first()?;
    if c.span.start != 0 || c.span.end != s.len() {
        return None;
    }
    match c.sem {
        Sem::Abs(d, None) if d.day.is_some() => Some(d),
        _ => None,
    }
}

/// A document date inferred from the text when none is known: the latest fully written
/// date (day, month and year) the text mentions, not after today. Relative expressions
/// are then resolved against it (with the `inferred` origin on the document).
///
/// ```
/// use casefile::dates::infer_document_date;
/// use casefile::doc::Date;
/// let t = "Kharkova was sentenced on 25 July. On 3 August 2017 IndustriALL wrote, citing 1 March 2017.";
/// assert_eq!(infer_document_date(t), Some(Date::ymd(2017, 8, 3)));
/// ```
pub fn infer_document_date(text: &str) -> Option<Date> {
    latest_full_date(&Tagger::shared().candidates(text))
}

/// The latest fully written date among a text's candidates, not after today: what
/// [`infer_document_date`] returns.
fn latest_full_date(cands: &[Candidate]) -> Option<Date> {
    let today = today();
    cands.iter().filter_map(|c| full_date(c, today)).max()
}

fn today() -> Date {
    calendar::from_days(
        (std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            / 86_400) as i64,
    )
}

/// A candidate's date when it is written out in full (day, month, year), not after today.
fn full_date(c: &Candidate, today: Date) -> Option<Date> {
    match c.sem {
        Sem::Abs(d, None) if d.day.is_some() && d <= today => Some(d),
        _ => None,
    }
}

/// Texts longer than this (bytes) are dated in two scans of their dates, none held, rather
/// than one scan whose candidates are held while they become timexes (a text full of
/// dates held both: 10 times its size).
const HOLD_CANDIDATES_UP_TO: usize = 1 << 20;

/// One rule's candidates in a line, in text order: the builder's results for each match
/// (sorted: start, then the longer first), match after match (a match's candidates lie
/// inside it, and matches do not overlap).
struct RuleStream<'r, 'h> {
    k: usize,
    build: rules::Builder,
    matches: regex::CaptureMatches<'r, 'h>,
    pending: std::collections::VecDeque<(Span, Sem)>,
    /// Candidates taken so far (keeps a rule's equal candidates in their order).
    seq: usize,
}

impl RuleStream<'_, '_> {
    /// The order key of the next candidate: start, end (longest first), rule, order.
    fn peek_key(&mut self) -> Option<(usize, std::cmp::Reverse<usize>, usize, usize)> {
        while self.pending.is_empty() {
            let c = self.matches.next()?;
            let mut built = (self.build)(&c);
            built.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
            debug_assert!(
                c.get(0).is_none_or(|m| built
                    .iter()
                    .all(|(sp, _)| m.start() <= sp.start && sp.end <= m.end())),
                "a date rule's candidates lie inside its match"
            );
            self.pending.extend(built);
        }
        self.pending
            .front()
            .map(|(sp, _)| (sp.start, std::cmp::Reverse(sp.end), self.k, self.seq))
    }
}

impl Tagger {
    /// Compiles the rules.
    pub fn new() -> Self {
        Tagger::of(rules::rules())
    }

    fn of(rules: Vec<rules::Rule>) -> Self {
        // Built-in rules (tested to compile, each alone too): failing is a build defect.
        let set = PatternSet::new(rules.iter().map(|r| r.pattern.as_str()), false)
            .unwrap_or_else(|e| panic!("built-in date rules: {e:?}"));
        Tagger { rules, set }
    }

    /// A process-wide instance (compiled once).
    pub fn shared() -> &'static Tagger {
        static T: LazyLock<Tagger> = LazyLock::new(Tagger::new);
        &T
    }

    /// A process-wide tagger of calendar dates written out only ([`rules::Rule::absolute`]:
    /// `3 August 2017`, `06.10.2017`, ranges of them), for datelines and metadata values:
    /// a sixth of the rules, so a fraction of the full tagger's start-up.
    pub fn calendar_dates() -> &'static Tagger {
        static T: LazyLock<Tagger> = LazyLock::new(|| {
            Tagger::of(rules::rules().into_iter().filter(|r| r.absolute).collect())
        });
        &T
    }

    /// All rule matches, resolved leftmost-longest into non-overlapping candidates (at one
    /// start, the longer wins; at equal extent, the earlier rule).
    ///
    /// Each rule's matches come in text order, so the rules' streams are merged in that
    /// order and each candidate is kept or dropped as it comes: only the kept ones are
    /// held. (Collecting every rule's every match and sorting them held about eight
    /// candidates per date of a text full of dates: 50 times the text.)
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        self.each_candidate(text, |c| out.push(c));
        out
    }

    /// [`Tagger::candidates`] one at a time, in text order, none of them held.
    pub fn each_candidate(&self, text: &str, mut f: impl FnMut(Candidate)) {
        let mut last_end: Option<usize> = None;
        // Line by line: a date does not run across a paragraph break, and a rule found in
        // a line is searched for its groups in that line only, not in the whole text.
        let mut line_start = 0;
        for line in text.split('\n') {
            let at = line_start;
            line_start += line.len() + 1;
            if line.trim().is_empty() {
                continue;
            }
            let mut streams: Vec<RuleStream> = self
                .set
                .matching(line)
                .map(|k| RuleStream {
                    k,
                    build: self.rules[k].build,
                    matches: self.set.regex(k).captures_iter(line),
                    pending: std::collections::VecDeque::new(),
                    seq: 0,
                })
                .collect();
            // Heads of the streams, least first: (start, longest first, rule, order).
            let mut heads = std::collections::BinaryHeap::new();
            for (i, st) in streams.iter_mut().enumerate() {
                if let Some(key) = st.peek_key() {
                    heads.push(std::cmp::Reverse((key, i)));
                }
            }
            while let Some(std::cmp::Reverse((_, i))) = heads.pop() {
                let st = &mut streams[i];
                let Some((span, sem)) = st.pending.pop_front() else {
                    continue;
                };
                st.seq += 1;
                if let Some(key) = st.peek_key() {
                    heads.push(std::cmp::Reverse((key, i)));
                }
                let span = Span::new(span.start + at, span.end + at);
                if last_end.is_some_and(|e| e > span.start) || span.start >= span.end {
                    continue;
                }
                last_end = Some(span.end);
                f(Candidate { span, sem });
            }
        }
    }

    /// Finds and normalises the temporal expressions of a document, anchoring relative ones
    /// on the document's (or section's) date or on the last date mentioned.
    pub fn tag(&self, doc: &mut Doc) {
        let cands = self.candidates(&doc.text);
        self.tag_candidates(doc, cands);
    }

    /// [`Tagger::tag`] for a document that may have no date yet: one without gets the one
    /// [`infer_document_date`] would give it (origin `inferred`), from the same scan of the
    /// text that tags it.
    ///
    /// ```
    /// use casefile::dates::Tagger;
    /// use casefile::doc::{Date, Doc};
    /// let mut doc = Doc::new("d", "d", "Arrested on 3 August 2017, he was released a week later.".into());
    /// Tagger::shared().date_and_tag(&mut doc);
    /// assert_eq!(doc.published.map(|p| p.date), Some(Date::ymd(2017, 8, 3)));
    /// assert_eq!(doc.timexes.last().map(|t| t.value.as_str()), Some("2017-08-10"));
    /// ```
    pub fn date_and_tag(&self, doc: &mut Doc) {
        let infer = |doc: &mut Doc, date: Option<Date>| {
            if let Some(date) = date {
                doc.published = Some(crate::doc::Published {
                    date,
                    origin: crate::doc::DateOrigin::Inferred,
                });
            }
        };
        if doc.text.len() <= HOLD_CANDIDATES_UP_TO {
            let cands = self.candidates(&doc.text);
            if doc.published.is_none() {
                infer(doc, latest_full_date(&cands));
            }
            let mut out = Vec::with_capacity(cands.len());
            let mut tag = Tagging::new(doc);
            for c in cands {
                out.push(tag.timex(doc, c));
            }
            doc.timexes = out;
            return;
        }
        self.infer_published(doc);
        let mut out = Vec::new();
        let mut tag = Tagging::new(doc);
        self.each_candidate(&doc.text, |c| out.push(tag.timex(doc, c)));
        doc.timexes = out;
    }

    /// Gives a document without a date the one [`Tagger::date_and_tag`] would infer from
    /// its whole text, without tagging it (a document annotated in windows is dated once,
    /// from all of them).
    pub fn infer_published(&self, doc: &mut Doc) {
        if doc.published.is_some() {
            return;
        }
        let today = today();
        let mut latest: Option<Date> = None;
        self.each_candidate(&doc.text, |c| latest = latest.max(full_date(&c, today)));
        if let Some(date) = latest {
            doc.published = Some(crate::doc::Published {
                date,
                origin: crate::doc::DateOrigin::Inferred,
            });
        }
    }

    fn tag_candidates(&self, doc: &mut Doc, cands: Vec<Candidate>) {
        let mut out = Vec::with_capacity(cands.len());
        let mut tag = Tagging::new(doc);
        for c in cands {
            out.push(tag.timex(doc, c));
        }
        doc.timexes = out;
    }
}

/// Candidates becoming timexes, in text order.
struct Tagging {
    ctx: Context,
    /// The document date when it was inferred from the text.
    published: Option<Date>,
}

impl Tagging {
    fn new(doc: &Doc) -> Self {
        Tagging {
            ctx: Context::default(),
            published: doc
                .published
                .filter(|p| p.origin == crate::doc::DateOrigin::Inferred)
                .map(|p| p.date),
        }
    }

    fn timex(&mut self, doc: &Doc, c: Candidate) -> Timex {
        let anchor = doc.anchor_at(c.span.start);
        self.ctx.inferred = self.published.is_some() && anchor == self.published;
        let main_quarter = matches!(c.sem, Sem::Quarter { year_offset: 0, .. });
        let t = resolve(&doc.text, c, anchor, &self.ctx);
        let future = future_context(&doc.text, t.span.start);
        self.ctx.update(&t, main_quarter, future);
        t
    }
}

/// What earlier expressions leave for later ones to anchor on.
#[derive(Debug, Clone, Default)]
struct Context {
    /// The last calendar date mentioned (month precision or finer for `the next day`).
    previous: Option<Date>,
    /// The last quarter mentioned, as (year, quarter).
    quarter: Option<(i32, u32)>,
    /// The last date written out with its year (`20 December 2022`, `May 2019`) and the
    /// byte where it ends: a narrative's year for the dates without one that follow it.
    narrative: Option<(Date, usize)>,
    /// The reference time of a text without a document date: the last date with a known
    /// year (written out, or given one by the reference before it) and where it ends.
    reference: Option<(Date, usize)>,
    /// The document date is inferred from the text (the latest date it writes out): a
    /// narrative's own year says more of a date without one than that guess.
    inferred: bool,
}

impl Context {
    /// Takes `t` (found in a clause about the future when `future`) as the last date
    /// mentioned. A planned date (`the strike will resume on 3 March 2025`) is what `the
    /// next day` may follow, but the narrative does not move to it: it never becomes the
    /// reference time or the narrative's year.
    fn update(&mut self, t: &Timex, main_quarter: bool, future: bool) {
        if t.ttype != TimexType::Date && t.ttype != TimexType::Time {
            return;
        }
        if let Some(d) = t.date {
            self.previous = Some(d);
            if future {
                return;
            }
            if t.anchor == Anchor::None && d.month.is_some() {
                self.narrative = Some((d, t.span.end));
            }
            // (A date that took its year from the reference moves the reference on.)
            if matches!(t.anchor, Anchor::None | Anchor::PreviousDate) {
                self.reference = Some((d, t.span.end));
            }
        }
        if main_quarter
            && let Some((y, q)) = t.value.split_once("-Q")
            && let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse::<u32>())
        {
            self.quarter = Some((y, q));
            self.previous = Some(Date {
                year: y,
                month: Some(q * 3 - 2),
                day: None,
            });
        }
    }
}

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\b(will|shall|scheduled|set to|is to|are to|was to|were to|plans? to|planned|planning|to resume|as soon as|as early as|is going to|are going to|is expected to|are expected to|would)\b|'ll\b)")
        .expect("future")
});

/// How far back (bytes) the clause before an expression is searched for a future marker.
const FUTURE_LOOKBACK: usize = 160;

/// Whether the clause just before `pos` speaks of the future: a future auxiliary or
/// schedule word (`will`, `is expected to`), or `would` reporting a plan (`said it would
/// leave on Monday`; `would have` is past).
fn future_context(text: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(FUTURE_LOOKBACK);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..pos];
    let before = before
        .rsplit(['.', '\n', ';', ','])
        .next()
        .unwrap_or(before);
    FUTURE.find_iter(before).any(|m| {
        !(m.as_str().eq_ignore_ascii_case("would")
            && before[m.end()..]
                .trim_start()
                .get(..4)
                .is_some_and(|w| w.eq_ignore_ascii_case("have")))
    })
}

fn date_timex(span: Span, d: Date, modifier: Option<&'static str>, anchor: Anchor) -> Timex {
    Timex {
        span,
        ttype: TimexType::Date,
        value: d.iso(),
        modifier,
        precision: d.precision(),
        anchor,
        date: Some(d),
    }
}

fn value_timex(
    span: Span,
    ttype: TimexType,
    value: String,
    precision: Precision,
    modifier: Option<&'static str>,
    anchor: Anchor,
) -> Timex {
    Timex {
        span,
        ttype,
        value,
        modifier,
        precision,
        anchor,
        date: None,
    }
}

fn unresolved(span: Span, ttype: TimexType, value: String, precision: Precision) -> Timex {
    value_timex(span, ttype, value, precision, None, Anchor::Unresolved)
}

/// The occurrence of month/day nearest to `a` (the anchor): this year's, last year's or
/// next year's. In a future context, a date more than a month before the anchor moves on a
/// year.
fn nearest_year(a: Date, month: u32, day: Option<u32>, future: bool) -> i32 {
    let a_days = to_days(Date {
        year: a.year,
        month: Some(a.month.unwrap_or(7)),
        day: Some(a.day.unwrap_or(15)),
    });
    let at = |y: i32| {
        to_days(Date::ymd(
            y,
            month,
            day.unwrap_or(15).min(days_in_month(y, month)),
        ))
    };
    // News reports the past: the latest occurrence no more than SLACK days after the
    // anchor, unless the sentence speaks of the future (then the next one).
    let slack = SLACK_DAYS;
    if future {
        return [a.year - 1, a.year, a.year + 1]
            .into_iter()
            .find(|&y| at(y) >= a_days - 31)
            .unwrap_or(a.year);
    }
    [a.year + 1, a.year, a.year - 1]
        .into_iter()
        .find(|&y| at(y) <= a_days + slack)
        .unwrap_or(a.year - 1)
}

/// How far (bytes) a date written out with its year lends its year to a date without one
/// in the same paragraph (`On 20 December 2022 the trial began. On 26 December ...`).
const NARRATIVE_REACH: usize = 300;

/// The year of a month (and day) without one, from the narrative: the occurrence nearest
/// to the last date written out with its year, when that date is in the same paragraph and
/// close before.
fn narrative_year(
    text: &str,
    at: usize,
    ctx: &Context,
    month: u32,
    day: Option<u32>,
) -> Option<i32> {
    let (d, end) = ctx.narrative?;
    if at < end || at - end > NARRATIVE_REACH || text[end..at].contains('\n') {
        return None;
    }
    Some(nearest_to(d, month, day, 1))
}

/// The year that puts `month` (and `day`) nearest to date `d`, a date before it counting
/// `back` times its distance (`On 19 April 2022 ... In late November` is November 2022
/// with `back` 3); a year alone gives its year.
fn nearest_to(d: Date, month: u32, day: Option<u32>, back: i64) -> i32 {
    // (`in 2007 ... in January`: a year alone sets it.)
    if d.month.is_none() {
        return d.year;
    }
    let base = to_days(Date {
        year: d.year,
        month: d.month,
        day: Some(d.day.unwrap_or(15)),
    });
    [d.year, d.year + 1, d.year - 1]
        .into_iter()
        .min_by_key(|&y| {
            let at = to_days(Date::ymd(
                y,
                month,
                day.unwrap_or(15).min(days_in_month(y, month)),
            ));
            // (A narrative moves forward: a date before its reference may count `back`
            // times its distance.)
            if at >= base {
                at - base
            } else {
                back * (base - at)
            }
        })
        .unwrap_or(d.year)
}

/// How far after the anchor a partial date may fall and still be read as this year's.
const SLACK_DAYS: i64 = 90;

fn season_value(y: i32, s: &str) -> String {
    format!("{y:04}-{s}")
}

/// The season a month falls in (northern hemisphere; December counts to the winter that
/// starts that year).
fn season_of(month: u32) -> &'static str {
    match month {
        3..=5 => "SP",
        6..=8 => "SU",
        9..=11 => "FA",
        _ => "WI",
    }
}

fn season_rank(s: &str) -> u32 {
    match s {
        "SP" => 1,
        "SU" => 2,
        "FA" => 3,
        _ => 4,
    }
}

/// Shifts `d` by `n` units, keeping its precision where the unit allows.
fn shift(d: Date, n: f64, unit: Unit, dir: i32) -> Option<(Date, Precision)> {
    let k = (n * f64::from(dir)).round() as i64;
    Some(match unit {
        Unit::Year => (
            Date {
                year: d.year + k as i32,
                ..d
            },
            d.precision().max(Precision::Year),
        ),
        Unit::Decade => (
            Date {
                year: d.year + 10 * k as i32,
                ..d
            },
            Precision::Year,
        ),
        Unit::Century => (
            Date {
                year: d.year + 100 * k as i32,
                ..d
            },
            Precision::Year,
        ),
        Unit::Quarter => (add_months(d, 3 * k), d.precision()),
        Unit::Month => (
            add_months(
                Date {
                    month: d.month.or(Some(1)),
                    ..d
                },
                k,
            ),
            if d.day.is_some() {
                Precision::Day
            } else {
                Precision::Month
            },
        ),
        Unit::Week => (add_days(full(d), 7 * k), Precision::Day),
        Unit::Day => (add_days(full(d), k), Precision::Day),
        Unit::Hour | Unit::Minute => return None,
    })
}

fn full(d: Date) -> Date {
    Date::ymd(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

fn unit_word(u: Unit) -> &'static str {
    match u {
        Unit::Year => "years",
        Unit::Quarter => "quarters",
        Unit::Month => "months",
        Unit::Week => "weeks",
        Unit::Day => "days",
        Unit::Hour => "hours",
        Unit::Minute => "minutes",
        Unit::Decade => "decades",
        Unit::Century => "centuries",
    }
}

#[cfg(test)]
mod tests;

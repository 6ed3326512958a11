//! Date rules: find temporal expressions and normalise them TIMEX3-style.
//!
//! Every rule is a `regex` pattern with a builder that turns its captures into a
//! [`Sem`] (what the expression means before anchoring). Candidates from all rules are
//! resolved leftmost-longest; then, in text order, partial and relative ones are anchored to
//! the date of the section or document they stand in ([`Doc::anchor_at`]), or, for
//! `the next day` forms, to the last date mentioned. Numeric dates are day-first
//! (`06.10.2017` is 6 October) unless the year leads or day-first is impossible.
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

use crate::doc::{Anchor, Date, Doc, Precision, Span, Timex, TimexType, days_in_month};
use calendar::{add_days, add_months, iso_week, weekday};
use regex::Regex;
use std::sync::LazyLock;

/// Regex alternation of English month names and abbreviations (capitalised).
pub const MONTH_ALT: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Apr|Aug|Sept|Oct|Nov|Dec)";

/// Regex alternation of Russian month names in the genitive (`25 июля 2017 года`).
pub const RU_MONTH_ALT: &str =
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)";

const NUM_WORD: &str = r"(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|a few|a couple of)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?";

/// Month number (1-12) of an English or Russian month name or abbreviation.
pub fn month_number(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_lowercase();
    let en = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if let Some(i) = en.iter().position(|m| l.starts_with(m)) {
        return Some(i as u32 + 1);
    }
    let ru = [
        "январ",
        "феврал",
        "март",
        "апрел",
        "ма",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    ];
    // "ма" (май/мая) must not shadow "март": test longer stems first.
    let mut order: Vec<usize> = (0..12).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(ru[i].len()));
    order
        .into_iter()
        .find(|&i| l.starts_with(ru[i]))
        .map(|i| i as u32 + 1)
}

/// Value of a number written in digits or English words (`two`, `twenty-five`, `a`).
pub fn number_value(s: &str) -> Option<f64> {
    let l = s.trim().to_lowercase().replace(',', ".");
    if let Ok(v) = l.parse::<f64>() {
        return Some(v);
    }
    let word = |w: &str| -> Option<f64> {
        Some(match w {
            "a" | "an" | "one" => 1.0,
            "two" | "a couple of" => 2.0,
            "three" | "several" | "a few" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            "seventy" => 70.0,
            "eighty" => 80.0,
            "ninety" => 90.0,
            "hundred" => 100.0,
            _ => return None,
        })
    };
    if let Some(v) = word(&l) {
        return Some(v);
    }
    let (a, b) = l.split_once('-')?;
    Some(word(a)? + word(b)?)
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
    let t = Tagger::shared();
    let cands = t.candidates(s);
    let c = cands.first()?;
    if c.span.start != 0 || c.span.end != s.len() {
        return None;
    }
    match c.sem {
        Sem::Abs(d, None) if d.day.is_some() => Some(d),
        _ => None,
    }
}

/// What an expression means before anchoring.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// A fully specified date, with an optional modifier (`START`, `MID`, `END`).
    Abs(Date, Option<&'static str>),
    /// Month and optional day without a year (`25 July`).
    Partial {
        /// Month.
        month: u32,
        /// Day.
        day: Option<u32>,
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
    },
    /// A day relative to the anchor (`yesterday`), or to the last date mentioned
    /// (`the next day`) when `from_previous`.
    RelDay {
        /// Days from the anchor.
        offset: i64,
        /// Anchor on the last date mentioned rather than the document date.
        from_previous: bool,
    },
    /// `now`.
    PresentRef,
    /// A decade (`the 1990s`): value is the first three digits.
    Decade(i32),
    /// A weekday (1 = Monday).
    Weekday(u32),
    /// A duration with its TIMEX3 value.
    Duration(String),
    /// A set with its TIMEX3 value.
    Set(String),
    /// A time of day.
    Time {
        /// Hour 0-23.
        hour: u32,
        /// Minute.
        minute: u32,
    },
}

/// A candidate match before overlap resolution.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Where it is.
    pub span: Span,
    /// What it means.
    pub sem: Sem,
}

type Builder = fn(&regex::Captures) -> Vec<(Span, Sem)>;

struct Rule {
    re: Regex,
    build: Builder,
}

/// The compiled date rules.
pub struct Tagger {
    rules: Vec<Rule>,
}

impl Default for Tagger {
    fn default() -> Self {
        Self::new()
    }
}

fn span_of(m: regex::Match) -> Span {
    Span::new(m.start(), m.end())
}

fn cap_u32(c: &regex::Captures, i: usize) -> Option<u32> {
    c.get(i)?.as_str().parse().ok()
}

fn cap_i32(c: &regex::Captures, i: usize) -> Option<i32> {
    c.get(i)?.as_str().parse().ok()
}

fn valid(y: i32, m: u32, d: u32) -> Option<Date> {
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then(|| Date::ymd(y, m, d))
}

fn modifier_word(w: Option<regex::Match>) -> Option<&'static str> {
    let w = w?.as_str().to_lowercase();
    let w = w.trim_end_matches(['-', ' ']);
    if w == "early" || w.contains("beginning") || w.contains("start") {
        Some("START")
    } else if w == "mid" || w.contains("middle") {
        Some("MID")
    } else if w == "late" || w.ends_with(" end of") || w == "the end of" {
        Some("END")
    } else {
        None
    }
}

fn rel_offset(w: &str) -> i32 {
    let w = w.to_lowercase();
    if w.contains("last") || w.contains("previous") || w.contains("past") {
        -1
    } else if w.contains("next") || w.contains("coming") || w.contains("following") {
        1
    } else {
        0
    }
}

/// TIMEX3 duration value for `n` units (`P2Y6M`, `PT100H`, `P10D`).
pub fn duration_value(n: f64, unit: &str) -> String {
    let u = unit.to_lowercase();
    let whole = n.trunc() as i64;
    let frac = n - n.trunc();
    let fmt = |v: f64| {
        if (v - v.round()).abs() < 1e-9 {
            format!("{}", v.round() as i64)
        } else {
            format!("{v}")
        }
    };
    if u.starts_with("decade") {
        return format!("P{}DE", fmt(n));
    }
    if u.starts_with("year") {
        if frac > 0.0 && ((frac * 12.0) - (frac * 12.0).round()).abs() < 1e-9 {
            let months = (frac * 12.0).round() as i64;
            return if whole > 0 {
                format!("P{whole}Y{months}M")
            } else {
                format!("P{months}M")
            };
        }
        return format!("P{}Y", fmt(n));
    }
    if u.starts_with("month") {
        return format!("P{}M", fmt(n));
    }
    if u.starts_with("week") {
        return format!("P{}W", fmt(n));
    }
    if u.starts_with("day") {
        return format!("P{}D", fmt(n));
    }
    if u.starts_with("hour") {
        return format!("PT{}H", fmt(n));
    }
    format!("PT{}M", fmt(n))
}

impl Tagger {
    /// Compiles the rules.
    pub fn new() -> Self {
        let m = MONTH_ALT;
        let ru = RU_MONTH_ALT;
        let ord = r"(?:st|nd|rd|th)?";
        let mut rules: Vec<Rule> = Vec::new();
        let mut add = |pat: String, build: Builder| {
            rules.push(Rule {
                re: Regex::new(&pat).expect("built-in date rule compiles"),
                build,
            });
        };
        // 3 August, 2017 / 7th of April 2017 / 25 июля 2017 года
        add(
            format!(
                r"\b(\d{{1,2}}){ord}(?:\s+of)?\s+({m}|{ru}),?\s+(\d{{4}})\b(?:\s+(?:года|г\.))?"
            ),
            |c| {
                let d = (|| {
                    valid(
                        cap_i32(c, 3)?,
                        month_number(c.get(2)?.as_str())?,
                        cap_u32(c, 1)?,
                    )
                })();
                d.map(|d| vec![(span_of(c.get(0).expect("m")), Sem::Abs(d, None))])
                    .unwrap_or_default()
            },
        );
        // April 7, 2017
        add(
            format!(r"\b({m})\s+(\d{{1,2}}){ord},?\s+(\d{{4}})\b"),
            |c| {
                let d = (|| {
                    valid(
                        cap_i32(c, 3)?,
                        month_number(c.get(1)?.as_str())?,
                        cap_u32(c, 2)?,
                    )
                })();
                d.map(|d| vec![(span_of(c.get(0).expect("m")), Sem::Abs(d, None))])
                    .unwrap_or_default()
            },
        );
        // 6 and 27 August 2018, 5 to 21 January 2017: each date its own value.
        add(
            format!(
                r"\b(\d{{1,2}}){ord}\s*(?:and|to|until|till|-|–|—)\s*((\d{{1,2}}){ord}\s+({m}),?\s+(\d{{4}}))\b"
            ),
            |c| {
                let (Some(y), Some(mo)) = (
                    cap_i32(c, 5),
                    c.get(4).and_then(|x| month_number(x.as_str())),
                ) else {
                    return vec![];
                };
                let (Some(d1), Some(d2)) = (
                    valid(y, mo, cap_u32(c, 1).unwrap_or(0)),
                    valid(y, mo, cap_u32(c, 3).unwrap_or(0)),
                ) else {
                    return vec![];
                };
                vec![
                    (span_of(c.get(1).expect("g1")), Sem::Abs(d1, None)),
                    (span_of(c.get(2).expect("g2")), Sem::Abs(d2, None)),
                ]
            },
        );
        // between July and September 2018
        add(
            format!(r"\b({m})\s*(?:and|to|until|till|-|–|—)\s*(({m}),?\s+(\d{{4}}))\b"),
            |c| {
                let Some(y) = cap_i32(c, 4) else {
                    return vec![];
                };
                let (Some(m1), Some(m2)) = (
                    c.get(1).and_then(|x| month_number(x.as_str())),
                    c.get(3).and_then(|x| month_number(x.as_str())),
                ) else {
                    return vec![];
                };
                let d = |m| Date {
                    year: y,
                    month: Some(m),
                    day: None,
                };
                vec![
                    (span_of(c.get(1).expect("g1")), Sem::Abs(d(m1), None)),
                    (span_of(c.get(2).expect("g2")), Sem::Abs(d(m2), None)),
                ]
            },
        );
        // Numeric: 06.10.2017, 18-03-2022, 05/16/2017 (day-first unless impossible); may be
        // glued to a preceding word (`leaders18-03-2022`).
        add(
            r"(?:^|[^\d.,/-])((\d{1,2})([./-])(\d{1,2})([./-])((?:1[89]|20)\d{2}))(?:[^\d]|$)"
                .into(),
            |c| {
                if c.get(3).map(|x| x.as_str()) != c.get(5).map(|x| x.as_str()) {
                    return vec![];
                }
                let (Some(a), Some(b), Some(y)) = (cap_u32(c, 2), cap_u32(c, 4), cap_i32(c, 6))
                else {
                    return vec![];
                };
                let d = valid(y, b, a).or_else(|| valid(y, a, b));
                d.map(|d| vec![(span_of(c.get(1).expect("g1")), Sem::Abs(d, None))])
                    .unwrap_or_default()
            },
        );
        // ISO: 2017-10-06
        add(r"\b((?:1[89]|20)\d{2})-(\d{2})-(\d{2})\b".into(), |c| {
            let d = (|| valid(cap_i32(c, 1)?, cap_u32(c, 2)?, cap_u32(c, 3)?))();
            d.map(|d| vec![(span_of(c.get(0).expect("m")), Sem::Abs(d, None))])
                .unwrap_or_default()
        });
        // January 20 last year / 20 January last year
        add(
            format!(
                r"\b(?:({m})\s+(\d{{1,2}}){ord}|(\d{{1,2}}){ord}\s+({m})),?\s+((?i:last|this|next|previous))\s+year\b"
            ),
            |c| {
                let month = c.get(1).or(c.get(4)).and_then(|x| month_number(x.as_str()));
                let day = cap_u32(c, 2).or(cap_u32(c, 3));
                let (Some(month), Some(day)) = (month, day) else {
                    return vec![];
                };
                if day == 0 || day > 31 {
                    return vec![];
                }
                let offset = rel_offset(c.get(5).map_or("", |x| x.as_str()));
                vec![(
                    span_of(c.get(0).expect("m")),
                    Sem::RelYear {
                        offset,
                        month: Some(month),
                        day: Some(day),
                        modifier: None,
                    },
                )]
            },
        );
        // early/mid/late May 2018, the end of May 2018, May 2018
        add(
            format!(
                r"\b(?:((?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))[\s-]+)?({m}),?\s+(\d{{4}})\b"
            ),
            |c| {
                let (Some(mo), Some(y)) = (
                    c.get(2).and_then(|x| month_number(x.as_str())),
                    cap_i32(c, 3),
                ) else {
                    return vec![];
                };
                let d = Date {
                    year: y,
                    month: Some(mo),
                    day: None,
                };
                vec![(
                    span_of(c.get(0).expect("m")),
                    Sem::Abs(d, modifier_word(c.get(1))),
                )]
            },
        );
        // 25 July / 7th of April / 25 июля
        add(
            format!(r"\b(\d{{1,2}}){ord}(?:\s+of)?\s+({m}|{ru})\b"),
            |c| {
                let (Some(d), Some(mo)) = (
                    cap_u32(c, 1),
                    c.get(2).and_then(|x| month_number(x.as_str())),
                ) else {
                    return vec![];
                };
                if d == 0 || d > days_in_month(2000, mo) {
                    return vec![];
                }
                vec![(
                    span_of(c.get(0).expect("m")),
                    Sem::Partial {
                        month: mo,
                        day: Some(d),
                    },
                )]
            },
        );
        // September 29
        add(format!(r"\b({m})\s+(\d{{1,2}}){ord}\b"), |c| {
            let (Some(mo), Some(d)) = (
                c.get(1).and_then(|x| month_number(x.as_str())),
                cap_u32(c, 2),
            ) else {
                return vec![];
            };
            if d == 0 || d > days_in_month(2000, mo) {
                return vec![];
            }
            vec![(
                span_of(c.get(0).expect("m")),
                Sem::Partial {
                    month: mo,
                    day: Some(d),
                },
            )]
        });
        // last December, this March
        add(
            format!(r"\b((?i:last|this|next|previous|past))\s+({m})\b"),
            |c| {
                let Some(mo) = c.get(2).and_then(|x| month_number(x.as_str())) else {
                    return vec![];
                };
                let offset = rel_offset(c.get(1).map_or("", |x| x.as_str()));
                vec![(
                    span_of(c.get(0).expect("m")),
                    Sem::RelMonthName { offset, month: mo },
                )]
            },
        );
        // in January / early January (month alone: partial)
        add(
r"\b(?:((?i:early|mid|late))[\s-]+)?(January|February|March|April|June|July|August|September|October|November|December)\b"
            .to_string(),
            |c| {
                let Some(mo) = c.get(2).and_then(|x| month_number(x.as_str())) else {
                    return vec![];
                };
                vec![(
                    span_of(c.get(0).expect("m")),
                    Sem::Partial {
                        month: mo,
                        day: None,
                    },
                )]
            },
        );
        // the 1990s
        add(r"\b(?:(?i:the)\s+)?((?:1[89]|20)\d)0s\b".into(), |c| {
            cap_i32(c, 1)
                .map(|d| vec![(span_of(c.get(0).expect("m")), Sem::Decade(d))])
                .unwrap_or_default()
        });
        // 2017, mid-2017, early 2015
        add(r"(?:^|[^\p{L}\d$€£#.,/-])((?:((?i:early|mid|late))[\s-]+)?((?:1[89]|20)\d{2}))(?:$|[^\d%\p{L}])".into(), |c| {
            let Some(y) = cap_i32(c, 3) else { return vec![] };
            let d = Date { year: y, month: None, day: None };
            vec![(span_of(c.get(1).expect("g1")), Sem::Abs(d, modifier_word(c.get(2))))]
        });
        // (early) last month / this year / next week; the beginning of this year
        add(
            r"\b(?:((?i:early|mid|late|earlier|later|the\s+(?:beginning|start|middle|end)\s+of))[\s-]+)?((?i:last|this|next|previous|coming|the\s+following|the\s+previous))\s+(year|month|week)\b".into(),
            |c| {
                let offset = rel_offset(c.get(2).map_or("", |x| x.as_str()));
                let modifier = modifier_word(c.get(1));
                let sem = match c.get(3).map_or("", |x| x.as_str()) {
                    "year" => Sem::RelYear { offset, month: None, day: None, modifier },
                    "month" => Sem::RelMonth { offset, modifier },
                    _ => Sem::RelWeek { offset },
                };
                // "later this month": the modifier word is not part of the expression.
                let whole = c.get(0).expect("m");
                let span = if modifier.is_none() {
                    c.get(2).map_or(span_of(whole), |r| Span::new(r.start(), whole.end()))
                } else {
                    span_of(whole)
                };
                vec![(span, sem)]
            },
        );
        // today, yesterday, tomorrow, now
        add(
            r"\b((?i:today|yesterday|tomorrow|tonight|now))\b".into(),
            |c| {
                let w = c.get(1).map_or("", |x| x.as_str()).to_lowercase();
                let sem = match w.as_str() {
                    "yesterday" => Sem::RelDay {
                        offset: -1,
                        from_previous: false,
                    },
                    "tomorrow" => Sem::RelDay {
                        offset: 1,
                        from_previous: false,
                    },
                    "now" => Sem::PresentRef,
                    _ => Sem::RelDay {
                        offset: 0,
                        from_previous: false,
                    },
                };
                vec![(span_of(c.get(0).expect("m")), sem)]
            },
        );
        // the next day, the following day, the day before, the same day
        add(
            r"\b(?i:the\s+(next|following|previous|same)\s+day|the\s+day\s+(before|after))\b"
                .into(),
            |c| {
                let w = c
                    .get(1)
                    .or(c.get(2))
                    .map_or("", |x| x.as_str())
                    .to_lowercase();
                let offset = match w.as_str() {
                    "next" | "following" | "after" => 1,
                    "previous" | "before" => -1,
                    _ => 0,
                };
                vec![(
                    span_of(c.get(0).expect("m")),
                    Sem::RelDay {
                        offset,
                        from_previous: true,
                    },
                )]
            },
        );
        // Weekdays.
        add(
            r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b".into(),
            |c| {
                let names = [
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                ];
                let w = c.get(1).map_or("", |x| x.as_str()).to_lowercase();
                names
                    .iter()
                    .position(|n| *n == w)
                    .map(|i| vec![(span_of(c.get(0).expect("m")), Sem::Weekday(i as u32 + 1))])
                    .unwrap_or_default()
            },
        );
        // Durations: two and a half years, two-and-a-half years, five-year, 100 hours.
        add(
            format!(
                r"\b((?i:{NUM_WORD}))(?:[\s-]+(?i:and)[\s-]+(?i:a)[\s-]+(?i:half))?[\s-]+((?i:years?|months?|weeks?|days?|hours?|minutes?|decades?))\b"
            ),
            |c| {
                let whole = c.get(0).expect("m");
                let Some(mut n) = c.get(1).and_then(|x| number_value(x.as_str())) else {
                    return vec![];
                };
                if whole.as_str().to_lowercase().contains("half") {
                    n += 0.5;
                }
                let unit = c.get(2).map_or("", |x| x.as_str());
                vec![(span_of(whole), Sem::Duration(duration_value(n, unit)))]
            },
        );
        // Sets: twice a month, three times a week, monthly.
        add(
            r"\b(?i:(once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|per|every)\s+(year|month|week|day)|(daily|weekly|monthly|annually|yearly))\b".into(),
            |c| {
                let unit = c.get(2).or(c.get(3)).map_or("", |x| x.as_str()).to_lowercase();
                let v = if unit.starts_with("year") || unit.starts_with("annual") {
                    "P1Y"
                } else if unit.starts_with("month") {
                    "P1M"
                } else if unit.starts_with("week") {
                    "P1W"
                } else {
                    "P1D"
                };
                vec![(span_of(c.get(0).expect("m")), Sem::Set(v.to_string()))]
            },
        );
        // Times: 8 p.m., 6 am, 10:30 pm.
        add(
            r"\b(\d{1,2})(?:[:.](\d{2}))?\s*((?i:a\.m\.|p\.m\.|am\b|pm\b))".into(),
            |c| {
                let (Some(h), m) = (cap_u32(c, 1), cap_u32(c, 2).unwrap_or(0)) else {
                    return vec![];
                };
                if h == 0 || h > 12 || m > 59 {
                    return vec![];
                }
                let pm = c
                    .get(3)
                    .is_some_and(|x| x.as_str().to_lowercase().starts_with('p'));
                let hour = match (h, pm) {
                    (12, false) => 0,
                    (12, true) => 12,
                    (h, true) => h + 12,
                    (h, false) => h,
                };
                vec![(span_of(c.get(0).expect("m")), Sem::Time { hour, minute: m })]
            },
        );
        Tagger { rules }
    }

    /// A process-wide instance (compiled once).
    pub fn shared() -> &'static Tagger {
        static T: LazyLock<Tagger> = LazyLock::new(Tagger::new);
        &T
    }

    /// All rule matches, resolved leftmost-longest into non-overlapping candidates.
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let mut all: Vec<Candidate> = Vec::new();
        for r in &self.rules {
            for c in r.re.captures_iter(text) {
                for (span, sem) in (r.build)(&c) {
                    all.push(Candidate { span, sem });
                }
            }
        }
        // Groups produced by one match (ranges) stay together: longer first at one start.
        all.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        let mut out: Vec<Candidate> = Vec::new();
        for c in all {
            if out.last().is_some_and(|l| l.span.end > c.span.start) {
                continue;
            }
            out.push(c);
        }
        out
    }

    /// Finds and normalises the temporal expressions of a document, anchoring relative ones
    /// on the document's (or section's) date.
    pub fn tag(&self, doc: &mut Doc) {
        let cands = self.candidates(&doc.text);
        let mut previous: Option<Date> = None;
        let mut out = Vec::with_capacity(cands.len());
        for c in cands {
            let anchor = doc.anchor_at(c.span.start);
            let t = resolve(&doc.text, c, anchor, previous);
            if let Some(d) = t.date
                && t.ttype == TimexType::Date
                && d.month.is_some()
            {
                previous = Some(d);
            }
            out.push(t);
        }
        doc.timexes = out;
    }
}

static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(will|shall|scheduled|is set to|are set to|due to|expected to|plans? to|upcoming|next)\b")
        .expect("future")
});

/// Whether the text just before `pos` (within its sentence) speaks of the future.
fn future_context(text: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..pos];
    let before = before.rsplit(['.', '\n']).next().unwrap_or(before);
    FUTURE.is_match(before)
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

fn unresolved(span: Span, ttype: TimexType, value: String, precision: Precision) -> Timex {
    Timex {
        span,
        ttype,
        value,
        modifier: None,
        precision,
        anchor: Anchor::Unresolved,
        date: None,
    }
}

/// Anchors one candidate.
fn resolve(text: &str, c: Candidate, anchor: Option<Date>, previous: Option<Date>) -> Timex {
    let span = c.span;
    match c.sem {
        Sem::Abs(d, m) => date_timex(span, d, m, Anchor::None),
        Sem::Partial { month, day } => match anchor {
            Some(a) => {
                let mut year = a.year;
                let cand = Date {
                    year,
                    month: Some(month),
                    day: Some(day.unwrap_or(1)),
                };
                let a_full = Date {
                    year: a.year,
                    month: Some(a.month.unwrap_or(12)),
                    day: Some(a.day.unwrap_or(28)),
                };
                if future_context(text, span.start) {
                    if calendar::to_days(cand) < calendar::to_days(a_full) - 31 {
                        year += 1;
                    }
                } else if calendar::to_days(cand) > calendar::to_days(a_full) + 7 {
                    year -= 1;
                }
                let d = Date {
                    year,
                    month: Some(month),
                    day,
                };
                date_timex(span, d, None, Anchor::DocumentDate)
            }
            None => {
                let v = match day {
                    Some(d) => format!("XXXX-{month:02}-{d:02}"),
                    None => format!("XXXX-{month:02}"),
                };
                let p = if day.is_some() {
                    Precision::Day
                } else {
                    Precision::Month
                };
                unresolved(span, TimexType::Date, v, p)
            }
        },
        Sem::RelYear {
            offset,
            month,
            day,
            modifier,
        } => match anchor {
            Some(a) => {
                let d = Date {
                    year: a.year + offset,
                    month,
                    day,
                };
                date_timex(span, d, modifier, Anchor::DocumentDate)
            }
            None => unresolved(span, TimexType::Date, "XXXX".into(), Precision::Year),
        },
        Sem::RelMonthName { offset, month } => match anchor {
            Some(a) => {
                let am = a.month.unwrap_or(12);
                let year = match offset {
                    -1 => {
                        if month < am {
                            a.year
                        } else {
                            a.year - 1
                        }
                    }
                    1 => {
                        if month > am {
                            a.year
                        } else {
                            a.year + 1
                        }
                    }
                    _ => a.year,
                };
                date_timex(
                    span,
                    Date {
                        year,
                        month: Some(month),
                        day: None,
                    },
                    None,
                    Anchor::DocumentDate,
                )
            }
            None => unresolved(
                span,
                TimexType::Date,
                format!("XXXX-{month:02}"),
                Precision::Month,
            ),
        },
        Sem::RelMonth { offset, modifier } => match anchor {
            Some(a) if a.month.is_some() => {
                let d = add_months(Date { day: None, ..a }, i64::from(offset));
                date_timex(span, d, modifier, Anchor::DocumentDate)
            }
            _ => unresolved(span, TimexType::Date, "XXXX-XX".into(), Precision::Month),
        },
        Sem::RelWeek { offset } => match anchor {
            Some(a) if a.day.is_some() => {
                let d = add_days(a, 7 * i64::from(offset));
                let (y, w) = iso_week(d);
                Timex {
                    span,
                    ttype: TimexType::Date,
                    value: format!("{y:04}-W{w:02}"),
                    modifier: None,
                    precision: Precision::Week,
                    anchor: Anchor::DocumentDate,
                    date: None,
                }
            }
            _ => unresolved(span, TimexType::Date, "XXXX-WXX".into(), Precision::Week),
        },
        Sem::RelDay {
            offset,
            from_previous,
        } => {
            let (base, how) = if from_previous {
                (previous.filter(|p| p.day.is_some()), Anchor::PreviousDate)
            } else {
                (anchor.filter(|a| a.day.is_some()), Anchor::DocumentDate)
            };
            match base {
                Some(b) => date_timex(span, add_days(b, offset), None, how),
                None => unresolved(span, TimexType::Date, "XXXX-XX-XX".into(), Precision::Day),
            }
        }
        Sem::PresentRef => Timex {
            span,
            ttype: TimexType::Date,
            value: "PRESENT_REF".into(),
            modifier: None,
            precision: Precision::None,
            anchor: if anchor.is_some() {
                Anchor::DocumentDate
            } else {
                Anchor::Unresolved
            },
            date: None,
        },
        Sem::Decade(d) => Timex {
            span,
            ttype: TimexType::Date,
            value: format!("{d:03}"),
            modifier: None,
            precision: Precision::Decade,
            anchor: Anchor::None,
            date: None,
        },
        Sem::Weekday(wd) => match anchor {
            Some(a) if a.day.is_some() => {
                let cur = weekday(a);
                let back = (i64::from(cur) - i64::from(wd)).rem_euclid(7);
                let d = if future_context(text, span.start) {
                    add_days(a, (7 - back) % 7)
                } else {
                    add_days(a, -back)
                };
                date_timex(span, d, None, Anchor::DocumentDate)
            }
            _ => unresolved(
                span,
                TimexType::Date,
                "XXXX-WXX-".to_string() + &wd.to_string(),
                Precision::Day,
            ),
        },
        Sem::Duration(v) => Timex {
            span,
            ttype: TimexType::Duration,
            value: v,
            modifier: None,
            precision: Precision::None,
            anchor: Anchor::None,
            date: None,
        },
        Sem::Set(v) => Timex {
            span,
            ttype: TimexType::Set,
            value: v,
            modifier: None,
            precision: Precision::None,
            anchor: Anchor::None,
            date: None,
        },
        Sem::Time { hour, minute } => {
            let base = anchor.filter(|a| a.day.is_some());
            let value = match base {
                Some(b) => format!("{}T{hour:02}:{minute:02}", b.iso()),
                None => format!("XXXX-XX-XXT{hour:02}:{minute:02}"),
            };
            Timex {
                span,
                ttype: TimexType::Time,
                value,
                modifier: None,
                precision: Precision::Time,
                anchor: if base.is_some() {
                    Anchor::DocumentDate
                } else {
                    Anchor::Unresolved
                },
                date: None,
            }
        }
    }
}

#[cfg(test)]
mod tests;

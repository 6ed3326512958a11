//! The date rules: patterns and what their matches mean.
//!
//! Each [`Rule`] is a regular expression and a builder from its captures to candidate
//! spans with their [`Sem`]. At one start the longest candidate wins; at equal extent the
//! rule listed first. Vocabulary (months, number words, units, holidays) is in tables here;
//! anchoring is in the parent module.

use super::{Sem, Unit};
use crate::doc::{Date, Precision, Span, days_in_month};
use regex::Captures;

/// Regex alternation of English month names and abbreviations (capitalised).
pub const MONTH_ALT: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Apr|Aug|Sept|Oct|Nov|Dec)";

/// Regex alternation of Russian month names in the genitive (`25 июля 2017 года`).
pub const RU_MONTH_ALT: &str =
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)";

/// The gap between a day and its month: one or two spaces (a wider gap is layout:
/// `No. 20      May 21, 2012` has no 20 May).
const GAP: &str = r"[ \x{a0}]{1,2}";

const WEEKDAYS: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

const UNITS: &str = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|quarters?|yrs?|mins?|hrs?)";

const ONES: &str = "one|two|three|four|five|six|seven|eight|nine";
const TEENS: &str =
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const TENS: &str = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";

/// Number words and digits, including vague amounts (`several`, `a few`).
fn num() -> String {
    format!(
        r"(?:\d{{1,3}}(?:[.,]\d+)?(?:\s+1/2)?|(?:a|one|two|three|four|five)\s+hundred|(?:{TENS})(?:[\s-](?:{ONES}))?|{TEENS}|{ONES}|a\s+dozen|a\s+couple\s+of|a\s+few|few|a\s+half|half\s+an?|several|some|many|dozens\s+of|an|a)"
    )
}

/// Approximating words before an amount, and their TIMEX3 modifier.
const APPROX: &str = r"(?:a\s+mere|mere|nearly|almost|roughly|approximately|some|more\s+than|over|well\s+over|less\s+than|under|fewer\s+than|up\s+to|at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|upwards\s+of|a\s+little\s+over|a\s+little\s+more\s+than)";

fn approx_mod(w: Option<regex::Match>) -> Option<&'static str> {
    let w = w?.as_str().to_lowercase();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match w.as_str() {
        "more than" | "over" | "well over" | "just over" | "upwards of" | "a little over"
        | "a little more than" => "MORE_THAN",
        "less than" | "under" | "just under" | "fewer than" => "LESS_THAN",
        "at least" | "no less than" => "EQUAL_OR_MORE",
        "up to" | "at most" | "no more than" => "EQUAL_OR_LESS",
        "only" | "barely" | "just" | "a mere" | "mere" => return None,
        _ => "APPROX",
    })
}

/// Month names and abbreviations of French, Spanish, German, Portuguese and Italian,
/// lower case, with their numbers (those that begin with the English abbreviation, like
/// `mars` or `junio`, get the same number from it). Written dates in these languages
/// appear in NGO reports and court documents quoted in English articles.
const FOREIGN_MONTHS: &[(&str, u32)] = &[
    // French
    ("janvier", 1),
    ("mars", 3),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("décembre", 12),
    ("déc", 12),
    // Spanish
    ("febrero", 2),
    ("marzo", 3),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("enero", 1),
    ("ene", 1),
    ("abril", 4),
    ("abr", 4),
    ("agosto", 8),
    ("ago", 8),
    ("setiembre", 9),
    ("diciembre", 12),
    ("dic", 12),
    // German
    ("februar", 2),
    ("juni", 6),
    ("juli", 7),
    ("jänner", 1),
    ("januar", 1),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // Portuguese
    ("junho", 6),
    ("julho", 7),
    ("novembro", 11),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    // Italian
    ("febbraio", 2),
    ("aprile", 4),
    ("gennaio", 1),
    ("gen", 1),
    ("maggio", 5),
    ("mag", 5),
    ("giugno", 6),
    ("giu", 6),
    ("luglio", 7),
    ("lug", 7),
    ("settembre", 9),
    ("sett", 9),
    ("ottobre", 10),
    ("ott", 10),
    ("dicembre", 12),
];

/// Full English month names, for the forms that take them in any case (`12 october 2019`).
const EN_MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A case-insensitive alternation of month names in any of the languages above and
/// English, longest first. `alone`: for a month followed by nothing but its year, so
/// without abbreviations (`ago 2016`, `dec 2016`) and the verbs `may` and `march`;
/// otherwise with English abbreviations too (`.` allowed after one).
fn any_month_alt(alone: bool) -> String {
    let mut names: Vec<String> = FOREIGN_MONTHS
        .iter()
        .map(|(n, _)| n.to_string())
        .filter(|n| !alone || n.chars().count() >= 4)
        .collect();
    names.extend(
        EN_MONTHS
            .iter()
            .filter(|m| !alone || !matches!(**m, "may" | "march"))
            .map(|m| m.to_string()),
    );
    if !alone {
        names.extend(
            [
                "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            ]
            .iter()
            .map(|m| format!(r"{m}\.?")),
        );
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    format!("(?i:{})", names.join("|"))
}

/// Month number (1-12) of a month name or abbreviation: English, Russian, or one of
/// [`FOREIGN_MONTHS`].
pub fn month_number(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_lowercase();
    let en = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if let Some(i) = en.iter().position(|m| l.starts_with(m)) {
        return Some(i as u32 + 1);
    }
    if let Some(&(_, n)) = FOREIGN_MONTHS.iter().find(|(m, _)| *m == l) {
        return Some(n);
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
    let mut order: Vec<usize> = (0..12).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(ru[i].len()));
    order
        .into_iter()
        .find(|&i| l.starts_with(ru[i]))
        .map(|i| i as u32 + 1)
}

fn word_value(w: &str) -> Option<f64> {
    Some(match w {
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "a dozen" => 12.0,
        "a couple of" => 2.0,
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
        "a half" | "half a" | "half an" => 0.5,
        _ => return None,
    })
}

/// Value of a number written in digits or English words (`two`, `twenty-five`,
/// `twenty four`, `2 1/2`, `a hundred`); `None` for vague amounts (`several`, `a few`).
pub fn number_value(s: &str) -> Option<f64> {
    let l = s
        .trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(whole) = l.strip_suffix(" 1/2") {
        return number_value(whole).map(|v| v + 0.5);
    }
    if let Ok(v) = l.replace(',', ".").parse::<f64>() {
        return Some(v);
    }
    if let Some(v) = word_value(&l) {
        return Some(v);
    }
    if let Some(h) = l.strip_suffix(" hundred") {
        return word_value(h).map(|v| v * 100.0);
    }
    let (a, b) = l.split_once(['-', ' '])?;
    let (a, b) = (word_value(a)?, word_value(b)?);
    (a >= 20.0 && b < 10.0).then_some(a + b)
}

/// The size rank of a duration unit, largest first (`years` 0 ... `seconds` 6); `None` for
/// units a compound duration does not combine (decades, centuries, quarters).
fn unit_rank(unit: &str) -> Option<u32> {
    let u = unit.to_lowercase();
    [
        ("y", 0),
        ("mo", 1),
        ("w", 2),
        ("d", 3),
        ("h", 4),
        ("mi", 5),
        ("s", 6),
    ]
    .iter()
    .find(|(p, _)| u.starts_with(p))
    .map(|(_, r)| *r)
    .filter(|_| !u.starts_with("dec"))
}

/// The values of the amounts in capture groups `i` and `j` (`4 to 12 years`).
fn amounts(c: &Captures, i: usize, j: usize) -> Option<(f64, f64)> {
    Some((
        number_value(&lower_at(c, i))?,
        number_value(&lower_at(c, j))?,
    ))
}

/// TIMEX3 duration value for `n` units (`P2Y6M`, `PT100H`, `P10D`, `PT1M30S`).
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
    let half = (frac - 0.5).abs() < 1e-9;
    let with = |big: &str, small_n: i64, small: &str, time: bool| {
        let t = if time { "T" } else { "" };
        if whole > 0 {
            format!("P{t}{whole}{big}{small_n}{small}")
        } else {
            format!("P{t}{small_n}{small}")
        }
    };
    if u.starts_with("decade") {
        // Decades are written in years, as TimeML annotators do (`P10Y`).
        return format!("P{}Y", fmt(n * 10.0));
    }
    if u.starts_with("centur") {
        return format!("P{}CE", fmt(n));
    }
    if u.starts_with("quarter") {
        return format!("P{}Q", fmt(n));
    }
    if u.starts_with("y") {
        if half {
            return with("Y", 6, "M", false);
        }
        return format!("P{}Y", fmt(n));
    }
    if u.starts_with("mo") {
        return format!("P{}M", fmt(n));
    }
    if u.starts_with('w') {
        if half {
            return format!("P{}D", fmt(n * 7.0));
        }
        return format!("P{}W", fmt(n));
    }
    if u.starts_with('d') {
        if half {
            return with("D", 12, "H", false).replacen('D', "DT", 1);
        }
        return format!("P{}D", fmt(n));
    }
    if u.starts_with('h') {
        if half {
            return with("H", 30, "M", true);
        }
        return format!("PT{}H", fmt(n));
    }
    if u.starts_with('s') {
        return format!("PT{}S", fmt(n));
    }
    if half {
        return with("M", 30, "S", true);
    }
    format!("PT{}M", fmt(n))
}

/// A vague-amount duration value (`PXY` for "several years").
fn vague_value(unit: &str) -> String {
    let u = unit.to_lowercase();
    if u.starts_with('h') {
        "PTXH".into()
    } else if u.starts_with("mi") {
        "PTXM".into()
    } else if u.starts_with('s') {
        "PTXS".into()
    } else if u.starts_with("dec") {
        "PXDE".into()
    } else if u.starts_with("cent") {
        "PXCE".into()
    } else if u.starts_with('q') {
        "PXQ".into()
    } else {
        format!("PX{}", u.chars().next().unwrap_or('Y').to_ascii_uppercase())
    }
}

/// A holiday: a fixed month and day, or a computed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
    /// Month and day.
    Fixed(u32, u32),
    /// The n-th weekday (1 = Monday) of a month; n = -1 for the last.
    NthWeekday(u32, u32, i32),
    /// Easter Sunday plus an offset in days.
    Easter(i64),
}

impl HolidayRule {
    /// The date of the holiday in a year.
    pub fn in_year(&self, y: i32) -> Date {
        match *self {
            HolidayRule::Fixed(m, d) => Date::ymd(y, m, d.min(days_in_month(y, m))),
            HolidayRule::NthWeekday(m, wd, n) => {
                if n > 0 {
                    let first = Date::ymd(y, m, 1);
                    let off =
                        (i64::from(wd) - i64::from(super::calendar::weekday(first))).rem_euclid(7);
                    super::calendar::add_days(first, off + 7 * i64::from(n - 1))
                } else {
                    let last = Date::ymd(y, m, days_in_month(y, m));
                    let back =
                        (i64::from(super::calendar::weekday(last)) - i64::from(wd)).rem_euclid(7);
                    super::calendar::add_days(last, -back)
                }
            }
            HolidayRule::Easter(off) => {
                // Anonymous Gregorian algorithm.
                let a = y % 19;
                let b = y / 100;
                let c = y % 100;
                let d = b / 4;
                let e = b % 4;
                let f = (b + 8) / 25;
                let g = (b - f + 1) / 3;
                let h = (19 * a + b - d - g + 15) % 30;
                let i = c / 4;
                let k = c % 4;
                let l = (32 + 2 * e + 2 * i - h - k) % 7;
                let m = (a + 11 * h + 22 * l) / 451;
                let month = (h + l - 7 * m + 114) / 31;
                let day = (h + l - 7 * m + 114) % 31 + 1;
                super::calendar::add_days(Date::ymd(y, month as u32, day as u32), off)
            }
        }
    }

    /// The occurrence nearest to `a`.
    pub fn nearest(&self, a: Date) -> Date {
        let ad =
            super::calendar::to_days(Date::ymd(a.year, a.month.unwrap_or(7), a.day.unwrap_or(1)));
        [a.year - 1, a.year, a.year + 1]
            .into_iter()
            .map(|y| self.in_year(y))
            .min_by_key(|d| (super::calendar::to_days(*d) - ad).abs())
            .unwrap_or_else(|| self.in_year(a.year))
    }

    /// Month and day of a fixed holiday.
    pub fn fixed(&self) -> Option<(u32, u32)> {
        match *self {
            HolidayRule::Fixed(m, d) => Some((m, d)),
            _ => None,
        }
    }
}

/// Holidays and the rule that dates them.
pub const HOLIDAYS: &[(&str, HolidayRule)] = &[
    ("christmas eve", HolidayRule::Fixed(12, 24)),
    ("christmas day", HolidayRule::Fixed(12, 25)),
    ("christmas", HolidayRule::Fixed(12, 25)),
    ("new year's eve", HolidayRule::Fixed(12, 31)),
    ("new year's day", HolidayRule::Fixed(1, 1)),
    ("halloween", HolidayRule::Fixed(10, 31)),
    ("valentine's day", HolidayRule::Fixed(2, 14)),
    ("veterans day", HolidayRule::Fixed(11, 11)),
    ("bastille day", HolidayRule::Fixed(7, 14)),
    ("nauryz", HolidayRule::Fixed(3, 22)),
    ("may day", HolidayRule::Fixed(5, 1)),
    ("labour day", HolidayRule::Fixed(5, 1)),
    ("thanksgiving day", HolidayRule::NthWeekday(11, 4, 4)),
    ("thanksgiving", HolidayRule::NthWeekday(11, 4, 4)),
    ("labor day", HolidayRule::NthWeekday(9, 1, 1)),
    ("memorial day", HolidayRule::NthWeekday(5, 1, -1)),
    ("easter sunday", HolidayRule::Easter(0)),
    ("easter", HolidayRule::Easter(0)),
    ("good friday", HolidayRule::Easter(-2)),
];

pub(crate) type Builder = fn(&Captures) -> Vec<(Span, Sem)>;

/// One rule: a pattern and what its matches mean.
pub struct Rule {
    /// The pattern (compiled by the tagger's [`crate::patterns::PatternSet`]).
    pub pattern: String,
    /// Builds candidates from a match.
    pub build: Builder,
    /// A rule of the first section: calendar dates written out (`3 August 2017`,
    /// `06.10.2017`, `March 4-6, 2024`), which need no anchor.
    pub absolute: bool,
}

fn sp(m: regex::Match) -> Span {
    Span::new(m.start(), m.end())
}

fn whole(c: &Captures) -> Span {
    c.get(0).map_or(Span::default(), sp)
}

fn u32_at(c: &Captures, i: usize) -> Option<u32> {
    c.get(i)?.as_str().parse().ok()
}

fn i32_at(c: &Captures, i: usize) -> Option<i32> {
    c.get(i)?.as_str().parse().ok()
}

fn lower_at(c: &Captures, i: usize) -> String {
    c.get(i)
        .map_or(String::new(), |m| m.as_str().to_lowercase())
}

/// The whole match as the date of its day, month (a name) and year groups, if valid.
fn whole_date(c: &Captures, day: usize, month: usize, year: usize) -> Vec<(Span, Sem)> {
    let d = (|| {
        valid(
            i32_at(c, year)?,
            month_number(c.get(month)?.as_str())?,
            u32_at(c, day)?,
        )
    })();
    d.map(|d| vec![(whole(c), Sem::Abs(d, None))])
        .unwrap_or_default()
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
    } else if w == "late" || w.ends_with("end of") {
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

fn part_code(w: &str) -> Option<&'static str> {
    match w.to_lowercase().as_str() {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" | "tonight" | "overnight" => Some("NI"),
        _ => None,
    }
}

/// The weekdays' names, Monday first (lower case).
const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a lower-case word is a weekday's name, whole or cut to three letters or more
/// (`sun`, `tues`, `thurs`), as written before a date.
pub(crate) fn is_weekday(w: &str) -> bool {
    w.len() >= 3 && WEEKDAY_NAMES.iter().any(|n| n.starts_with(w))
}

fn weekday_number(w: &str) -> Option<u32> {
    let l = w.to_lowercase();
    WEEKDAY_NAMES
        .iter()
        .position(|n| l.starts_with(n))
        .map(|i| i as u32 + 1)
}

fn clock(h: u32, m: u32, ampm: &str) -> Option<(u32, u32)> {
    if h == 0 || h > 12 || m > 59 {
        return None;
    }
    let pm = ampm.to_lowercase().starts_with('p');
    Some((
        match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        },
        m,
    ))
}

const SEASON_ALT: &str = r"(?:spring|summer|fall|autumn|winter)";

fn season_code(w: &str) -> &'static str {
    match w.to_lowercase().as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "winter" => "WI",
        _ => "FA",
    }
}

fn spoken_year(tens: &str, ones: &str) -> Option<i32> {
    let t = word_value(tens)? as i32;
    let o = if ones.is_empty() {
        0
    } else {
        word_value(ones)? as i32
    };
    Some(1900 + t + o)
}

/// Every rule, in priority order.
pub fn rules() -> Vec<Rule> {
    let m = MONTH_ALT;
    let ru = RU_MONTH_ALT;
    let wd = WEEKDAYS;
    let ord = r"(?:st|nd|rd|th)?";
    let num = num();
    let units = UNITS;
    let approx = APPROX;
    let wdp = format!(r"(?:\b{wd},?\s+)?");
    let mut rules: Vec<Rule> = Vec::new();
    let absolute = std::cell::Cell::new(true);
    let mut add = |pat: String, build: Builder| {
        // ASCII word boundaries keep the matcher on its fast (lazy DFA) path: a Unicode
        // `\b` sends the whole RegexSet to the slow NFA on any text with a curly quote or
        // a dash (0.4 MB/s instead of tens). Russian month names, whose letters an ASCII
        // boundary does not see, are written without a trailing boundary.
        let pattern = pat.replace(r"\b", r"(?-u:\b)");
        rules.push(Rule {
            pattern,
            build,
            absolute: absolute.get(),
        });
    };

    // --- Absolute dates -------------------------------------------------------------
    // (Saturday,) 3 August, 2017 / 7th of April 2017 / 25 июля 2017 года
    add(
        format!(
            r"{wdp}\b(\d{{1,2}}){ord}(?:{GAP}of)?{GAP}({m}|{ru}),?\s+(\d{{4}})(?:\s+(?:года|г\.)|\b)"
        ),
        |c| whole_date(c, 1, 2, 3),
    );
    // the first half of 2015, the second half of last year, the first half of the year
    add(
        r"(?i)\b(?:the\s+)?(first|second|1st|2nd|latter|last)\s+half\s+of\s+(?:((?:19|20)\d\d)|(this|last|next|the)\s+year)\b".into(),
        |c| {
            let half = if lower_at(c, 1) == "first" || lower_at(c, 1) == "1st" { 1 } else { 2 };
            let year = i32_at(c, 2);
            let offset = match lower_at(c, 3).as_str() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            vec![(whole(c), Sem::Half { half, year, offset })]
        },
    );
    // Any case, other languages: 12 october 2019, 3 de mayo de 2016, 3. März 2016,
    // 14 juillet 2015 (a year is required: a lower-case month alone may be a word).
    let any = any_month_alt(false);
    let any_but_verbs = any_month_alt(true);
    add(
        format!(r"\b(\d{{1,2}})(?:\.|{ord})?(?:{GAP}de)?{GAP}({any})(?:{GAP}de)?,?\s+(\d{{4}})\b"),
        |c| whole_date(c, 1, 2, 3),
    );
    // Mar 27, 2025, DECEMBER 22, 2022, june 8 2023 (any case; a day and a year follow)
    add(
        format!(r"\b({any})\s+(\d{{1,2}}){ord},?\s+(\d{{4}})\b"),
        |c| whole_date(c, 2, 1, 3),
    );
    // Mars 2016, mayo de 2016, october 2019
    add(
        format!(r"\b({any_but_verbs})(?:\s+de)?\s+(\d{{4}})\b"),
        |c| {
            let d = (|| {
                let y = i32_at(c, 2)?;
                (1000..=2999).contains(&y).then_some(Date {
                    year: y,
                    month: Some(month_number(c.get(1)?.as_str())?),
                    day: None,
                })
            })();
            d.map(|d| vec![(whole(c), Sem::Abs(d, None))])
                .unwrap_or_default()
        },
    );
    // 15-JUIN-18, 03-Mar-2017, 7/Jul/2016 (never with spaces: `7 March 12:46` is a time): a
    // two-digit year is 20xx up to 2030, else 19xx.
    add(
        format!(r"\b(\d{{1,2}})([-/.])({any})([-/.])(\d{{4}}|\d{{2}})\b"),
        |c| {
            if c.get(2).map(|x| x.as_str()) != c.get(4).map(|x| x.as_str()) {
                return vec![];
            }
            let d = (|| {
                let raw = c.get(5)?.as_str();
                let y: i32 = raw.parse().ok()?;
                let y = if raw.len() == 2 {
                    if y <= 30 { 2000 + y } else { 1900 + y }
                } else {
                    y
                };
                valid(y, month_number(c.get(3)?.as_str())?, u32_at(c, 1)?)
            })();
            d.map(|d| vec![(whole(c), Sem::Abs(d, None))])
                .unwrap_or_default()
        },
    );
    // (Thursday,) April 7, 2017 / May the 3rd 2013
    add(
        format!(
            r"{wdp}\b({m})\s+(?:the\s+(\d{{1,2}})(?:st|nd|rd|th)|(\d{{1,2}}){ord}),?\s+(\d{{4}})\b"
        ),
        |c| {
            let d = (|| {
                valid(
                    i32_at(c, 4)?,
                    month_number(c.get(1)?.as_str())?,
                    u32_at(c, 2).or_else(|| u32_at(c, 3))?,
                )
            })();
            d.map(|d| vec![(whole(c), Sem::Abs(d, None))])
                .unwrap_or_default()
        },
    );
    // September 19 to 23(, 2021), May 3 and 7: each date its own value (the `dates` scheme
    // makes a range one `start/end` value).
    add(
        format!(
            r"\b({m})\s+(\d{{1,2}}){ord}\s*(and|to|until|till|through|-|–|—)\s*((\d{{1,2}}){ord}(?:,?\s+(\d{{4}}))?)\b"
        ),
        |c| {
            let (Some(mo), Some(d1), Some(d2)) = (
                c.get(1).and_then(|x| month_number(x.as_str())),
                u32_at(c, 2),
                u32_at(c, 5),
            ) else {
                return vec![];
            };
            let (Some(a_end), Some(b)) = (c.get(2).map(|x| x.end()), c.get(4)) else {
                return vec![];
            };
            let a = Span::new(whole(c).start, a_end);
            // `May 3 and 7 workers`: without a year, `and` may join a count.
            let and = c.get(3).is_some_and(|x| x.as_str() == "and");
            if d2 <= d1 || (and && c.get(6).is_none()) {
                return vec![];
            }
            match i32_at(c, 6) {
                Some(y) => {
                    let (Some(x), Some(z)) = (valid(y, mo, d1), valid(y, mo, d2)) else {
                        return vec![];
                    };
                    vec![(a, Sem::Abs(x, None)), (sp(b), Sem::Abs(z, None))]
                }
                None => {
                    if d2 > days_in_month(2000, mo) {
                        return vec![];
                    }
                    let partial = |d| Sem::Partial {
                        month: mo,
                        day: Some(d),
                        modifier: None,
                    };
                    vec![(a, partial(d1)), (sp(b), partial(d2))]
                }
            }
        },
    );
    // 6 and 27 August 2018, 5 to 21 January 2017: each date its own value.
    add(
        format!(
            r"\b(\d{{1,2}}){ord}\s*(?:and|to|until|till|-|–|—)\s*((\d{{1,2}}){ord}\s+({m}),?\s+(\d{{4}}))\b"
        ),
        |c| {
            let (Some(y), Some(mo)) = (
                i32_at(c, 5),
                c.get(4).and_then(|x| month_number(x.as_str())),
            ) else {
                return vec![];
            };
            let (Some(d1), Some(d2)) = (
                valid(y, mo, u32_at(c, 1).unwrap_or(0)),
                valid(y, mo, u32_at(c, 3).unwrap_or(0)),
            ) else {
                return vec![];
            };
            let (Some(a), Some(b)) = (c.get(1), c.get(2)) else {
                return vec![];
            };
            vec![(sp(a), Sem::Abs(d1, None)), (sp(b), Sem::Abs(d2, None))]
        },
    );
    // between July and September 2018
    add(
        format!(r"\b({m})\s*(?:and|to|until|till|-|–|—)\s*(({m}),?\s+(\d{{4}}))\b"),
        |c| {
            let Some(y) = i32_at(c, 4) else { return vec![] };
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
            let (Some(a), Some(b)) = (c.get(1), c.get(2)) else {
                return vec![];
            };
            vec![
                (sp(a), Sem::Abs(d(m1), None)),
                (sp(b), Sem::Abs(d(m2), None)),
            ]
        },
    );
    // Numeric: 06.10.2017, 18-03-2022, 05/16/2017 (day-first unless impossible), glued to a
    // word or not (`leaders18-03-2022`).
    add(
        r"(?:^|[^\d.,/-])((\d{1,2})([./-])(\d{1,2})([./-])((?:1[89]|20)\d{2}))(?:[^\d]|$)".into(),
        |c| {
            if c.get(3).map(|x| x.as_str()) != c.get(5).map(|x| x.as_str()) {
                return vec![];
            }
            let (Some(a), Some(b), Some(y)) = (u32_at(c, 2), u32_at(c, 4), i32_at(c, 6)) else {
                return vec![];
            };
            let d = valid(y, b, a).or_else(|| valid(y, a, b));
            match (d, c.get(1)) {
                (Some(d), Some(g)) => vec![(sp(g), Sem::Abs(d, None))],
                _ => vec![],
            }
        },
    );
    // ISO: 2017-10-06
    add(r"\b((?:1[89]|20)\d{2})-(\d{2})-(\d{2})\b".into(), |c| {
        let d = (|| valid(i32_at(c, 1)?, u32_at(c, 2)?, u32_at(c, 3)?))();
        d.map(|d| vec![(whole(c), Sem::Abs(d, None))])
            .unwrap_or_default()
    });
    // early/mid/late May 2018, the end of May 2018, May 2018, the winter of 1994
    add(
        format!(
            r"\b(?:((?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))[\s-]+)?({m}),?\s+(?:of\s+)?(\d{{4}})\b"
        ),
        |c| {
            let (Some(mo), Some(y)) = (
                c.get(2).and_then(|x| month_number(x.as_str())),
                i32_at(c, 3),
            ) else {
                return vec![];
            };
            vec![(
                whole(c),
                Sem::Abs(
                    Date {
                        year: y,
                        month: Some(mo),
                        day: None,
                    },
                    modifier_word(c.get(1)),
                ),
            )]
        },
    );
    // Spoken years: nineteen ninety-six, the year two thousand
    add(
        format!(
            r"(?i)\b(?:the\s+year\s+)?(?:nineteen[\s-]+({TENS})(?:[\s-]({ONES}))?|(two\s+thousand)(?:\s+(?:and\s+)?({ONES}))?)\b"
        ),
        |c| {
            let y = if c.get(3).is_some() {
                Some(
                    2000 + c
                        .get(4)
                        .and_then(|o| word_value(&o.as_str().to_lowercase()))
                        .unwrap_or(0.0) as i32,
                )
            } else {
                spoken_year(&lower_at(c, 1), &lower_at(c, 2))
            };
            y.map(|y| {
                vec![(
                    whole(c),
                    Sem::Abs(
                        Date {
                            year: y,
                            month: None,
                            day: None,
                        },
                        None,
                    ),
                )]
            })
            .unwrap_or_default()
        },
    );

    // --- Relative dates with a month or day -------------------------------------------
    absolute.set(false);
    // January 20 last year / 20 January last year / June last year
    add(
        format!(
            r"\b(?:({m})(?:\s+(\d{{1,2}}){ord})?|(\d{{1,2}}){ord}\s+({m})),?\s+((?i:last|this|next|previous))\s+year\b"
        ),
        |c| {
            let month = c.get(1).or(c.get(4)).and_then(|x| month_number(x.as_str()));
            let day = u32_at(c, 2).or(u32_at(c, 3));
            let Some(month) = month else { return vec![] };
            if day.is_some_and(|d| d == 0 || d > 31) {
                return vec![];
            }
            let offset = rel_offset(&lower_at(c, 5));
            vec![(
                whole(c),
                Sem::RelYear {
                    offset,
                    month: Some(month),
                    day,
                    modifier: None,
                },
            )]
        },
    );
    // (Saturday,) 25 July / 7th of April / 25 июля
    add(
        format!(r"{wdp}\b(\d{{1,2}}){ord}(?:{GAP}of)?{GAP}({m}\b|{ru})"),
        |c| {
            let (Some(d), Some(mo)) = (
                u32_at(c, 1),
                c.get(2).and_then(|x| month_number(x.as_str())),
            ) else {
                return vec![];
            };
            if d == 0 || d > days_in_month(2000, mo) {
                return vec![];
            }
            vec![(
                whole(c),
                Sem::Partial {
                    month: mo,
                    day: Some(d),
                    modifier: None,
                },
            )]
        },
    );
    // (Thursday,) September 29
    add(format!(r"{wdp}\b({m})\s+(\d{{1,2}}){ord}\b"), |c| {
        let (Some(mo), Some(d)) = (
            c.get(1).and_then(|x| month_number(x.as_str())),
            u32_at(c, 2),
        ) else {
            return vec![];
        };
        if d == 0 || d > days_in_month(2000, mo) {
            return vec![];
        }
        vec![(
            whole(c),
            Sem::Partial {
                month: mo,
                day: Some(d),
                modifier: None,
            },
        )]
    });
    // last December, this March, each July (a set)
    // last Oct. 23: the day is part of it.
    add(
        format!(
            r"\b(?:((?i:early|mid|late))[\s-]+)?((?i:last|this|next|previous|past|each|every))\s+({m})(?:\s+(\d{{1,2}})(?i:st|nd|rd|th)?)?\b"
        ),
        |c| {
            let Some(mo) = c.get(3).and_then(|x| month_number(x.as_str())) else {
                return vec![];
            };
            let modifier = modifier_word(c.get(1));
            let w = lower_at(c, 2);
            if (w == "each" || w == "every") && c.get(1).is_none() {
                let set = whole(c);
                let end = c.get(3).map_or(set.end, |x| x.end());
                return vec![(Span::new(set.start, end), Sem::Set(format!("XXXX-{mo:02}")))];
            }
            if w == "each" || w == "every" {
                return vec![];
            }
            let day = c
                .get(4)
                .and_then(|d| d.as_str().parse::<u32>().ok())
                .filter(|d| (1..=31).contains(d));
            let span = match (c.get(4), day) {
                (Some(_), None) => {
                    let s = whole(c);
                    Span::new(s.start, c.get(3).map_or(s.end, |x| x.end()))
                }
                _ => whole(c),
            };
            vec![(
                span,
                Sem::RelMonthName {
                    offset: rel_offset(&w),
                    month: mo,
                    day,
                    modifier: modifier.filter(|_| day.is_none()),
                },
            )]
        },
    );
    // (early) January, the middle of October; "May" only after a preposition.
    add(
        r"\b(?:((?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))[\s-]+)?(January|February|March|April|June|July|August|September|October|November|December)\b".into(),
        |c| {
            let Some(mo) = c.get(2).and_then(|x| month_number(x.as_str())) else { return vec![] };
            vec![(whole(c), Sem::Partial { month: mo, day: None, modifier: modifier_word(c.get(1)) })]
        },
    );
    add(
        r"\b(?:in|since|until|by|during|before|after|from|through|early|late|mid-|of)\s+(May)\b"
            .into(),
        |c| {
            c.get(1)
                .map(|g| {
                    vec![(
                        sp(g),
                        Sem::Partial {
                            month: 5,
                            day: None,
                            modifier: None,
                        },
                    )]
                })
                .unwrap_or_default()
        },
    );

    // --- Decades, centuries, years ---------------------------------------------------
    add(
        r"\b(?:(?i:the)\s+)?(?:((?i:early|mid|late))[\s-]+)?((?:1[89]|20)\d)0s\b".into(),
        |c| {
            i32_at(c, 2)
                .map(|d| {
                    vec![(
                        whole(c),
                        Sem::Fixed(
                            format!("{d:03}"),
                            Precision::Decade,
                            modifier_word(c.get(1)),
                        ),
                    )]
                })
                .unwrap_or_default()
        },
    );
    add(r"(?i)\bthe\s+(?:(early|mid|late)[\s-]+)?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b".into(), |c| {
        let tens = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
        let t = lower_at(c, 2);
        tens.iter()
            .position(|x| *x == t)
            .map(|i| vec![(whole(c), Sem::Fixed(format!("19{}", i + 2), Precision::Decade, modifier_word(c.get(1))))])
            .unwrap_or_default()
    });
    add(
        r"(?i)\b(?:the\s+)?(?:(early|mid|late)[\s-]+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b"
            .into(),
        |c| {
            u32_at(c, 2)
                .filter(|n| (1..=21).contains(n))
                .map(|n| {
                    vec![(
                        whole(c),
                        Sem::Fixed(
                            format!("{:02}", n - 1),
                            Precision::Decade,
                            modifier_word(c.get(1)),
                        ),
                    )]
                })
                .unwrap_or_default()
        },
    );
    add(
        r"(?i)\b(?:the\s+)?(nineteenth|twentieth|twenty-first)[\s-]+century\b".into(),
        |c| {
            let v = match lower_at(c, 1).as_str() {
                "nineteenth" => "18",
                "twentieth" => "19",
                _ => "20",
            };
            vec![(whole(c), Sem::Fixed(v.into(), Precision::Decade, None))]
        },
    );
    // 2017, mid-2017, early 2015, fiscal 1990
    add(
        r"(?:^|[^\p{L}\d$€£#.,/-])((?:((?i:early|mid|late|fiscal|the\s+(?:beginning|start|middle|end)\s+of))[\s-]+)?((?:1[89]|20)\d{2}))(?:$|[^\d%\p{L}])".into(),
        |c| {
            let Some(y) = i32_at(c, 3) else { return vec![] };
            let g = c.get(1).map_or(Span::default(), sp);
            vec![(g, Sem::Abs(Date { year: y, month: None, day: None }, modifier_word(c.get(2))))]
        },
    );

    // --- Quarters and seasons ----------------------------------------------------------
    add(
        r"(?i)\b(the\s+)?((?:(?:fiscal|latest|current|recent|most\s+recent|year-ago|year-earlier|prior-year|year-before|same|comparable|this\s+year's|last\s+year's)\s+)*)(?:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)?(?:fiscal\s+)?quarter\b".into(),
        |c| {
            let mods = lower_at(c, 2);
            let q = match lower_at(c, 3).as_str() {
                "first" | "1st" => Some(1),
                "second" | "2nd" => Some(2),
                "third" | "3rd" => Some(3),
                "fourth" | "4th" => Some(4),
                _ => None,
            };
            if q.is_none() && c.get(1).is_none() && mods.is_empty() {
                return vec![];
            }
            let year_offset = if ["year-ago", "year-earlier", "prior-year", "year-before", "last year's"].iter().any(|w| mods.contains(w)) { -1 } else { 0 };
            // "the third-quarter results": the adjective alone is the expression.
            let mut span = whole(c);
            if let (Some(the), Some(ordinal)) = (c.get(1), c.get(3))
                && mods.is_empty()
                && c.get(0).is_some_and(|w| w.as_str().contains('-'))
            {
                let _ = the;
                span.start = ordinal.start();
            }
            vec![(span, Sem::Quarter { q, year_offset })]
        },
    );
    // the third quarter of 1990, the 1988 third quarter, next year's first quarter
    add(r"(?i)\b(?:the\s+)?(?:((?:19|20)\d\d)\s+|(next|last|this)\s+year's\s+)(?:(first|second|third|fourth)[\s-]+)?quarter\b|\b(?:the\s+)?(first|second|third|fourth)[\s-]+quarter\s+of\s+((?:19|20)\d\d)\b".into(), |c| {
        let qn = |w: &str| match w {
            "first" => Some(1),
            "second" => Some(2),
            "third" => Some(3),
            "fourth" => Some(4),
            _ => None,
        };
        let q = qn(&lower_at(c, 3)).or_else(|| qn(&lower_at(c, 4)));
        let year = i32_at(c, 1).or_else(|| i32_at(c, 5));
        match (year, q) {
            (Some(y), Some(q)) => vec![(whole(c), Sem::Fixed(format!("{y:04}-Q{q}"), Precision::Quarter, None))],
            (Some(y), None) => vec![(whole(c), Sem::Fixed(format!("{y:04}-QX"), Precision::Quarter, None))],
            (None, q) => {
                let year_offset = rel_offset(&lower_at(c, 2));
                vec![(whole(c), Sem::Quarter { q, year_offset })]
            }
        }
    });
    // the year-ago quarter; before another noun (`the year-earlier results`) the adjective
    // alone is the expression.
    add(r"(?i)\b(?:the\s+)?(year-earlier|year-ago)(\s+(?:period|quarter|month|level|figure|results?))?\b".into(), |c| {
        let time_noun = c.get(2).is_some_and(|n| {
            let n = n.as_str().trim().to_lowercase();
            matches!(n.as_str(), "period" | "quarter" | "month")
        });
        let span = match c.get(1) {
            Some(adj) if !time_noun => sp(adj),
            _ => whole(c),
        };
        vec![(span, Sem::Shift { n: 1.0, unit: Unit::Year, dir: -1 })]
    });
    add(
        format!(
            r"(?i)\b(?:(last|this|next|this\s+past|the|early|late|mid-?)\s+)?(?:(early|late|mid-?)\s*)?({SEASON_ALT})(?:\s+(?:of\s+)?((?:1[89]|20)\d\d))?\b"
        ),
        |c| {
            let w = lower_at(c, 3);
            let year = i32_at(c, 4);
            let lead = lower_at(c, 1);
            // "fall" and "spring" are verbs too: they need a determiner or a year.
            if lead.is_empty()
                && year.is_none()
                && !matches!(w.as_str(), "summer" | "winter" | "autumn")
            {
                return vec![];
            }
            let offset = match lead.as_str() {
                "last" | "this past" => Some(-1),
                "next" => Some(1),
                "this" => Some(0),
                _ => None,
            };
            vec![(
                whole(c),
                Sem::Season {
                    season: season_code(&w),
                    offset,
                    year,
                },
            )]
        },
    );

    // --- Relative expressions ------------------------------------------------------------
    // two years ago, nearly four decades ago, several years ago
    add(
        format!(
            r"(?i)\b(?:({approx})\s+)?({num})([\s-]+and[\s-]+a[\s-]+half)?[\s-]+({units})(?:\s+or\s+so)?\s+ago\b"
        ),
        |c| {
            let Some(unit) = Unit::parse(&lower_at(c, 4)) else {
                return vec![];
            };
            let n =
                number_value(&lower_at(c, 2)).map(|v| if c.get(3).is_some() { v + 0.5 } else { v });
            vec![(
                whole(c),
                Sem::Ago {
                    n,
                    unit,
                    modifier: approx_mod(c.get(1)),
                },
            )]
        },
    );
    // a year earlier, two weeks later
    add(
        format!(r"(?i)\b({num})[\s-]+({units})\s+(earlier|later)\b"),
        |c| {
            let (Some(n), Some(unit)) =
                (number_value(&lower_at(c, 1)), Unit::parse(&lower_at(c, 2)))
            else {
                return vec![];
            };
            let dir = if lower_at(c, 3) == "earlier" { -1 } else { 1 };
            vec![(whole(c), Sem::Shift { n, unit, dir })]
        },
    );
    // earlier this year, later this month
    add(
        r"(?i)\b(earlier|later)\s+(this|last|next)\s+(year|month|week)\b".into(),
        |c| {
            let offset = rel_offset(&lower_at(c, 2));
            // `earlier this week`: a week is too short for `earlier` to name a part of it;
            // the comparative orders the clause, and the expression is `this week`.
            let span = match (lower_at(c, 3).as_str(), c.get(2)) {
                ("week", Some(w)) => Span::new(w.start(), whole(c).end),
                _ => whole(c),
            };
            let sem = match lower_at(c, 3).as_str() {
                "year" => Sem::RelYear {
                    offset,
                    month: None,
                    day: None,
                    modifier: None,
                },
                "month" => Sem::RelMonth {
                    offset,
                    modifier: None,
                },
                _ => Sem::RelWeek {
                    offset,
                    modifier: None,
                },
            };
            vec![(span, sem)]
        },
    );
    // (early) last month / this year / next week; the beginning of this year
    add(
        r"\b(?:((?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))[\s-]+)?((?i:last|this|next|previous|coming|the\s+following|the\s+previous|the\s+coming))\s+((?i:year|month|week))\b".into(),
        |c| {
            let offset = rel_offset(&lower_at(c, 2));
            if lower_at(c, 2).starts_with("the ") && lower_at(c, 3) == "year" && c.get(1).is_none() {
                return vec![(whole(c), Sem::Shift { n: 1.0, unit: Unit::Year, dir: offset })];
            }
            let modifier = modifier_word(c.get(1));
            let sem = match lower_at(c, 3).as_str() {
                "year" => Sem::RelYear { offset, month: None, day: None, modifier },
                "month" => Sem::RelMonth { offset, modifier },
                _ => Sem::RelWeek { offset, modifier },
            };
            vec![(whole(c), sem)]
        },
    );
    // the weekend, last weekend
    add(
        r"(?i)\b(the|this|last|next|this\s+past)\s+weekend\b".into(),
        |c| {
            let offset = match lower_at(c, 1).as_str() {
                "last" | "this past" => -1,
                "next" => 1,
                _ => 0,
            };
            vec![(whole(c), Sem::Weekend { offset })]
        },
    );
    // today, yesterday, tomorrow, now, tonight
    add(
        r"\b(?:(?i:late|early|earlier|later)\s+)?((?i:today|yesterday|tomorrow|tonight|now))\b(,)?"
            .into(),
        |c| {
            // A sentence-opening "Now," is a discourse marker, not a time.
            if c.get(1).is_some_and(|w| w.as_str() == "Now") && c.get(2).is_some() {
                return vec![];
            }
            let span = c
                .get(2)
                .map_or(whole(c), |comma| Span::new(whole(c).start, comma.start()));
            let sem = match lower_at(c, 1).as_str() {
                "yesterday" => Sem::RelDay {
                    offset: -1,
                    from_previous: false,
                    part: None,
                },
                "tomorrow" => Sem::RelDay {
                    offset: 1,
                    from_previous: false,
                    part: None,
                },
                "tonight" => Sem::RelDay {
                    offset: 0,
                    from_previous: false,
                    part: None,
                },
                "now" => Sem::Ref("PRESENT_REF"),
                _ => Sem::RelDay {
                    offset: 0,
                    from_previous: false,
                    part: None,
                },
            };
            vec![(span, sem)]
        },
    );
    // this morning, yesterday afternoon, last night
    add(r"(?i)\b(?:(?:later|earlier)\s+)?(this|yesterday|tomorrow|last|this\s+past)\s+(morning|afternoon|evening|night)\b".into(), |c| {
        let offset = match lower_at(c, 1).as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            "last" => -1,
            _ => 0,
        };
        vec![(whole(c), Sem::RelDay { offset, from_previous: false, part: part_code(&lower_at(c, 2)) })]
    });
    // the next day, the following day, the day before, the same day, that day
    add(r"(?i)\b(?:the\s+(next|following|previous|same)\s+day|the\s+day\s+(before|after)|(?:earlier\s+|later\s+)?that\s+(?:same\s+)?(day))\b".into(), |c| {
        let w = c.get(1).or(c.get(2)).map_or(String::new(), |x| x.as_str().to_lowercase());
        let offset = match w.as_str() {
            "next" | "following" | "after" => 1,
            "previous" | "before" => -1,
            _ => 0,
        };
        vec![(whole(c), Sem::RelDay { offset, from_previous: true, part: None })]
    });
    // the year, the fiscal year, the full year, the week (the period under report)
    add(
        r"(?i)\bthe\s+((?:current\s+)?fiscal\s+|full\s+)?(year|week)\b(-)?".into(),
        |c| {
            // `the year-earlier results`: a compound adjective, not the year.
            if c.get(3).is_some() {
                return vec![];
            }
            let unit = lower_at(c, 2);
            if unit == "week" {
                return vec![(
                    whole(c),
                    Sem::RelWeek {
                        offset: 0,
                        modifier: None,
                    },
                )];
            }
            if c.get(1)
                .is_some_and(|m| m.as_str().to_lowercase().starts_with("full"))
            {
                return vec![(
                    whole(c),
                    Sem::RelYear {
                        offset: 0,
                        month: None,
                        day: None,
                        modifier: None,
                    },
                )];
            }
            vec![(whole(c), Sem::Duration("P1Y".into(), None))]
        },
    );
    // the latest period, the year-ago period, the same period last year, that quarter
    add(r"(?i)\b(?:the\s+)?(latest|year-ago|year-earlier|same|comparable|corresponding)\s+period(\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?\b".into(), |c| {
        let w = lower_at(c, 1);
        let year_offset = if w.starts_with("year") || c.get(2).is_some() { -1 } else { 0 };
        vec![(whole(c), Sem::Quarter { q: None, year_offset })]
    });
    // that year, later that month (the comparative is part of it, as in `later that day`)
    add(
        r"(?i)\b(?:(?:earlier|later)\s+)?that\s+(year|quarter|month)\b".into(),
        |c| {
            let unit = Unit::parse(&lower_at(c, 1)).unwrap_or(Unit::Year);
            vec![(
                whole(c),
                Sem::Shift {
                    n: 0.0,
                    unit,
                    dir: 1,
                },
            )]
        },
    );
    // the end of the year / month / this week, year-end
    add(r"(?i)\b(?:around\s+)?(?:the\s+end\s+of\s+(?:the|this)\s+(year|month|week)|(year)[\s-]end)\b".into(), |c| {
        let sem = match c.get(1).map(|m| m.as_str().to_lowercase()).as_deref() {
            Some("month") => Sem::RelMonth { offset: 0, modifier: Some("END") },
            Some("week") => Sem::RelWeek { offset: 0, modifier: Some("END") },
            _ => Sem::RelYear { offset: 0, month: None, day: None, modifier: Some("END") },
        };
        vec![(whole(c), sem)]
    });
    // Plural units alone after a duration word: for years, in weeks, over months.
    add(r"(?i)\b(?:for|over|within|after|than|took|takes|take|lasted|lasting|spent|spend|in|into)\s+(years|months|weeks|days|decades|centuries|hours|minutes)\b".into(), |c| {
        c.get(1)
            .map(|g| vec![(sp(g), Sem::Duration(vague_value(g.as_str()), None))])
            .unwrap_or_default()
    });
    // coming months, the weeks ahead, the near term
    add(r"(?i)\b(?:the\s+)?(?:coming\s+(days|weeks|months|years|quarters)|(days|weeks|months|years)\s+ahead|(?:near|short)\s+term)\b".into(), |c| {
        match c.get(1).or(c.get(2)) {
            Some(u) if !u.as_str().to_lowercase().starts_with("quarter") && !u.as_str().to_lowercase().starts_with("month") => {
                vec![(whole(c), Sem::Duration(vague_value(u.as_str()), None))]
            }
            _ => vec![(whole(c), Sem::Ref("FUTURE_REF"))],
        }
    });
    // months ago, years ago (no amount)
    add(
        r"(?i)\b(?:(?:many|some|several)\s+)?(years|months|weeks|days|decades)\s+ago\b".into(),
        |c| vec![(whole(c), Sem::Ref("PAST_REF"))],
    );
    // $5 a year, 100 a day: a rate is a set
    add(r"(?i)(?:\$\s?[\d,.]+|\b\d[\d,.]*)(?:\s+(?:million|billion|percent|%|dollars|cents|tons|barrels|shares|people|cases))?\s+((?:a|per)\s+(year|month|week|day))\b".into(), |c| {
        let u = lower_at(c, 2);
        let v = match u.as_str() {
            "year" => "P1Y",
            "month" => "P1M",
            "week" => "P1W",
            _ => "P1D",
        };
        c.get(1).map(|g| vec![(sp(g), Sem::Set(v.into()))]).unwrap_or_default()
    });
    // Past, present and future references.
    add(r"(?i)\b(?:in\s+)?(?:recent|the\s+(?:past|last)\s+(?:few|several))\s+(years|months|weeks|days|decades|quarters)(?:\s+and\s+(?:years|months|weeks|days))?\b".into(), |c| {
        let span = match c.get(0) {
            Some(w) if w.as_str().to_lowercase().starts_with("in ") => Span::new(w.start() + 3, w.end()),
            _ => whole(c),
        };
        vec![(span, Sem::Duration(vague_value(&lower_at(c, 1)), None))]
    });
    add(r"(?i)\b(recently|in\s+the\s+past|the\s+past|currently|current|nowadays|at\s+present|these\s+days|the\s+present|the\s+future|in\s+the\s+near\s+future)\b".into(), |c| {
        let w = lower_at(c, 1);
        let r = if w.contains("current") || w.contains("present") || w.contains("nowadays") || w.contains("these days") {
            "PRESENT_REF"
        } else if w.contains("future") || w == "soon" || w == "shortly" || w == "eventually" {
            "FUTURE_REF"
        } else {
            "PAST_REF"
        };
        // "in the past" is tagged "the past", as TimeML draws it.
        let span = match (w.starts_with("in "), c.get(1)) {
            (true, Some(g)) => Span::new(g.start() + 3, g.end()),
            (_, Some(g)) => sp(g),
            _ => whole(c),
        };
        vec![(span, Sem::Ref(r))]
    });

    // --- Weekdays, times, holidays ---------------------------------------------------------
    // 10 p.m. Wednesday, noon Thursday
    add(
        format!(
            r"\b(?:(\d{{1,2}})(?:[:.](\d{{2}}))?\s*((?i:a\.m\.?|p\.m\.?|am\b|pm\b))|((?i:noon|midday|midnight)))(?:\s+(?:EDT|EST|CDT|CST|PDT|PST|GMT|UTC|local\s+time))?(?:\s+on)?\s+({wd})\b"
        ),
        |c| {
            let Some(w) = c.get(5).and_then(|x| weekday_number(x.as_str())) else {
                return vec![];
            };
            let time = match lower_at(c, 4).as_str() {
                "noon" | "midday" => Some((12, 0)),
                "midnight" => Some((24, 0)),
                _ => clock(
                    u32_at(c, 1).unwrap_or(0),
                    u32_at(c, 2).unwrap_or(0),
                    &lower_at(c, 3),
                ),
            };
            time.map(|t| {
                vec![(
                    whole(c),
                    Sem::Weekday {
                        wd: w,
                        part: None,
                        time: Some(t),
                        shift: 0,
                    },
                )]
            })
            .unwrap_or_default()
        },
    );
    // 10:00 GMT Sunday, 18.30 local time on Friday: a 24-hour clock with its zone.
    add(
        format!(
            r"\b(\d{{1,2}})[:.](\d{{2}})\s+(?:EDT|EST|CDT|CST|PDT|PST|GMT|UTC|CET|CEST|BST|MSK|local\s+time)(?:\s+on)?\s+({wd})\b"
        ),
        |c| {
            let (Some(w), Some(h), Some(m)) = (
                c.get(3).and_then(|x| weekday_number(x.as_str())),
                u32_at(c, 1),
                u32_at(c, 2),
            ) else {
                return vec![];
            };
            if h > 23 || m > 59 {
                return vec![];
            }
            vec![(
                whole(c),
                Sem::Weekday {
                    wd: w,
                    part: None,
                    time: Some((h, m)),
                    shift: 0,
                },
            )]
        },
    );
    // each Thursday, Tuesday nights (sets)
    add(
        format!(
            r"\b(?i:each|every)\s+({wd})\b|\b({wd})s(?:\s+((?i:mornings|afternoons|evenings|nights)))?\b"
        ),
        |c| {
            let Some(w) = c
                .get(1)
                .or(c.get(2))
                .and_then(|x| weekday_number(x.as_str()))
            else {
                return vec![];
            };
            let part = c
                .get(3)
                .and_then(|p| part_code(p.as_str().trim_end_matches('s')));
            let v = match part {
                Some(p) => format!("XXXX-WXX-{w}T{p}"),
                None => format!("XXXX-WXX-{w}"),
            };
            vec![(whole(c), Sem::Set(v))]
        },
    );
    // (Earlier) Thursday (morning)
    add(
        format!(
            r"\b(?:((?i:early|late|earlier|later|last|this|next|this\s+coming|this\s+past|coming))\s+)?({wd})(?:\s+((?i:morning|afternoon|evening|night)))?\b"
        ),
        |c| {
            let Some(w) = c.get(2).and_then(|x| weekday_number(x.as_str())) else {
                return vec![];
            };
            let part = c.get(3).and_then(|p| part_code(p.as_str()));
            let lead = lower_at(c, 1);
            let shift = match lead.as_str() {
                "last" | "this past" => -1,
                "next" | "coming" | "this coming" => 1,
                _ => 0,
            };
            // `Earlier Friday`: the comparative orders the clause against the one before;
            // the day is the expression.
            let span = match (lead.as_str(), c.get(2)) {
                ("earlier" | "later", Some(d)) => Span::new(d.start(), whole(c).end),
                _ => whole(c),
            };
            vec![(
                span,
                Sem::Weekday {
                    wd: w,
                    part,
                    time: None,
                    shift,
                },
            )]
        },
    );
    // 5 p.m. EST, Nov. 6
    add(
        format!(
            r"\b(\d{{1,2}})(?:[:.](\d{{2}}))?\s*((?i:a\.m\.?|p\.m\.?|am\b|pm\b))(?:\s+(?:EDT|EST|CDT|CST|PDT|PST|GMT|UTC))?,?\s+(?:on\s+)?({m})\s+(\d{{1,2}})\b"
        ),
        |c| {
            let (Some(mo), Some(d)) = (
                c.get(4).and_then(|x| month_number(x.as_str())),
                u32_at(c, 5),
            ) else {
                return vec![];
            };
            let Some((hour, minute)) = clock(
                u32_at(c, 1).unwrap_or(0),
                u32_at(c, 2).unwrap_or(0),
                &lower_at(c, 3),
            ) else {
                return vec![];
            };
            if d == 0 || d > days_in_month(2000, mo) {
                return vec![];
            }
            vec![(
                whole(c),
                Sem::PartialTime {
                    month: mo,
                    day: d,
                    hour,
                    minute,
                },
            )]
        },
    );
    // Times: 8 p.m., 6 am, 10:30 pm, noon, midnight.
    add(r"\b(?:(?i:around)\s+)?(?:(\d{1,2})(?:[:.](\d{2}))?\s*((?i:a\.m\.?|p\.m\.?|am\b|pm\b))(?:\s+(?:EDT|EST|CDT|CST|PDT|PST|GMT|UTC))?|((?i:noon|midday|midnight)))".into(), |c| {
        let time = match lower_at(c, 4).as_str() {
            "noon" | "midday" => Some((12, 0)),
            "midnight" => Some((24, 0)),
            _ => clock(u32_at(c, 1).unwrap_or(0), u32_at(c, 2).unwrap_or(0), &lower_at(c, 3)),
        };
        time.map(|(hour, minute)| vec![(whole(c), Sem::Time { hour, minute })]).unwrap_or_default()
    });
    // Holidays.
    add(
        r"(?i)\b(christmas\s+eve|christmas\s+day|christmas|new\s+year's\s+eve|new\s+year's\s+day|halloween|valentine's\s+day|veterans\s+day|bastille\s+day|nauryz|may\s+day|labou?r\s+day|thanksgiving\s+day|thanksgiving|memorial\s+day|easter\s+sunday|easter|good\s+friday)\b".into(),
        |c| {
            let w = lower_at(c, 1).split_whitespace().collect::<Vec<_>>().join(" ");
            let w = if w == "labour day" { "labour day".to_string() } else { w };
            HOLIDAYS
                .iter()
                .find(|(n, _)| *n == w)
                .map(|(_, r)| vec![(whole(c), Sem::Holiday(*r))])
                .unwrap_or_default()
        },
    );

    // --- Durations and sets ----------------------------------------------------------------
    // Ranges of durations: 4 to 12 years, two and four years, (between) 5 and 10 years,
    // 5 years to 10 years -> P4Y/P12Y (the shared cases set's convention, `start/end`).
    add(
        format!(
            r"(?i)\b({num})(?:[\s-]+({units}))?\s*(?:to|-|–|and|or)\s+({num})[\s-]+({units})\b"
        ),
        |c| {
            let Some((a, b)) = amounts(c, 1, 3) else {
                return vec![];
            };
            let unit = lower_at(c, 4);
            let first_unit = c.get(2).map_or(unit.clone(), |u| u.as_str().to_lowercase());
            if a >= b || unit_rank(&first_unit) != unit_rank(&unit) {
                return vec![];
            }
            let value = format!(
                "{}/{}",
                duration_value(a, &first_unit),
                duration_value(b, &unit)
            );
            vec![(whole(c), Sem::Duration(value, None))]
        },
    );
    // Compound durations: five years and six months, 5 years 6 months, a year and almost two
    // months -> P5Y6M; each unit smaller than the one before.
    add(
        format!(
            r"(?i)\b({num})[\s-]+({units})(?:\s*,\s*|\s+and\s+|\s+)(?:(?:almost|nearly|about|some|over|another)\s+)?({num})[\s-]+({units})\b"
        ),
        |c| {
            let Some((a, b)) = amounts(c, 1, 3) else {
                return vec![];
            };
            let (ua, ub) = (lower_at(c, 2), lower_at(c, 4));
            let (Some(ra), Some(rb)) = (unit_rank(&ua), unit_rank(&ub)) else {
                return vec![];
            };
            if rb <= ra || a.fract() != 0.0 || b.fract() != 0.0 {
                return vec![];
            }
            let big = duration_value(a, &ua);
            let small = duration_value(b, &ub);
            // (`P2D` + `PT3H` -> `P2DT3H`; `PT2H` + `PT30M` -> `PT2H30M`.)
            let rest = if big.contains('T') {
                small.trim_start_matches("PT")
            } else {
                small.trim_start_matches('P')
            };
            vec![(whole(c), Sem::Duration(format!("{big}{rest}"), None))]
        },
    );
    // the past three months, nearly forty years, two and a half years, 2 1/2 years, several
    // days; never an age (six-year-old, 40 years old).
    add(
        format!(
            r"(?i)\b(?:(the\s+)?(?:(past|last|next|first|previous|coming|following|final|initial|remaining|latest)\s+)?|({approx})\s+)?({num})([\s-]+and[\s-]+a[\s-]+half)?[\s-]+({units})(\s+and\s+a\s+half)?(-old|\s+old|-earlier|-ago|-end|-long)?(\s+or\s+(?:so|two)\b)?\b"
        ),
        |c| {
            if c.get(8).is_some() {
                return vec![];
            }
            // `the eight-year war`, `the 30-day rate`: the article is the noun's, not the
            // duration's (a singular unit before another word is an adjective).
            let mut span = whole(c);
            if let (Some(_), None, Some(n), Some(u)) = (c.get(1), c.get(2), c.get(4), c.get(6))
                && !u.as_str().ends_with('s')
                && c.get(9).is_none()
            {
                span = Span::new(n.start(), span.end);
            }
            let unit = lower_at(c, 6);
            let amount = lower_at(c, 4);
            // "a second time" is an ordinal; "three-quarters" a fraction.
            if ((amount == "a" || amount == "an") && unit.starts_with("sec"))
                || (unit.starts_with("quarter")
                    && c.get(0).is_some_and(|w| w.as_str().contains('-')))
            {
                return vec![];
            }
            let half = c.get(5).is_some() || c.get(7).is_some();
            // "last two years" without "the" but with an amount is a duration; a bare
            // "a year" after another number is a rate ("$5 a year"), left to the set rule.
            let value = match number_value(&amount) {
                Some(n) => duration_value(if half { n + 0.5 } else { n }, &unit),
                None => vague_value(&unit),
            };
            vec![(span, Sem::Duration(value, approx_mod(c.get(3))))]
        },
    );
    // the past year, the next month, the last decade (one unit); the next year or so
    add(r"(?i)\b(?:the\s+)?(past|last|next|first|coming|previous)\s+(year|month|week|day|decade|century|quarter)(?:\s+or\s+so)?\b".into(), |c| {
        // "last year" and "next month" are dates (an earlier rule); "the past year" is a
        // duration.
        let lead = lower_at(c, 1);
        let has_the = c.get(0).is_some_and(|w| w.as_str().to_lowercase().starts_with("the "));
        if !has_the && lead != "past" {
            return vec![];
        }
        vec![(whole(c), Sem::Duration(duration_value(1.0, &lower_at(c, 2)), None))]
    });
    // half an hour, a half hour
    add(
        r"(?i)\b(?:half\s+an?\s+|an?\s+half[\s-])(hour|day|year|minute)\b".into(),
        |c| {
            vec![(
                whole(c),
                Sem::Duration(duration_value(0.5, &lower_at(c, 1)), None),
            )]
        },
    );
    // Sets: twice a month, three times a week, every day, each year, daily, monthly.
    add(
        r"\b(?i:(once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|per|every)\s+(year|month|week|day|quarter)|(?:every|each)\s+(day|week|month|year|quarter|morning|night|evening)|(daily|weekly|monthly|nightly|hourly))\b".into(),
        |c| {
            let unit = c.get(2).or(c.get(3)).or(c.get(4)).map_or(String::new(), |x| x.as_str().to_lowercase());
            let v = if unit.starts_with("year") || unit.starts_with("annual") {
                "P1Y"
            } else if unit.starts_with("quarter") {
                "P1Q"
            } else if unit.starts_with("month") {
                "P1M"
            } else if unit.starts_with("week") {
                "P1W"
            } else if unit.starts_with("hour") {
                "PT1H"
            } else if unit.starts_with("morning") {
                "XXXX-XX-XXTMO"
            } else if unit.starts_with("night") || unit.starts_with("evening") {
                "XXXX-XX-XXTNI"
            } else {
                "P1D"
            };
            vec![(whole(c), Sem::Set(v.to_string()))]
        },
    );
    rules
}

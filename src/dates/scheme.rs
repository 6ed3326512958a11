//! Which temporal expressions a document's timex layer reports.
//!
//! The date rules find every expression TimeML annotates; what a case record can use is
//! less: a date, a period, a range or a counted length of time. `now`, `recently`,
//! `the same day`, `last week`, `monthly`, `10 pm` and `a few days` are TIMEX3 expressions,
//! but none of them dates an arrest. The event layer sees them all (it reads the layer
//! before the scheme is applied); the scheme decides what the output keeps.
//!
//! ```
//! use casefile::dates::scheme::{TimexScheme, apply};
//! use casefile::dates::Tagger;
//! use casefile::doc::{Date, DateOrigin, Doc, Published};
//! let text = "She is now in custody; on Sunday at 9 pm police searched the office of the \
//!             union, which meets monthly, and she was charged the same day.";
//! let mut doc = Doc::new("d", "d", text.into());
//! doc.published = Some(Published { date: Date::ymd(2023, 6, 27), origin: DateOrigin::Meta });
//! Tagger::shared().tag(&mut doc);
//! let all: Vec<String> = doc.timexes.iter().map(|t| t.value.clone()).collect();
//! assert!(all.contains(&"PRESENT_REF".to_string()) && all.contains(&"P1M".to_string()));
//! apply(TimexScheme::Dates, &doc.text, &mut doc.timexes);
//! let kept: Vec<(&str, &str)> = doc
//!     .timexes
//!     .iter()
//!     .map(|t| (t.span.of(&doc.text), t.value.as_str()))
//!     .collect();
//! assert_eq!(kept, [("Sunday", "2023-06-25")]);
//! ```

use crate::doc::{Precision, Timex, TimexType};

/// Which temporal expressions are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, clap::ValueEnum)]
pub enum TimexScheme {
    /// What a case record can use (the default): calendar dates and periods at year,
    /// quarter, month or day precision (`XXXX` for an unknown year), ranges, and lengths
    /// of time with a number (`two years`, `5 to 10 years`). Left out: references to the
    /// present, past or future (`now`, `currently`, `recently`), weeks and weekends (`last
    /// week`), the day of a date just named (`the same day`), recurrences (`monthly`),
    /// clock times (`10 pm`), and lengths without a number (`a few days`). A clock time on
    /// a named day (`Sunday at 9 pm`) is reported as that day.
    #[default]
    Dates,
    /// Every expression TimeML annotates, as the rules found it (TempEval's scheme).
    Timeml,
}

impl TimexScheme {
    /// The scheme's name on the command line (`dates`, `timeml`).
    pub fn name(self) -> &'static str {
        match self {
            TimexScheme::Dates => "dates",
            TimexScheme::Timeml => "timeml",
        }
    }
}

/// Words of a clock time: a time expression with any other word names its day too.
const CLOCK_WORDS: &[&str] = &[
    "am",
    "pm",
    "a",
    "m",
    "p",
    "at",
    "around",
    "about",
    "approximately",
    "o",
    "clock",
    "gmt",
    "utc",
    "local",
    "time",
    "hours",
    "hrs",
    "h",
    "noon",
    "midnight",
    "sharp",
    "half",
    "past",
    "quarter",
    "to",
    "until",
    "by",
    "est",
    "edt",
    "cet",
    "cest",
    "bst",
    "msk",
    "pst",
    "pdt",
];

/// Applies `scheme` to a document's timexes (in place, order kept).
pub fn apply(scheme: TimexScheme, text: &str, timexes: &mut Vec<Timex>) {
    if scheme == TimexScheme::Timeml {
        return;
    }
    timexes.retain_mut(|t| keep(text, t));
    join_ranges(text, timexes);
}

/// Joins two dates written as a range (`5 to 21 January 2017`, `August-September 2023`,
/// `between 2019 and 2020`) into one timex whose value is `start/end`.
fn join_ranges(text: &str, timexes: &mut Vec<Timex>) {
    let mut out: Vec<Timex> = Vec::with_capacity(timexes.len());
    for t in timexes.drain(..) {
        if let Some(a) = out.last_mut()
            && is_range(text, a, &t)
        {
            a.value = format!("{}/{}", a.value, t.value);
            a.span.end = t.span.end;
            a.date = None;
            if a.anchor == crate::doc::Anchor::None {
                a.anchor = t.anchor;
            }
            continue;
        }
        out.push(t);
    }
    *timexes = out;
}

/// Whether dates `a` and `b` are the two ends of one range.
fn is_range(text: &str, a: &Timex, b: &Timex) -> bool {
    if a.ttype != TimexType::Date
        || b.ttype != TimexType::Date
        || a.value.contains('/')
        || a.value == b.value
        || a.modifier.is_some()
        || b.modifier.is_some()
        || a.span.end > b.span.start
        || !matches!(
            a.precision,
            Precision::Year | Precision::Month | Precision::Day
        )
        || a.precision != b.precision
    {
        return false;
    }
    let between = text[a.span.end..b.span.start].trim().to_lowercase();
    match between.as_str() {
        "to" | "until" | "till" | "through" | "-" | "–" | "—" => true,
        "and" => text[..a.span.start]
            .trim_end()
            .to_lowercase()
            .ends_with("between"),
        _ => false,
    }
}

/// Whether the `dates` scheme keeps `t`, made a date when it is a clock time on a named day.
fn keep(text: &str, t: &mut Timex) -> bool {
    match t.ttype {
        TimexType::Set => false,
        TimexType::Duration => !t.value.contains('X'),
        TimexType::Time => {
            let Some((day, _)) = t.value.split_once('T') else {
                return false;
            };
            let words_beyond_clock = t
                .span
                .of(text)
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .any(|w| !CLOCK_WORDS.contains(&w.to_lowercase().as_str()));
            if !words_beyond_clock || day.len() != 10 || day.contains('X') {
                return false;
            }
            t.value = day.to_string();
            t.ttype = TimexType::Date;
            t.precision = Precision::Day;
            true
        }
        TimexType::Date => {
            if let Some(months) = months_of_part(&t.value) {
                t.value = months;
                t.precision = Precision::Month;
                t.date = None;
            }
            !t.value.ends_with("_REF")
                && t.precision != Precision::Week
                && !names_the_same_day(t.span.of(text))
        }
    }
}

/// A half or quarter of a known year as its months: `2015-H1` `2015-01/2015-06`,
/// `2015-Q3` `2015-07/2015-09`.
fn months_of_part(value: &str) -> Option<String> {
    let (year, part) = value.split_once('-')?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (first, last) = match part {
        "H1" => (1, 6),
        "H2" => (7, 12),
        "Q1" => (1, 3),
        "Q2" => (4, 6),
        "Q3" => (7, 9),
        "Q4" => (10, 12),
        _ => return None,
    };
    Some(format!("{year}-{first:02}/{year}-{last:02}"))
}

/// `the same day`, `that same week`: the period of a date just named, not a date of its own.
fn names_the_same_day(surface: &str) -> bool {
    let words: Vec<String> = surface
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    words.iter().any(|w| w == "same")
        && words
            .last()
            .is_some_and(|w| matches!(w.as_str(), "day" | "week" | "month" | "year" | "time"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Anchor, Span};

    fn timex(ttype: TimexType, value: &str, precision: Precision, span: Span) -> Timex {
        Timex {
            span,
            ttype,
            value: value.into(),
            modifier: None,
            precision,
            anchor: Anchor::None,
            date: None,
        }
    }

    #[test]
    fn dates_keep_counted_lengths_dates_and_ranges_only() {
        let text = "a few days; four years; 2 to 5 years; 2021-05; last week; tonight at 10 pm";
        let sp = |s: &str| {
            let i = text.find(s).expect("in text");
            Span::new(i, i + s.len())
        };
        let mut v = vec![
            timex(
                TimexType::Duration,
                "PXD",
                Precision::None,
                sp("a few days"),
            ),
            timex(
                TimexType::Duration,
                "P4Y",
                Precision::None,
                sp("four years"),
            ),
            timex(
                TimexType::Duration,
                "P2Y/P5Y",
                Precision::None,
                sp("2 to 5 years"),
            ),
            timex(TimexType::Date, "2021-05", Precision::Month, sp("2021-05")),
            timex(
                TimexType::Date,
                "2021-W19",
                Precision::Week,
                sp("last week"),
            ),
            timex(
                TimexType::Time,
                "2021-05-12T22:00",
                Precision::Time,
                sp("tonight at 10 pm"),
            ),
            timex(
                TimexType::Time,
                "2021-05-12T22:00",
                Precision::Time,
                sp("10 pm"),
            ),
        ];
        let mut all = v.clone();
        apply(TimexScheme::Timeml, text, &mut all);
        assert_eq!(all.len(), 7);
        apply(TimexScheme::Dates, text, &mut v);
        let values: Vec<(&str, TimexType)> =
            v.iter().map(|t| (t.value.as_str(), t.ttype)).collect();
        assert_eq!(
            values,
            [
                ("P4Y", TimexType::Duration),
                ("P2Y/P5Y", TimexType::Duration),
                ("2021-05", TimexType::Date),
                ("2021-05-12", TimexType::Date),
            ]
        );
    }

    #[test]
    fn ranges_become_one_start_end_value() {
        let text =
            "from 5 to 21 June 2017, between 2019 and 2020, in 2018 and 2019, March-April 2016";
        let sp = |s: &str| {
            let i = text.find(s).expect("in text");
            Span::new(i, i + s.len())
        };
        let day = |v: &str, s: &str| timex(TimexType::Date, v, Precision::Day, sp(s));
        let year = |v: &str, s: &str| timex(TimexType::Date, v, Precision::Year, sp(s));
        let month = |v: &str, s: &str| timex(TimexType::Date, v, Precision::Month, sp(s));
        let mut v = vec![
            day("2017-06-05", "5"),
            day("2017-06-21", "21 June 2017"),
            year("2019", "2019"),
            year("2020", "2020"),
            year("2018", "2018"),
            year("2019", "2019,"),
            month("2016-03", "March"),
            month("2016-04", "April 2016"),
        ];
        // "2019," is the second 2019: make its span the one after "2018 and ".
        let second = text.rfind("2019").expect("in text");
        v[5].span = Span::new(second, second + 4);
        apply(TimexScheme::Dates, text, &mut v);
        let got: Vec<(&str, &str)> = v
            .iter()
            .map(|t| (t.span.of(text), t.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("5 to 21 June 2017", "2017-06-05/2017-06-21"),
                ("2019 and 2020", "2019/2020"),
                ("2018", "2018"),
                ("2019", "2019"),
                ("March-April 2016", "2016-03/2016-04"),
            ]
        );
    }

    #[test]
    fn halves_and_quarters_are_their_months() {
        assert_eq!(
            months_of_part("2015-H1").as_deref(),
            Some("2015-01/2015-06")
        );
        assert_eq!(
            months_of_part("2008-Q4").as_deref(),
            Some("2008-10/2008-12")
        );
        assert_eq!(months_of_part("XXXX-Q4"), None);
        assert_eq!(months_of_part("2015-07"), None);
    }

    #[test]
    fn the_same_day_is_not_a_date_of_its_own() {
        assert!(names_the_same_day("the same day"));
        assert!(names_the_same_day("That same week"));
        assert!(!names_the_same_day("the next day"));
        assert!(!names_the_same_day("the day"));
    }
}

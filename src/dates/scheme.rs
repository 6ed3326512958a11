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
//! assert_eq!(kept, [("Sunday at 9 pm", "2023-06-25")]);
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
            !t.value.ends_with("_REF")
                && t.precision != Precision::Week
                && !names_the_same_day(t.span.of(text))
        }
    }
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
    fn the_same_day_is_not_a_date_of_its_own() {
        assert!(names_the_same_day("the same day"));
        assert!(names_the_same_day("That same week"));
        assert!(!names_the_same_day("the next day"));
        assert!(!names_the_same_day("the day"));
    }
}

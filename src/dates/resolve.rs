//! Anchoring: one candidate's meaning ([`Sem`]) becomes a timex, resolved against what it
//! needs: nothing (absolute values), the document date (the anchor: `last year`, `Monday`,
//! `the third quarter`), or the narrative's reference time, the last date mentioned
//! (`25 July` in a text without a document date, `the next day`, `a year earlier`).

use super::calendar::{add_days, add_months, iso_week, to_days, weekday};
use super::rules::HolidayRule;
use super::{
    Candidate, Context, Sem, Unit, date_timex, duration_value, full, future_context,
    narrative_year, nearest_to, nearest_year, season_of, season_rank, season_value, shift,
    unit_word, unresolved, value_timex,
};
use crate::doc::{Anchor, Date, Precision, Span, Timex, TimexType, days_in_month};

/// Anchors one candidate: dispatches on what its value is resolved against.
pub(super) fn resolve(text: &str, c: Candidate, anchor: Option<Date>, ctx: &Context) -> Timex {
    let span = c.span;
    match c.sem {
        // Absolute values: no anchor needed.
        Sem::Abs(d, m) => date_timex(span, d, m, Anchor::None),
        Sem::Fixed(v, p, m) => value_timex(span, TimexType::Date, v, p, m, Anchor::None),
        Sem::Duration(v, m) => value_timex(
            span,
            TimexType::Duration,
            v,
            Precision::None,
            m,
            Anchor::None,
        ),
        Sem::Set(v) => value_timex(span, TimexType::Set, v, Precision::None, None, Anchor::None),
        Sem::Ref(r) => resolve_ref(span, r, anchor),
        // Against the document date.
        Sem::RelYear {
            offset,
            month,
            day,
            modifier,
        } => resolve_rel_year(span, offset, month, day, modifier, anchor),
        Sem::RelMonthName {
            offset,
            month,
            day,
            modifier,
        } => resolve_rel_month_name(span, offset, month, day, modifier, anchor),
        Sem::RelMonth { offset, modifier } => resolve_rel_month(span, offset, modifier, anchor),
        Sem::RelWeek { offset, modifier } => resolve_rel_week(span, offset, modifier, anchor),
        Sem::Quarter { q, year_offset } => resolve_quarter(text, span, q, year_offset, anchor, ctx),
        Sem::Season {
            season,
            offset,
            year,
        } => resolve_season(span, season, offset, year, anchor),
        Sem::Half { half, year, offset } => resolve_half(span, half, year, offset, anchor),
        Sem::Weekend { offset } => resolve_weekend(span, offset, anchor),
        Sem::Weekday {
            wd,
            part,
            time,
            shift,
        } => resolve_weekday(text, span, wd, part, time, shift, anchor),
        Sem::Time { hour, minute } => resolve_time(span, hour, minute, anchor),
        Sem::PartialTime {
            month,
            day,
            hour,
            minute,
        } => resolve_partial_time(text, span, month, day, hour, minute, anchor),
        Sem::Holiday(h) => resolve_holiday(span, h, anchor),
        Sem::Ago { n, unit, modifier } => resolve_ago(span, n, unit, modifier, anchor, ctx),
        // Against the narrative's reference time: the last date mentioned.
        Sem::Partial {
            month,
            day,
            modifier,
        } => resolve_partial(text, span, month, day, modifier, anchor, ctx),
        Sem::RelDay {
            offset,
            from_previous,
            part,
        } => resolve_rel_day(span, offset, from_previous, part, anchor, ctx),
        Sem::Shift { n, unit, dir } => resolve_shift(span, n, unit, dir, anchor, ctx),
    }
}

// Absolute values.

/// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`: needs no anchor, but is reported unresolved
/// without one.
fn resolve_ref(span: Span, r: &'static str, anchor: Option<Date>) -> Timex {
    value_timex(
        span,
        TimexType::Date,
        r.to_string(),
        Precision::None,
        None,
        if anchor.is_some() {
            Anchor::DocumentDate
        } else {
            Anchor::Unresolved
        },
    )
}

// Values resolved against the document date.

/// A year relative to the document date (`last year`, `January 20 last year`).
fn resolve_rel_year(
    span: Span,
    offset: i32,
    month: Option<u32>,
    day: Option<u32>,
    modifier: Option<&'static str>,
    anchor: Option<Date>,
) -> Timex {
    match anchor {
        Some(a) => date_timex(
            span,
            Date {
                year: a.year + offset,
                month,
                day,
            },
            modifier,
            Anchor::DocumentDate,
        ),
        None => unresolved(span, TimexType::Date, "XXXX".into(), Precision::Year),
    }
}

/// A half of a year, given or relative to the document date's year.
fn resolve_half(
    span: Span,
    half: u32,
    year: Option<i32>,
    offset: i32,
    anchor: Option<Date>,
) -> Timex {
    let (y, how) = match (year, anchor) {
        (Some(y), _) => (y, Anchor::None),
        (None, Some(a)) => (a.year + offset, Anchor::DocumentDate),
        (None, None) => {
            return unresolved(
                span,
                TimexType::Date,
                format!("XXXX-H{half}"),
                Precision::Quarter,
            );
        }
    };
    value_timex(
        span,
        TimexType::Date,
        format!("{y:04}-H{half}"),
        Precision::Quarter,
        None,
        how,
    )
}

/// A named month relative to the document date (`last December`, `last Oct. 23`).
fn resolve_rel_month_name(
    span: Span,
    offset: i32,
    month: u32,
    day: Option<u32>,
    modifier: Option<&'static str>,
    anchor: Option<Date>,
) -> Timex {
    match anchor {
        Some(a) => {
            let am = a.month.unwrap_or(12);
            // Compared by (month, day): `last Oct. 23` on 19 April is last year's,
            // on 25 October this year's.
            let here = (month, day.unwrap_or(0));
            let now = (am, if day.is_some() { a.day.unwrap_or(0) } else { 0 });
            let year = match offset {
                -1 if here < now => a.year,
                -1 => a.year - 1,
                1 if here > now => a.year,
                1 => a.year + 1,
                _ => a.year,
            };
            let d = Date {
                year,
                month: Some(month),
                day: day.filter(|&d| d <= crate::doc::days_in_month(year, month)),
            };
            date_timex(span, d, modifier, Anchor::DocumentDate)
        }
        None => match day {
            Some(d) => unresolved(
                span,
                TimexType::Date,
                format!("XXXX-{month:02}-{d:02}"),
                Precision::Day,
            ),
            None => unresolved(
                span,
                TimexType::Date,
                format!("XXXX-{month:02}"),
                Precision::Month,
            ),
        },
    }
}

/// A month relative to the document date's month (`early last month`).
fn resolve_rel_month(
    span: Span,
    offset: i32,
    modifier: Option<&'static str>,
    anchor: Option<Date>,
) -> Timex {
    match anchor {
        Some(a) if a.month.is_some() => {
            let d = add_months(Date { day: None, ..a }, i64::from(offset));
            date_timex(span, d, modifier, Anchor::DocumentDate)
        }
        _ => unresolved(span, TimexType::Date, "XXXX-XX".into(), Precision::Month),
    }
}

/// A week relative to the document date's week (`last week`).
fn resolve_rel_week(
    span: Span,
    offset: i32,
    modifier: Option<&'static str>,
    anchor: Option<Date>,
) -> Timex {
    match anchor {
        Some(a) if a.day.is_some() => {
            let d = add_days(a, 7 * i64::from(offset));
            let (y, w) = iso_week(d);
            value_timex(
                span,
                TimexType::Date,
                format!("{y:04}-W{w:02}"),
                Precision::Week,
                modifier,
                Anchor::DocumentDate,
            )
        }
        _ => unresolved(span, TimexType::Date, "XXXX-WXX".into(), Precision::Week),
    }
}

/// A quarter (`the third quarter`, `the year-earlier quarter`) against the document date;
/// `the quarter` is the last one mentioned, or else the last one completed.
fn resolve_quarter(
    text: &str,
    span: Span,
    q: Option<u32>,
    year_offset: i32,
    anchor: Option<Date>,
    ctx: &Context,
) -> Timex {
    let (y, q) = match (q, ctx.quarter, anchor) {
        (Some(q), _, Some(a)) => {
            let cur = (a.month.unwrap_or(12) - 1) / 3 + 1;
            let y = if q > cur && !future_context(text, span.start) {
                a.year - 1
            } else {
                a.year
            };
            (y + year_offset, q)
        }
        (None, Some((y, q)), _) => (y + year_offset, q),
        (None, None, Some(a)) => {
            // The last completed quarter.
            let cur = (a.month.unwrap_or(1) - 1) / 3 + 1;
            if cur == 1 {
                (a.year - 1 + year_offset, 4)
            } else {
                (a.year + year_offset, cur - 1)
            }
        }
        (Some(q), _, None) => {
            return unresolved(
                span,
                TimexType::Date,
                format!("XXXX-Q{q}"),
                Precision::Quarter,
            );
        }
        (None, None, None) => {
            return unresolved(span, TimexType::Date, "XXXX-QX".into(), Precision::Quarter);
        }
    };
    value_timex(
        span,
        TimexType::Date,
        format!("{y:04}-Q{q}"),
        Precision::Quarter,
        None,
        Anchor::DocumentDate,
    )
}

/// A season (`last fall`, `this summer`) against the document date's season; one with its
/// own year (`the winter of 1994`) needs no anchor.
fn resolve_season(
    span: Span,
    season: &'static str,
    offset: Option<i32>,
    year: Option<i32>,
    anchor: Option<Date>,
) -> Timex {
    if let Some(y) = year {
        return value_timex(
            span,
            TimexType::Date,
            season_value(y, season),
            Precision::Quarter,
            None,
            Anchor::None,
        );
    }
    let Some(a) = anchor else {
        return unresolved(
            span,
            TimexType::Date,
            format!("XXXX-{season}"),
            Precision::Quarter,
        );
    };
    let am = a.month.unwrap_or(7);
    let cur = season_of(am);
    // The winter that ends in January-February started the year before.
    let cur_year = if am <= 2 { a.year - 1 } else { a.year };
    let y = match offset {
        Some(-1) => {
            if season_rank(season) < season_rank(cur) {
                cur_year
            } else {
                cur_year - 1
            }
        }
        Some(1) => {
            if season_rank(season) > season_rank(cur) {
                cur_year
            } else {
                cur_year + 1
            }
        }
        _ => cur_year,
    };
    value_timex(
        span,
        TimexType::Date,
        season_value(y, season),
        Precision::Quarter,
        None,
        Anchor::DocumentDate,
    )
}

/// A weekend relative to the document date's week (`the weekend`, `last weekend`).
fn resolve_weekend(span: Span, offset: i32, anchor: Option<Date>) -> Timex {
    match anchor {
        Some(a) if a.day.is_some() => {
            // Early in the week, "the weekend" is the one just past.
            let offset = if offset == 0 && weekday(a) <= 3 {
                -1
            } else {
                offset
            };
            let (y, w) = iso_week(add_days(a, 7 * i64::from(offset)));
            value_timex(
                span,
                TimexType::Date,
                format!("{y:04}-W{w:02}-WE"),
                Precision::Week,
                None,
                Anchor::DocumentDate,
            )
        }
        _ => unresolved(span, TimexType::Date, "XXXX-WXX-WE".into(), Precision::Week),
    }
}

/// A weekday (`Friday`, `last Friday`, `Monday morning`) near the document date: the most
/// recent one unless `shift` or the sentence points to the future.
fn resolve_weekday(
    text: &str,
    span: Span,
    wd: u32,
    part: Option<&'static str>,
    time: Option<(u32, u32)>,
    shift: i32,
    anchor: Option<Date>,
) -> Timex {
    let doc = Anchor::DocumentDate;
    match anchor {
        Some(a) if a.day.is_some() => {
            let cur = weekday(a);
            let back = (i64::from(cur) - i64::from(wd)).rem_euclid(7);
            let d = if shift > 0 || (shift == 0 && future_context(text, span.start) && back != 0) {
                add_days(a, if back == 0 { 7 } else { 7 - back })
            } else if shift < 0 {
                add_days(a, if back == 0 { -7 } else { -back })
            } else {
                add_days(a, -back)
            };
            match (time, part) {
                (Some((h, m)), _) => value_timex(
                    span,
                    TimexType::Time,
                    format!("{}T{h:02}:{m:02}", d.iso()),
                    Precision::Time,
                    None,
                    doc,
                ),
                // "Friday night" is written as the day in news; mornings and evenings
                // keep their part.
                (None, Some(p)) if p != "NI" => value_timex(
                    span,
                    TimexType::Time,
                    format!("{}T{p}", d.iso()),
                    Precision::Time,
                    None,
                    doc,
                ),
                (None, _) => date_timex(span, d, None, doc),
            }
        }
        _ => unresolved(
            span,
            TimexType::Date,
            format!("XXXX-WXX-{wd}"),
            Precision::Day,
        ),
    }
}

/// A time of day, on the document date's day.
fn resolve_time(span: Span, hour: u32, minute: u32, anchor: Option<Date>) -> Timex {
    let base = anchor.filter(|a| a.day.is_some());
    let value = match base {
        Some(b) => format!("{}T{hour:02}:{minute:02}", b.iso()),
        None => format!("XXXX-XX-XXT{hour:02}:{minute:02}"),
    };
    value_timex(
        span,
        TimexType::Time,
        value,
        Precision::Time,
        None,
        if base.is_some() {
            Anchor::DocumentDate
        } else {
            Anchor::Unresolved
        },
    )
}

/// A time on a month and day without a year (`5 p.m. EST, Nov. 6`), in the year that puts
/// it nearest the document date.
fn resolve_partial_time(
    text: &str,
    span: Span,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    anchor: Option<Date>,
) -> Timex {
    match anchor {
        Some(a) => {
            let year = nearest_year(a, month, Some(day), future_context(text, span.start));
            let d = Date::ymd(year, month, day.min(days_in_month(year, month)));
            value_timex(
                span,
                TimexType::Time,
                format!("{}T{hour:02}:{minute:02}", d.iso()),
                Precision::Time,
                None,
                Anchor::DocumentDate,
            )
        }
        None => unresolved(
            span,
            TimexType::Time,
            format!("XXXX-{month:02}-{day:02}T{hour:02}:{minute:02}"),
            Precision::Time,
        ),
    }
}

/// A holiday, in the year that puts it nearest the document date.
fn resolve_holiday(span: Span, h: HolidayRule, anchor: Option<Date>) -> Timex {
    match anchor {
        Some(a) => {
            let d = h.nearest(a);
            date_timex(span, d, None, Anchor::DocumentDate)
        }
        None => match h.fixed() {
            Some((m, d)) => unresolved(
                span,
                TimexType::Date,
                format!("XXXX-{m:02}-{d:02}"),
                Precision::Day,
            ),
            None => unresolved(span, TimexType::Date, "XXXX-XX-XX".into(), Precision::Day),
        },
    }
}

/// `n` units before the document date (`two years ago`); `a year ago` after a quarter is
/// that quarter a year before.
fn resolve_ago(
    span: Span,
    n: Option<f64>,
    unit: Unit,
    modifier: Option<&'static str>,
    anchor: Option<Date>,
    ctx: &Context,
) -> Timex {
    let doc = Anchor::DocumentDate;
    let (Some(a), Some(n)) = (anchor, n) else {
        return value_timex(
            span,
            TimexType::Date,
            "PAST_REF".into(),
            Precision::None,
            modifier,
            if anchor.is_some() {
                doc
            } else {
                Anchor::Unresolved
            },
        );
    };
    // "A year ago" in a report on a quarter is that quarter a year before.
    if let (Some((y, q)), Unit::Year) = (ctx.quarter, unit) {
        let y = y - n.round() as i32;
        return value_timex(
            span,
            TimexType::Date,
            format!("{y:04}-Q{q}"),
            Precision::Quarter,
            modifier,
            Anchor::PreviousDate,
        );
    }
    // `three and a half years ago`: a fraction of a year is months, to the month.
    let (n, unit) = if unit == Unit::Year && n.fract() != 0.0 {
        (n * 12.0, Unit::Month)
    } else {
        (n, unit)
    };
    match shift(a, n, unit, -1) {
        Some((d, _)) => {
            let d = match unit {
                Unit::Year | Unit::Decade | Unit::Century => Date {
                    year: d.year,
                    month: None,
                    day: None,
                },
                Unit::Quarter | Unit::Month => Date { day: None, ..d },
                _ => d,
            };
            if unit == Unit::Week {
                let (y, w) = iso_week(d);
                return value_timex(
                    span,
                    TimexType::Date,
                    format!("{y:04}-W{w:02}"),
                    Precision::Week,
                    modifier,
                    doc,
                );
            }
            date_timex(span, d, modifier, doc)
        }
        None => value_timex(
            span,
            TimexType::Date,
            "PAST_REF".into(),
            Precision::None,
            modifier,
            doc,
        ),
    }
}

// Values resolved against the narrative's reference time.

/// Month and optional day without a year (`25 July`): the year nearest the document date
/// (or a narrative's year); with none, the year nearest the reference time.
fn resolve_partial(
    text: &str,
    span: Span,
    month: u32,
    day: Option<u32>,
    modifier: Option<&'static str>,
    anchor: Option<Date>,
    ctx: &Context,
) -> Timex {
    let partial = |year: i32, anchor: Anchor| {
        date_timex(
            span,
            Date {
                year,
                month: Some(month),
                day,
            },
            modifier,
            anchor,
        )
    };
    match anchor.filter(|_| !(ctx.inferred && ctx.reference.is_some())) {
        Some(a) => {
            let future = future_context(text, span.start);
            let mut year = nearest_year(a, month, day, future);
            // A past date read as falling after the anchor (within the slack) is
            // uncertain: a narrative's year, if one is near, decides.
            if !future
                && to_days(Date::ymd(year, month, day.unwrap_or(1))) > to_days(full(a))
                && let Some(y) = narrative_year(text, span.start, ctx, month, day)
            {
                year = y;
            }
            partial(year, Anchor::DocumentDate)
        }
        // No document date: the narrative's, the last date written out with its year
        // (HeidelTime's narrative strategy), the occurrence nearest to it.
        None => match ctx.reference.filter(|&(_, end)| end <= span.start) {
            Some((d, _)) => partial(nearest_to(d, month, day, 3), Anchor::PreviousDate),
            None => {
                let (v, p) = match day {
                    Some(d) => (format!("XXXX-{month:02}-{d:02}"), Precision::Day),
                    None => (format!("XXXX-{month:02}"), Precision::Month),
                };
                unresolved(span, TimexType::Date, v, p)
            }
        },
    }
}

/// A day relative to the last date mentioned (`the next day`) when `from_previous`, else
/// to the document date (`yesterday`), with an optional part of the day.
fn resolve_rel_day(
    span: Span,
    offset: i64,
    from_previous: bool,
    part: Option<&'static str>,
    anchor: Option<Date>,
    ctx: &Context,
) -> Timex {
    let (base, how) = if from_previous {
        (
            ctx.previous.filter(|p| p.day.is_some()),
            Anchor::PreviousDate,
        )
    } else {
        (anchor.filter(|a| a.day.is_some()), Anchor::DocumentDate)
    };
    match base {
        Some(b) => {
            let d = add_days(b, offset);
            match part {
                Some(p) => value_timex(
                    span,
                    TimexType::Time,
                    format!("{}T{p}", d.iso()),
                    Precision::Time,
                    None,
                    how,
                ),
                None => date_timex(span, d, None, how),
            }
        }
        None => unresolved(span, TimexType::Date, "XXXX-XX-XX".into(), Precision::Day),
    }
}

/// `n` units before (`dir` -1) or after (+1) the last date mentioned (`a year earlier`),
/// or the document date when none was; `n` 0 is that date at that unit (`that year`).
fn resolve_shift(
    span: Span,
    n: f64,
    unit: Unit,
    dir: i32,
    anchor: Option<Date>,
    ctx: &Context,
) -> Timex {
    if n == 0.0 {
        // "that year", "that quarter": the last date mentioned, at that unit.
        return resolve_that(span, unit, ctx);
    }
    // A year earlier than the quarter just mentioned is that quarter a year before.
    if let (Some((y, q)), Unit::Year) = (ctx.quarter, unit) {
        let y = y + (n.round() as i32) * dir;
        return value_timex(
            span,
            TimexType::Date,
            format!("{y:04}-Q{q}"),
            Precision::Quarter,
            None,
            Anchor::PreviousDate,
        );
    }
    let (base, how) = match ctx.previous {
        Some(p) => (Some(p), Anchor::PreviousDate),
        None => (anchor, Anchor::DocumentDate),
    };
    match base.and_then(|b| shift(b, n, unit, dir)) {
        Some((d, p)) => {
            // "a year later" is a year, whatever the precision of the date before;
            // "two weeks later" than a month is still that month, no finer.
            let base_p = base.map_or(Precision::Day, |b| b.precision());
            let p = if matches!(unit, Unit::Year | Unit::Decade | Unit::Century) {
                Precision::Year
            } else {
                p.min(base_p)
            };
            let d = match p {
                Precision::Year => Date {
                    year: d.year,
                    month: None,
                    day: None,
                },
                Precision::Month => Date { day: None, ..d },
                _ => d,
            };
            date_timex(span, d, None, how)
        }
        None => value_timex(
            span,
            TimexType::Duration,
            duration_value(n, unit_word(unit)),
            Precision::None,
            None,
            Anchor::None,
        ),
    }
}

/// `that year`, `that quarter`, `that month`: the last quarter or date mentioned, at that
/// unit.
fn resolve_that(span: Span, unit: Unit, ctx: &Context) -> Timex {
    match (unit, ctx.quarter, ctx.previous) {
        (Unit::Quarter, Some((y, q)), _) => value_timex(
            span,
            TimexType::Date,
            format!("{y:04}-Q{q}"),
            Precision::Quarter,
            None,
            Anchor::PreviousDate,
        ),
        (Unit::Month, _, Some(p)) if p.month.is_some() => {
            date_timex(span, Date { day: None, ..p }, None, Anchor::PreviousDate)
        }
        (_, _, Some(p)) => date_timex(
            span,
            Date {
                year: p.year,
                month: None,
                day: None,
            },
            None,
            Anchor::PreviousDate,
        ),
        _ => unresolved(span, TimexType::Date, "XXXX".into(), Precision::Year),
    }
}

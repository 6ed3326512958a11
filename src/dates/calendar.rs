//! Calendar arithmetic on [`Date`]s (proleptic Gregorian, no time zones).

use crate::doc::{Date, days_in_month};

/// Days since 1970-01-01 of a full date (missing month/day count as 1).
pub fn to_days(d: Date) -> i64 {
    let y = i64::from(d.year);
    let m = i64::from(d.month.unwrap_or(1));
    let day = i64::from(d.day.unwrap_or(1));
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01.
pub fn from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    Date::ymd(y as i32, m, d)
}

/// Adds `n` days to a full date.
pub fn add_days(d: Date, n: i64) -> Date {
    from_days(to_days(d) + n)
}

/// Adds `n` months, keeping the precision (a day is clamped to the month's length).
pub fn add_months(d: Date, n: i64) -> Date {
    let total = i64::from(d.year) * 12 + i64::from(d.month.unwrap_or(1)) - 1 + n;
    let year = total.div_euclid(12) as i32;
    let month = (total.rem_euclid(12) + 1) as u32;
    Date {
        year,
        month: d.month.map(|_| month),
        day: d.day.map(|dd| dd.min(days_in_month(year, month))),
    }
}

/// ISO weekday, Monday = 1 ... Sunday = 7.
pub fn weekday(d: Date) -> u32 {
    (to_days(d) + 3).rem_euclid(7) as u32 + 1
}

/// ISO 8601 week-numbering year and week of a full date.
pub fn iso_week(d: Date) -> (i32, u32) {
    let days = to_days(d);
    let wd = i64::from(weekday(d));
    // The Thursday of this week decides the year.
    let thursday = from_days(days - wd + 4);
    let jan1 = to_days(Date::ymd(thursday.year, 1, 1));
    let week = ((days - wd + 4 - jan1) / 7 + 1) as u32;
    (thursday.year, week)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_weekdays() {
        for (y, m, d) in [(1970, 1, 1), (2017, 7, 25), (2000, 2, 29), (1999, 12, 31)] {
            let x = Date::ymd(y, m, d);
            assert_eq!(from_days(to_days(x)), x);
        }
        assert_eq!(weekday(Date::ymd(2017, 4, 7)), 5); // a Friday
        assert_eq!(iso_week(Date::ymd(2017, 7, 25)), (2017, 30));
        assert_eq!(iso_week(Date::ymd(2021, 1, 1)), (2020, 53));
        assert_eq!(
            add_months(Date::ymd(2018, 3, 31), -1),
            Date::ymd(2018, 2, 28)
        );
        assert_eq!(add_days(Date::ymd(2017, 12, 31), 1), Date::ymd(2018, 1, 1));
    }
}

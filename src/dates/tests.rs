use super::*;
use crate::doc::{DateOrigin, Published};

fn tag(text: &str, dct: Option<(i32, u32, u32)>) -> Vec<(String, String, TimexType)> {
    let mut doc = Doc::new("d", "t.txt", text.to_string());
    doc.published = dct.map(|(y, m, d)| Published {
        date: Date::ymd(y, m, d),
        origin: DateOrigin::Given,
    });
    Tagger::new().tag(&mut doc);
    doc.timexes
        .iter()
        .map(|t| (t.span.of(&doc.text).to_string(), t.value.clone(), t.ttype))
        .collect()
}

fn values(text: &str, dct: Option<(i32, u32, u32)>) -> Vec<(String, String)> {
    tag(text, dct).into_iter().map(|(s, v, _)| (s, v)).collect()
}

fn pair(s: &str, v: &str) -> (String, String) {
    (s.to_string(), v.to_string())
}

#[test]
fn absolute_dates_in_the_seed_forms() {
    assert_eq!(
        values("3 August, 2017", None),
        vec![pair("3 August, 2017", "2017-08-03")]
    );
    assert_eq!(
        values("on April 7, 2017.", None),
        vec![pair("April 7, 2017", "2017-04-07")]
    );
    assert_eq!(
        values("06.10.2017", None),
        vec![pair("06.10.2017", "2017-10-06")]
    );
    assert_eq!(
        values("leaders18-03-2022", None),
        vec![pair("18-03-2022", "2022-03-18")]
    );
    assert_eq!(
        values("since 2017-10-06", None),
        vec![pair("2017-10-06", "2017-10-06")]
    );
    assert_eq!(
        values("in May 2018 released", None),
        vec![pair("May 2018", "2018-05")]
    );
    assert_eq!(
        values("arrested in 2017.", None),
        vec![pair("2017", "2017")]
    );
    assert_eq!(
        values("the 7th of April 2017", None),
        vec![pair("7th of April 2017", "2017-04-07")]
    );
    assert_eq!(
        values("25 июля 2017 года", None),
        vec![pair("25 июля 2017 года", "2017-07-25")]
    );
}

#[test]
fn month_first_only_when_day_first_is_impossible() {
    assert_eq!(
        values("on 05/16/2017", None),
        vec![pair("05/16/2017", "2017-05-16")]
    );
    assert_eq!(
        values("on 05/06/2017", None),
        vec![pair("05/06/2017", "2017-06-05")]
    );
    // Mixed separators are not a date.
    assert!(
        values("code 05.06-2017", None)
            .iter()
            .all(|(_, v)| v != "2017-06-05")
    );
}

#[test]
fn partial_dates_take_the_year_of_the_anchor_and_stay_in_the_past() {
    assert_eq!(
        values("On 25 July, Kharkova", Some((2017, 8, 3))),
        vec![pair("25 July", "2017-07-25")]
    );
    // In a report of 23 May 2017, "7 April" is 2017 and "16 May" too.
    assert_eq!(
        values("on 7 April", Some((2017, 5, 23))),
        vec![pair("7 April", "2017-04-07")]
    );
    // News past tense: "20 December" said in January is last year's.
    assert_eq!(
        values("on 20 December", Some((2017, 1, 10))),
        vec![pair("20 December", "2016-12-20")]
    );
    // ... unless the text speaks of the future.
    assert_eq!(
        values(
            "the hearing is scheduled for 20 February",
            Some((2017, 1, 10))
        ),
        vec![pair("20 February", "2017-02-20")]
    );
    // Without an anchor the year stays unknown.
    assert_eq!(
        values("On 25 July, Kharkova", None),
        vec![pair("25 July", "XXXX-07-25")]
    );
}

#[test]
fn relative_expressions() {
    let dct = Some((2018, 6, 6));
    assert_eq!(
        values("arrested on January 20 last year", dct),
        vec![pair("January 20 last year", "2017-01-20")]
    );
    let v = tag("Early last month, courts granted parole", dct);
    assert_eq!(
        (v[0].0.as_str(), v[0].1.as_str()),
        ("Early last month", "2018-05")
    );
    assert_eq!(
        values("Last December, the Parliament", dct),
        vec![pair("Last December", "2017-12")]
    );
    assert_eq!(
        values("to review it later this month", dct),
        vec![pair("later this month", "2018-06")]
    );
    assert_eq!(
        values("yesterday and today", dct),
        vec![pair("yesterday", "2018-06-05"), pair("today", "2018-06-06")]
    );
    assert_eq!(values("last year", dct), vec![pair("last year", "2017")]);
    assert_eq!(values("in the 1990s", dct), vec![pair("the 1990s", "199")]);
    assert_eq!(
        values("on Friday", Some((2017, 4, 10))),
        vec![pair("Friday", "2017-04-07")]
    );
    assert_eq!(
        values("On 5 May 2017 he was held. The next day he left.", None)[1],
        pair("The next day", "2017-05-06")
    );
}

#[test]
fn ranges_and_lists_give_each_date_its_value() {
    assert_eq!(
        values("On 6 and 27 August 2018, the Ministry", None),
        vec![
            pair("6", "2018-08-06"),
            pair("27 August 2018", "2018-08-27")
        ]
    );
    assert_eq!(
        values("Between July and September 2018", None),
        vec![pair("July", "2018-07"), pair("September 2018", "2018-09")]
    );
}

#[test]
fn durations_sets_and_times() {
    let v = tag(
        "sentenced to two and a half years, a five-year ban, 100 hours, 10 days, 16 months and seven months' imprisonment",
        None,
    );
    let got: Vec<(&str, &str)> = v.iter().map(|(s, v, _)| (s.as_str(), v.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("two and a half years", "P2Y6M"),
            ("five-year", "P5Y"),
            ("100 hours", "PT100H"),
            ("10 days", "P10D"),
            ("16 months", "P16M"),
            ("seven months", "P7M"),
        ]
    );
    assert!(v.iter().all(|t| t.2 == TimexType::Duration));
    assert_eq!(tag("two-and-a-half years", None)[0].1, "P2Y6M");
    let v = tag(
        "register twice a month and stay home after 8 p.m.",
        Some((2019, 5, 22)),
    );
    assert_eq!(
        (v[0].0.as_str(), v[0].1.as_str(), v[0].2),
        ("twice a month", "P1M", TimexType::Set)
    );
    assert_eq!(
        (v[1].0.as_str(), v[1].1.as_str(), v[1].2),
        ("8 p.m.", "2019-05-22T20:00", TimexType::Time)
    );
}

#[test]
fn numbers_that_are_not_years() {
    assert!(
        values(
            "Order No. 2164-р and Article 402 and US$28,000 and 8,000 people",
            None
        )
        .is_empty()
    );
}

#[test]
fn parse_absolute_only_accepts_whole_dates() {
    assert_eq!(parse_absolute("18-03-2022"), Some(Date::ymd(2022, 3, 18)));
    assert_eq!(parse_absolute("May 2018"), None);
    assert_eq!(parse_absolute("on 18-03-2022"), None);
}

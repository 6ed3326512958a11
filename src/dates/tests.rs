use super::*;
use crate::doc::Anchor;
use crate::doc::{DateOrigin, Published};

fn tag(text: &str, dct: Option<(i32, u32, u32)>) -> Vec<(String, String, TimexType)> {
    let mut doc = Doc::new("d", "t.txt", text.to_string());
    doc.published = dct.map(|(y, m, d)| Published {
        date: Date::ymd(y, m, d),
        origin: DateOrigin::Given,
    });
    Tagger::shared().tag(&mut doc);
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

/// (surface, value, mod) triples.
fn with_mod(
    text: &str,
    dct: Option<(i32, u32, u32)>,
) -> Vec<(String, String, Option<&'static str>)> {
    let mut doc = Doc::new("d", "t.txt", text.to_string());
    doc.published = dct.map(|(y, m, d)| Published {
        date: Date::ymd(y, m, d),
        origin: DateOrigin::Given,
    });
    Tagger::shared().tag(&mut doc);
    doc.timexes
        .iter()
        .map(|t| {
            (
                t.span.of(&doc.text).to_string(),
                t.value.clone(),
                t.modifier,
            )
        })
        .collect()
}

#[test]
fn modifiers_decades_and_partial_years() {
    assert_eq!(
        with_mod("by mid-2017", None),
        vec![("mid-2017".into(), "2017".into(), Some("MID"))]
    );
    assert_eq!(
        with_mod("in early 2015", None),
        vec![("early 2015".into(), "2015".into(), Some("START"))]
    );
    assert_eq!(
        with_mod("in the late 1970s", None),
        vec![("the late 1970s".into(), "197".into(), Some("END"))]
    );
    assert_eq!(
        with_mod("Early last month, courts ruled", Some((2018, 6, 6))),
        vec![("Early last month".into(), "2018-05".into(), Some("START"))]
    );
    assert_eq!(with_mod("the end of May 2018", None)[0].2, Some("END"));
    assert_eq!(
        values("in the 20th century", None),
        vec![pair("the 20th century", "19")]
    );
}

#[test]
fn relative_to_the_last_date_mentioned() {
    let v = values(
        "He was arrested on 20 January 2017. A week later he was charged. Ten years after, nothing changed.",
        None,
    );
    assert_eq!(v[0], pair("20 January 2017", "2017-01-20"));
    assert_eq!(v[1], pair("A week later", "2017-01-27"));
    let v = values(
        "The union was formed in 2005. The following year it was banned.",
        None,
    );
    assert_eq!(v[1], pair("The following year", "2006"));
    // "that year" is the year last mentioned.
    let v = values(
        "In 2012 workers struck. Later that year the union was closed.",
        None,
    );
    assert_eq!(v[1].1, "2012");
}

#[test]
fn ago_and_approximate_durations() {
    let dct = Some((2018, 6, 6));
    assert_eq!(
        values("two years ago", dct),
        vec![pair("two years ago", "2016")]
    );
    assert_eq!(
        values("three months ago", dct),
        vec![pair("three months ago", "2018-03")]
    );
    assert_eq!(
        values("several years ago", dct),
        vec![pair("several years ago", "PAST_REF")]
    );
    let v = with_mod("for nearly forty years", None);
    assert_eq!(
        v,
        vec![("nearly forty years".into(), "P40Y".into(), Some("APPROX"))]
    );
    let v = with_mod("more than four hours", None);
    assert_eq!(
        v,
        vec![(
            "more than four hours".into(),
            "PT4H".into(),
            Some("MORE_THAN")
        )]
    );
    assert_eq!(
        values("over the past three months", None),
        vec![pair("the past three months", "P3M")]
    );
    assert_eq!(
        values("for several days", None),
        vec![pair("several days", "PXD")]
    );
    assert_eq!(
        values("2 1/2 years", None),
        vec![pair("2 1/2 years", "P2Y6M")]
    );
    // Ages are not durations.
    assert!(values("a 6-year-old boy and a man 40 years old", None).is_empty());
}

#[test]
fn quarters_seasons_weekends_holidays() {
    let dct = Some((1989, 10, 26));
    assert_eq!(
        values("third-quarter profit rose", dct),
        vec![pair("third-quarter", "1989-Q3")]
    );
    let v = values(
        "Net income in the third quarter rose from the year-earlier quarter.",
        dct,
    );
    assert_eq!(
        v,
        vec![
            pair("the third quarter", "1989-Q3"),
            pair("the year-earlier quarter", "1988-Q3")
        ]
    );
    assert_eq!(
        values("the third quarter of 1984", dct),
        vec![pair("the third quarter of 1984", "1984-Q3")]
    );
    assert_eq!(
        values("Profit fell from a year ago in the third quarter.", dct)[0].1,
        "1988"
    );
    assert_eq!(
        values("last fall", Some((1998, 1, 20))),
        vec![pair("last fall", "1997-FA")]
    );
    assert_eq!(
        values("this summer", Some((1998, 3, 1))),
        vec![pair("this summer", "1998-SU")]
    );
    assert_eq!(
        values("the weekend", Some((1990, 8, 16))),
        vec![pair("the weekend", "1990-W33-WE")]
    );
    assert_eq!(
        values("on Christmas Day", Some((2017, 12, 20))),
        vec![pair("Christmas Day", "2017-12-25")]
    );
    assert_eq!(
        values("at Easter", Some((2018, 3, 1))),
        vec![pair("Easter", "2018-04-01")]
    );
}

#[test]
fn weekdays_parts_of_day_and_references() {
    let dct = Some((1998, 2, 13)); // a Friday
    assert_eq!(
        values("police said Friday", dct),
        vec![pair("Friday", "1998-02-13")]
    );
    assert_eq!(
        values("talks ended Wednesday", dct),
        vec![pair("Wednesday", "1998-02-11")]
    );
    assert_eq!(
        values("the talks will resume Monday", dct),
        vec![pair("Monday", "1998-02-16")]
    );
    assert_eq!(
        values("last Friday", dct),
        vec![pair("last Friday", "1998-02-06")]
    );
    assert_eq!(
        values("10 p.m. Wednesday", dct),
        vec![pair("10 p.m. Wednesday", "1998-02-11T22:00")]
    );
    assert_eq!(
        values("Thursday morning", dct),
        vec![pair("Thursday morning", "1998-02-12TMO")]
    );
    assert_eq!(
        values("this evening", dct),
        vec![pair("this evening", "1998-02-13TEV")]
    );
    assert_eq!(
        values("each Thursday", dct),
        vec![pair("each Thursday", "XXXX-WXX-4")]
    );
    assert_eq!(
        values("is currently held", dct),
        vec![pair("currently", "PRESENT_REF")]
    );
    assert_eq!(
        values("in the future", dct),
        vec![pair("the future", "FUTURE_REF")]
    );
    assert_eq!(values("Now, he said", dct), vec![]);
    assert_eq!(
        values("nineteen ninety-six", dct),
        vec![pair("nineteen ninety-six", "1996")]
    );
}

#[test]
fn partial_dates_take_the_nearest_plausible_year() {
    // In a December report, an upcoming "Jan. 14" is next year's.
    assert_eq!(
        values("The hearing is set for Jan. 14", Some((1999, 12, 20))),
        vec![pair("Jan. 14", "2000-01-14")]
    );
    // A date a month after the report is still this year's.
    assert_eq!(
        values("the Dec. 15 meeting", Some((1989, 11, 20))),
        vec![pair("Dec. 15", "1989-12-15")]
    );
    // A date half a year after the report is last year's.
    assert_eq!(
        values("on 20 June", Some((2018, 1, 10))),
        vec![pair("20 June", "2017-06-20")]
    );
}

#[test]
fn a_document_without_a_date() {
    // Nothing to anchor on: values keep X placeholders and say so; never today's date.
    let mut doc = Doc::new(
        "d",
        "t.txt",
        "On 25 July, Kharkova was sentenced; last year she was tried on Monday.".into(),
    );
    Tagger::shared().tag(&mut doc);
    let got: Vec<(&str, &str, Anchor)> = doc
        .timexes
        .iter()
        .map(|t| (t.span.of(&doc.text), t.value.as_str(), t.anchor))
        .collect();
    assert_eq!(
        got,
        vec![
            ("25 July", "XXXX-07-25", Anchor::Unresolved),
            ("last year", "XXXX", Anchor::Unresolved),
            ("Monday", "XXXX-WXX-1", Anchor::Unresolved),
        ]
    );
    // An undated text gets its latest full date as an inferred document date.
    assert_eq!(
        infer_document_date(
            "Sentenced on 16 May; on 23 May 2017 unions protested, recalling 1 March 2017."
        ),
        Some(Date::ymd(2017, 5, 23))
    );
}

#[test]
fn last_month_with_a_day_keeps_the_day() {
    // `last Oct. 23` said on 19 April 1999 is 23 October 1998, not the month.
    assert_eq!(
        values(
            "He was shot to death last Oct. 23 at his home.",
            Some((1999, 4, 19))
        ),
        vec![pair("last Oct. 23", "1998-10-23")]
    );
    // On 25 October the last 23 October is this year's.
    assert_eq!(
        values("It happened last October 23.", Some((1999, 10, 25))),
        vec![pair("last October 23", "1999-10-23")]
    );
    assert_eq!(
        values("It happened last October 2017.", Some((2019, 1, 5))),
        vec![pair("last October", "2018-10"), pair("2017", "2017")]
    );
}

#[test]
fn a_future_clause_takes_the_next_occurrence() {
    // The auxiliary is far from the month, in the same clause.
    assert_eq!(
        values(
            "Colonel Collins will be named commander of the Space Shuttle Columbia for a mission in December.",
            Some((1998, 3, 4))
        ),
        vec![pair("December", "1998-12")]
    );
    // Reported plans: `would` is future from the report; `would have` is not.
    assert_eq!(
        values(
            "The airline said two new flights would leave Bombay from August 6.",
            Some((1998, 2, 13))
        ),
        vec![pair("August 6", "1998-08-06")]
    );
    assert_eq!(
        values(
            "He said he would have resigned in December.",
            Some((1998, 3, 4))
        ),
        vec![pair("December", "1997-12")]
    );
}

#[test]
fn every_date_rule_compiles_alone() {
    // Rules are compiled one by one only when a text needs them: each must compile alone
    // with the options of the set, or a rare date form would fail in the middle of a run.
    let t = Tagger::new();
    for k in 0..t.set.len() {
        assert!(
            t.set.regex(k).as_str() == crate::patterns::compact_word_classes(&t.rules[k].pattern),
            "rule {k} compiled from another pattern"
        );
    }
}

#[test]
fn dates_are_found_line_by_line_with_offsets_into_the_whole_text() {
    // A heading ending in a day and month does not take the next paragraph's opening
    // year (a day and month alone resolve to the last such day before the document's
    // date); each line's dates keep their offsets in the whole text.
    let text = "Court hearing on 3 August\n2017 was a hard year.\nOn 06.10.2017 he was released.\n\nSince 18-03-2022 the ban holds.";
    let got = values(text, Some((2022, 5, 1)));
    assert_eq!(
        got,
        vec![
            pair("3 August", "2021-08-03"),
            pair("2017", "2017"),
            pair("06.10.2017", "2017-10-06"),
            pair("18-03-2022", "2022-03-18"),
        ]
    );
    // Each span points at its text (checked by `values` through Span::of), including at
    // the very start and end of a line.
    assert_eq!(
        values("12 May 2019\nMay 2020", None),
        vec![
            pair("12 May 2019", "2019-05-12"),
            pair("May 2020", "2020-05")
        ]
    );
}

#[test]
fn a_narrative_year_decides_a_past_date_that_would_fall_after_the_anchor() {
    // Published in February 2024: `18 December` would be 2023's anyway; `20 March`, after
    // the publication date, is the narrative's year when one was written just before.
    let text = "The hearing opened on 12 March 2021. On 20 March the judge convicted her.";
    assert_eq!(
        values(text, Some((2024, 2, 10))),
        vec![
            pair("12 March 2021", "2021-03-12"),
            pair("20 March", "2021-03-20")
        ]
    );
    // Without a narrative date close before, the document date decides (within its slack).
    let text = "The hearing opened in 2021.\n\nOn 20 March the judge convicted her.";
    assert_eq!(
        values(text, Some((2024, 2, 10)))[1],
        pair("20 March", "2024-03-20")
    );
    // Before the anchor, the document date wins over a background year.
    let text = "He was first arrested on 3 May 1998. On 2 February he was arrested again.";
    assert_eq!(
        values(text, Some((2024, 2, 10)))[1],
        pair("2 February", "2024-02-02")
    );
}

#[test]
fn without_a_document_date_the_narrative_gives_the_year() {
    // No document date: a date without its year takes the narrative's, the last date
    // written out with one, forward first (`late November` after April 2022 is 2022's).
    let text = "The union was raided on 19 April 2022.\n\nIn late November a new charge was \
                brought. On 5 January the trial began.";
    let mut doc = Doc::new("d", "t.txt", text.to_string());
    Tagger::shared().tag(&mut doc);
    let got: Vec<(String, String, Anchor)> = doc
        .timexes
        .iter()
        .map(|t| (t.span.of(&doc.text).to_string(), t.value.clone(), t.anchor))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "19 April 2022".to_string(),
                "2022-04-19".to_string(),
                Anchor::None
            ),
            (
                "late November".to_string(),
                "2022-11".to_string(),
                Anchor::PreviousDate
            ),
            (
                "5 January".to_string(),
                "2023-01-05".to_string(),
                Anchor::PreviousDate
            ),
        ]
    );
    // Nothing written out before it: the year stays unknown.
    assert_eq!(
        values("On 5 January the trial began.", None),
        vec![pair("5 January", "XXXX-01-05")]
    );
}

#[test]
fn an_inferred_document_date_yields_to_the_narrative() {
    // The document date guessed from the text (its latest full date, September 2023) does
    // not decide a month the narrative set in 2022.
    let text = "He was detained on 19 April 2022. In late November he was charged again. \
                On 29 September 2023 the council issued a statement.";
    let mut doc = Doc::new("d", "t.txt", text.to_string());
    Tagger::shared().date_and_tag(&mut doc);
    assert_eq!(
        doc.published.map(|p| (p.date, p.origin)),
        Some((Date::ymd(2023, 9, 29), DateOrigin::Inferred))
    );
    let late = doc
        .timexes
        .iter()
        .find(|t| t.span.of(&doc.text) == "late November")
        .map(|t| t.value.clone());
    assert_eq!(late.as_deref(), Some("2022-11"));
}

#[test]
fn ranges_of_durations_are_start_slash_end() {
    assert_eq!(
        values("She faces 4 to 12 years in prison.", None),
        vec![pair("4 to 12 years", "P4Y/P12Y")]
    );
    assert_eq!(
        values("They were given between two and six years.", None),
        vec![pair("two and six years", "P2Y/P6Y")]
    );
    assert_eq!(
        values("a ban of 5 years to 10 years", None),
        vec![pair("5 years to 10 years", "P5Y/P10Y")]
    );
    // A larger first amount is no range (`six and two years`, each of two people).
    assert!(
        values("received six and two years", None)
            .iter()
            .all(|(_, v)| !v.contains('/'))
    );
}

#[test]
fn compound_durations_add_up() {
    assert_eq!(
        values("He spent 5 years 6 months in jail.", None),
        vec![pair("5 years 6 months", "P5Y6M")]
    );
    assert_eq!(
        values("after three years and four months in prison", None),
        vec![pair("three years and four months", "P3Y4M")]
    );
    assert_eq!(
        values("a year and almost two months later", None)[0],
        pair("a year and almost two months", "P1Y2M")
    );
    assert_eq!(
        values("It lasted 2 days and 3 hours.", None),
        vec![pair("2 days and 3 hours", "P2DT3H")]
    );
    // Units that do not get smaller are two durations.
    assert_eq!(values("two months and three years", None).len(), 2);
}

#[test]
fn a_fraction_of_a_year_ago_is_a_month() {
    assert_eq!(
        values(
            "Three and a half years ago he was arrested.",
            Some((2017, 1, 16))
        ),
        vec![pair("Three and a half years ago", "2013-07")]
    );
    assert_eq!(
        values("Two years ago he was arrested.", Some((2017, 1, 16))),
        vec![pair("Two years ago", "2015")]
    );
}

#[test]
fn month_day_ranges_and_ordinals_after_the() {
    assert_eq!(
        values("Pickets stood at the gate from October 4 to 9, 2019.", None),
        vec![
            pair("October 4", "2019-10-04"),
            pair("9, 2019", "2019-10-09")
        ]
    );
    // Without a year both ends take the document's.
    assert_eq!(
        values("The hearing ran April 8-9.", Some((2020, 5, 2))),
        vec![pair("April 8", "2020-04-08"), pair("9", "2020-04-09")]
    );
    // `and` without a year may join a count: only the first is a date.
    assert_eq!(
        values("By March 5 and 6 others had joined.", Some((2020, 5, 2))),
        vec![pair("March 5", "2020-03-05")]
    );
    assert_eq!(
        values("Geneva, June the 2nd, 2014", None),
        vec![pair("June the 2nd, 2014", "2014-06-02")]
    );
    // `May the 4` is no date with a day.
    assert!(
        values("In May the 4 unions met.", None)
            .iter()
            .all(|(_, v)| v.len() < 10)
    );
}

#[test]
fn a_wide_gap_is_layout_not_a_day_and_its_month() {
    assert_eq!(
        values("Bulletin No. 14      March 3, 2016", None),
        vec![pair("March 3, 2016", "2016-03-03")]
    );
    assert_eq!(
        values("held on 14  March 2016", None),
        vec![pair("14  March 2016", "2016-03-14")]
    );
}

#[test]
fn halves_of_years() {
    assert_eq!(
        values("Strikes rose in the first half of 2015.", None),
        vec![pair("the first half of 2015", "2015-H1")]
    );
    assert_eq!(
        values("in the second half of last year", Some((2019, 3, 1))),
        vec![pair("the second half of last year", "2018-H2")]
    );
    assert_eq!(
        values("during the first half of the year", None),
        vec![pair("the first half of the year", "XXXX-H1")]
    );
}

#[test]
fn months_in_lower_case_and_other_languages() {
    assert_eq!(
        values("He was detained on 12 october 2019.", None),
        vec![pair("12 october 2019", "2019-10-12")]
    );
    assert_eq!(
        values("la grève de Mars 2016", None),
        vec![pair("Mars 2016", "2016-03")]
    );
    assert_eq!(
        values("detenido el 3 de mayo de 2016", None),
        vec![pair("3 de mayo de 2016", "2016-05-03")]
    );
    assert_eq!(
        values("am 3. März 2016 verhaftet", None),
        vec![pair("3. März 2016", "2016-03-03")]
    );
    assert_eq!(
        values("Filed 15-JUIN-18 and 03-Mar-2017.", None),
        vec![
            pair("15-JUIN-18", "2018-06-15"),
            pair("03-Mar-2017", "2017-03-03")
        ]
    );
    // A lower-case `may` before a year is a verb; an abbreviation alone is no month.
    assert_eq!(
        values(
            "They may 2016 forget. Two years ago 2016 began.",
            Some((2018, 1, 1))
        ),
        vec![
            pair("2016", "2016"),
            pair("Two years ago", "2016"),
            pair("2016", "2016")
        ]
    );
}

#[test]
fn extents_follow_timeml() {
    // The article of `the eight-year war` is the noun's.
    assert_eq!(
        values("after the eight-year war ended", None),
        vec![pair("eight-year", "P8Y")]
    );
    // year-earlier before a noun that is not a period is the adjective alone.
    let v = values("The year-earlier results were poor.", Some((2000, 5, 1)));
    assert_eq!(v, vec![pair("year-earlier", "1999")]);
    assert_eq!(
        values("for the next year or so", Some((2000, 5, 1)))[0].0,
        "the next year or so"
    );
    assert_eq!(
        values("It opened a week or so ago.", Some((2000, 5, 10)))[0].0,
        "a week or so ago"
    );
    assert_eq!(
        values("Later that year he left.", Some((2000, 5, 10)))[0].0,
        "Later that year"
    );
    // A comparative before a day or this week orders the clause: not the expression's.
    assert_eq!(
        values(
            "Earlier Friday, police raided the office.",
            Some((2000, 1, 7))
        ),
        vec![pair("Friday", "2000-01-07")]
    );
    assert_eq!(
        values("He said so earlier this week.", Some((2000, 1, 7)))[0].0,
        "this week"
    );
    assert_eq!(
        values("The march started around 7:15 p.m.", Some((2000, 1, 7)))[0].0,
        "around 7:15 p.m."
    );
}

#[test]
fn an_undated_narrative_anchors_relative_dates_on_its_last_date() {
    let text = "Police detained Ilse Borand on 3 May 2016. The next day she was charged. \
                Two days earlier officers had searched her flat. That November she was released.";
    let mut doc = Doc::new("d", "t.txt", text.to_string());
    Tagger::shared().tag(&mut doc);
    let got: Vec<(&str, &str, Anchor)> = doc
        .timexes
        .iter()
        .map(|t| (t.span.of(&doc.text), t.value.as_str(), t.anchor))
        .collect();
    assert_eq!(
        got,
        vec![
            ("3 May 2016", "2016-05-03", Anchor::None),
            ("The next day", "2016-05-04", Anchor::PreviousDate),
            ("Two days earlier", "2016-05-02", Anchor::PreviousDate),
            ("November", "2016-11", Anchor::PreviousDate),
        ]
    );
}

#[test]
fn a_planned_date_never_becomes_the_narratives_reference() {
    let text = "The union was raided on 19 April 2022. Its leader said the strike will \
                resume on 3 March 2025. In late November a court fined the union.";
    let got = values(text, None);
    assert_eq!(got[1], pair("3 March 2025", "2025-03-03"));
    assert_eq!(got[2], pair("late November", "2022-11"));
}

#[test]
fn modifiers_and_zones_are_part_of_the_expression() {
    let t = tag("It began late last March.", Some((2017, 6, 1)));
    assert_eq!(
        (t[0].0.as_str(), t[0].1.as_str()),
        ("late last March", "2017-03")
    );
    assert_eq!(
        values("They held him a mere 48 hours.", None),
        vec![pair("a mere 48 hours", "PT48H")]
    );
    assert_eq!(
        values("The vote closed at 10:00 GMT Sunday.", Some((2017, 6, 1))),
        vec![pair("10:00 GMT Sunday", "2017-05-28T10:00")]
    );
}

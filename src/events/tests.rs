use super::*;
use crate::doc::{Date, DateOrigin, Published};
use crate::gazetteer::{Gazetteer, Matcher};
use std::path::PathBuf;

const G: &str = "id: person/k\ntype: person\nname: Nurbek Kushakbayev\n\nid: org/u\ntype: org\nname: Sectoral Fuel and Energy Workers Union\nacronym: SFEWU\n\nid: org/moj\ntype: org\nname: Ministry of Justice\n";

fn events(text: &str) -> Vec<(String, Vec<String>, Option<String>)> {
    let g = Gazetteer::from_sources(&[(PathBuf::from("t.gaz"), G.to_string())]).unwrap();
    let m = Matcher::new(&g).unwrap();
    let mut d = Doc::new("d", "t", text.to_string());
    d.published = Some(Published {
        date: Date::ymd(2017, 5, 23),
        origin: DateOrigin::Meta,
    });
    d.sentences = crate::sentences::split(&d.text);
    crate::resolve::link(&mut d, &g, &m);
    crate::dates::Tagger::new().tag(&mut d);
    Extractor::builtin().extract(&mut d);
    d.events
        .iter()
        .map(|e| {
            (
                e.event_type.clone(),
                e.subjects.clone(),
                e.date.map(|x| x.iso()),
            )
        })
        .collect()
}

#[test]
fn finds_stated_events_with_subject_and_date() {
    let e =
        events("On 7 April, Nurbek Kushakbayev was sentenced to two and a half years in prison.");
    assert_eq!(
        e,
        vec![(
            "sentence".to_string(),
            vec!["person/k".to_string()],
            Some("2017-04-07".to_string())
        )]
    );
    let e =
        events("On 28 September 2021, the Ministry of Justice refused registration of the SFEWU.");
    assert_eq!(
        e,
        vec![(
            "registration_denied".to_string(),
            vec!["org/u".to_string()],
            Some("2021-09-28".to_string())
        )]
    );
}

#[test]
fn demands_hypotheticals_and_negations_are_not_events() {
    for t in [
        "The ITUC calls for the release of Nurbek Kushakbayev before 1 June 2017.",
        "Nurbek Kushakbayev should be released in May 2017.",
        "Nurbek Kushakbayev could face up to seven years if sentenced in May 2017.",
        "Nurbek Kushakbayev was not released on 20 May 2017.",
        "IndustriALL demanded the authorities review the sentencing of Nurbek Kushakbayev in May 2017.",
    ] {
        assert!(
            events(t)
                .iter()
                .all(|e| e.0 != "release" && e.0 != "sentence"),
            "{t}: {:?}",
            events(t)
        );
    }
}

#[test]
fn the_acting_authority_is_not_a_subject() {
    let e = events("On 11 January 2017 the Ministry of Justice refused registration.");
    assert!(e.is_empty(), "{e:?}");
}

#[test]
fn money() {
    assert_eq!(
        parse_money("fined KZT 25 million"),
        Some((25e6, "KZT".into()))
    );
    assert_eq!(
        parse_money("approximately US$28,000 of dues"),
        Some((28000.0, "USD".into()))
    );
    assert_eq!(parse_money("a €75,000 fine"), Some((75000.0, "EUR".into())));
    assert_eq!(
        parse_money("150 thousand tenge"),
        Some((150000.0, "KZT".into()))
    );
}

#[test]
fn trigger_file_errors_name_the_line() {
    let err = Extractor::from_rules(
        "# c\narrest\tperson\tarrested\nraid\tperson\tx\nban\tnobody\tx\nban\tperson\t(\n",
        std::path::Path::new("ev.tsv"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("ev.tsv:3: unknown event type `raid`"), "{err}");
    assert!(
        err.contains("ev.tsv:4: unknown subject kind `nobody`"),
        "{err}"
    );
    assert!(err.contains("ev.tsv:5: bad pattern"), "{err}");
}

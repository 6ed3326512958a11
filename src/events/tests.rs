use super::*;
use crate::doc::Modality;
use crate::doc::{Date, DateOrigin, Published};
use crate::gazetteer::{Gazetteer, Matcher};
use std::path::PathBuf;

const G: &str = "id: person/nurbek-kushakbayev\ntype: person\nname: Nurbek Kushakbayev\n\nid: person/larisa-kharkova\ntype: person\nname: Larisa Kharkova\n\nid: org/u\ntype: org\nname: Sectoral Fuel and Energy Workers Union\nacronym: SFEWU\n\nid: org/moj\ntype: org\nname: Ministry of Justice\n\nid: org/ituc\ntype: org\nname: International Trade Union Confederation\nacronym: ITUC\n\nid: place/shymkent\ntype: place\nname: Shymkent\n\nid: place/kazakhstan\ntype: place\nname: Kazakhstan\n";

const K: &str = "person/nurbek-kushakbayev";
const H: &str = "person/larisa-kharkova";

/// An annotated document published on `published`.
fn doc(id: &str, text: &str, published: &str) -> Doc {
    let g = Gazetteer::from_sources(&[(PathBuf::from("t.gaz"), G.to_string())]).unwrap();
    let m = Matcher::new(&g).unwrap();
    let mut d = Doc::new(id, "t", text.to_string());
    d.published = Some(Published {
        date: Date::parse_iso(published).unwrap(),
        origin: DateOrigin::Meta,
    });
    d.sentences = crate::sentences::split(&d.text);
    crate::resolve::link(&mut d, &g, &m);
    crate::dates::Tagger::new().tag(&mut d);
    Extractor::builtin().extract(&mut d);
    d
}

fn full(text: &str) -> Vec<Event> {
    doc("d", text, "2017-05-23").events
}

fn merged(docs: &[Doc]) -> Vec<merge::MergedEvent> {
    let mut evs = Vec::new();
    for d in docs {
        evs.extend(merge::doc_events(d, &crate::doc::CharIndex::new(&d.text)));
    }
    merge::merge(evs)
}

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
            vec![K.to_string()],
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
        "The ITUC calls for the immediate release of Nurbek Kushakbayev.",
        "If convicted in May 2017, Nurbek Kushakbayev could be sentenced to seven years.",
        "Nurbek Kushakbayev faces up to seven years in prison if he is sentenced in May 2017.",
        "The unions urged the court to release Nurbek Kushakbayev on 20 May 2017.",
        "Nurbek Kushakbayev has never been released, his lawyer said on 20 May 2017.",
        "Nurbek Kushakbayev was neither released nor pardoned in May 2017.",
        "Nurbek Kushakbayev risks being sentenced to prison in May 2017.",
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
        "# c\narrest\tverb\tarrest\nraid\tverb\tx\nban\tnobody\tx\nban\tverb\n",
        std::path::Path::new("ev.tsv"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("ev.tsv:3: unknown event type `raid`"), "{err}");
    assert!(err.contains("ev.tsv:4: unknown kind `nobody`"), "{err}");
    assert!(err.contains("ev.tsv:5: expected"), "{err}");
}

#[test]
fn negated_and_demanded_events_leave_no_trace_but_stated_ones_do() {
    // The same sentence, stated: an event; negated or demanded: none.
    assert_eq!(
        full("Nurbek Kushakbayev was released on 20 May 2017.").len(),
        1
    );
    assert!(full("Nurbek Kushakbayev was not released on 20 May 2017.").is_empty());
    assert!(full("Nurbek Kushakbayev should be released on 20 May 2017.").is_empty());
}

#[test]
fn contested_events_are_marked() {
    let e = full(
        "On 25 July 2017, Larisa Kharkova was sentenced on false charges to 100 hours of forced labour.",
    );
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].modality, Modality::Contested);
    assert_eq!(e[0].attributes["community_service"], "PT100H");
    let e = full("On 25 July 2017, Larisa Kharkova was sentenced to 100 hours of forced labour.");
    assert_eq!(e[0].modality, Modality::Asserted);
}

#[test]
fn authority_charges_place_and_category() {
    let e = full(
        "On 7 April 2017, a court in Shymkent, Kazakhstan, sentenced Nurbek Kushakbayev to two and a half years in prison and a fine of KZT 25 million for calling for an illegal strike.",
    );
    let s = e.iter().find(|e| e.event_type == "sentence").unwrap();
    assert_eq!(s.authority.as_ref().unwrap().kind, "court");
    assert_eq!(s.place.as_deref(), Some("place/shymkent"));
    assert_eq!(s.attributes["prison_term"], "P2Y6M");
    assert_eq!(s.attributes["fine"]["amount"], 25e6);
    assert_eq!(s.attributes["charges"][0], "calling for an illegal strike");
    assert_eq!(s.category, "civil_liberties");
    let e = full("Police arrested Nurbek Kushakbayev on 5 May 2017.");
    assert_eq!(e[0].authority.as_ref().unwrap().kind, "police");
    assert_eq!(e[0].authority.as_ref().unwrap().entity_id, None);
    let e = full("On 3 March 2017 the Ministry of Justice refused registration of the SFEWU.");
    let a = e[0].authority.as_ref().unwrap();
    assert_eq!(
        (a.kind.as_str(), a.entity_id.as_deref()),
        ("ministry", Some("org/moj"))
    );
    assert_eq!(e[0].category, "establish_join_unions");
    // A dismissal for bargaining falls under collective bargaining.
    let e = full(
        "Nurbek Kushakbayev was dismissed from his job on 3 March 2017 for negotiating a collective agreement.",
    );
    assert_eq!(e[0].event_type, "dismissal");
    assert_eq!(e[0].category, "collective_bargaining");
}

#[test]
fn subjects_come_from_the_triggers_clause() {
    // "others ... were released" (an unnamed group), not Kushakbayev, who was held.
    let e = full(
        "On 5 May 2017 others involved were released immediately, and Nurbek Kushakbayev was held in custody for six hours.",
    );
    assert!(
        e.iter()
            .all(|e| e.event_type != "release" || e.subjects.is_empty()),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|e| e.event_type == "detention" && e.subjects == [K])
    );
    // A nominal trigger happens to the names after it, not to who reports it.
    let e = full("The ITUC condemned the dissolution of the SFEWU on 4 January 2017.");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].subjects, ["org/u"]);
    assert_eq!(e[0].date.map(|d| d.iso()).as_deref(), Some("2017-01-04"));
    // A nominal inside another clause does not take that clause's date.
    let e = full(
        "Nurbek Kushakbayev was arrested on 20 January 2017 after protesting against the dissolution of the SFEWU.",
    );
    let d = e.iter().find(|e| e.event_type == "dissolution").unwrap();
    assert_eq!(d.date, None);
    let a = e.iter().find(|e| e.event_type == "arrest").unwrap();
    assert_eq!(a.subjects, [K]);
    assert_eq!(a.date.map(|d| d.iso()).as_deref(), Some("2017-01-20"));
}

#[test]
fn pronouns_take_the_person_of_the_sentences_before() {
    let e = full(
        "Larisa Kharkova met Nurbek Kushakbayev on 1 May 2017. She was arrested on 2 May 2017.",
    );
    let a = e.iter().find(|e| e.event_type == "arrest").unwrap();
    assert_eq!(a.subjects, [H]);
    let e = full(
        "Nurbek Kushakbayev led the strike in 2016. On 7 April 2017 he was sentenced to two years in prison.",
    );
    let s = e.iter().find(|e| e.event_type == "sentence").unwrap();
    assert_eq!(s.subjects, [K]);
    assert_eq!(s.attributes["prison_term"], "P2Y");
}

#[test]
fn a_continuing_sentence_adds_its_terms() {
    let e = full(
        "On 25 July 2017, the court sentenced Larisa Kharkova to 100 hours of community service. It also imposed restrictions on her freedom of movement for four years.",
    );
    let s = e.iter().find(|e| e.event_type == "sentence").unwrap();
    assert_eq!(s.attributes["community_service"], "PT100H");
    assert_eq!(s.attributes["restricted_freedom"], "P4Y");
}

#[test]
fn merging_joins_vaguer_dates_keeps_conflicts_and_ids() {
    let a = doc(
        "a",
        "On 7 April 2017, Nurbek Kushakbayev was sentenced to two and a half years in prison.",
        "2017-04-10",
    );
    let b = doc(
        "b",
        "In April 2017, Nurbek Kushakbayev was sentenced to two years in prison.",
        "2017-06-01",
    );
    let only_a = merged(std::slice::from_ref(&a));
    let both = merged(&[a, b]);
    assert_eq!(both.len(), 1, "{both:?}");
    let e = &both[0];
    assert_eq!(e.date.map(|d| d.iso()).as_deref(), Some("2017-04-07"));
    assert_eq!(e.sources.len(), 2);
    let c = e.conflicts["prison_term"].as_array().unwrap();
    assert_eq!(c.len(), 2);
    // Adding a source does not change the id.
    assert_eq!(only_a[0].event_id, e.event_id);
    // Another sentence months later is another event.
    let c = doc(
        "c",
        "On 9 November 2017, Nurbek Kushakbayev was sentenced to two years in prison.",
        "2017-11-10",
    );
    let a = doc(
        "a",
        "On 7 April 2017, Nurbek Kushakbayev was sentenced to two and a half years in prison.",
        "2017-04-10",
    );
    assert_eq!(merged(&[a, c]).len(), 2);
}

#[test]
fn term_end_reports_update_the_sentence() {
    let a = doc(
        "a",
        "On 25 July 2017, Larisa Kharkova was sentenced to four years of restricted freedom.",
        "2017-08-01",
    );
    let b = doc(
        "b",
        "Larisa Kharkova is still under restrictions. Instead of 5 October 2021, the restricted freedom sentence will end, according to the authorities, on 9 November 2021.",
        "2021-06-01",
    );
    let m = merged(&[a, b]);
    let s: Vec<_> = m.iter().filter(|e| e.event_type == "sentence").collect();
    assert_eq!(s.len(), 1, "{m:?}");
    // `Instead of 5 October`: the date the source corrects is no second end date.
    assert_eq!(
        s[0].attributes.get("restricted_freedom_end"),
        Some(&serde_json::json!("2021-11-09")),
        "{m:?}"
    );
    assert!(
        s[0].conflicts.get("restricted_freedom_end").is_none(),
        "{m:?}"
    );
}

#[test]
fn category_and_charge_files_are_checked() {
    let x = Extractor::builtin();
    let err = x
        .clone()
        .with_categories(
            "arrest\tcivil_liberties\nraid\tcivil_liberties\nban\thuman_rights\n",
            std::path::Path::new("c.tsv"),
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("c.tsv:2: unknown event type `raid`"), "{err}");
    assert!(
        err.contains("c.tsv:3: unknown category `human_rights`"),
        "{err}"
    );
    assert!(
        err.contains("`sentence` has no plain category line"),
        "{err}"
    );
    let err = x
        .with_charges("fraud\tfraud\nbroken\n", std::path::Path::new("ch.tsv"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("ch.tsv:2:"), "{err}");
}

#[test]
fn court_wordings_of_other_sources() {
    // Wordings other outlets use for the same events.
    let e = full(
        "On 25 July 2017 a court in Shymkent found Larisa Kharkova guilty of abusing her office. The court sentenced her the same day to four years of \"limited freedom\" and 100 hours of \u{201c}forced labour\u{201d}.",
    );
    let c = e.iter().find(|e| e.event_type == "conviction").unwrap();
    assert_eq!(c.subjects, [H]);
    assert_eq!(c.attributes["charges"][0], "abuse of office");
    let s = e.iter().find(|e| e.event_type == "sentence").unwrap();
    assert_eq!(s.subjects, [H]);
    assert_eq!(s.attributes["restricted_freedom"], "P4Y");
    assert_eq!(s.attributes["community_service"], "PT100H");
    // A court ruling that a union "should be dissolved" is a dissolution, not a demand.
    let e = full("In January 2017, an economic court ruled that the SFEWU should be dissolved.");
    assert_eq!(e.len(), 1);
    assert_eq!(
        (e[0].event_type.as_str(), e[0].subjects[0].as_str()),
        ("dissolution", "org/u")
    );
    let e = full(
        "On 28 September 2017 the regional court refused to satisfy the appeal of Larisa Kharkova.",
    );
    assert_eq!(e[0].event_type, "appeal_rejected");
    assert_eq!(e[0].subjects, [H]);
}

#[test]
fn active_court_sentences_and_appeals_with_possessives() {
    let e = full(
        "A Kazakh court on 17 May 2017 sentenced Nurbek Kushakbayev, a union leader from Shymkent, to seven years in jail. The court also banned him from engaging in civic activities for seven years.",
    );
    let s = e.iter().find(|e| e.event_type == "sentence").unwrap();
    assert_eq!(s.subjects, [K]);
    assert_eq!(s.attributes["prison_term"], "P7Y");
    let b = e.iter().find(|e| e.event_type == "ban").unwrap();
    assert_eq!(b.subjects, [K]);
    assert_eq!(b.attributes["ban_term"], "P7Y");
    let e = full("On 3 May 2017 the court rejected Nurbek Kushakbayev\u{2019}s appeal.");
    assert_eq!(e[0].event_type, "appeal_rejected");
    assert_eq!(e[0].subjects, [K]);
    let e = full("Nurbek Kushakbayev was given a new prison sentence of five months in May 2017.");
    assert_eq!(e[0].attributes["prison_term"], "P5M");
    assert!(e[0].repeat);
}

#[test]
fn month_may_and_number_no_are_not_modal_or_negation() {
    let e = full("On 16 May 2017, Nurbek Kushakbayev was sentenced to two years in prison.");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].date.map(|d| d.iso()).as_deref(), Some("2017-05-16"));
    let e =
        full("By order No. 12 of 4 January 2017 the court ordered the dissolution of the SFEWU.");
    assert_eq!(e.len(), 1, "{e:?}");
    // The verb still blocks.
    assert!(full("Nurbek Kushakbayev may be sentenced on 16 May 2017.").is_empty());
}

/// The trigger and charge patterns searched from word boundaries with their forward
/// automata find exactly what the full regexes find, on every sentence of the seed corpus.
#[test]
fn rule_matches_from_word_boundaries_equal_the_regexes() {
    let x = Extractor::builtin();
    let mut hits = 0;
    for text in crate::test_support::seed_texts() {
        let pieces = crate::sentences::split(&text)
            .into_iter()
            .map(|s| s.of(&text).to_string())
            .chain([text.clone()]);
        for s in pieces {
            for set in [&x.charge_patterns] {
                for k in 0..set.len() {
                    let want: Vec<_> = set.regex(k).find_iter(&s).map(|m| m.range()).collect();
                    hits += want.len();
                    let got: Vec<_> = set.find_iter(k, &s).collect();
                    assert_eq!(got, want, "pattern {}", set.pattern(k));
                }
            }
        }
    }
    assert!(hits > 5, "the seeds have charges: {hits}");
}

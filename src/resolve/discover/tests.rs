//! Discovery on sentences written for the test.

use crate::doc::{Doc, EntityType};
use crate::gazetteer::{Gazetteer, Matcher};
use std::path::PathBuf;

fn setup(gaz: &str) -> (Gazetteer, Matcher) {
    let g = Gazetteer::from_sources(&[(PathBuf::from("t.gaz"), gaz.to_string())]).expect("gaz");
    let m = Matcher::new(&g).expect("matcher");
    (g, m)
}

/// (surface, id, type) of every mention.
pub(crate) fn found(gaz: &str, text: &str) -> Vec<(String, String, EntityType)> {
    let (g, m) = setup(gaz);
    let mut d = Doc::new("d", "t", text.to_string());
    crate::resolve::link(&mut d, &g, &m);
    d.mentions
        .iter()
        .map(|x| {
            (
                x.span.of(text).to_string(),
                x.entity_id.to_string(),
                x.entity_type,
            )
        })
        .collect()
}

const EMPTY: &str = "id: place/nowhere\ntype: place\nname: Nowhereland\n";

fn has(got: &[(String, String, EntityType)], surface: &str, t: EntityType) -> bool {
    got.iter().any(|x| x.0 == surface && x.2 == t)
}

#[test]
fn new_names_of_each_type() {
    let got = found(
        EMPTY,
        "Police in Valparaíso detained Marisol Quispe Huamán, a teacher, on Monday. The Andean Miners Federation said the Ministry of Labour had ignored it. Quispe was taken to Santa Monica Prison.",
    );
    assert!(
        has(&got, "Marisol Quispe Huamán", EntityType::Person),
        "{got:?}"
    );
    assert!(
        has(&got, "Andean Miners Federation", EntityType::Org),
        "{got:?}"
    );
    assert!(has(&got, "Ministry of Labour", EntityType::Org), "{got:?}");
    assert!(
        has(&got, "Santa Monica Prison", EntityType::Place),
        "{got:?}"
    );
    assert!(has(&got, "Valparaíso", EntityType::Place), "{got:?}");
    // The surname alone is the same person.
    let full = got
        .iter()
        .find(|x| x.0 == "Marisol Quispe Huamán")
        .expect("full");
    assert!(
        got.iter().any(|x| x.0 == "Quispe" && x.1 == full.1),
        "{got:?}"
    );
    // Nothing else: no weekday, no sentence-initial common word.
    assert!(
        !got.iter()
            .any(|x| x.0 == "Monday" || x.0 == "Police" || x.0 == "The"),
        "{got:?}"
    );
}

#[test]
fn titles_split_and_are_dropped() {
    let got = found(
        EMPTY,
        "The statement was signed by NUM General Secretary Thabo Mokoena and by Supreme Leader Ali Rezaei.",
    );
    assert!(has(&got, "Thabo Mokoena", EntityType::Person), "{got:?}");
    assert!(has(&got, "Ali Rezaei", EntityType::Person), "{got:?}");
    assert!(got.iter().any(|x| x.0 == "NUM"), "{got:?}");
    assert!(
        !got.iter()
            .any(|x| x.0.contains("Secretary") || x.0.contains("Supreme")),
        "{got:?}"
    );
}

#[test]
fn not_names() {
    let got = found(
        EMPTY,
        "Union Leader Jailed For Six Years After Protest\nThe Nigerian-owned firm paid USD 200 under the Labour Code of the Republic and cited Human Rights. Sri Lankan and Tamil NGOs marked Eid and Covid rules.",
    );
    for bad in [
        "Union",
        "Leader",
        "Jailed",
        "USD",
        "Labour Code",
        "Human Rights",
        "Sri Lankan",
        "NGOs",
        "Eid",
        "Covid",
        "Nigerian-owned",
    ] {
        assert!(!got.iter().any(|x| x.0.contains(bad)), "{bad}: {got:?}");
    }
}

#[test]
fn acronyms_defined_or_by_initials() {
    let got = found(
        EMPTY,
        "The Andean Textile Workers Union (SITRATEX) and the Mining Federation of the Andes met. SITRATEX and MFA agreed.",
    );
    let org = |s: &str| got.iter().find(|x| x.0 == s).map(|x| x.1.clone());
    let union = org("Andean Textile Workers Union").expect("union");
    assert_eq!(got.iter().filter(|x| x.1 == union).count(), 3, "{got:?}");
    let fed = org("Mining Federation of the Andes").expect("federation");
    assert_eq!(org("MFA"), Some(fed), "{got:?}");
}

#[test]
fn listed_person_in_other_spellings() {
    let gaz = "id: person/m\ntype: person\nname: Mikalai Sharakh\n\nid: person/h\ntype: person\nname: Henadz Fiadynich\n\nid: person/s\ntype: person\nname: Chhim Sithar\n";
    let got = found(
        gaz,
        "Nikolai Sharakh and Gennady Fedynich were fined; Sithar Chhim was not. Later Sithar spoke.",
    );
    for (s, id) in [
        ("Nikolai Sharakh", "person/m"),
        ("Gennady Fedynich", "person/h"),
        ("Sithar Chhim", "person/s"),
        ("Sithar", "person/s"),
    ] {
        assert!(got.iter().any(|x| x.0 == s && x.1 == id), "{s}: {got:?}");
    }
}

#[test]
fn short_form_in_brackets_is_the_same_organisation() {
    let got = found(
        EMPTY,
        "He chaired the Lima Alliance for Decent Work in Peru (Lima Alliance) until 2019.",
    );
    let full = got
        .iter()
        .find(|x| x.0.starts_with("Lima Alliance for Decent Work"))
        .expect("the full name");
    assert!(
        got.iter().any(|x| x.0 == "Lima Alliance" && x.1 == full.1),
        "{got:?}"
    );
}

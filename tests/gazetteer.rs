//! Gazetteer matching as a reader would judge it, with the project's own gazetteers:
//! spellings the seeds never use, look-alikes, nesting, capitals, partial and defined names,
//! and names the gazetteer lacks.

mod common;

use casefile::annotate::{InputFormat, annotate_str};
use casefile::doc::Date;
use casefile::pipeline::Resources;
use common::root;
use serde_json::Value;
use std::sync::LazyLock;

static RES: LazyLock<Resources> = LazyLock::new(|| {
    Resources::load(&root().join("gazetteers"), Some(&root().join("rules"))).unwrap()
});

/// (surface, entity id, method) of every mention in `text`.
fn mentions(text: &str) -> Vec<(String, String, String)> {
    let v: Value = annotate_str(&RES, text, InputFormat::Text, Some(Date::ymd(2019, 1, 1)))
        .unwrap()
        .to_value();
    v["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["surface"].as_str().unwrap().to_string(),
                m["entity_id"].as_str().unwrap().to_string(),
                m["method"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn id_of(text: &str, surface: &str) -> Option<String> {
    mentions(text)
        .into_iter()
        .find(|m| m.0 == surface)
        .map(|m| m.1)
}

#[test]
fn romanisations_the_seeds_never_use() {
    for (text, surface, id) in [
        (
            "Le syndicaliste Nurbek Kouchakbaev a été condamné.",
            "Nurbek Kouchakbaev",
            "person/nurbek-kushakbayev",
        ),
        (
            "Amin Eleoussinov a été libéré.",
            "Amin Eleoussinov",
            "person/amin-yeleusinov",
        ),
        (
            "Der Gewerkschafter Nurbek Kuschakbajew wurde verurteilt.",
            "Nurbek Kuschakbajew",
            "person/nurbek-kushakbayev",
        ),
        (
            "Larisa Charkowa bleibt verurteilt.",
            "Larisa Charkowa",
            "person/larisa-kharkova",
        ),
        (
            "Amin Yeleussinov was freed.",
            "Amin Yeleussinov",
            "person/amin-yeleusinov",
        ),
        (
            "Суд приговорил Амина Елеусинова.",
            "Амина Елеусинова",
            "person/amin-yeleusinov",
        ),
        (
            "Дело Харьковой рассмотрено.",
            "Харьковой",
            "person/larisa-kharkova",
        ),
        ("Лидер КНПРК Лариса Харькова.", "КНПРК", "org/knprk"),
        (
            "ELEUSINOV SENTENCED TO TWO YEARS",
            "ELEUSINOV",
            "person/amin-yeleusinov",
        ),
        (
            "Then Yeleusinov’s lawyer spoke.",
            "Yeleusinov",
            "person/amin-yeleusinov",
        ),
        ("The trial in Chimkent ended.", "Chimkent", "place/shymkent"),
        (
            "Workers in Manghystau and in Mangistau and in Mangystau struck.",
            "Manghystau",
            "place/mangystau",
        ),
        ("A court in Nur-Sultan ruled.", "Nur-Sultan", "place/astana"),
        (
            "Kazakh-Latin spelling: Qazaqstan.",
            "Qazaqstan",
            "place/kazakhstan",
        ),
    ] {
        assert_eq!(
            id_of(text, surface).as_deref(),
            Some(id),
            "{text}: {:?}",
            mentions(text)
        );
    }
    let all = mentions("Workers in Manghystau and in Mangistau and in Mangystau struck.");
    assert_eq!(
        all.iter().filter(|m| m.1 == "place/mangystau").count(),
        3,
        "{all:?}"
    );
}

#[test]
fn look_alikes_do_not_link() {
    let m = mentions("Larisa Kharkova was tried; Kharkov is a city in Ukraine.");
    assert!(
        m.contains(&("Kharkov".into(), "place/kharkiv".into(), "exact".into())),
        "{m:?}"
    );
    assert!(
        !m.iter()
            .any(|x| x.0 == "Kharkov" && x.1.starts_with("person/"))
    );
    // The pronoun "us" and the currency "US $" are not the United States.
    let m = mentions("Tell us: he paid KZT 8 million (US $26,000), US officials said.");
    let us: Vec<_> = m.iter().filter(|x| x.1 == "place/usa").collect();
    assert_eq!(us.len(), 1, "{m:?}");
}

#[test]
fn nesting_is_resolved_as_a_reader_would() {
    let m = mentions(
        "Amin Yeleusinov, chair of the Trade Union of Oil Construction Company, and the Confederation of Independent Trade Unions of Kazakhstan.",
    );
    assert!(
        m.iter()
            .any(|x| x.0 == "Trade Union of Oil Construction Company" && x.1 == "org/occ-union")
    );
    assert!(!m.iter().any(|x| x.1 == "place/kazakhstan"), "{m:?}");
    assert!(
        !m.iter().any(|x| x.0 == "Oil Construction Company"),
        "{m:?}"
    );
}

#[test]
fn capitals_datelines_and_titles() {
    let m = mentions("SHYMKENT, Kazakhstan — Mr Baltabay and Ms. Kharkova appealed.");
    assert!(
        m.contains(&("SHYMKENT".into(), "place/shymkent".into(), "exact".into())),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|x| x.0 == "Kazakhstan" && x.1 == "place/kazakhstan")
    );
    // Titles stay outside the span.
    assert!(
        m.iter()
            .any(|x| x.0 == "Baltabay" && x.1 == "person/erlan-baltabay"),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|x| x.0 == "Kharkova" && x.1 == "person/larisa-kharkova"),
        "{m:?}"
    );
}

#[test]
fn partial_names_link_to_the_person_named_earlier() {
    let m = mentions(
        "Larisa Nikolayevna Kharkova was sentenced. Larisa Nikolayevna said Kharkova would appeal.",
    );
    let p: Vec<_> = m
        .iter()
        .filter(|x| x.1 == "person/larisa-kharkova")
        .collect();
    assert_eq!(p.len(), 3, "{m:?}");
    assert!(
        p.iter()
            .any(|x| x.0 == "Larisa Nikolayevna" && x.2 == "partial")
    );
}

#[test]
fn acronyms_defined_in_the_text() {
    let m = mentions(
        "The Confederation of Independent Trade Unions of Kazakhstan (KNPRK) [a.k.a. CNTUK] was dissolved. Later CNTUK appealed.",
    );
    assert_eq!(m.iter().filter(|x| x.1 == "org/knprk").count(), 4, "{m:?}");
    // A new acronym of a known organisation becomes a document-level alias.
    let m = mentions("The Sectoral Fuel and Energy Workers' Union (OTRP) appealed, and OTRP lost.");
    assert_eq!(m.iter().filter(|x| x.1 == "org/sfewu").count(), 3, "{m:?}");
    assert!(m.iter().any(|x| x.0 == "OTRP" && x.2 == "defined"));
}

#[test]
fn names_the_gazetteer_lacks() {
    // A near miss of a known surname.
    let m = mentions("Nurbek Kushakbayev was jailed. Later Kushakbaiev was freed.");
    assert!(
        m.contains(&(
            "Kushakbaiev".into(),
            "person/nurbek-kushakbayev".into(),
            "fuzzy".into()
        )),
        "{m:?}"
    );
    // New people introduced by a role or quoted, new organisations and their acronyms.
    let m = mentions(
        "Union leader Marat Zhylanbayev was detained. “We will appeal,” said Gulnara Bazhkenova. The Karaganda Miners Union (KMU) protested; the KMU was fined.",
    );
    let new: Vec<_> = m.iter().filter(|x| x.2 == "discovered").collect();
    assert!(
        new.iter()
            .any(|x| x.0 == "Marat Zhylanbayev" && x.1.starts_with("new/person/")),
        "{m:?}"
    );
    assert!(
        new.iter()
            .any(|x| x.0 == "Gulnara Bazhkenova" && x.1.starts_with("new/person/")),
        "{m:?}"
    );
    assert!(
        new.iter()
            .any(|x| x.0 == "Karaganda Miners Union" && x.1.starts_with("new/org/")),
        "{m:?}"
    );
    // The acronym defined after the new organisation is its alias, every time.
    let kmu = &new
        .iter()
        .find(|x| x.0 == "Karaganda Miners Union")
        .expect("KMU's name")
        .1;
    assert_eq!(
        m.iter()
            .filter(|x| x.0 == "KMU" && &x.1 == kmu && x.2 == "defined")
            .count(),
        2,
        "{m:?}"
    );
    // Spellings of one new name share an id.
    let a = mentions("Lawyer Zhanna Utepova spoke.");
    let b = mentions("Lawyer Janna Utepova spoke.");
    assert_eq!(a[0].1, b[0].1);
}

#[test]
fn cli_lint_variants_export_suggest() {
    let exe = env!("CARGO_BIN_EXE_casefile");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(exe)
            .current_dir(root())
            .args(args)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).to_string(),
        )
    };
    let (code, out) = run(&["gazetteer", "lint"]);
    assert_eq!(code, Some(0), "{out}");
    let (_, out) = run(&["gazetteer", "variants", "person/nurbek-kushakbayev"]);
    assert!(out.contains("french\tNourbek Kouchakbaev"), "{out}");
    assert!(out.contains("german\tNurbek Kuschakbajew"), "{out}");
    let (_, out) = run(&["gazetteer", "export", "--tsv"]);
    assert!(out.lines().any(|l| l == "KNPRK\torg/knprk"));
    assert!(
        out.lines()
            .any(|l| l == "Eleusinov\tperson/amin-yeleusinov")
    );
    let (code, out) = run(&["gazetteer", "suggest"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("# casefile gazetteer suggestions"));
    // A broken gazetteer: lint reports file and line and exits 1.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.gaz"),
        "id: a\ntype: person\nname: A B\n\nid: a\ntype: robot\nname: C D\n",
    )
    .unwrap();
    let o = std::process::Command::new(exe)
        .args(["gazetteer", "lint", "--gazetteers"])
        .arg(dir.path())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("bad.gaz:6: unknown type `robot`"), "{out}");
    assert!(out.contains("bad.gaz:5: duplicate id `a`"), "{out}");
}

//! Golden tests on the seed corpus. The expected output lives in `tests/golden/`;
//! regenerate it on purpose with `UPDATE_GOLDEN=1 cargo test --test golden` and review the
//! diff.

mod common;

use common::{OUTPUTS, lines, root, run};
use serde_json::Value;
use std::collections::HashMap;

fn seed_run() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("tempdir");
    run(&root().join("corpus"), out.path(), 2);
    out
}

#[test]
fn output_matches_golden_files() {
    let out = seed_run();
    let golden = root().join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for f in OUTPUTS {
        let got = std::fs::read_to_string(out.path().join(f)).expect("output");
        let want_path = golden.join(f);
        if update {
            std::fs::write(&want_path, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&want_path).unwrap_or_else(|_| {
            panic!(
                "missing {}: run UPDATE_GOLDEN=1 cargo test",
                want_path.display()
            )
        });
        if got != want {
            let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
            let first = g
                .iter()
                .zip(&w)
                .position(|(a, b)| a != b)
                .unwrap_or(g.len().min(w.len()));
            panic!(
                "{f} differs from tests/golden/{f} at line {} ({} vs {} lines)\n got: {}\nwant: {}\n(regenerate on purpose with UPDATE_GOLDEN=1 and review the diff)",
                first + 1,
                g.len(),
                w.len(),
                g.get(first).unwrap_or(&"<none>"),
                w.get(first).unwrap_or(&"<none>")
            );
        }
    }
}

fn surface_ids(out: &std::path::Path) -> HashMap<String, Vec<String>> {
    let mut m: HashMap<String, Vec<String>> = HashMap::new();
    for r in lines(&out.join("mentions.jsonl")) {
        let s = r["surface"].as_str().unwrap().to_string();
        let id = r["entity_id"].as_str().unwrap().to_string();
        let v = m.entry(s).or_default();
        if !v.contains(&id) {
            v.push(id);
        }
    }
    m
}

#[test]
fn name_variants_resolve_to_one_id() {
    let out = seed_run();
    let ids = surface_ids(out.path());
    let one = |surfaces: &[&str]| {
        let mut all: Vec<String> = Vec::new();
        for s in surfaces {
            let v = ids
                .get(*s)
                .unwrap_or_else(|| panic!("`{s}` not tagged in the seeds"));
            assert_eq!(v.len(), 1, "`{s}` linked to several ids: {v:?}");
            all.push(v[0].clone());
        }
        all.dedup();
        assert_eq!(all.len(), 1, "{surfaces:?} resolve to {all:?}");
        all[0].clone()
    };
    assert_eq!(
        one(&[
            "Yeleusinov",
            "Eleusinov",
            "Amin Yeleusinov",
            "Amin Eleusinov"
        ]),
        "person/amin-yeleusinov"
    );
    assert_eq!(
        one(&[
            "Kushakbayev",
            "Kushakbaev",
            "Nurbek Kushakpaev",
            "Nurbek Kushakbayev",
            "Nurbek Kushakbaev"
        ]),
        "person/nurbek-kushakbayev"
    );
    assert_eq!(one(&["KNPRK", "CNTUK", "CITUK"]), "org/knprk");
    assert_eq!(
        one(&[
            "Mangistau",
            "Manghystau",
            "Mangystau region",
            "Mangistau region"
        ]),
        "place/mangystau"
    );
    // Kazakhstan inside an organisation's name is the organisation, not the country.
    let m = lines(&out.path().join("mentions.jsonl"));
    assert!(
        m.iter()
            .any(|r| r["surface"] == "Confederation of Independent Trade Unions of Kazakhstan")
    );
    // "US" in "US $26,000" (001) is no place; "with the US" (004) is.
    let docs = lines(&out.path().join("documents.jsonl"));
    let id_of = |p: &str| {
        docs.iter()
            .find(|d| d["source"].as_str().unwrap().starts_with(p))
            .map(|d| d["doc_id"].clone())
            .unwrap()
    };
    // The ITUC page is split into its dated entries, each pointing to the page.
    let entries: Vec<&serde_json::Value> = docs
        .iter()
        .filter(|d| {
            d["source"]
                .as_str()
                .unwrap()
                .starts_with("003_09b87f638752c2f7.txt#")
        })
        .collect();
    assert!(entries.len() >= 30, "{} entries", entries.len());
    assert!(entries.iter().all(|e| e["parent_id"] == id_of("003")));
    assert_eq!(
        entries[0]["title"],
        "Judicial harassment against trade union leaders"
    );
    assert_eq!(entries[0]["published"]["value"], "2022-03-18");
    let us_in = |p: &str| {
        m.iter()
            .any(|r| r["doc_id"] == id_of(p) && r["surface"] == "US" && r["entity_type"] == "place")
    };
    assert!(!us_in("001"));
    assert!(us_in("004"));
}

/// Values of the timexes with this surface in the documents whose source starts with
/// `doc_prefix` (a page and its entries).
fn timex_value(out: &std::path::Path, doc_prefix: &str, surface: &str) -> Vec<String> {
    let ids: Vec<String> = lines(&out.join("documents.jsonl"))
        .iter()
        .filter(|d| d["source"].as_str().unwrap().starts_with(doc_prefix))
        .map(|d| d["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert!(!ids.is_empty(), "no document {doc_prefix}");
    lines(&out.join("timexes.jsonl"))
        .into_iter()
        .filter(|t| ids.iter().any(|i| t["doc_id"] == i.as_str()) && t["surface"] == surface)
        .map(|t| t["value"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn dates_normalise_as_a_reader_would() {
    let out = seed_run();
    assert_eq!(
        timex_value(out.path(), "002", "06.10.2017"),
        vec!["2017-10-06"]
    );
    assert_eq!(
        timex_value(out.path(), "003", "18-03-2022"),
        vec!["2022-03-18"]
    );
    assert_eq!(
        timex_value(out.path(), "000", "25 July"),
        vec!["2017-07-25"]
    );
    assert_eq!(timex_value(out.path(), "001", "16 May"), vec!["2017-05-16"]);
    // Relative dates against the HRW article's own date (2018-06-06).
    assert_eq!(
        timex_value(out.path(), "004", "January 20 last year"),
        vec!["2017-01-20"]
    );
    assert_eq!(
        timex_value(out.path(), "004", "Early last month"),
        vec!["2018-05"]
    );
    // Entry dates of the multi-entry ITUC page anchor partial dates: "5 January" in the
    // entry of 20-01-2017 is 2017-01-05.
    assert_eq!(
        timex_value(out.path(), "003", "5 January"),
        vec!["2017-01-05"]
    );
    assert_eq!(
        timex_value(out.path(), "003", "two and a half years"),
        vec!["P2Y6M"]
    );
}

fn events(out: &std::path::Path) -> Vec<Value> {
    lines(&out.join("events.jsonl"))
}

fn has_event(evs: &[Value], etype: &str, subject: &str, date_prefix: &str) -> bool {
    evs.iter().any(|e| {
        e["event_type"] == etype
            && e["subjects"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == subject)
            && e["date"]["value"]
                .as_str()
                .is_some_and(|d| d.starts_with(date_prefix))
    })
}

#[test]
fn case_events_of_the_seed_corpus() {
    let out = seed_run();
    let evs = events(out.path());
    assert!(has_event(
        &evs,
        "sentence",
        "person/nurbek-kushakbayev",
        "2017-04-07"
    ));
    assert!(has_event(
        &evs,
        "sentence",
        "person/amin-yeleusinov",
        "2017-05-16"
    ));
    assert!(has_event(
        &evs,
        "sentence",
        "person/larisa-kharkova",
        "2017-07-25"
    ));
    assert!(has_event(
        &evs,
        "release",
        "person/amin-yeleusinov",
        "2018-05"
    ));
    assert!(has_event(
        &evs,
        "release",
        "person/nurbek-kushakbayev",
        "2018-05"
    ));
    assert!(has_event(
        &evs,
        "release",
        "person/amin-yeleusinov",
        "2018-05-22"
    ));
    assert!(has_event(
        &evs,
        "release",
        "person/nurbek-kushakbayev",
        "2018-05-28"
    ));
    assert!(has_event(
        &evs,
        "arrest",
        "person/nurbek-kushakbayev",
        "2017-01"
    ));
    assert!(has_event(
        &evs,
        "registration_denied",
        "org/sfewu",
        "2021-09-28"
    ));
    // The Kushakbayev sentence carries its terms.
    let s = evs
        .iter()
        .find(|e| {
            e["event_type"] == "sentence"
                && e["subjects"][0] == "person/nurbek-kushakbayev"
                && e["date"]["value"] == "2017-04-07"
        })
        .unwrap();
    assert_eq!(s["attributes"]["prison_term"], "P2Y6M");
    assert_eq!(s["attributes"]["fine"]["currency"], "KZT");
    assert_eq!(s["attributes"]["fine"]["amount"], 25_000_000.0);
    // Kharkova's sentence is reported by two documents: one record, two sources.
    let k = evs
        .iter()
        .find(|e| {
            e["event_type"] == "sentence"
                && e["subjects"][0] == "person/larisa-kharkova"
                && e["date"]["value"] == "2017-07-25"
        })
        .unwrap();
    assert!(k["sources"].as_array().unwrap().len() >= 2);
    // The demand in the IndustriALL letter ("demanding ... review the ... sentencing") is
    // not an event; no event is dated on the 2017-08-03 letter itself.
    assert!(!evs.iter().any(|e| e["date"]["value"] == "2017-08-03"));
}

#[test]
fn evidence_spans_are_sentences_inside_the_text() {
    let out = seed_run();
    let docs: HashMap<String, String> = lines(&out.path().join("documents.jsonl"))
        .into_iter()
        .map(|d| {
            (
                d["doc_id"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for e in events(out.path()) {
        for s in e["sources"].as_array().unwrap() {
            let text: Vec<char> = docs[s["doc_id"].as_str().unwrap()].chars().collect();
            let (a, b) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert!(a < b && b <= text.len());
        }
    }
    for m in lines(&out.path().join("mentions.jsonl")) {
        let text: Vec<char> = docs[m["doc_id"].as_str().unwrap()].chars().collect();
        let (a, b) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[a..b].iter().collect::<String>(),
            m["surface"].as_str().unwrap()
        );
    }
}

#[test]
fn cleaning_removes_boilerplate_and_tooltips() {
    let out = seed_run();
    for d in lines(&out.path().join("documents.jsonl")) {
        let t = d["text"].as_str().unwrap();
        for junk in [
            "Jump to main content",
            "logotype",
            "Leave a Reply",
            "Region / Country",
            "tax deductible gift",
            "The most common form of industrial action",
            "See general strike",
            "© ITUC-CSI-IGB",
            "Skip to main content",
        ] {
            assert!(!t.contains(junk), "{} still contains `{junk}`", d["source"]);
        }
    }
}

//! Golden tests on the seed corpus. The expected output lives in `tests/golden/`;
//! regenerate it on purpose with `UPDATE_GOLDEN=1 cargo test --test golden` and review the
//! diff.

mod common;

use common::{OUTPUTS, lines, root, run};
use serde_json::{Value, json};
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

/// The cases the seed corpus documents, whose histories are kept in
/// `tests/golden/case_histories.txt`.
const CASES: &[&str] = &[
    "person/larisa-kharkova",
    "person/nurbek-kushakbayev",
    "person/amin-yeleusinov",
    "person/erlan-baltabay",
    "org/knprk",
    "org/sfewu",
];

#[test]
fn case_histories_match_golden() {
    let out = seed_run();
    let evs = events(out.path());
    let got: String = CASES
        .iter()
        .map(|c| casefile::events::history::render(c, &evs))
        .collect::<Vec<_>>()
        .join("\n");
    let p = root().join("tests/golden/case_histories.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&p, &got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&p).expect("tests/golden/case_histories.txt");
    assert!(
        got == want,
        "case histories changed (regenerate on purpose with UPDATE_GOLDEN=1 and review):\n{got}"
    );
}

fn find<'a>(evs: &'a [Value], etype: &str, subject: &str, date_prefix: &str) -> &'a Value {
    evs.iter()
        .find(|e| {
            e["event_type"] == etype
                && e["subjects"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|x| x == subject))
                && e["date"]["value"]
                    .as_str()
                    .is_some_and(|d| d.starts_with(date_prefix))
        })
        .unwrap_or_else(|| panic!("no {etype} of {subject} in {date_prefix}"))
}

/// The values of a conflict, sorted.
fn conflict_values(e: &Value, key: &str) -> Vec<String> {
    let mut v: Vec<String> = e["conflicts"][key]
        .as_array()
        .unwrap_or_else(|| panic!("no conflict on {key}: {e}"))
        .iter()
        .map(|c| c["value"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn case_events_of_the_seed_corpus() {
    let out = seed_run();
    let evs = events(out.path());
    // Kushakbayev: arrested January 2017, sentenced 7 April 2017 to 2.5 years and a KZT 25
    // million fine for calling for an illegal strike, paroled and released in May 2018.
    let k = "person/nurbek-kushakbayev";
    assert!(has_event(&evs, "arrest", k, "2017-01"));
    let s = find(&evs, "sentence", k, "2017-04-07");
    assert_eq!(s["attributes"]["prison_term"], "P2Y6M");
    assert_eq!(s["attributes"]["fine"]["currency"], "KZT");
    assert_eq!(s["attributes"]["fine"]["amount"], 25_000_000.0);
    assert_eq!(
        s["attributes"]["charges"][0],
        "calling for an illegal strike"
    );
    assert_eq!(s["category"], "civil_liberties");
    // (No source of this sentence names the court: the one that did was a demand.)
    assert!(has_event(&evs, "parole", k, "2018-05"));
    assert_eq!(
        find(&evs, "release", k, "2018-05-28")["attributes"]["early_release"],
        true
    );
    // Yeleusinov: arrested with him (sources say 20 and 21 January: one event, the
    // disagreement kept), sentenced 16 May 2017 to two years, released 22 May 2018.
    let y = "person/amin-yeleusinov";
    let arrest = find(&evs, "arrest", y, "2017-01");
    assert_eq!(
        conflict_values(arrest, "date"),
        vec!["2017-01-20", "2017-01-21"]
    );
    assert!(arrest["sources"].as_array().unwrap().len() >= 3);
    let s = find(&evs, "sentence", y, "2017-05-16");
    assert_eq!(s["attributes"]["prison_term"], "P2Y");
    assert!(has_event(&evs, "release", y, "2018-05-22"));
    // Kharkova: sentenced 25 July 2017 by the Enbekshinsky court; contested ("false
    // charges"); 100 or 400 hours; restriction ending 5 October or 9 November 2021.
    let h = "person/larisa-kharkova";
    let s = find(&evs, "sentence", h, "2017-07-25");
    assert_eq!(s["modality"], "contested");
    assert_eq!(s["authority"]["entity_id"], "org/enbekshinsky-court");
    assert_eq!(s["place"], "place/shymkent");
    assert_eq!(s["attributes"]["restricted_freedom"], "P4Y");
    assert_eq!(s["attributes"]["ban_term"], "P5Y");
    assert_eq!(
        conflict_values(s, "community_service"),
        vec!["PT100H", "PT400H"]
    );
    // "Instead of 5 October 2021, the sentence will end ... on 9 November 2021": one
    // source correcting itself, not two sources disagreeing.
    assert_eq!(s["attributes"]["restricted_freedom_end"], "2021-11-09");
    assert!(
        s["conflicts"].get("restricted_freedom_end").is_none(),
        "{s}"
    );
    // Every document reporting the sentence is one of its sources: four documents.
    let docs: std::collections::BTreeSet<&str> = s["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["doc_id"].as_str().unwrap())
        .collect();
    assert!(docs.len() >= 4, "{docs:?}");
    let ban = find(&evs, "ban", h, "2017-07-25");
    assert_eq!(ban["category"], "union_activities");
    assert!(has_event(&evs, "appeal_rejected", h, "2018-11"));
    // Baltabay: sentenced to seven years and a fine in July 2019, pardoned and released
    // in August 2019, arrested again and sentenced to five more months.
    let b = "person/erlan-baltabay";
    let s = find(&evs, "sentence", b, "2019-07");
    assert_eq!(s["attributes"]["prison_term"], "P7Y");
    assert_eq!(s["attributes"]["charges"][0], "embezzlement");
    assert!(has_event(&evs, "pardon", b, "2019-08"));
    assert!(has_event(&evs, "release", b, "2019-08"));
    assert_eq!(
        find(&evs, "sentence", b, "2019-12")["attributes"]["prison_term"],
        "P5M"
    );
    assert!(has_event(&evs, "release", b, "2020-03-20"));
    // The confederation: dissolved by a court in early 2017, deregistered 28 March 2017,
    // registration refused again and again; its affiliate's refusals in 2021.
    let c = "org/knprk";
    let d = find(&evs, "dissolution", c, "2017");
    assert_eq!(d["category"], "establish_join_unions");
    assert!(has_event(&evs, "deregistration", c, "2017-03-28"));
    assert!(has_event(&evs, "registration_denied", c, "2018-09"));
    // The Supreme Court upheld the conviction of "KNPRK president Larisa Kharkova": hers,
    // not the union's.
    assert!(has_event(&evs, "appeal_rejected", h, "2018-11-07"));
    assert!(!has_event(&evs, "appeal_rejected", c, "2018-11-07"));
    // "the dissolution of two trade unions, namely A and B, both members of the CNTUK":
    // A and B are dissolved, not the CNTUK; "the continued attacks against freedom of
    // association" in the same sentence is about no one.
    let d = find(&evs, "dissolution", "org/healthcare-union", "2017-01-04");
    assert!(
        d["subjects"]
            .as_array()
            .unwrap()
            .contains(&json!("org/domestic-workers-union"))
    );
    assert!(!has_event(&evs, "dissolution", c, "2017-01-04"));
    assert!(!has_event(&evs, "attack", c, "2017-01-04"));
    // "for the misappropriation of US$28,000": the charge's amount, not a fine.
    assert!(
        find(&evs, "sentence", b, "2019-07")["attributes"]
            .get("fine")
            .is_none()
    );
    // An attack named in an entry's heading and dated in its first sentence is one event,
    // and his, not his union's ("X, leader of the ... union (FEWU), was attacked").
    let ds = "person/dmitry-senyavsky";
    assert_eq!(
        evs.iter()
            .filter(|e| e["event_type"] == "attack" && e["subjects"][0] == ds)
            .count(),
        1
    );
    assert!(has_event(&evs, "attack", ds, "2018-11-10"));
    assert!(!has_event(&evs, "attack", "org/sfewu", "2018-11-10"));
    // "convicted ... for having taken part in an alleged illegal rally": a conviction on
    // that date, no protest.
    let ss = "person/saule-seidakhmetova";
    assert!(has_event(&evs, "conviction", ss, "2021-12-13"));
    assert!(!has_event(&evs, "protest", ss, "2021-12-13"));
    let r = find(&evs, "registration_denied", "org/sfewu", "2021-09-28");
    assert_eq!(r["authority"]["kind"], "ministry");
    // The demand in the IndustriALL letter ("demanding ... review the ... sentencing") is
    // not an event; no event is dated on the 2017-08-03 letter itself.
    assert!(!evs.iter().any(|e| e["date"]["value"] == "2017-08-03"));
    // Nobody in a quote or a reporting clause is a subject.
    assert!(
        !evs.iter()
            .any(|e| e["subjects"][0] == "person/valter-sanches")
    );
}

#[test]
fn adding_a_source_keeps_event_ids() {
    // Run on four of the five seeds, then on all five: every event of the smaller run
    // that the fifth document also reports keeps its id.
    let small = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("corpus")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("003_") {
            std::fs::copy(&p, small.path().join(&name)).unwrap();
        }
    }
    let out_small = tempfile::tempdir().unwrap();
    run(small.path(), out_small.path(), 1);
    let before = events(out_small.path());
    let after = events(seed_run().path());
    let key = |e: &Value| {
        format!(
            "{}|{}|{}",
            e["event_type"], e["subjects"][0], e["date"]["value"]
        )
    };
    let ids_after: HashMap<String, String> = after
        .iter()
        .map(|e| (key(e), e["event_id"].as_str().unwrap().to_string()))
        .collect();
    let all_ids: std::collections::HashSet<&str> = after
        .iter()
        .map(|e| e["event_id"].as_str().unwrap())
        .collect();
    let mut kept = 0;
    let mut grown = 0;
    for e in &before {
        // The same event (type, subject, date) has the same id in both runs.
        if let Some(id) = ids_after.get(&key(e)) {
            assert_eq!(id, e["event_id"].as_str().unwrap(), "{}", key(e));
        }
        if all_ids.contains(e["event_id"].as_str().unwrap()) {
            kept += 1;
            let n_after = after
                .iter()
                .find(|a| a["event_id"] == e["event_id"])
                .map_or(0, |a| a["sources"].as_array().unwrap().len());
            if n_after > e["sources"].as_array().unwrap().len() {
                grown += 1;
            }
        }
    }
    // Most events survive with their ids, and some of them gained the new sources.
    assert!(kept * 10 >= before.len() * 8, "{kept} of {}", before.len());
    assert!(grown >= 3, "{grown}");
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

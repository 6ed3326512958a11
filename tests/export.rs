//! `casefile export --csv DIR`: a run's events, sources, mentions and entities as CSV that
//! a spreadsheet reads cell for cell, with formulas neutralised.

mod common;
use common::{casefile_in, csv_table};

#[test]
fn events_sources_mentions_and_entities_as_csv() {
    let d = tempfile::tempdir().expect("temp dir");
    let c = d.path().join("corpus");
    std::fs::create_dir(&c).expect("corpus");
    std::fs::write(
        c.join("a.txt"),
        "Dockworkers' leader sentenced\n\n20 June 2021\n\nOn 18 June 2021 the Velmara city \
         court sentenced Tomas Varga, chair of the \"Free Docks\" union, to two years in \
         prison and a fine of 5,000 euros for \"organising an illegal strike\". Ilse Borand \
         was arrested in Velmara on 3 May 2021.\n",
    )
    .expect("a.txt");
    std::fs::write(
        c.join("a.meta.json"),
        r#"{"url": "https://news.example/velmara?a=1,b=2", "title": "=HYPERLINK(\"https://evil.example\",\"Velmara\")", "published": "2021-06-20"}"#,
    )
    .expect("sidecar");
    std::fs::write(
        d.path().join("names.tsv"),
        "Tomas Varga\tperson\t\tTomáš Varga\nIlse Borand\tperson\nVelmara\tplace\n",
    )
    .expect("names");
    let o = casefile_in(d.path(), &["run", "--quiet", "--names", "names.tsv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = casefile_in(d.path(), &["export", "--csv", "tables"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = d.path().join("tables");

    let events = csv_table(&t.join("events.csv"));
    let sentence = events
        .iter()
        .find(|e| e["event_type"] == "sentence")
        .unwrap_or_else(|| panic!("{events:?}"));
    assert_eq!(sentence["subject_ids"], "person/tomas-varga");
    assert_eq!(sentence["subject_names"], "Tomas Varga");
    assert_eq!(sentence["date"], "2021-06-18");
    assert_eq!(sentence["precision"], "day");
    assert_eq!(sentence["prison_term"], "P2Y");
    assert_eq!(sentence["fine"], "5000 EUR");
    assert_eq!(sentence["url"], "https://news.example/velmara?a=1,b=2");
    // The evidence sentence with its commas and quotes, whole in one cell.
    assert!(
        sentence["evidence"].contains("chair of the \"Free Docks\" union, to two years"),
        "{}",
        sentence["evidence"]
    );
    let arrest = events
        .iter()
        .find(|e| e["event_type"] == "arrest")
        .unwrap_or_else(|| panic!("{events:?}"));
    assert_eq!(arrest["subject_names"], "Ilse Borand");
    assert_eq!(arrest["place_id"], "place/velmara");
    assert_eq!(arrest["place_name"], "Velmara");
    assert_eq!(arrest["date_reads"], "2021-05-03");

    // A title that is a formula is text in a spreadsheet.
    let sources = csv_table(&t.join("event_sources.csv"));
    assert!(!sources.is_empty());
    for s in &sources {
        assert_eq!(
            s["document_title"],
            "'=HYPERLINK(\"https://evil.example\",\"Velmara\")"
        );
        assert_eq!(s["document_file"], "a.txt");
    }
    assert!(
        sources
            .iter()
            .any(|s| s["event_id"] == sentence["event_id"])
    );

    let mentions = csv_table(&t.join("mentions.csv"));
    let varga: Vec<_> = mentions
        .iter()
        .filter(|m| m["entity_id"] == "person/tomas-varga")
        .collect();
    assert!(!varga.is_empty(), "{mentions:?}");
    assert_eq!(varga[0]["entity_name"], "Tomas Varga");
    assert_eq!(varga[0]["surface"], "Tomas Varga");
    let text = std::fs::read_to_string(c.join("a.txt")).expect("text");
    let start: usize = varga[0]["start"].parse().expect("offset");
    assert!(
        text.chars()
            .skip(start)
            .collect::<String>()
            .starts_with("Tomas Varga")
    );

    let entities = csv_table(&t.join("entities.csv"));
    let e = entities
        .iter()
        .find(|e| e["entity_id"] == "person/tomas-varga")
        .expect("entity row");
    assert_eq!(e["aliases"], "Tomáš Varga");
    assert_eq!(e["mentions"], varga.len().to_string());
}

#[test]
fn export_without_a_run_names_what_is_missing() {
    let d = tempfile::tempdir().expect("temp dir");
    let o = casefile_in(d.path(), &["export", "--csv", "tables", "--out", "nothing"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("nothing/entities.jsonl: not found"), "{err}");
    assert!(!d.path().join("tables").exists());
}

//! `casefile load --sqlite`: upserts by content-derived ids; loading twice changes nothing;
//! a person's case history comes back out of the database.

mod common;

use casefile::load::{LoadOptions, load_sqlite};
use common::{lines, root, run};
use rusqlite::Connection;
use std::path::Path;

const TABLES: &[&str] = &[
    "documents",
    "entities",
    "mentions",
    "timexes",
    "events",
    "event_subjects",
    "event_sources",
    "conflicts",
];

fn counts(db: &Path) -> Vec<(String, i64)> {
    let c = Connection::open(db).expect("open");
    TABLES
        .iter()
        .map(|t| {
            let n: i64 = c
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .expect("count");
            (t.to_string(), n)
        })
        .collect()
}

fn count_lines(p: &Path) -> i64 {
    std::fs::read_to_string(p).expect("file").lines().count() as i64
}

#[test]
fn loading_twice_changes_nothing_and_history_comes_back() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&root().join("corpus"), out.path(), 2);
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("casefile.db");
    let s = load_sqlite(out.path(), &db, &LoadOptions::default()).expect("load");
    assert_eq!(
        s.events as i64,
        count_lines(&out.path().join("events.jsonl"))
    );
    let first = counts(&db);
    for (t, file) in [
        ("documents", "documents.jsonl"),
        ("mentions", "mentions.jsonl"),
        ("timexes", "timexes.jsonl"),
        ("events", "events.jsonl"),
        ("entities", "entities.jsonl"),
    ] {
        let n = first.iter().find(|(x, _)| x == t).expect("table").1;
        assert_eq!(n, count_lines(&out.path().join(file)), "{t}");
    }
    load_sqlite(out.path(), &db, &LoadOptions::default()).expect("second load");
    assert_eq!(
        counts(&db),
        first,
        "a second load of the same run changes no row count"
    );

    // Larisa Kharkova's case history, from the database and from events.jsonl.
    let person = "person/larisa-kharkova";
    let c = Connection::open(&db).expect("open");
    let mut q = c
        .prepare(
            "SELECT e.event_id, e.event_type, coalesce(e.date, '') FROM events e
             JOIN event_subjects s ON s.event_id = e.event_id
             WHERE s.entity_id = ?1 ORDER BY e.date, e.event_type",
        )
        .expect("query");
    let from_db: Vec<(String, String, String)> = q
        .query_map([person], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    let mut from_file: Vec<(String, String, String)> = lines(&out.path().join("events.jsonl"))
        .iter()
        .filter(|e| {
            e["subjects"]
                .as_array()
                .is_some_and(|s| s.iter().any(|x| x == person))
        })
        .map(|e| {
            (
                e["event_id"].as_str().unwrap_or("").to_string(),
                e["event_type"].as_str().unwrap_or("").to_string(),
                e["date"]["value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    from_file.sort_by(|a, b| (&a.2, &a.1).cmp(&(&b.2, &b.1)));
    assert_eq!(from_db, from_file);
    assert!(
        from_db
            .iter()
            .any(|(_, t, d)| t == "sentence" && d == "2017-07-25"),
        "{from_db:?}"
    );
    // The sentence's conflicting community-service terms, each with its sources.
    let mut q = c
        .prepare(
            "SELECT c.value FROM conflicts c JOIN events e ON e.event_id = c.event_id
             WHERE e.main_subject = ?1 AND e.event_type = 'sentence'
               AND c.attribute = 'community_service' ORDER BY c.value",
        )
        .expect("query");
    let values: Vec<String> = q
        .query_map([person], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(values, ["PT100H", "PT400H"]);
    // Evidence sentences come with their documents.
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM event_sources s JOIN documents d ON d.doc_id = s.doc_id
             JOIN event_subjects x ON x.event_id = s.event_id WHERE x.entity_id = ?1",
            [person],
            |r| r.get(0),
        )
        .expect("count");
    assert!(n >= from_db.len() as i64);
}

#[test]
fn a_newer_run_updates_in_place() {
    let corpus = tempfile::tempdir().expect("tempdir");
    for e in std::fs::read_dir(root().join("corpus")).expect("corpus") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, corpus.path().join(p.file_name().expect("name"))).expect("copy");
    }
    let out = tempfile::tempdir().expect("tempdir");
    run(corpus.path(), out.path(), 2);
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("casefile.db");
    load_sqlite(out.path(), &db, &LoadOptions::default()).expect("load");
    let before = counts(&db);

    // A new article about a known event: the event keeps its id and gains a source.
    std::fs::write(
        corpus.path().join("new.txt"),
        "Kharkova sentenced\n\n27 July 2017\n\nOn 25 July 2017, a court in Kentau sentenced Larisa Kharkova to four years of restricted freedom.\n",
    )
    .expect("write");
    run(corpus.path(), out.path(), 2);
    load_sqlite(out.path(), &db, &LoadOptions { prune: true }).expect("load");
    let after = counts(&db);
    let get = |c: &[(String, i64)], t: &str| c.iter().find(|(x, _)| x == t).expect("t").1;
    assert_eq!(get(&after, "documents"), get(&before, "documents") + 1);
    assert_eq!(
        get(&after, "events"),
        count_lines(&out.path().join("events.jsonl"))
    );
    assert!(get(&after, "event_sources") > get(&before, "event_sources"));
    let c = Connection::open(&db).expect("open");
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM event_sources s JOIN documents d ON d.doc_id = s.doc_id
             WHERE d.source = 'new.txt'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert!(
        n >= 1,
        "the new article is a source of the merged sentence event"
    );

    // The article withdrawn: with prune, its document, mentions and sources go.
    std::fs::remove_file(corpus.path().join("new.txt")).expect("remove");
    run(corpus.path(), out.path(), 2);
    load_sqlite(out.path(), &db, &LoadOptions { prune: true }).expect("load");
    assert_eq!(counts(&db), before);
}

#[test]
fn a_missing_run_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = load_sqlite(
        &dir.path().join("out"),
        &dir.path().join("x.db"),
        &LoadOptions::default(),
    )
    .expect_err("no run");
    assert!(e.to_string().contains("documents.jsonl"), "{e}");
}

#[test]
fn a_database_made_before_the_author_column_gets_it_on_load() {
    // Two documents naming their authors: a page by its byline, a text by its sidecar.
    let corpus = tempfile::tempdir().expect("tempdir");
    let page = "<html><head><title>Velmara court hears appeal</title></head><body><article>\
        <h1>Velmara court hears appeal</h1><p class='byline'>By Odile Maret | 4 May 2024</p>\
        <p>The regional court in Velmara heard the appeal of the union leader Tomas Varga on \
        Monday. His lawyers asked the judges to overturn the sentence of two years.</p>\
        <p>The court will give its decision next week, the union said in a statement.</p>\
        </article></body></html>";
    std::fs::write(corpus.path().join("appeal.html"), page).expect("page");
    std::fs::write(
        corpus.path().join("release.txt"),
        "Tomas Varga was released from prison in Velmara on 3 June 2024.\n",
    )
    .expect("text");
    std::fs::write(
        corpus.path().join("release.meta.json"),
        r#"{"author": "Ilse Borand"}"#,
    )
    .expect("sidecar");
    let out = tempfile::tempdir().expect("tempdir");
    run(corpus.path(), out.path(), 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("old.db");
    // The documents table as the first schema made it.
    Connection::open(&db)
        .expect("open")
        .execute_batch(
            "CREATE TABLE documents (doc_id TEXT PRIMARY KEY, source TEXT NOT NULL,
               parent_id TEXT, url TEXT, title TEXT, site_name TEXT, language TEXT,
               published TEXT, published_precision TEXT, published_origin TEXT,
               text TEXT NOT NULL, record TEXT NOT NULL);",
        )
        .expect("old schema");
    load_sqlite(out.path(), &db, &LoadOptions::default()).expect("load into an old database");
    let c = Connection::open(&db).expect("open");
    let mut st = c
        .prepare("SELECT source, author FROM documents ORDER BY source")
        .expect("author column");
    let rows: Vec<(String, Option<String>)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        rows,
        [
            ("appeal.html".to_string(), Some("Odile Maret".to_string())),
            ("release.txt".to_string(), Some("Ilse Borand".to_string())),
        ]
    );
}

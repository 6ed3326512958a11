//! `run --incremental`: only changed documents are processed again, and the output equals
//! a full run's byte for byte.

mod common;

use casefile::pipeline::{self, RunConfig, RunSummary};
use common::{assert_same_output, copy_dir, root};
use std::path::Path;

fn run(corpus: &Path, gazetteers: &Path, out: &Path, incremental: bool) -> RunSummary {
    let cfg = RunConfig {
        gazetteers: gazetteers.to_path_buf(),
        names: Vec::new(),
        incremental,
        ..common::config(corpus, out)
    };
    pipeline::run(&cfg).expect("run succeeds")
}

/// Paragraphs of the seed articles (real text with names, dates and events).
fn paragraphs() -> Vec<String> {
    common::seed_texts()
        .iter()
        .flat_map(|t| {
            t.split("\n\n")
                .map(str::trim)
                .filter(|p| p.len() > 80)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A corpus of `n` distinct documents made of seed paragraphs, some with sidecars.
fn build_corpus(dir: &Path, n: usize) {
    let ps = paragraphs();
    assert!(ps.len() > 20, "seed paragraphs: {}", ps.len());
    for i in 0..n {
        let a = &ps[i % ps.len()];
        let b = &ps[(i * 7 + 3) % ps.len()];
        let name = format!("doc{i:04}");
        std::fs::write(
            dir.join(format!("{name}.txt")),
            format!("Report {i}\n\n{a}\n\n{b}\n"),
        )
        .expect("write");
        if i % 10 == 0 {
            std::fs::write(
                dir.join(format!("{name}.meta.json")),
                format!("{{\"published\": \"2018-0{}-15\"}}", 1 + i % 9),
            )
            .expect("write");
        }
    }
}

#[test]
fn one_new_article_in_a_thousand_is_the_only_one_processed() {
    let corpus = tempfile::tempdir().expect("tempdir");
    build_corpus(corpus.path(), 1000);
    let gaz = root().join("gazetteers");
    let inc = tempfile::tempdir().expect("tempdir");
    let full = tempfile::tempdir().expect("tempdir");

    // First incremental run: nothing to reuse, everything processed.
    let s = run(corpus.path(), &gaz, inc.path(), true);
    assert_eq!((s.documents, s.reused), (1000, 0));
    assert!(s.not_reused.is_some());

    // Unchanged corpus: everything reused.
    let s = run(corpus.path(), &gaz, inc.path(), true);
    assert_eq!((s.documents, s.reused), (1000, 1000));

    // One new article: one document processed, output equal to a full run's.
    std::fs::write(
        corpus.path().join("doc0500b.txt"),
        "Larisa Kharkova was arrested in Shymkent on 8 January 2019.\n",
    )
    .expect("write");
    let s = run(corpus.path(), &gaz, inc.path(), true);
    assert_eq!((s.documents, s.reused), (1001, 1000));
    let f = run(corpus.path(), &gaz, full.path(), false);
    assert_eq!(f.events, s.events);
    assert_same_output(inc.path(), full.path());
    let events = std::fs::read_to_string(inc.path().join("events.jsonl")).expect("events");
    assert!(
        events.contains("2019-01-08"),
        "the new article's arrest is merged in"
    );

    // An edited article and a changed sidecar: those two are processed again.
    std::fs::write(
        corpus.path().join("doc0007.txt"),
        "Report 7 (corrected)\n\nNurbek Kushakbayev was released on 22 May 2018.\n",
    )
    .expect("write");
    std::fs::write(
        corpus.path().join("doc0010.meta.json"),
        "{\"published\": \"2019-03-01\"}",
    )
    .expect("write");
    std::fs::remove_file(corpus.path().join("doc0003.txt")).expect("remove");
    let s = run(corpus.path(), &gaz, inc.path(), true);
    assert_eq!((s.documents, s.reused), (1000, 998));
    run(corpus.path(), &gaz, full.path(), false);
    assert_same_output(inc.path(), full.path());
}

#[test]
fn a_changed_gazetteer_reprocesses_everything() {
    let corpus = tempfile::tempdir().expect("tempdir");
    build_corpus(corpus.path(), 40);
    let gaz = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("gazetteers"), gaz.path());
    let out = tempfile::tempdir().expect("tempdir");
    run(corpus.path(), gaz.path(), out.path(), true);
    assert_eq!(run(corpus.path(), gaz.path(), out.path(), true).reused, 40);

    let p = gaz.path().join("persons.gaz");
    let mut text = std::fs::read_to_string(&p).expect("gazetteer");
    text.push_str("\nid: person/test-newcomer\ntype: person\nname: Marat Zhylanbayev\n");
    std::fs::write(&p, text).expect("write");
    let s = run(corpus.path(), gaz.path(), out.path(), true);
    assert_eq!(s.reused, 0);
    assert!(
        s.not_reused
            .as_deref()
            .is_some_and(|w| w.contains("gazetteers"))
    );
    let full = tempfile::tempdir().expect("tempdir");
    run(corpus.path(), gaz.path(), full.path(), false);
    assert_same_output(out.path(), full.path());
}

#[test]
fn a_damaged_previous_output_is_not_trusted() {
    let corpus = tempfile::tempdir().expect("tempdir");
    build_corpus(corpus.path(), 30);
    let gaz = root().join("gazetteers");
    let out = tempfile::tempdir().expect("tempdir");
    run(corpus.path(), &gaz, out.path(), false);
    // A truncated mentions file: the documents whose ranges it no longer holds are
    // processed again, the others reused.
    let m = out.path().join("mentions.jsonl");
    let bytes = std::fs::read(&m).expect("mentions");
    std::fs::write(&m, &bytes[..bytes.len() / 2]).expect("truncate");
    let s = run(corpus.path(), &gaz, out.path(), true);
    assert!(s.reused > 0 && s.reused < 30, "reused {}", s.reused);
    let full = tempfile::tempdir().expect("tempdir");
    run(corpus.path(), &gaz, full.path(), false);
    assert_same_output(out.path(), full.path());
    // A manifest that is not JSON: nothing reused, still the right output.
    std::fs::write(out.path().join("manifest.jsonl"), "not json\n").expect("write");
    let s = run(corpus.path(), &gaz, out.path(), true);
    assert_eq!(s.reused, 0);
    assert_same_output(out.path(), full.path());
}

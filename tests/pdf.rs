//! PDF input on real PDFs printed by headless Chromium (`tests/fixtures/pdf`, see its
//! README): a real news page with the browser's running header and footer, a two-column
//! report of invented sentences with words hyphenated at line ends, and an image-only
//! (scanned) PDF.

mod common;

use casefile::pipeline::{self, RunConfig};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/pdf").join(name)
}

/// Runs the pipeline over a corpus holding copies of the named fixtures (and `extra`
/// files written as given); returns the out directory's documents and error records.
fn run_on(fixtures: &[&str], extra: &[(&str, &[u8])], names: Option<&str>) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus dir");
    for f in fixtures {
        std::fs::copy(fixture(f), corpus.join(f)).expect("copy fixture");
    }
    for (name, bytes) in extra {
        std::fs::write(corpus.join(name), bytes).expect("write file");
    }
    let out = dir.path().join("out");
    let mut cfg: RunConfig = common::config(&corpus, &out);
    if let Some(n) = names {
        let p = dir.path().join("names.tsv");
        std::fs::write(&p, n).expect("names");
        cfg.names = vec![p];
    }
    pipeline::run(&cfg).expect("run succeeds");
    Output {
        documents: common::lines(&out.join("documents.jsonl")),
        errors: common::lines(&out.join("errors.jsonl")),
        events: common::lines(&out.join("events.jsonl")),
        _dir: dir,
    }
}

struct Output {
    documents: Vec<Value>,
    errors: Vec<Value>,
    events: Vec<Value>,
    _dir: tempfile::TempDir,
}

fn text_of<'a>(o: &'a Output, source: &str) -> &'a str {
    o.documents
        .iter()
        .find(|d| d["source"] == source)
        .unwrap_or_else(|| panic!("no document from {source}: {:?}", o.errors))["text"]
        .as_str()
        .expect("text")
}

/// The position of `needle` in `text`, which must hold it.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text:\n{text}"))
}

#[test]
fn a_printed_news_page_reads_as_its_article_without_the_running_header_and_footer() {
    let o = run_on(&["article.pdf"], &[], None);
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    let d = &o.documents[0];
    // Title and date from the PDF's Info dictionary (the page's <title>, the print day).
    assert_eq!(
        d["title"],
        "New Jersey moving company under federal investigation | 7 On Your Side - ABC7 New York"
    );
    assert_eq!(d["published"]["value"], "2026-12-07");
    assert_eq!(d["published"]["origin"], "meta");
    let text = text_of(&o, "article.pdf");
    // The article's paragraphs, whole and in order, across the seven pages.
    let paras = [
        "NEW JERSEY (WABC) -- A 7 On Your Side consumer investigation involving a Fairfield, New Jersey moving company has led to more customers from all over the country contacting Eyewitness News",
        "In 2019, Al-Ibrahim pleaded guilty to \"conspiracy to commit wire fraud\". The Department of Justice complaint says that at the time, she worked for other moving companies which would, \"...low ball customers and then raise prices on the day of the move.\"",
        "\"The pattern is what makes it become criminal and that allows us to get involved on the police side,\" said Officer Stacy Chiarolanza.",
        "The electronic signature reads, \"Farah Al-Ibrahim, President.\"",
    ];
    let mut last = 0;
    for p in paras {
        let i = at(text, p);
        assert!(i >= last, "out of order: {p:?}");
        last = i;
    }
    // The browser's header (print time, title) and footer (address, `n/7`) are gone.
    for line in text.lines() {
        assert!(!line.contains("127.0.0.1:8765"), "footer kept: {line:?}");
        assert!(!line.contains("AM 7 On Your Side"), "header kept: {line:?}");
        assert!(
            !casefile::ingest::pdf::is_page_number(line),
            "page number kept: {line:?}"
        );
    }
}

#[test]
fn two_columns_are_read_in_order_and_hyphenated_words_mended() {
    let o = run_on(&["two-column.pdf"], &[], None);
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    let text = text_of(&o, "two-column.pdf");
    // The title over both columns first; the running header and `Page n of 2` nowhere.
    assert!(
        text.starts_with("Harbour workers before the Velmara district court\n\n"),
        "{text}"
    );
    assert!(!text.contains("Velmara Observer —"), "{text}");
    assert!(!text.contains("Page 1"), "{text}");
    // `deten-` + `tion` and `indepen-` + `dent` at line ends.
    assert!(text.contains("Her lawyer said that the detention had no basis in law"));
    assert!(text.contains("the court ordered an independent examination by an expert"));
    assert!(
        !text.contains('\u{2010}') && !text.contains("deten "),
        "{text}"
    );
    // The paragraph that runs from the first column into the second is whole.
    at(
        text,
        "The harbour company has meanwhile hired new crane operators from outside the \
         region, and the container terminal is working again at about half of its former \
         capacity. Talks between the company and the union",
    );
    // Paragraphs in reading order: first column, second column, then page 2.
    let order = [
        "Tomas Varga was arrested on 3 May 2021.",
        "Elena Moravec was detained by police",
        "The court sentenced Tomas Varga and Elena Moravec",
        "Marta Quillen, who chairs the federation",
        "The inspectorate's own report on the dispute",
        "Odile Maret was charged with obstructing the police on 2 June 2021.",
        "Darya Kostrova, who covered the trial",
    ];
    let mut last = 0;
    for p in order {
        let i = at(text, p);
        assert!(i >= last, "out of order: {p:?}\n{text}");
        last = i;
    }
    // Each paragraph is one line between blank lines.
    assert_eq!(text.split("\n\n").count(), 16, "{text}");
}

#[test]
fn events_come_from_a_two_column_pdf() {
    let names = "Tomas Varga\tperson\nElena Moravec\tperson\nDaniel Okoro\tperson\n\
                 Odile Maret\tperson\nVelmara\tplace\nRostan\tplace\n";
    let o = run_on(&["two-column.pdf"], &[], Some(names));
    let found: Vec<(String, Vec<String>, Option<String>)> = o
        .events
        .iter()
        .map(|e| {
            let mut subjects: Vec<String> = e["subjects"]
                .as_array()
                .expect("subjects")
                .iter()
                .map(|s| s.as_str().unwrap_or_default().to_string())
                .collect();
            subjects.sort();
            (
                e["event_type"].as_str().unwrap_or_default().to_string(),
                subjects,
                e["date"]["value"].as_str().map(str::to_string),
            )
        })
        .collect();
    for (ty, subjects, date) in [
        ("arrest", vec!["person/tomas-varga"], "2021-05-03"),
        ("arrest", vec!["person/elena-moravec"], "2020-03-14"),
        ("arrest", vec!["person/daniel-okoro"], "2021-04-12"),
        ("charge", vec!["person/daniel-okoro"], "2021-04-12"),
        (
            "sentence",
            vec!["person/elena-moravec", "person/tomas-varga"],
            "2022-03-09",
        ),
        ("charge", vec!["person/odile-maret"], "2021-06-02"),
    ] {
        let want = (
            ty.to_string(),
            subjects.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            Some(date.to_string()),
        );
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
}

#[test]
fn a_scanned_pdf_is_an_error_record_and_the_batch_goes_on() {
    let o = run_on(
        &["scanned.pdf", "two-column.pdf"],
        &[("notes.txt", b"Ilse Borand was released on 4 June 2021.")],
        None,
    );
    assert_eq!(o.errors.len(), 1, "{:?}", o.errors);
    let e = &o.errors[0];
    assert_eq!(e["source"], "scanned.pdf");
    assert_eq!(e["level"], "error");
    let m = e["message"].as_str().expect("message");
    assert!(m.contains("no text layer") && m.contains("OCR"), "{m}");
    let sources: Vec<&str> = o
        .documents
        .iter()
        .filter_map(|d| d["source"].as_str())
        .collect();
    assert_eq!(sources, ["notes.txt", "two-column.pdf"]);
}

#[test]
fn a_broken_pdf_is_an_error_record_naming_the_file() {
    let whole = std::fs::read(fixture("two-column.pdf")).expect("fixture");
    let cut = &whole[..whole.len() / 3];
    let o = run_on(
        &[],
        &[
            ("cut.pdf", cut),
            ("fake.pdf", b"Tomas Varga was arrested on 3 May 2021."),
            ("empty-doc.pdf", b"%PDF-1.4\n%%EOF\n"),
        ],
        None,
    );
    assert!(o.documents.is_empty() || o.documents.iter().all(|d| d["source"] == "cut.pdf"));
    let failed: Vec<&str> = o
        .errors
        .iter()
        .filter(|e| e["level"] == "error")
        .filter_map(|e| e["source"].as_str())
        .collect();
    for f in ["empty-doc.pdf", "fake.pdf"] {
        assert!(failed.contains(&f), "{f} not in {:?}", o.errors);
    }
    let fake = o
        .errors
        .iter()
        .find(|e| e["source"] == "fake.pdf")
        .expect("fake.pdf record");
    assert!(
        fake["message"]
            .as_str()
            .is_some_and(|m| m.contains("not a PDF")),
        "{fake}"
    );
    // The cut file: an error record, or whatever text survived; never a crash.
    assert!(
        failed.contains(&"cut.pdf") || o.documents.iter().any(|d| d["source"] == "cut.pdf"),
        "{:?}",
        o.errors
    );
}

#[test]
fn a_sidecar_overrides_the_pdf_metadata() {
    let o = run_on(
        &["two-column.pdf"],
        &[(
            "two-column.meta.json",
            br#"{"published": "2022-03-10", "title": "Velmara court report"}"#,
        )],
        None,
    );
    let d = &o.documents[0];
    assert_eq!(d["title"], "Velmara court report");
    assert_eq!(d["published"]["value"], "2022-03-10");
}

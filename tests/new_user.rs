//! The new user, end to end (issue 26's acceptance): install casefile, run it from a
//! directory of one's own (no `gazetteers/`, no `rules/`, no name list) on a corpus of
//! the files a user has (an HTML page, a text article, a PDF printed from a real page, a
//! two-column PDF, a scanned PDF, Markdown notes, an empty file and a file casefile does
//! not read), then look at the results with `export --csv`, `entities` and `history`.
//!
//! How it installs:
//! - by default, the way `cargo install` lays a binary out: the executable this test
//!   build made (`CARGO_BIN_EXE_casefile`) copied to `PREFIX/bin/casefile` of a
//!   temporary prefix. Costs nothing beyond the usual test build.
//! - with `CASEFILE_INSTALLED=PREFIX`, the binary that `cargo install --path . --root
//!   PREFIX` put there. CI installs it so (`.ci/run`, reusing its release build through
//!   `--target-dir target`) and runs this test on it.

mod common;
use common::{csv_table, stdout_ok};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Installs casefile into `prefix` (see the module doc) and returns the installed
/// executable, `PREFIX/bin/casefile`.
fn install(prefix: &Path) -> PathBuf {
    let exe = prefix
        .join("bin")
        .join(format!("casefile{}", std::env::consts::EXE_SUFFIX));
    if let Some(installed) = std::env::var_os("CASEFILE_INSTALLED") {
        let exe = PathBuf::from(installed)
            .join("bin")
            .join(format!("casefile{}", std::env::consts::EXE_SUFFIX));
        assert!(exe.is_file(), "{} not installed", exe.display());
        eprintln!("testing the installed {}", exe.display());
        return exe;
    }
    std::fs::create_dir_all(exe.parent().expect("bin dir")).expect("PREFIX/bin");
    std::fs::copy(env!("CARGO_BIN_EXE_casefile"), &exe).expect("copy the executable");
    assert!(exe.is_file(), "{} not installed", exe.display());
    exe
}

fn casefile(exe: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(exe)
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("casefile runs")
}

/// An invented news page (nav and footer around the article).
const HTML: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Union leader arrested in Velmara</title>
<meta property="article:published_time" content="2021-05-04"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Union leader arrested in Velmara</h1>
<p>Tomas Varga, the chair of the Velmara dockworkers' union, was arrested in Velmara on
3 May 2021. His colleagues said the arrest followed the strike at the harbour.</p>
<p>Police searched the union's offices the same evening and took away computers and
papers.</p></article>
<footer>Copyright Velmara Observer</footer></body></html>
"#;

/// The corpus: what each file is, and whether casefile reads it (`false`: a warning).
fn write_corpus(corpus: &Path) -> usize {
    std::fs::create_dir(corpus).expect("corpus dir");
    let fixtures = common::root().join("tests/fixtures/pdf");
    for pdf in ["article.pdf", "two-column.pdf", "scanned.pdf"] {
        std::fs::copy(fixtures.join(pdf), corpus.join(pdf)).expect("copy PDF fixture");
    }
    let files: [(&str, &[u8]); 5] = [
        ("velmara-arrest.html", HTML.as_bytes()),
        (
            "sentence.txt",
            b"Court jails dockworkers' leader\n\n20 June 2021\n\nOn 18 June 2021 a court in \
              Velmara sentenced Tomas Varga to two years in prison. Ilse Borand said the case \
              was fabricated.\n",
        ),
        (
            "notes.md",
            b"# Notes on Velmara\n\nOdile Maret was detained on 7 May 2021.\n",
        ),
        ("empty.txt", b""),
        ("slides.pptx", b"PK\x03\x04 slides casefile does not read"),
    ];
    for (name, bytes) in files {
        std::fs::write(corpus.join(name), bytes).expect("write corpus file");
    }
    // Files read: all but the slides.
    std::fs::read_dir(corpus).expect("corpus").count() - 1
}

/// The position of `needle` in `text`, which must hold it.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text:\n{text}"))
}

#[test]
fn a_new_user_installs_runs_anywhere_on_mixed_files_and_reads_the_results() {
    // 1. Install.
    let prefix = tempfile::tempdir().expect("prefix");
    let exe = install(prefix.path());

    // 2. A directory of the user's own, holding nothing of the repository's.
    let home = tempfile::tempdir().expect("working directory");
    let work = home.path();
    let files_read = write_corpus(&work.join("corpus"));
    assert!(!work.join("gazetteers").exists() && !work.join("rules").exists());

    // 3. Run. Errors in the corpus are records, not a failed run.
    let o = casefile(&exe, work, &["run", "--corpus", "corpus", "--out", "out"]);
    stdout_ok(&o);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let out = work.join("out");
    let run: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).expect("run.json"))
            .expect("run.json is JSON");
    assert_eq!(run["gazetteers"], "<built-in>", "{run}");
    assert_eq!(run["rules"], "builtin", "{run}");

    // 4a. Documents: one per file with text, none from the failed or unread files.
    let docs = common::lines(&out.join("documents.jsonl"));
    let mut sources: Vec<&str> = docs.iter().filter_map(|d| d["source"].as_str()).collect();
    sources.sort_unstable();
    assert_eq!(
        sources,
        [
            "article.pdf",
            "notes.md",
            "sentence.txt",
            "two-column.pdf",
            "velmara-arrest.html"
        ]
    );
    let doc = |source: &str| -> &Value {
        docs.iter()
            .find(|d| d["source"] == source)
            .unwrap_or_else(|| panic!("no document from {source}"))
    };
    let text = |source: &str| -> &str { doc(source)["text"].as_str().expect("text") };

    // The PDF printed from a real page: its article, without the browser's header/footer.
    assert_eq!(
        doc("article.pdf")["title"],
        "New Jersey moving company under federal investigation | 7 On Your Side - ABC7 New York"
    );
    let article = text("article.pdf");
    let first = at(
        article,
        "NEW JERSEY (WABC) -- A 7 On Your Side consumer investigation involving a Fairfield, \
         New Jersey moving company has led to more customers from all over the country \
         contacting Eyewitness News",
    );
    let last = at(
        article,
        "The electronic signature reads, \"Farah Al-Ibrahim, President.\"",
    );
    assert!(first < last);
    assert!(!article.contains("127.0.0.1:8765"), "footer kept");

    // The two-column PDF: title first, columns in reading order, hyphenation mended.
    let two = text("two-column.pdf");
    assert!(
        two.starts_with("Harbour workers before the Velmara district court\n\n"),
        "{two}"
    );
    assert!(!two.contains("Page 1"), "{two}");
    at(
        two,
        "Her lawyer said that the detention had no basis in law",
    );
    let mut last = 0;
    for p in [
        "Tomas Varga was arrested on 3 May 2021.",
        "Elena Moravec was detained by police",
        "Marta Quillen, who chairs the federation",
        "Odile Maret was charged with obstructing the police on 2 June 2021.",
        "Darya Kostrova, who covered the trial",
    ] {
        let i = at(two, p);
        assert!(i >= last, "out of order: {p:?}\n{two}");
        last = i;
    }

    // The HTML page's article without its navigation and footer; Markdown read as text.
    let page = text("velmara-arrest.html");
    assert!(
        page.starts_with("Tomas Varga, the chair of the Velmara dockworkers' union"),
        "{page}"
    );
    assert!(
        !page.contains("Copyright") && !page.contains("Home"),
        "{page}"
    );
    assert!(
        text("notes.md").contains("Odile Maret was detained on 7 May 2021."),
        "{}",
        text("notes.md")
    );

    // 4b. Error and warning records: the scanned PDF and the empty file failed, the
    // slides were not read; nothing about the Markdown notes.
    let errors = common::lines(&out.join("errors.jsonl"));
    let records: Vec<(&str, &str, &str)> = errors
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap_or_default(),
                e["level"].as_str().unwrap_or_default(),
                e["message"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    let levels: Vec<(&str, &str)> = records.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(
        levels,
        [
            ("empty.txt", "error"),
            ("scanned.pdf", "error"),
            ("slides.pptx", "warning")
        ],
        "{errors:?}"
    );
    assert!(records[0].2.contains("empty document"), "{}", records[0].2);
    assert!(
        records[1].2.contains("no text layer") && records[1].2.contains("OCR"),
        "{}",
        records[1].2
    );
    assert!(
        records[2]
            .2
            .starts_with("unsupported file type (`.pptx`), not read"),
        "{}",
        records[2].2
    );

    // 4c. The summary line and run.json count what the output files hold.
    let level_count = |l: &str| errors.iter().filter(|e| e["level"] == l).count();
    let (n_err, n_warn) = (level_count("error"), level_count("warning"));
    let counted = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let summary = format!(
        "{files_read} files read -> {} (documents.jsonl), {}, {} (errors.jsonl)",
        counted(docs.len(), "document"),
        counted(n_err, "error record"),
        counted(n_warn, "warning record"),
    );
    assert!(stderr.contains(&summary), "{summary:?} not in:\n{stderr}");
    let c = &run["counts"];
    assert_eq!(c["files"], files_read, "{run}");
    assert_eq!(c["documents"], docs.len(), "{run}");
    assert_eq!(c["error_records"], n_err, "{run}");
    assert_eq!(c["warning_records"], n_warn, "{run}");

    // 4d. The people of the corpus, with no name list: names casefile discovered
    // (`new/...` ids), one entity each.
    let mentions = common::lines(&out.join("mentions.jsonl"));
    let entities = common::lines(&out.join("entities.jsonl"));
    let id_of = |name: &str| -> String {
        let found: Vec<&Value> = entities
            .iter()
            .filter(|e| e["name"] == name && e["mentions"].as_u64().is_some_and(|m| m > 0))
            .collect();
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0]["entity_type"], "person", "{}", found[0]);
        let id = found[0]["entity_id"]
            .as_str()
            .expect("entity_id")
            .to_string();
        assert!(id.starts_with("new/person/"), "{id}");
        id
    };
    let varga = id_of("Tomas Varga");
    let (moravec, okoro, maret) = (
        id_of("Elena Moravec"),
        id_of("Daniel Okoro"),
        id_of("Odile Maret"),
    );

    // 4e. Events from the two-column PDF, as tests/pdf.rs finds them.
    let events = common::lines(&out.join("events.jsonl"));
    let doc_id = |source: &str| doc(source)["doc_id"].as_str().expect("doc_id").to_string();
    let (pdf_id, html_id) = (doc_id("two-column.pdf"), doc_id("velmara-arrest.html"));
    let from = |e: &Value, id: &str| {
        e["sources"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s["doc_id"] == id))
    };
    let pdf_events: Vec<(String, Vec<String>, String)> = events
        .iter()
        .filter(|e| from(e, &pdf_id))
        .map(|e| {
            let mut subjects: Vec<String> = e["subjects"]
                .as_array()
                .expect("subjects")
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect();
            subjects.sort();
            (
                e["event_type"].as_str().unwrap_or_default().to_string(),
                subjects,
                e["date"]["value"].as_str().unwrap_or("undated").to_string(),
            )
        })
        .collect();
    let mut both = vec![moravec.clone(), varga.clone()];
    both.sort();
    for (ty, subjects, date) in [
        ("arrest", vec![varga.clone()], "2021-05-03"),
        ("arrest", vec![moravec.clone()], "2020-03-14"),
        ("arrest", vec![okoro.clone()], "2021-04-12"),
        ("charge", vec![okoro.clone()], "2021-04-12"),
        ("sentence", both, "2022-03-09"),
        ("charge", vec![maret.clone()], "2021-06-02"),
    ] {
        let want = (ty.to_string(), subjects, date.to_string());
        assert!(pdf_events.contains(&want), "{want:?} not in {pdf_events:?}");
    }
    // The PDF and the HTML page report the same arrest: one event, two sources.
    let arrest = events
        .iter()
        .find(|e| {
            e["event_type"] == "arrest"
                && e["subjects"][0] == varga.as_str()
                && e["date"]["value"] == "2021-05-03"
        })
        .unwrap_or_else(|| panic!("no arrest of {varga}: {events:?}"));
    assert!(from(arrest, &pdf_id) && from(arrest, &html_id), "{arrest}");
    let arrest_id = arrest["event_id"].as_str().expect("event_id");

    // 5. CSV for a spreadsheet: the arrest's row and its two sources.
    stdout_ok(&casefile(
        &exe,
        work,
        &["export", "--csv", "csvdir", "--out", "out"],
    ));
    let rows = csv_table(&work.join("csvdir/events.csv"));
    assert_eq!(rows.len(), events.len());
    let row = rows
        .iter()
        .find(|r| r["event_id"] == arrest_id)
        .unwrap_or_else(|| panic!("{arrest_id} not in events.csv"));
    assert_eq!(row["event_type"], "arrest");
    assert_eq!(row["subject_ids"], varga);
    assert_eq!(row["subject_names"], "Tomas Varga");
    assert_eq!(row["date"], "2021-05-03");
    assert_eq!(row["sources"], "2");
    let mut files: Vec<(String, String)> = csv_table(&work.join("csvdir/event_sources.csv"))
        .into_iter()
        .filter(|s| s["event_id"] == arrest_id)
        .map(|s| (s["document_file"].clone(), s["evidence"].clone()))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            (
                "two-column.pdf".to_string(),
                "Tomas Varga was arrested on 3 May 2021.".to_string()
            ),
            (
                "velmara-arrest.html".to_string(),
                "Tomas Varga, the chair of the Velmara dockworkers' union, was arrested in \
                 Velmara on 3 May 2021."
                    .to_string()
            ),
        ]
    );

    // 6. `entities Varga`: one line, the discovered person with his mention count.
    let listed = stdout_ok(&casefile(
        &exe,
        work,
        &["entities", "Varga", "--out", "out"],
    ));
    let n = mentions.iter().filter(|m| m["entity_id"] == varga).count();
    assert!(n >= 3, "{n} mentions of {varga}");
    assert_eq!(listed.lines().count(), 1, "{listed}");
    let line = listed.trim();
    assert!(line.starts_with(&format!("{n} mentions")), "{line}");
    assert!(
        line.contains(&varga) && line.ends_with("Tomas Varga"),
        "{line}"
    );

    // 7. `history "Tomas Varga" --evidence`: his events from the PDF, the page and the
    // text, each with its evidence sentences.
    let h = stdout_ok(&casefile(
        &exe,
        work,
        &["history", "Tomas Varga", "--out", "out", "--evidence"],
    ));
    assert!(h.starts_with(&format!("# Tomas Varga ({varga})\n")), "{h}");
    // One block per event: its line (date, type, ...), then its sources' sentences.
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    for l in h.lines().skip(1) {
        if !l.starts_with(' ') {
            blocks.push((l.to_string(), Vec::new()));
        } else if let (Some(b), Some(sentence)) = (blocks.last_mut(), l.trim().strip_prefix("> ")) {
            b.1.push(sentence.to_string());
        }
    }
    let block = |head: &str| -> &Vec<String> {
        &blocks
            .iter()
            .find(|b| b.0.starts_with(head))
            .unwrap_or_else(|| panic!("{head:?} not in:\n{h}"))
            .1
    };
    let mut arrest_evidence = block("2021-05-03  arrest [civil_liberties] (2 sources)").clone();
    arrest_evidence.sort();
    assert_eq!(
        arrest_evidence,
        [
            "Tomas Varga was arrested on 3 May 2021.",
            "Tomas Varga, the chair of the Velmara dockworkers' union, was arrested in Velmara on \
             3 May 2021."
        ],
        "{h}"
    );
    assert_eq!(
        block("2021-06-18  sentence"),
        &["On 18 June 2021 a court in Velmara sentenced Tomas Varga to two years in prison."],
        "{h}"
    );
    assert_eq!(
        block("2022-03-09  sentence"),
        &[
            "The court sentenced Tomas Varga and Elena Moravec to two years in prison on 9 March \
           2022."
        ],
        "{h}"
    );
    // In date order, undated last (digits sort before `undated`).
    let heads: Vec<&str> = blocks.iter().map(|b| b.0.as_str()).collect();
    let mut sorted = heads.clone();
    sorted.sort_by_key(|l| l.split_whitespace().next());
    assert_eq!(heads, sorted, "{h}");
}

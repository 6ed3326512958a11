//! Every corpus file is either processed or reported, and the counts of the summary and
//! `run.json` are those of the output files (issue 26, items 3 and 5).

mod common;

use common::{lines, root};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn casefile(args: &[&str], corpus: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casefile"))
        .current_dir(root())
        .args(args)
        .arg("--corpus")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .output()
        .expect("casefile runs")
}

/// A corpus of a text, its sidecar, Markdown notes, a hidden file, a file of a type
/// casefile does not read and one it cannot read.
fn mixed_corpus(dir: &Path) {
    std::fs::write(
        dir.join("report.txt"),
        "Tomas Varga was arrested in Velmara on 3 May 2021.\n\n\
         Ilse Borand was released on 4 June 2021.\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("report.meta.json"),
        br#"{"published": "2021-06-05"}"#,
    )
    .expect("write");
    std::fs::write(
        dir.join("notes.md"),
        "# Notes on Velmara\n\nOdile Maret was detained on 7 May 2021.\n",
    )
    .expect("write");
    std::fs::write(dir.join(".notes.md.swp"), b"\0\0swap").expect("write");
    std::fs::create_dir(dir.join("scans")).expect("mkdir");
    std::fs::write(dir.join("scans/letter.docx"), b"PK\x03\x04 not read").expect("write");
    std::fs::write(dir.join("empty.txt"), b"").expect("write");
}

#[test]
fn unsupported_files_get_a_warning_markdown_is_text_sidecars_and_hidden_files_are_silent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    mixed_corpus(&corpus);
    let out = dir.path().join("out");
    let o = casefile(&["run", "--jobs", "2"], &corpus, &out);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let errors = lines(&out.join("errors.jsonl"));
    let records: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap_or_default(),
                e["level"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        records,
        [("empty.txt", "error"), ("scans/letter.docx", "warning")],
        "{errors:?}"
    );
    let docx = &errors[1]["message"];
    assert!(
        docx.as_str()
            .is_some_and(|m| m.starts_with("unsupported file type (`.docx`), not read")),
        "{docx}"
    );

    // The Markdown notes are a document, read as text.
    let docs = lines(&out.join("documents.jsonl"));
    let notes = docs
        .iter()
        .find(|d| d["source"] == "notes.md")
        .expect("notes.md read");
    assert!(
        notes["text"]
            .as_str()
            .is_some_and(|t| t.contains("Odile Maret was detained on 7 May 2021.")),
        "{notes}"
    );

    // Summary line and run.json count as the output files do, and say what they count.
    let stderr = String::from_utf8_lossy(&o.stderr);
    let summary = format!(
        "3 files read -> {} documents (documents.jsonl), 1 error record, 1 warning record (errors.jsonl)",
        docs.len()
    );
    assert!(stderr.contains(&summary), "{stderr}");
    let run: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).expect("run.json"))
            .expect("JSON");
    let c = &run["counts"];
    assert_eq!(c["files"], 3, "{run}");
    assert_eq!(c["documents"], docs.len());
    assert_eq!(c["error_records"], 1);
    assert_eq!(c["warning_records"], 1);
    for k in ["files", "documents", "error_records", "warning_records"] {
        assert!(run["count_definitions"][k].is_string(), "{k}: {run}");
    }

    // `check` lists the unsupported file.
    let o = Command::new(env!("CARGO_BIN_EXE_casefile"))
        .current_dir(root())
        .args(["check", "--format", "json", "--jobs", "2", "--corpus"])
        .arg(&corpus)
        .output()
        .expect("check runs");
    let report: Value = serde_json::from_slice(&o.stdout).expect("report");
    let unsupported: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "document.unsupported")
        .collect();
    assert_eq!(unsupported.len(), 1, "{report:#}");
    assert_eq!(unsupported[0]["severity"], "warning");
    assert!(
        unsupported[0]["location"]
            .to_string()
            .contains("scans/letter.docx"),
        "{}",
        unsupported[0]
    );
}

#[test]
fn an_empty_corpus_warns_and_fails_with_strict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    // A sidecar alone and a hidden file: no document.
    std::fs::write(corpus.join("a.meta.json"), b"{}").expect("write");
    std::fs::write(corpus.join(".DS_Store"), b"\0").expect("write");
    let o = casefile(&["run", "--quiet"], &corpus, &dir.path().join("out"));
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("warning: no documents in"), "{stderr}");
    let o = casefile(
        &["run", "--quiet", "--strict"],
        &corpus,
        &dir.path().join("out2"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--strict"));
}

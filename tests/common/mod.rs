//! Helpers shared by the integration tests.
#![allow(dead_code)]

use casefile::pipeline::{self, RunConfig, RunSummary};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A run of `corpus` into `out` with the project's gazetteers and rules, two threads,
/// default limits, not incremental, not sharded: tests change the fields they exercise.
pub fn config(corpus: &Path, out: &Path) -> RunConfig {
    RunConfig {
        corpus: corpus.to_path_buf(),
        gazetteers: root().join("gazetteers"),
        names: Vec::new(),
        rules: Some(root().join("rules")),
        out: out.to_path_buf(),
        jobs: 2,
        progress: false,
        limits: Default::default(),
        incremental: false,
        shard: None,
        timexes: Default::default(),
    }
}

/// Runs the pipeline with the project's gazetteers and rules.
pub fn run(corpus: &Path, out: &Path, jobs: usize) -> RunSummary {
    pipeline::run(&RunConfig {
        jobs,
        ..config(corpus, out)
    })
    .expect("run succeeds")
}

/// The texts of the seed articles (`corpus/*.txt`), in file order.
pub fn seed_texts() -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("corpus"))
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("seed"))
        .collect()
}

/// Reads a JSON-lines file.
pub fn lines(p: &Path) -> Vec<Value> {
    std::fs::read_to_string(p)
        .expect("output file")
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// The JSON-lines output files of a run.
pub const OUTPUTS: &[&str] = &[
    "documents.jsonl",
    "mentions.jsonl",
    "timexes.jsonl",
    "events.jsonl",
    "entities.jsonl",
    "errors.jsonl",
];

/// Every output file a run must reproduce exactly when run another way (incrementally,
/// sharded): the JSON lines and the manifest (`run.json` holds timings).
pub const REPRODUCED: &[&str] = &[
    "documents.jsonl",
    "mentions.jsonl",
    "timexes.jsonl",
    "events.jsonl",
    "entities.jsonl",
    "errors.jsonl",
    "manifest.jsonl",
];

/// Asserts two out directories hold the same bytes in every [`REPRODUCED`] file.
pub fn assert_same_output(a: &Path, b: &Path) {
    for f in REPRODUCED {
        let x = std::fs::read(a.join(f)).expect("output");
        let y = std::fs::read(b.join(f)).expect("output");
        assert!(
            x == y,
            "{f} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

/// Copies the files (not subdirectories) of one directory into another.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("dir") {
        let p = e.expect("entry").path();
        if p.is_file() {
            std::fs::copy(&p, to.join(p.file_name().expect("name"))).expect("copy");
        }
    }
}

/// Runs the casefile binary of this test build with `args` in `cwd`.
pub fn casefile_in(cwd: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_casefile"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("casefile runs")
}

/// The standard output of a casefile run that must succeed (exit 0; its stderr otherwise).
pub fn stdout_ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes) giving each
/// row as a map from column name to cell.
pub fn csv_table(p: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(p).expect("csv file");
    let mut rows: Vec<Vec<String>> = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "quote inside a field: {field:?}");
                quoted = true;
            }
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("bare LF ending a record"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && row.is_empty(),
        "unterminated"
    );
    let (header, body) = rows.split_first().expect("a header row");
    body.iter()
        .map(|r| {
            assert_eq!(r.len(), header.len(), "{r:?}");
            header.iter().cloned().zip(r.iter().cloned()).collect()
        })
        .collect()
}

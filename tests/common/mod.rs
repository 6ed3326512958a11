//! Helpers shared by the integration tests.
#![allow(dead_code)]

use casefile::pipeline::{self, RunConfig, RunSummary};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the pipeline with the project's gazetteers and rules.
pub fn run(corpus: &Path, out: &Path, jobs: usize) -> RunSummary {
    let cfg = RunConfig {
        corpus: corpus.to_path_buf(),
        gazetteers: root().join("gazetteers"),
        rules: Some(root().join("rules")),
        out: out.to_path_buf(),
        jobs,
        progress: false,
        limits: Default::default(),
        incremental: false,
        shard: None,
    };
    pipeline::run(&cfg).expect("run succeeds")
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

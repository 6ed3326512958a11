//! `casefile check`: each kind of corpus defect is reported with its location and the
//! right exit code (0 clean, 1 failing findings, 2 could not run).

mod common;

use common::{copy_dir, root};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Runs `casefile check --format json` with extra arguments; returns the exit code and
/// the report (when it ran).
fn check(corpus: &Path, gazetteers: &Path, extra: &[&str]) -> (i32, Option<Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_casefile"))
        .current_dir(root())
        .arg("check")
        .arg("--corpus")
        .arg(corpus)
        .arg("--gazetteers")
        .arg(gazetteers)
        .args(["--format", "json", "--jobs", "2"])
        .args(extra)
        .output()
        .expect("casefile runs");
    let code = out.status.code().expect("exit code");
    let report = serde_json::from_slice(&out.stdout).ok();
    (code, report)
}

fn findings<'a>(r: &'a Value, code: &str) -> Vec<&'a Value> {
    r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == code)
        .collect()
}

#[test]
fn bundled_corpus_passes_with_the_known_conflicts_as_warnings() {
    let (code, r) = check(&root().join("corpus"), &root().join("gazetteers"), &[]);
    let r = r.expect("report");
    assert_eq!(code, 0, "{r:#}");
    // Counted as `run` counts them: lines of documents.jsonl (the five files' pages split
    // into entries).
    assert_eq!(
        r["documents"],
        std::fs::read_to_string(root().join("tests/golden/documents.jsonl"))
            .expect("golden documents")
            .lines()
            .count()
    );
    let conflicts = findings(&r, "event.conflict");
    assert!(
        conflicts.iter().any(|f| {
            let m = f["message"].as_str().unwrap_or("");
            m.contains("community_service") && m.contains("larisa-kharkova")
        }),
        "{conflicts:#?}"
    );
    assert!(conflicts.iter().all(|f| f["severity"] == "warning"));
    // Each conflict points at a source document and its evidence span.
    for f in &conflicts {
        assert!(f["location"]["doc_id"].is_string(), "{f}");
        assert!(f["location"]["span"].is_array(), "{f}");
        assert!(f["hint"].as_str().is_some_and(|h| !h.is_empty()));
    }
    // With a policy that fails on warnings, the same corpus fails.
    let (code, _) = check(
        &root().join("corpus"),
        &root().join("gazetteers"),
        &["--fail-on", "warning"],
    );
    assert_eq!(code, 1);
}

#[test]
fn duplicate_gazetteer_id_is_reported_with_file_and_line() {
    let gaz = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("gazetteers"), gaz.path());
    let p = gaz.path().join("persons.gaz");
    let mut text = std::fs::read_to_string(&p).expect("gazetteer");
    let line = text.lines().count() + 2;
    text.push_str("\nid: person/larisa-kharkova\ntype: person\nname: Larisa Kharkova Junior\n");
    std::fs::write(&p, text).expect("write");
    let (code, r) = check(&root().join("corpus"), gaz.path(), &[]);
    let r = r.expect("report");
    assert_eq!(code, 1, "{r:#}");
    let f = findings(&r, "gazetteer.invalid");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(
        f[0]["location"]["file"]
            .as_str()
            .unwrap_or("")
            .ends_with("persons.gaz")
    );
    assert_eq!(f[0]["location"]["line"], line);
    assert!(
        f[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("person/larisa-kharkova")
    );
}

#[test]
fn unknown_variant_contradiction_and_broken_file_are_each_reported() {
    let corpus = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        corpus.path().join("a.txt"),
        "Court sentences Kharkova\n\n26 July 2017\n\nOn 25 July 2017, a court in Kentau sentenced Larisa Kharkova to four years of restricted freedom.\n",
    )
    .expect("write");
    std::fs::write(
        corpus.path().join("b.txt"),
        "Union leader sentenced\n\n27 July 2017\n\nOn 25 July 2017, the Kentau city court sentenced Larisa Kharckova to five years of restricted freedom.\n",
    )
    .expect("write");
    std::fs::write(
        corpus.path().join("c.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .expect("write");
    let (code, r) = check(corpus.path(), &root().join("gazetteers"), &[]);
    let r = r.expect("report");
    assert_eq!(code, 1, "a broken file is an error: {r:#}");

    let failed = findings(&r, "document.failed");
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert!(
        failed[0]["location"]["file"]
            .as_str()
            .unwrap_or("")
            .ends_with("c.html")
    );
    assert_eq!(failed[0]["severity"], "error");

    let variants = findings(&r, "name.unknown_variant");
    let v = variants
        .iter()
        .find(|f| f["message"].as_str().unwrap_or("").contains("Kharckova`"))
        .unwrap_or_else(|| panic!("no variant finding: {variants:#?}"));
    assert!(
        v["message"]
            .as_str()
            .unwrap_or("")
            .contains("person/larisa-kharkova")
    );
    assert!(
        v["location"]["file"]
            .as_str()
            .unwrap_or("")
            .ends_with("b.txt")
    );
    let span = v["location"]["span"].as_array().expect("span");
    let text = "On 25 July 2017, the Kentau city court sentenced ";
    let offset =
        "Union leader sentenced\n\n27 July 2017\n\n".chars().count() + text.chars().count();
    assert_eq!(span[0], offset);
    assert!(
        v["hint"]
            .as_str()
            .unwrap_or("")
            .contains("alias: Larisa Kharckova")
    );

    let conflicts = findings(&r, "event.conflict");
    assert!(
        conflicts.iter().any(|f| {
            let m = f["message"].as_str().unwrap_or("");
            m.contains("restricted_freedom") && m.contains("P4Y") && m.contains("P5Y")
        }),
        "{conflicts:#?}"
    );

    // The broken file alone, ignored by policy: the check passes.
    let policy = corpus.path().join("p.policy");
    std::fs::write(
        &policy,
        "# test policy\nfail_on = error\ndocument.failed = ignore\n",
    )
    .expect("write");
    let (code, r) = check(
        corpus.path(),
        &root().join("gazetteers"),
        &["--policy", policy.to_str().expect("utf-8")],
    );
    assert_eq!(code, 0, "{r:#?}");
}

#[test]
fn drift_from_a_snapshot_fails_and_a_fresh_snapshot_passes() {
    let corpus = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("corpus"), corpus.path());
    let snap = tempfile::tempdir().expect("tempdir");
    common::run(corpus.path(), snap.path(), 2);
    let snap_arg = snap.path().to_str().expect("utf-8");
    let (code, r) = check(
        corpus.path(),
        &root().join("gazetteers"),
        &["--expected", snap_arg],
    );
    assert_eq!(code, 0, "{r:#?}");
    assert!(findings(&r.expect("report"), "output.drift").is_empty());

    // An article edited after the snapshot was reviewed.
    let p = corpus.path().join("001_cfbb4ee004a07125.txt");
    let text = std::fs::read_to_string(&p).expect("article");
    std::fs::write(&p, text.replace("16 May", "17 May")).expect("write");
    let (code, r) = check(
        corpus.path(),
        &root().join("gazetteers"),
        &["--expected", snap_arg],
    );
    let r = r.expect("report");
    assert_eq!(code, 1);
    let drift = findings(&r, "output.drift");
    assert!(
        drift.iter().any(|f| f["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("documents.jsonl")),
        "{drift:#?}"
    );
    assert!(
        drift.iter().any(|f| f["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("events.jsonl")),
        "{drift:#?}"
    );
}

#[test]
fn could_not_run_exits_2() {
    let (code, r) = check(Path::new("no/such/corpus"), &root().join("gazetteers"), &[]);
    assert_eq!(code, 2);
    assert!(r.is_none());
    let policy = tempfile::NamedTempFile::new().expect("tempfile");
    std::fs::write(policy.path(), "event.conflicts = error\n").expect("write");
    let (code, _) = check(
        &root().join("corpus"),
        &root().join("gazetteers"),
        &["--policy", policy.path().to_str().expect("utf-8")],
    );
    assert_eq!(code, 2, "an unknown code in the policy is a usage error");
}

//! Bad input beside good documents, determinism, and the annotate stream.

mod common;

use common::{OUTPUTS, lines, root, run};
use std::io::Write;

fn copy_seed(dir: &std::path::Path, name: &str) {
    std::fs::copy(root().join("corpus").join(name), dir.join(name)).expect("copy seed");
}

#[test]
fn bad_files_cost_only_themselves() {
    let good = tempfile::tempdir().unwrap();
    let mixed = tempfile::tempdir().unwrap();
    for d in [good.path(), mixed.path()] {
        copy_seed(d, "001_cfbb4ee004a07125.txt");
        copy_seed(d, "002_802961a22b6553b0.txt");
    }
    std::fs::write(mixed.path().join("empty.txt"), b"").unwrap();
    std::fs::write(
        mixed.path().join("image.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    // UTF-8 with a broken byte (a consistent legacy encoding would be detected instead):
    // kept with the byte replaced, and a warning record.
    std::fs::write(
        mixed.path().join("broken.txt"),
        ["Kharkova – café".as_bytes(), b" \xe0 Shymkent"].concat(),
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"<html><body><p>Truncated</p></body></html>")
        .unwrap();
    let mut bytes = gz.finish().unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(mixed.path().join("cut.html.gz"), bytes).unwrap();

    let (o1, o2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run(good.path(), o1.path(), 2);
    let s = run(mixed.path(), o2.path(), 2);
    assert_eq!(s.files, 6);
    assert_eq!(
        s.documents,
        common::lines(&o2.path().join("documents.jsonl")).len()
    );
    assert_eq!(
        s.errors,
        3,
        "{}",
        std::fs::read_to_string(o2.path().join("errors.jsonl")).unwrap()
    );
    // The good documents come out exactly as in a clean corpus; the repaired one beside
    // them (its records are the only others).
    let repaired = lines(&o2.path().join("documents.jsonl"))
        .into_iter()
        .find(|d| d["source"] == "broken.txt")
        .expect("the repaired document");
    assert_eq!(repaired["text"], "Kharkova – café \u{FFFD} Shymkent");
    let repaired_id = format!("\"doc_id\":\"{}\"", repaired["doc_id"].as_str().unwrap());
    for f in ["documents.jsonl", "mentions.jsonl", "timexes.jsonl"] {
        let others: Vec<u8> = std::fs::read_to_string(o2.path().join(f))
            .unwrap()
            .lines()
            .filter(|l| !l.contains(&repaired_id))
            .flat_map(|l| format!("{l}\n").into_bytes())
            .collect();
        assert_eq!(std::fs::read(o1.path().join(f)).unwrap(), others, "{f}");
    }
    assert_eq!(
        std::fs::read(o1.path().join("events.jsonl")).unwrap(),
        std::fs::read(o2.path().join("events.jsonl")).unwrap(),
        "events.jsonl"
    );
    let errs = lines(&o2.path().join("errors.jsonl"));
    let sources: Vec<&str> = errs.iter().map(|e| e["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        vec!["broken.txt", "cut.html.gz", "empty.txt", "image.html"]
    );
    let msg = |s: &str| {
        errs.iter().find(|e| e["source"] == s).unwrap()["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(msg("empty.txt").contains("empty"));
    assert!(msg("image.html").contains("binary"));
    assert_eq!(
        msg("broken.txt"),
        "1 invalid UTF-8 sequence replaced with U+FFFD (byte offset 19)"
    );
    let levels: Vec<&str> = errs.iter().map(|e| e["level"].as_str().unwrap()).collect();
    assert_eq!(levels, vec!["warning", "error", "error", "error"]);
    assert!(msg("cut.html.gz").contains("gzip"));
}

#[test]
fn runs_are_byte_identical_across_runs_and_thread_counts() {
    let corpus = root().join("corpus");
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    run(&corpus, a.path(), 2);
    run(&corpus, b.path(), 2);
    run(&corpus, c.path(), 1);
    for f in OUTPUTS {
        let x = std::fs::read(a.path().join(f)).unwrap();
        assert_eq!(
            x,
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}: run twice"
        );
        assert_eq!(
            x,
            std::fs::read(c.path().join(f)).unwrap(),
            "{f}: --jobs 1 vs 2"
        );
    }
}

#[test]
fn a_broken_sidecar_is_reported_and_the_document_kept() {
    let d = tempfile::tempdir().unwrap();
    copy_seed(d.path(), "001_cfbb4ee004a07125.txt");
    std::fs::write(
        d.path().join("001_cfbb4ee004a07125.meta.json"),
        "{\"published\": \"May 2017\"}",
    )
    .unwrap();
    let o = tempfile::tempdir().unwrap();
    let s = run(d.path(), o.path(), 1);
    assert_eq!(s.errors, 0);
    assert_eq!(lines(&o.path().join("documents.jsonl")).len(), 1);
    let errs = lines(&o.path().join("errors.jsonl"));
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0]["message"]
            .as_str()
            .unwrap()
            .contains("bad `published`")
    );
}

#[test]
fn annotate_stream_keeps_order_offsets_and_reports_bad_lines() {
    let res = casefile::pipeline::Resources::load(
        &root().join("gazetteers"),
        Some(&root().join("rules")),
    )
    .unwrap();
    let text = "Kushakbaev and Eleusinov were arrested on January 20 last year. Early last month, courts granted Kushakbaev and Eleusinov parole.";
    let input = format!(
        "{}\nnot json\n{}\n",
        serde_json::json!({"id": "a", "text": text, "published": "2018-06-06"}),
        serde_json::json!({"id": 7, "html": "<html><body><article><p>On 25 July 2017 Larisa Kharkova was sentenced to four years of restricted freedom by a court in Shymkent, the union said in a statement.</p></article></body></html>"})
    );
    let mut out = Vec::new();
    let stats =
        casefile::annotate::annotate_stream(&res, input.as_bytes(), &mut out, None).unwrap();
    assert_eq!(stats.lines, 3);
    assert_eq!(stats.errors, 1);
    let outs: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(outs[0]["id"], "a");
    assert_eq!(outs[0]["text"], text, "text input comes back unchanged");
    assert_eq!(outs[1]["line"], 2);
    assert_eq!(outs[2]["id"], 7);
    let chars: Vec<char> = text.chars().collect();
    for m in outs[0]["mentions"].as_array().unwrap() {
        let (a, b) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[a..b].iter().collect::<String>(),
            m["surface"].as_str().unwrap()
        );
    }
    let values: Vec<&str> = outs[0]["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, vec!["2017-01-20", "2018-05"]);
    let evs = outs[0]["events"].as_array().unwrap();
    // One event of several people lists them all.
    let has = |e: &serde_json::Value, id: &str| {
        e["subjects"]
            .as_array()
            .is_some_and(|s| s.iter().any(|x| x == id))
    };
    assert!(evs.iter().any(|e| e["event_type"] == "arrest"
        && has(e, "person/amin-yeleusinov")
        && e["date"]["value"] == "2017-01-20"));
    assert!(
        evs.iter()
            .any(|e| e["event_type"] == "parole" && has(e, "person/nurbek-kushakbayev"))
    );
    assert!(
        outs[2]["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["event_type"] == "sentence" && e["date"]["value"] == "2017-07-25")
    );
}

#[test]
fn cli_run_and_annotate() {
    let exe = env!("CARGO_BIN_EXE_casefile");
    let o = tempfile::tempdir().unwrap();
    let st = std::process::Command::new(exe)
        .current_dir(root())
        .args(["run", "--quiet", "--out"])
        .arg(o.path())
        .status()
        .unwrap();
    assert!(st.success());
    for f in OUTPUTS.iter().chain(&["run.json"]) {
        assert!(o.path().join(f).exists(), "{f}");
    }
    let mut child = std::process::Command::new(exe)
        .current_dir(root())
        .args(["annotate", "--format", "text", "--dct", "2017-08-03", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("On 25 July, Kharkova was sentenced.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["timexes"][0]["value"], "2017-07-25");
    assert_eq!(v["mentions"][0]["entity_id"], "person/larisa-kharkova");
    // Could not run: a missing gazetteer directory exits 2 with the path named.
    let out = std::process::Command::new(exe)
        .current_dir(root())
        .args(["run", "--quiet", "--gazetteers", "no-such-dir", "--out"])
        .arg(o.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-dir"));
}

//! The bad-input corpus: every kind of broken file a crawler brings back, beside good
//! documents, each with its documented outcome, the good ones exactly as in a clean corpus.

mod common;

use common::{lines, root, run};
use std::io::Write;
use std::path::Path;

fn copy_seed(dir: &Path, name: &str) {
    std::fs::copy(root().join("corpus").join(name), dir.join(name)).expect("copy seed");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn run_limited(corpus: &Path, out: &Path, max_doc_bytes: usize) -> casefile::pipeline::RunSummary {
    let cfg = casefile::pipeline::RunConfig {
        limits: casefile::limits::Limits {
            max_doc_bytes,
            ..Default::default()
        },
        ..common::config(corpus, out)
    };
    casefile::pipeline::run(&cfg).expect("run")
}

#[test]
fn every_bad_file_gets_its_documented_outcome() {
    let good = tempfile::tempdir().unwrap();
    let bad = tempfile::tempdir().unwrap();
    for d in [good.path(), bad.path()] {
        copy_seed(d, "001_cfbb4ee004a07125.txt");
        copy_seed(d, "004_01bfacb8ed51de41.txt");
    }
    let b = bad.path();
    // Error records.
    std::fs::write(b.join("empty.txt"), b"").unwrap();
    std::fs::write(
        b.join("png.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    )
    .unwrap();
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(b.join("garbage.txt.gz"), gzip(&noise)).unwrap();
    // NUL-separated words: too many control bytes to be text.
    std::fs::write(b.join("nul.txt"), b"Kharkova\0was\0sentenced\0").unwrap();
    let mut cut = gzip(b"<html><body><p>Cut short</p></body></html>");
    cut.truncate(cut.len() / 2);
    std::fs::write(b.join("truncated.html.gz"), cut).unwrap();
    // 50 MB on one line: over the limit given here, refused before it is loaded.
    std::fs::write(
        b.join("huge.txt"),
        "Kharkova was sentenced on 25 July 2017 ".repeat((50 << 20) / 39),
    )
    .unwrap();
    // Kept, repaired, with a warning record.
    std::fs::write(
        b.join("invalid.txt"),
        ["Kharkova – café".as_bytes(), b" \xe0\x80 x"].concat(),
    )
    .unwrap();
    // Clean output.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Larisa Kharkova was sentenced on 25 July 2017."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(b.join("utf16.txt"), utf16).unwrap();
    let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(
        "Суд в Шымкенте приговорил Ларису Харькову к четырём годам ограничения свободы. \
         Профсоюз был ликвидирован, а его лидеры арестованы.",
    );
    std::fs::write(b.join("cp1251.txt"), cp.as_ref()).unwrap();
    std::fs::write(
        b.join("nested.html"),
        format!(
            "<html><body>{}<p>Kharkova was sentenced on 25 July 2017 in Shymkent.</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    )
    .unwrap();
    std::fs::write(
        b.join("unclosed.html"),
        "<html><body><article><h1>Union leader jailed</h1><p>Erlan Baltabay was sentenced to seven \
         years in prison on 17 July 2019.<p>The court also banned him<div><span><b>",
    )
    .unwrap();

    let (o1, o2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run(good.path(), o1.path(), 2);
    let s = run_limited(b, o2.path(), 16 << 20);
    // 13 files read; the summary counts as the output files do.
    assert_eq!(s.files, 13);
    let errs = lines(&o2.path().join("errors.jsonl"));
    assert_eq!(s.documents, lines(&o2.path().join("documents.jsonl")).len());
    assert_eq!(s.error_records, errs.len());
    assert_eq!(s.errors + s.warnings, errs.len());
    let msg = |src: &str| -> String {
        errs.iter()
            .find(|e| e["source"] == src)
            .unwrap_or_else(|| panic!("no error record for {src}: {errs:?}"))["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(msg("empty.txt").contains("empty"));
    assert!(msg("png.html").contains("binary"));
    assert!(msg("nul.txt").contains("binary"));
    assert_eq!(
        msg("invalid.txt"),
        "2 invalid UTF-8 sequences replaced with U+FFFD (byte offsets 19, 20)"
    );
    assert!(msg("truncated.html.gz").contains("gzip"));
    assert!(!msg("garbage.txt.gz").is_empty());
    assert!(
        msg("huge.txt").contains("--max-doc-bytes"),
        "{}",
        msg("huge.txt")
    );
    assert_eq!(s.errors, 6, "{errs:?}");
    let levels: Vec<(&str, &str)> = errs
        .iter()
        .map(|e| (e["source"].as_str().unwrap(), e["level"].as_str().unwrap()))
        .filter(|(_, l)| *l == "warning")
        .collect();
    assert_eq!(levels, vec![("invalid.txt", "warning")]);
    assert_eq!(s.warnings, 1);
    // The others come out clean.
    let docs = lines(&o2.path().join("documents.jsonl"));
    let text_of = |src: &str| -> String {
        docs.iter()
            .find(|d| d["source"] == src)
            .unwrap_or_else(|| panic!("no document {src}"))["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(text_of("utf16.txt").contains("Larisa Kharkova was sentenced"));
    assert_eq!(text_of("invalid.txt"), "Kharkova – café \u{FFFD}\u{FFFD} x");
    assert!(text_of("cp1251.txt").contains("Харькову"));
    assert!(text_of("nested.html").contains("Kharkova was sentenced on 25 July 2017 in Shymkent."));
    assert!(text_of("unclosed.html").contains("Erlan Baltabay was sentenced"));
    let evs = lines(&o2.path().join("events.jsonl"));
    assert!(evs.iter().any(|e| e["event_type"] == "sentence"
        && e["subjects"][0] == "person/erlan-baltabay"
        && e["date"]["value"] == "2019-07-17"));
    // The good documents come out exactly as in a clean corpus.
    let good_ids: Vec<String> = lines(&o1.path().join("documents.jsonl"))
        .iter()
        .map(|d| d["doc_id"].as_str().unwrap().to_string())
        .collect();
    for f in ["documents.jsonl", "mentions.jsonl", "timexes.jsonl"] {
        let want: Vec<String> = std::fs::read_to_string(o1.path().join(f))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        let got: Vec<String> = std::fs::read_to_string(o2.path().join(f))
            .unwrap()
            .lines()
            .filter(|l| {
                good_ids
                    .iter()
                    .any(|id| l.contains(&format!("\"doc_id\":\"{id}\"")))
            })
            .map(str::to_string)
            .collect();
        assert_eq!(got, want, "{f}");
    }
}

#[test]
fn a_broken_gazetteer_stops_the_run_with_file_and_line() {
    let exe = env!("CARGO_BIN_EXE_casefile");
    for (name, content, want) in [
        (
            "dup.gaz",
            "id: person/a\ntype: person\nname: A One\n\nid: person/a\ntype: person\nname: A Two\n",
            "dup.gaz:5",
        ),
        (
            "syntax.gaz",
            "id: person/b\ntype: person\nname B\n",
            "syntax.gaz:3",
        ),
    ] {
        let g = tempfile::tempdir().unwrap();
        std::fs::write(g.path().join(name), content).unwrap();
        let out = tempfile::tempdir().unwrap();
        let o = std::process::Command::new(exe)
            .args(["run", "--quiet", "--gazetteers"])
            .arg(g.path())
            .arg("--out")
            .arg(out.path().join("o"))
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(want), "{name}: {err}");
        // Nothing was written.
        assert!(!out.path().join("o").exists());
    }
}

#[test]
fn strict_runs_exit_1_on_error_records() {
    let exe = env!("CARGO_BIN_EXE_casefile");
    let c = tempfile::tempdir().unwrap();
    copy_seed(c.path(), "001_cfbb4ee004a07125.txt");
    std::fs::write(c.path().join("empty.txt"), b"").unwrap();
    let out = tempfile::tempdir().unwrap();
    let status = |strict: bool| {
        let mut cmd = std::process::Command::new(exe);
        cmd.args(["run", "--quiet", "--corpus"])
            .arg(c.path())
            .arg("--out")
            .arg(out.path().join("o"))
            .current_dir(root());
        if strict {
            cmd.arg("--strict");
        }
        cmd.status().unwrap().code()
    };
    assert_eq!(status(false), Some(0));
    assert_eq!(status(true), Some(1));
}

//! Hostile input costs only its own unit: two runs on one `--out`, blank `annotate` lines. Each test runs the binary (with a deadline: a run that blocks fails the test)
//! and checks that the good documents beside the bad input come out exactly as they do
//! alone. The test sentences are invented.

mod common;

use common::root;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Longest a run may take here before it counts as blocked.
const DEADLINE: Duration = Duration::from_secs(240);

const GOOD_TXT: &str = "Tomas Varga was arrested in Velmara on 3 May 2021.\n\n\
    The Velmara district court remanded Tomas Varga in custody on 5 May 2021. His lawyer, \
    Odile Maret, said the charges of organising an unlawful strike were unfounded.\n";

const GOOD_HTML: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
    <title>Dockworkers' leader detained</title></head><body><article>\
    <h1>Dockworkers' leader detained</h1>\
    <p>Police in Velmara detained Ilse Borand, chair of the Velmara Dockworkers Union, on \
    12 June 2022.</p><p>A court fined the union 40,000 crowns on 20 June 2022 for holding \
    an unsanctioned rally.</p></article></body></html>\n";

/// Writes the good documents into `dir`.
fn write_good(dir: &Path) {
    std::fs::write(dir.join("good_a.txt"), GOOD_TXT).expect("write");
    std::fs::write(dir.join("good_b.html"), GOOD_HTML).expect("write");
}

/// Waits for a child with a deadline; a child still running then is killed and the test
/// fails (it blocked).
fn finish(mut child: std::process::Child, what: &str) -> Output {
    let start = Instant::now();
    loop {
        match child.try_wait().expect("wait") {
            Some(_) => return child.wait_with_output().expect("output"),
            None if start.elapsed() > DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{what}: still running after {DEADLINE:?}: it blocked");
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// `casefile run` as a command (the project's gazetteers and rules, two threads).
fn run_cmd(corpus: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_casefile"));
    c.current_dir(root())
        .args(["run", "--quiet", "--jobs", "2", "--corpus"])
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Runs `casefile run` to the end (within the deadline).
fn run_cli(corpus: &Path, out: &Path, extra: &[&str]) -> Output {
    finish(
        run_cmd(corpus, out, extra).spawn().expect("spawn casefile"),
        "casefile run",
    )
}

fn assert_ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The output of the good documents alone.
fn reference() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().expect("tempdir");
    let corpus = d.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write_good(&corpus);
    let out = d.path().join("out");
    assert_ok(&run_cli(&corpus, &out, &[]));
    (d, out)
}

/// Every record of the good documents (as a run over them alone writes it) is in `out`,
/// byte for byte.
fn assert_good_documents_kept(out: &Path) {
    let (_d, want) = reference();
    for f in ["documents.jsonl", "mentions.jsonl", "timexes.jsonl"] {
        let got = std::fs::read_to_string(out.join(f)).expect("output");
        let reference = std::fs::read_to_string(want.join(f)).expect("reference");
        assert!(
            !reference.is_empty(),
            "{f}: the good documents give records"
        );
        for line in reference.lines() {
            assert!(got.lines().any(|l| l == line), "{f}: missing {line}");
        }
    }
}

#[test]
fn a_second_run_on_the_same_out_fails_fast_and_harms_nothing() {
    let d = tempfile::tempdir().expect("tempdir");
    let corpus = d.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write_good(&corpus);
    let out = d.path().join("out");
    assert_ok(&run_cli(&corpus, &out, &[]));
    let before: Vec<(String, Vec<u8>)> = common::OUTPUTS
        .iter()
        .map(|f| (f.to_string(), std::fs::read(out.join(f)).expect("output")))
        .collect();

    // This process holds the lock, as a run in progress does.
    let lock = casefile::emit::outdir::OutLock::acquire(&out).expect("lock");
    let lock_file = casefile::emit::outdir::OutLock::path_for(&out).expect("lock path");
    let t = Instant::now();
    let o = run_cli(&corpus, &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("another casefile run"), "{err}");
    assert!(
        err.contains(&format!("pid {}", std::process::id())),
        "{err}"
    );
    assert!(err.contains(&lock_file.display().to_string()), "{err}");
    assert!(err.contains(&out.display().to_string()), "{err}");
    assert!(t.elapsed() < Duration::from_secs(60), "fails fast");
    // The previous output is intact, and nothing else was created or removed.
    for (f, bytes) in &before {
        assert_eq!(&std::fs::read(out.join(f)).expect("output"), bytes, "{f}");
    }
    let mut names: Vec<String> = std::fs::read_dir(d.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, vec![".out.lock", "corpus", "out"]);
    drop(lock);

    // Two runs started together: each finishes or stops at the lock; neither fails any
    // other way (the loser used to lose its staging directory to the winner), and the
    // output is complete.
    for _ in 0..3 {
        let a = run_cmd(&corpus, &out, &[]).spawn().expect("spawn");
        let b = run_cmd(&corpus, &out, &[]).spawn().expect("spawn");
        let (a, b) = (finish(a, "first run"), finish(b, "second run"));
        let mut succeeded = 0;
        for o in [&a, &b] {
            let err = String::from_utf8_lossy(&o.stderr);
            match o.status.code() {
                Some(0) => succeeded += 1,
                Some(2) => assert!(err.contains("another casefile run (pid "), "{err}"),
                c => panic!("exit {c:?}: {err}"),
            }
        }
        assert!(succeeded >= 1);
        for (f, bytes) in &before {
            assert_eq!(&std::fs::read(out.join(f)).expect("output"), bytes, "{f}");
        }
        let left: Vec<String> = std::fs::read_dir(d.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".out."))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }
    assert_good_documents_kept(&out);
}

#[test]
fn annotate_answers_every_input_line() {
    let good = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string();
    let input = [
        good("a", "Tomas Varga was arrested in Velmara on 3 May 2021."),
        String::new(),
        "   ".to_string(),
        "{\"id\": \"broken\"".to_string(),
        good("e", "Police detained Ilse Borand on 12 June 2022."),
    ]
    .join("\n")
        + "\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_casefile"))
        .current_dir(root())
        .args(["annotate", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let o = finish(child, "casefile annotate");
    assert_ok(&o);
    let outs: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(outs.len(), 5, "one output line per input line: {outs:?}");
    for (i, o) in outs.iter().enumerate().skip(1).take(3) {
        assert_eq!(o["line"], i + 1, "{o}");
        assert!(o["error"].is_string(), "{o}");
    }
    assert!(
        outs[1]["error"]
            .as_str()
            .unwrap_or("")
            .contains("blank line")
    );
    assert!(
        outs[2]["error"]
            .as_str()
            .unwrap_or("")
            .contains("blank line")
    );
    assert!(
        outs[3]["error"]
            .as_str()
            .unwrap_or("")
            .contains("not a valid input object")
    );
    assert_eq!(outs[0]["id"], "a");
    assert_eq!(outs[0]["timexes"][0]["value"], "2021-05-03");
    assert_eq!(outs[4]["id"], "e");
    assert_eq!(outs[4]["timexes"][0]["value"], "2022-06-12");
    assert!(String::from_utf8_lossy(&o.stderr).contains("3 of 5 input lines had errors"));
}

//! Hostile input costs only its own unit: FIFOs, sockets and devices in the corpus, an
//! unreadable directory, two runs on one `--out`, stray NUL and invalid bytes, UTF-16
//! without a byte-order mark, WARC records whose length lies, gzip bombs, blank `annotate`
//! lines. Each test runs the binary (with a deadline: a run that blocks fails the test)
//! and checks that the good documents beside the bad input come out exactly as they do
//! alone. The test sentences are invented.

mod common;

use common::{lines, root};
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

/// A temporary folder with a `corpus` in it holding the good documents.
fn good_corpus() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().expect("tempdir");
    let corpus = d.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    write_good(&corpus);
    (d, corpus)
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
    let (d, corpus) = good_corpus();
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

fn errors(out: &Path) -> Vec<Value> {
    lines(&out.join("errors.jsonl"))
}

/// The one record of `errors.jsonl` about `source`.
fn record_of<'a>(errs: &'a [Value], source: &str) -> &'a Value {
    let mine: Vec<&Value> = errs.iter().filter(|e| e["source"] == source).collect();
    assert_eq!(mine.len(), 1, "records of {source}: {errs:?}");
    mine[0]
}

fn message(e: &Value) -> &str {
    e["message"].as_str().unwrap_or("")
}

fn doc_text(out: &Path, source: &str) -> String {
    lines(&out.join("documents.jsonl"))
        .into_iter()
        .find(|d| d["source"] == source)
        .unwrap_or_else(|| panic!("no document {source}"))["text"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn timex_values(out: &Path) -> Vec<String> {
    lines(&out.join("timexes.jsonl"))
        .iter()
        .filter_map(|t| t["value"].as_str().map(str::to_string))
        .collect()
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(b).expect("gzip");
    e.finish().expect("gzip")
}

#[cfg(unix)]
#[test]
fn fifos_sockets_and_devices_are_never_opened() {
    let (d, corpus) = good_corpus();
    // A FIFO blocks `open()` until a writer comes; none will.
    let st = Command::new("mkfifo")
        .arg(corpus.join("pipe.txt"))
        .status()
        .expect("mkfifo");
    assert!(st.success());
    // A FIFO as a document's sidecar: the document is kept, the sidecar not read.
    std::fs::write(
        corpus.join("kept.txt"),
        "Marek Solvin was detained in Velmara on 14 March 2023.\n",
    )
    .expect("write");
    let st = Command::new("mkfifo")
        .arg(corpus.join("kept.meta.json"))
        .status()
        .expect("mkfifo");
    assert!(st.success());
    // /dev/zero never ends and its size says 0.
    std::os::unix::fs::symlink("/dev/zero", corpus.join("zero.txt")).expect("symlink");
    let _socket = std::os::unix::net::UnixListener::bind(corpus.join("sock.html")).expect("bind");
    let out = d.path().join("out");
    let o = run_cli(&corpus, &out, &[]);
    assert_ok(&o);
    let errs = errors(&out);
    for (source, kind) in [
        ("pipe.txt", "a FIFO"),
        ("zero.txt", "a character device"),
        ("sock.html", "a socket"),
    ] {
        let e = record_of(&errs, source);
        assert_eq!(e["level"], "warning", "{e}");
        assert_eq!(e["stage"], "ingest", "{e}");
        assert!(
            message(e).contains(&format!("{kind}, not a regular file: not read")),
            "{e}"
        );
    }
    let side = record_of(&errs, "kept.txt");
    assert_eq!(side["stage"], "meta");
    assert!(message(side).contains("a FIFO"), "{side}");
    assert!(doc_text(&out, "kept.txt").contains("Marek Solvin was detained"));
    assert!(timex_values(&out).contains(&"2023-03-14".to_string()));
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert_good_documents_kept(&out);
}

/// Whether this process runs as root (permissions are then not enforced on it).
#[cfg(unix)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(unix)]
#[test]
fn an_unreadable_directory_costs_only_its_files() {
    use std::os::unix::fs::PermissionsExt;
    let (d, corpus) = good_corpus();
    let locked = corpus.join("locked");
    std::fs::create_dir(&locked).expect("mkdir");
    std::fs::write(locked.join("hidden.txt"), GOOD_TXT).expect("write");
    let later = corpus.join("later");
    std::fs::create_dir(&later).expect("mkdir");
    std::fs::write(
        later.join("after.txt"),
        "Marek Solvin was detained in Velmara on 14 March 2023.\n",
    )
    .expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let outs = d.path().join("outs");
    std::fs::create_dir(&outs).expect("mkdir");
    let out = outs.join("out");
    let mut cmd = run_cmd(&corpus, &out, &[]);
    if is_root() {
        // Root reads any directory: run the binary as `nobody` instead (setpriv, from
        // util-linux), with the corpus readable and the output writable by it.
        if Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status()
            .map_or(true, |s| !s.success())
        {
            eprintln!(
                "skipped: running as root and `setpriv` cannot switch to nobody, so a directory \
                 cannot be made unreadable"
            );
            return;
        }
        for (p, mode) in [(d.path(), 0o755), (corpus.as_path(), 0o755), (&outs, 0o777)] {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod");
        }
        let inner = cmd;
        cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(inner.get_program())
            .args(inner.get_args())
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
    }
    let o = finish(cmd.spawn().expect("spawn"), "casefile run");
    // Let the temporary directory be removed.
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_ok(&o);
    let errs = errors(&out);
    let e = record_of(&errs, "locked");
    assert_eq!(e["level"], "error", "{e}");
    assert!(message(e).contains("cannot read directory"), "{e}");
    assert!(message(e).contains("the files in it were not read"), "{e}");
    assert_eq!(errs.len(), 1, "{errs:?}");
    // The walk went on past it.
    assert!(doc_text(&out, "later/after.txt").contains("Marek Solvin"));
    assert_good_documents_kept(&out);
}

#[test]
fn a_second_run_on_the_same_out_fails_fast_and_harms_nothing() {
    let (d, corpus) = good_corpus();
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

/// An article of invented sentences, long enough that one bad byte is a small part of it.
fn article() -> String {
    let mut s = String::from("Velmara court jails three strikers\n\n");
    for i in 0..40 {
        s.push_str(&format!(
            "Witness {i} told the court that the police had dispersed the rally at the \
             Velmara shipyard without warning, and that the dockworkers’ committee had \
             called the strike lawfully.\n\n"
        ));
    }
    s
}

#[test]
fn one_nul_byte_or_one_invalid_byte_costs_only_itself() {
    let (d, corpus) = good_corpus();
    let tail = "On 9 October 2020 the court sentenced Pavel Drost to three years in prison.\n";
    // At a line break: between two sentences, not inside a multi-byte character.
    let line_break =
        |b: &[u8], from: usize| from + b[from..].iter().position(|&c| c == b'\n').unwrap_or(0);
    let mut nul = article().into_bytes();
    let nul_at = line_break(&nul, nul.len() / 2);
    nul.insert(nul_at, 0);
    nul.extend_from_slice(tail.as_bytes());
    std::fs::write(corpus.join("nul.txt"), &nul).expect("write");
    let mut bad = article().into_bytes();
    let bad_at = line_break(&bad, bad.len() / 3);
    bad.insert(bad_at, 0xff);
    bad.extend_from_slice(tail.replace("9 October", "11 October").as_bytes());
    std::fs::write(corpus.join("invalid.txt"), &bad).expect("write");
    // A real binary file is still refused.
    std::fs::write(
        corpus.join("image.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    )
    .expect("write");
    let out = d.path().join("out");
    let o = run_cli(&corpus, &out, &[]);
    assert_ok(&o);
    let errs = errors(&out);
    let e = record_of(&errs, "nul.txt");
    assert_eq!(e["level"], "warning");
    assert_eq!(
        message(e),
        format!("1 NUL byte removed (byte offset {nul_at})")
    );
    let e = record_of(&errs, "invalid.txt");
    assert_eq!(e["level"], "warning");
    assert_eq!(
        message(e),
        format!("1 invalid UTF-8 sequence replaced with U+FFFD (byte offset {bad_at})")
    );
    let e = record_of(&errs, "image.html");
    assert_eq!(e["level"], "error");
    assert!(message(e).contains("binary"), "{e}");
    assert_eq!(errs.len(), 3, "{errs:?}");
    // The rest of each document is kept and annotated.
    let t = doc_text(&out, "nul.txt");
    assert!(!t.contains('\0'));
    assert!(t.contains("Witness 39 told the court"));
    assert!(t.contains("sentenced Pavel Drost to three years"));
    let t = doc_text(&out, "invalid.txt");
    assert!(t.contains('\u{FFFD}'));
    assert!(t.contains("Witness 39 told the court"));
    let values = timex_values(&out);
    for v in ["2020-10-09", "2020-10-11"] {
        assert!(values.contains(&v.to_string()), "{v}: {values:?}");
    }
    assert_good_documents_kept(&out);
}

#[test]
fn utf16_without_a_byte_order_mark_is_decoded() {
    let (d, corpus) = good_corpus();
    let text = "Marek Solvin, a reporter for the Velmara Courier, was detained on 14 March 2023.\n\n\
                A court in Velmara released him on bail on 16 March 2023.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(corpus.join("utf16le.txt"), le).expect("write");
    let cyr = "Суд в Велмаре оштрафовал профсоюз докеров 20 июня 2022 года.\n";
    let be: Vec<u8> = cyr.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(corpus.join("utf16be.txt"), be).expect("write");
    let out = d.path().join("out");
    assert_ok(&run_cli(&corpus, &out, &[]));
    assert_eq!(errors(&out), Vec::<Value>::new());
    let t = doc_text(&out, "utf16le.txt");
    assert!(t.contains("was detained on 14 March 2023."), "{t}");
    assert!(t.contains("released him on bail on 16 March 2023."), "{t}");
    let t = doc_text(&out, "utf16be.txt");
    assert!(t.contains("оштрафовал профсоюз докеров"), "{t}");
    let values = timex_values(&out);
    assert!(values.contains(&"2023-03-14".to_string()), "{values:?}");
    assert!(values.contains(&"2023-03-16".to_string()), "{values:?}");
    assert_good_documents_kept(&out);
}

/// A WARC record: header fields, then the body.
fn warc_record(kind: &str, uri: &str, content_type: &str, length: u64, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\n\
         WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {length}\r\n\r\n",
        uri.len() * 7919 + body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

fn response(uri: &str, html: &str) -> Vec<u8> {
    let body = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let mut r = warc_record(
        "response",
        uri,
        "application/http; msgtype=response",
        body.len() as u64,
        body.as_bytes(),
    );
    r.extend_from_slice(b"\r\n\r\n");
    r
}

const PAGE_1: &str = "<html><head><title>Printer raided</title></head><body><article>\
    <p>Police in Velmara raided the printing house of the Velmara Courier on 8 January \
    2024 and seized its presses.</p></article></body></html>";

const PAGE_2: &str = "<html><head><title>Editor summoned</title></head><body><article>\
    <p>Investigators in Velmara summoned Renata Kolar, editor of the Velmara Courier, for \
    questioning on 2 February 2024.</p></article></body></html>";

/// The URLs of the documents of a run.
fn page_urls(out: &Path) -> Vec<String> {
    lines(&out.join("documents.jsonl"))
        .iter()
        .filter_map(|d| d["url"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_warc_record_claiming_a_terabyte_costs_only_itself() {
    const TB: u64 = 1_000_000_000_000;
    let liar = {
        let body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>short</p>";
        let mut r = warc_record(
            "response",
            "https://example.org/liar",
            "application/http; msgtype=response",
            TB,
            body,
        );
        r.extend_from_slice(b"\r\n\r\n");
        r
    };
    let crawl = [
        response("https://example.org/one", PAGE_1),
        liar,
        response("https://example.org/two", PAGE_2),
    ]
    .concat();
    for name in ["crawl.warc", "crawl.warc.gz"] {
        let (d, corpus) = good_corpus();
        let bytes = if name.ends_with(".gz") {
            gzip(&crawl)
        } else {
            crawl.clone()
        };
        std::fs::write(corpus.join(name), bytes).expect("write");
        let out = d.path().join("out");
        assert_ok(&run_cli(&corpus, &out, &[]));
        let errs = errors(&out);
        let e = record_of(&errs, &format!("{name}#2"));
        assert_eq!(e["level"], "error");
        assert!(
            message(e).contains(&format!(
                "record of {TB} bytes, over the limit of 67108864 bytes (--max-doc-bytes)"
            )),
            "{e}"
        );
        assert!(message(e).contains("the file ends before it does"), "{e}");
        assert_eq!(errs.len(), 1, "{name}: {errs:?}");
        let urls = page_urls(&out);
        for u in ["https://example.org/one", "https://example.org/two"] {
            assert!(urls.iter().any(|x| x == u), "{name}: {u} in {urls:?}");
        }
        assert!(doc_text(&out, &format!("{name}#3")).contains("summoned Renata Kolar"));
        assert_good_documents_kept(&out);
    }
}

#[test]
fn a_warc_record_of_a_real_terabyte_is_skipped_by_seeking() {
    const TB: u64 = 1_000_000_000_000;
    let (d, corpus) = good_corpus();
    let path = corpus.join("crawl.warc");
    let mut f = std::fs::File::create(&path).expect("create");
    f.write_all(&response("https://example.org/one", PAGE_1))
        .expect("write");
    f.write_all(&warc_record(
        "response",
        "https://example.org/huge",
        "application/http; msgtype=response",
        TB,
        b"",
    ))
    .expect("write");
    // The body: a hole of 1 TB (a sparse file), where the file system allows one.
    use std::io::Seek;
    let body_start = f.stream_position().expect("position");
    if let Err(e) = f.seek(std::io::SeekFrom::Start(body_start + TB)) {
        eprintln!("skipped: no sparse file of 1 TB here ({e})");
        return;
    }
    let mut tail = b"\r\n\r\n".to_vec();
    tail.extend_from_slice(&response("https://example.org/two", PAGE_2));
    if let Err(e) = f.write_all(&tail) {
        eprintln!("skipped: no sparse file of 1 TB here ({e})");
        return;
    }
    drop(f);
    let out = d.path().join("out");
    assert_ok(&run_cli(&corpus, &out, &[]));
    let errs = errors(&out);
    let e = record_of(&errs, "crawl.warc#2");
    assert_eq!(
        message(e),
        format!(
            "record of {TB} bytes, over the limit of 67108864 bytes (--max-doc-bytes); skipped"
        )
    );
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(doc_text(&out, "crawl.warc#3").contains("summoned Renata Kolar"));
    assert_good_documents_kept(&out);
}

#[test]
fn a_gzip_bomb_costs_only_itself() {
    let (d, corpus) = good_corpus();
    // 8 MB of one sentence: a few KB compressed, far beyond 100 times that.
    let sentence = "Tomas Varga was arrested in Velmara on 3 May 2021. ";
    let bomb = sentence.repeat((8 << 20) / sentence.len());
    let gz = gzip(bomb.as_bytes());
    assert!(gz.len() < 64 << 10, "{} bytes", gz.len());
    std::fs::write(corpus.join("bomb.txt.gz"), &gz).expect("write");
    // An ordinary compressed page beside it.
    std::fs::write(corpus.join("page.html.gz"), gzip(PAGE_2.as_bytes())).expect("write");
    // The same bomb as a record of a .warc.gz, between two good pages.
    let html = format!("<html><body><p>{bomb}</p></body></html>");
    let crawl = [
        response("https://example.org/one", PAGE_1),
        response("https://example.org/bomb", &html),
        response("https://example.org/two", PAGE_2),
    ]
    .concat();
    std::fs::write(corpus.join("crawl.warc.gz"), gzip(&crawl)).expect("write");
    let out = d.path().join("out");
    let t = Instant::now();
    assert_ok(&run_cli(&corpus, &out, &[]));
    eprintln!("run with the bombs: {:?}", t.elapsed());
    let errs = errors(&out);
    let e = record_of(&errs, "bomb.txt.gz");
    assert_eq!(e["level"], "error");
    assert_eq!(
        message(e),
        format!(
            "decompresses to more than {} bytes from {} compressed bytes \
             (--max-gzip-ratio 100); skipped",
            (gz.len() * 100).max(1 << 20),
            gz.len()
        )
    );
    let e = record_of(&errs, "crawl.warc.gz#2");
    assert!(message(e).starts_with("record expands to more than"), "{e}");
    assert!(
        message(e).contains("(--max-gzip-ratio 100); skipped"),
        "{e}"
    );
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(doc_text(&out, "page.html.gz").contains("summoned Renata Kolar"));
    assert!(doc_text(&out, "crawl.warc.gz#3").contains("summoned Renata Kolar"));
    assert!(page_urls(&out).contains(&"https://example.org/one".to_string()));
    assert_good_documents_kept(&out);
    // A smaller ratio stops an ordinary page only above the 1 MiB every file may have.
    let out2 = d.path().join("out2");
    assert_ok(&run_cli(&corpus, &out2, &["--max-gzip-ratio", "1"]));
    assert!(doc_text(&out2, "page.html.gz").contains("summoned Renata Kolar"));
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

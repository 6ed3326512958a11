//! WARC input: the pages of a WARC file (written here with the `warc` crate's writer) give
//! the same documents, mentions, timexes and events as the same pages given as files.

mod common;

use common::{lines, run};
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use warc::{RawRecordHeader, WarcHeader, WarcWriter};

/// HTML pages made from the seed articles (title, dateline, paragraphs), with their URLs.
fn pages() -> Vec<(String, String)> {
    common::seed_texts()
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut paras = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
            let title = paras.next().unwrap_or("Untitled").to_string();
            let body: String = paras
                .map(|p| format!("<p>{}</p>\n", html_escape::encode_text(p)))
                .collect();
            let html = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t}</title></head>\
                 <body><nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a></nav>\
                 <article><h1>{t}</h1>\n{body}</article><footer>Copyright</footer></body></html>\n",
                t = html_escape::encode_text(&title)
            );
            (format!("https://example.org/news/{i}"), html)
        })
        .collect()
}

fn record(
    w: &mut WarcWriter<impl Write>,
    kind: &str,
    uri: &str,
    date: &str,
    content_type: &str,
    body: &[u8],
) {
    let mut headers = HashMap::new();
    headers.insert(WarcHeader::WarcType, kind.as_bytes().to_vec());
    headers.insert(
        WarcHeader::RecordID,
        format!("<urn:uuid:{:08x}-0000-0000-0000-000000000000>", body.len()).into_bytes(),
    );
    headers.insert(WarcHeader::Date, date.as_bytes().to_vec());
    headers.insert(WarcHeader::TargetURI, uri.as_bytes().to_vec());
    headers.insert(WarcHeader::ContentType, content_type.as_bytes().to_vec());
    headers.insert(
        WarcHeader::ContentLength,
        body.len().to_string().into_bytes(),
    );
    w.write_raw(
        RawRecordHeader {
            version: "1.0".into(),
            headers,
        },
        &body,
    )
    .expect("write record");
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut v = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    v.extend_from_slice(body);
    v
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).expect("gzip");
    e.finish().expect("gzip")
}

fn chunked(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for c in b.chunks(700) {
        out.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// Without the fields that name where a document came from.
fn comparable(v: &[Value]) -> Vec<Value> {
    v.iter()
        .map(|r| {
            let mut r = r.clone();
            if let Some(o) = r.as_object_mut() {
                o.remove("source");
            }
            r
        })
        .collect()
}

fn write_warc(path: &Path, pages: &[(String, String)], date: &str, compress: bool) {
    let mut w = WarcWriter::new(std::io::BufWriter::new(Vec::new()));
    record(
        &mut w,
        "warcinfo",
        "",
        date,
        "application/warc-fields",
        b"software: casefile test\r\n",
    );
    for (i, (url, html)) in pages.iter().enumerate() {
        record(
            &mut w,
            "request",
            url,
            date,
            "application/http; msgtype=request",
            format!("GET {url} HTTP/1.1\r\nHost: example.org\r\n\r\n").as_bytes(),
        );
        let body = match i % 3 {
            // Plain, gzip-encoded, chunked: each decoded back to the page's bytes.
            0 => http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                html.as_bytes(),
            ),
            1 => http(
                "200 OK",
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                &gzip(html.as_bytes()),
            ),
            _ => http(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                &chunked(html.as_bytes()),
            ),
        };
        record(
            &mut w,
            "response",
            url,
            date,
            "application/http; msgtype=response",
            &body,
        );
    }
    // Not pages: a redirect, an image, a 404.
    record(
        &mut w,
        "response",
        "https://example.org/old",
        date,
        "application/http; msgtype=response",
        &http("301 Moved Permanently", "Location: /new\r\n", b""),
    );
    record(
        &mut w,
        "response",
        "https://example.org/logo.png",
        date,
        "application/http; msgtype=response",
        &http(
            "200 OK",
            "Content-Type: image/png\r\n",
            b"\x89PNG\r\n\x1a\n",
        ),
    );
    record(
        &mut w,
        "response",
        "https://example.org/missing",
        date,
        "application/http; msgtype=response",
        &http(
            "404 Not Found",
            "Content-Type: text/html\r\n",
            b"<html><body>Not found</body></html>",
        ),
    );
    let bytes = w.into_inner().expect("flush");
    // WARC gzip: one gzip member per file is read the same way as one per record.
    let bytes = if compress { gzip(&bytes) } else { bytes };
    std::fs::write(path, bytes).expect("write warc");
}

#[test]
fn warc_pages_equal_the_same_pages_as_files() {
    let pages = pages();
    assert_eq!(pages.len(), 5);
    let files = tempfile::tempdir().expect("tempdir");
    for (i, (url, html)) in pages.iter().enumerate() {
        std::fs::write(files.path().join(format!("p{i}.html")), html).expect("write");
        std::fs::write(
            files.path().join(format!("p{i}.meta.json")),
            format!("{{\"url\": \"{url}\"}}"),
        )
        .expect("write");
    }
    // The crawl date of the WARC records is the files' modification date.
    let day = casefile::ingest::file_date(&files.path().join("p0.html")).expect("mtime");
    let date = format!("{}T12:00:00Z", day.iso());
    for compress in [false, true] {
        let crawl = tempfile::tempdir().expect("tempdir");
        let name = if compress {
            "crawl.warc.gz"
        } else {
            "crawl.warc"
        };
        write_warc(&crawl.path().join(name), &pages, &date, compress);
        let (a, b) = (
            tempfile::tempdir().expect("t"),
            tempfile::tempdir().expect("t"),
        );
        let sa = run(files.path(), a.path(), 2);
        let sb = run(crawl.path(), b.path(), 2);
        assert_eq!(
            (sb.files, sb.sources),
            (1, 5),
            "one file of five pages; the redirect, image and 404 are no documents"
        );
        assert_eq!(sb.error_records, 0);
        assert_eq!(sa.events, sb.events);
        let da = lines(&a.path().join("documents.jsonl"));
        let db = lines(&b.path().join("documents.jsonl"));
        assert_eq!(comparable(&da), comparable(&db));
        assert_eq!((sa.documents, sb.documents), (da.len(), db.len()));
        assert!(db.iter().all(|d| {
            d["source"]
                .as_str()
                .unwrap_or("")
                .starts_with(&format!("{name}#"))
        }));
        assert!(db.iter().all(|d| {
            d["url"]
                .as_str()
                .unwrap_or("")
                .starts_with("https://example.org/news/")
        }));
        for f in ["mentions.jsonl", "timexes.jsonl", "events.jsonl"] {
            let x = std::fs::read(a.path().join(f)).expect("out");
            let y = std::fs::read(b.path().join(f)).expect("out");
            assert!(x == y, "{f} differs between the WARC and the files");
        }
        assert!(
            std::fs::read_to_string(b.path().join("events.jsonl"))
                .expect("events")
                .contains("person/larisa-kharkova")
        );
    }
}

/// Where the `k`-th response record (from 0) starts, and where its body starts.
fn response_record(bytes: &[u8], k: usize) -> (usize, usize) {
    let lower = bytes.to_ascii_lowercase();
    let find = |from: usize, pat: &[u8]| {
        lower[from..]
            .windows(pat.len())
            .position(|w| w == pat)
            .map(|i| i + from)
    };
    let mut at = 0;
    let mut hit = 0;
    for _ in 0..=k {
        hit = find(at, b"warc-type: response").expect("response record");
        at = hit + 1;
    }
    let start = bytes[..hit]
        .windows(10)
        .rposition(|w| w == b"WARC/1.0\r\n")
        .expect("record start");
    let body = find(start, b"\r\n\r\n").expect("end of header") + 4;
    (start, body)
}

#[test]
fn a_truncated_warc_keeps_the_pages_before_the_break() {
    let pages = pages();
    let crawl = tempfile::tempdir().expect("tempdir");
    let p = crawl.path().join("crawl.warc");
    write_warc(&p, &pages, "2026-01-01T00:00:00Z", false);
    let whole = std::fs::read(&p).expect("read");
    let (start, body) = response_record(&whole, 3);
    // Cut inside the fourth page's record header, then inside its body.
    for cut in [start + 12, body + 50] {
        std::fs::write(&p, &whole[..cut]).expect("truncate");
        let out = tempfile::tempdir().expect("tempdir");
        let s = run(crawl.path(), out.path(), 2);
        let docs = lines(&out.path().join("documents.jsonl"));
        let pages_kept = docs.iter().filter(|d| d["parent_id"].is_null()).count();
        assert_eq!(pages_kept, 3, "the three pages before the cut at {cut}");
        let errors = lines(&out.path().join("errors.jsonl"));
        assert_eq!(errors.len(), 1, "cut at {cut}: {errors:?}");
        assert!(
            errors[0]["source"]
                .as_str()
                .unwrap_or("")
                .starts_with("crawl.warc#")
        );
        assert!(
            errors[0]["message"]
                .as_str()
                .unwrap_or("")
                .contains("truncated")
        );
        assert_eq!(s.errors, 1);
    }
}

#[test]
fn a_record_over_the_size_limit_is_skipped_not_held() {
    let mut pages = pages();
    let big = format!(
        "<html><head><title>Huge</title></head><body><article>{}</article></body></html>",
        "<p>Larisa Kharkova was sentenced on 25 July 2017.</p>\n".repeat(6000)
    );
    pages.insert(2, ("https://example.org/news/huge".into(), big));
    let crawl = tempfile::tempdir().expect("tempdir");
    write_warc(
        &crawl.path().join("crawl.warc.gz"),
        &pages,
        "2026-01-01T00:00:00Z",
        true,
    );
    let out = tempfile::tempdir().expect("tempdir");
    let s = casefile::pipeline::run(&casefile::pipeline::RunConfig {
        limits: casefile::limits::Limits {
            max_doc_bytes: 100_000,
            ..Default::default()
        },
        ..common::config(crawl.path(), out.path())
    })
    .expect("run");
    assert_eq!(s.sources, 6, "five pages and the skipped one");
    assert_eq!(s.files, 1);
    let errors = lines(&out.path().join("errors.jsonl"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("over the limit")
    );
    let docs = lines(&out.path().join("documents.jsonl"));
    assert_eq!(docs.iter().filter(|d| d["parent_id"].is_null()).count(), 5);
}

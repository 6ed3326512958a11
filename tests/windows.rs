//! Huge documents are annotated in windows and huge pages of tiny elements read without a
//! tree (bounded memory): windowed annotation gives a text of self-contained paragraphs the
//! same layers as annotating it whole, at the same offsets; a page over the node budget
//! keeps its visible text. The sentences are invented.

mod common;

use casefile::doc::Doc;
use casefile::pipeline::{Resources, windows};
use std::sync::OnceLock;

/// Resources annotating in windows of 400 bytes.
fn small() -> &'static Resources {
    static SMALL: OnceLock<Resources> = OnceLock::new();
    SMALL.get_or_init(|| {
        let mut r =
            Resources::load(&common::root().join("gazetteers"), None).expect("gazetteers load");
        r.window_bytes = 400;
        r
    })
}

fn res() -> &'static Resources {
    static R: OnceLock<Resources> = OnceLock::new();
    R.get_or_init(|| {
        Resources::load(&common::root().join("gazetteers"), None).expect("gazetteers load")
    })
}

const PARAGRAPHS: [&str; 4] = [
    "Tomas Varga, a union organiser, was arrested in Velmara on 3 May 2021.",
    "On 14 June 2020 a court in Ostrava fined Elena Moravec 20,000 crowns for an unsanctioned strike.",
    "Police detained Ilse Borand, chair of the Velmara Dockworkers Union, on 12 June 2022.",
    "The Velmara district court sentenced Odile Maret to two years in prison on 5 March 2019.",
];

fn text(copies: usize) -> String {
    let mut t = String::new();
    for k in 0..copies {
        for p in PARAGRAPHS {
            t.push_str(p);
            t.push_str(if k % 2 == 0 { "\n\n" } else { "\n" });
        }
    }
    t
}

#[test]
fn windows_cover_the_text_and_cut_at_breaks() {
    let t = text(12);
    for max in [64, 150, 300, 1000] {
        let w = windows(&t, max);
        assert_eq!(w[0].start, 0);
        assert_eq!(w.last().map(|r| r.end), Some(t.len()));
        for pair in w.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "windows are consecutive");
        }
        for r in &w {
            assert!(r.len() <= max, "window {r:?} over {max} bytes");
            // Every window but the last ends at a break: a line break where its second
            // half has one (windows of two paragraphs or more), else after a space.
            if r.end < t.len() {
                let cut = &t[..r.end];
                let has_line = t[r.start + max / 2..r.end].contains('\n');
                assert!(
                    cut.ends_with('\n') || (!has_line && cut.ends_with(' ')),
                    "window of {max} ends mid-word or mid-line: {:?}",
                    &t[r.start..r.end]
                );
                if max >= 1000 {
                    assert!(cut.ends_with('\n'));
                }
            }
        }
    }
    // A text without any break is cut on character boundaries.
    let one = "ż".repeat(100);
    let w = windows(&one, 15);
    assert!(
        w.iter()
            .all(|r| one.is_char_boundary(r.start) && r.len() <= 15)
    );
    assert_eq!(w.last().map(|r| r.end), Some(one.len()));
}

#[test]
fn windowed_annotation_equals_whole_annotation_on_self_contained_paragraphs() {
    let t = text(6);
    let mut whole = Doc::new("d", "d.txt", t.clone());
    res().annotate(&mut whole);
    let mut parts = Doc::new("d", "d.txt", t.clone());
    let mut n_windows = 0;
    let r: Result<(), ()> = res().annotate_windows_of(&mut parts, 400, |doc, part, base| {
        n_windows += 1;
        doc.append_shifted(part, base);
        Ok(())
    });
    assert!(r.is_ok());
    assert!(n_windows >= 4, "{n_windows} windows");
    assert!(parts.check_spans().is_ok(), "{:?}", parts.check_spans());
    assert_eq!(parts.published, whole.published);
    let mentions = |d: &Doc| -> Vec<(usize, usize, String)> {
        d.mentions
            .iter()
            .map(|m| (m.span.start, m.span.end, m.entity_id.to_string()))
            .collect()
    };
    let timexes = |d: &Doc| -> Vec<(usize, usize, String)> {
        d.timexes
            .iter()
            .map(|x| (x.span.start, x.span.end, x.value.clone()))
            .collect()
    };
    // A document reporting one event several times has it once; each window has it
    // once (the corpus merge joins them).
    let events = |d: &Doc| -> Vec<(String, Vec<String>, Option<casefile::doc::Date>)> {
        let mut v: Vec<_> = d
            .events
            .iter()
            .map(|e| (e.event_type.clone(), e.subjects.clone(), e.date))
            .collect();
        v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        v.dedup();
        v
    };
    assert!(!whole.mentions.is_empty() && !whole.events.is_empty());
    assert_eq!(mentions(&parts), mentions(&whole));
    assert_eq!(timexes(&parts), timexes(&whole));
    assert_eq!(events(&parts), events(&whole));
    // The shifted spans name the same words in the whole text.
    let last = parts.mentions.last().map(|m| m.span.of(&parts.text));
    assert_eq!(last, Some("Odile Maret"));
}

#[test]
fn a_page_of_too_many_elements_is_read_as_its_visible_text() {
    let mut html = String::from(
        "<html><head><title>Strike log</title><script>var hidden = 1;</script></head><body>",
    );
    html.push_str("<p>Tomas Varga was arrested in Velmara on 3 May 2021.</p>");
    for k in 0..170_000 {
        html.push_str(if k % 2 == 0 { "<b>x</b>" } else { "<i>y</i>" });
    }
    html.push_str("<p>Odile Maret was released on 9 May 2021.</p></body></html>");
    let e = casefile::clean::html::extract(&html);
    assert!(e.warning.is_some(), "no warning for {} bytes", html.len());
    assert_eq!(e.title.as_deref(), Some("Strike log"));
    assert!(
        e.text
            .starts_with("Tomas Varga was arrested in Velmara on 3 May 2021.\n\n")
    );
    assert!(
        e.text
            .ends_with("\n\nOdile Maret was released on 9 May 2021.")
    );
    assert!(!e.text.contains("hidden"));
    // The same page with fewer elements gets its tree and no warning.
    let small = html.replace("<b>x</b>", "").replace("<i>y</i>", "");
    let e = casefile::clean::html::extract(&small);
    assert!(e.warning.is_none());
    assert!(e.text.contains("Tomas Varga was arrested"));
}

#[test]
fn annotate_writes_a_huge_text_window_by_window_with_the_same_records() {
    let small = small();
    let t = text(6);
    let fmt = casefile::annotate::InputFormat::Text;
    let whole = casefile::annotate::annotate_str(res(), &t, fmt, None)
        .expect("annotates")
        .to_value();
    let parts = casefile::annotate::annotate_str(small, &t, fmt, None)
        .expect("annotates")
        .to_value();
    assert_eq!(parts["text"], whole["text"]);
    assert_eq!(parts["published"], whole["published"]);
    assert!(whole["mentions"].as_array().is_some_and(|m| m.len() >= 24));
    assert_eq!(parts["mentions"], whole["mentions"]);
    assert_eq!(parts["timexes"], whole["timexes"]);
    let kinds = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v["events"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| format!("{} {}", e["event_type"], e["subjects"]))
            .collect();
        k.sort();
        k.dedup();
        k
    };
    assert_eq!(kinds(&parts), kinds(&whole));
    assert_eq!(kinds(&whole).len(), 4);
    // The JSON-lines stream writes such a line as it is annotated: the same object.
    let line = serde_json::json!({"id": whole["id"], "text": t}).to_string();
    let mut out = Vec::new();
    casefile::annotate::annotate_stream(small, format!("{line}\n").as_bytes(), &mut out, None)
        .expect("stream");
    let got: serde_json::Value = serde_json::from_slice(&out).expect("one JSON line");
    assert_eq!(got["mentions"], whole["mentions"]);
    assert_eq!(got["timexes"], whole["timexes"]);
}

#[test]
fn annotate_gives_an_html_pages_title_and_author_windowed_or_not() {
    let small = small();
    let body: String = text(4)
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", p.replace('\n', " ")))
        .collect();
    let page = format!(
        "<html><head><title>Velmara union leader arrested | Velmara Daily</title>\
         <meta name='author' content='Odile Maret'></head><body><article>\
         <h1>Velmara union leader arrested</h1>{body}</article></body></html>"
    );
    let fmt = casefile::annotate::InputFormat::Html;
    for r in [res(), small] {
        let v = casefile::annotate::annotate_str(r, &page, fmt, None)
            .expect("annotates")
            .to_value();
        assert_eq!(v["title"], "Velmara union leader arrested");
        assert_eq!(v["author"], "Odile Maret");
        assert!(v["text"].as_str().is_some_and(|t| t.len() > 400));
    }
}

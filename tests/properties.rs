//! Property tests: the invariants the fuzz targets assert, on generated input in
//! `cargo test` (spans on character boundaries inside the text, surfaces equal to their
//! spans, deterministic output, no panic).

mod common;

use casefile::clean::fold::Folded;
use casefile::doc::{Date, DateOrigin, Doc, Published};
use casefile::pipeline::Resources;
use proptest::prelude::*;
use std::sync::OnceLock;

fn res() -> &'static Resources {
    static R: OnceLock<Resources> = OnceLock::new();
    R.get_or_init(|| Resources::load(&common::root().join("gazetteers"), None).unwrap())
}

/// Text that looks like the corpus: names, dates, terms, typography, Cyrillic, noise.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kharkova",
        "Yeleusinov",
        "Елеусинов",
        "KNPRK",
        "was sentenced",
        "was arrested",
        "on 25 July",
        "06.10.2017",
        "18-03-2022",
        "last year",
        "two and a half years",
        "KZT 25 million",
        "’s",
        "“",
        "”",
        "—",
        "\u{a0}",
        "\u{202f}",
        "р",
        "No. 2164-р",
        "\n",
        ". ",
        ", ",
        " ",
        "should be released",
        "not",
        "in Shymkent",
        "<div>",
        "</p>",
        "&amp;",
        "é",
        "ǅ",
        "\u{200b}",
        "🙂",
        "İ",
        "ß",
        "Ⅻ",
    ]);
    prop::collection::vec(
        prop_oneof![4 => pieces.prop_map(str::to_string), 1 => any::<String>()],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn html() -> impl Strategy<Value = String> {
    let tags = prop::sample::select(vec![
        "<html>",
        "<body>",
        "<article>",
        "<div class=\"content\">",
        "</div>",
        "<p>",
        "</p>",
        "<nav>",
        "</nav>",
        "<script>",
        "</script>",
        "<h1>",
        "</h1>",
        "<br>",
        "<li>",
        "<table><tr><td>",
        "</td>",
        "<!--",
        "-->",
        "<meta charset=\"utf-8\">",
        "<time datetime=\"2017-07-25\">",
        "<a href=\"/x\">",
        "</a>",
        "<",
        ">",
        "\"",
    ]);
    prop::collection::vec(prop_oneof![tags.prop_map(str::to_string), newsy()], 0..30)
        .prop_map(|v| v.concat())
}

fn annotate_text(text: &str, published: Option<Date>) -> Doc {
    let mut d = Doc::new("d", "d.txt", res().cleaner.clean_text(text));
    d.published = published.map(|date| Published {
        date,
        origin: DateOrigin::Meta,
    });
    res().annotate(&mut d);
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn folded_offsets_map_back_to_char_boundaries(s in newsy()) {
        let f = Folded::new(&s);
        let cuts: Vec<usize> = f.text.char_indices().map(|(i, _)| i).chain([f.text.len()]).collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|&&b| b >= a).take(6) {
                let (x, y) = f.to_original(a, b);
                prop_assert!(x <= y && y <= s.len());
                prop_assert!(s.is_char_boundary(x) && s.is_char_boundary(y));
            }
        }
    }

    #[test]
    fn annotation_keeps_spans_valid_and_is_deterministic(
        s in newsy(), y in 1990i32..2030, m in 1u32..13, d in 1u32..29, dated in any::<bool>()
    ) {
        let p = dated.then(|| Date::ymd(y, m, d));
        let a = annotate_text(&s, p);
        prop_assert!(a.check_spans().is_ok(), "{:?}", a.check_spans());
        let b = annotate_text(&s, p);
        prop_assert_eq!(&a.mentions, &b.mentions);
        prop_assert_eq!(&a.timexes, &b.timexes);
        prop_assert_eq!(&a.events, &b.events);
    }

    #[test]
    fn html_cleaning_never_breaks_invariants(page in html()) {
        let d1 = res().clean_html("f", "f.html", &page, None);
        let d2 = res().clean_html("f", "f.html", &page, None);
        prop_assert_eq!(&d1.text, &d2.text);
        for mut d in casefile::clean::split_entries(d1) {
            res().annotate(&mut d);
            prop_assert!(d.check_spans().is_ok(), "{:?}", d.check_spans());
        }
    }

    #[test]
    fn gazetteer_loader_reports_instead_of_panicking(s in newsy(), keys in prop::collection::vec(
        prop::sample::select(vec!["id: ", "type: ", "name: ", "alias: ", "ru: ", "acronym: ", "person", "org", "x/y", "\n", "\n\n", " | "]), 0..40)
    ) {
        let content = keys.concat() + &s;
        if let Ok(g) = casefile::gazetteer::Gazetteer::from_sources(&[("p.gaz".into(), content.clone())]) {
            let m = casefile::gazetteer::Matcher::new(&g).unwrap();
            let mut d = Doc::new("d", "d", content);
            d.sentences = casefile::sentences::split(&d.text);
            casefile::resolve::link(&mut d, &g, &m);
            prop_assert!(d.check_spans().is_ok());
        }
    }

    #[test]
    fn annotate_stream_answers_every_line(lines in prop::collection::vec(prop_oneof![
        newsy().prop_map(|t| serde_json::json!({"id": 1, "text": t}).to_string()),
        html().prop_map(|h| serde_json::json!({"id": 2, "html": h}).to_string()),
        newsy(),
    ], 0..8)) {
        let input: String = lines.iter().map(|l| l.replace('\n', " ") + "\n").collect();
        let mut out = Vec::new();
        casefile::annotate::annotate_stream(res(), input.as_bytes(), &mut out, None).unwrap();
        let out = String::from_utf8(out).unwrap();
        // One output line per input line, blank ones included.
        prop_assert_eq!(out.lines().count(), lines.len());
        for l in out.lines() {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            if let (Some(t), Some(ms)) = (v["text"].as_str(), v["mentions"].as_array()) {
                let chars: Vec<char> = t.chars().collect();
                for m in ms {
                    let (a, b) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
                    let surface: String = chars[a..b].iter().collect();
                    prop_assert_eq!(surface.as_str(), m["surface"].as_str().unwrap());
                }
            }
        }
    }
}

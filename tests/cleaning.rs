//! Real-page cleaning through the whole pipeline: encodings, publication dates from the
//! various kinds of metadata, pages written in bare <div>s, and a page with no article.

mod common;

use common::{lines, run};
use serde_json::Value;

const PROSE: &str = "The court in Astana sentenced the union leader to two and a half years in prison, a ruling that unions, lawyers and rights groups condemned as politically motivated.";
// A paragraph a page says twice is a copy and said once: pages here say distinct ones.
const PROSE2: &str = "A week later the appeal court in Velmara upheld the sentence, which his lawyers, colleagues and family called unjust and promised to take further.";
const PROSE3: &str = "Observers noted that the same judge had, in earlier cases, refused bail, delayed hearings and barred journalists from the courtroom.";

fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head>{head}</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>{body}<footer>© 2019 Example News | Contact</footer></body></html>"
    )
}

fn article() -> String {
    format!(
        "<article><h1>Union leader jailed</h1><p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE3}</p></article>"
    )
}

fn corpus_run(files: &[(&str, Vec<u8>)]) -> (Vec<Value>, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    run(dir.path(), out.path(), 2);
    (
        lines(&out.path().join("documents.jsonl")),
        lines(&out.path().join("errors.jsonl")),
    )
}

fn doc<'a>(docs: &'a [Value], source: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["source"] == source)
        .unwrap_or_else(|| panic!("no {source}"))
}

#[test]
fn legacy_cyrillic_pages_come_out_as_utf8() {
    let ru = "Суд в Астане приговорил Нурбека Кушакбаева к двум с половиной годам лишения свободы за призывы к забастовке, которую суд признал незаконной.";
    let body = format!("<article><p>{ru}</p><p>{ru}</p></article>");
    let plain = page("<title>Новости</title>", &body);
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&plain);
    let declared = page(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><title>Новости</title>",
        &body,
    );
    let (koi8, _, _) = encoding_rs::KOI8_R.encode(&declared);
    let (docs, errors) = corpus_run(&[
        ("cp1251.html", cp1251.into_owned()),
        ("koi8.html", koi8.into_owned()),
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    for s in ["cp1251.html", "koi8.html"] {
        let d = doc(&docs, s);
        assert!(
            d["text"].as_str().unwrap().contains(ru),
            "{s}: {}",
            d["text"]
        );
        assert_eq!(d["title"], "Новости");
    }
}

#[test]
fn publication_dates_from_metadata_json_ld_and_url() {
    let ld = page(
        "<title>T</title><meta property=\"og:site_name\" content=\"Example News\"><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2017-04-07T12:00:00+06:00\"}</script>",
        &article(),
    );
    let url_only = page(
        "<title>T</title><link rel=\"canonical\" href=\"https://example.org/news/2018/05/22/leaders-freed\">",
        &article(),
    );
    let future = page(
        "<title>T</title><meta property=\"article:published_time\" content=\"2999-01-01T00:00:00Z\">",
        &article(),
    );
    let byline = page(
        "<title>T</title>",
        &format!(
            "<article><h1>Union leader jailed</h1><div class=\"byline\">Monday November 18, 2019 7:45 am by A. Reporter</div><p>{PROSE}</p><p>{PROSE2}</p></article>"
        ),
    );
    let (docs, _) = corpus_run(&[
        ("ld.html", ld.into_bytes()),
        ("url.html", url_only.into_bytes()),
        ("future.html", future.into_bytes()),
        ("byline.html", byline.into_bytes()),
    ]);
    let published = |s: &str| doc(&docs, s)["published"].clone();
    assert_eq!(published("ld.html")["value"], "2017-04-07");
    assert_eq!(published("ld.html")["origin"], "meta");
    assert_eq!(doc(&docs, "ld.html")["site_name"], "Example News");
    assert_eq!(published("url.html")["value"], "2018-05-22");
    assert_eq!(
        doc(&docs, "url.html")["url"],
        "https://example.org/news/2018/05/22/leaders-freed"
    );
    assert_eq!(
        published("future.html"),
        Value::Null,
        "a date in the future is never accepted"
    );
    assert_eq!(published("byline.html")["value"], "2019-11-18");
}

#[test]
fn main_text_of_real_layouts() {
    let divs = page(
        "<title>Div page</title>",
        &format!(
            "<div id=\"menu\"><a href=\"/a\">Politics</a> <a href=\"/b\">Sport</a></div><div class=\"wrap\"><div>{PROSE}</div><div>{PROSE2}</div></div><div class=\"related\"><a href=\"/x\">Another story about courts</a></div>"
        ),
    );
    let full = page(
        "<title>Union leader jailed</title>",
        &format!(
            "<div class=\"share-bar\">Share on Facebook</div>{}<div class=\"newsletter\">Sign up for our newsletter</div><aside>Most read</aside>",
            article()
        ),
    );
    let nav_only = "<html><body><nav><a href=\"/\">Home</a><a href=\"/about\">About us</a></nav><footer>Contact</footer></body></html>";
    let (docs, errors) = corpus_run(&[
        ("divs.html", divs.into_bytes()),
        ("full.html", full.into_bytes()),
        ("nav.html", nav_only.as_bytes().to_vec()),
    ]);
    assert_eq!(
        doc(&docs, "divs.html")["text"],
        format!("{PROSE}\n\n{PROSE2}")
    );
    assert_eq!(
        doc(&docs, "full.html")["text"],
        format!("{PROSE}\n\n{PROSE2}\n\n{PROSE3}")
    );
    assert_eq!(doc(&docs, "full.html")["title"], "Union leader jailed");
    assert_eq!(doc(&docs, "full.html")["language"], "en");
    // A page with no article: an empty text and a warning, not a crash or a lost batch.
    assert_eq!(doc(&docs, "nav.html")["text"], "");
    let w = errors
        .iter()
        .find(|e| e["source"] == "nav.html")
        .expect("warning for nav.html");
    assert_eq!(w["stage"], "clean");
    assert!(w["message"].as_str().unwrap().contains("no main text"));
}

#[test]
fn a_short_paragraph_under_deep_nesting_is_main_text() {
    // Nested deeper than the tree keeps (256): the paragraph is flattened, not merged into
    // a bare <div> too short to count as prose.
    let para = "Tomas Varga was arrested in Velmara.";
    for depth in [10, 254, 255, 300, 5_000] {
        let html = page(
            "<title>Varga</title>",
            &format!(
                "{}<p>{para}</p>{}",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            ),
        );
        let (docs, errs) = corpus_run(&[("deep.html", html.into_bytes())]);
        assert!(
            doc(&docs, "deep.html")["text"]
                .as_str()
                .is_some_and(|t| t.contains(para)),
            "depth {depth}: {:?} {errs:?}",
            doc(&docs, "deep.html")["text"]
        );
    }
}

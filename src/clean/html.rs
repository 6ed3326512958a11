//! Main text and metadata from an HTML page, in one parse.
//!
//! The container is chosen by markup (`itemprop=articleBody`, `<article>`, `<main>`,
//! `role=main`), falling back to the element holding the most paragraph text. Inside it,
//! navigation, headers, footers, sidebars, forms, scripts and blocks whose class or id
//! names share/related/comment/newsletter/cookie/donation furniture are skipped. Block
//! elements become line breaks. The tree is walked with an explicit stack, so deeply
//! nested input cannot overflow the call stack.
//!
//! ```
//! use casefile::clean::html::extract;
//! let page = "<html><head><title>T</title></head><body><nav>Home</nav>\
//!   <article><h1>Title</h1><p>First para.</p><p>Second.</p></article></body></html>";
//! let e = extract(page);
//! assert_eq!(e.text, "Title\n\nFirst para.\n\nSecond.");
//! assert_eq!(e.title.as_deref(), Some("T"));
//! ```

use crate::doc::Date;
use ego_tree::NodeRef;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// What one parse of a page yields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The main text, blocks separated by blank lines.
    pub text: String,
    /// The page title.
    pub title: Option<String>,
    /// The publication date from metadata.
    pub published: Option<Date>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site name.
    pub site_name: Option<String>,
    /// Language code.
    pub language: Option<String>,
}

static DISCARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(^|[\s_-])(share|sharing|social|related|comment|comments|newsletter|subscribe|cookie|consent|donat\w*|advert\w*|ads?|promo|sidebar|breadcrumbs?|nav|navbar|menu|footer|header|masthead|popup|modal|banner|widget|tags|author-bio|byline-share|print|skip)($|[\s_-])",
    )
    .expect("discard regex")
});

const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "textarea", "template", "head", "object", "embed", "canvas", "input",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "address",
    "hr",
    "br",
    "tbody",
    "thead",
    "caption",
    "details",
    "summary",
];

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// Extracts the main text and metadata of an HTML page.
pub fn extract(html: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let meta = |selectors: &[&str]| -> Option<String> {
        selectors.iter().find_map(|s| {
            doc.select(&sel(s))
                .find_map(|e| e.value().attr("content").map(str::trim).map(String::from))
                .filter(|v| !v.is_empty())
        })
    };
    let title = meta(&["meta[property='og:title']", "meta[name='twitter:title']"])
        .or_else(|| first_text(&doc, "title"))
        .or_else(|| first_text(&doc, "h1"));
    let url = doc
        .select(&sel("link[rel='canonical']"))
        .find_map(|e| e.value().attr("href").map(String::from))
        .or_else(|| meta(&["meta[property='og:url']"]));
    let site_name = meta(&["meta[property='og:site_name']"]);
    let language = doc
        .select(&sel("html"))
        .find_map(|e| e.value().attr("lang").map(String::from));
    let published = published_date(&doc, url.as_deref());

    let container = choose_container(&doc);
    let text = container.map(block_text).unwrap_or_default();
    Extracted {
        text,
        title: title.map(|t| collapse(&t)),
        published,
        url,
        site_name,
        language,
    }
}

fn first_text(doc: &Html, s: &str) -> Option<String> {
    doc.select(&sel(s))
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

static LD_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})"#).expect("ld date"));
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?/")
        .expect("url date")
});

fn published_date(doc: &Html, url: Option<&str>) -> Option<Date> {
    let metas = [
        "meta[property='article:published_time']",
        "meta[name='article:published_time']",
        "meta[itemprop='datePublished']",
        "meta[name='pubdate']",
        "meta[name='publishdate']",
        "meta[name='date']",
        "meta[name='dc.date']",
        "meta[name='DC.date.issued']",
        "meta[property='og:published_time']",
    ];
    for m in metas {
        if let Some(d) = doc
            .select(&sel(m))
            .find_map(|e| e.value().attr("content"))
            .and_then(|v| Date::parse_iso(v.get(..10).unwrap_or(v)))
        {
            return Some(d);
        }
    }
    for e in doc.select(&sel("script[type='application/ld+json']")) {
        let t: String = e.text().collect();
        if let Some(d) = LD_DATE
            .captures(&t)
            .and_then(|c| Date::parse_iso(c.get(1)?.as_str()))
        {
            return Some(d);
        }
    }
    if let Some(d) = doc
        .select(&sel("time[datetime]"))
        .find_map(|e| e.value().attr("datetime"))
        .and_then(|v| Date::parse_iso(v.get(..10).unwrap_or(v)))
    {
        return Some(d);
    }
    if let Some(c) = url.and_then(|u| URL_DATE.captures(u)) {
        let y: i32 = c.get(1)?.as_str().parse().ok()?;
        let m: u32 = c.get(2)?.as_str().parse().ok()?;
        let d = c.get(3).and_then(|d| d.as_str().parse().ok());
        return Some(Date {
            year: y,
            month: Some(m),
            day: d,
        });
    }
    None
}

fn choose_container(doc: &Html) -> Option<ElementRef<'_>> {
    for s in [
        "[itemprop='articleBody']",
        "article",
        "main",
        "[role='main']",
    ] {
        let best = doc
            .select(&sel(s))
            .map(|e| (paragraph_chars(e), e))
            .max_by_key(|(n, _)| *n);
        if let Some((n, e)) = best
            && n >= 200
        {
            return Some(e);
        }
    }
    // Fall back to the element with the most paragraph text directly below it.
    let mut best: Option<(usize, ElementRef)> = None;
    for p in doc.select(&sel("p")) {
        if let Some(parent) = p.parent().and_then(ElementRef::wrap) {
            let n = paragraph_chars(parent);
            if best.as_ref().is_none_or(|(b, _)| n > *b) {
                best = Some((n, parent));
            }
        }
    }
    best.map(|(_, e)| e)
        .or_else(|| doc.select(&sel("body")).next())
        .or_else(|| Some(doc.root_element()))
}

fn paragraph_chars(e: ElementRef) -> usize {
    e.select(&sel("p"))
        .map(|p| p.text().map(|t| t.trim().len()).sum::<usize>())
        .sum()
}

fn skipped(e: &scraper::node::Element) -> bool {
    let name = e.name();
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    let class = e.attr("class").unwrap_or("");
    let id = e.attr("id").unwrap_or("");
    (!class.is_empty() && DISCARD.is_match(class)) || (!id.is_empty() && DISCARD.is_match(id))
}

enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    Leave(bool),
}

/// The text of an element with block structure as line breaks.
fn block_text(root: ElementRef) -> String {
    let mut out = String::new();
    let mut stack: Vec<Step> = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(block) => {
                if block {
                    out.push_str("\n\n");
                }
            }
            Step::Enter(node) => match node.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => {
                    if node.id() != root.id() && skipped(e) {
                        continue;
                    }
                    let block = BLOCK_TAGS.contains(&e.name());
                    if e.name() == "br" {
                        out.push('\n');
                        continue;
                    }
                    if block {
                        out.push_str("\n\n");
                    }
                    stack.push(Step::Leave(block));
                    let children: Vec<_> = node.children().collect();
                    for c in children.into_iter().rev() {
                        stack.push(Step::Enter(c));
                    }
                }
                _ => {}
            },
        }
    }
    tidy_blocks(&out)
}

/// Collapses whitespace inside lines and blank-line runs between blocks.
fn tidy_blocks(s: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for para in s.split("\n\n") {
        let lines: Vec<String> = para
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            blocks.push(lines.join("\n"));
        }
    }
    blocks.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_navigation_and_share_blocks() {
        let page = r#"<html lang="en"><head>
            <meta property="og:title" content="Union leader jailed">
            <meta property="article:published_time" content="2017-04-07T10:00:00Z">
            <link rel="canonical" href="https://example.org/a">
            </head><body>
            <header><a href="/">Home</a></header>
            <div class="share-buttons">Share on Facebook</div>
            <div id="content"><p>An Astana court sentenced Nurbek Kushakbayev on Friday to
            two and a half years in prison for calling for an illegal strike.</p>
            <p>His lawyer said the union would appeal the sentence in the coming days, and
            that the charges were politically motivated from the start.</p>
            <ul><li>First point</li><li>Second point</li></ul></div>
            <footer>© 2017 Example</footer></body></html>"#;
        let e = extract(page);
        assert!(
            e.text.starts_with("An Astana court sentenced"),
            "{}",
            e.text
        );
        assert!(e.text.contains("First point\n\nSecond point"));
        assert!(!e.text.contains("Share on Facebook"));
        assert!(!e.text.contains("© 2017"));
        assert_eq!(e.title.as_deref(), Some("Union leader jailed"));
        assert_eq!(e.published, Some(Date::ymd(2017, 4, 7)));
        assert_eq!(e.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(e.language.as_deref(), Some("en"));
    }

    #[test]
    fn navigation_only_page_is_empty() {
        let e = extract(
            "<html><body><nav><a href='/'>Home</a><a href='/x'>News</a></nav></body></html>",
        );
        assert_eq!(e.text, "");
    }
}

//! Main text and metadata from an HTML page, in one parse.
//!
//! The page is parsed once (`scraper`/html5ever); the metadata (title, publication date,
//! canonical URL, site name, language) is read from that parse and the main text is
//! extracted from it by [`super::main_text`].
//!
//! ```
//! use casefile::clean::html::extract;
//! let page = "<html><head><title>Union leader jailed</title></head><body><nav>Home</nav>\
//!   <article><h1>Union leader jailed</h1><p>An Astana court sentenced the union leader \
//!   to two and a half years in prison on Friday.</p><p>His lawyer said he would appeal \
//!   against the sentence.</p></article></body></html>";
//! let e = extract(page);
//! assert!(e.text.starts_with("An Astana court sentenced"));
//! assert!(e.text.ends_with("appeal against the sentence."));
//! assert_eq!(e.title.as_deref(), Some("Union leader jailed"));
//! ```

use crate::doc::Date;
use regex::Regex;
use scraper::{Html, Selector};
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

    let text = super::main_text::main_text(&doc, title.as_deref());
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
        assert!(
            e.text.contains("• First point\n\n• Second point"),
            "{}",
            e.text
        );
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

//! Main text and metadata from an HTML page, in one parse.
//!
//! The page is parsed once ([`super::dom`]); the metadata (title, publication date,
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

use super::dom::Dom;
use crate::dates::rules::is_weekday;
use crate::doc::Date;
use regex::Regex;
use std::sync::LazyLock;

mod author;

pub use author::author_name;

/// What one parse of a page yields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The main text, blocks separated by blank lines.
    pub text: String,
    /// The page title.
    pub title: Option<String>,
    /// The publication date from metadata.
    pub published: Option<Date>,
    /// The author or authors (`, ` between names), from metadata or the byline.
    pub author: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site name.
    pub site_name: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Why the page was read another way than usual (too many elements for the tree).
    pub warning: Option<String>,
}

/// Elements every page may have in its tree, whatever its size (real pages have at most a
/// few tens of thousands).
pub const NODES_ANY_PAGE: usize = 150_000;
/// Bytes of page per further element allowed: a page of tiny elements beyond
/// [`NODES_ANY_PAGE`] is read as visible text ([`dom::visible_text`]) instead, so that its
/// tree and main-text rules cost at most about four times its size.
pub const BYTES_PER_NODE: usize = 64;

/// Extracts the main text and metadata of an HTML page.
pub fn extract(html: &str) -> Extracted {
    extract_with(html, None)
}

/// As [`extract`], rejecting a publication date later than `not_after` (the crawl or file
/// date) or than today.
pub fn extract_with(html: &str, not_after: Option<Date>) -> Extracted {
    extract_limited(html, not_after, crate::clean::dom::MAX_DEPTH)
}

/// The page's title: its `<h1>` when the metadata's title contains it (the metadata adds
/// the site's name: `Union leader jailed | Example News`) or gives none; else the metadata's
/// title without a site name after its last separator.
fn page_title(meta: Option<String>, h1: Option<String>) -> Option<String> {
    let meta = meta.filter(|t| !t.is_empty());
    let h1 = h1.filter(|t| !t.is_empty() && t.chars().count() <= 300);
    match (meta, h1) {
        (None, h1) => h1,
        (Some(m), Some(h)) if m.to_lowercase().contains(&h.to_lowercase()) => Some(h),
        (Some(m), _) => Some(without_site_name(&m).to_string()),
    }
}

/// A title without the site name a separator sets after it (` | `, ` - `, ` – `, ` — `,
/// ` · `, ` :: `), when that last part is the shorter.
fn without_site_name(t: &str) -> &str {
    [" | ", " - ", " – ", " — ", " · ", " :: "]
        .iter()
        .filter_map(|sep| t.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|&(i, _)| i)
        .filter(|&(i, n)| t[i + n..].chars().count() < t[..i].chars().count())
        .map_or(t, |(i, _)| t[..i].trim_end())
}

/// [`extract_with`] with a nesting limit for the HTML tree.
///
/// A page with more elements than [`NODES_ANY_PAGE`] plus one per [`BYTES_PER_NODE`] bytes
/// is not parsed into a tree: its whole visible text is taken, with its `<title>`, and a
/// warning says so.
pub fn extract_limited(html: &str, not_after: Option<Date>, max_depth: usize) -> Extracted {
    let budget = NODES_ANY_PAGE + html.len() / BYTES_PER_NODE;
    let Some(dom) = Dom::parse_budgeted(html, max_depth, budget) else {
        let (text, title) = super::dom::visible_text(html);
        return Extracted {
            text,
            title,
            published: None,
            author: None,
            url: None,
            site_name: None,
            language: None,
            warning: Some(format!(
                "over {budget} HTML elements: the page's whole visible text is taken \
                 (no main-text extraction, no metadata but its title)"
            )),
        };
    };
    let m = Meta::collect(&dom);
    let title = page_title(
        m.get(&["og:title", "twitter:title"])
            .or_else(|| m.title.clone())
            .map(|t| collapse(&t)),
        m.h1.map(|h| collapse(&dom.text_of(h))),
    );
    let url = m.canonical.clone().or_else(|| m.get(&["og:url"]));
    let site_name = m.get(&["og:site_name", "application-name"]);
    let language = m
        .lang
        .clone()
        .or_else(|| m.get(&["content-language", "og:locale", "dc.language"]))
        .map(|l| l.replace('_', "-"));
    let limit = latest_acceptable(not_after);
    let published = published_date(&dom, &m, url.as_deref()).filter(|d| *d <= limit);
    // A list of entries, a product or a documentation page has no one author: its
    // entries' and reviews' writers are theirs (on WCXB dev the rule takes away 5 wrong
    // authors and no right one).
    let author = if undated_kind(&m, url.as_deref()) {
        None
    } else {
        author::page_author(&dom, &m)
    };
    let index = url.as_deref().is_some_and(index_url);
    let text = super::main_text::main_text_of(&dom, title.as_deref(), index);
    Extracted {
        text,
        title,
        published,
        author,
        url,
        site_name,
        language,
        warning: None,
    }
}

/// The latest publication date to believe: the crawl/file date if given, and never after
/// today (by the system clock).
pub fn latest_acceptable(not_after: Option<Date>) -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let today = crate::dates::calendar::from_days((secs / 86_400) as i64);
    not_after.map_or(today, |d| d.min(today))
}

/// Everything the metadata rules read, gathered in one pass over the page.
#[derive(Default)]
struct Meta {
    metas: Vec<(String, String)>,
    title: Option<String>,
    h1: Option<usize>,
    canonical: Option<String>,
    lang: Option<String>,
    /// `<time>` elements, in page order.
    times: Vec<usize>,
    /// JSON-LD scripts, parsed (a script that is no JSON is left out).
    json_ld: Vec<serde_json::Value>,
    /// Every `@type` the JSON-LD scripts name, at any depth.
    ld_types: Vec<String>,
}

impl Meta {
    fn collect(d: &Dom) -> Meta {
        let mut m = Meta::default();
        let mut headings = Vec::new();
        for i in d.elements() {
            match d.tag(i) {
                "meta" => {
                    let key = d
                        .attr(i, "property")
                        .or_else(|| d.attr(i, "name"))
                        .or_else(|| d.attr(i, "itemprop"))
                        .or_else(|| d.attr(i, "http-equiv"));
                    if let (Some(k), Some(v)) = (key, d.attr(i, "content")) {
                        let v = v.trim();
                        if !v.is_empty() {
                            m.metas.push((k.to_ascii_lowercase(), v.to_string()));
                        }
                    }
                }
                "title" if m.title.is_none() => {
                    m.title = Some(d.text_of(i)).filter(|t| !t.is_empty())
                }
                "h1" | "h2" | "h3" if headings.len() < MAX_HEADINGS => headings.push(i),
                "link"
                    if m.canonical.is_none()
                        && d.attr(i, "rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                {
                    // A canonical link is an address (`https://...` or `/path`), not a
                    // title a template put there.
                    m.canonical = d
                        .attr(i, "href")
                        .map(str::trim)
                        .filter(|h| {
                            (h.starts_with("http://")
                                || h.starts_with("https://")
                                || h.starts_with('/'))
                                && !h.contains(char::is_whitespace)
                        })
                        .map(String::from);
                }
                "html" if m.lang.is_none() => {
                    m.lang = d
                        .attr(i, "lang")
                        .map(String::from)
                        .filter(|l| !l.is_empty())
                }
                "time" => m.times.push(i),
                "script" if d.attr(i, "type").is_some_and(|t| t.contains("ld+json")) => {
                    let script: String = d.children(i).filter_map(|c| d.text(c)).collect();
                    if let Ok(v) = serde_json::from_str(script.trim()) {
                        m.json_ld.push(v);
                    }
                }
                _ => {}
            }
        }
        m.h1 = m.title_heading(d, &headings);
        m.ld_types = m.json_ld.iter().flat_map(ld_types).collect();
        m
    }

    /// The heading that titles the page: the first `<h1>` whose words are the metadata
    /// title's ([`titles_the_page`]: a site's logo or its search box may be an `<h1>` too),
    /// else the first non-empty `<h1>` (an empty one is a logo's image) or an `<h2>`/`<h3>`
    /// stating the metadata title, whichever comes first.
    fn title_heading(&self, d: &Dom, headings: &[usize]) -> Option<usize> {
        let titles: Vec<Vec<String>> = [
            self.get(&["og:title"]),
            self.get(&["twitter:title"]),
            self.title.clone(),
        ]
        .into_iter()
        .flatten()
        .map(|t| words_of(&t))
        .filter(|w| !w.is_empty())
        .collect();
        let text: Vec<(usize, String)> = headings
            .iter()
            .map(|&i| (i, d.text_of(i)))
            .filter(|(_, t)| !t.trim().is_empty())
            .collect();
        let titled = |level: &[&str]| {
            text.iter()
                .filter(|(i, _)| level.contains(&d.tag(*i)))
                .find(|(_, t)| {
                    let w = words_of(t);
                    titles.iter().any(|title| titles_the_page(&w, title))
                })
                .map(|&(i, _)| i)
        };
        let first_h1 = text
            .iter()
            .find(|(i, _)| d.tag(*i) == "h1")
            .map(|&(i, _)| i);
        // A lower heading stating the title before the first `<h1>` (a pull quote set as
        // one) is the title; after it, the `<h1>` is (its own wording of the title).
        titled(&["h1"]).or(match (titled(&["h2", "h3"]), first_h1) {
            (Some(h), Some(f)) => Some(h.min(f)),
            (h, f) => h.or(f),
        })
    }

    /// The first meta content among `keys` (lower case), in key order.
    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, _)| mk == k)
                .map(|(_, v)| v.clone())
        })
    }
}

/// Headings read for the page's title heading.
const MAX_HEADINGS: usize = 400;

/// Lower-case words (letters and digits) of a text.
fn words_of(t: &str) -> Vec<String> {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a heading of words `heading` states the metadata title `title`: most of its
/// words ([`TITLE_SHARE`]) are the title's, and it is no mere fragment of it (at least
/// [`TITLE_COVER`] of the title's words; the title adds the site's name).
fn titles_the_page(heading: &[String], title: &[String]) -> bool {
    if heading.is_empty() {
        return false;
    }
    let shared = heading.iter().filter(|w| title.contains(w)).count();
    shared as f64 >= TITLE_SHARE * heading.len() as f64
        && heading.len() as f64 >= TITLE_COVER * title.len() as f64
}

/// Least share of a title heading's words found in the metadata title.
const TITLE_SHARE: f64 = 0.7;
/// Least size of a title heading against the metadata title's, in words.
const TITLE_COVER: f64 = 0.4;

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2]|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)(?:[/-](0?[1-9]|[12]\d|3[01])(?:[/+_.-]|$)|/)",
    )
    .expect("url date")
});

fn iso_prefix(v: &str) -> Option<Date> {
    let v = v.trim();
    // `03-09-2026` is no ISO date (it would be the year 3).
    if !(v.len() >= 5
        && v.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && v.as_bytes()[4] == b'-')
    {
        return None;
    }
    // `0001-01-01` is a content system's empty date, not a publication date.
    Date::parse_iso(v.get(..10).unwrap_or(v)).filter(|d| d.year >= MIN_PUBLISHED_YEAR)
}

/// Years before this in a page's date metadata are placeholders (`0001-01-01T00:00:00Z`).
const MIN_PUBLISHED_YEAR: i32 = 1900;

/// A metadata date: ISO (`2024-03-05T10:00:00Z`), else written out (`July 17, 2025`,
/// `Thu, 09/25/2025 - 11:38`, `2019/1/22`); never an all-digit day-first value.
fn meta_date(v: &str) -> Option<Date> {
    iso_prefix(v).or_else(|| year_first(v)).or_else(|| {
        (v.contains('/') || v.chars().any(char::is_alphabetic))
            .then(|| dateline_date(v))
            .flatten()
    })
}

/// Month names' first three letters, January first.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A month written as a number (`05`) or a name (`Jan`, `october`).
fn month_of(mo: &str) -> Option<u32> {
    mo.parse().ok().or_else(|| {
        let low = mo.to_ascii_lowercase();
        Some(MONTHS.iter().position(|m| low.starts_with(m))? as u32 + 1)
    })
}

/// A year-first date of a citation's metadata: `2019/1/22`, `2023 Jan 7`.
fn year_first(v: &str) -> Option<Date> {
    let mut parts = v.trim().split(['/', ' ']).filter(|p| !p.is_empty());
    let (y, mo, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month = month_of(mo)?;
    let day: u32 = d.parse().ok()?;
    Date::parse_iso(&format!("{year:04}-{month:02}-{day:02}"))
}

/// The date a `<time>` element shows, when it shows a day without a clock time.
fn shown_day(t: &str) -> Option<Date> {
    if t.contains(':') {
        return None;
    }
    dateline_date(t)
}

/// The publication date: metadata (`article:published_time`...), the dates the page shows
/// (`<time datetime>`, a date line near the title), then an article's JSON-LD
/// `datePublished` (on WCXB dev the shown date is the page's where the two differ: 18 pages
/// against 16, and 12 pages with a JSON-LD date state none), then a date in the URL.
fn published_date(d: &Dom, m: &Meta, url: Option<&str>) -> Option<Date> {
    // A site's front page (its URL's path is `/`) is no article unless it says so: its
    // dates are its entries'.
    if let Some(u) = url
        && url_path(u).is_none_or(|p| p.trim_matches('/').is_empty())
        && m.get(&["og:type"])
            .is_none_or(|t| !t.eq_ignore_ascii_case("article"))
    {
        return None;
    }
    if undated_kind(m, url) {
        return None;
    }
    let in_url = url.and_then(url_date);
    // A timestamp in UTC may fall a day after the local date the URL gives (an evening
    // article in the Americas): the URL's day is the page's.
    let near_url = |v: Date| match in_url {
        Some(u)
            if u.day.is_some()
                && v.day.is_some()
                && (crate::dates::calendar::to_days(u) - crate::dates::calendar::to_days(v))
                    .abs()
                    == 1 =>
        {
            u
        }
        _ => v,
    };
    let keys = [
        "article:published_time",
        "datepublished",
        "og:published_time",
        "pubdate",
        "publishdate",
        "publish-date",
        "article.published",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "date",
        "sailthru.date",
        "parsely-pub-date",
        "og:article:published_time",
        "published-date",
        "w-published-date",
        "published",
        "citation_publication_date",
        "citation_date",
    ];
    if let Some(v) = m.get(&keys).and_then(|v| meta_date(&v)) {
        return Some(near_url(v));
    }
    if let Some(v) = m
        .times
        .iter()
        .filter(|&&t| {
            dates_the_page(d, t, m.h1) && !dates_an_entry(d, t, m.h1) && !labelled_other(d, t, "")
        })
        .find_map(|&t| match d.attr(t, "datetime") {
            // A UTC timestamp may fall a day off the local date the element shows
            // (`<time datetime="2024-04-17T21:13Z">April 18, 2024</time>`): the shown day
            // (a day alone: a shown clock time is read no further).
            Some(v) => iso_prefix(v).map(|v| match shown_day(&d.text_of(t)) {
                Some(shown)
                    if v.day.is_some()
                        && (crate::dates::calendar::to_days(shown)
                            - crate::dates::calendar::to_days(v))
                        .abs()
                            == 1 =>
                {
                    shown
                }
                _ => v,
            }),
            // `<time>Published on June 04, 2025</time>`: the date it shows.
            None => dateline_date(&d.text_of(t)),
        })
    {
        return Some(near_url(v));
    }
    if let Some(v) = date_near_title(d, m.h1).or_else(|| labelled_published(d, m.h1)) {
        return Some(v);
    }

    // A page whose `og:type` says it is a website, not an article, takes no date from a
    // JSON-LD article its template declares (on WCXB dev: 6 such dates, none right).
    let website = m
        .get(&["og:type"])
        .is_some_and(|t| t.eq_ignore_ascii_case("website"));
    if !website && let Some(v) = m.json_ld.iter().find_map(ld_published) {
        return Some(near_url(v));
    }
    in_url
}

/// JSON-LD types of a web page that is no article: a product's page, a shop's or a topic's
/// list of entries.
const UNDATED_LD_TYPES: &[&str] = &["ItemPage", "CollectionPage", "Product"];

/// Path segments of a documentation page's URL (`/docs/guides/auth`), and first labels of
/// a documentation site's host (`docs.example.dev`).
const DOCS_SEGMENTS: &[&str] = &["docs", "documentation"];
const DOCS_HOSTS: &[&str] = &["docs", "developer"];

/// Last path segments of a section's index, a list of its entries (`/news`, `/blog/`).
const SECTION_INDEXES: &[&str] = &[
    "news",
    "blog",
    "blogs",
    "articles",
    "press",
    "newsroom",
    "press-releases",
    "insights",
    "stories",
    "latest",
    "events",
    "updates",
];

/// First path segments of a business's pages on what it offers (on WCXB dev, 45 pages,
/// none stating a publication date; not `features`: a magazine's feature articles).
const OFFER_SEGMENTS: &[&str] = &[
    "service",
    "services",
    "solutions",
    "products",
    "pricing",
    "industries",
];

/// Path segments naming a taxonomy whose terms' pages list entries (`/tag/x`,
/// `/sections/x`; not `topic`: a forum's threads are `/topic/123-title`, an encyclopedia's
/// articles `/topic/x`).
const TAXONOMY_SEGMENTS: &[&str] = &[
    "tag",
    "tags",
    "category",
    "categories",
    "section",
    "sections",
    "genre",
    "genres",
    "list",
    "archive",
    "archives",
];

/// Whether the page is of a kind that states no publication date, whatever dates its
/// metadata carries (a CMS gives every page an `article:published_time`): a product
/// (`og:type` `product`), a page whose JSON-LD declares it an [`UNDATED_LD_TYPES`] and no
/// article, a documentation page (a [`DOCS_SEGMENTS`] segment in its URL's path, a
/// [`DOCS_HOSTS`] host), a section's index (its URL's path ends in a [`SECTION_INDEXES`]),
/// a taxonomy term's index (a [`TAXONOMY_SEGMENTS`] segment before the last), a
/// business's page on what it offers (its path starts with an [`OFFER_SEGMENTS`]).
fn undated_kind(m: &Meta, url: Option<&str>) -> bool {
    if m.get(&["og:type"])
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("product"))
    {
        return true;
    }
    let types = &m.ld_types;
    let article = types.iter().any(|t| is_article_type(t));
    if !article && types.iter().any(|t| UNDATED_LD_TYPES.contains(&t.as_str())) {
        return true;
    }
    let Some(u) = url else { return false };
    let segments = path_segments(u);
    if index_segments(&segments) {
        return true;
    }
    // `/services/advisory/hr/`, `/products/x`: what a business offers, not a dated text.
    if segments.first().is_some_and(|f| named(f, OFFER_SEGMENTS)) {
        return true;
    }
    let host = u.split_once("://").map_or(u, |(_, r)| r);
    let first = host.split(['.', '/']).next().unwrap_or("");
    named(first, DOCS_HOSTS) || segments.iter().any(|s| named(s, DOCS_SEGMENTS))
}

fn named(seg: &str, words: &[&str]) -> bool {
    words.iter().any(|w| seg.eq_ignore_ascii_case(w))
}

/// Whether a URL's path segments address an index of entries: a section's (the path
/// ends in a [`SECTION_INDEXES`]: `/news`, `/blog/`) or a taxonomy term's (`/sections/
/// science/`, `/category/co-op`, `/genre/action`: a [`TAXONOMY_SEGMENTS`] segment and one
/// after it).
fn index_segments(segments: &[&str]) -> bool {
    segments.last().is_some_and(|l| named(l, SECTION_INDEXES))
        || (segments.len() >= 2 && named(segments[segments.len() - 2], TAXONOMY_SEGMENTS))
}

/// Whether a page's URL addresses an index of entries ([`index_segments`]).
fn index_url(u: &str) -> bool {
    index_segments(&path_segments(u))
}

/// The non-empty segments of a URL's path (none when it has no path).
fn path_segments(u: &str) -> Vec<&str> {
    url_path(u)
        .map(|p| p.split('/').filter(|s| !s.is_empty()).collect())
        .unwrap_or_default()
}

/// Whether a JSON-LD `@type` names an article or a post (`NewsArticle`, `BlogPosting`,
/// `DiscussionForumPosting`...).
fn is_article_type(s: &str) -> bool {
    s.ends_with("Article") || s.ends_with("Posting")
}

/// Every `@type` named in a JSON-LD script's value, at any depth.
fn ld_types(v: &serde_json::Value) -> Vec<String> {
    ld_objects(v)
        .flat_map(ld_type_names)
        .map(String::from)
        .collect()
}

/// The JSON-LD objects in a script's value, at any depth (`@graph` lists too), in document
/// order.
pub(super) fn ld_objects(
    v: &serde_json::Value,
) -> impl Iterator<Item = &serde_json::Map<String, serde_json::Value>> {
    let mut stack = vec![v];
    std::iter::from_fn(move || {
        while let Some(x) = stack.pop() {
            match x {
                serde_json::Value::Object(o) => {
                    stack.extend(o.values().rev());
                    return Some(o);
                }
                serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
                _ => {}
            }
        }
        None
    })
}

/// The `@type` names of a JSON-LD object (one name, or a list of them).
pub(super) fn ld_type_names(
    o: &serde_json::Map<String, serde_json::Value>,
) -> impl Iterator<Item = &str> {
    let t = o.get("@type");
    t.and_then(|t| t.as_str()).into_iter().chain(
        t.and_then(|t| t.as_array())
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str()),
    )
}

/// Words of the class or id of a block whose dates are not the page's: comments, reviews,
/// sidebars, lists of other articles, footers.
const OTHER_DATES: &[&str] = &[
    "comment",
    "review",
    "sidebar",
    "related",
    "recent",
    "footer",
    "teaser",
    "views-row",
    "river",
];

/// Words naming an article's own parts (its footer: `entry-footer`, `post-footer`).
const ARTICLE_PARTS: &[&str] = &["article", "entry", "post"];

/// Whether the `<time>` element `t` may date the page: not more than
/// [`NODES_BEFORE_TITLE`] text nodes above the title, not inside a footer, an aside, a
/// navigation, a list item or a block of [`OTHER_DATES`], unless that block holds the
/// title (`h1`) too.
fn dates_the_page(d: &Dom, t: usize, h1: Option<usize>) -> bool {
    // Far above the title (a header's clock, the last visit): more than the text nodes
    // read before the title for a date block.
    if let Some(h) = h1
        && t < h
        && (d.subtree_end(t)..h)
            .filter(|&i| d.text(i).is_some_and(|x| !x.trim().is_empty()))
            .nth(NODES_BEFORE_TITLE)
            .is_some()
    {
        return false;
    }
    let mut a = d.parent(t);
    while let Some(i) = a {
        if h1.is_some_and(|h| i <= h && h < d.subtree_end(i)) {
            return true;
        }
        let names = format!(
            "{} {}",
            d.attr(i, "class").unwrap_or(""),
            d.attr(i, "id").unwrap_or("")
        )
        .to_lowercase();
        // An article's own footer (`entry-footer`, `article-footer`) holds its date.
        let own_footer = (d.tag(i) == "footer" || names.contains("footer"))
            && ARTICLE_PARTS.iter().any(|w| names.contains(w));
        if own_footer {
            a = d.parent(i);
            continue;
        }
        if matches!(d.tag(i), "footer" | "aside" | "nav") {
            return false;
        }
        if OTHER_DATES.iter().any(|w| names.contains(w)) {
            return false;
        }
        a = d.parent(i);
    }
    true
}

/// The most text an entry of a list (its title, date and teaser) holds.
const ENTRY_CHARS: usize = 600;

/// Whether the `<time>` element `t` dates an entry of a list of other pages: a small block
/// (at most [`ENTRY_CHARS`] of text, without the page's title `h1`) holding the time and a
/// heading with a link (`<li><h3><a href=..>Other story</a></h3><time ..></li>`).
fn dates_an_entry(d: &Dom, t: usize, h1: Option<usize>) -> bool {
    let mut a = d.parent(t);
    while let Some(i) = a {
        let end = d.subtree_end(i);
        if h1.is_some_and(|h| i <= h && h < end) {
            return false;
        }
        let chars: usize = (i..end).filter_map(|j| d.text(j)).map(str::len).sum();
        if chars > ENTRY_CHARS {
            return false;
        }
        let linked_heading = (i..end).any(|h| {
            matches!(d.tag(h), "h2" | "h3" | "h4" | "h5" | "h6")
                && (h..d.subtree_end(h)).any(|x| d.tag(x) == "a")
        });
        if linked_heading {
            return true;
        }
        a = d.parent(i);
    }
    false
}

/// The path of a URL (`/2019/05/12/story` of `https://example.org/2019/05/12/story?x=1`).
fn url_path(u: &str) -> Option<&str> {
    let rest = u.split_once("://").map_or(u, |(_, r)| r);
    let path = &rest[rest.find('/')?..];
    Some(path.split(['?', '#']).next().unwrap_or(path))
}

/// A date in a URL's path (`/2019/05/12/`, `/2019/05/`, `/2019/october/03/`,
/// `/2019-05-12-slug`).
fn url_date(u: &str) -> Option<Date> {
    let c = URL_DATE.captures(u)?;
    let y: i32 = c.get(1)?.as_str().parse().ok()?;
    let mo = month_of(c.get(2)?.as_str())?;
    let day = c.get(3).and_then(|x| x.as_str().parse().ok());
    Some(Date {
        year: y,
        month: Some(mo),
        day,
    })
}

/// The `datePublished` of a JSON-LD object that is an article or a post (`Article`,
/// `NewsArticle`, `BlogPosting`, `DiscussionForumPosting`...), anywhere in the script's
/// value (`@graph` lists too). A web page's, a review's or a product's own date is not the
/// publication date of the page's text.
fn ld_published(v: &serde_json::Value) -> Option<Date> {
    ld_article_find(v, |o| {
        o.get("datePublished")
            .and_then(|d| d.as_str())
            .and_then(iso_prefix)
    })
}

/// The first value `f` gives of the JSON-LD objects that are articles or posts ([`is_article_type`]),
/// in document order at any depth of a script's value.
fn ld_article_find<'a, T>(
    v: &'a serde_json::Value,
    f: impl FnMut(&'a serde_json::Map<String, serde_json::Value>) -> Option<T>,
) -> Option<T> {
    ld_objects(v)
        .filter(|o| ld_type_names(o).any(is_article_type))
        .find_map(f)
}

/// The longest text node read as a dateline or byline near the title.
const DATELINE_CHARS: usize = 60;

/// A full date written in the few text nodes after the page's `<h1>` (a dateline or
/// byline: "Monday November 18, 2019 7:45 am PST by ..."), else in the few before it (a
/// date block above the title). None when that window holds more than two distinct dates
/// (a list of entries, not an article's byline).
fn date_near_title(d: &Dom, h1: Option<usize>) -> Option<Date> {
    let h1 = h1?;
    let nonempty = |i: usize| d.text(i).filter(|t| !t.trim().is_empty()).map(|t| (i, t));
    let after = (d.subtree_end(h1)..d.len())
        .filter_map(nonempty)
        .take(NODES_AFTER_TITLE);
    let before = (0..h1).rev().filter_map(nonempty).take(NODES_BEFORE_TITLE);
    // The node's own words before its date label it too (`Joined: Mar 2, 2019`).
    let dated = |(i, t): (usize, &str)| {
        let (at, v) = dateline_date_at(t)?;
        (!labelled_other(d, i, &t[..at])).then_some(v)
    };
    let found: Vec<Date> = after.chain(before).filter_map(dated).collect();
    let mut distinct = found.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() > 2 {
        return None;
    }
    found.first().copied()
}

/// Words that label a shown date as another's than the page's: a member's (`Joined:`,
/// `Member since`), an organisation's founding, a person's birth, an offer's or event's
/// (lower case; matched at the end of the label).
const OTHER_DATE_LABELS: &[&str] = &[
    "joined",
    "registered",
    "member since",
    "founded",
    "established",
    "born",
    "last seen",
    "last visit",
    "last active",
    "last login",
    "expires",
    "deadline",
];

/// The most text a date's label block holds (`Joined: <span>Feb 27, 2016</span>`): the
/// ancestors of the date read for the words before it.
const LABEL_BLOCK_CHARS: usize = 150;

/// How far before the date its label is read.
const LABEL_CHARS: usize = 24;

/// Words that label a shown date as the page's publication (lower case; matched at the
/// end of the label: `Published on:`, `Posted on`, `Date published`).
const PUBLISHED_LABELS: &[&str] = &[
    "published",
    "posted",
    "publication date",
    "date of publication",
    "veröffentlicht",
    "veröffentlicht am",
    "publié le",
    "publié",
    "publicado",
    "pubblicato",
    "gepubliceerd",
    "опубликовано",
];

/// The label of the date at node `n` (a `<time>` element or a text node), whose own text
/// before the date is `own`: the words before it, lower case, at most [`LABEL_CHARS`] of
/// them, within its label block (the ancestors of up to [`LABEL_BLOCK_CHARS`] of text),
/// without trailing punctuation and a trailing `on`/`in` (`Posted on:` is `posted`).
fn date_label(d: &Dom, n: usize, own: &str) -> String {
    // Whether the subtree of `i` holds more text than a label block (read no further).
    let too_long = |i: usize| {
        let mut sum = 0;
        (i..d.subtree_end(i)).filter_map(|j| d.text(j)).any(|t| {
            sum += t.len();
            sum > LABEL_BLOCK_CHARS
        })
    };
    let mut block = n;
    let mut a = d.parent(n);
    while let Some(i) = a {
        if too_long(i) {
            break;
        }
        block = i;
        a = d.parent(i);
    }
    let mut before: String = (block..n).filter_map(|j| d.text(j)).collect();
    before.push_str(own);
    let before = before.to_lowercase();
    let label = before.trim_end_matches(|c: char| !c.is_alphanumeric());
    // The weekday written before the date is the date's (`Joined: Sun Dec 17, 2023`).
    let label = match label.rsplit_once(|c: char| !c.is_alphanumeric()) {
        Some((head, last)) if is_weekday(last) => head,
        None if is_weekday(label) => "",
        _ => label,
    };
    let label = label
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(" on")
        .trim_end_matches(" in")
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = label
        .char_indices()
        .rev()
        .nth(LABEL_CHARS - 1)
        .map_or(0, |(i, _)| i);
    label[start..].to_string()
}

/// Whether the date at node `n` is labelled as another's than the page's
/// ([`OTHER_DATE_LABELS`], see [`date_label`]).
fn labelled_other(d: &Dom, n: usize, own: &str) -> bool {
    let label = date_label(d, n, own);
    OTHER_DATE_LABELS.iter().any(|w| label.ends_with(w))
}

/// The first date the page labels as its publication ([`PUBLISHED_LABELS`]: `Published
/// On: 15 August 2025`, `<h4>Published</h4><div>July 8, 2025</div>`, `Posted on <time>`),
/// anywhere but in a comment or an entry of a list of other pages.
fn labelled_published(d: &Dom, h1: Option<usize>) -> Option<Date> {
    // A cheap look first: a digit in the node, a label word in it or in the text before.
    static LABEL_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["publi", "posted", "опубликовано", "Опубликовано"])
            .expect("label words")
    });
    let has_label_word = |t: &str| LABEL_WORDS.is_match(t);
    let mut prev = "";
    for i in 0..d.len() {
        let Some(t) = d.text(i).filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let before = std::mem::replace(&mut prev, t);
        // (A dateline is short: longer text is no date's label or dateline.)
        if t.len() > 4 * DATELINE_CHARS
            || !t.bytes().any(|b| b.is_ascii_digit())
            || !(has_label_word(t) || has_label_word(before))
        {
            continue;
        }
        let Some((at, v)) = dateline_date_at(t) else {
            continue;
        };
        let label = date_label(d, i, &t[..at]);
        if PUBLISHED_LABELS.iter().any(|w| label.ends_with(w))
            && !in_comment(d, i)
            && !dates_an_entry(d, i, h1)
        {
            return Some(v);
        }
    }
    None
}

/// Whether node `i` lies in a comment (an ancestor's class or id names one).
fn in_comment(d: &Dom, i: usize) -> bool {
    let mut a = d.parent(i);
    while let Some(p) = a {
        let named = ["class", "id"].iter().any(|k| {
            d.attr(p, k)
                .is_some_and(|v| v.to_ascii_lowercase().contains("comment"))
        });
        if named {
            return true;
        }
        a = d.parent(p);
    }
    false
}

/// Text nodes read after the title for its dateline, and before it.
const NODES_AFTER_TITLE: usize = 30;
const NODES_BEFORE_TITLE: usize = 10;

/// The full date of a short text node (a dateline or byline), unless it is one end of a
/// range.
fn dateline_date(t: &str) -> Option<Date> {
    dateline_date_at(t).map(|(_, d)| d)
}

/// [`dateline_date`] with the byte offset in `t` where the date is written.
fn dateline_date_at(t: &str) -> Option<(usize, Date)> {
    // A dateline or byline is short; a date inside a sentence is an event's.
    // A full date is written with digits (a day or a year): a text without is no dateline,
    // and most text nodes near a title have none.
    if !t.bytes().any(|b| b.is_ascii_digit()) || t.trim().chars().count() > DATELINE_CHARS {
        return None;
    }
    let cands = crate::dates::Tagger::calendar_dates().candidates(t);
    // Two dates joined as a range (`January 6-9, 2026`) are an event's days, not the page's
    // date.
    let joined = |a: &crate::dates::Candidate, b: &crate::dates::Candidate| {
        a.span.end <= b.span.start
            && matches!(
                t[a.span.end..b.span.start].trim(),
                "-" | "–" | "—" | "to" | "until" | "through"
            )
    };
    if cands.windows(2).any(|w| joined(&w[0], &w[1])) {
        return None;
    }
    cands.into_iter().find_map(|c| match c.sem {
        crate::dates::Sem::Abs(date, None) if date.day.is_some() => Some((c.span.start, date)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!(
            "<html><head>{head}</head><body><article><h1>Dockers strike</h1>{body}\
             <p>Dock workers in Velmara stopped work on Monday over unpaid wages, the union said.</p>\
             </article></body></html>"
        )
    }

    #[test]
    fn a_section_index_is_read_as_entries_whatever_its_og_type() {
        // A CMS calls every page an article; the address says it is a section's index.
        let entries: String = (1..=8)
            .map(|k| {
                format!(
                    "<div class='item'><h2><a href='/2026/03/0{k}/story'>Velmara dockers vote on strike, day {k}</a></h2>\
                     <p class='teaser'><a href='/2026/03/0{k}/story'>The union said.</a></p></div>"
                )
            })
            .collect();
        let html = |url: &str| {
            format!(
                "<html><head><meta property='og:type' content='article'><link rel='canonical' href='{url}'></head>\
                 <body><div class='list'><p>The latest stories on labour in Velmara, from our correspondents in the \
                 ports, the mines and the capital.</p>{entries}</div></body></html>"
            )
        };
        let index = extract(&html("https://news.example/sections/labour/"));
        assert!(index.text.contains("day 8"), "{}", index.text);
        let story = extract(&html("https://news.example/2026/03/01/labour-story"));
        assert!(!story.text.contains("day 8"), "{}", story.text);
    }

    #[test]
    fn an_articles_own_footer_dates_it_and_the_sites_does_not() {
        let footer = |class: &str| {
            format!(
                "<footer class='{class}'><time datetime='2024-05-03T10:00:00Z'>three days \
                 ago</time></footer>"
            )
        };
        assert_eq!(
            extract(&page("", &footer("entry-footer"))).published,
            Some(Date::ymd(2024, 5, 3))
        );
        assert_eq!(extract(&page("", &footer("site-footer"))).published, None);
    }

    #[test]
    fn a_taxonomys_index_and_a_service_page_have_no_date() {
        let at = |url: &str| {
            format!(
                r#"<link rel="canonical" href="{url}">
                <meta property="article:published_time" content="2024-03-05T10:00:00Z">"#
            )
        };
        assert_eq!(
            extract(&page(&at("https://example.org/sections/labour/"), "")).published,
            None
        );
        assert_eq!(
            extract(&page(&at("https://example.org/tag/strikes"), "")).published,
            None
        );
        assert_eq!(
            extract(&page(&at("https://example.org/services/payroll/"), "")).published,
            None
        );
        // An article filed below a category is dated.
        assert_eq!(
            extract(&page(
                &at("https://example.org/category/labour/dockers-strike"),
                ""
            ))
            .published,
            Some(Date::ymd(2024, 3, 5))
        );
    }

    #[test]
    fn a_product_declared_in_json_ld_has_no_date() {
        let product = r#"<script type="application/ld+json">{"@type": "Product",
            "name": "Dock boots"}</script>
            <meta property="article:published_time" content="2024-03-05T10:00:00Z">"#;
        assert_eq!(extract(&page(product, "")).published, None);
        let review = r#"<script type="application/ld+json">[{"@type": "Product"},
            {"@type": "Article"}]</script>
            <meta property="article:published_time" content="2024-03-05T10:00:00Z">"#;
        assert_eq!(
            extract(&page(review, "")).published,
            Some(Date::ymd(2024, 3, 5))
        );
    }

    #[test]
    fn a_front_page_has_no_date_unless_it_is_an_article() {
        let head = r#"<link rel="canonical" href="https://news.example.org/">
            <meta property="article:published_time" content="2024-03-05T10:00:00Z">"#;
        assert_eq!(extract(&page(head, "")).published, None);
        let article = format!(r#"{head}<meta property="og:type" content="article">"#);
        assert_eq!(
            extract(&page(&article, "")).published,
            Some(Date::ymd(2024, 3, 5))
        );
    }

    #[test]
    fn a_placeholder_date_in_metadata_gives_way_to_the_shown_date() {
        let head = r#"<script type="application/ld+json">{"@type": "NewsArticle",
            "datePublished": "0001-01-01T00:00:00Z"}</script>"#;
        assert_eq!(extract(&page(head, "")).published, None);
        let byline = "<p class=\"byline\">Published 9:40 AM CET Mar 5, 2024</p>";
        assert_eq!(
            extract(&page(head, byline)).published,
            Some(Date::ymd(2024, 3, 5))
        );
    }

    #[test]
    fn a_utc_timestamp_a_day_after_the_urls_date_is_the_urls_day() {
        let head = r#"<link rel="canonical" href="https://news.example.org/2024/03/04/dockers-strike">
            <meta property="article:published_time" content="2024-03-05T02:10:00+00:00">"#;
        assert_eq!(
            extract(&page(head, "")).published,
            Some(Date::ymd(2024, 3, 4))
        );
    }

    #[test]
    fn the_shown_date_may_stand_above_the_title_or_in_a_time_without_datetime() {
        let above = "<html><body><article><p class=\"kicker\">March 4, 2024</p>\
            <h1>Dockers strike</h1><p>Dock workers in Velmara stopped work on Monday over unpaid \
            wages, the union said on its website.</p></article></body></html>";
        assert_eq!(extract(above).published, Some(Date::ymd(2024, 3, 4)));
        let e = extract(&page("", "<time>Published on June 04, 2025</time>"));
        assert_eq!(e.published, Some(Date::ymd(2025, 6, 4)));
    }

    #[test]
    fn dates_of_comments_and_lists_are_not_the_pages() {
        let comment = r#"<div class="comment-list"><time datetime="2023-01-02">Jan 2</time></div>"#;
        assert_eq!(extract(&page("", comment)).published, None);
        // Many dates around the title: a list of entries.
        let list = "<p>May 1, 2024</p><p>May 8, 2024</p><p>May 15, 2024</p>";
        assert_eq!(extract(&page("", list)).published, None);
    }

    #[test]
    fn a_day_first_value_is_no_iso_date() {
        let head = r#"<meta property="article:published_time" content="03-09-2026">"#;
        let e = extract(&page(head, "<p>Published March 9, 2026</p>"));
        assert_eq!(e.published, Some(Date::ymd(2026, 3, 9)));
    }

    #[test]
    fn the_title_is_the_heading_or_the_metadata_title_without_the_site_name() {
        let h = |s: &str| Some(s.to_string());
        assert_eq!(
            page_title(
                h("Union leader jailed | Example News"),
                h("Union leader jailed")
            ),
            h("Union leader jailed")
        );
        // A heading that is not the page's title (a section's) does not replace it.
        assert_eq!(
            page_title(
                h("Dock strike ends after ten days - Port Weekly"),
                h("Latest news")
            ),
            h("Dock strike ends after ten days")
        );
        assert_eq!(page_title(None, h("Latest news")), h("Latest news"));
        // A separator inside the title, with a longer part after it, stays.
        assert_eq!(
            page_title(h("Ban - a court decision that closed three unions"), None),
            h("Ban - a court decision that closed three unions")
        );
    }

    #[test]
    fn the_date_the_page_shows_comes_before_its_json_ld_date() {
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-01"}</script></head>
            <body><article><h1>Dockers strike again</h1><time datetime="2021-05-03">3 May 2021</time>
            <p>The dockers of Port Selva stopped work again on Monday, their union said, after the talks failed.</p></article></body></html>"#;
        assert_eq!(extract(page).published, Some(Date::ymd(2021, 5, 3)));
        // Without a shown date, the article's JSON-LD date.
        let page = page.replace(r#"<time datetime="2021-05-03">3 May 2021</time>"#, "");
        assert_eq!(extract(&page).published, Some(Date::ymd(2020, 1, 1)));
    }

    #[test]
    fn json_ld_dates_only_of_articles_and_posts() {
        let ld = |j: &str| {
            serde_json::from_str(j)
                .ok()
                .and_then(|v: serde_json::Value| ld_published(&v))
        };
        // A page's graph: the article's date, not the web page's.
        assert_eq!(
            ld(
                r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage","datePublished":"2019-01-01"},{"@type":["NewsArticle"],"datePublished":"2021-05-03T08:00:00Z"}]}"#
            ),
            Some(Date::ymd(2021, 5, 3))
        );
        assert_eq!(
            ld(r#"{"@type":"BlogPosting","datePublished":"2020-02-29"}"#),
            Some(Date::ymd(2020, 2, 29))
        );
        // A product's reviews and a plain web page give none.
        assert_eq!(
            ld(r#"{"@type":"Product","review":[{"@type":"Review","datePublished":"2022-07-01"}]}"#),
            None
        );
        assert_eq!(
            ld(r#"{"@type":"WebPage","datePublished":"2019-01-01"}"#),
            None
        );
        assert_eq!(ld("not json"), None);
    }

    #[test]
    fn products_collections_documentation_and_section_indexes_have_no_date() {
        let dated = |head: &str| extract(&page(head, "")).published;
        let stamp = r#"<meta property="article:published_time" content="2024-03-05T10:00:00Z">"#;
        let at = |url: &str| format!(r#"<link rel="canonical" href="{url}">{stamp}"#);
        // An article of the same site keeps its date.
        assert_eq!(
            dated(&at("https://velmara.example/blog/dockers-strike")),
            Some(Date::ymd(2024, 3, 5))
        );
        assert_eq!(
            dated(&at("https://velmara.example/docs/setup/install")),
            None
        );
        assert_eq!(
            dated(&at("https://docs.velmara.example/guides/start")),
            None
        );
        assert_eq!(dated(&at("https://velmara.example/news/")), None);
        assert_eq!(dated(&at("https://velmara.example/press-releases")), None);
        let product = format!(r#"{stamp}<meta property="og:type" content="product">"#);
        assert_eq!(dated(&product), None);
        let shop = format!(
            r#"{stamp}<script type="application/ld+json">{{"@graph":[{{"@type":"CollectionPage","name":"Shop"}}]}}</script>"#
        );
        assert_eq!(dated(&shop), None);
        // A collection page that holds an article is the article's.
        let with_article = shop.replace(
            r#"{"@type":"CollectionPage","name":"Shop"}"#,
            r#"{"@type":"CollectionPage"},{"@type":"NewsArticle","headline":"Dockers strike"}"#,
        );
        assert_eq!(dated(&with_article), Some(Date::ymd(2024, 3, 5)));
    }

    #[test]
    fn the_time_of_a_list_entry_is_not_the_pages() {
        let body = r#"<ul class="more"><li><h3><a href="/other">Ferry workers vote to strike</a></h3>
            <time datetime="2024-01-02">2 January</time></li></ul>
            <p class="byline">By Ilse Borand, <time datetime="2024-03-04">4 March</time></p>"#;
        assert_eq!(
            extract(&page("", body)).published,
            Some(Date::ymd(2024, 3, 4))
        );
        // The same time beside the page's own title dates the page.
        let own = r#"<time datetime="2024-01-02">2 January</time>"#;
        assert_eq!(
            extract(&page("", own)).published,
            Some(Date::ymd(2024, 1, 2))
        );
    }

    #[test]
    fn metadata_dates_may_be_written_out_or_year_first() {
        let dated = |head: &str| extract(&page(head, "")).published;
        assert_eq!(
            dated(r#"<meta name="citation_publication_date" content="2019/1/22">"#),
            Some(Date::ymd(2019, 1, 22))
        );
        assert_eq!(
            dated(r#"<meta name="published" content="July 17, 2025">"#),
            Some(Date::ymd(2025, 7, 17))
        );
        assert_eq!(
            dated(r#"<meta property="article:published_time" content="Thu, 09/25/2025 - 11:38">"#),
            Some(Date::ymd(2025, 9, 25))
        );
        assert_eq!(year_first("2023 Jan 7"), Some(Date::ymd(2023, 1, 7)));
        assert_eq!(year_first("2023/02/30"), None);
        assert_eq!(year_first("7 Jan 2023"), None);
    }

    #[test]
    fn a_page_declared_a_website_takes_no_json_ld_article_date() {
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org",
            "@type":"NewsArticle","headline":"Dockers strike","datePublished":"2020-01-01"}</script>"#;
        assert_eq!(
            extract(&page(ld, "")).published,
            Some(Date::ymd(2020, 1, 1))
        );
        let website = format!(r#"<meta property="og:type" content="website">{ld}"#);
        assert_eq!(extract(&page(&website, "")).published, None);
    }

    #[test]
    fn a_utc_time_a_day_off_its_shown_date_is_the_shown_day() {
        let late = r#"<time datetime="2024-04-17T22:40:00Z">April 18, 2024</time>"#;
        assert_eq!(
            extract(&page("", late)).published,
            Some(Date::ymd(2024, 4, 18))
        );
        // A shown date further off is not read as the same moment: the timestamp stands.
        let far = r#"<time datetime="2024-04-17T22:40:00Z">April 20, 2024</time>"#;
        assert_eq!(
            extract(&page("", far)).published,
            Some(Date::ymd(2024, 4, 17))
        );
    }

    #[test]
    fn an_empty_h1_is_no_title() {
        // The logo's empty `<h1>` would set the dateline window on the header's dates.
        let page = r#"<html><head><title>Harbour fees rise - Port Weekly</title></head><body>
            <header><h1><a href="/"><img src="logo.png" alt=""></a></h1>
            <p>May 2, 2024</p><p>May 9, 2024</p><p>May 16, 2024</p></header>
            <nav><a>Ports</a> <a>Ships</a> <a>Cargo</a> <a>Unions</a> <a>Courts</a> <a>Weather</a>
            <a>Fishing</a> <a>Ferries</a> <a>Opinion</a> <a>Letters</a> <a>Archive</a></nav>
            <article><h1>Harbour fees rise</h1><p class="byline">March 4, 2024</p>
            <p>The port authority of Velmara raised its fees for cargo ships on Monday, Odile
            Maret, its director, said.</p></article></body></html>"#;
        let e = extract(page);
        assert_eq!(e.title.as_deref(), Some("Harbour fees rise"));
        assert_eq!(e.published, Some(Date::ymd(2024, 3, 4)));
    }

    #[test]
    fn the_title_heading_is_the_one_stating_the_metadata_title() {
        // The site's name as the first `<h1>`: the article's `<h1>` further down titles it.
        let logo = r#"<html><head><title>Ferry crews walk out – Coast Courier</title></head><body>
            <header><h1>Coast Courier</h1><p>April 30, 2024</p></header>
            <nav><a>News</a> <a>Sport</a></nav>
            <article><h1>Ferry crews walk out</h1><p class="byline">May 3, 2024</p>
            <p>Ferry crews in Velmara stopped work at dawn over unpaid overtime, their union
            said.</p></article></body></html>"#;
        let e = extract(logo);
        assert_eq!(e.title.as_deref(), Some("Ferry crews walk out"));
        assert_eq!(e.published, Some(Date::ymd(2024, 5, 3)));
        // No `<h1>` above the text: the `<h2>` stating the title is the title, and a pull
        // quote set as `<h1>` further down is not.
        let quote = r#"<html><head><meta property="og:title" content="Why dockers strike"></head>
            <body><article><h2>Why dockers strike</h2><p class="byline">Jun. 4, 2024 · Ilse Borand</p>
            <p>Dockers in Velmara have struck three times this year over pay and safety.</p>
            <h1>They want to be heard</h1><p>Their union says talks have stalled since
            March, when the port changed owners.</p></article></body></html>"#;
        let e = extract(quote);
        assert_eq!(e.title.as_deref(), Some("Why dockers strike"));
        assert_eq!(e.published, Some(Date::ymd(2024, 6, 4)));
    }

    #[test]
    fn a_clock_far_above_the_title_and_a_members_join_date_do_not_date_the_page() {
        let nav: String = (1..=12)
            .map(|i| format!("<a href=\"/s{i}\">Section {i}</a> "))
            .collect();
        let page = format!(
            r#"<html><head><title>Board rules for new members - Harbour Forum</title></head>
            <body><div class="user"><time datetime="2026-03-05T12:16:19Z">March 5,
            2026</time></div><nav>{nav}</nav>
            <h2>Board rules for new members</h2>
            <dl class="profile"><dt>Tomas Varga</dt><dd><strong>Joined:</strong> Dec 11, 2021</dd></dl>
            <div class="post"><p>Please read the rules before posting in the harbour forum.</p></div>
            </body></html>"#
        );
        assert_eq!(extract(&page).published, None);
        let posted = page.replace(
            "<div class=\"post\">",
            "<p class=\"author\">by Tomas Varga » Tue Aug 27, 2019 1:47 am</p><div class=\"post\">",
        );
        assert_eq!(extract(&posted).published, Some(Date::ymd(2019, 8, 27)));
        // A weekday written between the label and the date is the date's: the join date
        // stays a member's, and a thread's first and later posts date it by the first.
        let weekdays = posted
            .replace(
                "Joined:</strong> Dec 11, 2021",
                "Joined:</strong> Sat Dec 11, 2021",
            )
            .replace(
                "</div>\n            </body>",
                "</div><dl class=\"profile\"><dt>Odile Maret</dt><dd><strong>Joined:</strong> \
                 Mon Feb 2, 2015</dd></dl><p class=\"author\">by Odile Maret » Wed Aug 28, 2019 \
                 9:10 am</p><div class=\"post\"><p>Thanks, read them.</p></div></body>",
            );
        assert!(weekdays.contains("Mon Feb 2"));
        assert_eq!(extract(&weekdays).published, Some(Date::ymd(2019, 8, 27)));
    }

    #[test]
    fn a_date_labelled_published_dates_the_page_wherever_it_stands() {
        // The date in a side column under a `Published` heading, far from the title.
        let filler: String = (1..=40)
            .map(|i| format!("<p>Dockers in Velmara held meeting number {i} on pay.</p>"))
            .collect();
        let page = format!(
            r#"<html><head><title>Dockers vote on pay - Port Weekly</title></head><body>
            <article><h1>Dockers vote on pay</h1>{filler}</article>
            <div class="post-side"><div class="meta"><h4>Published</h4>
            <div class="date">July 8, 2025</div></div></div>
            <div class="comments"><p>Posted on July 9, 2025 by a reader</p></div>
            </body></html>"#
        );
        assert_eq!(extract(&page).published, Some(Date::ymd(2025, 7, 8)));
        // A comment's `Posted on` is a reader's date, not the page's.
        let comment_only = page.replace("<h4>Published</h4>", "<h4>Tags</h4>");
        assert_eq!(extract(&comment_only).published, None);
    }

    #[test]
    fn a_url_dates_a_page_with_month_names_and_slug_dates() {
        assert_eq!(
            url_date("https://example.org/blog/2023/october/03/wine-styles"),
            Some(Date::ymd(2023, 10, 3))
        );
        assert_eq!(
            url_date("https://example.org/articles/2025-12-15+Harbour+fees"),
            Some(Date::ymd(2025, 12, 15))
        );
        assert_eq!(
            url_date("https://example.org/2024/05/dockers/"),
            Some(Date {
                year: 2024,
                month: Some(5),
                day: None
            })
        );
        assert_eq!(url_date("https://example.org/2024-05-best-ferries"), None);
        // A canonical link holding a title instead of an address is no URL of the page.
        let page = r#"<html><head><link rel="canonical" href="Why dockers strike">
            <meta property="og:url" content="https://example.org/2023/10/03/why-dockers-strike">
            </head><body><article><h1>Why dockers strike</h1><p>Dockers in Velmara struck
            over pay on Monday, their union said.</p></article></body></html>"#;
        let e = extract(page);
        assert_eq!(
            e.url.as_deref(),
            Some("https://example.org/2023/10/03/why-dockers-strike")
        );
        assert_eq!(e.published, Some(Date::ymd(2023, 10, 3)));
    }

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

//! The author of a page, from the same parse as its text: the article's JSON-LD `author`,
//! the `author` metadata, an `article:author` that is a name, a link marked `rel=author`,
//! an element marked `itemprop=author`, Yoast's `Written by` label, Dublin Core's creator,
//! and last a byline (an element whose class or id names an author or a byline).
//!
//! Each source gives names or nothing: a value that is an address, an e-mail, a
//! placeholder (`admin`, `undefined`) is no author's (an organisation
//! the page names as its author is: a company's blog, a newsroom), and the next
//! source is read. Several authors are joined with `, ` in the order the page gives them.

use super::{Meta, ld_article_find};
use crate::clean::dom::Dom;
use regex::Regex;
use std::sync::LazyLock;

/// The longest author value kept (characters): a longer one is a biography or a list of
/// credits, not a name.
const MAX_AUTHOR_CHARS: usize = 80;

/// Values a template puts where an author's name goes (lower case).
const PLACEHOLDERS: &[&str] = &[
    "admin",
    "administrator",
    "webmaster",
    "undefined",
    "null",
    "none",
    "staff",
    "guest",
    "unknown",
    "editor",
    "user",
    "owner",
    "author",
    "microsoft office user",
];

/// A byline's label before the name (`By`, `Written by:`, `Author:`).
static LABEL_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:written by|posted by|published by|authored by|authors?|by)\b\s*:?\s*")
        .expect("label prefix")
});

/// The page's author, see the module's documentation.
pub(super) fn page_author(d: &Dom, m: &Meta) -> Option<String> {
    let ok = |v: &str| clean(v);
    if let Some(v) = m.json_ld.iter().find_map(ld_author).and_then(|v| ok(&v)) {
        return Some(v);
    }
    let metas = |key: &'static str| {
        m.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    // (Analytics tags name the author too: Parse.ly's, Sailthru's, cXense's.)
    if let Some(v) = metas("author")
        .chain(metas("article:author"))
        .chain(metas("parsely-author"))
        .chain(metas("sailthru.author"))
        .chain(metas("cxenseparse:author"))
        .find_map(ok)
    {
        return Some(v);
    }
    // Yoast's reading-time labels: `twitter:label1` `Written by`, `twitter:data1` the name.
    if m.get(&["twitter:label1"])
        .is_some_and(|l| l.to_lowercase().contains("written"))
        && let Some(v) = m.get(&["twitter:data1"]).and_then(|v| ok(&v))
    {
        return Some(v);
    }
    if let Some(v) = metas("dc.creator")
        .chain(metas("dcterms.creator"))
        .find_map(ok)
    {
        return Some(v);
    }
    if let Some(v) = by_near_title(d, m.h1).and_then(|v| ok(&v)) {
        return Some(v);
    }
    marked_author(d, &ok).or_else(|| {
        // A page rendered by script keeps its body, bylines and all, in a <noscript>.
        let inner = crate::clean::main_text::noscript_page(d)?;
        marked_author(&Dom::parse(inner), &ok)
    })
}

/// The author an element marks: a forum's first poster (the first element classed as a
/// user name: `username`, `user-name`, `bigusername`), a link marked `rel=author`, an
/// element marked `itemprop=author` (a forum's may mark another post's author first),
/// else the first byline; each value through `ok`.
fn marked_author(d: &Dom, ok: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let user_name = |i: usize| {
        d.attr(i, "class")
            .is_some_and(|c| contains_ci(c, "username") || contains_ci(c, "user-name"))
    };
    // (Not a sign-in form's field, not a comment's author below an article.)
    let elsewhere = |i: usize| {
        std::iter::successors(Some(i), |&a| d.parent(a)).any(|a| {
            matches!(
                d.tag(a),
                "form" | "label" | "input" | "header" | "footer" | "aside" | "nav"
            ) || ["class", "id"].iter().any(|k| {
                d.attr(a, k)
                    .is_some_and(|v| v.to_ascii_lowercase().contains("comment"))
            })
        })
    };
    let poster = d
        .elements()
        .filter(|&i| user_name(i) && !elsewhere(i))
        // (Its first text: an avatar's letters or a title may follow the name.)
        .find_map(|i| {
            (i..d.subtree_end(i))
                .filter_map(|j| d.text(j))
                .map(str::trim)
                .find(|t| !t.is_empty())
        });
    if let Some(v) = poster.filter(|t| short_name(t)).and_then(ok) {
        return Some(v);
    }
    let rel_author = d
        .elements()
        .filter(|&i| {
            d.tag(i) == "a"
                && d.attr(i, "rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("author"))
        })
        .find_map(|i| ok(&d.text_of(i)));
    rel_author
        .or_else(|| {
            d.elements()
                .filter(|&i| d.attr(i, "itemprop") == Some("author"))
                .find_map(|i| itemprop_name(d, i).and_then(|v| ok(&v)))
        })
        .or_else(|| byline(d).and_then(|v| ok(&v)))
}

/// An author's name as a file's metadata gives it (a PDF's Info `Author`), cleaned as the
/// page sources are: none for an address, an e-mail or a placeholder (`Administrator`,
/// `Microsoft Office User`).
pub fn author_name(v: &str) -> Option<String> {
    clean(v)
}

/// An author value cleaned (entities decoded, a `By` label and edge punctuation dropped,
/// spaces collapsed), or none when it names no author (see the module's documentation).
fn clean(v: &str) -> Option<String> {
    let v = html_escape::decode_html_entities(v);
    let v = LABEL_PREFIX.replace(&v, "");
    let v = v.trim_matches(|c: char| c.is_whitespace() || ",|-–—•".contains(c));
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = v.to_lowercase();
    let named = !v.is_empty()
        && v.chars().count() <= MAX_AUTHOR_CHARS
        && !v.contains("://")
        && !v.contains('@')
        && v.chars().any(char::is_alphabetic)
        && !PLACEHOLDERS.contains(&lower.as_str());
    named.then_some(v)
}

/// The author names of the first article or posting in a JSON-LD script, joined; none
/// when it names no author or names an organisation (a publisher standing in for one).
fn ld_author(v: &serde_json::Value) -> Option<String> {
    fn names(a: &serde_json::Value, out: &mut Vec<String>) -> bool {
        match a {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Object(o) => {
                if o.get("@type").and_then(|t| t.as_str()) == Some("Organization") {
                    return false;
                }
                if let Some(n) = o.get("name").and_then(|n| n.as_str()) {
                    out.push(n.to_string());
                }
            }
            serde_json::Value::Array(v) => {
                for x in v {
                    if !names(x, out) {
                        return false;
                    }
                }
            }
            _ => {}
        }
        true
    }
    // The first article naming an author decides (none when that is an organisation).
    ld_article_find(v, |o| {
        let a = o.get("author")?;
        let mut out = Vec::new();
        let people = names(a, &mut out);
        out.retain(|n| !n.trim().is_empty());
        Some((people && !out.is_empty()).then(|| out.join(", ")))
    })
    .flatten()
}

/// The most words an element marked `itemprop=author` may hold to be read as a name
/// itself (a forum's author block holds badges and counts too).
const NAME_WORDS: usize = 5;

/// The name of an element marked `itemprop=author`: its `itemprop=name` descendant's
/// (`content` or text), its own `content` (a `<meta>`), or its text when that is short.
fn itemprop_name(d: &Dom, i: usize) -> Option<String> {
    if let Some(n) = (i + 1..d.subtree_end(i)).find(|&n| d.attr(n, "itemprop") == Some("name")) {
        return d
            .attr(n, "content")
            .map(String::from)
            .or_else(|| Some(d.text_of(n)));
    }
    match d.tag(i) {
        "meta" => d.attr(i, "content").map(String::from),
        "link" => None,
        _ => Some(d.text_of(i)).filter(|t| t.split_whitespace().count() <= NAME_WORDS),
    }
}

/// Parts of an author block that hold something else than the name (its portrait, its
/// biography, its box or wrapper holding the date too): read in the class token around
/// `author` or `byline` (`author-img`, `author-bio`, `byline-wrapper`).
const BLOCK_PARTS: &[&str] = &[
    "img", "image", "avatar", "photo", "pic", "bio", "desc", "about", "social", "box", "wrap",
    "info", "link", "meta", "label", "caption", "title",
];

/// Blocks whose authors are other pages' or other people's (comments, reviews, lists of
/// other articles, cards, widgets).
const OTHER_BLOCKS: &[&str] = &[
    "comment", "related", "footer", "sidebar", "recent", "review", "card", "teaser", "widget",
];

/// Whether `hay` holds `needle` (lower-case ASCII), ignoring ASCII case.
fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether node `i` lies in a footer, an aside or a navigation.
fn in_furniture(d: &Dom, i: usize) -> bool {
    std::iter::successors(d.parent(i), |&a| d.parent(a))
        .any(|a| matches!(d.tag(a), "footer" | "aside" | "nav"))
}

/// The most words of a byline's name.
const BYLINE_WORDS: usize = 5;

/// The most text a byline block holds (a name, its labels, a date, a role): an element
/// named `author` holding more is a biography, a page's `<body>` classed by its author.
const BYLINE_BLOCK_CHARS: usize = 200;

/// Lower-case words a name may hold (`Ludwig van Beethoven`, `Maria de la Cruz`).
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "della", "dos", "bin",
    "al", "and", "y", "ter", "ten",
];

/// A byline's text ends with its label and the name follows (`Posted by`, `Guide by`,
/// `Written By:`); the name may follow in the same text (`By Jane Doe | May 4`).
static BY_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:^|\s)by\s*:?\s*(.*)$").expect("by label"));

/// Texts of a byline block that label it, not name its author (lower case).
const BYLINE_LABELS: &[&str] = &["the author", "about the author", "author", "authors"];

/// The name in the page's first byline: the first element whose class or id has a token
/// naming an `author` or a `byline` (and none of its [`BLOCK_PARTS`]), outside footers,
/// asides, navigation and [`OTHER_BLOCKS`], holding at most [`BYLINE_BLOCK_CHARS`] of
/// text. The name is the text after its first `by` label (`Written by Jane Doe`, `Post by
/// jdoe » 11 Sep`), else its first text written as a name ([`written_as_name`]: `Jane Doe`
/// among `The Author`, `JD` and `Content Marketing Coordinator, May 4`).
fn byline(d: &Dom) -> Option<String> {
    let names = |i: usize| {
        format!(
            "{} {}",
            d.attr(i, "class").unwrap_or(""),
            d.attr(i, "id").unwrap_or("")
        )
        .to_lowercase()
    };
    let names_author = |t: &str| {
        (t.contains("author") || t.contains("byline")) && {
            let rest = t.replace("author", " ").replace("byline", " ");
            !BLOCK_PARTS.iter().any(|p| rest.contains(p))
        }
    };
    let elsewhere = |i: usize| {
        in_furniture(d, i) || {
            let mut a = d.parent(i);
            while let Some(p) = a {
                let n = names(p);
                if OTHER_BLOCKS.iter().any(|w| n.contains(w)) {
                    return true;
                }
                a = d.parent(p);
            }
            false
        }
    };
    let block_text = |i: usize| {
        let mut sum = 0;
        !(i..d.subtree_end(i)).filter_map(|j| d.text(j)).any(|t| {
            sum += t.trim().len();
            sum > BYLINE_BLOCK_CHARS
        })
    };
    // (A cheap look at the raw names first: most elements name no author.)
    let may_name = |i: usize| {
        ["class", "id"].iter().any(|k| {
            d.attr(i, k)
                .is_some_and(|v| contains_ci(v, "author") || contains_ci(v, "byline"))
        })
    };
    let i = d.elements().find(|&i| {
        may_name(i)
            && !matches!(
                d.tag(i),
                "html" | "body" | "script" | "style" | "img" | "meta" | "link"
            )
            && names(i).split_whitespace().any(names_author)
            && block_text(i)
            && !elsewhere(i)
    })?;
    let texts: Vec<String> = (i..d.subtree_end(i))
        .filter_map(|j| d.text(j))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect();
    // The name after a `by` label: in the same text, else the next.
    for (k, t) in texts.iter().enumerate() {
        let Some(c) = BY_LABEL.captures(t) else {
            continue;
        };
        let rest = c.get(1).map_or("", |m| m.as_str());
        let after = if rest.trim().is_empty() {
            texts.get(k + 1).map_or("", String::as_str)
        } else {
            rest
        };
        // A date or a role may follow the name in the same text.
        let name = name_before_separator(after);
        return (short_name(name) && !name.chars().any(|c| c.is_ascii_digit()))
            .then(|| name.to_string());
    }
    texts
        .iter()
        .map(|t| t.trim_matches(|c: char| c.is_whitespace() || ",|-–—•".contains(c)))
        .filter(|t| !BYLINE_LABELS.contains(&t.to_lowercase().as_str()))
        .find(|t| written_as_name(t))
        .map(String::from)
}

/// Text nodes read after the title heading for its byline, and before it.
const NODES_AFTER_TITLE: usize = 30;
const NODES_BEFORE_TITLE: usize = 10;

/// The longest text node read as a byline near the title.
const BYLINE_NODE_CHARS: usize = 120;

/// A byline by the title: a text starting with its label (`By Jane Doe`, `Written by`,
/// `Article by:`); the name follows in the same text or the next.
static BYLINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:written|posted|article|text|words|story|published)\s+)?by\s*:?(?:\s+(.*))?$",
    )
    .expect("byline start")
});

/// The name of a byline among the few text nodes after the page's title heading (else
/// before it): the first text starting with a `by` label, when what follows it is written
/// as a name ([`written_as_name`]; a date, a role or a place after a separator or `on` is
/// left out: `By Jane Doe | May 4`, `by Jane Doe on Blog`).
fn by_near_title(d: &Dom, h1: Option<usize>) -> Option<String> {
    let h1 = h1?;
    let nonempty = |i: usize| {
        d.text(i)
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .map(|t| (i, t))
    };
    let after: Vec<(usize, String)> = (d.subtree_end(h1)..d.len())
        .filter_map(nonempty)
        .take(NODES_AFTER_TITLE)
        .collect();
    let mut before: Vec<(usize, String)> = (0..h1)
        .rev()
        .filter_map(nonempty)
        .take(NODES_BEFORE_TITLE)
        .collect();
    before.reverse();
    // A control's or a heading's text (`Sort by` options, a `By Category` heading) or a
    // sentence's words (`... by AM Best's review.` in a paragraph) is no byline: its
    // element holds a byline's text at most, and neither it nor the two above it is a
    // link, a control or a heading.
    let byline_node = |i: usize| {
        let Some(p) = d.parent(i) else { return false };
        let mut up = std::iter::successors(Some(p), |&a| d.parent(a)).take(3);
        d.text_of(p).len() <= BYLINE_BLOCK_CHARS
            && !up.any(|a| {
                matches!(
                    d.tag(a),
                    "a" | "button"
                        | "option"
                        | "label"
                        | "select"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                )
            })
    };
    for texts in [&after, &before] {
        for (k, (i, t)) in texts.iter().enumerate() {
            if t.len() > BYLINE_NODE_CHARS {
                continue;
            }
            let Some(c) = BYLINE_START.captures(t) else {
                continue;
            };
            if !byline_node(*i) {
                continue;
            }
            let rest = c.get(1).map_or("", |m| m.as_str());
            let after = if rest.trim().is_empty() {
                texts.get(k + 1).map_or("", |(_, n)| n.as_str())
            } else {
                rest
            };
            let name = name_before_separator(after);
            return written_as_name(name).then(|| name.to_string());
        }
    }
    None
}

/// The text before the first separator of a byline (`|`, `»`, `•`, `·`, ` - `, ` on `):
/// the name before its date, role or place.
fn name_before_separator(t: &str) -> &str {
    let t = t.split(['|', '»', '•', '·']).next().unwrap_or("");
    let t = t.split(" - ").next().unwrap_or("");
    t.split(" on ").next().unwrap_or("").trim()
}

/// Whether a text is short enough for a name or a few (`Jane Doe, MD`, `Ann Lee, Bo Kim`):
/// at most [`BYLINE_WORDS`] words between commas, [`MAX_AUTHOR_CHARS`] characters in all,
/// and not empty.
fn short_name(t: &str) -> bool {
    !t.is_empty()
        && t.split(',')
            .all(|n| n.split_whitespace().count() <= BYLINE_WORDS)
        && t.chars().count() <= MAX_AUTHOR_CHARS
}

/// Whether a text is written as a person's name: short ([`short_name`]), without digits,
/// each word capitalised or a [`NAME_PARTICLES`], and not initials alone (`JD`, an
/// avatar's letters).
fn written_as_name(t: &str) -> bool {
    let initials = t.chars().count() <= 3 && t.chars().all(char::is_uppercase);
    short_name(t)
        && !initials
        && !t.chars().any(|c| c.is_ascii_digit())
        && t.split_whitespace().all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_none_or(char::is_uppercase)
                || NAME_PARTICLES.contains(&w)
        })
}

#[cfg(test)]
mod tests {
    use crate::clean::html::extract;

    const BODY: &str = "<p>The regional court in Velmara heard the appeal of the union leader \
        Tomas Varga on Monday. His lawyers asked the judges to overturn the sentence.</p>\
        <p>The court will give its decision next week, the union said in a statement.</p>";

    fn page(head: &str, body: &str) -> String {
        format!(
            "<html><head><title>Velmara court hears appeal</title>{head}</head><body>\
             <article><h1>Velmara court hears appeal</h1>{body}{BODY}</article></body></html>"
        )
    }

    fn author(head: &str, body: &str) -> Option<String> {
        extract(&page(head, body)).author
    }

    #[test]
    fn an_articles_json_ld_authors_are_joined_and_an_organisation_is_no_author() {
        let ld = r#"<script type="application/ld+json">{"@type": "NewsArticle",
            "author": [{"@type": "Person", "name": "Odile Maret"}, {"name": "Ilse Borand"}]}
            </script>"#;
        assert_eq!(author(ld, "").as_deref(), Some("Odile Maret, Ilse Borand"));
        // A publisher standing in for an author: the byline is read instead.
        let org = r#"<script type="application/ld+json">{"@type": "NewsArticle",
            "author": {"@type": "Organization", "name": "Velmara Daily"}}</script>"#;
        assert_eq!(
            author(org, "<p>By Tomas Varga</p>").as_deref(),
            Some("Tomas Varga")
        );
        // A web page's own author (no article) is not read.
        let web = r#"<script type="application/ld+json">{"@type": "WebPage",
            "author": {"name": "Site Team"}}</script>"#;
        assert_eq!(author(web, ""), None);
    }

    #[test]
    fn metadata_authors_lose_their_label_and_placeholders_are_skipped() {
        let head = r#"<meta name="author" content="By Odile Maret &amp; Ilse Borand">"#;
        assert_eq!(
            author(head, "").as_deref(),
            Some("Odile Maret & Ilse Borand")
        );
        let placeholder = r#"<meta name="author" content="admin">
            <meta property="article:author" content="https://example.org/odile">
            <meta name="parsely-author" content="Odile Maret">"#;
        assert_eq!(author(placeholder, "").as_deref(), Some("Odile Maret"));
    }

    #[test]
    fn a_byline_by_the_title_gives_the_name_without_its_date() {
        assert_eq!(
            author("", "<p>By Odile Maret | 4 May 2024</p>").as_deref(),
            Some("Odile Maret")
        );
        assert_eq!(
            author(
                "",
                "<div><span>Written by</span> <a href='/o'>Odile Maret</a></div>"
            )
            .as_deref(),
            Some("Odile Maret")
        );
        // A sort control's option and a paragraph's words are no bylines.
        assert_eq!(
            author("", "<ul><li><a href='?s=c'>By Category</a></li></ul>"),
            None
        );
        let sentence = "<p>The decision was welcomed <a href='/d'>today</a> by Union Leaders. \
            They had gathered outside the court since the early morning hours to hear the \
            judges read out the verdict in the case of Tomas Varga and the others accused \
            with him, and stayed until the evening.</p>";
        assert_eq!(author("", sentence), None);
    }

    #[test]
    fn an_element_named_author_gives_its_name_not_its_labels_or_initials() {
        let block = "<div class='post-author'><span>OM</span><span>The Author</span>\
            <span>Odile Maret</span><span>Senior reporter, May 4, 2024</span></div>";
        assert_eq!(author("", block).as_deref(), Some("Odile Maret"));
        // A page's <body> classed by its author is no byline.
        let html = format!(
            "<html><head><title>x</title></head><body class='author-odile'>\
             <nav>Home News</nav>{BODY}</body></html>"
        );
        assert_eq!(extract(&html).author, None);
    }

    #[test]
    fn a_forum_threads_first_poster_is_its_author_not_a_sign_in_field() {
        let thread = "<form><label class='username'>User name</label></form>\
            <div class='message'><a class='username'>velmara_watch</a><p>Any news on the \
            appeal?</p></div><div class='message'><a class='username'>odile</a></div>";
        let html = format!("<html><body><h1>Appeal news</h1>{thread}{BODY}</body></html>");
        assert_eq!(extract(&html).author.as_deref(), Some("velmara_watch"));
    }

    #[test]
    fn a_files_author_field_is_cleaned_like_a_pages() {
        use super::author_name;
        assert_eq!(
            author_name(" Odile  Maret ").as_deref(),
            Some("Odile Maret")
        );
        assert_eq!(author_name("Administrator"), None);
        assert_eq!(author_name("Microsoft Office User"), None);
        assert_eq!(author_name("odile@example.org"), None);
    }

    #[test]
    fn product_pages_and_lists_of_entries_have_no_author() {
        let product = r#"<meta property="og:type" content="product">
            <meta name="author" content="Odile Maret">"#;
        assert_eq!(author(product, ""), None);
        let list = r#"<link rel="canonical" href="https://example.org/news/">
            <meta name="author" content="Odile Maret">"#;
        assert_eq!(author(list, ""), None);
    }

    #[test]
    fn a_page_rendered_by_script_is_read_in_its_noscript() {
        let posts = format!(
            "<div class='post'><span class='username'>velmara_watch</span>{BODY}{BODY}{BODY}</div>"
        );
        let html = format!(
            "<html><body><div id='app'>Loading</div><noscript>{posts}</noscript></body></html>"
        );
        assert_eq!(extract(&html).author.as_deref(), Some("velmara_watch"));
    }
}

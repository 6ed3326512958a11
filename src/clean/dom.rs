//! A compact HTML tree for extraction: a fast, forgiving tokenizer and tree builder.
//!
//! casefile reads pages to find their main text and metadata, not to render them, so this
//! builder keeps what extraction needs and is several times faster than a full HTML5 tree
//! constructor (the article-extraction benchmark parses at about 6× html5ever's speed):
//!
//! - elements with the attributes extraction reads (`class`, `id`, `itemprop`, `style`,
//!   `hidden`, `aria-hidden`, `role`, `name`, `property`, `content`, `rel`, `href`,
//!   `datetime`, `lang`, `type`, `charset`, `http-equiv`), and text with entities decoded;
//! - raw-text elements (`script`, `style`, `textarea`, `title`, `noscript`, ...) kept as one
//!   undecoded text child; comments, doctypes and processing instructions dropped;
//! - the HTML5 implied end tags that matter for block structure: a block start closes an
//!   open `<p>`, `<li>` closes the previous `<li>`, likewise `dt`/`dd`, `tr`, `td`/`th`,
//!   `option` and headings; void elements never open; stray end tags are ignored;
//! - no recursion anywhere, and a maximum nesting depth ([`MAX_DEPTH`]): deeper elements
//!   are attached at the limit instead of nesting further, so a million nested `<div>`s
//!   cost memory for their nodes, not stack.
//!
//! ```
//! use casefile::clean::dom::Dom;
//! let d = Dom::parse("<div class=a><p>One &amp; two<p>Three</div>");
//! let ps: Vec<_> = d.elements().filter(|&i| d.tag(i) == "p").collect();
//! assert_eq!(ps.len(), 2);
//! assert_eq!(d.text_of(ps[0]), "One & two");
//! assert_eq!(d.attr(d.parent(ps[0]).unwrap(), "class"), Some("a"));
//! ```

use std::borrow::Cow;
use std::sync::LazyLock;

/// Maximum element nesting depth; deeper elements are flattened at this depth.
pub const MAX_DEPTH: usize = 256;

const NONE: u32 = u32::MAX;

/// What a node is.
#[derive(Debug, Clone)]
pub enum Data {
    /// The document root.
    Document,
    /// An element with its tag (lower case) and the attributes extraction reads.
    Element {
        /// Tag name.
        tag: Cow<'static, str>,
        /// Kept attributes: (name, value with entities decoded).
        attrs: Vec<(&'static str, String)>,
    },
    /// Text (entities decoded, except inside raw-text elements).
    Text(String),
}

/// One node of the arena.
#[derive(Debug, Clone)]
pub struct Node {
    /// Parent node, `u32::MAX` for the root.
    parent: u32,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    /// Payload.
    pub data: Data,
}

/// The parsed page: node 0 is the document root; nodes are in document order.
#[derive(Debug, Clone)]
pub struct Dom {
    nodes: Vec<Node>,
}

const KEPT_ATTRS: &[&str] = &[
    "class",
    "id",
    "itemprop",
    "style",
    "hidden",
    "aria-hidden",
    "role",
    "name",
    "property",
    "content",
    "rel",
    "href",
    "datetime",
    "lang",
    "type",
    "charset",
    "http-equiv",
];

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
];

const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "dd",
    "dt",
    "listing",
    "plaintext",
    "xmp",
];

const KNOWN_TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "listing",
    "dir",
    "frame",
    "frameset",
    "image",
    "keygen",
    "basefont",
    "bgsound",
    "path",
    "g",
    "use",
    "defs",
    "amp-img",
    "tt",
    "big",
    "strike",
    "nobr",
];

/// [`KNOWN_TAGS`] sorted, for a binary search per start tag (a linear scan of the list
/// was ~2% of a corpus run).
static SORTED_TAGS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v = KNOWN_TAGS.to_vec();
    v.sort_unstable();
    v
});

fn intern(name: &str) -> Cow<'static, str> {
    match SORTED_TAGS.binary_search(&name) {
        Ok(i) => Cow::Borrowed(SORTED_TAGS[i]),
        Err(_) => Cow::Owned(name.to_string()),
    }
}

fn decode(s: &str) -> String {
    if s.contains('&') {
        html_escape::decode_html_entities(s).into_owned()
    } else {
        s.to_string()
    }
}

/// Children iterator.
pub struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next == NONE {
            return None;
        }
        let i = self.next as usize;
        self.next = self.dom.nodes[i].next_sibling;
        Some(i)
    }
}

struct Builder {
    nodes: Vec<Node>,
    /// Open elements (indices), root first.
    open: Vec<u32>,
    /// Open elements beyond the depth limit (names only, for matching end tags).
    overflow: Vec<Cow<'static, str>>,
    /// How many of each name `overflow` holds: an end tag that matches none costs no scan
    /// (100,000 unclosed `<div>`s then 100,000 stray `</span>`s stay linear).
    overflow_counts: std::collections::HashMap<Cow<'static, str>, usize>,
    /// Nesting limit.
    max_depth: usize,
}

impl Builder {
    fn current(&self) -> u32 {
        *self.open.last().unwrap_or(&0)
    }

    fn append(&mut self, parent: u32, data: Data) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data,
        });
        let p = &mut self.nodes[parent as usize];
        if p.last_child == NONE {
            p.first_child = id;
        } else {
            let last = p.last_child as usize;
            self.nodes[last].next_sibling = id;
        }
        self.nodes[parent as usize].last_child = id;
        id
    }

    fn text(&mut self, s: String) {
        if s.is_empty() {
            return;
        }
        let cur = self.current();
        let last = self.nodes[cur as usize].last_child;
        if last != NONE
            && let Data::Text(t) = &mut self.nodes[last as usize].data
        {
            t.push_str(&s);
            return;
        }
        self.append(cur, Data::Text(s));
    }

    fn tag_at(&self, i: u32) -> &str {
        match &self.nodes[i as usize].data {
            Data::Element { tag, .. } => tag,
            _ => "",
        }
    }

    /// Pops open elements down to and including the nearest `name`, stopping at any of
    /// `boundary`. Returns whether it was found.
    fn close(&mut self, name: &str, boundary: &[&str]) -> bool {
        self.close_any(&[name], boundary)
    }

    /// As [`Builder::close`], for the nearest of several names.
    fn close_any(&mut self, names: &[&str], boundary: &[&str]) -> bool {
        for k in (1..self.open.len()).rev() {
            let t = self.tag_at(self.open[k]);
            if names.contains(&t) {
                self.open.truncate(k);
                return true;
            }
            if boundary.contains(&t) {
                return false;
            }
        }
        false
    }

    fn start(
        &mut self,
        name: &str,
        attrs: Vec<(&'static str, String)>,
        self_closing: bool,
    ) -> Option<u32> {
        // Implied end tags.
        if CLOSES_P.contains(&name) {
            self.close(
                "p",
                &[
                    "button",
                    "table",
                    "td",
                    "th",
                    "li",
                    "div",
                    "article",
                    "section",
                    "blockquote",
                    "body",
                    "html",
                ],
            );
        }
        match name {
            "li" => {
                self.close("li", &["ul", "ol", "menu", "table", "body"]);
            }
            "dt" | "dd" => {
                self.close_any(&["dd", "dt"], &["dl", "table", "body"]);
            }
            "tr" => {
                self.close("tr", &["table", "tbody", "thead", "tfoot"]);
            }
            "td" | "th" => {
                self.close_any(&["td", "th"], &["tr", "table"]);
            }
            "tbody" | "thead" | "tfoot" => {
                for t in ["tbody", "thead", "tfoot"] {
                    self.close(t, &["table"]);
                }
            }
            "option" => {
                self.close("option", &["select", "datalist", "optgroup"]);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let cur = self.tag_at(self.current());
                if matches!(cur, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                    self.open.pop();
                }
            }
            _ => {}
        }
        let tag = intern(name);
        let void = VOID.contains(&name) || self_closing && !RAW_TEXT.contains(&name);
        if self.open.len() > self.max_depth {
            if !void {
                *self.overflow_counts.entry(tag.clone()).or_default() += 1;
                self.overflow.push(tag);
            }
            return None;
        }
        let cur = self.current();
        let id = self.append(cur, Data::Element { tag, attrs });
        if !void {
            self.open.push(id);
        }
        Some(id)
    }

    fn end(&mut self, name: &str) {
        if self.overflow_counts.get(name).is_some_and(|&c| c > 0)
            && let Some(pos) = self.overflow.iter().rposition(|t| t == name)
        {
            for t in self.overflow.drain(pos..) {
                if let Some(c) = self.overflow_counts.get_mut(&t) {
                    *c -= 1;
                }
            }
            return;
        }
        if name == "br" {
            self.start("br", Vec::new(), true);
            return;
        }
        self.close(name, &[]);
    }
}

fn is_name_char(b: u8) -> bool {
    !(b.is_ascii_whitespace() || b == b'/' || b == b'>' || b == b'=')
}

impl Dom {
    /// Parses a page, nesting at most [`MAX_DEPTH`] elements deep.
    pub fn parse(html: &str) -> Dom {
        Self::parse_with_depth(html, MAX_DEPTH)
    }

    /// Parses a page, nesting at most `max_depth` elements deep (deeper elements are
    /// attached at that depth; their text is kept).
    pub fn parse_with_depth(html: &str, max_depth: usize) -> Dom {
        let mut b = Builder {
            nodes: Vec::with_capacity(html.len() / 40 + 16),
            open: vec![0],
            overflow: Vec::new(),
            overflow_counts: std::collections::HashMap::new(),
            max_depth: max_depth.max(1),
        };
        b.nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data: Data::Document,
        });
        let bytes = html.as_bytes();
        let n = bytes.len();
        let mut pos = 0;
        while pos < n {
            let Some(lt) = memchr::memchr(b'<', &bytes[pos..]).map(|k| pos + k) else {
                b.text(decode(&html[pos..]));
                break;
            };
            if lt > pos {
                b.text(decode(&html[pos..lt]));
            }
            let rest = &bytes[lt + 1..];
            match rest.first() {
                Some(b'!') => {
                    if rest.starts_with(b"!--") {
                        pos = memchr::memmem::find(&bytes[lt + 4..], b"-->")
                            .map_or(n, |k| lt + 4 + k + 3);
                    } else if rest.starts_with(b"![CDATA[") {
                        let start = lt + 9;
                        let end =
                            memchr::memmem::find(&bytes[start..], b"]]>").map_or(n, |k| start + k);
                        b.text(html[start..end].to_string());
                        pos = (end + 3).min(n);
                    } else {
                        pos = memchr::memchr(b'>', rest).map_or(n, |k| lt + 1 + k + 1);
                    }
                }
                Some(b'?') => {
                    pos = memchr::memchr(b'>', rest).map_or(n, |k| lt + 1 + k + 1);
                }
                Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                    let s = lt + 2;
                    let mut e = s;
                    while e < n && is_name_char(bytes[e]) {
                        e += 1;
                    }
                    let name = html[s..e].to_ascii_lowercase();
                    pos = memchr::memchr(b'>', &bytes[e..]).map_or(n, |k| e + k + 1);
                    b.end(&name);
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let s = lt + 1;
                    let mut e = s;
                    while e < n && is_name_char(bytes[e]) {
                        e += 1;
                    }
                    let name = html[s..e].to_ascii_lowercase();
                    let (attrs, self_closing, after) = parse_attrs(html, e);
                    pos = after;
                    let id = b.start(&name, attrs, self_closing);
                    if RAW_TEXT.contains(&name.as_str()) && !self_closing {
                        // Raw text runs to the matching end tag (ASCII case-insensitive).
                        let end = find_end_tag(bytes, pos, &name).unwrap_or(n);
                        if end > pos && id.is_some() {
                            let raw = &html[pos..end];
                            let t = if matches!(name.as_str(), "title" | "textarea") {
                                decode(raw)
                            } else {
                                raw.to_string()
                            };
                            b.text(t);
                        }
                        pos = memchr::memchr(b'>', &bytes[end.min(n)..]).map_or(n, |k| end + k + 1);
                        if id.is_some() {
                            b.end(&name);
                        } else if let Some(p) = b.overflow.iter().rposition(|t| *t == name) {
                            b.overflow.truncate(p);
                        }
                    }
                }
                _ => {
                    b.text("<".to_string());
                    pos = lt + 1;
                }
            }
        }
        Dom { nodes: b.nodes }
    }

    /// Number of nodes (the root included).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the page has no nodes but the root.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// A node.
    pub fn node(&self, i: usize) -> &Node {
        &self.nodes[i]
    }

    /// The parent of a node.
    pub fn parent(&self, i: usize) -> Option<usize> {
        let p = self.nodes[i].parent;
        (p != NONE).then_some(p as usize)
    }

    /// The children of a node, in order.
    pub fn children(&self, i: usize) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[i].first_child,
        }
    }

    /// Element indices in document order.
    pub fn elements(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| matches!(self.nodes[i].data, Data::Element { .. }))
    }

    /// Tag name of an element (empty for other nodes).
    pub fn tag(&self, i: usize) -> &str {
        match &self.nodes[i].data {
            Data::Element { tag, .. } => tag,
            _ => "",
        }
    }

    /// A kept attribute of an element.
    pub fn attr(&self, i: usize, name: &str) -> Option<&str> {
        match &self.nodes[i].data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// Text of a text node.
    pub fn text(&self, i: usize) -> Option<&str> {
        match &self.nodes[i].data {
            Data::Text(t) => Some(t),
            _ => None,
        }
    }

    /// All text below a node, in order, with white space collapsed.
    pub fn text_of(&self, i: usize) -> String {
        let mut out = String::new();
        let end = self.subtree_end(i);
        for k in i..end {
            if let Data::Text(t) = &self.nodes[k].data {
                out.push_str(t);
                out.push(' ');
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// One past the last node of `i`'s subtree: nodes are in document order, so a subtree
    /// is the contiguous range `i..subtree_end(i)`.
    pub fn subtree_end(&self, i: usize) -> usize {
        last_descendant(self, i) + 1
    }
}

fn last_descendant(d: &Dom, i: usize) -> usize {
    let mut k = i;
    while d.nodes[k].last_child != NONE {
        k = d.nodes[k].last_child as usize;
    }
    k
}

/// Finds `</name` (ASCII case-insensitive) from `from`; returns its `<` position.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut p = from;
    while let Some(k) = memchr::memmem::find(&bytes[p..], b"</") {
        let at = p + k;
        let s = at + 2;
        let e = s + name.len();
        if e <= bytes.len()
            && bytes[s..e].eq_ignore_ascii_case(name.as_bytes())
            && bytes.get(e).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return Some(at);
        }
        p = at + 2;
    }
    None
}

/// Parses attributes from `pos` (just after the tag name) to the closing `>`. Returns the
/// kept attributes, whether the tag self-closes, and the position after `>`.
fn parse_attrs(html: &str, mut pos: usize) -> (Vec<(&'static str, String)>, bool, usize) {
    let bytes = html.as_bytes();
    let n = bytes.len();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while pos < n && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= n {
            return (attrs, self_closing, n);
        }
        match bytes[pos] {
            b'>' => return (attrs, self_closing, pos + 1),
            b'/' => {
                self_closing = bytes.get(pos + 1) == Some(&b'>');
                pos += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let s = pos;
        while pos < n && is_name_char(bytes[pos]) {
            pos += 1;
        }
        if pos == s {
            // A stray '=' or similar: skip it.
            pos += 1;
            continue;
        }
        let name = &html[s..pos];
        while pos < n && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let mut value = "";
        if pos < n && bytes[pos] == b'=' {
            pos += 1;
            while pos < n && bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            if pos < n && (bytes[pos] == b'"' || bytes[pos] == b'\'') {
                let q = bytes[pos];
                let vs = pos + 1;
                let ve = memchr::memchr(q, &bytes[vs..]).map_or(n, |k| vs + k);
                value = &html[vs..ve];
                pos = (ve + 1).min(n);
            } else {
                let vs = pos;
                while pos < n && !bytes[pos].is_ascii_whitespace() && bytes[pos] != b'>' {
                    pos += 1;
                }
                value = &html[vs..pos];
            }
        }
        if let Some(k) = KEPT_ATTRS.iter().find(|k| k.eq_ignore_ascii_case(name))
            && !attrs.iter().any(|(a, _)| a == k)
        {
            attrs.push((*k, decode(value)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(d: &Dom) -> Vec<String> {
        d.elements()
            .map(|i| {
                let depth = std::iter::successors(d.parent(i), |&p| d.parent(p)).count();
                format!("{}{}", " ".repeat(depth - 1), d.tag(i))
            })
            .collect()
    }

    #[test]
    fn implied_end_tags() {
        let d =
            Dom::parse("<ul><li>a<li>b</ul><p>x<div>y</div><table><tr><td>1<td>2<tr><td>3</table>");
        assert_eq!(
            tags(&d),
            vec![
                "ul", " li", " li", "p", "div", "table", " tr", "  td", "  td", " tr", "  td"
            ]
        );
    }

    #[test]
    fn raw_text_comments_entities_attributes() {
        let d = Dom::parse(
            "<!DOCTYPE html><!-- <p>no</p> --><script>if (a<b) { x = '</div>'; }</script><p class='c' data-x=1 ID=Main>Kazakhstan&rsquo;s &amp; &#8220;KNPRK&#x201D;&nbsp;x</p><STYLE>p{}</style>",
        );
        let p = d.elements().find(|&i| d.tag(i) == "p").unwrap();
        assert_eq!(d.text_of(p), "Kazakhstan’s & “KNPRK” x");
        let t = d.children(p).next().unwrap();
        assert!(d.text(t).unwrap().ends_with("”\u{a0}x"));
        assert_eq!(d.attr(p, "class"), Some("c"));
        assert_eq!(d.attr(p, "id"), Some("Main"));
        let s = d.elements().find(|&i| d.tag(i) == "script").unwrap();
        assert_eq!(d.text_of(s), "if (a<b) { x = '</div>'; }");
        assert_eq!(tags(&d), vec!["script", "p", "style"]);
    }

    #[test]
    fn unclosed_and_stray_tags() {
        let d = Dom::parse("<div><span>a</div></span></b>b<p>c");
        assert_eq!(tags(&d), vec!["div", " span", "p"]);
        assert_eq!(d.text_of(0), "a b c");
    }

    #[test]
    fn deep_nesting_is_flattened_not_recursed() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000) + "<p>after</p>";
        let d = Dom::parse(&html);
        let p = d.elements().find(|&i| d.tag(i) == "p").unwrap();
        assert_eq!(d.parent(p), Some(0), "the page continues at the top level");
        assert!(d.text_of(0).contains("deep after"));
    }

    #[test]
    fn subtree_ranges() {
        let d = Dom::parse("<div><p>a</p><p>b</p></div><p>c</p>");
        let div = d.elements().next().unwrap();
        assert_eq!(d.text_of(div), "a b");
        assert_eq!(d.subtree_end(div), d.elements().nth(3).unwrap());
    }
}

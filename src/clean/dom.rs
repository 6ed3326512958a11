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
//! - no recursion anywhere, and a maximum nesting depth ([`MAX_DEPTH`]): an element that
//!   would nest deeper is attached just below the limit, as the next sibling of the one
//!   before it there, instead of nesting further. Each keeps its own tag and text (a
//!   `<p>` under 300 `<div>`s is still a paragraph), an empty one is replaced by the next
//!   (a million nested `<div>`s cost one node), and only their names are remembered, as
//!   runs, to match their end tags: no stack, and memory for content only.
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

/// Maximum element nesting depth; deeper elements are flattened at this depth.
pub const MAX_DEPTH: usize = 256;

const NONE: u32 = u32::MAX;

/// What a node is.
#[derive(Debug, Clone)]
pub enum Data<'a> {
    /// The document root.
    Document,
    /// An element with its tag (lower case) and the attributes extraction reads.
    Element {
        /// Tag name.
        tag: Cow<'a, str>,
        /// Kept attributes: (name, value with entities decoded).
        attrs: Vec<(&'static str, Cow<'a, str>)>,
    },
    /// Text (entities decoded, except inside raw-text elements): borrowed from the page
    /// unless decoding or joining changed it.
    Text(Cow<'a, str>),
}

/// One node of the arena.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// Parent node, `u32::MAX` for the root.
    parent: u32,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    /// Payload.
    pub data: Data<'a>,
}

/// The parsed page: node 0 is the document root; nodes are in document order. Text and
/// attribute values borrow from the page where they need no decoding.
#[derive(Debug, Clone)]
pub struct Dom<'a> {
    nodes: Vec<Node<'a>>,
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

/// Number of known tags.
const N_TAGS: usize = KNOWN_TAGS.len();

/// Byte-wise order of two strings, usable in constants.
const fn before(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        i += 1;
    }
    if a.len() < b.len() {
        Ordering::Less
    } else if a.len() > b.len() {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// [`KNOWN_TAGS`] sorted at compile time: a tag's id is its index here.
const SORTED_TAGS: [&str; N_TAGS] = {
    let mut v = [""; N_TAGS];
    let mut i = 0;
    while i < N_TAGS {
        v[i] = KNOWN_TAGS[i];
        i += 1;
    }
    // Insertion sort (a constant: no run-time cost).
    let mut i = 1;
    while i < N_TAGS {
        let mut j = i;
        while j > 0 && matches!(before(v[j], v[j - 1]), std::cmp::Ordering::Less) {
            let t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    v
};

/// A known tag's index in [`SORTED_TAGS`]; [`UNKNOWN`] for other names.
type TagId = u16;

/// The id of a tag name not in [`KNOWN_TAGS`] (custom elements, typos).
const UNKNOWN: TagId = TagId::MAX;

/// The id of `name` (lower case), by binary search.
const fn tag_id(name: &str) -> TagId {
    let (mut lo, mut hi) = (0, N_TAGS);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match before(SORTED_TAGS[mid], name) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return mid as TagId,
        }
    }
    UNKNOWN
}

/// The id of a tag the builder names; a name missing from [`KNOWN_TAGS`] fails the build.
const fn known(name: &str) -> TagId {
    let id = tag_id(name);
    assert!(id != UNKNOWN, "tag missing from KNOWN_TAGS");
    id
}

/// Flag: a start tag that closes an open `<p>` ([`CLOSES_P`]).
const F_CLOSES_P: u8 = 1;
/// Flag: a void element ([`VOID`]).
const F_VOID: u8 = 2;
/// Flag: a raw-text element ([`RAW_TEXT`]).
const F_RAW_TEXT: u8 = 4;

/// The flags of each known tag, by id.
const TAG_FLAGS: [u8; N_TAGS] = {
    let mut f = [0u8; N_TAGS];
    let lists: [(&[&str], u8); 3] = [
        (CLOSES_P, F_CLOSES_P),
        (VOID, F_VOID),
        (RAW_TEXT, F_RAW_TEXT),
    ];
    let mut l = 0;
    while l < lists.len() {
        let (names, flag) = lists[l];
        let mut i = 0;
        while i < names.len() {
            f[known(names[i]) as usize] |= flag;
            i += 1;
        }
        l += 1;
    }
    f
};

/// The flags of a tag id (none for unknown tags).
fn flags(id: TagId) -> u8 {
    TAG_FLAGS.get(id as usize).copied().unwrap_or(0)
}

const P: TagId = known("p");
const LI: TagId = known("li");
const BR: TagId = known("br");

/// The tag names of the builder's implied-end-tag rules, as ids.
const fn ids<const K: usize>(names: [&str; K]) -> [TagId; K] {
    let mut out = [0; K];
    let mut i = 0;
    while i < K {
        out[i] = known(names[i]);
        i += 1;
    }
    out
}

/// A tag name as stored: the known name's static string, else the page's own text
/// (lower case), borrowed where it was lower case already.
fn intern<'a>(id: TagId, name: Cow<'a, str>) -> Cow<'a, str> {
    match SORTED_TAGS.get(id as usize) {
        Some(t) => Cow::Borrowed(t),
        None => name,
    }
}

/// `s` lower-cased (ASCII), borrowed when it has no upper-case letter.
fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` with character references decoded, borrowed when it has none.
///
/// As HTML5 reads them (checked against html5ever on the benchmark pages, `examples/dom_diff.rs`):
/// numeric references with or without their `;`, those of 128-159 as windows-1252 has them
/// (`&#155;` is `›`); named ones with their `;`, and the legacy ones HTML allows without it
/// (`&copy 2025`, `&nbsp`, `&amp `).
fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let r = &rest[i..];
        match char_ref(r) {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &r[len..];
            }
            None => {
                out.push('&');
                rest = &r[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Named references HTML reads without their `;` (the Latin-1 ones and `amp`, `lt`, `gt`,
/// `quot`).
const LEGACY_REFS: &[&str] = &[
    "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
    "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml", "LT",
    "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG", "THORN",
    "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute", "aelig", "agrave",
    "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent", "copy", "curren", "deg",
    "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12", "frac14", "frac34", "gt",
    "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo", "lt", "macr", "micro",
    "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve", "ordf", "ordm", "oslash",
    "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo", "reg", "sect", "shy", "sup1",
    "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc", "ugrave", "uml", "uuml",
    "yacute", "yen", "yuml",
];

/// Windows-1252's characters for 128-159, which HTML gives numeric references there.
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The character reference at the start of `r` (which begins with `&`): its text and length.
fn char_ref(r: &str) -> Option<(String, usize)> {
    let b = r.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let digits = b[start..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let end = start + digits;
        let n = u32::from_str_radix(&r[start..end], if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        let c = match n {
            0x80..=0x9F => CP1252[(n - 0x80) as usize],
            0 => '\u{fffd}',
            _ => char::from_u32(n).unwrap_or('\u{fffd}'),
        };
        let len = end + usize::from(b.get(end) == Some(&b';'));
        return Some((c.to_string(), len));
    }
    let name_len = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    if b.get(1 + name_len) == Some(&b';') {
        let whole = &r[..name_len + 2];
        let d = html_escape::decode_html_entities(whole);
        if d != whole {
            return Some((d.into_owned(), name_len + 2));
        }
    }
    // Without `;`: the longest legacy name the run begins with.
    let run = &r[1..1 + name_len];
    let name = LEGACY_REFS
        .iter()
        .filter(|n| run.starts_with(**n))
        .max_by_key(|n| n.len())?;
    let d = html_escape::decode_html_entities(&format!("&{name};")).into_owned();
    Some((d, 1 + name.len()))
}

/// Children iterator.
pub struct Children<'a> {
    dom: &'a Dom<'a>,
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

/// An element open beyond the depth limit (see the module doc).
struct Beyond<'a> {
    name: Cow<'a, str>,
    /// How many, one inside the other (a run of one name; an entry with a node is alone).
    count: usize,
    /// The node that holds its content, attached just below the limit (block and raw-text
    /// elements), or [`NONE`] (inline ones: their text goes to the holder around them).
    node: u32,
}

struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    /// Open elements of the tree, root first: (node index, tag id; the root's is
    /// [`UNKNOWN`]). At most `max_depth + 1` entries.
    open: Vec<(u32, TagId)>,
    /// Elements opened inside the deepest one the tree keeps, outermost first: they are
    /// not nested further (see the module doc).
    beyond: Vec<Beyond<'a>>,
    /// Indices of the `beyond` entries with a node, innermost last.
    holders: Vec<usize>,
    /// How many elements of each name `beyond` holds: an end tag that matches none costs
    /// no scan (100,000 unclosed `<div>`s then 100,000 stray `</span>`s stay linear).
    beyond_counts: std::collections::HashMap<Cow<'a, str>, usize>,
    /// Nesting limit.
    max_depth: usize,
    /// Node budget: parsing stops when the tree has this many nodes.
    max_nodes: usize,
}

/// What the tokenizer ([`tokenize`]) hands its consumer, in document order.
trait Tokens<'a> {
    /// Text (decoded, except raw text).
    fn text(&mut self, s: Cow<'a, str>);
    /// A start tag; `id` is `tag_id(&name)`. A raw-text element's text and end follow.
    fn start(&mut self, name: Cow<'a, str>, id: TagId, attrs: Attrs<'a>, self_closing: bool);
    /// An end tag.
    fn end(&mut self, name: Cow<'a, str>);
    /// Whether to stop reading.
    fn stop(&self) -> bool {
        false
    }
}

impl<'a> Tokens<'a> for Builder<'a> {
    fn text(&mut self, s: Cow<'a, str>) {
        Builder::text(self, s);
    }
    fn start(&mut self, name: Cow<'a, str>, id: TagId, attrs: Attrs<'a>, self_closing: bool) {
        Builder::start(self, name, id, attrs, self_closing);
    }
    fn end(&mut self, name: Cow<'a, str>) {
        Builder::end(self, name);
    }
    fn stop(&self) -> bool {
        self.nodes.len() >= self.max_nodes
    }
}

/// Tags a start of the same tag closes (HTML's implied end tags), beyond the limit too.
const REPEAT_CLOSES: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

impl<'a> Builder<'a> {
    /// Where content goes: the innermost holder beyond the limit, else the innermost open
    /// element.
    fn current(&self) -> u32 {
        match self.holders.last() {
            Some(&h) => self.beyond[h].node,
            None => self.open.last().map_or(0, |o| o.0),
        }
    }

    fn append(&mut self, parent: u32, data: Data<'a>) -> u32 {
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

    fn text(&mut self, s: Cow<'a, str>) {
        if s.is_empty() {
            return;
        }
        let cur = self.current();
        let last = self.nodes[cur as usize].last_child;
        if last != NONE
            && let Data::Text(t) = &mut self.nodes[last as usize].data
        {
            t.to_mut().push_str(&s);
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

    /// Pops open elements of the tree down to `len`: the elements beyond the limit are
    /// inside them, and close too.
    fn truncate_open(&mut self, len: usize) {
        self.open.truncate(len);
        if !self.beyond.is_empty() {
            self.beyond.clear();
            self.holders.clear();
            self.beyond_counts.clear();
        }
    }

    /// Pops the `beyond` entries from `pos` on.
    fn truncate_beyond(&mut self, pos: usize) {
        for b in self.beyond.drain(pos..) {
            if let Some(c) = self.beyond_counts.get_mut(&b.name) {
                *c = c.saturating_sub(b.count);
            }
        }
        while self.holders.last().is_some_and(|&h| h >= pos) {
            self.holders.pop();
        }
    }

    /// Adds an element beyond the limit, holding `node` (or [`NONE`]).
    fn push_beyond(&mut self, name: Cow<'a, str>, node: u32) {
        *self.beyond_counts.entry(name.clone()).or_default() += 1;
        if node == NONE
            && let Some(last) = self.beyond.last_mut()
            && last.node == NONE
            && last.name == name
        {
            last.count += 1;
            return;
        }
        if node != NONE {
            self.holders.push(self.beyond.len());
        }
        self.beyond.push(Beyond {
            name,
            count: 1,
            node,
        });
    }

    /// Closes the innermost element named `name` beyond the limit, with everything inside
    /// it. Returns whether one was open.
    fn close_beyond(&mut self, name: &str) -> bool {
        if self.beyond_counts.get(name).is_none_or(|&c| c == 0) {
            return false;
        }
        let Some(pos) = self.beyond.iter().rposition(|b| b.name == name) else {
            return false;
        };
        if self.beyond[pos].count > 1 {
            self.beyond[pos].count -= 1;
            if let Some(c) = self.beyond_counts.get_mut(name) {
                *c = c.saturating_sub(1);
            }
            self.truncate_beyond(pos + 1);
        } else {
            self.truncate_beyond(pos);
        }
        true
    }

    /// Pops open elements down to and including the nearest `name`, stopping at any of
    /// `boundary`. Returns whether it was found.
    fn close(&mut self, name: TagId, boundary: &[TagId]) -> bool {
        self.close_any(&[name], boundary)
    }

    /// As [`Builder::close`], for the nearest of several names.
    fn close_any(&mut self, names: &[TagId], boundary: &[TagId]) -> bool {
        for k in (1..self.open.len()).rev() {
            let t = self.open[k].1;
            if names.contains(&t) {
                self.truncate_open(k);
                return true;
            }
            if boundary.contains(&t) {
                return false;
            }
        }
        false
    }

    /// Pops an unknown tag's element (compared by name).
    fn close_unknown(&mut self, name: &str) {
        for k in (1..self.open.len()).rev() {
            if self.open[k].1 == UNKNOWN && self.tag_at(self.open[k].0) == name {
                self.truncate_open(k);
                return;
            }
        }
    }

    /// Opens (or, for void elements, appends) an element; `id` is `tag_id(&name)`.
    fn start(&mut self, name: Cow<'a, str>, id: TagId, attrs: Attrs<'a>, self_closing: bool) {
        let f = flags(id);
        let void = f & F_VOID != 0 || self_closing && f & F_RAW_TEXT == 0;
        if !self.beyond.is_empty() || (!void && self.open.len() > self.max_depth) {
            self.start_beyond(intern(id, name), f, attrs, void);
            return;
        }
        // Implied end tags.
        const P_BOUNDARY: [TagId; 11] = ids([
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
        ]);
        if f & F_CLOSES_P != 0 {
            self.close(P, &P_BOUNDARY);
        }
        self.leave_head(id);
        if id != UNKNOWN {
            self.implied_ends(id);
        }
        let tag = intern(id, name);
        if !void && self.open.len() > self.max_depth {
            self.start_beyond(tag, f, attrs, void);
            return;
        }
        let cur = self.current();
        let node = self.append(cur, Data::Element { tag, attrs });
        if !void {
            self.open.push((node, id));
        }
    }

    /// Opens an element inside the deepest one the tree keeps: a block or raw-text one
    /// gets a node of its own attached there (replacing the innermost holder when that is
    /// still empty), an inline one only a name.
    fn start_beyond(&mut self, tag: Cow<'a, str>, f: u8, attrs: Attrs<'a>, void: bool) {
        if void {
            let cur = self.current();
            self.append(cur, Data::Element { tag, attrs });
            return;
        }
        // `<p>` after `<p>`, `<li>` after `<li>`: the one before closes.
        if let Some(last) = self.beyond.last()
            && last.node != NONE
            && last.name == tag
            && REPEAT_CLOSES.contains(&tag.as_ref())
        {
            let at = self.beyond.len() - 1;
            self.truncate_beyond(at);
        }
        if f & (F_CLOSES_P | F_RAW_TEXT) == 0 && !REPEAT_CLOSES.contains(&tag.as_ref()) {
            self.push_beyond(tag, NONE);
            return;
        }
        let name = tag.clone();
        let data = Data::Element { tag, attrs };
        // An empty holder that is the innermost element is replaced: it holds nothing.
        if let Some(&h) = self.holders.last()
            && h + 1 == self.beyond.len()
            && self.beyond[h].node as usize + 1 == self.nodes.len()
            && self.nodes[self.beyond[h].node as usize].first_child == NONE
        {
            let node = self.beyond[h].node;
            self.holders.pop();
            // It stays open, by name: merged into the run before it when it can be.
            let b = self.beyond.pop().map(|b| b.name);
            if let Some(b) = b {
                if let Some(c) = self.beyond_counts.get_mut(&b) {
                    *c = c.saturating_sub(1);
                }
                self.push_beyond(b, NONE);
            }
            self.nodes[node as usize].data = data;
            self.push_beyond(name, node);
            return;
        }
        let parent = self.open.last().map_or(0, |o| o.0);
        let node = self.append(parent, data);
        self.push_beyond(name, node);
    }

    /// A start tag that cannot be in `<head>` (`<body>`, `<div>`, a custom element) ends an
    /// open `<head>`, as in HTML5: pages that never close it keep their body out of it.
    fn leave_head(&mut self, id: TagId) {
        const HEAD: TagId = known("head");
        const IN_HEAD: [TagId; 11] = ids([
            "base", "basefont", "bgsound", "link", "meta", "noframes", "noscript", "script",
            "style", "template", "title",
        ]);
        if IN_HEAD.contains(&id) || id == HEAD {
            return;
        }
        // `<head>` is the document's first or second open element (inside `<html>`).
        if let Some(k) = (1..self.open.len().min(3)).find(|&k| self.open[k].1 == HEAD) {
            self.truncate_open(k);
        }
    }

    /// The HTML5 implied end tags a known start tag causes (besides closing `<p>`).
    fn implied_ends(&mut self, id: TagId) {
        const DT_DD: [TagId; 2] = ids(["dd", "dt"]);
        const TD_TH: [TagId; 2] = ids(["td", "th"]);
        const SECTIONS: [TagId; 3] = ids(["tbody", "thead", "tfoot"]);
        const HEADINGS: [TagId; 6] = ids(["h1", "h2", "h3", "h4", "h5", "h6"]);
        const TR: TagId = known("tr");
        const OPTION: TagId = known("option");
        if id == LI {
            self.close(LI, &const { ids(["ul", "ol", "menu", "table", "body"]) });
        } else if DT_DD.contains(&id) {
            self.close_any(&DT_DD, &const { ids(["dl", "table", "body"]) });
        } else if id == TR {
            self.close(TR, &const { ids(["table", "tbody", "thead", "tfoot"]) });
        } else if TD_TH.contains(&id) {
            self.close_any(&TD_TH, &const { ids(["tr", "table"]) });
        } else if SECTIONS.contains(&id) {
            for t in SECTIONS {
                self.close(t, &const { ids(["table"]) });
            }
        } else if id == OPTION {
            self.close(OPTION, &const { ids(["select", "datalist", "optgroup"]) });
        } else if HEADINGS.contains(&id)
            && self.open.last().is_some_and(|o| HEADINGS.contains(&o.1))
        {
            self.open.pop();
        }
    }

    fn end(&mut self, name: Cow<'a, str>) {
        if self.close_beyond(&name) {
            return;
        }
        let id = tag_id(&name);
        if id == BR {
            self.start(Cow::Borrowed("br"), BR, Vec::new(), true);
            return;
        }
        if id == UNKNOWN {
            self.close_unknown(&name);
        } else {
            self.close(id, &[]);
        }
    }
}

/// Reads `html` as tokens for `t`: text, start tags (with their attributes), end tags;
/// comments, doctypes, processing instructions and `<![CDATA[` (a bogus comment in HTML) are skipped, a raw-text
/// element's content is one text. Returns false when `t` stopped it.
fn tokenize<'a>(html: &'a str, t: &mut impl Tokens<'a>) -> bool {
    let bytes = html.as_bytes();
    let n = bytes.len();
    let mut pos = 0;
    while pos < n {
        if t.stop() {
            return false;
        }
        let Some(lt) = memchr::memchr(b'<', &bytes[pos..]).map(|k| pos + k) else {
            t.text(decode(&html[pos..]));
            break;
        };
        if lt > pos {
            t.text(decode(&html[pos..lt]));
        }
        let rest = &bytes[lt + 1..];
        match rest.first() {
            Some(b'!') => {
                if rest.starts_with(b"!--") {
                    pos = memchr::memmem::find(&bytes[lt + 4..], b"-->")
                        .map_or(n, |k| lt + 4 + k + 3);
                } else {
                    // Doctypes, and `<![CDATA[` outside SVG and MathML, which HTML reads as
                    // a bogus comment ending at the first `>` (a forum's `<![CDATA[` before
                    // its whole body made the page one text).
                    pos = memchr::memchr(b'>', rest).map_or(n, |k| lt + 1 + k + 1);
                }
            }
            Some(b'?') => {
                pos = memchr::memchr(b'>', rest).map_or(n, |k| lt + 1 + k + 1);
            }
            // `</>` is nothing; `</@x>` and other end tags not starting with a letter are
            // bogus comments.
            Some(b'/') if rest.get(1).is_some_and(|c| !c.is_ascii_alphabetic()) => {
                pos = memchr::memchr(b'>', rest).map_or(n, |k| lt + 1 + k + 1);
            }
            Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                let s = lt + 2;
                let mut e = s;
                while e < n && is_name_char(bytes[e]) {
                    e += 1;
                }
                let name = lower(&html[s..e]);
                pos = memchr::memchr(b'>', &bytes[e..]).map_or(n, |k| e + k + 1);
                t.end(name);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let s = lt + 1;
                let mut e = s;
                while e < n && is_name_char(bytes[e]) {
                    e += 1;
                }
                let name = lower(&html[s..e]);
                let (attrs, self_closing, after) = parse_attrs(html, e);
                pos = after;
                let tid = tag_id(&name);
                let raw_name =
                    (flags(tid) & F_RAW_TEXT != 0 && !self_closing).then(|| name.clone());
                t.start(name, tid, attrs, self_closing);
                if let Some(name) = raw_name {
                    // Raw text runs to the matching end tag (ASCII case-insensitive).
                    let end = find_end_tag(bytes, pos, &name).unwrap_or(n);
                    if end > pos {
                        let raw = &html[pos..end];
                        let content = if matches!(name.as_ref(), "title" | "textarea") {
                            decode(raw)
                        } else {
                            Cow::Borrowed(raw)
                        };
                        t.text(content);
                    }
                    pos = memchr::memchr(b'>', &bytes[end.min(n)..]).map_or(n, |k| end + k + 1);
                    t.end(name);
                }
            }
            _ => {
                t.text(Cow::Borrowed("<"));
                pos = lt + 1;
            }
        }
    }
    !t.stop()
}

/// The text a reader sees, read without building a tree: text outside raw-text elements
/// (scripts, styles, `<noscript>`, ...) and `<template>`/`<svg>`, a blank line at each
/// block element's start and end and at `<br>`, runs of spaces collapsed; and the
/// `<title>`. For a page too large for the tree's node budget ([`Dom::parse_budgeted`]):
/// it costs about the size of its output.
///
/// ```
/// use casefile::clean::dom::visible_text;
/// let (text, title) = visible_text(
///     "<title>A &amp; B</title><script>var x;</script><p>One<b> two</b><p>Three<br>four",
/// );
/// assert_eq!(text, "One two\n\nThree\n\nfour");
/// assert_eq!(title.as_deref(), Some("A & B"));
/// ```
pub fn visible_text(html: &str) -> (String, Option<String>) {
    struct Strip {
        out: String,
        title: Option<String>,
        /// Inside a raw-text element (its name), or `<template>`/`<svg>` (how deep).
        raw: Option<Cow<'static, str>>,
        hidden: usize,
    }
    impl Strip {
        fn block(&mut self) {
            let kept = self.out.trim_end_matches([' ', '\n']).len();
            self.out.truncate(kept);
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
        }
    }
    impl<'a> Tokens<'a> for Strip {
        fn text(&mut self, s: Cow<'a, str>) {
            match self.raw.as_deref() {
                Some("title") if self.title.is_none() => {
                    self.title = Some(s.split_whitespace().collect::<Vec<_>>().join(" "));
                    return;
                }
                Some(_) => return,
                None if self.hidden > 0 => return,
                None => {}
            }
            for (k, w) in s.split(char::is_whitespace).enumerate() {
                let at_break = self.out.is_empty() || self.out.ends_with(['\n', ' ']);
                if k > 0 && !at_break {
                    self.out.push(' ');
                }
                self.out.push_str(w);
            }
        }
        fn start(&mut self, name: Cow<'a, str>, id: TagId, _: Attrs<'a>, self_closing: bool) {
            let f = flags(id);
            if f & F_RAW_TEXT != 0 && !self_closing {
                self.raw = Some(Cow::Owned(name.into_owned()));
            } else if matches!(name.as_ref(), "template" | "svg") && !self_closing {
                self.hidden += 1;
            } else if f & F_CLOSES_P != 0 || matches!(id, P | BR | LI) || is_cell(&name) {
                self.block();
            }
        }
        fn end(&mut self, name: Cow<'a, str>) {
            let id = tag_id(&name);
            if self.raw.as_deref() == Some(name.as_ref()) {
                self.raw = None;
            } else if matches!(name.as_ref(), "template" | "svg") {
                self.hidden = self.hidden.saturating_sub(1);
            } else if flags(id) & F_CLOSES_P != 0 || matches!(id, P | LI) || is_cell(&name) {
                self.block();
            }
        }
    }
    fn is_cell(name: &str) -> bool {
        matches!(name, "tr" | "td" | "th" | "dt" | "dd" | "option")
    }
    let mut s = Strip {
        out: String::new(),
        title: None,
        raw: None,
        hidden: 0,
    };
    tokenize(html, &mut s);
    let kept = s.out.trim_end().len();
    s.out.truncate(kept);
    (s.out, s.title)
}

fn is_name_char(b: u8) -> bool {
    !(b.is_ascii_whitespace() || b == b'/' || b == b'>' || b == b'=')
}

impl<'a> Dom<'a> {
    /// Parses a page, nesting at most [`MAX_DEPTH`] elements deep.
    pub fn parse(html: &'a str) -> Dom<'a> {
        Self::parse_with_depth(html, MAX_DEPTH)
    }

    /// Parses a page, nesting at most `max_depth` elements deep (deeper elements are
    /// attached at that depth; their text is kept).
    pub fn parse_with_depth(html: &'a str, max_depth: usize) -> Dom<'a> {
        Self::parse_budgeted(html, max_depth, usize::MAX)
            .unwrap_or_else(|| Dom { nodes: Vec::new() })
    }

    /// [`Dom::parse_with_depth`] within a budget of `max_nodes` nodes: `None` when the page
    /// has more (each node costs its tree and the main-text rules a few hundred bytes, so a
    /// page of millions of tiny elements would cost many times its size).
    pub fn parse_budgeted(html: &'a str, max_depth: usize, max_nodes: usize) -> Option<Dom<'a>> {
        let mut b = Builder {
            nodes: Vec::with_capacity((html.len() / 40 + 16).min(max_nodes)),
            open: vec![(0, UNKNOWN)],
            beyond: Vec::new(),
            holders: Vec::new(),
            beyond_counts: std::collections::HashMap::new(),
            max_depth: max_depth.max(1),
            max_nodes,
        };
        b.nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            data: Data::Document,
        });
        if !tokenize(html, &mut b) {
            return None;
        }
        Some(Dom { nodes: b.nodes })
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
    pub fn node(&self, i: usize) -> &Node<'a> {
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
                .map(|(_, v)| v.as_ref()),
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
/// Kept attributes of a start tag: (name, value with character references decoded).
type Attrs<'a> = Vec<(&'static str, Cow<'a, str>)>;

fn parse_attrs(html: &str, mut pos: usize) -> (Attrs<'_>, bool, usize) {
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

    /// The tag table is sorted and without duplicates, so every known name has one id and
    /// the builder's own names resolve.
    #[test]
    fn a_head_never_closed_ends_where_the_body_begins() {
        let d = Dom::parse(
            "<html><head><title>T</title><meta charset=utf-8><link rel=x><body><div><p>Text</p></div></body></html>",
        );
        assert_eq!(
            tags(&d),
            vec![
                "html", " head", "  title", "  meta", "  link", " body", "  div", "   p"
            ]
        );
        // Without `<body>`, the first element that cannot be in a head ends it too.
        let d = Dom::parse("<head><style>p{}</style><my-app><p>Text</p></my-app>");
        assert_eq!(tags(&d), vec!["head", " style", "my-app", " p"]);
    }

    #[test]
    fn tag_table_is_sorted_and_ids_resolve() {
        assert!(SORTED_TAGS.windows(2).all(|w| w[0] < w[1]));
        for (i, t) in SORTED_TAGS.iter().enumerate() {
            assert_eq!(tag_id(t), i as TagId);
        }
        assert_eq!(tag_id("amp-ad"), UNKNOWN);
        assert_eq!(SORTED_TAGS[P as usize], "p");
        assert!(flags(tag_id("div")) & F_CLOSES_P != 0 && flags(tag_id("span")) == 0);
        assert!(flags(tag_id("img")) & F_VOID != 0 && flags(tag_id("script")) & F_RAW_TEXT != 0);
        assert_eq!(flags(UNKNOWN), 0);
    }

    /// Upper-case and custom tags: names are lower-cased, custom elements open and close by
    /// name (and never close a known element of another name), a heading closes an open
    /// heading, and text without references is borrowed from the page, not copied.
    #[test]
    fn case_custom_tags_and_borrowed_text() {
        let html = "<DIV Class=A><my-card><P>One &amp; two</my-card><h2>T<h3>U</h3></DIV>";
        let d = Dom::parse(html);
        assert_eq!(tags(&d), vec!["div", " my-card", "  p", " h2", " h3"]);
        let div = d.elements().next().unwrap();
        assert_eq!(d.attr(div, "class"), Some("A"));
        let texts: Vec<&Data> = (0..d.len())
            .map(|i| &d.node(i).data)
            .filter(|x| matches!(x, Data::Text(_)))
            .collect();
        assert!(matches!(texts[0], Data::Text(Cow::Owned(t)) if t == "One & two"));
        assert!(matches!(texts[1], Data::Text(Cow::Borrowed("T"))));
        // A stray end tag of a custom element closes nothing.
        let d = Dom::parse("<div><p>a</x-y>b</div>");
        assert_eq!(d.text_of(0), "ab");
        assert_eq!(tags(&d), vec!["div", " p"]);
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
    fn references_without_semicolons_and_windows_1252_numbers() {
        let d = Dom::parse(
            "<p>&copy 2025 &amp co &#241o &#x2715 &#155; &notit; &copy2026 a&b &#; </></p>",
        );
        let p = d.elements().find(|&i| d.tag(i) == "p").expect("p");
        assert_eq!(d.text_of(p), "© 2025 & co ño ✕ › ¬it; ©2026 a&b &#;");
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
    fn elements_beyond_the_limit_keep_their_tag_and_text() {
        let html = "<div>".repeat(300)
            + "<p>Tomas Varga was arrested in Velmara.</p><p>Elena Moravec <b>spoke</b>.</p>"
            + &"</div>".repeat(300)
            + "<p>after</p>";
        let d = Dom::parse(&html);
        let ps: Vec<usize> = d.elements().filter(|&i| d.tag(i) == "p").collect();
        assert_eq!(ps.len(), 3);
        assert_eq!(d.text_of(ps[0]), "Tomas Varga was arrested in Velmara.");
        assert_eq!(d.text_of(ps[1]), "Elena Moravec spoke.");
        // Attached below the limit, side by side; the 300 empty <div>s left one node.
        let depth = |i: usize| std::iter::successors(d.parent(i), |&p| d.parent(p)).count();
        assert_eq!(depth(ps[0]), MAX_DEPTH + 1);
        assert_eq!(d.parent(ps[0]), d.parent(ps[1]));
        assert!(d.len() < MAX_DEPTH + 10, "{} nodes", d.len());
        assert_eq!(
            d.parent(ps[2]),
            Some(0),
            "the page continues at the top level"
        );
    }

    #[test]
    fn subtree_ranges() {
        let d = Dom::parse("<div><p>a</p><p>b</p></div><p>c</p>");
        let div = d.elements().next().unwrap();
        assert_eq!(d.text_of(div), "a b");
        assert_eq!(d.subtree_end(div), d.elements().nth(3).unwrap());
    }
}

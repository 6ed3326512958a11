//! Differential check of casefile's tree builder against html5ever (through `scraper`, a
//! dev-dependency): the visible text of each page in document order, from both trees,
//! compared with runs of whitespace collapsed. Prints how many pages agree exactly and, for
//! the others, where the two texts first part (a window of each), so that every kind of
//! difference can be named.
//!
//! Visible text: the text nodes outside `head`, `script`, `style`, `noscript`, `template`,
//! `textarea`, `title`, `iframe`, `noembed`, `noframes`, `xmp` and `svg`.
//!
//! usage: dom_diff DIR... [--show N]   (every *.html and *.html.gz of each DIR)

use casefile::clean::dom::{Data, Dom};
use std::io::Read;

const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "textarea", "title", "iframe", "noembed",
    "noframes", "xmp", "svg",
];

/// The text nodes joined as they stand (adjacent nodes are one run of text: html5ever keeps
/// `a<!-- -->b` as two nodes, casefile's tree as one), runs of whitespace collapsed.
fn collapse(parts: impl Iterator<Item = String>) -> String {
    let all: String = parts.collect();
    all.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn ours(html: &str) -> String {
    let d = Dom::parse(html);
    let hidden = |mut i: usize| {
        while let Some(p) = d.parent(i) {
            if HIDDEN.contains(&d.tag(p)) {
                return true;
            }
            i = p;
        }
        false
    };
    collapse((0..d.len()).filter_map(|i| match &d.node(i).data {
        Data::Text(t) if !hidden(i) => Some(t.to_string()),
        _ => None,
    }))
}

fn theirs(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    collapse(doc.tree.root().descendants().filter_map(|n| {
        let scraper::Node::Text(t) = n.value() else {
            return None;
        };
        let hidden = n.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| HIDDEN.contains(&e.name()))
        });
        (!hidden).then(|| t.to_string())
    }))
}

fn read(path: &std::path::Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .ok()?;
        out
    } else {
        bytes
    };
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let dirs: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--show"))
        .map(|(_, a)| a)
        .collect();
    let (mut pages, mut same, mut shown) = (0, 0, 0);
    for dir in dirs {
        let Ok(rd) = std::fs::read_dir(dir) else {
            eprintln!("dom_diff: cannot read {dir}");
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let name = f.to_string_lossy();
            if !(name.ends_with(".html") || name.ends_with(".html.gz")) {
                continue;
            }
            let Some(html) = read(&f) else { continue };
            pages += 1;
            let (a, b) = (ours(&html), theirs(&html));
            if a == b {
                same += 1;
                continue;
            }
            if shown < show {
                shown += 1;
                let at = a
                    .char_indices()
                    .zip(b.chars())
                    .find(|((_, x), y)| x != y)
                    .map_or(a.len().min(b.len()), |((i, _), _)| i);
                let from = a.floor_char_boundary(at.saturating_sub(60));
                let win = |s: &str| {
                    let start = s.floor_char_boundary(from.min(s.len()));
                    let end = s.floor_char_boundary((at + 80).min(s.len()));
                    s[start..end].to_string()
                };
                println!(
                    "{}: ours {} chars, html5ever {}\n  ours:      {:?}\n  html5ever: {:?}",
                    f.file_name()
                        .map_or(name.to_string(), |n| n.to_string_lossy().into()),
                    a.len(),
                    b.len(),
                    win(&a),
                    win(&b)
                );
            }
        }
    }
    println!(
        "{same} of {pages} pages agree exactly ({:.1}%)",
        100.0 * same as f64 / pages.max(1) as f64
    );
}

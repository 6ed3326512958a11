//! `casefile check` places its findings in the source files (file:line:column), besides
//! the document offsets: in an HTML page (tags, entities, scripts skipped) and in an entry
//! split off a multi-entry page, whose offsets index a text no file holds.

mod common;
use common::{casefile_in, stdout_ok};

use serde_json::Value;
use std::path::Path;

const PAGE: &str = "Velmara: trade union rights violations\n\nDockworkers leader detained\n\
03-05-2021\nThe union said that Tomas Varga, chair of the Velmara dockworkers union, was \
detained by police for organising a strike.\n\nDockworkers leader jailed\n20-06-2021\nThe \
union said that on 18 June 2021 a court in Velmara sentenced Tomas Varga to three years in \
prison.\nHis colleague Ilse Borand was fined.\n";

const COURT: &str = "<!DOCTYPE html>\n<html><head><title>Velmara court jails union leader</title>\n\
<meta property=\"article:published_time\" content=\"2021-06-19\">\n\
<script>var tag = \"Odile Maret\";</script></head>\n<body>\n<nav><a href=\"/\">Home</a></nav>\n\
<article>\n<h1>Velmara court jails union leader</h1>\n\
<p>On 18 June 2021 a court in Velmara sentenced <b>Tomas&nbsp;Varga</b>, chair of the \
dockworkers&#39; union,\n  to two years in prison, his lawyer Odile Maret said.</p>\n\
<p>The union called the verdict an attack on the right to strike and said it would appeal \
against the decision of the court.</p>\n</article>\n</body></html>\n";

/// 1-based line and column (in characters) of the first `needle` in `text` at or after
/// line `from_line`.
fn position(text: &str, needle: &str, from_line: usize) -> (usize, usize) {
    for (i, line) in text.lines().enumerate().skip(from_line - 1) {
        if let Some(b) = line.find(needle) {
            return (i + 1, line[..b].chars().count() + 1);
        }
    }
    panic!("`{needle}` not in the text");
}

fn check(dir: &Path) -> (Value, String) {
    let run = |format: &str| {
        stdout_ok(&casefile_in(
            dir,
            &["check", "--names", "names.tsv", "--format", format],
        ))
    };
    let json = serde_json::from_str(&run("json")).expect("JSON report");
    (json, run("text"))
}

fn finding<'a>(r: &'a Value, code: &str, message_part: &str) -> &'a Value {
    r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == code && f["message"].as_str().unwrap_or("").contains(message_part))
        .unwrap_or_else(|| panic!("no {code} finding about {message_part}: {r:#}"))
}

#[test]
fn findings_name_the_line_and_column_of_the_source_file() {
    let d = tempfile::tempdir().expect("temp dir");
    let c = d.path().join("corpus");
    std::fs::create_dir(&c).expect("corpus");
    std::fs::write(c.join("page.txt"), PAGE).expect("page");
    std::fs::write(c.join("court.html"), COURT).expect("court");
    std::fs::write(
        d.path().join("names.tsv"),
        "Tomas Varga\tperson\nIlse Borand\tperson\n",
    )
    .expect("names");
    let (r, text) = check(d.path());

    // A new name in the HTML page: at its place in the markup, not in the script that
    // holds the same name earlier.
    let maret = finding(&r, "name.new_entity", "`Odile Maret`");
    let loc = &maret["location"];
    let (line, col) = position(COURT, "Odile Maret said", 1);
    assert_eq!(loc["file"], "corpus/court.html");
    assert_eq!(
        (loc["line"].as_u64(), loc["column"].as_u64()),
        (Some(line as u64), Some(col as u64)),
        "{loc}"
    );
    assert!(loc["part"].is_null(), "{loc}");
    assert!(
        text.contains(&format!("corpus/court.html:{line}:{col} doc ")),
        "{text}"
    );

    // The sources disagree on the term: the first source is the page's second entry; its
    // offsets index the entry's text, its line and column the page file.
    let conflict = finding(&r, "event.conflict", "prison_term");
    let loc = &conflict["location"];
    assert_eq!(loc["file"], "corpus/page.txt");
    assert_eq!(loc["part"], "entry #2");
    let (line, col) = position(PAGE, "The union said that on 18 June 2021", 1);
    assert_eq!(
        (loc["line"].as_u64(), loc["column"].as_u64()),
        (Some(line as u64), Some(col as u64)),
        "{loc}"
    );
    assert!(
        text.contains(&format!("corpus/page.txt:{line}:{col} (entry #2) doc ")),
        "{text}"
    );
    // The span is the evidence sentence within the entry's text.
    let span = loc["span"].as_array().expect("span");
    assert!(span[0].as_u64() < span[1].as_u64());
}

//! `casefile report --html`: per-entity timelines with sources, conflicts highlighted,
//! self-contained and deterministic. (The browser rendering is checked by
//! `tests/scripts/report_browser.sh` in `.ci/run`.)

mod common;

use casefile::report::{ReportData, render};
use common::{root, run};

#[test]
fn timelines_show_sources_and_highlight_conflicts() {
    let out = tempfile::tempdir().expect("tempdir");
    run(&root().join("corpus"), out.path(), 2);
    let data = ReportData::load(out.path()).expect("load");
    let page = render(&data);
    assert_eq!(page, render(&ReportData::load(out.path()).expect("load")));

    // Kharkova's section, with her sentence flagged for the conflicting terms.
    let start = page
        .find("id=\"person-larisa-kharkova\"")
        .expect("Kharkova's section");
    let section = &page[start..start + page[start..].find("</section>").expect("end")];
    assert!(section.contains("<h2>Larisa Kharkova</h2>"));
    let sentence = section
        .split("<li class=")
        .find(|li| li.contains("2017-07-25") && li.contains(">sentence<"))
        .expect("the 2017-07-25 sentence");
    assert!(sentence.starts_with("\"event conflict\""), "{sentence}");
    assert!(sentence.contains("400 hours") && sentence.contains("100 hours"));
    assert!(sentence.contains("<blockquote>"), "evidence quoted");
    assert!(
        sentence.contains("<mark>"),
        "trigger marked in the evidence"
    );
    // Events in date order inside the section.
    let dates: Vec<&str> = section
        .match_indices("<span class=\"date\">")
        .map(|(i, m)| {
            let rest = &section[i + m.len()..];
            &rest[..rest.find('<').expect("date end")]
        })
        .filter(|d| *d != "undated")
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);

    // Self-contained: no scripts, stylesheets or images from elsewhere.
    for bad in ["<script", "<link", "<img", "@import", "url("] {
        assert!(!page.contains(bad), "{bad}");
    }
    // Organisations have timelines too.
    assert!(page.contains("<section class=\"entity org\" id=\"org-knprk\">"));
}

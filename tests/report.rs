//! `casefile report --html`: per-entity timelines with sources, conflicts highlighted,
//! self-contained and deterministic. (The browser rendering is checked by
//! `tests/scripts/report_browser.sh` in `.ci/run`.)

mod common;

use casefile::report::{ReportData, render};
use common::{root, run};
use std::path::Path;
use std::process::Command;

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

    // Self-contained: no scripts, stylesheets or images from elsewhere; one inline script
    // (the filters).
    for bad in [
        "<script src",
        "<link",
        "<img",
        "@import",
        "url(",
        "http-equiv",
    ] {
        assert!(!page.contains(bad), "{bad}");
    }
    assert_eq!(page.matches("<script").count(), 1);
    // Organisations have timelines too.
    assert!(page.contains("<section class=\"entity org\" id=\"org-knprk\" data-name="));
}

/// The text a reader sees: no scripts, styles, tags or attributes.
fn visible_text(page: &str) -> String {
    let mut t = page.to_string();
    for (open, close) in [("<script", "</script>"), ("<style", "</style>")] {
        while let Some(i) = t.find(open) {
            let j = t[i..].find(close).map_or(t.len(), |j| i + j + close.len());
            t.replace_range(i..j, "");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in t.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn casefile(cwd: &Path, args: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_casefile"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("casefile runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The `<li>` of `subject`'s event of type `etype`.
fn event_li<'a>(page: &'a str, subject: &str, etype: &str) -> &'a str {
    let start = page
        .find(&format!(
            "<section class=\"entity person\" id=\"{subject}\""
        ))
        .unwrap_or_else(|| panic!("{subject}'s section"));
    let section = &page[start..start + page[start..].find("</section>").expect("end")];
    section
        .split("<li class=")
        .find(|li| li.contains(&format!("data-type=\"{etype}\"")))
        .unwrap_or_else(|| panic!("{subject}: no {etype}"))
}

#[test]
fn entry_dates_read_as_upper_bounds_and_no_internal_keys_show() {
    let d = tempfile::tempdir().expect("tempdir");
    let c = d.path().join("corpus");
    std::fs::create_dir(&c).expect("corpus");
    // A page of dated entries (the entry date bounds its events) and an article with
    // the event's own date.
    std::fs::write(
        c.join("page.txt"),
        "Velmara: trade union rights violations\n\nDockworkers leader detained\n03-05-2021\n\
         The union said that Tomas Varga, chair of the Velmara dockworkers union, was \
         detained by police for organising a strike.\n\nUnion registration refused\n\
         18-03-2022\nThe Ministry of Justice refused to register the Free Docks union, and \
         Ilse Borand was dismissed.\n",
    )
    .expect("page");
    std::fs::write(
        c.join("court.txt"),
        "Dockworkers leader jailed\n\n20 June 2021\n\nOn 18 June 2021 a court in Velmara \
         sentenced Tomas Varga to two years in prison.\n",
    )
    .expect("article");
    std::fs::write(
        d.path().join("names.tsv"),
        "Tomas Varga\tperson\nIlse Borand\tperson\nFree Docks\torg\n",
    )
    .expect("names");
    casefile(d.path(), &["run", "--quiet", "--names", "names.tsv"]);
    casefile(d.path(), &["report", "--html", "report.html"]);
    let page = std::fs::read_to_string(d.path().join("report.html")).expect("page");

    let arrest = event_li(&page, "person-tomas-varga", "arrest");
    assert!(
        arrest.contains(
            "<span class=\"bound\">no later than</span> <span class=\"date\">2021-05</span>"
        ),
        "{arrest}"
    );
    assert!(arrest.contains("an upper bound"), "{arrest}");
    let sentence = event_li(&page, "person-tomas-varga", "sentence");
    assert!(!sentence.contains("no later than"), "{sentence}");
    assert!(
        sentence.contains("<span class=\"date\">2021-06-18</span> <span class=\"basis\">(stated with the event)</span>"),
        "{sentence}"
    );
    let dismissal = event_li(&page, "person-ilse-borand", "dismissal");
    assert!(dismissal.contains("no later than"), "{dismissal}");
    assert!(dismissal.contains("Trade union activities"), "{dismissal}");

    // What a reader sees: names, never ids or vocabulary keys.
    let text = visible_text(&page);
    assert!(text.contains("Tomas Varga") && text.contains("Ilse Borand"));
    for key in [
        "person/",
        "org/",
        "civil_liberties",
        "union_activities",
        "establish_join_unions",
        "registration_denied",
        "(entry)",
        "(clause)",
    ] {
        assert!(!text.contains(key), "`{key}` shown: {text}");
    }

    // The filter bar offers the run's types and categories by name, and every event
    // carries what the filters read.
    assert!(page.contains("<form id=\"filters\" hidden"));
    assert!(page.contains("<option value=\"registration_denied\">registration denied</option>"));
    assert!(page.contains("<option value=\"union_activities\">Trade union activities</option>"));
    for li in page.split("<li class=\"event").skip(1) {
        let head = &li[..li.find('>').expect("tag end")];
        for a in [
            "data-type=\"",
            "data-category=\"",
            "data-date=\"",
            "data-basis=\"",
        ] {
            assert!(head.contains(a), "{head}");
        }
    }
    assert!(page.contains("data-name=\"Tomas Varga\""));
}

#[test]
fn a_source_names_its_author() {
    let corpus = tempfile::tempdir().expect("tempdir");
    let page = "<html><head><title>Velmara union leader sentenced</title>\
        <meta name='author' content='Odile Maret'></head><body><article>\
        <h1>Velmara union leader sentenced</h1>\
        <p>On 3 May 2021 the Velmara district court sentenced the union leader Tomas Varga to \
        two years in prison for organising an illegal strike.</p>\
        <p>His lawyers said they would appeal, the union said in a statement.</p>\
        </article></body></html>";
    std::fs::write(corpus.path().join("sentence.html"), page).expect("page");
    let out = tempfile::tempdir().expect("tempdir");
    run(corpus.path(), out.path(), 1);
    let page = render(&ReportData::load(out.path()).expect("load"));
    assert!(page.contains(">sentence<"), "the sentence event is shown");
    assert!(
        page.contains("Velmara union leader sentenced &middot; by Odile Maret"),
        "the source line names its author"
    );
}

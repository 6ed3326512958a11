//! `casefile entities` and `casefile history NAME` on a run over invented articles: entities
//! found by any spelling, a name that is one entity's gives its history, an ambiguous one
//! lists the candidates and fails.

mod common;
use common::casefile_in;

use std::process::Output;

/// A run over two invented articles with a name list of three invented people.
fn run() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("temp dir");
    let c = d.path().join("corpus");
    std::fs::create_dir(&c).expect("corpus");
    std::fs::write(
        c.join("a.txt"),
        "Union leader arrested in Velmara\n\n5 May 2021\n\nTomáš Varga, the chair of the \
         Velmara dockworkers' union, was arrested in Velmara on 3 May 2021. Police also \
         searched the home of Ilse Varga.\n",
    )
    .expect("a.txt");
    std::fs::write(
        c.join("b.txt"),
        "Court jails dockworkers' leader\n\n20 June 2021\n\nOn 18 June 2021 a court in Velmara \
         sentenced Tomas Varga to two years in prison. Odile Maret said the case was \
         fabricated.\n",
    )
    .expect("b.txt");
    std::fs::write(
        d.path().join("names.tsv"),
        "Tomas Varga\tperson\t\t\t\tТомаш Варга\nIlse Varga\tperson\nOdile Maret\tperson\n",
    )
    .expect("names");
    let o = casefile_in(d.path(), &["run", "--quiet", "--names", "names.tsv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    d
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn entities_lists_and_searches_by_any_spelling() {
    let d = run();
    let o = casefile_in(d.path(), &["entities"]);
    assert!(o.status.success());
    let all = stdout(&o);
    let varga = all
        .lines()
        .find(|l| l.contains("person/tomas-varga"))
        .unwrap_or_else(|| panic!("{all}"));
    // Both spellings are mentions of him.
    assert!(varga.trim_start().starts_with("2 mentions"), "{varga}");
    assert!(varga.ends_with("Tomas Varga"), "{varga}");
    assert!(all.contains("person/odile-maret"), "{all}");
    let ilse = all
        .lines()
        .find(|l| l.contains("person/ilse-varga"))
        .unwrap_or_else(|| panic!("{all}"));
    assert!(ilse.trim_start().starts_with("1 mention "), "{ilse}");

    for q in ["tomas varga", "TOMÁŠ", "Томаш Варга", "Varga Tomas"] {
        let o = casefile_in(d.path(), &["entities", q]);
        assert!(o.status.success(), "{q}");
        let found = stdout(&o);
        assert!(found.contains("person/tomas-varga"), "{q}: {found}");
        assert!(!found.contains("person/odile-maret"), "{q}: {found}");
    }
    let o = casefile_in(d.path(), &["entities", "varga"]);
    let found = stdout(&o);
    assert!(found.contains("person/tomas-varga"), "{found}");
    assert!(found.contains("person/ilse-varga"), "{found}");
    assert_eq!(found.lines().count(), 2, "{found}");
    let o = casefile_in(d.path(), &["entities", "Borand"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn history_takes_a_name_and_shows_evidence() {
    let d = run();
    let o = casefile_in(d.path(), &["history", "Tomáš Varga", "--evidence"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let h = stdout(&o);
    assert!(h.starts_with("# Tomas Varga (person/tomas-varga)\n"), "{h}");
    assert!(h.contains("2021-05-03  arrest"), "{h}");
    assert!(h.contains("2021-06-18  sentence"), "{h}");
    assert!(
        h.contains("> Tomáš Varga, the chair of the Velmara dockworkers' union, was arrested"),
        "{h}"
    );
    assert!(h.contains("prison_term=P2Y"), "{h}");
    // Without --evidence, no sentences; by id as before.
    let o = casefile_in(d.path(), &["history", "person/tomas-varga"]);
    assert!(o.status.success());
    assert!(!stdout(&o).contains("> "), "{}", stdout(&o));
}

#[test]
fn an_ambiguous_or_unknown_name_fails_with_the_candidates() {
    let d = run();
    let o = casefile_in(d.path(), &["history", "Varga"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("names 2 entities"), "{err}");
    assert!(err.contains("person/tomas-varga"), "{err}");
    assert!(err.contains("person/ilse-varga"), "{err}");

    let o = casefile_in(d.path(), &["history", "Ilse Borand"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no entity matches `Ilse Borand`"), "{err}");
}

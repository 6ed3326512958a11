//! The installed executable works from any directory: the gazetteers and rules it needs are
//! compiled in, `--gazetteers DIR` replaces the built-in gazetteers, `--names` adds to
//! them, and a missing directory or list is named with the flag that gave it.

mod common;
use common::casefile_in;

use serde_json::Value;
use std::path::Path;

/// The entity ids of `out/mentions.jsonl`.
fn mentioned(out: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(out.join("mentions.jsonl")).expect("mentions.jsonl");
    let mut ids: Vec<String> = text
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON line");
            v["entity_id"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// A directory with no gazetteers/ or rules/ in it, holding a one-article corpus that
/// names a person of the built-in gazetteer and an invented one.
fn elsewhere() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(d.path().join("corpus")).expect("corpus dir");
    std::fs::write(
        d.path().join("corpus/a.txt"),
        "Two union leaders detained\n\n4 May 2021\n\nLarisa Kharkova and Tomas Varga were \
         detained in Velmara on 3 May 2021, their colleagues said.\n",
    )
    .expect("article");
    d
}

#[test]
fn run_and_annotate_work_outside_the_repository_with_built_in_gazetteers() {
    let d = elsewhere();
    let o = casefile_in(d.path(), &["run", "--quiet"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ids = mentioned(&d.path().join("out"));
    assert!(
        ids.contains(&"person/larisa-kharkova".to_string()),
        "{ids:?}"
    );
    let run: Value = serde_json::from_str(
        &std::fs::read_to_string(d.path().join("out/run.json")).expect("run.json"),
    )
    .expect("run.json is JSON");
    assert_eq!(run["gazetteers"], "<built-in>");
    assert_eq!(run["rules"], "builtin");

    let o = casefile_in(
        d.path(),
        &["annotate", "corpus/a.txt", "--dct", "2021-05-04"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a = String::from_utf8_lossy(&o.stdout);
    assert!(a.contains("person/larisa-kharkova"), "{a}");
}

#[test]
fn the_built_in_gazetteers_give_the_same_output_as_the_repositorys_directory() {
    let d = elsewhere();
    let repo_gaz = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
    let o = casefile_in(d.path(), &["run", "--quiet", "--out", "builtin"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = casefile_in(
        d.path(),
        &[
            "run",
            "--quiet",
            "--out",
            "dir",
            "--gazetteers",
            repo_gaz.to_str().expect("utf-8 path"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in ["mentions.jsonl", "events.jsonl", "entities.jsonl"] {
        assert_eq!(
            std::fs::read(d.path().join("builtin").join(f)).expect("built-in output"),
            std::fs::read(d.path().join("dir").join(f)).expect("directory output"),
            "{f}"
        );
    }
}

#[test]
fn gazetteers_dir_replaces_the_built_in_set_and_names_add_to_it() {
    let d = elsewhere();
    std::fs::create_dir(d.path().join("mine")).expect("dir");
    std::fs::write(
        d.path().join("mine/people.gaz"),
        "id: person/tomas-varga\ntype: person\nname: Tomas Varga\n",
    )
    .expect("gaz");
    let o = casefile_in(
        d.path(),
        &[
            "run",
            "--quiet",
            "--gazetteers",
            "mine",
            "--out",
            "replaced",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ids = mentioned(&d.path().join("replaced"));
    assert!(ids.contains(&"person/tomas-varga".to_string()), "{ids:?}");
    assert!(
        !ids.contains(&"person/larisa-kharkova".to_string()),
        "{ids:?}"
    );

    std::fs::write(d.path().join("names.tsv"), "Tomas Varga\tperson\n").expect("names");
    let o = casefile_in(
        d.path(),
        &["run", "--quiet", "--names", "names.tsv", "--out", "added"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ids = mentioned(&d.path().join("added"));
    assert!(ids.contains(&"person/tomas-varga".to_string()), "{ids:?}");
    assert!(
        ids.contains(&"person/larisa-kharkova".to_string()),
        "{ids:?}"
    );
}

#[test]
fn a_missing_gazetteer_directory_or_name_list_is_named_with_its_flag() {
    let d = elsewhere();
    let o = casefile_in(d.path(), &["run", "--quiet", "--gazetteers", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("nowhere:"), "{err}");
    assert!(err.contains("--gazetteers"), "{err}");
    assert!(err.contains("built-in"), "{err}");

    let o = casefile_in(d.path(), &["run", "--quiet", "--names", "missing.tsv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("missing.tsv:"), "{err}");
    assert!(err.contains("--names"), "{err}");
    // Nothing was written.
    assert!(!d.path().join("out").exists());
}

#[test]
fn gazetteer_init_writes_the_built_in_set_for_editing() {
    let d = elsewhere();
    let o = casefile_in(d.path(), &["gazetteer", "init", "gaz"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers/persons.gaz");
    assert_eq!(
        std::fs::read(d.path().join("gaz/persons.gaz")).expect("written"),
        std::fs::read(repo).expect("repo file")
    );
    // Never over a user's edits.
    let o = casefile_in(d.path(), &["gazetteer", "init", "gaz"]);
    assert!(!o.status.success());
    let o = casefile_in(d.path(), &["gazetteer", "lint", "--gazetteers", "gaz"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

//! `run --shard K/N` + `merge`: shard outputs merged equal a single run, byte for byte.

mod common;

use casefile::pipeline::shard::{Shard, merge_runs};
use casefile::pipeline::{self, RunConfig};
use common::{assert_same_output, root};
use std::path::{Path, PathBuf};

fn run(corpus: &Path, out: &Path, shard: Option<Shard>) -> pipeline::RunSummary {
    pipeline::run(&RunConfig {
        shard,
        ..common::config(corpus, out)
    })
    .expect("run")
}

/// The seed corpus (with its sidecars, in a subdirectory too), articles about the same
/// events from other angles, and broken files whose error records must survive the merge.
fn corpus() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(d.path().join("sub")).expect("mkdir");
    for e in std::fs::read_dir(root().join("corpus")).expect("corpus") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_owned();
        std::fs::copy(&p, d.path().join(&name)).expect("copy");
        std::fs::copy(
            &p,
            d.path()
                .join("sub")
                .join(format!("x{}", name.to_string_lossy())),
        )
        .expect("copy");
    }
    for (i, text) in [
        "On 25 July 2017, a court in Kentau sentenced Larisa Kharkova to four years of restricted freedom.",
        "Nurbek Kushakbayev was released on 22 May 2018, the union said.",
        "Amin Yeleusinov was arrested on 20 January 2017 in Aktau.",
        "The court sentenced Larisa Kharkova to 400 hours of community service on 25 July 2017.",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(d.path().join(format!("n{i}.txt")), format!("Report {i}\n\n{text}\n"))
            .expect("write");
    }
    std::fs::write(
        d.path().join("broken.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .expect("write");
    std::fs::write(d.path().join("empty.txt"), b"").expect("write");
    d
}

#[test]
fn merged_shards_equal_a_single_run() {
    let c = corpus();
    let single = tempfile::tempdir().expect("tempdir");
    let s = run(c.path(), single.path(), None);
    assert!(s.errors >= 2, "the broken files fail: {}", s.errors);
    for n in [1u32, 3, 4] {
        let shards: Vec<tempfile::TempDir> = (0..n)
            .map(|_| tempfile::tempdir().expect("tempdir"))
            .collect();
        let mut docs = 0;
        for (k, d) in shards.iter().enumerate() {
            docs += run(c.path(), d.path(), Some(Shard { k: k as u32, n })).documents;
        }
        assert_eq!(docs, s.documents, "every file in exactly one of {n} shards");
        // Inputs in any order.
        let mut inputs: Vec<PathBuf> = shards.iter().map(|d| d.path().to_path_buf()).collect();
        inputs.reverse();
        let merged = tempfile::tempdir().expect("tempdir");
        let m = merge_runs(&inputs, merged.path(), &root().join("gazetteers")).expect("merge");
        assert_eq!((m.documents, m.events), (s.documents, s.events));
        assert_same_output(merged.path(), single.path());
    }
}

#[test]
fn a_shard_given_twice_or_missing_is_refused_or_visible() {
    let c = corpus();
    let a = tempfile::tempdir().expect("tempdir");
    run(c.path(), a.path(), Some(Shard { k: 0, n: 2 }));
    let out = tempfile::tempdir().expect("tempdir");
    let e = merge_runs(
        &[a.path().to_path_buf(), a.path().to_path_buf()],
        out.path(),
        &root().join("gazetteers"),
    )
    .expect_err("the same shard twice");
    assert!(e.to_string().contains("two shard outputs"), "{e}");
    assert!("2/2".parse::<Shard>().is_err());
    assert!("x".parse::<Shard>().is_err());
}

//! A run killed at any moment leaves the previous `out/` complete or the new one complete,
//! never a mix or a truncated file.

mod common;

use common::{OUTPUTS, root};
use std::collections::BTreeMap;
use std::path::Path;

fn snapshot(out: &Path) -> BTreeMap<String, Vec<u8>> {
    OUTPUTS
        .iter()
        .map(|f| {
            (
                f.to_string(),
                std::fs::read(out.join(f)).unwrap_or_default(),
            )
        })
        .collect()
}

fn casefile(corpus: &Path, out: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_casefile"));
    c.args(["run", "--quiet", "--jobs", "1", "--corpus"])
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .current_dir(root());
    c
}

#[test]
fn a_killed_run_leaves_the_old_or_the_new_output_whole() {
    // A corpus that takes a while: the seeds many times over (each copy its own
    // document), and a second version with one more document.
    let old_corpus = tempfile::tempdir().unwrap();
    let seeds: Vec<_> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    for i in 0..40 {
        for s in &seeds {
            let text = std::fs::read_to_string(s).unwrap();
            let name = format!("{i:03}-{}", s.file_name().unwrap().to_string_lossy());
            std::fs::write(old_corpus.path().join(name), format!("{text}\nCopy {i}.\n")).unwrap();
        }
    }
    let new_corpus = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(old_corpus.path()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, new_corpus.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        new_corpus.path().join("zzz.txt"),
        "On 7 April 2017, Nurbek Kushakbayev was sentenced to two and a half years in prison.",
    )
    .unwrap();

    let work = tempfile::tempdir().unwrap();
    let reference_new = work.path().join("reference");
    assert!(
        casefile(new_corpus.path(), &reference_new)
            .status()
            .unwrap()
            .success()
    );
    let new = snapshot(&reference_new);
    let out = work.path().join("out");
    assert!(
        casefile(old_corpus.path(), &out)
            .status()
            .unwrap()
            .success()
    );
    let old = snapshot(&out);
    assert_ne!(old, new);

    // Time a whole run to spread the kills over it.
    let t = std::time::Instant::now();
    assert!(
        casefile(new_corpus.path(), &work.path().join("timing"))
            .status()
            .unwrap()
            .success()
    );
    let whole = t.elapsed();
    let mut saw_old = 0;
    for k in 0..8u32 {
        // Restore the old output, then start the new run and kill it part-way.
        if snapshot(&out) != old {
            assert!(
                casefile(old_corpus.path(), &out)
                    .status()
                    .unwrap()
                    .success()
            );
        }
        let mut child = casefile(new_corpus.path(), &out).spawn().unwrap();
        std::thread::sleep(whole.mul_f64(f64::from(k) / 8.0 + 0.05));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        assert!(
            now == old || now == new,
            "kill {k}: out/ is neither the old nor the new run"
        );
        if now == old {
            saw_old += 1;
        }
    }
    // Early kills land before the swap and leave the old output.
    assert!(saw_old >= 2, "{saw_old}");
    // The next run cleans up what killed runs left beside out/ and succeeds.
    assert!(
        casefile(new_corpus.path(), &out)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(snapshot(&out), new);
    let beside: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}

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

/// Runs with only `--out` writable, not its parent: the output is staged inside it.
#[cfg(unix)]
mod only_out_writable {
    use super::{casefile, snapshot};
    use common::root;
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;
    use std::process::Command;

    use super::common;

    fn chmod(p: &Path, mode: u32) {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    fn is_root() -> bool {
        // SAFETY: geteuid has no preconditions and cannot fail.
        unsafe { libc::geteuid() == 0 }
    }

    /// `cmd` as a user that cannot write a directory of mode 0755 owned by root, or 0555:
    /// this user when not root, else `nobody` through `setpriv` (util-linux). None, with
    /// the reason printed, when root cannot switch.
    fn restricted(cmd: Command) -> Option<Command> {
        if !is_root() {
            return Some(cmd);
        }
        if Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status()
            .map_or(true, |s| !s.success())
        {
            eprintln!(
                "skipped: running as root (which writes any directory) and `setpriv` cannot \
                 switch to nobody, so a parent directory cannot be made unwritable"
            );
            return None;
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(cmd.get_program())
            .args(cmd.get_args())
            .current_dir(root());
        Some(c)
    }

    /// Makes `parent` unwritable for [`restricted`] commands, and writable again when
    /// dropped (so the temporary directory can be removed).
    struct Unwritable<'a>(&'a Path);

    impl<'a> Unwritable<'a> {
        fn new(parent: &'a Path) -> Self {
            // Root's processes run as nobody, for whom a root-owned 0755 is read-only.
            chmod(parent, if is_root() { 0o755 } else { 0o555 });
            Unwritable(parent)
        }
    }

    impl Drop for Unwritable<'_> {
        fn drop(&mut self) {
            chmod(self.0, 0o755);
        }
    }

    /// A corpus of `copies` copies of the seed articles, plus `extra` if given.
    fn corpus(at: &Path, copies: usize, extra: Option<&str>) {
        std::fs::create_dir_all(at).unwrap();
        for e in std::fs::read_dir(root().join("corpus")).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for i in 0..copies {
                let name = format!("{i:03}-{}", p.file_name().unwrap().to_string_lossy());
                std::fs::write(at.join(name), format!("{text}\nCopy {i}.\n")).unwrap();
            }
        }
        if let Some(t) = extra {
            std::fs::write(at.join("zzz.txt"), t).unwrap();
        }
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn run_with_only_out_writable_succeeds_and_a_kill_leaves_the_previous_output() {
        let d = tempfile::tempdir().unwrap();
        chmod(d.path(), 0o755);
        let (old_corpus, new_corpus) = (d.path().join("old"), d.path().join("new"));
        corpus(&old_corpus, 12, None);
        corpus(
            &new_corpus,
            12,
            Some("On 3 May 2021, Tomas Varga was arrested in Velmara."),
        );
        let reference = d.path().join("reference");
        assert!(
            casefile(&new_corpus, &reference)
                .status()
                .unwrap()
                .success()
        );
        let new = snapshot(&reference);
        let parent = d.path().join("shared");
        std::fs::create_dir(&parent).unwrap();
        let out = parent.join("out");
        // The previous output, written as plain files while the parent was writable.
        assert!(casefile(&old_corpus, &out).status().unwrap().success());
        let old = snapshot(&out);
        assert_ne!(old, new);
        std::fs::write(out.join("NOTES.txt"), "mine\n").unwrap();
        chmod(&out, 0o777);
        let _guard = Unwritable::new(&parent);

        // Only out/ writable: the run succeeds, nothing is made beside out/.
        let Some(mut c) = restricted(casefile(&old_corpus, &out)) else {
            return;
        };
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(snapshot(&out), old);
        let t = std::time::Instant::now();
        let o = restricted(casefile(&new_corpus, &out))
            .unwrap()
            .output()
            .unwrap();
        let whole = t.elapsed();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(snapshot(&out), new);
        assert_eq!(names_in(&parent), vec!["out"]);

        // Killed runs leave the previous output whole.
        let mut saw_old = 0;
        for k in 0..6u32 {
            if snapshot(&out) != old {
                let o = restricted(casefile(&old_corpus, &out))
                    .unwrap()
                    .output()
                    .unwrap();
                assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                assert_eq!(snapshot(&out), old);
            }
            let mut child = restricted(casefile(&new_corpus, &out))
                .unwrap()
                .spawn()
                .unwrap();
            std::thread::sleep(whole.mul_f64(f64::from(k) / 6.0 + 0.05));
            let _ = child.kill();
            let _ = child.wait();
            let now = snapshot(&out);
            assert!(
                now == old || now == new,
                "kill {k}: out/ is neither the old nor the new run"
            );
            saw_old += usize::from(now == old);
        }
        assert!(saw_old >= 2, "{saw_old}");
        // The next run cleans up after the killed ones; the user's file is untouched.
        let o = restricted(casefile(&new_corpus, &out))
            .unwrap()
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(snapshot(&out), new);
        assert_eq!(
            std::fs::read_to_string(out.join("NOTES.txt")).unwrap(),
            "mine\n"
        );
        assert_eq!(names_in(&parent), vec!["out"]);
        let versions: Vec<String> = names_in(&out.join(".casefile"))
            .into_iter()
            .filter(|n| n.starts_with("v-"))
            .collect();
        assert_eq!(versions.len(), 1, "{versions:?}");

        // Readers of out/*.jsonl work on it: an incremental run reuses every document.
        let mut inc = casefile(&new_corpus, &out);
        inc.arg("--incremental");
        let o = restricted(inc).unwrap().output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(snapshot(&out), new);
        let run: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
        assert_eq!(
            run["counts"]["files_reused"], run["counts"]["files"],
            "{run}"
        );
    }

    #[test]
    fn runs_staging_inside_and_beside_out_exclude_each_other() {
        let d = tempfile::tempdir().unwrap();
        chmod(d.path(), 0o755);
        let corpus_dir = d.path().join("corpus");
        corpus(&corpus_dir, 1, None);
        let parent = d.path().join("shared");
        let out = parent.join("out");
        std::fs::create_dir_all(out.join(".casefile")).unwrap();
        chmod(&out, 0o777);
        chmod(&out.join(".casefile"), 0o777);

        // A run staging beside out/ holds the parent's lock: one staging inside waits.
        let held = casefile::emit::outdir::OutLock::acquire(&out).unwrap();
        {
            let _guard = Unwritable::new(&parent);
            let Some(mut c) = restricted(casefile(&corpus_dir, &out)) else {
                return;
            };
            let o = c.output().unwrap();
            assert_eq!(o.status.code(), Some(2));
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(err.contains("another casefile run"), "{err}");
            assert!(
                err.contains(&format!("pid {}", std::process::id())),
                "{err}"
            );
        }
        drop(held);

        // A run staging inside out/ holds out/.casefile/lock: one staging beside waits.
        let inner = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(out.join(".casefile/lock"))
            .unwrap();
        inner.try_lock().unwrap();
        let o = casefile(&corpus_dir, &out).output().unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("another casefile run"), "{err}");
        inner.unlock().unwrap();
        // Free again: the run goes through.
        let o = casefile(&corpus_dir, &out).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    #[test]
    fn a_missing_out_under_an_unwritable_parent_is_named() {
        let d = tempfile::tempdir().unwrap();
        chmod(d.path(), 0o755);
        let corpus_dir = d.path().join("corpus");
        corpus(&corpus_dir, 1, None);
        let parent = d.path().join("shared");
        std::fs::create_dir(&parent).unwrap();
        let out = parent.join("out");
        let _guard = Unwritable::new(&parent);
        let Some(mut c) = restricted(casefile(&corpus_dir, &out)) else {
            return;
        };
        let o = c.output().unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(&format!("{}: ", out.display())), "{err}");
        assert!(err.contains("create"), "{err}");
        assert!(!err.contains("stage"), "{err}");
        assert!(names_in(&parent).is_empty());
    }
}

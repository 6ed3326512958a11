//! A crash-safe output directory: a run writes into a staging directory beside `out/` and
//! swaps it in with one atomic rename, so a run killed at any point leaves either the
//! previous `out/` complete or the new one complete, never a mix.
//!
//! On Linux the swap is `renameat2(RENAME_EXCHANGE)`: one system call exchanges the two
//! directories, then the old one is removed. Elsewhere (or on a file system without
//! exchange) the old directory is renamed aside first; a crash in that instant leaves the
//! previous output complete under `.NAME.old-PID` and no `out/`.
//!
//! Files in the old `out/` that a run does not write (a `.gitkeep`, a user's notes) are
//! carried over into the new one.
//!
//! One run at a time writes an output directory: [`OutDir::begin`] takes a lock first
//! ([`OutLock`], a file `.NAME.lock` beside `NAME` holding the run's pid), so a second run
//! on the same `--out` stops at once with the holder's pid, and never removes the first
//! one's staging directory.
//!
//! Every staged file is on disk before the swap: a file written in full is handed over
//! with [`OutDir::staged`] (or written by [`OutDir::write`]), which starts its sync in the
//! background, and [`OutDir::commit`] waits for all of them. The syncs overlap each other
//! and the rest of the run (the event merge), where one after another they were the
//! longest step after the documents (about 5 ms of a 0.4 s run).

use crate::error::{Error, Result};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A staging directory that becomes the output directory on [`OutDir::commit`].
pub struct OutDir {
    target: PathBuf,
    stage: PathBuf,
    committed: bool,
    /// Syncs of the staged files, started as each was handed over.
    syncs: Vec<StagedSync>,
    /// Held until the run is over (dropped after the fields above are dealt with).
    _lock: OutLock,
}

/// The lock on an output directory: the file `.NAME.lock` beside `NAME`, locked with the
/// operating system's advisory file lock (`flock` on Unix) and holding the holder's pid.
///
/// The operating system releases the lock when its process ends, however it ends, so the
/// lock of a killed run is never in the way (a stale lock file is simply locked again). On
/// a file system without file locks, the pid alone decides: a lock file naming a live
/// process other than this one is held, one naming a process that is gone is stale and
/// taken over. The file is removed when the lock is released.
pub struct OutLock {
    file: std::fs::File,
    path: PathBuf,
}

impl OutLock {
    /// Where the lock of output directory `target` lives.
    pub fn path_for(target: &Path) -> Result<PathBuf> {
        let name = target
            .file_name()
            .ok_or_else(|| Error::Invalid(format!("{}: not a directory name", target.display())))?;
        Ok(parent_of(target).join(format!(".{}.lock", name.to_string_lossy())))
    }

    /// Locks output directory `target` (its parent must exist), or fails at once with
    /// [`Error::Locked`] naming the holder.
    pub fn acquire(target: &Path) -> Result<Self> {
        let path = Self::path_for(target)?;
        // A holder that removes the file as it releases it leaves us a lock on a file that
        // is gone; try again on the new one (a few times: each is another run's turn).
        for _ in 0..100 {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| Error::io(&path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::Locked {
                        out: target.to_path_buf(),
                        holder: read_pid(&mut file),
                        lock: path,
                    });
                }
                Err(std::fs::TryLockError::Error(e)) if lock_unsupported(&e) => {
                    if let Some(pid) = read_pid(&mut file).filter(|&p| alive(p)) {
                        return Err(Error::Locked {
                            out: target.to_path_buf(),
                            holder: Some(pid),
                            lock: path,
                        });
                    }
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| writeln!(file, "{}", std::process::id()))
                .and_then(|()| file.flush())
                .map_err(|e| Error::io(&path, e))?;
            return Ok(OutLock { file, path });
        }
        Err(Error::io(
            &path,
            std::io::Error::other("lock file replaced over and over; not locked"),
        ))
    }
}

impl Drop for OutLock {
    fn drop(&mut self) {
        // Removed while still locked; a run waiting on the removed file tries again.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// The pid a lock file names, if it names one.
fn read_pid(f: &mut std::fs::File) -> Option<u32> {
    let mut s = String::new();
    f.rewind().ok()?;
    f.take(64).read_to_string(&mut s).ok()?;
    s.trim().parse().ok()
}

/// Whether the file system refused the lock call itself (no file locks there).
fn lock_unsupported(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Unsupported
        || cfg!(unix) && matches!(e.raw_os_error(), Some(libc::ENOLCK | libc::EOPNOTSUPP))
}

/// Whether process `pid` (not this one) exists.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    {
        let Ok(p) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists and may be signalled; no
        // signal is sent and no memory is touched.
        let r = unsafe { libc::kill(p, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Whether an open file is still the one at `path` (not removed or replaced meanwhile).
fn same_file(f: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (f.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (f, path);
        true
    }
}

fn parent_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A staged file's sync: on its own thread, or already done (no thread could be started).
enum StagedSync {
    Running(PathBuf, std::thread::JoinHandle<std::io::Result<()>>),
    Done(Result<()>),
}

impl StagedSync {
    fn start(path: PathBuf, file: std::fs::File) -> StagedSync {
        let p = path.clone();
        match std::thread::Builder::new()
            .name("casefile-sync".into())
            .spawn(move || file.sync_all())
        {
            Ok(h) => StagedSync::Running(path, h),
            // The file went with the failed closure; a new handle syncs the same file.
            Err(_) => StagedSync::Done(
                std::fs::File::open(&p)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| Error::io(&p, e)),
            ),
        }
    }

    fn wait(self) -> Result<()> {
        match self {
            StagedSync::Running(p, h) => match h.join() {
                Ok(r) => r.map_err(|e| Error::io(&p, e)),
                Err(_) => Err(Error::io(&p, std::io::Error::other("sync thread panicked"))),
            },
            StagedSync::Done(r) => r,
        }
    }
}

fn sibling(target: &Path, kind: &str) -> Result<PathBuf> {
    let name = target
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("{}: not a directory name", target.display())))?
        .to_string_lossy()
        .to_string();
    Ok(parent_of(target).join(format!(".{name}.{kind}-{}", std::process::id())))
}

/// Removes staging and old directories left by runs that were killed (called with the
/// lock held: no live run has any).
fn remove_leftovers(target: &Path) {
    let (Some(name), Some(parent)) = (target.file_name(), target.parent()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let stage_prefix = format!(".{}.stage-", name.to_string_lossy());
    let old_prefix = format!(".{}.old-", name.to_string_lossy());
    let Ok(rd) = std::fs::read_dir(parent) else {
        return;
    };
    for e in rd.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&stage_prefix) || n.starts_with(&old_prefix) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

impl OutDir {
    /// Starts writing the output directory `target` (created on commit): locks it (a
    /// second run on the same directory gets [`Error::Locked`]), removes what killed runs
    /// left, and creates the staging directory.
    pub fn begin(target: &Path) -> Result<Self> {
        if target.exists() && !target.is_dir() {
            return Err(Error::Invalid(format!(
                "{}: exists and is not a directory",
                target.display()
            )));
        }
        if let Some(p) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
        }
        let lock = OutLock::acquire(target)?;
        remove_leftovers(target);
        let stage = sibling(target, "stage")?;
        std::fs::create_dir_all(&stage).map_err(|e| Error::io(&stage, e))?;
        Ok(OutDir {
            target: target.to_path_buf(),
            stage,
            committed: false,
            syncs: Vec::new(),
            _lock: lock,
        })
    }

    /// Where to write the output file `name`.
    pub fn path(&self, name: &str) -> PathBuf {
        self.stage.join(name)
    }

    /// Hands over a staged file (at `path`, see [`OutDir::path`]) that is written in full
    /// and flushed: its sync to disk starts now, in the background, and
    /// [`OutDir::commit`] waits for it.
    pub fn staged(&mut self, path: PathBuf, file: std::fs::File) {
        self.syncs.push(StagedSync::start(path, file));
    }

    /// Writes the staged file `name` with `content` and hands it over ([`OutDir::staged`]).
    ///
    /// ```
    /// # let d = tempfile::tempdir().unwrap();
    /// let out = d.path().join("out");
    /// let mut o = casefile::emit::outdir::OutDir::begin(&out).unwrap();
    /// o.write("run.json", b"{}\n").unwrap();
    /// o.commit().unwrap();
    /// assert_eq!(std::fs::read(out.join("run.json")).unwrap(), b"{}\n");
    /// ```
    pub fn write(&mut self, name: &str, content: &[u8]) -> Result<()> {
        use std::io::Write;
        let p = self.path(name);
        let mut f = std::fs::File::create(&p).map_err(|e| Error::io(&p, e))?;
        f.write_all(content).map_err(|e| Error::io(&p, e))?;
        self.staged(p, f);
        Ok(())
    }

    /// Waits for the staged files' syncs; the first error, if any.
    fn wait_syncs(&mut self) -> Result<()> {
        let mut first = Ok(());
        for s in self.syncs.drain(..) {
            let r = s.wait();
            if first.is_ok() {
                first = r;
            }
        }
        first
    }

    /// Makes the staged files the output directory in one step, once every file handed
    /// over is on disk.
    pub fn commit(mut self) -> Result<()> {
        self.wait_syncs()?;
        let t = &self.target;
        if t.is_dir() {
            // Carry over what the run does not write.
            for e in std::fs::read_dir(t).map_err(|e| Error::io(t, e))?.flatten() {
                let to = self.stage.join(e.file_name());
                if !to.exists() && e.file_type().is_ok_and(|f| f.is_file()) {
                    // Synced here, one after another: there may be many, and they are
                    // rarely more than a `.gitkeep`.
                    std::fs::copy(e.path(), &to)
                        .and_then(|_| std::fs::File::open(&to))
                        .and_then(|f| f.sync_all())
                        .map_err(|err| Error::io(&to, err))?;
                }
            }
        }
        sync_dir(&self.stage);
        if !t.exists() {
            std::fs::rename(&self.stage, t).map_err(|e| Error::io(t, e))?;
        } else if exchange(&self.stage, t) {
            // The stage path now holds the previous output.
            let _ = std::fs::remove_dir_all(&self.stage);
        } else {
            let old = sibling(t, "old")?;
            std::fs::rename(t, &old).map_err(|e| Error::io(t, e))?;
            std::fs::rename(&self.stage, t).map_err(|e| Error::io(t, e))?;
            let _ = std::fs::remove_dir_all(&old);
        }
        if let Some(p) = t.parent() {
            sync_dir(p);
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for OutDir {
    fn drop(&mut self) {
        // A run that failed before committing leaves the previous output alone.
        if !self.committed {
            let _ = self.wait_syncs();
            let _ = std::fs::remove_dir_all(&self.stage);
        }
    }
}

fn sync_dir(p: &Path) {
    if let Ok(f) = std::fs::File::open(if p.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p
    }) {
        let _ = f.sync_all();
    }
}

/// Atomically exchanges two directories; false when the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(ca), Ok(cb)) = (
        CString::new(a.as_os_str().as_bytes()),
        CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call;
    // renameat2 only reads them.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    r == 0
}

/// Atomically exchanges two directories; false when the system cannot.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_whole_directory_and_keeps_foreign_files() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join(".gitkeep"), "").unwrap();
        std::fs::write(out.join("events.jsonl"), "old\n").unwrap();
        std::fs::write(out.join("stale.jsonl"), "old\n").unwrap();
        let o = OutDir::begin(&out).unwrap();
        std::fs::write(o.path("events.jsonl"), "new\n").unwrap();
        // Until commit the previous output is untouched.
        assert_eq!(
            std::fs::read_to_string(out.join("events.jsonl")).unwrap(),
            "old\n"
        );
        o.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("events.jsonl")).unwrap(),
            "new\n"
        );
        assert!(out.join(".gitkeep").exists());
        // Nothing left beside it.
        let names: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, vec!["out"]);
    }

    #[test]
    fn an_uncommitted_run_leaves_the_previous_output() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("events.jsonl"), "old\n").unwrap();
        {
            let mut o = OutDir::begin(&out).unwrap();
            std::fs::write(o.path("events.jsonl"), "half").unwrap();
            // A file handed over (its sync under way) goes with the stage too.
            o.write("mentions.jsonl", b"{}\n").unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(out.join("events.jsonl")).unwrap(),
            "old\n"
        );
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }
}

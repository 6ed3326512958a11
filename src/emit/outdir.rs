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
//! # When only `out/` is writable
//!
//! Where the parent of `out/` is not writable (a shared directory with one writable output
//! folder) nothing can be created beside `out/`, so the run works inside it (Unix only):
//! the lock is `out/.casefile/lock`, the new output is written into a version directory
//! `out/.casefile/v-PID-N/`, and each output file `out/NAME` is a symbolic link to
//! `.casefile/current/NAME`, where `out/.casefile/current` is a symbolic link to one
//! version. The switch to the new version is one atomic rename of `current`: a reader that
//! opens `out/events.jsonl` gets the previous run's file or the new run's, never a partial
//! one, and a run killed at any point leaves `current` naming a complete version (the
//! previous output intact). The guarantee is the one the directory exchange gives: all
//! files opened after the switch are the new run's, all opened before it the old one's.
//! An output written before as plain files (by a run that could write the parent) is
//! first taken into a version of its own (hard links, or copies where linking is not
//! allowed) and its files replaced one by one by links to the same content, so readers
//! see no change until the switch. Old versions are removed after the switch, and what a
//! killed run left by the next run. Files of `out/` the run does not write stay as they are.
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

/// Where the data of an output written inside `out/` lives (see the module's doc).
pub const INSIDE_DIR: &str = ".casefile";

/// A staging directory that becomes the output directory on [`OutDir::commit`].
pub struct OutDir {
    target: PathBuf,
    stage: PathBuf,
    /// Staged inside the output directory (its parent is not writable).
    inside: bool,
    committed: bool,
    /// Syncs of the staged files, started as each was handed over.
    syncs: Vec<StagedSync>,
    /// Held until the run is over (dropped after the fields above are dealt with).
    _lock: OutLock,
    /// The lock of the other staging mode, where its lock file exists (a run staging
    /// inside `out/` and one staging beside it exclude each other too).
    _other_lock: Option<OutLock>,
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
        Self::acquire_at(target, Self::path_for(target)?)
    }

    /// Locks output directory `target` with the lock file `path`.
    fn acquire_at(target: &Path, path: PathBuf) -> Result<Self> {
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

/// A lock file, read and rewound.
trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// The pid a lock file names, if it names one.
fn read_pid(f: &mut impl ReadSeek) -> Option<u32> {
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
    ///
    /// Where the parent of `target` is not writable but `target` is an existing, writable
    /// directory, the output is staged inside it (see the module's doc).
    pub fn begin(target: &Path) -> Result<Self> {
        if target.exists() && !target.is_dir() {
            return Err(Error::Invalid(format!(
                "{}: exists and is not a directory",
                target.display()
            )));
        }
        if let Some(p) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(p).map_err(|e| {
                Error::Invalid(format!(
                    "{}: cannot create the output directory's parent {} ({e})",
                    target.display(),
                    p.display()
                ))
            })?;
        }
        match Self::begin_beside(target) {
            Err(Error::Io { err, .. }) if not_writable(&err) => {
                if target.is_dir() {
                    Self::begin_inside(target)
                } else {
                    Err(Error::Invalid(format!(
                        "{}: cannot create the output directory: its parent {} is not \
                         writable ({err}); create {} first (only it needs to be writable) \
                         or choose another --out",
                        target.display(),
                        parent_of(target).display(),
                        target.display()
                    )))
                }
            }
            r => r,
        }
    }

    /// Stages beside `target` (the parent is writable).
    fn begin_beside(target: &Path) -> Result<Self> {
        let lock = OutLock::acquire(target)?;
        // A run staging inside `out/` (another user's, who cannot write the parent) holds
        // `out/.casefile/lock`.
        let inner = target.join(INSIDE_DIR).join("lock");
        let other = match inner.exists() {
            true => match OutLock::acquire_at(target, inner) {
                Ok(l) => Some(l),
                Err(e @ Error::Locked { .. }) => return Err(e),
                Err(_) => None,
            },
            false => None,
        };
        remove_leftovers(target);
        let stage = sibling(target, "stage")?;
        std::fs::create_dir_all(&stage).map_err(|e| {
            if not_writable(&e) {
                // [`OutDir::begin`] stages inside `target` instead.
                Error::io(&stage, e)
            } else {
                Error::Invalid(format!(
                    "{}: cannot create the staging directory {} beside it ({e})",
                    target.display(),
                    stage.display()
                ))
            }
        })?;
        Ok(OutDir {
            target: target.to_path_buf(),
            stage,
            inside: false,
            committed: false,
            syncs: Vec::new(),
            _lock: lock,
            _other_lock: other,
        })
    }

    /// Stages inside `target` (only it is writable).
    #[cfg(unix)]
    fn begin_inside(target: &Path) -> Result<Self> {
        let data = target.join(INSIDE_DIR);
        let unwritable = |e: std::io::Error| {
            Error::Invalid(format!(
                "{}: cannot write the output directory ({e}); --out must be a writable directory",
                target.display()
            ))
        };
        std::fs::create_dir_all(&data).map_err(unwritable)?;
        let lock = OutLock::acquire_at(target, data.join("lock"))?;
        // A run staging beside `out/` holds `.NAME.lock` in the parent: this run can
        // open it (not create it) and checks that no one holds it.
        if let Ok(path) = OutLock::path_for(target)
            && let Ok(f) = std::fs::File::open(&path)
        {
            match f.try_lock() {
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::Locked {
                        out: target.to_path_buf(),
                        holder: read_pid(&mut &f),
                        lock: path,
                    });
                }
                Ok(()) => {
                    let _ = f.unlock();
                }
                Err(_) => {}
            }
        }
        inside::remove_leftovers(target, &data);
        let stage = data.join(format!(
            "v-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir(&stage).map_err(unwritable)?;
        Ok(OutDir {
            target: target.to_path_buf(),
            stage,
            inside: true,
            committed: false,
            syncs: Vec::new(),
            _lock: lock,
            _other_lock: None,
        })
    }

    /// Staging inside `target` needs symbolic links (Unix).
    #[cfg(not(unix))]
    fn begin_inside(target: &Path) -> Result<Self> {
        Err(Error::Invalid(format!(
            "{}: its parent {} is not writable; casefile stages its output beside --out on \
             this system, so the parent must be writable",
            target.display(),
            parent_of(target).display()
        )))
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
        if self.inside {
            #[cfg(unix)]
            inside::commit(&self.target, &self.stage)?;
            self.committed = true;
            return Ok(());
        }
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

/// Whether an I/O error says the place cannot be written (permissions, read-only).
fn not_writable(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

/// Output staged inside the output directory (see the module's doc).
#[cfg(unix)]
mod inside {
    use super::{Error, Result, sync_dir};
    use std::os::unix::fs::symlink;
    use std::path::{Path, PathBuf};

    /// The link naming the current version, inside the data directory.
    const CURRENT: &str = "current";

    /// The version `current` names (its file name), if any.
    fn current(data: &Path) -> Option<std::ffi::OsString> {
        std::fs::read_link(data.join(CURRENT))
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_os_string()))
    }

    /// Removes versions other than the current one and temporary links: what killed runs
    /// left (called with the lock held).
    pub(super) fn remove_leftovers(target: &Path, data: &Path) {
        let keep = current(data);
        if let Ok(rd) = std::fs::read_dir(data) {
            for e in rd.flatten() {
                let n = e.file_name();
                let s = n.to_string_lossy();
                if s.starts_with("v-") && Some(&n) != keep.as_ref() {
                    let _ = std::fs::remove_dir_all(e.path());
                } else if s.starts_with("current.tmp-") {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        if let Ok(rd) = std::fs::read_dir(target) {
            for e in rd.flatten() {
                if e.file_name().to_string_lossy().ends_with(".casefile-link") {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }

    /// Replaces `at` by a symbolic link to `to`, atomically (a link beside it, renamed).
    fn replace_with_link(at: &Path, to: &Path) -> Result<()> {
        let name = at.file_name().map(|n| n.to_string_lossy().into_owned());
        let tmp = at.with_file_name(format!(
            ".{}.{}.casefile-link",
            name.unwrap_or_default(),
            std::process::id()
        ));
        let _ = std::fs::remove_file(&tmp);
        symlink(to, &tmp).map_err(|e| Error::io(at, e))?;
        std::fs::rename(&tmp, at).map_err(|e| Error::io(at, e))
    }

    /// Whether `p` is a link to `to`.
    fn links_to(p: &Path, to: &Path) -> bool {
        std::fs::read_link(p).is_ok_and(|l| l == to)
    }

    /// Switches the output directory `target` to the version `stage` (see the module's doc).
    pub(super) fn commit(target: &Path, stage: &Path) -> Result<()> {
        let data = target.join(super::INSIDE_DIR);
        sync_dir(stage);
        let mut names: Vec<std::ffi::OsString> = std::fs::read_dir(stage)
            .map_err(|e| Error::io(target, e))?
            .flatten()
            .map(|e| e.file_name())
            .collect();
        names.sort();
        // Output written before as plain files: into a version of its own first, so that
        // each can become a link without changing what a reader gets.
        let plain: Vec<&std::ffi::OsString> = names
            .iter()
            .filter(|n| {
                std::fs::symlink_metadata(target.join(n)).is_ok_and(|m| m.file_type().is_file())
            })
            .collect();
        if !plain.is_empty() {
            let old = match current(&data) {
                Some(v) => data.join(v),
                None => {
                    let v = data.join(format!("v-{}-previous", std::process::id()));
                    std::fs::create_dir_all(&v).map_err(|e| Error::io(target, e))?;
                    v
                }
            };
            for n in &plain {
                let (from, to) = (target.join(n), old.join(n));
                if to.exists() {
                    continue;
                }
                if std::fs::hard_link(&from, &to).is_err() {
                    std::fs::copy(&from, &to)
                        .and_then(|_| std::fs::File::open(&to))
                        .and_then(|f| f.sync_all())
                        .map_err(|e| Error::io(&from, e))?;
                }
            }
            sync_dir(&old);
            switch(&data, &old)?;
        }
        for n in &names {
            let link: PathBuf = Path::new(super::INSIDE_DIR).join(CURRENT).join(n);
            let at = target.join(n);
            if !links_to(&at, &link) {
                replace_with_link(&at, &link)?;
            }
        }
        sync_dir(target);
        switch(&data, stage)?;
        // The previous versions (a reader that has a file open keeps reading it).
        let keep = stage.file_name().map(|n| n.to_os_string());
        if let Ok(rd) = std::fs::read_dir(&data) {
            for e in rd.flatten() {
                let n = e.file_name();
                if n.to_string_lossy().starts_with("v-") && Some(&n) != keep.as_ref() {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        Ok(())
    }

    /// Points `data/current` at `version` with one rename.
    fn switch(data: &Path, version: &Path) -> Result<()> {
        let name = version
            .file_name()
            .ok_or_else(|| Error::Invalid(format!("{}: no version name", version.display())))?;
        let tmp = data.join(format!("current.tmp-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        symlink(name, &tmp).map_err(|e| Error::io(data, e))?;
        std::fs::rename(&tmp, data.join(CURRENT)).map_err(|e| Error::io(data, e))?;
        sync_dir(data);
        Ok(())
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

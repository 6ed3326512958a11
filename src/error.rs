//! Library error type.
//!
//! Every error names the file it concerns and, for line-oriented rule files such as
//! gazetteers, the line, so that a user can fix the input without reading code.

use std::path::PathBuf;

/// Errors raised by casefile's library code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {err}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying I/O error.
        err: std::io::Error,
    },
    /// A document could not be decoded or parsed.
    #[error("{path}: {reason}")]
    Document {
        /// The document's path (inside the corpus where known).
        path: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A line-oriented rule file (gazetteer, trigger list, boilerplate list) is invalid.
    #[error("{}:{line}: {reason}", path.display())]
    Rule {
        /// The rule file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// Several rule-file errors found in one pass (all are reported, not only the first).
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Many(Vec<Error>),
    /// A bad argument from a caller (e.g. an invalid `--dct`).
    #[error("{0}")]
    Invalid(String),
    /// Another run holds the lock of the output directory.
    #[error(
        "{}: another casefile run ({}) is writing this output directory (lock file {}); \
         wait for it to finish or choose another --out",
        out.display(),
        holder.map_or_else(|| "pid unknown".to_string(), |p| format!("pid {p}")),
        lock.display()
    )]
    Locked {
        /// The output directory.
        out: PathBuf,
        /// The lock file.
        lock: PathBuf,
        /// The holder's pid, as its lock file names it.
        holder: Option<u32>,
    },
}

/// Convenience alias.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            err: source,
        }
    }

    /// A rule-file error at `path:line`.
    pub fn rule(path: impl Into<PathBuf>, line: usize, reason: impl Into<String>) -> Self {
        Error::Rule {
            path: path.into(),
            line,
            reason: reason.into(),
        }
    }
}

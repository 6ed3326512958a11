//! Ingest: walk a corpus directory and read its documents.
//!
//! Files are visited in sorted path order. `.html`, `.htm`, `.txt`, `.md` (`.markdown`,
//! read as plain text) and `.pdf` files are read (a PDF for its text layer, see [`pdf`]),
//! also gzip-compressed (`.html.gz`, ...), and WARC files. Every other file gets a warning
//! record (`unsupported file type`), except sidecars and hidden files (names starting
//! with `.`), which are skipped without one. A sidecar `NAME.meta.json` beside `NAME.txt` (or
//! `NAME.html`, `NAME.txt.gz`) gives metadata: `{"url", "source", "published", "title"}`,
//! `published` as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
//!
//! Every problem costs only its own unit, never the batch: a file that cannot be read, is
//! empty, is binary, is over a limit or cannot be decoded becomes an error record; a
//! subdirectory that cannot be listed becomes an error record and the walk goes on; a
//! FIFO, socket or device in the corpus is never opened (it could block or never end) and
//! gets a warning record. Reads are bounded by the bytes actually read, not by what the
//! file's metadata claims, and a compressed file may expand only so far
//! ([`Limits::max_gzip_ratio`]). Text with a few bad bytes is kept: see [`decode`].

use crate::doc::Date;
use crate::error::{Error, Result};
use crate::limits::Limits;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

pub mod decode;
pub mod pdf;
pub mod warc;

pub use decode::{Decoded, declared_charset};

/// Input format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// HTML.
    Html,
    /// Plain text.
    Text,
    /// PDF: its text layer, in reading order ([`pdf`]).
    Pdf,
}

/// Sidecar metadata.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Source URL.
    pub url: Option<String>,
    /// Publisher or site.
    pub source: Option<String>,
    /// Publication date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub published: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Author or authors (`, ` between names).
    pub author: Option<String>,
}

/// A document as read from disk, before cleaning.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// Path inside the corpus, with `/` separators.
    pub source: String,
    /// Content-derived id (hash of the raw bytes).
    pub id: String,
    /// Format by extension.
    pub format: Format,
    /// Decoded content.
    pub content: String,
    /// Sidecar metadata, if any.
    pub meta: Option<Meta>,
    /// The sidecar's publication date, parsed.
    pub meta_published: Option<Date>,
    /// The file's modification date (UTC): the crawl date when nothing better is known.
    pub file_date: Option<Date>,
    /// Repairs made while decoding (NULs removed, invalid bytes replaced), each a warning
    /// record of stage `ingest`.
    pub warnings: Vec<String>,
    /// The title the file itself records (a PDF's Info `Title`).
    pub embedded_title: Option<String>,
    /// The publication date the file itself records (a PDF's Info `CreationDate`).
    pub embedded_published: Option<Date>,
    /// The author the file itself records (a PDF's Info `Author`).
    pub embedded_author: Option<String>,
}

/// Whether a record of `errors.jsonl` means the unit gave no output or only a warning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The file (record, directory) gave no document.
    #[default]
    Error,
    /// The document was kept (repaired, its sidecar ignored, its text empty), or an entry
    /// that is no document (a FIFO, a device) was not read.
    Warning,
}

impl Level {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// A per-document failure or warning, destined for `errors.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// Path inside the corpus.
    pub source: String,
    /// Pipeline stage that failed.
    pub stage: &'static str,
    /// Error or warning.
    pub level: Level,
    /// Human-readable reason.
    pub message: String,
}

impl DocError {
    /// An error: the unit gave no output.
    pub fn error(source: &str, stage: &'static str, message: impl Into<String>) -> Self {
        DocError {
            source: source.to_string(),
            stage,
            level: Level::Error,
            message: message.into(),
        }
    }

    /// A warning: the document was kept, or a non-document entry was not read.
    pub fn warning(source: &str, stage: &'static str, message: impl Into<String>) -> Self {
        DocError {
            level: Level::Warning,
            ..DocError::error(source, stage, message)
        }
    }
}

/// The format of a path by extension (`.gz` looked through), or `None` if not a document.
pub fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".html") || name.ends_with(".htm") {
        Some(Format::Html)
    } else if name.ends_with(".txt") || name.ends_with(".md") || name.ends_with(".markdown") {
        // Markdown notes are read as the plain text they are (their markup is punctuation).
        Some(Format::Text)
    } else if name.ends_with(".pdf") {
        Some(Format::Pdf)
    } else {
        None
    }
}

/// A path's place inside the corpus, with `/` separators.
pub fn rel_path(corpus: &Path, p: &Path) -> String {
    p.strip_prefix(corpus)
        .unwrap_or(p)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// One entry of a corpus walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A document file (or WARC file) to read.
    File(PathBuf),
    /// An entry that is not read, with its record: a subdirectory that cannot be listed
    /// (error), a FIFO, socket or device named like a document (warning).
    Problem(PathBuf, DocError),
}

impl Found {
    /// The entry's path.
    pub fn path(&self) -> &Path {
        match self {
            Found::File(p) | Found::Problem(p, _) => p,
        }
    }
}

/// What kind of file system object a file type is, for messages.
fn kind_of(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

fn not_regular(kind: &str) -> String {
    format!("{kind}, not a regular file: not read")
}

/// The documents of a corpus directory, sorted by path (recursive): `.html`, `.htm`,
/// `.txt`, `.md`, `.pdf` (each also `.gz`) and WARC files, and the entries that are not
/// read ([`Found::Problem`]): a file of another type (a warning; sidecars `NAME.meta.json`
/// are no such file), a FIFO, socket or device (a warning), a directory that cannot be
/// listed (an error). Hidden entries (names starting with `.`: `.git`, `.DS_Store`, an
/// editor's swap file) are skipped without a record. Only an unreadable `root` is an error.
///
/// Symbolic links are followed to files, never into directories. Whether an entry is a
/// regular file is decided from its metadata before anything opens it; [`read_limited`]
/// checks again on the opened file, so an entry swapped for a FIFO meanwhile is not read
/// either.
pub fn walk_corpus(root: &Path) -> Result<Vec<Found>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let problem = |e: std::io::Error, what: &str| {
            let rel = rel_path(root, &dir);
            Found::Problem(
                dir.clone(),
                DocError::error(
                    &rel,
                    "ingest",
                    format!("cannot {what} directory: {e}; the files in it were not read"),
                ),
            )
        };
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) if dir == root => return Err(Error::io(root, e)),
            Err(e) => {
                out.push(problem(e, "read"));
                continue;
            }
        };
        for entry in rd {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    // The listing broke off: what was listed is kept.
                    out.push(problem(e, "list all of the"));
                    break;
                }
            };
            let p = entry.path();
            if p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
            {
                continue;
            }
            let ft = match entry.file_type() {
                Ok(ft) => ft,
                Err(e) => {
                    let rel = rel_path(root, &p);
                    out.push(Found::Problem(
                        p,
                        DocError::error(&rel, "ingest", format!("cannot read: {e}")),
                    ));
                    continue;
                }
            };
            if ft.is_dir() {
                stack.push(p);
                continue;
            }
            // A symbolic link: what it points to (a dangling one is reported by the read).
            let ft = if ft.is_symlink() {
                std::fs::metadata(&p).map_or(ft, |m| m.file_type())
            } else {
                ft
            };
            if format_of(&p).is_none() && !warc::is_warc(&p) {
                // A sidecar belongs to its document; anything else is reported, not
                // skipped in silence.
                if !is_sidecar(&p) {
                    let rel = rel_path(root, &p);
                    let w = if ft.is_dir() {
                        "a symbolic link to a directory: not followed".to_string()
                    } else {
                        unsupported(&p)
                    };
                    out.push(Found::Problem(p, DocError::warning(&rel, "ingest", w)));
                }
                continue;
            }
            if ft.is_file() || ft.is_symlink() {
                out.push(Found::File(p));
            } else {
                let rel = rel_path(root, &p);
                let w = DocError::warning(&rel, "ingest", not_regular(kind_of(ft)));
                out.push(Found::Problem(p, w));
            }
        }
    }
    out.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(out)
}

/// Whether a path is a sidecar, `NAME.meta.json`.
pub fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".meta.json"))
}

/// The start of the warning for a corpus file of a type casefile does not read.
pub const UNSUPPORTED: &str = "unsupported file type";

/// The warning for a corpus file of a type casefile does not read.
fn unsupported(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let kind = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("`.{ext}`"),
        _ => "no extension".to_string(),
    };
    format!(
        "{UNSUPPORTED} ({kind}), not read: a corpus holds .html, .htm, .txt, .md, .pdf \
         (each also .gz) and .warc(.gz) files, and NAME.meta.json sidecars"
    )
}

/// The readable document files of a corpus directory, sorted by path: [`walk_corpus`]
/// without the entries that cannot be read.
pub fn walk(root: &Path) -> Result<Vec<PathBuf>> {
    Ok(walk_corpus(root)?
        .into_iter()
        .filter_map(|f| match f {
            Found::File(p) => Some(p),
            Found::Problem(..) => None,
        })
        .collect())
}

/// The sidecar path of a document: `NAME.meta.json` for `NAME.txt`, `NAME.html.gz`, ...
pub fn sidecar_of(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name.strip_suffix(".gz").unwrap_or(name);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    path.with_file_name(format!("{stem}.meta.json"))
}

/// A short content hash (hex) used for ids.
pub fn content_id(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    h.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Largest sidecar read (`NAME.meta.json`), in bytes.
pub const MAX_SIDECAR_BYTES: usize = 1 << 20;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file (a FIFO, socket, device or directory): never opened for reading.
    NotRegular(&'static str),
    /// Larger than the limit (bytes read, or the size the metadata gives).
    TooLarge(u64),
    /// An I/O error.
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular(kind) => f.write_str(&not_regular(kind)),
            ReadError::TooLarge(n) => write!(f, "over {n} bytes"),
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

/// Opens a regular file for reading, never blocking: its type is checked on the path's
/// metadata before opening (a FIFO is never opened) and again on the opened file (in case
/// the path changed between the two); on Unix the open is non-blocking as well, which is
/// harmless for regular files.
pub fn open_regular(path: &Path) -> std::result::Result<std::fs::File, ReadError> {
    let m = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !m.is_file() {
        return Err(ReadError::NotRegular(kind_of(m.file_type())));
    }
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let f = o.open(path).map_err(ReadError::Io)?;
    let m = f.metadata().map_err(ReadError::Io)?;
    if !m.is_file() {
        return Err(ReadError::NotRegular(kind_of(m.file_type())));
    }
    Ok(f)
}

/// Reads at most `max` bytes: more is [`ReadError::TooLarge`] with the count read
/// (`max + 1`), whatever the source's metadata claimed.
pub fn read_capped(r: impl Read, max: usize) -> std::result::Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    r.take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(ReadError::Io)?;
    if out.len() > max {
        return Err(ReadError::TooLarge(max as u64));
    }
    Ok(out)
}

/// A regular file's bytes, at most `max` of them ([`open_regular`], [`read_capped`]).
pub fn read_regular(path: &Path, max: usize) -> std::result::Result<Vec<u8>, ReadError> {
    let f = open_regular(path)?;
    let size = f.metadata().map_err(ReadError::Io)?.len();
    if size > max as u64 {
        return Err(ReadError::TooLarge(size));
    }
    read_capped(f, max)
}

/// How far `compressed` bytes of gzip may expand ([`Limits::max_gzip_ratio`]): the ratio
/// times the compressed size, at least [`crate::limits::GZIP_RATIO_FLOOR`], at most
/// `max_doc_bytes`.
pub fn expansion_limit(compressed: usize, limits: &Limits) -> usize {
    compressed
        .saturating_mul(limits.max_gzip_ratio)
        .max(crate::limits::GZIP_RATIO_FLOOR)
        .min(limits.max_doc_bytes)
}

/// Decompresses gzip (all members) up to [`expansion_limit`]; beyond it, a message naming
/// the limit that stopped it.
pub fn gunzip_limited(raw: &[u8], limits: &Limits) -> std::result::Result<Vec<u8>, String> {
    let limit = expansion_limit(raw.len(), limits);
    // The last member's trailer holds its size (mod 2^32): the whole output of a
    // single-member file, allocated once instead of grown by doubling (a third of the
    // decompression's time went to moving and faulting in the grown buffers).
    let stated = raw
        .last_chunk::<4>()
        .map_or(0, |t| u32::from_le_bytes(*t) as usize);
    let mut out = Vec::with_capacity(stated.min(limit + 1));
    flate2::bufread::MultiGzDecoder::new(raw)
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress gzip: {e}"))?;
    if out.len() > limit {
        return Err(over_expansion("decompresses", limit, raw.len(), limits));
    }
    Ok(out)
}

/// The message for compressed content stopped at `limit` bytes.
pub(crate) fn over_expansion(what: &str, limit: usize, compressed: usize, l: &Limits) -> String {
    if limit >= l.max_doc_bytes {
        format!("{what} to more than {limit} bytes (--max-doc-bytes); skipped")
    } else {
        format!(
            "{what} to more than {limit} bytes from {compressed} compressed bytes \
             (--max-gzip-ratio {}); skipped",
            l.max_gzip_ratio
        )
    }
}

fn is_gz(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("gz"))
}

/// Reads one corpus file. `rel` is its path inside the corpus. The sidecar is read too; a
/// broken sidecar is reported in the second value while the document itself is kept.
pub fn read(path: &Path, rel: &str) -> std::result::Result<(RawDoc, Option<DocError>), DocError> {
    read_limited(path, rel, &Limits::default())
}

/// [`read`] within `limits`: a file over `max_doc_bytes` is refused without being loaded
/// (its size is checked first, and reading stops at the limit whatever the size claimed),
/// gzip stops decompressing at [`expansion_limit`], and only regular files are opened
/// (anything else gets a warning).
pub fn read_limited(
    path: &Path,
    rel: &str,
    limits: &Limits,
) -> std::result::Result<(RawDoc, Option<DocError>), DocError> {
    let max_bytes = limits.max_doc_bytes;
    let format = format_of(path)
        .ok_or_else(|| DocError::error(rel, "ingest", "not a .html/.htm/.txt/.pdf(.gz) file"))?;
    let raw = read_regular(path, max_bytes).map_err(|e| match e {
        ReadError::NotRegular(_) => DocError::warning(rel, "ingest", e.to_string()),
        ReadError::TooLarge(n) => DocError::error(
            rel,
            "ingest",
            if n > max_bytes as u64 {
                format!("{n} bytes, over the limit of {max_bytes} bytes (--max-doc-bytes); skipped")
            } else {
                format!("over the limit of {max_bytes} bytes (--max-doc-bytes); skipped")
            },
        ),
        ReadError::Io(_) => DocError::error(rel, "ingest", e.to_string()),
    })?;
    let bytes = if is_gz(path) {
        gunzip_limited(&raw, limits).map_err(|m| DocError::error(rel, "ingest", m))?
    } else {
        raw
    };
    let id = content_id(&bytes);
    let mut embedded_title = None;
    let mut embedded_published = None;
    let mut embedded_author = None;
    let decoded = if format == Format::Pdf {
        let p = pdf::extract(&bytes, limits).map_err(|m| DocError::error(rel, "ingest", m))?;
        embedded_title = p.title;
        embedded_author = p.author;
        let not_after = crate::clean::html::latest_acceptable(file_date(path));
        embedded_published = p.created.filter(|d| *d <= not_after);
        Decoded {
            text: p.text,
            warnings: p.warnings,
        }
    } else {
        decode::decode_bytes(Cow::Owned(bytes), false, None)
            .map_err(|m| DocError::error(rel, "ingest", m))?
    };
    let mut meta_err = None;
    let mut meta = None;
    let mut meta_published = None;
    let side = sidecar_of(path);
    if std::fs::symlink_metadata(&side).is_ok() {
        match read_regular(&side, MAX_SIDECAR_BYTES)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Meta>(&b).map_err(|e| e.to_string()))
        {
            Ok(m) => {
                if let Some(p) = &m.published {
                    meta_published = Date::parse_iso(p);
                    if meta_published.is_none() {
                        meta_err = Some(DocError::warning(
                            rel,
                            "meta",
                            format!(
                                "{}: bad `published` value `{p}` (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                                side.display()
                            ),
                        ));
                    }
                }
                meta = Some(m);
            }
            Err(e) => {
                meta_err = Some(DocError::warning(
                    rel,
                    "meta",
                    format!("{}: {e}", side.display()),
                ))
            }
        }
    }
    Ok((
        RawDoc {
            source: rel.to_string(),
            id,
            format,
            content: decoded.text,
            meta,
            meta_published,
            file_date: file_date(path),
            warnings: decoded.warnings,
            embedded_title,
            embedded_author,
            embedded_published,
        },
        meta_err,
    ))
}

/// The modification date of a file (UTC day).
pub fn file_date(path: &Path) -> Option<Date> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(crate::dates::calendar::from_days((secs / 86_400) as i64))
}

/// Reads a file's bytes, gunzipping `.gz` files, within the default limits.
pub fn read_bytes(path: &Path) -> std::result::Result<Vec<u8>, String> {
    read_bytes_limited(path, &Limits::default())
}

/// Reads a file the user named (`annotate FILE`, `extract FILE`), gunzipping `.gz` files:
/// at most `max_doc_bytes` are read whatever the file claims, and gzip expands at most to
/// [`expansion_limit`]. Any readable file is accepted (a pipe such as `<(cmd)` too).
pub fn read_bytes_limited(path: &Path, limits: &Limits) -> std::result::Result<Vec<u8>, String> {
    let max = limits.max_doc_bytes;
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let raw = read_capped(f, max).map_err(|e| match e {
        ReadError::TooLarge(_) => format!("over the limit of {max} bytes (--max-doc-bytes)"),
        e => e.to_string(),
    })?;
    if is_gz(path) {
        gunzip_limited(&raw, limits)
    } else {
        Ok(raw)
    }
}

/// Decodes an HTML page: BOM, then the declared charset, then UTF-8, then detection.
/// Repairs are made silently; [`decode::decode_bytes`] reports them.
pub fn decode_html(bytes: &[u8]) -> std::result::Result<String, String> {
    decode::decode_bytes(Cow::Borrowed(bytes), true, None).map(|d| d.text)
}

/// Decodes an HTML page whose charset the transport declared (an HTTP `Content-Type` in a
/// WARC record): a byte-order mark or the page's own declaration wins, UTF-8 is checked as
/// usual.
pub fn decode_with(
    bytes: &[u8],
    enc: &'static encoding_rs::Encoding,
) -> std::result::Result<String, String> {
    decode::decode_bytes(Cow::Borrowed(bytes), true, Some(enc)).map(|d| d.text)
}

/// Decodes document bytes (plain text): BOM, then UTF-16/32 without BOM, then UTF-8, then
/// detection. Repairs are made silently; [`decode::decode_bytes`] reports them.
pub fn decode(bytes: &[u8]) -> std::result::Result<String, String> {
    decode::decode_bytes(Cow::Borrowed(bytes), false, None).map(|d| d.text)
}

/// [`decode`] taking the bytes: valid UTF-8 without a byte-order mark (most documents)
/// becomes the text as it is, without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> std::result::Result<String, String> {
    decode::decode_bytes(Cow::Owned(bytes), false, None).map(|d| d.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_sidecars() {
        assert_eq!(format_of(Path::new("a/b.HTML.gz")), Some(Format::Html));
        assert_eq!(format_of(Path::new("a/b.txt")), Some(Format::Text));
        assert_eq!(format_of(Path::new("a/b.meta.json")), None);
        assert_eq!(format_of(Path::new("a/notes.md")), Some(Format::Text));
        assert_eq!(
            format_of(Path::new("a/Notes.Markdown.gz")),
            Some(Format::Text)
        );
        assert_eq!(format_of(Path::new("a/report.PDF")), Some(Format::Pdf));
        assert_eq!(format_of(Path::new("a/report.docx")), None);
        assert!(is_sidecar(Path::new("a/b.Meta.JSON")));
        assert!(!is_sidecar(Path::new("a/data.json")));
        assert_eq!(
            sidecar_of(Path::new("c/x.txt.gz")),
            PathBuf::from("c/x.meta.json")
        );
        assert_eq!(
            sidecar_of(Path::new("c/x.html")),
            PathBuf::from("c/x.meta.json")
        );
    }

    #[test]
    fn decode_rejects_bad_bytes() {
        assert!(decode(b"  \n").unwrap_err().contains("empty"));
        assert!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0")
                .unwrap_err()
                .contains("binary")
        );
        // Mostly UTF-8 with a bad byte: repaired, not read as a legacy encoding.
        assert_eq!(
            decode(
                "Kharkova – caf\u{e9}"
                    .as_bytes()
                    .iter()
                    .copied()
                    .chain([0xff, b' '])
                    .collect::<Vec<_>>()
                    .as_slice()
            )
            .unwrap(),
            "Kharkova – caf\u{e9}\u{FFFD} "
        );
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap(), "hello");
    }

    #[test]
    fn legacy_cyrillic_encodings_are_detected_or_declared() {
        let text = "Суд приговорил Нурбека Кушакбаева к двум с половиной годам лишения свободы за призывы к участию в забастовке.";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&cp1251).unwrap(), text);
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(text);
        assert_eq!(decode(&koi8).unwrap(), text);
        let page = [b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head><body>".as_slice(), &koi8, b"</body></html>"].concat();
        assert!(decode_html(&page).unwrap().contains(text));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Kharkova".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), "Kharkova");
    }

    #[test]
    fn reads_stop_at_the_limit_whatever_the_source_claims() {
        // An endless source (what a device or a growing file gives) costs max + 1 bytes.
        assert!(matches!(
            read_capped(std::io::repeat(b'a'), 1000),
            Err(ReadError::TooLarge(1000))
        ));
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), b"abc");
    }

    #[test]
    fn gzip_expands_only_so_far() {
        use std::io::Write;
        let limits = Limits {
            max_gzip_ratio: 10,
            ..Limits::default()
        };
        let text = "Tomas Varga was arrested in Velmara on 3 May 2021. ".repeat(60_000);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(text.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let e = gunzip_limited(&gz, &limits).unwrap_err();
        assert!(e.contains("--max-gzip-ratio 10"), "{e}");
        let lenient = Limits {
            max_gzip_ratio: 2000,
            ..Limits::default()
        };
        assert_eq!(gunzip_limited(&gz, &lenient).unwrap().len(), text.len());
    }
}

//! Resource limits: what one hostile input may cost.
//!
//! ```
//! use casefile::limits::Limits;
//! let l = Limits::default();
//! assert_eq!(l.max_doc_bytes, 64 << 20);
//! assert_eq!(l.max_depth, 256);
//! assert_eq!(l.max_gzip_ratio, 100);
//! ```

/// Limits of a run, with defaults suited to news pages; every one has a CLI flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest document (after gunzip) or `annotate` input line, in bytes. A larger file is
    /// not loaded: it gets an error record naming its size (`--max-doc-bytes`).
    pub max_doc_bytes: usize,
    /// Deepest HTML element nesting kept as a tree; an element nested deeper is attached
    /// just below this depth, beside the one before it there, with its own tag and text
    /// (see [`crate::clean::dom`]). No stage recurses on document structure
    /// (`--max-depth`).
    pub max_depth: usize,
    /// Largest total size of the gazetteer files, in bytes (`--max-gazetteer-bytes`).
    pub max_gazetteer_bytes: usize,
    /// How many times its compressed size gzip content may expand to (a `.gz` file, a
    /// record of a `.warc.gz`, a WARC response's gzip or deflate body), never less than
    /// [`GZIP_RATIO_FLOOR`] nor more than `max_doc_bytes`. Decompression stops there and
    /// the document gets an error record (`--max-gzip-ratio`). HTML pages expand 4 to 16
    /// times (at most 16 on the 1,678 `.html.gz` pages of the benchmark sets); a gzip bomb
    /// expands hundreds of times.
    pub max_gzip_ratio: usize,
}

/// The expansion every compressed document is allowed, whatever its ratio (1 MiB): a
/// small file is no bomb.
pub const GZIP_RATIO_FLOOR: usize = 1 << 20;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: 64 << 20,
            max_depth: crate::clean::dom::MAX_DEPTH,
            max_gazetteer_bytes: 512 << 20,
            max_gzip_ratio: 100,
        }
    }
}

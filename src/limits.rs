//! Resource limits: what one hostile input may cost.
//!
//! ```
//! use casefile::limits::Limits;
//! let l = Limits::default();
//! assert_eq!(l.max_doc_bytes, 64 << 20);
//! assert_eq!(l.max_depth, 256);
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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: 64 << 20,
            max_depth: crate::clean::dom::MAX_DEPTH,
            max_gazetteer_bytes: 512 << 20,
        }
    }
}

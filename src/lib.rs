//! casefile: turns scraped news and NGO reports into normalised, machine-readable case
//! events.
//!
//! The pipeline is a chain of stages over a [`doc::Doc`]: [`ingest`] reads a corpus,
//! [`clean`] produces the readable main text, [`gazetteer`] tags entity mentions,
//! [`resolve`] links partial and document-defined names, [`dates`] normalises temporal
//! expressions, [`events`] extracts case events, and [`emit`] writes JSON lines.
//! [`pipeline`] runs them all; [`annotate`] is the streaming, corpus-free entry point.

pub mod annotate;
pub mod check;
pub mod clean;
pub mod dates;
pub mod doc;
pub mod emit;
pub mod error;
pub mod events;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod ingest;
pub mod limits;
pub mod load;
pub mod lookup;
pub mod patterns;
pub mod pipeline;
pub mod report;
pub mod resolve;
pub mod sentences;

pub use error::{Error, Result};

/// Helpers shared by the unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    /// The texts of the seed corpus (`corpus/*.txt`), in file-name order.
    pub(crate) fn seed_texts() -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir("corpus")
            .expect("the seed corpus")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        assert!(files.len() >= 5, "seed texts: {files:?}");
        files
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("readable"))
            .collect()
    }
}

//! Shared setup of the casefile fuzz targets: the project's resources, loaded once, and
//! the invariant checks every target asserts.

use casefile::pipeline::Resources;
use std::sync::OnceLock;

/// The project's gazetteers and built-in rules, loaded once per process.
pub fn resources() -> &'static Resources {
    static R: OnceLock<Resources> = OnceLock::new();
    R.get_or_init(|| {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../gazetteers"));
        Resources::load(dir, None).expect("the project's gazetteers load")
    })
}

/// Checks an annotated document: spans on character boundaries inside the text (see
/// `Doc::check_spans`) and annotation deterministic (a second run gives the same layers).
pub fn check_annotated(doc: &casefile::doc::Doc) {
    if let Err(e) = doc.check_spans() {
        panic!("{e}");
    }
    let mut again = casefile::doc::Doc::new(&doc.id, &doc.source, doc.text.clone());
    again.published = doc.published;
    again.parent_id = doc.parent_id.clone();
    again.sections = doc.sections.clone();
    let res = resources();
    res.annotate(&mut again);
    assert_eq!(again.mentions, doc.mentions, "mentions differ between two runs");
    assert_eq!(again.timexes, doc.timexes, "timexes differ between two runs");
    assert_eq!(again.events, doc.events, "events differ between two runs");
}

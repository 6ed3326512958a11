//! The gazetteer loader and validator, then matching with what it loaded.
#![no_main]
use casefile::gazetteer::{Gazetteer, Matcher};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data).into_owned();
    let Ok(g) = Gazetteer::from_sources(&[(PathBuf::from("f.gaz"), s.clone())]) else {
        return;
    };
    let m = Matcher::new(&g).expect("a gazetteer that loads compiles");
    // Match the gazetteer's own text: every name it holds appears in it.
    let mut doc = casefile::doc::Doc::new("d", "d.txt", s);
    doc.sentences = casefile::sentences::split(&doc.text);
    casefile::resolve::link(&mut doc, &g, &m);
    if let Err(e) = doc.check_spans() {
        panic!("{e}");
    }
});

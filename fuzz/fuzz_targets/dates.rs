//! The date rules and their anchoring, on any text and any document date.
#![no_main]
use casefile::doc::{Date, DateOrigin, Doc, Published};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (head, body) = data.split_at(4);
    let text = String::from_utf8_lossy(body).into_owned();
    let mut doc = Doc::new("d", "d.txt", text);
    // A document date from the first bytes (sometimes none).
    if head[0] % 4 != 0 {
        let y = 1900 + (u16::from_le_bytes([head[1], head[2]]) % 250) as i32;
        let m = 1 + (head[3] % 12) as u32;
        let d = 1 + (head[0] % 28) as u32;
        doc.published = Some(Published {
            date: Date::ymd(y, m, d),
            origin: DateOrigin::Meta,
        });
    }
    doc.sentences = casefile::sentences::split(&doc.text);
    static TAGGER: std::sync::OnceLock<casefile::dates::Tagger> = std::sync::OnceLock::new();
    let tagger = TAGGER.get_or_init(casefile::dates::Tagger::new);
    tagger.tag(&mut doc);
    if let Err(e) = doc.check_spans() {
        panic!("{e}");
    }
    for x in &doc.timexes {
        assert!(x.span.start < x.span.end, "empty timex");
        assert!(!x.value.is_empty(), "empty value");
    }
    let first = doc.timexes.clone();
    doc.timexes.clear();
    tagger.tag(&mut doc);
    assert_eq!(first, doc.timexes, "date tagging is not deterministic");
});

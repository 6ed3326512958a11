//! HTML cleaning (one parse: main text, metadata, entries) and annotation of the result;
//! the tree-less reader of pages over the node budget on the same input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let res = casefile_fuzz::resources();
    let d1 = res.clean_html("f", "f.html", &page, None);
    let d2 = res.clean_html("f", "f.html", &page, None);
    assert_eq!(d1.text, d2.text, "cleaning is not deterministic");
    assert_eq!(d1.title, d2.title);
    let (text, _) = casefile::clean::dom::visible_text(&page);
    assert!(!text.starts_with(char::is_whitespace) && !text.ends_with(char::is_whitespace));
    for mut d in casefile::clean::split_entries(d1) {
        res.annotate(&mut d);
        casefile_fuzz::check_annotated(&d);
    }
});

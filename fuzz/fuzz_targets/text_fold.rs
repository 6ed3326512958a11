//! The text normaliser with its offset map, and plain-text cleaning.
#![no_main]
use casefile::clean::fold::Folded;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let f = Folded::new(&s);
    // Every folded range maps back to a range on character boundaries of the original.
    let cuts: Vec<usize> = f
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(f.text.len()))
        .collect();
    let step = (cuts.len() / 24).max(1);
    for &a in cuts.iter().step_by(step) {
        for &b in cuts.iter().step_by(step).filter(|&&b| b >= a) {
            let (x, y) = f.to_original(a, b);
            assert!(x <= y && y <= s.len(), "{a}..{b} -> {x}..{y} of {}", s.len());
            assert!(s.is_char_boundary(x) && s.is_char_boundary(y), "{a}..{b} -> {x}..{y}");
        }
    }
    for &p in &f.starts {
        assert!(f.text.is_char_boundary(p as usize));
    }
    static CLEANER: std::sync::OnceLock<casefile::clean::Cleaner> = std::sync::OnceLock::new();
    let c = CLEANER.get_or_init(casefile::clean::Cleaner::builtin);
    let t1 = c.clean_text(&s);
    assert_eq!(t1, c.clean_text(&s), "cleaning is not deterministic");
});

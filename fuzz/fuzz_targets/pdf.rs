//! PDF input: any bytes give a text or an error message, never a panic out of
//! `ingest::pdf::extract` (the third-party reader's panics are caught inside it), and
//! reading the same bytes twice gives the same result.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::Once;

static QUIET: Once = Once::new();

fn read(data: &[u8]) -> Result<(String, Option<String>, usize), String> {
    let limits = casefile::limits::Limits {
        max_doc_bytes: 1 << 20,
        ..Default::default()
    };
    casefile::ingest::pdf::extract(data, &limits).map(|t| (t.text, t.title, t.pages))
}

fuzz_target!(|data: &[u8]| {
    // libFuzzer's hook aborts on any panic, a caught one too: the reader's panics are
    // caught and reported by `extract`, so only a panic escaping it may end the run (it
    // unwinds out of this closure and libFuzzer reports it).
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    assert_eq!(read(data), read(data), "PDF reading is not deterministic");
});

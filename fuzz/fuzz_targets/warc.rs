//! WARC framing and record parsing: any bytes give documents or error records, never a
//! panic; every record is read within the limits; reading the same bytes twice gives the
//! same documents.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn read(data: &[u8]) -> Vec<Result<(String, String, String), String>> {
    let r: Box<dyn std::io::BufRead + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
    casefile::ingest::warc::from_reader(r, "f.warc", 1 << 14)
        .take(1000)
        .map(|d| match d {
            Ok(raw) => {
                assert!(raw.content.len() <= 4 * (1 << 14), "a document over the limit");
                assert!(raw.source.starts_with("f.warc#"));
                Ok((raw.source, raw.id, raw.content))
            }
            Err(e) => {
                assert!(e.source.starts_with("f.warc#"));
                assert!(!e.message.is_empty());
                Err(e.message)
            }
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    assert_eq!(read(data), read(data), "WARC reading is not deterministic");
});

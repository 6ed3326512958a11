//! The JSON-lines input of `casefile annotate`: one output line per input line (a blank
//! one too), each valid JSON, every mention's surface equal to its span of the returned
//! text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let res = casefile_fuzz::resources();
    let mut out = Vec::new();
    casefile::annotate::annotate_stream_limited(res, data, &mut out, None, 1 << 16)
        .expect("annotate a byte stream");
    let expected = data
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(i, l)| {
            // The final piece after a trailing newline is not a line.
            !(l.is_empty() && *i == data.split(|&b| b == b'\n').count() - 1)
        })
        .count();
    let text = String::from_utf8(out).expect("UTF-8 output");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expected, "one output line per input line");
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).expect("each output line is JSON");
        if let (Some(t), Some(ms)) = (v["text"].as_str(), v["mentions"].as_array()) {
            let chars: Vec<char> = t.chars().collect();
            for m in ms {
                let (a, b) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                assert!(a < b && b <= chars.len());
                let surface: String = chars[a..b].iter().collect();
                assert_eq!(surface, m["surface"].as_str().unwrap());
            }
        }
    }
});

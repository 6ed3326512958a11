//! Bytes to text: byte-order marks, UTF-16 and UTF-32 without one, declared and detected
//! charsets, and repairs that keep a document instead of dropping it.
//!
//! A document is refused only when nothing can be kept: it is empty, or binary (a known
//! file signature such as PNG, JPEG, PDF or ZIP, or more than 2% control bytes beside
//! NULs), or neither UTF-8 nor plausible in any encoding. Otherwise a few bad bytes cost
//! only themselves: NUL bytes are removed, invalid UTF-8 sequences become U+FFFD, and each
//! repair is reported as a warning naming its byte offsets in the (decompressed) file.

use std::borrow::Cow;

/// Decoded text and what was repaired on the way (warning messages).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Repairs made (`N NUL bytes removed (byte offsets ...)`, ...), for warning records.
    pub warnings: Vec<String>,
}

/// How many byte offsets a repair warning lists (the count is always given).
pub const MAX_OFFSETS: usize = 20;

/// Byte offsets of one kind of repair: the first [`MAX_OFFSETS`] and the count.
#[derive(Default)]
struct Offsets {
    first: Vec<usize>,
    count: usize,
}

impl Offsets {
    fn add(&mut self, at: usize) {
        if self.first.len() < MAX_OFFSETS {
            self.first.push(at);
        }
        self.count += 1;
    }

    /// `N WHAT (byte offset(s) a, b, ... and K more)`, or `None` if there were none.
    fn message(&self, one: &str, many: &str) -> Option<String> {
        if self.count == 0 {
            return None;
        }
        let list = self
            .first
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let more = match self.count - self.first.len() {
            0 => String::new(),
            k => format!(" and {k} more"),
        };
        let (what, label) = if self.count == 1 {
            (one, "byte offset")
        } else {
            (many, "byte offsets")
        };
        Some(format!("{} {what} ({label} {list}{more})", self.count))
    }
}

const NUL_ONE: &str = "NUL byte removed";
const NUL_MANY: &str = "NUL bytes removed";
const BAD_ONE: &str = "invalid UTF-8 sequence replaced with U+FFFD";
const BAD_MANY: &str = "invalid UTF-8 sequences replaced with U+FFFD";

/// The charset an HTML page declares in its first bytes (`<meta charset>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static META: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(
            r#"(?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})"#,
        )
        .expect("charset regex")
    });
    let head = &bytes[..bytes.len().min(8192)];
    let c = META.captures(head)?;
    encoding_rs::Encoding::for_label(c.get(1)?.as_bytes())
}

fn is_unicode(enc: &'static encoding_rs::Encoding) -> bool {
    enc == encoding_rs::UTF_8 || enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE
}

/// Decodes document bytes. `html`: a page's own `<meta charset>` is believed, else
/// `transport` (the charset an HTTP header declared), else UTF-8, else detection. Text
/// gets byte-order mark, UTF-16/32 detection, UTF-8, then detection.
pub fn decode_bytes(
    bytes: Cow<'_, [u8]>,
    html: bool,
    transport: Option<&'static encoding_rs::Encoding>,
) -> Result<Decoded, String> {
    let mut warnings = Vec::new();
    if let Some((enc, len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc == encoding_rs::UTF_8 {
            return utf8_repaired(&bytes[len..], len, warnings);
        }
        let (s, had_errors) = enc.decode_without_bom_handling(&bytes[len..]);
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced with U+FFFD",
                enc.name()
            ));
        }
        return finish(without_nul_chars(s.into_owned(), &mut warnings), warnings);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty document".into());
    }
    let has_nul = memchr::memchr(0, &bytes).is_some();
    if has_nul {
        if let Some(s) = wide_unicode(&bytes) {
            return finish(without_nul_chars(s, &mut warnings), warnings);
        }
        if looks_binary(&bytes) {
            return Err("binary content (NUL bytes), not a text or HTML document".into());
        }
    }
    if html
        && let Some(enc) = declared_charset(&bytes).or(transport)
        && !is_unicode(enc)
    {
        let (s, _) = enc.decode_without_bom_handling(&bytes);
        return finish(without_nul_chars(s.into_owned(), &mut warnings), warnings);
    }
    if !has_nul {
        // Valid UTF-8 (most documents) becomes the text without a copy.
        match String::from_utf8(bytes.into_owned()) {
            Ok(s) => return finish(s, warnings),
            Err(e) => return repair_or_detect(Cow::Owned(e.into_bytes()), warnings),
        }
    }
    repair_or_detect(bytes, warnings)
}

/// Bytes with NULs or invalid UTF-8: mostly UTF-8 (more valid multi-byte characters than
/// half the broken sequences) is repaired; otherwise an undeclared legacy encoding
/// (windows-1251, KOI8-R, ...) is detected; failing that, text with at most 1% broken
/// bytes is repaired as UTF-8 rather than dropped.
fn repair_or_detect(bytes: Cow<'_, [u8]>, warnings: Vec<String>) -> Result<Decoded, String> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for c in bytes.utf8_chunks() {
        multibyte += c.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!c.invalid().is_empty());
    }
    if invalid == 0 || (multibyte > 0 && invalid <= 2 * multibyte) {
        return utf8_repaired(&bytes, 0, warnings);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (s, _, had_errors) = enc.decode(&bytes);
    let controls = s
        .chars()
        .filter(|c| ('\u{80}'..='\u{9f}').contains(c))
        .count();
    if !had_errors && controls * 100 <= s.chars().count() {
        let mut warnings = warnings;
        let s = without_nul_chars(s.into_owned(), &mut warnings);
        return finish(s, warnings);
    }
    if looks_binary(&bytes) {
        return Err("binary content, not a text or HTML document".into());
    }
    if invalid * 100 <= bytes.len() {
        return utf8_repaired(&bytes, 0, warnings);
    }
    Err(format!(
        "not valid UTF-8 and not plausible as {} either",
        enc.name()
    ))
}

/// UTF-8 with its NUL bytes removed and invalid sequences replaced by U+FFFD, each
/// repair's offsets (plus `base`: a byte-order mark before `bytes`) in a warning.
fn utf8_repaired(bytes: &[u8], base: usize, mut warnings: Vec<String>) -> Result<Decoded, String> {
    let mut out = String::with_capacity(bytes.len());
    let (mut nuls, mut bad) = (Offsets::default(), Offsets::default());
    let mut pos = base;
    for chunk in bytes.utf8_chunks() {
        let v = chunk.valid();
        let mut from = 0;
        for i in memchr::memchr_iter(0, v.as_bytes()) {
            out.push_str(&v[from..i]);
            nuls.add(pos + i);
            from = i + 1;
        }
        out.push_str(&v[from..]);
        pos += v.len();
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            bad.add(pos);
            pos += chunk.invalid().len();
        }
    }
    warnings.extend(bad.message(BAD_ONE, BAD_MANY));
    warnings.extend(nuls.message(NUL_ONE, NUL_MANY));
    finish(out, warnings)
}

/// Removes U+0000 from text decoded from another encoding than UTF-8 (offsets in its
/// bytes are not kept: the count is reported).
fn without_nul_chars(s: String, warnings: &mut Vec<String>) -> String {
    let n = s.matches('\0').count();
    if n == 0 {
        return s;
    }
    warnings.push(if n == 1 {
        "1 NUL character removed".to_string()
    } else {
        format!("{n} NUL characters removed")
    });
    s.replace('\0', "")
}

fn finish(text: String, mut warnings: Vec<String>) -> Result<Decoded, String> {
    if text.trim().is_empty() {
        return Err("empty document".into());
    }
    let text = match repair_mojibake(&text) {
        Some((fixed, n)) => {
            warnings.push(format!(
                "{n} character{} read twice as UTF-8 repaired (UTF-8 bytes had been \
                 decoded as Latin-1 or Windows-1252: `â€™` is `’`)",
                if n == 1 { "" } else { "s" }
            ));
            fixed
        }
        None => text,
    };
    Ok(Decoded { text, warnings })
}

/// The byte a character stands for when UTF-8 bytes were decoded as Windows-1252 (or
/// Latin-1, whose C1 controls stay as they are): `€` for 0x80, `™` for 0x99, `©` for 0xA9.
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    match c as u32 {
        n @ 0..=0xFF => Some(n as u8),
        _ => HIGH.iter().find(|(h, _)| *h == c).map(|&(_, b)| b),
    }
}

/// Text whose UTF-8 was decoded a second time as Windows-1252 or Latin-1 (a crawler's or
/// a CMS's double encoding: `Earthâ€™s`, `cafÃ©`), repaired: each run of a lead character
/// (`Â`..`ô`, a UTF-8 lead byte read as one character) and the continuation characters
/// its byte asks for (each one a byte 0x80-0xBF read as one character) that decodes as
/// UTF-8 to one character is replaced by it. `None` when the text holds no such run (the
/// common case, found by a byte scan). Legitimate text never holds these pairs (`Ã©` is no
/// word of any language), so one run is enough to repair.
pub fn repair_mojibake(text: &str) -> Option<(String, usize)> {
    // A lead character U+00C2..U+00F4 is the UTF-8 bytes C3 82..C3 B4; what follows it in a
    // double encoding is a C1/Latin-1 character (C2 ..) or a Windows-1252 one (C5, C6, CB, E2).
    let b = text.as_bytes();
    let maybe = memchr::memchr_iter(0xC3, b).any(|i| {
        b.get(i + 1).is_some_and(|x| (0x82..=0xB4).contains(x))
            && b.get(i + 2)
                .is_some_and(|x| matches!(x, 0xC2 | 0xC5 | 0xC6 | 0xCB | 0xE2))
    });
    if !maybe {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut fixed = 0;
    let mut k = 0;
    let mut copied = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let need = match c as u32 {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        if need > 0 {
            let mut bytes = vec![c as u32 as u8];
            let conts = chars.get(k + 1..k + 1 + need).unwrap_or(&[]);
            bytes.extend(
                conts
                    .iter()
                    .filter_map(|&(_, x)| cp1252_byte(x).filter(|b| (0x80..=0xBF).contains(b))),
            );
            if bytes.len() == need + 1
                && let Ok(s) = std::str::from_utf8(&bytes)
            {
                out.push_str(&text[copied..at]);
                out.push_str(s);
                k += need + 1;
                copied = chars.get(k).map_or(text.len(), |&(i, _)| i);
                fixed += 1;
                continue;
            }
        }
        k += 1;
    }
    if fixed == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, fixed))
}

/// Known signatures of binary formats a crawl brings back (images, PDF, archives,
/// executables, fonts, media, office files).
const SIGNATURES: &[&[u8]] = &[
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1F\x8B",
    b"BZh",
    b"\xFD7zXZ",
    b"7z\xBC\xAF",
    b"\x7FELF",
    b"\xD0\xCF\x11\xE0",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"fLaC",
    b"wOFF",
    b"wOF2",
    b"\x00asm",
    b"II*\x00",
    b"MM\x00*",
    b"\x00\x00\x01\x00",
];

/// Whether bytes are a binary file rather than text with a few stray bytes: a known
/// signature, or more than one control byte and more than 2% of them (NUL included; tab,
/// line breaks, form feed and escape excepted). Random or compressed data has about 10%.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if SIGNATURES.iter().any(|s| bytes.starts_with(s)) {
        return true;
    }
    let controls = bytes
        .iter()
        .filter(|&&c| {
            (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1b)) || c == 0x7f
        })
        .count();
    controls > 1 && controls * 50 > bytes.len()
}

/// UTF-32 or UTF-16 (either byte order) without a byte-order mark, recognised by where
/// the zero bytes fall in the first KB and kept only if the whole decodes to plausible
/// text. (UTF-16 text without any Latin characters, digits or spaces has no zero bytes and
/// is not recognised.)
fn wide_unicode(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(1024)];
    if bytes.len().is_multiple_of(4) && bytes.len() >= 8 {
        let units = || sample.chunks_exact(4);
        let le = units().all(|u| u[3] == 0 && u[2] <= 0x10);
        let be = units().all(|u| u[0] == 0 && u[1] <= 0x10);
        if le != be {
            let mut s = String::with_capacity(bytes.len() / 4);
            let mut bad = 0;
            for u in bytes.chunks_exact(4) {
                let v = if le {
                    u32::from_le_bytes([u[0], u[1], u[2], u[3]])
                } else {
                    u32::from_be_bytes([u[0], u[1], u[2], u[3]])
                };
                match char::from_u32(v) {
                    Some(c) => s.push(c),
                    None => {
                        bad += 1;
                        s.push('\u{FFFD}');
                    }
                }
            }
            if bad == 0 && plausible(&s) {
                return Some(s);
            }
        }
    }
    if bytes.len().is_multiple_of(2) {
        let pairs = sample.len() / 2;
        let zeros_at = |parity: usize| {
            sample
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let (even, odd) = (zeros_at(0), zeros_at(1));
        let (enc, high) = if odd * 10 >= pairs && even * 20 <= odd {
            (encoding_rs::UTF_16LE, 1)
        } else if even * 10 >= pairs && odd * 20 <= even {
            (encoding_rs::UTF_16BE, 0)
        } else {
            return None;
        };
        // Text keeps to a few scripts: three high bytes (0 for ASCII, 4 for Cyrillic, 0x20
        // for punctuation, ...) cover nine units in ten. Words joined by NULs do not.
        let mut by_high = [0usize; 256];
        for &b in sample.iter().skip(high).step_by(2) {
            by_high[usize::from(b)] += 1;
        }
        by_high.sort_unstable_by(|a, b| b.cmp(a));
        if (by_high[0] + by_high[1] + by_high[2]) * 10 < pairs * 9 {
            return None;
        }
        let s = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
        if plausible(&s) {
            return Some(s.into_owned());
        }
    }
    None
}

/// Decoded text that reads as text: at most 2% control characters (NUL included).
fn plausible(s: &str) -> bool {
    let (mut n, mut controls) = (0usize, 0usize);
    for c in s.chars() {
        n += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}') {
            controls += 1;
        }
    }
    n > 0 && controls * 50 <= n
}

#[cfg(test)]
mod tests {

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 512, ..Default::default() })]

        /// Any text encoded twice (read as Windows-1252 or as Latin-1) comes back whole,
        /// and the repair never changes text that was never encoded twice.
        #[test]
        fn any_text_encoded_twice_comes_back(text in "\\PC{0,40}") {
            let cp1252: String =
                encoding_rs::WINDOWS_1252.decode(text.as_bytes()).0.into_owned();
            let latin1: String = text.bytes().map(char::from).collect();
            for twice in [cp1252, latin1] {
                let back = repair_mojibake(&twice).map_or(twice.clone(), |(t, _)| t);
                proptest::prop_assert_eq!(&back, &text);
            }
        }

        #[test]
        fn repair_never_panics_and_keeps_ascii(text in "[a-z .]{0,10}\\PC{0,20}") {
            if let Some((fixed, n)) = repair_mojibake(&text) {
                proptest::prop_assert!(n > 0 && fixed.len() < text.len());
            } else if text.is_ascii() {
                proptest::prop_assert!(repair_mojibake(&text).is_none());
            }
        }
    }

    #[test]
    fn text_encoded_twice_as_utf8_is_repaired_and_reported() {
        // UTF-8 read as Windows-1252 (`’` as `â€™`, `é` as `Ã©`) and as Latin-1 (C1
        // controls kept), then written out as UTF-8 again.
        let once = "Velmara’s dockers met at the café on Monday — «enough», said Odile Maret.";
        let cp1252: String = encoding_rs::WINDOWS_1252
            .decode(once.as_bytes())
            .0
            .into_owned();
        let latin1: String = once.bytes().map(char::from).collect();
        for twice in [cp1252, latin1] {
            assert_ne!(twice, once);
            let d = decode_bytes(Cow::Owned(twice.into_bytes()), false, None).unwrap();
            assert_eq!(d.text, once);
            assert!(
                d.warnings.iter().any(|w| w.contains("read twice as UTF-8")),
                "{:?}",
                d.warnings
            );
        }
        // Text in Latin scripts with accents is left as it is.
        let french = "À São Paulo, Ãngela a vu l’équipe «Été» à 10h — Âge: 30.";
        assert_eq!(repair_mojibake(french), None);
        let d = decode_bytes(Cow::Borrowed(french.as_bytes()), false, None).unwrap();
        assert!(d.warnings.is_empty());
    }

    use super::*;

    fn text(b: &[u8]) -> Decoded {
        decode_bytes(Cow::Borrowed(b), false, None).unwrap()
    }

    #[test]
    fn a_nul_and_a_bad_byte_are_repaired_with_their_offsets() {
        let d = text("Tomas Varga’s trial\0 opened in Velmara.".as_bytes());
        assert_eq!(d.text, "Tomas Varga’s trial opened in Velmara.");
        assert_eq!(d.warnings, vec!["1 NUL byte removed (byte offset 21)"]);
        let mut b = "Ilse Borand – détenue".as_bytes().to_vec();
        b.insert(5, 0xff);
        let d = text(&b);
        assert_eq!(d.text, "Ilse \u{FFFD}Borand – détenue");
        assert_eq!(
            d.warnings,
            vec!["1 invalid UTF-8 sequence replaced with U+FFFD (byte offset 5)"]
        );
    }

    #[test]
    fn offsets_are_capped() {
        let b: Vec<u8> = "é ".bytes().chain(std::iter::repeat_n(0xff, 30)).collect();
        let d = text(&[b.as_slice(), "ü ö ä".repeat(20).as_bytes()].concat());
        assert!(
            d.warnings[0]
                .starts_with("30 invalid UTF-8 sequences replaced with U+FFFD (byte offsets 3, 4,"),
            "{:?}",
            d.warnings
        );
        assert!(
            d.warnings[0].ends_with("22 and 10 more)"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn utf16_and_utf32_without_bom_are_decoded() {
        let s = "Tomas Varga was arrested in Velmara on 3 May 2021.";
        let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let cyr = "Суд в Велмаре арестовал Томаша Варгу 3 мая 2021 года.";
        let cyr_le: Vec<u8> = cyr.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let u32le: Vec<u8> = s.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
        let u32be: Vec<u8> = cyr.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        for (b, want) in [(le, s), (be, s), (cyr_le, cyr), (u32le, s), (u32be, cyr)] {
            let d = text(&b);
            assert_eq!(d.text, want);
            assert!(d.warnings.is_empty());
        }
    }

    #[test]
    fn binary_files_are_still_refused() {
        for b in [
            &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"[..],
            b"Varga\0was\0held\0",
            b"Varga\0was\0held\0in\0Velmara\0",
            b"GIF89a\x01\0\x01\0\x80\0\0\xff\xff\xff",
        ] {
            assert!(
                decode_bytes(Cow::Borrowed(b), false, None)
                    .unwrap_err()
                    .contains("binary"),
                "{b:?}"
            );
        }
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(decode_bytes(Cow::Borrowed(&noise), false, None).is_err());
    }
}

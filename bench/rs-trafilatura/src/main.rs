//! rs-trafilatura over a directory of pages, for `bench/extraction.sh`: the same input and
//! output as `casefile extract --bench DIR --out FILE`.
//!
//! Reads every `*.html` / `*.htm` (gzipped or not) of DIR and decodes it with the crate's own
//! `encoding::transcode_to_utf8` (not timed), then extracts each page on the calling thread
//! with the crate's default options (timed), and writes
//! `{id: {"articleBody", "title", "author", "publish_date"}}` (`publish_date` as
//! YYYY-MM-DD, null where the crate finds none), `id` being the file name without
//! extensions. Prints the pages/s of the extraction and of the whole process to stderr.
//!
//! usage: rs-trafilatura-bench DIR OUT.json

use flate2::read::GzDecoder;
use rs_trafilatura::{Options, encoding::transcode_to_utf8, extract_with_options};
use serde_json::{Map, Value, json};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

fn read_page(path: &Path) -> Result<String, String> {
    let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        let mut out = Vec::new();
        GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| format!("{}: not gzip: {e}", path.display()))?;
        out
    } else {
        raw
    };
    Ok(transcode_to_utf8(&bytes))
}

/// `*.html` / `*.htm`, gzipped or not, in any case: the files `casefile extract --bench` reads.
fn is_page(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".html") || name.ends_with(".htm")
}

fn run(dir: &Path, out: &Path, start: Instant) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_page(p))
        .collect();
    files.sort();
    let mut pages = Vec::with_capacity(files.len());
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let id = name.split('.').next().unwrap_or(name).to_string();
        // A page that cannot be read is reported and skipped; the others go on.
        match read_page(f) {
            Ok(html) => pages.push((id, html)),
            Err(e) => eprintln!("rs-trafilatura-bench: skipped {e}"),
        }
    }
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    let options = Options::default();
    let t0 = Instant::now();
    let mut preds = Map::new();
    for (id, html) in &pages {
        let v = match extract_with_options(html, &options) {
            Ok(r) => json!({
                "articleBody": r.content_text,
                "title": r.metadata.title,
                "author": r.metadata.author,
                "publish_date": r.metadata.date.map(|d| d.date_naive().to_string()),
            }),
            Err(e) => {
                eprintln!("rs-trafilatura-bench: {id}: {e}");
                json!({"articleBody": "", "title": null, "author": null, "publish_date": null})
            }
        };
        preds.insert(id.clone(), v);
    }
    let seconds = t0.elapsed().as_secs_f64();
    let text = serde_json::to_string(&Value::Object(preds)).map_err(|e| e.to_string())?;
    // Written beside the target and renamed: never a half-written predictions file.
    let tmp = out.with_extension("json.part");
    std::fs::write(&tmp, text).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, out).map_err(|e| format!("{}: {e}", out.display()))?;
    let n = pages.len() as f64;
    let whole = start.elapsed().as_secs_f64();
    eprintln!(
        "rs-trafilatura extract: {} pages, {:.1} MB in {seconds:.3}s on one thread: {:.1} pages/s, {:.1} MB/s; whole process {whole:.3}s: {:.1} pages/s",
        pages.len(),
        bytes as f64 / 1e6,
        n / seconds,
        bytes as f64 / 1e6 / seconds,
        n / whole
    );
    Ok(())
}

fn main() -> ExitCode {
    let start = Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: rs-trafilatura-bench DIR OUT.json");
        return ExitCode::from(2);
    };
    match run(Path::new(dir), Path::new(out), start) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rs-trafilatura-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

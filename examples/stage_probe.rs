//! Time and heap of each stage on one document: where a hostile input's cost goes
//! (bench/robustness.sh measures the whole run; this splits it by stage).
//!
//! usage: stage_probe FILE [GAZETTEER_DIR=gazetteers]
//! (STOP_AFTER=clean stops after cleaning: a heap profiler's peak is then that stage's.)
//!
//! usage: stage_probe --run CORPUS_DIR OUT_DIR [GAZETTEER_DIR]
//! runs the whole pipeline (`casefile run --jobs 1`) and prints its heap peak: with a heap
//! profiler, what the run holds beyond the stages (its output buffers and totals).
//!
//! Prints, per stage, its wall time, the heap it left allocated and the peak heap while it
//! ran (bytes allocated through the global allocator, counted here; the system allocator
//! underneath, not the executable's jemalloc).

use casefile::doc::CharIndex;
use casefile::pipeline::Resources;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
        PEAK.fetch_max(n, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let n = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
            PEAK.fetch_max(n, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
        }
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mb(b: usize) -> f64 {
    b as f64 / 1e6
}

/// Runs `f` as stage `name` and prints its time and heap.
fn stage<T>(name: &str, size: usize, f: impl FnOnce() -> T) -> T {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let t0 = Instant::now();
    let out = f();
    let ms = t0.elapsed().as_secs_f64() * 1e3;
    let live = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.load(Ordering::Relaxed);
    println!(
        "{name:<12} {ms:>9.1} ms  live {:>8.1} MB ({:+.1}x doc)  peak {:>8.1} MB ({:.1}x doc over the start)",
        mb(live),
        (live as f64 - before as f64) / size.max(1) as f64,
        mb(peak),
        (peak - before) as f64 / size.max(1) as f64,
    );
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| a == "--run") {
        return whole_run(&args[2..]);
    }
    let Some(file) = args.get(1) else {
        eprintln!("usage: stage_probe FILE [GAZETTEER_DIR]");
        std::process::exit(2);
    };
    let gazetteers = args.get(2).map_or("gazetteers", String::as_str);
    let res = match Resources::load(Path::new(gazetteers), None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("stage_probe: {e}");
            std::process::exit(2);
        }
    };
    let path = Path::new(file);
    let mut raw = match casefile::ingest::read(path, file) {
        Ok((raw, _)) => raw,
        Err(e) => {
            eprintln!("stage_probe: {}", e.message);
            std::process::exit(2);
        }
    };
    let size = raw.content.len();
    println!(
        "{file}: {:.2} MB, heap at start {:.1} MB",
        mb(size),
        mb(LIVE.load(Ordering::Relaxed))
    );
    let doc = stage("clean", size, || res.clean(&raw));
    raw.content = String::new();
    if std::env::var("STOP_AFTER").is_ok_and(|s| s == "clean") {
        return;
    }
    let mut docs = stage("entries", size, || casefile::clean::split_entries(doc));
    for doc in &mut docs {
        stage("sentences", size, || {
            doc.sentences = casefile::sentences::split(&doc.text)
        });
        stage("sections", size, || {
            let s = casefile::clean::find_sections(&doc.text);
            if s.len() >= 2 {
                doc.sections = s;
            }
        });
        stage("names", size, || {
            casefile::resolve::link(doc, &res.gazetteer, &res.matcher);
            doc.mentions.shrink_to_fit();
        });
        stage("dates", size, || res.tagger.date_and_tag(doc));
        stage("events", size, || res.extractor.extract(doc));
        stage("emit", size, || {
            let ix = CharIndex::new(&doc.text);
            let mut out = std::io::sink();
            let mut n = 0usize;
            for r in casefile::emit::mention_records_iter(doc, &ix) {
                n += serde_json::to_writer(&mut out, &r).is_ok() as usize;
            }
            for r in casefile::emit::timex_records_iter(doc, &ix) {
                n += serde_json::to_writer(&mut out, &r).is_ok() as usize;
            }
            n += casefile::events::merge::doc_events(doc, &ix).len();
            n
        });
        println!(
            "layers: {} sentences, {} mentions, {} timexes, {} events",
            doc.sentences.len(),
            doc.mentions.len(),
            doc.timexes.len(),
            doc.events.len()
        );
    }
}

fn whole_run(args: &[String]) {
    let (Some(corpus), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: stage_probe --run CORPUS_DIR OUT_DIR [GAZETTEER_DIR]");
        std::process::exit(2);
    };
    let cfg = casefile::pipeline::RunConfig {
        corpus: corpus.into(),
        gazetteers: args.get(2).map_or("gazetteers", String::as_str).into(),
        names: Vec::new(),
        rules: None,
        out: out.into(),
        jobs: 1,
        progress: false,
        limits: Default::default(),
        incremental: false,
        shard: None,
        timexes: Default::default(),
    };
    let t0 = Instant::now();
    match casefile::pipeline::run(&cfg) {
        Ok(s) => println!(
            "{} documents, {:.1} s, heap peak {:.1} MB",
            s.documents,
            t0.elapsed().as_secs_f64(),
            mb(PEAK.load(Ordering::Relaxed))
        ),
        Err(e) => {
            eprintln!("stage_probe: {e}");
            std::process::exit(1);
        }
    }
}

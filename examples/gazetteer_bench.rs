//! Gazetteer matching throughput with a large generated gazetteer.
//!
//! usage: gazetteer_bench TEXT_FILE [NAMES] [GAZETTEER_DIR]
//!
//! Generates NAMES (default 100,000) person and organisation names deterministically, adds
//! them to the project's gazetteers, times loading and compiling (parse, validation,
//! surfaces, automaton), then times on one thread (best of three passes) and prints MB/s of
//! whole-word leftmost-longest matching over TEXT_FILE, and of the whole name layer
//! (`resolve::link`: matching, partials, variants of listed names, discovery of unlisted
//! ones) over TEXT_FILE cut into documents at blank lines.

use casefile::gazetteer::{Gazetteer, Matcher};
use std::path::PathBuf;
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn generated(n: usize) -> String {
    const ON: &[&str] = &[
        "b", "d", "k", "m", "n", "r", "s", "t", "zh", "kh", "sh", "l", "g", "v", "y", "ch", "p",
        "ts",
    ];
    const NU: &[&str] = &["a", "e", "i", "o", "u", "ai", "ia", "ye", "yu", "ou"];
    const END: &[&str] = &[
        "ov", "ova", "ev", "eva", "in", "ina", "enko", "uly", "kyzy", "bay", "bek", "ski", "son",
        "er", "es",
    ];
    const ORG: &[&str] = &[
        "Union",
        "Federation",
        "Company",
        "Committee",
        "Court",
        "Foundation",
        "Association",
        "Group",
        "Council",
        "Centre",
    ];
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let word = |r: &mut Rng, syl: usize| {
        let mut w = String::new();
        for _ in 0..syl {
            w.push_str(r.pick(ON));
            w.push_str(r.pick(NU));
        }
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let mut out = String::from("# generated\n");
    for i in 0..n {
        let first = word(&mut r, 2);
        let last = word(&mut r, 2) + r.pick(END);
        if i % 5 == 4 {
            let kind = r.pick(ORG);
            out.push_str(&format!("id: org/gen-{i}\ntype: org\nname: {last} {first} {kind}\nambiguous: {last} {first} {kind}\n\n"));
        } else {
            out.push_str(&format!("id: person/gen-{i}\ntype: person\nname: {first} {last}\nambiguous: {first} {last}\n\n"));
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text_path = args
        .get(1)
        .expect("usage: gazetteer_bench TEXT_FILE [NAMES] [GAZETTEER_DIR]");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let dir = PathBuf::from(args.get(3).cloned().unwrap_or_else(|| "gazetteers".into()));
    let text = std::fs::read_to_string(text_path).expect("text file");
    let mut sources = Vec::new();
    for e in std::fs::read_dir(&dir).expect("gazetteer dir") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "gaz") {
            let c = std::fs::read_to_string(&p).expect("gazetteer");
            sources.push((p, c));
        }
    }
    sources.push((PathBuf::from("generated.gaz"), generated(n)));
    let t0 = Instant::now();
    let g = Gazetteer::from_sources(&sources).expect("valid gazetteer");
    let loaded = t0.elapsed().as_secs_f64();
    let m = Matcher::new(&g).expect("automaton");
    let compile = t0.elapsed().as_secs_f64();
    eprintln!(
        "load and validate {loaded:.3}s, automata {:.3}s",
        compile - loaded
    );
    let mut best = f64::MAX;
    let mut hits = 0;
    for _ in 0..3 {
        let t = Instant::now();
        hits = m.find(&text).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = text.len() as f64 / 1e6;
    // The whole name layer, document by document (articles of a few KB).
    let mut docs: Vec<String> = Vec::new();
    let mut cur = String::new();
    for para in text.split("\n\n") {
        cur.push_str(para);
        cur.push_str("\n\n");
        if cur.len() > 4000 {
            docs.push(std::mem::take(&mut cur));
        }
    }
    docs.push(cur);
    let mut layer = f64::MAX;
    let mut mentions = 0;
    for _ in 0..3 {
        let t = Instant::now();
        mentions = 0;
        for d in &docs {
            let mut doc = casefile::doc::Doc::new("d", "t", d.clone());
            casefile::resolve::link(&mut doc, &g, &m);
            mentions += doc.mentions.len();
        }
        layer = layer.min(t.elapsed().as_secs_f64());
    }
    println!(
        "name layer (matching, partials, variants, discovery) over {} documents: {} mentions, best of 3: {:.3}s = {:.1} MB/s",
        docs.len(),
        mentions,
        layer,
        mb / layer
    );
    println!(
        "entities {} surfaces {} compile {:.3}s | text {:.1} MB, {} hits, best of 3: {:.3}s = {:.1} MB/s",
        g.entities.len(),
        m.surfaces.len(),
        compile,
        mb,
        hits,
        best,
        mb / best
    );
}

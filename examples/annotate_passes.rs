//! Warm-up cost of the annotation stages on one thread: the distinct texts of a run's
//! `documents.jsonl`, annotated three times over with the same resources. The first pass
//! pays for the rule automata's lazy-DFA states and first-use regex compiles; later passes
//! show the steady cost (README, Scale).
//!
//! usage: annotate_passes OUT/documents.jsonl [GAZETTEER_DIR=gazetteers]

use casefile::doc::Doc;
use casefile::pipeline::Resources;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let docs = args
        .get(1)
        .expect("usage: annotate_passes OUT/documents.jsonl [GAZETTEER_DIR]");
    let gazetteers = args.get(2).map_or("gazetteers", String::as_str);
    let res = Resources::load(Path::new(gazetteers), None).expect("gazetteers load");
    let mut texts = BTreeSet::new();
    for line in std::fs::read_to_string(docs)
        .expect("documents file")
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        texts.insert(v["text"].as_str().unwrap_or("").to_string());
    }
    let mb: usize = texts.iter().map(String::len).sum();
    println!("{} distinct texts, {:.1} MB", texts.len(), mb as f64 / 1e6);
    for pass in 0..3 {
        let mut ms = [0f64; 4];
        for t in &texts {
            let mut doc = Doc::new("d", "d", t.clone());
            let t0 = Instant::now();
            doc.sentences = casefile::sentences::split(&doc.text);
            let t1 = Instant::now();
            casefile::resolve::link(&mut doc, &res.gazetteer, &res.matcher);
            let t2 = Instant::now();
            res.tagger.tag(&mut doc);
            let t3 = Instant::now();
            res.extractor.extract(&mut doc);
            let t4 = Instant::now();
            for (i, (a, b)) in [(t0, t1), (t1, t2), (t2, t3), (t3, t4)].iter().enumerate() {
                ms[i] += (*b - *a).as_secs_f64() * 1e3;
            }
        }
        println!(
            "pass {pass}: sentences {:.0} ms, names {:.0} ms, dates {:.0} ms, events {:.0} ms",
            ms[0], ms[1], ms[2], ms[3]
        );
    }
}

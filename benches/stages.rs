//! `cargo bench`: each pipeline stage on the seed corpus (criterion), so a change's cost
//! shows per stage. Whole-corpus throughput against the Python peer is `bench/scale.sh`.

use casefile::doc::Doc;
use casefile::pipeline::Resources;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

/// The seed articles, and the same texts as HTML pages with navigation and a footer.
fn inputs() -> (Vec<String>, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("seed"))
        .collect();
    let pages = texts
        .iter()
        .map(|t| {
            let body: String = t
                .split("\n\n")
                .map(|p| format!("<p>{}</p>\n", html_escape::encode_text(p.trim())))
                .collect();
            format!(
                "<html><head><title>Report</title></head><body><nav><ul><li><a href=\"/\">Home</a></li>\
                 <li><a href=\"/news\">News</a></li></ul></nav><main><article>{body}</article></main>\
                 <footer><p>Donate now</p><p>Copyright</p></footer></body></html>"
            )
        })
        .collect();
    (texts, pages)
}

fn stages(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let res = Resources::load_with(
        &root.join("gazetteers"),
        Some(&root.join("rules")),
        Default::default(),
    )
    .expect("resources");
    let (texts, pages) = inputs();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let cleaned: Vec<Doc> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Doc::new(&format!("d{i}"), "b.txt", res.cleaner.clean_text(t)))
        .collect();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("clean_html", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(res.clean_html("d", "b.html", p, None));
            }
        })
    });
    g.bench_function("clean_text", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(res.cleaner.clean_text(t));
            }
        })
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            for d in &cleaned {
                black_box(casefile::sentences::split(&d.text));
            }
        })
    });
    g.bench_function("gazetteer_link", |b| {
        b.iter(|| {
            for d in &cleaned {
                let mut d = d.clone();
                casefile::resolve::link(&mut d, &res.gazetteer, &res.matcher);
                black_box(d.mentions.len());
            }
        })
    });
    g.bench_function("dates", |b| {
        b.iter(|| {
            for d in &cleaned {
                let mut d = d.clone();
                res.tagger.tag(&mut d);
                black_box(d.timexes.len());
            }
        })
    });
    let linked: Vec<Doc> = cleaned
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.sentences = casefile::sentences::split(&d.text);
            casefile::resolve::link(&mut d, &res.gazetteer, &res.matcher);
            res.tagger.tag(&mut d);
            d
        })
        .collect();
    g.bench_function("events", |b| {
        b.iter(|| {
            for d in &linked {
                let mut d = d.clone();
                res.extractor.extract(&mut d);
                black_box(d.events.len());
            }
        })
    });
    g.bench_function("annotate_all_stages", |b| {
        b.iter(|| {
            for d in &cleaned {
                let mut d = d.clone();
                res.annotate(&mut d);
                black_box(d.events.len());
            }
        })
    });
    let annotated: Vec<Doc> = cleaned
        .iter()
        .map(|d| {
            let mut d = d.clone();
            res.annotate(&mut d);
            d
        })
        .collect();
    g.bench_function("emit", |b| {
        b.iter(|| {
            for d in &annotated {
                let ix = casefile::doc::CharIndex::new(&d.text);
                let mut n = casefile::emit::to_line(&casefile::emit::document_record(d)).len();
                for r in casefile::emit::mention_records_iter(d, &ix) {
                    n += casefile::emit::to_line(&r).len();
                }
                for r in casefile::emit::timex_records_iter(d, &ix) {
                    n += casefile::emit::to_line(&r).len();
                }
                black_box(n);
            }
        })
    });
    g.finish();
}

/// Start-up: what every run compiles before its first document (serial with one core).
fn startup(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gaz = root.join("gazetteers");
    let mut g = c.benchmark_group("startup");
    g.sample_size(10);
    g.bench_function("gazetteer_load", |b| {
        b.iter(|| black_box(casefile::gazetteer::Gazetteer::load_dir(&gaz).expect("gazetteer")))
    });
    let loaded = casefile::gazetteer::Gazetteer::load_dir(&gaz).expect("gazetteer");
    g.bench_function("gazetteer_automaton", |b| {
        b.iter(|| black_box(casefile::gazetteer::matcher::Matcher::new(&loaded).expect("matcher")))
    });
    g.bench_function("date_rules", |b| {
        b.iter(|| black_box(casefile::dates::Tagger::new()))
    });
    g.bench_function("boilerplate_rules", |b| {
        b.iter(|| black_box(casefile::clean::Cleaner::builtin()))
    });
    g.bench_function("event_rules", |b| {
        b.iter(|| black_box(casefile::events::Extractor::builtin()))
    });
    g.finish();
}

criterion_group!(benches, stages, startup);
criterion_main!(benches);

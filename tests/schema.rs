//! Every line of a real run validates against the JSON Schemas published in `schema/`.

mod common;

use common::{OUTPUTS, lines, root, run};
use serde_json::{Value, json};

fn validator(name: &str) -> jsonschema::Validator {
    let p = root().join("schema").join(name);
    let s: Value =
        serde_json::from_str(&std::fs::read_to_string(&p).expect("schema file")).expect("JSON");
    jsonschema::draft202012::new(&s).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn schema_of(output: &str) -> &'static str {
    match output {
        "documents.jsonl" => "document.schema.json",
        "mentions.jsonl" => "mention.schema.json",
        "timexes.jsonl" => "timex.schema.json",
        "events.jsonl" => "event.schema.json",
        "entities.jsonl" => "entity.schema.json",
        "errors.jsonl" => "error.schema.json",
        other => panic!("no schema for {other}"),
    }
}

fn check(v: &jsonschema::Validator, what: &str, rec: &Value) {
    let errors: Vec<String> = v
        .iter_errors(rec)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:?}\n{rec}");
}

/// The seed corpus plus two broken files, so that `errors.jsonl` has lines too.
fn corpus_with_errors() -> tempfile::TempDir {
    let d = tempfile::tempdir().expect("tempdir");
    for e in std::fs::read_dir(root().join("corpus")).expect("corpus") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, d.path().join(p.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(
        d.path().join("broken.txt"),
        b"Kharkova \xff\xfe was \xc3 sentenced",
    )
    .unwrap();
    std::fs::write(
        d.path().join("image.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    d
}

#[test]
fn every_output_line_validates() {
    let corpus = corpus_with_errors();
    let out = tempfile::tempdir().expect("tempdir");
    run(corpus.path(), out.path(), 2);
    for f in OUTPUTS {
        let v = validator(schema_of(f));
        let recs = lines(&out.path().join(f));
        assert!(!recs.is_empty(), "{f} is empty");
        for (i, r) in recs.iter().enumerate() {
            check(&v, &format!("{f}:{}", i + 1), r);
        }
    }
    let run_json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("run.json")).unwrap())
            .unwrap();
    check(&validator("run.schema.json"), "run.json", &run_json);
}

#[test]
fn the_event_schema_rejects_what_it_should() {
    let v = validator("event.schema.json");
    let good: Value = lines(&root().join("tests/golden/events.jsonl"))
        .into_iter()
        .find(|e| e["conflicts"].as_object().is_some_and(|c| !c.is_empty()))
        .expect("a golden event with conflicts");
    check(&v, "golden", &good);
    let broken = [
        ("event_type", json!("raid")),
        ("category", json!("human_rights")),
        ("event_id", json!("e_123")),
        ("subjects", json!(["nobody"])),
        ("date", json!({"value": "25 July 2017", "precision": "day"})),
        ("attributes", json!({"prison_term": "two years"})),
        (
            "attributes",
            json!({"fine": {"amount": 5, "currency": "rubles"}}),
        ),
        (
            "conflicts",
            json!({"community_service": [{"value": "PT100H", "sources": []}]}),
        ),
    ];
    for (k, val) in broken {
        let mut bad = good.clone();
        bad[k] = val.clone();
        assert!(!v.is_valid(&bad), "{k} = {val} should be rejected");
    }
    let mut extra = good.clone();
    extra["unexpected"] = json!(1);
    assert!(!v.is_valid(&extra));
}

#[test]
fn annotate_output_events_validate() {
    let res =
        casefile::pipeline::Resources::load(&root().join("gazetteers"), None).expect("resources");
    let text = std::fs::read_to_string(root().join("corpus/001_cfbb4ee004a07125.txt")).unwrap();
    let out = casefile::annotate::annotate_str(
        &res,
        &text,
        casefile::annotate::InputFormat::Text,
        casefile::doc::Date::parse_iso("2018-06-01"),
    )
    .expect("annotates")
    .to_value();
    let (ev, me, tx) = (
        validator("event.schema.json"),
        validator("mention.schema.json"),
        validator("timex.schema.json"),
    );
    let events = out["events"].as_array().expect("events");
    assert!(!events.is_empty());
    for e in events {
        check(&ev, "annotate event", e);
    }
    // Mention and timex records of `annotate` are the same records as in a run.
    for m in out["mentions"].as_array().expect("mentions") {
        check(&me, "annotate mention", m);
    }
    for t in out["timexes"].as_array().expect("timexes") {
        check(&tx, "annotate timex", t);
    }
}

//! Name lists (`--names`): a researcher's one spelling of each name in, every spelling out.
//! The names are written for the tests (none is a name of the shared dev set); each test is
//! one family of variants the issue names.

mod common;

use casefile::doc::Doc;
use casefile::gazetteer::{Gazetteer, Matcher, names};
use common::root;
use std::path::Path;

/// Links `text` against a name list (TSV) alone; (surface, id) of every mention.
fn linked(list: &str, text: &str) -> Vec<(String, String)> {
    let (entries, errors) = names::parse(Path::new("case.tsv"), list);
    assert!(errors.is_empty(), "{errors:?}");
    let (g, _) = Gazetteer::with_names(&[], entries).expect("gazetteer");
    let m = Matcher::new(&g).expect("matcher");
    let mut d = Doc::new("d", "t", text.to_string());
    casefile::resolve::link(&mut d, &g, &m);
    d.mentions
        .iter()
        .map(|x| (x.span.of(text).to_string(), x.entity_id.to_string()))
        .collect()
}

/// Asserts that every `(surface, id)` is among the mentions of `text`.
fn assert_linked(list: &str, text: &str, want: &[(&str, &str)]) {
    let got = linked(list, text);
    for (s, id) in want {
        assert!(
            got.iter().any(|(a, b)| a == s && b == id),
            "`{s}` not linked to {id} in {text:?}: {got:?}"
        );
    }
}

#[test]
fn east_slavic_romanisations_first_names_included() {
    let list = "Siarhei Tsikhanouski\tperson\nVasyl Stus\tperson\nHennadiy Moskal\tperson\nViktar Kaliesnikau\tperson\nIaraslau Rasolka\tperson\nMikalai Statkevich\tperson\n";
    assert_linked(
        list,
        "Sergei Tikhanovsky was jailed. Vasily Stus and Vasil Stus wrote; Gennady Moskal and Henadz Maskal spoke. Viktor Kolesnikov and Yaroslav Rosolko were fined, and Nikolai Statkevich was released.",
        &[
            ("Sergei Tikhanovsky", "person/siarhei-tsikhanouski"),
            ("Vasily Stus", "person/vasyl-stus"),
            ("Vasil Stus", "person/vasyl-stus"),
            ("Gennady Moskal", "person/hennadiy-moskal"),
            ("Henadz Maskal", "person/hennadiy-moskal"),
            ("Viktor Kolesnikov", "person/viktar-kaliesnikau"),
            ("Yaroslav Rosolko", "person/iaraslau-rasolka"),
            ("Nikolai Statkevich", "person/mikalai-statkevich"),
        ],
    );
    // Gender endings stay apart: a listed man is not his sister.
    let got = linked("Dmitry Ivanov\tperson\n", "Daria Ivanova spoke.");
    assert!(got.iter().all(|x| x.1 != "person/dmitry-ivanov"), "{got:?}");
}

#[test]
fn persian_arabic_names() {
    let list = "Esmaeil Abdi\tperson\nJafar Azimzadeh\tperson\nJumaa Ahmed Salem\tperson\n";
    assert_linked(
        list,
        "Ismail Abdi was arrested; Jaafar Azimzadeh and Juma Ahmed Salem protested.",
        &[
            ("Ismail Abdi", "person/esmaeil-abdi"),
            ("Jaafar Azimzadeh", "person/jafar-azimzadeh"),
            ("Juma Ahmed Salem", "person/jumaa-ahmed-salem"),
        ],
    );
}

#[test]
fn korean_and_chinese_given_names_and_name_order() {
    let list = "Han Sang-gyun\tperson\nWong Yik-mo\tperson\nKem Sokha\tperson\n";
    assert_linked(
        list,
        "Han Sang Gyun led the strike; Wong Yik Mo and Sokha Kem were detained. Later Sokha spoke and Han was jailed.",
        &[
            ("Han Sang Gyun", "person/han-sang-gyun"),
            ("Wong Yik Mo", "person/wong-yik-mo"),
            ("Sokha Kem", "person/kem-sokha"),
            ("Sokha", "person/kem-sokha"),
            ("Han", "person/han-sang-gyun"),
        ],
    );
    assert_linked(
        list,
        "Han Sang-kyun's release: Wong Yikmo said.",
        &[("Wong Yikmo", "person/wong-yik-mo")],
    );
}

#[test]
fn diacritics_honorifics_and_possessives() {
    let list = "Gülsüm Öztürk\tperson\nAye Aye Mar\tperson\nTin Oo\tperson\n";
    assert_linked(
        list,
        "Gulsum Ozturk was detained. Daw Aye Aye Mar and Dr Tin Oo were charged; Öztürk’s lawyer appealed.",
        &[
            ("Gulsum Ozturk", "person/gulsum-ozturk"),
            ("Aye Aye Mar", "person/aye-aye-mar"),
            ("Tin Oo", "person/tin-oo"),
            ("Öztürk", "person/gulsum-ozturk"),
        ],
    );
    // The honorific stays outside the mention.
    let got = linked(list, "Daw Aye Aye Mar spoke.");
    assert!(got.iter().all(|x| !x.0.contains("Daw")), "{got:?}");
}

#[test]
fn typos_in_long_names_only() {
    let list = "Bakhtiyor Kasymkhodjaev\tperson\nAli Said\tperson\n";
    assert_linked(
        list,
        "Bakhtiyor Kasymkhodjayev and Bakhtiyor Kasimkhodjaev were fined.",
        &[
            ("Bakhtiyor Kasymkhodjayev", "person/bakhtiyor-kasymkhodjaev"),
            ("Bakhtiyor Kasimkhodjaev", "person/bakhtiyor-kasymkhodjaev"),
        ],
    );
    // Short words get no edit: Ali Sait is someone else.
    let got = linked(list, "Ali Sait was fined.");
    assert!(got.iter().all(|x| x.1 != "person/ali-said"), "{got:?}");
}

#[test]
fn organisations_acronyms_and_short_forms() {
    let list = "Federation of Independent Trade Unions of Moldova\torg\nZarafshan Gold Mining Company\torg\nSindicato Nacional de Trabajadores Mineros\torg\tsntm\t\tSNTM\n";
    assert_linked(
        list,
        "The Federation of Independent Trade Unions of Moldova (FITUM) protested; FITUM leaders met. The Zarafshan Gold Mining Factory fired them, and Zarafshan appealed. The SNTM struck.",
        &[
            (
                "FITUM",
                "org/federation-of-independent-trade-unions-of-moldova",
            ),
            (
                "Zarafshan Gold Mining Factory",
                "org/zarafshan-gold-mining-company",
            ),
            ("Zarafshan", "org/zarafshan-gold-mining-company"),
            ("SNTM", "sntm"),
        ],
    );
    // An acronym spelled by the initials, where the document names the body in full.
    assert_linked(
        "Korean Metal Workers Union\torg\n",
        "The Korean Metal Workers Union struck. KMWU said so.",
        &[("KMWU", "org/korean-metal-workers-union")],
    );
    // ... and not where it does not (another body may have those initials).
    let got = linked("Korean Metal Workers Union\torg\n", "KMWU said so.");
    assert!(
        got.iter().all(|x| x.1 != "org/korean-metal-workers-union"),
        "{got:?}"
    );
}

#[test]
fn a_malformed_line_is_reported_with_file_and_line_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let list = dir.path().join("case.tsv");
    std::fs::write(
        &list,
        "# the case\nRodrigo Quispe\tperson\nMinistry of Mines\tagency\nSindicato Unitario\torg\n",
    )
    .expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casefile"))
        .args(["annotate", "--format", "text", "--gazetteers"])
        .arg(root().join("gazetteers"))
        .arg("--names")
        .arg(&list)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .expect("stdin")
                .write_all(b"Rodrigo Quispe and the Sindicato Unitario met.")?;
            c.wait_with_output()
        })
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!("{}:3: unknown type `agency`", list.display())),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("person/rodrigo-quispe"), "{stdout}");
    assert!(stdout.contains("org/sindicato-unitario"), "{stdout}");
}

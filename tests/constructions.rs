//! The event layer's constructions (`src/events/constructions.rs`, `arguments.rs`), one
//! test each, on sentences written for these tests: the people, organisations and places
//! are invented and given to `casefile annotate --format jsonl` in a name list, so their
//! ids are stable (`person/tomas-varga`). Every document is published on 2021-06-01.
//!
//! A test marked `#[ignore]` pins a construction that does not work yet; its reason says
//! what comes out instead (`cargo test --test constructions -- --ignored` runs them).

use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The invented names: canonical name and type (README, "Name lists").
const NAMES: &str = "\
Tomas Varga\tperson
Elena Moravec\tperson
Irina Solvang\tperson
Daniel Okoro\tperson
Marta Quillen\tperson
Pavel Dronov\tperson
Darya Kostrova\tperson
Federation of Harbour Workers\torg
Brennick Steel Company\torg
Kestrel Port strike committee\torg
Velmara\tplace
Rostan\tplace
";

const VARGA: &str = "person/tomas-varga";
const MORAVEC: &str = "person/elena-moravec";
const SOLVANG: &str = "person/irina-solvang";
const OKORO: &str = "person/daniel-okoro";
const QUILLEN: &str = "person/marta-quillen";
const DRONOV: &str = "person/pavel-dronov";
const KOSTROVA: &str = "person/darya-kostrova";
const HARBOUR: &str = "org/federation-of-harbour-workers";
const BRENNICK: &str = "org/brennick-steel-company";
const KESTREL: &str = "org/kestrel-port-strike-committee";
const VELMARA: &str = "place/velmara";
const ROSTAN: &str = "place/rostan";

/// The annotate record of one text document published on 2021-06-01.
fn annotate(text: &str) -> Value {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    let names = dir.path().join("names.tsv");
    std::fs::write(&names, NAMES).expect("write name list");
    let mut child = Command::new(env!("CARGO_BIN_EXE_casefile"))
        .current_dir(&root)
        .args(["annotate", "--format", "jsonl", "--gazetteers"])
        .arg(root.join("gazetteers"))
        .arg("--rules")
        .arg(root.join("rules"))
        .arg("--names")
        .arg(&names)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("casefile starts");
    let line = json!({"id": "t", "text": text, "published": "2021-06-01"});
    {
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(stdin, "{line}").expect("write input");
    }
    let out = child.wait_with_output().expect("casefile runs");
    assert!(
        out.status.success(),
        "annotate failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one output line per input line: {stdout}");
    let record: Value = serde_json::from_str(lines[0]).expect("a JSON line");
    assert!(record["events"].is_array(), "no events array: {record}");
    record
}

/// An event as the tests compare it: type, subject ids, date value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Ev {
    event_type: String,
    subjects: Vec<String>,
    date: Option<String>,
}

/// The expected event of `event_type` happening to `subjects` on `date`.
fn ev(event_type: &str, subjects: &[&str], date: Option<&str>) -> Ev {
    Ev {
        event_type: event_type.to_string(),
        subjects: subjects.iter().map(|s| s.to_string()).collect(),
        date: date.map(str::to_string),
    }
}

/// The events of an annotate record, sorted by type, date and subjects.
fn summary(record: &Value) -> Vec<Ev> {
    let mut out: Vec<Ev> = record["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| Ev {
            event_type: e["event_type"].as_str().expect("event_type").to_string(),
            subjects: e["subjects"]
                .as_array()
                .expect("subjects")
                .iter()
                .map(|s| s.as_str().expect("subject id").to_string())
                .collect(),
            date: e["date"]["value"].as_str().map(str::to_string),
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.event_type, &a.date, &a.subjects).cmp(&(&b.event_type, &b.date, &b.subjects))
    });
    out
}

/// The events of `text`, sorted (see [`summary`]).
fn events(text: &str) -> Vec<Ev> {
    summary(&annotate(text))
}

/// Asserts the events of `text` are exactly `want` (in any order).
fn assert_events(text: &str, mut want: Vec<Ev>) {
    want.sort_by(|a, b| {
        (&a.event_type, &a.date, &a.subjects).cmp(&(&b.event_type, &b.date, &b.subjects))
    });
    assert_eq!(events(text), want, "events of {text:?}");
}

/// The only event of `event_type` in an annotate record.
fn only<'a>(record: &'a Value, event_type: &str) -> &'a Value {
    let found: Vec<&Value> = record["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["event_type"] == event_type)
        .collect();
    assert_eq!(found.len(), 1, "one {event_type} event: {record}");
    found[0]
}

// 1. Passive.

/// `X was arrested on <day>`: the subject before the participle, the date of its clause.
#[test]
fn passive_with_a_day_date() {
    assert_events(
        "Tomas Varga was arrested on 3 May 2021.",
        vec![ev("arrest", &[VARGA], Some("2021-05-03"))],
    );
}

/// `X was detained by police in <city> on <day>`: the `by` phrase is the authority, not a
/// subject; the city is the place.
#[test]
fn passive_with_a_by_agent_and_a_place() {
    let r = annotate("Elena Moravec was detained by police in Velmara on 14 March 2020.");
    assert_eq!(
        summary(&r),
        vec![ev("arrest", &[MORAVEC], Some("2020-03-14"))]
    );
    let e = only(&r, "arrest");
    assert_eq!(e["authority"]["kind"], "police");
    assert_eq!(e["place"], VELMARA);
}

/// `X has been sentenced to <term>`: a perfect passive; no date in the text, none made up;
/// the term is the sentence's.
#[test]
fn passive_perfect_without_a_date() {
    let r = annotate("Daniel Okoro has been sentenced to four years in prison.");
    assert_eq!(summary(&r), vec![ev("sentence", &[OKORO], None)]);
    assert_eq!(only(&r, "sentence")["attributes"]["prison_term"], "P4Y");
}

// 2. Active with an agent.

/// `Police detained X on <day>`: the object is the subject, the police the authority.
#[test]
fn active_police_detained_x() {
    let r = annotate("Police detained Tomas Varga on 12 April 2021.");
    assert_eq!(
        summary(&r),
        vec![ev("arrest", &[VARGA], Some("2021-04-12"))]
    );
    assert_eq!(only(&r, "arrest")["authority"]["kind"], "police");
}

/// `A court in <city> convicted X on <day>`: the court acts, the city is the place.
#[test]
fn active_court_in_a_city_convicted_x() {
    let r = annotate("A court in Velmara convicted Elena Moravec on 9 March 2021.");
    assert_eq!(
        summary(&r),
        vec![ev("conviction", &[MORAVEC], Some("2021-03-09"))]
    );
    let e = only(&r, "conviction");
    assert_eq!(e["authority"]["kind"], "court");
    assert_eq!(e["place"], VELMARA);
}

/// `<Company> dismissed X in <month>`: the employer is the named authority, not a subject.
#[test]
fn active_employer_dismissed_x() {
    let r = annotate("The Brennick Steel Company dismissed Marta Quillen in October 2020.");
    assert_eq!(
        summary(&r),
        vec![ev("dismissal", &[QUILLEN], Some("2020-10"))]
    );
    let e = only(&r, "dismissal");
    assert_eq!(e["authority"]["entity_id"], BRENNICK);
    assert_eq!(e["authority"]["kind"], "employer");
}

/// `The court sentenced X and Y to <term> on <day>`: both objects are subjects.
#[test]
fn active_with_two_objects() {
    assert_events(
        "The court sentenced Tomas Varga and Elena Moravec to two years in prison on 9 March 2021.",
        vec![ev("sentence", &[VARGA, MORAVEC], Some("2021-03-09"))],
    );
}

/// `The judge sentenced X to <term> on <day>`: the judge acts, X is the subject.
#[test]
fn active_judge_sentenced_x() {
    assert_events(
        "The judge sentenced Tomas Varga to two years in prison on 9 March 2021.",
        vec![ev("sentence", &[VARGA], Some("2021-03-09"))],
    );
}

// 3. Nominal.

/// `the arrest of X on <day>`: the name after `of`, the date of the noun's own phrase.
#[test]
fn nominal_arrest_of_x() {
    assert_events(
        "The arrest of Tomas Varga on 3 May 2021 shocked the dockers.",
        vec![ev("arrest", &[VARGA], Some("2021-05-03"))],
    );
}

/// `X's arrest on <day>`: the possessor is the subject.
#[test]
fn nominal_possessive() {
    assert_events(
        "Tomas Varga's arrest on 3 May 2021 shocked the dockers.",
        vec![ev("arrest", &[VARGA], Some("2021-05-03"))],
    );
}

/// `a court ordered the liquidation of the union`: `the union` is the organisation named
/// before; the reporting verb gives the noun its clause's date and authority.
#[test]
fn nominal_liquidation_of_the_union() {
    let r = annotate(
        "The Federation of Harbour Workers was founded in 2015. \
         On 10 June 2020 a court ordered the liquidation of the union.",
    );
    assert_eq!(
        summary(&r),
        vec![ev("dissolution", &[HARBOUR], Some("2020-06-10"))]
    );
}

/// `the liquidation of <long name> in <month>`: the date stands in the noun's own phrase,
/// after its complement.
#[test]
fn nominal_date_after_a_long_complement() {
    assert_events(
        "The liquidation of the Federation of Harbour Workers in June 2020 ended its work.",
        vec![ev("dissolution", &[HARBOUR], Some("2020-06"))],
    );
}

/// `The trial of X began on <day>`: the verb the noun is the subject of dates it.
#[test]
fn nominal_subject_of_a_dated_verb() {
    assert_events(
        "The trial of Elena Moravec began on 4 October 2021.",
        vec![ev("trial", &[MORAVEC], Some("2021-10-04"))],
    );
}

/// `X faced charges of <charge> in <month>`: a noun with a light verb (triggers.tsv and
/// constructions.rs name `X faced charges`), its subject the clause's.
#[test]
fn nominal_faced_charges() {
    assert_events(
        "Marta Quillen faced charges of hooliganism in August 2020.",
        vec![ev("charge", &[QUILLEN], Some("2020-08"))],
    );
}

// 4. Relative and appositive.

/// `X, who was jailed in <year>, ...`: `who` stands for the name before it.
#[test]
fn relative_who_was_jailed() {
    assert_events(
        "Tomas Varga, who was jailed in 2019, wrote to the dockers.",
        vec![ev("detention", &[VARGA], Some("2019"))],
    );
}

/// `X, arrested on <day>, ...`: a reduced relative; a negation in the main clause after it
/// does not touch it.
#[test]
fn appositive_participle() {
    assert_events(
        "Elena Moravec, arrested on 4 May 2021, has not seen her lawyer.",
        vec![ev("arrest", &[MORAVEC], Some("2021-05-04"))],
    );
}

/// `X, detained since <month>, ...`: a lasting detention, as `X, who has been detained
/// since ...` is.
#[test]
fn appositive_detained_since() {
    assert_events(
        "Elena Moravec, detained since May, has not seen her lawyer.",
        vec![ev("detention", &[MORAVEC], Some("2021-05"))],
    );
}

// 5. Copular states.

/// `X remains behind bars`: a lasting detention, with no date (not the day it began).
#[test]
fn state_remains_behind_bars() {
    assert_events(
        "Tomas Varga remains behind bars.",
        vec![ev("detention", &[VARGA], None)],
    );
}

/// `X is still in custody`: the same with `is still`.
#[test]
fn state_is_still_in_custody() {
    assert_events(
        "Elena Moravec is still in custody.",
        vec![ev("detention", &[MORAVEC], None)],
    );
}

/// `sentenced X to <term> in a penal colony`: the phrase is the term's kind (as `in jail`
/// and `in prison` are), not a state X is in.
#[test]
fn state_phrase_inside_a_term_is_no_state() {
    assert_events(
        "On 20 May 2021 a court sentenced Daniel Okoro to three years in a penal colony.",
        vec![ev("sentence", &[OKORO], Some("2021-05-20"))],
    );
}

// 6. Coordination.

/// `X was arrested and charged on <day>`: the second participle shares the subject and the
/// date.
#[test]
fn coordinated_passive_participles() {
    assert_events(
        "Tomas Varga was arrested and charged on 3 May 2021.",
        vec![
            ev("arrest", &[VARGA], Some("2021-05-03")),
            ev("charge", &[VARGA], Some("2021-05-03")),
        ],
    );
}

/// `X was tried, convicted and fined on <day>`: a list of three participles.
#[test]
fn coordinated_list_of_participles() {
    assert_events(
        "Elena Moravec was tried, convicted and fined on 9 March 2021.",
        vec![
            ev("trial", &[MORAVEC], Some("2021-03-09")),
            ev("conviction", &[MORAVEC], Some("2021-03-09")),
            ev("fine", &[MORAVEC], Some("2021-03-09")),
        ],
    );
}

/// `X and Y were arrested and charged`: coordinated subjects of coordinated participles.
#[test]
fn coordinated_subjects_and_participles() {
    assert_events(
        "Tomas Varga and Elena Moravec were arrested and charged on 3 May 2021.",
        vec![
            ev("arrest", &[VARGA, MORAVEC], Some("2021-05-03")),
            ev("charge", &[VARGA, MORAVEC], Some("2021-05-03")),
        ],
    );
}

/// `Police arrested and charged X`: coordinated active verbs share their object.
#[test]
fn coordinated_active_verbs() {
    assert_events(
        "Police arrested and charged Daniel Okoro on 12 April 2021.",
        vec![
            ev("arrest", &[OKORO], Some("2021-04-12")),
            ev("charge", &[OKORO], Some("2021-04-12")),
        ],
    );
}

// 7. Numeric groups.

/// `Eleven people were jailed on <day>`: an unnamed group; the event is kept, with no
/// subject.
#[test]
fn numeric_group_passive() {
    assert_events(
        "Eleven people were jailed on 4 June 2021.",
        vec![ev("detention", &[], Some("2021-06-04"))],
    );
}

/// `More than 300 workers went on strike on <day>`: an agentive verb with a counted group.
#[test]
fn numeric_group_on_strike() {
    assert_events(
        "More than 300 workers went on strike on 7 July 2021.",
        vec![ev("strike", &[], Some("2021-07-07"))],
    );
}

/// `Police detained dozens of protesters in <city>`: a group as the object of an active
/// verb.
#[test]
fn numeric_group_as_object() {
    let r = annotate("Police detained dozens of protesters in Velmara on 1 May 2021.");
    assert_eq!(summary(&r), vec![ev("arrest", &[], Some("2021-05-01"))]);
    let e = only(&r, "arrest");
    assert_eq!(e["authority"]["kind"], "police");
    assert_eq!(e["place"], VELMARA);
}

/// `Police arrested 14 activists in <city>`: a counted group as the object.
#[test]
fn numeric_counted_group_as_object() {
    let r = annotate("Police arrested 14 activists in Rostan on 1 May 2021.");
    assert_eq!(summary(&r), vec![ev("arrest", &[], Some("2021-05-01"))]);
    assert_eq!(only(&r, "arrest")["place"], ROSTAN);
}

// 8. Pronouns.

/// `X ... . He was sentenced ...`: the pronoun stands for the person of the sentence before.
#[test]
fn pronoun_in_the_next_sentence() {
    let r = annotate(
        "Tomas Varga leads the dockers' union. \
         He was sentenced to three years in prison on 9 March 2021.",
    );
    assert_eq!(
        summary(&r),
        vec![ev("sentence", &[VARGA], Some("2021-03-09"))]
    );
    assert_eq!(only(&r, "sentence")["attributes"]["prison_term"], "P3Y");
}

/// A pronoun stands for the last person named, over a sentence that names no one and past
/// a person named earlier.
#[test]
fn pronoun_takes_the_last_named_person() {
    assert_events(
        "Daniel Okoro was dismissed in 2019. Tomas Varga spoke at the congress. \
         The congress has 400 delegates. He was arrested on 3 May 2021.",
        vec![
            ev("dismissal", &[OKORO], Some("2019")),
            ev("arrest", &[VARGA], Some("2021-05-03")),
        ],
    );
}

/// `She` and `he` pass over the first person named when the gender (from the surname
/// ending) does not fit.
#[test]
fn pronoun_agrees_in_gender() {
    assert_events(
        "Pavel Dronov and Darya Kostrova spoke at the rally. She was detained on 3 May 2021.",
        vec![ev("arrest", &[KOSTROVA], Some("2021-05-03"))],
    );
    assert_events(
        "Darya Kostrova and Pavel Dronov spoke at the rally. He was detained on 3 May 2021.",
        vec![ev("arrest", &[DRONOV], Some("2021-05-03"))],
    );
}

/// `A court in <city> convicted her`: a pronoun as the object of an active verb.
#[test]
fn pronoun_as_object() {
    let r = annotate(
        "Darya Kostrova chairs the teachers' union. \
         A court in Velmara convicted her on 9 March 2021.",
    );
    assert_eq!(
        summary(&r),
        vec![ev("conviction", &[KOSTROVA], Some("2021-03-09"))]
    );
    assert_eq!(only(&r, "conviction")["authority"]["kind"], "court");
}

/// `They were arrested`: a plural pronoun stands for the people named together before.
#[test]
fn pronoun_plural() {
    assert_events(
        "Tomas Varga and Elena Moravec lead the union. They were arrested on 3 May 2021.",
        vec![ev("arrest", &[VARGA, MORAVEC], Some("2021-05-03"))],
    );
}

// 9. Negations, demands, threats and hypotheticals: no event (beside a stated one, so the
// document is known to be read).

/// `X was not arrested`, `X was never charged`: negations.
#[test]
fn negations_give_no_event() {
    assert_events(
        "Tomas Varga was not arrested on 3 May 2021. Daniel Okoro was never charged. \
         Elena Moravec was arrested on 4 May 2021.",
        vec![ev("arrest", &[MORAVEC], Some("2021-05-04"))],
    );
}

/// `demanded the release of X`, `called for the release of X`, `urged ... to release X`.
#[test]
fn demands_give_no_event() {
    assert_events(
        "The federation demanded the release of Elena Moravec. \
         Unions called for the release of Tomas Varga. \
         They urged the authorities to release Daniel Okoro. \
         Irina Solvang was released on 1 April 2021.",
        vec![ev("release", &[SOLVANG], Some("2021-04-01"))],
    );
}

/// `faces up to 10 years in prison`, `threatened to arrest X`: threats.
#[test]
fn threats_give_no_event() {
    assert_events(
        "Daniel Okoro faces up to 10 years in prison. \
         The prosecutor threatened to arrest Elena Moravec. \
         Tomas Varga was sentenced to two years in prison on 9 March 2021.",
        vec![ev("sentence", &[VARGA], Some("2021-03-09"))],
    );
}

/// `could be jailed`, `may be arrested`, `if X is convicted`: hypotheticals.
#[test]
fn hypotheticals_give_no_event() {
    assert_events(
        "Irina Solvang could be jailed for organising the strike. \
         Marta Quillen may be arrested next week. \
         If Tomas Varga is convicted, he will lose his job. \
         Elena Moravec was jailed on 4 June 2021.",
        vec![ev("detention", &[MORAVEC], Some("2021-06-04"))],
    );
}

// 10. Several events in one sentence, each with its own date.

/// `X was arrested on <d1> and released on <d2>`: each participle takes the date after it.
#[test]
fn two_events_two_dates() {
    assert_events(
        "Tomas Varga was arrested on 3 May 2021 and released on 10 June 2021.",
        vec![
            ev("arrest", &[VARGA], Some("2021-05-03")),
            ev("release", &[VARGA], Some("2021-06-10")),
        ],
    );
}

/// `X was arrested in <m1>; in <m2> a court sentenced him`: two clauses, two dates, the
/// pronoun in the second for X.
#[test]
fn two_clauses_two_dates() {
    assert_events(
        "Daniel Okoro was arrested in January 2020; \
         in March 2021 a court in Rostan sentenced him to four years in prison.",
        vec![
            ev("arrest", &[OKORO], Some("2020-01")),
            ev("sentence", &[OKORO], Some("2021-03")),
        ],
    );
}

/// A main clause and a subordinate one (`went on strike on <d1> after X was dismissed on
/// <d2>`): different subjects, each its date.
#[test]
fn main_and_subordinate_clause() {
    assert_events(
        "The Federation of Harbour Workers went on strike on 7 July 2021 \
         after Tomas Varga was dismissed on 30 June 2021.",
        vec![
            ev("strike", &[HARBOUR], Some("2021-07-07")),
            ev("dismissal", &[VARGA], Some("2021-06-30")),
        ],
    );
}

/// `X was detained on <d1>, convicted on <d2> and released on <d3>`: a list of three
/// participles, each with the date after it.
#[test]
fn three_participles_three_dates() {
    assert_events(
        "Elena Moravec was detained on 14 March 2020, convicted on 2 November 2020 \
         and released on 1 April 2021.",
        vec![
            ev("arrest", &[MORAVEC], Some("2020-03-14")),
            ev("conviction", &[MORAVEC], Some("2020-11-02")),
            ev("release", &[MORAVEC], Some("2021-04-01")),
        ],
    );
}

/// `On <d1> X was arrested, and on <d2> Y was charged`: each clause opens with its date.
#[test]
fn fronted_date_in_each_clause() {
    assert_events(
        "On 3 May 2021 Tomas Varga was arrested, and on 5 May 2021 Elena Moravec was charged.",
        vec![
            ev("arrest", &[VARGA], Some("2021-05-03")),
            ev("charge", &[MORAVEC], Some("2021-05-05")),
        ],
    );
}

/// `his`/`her` skip a person of the other sex, known from the given name (Marta, Daniel)
/// or an honorific (Ms Kostrova is a woman whatever her surname says).
#[test]
fn pronouns_skip_the_other_sex() {
    assert_events(
        "Daniel Okoro and Marta Quillen spoke to reporters in Velmara on 2 March 2021. \
         Her arrest followed on 9 March 2021.",
        vec![ev("arrest", &[QUILLEN], Some("2021-03-09"))],
    );
    assert_events(
        "Marta Quillen met Daniel Okoro in Velmara on 2 March 2021. \
         His arrest followed on 9 March 2021.",
        vec![ev("arrest", &[OKORO], Some("2021-03-09"))],
    );
}

/// `Ms`/`Mr` before a name tells the sex when the name itself does not.
#[test]
fn honorifics_tell_the_sex() {
    assert_events(
        "Tomas Varga and Ms Solvang spoke to reporters in Velmara on 2 March 2021. \
         Her arrest followed on 9 March 2021.",
        vec![ev("arrest", &[SOLVANG], Some("2021-03-09"))],
    );
}

/// `with terrorism charges`: an -s form after a modifier is a plural noun, not a verb; the
/// name after a reporting verb (`, explained X`) is the speaker, never the object.
#[test]
fn plural_noun_after_a_modifier_and_a_speaker_after_it() {
    assert_events(
        "Tomas Varga and Elena Moravec were detained on 3 May 2021. \
         Later they were slapped with sabotage charges, explained Pavel Dronov.",
        vec![
            ev("arrest", &[VARGA, MORAVEC], Some("2021-05-03")),
            // (`Later`: not the arrest's date.)
            ev("charge", &[VARGA, MORAVEC], None),
        ],
    );
}

/// `The two workers, who are members of X, were accused`: a relative clause closed before
/// the trigger tells of its head, whose names come from the text before.
#[test]
fn relative_clause_closed_before_the_trigger() {
    let got = events(
        "Tomas Varga and Elena Moravec led the strike at Brennick Steel Company in May 2021. \
         The two workers, who are members of the Federation of Harbour Workers, were \
         accused of sabotage.",
    );
    let charge: Vec<&Ev> = got.iter().filter(|e| e.event_type == "charge").collect();
    assert_eq!(charge.len(), 1, "{got:?}");
    assert_eq!(charge[0].subjects, vec![VARGA, MORAVEC], "{got:?}");
}

/// `the security service banned it`: `it` after the verb is the organisation of the
/// sentence before, not the doer before the verb.
#[test]
fn it_after_the_verb_is_the_organisation_named_before() {
    assert_events(
        "The Federation of Harbour Workers held its congress in Velmara in 2019. \
         In September 2021 the security service of Velmara banned it.",
        vec![ev("ban", &[HARBOUR], Some("2021-09"))],
    );
}

/// `X is still in Rostan Prison`, `placed in a pre-trial detention centre`: a stay in a
/// place of detention the text names is a detention, though no lexicon lists the place.
#[test]
fn a_stay_in_a_named_prison_is_a_detention() {
    assert_events(
        "Tomas Varga is still in Rostan Prison. \
         Elena Moravec was placed in a pre-trial detention centre on 3 May 2021.",
        vec![
            ev("detention", &[VARGA], None),
            ev("detention", &[MORAVEC], Some("2021-05-03")),
        ],
    );
}

/// `the strike by workers of X Company`: with no worker named, the employer is the
/// strike's subject (the acting authority never is).
#[test]
fn the_employer_of_unnamed_strikers_is_the_subject() {
    assert_events(
        "In April 2021 the strike by workers of the Brennick Steel Company spread to Rostan.",
        vec![ev("strike", &[BRENNICK], Some("2021-04"))],
    );
}

/// `the now-dissolved X`: the adjective's name is the one right after it.
#[test]
fn an_adjective_trigger_describes_the_name_after_it() {
    let got =
        events("Tomas Varga was the head of the now-dissolved Federation of Harbour Workers.");
    assert_eq!(got, vec![ev("dissolution", &[HARBOUR], None)]);
}

/// `accused them of inciting strikes`: what one is said to have stirred up is no event.
#[test]
fn incitement_is_no_event_of_its_own() {
    let got = events(
        "On 3 May 2021 prosecutors accused Tomas Varga of being a member of the Federation \
         of Harbour Workers and inciting strikes.",
    );
    assert!(got.iter().all(|e| e.event_type != "strike"), "{got:?}");
    assert!(got.iter().any(|e| e.event_type == "charge"), "{got:?}");
}

/// `accused X of being a member of Y`: a name after a preposition in the object's phrase
/// describes the object; it is not a second one.
#[test]
fn a_name_after_a_preposition_is_no_second_object() {
    let got = events(
        "On 3 May 2021 prosecutors accused Tomas Varga of being a member of the Federation \
         of Harbour Workers.",
    );
    assert_eq!(got, vec![ev("charge", &[VARGA], Some("2021-05-03"))]);
}

/// `after convicting him`: a gerund of a verb that takes its victim, with its object.
#[test]
fn a_gerund_with_its_object_is_active() {
    let got = events(
        "Tomas Varga was arrested in 2015. The authorities released him in 2016, after \
         convicting him on fabricated charges.",
    );
    let conviction: Vec<&Ev> = got
        .iter()
        .filter(|e| e.event_type == "conviction")
        .collect();
    assert_eq!(conviction.len(), 1, "{got:?}");
    assert_eq!(conviction[0].subjects, vec![VARGA], "{got:?}");
}

/// `after ten months in jail`: the time the sentence's people spent in detention, a
/// period with no date of its own.
#[test]
fn time_spent_in_jail_is_a_detention() {
    let got = events(
        "After ten months in jail, Tomas Varga and Elena Moravec were released on 3 May 2021.",
    );
    assert!(
        got.contains(&ev("detention", &[VARGA, MORAVEC], None)),
        "{got:?}"
    );
    assert!(
        got.contains(&ev("release", &[VARGA, MORAVEC], Some("2021-05-03"))),
        "{got:?}"
    );
}

/// `found ten Federation (Harbour) activists guilty`: a counted group whose modifiers hold
/// brackets stands for the people the next sentence names.
#[test]
fn a_counted_group_with_bracketed_modifiers() {
    let got = events(
        "On 3 May 2021 the court in Velmara found two Federation (Harbour Workers) activists \
         guilty of sabotage. They are Tomas Varga and Elena Moravec.",
    );
    let conviction: Vec<&Ev> = got
        .iter()
        .filter(|e| e.event_type == "conviction")
        .collect();
    assert_eq!(conviction.len(), 1, "{got:?}");
    assert_eq!(conviction[0].subjects, vec![VARGA, MORAVEC], "{got:?}");
}

/// `Two were formally charged`: a bare number before the verb stands for the group the
/// text named.
#[test]
fn a_bare_number_stands_for_the_group_named_before() {
    assert_events(
        "Tomas Varga and Elena Moravec were detained on 3 May 2021. \
         Two were formally charged on 5 May 2021.",
        vec![
            ev("arrest", &[VARGA, MORAVEC], Some("2021-05-03")),
            ev("charge", &[VARGA, MORAVEC], Some("2021-05-05")),
        ],
    );
}

/// `Five other defendants were acquitted`: an unnamed group of defendants is still an
/// event, with no subject (the others are not the one named before).
#[test]
fn unnamed_other_defendants_are_an_event_without_subjects() {
    let got = events(
        "A court in Velmara sentenced Tomas Varga to ten years on 3 May 2021. \
         Five other defendants were acquitted.",
    );
    assert!(got.contains(&ev("appeal_granted", &[], None)), "{got:?}");
    assert!(
        got.contains(&ev("sentence", &[VARGA], Some("2021-05-03"))),
        "{got:?}"
    );
}

/// `X has previously been arrested`: an earlier arrest is its own event, even when the
/// text has already mentioned the main arrest again without a date (`Varga's arrest`).
#[test]
fn a_previous_arrest_is_another_event() {
    assert_events(
        "Tomas Varga was arrested in Velmara on 3 May 2021. \
         Varga's arrest shocked his colleagues. \
         Varga has previously been arrested for his union work.",
        vec![
            ev("arrest", &[VARGA], Some("2021-05-03")),
            ev("arrest", &[VARGA], None),
        ],
    );
}

/// A long last line without a full stop (a text cut short) is a sentence, not a headline:
/// its events count even when they name no one.
#[test]
fn a_sentence_cut_short_still_reports_its_events() {
    let got = events(
        "Tomas Varga was arrested on 3 May 2021.\n\n\
         The next week dockers across the whole of the port of Velmara walked out in protest \
         against his arrest, and the federation said that it would keep up the pressure for",
    );
    assert!(got.contains(&ev("strike", &[], None)), "{got:?}");
}

/// `fired rubber bullets`, `firing tear gas`: firing a weapon is an attack, not firing
/// someone from a job.
#[test]
fn firing_a_weapon_is_an_attack_not_a_dismissal() {
    let got = events("On 3 May 2021 riot police fired tear gas at the dockers in Velmara.");
    assert!(
        got.iter().any(|e| e.event_type == "attack"),
        "no attack: {got:?}"
    );
    assert!(
        got.iter().all(|e| e.event_type != "dismissal"),
        "a dismissal: {got:?}"
    );
}

/// `arresting at least 40`: a bare quantity is the object of the verb, people nobody names.
#[test]
fn a_quantity_as_the_object_is_an_event_without_subjects() {
    assert_events(
        "On 3 May 2021 the police broke up the rally in Velmara, arresting at least 40.",
        vec![ev("arrest", &[], Some("2021-05-03"))],
    );
}

/// `filing cases against X`: the authorities bringing a case is a charge against X.
#[test]
fn filing_a_case_against_someone_is_a_charge() {
    assert_events(
        "On 3 May 2021 the prosecutor filed a criminal case against Tomas Varga.",
        vec![ev("charge", &[VARGA], Some("2021-05-03"))],
    );
}

/// `workers in the city of X`: a name after a place noun and `of` is that place, so it is
/// no organisation to hold an event.
#[test]
fn a_name_after_city_of_is_a_place() {
    let record = annotate("Dockers in the city of Quorvik walked out on 3 May 2021.");
    let quorvik = record["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .find(|m| m["surface"] == "Quorvik")
        .unwrap_or_else(|| panic!("Quorvik not found: {record}"));
    assert_eq!(quorvik["entity_type"], "place", "{record}");
    assert_eq!(
        summary(&record),
        vec![ev("strike", &[], Some("2021-05-03"))],
        "{record}"
    );
}

/// `the court began the trial of his case`: a verb that starts the noun dates it by its
/// clause, though the date stands far from the noun.
#[test]
fn a_trial_begun_on_a_day_has_that_date() {
    assert_events(
        "Tomas Varga was arrested on 3 May 2021. \
         On 20 May 2021, after weeks of delays, the regional court in Velmara began the trial of his case.",
        vec![
            ev("arrest", &[VARGA], Some("2021-05-03")),
            ev("trial", &[VARGA], Some("2021-05-20")),
        ],
    );
}

/// `the Vostok Pravdy independent media`: a name before a news outlet's noun is an
/// organisation, not a person a pronoun could stand for.
#[test]
fn a_name_before_an_outlet_noun_is_an_organisation() {
    let record = annotate(
        "Tomas Varga was arrested on 3 May 2021. \
         According to the Vostok Pravdy independent media, his trial began on 20 May 2021.",
    );
    let outlet = record["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .find(|m| m["surface"] == "Vostok Pravdy")
        .unwrap_or_else(|| panic!("Vostok Pravdy not found: {record}"));
    assert_eq!(outlet["entity_type"], "org", "{record}");
    assert!(
        summary(&record).contains(&ev("trial", &[VARGA], Some("2021-05-20"))),
        "{record}"
    );
}

/// `X (a former employee), employees of the Y company Z, and W were detained`: a bracketed
/// aside and an employer before a name do not end the list of people.
#[test]
fn a_list_goes_on_past_asides_and_employers() {
    assert_events(
        "On 3 May 2021 Tomas Varga (a former welder), employees of the Brennick Steel Company \
         Elena Moravec and Irina Solvang, and Brennick Steel Company driver Daniel Okoro were detained.",
        vec![ev(
            "arrest",
            &[VARGA, MORAVEC, SOLVANG, OKORO],
            Some("2021-05-03"),
        )],
    );
}

/// `men seized the hall and assaulted workers`: a participle after `and` that follows a
/// past verb with its object is a verb, not an adjective (`students and detained workers`).
#[test]
fn a_verb_coordinated_after_an_object_is_active() {
    let got = events("On 3 May 2021 armed men seized the dock office and assaulted workers.");
    assert_eq!(got, vec![ev("attack", &[], Some("2021-05-03"))]);
}

/// `It should be noted that X went on hunger strike`: a remark's modal does not make what
/// it reports hypothetical.
#[test]
fn a_modal_remark_does_not_block_what_it_reports() {
    assert_events(
        "It should be noted that in May 2021 Tomas Varga went on hunger strike.",
        vec![ev("hunger_strike", &[VARGA], Some("2021-05"))],
    );
}

/// `assaulted union members`: an attack on the members of the union named before is the
/// union's.
#[test]
fn union_members_stand_for_their_union() {
    assert_events(
        "The Federation of Harbour Workers has long been harassed. \
         On 3 May 2021 masked men assaulted union members in Velmara.",
        vec![ev("attack", &[HARBOUR], Some("2021-05-03"))],
    );
}

/// `Four unionists were killed this year, including X`: the named member of the group is
/// the subject, not a person named earlier.
#[test]
fn a_group_including_a_name_is_that_name() {
    let got = events(
        "Gunmen shot dead Tomas Varga on 3 May 2021. \
         Three dockers have been murdered in 2021, including Daniel Okoro, in January.",
    );
    assert!(
        got.contains(&ev("killing", &[OKORO], Some("2021"))),
        "{got:?}"
    );
    assert!(
        got.contains(&ev("killing", &[VARGA], Some("2021-05-03"))),
        "{got:?}"
    );
}

/// `attended a hearing`: a light verb before the noun; the hearing is the attendee's.
#[test]
fn attending_a_hearing_is_a_trial_event() {
    assert_events(
        "Tomas Varga, a member of the federation, attended a hearing at the Velmara court on 3 May 2021.",
        vec![ev("trial", &[VARGA], Some("2021-05-03"))],
    );
}

/// `Six leaders were arrested on Saturday ... the leader X ... his arrest`: a person's
/// undated arrest told after a group's dated one is that arrest, and names it.
#[test]
fn a_named_undated_report_joins_the_group_event() {
    assert_events(
        "Six dock leaders were arrested in dawn raids on 3 May 2021. \
         The whereabouts of the defendants were unknown. \
         A post on the page of strike leader Tomas Varga said his family announced his arrest.",
        vec![ev("arrest", &[VARGA], Some("2021-05-03"))],
    );
}

/// `the charges leveled against them`: a participle before `against` does not hide who
/// the charges are against.
#[test]
fn charges_leveled_against_them_are_theirs() {
    let got = events(
        "Tomas Varga and Elena Moravec were detained on 3 May 2021. \
         The Federation of Harbour Workers then filed a complaint and the prosecutor informed \
         the Federation of the charges leveled against them.",
    );
    assert!(
        got.iter()
            .filter(|e| e.event_type == "charge")
            .all(|e| !e.subjects.contains(&HARBOUR.to_string())),
        "{got:?}"
    );
    assert!(
        got.contains(&ev("charge", &[VARGA, MORAVEC], None)),
        "{got:?}"
    );
}

/// `A court denied X bail`, `X was refused bail`: the detention goes on.
#[test]
fn bail_denied_is_a_detention() {
    assert_events(
        "On 3 May 2021 a court in Velmara denied Tomas Varga bail. \
         Elena Moravec was refused bail on 5 May 2021.",
        vec![
            ev("detention", &[VARGA], Some("2021-05-03")),
            ev("detention", &[MORAVEC], Some("2021-05-05")),
        ],
    );
}

/// `the police arrested her lawyer and sister`: people known by a tie to someone are
/// unnamed, not the someone.
#[test]
fn a_relative_as_the_object_is_unnamed() {
    assert_events(
        "Elena Moravec was arrested on 3 May 2021. \
         On 5 May 2021 the police arrested her lawyer and sister.",
        vec![
            ev("arrest", &[MORAVEC], Some("2021-05-03")),
            ev("arrest", &[], Some("2021-05-05")),
        ],
    );
}

/// `the court lifted the detention order against X`: a restriction lifted is an appeal
/// granted.
#[test]
fn a_restriction_lifted_is_an_appeal_granted() {
    assert_events(
        "On 3 May 2021 the court lifted the preventive detention order against Tomas Varga.",
        vec![ev("appeal_granted", &[VARGA], Some("2021-05-03"))],
    );
}

/// `reported herself to the prosecutor's office and was detained to serve her sentence`: a
/// reflexive pronoun stands for its person; detained to serve a term is a detention.
#[test]
fn detained_to_serve_a_term_after_reporting_herself() {
    assert_events(
        "On 3 May 2021, Elena Moravec reported herself to the prosecutor's office in Velmara \
         and was detained to serve her two-year sentence.",
        vec![ev("detention", &[MORAVEC], Some("2021-05-03"))],
    );
}

/// `... in August. *Varga was detained on 20 September`: a footnote mark before a capital
/// opens a sentence, so the two reports stay apart.
#[test]
fn a_footnote_mark_opens_a_sentence() {
    let record = annotate(
        "Tomas Varga was arrested on 3 May 2021. *Varga was detained again on 20 September 2021.",
    );
    let evidence: Vec<&str> = record["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["sources"][0]["evidence"].as_str().expect("evidence"))
        .collect();
    assert!(
        evidence.contains(&"*Varga was detained again on 20 September 2021."),
        "{record}"
    );
}

/// A line ending with a colon introduces what follows; it is no headline, so its event
/// counts though it names no one.
#[test]
fn a_line_ending_with_a_colon_is_a_sentence() {
    assert_events(
        "Elena Moravec was released on 3 May 2021.\n\n\
         After she was bailed out, the police arrested her lawyer and sister:\n\n\
         Both were questioned for hours.",
        vec![
            ev("release", &[MORAVEC], Some("2021-05-03")),
            ev("arrest", &[], None),
        ],
    );
}

/// `was forced to dissolve`: made to do it, and done (an infinitive is otherwise no event).
#[test]
fn forced_to_dissolve_is_a_dissolution() {
    assert_events(
        "The Federation of Harbour Workers ran the port canteens until the organisation was \
         forced to dissolve in September 2020.",
        vec![ev("dissolution", &[HARBOUR], Some("2020-09"))],
    );
}

/// `her husband, X` ... `her husband, who is in jail`: a relative the text named is that
/// person, not the one whose relative they are.
#[test]
fn a_relative_named_before_is_that_person() {
    let got = events(
        "Elena Moravec visited her husband, Tomas Varga, on 3 May 2021. \
         She was arrested the same day outside the prison. \
         She had come back to see her 66-year-old husband, who is in jail for organising strikes.",
    );
    assert!(got.contains(&ev("detention", &[VARGA], None)), "{got:?}");
    assert!(
        got.iter()
            .filter(|e| e.event_type == "detention")
            .all(|e| e.subjects == vec![VARGA.to_string()]),
        "{got:?}"
    );
}

/// `rejected the appeal of the X strike committee`: a workers' committee is no authority;
/// its appeal is its own.
#[test]
fn a_strike_committee_is_a_subject_not_an_authority() {
    assert_events(
        "On 3 May 2021 the supreme court rejected the appeal of the Kestrel Port strike committee.",
        vec![ev("appeal_rejected", &[KESTREL], Some("2021-05-03"))],
    );
}

/// `his participation in the protest on 17 May, when he, along with other workers, ...`:
/// the protest is the participant's.
#[test]
fn participation_in_a_protest_is_the_participants() {
    let got = events(
        "Tomas Varga was fined on 3 May 2021. He is prosecuted over his participation in the \
         protest on 17 April 2021, when he, along with other dockers, blocked the road.",
    );
    assert!(
        got.contains(&ev("protest", &[VARGA], Some("2021-04-17"))),
        "{got:?}"
    );
}

/// `when an elderly man was being beaten up, and in response he was beaten`: an unnamed
/// person's beating and the named one's are two events.
#[test]
fn an_unnamed_victim_and_a_named_one_are_two_events() {
    let got = events(
        "Tomas Varga intervened when an elderly man was being beaten up on 3 May 2021, and in \
         response he was beaten and detained.",
    );
    assert!(
        got.contains(&ev("attack", &[], Some("2021-05-03"))),
        "{got:?}"
    );
    assert!(
        got.contains(&ev("attack", &[VARGA], Some("2021-05-03"))),
        "{got:?}"
    );
}

/// `After striking for a week in May 2021, X and Y were fired`: a fronted gerund's doers are
/// the main clause's subjects, after the comma.
#[test]
fn a_fronted_gerund_belongs_to_the_main_subject() {
    assert_events(
        "After striking for a week in May 2021, Tomas Varga and Elena Moravec were fired.",
        vec![
            ev("dismissal", &[VARGA, MORAVEC], Some("2021-05")),
            ev("strike", &[VARGA, MORAVEC], Some("2021-05")),
        ],
    );
    let got = events(
        "After protesting against the new labour code in May 2021, many dockers lost their jobs.",
    );
    assert!(
        got.contains(&ev("protest", &[], Some("2021-05"))),
        "{got:?}"
    );
}

/// `the court took the decision to dissolve X`: a decision taken is the act, though the
/// verb is an infinitive.
#[test]
fn a_decision_to_dissolve_is_a_dissolution() {
    assert_events(
        "On 3 May 2021 the court took the decision to dissolve the Federation of Harbour Workers.",
        vec![ev("dissolution", &[HARBOUR], Some("2021-05-03"))],
    );
}

/// `They demonstrated outside the court`: a group the text never named is still the doer;
/// the event has no subjects.
#[test]
fn an_unnamed_they_is_an_unnamed_group() {
    assert_events(
        "Dock workers in Velmara lost their jobs in April 2021. \
         They demonstrated outside the court on 5 May 2021.",
        vec![ev("protest", &[], Some("2021-05-05"))],
    );
}

/// `X sued the ministry`: a complaint against an authority is its filer's.
#[test]
fn a_suit_against_an_authority_is_the_filers() {
    assert_events(
        "On 3 May 2021 the Federation of Harbour Workers sued the ministry of labour.",
        vec![ev("complaint", &[HARBOUR], Some("2021-05-03"))],
    );
}

/// `Two dockers were arrested`: a counted group is never the one person named before it.
#[test]
fn a_counted_group_is_not_the_person_before() {
    assert_events(
        "Tomas Varga spoke to reporters in Velmara. \
         Two dockers were arrested on 3 May 2021.",
        vec![ev("arrest", &[], Some("2021-05-03"))],
    );
}

/// `received, respectively, four and two years prison sentences`: a light verb reaches its
/// noun across a list of terms.
#[test]
fn terms_listed_respectively_are_sentences() {
    assert_events(
        "On 3 May 2021 Tomas Varga and Elena Moravec received, respectively, four and two \
         years prison sentences.",
        vec![ev("sentence", &[VARGA, MORAVEC], Some("2021-05-03"))],
    );
}

/// `the Kestrel Port strike committee`: a trigger word inside a name is no event.
#[test]
fn a_trigger_inside_a_name_is_no_event() {
    assert_events(
        "Tomas Varga chairs the Kestrel Port strike committee in Velmara.",
        vec![],
    );
}

/// `The two union leaders were detained`: a definite count refers back to as many people
/// named before, though no one sentence names them together; `Two union leaders` are others.
#[test]
fn a_definite_count_refers_back_to_as_many_people() {
    assert_events(
        "Tomas Varga spoke in Velmara. Elena Moravec joined him there. \
         The two union leaders were detained on 3 May 2021.",
        vec![ev("arrest", &[VARGA, MORAVEC], Some("2021-05-03"))],
    );
    assert_events(
        "Tomas Varga spoke in Velmara. Elena Moravec joined him there. \
         Two union leaders were detained on 3 May 2021.",
        vec![ev("arrest", &[], Some("2021-05-03"))],
    );
}

/// `a new charge was brought against X`: a noun as a passive clause's subject, dated by its
/// clause; told apart from the first charge, it is not folded into it.
#[test]
fn a_charge_brought_against_someone_is_a_charge() {
    assert_events(
        "Tomas Varga was charged with hooliganism. \
         In November 2021 a new charge was brought against Tomas Varga.",
        vec![
            ev("charge", &[VARGA], None),
            ev("charge", &[VARGA], Some("2021-11")),
        ],
    );
}

/// `to remove X from the post of chairman`: a removal with its object inside the phrase.
#[test]
fn a_removal_from_a_post_is_a_dismissal() {
    assert_events(
        "On 5 May 2021 a decision was made to remove Tomas Varga from the post of chairman.",
        vec![ev("dismissal", &[VARGA], Some("2021-05-05"))],
    );
}

/// `the verdict was passed: X was sentenced`: the noun's clause announces the one after the
/// colon; both are X's.
#[test]
fn a_verdict_announced_before_a_colon_is_the_named_persons() {
    assert_events(
        "On 26 May 2021 the verdict was passed: Elena Moravec was sentenced to four years.",
        vec![
            ev("conviction", &[MORAVEC], Some("2021-05-26")),
            ev("sentence", &[MORAVEC], Some("2021-05-26")),
        ],
    );
}

/// `the court lifted the detention order against him`: the person a legal act's pronoun
/// stands for.
#[test]
fn a_legal_act_against_a_pronoun_is_its_antecedents() {
    assert_events(
        "Tomas Varga spent two years in Velmara. \
         On 13 May 2021 the court lifted the preventive detention order against him.",
        vec![ev("appeal_granted", &[VARGA], Some("2021-05-13"))],
    );
}

/// `detained under trumped-up charges`: a noun after `under` with a hyphenated modifier is
/// said of the clause's subject.
#[test]
fn under_trumped_up_charges_is_a_charge() {
    let r =
        annotate("On 3 May 2021 Tomas Varga was detained under trumped-up charges of rebellion.");
    let charge = only(&r, "charge");
    assert_eq!(charge["subjects"], json!([VARGA]));
}

/// `convicted X to a five-year prison term`: the term is a sentence of the verb's object.
#[test]
fn a_conviction_to_a_term_is_also_a_sentence() {
    assert_events(
        "On 3 May 2021 the court convicted Tomas Varga to a five-year prison term.",
        vec![
            ev("conviction", &[VARGA], Some("2021-05-03")),
            ev("sentence", &[VARGA], Some("2021-05-03")),
        ],
    );
}

/// `reduced the sentence of X`, `commuted her sentence`: a sentence made lighter is a
/// ruling in the person's favour, not a new sentence; `the sentence` is the one of the
/// person the clause names.
#[test]
fn a_sentence_made_lighter_is_an_appeal_granted() {
    assert_events(
        "On 3 May 2021 a court in Velmara reduced the sentence of Tomas Varga to three years.",
        vec![ev("appeal_granted", &[VARGA], Some("2021-05-03"))],
    );
    assert_events(
        "In June 2021 the authorities freed Elena Moravec after commuting the sentence to \
         probation.",
        vec![
            ev("appeal_granted", &[MORAVEC], Some("2021-06")),
            ev("release", &[MORAVEC], Some("2021-06")),
        ],
    );
}

/// `X, who was arrested on 1 May, went on hunger strike`: the relative clause's date is the
/// arrest's, not the main verb's.
#[test]
fn a_relative_clauses_date_stays_in_it() {
    assert_events(
        "Tomas Varga, who was arrested on 1 May 2021, went on a hunger strike in Velmara.",
        vec![
            ev("arrest", &[VARGA], Some("2021-05-01")),
            ev("hunger_strike", &[VARGA], None),
        ],
    );
}

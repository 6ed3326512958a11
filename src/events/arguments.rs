//! Arguments: who an event happened to, by the construction its trigger stands in
//! ([`super::constructions`]).
//!
//! The subjects are the named victims or targets: persons, or organisations for the events
//! that happen to organisations (and the employer of striking or dismissed workers when no
//! one is named); never the acting authority (`police`, `the court`, an official introduced
//! by title). A pronoun (`he`, `her`, `they`) stands for the last compatible name before
//! it; `who` for the name before it. An event that happened to an unnamed group (`eleven
//! people were jailed`, `more than 300 workers`) has no subject and is kept; one with no
//! subject at all is not.

use super::constructions::Voice;
use super::{acting_org, employer, female_in, mentions_in, official};
use crate::doc::{Doc, EntityType, Event, Mention, Span};
use crate::patterns::builtin;
use regex::Regex;
use std::sync::LazyLock;

/// Which entities an event type happens to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// Persons only.
    Persons,
    /// Organisations only.
    Orgs,
    /// Persons or organisations.
    Both,
}

/// The entities an event type takes as subjects.
pub fn takes(event_type: &str) -> Takes {
    match event_type {
        "registration_denied" | "deregistration" | "dissolution" => Takes::Orgs,
        "arrest" | "detention" | "trial" | "conviction" | "sentence" | "fine" | "release"
        | "parole" | "pardon" | "killing" | "surveillance" => Takes::Persons,
        _ => Takes::Both,
    }
}

/// An unnamed group of people.
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:people|persons|defendants|suspects|colleagues|comrades|workers|activists|protesters|protestors|demonstrators|members|leaders|unionists|trade unionists|teachers|miners|drivers|employees|students|journalists|detainees|prisoners|individuals|men|women|representatives|defenders|organi[sz]ers|strikers|participants|civilians|residents|villagers|farmers|nurses|doctors|staff|others|dozens|hundreds|thousands|several|many)\b",
    )
});

/// Whether `s` speaks of an unnamed group of people: a word of [`GROUP`], or a plural
/// noun of agents in lower case (`dockers`, `cleaners`, `electricians`, `employees`), the
/// acting authorities and plural things of the same form aside.
fn is_group(s: &str) -> bool {
    GROUP.is_match(s)
        || s.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .enumerate()
            // (Capitalised only as the first word: `Dockers walked out`.)
            .any(|(k, w)| {
                agent_plural(&w.to_lowercase()) && (k == 0 || w.chars().all(char::is_lowercase))
            })
}

/// A lower-case plural noun of people by its ending (`-ers`, `-ors`, `-ists`, `-ians`,
/// `-ees`), not one of the authorities that act on them nor a thing of that form.
fn agent_plural(w: &str) -> bool {
    const NOT_PEOPLE: &[&str] = &[
        "officers",
        "prosecutors",
        "investigators",
        "authorities",
        "soldiers",
        "rangers",
        "troopers",
        "interrogators",
        "guards",
        "jailers",
        "jailors",
        "inspectors",
        "orders",
        "papers",
        "numbers",
        "matters",
        "headquarters",
        "powers",
        "letters",
        "centers",
        "borders",
        "others",
        "corners",
        "quarters",
        "chambers",
        "layers",
        "barriers",
        "containers",
        "transfers",
        "answers",
        "offers",
        "covers",
        "waters",
        "posters",
        "banners",
        "leaflets",
        "flyers",
        "factors",
        "sectors",
        "errors",
        "terrors",
        "mirrors",
        "doors",
        "floors",
        "colors",
        "colours",
        "honors",
        "honours",
        "favors",
        "favours",
        "rumors",
        "rumours",
        "motors",
        "monitors",
        "computers",
        "filters",
        "registers",
        "meters",
        "kilometers",
        "centimeters",
        "liters",
        "towers",
        "shelters",
        "disasters",
        "members",
        "partners",
        "speakers",
        "ministers",
        "rulers",
    ];
    w.len() > 5
        && w.chars().all(|c| c.is_lowercase())
        && ["ers", "ors", "ists", "ians", "ees"]
            .iter()
            .any(|e| w.ends_with(e))
        && !NOT_PEOPLE.contains(&w)
}

/// A verb that makes a noun trigger its subject's event (`went on a hunger strike`, `held a
/// rally`, `faces charges`, `received a sentence`), just before the noun.
static LIGHT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"\b(?:went|go|goes|going|gone|been|was|were|is|are|remains?|remained|staged?|staging|held|holds?|holding|launch(?:ed|es|ing)?|start(?:ed|s|ing)?|beg[au]n|begins?|join(?:ed|s|ing)?|organi[sz](?:ed|es|ing)|led|leads?|leading|call(?:ed|s|ing)?|declared?|announced?|face[sd]?|facing|received?|receiving|got|gets?|given|serv(?:ed|es|ing)|took part in|taking part in|take part in|participated in|participating in|hit with|slapped with|brought|filed|lodged|file|lodge|suffered|granted|awarded|gave|given|handed|ordered|orders|ordering|announced|demanded|resort(?:ed)? to|resorting to|attend(?:ed|s|ing)?)(?:,\s*respectively,)?\s+(?:(?:a|an|the|his|her|their|its|new|fresh|further|several|mass|general|indefinite|national|nationwide|lengthy|long|harsh|prison|jail|\d+|one|two|three|four|five|six|seven|eight|nine|ten|years?|months?|days?|weeks?|of|to|and|or|\d+-day|[\w-]+-year)\s+){0,6}(?:[a-z]+\s+)?$|\b(?:under|on)\s+(?:(?:a|an|the|his|her|their|its|new|fresh|further|several|mass|general|indefinite|national|nationwide|lengthy|long|harsh|prison|jail|\d+|one|two|three|four|five|six|seven|eight|nine|ten|years?|months?|days?|weeks?|of|to|\d+-day|[\w-]+-year)\s+){0,5}(?:[a-z]+-[a-z-]+\s+)?$",
    )
});

/// A participle that brings a noun against its target (`leveled against`, `was brought
/// against`, `have been opened against`), up to `against`.
static AGAINST_PARTICIPLE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"^(?:(?:was|were|is|are|has|have|had|been|being|later|also|then|now|already|officially|formally)\s+){0,3}(?:leveled|levelled|brought|filed|pressed|laid|lodged|opened|initiated|instituted|launched|made)\s+",
    )
});

/// A passive verb group ending at a colon (`was passed:`, `were handed down:`).
static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"^\s*(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?\w+(?:\s+(?:down|out))?\s*:",
    )
});

/// An auxiliary at the start of a verb group (`was brought`, `have been opened`).
static AUXILIARY_START: LazyLock<Regex> =
    LazyLock::new(|| builtin(r"^(?:was|were|is|are|has|have|had)\b"));

/// A light verb before a noun trigger, its modifier no quantifier (`received any petitions`
/// is not `received a sentence`).
fn light_verb(pre: &str) -> bool {
    static QUANTIFIER: LazyLock<Regex> = LazyLock::new(|| {
        builtin(r"(?i)\b(?:any|no|some|every|each|other|such|more|those|these|many)\s+$")
    });
    LIGHT_VERB.is_match(pre) && !QUANTIFIER.is_match(pre)
}

/// A verb of judgment, its object and `to` before a term (`convicted X to a`, `condemning
/// him to`).
static CONVICTED_TO: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:convict|condemn)\w*\s+(?P<obj>[^.;:]{1,60}?)\s+to\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,5}$",
    )
});

/// The last of a list of penalties a verb gives (`was given six years in prison, banned
/// from union work and a fine of ...`).
static PENALTY_LIST: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"\b(?:given|gave|received|handed|sentenced|ordered)\b[^.;:]{0,160}(?:\band|,)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+)?$",
    )
});

/// A definite description of a person or a group named before (`the activist`, `the
/// six unionists`, `these men`).
static DESCRIBED: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:(?:the|these|those|all|both)\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?:[\w-]+\s+)?(?P<group>men|women|people|workers|activists|unionists|trade unionists|leaders|defendants|detainees|prisoners|members|employees|teachers|miners)|(?:the)\s+(?:[\w-]+\s+)?(?P<one>activist|lawyer|unionist|trade unionist|defender|journalist|teacher|chairman|chairwoman|leader|dissident|worker|prisoner|detainee|defendant))\b",
    )
});

/// A definite article or possessive right before a noun (`the trial`, `in jail`).
static DEFINITE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"(?:\b(?:the|this|that|his|her|their|its|in|after|during|from)\s+(?:[\w-]+\s+)?)$")
});

/// A counted group (`Six leaders`, `the 14 workers`, `all ten`): the people the text names
/// as that group ([`antecedent`]); an uncounted one (`hundreds of people`, `other workers`)
/// stands for no one named.
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|\d{1,2})\s+(?:[\w’'()-]+\s+){0,4}(?:men|women|people|workers|activists|unionists|trade unionists|leaders|defendants|detainees|prisoners|members|employees|teachers|miners|organi[sz]ers|representatives|defenders|students)\b",
    )
});

/// A bare number as a clause's subject (`Four were charged`, `two have already been`).
static BARE_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)(?:^\W*|,\s+(?:and|but)\s+|[^,\d]\s+and\s+)(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?:of them\s+)?(?:have|has|had|were|was|are|is)\s+(?:\w+ly\s+)?(?:been\s+)?(?:\w+ly\s+)?$",
    )
});

/// A bare number as a verb's object (`arrested at least 122`, `detained over 300.`), not
/// a time (`detained 3 days`) or a share.
static OBJECT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)^\s*(?:(?:at least|more than|over|about|around|nearly|almost|some|up to|an estimated)\s+)?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a hundred|hundreds|dozens|scores)(?:\s+(?:more|others))?(?:\s*[.,;:)]|\s+(?:in|at|on|during|after|and|for|across|from|since)\b|\s*$)",
    )
});

fn counted(doc: &Doc, si: usize, at: usize, s: &str, before: &[Event]) -> Vec<String> {
    if s.contains("other") || s.contains("Other") {
        return Vec::new();
    }
    let Some(m) = COUNTED.find(s) else {
        return Vec::new();
    };
    let ids = antecedent(doc, si, at + m.start(), "group", before);
    if !ids.is_empty() {
        return ids;
    }
    // `the two trade union leaders`: a definite count refers back to as many people, the
    // last ones the text named.
    let lead = s[..m.start()].trim_end().to_lowercase();
    let definite = ["the", "these", "those", "both", "all"].iter().any(|d| {
        lead.ends_with(d) && !lead[..lead.len() - d.len()].ends_with(char::is_alphanumeric)
    });
    let n = number_value(m.as_str().split_whitespace().next().unwrap_or(""));
    match n {
        Some(n) if definite && n >= 2 => last_persons(doc, si, at + m.start(), n),
        _ => Vec::new(),
    }
}

/// The value of a small number written in words or digits.
fn number_value(w: &str) -> Option<usize> {
    const WORDS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    let w = w.to_lowercase();
    WORDS
        .iter()
        .position(|x| *x == w)
        .map(|k| k + 2)
        .or_else(|| w.parse().ok())
}

/// The last `n` distinct people (no officials) named before byte `at` of sentence `si` or
/// in the five sentences before it, in the order the text names them; none when fewer.
fn last_persons(doc: &Doc, si: usize, at: usize, n: usize) -> Vec<String> {
    let section = doc
        .sections
        .iter()
        .find(|s| s.span.contains(doc.sentences[si]))
        .map(|s| s.span);
    let mut out: Vec<String> = Vec::new();
    for back in 0..=5.min(si) {
        let sent = doc.sentences[si - back];
        if section.is_some_and(|sec| !sec.contains(sent)) {
            break;
        }
        let end = if back == 0 { at } else { sent.end };
        let ms: Vec<&Mention> = mentions_in(doc, Span::new(sent.start, end))
            .filter(|m| m.entity_type == EntityType::Person && !official(doc, sent, m))
            .collect();
        for m in ms.iter().rev() {
            if !out.iter().any(|i| **i == *m.entity_id) {
                out.push(m.entity_id.to_string());
            }
            if out.len() == n {
                out.reverse();
                return out;
            }
        }
    }
    Vec::new()
}

/// The names a definite description in `s` (at byte `at` of the text) stands for.
fn described(doc: &Doc, si: usize, at: usize, s: &str, before: &[Event]) -> Option<Vec<String>> {
    let c = DESCRIBED.captures_iter(s).last()?;
    let whole = c.get(0)?;
    let pronoun = if c.name("group").is_some() {
        "group"
    } else {
        "he"
    };
    let ids = antecedent(doc, si, at + whole.start(), pronoun, before);
    (!ids.is_empty()).then_some(ids)
}

/// A pronoun that stands for a person or a group.
static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"\b(?:(he|He|him|his|His|himself)|(she|She|her|Her|herself)|(they|They|them|their|Their|themselves))\b",
    )
});

/// A participle clause before the trigger (`after being pardoned`, `before being
/// released`, `after having been arrested`).
static PARTICIPLE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:after|before|since|while|when|without|upon|on)\s+(?:being|having been|having|getting)\s*(?:\w+ly\s+)?$",
    )
});

/// `it`, `its`, `the union`, `the organisation`: an organisation named before (or, in a
/// fronted clause, after: `Since it was deregistered, the Confederation ...`).
static IT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:it|its|the (?:new |independent )?(?:trade )?(?:union|confederation|federation|organi[sz]ation|association|syndicate))\b",
    )
});

/// Subordinators that open a fronted clause.
static FRONTED_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)^\W*(?:since|after|when|although|though|as|before|while|because|once|until)\b[^,]*$",
    )
});

/// The organisation `it` (at byte `at`, in sentence `si`) stands for: in a fronted clause,
/// the first one after that clause; else the last one of the sentence before it or of the
/// two sentences before.
fn antecedent_org(
    doc: &Doc,
    si: usize,
    at: usize,
    trig: Span,
    ok: impl Fn(&Mention) -> bool,
) -> Option<String> {
    let sent = doc.sentences[si];
    let org = |m: &&Mention| m.entity_type == EntityType::Org && ok(m);
    if FRONTED_CLAUSE.is_match(&doc.text[sent.start..at])
        && let Some(c) = doc.text[trig.end..sent.end].find(", ")
    {
        let from = trig.end + c + 2;
        if let Some(m) = mentions_in(doc, Span::new(from, sent.end)).find(org) {
            return Some(m.entity_id.to_string());
        }
    }
    if let Some(m) = mentions_in(doc, Span::new(sent.start, at))
        .filter(org)
        .last()
    {
        return Some(m.entity_id.to_string());
    }
    org_in_sentences_before(doc, si, org).map(|m| m.entity_id.to_string())
}

/// The last organisation passing `org` in the two sentences before sentence `si`.
fn org_in_sentences_before(
    doc: &Doc,
    si: usize,
    org: impl Fn(&&Mention) -> bool,
) -> Option<&Mention> {
    (1..=2)
        .map_while(|back| si.checked_sub(back).and_then(|i| doc.sentences.get(i)))
        .find_map(|&prev| mentions_in(doc, prev).filter(&org).last())
}

/// The members of a union as a whole (`assaulted union members`, `members of the union`):
/// a union-level event, its subject the union named in the sentence or the two before.
static UNION_MEMBERS: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:(?:the )?union(?:’s|'s)? members|its members|members of (?:the|its|their) union)\b",
    )
});

/// The union that `union members` in sentence `si` before byte `at` stands for.
fn members_union(
    doc: &Doc,
    si: usize,
    at: usize,
    ok: impl Fn(&Mention) -> bool,
) -> Option<&Mention> {
    let union = |m: &&Mention| m.entity_type == EntityType::Org && ok(m) && !employer(doc, m);
    let sent = doc.sentences[si];
    mentions_in(doc, Span::new(sent.start, at))
        .filter(union)
        .last()
        .or_else(|| org_in_sentences_before(doc, si, union))
}

/// A list of names that a group introduces (`20 leaders, including X and Y`).
static INCLUDING: LazyLock<Regex> =
    LazyLock::new(|| builtin(r"(?i)\b(?:including|among them|among whom|namely|such as)\b"));

/// A verb that reports the noun after it as done in its clause (`ordered the dissolution
/// of`, `announced the arrest of`).
static REPORTING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:order(?:ed|s)?|announc(?:ed|es)|decided|approv(?:ed|es)|confirm(?:ed|s)|carried out|conduct(?:ed|s)|launch(?:ed|es)|stag(?:ed|es)|imposed|issued|upheld)\s+(?:the|a|an|its|their|his|her)\s+(?:[\w-]+\s+)?$",
    )
});

/// A court's act as the object of a verb (`the decision`, `the lower court's verdict`).
static LEGAL_ACT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)^\s*(?:the|this|that|its|an?|both)\s+(?:[\w'’-]+\s+){0,2}?(?:decisions?|verdicts?|sentences?|convictions?|rulings?|judge?ments?|punishments?|penalt(?:y|ies))\b",
    )
});

/// A counted or described group and the names that make it up (`two trade unions,
/// namely the`, `three activists, including`).
static NAMELY: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)^(?:[\w'’-]+\s+){0,5}[\w'’-]+,?\s+(?:namely|including|among them|such as|i\.e\.)\s+(?:the\s+)?$",
    )
});

/// What stands between a verb and a name that is not its object: a preposition, a clause,
/// a reporting verb (`..., explained Farooq Tariq`).
static OBJECT_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)(?:[.;:]|\b(?:against|about|over|for|with|after|before|because|of|to|into|from|at|in|on)\b|,\s*(?:\w+\s+)?(?:said|says|explained|explains|added|adds|told|tells|noted|notes|stated|states|wrote|writes|reported|reports|according)\b)",
    )
});

/// The preposition before the object of a verb phrase (`refused registration of X`).
static PHRASE_OBJECT: LazyLock<Regex> =
    LazyLock::new(|| builtin(r"(?i)^\s*(?:of|to|for|against)\s+(?:the\s+|its\s+|their\s+)?$"));

/// A legal act as the object of a verb, followed by its person (`the conviction and
/// sentence of X`).
static LEGAL_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)^\s*(?:the|a|an|his|her|their|its)\s+(?:[\w-]+\s+)?(?:conviction|sentence|verdict|decision|ruling|appeal|case|detention|arrest|release|registration|activities|application|charges?|order|complaint|lawsuit)(?:\s+and\s+(?:[\w-]+\s+)?\w+)?(?:\s+[\w-]+)?\s+(?:of|against|for)\s+(?:the\s+)?$",
    )
});

/// Where the object of an active trigger ends: the next clause.
static AFTER_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)(?:,\s+(?:and|but|while|which|who|whose|where|although|though)\b|\s(?:because|after|before|when|while|where|although|though|since|but)\s|:\s)",
    )
});

/// A non-restrictive relative clause that closed before the trigger (`, who are members of
/// X, were`).
static REL_CLOSED: LazyLock<Regex> =
    LazyLock::new(|| builtin(r"(?i),\s*(?:who|whose|which)\b[^;:()]*,\s*(?:[a-z]+\s+){0,4}$"));

/// Words that end the subject's part of a clause before a passive trigger.
static SUBJECT_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)(?:;|:|\bthat\b|\bsaid\b|\bsays\b|\btold\b|\breported\b|\bwhile\b|\bwhen\b|\bafter\b|\bbefore\b|\bbecause\b|\bsince\b|\bas\b)",
    )
});

/// The subjects of an event and whether it happened to an unnamed group; `None` when the
/// trigger names no one.
pub struct Subjects {
    /// Entity ids, in text order.
    pub ids: Vec<String>,
    /// Found through a pronoun or `who`.
    pub from_pronoun: bool,
    /// A noun trigger that a verb makes a clause's event (`courts granted X parole`, `X
    /// went on hunger strike`): it takes the clause's date.
    pub clausal: bool,
}

fn allowed(doc: &Doc, sent: Span, m: &Mention, takes: Takes) -> bool {
    match m.entity_type {
        EntityType::Person => takes != Takes::Orgs && !official(doc, sent, m),
        EntityType::Org => takes != Takes::Persons && !acting_org(doc, m),
        EntityType::Place => false,
    }
}

/// Roles between an organisation and a person that make the organisation the person's
/// affiliation (`KNPRK president Larisa Kharkova`), not a subject beside them.
static AFFILIATION: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)^(?:['’]s)?\)?\s*(?:(?:deputy|vice|former|acting|general|co-)\s*)?(?:president|chair(?:man|woman|person)?|leader|head|secretary|secretary-general|general secretary|member|members|activist|activists|lawyer|director|founder|organi[sz]er|representative|coordinator|spokes(?:man|woman|person))(?:\s+and\s+\w+)?\s*,?\s*$",
    )
});

fn ids_of<'a>(text: &str, ms: impl Iterator<Item = &'a Mention>) -> Vec<String> {
    let ms: Vec<&Mention> = ms.collect();
    let mut out: Vec<String> = Vec::new();
    for (k, m) in ms.iter().enumerate() {
        // `X president Y`, `X (XY) president Y`: Y's, not X's.
        if m.entity_type == EntityType::Org {
            let mut last = *m;
            let mut j = k + 1;
            while let Some(n) = ms.get(j)
                && n.entity_id == m.entity_id
            {
                last = n;
                j += 1;
            }
            if let Some(n) = ms.get(j)
                && n.entity_type == EntityType::Person
                && n.span.start >= last.span.end
                && n.span.start - last.span.end < 60
                && AFFILIATION.is_match(&text[last.span.end..n.span.start])
            {
                continue;
            }
        }
        if !out.iter().any(|x| **x == *m.entity_id) {
            out.push(m.entity_id.to_string());
        }
    }
    out
}

/// The person or group a pronoun before `at` in sentence `si` stands for: the last
/// compatible name before it in the sentence, else in the two sentences before.
fn antecedent(doc: &Doc, si: usize, at: usize, pronoun: &str, before: &[Event]) -> Vec<String> {
    let sent = doc.sentences[si];
    let fem = matches!(pronoun, "she" | "She" | "her" | "Her" | "herself");
    let plural = matches!(
        pronoun,
        "they" | "They" | "them" | "their" | "Their" | "themselves" | "group"
    );
    if plural {
        // The last group the text named: the subjects of the latest event of several, else
        // the latest sentence naming several people, else (a group the text names next:
        // `Six leaders were jailed. They are X, Y, ...`) the next such sentence.
        if let Some(e) = before.iter().rev().find(|e| e.subjects.len() > 1) {
            return e.subjects.clone();
        }
        let section = doc
            .sections
            .iter()
            .find(|s| s.span.contains(sent))
            .map(|s| s.span);
        let several = |s: Span| -> Option<Vec<String>> {
            let ids = ids_of(
                &doc.text,
                mentions_in(doc, s)
                    .filter(|m| m.entity_type == EntityType::Person && !official(doc, s, m)),
            );
            (ids.len() > 1).then_some(ids)
        };
        for back in 1..=si {
            let prev = doc.sentences[si - back];
            if section.is_some_and(|sec| !sec.contains(prev)) {
                break;
            }
            if let Some(ids) = several(prev) {
                return ids;
            }
        }
        for next in si + 1..(si + 4).min(doc.sentences.len()) {
            if let Some(ids) = several(doc.sentences[next]) {
                return ids;
            }
        }
    }
    // A counted or described group (`two workers`, `the detainees`) is never one person.
    if pronoun == "group" {
        return Vec::new();
    }
    let fits = |m: &Mention, s: Span| {
        m.entity_type == EntityType::Person
            && !official(doc, s, m)
            && (plural || female_in(doc, m).is_none_or(|f| f == fem))
    };
    let here: Vec<&Mention> = mentions_in(doc, Span::new(sent.start, at))
        .filter(|m| fits(m, sent))
        .collect();
    if let Some(m) = here.last() {
        return vec![m.entity_id.to_string()];
    }
    let section = doc
        .sections
        .iter()
        .find(|s| s.span.contains(sent))
        .map(|s| s.span);
    for back in 1..=5 {
        let Some(&prev) = si.checked_sub(back).and_then(|i| doc.sentences.get(i)) else {
            break;
        };
        if section.is_some_and(|sec| !sec.contains(prev)) {
            break;
        }
        let found: Vec<&Mention> = mentions_in(doc, prev).filter(|m| fits(m, prev)).collect();
        if plural && found.len() > 1 {
            return ids_of(&doc.text, found.into_iter());
        }
        // The sentence's first person: its subject, most often.
        if let Some(m) = found.first() {
            return vec![m.entity_id.to_string()];
        }
    }
    Vec::new()
}

/// The mentions just before `at` joined by list separators (`A, B and C`), nearest last.
fn group_before(
    doc: &Doc,
    region: Span,
    at: usize,
    ok: impl Fn(&Mention) -> bool,
) -> Vec<&Mention> {
    let ms: Vec<&Mention> = mentions_in(doc, region)
        .filter(|m| m.span.end <= at && m.entity_type != EntityType::Place)
        .collect();
    let mut out: Vec<&Mention> = Vec::new();
    let mut end = at;
    let mut skip_to: Option<usize> = None;
    for (k, m) in ms.iter().enumerate().rev() {
        // An organisation in a person's apposition (`X, leader of the Y union (FEWU),
        // was attacked`) is X's affiliation: the list goes on from X.
        if let Some(p) = skip_to {
            if k > p {
                continue;
            }
            skip_to = None;
            end = m.span.end;
        } else if m.entity_type == EntityType::Org
            && let Some(p) = ms[..k]
                .iter()
                .rposition(|p| p.entity_type == EntityType::Person)
            && APPOSED_ROLE.is_match(&doc.text[ms[p].span.end..m.span.start])
            && out.is_empty()
        {
            skip_to = Some(p);
            continue;
        }
        // (A mention overlapping the one after it is part of that one.)
        if m.span.end > end {
            continue;
        }
        let gap = &doc.text[m.span.end..end];
        // An organisation right before a person of the list, a role at most between, says
        // where they work (`MTZ worker X`, `employees of the Belarusian Railroad X and Y`).
        if m.entity_type == EntityType::Org
            && out
                .first()
                .is_some_and(|f| f.entity_type == EntityType::Person)
            && ROLE_GAP.is_match(gap)
        {
            end = m.span.start;
            continue;
        }
        let joined = out.is_empty() || is_list_gap(gap);
        // A list is of one kind: `the chairman of X, Y` is Y.
        if !joined || out.first().is_some_and(|f| f.entity_type != m.entity_type) {
            break;
        }
        // A name after a preposition modifies another (`leader of the FEWU`, `workers from
        // X`): not a subject.
        if ok(m) && !after_preposition(&doc.text, m.span.start) {
            out.push(m);
        }
        end = m.span.start;
    }
    out.reverse();
    out
}

/// The start of a person's apposition up to an organisation (`, leader of the`, `, a
/// member of the local branch of`).
static APPOSED_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)^\s*,\s*(?:(?:a|an|the)\s+)?(?:(?:former|deputy|vice|acting|general|co-|local|regional|national|prominent|veteran)\s*)*(?:president|chair(?:man|woman|person)?|leader|head|secretary|secretary-general|member|activist|lawyer|director|founder|organi[sz]er|representative|coordinator|spokes(?:man|woman|person)|inspector|employee|worker)s?\b[^.;:,]{0,100}$",
    )
});

/// Whether a preposition (and an article) stands right before byte `at`.
fn after_preposition(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let before = before
        .strip_suffix(" the")
        .or_else(|| before.strip_suffix(" its"))
        .or_else(|| before.strip_suffix(" their"))
        .unwrap_or(before);
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        last,
        "of" | "at"
            | "from"
            | "for"
            | "with"
            | "in"
            | "by"
            | "to"
            | "on"
            | "against"
            | "about"
            | "into"
            | "under"
            | "near"
            | "outside"
    )
}

/// Up to three lower-case words between an organisation and a person (`MTZ worker X`).
static ROLE_GAP: LazyLock<Regex> = LazyLock::new(|| builtin(r"^\s(?:[a-z][\w’'-]*\s){0,3}$"));

/// An object known by a tie to someone (`her lawyer`, `his two brothers`, `their
/// families`): people the text does not name.
static KIN_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"^\s*(?:his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:lawyers?|attorneys?|sisters?|brothers?|wife|wives|husbands?|sons?|daughters?|mothers?|fathers?|parents|family|families|relatives|children|child|cousins?|nephews?|nieces?|friends?|colleagues?|assistants?|drivers?|bodyguards?|supporters|aides?)\b",
    )
});

/// A relative described by the tie (`her husband`, `his 30-year-old son`).
static KIN: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"\b(?:his|her|their|His|Her|Their)\s+(?:[\w-]+\s+)?(husband|wife|son|daughter|brother|sister|father|mother)\b",
    )
});

/// How far back (bytes) a relative's introduction is looked for.
const KIN_REACH: usize = 20_000;

/// The person the text introduced by a tie (`her husband, Lee Cheuk Yan`, `his son Ali`)
/// in the [`KIN_REACH`] bytes before byte `at`: the last one so introduced.
fn kin_named<'a>(doc: &'a Doc, at: usize, kin: &str) -> Option<&'a Mention> {
    let text = &doc.text;
    mentions_in(doc, Span::new(at.saturating_sub(KIN_REACH), at))
        .filter(|m| m.entity_type == EntityType::Person)
        .filter(|m| {
            let lead =
                &text[floor_at(text, m.span.start.saturating_sub(kin.len() + 3))..m.span.start];
            let lead = lead.trim_end().trim_end_matches(',');
            lead.ends_with(kin)
        })
        .last()
}

/// A part taken in an event (`his participation in the protest`, `their role in the
/// strike`): the possessor took part.
static PART_IN: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"\b(his|her|their|His|Her|Their)\s+(?:alleged\s+|active\s+)?(?:participation|involvement|role|part)\s+in\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$",
    )
});

/// One person the text does not name, as a clause's subject (`an elderly man was`, `a
/// young worker has been`).
static SOMEONE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)(?:^\s*|[,;]\s+|\b(?:when|after|as|while|and)\s+)(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:man|woman|worker|student|activist|protester|protestor|demonstrator|journalist|teacher|miner|driver|employee|unionist|trade unionist|boy|girl|youth|person|farmer|nurse|doctor|lawyer|passer-by|bystander|resident)\s+(?:(?:was|were|has|had|is)\s+)?(?:(?:been|being|also|later|reportedly|allegedly)\s+)*$",
    )
});

/// A sentence that opens with a preposition before a gerund (`After protesting`, `While
/// striking`).
static FRONTED_GERUND: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"^\W*(?:After|Before|While|Since|Following|Despite|For|By|When)\s+(?:\w+ly\s+)?$")
});

/// A bracketed aside.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| builtin(r"\s*\([^()]{0,80}\)"));

/// `first` and the mentions of `rest` that follow it as one list, each joined to the one
/// before by a gap that `joins` accepts (a mention overlapping the one before ends it).
fn list_from<'a>(
    text: &str,
    first: &'a Mention,
    rest: &[&'a Mention],
    joins: impl Fn(&Mention, &str) -> bool,
) -> Vec<&'a Mention> {
    let mut list = vec![first];
    for &m in rest {
        let end = list[list.len() - 1].span.end;
        if end > m.span.start || !joins(m, &text[end..m.span.start]) {
            break;
        }
        list.push(m);
    }
    list
}

/// A plain list gap: a comma, `and`, `, and`, `&`.
fn and_gap(gap: &str) -> bool {
    matches!(gap.trim(), "," | "and" | ", and" | "&")
}

/// Whether the text between two names joins them in a list (`, `, ` and `, roles).
fn is_list_gap(gap: &str) -> bool {
    // A bracketed aside says something of the name before it (`X (a former employee), Y`).
    let unbracketed;
    let gap = if gap.contains('(') {
        unbracketed = BRACKETED.replace_all(gap, "");
        unbracketed.as_ref()
    } else {
        gap
    };
    let g = gap.trim();
    let words = g.split_whitespace().count();
    g.is_empty()
        || matches!(g, "," | "and" | ", and" | "&" | "or" | ";")
        || (g.len() < 40 && !g.contains(['.', ';', ':']) && !SUBJECT_BREAK.is_match(g) && words <= 5)
        // An apposition between two names of a list (`X, deputy chair of ..., and Mr. Y`).
        || (words <= 16
            && !g.contains([';', ':'])
            && !SUBJECT_BREAK.is_match(g)
            && (g.ends_with(" and")
                || g.ends_with(" and Mr.")
                || g.ends_with(" and Ms.")
                || g.ends_with(" and Mr")
                || g.ends_with(" and Ms")))
}

/// The subjects of an event of type `etype` whose trigger `trig` (in clause `clause` of
/// sentence `si`) stands in construction `voice`.
#[allow(clippy::too_many_arguments)]
pub fn subjects(
    doc: &Doc,
    si: usize,
    clause: Span,
    trig: Span,
    voice: Voice,
    etype: &str,
    events_before: &[Event],
    topic: &[String],
) -> Option<Subjects> {
    let sent = doc.sentences[si];
    let text = &doc.text;
    let tk = takes(etype);
    // The employer of striking or dismissed workers is their event's subject when no
    // worker is named.
    let employer_ok = matches!(etype, "strike" | "dismissal");
    let ok = |m: &Mention| {
        allowed(doc, sent, m, tk)
            || (employer_ok && m.entity_type == EntityType::Org && employer(doc, m))
    };
    let named = |ids: Vec<String>, from_pronoun: bool| {
        Some(Subjects {
            ids,
            from_pronoun,
            clausal: false,
        })
    };
    let clausal = |s: Option<Subjects>| s.map(|s| Subjects { clausal: true, ..s });
    // The part of the clause before the trigger where its subject stands.
    let before_start = {
        let s = &text[clause.start..trig.start];
        SUBJECT_BREAK
            .find_iter(s)
            .last()
            .map_or(clause.start, |m| clause.start + m.end())
    };
    // `The six workers, who are members of X and Y, were accused`: a relative clause closed
    // before the trigger says something of its head; the subject is the head.
    let before_end = REL_CLOSED
        .find(&text[before_start..trig.start])
        .map_or(trig.start, |m| before_start + m.start());
    let before = Span::new(before_start, before_end);
    let subject_before = |lookup_who: bool| -> Option<Subjects> {
        let g = group_before(doc, before, before.end, ok);
        if !g.is_empty() {
            return named(ids_of(text, g.into_iter()), false);
        }
        let mut s = &text[before.start..before.end];
        // `X was released after being pardoned`: the subject of the clause it depends on.
        if before.start > clause.start
            && PARTICIPLE_CLAUSE.is_match(
                &text
                    [floor_at(text, before.start.saturating_sub(12).max(clause.start))..trig.start],
            )
        {
            let whole = Span::new(clause.start, before.start);
            let g = group_before(doc, whole, before.start, ok);
            if let Some(first) = g.first() {
                return named(vec![first.entity_id.to_string()], false);
            }
            s = &text[clause.start..before.end];
        }
        // `X, who was arrested`: the name before `who`.
        if lookup_who && let Some(w) = s.rfind("who ") {
            let at = before.start + w;
            let g = group_before(doc, Span::new(sent.start, at), at, ok);
            if !g.is_empty() {
                return named(ids_of(text, g.into_iter()), true);
            }
        }
        // `her husband, who is in jail`: the person the text named as her husband.
        if let Some(k) = KIN.captures_iter(s).last()
            && let (Some(whole), Some(kin)) = (k.get(0), k.get(1))
            && tk != Takes::Orgs
            && let Some(m) = kin_named(doc, before.start + whole.start(), kin.as_str())
        {
            return named(vec![m.entity_id.to_string()], true);
        }
        if let Some(p) = PRONOUN.find_iter(s).last() {
            let ids = antecedent(doc, si, before.start + p.start(), p.as_str(), events_before);
            if !ids.is_empty() {
                return named(ids, true);
            }
            // `They are suing the police`: a group the text never named (protesters, the
            // strikers) as the clause's subject.
            if voice != Voice::Nominal
                && matches!(p.as_str(), "They" | "they")
                && s[p.end()..].split_whitespace().count() <= 3
            {
                return named(Vec::new(), false);
            }
        }
        if tk != Takes::Persons
            && let Some(p) = IT.find_iter(s).last()
        {
            let at = before.start + p.start();
            if let Some(id) = antecedent_org(doc, si, at, trig, ok) {
                return named(vec![id], true);
            }
        }
        if let Some(ids) = described(doc, si, before.start, s, events_before) {
            return named(ids, true);
        }
        if tk != Takes::Persons
            && let Some(u) = UNION_MEMBERS.find(s)
            && let Some(m) = members_union(doc, si, before.start + u.start(), ok)
        {
            return named(vec![m.entity_id.to_string()], true);
        }
        if is_group(s) {
            // `Four unionists were murdered in 2007, including X`: the names the group is
            // said to include, before any group named earlier.
            {
                let rest = &text[trig.end..sent.end];
                if let Some(inc) = INCLUDING.find(rest) {
                    let from = trig.end + inc.end();
                    let listed: Vec<&Mention> = mentions_in(doc, Span::new(from, sent.end))
                        .filter(|m| ok(m))
                        .collect();
                    if let Some(first) = listed.first()
                        && text[from..first.span.start].trim().is_empty()
                    {
                        let list = list_from(text, first, &listed[1..], |_, gap| is_list_gap(gap));
                        return named(ids_of(text, list.into_iter()), false);
                    }
                }
            }
            return named(counted(doc, si, before.start, s, events_before), false);
        }
        // `an elderly man was being beaten up`: someone the text does not name.
        if tk != Takes::Orgs && SOMEONE.is_match(s) {
            return named(Vec::new(), false);
        }
        // `Four were formally charged`, `two have already been sentenced`: a bare number
        // stands for the group the text named.
        if let Some(m) = BARE_COUNT.find(s) {
            let ids = antecedent(doc, si, before.start + m.start(), "group", events_before);
            return named(ids, false);
        }
        None
    };
    // `the trial started on 9 November`, `after three years in jail`: a definite noun with
    // nobody in its sentence speaks of the people the text is about.
    let on_topic = || -> Option<Subjects> {
        let pre = text[floor_at(text, trig.start.saturating_sub(12).max(sent.start))..trig.start]
            .to_lowercase();
        let definite = DEFINITE.is_match(&pre);
        let nobody = mentions_in(doc, sent).all(|m| m.entity_type != EntityType::Person);
        // `released X after ... changing the sentence to probation`: a ruling on a
        // definite noun is about the last person before it in its sentence.
        if definite
            && !nobody
            && matches!(etype, "appeal_granted" | "appeal_rejected")
            && let Some(m) = mentions_in(doc, Span::new(sent.start, trig.start))
                .filter(|m| m.entity_type == EntityType::Person && !official(doc, sent, m) && ok(m))
                .last()
        {
            return Some(Subjects {
                ids: vec![m.entity_id.to_string()],
                from_pronoun: true,
                clausal: false,
            });
        }
        (definite && nobody && !topic.is_empty()).then(|| Subjects {
            ids: topic.to_vec(),
            from_pronoun: true,
            clausal: false,
        })
    };
    let after_region = |from: usize| {
        // The rest of the sentence up to the next clause (brackets do not end it), and the
        // list segments after a `;` (`sentenced A to 15 years; B and C, to 14 years`).
        let rest = &text[from..sent.end];
        let end = AFTER_BREAK
            .find(rest)
            .map_or(sent.end, |m| from + m.start());
        Span::new(from, end.max(clause.end.min(sent.end)).min(sent.end))
    };
    let subject_after = |from: usize| -> Option<Subjects> {
        let region = after_region(from);
        let ms: Vec<&Mention> = mentions_in(doc, region).filter(|m| ok(m)).collect();
        // The object follows the verb directly (`sentenced X and Y`, `arrested 20 leaders,
        // including X`), not after a phrase of its own (`dismissed all charges against X`).
        let phrase = text[trig.start..trig.end].contains(' ');
        let direct = ms.first().is_some_and(|m| {
            let gap = &text[from..m.span.start];
            INCLUDING.is_match(gap)
                || (gap.split_whitespace().count() <= 7 && !OBJECT_BREAK.is_match(gap))
                // A verb with its noun takes the name after `of`, `to`, `for` (`refused
                // registration of X`).
                || (phrase && PHRASE_OBJECT.is_match(gap))
                // `upheld the conviction and sentence of X`, `lifted the detention order
                // against X`.
                || LEGAL_OBJECT.is_match(gap)
        });
        if direct {
            // A name after a preposition modifies another (`X, a member of Y`, `workers
            // of Y`): not an object.
            let objects = ms
                .iter()
                .enumerate()
                .filter(|(k, m)| *k == 0 || !after_preposition(text, m.span.start))
                .map(|(_, m)| *m);
            return named(ids_of(text, objects), false);
        }
        let s = &text[region.start..region.end];
        let first = s
            .trim_start()
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let near = &s[..floor(s, s.len() - s.trim_start().len() + first.len())];
        // `arrested her lawyer and sister`: people known by their tie to someone, unnamed.
        if KIN_OBJECT.is_match(s) {
            return named(Vec::new(), false);
        }
        // `lifted the detention order against him`: the pronoun the legal act is about.
        if let Some(p) = PRONOUN.find(&s[..floor(s, 80)])
            && LEGAL_OBJECT.is_match(&s[..p.start()])
        {
            let ids = antecedent(doc, si, region.start + p.start(), p.as_str(), events_before);
            if !ids.is_empty() {
                return named(ids, true);
            }
        }
        if let Some(p) = PRONOUN.find(near) {
            let ids = antecedent(doc, si, region.start + p.start(), p.as_str(), events_before);
            if !ids.is_empty() {
                return named(ids, true);
            }
        }
        // `the KGB blacklisted it`: an organisation of the sentences before (the one
        // before the verb in its own sentence is the doer).
        if tk != Takes::Persons
            && matches!(first, "it" | "them")
            && let Some(m) = org_in_sentences_before(doc, si, |m: &&Mention| {
                m.entity_type == EntityType::Org && ok(m)
            })
        {
            return named(vec![m.entity_id.to_string()], true);
        }
        let near = &s[..floor(s, 60)];
        if let Some(ids) = described(doc, si, region.start, near, events_before) {
            return named(ids, true);
        }
        if tk != Takes::Persons
            && let Some(u) = UNION_MEMBERS.find(near)
            && let Some(m) = members_union(doc, si, region.start + u.start(), ok)
        {
            return named(vec![m.entity_id.to_string()], true);
        }
        if is_group(near) {
            return named(counted(doc, si, region.start, near, events_before), false);
        }
        // `arresting at least 122`, `detained more than 300`: a number as the object is
        // people nobody names.
        if OBJECT_COUNT.is_match(near) {
            return named(Vec::new(), false);
        }
        None
    };
    let found = match voice {
        Voice::State => subject_before(true)
            .or_else(|| {
                // `released after ten months in jail`: the time the sentence's person
                // spent there.
                let lead = &text
                    [floor_at(text, trig.start.saturating_sub(60).max(sent.start))..trig.start];
                if !super::SPENT.is_match(lead) {
                    return None;
                }
                // (The first person of the sentence and those listed with them.)
                let people: Vec<&Mention> = mentions_in(doc, sent)
                    .filter(|m| m.entity_type == EntityType::Person && ok(m))
                    .collect();
                if let Some(first) = people.first() {
                    let list = list_from(text, first, &people[1..], |_, gap| and_gap(gap));
                    return named(ids_of(text, list.into_iter()), false);
                }
                let s = &text[sent.start..trig.start];
                let p = PRONOUN.find(s)?;
                let ids = antecedent(doc, si, sent.start + p.start(), p.as_str(), events_before);
                if ids.is_empty() {
                    return None;
                }
                named(ids, true)
            })
            .or_else(on_topic),
        Voice::Passive | Voice::Agentive => subject_before(true).or_else(|| {
            // `striking workers of X`, `a strike at X`: the organisation after it.
            if tk != Takes::Persons && matches!(etype, "strike" | "protest" | "dismissal") {
                let region = Span::new(trig.end, (trig.end + 80).min(clause.end).max(trig.end));
                let ms: Vec<&Mention> = mentions_in(doc, region)
                    .filter(|m| m.entity_type == EntityType::Org && !acting_org(doc, m))
                    .collect();
                if !ms.is_empty() {
                    return named(ids_of(text, ms.into_iter()), false);
                }
            }
            // `After protesting against the election in August, many workers were ...`: a
            // fronted gerund's doer is the main clause's subject, after the comma.
            if voice == Voice::Agentive
                && FRONTED_GERUND.is_match(&text[sent.start..trig.start])
                && let Some(comma) = text[trig.end..sent.end].find(", ")
            {
                let from = trig.end + comma + 2;
                let main = &text[from..floor_at(text, (from + 60).min(sent.end))];
                let head = Span::new(from, floor_at(text, (from + 60).min(sent.end)));
                let ms: Vec<&Mention> = mentions_in(doc, head).collect();
                if let Some(&m) = ms.first()
                    && text[from..m.span.start].trim().is_empty()
                    && ok(m)
                {
                    let list = list_from(text, m, &ms[1..], |n, gap| ok(n) && and_gap(gap));
                    return named(ids_of(text, list.into_iter()), false);
                }
                let np = main.split([',', ';']).next().unwrap_or("");
                let np_words: Vec<&str> = np.split_whitespace().take(4).collect();
                if is_group(&np_words.join(" ")) {
                    return named(Vec::new(), false);
                }
                if let Some(p) = PRONOUN.find(&np[..floor(np, 5)]) {
                    let ids = antecedent(doc, si, from + p.start(), p.as_str(), events_before);
                    if !ids.is_empty() {
                        return named(ids, true);
                    }
                }
            }
            None
        }),
        Voice::Active => subject_after(trig.end)
            // `They are suing the police`: a complaint against an authority is its filer's.
            .or_else(|| {
                (etype == "complaint")
                    .then(|| subject_before(true))
                    .flatten()
            })
            .or_else(|| {
                // `the appeals court upheld the decision`: the decision about the people the
                // text is about.
                let after = &text[trig.end..floor_at(text, (trig.end + 60).min(sent.end))];
                let nobody = mentions_in(doc, sent)
                    .all(|m| m.entity_type != EntityType::Person || official(doc, sent, m));
                (LEGAL_ACT.is_match(after) && nobody && !topic.is_empty()).then(|| Subjects {
                    ids: topic.to_vec(),
                    from_pronoun: true,
                    clausal: false,
                })
            }),
        Voice::Nominal => {
            // `the now-dissolved X`: an adjective noun before the name it describes.
            if text[trig.start..trig.end].ends_with("ed")
                && let Some(m) = mentions_in(doc, Span::new(trig.end, sent.end)).next()
                && text[trig.end..m.span.start].trim().is_empty()
                && ok(m)
            {
                return Some(Subjects {
                    ids: vec![m.entity_id.to_string()],
                    from_pronoun: false,
                    clausal: false,
                });
            }
            // `a court ordered the dissolution of X`: the verb reports it, with its date.
            let reported = REPORTING_VERB.is_match(
                &text[floor_at(text, trig.start.saturating_sub(40).max(before.start))..trig.start],
            );
            let named = |ids: Vec<String>, p: bool| {
                let s = named(ids, p);
                if reported { clausal(s) } else { s }
            };
            // `X faced charges of hooliganism`, `X went on a hunger strike against ...`: the
            // noun is said of the clause's subject; what follows it is its content.
            let pre_lower = text[before.start..trig.start].to_lowercase();
            let possessed = pre_lower.split_whitespace().rev().take(2).any(|w| {
                matches!(w, "his" | "her" | "their" | "its")
                    || w.ends_with("'s")
                    || w.ends_with("’s")
            });
            if !possessed
                && light_verb(&pre_lower)
                && let Some(found) = clausal(subject_before(true)).filter(|f| !f.ids.is_empty())
            {
                return Some(found);
            }
            // `his participation in the protest`: the one taking part.
            if let Some(c) = PART_IN.captures(
                &text[floor_at(text, trig.start.saturating_sub(60).max(sent.start))..trig.start],
            ) && let Some(p) = c.get(1)
            {
                let at = trig.start.saturating_sub(60).max(sent.start);
                let ids = antecedent(doc, si, floor_at(text, at), p.as_str(), events_before);
                if !ids.is_empty() {
                    return named(ids, true);
                }
            }
            let tail = &text[trig.end..sent.end];
            // `the verdict was passed: X was sentenced to ...`: the noun's clause announces
            // the one after the colon, whose subject it is about.
            if let Some(m) = ANNOUNCED.find(tail) {
                let from = trig.end + m.end();
                let ms: Vec<&Mention> = mentions_in(doc, Span::new(from, sent.end)).collect();
                if let Some(&first) = ms.first()
                    && text[from..first.span.start].trim().is_empty()
                    && ok(first)
                {
                    let list = list_from(text, first, &ms[1..], |n, gap| ok(n) && and_gap(gap));
                    return clausal(named(ids_of(text, list.into_iter()), false));
                }
            }
            let mut rest = tail.trim_start();
            // `the charges leveled against them`, `a new charge was brought against X`: a
            // participle (after its auxiliary) before `against`.
            // (With its auxiliary the noun is a clause's subject, dated by that clause.)
            let mut finite = false;
            if let Some(m) = AGAINST_PARTICIPLE.find(rest)
                && rest[m.end()..].starts_with("against ")
            {
                finite = AUXILIARY_START.is_match(m.as_str());
                rest = &rest[m.end()..];
            }
            let named = |ids: Vec<String>, p: bool| {
                let s = named(ids, p);
                if finite { clausal(s) } else { s }
            };
            let skip = trig.end + (tail.len() - rest.len());
            for p in ["of ", "against ", "on ", "by "] {
                if let Some(r) = rest.strip_prefix(p) {
                    let from = skip + p.len();
                    let to = (from + 120).min(sent.end);
                    let region = Span::new(from, floor_at(text, to));
                    let all: Vec<&Mention> = mentions_in(doc, region)
                        .filter(|m| m.entity_type != EntityType::Place)
                        .collect();
                    let first_ok = all.first().is_some_and(|m| {
                        let gap = &text[from..m.span.start];
                        (gap.len() < 40 && !gap.contains(['.', ';', ',']))
                            // `the dissolution of two unions, namely X and Y`.
                            || NAMELY.is_match(gap)
                    });
                    if first_ok {
                        // The names listed right after it (`the arrest of X and Y`).
                        let mut list: Vec<&Mention> = Vec::new();
                        let mut end = from;
                        for m in &all {
                            let gap = text[end..m.span.start].trim();
                            let joined = matches!(
                                gap,
                                "," | "and"
                                    | ", and"
                                    | "&"
                                    | "or"
                                    | "and Mr."
                                    | "and Ms."
                                    | "and the"
                                    | ", and the"
                            );
                            if !list.is_empty() && !joined {
                                break;
                            }
                            list.push(m);
                            end = m.span.end;
                        }
                        let ms: Vec<&Mention> = list.into_iter().filter(|m| ok(m)).collect();
                        if !ms.is_empty() {
                            return named(ids_of(text, ms.into_iter()), false);
                        }
                    }
                    // `the charges against him`.
                    if let Some(pm) = PRONOUN.find(&r[..floor(r, 8)]) {
                        let ids =
                            antecedent(doc, si, from + pm.start(), pm.as_str(), events_before);
                        if !ids.is_empty() {
                            return named(ids, true);
                        }
                    }
                    if GROUP.is_match(&r[..floor(r, 50)]) {
                        return named(Vec::new(), false);
                    }
                    if let Some(ids) = described(doc, si, from, &r[..floor(r, 60)], events_before) {
                        return named(ids, true);
                    }
                    // `attacks against freedom of association`, `a ban on strikes`: about a
                    // thing, not about anyone the text names (`a trial on false charges`
                    // still is about its defendant).
                    let thing = r.strip_prefix("the ").unwrap_or(r);
                    if tk == Takes::Both
                        && !first_ok
                        && thing.starts_with(|c: char| c.is_lowercase())
                        && !PRONOUN.is_match(&thing[..floor(thing, 8)])
                    {
                        return named(Vec::new(), false);
                    }
                }
            }
            // `X's arrest`, `his arrest`.
            let pre = text[before.start..trig.start].trim_end();
            let last_word = pre.rsplit(' ').next().unwrap_or("");
            // (Of an attack, a ban, a dismissal, the possessor is the doer: `the
            // government's crackdown`.)
            let doer_owns = matches!(
                etype,
                "attack" | "killing" | "ban" | "dismissal" | "surveillance"
            );
            if !doer_owns && (last_word.ends_with("'s") || last_word.ends_with("’s")) {
                let at = before.start + pre.len() - last_word.len();
                if let Some(m) = mentions_in(doc, Span::new(sent.start, trig.start))
                    .filter(|m| ok(m))
                    .find(|m| m.span.end > at)
                {
                    return named(vec![m.entity_id.to_string()], false);
                }
            }
            if let Some(p) = PRONOUN
                .find_iter(
                    &text[floor_at(text, trig.start.saturating_sub(12).max(before.start))
                        ..trig.start],
                )
                .last()
                && matches!(
                    p.as_str(),
                    "his" | "His" | "her" | "Her" | "their" | "Their"
                )
            {
                let ids = antecedent(
                    doc,
                    si,
                    trig.start.saturating_sub(12),
                    p.as_str(),
                    events_before,
                );
                if !ids.is_empty() {
                    return named(ids, true);
                }
            }
            // `granted X parole`, `denied Yang bail`: the names right before the noun.
            let g = group_before(doc, before, trig.start, ok);
            if let Some(last) = g.last()
                && text[last.span.end..trig.start]
                    .trim_start_matches(['\'', '’', 's'])
                    .trim()
                    .is_empty()
            {
                return clausal(named(ids_of(text, g.into_iter()), false));
            }
            // `refusal to register X`: its object.
            if text[trig.start..trig.end].contains(" to ")
                && let Some(found) = subject_after(trig.end)
            {
                return Some(found);
            }
            // `convicted X to a five-year prison term`: the term given to the verb's object.
            if let Some(c) = CONVICTED_TO.captures(&text[before.start..trig.start])
                && let Some(obj) = c.name("obj")
            {
                let span = Span::new(before.start + obj.start(), before.start + obj.end());
                let ms: Vec<&Mention> = mentions_in(doc, span).filter(|m| ok(m)).collect();
                if !ms.is_empty() {
                    return clausal(named(ids_of(text, ms.into_iter()), false));
                }
                if let Some(p) = PRONOUN.find(obj.as_str()) {
                    let ids =
                        antecedent(doc, si, span.start + p.start(), p.as_str(), events_before);
                    if !ids.is_empty() {
                        return clausal(named(ids, true));
                    }
                }
            }
            // A noun with a light verb (`X went on a hunger strike`, `X faced charges`).
            let pre = text[before.start..trig.start].to_lowercase();
            if light_verb(&pre) || PENALTY_LIST.is_match(&pre) {
                clausal(subject_before(true))
            } else {
                on_topic()
            }
        }
    };
    // The employer only stands for workers nobody named.
    let found = match found {
        Some(mut f) if employer_ok => {
            let is_employer = |id: &str| {
                doc.mentions
                    .iter()
                    .find(|m| &*m.entity_id == id)
                    .is_some_and(|m| m.entity_type == EntityType::Org && employer(doc, m))
            };
            if f.ids.iter().any(|i| !is_employer(i)) {
                f.ids.retain(|i| !is_employer(i));
            }
            Some(f)
        }
        other => other,
    };
    // An event that happens to organisations with none named in its clause (`however,
    // registration was again refused`): the one the text speaks of.
    if found.as_ref().is_none_or(|f| f.ids.is_empty())
        && tk == Takes::Orgs
        && let Some(id) = antecedent_org(doc, si, trig.start, trig, ok)
    {
        return named(vec![id], true);
    }
    found
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn floor_at(s: &str, i: usize) -> usize {
    floor(s, i)
}

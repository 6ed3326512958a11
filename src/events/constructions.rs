//! Constructions: how the words around a trigger say who the event happened to.
//!
//! - **passive** (`X was arrested`, `X has been violently beaten`, `X, arrested in May`,
//!   `six leaders arrested last Saturday`, `X was arrested and charged`): the subject is
//!   before the trigger;
//! - **active** (`police detained X`, `a court in Minsk convicted her`, `the judge sentenced
//!   X and Y to ...`): the object after it, the doer being the acting authority;
//! - **agentive** (`X went on strike`, `workers protested`): the doer, before it;
//! - **nominal** (`the arrest of X`, `X's arrest`, `his arrest`, `a strike by X`, `X faced
//!   charges`): after `of`/`against`/`by`, the possessor, else the clause's subject;
//! - **state** (`X remains in custody`, `X is behind bars`): before it.
//!
//! A surface that is both a noun and a verb (`arrest`, `strike`) is read from the word
//! before it: a determiner, possessive or preposition makes it a noun, an auxiliary or a
//! subject a verb.

use super::lexicon::{Form, Hit, Kind, Trigger};

/// People right after a participle (`arrested workers`, `detained activists`).
static PEOPLE_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::builtin(
        r"^\s+(?:[\w-]+\s+)?(?:workers|activists|protesters|leaders|unionists|members|people|persons|journalists|students|employees|teachers|miners|detainees|prisoners|demonstrators|workers’|workers')\b",
    )
});

/// `and charged`, `and later released`: a second verb after the trigger, then its object.
static COORDINATED_ACTIVE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::builtin(r"^\s+(?:and|or)\s+(?:\w+ly\s+)?\w+ed()\b")
});

/// A stay in a place of detention the text names (`in Evin Prison`, `is still in Wakilabad
/// prison`, `a message from Rajaee Shahr Prison`, `placed in a pre-trial detention
/// centre`): a detention state the lexicon cannot list, the places being names.
static PLACE_OF_DETENTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::builtin(
        r"\b(?:in|inside|at|from|to|into)\s+(?:(?:the|a)\s+)?(?:(?:[A-Z][\w’'-]*|No\.|\d+)\s+){1,4}(?:[Pp]rison|[Jj]ail|[Pp]enal [Cc]olony|[Cc]orrectional [Cc]ent(?:er|re)|[Dd]etention [Cc]ent(?:er|re)|[Dd]etention [Ff]acility)\b|\b(?:in|inside|at|from|to|into)\s+(?:(?:the|a)\s+)?(?:pre-?trial\s+)?detention (?:cent(?:er|re)|facility)\b",
    )
});

/// The reading of a [`PLACE_OF_DETENTION`] hit.
static DETENTION_STATE: [Trigger; 1] = [Trigger {
    event_type: "detention",
    kind: Kind::State,
    form: Form::Other,
}];

/// The stays in named places of detention in `s` (see [`PLACE_OF_DETENTION`]).
pub fn places_of_detention(s: &str) -> Vec<Hit<'_>> {
    PLACE_OF_DETENTION
        .find_iter(s)
        .map(|m| Hit {
            start: m.start(),
            end: m.end(),
            surface: m.as_str(),
            triggers: &DETENTION_STATE,
        })
        .collect()
}

/// Bail refused (`a court denied Yang bail`, `was refused bail`): the detention goes on.
/// The names between verb and noun are its object, so the lexicon cannot list it.
static BAIL_DENIED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::builtin(
        r"\b(?:denied|refused|rejected)(?:\s+(?:[A-Z][\w’'-]*|him|her|them))*\s+bail\b",
    )
});

/// The reading of a [`BAIL_DENIED`] hit: a verb whose object is the detainee.
static BAIL_DENIED_READING: [Trigger; 1] = [Trigger {
    event_type: "detention",
    kind: Kind::Verb,
    form: Form::Ed,
}];

/// The refusals of bail in `s` (see [`BAIL_DENIED`]); the hit is the verb.
pub fn bail_denied(s: &str) -> Vec<Hit<'_>> {
    BAIL_DENIED
        .find_iter(s)
        .map(|m| {
            let verb = m.as_str().split_whitespace().next().unwrap_or("");
            Hit {
                start: m.start(),
                end: m.start() + verb.len(),
                surface: &s[m.start()..m.start() + verb.len()],
                triggers: &BAIL_DENIED_READING,
            }
        })
        .collect()
}

/// A removal from a post with its object between (`to remove X from the post of chairman`,
/// `ousted her from her position`): a dismissal the lexicon cannot list.
static REMOVED_FROM_POST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::builtin(
        r"\b(?:remov|oust)(?:e|es|ed|ing)?\s+(?:him|her|them|(?:[A-Z][\w’'-]*)(?:\s+[A-Z][\w’'-]*){0,3})\s+from\s+(?:the|his|her|their)\s+(?:post|position|office|job|chairmanship|leadership|seat)s?\b",
    )
});

/// The readings of a [`REMOVED_FROM_POST`] verb by its form.
static REMOVAL_READINGS: [Trigger; 4] = [
    Trigger {
        event_type: "dismissal",
        kind: Kind::Verb,
        form: Form::Base,
    },
    Trigger {
        event_type: "dismissal",
        kind: Kind::Verb,
        form: Form::S,
    },
    Trigger {
        event_type: "dismissal",
        kind: Kind::Verb,
        form: Form::Ed,
    },
    Trigger {
        event_type: "dismissal",
        kind: Kind::Verb,
        form: Form::Ing,
    },
];

/// The removals from a post in `s` (see [`REMOVED_FROM_POST`]); the hit is the verb.
pub fn removed_from_post(s: &str) -> Vec<Hit<'_>> {
    REMOVED_FROM_POST
        .find_iter(s)
        .map(|m| {
            let verb = m.as_str().split_whitespace().next().unwrap_or("");
            let k = if verb.ends_with("ed") {
                2
            } else if verb.ends_with("ing") {
                3
            } else if verb.ends_with('s') {
                1
            } else {
                0
            };
            Hit {
                start: m.start(),
                end: m.start() + verb.len(),
                surface: &s[m.start()..m.start() + verb.len()],
                triggers: &REMOVAL_READINGS[k..=k],
            }
        })
        .collect()
}

/// Whether a hit is a stay in a named place of detention (it contains a name).
pub fn is_place_of_detention(hit: &Hit) -> bool {
    std::ptr::eq(hit.triggers.as_ptr(), DETENTION_STATE.as_ptr())
}

/// Whether a past verb with its object stands before `and` (`seized the hall and
/// assaulted workers`): the participle after `and` is a verb of the same subject, not an
/// adjective (`students and detained workers`). `before` holds the words before the
/// trigger, nearest first, `and` at 0.
fn past_verb_before(before: &[String]) -> bool {
    (2..before.len().min(5)).any(|k| {
        before[k].ends_with("ed")
            && before[k].len() > 3
            && before
                .get(k + 1)
                .is_none_or(|w| !noun_before(w) && !aux(w) && !quantity(w))
            && noun_before(&before[k - 1])
    })
}

/// A word that counts or quantifies the noun after it (`14`, `dozens`, `other`).
fn quantity(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(
            w,
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "fifteen"
                | "twenty"
                | "thirty"
                | "fifty"
                | "hundred"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "dozen"
                | "other"
                | "all"
                | "many"
                | "several"
                | "some"
                | "more"
                | "of"
                | "with"
                | "and"
                | "recently"
                | "newly"
                | "previously"
                | "already"
                | "wrongfully"
                | "unjustly"
                | "arbitrarily"
                | "illegally"
        )
        || w.is_empty()
}

/// A passive participle, then `and` right before the trigger.
static COORDINATED_PASSIVE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::builtin(
        r"(?i)\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b[^.;:]{0,120}(?:\band|,)\s+(?:\w+ly\s+)?$",
    )
});

/// Where the subject of a trigger is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// Before the trigger: `X was arrested`.
    Passive,
    /// After the trigger: `police arrested X`.
    Active,
    /// The doer, before it: `X went on strike`.
    Agentive,
    /// A noun: `the arrest of X`, `X's arrest`.
    Nominal,
    /// A lasting state: `X remains in custody`.
    State,
}

/// Forms of `be` and `get` that make a participle passive.
fn aux(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "been"
            | "being"
            | "be"
            | "is"
            | "are"
            | "am"
            | "get"
            | "got"
            | "gets"
            | "getting"
            | "'s"
            | "’s"
    )
}

/// Words that may stand between an auxiliary and its participle.
fn between_aux(w: &str) -> bool {
    w.ends_with("ly")
        || matches!(
            w,
            "also"
                | "later"
                | "again"
                | "then"
                | "first"
                | "still"
                | "already"
                | "soon"
                | "since"
                | "subsequently"
                | "eventually"
                | "once"
                | "twice"
                | "all"
                | "both"
                | "each"
                | "not"
                | "never"
                | "and"
                | "or"
                | ","
                | "just"
                | "even"
                | "only"
                | "previously"
                | "recently"
                | "finally"
                | "initially"
                | "temporarily"
                | "illegally"
                | "unlawfully"
                | "arbitrarily"
                | "reportedly"
                | "allegedly"
                | "formally"
                | "officially"
        )
}

/// Words after which a surface that is also a verb is a noun.
/// A preposition that opens a noun phrase (`with`, `on`, `against`).
fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "with" | "on" | "of" | "for" | "against" | "over" | "about" | "under" | "after" | "by"
    )
}

fn noun_before(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "this"
            | "that"
            | "these"
            | "those"
            | "after"
            | "before"
            | "since"
            | "following"
            | "upon"
            | "during"
            | "of"
            | "for"
            | "against"
            | "over"
            | "amid"
            | "despite"
            | "without"
            | "with"
            | "new"
            | "first"
            | "second"
            | "recent"
            | "latest"
            | "mass"
            | "violent"
            | "arbitrary"
            | "illegal"
            | "unlawful"
            | "his/her"
            | "general"
            | "national"
            | "ongoing"
            | "indefinite"
            | "hunger"
            | "criminal"
            | "any"
            | "no"
            | "further"
            | "another"
            | "such"
            | "whose"
            | "in"
            | "on"
            | "by"
            | "from"
            | "to"
    ) || w.ends_with("'s")
        || w.ends_with("’s")
        || w.chars().all(|c| c.is_ascii_digit())
}

/// How far after a trigger the constructions read (bytes): far more than any of their
/// patterns spans, and a bound on the work per trigger, whatever follows it (without it,
/// lower-casing or searching the rest of the document per trigger made a long document
/// cost its length squared).
const AHEAD: usize = 200;

/// At most [`AHEAD`] bytes of `text` from byte `at`.
fn ahead(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    &rest[..rest.floor_char_boundary(AHEAD)]
}

/// The words of `text` before byte `at`, nearest first (lower case, punctuation as words).
fn words_before(text: &str, at: usize, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text[..at].chars().rev() {
        if c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' {
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            out.push(cur.chars().rev().collect::<String>().to_lowercase());
            cur.clear();
            if out.len() >= n {
                return out;
            }
        }
        if matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '"' | '“' | '”') {
            out.push(c.to_string());
            if out.len() >= n {
                return out;
            }
        }
    }
    if !cur.is_empty() && out.len() < n {
        out.push(cur.chars().rev().collect::<String>().to_lowercase());
    }
    out
}

/// The first word of `text` after byte `at` (lower case), or the punctuation there.
fn word_after(text: &str, at: usize) -> String {
    let rest = text[at..].trim_start_matches(' ');
    let Some(c) = rest.chars().next() else {
        return String::new();
    };
    if !c.is_alphanumeric() {
        return c.to_string();
    }
    rest.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Whether a word after an active verb begins its object (not a preposition, a date or the
/// end of the clause).
/// A number word opening a text (`twelve workers`, `hundreds of`).
static NUMBER_WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::builtin(
        r"^(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|hundreds|dozens|a dozen|scores)\b",
    )
});

fn starts_object(w: &str, original_after: &str) -> bool {
    if w.is_empty() {
        return false;
    }
    // `arrested at least 122`, `detained over 300 workers`: a quantity is the object.
    let rest = original_after.trim_start();
    let rest = rest[..rest.floor_char_boundary(AHEAD)].to_lowercase();
    if [
        "at least ",
        "more than ",
        "over ",
        "up to ",
        "nearly ",
        "almost ",
    ]
    .iter()
    .any(|q| {
        rest.strip_prefix(q)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()) || NUMBER_WORD.is_match(r))
    }) {
        return true;
    }
    let preposition = matches!(
        w,
        "on" | "in"
            | "at"
            | "for"
            | "after"
            | "before"
            | "during"
            | "since"
            | "by"
            | "from"
            | "over"
            | "last"
            | "this"
            | "yesterday"
            | "today"
            | "earlier"
            | "later"
            | "again"
            | "twice"
            | "under"
            | "with"
            | "without"
            | "until"
            | "till"
            | "outside"
            | "near"
            | "when"
            | "while"
            | "as"
            | "and"
            | "or"
            | "to"
            | "into"
            | "following"
            | "amid"
            | "because"
            | "along"
    );
    !preposition && w.chars().next().is_none_or(|c| c.is_alphanumeric()) && {
        // A month name right after is a date (`arrested January 5`), not an object.
        let first = original_after.trim_start().split(' ').next().unwrap_or("");
        !crate::resolve::candidates::is_calendar_word(first)
    }
}

/// Reads a trigger: which of its readings applies and where its subject is.
/// Words after a noun trigger that make it a modifier of another noun (`strike leader`,
/// `detention centre`), not an event.
fn modifier_of(next: &str) -> bool {
    matches!(
        next,
        "leader"
            | "leaders"
            | "committee"
            | "committees"
            | "site"
            | "sites"
            | "action"
            | "fund"
            | "warrant"
            | "warrants"
            | "organiser"
            | "organisers"
            | "organizer"
            | "organizers"
            | "camp"
            | "wave"
            | "centre"
            | "center"
            | "centres"
            | "centers"
            | "conditions"
            | "facility"
            | "facilities"
            | "period"
            | "order"
            | "status"
            | "cell"
            | "ward"
            | "rules"
            | "law"
            | "laws"
            | "procedure"
            | "record"
            | "records"
            | "date"
            | "hearings"
            | "chamber"
            | "judge"
            | "court"
            | "movement"
            | "participants"
            | "slogans"
            | "banner"
            | "banners"
            | "pay"
            | "ballot"
            | "vote"
            | "notice"
            | "threat"
            | "threats"
            | "demands"
            | "release"
            | "statement"
            | "message"
            | "video"
    )
}

pub fn read<'a>(
    text: &str,
    hit: &Hit<'a>,
    start: usize,
    end: usize,
) -> Option<(&'a Trigger, Voice)> {
    let before = words_before(text, start, 6);
    let prev = before.first().map(String::as_str).unwrap_or("");
    let next = word_after(text, end);
    // Ending something is not doing it (`ended their hunger strike`, `called an end to the
    // strike`).
    if before.iter().take(3).any(|w| {
        matches!(
            w.as_str(),
            "end"
                | "ended"
                | "ending"
                | "ends"
                | "off"
                | "suspended"
                | "postponed"
                | "cancelled"
                | "canceled"
        )
    }) {
        return None;
    }
    // An infinitive (`asked the court to acquit`) is not yet an event; `tried to`, `in
    // charge` are other words.
    let lower = hit.surface.to_lowercase();
    if (next == "to" && matches!(lower.as_str(), "try" | "tried" | "tries" | "trying"))
        || (prev == "in" && matches!(lower.as_str(), "charge" | "protest"))
    {
        return None;
    }
    let has = |k: Kind| hit.triggers.iter().find(|t| t.kind == k);
    let verb = hit
        .triggers
        .iter()
        .find(|t| matches!(t.kind, Kind::Verb | Kind::VerbI));
    let noun = has(Kind::Noun);
    if let Some(t) = has(Kind::State) {
        return Some((t, Voice::State));
    }
    // (`was forced to dissolve`, `had to go on strike`: made to do it, and done.)
    // (`the decision of a court in X to lift the ban`: a decision taken is the act.)
    let compelled = matches!(
        before.get(1).map(String::as_str),
        Some("forced" | "compelled" | "obliged" | "made" | "had")
    ) || before
        .iter()
        .skip(1)
        .take(5)
        .any(|w| matches!(w.as_str(), "decision" | "ruling"));
    if prev == "to"
        && !compelled
        && verb.is_some_and(|v| v.form == Form::Base)
        && noun.is_none_or(|_| !noun_before(before.get(1).map(String::as_str).unwrap_or("")))
    {
        return None;
    }
    // A noun, or a verb form that is also one.
    if let Some(n) = noun {
        // `the continued attacks`, `their repeated arrests`: a participle between a
        // determiner and the noun.
        // `faced charges`, `staged strikes`, `faces charges`: a finite verb takes the noun
        // as its object (two finite verbs do not follow each other).
        let object_of_verb = matches!(
            prev,
            "face"
                | "faces"
                | "facing"
                | "receive"
                | "receives"
                | "receiving"
                | "bring"
                | "brings"
                | "bringing"
                | "file"
                | "files"
                | "filing"
                | "stage"
                | "stages"
                | "staging"
                | "hold"
                | "holds"
                | "holding"
                | "held"
                | "got"
                | "get"
                | "gets"
                | "drop"
                | "drops"
                | "dropping"
                | "press"
                | "presses"
                | "pressing"
        );
        if (object_of_verb
            || (prev.ends_with("ed")
                && before
                    .get(1)
                    .is_some_and(|w| noun_before(w) && !matches!(w.as_str(), "of" | "for")))
            || (prev.ends_with("ed") && verb.is_some_and(|v| v.form == Form::S))
            // `with terrorism charges`, `the criminal charges`: a word between a
            // determiner or preposition and an -s form modifies a plural noun.
            || (verb.is_some_and(|v| v.form == Form::S)
                && !prev.is_empty()
                && !noun_before(prev)
                && before.get(1).is_some_and(|w| noun_before(w) || is_preposition(w))))
            && verb.is_none_or(|v| matches!(v.form, Form::S | Form::Base))
        {
            return (!modifier_of(&next)).then_some((n, Voice::Nominal));
        }
        let verb_form = verb.filter(|v| v.form != Form::Base || !noun_before(prev));
        match verb_form {
            Some(v) if !noun_before(prev) || matches!(v.form, Form::Ed) => {}
            _ => {
                return (!modifier_of(&next)).then_some((n, Voice::Nominal));
            }
        }
        if verb.is_some_and(|v| v.form == Form::Base) && next == "of" {
            return Some((n, Voice::Nominal));
        }
    }
    let v = verb?;
    if v.kind == Kind::VerbI {
        return Some((v, Voice::Agentive));
    }
    match v.form {
        // An adjective (`the banned Muslim Brotherhood`, `the detained workers`).
        Form::Ed
            if matches!(
                prev,
                "the" | "a" | "an" | "this" | "these" | "those" | "its" | "their" | "his" | "her"
            ) =>
        {
            None
        }
        // `14 arrested workers`: an adjective before the people it describes (not
        // `police arrested 14 workers`, `police arrested workers`).
        Form::Ed
            if PEOPLE_AFTER.is_match(ahead(text, end))
                && quantity(prev)
                && !(prev == "and" && past_verb_before(&before)) =>
        {
            None
        }
        Form::Ed => {
            // A participle coordinated with a passive one (`was sentenced to two years and
            // fined`).
            let from = start.saturating_sub(160);
            let mut from = from;
            while !text.is_char_boundary(from) {
                from += 1;
            }
            if COORDINATED_PASSIVE.is_match(&text[from..start]) {
                return Some((v, Voice::Passive));
            }
            // An auxiliary before it (adverbs and coordinated participles between).
            for w in &before {
                if aux(w) {
                    return Some((v, Voice::Passive));
                }
                if !between_aux(w) && !w.ends_with("ed") && !w.ends_with("en") {
                    break;
                }
            }
            let after = word_after(text, end);
            // `police arrested and charged X`: coordinated verbs share the object after.
            let coordinated = COORDINATED_ACTIVE
                .captures(ahead(text, end))
                .and_then(|c| c.get(1))
                .is_some_and(|m| {
                    let rest = ahead(text, end + m.end());
                    starts_object(&word_after(text, end + m.end()), rest)
                });
            if matches!(prev, "has" | "have" | "had")
                || starts_object(&after, ahead(text, end))
                || coordinated
            {
                Some((v, Voice::Active))
            } else {
                // `six leaders arrested last Saturday`, `X, arrested in May,`.
                Some((v, Voice::Passive))
            }
        }
        Form::Ing => {
            // After an adjective or a determiner a gerund is a noun (`illegal striking`).
            if noun_before(prev)
                && !matches!(
                    prev,
                    "for" | "of" | "after" | "before" | "by" | "against" | "without" | "since"
                )
            {
                return None;
            }
            // A gerund with its object (`after convicting him`, `for arresting X`): the
            // object is the victim.
            let object_next = text[end..]
                .trim_start_matches(' ')
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
                || matches!(next.as_str(), "him" | "her" | "them" | "it");
            if v.kind == Kind::Verb && object_next {
                Some((v, Voice::Active))
            } else if matches!(
                prev,
                "for" | "of" | "after" | "before" | "by" | "against" | "without"
            ) {
                // A gerund: the doer is the clause's subject (`arrested for protesting`).
                Some((v, Voice::Agentive))
            } else {
                Some((v, Voice::Active))
            }
        }
        Form::Base | Form::S => {
            if prev == "to"
                && matches!(
                    before.get(1).map(String::as_str),
                    Some(
                        "refused"
                            | "decided"
                            | "tried"
                            | "attempted"
                            | "wanted"
                            | "threatened"
                            | "planned"
                    )
                )
            {
                return None;
            }
            Some((v, Voice::Active))
        }
        Form::Other => Some((v, Voice::Active)),
    }
}

/// `detained` is an arrest when it happens (`was detained on 3 May`) and a detention when
/// it lasts (`has been detained since`, `is currently detained`, `remain detained`).
pub fn detained_state(
    text: &str,
    hit: &Hit<'_>,
    etype: &'static str,
    start: usize,
) -> &'static str {
    if etype != "arrest" || !hit.surface.to_lowercase().starts_with("detain") {
        return etype;
    }
    let before = words_before(text, start, 4);
    let lasting = before.iter().take(3).any(|w| {
        matches!(
            w.as_str(),
            "is" | "are"
                | "am"
                | "remain"
                | "remains"
                | "remained"
                | "still"
                | "currently"
                | "now"
                | "has"
                | "have"
        )
    }) || word_after(text, start + hit.surface.len()) == "since"
        // `was detained to serve her sentence`: taken in to serve a term.
        || {
            let after = &text[start + hit.surface.len()..];
            let near = &after[..after.floor_char_boundary(40)];
            near.split([',', '.', ';'])
                .next()
                .is_some_and(|clause| clause.contains("to serve "))
        }
        || before.first().is_some_and(|w| w == "been")
            && before
                .get(1)
                .is_some_and(|w| matches!(w.as_str(), "has" | "have"));
    if lasting { "detention" } else { etype }
}

/// A verb that makes a sentence lighter, before the noun (`reduced the`, `commuting his`,
/// `changed X's`).
static SENTENCE_LIGHTENED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::builtin(
        r"(?i)\b(?:reduc|commut|chang|shorten|lower|mitigat|soften|convert|halv)(?:e|es|ed|ing)\s+(?:the|his|her|their|its|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}['’]s?)\s+(?:(?:prison|jail|original|initial)\s+)?$",
    )
});

/// The type of an event named by the noun `appeal`: the verb before it says what became
/// of it (`rejected X's appeal`, `granted the appeal`, `filed an appeal`); other triggers
/// keep their type. `None`: no event (`an appeal to the authorities`).
pub fn appeal_type(text: &str, hit: &Hit<'_>, t: &Trigger, start: usize) -> Option<&'static str> {
    let lower = hit.surface.to_lowercase();
    if t.kind == Kind::Noun && matches!(lower.as_str(), "registration" | "registrations") {
        // `refused registration`, `rejected the application for registration`,
        // `registration was declined`.
        let before = words_before(text, start, 6);
        let after = ahead(text, start + hit.surface.len()).to_lowercase();
        let denied = |w: &str| {
            matches!(
                w,
                "refused"
                    | "denied"
                    | "rejected"
                    | "declined"
                    | "refuses"
                    | "denies"
                    | "rejects"
                    | "refusing"
                    | "denying"
                    | "rejecting"
            )
        };
        if before
            .iter()
            .take_while(|w| !matches!(w.as_str(), "." | ";" | ":"))
            .any(|w| denied(w))
            || after
                .trim_start()
                .trim_start_matches("was ")
                .trim_start_matches("again ")
                .split(' ')
                .next()
                .is_some_and(denied)
        {
            return Some("registration_denied");
        }
        return None;
    }
    // `reduced the sentence to three years`, `commuted his sentence`: a sentence made
    // lighter, the old one only named.
    if t.kind == Kind::Noun
        && t.event_type == "sentence"
        && SENTENCE_LIGHTENED
            .is_match(&text[text.floor_char_boundary(start.saturating_sub(40))..start])
    {
        return Some("appeal_granted");
    }
    if t.kind != Kind::Noun || !matches!(lower.as_str(), "appeal" | "appeals") {
        return Some(t.event_type);
    }
    // After it: `appeal refused by judge`, `the appeal was rejected`.
    let after: Vec<String> = text[start + hit.surface.len()..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .collect();
    for w in after
        .iter()
        .filter(|w| !matches!(w.as_str(), "was" | "were" | "has" | "been" | "is"))
        .take(1)
    {
        match w.as_str() {
            "rejected" | "dismissed" | "refused" | "denied" | "declined" | "failed" => {
                return Some("appeal_rejected");
            }
            "granted" | "satisfied" | "accepted" | "succeeded" | "upheld" => {
                return Some("appeal_granted");
            }
            _ => {}
        }
    }
    let before = words_before(text, start, 7);
    for w in &before {
        match w.as_str() {
            "rejected" | "dismissed" | "refused" | "denied" | "declined" | "lost" | "down" => {
                return Some("appeal_rejected");
            }
            "granted" | "satisfied" | "accepted" | "won" | "upheld" | "allowed" => {
                return Some("appeal_granted");
            }
            "filed" | "lodged" | "submitted" | "heard" => return Some("complaint"),
            "." | ";" | ":" => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::lexicon::TriggerLexicon;
    use std::path::Path;

    fn voice(text: &str) -> Vec<(String, &'static str, Voice)> {
        let lx = TriggerLexicon::parse(
            crate::events::DEFAULT_TRIGGERS,
            Path::new("rules/triggers.tsv"),
        )
        .expect("lexicon");
        lx.find(text)
            .iter()
            .filter_map(|h| {
                read(text, h, h.start, h.end).map(|(t, v)| (h.surface.to_string(), t.event_type, v))
            })
            .collect()
    }

    #[test]
    fn passive_active_and_reduced() {
        let v =
            voice("Ana Ruiz was violently arrested on Monday; police later detained her brother.");
        assert_eq!(v[0], ("arrested".into(), "arrest", Voice::Passive));
        assert_eq!(v[1], ("detained".into(), "arrest", Voice::Active));
        let v = voice("Four organisers arrested last week remain in custody.");
        assert_eq!(v[0].2, Voice::Passive);
        assert_eq!(v[1], ("in custody".into(), "detention", Voice::State));
        let v = voice("She was arrested and charged with treason.");
        assert_eq!(v[1], ("charged".into(), "charge", Voice::Passive));
    }

    #[test]
    fn nouns_and_verbs_of_one_surface() {
        let v = voice("After his arrest the union called a strike; miners strike often.");
        assert_eq!(v[0], ("arrest".into(), "arrest", Voice::Nominal));
        assert_eq!(v[1], ("strike".into(), "strike", Voice::Nominal));
        assert_eq!(v[2], ("strike".into(), "strike", Voice::Agentive));
        let v = voice("The court will try him; the trial of Omar Diaz began.");
        assert!(v.iter().any(|x| x.0 == "trial" && x.2 == Voice::Nominal));
    }
}

//! Modality: whether a trigger reports an event that happened (demands, hypotheses,
//! threats and negations do not), and whether the text disputes it.

use crate::doc::Span;
use crate::patterns::builtin;
use regex::Regex;
use std::sync::LazyLock;

/// Words that make what follows in their clause a demand, hypothesis, threat or negation.
static BLOCKERS: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(should|must|would|could|(?-i:may)|might|calls? (?:for|on)|called (?:for|on)|calling (?:for|on)|demand\w*|urg\w*|appeal\w* (?:to|for)|ask\w* (?:for|to)|asked (?:\w+ ){1,3}to|if|unless|whether|not|cannot|can't|couldn't|won't|(?-i:no)|never|neither|nor|without|yet to|fail(?:ed|s)? to|threat\w*|risk\w*|fac\w+ up to|to be|will be|want\w*|seek\w*|petition\w*|campaign\w* for|in order to|would-be|possible|potential|prevent\w*|insist\w*|tr(?:y|ied|ying) to|attempt\w*|hop(?:e|es|ed|ing)|expect\w*|plan\w* to|intend\w*)\b",
    )
});

/// A penalty someone faces (a threat): `faces up to 12 years in prison`, `faced 4 to 12
/// years`, `faces imprisonment`.
static FACES: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\bfac(?:e|es|ed|ing)\s+(?:up to\s+|a possible\s+|possible\s+|between\s+)?(?:[\w-]+\s+){0,5}$",
    )
});

/// A ruling or order that a modal verb after it reports, not a demand.
static ORDER: LazyLock<Regex> = LazyLock::new(|| {
    builtin(r"(?i)\b(?:ruled|ordered|decided|decreed|declared|held) that\b[^.;]*$")
});

/// Words that say a reported event is disputed (`trumped-up`, `fabricated`).
static CONTESTED: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(false|bogus|trumped[- ]up|fabricated|politically motivated|unfounded|botched|alleged|unjust\w*|sham|mock|spurious|baseless|groundless|trumped)\b",
    )
});

/// A remark that reports a fact (`it should be noted that`, `it must be said that`).
static NOTED_THAT: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:noted|said|stressed|emphasi[sz]ed|recalled|remembered|mentioned|added|pointed out|known) that\b",
    )
});

/// Stirring up what follows (`inciting`, `incitement to`, `instigating`).
static INCITING: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)\b(?:incit\w*|instigat\w*|provok\w*)\s+(?:to\s+)?(?:(?:a|an|the|mass|illegal|unauthori[sz]ed|new)\s+)?$",
    )
});

/// Whether the words before the trigger, inside its clause, make it a demand, hypothesis
/// or negation.
pub(crate) fn blocked(text: &str, sent: Span, trig: Span) -> bool {
    let from = text.ceil_char_boundary(trig.start.saturating_sub(90).max(sent.start));
    let before = &text[from..trig.start];
    // `accused of inciting strikes`, `incitement to mass riots`: what one is said to have
    // stirred up, not an event that happened.
    if INCITING.is_match(before) {
        return true;
    }
    // A court's order is an event, whatever its modal (`ruled that X should be dissolved`).
    if ORDER.is_match(before) {
        return false;
    }
    // `It should be noted that X was ...`: what is reported is outside the modal of the
    // remark that reports it.
    let before = NOTED_THAT
        .find_iter(before)
        .last()
        .map_or(before, |m| &before[m.end()..]);
    // Only the current clause: cut at the last clause boundary.
    let clause = before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ';' | ':' | '“' | '"' | '(' | ')'))
        .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
    let clause = match clause.rfind(", ") {
        Some(i) if clause[i..].contains(" and ") || clause[i..].contains(" but ") => &clause[i..],
        _ => clause,
    };
    BLOCKERS.is_match(clause)
}

/// Whether a penalty is only faced (`faces up to 12 years in prison`): the words before
/// the trigger, within its sentence.
pub(crate) fn faced(text: &str, sent: Span, trig: Span) -> bool {
    let from = text.ceil_char_boundary(trig.start.saturating_sub(40).max(sent.start));
    FACES.is_match(&text[from..trig.start])
}

/// Whether a sentence disputes what it reports (`on trumped-up charges`).
pub(crate) fn contested(sentence: &str) -> bool {
    CONTESTED.is_match(sentence)
}
